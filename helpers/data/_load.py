"""Reading the snapshot: where it is, its manifest, load and verify, and the course's one cache.

Every table is checked against its sha256 in ``manifest.json`` and its schema
(:mod:`helpers.data._schema`) before anything is handed out. Parsed tables and results derived
from them (:func:`memo`) live in one store, :data:`_STORE`, and callers always get copies.
"""
from __future__ import annotations

import copy
import functools
import hashlib
import json
import os
from pathlib import Path
from typing import Any, Callable

import numpy as np
import pandas as pd

from helpers.validate import check_choice, shown

from ._schema import MANIFEST, TABLES, Table

RESTORE_HINT = (
    "restore it with `git checkout -- data/` (the committed snapshot), or rebuild it with "
    "`python -m helpers.data build --source ../shared/data/fred`"
)


class DataError(RuntimeError):
    """The snapshot is missing, altered or malformed."""


# ---------------------------------------------------------------------------
# Locations, paths, hashing
# ---------------------------------------------------------------------------
def data_dir() -> Path:
    """Folder of the snapshot: ``$LIQUIDITY_LAB_DATA`` if set, else the repository's ``data/``."""
    env = os.environ.get("LIQUIDITY_LAB_DATA")
    if env:
        return Path(env)
    return Path(__file__).resolve().parents[2] / "data"


_PATH_KINDS = {"file": "an existing file", "folder": "an existing folder", "any": "a file or folder path"}


def check_path(name: str, value: Any, kind: str = "any") -> Path:
    """``value`` as a :class:`~pathlib.Path` if it is a ``str`` or path-like naming ``kind``.

    ``kind`` is ``"file"`` (it must exist as a file), ``"folder"`` (it must exist as a folder) or
    ``"any"`` (any non-empty path, e.g. a folder that will be written). An empty string is refused
    (it would mean the current folder). Wrong types raise ``TypeError``, the rest ``ValueError``,
    each naming ``name``.

    >>> check_path("source", ".", "folder")
    PosixPath('.')
    """
    kind = check_choice("kind", kind, tuple(_PATH_KINDS))
    allowed = _PATH_KINDS[kind]
    if isinstance(value, bytes) or not isinstance(value, (str, os.PathLike)):
        raise TypeError(f"{name} must be a str or Path, got {type(value).__name__} ({shown(value)}); "
                        f"allowed: {allowed}")
    text = os.fspath(value)
    if not isinstance(text, str) or not text.strip():
        raise ValueError(f"{name}={shown(value)} is empty; allowed: {allowed}")
    path = Path(text)
    if kind == "file" and not path.is_file():
        raise ValueError(f"{name}={str(path)!r} is not a file; allowed: {allowed}")
    if kind == "folder" and not path.is_dir():
        raise ValueError(f"{name}={str(path)!r} is not a folder; allowed: {allowed}")
    return path


def sha256_file(path: Path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 16), b""):
            h.update(chunk)
    return h.hexdigest()


def _read_manifest(folder: Path) -> dict:
    """The parsed ``manifest.json`` of the snapshot in ``folder``; :class:`DataError` if missing or broken."""
    path = Path(folder) / MANIFEST
    if not path.exists():
        raise DataError(f"the snapshot manifest data/{MANIFEST} is missing; {RESTORE_HINT}")
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except ValueError as exc:
        raise DataError(f"data/{MANIFEST} is not valid JSON ({exc}); {RESTORE_HINT}") from exc


def _table(name: str) -> Table:
    if not isinstance(name, str):
        raise TypeError(f"name must be a str naming a table, got {type(name).__name__}; "
                        f"allowed: {', '.join(TABLES)}")
    if name not in TABLES:
        raise ValueError(f"name={name!r} is not a table in the snapshot; allowed: {', '.join(TABLES)}")
    return TABLES[name]


# ---------------------------------------------------------------------------
# The one cache: parsed tables (load) and derived results (memo), copies out
# ---------------------------------------------------------------------------
_STORE: dict[tuple, object] = {}


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


def _cached(key: tuple, compute: Callable[[], object]):
    """``compute()`` once per ``key`` in :data:`_STORE`; every call gets a copy of the stored value."""
    if key not in _STORE:
        _STORE[key] = compute()
    return _copy(_STORE[key])


def clear_cache() -> None:
    """Empty the course's one cache (parsed tables and every ``@memo`` result); later calls recompute.

    Never needed for correctness (entries are keyed by the files' hashes); it frees memory after a
    rebuild or refresh.
    """
    _STORE.clear()


def _snapshot_stamp() -> str:
    try:
        return sha256_file(data_dir() / MANIFEST)
    except OSError:
        return ""


def memo(fn):
    """The course's one cache for results derived from the snapshot; it always hands out copies.

    ``@memo`` on a function of hashable arguments stores its result the first time, keyed by the
    function, the arguments and the snapshot's manifest (so a rebuilt or refreshed snapshot is
    never served stale), and returns a copy on every call, as :func:`load` does: a caller that
    edits what it gets cannot edit the cache. Use it for slow derived inputs (weekly frames,
    bootstrap distributions), not for cheap ones.
    """
    if not callable(fn):
        raise TypeError(f"fn must be a function to cache, got {type(fn).__name__} ({shown(fn)}); "
                        "allowed: use @memo on a def")

    @functools.wraps(fn)
    def wrapper(*args, **kwargs):
        key = ("memo", fn.__module__, fn.__qualname__, args, tuple(sorted(kwargs.items())), _snapshot_stamp())
        try:
            hash(key)
        except TypeError:  # unhashable argument: compute, do not cache
            return fn(*args, **kwargs)
        return _cached(key, lambda: fn(*args, **kwargs))

    wrapper.cache_clear = clear_cache
    return wrapper


# ---------------------------------------------------------------------------
# Reading tables
# ---------------------------------------------------------------------------
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


def load(name: str) -> pd.DataFrame:
    """Load one snapshot table after checking its sha256 and schema.

    Returns a DataFrame indexed by ``date`` (a DatetimeIndex); money in $ billions, rates in
    percent. Raises :class:`DataError` naming the file and how to restore it if the file is
    missing, altered or malformed. Parsed tables are kept in the one cache, keyed by the file's
    hash; a copy is returned.
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
    return _cached(("load", table.filename, digest), lambda: _parse_table(table, path))


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
    """Check every file of the snapshot (hash, schema, manifest). Returns a list of lines.

    ``folder`` is a snapshot folder (one holding ``manifest.json``); default :func:`data_dir`.
    """
    if folder is None:
        folder = data_dir()
    else:
        folder = check_path("folder", folder, "folder")
        if not (folder / MANIFEST).is_file():
            raise ValueError(f"folder={str(folder)!r} holds no {MANIFEST}; allowed: a snapshot folder "
                             "such as data/")
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
