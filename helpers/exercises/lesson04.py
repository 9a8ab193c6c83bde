"""Lesson 04 exercises: historical pivots, base rates and cherry-picking.

Every expected value is computed from the snapshot when the answer is checked.
"""
from __future__ import annotations

import math

import pandas as pd

from helpers.exercises import Choice, Exercise, Quiz, close_to, is_number

_SHIFTS = range(-90, 91, 5)



# ---------------------------------------------------------------------------
# q1: count the cuts (the event table files each decision under one kind)
# ---------------------------------------------------------------------------
def _cuts_2024_2025() -> tuple[int, int]:
    from helpers import events

    turns = events.rate_turns()
    years = turns["announced"].dt.year
    n_rates = int(((turns["change"] < 0) & years.between(2024, 2025)).sum())
    table = events.event_table(kind="cut")
    n_kind = int(table.index.year.isin([2024, 2025]).sum())
    return n_rates, n_kind


def _check_q1(answer):
    if isinstance(answer, bool) or not isinstance(answer, int):
        return False, f"give a whole number of cuts, got {type(answer).__name__}"
    n_rates, n_kind = _cuts_2024_2025()
    if answer == n_rates:
        return True, ""
    if answer == n_kind:
        return False, ("that counts rows of kind 'cut' only. The event table files each decision under its "
                       "main kind: a cut announced with the end of QT or with bill purchases is filed as "
                       "'qt_end' or 'rmp'. Look at target_upper, or use events.rate_turns()")
    return False, "not the number of cuts the data gives; count decreases of the target range"


q1 = Exercise(
    "Exercise 1",
    "How many times did the FOMC cut its target range in 2024 and 2025 together (count announcements)?",
    _check_q1,
    "Filtering the event table to kind 'cut' is not enough: some cuts came with a balance-sheet decision "
    "and are filed under that kind. events.rate_turns() lists every change of the target range "
    "('change' < 0 is a cut; 'announced' is the FOMC date).",
    "turns = events.rate_turns()\n"
    "cuts = turns[(turns['change'] < 0) & turns['announced'].dt.year.between(2024, 2025)]\n"
    "answer = len(cuts)",
    lambda: (f"{_cuts_2024_2025()[0]} cuts, of which {_cuts_2024_2025()[1]} are filed as kind 'cut'. "
             "Whichever list you start from decides which 'pivots' you study."),
)


# ---------------------------------------------------------------------------
# q2: one forward return
# ---------------------------------------------------------------------------
def _btc_6m_after_2020() -> float:
    from helpers import events

    return 100 * events.forward_return(events.prices("btc"), "2020-03-15", 6)


def _check_q2(answer):
    expected = _btc_6m_after_2020()
    ok, msg = close_to(expected, rel=0.01, abs_tol=0.2)(answer)
    if not ok and is_number(answer) and math.isclose(answer, expected / 100, rel_tol=0.01):
        return False, "that looks like a fraction: give the return in percent (multiply by 100)"
    if not ok and is_number(answer) and answer > 1000:
        return False, "that looks like a price, not a return: use events.forward_return(...)"
    return ok, msg


q2 = Exercise(
    "Exercise 2",
    "What was Bitcoin's 6-month forward return, in percent, after the FOMC's 2020-03-15 announcement "
    "(QE restart)? Use the lesson's rule: close on or after the date, to the close on or after the "
    "date 6 calendar months later.",
    _check_q2,
    "events.forward_return(events.prices('btc'), '2020-03-15', 6) gives a fraction; multiply by 100.",
    "answer = 100 * events.forward_return(events.prices('btc'), '2020-03-15', 6)",
    lambda: (f"{_btc_6m_after_2020():+.1f}%. The date was a few days after the March 2020 crash low, "
             "so the window starts near the bottom: that alone makes the number large."),
)


# ---------------------------------------------------------------------------
# q3: how surprising is "2 of 3 positive"?
# ---------------------------------------------------------------------------
def _chance_2_of_3() -> float:
    from helpers import events

    p = events.base_rate("btc", 6)["share_positive"]
    return events.chance_at_least(2, 3, p)


def _check_q3(answer):
    expected = _chance_2_of_3()
    if is_number(answer) and 1 < answer <= 100 and math.isclose(answer / 100, expected, abs_tol=0.01):
        return False, "give a probability between 0 and 1 (that number looks like a percent)"
    ok, msg = close_to(expected, abs_tol=0.01)(answer)
    if not ok and is_number(answer) and 0 <= answer <= 1:
        from helpers import events

        p = events.base_rate("btc", 6)["share_positive"]
        if math.isclose(answer, p ** 3, abs_tol=0.01):
            return False, "that is the chance that all 3 are positive; the question asks for at least 2 of 3"
        if math.isclose(answer, p, abs_tol=0.01):
            return False, "that is the chance for one window; combine three (binomial: at least 2 of 3)"
    return ok, msg


q3 = Exercise(
    "Exercise 3",
    "At 6 months, 2 of the article's 3 pivots were followed by a positive Bitcoin return. If you picked "
    "3 six-month windows at random (treat them as independent, each positive with the base-rate "
    "probability), what is the chance that at least 2 are positive? Answer as a probability from 0 to 1.",
    _check_q3,
    "The base rate is events.base_rate('btc', 6)['share_positive']. events.chance_at_least(k, n, p) "
    "gives the binomial chance of at least k of n.",
    "p = events.base_rate('btc', 6)['share_positive']\n"
    "answer = events.chance_at_least(2, 3, p)",
    lambda: (f"about {_chance_2_of_3():.0%}: a random start date does at least as well most of the time, "
             "so '2 of 3 pivots were positive' tells you almost nothing."),
)


# ---------------------------------------------------------------------------
# q4: out of sample
# ---------------------------------------------------------------------------
def _btc_since_qt_end() -> dict:
    from helpers import events

    return events.return_since("btc", "2025-12-01")


def _check_q4(answer):
    out = _btc_since_qt_end()
    expected = out["return_pct"]
    ok, msg = close_to(expected, rel=0.01, abs_tol=0.2)(answer)
    if not ok and is_number(answer) and math.isclose(answer, expected / 100, rel_tol=0.01):
        return False, "that looks like a fraction: give the return in percent (multiply by 100)"
    if not ok and is_number(answer):
        from helpers import events

        other = events.return_since("btc", "2025-10-29")["return_pct"]
        if math.isclose(answer, other, rel_tol=0.01, abs_tol=0.2):
            return False, ("that starts at the announcement (2025-10-29); the question asks from the day "
                           "runoff ended, 2025-12-01")
        if expected < 0 < answer:
            return False, "Bitcoin fell over this period, so the return is negative"
    return ok, msg


q4 = Exercise(
    "Exercise 4",
    "Out of sample: what was Bitcoin's return, in percent, from its close on 2025-12-01 (the day QT "
    "runoff ended) to its last close in the snapshot?",
    _check_q4,
    "events.return_since('btc', '2025-12-01') returns a dict; its 'return_pct' is in percent. "
    "Or compute it from events.prices('btc').",
    "answer = events.return_since('btc', '2025-12-01')['return_pct']",
    lambda: (f"{_btc_since_qt_end()['return_pct']:+.1f}% to {_btc_since_qt_end()['end']:%Y-%m-%d}, the "
             f"{_btc_since_qt_end()['percentile']:.0f}th percentile of all windows that long. One event, "
             "though: it neither proves nor disproves a rule."),
)


# ---------------------------------------------------------------------------
# q5: cherry-picking by date
# ---------------------------------------------------------------------------
def _shifts_all_positive() -> tuple[int, int]:
    from helpers import events

    sc = events.shift_curve("btc", "article", horizons=(12,), shifts=_SHIFTS)
    by_shift = sc.groupby("shift_days")["return_pct"].apply(lambda r: bool((r > 0).all()))
    return int(by_shift.sum()), int(by_shift.size)


def _check_q5(answer):
    if isinstance(answer, bool) or not isinstance(answer, int):
        return False, f"give a whole number of shifts, got {type(answer).__name__}"
    count, total = _shifts_all_positive()
    if answer == count:
        return True, ""
    if answer == total - count:
        return False, "that is the number of shifts where at least one pivot was negative; count the others"
    if not 0 <= answer <= total:
        return False, f"there are only {total} shifts from −90 to +90 days in steps of 5"
    return False, "not the count the data gives; check that you use 12 months and all three pivots"


q5 = Exercise(
    "Exercise 5",
    "Cherry-picking by date: move all three of the article's pivot dates together by −90, −85, …, +90 "
    "days (37 shifts). For how many shifts are all three 12-month Bitcoin returns positive?",
    _check_q5,
    "events.shift_curve('btc', 'article', horizons=(12,), shifts=range(-90, 91, 5)) gives one row per "
    "pivot and shift; group by 'shift_days' and check whether every 'return_pct' is above 0.",
    "sc = events.shift_curve('btc', 'article', horizons=(12,), shifts=range(-90, 91, 5))\n"
    "all_up = sc.groupby('shift_days')['return_pct'].apply(lambda r: (r > 0).all())\n"
    "answer = int(all_up.sum())",
    lambda: ("{0} of {1}: 'every pivot was followed by gains' holds for some reasonable dates and not "
             "for others. A claim that depends on the exact date is fragile.").format(*_shifts_all_positive()),
)


quiz = Quiz(
    "Check yourself",
    [
        Choice(
            "Bitcoin rose in the 12 months after each of three pivots. What do you need before calling that "
            "evidence that pivots matter?",
            ["Nothing: three out of three is convincing",
             "The base rate: how often any 12-month window rose, and where the pivots rank among all windows",
             "A longer article"],
            1,
            ["Bitcoin rose in most 12-month windows of its history, so 3 of 3 is not unusual by itself.",
             "Right: compare with what a random start date would have given (the base rate and the percentile).",
             "The length of the argument does not change the evidence."],
        ),
        Choice(
            "Suppose 70% of all 12-month windows of an asset went up. What is the chance that 3 random "
            "windows are all positive (treating them as independent)?",
            ["About 70%", "About 34% (0.7 × 0.7 × 0.7)", "About 2%"],
            1,
            ["That is the chance for one window.",
             "Right: three independent draws, each 70% — so 'three of three' happens about one time in three by chance.",
             "That would be the chance if windows were rarely positive."],
        ),
        Choice(
            "Why are the 'all windows' of the base rate not independent observations?",
            ["They overlap: two windows starting a day apart share almost every day",
             "They come from different assets", "They are too short"],
            0,
            ["Right: overlapping windows move together, so the number of windows overstates the information.",
             "Each base rate uses one asset.",
             "Length is not the issue; overlap is."],
        ),
        Choice(
            "You test all 12 calendar months for an unusual average return at the 5% level, and the truth is "
            "that no month is special. How many 'significant' months do you expect by chance?",
            ["None", "About 0.6 (12 × 0.05); about a 46% chance of at least one",
             "About 5"],
            1,
            ["Each test has a 5% false-positive rate, so some are expected.",
             "Right: more tests, more false alarms — a 'seasonal' month needs a reason and new data, not just a p-value.",
             "5 would be a 5% rate applied to 100 tests."],
        ),
        Choice(
            "Which choice protects best against cherry-picking the pivot dates?",
            ["Try several dates and report the best",
             "Fix the rule for what counts as a pivot (and which date) before looking at returns, then report "
             "every event it selects",
             "Use only the most famous pivot"],
            1,
            ["That is cherry-picking: the best of many tries looks good by construction.",
             "Right: a rule written down first, applied to every event, and reported with how sensitive it is.",
             "One event cannot separate a rule from luck."],
        ),
    ],
)
