"""Text reports of lesson 04 (the event-study panel prints these)."""
from __future__ import annotations

import math

from helpers.events._compute import ASSETS, check_horizon
from helpers.events._pivots import check_pivot_args, pivots_of
from helpers.events._study import study_rows, summarise
from helpers.validate import check_choice


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
    check_choice("asset", asset, ASSETS)
    months = check_horizon("months", months)
    pivots, basis, shift_days = check_pivot_args(pivots, basis, shift_days)
    es = study_rows(asset, pivots_of(pivots, basis, shift_days), (months,))
    sm = summarise(es).loc[months]
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
