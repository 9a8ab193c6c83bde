"""Money-market text reports: what the lesson's repo calculator widget and its reserve-demand cell print."""
from __future__ import annotations

import pandas as pd

from helpers.i18n import gettext as _
from helpers.money_markets._compute import check_fits, repo_trade
from helpers.validate import check_frame, check_number


def repo_calculator_text(cash: float, collateral_value: float, haircut_pct: float, rate: float,
                         days: int) -> str:
    """The repo calculator widget's output: :meth:`RepoTrade.report` (``haircut_pct`` in percent)."""
    haircut_pct = check_number("haircut_pct", haircut_pct, lo=0, hi=100, open_hi=True,
                               allowed="percent in [0, 100), e.g. 2 for 2 %")
    return repo_trade(cash, collateral_value, haircut_pct / 100, rate, days).report()


def reserve_demand_report(pairs: pd.DataFrame, fits: dict) -> str:
    """What the reserve-demand picture says, in five lines: the knee in reserves ($ billions) and its
    slopes, the median spread on each side, the weeks below the knee by year, those before 2024
    against those from 2025 (median ON RRP), and the fit on the share of Fed assets.

    ``pairs`` is :func:`spread_vs_reserves`; ``fits`` maps "reserves" and "share_pct" to
    :func:`fit_knee` of that column against ``spread_bp``.
    """
    pairs = check_frame("pairs", pairs, ("reserves", "share_pct", "on_rrp", "spread_bp"), numeric=True)
    fits = check_fits(fits)
    f, s = fits["reserves"], fits["share_pct"]
    below, above = pairs[pairs["reserves"] < f.knee], pairs[pairs["reserves"] >= f.knee]
    early, late = below.loc[:"2023"], below.loc["2025":]
    for part, column, what in ((below, "spread_bp", "below the knee"), (above, "spread_bp", "above the knee"),
                               (early, "spread_bp", "below the knee before 2024"),
                               (early, "on_rrp", "below the knee before 2024"),
                               (late, "on_rrp", "below the knee from 2025")):
        if part[column].notna().sum() == 0:
            raise ValueError(f"pairs has no week {what} of fits['reserves'] (knee {f.knee:,.0f}) with a "
                             f"{column} value; allowed: spread_vs_reserves(rates, fed) and its fit_knee fits")
    return "\n".join([
        _("{weeks} weeks. Knee at about ${knee:,.0f}B of reserves: below it the spread rises "
          "{rise:.1f} bp for each $100B less; above it, {above:+.2f} bp per $100B.").format(
            weeks=len(pairs), knee=f.knee, rise=-100 * f.slope_below, above=100 * f.slope_above),
        _("Median spread: {below:+.1f} bp in the {n_below} weeks below the knee, "
          "{above:+.1f} bp in the {n_above} weeks above it.").format(
            below=below["spread_bp"].median(), n_below=len(below), above=above["spread_bp"].median(),
            n_above=len(above)),
        _("Weeks below the knee, by year: {counts}").format(
            counts=below.index.year.value_counts().sort_index().to_dict()),
        _("Of those, the {weeks} weeks before 2024: median spread {spread:+.1f} bp, "
          "median ON RRP ${early:,.0f}B (vs ${late:,.0f}B from 2025)").format(
            weeks=len(early), spread=early["spread_bp"].median(), early=early["on_rrp"].median(),
            late=late["on_rrp"].median()),
        _("Share of Fed assets: knee at {knee:.1f}%, slope below {below:+.2f} bp per point, "
          "above {above:+.2f}; sum of squared errors {sse:,.0f} vs {sse_level:,.0f} for the level").format(
            knee=s.knee, below=s.slope_below, above=s.slope_above, sse=s.sse, sse_level=f.sse),
    ])
