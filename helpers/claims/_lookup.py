"""Sources, the outside figure, and small lookups on the snapshot's frames (frames in, values out)."""
from __future__ import annotations

from typing import Any, Mapping

import pandas as pd

from helpers.balance_sheet import nearest_week
from helpers.i18n import N_

# How an event row was checked (policy_events ``checked``): these count as confirmed facts. The older
# labels ('confirmed'; 'partial' / 'unconfirmed' not confirmed) are still understood.
CONFIRMED: tuple[str, ...] = ("primary", "data", "confirmed")

# An OUTSIDE figure, not from the snapshot (which holds no total crypto market value): CoinGecko's
# annual report for 2025. Quoted for claim 10 only, and labelled as outside wherever it is shown.
OUTSIDE_MARKET_CAP_2025: Mapping[str, Any] = {
    "change_pct": -10.4,          # total crypto market capitalisation, year on year, percent
    "end_value_tn": 3.0,          # at the end of 2025, $ trillions
    "btc_change_pct": -6.4,       # the same report's bitcoin return for 2025, percent (a cross-check)
    "source": "CoinGecko, 2025 Annual Crypto Industry Report",
    "url": "https://www.coingecko.com/research/publications/2025-annual-crypto-report",
    "published": "January 2026",
    "seen_in": ("https://coinalertnews.com/news/2026/01/20/crypto-market-2025-decline-volatility-growth",
                "https://techflowpost.com/en-US/article/29977"),
    "note": N_("read in two reports of the publication (2026-01-20 and a translation), not on the page itself; "
               "CoinGecko's count of coins and supply may differ from other providers'"),
}

ARTICLES = {
    "A": "article A (Simplified Chinese): the Fed ending QT and what it could mean for crypto",
    "B": "article B (Traditional Chinese): from QT to QE, reserves, repo and crypto prices",
}
FOMC = "https://www.federalreserve.gov/newsevents/pressreleases/"
H41 = "https://www.federalreserve.gov/releases/h41/"
NYFED_REPO = "https://www.newyorkfed.org/markets/desk-operations/repo"
SOURCE_MARKETS = N_("Source: Liquidity Lab snapshot (Yahoo Finance BTC-USD, ETH-USD; FRED: SP500, CBBTCUSD, "
                     "H.4.1 series)")
SOURCE_EVENTS = N_("Sources: FRED (H.4.1 series); Federal Reserve press releases (policy_events.csv)")
PURCHASE_KINDS = ("rmp", "qe_start", "qe_expand")


def confirmed(checked: str) -> bool:
    """True if an event row's ``checked`` label counts as confirmed (:data:`CONFIRMED`)."""
    return str(checked) in CONFIRMED


def event_url(events: pd.DataFrame, date: str) -> str:
    """The primary source of the event row dated ``date`` ('' if there is none)."""
    ts = pd.Timestamp(date)
    return str(events.loc[ts, "source_url"]) if ts in events.index else ""


def event_urls(events: pd.DataFrame, date: str) -> list[str]:
    """The primary and other sources of the event row dated ``date``."""
    ts = pd.Timestamp(date)
    if ts not in events.index:
        return []
    row = events.loc[ts]
    return [str(row["source_url"])] + [u for u in str(row["other_sources"] or "").split() if u]


def week(fb: pd.DataFrame, date: Any) -> pd.Timestamp:
    """The balance-sheet week nearest ``date``."""
    return nearest_week(fb, date)


def close_on_or_after(s: pd.Series, when: pd.Timestamp) -> tuple[pd.Timestamp, float]:
    i = s.index.searchsorted(when, side="left")
    if i >= len(s):
        raise ValueError(f"date {when:%Y-%m-%d} is after the last close ({s.index[-1]:%Y-%m-%d})")
    return s.index[i], float(s.iloc[i])


def close_before(s: pd.Series, when: pd.Timestamp) -> tuple[pd.Timestamp, float]:
    i = s.index.searchsorted(when, side="left") - 1
    if i < 0:
        raise ValueError(f"date {when:%Y-%m-%d} is before the first close ({s.index[0]:%Y-%m-%d})")
    return s.index[i], float(s.iloc[i])


def year_end_close(s: pd.Series, year: int) -> tuple[pd.Timestamp, float]:
    part = s.loc[:f"{year}-12-31"]
    if part.empty:
        raise ValueError(f"no close on or before the end of {year}")
    return part.index[-1], float(part.iloc[-1])


def fmt_bn(x: float) -> str:
    return f"{x:+,.0f}"


def table(rows: list[dict]) -> pd.DataFrame:
    """Rows as a frame indexed by their first column."""
    out = pd.DataFrame(rows)
    return out.set_index(out.columns[0])
