"""Text reports of lesson 04 (the event-study panel prints these)."""
from __future__ import annotations

import math
import unicodedata

from helpers.events._compute import ASSETS, check_horizon
from helpers.events._pivots import check_pivot_args, pivots_of
from helpers.events._study import study_rows, summarise
from helpers.i18n import gettext as _
from helpers.i18n import text
from helpers.validate import check_choice


def _width(s: str) -> int:
    """Columns ``s`` takes in a monospaced font (CJK characters take two)."""
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in s)


def _pad(s: str, width: int, right: bool = False) -> str:
    """``s`` padded with spaces to ``width`` columns (as ``f"{s:<width}"``, but counting wide characters as two)."""
    fill = " " * max(0, width - _width(s))
    return fill + s if right else s + fill


def _warning(n: int, n_total: int, months: int) -> str:
    if n == 0:
        return _("No pivot of this set has a full window in the data for this asset and horizon.")
    lines = []
    if n < n_total:
        lines.append(_("{missing} of {total} pivots have no full {months}-month window in the data "
                       "(before the asset's first close or running past its last) and are left out.").format(
            missing=n_total - n, total=n_total, months=months))
    if n < 10:
        lines.append(_("Small sample: n = {n}. With so few events no result here is statistically "
                       "significant; a different choice of dates can flip the verdict.").format(n=n))
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
    name = text(ASSETS[asset])
    if shift_days == 0:
        head = _("{asset}: {months}-month returns after '{pivots}' pivots ({basis} dates)").format(
            asset=name, months=months, pivots=pivots, basis=basis)
    else:
        head = _("{asset}: {months}-month returns after '{pivots}' pivots ({basis} dates, shifted {shift:+d} "
                 "days)").format(asset=name, months=months, pivots=pivots, basis=basis, shift=shift_days)
    header = " ".join([_pad(_("pivot"), 27), _pad(_("date used"), 10), _pad(_("return"), 9, right=True),
                       _pad(_("percentile"), 11, right=True)])
    lines = [head, "-" * _width(head), header]
    na = _("n/a")
    for r in es.itertuples():
        ret = na if math.isnan(r.return_pct) else f"{r.return_pct:+.1f}%"
        pct = na if math.isnan(r.percentile) else f"{r.percentile:.0f}"
        lines.append(f"{r.label[:27]:<27} {r.date:%Y-%m-%d} {_pad(ret, 9, right=True)} {_pad(pct, 11, right=True)}")
    lines.append("")
    lines.append(_("All {months}-month windows of {asset}: median {median:+.1f}%, "
                   "{share:.0f}% of them positive.").format(
        months=months, asset=name, median=sm["base_median_pct"], share=100 * sm["base_share_positive"]))
    if n:
        lines.append(_("Pivots: {k} of {n} positive; mean percentile {mean:.0f} (50 = typical). "
                       "Chance that {k} or more of {n} random windows are positive: {chance:.0f}%.").format(
            k=k, n=n, mean=sm["mean_percentile"], chance=100 * sm["chance_random"]))
    warning = _warning(n, len(es), months)
    if warning:
        lines += [""] + [_("WARNING: {line}").format(line=w) for w in warning.split("\n")]
    return "\n".join(lines)
