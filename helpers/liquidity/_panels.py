"""Lesson 03's widget: the rolling-correlation panel's numbers and its fast Vega-Lite spec."""
from __future__ import annotations

import json

import altair as alt
import pandas as pd

from helpers.charts import inline_csv
from helpers.data import memo
from helpers.i18n import gettext as _
from helpers.liquidity._charts import INDEX_SCALE
from helpers.liquidity._compute import ASSET_LABELS, correlation_panel
from helpers.liquidity._inputs import snapshot_returns
from helpers.validate import check_frame, check_int


def rolling_correlation_panel(window: int = 60, year: int = 2025, returns: pd.DataFrame | None = None) -> dict:
    """The widget's computation: weekly rolling correlations for one window, and the year's summary.

    Returns ``{"series": DataFrame (columns "S&P 500", "Nasdaq"; one row per week, on the week's
    last common trading day), "summary": DataFrame as in rolling_correlation_summary}``. With
    ``returns=None`` the snapshot's daily returns are used (computed once, then cached).
    """
    return correlation_panel(snapshot_returns() if returns is None else returns, window, year)


@memo
def _config_for(theme: str) -> str:
    """The active Altair theme's config, as JSON (computed once per theme)."""
    return json.dumps(alt.Chart().mark_point().to_dict(validate=False).get("config", {}))


def rolling_panel_spec(panel: dict, window: int, year: int) -> dict:
    """Vega-Lite spec (a plain dict) of :func:`rolling_correlation_panel`, with ``year`` shaded.

    Built as a dict rather than through Altair's classes, so that a widget can redraw it in a
    few milliseconds. Colours as in the lesson's other correlation charts.
    """
    if not isinstance(panel, dict) or not isinstance(panel.get("series"), pd.DataFrame):
        raise TypeError(f"panel must be the dict returned by rolling_correlation_panel, got {type(panel).__name__}")
    series = panel["series"]
    labels = list(series.columns)
    if not labels or not set(labels) <= set(ASSET_LABELS.values()):
        raise ValueError(f"panel['series'] has columns {labels[:6]}; allowed: the series from "
                         "rolling_correlation_panel (columns 'S&P 500' and/or 'Nasdaq')")
    check_frame("panel", series, tuple(labels), numeric=True)
    window = check_int("window", window, 20, 250)
    first, last = int(series.index[0].year), int(series.index[-1].year)
    year = check_int("year", year, first, last, allowed=f"a year in panel, from {first} to {last}")
    csv = inline_csv(series.rename_axis("date"), "lesson03_panel", 3)
    return {
        "$schema": alt.SCHEMA_URL,
        "config": json.loads(_config_for(alt.theme.active)),
        "width": 640,
        "height": 260,
        "title": {"text": _("{window}-day rolling correlation of BTC with stock indexes").format(window=window),
                  "subtitle": [_("Daily log returns on common trading days; shaded: {year}").format(year=year)]},
        "layer": [
            {"data": {"values": [{"start": f"{year}-01-01T00:00", "end": f"{year}-12-31T00:00"}]},
             "mark": {"type": "rect", "color": "#999", "opacity": 0.15},
             "encoding": {"x": {"field": "start", "type": "temporal"}, "x2": {"field": "end"}}},
            {"data": {"values": [{"y": 0.5}]},
             "mark": {"type": "rule", "strokeDash": [4, 3], "color": "#555"},
             "encoding": {"y": {"field": "y", "type": "quantitative"}}},
            {"data": {"name": "lesson03_panel", "values": csv.values, "format": csv.format.to_dict()},
             "transform": [{"fold": labels, "as": ["index", "corr"]}],
             "mark": {"type": "line", "strokeWidth": 1.5},
             "encoding": {
                 "x": {"field": "date", "type": "temporal", "title": None},
                 "y": {"field": "corr", "type": "quantitative", "title": _("Correlation with BTC daily returns"),
                       "scale": {"domain": [-0.6, 1]}},
                 "color": {"field": "index", "type": "nominal", "title": _("BTC with"),
                           "scale": {"domain": list(INDEX_SCALE.domain), "range": list(INDEX_SCALE.range)}},
             }},
        ],
    }
