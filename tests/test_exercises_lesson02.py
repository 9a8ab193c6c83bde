"""Lesson 02 exercises: expected values, and the feedback for typical wrong answers.

(Solutions, blanks, odd answers and the quiz are tested for every lesson in test_exercises.py.)
"""
from __future__ import annotations

import pytest

import helpers
from helpers import money_markets as mm
from helpers.exercises import lesson02 as ex


def test_q1_expected_and_typical_mistakes():
    rates = helpers.load("policy_rates")
    exp = 38_000 * rates.loc["2025-10-31", "sofr"] / 100 * 3 / 360
    assert ex.expected("q1") == pytest.approx(exp)
    assert "3" in ex.q1.check(exp / 3).message  # one day instead of three
    assert "360" in ex.q1.check(exp * 360 / 365).message
    assert "$ millions" in ex.q1.check(exp / 1000).message
    assert "$ millions" in ex.q1.check(exp * 1000).message
    assert "interest = cash" in ex.q1.check(exp * 2).message


def test_q2_counts_days_above_iorb():
    daily = mm.stress_spread(helpers.load("policy_rates"))
    exp = int((daily.loc["2025", "spread_bp"] > 0).sum())
    assert ex.expected("q2") == exp
    assert ex.q2.check(exp + 1).correct
    assert not ex.q2.check(exp + 5).correct
    assert "whole" in ex.q2.check(exp + 0.5).message
    assert "all days with data" in ex.q2.check(250).message


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
    assert "level" in ex.q3.check(float(on_rrp.loc["2022-12-28"])).message
    assert not ex.q3.check(round(float(on_rrp.max()))).correct  # the peak printed in the lesson


def test_q4_purchase_size_matching_a_rolled_repo():
    assert ex.expected("q4") == pytest.approx(38 * 10 / 30)
    assert "divide by 30" in ex.q4.check(380).message
    assert "every day" in ex.q4.check(38).message
    assert "upside down" in ex.q4.check(38 * 30 / 10).message
    assert not ex.q4.check(1140).correct and not ex.q4.check(16).correct


def test_q5_is_the_fall_in_sse_not_the_knee():
    pairs = mm.spread_vs_reserves(helpers.load("policy_rates"), helpers.load("fed_balance_sheet"))
    new = mm.fit_knee(pairs["reserves_plus_on_rrp"], pairs["spread_bp"])
    old = mm.fit_knee(pairs["reserves"], pairs["spread_bp"])
    exp = ex.expected("q5")
    assert exp == pytest.approx(1 - new.sse / old.sse)
    assert 0 < exp < 1
    assert "percentage" in ex.q5.check(exp * 100).message
    assert "left" in ex.q5.check(new.sse / old.sse).message
    assert "upside down" in ex.q5.check(old.sse / new.sse).message
    assert "knee" in ex.q5.check(new.knee).message
    assert "positive fraction" in ex.q5.check(-0.5).message
    assert not ex.q5.check(round(old.knee)).correct  # the knee printed in the lesson
    with pytest.raises(ValueError, match="label"):
        ex.expected("q9")
