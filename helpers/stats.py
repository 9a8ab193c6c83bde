"""General statistics for the course: returns, correlation, lead–lag and resampling tests.

Everything here is general (no course data is loaded, no chart is drawn); lessons 03 onwards reuse it.

* Returns: :func:`log_returns`, :func:`simple_returns`, :func:`common_day_returns`.
* Correlation: :func:`correlation`, :func:`rolling_corr`, :func:`fisher_ci`,
  :func:`cross_correlation` (lead–lag).
* Resampling: :func:`block_permutation_indices`, :func:`block_bootstrap_indices`,
  :func:`permutation_test`, :func:`cross_correlation_test`, :func:`bootstrap_corr_ci`,
  :func:`bootstrap_mean_ci`.
* Simulation: :func:`random_walks`, :func:`spurious_correlation_experiment`.

Conventions
-----------
* Correlation means Pearson's correlation of the pairs where both values are present. A series
  that is constant over those pairs has no correlation: that is a ``ValueError``, not a NaN.
* Lags are counted in rows (periods) of the aligned data: in ``cross_correlation(x, y)`` the value
  at lag ``k`` is ``corr(x[t], y[t + k])``, so a **positive lag means x moves first** (x leads y
  by k periods) and a negative lag means y moves first. Series indexed by date must be in date
  order with one row per date (as :func:`helpers.load` gives them).
* Random numbers come from ``numpy.random.default_rng(seed)``: the same seed gives the same answer.
* Work is bounded: at most :data:`MAX_DRAWS` shuffles or bootstrap draws, and at most
  :data:`MAX_CELLS` numbers in one resampling or simulation array (rows x draws).
* Bad input raises ``TypeError`` (wrong type) or ``ValueError`` (bad value), naming the parameter,
  the value given and what is allowed (the checks of :mod:`helpers.validate`).
"""
from __future__ import annotations

import math
from dataclasses import dataclass
from statistics import NormalDist

import numpy as np
import pandas as pd

from helpers.validate import check_choice, check_frame, check_int, check_number, check_seed, check_series

__all__ = [
    "log_returns", "simple_returns", "common_day_returns",
    "correlation", "rolling_corr", "fisher_ci", "cross_correlation",
    "block_permutation_indices", "block_bootstrap_indices", "PermutationResult", "permutation_test",
    "CrossCorrelationTest", "cross_correlation_test", "bootstrap_corr_ci", "bootstrap_mean_ci",
    "random_walks", "spurious_correlation_experiment",
    "MAX_DRAWS", "MAX_CELLS",  # the work bounds, shared with topics that resample (helpers.events)
]

MIN_PAIRS = 3
MAX_DRAWS = 10_000  # shuffles / bootstrap draws: 10x the default 999 (claim 11 allows 9,999; events' default is 10,000)
MAX_CELLS = 10_000_000  # rows x draws of one index or simulation array (80 MB); the lessons use at most ~5 million
MAX_SEED = 2**32 - 1
MAX_N = 10**9  # a sample size for fisher_ci
MAX_STEP = 1e6  # |drift| and sigma of a random-walk step
ALTERNATIVES = ("two-sided", "greater", "less")


# ---------------------------------------------------------------------------
# Validation
# ---------------------------------------------------------------------------
def _check_order(name: str, index: pd.Index, ordered: bool) -> None:
    """An index that is not dates (validate checks those): unique labels and, if ``ordered``, sorted."""
    if not index.is_unique:
        raise ValueError(f"{name} has repeated index labels; allowed: one value per label "
                         f"(use {name}[~{name}.index.duplicated()])")
    if ordered and not index.is_monotonic_increasing:
        raise ValueError(f"{name} is not in index order; allowed: rows in order, as lags and blocks count rows "
                         f"(use {name}.sort_index())")


def _as_series(name: str, x, *, ordered: bool = False) -> pd.Series:
    """A float Series from a Series, a 1-d array or a list (a DataFrame is refused).

    A Series indexed by date gets validate's date checks (no time zone, unique, in date order);
    another index must be unique, and sorted if ``ordered``.
    """
    if isinstance(x, pd.DataFrame):
        raise TypeError(f"{name} must be one series (a pandas Series, a 1-d array or a list), "
                        f"got a DataFrame with columns {list(x.columns)[:6]}; pick one column")
    if isinstance(x, pd.Series):
        dated = isinstance(x.index, pd.DatetimeIndex)
        if not dated:
            _check_order(name, x.index, ordered)
        return check_series(name, x, dated=dated, min_len=0).astype("float64")
    if not isinstance(x, (np.ndarray, list, tuple)):
        raise TypeError(f"{name} must be a pandas Series, a 1-d numpy array or a list of numbers, "
                        f"got {type(x).__name__}")
    try:
        arr = np.asarray(x)
    except (TypeError, ValueError):
        raise TypeError(f"{name} must be a flat list of numbers") from None
    if arr.ndim != 1:
        raise ValueError(f"{name} must be 1-dimensional, got shape {arr.shape}")
    if arr.dtype == bool or not (np.issubdtype(arr.dtype, np.integer) or np.issubdtype(arr.dtype, np.floating)):
        raise TypeError(f"{name} must hold numbers, got dtype {arr.dtype}")
    arr = arr.astype("float64")
    if np.isinf(arr).any():
        raise ValueError(f"{name} contains an infinite value; remove or replace it first")
    return pd.Series(arr)


def _pairs(x, y, *, ordered: bool = False, varied: bool = True) -> tuple[np.ndarray, np.ndarray, pd.Index]:
    """Align ``x`` and ``y`` on their index (inner join), drop pairs with a missing value.

    At least :data:`MIN_PAIRS` pairs are needed; with ``varied`` neither side may be constant over them.
    """
    sx, sy = _as_series("x", x, ordered=ordered), _as_series("y", y, ordered=ordered)
    if not isinstance(x, pd.Series) or not isinstance(y, pd.Series):
        if len(sx) != len(sy):
            raise ValueError(f"x and y must have the same length when either is not a "
                             f"pandas Series, got {len(sx)} and {len(sy)}")
        sx.index = sy.index = pd.RangeIndex(len(sx))
    df = pd.concat([sx.rename("x"), sy.rename("y")], axis=1, join="inner").dropna()
    if len(df) < MIN_PAIRS:
        raise ValueError(f"x and y have {len(df)} complete pairs; need at least {MIN_PAIRS}")
    a, b = df["x"].to_numpy(), df["y"].to_numpy()
    if varied:
        for name, v in (("x", a), ("y", b)):
            if np.ptp(v) == 0:
                raise ValueError(f"{name} is constant over its {len(v)} complete pairs with the other series; "
                                 "allowed: values that vary (the correlation of a constant is undefined)")
    return a, b, df.index


def _check_draws(name: str, value, rows: int, default: int = 999) -> int:
    """A number of shuffles or bootstrap draws: 1..MAX_DRAWS, and rows x draws <= MAX_CELLS."""
    draws = check_int(name, value, 1, MAX_DRAWS,
                      allowed=f"a whole number from 1 to {MAX_DRAWS:,} (the lessons use {default})")
    if rows * draws > MAX_CELLS:
        raise ValueError(f"{name}={draws} draws of {rows:,} rows is too much work; allowed: at most "
                         f"{MAX_CELLS:,} numbers in all, here {name} <= {max(1, MAX_CELLS // rows):,}")
    return draws


def _check_level(level) -> float:
    return check_number("level", level, 0.0, 1.0, open_lo=True, open_hi=True,
                        allowed="a fraction between 0 and 1, e.g. 0.95")


def _seed_arg(seed) -> int:
    return check_seed("seed", seed, MAX_SEED)


def _corr(a: np.ndarray, b: np.ndarray) -> float:
    a = a - a.mean()
    b = b - b.mean()
    den = math.sqrt(float(a @ a) * float(b @ b))
    if den == 0.0:
        return float("nan")
    return float(np.clip((a @ b) / den, -1.0, 1.0))


def _rows_corr(mat: np.ndarray, vec: np.ndarray) -> np.ndarray:
    """Correlation of each row of ``mat`` with ``vec`` (same length)."""
    m = mat - mat.mean(axis=1, keepdims=True)
    v = vec - vec.mean()
    den = np.sqrt((m * m).sum(axis=1) * float(v @ v))
    with np.errstate(invalid="ignore", divide="ignore"):
        out = (m @ v) / den
    return np.clip(out, -1.0, 1.0)


def _cols_corr(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """Correlation of column j of ``a`` with column j of ``b``."""
    a = a - a.mean(axis=0)
    b = b - b.mean(axis=0)
    den = np.sqrt((a * a).sum(axis=0) * (b * b).sum(axis=0))
    with np.errstate(invalid="ignore", divide="ignore"):
        out = (a * b).sum(axis=0) / den
    return np.clip(out, -1.0, 1.0)


# ---------------------------------------------------------------------------
# Returns
# ---------------------------------------------------------------------------
def _check_prices(prices) -> pd.Series | pd.DataFrame:
    """Prices over time: a numeric Series or DataFrame, at least 2 rows, in order, every price > 0."""
    dated = isinstance(getattr(prices, "index", None), pd.DatetimeIndex)
    if isinstance(prices, pd.Series):
        check_series("prices", prices, dated=dated, min_len=2)
    elif isinstance(prices, pd.DataFrame):
        if prices.shape[1] < 1:
            raise ValueError("prices must have at least one column (one per asset)")
        for col in prices.columns:
            if not pd.api.types.is_numeric_dtype(prices[col]) or pd.api.types.is_bool_dtype(prices[col]):
                raise TypeError(f"prices[{col!r}] must hold numbers, got dtype {prices[col].dtype}")
        check_frame("prices", prices, dated=dated, min_rows=2)
    else:
        raise TypeError(f"prices must be a pandas Series or DataFrame of prices, got {type(prices).__name__}")
    if not dated:
        _check_order("prices", prices.index, ordered=True)
    values = prices.to_numpy(dtype="float64", na_value=np.nan)
    if np.isinf(values).any():
        raise ValueError("prices contains an infinite value; remove or replace it first")
    if (values[~np.isnan(values)] <= 0).any():
        raise ValueError("prices must be positive (a price or index level); found a value <= 0. "
                         "For yields or spreads use differences (.diff()) instead of returns")
    return prices.astype("float64")


def _returns(prices, periods, kind: str) -> pd.Series | pd.DataFrame:
    p = _check_prices(prices)
    periods = check_int("periods", periods, 1, len(p) - 1,
                        allowed=f"a whole number from 1 to {len(p) - 1} (fewer than the rows of prices)")
    out = (np.log(p).diff(periods) if kind == "log" else p / p.shift(periods) - 1.0).iloc[periods:]
    columns = [(f"prices[{c!r}]", out[c]) for c in out.columns] if isinstance(out, pd.DataFrame) else [("prices", out)]
    for what, values in columns:
        if values.isna().all():
            raise ValueError(f"{what} has no two prices {periods} row(s) apart, so no return; "
                             "allowed: prices with values in consecutive rows")
    return out


def log_returns(prices: pd.Series | pd.DataFrame, periods: int = 1) -> pd.Series | pd.DataFrame:
    """Log returns ``ln(p[t] / p[t - periods])`` (a fraction: 0.01 is about +1 %).

    Log returns add up over time (the sum over a span is the log return of the span). The first
    ``periods`` rows, which have no earlier price, are dropped; other missing prices stay missing.
    """
    return _returns(prices, periods, "log")


def simple_returns(prices: pd.Series | pd.DataFrame, periods: int = 1) -> pd.Series | pd.DataFrame:
    """Simple returns ``p[t] / p[t - periods] - 1`` (a fraction); first ``periods`` rows dropped."""
    return _returns(prices, periods, "simple")


def common_day_returns(prices: pd.DataFrame, kind: str = "log") -> pd.DataFrame:
    """Returns of several price series measured over the **same** spans.

    Keeps only the rows (days) on which *every* column has a price, then takes each return from
    the previous kept row to this one. Example: bitcoin trades every day and stocks on weekdays;
    with columns ``btc`` and ``sp500`` the Monday row holds both markets' returns from Friday's
    close to Monday's close (bitcoin's weekend moves are included in its Monday return, as they
    are in the stock market's Monday opening). ``kind`` is ``"log"`` or ``"simple"``.
    Returns a DataFrame of fractions with the first kept day dropped.
    """
    if not isinstance(prices, pd.DataFrame):
        raise TypeError(f"prices must be a DataFrame with one column per asset, got {type(prices).__name__}")
    kind = check_choice("kind", kind, ("log", "simple"))
    _check_prices(prices)
    common = prices.dropna(how="any")
    if len(common) < 2:
        raise ValueError(f"prices has {len(common)} rows where every column has a value; need at least 2")
    return _returns(common, 1, kind)


# ---------------------------------------------------------------------------
# Correlation
# ---------------------------------------------------------------------------
def correlation(x, y) -> float:
    """Pearson correlation of the pairs where both ``x`` and ``y`` have a value (between -1 and 1).

    Two Series are aligned on their index; arrays or lists must have the same length. At least
    three complete pairs are needed, and neither series may be constant over them (its correlation
    is undefined): both are a ``ValueError``.
    """
    a, b, _ = _pairs(x, y)
    return _corr(a, b)


def rolling_corr(x: pd.Series, y: pd.Series, window: int, min_periods: int | None = None) -> pd.Series:
    """Correlation of ``x`` and ``y`` over a moving window of ``window`` rows (aligned on the index).

    The value on a row uses that row and the ``window - 1`` rows before it. Rows with fewer than
    ``min_periods`` complete pairs (default: the whole window), or where one series is flat over
    the window, are NaN; if every row would be NaN that is a ``ValueError``.
    """
    if not isinstance(x, pd.Series) or not isinstance(y, pd.Series):
        raise TypeError(f"x and y must be pandas Series, got {type(x).__name__} and {type(y).__name__}")
    sx, sy = _as_series("x", x, ordered=True), _as_series("y", y, ordered=True)
    window = check_int("window", window, MIN_PAIRS)
    min_periods = window if min_periods is None else check_int("min_periods", min_periods, MIN_PAIRS, window)
    df = pd.concat([sx.rename("x"), sy.rename("y")], axis=1, join="inner")
    if window > len(df):
        raise ValueError(f"window={window} is longer than the {len(df)} aligned rows of x and y")
    both = df.notna().all(axis=1)
    _pairs(df.loc[both, "x"], df.loc[both, "y"])  # enough complete pairs, neither series constant
    df = df.where(both)
    out = df["x"].rolling(window, min_periods=min_periods).corr(df["y"])
    if out.isna().all():
        raise ValueError(f"window={window} with min_periods={min_periods}: no window of x and y has enough "
                         "complete pairs that vary; allowed: a shorter window or a smaller min_periods")
    # Guard against tiny floating-point excursions outside [-1, 1].
    return out.clip(-1.0, 1.0).rename("corr")


def fisher_ci(r: float, n: int, level: float = 0.95) -> tuple[float, float]:
    """Approximate confidence interval for a correlation ``r`` from ``n`` independent pairs.

    Uses Fisher's z-transform: ``z = atanh(r)`` is roughly normal with standard error
    ``1 / sqrt(n - 3)``. It assumes independent pairs; with autocorrelated data the real
    interval is wider.
    """
    r = check_number("r", r, -1.0, 1.0)
    n = check_int("n", n, 4, MAX_N)
    level = _check_level(level)
    if abs(r) == 1.0:
        return r, r
    zq = NormalDist().inv_cdf(0.5 + level / 2)
    z = math.atanh(r)
    half = zq / math.sqrt(n - 3)
    return math.tanh(z - half), math.tanh(z + half)


def _check_max_lag(max_lag, n: int) -> int:
    return check_int("max_lag", max_lag, 0, n - MIN_PAIRS,
                     allowed=f"a whole number from 0 to {n - MIN_PAIRS} (each lag must leave at least "
                             f"{MIN_PAIRS} pairs of the {n} aligned rows)")


def _lag_slices(n: int, k: int) -> tuple[slice, slice]:
    """Slices of x and y so that x[t] pairs with y[t + k]."""
    if k >= 0:
        return slice(0, n - k), slice(k, n)
    return slice(-k, n), slice(0, n + k)


def _lag_corr(a: np.ndarray, b: np.ndarray, k: int, max_lag: int) -> float:
    sx, sy = _lag_slices(len(a), k)
    r = _corr(a[sx], b[sy])
    if math.isnan(r):
        raise ValueError(f"max_lag={max_lag}: at lag {k} the overlapping part of x or y is constant, so it has "
                         "no correlation; allowed: a smaller max_lag or series that vary throughout")
    return r


def cross_correlation(x, y, max_lag: int = 12) -> pd.Series:
    """Cross-correlation ``corr(x[t], y[t + k])`` for lags ``k = -max_lag .. max_lag``.

    ``x`` and ``y`` are first aligned (inner join on the index, rows with a missing value dropped);
    lags then count rows of the aligned data, so use regularly spaced data without gaps.
    Positive ``k``: x leads y by k rows. Returns a Series indexed by ``lag`` (named ``corr``).
    """
    a, b, _ = _pairs(x, y, ordered=True)
    max_lag = _check_max_lag(max_lag, len(a))
    values = {k: _lag_corr(a, b, k, max_lag) for k in range(-max_lag, max_lag + 1)}
    out = pd.Series(values, name="corr", dtype="float64")
    out.index.name = "lag"
    return out


# ---------------------------------------------------------------------------
# Resampling: permutations and bootstraps
# ---------------------------------------------------------------------------
def _check_indices_args(n, block, n_draws, seed) -> tuple[int, int, int, int]:
    n = check_int("n", n, 2, MAX_CELLS)
    block = check_int("block", block, 1, n)
    n_draws = _check_draws("n_draws", n_draws, n)
    return n, block, n_draws, _seed_arg(seed)


def _permutation_indices(n: int, block: int, n_draws: int, seed: int) -> np.ndarray:
    rng = np.random.default_rng(seed)
    if block == 1:
        return np.argsort(rng.random((n_draws, n)), axis=1)
    n_blocks = -(-n // block)
    # Block j holds rows j*block .. j*block+block-1; rows past the end (in the last block) are -1.
    blocks = np.arange(n_blocks * block).reshape(n_blocks, block)
    blocks[blocks >= n] = -1
    order = np.argsort(rng.random((n_draws, n_blocks)), axis=1)
    flat = blocks[order].reshape(n_draws, n_blocks * block)
    return flat[flat >= 0].reshape(n_draws, n)


def _bootstrap_indices(n: int, block: int, n_draws: int, seed: int) -> np.ndarray:
    rng = np.random.default_rng(seed)
    n_blocks = -(-n // block)
    starts = rng.integers(0, n, size=(n_draws, n_blocks))
    idx = (starts[:, :, None] + np.arange(block)[None, None, :]) % n
    return idx.reshape(n_draws, n_blocks * block)[:, :n]


def block_permutation_indices(n: int, block: int = 1, n_draws: int = 999, seed: int = 0) -> np.ndarray:
    """Row orders for a (block) permutation test: an ``(n_draws, n)`` array of indices.

    The rows ``0..n-1`` are cut into consecutive blocks of ``block`` rows (the last may be
    shorter) and the blocks are shuffled. ``block=1`` is an ordinary permutation. Longer blocks
    keep short-range patterns inside a series (such as volatility clustering) while breaking its
    alignment with another series.
    """
    return _permutation_indices(*_check_indices_args(n, block, n_draws, seed))


def block_bootstrap_indices(n: int, block: int = 1, n_draws: int = 999, seed: int = 0) -> np.ndarray:
    """Row indices for a circular block bootstrap: an ``(n_draws, n)`` array.

    Each draw strings together blocks of ``block`` consecutive rows starting at random rows
    (wrapping round the end), cut to length ``n``. ``block=1`` is the ordinary bootstrap
    (rows drawn with replacement). Use blocks when neighbouring rows are related.
    """
    return _bootstrap_indices(*_check_indices_args(n, block, n_draws, seed))


@dataclass(frozen=True)
class PermutationResult:
    """Result of :func:`permutation_test`: the observed correlation, its p-value and the null draws."""

    statistic: float
    p_value: float
    n: int
    n_perm: int
    block: int
    alternative: str
    null: np.ndarray

    def __repr__(self) -> str:
        return (f"PermutationResult(statistic={self.statistic:.3f}, p_value={self.p_value:.3f}, "
                f"n={self.n}, n_perm={self.n_perm}, block={self.block}, alternative={self.alternative!r})")


def _p_value(obs: float, null: np.ndarray, alternative: str) -> float:
    # (1 + count) / (1 + draws): never exactly 0, and exact-size under the null.
    if alternative == "two-sided":
        hits = np.count_nonzero(np.abs(null) >= abs(obs) - 1e-12)
    elif alternative == "greater":
        hits = np.count_nonzero(null >= obs - 1e-12)
    else:
        hits = np.count_nonzero(null <= obs + 1e-12)
    return (1 + hits) / (1 + len(null))


def _resampling_args(n: int, block, draws_name: str, draws, seed) -> tuple[int, int, int]:
    """``block``, the number of draws and ``seed`` of a test on ``n`` aligned pairs, checked."""
    block = check_int("block", block, 1, n, allowed=f"a whole number of rows from 1 to {n} (the rows of data)")
    return block, _check_draws(draws_name, draws, n), _seed_arg(seed)


def permutation_test(x, y, n_perm: int = 999, block: int = 1, seed: int = 0,
                     alternative: str = "two-sided") -> PermutationResult:
    """Permutation test of "no correlation" between ``x`` and ``y``.

    ``y`` is shuffled (in blocks of ``block`` rows) ``n_perm`` times; the p-value is the share of
    shuffles whose correlation is at least as extreme as the observed one, counted as
    ``(1 + hits) / (1 + n_perm)``. ``alternative``: ``"two-sided"``, ``"greater"`` or ``"less"``.
    A constant ``x`` or ``y`` has no correlation to test: a ``ValueError``.
    """
    alternative = check_choice("alternative", alternative, ALTERNATIVES)
    a, b, _ = _pairs(x, y, ordered=True)
    block, n_perm, seed = _resampling_args(len(a), block, "n_perm", n_perm, seed)
    idx = _permutation_indices(len(a), block, n_perm, seed)
    obs = _corr(a, b)
    null = _rows_corr(b[idx], a)
    return PermutationResult(obs, _p_value(obs, null, alternative), len(a), n_perm, block, alternative, null)


@dataclass(frozen=True)
class CrossCorrelationTest:
    """Result of :func:`cross_correlation_test`.

    ``table`` has one row per lag: ``corr``, ``n`` (pairs), ``white_band`` (the ±1.96/√n band of
    uncorrelated white noise), ``perm_lo`` / ``perm_hi`` (the central ``level`` range of the
    permutation null), ``p_value`` (per-lag, two-sided) and ``outside_white``.
    ``max_abs_p`` is the family-wise p-value of the largest ``|corr|`` over all lags: the share of
    shuffles whose largest ``|corr|`` over all lags is at least as large. It answers "is the best
    lag better than the best lag of unrelated series?", which accounts for having tried many lags.
    """

    table: pd.DataFrame
    max_abs_lag: int
    max_abs_corr: float
    max_abs_p: float
    n_perm: int
    block: int
    level: float

    def summary(self) -> str:
        t = self.table
        hits = t.index[t["p_value"] < 1 - self.level].tolist()
        return (f"{len(t)} lags tested; per-lag p < {1 - self.level:.2f} at lags {hits or 'none'}; "
                f"largest |corr| {self.max_abs_corr:+.3f} at lag {self.max_abs_lag}, "
                f"family-wise p = {self.max_abs_p:.3f} ({self.n_perm} shuffles, blocks of {self.block})")


def cross_correlation_test(x, y, max_lag: int = 12, n_perm: int = 999, block: int = 1, seed: int = 0,
                           level: float = 0.95) -> CrossCorrelationTest:
    """Cross-correlation at lags ``-max_lag..max_lag`` with white-noise and permutation bands.

    The null hypothesis is that ``x`` and ``y`` are unrelated. ``y`` is shuffled in blocks of
    ``block`` rows (``n_perm`` times, seed ``seed``) and the cross-correlations are recomputed for
    every shuffle, giving per-lag bands and p-values and a family-wise test of the largest
    ``|corr|`` over all lags. Lag convention as in :func:`cross_correlation`.
    """
    a, b, _ = _pairs(x, y, ordered=True)
    n = len(a)
    max_lag = _check_max_lag(max_lag, n)
    block, n_perm, seed = _resampling_args(n, block, "n_perm", n_perm, seed)
    level = _check_level(level)
    zq = NormalDist().inv_cdf(0.5 + level / 2)
    idx = _permutation_indices(n, block, n_perm, seed)
    yb = b[idx]
    # Running sums give each shuffled segment's mean and spread in O(1) per lag.
    c1 = np.concatenate([np.zeros((n_perm, 1)), np.cumsum(yb, axis=1)], axis=1)
    c2 = np.concatenate([np.zeros((n_perm, 1)), np.cumsum(yb * yb, axis=1)], axis=1)
    lags = list(range(-max_lag, max_lag + 1))
    rows, nulls = [], []
    for k in lags:
        sx, sy = _lag_slices(n, k)
        xs = a[sx]
        m = len(xs)
        xc = xs - xs.mean()
        obs = _lag_corr(a, b, k, max_lag)
        s1 = c1[:, sy.stop] - c1[:, sy.start]
        s2 = c2[:, sy.stop] - c2[:, sy.start]
        ss = np.maximum(s2 - s1 * s1 / m, 0.0)
        with np.errstate(invalid="ignore", divide="ignore"):
            null = np.clip((yb[:, sy] @ xc) / np.sqrt(ss * float(xc @ xc)), -1.0, 1.0)
        nulls.append(null)
        lo, hi = np.nanquantile(null, [(1 - level) / 2, 1 - (1 - level) / 2])  # a flat shuffled segment: NaN
        rows.append({"lag": k, "corr": obs, "n": m, "white_band": zq / math.sqrt(m),
                     "perm_lo": float(lo), "perm_hi": float(hi),
                     "p_value": _p_value(obs, null, "two-sided")})
    table = pd.DataFrame(rows).set_index("lag")
    table["outside_white"] = table["corr"].abs() > table["white_band"]
    null_max = np.nanmax(np.abs(np.vstack(nulls)), axis=0)
    k_best = int(table["corr"].abs().idxmax())
    best = float(table.loc[k_best, "corr"])
    p_fw = (1 + np.count_nonzero(null_max >= abs(best) - 1e-12)) / (1 + n_perm)
    return CrossCorrelationTest(table, k_best, best, float(p_fw), n_perm, block, level)


def bootstrap_corr_ci(x, y, block: int = 1, n_boot: int = 999, seed: int = 0,
                      level: float = 0.95) -> tuple[float, float, float]:
    """Correlation and a percentile bootstrap interval: ``(corr, lo, hi)``.

    Pairs are resampled together with a circular block bootstrap (blocks of ``block`` rows), so
    the interval allows for short-range dependence within the series.
    """
    a, b, _ = _pairs(x, y, ordered=True)
    block, n_boot, seed = _resampling_args(len(a), block, "n_boot", n_boot, seed)
    level = _check_level(level)
    idx = _bootstrap_indices(len(a), block, n_boot, seed)
    draws = _cols_corr(a[idx].T, b[idx].T)
    draws = draws[~np.isnan(draws)]
    if draws.size == 0:
        raise ValueError(f"every one of the n_boot={n_boot} resamples of x and y has a constant side; "
                         "allowed: longer series that vary, or a smaller block")
    lo, hi = np.quantile(draws, [(1 - level) / 2, 1 - (1 - level) / 2])
    return _corr(a, b), float(lo), float(hi)


def bootstrap_mean_ci(x, block: int = 1, n_boot: int = 999, seed: int = 0,
                      level: float = 0.95) -> tuple[float, float, float]:
    """Mean of ``x`` (missing values dropped) and a percentile (block) bootstrap interval."""
    s = _as_series("x", x, ordered=True).dropna()
    if len(s) < 2:
        raise ValueError(f"x has {len(s)} values; need at least 2")
    v = s.to_numpy()
    block, n_boot, seed = _resampling_args(len(v), block, "n_boot", n_boot, seed)
    level = _check_level(level)
    idx = _bootstrap_indices(len(v), block, n_boot, seed)
    means = v[idx].mean(axis=1)
    lo, hi = np.quantile(means, [(1 - level) / 2, 1 - (1 - level) / 2])
    return float(v.mean()), float(lo), float(hi)


# ---------------------------------------------------------------------------
# Simulation
# ---------------------------------------------------------------------------
def _check_size(rows_name: str, rows: int, cols_name: str, cols: int, cells: int) -> None:
    if cells > MAX_CELLS:
        raise ValueError(f"{rows_name}={rows:,} with {cols_name}={cols:,} is too much work ({cells:,} random "
                         f"numbers); allowed: at most {MAX_CELLS:,}")


def random_walks(n_steps: int, n_series: int = 1, seed: int = 0, drift: float = 0.0,
                 sigma: float = 1.0) -> np.ndarray:
    """Independent Gaussian random walks: an ``(n_steps, n_series)`` array starting near 0.

    Each step is ``drift + sigma * N(0, 1)``; each column is the running sum of its steps.
    Columns are independent of each other by construction.
    """
    n_steps = check_int("n_steps", n_steps, 2, MAX_CELLS)
    n_series = check_int("n_series", n_series, 1, MAX_CELLS)
    _check_size("n_steps", n_steps, "n_series", n_series, n_steps * n_series)
    drift = check_number("drift", drift, -MAX_STEP, MAX_STEP)
    sigma = check_number("sigma", sigma, 0.0, MAX_STEP, open_lo=True)
    rng = np.random.default_rng(_seed_arg(seed))
    return np.cumsum(drift + sigma * rng.standard_normal((n_steps, n_series)), axis=0)


def spurious_correlation_experiment(n_pairs: int = 1000, n_steps: int = 500, seed: int = 0,
                                    drift: float = 0.0) -> pd.DataFrame:
    """Correlations of pairs of *independent* random walks, in levels and in changes.

    Simulates ``n_pairs`` pairs of walks of ``n_steps`` steps (``drift`` per step, unit noise).
    Returns a DataFrame with one row per pair and columns ``levels`` (correlation of the two
    walks' levels) and ``changes`` (correlation of their step-to-step changes). Every pair is
    unrelated, so any large correlation is spurious.
    """
    n_pairs = check_int("n_pairs", n_pairs, 1, 100_000)
    n_steps = check_int("n_steps", n_steps, MIN_PAIRS + 1, 100_000)
    _check_size("n_pairs", n_pairs, "n_steps", n_steps, 2 * n_pairs * n_steps)
    walks = random_walks(n_steps, 2 * n_pairs, seed=seed, drift=drift)
    a, b = walks[:, :n_pairs], walks[:, n_pairs:]
    out = pd.DataFrame({
        "levels": _cols_corr(a, b),
        "changes": _cols_corr(np.diff(a, axis=0), np.diff(b, axis=0)),
    })
    out.index.name = "pair"
    return out
