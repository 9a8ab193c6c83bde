"""Money-market charts: each takes frames or a computed result (never loads), returns an Altair chart.

All are aggregated (at most 2,000 rows each), titled with their point and sourced. The interactive
ones (the corridor's zoom, the stress panels' pan and zoom, the injection sliders) work without a
kernel: their selections and sliders are Vega-Lite parameters.
"""
from __future__ import annotations

import altair as alt
import numpy as np
import pandas as pd

from helpers.charts import PALETTE, SOURCE_FRED, with_source
from helpers.i18n import N_, text
from helpers.i18n import gettext as _
from helpers.money_markets._compute import RepoTrade, check_fits, check_paths, cushion_curve
from helpers.validate import check_date, check_frame, check_number

MAX_ROWS = 2000
_MEDIAN_COLS = ("bin_lo", "bin_hi", "mid", "median", "count")


def _check_rows(df: pd.DataFrame, name: str, limit: int = MAX_ROWS) -> None:
    if len(df) > limit:
        raise ValueError(f"{name} has {len(df)} rows; charts take at most {limit}: aggregate first")


def _check_medians(medians) -> dict:
    """``medians``: a dict mapping "reserves" and "share_pct" to a :func:`binned_medians` table."""
    if not isinstance(medians, dict):
        raise TypeError(f"medians must be a dict of binned_medians tables for 'reserves' and 'share_pct', "
                        f"got {type(medians).__name__}")
    for col in ("reserves", "share_pct"):
        if col not in medians:
            raise ValueError(f"medians has no entry {col!r}; allowed: {{'reserves': binned_medians(...), "
                             "'share_pct': binned_medians(...)}")
        check_frame(f"medians[{col!r}]", medians[col], _MEDIAN_COLS, dated=False, numeric=True)
    return medians


def cushion_chart(trade: RepoTrade, max_fall_pct: float = 10.0) -> alt.LayerChart:
    """The lender's cushion at maturity as the collateral loses value (static picture of one trade)."""
    curve = cushion_curve(trade, max_fall_pct=max_fall_pct)
    line = alt.Chart(curve).mark_line(color=PALETTE[0]).encode(
        x=alt.X("fall_pct:Q", title=_("Fall in the collateral's value (percent)")),
        y=alt.Y("cushion:Q", title=_("Lender's cushion at maturity ($ millions)")),
        tooltip=[alt.Tooltip("fall_pct:Q", format=".2f", title=_("fall, %")),
                 alt.Tooltip("cushion:Q", format=".3f", title=_("cushion, $M"))],
    )
    zero = alt.Chart(pd.DataFrame({"y": [0.0]})).mark_rule(color="#555", strokeDash=[4, 3]).encode(y="y:Q")
    mark = pd.DataFrame({"fall_pct": [trade.cushion_pct], "cushion": [0.0],
                         "label": [_("cushion used up at a {pct:.2f}% fall").format(pct=trade.cushion_pct)]})
    point = alt.Chart(mark).mark_point(color=PALETTE[3], size=80, filled=True).encode(x="fall_pct:Q", y="cushion:Q")
    label = alt.Chart(mark).mark_text(align="left", dx=8, dy=-10, color=PALETTE[3]).encode(
        x="fall_pct:Q", y="cushion:Q", text="label:N")
    title = alt.TitleParams(
        _("The haircut is the lender's buffer: this repo stays covered until the collateral falls "
          "{pct:.1f}%").format(pct=trade.cushion_pct),
        subtitle=[_("${cash:,.0f}M lent for {days} day(s) at {rate:.2f}% against "
                    "${collateral:,.0f}M of collateral (haircut {haircut:.1f}%)").format(
            cash=trade.cash, days=trade.days, rate=trade.rate, collateral=trade.collateral_value,
            haircut=100 * trade.haircut)])
    chart = (line + zero + point + label).properties(title=title, width=560, height=240)
    return with_source(chart, _("Source: Liquidity Lab repo calculator (helpers.money_markets), illustrative trade"))


_CORRIDOR_SERIES = {"effr": N_("EFFR (weekly mean)"), "sofr": N_("SOFR (weekly mean)"),
                    "sofr_high": N_("SOFR (weekly high)"), "iorb": "IORB"}


def _source_fred(series: str) -> str:
    """The FRED source line with the series codes a chart uses, in the current language."""
    return _("{source} ({series})").format(source=text(SOURCE_FRED), series=series)


def corridor_chart(weekly: pd.DataFrame) -> alt.VConcatChart:
    """Target range band with EFFR, SOFR, SOFR's weekly high and IORB; drag on the lower overview to zoom."""
    weekly = check_frame("weekly", weekly, tuple(_CORRIDOR_SERIES) + ("target_lower", "target_upper"))
    _check_rows(weekly, "weekly")
    data = weekly.round(2).reset_index()
    brush = alt.selection_interval(encodings=["x"], name="period")
    x_detail = alt.X("date:T", title=None, scale=alt.Scale(domain=brush))
    shown = {k: text(v) for k, v in _CORRIDOR_SERIES.items()}
    names = list(shown.values())
    colors = [PALETTE[0], PALETTE[3], PALETTE[1], PALETTE[2]]
    band = alt.Chart().mark_area(color="#999", opacity=0.3, clip=True).encode(
        x=x_detail,
        y=alt.Y("target_lower:Q", title=_("Percent a year")),
        y2="target_upper:Q",
        tooltip=[alt.Tooltip("date:T", format="%Y-%m-%d", title=_("week ending")),
                 alt.Tooltip("target_lower:Q", title=_("target range low")),
                 alt.Tooltip("target_upper:Q", title=_("target range high"))],
    )
    lines = alt.Chart().transform_fold(
        list(_CORRIDOR_SERIES), as_=["series", "rate"]
    ).transform_calculate(
        label="{" + ", ".join(f"'{k}': '{v}'" for k, v in shown.items()) + "}[datum.series]"
    ).transform_filter("isValid(datum.rate)").mark_line(clip=True, strokeWidth=1.6).encode(
        x=x_detail,
        y=alt.Y("rate:Q"),
        color=alt.Color("label:N", title=None, scale=alt.Scale(domain=names, range=colors),
                        legend=alt.Legend(labelLimit=0)),
        strokeDash=alt.StrokeDash("label:N", title=None,
                                  scale=alt.Scale(domain=names, range=[[1, 0], [1, 0], [2, 2], [6, 3]])),
        tooltip=[alt.Tooltip("date:T", format="%Y-%m-%d", title=_("week ending")), "label:N",
                 alt.Tooltip("rate:Q", format=".2f", title=_("percent"))],
    )
    detail = alt.layer(band, lines).properties(width=600, height=260)
    overview = alt.Chart().mark_area(color=PALETTE[5], opacity=0.6).encode(
        x=alt.X("date:T", title=_("Drag here to zoom the chart above (double-click to reset)")),
        y=alt.Y("sofr_high:Q", title=_("SOFR high"), axis=alt.Axis(tickCount=2)),
    ).add_params(brush).properties(width=600, height=50)
    chart = alt.vconcat(detail, overview, data=data).properties(
        title=alt.TitleParams(
            _("The corridor: SOFR and EFFR stay near the target range (grey), except in stress"),
            subtitle=[_("Weekly, 2018-04 onward; IORB from 2021-07-29 (IOER before it is not in the inputs); "
                        "the grey band spans the range in force during each week")]))
    return with_source(chart, _source_fred("DFEDTARL, DFEDTARU, DFF, SOFR, IORB"))


def stress_chart(weekly: pd.DataFrame, notes: pd.DataFrame) -> alt.HConcatChart:
    """Two panels of the weekly SOFR spread: to the top of the target range (2018-04 to 2021-07-28)
    and to IORB (2021-07-29 on), each with its own scale; ``notes`` (date, benchmark, y, label)
    annotates events. Drag to pan and scroll to zoom inside each panel."""
    weekly = check_frame("weekly", weekly, ("mean_bp", "high_bp", "benchmark"))
    notes = check_frame("notes", notes, ("date", "benchmark", "y", "label"), dated=False)
    _check_rows(weekly, "weekly")
    codes = {"top of target range": "top", "IORB": "iorb"}
    data = weekly[["mean_bp", "high_bp", "benchmark"]].round(1).reset_index()
    data["b"] = data.pop("benchmark").map(codes)  # short codes keep the embedded data small
    panels = []
    for bench, title, color, light in (
            ("top of target range", _("SOFR − top of target range, 2018-04 to 2021-07-28"), PALETTE[0], PALETTE[5]),
            ("IORB", _("SOFR − IORB, from 2021-07-29"), PALETTE[3], PALETTE[1])):
        zoom = alt.selection_interval(bind="scales", encodings=["x"], name=f"zoom_{codes[bench]}")
        base = alt.Chart(data).transform_filter(alt.datum.b == codes[bench])
        x = alt.X("date:T", title=None, axis=alt.Axis(format="%Y", tickCount="year"))
        high = base.mark_line(color=light, strokeWidth=1, clip=True).encode(
            x=x, y=alt.Y("high_bp:Q", title=_("Basis points (weekly)")),
            tooltip=[alt.Tooltip("date:T", format="%Y-%m-%d", title=_("week ending")),
                     alt.Tooltip("high_bp:Q", title=_("week's high, bp")),
                     alt.Tooltip("mean_bp:Q", title=_("week's mean, bp"))])
        mean = base.mark_line(color=color, strokeWidth=2, clip=True).encode(x=x, y="mean_bp:Q")
        zero = alt.Chart(pd.DataFrame({"y": [0.0]})).mark_rule(color="#555").encode(y="y:Q")
        nb = notes[notes["benchmark"] == bench].assign(date=lambda d: pd.to_datetime(d["date"]))
        pts = alt.Chart(nb).mark_point(color="#000", size=50, filled=True, clip=True).encode(
            x="date:T", y="y:Q", tooltip=["label:N"])
        left = bench != "IORB"
        txt = alt.Chart(nb).mark_text(align="left" if left else "right", dx=7 if left else -7,
                                      dy=8 if left else 0, fontSize=11).encode(
            x="date:T", y="y:Q", text="label:N")
        panel = alt.layer(high, mean, zero, pts, txt).add_params(zoom).properties(
            width=300, height=230, title=alt.TitleParams(title, fontSize=13))
        panels.append(panel)
    chart = alt.hconcat(*panels).resolve_scale(y="independent").properties(
        title=alt.TitleParams(
            _("Stress shows up as SOFR above its ceiling: a spike in Sept 2019, a grind higher in late 2025"),
            subtitle=[_("Thick line: weekly mean of daily spreads; thin line: the week's highest day; dots: events. "
                        "Different benchmarks and scales in the two panels; drag to pan, scroll to zoom")]))
    return with_source(chart, _("{source}; SRF figures: press reports of New York Fed data").format(
        source=text(SOURCE_FRED)))


def on_rrp_chart(fed: pd.DataFrame, start: str = "2021-01-01") -> alt.Chart:
    """Weekly reserves and ON RRP take-up ($ billions) from ``start`` (on or before the table's last week)."""
    fed = check_frame("fed", fed, ("reserves", "on_rrp"), numeric=True)
    start = check_date("start", start, hi=fed.index[-1])
    data = fed.loc[fed.index >= start, ["reserves", "on_rrp"]].reset_index()
    _check_rows(data, "fed")
    names = {"reserves": _("Bank reserves (week average)"), "on_rrp": _("ON RRP take-up (Wednesday)")}
    chart = alt.Chart(data).transform_fold(["reserves", "on_rrp"], as_=["series", "value"]).transform_calculate(
        label="datum.series == 'reserves' ? '" + names["reserves"] + "' : '" + names["on_rrp"] + "'"
    ).mark_line().encode(
        x=alt.X("date:T", title=None, axis=alt.Axis(format="%Y", tickCount="year")),
        y=alt.Y("value:Q", title=_("$ billions")),
        color=alt.Color("label:N", title=None, legend=alt.Legend(labelLimit=0),
                        scale=alt.Scale(domain=list(names.values()), range=[PALETTE[0], PALETTE[1]])),
        tooltip=[alt.Tooltip("date:T", format="%Y-%m-%d", title=_("week")), "label:N",
                 alt.Tooltip("value:Q", format=",.0f", title=_("$ billions"))],
    ).properties(width=640, height=300, title=alt.TitleParams(
        _("ON RRP filled up in 2021–22 and drained in 2023–25, while reserves fell far less"),
        subtitle=[_("Weekly; ON RRP is the Wednesday value (month- and quarter-end peaks are higher)")]))
    return with_source(chart, _source_fred("WRESBAL, RRPONTSYD"))


def reserve_demand_chart(pairs: pd.DataFrame, fits: dict, medians: dict) -> alt.HConcatChart:
    """Scatter of weekly SOFR - IORB against reserves (level and share of Fed assets), with binned
    medians and a two-segment fit in each panel. ``fits``/``medians`` map "reserves" and "share_pct"
    to a :class:`KneeFit` and a :func:`binned_medians` table."""
    pairs = check_frame("pairs", pairs, ("reserves", "share_pct", "spread_bp", "year"), numeric=True)
    fits, medians = check_fits(fits), _check_medians(medians)
    _check_rows(pairs, "pairs")
    panels = []
    specs = (("reserves", _("Reserves ($ billions, week average)"), ",.0f"),
             ("share_pct", _("Reserves as a share of Fed total assets (percent)"), ".1f"))
    data = pairs.reset_index()
    data["week"] = data["date"].dt.strftime("%Y-%m-%d")
    data = data[["week", "reserves", "share_pct", "spread_bp", "year"]]  # few columns: keeps the lesson small
    for col, title, fmt in specs:
        fit, med = fits[col], medians[col]
        xs = np.array([float(pairs[col].min()), fit.knee, float(pairs[col].max())])  # two segments: 3 points
        fit_df = pd.DataFrame({col: xs, "spread_bp": fit.predict(xs)})
        pts = alt.Chart(data).mark_circle(size=22, opacity=1).encode(
            x=alt.X(f"{col}:Q", title=title, scale=alt.Scale(zero=False)),
            y=alt.Y("spread_bp:Q", title=_("SOFR − IORB (bp, weekly mean)")),
            color=alt.Color("year:O", title=_("Year"), scale=alt.Scale(scheme="viridis")),
            tooltip=[alt.Tooltip("week:N", title=_("week ending")), alt.Tooltip(f"{col}:Q", format=fmt),
                     alt.Tooltip("spread_bp:Q", format=".1f", title=_("spread, bp"))],
        )
        medp = alt.Chart(med.rename(columns={"mid": col, "median": "spread_bp"})).mark_line(
            color="#000", point=alt.OverlayMarkDef(color="#000", size=30)).encode(
            x=f"{col}:Q", y="spread_bp:Q",
            tooltip=[alt.Tooltip("bin_lo:Q", title=_("bin from")), alt.Tooltip("bin_hi:Q", title=_("bin to")),
                     alt.Tooltip("spread_bp:Q", title=_("median spread, bp")), "count:Q"])
        fitl = alt.Chart(fit_df).mark_line(color=PALETTE[3], strokeDash=[6, 3], strokeWidth=2.5).encode(
            x=f"{col}:Q", y="spread_bp:Q")
        knee = alt.Chart(pd.DataFrame({col: [fit.knee]})).mark_rule(color=PALETTE[3], opacity=0.6).encode(
            x=f"{col}:Q")
        panels.append(alt.layer(pts, medp, fitl, knee).properties(width=290, height=230))
    knee = fits["reserves"].knee
    chart = alt.hconcat(*panels).properties(title=alt.TitleParams(
        _("Below about ${knee_tn:.1f} trillion of reserves, SOFR rises through IORB; above it the line is flat").format(
            knee_tn=knee / 1000),
        subtitle=[_("Weekly, 2021-07-29 onward. Black: median spread per bin; red dashes: two-segment fit; "
                    "a description of this sample, not a causal curve")]))
    return with_source(chart, _source_fred("WRESBAL, WALCL, SOFR, IORB"))


def injection_chart(paths: pd.DataFrame) -> alt.LayerChart:
    """Reserves added by overnight repos repeated for N nights vs a permanent purchase, with sliders.

    ``paths`` is an :func:`injection_paths` table (2 to 366 days, an amount from $1 to $200 billion):
    the chart starts from its size and nights, and the sliders change both without a kernel
    (Vega-Lite parameters, computed by the same rule: the repo adds the amount on nights 1..N, 0 after).
    """
    paths = check_paths(paths)
    horizon_days = len(paths)
    if not 2 <= horizon_days <= 366:
        raise ValueError(f"paths covers {horizon_days} day(s); allowed: injection_paths(...) with horizon_days "
                         "from 2 to 366")
    amount = check_number("the amount in paths", float(paths["permanent_purchase"].iloc[0]), lo=1, hi=200,
                          allowed="$ billions from 1 to 200 (the sliders' range)")
    days = pd.DataFrame({"day": np.arange(1, horizon_days + 1)})
    amt = alt.param(name="amount", value=amount,
                    bind=alt.binding_range(min=1, max=200, step=1, name=_("Operation size ($ billions) ")))
    nights = alt.param(name="nights", value=int((paths["overnight_repo"] > 0).sum()),
                       bind=alt.binding_range(min=0, max=horizon_days, step=1,
                                              name=_("Nights the overnight repo is repeated ")))
    names = [_("Overnight repo, repeated N nights"), _("Permanent purchase")]
    base = alt.Chart(days).transform_calculate(
        overnight="datum.day <= nights ? amount : 0", permanent="amount"
    )
    lines = base.transform_fold(["overnight", "permanent"], as_=["kind", "added"]).transform_calculate(
        label=f"datum.kind == 'overnight' ? '{names[0]}' : '{names[1]}'"
    ).mark_line(interpolate="step-after", point=True).encode(
        x=alt.X("day:Q", title=_("Day (1 to {days})").format(days=horizon_days),
                scale=alt.Scale(domain=[1, horizon_days])),
        y=alt.Y("added:Q", title=_("Reserves added ($ billions)"), scale=alt.Scale(domain=[0, 200])),
        color=alt.Color("label:N", title=None, legend=alt.Legend(labelLimit=0),
                        scale=alt.Scale(domain=names, range=[PALETTE[3], PALETTE[0]])),
        tooltip=["day:Q", "label:N", alt.Tooltip("added:Q", title=_("$ billions"))],
    )
    # the sentence as a Vega expression: the translated template with the two sums spliced in
    sentence = _("Over {days} days: repo {repo} vs purchase {purchase} $ billion-days").replace("'", "\\'")
    msg = "'" + sentence.format(days=horizon_days, repo="' + format(datum.repo_days, ',.0f') + '",
                                purchase="' + format(datum.perm_days, ',.0f') + '") + "'"
    note = base.transform_aggregate(
        repo_days="sum(overnight)", perm_days="sum(permanent)"
    ).transform_calculate(
        msg=msg
    ).mark_text(align="left", x=8, y=12, fontSize=13).encode(text="msg:N")
    chart = alt.layer(lines, note).add_params(amt, nights).properties(
        width=600, height=260,
        title=alt.TitleParams(
            _("An overnight repo adds reserves for one night; a purchase adds them for good"),
            subtitle=[_("Move the sliders (works without a kernel). A repo must be repeated every night "
                        "to match a purchase")]))
    return with_source(chart, _("Source: Liquidity Lab (helpers.money_markets.injection_paths), illustrative amounts"))
