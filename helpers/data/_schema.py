"""What the snapshot is made from and what it holds: raw series, tables, columns, event kinds.

Pure declarations (no file I/O): :mod:`helpers.data._load` checks the snapshot against them and
:mod:`helpers.data._build` writes it from them.
"""
from __future__ import annotations

from dataclasses import dataclass, field

MANIFEST = "manifest.json"
POLICY_TIMELINE_NAME = "policy_timeline.md"


# ---------------------------------------------------------------------------
# Raw series: what the snapshot is made from
# ---------------------------------------------------------------------------
@dataclass(frozen=True)
class RawSeries:
    """One raw input file in FRED CSV format (``observation_date,<column>``)."""

    series_id: str
    column: str  # header of the value column
    units: str
    source: str
    url: str
    lo: float  # plausible range of values, for validation
    hi: float


def _fred(series_id: str, units: str, lo: float, hi: float) -> RawSeries:
    return RawSeries(
        series_id, series_id, units, "FRED, Federal Reserve Bank of St. Louis",
        f"https://fred.stlouisfed.org/series/{series_id}", lo, hi,
    )


RAW_SERIES: dict[str, RawSeries] = {
    s.series_id: s
    for s in [
        _fred("WALCL", "Millions of USD, Wednesday level", 5e5, 2e7),
        _fred("TREAST", "Millions of USD, Wednesday level", 1e5, 2e7),
        _fred("WSHOMCB", "Millions of USD, Wednesday level", 0, 1e7),
        _fred("WRESBAL", "Millions of USD, week average", 1e3, 1e7),
        _fred("WTREGEN", "Millions of USD, week average", 1e2, 5e6),
        _fred("RRPONTSYD", "Billions of USD, daily", 0, 5e3),
        _fred("SOFR", "Percent, daily", -1, 25),
        _fred("IORB", "Percent, daily", -1, 25),
        _fred("DFF", "Percent, daily", -1, 25),
        _fred("DFEDTARU", "Percent, daily", -1, 25),
        _fred("DFEDTARL", "Percent, daily", -1, 25),
        _fred("DGS2", "Percent, daily", -2, 25),
        _fred("DGS10", "Percent, daily", -2, 25),
        _fred("DFII10", "Percent, daily", -5, 15),
        _fred("T10YIE", "Percent, daily", -5, 15),
        _fred("SP500", "Index, daily close", 100, 1e5),
        _fred("NASDAQCOM", "Index (5 Feb 1971 = 100), daily close", 50, 2e5),
        _fred("VIXCLS", "Index, daily close", 1, 200),
        _fred("DTWEXBGS", "Index (Jan 2006 = 100), daily", 50, 250),
        _fred("M2SL", "Billions of USD, monthly, seasonally adjusted", 100, 1e5),
        _fred("CBBTCUSD", "USD per BTC, daily (Coinbase)", 1, 1e7),
        RawSeries("BTCUSD", "close", "USD per BTC, daily close (UTC day)",
                  "Yahoo Finance BTC-USD daily close (not FRED)",
                  "https://finance.yahoo.com/quote/BTC-USD/history/", 1, 1e7),
        RawSeries("ETHUSD", "close", "USD per ETH, daily close (UTC day)",
                  "Yahoo Finance ETH-USD daily close (not FRED)",
                  "https://finance.yahoo.com/quote/ETH-USD/history/", 0.01, 1e6),
    ]
}

FRED_TERMS = (
    "Federal Reserve data are in the public domain; FRED's terms of use apply to the copies "
    "(https://fred.stlouisfed.org/legal/). Cite the Federal Reserve Bank of St. Louis and the "
    "original source."
)
INDEX_TERMS = (
    "S&P 500 (S&P Dow Jones Indices) and NASDAQ Composite (Nasdaq, Inc.) are copyrighted; FRED "
    "redistributes them for personal, non-commercial use (https://fred.stlouisfed.org/legal/). They "
    "are included here only as a small educational snapshot; check the owners' terms before reuse."
)
CRYPTO_TERMS = (
    "BTC/ETH closes are Yahoo Finance daily candles (collected with yfinance) and Coinbase via FRED; "
    "for personal and educational use; see Yahoo's terms (https://legal.yahoo.com/us/en/yahoo/terms/"
    "otos/index.html) before reuse."
)


# ---------------------------------------------------------------------------
# Tables: what the snapshot contains
# ---------------------------------------------------------------------------
@dataclass(frozen=True)
class Column:
    name: str
    dtype: str  # "date", "float", "str"
    units: str
    description: str
    required: bool = False  # no missing values allowed


@dataclass(frozen=True)
class Table:
    name: str
    filename: str
    frequency: str
    description: str
    columns: tuple[Column, ...]
    series: tuple[str, ...]
    terms: str = FRED_TERMS
    notes: tuple[str, ...] = field(default_factory=tuple)

    @property
    def column_names(self) -> list[str]:
        return [c.name for c in self.columns]


_B = "$ billions"
TABLES: dict[str, Table] = {
    t.name: t
    for t in [
        Table(
            "fed_balance_sheet",
            "fed_balance_sheet_weekly.csv",
            "weekly (Wednesday)",
            "The Fed's balance sheet and the liquidity items that drain or add bank reserves.",
            (
                Column("date", "date", "Wednesday", "Week's Wednesday (H.4.1 reporting date)", True),
                Column("total_assets", "float", _B, "Total assets, Wednesday level (WALCL)", True),
                Column("treasuries", "float", _B, "U.S. Treasury securities held outright (TREAST)", True),
                Column("mbs", "float", _B, "Mortgage-backed securities held outright (WSHOMCB)", True),
                Column("other_assets", "float", _B,
                       "Everything else: total assets - Treasuries - MBS (loans, repo, facilities, "
                       "agency debt, unamortized premiums, ...)", True),
                Column("reserves", "float", _B, "Reserve balances with Federal Reserve Banks, week average (WRESBAL)", True),
                Column("tga", "float", _B, "Treasury General Account, week average (WTREGEN)", True),
                Column("on_rrp", "float", _B,
                       "Overnight reverse repo take-up (RRPONTSYD) on the Wednesday, or the latest "
                       "operation day of that week; 0 in weeks with no operation", True),
                Column("net_liquidity", "float", _B, "total_assets - tga - on_rrp", True),
            ),
            ("WALCL", "TREAST", "WSHOMCB", "WRESBAL", "WTREGEN", "RRPONTSYD"),
            notes=(
                "WRESBAL and WTREGEN are week averages; WALCL, TREAST and WSHOMCB are Wednesday "
                "levels, so the items do not add up exactly within a week.",
                "FRED now publishes WRESBAL and WTREGEN in millions of USD (older copies: billions); "
                "all money here is converted to $ billions.",
                "Rows end at the last week that has every series.",
            ),
        ),
        Table(
            "policy_rates",
            "policy_rates_daily.csv",
            "daily (every calendar day the target range is published)",
            "The policy-rate corridor: target range, effective fed funds, SOFR and IORB.",
            (
                Column("date", "date", "day", "Calendar day", True),
                Column("target_lower", "float", "percent", "Target range lower limit (DFEDTARL)", True),
                Column("target_upper", "float", "percent", "Target range upper limit (DFEDTARU)", True),
                Column("effr", "float", "percent", "Effective federal funds rate (DFF; weekends carry Friday's rate)"),
                Column("sofr", "float", "percent", "Secured Overnight Financing Rate (SOFR; business days, from 2018-04-03)"),
                Column("iorb", "float", "percent", "Interest on reserve balances (IORB; from 2021-07-29; IOER before that is not in the inputs)"),
            ),
            ("DFEDTARL", "DFEDTARU", "DFF", "SOFR", "IORB"),
            notes=("Starts 2008-12-16, when the FOMC moved to a target range.",),
        ),
        Table(
            "markets",
            "markets_daily.csv",
            "daily (calendar days; equities and rates are empty on days their markets are closed)",
            "Crypto, equity indices, volatility, Treasury yields and the broad dollar.",
            (
                Column("date", "date", "day", "Calendar day", True),
                Column("btc", "float", "USD", "Bitcoin daily close, UTC day (Yahoo BTC-USD)"),
                Column("btc_coinbase", "float", "USD", "Bitcoin daily price, Coinbase (FRED CBBTCUSD), a cross-check"),
                Column("eth", "float", "USD", "Ether daily close, UTC day (Yahoo ETH-USD)"),
                Column("sp500", "float", "index", "S&P 500 close (SP500; FRED keeps 10 years, from 2016-05-23)"),
                Column("nasdaq", "float", "index (1971-02-05 = 100)", "NASDAQ Composite close (NASDAQCOM)"),
                Column("vix", "float", "index", "CBOE VIX close (VIXCLS)"),
                Column("ust2y", "float", "percent", "2-year Treasury yield (DGS2)"),
                Column("ust10y", "float", "percent", "10-year Treasury yield (DGS10)"),
                Column("real10y", "float", "percent", "10-year TIPS (real) yield (DFII10)"),
                Column("breakeven10y", "float", "percent", "10-year breakeven inflation (T10YIE)"),
                Column("dollar", "float", "index (Jan 2006 = 100)", "Nominal broad U.S. dollar index (DTWEXBGS)"),
            ),
            ("BTCUSD", "CBBTCUSD", "ETHUSD", "SP500", "NASDAQCOM", "VIXCLS", "DGS2", "DGS10",
             "DFII10", "T10YIE", "DTWEXBGS"),
            terms=" ".join([FRED_TERMS, INDEX_TERMS, CRYPTO_TERMS]),
            notes=(
                "Starts 2014-09-17 (first bitcoin close in the inputs).",
                "Yahoo days are UTC calendar days; Coinbase/FRED uses another daily cut, so btc and "
                "btc_coinbase differ slightly day by day.",
                "From about September 2024 to October 2025 btc_coinbase runs one day early: its value "
                "on day D matches btc on day D+1 (elsewhere the two agree on the same day). Shift it "
                "before day-by-day comparisons in that period (lesson 07 shows how much it matters).",
                "BTC on 2026-06-05 is the day's final close; an earlier copy of the inputs held a "
                "partial-day value (see the raw inputs' MANIFEST.md).",
            ),
        ),
        Table(
            "m2",
            "m2_monthly.csv",
            "monthly",
            "M2 money stock, seasonally adjusted.",
            (
                Column("date", "date", "month start", "Month", True),
                Column("m2", "float", _B, "M2 money stock, seasonally adjusted (M2SL)", True),
            ),
            ("M2SL",),
        ),
        Table(
            "policy_events",
            "policy_events.csv",
            "event",
            "Fed policy decisions 2008-2026 with dates, key numbers and primary sources.",
            (
                Column("date", "date", "day", "Announcement date (US Eastern)", True),
                Column("effective", "str", "text", "When the action took effect, where later (else empty)"),
                Column("kind", "str", "category", "qe_start, qe_expand, taper, qe_end, qt_start, qt_slow, "
                       "qt_end, rmp, hike, cut, hold, facility, stress, signal", True),
                Column("stance", "str", "category", "easing, tightening or neutral", True),
                Column("description", "str", "text", "What was decided", True),
                Column("key_numbers", "str", "text", "The key amounts and rates, as stated by the source"),
                Column("target_lower", "float", "percent", "Target range lower limit after the decision, where it is a rate decision"),
                Column("target_upper", "float", "percent", "Target range upper limit after the decision, where it is a rate decision"),
                Column("source_url", "str", "URL", "Primary source (federalreserve.gov or newyorkfed.org)", True),
                Column("other_sources", "str", "URLs", "Further primary sources (implementation notes, "
                       "New York Fed statements), separated by spaces"),
                Column("checked", "str", "category", "How the row was checked: 'primary' = the release's "
                       "text was read (federalreserve.gov, newyorkfed.org or its FRASER copy); 'data' = a rate "
                       "decision seen only in secondary copies whose target range the snapshot's FRED "
                       "target-range series (DFEDTARL/DFEDTARU) confirm, computed when the snapshot is "
                       "built; 'secondary' = press or other secondary copies only: say so when stating it", True),
                Column("caveat", "str", "text", "What a reader should know about the row's facts"),
            ),
            (),
            terms="Compiled by Liquidity Lab from Federal Reserve and New York Fed publications "
                  "(public domain); CC BY 4.0 for the compilation.",
        ),
    ]
}

EVENT_KINDS = {
    "qe_start": "easing", "qe_expand": "easing", "taper": "tightening", "qe_end": "tightening",
    "qt_start": "tightening", "qt_slow": "easing", "qt_end": "easing", "rmp": "easing",
    "hike": "tightening", "cut": "easing", "hold": "neutral", "facility": "easing",
    "stress": "neutral", "signal": "tightening",
}
CHECKED = ("primary", "data", "secondary")
RATE_DECISIONS = ("hike", "cut", "hold")
