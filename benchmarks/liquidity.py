"""Lesson 03's window widget, timed by ``make bench`` (tools/bench.py) through the public API: well under 100 ms."""
from helpers import liquidity


def widget_update(window: int = 60, year: int = 2025) -> dict:
    """Everything the lesson's window widget does on a change, except drawing in the browser."""
    panel = liquidity.rolling_correlation_panel(window=window, year=year)
    return liquidity.rolling_panel_spec(panel, window, year)


BENCH = {
    "lesson03 rolling_correlation_panel": (liquidity.rolling_correlation_panel, {"window": 60, "year": 2025}),
    "lesson03 window widget update (panel + chart spec)": (widget_update, {"window": 120, "year": 2025}),
}
