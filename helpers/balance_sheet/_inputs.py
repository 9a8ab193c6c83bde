"""Lesson 01's inputs from the snapshot: the one place this topic loads data."""
from __future__ import annotations

from typing import NamedTuple

import pandas as pd

from helpers.balance_sheet._compute import monthly_levels
from helpers.data import load


class BalanceSheetInputs(NamedTuple):
    """What lesson 01 works with ($ billions).

    ``fb``: the ``fed_balance_sheet`` table, weekly (Wednesdays), indexed by date; ``events``: the
    ``policy_events`` table (one row per policy decision, indexed by its date); ``levels``:
    :func:`monthly_levels` of ``fb`` (the first Wednesday of each month).
    """

    fb: pd.DataFrame
    events: pd.DataFrame
    levels: pd.DataFrame


def inputs() -> BalanceSheetInputs:
    """The snapshot's inputs for this topic (a fresh copy each call: change it freely)."""
    fb = load("fed_balance_sheet")
    return BalanceSheetInputs(fb=fb, events=load("policy_events"), levels=monthly_levels(fb))
