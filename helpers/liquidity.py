"""Lesson 03 helpers: liquidity channels, net liquidity and how BTC co-moves with it and with stocks.

Data preparation (weekly and daily frames), the lesson's calculations (built on
:mod:`helpers.stats`) and its charts. Money is in $ billions unless a name says otherwise;
returns are log returns (fractions); yields are in percent and their changes in percentage points.

Statistical choices, stated once:

* **Weekly data** are taken on Wednesdays, the H.4.1 reporting day of the Fed's balance sheet.
  Market series use their close on that Wednesday, or the latest close before it (at most six
  days old) when markets were shut.
* **Daily returns** of BTC and the stock indexes are log returns on *common trading days*: the
  days on which BTC, the S&P 500 and the Nasdaq all have a close. Each return runs from the
  previous common day's close to this one, so BTC's Monday return includes its weekend.
* **Rolling correlation**: Pearson correlation over the last ``window`` common trading days.
"""
from __future__ import annotations

from functools import lru_cache

import altair as alt
import numpy as np
import pandas as pd

from helpers import stats
from helpers.charts import PALETTE, phase_layer, with_source
from helpers.events import policy_phases
from helpers.validate import check_choice, check_int, check_number

__all__ = [
    "MARKET_COLUMNS",
    "CHANNELS",
    "FACTORS",
    "WINDOWS",
    "weekly_frame",
    "weekly_changes",
    "channel_data",
    "channels_chart",
    "net_liquidity_chart",
    "component_changes",
    "level_vs_change",
    "level_vs_change_chart",
    "spurious_chart",
    "daily_returns",
    "rolling_corr_frame",
    "rolling_window_chart",
    "rolling_correlation_summary",
    "rolling_correlation_panel",
    "yearly_correlation_spread",
    "yearly_spread_chart",
    "rolling_panel_spec",
    "lead_lag_test",
    "lead_lag_chart",
    "factor_correlations",
    "factor_chart",
    "rolling_factor_chart",
    "show_live",
    "BENCH",
]

MARKET_COLUMNS = ("btc", "sp500", "nasdaq", "real10y", "dollar", "vix")
BALANCE_COLUMNS = ("total_assets", "treasuries", "mbs", "reserves", "tga", "on_rrp", "net_liquidity")
WINDOWS = (20, 60, 120, 250)
ASSET_LABELS = {"sp500": "S&P 500", "nasdaq": "Nasdaq"}
INDEX_SCALE = alt.Scale(domain=["S&P 500", "Nasdaq"], range=[PALETTE[0], PALETTE[1]])
SOURCE_MARKETS = ("Source: FRED (Federal Reserve Bank of St. Louis) and Yahoo Finance (BTC-USD), "
                  "Liquidity Lab snapshot")

# The transmission channels the lesson discusses, each with the snapshot series that shows it.
CHANNELS = {
    "reserves": ("Reserves and bank balance sheets", "Bank reserves at the Fed ($ trillions)"),
    "securities": ("Portfolio rebalancing", "Fed holdings of Treasuries + MBS ($ trillions)"),
    "real10y": ("Real yields", "10-year TIPS real yield (percent)"),
    "dollar": ("The dollar", "Broad dollar index (Jan 2006 = 100)"),
    "vix": ("Risk appetite", "VIX (higher = more fear)"),
}

# Weekly changes set against BTC's weekly return in the factor comparison.
FACTORS = {
    "nasdaq": "Nasdaq, weekly log return",
    "sp500": "S&P 500, weekly log return",
    "real10y": "10-year real yield, weekly change (pp)",
    "dollar": "Broad dollar, weekly log return",
    "net_liquidity": "Net liquidity, weekly log change",
}


# ---------------------------------------------------------------------------
# Validation
# ---------------------------------------------------------------------------
def _check_frame(name: str, df, columns) -> pd.DataFrame:
    if not isinstance(df, pd.DataFrame) or not isinstance(df.index, pd.DatetimeIndex):
        raise TypeError(f"{name} must be a DataFrame indexed by date, got {type(df).__name__}")
    missing = [c for c in columns if c not in df.columns]
    if missing:
        raise ValueError(f"{name} is missing columns {missing}; it has: {', '.join(map(str, df.columns))}")
    return df


def _check_year(year, index: pd.DatetimeIndex) -> int:
    first, last = int(index[0].year), int(index[-1].year)
    return check_int("year", year, first, last, allowed=f"a year in the data, from {first} to {last}")


def _load(name: str) -> pd.DataFrame:
    from helpers.data import load

    return load(name)


def _inline_csv(df: pd.DataFrame, name: str, digits: int = 4) -> alt.InlineData:
    """Chart data embedded as one CSV string (about a quarter of the size of JSON rows).

    Vega-Lite reads inline CSV natively; the notebook stores the string as one JSON value instead
    of one indented JSON object per row, which keeps lessons small. The data are named, so Altair
    leaves them where they are in the spec (give the data to the top of a compound chart once and
    let the panels inherit it). The date index becomes a ``date`` column written as local midnight
    (``YYYY-MM-DDT00:00``, as Altair writes dates in JSON data); numbers keep ``digits``
    significant digits, more than a chart can show.
    """
    out = df.reset_index()
    out["date"] = out["date"].dt.strftime("%Y-%m-%dT00:00")
    parse = {"date": "date"}
    parse.update({c: "number" for c in df.columns})
    text = out.to_csv(index=False, float_format=f"%.{digits}g", lineterminator="\n")
    return alt.InlineData(values=text, name=name, format=alt.CsvDataFormat(type="csv", parse=parse))


# ---------------------------------------------------------------------------
# Weekly data
# ---------------------------------------------------------------------------
def weekly_frame(fed: pd.DataFrame | None = None, markets: pd.DataFrame | None = None) -> pd.DataFrame:
    """One row per balance-sheet Wednesday, from the first to the last that has a BTC close.

    Balance-sheet columns ($ billions): total_assets, treasuries, mbs, reserves, tga, on_rrp,
    net_liquidity. Market columns: btc (USD), sp500, nasdaq (index), real10y (percent),
    dollar (index), vix (index), each the close on that Wednesday or the latest close up to six
    days before it. Missing where a series has not started (the S&P 500 starts 2016-05-23).
    """
    fed = _check_frame("fed", _load("fed_balance_sheet") if fed is None else fed, BALANCE_COLUMNS)
    markets = _check_frame("markets", _load("markets") if markets is None else markets, MARKET_COLUMNS)
    raw = markets[list(MARKET_COLUMNS)].asfreq("D")
    daily = raw.ffill(limit=6)
    for col in MARKET_COLUMNS:  # never carry a series past its last close
        last = raw[col].last_valid_index()
        if last is not None:
            daily.loc[daily.index > last, col] = np.nan
    out = fed[list(BALANCE_COLUMNS)].join(daily.reindex(fed.index))
    btc = out["btc"].dropna()
    if btc.empty:
        raise ValueError("markets has no BTC closes on the balance sheet's Wednesdays")
    return out.loc[btc.index[0]:btc.index[-1]]


def weekly_changes(weekly: pd.DataFrame) -> pd.DataFrame:
    """Week-on-week changes of :func:`weekly_frame` (first week dropped).

    ``net_liquidity``, ``btc``, ``sp500``, ``nasdaq``, ``dollar``: log changes (fractions);
    ``real10y``: change in percentage points; ``net_liquidity_bn``: change in $ billions.
    """
    _check_frame("weekly", weekly, ("net_liquidity", "btc", "sp500", "nasdaq", "real10y", "dollar"))
    logs = stats.log_returns(weekly[["net_liquidity", "btc", "sp500", "nasdaq", "dollar"]])
    out = logs.assign(real10y=weekly["real10y"].diff(), net_liquidity_bn=weekly["net_liquidity"].diff())
    return out


def channel_data(fed: pd.DataFrame | None = None, markets: pd.DataFrame | None = None,
                 start: str = "2014-09-01") -> pd.DataFrame:
    """Monthly averages of one series per channel (columns as in :data:`CHANNELS`), indexed by month.

    ``reserves`` and ``securities`` (Treasuries + MBS) in $ trillions, ``real10y`` in percent,
    ``dollar`` and ``vix`` as index levels.
    """
    fed = _check_frame("fed", _load("fed_balance_sheet") if fed is None else fed, BALANCE_COLUMNS)
    markets = _check_frame("markets", _load("markets") if markets is None else markets, MARKET_COLUMNS)
    bs = pd.DataFrame({
        "reserves": fed["reserves"] / 1000,
        "securities": (fed["treasuries"] + fed["mbs"]) / 1000,
    })
    monthly = bs.resample("MS").mean().join(markets[["real10y", "dollar", "vix"]].resample("MS").mean())
    return monthly.loc[start:, list(CHANNELS)].dropna(how="all")


def _clipped_phases(first: pd.Timestamp) -> pd.DataFrame:
    phases = policy_phases(_load("policy_events"), _load("fed_balance_sheet").index[-1])
    phases = phases[phases["end"] >= first].copy()
    phases["start"] = phases["start"].clip(lower=first)
    return phases[["phase", "start", "end"]]


def channels_chart(data: pd.DataFrame) -> alt.VConcatChart:
    """Five small panels, one per transmission channel (from :func:`channel_data`), phases shaded."""
    _check_frame("data", data, tuple(CHANNELS))
    phases = _clipped_phases(data.index[0])
    panels = []
    for key, (name, label) in CHANNELS.items():
        line = alt.Chart().mark_line(color=PALETTE[7], strokeWidth=1.5).encode(
            x=alt.X("date:T", title=None),
            y=alt.Y(f"{key}:Q", title=None, scale=alt.Scale(zero=False)),
            tooltip=[alt.Tooltip("date:T", format="%Y-%m"), alt.Tooltip(f"{key}:Q", format=".2f")],
        )
        panels.append(alt.layer(phase_layer(phases), line).properties(
            width=640, height=80, title=alt.TitleParams(f"{name}: {label}", fontSize=12)))
    title = alt.TitleParams(
        "Five channels, five series: each moved on its own timetable",
        subtitle=["Monthly averages; shaded: QE, QT and reserve-management phases from the policy-event table"])
    chart = alt.vconcat(*panels, spacing=6, data=_inline_csv(data, "lesson03_channels")).properties(title=title)
    return with_source(chart)


def _check_long(data, columns) -> None:
    if not isinstance(data, pd.DataFrame):
        raise TypeError(f"data must be a DataFrame, got {type(data).__name__}")
    missing = [c for c in columns if c not in data.columns]
    if missing:
        raise ValueError(f"data is missing columns {missing}; it has: {', '.join(map(str, data.columns))}")


def net_liquidity_chart(weekly: pd.DataFrame) -> alt.VConcatChart:
    """Net liquidity, BTC and the Nasdaq, weekly, each on its own log scale, phases shaded."""
    _check_frame("weekly", weekly, ("net_liquidity", "btc", "nasdaq"))
    phases = _clipped_phases(weekly.index[0])
    data = pd.DataFrame({"net_liquidity_tn": weekly["net_liquidity"] / 1000,
                         "btc": weekly["btc"], "nasdaq": weekly["nasdaq"]})
    specs = [
        ("net_liquidity_tn", "Net liquidity ($ trillions)", PALETTE[0], [3, 4, 5, 6, 7, 8]),
        ("btc", "BTC (USD)", PALETTE[1], [100, 1_000, 10_000, 100_000]),
        ("nasdaq", "Nasdaq Composite (index)", PALETTE[2], [4_000, 8_000, 16_000, 32_000]),
    ]
    panels = []
    for col, label, color, ticks in specs:
        lo, hi = float(data[col].min()), float(data[col].max())
        line = alt.Chart().mark_line(color=color, strokeWidth=1.5).encode(
            x=alt.X("date:T", title=None),
            y=alt.Y(f"{col}:Q", title=None,
                    scale=alt.Scale(type="log", domain=[lo / 1.1, hi * 1.1], nice=False),
                    axis=alt.Axis(values=ticks, format=",")),
            tooltip=[alt.Tooltip("date:T", format="%Y-%m-%d", title="week"),
                     alt.Tooltip(f"{col}:Q", format=",.2f", title=label)],
        )
        panels.append(alt.layer(phase_layer(phases), line).properties(
            width=640, height=110, title=alt.TitleParams(f"{label}, log scale", fontSize=12)))
    title = alt.TitleParams(
        "Net liquidity, BTC and the Nasdaq: some shared waves, very different paths",
        subtitle=["Weekly (Wednesdays); net liquidity = Fed total assets − Treasury General Account − ON RRP"])
    chart = alt.vconcat(*panels, spacing=6, data=_inline_csv(data, "lesson03_net_liquidity")).properties(title=title)
    return with_source(chart, SOURCE_MARKETS)


def component_changes(fed: pd.DataFrame, start: str = "2022-01-01", end: str = "2025-12-31") -> pd.DataFrame:
    """How much each part of net liquidity moved from week to week ($ billions).

    For total assets, the TGA, ON RRP and net liquidity: the standard deviation and the mean
    absolute size of weekly changes, and the largest weekly rise and fall, over ``start``..``end``.
    """
    _check_frame("fed", fed, ("total_assets", "tga", "on_rrp", "net_liquidity"))
    part = fed.loc[start:end, ["total_assets", "tga", "on_rrp", "net_liquidity"]]
    if len(part) < 3:
        raise ValueError(f"start={start!r}..end={end!r} holds {len(part)} weeks; need at least 3")
    d = part.diff().dropna()
    out = pd.DataFrame({
        "sd_weekly_change_bn": d.std(),
        "mean_abs_change_bn": d.abs().mean(),
        "largest_rise_bn": d.max(),
        "largest_fall_bn": d.min(),
    })
    out.index.name = "item"
    return out.round(1)


# ---------------------------------------------------------------------------
# Levels versus returns
# ---------------------------------------------------------------------------
def level_vs_change(weekly: pd.DataFrame, a: str = "net_liquidity", b: str = "btc",
                    by_year: bool = True) -> pd.DataFrame:
    """Correlation of two weekly series in (log) levels and in weekly log changes.

    One row for the whole sample (``"all"``) and, with ``by_year``, one per calendar year with at
    least 26 weeks. Columns: ``levels``, ``changes``, ``weeks``.
    """
    _check_frame("weekly", weekly, (a, b))
    if not isinstance(by_year, bool):
        raise TypeError(f"by_year must be True or False, got {type(by_year).__name__}")
    pair = weekly[[a, b]].dropna()
    logs = np.log(pair)
    chg = logs.diff()
    rows = [{"period": "all", "levels": stats.correlation(logs[a], logs[b]),
             "changes": stats.correlation(chg[a], chg[b]), "weeks": len(pair)}]
    if by_year:
        for year, part in logs.groupby(logs.index.year):
            if len(part) < 26:
                continue
            c = chg.loc[part.index]
            rows.append({"period": str(year), "levels": stats.correlation(part[a], part[b]),
                         "changes": stats.correlation(c[a], c[b]), "weeks": len(part)})
    return pd.DataFrame(rows).set_index("period")


def level_vs_change_chart(table: pd.DataFrame) -> alt.Chart:
    """Bars of the per-year correlations in levels and in changes (from :func:`level_vs_change`)."""
    _check_long(table, ("levels", "changes"))
    df = table.drop(index="all", errors="ignore")[["levels", "changes"]].reset_index().melt(
        id_vars="period", var_name="measure", value_name="corr")
    df["measure"] = df["measure"].map({"levels": "Levels (log)", "changes": "Weekly changes"})
    chart = alt.Chart(df).mark_bar().encode(
        x=alt.X("period:N", title="Calendar year"),
        xOffset="measure:N",
        y=alt.Y("corr:Q", title="Correlation", scale=alt.Scale(domain=[-1, 1])),
        color=alt.Color("measure:N", title=None, scale=alt.Scale(domain=["Levels (log)", "Weekly changes"],
                                                                 range=[PALETTE[3], PALETTE[0]])),
        tooltip=["period:N", "measure:N", alt.Tooltip("corr:Q", format=".2f")],
    ).properties(width=640, height=260, title=alt.TitleParams(
        "In levels the sign flips from year to year; in weekly changes it stays near zero",
        subtitle=["Correlation of net liquidity with BTC within each calendar year, weekly data"]))
    return with_source(chart, SOURCE_MARKETS)


def spurious_chart(sim: pd.DataFrame, threshold: float = 0.5) -> alt.Chart:
    """Histograms of |correlation| of independent random walks, in levels and in changes."""
    _check_long(sim, ("levels", "changes"))
    threshold = check_number("threshold", threshold, 0.0, 1.0)
    bins = np.linspace(0, 1, 21)
    rows = []
    for col, label in (("levels", "Levels"), ("changes", "Changes (steps)")):
        counts, _ = np.histogram(sim[col].abs(), bins=bins)
        rows += [{"measure": label, "lo": bins[i], "hi": bins[i + 1], "share": counts[i] / len(sim)}
                 for i in range(len(counts))]
    df = pd.DataFrame(rows)
    bars = alt.Chart(df).mark_bar(opacity=0.75, binSpacing=0).encode(
        x=alt.X("lo:Q", bin="binned", title="|correlation| of two unrelated random walks"),
        x2="hi:Q",
        y=alt.Y("share:Q", title="Share of pairs", axis=alt.Axis(format="%"), stack=None),
        color=alt.Color("measure:N", title=None, scale=alt.Scale(domain=["Levels", "Changes (steps)"],
                                                                 range=[PALETTE[3], PALETTE[0]])),
        tooltip=["measure:N", alt.Tooltip("lo:Q", format=".2f"), alt.Tooltip("hi:Q", format=".2f"),
                 alt.Tooltip("share:Q", format=".1%")],
    )
    rule = alt.Chart(pd.DataFrame({"x": [threshold]})).mark_rule(strokeDash=[4, 3], color="#555").encode(x="x:Q")
    chart = alt.layer(bars, rule).properties(width=640, height=260, title=alt.TitleParams(
        "Unrelated random walks often look strongly correlated in levels, almost never in changes",
        subtitle=[f"{len(sim):,} simulated pairs of independent random walks; dashed line: |corr| = {threshold}"]))
    return with_source(chart, "Source: Liquidity Lab simulation (numpy, fixed seed)")


# ---------------------------------------------------------------------------
# Daily rolling correlation
# ---------------------------------------------------------------------------
def daily_returns(markets: pd.DataFrame | None = None) -> pd.DataFrame:
    """Daily log returns of btc, sp500 and nasdaq on their common trading days (fractions).

    Common trading days are the days on which all three have a close; each return runs from the
    previous common day's close (see :func:`helpers.stats.common_day_returns`).
    """
    markets = _check_frame("markets", _load("markets") if markets is None else markets,
                           ("btc", "sp500", "nasdaq"))
    return stats.common_day_returns(markets[["btc", "sp500", "nasdaq"]], kind="log")


@lru_cache(maxsize=1)
def _snapshot_returns() -> pd.DataFrame:
    return daily_returns()


def _check_window(window) -> int:
    return check_int("window", window, 20, 250)


def _check_assets(assets) -> tuple[str, ...]:
    if isinstance(assets, str) or not isinstance(assets, (tuple, list)) or not assets:
        raise TypeError(f"assets must be a non-empty tuple such as ('sp500', 'nasdaq'), got {assets!r}")
    for a in assets:
        check_choice("assets", a, tuple(ASSET_LABELS))
    return tuple(assets)


def _rolling(returns: pd.DataFrame, window: int, assets=tuple(ASSET_LABELS)) -> pd.DataFrame:
    """Daily rolling correlations of BTC with each asset, columns labelled as in ASSET_LABELS."""
    return pd.DataFrame({ASSET_LABELS[a]: stats.rolling_corr(returns["btc"], returns[a], window)
                         for a in assets})


def rolling_corr_frame(returns: pd.DataFrame, windows=WINDOWS, assets=("sp500", "nasdaq")) -> pd.DataFrame:
    """Rolling correlations of BTC with each index for several windows, one row per week.

    Columns ``<asset>_<w>`` (e.g. ``sp500_60``) for each window ``w`` (trading days), holding
    the value of the last common trading day of each week (weeks end on Friday).
    """
    _check_frame("returns", returns, ("btc", "sp500", "nasdaq"))
    assets = _check_assets(assets)
    if isinstance(windows, str) or not isinstance(windows, (tuple, list)) or not windows:
        raise TypeError(f"windows must be a non-empty tuple of ints, got {windows!r}")
    cols = {}
    for w in windows:
        w = _check_window(w)
        for asset in assets:
            cols[f"{asset}_{w}"] = stats.rolling_corr(returns["btc"], returns[asset], w)
    return pd.DataFrame(cols).resample("W-FRI").last().dropna(how="all")


def rolling_window_chart(frame: pd.DataFrame, default: int = 60) -> alt.LayerChart:
    """Weekly rolling correlations with a window chooser (a Vega parameter: works without a kernel)."""
    if not isinstance(frame, pd.DataFrame) or not isinstance(frame.index, pd.DatetimeIndex):
        raise TypeError(f"frame must be the DataFrame from rolling_corr_frame, got {type(frame).__name__}")
    try:
        parts = [c.rsplit("_", 1) for c in frame.columns]
        windows = sorted({int(w) for _, w in parts})
        assets = [a for a in ASSET_LABELS if a in {a for a, _ in parts}]
    except ValueError:
        raise ValueError("frame columns must look like 'sp500_60' (from rolling_corr_frame)") from None
    if default not in windows:
        raise ValueError(f"default={default!r} is not one of the windows in frame; allowed: {windows}")
    win = alt.param(name="window", value=default,
                    bind=alt.binding_radio(options=windows, name="Window (trading days): "))
    labels = [ASSET_LABELS[a] for a in assets]
    lines = (
        alt.Chart(_inline_csv(frame, "lesson03_rolling", 3))
        .transform_calculate(**{ASSET_LABELS[a]: f"datum['{a}_' + window]" for a in assets})
        .transform_fold(labels, as_=["index", "corr"])
        .mark_line(strokeWidth=1.5)
        .encode(
            x=alt.X("date:T", title=None),
            y=alt.Y("corr:Q", title="Correlation with BTC daily returns", scale=alt.Scale(domain=[-0.6, 1])),
            color=alt.Color("index:N", title="BTC with", scale=INDEX_SCALE),
            tooltip=[alt.Tooltip("date:T", format="%Y-%m-%d", title="week ending"), "index:N",
                     alt.Tooltip("corr:Q", format=".2f")],
        )
    )
    half = alt.Chart(pd.DataFrame({"y": [0.5]})).mark_rule(strokeDash=[4, 3], color="#555").encode(y="y:Q")
    zero = alt.Chart(pd.DataFrame({"y": [0.0]})).mark_rule(color="#999").encode(y="y:Q")
    chart = alt.layer(zero, half, lines).add_params(win).properties(
        width=640, height=260, title=alt.TitleParams(
            "BTC's correlation with stocks wanders; short windows swing the most",
            subtitle=["Rolling correlation of daily log returns on common trading days (default window 60); "
                      "dashed: 0.5", "Each week's value is the one on its last trading day"]))
    return with_source(chart, SOURCE_MARKETS)


def _summary_rows(rolling: pd.DataFrame, window: int, year: int) -> pd.DataFrame:
    rows = []
    for label in rolling.columns:
        rc = rolling[label]
        part = rc[rc.index.year == year].dropna()
        if part.empty:
            raise ValueError(f"no {window}-day correlation values in year={year}")
        rows.append({"index": label, "window": window, "year": year, "days": len(part),
                     "min": part.min(), "median": part.median(), "max": part.max(),
                     "max_date": part.idxmax().date().isoformat(), "range": part.max() - part.min(),
                     "share_above_0_5": float((part > 0.5).mean()), "last": part.iloc[-1]})
    return pd.DataFrame(rows).set_index("index")


def rolling_correlation_summary(returns: pd.DataFrame, window: int = 60, year: int = 2025) -> pd.DataFrame:
    """What the rolling correlation of BTC with each index was on the trading days of ``year``.

    One row per index: ``days`` (trading days in the year with a value), ``min``, ``median``,
    ``max``, ``max_date``, ``range`` (max − min), ``share_above_0_5`` (fraction of those days
    above 0.5) and ``last`` (the value on the year's last day with data). Each day's value uses
    the ``window`` common trading days up to and including that day (so early-year values reach
    back into the previous year).
    """
    _check_frame("returns", returns, ("btc", "sp500", "nasdaq"))
    window = _check_window(window)
    year = _check_year(year, returns.index)
    return _summary_rows(_rolling(returns, window), window, year)


def _complete_years(index: pd.DatetimeIndex) -> set[int]:
    """Calendar years the dates cover from their first to their last week (within 7 days of each end)."""
    years = set()
    for year in sorted(set(index.year)):
        days = index[index.year == year]
        if days[0] <= pd.Timestamp(year, 1, 7) and days[-1] >= pd.Timestamp(year, 12, 24):
            years.add(int(year))
    return years


def yearly_correlation_spread(returns: pd.DataFrame, window: int = 60, asset: str = "sp500") -> pd.DataFrame:
    """How the daily rolling correlation of BTC with one index was spread within each calendar year.

    One row per year with at least one value (index ``year``): ``days`` (trading days with a
    value), ``q25``, ``median``, ``q75`` (quartiles of that year's daily values), ``iqr``
    (q75 − q25: the spread of the middle half of the year's days), ``max``, and ``complete``
    (True when the data cover the whole calendar year and every common trading day of it has a
    value). Correlations are unitless, from −1 to 1; ``window`` is in common trading days.
    """
    _check_frame("returns", returns, ("btc", "sp500", "nasdaq"))
    window = _check_window(window)
    asset = check_choice("asset", asset, tuple(ASSET_LABELS))
    rc = stats.rolling_corr(returns["btc"], returns[asset], window)
    covered = _complete_years(returns.index)
    trading_days = pd.Series(returns.index.year).value_counts()
    rows = []
    for year, part in rc.dropna().groupby(rc.dropna().index.year):
        q25, median, q75 = part.quantile([0.25, 0.5, 0.75])
        rows.append({"year": int(year), "days": len(part), "q25": q25, "median": median, "q75": q75,
                     "iqr": q75 - q25, "max": part.max(),
                     "complete": bool(year in covered and len(part) == trading_days[year])})
    if not rows:
        raise ValueError(f"no {window}-day correlation values: returns has only {len(returns)} rows")
    return pd.DataFrame(rows).set_index("year")


def yearly_spread_chart(table: pd.DataFrame, window: int = 60, asset: str = "sp500") -> alt.LayerChart:
    """Per year: the middle half (bar), median (tick) and maximum (dot) of the rolling correlation.

    ``table`` is :func:`yearly_correlation_spread`'s output for the same ``window`` and ``asset``
    (they only label the chart). Years the data do not fully cover are drawn faded.
    """
    _check_long(table, ("q25", "median", "q75", "max", "complete"))
    window = _check_window(window)
    label = ASSET_LABELS[check_choice("asset", asset, tuple(ASSET_LABELS))]
    df = table.reset_index()[["year", "q25", "median", "q75", "max", "complete"]].copy()
    df["year"] = df["year"].astype(str)
    df["coverage"] = np.where(df["complete"], "whole year", "part of the year")
    df = df.drop(columns="complete")
    x = alt.X("year:N", title="Calendar year", axis=alt.Axis(labelAngle=0))
    # ordinal with a stated order: Vega-Lite warns about opacity on an unsorted nominal field
    opacity = alt.Opacity("coverage:O", title="Data cover", sort=["whole year", "part of the year"],
                          scale=alt.Scale(domain=["whole year", "part of the year"], range=[0.9, 0.35]))
    tips = ["year:N", alt.Tooltip("q25:Q", format=".2f", title="25th percentile"),
            alt.Tooltip("median:Q", format=".2f"), alt.Tooltip("q75:Q", format=".2f", title="75th percentile"),
            alt.Tooltip("max:Q", format=".2f"), "coverage:N"]
    base = alt.Chart(df)
    bars = base.mark_bar(size=18, color=PALETTE[0]).encode(
        x=x, y=alt.Y("q25:Q", title=f"{window}-day correlation, BTC with {label}",
                     scale=alt.Scale(domain=[-0.4, 1])), y2="q75:Q", opacity=opacity, tooltip=tips)
    ticks = base.mark_tick(color="black", thickness=2, size=22).encode(x=x, y="median:Q", opacity=opacity,
                                                                        tooltip=tips)
    tops = base.mark_point(filled=True, size=50, color=PALETTE[3]).encode(x=x, y="max:Q", opacity=opacity,
                                                                           tooltip=tips)
    zero = alt.Chart(pd.DataFrame({"y": [0.0]})).mark_rule(color="#999").encode(y="y:Q")
    chart = alt.layer(zero, bars, ticks, tops).properties(width=640, height=260, title=alt.TitleParams(
        "A year's highest correlation says little about its typical day",
        subtitle=[f"Daily {window}-day correlation of BTC with the {label}, by calendar year",
                  "Bar: middle half of the days (25th to 75th percentile); black tick: median; dot: maximum",
                  "Faded: years the data cover only in part"]))
    return with_source(chart, SOURCE_MARKETS)


def _last_day_of_each_week(index: pd.DatetimeIndex) -> np.ndarray:
    """Mask of the last row of each Saturday-to-Friday week (rows sorted by date)."""
    days = index.to_numpy().astype("datetime64[D]").astype(np.int64)  # days since 1970-01-01 (a Thursday)
    week = (days - 2) // 7  # weeks start on Saturday (1970-01-03 is day 2)
    mask = np.ones(len(week), dtype=bool)
    mask[:-1] = week[:-1] != week[1:]
    return mask


def rolling_correlation_panel(window: int = 60, year: int = 2025,
                              returns: pd.DataFrame | None = None) -> dict:
    """The widget's computation: weekly rolling correlations for one window, and the year's summary.

    Returns ``{"series": DataFrame (columns "S&P 500", "Nasdaq"; one row per week, on the week's
    last common trading day), "summary": DataFrame as in rolling_correlation_summary}``. With
    ``returns=None`` the snapshot's daily returns are used (computed once, then cached).
    """
    returns = _snapshot_returns() if returns is None else returns
    _check_frame("returns", returns, ("btc", "sp500", "nasdaq"))
    window = _check_window(window)
    year = _check_year(year, returns.index)
    rolling = _rolling(returns, window)
    weekly = rolling[_last_day_of_each_week(rolling.index)].dropna(how="all")
    return {"series": weekly, "summary": _summary_rows(rolling, window, year)}


@lru_cache(maxsize=4)
def _config_for(theme: str) -> str:
    """The active Altair theme's config, as JSON (computed once per theme)."""
    import json

    return json.dumps(alt.Chart().mark_point().to_dict(validate=False).get("config", {}))


def rolling_panel_spec(panel: dict, window: int, year: int) -> dict:
    """Vega-Lite spec (a plain dict) of :func:`rolling_correlation_panel`, with ``year`` shaded.

    Built as a dict rather than through Altair's classes, so that a widget can redraw it in a
    few milliseconds. Colours as in the lesson's other correlation charts.
    """
    import json

    if not isinstance(panel, dict) or not isinstance(panel.get("series"), pd.DataFrame):
        raise TypeError("panel must be the dict returned by rolling_correlation_panel")
    window = _check_window(window)
    year = check_int("year", year, allowed="an int such as 2025")
    series = panel["series"]
    csv = _inline_csv(series, "lesson03_panel", 3)
    labels = list(series.columns)
    domain = list(INDEX_SCALE.domain)
    rng = list(INDEX_SCALE.range)
    return {
        "$schema": alt.SCHEMA_URL,
        "config": json.loads(_config_for(alt.theme.active)),
        "width": 640,
        "height": 260,
        "title": {"text": f"{window}-day rolling correlation of BTC with stock indexes",
                  "subtitle": [f"Daily log returns on common trading days; shaded: {year}"]},
        "layer": [
            {"data": {"values": [{"start": f"{year}-01-01T00:00", "end": f"{year}-12-31T00:00"}]},
             "mark": {"type": "rect", "color": "#999", "opacity": 0.15},
             "encoding": {"x": {"field": "start", "type": "temporal"}, "x2": {"field": "end"}}},
            {"data": {"values": [{"y": 0.5}]},
             "mark": {"type": "rule", "strokeDash": [4, 3], "color": "#555"},
             "encoding": {"y": {"field": "y", "type": "quantitative"}}},
            {"data": {"name": "lesson03_panel", "values": csv.values, "format": csv.format.to_dict()},
             "transform": [{"fold": labels, "as": ["index", "corr"]}],
             "mark": {"type": "line", "strokeWidth": 1.5},
             "encoding": {
                 "x": {"field": "date", "type": "temporal", "title": None},
                 "y": {"field": "corr", "type": "quantitative", "title": "Correlation with BTC daily returns",
                       "scale": {"domain": [-0.6, 1]}},
                 "color": {"field": "index", "type": "nominal", "title": "BTC with",
                           "scale": {"domain": domain, "range": rng}},
             }},
        ],
    }


def show_live(chart) -> None:
    """Display a chart (an Altair chart or a Vega-Lite dict) inside a live widget, spec only.

    Widget output is never saved in the notebook, so the PNG the course renderer adds is not
    needed there; skipping it keeps each widget update fast.
    """
    from IPython.display import display

    from helpers.charts import VEGALITE_MIME

    spec = chart if isinstance(chart, dict) else chart.to_dict(validate=False)
    display({VEGALITE_MIME: spec, "text/plain": "<Chart>"}, raw=True)


# ---------------------------------------------------------------------------
# Lead–lag and other weekly factors
# ---------------------------------------------------------------------------
def lead_lag_test(changes: pd.DataFrame, x: str = "net_liquidity", y: str = "btc", max_lag: int = 12,
                  n_perm: int = 999, block: int = 4, seed: int = 3) -> stats.CrossCorrelationTest:
    """Cross-correlation of weekly changes ``x`` with weekly returns ``y`` at lags ±``max_lag`` weeks.

    Positive lag k: the change in ``x`` happened k weeks *before* the return of ``y``. The
    permutation null shuffles ``y`` in blocks of ``block`` weeks (see
    :func:`helpers.stats.cross_correlation_test`).
    """
    _check_frame("changes", changes, (x, y))
    return stats.cross_correlation_test(changes[x], changes[y], max_lag=max_lag, n_perm=n_perm,
                                        block=block, seed=seed)


def lead_lag_chart(test: stats.CrossCorrelationTest) -> alt.LayerChart:
    """Bars of the cross-correlation; grey boxes: permutation band; dashed: ±1.96/√n."""
    if not isinstance(test, stats.CrossCorrelationTest):
        raise TypeError(f"test must be a CrossCorrelationTest, got {type(test).__name__}")
    df = test.table.reset_index()[["lag", "corr", "n", "white_band", "perm_lo", "perm_hi", "p_value"]].round(4)
    outside = (df["corr"] < df["perm_lo"]) | (df["corr"] > df["perm_hi"])
    df["where"] = np.where(outside, "outside grey band", "inside grey band")
    df["minus_white"] = -df["white_band"]
    max_lag = int(df["lag"].max())
    x = alt.X("lag:Q", title="Lag in weeks (positive: the net-liquidity change comes first)",
              scale=alt.Scale(domain=[-max_lag - 0.7, max_lag + 0.7]),
              axis=alt.Axis(values=list(range(-max_lag, max_lag + 1, 2))))
    band = alt.Chart(df).mark_bar(size=22, color="#bbb", opacity=0.45).encode(
        x=x, y=alt.Y("perm_lo:Q", title="Correlation"), y2="perm_hi:Q")
    white_hi = alt.Chart(df).mark_line(strokeDash=[4, 3], color="#333", strokeWidth=1).encode(x="lag:Q", y="white_band:Q")
    white_lo = alt.Chart(df).mark_line(strokeDash=[4, 3], color="#333", strokeWidth=1).encode(x="lag:Q", y="minus_white:Q")
    bars = alt.Chart(df).mark_bar(size=10).encode(
        x="lag:Q", y="corr:Q",
        color=alt.Color("where:N", title=None,
                        scale=alt.Scale(domain=["inside grey band", "outside grey band"],
                                        range=[PALETTE[0], PALETTE[3]])),
        tooltip=["lag:Q", alt.Tooltip("corr:Q", format=".3f"), "n:Q",
                 alt.Tooltip("p_value:Q", format=".3f", title="per-lag p")])
    n_lags = len(df)
    verdict = (f"the best of {n_lags} lags survives a test that allows for the search"
               if test.max_abs_p < 1 - test.level
               else f"nothing survives a test that allows for trying {n_lags} lags")
    chart = alt.layer(band, white_hi, white_lo, bars).properties(width=640, height=260, title=alt.TitleParams(
        f"Weekly net-liquidity changes vs BTC returns: {verdict}",
        subtitle=[f"Grey boxes: central 95 % of {test.n_perm} block-shuffled series (blocks of {test.block} weeks); "
                  "dashed: ±1.96/√n",
                  f"Largest |corr| {test.max_abs_corr:+.3f} at lag {test.max_abs_lag}; "
                  f"family-wise p = {test.max_abs_p:.3f}"]))
    return with_source(chart, SOURCE_MARKETS)


def factor_correlations(changes: pd.DataFrame, target: str = "btc", factors=None, block: int = 4,
                        n_boot: int = 999, seed: int = 0, start=None, end=None) -> pd.DataFrame:
    """Correlation of the target's weekly return with each factor's weekly change, with intervals.

    ``factors`` defaults to :data:`FACTORS` (a dict of column -> label). Intervals are 95 %
    circular block-bootstrap percentile intervals (blocks of ``block`` weeks). Columns: ``label``,
    ``corr``, ``lo``, ``hi``, ``weeks``. ``start``/``end`` restrict the sample (dates).
    """
    factors = FACTORS if factors is None else factors
    if not isinstance(factors, dict) or not factors:
        raise TypeError(f"factors must be a non-empty dict of column -> label, got {type(factors).__name__}")
    _check_frame("changes", changes, (target, *factors))
    part = changes.loc[start:end]
    rows = []
    for col, label in factors.items():
        pair = part[[target, col]].dropna()
        r, lo, hi = stats.bootstrap_corr_ci(pair[target], pair[col], block=block, n_boot=n_boot, seed=seed)
        rows.append({"factor": col, "label": label, "corr": r, "lo": lo, "hi": hi, "weeks": len(pair)})
    return pd.DataFrame(rows).set_index("factor")


def factor_chart(table: pd.DataFrame) -> alt.LayerChart:
    """Dot-and-whisker chart of :func:`factor_correlations`."""
    _check_long(table, ("label", "corr", "lo", "hi"))
    df = table.reset_index()
    order = df.sort_values("corr", ascending=False)["label"].tolist()
    y = alt.Y("label:N", title=None, sort=order, axis=alt.Axis(labelLimit=320))
    whisk = alt.Chart(df).mark_rule(strokeWidth=2, color=PALETTE[0]).encode(
        y=y, x=alt.X("lo:Q", title="Correlation with BTC's weekly log return (95 % block-bootstrap interval)",
                     scale=alt.Scale(domain=[-0.4, 0.8])), x2="hi:Q")
    dots = alt.Chart(df).mark_point(filled=True, size=80, color=PALETTE[0]).encode(
        y=y, x="corr:Q",
        tooltip=["label:N", alt.Tooltip("corr:Q", format=".3f"), alt.Tooltip("lo:Q", format=".3f"),
                 alt.Tooltip("hi:Q", format=".3f"), "weeks:Q"])
    zero = alt.Chart(pd.DataFrame({"x": [0.0]})).mark_rule(color="#999").encode(x="x:Q")
    chart = alt.layer(zero, whisk, dots).properties(width=520, height=200, title=alt.TitleParams(
        "Week to week, BTC moves with stocks far more than with net liquidity",
        subtitle=["Correlation of weekly changes (Wednesday to Wednesday) over the whole sample"]))
    return with_source(chart, SOURCE_MARKETS)


def rolling_factor_chart(changes: pd.DataFrame, window: int = 52) -> alt.LayerChart:
    """Rolling ``window``-week correlation of BTC's weekly return with the real yield and the dollar."""
    _check_frame("changes", changes, ("btc", "real10y", "dollar"))
    window = check_int("window", window, 13, 156)
    labels = {"real10y": "10-year real yield (change)", "dollar": "Broad dollar (log change)"}
    wide = pd.DataFrame({col: stats.rolling_corr(changes["btc"], changes[col], window) for col in labels})
    df = _inline_csv(wide.dropna(how="all"), "lesson03_rolling_factor", 3)
    zero = alt.Chart(pd.DataFrame({"y": [0.0]})).mark_rule(color="#999").encode(y="y:Q")
    lines = (
        alt.Chart(df)
        .transform_fold(list(labels), as_=["factor", "corr"])
        .transform_calculate(factor=f"datum.factor == 'real10y' ? '{labels['real10y']}' : '{labels['dollar']}'")
        .mark_line(strokeWidth=1.5)
        .encode(
            x=alt.X("date:T", title=None),
            y=alt.Y("corr:Q", title=f"{window}-week correlation with BTC"),
            color=alt.Color("factor:N", title="BTC with", scale=alt.Scale(range=[PALETTE[3], PALETTE[4]]),
                            legend=alt.Legend(labelLimit=300)),
            tooltip=[alt.Tooltip("date:T", format="%Y-%m-%d"), "factor:N", alt.Tooltip("corr:Q", format=".2f")],
        )
    )
    chart = alt.layer(zero, lines).properties(width=640, height=240, title=alt.TitleParams(
        "BTC against real yields and the dollar: the link comes and goes",
        subtitle=[f"Rolling {window}-week correlation of weekly changes (Wednesday to Wednesday)"]))
    return with_source(chart, SOURCE_MARKETS)


def _bench_widget_update(window: int = 60, year: int = 2025) -> dict:
    """Everything the lesson's window widget does on a change, except drawing in the browser."""
    panel = rolling_correlation_panel(window=window, year=year)
    return rolling_panel_spec(panel, window, year)


BENCH = {
    "lesson03 rolling_correlation_panel": (rolling_correlation_panel, {"window": 60, "year": 2025}),
    "lesson03 window widget update (panel + chart spec)": (_bench_widget_update, {"window": 120, "year": 2025}),
}
