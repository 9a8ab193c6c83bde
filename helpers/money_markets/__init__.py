"""Money markets (lesson 02): the repo calculator, the rate corridor, stress spreads, the
reserve-demand picture, and overnight loans versus permanent purchases.

Rooms:

* ``_inputs.py`` — :func:`inputs`, the one way to get the topic's tables
  (``rates, fed, events = money_markets.inputs()``);
* ``_compute.py`` — frames and numbers in, frames and numbers out (:class:`RepoTrade`,
  :func:`corridor_weekly`, :func:`stress_spread`, :func:`fit_knee`, ...); no charts, no loading;
* ``_charts.py`` — the ``*_chart`` functions; each takes frames or a computed result;
* ``_reports.py`` — the text the lesson prints (:func:`repo_calculator_text`,
  :func:`reserve_demand_report`).

Units: repo calculator money in **$ millions** (any currency unit works the same way); balance-sheet
money in **$ billions**; rates in **percent**; spreads in **basis points** (1 bp = 0.01 percentage
point); haircuts as a **fraction** (0.02 = 2 %); terms in **days** (interest on an actual/360 basis).

Every public function validates its inputs (:mod:`helpers.validate`): a wrong type raises
``TypeError``, a bad value ``ValueError``; each message names the parameter, the value given and
what is allowed.
"""
from __future__ import annotations

from helpers.money_markets._charts import (
    corridor_chart,
    cushion_chart,
    injection_chart,
    on_rrp_chart,
    reserve_demand_chart,
    stress_chart,
)
from helpers.money_markets._compute import (
    DAY_COUNT,
    IORB_START,
    SOFR_START,
    KneeFit,
    RepoTrade,
    binned_medians,
    corridor_stats,
    corridor_weekly,
    cushion_curve,
    fit_knee,
    injection_paths,
    repo_cashflows,
    repo_trade,
    reserve_days,
    spread_vs_reserves,
    srf_records,
    stress_notes,
    stress_spread,
    weekly_stress,
)
from helpers.money_markets._inputs import MoneyMarketInputs, inputs
from helpers.money_markets._reports import repo_calculator_text, reserve_demand_report

__all__ = [
    "inputs", "MoneyMarketInputs",
    # the repo calculator
    "DAY_COUNT", "RepoTrade", "repo_trade", "repo_cashflows", "cushion_curve", "repo_calculator_text",
    # the corridor and stress spreads
    "IORB_START", "SOFR_START", "corridor_weekly", "stress_spread", "corridor_stats", "weekly_stress",
    "stress_notes",
    # reserves against the spread
    "spread_vs_reserves", "binned_medians", "KneeFit", "fit_knee", "reserve_demand_report",
    # overnight loans versus permanent purchases
    "injection_paths", "reserve_days",
    # sourced Standing Repo Facility figures
    "srf_records",
    # charts
    "cushion_chart", "corridor_chart", "stress_chart", "on_rrp_chart", "reserve_demand_chart", "injection_chart",
]
