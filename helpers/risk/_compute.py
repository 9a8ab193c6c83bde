"""Risk computations: price Series in, numbers, Series and DataFrames out (no Altair, no loading).

Returns, drawdowns, weights and liquidation frequencies are **fractions** (0.25 = 25 %); horizons
and windows are **calendar days**. The strategy simulations over many start dates
(:func:`staged_vs_lump`, :func:`ladder_outcomes`, :func:`liquidation_frequency`) need a *daily*
series with no gaps, such as the bitcoin and ether closes (crypto trades every day); they are
vectorised with numpy over the start dates, so a widget callback answers in a few milliseconds.
"""
from __future__ import annotations

import math
from typing import Any, Sequence

import numpy as np
import pandas as pd

from helpers.validate import check_choice, check_frame, check_int, check_number, check_series, shown

# name -> (label, trading periods per year used to annualise daily figures)
ASSETS: dict[str, tuple[str, int]] = {
    "btc": ("Bitcoin", 365),
    "eth": ("Ether", 365),
    "sp500": ("S&P 500", 252),
    "nasdaq": ("Nasdaq Composite", 252),
}
CRYPTO = ("btc", "eth")  # the daily, gap-free closes the strategy simulations need
SIDES = ("long", "short")
STOP_FROM = ("entry", "last_level")
MAX_PATHS = 5_000  # bootstrap paths: 2.5 times the lesson's 2,000
MAX_PATH_DAYS = 730  # bootstrap horizon: twice the lesson's year


# ---------------------------------------------------------------------------
# Checks shared by this topic (on top of helpers.validate)
# ---------------------------------------------------------------------------
def check_prices(name: str, prices: Any, daily: bool = False, min_len: int = 2) -> pd.Series:
    """A price series: dated (sorted, unique, no time zone), finite, positive; optionally daily and gap-free."""
    p = check_series(name, prices, min_len=min_len)
    values = p.to_numpy(dtype=float)
    if not np.isfinite(values).all():
        raise ValueError(f"{name} contains {int((~np.isfinite(values)).sum())} missing or infinite "
                         f"values; drop them first (e.g. {name}.dropna())")
    if (values <= 0).any():
        raise ValueError(f"{name} contains {int((values <= 0).sum())} prices <= 0; prices must be > 0")
    if daily:
        steps = np.diff(p.index.to_numpy()).astype("timedelta64[D]").astype(int)
        if (steps != 1).any():
            raise ValueError(f"{name} must be a daily series without gaps (one row per calendar day, "
                             f"as crypto closes are); found {int((steps != 1).sum())} gaps")
    return p.astype(float)


def check_fractions(name: str, value: Any, lo: float, hi: float, *, open_lo: bool = False,
                    max_len: int = 10) -> list[float]:
    """A list of numbers (a str is refused), each from ``lo`` to ``hi``; messages name ``name[i]``."""
    if isinstance(value, (str, bytes)) or not isinstance(value, (list, tuple, np.ndarray, pd.Series, range)):
        raise TypeError(f"{name} must be a list of numbers such as [0.25, 0.5], got {type(value).__name__} "
                        f"({shown(value)})")
    items = list(value)
    if not 1 <= len(items) <= max_len:
        raise ValueError(f"{name}={shown(value)} has {len(items)} entries; allowed: 1 to {max_len}")
    return [check_number(f"{name}[{i}]", v, lo, hi, open_lo=open_lo) for i, v in enumerate(items)]


def check_leverages(name: str, value: Any, maintenance: float, max_len: int = 200) -> list[float]:
    """Leverages (each >= 1 and below 1/maintenance, no repeats); messages name ``name``."""
    levs = check_fractions(name, value, 1, 1e6, max_len=max_len)
    if maintenance > 0 and max(levs) >= 1 / maintenance:
        raise ValueError(f"{name} includes {max(levs):g}, too high for maintenance={maintenance:g}: the position "
                         f"would be liquidated at once; allowed: leverages < 1/maintenance = {1 / maintenance:g}")
    if len(set(levs)) != len(levs):
        raise ValueError(f"{name}={shown(value)} repeats a leverage; allowed: each leverage once")
    return levs


def check_outcomes(name: str, outcomes: Any, columns: Sequence[str], made_by: str, min_rows: int = 1
                   ) -> pd.DataFrame:
    """A table of outcomes from one of this topic's simulations (``made_by`` names it in the message)."""
    if not isinstance(outcomes, pd.DataFrame):
        raise TypeError(f"{name} must be the DataFrame returned by {made_by}(), got {type(outcomes).__name__}")
    check_frame(name, outcomes, tuple(columns), min_rows=min_rows, numeric=True)
    if not np.isfinite(outcomes[list(columns)].to_numpy(dtype=float)).all():
        raise ValueError(f"{name} has missing or infinite values; allowed: the table {made_by}() returns")
    return outcomes


def periods_per_year(asset: str) -> int:
    """Trading periods per year used to annualise: 365 for crypto (trades daily), 252 for equities."""
    return ASSETS[check_choice("asset", asset, tuple(ASSETS))][1]


# ---------------------------------------------------------------------------
# Volatility and drawdowns
# ---------------------------------------------------------------------------
def log_returns(prices: pd.Series) -> pd.Series:
    """Daily log returns ln(P_t / P_{t-1}) (fraction), one fewer row than ``prices``."""
    p = check_prices("prices", prices)
    return np.log(p).diff().iloc[1:]


def annualised_volatility(prices: pd.Series, periods: int = 365) -> float:
    """Standard deviation of log returns times sqrt(periods) (fraction per year).

    ``periods`` is the number of return observations in a year: 365 for crypto, 252 for equities.
    """
    periods = check_int("periods", periods, 1, 366)
    return float(log_returns(check_prices("prices", prices, min_len=3)).std() * math.sqrt(periods))


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
    out = vol.loc[first:].dropna()
    if out.empty:
        raise ValueError(f"prices covers {(r.index[-1] - r.index[0]).days + 2} days with {len(r) + 1} closes, too "
                         f"few for one full window of window_days={window_days}; allowed: a shorter window "
                         "or a longer series")
    return out


def drawdown(prices: pd.Series) -> pd.Series:
    """Drawdown: price / highest price so far - 1 (fraction, 0 at a new high, -0.5 = half lost)."""
    p = check_prices("prices", prices, min_len=1)
    return p / p.cummax() - 1.0


def max_drawdown(prices: pd.Series) -> float:
    """The deepest drawdown in the series (fraction, <= 0)."""
    return float(drawdown(prices).min())


def worst_drawdowns(prices: pd.Series, n: int = 5) -> pd.DataFrame:
    """The ``n`` deepest separate drawdowns, with peak, trough and recovery dates.

    An episode runs from a high (peak) to the day the price first closes at or above that high
    again (recovery; empty if it has not recovered by the end of the data). Columns: ``peak``,
    ``trough``, ``recovery`` (dates), ``depth`` (fraction), ``days_to_trough`` and
    ``days_to_recover`` (calendar days from peak; NaN if not recovered). A series that never
    closes below an earlier high has no drawdown to list (ValueError).
    """
    n = check_int("n", n, 1, 100)
    p = check_prices("prices", prices)
    new_high = p >= p.cummax()
    episode = new_high.cumsum().to_numpy()  # each high starts an episode; later below-peak days join it
    dates = pd.Series(p.index, index=p.index)
    g, gd = p.groupby(episode), dates.groupby(episode)
    table = pd.DataFrame({"peak": gd.first(), "trough": g.idxmin(), "recovery": gd.first().shift(-1),
                          "depth": g.min() / g.first() - 1.0, "size": g.size()})
    out = table[(table["size"] > 1) & (table["depth"] < 0)].drop(columns="size")
    if out.empty:
        raise ValueError("prices never closes below an earlier high, so it has no drawdown to list; "
                         "allowed: a series that falls at least once")
    out = out.sort_values("depth").head(n).reset_index(drop=True)
    out["days_to_trough"] = (out["trough"] - out["peak"]).dt.days
    out["days_to_recover"] = (out["recovery"] - out["peak"]).dt.days.astype(float)
    return out


# ---------------------------------------------------------------------------
# Staged buying vs a lump sum
# ---------------------------------------------------------------------------
def check_staging(tranches: Any, spacing_days: Any, horizon_days: Any, *, tranches_name: str = "tranches",
                  horizon_name: str = "horizon_days") -> tuple[int, int, int]:
    """Tranches (1-12), spacing (1-60 days) and a horizon (1-3650 days) that ends after the last tranche."""
    tranches = check_int(tranches_name, tranches, 1, 12)
    spacing_days = check_int("spacing_days", spacing_days, 1, 60)
    horizon_days = check_int(horizon_name, horizon_days, 1, 3650)
    if (tranches - 1) * spacing_days > horizon_days:
        raise ValueError(f"{horizon_name}={horizon_days} ends before the last tranche is bought "
                         f"(({tranches_name} - 1) * spacing_days = {(tranches - 1) * spacing_days} days); "
                         f"allowed: {horizon_name} >= ({tranches_name} - 1) * spacing_days")
    return tranches, spacing_days, horizon_days


def staged_vs_lump(prices: pd.Series, tranches: int = 3, spacing_days: int = 7,
                   horizon_days: int = 182) -> pd.DataFrame:
    """Lump sum vs staged buying for every possible start date (daily, gap-free prices).

    A budget of 1 is invested either all at the start close (lump sum) or in ``tranches`` equal
    parts ``spacing_days`` apart (the first at the start). Cash waiting to be invested earns
    nothing. Both are valued ``horizon_days`` after the start. Returns one row per start date
    with ``lump`` and ``staged`` (value of the budget, 1.0 = break-even) and ``diff`` =
    staged - lump (fraction of the budget; > 0 means staging did better).
    """
    p = check_prices("prices", prices, daily=True)
    tranches, spacing_days, horizon_days = check_staging(tranches, spacing_days, horizon_days)
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
    outcomes = check_outcomes("outcomes", outcomes, ("lump", "staged", "diff"), "staged_vs_lump", min_rows=2)
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


# ---------------------------------------------------------------------------
# Take-profit ladder with a trailing stop, vs holding
# ---------------------------------------------------------------------------
def _first_true(mask: np.ndarray, never: int) -> np.ndarray:
    """Index of the first True in each row (``never`` where a row has none)."""
    hit = mask.any(axis=1)
    return np.where(hit, mask.argmax(axis=1), never)


def _paths(x: np.ndarray, horizon_days: int, entry_every_days: int) -> tuple[np.ndarray, np.ndarray]:
    """Entry positions and each entry's path relative to its entry price (entries x days)."""
    entries = np.arange(0, len(x) - horizon_days, entry_every_days)
    rel = x[entries[:, None] + np.arange(horizon_days + 1)[None, :]] / x[entries][:, None]
    return entries, rel


def ladder_outcomes(prices: pd.Series, levels: Sequence[float] = (0.2, 0.5),
                    fractions: Sequence[float] = (0.25, 0.25), trail: float | None = 0.2,
                    stop_from: str = "last_level", horizon_days: int = 365,
                    entry_every_days: int = 7) -> pd.DataFrame:
    """Holding vs a take-profit ladder with a trailing stop, for entries every few days.

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
    p = check_prices("prices", prices, daily=True)
    lv = check_fractions("levels", levels, 0, 20, open_lo=True, max_len=5)
    fr = check_fractions("fractions", fractions, 0, 1, max_len=5)
    if len(fr) != len(lv):
        raise ValueError(f"fractions has {len(fr)} entries but levels has {len(lv)}; "
                         "give one fraction per level")
    if any(b <= a for a, b in zip(lv, lv[1:])):
        raise ValueError(f"levels={shown(list(levels))} must be strictly increasing")
    if sum(fr) > 1 + 1e-12:
        raise ValueError(f"fractions={shown(list(fractions))} add up to {sum(fr):g}; allowed: a total <= 1")
    if trail is not None:
        trail = check_number("trail", trail, 0, 1, open_lo=True, open_hi=True)
    check_choice("stop_from", stop_from, STOP_FROM)
    horizon_days = check_int("horizon_days", horizon_days, 1, 3650)
    entry_every_days = check_int("entry_every_days", entry_every_days, 1, 365)
    if len(p) <= horizon_days:
        raise ValueError(f"prices has {len(p)} days, too few for horizon_days={horizon_days}")

    entries, rel = _paths(p.to_numpy(), horizon_days, entry_every_days)
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
    outcomes = check_outcomes("outcomes", outcomes, ("hold", "ladder", "diff"), "ladder_outcomes")
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
