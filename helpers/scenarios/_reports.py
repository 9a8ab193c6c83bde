"""Lesson 06's tables of the snapshot's history: bitcoin's weekly returns by net-liquidity regime."""
from __future__ import annotations

import pandas as pd

from helpers.scenarios._compute import regime_table, spells_of, yearly_regime_gaps
from helpers.scenarios._inputs import weekly_btc


def history_regimes() -> pd.Series:
    """The regime of each historical week: 'expanding' or 'contracting' (index: Wednesday)."""
    return weekly_btc()["expanding"].map({True: "expanding", False: "contracting"}).rename("regime")


def regime_stats() -> pd.DataFrame:
    """Weekly BTC log returns by regime: weeks, mean, sd, standard error, in percent per week."""
    return regime_table(weekly_btc())


def regime_gap_by_year(min_weeks: int = 8) -> pd.DataFrame:
    """Expanding-minus-contracting average weekly BTC log return, year by year (percentage points).

    Only years with at least ``min_weeks`` weeks in each regime are kept. Columns: ``expanding
    weeks``, ``contracting weeks``, ``gap (pp a week)``; index: calendar year.
    """
    return yearly_regime_gaps(weekly_btc(), min_weeks)


def regime_spells(min_weeks: int = 1) -> pd.DataFrame:
    """Runs of consecutive weeks in the same regime lasting at least ``min_weeks`` weeks.

    Columns: ``regime``, ``start``, ``end`` (Wednesdays), ``weeks``.
    """
    return spells_of(weekly_btc(), min_weeks)
