"""Scenario lab (lesson 06): the mechanical path of reserves and net liquidity, and a toy model
that maps it to a spread of bitcoin outcomes.

Two parts, deliberately kept apart:

1. **Mechanics** (:class:`Scenario`, :func:`liquidity_path`). The Fed's balance sheet balances, so
   with all money in **$ billions**::

       reserves = total assets - TGA - ON RRP - (currency and other liabilities)
       Δreserves = Δassets - ΔTGA - ΔON RRP - Δ(currency and other liabilities)
       net liquidity = total assets - TGA - ON RRP

   A scenario sets reserve-management purchases (pace in $ billions a month and duration in
   months), a TGA target and the weeks to reach it, an ON RRP target, and a trend for currency and
   other liabilities. The path starts from the snapshot's last balance-sheet week
   (:func:`start_point`). The rate path is a *label only*, counted from the target range at the end
   of the snapshot (:func:`rate_start`): the identity has no rate in it, and this toy does not turn
   rates into numbers.

2. **A transparent toy** (:func:`run_scenario`). Historical weekly bitcoin log returns are split
   into two pools by the regime of their week: *expanding* (net liquidity's 13-week change > 0) or
   *contracting* (≤ 0, i.e. contracting or flat). Each simulated week draws from the pool of the
   scenario's regime for that week, in blocks of consecutive weeks (a block bootstrap). Risk
   toggles change the regime mix or add one-off shocks; each toggle's effect is in
   :data:`TOGGLES`. The price paths start at bitcoin's last close in the snapshot
   (:func:`price_start`), which is a later day than the last balance-sheet week: the toy treats
   simulated week k as week k of the mechanics. It is **not a forecast**: see :data:`LIMITS`.

Get the inputs with :func:`inputs` (the balance sheet, bitcoin's closes, policy rates and events).
Rooms:

* ``_inputs.py`` — :func:`inputs` and what is derived from it once: :func:`start_point`,
  :func:`price_start`, :func:`rate_start`, :func:`weekly_btc` (the one place this topic loads data);
* ``_compute.py`` — the mechanics (:class:`Scenario`, the identity, regimes) and the weekly history
  by regime, frames in and out;
* ``_simulate.py`` — the toy's block bootstrap, the fan and probability tables, :class:`ScenarioResult`;
* ``_model.py`` — the lesson's calls run from the snapshot: :func:`liquidity_path`,
  :func:`simulate_prices`, :func:`run_scenario`, :func:`toggle_effects`, :func:`scenario_grid`;
* ``_reports.py`` — the history tables (:func:`regime_stats`, :func:`regime_spells`, ...);
* ``_charts.py`` — every ``*_chart``: frames or a result in, an Altair chart out;
* ``_panels.py`` — the widget panel (:func:`scenario_panel`) and what it computes (:func:`panel_outputs`).
"""
from helpers.scenarios._charts import (effects_chart, history_chart, live_fan_spec, path_chart, price_fan_chart,
                                       regime_chart, slider_chart)
from helpers.scenarios._compute import (DEFAULT_LEVELS, LIMITS, RECESSION_SHOCK, RECESSION_WEEKS, REGIME_WEEKS,
                                        REGULATION_SHOCK, TOGGLES, WEEKS_PER_MONTH, Scenario, identity_gap,
                                        reserves_change, scenario_regimes)
from helpers.scenarios._inputs import ScenarioInputs, inputs, price_start, rate_start, start_point, weekly_btc
from helpers.scenarios._model import liquidity_path, run_scenario, scenario_grid, simulate_prices, toggle_effects
from helpers.scenarios._panels import panel_outputs, scenario_panel
from helpers.scenarios._reports import history_regimes, regime_gap_by_year, regime_spells, regime_stats
from helpers.scenarios._simulate import ScenarioResult, fan_table, probability_table

__all__ = [
    "WEEKS_PER_MONTH",
    "REGIME_WEEKS",
    "RECESSION_SHOCK",
    "RECESSION_WEEKS",
    "REGULATION_SHOCK",
    "DEFAULT_LEVELS",
    "TOGGLES",
    "LIMITS",
    "Scenario",
    "ScenarioResult",
    "ScenarioInputs",
    "inputs",
    "start_point",
    "price_start",
    "rate_start",
    "liquidity_path",
    "reserves_change",
    "identity_gap",
    "scenario_regimes",
    "weekly_btc",
    "history_regimes",
    "regime_stats",
    "regime_gap_by_year",
    "regime_spells",
    "simulate_prices",
    "fan_table",
    "probability_table",
    "run_scenario",
    "toggle_effects",
    "scenario_grid",
    "history_chart",
    "path_chart",
    "regime_chart",
    "price_fan_chart",
    "slider_chart",
    "effects_chart",
    "live_fan_spec",
    "panel_outputs",
    "scenario_panel",
]
