"""Scenario computations, part 2: the transparent toy that maps a scenario's regimes to bitcoin paths.

Arrays and frames in, arrays and frames out: no Altair, no loading. The return pools come from a
weekly history frame (:func:`return_pools`); :func:`helpers.scenarios.simulate_prices` uses the
snapshot's.
"""
from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any, Sequence

import numpy as np
import pandas as pd

from helpers.scenarios._compute import (DEFAULT_LEVELS, LIMITS, RECESSION_SHOCK, RECESSION_WEEKS, REGULATION_SHOCK,
                                        TOGGLES, Scenario, check_weekly)
from helpers.i18n import gettext as _
from helpers.i18n import text
from helpers.validate import check_flag, check_int, check_number, check_seed, shown

MAX_PATHS = 10_000  # five times the lesson's 2,000
MAX_WEEKS = 104  # the longest scenario horizon


def return_pools(weekly: pd.DataFrame) -> tuple[np.ndarray, np.ndarray, float]:
    """Concatenated pools (expanding, contracting, all) of weekly log returns, their bounds, and the mean."""
    df = check_weekly(weekly)
    r = df["log_return"].to_numpy(dtype=float)
    exp = r[df["expanding"].to_numpy()]
    con = r[~df["expanding"].to_numpy()]
    pools = np.concatenate([exp, con, r])
    bounds = np.array([[0, len(exp)], [len(exp), len(exp) + len(con)],
                       [len(exp) + len(con), len(pools)]])
    return pools, bounds, float(r.mean())


def check_toggles(recession: Any, regulation: Any, priced_in: Any, history_drift: Any) -> dict[str, bool]:
    """The four risk toggles (see :data:`TOGGLES`), each True or False."""
    return {"recession": check_flag("recession", recession), "regulation": check_flag("regulation", regulation),
            "priced_in": check_flag("priced_in", priced_in),
            "history_drift": check_flag("history_drift", history_drift)}


def simulate(regimes: np.ndarray, start_price: float, pools: tuple[np.ndarray, np.ndarray, float], *,
             n_paths: int = 2000, block_weeks: int = 4, seed: int = 6, recession: bool = False,
             regulation: bool = False, priced_in: bool = False, history_drift: bool = False) -> np.ndarray:
    """Simulated weekly prices from ``pools`` (:func:`return_pools`); see :func:`helpers.scenarios.simulate_prices`."""
    if not isinstance(regimes, (np.ndarray, list, tuple, pd.Series)):
        raise TypeError(f"regimes must be an array of bools, got {type(regimes).__name__}")
    reg = np.asarray(regimes)
    if reg.ndim != 1 or reg.dtype != bool:
        raise ValueError(f"regimes must be a 1-D array of bools, got dtype {reg.dtype} and shape {reg.shape}")
    if not 1 <= len(reg) <= MAX_WEEKS:
        raise ValueError(f"regimes has {len(reg)} weeks; allowed: 1 to {MAX_WEEKS} weeks (one per simulated week)")
    weeks = len(reg)
    start_price = check_number("start_price", start_price, 1e-6, 1e9)
    n_paths = check_int("n_paths", n_paths, 1, MAX_PATHS)
    block_weeks = check_int("block_weeks", block_weeks, 1, 26)
    seed = check_seed("seed", seed, 2**32 - 1)
    toggles = check_toggles(recession, regulation, priced_in, history_drift)
    recession, regulation, priced_in, history_drift = toggles.values()

    pools, bounds, mean_all = pools
    lengths = bounds[:, 1] - bounds[:, 0]
    if lengths.min() < block_weeks:
        raise ValueError(f"block_weeks={block_weeks} is longer than a regime's pool ({lengths.min()} weeks)")
    rng = np.random.default_rng(seed)
    n_blocks = -(-weeks // block_weeks)
    # One start per (path, block, pool): drawn for all three pools so toggles share the draws.
    starts = rng.integers(0, lengths - block_weeks + 1, size=(n_paths, n_blocks, 3)) + bounds[:, 0]
    rec_week = rng.integers(0, min(13, weeks), size=n_paths)
    reg_week = rng.integers(0, weeks, size=n_paths)

    pool_of_week = np.where(reg, 0, 1)
    if recession:
        pool_of_week[:RECESSION_WEEKS] = 1
    if priced_in:
        pool_of_week[:] = 2
    t = np.arange(weeks)
    idx = starts[:, t // block_weeks, pool_of_week] + (t % block_weeks)
    r = pools[idx]
    if not history_drift:
        r = r - mean_all
    rows = np.arange(n_paths)
    if recession:
        r[rows, rec_week] += math.log1p(RECESSION_SHOCK)
    if regulation:
        r[rows, reg_week] += math.log1p(REGULATION_SHOCK)
    out = np.empty((n_paths, weeks + 1))
    out[:, 0] = 0.0
    np.cumsum(r, axis=1, out=out[:, 1:])
    return start_price * np.exp(out)


def fan_table(prices: np.ndarray, quantiles: Sequence[float] = (0.05, 0.25, 0.5, 0.75, 0.95)) -> pd.DataFrame:
    """Quantiles of simulated prices for each week: columns ``week`` and ``q05``, ``q25``, ... (USD)."""
    prices = check_prices(prices)
    qs = _numbers("quantiles", quantiles, 0, 1)
    if len({f"q{round(100 * q):02d}" for q in qs}) != len(qs):
        raise ValueError(f"quantiles={shown(quantiles)} repeats a percentile; allowed: distinct percentiles")
    # Sort each week once, then interpolate linearly (numpy's default quantile method): faster
    # than np.quantile's repeated partitions for five quantiles of 2,000 paths.
    ordered = np.sort(prices, axis=0)
    pos = np.array(qs) * (prices.shape[0] - 1)
    lo = np.floor(pos).astype(int)
    hi = np.minimum(lo + 1, prices.shape[0] - 1)
    frac = (pos - lo)[:, None]
    values = ordered[lo] * (1 - frac) + ordered[hi] * frac
    out = pd.DataFrame({"week": np.arange(prices.shape[1])})
    for q, v in zip(qs, values):
        out[f"q{round(100 * q):02d}"] = v
    return out


def _numbers(name: str, value: Any, lo: float, hi: float, max_len: int = 10) -> list[float]:
    """A list of 1 to ``max_len`` numbers from ``lo`` to ``hi`` (a str is refused); messages name ``name``."""
    if isinstance(value, (str, bytes)) or not isinstance(value, (list, tuple, np.ndarray, pd.Series)):
        raise TypeError(f"{name} must be a list of numbers, got {type(value).__name__} ({shown(value)})")
    if not 1 <= len(value) <= max_len:
        raise ValueError(f"{name} must list 1 to {max_len} numbers, got {len(value)}")
    return [check_number(f"{name}[{i}]", x, lo, hi) for i, x in enumerate(value)]


def check_prices(prices: Any) -> np.ndarray:
    """Simulated prices (paths x weeks) as :func:`simulate` returns: 2-D, finite, > 0."""
    if not isinstance(prices, np.ndarray):
        raise TypeError(f"prices must be a numpy array (paths × weeks), got {type(prices).__name__}")
    if prices.ndim != 2 or prices.shape[1] < 2 or prices.shape[0] < 1:
        raise ValueError(f"prices must be 2-D with at least one path and two weeks, got shape {prices.shape}")
    if not np.issubdtype(prices.dtype, np.number) or prices.dtype == bool:
        raise TypeError(f"prices must hold numbers, got dtype {prices.dtype}")
    if not np.isfinite(prices).all() or (prices <= 0).any():
        raise ValueError("prices must hold finite prices > 0, as simulate_prices returns")
    return prices


def probability_table(prices: np.ndarray, levels: Sequence[float] = DEFAULT_LEVELS,
                      drawdown: float = 0.30) -> pd.DataFrame:
    """Chances, in percent of simulated paths, of ending above/below each level and of a drawdown.

    ``levels`` are USD prices; ``drawdown`` is a fraction (0.30 = a fall of more than 30 % from the
    path's running peak at some weekly close, the start included). Index: the question.
    """
    prices = check_prices(prices)
    lv = _numbers("levels", levels, 1e-6, 1e9)
    dd = check_number("drawdown", drawdown, 0.01, 0.99)
    end = prices[:, -1]
    peak = np.maximum.accumulate(prices, axis=1)
    worst = (1 - prices / peak).max(axis=1)
    rows = {}
    for x in lv:
        rows[f"ends above ${x:,.0f}"] = 100 * float(np.mean(end > x))
        rows[f"ends below ${x:,.0f}"] = 100 * float(np.mean(end < x))
    rows[f"falls more than {dd:.0%} from a peak on the way"] = 100 * float(np.mean(worst > dd))
    return pd.DataFrame({"chance (%)": pd.Series(rows)}).rename_axis("outcome")


# ---------------------------------------------------------------------------
# What run_scenario returns
# ---------------------------------------------------------------------------
@dataclass(frozen=True, eq=False)
class ScenarioResult:
    """Everything :func:`run_scenario` computes (see its docstring)."""

    scenario: Scenario
    path: pd.DataFrame
    regimes: np.ndarray
    prices: np.ndarray
    fan: pd.DataFrame
    table: pd.DataFrame
    start_price: float
    price_date: pd.Timestamp
    toggles: dict
    rate_from: tuple[float, float] | None = None  # the target range the rate label starts from (percent)

    @property
    def expanding_share(self) -> float:
        """Fraction of simulated weeks drawn as expanding (after the toggles)."""
        reg = self.regimes.copy()
        if self.toggles.get("recession"):
            reg[:RECESSION_WEEKS] = False
        return float(reg.mean()) if not self.toggles.get("priced_in") else float("nan")

    @property
    def median_end(self) -> float:
        """Median simulated price at the horizon, USD."""
        if "q50" in self.fan.columns:
            return float(self.fan["q50"].iloc[-1])
        return float(np.median(self.prices[:, -1]))

    def effects(self) -> list[str]:
        """The plain-words effect of each toggle that is on."""
        on = [TOGGLES[k] for k in ("recession", "regulation", "priced_in", "history_drift") if self.toggles[k]]
        return on or [_("No risk toggle is on: weeks draw from the pool of the scenario's regime, "
                        "with the all-history average removed.")]

    def _price_note(self) -> str:
        """Where the price paths start, and how that day relates to the mechanics' week 0."""
        if pd.isna(self.price_date):
            return _("(a start price given by hand)")
        day = self.price_date.date()
        gap = (self.price_date - self.path["date"].iloc[0]).days if "date" in self.path else 0
        if gap > 0:
            return _("(bitcoin's last close in the snapshot, {day}; the balance sheet's week 0 is {days} days "
                     "earlier)").format(day=day, days=gap)
        if gap < 0:
            return _("(bitcoin's last close in the snapshot, {day}; the balance sheet's week 0 is {days} days "
                     "later)").format(day=day, days=-gap)
        return _("(bitcoin's last close in the snapshot, {day})").format(day=day)

    def report(self) -> str:
        """A plain-text summary: scenario, mechanics, regime mix, toggles, outcomes and limits."""
        p = self.path
        first, last = p.iloc[0], p.iloc[-1]
        share = self.expanding_share
        mix = (_("every week from the pool of all weeks (priced in)") if math.isnan(share)
               else _("{share:.0%} of the {weeks} weeks expanding").format(share=share, weeks=len(self.regimes)))
        if "date" in p:
            mechanics = _("Mechanics over {weeks} weeks ({start} → {end}), $ billions:").format(
                weeks=self.scenario.horizon_weeks, start=p["date"].iloc[0].date(), end=p["date"].iloc[-1].date())
        else:
            mechanics = _("Mechanics over {weeks} weeks, $ billions:").format(weeks=self.scenario.horizon_weeks)
        lines = [
            _("Scenario: {label}").format(label=self.scenario.label(self.rate_from)),
            mechanics,
            "  " + _("total assets {assets0:,.0f} → {assets1:,.0f}; TGA {tga0:,.0f} → {tga1:,.0f}; "
                     "ON RRP {rrp0:,.0f} → {rrp1:,.0f}").format(
                assets0=first.total_assets, assets1=last.total_assets, tga0=first.tga, tga1=last.tga,
                rrp0=first.on_rrp, rrp1=last.on_rrp),
            "  " + _("reserves {reserves0:,.0f} → {reserves1:,.0f}; net liquidity {nl0:,.0f} → {nl1:,.0f}").format(
                reserves0=first.reserves, reserves1=last.reserves, nl0=first.net_liquidity, nl1=last.net_liquidity),
            _("Regime mix: {mix}").format(mix=mix),
            _("Toy model: {paths:,} paths from ${start:,.0f} {note}").format(
                paths=self.prices.shape[0], start=self.start_price, note=self._price_note()),
            "  " + _("median at week {week}: ${median:,.0f}; 5–95 % band ${q05:,.0f} to ${q95:,.0f}").format(
                week=self.scenario.horizon_weeks, median=self.median_end, q05=self.fan.iloc[-1]["q05"],
                q95=self.fan.iloc[-1]["q95"]),
            _("Toggles:"),
            *[f"  - {e}" for e in self.effects()],
            _("Limits of this toy (read them before the numbers):"),
            *[f"  - {text(x)}" for x in LIMITS],
        ]
        return "\n".join(lines)


