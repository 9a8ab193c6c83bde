"""Lesson 03 exercises: levels vs changes, rolling correlation, lead–lag, real yields.

Every checker computes its expected answer from the data snapshot (or the seeded simulation)
when it runs, so nothing here is a hard-coded result.
"""
from __future__ import annotations

import pandas as pd

from helpers import liquidity, stats
from helpers.data import memo
from helpers.exercises import Choice, Exercise, Quiz, Slip, bind, number
from helpers.exercises._inputs import table
from helpers.i18n import N_, Lazy
from helpers.i18n import gettext as _

SETUP = """\
import helpers
from helpers import liquidity, stats
fed = helpers.load("fed_balance_sheet")
markets = helpers.load("markets")
wk = liquidity.weekly_frame(fed, markets)
chg = liquidity.weekly_changes(wk)
rets = liquidity.daily_returns(markets)
"""

# The lesson's random-walk experiment (shared with the notebook so both give the same numbers).
SIM_PAIRS = 1000
SIM_STEPS = 600
SIM_SEED = 7
N_LAGS = 25  # lags -12..+12


@memo
def _weekly() -> pd.DataFrame:
    """The lesson's weekly frame (``wk``)."""
    return liquidity.weekly_frame(table("fed_balance_sheet"), table("markets"))


@memo
def _changes() -> pd.DataFrame:
    """The lesson's weekly changes (``chg``)."""
    return liquidity.weekly_changes(_weekly())


@memo
def _yearly(window: int, asset: str = "sp500") -> pd.DataFrame:
    """The lesson's yearly spread table for one window and index."""
    return liquidity.yearly_correlation_spread(liquidity.daily_returns(table("markets")), window=window, asset=asset)


@memo
def simulation() -> pd.DataFrame:
    """The lesson's simulation: correlations of independent random-walk pairs (levels, changes)."""
    return stats.spurious_correlation_experiment(SIM_PAIRS, SIM_STEPS, seed=SIM_SEED)


# q1 -------------------------------------------------------------------------------------------
LONG_STEPS = 4 * SIM_STEPS  # q1 reruns the experiment with walks four times as long


@memo
def long_simulation() -> pd.DataFrame:
    """q1's rerun: the lesson's experiment with walks of LONG_STEPS steps (same pairs and seed)."""
    return stats.spurious_correlation_experiment(SIM_PAIRS, LONG_STEPS, seed=SIM_SEED)


def _share_above_half(sim: pd.DataFrame, column: str = "levels") -> float:
    return float((sim[column].abs() > 0.5).mean())


def _q1_expected() -> float:
    return _share_above_half(long_simulation())


# q2 -------------------------------------------------------------------------------------------
@memo
def _changes_corr(asset: str) -> float:
    chg = _changes()
    return stats.correlation(chg["net_liquidity"], chg[asset])


@memo
def _levels_corr(asset: str) -> float:
    table_ = liquidity.level_vs_change(_weekly(), "net_liquidity", asset, by_year=False)
    return float(table_.loc["all", "levels"])


# q3 -------------------------------------------------------------------------------------------
Q3_WINDOW = 120


def _median_rise(window: int, asset: str = "sp500") -> float:
    t = _yearly(window, asset)
    return float(t.loc[2025, "median"] - t.loc[2024, "median"])


# q4 -------------------------------------------------------------------------------------------
Q4_START = "2021"


@memo
def _lead_lag(start: str | None = None):
    """The lesson's lead–lag test (n_perm=999, block=4, seed=3), on the weeks from ``start`` (all if None)."""
    chg = _changes() if start is None else _changes().loc[start:]
    return liquidity.lead_lag_test(chg, x="net_liquidity", y="btc", max_lag=12, n_perm=999, block=4, seed=3)


def _best_lag_p() -> float:
    test = _lead_lag(Q4_START)
    return float(test.table.loc[test.max_abs_lag, "p_value"])


# q5 -------------------------------------------------------------------------------------------
def _real_yield_corr(start: str | None = "2022-01-01", end: str | None = "2025-12-31") -> float:
    chg = _changes().loc[start:end]
    return stats.correlation(chg["btc"], chg["real10y"])


def _as_percent(answer: float, expected: float) -> bool:
    return 1 < answer <= 100


EXERCISES = bind(globals(), [
    Exercise(
        prompt=Lazy("Predict, then check. Rerun the random-walk experiment with walks four times as long "
                    "(n_steps={long_steps}; n_pairs={pairs}, seed={seed} as before). More data usually makes "
                    "a chance result fade: does the share of unrelated pairs whose levels correlate above 0.5 in "
                    "absolute value shrink towards zero? Give the share as a fraction between 0 and 1.",
                    long_steps=LONG_STEPS, pairs=SIM_PAIRS, seed=SIM_SEED),
        checker=number(_q1_expected, abs_tol=0.005, slips=[
            Slip.scaled(100, N_("that looks like a percentage: give a fraction between 0 and 1 (e.g. 0.25 for 25 %)"),
                        rel=0.0, abs_tol=1.0, only_if=_as_percent),
            Slip(lambda: _share_above_half(simulation()),
                 Lazy("that is the share for the lesson's {steps}-step walks; rerun the experiment "
                      "with n_steps={long_steps}", steps=SIM_STEPS, long_steps=LONG_STEPS), rel=0.0, abs_tol=0.002),
            Slip(lambda: _share_above_half(long_simulation(), "changes"),
                 N_("that is the share for the changes (steps); the question asks about levels"),
                 rel=0.0, abs_tol=0.002, only_if=lambda answer, expected: expected > 0.01),
        ], otherwise=N_("count the pairs with |levels| > 0.5 in the longer run and divide by the number of pairs")),
        hint_text=Lazy("long = stats.spurious_correlation_experiment(n_pairs={pairs}, n_steps={long_steps}, "
                       "seed={seed}); then (long['levels'].abs() > 0.5).mean() is the share.",
                       pairs=SIM_PAIRS, long_steps=LONG_STEPS, seed=SIM_SEED),
        solution_code=(f"long = stats.spurious_correlation_experiment(n_pairs={SIM_PAIRS}, n_steps={LONG_STEPS}, "
                       f"seed={SIM_SEED})\n"
                       "answer = (long['levels'].abs() > 0.5).mean()"),
        explain=lambda: _("{long_share:.1%} with {long_steps} steps against "
                          "{share:.1%} with {steps}: the share does not fade. A longer "
                          "history does not protect a correlation of levels; the changes stay near zero at any "
                          "length.").format(long_share=_share_above_half(long_simulation()), long_steps=LONG_STEPS,
                                            share=_share_above_half(simulation()), steps=SIM_STEPS),
    ),
    Exercise(
        prompt=N_("Change the asset. Using `chg` (weekly changes), what is the correlation between the weekly log "
                "change of net liquidity and the **S&P 500's** weekly log return (`chg['sp500']`) over the whole "
                "sample? Predict first: is the weekly link to stocks stronger than the one to BTC? Give three "
                "decimals."),
        checker=number(lambda: _changes_corr("sp500"), rel=0.0, abs_tol=0.0015, slips=[
            Slip(lambda: _changes_corr("btc"),
                 N_("that is BTC's correlation; the question asks about the S&P 500 (chg['sp500'])")),
            Slip(lambda: _changes_corr("nasdaq"),
                 N_("that is the Nasdaq's; the question asks about the S&P 500 (chg['sp500'])")),
            Slip(lambda: _levels_corr("sp500"),
                 N_("that is the correlation of the levels; the question asks about weekly changes"), abs_tol=0.01),
            Slip.sign(N_("check the sign"), only_if=lambda answer, expected: abs(expected) > 0.003),
            Slip.near(N_("close, but rounded too far: give at least three decimals"), abs_tol=0.006),
        ]),
        hint_text=N_("The lesson correlated chg['net_liquidity'] with chg['btc']; swap in the 'sp500' column. "
                   "stats.correlation(x, y) skips weeks where either value is missing."),
        solution_code="answer = stats.correlation(chg['net_liquidity'], chg['sp500'])",
        explain=lambda: _("{sp500:+.3f} for the S&P 500 against {btc:+.3f} for "
                          "BTC: week to week, net liquidity barely moves with stocks either. The levels chart's "
                          "resemblance comes from shared trends.").format(sp500=_changes_corr("sp500"),
                                                                          btc=_changes_corr("btc")),
    ),
    Exercise(
        prompt=Lazy("Change the window. Make the lesson's yearly table again with a {window}-day window "
                    "(`liquidity.yearly_correlation_spread(rets, window={window})`). By how much was the median "
                    "BTC–S&P 500 correlation of 2025 higher than that of 2024 (2025's median minus 2024's)? "
                    "Does the 60-day story survive a longer window?", window=Q3_WINDOW),
        checker=number(lambda: _median_rise(Q3_WINDOW), rel=0.0, abs_tol=0.003, slips=[
            Slip(lambda: _median_rise(60), Lazy("that is the rise with the lesson's 60-day window; the question asks "
                                                "for window={window}", window=Q3_WINDOW)),
            Slip.sign(N_("check the sign: take 2025's median minus 2024's")),
            Slip(lambda: _yearly(Q3_WINDOW).loc[2025, "median"],
                 N_("that is 2025's median alone; subtract 2024's median")),
            Slip(lambda: _median_rise(Q3_WINDOW, "nasdaq"),
                 N_("that is the Nasdaq's; the question asks about the S&P 500")),
            Slip(lambda: _yearly(Q3_WINDOW).loc[2025, "max"] - _yearly(Q3_WINDOW).loc[2024, "max"],
                 N_("that compares the maxima; the question asks about the medians")),
        ]),
        hint_text=Lazy("table = liquidity.yearly_correlation_spread(rets, window={window}) has one row per year; "
                       "table.loc[2025, 'median'] - table.loc[2024, 'median'] is the rise.", window=Q3_WINDOW),
        solution_code=(f"table = liquidity.yearly_correlation_spread(rets, window={Q3_WINDOW})\n"
                       "answer = table.loc[2025, 'median'] - table.loc[2024, 'median']"),
        explain=lambda: _("{rise:+.2f} with {window} days against {rise60:+.2f} "
                          "with 60: on a typical day of 2025, BTC moved with stocks more closely than in 2024 with "
                          "either window. Yet the 60-day maxima were {max2024:.2f} in 2024 and "
                          "{max2025:.2f} in 2025: by its maximum 2025 hardly stood out, by its "
                          "median it did.").format(rise=_median_rise(Q3_WINDOW), window=Q3_WINDOW,
                                                   rise60=_median_rise(60), max2024=_yearly(60).loc[2024, "max"],
                                                   max2025=_yearly(60).loc[2025, "max"]),
    ),
    Exercise(
        prompt=Lazy("Change the period. The lag-3 bar was a little stronger from {start} on. Predict: in those "
                    "weeks alone, does it survive the test that allows for trying 25 lags? Run the lesson's lead–lag "
                    "test on `chg.loc['{start}':]` with the same settings (max_lag=12, n_perm=999, block=4, seed=3) "
                    "and give its family-wise p-value.", start=Q4_START),
        checker=number(lambda: _lead_lag(Q4_START).max_abs_p, rel=0.0, abs_tol=0.005, slips=[
            Slip.scaled(100, N_("give the p-value as a fraction between 0 and 1, not a percentage"),
                        abs_tol=2.0, only_if=_as_percent),
            Slip(lambda: _lead_lag().max_abs_p,
                 Lazy("that is the whole sample; keep only the weeks from {start} on (chg.loc['{start}':])",
                      start=Q4_START),
                 abs_tol=0.002, apart=0.02),
            Slip(_best_lag_p, N_("that is the per-lag p-value of the best lag; the question asks for the family-wise "
                                 "p-value (lead_lag.max_abs_p), which allows for trying 25 lags"),
                 abs_tol=0.002, apart=0.02),
            Slip.near(N_("close: give the p-value to three decimals, and use the lesson's settings (n_perm=999, "
                         "block=4, seed=3) so the shuffles are the same"), abs_tol=0.03),
        ], otherwise=N_("run the test on the 2021-onward weeks with the lesson's settings (seed=3) and read "
                        "max_abs_p")),
        hint_text=Lazy("liquidity.lead_lag_test(chg.loc['{start}':], x='net_liquidity', y='btc', max_lag=12, "
                       "n_perm=999, block=4, seed=3) returns a test object; its .max_abs_p is the family-wise "
                       "p-value.", start=Q4_START),
        solution_code=(f"part = chg.loc['{Q4_START}':]\n"
                       "test = liquidity.lead_lag_test(part, x='net_liquidity', y='btc', max_lag=12, n_perm=999, "
                       "block=4, seed=3)\n"
                       "answer = test.max_abs_p"),
        explain=lambda: _("family-wise p = {p:.2f} (best lag "
                          "{lag}): with half the weeks, a bar of that size is what "
                          "shuffled data give most of the time. A lead that does not survive in the half where it "
                          "looked strongest is no basis for a forecast.").format(
            p=_lead_lag(Q4_START).max_abs_p, lag=_lead_lag(Q4_START).max_abs_lag),
    ),
    Exercise(
        prompt=N_("Change the period. Over the weeks from 2022 to 2025 only (the calendar years of QT2's runoff, "
                "June 2022 to December 2025), what was the correlation between BTC's weekly log return and the "
                "weekly change in the 10-year real yield (`chg['real10y']`, percentage points)? Predict first "
                "whether it is stronger or weaker than the whole-sample value in the factor table."),
        checker=number(_real_yield_corr, abs_tol=0.005, slips=[
            Slip(lambda: _real_yield_corr(None, None),
                 N_("that is the whole sample; keep only the weeks from 2022 to 2025"), rel=0.0, abs_tol=0.002),
            Slip.sign(N_("check the sign: a rise in real yields with a fall in BTC gives a negative correlation"),
                      rel=0.0),
            Slip(lambda: _real_yield_corr("2022-01-01", None),
                 N_("that runs to the end of the data; stop at the end of 2025 (chg.loc['2022':'2025'])"),
                 rel=0.0, abs_tol=0.002),
        ]),
        hint_text=N_("Select the rows with chg.loc['2022':'2025'], then correlate the 'btc' and 'real10y' columns."),
        solution_code="part = chg.loc['2022':'2025']\nanswer = stats.correlation(part['btc'], part['real10y'])",
        explain=N_("compare it with the whole-sample value and with the rolling chart: the link is stronger in some "
                 "years than in others."),
    ),
])


quiz = Quiz(
    N_("Check yourself"),
    [
        Choice(
            N_("Two price series have both trended upward for ten years, and the correlation of their levels "
               "is 0.9. What does that tell you?"),
            [N_("One of them drives the other"),
             N_("Little by itself: trending series often correlate in levels; look at their changes"),
             N_("They will keep moving together")],
            1,
            [N_("A level correlation cannot show a cause; unrelated random walks reach 0.9 too."),
             N_("Right: the random-walk experiment shows how often unrelated trends look linked. Correlate "
                "returns or changes instead."),
             N_("Nothing in a past correlation of levels says it will continue.")],
        ),
        Choice(
            N_("Why are BTC and S&P 500 returns taken only on days when both have a close?"),
            [N_("So that each pair of returns covers the same span of time"),
             N_("Because BTC does not trade at weekends"),
             N_("To make the correlation higher")],
            0,
            [N_("Right: the S&P 500's Monday return runs from Friday's close, so BTC's must too (its "
                "weekend moves go into its Monday return)."),
             N_("BTC trades every day; that is exactly why the spans must be lined up."),
             N_("Alignment is about measuring correctly, not about the result.")],
        ),
        Choice(
            N_("On one day the 60-day correlation of BTC with the S&P 500 is 0.6. Which reading is right?"),
            [N_("BTC moves 0.6 % for each 1 % move of the S&P 500"),
             N_("Over the last 60 trading days their daily returns tended to move the same way; a 60-day "
                "estimate is noisy and changes over time"),
             N_("BTC will follow the S&P 500 for the next 60 days")],
            1,
            [N_("That would be a regression slope (beta), not a correlation."),
             N_("Right: a correlation measures how consistently two returns move together, over that window only."),
             N_("A rolling correlation describes the past window; the chart shows how quickly it changes.")],
        ),
        Choice(
            N_("In the lead–lag chart one of 25 bars pokes just above its 95 % band. What is the best reading?"),
            [N_("Net liquidity predicts BTC at that lag"),
             N_("With 25 lags about one such bar is expected by chance; read the test over all lags"),
             N_("The band must be wrong")],
            1,
            [N_("One hit among 25 tries is what unrelated series produce about as often as not."),
             N_("Right: the family-wise test asks whether the best lag beats the best lag of shuffled data."),
             N_("The band is fine; it is the many tries that need accounting for.")],
        ),
        Choice(
            N_("Net liquidity = Fed total assets − Treasury General Account − ON RRP. Which is true?"),
            [N_("It counts the dollars that flowed into risk assets each week"),
             N_("It is an accounting combination of Fed balance-sheet items, not a flow of money into assets"),
             N_("It covers all of the Fed's liabilities")],
            1,
            [N_("Nothing in the measure tracks who bought what; it comes from the Fed's balance sheet."),
             N_("Right: a rise means the Fed's other liabilities (mostly bank reserves) grew; where the "
                "money goes next is not in the measure."),
             N_("It subtracts two liabilities (the TGA and ON RRP) from total assets; what is left is "
                "mostly bank reserves and currency in circulation, plus smaller items.")],
        ),
    ],
)
