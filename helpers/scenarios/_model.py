"""The lesson's calls: mechanics and the toy model run from the snapshot's starting point.

Each function checks the caller's own arguments, takes what it was not given from
:mod:`helpers.scenarios._inputs` (the snapshot's last week, bitcoin's last close, the return pools)
and calls the pure computations in ``_compute`` and ``_simulate``.
"""
from __future__ import annotations

from dataclasses import replace
from typing import Mapping, Sequence

import numpy as np
import pandas as pd

from helpers.i18n import N_
from helpers.scenarios._compute import (DEFAULT_LEVELS, GRID_FIELDS, Scenario, check_scenario, mechanical_path,
                                        scenario_regimes)
from helpers.scenarios._inputs import price_start, rate_start, snapshot_pools, start_point
from helpers.scenarios._simulate import (MAX_PATHS, ScenarioResult, check_toggles, fan_table, probability_table,
                                         simulate)
from helpers.validate import check_choice, check_int, check_number, shown

def liquidity_path(scenario: Scenario | None = None, start: Mapping[str, float] | pd.Series | None = None
                   ) -> pd.DataFrame:
    """The mechanical weekly path a scenario implies ($ billions), weeks 0..horizon.

    ``start`` gives week 0's total_assets, reserves, tga and on_rrp (default: the snapshot's last
    week, :func:`start_point`); currency and other liabilities at week 0 are the residual
    total_assets − reserves − tga − on_rrp, so the identity holds exactly at the start. (In the
    H.4.1 data reserves and the TGA are week averages and total assets a Wednesday level, so the
    residual also absorbs that mismatch.) Columns: ``week``, ``date`` (only when ``start`` has a
    date as its ``name``), ``purchases`` (cumulative), ``total_assets``, ``tga``, ``on_rrp``,
    ``currency_other``, ``reserves``, ``net_liquidity``.
    """
    scenario = check_scenario(scenario)
    return mechanical_path(scenario, start_point() if start is None else start)


def simulate_prices(regimes: np.ndarray, start_price: float, *, n_paths: int = 2000, block_weeks: int = 4,
                    seed: int = 6, recession: bool = False, regulation: bool = False,
                    priced_in: bool = False, history_drift: bool = False) -> np.ndarray:
    """Simulated weekly bitcoin prices, USD: an array of shape (n_paths, weeks + 1), column 0 = start.

    ``regimes``: one bool per simulated week (True = expanding; 1 to 104 weeks), e.g. from
    :func:`scenario_regimes`. Each block of ``block_weeks`` weeks starts at a random place in each
    regime's pool (the snapshot's weeks of that regime in time order); week t of the block takes
    the pool's next return. The random draws do not depend on the toggles, so toggles compare like
    with like (same seed, same draws). Toggles: see :data:`TOGGLES`. ``n_paths``: 1 to 10,000.
    """
    return simulate(regimes, start_price, snapshot_pools(), n_paths=n_paths, block_weeks=block_weeks, seed=seed,
                    recession=recession, regulation=regulation, priced_in=priced_in, history_drift=history_drift)


def run_scenario(scenario: Scenario | None = None, *, recession: bool = False, regulation: bool = False,
                 priced_in: bool = False, history_drift: bool = False, n_paths: int = 2000,
                 block_weeks: int = 4, seed: int = 6, levels: Sequence[float] = DEFAULT_LEVELS,
                 drawdown: float = 0.30, start: Mapping[str, float] | pd.Series | None = None,
                 start_price: float | None = None) -> ScenarioResult:
    """Run a scenario end to end: the mechanical path, its regimes, the toy bitcoin paths, the fan
    chart table and the probability table.

    Defaults: 2,000 paths, 4-week blocks, seed 6; the balance sheet starts at the snapshot's last
    week and the price at bitcoin's last close in the snapshot (``start``/``start_price`` override).
    """
    scenario = check_scenario(scenario)
    path = liquidity_path(scenario, start)
    regimes = scenario_regimes(path)
    if start_price is None:
        price, when = price_start()
    else:
        price, when = check_number("start_price", start_price, 1e-6, 1e9), pd.Timestamp("NaT")
    toggles = check_toggles(recession, regulation, priced_in, history_drift)
    prices = simulate_prices(regimes, price, n_paths=n_paths, block_weeks=block_weeks, seed=seed, **toggles)
    rates = rate_start()
    return ScenarioResult(
        scenario=scenario, path=path, regimes=regimes, prices=prices, fan=fan_table(prices),
        table=probability_table(prices, levels, drawdown), start_price=price, price_date=when,
        toggles=toggles, rate_from=(rates["lower"], rates["upper"]),
    )


def toggle_effects(scenario: Scenario | None = None, *, seed: int = 6, n_paths: int = 2000,
                   level: float = 90_000, drawdown: float = 0.30) -> pd.DataFrame:
    """Each toggle switched on alone (same seed, same draws), against the plain scenario.

    Columns: ``setting``, ``median end (USD)``, ``chance above level (%)``,
    ``chance of drawdown (%)``.
    """
    scenario = check_scenario(scenario)
    level = check_number("level", level, 1e-6, 1e9)
    drawdown = check_number("drawdown", drawdown, 0.01, 0.99)
    # The names stay English in the table (code reads them back); effects_chart shows them translated.
    settings = [(N_("no toggle"), {}), (N_("recession"), {"recession": True}),
                (N_("regulation shock"), {"regulation": True}), (N_("already priced in"), {"priced_in": True}),
                (N_("keep history's drift"), {"history_drift": True})]
    rows = []
    for name, kw in settings:
        res = run_scenario(scenario, seed=seed, n_paths=n_paths, levels=(level,), drawdown=drawdown, **kw)
        rows.append({"setting": name, "median end (USD)": res.median_end,
                     f"chance above ${level:,.0f} (%)": res.table.iloc[0, 0],
                     f"chance of a >{drawdown:.0%} drawdown (%)": res.table.iloc[-1, 0]})
    return pd.DataFrame(rows).set_index("setting")


def _grid_values(field: str, values) -> list:
    """The slider's settings for ``field``, each checked against the Scenario's bounds under the name ``values``."""
    if isinstance(values, (str, bytes)) or not isinstance(values, (list, tuple, range, np.ndarray)):
        raise TypeError(f"values must be a list of settings such as (0, 4, 8), got {type(values).__name__} "
                        f"({shown(values)})")
    if not 1 <= len(values) <= 13:
        raise ValueError(f"values must list 1 to 13 settings, got {shown(values)}")
    if field == "purchase_months":
        out = [check_int(f"values[{i}]", v, 0, 24) for i, v in enumerate(values)]
    else:
        out = [check_number(f"values[{i}]", v, 0, 300) for i, v in enumerate(values)]
    if len(set(out)) != len(out):
        raise ValueError(f"values={shown(values)} repeats a setting; allowed: each setting once")
    return list(values)


def scenario_grid(field: str = "purchase_months", values: Sequence[float] = (0, 2, 4, 6, 8, 10, 12),
                  scenario: Scenario | None = None, seed: int = 6, n_paths: int = 2000
                  ) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Precompute scenarios over one setting for a slider: (liquidity paths, fan tables).

    ``field`` is ``"purchase_months"`` or ``"purchase_pace"``; ``values`` its settings (1 to 13).
    Both tables have a ``value`` column (the setting). The liquidity table is long: ``value``,
    ``week``, ``series`` (Reserves / Net liquidity) and ``billions`` ($ billions). The fan table:
    ``value``, ``week``, quantile columns (USD) and ``expanding_share``. Every other setting comes
    from ``scenario`` (default: :class:`Scenario`).
    """
    field = check_choice("field", field, tuple(GRID_FIELDS))
    values = _grid_values(field, values)
    base = check_scenario(scenario)
    check_int("n_paths", n_paths, 1, MAX_PATHS)
    liq, fans = [], []
    for v in values:
        res = run_scenario(replace(base, **{field: v}), seed=seed, n_paths=n_paths)
        long = res.path.melt(id_vars="week", value_vars=["reserves", "net_liquidity"],
                             var_name="series", value_name="billions")
        long["series"] = long["series"].map({"reserves": "Reserves", "net_liquidity": "Net liquidity"})
        long.insert(0, "value", float(v))
        liq.append(long)
        fan = res.fan.copy()
        fan.insert(0, "value", float(v))
        fan["expanding_share"] = res.expanding_share
        fans.append(fan)
    return pd.concat(liq, ignore_index=True), pd.concat(fans, ignore_index=True)
