"""Lesson 02's widget callback, timed by ``make bench`` (tools/bench.py): well under 100 ms a call."""
from helpers import money_markets as mm

BENCH = {
    "repo_calculator": (mm.repo_calculator_text,
                        {"cash": 95.0, "collateral_value": 100.0, "haircut_pct": 5.0, "rate": 4.3, "days": 7}),
}
