"""Lesson 01 exercises: T-accounts, runoff caps, how big QT2 was and where the drain landed.

Each exercise asks for a step the lesson taught — a sequence of operations not shown in the lesson,
another window of the cap table or of the drain decomposition, a paydown rate estimated from the data —
so no number printed in the lesson answers it. Expected answers are computed when a checker runs.
"""
from __future__ import annotations

import pandas as pd

from helpers import balance_sheet as bsh
from helpers.data import memo
from helpers.exercises import Choice, Exercise, Quiz, Slip, bind, number
from helpers.exercises._inputs import table
from helpers.i18n import N_, Lazy
from helpers.i18n import gettext as _

SETUP = """\
import pandas as pd
import helpers
from helpers import balance_sheet as bsh
bs = helpers.load("fed_balance_sheet")
events = helpers.load("policy_events")
levels = bsh.monthly_levels(bs)
qt2 = bsh.runoff_comparison("QT2", 60, 10, levels=levels, events=events)
"""

QT2_START, QT2_END = "2022-06-01", "2025-12-01"
Q1_STEPS = (("qe_nonbank", 75), ("mmf_to_onrrp", 30))  # exercise 1: two operations in sequence, $ billions
Q3_YEAR = "2023"                                        # exercise 3: one calendar year of QT2
Q4_START = "2024-12-01"                                 # exercise 4: the last year of QT2's runoff
GRID = tuple(range(2, 17))  # whole-number MBS paydown rates, percent a year (the chart's grid)


def _bs() -> pd.DataFrame:
    return table("fed_balance_sheet")


# --- Exercise 1: predict a two-step sequence, then check it ---------------------------------------
@memo
def _q1_changes() -> tuple[float, float, float]:
    """Change in bank reserves after both steps, after the first only, after the second only ($ billions)."""
    start = bsh.starting_ledger()
    both = bsh.reserves(bsh.apply_sequence(start, list(Q1_STEPS))) - bsh.reserves(start)
    first = bsh.reserves(bsh.apply(start, *Q1_STEPS[0])) - bsh.reserves(start)
    second = bsh.reserves(bsh.apply(start, *Q1_STEPS[1])) - bsh.reserves(start)
    return float(both), float(first), float(second)


def _q1_expected() -> float:
    return _q1_changes()[0]


# --- Exercise 2: runoff + TGA rebuild --------------------------------------------------------------
def _q2_expected() -> float:
    start = bsh.starting_ledger()
    after = bsh.apply_sequence(start, [("qt_runoff_tga", 60), ("tga_rebuild_nonbank", 60)])
    return bsh.reserves(after) - bsh.reserves(start)


# --- Exercise 3: MBS runoff against its caps, in one year ------------------------------------------
@memo
def _q3_ratios() -> tuple[float, float]:
    """Actual MBS runoff / sum of MBS caps in Q3_YEAR, and over all of QT2 (fractions)."""
    c = bsh.runoff_comparison("QT2", levels=bsh.monthly_levels(_bs()))
    year = c.loc[Q3_YEAR]
    return (float(year["actual_runoff_mbs"].sum() / year["mbs_cap"].sum()),
            float(c["actual_runoff_mbs"].sum() / c["mbs_cap"].sum()))


def _q3_expected() -> float:
    return _q3_ratios()[0]


# --- Exercise 4: the drain in the last year of runoff ---------------------------------------------
@memo
def _q4_drain() -> pd.DataFrame:
    return bsh.drain_decomposition(_bs(), Q4_START, QT2_END)


@memo
def _whole_drain() -> pd.DataFrame:
    return bsh.drain_decomposition(_bs(), QT2_START, QT2_END)


def _q4_expected() -> float:
    return float(_q4_drain().loc["Reserves", "change"])


def _q4_explain() -> str:
    d = _q4_drain()
    whole = _whole_drain()
    return _("in that last year reserves changed by {reserves:+,.0f} $ billions — {share:.0%} of their whole "
             "fall over QT2 — while total assets changed by {assets:+,.0f}. With the ON RRP nearly empty (it "
             "changed by only {on_rrp:+,.0f}), runoff and a higher TGA now came out of reserves.").format(
        reserves=d.loc["Reserves", "change"], share=d.loc["Reserves", "change"] / whole.loc["Reserves", "change"],
        assets=d.loc["Total assets", "change"], on_rrp=d.loc["ON RRP", "change"])


# --- Exercise 5: estimate the MBS paydown rate from the data ---------------------------------------
@memo
def _q5_parts() -> tuple[float, float, float]:
    """(mean actual MBS runoff a month, mean MBS held on the first Wednesdays, holdings in the first month)."""
    levels = bsh.monthly_levels(_bs())
    c = bsh.runoff_comparison("QT2", levels=levels)
    held = levels.loc[c.index, "mbs"]
    return float(c["actual_runoff_mbs"].mean()), float(held.mean()), float(held.iloc[0])


def _q5_expected() -> float:
    runoff, held, _first = _q5_parts()
    return 12 * runoff / held * 100


def _q5_first_month() -> float:
    runoff, _held, first = _q5_parts()
    return 12 * runoff / first * 100


@memo
def _q5_scores() -> pd.Series:
    """For each whole-number rate of GRID: |actual - simulated| QT2 MBS runoff, $ billions."""
    levels = bsh.monthly_levels(_bs())
    gaps = {}
    for r in GRID:
        totals = bsh.runoff_totals(bsh.runoff_comparison("QT2", mbs_paydown_rate=r, levels=levels))
        gaps[r] = abs(totals.loc["MBS", "actual - simulated"])
    return pd.Series(gaps)


def _on_the_grid(answer: float, expected: float) -> bool:
    return answer == int(answer) and GRID[0] <= answer <= GRID[-1]


_BOTH_STEPS = N_("apply both steps, then compare bsh.reserves(after) with bsh.reserves(start)")

EXERCISES = bind(globals(), [
    Exercise(
        prompt=N_("Predict, then check: starting from bsh.starting_ledger(), the Fed buys $75 billion of notes "
                  "from a non-bank (QE); then money-market funds move $30 billion of their cash from bank deposits "
                  "into the ON RRP. What is the total change in bank reserves, in $ billions?"),
        checker=number(_q1_expected, abs_tol=1e-6, slips=[
            Slip(lambda: _q1_changes()[1], N_("that is the QE step alone; the money funds' move into ON RRP also "
                                              "takes cash out of bank reserves")),
            Slip(lambda: _q1_changes()[2], N_("that is the ON RRP step alone; the QE purchase added reserves first")),
            Slip(lambda: _q1_changes()[1] - _q1_changes()[2],
                 N_("check the sign of the second step: cash moving into ON RRP leaves bank reserves")),
            Slip.sign(N_("check the sign: QE added more reserves than the ON RRP move took away")),
        ], otherwise=_BOTH_STEPS),
        hint_text=N_("Use the table of effects (it is for $100 billion of each operation) to predict each step, "
                     "then check with bsh.apply_sequence(start, [('qe_nonbank', 75), ('mmf_to_onrrp', 30)]) and "
                     "bsh.reserves(after) - bsh.reserves(start)."),
        solution_code=("start = bsh.starting_ledger()\n"
                       "after = bsh.apply_sequence(start, [('qe_nonbank', 75), ('mmf_to_onrrp', 30)])\n"
                       "answer = bsh.reserves(after) - bsh.reserves(start)"),
        explain=N_("QE adds reserves whoever sells; cash that money funds park at the ON RRP leaves the banks. Over "
                   "QT2 the same mechanism ran in reverse: cash leaving the ON RRP kept reserves from falling as fast "
                   "as the Fed's assets (section 4)."),
    ),
    Exercise(
        prompt=N_("Predict, then check: a $60 billion Treasury note held by the Fed matures and is paid from the "
                  "TGA (QT runoff); the Treasury then sells $60 billion of bills to non-banks to refill the TGA. What "
                  "is the total change in bank reserves, in $ billions?"),
        checker=number(_q2_expected, abs_tol=1e-6, slips=[
            Slip.sign(N_("check the sign: reserves fall, so the change is negative"), rel=0.0),
            Slip(0, N_("0 is the change after the runoff alone; the rebuild step, paid from bank deposits, is where "
                       "reserves move"), rel=0.0),
        ], otherwise=_BOTH_STEPS),
        hint_text=N_("bsh.apply_sequence(start, [('qt_runoff_tga', 60), ('tga_rebuild_nonbank', 60)]), then "
                     "bsh.reserves(after) - bsh.reserves(start)."),
        solution_code=("start = bsh.starting_ledger()\n"
                       "after = bsh.apply_sequence(start, [('qt_runoff_tga', 60), ('tga_rebuild_nonbank', 60)])\n"
                       "answer = bsh.reserves(after) - bsh.reserves(start)"),
        explain=N_("runoff shrinks the Fed's assets and the TGA; refilling the TGA from private deposits is what "
                   "drains reserves. Try 'tga_rebuild_onrrp' as the second step: then reserves do not move at all."),
    ),
    Exercise(
        prompt=Lazy("Change the window: in calendar {year} alone (its twelve runoff months), what fraction of the "
                    "MBS runoff that the caps allowed actually happened? Give sum of actual MBS runoff ÷ sum of MBS "
                    "caps, as a fraction.", year=Q3_YEAR),
        checker=number(_q3_expected, rel=0.005, abs_tol=0.0005, slips=[
            Slip.scaled(100, N_("give a fraction (0.5 for half), not a percentage"), rel=0.01, abs_tol=0.0),
            Slip(lambda: _q3_ratios()[1], Lazy("that is the ratio for all of QT2; keep only the months of {year}",
                                               year=Q3_YEAR), abs_tol=1e-6),
        ], otherwise=Lazy("keep the {year} rows of the QT2 comparison and divide the sum of actual_runoff_mbs "
                          "by the sum of mbs_cap", year=Q3_YEAR)),
        hint_text=Lazy("qt2 (the lesson's QT2 comparison) has one row per runoff month; qt2.loc['{year}'] keeps "
                       "that year. Sum its actual_runoff_mbs and its mbs_cap, then divide.", year=Q3_YEAR),
        solution_code=(f"year = qt2.loc['{Q3_YEAR}']\n"
                       "answer = year['actual_runoff_mbs'].sum() / year['mbs_cap'].sum()"),
        explain=lambda: _("in {year} MBS ran off at {year_ratio:.0%} of what the caps allowed, against "
                          "{qt2_ratio:.0%} over all of QT2: the cap never bound, because once mortgage rates rose few "
                          "homeowners refinanced or moved, so little principal came back to the Fed.").format(
            year=Q3_YEAR, year_ratio=_q3_ratios()[0], qt2_ratio=_q3_ratios()[1]),
    ),
    Exercise(
        prompt=Lazy("Change the window of the drain decomposition to the last year of runoff: from the week nearest "
                    "{start} to the week nearest {end}. By how much did bank reserves change, in $ billions? "
                    "(Predict first: more or less than over all of QT2?)", start=Q4_START, end=QT2_END),
        checker=number(_q4_expected, rel=0.005, slips=[
            Slip.sign(N_("right size, wrong sign: reserves fell, so the change is negative")),
            Slip(lambda: _q4_drain().loc["Total assets", "change"],
                 N_("that is the change in total assets; read the Reserves row")),
            Slip(lambda: _q4_drain().loc["Reserves", "share of asset change"],
                 N_("that is the share of the asset change; the question asks for $ billions"), rel=0.02),
            Slip(lambda: _whole_drain().loc["Reserves", "change"],
                 Lazy("that is the whole of QT2; start the window at the week nearest {start}", start=Q4_START)),
            Slip.when(lambda answer, expected: abs(answer) < 10,
                      N_("give the change in $ billions (the table's unit), not in $ trillions")),
        ], otherwise=Lazy("run bsh.drain_decomposition(bs, '{start}', '{end}') and read the change in the "
                          "Reserves row", start=Q4_START, end=QT2_END)),
        hint_text=Lazy("bsh.drain_decomposition(bs, '{start}', '{end}') has a 'change' column; read the Reserves "
                       "row. A fall is negative.", start=Q4_START, end=QT2_END),
        solution_code=(f"d = bsh.drain_decomposition(bs, '{Q4_START}', '{QT2_END}')\n"
                       "answer = d.loc['Reserves', 'change']"),
        explain=_q4_explain,
    ),
    Exercise(
        prompt=N_("Instead of searching with the slider, estimate the MBS paydown rate directly from the data: over "
                  "QT2's runoff months, 12 × the average actual monthly MBS runoff ÷ the average MBS held on the "
                  "first Wednesdays of those months, in percent a year. Is it close to the rate where the chart's "
                  "dashed line meets the data?"),
        checker=number(_q5_expected, rel=0.01, slips=[
            Slip.scaled(1 / 100, N_("give percent a year (7.5 for 7.5 %), not a fraction")),
            Slip.scaled(1 / 12, N_("that is a monthly rate; multiply by 12 for percent a year")),
            Slip(_q5_first_month, N_("you divided by the holdings of the first month; use the average over the "
                                     "runoff months")),
            Slip.when(_on_the_grid, N_("a whole number from the chart's grid is a first guess; the question asks "
                                       "for the rate the data imply, with decimals")),
        ], otherwise=N_("12 × mean monthly actual MBS runoff ÷ mean MBS held on the first Wednesdays × 100")),
        hint_text=N_("qt2['actual_runoff_mbs'].mean() is the average runoff a month; "
                     "levels.loc[qt2.index, 'mbs'].mean() the average holdings (both $ billions). Multiply the ratio "
                     "by 12 and by 100."),
        solution_code=("runoff = qt2['actual_runoff_mbs'].mean()\n"
                       "held = levels.loc[qt2.index, 'mbs'].mean()\n"
                       "answer = 12 * runoff / held * 100"),
        explain=lambda: _("the data imply about {rate:.1f} % a year; of the chart's whole-number rates, {best} % "
                          "fits best. A constant rate is crude — paydowns are seasonal and fell as mortgage rates "
                          "rose — but either way QT2's MBS runoff was set by homeowners' repayments, not by the "
                          "$35 billion cap.").format(rate=_q5_expected(), best=int(_q5_scores().idxmin())),
    ),
])


quiz = Quiz(
    N_("Check yourself"),
    [
        Choice(
            N_("The Fed buys $50 billion of Treasuries from a bank (QE). What happens to bank deposits?"),
            [N_("They rise by $50 billion"), N_("They do not change"), N_("They fall by $50 billion")],
            1,
            [
                N_("That happens when the seller is a non-bank, whose bank credits its deposit."),
                N_("Right: the bank swaps bonds for reserves; nobody's deposit changes."),
                N_("Nothing is paid out of deposits in this purchase."),
            ],
        ),
        Choice(
            N_("A Treasury note held by the Fed matures and the Treasury pays the Fed from the TGA. "
               "At that moment, bank reserves…"),
            [N_("fall by the same amount"), N_("do not change"), N_("rise by the same amount")],
            1,
            [
                N_("Not yet: the payment moves between two accounts at the Fed (the TGA and the Fed's assets)."),
                N_("Right: the drain comes when the Treasury refills the TGA from private bank deposits."),
                N_("Runoff never adds reserves."),
            ],
        ),
        Choice(
            N_("Why did the Fed's MBS run off well below the $35 billion monthly cap during most of QT2?"),
            [N_("The Fed bought new MBS to replace them"),
             N_("Homeowners repaid and refinanced slowly once mortgage rates rose, so little principal came back"),
             N_("The cap applied only to Treasury bills")],
            1,
            [
                N_("Below the cap nothing is reinvested; the Fed bought no MBS to offset runoff in QT2."),
                N_("Right: runoff is min(cap, principal received), and principal received was below the cap."),
                N_("The MBS cap applied to agency debt and MBS; bills fall under the Treasury cap."),
            ],
        ),
        Choice(
            N_("Over QT2, which liability fell most as the Fed's assets shrank?"),
            [N_("Bank reserves"), N_("The overnight reverse repo facility (ON RRP)"),
             N_("The Treasury General Account")],
            1,
            [
                N_("Reserves fell, but by much less than total assets."),
                N_("Right: ON RRP balances fell by far the most — money funds took their cash elsewhere."),
                N_("The TGA ended QT2 higher than it started."),
            ],
        ),
        Choice(
            N_("How do the reserve-management bill purchases that began in December 2025 differ from QE?"),
            [N_("They buy short-term bills to keep reserves ample, not longer-term securities to lower "
                "long-term yields"),
             N_("They are overnight loans that are repaid the next day"),
             N_("They are the same as QE under another name")],
            0,
            [
                N_("Right: purpose (rate control vs easing), maturity (bills vs notes, bonds and MBS) and size "
                   "differ."),
                N_("That describes repo operations and the Standing Repo Facility (lesson 02), not outright "
                   "purchases."),
                N_("Both add reserves, but the purpose, maturity and size differ; in 2019 the FOMC called the "
                   "same kind of purchases 'purely technical measures'."),
            ],
        ),
    ],
)
