"""The claims lab's charts. One contract: the first argument is what the chart draws.

``balance_sheet_chart``, ``announcement_chart`` and ``correlation_chart`` take the topic's inputs
(:func:`helpers.claims.inputs`, the snapshot's frames); ``link_by_year_chart`` takes
:func:`helpers.claims.link_by_year`'s table and ``verdict_chart`` a list of evidence
(:func:`helpers.claims.all_evidence`). No chart loads data; each checks its arguments first.
"""
from __future__ import annotations

from typing import Any, Iterable, Mapping, Sequence

import altair as alt
import numpy as np
import pandas as pd

from helpers import stats
from helpers.charts import PALETTE, with_source
from helpers.claims import _lookup as lk
from helpers.claims._inputs import Inputs, check_dates, check_inputs
from helpers.claims._lookup import SOURCE_EVENTS, SOURCE_MARKETS
from helpers.claims._part2_size import qt_shrank_tn
from helpers.claims._part3_markets import check_windows
from helpers.claims._part4_comovement import MEASURES_14, btc_source, pair_returns
from helpers.claims._scale import VERDICT_COLORS, VERDICTS, Evidence, shown_verdict
from helpers.events import effective_date
from helpers.i18n import N_, text
from helpers.i18n import gettext as _
from helpers.validate import check_date, check_int, check_ints, check_number, check_frame

# The decisions marked on the balance-sheet chart: (decided, label, which side of the rule the label sits).
BALANCE_SHEET_MARKS = (("2022-05-04", N_("QT2 runoff starts"), "left"),
                       ("2023-03-12", N_("bank lending after SVB"), "left"),
                       ("2025-03-19", N_("Treasury runoff slowed"), "left"), ("2025-10-29", N_("runoff ends"), "left"),
                       ("2025-12-10", N_("bill purchases"), "right"))


def _tip(shorthand: str, title: str, **kwargs: Any) -> Any:
    """A tooltip entry for ``shorthand``, titled ``title`` only where that differs from the field's name
    (so the English spec is the plain shorthand, and another language shows its own word)."""
    if title != shorthand.split(":")[0]:
        return alt.Tooltip(shorthand, title=title, **kwargs)
    return alt.Tooltip(shorthand, **kwargs) if kwargs else shorthand


def balance_sheet_chart(data: Inputs, start: str = "2022-01-01", claimed_tn: float = 8.7) -> alt.LayerChart:
    """Weekly total assets and Treasury holdings ($ trillions) with the dated decisions behind claims 1-5.

    ``data`` is :func:`helpers.claims.inputs`; ``start`` the first week drawn (a year or more before
    the last week); ``claimed_tn`` the article's "about $8.7 trillion", drawn as a line.
    """
    fb, ev = check_inputs("data", data).fed_balance_sheet, data.policy_events
    s = check_date("start", start, hi=fb.index[-1] - pd.DateOffset(years=1))
    c = check_number("claimed_tn", claimed_tn, 0.0, 20.0)
    part = (fb.loc[s:, ["total_assets", "treasuries"]] / 1000).round(3)
    part.index = part.index.strftime("%Y-%m-%d")
    ta, th = _("Total assets"), _("Treasuries held")
    wide = part.rename(columns={"total_assets": ta, "treasuries": th}).rename_axis("date").reset_index()
    marks = []
    for d, label, side in BALANCE_SHEET_MARKS:
        ts = pd.Timestamp(d)
        if ts in ev.index and ts >= s:
            marks.append({"date": f"{effective_date(ev.loc[ts, 'effective'], ts):%Y-%m-%d}", "label": text(label),
                          "decided": d, "checked": ev.loc[ts, "checked"], "side": side})
    marks = pd.DataFrame(marks, columns=["date", "label", "decided", "checked", "side"])
    shrank = qt_shrank_tn(fb, pd.Timestamp("2025-12-01"))
    hover = alt.selection_point(name="week", on="pointerover", nearest=True, fields=["date"], empty=False)
    base = alt.Chart(wide).transform_fold([ta, th], as_=["series", "tn"]).encode(
        x=alt.X("date:T", title=None),
                                  y=alt.Y("tn:Q", title=_("$ trillions"), scale=alt.Scale(zero=False)),
                                  color=alt.Color("series:N", title=None,
                                                  scale=alt.Scale(range=[PALETTE[0], PALETTE[1]])))
    lines = base.mark_line()
    points = base.mark_point(filled=True, size=40).encode(
        opacity=alt.condition(hover, alt.value(1), alt.value(0)),
        tooltip=[alt.Tooltip("date:T", format="%Y-%m-%d", title=_("week")), _tip("series:N", _("series")),
                 alt.Tooltip("tn:Q", format=".2f", title=_("$ tn"))]).add_params(hover)
    rules = alt.Chart(marks).mark_rule(strokeDash=[4, 3], color="#555").encode(
        x="date:T", tooltip=[alt.Tooltip("date:T", format="%Y-%m-%d", title=_("effective")),
                             _tip("label:N", _("label")), _tip("decided:N", _("decided")),
                             _tip("checked:N", _("checked"))])
    labels = [alt.Chart(marks[marks["side"] == side]).mark_text(
        angle=270, align="left", dx=-4, dy=dy, fontSize=10, color="#333").encode(x="date:T", y=alt.value(295),
                                                                                 text="label:N")
        for side, dy in (("left", -6), ("right", 10))]
    claim = alt.Chart(pd.DataFrame({"y": [c], "t": [_("article: 'about ${claimed:g} trillion' in early 2023").format(
        claimed=c)]}))
    claim_rule = claim.mark_rule(strokeDash=[2, 2], color=PALETTE[3]).encode(y="y:Q")
    claim_text = claim.mark_text(align="right", dy=-6, color=PALETTE[3], fontSize=11).encode(
        y="y:Q", x=alt.value(640), text="t:N")
    chart = alt.layer(lines, points, rules, *labels, claim_rule, claim_text).properties(
        width=640, height=300,
        title=alt.TitleParams(
            _("The balance sheet shrank by ${low:.1f}–{high:.1f} trillion in QT2, then stopped").format(
                low=min(shrank), high=max(shrank)),
            subtitle=[_("Weekly total assets and Treasury holdings; dashed lines: when each decision took effect "
                        "(hover for dates)")]))
    return with_source(chart, text(SOURCE_EVENTS))


def announcement_chart(data: Inputs, dates: Iterable[str] = ("2025-10-29", "2025-12-10"), days_after: int = 30,
                       claimed_pct: float = 11.0) -> alt.LayerChart:
    """BTC's close relative to the close before each announcement, from 3 days before to ``days_after``.

    ``data`` is :func:`helpers.claims.inputs`; each of ``dates`` needs ``days_after`` days of prices after it.
    """
    s = check_inputs("data", data).btc
    ds = check_dates("dates", dates)
    n = check_int("days_after", days_after, 1, 120)
    c = check_number("claimed_pct", claimed_pct, -100.0, 1000.0)
    check_windows(s, ds, (n,))
    rows = []
    for d in ds:
        p0 = lk.close_before(s, d)[1]
        w = s.loc[d - pd.Timedelta(days=3):d + pd.Timedelta(days=n)]
        for t, p in w.items():
            rows.append({"day": int((t - d).days), "change": round(100 * (p / p0 - 1), 2),
                         "announcement": f"{d:%Y-%m-%d}", "date": f"{t:%Y-%m-%d}"})
    df = pd.DataFrame(rows)
    best = df[df["day"] >= 0]["change"].max()
    lines = alt.Chart(df).mark_line(point=alt.OverlayMarkDef(size=18)).encode(
        x=alt.X("day:Q", title=_("days after the announcement (0 = announcement day, UTC close)")),
        y=alt.Y("change:Q", title=_("BTC change from the close before (%)")),
        color=alt.Color("announcement:N", title=_("FOMC announcement"), scale=alt.Scale(range=[PALETTE[0], PALETTE[2]])),
        tooltip=[_tip("announcement:N", _("announcement")), _tip("date:N", _("date")),
                 _tip("change:Q", _("change"), format="+.1f")])
    ref = pd.DataFrame({"y": [c, 0.0], "t": [_("claimed +{claimed:g}%").format(claimed=c), ""]})
    rule = alt.Chart(ref).mark_rule(strokeDash=[4, 3]).encode(
        y="y:Q", color=alt.value("#555"))
    txt = alt.Chart(ref.iloc[:1]).mark_text(align="left", dx=4, dy=-6, color="#333").encode(
        y="y:Q", x=alt.value(0), text="t:N")
    chart = alt.layer(rule, txt, lines).properties(width=640, height=280, title=alt.TitleParams(
        _("Bitcoin did not rise {claimed:g}% after either announcement (best close after it: {best:+.1f}%)").format(
            claimed=c, best=best),
        subtitle=[_("Daily BTC closes (UTC) relative to the last close before each FOMC statement")]))
    return with_source(chart, _("Sources: Yahoo Finance BTC-USD daily closes (Liquidity Lab snapshot); FOMC statements"))


def correlation_chart(data: Inputs, year: int = 2025, windows: Iterable[int] = (30, 60, 90),
                      claimed: float = 0.72) -> alt.LayerChart:
    """Daily rolling BTC–S&P 500 correlation in ``year``, with a window and a BTC-source chooser (Vega params).

    ``data`` is :func:`helpers.claims.inputs`; ``windows`` (trading days) are the chooser's options.
    """
    m = check_inputs("data", data).markets
    y = check_int("year", year, 2017, 2026)
    ws = check_ints("windows", windows, 10, 250, max_len=6)
    c = check_number("claimed", claimed, -1.0, 1.0)
    keys = {"Yahoo": "y", "Coinbase as dated": "c", "Coinbase re-aligned": "r"}
    spx = m["sp500"].dropna()
    cols = {}
    for source, key in keys.items():
        r = pair_returns(btc_source(m, source), spx, "log", "common trading days")
        for w in ws:
            rc = stats.rolling_corr(r["btc"], r["sp500"], w)
            cols[f"{key}{w}"] = rc[rc.index.year == y]
    for name, col in cols.items():
        if col.dropna().empty:
            raise ValueError(f"year={y} has no {name[1:]}-day correlation values in the data; allowed: a year "
                             "the prices cover (windows need that many trading days first)")
    yahoo60 = float(cols["y60"].dropna().max()) if 60 in ws else None
    df = pd.DataFrame(cols).dropna(how="all").round(3)
    df.index = df.index.strftime("%Y-%m-%d")
    df = df.rename_axis("date").reset_index()
    default = 60 if 60 in ws else ws[0]
    win = alt.param(name="window", value=default,
                    bind=alt.binding_radio(options=list(ws), name=_("Window (trading days): ")))
    src = alt.param(name="source", value="y",
                    bind=alt.binding_select(options=list(keys.values()), labels=[text(k) for k in keys],
                                            name=_("BTC data: ")))
    line = alt.Chart(df).transform_calculate(corr="datum[source + window]").mark_line(strokeWidth=1.8).encode(
        x=alt.X("date:T", title=None), y=alt.Y("corr:Q", title=_("rolling correlation of daily log returns"),
                                               scale=alt.Scale(domain=[-0.4, 1])),
        color=alt.value(PALETTE[0]),
        tooltip=[_tip("date:T", _("date"), format="%Y-%m-%d"), _tip("corr:Q", _("corr"), format=".3f")])
    ref = pd.DataFrame({"y": [c], "t": [_("claimed {claimed:.2f}").format(claimed=c)]})
    rule = alt.Chart(ref).mark_rule(strokeDash=[4, 3], color=PALETTE[3]).encode(y="y:Q")
    txt = alt.Chart(ref).mark_text(align="left", dx=4, dy=-6, color=PALETTE[3]).encode(y="y:Q", x=alt.value(0), text="t:N")
    title = (_("The 60-day BTC–S&P 500 correlation peaked at {peak:.2f} in {year}, not {claimed:.2f}").format(
                 peak=yahoo60, year=y, claimed=c) if yahoo60 is not None else
             _("BTC–S&P 500 rolling correlation in {year}").format(year=y))
    chart = alt.layer(rule, txt, line).add_params(win, src).properties(width=640, height=260, title=alt.TitleParams(
        title, subtitle=[_("Pick the window and the BTC data source under the chart; common trading days"),
                         _("Coinbase as dated: its copy is one day off Yahoo's dates for most of the year")]))
    return with_source(chart, text(SOURCE_MARKETS))


def link_by_year_chart(by_year: pd.DataFrame, year: int = 2025) -> alt.LayerChart:
    """Per-year correlation (with a rough 95% interval) of weekly balance-sheet changes with BTC returns.

    ``by_year`` is :func:`helpers.claims.link_by_year`'s table; ``year`` is highlighted and named in the title.
    """
    df = check_frame("by_year", by_year, ("measure", "year", "weeks", "corr", "lo", "hi"), dated=False).copy()
    y = check_int("year", year, 2016, 2026)
    title_r = {}
    for label in MEASURES_14.values():
        row = df[(df["measure"] == label) & (df["year"] == y)]
        if len(row) != 1 or not np.isfinite(pd.to_numeric(row["corr"], errors="coerce")).all():
            raise ValueError(f"year={y} has no single {label.lower()} row with a correlation in by_year; allowed: a "
                             "year of claims.link_by_year()")
        title_r[label] = float(row["corr"].iloc[0])
    other = _("other years")
    df["highlight"] = np.where(df["year"] == y, str(y), other)
    df[["corr", "lo", "hi"]] = df[["corr", "lo", "hi"]].round(3)
    options = list(MEASURES_14.values())
    shown = [text(o) for o in options]  # the radio's labels, where the language names the measures otherwise
    measure = alt.param(name="measure", value="Total assets",
                        bind=alt.binding_radio(options=options, name=_("Weekly change in: "),
                                               **({"labels": shown} if shown != options else {})))
    base = alt.Chart(df).transform_filter("datum.measure == measure")
    bars = base.mark_rule(strokeWidth=2).encode(x=alt.X("year:O", title=None), y=alt.Y("lo:Q", title=_("correlation with BTC weekly returns"),
                                                                                     scale=alt.Scale(domain=[-0.6, 0.6])),
                                                y2="hi:Q", color=alt.Color("highlight:N", title=None,
                                                                           scale=alt.Scale(domain=[str(y), other],
                                                                                           range=[PALETTE[3], "#888"])))
    dots = base.mark_point(filled=True, size=60).encode(
        x="year:O", y="corr:Q", color=alt.Color("highlight:N", legend=None),
        tooltip=[_tip("measure:N", _("measure")), _tip("year:O", _("year")), _tip("weeks:Q", _("weeks")),
                 _tip("corr:Q", _("corr"), format="+.3f"), _tip("lo:Q", _("lo"), format="+.2f"),
                 _tip("hi:Q", _("hi"), format="+.2f")])
    zero = alt.Chart(pd.DataFrame({"y": [0.0]})).mark_rule(color="#999").encode(y="y:Q")
    chart = alt.layer(zero, bars, dots).add_params(measure).properties(width=640, height=260, title=alt.TitleParams(
        _("{year} does not stand out: {assets:+.2f} (total assets), {liquidity:+.2f} (net liquidity)").format(
            year=y, assets=title_r["Total assets"], liquidity=title_r["Net liquidity"]),
        subtitle=[_("Correlation of weekly log changes with BTC's weekly log return, each year; bars: rough 95% "
                    "interval"),
                  _("Pick the balance-sheet measure under the chart")]))
    return with_source(chart, text(SOURCE_MARKETS))


def _check_evidence(name: str, value: Any) -> list[Evidence]:
    if isinstance(value, (str, bytes, Mapping)) or not isinstance(value, Sequence):
        raise TypeError(f"{name} must be a list of evidence such as claims.all_evidence(), got {type(value).__name__}")
    items = list(value)
    if not items or not all(isinstance(e, Evidence) for e in items):
        raise ValueError(f"{name} must list at least one evidence object (claims.all_evidence() or claims.claim_NN())")
    numbers = [e.number for e in items]
    if len(set(numbers)) != len(numbers):
        raise ValueError(f"{name} repeats a claim ({sorted(numbers)}); allowed: each claim at most once")
    return items


def _check_learner(name: str, value: Any) -> dict[int, str]:
    if value is None:
        return {}
    if not isinstance(value, Mapping):
        raise TypeError(f"{name} must be a dict of claim number -> verdict such as {{3: 'false'}}, or None; got "
                        f"{type(value).__name__}")
    out = {}
    for k, v in value.items():
        n = check_int(f"{name} (each claim number)", k, 1, 14)
        out[n] = v if isinstance(v, str) else _("not a verdict (a {type})").format(type=type(v).__name__)
    return out


def verdict_chart(evidence: Sequence[Evidence], learner: Mapping[int, str] | None = None) -> alt.LayerChart:
    """The verdicts at a glance; click a verdict in the legend to highlight its claims.

    ``evidence`` is a list of evidence (:func:`helpers.claims.all_evidence`); ``learner`` (optional)
    maps claim numbers to the learner's verdicts, shown in the tooltip.
    """
    items = _check_evidence("evidence", evidence)
    mine_by_claim = _check_learner("learner", learner)
    rows = []
    for e in items:
        mine = mine_by_claim.get(e.number, "")
        rows.append({"claim": f"{e.number:>2}. {e.short[:70]}{'…' if len(e.short) > 70 else ''}",
                     "n": e.number, "verdict": shown_verdict(e.verdict), "reason": e.reason, "x": 0,
                     "yours": shown_verdict(mine) or "—",
                     "parts": _("; ").join(_("({key}) {verdict}").format(key=p.key, verdict=shown_verdict(p.verdict))
                                           for p in e.parts) or "—"})
    df = pd.DataFrame(rows)  # verdicts as shown: only drawn, never read back
    counts = df["verdict"].value_counts()
    pick = alt.selection_point(name="pick", fields=["verdict"], bind="legend")
    base = alt.Chart(df).encode(y=alt.Y("claim:N", sort=alt.SortField("n"), title=None,
                                        axis=alt.Axis(labelLimit=520, labelFontSize=11)))
    squares = base.mark_square(size=260).encode(
        x=alt.X("x:Q", axis=None, scale=alt.Scale(domain=[-0.1, 1.9])),
        color=alt.Color("verdict:N", title=_("Evidence's verdict"), legend=alt.Legend(labelLimit=300, columns=2), scale=alt.Scale(domain=[shown_verdict(v) for v in VERDICTS],
                                                                                range=[VERDICT_COLORS[v] for v in VERDICTS])),
        opacity=alt.condition(pick, alt.value(1.0), alt.value(0.15)),
        tooltip=[_tip("claim:N", _("claim")), _tip("verdict:N", _("verdict")), _tip("parts:N", _("parts")),
                 _tip("reason:N", _("reason")), _tip("yours:N", _("yours"))]).add_params(pick)
    words = base.mark_text(align="left", dx=14, fontSize=11).encode(
        x=alt.X("x:Q", axis=None, scale=alt.Scale(domain=[-0.1, 1.9])), text="verdict:N",
        opacity=alt.condition(pick, alt.value(1.0), alt.value(0.25)))
    title = _(", ").join(_("{count} {verdict}").format(count=counts.get(shown_verdict(v), 0), verdict=shown_verdict(v))
                         for v in VERDICTS)
    chart = alt.layer(squares, words).properties(width=220, height=14 * 22, title=alt.TitleParams(
        title[0].upper() + title[1:], subtitle=[_("Each claim's verdict by its documented rule; click a verdict in the "
                                                   "legend to highlight it, hover for the reason")]))
    return with_source(chart, _("Sources: Liquidity Lab snapshot (FRED, Yahoo Finance) and Federal Reserve press "
                                "releases"))
