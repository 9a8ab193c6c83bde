"""The money-market topic's inputs: the three snapshot tables lesson 02 reads."""
from __future__ import annotations

from typing import NamedTuple

import pandas as pd

from helpers.data import load


class MoneyMarketInputs(NamedTuple):
    """The tables the topic's functions take (fresh copies: a caller may change them)."""

    rates: pd.DataFrame  # policy_rates: daily target range, EFFR, SOFR, IORB (percent)
    fed: pd.DataFrame  # fed_balance_sheet: weekly, $ billions (reserves, total_assets, on_rrp, ...)
    events: pd.DataFrame  # policy_events: dated Fed decisions and stress events with their sources


def inputs() -> MoneyMarketInputs:
    """``rates, fed, events = money_markets.inputs()``: the topic's inputs, loaded and verified."""
    return MoneyMarketInputs(load("policy_rates"), load("fed_balance_sheet"), load("policy_events"))
