"""Policy events and event studies: pivots, forward returns, base rates, seasonality.

Used by lesson 04 ("Historical pivots"). Statistical choices, stated once here and in the lesson:

* **Returns** are simple returns, ``price_end / price_start - 1``, as a *fraction* (0.25 = +25 %)
  unless a name ends in ``_pct`` (then percent).
* **Prices**: daily closes from the snapshot's ``markets`` table (BTC and ETH every calendar day,
  UTC close; S&P 500 and Nasdaq on trading days).
* **Alignment**: a window that starts on date *d* uses the first close **on or after** *d*, and ends
  at the first close on or after *d* + *N* calendar months (``pandas.DateOffset(months=N)``, so
  31 Jan + 1 month = 28/29 Feb). If *d* is before the asset's first close, or *d* + *N* months is
  after its last close, the return is NaN: the window is not in the data.
* **Base rate**: the returns of *every* window of the same length that fits in the asset's
  history, one starting on each day the asset has a close. These windows overlap, so they are not
  independent observations; they describe what "a random N-month window" looked like.
* **Percentile** of an event: the share of all same-length windows with a lower return, counting
  ties as half (mid-rank), in percent (0-100).
* **Chance of k-of-n positive**: treats the n events as independent random draws from the base
  distribution (a generous simplification: nearby events overlap) and uses the binomial formula.
* **Seasonality**: month-end to month-end returns of complete calendar months; the interval for
  each calendar month's mean is a percentile bootstrap (resampling the years with replacement,
  fixed seed).
"""
from __future__ import annotations

import math
import re
from functools import lru_cache
from typing import Any, Iterable

import numpy as np
import pandas as pd

from helpers.stats import bootstrap_mean_ci as _stats_bootstrap_mean_ci
from helpers.validate import check_choice, check_date, check_frame, check_int, check_number, check_seed
from helpers.data import CHECKED

__all__ = [
    "policy_phases",
    "ASSETS",
    "HORIZONS",
    "KINDS",
    "STANCES",
    "BASES",
    "PIVOT_SETS",
    "BENCH",
    "event_table",
    "effective_date",
    "table_pivots",
    "rate_turns",
    "pivot_set",
    "prices",
    "forward_return",
    "window_returns",
    "base_distribution",
    "percentile_of",
    "base_rate",
    "chance_at_least",
    "event_study",
    "study_summary",
    "study_report",
    "shift_curve",
    "selection_table",
    "return_since",
    "out_of_sample_table",
    "monthly_returns",
    "bootstrap_mean_ci",
    "seasonality",
    "season_contrast",
    "precompute",
]

ASSETS: dict[str, str] = {
    "btc": "Bitcoin (BTC)",
    "eth": "Ether (ETH)",
    "sp500": "S&P 500",
    "nasdaq": "Nasdaq Composite",
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

_ARTICLE_DATES = ("2019-07-31", "2020-03-15", "2024-09-18")
_ARTICLE_BTFP_DATES = ("2019-07-31", "2020-03-15", "2023-03-12")
_MAX_SHIFT_DAYS = 366


# ---------------------------------------------------------------------------
# Validation
# ---------------------------------------------------------------------------
def _check_horizon(months: Any) -> int:
    return check_int("months", months, 1, 120)


def _check_prices(prices: Any) -> pd.Series:
    if not isinstance(prices, pd.Series):
        raise TypeError(f"prices must be a pandas Series of closes indexed by date; got {type(prices).__name__}")
    if not isinstance(prices.index, pd.DatetimeIndex):
        raise TypeError("prices must be indexed by a DatetimeIndex; got "
                        f"{type(prices.index).__name__}")
    s = prices.dropna()
    if s.empty:
        raise ValueError("prices has no values (all NaN or empty); allowed: a series with at least one close")
    if not s.index.is_monotonic_increasing or s.index.has_duplicates:
        raise ValueError("prices must have strictly increasing dates; sort it and drop duplicate dates")
    if (s <= 0).any():
        raise ValueError("prices must be positive (closes in USD or index points); found a value <= 0")
    return s.astype("float64")


# ---------------------------------------------------------------------------
# The event table
# ---------------------------------------------------------------------------
@lru_cache(maxsize=1)
def _events() -> pd.DataFrame:
    from helpers.data import load

    return load("policy_events")


@lru_cache(maxsize=1)
def _rates() -> pd.DataFrame:
    from helpers.data import load

    return load("policy_rates")[["target_lower", "target_upper"]]


def event_table(kind: str | None = None, stance: str | None = None,
                events: pd.DataFrame | None = None) -> pd.DataFrame:
    """The policy-event table, optionally filtered by ``kind`` and/or ``stance``.

    Returns columns ``kind``, ``stance``, ``effective``, ``description``, ``checked``,
    ``source_url`` indexed by announcement date (US Eastern).
    """
    ev = _events() if events is None else events
    if not isinstance(ev, pd.DataFrame):
        raise TypeError(f"events must be the policy_events DataFrame; got {type(ev).__name__}")
    if kind is not None:
        check_choice("kind", kind, KINDS)
        ev = ev[ev["kind"] == kind]
    if stance is not None:
        check_choice("stance", stance, STANCES)
        ev = ev[ev["stance"] == stance]
    return ev[["kind", "stance", "effective", "description", "checked", "source_url"]].copy()


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
    m = re.fullmatch(r"(\d{4})-(\d{2})-(\d{2})", t)
    if m:
        out = pd.Timestamp(t)
    else:
        m = re.fullmatch(r"(mid-)?([a-z]{3})[a-z]* (\d{4})", t)
        if not m or m.group(2) not in _MONTHS:
            raise ValueError(f"text={text!r} is not an effective date this parser knows; allowed: "
                             "'YYYY-MM-DD', 'Mon YYYY', 'mid-Mon YYYY', or empty")
        out = pd.Timestamp(int(m.group(3)), _MONTHS[m.group(2)], 15 if m.group(1) else 1)
    return max(out, ann)


def table_pivots(events: pd.DataFrame | None = None,
                 kinds: Iterable[str] = POLICY_KINDS) -> pd.DataFrame:
    """Tightening-to-easing pivots found by rule in the event table.

    Rule: walk the events in date order, keeping only those whose ``kind`` is in ``kinds`` and
    whose stance is not neutral; a pivot is an **easing** event whose previous kept event was a
    **tightening** one. (The first event of the table is not a pivot: nothing precedes it.)
    Returns the pivot rows of the event table.
    """
    ev = _events() if events is None else events
    if not isinstance(ev, pd.DataFrame) or not {"kind", "stance"} <= set(ev.columns):
        raise TypeError("events must be the policy_events DataFrame (with 'kind' and 'stance' columns)")
    kinds = tuple(kinds)
    for k in kinds:
        check_choice("kinds (each)", k, KINDS)
    kept = ev[ev["kind"].isin(kinds) & (ev["stance"] != "neutral")].sort_index()
    previous = kept["stance"].shift(1)
    return kept[(kept["stance"] == "easing") & (previous == "tightening")].copy()


def rate_turns(rates: pd.DataFrame | None = None, events: pd.DataFrame | None = None) -> pd.DataFrame:
    """Every change of the target range, marked as first cut / last hike of a cycle.

    From the daily ``policy_rates`` table: ``effective`` is the first day FRED shows the new upper
    limit. ``announced`` is the date of the event-table row with the same new upper limit within
    the 7 days before (the FOMC statement); where the table has no such row, the day before the
    effective date (FOMC decisions take effect the next day). Columns: ``announced``,
    ``effective``, ``change`` (percentage points), ``first_cut``, ``last_hike``.
    """
    r = _rates() if rates is None else rates
    if not isinstance(r, pd.DataFrame) or "target_upper" not in r.columns:
        raise TypeError("rates must be the policy_rates DataFrame (with a 'target_upper' column)")
    ev = _events() if events is None else events
    upper = r["target_upper"].dropna()
    diff = upper.diff()
    changes = diff[diff.abs() > 1e-9]
    rows = []
    ev_rates = ev.dropna(subset=["target_upper"]) if "target_upper" in ev.columns else ev.iloc[:0]
    for eff, change in changes.items():
        cands = ev_rates[(ev_rates.index <= eff) & (ev_rates.index >= eff - pd.Timedelta(days=7))
                         & ((ev_rates["target_upper"] - upper[eff]).abs() < 1e-9)]
        announced = cands.index[-1] if len(cands) else eff - pd.Timedelta(days=1)
        rows.append({"announced": announced, "effective": eff, "change": float(change)})
    out = pd.DataFrame(rows, columns=["announced", "effective", "change"])
    sign = np.sign(out["change"])
    out["first_cut"] = (sign < 0) & (sign.shift(1) > 0)
    out["last_hike"] = (sign > 0) & (sign.shift(-1) < 0)
    return out


def _from_table(dates: Iterable[str], label_prefix: str = "") -> list[dict]:
    ev = _events()
    turns = rate_turns()
    rows = []
    for d in dates:
        ts = pd.Timestamp(d)
        if ts not in ev.index:
            raise ValueError(f"date {d} is not in the policy_events table")
        row = ev.loc[ts]
        eff = effective_date(row["effective"], ts)
        if not str(row["effective"]).strip():
            # a rate decision without an 'effective' entry takes effect when the new range starts
            match = turns[turns["announced"] == ts]
            if len(match):
                eff = match["effective"].iloc[0]
        rows.append({"announced": ts, "effective": eff, "kind": row["kind"],
                     "label": f"{label_prefix}{ts:%Y-%m-%d} {row['kind']}",
                     "source_url": row["source_url"], "checked": row["checked"]})
    return rows


@lru_cache(maxsize=None)
def _pivot_base(name: str) -> pd.DataFrame:
    ev = _events()
    if name == "article":
        rows = _from_table(_ARTICLE_DATES)
    elif name == "article_btfp":
        rows = _from_table(_ARTICLE_BTFP_DATES)
    elif name in ("qt_ends", "qe_starts"):
        kind = {"qt_ends": "qt_end", "qe_starts": "qe_start"}[name]
        rows = _from_table([f"{d:%Y-%m-%d}" for d in ev.index[ev["kind"] == kind]])
    elif name == "table_rule":
        rows = _from_table([f"{d:%Y-%m-%d}" for d in table_pivots(ev).index])
    else:  # rate-based sets
        turns = rate_turns()
        pick = {"first_cuts": turns["first_cut"], "last_hikes": turns["last_hike"],
                "all_cuts": turns["change"] < 0}[name]
        rows = []
        for _, t in turns[pick].iterrows():
            in_table = t["announced"] in ev.index
            rows.append({
                "announced": t["announced"], "effective": t["effective"],
                "kind": "cut" if t["change"] < 0 else "hike",
                "label": f"{t['announced']:%Y-%m-%d} {'cut' if t['change'] < 0 else 'hike'} "
                         f"{t['change']:+.2f} pp",
                "source_url": ev.loc[t["announced"], "source_url"] if in_table else "",
                "checked": ev.loc[t["announced"], "checked"] if in_table else "not in event table",
            })
    return pd.DataFrame(rows, columns=["announced", "effective", "kind", "label", "source_url", "checked"])


def pivot_set(name: str, basis: str = "announced", shift_days: int = 0) -> pd.DataFrame:
    """The pivots of one named set (see ``PIVOT_SETS``), with the date used for the event study.

    ``basis`` picks the announcement or the effective date; ``shift_days`` (−366…366) moves every
    date by that many calendar days (to test how fragile a result is to the choice of date).
    Columns: ``date`` (used), ``announced``, ``effective``, ``kind``, ``label``, ``source_url``,
    ``checked``.
    """
    check_choice("name", name, PIVOT_SETS)
    check_choice("basis", basis, BASES)
    shift = check_int("shift_days", shift_days, -_MAX_SHIFT_DAYS, _MAX_SHIFT_DAYS)
    out = _pivot_base(name).copy()
    out.insert(0, "date", out[basis] + pd.Timedelta(days=shift))
    return out


# ---------------------------------------------------------------------------
# Prices and forward returns
# ---------------------------------------------------------------------------
@lru_cache(maxsize=None)
def _prices(asset: str) -> pd.Series:
    from helpers.data import load

    return load("markets")[asset].dropna().astype("float64")


def prices(asset: str) -> pd.Series:
    """Daily closes of one asset (``btc``, ``eth``, ``sp500``, ``nasdaq``), missing days dropped."""
    check_choice("asset", asset, ASSETS)
    return _prices(asset).copy()


def _fwd(s: pd.Series, dates: pd.DatetimeIndex, months: int) -> np.ndarray:
    """Vectorised forward returns (fractions) of validated closes ``s`` from each of ``dates``."""
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
    last close.
    """
    s = _check_prices(prices)
    start_ts = check_date("start", start)
    months = _check_horizon(months)
    return float(_fwd(s, pd.DatetimeIndex([start_ts]), months)[0])


def window_returns(prices: pd.Series, months: int | None = None, days: int | None = None) -> pd.Series:
    """Returns (fractions) of every window of ``months`` calendar months (or ``days`` calendar days).

    One window starts on each date that has a close; the window ends at the first close on or
    after start + length. Windows running past the last close are left out. Indexed by start date.
    """
    s = _check_prices(prices)
    if (months is None) == (days is None):
        raise ValueError("give exactly one of months= or days= (the window length)")
    if months is not None:
        months = _check_horizon(months)
        ends = s.index + pd.DateOffset(months=months)
    else:
        days = check_int("days", days, 1, 3660)
        ends = s.index + pd.Timedelta(days=days)
    fits = ends <= s.index[-1]
    j = s.index.searchsorted(ends[fits], side="left")
    values = s.to_numpy()
    out = values[j] / values[fits] - 1.0
    return pd.Series(out, index=s.index[fits], name="return")


@lru_cache(maxsize=None)
def _base(asset: str, months: int) -> np.ndarray:
    arr = np.sort(window_returns(_prices(asset), months=months).to_numpy())
    arr.setflags(write=False)
    return arr


def base_distribution(asset: str, months: int) -> np.ndarray:
    """Sorted returns (fractions) of all ``months``-long windows of one asset (cached, read-only)."""
    check_choice("asset", asset, ASSETS)
    return _base(asset, _check_horizon(months))


def percentile_of(value: float, distribution: Any) -> float:
    """Where ``value`` sits in ``distribution``: percent of values below it, ties counted half.

    Returns a number from 0 to 100 (NaN if ``value`` is NaN). ``distribution`` is any 1-D array
    of numbers (NaNs ignored).
    """
    if isinstance(value, bool) or not isinstance(value, (int, float, np.integer, np.floating)):
        raise TypeError(f"value must be a number; got {type(value).__name__}")
    arr = np.asarray(distribution, dtype="float64")
    if arr.ndim != 1:
        raise ValueError(f"distribution must be 1-D; got {arr.ndim} dimensions")
    arr = np.sort(arr[~np.isnan(arr)])
    if arr.size == 0:
        raise ValueError("distribution has no values (empty or all NaN); allowed: at least one number")
    if math.isnan(float(value)):
        return float("nan")
    below = np.searchsorted(arr, value, side="left")
    not_above = np.searchsorted(arr, value, side="right")
    return float(100.0 * (below + 0.5 * (not_above - below)) / arr.size)


def base_rate(asset: str, months: int) -> dict[str, Any]:
    """Base rate of one asset for ``months``-long windows.

    Returns ``n_windows``, ``first_start``/``last_start`` (dates of the first and last window
    start), ``median_pct``, ``mean_pct``, ``share_positive`` (fraction), ``p10_pct``, ``p90_pct``.
    """
    arr = base_distribution(asset, months)
    starts = window_returns(_prices(asset), months=months).index
    return {
        "asset": asset, "months": int(months), "n_windows": int(arr.size),
        "first_start": starts[0], "last_start": starts[-1],
        "median_pct": float(100 * np.median(arr)), "mean_pct": float(100 * arr.mean()),
        "share_positive": float((arr > 0).mean()),
        "p10_pct": float(100 * np.quantile(arr, 0.10)), "p90_pct": float(100 * np.quantile(arr, 0.90)),
    }


def chance_at_least(k: int, n: int, p: float) -> float:
    """Probability that at least ``k`` of ``n`` independent windows are positive, each with chance ``p``.

    Binomial tail. With k = n it is p**n: the chance that n random windows are *all* positive.
    """
    n = check_int("n", n, 0, 10_000)
    k = check_int("k", k, 0, n)
    p = check_number("p", p, 0, 1, allowed="a probability from 0 to 1")
    return float(sum(math.comb(n, j) * p ** j * (1 - p) ** (n - j) for j in range(k, n + 1)))


# ---------------------------------------------------------------------------
# Event study
# ---------------------------------------------------------------------------
def _percentiles(values: np.ndarray, dist: np.ndarray) -> np.ndarray:
    """Mid-rank percentiles (0-100) of ``values`` in the sorted array ``dist`` (NaN stays NaN)."""
    below = np.searchsorted(dist, values, side="left")
    not_above = np.searchsorted(dist, values, side="right")
    out = 100.0 * (below + 0.5 * (not_above - below)) / dist.size
    return np.where(np.isnan(values), np.nan, out)


def event_study(asset: str, pivots: str, horizons: Iterable[int] = HORIZONS, basis: str = "announced",
                shift_days: int = 0) -> pd.DataFrame:
    """Forward returns of ``asset`` after each pivot of set ``pivots``, placed in the base rate.

    One row per pivot and horizon: ``label``, ``date`` (used), ``start`` (first close used, NaT
    if the date is outside the data), ``months``, ``return_pct`` (NaN if the window is not in
    the data), ``percentile`` (0-100 among all same-length windows), ``base_median_pct``,
    ``base_share_positive`` (fraction).
    """
    check_choice("asset", asset, ASSETS)
    hs = [_check_horizon(h) for h in horizons]
    if not hs:
        raise ValueError("horizons is empty; allowed: months such as (1, 3, 6, 12, 18)")
    ps = pivot_set(pivots, basis=basis, shift_days=shift_days)
    s = _prices(asset)
    idx = s.index
    dates = pd.DatetimeIndex(ps["date"])
    inside = np.asarray((dates >= idx[0]) & (dates <= idx[-1]))
    starts = pd.Series(pd.NaT, index=range(len(dates)), dtype="datetime64[us]")
    if inside.any():
        starts[inside] = idx[idx.searchsorted(dates[inside])]
    parts = []
    for h in hs:
        dist = _base(asset, h)
        r = _fwd(s, dates, h)
        parts.append(pd.DataFrame({
            "label": ps["label"].to_numpy(), "date": dates, "start": starts.to_numpy(), "months": h,
            "return_pct": 100 * r, "percentile": _percentiles(r, dist),
            "base_median_pct": float(100 * np.median(dist)),
            "base_share_positive": float((dist > 0).mean()),
        }))
    return pd.concat(parts, ignore_index=True)


def _summarise(es: pd.DataFrame) -> pd.DataFrame:
    months = es["months"].to_numpy()
    ret = es["return_pct"].to_numpy()
    pct = es["percentile"].to_numpy()
    med = es["base_median_pct"].to_numpy()
    share_all = es["base_share_positive"].to_numpy()
    rows = []
    for h in sorted(set(months.tolist())):
        at = months == h
        r, q = ret[at], pct[at]
        ok = ~np.isnan(r)
        n, k = int(ok.sum()), int((r[ok] > 0).sum())
        share = float(share_all[at][0])
        rows.append({
            "months": h, "n": n, "n_positive": k,
            "mean_return_pct": float(r[ok].mean()) if n else float("nan"),
            "median_return_pct": float(np.median(r[ok])) if n else float("nan"),
            "mean_percentile": float(q[ok].mean()) if n else float("nan"),
            "base_median_pct": float(med[at][0]),
            "base_share_positive": share,
            "chance_random": chance_at_least(k, n, share) if n else float("nan"),
        })
    return pd.DataFrame(rows).set_index("months")


def study_summary(asset: str, pivots: str, horizons: Iterable[int] = HORIZONS, basis: str = "announced",
                  shift_days: int = 0) -> pd.DataFrame:
    """Per horizon: how the pivots compare with the base rate.

    Columns: ``n`` (pivots with a full window), ``n_positive``, ``mean_return_pct``,
    ``median_return_pct``, ``mean_percentile``, ``base_median_pct``, ``base_share_positive``,
    ``chance_random`` (probability that at least ``n_positive`` of ``n`` random windows are
    positive, given the base rate; NaN when n = 0). Indexed by ``months``.
    """
    return _summarise(event_study(asset, pivots, horizons, basis, shift_days))


def _warning(n: int, n_total: int, months: int) -> str:
    if n == 0:
        return "No pivot of this set has a full window in the data for this asset and horizon."
    lines = []
    if n < n_total:
        lines.append(f"{n_total - n} of {n_total} pivots have no full {months}-month window in the data "
                     "(before the asset's first close or running past its last) and are left out.")
    if n < 10:
        lines.append(f"Small sample: n = {n}. With so few events no result here is statistically "
                     "significant; a different choice of dates can flip the verdict.")
    return "\n".join(lines)


def study_report(asset: str = "btc", pivots: str = "article", months: int = 12, basis: str = "announced",
                 shift_days: int = 0) -> str:
    """A plain-text report of one event-study setting (the lesson's widget prints this)."""
    months = _check_horizon(months)
    es = event_study(asset, pivots, (months,), basis, shift_days)
    sm = _summarise(es).loc[months]
    n, k = int(sm["n"]), int(sm["n_positive"])
    shifted = "" if shift_days == 0 else f", shifted {shift_days:+d} days"
    head = f"{ASSETS[asset]}: {months}-month returns after '{pivots}' pivots ({basis} dates{shifted})"
    lines = [head, "-" * len(head), f"{'pivot':<27} {'date used':<10} {'return':>9} {'percentile':>11}"]
    for r in es.itertuples():
        ret = "n/a" if math.isnan(r.return_pct) else f"{r.return_pct:+.1f}%"
        pct = "n/a" if math.isnan(r.percentile) else f"{r.percentile:.0f}"
        lines.append(f"{r.label[:27]:<27} {r.date:%Y-%m-%d} {ret:>9} {pct:>11}")
    lines.append("")
    lines.append(f"All {months}-month windows of {ASSETS[asset]}: median {sm['base_median_pct']:+.1f}%, "
                 f"{100 * sm['base_share_positive']:.0f}% of them positive.")
    if n:
        lines.append(f"Pivots: {k} of {n} positive; mean percentile {sm['mean_percentile']:.0f} (50 = typical). "
                     f"Chance that {k} or more of {n} random windows are positive: "
                     f"{100 * sm['chance_random']:.0f}%.")
    warning = _warning(n, len(es), months)
    if warning:
        lines += [""] + ["WARNING: " + w for w in warning.split("\n")]
    return "\n".join(lines)


def shift_curve(asset: str, pivots: str, horizons: Iterable[int] = HORIZONS,
                shifts: Iterable[int] = range(-90, 91, 5), basis: str = "announced") -> pd.DataFrame:
    """Forward returns of each pivot when its date is moved by each of ``shifts`` (calendar days).

    Long table: ``label``, ``shift_days``, ``months``, ``return_pct``, ``percentile``. For the
    date-shift slider chart (precomputed so the chart works without a kernel).
    """
    check_choice("asset", asset, ASSETS)
    hs = [_check_horizon(h) for h in horizons]
    shifts = [check_int("shifts (each)", x, -_MAX_SHIFT_DAYS, _MAX_SHIFT_DAYS) for x in shifts]
    if not shifts:
        raise ValueError("shifts is empty; allowed: calendar-day shifts such as range(-90, 91, 5)")
    base = pivot_set(pivots, basis=basis)
    s = _prices(asset)
    labels = np.repeat(base["label"].to_numpy(), len(shifts))
    offsets = np.tile(np.asarray(shifts), len(base))
    dates = pd.DatetimeIndex(np.repeat(base["date"].to_numpy(), len(shifts))) + pd.to_timedelta(offsets, unit="D")
    parts = []
    for h in hs:
        r = _fwd(s, dates, h)
        parts.append(pd.DataFrame({"label": labels, "shift_days": offsets, "months": h,
                                   "return_pct": 100 * r, "percentile": _percentiles(r, _base(asset, h))}))
    return pd.concat(parts, ignore_index=True)


def selection_table(asset: str, months: int, sets: Iterable[str] | None = None) -> pd.DataFrame:
    """The verdict under each choice of pivots: every pivot set × announced/effective dates.

    Columns: ``pivots``, ``basis``, ``n``, ``n_positive``, ``mean_return_pct``, ``mean_percentile``,
    ``chance_random`` (see :func:`study_summary`).
    """
    months = _check_horizon(months)
    names = list(PIVOT_SETS) if sets is None else [check_choice("sets (each)", x, PIVOT_SETS) for x in sets]
    rows = []
    for name in names:
        for basis in BASES:
            sm = study_summary(asset, name, (months,), basis).loc[months]
            rows.append({"pivots": name, "basis": basis, "n": int(sm["n"]), "n_positive": int(sm["n_positive"]),
                         "mean_return_pct": sm["mean_return_pct"], "mean_percentile": sm["mean_percentile"],
                         "chance_random": sm["chance_random"]})
    return pd.DataFrame(rows)


def return_since(asset: str, start: Any) -> dict[str, Any]:
    """What ``asset`` did from ``start`` to its last close in the snapshot.

    Returns ``start_used`` (first close on or after ``start``), ``end`` (last close), ``days``
    (calendar days between them), ``return_pct``, and ``percentile`` of that return among all
    windows of the same number of calendar days.
    """
    s = prices(asset)
    ts = check_date("start", start)
    if ts < s.index[0] or ts >= s.index[-1]:
        raise ValueError(f"start={ts:%Y-%m-%d} is outside {asset}'s data; allowed: "
                         f"{s.index[0]:%Y-%m-%d} to the day before {s.index[-1]:%Y-%m-%d}")
    i = s.index.searchsorted(ts)
    start_used, end = s.index[i], s.index[-1]
    days = int((end - start_used).days)
    r = float(s.iloc[-1] / s.iloc[i] - 1)
    pct = percentile_of(r, window_returns(s, days=days).to_numpy())
    return {"asset": asset, "start_used": start_used, "end": end, "days": days,
            "return_pct": 100 * r, "percentile": pct}


def out_of_sample_table(announced: str = "2025-10-29", effective: str = "2025-12-01") -> pd.DataFrame:
    """Each asset's return from an event's announcement and effective dates to its last close.

    One row per asset and date: ``asset``, ``from``, ``start`` (first close used), ``end`` (last
    close), ``days``, ``return_pct``, ``percentile`` (among all windows of the same number of
    calendar days). Defaults: the end of QT2 (announced 2025-10-29, runoff ended 2025-12-01).
    """
    rows = []
    for asset, name in ASSETS.items():
        for label, when in (("announced", announced), ("effective", effective)):
            r = return_since(asset, when)
            rows.append({"asset": name, "from": f"{label} {check_date(label, when):%Y-%m-%d}",
                         "start": f"{r['start_used']:%Y-%m-%d}", "end": f"{r['end']:%Y-%m-%d}",
                         "days": r["days"], "return_pct": round(r["return_pct"], 1),
                         "percentile": round(r["percentile"])})
    return pd.DataFrame(rows)


# ---------------------------------------------------------------------------
# Seasonality
# ---------------------------------------------------------------------------
def monthly_returns(prices: pd.Series) -> pd.Series:
    """Calendar-month returns (fractions) from month-end closes, complete months only.

    A month's close is its last close, and the month counts only if that close is in the last 7
    days of the month (so a snapshot ending on the 5th drops its last, partial month). A return
    needs the closes of two consecutive months. Indexed by month end.
    """
    s = _check_prices(prices)
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
    return out[consecutive]


def _check_level(level: Any) -> float:
    return check_number("level", level, 0.5, 1, open_hi=True, allowed="a number >= 0.5 and < 1, such as 0.95")


def _boot_means(arr: np.ndarray, reps: int, rng: np.random.Generator) -> np.ndarray:
    return arr[rng.integers(0, arr.size, size=(reps, arr.size))].mean(axis=1)


def bootstrap_mean_ci(values: Any, reps: int = 10_000, level: float = 0.95, seed: int = 0) -> tuple[float, float]:
    """Percentile-bootstrap interval for the mean of ``values`` (same units as ``values``).

    Resamples the values with replacement ``reps`` times (``np.random.default_rng(seed)``) and
    returns the (1−level)/2 and (1+level)/2 quantiles of the resampled means. NaNs are dropped.

    The resampling is :func:`helpers.stats.bootstrap_mean_ci` with ``block=1`` (the same draws, so
    the same numbers); this wrapper keeps the lesson's argument names and its stricter limits
    (``reps`` 100 to 1,000,000, ``level`` from 0.5 to below 1) and returns only the interval.
    """
    arr = np.asarray(values, dtype="float64")
    if arr.ndim != 1:
        raise ValueError(f"values must be 1-D; got {arr.ndim} dimensions")
    arr = arr[~np.isnan(arr)]
    if arr.size < 2:
        raise ValueError(f"values has {arr.size} non-missing numbers; allowed: at least 2")
    if np.isinf(arr).any():
        raise ValueError("values contains an infinite value; allowed: finite numbers (NaNs are dropped)")
    reps = check_int("reps", reps, 100, 1_000_000)
    level = _check_level(level)
    seed = check_seed("seed", seed, 2**32 - 1)
    _mean, lo, hi = _stats_bootstrap_mean_ci(arr, block=1, n_boot=reps, seed=seed, level=level)
    return lo, hi


def _contrast(a: np.ndarray, b: np.ndarray, reps: int, level: float, seed: int) -> tuple[float, float]:
    rng = np.random.default_rng(seed)
    d = _boot_means(a, reps, rng) - _boot_means(b, reps, rng)
    lo, hi = np.quantile(d, [(1 - level) / 2, (1 + level) / 2])
    return float(lo), float(hi)


def seasonality(asset: str = "btc", reps: int = 10_000, level: float = 0.95, seed: int = 0) -> pd.DataFrame:
    """Each calendar month's mean return, and how it differs from the other eleven months.

    Indexed by month number 1-12. Columns: ``month`` (name), ``n_years``, ``mean_pct``,
    ``median_pct``, ``share_positive`` (fraction), ``ci_low_pct``/``ci_high_pct`` (bootstrap
    interval of the month's mean), ``diff_pct`` (mean of this month minus mean of all other
    months), ``diff_low_pct``/``diff_high_pct`` (bootstrap interval of that difference, both
    groups resampled), ``differs`` (bool: the difference interval excludes zero). Month *m* uses
    seed ``seed + m``, so a month's result does not depend on the others.
    """
    check_choice("asset", asset, ASSETS)
    reps = check_int("reps", reps, 100, 1_000_000)
    level = _check_level(level)
    seed = check_seed("seed", seed, 2**32 - 13)
    m = monthly_returns(_prices(asset))
    rows = []
    for month in range(1, 13):
        inside = np.asarray(m.index.month == month)
        v, rest = m.to_numpy()[inside], m.to_numpy()[~inside]
        lo, hi = bootstrap_mean_ci(v, reps=reps, level=level, seed=seed + month)
        dlo, dhi = _contrast(v, rest, reps, level, seed + month)
        rows.append({"month_no": month, "month": pd.Timestamp(2001, month, 1).strftime("%b"),
                     "n_years": int(v.size), "mean_pct": 100 * v.mean(), "median_pct": 100 * np.median(v),
                     "share_positive": float((v > 0).mean()),
                     "ci_low_pct": 100 * lo, "ci_high_pct": 100 * hi,
                     "diff_pct": 100 * (v.mean() - rest.mean()),
                     "diff_low_pct": 100 * dlo, "diff_high_pct": 100 * dhi,
                     "differs": bool(dlo > 0 or dhi < 0)})
    return pd.DataFrame(rows).set_index("month_no")


def season_contrast(asset: str, months: Iterable[int], reps: int = 10_000, level: float = 0.95,
                    seed: int = 0) -> dict[str, Any]:
    """Mean monthly return in ``months`` minus the mean in all other months, with a bootstrap interval.

    Resamples the in-group and out-of-group monthly returns separately (``seed``). Returns
    ``in_mean_pct``, ``out_mean_pct``, ``diff_pct``, ``ci_low_pct``, ``ci_high_pct``, ``n_in``,
    ``n_out`` (percent and counts of months).
    """
    check_choice("asset", asset, ASSETS)
    if isinstance(months, (str, bytes)) or not isinstance(months, Iterable):
        raise TypeError(f"months must be a list of calendar months 1-12 such as [11, 12]; got {type(months).__name__}")
    group = sorted({check_int("months (each)", x, 1, 12) for x in months})
    if not group or len(group) == 12:
        raise ValueError(f"months={group!r}: give between 1 and 11 calendar months (1-12)")
    reps = check_int("reps", reps, 100, 1_000_000)
    level = _check_level(level)
    seed = check_seed("seed", seed, 2**32 - 1)
    m = monthly_returns(_prices(asset))
    inside = np.asarray(m.index.month.isin(group))
    a, b = m.to_numpy()[inside], m.to_numpy()[~inside]
    lo, hi = _contrast(a, b, reps, level, seed)
    return {"asset": asset, "months": group, "n_in": int(a.size), "n_out": int(b.size),
            "in_mean_pct": float(100 * a.mean()), "out_mean_pct": float(100 * b.mean()),
            "diff_pct": float(100 * (a.mean() - b.mean())), "ci_low_pct": 100 * lo, "ci_high_pct": 100 * hi}


# ---------------------------------------------------------------------------
# QE / QT phases (used by every chart that shades them)
# ---------------------------------------------------------------------------
def policy_phases(events: pd.DataFrame, end: Any) -> pd.DataFrame:
    """QE / QT / reserve-management phases as date ranges, derived from ``policy_events``.

    A QE phase runs from a ``qe_start`` to the next ``qe_end`` or ``taper`` end marker (here:
    ``qe_end`` or a ``qt_start``); a QT phase from the *effective* month of ``qt_start`` to the
    effective date of ``qt_end``; a reserve-management (bill purchase) phase from ``rmp`` to the
    next ``qe_start`` or ``end`` (the last date a chart shows, e.g. the balance sheet's last week). Returns columns ``phase``, ``start``, ``end``, ``label``.
    """
    ev = check_frame("events", events, ("kind",))
    end_ts = check_date("end", end)

    def eff(row_date: pd.Timestamp, effective: str, month_end: bool = False) -> pd.Timestamp:
        # "2025-12-01" -> that day; "Mar 2022" -> the month's first (or last) day; else the announcement.
        text = str(effective or "").strip()
        for fmt in ("%Y-%m-%d", "%b %Y"):
            try:
                ts = pd.to_datetime(text, format=fmt)
            except (ValueError, TypeError):
                continue
            if pd.isna(ts):
                continue
            return ts + pd.offsets.MonthEnd(0) if (fmt == "%b %Y" and month_end) else ts
        return row_date

    rows = []
    open_qe = open_qt = open_rmp = None
    for date, row in ev.sort_index().iterrows():
        kind = row["kind"]
        if kind == "qe_start" and open_qe is None:
            open_qe = date
        elif kind in ("qe_end",) and open_qe is not None:
            rows.append(("QE", open_qe, eff(date, row.get("effective", ""), month_end=True)))
            open_qe = None
        elif kind == "qt_start":
            if open_qe is not None:  # QE in 2020-22 ended with the taper before QT started
                rows.append(("QE", open_qe, date))
                open_qe = None
            open_qt = eff(date, row.get("effective", ""))
        elif kind == "qt_end" and open_qt is not None:
            rows.append(("QT", open_qt, eff(date, row.get("effective", ""))))
            open_qt = None
        elif kind == "rmp":
            open_rmp = eff(date, row.get("effective", ""))
        if kind == "qe_start" and open_rmp is not None:
            rows.append(("Reserve mgmt", open_rmp, date))
            open_rmp = None
    if open_rmp is not None:
        rows.append(("Reserve mgmt", open_rmp, end_ts))
    if open_qe is not None:
        rows.append(("QE", open_qe, end_ts))
    if open_qt is not None:
        rows.append(("QT", open_qt, end_ts))
    out = pd.DataFrame(rows, columns=["phase", "start", "end"])
    out["label"] = out["phase"] + " " + out["start"].dt.strftime("%Y")
    return out.sort_values("start").reset_index(drop=True)



def precompute() -> None:
    """Load the prices and build every asset's base-rate distributions once (so widgets answer fast)."""
    for asset in ASSETS:
        for months in HORIZONS:
            _base(asset, months)
    for name in PIVOT_SETS:
        _pivot_base(name)


# Widget callbacks' compute functions with a typical setting (timed by tools/bench.py).
BENCH = {
    "study_report": (study_report, {"asset": "btc", "pivots": "article", "months": 12,
                                    "basis": "announced", "shift_days": 0}),
    "study_report_shifted": (study_report, {"asset": "nasdaq", "pivots": "all_cuts", "months": 6,
                                            "basis": "effective", "shift_days": -30}),
    "event_table": (event_table, {"kind": "qt_end", "stance": None}),
}


# ---------------------------------------------------------------------------
# Charts (Altair; drawn by the course renderer set up with helpers.setup())
# ---------------------------------------------------------------------------
STANCE_COLORS = {"easing": "#0072B2", "tightening": "#D55E00", "neutral": "#999999"}
SOURCE_EVENTS = "Sources: Federal Reserve press releases (policy_events.csv); FRED; Yahoo Finance (BTC, ETH)"
SOURCE_MARKETS = "Source: Liquidity Lab snapshot (FRED: SP500, NASDAQCOM; Yahoo Finance: BTC-USD, ETH-USD)"


def _source(asset: str) -> str:
    where = {"btc": "Yahoo Finance BTC-USD", "eth": "Yahoo Finance ETH-USD", "sp500": "FRED SP500",
             "nasdaq": "FRED NASDAQCOM"}[asset]
    return f"Source: Liquidity Lab snapshot ({where})"


def _fmt_pct(x: float) -> str:
    return f"{x:+.0f}%"


def timeline_chart(events: pd.DataFrame | None = None):
    """Every policy event on a time line by kind, coloured by stance; a menu picks one kind.

    The menu is a Vega selection (works without a kernel); click a point to open its primary source.
    """
    import altair as alt
    from helpers.charts import with_source

    ev = _events() if events is None else events
    if not isinstance(ev, pd.DataFrame) or "kind" not in ev.columns:
        raise TypeError("events must be the policy_events DataFrame")
    df = ev.reset_index()[["date", "kind", "stance", "description", "checked", "source_url"]].copy()
    df["date"] = df["date"].dt.strftime("%Y-%m-%d")
    df["description"] = df["description"].str.slice(0, 140)
    kinds = [k for k in KINDS if k in set(df["kind"])]
    pick = alt.selection_point(fields=["kind"], name="kind_pick",
                               bind=alt.binding_select(options=[None, *kinds], labels=["all", *kinds],
                                                       name="Kind of event "))
    n_ease = int((df["stance"] == "easing").sum())
    n_tight = int((df["stance"] == "tightening").sum())
    chart = (
        alt.Chart(df)
        .mark_point(filled=True, size=110)
        .encode(
            x=alt.X("date:T", title="Announcement date (US Eastern)", axis=alt.Axis(format="%Y")),
            y=alt.Y("kind:N", sort=kinds, title="Kind of event"),
            color=alt.Color("stance:N", title="Stance",
                            scale=alt.Scale(domain=list(STANCE_COLORS), range=list(STANCE_COLORS.values()))),
            shape=alt.Shape("checked:N", title="How it was checked",
                            scale=alt.Scale(domain=list(CHECKED), range=["circle", "square", "triangle-up"])),
            opacity=alt.condition(pick, alt.value(0.95), alt.value(0.12)),
            href="source_url:N",
            tooltip=[alt.Tooltip("date:N", title="announced"), "kind:N", "stance:N", "description:N",
                     "checked:N", alt.Tooltip("source_url:N", title="primary source")],
        )
        .add_params(pick)
        .properties(height=340, title=f"{len(df)} Fed policy events, {df['date'].iloc[0][:4]}–"
                                      f"{df['date'].iloc[-1][:4]}: {n_ease} easing, {n_tight} tightening, "
                                      "in runs")
    )
    return with_source(chart, SOURCE_EVENTS.split(";")[0] + " (click a point to open it)")


def base_histogram_chart(asset: str = "btc", months: int = 12, pivots: str = "article",
                         basis: str = "announced"):
    """The distribution of all ``months``-long windows of ``asset`` (growth multiple, log scale),
    with each pivot's window marked and its percentile in the title."""
    import altair as alt
    from helpers.charts import PALETTE, with_source

    months = _check_horizon(months)
    dist = base_distribution(asset, months)
    es = event_study(asset, pivots, (months,), basis).dropna(subset=["return_pct"])
    logm = np.log10(1 + dist)
    edges = np.linspace(logm.min(), logm.max(), 41)
    counts, _ = np.histogram(logm, bins=edges)
    bars = pd.DataFrame({"lo": 10 ** edges[:-1], "hi": 10 ** edges[1:],
                         "share": np.round(100 * counts / dist.size, 2)})
    ev = pd.DataFrame({"multiple": np.round(1 + es["return_pct"].to_numpy() / 100, 3),
                       "label": [f"{d:%Y-%m-%d} (p{p:.0f})" for d, p in zip(es["date"], es["percentile"])],
                       "ret": [_fmt_pct(x) for x in es["return_pct"]],
                       "pct": np.round(es["percentile"].to_numpy(), 0),
                       "ypos": [10 + 16 * (i % 4) for i in range(len(es))]})
    med = pd.DataFrame({"multiple": [round(float(1 + np.median(dist)), 3)], "what": ["median of all windows"]})
    x = alt.X("lo:Q", scale=alt.Scale(type="log", domain=[float(bars["lo"].min()), float(bars["hi"].max())],
                                      nice=False),
              title=f"{months}-month growth multiple, log scale (1 = no change, 2 = +100%)")
    hist = alt.Chart(bars).mark_rect(color="#BBBBBB").encode(
        x=x, x2="hi:Q", y=alt.Y("share:Q", title="Share of all windows (%)"),
        tooltip=[alt.Tooltip("lo:Q", format=".2f", title="from ×"), alt.Tooltip("hi:Q", format=".2f", title="to ×"),
                 alt.Tooltip("share:Q", title="% of windows")])
    rules = alt.Chart(ev).mark_rule(strokeWidth=3, color=PALETTE[3]).encode(
        x="multiple:Q", tooltip=["label:N", alt.Tooltip("ret:N", title="return"),
                                 alt.Tooltip("pct:Q", title="percentile")])
    labels = alt.Chart(ev).mark_text(align="left", dx=4, baseline="middle", color=PALETTE[3], fontSize=12).encode(
        x="multiple:Q", y=alt.Y("ypos:Q", scale=None), text="label:N")
    median = alt.Chart(med).mark_rule(strokeDash=[5, 4], color="#000000").encode(x="multiple:Q", tooltip=["what:N"])
    pcts = ", ".join(f"{p:.0f}" for p in es["percentile"])
    title = alt.TitleParams(
        text=f"{ASSETS[asset]}: the '{pivots}' pivots sit at percentiles {pcts} of all {months}-month windows",
        subtitle=[f"Grey: all {dist.size:,} overlapping {months}-month windows; solid lines: the pivots "
                  "(p = percentile); dashed: the median window"])
    return with_source((hist + median + rules + labels).properties(height=280, title=title), _source(asset))


def explorer_data(basis: str = "announced") -> pd.DataFrame:
    """Percentile and return of every pivot × asset × horizon (rows with a full window only).

    Columns (short, to keep the chart small): ``a`` asset, ``p`` pivot set, ``h`` months,
    ``e`` pivot (date and kind), ``pct`` percentile, ``r`` return in percent.
    """
    check_choice("basis", basis, BASES)
    sets = [pivot_set(name, basis=basis).assign(p=name) for name in PIVOT_SETS]
    allp = pd.concat(sets, ignore_index=True)
    dates = pd.DatetimeIndex(allp["date"])
    parts = []
    for asset in ASSETS:
        s = _prices(asset)
        for h in HORIZONS:
            r = _fwd(s, dates, h)
            ok = ~np.isnan(r)
            parts.append(pd.DataFrame({
                "a": asset, "p": allp["p"].to_numpy()[ok], "h": h,
                "e": allp["label"].str.slice(0, 10).to_numpy()[ok] + " " + allp["kind"].to_numpy()[ok],
                "pct": np.round(_percentiles(r[ok], _base(asset, h)), 1),
                "r": np.round(100 * r[ok], 1)}))
    return pd.concat(parts, ignore_index=True)


def explorer_chart(asset: str = "btc", pivots: str = "article"):
    """Percentile of each pivot's forward return among all same-length windows, by horizon.

    Menus (Vega parameters, no kernel needed) pick the asset and the pivot set.
    """
    import altair as alt
    from helpers.charts import PALETTE, with_source

    check_choice("asset", asset, ASSETS)
    check_choice("pivots", pivots, PIVOT_SETS)
    df = explorer_data()
    distinct = df.drop_duplicates(["a", "h", "e"])  # an event in several sets counts once
    top, bottom = float((distinct["pct"] > 75).mean()), float((distinct["pct"] < 25).mean())
    a = alt.param(name="asset_pick", value=asset,
                  bind=alt.binding_select(options=list(ASSETS), labels=list(ASSETS.values()), name="Asset "))
    p = alt.param(name="set_pick", value=pivots,
                  bind=alt.binding_select(options=list(PIVOT_SETS), name="Pivot set "))
    base = alt.Chart(df).transform_filter("datum.a == asset_pick && datum.p == set_pick")
    x = alt.X("h:O", title="Months after the pivot")
    band = alt.Chart(pd.DataFrame({"lo": [25], "hi": [75]})).mark_rect(color="#EEEEEE").encode(
        y=alt.Y("lo:Q"), y2="hi:Q")
    mid = alt.Chart(pd.DataFrame({"y": [50]})).mark_rule(color="#777777", strokeDash=[4, 3]).encode(y="y:Q")
    pts = base.mark_circle(size=90, opacity=0.85).encode(
        x=x, y=alt.Y("pct:Q", scale=alt.Scale(domain=[0, 100]),
                     title="Percentile among all windows of that length"),
        color=alt.Color("pos:N", title="Return after the pivot",
                        scale=alt.Scale(domain=["positive", "negative"], range=[PALETTE[0], PALETTE[3]])),
        tooltip=[alt.Tooltip("e:N", title="pivot"), alt.Tooltip("h:O", title="months"),
                 alt.Tooltip("r:Q", title="return, %"), alt.Tooltip("pct:Q", title="percentile")],
    ).transform_calculate(pos="datum.r > 0 ? 'positive' : 'negative'")
    mean = base.mark_line(color="#000000", point=alt.OverlayMarkDef(color="#000000")).encode(
        x=x, y="mean(pct):Q")
    chart = (band + mid + pts + mean).add_params(a, p).properties(
        width=640, height=300,
        title=alt.TitleParams(
            text=[f"Across all assets, pivots and horizons, {top:.0%} of pivot windows beat three quarters",
                  f"of all windows (25% would by chance); {bottom:.0%} were in the bottom quarter"],
            subtitle=["Dots: one pivot each; black line: their mean percentile; grey band: the middle half of all "
                      "windows (25th-75th percentile)", "Pick an asset and a pivot set in the menus under the chart"]))
    return with_source(chart, SOURCE_MARKETS)


def shift_chart(asset: str = "btc", pivots: str = "article", step: int = 5):
    """Forward return of each pivot as its date moves −90…+90 days; a slider picks the shift and
    buttons pick the horizon (Vega parameters: no kernel needed)."""
    import altair as alt
    from helpers.charts import PALETTE, with_source

    step = check_int("step", step, 1, 30)
    sc = shift_curve(asset, pivots, HORIZONS, range(-90, 91, step))
    df = pd.DataFrame({"e": sc["label"].str.slice(0, 10), "s": sc["shift_days"], "h": sc["months"],
                       "r": np.round(sc["return_pct"], 1)}).dropna()
    med = pd.DataFrame({"h": list(HORIZONS),
                        "m": [round(float(100 * np.median(_base(asset, h))), 1) for h in HORIZONS]})
    twelve = sc[sc["months"] == 12].groupby("shift_days")["return_pct"].mean()
    shift = alt.param(name="shift", value=0,
                      bind=alt.binding_range(min=-90, max=90, step=step, name="Shift every pivot date (days) "))
    horizon = alt.param(name="horizon", value=12,
                        bind=alt.binding_radio(options=list(HORIZONS), name="Months after the pivot "))
    base = alt.Chart(df).transform_filter("datum.h == horizon")
    color = alt.Color("e:N", title="Pivot", scale=alt.Scale(range=PALETTE))
    lines = base.mark_line(strokeWidth=2).encode(
        x=alt.X("s:Q", title="Shift of the pivot date (calendar days; 0 = the date as announced)"),
        y=alt.Y("r:Q", title="Forward return (%)"), color=color)
    dots = base.transform_filter("datum.s == shift").mark_point(size=120, filled=True).encode(
        x="s:Q", y="r:Q", color=color,
        tooltip=[alt.Tooltip("e:N", title="pivot"), alt.Tooltip("s:Q", title="shift, days"),
                 alt.Tooltip("r:Q", title="return, %")])
    # the shift as a calculated field, not `datum: {expr}`: JupyterLab's bundled Vega-Lite 5.6
    # turns the latter into an empty extent and warns in the browser console
    rule = alt.Chart(pd.DataFrame({"one": [1]})).transform_calculate(s="shift").mark_rule(
        color="#777777").encode(x="s:Q")
    median = alt.Chart(med).transform_filter("datum.h == horizon").mark_rule(
        color="#000000", strokeDash=[5, 4]).encode(y="m:Q", tooltip=[alt.Tooltip("m:Q", title="median of all windows, %")])
    mean_text = base.transform_filter("datum.s == shift").transform_aggregate(
        mean="mean(r)", n="count()").transform_calculate(
        txt="'Mean of the pivots at this shift: ' + format(datum.mean, '+.0f') + '%'").mark_text(
        align="left", baseline="top", fontSize=13, fontWeight="bold").encode(
        x=alt.value(6), y=alt.value(6), text="txt:N")
    chart = (lines + median + rule + dots + mean_text).add_params(shift, horizon).properties(
        height=320,
        title=alt.TitleParams(
            text=f"{ASSETS[asset]}: move the '{pivots}' dates a few weeks and the 12-month average runs "
                 f"from {_fmt_pct(twelve.min())} to {_fmt_pct(twelve.max())}",
            subtitle=["Each line: one pivot's forward return if its date had been moved; dashed: the median "
                      "of all windows of that length"]))
    return with_source(chart, _source(asset))


def after_chart(announced: str = "2025-10-29", effective: str = "2025-12-01", start: str = "2025-07-01"):
    """The four assets indexed to 100 at the close on ``announced``, weekly, with both dates marked."""
    import altair as alt
    from helpers.charts import PALETTE, with_source

    ann, eff, first = (check_date(n, v) for n, v in
                       (("announced", announced), ("effective", effective), ("start", start)))
    parts, finals = [], {}
    for asset, name in ASSETS.items():
        s = _prices(asset)
        if ann < s.index[0] or ann >= s.index[-1]:
            continue
        level = 100 * s / s.iloc[s.index.searchsorted(ann)]
        weekly = level.loc[first:].resample("W-FRI").last().dropna()
        weekly = pd.concat([weekly, level.iloc[[-1]]])  # the last close itself
        weekly = weekly[~weekly.index.duplicated(keep="last")]
        finals[asset] = float(level.iloc[-1] - 100)
        parts.append(pd.DataFrame({"d": weekly.index.strftime("%Y-%m-%d"), "asset": name,
                                   "v": np.round(weekly.to_numpy(), 1)}))
    df = pd.concat(parts, ignore_index=True)
    marks = pd.DataFrame({"d": [f"{ann:%Y-%m-%d}", f"{eff:%Y-%m-%d}"],
                          "what": ["QT end announced", "runoff ends"]})
    lines = alt.Chart(df).mark_line().encode(
        x=alt.X("d:T", title=None), y=alt.Y("v:Q", title=f"Index, close on {ann:%Y-%m-%d} = 100"),
        color=alt.Color("asset:N", title=None, sort=list(ASSETS.values()), scale=alt.Scale(range=PALETTE)),
        tooltip=[alt.Tooltip("d:N", title="week to"), "asset:N", alt.Tooltip("v:Q", title="index")])
    rules = alt.Chart(marks).mark_rule(strokeDash=[4, 3], color="#555555").encode(x="d:T", tooltip=["what:N", "d:N"])
    marks["ypos"] = [4, 20]
    text = alt.Chart(marks).mark_text(align="left", dx=3, baseline="top", color="#555555").encode(
        x="d:T", y=alt.Y("ypos:Q", scale=None), text="what:N")
    hundred = alt.Chart(pd.DataFrame({"y": [100]})).mark_rule(color="#999999").encode(y="y:Q")
    title = alt.TitleParams(
        text=f"After QT ended: Bitcoin {_fmt_pct(finals['btc'])}, S&P 500 {_fmt_pct(finals['sp500'])} "
             "from the announcement to the end of the data",
        subtitle=["Weekly closes (Friday), each asset to its own last close in the snapshot"])
    return with_source((hundred + lines + rules + text).properties(height=300, title=title), SOURCE_MARKETS)


def seasonality_chart(table: pd.DataFrame, asset: str = "btc"):
    """Mean return of each calendar month with its bootstrap interval (``table`` from :func:`seasonality`)."""
    import altair as alt
    from helpers.charts import PALETTE, with_source

    check_choice("asset", asset, ASSETS)
    needed = {"month", "mean_pct", "ci_low_pct", "ci_high_pct", "n_years"}
    if not isinstance(table, pd.DataFrame) or not needed <= set(table.columns):
        raise TypeError("table must be the DataFrame returned by seasonality()")
    df = table.reset_index()[["month_no", "month", "n_years"]].copy()
    for c in ("mean_pct", "ci_low_pct", "ci_high_pct"):
        df[c] = table[c].round(1).to_numpy()
    df["claim"] = np.where(df["month_no"] <= 3, "Q1 (claimed inflows)",
                           np.where(df["month_no"] >= 11, "Nov–Dec (claimed tax-loss selling)", "other months"))
    m = monthly_returns(_prices(asset))
    overall = pd.DataFrame({"y": [round(100 * float(m.mean()), 1)], "what": ["mean of all months"]})
    months_order = list(df["month"])
    color = alt.Color("claim:N", title=None, legend=alt.Legend(labelLimit=400),
                      scale=alt.Scale(domain=["Q1 (claimed inflows)", "Nov–Dec (claimed tax-loss selling)",
                                              "other months"], range=[PALETTE[2], PALETTE[3], "#888888"]))
    x = alt.X("month:N", sort=months_order, title="Calendar month")
    bars = alt.Chart(df).mark_rule(strokeWidth=2).encode(
        x=x, y=alt.Y("ci_low_pct:Q", title="Mean monthly return (%), with 95% bootstrap interval"),
        y2="ci_high_pct:Q", color=color)
    pts = alt.Chart(df).mark_point(filled=True, size=90).encode(
        x=x, y="mean_pct:Q", color=color,
        tooltip=["month:N", alt.Tooltip("n_years:Q", title="years"), alt.Tooltip("mean_pct:Q", title="mean, %"),
                 alt.Tooltip("ci_low_pct:Q", title="interval from"), alt.Tooltip("ci_high_pct:Q", title="to")])
    zero = alt.Chart(pd.DataFrame({"y": [0]})).mark_rule(color="#000000").encode(y="y:Q")
    avg = alt.Chart(overall).mark_rule(strokeDash=[5, 4], color="#555555").encode(y="y:Q", tooltip=["what:N", "y:Q"])
    first, last = m.index[0], m.index[-1]
    title = alt.TitleParams(
        text=f"{ASSETS[asset]} by calendar month: every interval is wide and overlaps the others",
        subtitle=[f"Complete months {first:%b %Y}–{last:%b %Y}, {int(df['n_years'].min())}–"
                  f"{int(df['n_years'].max())} years per month; dashed: mean of all months"])
    return with_source((zero + avg + bars + pts).properties(width=640, height=300, title=title), _source(asset))
