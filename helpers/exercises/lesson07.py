"""Lesson 07 exercises: record a verdict on each claim, reveal the rule, five numbers, and a quiz.

Recording a verdict, then revealing the rule and the course's verdict::

    c4 = claims.claim_04()
    c4.record("false")           # or ex.record(4, "false"); any of the five verdicts
    c4.reveal()                  # the rule, each part's verdict, the course's verdict beside yours
    ex.summary()                 # your verdicts against the course's, with the reason

Every expected value is computed from the snapshot when the answer is checked.
"""
from __future__ import annotations

from typing import Any

import pandas as pd

from helpers import claims as _claims_module
from helpers import events
from helpers.balance_sheet import nearest_week
from helpers.data import memo
from helpers.exercises import ____, Choice, Exercise, Quiz, Slip, bind, calendar_day, number
from helpers.exercises._inputs import table
from helpers.i18n import N_
from helpers.i18n import gettext as _

__all__ = ["SETUP", "EXERCISES", "VERDICT_WORDS", "verdicts", "record", "reveal", "summary", "reset",
           "q1", "q2", "q3", "q4", "q5", "quiz"]

SETUP = """\
import pandas as pd
import helpers
from helpers import claims, events, stats
"""

VERDICT_WORDS = _claims_module.VERDICT_WORDS
"""What a learner may type for each verdict (case, spaces and punctuation are ignored)."""

verdicts: dict[Any, Any] = _claims_module.RECORDED
"""The verdicts you recorded, by claim number (``record`` fills it; ``verdicts["c3"] = "false"`` works too)."""


def _claims():
    return _claims_module


def record(claim: int, verdict: Any = ____) -> _claims_module.Note:
    """Record your verdict on one claim, before the reveal (see :func:`helpers.claims.record`).

    ``verdict`` is one of 'supported', 'misleading', 'not supported (by this data)', 'false' or
    'cannot be checked (with this data)'. A bad verdict gives feedback listing them; it never raises.
    """
    return _claims().record(claim, verdict)


def reveal(claim: int) -> _claims_module.Note:
    """The rule, each part's verdict and the course's verdict on one claim, once you have recorded yours."""
    return _claims().reveal(claim)


def summary() -> pd.DataFrame:
    """Your verdict on each claim against the course's, with each part's verdict and the one-line reason."""
    mine = _claims().recorded()
    rows = []
    for ev in _claims().all_evidence():
        yours = mine.get(ev.number, "not answered")
        agree = "—" if ev.number not in mine else ("yes" if yours == ev.verdict else "no")
        rows.append({"claim": ev.number, "the claim": ev.short, "your verdict": yours, "evidence": ev.verdict,
                     "agree": agree, "parts": "; ".join(f"({p.key}) {p.verdict}" for p in ev.parts) or "—",
                     "why": ev.reason})
    return pd.DataFrame(rows).set_index("claim")


def reset() -> None:
    """Forget every recorded verdict."""
    verdicts.clear()


def _bs() -> pd.DataFrame:
    return table("fed_balance_sheet")


# ---------------------------------------------------------------------------
# q1 (claim 4): the first cut of 2025
# ---------------------------------------------------------------------------
def _first_cut_2025() -> tuple[pd.Timestamp, pd.Timestamp]:
    turns = events.rate_turns()
    cuts = turns[(turns["change"] < 0) & (turns["announced"].dt.year == 2025)]
    return cuts["announced"].iloc[0], cuts["effective"].iloc[0]


# ---------------------------------------------------------------------------
# q2 (claim 2, part b): where the drain landed, measured from another start
# ---------------------------------------------------------------------------
def _reserves_fall(start) -> float:
    bs = _bs()
    return float(bs.loc[start, "reserves"] - bs.loc["2025-12-03", "reserves"])


def _reserves_fall_from_peak() -> float:
    return _reserves_fall(_bs().loc["2022", "total_assets"].idxmax())


# ---------------------------------------------------------------------------
# q3 (claim 3): the same test one year later
# ---------------------------------------------------------------------------
def _tsy_q1(year: int) -> float:
    bs = _bs()
    return float(bs.loc[nearest_week(bs, f"{year}-04-01"), "treasuries"]
                 - bs.loc[nearest_week(bs, f"{year}-01-01"), "treasuries"])


# ---------------------------------------------------------------------------
# q4 (claim 6, part a): another announcement
# ---------------------------------------------------------------------------
@memo
def _best_after(date: str, start: str = "close before") -> float:
    t = _claims().announcement_returns([date], [1, 7, 30])
    return float(t.loc[(date, start), "best within 30d"])


# ---------------------------------------------------------------------------
# q5 (claim 8, part b): the article's own pivot, another asset
# ---------------------------------------------------------------------------
def _after_pivot(asset: str, months: int) -> float:
    return 100 * events.forward_return(table("markets")[asset].dropna(), "2025-09-17", months)


def _sp500_12m() -> float:
    return _after_pivot("sp500", 12)


_FRACTION = N_("that looks like a fraction: give the return in percent (multiply by 100)")

EXERCISES = bind(globals(), [
    Exercise(
        prompt=N_("Claim 4: on what date was the FOMC's first cut of the target range in 2025 announced? Answer as "
                  "'YYYY-MM-DD'."),
        checker=calendar_day(lambda: _first_cut_2025()[0], slips=[
            Slip(lambda: _first_cut_2025()[1],
                 N_("that is the day the new range took effect; the FOMC announced it the day before")),
            Slip("2025-12-01",
                 N_("that is the article's date; on that day runoff ended but the target range did not change")),
        ], otherwise=N_("not the date of the first 2025 cut; look for the first decrease of target_upper in 2025")),
        hint_text=N_("events.rate_turns() lists every change of the target range with its announcement date; a cut "
                     "has 'change' < 0. Or find the first day of 2025 on which target_upper in "
                     "helpers.load('policy_rates') fell."),
        solution_code=("turns = events.rate_turns()\n"
                       "cuts = turns[(turns['change'] < 0) & (turns['announced'].dt.year == 2025)]\n"
                       "answer = cuts['announced'].iloc[0]"),
        explain=lambda: _("{day:%Y-%m-%d}, effective the next day — months before 1 December, so "
                          "the claim that cuts were delayed until then is false.").format(day=_first_cut_2025()[0]),
    ),
    Exercise(
        prompt=N_("Claim 2, part (b), from another start: by how much did bank reserves fall from the week in which "
                  "total assets peaked in 2022 to the week of 2025-12-03? In $ billions, as a positive number (start "
                  "minus end)."),
        checker=number(_reserves_fall_from_peak, abs_tol=1.0, slips=[
            Slip.sign(N_("check the sign: the question asks for the fall (start minus end), a positive number"),
                      rel=0.0),
            Slip.scaled(1 / 1000, N_("that looks like $ trillions: give the fall in $ billions"), rel=0.0,
                        abs_tol=0.002),
            Slip(lambda: _reserves_fall("2022-06-01"),
                 N_("that is measured from 2022-06-01 (the start of runoff); start at the 2022 peak week instead"),
                 rel=0.0),
        ]),
        hint_text=N_("bs = helpers.load('fed_balance_sheet'); bs.loc['2022', 'total_assets'].idxmax() is the peak "
                     "week; the 'reserves' column is in $ billions."),
        solution_code=("bs = helpers.load('fed_balance_sheet')\n"
                       "peak = bs.loc['2022', 'total_assets'].idxmax()\n"
                       "answer = bs.loc[peak, 'reserves'] - bs.loc['2025-12-03', 'reserves']"),
        explain=lambda: _("${fall:,.0f} billion: measured from the peak the reserves' fall is "
                          "larger than from June 2022, but still well short of 'about $2 trillion' — most of the "
                          "drain came out of the ON RRP facility, which is why part (b) is misleading.").format(
            fall=_reserves_fall_from_peak()),
    ),
    Exercise(
        prompt=N_("Claim 3 one year later: the change in the Fed's Treasury holdings over Q1 2026 (from the week "
                  "nearest 2026-01-01 to the week nearest 2026-04-01), in $ billions, end minus start."),
        checker=number(lambda: _tsy_q1(2026), abs_tol=1.0, slips=[
            Slip.sign(N_("check the sign: end minus start (a rise is positive)"), rel=0.0),
            Slip.scaled(1 / 1000, N_("that looks like $ trillions: give the change in $ billions"), rel=0.0,
                        abs_tol=0.002),
            Slip(lambda: _tsy_q1(2025), N_("that is Q1 2025, the article's quarter; the question asks for Q1 2026"),
                 rel=0.0),
        ]),
        hint_text=N_("The evidence function takes the year: "
                     "claims.claim_03(year=2026).facts['treasuries_change_q1_bn']. "
                     "Or use nearest_week from helpers.balance_sheet on helpers.load('fed_balance_sheet')."),
        solution_code="answer = claims.claim_03(year=2026).facts['treasuries_change_q1_bn']",
        explain=lambda: _("{change_2026:+,.0f} billion: in Q1 2026 holdings rose — the bill purchases decided in "
                          "December 2025. Purchases did happen in a first quarter, but of 2026, and in Q1 2025 "
                          "holdings fell ({change_2025:+,.0f} billion).").format(
            change_2026=_tsy_q1(2026), change_2025=_tsy_q1(2025)),
    ),
    Exercise(
        prompt=N_("Claim 6 with another announcement: the first cut of the cycle, 2025-09-17. The best BTC close "
                  "within 30 days, as a return in percent (one decimal) from the close before the announcement "
                  "day."),
        checker=number(lambda: _best_after("2025-09-17"), rel=0.0, abs_tol=0.06, slips=[
            Slip.scaled(1 / 100, _FRACTION, abs_tol=0.0015),
            Slip(lambda: _best_after("2025-09-17", "close of the day"),
                 N_("that starts from the close of the announcement day; the question asks for the close before")),
            Slip.when(lambda answer, expected: answer > 1000, N_("that looks like a price, not a return")),
        ]),
        hint_text=N_("claims.announcement_returns(['2025-09-17']) gives the table for one date; read the row "
                     "'close before', column 'best within 30d'."),
        solution_code=("t = claims.announcement_returns(['2025-09-17'])\n"
                       "answer = t.loc[('2025-09-17', 'close before'), 'best within 30d']"),
        explain=lambda: _("{best:+.1f}%: the biggest rise after any of the three "
                          "announcements, and still short of +11% in daily closes.").format(
            best=_best_after("2025-09-17")),
    ),
    Exercise(
        prompt=N_("Claim 8, part (b), another asset: the S&P 500's return in percent 12 months after the first of "
                  "the article's own 2025 pivots (2025-09-17). Is the 12-month horizon in the S&P 500 data? Then "
                  "compute it."),
        checker=number(_sp500_12m, abs_tol=0.15, slips=[
            Slip.scaled(1 / 100, _FRACTION, rel=0.0, abs_tol=0.0015),
            Slip(lambda: _after_pivot("btc", 12),
                 N_("that is bitcoin (printed in the claim 8 table); the question asks for the S&P 500"), rel=0.0),
            Slip(lambda: _after_pivot("sp500", 6), N_("that is 6 months; the question asks for 12"), rel=0.0),
        ]),
        hint_text=N_("events.forward_return(prices, start, months) gives a fraction (missing if the horizon is not "
                     "in the data); prices = helpers.load('markets')['sp500'].dropna(). Or "
                     "claims.own_pivot_returns(('sp500',))."),
        solution_code=("prices = helpers.load('markets')['sp500'].dropna()\n"
                       "answer = 100 * events.forward_return(prices, '2025-09-17', 12)"),
        explain=lambda: _("{change:+.1f}%: stocks rose after the 2025 pivot while bitcoin and ether fell — "
                          "'liquidity lifts risk assets' did not describe crypto this time, and one case cannot "
                          "tell a rule either way.").format(change=_sp500_12m()),
    ),
])


quiz = Quiz(N_("Check yourself"), [
    Choice(N_("An article forecast 'bitcoin to $90,000–100,000 after QT ends'. Suppose bitcoin closed above "
              "$90,000 the day after QT ended. What does that tell you about the forecast?"),
           [N_("It was right: the range was reached"),
            N_("Little: without a date or a probability one path cannot score a forecast, and a level a few "
               "percent away is often touched by chance"),
            N_("It was wrong, because bitcoin later fell")],
           1,
           [N_("Touching a nearby level says little: prices a few percent away are reached often by chance."),
            N_("Right. Forecasts are scored over many cases with stated horizons and probabilities (calibration)."),
            N_("One later fall does not score a forecast either; the article gave no horizon.")]),
    # The options name the five verdicts; the learner answers with a letter, so they are shown translated
    # (the verdict words a learner types into record() stay English: see helpers.claims.VERDICT_WORDS).
    Choice(N_("A stated figure ('about $8.7 trillion in early 2023') matches only a two-week spike caused by "
              "emergency lending. Which verdict fits best?"),
           [N_("supported"), N_("misleading"), N_("not supported by this data"), N_("false"),
            N_("cannot be checked with this data")],
           1,
           [N_("The number appears, but not as a description of 'early 2023'."),
            N_("Right: a real number used to describe something it does not describe."),
            N_("The data do back the number — for two weeks; what is wrong is the period it is attached to."),
            N_("Too strong: the figure did occur and the balance sheet did shrink."),
            N_("The data can check it: weekly total assets are in the snapshot.")]),
    Choice(N_("In Q1 2025, the only '$35 billion a month' in the Fed's balance-sheet decisions (course event "
              "table) was…"),
           [N_("the pace of new Treasury purchases"),
            N_("the cap on MBS runoff — securities leaving the balance sheet"),
            N_("Standing Repo Facility loans")],
           1,
           [N_("Treasury holdings fell in Q1 2025; purchases (of bills) began only in December 2025."),
            N_("Right: the March 2025 decision cut the Treasury cap to $5 billion and kept the MBS cap at "
               "$35 billion."),
            N_("The SRF lends overnight; its records in the table are from late 2025.")]),
    Choice(N_("One lag of a lead–lag test has a per-lag p below 0.05, but the family-wise p over all 25 lags is "
              "above 0.3. What follows?"),
           [N_("Liquidity causes bitcoin moves at that lag"),
            N_("The best of 25 lags is no better than the best lag of unrelated series — and even a reliable lag "
               "would not prove causation"),
            N_("Bitcoin causes the Fed's liquidity")],
           1,
           [N_("Trying 25 lags makes one small p-value likely by chance; and correlation is not causation."),
            N_("Right. Both checks matter: the multiple-comparison test, then the causal question."),
            N_("The data show no reliable lead either way.")]),
    Choice(N_("What would settle 'total crypto market value fell 15% in 2025'?"),
           [N_("Bitcoin and ether prices"), N_("A total crypto market-capitalisation series with a documented method"),
            N_("The Fed's balance sheet")],
           1,
           [N_("They are a partial check only: thousands of other coins are missing."),
            N_("Right: the claim is about the whole market, so it needs a series of the whole market's value."),
            N_("The Fed's balance sheet cannot measure crypto market value.")]),
])
