"""The course data snapshot: build it from raw FRED-format files, load it, verify it.

All file I/O of the course lives here (and in :mod:`helpers.refresh`, which downloads raw
files and then calls :func:`build`).

Command line::

    python -m helpers.data build --source ../shared/data/fred   # raw CSVs -> data/
    python -m helpers.data verify                               # hashes + schemas
    python -m helpers.data refresh                              # online rebuild (see helpers.refresh)
    python -m helpers.data list                                 # the catalogue

Money is in **$ billions** in every table. Rates are in **percent**.
"""
from __future__ import annotations

import argparse
import copy
import functools
import hashlib
import json
import os
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd

__all__ = [
    "TABLES",
    "RAW_SERIES",
    "DataError",
    "data_dir",
    "catalogue",
    "last_dates",
    "load",
    "memo",
    "verify",
    "build",
    "read_raw_series",
    "parse_policy_timeline",
]

MANIFEST = "manifest.json"
POLICY_TIMELINE_NAME = "policy_timeline.md"
RESTORE_HINT = (
    "restore it with `git checkout -- data/` (the committed snapshot), or rebuild it with "
    "`python -m helpers.data build --source ../shared/data/fred`"
)


class DataError(RuntimeError):
    """The snapshot is missing, altered or malformed."""


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


# ---------------------------------------------------------------------------
# Locations, hashing, reading
# ---------------------------------------------------------------------------
def data_dir() -> Path:
    """Folder of the snapshot: ``$LIQUIDITY_LAB_DATA`` if set, else the repository's ``data/``."""
    env = os.environ.get("LIQUIDITY_LAB_DATA")
    if env:
        return Path(env)
    return Path(__file__).resolve().parent.parent / "data"


def sha256_file(path: Path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 16), b""):
            h.update(chunk)
    return h.hexdigest()


def _read_manifest(folder: Path) -> dict:
    path = folder / MANIFEST
    if not path.exists():
        raise DataError(f"the snapshot manifest data/{MANIFEST} is missing; {RESTORE_HINT}")
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except ValueError as exc:
        raise DataError(f"data/{MANIFEST} is not valid JSON ({exc}); {RESTORE_HINT}") from exc


def catalogue() -> pd.DataFrame:
    """What the snapshot holds: one row per table with its file, frequency, dates and rows."""
    manifest = _read_manifest(data_dir())
    rows = []
    for name, table in TABLES.items():
        entry = manifest["files"].get(table.filename, {})
        rows.append({
            "table": name,
            "file": table.filename,
            "frequency": table.frequency,
            "first_date": entry.get("first_date"),
            "last_date": entry.get("last_date"),
            "rows": entry.get("rows"),
            "description": table.description,
        })
    return pd.DataFrame(rows).set_index("table")


def describe(name: str) -> pd.DataFrame:
    """Columns of one table with their units and meaning."""
    table = _table(name)
    return pd.DataFrame(
        [{"column": c.name, "units": c.units, "description": c.description} for c in table.columns]
    ).set_index("column")


def last_dates(name: str) -> pd.DataFrame:
    """Each column's first and last observation in one table (its columns can end months apart).

    Columns ``first``, ``last`` (dates as YYYY-MM-DD text) and ``days_before_table_end`` (how many
    days before the table's last row the column stops), indexed by column name.
    """
    df = load(name)
    end = df.index[-1]
    rows = {}
    for col in df.columns:
        valid = df[col].dropna()
        if valid.empty or not pd.api.types.is_numeric_dtype(df[col]):
            continue
        rows[col] = {"first": f"{valid.index[0]:%Y-%m-%d}", "last": f"{valid.index[-1]:%Y-%m-%d}",
                     "days_before_table_end": int((end - valid.index[-1]).days)}
    out = pd.DataFrame.from_dict(rows, orient="index")
    out.index.name = "column"
    return out


def _end_notes(name: str, df: pd.DataFrame, raw: dict[str, pd.Series]) -> list[str]:
    """Notes computed at build time: where a table's columns (or its inputs) end on different days."""
    table = TABLES[name]
    ends = {sid: raw[sid].dropna().index[-1] for sid in table.series}
    if len(set(ends.values())) <= 1:
        return []
    listing = ", ".join(f"{sid} {day:%Y-%m-%d}" for sid, day in sorted(ends.items(), key=lambda kv: kv[1]))
    col_ends = {df[c].dropna().index[-1] for c in df.columns
                if pd.api.types.is_numeric_dtype(df[c]) and df[c].notna().any()}
    if len(col_ends) <= 1:
        return [f"Its inputs end on different days ({listing}); every row has every input, so the "
                f"table ends with the earliest of them, on {df.index[-1]:%Y-%m-%d}."]
    return [f"Its inputs end on different days ({listing}); the table's last row is "
            f"{df.index[-1]:%Y-%m-%d}. Use each column's own last date (helpers.data.last_dates), "
            "never the table's, as 'the latest'."]


def _table(name: str) -> Table:
    if not isinstance(name, str):
        raise TypeError(f"name must be a str naming a table, got {type(name).__name__}; "
                        f"allowed: {', '.join(TABLES)}")
    if name not in TABLES:
        raise ValueError(f"name={name!r} is not a table in the snapshot; allowed: {', '.join(TABLES)}")
    return TABLES[name]


_CACHE: dict[tuple[str, str], pd.DataFrame] = {}


def load(name: str) -> pd.DataFrame:
    """Load one snapshot table after checking its sha256 and schema.

    Returns a DataFrame indexed by ``date`` (a DatetimeIndex); money in $ billions, rates in
    percent. Raises :class:`DataError` naming the file and how to restore it if the file is
    missing, altered or malformed. Results are cached per file hash; a copy is returned.
    """
    table = _table(name)
    folder = data_dir()
    path = folder / table.filename
    if not path.exists():
        raise DataError(f"data/{table.filename} is missing; {RESTORE_HINT}")
    manifest = _read_manifest(folder)
    entry = manifest.get("files", {}).get(table.filename)
    if entry is None:
        raise DataError(f"data/{table.filename} is not listed in data/{MANIFEST}; {RESTORE_HINT}")
    digest = sha256_file(path)
    if digest != entry["sha256"]:
        raise DataError(
            f"data/{table.filename} does not match its sha256 in data/{MANIFEST} "
            f"(expected {entry['sha256'][:12]}..., found {digest[:12]}...): the file was changed; "
            f"{RESTORE_HINT}"
        )
    key = (table.filename, digest)
    if key not in _CACHE:
        _CACHE[key] = _parse_table(table, path)
    return _CACHE[key].copy()


def _copy(value):
    """A copy a caller may change without changing the cache (frames, series, arrays, containers)."""
    if isinstance(value, (pd.DataFrame, pd.Series, np.ndarray)):
        return value.copy()
    if isinstance(value, dict):
        return {k: _copy(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_copy(v) for v in value]
    if isinstance(value, tuple) and not hasattr(value, "_fields"):
        return tuple(_copy(v) for v in value)
    return copy.copy(value) if hasattr(value, "__dict__") and not callable(value) else value


_MEMO: dict[tuple, object] = {}


def memo(fn):
    """The course's one cache for results derived from the snapshot; it always hands out copies.

    ``@memo`` on a function of hashable arguments stores its result the first time, keyed by the
    function, the arguments and the snapshot's manifest (so a rebuilt or refreshed snapshot is
    never served stale), and returns a copy on every call, as :func:`load` does: a caller that
    edits what it gets cannot edit the cache. Use it for slow derived inputs (weekly frames,
    bootstrap distributions), not for cheap ones.
    """
    @functools.wraps(fn)
    def wrapper(*args, **kwargs):
        try:
            stamp = sha256_file(data_dir() / MANIFEST)
        except OSError:
            stamp = ""
        key = (fn.__module__, fn.__qualname__, args, tuple(sorted(kwargs.items())), stamp)
        try:
            hit = key in _MEMO
        except TypeError:  # unhashable argument: compute, do not cache
            return fn(*args, **kwargs)
        if not hit:
            _MEMO[key] = fn(*args, **kwargs)
        return _copy(_MEMO[key])

    wrapper.cache_clear = _MEMO.clear
    return wrapper


def _parse_table(table: Table, path: Path) -> pd.DataFrame:
    try:
        df = pd.read_csv(path, dtype=str, keep_default_na=False)
    except (ValueError, pd.errors.ParserError) as exc:
        raise DataError(f"data/{table.filename} cannot be parsed as CSV ({exc}); {RESTORE_HINT}") from exc
    if list(df.columns) != table.column_names:
        raise DataError(
            f"data/{table.filename} has columns {list(df.columns)}, expected {table.column_names}; "
            f"{RESTORE_HINT}"
        )
    out = pd.DataFrame(index=df.index)
    for col in table.columns:
        raw = df[col.name]
        if col.required and (raw == "").any():
            raise DataError(f"data/{table.filename}: column {col.name!r} has missing values; {RESTORE_HINT}")
        if col.dtype == "date":
            values = pd.to_datetime(raw, format="%Y-%m-%d", errors="coerce")
            if values.isna().any():
                raise DataError(f"data/{table.filename}: column {col.name!r} has a value that is not a "
                                f"YYYY-MM-DD date; {RESTORE_HINT}")
        elif col.dtype == "float":
            values = pd.to_numeric(raw.replace("", np.nan), errors="coerce")
            if values.isna().sum() != (raw == "").sum():
                raise DataError(f"data/{table.filename}: column {col.name!r} has a non-numeric value; "
                                f"{RESTORE_HINT}")
            values = values.astype("float64")
        else:
            values = raw.astype(object)
        out[col.name] = values
    out = out.set_index("date")
    if not out.index.is_monotonic_increasing or out.index.has_duplicates:
        raise DataError(f"data/{table.filename}: dates are not strictly ascending; {RESTORE_HINT}")
    return out


def verify(folder: Path | None = None) -> list[str]:
    """Check every file of the snapshot (hash, schema, manifest). Returns a list of lines."""
    folder = Path(folder) if folder is not None else data_dir()
    manifest = _read_manifest(folder)
    lines = []
    for name, table in TABLES.items():
        entry = manifest.get("files", {}).get(table.filename)
        path = folder / table.filename
        if entry is None or not path.exists():
            raise DataError(f"data/{table.filename} is missing from the snapshot; {RESTORE_HINT}")
        if sha256_file(path) != entry["sha256"]:
            raise DataError(f"data/{table.filename} does not match its sha256 in data/{MANIFEST}; {RESTORE_HINT}")
        df = _parse_table(table, path)
        first, last = df.index[0].date().isoformat(), df.index[-1].date().isoformat()
        if (first, last, len(df)) != (entry["first_date"], entry["last_date"], entry["rows"]):
            raise DataError(f"data/{table.filename}: dates/rows disagree with data/{MANIFEST}; {RESTORE_HINT}")
        lines.append(f"ok  {table.filename:30s} {len(df):6d} rows  {first} .. {last}")
    return lines


# ---------------------------------------------------------------------------
# Building the snapshot from raw files
# ---------------------------------------------------------------------------
_DATE_RE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def read_raw_series(path: Path, series: RawSeries) -> pd.Series:
    """Read and validate one raw FRED-format CSV; returns a float Series indexed by date.

    Checks: the header, ISO dates strictly ascending and unique, numbers (or empty / '.'),
    values inside the series' plausible range, and no jump by a factor of 100 or more between
    consecutive values (a sign of changed units). Raises ValueError naming the file.
    """
    path = Path(path)
    text = path.read_text(encoding="utf-8-sig")
    lines = text.splitlines()
    if not lines:
        raise ValueError(f"{path.name}: empty file")
    expected = f"observation_date,{series.column}"
    header = lines[0].strip()
    if header.startswith("<") or "<html" in text[:500].lower():
        raise ValueError(f"{path.name}: got HTML, not CSV")
    if header != expected:
        raise ValueError(f"{path.name}: header is {header[:60]!r}, expected {expected!r}")
    dates, values = [], []
    for i, line in enumerate(lines[1:], start=2):
        if not line.strip():
            continue
        parts = line.strip().split(",")
        if len(parts) != 2 or not _DATE_RE.match(parts[0]):
            raise ValueError(f"{path.name}: line {i} is not 'YYYY-MM-DD,value': {line[:60]!r}")
        dates.append(parts[0])
        v = parts[1].strip()
        if v in ("", "."):
            values.append(np.nan)
        else:
            try:
                values.append(float(v))
            except ValueError:
                raise ValueError(f"{path.name}: line {i} has a non-numeric value {v!r}") from None
    if not dates:
        raise ValueError(f"{path.name}: no observations")
    idx = pd.to_datetime(pd.Series(dates), format="%Y-%m-%d", errors="coerce")
    if idx.isna().any():
        raise ValueError(f"{path.name}: has an impossible date")
    s = pd.Series(values, index=pd.DatetimeIndex(idx), name=series.series_id, dtype="float64")
    if not (s.index.is_monotonic_increasing and not s.index.has_duplicates):
        raise ValueError(f"{path.name}: dates are not strictly ascending (out of order or repeated)")
    valid = s.dropna()
    if valid.empty:
        raise ValueError(f"{path.name}: every value is missing")
    bad = valid[(valid < series.lo) | (valid > series.hi)]
    if not bad.empty:
        raise ValueError(f"{path.name}: value {bad.iloc[0]} on {bad.index[0].date()} is outside the "
                         f"plausible range {series.lo:g}..{series.hi:g} ({series.units})")
    pos = valid[valid > 0]
    ratio = (pos / pos.shift(1)).dropna()
    jumps = ratio[(ratio >= 100) | (ratio <= 0.01)]
    if not jumps.empty and series.series_id not in ("RRPONTSYD", "WSHOMCB"):
        r = float(jumps.iloc[0])
        raise ValueError(f"{path.name}: value jumps by a factor of {max(r, 1 / r):.0f} "
                         f"({'up' if r > 1 else 'down'}) on {jumps.index[0].date()} (changed units?)")
    return s


def _weekly_balance_sheet(raw: dict[str, pd.Series]) -> pd.DataFrame:
    mil = 1000.0
    assets = raw["WALCL"].dropna() / mil
    df = pd.DataFrame({"total_assets": assets})
    df["treasuries"] = raw["TREAST"].reindex(df.index) / mil
    df["mbs"] = raw["WSHOMCB"].reindex(df.index) / mil
    df["reserves"] = raw["WRESBAL"].reindex(df.index) / mil
    df["tga"] = raw["WTREGEN"].reindex(df.index) / mil
    # ON RRP: the Wednesday's take-up, or the latest operation day in the 7 days up to it.
    rrp = raw["RRPONTSYD"].dropna()
    rrp_asof = rrp.reindex(rrp.index.union(df.index)).ffill(limit=None)
    last_day = pd.Series(rrp.index, index=rrp.index).reindex(rrp_asof.index).ffill()
    on_rrp = rrp_asof.reindex(df.index)
    age = (df.index.to_series() - last_day.reindex(df.index)).dt.days
    on_rrp[(age.isna()) | (age > 6)] = 0.0
    df["on_rrp"] = on_rrp.fillna(0.0)
    df = df.dropna()
    df["other_assets"] = df["total_assets"] - df["treasuries"] - df["mbs"]
    df["net_liquidity"] = df["total_assets"] - df["tga"] - df["on_rrp"]
    df.index.name = "date"
    # $ billions to the nearest $1 million (the raw files are whole millions).
    return df[[c for c in TABLES["fed_balance_sheet"].column_names if c != "date"]].round(3)


def _daily_rates(raw: dict[str, pd.Series]) -> pd.DataFrame:
    lower = raw["DFEDTARL"].dropna()
    df = pd.DataFrame({"target_lower": lower})
    df["target_upper"] = raw["DFEDTARU"].reindex(df.index)
    df["effr"] = raw["DFF"].reindex(df.index)
    df["sofr"] = raw["SOFR"].reindex(df.index)
    df["iorb"] = raw["IORB"].reindex(df.index)
    df = df.dropna(subset=["target_upper"])
    df.index.name = "date"
    return df


def _daily_markets(raw: dict[str, pd.Series]) -> pd.DataFrame:
    spec = TABLES["markets"]
    mapping = dict(zip([c for c in spec.column_names if c != "date"], spec.series))
    start = raw["BTCUSD"].dropna().index[0]
    end = max(raw[s].dropna().index[-1] for s in spec.series)
    idx = pd.date_range(start, end, freq="D", name="date")
    df = pd.DataFrame(index=idx)
    for col, sid in mapping.items():
        df[col] = raw[sid].reindex(idx)
    return df


def _monthly_m2(raw: dict[str, pd.Series]) -> pd.DataFrame:
    df = pd.DataFrame({"m2": raw["M2SL"].dropna()})
    df.index.name = "date"
    return df


# ---- policy events --------------------------------------------------------
_RANGE_RE = re.compile(r"(\d+(?:\.\d+)?)\s*[–-]\s*(\d+(?:\.\d+)?)\s*%")


def parse_policy_timeline(path: Path) -> pd.DataFrame:
    """Parse the markdown table of ``policy_timeline.md`` into rows (all text)."""
    rows = []
    for line in Path(path).read_text(encoding="utf-8").splitlines():
        if not line.startswith("| 2"):
            continue
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if len(cells) != 5:
            raise ValueError(f"{Path(path).name}: a table row does not have 5 cells: {line[:60]!r}")
        rows.append(dict(zip(["date", "effective", "kind", "description", "source_checked"], cells)))
    if not rows:
        raise ValueError(f"{Path(path).name}: no event rows found")
    return pd.DataFrame(rows)


ADDITIONS = Path(__file__).parent / "policy_additions.md"
SOURCES = Path(__file__).parent / "policy_sources.csv"


CHECKED = ("primary", "data", "secondary")
RATE_DECISIONS = ("hike", "cut", "hold")


def _confirm_by_rates(row: dict, rates: pd.DataFrame) -> tuple[str, str]:
    """(checked, effective) for a policy-event row, using the daily target range.

    A ``secondary`` row whose new target range the FRED series show from the next day on becomes
    ``data`` if it is a pure rate decision (hike, cut, hold); a qt_end or rmp row with a range keeps
    ``secondary`` (its other facts are not in these series) and says in its caveat that the range is
    confirmed. A changed range with no effective date gets the first day the series show it.
    """
    checked, effective = row["checked"], row["effective"]
    if checked != "secondary" or np.isnan(row["target_lower"]):
        return checked, effective
    day = pd.Timestamp(row["date"])
    after = rates.loc[day + pd.Timedelta(days=1):, ["target_lower", "target_upper"]]
    if after.empty:
        return checked, effective
    first = after.iloc[0]
    if not (np.isclose(first["target_lower"], row["target_lower"]) and
            np.isclose(first["target_upper"], row["target_upper"])):
        return checked, effective
    before = rates.loc[:day, "target_lower"]
    changed = not before.empty and not np.isclose(before.iloc[-1], row["target_lower"])
    if changed and not effective:
        effective = after.index[0].strftime("%Y-%m-%d")
    note = (f"Target range {row['target_lower']:.2f}-{row['target_upper']:.2f}% confirmed by the FRED "
            f"target-range series (DFEDTARL/DFEDTARU) from {after.index[0]:%Y-%m-%d}.")
    row["caveat"] = f"{row['caveat']} {note}".strip()
    return ("data" if row["kind"] in RATE_DECISIONS else checked), effective


def _policy_events(timeline: Path, sources: Path, rates: pd.DataFrame | None = None) -> pd.DataFrame:
    events = pd.concat([parse_policy_timeline(timeline), parse_policy_timeline(ADDITIONS)])
    events = events.sort_values("date", kind="stable").reset_index(drop=True)
    src = pd.read_csv(sources, dtype=str, keep_default_na=False)
    src = src.drop_duplicates("date", keep="first").set_index("date")
    out = []
    for _, ev in events.iterrows():
        if ev["date"] not in src.index:
            raise ValueError(f"policy event {ev['date']} has no row in {sources.name}")
        s = src.loc[ev["date"]]
        kind = ev["kind"]
        if kind not in EVENT_KINDS:
            raise ValueError(f"policy event {ev['date']}: unknown kind {kind!r}")
        desc = ev["description"]
        lower = upper = np.nan
        ranges = _RANGE_RE.findall(desc)  # "0–0.25 % → 0.25–0.50 %": the last range is the new one
        if ranges and kind in ("hike", "cut", "hold", "qt_end", "rmp", "qe_start"):
            lower, upper = float(ranges[-1][0]), float(ranges[-1][1])
        out.append({
            "date": ev["date"],
            "effective": "" if ev["effective"] in ("—", "-") else ev["effective"],
            "kind": kind,
            "stance": EVENT_KINDS[kind],
            "description": desc.replace(" *check*", ""),
            "key_numbers": s["key_numbers"],
            "target_lower": lower,
            "target_upper": upper,
            "source_url": s["url"],
            "other_sources": s["other_urls"],
            "checked": s["checked"],
            "caveat": s["caveat"],
        })
        if s["checked"] not in ("primary", "secondary"):
            raise ValueError(f"{sources.name}, {ev['date']}: checked must be 'primary' or 'secondary' "
                             f"('data' is computed from the rates), got {s['checked']!r}")
        if rates is not None:
            out[-1]["checked"], out[-1]["effective"] = _confirm_by_rates(out[-1], rates)
    df = pd.DataFrame(out)
    df["date"] = pd.to_datetime(df["date"], format="%Y-%m-%d")
    return df.set_index("date")


# ---- writing --------------------------------------------------------------
def _write_csv(df: pd.DataFrame, path: Path) -> None:
    out = df.copy()
    out.index = out.index.strftime("%Y-%m-%d")
    out.index.name = "date"
    out.to_csv(path, lineterminator="\n", float_format=None)


def build(source: Path, out: Path | None = None, timeline: Path | None = None,
          sources_csv: Path | None = None, *, series_meta: dict[str, RawSeries] | None = None,
          manifest_extra: dict | None = None) -> dict:
    """Derive the snapshot in ``out`` (default: :func:`data_dir`) from raw FRED-format files.

    ``source`` is the folder with one CSV per series (as ``../shared/data/fred``). ``timeline``
    is ``policy_timeline.md`` (default: ``<source>/../../reference/policy_timeline.md``).
    ``series_meta`` overrides the provenance recorded for some series (e.g. crypto closes
    downloaded from Coinbase by :mod:`helpers.refresh` instead of Yahoo); ``manifest_extra``
    adds or replaces top-level manifest keys. Writes the tables and ``manifest.json``; returns
    the manifest.
    """
    meta = {**RAW_SERIES, **(series_meta or {})}
    source = Path(source)
    out = Path(out) if out is not None else data_dir()
    if not source.is_dir():
        raise ValueError(f"source={str(source)!r} is not a folder of raw CSV files")
    timeline = Path(timeline) if timeline else source.parent.parent / "reference" / POLICY_TIMELINE_NAME
    if not timeline.exists():
        raise ValueError(f"timeline={timeline.name!r} not found; pass --timeline path/to/policy_timeline.md")
    sources_csv = Path(sources_csv) if sources_csv else SOURCES
    raw: dict[str, pd.Series] = {}
    raw_hashes = {}
    for sid, series in RAW_SERIES.items():
        path = source / f"{sid}.csv"
        if not path.exists():
            raise ValueError(f"raw file {sid}.csv is missing from the source folder")
        raw[sid] = read_raw_series(path, meta[sid])
        raw_hashes[f"{sid}.csv"] = sha256_file(path)
    frames = {
        "fed_balance_sheet": _weekly_balance_sheet(raw),
        "policy_rates": (rates := _daily_rates(raw)),
        "markets": _daily_markets(raw),
        "m2": _monthly_m2(raw),
        "policy_events": _policy_events(timeline, sources_csv, rates),
    }
    out.mkdir(parents=True, exist_ok=True)
    files = {}
    for name, df in frames.items():
        table = TABLES[name]
        path = out / table.filename
        _write_csv(df, path)
        files[table.filename] = {
            "table": name,
            "description": table.description,
            "frequency": table.frequency,
            "columns": {c.name: {"units": c.units, "description": c.description} for c in table.columns},
            "series": [
                {"id": sid, "units": meta[sid].units, "source": meta[sid].source,
                 "url": meta[sid].url,
                 "last_observation": raw[sid].dropna().index[-1].date().isoformat()}
                for sid in table.series
            ],
            "first_date": df.index[0].date().isoformat(),
            "last_date": df.index[-1].date().isoformat(),
            "rows": int(len(df)),
            "terms_of_use": table.terms,
            "notes": list(table.notes) + _end_notes(name, df, raw),
            "sha256": sha256_file(path),
        }
    manifest = {
        "name": "Liquidity Lab data snapshot",
        "vintage": "FRED and Yahoo Finance copies with observations to "
                   f"{max(s.dropna().index[-1] for s in raw.values()).date().isoformat()}; "
                   "see each file's series.last_observation",
        "built_by": "python -m helpers.data build --source <folder of raw FRED-format CSVs>",
        "raw_inputs": {k: {"sha256": v} for k, v in sorted(raw_hashes.items())},
        "policy_timeline_sha256": sha256_file(timeline),
        "policy_sources_sha256": sha256_file(sources_csv),
        "files": files,
    }
    manifest.update(manifest_extra or {})
    (out / MANIFEST).write_text(json.dumps(manifest, indent=2, sort_keys=False) + "\n", encoding="utf-8")
    _CACHE.clear()
    return manifest


# ---------------------------------------------------------------------------
# Command line
# ---------------------------------------------------------------------------
def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m helpers.data", description=__doc__.split("\n")[0])
    sub = parser.add_subparsers(dest="cmd", required=True)
    b = sub.add_parser("build", help="derive data/ from raw FRED-format CSV files")
    b.add_argument("--source", required=True, type=Path, help="folder of raw CSVs (e.g. ../shared/data/fred)")
    b.add_argument("--timeline", type=Path, help="policy_timeline.md (default: beside the source)")
    b.add_argument("--out", type=Path, help="output folder (default: data/)")
    sub.add_parser("verify", help="check hashes and schemas of the snapshot")
    sub.add_parser("list", help="print the catalogue of tables")
    r = sub.add_parser("refresh", help="rebuild the snapshot online (FRED CSV endpoint)")
    r.add_argument("--timeline", type=Path, help="policy_timeline.md (default: ../shared/reference/)")
    r.add_argument("--timeout", type=float, default=30.0, help="seconds per request (default 30)")
    r.add_argument("--retries", type=int, default=3, help="attempts per series (default 3)")
    args = parser.parse_args(argv)
    try:
        if args.cmd == "build":
            manifest = build(args.source, args.out, args.timeline)
            for fname, entry in manifest["files"].items():
                print(f"wrote {fname:30s} {entry['rows']:6d} rows  {entry['first_date']} .. {entry['last_date']}")
        elif args.cmd == "verify":
            for line in verify():
                print(line)
            print("snapshot verified: every file matches its sha256 and schema")
        elif args.cmd == "list":
            with pd.option_context("display.width", 160, "display.max_colwidth", 60):
                print(catalogue())
        elif args.cmd == "refresh":
            from helpers import refresh

            return refresh.main(timeline=args.timeline, timeout=args.timeout, retries=args.retries)
    except (DataError, ValueError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
