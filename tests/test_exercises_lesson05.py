"""Lesson 05 exercises: blank, right and wrong answers give the right kind of feedback."""
import pytest

from conftest import assert_blank_and_garbage_rejected, solution_answer, solve
from helpers import risk
from helpers.exercises import Exercise, Quiz
from helpers.exercises import lesson05 as ex


def _scope() -> dict:
    """The variables the lesson defines before its exercises."""
    return {"risk": risk, "btc": risk.asset_prices("btc"), "eth": risk.asset_prices("eth")}


def _solution_answer(q: Exercise) -> float:
    """Run the exercise's own solution code (as a learner would) and return its answer."""
    return float(solution_answer(q, **_scope()))


EXERCISES = [ex.q1, ex.q2, ex.q3, ex.q4, ex.q5]


def test_three_to_five_exercises_and_a_quiz():
    assert all(isinstance(q, Exercise) for q in EXERCISES)
    assert isinstance(ex.quiz, Quiz) and 3 <= len(ex.quiz.questions) <= 5


@pytest.mark.parametrize("q", EXERCISES, ids=lambda q: q.label)
def test_solution_is_accepted_with_an_explanation(q):
    fb = solve(q, **_scope())
    assert "<function" not in fb.message


@pytest.mark.parametrize("q", EXERCISES, ids=lambda q: q.label)
def test_blank_is_not_answered_and_wrong_answers_are_refused_helpfully(q):
    right = _solution_answer(q)
    assert_blank_and_garbage_rejected(q, extra_bad=(right * 1.5 + 0.1, "0.5"))
    assert q.hint().kind == "hint" and q.solution().code


def test_specific_messages():
    btc, eth = risk.asset_prices("btc"), risk.asset_prices("eth")
    assert "percent" in ex.q1.check(_solution_answer(ex.q1) * 100).message
    assert "sign" in ex.q1.check(-_solution_answer(ex.q1)).message
    assert "deepest" in ex.q1.check(risk.max_drawdown(btc)).message
    assert _solution_answer(ex.q1) == pytest.approx(float(risk.drawdown(btc).iloc[-1]))
    w90 = min(1.0, 0.2 / risk.rolling_volatility(btc, 90, 365).iloc[-1])
    if abs(w90 - _solution_answer(ex.q3)) > 0.005:
        assert "90-day" in ex.q3.check(w90).message
    assert "percent" in ex.q3.check(_solution_answer(ex.q3) * 100).message
    btc_share = float((risk.staged_vs_lump(btc, 4, 7, 365)["diff"] > 0).mean())
    if abs(btc_share - _solution_answer(ex.q4)) > 0.005:
        assert "bitcoin" in ex.q4.check(btc_share).message
    assert "lump sum did better" in ex.q4.check(1 - _solution_answer(ex.q4)).message
    eth_share = float((risk.staged_vs_lump(eth, 4, 7, 365)["diff"] > 0).mean())
    assert ex.q4.check(eth_share).correct
    assert "maintenance" in ex.q2.check(60_000 * (1 - 1 / 20)).message
    assert "below the entry" in ex.q2.check(61_000.0).message
    out = risk.ladder_outcomes(risk.asset_prices("btc"), **ex.Q5)
    with_ties = float((out["diff"] >= -1e-12).mean())
    assert "ties" in ex.q5.check(with_ties).message


def test_quiz_answers():
    for n, q in enumerate(ex.quiz.questions, start=1):
        assert ex.quiz.answer(n, "abcde"[q.correct]).correct
        wrong = "abcde"[(q.correct + 1) % len(q.options)]
        assert not ex.quiz.answer(n, wrong).correct
