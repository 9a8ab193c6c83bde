"""Lesson 04's charts (Altair; drawn by the course renderer set up with helpers.setup()).

One contract: every ``*_chart`` takes, as its first argument, the frame it draws (the event table,
a compute function's result, or the markets table from :func:`helpers.events.inputs`) and never
loads or computes data from the snapshot itself; names such as ``asset`` only label the chart.
Menus and sliders are Vega parameters, so the charts work without a kernel.
"""
from __future__ import annotations

from typing import Any

import altair as alt
import numpy as np
import pandas as pd

from helpers.charts import PALETTE, with_source
from helpers.data import CHECKED
from helpers.events._compute import ASSETS, KINDS, PIVOT_SETS, check_prices
from helpers.i18n import N_, text
from helpers.i18n import gettext as _
from helpers.validate import check_choice, check_date, check_frame, check_numbers, check_series

STANCE_COLORS = {"easing": "#0072B2", "tightening": "#D55E00", "neutral": "#999999"}
_SOURCE_RELEASES = N_("Sources: Federal Reserve press releases (policy_events.csv)")
SOURCE_EVENTS = _SOURCE_RELEASES + "; FRED; Yahoo Finance (BTC, ETH)"
SOURCE_MARKETS = N_("Source: Liquidity Lab snapshot (FRED: SP500, NASDAQCOM; Yahoo Finance: BTC-USD, ETH-USD)")
# Calendar months as seasonality() names them, marked so the chart can show them translated
_MONTH_NAMES = (N_("Jan"), N_("Feb"), N_("Mar"), N_("Apr"), N_("May"), N_("Jun"), N_("Jul"), N_("Aug"),
                N_("Sep"), N_("Oct"), N_("Nov"), N_("Dec"))


def _source(asset: str) -> str:
    where = {"btc": "Yahoo Finance BTC-USD", "eth": "Yahoo Finance ETH-USD", "sp500": "FRED SP500",
             "nasdaq": "FRED NASDAQCOM"}[asset]
    return _("Source: Liquidity Lab snapshot ({where})").format(where=where)


def _month_year(day: pd.Timestamp) -> str:
    """'Oct 2014' in English, the edition's form elsewhere."""
    return _("{month} {year}").format(month=text(f"{day:%b}"), year=day.year)


def _fmt_pct(x: float) -> str:
    return f"{x:+.0f}%"


def timeline_chart(events: pd.DataFrame) -> alt.Chart:
    """Every policy event on a time line by kind, coloured by stance; a menu picks one kind.

    ``events`` is the policy-event table (``inputs().events``, or the lesson's copy of ``policy_events``).
    The menu is a Vega selection (works without a kernel); click a point to open its primary source.
    """
    columns = ["kind", "stance", "description", "checked", "source_url"]
    ev = check_frame("events", events, columns)
    df = ev[columns].copy()
    df.insert(0, "date", ev.index.strftime("%Y-%m-%d"))
    df = df.reset_index(drop=True)
    df["description"] = df["description"].astype(str).str.slice(0, 140)
    kinds = [k for k in KINDS if k in set(df["kind"])]
    pick = alt.selection_point(fields=["kind"], name="kind_pick",
                               bind=alt.binding_select(options=[None, *kinds], labels=[_("all"), *kinds],
                                                       name=_("Kind of event ")))
    n_ease = int((df["stance"] == "easing").sum())
    n_tight = int((df["stance"] == "tightening").sum())
    chart = (
        alt.Chart(df)
        .mark_point(filled=True, size=110)
        .encode(
            x=alt.X("date:T", title=_("Announcement date (US Eastern)"), axis=alt.Axis(format="%Y")),
            y=alt.Y("kind:N", sort=kinds, title=_("Kind of event")),
            color=alt.Color("stance:N", title=_("Stance"),
                            scale=alt.Scale(domain=list(STANCE_COLORS), range=list(STANCE_COLORS.values()))),
            shape=alt.Shape("checked:N", title=_("How it was checked"),
                            scale=alt.Scale(domain=list(CHECKED), range=["circle", "square", "triangle-up"])),
            opacity=alt.condition(pick, alt.value(0.95), alt.value(0.12)),
            href="source_url:N",
            tooltip=[alt.Tooltip("date:N", title=_("announced")), "kind:N", "stance:N", "description:N",
                     "checked:N", alt.Tooltip("source_url:N", title=_("primary source"))],
        )
        .add_params(pick)
        .properties(height=340, title=_("{n} Fed policy events, {first}–{last}: {easing} easing, {tightening} "
                                        "tightening, in runs").format(
            n=len(df), first=df["date"].iloc[0][:4], last=df["date"].iloc[-1][:4], easing=n_ease,
            tightening=n_tight))
    )
    return with_source(chart, _("{source} (click a point to open it)").format(source=text(_SOURCE_RELEASES)))


def base_histogram_chart(study: pd.DataFrame, distribution: Any, asset: str, pivots: str) -> alt.LayerChart:
    """The distribution of all windows of one length (growth multiple, log scale), with each pivot's
    window marked and its percentile in the title.

    ``study`` is :func:`event_study` for one horizon (``horizons=(12,)``), ``distribution`` is
    :func:`base_distribution` for the same asset and horizon; ``asset`` and ``pivots`` name them.
    """
    st = check_frame("study", study, ("date", "months", "return_pct", "percentile"), dated=False)
    dist = check_numbers("distribution", distribution, varied=True)
    check_choice("asset", asset, ASSETS)
    check_choice("pivots", pivots, PIVOT_SETS)
    horizons = st["months"].unique()
    if len(horizons) != 1:
        raise ValueError(f"study has {len(horizons)} horizons; allowed: an event_study of one horizon, "
                         "such as event_study('btc', 'article', horizons=(12,))")
    months = int(horizons[0])
    if (dist <= -1).any():
        raise ValueError("distribution holds a return of -100% or less; allowed: returns (fractions) above -1, "
                         "as base_distribution gives them")
    es = st.dropna(subset=["return_pct"])
    if es.empty:
        raise ValueError(f"study has no pivot with a full {months}-month window; allowed: an event_study "
                         "with at least one return")
    logm = np.log10(1 + dist)
    edges = np.linspace(logm.min(), logm.max(), 41)
    counts, _edges = np.histogram(logm, bins=edges)
    bars = pd.DataFrame({"lo": 10 ** edges[:-1], "hi": 10 ** edges[1:],
                         "share": np.round(100 * counts / dist.size, 2)})
    ev = pd.DataFrame({"multiple": np.round(1 + es["return_pct"].to_numpy() / 100, 3),
                       "label": [f"{d:%Y-%m-%d} (p{p:.0f})" for d, p in zip(es["date"], es["percentile"])],
                       "ret": [_fmt_pct(x) for x in es["return_pct"]],
                       "pct": np.round(es["percentile"].to_numpy(), 0),
                       "ypos": [10 + 16 * (i % 4) for i in range(len(es))]})
    med = pd.DataFrame({"multiple": [round(float(1 + np.median(dist)), 3)], "what": [_("median of all windows")]})
    x = alt.X("lo:Q", scale=alt.Scale(type="log", domain=[float(bars["lo"].min()), float(bars["hi"].max())],
                                      nice=False),
              title=_("{months}-month growth multiple, log scale (1 = no change, 2 = +100%)").format(months=months))
    hist = alt.Chart(bars).mark_rect(color="#BBBBBB").encode(
        x=x, x2="hi:Q", y=alt.Y("share:Q", title=_("Share of all windows (%)")),
        tooltip=[alt.Tooltip("lo:Q", format=".2f", title=_("from ×")),
                 alt.Tooltip("hi:Q", format=".2f", title=_("to ×")),
                 alt.Tooltip("share:Q", title=_("% of windows"))])
    rules = alt.Chart(ev).mark_rule(strokeWidth=3, color=PALETTE[3]).encode(
        x="multiple:Q", tooltip=["label:N", alt.Tooltip("ret:N", title=_("return")),
                                 alt.Tooltip("pct:Q", title=_("percentile"))])
    labels = alt.Chart(ev).mark_text(align="left", dx=4, baseline="middle", color=PALETTE[3], fontSize=12).encode(
        x="multiple:Q", y=alt.Y("ypos:Q", scale=None), text="label:N")
    median = alt.Chart(med).mark_rule(strokeDash=[5, 4], color="#000000").encode(x="multiple:Q", tooltip=["what:N"])
    pcts = ", ".join(f"{p:.0f}" for p in es["percentile"])
    title = alt.TitleParams(
        text=_("{asset}: the '{pivots}' pivots sit at percentiles {percentiles} of all {months}-month windows").format(
            asset=text(ASSETS[asset]), pivots=pivots, percentiles=pcts, months=months),
        subtitle=[_("Grey: all {windows:,} overlapping {months}-month windows; solid lines: the pivots "
                    "(p = percentile); dashed: the median window").format(windows=dist.size, months=months)])
    return with_source((hist + median + rules + labels).properties(height=280, title=title), _source(asset))


def explorer_chart(data: pd.DataFrame, asset: str = "btc", pivots: str = "article") -> alt.LayerChart:
    """Percentile of each pivot's forward return among all same-length windows, by horizon.

    ``data`` is :func:`explorer_data`; menus (Vega parameters, no kernel needed) pick the asset and
    the pivot set, starting at ``asset`` and ``pivots``.
    """
    df = check_frame("data", data, ("a", "p", "h", "e", "pct", "r"), dated=False)
    check_choice("asset", asset, ASSETS)
    check_choice("pivots", pivots, PIVOT_SETS)
    if not ((df["a"] == asset) & (df["p"] == pivots)).any():
        raise ValueError(f"data has no row for asset={asset!r} with pivots={pivots!r}; allowed: an asset and "
                         "pivot set that explorer_data() has windows for")
    distinct = df.drop_duplicates(["a", "h", "e"])  # an event in several sets counts once
    top, bottom = float((distinct["pct"] > 75).mean()), float((distinct["pct"] < 25).mean())
    a = alt.param(name="asset_pick", value=asset,
                  bind=alt.binding_select(options=list(ASSETS), labels=[text(v) for v in ASSETS.values()],
                                          name=_("Asset ")))
    p = alt.param(name="set_pick", value=pivots,
                  bind=alt.binding_select(options=list(PIVOT_SETS), name=_("Pivot set ")))
    base = alt.Chart(df).transform_filter("datum.a == asset_pick && datum.p == set_pick")
    x = alt.X("h:O", title=_("Months after the pivot"))
    band = alt.Chart(pd.DataFrame({"lo": [25], "hi": [75]})).mark_rect(color="#EEEEEE").encode(
        y=alt.Y("lo:Q"), y2="hi:Q")
    mid = alt.Chart(pd.DataFrame({"y": [50]})).mark_rule(color="#777777", strokeDash=[4, 3]).encode(y="y:Q")
    positive, negative = _("positive"), _("negative")  # display labels only
    pts = base.mark_circle(size=90, opacity=0.85).encode(
        x=x, y=alt.Y("pct:Q", scale=alt.Scale(domain=[0, 100]),
                     title=_("Percentile among all windows of that length")),
        color=alt.Color("pos:N", title=_("Return after the pivot"),
                        scale=alt.Scale(domain=[positive, negative], range=[PALETTE[0], PALETTE[3]])),
        tooltip=[alt.Tooltip("e:N", title=_("pivot")), alt.Tooltip("h:O", title=_("months")),
                 alt.Tooltip("r:Q", title=_("return, %")), alt.Tooltip("pct:Q", title=_("percentile"))],
    ).transform_calculate(pos=f"datum.r > 0 ? '{positive}' : '{negative}'")
    mean = base.mark_line(color="#000000", point=alt.OverlayMarkDef(color="#000000")).encode(
        x=x, y="mean(pct):Q")
    chart = (band + mid + pts + mean).add_params(a, p).properties(
        width=640, height=300,
        title=alt.TitleParams(
            text=_("Across all assets, pivots and horizons, {top:.0%} of pivot windows beat three quarters\n"
                   "of all windows (25% would by chance); {bottom:.0%} were in the bottom quarter").format(
                top=top, bottom=bottom).split("\n"),
            subtitle=[_("Dots: one pivot each; black line: their mean percentile; grey band: the middle half of all "
                        "windows (25th-75th percentile)"),
                      _("Pick an asset and a pivot set in the menus under the chart")]))
    return with_source(chart, text(SOURCE_MARKETS))


def _shift_grid(curve: pd.DataFrame) -> tuple[int, int, int]:
    """The slider of :func:`shift_chart`: (first, last, step) of the curve's evenly spaced shifts, 0 among them."""
    shifts = np.unique(curve["shift_days"].to_numpy())
    steps = np.unique(np.diff(shifts))
    if 0 not in shifts or len(steps) > 1:
        raise ValueError(f"curve has shifts {shifts[:5].tolist()}...; allowed: evenly spaced shifts that include 0, "
                         "such as shift_curve(..., shifts=range(-90, 91, 5))")
    return int(shifts[0]), int(shifts[-1]), int(steps[0]) if len(steps) else 1


def shift_chart(curve: pd.DataFrame, asset: str, pivots: str) -> alt.LayerChart:
    """Forward return of each pivot as its date moves (−90…+90 days by default); a slider picks the
    shift and buttons pick the horizon (Vega parameters: no kernel needed).

    ``curve`` is :func:`shift_curve` of ``asset`` and ``pivots`` (which name it in the title).
    """
    sc = check_frame("curve", curve, ("label", "shift_days", "months", "return_pct", "base_median_pct"),
                     dated=False)
    check_choice("asset", asset, ASSETS)
    check_choice("pivots", pivots, PIVOT_SETS)
    first, last, step = _shift_grid(sc)
    horizons = sorted(int(h) for h in sc["months"].unique())
    shown_h = 12 if 12 in horizons else horizons[-1]
    df = pd.DataFrame({"e": sc["label"].str.slice(0, 10), "s": sc["shift_days"], "h": sc["months"],
                       "r": np.round(sc["return_pct"], 1)}).dropna()
    medians = sc.groupby("months")["base_median_pct"].first()
    med = pd.DataFrame({"h": horizons, "m": [round(float(medians[h]), 1) for h in horizons]})
    mean_at = sc[sc["months"] == shown_h].groupby("shift_days")["return_pct"].mean().dropna()
    if mean_at.empty:
        raise ValueError(f"curve has no return at months={shown_h} (every window runs past the data); "
                         "allowed: a shift_curve with returns at that horizon")
    shift = alt.param(name="shift", value=0,
                      bind=alt.binding_range(min=first, max=last, step=step,
                                             name=_("Shift every pivot date (days) ")))
    horizon = alt.param(name="horizon", value=shown_h,
                        bind=alt.binding_radio(options=horizons, name=_("Months after the pivot ")))
    base = alt.Chart(df).transform_filter("datum.h == horizon")
    color = alt.Color("e:N", title=_("Pivot"), scale=alt.Scale(range=PALETTE))
    lines = base.mark_line(strokeWidth=2).encode(
        x=alt.X("s:Q", title=_("Shift of the pivot date (calendar days; 0 = the date as announced)")),
        y=alt.Y("r:Q", title=_("Forward return (%)")), color=color)
    dots = base.transform_filter("datum.s == shift").mark_point(size=120, filled=True).encode(
        x="s:Q", y="r:Q", color=color,
        tooltip=[alt.Tooltip("e:N", title=_("pivot")), alt.Tooltip("s:Q", title=_("shift, days")),
                 alt.Tooltip("r:Q", title=_("return, %"))])
    # the shift as a calculated field, not `datum: {expr}`: JupyterLab's bundled Vega-Lite 5.6
    # turns the latter into an empty extent and warns in the browser console
    rule = alt.Chart(pd.DataFrame({"one": [1]})).transform_calculate(s="shift").mark_rule(
        color="#777777").encode(x="s:Q")
    median = alt.Chart(med).transform_filter("datum.h == horizon").mark_rule(
        color="#000000", strokeDash=[5, 4]).encode(
        y="m:Q", tooltip=[alt.Tooltip("m:Q", title=_("median of all windows, %"))])
    # the sentence as a Vega expression: the translated template with the mean spliced in
    sentence = _("Mean of the pivots at this shift: {mean}%").replace("'", "\\'")
    mean_text = base.transform_filter("datum.s == shift").transform_aggregate(
        mean="mean(r)", n="count()").transform_calculate(
        txt="'" + sentence.format(mean="' + format(datum.mean, '+.0f') + '") + "'").mark_text(
        align="left", baseline="top", fontSize=13, fontWeight="bold").encode(
        x=alt.value(6), y=alt.value(6), text="txt:N")
    chart = (lines + median + rule + dots + mean_text).add_params(shift, horizon).properties(
        height=320,
        title=alt.TitleParams(
            text=_("{asset}: move the '{pivots}' dates a few weeks and the {months}-month average runs "
                   "from {low} to {high}").format(asset=text(ASSETS[asset]), pivots=pivots, months=shown_h,
                                                  low=_fmt_pct(mean_at.min()), high=_fmt_pct(mean_at.max())),
            subtitle=[_("Each line: one pivot's forward return if its date had been moved; dashed: the median "
                        "of all windows of that length")]))
    return with_source(chart, _source(asset))


def after_chart(markets: pd.DataFrame, announced: Any = "2025-10-29", effective: Any = "2025-12-01",
                start: Any = "2025-07-01") -> alt.LayerChart:
    """The four assets indexed to 100 at the close on ``announced``, weekly, with both dates marked.

    ``markets`` holds daily closes with a column per asset of :data:`ASSETS` (``inputs().markets``).
    ``announced`` must fall inside every asset's data; ``start`` (the first week shown) on or before
    it; ``effective`` from ``announced`` to the last close.
    """
    mk = check_frame("markets", markets, tuple(ASSETS), numeric=True)
    series = {asset: check_prices(mk[asset].rename(asset)) for asset in ASSETS}
    lo = max(s.index[0] for s in series.values())
    hi = min(s.index[-1] for s in series.values()) - pd.Timedelta(days=1)
    if lo > hi:
        raise ValueError("markets has no day inside every asset's data; allowed: closes of all four assets "
                         "over a common period")
    ann = check_date("announced", announced, lo, hi)
    eff = check_date("effective", effective, ann, max(s.index[-1] for s in series.values()))
    first = check_date("start", start, None, ann)
    parts, finals = [], {}
    names = {asset: text(name) for asset, name in ASSETS.items()}  # display labels only
    for asset, name in names.items():
        s = series[asset]
        level = 100 * s / s.iloc[s.index.searchsorted(ann)]
        weekly = level.loc[first:].resample("W-FRI").last().dropna()
        weekly = pd.concat([weekly, level.iloc[[-1]]])  # the last close itself
        weekly = weekly[~weekly.index.duplicated(keep="last")]
        finals[asset] = float(level.iloc[-1] - 100)
        parts.append(pd.DataFrame({"d": weekly.index.strftime("%Y-%m-%d"), "asset": name,
                                   "v": np.round(weekly.to_numpy(), 1)}))
    df = pd.concat(parts, ignore_index=True)
    marks = pd.DataFrame({"d": [f"{ann:%Y-%m-%d}", f"{eff:%Y-%m-%d}"],
                          "what": [_("QT end announced"), _("runoff ends")]})
    lines = alt.Chart(df).mark_line().encode(
        x=alt.X("d:T", title=None), y=alt.Y("v:Q", title=_("Index, close on {day} = 100").format(
            day=f"{ann:%Y-%m-%d}")),
        color=alt.Color("asset:N", title=None, sort=list(names.values()), scale=alt.Scale(range=PALETTE)),
        tooltip=[alt.Tooltip("d:N", title=_("week to")), "asset:N", alt.Tooltip("v:Q", title=_("index"))])
    rules = alt.Chart(marks).mark_rule(strokeDash=[4, 3], color="#555555").encode(x="d:T", tooltip=["what:N", "d:N"])
    marks["ypos"] = [4, 20]
    notes = alt.Chart(marks).mark_text(align="left", dx=3, baseline="top", color="#555555").encode(
        x="d:T", y=alt.Y("ypos:Q", scale=None), text="what:N")
    hundred = alt.Chart(pd.DataFrame({"y": [100]})).mark_rule(color="#999999").encode(y="y:Q")
    title = alt.TitleParams(
        text=_("After QT ended: Bitcoin {btc}, S&P 500 {sp500} from the announcement to the end of the data").format(
            btc=_fmt_pct(finals["btc"]), sp500=_fmt_pct(finals["sp500"])),
        subtitle=[_("Weekly closes (Friday), each asset to its own last close in the snapshot")])
    return with_source((hundred + lines + rules + notes).properties(height=300, title=title), text(SOURCE_MARKETS))


def seasonality_chart(table: pd.DataFrame, monthly: pd.Series, asset: str) -> alt.LayerChart:
    """Mean return of each calendar month with its bootstrap interval.

    ``table`` is :func:`seasonality` of ``asset``; ``monthly`` is the :func:`monthly_returns` it was
    built from (for the mean of all months and the period in the subtitle).
    """
    tb = check_frame("table", table, ("month", "n_years", "mean_pct", "ci_low_pct", "ci_high_pct"), dated=False)
    m = check_series("monthly", monthly, min_len=2)
    check_choice("asset", asset, ASSETS)
    month_no = tb.index.to_numpy()
    counts = m.groupby(m.index.month).size()
    if not tb.index.is_unique or not set(month_no.tolist()) <= set(range(1, 13)) or \
            [int(counts.get(k, 0)) for k in month_no] != tb["n_years"].astype(int).tolist():
        raise ValueError("table and monthly do not match (the months' counts differ); allowed: "
                         "seasonality(asset) with monthly_returns(prices(asset)) of the same asset")
    months_shown = [text(v) if isinstance(v, str) and v.strip() else v for v in tb["month"]]  # display labels only
    df = pd.DataFrame({"month_no": month_no, "month": months_shown, "n_years": tb["n_years"].to_numpy()})
    for c in ("mean_pct", "ci_low_pct", "ci_high_pct"):
        df[c] = tb[c].round(1).to_numpy()
    q1, nov_dec, other = _("Q1 (claimed inflows)"), _("Nov–Dec (claimed tax-loss selling)"), _("other months")
    df["claim"] = np.where(df["month_no"] <= 3, q1, np.where(df["month_no"] >= 11, nov_dec, other))
    overall = pd.DataFrame({"y": [round(100 * float(m.mean()), 1)], "what": [_("mean of all months")]})
    months_order = list(df["month"])
    color = alt.Color("claim:N", title=None, legend=alt.Legend(labelLimit=400),
                      scale=alt.Scale(domain=[q1, nov_dec, other], range=[PALETTE[2], PALETTE[3], "#888888"]))
    x = alt.X("month:N", sort=months_order, title=_("Calendar month"))
    bars = alt.Chart(df).mark_rule(strokeWidth=2).encode(
        x=x, y=alt.Y("ci_low_pct:Q", title=_("Mean monthly return (%), with 95% bootstrap interval")),
        y2="ci_high_pct:Q", color=color)
    pts = alt.Chart(df).mark_point(filled=True, size=90).encode(
        x=x, y="mean_pct:Q", color=color,
        tooltip=["month:N", alt.Tooltip("n_years:Q", title=_("years")), alt.Tooltip("mean_pct:Q", title=_("mean, %")),
                 alt.Tooltip("ci_low_pct:Q", title=_("interval from")), alt.Tooltip("ci_high_pct:Q", title=_("to"))])
    zero = alt.Chart(pd.DataFrame({"y": [0]})).mark_rule(color="#000000").encode(y="y:Q")
    avg = alt.Chart(overall).mark_rule(strokeDash=[5, 4], color="#555555").encode(y="y:Q", tooltip=["what:N", "y:Q"])
    first, last = m.index[0], m.index[-1]
    title = alt.TitleParams(
        text=_("{asset} by calendar month: every interval is wide and overlaps the others").format(
            asset=text(ASSETS[asset])),
        subtitle=[_("Complete months {first}–{last}, {fewest}–{most} years per month; "
                    "dashed: mean of all months").format(
            first=_month_year(first), last=_month_year(last), fewest=int(df["n_years"].min()),
            most=int(df["n_years"].max()))])
    return with_source((zero + avg + bars + pts).properties(width=640, height=300, title=title), _source(asset))
