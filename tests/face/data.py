"""Valid calls of helpers.data's public functions: read, check and build the snapshot."""
from __future__ import annotations

import tempfile
from functools import cache
from pathlib import Path

from helpers import data

REPO = Path(__file__).resolve().parents[2]
_TMP = tempfile.TemporaryDirectory(prefix="face-data-")  # removed when the test process ends


@cache
def _raw_walcl() -> Path:
    """A small raw FRED-format file (two weeks of WALCL)."""
    path = Path(_TMP.name) / "WALCL.csv"
    path.write_text("observation_date,WALCL\n2020-01-01,4173626\n2020-01-08,4176089\n", encoding="utf-8")
    return path


def _twice(x):
    return 2 * x


EXAMPLES = {
    "load": lambda t: {"name": "markets"},
    "describe": lambda t: {"name": "policy_events"},
    "last_dates": lambda t: {"name": "markets"},
    "memo": lambda t: {"fn": _twice},
    "read_raw_series": lambda t: {"path": _raw_walcl(), "series": data.RAW_SERIES["WALCL"]},
    "parse_policy_timeline": lambda t: {"path": REPO / "build_inputs" / "policy_additions.md"},
    "check_path": lambda t: {"name": "value", "value": REPO / "build_inputs", "kind": "folder"},
}

SKIP = {
    "build": "it writes a whole snapshot wherever out points, so odd values such as out='abc' would "
             "create snapshot folders in the working directory; tests/test_data.py builds into tmp_path "
             "and checks its bad arguments (test_bad_arguments_are_named)",
}
