"""Valid calls of helpers.risk's public functions (lesson 05), built from the snapshot's closes."""
from helpers import risk


def _btc(t):
    return t.load("markets")["btc"].dropna()


def _paths(t):
    return risk.block_bootstrap_paths(risk.log_returns(_btc(t)).iloc[-365:], horizon_days=60, n_paths=200)


EXAMPLES = {
    "periods_per_year": lambda t: {"asset": "btc"},
    "asset_prices": lambda t: {"asset": "eth"},
    "log_returns": lambda t: {"prices": _btc(t)},
    "annualised_volatility": lambda t: {"prices": _btc(t)},
    "rolling_volatility": lambda t: {"prices": _btc(t)},
    "drawdown": lambda t: {"prices": _btc(t)},
    "max_drawdown": lambda t: {"prices": _btc(t)},
    "worst_drawdowns": lambda t: {"prices": _btc(t)},
    "staged_vs_lump": lambda t: {"prices": _btc(t)},
    "staged_summary": lambda t: {"outcomes": risk.staged_vs_lump(_btc(t))},
    "ladder_outcomes": lambda t: {"prices": _btc(t)},
    "ladder_summary": lambda t: {"outcomes": risk.ladder_outcomes(_btc(t))},
    "liquidation_price": lambda t: {"entry": 60_000.0, "leverage": 10},
    "liquidation_frequency": lambda t: {"prices": _btc(t), "leverages": [2, 10], "horizons_days": [7, 30]},
    "liquidation_by_year": lambda t: {"prices": _btc(t), "leverage": 10, "days": 30},
    "vol_target_weights": lambda t: {"prices": _btc(t)},
    "vol_target_backtest": lambda t: {"prices": _btc(t)},
    "block_bootstrap_paths": lambda t: {"returns": risk.log_returns(_btc(t)).iloc[-365:], "n_paths": 200},
    "fan_quantiles": lambda t: {"paths": _paths(t)},
    "position_outcomes": lambda t: {"paths": _paths(t), "weights": [1.0, 0.5]},
    "binned_shares": lambda t: {"values": risk.staged_vs_lump(_btc(t))["diff"]},
    "liquidation_price_table": lambda t: {"entry": 60_000.0},
    "volatility_chart": lambda t: {"markets": t.load("markets")},
    "drawdown_chart": lambda t: {"markets": t.load("markets")},
    "staged_chart": lambda t: {"prices": _btc(t)},
    "ladder_chart": lambda t: {"outcomes": risk.ladder_outcomes(_btc(t))},
    "liquidation_chart": lambda t: {"prices": _btc(t), "max_leverage": 20},
    "liquidation_year_chart": lambda t: {"by_year": risk.liquidation_by_year(_btc(t), 10, 30), "title": "By year",
                                         "subtitle": "Share of start days liquidated"},
    "position_fan_chart": lambda t: {"quantiles": risk.fan_quantiles(_paths(t)), "start_value": 10_000,
                                     "title": "A fan", "subtitle": "Bootstrap paths"},
    "as_percent": lambda t: {"df": risk.ladder_summary(risk.ladder_outcomes(_btc(t))), "columns": ["wins"]},
}
