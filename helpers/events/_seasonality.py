"""Seasonality by calendar month: each month's mean return with bootstrap intervals, and contrasts."""
from __future__ import annotations

from typing import Any, Iterable

import numpy as np
import pandas as pd

from helpers.events._compute import (
    ASSETS, bootstrap_mean_interval, check_level, check_months, check_reps, contrast_interval, monthly_returns,
)
from helpers.events._inputs import closes
from helpers.validate import check_choice, check_seed


def seasonality(asset: str = "btc", reps: int = 10_000, level: float = 0.95, seed: int = 0) -> pd.DataFrame:
    """Each calendar month's mean return, and how it differs from the other eleven months.

    Indexed by month number 1-12. Columns: ``month`` (name), ``n_years``, ``mean_pct``,
    ``median_pct``, ``share_positive`` (fraction), ``ci_low_pct``/``ci_high_pct`` (bootstrap
    interval of the month's mean), ``diff_pct`` (mean of this month minus mean of all other
    months), ``diff_low_pct``/``diff_high_pct`` (bootstrap interval of that difference, both
    groups resampled), ``differs`` (bool: the difference interval excludes zero). Month *m* uses
    seed ``seed + m``, so a month's result does not depend on the others. ``reps``: 100 to 10,000
    draws (the lesson uses 5,000).
    """
    check_choice("asset", asset, ASSETS)
    m = monthly_returns(closes(asset))
    reps = check_reps("reps", reps, len(m))
    level = check_level(level)
    seed = check_seed("seed", seed, 2**32 - 13)
    rows = []
    for month in range(1, 13):
        inside = np.asarray(m.index.month == month)
        v, rest = m.to_numpy()[inside], m.to_numpy()[~inside]
        lo, hi = bootstrap_mean_interval(v, reps=reps, level=level, seed=seed + month)
        dlo, dhi = contrast_interval(v, rest, reps, level, seed + month)
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
    ``n_out`` (percent and counts of months). ``reps``: 100 to 10,000 draws.
    """
    check_choice("asset", asset, ASSETS)
    group = check_months("months", months)
    m = monthly_returns(closes(asset))
    reps = check_reps("reps", reps, len(m))
    level = check_level(level)
    seed = check_seed("seed", seed, 2**32 - 1)
    inside = np.asarray(m.index.month.isin(group))
    a, b = m.to_numpy()[inside], m.to_numpy()[~inside]
    lo, hi = contrast_interval(a, b, reps, level, seed)
    return {"asset": asset, "months": group, "n_in": int(a.size), "n_out": int(b.size),
            "in_mean_pct": float(100 * a.mean()), "out_mean_pct": float(100 * b.mean()),
            "diff_pct": float(100 * (a.mean() - b.mean())), "ci_low_pct": 100 * lo, "ci_high_pct": 100 * hi}
