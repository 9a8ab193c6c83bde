"""Valid calls of helpers.scenarios' public functions (lesson 06), built from the topic's own inputs."""
from helpers import scenarios as sc


def _small():
    return sc.run_scenario(sc.Scenario(horizon_weeks=8), n_paths=100)


def _grid():
    return sc.scenario_grid("purchase_months", (0, 4), n_paths=100)


EXAMPLES = {
    "reserves_change": lambda t: {"d_assets": 48.0},
    "identity_gap": lambda t: {"path": sc.liquidity_path()},
    "scenario_regimes": lambda t: {"path": sc.liquidity_path()},
    "simulate_prices": lambda t: {"regimes": sc.scenario_regimes(sc.liquidity_path()), "start_price": 90_000.0,
                                  "n_paths": 100},
    "fan_table": lambda t: {"prices": _small().prices},
    "probability_table": lambda t: {"prices": _small().prices},
    "history_chart": lambda t: {"balance_sheet": t.load("fed_balance_sheet"), "events": t.load("policy_events")},
    "path_chart": lambda t: {"path": sc.liquidity_path()},
    "regime_chart": lambda t: {"weekly": sc.weekly_btc()},
    "price_fan_chart": lambda t: {"result": _small()},
    "slider_chart": lambda t: dict(zip(("liq", "fans"), _grid())),
    "effects_chart": lambda t: {"effects": sc.toggle_effects(n_paths=100)},
    "live_fan_spec": lambda t: {"result": _small(), "title": "Toy model"},
}
