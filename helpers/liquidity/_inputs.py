"""Lesson 03's inputs from the snapshot: the one place this topic reads data."""
from __future__ import annotations

from typing import NamedTuple

import pandas as pd

from helpers.data import load, memo
from helpers.events import policy_phases
from helpers.liquidity._compute import daily_returns


class LiquidityInputs(NamedTuple):
    """What lesson 03 works with (fresh copies: change them freely).

    ``fed``: the Fed's weekly balance sheet ($ billions, Wednesdays; ``net_liquidity`` = total
    assets − TGA − ON RRP). ``markets``: daily closes and levels (``btc``, ``sp500``, ``nasdaq``,
    ``real10y``, ``dollar``, ``vix``, …). ``phases``: the QE / QT / reserve-management phases
    (``phase``, ``start``, ``end``) from the policy-event table, up to the last balance-sheet week.
    """

    fed: pd.DataFrame
    markets: pd.DataFrame
    phases: pd.DataFrame


def inputs() -> LiquidityInputs:
    """The snapshot's inputs for lesson 03 (see :class:`LiquidityInputs`), a fresh copy each call."""
    fed = load("fed_balance_sheet")
    return LiquidityInputs(fed=fed, markets=load("markets"),
                           phases=policy_phases(load("policy_events"), fed.index[-1]))


@memo
def snapshot_returns() -> pd.DataFrame:
    """The snapshot's daily returns on common trading days (computed once; each call gets a copy)."""
    return daily_returns(inputs().markets)
