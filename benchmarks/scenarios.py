"""Lesson 06's widget callback and its simulation (timed by ``make bench``), through the public API."""
from helpers import scenarios as sc

BENCH = {
    # The widget panel's callback computes panel_outputs (the simulation plus the chart spec).
    "panel_outputs": (sc.panel_outputs, {"pace": 60.0, "months": 6, "recession": True, "regulation": True}),
    "run_scenario": (sc.run_scenario, {"scenario": sc.Scenario(purchase_pace=60, purchase_months=6)}),
}
