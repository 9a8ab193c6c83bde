"""Tests for lesson 03's exercises: every solution passes, typical mistakes get a useful message."""
from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import assert_blank_and_garbage_rejected, solve
from helpers import liquidity, stats
from helpers.exercises import Exercise, Quiz
from helpers.exercises import lesson03 as ex

EXERCISES = [ex.q1, ex.q2, ex.q3, ex.q4, ex.q5]


@pytest.fixture(scope="module")
def namespace():
    """The variables the lesson defines before its exercises."""
    weekly = liquidity.weekly_frame()
    return {
        "stats": stats,
        "liquidity": liquidity,
        "sim": stats.spurious_correlation_experiment(ex.SIM_PAIRS, ex.SIM_STEPS, seed=ex.SIM_SEED),
        "wk": weekly,
        "chg": liquidity.weekly_changes(weekly),
        "rets": liquidity.daily_returns(),
    }


def test_module_has_exercises_and_a_quiz():
    assert all(isinstance(q, Exercise) for q in EXERCISES)
    assert isinstance(ex.quiz, Quiz)
    assert 3 <= len(ex.quiz.questions) <= 5


@pytest.mark.parametrize("number", range(1, 6))
def test_solution_is_accepted(namespace, number):
    solve(EXERCISES[number - 1], **namespace)


@pytest.mark.parametrize("q", EXERCISES)
def test_unanswered_prints_the_blank_line_and_odd_answers_are_refused_politely(q):
    assert_blank_and_garbage_rejected(q, extra_bad=("0.5", [0.1]))
    assert q.hint().kind == "hint"
    assert q.solution().code


def test_typical_mistakes_get_specific_messages(namespace):
    long = stats.spurious_correlation_experiment(ex.SIM_PAIRS, ex.LONG_STEPS, seed=ex.SIM_SEED)
    share = float((long["levels"].abs() > 0.5).mean())
    assert "fraction" in ex.q1.check(share * 100).message
    short = float((namespace["sim"]["levels"].abs() > 0.5).mean())
    assert f"n_steps={ex.LONG_STEPS}" in ex.q1.check(short).message

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
    assert ex.q3.check(round(rise(ex.Q3_WINDOW), 3)).correct

    whole = liquidity.lead_lag_test(chg, max_lag=12, n_perm=999, block=4, seed=3)
    assert "whole sample" in ex.q4.check(whole.max_abs_p).message
    part = liquidity.lead_lag_test(chg.loc[ex.Q4_START:], max_lag=12, n_perm=999, block=4, seed=3)
    assert "fraction" in ex.q4.check(100 * part.max_abs_p).message
    best_p = float(part.table.loc[part.max_abs_lag, "p_value"])
    assert "per-lag" in ex.q4.check(best_p).message
    assert "three decimals" in ex.q4.check(round(part.max_abs_p, 1)).message

    whole = stats.correlation(chg["btc"], chg["real10y"])
    assert "whole sample" in ex.q5.check(whole).message


def test_the_exercises_need_a_step_not_the_lessons_own_numbers(namespace):
    """Each answer differs from the number the lesson itself prints for the unchanged setting."""
    sim, chg = namespace["sim"], namespace["chg"]
    assert not ex.q1.check(float((sim["levels"].abs() > 0.5).mean())).correct
    assert not ex.q2.check(stats.correlation(chg["net_liquidity"], chg["btc"])).correct
    assert not ex.q4.check(liquidity.lead_lag_test(chg, max_lag=12, n_perm=999, block=4, seed=3).max_abs_p).correct


@settings(max_examples=50, deadline=None)
@given(st.floats(allow_nan=True, allow_infinity=True))
def test_any_number_gets_feedback_not_an_error(value):
    for q in (ex.q1, ex.q2, ex.q3, ex.q4, ex.q5):
        fb = q.check(value)
        assert fb.kind in ("correct", "incorrect")


def test_quiz_answers():
    for n, q in enumerate(ex.quiz.questions, start=1):
        right = "abcdefgh"[q.correct]
        assert ex.quiz.answer(n, right).correct
        wrong = "a" if right != "a" else "b"
        assert not ex.quiz.answer(n, wrong).correct
    assert "Check yourself" in ex.quiz.text()


def test_notebook_uses_the_checkers_simulation():
    import json
    from pathlib import Path

    path = Path(__file__).resolve().parent.parent / "lessons" / "03_liquidity_transmission.ipynb"
    source = "\n".join("".join(c["source"]) for c in json.loads(path.read_text(encoding="utf-8"))["cells"])
    assert f"n_pairs={ex.SIM_PAIRS}, n_steps={ex.SIM_STEPS}, seed={ex.SIM_SEED}" in source
