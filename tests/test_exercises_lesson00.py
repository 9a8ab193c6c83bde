"""Lesson 00 exercises: expected values against the snapshot, and the feedback for common slips.

(Solutions, blanks, odd answers and the quiz are tested for every lesson in test_exercises.py.)
"""
import numpy as np
import pytest

import helpers
from helpers import snapshot_tour as tour
from helpers.exercises import lesson00 as ex


@pytest.fixture(scope="module")
def bs():
    return helpers.load("fed_balance_sheet")


def test_q1_is_the_widget_with_another_item_and_week(bs):
    s = tour.week_summary(bs, "total_assets", "2020-12-30")
    assert ex.q1.expected() == pytest.approx(s["change_1y_bn"])
    assert ex.q1.check(s["change_1y_bn"]).correct
    assert ex.q1.check(np.float64(s["change_1y_bn"])).correct  # straight from pandas
    assert "level" in ex.q1.check(s["value_bn"]).message
    assert "sign" in ex.q1.check(-s["change_1y_bn"]).message
    assert "trillions" in ex.q1.check(round(s["change_1y_bn"] / 1000, 2)).message
    assert "read the one-year change" in ex.q1.check(1.0).message
    # the widget's fixed setting printed in the lesson is not the answer
    assert not ex.q1.check(tour.week_summary(bs, "reserves", "2025-11-26")["change_1y_bn"]).correct


def test_q2_is_the_peak_of_reserves_in_trillions(bs):
    week, value = tour.peak(bs, "reserves")
    assert ex.q2.check(round(value / 1000, 2)).correct
    assert "billions" in ex.q2.check(value).message
    assert "total assets" in ex.q2.check(round(bs["total_assets"].max() / 1000, 2)).message
    assert "latest" in ex.q2.check(round(bs["reserves"].iloc[-1] / 1000, 2)).message
    assert week != bs["total_assets"].idxmax()  # the two peaks differ, which the feedback points out


def test_q3_change_from_peak_to_the_end_of_runoff(bs):
    peak_week = bs["total_assets"].idxmax()
    end_week = bs.loc["2025-12-01":].index[0]
    change = bs.loc[end_week, "total_assets"] - bs.loc[peak_week, "total_assets"]
    assert ex.q3.expected() == pytest.approx(change)
    assert ex.q3.check(change).correct
    assert "negative" in ex.q3.check(-change).message
    assert "trillions" in ex.q3.check(change / 1000).message
    assert "latest week" in ex.q3.check(bs["total_assets"].iloc[-1] - bs["total_assets"].max()).message
    assert ex.q3.check(1.0).message == "that is not the value the data gives"
