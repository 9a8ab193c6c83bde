"""Money-market text reports: what the lesson's repo calculator widget and its reserve-demand cell print."""
from __future__ import annotations

import pandas as pd

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
        f"{len(pairs)} weeks. Knee at about ${f.knee:,.0f}B of reserves: below it the spread rises "
        f"{-100 * f.slope_below:.1f} bp for each $100B less; above it, {100 * f.slope_above:+.2f} bp per $100B.",
        f"Median spread: {below['spread_bp'].median():+.1f} bp in the {len(below)} weeks below the knee, "
        f"{above['spread_bp'].median():+.1f} bp in the {len(above)} weeks above it.",
        f"Weeks below the knee, by year: {below.index.year.value_counts().sort_index().to_dict()}",
        f"Of those, the {len(early)} weeks before 2024: median spread {early['spread_bp'].median():+.1f} bp, "
        f"median ON RRP ${early['on_rrp'].median():,.0f}B (vs ${late['on_rrp'].median():,.0f}B from 2025)",
        f"Share of Fed assets: knee at {s.knee:.1f}%, slope below {s.slope_below:+.2f} bp per point, "
        f"above {s.slope_above:+.2f}; sum of squared errors {s.sse:,.0f} vs {f.sse:,.0f} for the level",
    ])
