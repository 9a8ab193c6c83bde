"""Valid calls of helpers.liquidity (lesson 03), built from the snapshot with the topic's own functions."""
from helpers import liquidity as lq
from helpers import stats

_SLOW: dict = {}  # derived inputs that take a while (a lead-lag test, bootstrap intervals): built once


def _once(key, build):
    if key not in _SLOW:
        _SLOW[key] = build()
    return _SLOW[key]


def _weekly(t):
    return lq.weekly_frame(t.load("fed_balance_sheet"), t.load("markets"))


def _changes(t):
    return lq.weekly_changes(_weekly(t))


def _returns(t):
    return lq.daily_returns(t.load("markets"))


def _phases(t):
    return lq.inputs().phases


EXAMPLES = {
    "weekly_frame": lambda t: {"fed": t.load("fed_balance_sheet"), "markets": t.load("markets")},
    "weekly_changes": lambda t: {"weekly": _weekly(t)},
    "channel_data": lambda t: {"fed": t.load("fed_balance_sheet"), "markets": t.load("markets"),
                               "start": "2014-09-01"},
    "channels_chart": lambda t: {"data": lq.channel_data(t.load("fed_balance_sheet"), t.load("markets")),
                                 "phases": _phases(t)},
    "net_liquidity_chart": lambda t: {"weekly": _weekly(t), "phases": _phases(t)},
    "component_changes": lambda t: {"fed": t.load("fed_balance_sheet"), "start": "2022-01-01",
                                    "end": "2025-12-31"},
    "level_vs_change": lambda t: {"weekly": _weekly(t), "a": "net_liquidity", "b": "btc", "by_year": True},
    "level_vs_change_chart": lambda t: {"table": lq.level_vs_change(_weekly(t))},
    "spurious_chart": lambda t: {"sim": stats.spurious_correlation_experiment(200, 100, seed=1),
                                 "threshold": 0.5},
    "daily_returns": lambda t: {"markets": t.load("markets")},
    "rolling_corr_frame": lambda t: {"returns": _returns(t), "windows": [20, 60], "assets": ["sp500", "nasdaq"]},
    "rolling_window_chart": lambda t: {"frame": lq.rolling_corr_frame(_returns(t), windows=[20, 60]), "default": 60},
    "rolling_correlation_summary": lambda t: {"returns": _returns(t), "window": 60, "year": 2025},
    "rolling_correlation_panel": lambda t: {"window": 60, "year": 2025, "returns": _returns(t)},
    "yearly_correlation_spread": lambda t: {"returns": _returns(t), "window": 60, "asset": "sp500"},
    "yearly_spread_chart": lambda t: {"table": lq.yearly_correlation_spread(_returns(t)), "window": 60,
                                      "asset": "sp500"},
    "rolling_panel_spec": lambda t: {"panel": lq.rolling_correlation_panel(60, 2025, _returns(t)), "window": 60,
                                     "year": 2025},
    "lead_lag_test": lambda t: {"changes": _changes(t), "x": "net_liquidity", "y": "btc", "max_lag": 6,
                                "n_perm": 99, "block": 4, "seed": 3},
    "lead_lag_chart": lambda t: {"test": _once("lead_lag", lambda: lq.lead_lag_test(_changes(t), n_perm=99))},
    "factor_correlations": lambda t: {"changes": _changes(t), "target": "btc", "factors": {"nasdaq": "Nasdaq"},
                                      "block": 4, "n_boot": 99, "seed": 0, "start": "2018-01-01",
                                      "end": "2025-12-31"},
    "factor_chart": lambda t: {"table": _once("factors", lambda: lq.factor_correlations(_changes(t), n_boot=99)).copy()},
    "rolling_factor_chart": lambda t: {"changes": _changes(t), "window": 52},
}
