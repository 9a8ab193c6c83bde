"""Event studies by name: an asset's forward returns after a pivot set, placed in its base rate.

Each function takes an asset (``btc``, ``eth``, ``sp500``, ``nasdaq``) and a pivot set by name and
gets the closes from :func:`helpers.events.inputs` (cached per asset).
"""
from __future__ import annotations

from typing import Any, Iterable

import numpy as np
import pandas as pd

from helpers.events._compute import (
    ASSETS, BASES, HORIZONS, MAX_SHIFT_DAYS, PIVOT_SETS, chance_at_least, check_horizon, check_horizons,
    forward_returns_at, percentiles_in, windows,
)
from helpers.events._inputs import base_windows, closes
from helpers.events._pivots import check_pivot_args, pivot_base, pivots_of
from helpers.validate import check_choice, check_choices, check_date, check_ints


def prices(asset: str) -> pd.Series:
    """Daily closes of one asset (``btc``, ``eth``, ``sp500``, ``nasdaq``), missing days dropped."""
    return closes(check_choice("asset", asset, ASSETS))


def base_distribution(asset: str, months: int) -> np.ndarray:
    """Sorted returns (fractions) of all ``months``-long windows of one asset (a copy of a cached array)."""
    return base_windows(check_choice("asset", asset, ASSETS), check_horizon("months", months))


def base_rate(asset: str, months: int) -> dict[str, Any]:
    """Base rate of one asset for ``months``-long windows.

    Returns ``n_windows``, ``first_start``/``last_start`` (dates of the first and last window
    start), ``median_pct``, ``mean_pct``, ``share_positive`` (fraction), ``p10_pct``, ``p90_pct``.
    """
    asset, months = check_choice("asset", asset, ASSETS), check_horizon("months", months)
    arr = base_windows(asset, months)
    s = closes(asset)
    starts = windows(s, s.index + pd.DateOffset(months=months)).index
    return {
        "asset": asset, "months": months, "n_windows": int(arr.size),
        "first_start": starts[0], "last_start": starts[-1],
        "median_pct": float(100 * np.median(arr)), "mean_pct": float(100 * arr.mean()),
        "share_positive": float((arr > 0).mean()),
        "p10_pct": float(100 * np.quantile(arr, 0.10)), "p90_pct": float(100 * np.quantile(arr, 0.90)),
    }


def study_rows(asset: str, ps: pd.DataFrame, hs: Iterable[int]) -> pd.DataFrame:
    s = closes(asset)
    idx = s.index
    dates = pd.DatetimeIndex(ps["date"])
    inside = np.asarray((dates >= idx[0]) & (dates <= idx[-1]))
    starts = pd.Series(pd.NaT, index=range(len(dates)), dtype="datetime64[us]")
    if inside.any():
        starts[inside] = idx[idx.searchsorted(dates[inside])]
    parts = []
    for h in hs:
        dist = base_windows(asset, h)
        r = forward_returns_at(s, dates, h)
        parts.append(pd.DataFrame({
            "label": ps["label"].to_numpy(), "date": dates, "start": starts.to_numpy(), "months": h,
            "return_pct": 100 * r, "percentile": percentiles_in(r, dist),
            "base_median_pct": float(100 * np.median(dist)),
            "base_share_positive": float((dist > 0).mean()),
        }))
    return pd.concat(parts, ignore_index=True)


def event_study(asset: str, pivots: str, horizons: Iterable[int] = HORIZONS, basis: str = "announced",
                shift_days: int = 0) -> pd.DataFrame:
    """Forward returns of ``asset`` after each pivot of set ``pivots``, placed in the base rate.

    One row per pivot and horizon: ``label``, ``date`` (used), ``start`` (first close used, NaT
    if the date is outside the data), ``months``, ``return_pct`` (NaN if the window is not in
    the data), ``percentile`` (0-100 among all same-length windows), ``base_median_pct``,
    ``base_share_positive`` (fraction).
    """
    check_choice("asset", asset, ASSETS)
    pivots, basis, shift = check_pivot_args(pivots, basis, shift_days)
    hs = check_horizons("horizons", horizons)
    return study_rows(asset, pivots_of(pivots, basis, shift), hs)


def summarise(es: pd.DataFrame) -> pd.DataFrame:
    """Per horizon of an :func:`event_study` frame: counts, means and the chance of as many positives."""
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
    return summarise(event_study(asset, pivots, horizons, basis, shift_days))


def shift_curve(asset: str, pivots: str, horizons: Iterable[int] = HORIZONS,
                shifts: Iterable[int] = range(-90, 91, 5), basis: str = "announced") -> pd.DataFrame:
    """Forward returns of each pivot when its date is moved by each of ``shifts`` (calendar days).

    Long table: ``label``, ``shift_days``, ``months``, ``return_pct``, ``percentile``,
    ``base_median_pct`` (the median of all windows of that length). For the date-shift slider
    chart (:func:`shift_chart`; precomputed, so the chart works without a kernel).
    """
    check_choice("asset", asset, ASSETS)
    pivots, basis, _shift = check_pivot_args(pivots, basis, 0)
    hs = check_horizons("horizons", horizons)
    shifts = list(check_ints("shifts", shifts, -MAX_SHIFT_DAYS, MAX_SHIFT_DAYS,
                             allowed=f"a list of calendar-day shifts such as range(-90, 91, 5), each from "
                                     f"-{MAX_SHIFT_DAYS} to {MAX_SHIFT_DAYS}"))
    base = pivots_of(pivots, basis, 0)
    s = closes(asset)
    labels = np.repeat(base["label"].to_numpy(), len(shifts))
    offsets = np.tile(np.asarray(shifts), len(base))
    dates = pd.DatetimeIndex(np.repeat(base["date"].to_numpy(), len(shifts))) + pd.to_timedelta(offsets, unit="D")
    parts = []
    for h in hs:
        dist = base_windows(asset, h)
        r = forward_returns_at(s, dates, h)
        parts.append(pd.DataFrame({"label": labels, "shift_days": offsets, "months": h,
                                   "return_pct": 100 * r, "percentile": percentiles_in(r, dist),
                                   "base_median_pct": float(100 * np.median(dist))}))
    return pd.concat(parts, ignore_index=True)


def selection_table(asset: str, months: int, sets: Iterable[str] | None = None) -> pd.DataFrame:
    """The verdict under each choice of pivots: every pivot set × announced/effective dates.

    Columns: ``pivots``, ``basis``, ``n``, ``n_positive``, ``mean_return_pct``, ``mean_percentile``,
    ``chance_random`` (see :func:`study_summary`). ``sets`` (default: all of ``PIVOT_SETS``) picks some.
    """
    check_choice("asset", asset, ASSETS)
    months = check_horizon("months", months)
    names = list(PIVOT_SETS) if sets is None else list(check_choices("sets", sets, PIVOT_SETS))
    rows = []
    for name in names:
        for basis in BASES:
            sm = summarise(study_rows(asset, pivots_of(name, basis, 0), (months,))).loc[months]
            rows.append({"pivots": name, "basis": basis, "n": int(sm["n"]), "n_positive": int(sm["n_positive"]),
                         "mean_return_pct": sm["mean_return_pct"], "mean_percentile": sm["mean_percentile"],
                         "chance_random": sm["chance_random"]})
    return pd.DataFrame(rows)


def _return_since(asset: str, ts: pd.Timestamp) -> dict[str, Any]:
    s = closes(asset)
    i = s.index.searchsorted(ts)
    start_used, end = s.index[i], s.index[-1]
    days = int((end - start_used).days)
    r = float(s.iloc[-1] / s.iloc[i] - 1)
    same_length = np.sort(windows(s, s.index + pd.Timedelta(days=days)).to_numpy())
    pct = float(percentiles_in(np.array([r]), same_length)[0])
    return {"asset": asset, "start_used": start_used, "end": end, "days": days,
            "return_pct": 100 * r, "percentile": pct}


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
    return _return_since(asset, ts)


def out_of_sample_table(announced: str = "2025-10-29", effective: str = "2025-12-01") -> pd.DataFrame:
    """Each asset's return from an event's announcement and effective dates to its last close.

    One row per asset and date: ``asset``, ``from``, ``start`` (first close used), ``end`` (last
    close), ``days``, ``return_pct``, ``percentile`` (among all windows of the same number of
    calendar days). Defaults: the end of QT2 (announced 2025-10-29, runoff ended 2025-12-01). Both
    dates must fall inside every asset's data (from the latest first close to the day before the
    earliest last close).
    """
    spans = [closes(a).index for a in ASSETS]
    lo, hi = max(ix[0] for ix in spans), min(ix[-1] for ix in spans) - pd.Timedelta(days=1)
    dates = {label: check_date(label, when, lo, hi)
             for label, when in (("announced", announced), ("effective", effective))}
    rows = []
    for asset, name in ASSETS.items():
        for label, ts in dates.items():
            r = _return_since(asset, ts)
            rows.append({"asset": name, "from": f"{label} {ts:%Y-%m-%d}",
                         "start": f"{r['start_used']:%Y-%m-%d}", "end": f"{r['end']:%Y-%m-%d}",
                         "days": r["days"], "return_pct": round(r["return_pct"], 1),
                         "percentile": round(r["percentile"])})
    return pd.DataFrame(rows)


def explorer_data(basis: str = "announced") -> pd.DataFrame:
    """Percentile and return of every pivot × asset × horizon (rows with a full window only).

    Columns (short, to keep the chart small): ``a`` asset, ``p`` pivot set, ``h`` months,
    ``e`` pivot (date and kind), ``pct`` percentile, ``r`` return in percent. For :func:`explorer_chart`.
    """
    check_choice("basis", basis, BASES)
    sets = [pivots_of(name, basis, 0).assign(p=name) for name in PIVOT_SETS]
    allp = pd.concat(sets, ignore_index=True)
    dates = pd.DatetimeIndex(allp["date"])
    parts = []
    for asset in ASSETS:
        s = closes(asset)
        for h in HORIZONS:
            r = forward_returns_at(s, dates, h)
            ok = ~np.isnan(r)
            parts.append(pd.DataFrame({
                "a": asset, "p": allp["p"].to_numpy()[ok], "h": h,
                "e": allp["label"].str.slice(0, 10).to_numpy()[ok] + " " + allp["kind"].to_numpy()[ok],
                "pct": np.round(percentiles_in(r[ok], base_windows(asset, h)), 1),
                "r": np.round(100 * r[ok], 1)}))
    return pd.concat(parts, ignore_index=True)


def precompute() -> None:
    """Load the prices and build every asset's base-rate distributions once (so widgets answer fast)."""
    for asset in ASSETS:
        for months in HORIZONS:
            base_windows(asset, months)
    for name in PIVOT_SETS:
        pivot_base(name)
