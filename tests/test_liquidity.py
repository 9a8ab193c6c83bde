"""Tests for helpers.liquidity (lesson 03): inputs, data frames, calculations, charts, widget compute."""
from __future__ import annotations

import math
import runpy
from pathlib import Path
from types import SimpleNamespace

import altair as alt
import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from helpers import liquidity as lq
from helpers import stats
from helpers.charts import inline_csv
from helpers.liquidity._compute import last_day_of_each_week

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def lesson() -> SimpleNamespace:
    """The lesson's frames, built once for the module: the topic's inputs and what the lesson derives."""
    snap = lq.inputs()
    weekly = lq.weekly_frame(snap.fed, snap.markets)
    return SimpleNamespace(fed=snap.fed, markets=snap.markets, phases=snap.phases, weekly=weekly,
                           changes=lq.weekly_changes(weekly), rets=lq.daily_returns(snap.markets))


def _frame_fixture(name: str):
    @pytest.fixture(scope="module", name=name)
    def frame(lesson):
        return getattr(lesson, name)
    return frame


fed, markets, phases, weekly, changes, rets = map(_frame_fixture, ("fed", "markets", "phases", "weekly", "changes",
                                                                  "rets"))


def _spec_rows(spec: dict) -> list[int]:
    """Row counts of every dataset in a Vega-Lite spec: top-level datasets and inline data anywhere.

    Inline CSV (a string) counts its lines after the header; JSON data count their records.
    """
    out = []

    def count(values) -> int:
        return values.strip("\n").count("\n") if isinstance(values, str) else len(values)

    def walk(node):
        if isinstance(node, dict):
            data = node.get("data")
            if isinstance(data, dict) and "values" in data:
                out.append(count(data["values"]))
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)

    out += [count(v) for v in spec.get("datasets", {}).values()]
    walk({k: v for k, v in spec.items() if k != "datasets"})
    return out


def _rows(chart: alt.TopLevelMixin) -> list[int]:
    return _spec_rows(chart.to_dict())


# ---------------------------------------------------------------------------
# Weekly data
# ---------------------------------------------------------------------------
def test_weekly_frame_is_wednesdays_from_btc_start(weekly, markets):
    assert (weekly.index.day_of_week == 2).all()
    assert weekly.index[0] == markets["btc"].first_valid_index()
    assert weekly["btc"].notna().all()
    ident = weekly["total_assets"] - weekly["tga"] - weekly["on_rrp"]
    assert np.allclose(ident, weekly["net_liquidity"], atol=0.01)
    assert weekly["sp500"].first_valid_index() >= pd.Timestamp("2016-05-23")


def test_weekly_frame_uses_the_latest_close_on_or_before_wednesday(weekly, markets):
    # 2024-12-25 was a Wednesday with US markets shut: the Nasdaq value is Tuesday's close.
    assert weekly.loc["2024-12-25", "nasdaq"] == markets.loc["2024-12-24", "nasdaq"]
    assert weekly.loc["2024-12-25", "btc"] == markets.loc["2024-12-25", "btc"]


def test_weekly_changes(weekly, changes):
    assert len(changes) == len(weekly) - 1
    wk = weekly.index[10]
    prev = weekly.index[9]
    assert changes.loc[wk, "btc"] == pytest.approx(math.log(weekly.loc[wk, "btc"] / weekly.loc[prev, "btc"]))
    assert changes.loc[wk, "real10y"] == pytest.approx(weekly.loc[wk, "real10y"] - weekly.loc[prev, "real10y"])
    assert changes.loc[wk, "net_liquidity_bn"] == pytest.approx(
        weekly.loc[wk, "net_liquidity"] - weekly.loc[prev, "net_liquidity"])


def test_frames_reject_bad_input(fed, markets):
    with pytest.raises(TypeError, match="fed"):
        lq.weekly_frame(fed.reset_index(), markets)
    with pytest.raises(ValueError, match="missing column"):
        lq.weekly_frame(fed, markets.drop(columns="btc"))
    with pytest.raises(ValueError, match="missing column"):
        lq.weekly_changes(pd.DataFrame({"btc": [1.0]}, index=pd.DatetimeIndex(["2020-01-01"], name="date")))


def test_channel_data_and_chart(fed, markets):
    data = lq.channel_data(fed, markets)
    assert list(data.columns) == list(lq.CHANNELS)
    assert data.index.is_month_start.all()
    assert data["securities"].max() > 8  # $ trillions at the 2022 peak
    chart = lq.channels_chart(data)
    assert max(_rows(chart)) <= 2000


def test_component_changes(fed):
    t = lq.component_changes(fed)
    assert list(t.index) == ["total_assets", "tga", "on_rrp", "net_liquidity"]
    assert (t["largest_rise_bn"] >= 0).all() and (t["largest_fall_bn"] <= 0).all()
    with pytest.raises(ValueError, match="weeks"):
        lq.component_changes(fed, start="2030-01-01", end="2030-02-01")


# ---------------------------------------------------------------------------
# Levels vs changes
# ---------------------------------------------------------------------------
def test_level_vs_change(weekly):
    t = lq.level_vs_change(weekly)
    assert t.index[0] == "all"
    assert t.loc["all", "weeks"] == len(weekly)
    assert (t["weeks"].iloc[1:] >= 26).all()
    pair = weekly[["net_liquidity", "btc"]]
    assert t.loc["all", "levels"] == pytest.approx(np.corrcoef(np.log(pair).T)[0, 1])
    assert abs(t.loc["all", "changes"]) < abs(t.loc["all", "levels"])
    with pytest.raises(TypeError, match="by_year"):
        lq.level_vs_change(weekly, by_year="yes")
    assert max(_rows(lq.level_vs_change_chart(t))) <= 2000


def test_spurious_chart():
    sim = stats.spurious_correlation_experiment(200, 100, seed=1)
    chart = lq.spurious_chart(sim)
    assert chart.to_dict()["layer"]
    with pytest.raises(ValueError, match="threshold"):
        lq.spurious_chart(sim, threshold=2)


# ---------------------------------------------------------------------------
# Daily rolling correlation
# ---------------------------------------------------------------------------
def test_daily_returns_are_on_common_trading_days(rets, markets):
    assert list(rets.columns) == ["btc", "sp500", "nasdaq"]
    assert rets.notna().all().all()
    assert rets.index[0] > pd.Timestamp("2016-05-23")
    assert (rets.index.day_of_week < 5).all()
    # A Monday return runs from the Friday close, for BTC as for the index.
    monday = rets.index[(rets.index.day_of_week == 0)][5]
    friday = monday - pd.Timedelta(days=3)
    assert rets.loc[monday, "btc"] == pytest.approx(math.log(markets.loc[monday, "btc"] / markets.loc[friday, "btc"]))


def test_rolling_correlation_summary_2025(rets):
    s = lq.rolling_correlation_summary(rets, window=60, year=2025)
    assert list(s.index) == ["S&P 500", "Nasdaq"]
    rc = stats.rolling_corr(rets["btc"], rets["sp500"], 60).loc["2025"]
    row = s.loc["S&P 500"]
    assert row["max"] == pytest.approx(rc.max())
    assert row["max_date"] == rc.idxmax().date().isoformat()
    assert row["min"] <= row["median"] <= row["max"] <= 1
    assert 0 <= row["share_above_0_5"] <= 1
    assert row["days"] == len(rc)
    assert row["range"] == pytest.approx(row["max"] - row["min"])


def test_rolling_correlation_panel_matches_summary(rets):
    panel = lq.rolling_correlation_panel(window=60, year=2025, returns=rets)
    assert set(panel) == {"series", "summary"}
    assert panel["summary"].equals(lq.rolling_correlation_summary(rets, 60, 2025))
    assert list(panel["series"].columns) == ["S&P 500", "Nasdaq"]
    weeks = panel["series"].index.to_period("W-FRI")
    assert not weeks.duplicated().any()  # one row per week, on its last common trading day
    assert len(panel["series"]) <= 2000
    spec = lq.rolling_panel_spec(panel, 60, 2025)
    assert len(spec["layer"]) == 3
    assert _spec_rows(spec) == [1, 1, len(panel["series"])]
    assert "60-day" in spec["title"]["text"]
    with pytest.raises(TypeError, match="panel"):
        lq.rolling_panel_spec(panel["series"], 60, 2025)


@pytest.mark.parametrize("kwargs, exc", [
    ({"window": 10}, ValueError), ({"window": 251}, ValueError), ({"window": 60.0}, TypeError),
    ({"year": 2030}, ValueError), ({"year": "2025"}, TypeError),
])
def test_rolling_correlation_panel_bad_input(rets, kwargs, exc):
    with pytest.raises(exc):
        lq.rolling_correlation_panel(returns=rets, **kwargs)


@settings(max_examples=50, deadline=None)
@given(st.integers(min_value=0, max_value=400), st.integers(min_value=2010, max_value=2030))
def test_rolling_correlation_panel_any_learner_input(window, year):
    rets = lq.daily_returns()
    try:
        panel = lq.rolling_correlation_panel(window=window, year=year, returns=rets)
    except ValueError as exc:
        assert "window" in str(exc) or "year" in str(exc)
        assert not (20 <= window <= 250 and rets.index[0].year < year <= rets.index[-1].year)
        return
    s = panel["summary"]
    assert ((s["min"] >= -1) & (s["max"] <= 1)).all()


def test_rolling_corr_frame_and_window_chart(rets):
    frame = lq.rolling_corr_frame(rets)
    assert set(frame.columns) == {f"{a}_{w}" for a in ("sp500", "nasdaq") for w in lq.WINDOWS}
    assert (frame.index.day_of_week == 4).all()
    chart = lq.rolling_window_chart(frame)
    spec = chart.to_dict()
    assert spec["params"][0]["name"] == "window"
    assert spec["params"][0]["bind"]["options"] == list(lq.WINDOWS)
    assert max(_rows(chart)) <= 2000
    with pytest.raises(ValueError, match="default"):
        lq.rolling_window_chart(frame, default=30)
    with pytest.raises(ValueError, match="window"):
        lq.rolling_corr_frame(rets, windows=(5,))
    with pytest.raises(ValueError, match="assets"):
        lq.rolling_corr_frame(rets, assets=("eth",))
    with pytest.raises(TypeError, match="assets"):
        lq.rolling_corr_frame(rets, assets="sp500")


def test_rolling_panel_spec_renders(rets):
    from helpers.charts import to_png

    panel = lq.rolling_correlation_panel(window=120, year=2024, returns=rets)
    png = to_png(lq.rolling_panel_spec(panel, 120, 2024))
    assert png[:8] == b"\x89PNG\r\n\x1a\n" and len(png) > 10_000


def test_yearly_correlation_spread_matches_a_direct_computation(rets):
    table = lq.yearly_correlation_spread(rets, window=60, asset="sp500")
    rc = stats.rolling_corr(rets["btc"], rets["sp500"], 60)
    part = rc.loc["2025"].dropna()
    row = table.loc[2025]
    assert row["days"] == len(part)
    assert row["median"] == pytest.approx(part.median())
    assert row["q25"] == pytest.approx(part.quantile(0.25))
    assert row["iqr"] == pytest.approx(part.quantile(0.75) - part.quantile(0.25))
    assert row["max"] == pytest.approx(lq.rolling_correlation_summary(rets, 60, 2025).loc["S&P 500", "max"])
    assert ((table["q25"] <= table["median"]) & (table["median"] <= table["q75"])
            & (table["q75"] <= table["max"]) & (table["max"] <= 1)).all()
    assert list(table.index) == sorted(set(rc.dropna().index.year))
    # The first year (the S&P 500 starts in May 2016) and the last (the data stop in 2026) are partial.
    assert not table.loc[table.index[0], "complete"] and not table.loc[table.index[-1], "complete"]
    assert table.loc[2017:2025, "complete"].all()


def test_yearly_correlation_spread_complete_years_on_a_toy_frame():
    days = pd.bdate_range("2020-01-01", "2022-06-30")
    rng = np.random.default_rng(0)
    toy = pd.DataFrame(rng.normal(size=(len(days), 3)), index=days, columns=["btc", "sp500", "nasdaq"])
    table = lq.yearly_correlation_spread(toy, window=20, asset="nasdaq")
    # 2020: the first 19 days have no value yet; 2022: the data stop in June.
    assert table["complete"].to_dict() == {2020: False, 2021: True, 2022: False}
    assert table.loc[2021, "days"] == (days.year == 2021).sum()


@pytest.mark.parametrize("kwargs, exc", [
    ({"window": 10}, ValueError), ({"window": 60.0}, TypeError), ({"asset": "eth"}, ValueError),
    ({"asset": 1}, TypeError),
])
def test_yearly_correlation_spread_bad_input(rets, kwargs, exc):
    with pytest.raises(exc):
        lq.yearly_correlation_spread(rets, **kwargs)
    with pytest.raises(TypeError, match="returns"):
        lq.yearly_correlation_spread(rets["btc"])


def test_yearly_spread_chart(rets):
    table = lq.yearly_correlation_spread(rets, 120, "nasdaq")
    chart = lq.yearly_spread_chart(table, 120, "nasdaq")
    spec = chart.to_dict()
    assert "120-day" in " ".join(spec["title"]["subtitle"]) and "Nasdaq" in " ".join(spec["title"]["subtitle"])
    assert max(_rows(chart)) == len(table)
    with pytest.raises(ValueError, match="median"):
        lq.yearly_spread_chart(table.drop(columns="median"))


def test_last_day_of_each_week():
    idx = pd.DatetimeIndex(["2024-01-04", "2024-01-05", "2024-01-08", "2024-01-11", "2024-01-16"])
    assert last_day_of_each_week(idx).tolist() == [False, True, False, True, True]


def test_show_live_emits_vegalite_only(capsys):
    lq.show_live(alt.Chart(pd.DataFrame({"x": [1, 2]})).mark_point().encode(x="x:Q"))
    out = capsys.readouterr().out  # outside IPython, display() prints the bundle
    assert "application/vnd.vegalite.v5+json" in out
    assert "image/png" not in out


# ---------------------------------------------------------------------------
# Lead–lag and factors
# ---------------------------------------------------------------------------
def test_lead_lag_test_on_the_snapshot(changes):
    res = lq.lead_lag_test(changes)
    assert list(res.table.index) == list(range(-12, 13))
    assert res.n_perm == 999 and res.block == 4
    assert 0 < res.max_abs_p <= 1
    chart = lq.lead_lag_chart(res)
    assert "survives" in chart.to_dict()["title"]["text"]
    with pytest.raises(TypeError, match="test"):
        lq.lead_lag_chart(res.table)


def test_lead_lag_sign_convention():
    # Net liquidity moves first; BTC copies it two weeks later: the peak is at lag +2.
    idx = pd.date_range("2015-01-07", periods=300, freq="W-WED")
    x = pd.Series(np.random.default_rng(0).standard_normal(300), index=idx)
    frame = pd.DataFrame({"net_liquidity": x, "btc": x.shift(2)}, index=idx)
    res = lq.lead_lag_test(frame, max_lag=6, n_perm=99)
    assert res.max_abs_lag == 2


def test_factor_correlations(changes):
    t = lq.factor_correlations(changes, n_boot=199)
    assert list(t.index) == list(lq.FACTORS)
    assert ((t["lo"] <= t["corr"]) & (t["corr"] <= t["hi"])).all()
    assert t.loc["sp500", "weeks"] < t.loc["nasdaq", "weeks"]  # the S&P 500 starts in 2016
    chart = lq.factor_chart(t)
    assert chart.to_dict()["layer"]
    with pytest.raises(TypeError, match="factors"):
        lq.factor_correlations(changes, factors=["nasdaq"])
    with pytest.raises(ValueError, match="missing"):
        lq.factor_correlations(changes, factors={"gold": "Gold"})


def test_rolling_factor_chart(changes):
    chart = lq.rolling_factor_chart(changes, window=52)
    assert max(_rows(chart)) <= 2000
    with pytest.raises(ValueError, match="window"):
        lq.rolling_factor_chart(changes, window=5)


def test_net_liquidity_chart_rows(weekly):
    chart = lq.net_liquidity_chart(weekly)
    assert max(_rows(chart)) <= 2000


def test_bench_entries_run():
    bench = runpy.run_path(str(ROOT / "benchmarks" / "liquidity.py"))["BENCH"]
    assert bench and not hasattr(lq, "BENCH")
    for name, (fn, kwargs) in bench.items():
        assert fn(**kwargs) is not None, name


def test_weekly_frame_never_extends_a_series_past_its_last_close(weekly, markets):
    for col in ("btc", "sp500", "dollar"):
        last = markets[col].last_valid_index()
        assert weekly[col].last_valid_index() <= last
    assert weekly.index[-1] <= markets["btc"].last_valid_index()


def test_inline_csv_row_counting():
    frame = pd.DataFrame({"a": [1.0, 2.0, 3.0]}, index=pd.DatetimeIndex(["2020-01-01", "2020-01-02", "2020-01-03"],
                                                                        name="date"))
    chart = alt.Chart(inline_csv(frame, "t")).mark_line().encode(x="date:T", y="a:Q")
    spec = chart.to_dict()
    assert spec["data"]["values"].startswith("date,a\n2020-01-01T00:00,1\n")
    assert spec["data"]["format"]["parse"] == {"date": "date", "a": "number"}
    assert _spec_rows(spec) == [3]


def test_every_chart_in_lesson_03_stays_small():
    import json

    path = ROOT / "lessons" / "03_liquidity_transmission.ipynb"
    nb = json.loads(path.read_text(encoding="utf-8"))
    specs = [o["data"]["application/vnd.vegalite.v5+json"] for c in nb["cells"] for o in c.get("outputs", [])
             if "application/vnd.vegalite.v5+json" in o.get("data", {})]
    assert len(specs) >= 6
    for spec in specs:
        rows = _spec_rows(spec)
        assert rows and max(rows) <= 2000, rows


# ---------------------------------------------------------------------------
# The package's rooms and its public face
# ---------------------------------------------------------------------------
def test_inputs_are_fresh_copies_of_the_snapshot(fed):
    first = lq.inputs()
    assert isinstance(first, lq.LiquidityInputs)
    assert first.fed.equals(fed)
    assert list(first.phases.columns[:3]) == ["phase", "start", "end"]
    first.fed.iloc[:, :] = 0.0
    assert lq.inputs().fed.equals(fed)


def test_rooms_keep_to_their_jobs():
    room = ROOT / "helpers" / "liquidity"
    compute = (room / "_compute.py").read_text(encoding="utf-8")
    assert "altair" not in compute and "load(" not in compute
    for path in room.glob("*.py"):
        text = path.read_text(encoding="utf-8")
        assert len(text.splitlines()) <= 600, path.name
        if path.name != "_inputs.py":
            assert "load(" not in text, path.name


def test_charts_take_the_phases_they_shade(fed, markets, weekly, phases):
    data = lq.channel_data(fed, markets)
    assert lq.channels_chart(data, phases).to_dict() == lq.channels_chart(data).to_dict()
    assert lq.net_liquidity_chart(weekly, phases).to_dict() == lq.net_liquidity_chart(weekly).to_dict()
    with pytest.raises(ValueError, match="phases"):
        lq.channels_chart(data, phases.drop(columns="end"))
    with pytest.raises(ValueError, match="phases"):
        lq.net_liquidity_chart(weekly, phases[phases["end"] < weekly.index[0]].head(1))
    with pytest.raises(TypeError, match="phases"):
        lq.channels_chart(data, phases.assign(start=phases["start"].astype(str)))


def test_dates_are_checked_at_the_public_face(fed, markets, changes):
    with pytest.raises(ValueError, match="start"):
        lq.channel_data(fed, markets, start="2999-01-01")
    with pytest.raises(ValueError, match="start"):
        lq.component_changes(fed, start="2025-01-01", end="2024-01-01")
    with pytest.raises(TypeError, match="start"):
        lq.component_changes(fed, start=pd.Timestamp("2022-01-01", tz="UTC"))
    with pytest.raises(ValueError, match="start"):
        lq.factor_correlations(changes, n_boot=99, start="2025-01-01", end="2020-01-01")
    t = lq.factor_correlations(changes, n_boot=99, start="2021-01-01", end="2023-12-31")
    assert (t["weeks"] <= 157).all()


def test_lists_are_lists(rets):
    with pytest.raises(TypeError, match="assets"):
        lq.rolling_corr_frame(rets, assets="abc")
    with pytest.raises(TypeError, match="windows"):
        lq.rolling_corr_frame(rets, windows="60")
    with pytest.raises(ValueError, match="windows"):
        lq.rolling_corr_frame(rets, windows=[])


def test_columns_and_counts_are_checked(weekly, changes):
    with pytest.raises(ValueError, match=r"\ba\b.*\bb\b"):
        lq.level_vs_change(weekly, "btc", "btc")
    with pytest.raises(ValueError, match="positive"):
        lq.level_vs_change(weekly, "real10y", "btc")  # real yields go below zero: no logs
    with pytest.raises(ValueError, match="b="):
        lq.level_vs_change(weekly, "net_liquidity", "gold")
    with pytest.raises(ValueError, match="n_perm"):
        lq.lead_lag_test(changes, n_perm=10**6)
    with pytest.raises(ValueError, match="x and y"):
        lq.lead_lag_test(changes, x="btc", y="btc")
    with pytest.raises(ValueError, match="n_boot"):
        lq.factor_correlations(changes, n_boot=10**400)
    with pytest.raises(ValueError, match="target"):
        lq.factor_correlations(changes, factors={"btc": "BTC"})


def test_charts_refuse_what_they_cannot_draw(weekly, rets, changes):
    with pytest.raises(ValueError, match="table"):
        lq.level_vs_change_chart(lq.level_vs_change(weekly, by_year=False))
    with pytest.raises(ValueError, match="frame"):
        lq.rolling_window_chart(rets)
    with pytest.raises(ValueError, match="changes"):
        lq.rolling_factor_chart(changes.iloc[:20], window=52)
    panel = lq.rolling_correlation_panel(60, 2025, rets)
    with pytest.raises(ValueError, match="year"):
        lq.rolling_panel_spec(panel, 60, 10**400)


def test_stats_refusals_name_the_callers_data(markets):
    short = markets.loc["2020-01-01":"2020-01-02"]
    with pytest.raises(ValueError, match="markets"):
        lq.daily_returns(short)


# ---------------------------------------------------------------------------
# The Chinese edition
# ---------------------------------------------------------------------------
def test_chinese_edition_translates_charts_and_panel(weekly, changes, rets):
    """With helpers.setup(lang="zh-hans") titles, panel titles, source lines and display labels are in
    简体中文 (the data and the tables stay as they are); English is unchanged afterwards."""
    import helpers

    data = lq.channel_data()
    panel = lq.rolling_correlation_panel(60, 2025, rets)
    english = lq.channels_chart(data).to_dict()
    helpers.setup(lang="zh-hans")
    try:
        channels = lq.channels_chart(data).to_dict()
        net = lq.net_liquidity_chart(weekly).to_dict()["title"]
        spec = lq.rolling_panel_spec(panel, 60, 2025)
        factors = lq.factor_correlations(changes, n_boot=99)
        factor_spec = lq.factor_chart(factors).to_dict()
    finally:
        helpers.setup(lang="en")
    assert channels["title"]["text"] == "五个渠道，五条序列：各按自己的节奏变化"
    assert channels["vconcat"][0]["title"]["text"] == ("准备金与银行资产负债表："
                                                       "银行在美联储的准备金（万亿美元）")
    assert net["subtitle"][-1].startswith("来源：FRED（圣路易斯联邦储备银行）和 Yahoo Finance")
    assert spec["title"]["text"] == "BTC 与股票指数的 60 日滚动相关系数"
    assert factors["label"].tolist() == list(lq.FACTORS.values())  # the table keeps its English labels
    assert "纳斯达克，周对数收益率" in str(factor_spec)  # the chart shows them translated
    assert channels["vconcat"][0]["layer"][1]["encoding"]["y"]["field"] == "reserves"  # data names unchanged
    assert lq.channels_chart(data).to_dict() == english
    assert english["title"]["text"] == "Five channels, five series: each moved on its own timetable"
