"""Lesson 06's inputs from the snapshot: the one place this topic loads data, and what it derives
from them once (kept in :func:`helpers.data.memo`, which hands out copies)."""
from __future__ import annotations

from typing import NamedTuple

import pandas as pd

from helpers.data import load, memo
from helpers.scenarios._compute import last_week, target_range, weekly_history
from helpers.scenarios._simulate import return_pools


class ScenarioInputs(NamedTuple):
    """What lesson 06 works with, straight from the snapshot.

    ``balance_sheet``: the Fed's weekly H.4.1 table ($ billions: total_assets, reserves, tga,
    on_rrp, net_liquidity, ...); ``btc``: bitcoin's daily closes (USD, missing days dropped);
    ``policy_rates``: the daily policy-rate table (target_lower, target_upper, percent);
    ``policy_events``: the policy-event table (``kind == "rmp"``: reserve-management purchases).
    """

    balance_sheet: pd.DataFrame
    btc: pd.Series
    policy_rates: pd.DataFrame
    policy_events: pd.DataFrame


def inputs() -> ScenarioInputs:
    """The snapshot's inputs for this topic (a fresh copy each call: change it freely)."""
    return ScenarioInputs(balance_sheet=load("fed_balance_sheet"), btc=load("markets")["btc"].dropna(),
                          policy_rates=load("policy_rates"), policy_events=load("policy_events"))


@memo
def start_point() -> pd.Series:
    """The snapshot's last balance-sheet week: total_assets, reserves, tga, on_rrp ($ billions).

    The Series' ``name`` is the week's date.
    """
    return last_week(inputs().balance_sheet)


@memo
def price_start() -> tuple[float, pd.Timestamp]:
    """Bitcoin's last close in the snapshot and its date: (USD per BTC, day).

    The toy's price paths start here. It is usually a later day than the last balance-sheet week
    (:func:`start_point`): the two series end on different days.
    """
    btc = inputs().btc
    return float(btc.iloc[-1]), btc.index[-1]


@memo
def rate_start() -> pd.Series:
    """The FOMC's target range at the end of the snapshot, from the policy-rate data.

    ``lower`` and ``upper`` in percent; ``since``: the first day of that range; ``as_of``: the
    data's last day. The scenario's rate path (a label only) starts from this range.
    """
    return target_range(inputs().policy_rates)


@memo
def weekly_btc() -> pd.DataFrame:
    """Weekly (Wednesday) bitcoin closes with net liquidity and its regime, from the snapshot.

    Columns: ``btc`` (USD), ``net_liquidity`` ($ billions), ``nl_change_13w`` ($ billions),
    ``log_return`` (the week's log return, ending that Wednesday), ``expanding`` (bool).
    """
    data = inputs()
    return weekly_history(data.balance_sheet, data.btc)


@memo
def snapshot_pools():
    """The toy's return pools from the snapshot's weekly history (see ``_simulate.return_pools``)."""
    return return_pools(weekly_btc())
