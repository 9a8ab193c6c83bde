"""Risk management: volatility, drawdowns, staged buying, take-profit ladders, leverage, sizing.

Used by lesson 05. Every function takes prices as a pandas Series of closes (USD or index points)
indexed by date, and returns plain values or pandas objects. Returns, drawdowns, weights and
liquidation frequencies are **fractions** (0.25 = 25 %); horizons and windows are **calendar days**.

The functions that simulate strategies over many start dates (``staged_vs_lump``,
``ladder_outcomes``, ``liquidation_frequency``) need a *daily* series with no gaps, such as the
bitcoin and ether closes in the snapshot (crypto trades every day). They are vectorised with
numpy over the start dates, so a widget callback answers in a few milliseconds.

Simplifications, stated once here and again in the lesson: no fees, no funding, no slippage,
no interest on idle cash, trades at the daily close (the data has no intraday highs or lows).
"""
from __future__ import annotations

import math
from functools import lru_cache
from typing import Sequence

import numpy as np
import pandas as pd
from numpy.lib.stride_tricks import sliding_window_view

from helpers.validate import check_choice, check_int, check_number, check_seed

__all__ = [
    "ASSETS",
    "periods_per_year",
    "asset_prices",
    "log_returns",
    "annualised_volatility",
    "rolling_volatility",
    "drawdown",
    "max_drawdown",
    "worst_drawdowns",
    "staged_vs_lump",
    "staged_summary",
    "staged_panel",
    "ladder_outcomes",
    "ladder_summary",
    "ladder_panel",
    "liquidation_price",
    "liquidation_frequency",
    "liquidation_by_year",
    "leverage_panel",
    "vol_target_weights",
    "vol_target_backtest",
    "block_bootstrap_paths",
    "fan_quantiles",
    "position_outcomes",
    "binned_shares",
    "volatility_table",
    "drawdown_table",
    "staged_table",
    "liquidation_price_table",
    "volatility_chart",
    "drawdown_chart",
    "staged_chart",
    "ladder_chart",
    "liquidation_chart",
    "liquidation_year_chart",
    "fan_chart",
    "as_percent",
    "staged_report",
    "ladder_report",
    "leverage_report",
    "BENCH",
]

# name -> (label, trading periods per year used to annualise daily figures)
ASSETS: dict[str, tuple[str, int]] = {
    "btc": ("Bitcoin", 365),
    "eth": ("Ether", 365),
    "sp500": ("S&P 500", 252),
    "nasdaq": ("Nasdaq Composite", 252),
}
SIDES = ("long", "short")
STOP_FROM = ("entry", "last_level")


# ---------------------------------------------------------------------------
# Validation
# ---------------------------------------------------------------------------
def _prices(prices, name: str = "prices", daily: bool = False, min_len: int = 2) -> pd.Series:
    """Check a price series: DatetimeIndex, increasing, finite, positive; optionally daily."""
    if not isinstance(prices, pd.Series):
        raise TypeError(f"{name} must be a pandas Series of prices indexed by date, "
                        f"got {type(prices).__name__}")
    if not isinstance(prices.index, pd.DatetimeIndex):
        raise TypeError(f"{name} must be indexed by a DatetimeIndex, got {type(prices.index).__name__}")
    if not pd.api.types.is_numeric_dtype(prices.dtype) or pd.api.types.is_bool_dtype(prices.dtype):
        raise TypeError(f"{name} must hold numbers, got dtype {prices.dtype}")
    if len(prices) < min_len:
        raise ValueError(f"{name} has {len(prices)} rows; at least {min_len} are needed")
    values = prices.to_numpy(dtype=float)
    if not np.isfinite(values).all():
        raise ValueError(f"{name} contains {int((~np.isfinite(values)).sum())} missing or infinite "
                         "values; drop them first (e.g. prices.dropna())")
    if (values <= 0).any():
        raise ValueError(f"{name} contains {int((values <= 0).sum())} prices <= 0; prices must be > 0")
    if not prices.index.is_monotonic_increasing or prices.index.has_duplicates:
        raise ValueError(f"{name} must have increasing dates without duplicates (sort_index() it)")
    if daily:
        steps = np.diff(prices.index.to_numpy()).astype("timedelta64[D]").astype(int)
        if (steps != 1).any():
            raise ValueError(f"{name} must be a daily series without gaps (one row per calendar day, "
                             f"as crypto closes are); found {int((steps != 1).sum())} gaps")
    return prices.astype(float)


# ---------------------------------------------------------------------------
# Data access (cached: widget callbacks must be fast)
# ---------------------------------------------------------------------------
def periods_per_year(asset: str) -> int:
    """Trading periods per year used to annualise: 365 for crypto (trades daily), 252 for equities."""
    return ASSETS[check_choice("asset", asset, tuple(ASSETS))][1]


@lru_cache(maxsize=None)
def _asset_prices_cached(asset: str) -> pd.Series:
    from helpers.data import load

    return load("markets")[asset].dropna()


def asset_prices(asset: str) -> pd.Series:
    """Closes of one market from the snapshot, missing days dropped (``btc``, ``eth``, ``sp500``, ``nasdaq``).

    Crypto closes are daily (UTC days, every calendar day); equity closes are trading days.
    """
    check_choice("asset", asset, tuple(ASSETS))
    return _asset_prices_cached(asset).copy()


# ---------------------------------------------------------------------------
# Volatility and drawdowns
# ---------------------------------------------------------------------------
def log_returns(prices: pd.Series) -> pd.Series:
    """Daily log returns ln(P_t / P_{t-1}) (fraction), one fewer row than ``prices``."""
    p = _prices(prices)
    return np.log(p).diff().iloc[1:]


def annualised_volatility(prices: pd.Series, periods: int = 365) -> float:
    """Standard deviation of log returns times sqrt(periods) (fraction per year).

    ``periods`` is the number of return observations in a year: 365 for crypto, 252 for equities.
    """
    periods = check_int("periods", periods, 1, 366)
    return float(log_returns(prices).std() * math.sqrt(periods))


def rolling_volatility(prices: pd.Series, window_days: int = 90, periods: int = 365) -> pd.Series:
    """Rolling annualised volatility over the last ``window_days`` calendar days (fraction per year).

    The window is in calendar days, so crypto (about 90 closes in 90 days) and equities (about 62)
    cover the same stretch of time; each is annualised with its own ``periods`` (365 or 252).
    Rows before the first full window are dropped.
    """
    window_days = check_int("window_days", window_days, 7, 3650)
    periods = check_int("periods", periods, 1, 366)
    r = log_returns(prices)
    min_obs = max(5, int(0.6 * window_days * periods / 365))
    vol = r.rolling(f"{window_days}D", min_periods=min_obs).std() * math.sqrt(periods)
    first = r.index[0] + pd.Timedelta(days=window_days - 1)
    return vol.loc[first:].dropna()


def drawdown(prices: pd.Series) -> pd.Series:
    """Drawdown: price / highest price so far - 1 (fraction, 0 at a new high, -0.5 = half lost)."""
    p = _prices(prices, min_len=1)
    return p / p.cummax() - 1.0


def max_drawdown(prices: pd.Series) -> float:
    """The deepest drawdown in the series (fraction, <= 0)."""
    return float(drawdown(prices).min())


def worst_drawdowns(prices: pd.Series, n: int = 5) -> pd.DataFrame:
    """The ``n`` deepest separate drawdowns, with peak, trough and recovery dates.

    An episode runs from a high (peak) to the day the price first closes at or above that high
    again (recovery; empty if it has not recovered by the end of the data). Columns: ``peak``,
    ``trough``, ``recovery`` (dates), ``depth`` (fraction), ``days_to_trough`` and
    ``days_to_recover`` (calendar days from peak; NaN if not recovered).
    """
    n = check_int("n", n, 1, 100)
    p = _prices(prices)
    new_high = p >= p.cummax()
    episode = new_high.cumsum().to_numpy()  # each high starts an episode; later below-peak days join it
    dates = pd.Series(p.index, index=p.index)
    g, gd = p.groupby(episode), dates.groupby(episode)
    table = pd.DataFrame({"peak": gd.first(), "trough": g.idxmin(), "recovery": gd.first().shift(-1),
                          "depth": g.min() / g.first() - 1.0, "size": g.size()})
    out = table[(table["size"] > 1) & (table["depth"] < 0)].drop(columns="size")
    out = out.sort_values("depth").head(n).reset_index(drop=True)
    out["days_to_trough"] = (out["trough"] - out["peak"]).dt.days
    out["days_to_recover"] = (out["recovery"] - out["peak"]).dt.days.astype(float)
    return out


# ---------------------------------------------------------------------------
# Staged buying vs a lump sum
# ---------------------------------------------------------------------------
def staged_vs_lump(prices: pd.Series, tranches: int = 3, spacing_days: int = 7,
                   horizon_days: int = 182) -> pd.DataFrame:
    """Lump sum vs staged buying for every possible start date (daily, gap-free prices).

    A budget of 1 is invested either all at the start close (lump sum) or in ``tranches`` equal
    parts ``spacing_days`` apart (the first at the start). Cash waiting to be invested earns
    nothing. Both are valued ``horizon_days`` after the start. Returns one row per start date
    with ``lump`` and ``staged`` (value of the budget, 1.0 = break-even) and ``diff`` =
    staged - lump (fraction of the budget; > 0 means staging did better).
    """
    p = _prices(prices, daily=True)
    tranches = check_int("tranches", tranches, 1, 12)
    spacing_days = check_int("spacing_days", spacing_days, 1, 60)
    horizon_days = check_int("horizon_days", horizon_days, 1, 3650)
    if (tranches - 1) * spacing_days > horizon_days:
        raise ValueError(f"horizon_days={horizon_days} ends before the last tranche is bought "
                         f"((tranches - 1) * spacing_days = {(tranches - 1) * spacing_days} days); "
                         "allowed: horizon_days >= (tranches - 1) * spacing_days")
    x = p.to_numpy()
    n_starts = len(x) - horizon_days
    if n_starts < 1:
        raise ValueError(f"prices has {len(x)} days, too few for horizon_days={horizon_days}")
    starts = np.arange(n_starts)
    end = x[starts + horizon_days]
    buys = x[starts[:, None] + spacing_days * np.arange(tranches)[None, :]]
    staged = (end[:, None] / buys).sum(axis=1) / tranches
    lump = end / x[starts]
    return pd.DataFrame({"lump": lump, "staged": staged, "diff": staged - lump},
                        index=p.index[starts].rename("start"))


def staged_summary(outcomes: pd.DataFrame) -> pd.Series:
    """How often staging beat the lump sum, and the spread of the difference (fractions)."""
    if not isinstance(outcomes, pd.DataFrame) or not {"lump", "staged", "diff"} <= set(outcomes):
        raise TypeError("outcomes must be the DataFrame returned by staged_vs_lump()")
    d = outcomes["diff"]
    return pd.Series({
        "start dates": float(len(d)),
        "staged better (share)": float((d > 0).mean()),
        "lump sum better (share)": float((d < 0).mean()),
        "median difference": float(d.median()),
        "5th percentile": float(d.quantile(0.05)),
        "95th percentile": float(d.quantile(0.95)),
        "spread of lump outcomes (std)": float(outcomes["lump"].std()),
        "spread of staged outcomes (std)": float(outcomes["staged"].std()),
    })


def staged_panel(asset: str = "btc", tranches: int = 3, spacing_days: int = 7,
                 horizon_days: int = 182) -> pd.Series:
    """Widget callback: :func:`staged_summary` of one setting, on the snapshot's closes."""
    check_choice("asset", asset, ("btc", "eth"))
    return staged_summary(staged_vs_lump(_asset_prices_cached(asset), tranches, spacing_days, horizon_days))


# ---------------------------------------------------------------------------
# Take-profit ladder with a trailing stop, vs holding
# ---------------------------------------------------------------------------
def _first_true(mask: np.ndarray, never: int) -> np.ndarray:
    """Index of the first True in each row (``never`` where a row has none)."""
    hit = mask.any(axis=1)
    return np.where(hit, mask.argmax(axis=1), never)


@lru_cache(maxsize=16)
def _paths(values: bytes, horizon_days: int, entry_every_days: int) -> tuple[np.ndarray, np.ndarray]:
    x = np.frombuffer(values, dtype=float)
    entries = np.arange(0, len(x) - horizon_days, entry_every_days)
    rel = x[entries[:, None] + np.arange(horizon_days + 1)[None, :]] / x[entries][:, None]
    return entries, rel


def ladder_outcomes(prices: pd.Series, levels: Sequence[float] = (0.2, 0.5),
                    fractions: Sequence[float] = (0.25, 0.25), trail: float | None = 0.2,
                    stop_from: str = "last_level", horizon_days: int = 365,
                    entry_every_days: int = 7) -> pd.DataFrame:
    """A take-profit ladder with a trailing stop vs buy-and-hold, over many entry dates.

    For each entry (every ``entry_every_days`` days) a position of 1 is bought at the close. When
    the close first reaches ``1 + levels[k]`` times the entry price, ``fractions[k]`` of the
    original position is sold at that close. The rest is protected by a trailing stop: it is all
    sold at the first close ``trail`` (fraction) or more below the highest close since entry —
    watched from the entry day (``stop_from="entry"``) or only once the last level is reached
    (``"last_level"``, as the articles describe). ``trail=None`` means no stop. Sales go to cash
    (no interest); what is still held is valued at the close ``horizon_days`` after entry.

    Returns one row per entry date: ``hold`` and ``ladder`` (value, 1.0 = break-even), ``diff``
    = ladder - hold (fraction of the entry amount) and ``stopped`` (the stop fired).
    """
    p = _prices(prices, daily=True)
    if isinstance(levels, (str, bytes)) or not isinstance(levels, Sequence):
        raise TypeError(f"levels must be a list of gains such as [0.2, 0.5], got {type(levels).__name__}")
    if isinstance(fractions, (str, bytes)) or not isinstance(fractions, Sequence):
        raise TypeError(f"fractions must be a list such as [0.25, 0.25], got {type(fractions).__name__}")
    if not 1 <= len(levels) <= 5:
        raise ValueError(f"levels has {len(levels)} entries; allowed: 1 to 5 levels")
    if len(fractions) != len(levels):
        raise ValueError(f"fractions has {len(fractions)} entries but levels has {len(levels)}; "
                         "give one fraction per level")
    lv = [check_number(f"levels[{i}]", v, 0, 20, open_lo=True) for i, v in enumerate(levels)]
    fr = [check_number(f"fractions[{i}]", v, 0, 1) for i, v in enumerate(fractions)]
    if any(b <= a for a, b in zip(lv, lv[1:])):
        raise ValueError(f"levels={list(levels)!r} must be strictly increasing")
    if sum(fr) > 1 + 1e-12:
        raise ValueError(f"fractions={list(fractions)!r} add up to {sum(fr):g}; allowed: a total <= 1")
    if trail is not None:
        trail = check_number("trail", trail, 0, 1, open_lo=True, open_hi=True)
    check_choice("stop_from", stop_from, STOP_FROM)
    horizon_days = check_int("horizon_days", horizon_days, 1, 3650)
    entry_every_days = check_int("entry_every_days", entry_every_days, 1, 365)
    if len(p) <= horizon_days:
        raise ValueError(f"prices has {len(p)} days, too few for horizon_days={horizon_days}")

    entries, rel = _paths(p.to_numpy().tobytes(), horizon_days, entry_every_days)
    never = horizon_days + 1
    hits = [_first_true(rel >= 1.0 + lvl, never) for lvl in lv]  # rel[:, 0] == 1 never hits
    rows = np.arange(len(entries))
    if trail is None:
        stop = np.full(len(entries), never)
    else:
        active_from = np.ones(len(entries), dtype=int) if stop_from == "entry" else hits[-1]
        running_max = np.maximum.accumulate(rel, axis=1)
        below = rel <= running_max * (1.0 - trail)
        below &= np.arange(horizon_days + 1)[None, :] >= active_from[:, None]
        stop = _first_true(below, never)
    exit_day = np.minimum(stop, horizon_days)
    value = np.zeros(len(entries))
    held = np.ones(len(entries))
    for hit, frac in zip(hits, fr):
        sold = hit <= exit_day
        value += np.where(sold, frac * rel[rows, np.minimum(hit, horizon_days)], 0.0)
        held -= np.where(sold, frac, 0.0)
    value += held * rel[rows, exit_day]
    hold = rel[:, horizon_days]
    return pd.DataFrame({"hold": hold, "ladder": value, "diff": value - hold, "stopped": stop < never},
                        index=p.index[entries].rename("entry"))


def ladder_summary(outcomes: pd.DataFrame) -> pd.DataFrame:
    """Outcome distributions of the ladder and of holding, and how often each wins.

    Rows: ``hold`` and ``ladder``. Columns (fractions): share of entries where it did better than
    the other (``wins``), ties (both identical: no level and no stop reached), ``median``, ``5th
    pct``, ``95th pct`` of the value (1.0 = break-even) and ``ended below entry``.
    """
    if not isinstance(outcomes, pd.DataFrame) or not {"hold", "ladder", "diff"} <= set(outcomes):
        raise TypeError("outcomes must be the DataFrame returned by ladder_outcomes()")
    d = outcomes["diff"].to_numpy()
    tie = np.isclose(d, 0.0, atol=1e-12)
    rows = {}
    for name, wins in (("hold", (d < 0) & ~tie), ("ladder", (d > 0) & ~tie)):
        v = outcomes[name]
        rows[name] = {
            "wins": float(wins.mean()),
            "ties": float(tie.mean()),
            "median": float(v.median()),
            "5th pct": float(v.quantile(0.05)),
            "95th pct": float(v.quantile(0.95)),
            "ended below entry": float((v < 1.0).mean()),
        }
    return pd.DataFrame(rows).T


def ladder_panel(asset: str = "btc", level1: float = 0.2, level2: float = 0.5,
                 fraction1: float = 0.25, fraction2: float = 0.25, trail: float = 0.2,
                 stop_from: str = "last_level", horizon_days: int = 365) -> pd.DataFrame:
    """Widget callback: :func:`ladder_summary` for a two-level ladder on weekly entries."""
    check_choice("asset", asset, ("btc", "eth"))
    out = ladder_outcomes(_asset_prices_cached(asset), (level1, level2), (fraction1, fraction2),
                          trail, stop_from, horizon_days, 7)
    return ladder_summary(out)


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
    entry = check_number("entry", entry, 0, None, open_lo=True)
    maintenance = check_number("maintenance", maintenance, 0, 0.5, open_hi=True)
    leverage = check_number("leverage", leverage, 1, None)
    side = check_choice("side", side, SIDES)
    if maintenance > 0 and leverage >= 1 / maintenance:
        raise ValueError(f"leverage={leverage:g} is too high for maintenance={maintenance:g}: the position "
                         f"would be liquidated at once; allowed: leverage < 1/maintenance = {1 / maintenance:g}")
    if side == "long":
        return entry * (1 - 1 / leverage) / (1 - maintenance)
    return entry * (1 + 1 / leverage) / (1 + maintenance)


@lru_cache(maxsize=64)
def _forward_extreme(values: bytes, days: int, check_every_days: int, side: str) -> np.ndarray:
    """For each start t: min (long) or max (short) of the closes checked in (t, t + days], / P_t."""
    x = np.frombuffer(values, dtype=float)
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
    p = _prices(prices, daily=True)
    side = check_choice("side", side, SIDES)
    check_every_days = check_int("check_every_days", check_every_days, 1, 365)
    if isinstance(leverages, (str, bytes)) or not isinstance(leverages, Sequence) or not leverages:
        raise TypeError("leverages must be a non-empty list of numbers such as [2, 5, 10]")
    if isinstance(horizons_days, (str, bytes)) or not isinstance(horizons_days, Sequence) or not horizons_days:
        raise TypeError("horizons_days must be a non-empty list of ints such as [7, 30]")
    thresholds = [liquidation_price(1.0, lev, side, maintenance) for lev in leverages]
    values = p.to_numpy().tobytes()
    horizons = [check_int("horizons_days[]", d, 1, 3650) for d in horizons_days]
    for d in horizons:
        if d < check_every_days:
            raise ValueError(f"a horizon of {d} days has no check when check_every_days={check_every_days}; "
                             "allowed: horizons >= check_every_days")
        if d >= len(p):
            raise ValueError(f"horizons_days value {d} is too long for {len(p)} days of prices")
    n_starts = len(p) - max(horizons)  # the same start days for every horizon
    out = {}
    for d in horizons:
        ratio = _forward_extreme(values, d, check_every_days, side)[:n_starts]
        thr = np.asarray(thresholds)[None, :]
        hit = ratio[:, None] <= thr if side == "long" else ratio[:, None] >= thr
        out[d] = hit.mean(axis=0)
    table = pd.DataFrame(out, index=pd.Index([float(v) for v in leverages], name="leverage"))
    table.columns.name = "days"
    return table


def liquidation_by_year(prices: pd.Series, leverage: float, days: int, side: str = "long",
                        maintenance: float = 0.005) -> pd.Series:
    """Share of start days in each calendar year on which the position was liquidated within ``days``."""
    p = _prices(prices, daily=True)
    days = check_int("days", days, 1, 3650)
    if days >= len(p):
        raise ValueError(f"days={days} is too long for {len(p)} days of prices")
    thr = liquidation_price(1.0, leverage, side, maintenance)
    ratio = _forward_extreme(p.to_numpy().tobytes(), days, 1, check_choice("side", side, SIDES))
    hit = ratio <= thr if side == "long" else ratio >= thr
    years = p.index[: len(ratio)].year
    return pd.Series(hit, index=years).groupby(level=0).mean().rename("share liquidated").rename_axis("year")


def leverage_panel(asset: str = "btc", leverage: float = 10.0, days: int = 30, side: str = "long",
                   maintenance: float = 0.005) -> dict:
    """Widget callback: liquidation price at the latest close and the historical liquidation share."""
    check_choice("asset", asset, ("btc", "eth"))
    p = _asset_prices_cached(asset)
    last = float(p.iloc[-1])
    liq = liquidation_price(last, leverage, side, maintenance)
    daily = liquidation_frequency(p, [leverage], [days], side, maintenance).iloc[0, 0]
    return {
        "asset": ASSETS[asset][0],
        "last close": last,
        "last date": p.index[-1].strftime("%Y-%m-%d"),
        "liquidation price": liq,
        "move to liquidation": liq / last - 1.0,
        "share liquidated": float(daily),
        "start days": len(p) - days,
    }


# ---------------------------------------------------------------------------
# Position sizing by volatility, and bootstrap fan charts
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
    return (target / vol).clip(upper=max_weight).shift(1).iloc[1:].rename("weight")


def vol_target_backtest(prices: pd.Series, target: float = 0.2, window_days: int = 30,
                        periods: int = 365, max_weight: float = 1.0) -> pd.DataFrame:
    """Daily-rebalanced volatility-targeted position vs holding (rest in cash at 0 %, no costs).

    Returns columns ``weight``, ``hold`` and ``targeted`` (value of 1 invested at the first date).
    """
    p = _prices(prices)
    w = vol_target_weights(p, target, window_days, periods, max_weight)
    r = p.pct_change().loc[w.index]
    out = pd.DataFrame({"weight": w, "hold": (1 + r).cumprod(), "targeted": (1 + w * r).cumprod()})
    return out


def block_bootstrap_paths(returns, horizon_days: int = 365, n_paths: int = 2000,
                          block_days: int = 30, seed: int = 5) -> np.ndarray:
    """Simulated price paths (start = 1) from a circular block bootstrap of daily log returns.

    Blocks of ``block_days`` consecutive historical returns are drawn at random (with a fixed
    ``seed``) and joined until ``horizon_days`` are filled, which keeps calm and wild spells
    together. Returns an array of shape (n_paths, horizon_days + 1); every value is > 0.
    """
    if isinstance(returns, pd.Series):
        r = returns.to_numpy(dtype=float)
    elif isinstance(returns, np.ndarray):
        r = returns.astype(float).ravel()
    else:
        raise TypeError(f"returns must be a pandas Series or numpy array of log returns, "
                        f"got {type(returns).__name__}")
    if len(r) < 2 or not np.isfinite(r).all():
        raise ValueError("returns must have at least 2 values, all finite (drop missing values first)")
    horizon_days = check_int("horizon_days", horizon_days, 1, 3650)
    n_paths = check_int("n_paths", n_paths, 1, 100_000)
    block_days = check_int("block_days", block_days, 1, len(r))
    seed = check_seed("seed", seed)
    rng = np.random.default_rng(seed)
    n_blocks = -(-horizon_days // block_days)
    starts = rng.integers(0, len(r), size=(n_paths, n_blocks))
    idx = (starts[:, :, None] + np.arange(block_days)[None, None, :]) % len(r)
    draws = r[idx.reshape(n_paths, -1)[:, :horizon_days]]
    paths = np.ones((n_paths, horizon_days + 1))
    paths[:, 1:] = np.exp(np.cumsum(draws, axis=1))
    return paths


def fan_quantiles(paths: np.ndarray, quantiles: Sequence[float] = (0.05, 0.25, 0.5, 0.75, 0.95)) -> pd.DataFrame:
    """Quantiles of simulated paths at each day: rows = day, columns like ``q05`` ... ``q95``."""
    if not isinstance(paths, np.ndarray) or paths.ndim != 2:
        raise TypeError("paths must be a 2-D numpy array (paths x days), as block_bootstrap_paths returns")
    qs = [check_number("quantiles[]", q, 0, 1) for q in quantiles]
    values = np.quantile(paths, qs, axis=0).T
    return pd.DataFrame(values, columns=[f"q{round(q * 100):02d}" for q in qs],
                        index=pd.RangeIndex(paths.shape[1], name="day"))


def position_outcomes(paths: np.ndarray, weights: Sequence[float], start_value: float = 10_000.0,
                      loss: float = 0.2) -> pd.DataFrame:
    """Portfolio outcomes when ``weight`` of ``start_value`` is put into the asset, the rest in cash.

    Buy and hold (no rebalancing, cash earns nothing). For each weight: median, 5th and 95th
    percentile of the end value (USD), the share of paths that end below the start, and the share
    that are at some point ``loss`` (fraction) or more below the start.
    """
    if not isinstance(paths, np.ndarray) or paths.ndim != 2:
        raise TypeError("paths must be a 2-D numpy array (paths x days), as block_bootstrap_paths returns")
    if isinstance(weights, (str, bytes)) or not isinstance(weights, Sequence) or not weights:
        raise TypeError(f"weights must be a non-empty list of fractions such as [1.0, 0.5], got {weights!r}")
    start_value = check_number("start_value", start_value, 0, None, open_lo=True)
    loss = check_number("loss", loss, 0, 1, open_lo=True, open_hi=True)
    rows = {}
    for w in weights:
        w = check_number("weights[]", w, 0, 1)
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
    """
    if not isinstance(values, pd.Series):
        raise TypeError(f"values must be a pandas Series, got {type(values).__name__}")
    step = check_number("step", step, 0, None, open_lo=True)
    lo, hi = (check_number("clip[0]", clip[0]), check_number("clip[1]", clip[1]))
    if hi <= lo:
        raise ValueError(f"clip={clip!r} must be (low, high) with low < high")
    v = values.dropna().clip(lo, hi - 1e-12).to_numpy()
    edges = np.floor((v - lo) / step) * step + lo
    out = pd.Series(edges).round(10).value_counts(normalize=True).sort_index()
    return pd.DataFrame({"bin": out.index.to_numpy(), "share": out.to_numpy()})


# ---------------------------------------------------------------------------
# Tables for the lesson
# ---------------------------------------------------------------------------
def volatility_table(assets: Sequence[str] = ("btc", "eth", "sp500", "nasdaq"),
                     start: str = "2017-11-09") -> pd.DataFrame:
    """Annualised volatility and big-move frequency of each asset from ``start`` to its last close.

    Crypto is annualised with 365 periods a year (it trades every day), equities with 252 (about
    252 trading days a year). ``big days`` = share of days whose move exceeds 5 % either way.
    """
    rows = {}
    for a in assets:
        p = asset_prices(a).loc[start:]
        r = log_returns(p)
        rows[ASSETS[a][0]] = {
            "first day": p.index[0].strftime("%Y-%m-%d"),
            "last day": p.index[-1].strftime("%Y-%m-%d"),
            "periods per year": periods_per_year(a),
            "annualised volatility": annualised_volatility(p, periods_per_year(a)),
            "big days (|move| > 5 %)": float((np.expm1(r).abs() > 0.05).mean()),
            "worst day": float(np.expm1(r.min())),
        }
    return pd.DataFrame(rows).T


def drawdown_table(assets: Sequence[str] = ("btc", "eth", "sp500", "nasdaq"), n: int = 3) -> pd.DataFrame:
    """The ``n`` worst drawdowns of each asset, dates as text (empty recovery = not yet recovered)."""
    parts = []
    for a in assets:
        t = worst_drawdowns(asset_prices(a), n)
        t.insert(0, "asset", ASSETS[a][0])
        for c in ("peak", "trough", "recovery"):
            t[c] = t[c].dt.strftime("%Y-%m-%d").fillna("not yet")
        t["days_to_recover"] = t["days_to_recover"].astype("Int64")
        parts.append(t)
    return pd.concat(parts, ignore_index=True)


def staged_table(asset: str = "btc", tranches: Sequence[int] = (2, 3, 4),
                 horizons_days: Sequence[int] = (91, 182, 365), spacing_days: int = 7) -> pd.DataFrame:
    """:func:`staged_summary` for several tranche counts and horizons (rows), key columns only."""
    rows = {}
    for n in tranches:
        for h in horizons_days:
            s = staged_panel(asset, n, spacing_days, h)
            rows[(n, h)] = s[["staged better (share)", "median difference", "5th percentile",
                              "95th percentile"]]
    out = pd.DataFrame(rows).T
    out.index.names = ["tranches", "horizon (days)"]
    return out


def liquidation_price_table(entry: float, leverages: Sequence[float] = (2, 3, 5, 10, 20, 50, 100),
                            maintenance: float = 0.005) -> pd.DataFrame:
    """Liquidation prices of isolated longs and shorts at several leverages, and the move that hits them."""
    rows = {}
    for lev in leverages:
        lo = liquidation_price(entry, lev, "long", maintenance)
        hi = liquidation_price(entry, lev, "short", maintenance)
        rows[float(lev)] = {"long: liquidation price": lo, "long: move to liquidation": lo / entry - 1,
                            "short: liquidation price": hi, "short: move to liquidation": hi / entry - 1}
    out = pd.DataFrame(rows).T
    out.index.name = "leverage"
    return out


# ---------------------------------------------------------------------------
# Charts for the lesson (Altair; the course renderer adds the PNG fallback)
# ---------------------------------------------------------------------------
ASSET_COLORS = {"Bitcoin": "#E69F00", "Ether": "#0072B2", "S&P 500": "#009E73", "Nasdaq Composite": "#CC79A7"}
SOURCE_MARKETS = ("Source: Yahoo Finance (BTC-USD, ETH-USD daily closes); FRED (SP500, NASDAQCOM); "
                  "Liquidity Lab snapshot")


def _asset_color() -> "alt.Color":
    import altair as alt

    return alt.Color("asset:N", title="Asset",
                     scale=alt.Scale(domain=list(ASSET_COLORS), range=list(ASSET_COLORS.values())))


def _wide_frame(series: dict[str, pd.Series]) -> pd.DataFrame:
    """Several dated series on one grid as a wide table with a text ``date`` column (compact in the notebook)."""
    df = pd.DataFrame(series)
    df.index = df.index.strftime("%Y-%m-%d")
    return df.reset_index(names="date")


def volatility_chart(window_days: int = 90) -> "alt.Chart":
    """Rolling annualised volatility (percent) of BTC, ETH, S&P 500 and Nasdaq, every 28 days."""
    import altair as alt
    from helpers.charts import with_source

    wide = {}
    for a in ASSETS:
        v = rolling_volatility(asset_prices(a), window_days, periods_per_year(a))
        wide[ASSETS[a][0]] = (v.resample("28D", origin="epoch").last() * 100).round(1)
    chart = alt.Chart(_wide_frame(wide)).transform_fold(list(wide), as_=["asset", "vol"]).transform_filter(
        "isValid(datum.vol)").mark_line(strokeWidth=1.5).encode(
        x=alt.X("date:T", title=None),
        y=alt.Y("vol:Q", title=f"Annualised volatility, {window_days}-day window (%)"),
        color=_asset_color(),
        tooltip=[alt.Tooltip("date:T", format="%Y-%m-%d"), "asset:N", alt.Tooltip("vol:Q", title="%")],
    ).properties(width=580, height=240, title=alt.TitleParams(
        "Bitcoin and ether swing several times as much as US stocks",
        subtitle=[f"Standard deviation of daily log returns over the last {window_days} calendar days,",
                  "annualised with √365 for crypto and √252 for equities; every 28th day shown"]))
    return with_source(chart, SOURCE_MARKETS)


def drawdown_chart() -> "alt.Chart":
    """Drawdown from the previous high (percent) of the four assets; the lowest value in each 28 days."""
    import altair as alt
    from helpers.charts import with_source

    wide = {}
    for a in ASSETS:
        wide[ASSETS[a][0]] = (drawdown(asset_prices(a)).resample("28D", origin="epoch").min() * 100).round(1)
    chart = alt.Chart(_wide_frame(wide)).transform_fold(list(wide), as_=["asset", "dd"]).transform_filter(
        "isValid(datum.dd)").mark_line(strokeWidth=1.5).encode(
        x=alt.X("date:T", title=None),
        y=alt.Y("dd:Q", title="Below the previous high (%)", scale=alt.Scale(domain=[-100, 0])),
        color=_asset_color(),
        tooltip=[alt.Tooltip("date:T", format="%Y-%m-%d"), "asset:N", alt.Tooltip("dd:Q", title="%")],
    ).properties(width=580, height=240, title=alt.TitleParams(
        "Crypto has lost most of its value more than once; stocks far less",
        subtitle=["Drawdown: close / highest close so far - 1; lowest value in each 28-day step;",
                  "measured from each series' first day in the snapshot"]))
    return with_source(chart, SOURCE_MARKETS)


def staged_chart(asset: str = "btc", tranches: Sequence[int] = (2, 3, 4),
                 horizons_days: Sequence[int] = (91, 182, 365), default_tranches: int = 3,
                 default_horizon: int = 182) -> "alt.Chart":
    """Histogram of staged - lump (percent of budget) over all start dates, with radio buttons.

    The tranche count and horizon are Vega parameters: the chart works without a kernel.
    """
    import altair as alt
    from helpers.charts import PALETTE, with_source

    bars, labels = [], []
    p = _asset_prices_cached(check_choice("asset", asset, ("btc", "eth")))
    for n in tranches:
        for h in horizons_days:
            out = staged_vs_lump(p, n, 7, h)
            b = binned_shares(out["diff"], step=0.04, clip=(-0.48, 0.48))
            b["tranches"], b["horizon"] = n, h
            bars.append(b)
            s = staged_summary(out)
            labels.append({"tranches": n, "horizon": h, "label":
                           f"staged better on {s['staged better (share)']:.0%} of {int(s['start dates'])} "
                           f"start dates; median difference {s['median difference']:+.1%}"})
    df = pd.concat(bars, ignore_index=True)
    df["pct"] = (df["bin"] * 100).round(1)
    df["share"] = (df["share"] * 100).round(2)
    df = df[["tranches", "horizon", "pct", "share"]]
    n_par = alt.param(name="tranches", value=default_tranches,
                      bind=alt.binding_radio(options=list(tranches), name="Weekly tranches "))
    h_par = alt.param(name="horizon", value=default_horizon,
                      bind=alt.binding_radio(options=list(horizons_days),
                                             labels=[f"{round(h / 30.4)} months" for h in horizons_days],
                                             name="Value after "))
    keep = "datum.tranches == tranches && datum.horizon == horizon"
    hist = alt.Chart(df).transform_filter(keep).transform_calculate(
        end="datum.pct + 4",
        who="datum.pct >= 0 ? 'staged did better' : 'lump sum did better'",
    ).mark_bar(stroke="white", strokeWidth=0.5).encode(
        x=alt.X("pct:Q", title="Staged minus lump sum (% of the budget; the end bins collect the tails)",
                scale=alt.Scale(domain=[-48, 48], nice=False), axis=alt.Axis(values=list(range(-48, 49, 8)))),
        x2="end:Q",
        y=alt.Y("share:Q", title="Share of start dates (%)",
                scale=alt.Scale(domain=[0, float(np.ceil(df["share"].max() * 1.15))])),
        y2=alt.datum(0),
        color=alt.Color("who:N", title=None, scale=alt.Scale(
            domain=["lump sum did better", "staged did better"], range=[PALETTE[3], PALETTE[0]])),
        tooltip=[alt.Tooltip("pct:Q", title="bin from (%)"), alt.Tooltip("share:Q", title="share (%)")],
    )
    text = alt.Chart(pd.DataFrame(labels)).mark_text(align="left", x=5, y=8, fontSize=12).encode(
        text="label:N").transform_filter(keep)
    chart = alt.layer(hist, text).add_params(n_par, h_par).properties(
        width=580, height=260, title=alt.TitleParams(
            f"Staged buying vs a lump sum in {ASSETS[asset][0].lower() if asset == 'eth' else 'bitcoin'}: "
            "it depends on the start date",
            subtitle=["Every daily start date; tranches 7 days apart; idle cash earns nothing; no fees"]))
    return with_source(chart, SOURCE_MARKETS)


_LOG_TICKS = [0.1, 0.2, 0.3, 0.5, 1, 1.5, 2, 3, 5, 10, 20, 30, 50, 100]


def ladder_chart(outcomes: pd.DataFrame, asset_label: str = "Bitcoin") -> "alt.Chart":
    """Scatter of the ladder's value against holding's, one point per entry date (log scales)."""
    import altair as alt
    from helpers.charts import PALETTE, with_source

    if not isinstance(outcomes, pd.DataFrame) or not {"hold", "ladder", "diff"} <= set(outcomes):
        raise TypeError("outcomes must be the DataFrame returned by ladder_outcomes()")
    df = pd.DataFrame({"hold": outcomes["hold"].round(3).to_numpy(),
                       "ladder": outcomes["ladder"].round(3).to_numpy()})
    lo = float(min(df["hold"].min(), df["ladder"].min())) * 0.9
    hi_x, hi_y = float(df["hold"].max()) * 1.1, float(df["ladder"].max()) * 1.2
    points = alt.Chart(df).transform_calculate(
        who="datum.ladder == datum.hold ? 'same' : "
            "(datum.ladder > datum.hold ? 'ladder did better' : 'holding did better')",
    ).mark_circle(size=20, opacity=0.75).encode(
        x=alt.X("hold:Q", title="Value after holding (1 = break-even, log scale)",
                scale=alt.Scale(type="log", domain=[lo, hi_x], nice=False),
                axis=alt.Axis(values=[t for t in _LOG_TICKS if lo <= t <= hi_x])),
        y=alt.Y("ladder:Q", title="Value with the ladder (log scale)",
                scale=alt.Scale(type="log", domain=[lo, hi_y], nice=False),
                axis=alt.Axis(values=[t for t in _LOG_TICKS if lo <= t <= hi_y])),
        color=alt.Color("who:N", title=None, scale=alt.Scale(
            domain=["holding did better", "same", "ladder did better"],
            range=[PALETTE[3], "#999999", PALETTE[0]])),
        tooltip=["hold:Q", "ladder:Q"],
    )
    diagonal = alt.Chart(pd.DataFrame({"hold": [lo, hi_y], "ladder": [lo, hi_y]})).mark_line(
        color="#555", strokeDash=[4, 3], strokeWidth=1).encode(x="hold:Q", y="ladder:Q")
    chart = alt.layer(diagonal, points).properties(width=540, height=300, title=alt.TitleParams(
        f"The ladder caps the big {asset_label.lower()} winners and softens some losers",
        subtitle=["One dot per weekly entry date; dashed line: same result; above it the ladder did better"]))
    return with_source(chart, SOURCE_MARKETS)


def liquidation_chart(prices: pd.Series, max_leverage: int = 50, horizons_days: Sequence[int] = (7, 30, 90, 365),
                      maintenance: float = 0.005, default_leverage: int = 10,
                      asset_label: str = "bitcoin") -> "alt.Chart":
    """Bars: share of start days a long was liquidated within D days, at daily vs weekly checks.

    The leverage is a slider (a Vega parameter): every value is precomputed, so it works without a kernel.
    """
    import altair as alt
    from helpers.charts import PALETTE, with_source

    max_leverage = check_int("max_leverage", max_leverage, 2, 199)
    levs = list(range(1, max_leverage + 1))
    checks = {"every daily close": 1, "weekly closes only": 7}
    wide = {}
    for label, every in checks.items():
        t = liquidation_frequency(prices, levs, list(horizons_days), "long", maintenance, every)
        wide[label] = (t.stack() * 100).round(0).astype(int)  # index: (leverage, days)
    df = pd.DataFrame(wide).reset_index()
    df["leverage"] = df["leverage"].astype(int)
    df["days"] = df["days"].astype(int)
    lev = alt.param(name="leverage", value=default_leverage,
                    bind=alt.binding_range(min=1, max=max_leverage, step=1, name="Leverage (x) "))
    base = alt.Chart(df).transform_filter("datum.leverage == leverage").transform_fold(
        list(checks), as_=["check", "share"]).encode(
        x=alt.X("days:O", title="Held for up to … days", sort=list(horizons_days), axis=alt.Axis(labelAngle=0)),
        xOffset=alt.XOffset("check:N", sort=["every daily close", "weekly closes only"]),
        y=alt.Y("share:Q", title="Start days liquidated (%)", scale=alt.Scale(domain=[0, 100])),
    )
    bars = base.mark_bar().encode(
        color=alt.Color("check:N", title="Price checked at", sort=["every daily close", "weekly closes only"],
                        scale=alt.Scale(range=[PALETTE[3], PALETTE[5]])),
        tooltip=["leverage:Q", "days:O", "check:N", alt.Tooltip("share:Q", title="% liquidated")])
    text = base.mark_text(dy=-7, fontSize=11).encode(text=alt.Text("share:Q", format=".0f"))
    chart = alt.layer(bars, text).add_params(lev).properties(width=560, height=300, title=alt.TitleParams(
        f"The higher the leverage, the more often a {asset_label} long was wiped out",
        subtitle=[f"Isolated long opened at any daily close; maintenance margin {maintenance:.1%}; no fees or funding",
                  "Looking at prices less often misses liquidations — exchanges look continuously"]))
    return with_source(chart, SOURCE_MARKETS)


def liquidation_year_chart(by_year: pd.Series, title: str, subtitle: str | Sequence[str]) -> "alt.Chart":
    """Bars of the share of start days liquidated in each calendar year (from :func:`liquidation_by_year`)."""
    import altair as alt
    from helpers.charts import PALETTE, with_source

    if not isinstance(by_year, pd.Series):
        raise TypeError(f"by_year must be the Series from liquidation_by_year(), got {type(by_year).__name__}")
    df = pd.DataFrame({"year": by_year.index.astype(str), "share": (by_year.to_numpy() * 100).round(1)})
    bars = alt.Chart(df).mark_bar(color=PALETTE[3]).encode(
        x=alt.X("year:O", title="Year of the start day", axis=alt.Axis(labelAngle=0)),
        y=alt.Y("share:Q", title="Start days liquidated (%)", scale=alt.Scale(domain=[0, 100])),
        tooltip=["year:O", alt.Tooltip("share:Q", title="%")])
    text = bars.mark_text(dy=-7, fontSize=11, color="#333").encode(text=alt.Text("share:Q", format=".0f"))
    chart = alt.layer(bars, text).properties(width=560, height=260,
                                             title=alt.TitleParams(title, subtitle=[subtitle] if isinstance(
                                                 subtitle, str) else list(subtitle)))
    return with_source(chart, SOURCE_MARKETS)


def fan_chart(quantiles: pd.DataFrame, start_value: float, title: str, subtitle: str,
              every_days: int = 5) -> "alt.Chart":
    """A fan chart of simulated values: 5–95 % and 25–75 % bands and the median (from :func:`fan_quantiles`)."""
    import altair as alt
    from helpers.charts import PALETTE, with_source

    needed = {"q05", "q25", "q50", "q75", "q95"}
    if not isinstance(quantiles, pd.DataFrame) or not needed <= set(quantiles.columns):
        raise TypeError("quantiles must come from fan_quantiles() with the default quantiles")
    q = (quantiles.iloc[::every_days] * start_value).round(0).reset_index()
    base = alt.Chart(q).encode(x=alt.X("day:Q", title="Days from the start",
                                       scale=alt.Scale(domain=[0, int(quantiles.index[-1])], nice=False)))
    y_title = "Value of the position (USD)"
    outer = base.mark_area(color=PALETTE[5], opacity=0.35).encode(
        y=alt.Y("q05:Q", title=y_title), y2="q95:Q")
    inner = base.mark_area(color=PALETTE[0], opacity=0.45).encode(y="q25:Q", y2="q75:Q")
    median = base.mark_line(color="#000").encode(
        y="q50:Q", tooltip=["day:Q", alt.Tooltip("q05:Q", format=",.0f"), alt.Tooltip("q50:Q", format=",.0f"),
                            alt.Tooltip("q95:Q", format=",.0f")])
    start = alt.Chart(pd.DataFrame({"v": [start_value]})).mark_rule(strokeDash=[4, 3], color="#555").encode(y="v:Q")
    chart = alt.layer(outer, inner, median, start).properties(width=600, height=300, title=alt.TitleParams(
        title, subtitle=[subtitle, "Light band: 5th–95th percentile; dark band: 25th–75th; line: median"]))
    return with_source(chart, SOURCE_MARKETS)


# ---------------------------------------------------------------------------
# Text reports for the widgets (and the plain cells that nbval checks)
# ---------------------------------------------------------------------------
def as_percent(df: pd.DataFrame, columns: Sequence[str] | None = None, decimals: int = 0) -> pd.DataFrame:
    """A copy of ``df`` with fraction columns shown as percent strings (for display only)."""
    if not isinstance(df, pd.DataFrame):
        raise TypeError(f"df must be a DataFrame, got {type(df).__name__}")
    decimals = check_int("decimals", decimals, 0, 6)
    cols = list(df.columns) if columns is None else list(columns)
    missing = [c for c in cols if c not in df.columns]
    if missing:
        raise ValueError(f"columns {missing!r} are not in df; allowed: {', '.join(map(str, df.columns))}")
    out = df.copy()
    for c in cols:
        out[c] = [f"{v:.{decimals}%}" if pd.notna(v) else "" for v in df[c]]
    return out


def staged_report(asset: str = "btc", tranches: int = 3, spacing_days: int = 7, horizon_days: int = 182) -> str:
    """Plain-text summary of :func:`staged_panel` for one setting."""
    s = staged_panel(asset, tranches, spacing_days, horizon_days)
    return "\n".join([
        f"{ASSETS[asset][0]}: {tranches} tranche(s) {spacing_days} days apart vs a lump sum, valued after "
        f"{horizon_days} days, over {int(s['start dates']):,} start dates",
        f"  staged did better on {s['staged better (share)']:.1%} of start dates, "
        f"the lump sum on {s['lump sum better (share)']:.1%}",
        f"  staged minus lump (% of the budget): median {s['median difference']:+.1%}, "
        f"5th percentile {s['5th percentile']:+.1%}, 95th percentile {s['95th percentile']:+.1%}",
        f"  spread (standard deviation) of the final value: lump sum {s['spread of lump outcomes (std)']:.0%}, "
        f"staged {s['spread of staged outcomes (std)']:.0%} of the budget",
    ])


def ladder_report(asset: str = "btc", level1: float = 0.2, level2: float = 0.5, fraction1: float = 0.25,
                  fraction2: float = 0.25, trail: float = 0.2, stop_from: str = "last_level",
                  horizon_days: int = 365) -> str:
    """Plain-text summary of :func:`ladder_panel` for one setting (``trail=0`` means no stop)."""
    check_choice("asset", asset, ("btc", "eth"))
    out = ladder_outcomes(_asset_prices_cached(asset), (level1, level2), (fraction1, fraction2),
                          trail if trail else None, stop_from, horizon_days, 7)
    t, n = ladder_summary(out), len(out)
    stop = (f"a {trail:.0%} trailing stop on the rest from "
            + ("entry" if stop_from == "entry" else "the last level")) if trail else "no stop"
    shown = as_percent(t, ["wins", "ties", "ended below entry"])
    for c in ("median", "5th pct", "95th pct"):
        shown[c] = [f"{v:.2f}" for v in t[c]]
    return "\n".join([
        f"{ASSETS[asset][0]}, {n} weekly entries, {horizon_days} days: sell {fraction1:.0%} at +{level1:.0%}, "
        f"{fraction2:.0%} at +{level2:.0%}, {stop}",
        "Values: 1.00 = break-even",
        shown.to_string(),
    ])


def leverage_report(asset: str = "btc", leverage: float = 10.0, days: int = 30, side: str = "long",
                    maintenance: float = 0.005) -> str:
    """Plain-text summary of :func:`leverage_panel` for one setting."""
    r = leverage_panel(asset, leverage, days, side, maintenance)
    return "\n".join([
        f"{r['asset']} {leverage:g}x {side}, isolated margin, maintenance margin {maintenance:.2%} "
        "(no fees or funding)",
        f"  at the last close (${r['last close']:,.0f} on {r['last date']}) the liquidation price is "
        f"${r['liquidation price']:,.0f}, a move of {r['move to liquidation']:+.1%}",
        f"  opened at any daily close, it was liquidated within {days} days on {r['share liquidated']:.1%} "
        f"of {r['start days']:,} start days",
        "  (from daily closes only: intraday moves would liquidate more often)",
    ])


# Widget callbacks' compute functions with a typical setting (timed by tools/bench.py).
BENCH = {
    "lesson05 staged_report": (staged_report, {"asset": "btc", "tranches": 3, "spacing_days": 7,
                                               "horizon_days": 182}),
    "lesson05 ladder_report": (ladder_report, {"asset": "btc", "level1": 0.2, "level2": 0.5, "fraction1": 0.25,
                                               "fraction2": 0.25, "trail": 0.2, "stop_from": "last_level",
                                               "horizon_days": 365}),
    "lesson05 leverage_report": (leverage_report, {"asset": "btc", "leverage": 10.0, "days": 30, "side": "long",
                                                   "maintenance": 0.005}),
}
