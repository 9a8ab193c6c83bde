"""Tests for helpers.risk: known cases, properties (hypothesis) and bad input."""
import importlib.util
import math
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from helpers import risk

SETTINGS = settings(max_examples=50, deadline=None)
ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def btc() -> pd.Series:
    return risk.asset_prices("btc")


@pytest.fixture(scope="module")
def markets() -> pd.DataFrame:
    return risk.inputs().markets


def daily(values, start="2020-01-01") -> pd.Series:
    return pd.Series(np.asarray(values, dtype=float), index=pd.date_range(start, periods=len(values), freq="D"))


# Random daily price paths: positive by construction (exp of bounded log returns).
@st.composite
def price_paths(draw, min_len=30, max_len=200):
    n = draw(st.integers(min_len, max_len))
    steps = draw(st.lists(st.floats(-0.4, 0.4, allow_nan=False), min_size=n - 1, max_size=n - 1))
    start = draw(st.floats(0.01, 1e5))
    return daily(start * np.exp(np.concatenate([[0.0], np.cumsum(steps)])))


# ---------------------------------------------------------------------------
# Volatility and drawdowns
# ---------------------------------------------------------------------------
def test_drawdown_known_case():
    dd = risk.drawdown(daily([1, 2, 1, 3, 1.5]))
    assert dd.tolist() == [0.0, 0.0, -0.5, 0.0, -0.5]
    assert risk.max_drawdown(daily([1, 2, 1, 3, 1.5])) == -0.5


def test_worst_drawdowns_dates_and_recovery():
    p = daily([10, 12, 6, 9, 12, 13, 13, 10.4, 11])
    t = risk.worst_drawdowns(p, n=5)
    assert list(t["depth"].round(3)) == [-0.5, -0.2]
    first = t.iloc[0]
    assert first["peak"] == pd.Timestamp("2020-01-02")
    assert first["trough"] == pd.Timestamp("2020-01-03")
    assert first["recovery"] == pd.Timestamp("2020-01-05")
    assert first["days_to_trough"] == 1 and first["days_to_recover"] == 3
    second = t.iloc[1]  # equal closes (13, 13) do not start a drawdown; not recovered at the end
    assert second["peak"] == pd.Timestamp("2020-01-07") and pd.isna(second["recovery"])
    assert math.isnan(second["days_to_recover"])


def test_volatility_of_constant_growth_is_zero_and_annualisation():
    p = daily(100 * 1.01 ** np.arange(60))
    assert risk.annualised_volatility(p, 365) == pytest.approx(0.0, abs=1e-12)
    rng = np.random.default_rng(1)
    q = daily(100 * np.exp(np.cumsum(rng.normal(0, 0.02, 400))))
    ratio = risk.annualised_volatility(q, 365) / risk.annualised_volatility(q, 252)
    assert ratio == pytest.approx(math.sqrt(365 / 252))


def test_rolling_volatility_window_and_no_nans():
    rng = np.random.default_rng(2)
    q = daily(100 * np.exp(np.cumsum(rng.normal(0, 0.02, 300))))
    v = risk.rolling_volatility(q, 90, 365)
    assert v.index[0] == q.index[0] + pd.Timedelta(days=90)  # first return is day 2
    assert v.notna().all() and (v > 0).all()


def test_rolling_volatility_on_trading_days():
    eq = risk.asset_prices("sp500")
    v = risk.rolling_volatility(eq, 90, 252)
    assert v.notna().all() and 0.03 < v.median() < 0.5


@SETTINGS
@given(price_paths())
def test_drawdown_property(p):
    dd = risk.drawdown(p)
    assert dd.notna().all() and (dd <= 0).all() and (dd > -1).all()


# ---------------------------------------------------------------------------
# Staged buying
# ---------------------------------------------------------------------------
def test_staged_known_case():
    p = daily([100, 50, 50, 50, 50, 50, 50, 50, 80])  # start, a fall, later 80
    out = risk.staged_vs_lump(p, tranches=2, spacing_days=1, horizon_days=8)
    row = out.iloc[0]
    assert row["lump"] == pytest.approx(0.8)
    assert row["staged"] == pytest.approx((0.8 + 1.6) / 2)
    assert row["diff"] == pytest.approx(0.4)
    assert len(out) == 1


@SETTINGS
@given(price_paths(), st.integers(1, 20))
def test_one_tranche_equals_lump_sum(p, horizon):
    out = risk.staged_vs_lump(p, tranches=1, spacing_days=7, horizon_days=horizon)
    assert (out["staged"] == out["lump"]).all()
    assert (out["diff"] == 0).all()


@SETTINGS
@given(price_paths(), st.integers(1, 4), st.integers(1, 7))
def test_staged_outcomes_finite_and_positive(p, tranches, spacing):
    out = risk.staged_vs_lump(p, tranches, spacing, horizon_days=(tranches - 1) * spacing + 3)
    assert np.isfinite(out.to_numpy()).all()
    assert (out[["lump", "staged"]] > 0).all().all()
    assert len(out) == len(p) - ((tranches - 1) * spacing + 3)


def test_staged_summary_shares_add_up():
    s = risk.staged_summary(risk.staged_vs_lump(risk.asset_prices("btc"), 3, 7, 182))
    assert s["staged better (share)"] + s["lump sum better (share)"] <= 1.0
    assert s["5th percentile"] < s["median difference"] < s["95th percentile"]


# ---------------------------------------------------------------------------
# Take-profit ladder
# ---------------------------------------------------------------------------
def test_ladder_known_case_levels_then_stop():
    # entry 100; +20 % first on day 2 (sell 25 % at 121), +50 % on day 3 (sell 25 % at 150),
    # high 200 on day 4, then 150 is 25 % below it: the 20 % trailing stop sells the rest
    p = daily([100, 110, 121, 150, 200, 150, 300, 300])
    out = risk.ladder_outcomes(p, levels=(0.2, 0.5), fractions=(0.25, 0.25), trail=0.2,
                               stop_from="last_level", horizon_days=7, entry_every_days=7)
    row = out.iloc[0]
    assert row["hold"] == pytest.approx(3.0)
    assert row["ladder"] == pytest.approx(0.25 * 1.21 + 0.25 * 1.5 + 0.5 * 1.5)
    assert bool(row["stopped"])


def test_ladder_stop_from_entry_fires_before_levels():
    p = daily([100, 95, 70, 130, 160, 160])
    a = risk.ladder_outcomes(p, (0.2, 0.5), (0.25, 0.25), 0.2, "entry", 5, 7).iloc[0]
    assert a["ladder"] == pytest.approx(0.7)  # stopped out at 70 (30 % below the high of 100)
    b = risk.ladder_outcomes(p, (0.2, 0.5), (0.25, 0.25), 0.2, "last_level", 5, 7).iloc[0]
    assert b["ladder"] == pytest.approx(0.25 * 1.3 + 0.75 * 1.6)


def test_ladder_without_sales_equals_hold():
    p = risk.asset_prices("btc")
    out = risk.ladder_outcomes(p, (0.2, 0.5), (0.0, 0.0), None, "entry", 180, 7)
    assert np.allclose(out["ladder"], out["hold"], rtol=0, atol=1e-12)
    assert not out["stopped"].any()


@SETTINGS
@given(price_paths(min_len=40), st.floats(0.01, 1.0), st.floats(0.0, 0.5), st.floats(0.0, 0.5),
       st.one_of(st.none(), st.floats(0.01, 0.9)), st.sampled_from(["entry", "last_level"]),
       st.integers(5, 30))
def test_ladder_value_stays_within_the_path(p, level1, f1, f2, trail, stop_from, horizon):
    out = risk.ladder_outcomes(p, (level1, level1 + 0.3), (f1, f2), trail, stop_from, horizon, 3)
    x = p.to_numpy()
    assert np.isfinite(out[["hold", "ladder", "diff"]].to_numpy()).all()
    for entry, row in zip(out.index, out.itertuples()):
        i = p.index.get_loc(entry)
        rel = x[i:i + horizon + 1] / x[i]
        assert rel.min() - 1e-9 <= row.ladder <= rel.max() + 1e-9
        assert row.ladder > 0


def test_ladder_summary_shares():
    s = risk.ladder_numbers()
    assert list(s.index) == ["hold", "ladder"]
    total = s.loc["hold", "wins"] + s.loc["ladder", "wins"] + s.loc["ladder", "ties"]
    assert total == pytest.approx(1.0)


# ---------------------------------------------------------------------------
# Leverage and liquidation
# ---------------------------------------------------------------------------
def test_liquidation_price_known_values():
    # Binance's isolated-margin formula with no maintenance amount gives the same numbers
    assert risk.liquidation_price(60_000, 20, "long", 0.005) == pytest.approx(60_000 * 0.95 / 0.995)
    assert risk.liquidation_price(2_000, 10, "short", 0.005) == pytest.approx(2_000 * 1.1 / 1.005)
    assert risk.liquidation_price(100, 1, "long", 0.0) == 0.0
    assert risk.liquidation_price(100, 10, "long", 0.0) == pytest.approx(90.0)
    assert risk.liquidation_price(100, 10, "short", 0.0) == pytest.approx(110.0)


@SETTINGS
@given(st.floats(1.0, 150.0), st.floats(1.0, 150.0), st.floats(0.0, 0.0066), st.floats(1.0, 1e6))
def test_liquidation_price_monotone_in_leverage(l1, l2, mm, entry):
    lo, hi = sorted((l1, l2))
    long_lo, long_hi = (risk.liquidation_price(entry, x, "long", mm) for x in (lo, hi))
    short_lo, short_hi = (risk.liquidation_price(entry, x, "short", mm) for x in (lo, hi))
    # long: rises toward the entry price as leverage rises; short: falls toward it
    assert 0 <= long_lo <= long_hi < entry
    assert short_lo >= short_hi > entry
    if hi > lo * (1 + 1e-9):
        assert long_lo < long_hi and short_lo > short_hi


def test_liquidation_frequency_known_case():
    # entry 100 at day 0; a 10x long (mm 0) dies at 90
    p = daily([100, 95, 89, 100, 100, 100])
    t = risk.liquidation_frequency(p, [10, 20], [2], "long", 0.0)
    # start days 0..3: day0 sees 95, 89 -> hit; day1 (95) sees 89 -> 89/95 = 0.937 > 0.9 no;
    # day2 (89) sees 100, 100 no; day3 sees 100, 100 no
    assert t.loc[10.0, 2] == pytest.approx(1 / 4)
    assert t.loc[20.0, 2] == pytest.approx(2 / 4)  # 20x dies at 95 % of entry: day1 too (89/95 < 0.95)


@SETTINGS
@given(price_paths(min_len=60), st.integers(1, 20))
def test_liquidation_frequency_monotone(p, days):
    levs = [1, 2, 3, 5, 10, 20, 50]
    t = risk.liquidation_frequency(p, levs, [days, days + 7])
    assert t.notna().all().all() and ((t >= 0) & (t <= 1)).all().all()
    assert (np.diff(t[days].to_numpy()) >= 0).all()  # more leverage, more liquidations
    assert (t[days + 7] >= t[days]).all()  # longer holding, more liquidations
    weekly = risk.liquidation_frequency(p, levs, [days + 7], check_every_days=7)
    assert (weekly[days + 7] <= t[days + 7]).all()  # looking less often misses some
    assert t.loc[1.0].eq(0).all()  # 1x long with no maintenance amount is never liquidated


def test_liquidation_by_year_and_panel():
    p = risk.asset_prices("btc")
    by_year = risk.liquidation_by_year(p, 10, 30)
    assert by_year.index.min() == p.index[0].year and by_year.between(0, 1).all()
    panel = risk.leverage_numbers("btc", 10, 30, "long", 0.005)
    assert panel["liquidation price"] < panel["last close"]
    assert panel["share liquidated"] == pytest.approx(
        risk.liquidation_frequency(p, [10], [30]).iloc[0, 0])


# ---------------------------------------------------------------------------
# Sizing and bootstrap
# ---------------------------------------------------------------------------
def test_vol_target_weights_and_backtest():
    p = risk.asset_prices("btc")
    w = risk.vol_target_weights(p, 0.2, 30, 365, 1.0)
    assert w.notna().all() and (w > 0).all() and (w <= 1).all()
    bt = risk.vol_target_backtest(p, 0.2, 30, 365)
    assert bt.notna().all().all() and (bt[["hold", "targeted"]] > 0).all().all()
    realised = np.log(bt["targeted"]).diff().std() * math.sqrt(365)
    assert realised < risk.annualised_volatility(p, 365)


def test_bootstrap_is_deterministic_and_positive():
    r = risk.log_returns(risk.asset_prices("btc")).iloc[-365:]
    a = risk.block_bootstrap_paths(r, 100, 300, 20, seed=5)
    b = risk.block_bootstrap_paths(r, 100, 300, 20, seed=5)
    c = risk.block_bootstrap_paths(r, 100, 300, 20, seed=6)
    assert a.shape == (300, 101) and (a[:, 0] == 1).all()
    assert np.array_equal(a, b) and not np.array_equal(a, c)
    q = risk.fan_quantiles(a)
    assert list(q.columns) == ["q05", "q25", "q50", "q75", "q95"]
    assert (np.diff(q.to_numpy(), axis=1) >= 0).all()


def test_block_bootstrap_keeps_blocks_together():
    r = np.arange(1, 11) / 1000.0  # distinct returns, so blocks can be traced
    paths = risk.block_bootstrap_paths(r, 10, 5, 5, seed=0)
    steps = np.round(np.diff(np.log(paths), axis=1) * 1000).astype(int)
    for row in steps:
        for block in (row[:5], row[5:]):  # consecutive within each block (circularly)
            assert all((b - a) % 10 == 1 for a, b in zip(block, block[1:]))


@SETTINGS
@given(st.lists(st.floats(-0.5, 0.5, allow_nan=False), min_size=2, max_size=300),
       st.integers(1, 60), st.integers(1, 40), st.integers(0, 2**32 - 1))
def test_bootstrap_paths_positive_no_nans(returns, horizon, block, seed):
    r = np.array(returns)
    paths = risk.block_bootstrap_paths(r, horizon, 20, min(block, len(r)), seed)
    assert paths.shape == (20, horizon + 1)
    assert np.isfinite(paths).all() and (paths > 0).all()


def test_position_outcomes():
    paths = np.array([[1.0, 0.5, 2.0], [1.0, 1.2, 0.7]])
    t = risk.position_outcomes(paths, [0.0, 0.5, 1.0], 1000.0, loss=0.2)
    assert t.loc["0% in the asset", "median end (USD)"] == 1000.0
    assert t.loc["100% in the asset", "ends below start"] == 0.5
    assert t.loc["50% in the asset", "down 20%+ at some point"] == 0.5  # 750 on path 1; 850 on path 2
    assert t.loc["100% in the asset", "down 20%+ at some point"] == 1.0


def test_binned_shares_sum_to_one():
    b = risk.binned_shares(pd.Series([-1.0, -0.01, 0.0, 0.01, 0.5, 2.0]), step=0.1, clip=(-0.3, 0.3))
    assert b["share"].sum() == pytest.approx(1.0)
    assert b["bin"].min() == pytest.approx(-0.3) and b["bin"].max() == pytest.approx(0.2)


# ---------------------------------------------------------------------------
# Tables, charts and widget callbacks
# ---------------------------------------------------------------------------
def test_tables():
    v = risk.volatility_table()
    assert list(v.index) == ["Bitcoin", "Ether", "S&P 500", "Nasdaq Composite"]
    assert v.loc["Bitcoin", "periods per year"] == 365 and v.loc["S&P 500", "periods per year"] == 252
    d = risk.drawdown_table(n=2)
    assert len(d) == 8 and (d["depth"] < 0).all()
    s = risk.staged_table("btc", (2,), (91,))
    assert s.shape == (1, 4)
    lp = risk.liquidation_price_table(100.0, (2, 10))
    assert lp.loc[10.0, "long: liquidation price"] < 100 < lp.loc[10.0, "short: liquidation price"]


@pytest.mark.parametrize("make", [
    lambda m, p: risk.volatility_chart(m),
    lambda m, p: risk.drawdown_chart(m),
    lambda m, p: risk.staged_chart(p),
    lambda m, p: risk.ladder_chart(risk.ladder_outcomes(p)),
    lambda m, p: risk.liquidation_chart(p, max_leverage=5, default_leverage=3),
    lambda m, p: risk.liquidation_year_chart(risk.liquidation_by_year(p, 10, 30), "t", "s"),
    lambda m, p: risk.position_fan_chart(risk.fan_quantiles(np.ones((3, 11))), 100.0, "t", "s"),
], ids=["vol", "drawdown", "staged", "ladder", "liquidation", "by_year", "fan"])
def test_charts_build(make, markets, btc):
    spec = make(markets, btc).to_dict()
    assert spec["title"]["text"]
    assert any("Source" in line for line in spec["title"]["subtitle"])


def test_charts_take_the_data_they_draw(markets, btc):
    eth = risk.asset_prices("eth")
    assert "in ether:" in risk.staged_chart(eth, asset_label="ether").to_dict()["title"]["text"]
    with pytest.raises(ValueError, match="markets is missing"):
        risk.volatility_chart(markets[["btc", "eth"]])
    with pytest.raises(TypeError, match="markets"):
        risk.drawdown_chart(btc)
    with pytest.raises(ValueError, match="markets\\['btc'\\] is too short"):
        risk.volatility_chart(markets.loc["2024-01-01":"2024-02-15"], window_days=90)
    with pytest.raises(ValueError, match="default_tranches"):
        risk.staged_chart(btc, tranches=(2, 4), default_tranches=3)
    with pytest.raises(ValueError, match="max_leverage"):
        risk.liquidation_chart(btc, max_leverage=150, maintenance=0.01)
    with pytest.raises(ValueError, match="default_leverage"):
        risk.liquidation_chart(btc, max_leverage=5, default_leverage=10)
    with pytest.raises(TypeError, match="title"):
        risk.position_fan_chart(risk.fan_quantiles(np.ones((3, 11))), 100.0, None, "s")
    with pytest.raises(ValueError, match="asset_label"):
        risk.ladder_chart(risk.ladder_outcomes(btc), asset_label=" ")


def test_inputs_are_fresh_copies():
    a = risk.inputs()
    assert list(a.markets.columns) == list(risk.ASSETS)
    a.markets.iloc[:, :] = -1.0
    assert (risk.inputs().markets["btc"].dropna() > 0).all()
    pd.testing.assert_series_equal(risk.asset_prices("btc"), risk.inputs().markets["btc"].dropna())


def test_bench_entries_run():
    spec = importlib.util.spec_from_file_location("bench_risk", ROOT / "benchmarks" / "risk.py")
    bench = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(bench)
    assert set(bench.BENCH) == {"lesson05 staged_report", "lesson05 ladder_report", "lesson05 leverage_report"}
    for fn, kwargs in bench.BENCH.values():
        assert isinstance(fn(**kwargs), str)
    assert not hasattr(risk, "BENCH") and "BENCH" not in risk.__all__


@pytest.mark.parametrize("make, report", [(risk.staged_panel, risk.staged_report),
                                          (risk.ladder_panel, risk.ladder_report),
                                          (risk.leverage_panel, risk.leverage_report)])
def test_panels_build_and_print_the_default_report(make, report, capsys):
    import ipywidgets as widgets

    panel = make()
    assert isinstance(panel, widgets.VBox)
    assert panel.children[0].children[0].description == "Asset"
    assert isinstance(panel.children[-1], widgets.Output)
    assert report() in capsys.readouterr().out  # outside a kernel the first report goes to stdout


def test_a_panel_says_why_a_setting_is_not_possible(capsys):
    panel = risk.ladder_panel()
    capsys.readouterr()
    level1 = panel.children[1].children[0]
    assert level1.description == "First level"
    level1.value = 1.0  # above the second level (0.5)
    assert "Not possible: level2=0.5 must be above level1=1" in capsys.readouterr().out


def test_wrappers_name_the_callers_arguments():
    with pytest.raises(ValueError, match=r"^level1=0 is out of range") as err:
        risk.ladder_report(level1=0)
    assert "levels" not in str(err.value)
    with pytest.raises(ValueError, match=r"level2=0.1 must be above level1=0.2"):
        risk.ladder_numbers(level1=0.2, level2=0.1)
    with pytest.raises(ValueError, match=r"fraction1 \+ fraction2"):
        risk.ladder_report(fraction1=0.6, fraction2=0.6)
    with pytest.raises(TypeError, match=r"^trail"):
        risk.ladder_report(trail=None)
    with pytest.raises(ValueError, match=r"^horizon_days=5000"):
        risk.ladder_report("eth", horizon_days=5000)
    with pytest.raises(ValueError, match=r"^days=9999"):
        risk.leverage_report(days=9999)
    with pytest.raises(ValueError, match=r"^horizon_days=600 ends before"):
        risk.staged_report(tranches=12, spacing_days=60, horizon_days=600)
    with pytest.raises(ValueError, match=r"leverages includes 250"):
        risk.liquidation_price_table(100.0, leverages=(2, 250))
    with pytest.raises(ValueError, match=r"leverages includes 300"):
        risk.liquidation_frequency(risk.asset_prices("btc"), [2, 300], [7])
    with pytest.raises(ValueError, match=r"^horizons_days=\(91, 9999\) includes 9999"):
        risk.staged_table(horizons_days=(91, 9999))
    with pytest.raises(ValueError, match=r"^start=.* is out of range"):
        risk.volatility_table(start="2999-01-01")
    with pytest.raises(TypeError, match=r"^assets"):
        risk.drawdown_table(assets="btc")
    with pytest.raises(ValueError, match=r"quantiles\[1\]"):
        risk.fan_quantiles(np.ones((2, 3)), quantiles=(0.5, 2.0))


def test_counts_are_bounded():
    r = np.zeros(100)
    with pytest.raises(ValueError, match=r"^n_paths=5001"):
        risk.block_bootstrap_paths(r, n_paths=5001)
    with pytest.raises(ValueError, match=r"^horizon_days=731"):
        risk.block_bootstrap_paths(r, horizon_days=731)
    with pytest.raises(ValueError, match=r"^seed"):
        risk.block_bootstrap_paths(r, seed=2**40)
    with pytest.raises(ValueError, match=r"^step"):
        risk.binned_shares(pd.Series([0.1, 0.2]), step=1e-9)
    with pytest.raises(ValueError, match=r"^n=101"):
        risk.worst_drawdowns(daily([1, 2, 1]), n=101)


def test_no_nan_for_odd_but_typed_input():
    with pytest.raises(ValueError, match="no drawdown"):
        risk.worst_drawdowns(daily([1, 2, 3, 4]))
    with pytest.raises(ValueError, match="prices has 2"):
        risk.annualised_volatility(daily([1, 2]))
    with pytest.raises(ValueError, match="too few for one full window"):
        risk.rolling_volatility(daily(np.linspace(1, 2, 20)), window_days=30)
    with pytest.raises(ValueError, match="outcomes has 1 row"):
        risk.staged_summary(risk.staged_vs_lump(daily([1, 2, 3]), 1, 1, 2))
    with pytest.raises(ValueError, match="no values"):
        risk.as_percent(pd.DataFrame({"a": [np.nan, np.nan]}))


def test_reports():
    assert "start dates" in risk.staged_report("eth", 2, 7, 91)
    text = risk.ladder_report("btc", 0.2, 0.5, 0.25, 0.25, 0, "entry", 182)
    assert "no stop" in text and "ladder" in text
    assert "liquidation price" in risk.leverage_report("eth", 5, 7, "short", 0.01)
    pct = risk.as_percent(pd.DataFrame({"a": [0.1234, np.nan], "b": [1, 2]}), ["a"], 1)
    assert pct["a"].tolist() == ["12.3%", ""] and pct["b"].tolist() == [1, 2]
    with pytest.raises(ValueError, match="columns"):
        risk.as_percent(pd.DataFrame({"a": [0.1]}), ["z"])


# ---------------------------------------------------------------------------
# Bad input
# ---------------------------------------------------------------------------
GOOD = daily(np.linspace(100, 200, 50))


@pytest.mark.parametrize("call, exc, match", [
    (lambda: risk.drawdown([1, 2, 3]), TypeError, "prices must be a Series"),
    (lambda: risk.drawdown(pd.Series([1.0, 2.0])), TypeError, "indexed by date"),
    (lambda: risk.drawdown(daily([1, np.nan, 2])), ValueError, "missing"),
    (lambda: risk.drawdown(daily([1, -2, 2])), ValueError, "<= 0"),
    (lambda: risk.drawdown(GOOD.astype(str)), TypeError, "numbers"),
    (lambda: risk.drawdown(GOOD.iloc[::-1]), ValueError, "date order"),
    (lambda: risk.staged_vs_lump(GOOD.iloc[::2]), ValueError, "daily"),
    (lambda: risk.staged_vs_lump(GOOD, tranches=0), ValueError, "tranches=0"),
    (lambda: risk.staged_vs_lump(GOOD, tranches=2.0), TypeError, "tranches"),
    (lambda: risk.staged_vs_lump(GOOD, tranches=True), TypeError, "tranches"),
    (lambda: risk.staged_vs_lump(GOOD, tranches=4, spacing_days=7, horizon_days=10), ValueError, "horizon_days"),
    (lambda: risk.staged_vs_lump(GOOD, horizon_days=60), ValueError, "too few"),
    (lambda: risk.ladder_outcomes(GOOD, levels=(0.5, 0.2), horizon_days=10), ValueError, "increasing"),
    (lambda: risk.ladder_outcomes(GOOD, fractions=(0.8, 0.8), horizon_days=10), ValueError, "add up"),
    (lambda: risk.ladder_outcomes(GOOD, fractions=(0.5,), horizon_days=10), ValueError, "one fraction per level"),
    (lambda: risk.ladder_outcomes(GOOD, levels=0.2, horizon_days=10), TypeError, "levels"),
    (lambda: risk.ladder_outcomes(GOOD, levels=(-0.1, 0.5), horizon_days=10), ValueError, r"levels\[0\]"),
    (lambda: risk.ladder_outcomes(GOOD, trail=1.0, horizon_days=10), ValueError, "trail=1.0"),
    (lambda: risk.ladder_outcomes(GOOD, trail="20%", horizon_days=10), TypeError, "trail"),
    (lambda: risk.ladder_outcomes(GOOD, stop_from="never", horizon_days=10), ValueError, "stop_from"),
    (lambda: risk.liquidation_price(100, 0.5), ValueError, "leverage=0.5"),
    (lambda: risk.liquidation_price(100, 250, maintenance=0.005), ValueError, "1/maintenance"),
    (lambda: risk.liquidation_price(100, 10, side="up"), ValueError, "side='up'"),
    (lambda: risk.liquidation_price(-5, 10), ValueError, "entry=-5"),
    (lambda: risk.liquidation_price(100, "10x"), TypeError, "leverage"),
    (lambda: risk.liquidation_price(100, 10, maintenance=float("nan")), ValueError, "maintenance"),
    (lambda: risk.liquidation_frequency(GOOD, [], [7]), ValueError, "leverages"),
    (lambda: risk.liquidation_frequency(GOOD, 5, [7]), TypeError, "leverages"),
    (lambda: risk.liquidation_frequency(GOOD, [2], [3], check_every_days=7), ValueError, "check_every_days"),
    (lambda: risk.liquidation_frequency(GOOD, [2], [80]), ValueError, "too long"),
    (lambda: risk.block_bootstrap_paths([0.1, 0.2]), TypeError, "returns"),
    (lambda: risk.block_bootstrap_paths(np.array([0.1, np.nan])), ValueError, "finite"),
    (lambda: risk.block_bootstrap_paths(np.zeros(10), block_days=20), ValueError, "block_days=20"),
    (lambda: risk.block_bootstrap_paths(np.zeros(10), block_days=5, seed=-1), ValueError, "seed"),
    (lambda: risk.position_outcomes(np.ones((2, 3)), [1.5]), ValueError, "weights"),
    (lambda: risk.position_outcomes(np.ones((2, 3)), 0.5), TypeError, "weights"),
    (lambda: risk.fan_quantiles([[1.0, 2.0]]), TypeError, "paths"),
    (lambda: risk.binned_shares(pd.Series([0.1]), clip=(0.2, -0.2)), ValueError, "clip"),
    (lambda: risk.vol_target_weights(GOOD, target=0), ValueError, "target=0"),
    (lambda: risk.staged_numbers("doge"), ValueError, "asset='doge'"),
    (lambda: risk.asset_prices(5), TypeError, "asset"),
    (lambda: risk.rolling_volatility(GOOD, window_days=3), ValueError, "window_days=3"),
])
def test_bad_input(call, exc, match):
    with pytest.raises(exc, match=match):
        call()


@SETTINGS
@given(price_paths(min_len=10))
def test_worst_drawdowns_property(p):
    if risk.max_drawdown(p) == 0:  # never below an earlier high: nothing to list, and it says so
        with pytest.raises(ValueError, match="no drawdown"):
            risk.worst_drawdowns(p, n=100)
        return
    t = risk.worst_drawdowns(p, n=100)
    assert not t.empty
    assert t["depth"].iloc[0] == pytest.approx(risk.max_drawdown(p))
    assert ((t["depth"] < 0) & (t["depth"] > -1)).all()
    assert (t["peak"] < t["trough"]).all()
    done = t["recovery"].notna()
    assert (t.loc[done, "trough"] < t.loc[done, "recovery"]).all()
    for row in t.itertuples():  # the peak is the highest close so far; no close in between reaches it
        inside = p.loc[row.peak:row.recovery].iloc[1:-1] if pd.notna(row.recovery) else p.loc[row.peak:].iloc[1:]
        assert (inside < p.loc[row.peak]).all()


# ---------------------------------------------------------------- the Chinese edition
def test_chinese_edition_translates_charts_reports_and_panels(markets, btc):
    """With helpers.setup(lang="zh-hans") chart titles, source lines, report lines and widget labels are
    in 简体中文; English comes back unchanged after helpers.setup(lang="en")."""
    import helpers

    english = risk.leverage_report("btc", 10, 30)
    helpers.setup(lang="zh-hans")
    try:
        title = risk.drawdown_chart(markets).to_dict()["title"]
        staged_title = risk.staged_chart(btc).to_dict()["title"]["text"]
        report = risk.leverage_report("btc", 10, 30)
        staged = risk.staged_report("btc", 3, 7, 182)
        asset = risk.leverage_panel().children[0].children[0]
    finally:
        helpers.setup(lang="en")
    assert title["text"] == "加密资产不止一次失去大部分价值；股票的回撤小得多"
    assert title["subtitle"][-1].startswith("来源：")
    assert staged_title.startswith("比特币的分批买入与一次性投入")
    assert report.splitlines()[0].startswith("比特币 10 倍多头，逐仓保证金")
    assert "强平价格" in report.splitlines()[1]
    assert staged.splitlines()[1].strip().startswith("分批买入在")
    assert asset.description == "资产" and asset.value == "btc"  # labels translated, values unchanged
    assert risk.leverage_report("btc", 10, 30) == english
    assert english.startswith("Bitcoin 10x long, isolated margin")
