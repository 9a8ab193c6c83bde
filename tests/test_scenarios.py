"""helpers.scenarios: the balance-sheet identity, regimes, the toy simulation, tables and charts."""
import importlib.util
import json
import math
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import helpers
from helpers import scenarios as sc

START = {"total_assets": 7000.0, "reserves": 3000.0, "tga": 800.0, "on_rrp": 200.0}
ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module", autouse=True)
def _setup():
    helpers.setup()


@pytest.fixture(scope="module")
def data() -> sc.ScenarioInputs:
    return sc.inputs()


# ---------------------------------------------------------------- Scenario and identity
def test_default_scenario_and_label():
    s = sc.Scenario()
    assert s.purchase_pace == 40.0 and s.purchase_months == 4 and s.horizon_weeks == 52
    assert s.purchase_weeks == 17
    assert "label only" in s.label() and "$40B/month" in s.label()


@pytest.mark.parametrize("field, value", [
    ("purchase_pace", "40"), ("purchase_months", 4.5), ("rate_path_bp", True), ("tga_weeks", None),
    ("horizon_weeks", 52.0),
])
def test_scenario_wrong_types(field, value):
    with pytest.raises(TypeError, match=field):
        sc.Scenario(**{field: value})


@pytest.mark.parametrize("field, value", [
    ("purchase_pace", -1.0), ("purchase_pace", math.nan), ("purchase_months", 25), ("rate_path_bp", 150),
    ("tga_target", 2500.0), ("tga_weeks", 0), ("on_rrp_target", -5.0), ("on_rrp_weeks", 53),
    ("other_trend", 101.0), ("horizon_weeks", 3), ("horizon_weeks", 105),
])
def test_scenario_bad_values_name_the_parameter_and_the_range(field, value):
    with pytest.raises(ValueError, match=rf"{field}=.*allowed"):
        sc.Scenario(**{field: value})


def test_known_path():
    s = sc.Scenario(purchase_pace=30.0, purchase_months=3, tga_target=900.0, tga_weeks=4,
                    on_rrp_target=0.0, on_rrp_weeks=2, other_trend=13.0, horizon_weeks=26)
    path = sc.liquidity_path(s, START)
    assert list(path["week"]) == list(range(27))
    assert "date" not in path  # a plain dict has no date
    assert path["purchases"].iloc[13] == pytest.approx(90.0)  # 3 months = 13 weeks, $90B in all
    assert path["purchases"].iloc[-1] == pytest.approx(90.0)
    assert path["tga"].iloc[2] == pytest.approx(850.0) and path["tga"].iloc[-1] == pytest.approx(900.0)
    assert path["on_rrp"].iloc[1] == pytest.approx(100.0) and path["on_rrp"].iloc[-1] == 0.0
    assert path["currency_other"].iloc[0] == pytest.approx(3000.0)
    assert path["currency_other"].iloc[-1] == pytest.approx(3000.0 + 13.0 * 26 / (52 / 12))
    # 90 bought, TGA +100, ON RRP -200, currency +78 over 26 weeks
    assert path["reserves"].iloc[-1] == pytest.approx(3000.0 + 90 - 100 + 200 - 78)
    assert path["net_liquidity"].iloc[-1] == pytest.approx(7090.0 - 900.0 - 0.0)


def test_path_from_the_snapshot_starts_at_its_last_week():
    start = sc.start_point()
    bs = helpers.load("fed_balance_sheet")
    assert start.name == bs.index[-1]
    path = sc.liquidity_path()
    assert path["date"].iloc[0] == bs.index[-1]
    assert path["date"].iloc[-1] == bs.index[-1] + pd.Timedelta(weeks=52)
    assert path["reserves"].iloc[0] == pytest.approx(bs["reserves"].iloc[-1])
    assert path["net_liquidity"].iloc[0] == pytest.approx(bs["net_liquidity"].iloc[-1], abs=0.01)


def test_rate_label_starts_from_a_given_range():
    s = sc.Scenario()
    assert "rates held at 3.75–4.00 %" in s.label((3.75, 4.0))
    assert "+25 bp a quarter from 3.50–3.75 %" in sc.Scenario(rate_path_bp=25).label((3.5, 3.75))
    assert "rates on hold" in s.label()
    with pytest.raises(TypeError, match="rate_from"):
        s.label(4.0)
    with pytest.raises(ValueError, match="rate_from"):
        s.label((4.0, 3.75))


def test_rate_start_is_the_last_target_range_in_the_data():
    r = sc.rate_start()
    rates = helpers.load("policy_rates")[["target_lower", "target_upper"]].dropna()
    assert (r["lower"], r["upper"]) == tuple(rates.iloc[-1])
    assert r["as_of"] == rates.index[-1]
    held = rates.loc[r["since"]:]
    assert (held["target_upper"] == r["upper"]).all() and (held["target_lower"] == r["lower"]).all()
    before = rates.loc[:r["since"]].iloc[:-1]
    assert len(before) == 0 or tuple(before.iloc[-1]) != (r["lower"], r["upper"])
    # the default scenario's report states the range it starts from
    assert f"rates held at {r['lower']:.2f}–{r['upper']:.2f} %" in sc.run_scenario(seed=6, n_paths=50).report()


def test_price_start_is_the_last_btc_close_and_its_date_is_stated():
    price, day = sc.price_start()
    btc = helpers.load("markets")["btc"].dropna()
    assert price == pytest.approx(float(btc.iloc[-1])) and day == btc.index[-1]
    res = sc.run_scenario(seed=6, n_paths=50)
    assert res.start_price == pytest.approx(price) and res.prices[0, 0] == pytest.approx(price)
    text = res.report()
    assert f"${price:,.0f} (bitcoin's last close in the snapshot, {day.date()}" in text
    gap = (day - sc.start_point().name).days
    if gap:
        assert f"week 0 is {abs(gap)} days" in text
    assert "given by hand" in sc.run_scenario(seed=6, n_paths=50, start_price=100.0).report()


def test_no_change_scenario_keeps_reserves_flat():
    s = sc.Scenario(purchase_pace=0.0, purchase_months=0, tga_target=START["tga"],
                    on_rrp_target=START["on_rrp"], other_trend=0.0)
    path = sc.liquidity_path(s, START)
    assert np.allclose(path["reserves"], START["reserves"])
    assert not sc.scenario_regimes(path).any()  # flat counts as contracting


def test_reserves_change():
    assert sc.reserves_change(50, 30, -10, 5) == 25
    assert sc.reserves_change(0, d_tga=100) == -100
    with pytest.raises(TypeError, match="d_tga"):
        sc.reserves_change(1, "2")
    with pytest.raises(ValueError, match="d_assets"):
        sc.reserves_change(1e6)


def test_liquidity_path_bad_inputs():
    with pytest.raises(TypeError, match="scenario"):
        sc.liquidity_path({"purchase_pace": 40})
    with pytest.raises(TypeError, match="start"):
        sc.liquidity_path(sc.Scenario(), [1, 2, 3])
    with pytest.raises(ValueError, match="missing on_rrp"):
        sc.liquidity_path(sc.Scenario(), {k: v for k, v in START.items() if k != "on_rrp"})
    with pytest.raises(ValueError, match="total_assets"):
        sc.liquidity_path(sc.Scenario(), dict(START, total_assets=100.0))
    with pytest.raises(TypeError, match="reserves"):
        sc.liquidity_path(sc.Scenario(), dict(START, reserves="3000"))
    with pytest.raises(TypeError):
        sc.identity_gap("path")
    with pytest.raises(ValueError, match="path is missing column"):
        sc.identity_gap(pd.DataFrame({"reserves": [1.0]}))
    with pytest.raises(ValueError, match="path is missing column"):
        sc.scenario_regimes(pd.DataFrame({"x": [1]}))
    with pytest.raises(ValueError, match="week order"):
        sc.identity_gap(sc.liquidity_path(sc.Scenario(), START).iloc[::-1])


scenarios = st.builds(
    sc.Scenario,
    purchase_pace=st.floats(0, 300),
    purchase_months=st.integers(0, 24),
    rate_path_bp=st.integers(-100, 100),
    tga_target=st.floats(0, 2000),
    tga_weeks=st.integers(1, 52),
    on_rrp_target=st.floats(0, 2500),
    on_rrp_weeks=st.integers(1, 52),
    other_trend=st.floats(-100, 100),
    horizon_weeks=st.integers(4, 104),
)
starts = st.fixed_dictionaries({
    "reserves": st.floats(0, 5000), "tga": st.floats(0, 2000), "on_rrp": st.floats(0, 2500),
    "other": st.floats(0, 5000),
}).map(lambda d: {"total_assets": d["reserves"] + d["tga"] + d["on_rrp"] + d["other"],
                  "reserves": d["reserves"], "tga": d["tga"], "on_rrp": d["on_rrp"]})


@settings(max_examples=50, deadline=None)
@given(scenarios, starts)
def test_identity_holds_for_any_scenario(scenario, start):
    path = sc.liquidity_path(scenario, start)
    assert len(path) == scenario.horizon_weeks + 1
    assert not path.isna().any().any()
    levels = path["total_assets"] - path["tga"] - path["on_rrp"] - path["currency_other"]
    assert np.allclose(path["reserves"], levels, atol=1e-6)
    assert sc.identity_gap(path) < 1e-6
    assert np.allclose(path["net_liquidity"], path["total_assets"] - path["tga"] - path["on_rrp"])
    assert path["purchases"].iloc[-1] == pytest.approx(
        scenario.purchase_pace * scenario.purchase_months * min(1, scenario.horizon_weeks / max(scenario.purchase_weeks, 1))
        if scenario.purchase_weeks else 0.0, abs=1e-6)
    reg = sc.scenario_regimes(path)
    assert reg.dtype == bool and len(reg) == scenario.horizon_weeks


@settings(max_examples=50, deadline=None)
@given(scenarios)
def test_the_rate_path_is_a_label_only(scenario):
    from dataclasses import replace

    a = sc.liquidity_path(scenario, START)
    b = sc.liquidity_path(replace(scenario, rate_path_bp=-scenario.rate_path_bp or 50), START)
    pd.testing.assert_frame_equal(a, b)


def test_regimes_follow_the_13_week_change():
    path = pd.DataFrame({"net_liquidity": [100.0] * 5 + [110.0] * 30})
    reg = sc.scenario_regimes(path)
    # weeks 5..17 see the rise within their 13-week window; later weeks are flat again
    assert not reg[:4].any() and reg[4:17].all() and not reg[17:].any()


# ---------------------------------------------------------------- history
def test_history_tables_are_consistent():
    w = sc.weekly_btc()
    assert (w.index.day_of_week == 2).all() and not w.isna().any().any()
    stats = sc.regime_stats()
    assert stats.loc["expanding", "weeks"] + stats.loc["contracting", "weeks"] == stats.loc["all weeks", "weeks"]
    assert stats.loc["all weeks", "weeks"] == len(w)
    spells = sc.regime_spells()
    assert spells["weeks"].sum() == len(w)
    assert (spells["regime"] != spells["regime"].shift()).iloc[1:].all()  # runs alternate
    long = sc.regime_spells(13)
    assert (long["weeks"] >= 13).all() and len(long) < len(spells)
    by_year = sc.regime_gap_by_year(8)
    assert (by_year[["expanding weeks", "contracting weeks"]] >= 8).all().all()
    assert sc.history_regimes().isin(["expanding", "contracting"]).all()
    with pytest.raises(ValueError, match="min_weeks"):
        sc.regime_spells(0)
    with pytest.raises(TypeError, match="min_weeks"):
        sc.regime_gap_by_year(2.5)


# ---------------------------------------------------------------- simulation
regime_arrays = st.lists(st.booleans(), min_size=1, max_size=104).map(lambda x: np.array(x, dtype=bool))


@settings(max_examples=50, deadline=None)
@given(regime_arrays, st.floats(1, 1e6), st.integers(1, 300), st.integers(1, 13), st.integers(0, 2**32 - 1),
       st.booleans(), st.booleans(), st.booleans(), st.booleans())
def test_simulated_prices_are_finite_and_positive(reg, price, n, block, seed, rec, regu, priced, drift):
    p = sc.simulate_prices(reg, price, n_paths=n, block_weeks=block, seed=seed, recession=rec,
                           regulation=regu, priced_in=priced, history_drift=drift)
    assert p.shape == (n, len(reg) + 1)
    assert np.isfinite(p).all() and (p > 0).all()
    assert np.allclose(p[:, 0], price)
    fan = sc.fan_table(p)
    q = fan[["q05", "q25", "q50", "q75", "q95"]].to_numpy()
    assert (np.diff(q, axis=1) >= -1e-9 * q[:, 1:]).all()
    table = sc.probability_table(p, levels=(price,), drawdown=0.3)
    assert ((table["chance (%)"] >= 0) & (table["chance (%)"] <= 100)).all()


def test_simulation_is_deterministic_and_toggles_share_the_draws():
    reg = np.array([True] * 20 + [False] * 32)
    base = sc.simulate_prices(reg, 100.0, seed=3)
    assert np.array_equal(base, sc.simulate_prices(reg, 100.0, seed=3))
    assert not np.array_equal(base, sc.simulate_prices(reg, 100.0, seed=4))
    shocked = sc.simulate_prices(reg, 100.0, seed=3, regulation=True)
    assert np.allclose(shocked[:, -1], base[:, -1] * (1 + sc.REGULATION_SHOCK))
    # priced in: the regimes no longer matter
    a = sc.simulate_prices(np.ones(52, bool), 100.0, seed=3, priced_in=True)
    b = sc.simulate_prices(np.zeros(52, bool), 100.0, seed=3, priced_in=True)
    assert np.array_equal(a, b)
    # recession: the first 26 weeks draw from the contracting pool, plus the shock
    rec = sc.simulate_prices(np.ones(52, bool), 100.0, seed=3, recession=True)
    con = sc.simulate_prices(np.array([False] * 26 + [True] * 26), 100.0, seed=3)
    assert np.allclose(rec[:, -1], con[:, -1] * (1 + sc.RECESSION_SHOCK))


def test_drift_removed_by_default():
    p = sc.simulate_prices(np.ones(52, bool), 100.0, n_paths=4000, seed=1, priced_in=True)
    mean_log = np.log(p[:, -1] / 100.0).mean()
    assert abs(mean_log) < 0.05  # the all-history average is subtracted
    kept = sc.simulate_prices(np.ones(52, bool), 100.0, n_paths=4000, seed=1, priced_in=True, history_drift=True)
    assert np.log(kept[:, -1] / 100.0).mean() > mean_log + 0.2


def test_simulation_bad_inputs():
    reg = np.ones(10, bool)
    with pytest.raises(TypeError, match="regimes"):
        sc.simulate_prices("yes", 100.0)
    with pytest.raises(ValueError, match="bools"):
        sc.simulate_prices(np.ones(10), 100.0)
    with pytest.raises(ValueError, match="start_price"):
        sc.simulate_prices(reg, -5.0)
    with pytest.raises(ValueError, match="n_paths"):
        sc.simulate_prices(reg, 100.0, n_paths=0)
    with pytest.raises(ValueError, match="block_weeks"):
        sc.simulate_prices(reg, 100.0, block_weeks=27)
    with pytest.raises(TypeError, match="recession"):
        sc.simulate_prices(reg, 100.0, recession="yes")
    with pytest.raises(TypeError, match="seed"):
        sc.simulate_prices(reg, 100.0, seed=1.5)


def test_probability_table_known_case():
    prices = np.array([[100.0, 50.0, 120.0], [100.0, 110.0, 90.0], [100.0, 100.0, 100.0], [100.0, 80.0, 60.0]])
    t = sc.probability_table(prices, levels=(95.0,), drawdown=0.3)["chance (%)"]
    assert t["ends above $95"] == 50.0 and t["ends below $95"] == 50.0
    # drawdowns: 50 %, ~18 %, 0 %, 40 % -> two of four beyond 30 %
    assert t["falls more than 30% from a peak on the way"] == 50.0


def test_table_bad_inputs():
    p = np.full((3, 4), 100.0)
    with pytest.raises(TypeError, match="prices"):
        sc.probability_table([[1, 2]])
    with pytest.raises(ValueError, match="prices"):
        sc.probability_table(np.ones(5))
    with pytest.raises(TypeError, match="levels"):
        sc.probability_table(p, levels="90000")
    with pytest.raises(ValueError, match="levels"):
        sc.probability_table(p, levels=())
    with pytest.raises(ValueError, match="drawdown"):
        sc.probability_table(p, drawdown=1.5)
    with pytest.raises(ValueError, match="quantile"):
        sc.fan_table(p, quantiles=(0.5, 2.0))


# ---------------------------------------------------------------- end to end
def test_run_scenario_default_report():
    res = sc.run_scenario(seed=6)
    assert res.prices.shape == (2000, 53)
    assert 0 <= res.expanding_share <= 1
    text = res.report()
    for phrase in ("not a forecast", "Regime mix", "median at week 52", "label only", "lesson 03"):
        assert phrase in text
    assert res.price_date == helpers.load("markets")["btc"].dropna().index[-1]
    assert list(res.table.index)[-1].startswith("falls more than 30%")
    assert len(res.effects()) == 1
    on = sc.run_scenario(seed=6, recession=True, priced_in=True)
    assert math.isnan(on.expanding_share)
    assert len(on.effects()) == 2 and "Recession" in on.effects()[0]


def test_run_scenario_overrides_and_bad_input():
    res = sc.run_scenario(sc.Scenario(horizon_weeks=8), start=START, start_price=100.0, n_paths=50)
    assert res.prices.shape == (50, 9) and res.prices[0, 0] == 100.0
    with pytest.raises(TypeError, match="priced_in"):
        sc.run_scenario(priced_in=1)
    with pytest.raises(ValueError, match="start_price"):
        sc.run_scenario(start_price=0.0)


def test_toggle_effects_and_grid():
    eff = sc.toggle_effects(seed=6, n_paths=500)
    assert list(eff.index) == ["no toggle", "recession", "regulation shock", "already priced in",
                               "keep history's drift"]
    med = eff["median end (USD)"]
    assert med["regulation shock"] < med["no toggle"] and med["recession"] < med["no toggle"]
    liq, fans = sc.scenario_grid("purchase_months", (0, 6), n_paths=200)
    assert set(liq["value"]) == {0.0, 6.0} and set(liq["series"]) == {"Reserves", "Net liquidity"}
    assert len(fans) == 2 * 53
    with pytest.raises(ValueError, match="field"):
        sc.scenario_grid("tga_target", (1,))
    with pytest.raises(TypeError, match="field"):
        sc.scenario_grid(3, (1,))
    with pytest.raises(ValueError, match="values"):
        sc.scenario_grid("purchase_pace", ())


def test_bench_entries_run_and_panel_outputs():
    spec = importlib.util.spec_from_file_location("bench_scenarios", ROOT / "benchmarks" / "scenarios.py")
    bench = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(bench)
    assert set(bench.BENCH) == {"panel_outputs", "run_scenario"}
    for name, (fn, kwargs) in bench.BENCH.items():
        assert fn(**kwargs) is not None, name
    assert not hasattr(sc, "BENCH") and "BENCH" not in sc.__all__
    spec, report, table = sc.panel_outputs(pace=80.0, months=6, tga=1000.0, recession=True)
    assert spec["datasets"]["fan"][0]["week"] == 0.0 and "start" in spec["datasets"]
    assert spec["title"]["text"].startswith("Toy model: median")
    assert "Recession" in report and table.shape[1] == 1
    json.dumps(spec)  # plain JSON for the front end


# ---------------------------------------------------------------- charts
def _datasets(chart):
    return chart.to_dict().get("datasets", {})


def test_charts_have_titles_and_small_data(data):
    res = sc.run_scenario(seed=6)
    liq, fans = sc.scenario_grid("purchase_months", (0, 4, 8), n_paths=200)
    charts = [sc.history_chart(data.balance_sheet, data.policy_events), sc.path_chart(res.path),
              sc.regime_chart(sc.weekly_btc()), sc.price_fan_chart(res),
              sc.slider_chart(liq, fans, value=4), sc.effects_chart(sc.toggle_effects(n_paths=200))]
    for chart in charts:
        spec = chart.to_dict()
        assert spec["title"]["text"]
        for rows in spec.get("datasets", {}).values():
            assert len(rows) <= 2000
    slider = json.dumps(charts[4].to_dict())
    assert '"bind"' in slider
    with pytest.raises(TypeError, match="result"):
        sc.price_fan_chart("res")
    with pytest.raises(TypeError, match="path"):
        sc.path_chart([1, 2])
    with pytest.raises(ValueError, match="field"):
        sc.slider_chart(liq, fans, field="tga")
    with pytest.raises(TypeError, match="title"):
        sc.live_fan_spec(res, 5)


def test_panel_builds():
    import ipywidgets as widgets

    panel = sc.scenario_panel()
    assert isinstance(panel, widgets.VBox)


# ---------------------------------------------------------------- the public face
def test_inputs_are_fresh_copies_and_charts_take_them(data):
    assert list(sc.ScenarioInputs._fields) == ["balance_sheet", "btc", "policy_rates", "policy_events"]
    fresh = sc.inputs()
    fresh.balance_sheet.iloc[:, :] = -1.0
    assert (sc.inputs().balance_sheet["reserves"] > 0).all()
    weekly = sc.weekly_btc()
    weekly["btc"] = -1.0
    assert (sc.weekly_btc()["btc"] > 0).all()  # the memo hands out copies
    with pytest.raises(ValueError, match=r"^start=.* is out of range"):
        sc.history_chart(data.balance_sheet, data.policy_events, start="2999-01-01")
    with pytest.raises(ValueError, match="events has no reserve-management purchases"):
        sc.history_chart(data.balance_sheet, data.policy_events.iloc[:2])
    with pytest.raises(ValueError, match="weekly is missing column"):
        sc.regime_chart(sc.weekly_btc()[["btc"]])
    with pytest.raises(TypeError, match="title"):
        sc.path_chart(sc.liquidity_path(), title=5)


def test_wrappers_name_the_callers_arguments():
    with pytest.raises(ValueError, match=r"^pace=-1 is out of range"):
        sc.panel_outputs(pace=-1)
    with pytest.raises(ValueError, match=r"^rrp=3000"):
        sc.panel_outputs(rrp=3000)
    with pytest.raises(TypeError, match=r"^months"):
        sc.panel_outputs(months=4.5)
    with pytest.raises(ValueError, match=r"^values\[1\]=25 is out of range"):
        sc.scenario_grid("purchase_months", (0, 25))
    with pytest.raises(TypeError, match=r"^values"):
        sc.scenario_grid("purchase_pace", "10")
    with pytest.raises(ValueError, match=r"^levels\[0\]"):
        sc.run_scenario(levels=(0,), n_paths=10)
    with pytest.raises(TypeError, match=r"^quantiles"):
        sc.fan_table(np.full((2, 3), 100.0), quantiles="abc")
    with pytest.raises(ValueError, match=r"^value=5 is not one of"):
        liq, fans = sc.scenario_grid("purchase_months", (0, 4), n_paths=20)
        sc.slider_chart(liq, fans, value=5)
    with pytest.raises(ValueError, match="min_weeks=27|min_weeks=26"):
        sc.regime_gap_by_year(27)
    with pytest.raises(ValueError, match=r"^min_weeks=500: no spell lasts that long"):
        sc.regime_spells(500)


def test_counts_are_bounded():
    with pytest.raises(ValueError, match=r"^n_paths=10001"):
        sc.simulate_prices(np.ones(4, bool), 100.0, n_paths=10_001)
    with pytest.raises(ValueError, match=r"^n_paths=10001"):
        sc.scenario_grid("purchase_months", (0, 4), n_paths=10_001)
    with pytest.raises(ValueError, match="regimes has 105 weeks"):
        sc.simulate_prices(np.ones(105, bool), 100.0)
    with pytest.raises(ValueError, match=r"^seed"):
        sc.run_scenario(seed=2**40, n_paths=10)


# ---------------------------------------------------------------- the Chinese edition
def test_chinese_edition_translates_charts_reports_and_toggles(data):
    """With helpers.setup(lang="zh-hans") chart titles, the report and the toggles' explanations are in
    简体中文; the tables' labels (read back by code) stay English; English comes back after setup(lang="en")."""
    english = sc.run_scenario(seed=6, n_paths=50).report()
    helpers.setup(lang="zh-hans")
    try:
        res = sc.run_scenario(seed=6, n_paths=50, recession=True)
        title = sc.regime_chart(sc.weekly_btc()).to_dict()["title"]
        fan = sc.price_fan_chart(res).to_dict()["title"]["text"]
        spec, report, _ = sc.panel_outputs(recession=True)
        toggles = [text for _, text in sc.TOGGLES.items()] + [sc.TOGGLES["regulation"]]
        effects = sc.toggle_effects(n_paths=50)
    finally:
        helpers.setup(lang="en")
    assert title["text"] == "市场状态经常切换：长的持续期很少"
    assert title["subtitle"][-1].startswith("来源：")
    assert fan.startswith("扇形很宽")
    assert spec["title"]["text"].startswith("玩具模型：第 52 周的中位数")
    lines = report.splitlines()
    assert lines[0].startswith("情景：每月购买 $40B") and "（仅为标签）" in lines[0]
    assert "  - 这不是预测。" in lines[-7]
    assert toggles[0].startswith("经济衰退：") and toggles[-1].startswith("监管冲击：")
    assert list(effects.index)[0] == "no toggle" and list(res.table.index)[-1].startswith("falls more than")
    assert sc.run_scenario(seed=6, n_paths=50).report() == english
    assert sc.TOGGLES["recession"].startswith("Recession: weeks 1–26")
