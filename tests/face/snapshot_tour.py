"""Valid calls of helpers.snapshot_tour (lesson 00)."""
from helpers import snapshot_tour as tour

EXAMPLES = {
    "week_summary": lambda t: {"bs": t.load("fed_balance_sheet"), "column": "reserves", "date": "2025-11-26"},
    "peak": lambda t: {"bs": t.load("fed_balance_sheet")},
    "total_assets_chart": lambda t: {"bs": t.load("fed_balance_sheet"), "phases": tour.phases()},
}
