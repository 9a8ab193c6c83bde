"""Lesson 00 helpers and the course map."""
import pandas as pd
import pytest

import helpers
from helpers import course, overview


@pytest.fixture(scope="module")
def bs():
    return helpers.load("fed_balance_sheet")


def test_week_summary_uses_the_latest_wednesday_on_or_before(bs):
    s = overview.week_summary(bs, "reserves", "2025-11-28")
    assert s["week"] == "2025-11-26"
    assert s["value_bn"] == round(bs.loc["2025-11-26", "reserves"], 1)
    expected = bs.loc["2025-11-26", "reserves"] - bs.loc[pd.Timestamp("2025-11-26") - pd.Timedelta(weeks=52), "reserves"]
    assert s["change_1y_bn"] == round(expected, 1)
    assert overview.week_summary(bs, "tga", bs.index[0])["change_1y_bn"] is None


def test_week_summary_bad_input(bs):
    with pytest.raises(ValueError, match="column"):
        overview.week_summary(bs, "gold", "2020-01-01")
    with pytest.raises(TypeError, match="column"):
        overview.week_summary(bs, 3, "2020-01-01")
    with pytest.raises(ValueError, match="date"):
        overview.week_summary(bs, "tga", "1990-01-01")
    with pytest.raises(TypeError, match="date"):
        overview.week_summary(bs, "tga", "not a date")
    with pytest.raises(TypeError, match="bs"):
        overview.week_summary(bs.reset_index(), "tga", "2020-01-01")


def test_peak_and_chart(bs):
    week, value = overview.peak(bs)
    assert value == bs["total_assets"].max() and week == bs["total_assets"].idxmax()
    spec = overview.total_assets_chart(bs).to_dict()
    assert spec["params"][0]["bind"]["input"] == "range"
    assert "trillions" in str(spec)
    with pytest.raises(ValueError, match="start_year"):
        overview.total_assets_chart(bs, start_year=1990)
    with pytest.raises(TypeError, match="start_year"):
        overview.total_assets_chart(bs, start_year="2010")


def test_course_map_and_navigation():
    cm = course.course_map()
    assert list(cm.index) == [f"{i:02d}" for i in range(8)]
    nav = course.navigation("01")
    assert "00_start_here.ipynb" in nav and "02_repo_money_markets.ipynb" in nav
    assert "←" not in course.navigation("00") and "→" not in course.navigation("07")
    with pytest.raises(ValueError, match="number"):
        course.navigation("08")


def test_check_setup_reports_versions_and_verified_data():
    report = course.check_setup()
    assert report.startswith("Setup OK") and "5 tables" in report
