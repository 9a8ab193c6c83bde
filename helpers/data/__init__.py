"""The course data snapshot: build it from raw FRED-format files, load it, verify it.

All file I/O of the course lives here (and in :mod:`helpers.refresh`, which downloads raw
files and then calls :func:`build`). Money is in **$ billions** in every table. Rates are in
**percent**.

Rooms (one job each; import the public names from ``helpers.data``, not from the rooms):

* ``_schema`` — what the snapshot is made from and holds: :data:`RAW_SERIES`, :data:`TABLES`
  (``Table``/``Column``), :data:`EVENT_KINDS`, :data:`CHECKED`, :data:`RATE_DECISIONS`, the terms
  of use. Declarations only, no I/O.
* ``_load`` — reading: :func:`data_dir`, :func:`catalogue`, :func:`describe`, :func:`last_dates`,
  :func:`load`, :func:`verify`, and the course's one cache (:func:`memo`, :func:`clear_cache`):
  parsed tables and derived results in one store, copies handed out.
* ``_build`` — writing: :func:`read_raw_series`, :func:`parse_policy_timeline` and :func:`build`
  (raw CSVs + ``policy_timeline.md`` + the repository's ``build_inputs/`` -> ``data/``).
* ``__main__`` — the command line (it alone imports :mod:`helpers.refresh`, so there is no
  import cycle)::

    python -m helpers.data build --source ../shared/data/fred   # raw CSVs -> data/
    python -m helpers.data verify                               # hashes + schemas
    python -m helpers.data refresh                              # online rebuild (see helpers.refresh)
    python -m helpers.data list                                 # the catalogue
"""
from __future__ import annotations

from ._build import build, parse_policy_timeline, read_raw_series
from ._load import (
    DataError, catalogue, check_path, clear_cache, data_dir, describe, last_dates, load, memo,
    sha256_file, verify,
)
from ._schema import (
    CHECKED, EVENT_KINDS, MANIFEST, POLICY_TIMELINE_NAME, RATE_DECISIONS, RAW_SERIES, TABLES, Column,
    RawSeries, Table,
)

__all__ = [
    "TABLES",
    "RAW_SERIES",
    "DataError",
    "data_dir",
    "catalogue",
    "describe",
    "last_dates",
    "load",
    "memo",
    "clear_cache",
    "verify",
    "build",
    "read_raw_series",
    "parse_policy_timeline",
    "check_path",
    # the schema, for helpers.refresh and the topics
    "MANIFEST",
    "POLICY_TIMELINE_NAME",
    "EVENT_KINDS",
    "CHECKED",
    "RATE_DECISIONS",
    "RawSeries",
    "Column",
    "Table",
]
