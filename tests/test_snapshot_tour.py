"""Lesson 00 helpers (helpers.snapshot_tour) and the course map."""
import runpy
from pathlib import Path

import pandas as pd
import pytest

import helpers
import helpers.events
from helpers import course
from helpers import snapshot_tour as tour


@pytest.fixture(scope="module")
def bs():
    return helpers.load("fed_balance_sheet")


def test_week_summary_uses_the_latest_wednesday_on_or_before(bs):
    s = tour.week_summary(bs, "reserves", "2025-11-28")
    assert s["week"] == "2025-11-26"
    assert s["value_bn"] == round(bs.loc["2025-11-26", "reserves"], 1)
    expected = bs.loc["2025-11-26", "reserves"] - bs.loc[pd.Timestamp("2025-11-26") - pd.Timedelta(weeks=52), "reserves"]
    assert s["change_1y_bn"] == round(expected, 1)
    assert tour.week_summary(bs, "tga", bs.index[0])["change_1y_bn"] is None


def test_week_summary_bad_input(bs):
    with pytest.raises(ValueError, match="column"):
        tour.week_summary(bs, "gold", "2020-01-01")
    with pytest.raises(TypeError, match="column"):
        tour.week_summary(bs, 3, "2020-01-01")
    with pytest.raises(ValueError, match="date"):
        tour.week_summary(bs, "tga", "1990-01-01")
    with pytest.raises(ValueError, match="date"):  # a str, so the right type: a bad value (helpers.validate)
        tour.week_summary(bs, "tga", "not a date")
    with pytest.raises(TypeError, match="date"):
        tour.week_summary(bs, "tga", 20200101)
    with pytest.raises(TypeError, match="date"):
        tour.week_summary(bs, "tga", pd.Timestamp("2020-01-01", tz="UTC"))
    with pytest.raises(TypeError, match="bs"):
        tour.week_summary(bs.reset_index(), "tga", "2020-01-01")


def test_peak_and_chart(bs):
    week, value = tour.peak(bs)
    assert value == bs["total_assets"].max() and week == bs["total_assets"].idxmax()
    phases = tour.phases()
    spec = tour.total_assets_chart(bs, phases).to_dict()
    assert spec["params"][0]["bind"]["input"] == "range"
    assert "trillions" in str(spec)
    with pytest.raises(ValueError, match="start_year"):
        tour.total_assets_chart(bs, phases, start_year=1990)
    with pytest.raises(TypeError, match="start_year"):
        tour.total_assets_chart(bs, phases, start_year="2010")
    with pytest.raises(TypeError, match="phases"):
        tour.total_assets_chart(bs, None)
    with pytest.raises(ValueError, match="two years"):
        tour.total_assets_chart(bs.loc["2020"], phases)


def test_inputs_and_phases(bs):
    got = tour.inputs()
    assert got._fields == ("bs", "events") and got.bs.equals(bs)
    phases = tour.phases()
    assert list(phases.columns) == ["phase", "start", "end", "label"]
    assert set(phases["phase"]) <= {"QE", "QT", "Reserve mgmt"}
    assert phases["end"].max() <= bs.index[-1]  # up to the balance sheet's last week
    assert phases.equals(helpers.events.policy_phases(helpers.load("policy_events"), bs.index[-1]))


def test_bench_entries_run():
    """benchmarks/snapshot_tour.py (timed by make bench) calls the public API and gets the widget's answer."""
    bench = runpy.run_path(str(Path(__file__).resolve().parent.parent / "benchmarks" / "snapshot_tour.py"))["BENCH"]
    assert bench
    for name, (fn, kwargs) in bench.items():
        assert fn(**kwargs)["week"] == "2025-11-26", name


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


def test_course_text_follows_the_language(bs):
    english = (course.navigation("01"), course.check_setup(), tour.week_summary(bs, "reserves", "2025-11-26"))
    assert english[0] == ("[← 00 Start here](00_start_here.ipynb) | [Course map](00_start_here.ipynb#Course-map) | "
                          "[02 Repo and money markets →](02_repo_money_markets.ipynb)")
    try:
        helpers.setup(lang="zh-hans")
        nav = course.navigation("01")
        assert "00_start_here.ipynb" in nav and "02_repo_money_markets.ipynb" in nav and "Start here" not in nav
        assert not course.check_setup().startswith("Setup OK") and "5" in course.check_setup()
        assert tour.week_summary(bs, "reserves", "2025-11-26")["item"] != "Bank reserves"
        assert list(course.course_map().columns) == ["title", "标题", "minutes", "topic"]
        title = tour.total_assets_chart(bs, tour.phases()).to_dict()["title"]["text"]
        assert title != "The Fed's balance sheet grew in QE waves and shrank in QT"
    finally:
        helpers.setup()
    assert (course.navigation("01"), course.check_setup(), tour.week_summary(bs, "reserves", "2025-11-26")) == english
