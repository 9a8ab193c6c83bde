"""The course data snapshot: build it from raw FRED-format files, load it, verify it.

The command line of :mod:`helpers.data`::

    python -m helpers.data build --source ../shared/data/fred   # raw CSVs -> data/
    python -m helpers.data verify                               # hashes + schemas
    python -m helpers.data refresh                              # online rebuild (see helpers.refresh)
    python -m helpers.data list                                 # the catalogue

This module is the only part of ``helpers.data`` that imports :mod:`helpers.refresh` (which
itself imports ``helpers.data``), so importing the package never makes an import cycle.
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

import pandas as pd

from helpers import refresh
from helpers.data import DataError, build, catalogue, verify


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
            return refresh.main(timeline=args.timeline, timeout=args.timeout, retries=args.retries)
    except (DataError, ValueError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
