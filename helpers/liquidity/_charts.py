"""Lesson 03's charts: one contract — a frame or a computed result in, an Altair chart out.

Every ``*_chart`` takes what it draws as its first argument (a frame from ``_compute`` or a test
result) and never reads the snapshot; the two time-series charts also take the policy ``phases`` to
shade (:func:`helpers.events.policy_phases`; the package's public wrappers supply the snapshot's).
Data are embedded with :func:`helpers.charts.inline_csv`, which keeps the stored lesson small.
"""
from __future__ import annotations

import altair as alt
import numpy as np
import pandas as pd

from helpers import stats
from helpers.charts import PALETTE, SOURCE_FRED, inline_csv, phase_layer, with_source
from helpers.i18n import N_, text
from helpers.i18n import gettext as _
from helpers.liquidity._compute import ASSET_LABELS, CHANNELS, clipped_phases, rolling_factor_corr
from helpers.validate import check_choice, check_frame, check_int, check_number

INDEX_SCALE = alt.Scale(domain=["S&P 500", "Nasdaq"], range=[PALETTE[0], PALETTE[1]])
SOURCE_MARKETS = N_("Source: FRED (Federal Reserve Bank of St. Louis) and Yahoo Finance (BTC-USD), "
                     "Liquidity Lab snapshot")  # shown with text(SOURCE_MARKETS)


def _shading(phases, first: pd.Timestamp) -> pd.DataFrame:
    """The ``phases`` (``phase``, ``start``, ``end``) that overlap the data from ``first`` on, checked."""
    check_frame("phases", phases, ("phase", "start", "end"), dated=False)
    for col in ("start", "end"):
        if not pd.api.types.is_datetime64_any_dtype(phases[col]) or getattr(phases[col].dt, "tz", None) is not None:
            raise TypeError(f"phases[{col!r}] must hold dates without a time zone, got dtype {phases[col].dtype}; "
                            "allowed: the frame helpers.events.policy_phases returns")
    shown = clipped_phases(phases, first)
    if shown.empty:
        raise ValueError(f"phases has no phase that ends on or after the data's first date ({first:%Y-%m-%d}); "
                         "allowed: the frame helpers.events.policy_phases returns")
    return shown


def _panel(phases: pd.DataFrame, line: alt.Chart, height: int, title: str) -> alt.LayerChart:
    return alt.layer(phase_layer(phases), line).properties(
        width=640, height=height, title=alt.TitleParams(title, fontSize=12))


def channels_chart(data: pd.DataFrame, phases: pd.DataFrame) -> alt.VConcatChart:
    """Five small panels, one per transmission channel (from :func:`channel_data`), ``phases`` shaded."""
    check_frame("data", data, tuple(CHANNELS), numeric=True)
    shown = _shading(phases, data.index[0])
    panels = []
    for key, (name, label) in CHANNELS.items():
        line = alt.Chart().mark_line(color=PALETTE[7], strokeWidth=1.5).encode(
            x=alt.X("date:T", title=None),
            y=alt.Y(f"{key}:Q", title=None, scale=alt.Scale(zero=False)),
            tooltip=[alt.Tooltip("date:T", format="%Y-%m"), alt.Tooltip(f"{key}:Q", format=".2f")],
        )
        panels.append(_panel(shown, line, 80, _("{channel}: {series}").format(channel=text(name),
                                                                              series=text(label))))
    title = alt.TitleParams(
        _("Five channels, five series: each moved on its own timetable"),
        subtitle=[_("Monthly averages; shaded: QE, QT and reserve-management phases from the policy-event table")])
    csv = inline_csv(data.rename_axis("date"), "lesson03_channels")
    return with_source(alt.vconcat(*panels, spacing=6, data=csv).properties(title=title), text(SOURCE_FRED))


def net_liquidity_chart(weekly: pd.DataFrame, phases: pd.DataFrame) -> alt.VConcatChart:
    """Net liquidity, BTC and the Nasdaq, weekly, each on its own log scale, ``phases`` shaded."""
    check_frame("weekly", weekly, ("net_liquidity", "btc", "nasdaq"), numeric=True)
    data = pd.DataFrame({"net_liquidity_tn": weekly["net_liquidity"] / 1000,
                         "btc": weekly["btc"], "nasdaq": weekly["nasdaq"]})
    if (data <= 0).any().any():
        raise ValueError("weekly has values <= 0 in net_liquidity, btc or nasdaq; allowed: positive levels "
                         "(each panel has a log scale)")
    shown = _shading(phases, weekly.index[0])
    specs = [
        ("net_liquidity_tn", _("Net liquidity ($ trillions)"), PALETTE[0], [3, 4, 5, 6, 7, 8]),
        ("btc", _("BTC (USD)"), PALETTE[1], [100, 1_000, 10_000, 100_000]),
        ("nasdaq", _("Nasdaq Composite (index)"), PALETTE[2], [4_000, 8_000, 16_000, 32_000]),
    ]
    panels = []
    for col, label, color, ticks in specs:
        lo, hi = float(data[col].min()), float(data[col].max())
        line = alt.Chart().mark_line(color=color, strokeWidth=1.5).encode(
            x=alt.X("date:T", title=None),
            y=alt.Y(f"{col}:Q", title=None,
                    scale=alt.Scale(type="log", domain=[lo / 1.1, hi * 1.1], nice=False),
                    axis=alt.Axis(values=ticks, format=",")),
            tooltip=[alt.Tooltip("date:T", format="%Y-%m-%d", title=_("week")),
                     alt.Tooltip(f"{col}:Q", format=",.2f", title=label)],
        )
        panels.append(_panel(shown, line, 110, _("{series}, log scale").format(series=label)))
    title = alt.TitleParams(
        _("Net liquidity, BTC and the Nasdaq: some shared waves, very different paths"),
        subtitle=[_("Weekly (Wednesdays); net liquidity = Fed total assets − Treasury General Account − ON RRP")])
    csv = inline_csv(data.rename_axis("date"), "lesson03_net_liquidity")
    return with_source(alt.vconcat(*panels, spacing=6, data=csv).properties(title=title), text(SOURCE_MARKETS))


def _measure_colors(domain: list[str]) -> alt.Scale:
    return alt.Scale(domain=domain, range=[PALETTE[3], PALETTE[0]])


def _rule(axis: str, value: float, **mark) -> alt.Chart:
    """A reference line at ``value`` (``axis`` "x" or "y"): grey, or styled by ``mark`` (mark_rule's options)."""
    return alt.Chart(pd.DataFrame({axis: [value]})).mark_rule(**(mark or {"color": "#999"})).encode(
        **{axis: f"{axis}:Q"})


def level_vs_change_chart(table: pd.DataFrame) -> alt.Chart:
    """Bars of the per-year correlations in levels and in changes (from :func:`level_vs_change`)."""
    check_frame("table", table, ("levels", "changes"), dated=False, numeric=True)
    years = table.drop(index="all", errors="ignore")[["levels", "changes"]]
    if years.empty or years.isna().all().all():
        raise ValueError("table has no per-year correlations; allowed: the table from level_vs_change(..., "
                         "by_year=True)")
    df = years.rename_axis("period").reset_index().melt(id_vars="period", var_name="measure", value_name="corr")
    measures = {"levels": _("Levels (log)"), "changes": _("Weekly changes")}  # display labels only
    df["measure"] = df["measure"].map(measures)
    chart = alt.Chart(df).mark_bar().encode(
        x=alt.X("period:N", title=_("Calendar year")),
        xOffset="measure:N",
        y=alt.Y("corr:Q", title=_("Correlation"), scale=alt.Scale(domain=[-1, 1])),
        color=alt.Color("measure:N", title=None, scale=_measure_colors(list(measures.values()))),
        tooltip=["period:N", "measure:N", alt.Tooltip("corr:Q", format=".2f")],
    ).properties(width=640, height=260, title=alt.TitleParams(
        _("In levels the sign flips from year to year; in weekly changes it stays near zero"),
        subtitle=[_("Correlation of net liquidity with BTC within each calendar year, weekly data")]))
    return with_source(chart, text(SOURCE_MARKETS))


def spurious_chart(sim: pd.DataFrame, threshold: float = 0.5) -> alt.LayerChart:
    """Histograms of |correlation| of independent random walks, in levels and in changes."""
    check_frame("sim", sim, ("levels", "changes"), dated=False, numeric=True)
    threshold = check_number("threshold", threshold, 0.0, 1.0)
    bins = np.linspace(0, 1, 21)
    rows = []
    measures = {"levels": _("Levels"), "changes": _("Changes (steps)")}  # display labels only
    for col, label in measures.items():
        counts, _edges = np.histogram(sim[col].abs().dropna(), bins=bins)
        rows += [{"measure": label, "lo": bins[i], "hi": bins[i + 1], "share": counts[i] / len(sim)}
                 for i in range(len(counts))]
    df = pd.DataFrame(rows)
    bars = alt.Chart(df).mark_bar(opacity=0.75, binSpacing=0).encode(
        x=alt.X("lo:Q", bin="binned", title=_("|correlation| of two unrelated random walks")),
        x2="hi:Q",
        y=alt.Y("share:Q", title=_("Share of pairs"), axis=alt.Axis(format="%"), stack=None),
        color=alt.Color("measure:N", title=None, scale=_measure_colors(list(measures.values()))),
        tooltip=["measure:N", alt.Tooltip("lo:Q", format=".2f"), alt.Tooltip("hi:Q", format=".2f"),
                 alt.Tooltip("share:Q", format=".1%")],
    )
    rule = _rule("x", threshold, strokeDash=[4, 3], color="#555")
    chart = alt.layer(bars, rule).properties(width=640, height=260, title=alt.TitleParams(
        _("Unrelated random walks often look strongly correlated in levels, almost never in changes"),
        subtitle=[_("{pairs:,} simulated pairs of independent random walks; dashed line: |corr| = {threshold}").format(
            pairs=len(sim), threshold=threshold)]))
    return with_source(chart, _("Source: Liquidity Lab simulation (numpy, fixed seed)"))


def _frame_windows(frame) -> tuple[list[int], list[str]]:
    """The windows and assets of a :func:`rolling_corr_frame` (columns such as ``sp500_60``), checked."""
    check_frame("frame", frame)
    allowed = "the DataFrame from rolling_corr_frame (columns such as 'sp500_60')"
    parts = [c.rsplit("_", 1) if isinstance(c, str) else [c] for c in frame.columns]
    if not parts or any(len(p) != 2 or p[0] not in ASSET_LABELS or not p[1].isdigit() for p in parts):
        raise ValueError(f"frame has columns {list(frame.columns)[:6]}; allowed: {allowed}")
    windows = sorted({int(w) for _, w in parts})
    assets = [a for a in ASSET_LABELS if a in {a for a, _ in parts}]
    if {f"{a}_{w}" for a in assets for w in windows} != set(frame.columns):
        raise ValueError(f"frame lacks some asset-window pairs of {assets} x {windows}; allowed: {allowed}")
    check_frame("frame", frame, tuple(frame.columns), numeric=True)
    return windows, assets


def rolling_window_chart(frame: pd.DataFrame, default: int = 60) -> alt.LayerChart:
    """Weekly rolling correlations with a window chooser (a Vega parameter: works without a kernel)."""
    windows, assets = _frame_windows(frame)
    check_int("default", default, allowed=f"one of the windows in frame: {windows}")
    if default not in windows:
        raise ValueError(f"default={default!r} is not one of the windows in frame; allowed: {windows}")
    win = alt.param(name="window", value=default,
                    bind=alt.binding_radio(options=windows, name=_("Window (trading days): ")))
    labels = [ASSET_LABELS[a] for a in assets]
    lines = (
        alt.Chart(inline_csv(frame.rename_axis("date"), "lesson03_rolling", 3))
        .transform_calculate(**{ASSET_LABELS[a]: f"datum['{a}_' + window]" for a in assets})
        .transform_fold(labels, as_=["index", "corr"])
        .mark_line(strokeWidth=1.5)
        .encode(
            x=alt.X("date:T", title=None),
            y=alt.Y("corr:Q", title=_("Correlation with BTC daily returns"), scale=alt.Scale(domain=[-0.6, 1])),
            color=alt.Color("index:N", title=_("BTC with"), scale=INDEX_SCALE),
            tooltip=[alt.Tooltip("date:T", format="%Y-%m-%d", title=_("week ending")), "index:N",
                     alt.Tooltip("corr:Q", format=".2f")],
        )
    )
    half = _rule("y", 0.5, strokeDash=[4, 3], color="#555")
    chart = alt.layer(_rule("y", 0.0), half, lines).add_params(win).properties(
        width=640, height=260, title=alt.TitleParams(
            _("BTC's correlation with stocks wanders; short windows swing the most"),
            subtitle=[_("Rolling correlation of daily log returns on common trading days (default window 60); "
                        "dashed: 0.5"), _("Each week's value is the one on its last trading day")]))
    return with_source(chart, text(SOURCE_MARKETS))


def yearly_spread_chart(table: pd.DataFrame, window: int = 60, asset: str = "sp500") -> alt.LayerChart:
    """Per year: the middle half (bar), median (tick) and maximum (dot) of the rolling correlation.

    ``table`` is :func:`yearly_correlation_spread`'s output for the same ``window`` and ``asset``
    (they only label the chart). Years the data do not fully cover are drawn faded.
    """
    check_frame("table", table, ("q25", "median", "q75", "max", "complete"), dated=False, numeric=True)
    window = check_int("window", window, 20, 250)
    label = ASSET_LABELS[check_choice("asset", asset, tuple(ASSET_LABELS))]
    df = table.rename_axis("year").reset_index()[["year", "q25", "median", "q75", "max", "complete"]].copy()
    df["year"] = df["year"].astype(str)
    whole, part = _("whole year"), _("part of the year")  # display labels only
    df["coverage"] = np.where(df["complete"], whole, part)
    df = df.drop(columns="complete")
    x = alt.X("year:N", title=_("Calendar year"), axis=alt.Axis(labelAngle=0))
    # ordinal with a stated order: Vega-Lite warns about opacity on an unsorted nominal field
    opacity = alt.Opacity("coverage:O", title=_("Data cover"), sort=[whole, part],
                          scale=alt.Scale(domain=[whole, part], range=[0.9, 0.35]))
    tips = ["year:N", alt.Tooltip("q25:Q", format=".2f", title=_("25th percentile")),
            alt.Tooltip("median:Q", format=".2f"), alt.Tooltip("q75:Q", format=".2f", title=_("75th percentile")),
            alt.Tooltip("max:Q", format=".2f"), "coverage:N"]
    base = alt.Chart(df)
    bars = base.mark_bar(size=18, color=PALETTE[0]).encode(
        x=x, y=alt.Y("q25:Q", title=_("{window}-day correlation, BTC with {asset}").format(window=window, asset=label),
                     scale=alt.Scale(domain=[-0.4, 1])), y2="q75:Q", opacity=opacity, tooltip=tips)
    ticks = base.mark_tick(color="black", thickness=2, size=22).encode(x=x, y="median:Q", opacity=opacity,
                                                                        tooltip=tips)
    tops = base.mark_point(filled=True, size=50, color=PALETTE[3]).encode(x=x, y="max:Q", opacity=opacity,
                                                                           tooltip=tips)
    chart = alt.layer(_rule("y", 0.0), bars, ticks, tops).properties(width=640, height=260, title=alt.TitleParams(
        _("A year's highest correlation says little about its typical day"),
        subtitle=[_("Daily {window}-day correlation of BTC with the {asset}, by calendar year").format(
                      window=window, asset=label),
                  _("Bar: middle half of the days (25th to 75th percentile); black tick: median; dot: maximum"),
                  _("Faded: years the data cover only in part")]))
    return with_source(chart, text(SOURCE_MARKETS))


def lead_lag_chart(test: stats.CrossCorrelationTest) -> alt.LayerChart:
    """Bars of the cross-correlation; grey boxes: permutation band; dashed: ±1.96/√n."""
    if not isinstance(test, stats.CrossCorrelationTest):
        raise TypeError(f"test must be a CrossCorrelationTest (from lead_lag_test), got {type(test).__name__}")
    df = test.table.reset_index()[["lag", "corr", "n", "white_band", "perm_lo", "perm_hi", "p_value"]].round(4)
    outside = (df["corr"] < df["perm_lo"]) | (df["corr"] > df["perm_hi"])
    inside_band, outside_band = _("inside grey band"), _("outside grey band")  # display labels only
    df["where"] = np.where(outside, outside_band, inside_band)
    df["minus_white"] = -df["white_band"]
    max_lag = int(df["lag"].max())
    x = alt.X("lag:Q", title=_("Lag in weeks (positive: the net-liquidity change comes first)"),
              scale=alt.Scale(domain=[-max_lag - 0.7, max_lag + 0.7]),
              axis=alt.Axis(values=list(range(-max_lag, max_lag + 1, 2))))
    band = alt.Chart(df).mark_bar(size=22, color="#bbb", opacity=0.45).encode(
        x=x, y=alt.Y("perm_lo:Q", title=_("Correlation")), y2="perm_hi:Q")
    white = alt.Chart(df).mark_line(strokeDash=[4, 3], color="#333", strokeWidth=1)
    bars = alt.Chart(df).mark_bar(size=10).encode(
        x="lag:Q", y="corr:Q",
        color=alt.Color("where:N", title=None,
                        scale=alt.Scale(domain=[inside_band, outside_band],
                                        range=[PALETTE[0], PALETTE[3]])),
        tooltip=["lag:Q", alt.Tooltip("corr:Q", format=".3f"), "n:Q",
                 alt.Tooltip("p_value:Q", format=".3f", title=_("per-lag p"))])
    n_lags = len(df)
    verdict = (_("the best of {lags} lags survives a test that allows for the search")
               if test.max_abs_p < 1 - test.level
               else _("nothing survives a test that allows for trying {lags} lags")).format(lags=n_lags)
    chart = alt.layer(band, white.encode(x="lag:Q", y="white_band:Q"), white.encode(x="lag:Q", y="minus_white:Q"),
                      bars).properties(width=640, height=260, title=alt.TitleParams(
        _("Weekly net-liquidity changes vs BTC returns: {verdict}").format(verdict=verdict),
        subtitle=[_("Grey boxes: central 95 % of {shuffles} block-shuffled series (blocks of {block} weeks); "
                    "dashed: ±1.96/√n").format(shuffles=test.n_perm, block=test.block),
                  _("Largest |corr| {corr:+.3f} at lag {lag}; family-wise p = {p:.3f}").format(
                      corr=test.max_abs_corr, lag=test.max_abs_lag, p=test.max_abs_p)]))
    return with_source(chart, text(SOURCE_MARKETS))


def factor_chart(table: pd.DataFrame) -> alt.LayerChart:
    """Dot-and-whisker chart of :func:`factor_correlations`."""
    check_frame("table", table, ("label",), dated=False)
    check_frame("table", table, ("corr", "lo", "hi"), dated=False, numeric=True)
    df = table.reset_index()
    # the labels are shown only: translated when the catalog knows them (FACTORS' labels)
    df["label"] = df["label"].map(lambda v: text(v) if isinstance(v, str) and v.strip() else v)
    order = df.sort_values("corr", ascending=False)["label"].tolist()
    y = alt.Y("label:N", title=None, sort=order, axis=alt.Axis(labelLimit=320))
    whisk = alt.Chart(df).mark_rule(strokeWidth=2, color=PALETTE[0]).encode(
        y=y, x=alt.X("lo:Q", title=_("Correlation with BTC's weekly log return (95 % block-bootstrap interval)"),
                     scale=alt.Scale(domain=[-0.4, 0.8])), x2="hi:Q")
    dots = alt.Chart(df).mark_point(filled=True, size=80, color=PALETTE[0]).encode(
        y=y, x="corr:Q",
        tooltip=["label:N", alt.Tooltip("corr:Q", format=".3f"), alt.Tooltip("lo:Q", format=".3f"),
                 alt.Tooltip("hi:Q", format=".3f"), "weeks:Q"])
    chart = alt.layer(_rule("x", 0.0), whisk, dots).properties(width=520, height=200, title=alt.TitleParams(
        _("Week to week, BTC moves with stocks far more than with net liquidity"),
        subtitle=[_("Correlation of weekly changes (Wednesday to Wednesday) over the whole sample")]))
    return with_source(chart, text(SOURCE_MARKETS))


def rolling_factor_chart(changes: pd.DataFrame, window: int = 52) -> alt.LayerChart:
    """Rolling ``window``-week correlation of BTC's weekly return with the real yield and the dollar."""
    check_frame("changes", changes, ("btc", "real10y", "dollar"), numeric=True)
    window = check_int("window", window, 13, 156)
    labels = {"real10y": _("10-year real yield (change)"), "dollar": _("Broad dollar (log change)")}
    df = inline_csv(rolling_factor_corr(changes, window, labels).rename_axis("date"), "lesson03_rolling_factor", 3)
    lines = (
        alt.Chart(df)
        .transform_fold(list(labels), as_=["factor", "corr"])
        .transform_calculate(factor=f"datum.factor == 'real10y' ? '{labels['real10y']}' : '{labels['dollar']}'")
        .mark_line(strokeWidth=1.5)
        .encode(
            x=alt.X("date:T", title=None),
            y=alt.Y("corr:Q", title=_("{window}-week correlation with BTC").format(window=window)),
            color=alt.Color("factor:N", title=_("BTC with"), scale=alt.Scale(range=[PALETTE[3], PALETTE[4]]),
                            legend=alt.Legend(labelLimit=300)),
            tooltip=[alt.Tooltip("date:T", format="%Y-%m-%d"), "factor:N", alt.Tooltip("corr:Q", format=".2f")],
        )
    )
    chart = alt.layer(_rule("y", 0.0), lines).properties(width=640, height=240, title=alt.TitleParams(
        _("BTC against real yields and the dollar: the link comes and goes"),
        subtitle=[_("Rolling {window}-week correlation of weekly changes (Wednesday to Wednesday)").format(
            window=window)]))
    return with_source(chart, text(SOURCE_MARKETS))
