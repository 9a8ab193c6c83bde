"""Lesson 00's widget callback, timed by ``make bench`` (tools/bench.py): well under 100 ms a call."""
from helpers import snapshot_tour as tour

BENCH = {
    "lesson00 week_summary": (tour.week_summary,
                              {"bs": tour.inputs().bs, "column": "reserves", "date": "2025-12-01"}),
}
