"""Valid calls of helpers.money_markets (lesson 02), built from the snapshot with the topic's own functions."""
from helpers import money_markets as mm

TRADE = {"cash": 95.0, "collateral_value": 100.0, "haircut": 0.05, "rate": 4.3, "days": 7}


def _trade(t):
    return mm.repo_trade(**TRADE)


def _pairs(t):
    return mm.spread_vs_reserves(t.load("policy_rates"), t.load("fed_balance_sheet"))


def _fits(t):
    p = _pairs(t)
    return {c: mm.fit_knee(p[c], p["spread_bp"]) for c in ("reserves", "share_pct")}


def _medians(t):
    p = _pairs(t)
    return {"reserves": mm.binned_medians(p["reserves"], p["spread_bp"], width=100),
            "share_pct": mm.binned_medians(p["share_pct"], p["spread_bp"], width=2)}


def _stress(t):
    ws = mm.weekly_stress(t.load("policy_rates"))
    return {"weekly": ws, "notes": mm.stress_notes(ws, [("2019-09-17", "spike"), ("2025-10-31", "SRF")])}


EXAMPLES = {
    "repo_trade": lambda t: dict(TRADE),
    "repo_cashflows": lambda t: {"trade": _trade(t)},
    "cushion_curve": lambda t: {"trade": _trade(t)},
    "repo_calculator_text": lambda t: {"cash": 95.0, "collateral_value": 100.0, "haircut_pct": 5.0, "rate": 4.3,
                                       "days": 7},
    "corridor_weekly": lambda t: {"rates": t.load("policy_rates")},
    "stress_spread": lambda t: {"rates": t.load("policy_rates")},
    "corridor_stats": lambda t: {"rates": t.load("policy_rates")},
    "weekly_stress": lambda t: {"rates": t.load("policy_rates")},
    "stress_notes": lambda t: {"weekly": mm.weekly_stress(t.load("policy_rates")),
                               "items": [("2019-09-17", "spike"), ("2025-10-31", "SRF")]},
    "spread_vs_reserves": lambda t: {"rates": t.load("policy_rates"), "fed": t.load("fed_balance_sheet")},
    "binned_medians": lambda t: {"x": _pairs(t)["reserves"], "y": _pairs(t)["spread_bp"], "width": 100},
    "fit_knee": lambda t: {"x": _pairs(t)["reserves"], "y": _pairs(t)["spread_bp"]},
    "reserve_demand_report": lambda t: {"pairs": _pairs(t), "fits": _fits(t)},
    "injection_paths": lambda t: {"amount": 38.0},
    "reserve_days": lambda t: {"paths": mm.injection_paths(38.0, 30, nights=1)},
    "srf_records": lambda t: {"events": t.load("policy_events")},
    "cushion_chart": lambda t: {"trade": _trade(t)},
    "corridor_chart": lambda t: {"weekly": mm.corridor_weekly(t.load("policy_rates"))},
    "stress_chart": _stress,
    "on_rrp_chart": lambda t: {"fed": t.load("fed_balance_sheet")},
    "reserve_demand_chart": lambda t: {"pairs": _pairs(t), "fits": _fits(t), "medians": _medians(t)},
    "injection_chart": lambda t: {"paths": mm.injection_paths(38.0, 30)},
}
