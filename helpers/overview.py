"""Lesson 00 helpers: a tour of the snapshot and the first chart."""
from __future__ import annotations

import altair as alt
import pandas as pd

from helpers.charts import PALETTE, phase_layer, with_source
from helpers.events import policy_phases

__all__ = ["BALANCE_SHEET_ITEMS", "week_summary", "peak", "total_assets_chart", "BENCH"]

BALANCE_SHEET_ITEMS = {
    "total_assets": "Total assets",
    "treasuries": "Treasury securities",
    "mbs": "Mortgage-backed securities",
    "reserves": "Bank reserves",
    "tga": "Treasury General Account",
    "on_rrp": "ON RRP take-up",
    "net_liquidity": "Net liquidity",
}


def _check_frame(bs: pd.DataFrame, column: str) -> None:
    if not isinstance(bs, pd.DataFrame) or not isinstance(bs.index, pd.DatetimeIndex):
        raise TypeError("bs must be the fed_balance_sheet DataFrame (indexed by date), "
                        f"got {type(bs).__name__}")
    if not isinstance(column, str):
        raise TypeError(f"column must be a str, got {type(column).__name__}")
    if column not in BALANCE_SHEET_ITEMS or column not in bs.columns:
        raise ValueError(f"column={column!r} is not allowed; allowed: {', '.join(BALANCE_SHEET_ITEMS)}")


def week_summary(bs: pd.DataFrame, column: str, date) -> dict:
    """Value of one balance-sheet item in the week of ``date`` and its change over the year before.

    ``date`` is any date inside the table's range; the latest Wednesday on or before it is used.
    Returns ``{"item", "week", "value_bn", "change_1y_bn"}`` (money in $ billions; the one-year
    change is None for the first year of data).
    """
    _check_frame(bs, column)
    try:
        when = pd.Timestamp(date)
    except (TypeError, ValueError):
        raise TypeError(f"date must be a date such as '2022-04-13', got {date!r}") from None
    if pd.isna(when) or when < bs.index[0] or when > bs.index[-1] + pd.Timedelta(days=6):
        raise ValueError(f"date={date!r} is outside the data ({bs.index[0].date()} .. {bs.index[-1].date()})")
    series = bs[column]
    week = series.index[series.index.searchsorted(when, side="right") - 1]
    value = float(series.loc[week])
    before = week - pd.Timedelta(weeks=52)
    change = float(value - series.loc[before]) if before in series.index else None
    return {"item": BALANCE_SHEET_ITEMS[column], "week": week.date().isoformat(),
            "value_bn": round(value, 1), "change_1y_bn": None if change is None else round(change, 1)}


def peak(bs: pd.DataFrame, column: str = "total_assets") -> tuple[pd.Timestamp, float]:
    """Week and value ($ billions) of the highest value of ``column``."""
    _check_frame(bs, column)
    week = bs[column].idxmax()
    return week, float(bs[column].loc[week])


def total_assets_chart(bs: pd.DataFrame, start_year: int = 2003) -> alt.LayerChart:
    """Fed total assets ($ trillions, weekly) with QE / QT phases shaded and a start-year slider.

    The slider is a Vega parameter: it works in JupyterLab without a running kernel.
    """
    _check_frame(bs, "total_assets")
    first, last = int(bs.index[0].year), int(bs.index[-1].year)
    if isinstance(start_year, bool) or not isinstance(start_year, int):
        raise TypeError(f"start_year must be an int, got {type(start_year).__name__}")
    if not first <= start_year <= last - 1:
        raise ValueError(f"start_year={start_year} must be between {first} and {last - 1}")
    df = (bs["total_assets"] / 1000).rename("assets_tn").reset_index()
    df = df.iloc[::2] if len(df) > 2000 else df  # stay under ~2,000 rows
    year = alt.param(name="start_year", value=start_year,
                     bind=alt.binding_range(min=first, max=last - 1, step=1, name="Start year "))
    from helpers.data import load  # moves to inputs() in the topic split

    phases = policy_phases(load("policy_events"), bs.index[-1])
    shade = phase_layer(phases).transform_filter(f"year(datum.end) >= start_year")
    line = (
        alt.Chart(df)
        .mark_line(color=PALETTE[0])
        .encode(
            x=alt.X("date:T", title=None),
            y=alt.Y("assets_tn:Q", title="Total assets ($ trillions)"),
            tooltip=[alt.Tooltip("date:T", format="%Y-%m-%d", title="week"),
                     alt.Tooltip("assets_tn:Q", format=".2f", title="$ trillions")],
        )
        .transform_filter("year(datum.date) >= start_year")
    )
    chart = alt.layer(shade, line).add_params(year).properties(
        width=640, height=300,
        title=alt.TitleParams(
            "The Fed's balance sheet grew in QE waves and shrank in QT",
            subtitle=["Federal Reserve total assets, weekly; shaded: purchase (QE), runoff (QT) and "
                      "reserve-management phases from the policy-event table"],
        ),
    )
    return with_source(chart)


BENCH = {
    "lesson00 week_summary": (
        lambda: week_summary(_bench_bs(), "reserves", "2025-12-01"), {}),
}


def _bench_bs() -> pd.DataFrame:
    from helpers.data import load

    return load("fed_balance_sheet")
