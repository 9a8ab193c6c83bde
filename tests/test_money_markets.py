"""Tests for helpers.money_markets: the repo calculator, corridor and stress tables, the knee fit,
overnight-versus-permanent paths, the sourced SRF figures and the charts."""
from __future__ import annotations

import math
import runpy
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import helpers
from helpers import money_markets as mm


@pytest.fixture(scope="module")
def rates():
    return helpers.load("policy_rates")


@pytest.fixture(scope="module")
def fed():
    return helpers.load("fed_balance_sheet")


@pytest.fixture(scope="module")
def events():
    return helpers.load("policy_events")


# ---------------------------------------------------------------------------
# Repo calculator: known cases
# ---------------------------------------------------------------------------
def test_interest_actual_360():
    t = mm.repo_trade(cash=360.0, collateral_value=400.0, haircut=0.02, rate=5.0, days=1)
    assert t.interest == pytest.approx(0.05)  # 360 x 5% x 1/360
    assert t.repurchase_price == pytest.approx(360.05)
    t = mm.repo_trade(cash=100, collateral_value=102, haircut=0.02, rate=4.0, days=360)
    assert t.interest == pytest.approx(4.0)


def test_haircut_quantities():
    t = mm.repo_trade(cash=98.0, collateral_value=100.0, haircut=0.02, rate=4.0, days=1)
    assert t.max_cash == pytest.approx(98.0)
    assert t.required_collateral == pytest.approx(100.0)
    assert t.covered and t.shortfall == 0
    assert t.cushion == pytest.approx(100 - 98 - 98 * 0.04 / 360)
    assert t.cushion_pct == pytest.approx(t.cushion)  # collateral is 100


def test_shortfall_is_reported_not_raised():
    t = mm.repo_trade(cash=100.0, collateral_value=100.0, haircut=0.05, rate=4.0, days=7)
    assert not t.covered
    assert t.shortfall == pytest.approx(100 / 0.95 - 100)
    assert "NOT ENOUGH collateral" in t.report()


def test_negative_rate_and_zero_haircut_allowed():
    t = mm.repo_trade(cash=50, collateral_value=50, haircut=0.0, rate=-0.5, days=2)
    assert t.interest < 0 and t.covered
    assert t.cushion > 0  # the borrower pays back less than it borrowed


def test_report_and_table():
    t = mm.repo_trade(cash=95.0, collateral_value=100.0, haircut=0.05, rate=4.3, days=7)
    text = t.report()
    assert "interest = 95.00 x 4.30% x 7/360 = $0.0794M ($79,431)" in text
    assert "reverse repo" in text
    table = t.table()
    assert table.loc["interest (actual/360)", "value"] == pytest.approx(95 * 0.043 * 7 / 360)
    assert table.loc["haircut", "units"] == "percent"


def test_cashflows_net_to_zero_and_lender_earns_interest():
    t = mm.repo_trade(cash=95.0, collateral_value=100.0, haircut=0.05, rate=4.3, days=7)
    cf = mm.repo_cashflows(t)
    assert len(cf) == 4
    assert cf.groupby("leg")[["cash", "collateral"]].sum().abs().to_numpy().max() < 1e-12
    by_side = cf.groupby("side")["cash"].sum()
    assert by_side["cash lender (reverse repo)"] == pytest.approx(t.interest)
    assert by_side["cash borrower (repo)"] == pytest.approx(-t.interest)


def test_cushion_curve_crosses_zero_at_cushion_pct():
    t = mm.repo_trade(cash=95.0, collateral_value=100.0, haircut=0.05, rate=4.3, days=7)
    curve = mm.cushion_curve(t, max_fall_pct=10, points=1001)
    crossing = curve.loc[curve["cushion"].abs().idxmin(), "fall_pct"]
    assert crossing == pytest.approx(t.cushion_pct, abs=0.01)


def test_calculator_text_matches_report():
    kwargs = {"cash": 95.0, "collateral_value": 100.0, "haircut_pct": 5.0, "rate": 4.3, "days": 7}
    text = mm.repo_calculator_text(**kwargs)
    t = mm.repo_trade(kwargs["cash"], kwargs["collateral_value"], kwargs["haircut_pct"] / 100,
                        kwargs["rate"], kwargs["days"])
    assert text == t.report()


# ---------------------------------------------------------------------------
# Repo calculator: bad input
# ---------------------------------------------------------------------------
GOOD = {"cash": 100.0, "collateral_value": 102.0, "haircut": 0.02, "rate": 4.0, "days": 1}


@pytest.mark.parametrize("name, value", [
    ("cash", -1.0), ("cash", 0.0), ("cash", float("nan")), ("cash", float("inf")),
    ("collateral_value", 0), ("collateral_value", -5),
    ("haircut", 1.0), ("haircut", -0.01), ("haircut", 2),
    ("rate", 51), ("rate", -6), ("rate", float("nan")),
    ("days", 0), ("days", -3), ("days", 731),
])
def test_bad_values_raise_valueerror_naming_parameter(name, value):
    with pytest.raises(ValueError, match=name):
        mm.repo_trade(**{**GOOD, name: value})


@pytest.mark.parametrize("name, value", [
    ("cash", "100"), ("cash", None), ("cash", True), ("haircut", "2%"), ("rate", [4.0]),
    ("days", 1.5), ("days", "7"), ("days", True), ("collateral_value", None),
])
def test_bad_types_raise_typeerror_naming_parameter(name, value):
    with pytest.raises(TypeError, match=name):
        mm.repo_trade(**{**GOOD, name: value})


def test_calculator_text_validates_percent_haircut():
    with pytest.raises(ValueError, match="haircut_pct"):
        mm.repo_calculator_text(cash=1, collateral_value=1, haircut_pct=100, rate=1, days=1)
    with pytest.raises(TypeError, match="haircut_pct"):
        mm.repo_calculator_text(cash=1, collateral_value=1, haircut_pct="5", rate=1, days=1)


def test_cashflows_and_curve_need_a_trade():
    with pytest.raises(TypeError, match="trade"):
        mm.repo_cashflows({"cash": 1})
    with pytest.raises(TypeError, match="trade"):
        mm.cushion_curve(None)
    t = mm.repo_trade(**GOOD)
    with pytest.raises(ValueError, match="max_fall_pct"):
        mm.cushion_curve(t, max_fall_pct=0)


# ---------------------------------------------------------------------------
# Repo calculator: properties over learner input
# ---------------------------------------------------------------------------
money = st.floats(min_value=0.01, max_value=1e6, allow_nan=False, allow_infinity=False)


@settings(max_examples=50, deadline=None)
@given(cash=money, collateral=money, haircut=st.floats(min_value=0, max_value=0.99),
       rate=st.floats(min_value=-5, max_value=50), days=st.integers(min_value=1, max_value=730))
def test_trade_identities(cash, collateral, haircut, rate, days):
    t = mm.repo_trade(cash, collateral, haircut, rate, days)
    assert math.isclose(t.repurchase_price, cash + t.interest, rel_tol=1e-12)
    assert math.isclose(t.cushion, collateral - t.repurchase_price, rel_tol=1e-9, abs_tol=1e-9)
    assert (t.interest >= 0) == (rate >= 0) or t.interest == 0
    assert t.max_cash <= collateral + 1e-9
    assert t.covered == (t.shortfall <= 1e-9 * max(1.0, cash))
    if t.covered:
        assert cash <= t.max_cash * (1 + 1e-9) + 1e-9
    cf = mm.repo_cashflows(t)
    assert abs(cf["cash"].sum()) < 1e-6 * max(1.0, cash)
    assert isinstance(t.report(), str)


@settings(max_examples=50, deadline=None)
@given(value=st.one_of(st.text(max_size=3), st.none(), st.booleans(), st.lists(st.floats(), max_size=2)))
def test_non_numbers_always_typeerror(value):
    with pytest.raises(TypeError):
        mm.repo_trade(**{**GOOD, "cash": value})


# ---------------------------------------------------------------------------
# Corridor and stress tables
# ---------------------------------------------------------------------------
def test_corridor_weekly_keeps_the_2019_spike(rates):
    w = mm.corridor_weekly(rates)
    assert len(w) <= 2000
    assert w.index.min() >= pd.Timestamp("2018-04-01")
    assert (w.index.day_of_week == 2).all()  # weeks ending Wednesday
    assert w.loc["2019-09-18", "sofr_high"] == pytest.approx(rates.loc["2019-09-17", "sofr"])
    assert w.loc["2019-09-18", "sofr_high"] > w.loc["2019-09-18", "sofr"]
    assert (w["target_upper"] - w["target_lower"] >= 0.25 - 1e-9).all()
    assert w.loc[: "2021-07-27", "iorb"].isna().all()


def test_corridor_weekly_bad_input(rates):
    with pytest.raises(TypeError, match="rates"):
        mm.corridor_weekly(rates["sofr"])
    with pytest.raises(ValueError, match="iorb"):
        mm.corridor_weekly(rates.drop(columns="iorb"))
    with pytest.raises(ValueError, match="start"):
        mm.corridor_weekly(rates, start="2099-01-01")
    with pytest.raises(ValueError, match="start"):
        mm.corridor_weekly(rates, start="not a date")


def test_stress_spread_switches_benchmark(rates):
    d = mm.stress_spread(rates)
    assert (d.loc[: "2021-07-28", "benchmark"] == "top of target range").all()
    assert (d.loc["2021-07-29":, "benchmark"] == "IORB").all()
    assert d.loc["2019-09-17", "spread_bp"] == pytest.approx(
        100 * (rates.loc["2019-09-17", "sofr"] - rates.loc["2019-09-17", "target_upper"]))
    day = "2025-10-31"
    assert d.loc[day, "spread_bp"] == pytest.approx(100 * (rates.loc[day, "sofr"] - rates.loc[day, "iorb"]))
    assert d["spread_bp"].notna().all()


def test_weekly_stress_and_notes(rates):
    ws = mm.weekly_stress(rates)
    assert len(ws) <= 2000
    assert (ws["high_bp"] >= ws["mean_bp"] - 1e-9).all()
    notes = mm.stress_notes(ws, [("2019-09-17", "spike"), ("2025-10-31", "SRF")])
    assert list(notes["date"].dt.strftime("%Y-%m-%d")) == ["2019-09-18", "2025-11-05"]
    assert list(notes["benchmark"]) == ["top of target range", "IORB"]
    daily = mm.stress_spread(rates)
    assert notes.loc[0, "y"] == pytest.approx(daily.loc["2019-09-12":"2019-09-18", "spread_bp"].max())
    with pytest.raises(ValueError, match="outside"):
        mm.stress_notes(ws, [("2001-01-01", "too early")])
    with pytest.raises(TypeError, match="pair"):
        mm.stress_notes(ws, [("2019-09-17",)])
    with pytest.raises(TypeError, match="items"):
        mm.stress_notes(ws, "2019-09-17")


def test_corridor_stats(rates):
    s = mm.corridor_stats(rates)
    assert s.loc[2019, "max_sofr_minus_top_bp"] == pytest.approx(
        mm.stress_spread(rates).loc["2019", "spread_bp"].max())
    assert s["above_top_pct"].between(0, 100).all()
    assert np.isnan(s.loc[2019, "above_iorb_pct"])


def test_spread_vs_reserves(rates, fed):
    p = mm.spread_vs_reserves(rates, fed)
    assert len(p) <= 2000
    assert p.index.min() >= pd.Timestamp("2021-07-29")
    week = pd.Timestamp("2025-11-05")
    daily = mm.stress_spread(rates).loc["2025-10-30":"2025-11-05", "spread_bp"]
    assert p.loc[week, "spread_bp"] == pytest.approx(daily.mean(), abs=0.01)
    assert p.loc[week, "share_pct"] == pytest.approx(
        100 * fed.loc[week, "reserves"] / fed.loc[week, "total_assets"], abs=0.01)
    with pytest.raises(ValueError, match="total_assets"):
        mm.spread_vs_reserves(rates, fed[["reserves", "on_rrp"]])


# ---------------------------------------------------------------------------
# Binned medians and the knee fit
# ---------------------------------------------------------------------------
def test_binned_medians_known():
    x = [0.5, 1.5, 1.6, 1.7, 2.2, 2.3, 2.4, 2.9]
    y = [9, 1, 2, 3, 10, 20, 30, 40]
    out = mm.binned_medians(x, y, width=1.0, min_count=3)
    assert list(out["bin_lo"]) == [1.0, 2.0]
    assert list(out["median"]) == [2.0, 25.0]
    assert list(out["count"]) == [3, 4]
    assert list(out["mid"]) == [1.5, 2.5]


def test_binned_medians_bad_input():
    with pytest.raises(ValueError, match="width"):
        mm.binned_medians([1, 2], [1, 2], width=0)
    with pytest.raises(ValueError, match="same length"):
        mm.binned_medians([1, 2], [1], width=1)
    with pytest.raises(TypeError, match="x"):
        mm.binned_medians("abc", [1, 2, 3], width=1)
    with pytest.raises(ValueError, match="no pair"):
        mm.binned_medians([np.nan], [1.0], width=1)


def test_fit_knee_recovers_a_known_bend():
    rng = np.random.default_rng(2)
    x = rng.uniform(2000, 4000, 400)
    y = np.where(x < 3000, -10 - 0.05 * (x - 3000), -10.0) + rng.normal(0, 0.5, 400)
    fit = mm.fit_knee(x, y, candidates=400)
    assert fit.knee == pytest.approx(3000, abs=40)
    assert fit.slope_below == pytest.approx(-0.05, abs=0.005)
    assert fit.slope_above == pytest.approx(0.0, abs=0.003)
    assert fit.level == pytest.approx(-10, abs=0.5)
    assert fit.n == 400
    assert fit.predict([fit.knee])[0] == pytest.approx(fit.level)


def test_fit_knee_bad_input():
    with pytest.raises(ValueError, match="at least 5"):
        mm.fit_knee([1, 2, 3], [1, 2, 3])
    with pytest.raises(ValueError, match="single value"):
        mm.fit_knee([1.0] * 6, [1, 2, 3, 4, 5, 6])
    with pytest.raises(ValueError, match="min_share"):
        mm.fit_knee(range(10), range(10), min_share=0.5)
    with pytest.raises(TypeError, match="candidates"):
        mm.fit_knee(range(10), range(10), candidates=2.5)


@settings(max_examples=50, deadline=None)
@given(st.lists(st.tuples(st.floats(-1e3, 1e3), st.floats(-1e3, 1e3)), min_size=5, max_size=40))
def test_fit_knee_never_worse_than_a_flat_line(points):
    x = np.array([p[0] for p in points])
    y = np.array([p[1] for p in points])
    if np.ptp(x) == 0:
        return
    fit = mm.fit_knee(x, y, candidates=20)
    flat = float(((y - y.mean()) ** 2).sum())
    assert fit.sse <= flat * (1 + 1e-9) + 1e-6
    assert np.nanmin(x) <= fit.knee <= np.nanmax(x)


def test_reserve_knee_on_the_snapshot(rates, fed):
    p = mm.spread_vs_reserves(rates, fed)
    fit = mm.fit_knee(p["reserves"], p["spread_bp"])
    # the spread rises as reserves fall below the knee and is nearly flat above it
    assert fit.slope_below < 0
    assert abs(fit.slope_above) < abs(fit.slope_below)


# ---------------------------------------------------------------------------
# Overnight repo versus permanent purchase
# ---------------------------------------------------------------------------
def test_injection_paths_known():
    paths = mm.injection_paths(38, horizon_days=30, nights=1)
    assert len(paths) == 30
    assert paths["overnight_repo"].tolist() == [38.0] + [0.0] * 29
    assert (paths["permanent_purchase"] == 38).all()
    days = mm.reserve_days(paths)
    assert days["overnight_repo"] == 38
    assert days["permanent_purchase"] == 38 * 30
    rolled = mm.reserve_days(mm.injection_paths(38, 30, nights=30))
    assert rolled["overnight_repo"] == rolled["permanent_purchase"]
    assert mm.reserve_days(mm.injection_paths(10, 5, nights=99))["overnight_repo"] == 50


@settings(max_examples=50, deadline=None)
@given(amount=st.floats(min_value=0.01, max_value=10_000), horizon=st.integers(1, 400),
       nights=st.integers(0, 400))
def test_injection_reserve_days_property(amount, horizon, nights):
    d = mm.reserve_days(mm.injection_paths(amount, horizon, nights))
    assert d["overnight_repo"] == pytest.approx(amount * min(nights, horizon))
    assert d["permanent_purchase"] == pytest.approx(amount * horizon)
    assert d["overnight_repo"] <= d["permanent_purchase"] * (1 + 1e-12)


def test_injection_bad_input():
    with pytest.raises(ValueError, match="amount"):
        mm.injection_paths(-38)
    with pytest.raises(TypeError, match="amount"):
        mm.injection_paths("38")
    with pytest.raises(ValueError, match="horizon_days"):
        mm.injection_paths(38, horizon_days=0)
    with pytest.raises(TypeError, match="nights"):
        mm.injection_paths(38, nights=1.5)
    with pytest.raises(TypeError, match="paths"):
        mm.reserve_days([1, 2])
    with pytest.raises(ValueError, match="overnight_repo"):
        mm.reserve_days(pd.DataFrame({"x": [1]}))


# ---------------------------------------------------------------------------
# Sourced SRF figures
# ---------------------------------------------------------------------------
def test_srf_records_from_policy_events(events):
    srf = mm.srf_records(events)
    assert list(srf.index.strftime("%Y-%m-%d")) == ["2025-10-31", "2025-12-31"]
    assert srf["amount_bn"].tolist() == [50.35, 74.6]
    assert (srf["checked"] == "secondary").all()  # press reports: the lesson must say so
    assert srf["source_url"].str.startswith("https://www.newyorkfed.org/").all()
    with pytest.raises(ValueError, match="kind"):
        mm.srf_records(events.drop(columns="kind"))


# ---------------------------------------------------------------------------
# Charts: aggregated, titled, sourced, with their interactive parameters
# ---------------------------------------------------------------------------
def _rows(spec: dict) -> int:
    return sum(len(v) for v in spec.get("datasets", {}).values())


def test_charts_are_small_and_interactive(rates, fed, events):
    t = mm.repo_trade(95.0, 100.0, 0.05, 4.3, 7)
    ws = mm.weekly_stress(rates)
    notes = mm.stress_notes(ws, [("2019-09-17", "a"), ("2025-10-31", "b")])
    p = mm.spread_vs_reserves(rates, fed)
    fits = {c: mm.fit_knee(p[c], p["spread_bp"]) for c in ("reserves", "share_pct")}
    meds = {"reserves": mm.binned_medians(p["reserves"], p["spread_bp"], 100),
            "share_pct": mm.binned_medians(p["share_pct"], p["spread_bp"], 2)}
    charts = {
        "cushion": mm.cushion_chart(t),
        "corridor": mm.corridor_chart(mm.corridor_weekly(rates)),
        "stress": mm.stress_chart(ws, notes),
        "on_rrp": mm.on_rrp_chart(fed),
        "demand": mm.reserve_demand_chart(p, fits, meds),
        "injection": mm.injection_chart(mm.injection_paths(38, 30)),
    }
    for name, chart in charts.items():
        spec = chart.to_dict()
        assert 0 < _rows(spec) <= 2000, name
        title = spec["title"]
        assert title["text"] and "Source:" in title["subtitle"][-1], name
    assert "period" in str(charts["corridor"].to_dict()["params"])
    inj = charts["injection"].to_dict()
    assert {p["name"] for p in inj["params"]} == {"amount", "nights"}
    assert all("bind" in p for p in inj["params"])
    assert "bind" in str(charts["stress"].to_dict())


def test_chart_inputs_validated(rates):
    with pytest.raises(ValueError, match="rows"):
        mm.corridor_chart(mm.corridor_weekly(rates).reindex(
            pd.date_range("2000-01-05", periods=2001, freq="W-WED")))
    with pytest.raises(TypeError, match="notes"):
        mm.stress_chart(mm.weekly_stress(rates), notes=None)
    with pytest.raises(ValueError, match="paths covers 1 day"):
        mm.injection_chart(mm.injection_paths(38, horizon_days=1))
    with pytest.raises(ValueError, match="the amount in paths"):
        mm.injection_chart(mm.injection_paths(500, horizon_days=30))
    with pytest.raises(TypeError, match="paths"):
        mm.injection_chart(None)


# ---------------------------------------------------------------------------
# The topic's inputs, the reserve-demand report and the widget callback (benchmarks/money_markets.py)
# ---------------------------------------------------------------------------
def test_inputs_are_the_three_tables_as_copies(rates):
    got = mm.inputs()
    assert got._fields == ("rates", "fed", "events")
    assert got.rates.equals(rates) and got.fed.index.name == "date" and "kind" in got.events
    got.rates.iloc[0, 0] = -99.0  # a copy: the next call is unchanged
    assert mm.inputs().rates.iloc[0, 0] != -99.0


def test_reserve_demand_report(rates, fed):
    p = mm.spread_vs_reserves(rates, fed)
    fits = {c: mm.fit_knee(p[c], p["spread_bp"]) for c in ("reserves", "share_pct")}
    lines = mm.reserve_demand_report(p, fits).splitlines()
    assert len(lines) == 5
    assert lines[0].startswith(f"{len(p)} weeks. Knee at about ${fits['reserves'].knee:,.0f}B of reserves")
    below = p[p["reserves"] < fits["reserves"].knee]
    assert f"in the {len(below)} weeks below the knee" in lines[1]
    assert lines[2] == f"Weeks below the knee, by year: {below.index.year.value_counts().sort_index().to_dict()}"
    assert "nan" not in "\n".join(lines)
    with pytest.raises(TypeError, match="fits"):
        mm.reserve_demand_report(p, None)
    with pytest.raises(ValueError, match="share_pct"):
        mm.reserve_demand_report(p, {"reserves": fits["reserves"]})
    with pytest.raises(ValueError, match="pairs has no week above the knee"):
        mm.reserve_demand_report(p[p["reserves"] < fits["reserves"].knee], fits)


def test_bench_entries_run():
    """benchmarks/money_markets.py (timed by make bench) calls the public API and gets the widget's answer."""
    bench = runpy.run_path(str(Path(__file__).resolve().parent.parent / "benchmarks" / "money_markets.py"))["BENCH"]
    assert bench
    for name, (fn, kwargs) in bench.items():
        assert fn(**kwargs) == mm.repo_trade(95.0, 100.0, 0.05, 4.3, 7).report(), name


# ---------------------------------------------------------------------------
# The public face: odd input is refused by name, never answered with an empty table or chart
# ---------------------------------------------------------------------------
def test_no_empty_answers(rates, fed, events):
    ws = mm.weekly_stress(rates)
    with pytest.raises(ValueError, match="items is empty"):
        mm.stress_notes(ws, [])
    with pytest.raises(ValueError, match="items"):
        mm.stress_notes(ws, [("2019-09-17 12:00:00+00:00", "a time zone")])
    p = mm.spread_vs_reserves(rates, fed)
    with pytest.raises(ValueError, match="width=0.5 holds min_count=3"):
        mm.binned_medians(p["reserves"], p["spread_bp"], width=0.5)
    with pytest.raises(ValueError, match="different indexes"):
        mm.fit_knee(p["reserves"].iloc[::-1], p["spread_bp"])
    with pytest.raises(ValueError, match="SRF amount"):
        mm.srf_records(events.loc[:"2020"])
    with pytest.raises(ValueError, match="share no week"):
        mm.spread_vs_reserves(rates, fed.loc[:"2020"])
    with pytest.raises(ValueError, match="start"):
        mm.on_rrp_chart(fed, start="2030-01-01")
    with pytest.raises(ValueError, match="not in date order"):
        mm.corridor_weekly(rates.iloc[::-1])
    with pytest.raises(ValueError, match="medians"):
        mm.reserve_demand_chart(p, {c: mm.fit_knee(p[c], p["spread_bp"]) for c in ("reserves", "share_pct")}, {})


def test_rates_before_iorb_are_allowed(rates):
    early = rates.loc["2018":"2020"]  # IORB is all missing here: the column is needed, not its values
    assert (mm.stress_spread(early)["benchmark"] == "top of target range").all()
    assert mm.corridor_weekly(early)["iorb"].isna().all()
    with pytest.raises(ValueError, match="iorb"):
        mm.stress_spread(early.drop(columns="iorb"))


# ---------------------------------------------------------------------------
# The Chinese edition
# ---------------------------------------------------------------------------
def test_chinese_edition_translates_charts_and_reports(rates, fed):
    """With helpers.setup(lang="zh-hans") chart titles, source lines and the printed reports are in
    简体中文; the English comes back unchanged after helpers.setup(lang="en")."""
    trade = mm.repo_trade(cash=95.0, collateral_value=100.0, haircut=0.05, rate=4.3, days=7)
    pairs = mm.spread_vs_reserves(rates, fed)
    fits = {c: mm.fit_knee(pairs[c], pairs["spread_bp"]) for c in ("reserves", "share_pct")}
    weekly = mm.corridor_weekly(rates)
    english = (trade.report(), mm.reserve_demand_report(pairs, fits), mm.corridor_chart(weekly).to_dict()["title"])
    helpers.setup(lang="zh-hans")
    try:
        title = mm.corridor_chart(weekly).to_dict()["title"]
        cushion = mm.cushion_chart(trade).to_dict()["title"]
        injection = mm.injection_chart(mm.injection_paths(38, horizon_days=30)).to_dict()
        report = trade.report()
        knee = mm.reserve_demand_report(pairs, fits)
    finally:
        helpers.setup(lang="en")
    assert title["text"] == "利率走廊：SOFR 和 EFFR 贴近目标区间（灰色），压力时期除外"
    assert title["subtitle"][-1].startswith("来源：FRED（圣路易斯联邦储备银行）")
    assert cushion["text"].startswith("折扣率是贷方的缓冲")
    assert "30 天内：回购 " in str(injection)  # the slider sentence, a Vega expression
    assert report.splitlines()[0].startswith("回购：") and report.splitlines()[1].startswith("  利息 = ")
    assert knee.splitlines()[0].startswith(f"{len(pairs)} 周。拐点约在准备金")
    by_year = pairs[pairs["reserves"] < fits["reserves"].knee].index.year.value_counts().sort_index().to_dict()
    assert knee.splitlines()[2] == f"拐点以下的周数，按年份：{by_year}"
    again = (trade.report(), mm.reserve_demand_report(pairs, fits), mm.corridor_chart(weekly).to_dict()["title"])
    assert again == english
    assert english[0].startswith("Repo: borrow $95.00M for 7 day(s)")
