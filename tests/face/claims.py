"""Valid calls of helpers.claims' public functions (lesson 07, the claims lab)."""
from helpers import claims


def _facts(n):
    return lambda t: {"facts": claims.evidence(n).facts}


EXAMPLES = {
    "matches": lambda t: {"value": 2.4, "claimed": 2.0, "step": 1.0},
    "reaches": lambda t: {"value": 0.67, "claimed": 0.72, "step": 0.01},
    "most_favourable": lambda t: {"verdicts": ["false", "misleading"]},
    "overall_verdict": lambda t: {"verdicts": ["supported", "misleading", "cannot be checked with this data"]},
    "normalise_verdict": lambda t: {"text": "not supported"},
    "record": lambda t: {"claim": 4, "verdict": "false"},
    "reveal": lambda t: {"claim": 4},
    "evidence": lambda t: {"number": 4},
    "daily_shifts": lambda t: {"series": t.load("markets")["btc_coinbase"].dropna(),
                               "reference": t.load("markets")["btc"].dropna()},
    "realign_daily": lambda t: {"series": t.load("markets")["btc_coinbase"].dropna(),
                                "reference": t.load("markets")["btc"].dropna()},
    "balance_sheet_chart": lambda t: {"data": claims.inputs()},
    "announcement_chart": lambda t: {"data": claims.inputs()},
    "correlation_chart": lambda t: {"data": claims.inputs()},
    "link_by_year_chart": lambda t: {"by_year": claims.link_by_year()},
    "verdict_chart": lambda t: {"evidence": claims.all_evidence()},
    **{f"rule_{n:02d}": _facts(n) for n in range(1, 15)},
}
