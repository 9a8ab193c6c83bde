"""Lesson 06's widget panel: sliders and toggles for a scenario (needs a running kernel), and what it
computes for one setting (:func:`panel_outputs`, also timed by ``make bench``).

ipywidgets and IPython are imported inside :func:`scenario_panel`, so ``import helpers`` stays light.
"""
from __future__ import annotations

from typing import Any

import pandas as pd

from helpers.i18n import gettext as _
from helpers.scenarios._charts import live_fan_spec
from helpers.scenarios._compute import Scenario
from helpers.scenarios._model import run_scenario
from helpers.validate import check_int, check_number

_PANEL_DEFAULTS = {"pace": 40.0, "months": 4, "rate": 0, "tga": 850.0, "tga_weeks": 13, "rrp": 0.0,
                   "recession": False, "regulation": False, "priced_in": False, "history_drift": False}


def panel_outputs(pace: float = 40.0, months: int = 4, rate: int = 0, tga: float = 850.0,
                  tga_weeks: int = 13, rrp: float = 0.0, recession: bool = False, regulation: bool = False,
                  priced_in: bool = False, history_drift: bool = False) -> tuple[dict, str, pd.DataFrame]:
    """What the widget panel computes for one setting: (fan chart spec, report text, probability
    table). Arguments are the panel's controls: pace ($ billions a month), months, rate (bp a
    quarter, label only), tga and rrp targets ($ billions), tga_weeks, and the four toggles."""
    sc = Scenario(purchase_pace=check_number("pace", pace, 0, 300),  # each control checked under its own name
                  purchase_months=check_int("months", months, 0, 24),
                  rate_path_bp=check_int("rate", rate, -100, 100),
                  tga_target=check_number("tga", tga, 0, 2000),
                  tga_weeks=check_int("tga_weeks", tga_weeks, 1, 52),
                  on_rrp_target=check_number("rrp", rrp, 0, 2500))
    res = run_scenario(sc, recession=recession, regulation=regulation, priced_in=priced_in,
                       history_drift=history_drift)
    spec = live_fan_spec(res, _("Toy model: median at week {week} is ${median:,.0f}").format(
        week=sc.horizon_weeks, median=res.median_end))
    return spec, res.report(), res.table.round(1)


def scenario_panel() -> Any:
    """Sliders and toggles for a scenario; the output shows the fan, the report, the probability
    table and the model's limits. Needs a running kernel."""
    import ipywidgets as widgets
    from IPython.display import display

    d = _PANEL_DEFAULTS
    style = {"description_width": "210px"}
    lay = widgets.Layout(width="520px")

    def slider(cls, key, lo, hi, step, text):
        return cls(value=d[key], min=lo, max=hi, step=step, description=text, style=style, layout=lay,
                   continuous_update=False)

    c = {
        "pace": slider(widgets.FloatSlider, "pace", 0, 150, 5, _("Purchases, $B a month")),
        "months": slider(widgets.IntSlider, "months", 0, 24, 1, _("Purchases last, months")),
        "rate": slider(widgets.IntSlider, "rate", -100, 100, 25, _("Rates, bp a quarter (label)")),
        "tga": slider(widgets.FloatSlider, "tga", 300, 1500, 25, _("TGA target, $B")),
        "tga_weeks": slider(widgets.IntSlider, "tga_weeks", 1, 52, 1, _("Weeks to reach TGA target")),
        "rrp": slider(widgets.FloatSlider, "rrp", 0, 1000, 25, _("ON RRP target, $B")),
        "recession": widgets.Checkbox(value=False, description=_("Recession")),
        "regulation": widgets.Checkbox(value=False, description=_("Regulation shock")),
        "priced_in": widgets.Checkbox(value=False, description=_("Already priced in")),
        "history_drift": widgets.Checkbox(value=False, description=_("Keep history's drift")),
    }

    def show(**kw):
        spec, report, table = panel_outputs(**kw)
        display({"application/vnd.vegalite.v5+json": spec, "text/plain": "<Chart: scenario fan>"}, raw=True)
        display(table)
        print(report)

    out = widgets.interactive_output(show, c)
    left = widgets.VBox([c[k] for k in ("pace", "months", "rate", "tga", "tga_weeks", "rrp")])
    right = widgets.VBox([widgets.HTML("<b>" + _("Risk toggles") + "</b>")] +
                         [c[k] for k in ("recession", "regulation", "priced_in", "history_drift")])
    return widgets.VBox([widgets.HBox([left, right]), out])
