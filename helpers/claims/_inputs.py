"""The one way to get the claims' inputs: :func:`inputs` (the snapshot tables, fresh copies)."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

from helpers.data import load
from helpers.i18n import gettext as _
from helpers.validate import check_date


@dataclass(frozen=True, eq=False)
class Inputs:
    """The snapshot tables the fourteen claims are checked against (each a copy the caller may change)."""

    fed_balance_sheet: pd.DataFrame  # weekly H.4.1 balance sheet, $ billions
    policy_events: pd.DataFrame      # dated policy decisions, with how each row was checked
    policy_rates: pd.DataFrame       # daily target range and money-market rates, percent
    markets: pd.DataFrame            # daily closes: BTC (Yahoo and Coinbase), ETH, S&P 500, ...

    @property
    def btc(self) -> pd.Series:
        """Daily BTC closes (Yahoo), missing days dropped."""
        return self.markets["btc"].dropna()

    def __repr__(self) -> str:
        return _("<claims inputs: fed_balance_sheet, policy_events, policy_rates, markets "
                 "(balance sheet to {balance_sheet_end}, markets to {markets_end})>").format(
                     balance_sheet_end=f"{self.fed_balance_sheet.index[-1]:%Y-%m-%d}",
                     markets_end=f"{self.markets.index[-1]:%Y-%m-%d}")


def inputs() -> Inputs:
    """The tables every claim reads, loaded with :func:`helpers.data.load` (checked, cached, copied).

    Each call hands out fresh copies, so a caller that edits a frame never edits what the next
    call sees. The claim functions call this themselves; pass its result to the charts.
    """
    return Inputs(fed_balance_sheet=load("fed_balance_sheet"), policy_events=load("policy_events"),
                  policy_rates=load("policy_rates"), markets=load("markets"))


def check_inputs(name: str, value: object) -> Inputs:
    """``value`` if it is what :func:`inputs` returns (the charts' first argument)."""
    if not isinstance(value, Inputs):
        raise TypeError(f"{name} must be the claims' inputs, got {type(value).__name__}; allowed: claims.inputs()")
    return value


def check_dates(name: str, value: Any) -> tuple[pd.Timestamp, ...]:
    """One date (a str) or a list of dates, each as a Timestamp (:func:`helpers.validate.check_date`); at least one."""
    items = [value] if isinstance(value, str) else value
    if not isinstance(items, (list, tuple, pd.Index, np.ndarray)):
        raise TypeError(f"{name} must be a list of dates such as ['2025-12-10'], got {type(value).__name__}")
    out = tuple(check_date(f"{name} (each)", d) for d in items)
    if not out:
        raise ValueError(f"{name} is empty; give at least one date such as '2025-12-10'")
    return out
