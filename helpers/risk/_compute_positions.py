"""Risk computations, part 2: leverage and liquidation, sizing by volatility, bootstrap paths.

Same contract as :mod:`helpers.risk._compute`: prices or arrays in, numbers and frames out; no
Altair, no loading. Simplifications (stated in the lesson too): no fees, no funding, no slippage,
no interest on idle cash, trades at the daily close (the data has no intraday highs or lows).
"""
from __future__ import annotations

from typing import Any, Sequence

import numpy as np
import pandas as pd
from numpy.lib.stride_tricks import sliding_window_view

from helpers.risk._compute import (MAX_PATH_DAYS, MAX_PATHS, SIDES, check_fractions, check_leverages,
                                   check_prices, rolling_volatility)
from helpers.validate import check_choice, check_int, check_ints, check_number, check_seed, check_series, shown


# ---------------------------------------------------------------------------
# Leverage and liquidation
# ---------------------------------------------------------------------------
def liquidation_price(entry: float, leverage: float, side: str = "long",
                      maintenance: float = 0.005) -> float:
    """Liquidation price of an isolated-margin position in a linear (USD-margined) contract.

    The margin put up is ``entry / leverage`` per coin. The exchange closes the position when
    what is left of the margin falls to the maintenance margin, ``maintenance`` (fraction) of
    the position's value. Ignoring fees and funding payments::

        long:  P_liq = entry * (1 - 1/leverage) / (1 - maintenance)
        short: P_liq = entry * (1 + 1/leverage) / (1 + maintenance)

    ``leverage`` must be at least 1 and below ``1 / maintenance`` (beyond that the position would
    be liquidated at once). Exchanges differ in detail (tiers, fees, mark price).
    """
    entry = check_number("entry", entry, 0, 1e12, open_lo=True)
    maintenance = check_number("maintenance", maintenance, 0, 0.5, open_hi=True)
    leverage = check_number("leverage", leverage, 1, 1e6)
    side = check_choice("side", side, SIDES)
    if maintenance > 0 and leverage >= 1 / maintenance:
        raise ValueError(f"leverage={leverage:g} is too high for maintenance={maintenance:g}: the position "
                         f"would be liquidated at once; allowed: leverage < 1/maintenance = {1 / maintenance:g}")
    return _liquidation_price(entry, leverage, side, maintenance)


def _liquidation_price(entry: float, leverage: float, side: str, maintenance: float) -> float:
    """:func:`liquidation_price` of arguments already checked."""
    if side == "long":
        return entry * (1 - 1 / leverage) / (1 - maintenance)
    return entry * (1 + 1 / leverage) / (1 + maintenance)


def _forward_extreme(x: np.ndarray, days: int, check_every_days: int, side: str) -> np.ndarray:
    """For each start t: min (long) or max (short) of the closes checked in (t, t + days], / P_t."""
    windows = sliding_window_view(x[1:], days)[:, check_every_days - 1::check_every_days]
    extreme = windows.min(axis=1) if side == "long" else windows.max(axis=1)
    return extreme / x[: len(extreme)]


def liquidation_frequency(prices: pd.Series, leverages: Sequence[float], horizons_days: Sequence[int],
                          side: str = "long", maintenance: float = 0.005,
                          check_every_days: int = 1) -> pd.DataFrame:
    """Share of start days on which a leveraged position would have been liquidated within D days.

    For every start day (daily, gap-free closes), a position opened at the close is liquidated if
    any close in the next ``D`` days reaches its :func:`liquidation_price`. Only every
    ``check_every_days``-th close is looked at (1 = every daily close; 7 = weekly), which shows
    how coarser looks miss liquidations: exchanges watch prices continuously, so the true shares
    are higher than these daily-close shares. Every horizon uses the same start days (those whose
    longest-horizon window lies inside the data), so the columns compare like with like.
    Returns a table: rows = leverage, columns = horizon in days, values = share of start days
    (fraction).
    """
    p = check_prices("prices", prices, daily=True)
    side = check_choice("side", side, SIDES)
    maintenance = check_number("maintenance", maintenance, 0, 0.5, open_hi=True)
    check_every_days = check_int("check_every_days", check_every_days, 1, 365)
    levs = check_leverages("leverages", leverages, maintenance)
    horizons = check_ints("horizons_days", horizons_days, 1, 3650, max_len=20)
    for d in horizons:
        if d < check_every_days:
            raise ValueError(f"horizons_days includes {d}, which has no check when check_every_days="
                             f"{check_every_days}; allowed: horizons >= check_every_days")
        if d >= len(p):
            raise ValueError(f"horizons_days includes {d}, too long for {len(p)} days of prices")
    thresholds = np.asarray([_liquidation_price(1.0, lev, side, maintenance) for lev in levs])[None, :]
    x = p.to_numpy()
    n_starts = len(p) - max(horizons)  # the same start days for every horizon
    out = {}
    for d in horizons:
        ratio = _forward_extreme(x, d, check_every_days, side)[:n_starts]
        hit = ratio[:, None] <= thresholds if side == "long" else ratio[:, None] >= thresholds
        out[d] = hit.mean(axis=0)
    table = pd.DataFrame(out, index=pd.Index(levs, name="leverage"))
    table.columns.name = "days"
    return table


def liquidation_by_year(prices: pd.Series, leverage: float, days: int, side: str = "long",
                        maintenance: float = 0.005) -> pd.Series:
    """Share of start days in each calendar year on which the position was liquidated within ``days``."""
    p = check_prices("prices", prices, daily=True)
    days = check_int("days", days, 1, 3650)
    if days >= len(p):
        raise ValueError(f"days={days} is too long for {len(p)} days of prices")
    thr = liquidation_price(1.0, leverage, side, maintenance)
    ratio = _forward_extreme(p.to_numpy(), days, 1, side)
    hit = ratio <= thr if side == "long" else ratio >= thr
    years = p.index[: len(ratio)].year
    return pd.Series(hit, index=years).groupby(level=0).mean().rename("share liquidated").rename_axis("year")


def liquidation_price_table(entry: float, leverages: Sequence[float] = (2, 3, 5, 10, 20, 50, 100),
                            maintenance: float = 0.005) -> pd.DataFrame:
    """Liquidation prices of isolated longs and shorts at several leverages, and the move that hits them."""
    entry = check_number("entry", entry, 0, 1e12, open_lo=True)
    maintenance = check_number("maintenance", maintenance, 0, 0.5, open_hi=True)
    rows = {}
    for lev in check_leverages("leverages", leverages, maintenance, max_len=20):
        lo = liquidation_price(entry, lev, "long", maintenance)
        hi = liquidation_price(entry, lev, "short", maintenance)
        rows[float(lev)] = {"long: liquidation price": lo, "long: move to liquidation": lo / entry - 1,
                            "short: liquidation price": hi, "short: move to liquidation": hi / entry - 1}
    out = pd.DataFrame(rows).T
    out.index.name = "leverage"
    return out


# ---------------------------------------------------------------------------
# Position sizing by volatility
# ---------------------------------------------------------------------------
def vol_target_weights(prices: pd.Series, target: float = 0.2, window_days: int = 30,
                       periods: int = 365, max_weight: float = 1.0) -> pd.Series:
    """Share of a portfolio to hold so the position's volatility is about ``target`` (fraction/yr).

    weight = min(max_weight, target / recent annualised volatility), using only the volatility
    known at the previous close (no look-ahead). Rows before the first full window are dropped.
    """
    target = check_number("target", target, 0, 5, open_lo=True)
    max_weight = check_number("max_weight", max_weight, 0, 10, open_lo=True)
    vol = rolling_volatility(prices, window_days, periods)
    if len(vol) < 2:
        raise ValueError(f"prices gives one full window of window_days={window_days}; the weights need at "
                         "least two (a shorter window or a longer series)")
    return (target / vol).clip(upper=max_weight).shift(1).iloc[1:].rename("weight")


def vol_target_backtest(prices: pd.Series, target: float = 0.2, window_days: int = 30,
                        periods: int = 365, max_weight: float = 1.0) -> pd.DataFrame:
    """Daily-rebalanced volatility-targeted position vs holding (rest in cash at 0 %, no costs).

    Returns columns ``weight``, ``hold`` and ``targeted`` (value of 1 invested at the first date).
    """
    p = check_prices("prices", prices)
    w = vol_target_weights(p, target, window_days, periods, max_weight)
    r = p.pct_change().loc[w.index]
    return pd.DataFrame({"weight": w, "hold": (1 + r).cumprod(), "targeted": (1 + w * r).cumprod()})


# ---------------------------------------------------------------------------
# Bootstrap paths and what a position does on them
# ---------------------------------------------------------------------------
def block_bootstrap_paths(returns, horizon_days: int = 365, n_paths: int = 2000,
                          block_days: int = 30, seed: int = 5) -> np.ndarray:
    """Simulated price paths (start = 1) from a circular block bootstrap of daily log returns.

    Blocks of ``block_days`` consecutive historical returns are drawn at random (with a fixed
    ``seed``) and joined until ``horizon_days`` are filled, which keeps calm and wild spells
    together. Returns an array of shape (n_paths, horizon_days + 1); every value is > 0.
    ``horizon_days`` is at most 730 and ``n_paths`` at most 5,000 (the lesson uses 365 and 2,000).
    """
    if isinstance(returns, pd.Series):
        r = check_series("returns", returns, dated=False).to_numpy(dtype=float)
    elif isinstance(returns, np.ndarray):
        if not np.issubdtype(returns.dtype, np.number) or returns.dtype == bool:
            raise TypeError(f"returns must hold numbers, got dtype {returns.dtype}")
        r = returns.astype(float).ravel()
    else:
        raise TypeError(f"returns must be a pandas Series or numpy array of log returns, "
                        f"got {type(returns).__name__}")
    if len(r) < 2 or not np.isfinite(r).all():
        raise ValueError("returns must have at least 2 values, all finite (drop missing values first)")
    if np.abs(r).max() > 5:
        raise ValueError("returns holds a daily log return beyond ±5 (a 150-fold move); allowed: daily log "
                         "returns such as risk.log_returns(prices)")
    horizon_days = check_int("horizon_days", horizon_days, 1, MAX_PATH_DAYS)
    n_paths = check_int("n_paths", n_paths, 1, MAX_PATHS)
    block_days = check_int("block_days", block_days, 1, len(r))
    seed = check_seed("seed", seed, 2**32 - 1)
    rng = np.random.default_rng(seed)
    n_blocks = -(-horizon_days // block_days)
    starts = rng.integers(0, len(r), size=(n_paths, n_blocks))
    idx = (starts[:, :, None] + np.arange(block_days)[None, None, :]) % len(r)
    draws = r[idx.reshape(n_paths, -1)[:, :horizon_days]]
    paths = np.ones((n_paths, horizon_days + 1))
    paths[:, 1:] = np.exp(np.cumsum(draws, axis=1))
    return paths


def _check_paths(paths: Any) -> np.ndarray:
    if not isinstance(paths, np.ndarray) or paths.ndim != 2:
        raise TypeError("paths must be a 2-D numpy array (paths x days), as block_bootstrap_paths returns")
    if paths.size == 0 or not np.issubdtype(paths.dtype, np.number) or paths.dtype == bool:
        raise ValueError(f"paths must hold numbers, at least one path of one day; got shape {paths.shape}")
    if not np.isfinite(paths).all() or (paths <= 0).any():
        raise ValueError("paths must hold finite values > 0 (relative prices), as block_bootstrap_paths returns")
    return paths.astype(float)


def fan_quantiles(paths: np.ndarray, quantiles: Sequence[float] = (0.05, 0.25, 0.5, 0.75, 0.95)) -> pd.DataFrame:
    """Quantiles of simulated paths at each day: rows = day, columns like ``q05`` ... ``q95``."""
    paths = _check_paths(paths)
    qs = check_fractions("quantiles", quantiles, 0, 1)
    names = [f"q{round(q * 100):02d}" for q in qs]
    if len(set(names)) != len(names):
        raise ValueError(f"quantiles={shown(list(quantiles))} repeats a percentile; allowed: distinct percentiles")
    values = np.quantile(paths, qs, axis=0).T
    return pd.DataFrame(values, columns=names, index=pd.RangeIndex(paths.shape[1], name="day"))


def position_outcomes(paths: np.ndarray, weights: Sequence[float], start_value: float = 10_000.0,
                      loss: float = 0.2) -> pd.DataFrame:
    """Portfolio outcomes when ``weight`` of ``start_value`` is put into the asset, the rest in cash.

    Buy and hold (no rebalancing, cash earns nothing). For each weight: median, 5th and 95th
    percentile of the end value (USD), the share of paths that end below the start, and the share
    that are at some point ``loss`` (fraction) or more below the start.
    """
    paths = _check_paths(paths)
    ws = check_fractions("weights", weights, 0, 1)
    start_value = check_number("start_value", start_value, 0, 1e12, open_lo=True)
    loss = check_number("loss", loss, 0, 1, open_lo=True, open_hi=True)
    rows = {}
    for w in ws:
        value = start_value * ((1 - w) + w * paths)
        end = value[:, -1]
        rows[f"{w:.0%} in the asset"] = {
            "median end (USD)": float(np.median(end)),
            "5th pct end (USD)": float(np.quantile(end, 0.05)),
            "95th pct end (USD)": float(np.quantile(end, 0.95)),
            "ends below start": float((end < start_value).mean()),
            f"down {loss:.0%}+ at some point": float((value.min(axis=1) <= start_value * (1 - loss)).mean()),
        }
    return pd.DataFrame(rows).T


def binned_shares(values: pd.Series, step: float = 0.02, clip: tuple[float, float] = (-0.3, 0.3)) -> pd.DataFrame:
    """A histogram as a small table (for charts with few rows): bin start and share of values.

    Values outside ``clip`` are put in the end bins. Columns: ``bin`` (left edge), ``share``.
    ``step`` must give from 1 to 10,000 bins between the two ends of ``clip``.
    """
    v = check_series("values", values, dated=False, min_len=1).dropna()
    if isinstance(clip, (str, bytes)) or not isinstance(clip, (tuple, list)) or len(clip) != 2:
        raise TypeError(f"clip must be a (low, high) pair of numbers, got {shown(clip)}")
    lo, hi = (check_number("clip", clip[0], -1e9, 1e9), check_number("clip", clip[1], -1e9, 1e9))
    if hi <= lo:
        raise ValueError(f"clip={shown(clip)} must be (low, high) with low < high")
    step = check_number("step", step, (hi - lo) / 10_000, hi - lo,
                        allowed=f"a number from {(hi - lo) / 10_000:g} to {hi - lo:g} (1 to 10,000 bins in clip)")
    x = v.clip(lo, hi - 1e-12).to_numpy(dtype=float)
    edges = np.floor((x - lo) / step) * step + lo
    out = pd.Series(edges).round(10).value_counts(normalize=True).sort_index()
    return pd.DataFrame({"bin": out.index.to_numpy(), "share": out.to_numpy()})
