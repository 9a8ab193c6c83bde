"""Lesson 01's charts: frames (or a computed result) in, an Altair chart out; nothing is loaded here.

One contract: the first argument is the data the chart draws — ``fb`` (the ``fed_balance_sheet``
table), a :func:`runoff_comparison`, a :func:`paydown_grid` or a :func:`drain_decomposition` — and
charts that shade policy phases or mark announcements also take ``events`` (the ``policy_events``
table). Data go in wide, one row per date, and are folded inside the spec: smaller notebooks.
"""
from __future__ import annotations

import altair as alt
import numpy as np
import pandas as pd

from helpers.balance_sheet._compute import (COMPONENTS, RUNOFF_COLS, change_since, check_events,
                                            composition_monthly, monthly_tn, phases_between)
from helpers.charts import PALETTE, phase_layer, with_source
from helpers.i18n import N_
from helpers.i18n import gettext as _
from helpers.i18n import text as shown_text
from helpers.validate import check_date, check_frame, check_number

_YEARS = alt.Axis(format="%Y", tickCount="year")
_MONTHS = alt.Axis(format="%b %Y", tickCount=5, labelOverlap=True)
#: Month abbreviations for dates written in titles (English as strftime's %b gives them in the C locale).
_MONTH_ABBR = (N_("Jan"), N_("Feb"), N_("Mar"), N_("Apr"), N_("May"), N_("Jun"), N_("Jul"), N_("Aug"), N_("Sep"),
               N_("Oct"), N_("Nov"), N_("Dec"))


def _day(when: pd.Timestamp) -> str:
    """``when`` as "03 Dec 2025" (``%d %b %Y``), in the reader's language."""
    return _("{day:02d} {month} {year}").format(day=when.day, month=shown_text(_MONTH_ABBR[when.month - 1]),
                                                 year=when.year)


def _tip(shorthand: str, title: str, **kwargs) -> alt.Tooltip:
    """A tooltip entry titled ``title`` (already translated) where that differs from the field's name
    (in English it does not, so no title is written and the spec stays as it was)."""
    field = shorthand.split(":")[0]
    return alt.Tooltip(shorthand, **kwargs) if title == field else alt.Tooltip(shorthand, title=title, **kwargs)


def _over_phases(layer: alt.Chart, events: pd.DataFrame, fb: pd.DataFrame, start, height: int, title: str,
                 subtitle: list[str]) -> alt.LayerChart:
    """``layer`` (a chart of ``fb`` from ``start``, both checked) over the policy phases of ``events``, titled."""
    phases = phases_between(check_events("events", events), check_date("start", start), fb.index[-1])
    chart = alt.layer(phase_layer(phases), layer).resolve_scale(color="independent").properties(
        width=640, height=height, title=alt.TitleParams(title, subtitle=subtitle))
    return with_source(chart)


def composition_chart(fb: pd.DataFrame, events: pd.DataFrame, start="2007-01-01") -> alt.LayerChart:
    """Stacked area of the Fed's assets by type with QE / QT phases shaded; click the legend to highlight."""
    names = [shown_text(name) for name in COMPONENTS.values()]  # the legend's names, in the reader's language
    df = composition_monthly(fb, start).rename(columns=dict(zip(COMPONENTS.values(), names))).reset_index()
    pick = alt.selection_point(fields=["component"], bind="legend")
    area = alt.Chart(df).transform_fold(names, as_=["component", "tn"]).transform_calculate(
        order=f"indexof({names!r}, datum.component)").mark_area().encode(
        x=alt.X("date:T", title=None, axis=_YEARS),
        y=alt.Y("tn:Q", stack="zero", title=_("$ trillions")),
        color=alt.Color("component:N", title=_("Asset (click to highlight)"),
                        scale=alt.Scale(domain=names, range=[PALETTE[0], PALETTE[3], "#999999"])),
        order=alt.Order("order:Q"),
        opacity=alt.condition(pick, alt.value(0.9), alt.value(0.2)),
        tooltip=[alt.Tooltip("date:T", format="%b %Y", title=_("month")), _tip("component:N", _("component")),
                 alt.Tooltip("tn:Q", format=".2f", title=_("$ trillions"))],
    ).add_params(pick)
    return _over_phases(area, events, fb, start, 280,
                        _("QE added Treasuries and MBS in waves; QT let both run off slowly"),
                        [_("Fed assets by type, first Wednesday of each month; shaded: policy phases from the "
                           "policy-event table")])


def _runoff_wide(name: str, c: pd.DataFrame, keys: dict[str, str]) -> pd.DataFrame:
    check_frame(name, c, tuple(RUNOFF_COLS.values()), numeric=True)
    wide = pd.DataFrame({keys[k]: c[v].round(2).to_numpy() for k, v in RUNOFF_COLS.items()}, index=c.index)
    wide.insert(0, "program", c.attrs.get("program", ""))
    return wide


def runoff_chart(comparison: pd.DataFrame, *more: pd.DataFrame) -> alt.FacetChart:
    """Monthly runoff — the cap, the simulation and the actual fall — for Treasuries and MBS.

    One row of two panels per ``runoff_comparison(...)`` given (e.g. ``runoff_chart(qt1, qt2)``).
    """
    # "asset|series" as the chart shows them (in the reader's language; the same words in English)
    assets = {"Treasuries": _("Treasuries"), "MBS": _("MBS")}
    series = {"cap": _("cap"), "simulated": _("simulated"), "actual": _("actual")}
    keys = {k: f"{assets[k.split('|')[0]]}|{series[k.split('|')[1]]}" for k in RUNOFF_COLS}
    frames = [_runoff_wide("comparison", comparison, keys)]
    frames += [_runoff_wide(f"more[{i}]", c, keys) for i, c in enumerate(more)]
    df = pd.concat(frames).rename_axis("month").reset_index()
    programs = list(df["program"].unique())
    base = alt.Chart(df).transform_fold(list(keys.values()), as_=["key", "bn"]).transform_calculate(
        asset="split(datum.key, '|')[0]", series="split(datum.key, '|')[1]").encode(
        x=alt.X("month:T", title=None, axis=_MONTHS),
        y=alt.Y("bn:Q", title=_("$ billions a month")),
        color=alt.Color("series:N", title=None, legend=alt.Legend(orient="top"), scale=alt.Scale(
            domain=list(series.values()), range=["#000000", PALETTE[1], PALETTE[0]])),
        strokeDash=alt.StrokeDash("series:N", title=None, scale=alt.Scale(
            # the same legend as colour, so the two merge into one (a hidden one conflicts with it)
            domain=list(series.values()), range=[[4, 3], [1, 0], [1, 0]]), legend=alt.Legend(orient="top")),
        tooltip=[_tip("month:T", _("month"), format="%b %Y"), _tip("series:N", _("series")),
                 _tip("bn:Q", _("bn"), format=".1f")],
    )
    name = programs[0]
    for program in programs[1:]:
        name = _("{first} and {second}").format(first=name, second=program)
    chart = (base.mark_line(interpolate="step-after", strokeWidth=2)
             .properties(width=300, height=150)
             .facet(column=alt.Column("asset:N", title=None, sort=list(assets.values())),
                    row=alt.Row("program:N", title=None, sort=programs))
             .resolve_scale(x="independent", y="independent")
             .properties(title=alt.TitleParams(
                 _("{programs}: Treasuries ran off near the cap, MBS often below it").format(programs=name),
                 subtitle=[_("Monthly runoff: cap (dashed), simulation with the chosen assumptions, and the actual"),
                           _("fall in holdings (noisy month to month: MBS trades settle weeks later)")])))
    return with_source(chart)


def _grid_rates(grid: pd.DataFrame) -> tuple[list[str], list[float]]:
    check_frame("grid", grid, ("actual",), numeric=True)
    rate_cols = [c for c in grid.columns if c != "actual"]
    try:
        values = [float(c) for c in rate_cols]
    except (TypeError, ValueError):
        values = []
    if not values or not np.isfinite(values).all() or grid[rate_cols].isna().all().any():
        raise ValueError(f"grid must be a paydown_grid(...) DataFrame: 'actual' and one column per paydown rate "
                         f"(e.g. '8'); it has: {', '.join(map(str, grid.columns))}")
    return rate_cols, values


def paydown_explorer_chart(grid: pd.DataFrame, start_rate: float = 10.0) -> alt.LayerChart:
    """QT2 MBS holdings: actual vs simulated for a paydown rate picked with a slider (works without a kernel)."""
    rate_cols, values = _grid_rates(grid)
    start_rate = check_number("start_rate", start_rate, min(values), max(values))
    rate = alt.param(name="paydown", value=float(start_rate),
                     bind=alt.binding_range(min=min(values), max=max(values), step=1, name=_("MBS paydown, % a year ")))
    df = grid.round(4).reset_index()
    actual = alt.Chart(df).mark_line(color=PALETTE[0], strokeWidth=3).encode(
        x=alt.X("month:T", title=None, axis=_MONTHS), y=alt.Y("actual:Q", title=_("MBS held ($ trillions)"),
                                                scale=alt.Scale(zero=False)),
        tooltip=[_tip("month:T", _("month"), format="%b %Y"), _tip("actual:Q", _("actual"), format=".3f")])
    sim = alt.Chart(df).transform_fold(rate_cols, as_=["rate", "simulated"]).transform_filter(
        "toNumber(datum.rate) == paydown").mark_line(color=PALETTE[1], strokeDash=[6, 3]).encode(
        x="month:T", y="simulated:Q",
        tooltip=[_tip("month:T", _("month"), format="%b %Y"), _tip("simulated:Q", _("simulated"), format=".3f"),
                 alt.Tooltip("rate:N", title=_("% a year"))])
    chart = alt.layer(actual, sim).add_params(rate).properties(
        width=640, height=260,
        title=alt.TitleParams(_("QT2: MBS ran off far below the $35B cap — find the paydown rate that fits"),
                              subtitle=[_("Solid: MBS held (first Wednesday of the month). Dashed: simulated, "
                                          "runoff = min(cap, paydown rate/12 × holdings)")]))
    return with_source(chart)


def liabilities_chart(fb: pd.DataFrame, events: pd.DataFrame, start="2021-01-01") -> alt.LayerChart:
    """Monthly total assets, reserves, ON RRP and TGA ($ trillions) with the QT2 window shaded."""
    names = {"total_assets": _("Total assets"), "reserves": _("Reserves"), "on_rrp": _("ON RRP"), "tga": _("TGA")}
    df = monthly_tn(fb, start, names).reset_index()
    pick = alt.selection_point(fields=["item"], bind="legend")
    lines = alt.Chart(df).transform_fold(list(names.values()), as_=["item", "tn"]).mark_line().encode(
        x=alt.X("date:T", title=None, axis=_YEARS), y=alt.Y("tn:Q", title=_("$ trillions")),
        color=alt.Color("item:N", title=_("Item (click to highlight)"),
                        scale=alt.Scale(domain=list(names.values()),
                                        range=["#000000", PALETTE[0], PALETTE[3], PALETTE[4]])),
        opacity=alt.condition(pick, alt.value(1.0), alt.value(0.15)),
        tooltip=[_tip("date:T", _("date"), format="%b %Y"), _tip("item:N", _("item")),
                 _tip("tn:Q", _("tn"), format=".2f")],
    ).add_params(pick)
    return _over_phases(lines, events, fb, start, 260,
                        _("During QT2 the ON RRP emptied while reserves fell far less than total assets"),
                        [_("First Wednesday of each month. Total assets and ON RRP are Wednesday levels; "
                           "reserves and TGA are week averages")])


def decomposition_chart(decomp: pd.DataFrame) -> alt.Chart:
    """Bars: the change in total assets and where it landed ($ billions)."""
    check_frame("decomp", decomp, ("change",), dated=False, numeric=True)
    if decomp.shape[1] < 3:
        raise ValueError(f"decomp must be a drain_decomposition(...) DataFrame (the two dates, change, share); "
                         f"it has: {', '.join(map(str, decomp.columns))}")
    df = decomp["change"].round(1).rename("bn").reset_index()
    df.columns = ["item", "bn"]
    # drain_decomposition's rows as the bars show them (in the reader's language)
    shown = {"Total assets": _("Total assets"), "Reserves": _("Reserves"), "TGA": _("TGA"), "ON RRP": _("ON RRP"),
             "Currency and everything else (residual)": _("Currency and everything else (residual)")}
    df["item"] = df["item"].map(lambda item: shown.get(item, item))
    fell, rose = _("fell"), _("rose")
    df["sign"] = np.where(df["bn"] < 0, fell, rose)
    chart = alt.Chart(df).mark_bar().encode(
        y=alt.Y("item:N", sort=list(df["item"]), title=None, axis=alt.Axis(labelLimit=320)),
        x=alt.X("bn:Q", title=_("Change over QT2 ($ billions)")),
        color=alt.Color("sign:N", title=None, scale=alt.Scale(domain=[fell, rose],
                                                              range=[PALETTE[3], PALETTE[0]])),
        tooltip=[_tip("item:N", _("item")), alt.Tooltip("bn:Q", format=",.0f", title=_("$ billions"))],
    ).properties(width=560, height=150, title=alt.TitleParams(
        _("Most of QT2's fall in assets was matched by the ON RRP draining, not by reserves"),
        subtitle=[_("Change from {start} to {end}; the last bar is the residual (currency is not in the "
                    "data)").format(start=decomp.columns[0], end=decomp.columns[1])]))
    return with_source(chart)


def rmp_chart(fb: pd.DataFrame, events: pd.DataFrame, start="2025-12-01") -> alt.LayerChart:
    """Change since the end of QT2 in total assets, Treasuries, MBS and reserves (weekly, $ billions).

    Dashed rules mark the reserve-management purchases announced in ``events`` since ``start``.
    """
    names = {"total_assets": _("Total assets"), "treasuries": _("Treasuries"), "mbs": _("MBS"),
             "reserves": _("Reserves")}
    ev = check_events("events", events)
    ch = change_since(fb, start, list(names)).rename(columns=names).round(1)
    df = ch.rename_axis("date").reset_index()
    lines = alt.Chart(df).transform_fold(list(names.values()), as_=["item", "bn"]).mark_line().encode(
        x=alt.X("date:T", title=None),
        y=alt.Y("bn:Q", title=_("Change since {date} ($ billions)").format(date=_day(ch.index[0]))),
        color=alt.Color("item:N", title=None, scale=alt.Scale(
            domain=list(names.values()), range=["#000000", PALETTE[0], PALETTE[3], PALETTE[2]])),
        tooltip=[_tip("date:T", _("date"), format="%Y-%m-%d"), _tip("item:N", _("item")),
                 _tip("bn:Q", _("bn"), format=",.1f")])
    marks = ev.loc[ev.index >= ch.index[0]]
    marks = marks[marks["kind"] == "rmp"].reset_index()[["date"]]
    announced = _("bill purchases announced {date}")
    marks["label"] = [announced.format(date=_day(when)) for when in marks["date"]]
    rules = alt.Chart(marks).mark_rule(strokeDash=[4, 3], color="#555").encode(
        x="date:T", tooltip=[_tip("label:N", _("label"))])
    text = alt.Chart(marks).mark_text(align="left", dx=4, y=8, color="#555").encode(x="date:T", text="label:N")
    zero = alt.Chart(pd.DataFrame({"y": [0]})).mark_rule(color="#999").encode(y="y:Q")
    chart = alt.layer(zero, rules, text, lines).properties(
        width=640, height=260,
        title=alt.TitleParams(_("Since December 2025 the Fed's Treasury holdings grow again while MBS keep "
                                "shrinking"),
                              subtitle=[_("Weekly, Wednesday levels (reserves: week average)")]))
    return with_source(chart)
