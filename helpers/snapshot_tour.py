"""Lesson 00: a tour of the snapshot (one week of one balance-sheet item, a peak) and the first chart.

A small topic, so one module, in the rooms' order:

* inputs — :func:`inputs`, the one way to get the tour's tables (``bs, events = snapshot_tour.inputs()``);
* compute — :func:`week_summary`, :func:`peak` and :func:`phases` (frames in, numbers and frames out;
  no Altair);
* chart — :func:`total_assets_chart`, which takes the balance sheet and the phases.

Money in $ billions (the chart shows $ trillions). Every public function checks its arguments with
:mod:`helpers.validate`; messages name the parameter, the value given and what is allowed.
"""
from __future__ import annotations

from typing import NamedTuple

import altair as alt
import pandas as pd

from helpers.charts import PALETTE, phase_layer, with_source
from helpers.data import load
from helpers.events import policy_phases
from helpers.i18n import N_, text
from helpers.i18n import gettext as _
from helpers.validate import check_choice, check_date, check_frame, check_int

__all__ = ["BALANCE_SHEET_ITEMS", "TourInputs", "inputs", "week_summary", "peak", "phases", "total_assets_chart"]

# column -> its name for readers (English; week_summary() gives it in the current language)
BALANCE_SHEET_ITEMS = {
    "total_assets": N_("Total assets"),
    "treasuries": N_("Treasury securities"),
    "mbs": N_("Mortgage-backed securities"),
    "reserves": N_("Bank reserves"),
    "tga": N_("Treasury General Account"),
    "on_rrp": N_("ON RRP take-up"),
    "net_liquidity": N_("Net liquidity"),
}
_PHASE_COLS = ("phase", "start", "end", "label")


# ---------------------------------------------------------------------------
# Inputs
# ---------------------------------------------------------------------------
class TourInputs(NamedTuple):
    """The tour's tables (fresh copies: a caller may change them)."""

    bs: pd.DataFrame  # fed_balance_sheet: weekly (Wednesdays), $ billions
    events: pd.DataFrame  # policy_events: dated Fed decisions with their primary sources


def inputs() -> TourInputs:
    """``bs, events = snapshot_tour.inputs()``: the weekly balance sheet and the policy-event table."""
    return TourInputs(load("fed_balance_sheet"), load("policy_events"))


# ---------------------------------------------------------------------------
# Compute
# ---------------------------------------------------------------------------
def _item(bs, column) -> tuple[pd.DataFrame, str]:
    column = check_choice("column", column, tuple(BALANCE_SHEET_ITEMS))
    return check_frame("bs", bs, (column,), numeric=True), column


def week_summary(bs: pd.DataFrame, column: str, date) -> dict:
    """Value of one balance-sheet item in the week of ``date`` and its change over the year before.

    ``date`` is any date inside the table's range; the latest Wednesday on or before it is used.
    Returns ``{"item", "week", "value_bn", "change_1y_bn"}`` (money in $ billions; the one-year
    change is None for the first year of data; ``item`` is the item's name in the current language).
    """
    bs, column = _item(bs, column)
    when = check_date("date", date, lo=bs.index[0], hi=bs.index[-1] + pd.Timedelta(days=6))
    series = bs[column]
    week = series.index[series.index.searchsorted(when, side="right") - 1]
    value = float(series.loc[week])
    if pd.isna(value):
        raise ValueError(f"bs[{column!r}] has no value in the week of {week.date()} (date={date!r}); "
                         "allowed: a week with data")
    before = week - pd.Timedelta(weeks=52)
    change = float(value - series.loc[before]) if before in series.index else None
    change = None if change is None or pd.isna(change) else change
    return {"item": text(BALANCE_SHEET_ITEMS[column]), "week": week.date().isoformat(),
            "value_bn": round(value, 1), "change_1y_bn": None if change is None else round(change, 1)}


def peak(bs: pd.DataFrame, column: str = "total_assets") -> tuple[pd.Timestamp, float]:
    """Week and value ($ billions) of the highest value of ``column``."""
    bs, column = _item(bs, column)
    week = bs[column].idxmax()
    return week, float(bs[column].loc[week])


def phases() -> pd.DataFrame:
    """The QE / QT / reserve-management phases of :func:`helpers.events.policy_phases`, from
    :func:`inputs`: the policy-event table up to the balance sheet's last week."""
    bs, events = inputs()
    return policy_phases(events, bs.index[-1])


# ---------------------------------------------------------------------------
# Chart
# ---------------------------------------------------------------------------
def total_assets_chart(bs: pd.DataFrame, phases: pd.DataFrame, start_year: int = 2003) -> alt.LayerChart:
    """Fed total assets ($ trillions, weekly) with the QE / QT ``phases`` shaded and a start-year slider.

    ``phases`` is :func:`phases` (or :func:`helpers.events.policy_phases`). The slider is a Vega
    parameter: it works in JupyterLab without a running kernel.
    """
    bs = check_frame("bs", bs, ("total_assets",), numeric=True)
    phases = check_frame("phases", phases, _PHASE_COLS, dated=False)
    first, last = int(bs.index[0].year), int(bs.index[-1].year)
    if last - first < 1:
        raise ValueError(f"bs covers only {first}; allowed: a fed_balance_sheet table spanning at least two years")
    start_year = check_int("start_year", start_year, first, last - 1)
    df = (bs["total_assets"] / 1000).rename("assets_tn").rename_axis("date").reset_index()
    df = df.iloc[::2] if len(df) > 2000 else df  # stay under ~2,000 rows
    year = alt.param(name="start_year", value=start_year,
                     bind=alt.binding_range(min=first, max=last - 1, step=1, name=_("Start year ")))
    shade = phase_layer(phases).transform_filter("year(datum.end) >= start_year")
    line = (
        alt.Chart(df)
        .mark_line(color=PALETTE[0])
        .encode(
            x=alt.X("date:T", title=None),
            y=alt.Y("assets_tn:Q", title=_("Total assets ($ trillions)")),
            tooltip=[alt.Tooltip("date:T", format="%Y-%m-%d", title=_("week")),
                     alt.Tooltip("assets_tn:Q", format=".2f", title=_("$ trillions"))],
        )
        .transform_filter("year(datum.date) >= start_year")
    )
    chart = alt.layer(shade, line).add_params(year).properties(
        width=640, height=300,
        title=alt.TitleParams(
            _("The Fed's balance sheet grew in QE waves and shrank in QT"),
            subtitle=[_("Federal Reserve total assets, weekly; shaded: purchase (QE), runoff (QT) and "
                        "reserve-management phases from the policy-event table")],
        ),
    )
    return with_source(chart)
