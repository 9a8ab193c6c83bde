"""Lesson 00 exercises: warm-up questions on the data snapshot.

Each one asks for a step the lesson showed (change the widget's item and week, run ``tour.peak``
on another column, combine two weeks of the table), not for a number printed in the lesson. Expected
answers are computed from the snapshot when a checker runs.
"""
from __future__ import annotations

import pandas as pd

from helpers import snapshot_tour as tour
from helpers.exercises import Choice, Exercise, Quiz, Slip, bind, number
from helpers.exercises._inputs import table
from helpers.i18n import N_, Lazy
from helpers.i18n import gettext as _

SETUP = """\
import helpers
from helpers import snapshot_tour as tour
bs = helpers.load("fed_balance_sheet")
"""

Q1_ITEM, Q1_WEEK = "total_assets", "2020-12-30"   # the widget's item and week for exercise 1
Q2_ITEM = "reserves"                              # exercise 2: the peak of another column
Q3_END = "2025-12-01"                             # exercise 3: the day QT2's runoff ended


def _bs() -> pd.DataFrame:
    return table("fed_balance_sheet")


# --- Exercise 1: the widget, another item and another week --------------------------------------
def _q1_summary() -> dict:
    return tour.week_summary(_bs(), Q1_ITEM, Q1_WEEK)


# --- Exercise 2: the peak of another column -------------------------------------------------------
def _q2_peak() -> tuple[pd.Timestamp, float]:
    return tour.peak(_bs(), Q2_ITEM)


def _q2_explain() -> str:
    bs = _bs()
    week, _value = _q2_peak()
    top = bs["total_assets"].idxmax()
    d = bs.loc[top] - bs.loc[week]
    return _("reserves peaked in the week of {week:%d %B %Y}, {weeks} weeks before total assets did "
             "({top:%d %B %Y}). Between those weeks total assets changed by {assets:+,.0f} $ billions but "
             "reserves by {reserves:+,.0f}, while the TGA ({tga:+,.0f}) and the ON RRP ({on_rrp:+,.0f}) grew: "
             "lesson 01 shows how those accounts take reserves away.").format(
        week=week, weeks=(top - week).days // 7, top=top, assets=d["total_assets"], reserves=d["reserves"],
        tga=d["tga"], on_rrp=d["on_rrp"])


# --- Exercise 3: combine two weeks of the table ----------------------------------------------------
def _qt2_change() -> float:
    bs = _bs()
    peak_week = bs["total_assets"].idxmax()
    end_week = bs.index[bs.index.searchsorted(pd.Timestamp(Q3_END))]
    return float(bs.loc[end_week, "total_assets"] - bs.loc[peak_week, "total_assets"])


def _to_latest() -> float:
    bs = _bs()
    return float(bs["total_assets"].iloc[-1] - bs["total_assets"].max())


EXERCISES = bind(globals(), [
    Exercise(
        prompt=Lazy("Set the widget to Total assets and the week of {week} (or run show('{item}', '{week}')). "
                    "By how much did the Fed's total assets change over the year before that week, in $ billions?",
                    week=Q1_WEEK, item=Q1_ITEM),
        checker=number(lambda: _q1_summary()["change_1y_bn"], rel=0.002, abs_tol=0.15, slips=[
            Slip.sign(N_("right size, wrong sign: total assets grew that year, so the change is positive")),
            Slip(lambda: _q1_summary()["value_bn"],
                 N_("that is the level in that week; the question asks for the change over the year before")),
            Slip.scaled(1 / 1000, N_("give the change in $ billions, as the widget prints it, not in $ trillions"),
                        rel=0.01, abs_tol=0.0),
        ], otherwise=Lazy("set the widget to 'Total assets' and the week {week} (or run "
                          "show('{item}', '{week}')) and read the one-year change", week=Q1_WEEK, item=Q1_ITEM)),
        hint_text=N_("Change both controls of the widget: Item → Total assets, Week → 2020-12-30. The number in "
                     "brackets is the change from the same week a year (52 weeks) earlier, in $ billions."),
        solution_code=f"answer = tour.week_summary(bs, '{Q1_ITEM}', '{Q1_WEEK}')['change_1y_bn']",
        explain=lambda: _("in the year of the pandemic purchases the balance sheet grew by ${trillions:.2f} "
                          "trillion — about {times:.1f} times its whole size in 2007. Compare that with how slowly "
                          "the QT bands bring it down.").format(
            trillions=_q1_summary()["change_1y_bn"] / 1000,
            times=_q1_summary()["change_1y_bn"] / _bs().loc["2007", "total_assets"].mean()),
    ),
    Exercise(
        prompt=N_("The lesson found the peak of total assets with tour.peak(bs). Do the same for bank reserves "
                  "(column 'reserves'): how high was their highest weekly value, in $ trillions (two decimals)?"),
        checker=number(lambda: _q2_peak()[1] / 1000, rel=0.005, slips=[
            Slip.scaled(1000, N_("right peak, wrong unit: the table is in $ billions; divide by 1,000 for "
                                 "$ trillions")),
            Slip(lambda: float(_bs()["total_assets"].max()) / 1000,
                 N_("that is the peak of total assets; use the reserves column")),
            Slip(lambda: float(_bs()[Q2_ITEM].iloc[-1]) / 1000,
                 N_("that is the latest week's reserves, not their highest week")),
        ], otherwise=N_("not the highest weekly value of reserves; try tour.peak(bs, 'reserves') and divide by "
                        "1,000")),
        hint_text=N_("tour.peak(bs, 'reserves') returns (week, value in $ billions); divide the value by 1,000. "
                     "bs['reserves'].max() gives the same value."),
        solution_code="week, value = tour.peak(bs, 'reserves')\nanswer = round(value / 1000, 2)",
        explain=_q2_explain,
    ),
    Exercise(
        prompt=N_("By how much did total assets change, in $ billions, from their peak week to the first "
                  "Wednesday on or after 1 December 2025 (the day QT2's runoff ended)? Give a negative number for "
                  "a fall."),
        checker=number(_qt2_change, rel=0.01, slips=[
            Slip.sign(N_("total assets fell, so the change is negative (later minus earlier)")),
            Slip.scaled(1 / 1000, N_("give the change in $ billions (the table's unit), not in $ trillions"),
                        rel=0.02),
            Slip(_to_latest, N_("that runs to the latest week; stop at the first Wednesday on or after 1 December "
                                "2025, when runoff ended")),
        ]),
        hint_text=N_("Find the peak week with .idxmax(); find the first Wednesday on or after 2025-12-01 with "
                     "bs.loc['2025-12-01':].index[0]; subtract the two values (later minus earlier)."),
        solution_code=("peak_week = bs['total_assets'].idxmax()\n"
                       "end_week = bs.loc['2025-12-01':].index[0]\n"
                       "answer = bs.loc[end_week, 'total_assets'] - bs.loc[peak_week, 'total_assets']"),
        explain=N_("lesson 01 asks where that drain landed: reserves, the Treasury's account or the reverse repo "
                   "facility."),
    ),
])


quiz = Quiz(
    N_("Check yourself"),
    [
        Choice(
            N_("In the course tables, what unit are money amounts in?"),
            [N_("$ millions, as FRED publishes them"), N_("$ billions"), N_("$ trillions")],
            1,
            [
                N_("FRED publishes several of these series in millions, but the snapshot converts them."),
                N_("Right: every money column is in $ billions (charts sometimes show $ trillions and say so)."),
                N_("Charts sometimes use trillions for readability, but the tables are in billions."),
            ],
        ),
        Choice(
            N_("You open a lesson on GitHub, with no kernel. What do you see for each chart?"),
            [N_("Nothing: charts need a running kernel"), N_("A PNG image of the chart, made when the lesson ran"),
             N_("An interactive chart fetched from the internet")],
            1,
            [
                N_("The course saves a picture of each chart inside the notebook, so readers see it."),
                N_("Right: each chart carries a PNG fallback; in JupyterLab the live chart is drawn instead."),
                N_("The course never fetches anything from the internet to draw a chart."),
            ],
        ),
        Choice(
            N_("The ipywidgets panel in this lesson shows nothing when the notebook is only viewed. Why?"),
            [N_("Widgets need a running Python kernel to compute their output"),
             N_("The data snapshot is missing"), N_("Widgets only work on Binder")],
            0,
            [
                N_("Right: that is why each widget is followed by a plain cell with the same numbers."),
                N_("The snapshot ships with the course and is checked when it loads."),
                N_("Widgets work in any JupyterLab with a kernel: Binder, a laptop or a JupyterHub."),
            ],
        ),
        Choice(
            N_("What does a shaded 'QT' band on the chart mean?"),
            [N_("The Fed was selling all its bonds"),
             N_("The Fed let securities mature without replacing them (up to monthly caps)"),
             N_("Interest rates were rising")],
            1,
            [
                N_("QT in 2017–19 and 2022–25 was runoff, not outright sales."),
                N_("Right: quantitative tightening (QT) was mostly passive runoff under monthly caps."),
                N_("Rates and the balance sheet are separate tools; they do not always move together."),
            ],
        ),
    ],
)
