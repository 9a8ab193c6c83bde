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
    sim = namespace["sim"]
    share = float((sim["levels"].abs() > 0.5).mean())
    assert "fraction" in ex.q1.check(share * 100).message
    levels = float(liquidity.level_vs_change(namespace["wk"], by_year=False).loc["all", "levels"])
    assert "levels" in ex.q2.check(levels).message
    summary = liquidity.rolling_correlation_summary(namespace["rets"], 60, 2025)
    assert "S&P 500" in ex.q3.check(float(summary.loc["S&P 500", "max"])).message
    assert "multiply" in ex.q4.check(0.05).message
    chg = namespace["chg"]
    whole = stats.correlation(chg["btc"], chg["real10y"])
    assert "whole sample" in ex.q5.check(whole).message


@settings(max_examples=50, deadline=None)
@given(st.floats(allow_nan=True, allow_infinity=True))
def test_any_number_gets_feedback_not_an_error(value):
    for q in (ex.q1, ex.q4):
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
