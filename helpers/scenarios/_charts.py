"""Lesson 06's charts. Every ``*_chart`` takes frames or a computed result (a :class:`ScenarioResult`, a
path, a grid) as its first argument and never loads data; the course renderer adds the PNG fallback.
"""
from __future__ import annotations

import json
from functools import reduce

import altair as alt
import numpy as np
import pandas as pd

from helpers.charts import PALETTE, SOURCE_FRED, with_source
from helpers.data import memo
from helpers.i18n import N_, language, text
from helpers.i18n import gettext as _
from helpers.scenarios._compute import GRID_FIELDS, check_path, check_weekly, spells_of
from helpers.scenarios._simulate import ScenarioResult
from helpers.validate import check_choice, check_date, check_frame, check_number, check_text, shown

_QUANTILES = ("q05", "q25", "q50", "q75", "q95")
_SERIES = ["Reserves", "Net liquidity"]
# One colour per item in every chart of the lesson (Okabe-Ito, from helpers.charts.PALETTE). The
# names are English keys; the charts show them with _() (the display names, in the edition's language).
_COLORS = {N_("Reserves"): "#0072B2", N_("Net liquidity"): "#009E73", N_("Total assets"): "#000000",
           N_("TGA"): "#E69F00", N_("Currency & other"): "#CC79A7", N_("ON RRP"): "#56B4E9"}
# Source lines: English here, shown with text() in the edition's language.
_SOURCE_MODEL = N_("Model output: Liquidity Lab toy (block bootstrap of weekly BTC returns, Yahoo BTC-USD, "
                   "by FRED net-liquidity regime). Not a forecast.")
_SOURCE_MECH = N_("Scenario arithmetic from the FRED H.4.1 snapshot's last week (balance-sheet identity)")


def _color_scale(items: list[str]):
    """Colours of the English ``items``, on their display names."""
    return alt.Scale(domain=[_(i) for i in items], range=[_COLORS[i] for i in items])


def _series_color() -> alt.Color:
    """Reserves and net liquidity in their colours, in that order."""
    return alt.Color("series:N", title=None, sort=[_(s) for s in _SERIES], scale=_color_scale(_SERIES))


def _series_names() -> dict[str, str]:
    """The two series' English names -> display names (the chart data's column names)."""
    return {s: _(s) for s in _SERIES}


def _day(dates: pd.Series) -> pd.Series:
    """Dates as 'YYYY-MM-DD' text: smaller chart data than ISO timestamps."""
    return dates.dt.strftime("%Y-%m-%d")


def history_chart(balance_sheet: pd.DataFrame, events: pd.DataFrame, start: str = "2019-01-01") -> alt.LayerChart:
    """Reserves and net liquidity since ``start`` (weekly, $ trillions), with the reserve-management
    purchase announcements marked.

    ``balance_sheet``: the weekly H.4.1 table (``inputs().balance_sheet``); ``events``: the policy-event
    table (``inputs().policy_events``), whose ``kind == "rmp"`` rows are drawn as dashed rules.
    """
    check_frame("balance_sheet", balance_sheet, ("reserves", "net_liquidity"), numeric=True, min_rows=2)
    check_frame("events", events, ("kind",))
    start = check_date("start", start, hi=balance_sheet.index[-2])  # two weeks at least: a line to draw
    if not (events["kind"] == "rmp").any():
        raise ValueError("events has no reserve-management purchases (kind 'rmp'); allowed: the policy-event "
                         "table, inputs().policy_events")
    bs = (balance_sheet.loc[start:, ["reserves", "net_liquidity"]] / 1000).round(3)
    series = _series_names()
    wide = bs.rename(columns={"reserves": series["Reserves"], "net_liquidity": series["Net liquidity"]}).reset_index()
    wide["date"] = _day(wide["date"])
    ev = events[events["kind"] == "rmp"].rename_axis("date").reset_index()[["date"]]
    ev["date"] = _day(ev["date"])
    ev["label"] = [_("Reserve-mgmt purchases {date}").format(date=d) for d in ev["date"]]
    lines = alt.Chart(wide).transform_fold(list(series.values()), as_=["series", "trillions"]).mark_line().encode(
        x=alt.X("date:T", title=None, axis=alt.Axis(format="%Y", tickCount="year")),
        y=alt.Y("trillions:Q", title=_("$ trillions"), scale=alt.Scale(zero=False)),
        color=_series_color(),
    )
    rules = alt.Chart(ev).mark_rule(strokeDash=[4, 3], color="#555").encode(x="date:T", tooltip=["label:N"])
    chart = (lines + rules).properties(
        title=alt.TitleParams(
            _("Both reserve-management programmes started when reserves had fallen"),
            subtitle=[_("Reserves and net liquidity (assets − TGA − ON RRP), weekly, $ trillions; dashed: "
                        "reserve-management purchases announced {dates}").format(
                dates=reduce(lambda a, b: _("{first} and {second}").format(first=a, second=b), ev["date"]))]),
        height=260)
    return with_source(chart, text(SOURCE_FRED))


def path_chart(path: pd.DataFrame, title: str | None = None) -> alt.Chart:
    """The scenario's mechanical path: assets, TGA, reserves, net liquidity ($ billions) by week."""
    if not isinstance(path, pd.DataFrame):
        raise TypeError(f"path must be the DataFrame from liquidity_path, got {type(path).__name__}")
    title = None if title is None else check_text("title", title)
    names = {"total_assets": "Total assets", "net_liquidity": "Net liquidity", "reserves": "Reserves",
             "tga": "TGA", "currency_other": "Currency & other"}
    check_path(path, ("week", *names))
    shown_names = {k: _(v) for k, v in names.items()}
    long = path[["week", *names]].rename(columns=shown_names).melt(id_vars="week", var_name="item",
                                                                   value_name="billions").round({"billions": 1})
    base = path.iloc[0]
    end = path.iloc[-1]
    chart = alt.Chart(long).mark_line().encode(
        x=alt.X("week:Q", title=_("Weeks after the snapshot's last week"), scale=alt.Scale(nice=False)),
        y=alt.Y("billions:Q", title=_("$ billions")),
        color=alt.Color("item:N", title=None, sort=list(shown_names.values()),
                        scale=_color_scale(list(names.values()))),
        tooltip=["week:Q", "item:N", alt.Tooltip("billions:Q", format=",.0f")],
    ).properties(title=alt.TitleParams(
        title or _("Reserves {reserves:+,.0f}B and net liquidity {net_liquidity:+,.0f}B over the scenario").format(
            reserves=end.reserves - base.reserves, net_liquidity=end.net_liquidity - base.net_liquidity),
        subtitle=[_("Δreserves = Δassets − ΔTGA − ΔON RRP − Δ(currency & other), $ billions; "
                    "ON RRP not drawn")]),
        height=260)
    return with_source(chart, text(_SOURCE_MECH))


def regime_chart(weekly: pd.DataFrame) -> alt.LayerChart:
    """Bitcoin's weekly price (log scale) over history, with each spell's regime as a coloured band.

    ``weekly``: the weekly history with ``btc`` and ``expanding`` columns (:func:`weekly_btc`).
    """
    check_weekly(weekly, ("btc", "expanding"))
    if not (weekly["btc"].dropna() > 0).all() or not np.isfinite(weekly["btc"].to_numpy(dtype=float)).all():
        raise ValueError("weekly['btc'] must hold prices > 0 for every week (a log scale); allowed: weekly_btc()")
    hist = weekly.rename_axis("date").reset_index()
    spells = spells_of(weekly, 1)
    expanding, contracting = _("expanding"), _("contracting or flat")  # display labels (chart data only)
    spells["regime"] = spells["regime"].replace({"contracting": contracting, "expanding": expanding})
    spells["end"] = spells["end"] + pd.Timedelta(days=7)
    spells["start"], spells["end"] = _day(spells["start"]), _day(spells["end"])
    line_data = pd.DataFrame({"date": _day(hist["date"]), "btc": hist["btc"].round(0)})
    colors = alt.Scale(domain=[expanding, contracting], range=[PALETTE[2], PALETTE[1]])
    strip = alt.Chart(spells[["start", "end", "regime"]]).mark_rect(opacity=0.35).encode(
        x=alt.X("start:T", title=None), x2="end:T",
        color=alt.Color("regime:N", title=_("Net liquidity, 13-week change"), scale=colors,
                        legend=alt.Legend(titleLimit=400)))
    line = alt.Chart(line_data).mark_line(color="#000", strokeWidth=1.2).encode(
        x="date:T", y=alt.Y("btc:Q", title=_("Bitcoin, USD (log scale)"), scale=alt.Scale(type="log")))
    chart = (strip + line).properties(title=alt.TitleParams(
        _("The regime flips often: long spells are few"),
        subtitle=[_("Bitcoin's Wednesday close; background: net liquidity's 13-week change > 0 "
                    "(expanding) or ≤ 0")]), height=260)
    return with_source(chart, _("Source: FRED H.4.1 series; Yahoo BTC-USD; Liquidity Lab snapshot"))


def _fan_layers(data, start_data):
    x = alt.X("week:Q", title=_("Weeks ahead"), scale=alt.Scale(nice=False))
    outer = alt.Chart(data).mark_area(opacity=0.25, color=PALETTE[0]).encode(
        x=x, y=alt.Y("q05:Q", title=_("Bitcoin, USD (log scale)"), scale=alt.Scale(type="log")), y2="q95:Q")
    inner = alt.Chart(data).mark_area(opacity=0.45, color=PALETTE[0]).encode(x=x, y="q25:Q", y2="q75:Q")
    median = alt.Chart(data).mark_line(color=PALETTE[3]).encode(
        x=x, y="q50:Q", tooltip=["week:Q", alt.Tooltip("q05:Q", format=",.0f"),
                                 alt.Tooltip("q50:Q", format=",.0f"), alt.Tooltip("q95:Q", format=",.0f")])
    start = alt.Chart(start_data).mark_rule(strokeDash=[4, 3], color="#555").encode(y="y:Q")
    return outer + inner + median + start


def _fan_subtitle(start_price: float) -> str:
    return _("Toy model: 5–95 % (light) and 25–75 % (dark) of simulated paths, median line; "
             "dashed: start ${start:,.0f}").format(start=start_price)


def _fan_title(title: str, start_price: float):
    return alt.TitleParams(title, subtitle=[_fan_subtitle(start_price)])


def price_fan_chart(result: ScenarioResult, title: str | None = None) -> alt.LayerChart:
    """The toy's simulated bitcoin prices by week (USD, log scale): 5–95 % and 25–75 % bands and the median."""
    if not isinstance(result, ScenarioResult):
        raise TypeError(f"result must be a ScenarioResult from run_scenario, got {type(result).__name__}")
    if title is None:
        last = result.fan.iloc[-1]
        title = _("A wide fan: after {weeks} weeks half the paths end between ${q25:,.0f} and ${q75:,.0f}").format(
            weeks=int(last["week"]), q25=last["q25"], q75=last["q75"])
    else:
        title = check_text("title", title)
    chart = _fan_layers(result.fan.round(0), pd.DataFrame({"y": [round(result.start_price)]})).properties(
        title=_fan_title(title, result.start_price), height=260)
    return with_source(chart, text(_SOURCE_MODEL))


@memo
def _fan_template(lang: str) -> str:
    """The fan chart's Vega-Lite spec with named (empty) datasets, as JSON; built once per edition (``lang``)."""
    chart = _fan_layers(alt.Data(name="fan"), alt.Data(name="start")).properties(
        title=_fan_title("", 1.0), height=260)
    return json.dumps(with_source(chart, text(_SOURCE_MODEL)).to_dict())


def live_fan_spec(result: ScenarioResult, title: str) -> dict:
    """The fan chart of ``result`` as a Vega-Lite dict, filled into a cached template (~1 ms,
    against ~60 ms to build an Altair chart): the widget panel uses it to stay fast."""
    if not isinstance(result, ScenarioResult):
        raise TypeError(f"result must be a ScenarioResult from run_scenario, got {type(result).__name__}")
    title = check_text("title", title, empty=True)
    spec = json.loads(_fan_template(language()))
    fan = result.fan
    spec["datasets"] = {
        "fan": [dict(zip(fan.columns, map(float, row))) for row in fan.itertuples(index=False)],
        "start": [{"y": result.start_price}],
    }
    spec["title"]["text"] = title
    spec["title"]["subtitle"][0] = _fan_subtitle(result.start_price)
    return spec


def slider_chart(liq: pd.DataFrame, fans: pd.DataFrame, field: str = "purchase_months",
                 value: float | None = None) -> alt.VConcatChart:
    """Two panels tied to one slider over precomputed settings (works without a kernel): reserves
    and net liquidity ($ billions) above, the toy's fan chart (USD) below. ``liq`` and ``fans`` come
    from :func:`scenario_grid` with the same ``field``."""
    field = check_choice("field", field, tuple(GRID_FIELDS))
    for name, df in (("liq", liq), ("fans", fans)):
        if not isinstance(df, pd.DataFrame):
            raise TypeError(f"{name} must be a DataFrame from scenario_grid, got {type(df).__name__}")
    check_frame("liq", liq, ("value", "week", "series", "billions"), dated=False)
    check_frame("fans", fans, ("value", "week", *_QUANTILES), dated=False, numeric=True)
    if not {"Reserves", "Net liquidity"} <= set(liq["series"]):
        raise ValueError("liq must hold both series, Reserves and Net liquidity, as scenario_grid returns")
    if set(liq["value"]) != set(fans["value"]) or not (fans["week"] == 0).any():
        raise ValueError("liq and fans must come from the same scenario_grid call (the same settings, from week 0)")
    if value is not None and check_number("value", value) not in set(liq["value"].astype(float)):
        raise ValueError(f"value={shown(value)} is not one of the precomputed settings; allowed: "
                         f"{', '.join(f'{v:g}' for v in sorted(liq['value'].unique()))}")
    # Every second week and wide tables keep the embedded data small; the lines look the same.
    fans = fans.loc[fans["week"] % 2 == 0, ["value", "week", "q05", "q25", "q50", "q75", "q95"]].round(0)
    liq = (liq[liq["week"] % 2 == 0].pivot_table(index=["value", "week"], columns="series", values="billions")
           .round(1).reset_index())
    liq.columns.name = None
    series = _series_names()
    liq = liq.rename(columns=series)  # the series' display names (chart data only)
    vals = sorted(liq["value"].unique())
    step = float(np.min(np.diff(vals))) if len(vals) > 1 else 1.0
    value = float(vals[len(vals) // 2]) if value is None else float(value)
    param = alt.param(name="setting", value=value, bind=alt.binding_range(
        min=float(vals[0]), max=float(vals[-1]), step=step,
        name=_("{setting}: ").format(setting=text(GRID_FIELDS[field]))))
    top = alt.Chart(liq).transform_fold(list(series.values()), as_=["series", "billions"]).mark_line().encode(
        x=alt.X("week:Q", title=_("Weeks ahead"), scale=alt.Scale(nice=False)),
        y=alt.Y("billions:Q", title=_("$ billions"), scale=alt.Scale(zero=False)),
        color=_series_color(),
    ).transform_filter(alt.datum.value == param).properties(
        title=_("Mechanics: reserves and net liquidity"), height=170)
    start_price = round(float(fans.loc[fans["week"] == 0, "q50"].iloc[0]))
    bottom = _fan_layers(fans, pd.DataFrame({"y": [start_price]})).transform_filter(
        alt.datum.value == param).properties(title=_("Toy model: bitcoin, 5–95 %, 25–75 % and median"), height=170)
    chart = alt.vconcat(top, bottom).add_params(param).properties(title=alt.TitleParams(
        _("Longer purchases keep more weeks 'expanding', and the toy's median edges up"),
        subtitle=[_("Move the slider (in JupyterLab, no kernel needed): precomputed settings; everything "
                    "else as the default scenario")]))
    return with_source(chart, text(_SOURCE_MODEL))


def effects_chart(effects: pd.DataFrame) -> alt.LayerChart:
    """Median end price (USD) under each toggle, from :func:`toggle_effects`."""
    if not isinstance(effects, pd.DataFrame):
        raise TypeError(f"effects must be the DataFrame from toggle_effects, got {type(effects).__name__}")
    check_frame("effects", effects, ("median end (USD)",), dated=False, numeric=True)
    if effects.index.name != "setting" or not np.isfinite(effects["median end (USD)"].to_numpy(dtype=float)).all():
        raise ValueError("effects must be the table from toggle_effects: indexed by setting, a median for each")
    df = effects.reset_index()[["setting", "median end (USD)"]].rename(columns={"median end (USD)": "median"})
    # the settings' display names (toggle_effects names them in English; chart data only)
    df["setting"] = [_(s) if isinstance(s, str) and s.strip() else s for s in df["setting"]]
    bars = alt.Chart(df).mark_bar(color=PALETTE[0]).encode(
        y=alt.Y("setting:N", title=None, sort=None),
        x=alt.X("median:Q", title=_("Median price at the horizon, USD")),
        tooltip=["setting:N", alt.Tooltip("median:Q", format=",.0f")])
    labels = bars.mark_text(align="left", dx=4, color="#333").encode(text=alt.Text("median:Q", format="$,.0f"))
    chart = (bars + labels).properties(title=alt.TitleParams(
        _("The toggles move the toy's median from ${low:,.0f} to ${high:,.0f}").format(
            low=df["median"].min(), high=df["median"].max()),
        subtitle=[_("Toy model, default scenario, each toggle on alone (same random draws)")]), height=170)
    return with_source(chart, text(_SOURCE_MODEL))


