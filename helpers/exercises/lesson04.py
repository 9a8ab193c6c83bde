"""Lesson 04 exercises: historical pivots, base rates and cherry-picking.

Every expected value is computed from the snapshot when the answer is checked.
"""
from __future__ import annotations

import math
from typing import Sequence

import pandas as pd

from helpers.exercises import Choice, Exercise, Quiz, close_to, is_number

_SHIFTS = range(-90, 91, 5)



# ---------------------------------------------------------------------------
# q1: change the asset
# ---------------------------------------------------------------------------
Q1_DATE = "2020-03-15"


def _return_after(asset: str, date: str, months: int) -> float:
    """Forward return of ``asset`` from ``date`` over ``months``, in percent (NaN outside the data)."""
    from helpers import events

    return 100 * events.forward_return(events.prices(asset), date, months)


def _percent_slips(answer, expected: float) -> str:
    """A message for a fraction or a price given instead of a percent return ('' if neither)."""
    if math.isclose(answer, expected / 100, rel_tol=0.01):
        return "that looks like a fraction: give the return in percent (multiply by 100)"
    if answer > 1000 and not math.isclose(answer, expected, rel_tol=0.05):
        return "that looks like a price, not a return: use events.forward_return(...)"
    return ""


def _check_return(answer, asset: str, months: int, slips: Sequence[tuple[str, int, str]]):
    """Check a forward return in percent from Q1_DATE; ``slips``: (asset, months, message) for the
    likely wrong choices, each recognised by its own return."""
    expected = _return_after(asset, Q1_DATE, months)
    ok, msg = close_to(expected, rel=0.005, abs_tol=0.2)(answer)
    if ok or not is_number(answer):
        return ok, msg
    for other_asset, other_months, message in slips:
        if math.isclose(answer, _return_after(other_asset, Q1_DATE, other_months), rel_tol=0.005, abs_tol=0.2):
            return False, message
    return False, _percent_slips(answer, expected) or msg


def _check_q1(answer):
    return _check_return(answer, "eth", 12, [
        ("btc", 12, "that is Bitcoin's 12-month return; the question asks about Ether (events.prices('eth'))"),
        ("eth", 6, "that is the 6-month return; the question asks for 12 months"),
    ])


q1 = Exercise(
    "Exercise 1",
    f"Change the asset. The lesson's event study printed Bitcoin's 12-month return after the {Q1_DATE} "
    "pivot (QE restart). What was **Ether's** 12-month forward return, in percent, after the same date? "
    "Use the lesson's rule: close on or after the date, to the close on or after the date 12 calendar "
    "months later. Predict first: more or less than Bitcoin's?",
    _check_q1,
    f"events.forward_return(events.prices('eth'), '{Q1_DATE}', 12) gives a fraction; multiply by 100.",
    f"answer = 100 * events.forward_return(events.prices('eth'), '{Q1_DATE}', 12)",
    lambda: (f"Ether {_return_after('eth', Q1_DATE, 12):+,.0f}% against Bitcoin "
             f"{_return_after('btc', Q1_DATE, 12):+,.0f}%. Both windows start days after the March 2020 crash "
             "low, so both are huge; one window cannot say whether Ether 'outperforms when risk appetite "
             "returns' (claim 12)."),
)


# ---------------------------------------------------------------------------
# q2: change the horizon
# ---------------------------------------------------------------------------
def _check_q2(answer):
    return _check_return(answer, "btc", 18, [
        ("btc", 12, "that is the 12-month return printed in the lesson; the question asks for 18 months"),
        ("eth", 18, "that is Ether's; the question asks about Bitcoin"),
    ])


q2 = Exercise(
    "Exercise 2",
    f"Change the horizon. Predict: is Bitcoin's **18-month** return after the {Q1_DATE} pivot larger or "
    "smaller than its 12-month return printed in the lesson? Then compute it, in percent.",
    _check_q2,
    f"events.forward_return(events.prices('btc'), '{Q1_DATE}', 18) gives a fraction; multiply by 100. "
    "(events.event_study('btc', 'article', horizons=(18,)) lists all three pivots.)",
    f"answer = 100 * events.forward_return(events.prices('btc'), '{Q1_DATE}', 18)",
    lambda: (f"{_return_after('btc', Q1_DATE, 18):+,.0f}% at 18 months against "
             f"{_return_after('btc', Q1_DATE, 12):+,.0f}% at 12: waiting longer did not mean gaining more. "
             "'Gains within 6–18 months' lets the reader pick the best horizon after the fact."),
)


# ---------------------------------------------------------------------------
# q3: change the pivot set and the horizon; combine the base rate with the binomial
# ---------------------------------------------------------------------------
Q3_SET, Q3_MONTHS = "all_cuts", 18


def _q3_parts() -> tuple[int, int, float]:
    """(pivots with a full window, how many were positive, base-rate share positive) for q3."""
    from helpers import events

    es = events.event_study("btc", Q3_SET, horizons=(Q3_MONTHS,))
    r = es["return_pct"].dropna()
    return len(r), int((r > 0).sum()), float(es["base_share_positive"].iloc[0])


def _chance_q3(months: int = Q3_MONTHS) -> float:
    from helpers import events

    return float(events.study_summary("btc", Q3_SET, horizons=(months,)).loc[months, "chance_random"])


def _check_q3(answer):
    from helpers import events

    n, k, p = _q3_parts()
    expected = events.chance_at_least(k, n, p)
    ok, msg = close_to(expected, rel=0.0, abs_tol=0.005)(answer)
    if ok or not is_number(answer):
        return ok, msg
    if 1 < answer <= 100 and math.isclose(answer / 100, expected, abs_tol=0.01):
        return False, "give a probability between 0 and 1 (that number looks like a percent)"
    slips = [
        (_chance_q3(12), "that is the 12-month chance printed in the selection table; the question asks for 18 months"),
        (p ** n, f"that is the chance that all {n} are positive; the question asks for at least {k} of {n}"),
        (p, "that is the chance for one window; combine them (binomial: at least k of n)"),
        (events.chance_at_least(k, len(events.pivot_set(Q3_SET)), p),
         "count only the pivots with a full 18-month window in the data (the last cuts have none yet)"),
        (events.chance_at_least(k, n, events.base_rate("btc", 12)["share_positive"]),
         "use the 18-month base rate, not the 12-month one"),
    ]
    for value, message in slips:
        if math.isclose(answer, value, abs_tol=0.003):
            return False, message
    return False, msg or "not the value the data give"


q3 = Exercise(
    "Exercise 3",
    f"Change the pivot set and the horizon. Take the set '{Q3_SET}' (every rate cut) at **{Q3_MONTHS} months**. "
    "Count the cuts that have a full window in the data and how many of them were followed by a positive "
    "Bitcoin return. If you drew that many random 18-month windows (independent, each positive with the "
    "base-rate probability), what is the chance that at least as many would be positive? Answer as a "
    "probability from 0 to 1.",
    _check_q3,
    f"es = events.event_study('btc', '{Q3_SET}', horizons=({Q3_MONTHS},)); the rows with a return_pct are the "
    "cuts with a full window. The base rate is events.base_rate('btc', 18)['share_positive'], and "
    "events.chance_at_least(k, n, p) gives the binomial chance of at least k of n.",
    f"es = events.event_study('btc', '{Q3_SET}', horizons=({Q3_MONTHS},))\n"
    "r = es['return_pct'].dropna()\n"
    f"p = events.base_rate('btc', {Q3_MONTHS})['share_positive']\n"
    "answer = events.chance_at_least(int((r > 0).sum()), len(r), p)",
    lambda: ("{1} of {0} cuts were followed by a rise, yet random windows would do at least that well about "
             "{3:.0%} of the time, because most 18-month windows of Bitcoin rose anyway ({2:.0%} of them). "
             "More events than the article's three, and still no evidence that cuts were special.").format(*_q3_parts(), _chance_q3()),
)


# ---------------------------------------------------------------------------
# q4: out of sample, with a common end date
# ---------------------------------------------------------------------------
Q4_START = "2025-12-01"


def _btc_to_eth_end() -> tuple[float, pd.Timestamp]:
    """Bitcoin's return (percent) from its close on or after Q4_START to its close on Ether's last date."""
    from helpers import events

    end = events.prices("eth").index[-1]
    btc = events.prices("btc")
    return 100 * (float(btc.loc[:end].iloc[-1]) / float(btc.loc[Q4_START:].iloc[0]) - 1), end


def _check_q4(answer):
    from helpers import events

    expected, _ = _btc_to_eth_end()
    ok, msg = close_to(expected, rel=0.005, abs_tol=0.2)(answer)
    if ok or not is_number(answer):
        return ok, msg
    if math.isclose(answer, expected / 100, rel_tol=0.01):
        return False, "that looks like a fraction: give the return in percent (multiply by 100)"
    slips = [
        (events.return_since("btc", Q4_START)["return_pct"],
         "that runs to Bitcoin's own last close; stop on Ether's last date so both cover the same days"),
        (events.return_since("eth", Q4_START)["return_pct"], "that is Ether's return; the question asks about Bitcoin"),
        (events.return_since("btc", "2025-10-29")["return_pct"],
         f"that starts at the announcement (2025-10-29) and ends at Bitcoin's own last close; start on {Q4_START}"),
    ]
    for value, message in slips:
        if math.isclose(answer, value, rel_tol=0.01, abs_tol=0.2):
            return False, message
    if expected < 0 < answer:
        return False, "Bitcoin fell over this period, so the return is negative"
    return False, msg


q4 = Exercise(
    "Exercise 4",
    f"Out of sample, on common dates. The snapshot's Ether prices stop months before Bitcoin's, so the "
    f"out-of-sample table compares windows of different lengths. What was **Bitcoin's** return, in percent, "
    f"from its close on {Q4_START} (the day runoff ended) to its close on **Ether's last date** in the snapshot?",
    _check_q4,
    "end = events.prices('eth').index[-1] is Ether's last date; btc = events.prices('btc'); then "
    f"btc.loc[:end].iloc[-1] / btc.loc['{Q4_START}':].iloc[0] - 1, times 100.",
    "end = events.prices('eth').index[-1]\n"
    "btc = events.prices('btc')\n"
    f"answer = 100 * (btc.loc[:end].iloc[-1] / btc.loc['{Q4_START}':].iloc[0] - 1)",
    lambda: ("{0:+.1f}% to {1:%Y-%m-%d}, against {2:+.1f}% to Bitcoin's own last close: the end date alone "
             "changes the answer a great deal. Compare assets over the same days, and say which days."
             ).format(*_btc_to_eth_end(), _btc_since(Q4_START)),
)


def _btc_since(start: str) -> float:
    from helpers import events

    return events.return_since("btc", start)["return_pct"]


# ---------------------------------------------------------------------------
# q5: cherry-picking by date, at another horizon
# ---------------------------------------------------------------------------
Q5_MONTHS = 6


def _share_all_positive(months: int) -> tuple[int, int]:
    """(shifts with all three article pivots positive, number of shifts) at ``months``."""
    from helpers import events

    sc = events.shift_curve("btc", "article", horizons=(months,), shifts=_SHIFTS)
    by_shift = sc.groupby("shift_days")["return_pct"].apply(lambda r: bool((r > 0).all()))
    return int(by_shift.sum()), int(by_shift.size)


def _check_q5(answer):
    count, total = _share_all_positive(Q5_MONTHS)
    expected = count / total
    ok, msg = close_to(expected, rel=0.0, abs_tol=0.005)(answer)
    if ok or not is_number(answer):
        return ok, msg
    if 1 < answer <= 100 and math.isclose(answer / 100, expected, abs_tol=0.01):
        return False, "give a share between 0 and 1 (that number looks like a percent)"
    if answer == count and count > 1:
        return False, f"that is the number of shifts; divide by the {total} shifts for the share"
    if math.isclose(answer, 1 - expected, abs_tol=0.005):
        return False, "that is the share where at least one pivot was negative; take the other shifts"
    c12, t12 = _share_all_positive(12)
    if math.isclose(answer, c12 / t12, abs_tol=0.005) or answer == c12:
        return False, f"that is the 12-month result; the question asks about {Q5_MONTHS} months"
    return False, msg or f"check that you use {Q5_MONTHS} months and all three pivots"


q5 = Exercise(
    "Exercise 5",
    f"Cherry-picking by date, at the short end of the claim. Move all three of the article's pivot dates "
    f"together by −90, −85, …, +90 days (37 shifts), and look at **{Q5_MONTHS}-month** Bitcoin returns. "
    "Predict first: more or fewer shifts with every pivot positive than at 12 months? Then give the "
    "**share** of the 37 shifts for which all three returns are positive (a fraction from 0 to 1).",
    _check_q5,
    f"events.shift_curve('btc', 'article', horizons=({Q5_MONTHS},), shifts=range(-90, 91, 5)) gives one row "
    "per pivot and shift; group by 'shift_days', check whether every 'return_pct' is above 0, and take the "
    "mean of the True/False values.",
    f"sc = events.shift_curve('btc', 'article', horizons=({Q5_MONTHS},), shifts=range(-90, 91, 5))\n"
    "all_up = sc.groupby('shift_days')['return_pct'].apply(lambda r: (r > 0).all())\n"
    "answer = all_up.mean()",
    lambda: ("{0} of {1} shifts at {4} months, against {2} of {3} at 12: 'every pivot was followed by gains "
             "within 6–18 months' holds at some horizons and dates and fails at others. A claim that needs the "
             "right date and the right horizon is fragile.").format(*_share_all_positive(Q5_MONTHS),
                                                                    *_share_all_positive(12), Q5_MONTHS),
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
