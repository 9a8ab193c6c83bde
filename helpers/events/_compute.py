"""Lesson 04's computations on frames: the names of things, argument checks, returns, percentiles,
the binomial chance, monthly returns and the bootstrap.

Frames (or arrays) in, frames or numbers out: nothing here loads the snapshot or draws a chart. The
functions that take an asset or a pivot set *by name* live in ``_pivots``, ``_study`` and
``_seasonality`` and get their frames from :func:`helpers.events.inputs`.
"""
from __future__ import annotations

import math
import re
from typing import Any

import numpy as np
import pandas as pd

from helpers.i18n import N_
from helpers.stats import MAX_CELLS, MAX_DRAWS
from helpers.stats import bootstrap_mean_ci as _stats_bootstrap_mean_ci
from helpers.validate import check_date, check_int, check_ints, check_number, check_numbers, check_seed, shown

# Display names (English; charts and reports show them with helpers.i18n.text, in the edition's language).
ASSETS: dict[str, str] = {
    "btc": N_("Bitcoin (BTC)"),
    "eth": N_("Ether (ETH)"),
    "sp500": N_("S&P 500"),
    "nasdaq": N_("Nasdaq Composite"),
}
HORIZONS: tuple[int, ...] = (1, 3, 6, 12, 18)
KINDS: tuple[str, ...] = ("qe_start", "qe_expand", "taper", "qe_end", "qt_start", "qt_slow", "qt_end",
                          "rmp", "hike", "cut", "hold", "facility", "stress", "signal")
STANCES: tuple[str, ...] = ("easing", "tightening", "neutral")
BASES: tuple[str, ...] = ("announced", "effective")

# Kinds that are monetary-policy decisions about rates or the balance sheet. The tightening-to-easing
# rule looks only at these (a stress episode, a hold, a speech or a lending facility is not a turn of
# the policy stance in this definition).
POLICY_KINDS: tuple[str, ...] = ("qe_start", "qe_expand", "taper", "qe_end", "qt_start", "qt_slow",
                                 "qt_end", "rmp", "hike", "cut")

PIVOT_SETS: dict[str, str] = {
    "article": "The article's three pivots as the data dates them: 2019-07-31 (first cut; QT1 ends "
               "early), 2020-03-15 (QE restarts), and for its '2023 rate-cut cycle' the first cut of "
               "that cycle, which came on 2024-09-18 (there was no cut in 2023)",
    "article_btfp": "The article's pivots with '2023' read as the only 2023 easing action in the "
                    "event table: the Bank Term Funding Program of 2023-03-12 (a lending facility)",
    "first_cuts": "The first rate cut of each easing cycle, found in the policy_rates table "
                  "(a cut whose previous change was a hike)",
    "last_hikes": "The last hike of each hiking cycle (a hike whose next change was a cut): the end "
                  "of tightening, knowable only in hindsight",
    "qt_ends": "Every event of kind qt_end in the event table (end of balance-sheet runoff)",
    "qe_starts": "Every event of kind qe_start in the event table (asset purchases begin)",
    "table_rule": "Tightening-to-easing pivots by rule: the first easing rate or balance-sheet "
                  "decision in the event table after a tightening one (facilities, stress, holds "
                  "and speeches ignored)",
    "all_cuts": "Every rate cut in the policy_rates table (many fall close together, so their "
                "windows overlap)",
}

MAX_SHIFT_DAYS = 366
MAX_HORIZON = 120  # months
# Bootstrap draws: the lesson uses 5,000, the default is 10,000. The interval of one mean is
# helpers.stats' bootstrap, so its bounds (draws, and draws x values) are the bounds here too.
MAX_REPS = MAX_DRAWS  # 10,000


# ---------------------------------------------------------------------------
# Checks of this topic's own arguments (the general ones are helpers.validate's)
# ---------------------------------------------------------------------------
def check_horizon(name: str, months: Any) -> int:
    """A horizon in calendar months, 1 to 120."""
    return check_int(name, months, 1, MAX_HORIZON)


def check_horizons(name: str, horizons: Any) -> tuple[int, ...]:
    """A list of horizons in calendar months, each 1 to 120 (such as ``(1, 3, 6, 12, 18)``)."""
    return check_ints(name, horizons, 1, MAX_HORIZON,
                      allowed=f"a list of months such as (1, 3, 6, 12, 18), each from 1 to {MAX_HORIZON}")


def check_reps(name: str, reps: Any, n_values: int = 1) -> int:
    """A number of bootstrap draws: 100 to ``MAX_REPS``, fewer if ``n_values`` x draws would pass ``MAX_CELLS``."""
    hi = min(MAX_REPS, MAX_CELLS // max(1, n_values))
    if hi < 100:
        raise ValueError(f"{name}: even 100 draws of {n_values:,} values is too much work; allowed: at most "
                         f"{MAX_CELLS // 100:,} values")
    return check_int(name, reps, 100, hi, allowed=f"a whole number from 100 to {hi:,} (the lesson uses 5,000)")


def check_level(level: Any) -> float:
    """A confidence level, 0.5 or more and below 1."""
    return check_number("level", level, 0.5, 1, open_hi=True, allowed="a number >= 0.5 and < 1, such as 0.95")


def check_prices(prices: Any) -> pd.Series:
    """``prices`` as float closes: a Series indexed by calendar dates, at least two positive closes."""
    if not isinstance(prices, pd.Series):
        raise TypeError(f"prices must be a pandas Series of closes indexed by date; got {type(prices).__name__}")
    if not isinstance(prices.index, pd.DatetimeIndex):
        raise TypeError("prices must be indexed by a DatetimeIndex; got "
                        f"{type(prices.index).__name__}")
    if prices.index.tz is not None:
        raise ValueError("prices has a time-zone-aware index; allowed: calendar dates without a time zone "
                         "(use prices.tz_localize(None))")
    if not pd.api.types.is_numeric_dtype(prices) or pd.api.types.is_bool_dtype(prices):
        raise TypeError(f"prices must hold numbers (closes); got dtype {prices.dtype}")
    s = prices.dropna()
    if s.empty:
        raise ValueError("prices has no values (all NaN or empty); allowed: a series with at least two closes")
    if not s.index.is_monotonic_increasing or s.index.has_duplicates:
        raise ValueError("prices must have strictly increasing dates; sort it and drop duplicate dates")
    if len(s) < 2:
        raise ValueError(f"prices has {len(s)} close; allowed: at least two closes (a return needs a start and an end)")
    s = s.astype("float64")
    if np.isinf(s.to_numpy()).any():
        raise ValueError("prices holds an infinite value; allowed: finite closes in USD or index points")
    if (s <= 0).any():
        raise ValueError("prices must be positive (closes in USD or index points); found a value <= 0")
    return s


# ---------------------------------------------------------------------------
# Effective dates
# ---------------------------------------------------------------------------
_MONTHS = {m: i for i, m in enumerate(
    ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"], start=1)}


def effective_date(text: Any, announced: Any) -> pd.Timestamp:
    """The date an action took effect, from the event table's ``effective`` text.

    ``'2025-12-01'`` → that day; ``'Aug 2019'`` → the first of that month; ``'mid-Nov 2021'`` → the
    15th; ``'Dec 2008 / Jan 2009'`` → the first date given; empty → ``announced``. Never earlier
    than ``announced``.
    """
    ann = check_date("announced", announced)
    if text is None or (isinstance(text, float) and math.isnan(text)):
        return ann
    if not isinstance(text, str):
        raise TypeError(f"text must be a str such as 'Aug 2019' or '2025-12-01'; got {type(text).__name__}")
    t = text.strip().split("/")[0].strip().lower()
    if not t:
        return ann
    if re.fullmatch(r"(\d{4})-(\d{2})-(\d{2})", t):
        check_date("text", t)  # a real calendar date within 1678-2261
        out = pd.Timestamp(t)
    else:
        m = re.fullmatch(r"(mid-)?([a-z]{3})[a-z]* (\d{4})", t)
        if not m or m.group(2) not in _MONTHS:
            raise ValueError(f"text={text!r} is not an effective date this parser knows; allowed: "
                             "'YYYY-MM-DD', 'Mon YYYY', 'mid-Mon YYYY', or empty")
        year, month, day = int(m.group(3)), _MONTHS[m.group(2)], 15 if m.group(1) else 1
        check_date("text", f"{year:04d}-{month:02d}-{day:02d}")
        out = pd.Timestamp(year, month, day)
    return max(out, ann)


# ---------------------------------------------------------------------------
# Forward returns and windows
# ---------------------------------------------------------------------------
def forward_returns_at(s: pd.Series, dates: pd.DatetimeIndex, months: int) -> np.ndarray:
    """Vectorised forward returns (fractions) of checked closes ``s`` from each of ``dates``.

    NaN where the window starts before the first close or ends after the last one.
    """
    idx = s.index
    ends = dates + pd.DateOffset(months=months)
    ok = np.asarray((dates >= idx[0]) & (ends <= idx[-1]))
    out = np.full(len(dates), np.nan)
    if ok.any():
        values = s.to_numpy()
        i = idx.searchsorted(dates[ok], side="left")
        j = idx.searchsorted(ends[ok], side="left")
        out[ok] = values[j] / values[i] - 1.0
    return out


def forward_return(prices: pd.Series, start: Any, months: int) -> float:
    """Simple return (fraction) over ``months`` calendar months from ``start``.

    Uses the first close on or after ``start`` and the first close on or after
    ``start + months``. NaN if ``start`` is before the first close or the window ends after the
    last close (the window is not in the data).
    """
    s = check_prices(prices)
    start_ts = check_date("start", start)
    months = check_horizon("months", months)
    return float(forward_returns_at(s, pd.DatetimeIndex([start_ts]), months)[0])


def windows(s: pd.Series, ends: pd.DatetimeIndex) -> pd.Series:
    """Returns of the windows from each close of checked ``s`` to the first close on or after its end."""
    fits = ends <= s.index[-1]
    j = s.index.searchsorted(ends[fits], side="left")
    values = s.to_numpy()
    return pd.Series(values[j] / values[fits] - 1.0, index=s.index[fits], name="return")


def window_returns(prices: pd.Series, months: int | None = None, days: int | None = None) -> pd.Series:
    """Returns (fractions) of every window of ``months`` calendar months (or ``days`` calendar days).

    One window starts on each date that has a close; the window ends at the first close on or
    after start + length. Windows running past the last close are left out. Indexed by start date.
    """
    s = check_prices(prices)
    if (months is None) == (days is None):
        raise ValueError("give exactly one of months= or days= (the window length)")
    if months is not None:
        months = check_horizon("months", months)
        out = windows(s, s.index + pd.DateOffset(months=months))
        length = f"months={months}"
    else:
        days = check_int("days", days, 1, 3660)
        out = windows(s, s.index + pd.Timedelta(days=days))
        length = f"days={days}"
    if out.empty:
        raise ValueError(f"prices runs {(s.index[-1] - s.index[0]).days} days, shorter than one window of "
                         f"{length}; allowed: a longer series or a shorter window")
    return out


def percentiles_in(values: np.ndarray, dist: np.ndarray) -> np.ndarray:
    """Mid-rank percentiles (0-100) of ``values`` in the sorted array ``dist`` (NaN stays NaN)."""
    below = np.searchsorted(dist, values, side="left")
    not_above = np.searchsorted(dist, values, side="right")
    out = 100.0 * (below + 0.5 * (not_above - below)) / dist.size
    return np.where(np.isnan(values), np.nan, out)


def percentile_of(value: float, distribution: Any) -> float:
    """Where ``value`` sits in ``distribution``: percent of values below it, ties counted half.

    Returns a number from 0 to 100. ``value`` is a finite number; ``distribution`` is a list,
    array or Series of finite numbers (NaNs ignored), at least one.
    """
    x = check_number("value", value)
    arr = np.sort(check_numbers("distribution", distribution, min_len=1))
    return float(percentiles_in(np.array([x]), arr)[0])


def chance_at_least(k: int, n: int, p: float) -> float:
    """Probability that at least ``k`` of ``n`` independent windows are positive, each with chance ``p``.

    Binomial tail. With k = n it is p**n: the chance that n random windows are *all* positive.
    """
    n = check_int("n", n, 0, 10_000)
    k = check_int("k", k, 0, n)
    p = check_number("p", p, 0, 1, allowed="a probability from 0 to 1")
    return float(sum(math.comb(n, j) * p ** j * (1 - p) ** (n - j) for j in range(k, n + 1)))


# ---------------------------------------------------------------------------
# Monthly returns and the bootstrap
# ---------------------------------------------------------------------------
def monthly_returns(prices: pd.Series) -> pd.Series:
    """Calendar-month returns (fractions) from month-end closes, complete months only.

    A month's close is its last close, and the month counts only if that close is in the last 7
    days of the month (so a snapshot ending on the 5th drops its last, partial month). A return
    needs the closes of two consecutive months. Indexed by month end.
    """
    s = check_prices(prices)
    months = s.index.to_period("M")
    last = s.groupby(months).last()
    last_day = pd.Series(s.index, index=s.index).groupby(months).max()
    complete = (last_day.dt.days_in_month - last_day.dt.day).to_numpy() < 7
    month_end = last[complete]
    periods = month_end.index
    ordinal = np.asarray(periods.year * 12 + periods.month)
    consecutive = np.diff(ordinal) == 1
    values = month_end.to_numpy()
    rets = values[1:] / values[:-1] - 1
    out = pd.Series(rets, index=periods[1:].to_timestamp(how="end").normalize(), name="return")
    out.index.name = "month_end"
    out = out[consecutive]
    if out.empty:
        raise ValueError(f"prices ({s.index[0]:%Y-%m-%d} to {s.index[-1]:%Y-%m-%d}) has no two consecutive "
                         "complete months; allowed: closes covering at least two whole calendar months")
    return out


def bootstrap_mean_interval(values: Any, reps: int = 10_000, level: float = 0.95,
                            seed: int = 0) -> tuple[float, float]:
    """Percentile-bootstrap interval (low, high) for the mean of ``values``, in their units.

    Resamples the values independently with replacement ``reps`` times
    (``np.random.default_rng(seed)``) and returns the (1−level)/2 and (1+level)/2 quantiles of
    the resampled means. NaNs are dropped. Unlike :func:`helpers.stats.bootstrap_mean_ci`, which
    returns ``(mean, low, high)`` and can resample blocks of consecutive values, this returns the
    interval only, always resamples single values (``block=1``: the same draws, so the same
    numbers), and keeps the lesson's limits (``reps`` 100 to 10,000, ``level`` 0.5 to below 1).
    """
    arr = check_numbers("values", values, min_len=2)
    reps = check_reps("reps", reps, arr.size)
    level = check_level(level)
    seed = check_seed("seed", seed, 2**32 - 1)
    _mean, lo, hi = _stats_bootstrap_mean_ci(arr, block=1, n_boot=reps, seed=seed, level=level)
    return lo, hi


def _boot_means(arr: np.ndarray, reps: int, rng: np.random.Generator) -> np.ndarray:
    return arr[rng.integers(0, arr.size, size=(reps, arr.size))].mean(axis=1)


def contrast_interval(a: np.ndarray, b: np.ndarray, reps: int, level: float, seed: int) -> tuple[float, float]:
    """Percentile-bootstrap interval of mean(a) − mean(b), each group resampled on its own (one rng)."""
    rng = np.random.default_rng(seed)
    d = _boot_means(a, reps, rng) - _boot_means(b, reps, rng)
    lo, hi = np.quantile(d, [(1 - level) / 2, (1 + level) / 2])
    return float(lo), float(hi)


def check_months(name: str, months: Any) -> list[int]:
    """A group of calendar months (1-12), between 1 and 11 of them, sorted and without repeats."""
    group = sorted(set(check_ints(name, months, 1, 12, unique=False,
                                  allowed="a list of calendar months 1-12 such as [11, 12]")))
    if len(group) == 12:
        raise ValueError(f"{name}={shown(months)} names all 12 months; allowed: between 1 and 11 calendar months "
                         "(the others are the comparison)")
    return group
