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
    levels = bsh.monthly_levels(bs)
    events = helpers.load("policy_events")
    qt2 = bsh.runoff_comparison("QT2", 60, 10, levels=levels, events=events)  # as the lesson defines it
    solve(exercise, bsh=bsh, bs=bs, pd=pd, levels=levels, events=events, qt2=qt2)


@pytest.mark.parametrize("exercise", EXERCISES, ids=lambda e: e.label)
def test_blank_is_neutral_wrong_types_are_explained_and_hint_solution_exist(exercise):
    assert_blank_and_garbage_rejected(exercise, extra_bad=("100", [1]))
    assert exercise.hint().message and exercise.solution().code


def test_expected_values():
    assert ex._q1_expected() == 75 - 30
    assert ex._q2_expected() == -60
    year, whole = ex._q3_ratios()
    assert 0.2 < year < 0.8 and 0.2 < whole < 0.8
    assert ex._q4_expected() < 0  # reserves fell in the last year of runoff
    assert 2 < ex._q5_expected() < 16
    assert 2 <= int(ex._q5_scores().idxmin()) <= 16


def test_answers_are_not_the_numbers_the_lesson_prints():
    """Each exercise changes a step, so its answer differs from the lesson's printed results."""
    bs = helpers.load("fed_balance_sheet")
    whole_drain = bsh.drain_decomposition(bs, ex.QT2_START, ex.QT2_END)
    assert not ex.q3.check(round(ex._q3_ratios()[1], 2)).correct  # all of QT2, printed in the totals table
    assert not ex.q4.check(round(whole_drain.loc["Reserves", "change"], 2)).correct
    assert not ex.q5.check(int(ex._q5_scores().idxmin())).correct  # the chart's best whole number


def test_common_mistakes_get_specific_messages():
    assert "QE step alone" in ex.q1.check(75).message
    assert "ON RRP step alone" in ex.q1.check(-30).message
    assert "sign of the second step" in ex.q1.check(105).message
    assert "sign" in ex.q2.check(60).message
    assert "runoff alone" in ex.q2.check(0).message
    assert "fraction" in ex.q3.check(round(ex._q3_expected() * 100, 1)).message
    assert "all of QT2" in ex.q3.check(ex._q3_ratios()[1]).message
    exp4 = ex._q4_expected()
    assert "sign" in ex.q4.check(-exp4).message
    d = ex._q4_drain()
    assert "total assets" in ex.q4.check(float(d.loc["Total assets", "change"])).message
    assert "whole of QT2" in ex.q4.check(float(bsh.drain_decomposition(
        helpers.load("fed_balance_sheet"), ex.QT2_START, ex.QT2_END).loc["Reserves", "change"])).message
    assert "trillions" in ex.q4.check(exp4 / 1000).message
    exp5 = ex._q5_expected()
    assert "not a fraction" in ex.q5.check(exp5 / 100).message
    assert "monthly" in ex.q5.check(exp5 / 12).message
    runoff, _, first = ex._q5_parts()
    assert "first month" in ex.q5.check(12 * runoff / first * 100).message
    assert "grid" in ex.q5.check(int(ex._q5_scores().idxmin())).message


@settings(max_examples=50, deadline=None)
@given(answer=st.floats(allow_nan=False, allow_infinity=False, min_value=-1e6, max_value=1e6))
def test_any_number_gets_feedback_without_error(answer):
    for exercise in (ex.q1, ex.q2, ex.q3, ex.q4, ex.q5):
        fb = exercise.check(answer)
        assert fb.kind in ("correct", "incorrect") and (fb.correct or fb.message)


def test_quiz():
    assert isinstance(ex.quiz, Quiz) and 3 <= len(ex.quiz.questions) <= 5
    for n, q in enumerate(ex.quiz.questions, start=1):
        assert ex.quiz.answer(n, "abc"[q.correct]).correct
        wrong = "abc"[(q.correct + 1) % len(q.options)]
        assert not ex.quiz.answer(n, wrong).correct
    assert "Check yourself" in ex.quiz.text()
