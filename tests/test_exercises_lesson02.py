"""Lesson 02 exercises: blanks, the published solutions, typical wrong answers, and the quiz."""
from __future__ import annotations

import math

import pytest

import helpers
from conftest import assert_blank_and_garbage_rejected, solve
from helpers import repo
from helpers.exercises import Exercise, Quiz, for_lesson
from helpers.exercises import lesson02 as ex

EXERCISES = ["q1", "q2", "q3", "q4", "q5"]


@pytest.fixture(scope="module")
def namespace():
    """The variables the lesson defines before its exercises."""
    return {
        "helpers": helpers,
        "repo": repo,
        "rates": helpers.load("policy_rates"),
        "fed": helpers.load("fed_balance_sheet"),
        "events": helpers.load("policy_events"),
    }


def test_module_shape():
    assert for_lesson("02") is ex
    for name in EXERCISES:
        assert isinstance(getattr(ex, name), Exercise)
    assert isinstance(ex.quiz, Quiz)
    assert 3 <= len(ex.quiz.questions) <= 5


@pytest.mark.parametrize("name", EXERCISES)
def test_solution_is_accepted(name, namespace):
    exercise = getattr(ex, name)
    solve(exercise, **namespace)
    assert exercise.hint().kind == "hint"
    assert exercise.solution().code == exercise.solution_code


@pytest.mark.parametrize("name", EXERCISES)
def test_blank_is_not_answered_and_wrong_types_and_values_are_not_accepted(name):
    assert_blank_and_garbage_rejected(getattr(ex, name), extra_bad=("12", [1], -1e9))


def test_q1_expected_and_typical_mistakes():
    rates = helpers.load("policy_rates")
    exp = 38_000 * rates.loc["2025-10-31", "sofr"] / 100 * 3 / 360
    assert ex.expected("q1") == pytest.approx(exp)
    assert "3" in ex.q1.check(exp / 3).message  # one day instead of three
    assert "360" in ex.q1.check(exp * 360 / 365).message
    assert "$ millions" in ex.q1.check(exp / 1000).message


def test_q2_counts_days_above_iorb():
    daily = repo.stress_spread(helpers.load("policy_rates"))
    exp = int((daily.loc["2025", "spread_bp"] > 0).sum())
    assert ex.expected("q2") == exp
    assert ex.q2.check(exp + 1).correct
    assert not ex.q2.check(exp + 5).correct
    assert "whole" in ex.q2.check(exp + 0.5).message


def test_q3_sign_and_units():
    exp = ex.expected("q3")
    assert exp > 1000  # ON RRP drained by trillions
    assert "sign" in ex.q3.check(-exp).message
    assert "$ billions" in ex.q3.check(exp / 1000).message


def test_q4_rounds_up():
    assert ex.expected("q4") == math.ceil(20 * 30 / 38)
    assert "round up" in ex.q4.check(20 * 30 / 38).message
    assert not ex.q4.check(ex.expected("q4") - 1).correct


def test_q5_distinguishes_the_plain_knee():
    pairs = repo.spread_vs_reserves(helpers.load("policy_rates"), helpers.load("fed_balance_sheet"))
    plain = repo.fit_knee(pairs["reserves"], pairs["spread_bp"]).knee
    exp = ex.expected("q5")
    if not math.isclose(plain, exp, rel_tol=0.03):
        assert "reserves alone" in ex.q5.check(plain).message
    assert "$ billions" in ex.q5.check(exp / 1000).message
    with pytest.raises(ValueError, match="label"):
        ex.expected("q9")


def test_quiz_answers_and_text():
    for n, q in enumerate(ex.quiz.questions, start=1):
        letters = "abcdefgh"[: len(q.options)]
        results = [ex.quiz.answer(n, letter).correct for letter in letters]
        assert results.count(True) == 1
        assert results.index(True) == q.correct
    text = ex.quiz.text()
    assert text.startswith("Check yourself")
    assert "(a)" in text
