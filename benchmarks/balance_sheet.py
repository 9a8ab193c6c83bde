"""Lesson 01's widget callbacks, timed by ``make bench`` (tools/bench.py): the public API, as the lesson calls it."""
from helpers import balance_sheet as bsh

BENCH = {
    "lesson01 t-account explorer": (bsh.explore_html, {"operation": "qt_runoff_tga", "amount": 100.0,
                                                       "then": "tga_rebuild_nonbank"}),
    "lesson01 runoff panel": (bsh.runoff_panel, {"program": "QT2", "maturing_treasuries": 60.0,
                                                 "mbs_paydown_rate": 8.0}),
}
