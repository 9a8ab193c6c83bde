"""Risk management (lesson 05): volatility, drawdowns, staged buying, take-profit ladders, leverage, sizing.

Every computation takes prices as a pandas Series of closes (USD or index points) indexed by
date, and returns plain values or pandas objects. Returns, drawdowns, weights and liquidation
frequencies are **fractions** (0.25 = 25 %); horizons and windows are **calendar days**.
Simplifications, stated once here and again in the lesson: no fees, no funding, no slippage, no
interest on idle cash, trades at the daily close (the data has no intraday highs or lows).

Get the inputs with :func:`inputs` (``inputs().markets``: the four markets' daily closes) or one
market's closes with :func:`asset_prices`. Rooms:

* ``_inputs.py`` — :func:`inputs` and :func:`asset_prices`: the one place this topic reads the snapshot;
* ``_compute.py`` — volatility, drawdowns, staged buying, the take-profit ladder (prices in, frames out);
* ``_compute_positions.py`` — leverage and liquidation, sizing by volatility, bootstrap paths;
* ``_charts.py`` — every ``*_chart``: prices or a computed table in, an Altair chart out;
* ``_reports.py`` — the lesson's tables and the text reports behind the widgets (read the snapshot);
* ``_panels.py`` — the widget panels (``staged_panel()``, ``ladder_panel()``, ``leverage_panel()``).
"""
from helpers.risk._charts import (drawdown_chart, ladder_chart, liquidation_chart, liquidation_year_chart,
                                  position_fan_chart, staged_chart, volatility_chart)
from helpers.risk._compute import (ASSETS, annualised_volatility, drawdown, ladder_outcomes, ladder_summary,
                                   log_returns, max_drawdown, periods_per_year, rolling_volatility, staged_summary,
                                   staged_vs_lump, worst_drawdowns)
from helpers.risk._compute_positions import (binned_shares, block_bootstrap_paths, fan_quantiles,
                                             liquidation_by_year, liquidation_frequency, liquidation_price,
                                             liquidation_price_table, position_outcomes, vol_target_backtest,
                                             vol_target_weights)
from helpers.risk._inputs import RiskInputs, asset_prices, inputs
from helpers.risk._panels import ladder_panel, leverage_panel, staged_panel
from helpers.risk._reports import (as_percent, drawdown_table, ladder_numbers, ladder_report, leverage_numbers,
                                   leverage_report, staged_numbers, staged_report, staged_table, volatility_table)

__all__ = [
    "ASSETS",
    "RiskInputs",
    "inputs",
    "periods_per_year",
    "asset_prices",
    "log_returns",
    "annualised_volatility",
    "rolling_volatility",
    "drawdown",
    "max_drawdown",
    "worst_drawdowns",
    "staged_vs_lump",
    "staged_summary",
    "staged_numbers",
    "staged_panel",
    "ladder_outcomes",
    "ladder_summary",
    "ladder_numbers",
    "ladder_panel",
    "liquidation_price",
    "liquidation_frequency",
    "liquidation_by_year",
    "leverage_numbers",
    "leverage_panel",
    "vol_target_weights",
    "vol_target_backtest",
    "block_bootstrap_paths",
    "fan_quantiles",
    "position_outcomes",
    "binned_shares",
    "volatility_table",
    "drawdown_table",
    "staged_table",
    "liquidation_price_table",
    "volatility_chart",
    "drawdown_chart",
    "staged_chart",
    "ladder_chart",
    "liquidation_chart",
    "liquidation_year_chart",
    "position_fan_chart",
    "as_percent",
    "staged_report",
    "ladder_report",
    "leverage_report",
]
