"""Lesson 05 exercises: the feedback for common slips.

(Solutions, blanks, odd answers and the quiz are tested for every lesson in test_exercises.py.)
"""
import pytest

from helpers import risk
from helpers.exercises import lesson05 as ex


def test_specific_messages():
    btc, eth = risk.asset_prices("btc"), risk.asset_prices("eth")
    q1 = ex.q1.expected()
    assert q1 == pytest.approx(float(risk.drawdown(btc).iloc[-1]))
    assert "percent" in ex.q1.check(q1 * 100).message
    assert "sign" in ex.q1.check(-q1).message and "negative" in ex.q1.check(-q1).message
    assert "deepest" in ex.q1.check(risk.max_drawdown(btc)).message
    assert ex.q1.check(q1 + 0.3).message == "that is not the drawdown at the last close the data gives"
    q3 = ex.q3.expected()
    w90 = min(1.0, 0.2 / risk.rolling_volatility(btc, 90, 365).iloc[-1])
    if abs(w90 - q3) > 0.005:
        assert "90-day" in ex.q3.check(w90).message
    assert "percent" in ex.q3.check(q3 * 100).message
    if q3 < 1:
        assert "volatility itself" in ex.q3.check(0.2 / q3).message
    assert "not yet: weight" in ex.q3.check(q3 + 0.3).message
    btc_share = float((risk.staged_vs_lump(btc, 4, 7, 365)["diff"] > 0).mean())
    q4 = ex.q4.expected()
    if abs(btc_share - q4) > 0.005:
        assert "bitcoin" in ex.q4.check(btc_share).message
    assert "lump sum did better" in ex.q4.check(1 - q4).message
    eth_share = float((risk.staged_vs_lump(eth, 4, 7, 365)["diff"] > 0).mean())
    assert ex.q4.check(eth_share).correct
    assert "maintenance" in ex.q2.check(60_000 * (1 - 1 / 20)).message
    assert "below the entry" in ex.q2.check(61_000.0).message
    out = risk.ladder_outcomes(risk.asset_prices("btc"), **ex.Q5)
    with_ties = float((out["diff"] >= -1e-12).mean())
    assert "ties" in ex.q5.check(with_ties).message
