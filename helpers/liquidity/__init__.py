"""Liquidity transmission (lesson 03): liquidity channels, net liquidity and how BTC co-moves with it and with stocks.

Money is in $ billions unless a name says otherwise; returns are log returns (fractions); yields are
in percent and their changes in percentage points. Get the inputs with :func:`inputs` (``fed``,
``markets`` and the policy ``phases``). Given ``None``, :func:`weekly_frame`, :func:`channel_data` and
:func:`daily_returns` use the snapshot's frames, and :func:`channels_chart` and
:func:`net_liquidity_chart` its policy phases (the wrappers at the end of this file). Rooms:

* ``_inputs.py`` — :func:`inputs`: the one place this topic reads the snapshot;
* ``_compute.py`` — weekly and daily frames, correlations, the lead–lag and factor tests (frames in);
* ``_charts.py`` — every ``*_chart``: a frame or a test result in, an Altair chart out;
* ``_panels.py`` — the rolling-correlation widget (its numbers and its fast Vega-Lite spec).

Statistical choices, stated once:

* **Weekly data** are taken on Wednesdays, the H.4.1 reporting day of the Fed's balance sheet.
  Market series use their close on that Wednesday, or the latest close before it (at most six
  days old) when markets were shut.
* **Daily returns** of BTC and the stock indexes are log returns on *common trading days*: the
  days on which BTC, the S&P 500 and the Nasdaq all have a close. Each return runs from the
  previous common day's close to this one, so BTC's Monday return includes its weekend.
* **Rolling correlation**: Pearson correlation over the last ``window`` common trading days.
"""
from __future__ import annotations

import altair as alt
import pandas as pd

from helpers.charts import show_live
from helpers.liquidity import _charts, _compute
from helpers.liquidity._charts import (factor_chart, lead_lag_chart, level_vs_change_chart, rolling_factor_chart,
                                       rolling_window_chart, spurious_chart, yearly_spread_chart)
from helpers.liquidity._compute import (CHANNELS, FACTORS, MARKET_COLUMNS, WINDOWS, component_changes,
                                        factor_correlations, lead_lag_test, level_vs_change, rolling_corr_frame,
                                        rolling_correlation_summary, weekly_changes, yearly_correlation_spread)
from helpers.liquidity._inputs import LiquidityInputs, inputs
from helpers.liquidity._panels import rolling_correlation_panel, rolling_panel_spec

__all__ = [
    "MARKET_COLUMNS",
    "CHANNELS",
    "FACTORS",
    "WINDOWS",
    "LiquidityInputs",
    "inputs",
    "weekly_frame",
    "weekly_changes",
    "channel_data",
    "channels_chart",
    "net_liquidity_chart",
    "component_changes",
    "level_vs_change",
    "level_vs_change_chart",
    "spurious_chart",
    "daily_returns",
    "rolling_corr_frame",
    "rolling_window_chart",
    "rolling_correlation_summary",
    "rolling_correlation_panel",
    "yearly_correlation_spread",
    "yearly_spread_chart",
    "rolling_panel_spec",
    "lead_lag_test",
    "lead_lag_chart",
    "factor_correlations",
    "factor_chart",
    "rolling_factor_chart",
    "show_live",
]


# ---------------------------------------------------------------------------
# The room functions that draw on the snapshot when a frame is left as None
# ---------------------------------------------------------------------------
def _docs_of(room_fn, note: str):
    """Give the public function the room function's docstring, plus how ``None`` is filled in."""
    def decorate(fn):
        fn.__doc__ = f"{room_fn.__doc__.rstrip()}\n\n    {note}\n"
        return fn
    return decorate


@_docs_of(_compute.weekly_frame, "``fed`` / ``markets`` of ``None``: the snapshot's (:func:`inputs`).")
def weekly_frame(fed: pd.DataFrame | None = None, markets: pd.DataFrame | None = None) -> pd.DataFrame:
    if fed is None or markets is None:
        snap = inputs()
        fed, markets = (snap.fed if fed is None else fed), (snap.markets if markets is None else markets)
    return _compute.weekly_frame(fed, markets)


@_docs_of(_compute.channel_data, "``fed`` / ``markets`` of ``None``: the snapshot's (:func:`inputs`).")
def channel_data(fed: pd.DataFrame | None = None, markets: pd.DataFrame | None = None,
                 start="2014-09-01") -> pd.DataFrame:
    if fed is None or markets is None:
        snap = inputs()
        fed, markets = (snap.fed if fed is None else fed), (snap.markets if markets is None else markets)
    return _compute.channel_data(fed, markets, start)


@_docs_of(_compute.daily_returns, "``markets=None``: the snapshot's (:func:`inputs`).")
def daily_returns(markets: pd.DataFrame | None = None) -> pd.DataFrame:
    return _compute.daily_returns(inputs().markets if markets is None else markets)


@_docs_of(_charts.channels_chart, "``phases=None``: the snapshot's (``inputs().phases``).")
def channels_chart(data: pd.DataFrame, phases: pd.DataFrame | None = None) -> alt.VConcatChart:
    return _charts.channels_chart(data, inputs().phases if phases is None else phases)


@_docs_of(_charts.net_liquidity_chart, "``phases=None``: the snapshot's (``inputs().phases``).")
def net_liquidity_chart(weekly: pd.DataFrame, phases: pd.DataFrame | None = None) -> alt.VConcatChart:
    return _charts.net_liquidity_chart(weekly, inputs().phases if phases is None else phases)
