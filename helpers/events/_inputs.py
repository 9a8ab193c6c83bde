"""Lesson 04's inputs from the snapshot: the one place this topic loads data."""
from __future__ import annotations

from typing import NamedTuple

import numpy as np
import pandas as pd

from helpers.data import load, memo
from helpers.events._compute import ASSETS, windows


class EventInputs(NamedTuple):
    """What lesson 04 works with.

    ``events``: the ``policy_events`` table (one row per Fed decision, facility, stress episode or
    signal, indexed by announcement date, US Eastern). ``rates``: the daily ``target_lower`` /
    ``target_upper`` columns of ``policy_rates`` (percent). ``markets``: daily closes of the assets in
    :data:`ASSETS` (``btc``, ``eth``, ``sp500``, ``nasdaq``; NaN on days a market was shut).
    """

    events: pd.DataFrame
    rates: pd.DataFrame
    markets: pd.DataFrame


def inputs() -> EventInputs:
    """The snapshot's inputs for this topic (a fresh copy each call: change it freely)."""
    return EventInputs(events=load("policy_events"),
                       rates=load("policy_rates")[["target_lower", "target_upper"]],
                       markets=load("markets")[list(ASSETS)])


@memo
def closes(asset: str) -> pd.Series:
    """Daily closes of one asset (a name already checked), missing days dropped, as floats."""
    return inputs().markets[asset].dropna().astype("float64")


@memo
def base_windows(asset: str, months: int) -> np.ndarray:
    """Sorted returns (fractions) of every ``months``-long window of one asset (checked names)."""
    s = closes(asset)
    return np.sort(windows(s, s.index + pd.DateOffset(months=months)).to_numpy())
