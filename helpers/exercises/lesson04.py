"""Lesson 04 exercises: historical pivots, base rates and cherry-picking.

Every expected value is computed from the snapshot when the answer is checked.
"""
from __future__ import annotations

import math

import pandas as pd

from helpers import events
from helpers.data import memo
from helpers.exercises import Choice, Exercise, Quiz, Slip, bind, number
from helpers.i18n import N_, Lazy
from helpers.i18n import gettext as _

SETUP = """\
import helpers
from helpers import events
"""

_SHIFTS = range(-90, 91, 5)


# ---------------------------------------------------------------------------
# q1, q2: a forward return after the QE restart, another asset or horizon
# ---------------------------------------------------------------------------
Q1_DATE = "2020-03-15"


def _return_after(asset: str, date: str, months: int) -> float:
    """Forward return of ``asset`` from ``date`` over ``months``, in percent (NaN outside the data)."""
    return 100 * events.forward_return(events.prices(asset), date, months)


def _forward_return(asset: str, months: int, slips: list[Slip]):
    """A checker for the forward return in percent from Q1_DATE; ``slips``: the likely wrong choices
    (another asset or horizon, each recognised by its own return), then a fraction or a price."""
    return number(lambda: _return_after(asset, Q1_DATE, months), rel=0.005, abs_tol=0.2, slips=[
        *slips,
        Slip.scaled(1 / 100, N_("that looks like a fraction: give the return in percent (multiply by 100)"),
                    rel=0.01, abs_tol=0.0),
        Slip.when(lambda answer, expected: answer > 1000 and not math.isclose(answer, expected, rel_tol=0.05),
                  N_("that looks like a price, not a return: use events.forward_return(...)")),
    ])


def _other(asset: str, months: int, message: str) -> Slip:
    return Slip(lambda: _return_after(asset, Q1_DATE, months), message)


# ---------------------------------------------------------------------------
# q3: change the pivot set and the horizon; combine the base rate with the binomial
# ---------------------------------------------------------------------------
Q3_SET, Q3_MONTHS = "all_cuts", 18


@memo
def _q3_parts() -> tuple[int, int, float]:
    """(pivots with a full window, how many were positive, base-rate share positive) for q3."""
    es = events.event_study("btc", Q3_SET, horizons=(Q3_MONTHS,))
    r = es["return_pct"].dropna()
    return len(r), int((r > 0).sum()), float(es["base_share_positive"].iloc[0])


def _q3_expected() -> float:
    n, k, p = _q3_parts()
    return events.chance_at_least(k, n, p)


@memo
def _chance_q3(months: int = Q3_MONTHS) -> float:
    return float(events.study_summary("btc", Q3_SET, horizons=(months,)).loc[months, "chance_random"])


def _q3_all_pivots() -> float:
    n, k, p = _q3_parts()
    return events.chance_at_least(k, len(events.pivot_set(Q3_SET)), p)


def _q3_with_12m_base() -> float:
    n, k, _ = _q3_parts()
    return events.chance_at_least(k, n, events.base_rate("btc", 12)["share_positive"])


def _q3_explain() -> str:
    n, k, base = _q3_parts()
    return _("{k} of {n} cuts were followed by a rise, yet random windows would do at least that well about "
             "{chance:.0%} of the time, because most 18-month windows of Bitcoin rose anyway ({base:.0%} of them). "
             "More events than the article's three, and still no evidence that cuts were special."
             ).format(n=n, k=k, base=base, chance=_chance_q3())


# ---------------------------------------------------------------------------
# q4: out of sample, with a common end date
# ---------------------------------------------------------------------------
Q4_START = "2025-12-01"


@memo
def _btc_to_eth_end() -> tuple[float, pd.Timestamp]:
    """Bitcoin's return (percent) from its close on or after Q4_START to its close on Ether's last date."""
    end = events.prices("eth").index[-1]
    btc = events.prices("btc")
    return 100 * (float(btc.loc[:end].iloc[-1]) / float(btc.loc[Q4_START:].iloc[0]) - 1), end


def _since(asset: str, start: str) -> float:
    return events.return_since(asset, start)["return_pct"]


def _btc_since(start: str) -> float:
    return _since("btc", start)


# ---------------------------------------------------------------------------
# q5: cherry-picking by date, at another horizon
# ---------------------------------------------------------------------------
Q5_MONTHS = 6


@memo
def _share_all_positive(months: int) -> tuple[int, int]:
    """(shifts with all three article pivots positive, number of shifts) at ``months``."""
    sc = events.shift_curve("btc", "article", horizons=(months,), shifts=_SHIFTS)
    by_shift = sc.groupby("shift_days")["return_pct"].apply(lambda r: bool((r > 0).all()))
    return int(by_shift.sum()), int(by_shift.size)


def _share(months: int) -> float:
    count, total = _share_all_positive(months)
    return count / total


def _is_the_count(answer: float, expected: float) -> bool:
    count, _ = _share_all_positive(Q5_MONTHS)
    return count > 1 and answer == count


_TWELVE_MONTHS = Lazy("that is the 12-month result; the question asks about {months} months", months=Q5_MONTHS)

EXERCISES = bind(globals(), [
    Exercise(
        prompt=Lazy("Change the asset. The lesson's event study printed Bitcoin's 12-month return after the {date} "
                    "pivot (QE restart). What was **Ether's** 12-month forward return, in percent, after the same "
                    "date? Use the lesson's rule: close on or after the date, to the close on or after the date 12 "
                    "calendar months later. Predict first: more or less than Bitcoin's?", date=Q1_DATE),
        checker=_forward_return("eth", 12, [
            _other("btc", 12, N_("that is Bitcoin's 12-month return; the question asks about Ether "
                                 "(events.prices('eth'))")),
            _other("eth", 6, N_("that is the 6-month return; the question asks for 12 months")),
        ]),
        hint_text=Lazy("events.forward_return(events.prices('eth'), '{date}', 12) gives a fraction; multiply by 100.",
                       date=Q1_DATE),
        solution_code=f"answer = 100 * events.forward_return(events.prices('eth'), '{Q1_DATE}', 12)",
        explain=lambda: _("Ether {eth:+,.0f}% against Bitcoin "
                          "{btc:+,.0f}%. Both windows start days after the March 2020 "
                          "crash low, so both are huge; one window cannot say whether Ether 'outperforms when risk "
                          "appetite returns' (claim 12).").format(eth=_return_after("eth", Q1_DATE, 12),
                                                                  btc=_return_after("btc", Q1_DATE, 12)),
    ),
    Exercise(
        prompt=Lazy("Change the horizon. Predict: is Bitcoin's **18-month** return after the {date} pivot larger or "
                    "smaller than its 12-month return printed in the lesson? Then compute it, in percent.",
                    date=Q1_DATE),
        checker=_forward_return("btc", 18, [
            _other("btc", 12, N_("that is the 12-month return printed in the lesson; the question asks for 18 months")),
            _other("eth", 18, N_("that is Ether's; the question asks about Bitcoin")),
        ]),
        hint_text=Lazy("events.forward_return(events.prices('btc'), '{date}', 18) gives a fraction; multiply by 100. "
                       "(events.event_study('btc', 'article', horizons=(18,)) lists all three pivots.)", date=Q1_DATE),
        solution_code=f"answer = 100 * events.forward_return(events.prices('btc'), '{Q1_DATE}', 18)",
        explain=lambda: _("{r18:+,.0f}% at 18 months against "
                          "{r12:+,.0f}% at 12: waiting longer did not mean gaining "
                          "more. 'Gains within 6–18 months' lets the reader pick the best horizon after the fact."
                          ).format(r18=_return_after("btc", Q1_DATE, 18), r12=_return_after("btc", Q1_DATE, 12)),
    ),
    Exercise(
        prompt=Lazy("Change the pivot set and the horizon. Take the set '{pivots}' (every rate cut) at "
                    "**{months} months**. Count the cuts that have a full window in the data and how many of them "
                    "were followed by a positive Bitcoin return. If you drew that many random 18-month windows "
                    "(independent, each positive with the base-rate probability), what is the chance that at least "
                    "as many would be positive? Answer as a probability from 0 to 1.",
                    pivots=Q3_SET, months=Q3_MONTHS),
        checker=number(_q3_expected, rel=0.0, abs_tol=0.005, slips=[
            Slip.scaled(100, N_("give a probability between 0 and 1 (that number looks like a percent)"),
                        abs_tol=1.0, only_if=lambda answer, expected: 1 < answer <= 100),
            Slip(lambda: _chance_q3(12), N_("that is the 12-month chance printed in the selection table; the "
                                            "question asks for 18 months"), abs_tol=0.003),
            Slip(lambda: _q3_parts()[2] ** _q3_parts()[0],
                 lambda expected: _("that is the chance that all {n} are positive; the question asks "
                                    "for at least {k} of {n}").format(n=_q3_parts()[0], k=_q3_parts()[1]),
                 abs_tol=0.003),
            Slip(lambda: _q3_parts()[2],
                 N_("that is the chance for one window; combine them (binomial: at least k of n)"), abs_tol=0.003),
            Slip(_q3_all_pivots, N_("count only the pivots with a full 18-month window in the data (the last cuts "
                                    "have none yet)"), abs_tol=0.003),
            Slip(_q3_with_12m_base, N_("use the 18-month base rate, not the 12-month one"), abs_tol=0.003),
        ]),
        hint_text=Lazy("es = events.event_study('btc', '{pivots}', horizons=({months},)); the rows with a "
                       "return_pct are the cuts with a full window. The base rate is "
                       "events.base_rate('btc', 18)['share_positive'], and events.chance_at_least(k, n, p) gives the "
                       "binomial chance of at least k of n.", pivots=Q3_SET, months=Q3_MONTHS),
        solution_code=(f"es = events.event_study('btc', '{Q3_SET}', horizons=({Q3_MONTHS},))\n"
                       "r = es['return_pct'].dropna()\n"
                       f"p = events.base_rate('btc', {Q3_MONTHS})['share_positive']\n"
                       "answer = events.chance_at_least(int((r > 0).sum()), len(r), p)"),
        explain=_q3_explain,
    ),
    Exercise(
        prompt=Lazy("Out of sample, on common dates. The snapshot's Ether prices stop months before Bitcoin's, so "
                    "the out-of-sample table compares windows of different lengths. What was **Bitcoin's** return, "
                    "in percent, from its close on {start} (the day runoff ended) to its close on **Ether's last "
                    "date** in the snapshot?", start=Q4_START),
        checker=number(lambda: _btc_to_eth_end()[0], rel=0.005, abs_tol=0.2, slips=[
            Slip.scaled(1 / 100, N_("that looks like a fraction: give the return in percent (multiply by 100)"),
                        rel=0.01, abs_tol=0.0),
            Slip(lambda: _since("btc", Q4_START),
                 N_("that runs to Bitcoin's own last close; stop on Ether's last date so both cover the same days"),
                 rel=0.01),
            Slip(lambda: _since("eth", Q4_START), N_("that is Ether's return; the question asks about Bitcoin"),
                 rel=0.01),
            Slip(lambda: _since("btc", "2025-10-29"),
                 Lazy("that starts at the announcement (2025-10-29) and ends at Bitcoin's own last close; start on "
                      "{start}", start=Q4_START), rel=0.01),
            Slip.when(lambda answer, expected: expected < 0 < answer,
                      N_("Bitcoin fell over this period, so the return is negative")),
        ]),
        hint_text=Lazy("end = events.prices('eth').index[-1] is Ether's last date; btc = events.prices('btc'); then "
                       "btc.loc[:end].iloc[-1] / btc.loc['{start}':].iloc[0] - 1, times 100.", start=Q4_START),
        solution_code=("end = events.prices('eth').index[-1]\n"
                       "btc = events.prices('btc')\n"
                       f"answer = 100 * (btc.loc[:end].iloc[-1] / btc.loc['{Q4_START}':].iloc[0] - 1)"),
        explain=lambda: _("{common:+.1f}% to {end:%Y-%m-%d}, against {own:+.1f}% to Bitcoin's own last close: the "
                          "end date alone changes the answer a great deal. Compare assets over the same days, and say "
                          "which days.").format(common=_btc_to_eth_end()[0], end=_btc_to_eth_end()[1],
                                                own=_btc_since(Q4_START)),
    ),
    Exercise(
        prompt=Lazy("Cherry-picking by date, at the short end of the claim. Move all three of the article's pivot "
                    "dates together by −90, −85, …, +90 days (37 shifts), and look at **{months}-month** Bitcoin "
                    "returns. Predict first: more or fewer shifts with every pivot positive than at 12 months? Then "
                    "give the **share** of the 37 shifts for which all three returns are positive (a fraction from "
                    "0 to 1).", months=Q5_MONTHS),
        checker=number(lambda: _share(Q5_MONTHS), rel=0.0, abs_tol=0.005, slips=[
            Slip.scaled(100, N_("give a share between 0 and 1 (that number looks like a percent)"),
                        abs_tol=1.0, only_if=lambda answer, expected: 1 < answer <= 100),
            Slip.when(_is_the_count, Lazy("that is the number of shifts; divide by the {shifts} shifts for the share",
                                          shifts=len(_SHIFTS))),
            Slip.complement(N_("that is the share where at least one pivot was negative; take the other shifts")),
            Slip(lambda: _share(12), _TWELVE_MONTHS),
            Slip(lambda: _share_all_positive(12)[0], _TWELVE_MONTHS, abs_tol=0.0),
        ], otherwise=Lazy("check that you use {months} months and all three pivots", months=Q5_MONTHS)),
        hint_text=Lazy("events.shift_curve('btc', 'article', horizons=({months},), shifts=range(-90, 91, 5)) gives "
                       "one row per pivot and shift; group by 'shift_days', check whether every 'return_pct' is "
                       "above 0, and take the mean of the True/False values.", months=Q5_MONTHS),
        solution_code=(f"sc = events.shift_curve('btc', 'article', horizons=({Q5_MONTHS},), shifts=range(-90, 91, 5))\n"
                       "all_up = sc.groupby('shift_days')['return_pct'].apply(lambda r: (r > 0).all())\n"
                       "answer = all_up.mean()"),
        explain=lambda: _("{count} of {total} shifts at {months} months, against {count12} of {total12} at 12: "
                          "'every pivot was followed by gains within 6–18 months' holds at some horizons and dates "
                          "and fails at others. A claim that needs the right date and the right horizon is fragile."
                          ).format(count=_share_all_positive(Q5_MONTHS)[0], total=_share_all_positive(Q5_MONTHS)[1],
                                   count12=_share_all_positive(12)[0], total12=_share_all_positive(12)[1],
                                   months=Q5_MONTHS),
    ),
])


quiz = Quiz(
    N_("Check yourself"),
    [
        Choice(
            N_("Bitcoin rose in the 12 months after each of three pivots. What do you need before calling that "
               "evidence that pivots matter?"),
            [N_("Nothing: three out of three is convincing"),
             N_("The base rate: how often any 12-month window rose, and where the pivots rank among all windows"),
             N_("A longer article")],
            1,
            [N_("Bitcoin rose in most 12-month windows of its history, so 3 of 3 is not unusual by itself."),
             N_("Right: compare with what a random start date would have given (the base rate and the percentile)."),
             N_("The length of the argument does not change the evidence.")],
        ),
        Choice(
            N_("Suppose 70% of all 12-month windows of an asset went up. What is the chance that 3 random "
               "windows are all positive (treating them as independent)?"),
            [N_("About 70%"), N_("About 34% (0.7 × 0.7 × 0.7)"), N_("About 2%")],
            1,
            [N_("That is the chance for one window."),
             N_("Right: three independent draws, each 70% — so 'three of three' happens about one time in three by chance."),
             N_("That would be the chance if windows were rarely positive.")],
        ),
        Choice(
            N_("Why are the 'all windows' of the base rate not independent observations?"),
            [N_("They overlap: two windows starting a day apart share almost every day"),
             N_("They come from different assets"), N_("They are too short")],
            0,
            [N_("Right: overlapping windows move together, so the number of windows overstates the information."),
             N_("Each base rate uses one asset."),
             N_("Length is not the issue; overlap is.")],
        ),
        Choice(
            N_("You test all 12 calendar months for an unusual average return at the 5% level, and the truth is "
               "that no month is special. How many 'significant' months do you expect by chance?"),
            [N_("None"), N_("About 0.6 (12 × 0.05); about a 46% chance of at least one"),
             N_("About 5")],
            1,
            [N_("Each test has a 5% false-positive rate, so some are expected."),
             N_("Right: more tests, more false alarms — a 'seasonal' month needs a reason and new data, not just a p-value."),
             N_("5 would be a 5% rate applied to 100 tests.")],
        ),
        Choice(
            N_("Which choice protects best against cherry-picking the pivot dates?"),
            [N_("Try several dates and report the best"),
             N_("Fix the rule for what counts as a pivot (and which date) before looking at returns, then report "
                "every event it selects"),
             N_("Use only the most famous pivot")],
            1,
            [N_("That is cherry-picking: the best of many tries looks good by construction."),
             N_("Right: a rule written down first, applied to every event, and reported with how sensitive it is."),
             N_("One event cannot separate a rule from luck.")],
        ),
    ],
)
