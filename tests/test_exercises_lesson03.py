"""Lesson 03 exercises: typical mistakes get a useful message; the lesson's own numbers are refused.

(Solutions, blanks, odd answers and the quiz are tested for every lesson in test_exercises.py.)
"""
from __future__ import annotations

import json

import pytest

import helpers
from helpers import liquidity, stats
from helpers.exercises import lesson03 as ex
from support import REPO


@pytest.fixture(scope="module")
def namespace():
    """The variables the lesson defines before its exercises."""
    fed, markets = helpers.load("fed_balance_sheet"), helpers.load("markets")
    weekly = liquidity.weekly_frame(fed, markets)
    return {
        "sim": stats.spurious_correlation_experiment(ex.SIM_PAIRS, ex.SIM_STEPS, seed=ex.SIM_SEED),
        "wk": weekly,
        "chg": liquidity.weekly_changes(weekly),
        "rets": liquidity.daily_returns(markets),
    }


def test_typical_mistakes_get_specific_messages(namespace):
    long = stats.spurious_correlation_experiment(ex.SIM_PAIRS, ex.LONG_STEPS, seed=ex.SIM_SEED)
    share = float((long["levels"].abs() > 0.5).mean())
    assert ex.q1.expected() == pytest.approx(share)
    assert "fraction" in ex.q1.check(share * 100).message
    short = float((namespace["sim"]["levels"].abs() > 0.5).mean())
    assert f"n_steps={ex.LONG_STEPS}" in ex.q1.check(short).message
    assert "count the pairs" in ex.q1.check(0.9).message

    chg = namespace["chg"]
    assert "BTC" in ex.q2.check(stats.correlation(chg["net_liquidity"], chg["btc"])).message
    assert "Nasdaq" in ex.q2.check(stats.correlation(chg["net_liquidity"], chg["nasdaq"])).message
    levels = float(liquidity.level_vs_change(namespace["wk"], "net_liquidity", "sp500", by_year=False)
                   .loc["all", "levels"])
    assert "levels" in ex.q2.check(levels).message
    assert "three decimals" in ex.q2.check(round(stats.correlation(chg["net_liquidity"], chg["sp500"]), 2)).message

    def rise(window, asset="sp500"):
        t = liquidity.yearly_correlation_spread(namespace["rets"], window=window, asset=asset)
        return t.loc[2025, "median"] - t.loc[2024, "median"]

    assert "60-day" in ex.q3.check(rise(60)).message
    assert "sign" in ex.q3.check(-rise(ex.Q3_WINDOW)).message
    t120 = liquidity.yearly_correlation_spread(namespace["rets"], window=ex.Q3_WINDOW)
    assert "alone" in ex.q3.check(t120.loc[2025, "median"]).message
    assert "maxima" in ex.q3.check(t120.loc[2025, "max"] - t120.loc[2024, "max"]).message
    assert ex.q3.check(round(rise(ex.Q3_WINDOW), 3)).correct

    whole = liquidity.lead_lag_test(chg, max_lag=12, n_perm=999, block=4, seed=3)
    assert "whole sample" in ex.q4.check(whole.max_abs_p).message
    part = liquidity.lead_lag_test(chg.loc[ex.Q4_START:], max_lag=12, n_perm=999, block=4, seed=3)
    assert ex.q4.expected() == part.max_abs_p
    assert "fraction" in ex.q4.check(100 * part.max_abs_p).message
    best_p = float(part.table.loc[part.max_abs_lag, "p_value"])
    assert "per-lag" in ex.q4.check(best_p).message
    assert "three decimals" in ex.q4.check(round(part.max_abs_p, 1)).message

    whole = stats.correlation(chg["btc"], chg["real10y"])
    assert "whole sample" in ex.q5.check(whole).message
    part = chg.loc["2022":"2025"]
    assert "sign" in ex.q5.check(-stats.correlation(part["btc"], part["real10y"])).message


def test_the_exercises_need_a_step_not_the_lessons_own_numbers(namespace):
    """Each answer differs from the number the lesson itself prints for the unchanged setting."""
    sim, chg = namespace["sim"], namespace["chg"]
    assert not ex.q1.check(float((sim["levels"].abs() > 0.5).mean())).correct
    assert not ex.q2.check(stats.correlation(chg["net_liquidity"], chg["btc"])).correct
    assert not ex.q4.check(liquidity.lead_lag_test(chg, max_lag=12, n_perm=999, block=4, seed=3).max_abs_p).correct


def test_simulations_are_the_lessons_and_hand_out_copies():
    sim = ex.simulation()
    sim.iloc[:, :] = 0.0  # a caller that edits its copy cannot edit the cache
    assert (ex.simulation()["levels"].abs() > 0).any()
    assert len(ex.long_simulation()) == ex.SIM_PAIRS


def test_notebook_uses_the_checkers_simulation():
    path = REPO / "lessons" / "03_liquidity_transmission.ipynb"
    source = "\n".join("".join(c["source"]) for c in json.loads(path.read_text(encoding="utf-8"))["cells"])
    assert f"n_pairs={ex.SIM_PAIRS}, n_steps={ex.SIM_STEPS}, seed={ex.SIM_SEED}" in source
