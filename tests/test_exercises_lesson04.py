"""Lesson 04 exercises: the solutions are right against the snapshot, and common slips are caught."""
import pytest

from conftest import assert_blank_and_garbage_rejected, solve
from helpers import events
from helpers.exercises import lesson04 as ex

EXERCISES = [ex.q1, ex.q2, ex.q3, ex.q4, ex.q5]


@pytest.mark.parametrize("q", EXERCISES, ids=lambda q: q.label)
def test_solution_is_correct(q):
    solve(q, events=events)


@pytest.mark.parametrize("q", EXERCISES, ids=lambda q: q.label)
def test_blank_and_garbage_answers(q):
    assert_blank_and_garbage_rejected(q)


def test_q1_common_slips():
    n_rates, n_kind = ex._cuts_2024_2025()
    assert n_rates > n_kind  # some cuts are filed under another kind
    assert "main kind" in ex.q1.check(n_kind).message
    assert "whole number" in ex.q1.check(6.0).message
    assert ex.q1.check(n_rates).correct


def test_q2_fraction_and_price_slips():
    r = 100 * events.forward_return(events.prices("btc"), "2020-03-15", 6)
    assert "percent" in ex.q2.check(r / 100).message
    assert "price" in ex.q2.check(11000.0).message
    assert ex.q2.check(round(r, 1)).correct


def test_q3_common_slips():
    p = events.base_rate("btc", 6)["share_positive"]
    assert "all 3" in ex.q3.check(p ** 3).message
    assert "one window" in ex.q3.check(p).message
    assert "percent" in ex.q3.check(100 * events.chance_at_least(2, 3, p)).message


def test_q4_common_slips():
    since_ann = events.return_since("btc", "2025-10-29")["return_pct"]
    assert "announcement" in ex.q4.check(since_ann).message
    expected = events.return_since("btc", "2025-12-01")["return_pct"]
    assert "fraction" in ex.q4.check(expected / 100).message
    if expected < 0:
        assert "negative" in ex.q4.check(abs(expected)).message


def test_q5_common_slips():
    count, total = ex._shifts_all_positive()
    assert total == 37
    assert ex.q5.check(count).correct
    if count != total - count:
        assert "at least one pivot was negative" in ex.q5.check(total - count).message
    assert "only 37" in ex.q5.check(50).message
    assert "whole number" in ex.q5.check(float(count)).message


def test_quiz_answers():
    assert len(ex.quiz.questions) == 5
    for n, q in enumerate(ex.quiz.questions, start=1):
        assert ex.quiz.answer(n, "abcde"[q.correct]).correct
