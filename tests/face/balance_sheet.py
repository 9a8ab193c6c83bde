"""Valid calls of helpers.balance_sheet (lesson 01), built from the snapshot's tables and the topic's own functions."""
import pandas as pd

from helpers import balance_sheet as bsh


def _start():
    return bsh.starting_ledger()


def _balances():
    return {(sector, item): v for (sector, _side, item), v in _start().as_series().items()}


def _levels(t):
    return bsh.monthly_levels(t.load("fed_balance_sheet"))


def _comparison(t, program="QT2"):
    return bsh.runoff_comparison(program, levels=_levels(t), events=t.load("policy_events"))


def _schedule():
    return pd.DataFrame({"treasury_cap": 10.0, "mbs_cap": 5.0, "mbs_excess_to": "MBS"},
                        index=pd.date_range("2030-01-01", periods=6, freq="MS"))


EXAMPLES = {
    # T-accounts
    "make_ledger": lambda t: {"balances": _balances()},
    "apply": lambda t: {"ledger": _start(), "operation": "qe_bank", "amount": 100.0},
    "apply_sequence": lambda t: {"ledger": _start(), "steps": [("qe_nonbank", 75), ("mmf_to_onrrp", 30)]},
    "reserves": lambda t: {"ledger": _start()},
    "sector_totals": lambda t: {"ledger": _start()},
    "is_balanced": lambda t: {"ledger": _start()},
    "cross_checks": lambda t: {"ledger": _start()},
    "changes": lambda t: {"before": _start(), "after": bsh.apply(_start(), "qt_runoff_tga", 60)},
    "t_account_frame": lambda t: {"ledger": bsh.apply(_start(), "qe_bank", 10), "sector": "Fed", "before": _start()},
    "explore": lambda t: {"operation": "qt_runoff_tga", "amount": 100.0, "then": "tga_rebuild_nonbank"},
    "explore_html": lambda t: {"operation": "qt_runoff_tga", "amount": 100.0, "then": "tga_rebuild_nonbank"},
    # runoff under caps
    "cap_steps": lambda t: {"events": t.load("policy_events")},
    "cap_schedule": lambda t: {"program": "QT2", "events": t.load("policy_events")},
    "monthly_levels": lambda t: {"fb": t.load("fed_balance_sheet")},
    "simulate_runoff": lambda t: {"schedule": _schedule(), "start_treasuries": 100.0, "start_mbs": 120.0,
                                  "maturing_treasuries": 4.0, "mbs_paydown_rate": 10.0},
    "runoff_comparison": lambda t: {"program": "QT2", "maturing_treasuries": 60.0, "mbs_paydown_rate": 10.0,
                                    "levels": _levels(t), "events": t.load("policy_events")},
    "runoff_totals": lambda t: {"comparison": _comparison(t)},
    "runoff_by_year": lambda t: {"comparison": _comparison(t)},
    "runoff_panel": lambda t: {"program": "QT1", "maturing_treasuries": 25.0, "mbs_paydown_rate": 10.0,
                               "levels": _levels(t), "events": t.load("policy_events")},
    "paydown_grid": lambda t: {"levels": _levels(t), "rates": [4, 8, 12], "events": t.load("policy_events")},
    "months_below_cap": lambda t: {"comparison": _comparison(t), "asset": "mbs", "share": 1.0},
    # measuring QT2
    "nearest_week": lambda t: {"fb": t.load("fed_balance_sheet"), "date": "2025-12-01"},
    "qt_size": lambda t: {"fb": t.load("fed_balance_sheet")},
    "drain_decomposition": lambda t: {"fb": t.load("fed_balance_sheet"), "start": "2022-06-01", "end": "2025-12-01"},
    "change_since": lambda t: {"fb": t.load("fed_balance_sheet"), "start": "2025-12-01"},
    "monthly_pace": lambda t: {"fb": t.load("fed_balance_sheet"), "column": "treasuries",
                               "start": "2025-12-10", "end": t.last_week},
    "pace_table": lambda t: {"fb": t.load("fed_balance_sheet"), "windows": {"RMP": ("2025-12-10", t.last_week)}},
    # charts
    "composition_monthly": lambda t: {"fb": t.load("fed_balance_sheet"), "start": "2007-01-01"},
    "composition_chart": lambda t: {"fb": t.load("fed_balance_sheet"), "events": t.load("policy_events")},
    "runoff_chart": lambda t: {"comparison": _comparison(t)},
    "paydown_explorer_chart": lambda t: {"grid": bsh.paydown_grid(_levels(t), rates=[4, 8, 12]), "start_rate": 8.0},
    "liabilities_chart": lambda t: {"fb": t.load("fed_balance_sheet"), "events": t.load("policy_events")},
    "decomposition_chart": lambda t: {"decomp": bsh.drain_decomposition(t.load("fed_balance_sheet"))},
    "rmp_chart": lambda t: {"fb": t.load("fed_balance_sheet"), "events": t.load("policy_events")},
}
