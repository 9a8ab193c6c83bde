"""Lesson 01 exercises: the model answers pass, common mistakes get a useful message, blanks are neutral."""
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import helpers
from conftest import assert_blank_and_garbage_rejected, solve
from helpers import balance_sheet as bsh
from helpers.exercises import Exercise, Quiz
from helpers.exercises import lesson01 as ex

EXERCISES = [ex.q1, ex.q2, ex.q3, ex.q4, ex.q5]


@pytest.fixture(scope="module")
def bs():
    return helpers.load("fed_balance_sheet")


@pytest.mark.parametrize("exercise", EXERCISES, ids=lambda e: e.label)
def test_solution_passes_its_own_check(exercise, bs):
    assert isinstance(exercise, Exercise)
    solve(exercise, bsh=bsh, bs=bs, pd=pd)


@pytest.mark.parametrize("exercise", EXERCISES, ids=lambda e: e.label)
def test_blank_is_neutral_wrong_types_are_explained_and_hint_solution_exist(exercise):
    assert_blank_and_garbage_rejected(exercise, extra_bad=("100", [1]))
    assert exercise.hint().message and exercise.solution().code


def test_expected_values():
    assert ex._q1_expected() == 100
    assert ex._q2_expected() == -60
    assert 0.3 < ex._q3_expected() < 0.6
    assert 0.7 < ex._q4_expected() < 0.95
    assert 2 <= int(ex._q5_scores().idxmin()) <= 16


def test_common_mistakes_get_specific_messages():
    assert "bank" in ex.q1.check(0).message
    assert "sign" in ex.q2.check(60).message
    assert "runoff alone" in ex.q2.check(0).message
    assert "fraction" in ex.q3.check(round(ex._q3_expected() * 100, 1)).message
    assert "positive" in ex.q4.check(-0.8).message
    assert "percentage" in ex.q4.check(82.5).message
    assert "whole number" in ex.q5.check(7.5).message
    best = int(ex._q5_scores().idxmin())
    wrong = 2 if best > 2 else 16
    assert ("higher" if wrong < best else "lower") in ex.q5.check(wrong).message


@settings(max_examples=50, deadline=None)
@given(answer=st.floats(allow_nan=False, allow_infinity=False, min_value=-1e6, max_value=1e6))
def test_any_number_gets_feedback_without_error(answer):
    for exercise in (ex.q1, ex.q2, ex.q4):
        fb = exercise.check(answer)
        assert fb.kind in ("correct", "incorrect") and (fb.correct or fb.message)


def test_quiz():
    assert isinstance(ex.quiz, Quiz) and 3 <= len(ex.quiz.questions) <= 5
    for n, q in enumerate(ex.quiz.questions, start=1):
        assert ex.quiz.answer(n, "abc"[q.correct]).correct
        wrong = "abc"[(q.correct + 1) % len(q.options)]
        assert not ex.quiz.answer(n, wrong).correct
    assert "Check yourself" in ex.quiz.text()
