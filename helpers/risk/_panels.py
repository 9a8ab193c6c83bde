"""Lesson 05's widget panels (they need a running kernel). Each prints a report from
:mod:`helpers.risk._reports` for the controls' setting, or says why the setting is not possible.

ipywidgets is imported inside each panel function, so ``import helpers`` stays light.
"""
from __future__ import annotations

from typing import Any, Callable

from helpers.i18n import gettext as _
from helpers.risk._reports import ladder_report, leverage_report, staged_report


def _asset_options() -> list[tuple[str, str]]:
    """The asset dropdown's (label, value) pairs, labels in the edition's language."""
    return [(_("Bitcoin"), "btc"), (_("Ether"), "eth")]


def _months(*months: int) -> list[tuple[str, int]]:
    """A horizon dropdown's (label, days) pairs: "3 months" is 91 days, "6 months" 182, "12 months" 365."""
    days = {3: 91, 6: 182, 12: 365}
    return [(_("{n} months").format(n=m), days[m]) for m in months]


def _printer(report: Callable[..., str]) -> Callable[..., None]:
    """A widget callback that prints ``report(**setting)``, or "Not possible: ..." for a setting it refuses."""
    def show(**setting: Any) -> None:
        try:
            print(report(**setting))
        except ValueError as err:
            print(_("Not possible: {error}").format(error=err))

    return show


def staged_panel() -> Any:
    """Staged buying vs a lump sum: asset, tranches, days apart and horizon (prints :func:`staged_report`)."""
    import ipywidgets as widgets

    asset_s = widgets.Dropdown(options=_asset_options(), value="btc", description=_("Asset"))
    tranches_s = widgets.IntSlider(value=3, min=1, max=8, description=_("Tranches"))
    spacing_s = widgets.IntSlider(value=7, min=1, max=14, description=_("Days apart"))
    horizon_s = widgets.Dropdown(options=_months(3, 6, 12), value=182, description=_("Value after"))
    out = widgets.interactive_output(_printer(staged_report), {
        "asset": asset_s, "tranches": tranches_s, "spacing_days": spacing_s, "horizon_days": horizon_s})
    return widgets.VBox([widgets.HBox([asset_s, horizon_s]), widgets.HBox([tranches_s, spacing_s]), out])


def ladder_panel() -> Any:
    """A two-level take-profit ladder with a trailing stop (prints :func:`ladder_report`)."""
    import ipywidgets as widgets

    pct = dict(readout_format=".0%", continuous_update=False, style={"description_width": "120px"})
    asset_l = widgets.Dropdown(options=_asset_options(), value="btc", description=_("Asset"))
    level1 = widgets.FloatSlider(value=0.2, min=0.05, max=1.0, step=0.05, description=_("First level"), **pct)
    level2 = widgets.FloatSlider(value=0.5, min=0.1, max=3.0, step=0.1, description=_("Second level"), **pct)
    frac1 = widgets.FloatSlider(value=0.25, min=0.0, max=1.0, step=0.05, description=_("Sell at first"), **pct)
    frac2 = widgets.FloatSlider(value=0.25, min=0.0, max=1.0, step=0.05, description=_("Sell at second"), **pct)
    trail = widgets.FloatSlider(value=0.2, min=0.0, max=0.6, step=0.05, description=_("Trailing stop"), **pct)
    stop_from = widgets.ToggleButtons(options=[(_("after the last level"), "last_level"), (_("from entry"), "entry")],
                                      description=_("Stop watches"))
    horizon_l = widgets.Dropdown(options=_months(6, 12), value=365, description=_("Horizon"))
    out = widgets.interactive_output(_printer(ladder_report), {
        "asset": asset_l, "level1": level1, "level2": level2, "fraction1": frac1, "fraction2": frac2,
        "trail": trail, "stop_from": stop_from, "horizon_days": horizon_l})
    return widgets.VBox([widgets.HBox([asset_l, horizon_l]), widgets.HBox([level1, frac1]),
                         widgets.HBox([level2, frac2]), widgets.HBox([trail, stop_from]), out])


def leverage_panel() -> Any:
    """Leverage, holding period, side and maintenance margin (prints :func:`leverage_report`)."""
    import ipywidgets as widgets

    asset_v = widgets.Dropdown(options=_asset_options(), value="btc", description=_("Asset"))
    leverage = widgets.FloatSlider(value=10, min=1, max=100, step=1, description=_("Leverage"), readout_format=".0f")
    days = widgets.IntSlider(value=30, min=1, max=365, description=_("Days held"), continuous_update=False)
    side = widgets.ToggleButtons(options=[(_("long"), "long"), (_("short"), "short")], value="long",
                                 description=_("Side"))
    maintenance = widgets.FloatSlider(value=0.005, min=0.0, max=0.05, step=0.0025, description=_("Maint. margin"),
                                      readout_format=".2%")
    out = widgets.interactive_output(_printer(leverage_report), {
        "asset": asset_v, "leverage": leverage, "days": days, "side": side, "maintenance": maintenance})
    return widgets.VBox([widgets.HBox([asset_v, side]), widgets.HBox([leverage, days]), maintenance, out])
