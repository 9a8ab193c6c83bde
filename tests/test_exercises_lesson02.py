"""Lesson 02 exercises: blanks, the published solutions, typical wrong answers, and the quiz."""
from __future__ import annotations

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


def test_q3_is_the_fall_during_2023_not_the_printed_qt2_or_peak_figures():
    on_rrp = helpers.load("fed_balance_sheet")["on_rrp"]
    exp = ex.expected("q3")
    assert exp == pytest.approx(on_rrp.loc["2022-12-28"] - on_rrp.loc["2023-12-27"])
    assert exp > 500  # the ON RRP drained by hundreds of billions that year
    assert "sign" in ex.q3.check(-exp).message
    assert "$ billions" in ex.q3.check(exp / 1000).message
    assert "all of QT2" in ex.q3.check(on_rrp.loc["2022-06-01"] - on_rrp.loc["2025-12-03"]).message
    assert "peak" in ex.q3.check(on_rrp.max() - on_rrp.loc["2023-12-27"]).message
    assert "level" in ex.q3.check(float(on_rrp.loc["2023-12-27"])).message
    assert not ex.q3.check(round(float(on_rrp.max()))).correct  # the peak printed in the lesson


def test_q4_purchase_size_matching_a_rolled_repo():
    assert ex.expected("q4") == pytest.approx(38 * 10 / 30)
    assert "divide by 30" in ex.q4.check(380).message
    assert "every day" in ex.q4.check(38).message
    assert "upside down" in ex.q4.check(38 * 30 / 10).message
    assert not ex.q4.check(1140).correct and not ex.q4.check(16).correct


def test_q5_is_the_fall_in_sse_not_the_knee():
    pairs = repo.spread_vs_reserves(helpers.load("policy_rates"), helpers.load("fed_balance_sheet"))
    new = repo.fit_knee(pairs["reserves_plus_on_rrp"], pairs["spread_bp"])
    old = repo.fit_knee(pairs["reserves"], pairs["spread_bp"])
    exp = ex.expected("q5")
    assert exp == pytest.approx(1 - new.sse / old.sse)
    assert 0 < exp < 1
    assert "percentage" in ex.q5.check(exp * 100).message
    assert "left" in ex.q5.check(new.sse / old.sse).message
    assert "upside down" in ex.q5.check(old.sse / new.sse).message
    assert "knee" in ex.q5.check(new.knee).message
    assert not ex.q5.check(round(old.knee)).correct  # the knee printed in the lesson
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
