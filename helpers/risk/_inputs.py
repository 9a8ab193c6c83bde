"""Lesson 05's inputs from the snapshot: the one place this topic loads data."""
from __future__ import annotations

from typing import NamedTuple

import pandas as pd

from helpers.data import load
from helpers.risk._compute import ASSETS
from helpers.validate import check_choice


class RiskInputs(NamedTuple):
    """What lesson 05 works with.

    ``markets``: daily closes (USD or index points) with one column per asset in :data:`ASSETS`
    (``btc``, ``eth``, ``sp500``, ``nasdaq``), indexed by date; NaN on days a market was shut
    (crypto trades every day, equities on trading days).
    """

    markets: pd.DataFrame


def inputs() -> RiskInputs:
    """The snapshot's inputs for this topic (a fresh copy each call: change it freely)."""
    return RiskInputs(markets=load("markets")[list(ASSETS)])


def asset_prices(asset: str) -> pd.Series:
    """Closes of one market from the snapshot, missing days dropped (``btc``, ``eth``, ``sp500``, ``nasdaq``).

    Crypto closes are daily (UTC days, every calendar day); equity closes are trading days.
    """
    check_choice("asset", asset, tuple(ASSETS))
    return inputs().markets[asset].dropna()
