"""Lesson 01 exercises: expected values, and the feedback for common slips.

(Solutions, blanks, odd answers and the quiz are tested for every lesson in test_exercises.py.)
"""
import helpers
from helpers import balance_sheet as bsh
from helpers.exercises import lesson01 as ex


def test_expected_values():
    assert ex.q1.expected() == 75 - 30
    assert ex.q2.expected() == -60
    year, whole = ex._q3_ratios()
    assert 0.2 < year < 0.8 and 0.2 < whole < 0.8
    assert ex.q3.expected() == year
    assert ex.q4.expected() < 0  # reserves fell in the last year of runoff
    assert 2 < ex.q5.expected() < 16
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
    assert "check the sign" in ex.q1.check(-45).message
    assert "apply both steps" in ex.q1.check(3).message
    assert "sign" in ex.q2.check(60).message
    assert "runoff alone" in ex.q2.check(0).message
    assert "fraction" in ex.q3.check(round(ex.q3.expected() * 100, 1)).message
    assert "all of QT2" in ex.q3.check(ex._q3_ratios()[1]).message
    exp4 = ex.q4.expected()
    assert "sign" in ex.q4.check(-exp4).message
    d = ex._q4_drain()
    assert "total assets" in ex.q4.check(float(d.loc["Total assets", "change"])).message
    assert "share of the asset change" in ex.q4.check(float(d.loc["Reserves", "share of asset change"])).message
    assert "whole of QT2" in ex.q4.check(float(bsh.drain_decomposition(
        helpers.load("fed_balance_sheet"), ex.QT2_START, ex.QT2_END).loc["Reserves", "change"])).message
    assert "trillions" in ex.q4.check(exp4 / 1000).message
    exp5 = ex.q5.expected()
    assert "not a fraction" in ex.q5.check(exp5 / 100).message
    assert "monthly" in ex.q5.check(exp5 / 12).message
    runoff, _, first = ex._q5_parts()
    assert "first month" in ex.q5.check(12 * runoff / first * 100).message
    assert "grid" in ex.q5.check(int(ex._q5_scores().idxmin())).message
