"""Lesson 04's widget callbacks with a typical setting (timed by tools/bench.py), through the public API."""
from helpers import events

BENCH = {
    "study_report": (events.study_report, {"asset": "btc", "pivots": "article", "months": 12,
                                           "basis": "announced", "shift_days": 0}),
    "study_report_shifted": (events.study_report, {"asset": "nasdaq", "pivots": "all_cuts", "months": 6,
                                                   "basis": "effective", "shift_days": -30}),
    "event_table": (events.event_table, {"kind": "qt_end", "stance": None}),
}
