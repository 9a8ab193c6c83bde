"""Lesson 01: T-accounts, runoff caps, how big QT2 was and where the drain landed.

Three parts:

* **T-accounts** — an immutable :class:`Ledger` of four sectors (the Fed, banks, the Treasury,
  non-banks) and pure operations on it: ``apply(ledger, "qe_bank", 100)`` returns a new ledger in
  which every sector still balances (assets = liabilities + equity). Stylised round numbers,
  $ billions.
* **Runoff under caps** — the monthly cap schedules of QT1 (2017–19) and QT2 (2022–25), checked
  against the policy-event table, and a simulator of monthly runoff = min(cap, principal due), the
  excess being reinvested, compared with the holdings in the data.
* **Measuring QT2** — its size from the 2022 peak to the end of runoff, and a decomposition of
  the change in total assets into reserves, the TGA, ON RRP and a residual.

Money is in **$ billions** throughout. Get the data with :func:`inputs` (``inputs().fb``: the
weekly balance sheet; ``.events``: the policy events; ``.levels``: the monthly levels); every
computation and chart takes them as arguments. Rooms:

* ``_inputs.py`` — :func:`inputs`: the one place this topic reads the snapshot;
* ``_ledger.py`` — the T-account model: sectors, operations, :func:`apply`, :func:`operation_effects`;
* ``_compute.py`` — cap schedules, the runoff simulator and the QT2 measures (frames in, frames out);
* ``_charts.py`` — every ``*_chart``: ``fb`` (and ``events``) or a computed table in, an Altair chart out;
* ``_panels.py`` — what the lesson's widgets show: the T-account explorer and the runoff panel (HTML).
"""
from helpers.balance_sheet._charts import (composition_chart, decomposition_chart, liabilities_chart,
                                           paydown_explorer_chart, rmp_chart, runoff_chart)
from helpers.balance_sheet._compute import (CAP_STEPS, DEFAULT_MATURING, DEFAULT_PAYDOWN, PROGRAMS, cap_schedule,
                                            cap_steps, change_since, composition_monthly, drain_decomposition,
                                            monthly_levels, monthly_pace, months_below_cap, nearest_week,
                                            pace_table, paydown_grid, qt_size, runoff_by_year, runoff_comparison,
                                            runoff_totals, simulate_runoff)
from helpers.balance_sheet._inputs import BalanceSheetInputs, inputs
from helpers.balance_sheet._ledger import (ACCOUNTS, MAX_AMOUNT, OPERATIONS, SECTORS, SIDES, Ledger, Operation,
                                           apply, apply_sequence, changes, cross_checks, is_balanced, make_ledger,
                                           operation_effects, reserves, sector_totals, starting_ledger,
                                           t_account_frame)
from helpers.balance_sheet._panels import TAccountView, explore, explore_html, runoff_panel

__all__ = [
    "BalanceSheetInputs", "inputs", "MAX_AMOUNT", "SIDES", "DEFAULT_MATURING", "DEFAULT_PAYDOWN",
    "SECTORS", "ACCOUNTS", "OPERATIONS", "Operation", "Ledger", "TAccountView",
    "starting_ledger", "make_ledger", "apply", "apply_sequence", "reserves", "sector_totals",
    "is_balanced", "cross_checks", "changes", "t_account_frame", "operation_effects", "explore", "explore_html",
    "PROGRAMS", "CAP_STEPS", "cap_steps", "cap_schedule", "monthly_levels", "simulate_runoff",
    "runoff_comparison", "runoff_totals", "runoff_by_year", "runoff_panel", "paydown_grid",
    "months_below_cap", "pace_table", "nearest_week", "qt_size", "drain_decomposition", "change_since", "monthly_pace",
    "composition_monthly", "composition_chart", "runoff_chart", "paydown_explorer_chart",
    "liabilities_chart", "decomposition_chart", "rmp_chart",
]
