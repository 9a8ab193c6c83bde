"""Lesson 03 exercises: levels vs changes, rolling correlation, lead–lag, real yields.

Every checker computes its expected answer from the data snapshot (or the seeded simulation)
when it runs, so nothing here is a hard-coded result.
"""
from __future__ import annotations

import math
from functools import lru_cache

import pandas as pd

from helpers.exercises import Choice, Exercise, Quiz, close_to, is_number

# The lesson's random-walk experiment (shared with the notebook so both give the same numbers).
SIM_PAIRS = 1000
SIM_STEPS = 600
SIM_SEED = 7
N_LAGS = 25  # lags -12..+12



def _changes() -> pd.DataFrame:
    from helpers import liquidity

    return liquidity.weekly_changes(liquidity.weekly_frame())


def simulation() -> pd.DataFrame:
    """The lesson's simulation: correlations of independent random-walk pairs (levels, changes)."""
    return _simulation().copy()


@lru_cache(maxsize=1)
def _simulation() -> pd.DataFrame:
    from helpers import stats

    return stats.spurious_correlation_experiment(SIM_PAIRS, SIM_STEPS, seed=SIM_SEED)


# q1 -------------------------------------------------------------------------------------------
def _share_levels_above_half() -> float:
    return float((simulation()["levels"].abs() > 0.5).mean())


def _check_q1(answer):
    expected = _share_levels_above_half()
    if is_number(answer) and 1 < answer <= 100 and math.isclose(answer / 100, expected, abs_tol=0.01):
        return False, "that looks like a percentage: give a fraction between 0 and 1 (e.g. 0.25 for 25 %)"
    if is_number(answer) and math.isclose(answer, float((simulation()["changes"].abs() > 0.5).mean()),
                                           abs_tol=0.001) and expected > 0.01:
        return False, "that is the share for the changes (steps); the question asks about levels"
    ok, msg = close_to(expected, abs_tol=0.005)(answer)
    return ok, msg or "count the pairs with |levels| > 0.5 and divide by the number of pairs"


q1 = Exercise(
    "Exercise 1",
    "In the random-walk experiment (`sim`), what share of the pairs have a correlation of levels "
    "above 0.5 in absolute value? Give a fraction between 0 and 1.",
    _check_q1,
    "sim['levels'].abs() > 0.5 is True for each such pair; the mean of True/False values is the share.",
    "answer = (sim['levels'].abs() > 0.5).mean()",
    "every one of these pairs is unrelated by construction, yet a large share look strongly correlated "
    "in levels; in changes almost none do.",
)


# q2 -------------------------------------------------------------------------------------------
def _changes_corr() -> float:
    from helpers import stats

    chg = _changes()
    return stats.correlation(chg["net_liquidity"], chg["btc"])


def _check_q2(answer):
    from helpers import liquidity

    if is_number(answer):
        levels = float(liquidity.level_vs_change(liquidity.weekly_frame(), by_year=False).loc["all", "levels"])
        if math.isclose(answer, levels, abs_tol=0.01):
            return False, "that is the correlation of the levels; the question asks about weekly changes"
    return close_to(_changes_corr(), abs_tol=0.005)(answer)


q2 = Exercise(
    "Exercise 2",
    "Using `chg` (weekly changes), what is the correlation between the weekly log change of net "
    "liquidity and BTC's weekly log return over the whole sample?",
    _check_q2,
    "chg['net_liquidity'] and chg['btc'] are the two columns; stats.correlation(x, y) or "
    "x.corr(y) gives Pearson's correlation.",
    "answer = stats.correlation(chg['net_liquidity'], chg['btc'])",
    "close to zero: week to week, net liquidity and BTC barely move together, whatever the levels chart suggests.",
)


# q3 -------------------------------------------------------------------------------------------
def _summary_2025() -> pd.DataFrame:
    from helpers import liquidity

    return liquidity.rolling_correlation_summary(liquidity.daily_returns(), window=60, year=2025)


def _check_q3(answer):
    summary = _summary_2025()
    if is_number(answer) and math.isclose(answer, float(summary.loc["S&P 500", "max"]), abs_tol=0.002):
        return False, "that is the S&P 500's maximum; the question asks about the Nasdaq"
    return close_to(float(summary.loc["Nasdaq", "max"]), abs_tol=0.005)(answer)


q3 = Exercise(
    "Exercise 3",
    "What was the highest 60-day rolling correlation between BTC and the **Nasdaq** on any trading day "
    "of 2025? (Use the daily returns `rets`.)",
    _check_q3,
    "stats.rolling_corr(rets['btc'], rets['nasdaq'], 60) gives the daily series; keep the 2025 rows "
    "with .loc['2025'] and take .max().",
    "rc = stats.rolling_corr(rets['btc'], rets['nasdaq'], 60)\nanswer = rc.loc['2025'].max()",
    "compare it with the S&P 500's maximum and with the 0.72 quoted in the article; then look at how far "
    "the same measure moved within the year.",
)


# q4 -------------------------------------------------------------------------------------------
def _check_q4(answer):
    expected = N_LAGS * 0.05
    if is_number(answer) and math.isclose(answer, 0.05, abs_tol=1e-9):
        return False, "0.05 is the chance for one lag; multiply by the number of lags tested"
    ok, msg = close_to(expected, abs_tol=0.01)(answer)
    return ok, msg or "think: each lag has a 5 % chance of a false alarm, and there are 25 lags"


q4 = Exercise(
    "Exercise 4",
    "Suppose net liquidity and BTC were completely unrelated. With 25 lags (−12…+12) each tested at "
    "the 5 % level, how many lags would you expect to fall outside their 95 % band by chance alone?",
    _check_q4,
    "Each lag on its own has a 5 % chance of a false alarm. The expected count is the number of lags "
    "times that chance.",
    "answer = 25 * 0.05",
    "about one and a quarter: a single bar poking out of its band is what noise looks like when you try "
    "25 lags. That is why the lesson also tests the largest |corr| over all lags at once.",
)


# q5 -------------------------------------------------------------------------------------------
def _real_yield_corr(start: str = "2022-01-01", end: str = "2025-12-31") -> float:
    from helpers import stats

    chg = _changes().loc[start:end]
    return stats.correlation(chg["btc"], chg["real10y"])


def _check_q5(answer):
    from helpers import stats

    if is_number(answer):
        chg = _changes()
        whole = stats.correlation(chg["btc"], chg["real10y"])
        if math.isclose(answer, whole, abs_tol=0.002):
            return False, "that is the whole sample; keep only the weeks from 2022 to 2025"
        if math.isclose(answer, -_real_yield_corr(), abs_tol=0.005):
            return False, "check the sign: a rise in real yields with a fall in BTC gives a negative correlation"
    return close_to(_real_yield_corr(), abs_tol=0.005)(answer)


q5 = Exercise(
    "Exercise 5",
    "Over the weeks from 2022 to 2025 only, what was the correlation between BTC's weekly log return "
    "and the weekly change in the 10-year real yield (`chg['real10y']`, percentage points)?",
    _check_q5,
    "Select the rows with chg.loc['2022':'2025'], then correlate the 'btc' and 'real10y' columns.",
    "part = chg.loc['2022':'2025']\nanswer = stats.correlation(part['btc'], part['real10y'])",
    "compare it with the whole-sample value and with the rolling chart: the link is stronger in some "
    "years than in others.",
)


quiz = Quiz(
    "Check yourself",
    [
        Choice(
            "Two price series have both trended upward for ten years, and the correlation of their levels "
            "is 0.9. What does that tell you?",
            ["One of them drives the other",
             "Little by itself: trending series often correlate in levels; look at their changes",
             "They will keep moving together"],
            1,
            ["A level correlation cannot show a cause; unrelated random walks reach 0.9 too.",
             "Right: the random-walk experiment shows how often unrelated trends look linked. Correlate "
             "returns or changes instead.",
             "Nothing in a past correlation of levels says it will continue."],
        ),
        Choice(
            "Why are BTC and S&P 500 returns taken only on days when both have a close?",
            ["So that each pair of returns covers the same span of time",
             "Because BTC does not trade at weekends",
             "To make the correlation higher"],
            0,
            ["Right: the S&P 500's Monday return runs from Friday's close, so BTC's must too (its "
             "weekend moves go into its Monday return).",
             "BTC trades every day; that is exactly why the spans must be lined up.",
             "Alignment is about measuring correctly, not about the result."],
        ),
        Choice(
            "On one day the 60-day correlation of BTC with the S&P 500 is 0.6. Which reading is right?",
            ["BTC moves 0.6 % for each 1 % move of the S&P 500",
             "Over the last 60 trading days their daily returns tended to move the same way; a 60-day "
             "estimate is noisy and changes over time",
             "BTC will follow the S&P 500 for the next 60 days"],
            1,
            ["That would be a regression slope (beta), not a correlation.",
             "Right: a correlation measures how consistently two returns move together, over that window only.",
             "A rolling correlation describes the past window; the chart shows how quickly it changes."],
        ),
        Choice(
            "In the lead–lag chart one of 25 bars pokes just above its 95 % band. What is the best reading?",
            ["Net liquidity predicts BTC at that lag",
             "With 25 lags about one such bar is expected by chance; read the test over all lags",
             "The band must be wrong"],
            1,
            ["One hit among 25 tries is what unrelated series produce about as often as not.",
             "Right: the family-wise test asks whether the best lag beats the best lag of shuffled data.",
             "The band is fine; it is the many tries that need accounting for."],
        ),
        Choice(
            "Net liquidity = Fed total assets − Treasury General Account − ON RRP. Which is true?",
            ["It counts the dollars that flowed into risk assets each week",
             "It is an accounting combination of Fed balance-sheet items, not a flow of money into assets",
             "It covers all of the Fed's liabilities"],
            1,
            ["Nothing in the measure tracks who bought what; it comes from the Fed's balance sheet.",
             "Right: a rise means the Fed's other liabilities (mostly bank reserves) grew; where the "
             "money goes next is not in the measure.",
             "It subtracts two liabilities (the TGA and ON RRP) from total assets; what is left is "
             "mostly bank reserves and currency in circulation, plus smaller items."],
        ),
    ],
)
