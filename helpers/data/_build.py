"""Building the snapshot: raw FRED-format files (and the policy timeline) in, ``data/`` out.

Used by ``python -m helpers.data build`` (``make data``) and by :mod:`helpers.refresh`; never by a
lesson. Besides the raw files it reads the build inputs in the repository's ``build_inputs/``
folder (:data:`ADDITIONS`, :data:`SOURCES`).
"""
from __future__ import annotations

import json
import re
from pathlib import Path

import numpy as np
import pandas as pd

from ._load import check_path, clear_cache, data_dir, sha256_file
from ._schema import (
    EVENT_KINDS, MANIFEST, POLICY_TIMELINE_NAME, RATE_DECISIONS, RAW_SERIES, TABLES, RawSeries,
)

BUILD_INPUTS = Path(__file__).resolve().parents[2] / "build_inputs"
ADDITIONS = BUILD_INPUTS / "policy_additions.md"  # events the course adds to the shared timeline
SOURCES = BUILD_INPUTS / "policy_sources.csv"  # the primary source of every event


_DATE_RE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def read_raw_series(path: Path, series: RawSeries) -> pd.Series:
    """Read and validate one raw FRED-format CSV; returns a float Series indexed by date.

    Checks: the header, ISO dates strictly ascending and unique, numbers (or empty / '.'),
    values inside the series' plausible range, and no jump by a factor of 100 or more between
    consecutive values (a sign of changed units). Raises ValueError naming the file.
    """
    path = check_path("path", path, "file")
    if not isinstance(series, RawSeries):
        raise TypeError(f"series must be a RawSeries (e.g. helpers.data.RAW_SERIES['WALCL']), got "
                        f"{type(series).__name__}; allowed: one of helpers.data.RAW_SERIES.values()")
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
    path = check_path("path", path, "file")
    rows = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.startswith("| 2"):
            continue
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if len(cells) != 5:
            raise ValueError(f"{path.name}: a table row does not have 5 cells: {line[:60]!r}")
        rows.append(dict(zip(["date", "effective", "kind", "description", "source_checked"], cells)))
    if not rows:
        raise ValueError(f"{path.name}: no event rows found")
    return pd.DataFrame(rows)


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
def _series_meta(series_meta) -> dict[str, RawSeries]:
    """``series_meta`` checked: None, or a dict of series id -> RawSeries for series of the snapshot."""
    if series_meta is None:
        return {}
    if not isinstance(series_meta, dict):
        raise TypeError(f"series_meta must be a dict of series id -> RawSeries, got {type(series_meta).__name__}; "
                        "allowed: e.g. {'BTCUSD': RawSeries(...)}, or None")
    for sid, series in series_meta.items():
        if not isinstance(sid, str) or not isinstance(series, RawSeries):
            raise TypeError(f"series_meta must map series ids (str) to RawSeries, got {sid!r}: "
                            f"{type(series).__name__}; allowed: e.g. {{'BTCUSD': RawSeries(...)}}")
        if sid not in RAW_SERIES or series.series_id != sid:
            raise ValueError(f"series_meta={{{sid!r}: ...}} is not a raw series of the snapshot (or its "
                             f"series_id differs); allowed: {', '.join(RAW_SERIES)}")
    return dict(series_meta)


def _manifest_extra(manifest_extra) -> None:
    """``manifest_extra`` checked: None, or a dict of str keys that JSON can write."""
    if manifest_extra is None:
        return
    if not isinstance(manifest_extra, dict) or not all(isinstance(k, str) for k in manifest_extra):
        raise TypeError(f"manifest_extra must be a dict with str keys, got {type(manifest_extra).__name__}; "
                        "allowed: e.g. {'built_by': '...'}, or None")
    try:
        json.dumps(manifest_extra, allow_nan=False)
    except (TypeError, ValueError) as exc:
        raise TypeError(f"manifest_extra cannot be written as JSON ({exc}); allowed: str, numbers, "
                        "lists and dicts") from None


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
    source = check_path("source", source)
    if not source.is_dir():
        raise ValueError(f"source={str(source)!r} is not a folder of raw CSV files")
    out = check_path("out", out) if out is not None else data_dir()
    timeline = (check_path("timeline", timeline) if timeline is not None
                else source.parent.parent / "reference" / POLICY_TIMELINE_NAME)
    if not timeline.is_file():
        raise ValueError(f"timeline={timeline.name!r} not found; pass --timeline path/to/policy_timeline.md")
    sources_csv = check_path("sources_csv", sources_csv, "file") if sources_csv is not None else SOURCES
    meta = {**RAW_SERIES, **_series_meta(series_meta)}
    _manifest_extra(manifest_extra)
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
    clear_cache()
    return manifest


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
