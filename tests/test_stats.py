"""Tests for helpers.stats: known cases, calibration of the resampling tests, bad input."""
from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from helpers import stats


def noise(n: int, seed: int) -> np.ndarray:
    return np.random.default_rng(seed).standard_normal(n)


# ---------------------------------------------------------------------------
# Returns
# ---------------------------------------------------------------------------
def test_log_returns_known_values_and_additivity():
    p = pd.Series([100.0, 110.0, 99.0, 120.0], index=pd.date_range("2024-01-01", periods=4))
    r = stats.log_returns(p)
    assert len(r) == 3
    assert r.iloc[0] == pytest.approx(math.log(1.1))
    assert r.sum() == pytest.approx(math.log(120 / 100))
    r2 = stats.log_returns(p, periods=2)
    assert r2.iloc[0] == pytest.approx(math.log(99 / 100))


def test_simple_returns_known_values():
    p = pd.Series([100.0, 110.0, 99.0])
    r = stats.simple_returns(p)
    assert r.tolist() == pytest.approx([0.1, -0.1])


def test_returns_of_a_dataframe_keep_columns():
    df = pd.DataFrame({"a": [1.0, 2.0, 4.0], "b": [10.0, 5.0, 5.0]})
    r = stats.log_returns(df)
    assert list(r.columns) == ["a", "b"]
    assert r["a"].tolist() == pytest.approx([math.log(2)] * 2)


@pytest.mark.parametrize("bad", [[1.0, 2.0], np.array([1.0, 2.0]), "prices"])
def test_returns_reject_non_pandas(bad):
    with pytest.raises(TypeError, match="prices"):
        stats.log_returns(bad)


def test_returns_reject_non_positive_prices():
    with pytest.raises(ValueError, match="positive"):
        stats.log_returns(pd.Series([1.0, 0.0, 2.0]))
    with pytest.raises(ValueError, match="positive"):
        stats.simple_returns(pd.DataFrame({"a": [1.0, -2.0]}))


@pytest.mark.parametrize("periods, exc", [(0, ValueError), (1.5, TypeError), (True, TypeError)])
def test_returns_reject_bad_periods(periods, exc):
    with pytest.raises(exc, match="periods"):
        stats.log_returns(pd.Series([1.0, 2.0, 3.0]), periods=periods)


def test_common_day_returns_use_the_same_span():
    # BTC trades every day; the index only on weekdays. Fri 2024-01-05 -> Mon 2024-01-08.
    days = pd.date_range("2024-01-04", "2024-01-09", freq="D")
    btc = pd.Series([100.0, 101.0, 105.0, 95.0, 102.0, 104.0], index=days)
    idx = pd.Series([10.0, 10.1, np.nan, np.nan, 10.3, 10.2], index=days)
    r = stats.common_day_returns(pd.DataFrame({"btc": btc, "idx": idx}))
    assert list(r.index.strftime("%Y-%m-%d")) == ["2024-01-05", "2024-01-08", "2024-01-09"]
    monday = r.loc["2024-01-08"]
    assert monday["btc"] == pytest.approx(math.log(102 / 101))  # Friday close to Monday close
    assert monday["idx"] == pytest.approx(math.log(10.3 / 10.1))
    simple = stats.common_day_returns(pd.DataFrame({"btc": btc, "idx": idx}), kind="simple")
    assert simple.loc["2024-01-08", "btc"] == pytest.approx(102 / 101 - 1)


def test_common_day_returns_bad_input():
    with pytest.raises(TypeError, match="prices"):
        stats.common_day_returns(pd.Series([1.0, 2.0]))
    with pytest.raises(ValueError, match="kind"):
        stats.common_day_returns(pd.DataFrame({"a": [1.0, 2.0]}), kind="pct")
    with pytest.raises(ValueError, match="at least 2"):
        stats.common_day_returns(pd.DataFrame({"a": [1.0, np.nan], "b": [np.nan, 2.0]}))


# ---------------------------------------------------------------------------
# Correlation
# ---------------------------------------------------------------------------
def test_correlation_of_a_series_with_itself_is_one():
    x = pd.Series(noise(200, 1))
    assert stats.correlation(x, x) == pytest.approx(1.0)
    assert stats.correlation(x, -2 * x + 3) == pytest.approx(-1.0)


def test_correlation_aligns_series_on_their_index_and_skips_missing_pairs():
    a = pd.Series([1.0, 2.0, 3.0, 4.0, 5.0], index=list("abcde"))
    b = pd.Series([50.0, 40.0, np.nan, 20.0, 10.0, 99.0], index=list("edcbaz"))  # reversed order
    assert stats.correlation(a, b) == pytest.approx(1.0)


def test_correlation_matches_numpy():
    x, y = noise(300, 2), noise(300, 3) + 0.5 * noise(300, 2)
    assert stats.correlation(x, y) == pytest.approx(np.corrcoef(x, y)[0, 1])


def test_correlation_of_a_constant_is_refused_not_nan():
    # A constant has no correlation: a clear error naming the series, not a NaN to carry on with.
    with pytest.raises(ValueError, match="x is constant"):
        stats.correlation([1.0, 1.0, 1.0, 1.0], [1.0, 2.0, 3.0, 4.0])
    with pytest.raises(ValueError, match="y is constant"):
        stats.correlation(pd.Series([1.0, 2.0, 3.0, 4.0]), pd.Series([5.0, 5.0, 5.0, 5.0]))


def test_correlation_bad_input():
    with pytest.raises(TypeError, match="x"):
        stats.correlation("abc", [1.0, 2.0, 3.0])
    with pytest.raises(TypeError, match="DataFrame"):
        stats.correlation(pd.DataFrame({"a": [1.0, 2.0, 3.0]}), [1.0, 2.0, 3.0])
    with pytest.raises(ValueError, match="same length"):
        stats.correlation([1.0, 2.0, 3.0], [1.0, 2.0])
    with pytest.raises(ValueError, match="complete pairs"):
        stats.correlation([1.0, np.nan, 3.0], [1.0, 2.0, np.nan])
    with pytest.raises(ValueError, match="infinite"):
        stats.correlation([1.0, np.inf, 3.0], [1.0, 2.0, 3.0])
    with pytest.raises(TypeError, match="numbers"):
        stats.correlation(pd.Series(["a", "b", "c"]), [1.0, 2.0, 3.0])
    with pytest.raises(ValueError, match="1-dimensional"):
        stats.correlation(np.ones((3, 2)), [1.0, 2.0, 3.0])


def test_rolling_corr_matches_pandas_and_self_is_one():
    idx = pd.date_range("2020-01-01", periods=120)
    x = pd.Series(noise(120, 4), index=idx)
    y = pd.Series(noise(120, 5), index=idx)
    rc = stats.rolling_corr(x, y, 30)
    assert rc.iloc[:29].isna().all()
    expected = x.rolling(30).corr(y)
    assert np.allclose(rc.dropna(), expected.dropna())
    assert np.allclose(stats.rolling_corr(x, x, 30).dropna(), 1.0)


def test_rolling_corr_bad_input():
    x = pd.Series(noise(50, 1))
    with pytest.raises(TypeError, match="Series"):
        stats.rolling_corr(x.to_numpy(), x, 10)
    with pytest.raises(ValueError, match="window"):
        stats.rolling_corr(x, x, 2)
    with pytest.raises(ValueError, match="longer"):
        stats.rolling_corr(x, x, 51)
    with pytest.raises(TypeError, match="window"):
        stats.rolling_corr(x, x, 10.0)
    with pytest.raises(ValueError, match="min_periods"):
        stats.rolling_corr(x, x, 10, min_periods=11)


@settings(max_examples=50, deadline=None)
@given(st.integers(min_value=3, max_value=80), st.integers(min_value=0, max_value=10_000))
def test_rolling_corr_is_bounded(window, seed):
    x = pd.Series(noise(80, seed))
    y = pd.Series(noise(80, seed + 1) + np.linspace(0, 3, 80))
    rc = stats.rolling_corr(x, y, window).dropna()
    assert len(rc) == 80 - window + 1
    assert ((rc >= -1) & (rc <= 1)).all()


def test_fisher_ci_contains_r_and_narrows_with_n():
    lo, hi = stats.fisher_ci(0.45, 60)
    assert lo < 0.45 < hi
    lo2, hi2 = stats.fisher_ci(0.45, 600)
    assert hi2 - lo2 < hi - lo
    assert stats.fisher_ci(1.0, 10) == (1.0, 1.0)
    with pytest.raises(ValueError, match="r="):
        stats.fisher_ci(1.5, 60)
    with pytest.raises(ValueError, match="n="):
        stats.fisher_ci(0.3, 3)
    with pytest.raises(ValueError, match="level"):
        stats.fisher_ci(0.3, 30, level=1.0)


# ---------------------------------------------------------------------------
# Cross-correlation (lead–lag)
# ---------------------------------------------------------------------------
@pytest.mark.parametrize("shift", [3, -5, 0])
def test_cross_correlation_finds_a_lagged_copy_at_the_right_lag(shift):
    x = pd.Series(noise(400, 6))
    # y[t] = x[t - shift]: x leads y by `shift` rows.
    y = x.shift(shift)
    cc = stats.cross_correlation(x, y, max_lag=8)
    assert int(cc.abs().idxmax()) == shift
    assert cc.loc[shift] == pytest.approx(1.0)
    assert list(cc.index) == list(range(-8, 9))
    assert cc.index.name == "lag"


def test_cross_correlation_lag_zero_is_the_correlation():
    x, y = noise(100, 7), noise(100, 8)
    assert stats.cross_correlation(x, y, 3).loc[0] == pytest.approx(stats.correlation(x, y))


@settings(max_examples=50, deadline=None)
@given(st.integers(min_value=0, max_value=10_000), st.integers(min_value=0, max_value=10))
def test_cross_correlation_symmetry(seed, max_lag):
    x, y = noise(60, seed), noise(60, seed + 1)
    a = stats.cross_correlation(x, y, max_lag)
    b = stats.cross_correlation(y, x, max_lag)
    assert np.allclose(a.to_numpy(), b.to_numpy()[::-1])


def test_cross_correlation_bad_input():
    with pytest.raises(ValueError, match="max_lag"):
        stats.cross_correlation(noise(10, 1), noise(10, 2), max_lag=8)
    with pytest.raises(ValueError, match="max_lag"):
        stats.cross_correlation(noise(10, 1), noise(10, 2), max_lag=-1)
    with pytest.raises(TypeError, match="max_lag"):
        stats.cross_correlation(noise(10, 1), noise(10, 2), max_lag="3")


# ---------------------------------------------------------------------------
# Resampling indices
# ---------------------------------------------------------------------------
@pytest.mark.parametrize("n, block", [(10, 1), (10, 3), (12, 4), (7, 7)])
def test_block_permutation_indices_are_permutations_of_whole_blocks(n, block):
    idx = stats.block_permutation_indices(n, block, n_draws=50, seed=1)
    assert idx.shape == (50, n)
    for row in idx:
        assert sorted(row.tolist()) == list(range(n))
        # Each block of `block` rows stays together and in order.
        starts = [i for i, v in enumerate(row) if v % block == 0]
        for s in starts:
            run = row[s:s + min(block, n - row[s])]
            assert run.tolist() == list(range(row[s], row[s] + len(run)))
    again = stats.block_permutation_indices(n, block, n_draws=50, seed=1)
    assert np.array_equal(idx, again)


def test_block_bootstrap_indices_are_wrapped_blocks():
    idx = stats.block_bootstrap_indices(10, 4, n_draws=20, seed=2)
    assert idx.shape == (20, 10)
    assert idx.min() >= 0 and idx.max() <= 9
    for row in idx:
        for start in range(0, 10, 4):
            run = row[start:start + 4]
            assert all((b - a) % 10 == 1 for a, b in zip(run[:-1], run[1:]))


@pytest.mark.parametrize("kwargs, exc", [
    ({"n": 1}, ValueError), ({"n": 10, "block": 11}, ValueError), ({"n": 10, "block": 0}, ValueError),
    ({"n": 10, "n_draws": 0}, ValueError), ({"n": 10, "seed": -1}, ValueError),
    ({"n": 10.0}, TypeError), ({"n": 10, "seed": 1.5}, TypeError),
])
def test_resampling_indices_bad_input(kwargs, exc):
    with pytest.raises(exc):
        stats.block_permutation_indices(**kwargs)
    with pytest.raises(exc):
        stats.block_bootstrap_indices(**kwargs)


# ---------------------------------------------------------------------------
# Permutation tests: known cases and calibration
# ---------------------------------------------------------------------------
def test_permutation_test_detects_a_strong_link():
    x = noise(200, 9)
    y = x + 0.3 * noise(200, 10)
    res = stats.permutation_test(x, y, n_perm=199, seed=0)
    assert res.statistic > 0.9
    assert res.p_value == pytest.approx(1 / 200)
    assert res.null.shape == (199,)
    assert stats.permutation_test(x, y, n_perm=199, alternative="less").p_value == pytest.approx(1.0)


def test_permutation_p_values_are_calibrated_on_independent_noise():
    # Under the null, p-values are roughly uniform: about 5 % fall below 0.05, about half below 0.5.
    p = np.array([stats.permutation_test(noise(60, 2 * s), noise(60, 2 * s + 1), n_perm=199, seed=s).p_value
                  for s in range(400)])
    assert 0.02 <= (p < 0.05).mean() <= 0.09
    assert 0.40 <= (p < 0.5).mean() <= 0.60


def test_block_permutation_p_values_are_calibrated_on_independent_noise():
    p = np.array([stats.permutation_test(noise(80, 3 * s), noise(80, 3 * s + 1), n_perm=199, block=5,
                                         seed=s).p_value for s in range(300)])
    assert 0.015 <= (p < 0.05).mean() <= 0.10


def test_permutation_test_bad_input():
    with pytest.raises(ValueError, match="alternative"):
        stats.permutation_test(noise(20, 1), noise(20, 2), alternative="both")
    with pytest.raises(ValueError, match="n_perm"):
        stats.permutation_test(noise(20, 1), noise(20, 2), n_perm=0)
    with pytest.raises(ValueError, match="complete pairs"):
        stats.permutation_test([1.0, 2.0], [2.0, 1.0])


def test_cross_correlation_test_finds_a_lagged_copy():
    x = pd.Series(noise(300, 11))
    y = x.shift(3) + 0.5 * pd.Series(noise(300, 12))
    res = stats.cross_correlation_test(x, y, max_lag=6, n_perm=199, block=4, seed=1)
    assert res.max_abs_lag == 3
    assert res.max_abs_p == pytest.approx(1 / 200)
    t = res.table
    assert list(t.index) == list(range(-6, 7))
    assert t.loc[3, "p_value"] == pytest.approx(1 / 200)
    assert (t["perm_lo"] < t["perm_hi"]).all()
    assert t.loc[0, "white_band"] == pytest.approx(1.959964 / math.sqrt(t.loc[0, "n"]), rel=1e-5)
    assert "lag" in res.summary() or "lags" in res.summary()


def test_cross_correlation_test_null_matches_a_direct_computation():
    x, y = noise(90, 13), noise(90, 14)
    res = stats.cross_correlation_test(x, y, max_lag=4, n_perm=99, block=3, seed=5)
    idx = stats.block_permutation_indices(90, 3, 99, 5)
    for k in (-4, 0, 2):
        xs, ys = (x[:90 - k], y[idx][:, k:]) if k >= 0 else (x[-k:], y[idx][:, :90 + k])
        null = np.array([np.corrcoef(xs, row)[0, 1] for row in ys])
        lo, hi = np.quantile(null, [0.025, 0.975])
        assert res.table.loc[k, "perm_lo"] == pytest.approx(lo)
        assert res.table.loc[k, "perm_hi"] == pytest.approx(hi)
        assert res.table.loc[k, "corr"] == pytest.approx(np.corrcoef(xs, y[k:] if k >= 0 else y[:90 + k])[0, 1])


def test_family_wise_test_is_calibrated_on_independent_noise():
    # The largest |corr| over 11 lags exceeds the per-lag band often; the family-wise p-value rarely < 0.05.
    fw, any_lag = [], []
    for s in range(200):
        res = stats.cross_correlation_test(noise(100, 5 * s), noise(100, 5 * s + 1), max_lag=5,
                                           n_perm=199, seed=s)
        fw.append(res.max_abs_p < 0.05)
        any_lag.append((res.table["p_value"] < 0.05).any())
    assert 0.01 <= np.mean(fw) <= 0.10
    assert np.mean(any_lag) > 0.25  # trying 11 lags finds a "significant" one far more often than 5 %


def test_cross_correlation_test_bad_input():
    with pytest.raises(ValueError, match="level"):
        stats.cross_correlation_test(noise(50, 1), noise(50, 2), level=95)
    with pytest.raises(ValueError, match="max_lag"):
        stats.cross_correlation_test(noise(10, 1), noise(10, 2), max_lag=9)


# ---------------------------------------------------------------------------
# Bootstrap intervals
# ---------------------------------------------------------------------------
def test_bootstrap_corr_ci_brackets_the_estimate_and_is_reproducible():
    x = noise(300, 15)
    y = 0.5 * x + noise(300, 16)
    r, lo, hi = stats.bootstrap_corr_ci(x, y, block=5, n_boot=499, seed=3)
    assert lo < r < hi
    assert r == pytest.approx(np.corrcoef(x, y)[0, 1])
    assert (r, lo, hi) == stats.bootstrap_corr_ci(x, y, block=5, n_boot=499, seed=3)
    assert hi - lo < 0.3


def test_bootstrap_mean_ci():
    x = noise(400, 17) + 1.0
    m, lo, hi = stats.bootstrap_mean_ci(x, n_boot=499, seed=1)
    assert lo < m < hi
    assert lo < 1.0 < hi
    with pytest.raises(ValueError, match="at least 2"):
        stats.bootstrap_mean_ci([1.0])
    with pytest.raises(ValueError, match="level"):
        stats.bootstrap_mean_ci(x, level=0)


# ---------------------------------------------------------------------------
# Simulation
# ---------------------------------------------------------------------------
def test_random_walks_shape_seed_and_drift():
    w = stats.random_walks(500, 200, seed=1, drift=0.5)
    assert w.shape == (500, 200)
    assert np.array_equal(w, stats.random_walks(500, 200, seed=1, drift=0.5))
    assert w[-1].mean() == pytest.approx(250, rel=0.1)
    steps = np.diff(stats.random_walks(1000, 1, seed=2, sigma=2.0)[:, 0])
    assert steps.std() == pytest.approx(2.0, rel=0.1)


def test_random_walks_bad_input():
    with pytest.raises(ValueError, match="sigma"):
        stats.random_walks(10, sigma=0)
    with pytest.raises(ValueError, match="n_steps"):
        stats.random_walks(1)
    with pytest.raises(TypeError, match="drift"):
        stats.random_walks(10, drift="up")
    with pytest.raises(ValueError, match="drift"):
        stats.random_walks(10, drift=float("nan"))


def test_spurious_correlation_experiment_levels_vs_changes():
    sim = stats.spurious_correlation_experiment(400, 300, seed=3)
    assert list(sim.columns) == ["levels", "changes"]
    assert len(sim) == 400
    share_levels = (sim["levels"].abs() > 0.5).mean()
    share_changes = (sim["changes"].abs() > 0.5).mean()
    assert share_levels > 0.2
    assert share_changes == 0.0
    # Changes of independent walks are independent noise: |corr| about 1/sqrt(n).
    assert sim["changes"].abs().quantile(0.95) < 0.15
    with pytest.raises(ValueError, match="n_pairs"):
        stats.spurious_correlation_experiment(0)


# ---------------------------------------------------------------------------
# The public face: odd input is refused by name, never answered with NaN or unbounded work
# ---------------------------------------------------------------------------
def test_permutation_test_on_a_constant_series_is_refused():
    # It used to return statistic NaN with p = 0.01.
    with pytest.raises(ValueError, match=r"^y is constant"):
        stats.permutation_test(noise(50, 1), np.ones(50))
    with pytest.raises(ValueError, match=r"^x is constant"):
        stats.cross_correlation_test(np.ones(50), noise(50, 1), max_lag=3, n_perm=9)
    with pytest.raises(ValueError, match=r"^x is constant"):
        stats.bootstrap_corr_ci(np.ones(50), noise(50, 1), n_boot=9)


@pytest.mark.parametrize("call, name", [
    (lambda: stats.permutation_test(noise(50, 1), noise(50, 2), n_perm=10_001), "n_perm"),
    (lambda: stats.cross_correlation_test(noise(50, 1), noise(50, 2), n_perm=10**400), "n_perm"),
    (lambda: stats.bootstrap_corr_ci(noise(50, 1), noise(50, 2), n_boot=1_000_000), "n_boot"),
    (lambda: stats.bootstrap_mean_ci(noise(50, 1), n_boot=50_000), "n_boot"),
    (lambda: stats.block_permutation_indices(100, n_draws=10_001), "n_draws"),
    (lambda: stats.block_bootstrap_indices(10**400), "n"),
    (lambda: stats.block_bootstrap_indices(5_000, n_draws=5_000), "n_draws"),  # 25 million cells
    (lambda: stats.random_walks(100_000, 1_000), "n_steps"),
    (lambda: stats.spurious_correlation_experiment(100_000, 100_000), "n_pairs"),
    (lambda: stats.random_walks(10, drift=1e300), "drift"),
    (lambda: stats.random_walks(10, sigma=1e300), "sigma"),
    (lambda: stats.permutation_test(noise(50, 1), noise(50, 2), seed=2**40), "seed"),
    (lambda: stats.fisher_ci(0.3, 10**400), "n"),
    (lambda: stats.log_returns(pd.Series([1.0, 2.0, 3.0]), periods=10**400), "periods"),
])
def test_work_and_sizes_are_bounded(call, name):
    with pytest.raises(ValueError, match=rf"^{name}="):
        call()


def test_the_largest_settings_the_course_uses_still_run():
    assert stats.permutation_test(noise(600, 1), noise(600, 2), n_perm=stats.MAX_DRAWS).n_perm == 10_000
    assert stats.bootstrap_mean_ci(noise(60, 3), n_boot=10_000)[0] == pytest.approx(noise(60, 3).mean())
    assert stats.spurious_correlation_experiment(1000, 2400, seed=7).shape == (1000, 2)


def test_dated_series_must_be_in_order_with_one_row_per_date():
    idx = pd.date_range("2020-01-01", periods=40)
    x, y = pd.Series(noise(40, 1), index=idx), pd.Series(noise(40, 2), index=idx)
    with pytest.raises(ValueError, match=r"^x is not in date order"):
        stats.cross_correlation(x.iloc[::-1], y, max_lag=3)
    with pytest.raises(ValueError, match=r"^y has repeated dates"):
        stats.correlation(x, pd.concat([y, y.iloc[:2]]))
    with pytest.raises(ValueError, match="time-zone"):
        stats.rolling_corr(x.tz_localize("UTC"), y, 10)
    with pytest.raises(ValueError, match="prices is not in date order"):
        stats.log_returns(x.abs().iloc[::-1] + 1)
    with pytest.raises(ValueError, match="repeated index labels"):
        stats.log_returns(pd.Series([1.0, 2.0, 3.0], index=[0, 1, 1]))
    with pytest.raises(ValueError, match="not in index order"):
        stats.permutation_test(pd.Series(noise(10, 1), index=range(10, 0, -1)), noise(10, 2))


def test_no_nan_answers_for_flat_or_empty_input():
    with pytest.raises(ValueError, match="max_lag=3: at lag"):
        stats.cross_correlation([1.0, 1.0, 1.0, 1.0, 2.0, 3.0, 1.0], [1.0, 2.0, 3.0, 4.0, 2.0, 3.0, 1.0], max_lag=3)
    x = pd.Series(noise(40, 3)).where(lambda s: s.index % 2 == 0)  # every other row missing
    with pytest.raises(ValueError, match="window=5 with min_periods=5: no window"):
        stats.rolling_corr(x, pd.Series(noise(40, 1)), 5)
    assert stats.rolling_corr(x, pd.Series(noise(40, 1)), 6, min_periods=3).notna().any()
    with pytest.raises(ValueError, match=r"prices\['b'\] has no two prices"):
        stats.log_returns(pd.DataFrame({"a": [1.0, 2.0, 3.0], "b": [1.0, np.nan, np.nan]}))
    with pytest.raises(ValueError, match="at least one column"):
        stats.log_returns(pd.DataFrame(index=range(3)))
    with pytest.raises(TypeError, match=r"prices\['a'\] must hold numbers"):
        stats.simple_returns(pd.DataFrame({"a": ["1", "2"]}))
    with pytest.raises(ValueError, match="infinite"):
        stats.log_returns(pd.Series([1.0, np.inf, 2.0]))
