"""Tests for helpers.events: forward returns, base rates, percentiles, pivots, bootstrap, seasonality,
QE/QT phases, and the charts (which draw the frames they are given)."""
from __future__ import annotations

import json
import math
import runpy
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import helpers
from helpers import events as E
from helpers import stats

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def policy_events() -> pd.DataFrame:
    return helpers.load("policy_events")


def daily(values, start="2020-01-01") -> pd.Series:
    return pd.Series(np.asarray(values, dtype="float64"),
                     index=pd.date_range(start, periods=len(values), freq="D"))


# ---------------------------------------------------------------------------
# Forward returns on synthetic prices with a known answer
# ---------------------------------------------------------------------------
def test_forward_return_known_growth():
    # price doubles every 30 days: 1 Jan -> 1 Feb is 31 days
    idx = pd.date_range("2020-01-01", "2021-12-31", freq="D")
    s = pd.Series(2.0 ** (np.arange(len(idx)) / 30), index=idx)
    assert E.forward_return(s, "2020-01-01", 1) == pytest.approx(2 ** (31 / 30) - 1)
    # 12 calendar months from 2020-03-15 = 2021-03-15 (365 days)
    assert E.forward_return(s, "2020-03-15", 12) == pytest.approx(2 ** (365 / 30) - 1)


def test_forward_return_uses_close_on_or_after():
    # trading days only (weekdays): a Saturday start uses Monday's close
    idx = pd.bdate_range("2021-01-01", "2021-06-30")
    s = pd.Series(np.arange(1, len(idx) + 1, dtype=float), index=idx)
    sat = pd.Timestamp("2021-01-02")  # Saturday
    monday = pd.Timestamp("2021-01-04")
    end = s.index[s.index.searchsorted(sat + pd.DateOffset(months=1))]  # 2021-02-02 (Tuesday)
    assert E.forward_return(s, sat, 1) == pytest.approx(s[end] / s[monday] - 1)


def test_forward_return_month_end_offset():
    # 31 Jan + 1 month = 29 Feb 2020 (leap year)
    s = daily(np.arange(1, 200), start="2020-01-01")
    jan31, feb29 = pd.Timestamp("2020-01-31"), pd.Timestamp("2020-02-29")
    assert E.forward_return(s, jan31, 1) == pytest.approx(s[feb29] / s[jan31] - 1)


def test_forward_return_nan_past_end_and_before_start():
    s = daily(np.linspace(100, 200, 100), start="2020-01-01")  # to 2020-04-09
    assert math.isnan(E.forward_return(s, "2020-03-15", 1))  # ends 2020-04-15, after the data
    assert math.isnan(E.forward_return(s, "2019-12-01", 1))  # starts before the data
    assert not math.isnan(E.forward_return(s, "2020-03-09", 1))  # ends 2020-04-09, the last close


def test_window_returns_length_and_nan_free():
    s = daily(np.linspace(1, 2, 400))
    w = E.window_returns(s, months=3)
    assert not w.isna().any()
    assert w.index[-1] + pd.DateOffset(months=3) <= s.index[-1]
    assert w.index[0] == s.index[0]
    # each window equals forward_return from the same start
    for d in w.index[::97]:
        assert w[d] == pytest.approx(E.forward_return(s, d, 3))
    wd = E.window_returns(s, days=10)
    assert wd.iloc[0] == pytest.approx(s.iloc[10] / s.iloc[0] - 1)
    assert len(wd) == len(s) - 10


# ---------------------------------------------------------------------------
# Percentiles and chances
# ---------------------------------------------------------------------------
def test_percentile_known_distribution():
    dist = np.arange(100)  # 0..99
    assert E.percentile_of(50, dist) == pytest.approx(50.5)  # 50 below, one tie counted half
    assert E.percentile_of(49.5, dist) == pytest.approx(50.0)
    assert E.percentile_of(-1, dist) == 0.0
    assert E.percentile_of(1000, dist) == 100.0
    with pytest.raises(ValueError, match="value=nan"):  # a NaN is no return to place (it used to give NaN)
        E.percentile_of(float("nan"), dist)
    # normal sample: the 84th percentile is near +1 standard deviation
    rng = np.random.default_rng(1)
    z = rng.standard_normal(100_000)
    assert E.percentile_of(1.0, z) == pytest.approx(84.13, abs=0.5)


def test_chance_at_least():
    assert E.chance_at_least(3, 3, 0.74) == pytest.approx(0.74 ** 3)
    assert E.chance_at_least(0, 5, 0.3) == pytest.approx(1.0)
    assert E.chance_at_least(1, 2, 0.5) == pytest.approx(0.75)


@settings(max_examples=50, deadline=None)
@given(st.lists(st.floats(-1e6, 1e6), min_size=1, max_size=50), st.floats(-1e6, 1e6))
def test_percentile_in_range_and_monotone(values, x):
    p = E.percentile_of(x, values)
    assert 0.0 <= p <= 100.0
    assert E.percentile_of(x + 1.0, values) >= p


@settings(max_examples=50, deadline=None)
@given(st.lists(st.floats(0.01, 1e5), min_size=40, max_size=120),
       st.integers(0, 30), st.integers(1, 3))
def test_forward_return_property(values, offset, months):
    s = daily(values)
    start = s.index[offset]
    r = E.forward_return(s, start, months)
    end = start + pd.DateOffset(months=months)
    if end > s.index[-1]:
        assert math.isnan(r)
    else:
        assert r == pytest.approx(s[end] / s[start] - 1)
        assert r > -1.0


# ---------------------------------------------------------------------------
# Bootstrap: coverage on synthetic data
# ---------------------------------------------------------------------------
def test_bootstrap_interval_covers_true_mean_at_nominal_rate():
    rng = np.random.default_rng(2024)
    true_mean, trials, hits = 0.5, 300, 0
    for t in range(trials):
        x = rng.normal(true_mean, 1.0, size=40)
        lo, hi = E.bootstrap_mean_interval(x, reps=2000, level=0.90, seed=t)
        hits += lo <= true_mean <= hi
    coverage = hits / trials
    # nominal 0.90; the percentile bootstrap runs a little narrow for n = 40
    assert 0.84 <= coverage <= 0.95, coverage


@pytest.mark.parametrize("level", [0.95, 0.90, 1 - 0.05 / 12])
def test_bootstrap_is_stats_block_one_bootstrap_bit_for_bit(level):
    # events.bootstrap_mean_interval delegates to stats.bootstrap_mean_ci(block=1); lesson 04's stored
    # outputs need exactly the draws of the original code: one default_rng(seed), indices drawn as
    # rng.integers(0, n, (reps, n)), quantiles at (1 - level) / 2 and (1 + level) / 2.
    x = np.random.default_rng(3).standard_normal(57) * 9
    x[[4, 30]] = np.nan
    v = x[~np.isnan(x)]
    rng = np.random.default_rng(11)
    means = v[rng.integers(0, v.size, size=(5000, v.size))].mean(axis=1)
    expected = tuple(float(q) for q in np.quantile(means, [(1 - level) / 2, (1 + level) / 2]))
    assert E.bootstrap_mean_interval(x, reps=5000, level=level, seed=11) == expected
    assert E.bootstrap_mean_interval(x, reps=5000, level=level, seed=11) == \
        stats.bootstrap_mean_ci(x, block=1, n_boot=5000, seed=11, level=level)[1:]


def test_bootstrap_is_deterministic_and_ordered():
    x = np.arange(20.0)
    a = E.bootstrap_mean_interval(x, reps=1000, seed=7)
    assert a == E.bootstrap_mean_interval(x, reps=1000, seed=7)
    assert a[0] < x.mean() < a[1]


# ---------------------------------------------------------------------------
# Monthly returns and seasonality
# ---------------------------------------------------------------------------
def test_monthly_returns_drops_partial_last_month():
    idx = pd.date_range("2021-01-01", "2021-04-05", freq="D")
    s = pd.Series(np.arange(1, len(idx) + 1, dtype=float), index=idx)
    m = E.monthly_returns(s)
    assert list(m.index.strftime("%Y-%m")) == ["2021-02", "2021-03"]
    jan31, feb28, mar31 = (s[pd.Timestamp(d)] for d in ("2021-01-31", "2021-02-28", "2021-03-31"))
    assert m.iloc[0] == pytest.approx(feb28 / jan31 - 1)
    assert m.iloc[1] == pytest.approx(mar31 / feb28 - 1)


def test_seasonality_on_snapshot_shape_and_caution():
    s = E.seasonality("btc", reps=500)
    assert list(s.index) == list(range(1, 13))
    assert (s["ci_low_pct"] <= s["mean_pct"]).all() and (s["mean_pct"] <= s["ci_high_pct"]).all()
    assert s["n_years"].min() >= 10


def test_season_contrast_matches_means():
    c = E.season_contrast("btc", [11, 12], reps=500)
    m = E.monthly_returns(E.prices("btc"))
    inside = m.index.month.isin([11, 12])
    assert c["n_in"] == inside.sum()
    assert c["diff_pct"] == pytest.approx(100 * (m[inside].mean() - m[~inside].mean()))
    assert c["ci_low_pct"] < c["diff_pct"] < c["ci_high_pct"]


# ---------------------------------------------------------------------------
# Pivots and the snapshot
# ---------------------------------------------------------------------------
def test_rate_turns_find_cycle_turns():
    t = E.rate_turns()
    first_cuts = list(t.loc[t["first_cut"], "announced"].dt.strftime("%Y-%m-%d"))
    last_hikes = list(t.loc[t["last_hike"], "announced"].dt.strftime("%Y-%m-%d"))
    assert first_cuts == ["2019-07-31", "2024-09-18"]
    assert last_hikes == ["2018-12-19", "2023-07-26"]


def test_no_cut_in_2023():
    t = E.rate_turns()
    assert not ((t["announced"].dt.year == 2023) & (t["change"] < 0)).any()


def test_table_rule_on_synthetic_events():
    ev = pd.DataFrame({
        "kind": ["hike", "hike", "stress", "cut", "cut", "qt_start", "facility", "qt_end"],
        "stance": ["tightening", "tightening", "neutral", "easing", "easing", "tightening", "easing", "easing"],
    }, index=pd.to_datetime(["2018-01-01", "2018-06-01", "2018-07-01", "2019-01-01", "2019-03-01",
                             "2020-01-01", "2020-02-01", "2020-06-01"]))
    got = E.table_pivots(ev)
    assert list(got.index.strftime("%Y-%m-%d")) == ["2019-01-01", "2020-06-01"]  # facility ignored
    with_facility = E.table_pivots(ev, kinds=E.POLICY_KINDS + ("facility",))
    assert list(with_facility.index.strftime("%Y-%m-%d")) == ["2019-01-01", "2020-02-01"]


def test_pivot_sets_dates_and_bases():
    art = E.pivot_set("article")
    assert list(art["date"].dt.strftime("%Y-%m-%d")) == ["2019-07-31", "2020-03-15", "2024-09-18"]
    eff = E.pivot_set("qt_ends", basis="effective")
    assert list(eff["date"].dt.strftime("%Y-%m-%d")) == ["2019-08-01", "2025-12-01"]
    shifted = E.pivot_set("article", shift_days=-30)
    assert (art["date"] - shifted["date"]).dt.days.tolist() == [30, 30, 30]
    for name in E.PIVOT_SETS:
        ps = E.pivot_set(name)
        assert len(ps) >= 1 and ps["date"].is_monotonic_increasing


def test_effective_date_parsing():
    ann = pd.Timestamp("2019-07-31")
    assert E.effective_date("Aug 2019", ann) == pd.Timestamp("2019-08-01")
    assert E.effective_date("", ann) == ann
    assert E.effective_date("mid-Nov 2021", "2021-11-03") == pd.Timestamp("2021-11-15")
    assert E.effective_date("Dec 2008 / Jan 2009", "2008-11-25") == pd.Timestamp("2008-12-01")
    assert E.effective_date("2025-12-01", "2025-10-29") == pd.Timestamp("2025-12-01")
    with pytest.raises(ValueError, match="text="):
        E.effective_date("sometime", ann)


def test_event_study_matches_forward_return_and_base():
    es = E.event_study("btc", "article", horizons=(12,))
    s = E.prices("btc")
    r = es.set_index("label")["return_pct"]
    assert r.iloc[0] == pytest.approx(100 * E.forward_return(s, "2019-07-31", 12))
    dist = E.base_distribution("btc", 12)
    assert es["percentile"].iloc[1] == pytest.approx(E.percentile_of(r.iloc[1] / 100, dist))
    br = E.base_rate("btc", 12)
    assert br["n_windows"] == dist.size
    assert es["base_share_positive"].iloc[0] == pytest.approx(br["share_positive"])


def test_event_study_nan_where_window_not_in_data():
    # ETH starts in 2017 and S&P 500 in 2016: QE starts of 2008-2012 have no windows
    es = E.event_study("sp500", "qe_starts", horizons=(1,))
    assert es["return_pct"].isna().sum() == 3
    assert es["start"].isna().sum() == 3
    # the 2025-10-29 end of QT has no 18-month window (the data end in 2026)
    late = E.event_study("btc", "qt_ends", horizons=(18,))
    assert math.isnan(late["return_pct"].iloc[-1])
    sm = E.study_summary("btc", "qt_ends", horizons=(18,))
    assert sm.loc[18, "n"] == 1


def test_study_report_warns_on_small_samples():
    text = E.study_report("btc", "article", 12)
    assert "WARNING: Small sample: n = 3" in text
    assert "Chance that 3 or more of 3 random windows are positive" in text


def test_shift_curve_matches_event_study():
    sc = E.shift_curve("nasdaq", "first_cuts", horizons=(6,), shifts=[-30, 0, 30])
    es = E.event_study("nasdaq", "first_cuts", horizons=(6,), shift_days=30)
    got = sc[sc["shift_days"] == 30]["return_pct"].to_numpy()
    np.testing.assert_allclose(got, es["return_pct"].to_numpy())


def test_return_since():
    out = E.return_since("btc", "2025-12-01")
    s = E.prices("btc")
    assert out["end"] == s.index[-1]
    assert out["return_pct"] == pytest.approx(100 * (s.iloc[-1] / s["2025-12-01"] - 1))
    assert 0 <= out["percentile"] <= 100


def test_bench_entries_run():
    bench = runpy.run_path(str(ROOT / "benchmarks" / "events.py"))["BENCH"]  # tools/bench.py's registry
    assert bench and not hasattr(E, "BENCH")
    for name, (fn, kwargs) in bench.items():
        assert fn(**kwargs) is not None, name


def test_event_table_filters():
    t = E.event_table(kind="qt_end")
    assert set(t["kind"]) == {"qt_end"}
    assert E.event_table(stance="easing")["stance"].eq("easing").all()


# ---------------------------------------------------------------------------
# Bad input
# ---------------------------------------------------------------------------
def test_bad_inputs():
    s = daily([1.0, 2.0, 3.0])
    with pytest.raises(TypeError, match="prices"):
        E.forward_return([1, 2, 3], "2020-01-01", 1)
    with pytest.raises(TypeError, match="DatetimeIndex"):
        E.forward_return(pd.Series([1.0, 2.0]), "2020-01-01", 1)
    with pytest.raises(ValueError, match="positive"):
        E.forward_return(daily([1.0, -2.0]), "2020-01-01", 1)
    with pytest.raises(ValueError, match="no values"):
        E.forward_return(daily([np.nan, np.nan]), "2020-01-01", 1)
    with pytest.raises(ValueError, match="increasing"):
        E.forward_return(pd.Series([1.0, 2.0], index=pd.to_datetime(["2020-02-01", "2020-01-01"])),
                         "2020-01-01", 1)
    with pytest.raises(ValueError, match="months=0"):
        E.forward_return(s, "2020-01-01", 0)
    with pytest.raises(TypeError, match="months"):
        E.forward_return(s, "2020-01-01", 1.5)
    with pytest.raises(ValueError, match="start="):
        E.forward_return(s, "not a date", 1)
    with pytest.raises(TypeError, match="start"):
        E.forward_return(s, 12, 1)
    with pytest.raises(ValueError, match="exactly one"):
        E.window_returns(s)
    with pytest.raises(ValueError, match="asset='doge'"):
        E.event_study("doge", "article")
    with pytest.raises(TypeError, match="asset"):
        E.base_rate(1, 12)
    with pytest.raises(ValueError, match="name='every_pivot'"):
        E.pivot_set("every_pivot")
    with pytest.raises(ValueError, match="basis='actual'"):
        E.pivot_set("article", basis="actual")
    with pytest.raises(ValueError, match="shift_days=400"):
        E.pivot_set("article", shift_days=400)
    with pytest.raises(ValueError, match="kind='qe'"):
        E.event_table(kind="qe")
    with pytest.raises(ValueError, match="distribution=.* 0 numbers"):
        E.percentile_of(1.0, [])
    with pytest.raises(TypeError, match="value"):
        E.percentile_of("1", [1, 2])
    with pytest.raises(ValueError, match="at least 2"):
        E.bootstrap_mean_interval([1.0])
    with pytest.raises(ValueError, match="level=1.5"):
        E.bootstrap_mean_interval([1.0, 2.0], level=1.5)
    with pytest.raises(ValueError, match="infinite"):
        E.bootstrap_mean_interval([1.0, 2.0, float("inf")])
    with pytest.raises(ValueError, match="p=1.2"):
        E.chance_at_least(1, 2, 1.2)
    with pytest.raises(ValueError, match="months"):
        E.season_contrast("btc", [13])
    with pytest.raises(TypeError, match="months"):
        E.season_contrast("btc", "Nov")
    with pytest.raises(ValueError, match="outside"):
        E.return_since("btc", "2030-01-01")


# ---------------------------------------------------------------------------
# Charts: titled, small, bound controls where promised, dates as plain strings
# ---------------------------------------------------------------------------
CHARTS = {
    "timeline": lambda ev, mk: E.timeline_chart(ev),
    "histogram": lambda ev, mk: E.base_histogram_chart(E.event_study("btc", "article", (12,)),
                                                       E.base_distribution("btc", 12), "btc", "article"),
    "explorer": lambda ev, mk: E.explorer_chart(E.explorer_data(), "eth", "all_cuts"),
    "shift": lambda ev, mk: E.shift_chart(E.shift_curve("nasdaq", "first_cuts"), "nasdaq", "first_cuts"),
    "after": lambda ev, mk: E.after_chart(mk),
    "seasonality": lambda ev, mk: E.seasonality_chart(E.seasonality("sp500", reps=200),
                                                      E.monthly_returns(E.prices("sp500")), "sp500"),
}


@pytest.mark.parametrize("name", list(CHARTS))
def test_charts(name, policy_events):
    spec = CHARTS[name](policy_events, E.inputs().markets).to_dict()
    assert spec.get("title")
    for rows in spec.get("datasets", {}).values():
        assert len(rows) <= 2000
    text = json.dumps(spec)
    assert "T00:00:00" not in text  # dates go in as YYYY-MM-DD strings


def test_charts_draw_the_frames_they_are_given(policy_events, monkeypatch):
    # every input is computed first; the charts themselves must not reach the snapshot
    markets = E.inputs().markets
    study, dist = E.event_study("btc", "article", (12,)), E.base_distribution("btc", 12)
    data, curve = E.explorer_data(), E.shift_curve("btc", "article")
    table, monthly = E.seasonality("btc", reps=200), E.monthly_returns(E.prices("btc"))
    from helpers.events import _inputs

    def no_load(name):
        raise AssertionError(f"a chart loaded {name}")

    monkeypatch.setattr(_inputs, "load", no_load)
    from helpers.events import _charts

    assert not {"inputs", "closes", "base_windows", "load"} & set(vars(_charts))
    E.timeline_chart(policy_events)
    E.base_histogram_chart(study, dist, "btc", "article")
    E.explorer_chart(data)
    E.shift_chart(curve, "btc", "article")
    E.after_chart(markets)
    E.seasonality_chart(table, monthly, "btc")
    # the shift curve carries the median the chart's dashed line shows
    assert curve.groupby("months")["base_median_pct"].first()[12] == pytest.approx(
        100 * float(np.median(E.base_distribution("btc", 12))))


def test_bound_controls(policy_events):
    assert '"bind"' in json.dumps(E.timeline_chart(policy_events).to_dict())
    shift = json.dumps(E.shift_chart(E.shift_curve("btc", "article"), "btc", "article").to_dict())
    assert '"input": "range"' in shift and '"input": "radio"' in shift
    assert '"input": "select"' in json.dumps(E.explorer_chart(E.explorer_data()).to_dict())


def test_chart_bad_input(policy_events):
    markets = E.inputs().markets
    with pytest.raises(ValueError, match="asset="):
        E.explorer_chart(E.explorer_data(), "gold")
    with pytest.raises(ValueError, match="table is missing"):
        E.seasonality_chart(pd.DataFrame({"x": [1]}), E.monthly_returns(E.prices("btc")), "btc")
    with pytest.raises(ValueError, match="do not match"):  # a table of one asset, the months of another
        E.seasonality_chart(E.seasonality("btc", reps=200), E.monthly_returns(E.prices("sp500")), "btc")
    with pytest.raises(TypeError, match="events"):
        E.timeline_chart(events="table")
    with pytest.raises(ValueError, match="one horizon"):
        E.base_histogram_chart(E.event_study("btc", "article"), E.base_distribution("btc", 12), "btc", "article")
    with pytest.raises(ValueError, match="include 0"):
        E.shift_chart(E.shift_curve("btc", "article", shifts=[10, 20]), "btc", "article")
    with pytest.raises(ValueError, match="announced="):  # after the end of the data: no empty chart
        E.after_chart(markets, announced="2030-01-01")
    with pytest.raises(ValueError, match="start="):
        E.after_chart(markets, start="2025-11-01")


def test_explorer_data_matches_event_study():
    d = E.explorer_data()
    es = E.event_study("sp500", "all_cuts", (6,)).dropna(subset=["return_pct"])
    sub = d[(d["a"] == "sp500") & (d["p"] == "all_cuts") & (d["h"] == 6)]
    np.testing.assert_allclose(sub["pct"].to_numpy(), es["percentile"].round(1).to_numpy())


def test_out_of_sample_table():
    t = E.out_of_sample_table()
    assert len(t) == 2 * len(E.ASSETS)
    btc = t[t["asset"] == E.ASSETS["btc"]]
    assert list(btc["end"]) == [f"{E.prices('btc').index[-1]:%Y-%m-%d}"] * 2


# ---------------------------------------------------------------------------
# Inputs, bounds and the public face
# ---------------------------------------------------------------------------
def test_inputs_are_fresh_copies():
    a = E.inputs()
    assert list(a.markets.columns) == list(E.ASSETS)
    assert {"kind", "stance", "effective", "target_upper"} <= set(a.events.columns)
    assert list(a.rates.columns) == ["target_lower", "target_upper"]
    a.markets.iloc[:, :] = -1.0
    a.events["kind"] = "edited"
    b = E.inputs()
    assert (b.markets["btc"].dropna() > 0).all() and "edited" not in set(b.events["kind"])
    p = E.prices("btc")
    p.iloc[:] = 0.0
    assert (E.prices("btc") > 0).all()  # the cached closes are handed out as copies
    d = E.base_distribution("btc", 12)
    d[:] = 0.0
    assert E.base_distribution("btc", 12).std() > 0


def test_bootstrap_counts_are_bounded():
    x = np.arange(30.0)
    assert E.MAX_REPS == 10_000 == stats.MAX_DRAWS
    with pytest.raises(ValueError, match="reps=1000000"):
        E.seasonality("btc", reps=1_000_000)
    with pytest.raises(ValueError, match="reps=10001"):
        E.bootstrap_mean_interval(x, reps=E.MAX_REPS + 1)
    with pytest.raises(ValueError, match="reps=20000"):
        E.season_contrast("btc", [1, 2, 3], reps=20_000)
    assert E.season_contrast("btc", [1, 2, 3, 3], reps=100)["months"] == [1, 2, 3]  # repeats collapse
    with pytest.raises(ValueError, match="all 12"):
        E.season_contrast("btc", list(range(1, 13)))


def test_bootstrap_name_says_what_it_returns():
    x = np.arange(20.0)
    lo, hi = E.bootstrap_mean_interval(x, reps=500)
    mean, slo, shi = stats.bootstrap_mean_ci(x, block=1, n_boot=500)
    assert (lo, hi) == (slo, shi) and lo < mean < hi
    assert "bootstrap_mean_ci" not in E.__all__  # only stats has that name in the public face


def test_policy_phases_checks_its_arguments(policy_events):
    phases = E.policy_phases(policy_events, policy_events.index[-1])
    assert (phases["end"] >= phases["start"]).all()
    with pytest.raises(ValueError, match="end=2020-01-01 is before"):
        E.policy_phases(policy_events, "2020-01-01")  # the reserve-management phase opened in 2025
    with pytest.raises(ValueError, match="events .* no qe_start"):
        E.policy_phases(policy_events[policy_events["kind"] == "hike"], "2025-01-01")
    with pytest.raises(ValueError, match="events is not in date order"):
        E.policy_phases(policy_events.iloc[::-1], "2026-01-01")
    with pytest.raises(TypeError, match="end"):
        E.policy_phases(policy_events, pd.Timestamp("2026-01-01", tz="UTC"))


def test_frames_are_checked_once_at_the_face(policy_events):
    rates = E.inputs().rates
    with pytest.raises(ValueError, match="never changes"):
        E.rate_turns(rates.iloc[:1], policy_events)
    with pytest.raises(ValueError, match="rates is missing"):
        E.rate_turns(rates[["target_lower"]], policy_events)
    with pytest.raises(ValueError, match="no easing event"):
        E.table_pivots(policy_events[policy_events["stance"] == "easing"])
    with pytest.raises(TypeError, match="kinds"):
        E.table_pivots(policy_events, kinds="cut")  # one kind is a list of one, not of three letters
    assert list(E.table_pivots(policy_events).columns) == list(E.event_table().columns)
    with pytest.raises(ValueError, match="events is missing"):
        E.event_table(events=policy_events[["kind"]])


def test_wrappers_name_the_callers_arguments():
    with pytest.raises(ValueError, match="pivots='every'"):
        E.event_study("btc", "every")  # not pivot_set's own name=
    with pytest.raises(ValueError, match="pivots="):
        E.study_report(pivots="every")
    with pytest.raises(TypeError, match="horizons"):
        E.event_study("btc", "article", horizons=None)
    with pytest.raises(TypeError, match="shifts"):
        E.shift_curve("btc", "article", shifts="abc")
    with pytest.raises(TypeError, match="sets"):
        E.selection_table("btc", 12, sets="article")
    with pytest.raises(ValueError, match="announced="):
        E.out_of_sample_table(announced="2030-01-01")  # past the data: not start=
    with pytest.raises(ValueError, match="text="):
        E.effective_date("2020-02-30", "2020-01-01")


def test_short_prices_are_refused_not_nan():
    with pytest.raises(ValueError, match="at least two closes"):
        E.forward_return(daily([1.0]), "2020-01-01", 1)
    with pytest.raises(ValueError, match="shorter than one window"):
        E.window_returns(daily(np.arange(1.0, 20.0)), months=1)
    with pytest.raises(ValueError, match="no two consecutive"):
        E.monthly_returns(daily(np.arange(1.0, 20.0)))
    inf = daily([1.0, 2.0, 3.0])
    inf.iloc[1] = np.inf
    with pytest.raises(ValueError, match="infinite"):
        E.forward_return(inf, "2020-01-01", 1)


# ---------------------------------------------------------------------------
# The Chinese edition
# ---------------------------------------------------------------------------
def test_chinese_edition_translates_charts_and_the_study_report(policy_events):
    """With helpers.setup(lang="zh-hans") chart titles, source lines and the study report are in 简体中文;
    names learners type (assets, pivot sets, kinds) stay as they are, and English is unchanged afterwards."""
    english = (E.study_report(), E.timeline_chart(policy_events).to_dict())
    helpers.setup(lang="zh-hans")
    try:
        timeline = E.timeline_chart(policy_events).to_dict()
        season = E.seasonality_chart(E.seasonality("btc", reps=200), E.monthly_returns(E.prices("btc")),
                                     "btc").to_dict()
        report = E.study_report(shift_days=-30)
    finally:
        helpers.setup(lang="en")
    assert timeline["title"]["text"].endswith("个宽松、12 个紧缩，成段出现")
    assert timeline["title"]["subtitle"][-1] == ("来源：美联储新闻稿（policy_events.csv）"
                                                 "（点击数据点可打开原文）")
    assert season["title"]["text"] == ("比特币（BTC），按日历月份："
                                       "每个区间都很宽，并与其他区间重叠")
    assert timeline["encoding"]["y"]["sort"][0] == "qe_start"  # kinds are values, not labels
    lines = report.splitlines()
    assert lines[0] == ("比特币（BTC）：'article' 政策转向后的 12 个月收益率"
                        "（announced 日期，平移 -30 天）")
    assert lines[2].startswith("政策转向") and lines[-1].startswith("注意：样本很小：n = 3")
    assert (E.study_report(), E.timeline_chart(policy_events).to_dict()) == english
    assert english[0].startswith("Bitcoin (BTC): 12-month returns after 'article' pivots (announced dates)")
