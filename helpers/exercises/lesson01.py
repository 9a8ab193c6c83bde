"""Lesson 01 exercises: T-accounts, runoff caps, how big QT2 was and where the drain landed."""
from __future__ import annotations

import pandas as pd

from helpers.exercises import Choice, Exercise, Quiz, close_to, is_number

QT2_START, QT2_END = "2022-06-01", "2025-12-01"
GRID = tuple(range(2, 17))  # MBS paydown rates tried in exercise 5, percent a year


def _bs() -> pd.DataFrame:
    from helpers.data import load

    return load("fed_balance_sheet")


def _number(answer) -> tuple[bool, str]:
    if not is_number(answer):
        return False, f"expected a number, got {type(answer).__name__}"
    return True, ""


# --- Exercise 1: QE from a non-bank -------------------------------------------------------------
def _q1_expected() -> float:
    from helpers import balance_sheet as bsh

    start = bsh.starting_ledger()
    after = bsh.apply(start, "qe_nonbank", 100)
    return after["Banks", "Deposits"] - start["Banks", "Deposits"]


def _check_q1(answer):
    ok, msg = _number(answer)
    if not ok:
        return ok, msg
    expected = _q1_expected()
    if close_to(expected, abs_tol=1e-6)(answer)[0]:
        return True, ""
    if answer == 0:
        return False, ("that is what happens when the Fed buys from a bank; here the seller is a non-bank, "
                       "which is paid into its bank account")
    return False, "look at the Banks T-account: which liability moves when the seller is paid?"


q1 = Exercise(
    "Exercise 1",
    "Start from bsh.starting_ledger(). The Fed buys $100 billion of notes and bonds from a non-bank "
    "(QE). By how much do bank deposits change, in $ billions?",
    _check_q1,
    "Use bsh.apply(start, 'qe_nonbank', 100) and compare after['Banks', 'Deposits'] with "
    "start['Banks', 'Deposits'] — or run bsh.explore('qe_nonbank', 100) and read the Banks account.",
    "start = bsh.starting_ledger()\n"
    "after = bsh.apply(start, 'qe_nonbank', 100)\n"
    "answer = after['Banks', 'Deposits'] - start['Banks', 'Deposits']",
    "QE from a non-bank creates a deposit and a reserve balance of the same size; from a bank it "
    "only swaps the bank's bonds for reserves.",
)


# --- Exercise 2: runoff + TGA rebuild --------------------------------------------------------------
def _q2_expected() -> float:
    from helpers import balance_sheet as bsh

    start = bsh.starting_ledger()
    after = bsh.apply_sequence(start, [("qt_runoff_tga", 60), ("tga_rebuild_nonbank", 60)])
    return bsh.reserves(after) - bsh.reserves(start)


def _check_q2(answer):
    ok, msg = _number(answer)
    if not ok:
        return ok, msg
    expected = _q2_expected()
    if close_to(expected, abs_tol=1e-6)(answer)[0]:
        return True, ""
    if answer == -expected:
        return False, "check the sign: reserves fall, so the change is negative"
    if answer == 0:
        return False, ("0 is the change after the runoff alone; the rebuild step, paid from bank "
                       "deposits, is where reserves move")
    return False, "apply both steps, then compare bsh.reserves(after) with bsh.reserves(start)"


q2 = Exercise(
    "Exercise 2",
    "A $60 billion Treasury note held by the Fed matures and is paid from the TGA (QT runoff); the "
    "Treasury then sells $60 billion of bills to non-banks to refill the TGA. What is the total change "
    "in bank reserves, in $ billions?",
    _check_q2,
    "bsh.apply_sequence(start, [('qt_runoff_tga', 60), ('tga_rebuild_nonbank', 60)]), then "
    "bsh.reserves(after) - bsh.reserves(start).",
    "start = bsh.starting_ledger()\n"
    "after = bsh.apply_sequence(start, [('qt_runoff_tga', 60), ('tga_rebuild_nonbank', 60)])\n"
    "answer = bsh.reserves(after) - bsh.reserves(start)",
    "runoff shrinks the Fed's assets and the TGA; refilling the TGA from private deposits is what "
    "drains reserves. Try 'tga_rebuild_onrrp' as the second step: then reserves do not move at all.",
)


# --- Exercise 3: MBS runoff against its caps -------------------------------------------------------
def _q3_expected() -> float:
    from helpers import balance_sheet as bsh

    sched = bsh.cap_schedule("QT2")
    levels = bsh.monthly_levels(_bs())
    first = sched.index[0]
    after = sched.index[-1] + pd.offsets.MonthBegin(1)
    decline = levels.loc[first, "mbs"] - levels.loc[after, "mbs"]
    return float(decline / sched["mbs_cap"].sum())


def _check_q3(answer):
    ok, msg = _number(answer)
    if not ok:
        return ok, msg
    expected = _q3_expected()
    if close_to(expected, rel=0.03, abs_tol=0.005)(answer)[0]:
        return True, ""
    if 1 < answer <= 100 and close_to(expected * 100, rel=0.03)(answer)[0]:
        return False, "give a fraction (0.5 for half), not a percentage"
    return False, ("divide the fall in MBS held (first Wednesday of June 2022 to the first Wednesday of "
                   "December 2025) by the sum of the monthly MBS caps")


q3 = Exercise(
    "Exercise 3",
    "During QT2 (runoff months June 2022 – November 2025), what fraction of the MBS runoff that the caps "
    "allowed actually happened? Give actual fall in MBS held ÷ sum of the monthly MBS caps, as a fraction.",
    _check_q3,
    "bsh.cap_schedule('QT2')['mbs_cap'].sum() is the sum of the caps. bsh.monthly_levels(bs) gives "
    "holdings on the first Wednesday of each month: use June 2022 and December 2025.",
    "caps = bsh.cap_schedule('QT2')['mbs_cap'].sum()\n"
    "levels = bsh.monthly_levels(bs)\n"
    "fall = levels.loc['2022-06-01', 'mbs'] - levels.loc['2025-12-01', 'mbs']\n"
    "answer = fall / caps\n"
    "# or: bsh.runoff_totals(bsh.runoff_comparison('QT2')).loc['MBS', 'actual / caps']",
    "MBS ran off at well under half the pace the caps allowed: once mortgage rates rose, fewer "
    "homeowners refinanced or moved, so less principal came back to the Fed than the caps allowed.",
)


# --- Exercise 4: where the drain landed ------------------------------------------------------------
def _q4_expected() -> float:
    from helpers import balance_sheet as bsh

    d = bsh.drain_decomposition(_bs(), QT2_START, QT2_END)
    return float(d.loc["ON RRP", "change"] / d.loc["Total assets", "change"])


def _check_q4(answer):
    ok, msg = _number(answer)
    if not ok:
        return ok, msg
    expected = _q4_expected()
    if close_to(expected, rel=0.02, abs_tol=0.005)(answer)[0]:
        return True, ""
    if answer < 0:
        return False, "both changes are falls, so their ratio is positive"
    if answer > 1.5:
        return False, "give a fraction (0.5 for half), not a percentage or an amount"
    return False, ("use the Wednesday nearest each date (2022-06-01 and 2025-12-01): change in on_rrp ÷ "
                   "change in total_assets")


q4 = Exercise(
    "Exercise 4",
    "From the week nearest 1 June 2022 (start of QT2) to the week nearest 1 December 2025 (end of "
    "runoff), what fraction of the fall in the Fed's total assets was matched by the fall in ON RRP?",
    _check_q4,
    "bsh.drain_decomposition(bs, '2022-06-01', '2025-12-01') has a 'change' column; divide the ON RRP "
    "change by the total-assets change.",
    "d = bsh.drain_decomposition(bs, '2022-06-01', '2025-12-01')\n"
    "answer = d.loc['ON RRP', 'change'] / d.loc['Total assets', 'change']",
    "most of QT2 was absorbed by money funds leaving the ON RRP rather than by bank reserves — which is "
    "why reserves fell much less than total assets.",
)


# --- Exercise 5: fit the MBS paydown rate ----------------------------------------------------------
def _q5_scores() -> pd.Series:
    from helpers import balance_sheet as bsh

    levels = bsh.monthly_levels(_bs())
    gaps = {}
    for r in GRID:
        totals = bsh.runoff_totals(bsh.runoff_comparison("QT2", mbs_paydown_rate=r, levels=levels))
        gaps[r] = abs(totals.loc["MBS", "actual - simulated"])
    return pd.Series(gaps)


def _check_q5(answer):
    ok, msg = _number(answer)
    if not ok:
        return ok, msg
    if answer != int(answer) or not GRID[0] <= answer <= GRID[-1]:
        return False, f"give a whole number of percent a year between {GRID[0]} and {GRID[-1]}"
    scores = _q5_scores()
    best = int(scores.idxmin())
    if int(answer) == best:
        return True, ""
    direction = "higher" if answer < best else "lower"
    return False, (f"at {int(answer)} % a year the simulated MBS runoff misses the actual fall by "
                   f"{scores[int(answer)]:,.0f} $ billions; try a {direction} rate")


q5 = Exercise(
    "Exercise 5",
    f"Which MBS paydown rate (a whole number of percent a year, {GRID[0]}–{GRID[-1]}) makes the simulated "
    "QT2 MBS runoff closest to the actual fall in MBS held? (Use the default Treasury assumption.)",
    _check_q5,
    "Loop over the rates: for each, bsh.runoff_totals(bsh.runoff_comparison('QT2', mbs_paydown_rate=r)) "
    "and look at abs(totals.loc['MBS', 'actual - simulated']). The chart with the slider gives a first guess.",
    "levels = bsh.monthly_levels(bs)\n"
    "gaps = {r: abs(bsh.runoff_totals(bsh.runoff_comparison('QT2', mbs_paydown_rate=r, levels=levels))\n"
    "               .loc['MBS', 'actual - simulated']) for r in range(2, 17)}\n"
    "answer = min(gaps, key=gaps.get)",
    "a constant rate is crude — paydowns are seasonal and fell as rates rose — but it shows that QT2's "
    "MBS runoff was set by homeowners' repayments, not by the $35 billion cap.",
)


quiz = Quiz(
    "Check yourself",
    [
        Choice(
            "The Fed buys $50 billion of Treasuries from a bank (QE). What happens to bank deposits?",
            ["They rise by $50 billion", "They do not change", "They fall by $50 billion"],
            1,
            [
                "That happens when the seller is a non-bank, whose bank credits its deposit.",
                "Right: the bank swaps bonds for reserves; nobody's deposit changes.",
                "Nothing is paid out of deposits in this purchase.",
            ],
        ),
        Choice(
            "A Treasury note held by the Fed matures and the Treasury pays the Fed from the TGA. "
            "At that moment, bank reserves…",
            ["fall by the same amount", "do not change", "rise by the same amount"],
            1,
            [
                "Not yet: the payment moves between two accounts at the Fed (the TGA and the Fed's assets).",
                "Right: the drain comes when the Treasury refills the TGA from private bank deposits.",
                "Runoff never adds reserves.",
            ],
        ),
        Choice(
            "Why did the Fed's MBS run off well below the $35 billion monthly cap during most of QT2?",
            ["The Fed bought new MBS to replace them",
             "Homeowners repaid and refinanced slowly once mortgage rates rose, so little principal came back",
             "The cap applied only to Treasury bills"],
            1,
            [
                "Below the cap nothing is reinvested; the Fed bought no MBS to offset runoff in QT2.",
                "Right: runoff is min(cap, principal received), and principal received was below the cap.",
                "The MBS cap applied to agency debt and MBS; bills fall under the Treasury cap.",
            ],
        ),
        Choice(
            "Over QT2, which liability fell most as the Fed's assets shrank?",
            ["Bank reserves", "The overnight reverse repo facility (ON RRP)", "The Treasury General Account"],
            1,
            [
                "Reserves fell, but by much less than total assets.",
                "Right: ON RRP balances fell by far the most — money funds took their cash elsewhere.",
                "The TGA ended QT2 higher than it started.",
            ],
        ),
        Choice(
            "How do the reserve-management bill purchases that began in December 2025 differ from QE?",
            ["They buy short-term bills to keep reserves ample, not longer-term securities to lower long-term yields",
             "They are overnight loans that are repaid the next day",
             "They are the same as QE under another name"],
            0,
            [
                "Right: purpose (rate control vs easing), maturity (bills vs notes, bonds and MBS) and size differ.",
                "That describes repo operations and the Standing Repo Facility (lesson 02), not outright purchases.",
                "Both add reserves, but the purpose, maturity and size differ; in 2019 the FOMC called the "
                "same kind of purchases 'purely technical measures'.",
            ],
        ),
    ],
)
