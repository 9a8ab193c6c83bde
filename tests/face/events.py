"""Valid calls of helpers.events' public functions (lesson 04), built from the snapshot's tables."""
from helpers import events


def _btc(t):
    return t.load("markets")["btc"].dropna()


EXAMPLES = {
    "policy_phases": lambda t: {"events": t.load("policy_events"), "end": t.last_week},
    "event_table": lambda t: {"events": t.load("policy_events")},
    "effective_date": lambda t: {"text": "Aug 2019", "announced": "2019-07-31"},
    "table_pivots": lambda t: {"events": t.load("policy_events")},
    "rate_turns": lambda t: {"rates": t.load("policy_rates"), "events": t.load("policy_events")},
    "pivot_set": lambda t: {"name": "article"},
    "prices": lambda t: {"asset": "eth"},
    "forward_return": lambda t: {"prices": _btc(t), "start": "2020-03-16", "months": 12},
    "window_returns": lambda t: {"prices": _btc(t), "months": 12},
    "base_distribution": lambda t: {"asset": "btc", "months": 12},
    "percentile_of": lambda t: {"value": 0.5, "distribution": events.base_distribution("btc", 12)},
    "base_rate": lambda t: {"asset": "sp500", "months": 6},
    "chance_at_least": lambda t: {"k": 3, "n": 3, "p": 0.7},
    "event_study": lambda t: {"asset": "btc", "pivots": "article"},
    "study_summary": lambda t: {"asset": "btc", "pivots": "article"},
    "shift_curve": lambda t: {"asset": "nasdaq", "pivots": "first_cuts"},
    "selection_table": lambda t: {"asset": "btc", "months": 12},
    "return_since": lambda t: {"asset": "btc", "start": "2025-12-01"},
    "monthly_returns": lambda t: {"prices": _btc(t)},
    "bootstrap_mean_interval": lambda t: {"values": [0.02, -0.01, 0.05, 0.03, -0.04, 0.01], "reps": 1000},
    "seasonality": lambda t: {"asset": "btc", "reps": 200},
    "season_contrast": lambda t: {"asset": "btc", "months": [11, 12], "reps": 200},
    "timeline_chart": lambda t: {"events": t.load("policy_events")},
    "base_histogram_chart": lambda t: {"study": events.event_study("btc", "article", horizons=(12,)),
                                       "distribution": events.base_distribution("btc", 12),
                                       "asset": "btc", "pivots": "article"},
    "explorer_chart": lambda t: {"data": events.explorer_data()},
    "shift_chart": lambda t: {"curve": events.shift_curve("btc", "article"), "asset": "btc", "pivots": "article"},
    "after_chart": lambda t: {"markets": t.load("markets")},
    "seasonality_chart": lambda t: {"table": events.seasonality("btc", reps=200),
                                    "monthly": events.monthly_returns(_btc(t)), "asset": "btc"},
}
