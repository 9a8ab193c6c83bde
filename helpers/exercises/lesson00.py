"""Lesson 00 exercises: warm-up questions on the data snapshot."""
from __future__ import annotations

from numbers import Integral

import pandas as pd

from helpers.exercises import Choice, Exercise, Quiz, close_to


def _bs() -> pd.DataFrame:
    from helpers.data import load

    return load("fed_balance_sheet")


def _check_peak_year(answer):
    if isinstance(answer, bool) or not isinstance(answer, Integral):
        return False, f"give the year as a whole number such as 2015, got {type(answer).__name__}"
    year = int(_bs()["total_assets"].idxmax().year)
    if int(answer) == year:
        return True, ""
    return False, "not the year of the highest weekly value; look at the chart again, or use .idxmax()"


def _check_peak_tn(answer):
    peak_tn = float(_bs()["total_assets"].max()) / 1000
    ok, msg = close_to(peak_tn, rel=0.02)(answer)
    if not ok and isinstance(answer, (int, float)) and not isinstance(answer, bool) and answer > 100:
        return False, "the table is in $ billions: divide by 1,000 for $ trillions"
    return ok, msg


def _qt2_change() -> float:
    bs = _bs()
    peak_week = bs["total_assets"].idxmax()
    end_week = bs.index[bs.index.searchsorted(pd.Timestamp("2025-12-01"))]
    return float(bs.loc[end_week, "total_assets"] - bs.loc[peak_week, "total_assets"])


def _check_qt2_change(answer):
    ok, msg = close_to(_qt2_change(), rel=0.01)(answer)
    if not ok and isinstance(answer, (int, float)) and not isinstance(answer, bool) and answer > 0:
        return False, "total assets fell, so the change is negative (later minus earlier)"
    return ok, msg


q1 = Exercise(
    "Exercise 1",
    "In which year did the Fed's total assets reach their highest weekly value? Answer with a year, "
    "e.g. 2015.",
    _check_peak_year,
    "Read the chart, or let pandas find it: bs['total_assets'].idxmax() gives the week of the maximum.",
    "answer = int(bs['total_assets'].idxmax().year)",
    lambda: f"the highest week was {_bs()['total_assets'].idxmax():%d %B %Y}.",
)

q2 = Exercise(
    "Exercise 2",
    "How large was that peak, in $ trillions (two decimals are plenty)?",
    _check_peak_tn,
    "bs['total_assets'].max() is in $ billions; divide by 1,000.",
    "answer = round(bs['total_assets'].max() / 1000, 2)",
    lambda: (f"${_bs()['total_assets'].max() / 1000:.2f} trillion, about "
             f"{_bs()['total_assets'].max() / _bs().loc['2007', 'total_assets'].mean():.0f} times the 2007 average."),
)

q3 = Exercise(
    "Exercise 3",
    "By how much did total assets change, in $ billions, from that peak week to the first Wednesday on "
    "or after 1 December 2025 (the day QT2's runoff ended)? Give a negative number for a fall.",
    _check_qt2_change,
    "Find the peak week with .idxmax(); find the first Wednesday on or after 2025-12-01 with "
    "bs.loc['2025-12-01':].index[0]; subtract the two values (later minus earlier).",
    "peak_week = bs['total_assets'].idxmax()\n"
    "end_week = bs.loc['2025-12-01':].index[0]\n"
    "answer = bs.loc[end_week, 'total_assets'] - bs.loc[peak_week, 'total_assets']",
    "lesson 01 asks where that drain landed: reserves, the Treasury's account or the reverse repo facility.",
)

quiz = Quiz(
    "Check yourself",
    [
        Choice(
            "In the course tables, what unit are money amounts in?",
            ["$ millions, as FRED publishes them", "$ billions", "$ trillions"],
            1,
            [
                "FRED publishes several of these series in millions, but the snapshot converts them.",
                "Right: every money column is in $ billions (charts sometimes show $ trillions and say so).",
                "Charts sometimes use trillions for readability, but the tables are in billions.",
            ],
        ),
        Choice(
            "You open a lesson on GitHub, with no kernel. What do you see for each chart?",
            ["Nothing: charts need a running kernel", "A PNG image of the chart, made when the lesson ran",
             "An interactive chart fetched from the internet"],
            1,
            [
                "The course saves a picture of each chart inside the notebook, so readers see it.",
                "Right: each chart carries a PNG fallback; in JupyterLab the live chart is drawn instead.",
                "The course never fetches anything from the internet to draw a chart.",
            ],
        ),
        Choice(
            "The ipywidgets panel in this lesson shows nothing when the notebook is only viewed. Why?",
            ["Widgets need a running Python kernel to compute their output",
             "The data snapshot is missing", "Widgets only work on Binder"],
            0,
            [
                "Right: that is why each widget is followed by a plain cell with the same numbers.",
                "The snapshot ships with the course and is checked when it loads.",
                "Widgets work in any JupyterLab with a kernel: Binder, a laptop or a JupyterHub.",
            ],
        ),
        Choice(
            "What does a shaded 'QT' band on the chart mean?",
            ["The Fed was selling all its bonds",
             "The Fed let securities mature without replacing them (up to monthly caps)",
             "Interest rates were rising"],
            1,
            [
                "QT in 2017–19 and 2022–25 was runoff, not outright sales.",
                "Right: quantitative tightening (QT) was mostly passive runoff under monthly caps.",
                "Rates and the balance sheet are separate tools; they do not always move together.",
            ],
        ),
    ],
)
