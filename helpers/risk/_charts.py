"""Lesson 05's charts. Every ``*_chart`` takes prices or a computed table as its first argument and
never loads data; the course renderer (``helpers.setup()``) adds the PNG fallback."""
from __future__ import annotations

from typing import Any, Sequence

import altair as alt
import numpy as np
import pandas as pd

from helpers.charts import PALETTE, with_source
from helpers.i18n import N_, text
from helpers.i18n import gettext as _
from helpers.risk._compute import (ASSETS, check_outcomes, check_prices, check_staging, drawdown,
                                   rolling_volatility, staged_summary, staged_vs_lump)
from helpers.risk._compute_positions import binned_shares, liquidation_frequency
from helpers.validate import check_frame, check_int, check_ints, check_number, check_series, check_text, shown

ASSET_COLORS = {"Bitcoin": "#E69F00", "Ether": "#0072B2", "S&P 500": "#009E73", "Nasdaq Composite": "#CC79A7"}
SOURCE_MARKETS = N_("Source: Yahoo Finance (BTC-USD, ETH-USD daily closes); FRED (SP500, NASDAQCOM); "
                    "Liquidity Lab snapshot")  # shown with text(), in the edition's language
# Display names of the assets and the default asset labels, for the catalog (shown with _()).
_NAMES = (N_("Bitcoin"), N_("Ether"), N_("S&P 500"), N_("Nasdaq Composite"), N_("bitcoin"), N_("ether"))
_LOG_TICKS = [0.1, 0.2, 0.3, 0.5, 1, 1.5, 2, 3, 5, 10, 20, 30, 50, 100]


def _asset_color() -> alt.Color:
    return alt.Color("asset:N", title=_("Asset"),
                     scale=alt.Scale(domain=[_(a) for a in ASSET_COLORS], range=list(ASSET_COLORS.values())))


def _closes(markets: Any) -> dict[str, pd.Series]:
    """Each market's closes from a frame with one column per asset (as ``risk.inputs().markets``)."""
    check_frame("markets", markets, tuple(ASSETS), numeric=True, min_rows=2)
    return {a: check_prices(f"markets[{a!r}]", markets[a].dropna()) for a in ASSETS}


def _wide_frame(series: dict[str, pd.Series]) -> pd.DataFrame:
    """Several dated series on one grid as a wide table with a text ``date`` column (compact in the notebook)."""
    df = pd.DataFrame(series)
    df.index = df.index.strftime("%Y-%m-%d")
    return df.reset_index(names="date")


def _vega_text(label: str) -> str:
    """``label`` safe inside a single-quoted Vega expression string (a translation may hold a quote)."""
    return label.replace("\\", "\\\\").replace("'", "\\'")


def _subtitle(name: str, subtitle: Any) -> list[str]:
    lines = [subtitle] if isinstance(subtitle, str) else subtitle
    if not isinstance(lines, (list, tuple)) or not lines:
        raise TypeError(f"{name} must be a str or a list of str, got {type(subtitle).__name__} ({shown(subtitle)})")
    return [check_text(name, line) for line in lines]


def volatility_chart(markets: pd.DataFrame, window_days: int = 90) -> alt.Chart:
    """Rolling annualised volatility (percent) of BTC, ETH, S&P 500 and Nasdaq, every 28 days.

    ``markets``: daily closes with one column per asset (``risk.inputs().markets``).
    """
    window_days = check_int("window_days", window_days, 7, 3650)
    wide = {}
    for a, p in _closes(markets).items():
        try:
            v = rolling_volatility(p, window_days, ASSETS[a][1])
        except ValueError:
            raise ValueError(f"markets[{a!r}] is too short for one full window of window_days={window_days}; "
                             "allowed: a shorter window or longer closes") from None
        wide[_(ASSETS[a][0])] = (v.resample("28D", origin="epoch").last() * 100).round(1)
    chart = alt.Chart(_wide_frame(wide)).transform_fold(list(wide), as_=["asset", "vol"]).transform_filter(
        "isValid(datum.vol)").mark_line(strokeWidth=1.5).encode(
        x=alt.X("date:T", title=None),
        y=alt.Y("vol:Q", title=_("Annualised volatility, {window_days}-day window (%)").format(
            window_days=window_days)),
        color=_asset_color(),
        tooltip=[alt.Tooltip("date:T", format="%Y-%m-%d"), "asset:N", alt.Tooltip("vol:Q", title="%")],
    ).properties(width=580, height=240, title=alt.TitleParams(
        _("Bitcoin and ether swing several times as much as US stocks"),
        subtitle=[_("Standard deviation of daily log returns over the last {window_days} calendar days,").format(
                      window_days=window_days),
                  _("annualised with √365 for crypto and √252 for equities; every 28th day shown")]))
    return with_source(chart, text(SOURCE_MARKETS))


def drawdown_chart(markets: pd.DataFrame) -> alt.Chart:
    """Drawdown from the previous high (percent) of the four assets; the lowest value in each 28 days.

    ``markets``: daily closes with one column per asset (``risk.inputs().markets``).
    """
    wide = {}
    for a, p in _closes(markets).items():
        wide[_(ASSETS[a][0])] = (drawdown(p).resample("28D", origin="epoch").min() * 100).round(1)
    chart = alt.Chart(_wide_frame(wide)).transform_fold(list(wide), as_=["asset", "dd"]).transform_filter(
        "isValid(datum.dd)").mark_line(strokeWidth=1.5).encode(
        x=alt.X("date:T", title=None),
        y=alt.Y("dd:Q", title=_("Below the previous high (%)"), scale=alt.Scale(domain=[-100, 0])),
        color=_asset_color(),
        tooltip=[alt.Tooltip("date:T", format="%Y-%m-%d"), "asset:N", alt.Tooltip("dd:Q", title="%")],
    ).properties(width=580, height=240, title=alt.TitleParams(
        _("Crypto has lost most of its value more than once; stocks far less"),
        subtitle=[_("Drawdown: close / highest close so far - 1; lowest value in each 28-day step;"),
                  _("measured from each series' first day in the snapshot")]))
    return with_source(chart, text(SOURCE_MARKETS))


def staged_chart(prices: pd.Series, tranches: Sequence[int] = (2, 3, 4),
                 horizons_days: Sequence[int] = (91, 182, 365), default_tranches: int = 3,
                 default_horizon: int = 182, asset_label: str = "bitcoin") -> alt.LayerChart:
    """Histogram of staged - lump (percent of budget) over all start dates, with radio buttons.

    ``prices``: daily, gap-free closes (``risk.asset_prices("btc")``); tranches are 7 days apart.
    The tranche count and horizon are Vega parameters: the chart works without a kernel.
    """
    p = check_prices("prices", prices, daily=True)
    tranches = check_ints("tranches", tranches, 1, 12, max_len=6)
    horizons_days = check_ints("horizons_days", horizons_days, 1, len(p) - 1, max_len=6)
    check_staging(max(tranches), 7, min(horizons_days), tranches_name="tranches", horizon_name="horizons_days")
    default_tranches = check_int("default_tranches", default_tranches, min(tranches), max(tranches))
    default_horizon = check_int("default_horizon", default_horizon, min(horizons_days), max(horizons_days))
    if default_tranches not in tranches or default_horizon not in horizons_days:
        raise ValueError(f"default_tranches={default_tranches} and default_horizon={default_horizon} must be "
                         f"one of tranches {tranches} and of horizons_days {horizons_days}")
    asset_label = check_text("asset_label", asset_label)
    bars, labels = [], []
    for n in tranches:
        for h in horizons_days:
            out = staged_vs_lump(p, n, 7, h)
            b = binned_shares(out["diff"], step=0.04, clip=(-0.48, 0.48))
            b["tranches"], b["horizon"] = n, h
            bars.append(b)
            s = staged_summary(out)
            labels.append({"tranches": n, "horizon": h, "label":
                           _("staged better on {share:.0%} of {start_dates} start dates; "
                             "median difference {median:+.1%}").format(
                               share=s["staged better (share)"], start_dates=int(s["start dates"]),
                               median=s["median difference"])})
    df = pd.concat(bars, ignore_index=True)
    df["pct"] = (df["bin"] * 100).round(1)
    df["share"] = (df["share"] * 100).round(2)
    df = df[["tranches", "horizon", "pct", "share"]]
    n_par = alt.param(name="tranches", value=default_tranches,
                      bind=alt.binding_radio(options=list(tranches), name=_("Weekly tranches ")))
    h_par = alt.param(name="horizon", value=default_horizon,
                      bind=alt.binding_radio(options=list(horizons_days),
                                             labels=[_("{n} months").format(n=round(h / 30.4))
                                                     for h in horizons_days],
                                             name=_("Value after ")))
    keep = "datum.tranches == tranches && datum.horizon == horizon"
    staged_b, lump_b = _vega_text(_("staged did better")), _vega_text(_("lump sum did better"))
    hist = alt.Chart(df).transform_filter(keep).transform_calculate(
        end="datum.pct + 4",
        who=f"datum.pct >= 0 ? '{staged_b}' : '{lump_b}'",
    ).mark_bar(stroke="white", strokeWidth=0.5).encode(
        x=alt.X("pct:Q", title=_("Staged minus lump sum (% of the budget; the end bins collect the tails)"),
                scale=alt.Scale(domain=[-48, 48], nice=False), axis=alt.Axis(values=list(range(-48, 49, 8)))),
        x2="end:Q",
        y=alt.Y("share:Q", title=_("Share of start dates (%)"),
                scale=alt.Scale(domain=[0, float(np.ceil(df["share"].max() * 1.15))])),
        y2=alt.datum(0),
        color=alt.Color("who:N", title=None, scale=alt.Scale(
            domain=[lump_b, staged_b], range=[PALETTE[3], PALETTE[0]])),
        tooltip=[alt.Tooltip("pct:Q", title=_("bin from (%)")), alt.Tooltip("share:Q", title=_("share (%)"))],
    )
    notes = alt.Chart(pd.DataFrame(labels)).mark_text(align="left", x=5, y=8, fontSize=12).encode(
        text="label:N").transform_filter(keep)
    chart = alt.layer(hist, notes).add_params(n_par, h_par).properties(
        width=580, height=260, title=alt.TitleParams(
            _("Staged buying vs a lump sum in {asset}: it depends on the start date").format(asset=_(asset_label)),
            subtitle=[_("Every daily start date; tranches 7 days apart; idle cash earns nothing; no fees")]))
    return with_source(chart, text(SOURCE_MARKETS))


def ladder_chart(outcomes: pd.DataFrame, asset_label: str = "Bitcoin") -> alt.LayerChart:
    """Scatter of the ladder's value against holding's, one point per entry date (log scales)."""
    outcomes = check_outcomes("outcomes", outcomes, ("hold", "ladder", "diff"), "ladder_outcomes")
    if (outcomes[["hold", "ladder"]] <= 0).any().any():
        raise ValueError("outcomes has values <= 0, which a log scale cannot show; allowed: the table "
                         "ladder_outcomes() returns")
    asset_label = check_text("asset_label", asset_label)
    df = pd.DataFrame({"hold": outcomes["hold"].round(3).to_numpy(),
                       "ladder": outcomes["ladder"].round(3).to_numpy()})
    lo = float(min(df["hold"].min(), df["ladder"].min())) * 0.9
    hi_x, hi_y = float(df["hold"].max()) * 1.1, float(df["ladder"].max()) * 1.2
    same, ladder_b, hold_b = (_vega_text(_("same")), _vega_text(_("ladder did better")),
                              _vega_text(_("holding did better")))
    points = alt.Chart(df).transform_calculate(
        who=f"datum.ladder == datum.hold ? '{same}' : "
            f"(datum.ladder > datum.hold ? '{ladder_b}' : '{hold_b}')",
    ).mark_circle(size=20, opacity=0.75).encode(
        x=alt.X("hold:Q", title=_("Value after holding (1 = break-even, log scale)"),
                scale=alt.Scale(type="log", domain=[lo, hi_x], nice=False),
                axis=alt.Axis(values=[t for t in _LOG_TICKS if lo <= t <= hi_x])),
        y=alt.Y("ladder:Q", title=_("Value with the ladder (log scale)"),
                scale=alt.Scale(type="log", domain=[lo, hi_y], nice=False),
                axis=alt.Axis(values=[t for t in _LOG_TICKS if lo <= t <= hi_y])),
        color=alt.Color("who:N", title=None, scale=alt.Scale(
            domain=[hold_b, same, ladder_b],
            range=[PALETTE[3], "#999999", PALETTE[0]])),
        tooltip=["hold:Q", "ladder:Q"],
    )
    diagonal = alt.Chart(pd.DataFrame({"hold": [lo, hi_y], "ladder": [lo, hi_y]})).mark_line(
        color="#555", strokeDash=[4, 3], strokeWidth=1).encode(x="hold:Q", y="ladder:Q")
    chart = alt.layer(diagonal, points).properties(width=540, height=300, title=alt.TitleParams(
        _("The ladder caps the big {asset} winners and softens some losers").format(asset=_(asset_label.lower())),
        subtitle=[_("One dot per weekly entry date; dashed line: same result; above it the ladder did better")]))
    return with_source(chart, text(SOURCE_MARKETS))


def liquidation_chart(prices: pd.Series, max_leverage: int = 50, horizons_days: Sequence[int] = (7, 30, 90, 365),
                      maintenance: float = 0.005, default_leverage: int = 10,
                      asset_label: str = "bitcoin") -> alt.LayerChart:
    """Bars: share of start days a long was liquidated within D days, at daily vs weekly checks.

    The leverage is a slider (a Vega parameter): every value is precomputed, so it works without a kernel.
    """
    maintenance = check_number("maintenance", maintenance, 0, 0.5, open_hi=True)
    max_leverage = check_int("max_leverage", max_leverage, 2, 199)
    if maintenance > 0 and max_leverage >= 1 / maintenance:
        raise ValueError(f"max_leverage={max_leverage} is too high for maintenance={maintenance:g}: the position "
                         f"would be liquidated at once; allowed: max_leverage < 1/maintenance = {1 / maintenance:g}")
    default_leverage = check_int("default_leverage", default_leverage, 1, max_leverage)
    horizons_days = check_ints("horizons_days", horizons_days, 7, 3650, max_len=8)
    asset_label = check_text("asset_label", asset_label)
    levs = list(range(1, max_leverage + 1))
    daily, weekly = _("every daily close"), _("weekly closes only")  # display labels (chart data only)
    checks = {daily: 1, weekly: 7}
    wide = {}
    for label, every in checks.items():
        t = liquidation_frequency(prices, levs, list(horizons_days), "long", maintenance, every)
        wide[label] = (t.stack() * 100).round(0).astype(int)  # index: (leverage, days)
    df = pd.DataFrame(wide).reset_index()
    df["leverage"] = df["leverage"].astype(int)
    df["days"] = df["days"].astype(int)
    lev = alt.param(name="leverage", value=default_leverage,
                    bind=alt.binding_range(min=1, max=max_leverage, step=1, name=_("Leverage (x) ")))
    base = alt.Chart(df).transform_filter("datum.leverage == leverage").transform_fold(
        list(checks), as_=["check", "share"]).encode(
        x=alt.X("days:O", title=_("Held for up to … days"), sort=list(horizons_days),
                axis=alt.Axis(labelAngle=0)),
        xOffset=alt.XOffset("check:N", sort=[daily, weekly]),
        y=alt.Y("share:Q", title=_("Start days liquidated (%)"), scale=alt.Scale(domain=[0, 100])),
    )
    bars = base.mark_bar().encode(
        color=alt.Color("check:N", title=_("Price checked at"), sort=[daily, weekly],
                        scale=alt.Scale(range=[PALETTE[3], PALETTE[5]])),
        tooltip=["leverage:Q", "days:O", "check:N", alt.Tooltip("share:Q", title=_("% liquidated"))])
    numbers = base.mark_text(dy=-7, fontSize=11).encode(text=alt.Text("share:Q", format=".0f"))
    chart = alt.layer(bars, numbers).add_params(lev).properties(width=560, height=300, title=alt.TitleParams(
        _("The higher the leverage, the more often a {asset} long was wiped out").format(asset=_(asset_label)),
        subtitle=[_("Isolated long opened at any daily close; maintenance margin {maintenance:.1%}; "
                    "no fees or funding").format(maintenance=maintenance),
                  _("Looking at prices less often misses liquidations — exchanges look continuously")]))
    return with_source(chart, text(SOURCE_MARKETS))


def liquidation_year_chart(by_year: pd.Series, title: str, subtitle: str | Sequence[str]) -> alt.LayerChart:
    """Bars of the share of start days liquidated in each calendar year (from :func:`liquidation_by_year`)."""
    if not isinstance(by_year, pd.Series):
        raise TypeError(f"by_year must be the Series from liquidation_by_year(), got {type(by_year).__name__}")
    by_year = check_series("by_year", by_year, dated=False, min_len=1)
    if by_year.isna().any() or not by_year.between(0, 1).all():
        raise ValueError("by_year must hold shares from 0 to 1 for every year, as liquidation_by_year() returns")
    title = check_text("title", title)
    lines = _subtitle("subtitle", subtitle)
    df = pd.DataFrame({"year": by_year.index.astype(str), "share": (by_year.to_numpy() * 100).round(1)})
    bars = alt.Chart(df).mark_bar(color=PALETTE[3]).encode(
        x=alt.X("year:O", title=_("Year of the start day"), axis=alt.Axis(labelAngle=0)),
        y=alt.Y("share:Q", title=_("Start days liquidated (%)"), scale=alt.Scale(domain=[0, 100])),
        tooltip=["year:O", alt.Tooltip("share:Q", title="%")])
    labels = bars.mark_text(dy=-7, fontSize=11, color="#333").encode(text=alt.Text("share:Q", format=".0f"))
    chart = alt.layer(bars, labels).properties(width=560, height=260, title=alt.TitleParams(title, subtitle=lines))
    return with_source(chart, text(SOURCE_MARKETS))


def position_fan_chart(quantiles: pd.DataFrame, start_value: float, title: str, subtitle: str,
                       every_days: int = 5) -> alt.LayerChart:
    """The value of a position over simulated days (USD): 5–95 % and 25–75 % bands and the median.

    ``quantiles`` comes from :func:`fan_quantiles` (paths that start at 1); ``start_value`` scales them.
    """
    needed = ("q05", "q25", "q50", "q75", "q95")
    if not isinstance(quantiles, pd.DataFrame) or not set(needed) <= set(quantiles.columns):
        raise TypeError("quantiles must come from fan_quantiles() with the default quantiles")
    check_frame("quantiles", quantiles, needed, dated=False, min_rows=2, numeric=True)
    if not isinstance(quantiles.index, pd.RangeIndex) or quantiles.index.step != 1 or quantiles.index[0] != 0:
        raise ValueError("quantiles must be indexed by day 0, 1, 2, ... as fan_quantiles() returns")
    if not np.isfinite(quantiles[list(needed)].to_numpy(dtype=float)).all():
        raise ValueError("quantiles has missing or infinite values; allowed: the table fan_quantiles() returns")
    check_number("start_value", start_value, 0, 1e12, open_lo=True)  # kept as given: 10_000 stays an int
    title = check_text("title", title)
    subtitle = check_text("subtitle", subtitle)
    every_days = check_int("every_days", every_days, 1, 365)
    q = (quantiles.iloc[::every_days] * start_value).round(0).reset_index()
    base = alt.Chart(q).encode(x=alt.X("day:Q", title=_("Days from the start"),
                                       scale=alt.Scale(domain=[0, int(quantiles.index[-1])], nice=False)))
    y_title = _("Value of the position (USD)")
    outer = base.mark_area(color=PALETTE[5], opacity=0.35).encode(
        y=alt.Y("q05:Q", title=y_title), y2="q95:Q")
    inner = base.mark_area(color=PALETTE[0], opacity=0.45).encode(y="q25:Q", y2="q75:Q")
    median = base.mark_line(color="#000").encode(
        y="q50:Q", tooltip=["day:Q", alt.Tooltip("q05:Q", format=",.0f"), alt.Tooltip("q50:Q", format=",.0f"),
                            alt.Tooltip("q95:Q", format=",.0f")])
    start = alt.Chart(pd.DataFrame({"v": [start_value]})).mark_rule(strokeDash=[4, 3], color="#555").encode(y="v:Q")
    chart = alt.layer(outer, inner, median, start).properties(width=600, height=300, title=alt.TitleParams(
        title, subtitle=[subtitle, _("Light band: 5th–95th percentile; dark band: 25th–75th; line: median")]))
    return with_source(chart, text(SOURCE_MARKETS))
