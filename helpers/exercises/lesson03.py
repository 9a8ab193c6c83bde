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



@lru_cache(maxsize=1)
def _changes() -> pd.DataFrame:
    """The lesson's weekly changes (cached: read it, never modify it)."""
    from helpers import liquidity

    return liquidity.weekly_changes(liquidity.weekly_frame())


@lru_cache(maxsize=4)
def _yearly(window: int, asset: str = "sp500") -> pd.DataFrame:
    """The lesson's yearly spread table for one window and index (cached: read it, never modify it)."""
    from helpers import liquidity

    return liquidity.yearly_correlation_spread(liquidity.daily_returns(), window=window, asset=asset)


def simulation() -> pd.DataFrame:
    """The lesson's simulation: correlations of independent random-walk pairs (levels, changes)."""
    return _simulation().copy()


@lru_cache(maxsize=1)
def _simulation() -> pd.DataFrame:
    from helpers import stats

    return stats.spurious_correlation_experiment(SIM_PAIRS, SIM_STEPS, seed=SIM_SEED)


# q1 -------------------------------------------------------------------------------------------
LONG_STEPS = 4 * SIM_STEPS  # q1 reruns the experiment with walks four times as long


def long_simulation() -> pd.DataFrame:
    """q1's rerun: the lesson's experiment with walks of LONG_STEPS steps (same pairs and seed)."""
    return _long_simulation().copy()


@lru_cache(maxsize=1)
def _long_simulation() -> pd.DataFrame:
    from helpers import stats

    return stats.spurious_correlation_experiment(SIM_PAIRS, LONG_STEPS, seed=SIM_SEED)


def _share_above_half(sim: pd.DataFrame, column: str = "levels") -> float:
    return float((sim[column].abs() > 0.5).mean())


def _check_q1(answer):
    expected = _share_above_half(_long_simulation())
    if is_number(answer) and 1 < answer <= 100 and math.isclose(answer / 100, expected, abs_tol=0.01):
        return False, "that looks like a percentage: give a fraction between 0 and 1 (e.g. 0.25 for 25 %)"
    if is_number(answer):
        short = _share_above_half(_simulation())
        if math.isclose(answer, short, abs_tol=0.002) and not math.isclose(short, expected, abs_tol=0.005):
            return False, (f"that is the share for the lesson's {SIM_STEPS}-step walks; rerun the experiment "
                           f"with n_steps={LONG_STEPS}")
        if math.isclose(answer, _share_above_half(_long_simulation(), "changes"), abs_tol=0.002) \
                and expected > 0.01:
            return False, "that is the share for the changes (steps); the question asks about levels"
    ok, msg = close_to(expected, abs_tol=0.005)(answer)
    return ok, msg or "count the pairs with |levels| > 0.5 in the longer run and divide by the number of pairs"


q1 = Exercise(
    "Exercise 1",
    f"Predict, then check. Rerun the random-walk experiment with walks four times as long "
    f"(n_steps={LONG_STEPS}; n_pairs={SIM_PAIRS}, seed={SIM_SEED} as before). More data usually makes a "
    "chance result fade: does the share of unrelated pairs whose levels correlate above 0.5 in absolute "
    "value shrink towards zero? Give the share as a fraction between 0 and 1.",
    _check_q1,
    f"long = stats.spurious_correlation_experiment(n_pairs={SIM_PAIRS}, n_steps={LONG_STEPS}, seed={SIM_SEED}); "
    "then (long['levels'].abs() > 0.5).mean() is the share.",
    f"long = stats.spurious_correlation_experiment(n_pairs={SIM_PAIRS}, n_steps={LONG_STEPS}, seed={SIM_SEED})\n"
    "answer = (long['levels'].abs() > 0.5).mean()",
    lambda: (f"{_share_above_half(_long_simulation()):.1%} with {LONG_STEPS} steps against "
             f"{_share_above_half(_simulation()):.1%} with {SIM_STEPS}: the share does not fade. A longer "
             "history does not protect a correlation of levels; the changes stay near zero at any length."),
)


# q2 -------------------------------------------------------------------------------------------
@lru_cache(maxsize=4)
def _changes_corr(asset: str) -> float:
    from helpers import stats

    chg = _changes()
    return stats.correlation(chg["net_liquidity"], chg[asset])


@lru_cache(maxsize=2)
def _levels_corr(asset: str) -> float:
    from helpers import liquidity

    table = liquidity.level_vs_change(liquidity.weekly_frame(), "net_liquidity", asset, by_year=False)
    return float(table.loc["all", "levels"])


def _check_q2(answer):
    expected = _changes_corr("sp500")
    ok, msg = close_to(expected, rel=0.0, abs_tol=0.0015)(answer)
    if ok or not is_number(answer):
        return ok, msg
    if is_number(answer):
        wrong = {
            "btc": "that is BTC's correlation; the question asks about the S&P 500 (chg['sp500'])",
            "nasdaq": "that is the Nasdaq's; the question asks about the S&P 500 (chg['sp500'])",
        }
        for asset, message in wrong.items():
            if math.isclose(answer, _changes_corr(asset), abs_tol=0.0015):
                return False, message
        if math.isclose(answer, _levels_corr("sp500"), abs_tol=0.01):
            return False, "that is the correlation of the levels; the question asks about weekly changes"
        if math.isclose(answer, -expected, abs_tol=0.0015) and abs(expected) > 0.003:
            return False, "check the sign"
        if math.isclose(answer, expected, abs_tol=0.006):
            return False, "close, but rounded too far: give at least three decimals"
    return ok, msg


q2 = Exercise(
    "Exercise 2",
    "Change the asset. Using `chg` (weekly changes), what is the correlation between the weekly log change "
    "of net liquidity and the **S&P 500's** weekly log return (`chg['sp500']`) over the whole sample? "
    "Predict first: is the weekly link to stocks stronger than the one to BTC? Give three decimals.",
    _check_q2,
    "The lesson correlated chg['net_liquidity'] with chg['btc']; swap in the 'sp500' column. "
    "stats.correlation(x, y) skips weeks where either value is missing.",
    "answer = stats.correlation(chg['net_liquidity'], chg['sp500'])",
    lambda: (f"{_changes_corr('sp500'):+.3f} for the S&P 500 against {_changes_corr('btc'):+.3f} for BTC: "
             "week to week, net liquidity barely moves with stocks either. The levels chart's resemblance "
             "comes from shared trends."),
)


# q3 -------------------------------------------------------------------------------------------
Q3_WINDOW = 120


def _median_rise(window: int, asset: str = "sp500") -> float:
    table = _yearly(window, asset)
    return float(table.loc[2025, "median"] - table.loc[2024, "median"])


def _check_q3(answer):
    expected = _median_rise(Q3_WINDOW)
    if is_number(answer):
        table = _yearly(Q3_WINDOW)
        if math.isclose(answer, _median_rise(60), abs_tol=0.003):
            return False, (f"that is the rise with the lesson's 60-day window; the question asks for "
                           f"window={Q3_WINDOW}")
        if math.isclose(answer, -expected, abs_tol=0.003):
            return False, "check the sign: take 2025's median minus 2024's"
        if math.isclose(answer, float(table.loc[2025, "median"]), abs_tol=0.003):
            return False, "that is 2025's median alone; subtract 2024's median"
        if math.isclose(answer, _median_rise(Q3_WINDOW, "nasdaq"), abs_tol=0.003):
            return False, "that is the Nasdaq's; the question asks about the S&P 500"
        if math.isclose(answer, float(table.loc[2025, "max"] - table.loc[2024, "max"]), abs_tol=0.003):
            return False, "that compares the maxima; the question asks about the medians"
    return close_to(expected, rel=0.0, abs_tol=0.003)(answer)


q3 = Exercise(
    "Exercise 3",
    f"Change the window. Make the lesson's yearly table again with a {Q3_WINDOW}-day window "
    f"(`liquidity.yearly_correlation_spread(rets, window={Q3_WINDOW})`). By how much was the median "
    "BTC–S&P 500 correlation of 2025 higher than that of 2024 (2025's median minus 2024's)? "
    "Does the 60-day story survive a longer window?",
    _check_q3,
    f"table = liquidity.yearly_correlation_spread(rets, window={Q3_WINDOW}) has one row per year; "
    "table.loc[2025, 'median'] - table.loc[2024, 'median'] is the rise.",
    f"table = liquidity.yearly_correlation_spread(rets, window={Q3_WINDOW})\n"
    "answer = table.loc[2025, 'median'] - table.loc[2024, 'median']",
    lambda: (f"{_median_rise(Q3_WINDOW):+.2f} with {Q3_WINDOW} days against {_median_rise(60):+.2f} with 60: "
             "on a typical day of 2025, BTC moved with stocks more closely than in 2024 with either window. "
             f"Yet the 60-day maxima were {_yearly(60).loc[2024, 'max']:.2f} in 2024 and "
             f"{_yearly(60).loc[2025, 'max']:.2f} in 2025: by its maximum 2025 hardly stood out, by its "
             "median it did."),
)


# q4 -------------------------------------------------------------------------------------------
Q4_START = "2021"


@lru_cache(maxsize=1)
def _lead_lag_since_2021():
    from helpers import liquidity

    return liquidity.lead_lag_test(_changes().loc[Q4_START:], x="net_liquidity", y="btc", max_lag=12,
                                   n_perm=999, block=4, seed=3)


@lru_cache(maxsize=1)
def _lead_lag_whole():
    from helpers import liquidity

    return liquidity.lead_lag_test(_changes(), x="net_liquidity", y="btc", max_lag=12, n_perm=999, block=4,
                                   seed=3)


def _check_q4(answer):
    test = _lead_lag_since_2021()
    expected = test.max_abs_p
    if is_number(answer):
        if 1 < answer <= 100 and math.isclose(answer / 100, expected, abs_tol=0.02):
            return False, "give the p-value as a fraction between 0 and 1, not a percentage"
        whole = _lead_lag_whole()
        if math.isclose(answer, whole.max_abs_p, abs_tol=0.002) and not math.isclose(whole.max_abs_p, expected,
                                                                                      abs_tol=0.02):
            return False, f"that is the whole sample; keep only the weeks from {Q4_START} on (chg.loc['{Q4_START}':])"
        best = test.table.loc[test.max_abs_lag, "p_value"]
        if math.isclose(answer, float(best), abs_tol=0.002) and not math.isclose(float(best), expected,
                                                                                  abs_tol=0.02):
            return False, ("that is the per-lag p-value of the best lag; the question asks for the family-wise "
                           "p-value (lead_lag.max_abs_p), which allows for trying 25 lags")
    ok, msg = close_to(expected, rel=0.0, abs_tol=0.005)(answer)
    if not ok and is_number(answer) and math.isclose(answer, expected, abs_tol=0.03):
        return False, ("close: give the p-value to three decimals, and use the lesson's settings (n_perm=999, "
                       "block=4, seed=3) so the shuffles are the same")
    return ok, msg or "run the test on the 2021-onward weeks with the lesson's settings (seed=3) and read max_abs_p"


q4 = Exercise(
    "Exercise 4",
    f"Change the period. The lag-3 bar was a little stronger from {Q4_START} on. Predict: in those weeks "
    "alone, does it survive the test that allows for trying 25 lags? Run the lesson's lead–lag test on "
    f"`chg.loc['{Q4_START}':]` with the same settings (max_lag=12, n_perm=999, block=4, seed=3) and give "
    "its family-wise p-value.",
    _check_q4,
    f"liquidity.lead_lag_test(chg.loc['{Q4_START}':], x='net_liquidity', y='btc', max_lag=12, n_perm=999, "
    "block=4, seed=3) returns a test object; its .max_abs_p is the family-wise p-value.",
    f"part = chg.loc['{Q4_START}':]\n"
    "test = liquidity.lead_lag_test(part, x='net_liquidity', y='btc', max_lag=12, n_perm=999, block=4, seed=3)\n"
    "answer = test.max_abs_p",
    lambda: (f"family-wise p = {_lead_lag_since_2021().max_abs_p:.2f} (best lag "
             f"{_lead_lag_since_2021().max_abs_lag}): with half the weeks, a bar of that size is what shuffled "
             "data give most of the time. A lead that does not survive in the half where it looked strongest "
             "is no basis for a forecast."),
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
        to_end = _real_yield_corr("2022-01-01", None)
        if math.isclose(answer, to_end, abs_tol=0.002) and not math.isclose(to_end, _real_yield_corr(), abs_tol=0.005):
            return False, "that runs to the end of the data; stop at the end of 2025 (chg.loc['2022':'2025'])"
    return close_to(_real_yield_corr(), abs_tol=0.005)(answer)


q5 = Exercise(
    "Exercise 5",
    "Change the period. Over the weeks from 2022 to 2025 only (the calendar years of QT2's runoff, June 2022 "
    "to December 2025), what "
    "was the correlation between BTC's weekly log return and the weekly change in the 10-year real yield "
    "(`chg['real10y']`, percentage points)? Predict first whether it is stronger or weaker than the "
    "whole-sample value in the factor table.",
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
