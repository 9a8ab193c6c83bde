"""Scenario lab (lesson 06): the mechanical path of reserves and net liquidity, and a toy model
that maps it to a spread of bitcoin outcomes.

Two parts, deliberately kept apart:

1. **Mechanics** (:class:`Scenario`, :func:`liquidity_path`). The Fed's balance sheet balances, so
   with all money in **$ billions**::

       reserves = total assets - TGA - ON RRP - (currency and other liabilities)
       Δreserves = Δassets - ΔTGA - ΔON RRP - Δ(currency and other liabilities)
       net liquidity = total assets - TGA - ON RRP

   A scenario sets reserve-management purchases (pace in $ billions a month and duration in
   months), a TGA target and the weeks to reach it, an ON RRP target, and a trend for currency and
   other liabilities. The path starts from the snapshot's last balance-sheet week
   (:func:`start_point`). The rate path is a *label only*, counted from the target range at the end
   of the snapshot (:func:`rate_start`): the identity has no rate in it, and this toy does not turn
   rates into numbers.

2. **A transparent toy** (:func:`run_scenario`). Historical weekly bitcoin log returns are split
   into two pools by the regime of their week: *expanding* (net liquidity's 13-week change > 0) or
   *contracting* (≤ 0, i.e. contracting or flat). Each simulated week draws from the pool of the
   scenario's regime for that week, in blocks of consecutive weeks (a block bootstrap). Risk
   toggles change the regime mix or add one-off shocks; each toggle's effect is in
   :data:`TOGGLES`. The price paths start at bitcoin's last close in the snapshot
   (:func:`price_start`), which is a later day than the last balance-sheet week: the toy treats
   simulated week k as week k of the mechanics. It is **not a forecast**: see :data:`LIMITS`.

Widget callbacks compute with :func:`run_scenario`; :data:`BENCH` registers it for ``make bench``.
"""
from __future__ import annotations

import json
import math
from dataclasses import dataclass, fields, replace
from functools import lru_cache
from typing import Any, Mapping, Sequence

import numpy as np
import pandas as pd

from helpers.validate import check_flag, check_int, check_number, check_seed

__all__ = [
    "WEEKS_PER_MONTH",
    "REGIME_WEEKS",
    "RECESSION_SHOCK",
    "RECESSION_WEEKS",
    "REGULATION_SHOCK",
    "DEFAULT_LEVELS",
    "TOGGLES",
    "LIMITS",
    "Scenario",
    "ScenarioResult",
    "start_point",
    "price_start",
    "rate_start",
    "liquidity_path",
    "reserves_change",
    "identity_gap",
    "scenario_regimes",
    "weekly_btc",
    "history_regimes",
    "regime_stats",
    "regime_gap_by_year",
    "regime_spells",
    "simulate_prices",
    "fan_table",
    "probability_table",
    "run_scenario",
    "toggle_effects",
    "scenario_grid",
    "history_chart",
    "path_chart",
    "regime_chart",
    "fan_chart",
    "slider_chart",
    "effects_chart",
    "live_fan_spec",
    "panel_outputs",
    "scenario_panel",
    "BENCH",
]

WEEKS_PER_MONTH = 52 / 12
REGIME_WEEKS = 13  # the regime is the sign of net liquidity's change over this many weeks
RECESSION_SHOCK = -0.30  # one-off fall (fraction) in the "recession" toggle
RECESSION_WEEKS = 26  # weeks forced into the contracting pool by the "recession" toggle
REGULATION_SHOCK = -0.20  # one-off fall (fraction) in the "regulation shock" toggle
DEFAULT_LEVELS = (40_000, 60_000, 90_000, 100_000)  # USD per BTC

TOGGLES: dict[str, str] = {
    "recession": (
        f"Recession: weeks 1–{RECESSION_WEEKS} draw from the contracting pool whatever the liquidity "
        f"path says (in a recession, risk appetite is assumed to dominate the plumbing), and one extra "
        f"{RECESSION_SHOCK:+.0%} week hits at a random week among weeks 1–13 (a different week in each path)."
    ),
    "regulation": (
        f"Regulation shock: one extra {REGULATION_SHOCK:+.0%} week hits at a random week of the horizon "
        "(a different week in each path); the regime mix is unchanged."
    ),
    "priced_in": (
        "Already priced in: the liquidity path is ignored and every week draws from the pool of all "
        "historical weeks (if everyone expects the purchases, today's price may already reflect them). "
        "It overrides the recession's regime switch; shocks still apply."
    ),
    "history_drift": (
        "Keep history's drift: draws keep bitcoin's historical average weekly return (its rise from "
        "hundreds to tens of thousands of dollars). Off (the default), the all-history average is "
        "subtracted from every draw, so only the regime difference and the swings remain."
    ),
}

LIMITS: tuple[str, ...] = (
    "This is not a forecast. It shows what one stated set of assumptions implies, nothing more.",
    "The two regimes overlap heavily: weekly returns in expanding and contracting weeks have nearly the "
    "same spread, and their averages differ by much less than one week's typical move.",
    "There are few independent regimes: the history holds only a handful of long expanding or "
    "contracting spells, so the regime averages rest on a few episodes.",
    "History may not repeat: bitcoin's market, holders and regulation changed a great deal since 2014.",
    "Net liquidity explains little of bitcoin's weekly moves (see lesson 03): correlation is weak, "
    "unstable and not causation.",
    "The mechanics are an identity, not a forecast of what the Fed or Treasury will do; the rate path "
    "is a label only and changes no number here.",
    "Shock sizes in the toggles are round illustrative numbers, not estimates.",
)

# One colour per item in every chart of the lesson (Okabe-Ito, from helpers.charts.PALETTE).
_COLORS = {"Reserves": "#0072B2", "Net liquidity": "#009E73", "Total assets": "#000000", "TGA": "#E69F00",
           "Currency & other": "#CC79A7", "ON RRP": "#56B4E9"}
_SOURCE_MODEL = ("Model output: Liquidity Lab toy (block bootstrap of weekly BTC returns, Yahoo BTC-USD, "
                 "by FRED net-liquidity regime). Not a forecast.")
_SOURCE_MECH = "Scenario arithmetic from the FRED H.4.1 snapshot's last week (balance-sheet identity)"


# ---------------------------------------------------------------------------
# Mechanics
# ---------------------------------------------------------------------------
@dataclass(frozen=True)
class Scenario:
    """One scenario. Money in $ billions; time in weeks or months as named.

    purchase_pace: reserve-management purchases, $ billions a month (0–300).
    purchase_months: how long the purchases last, months (0–24); the total bought,
        pace × months, is spread evenly over round(months × 52/12) weeks starting in week 1.
    rate_path_bp: policy-rate change per quarter in basis points (−100 to +100), counted from the
        target range at the end of the snapshot (:func:`rate_start`); 0 holds it there. A label
        only: no number in this lesson depends on it.
    tga_target: the Treasury General Account's target level, $ billions (0–2,000).
    tga_weeks: weeks to reach the TGA target in equal steps (1–52).
    on_rrp_target: ON RRP take-up target, $ billions (0–2,500).
    on_rrp_weeks: weeks to reach the ON RRP target in equal steps (1–52).
    other_trend: change in currency and other liabilities, $ billions a month (−100 to +100);
        0 holds them constant.
    horizon_weeks: weeks simulated (4–104).
    """

    purchase_pace: float = 40.0
    purchase_months: int = 4
    rate_path_bp: int = 0
    tga_target: float = 850.0
    tga_weeks: int = 13
    on_rrp_target: float = 0.0
    on_rrp_weeks: int = 4
    other_trend: float = 0.0
    horizon_weeks: int = 52

    def __post_init__(self):
        checks = {
            "purchase_pace": lambda v: check_number("purchase_pace", v, 0, 300),
            "purchase_months": lambda v: check_int("purchase_months", v, 0, 24),
            "rate_path_bp": lambda v: check_int("rate_path_bp", v, -100, 100),
            "tga_target": lambda v: check_number("tga_target", v, 0, 2000),
            "tga_weeks": lambda v: check_int("tga_weeks", v, 1, 52),
            "on_rrp_target": lambda v: check_number("on_rrp_target", v, 0, 2500),
            "on_rrp_weeks": lambda v: check_int("on_rrp_weeks", v, 1, 52),
            "other_trend": lambda v: check_number("other_trend", v, -100, 100),
            "horizon_weeks": lambda v: check_int("horizon_weeks", v, 4, 104),
        }
        for f in fields(self):
            object.__setattr__(self, f.name, checks[f.name](getattr(self, f.name)))

    @property
    def purchase_weeks(self) -> int:
        """Weeks over which the purchases are spread: round(months × 52/12)."""
        return int(round(self.purchase_months * WEEKS_PER_MONTH))

    def label(self, rate_from: tuple[float, float] | None = None) -> str:
        """A one-line description of the scenario.

        ``rate_from``: the (lower, upper) target range the rate path starts from, percent (e.g.
        from :func:`rate_start`); ``None`` leaves the starting range out.
        """
        if rate_from is None:
            where = ""
        else:
            if not isinstance(rate_from, (tuple, list)) or len(rate_from) != 2:
                raise TypeError(f"rate_from must be a (lower, upper) pair in percent or None, got {rate_from!r}")
            lo, hi = (check_number("rate_from[0]", rate_from[0], 0, 25),
                      check_number("rate_from[1]", rate_from[1], 0, 25))
            if hi < lo:
                raise ValueError(f"rate_from={rate_from!r}: upper must be at least lower")
            where = f"{lo:.2f}–{hi:.2f} %"
        if self.rate_path_bp == 0:
            rate = f"rates held at {where}" if where else "rates on hold"
        else:
            rate = f"rates {self.rate_path_bp:+d} bp a quarter" + (f" from {where}" if where else "")
        return (f"purchases ${self.purchase_pace:,.0f}B/month for {self.purchase_months} months; "
                f"TGA to ${self.tga_target:,.0f}B in {self.tga_weeks} weeks; "
                f"ON RRP to ${self.on_rrp_target:,.0f}B in {self.on_rrp_weeks} weeks; "
                f"currency & other {self.other_trend:+,.0f} $B/month; {rate} (label only)")


_START_KEYS = ("total_assets", "reserves", "tga", "on_rrp")


@lru_cache(maxsize=1)
def _start_point() -> pd.Series:
    from helpers.data import load

    bs = load("fed_balance_sheet")
    return bs.iloc[-1][list(_START_KEYS)].astype(float)


def start_point() -> pd.Series:
    """The snapshot's last balance-sheet week: total_assets, reserves, tga, on_rrp ($ billions).

    The Series' ``name`` is the week's date. (Read once per session and kept.)
    """
    return _start_point().copy()


@lru_cache(maxsize=1)
def _price_start() -> tuple[float, pd.Timestamp]:
    from helpers.data import load

    btc = load("markets")["btc"].dropna()
    return float(btc.iloc[-1]), btc.index[-1]


def price_start() -> tuple[float, pd.Timestamp]:
    """Bitcoin's last close in the snapshot and its date: (USD per BTC, day).

    The toy's price paths start here. It is usually a later day than the last balance-sheet week
    (:func:`start_point`): the two series end on different days.
    """
    return _price_start()


@lru_cache(maxsize=1)
def _rate_start() -> pd.Series:
    from helpers.data import load

    rates = load("policy_rates")[["target_lower", "target_upper"]].dropna()
    last = rates.iloc[-1]
    same = (rates["target_lower"] == last["target_lower"]) & (rates["target_upper"] == last["target_upper"])
    changed = rates.index[~same]
    since = rates.index[rates.index > changed[-1]][0] if len(changed) else rates.index[0]
    return pd.Series({"lower": float(last["target_lower"]), "upper": float(last["target_upper"]),
                      "since": since, "as_of": rates.index[-1]}, name="target range")


def rate_start() -> pd.Series:
    """The FOMC's target range at the end of the snapshot, from the policy-rate data.

    ``lower`` and ``upper`` in percent; ``since``: the first day of that range; ``as_of``: the
    data's last day. The scenario's rate path (a label only) starts from this range.
    """
    return _rate_start().copy()


def _ramp(start: float, target: float, weeks: int, horizon: int) -> np.ndarray:
    """Levels for weeks 0..horizon: equal steps from start to target over ``weeks``, then flat."""
    k = np.arange(horizon + 1)
    return start + (target - start) * np.minimum(k, weeks) / weeks


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
    scenario = Scenario() if scenario is None else scenario
    if not isinstance(scenario, Scenario):
        raise TypeError(f"scenario must be a Scenario, got {type(scenario).__name__}")
    if start is None:
        start = start_point()
    if not isinstance(start, (Mapping, pd.Series)):
        raise TypeError(f"start must be a mapping or Series with {', '.join(_START_KEYS)}, "
                        f"got {type(start).__name__}")
    missing = [k for k in _START_KEYS if k not in start]
    if missing:
        raise ValueError(f"start is missing {', '.join(missing)}; needed: {', '.join(_START_KEYS)}")
    s = {k: check_number(f"start[{k!r}]", start[k], 0, 1e5) for k in _START_KEYS}
    other0 = s["total_assets"] - s["reserves"] - s["tga"] - s["on_rrp"]
    if other0 < -1e-6 * max(1.0, s["total_assets"]):  # rounding noise is not a negative residual
        raise ValueError(f"start has total_assets={s['total_assets']:g} smaller than reserves + tga + "
                         f"on_rrp={s['reserves'] + s['tga'] + s['on_rrp']:g}; allowed: a balance sheet "
                         "whose assets cover those liabilities")

    h = scenario.horizon_weeks
    k = np.arange(h + 1)
    n_buy = scenario.purchase_weeks
    total_bought = scenario.purchase_pace * scenario.purchase_months
    purchases = total_bought * np.minimum(k, n_buy) / n_buy if n_buy > 0 else np.zeros(h + 1)
    assets = s["total_assets"] + purchases
    tga = _ramp(s["tga"], scenario.tga_target, scenario.tga_weeks, h)
    on_rrp = _ramp(s["on_rrp"], scenario.on_rrp_target, scenario.on_rrp_weeks, h)
    other = other0 + scenario.other_trend / WEEKS_PER_MONTH * k
    reserves = assets - tga - on_rrp - other
    out = pd.DataFrame({
        "week": k,
        "purchases": purchases,
        "total_assets": assets,
        "tga": tga,
        "on_rrp": on_rrp,
        "currency_other": other,
        "reserves": reserves,
        "net_liquidity": assets - tga - on_rrp,
    })
    name = getattr(start, "name", None)
    if isinstance(name, pd.Timestamp):
        out.insert(1, "date", name + pd.to_timedelta(7 * k, unit="D"))
    return out


def reserves_change(d_assets: float, d_tga: float = 0.0, d_on_rrp: float = 0.0, d_other: float = 0.0) -> float:
    """Δreserves = Δassets − ΔTGA − ΔON RRP − Δ(currency and other liabilities), all $ billions.

    Each argument is a change (positive = rise, negative = fall), between −10,000 and 10,000.
    """
    vals = [check_number(n, v, -1e4, 1e4) for n, v in
            (("d_assets", d_assets), ("d_tga", d_tga), ("d_on_rrp", d_on_rrp), ("d_other", d_other))]
    return vals[0] - vals[1] - vals[2] - vals[3]


def identity_gap(path: pd.DataFrame) -> float:
    """Largest absolute gap, $ billions, in Δreserves = Δassets − ΔTGA − ΔON RRP − Δother (≈ 0)."""
    if not isinstance(path, pd.DataFrame):
        raise TypeError(f"path must be the DataFrame from liquidity_path, got {type(path).__name__}")
    cols = ["reserves", "total_assets", "tga", "on_rrp", "currency_other"]
    missing = [c for c in cols if c not in path.columns]
    if missing:
        raise ValueError(f"path is missing columns {', '.join(missing)}; use liquidity_path(...)")
    d = path[cols].diff().iloc[1:]
    gap = d["reserves"] - (d["total_assets"] - d["tga"] - d["on_rrp"] - d["currency_other"])
    return float(gap.abs().max()) if len(gap) else 0.0


def scenario_regimes(path: pd.DataFrame) -> np.ndarray:
    """Regime of each simulated week 1..horizon: True = expanding, False = contracting or flat.

    Week k is expanding when net liquidity rose over the previous 13 weeks
    (net_liquidity[k] − net_liquidity[max(k − 13, 0)] > 0; the first 13 weeks are measured from
    week 0). A tolerance of $0.01 billion treats rounding noise as flat.
    """
    if not isinstance(path, pd.DataFrame) or "net_liquidity" not in path.columns:
        raise TypeError("path must be the DataFrame from liquidity_path (with a net_liquidity column)")
    nl = path["net_liquidity"].to_numpy(dtype=float)
    k = np.arange(1, len(nl))
    return (nl[k] - nl[np.maximum(k - REGIME_WEEKS, 0)]) > 0.01


# ---------------------------------------------------------------------------
# History: weekly bitcoin returns by net-liquidity regime
# ---------------------------------------------------------------------------
@lru_cache(maxsize=1)
def _history() -> pd.DataFrame:
    from helpers.data import load

    bs = load("fed_balance_sheet")
    btc = load("markets")["btc"].dropna()
    wed = btc[btc.index.day_of_week == 2]  # Wednesday closes line up with the H.4.1 week
    nl = bs["net_liquidity"]
    change = nl - nl.shift(REGIME_WEEKS)
    df = pd.DataFrame({"btc": wed}).join(
        pd.DataFrame({"net_liquidity": nl, "nl_change_13w": change}), how="inner")
    df["log_return"] = np.log(df["btc"]).diff()
    df = df.dropna()
    df["expanding"] = df["nl_change_13w"] > 0
    return df


def weekly_btc() -> pd.DataFrame:
    """Weekly (Wednesday) bitcoin closes with net liquidity and its regime, from the snapshot.

    Columns: ``btc`` (USD), ``net_liquidity`` ($ billions), ``nl_change_13w`` ($ billions),
    ``log_return`` (the week's log return, ending that Wednesday), ``expanding`` (bool).
    """
    return _history().copy()


def history_regimes() -> pd.Series:
    """The regime of each historical week: 'expanding' or 'contracting' (index: Wednesday)."""
    df = _history()
    return df["expanding"].map({True: "expanding", False: "contracting"}).rename("regime")


def regime_stats() -> pd.DataFrame:
    """Weekly BTC log returns by regime: weeks, mean, sd, standard error, in percent per week."""
    df = _history()
    rows = {}
    for name, mask in [("expanding", df["expanding"]), ("contracting", ~df["expanding"]),
                       ("all weeks", df["expanding"] | ~df["expanding"])]:
        r = df.loc[mask, "log_return"]
        rows[name] = {
            "weeks": int(len(r)),
            "mean (% a week)": 100 * r.mean(),
            "sd (% a week)": 100 * r.std(),
            "std. error of mean (%)": 100 * r.std() / math.sqrt(len(r)),
        }
    return pd.DataFrame(rows).T


def regime_gap_by_year(min_weeks: int = 8) -> pd.DataFrame:
    """Expanding-minus-contracting average weekly BTC log return, year by year (percentage points).

    Only years with at least ``min_weeks`` weeks in each regime are kept. Columns: ``expanding
    weeks``, ``contracting weeks``, ``gap (pp a week)``; index: calendar year.
    """
    min_weeks = check_int("min_weeks", min_weeks, 1, 26)
    df = _history()
    rows = {}
    for year, g in df.groupby(df.index.year):
        n_exp = int(g["expanding"].sum())
        n_con = int(len(g) - n_exp)
        if n_exp < min_weeks or n_con < min_weeks:
            continue
        gap = g.loc[g["expanding"], "log_return"].mean() - g.loc[~g["expanding"], "log_return"].mean()
        rows[int(year)] = {"expanding weeks": n_exp, "contracting weeks": n_con, "gap (pp a week)": 100 * gap}
    out = pd.DataFrame(rows).T
    out.index.name = "year"
    return out.astype({"expanding weeks": int, "contracting weeks": int})


def regime_spells(min_weeks: int = 1) -> pd.DataFrame:
    """Runs of consecutive weeks in the same regime lasting at least ``min_weeks`` weeks.

    Columns: ``regime``, ``start``, ``end`` (Wednesdays), ``weeks``.
    """
    min_weeks = check_int("min_weeks", min_weeks, 1, 520)
    df = _history()[["expanding"]].reset_index()
    run = (df["expanding"] != df["expanding"].shift()).cumsum()
    g = df.groupby(run)
    spells = pd.DataFrame({
        "regime": g["expanding"].first().map({True: "expanding", False: "contracting"}),
        "start": g["date"].first(),
        "end": g["date"].last(),
        "weeks": g.size(),
    }).reset_index(drop=True)
    return spells[spells["weeks"] >= min_weeks].reset_index(drop=True)


@lru_cache(maxsize=1)
def _pools() -> tuple[np.ndarray, np.ndarray, float]:
    """Concatenated pools (expanding, contracting, all) of log returns, their starts, and the mean."""
    df = _history()
    r = df["log_return"].to_numpy(dtype=float)
    exp = r[df["expanding"].to_numpy()]
    con = r[~df["expanding"].to_numpy()]
    pools = np.concatenate([exp, con, r])
    bounds = np.array([[0, len(exp)], [len(exp), len(exp) + len(con)],
                       [len(exp) + len(con), len(pools)]])
    pools.setflags(write=False)
    bounds.setflags(write=False)
    return pools, bounds, float(r.mean())


def simulate_prices(regimes: np.ndarray, start_price: float, *, n_paths: int = 2000, block_weeks: int = 4,
                    seed: int = 6, recession: bool = False, regulation: bool = False,
                    priced_in: bool = False, history_drift: bool = False) -> np.ndarray:
    """Simulated weekly bitcoin prices, USD: an array of shape (n_paths, weeks + 1), column 0 = start.

    ``regimes``: one bool per simulated week (True = expanding), e.g. from :func:`scenario_regimes`.
    Each block of ``block_weeks`` weeks starts at a random place in each regime's pool (history's
    weeks of that regime in time order); week t of the block takes the pool's next return. The
    random draws do not depend on the toggles, so toggles compare like with like (same seed, same
    draws). Toggles: see :data:`TOGGLES`.
    """
    if not isinstance(regimes, (np.ndarray, list, tuple, pd.Series)):
        raise TypeError(f"regimes must be an array of bools, got {type(regimes).__name__}")
    reg = np.asarray(regimes)
    if reg.ndim != 1 or reg.dtype != bool:
        raise ValueError(f"regimes must be a 1-D array of bools, got dtype {reg.dtype} and shape {reg.shape}")
    weeks = check_int("len(regimes)", len(reg), 1, 520)
    start_price = check_number("start_price", start_price, 1e-6, 1e9)
    n_paths = check_int("n_paths", n_paths, 1, 100_000)
    block_weeks = check_int("block_weeks", block_weeks, 1, 26)
    seed = check_seed("seed", seed, 2**32 - 1)
    recession = check_flag("recession", recession)
    regulation = check_flag("regulation", regulation)
    priced_in = check_flag("priced_in", priced_in)
    history_drift = check_flag("history_drift", history_drift)

    pools, bounds, mean_all = _pools()
    lengths = bounds[:, 1] - bounds[:, 0]
    if lengths.min() < block_weeks:
        raise ValueError(f"block_weeks={block_weeks} is longer than a regime's pool ({lengths.min()} weeks)")
    rng = np.random.default_rng(seed)
    n_blocks = -(-weeks // block_weeks)
    # One start per (path, block, pool): drawn for all three pools so toggles share the draws.
    starts = rng.integers(0, lengths - block_weeks + 1, size=(n_paths, n_blocks, 3)) + bounds[:, 0]
    rec_week = rng.integers(0, min(13, weeks), size=n_paths)
    reg_week = rng.integers(0, weeks, size=n_paths)

    pool_of_week = np.where(reg, 0, 1)
    if recession:
        pool_of_week[:RECESSION_WEEKS] = 1
    if priced_in:
        pool_of_week[:] = 2
    t = np.arange(weeks)
    idx = starts[:, t // block_weeks, pool_of_week] + (t % block_weeks)
    r = pools[idx]
    if not history_drift:
        r = r - mean_all
    rows = np.arange(n_paths)
    if recession:
        r[rows, rec_week] += math.log1p(RECESSION_SHOCK)
    if regulation:
        r[rows, reg_week] += math.log1p(REGULATION_SHOCK)
    out = np.empty((n_paths, weeks + 1))
    out[:, 0] = 0.0
    np.cumsum(r, axis=1, out=out[:, 1:])
    return start_price * np.exp(out)


def fan_table(prices: np.ndarray, quantiles: Sequence[float] = (0.05, 0.25, 0.5, 0.75, 0.95)) -> pd.DataFrame:
    """Quantiles of simulated prices for each week: columns ``week`` and ``q05``, ``q25``, ... (USD)."""
    prices = _prices(prices)
    qs = [check_number("quantile", q, 0, 1) for q in quantiles]
    if not qs:
        raise ValueError("quantiles must list at least one value between 0 and 1")
    # Sort each week once, then interpolate linearly (numpy's default quantile method): faster
    # than np.quantile's repeated partitions for five quantiles of 2,000 paths.
    ordered = np.sort(prices, axis=0)
    pos = np.array(qs) * (prices.shape[0] - 1)
    lo = np.floor(pos).astype(int)
    hi = np.minimum(lo + 1, prices.shape[0] - 1)
    frac = (pos - lo)[:, None]
    values = ordered[lo] * (1 - frac) + ordered[hi] * frac
    out = pd.DataFrame({"week": np.arange(prices.shape[1])})
    for q, v in zip(qs, values):
        out[f"q{round(100 * q):02d}"] = v
    return out


def _prices(prices: Any) -> np.ndarray:
    if not isinstance(prices, np.ndarray):
        raise TypeError(f"prices must be a numpy array (paths × weeks), got {type(prices).__name__}")
    if prices.ndim != 2 or prices.shape[1] < 2 or prices.shape[0] < 1:
        raise ValueError(f"prices must be 2-D with at least one path and two weeks, got shape {prices.shape}")
    return prices


def probability_table(prices: np.ndarray, levels: Sequence[float] = DEFAULT_LEVELS,
                      drawdown: float = 0.30) -> pd.DataFrame:
    """Chances, in percent of simulated paths, of ending above/below each level and of a drawdown.

    ``levels`` are USD prices; ``drawdown`` is a fraction (0.30 = a fall of more than 30 % from the
    path's running peak at some weekly close, the start included). Index: the question.
    """
    prices = _prices(prices)
    if isinstance(levels, (str, bytes)) or not isinstance(levels, Sequence):
        raise TypeError(f"levels must be a list of prices in USD, got {type(levels).__name__}")
    if not 1 <= len(levels) <= 10:
        raise ValueError(f"levels must list 1 to 10 prices, got {len(levels)}")
    lv = [check_number("level", x, 1e-6, 1e9) for x in levels]
    dd = check_number("drawdown", drawdown, 0.01, 0.99)
    end = prices[:, -1]
    peak = np.maximum.accumulate(prices, axis=1)
    worst = (1 - prices / peak).max(axis=1)
    rows = {}
    for x in lv:
        rows[f"ends above ${x:,.0f}"] = 100 * float(np.mean(end > x))
        rows[f"ends below ${x:,.0f}"] = 100 * float(np.mean(end < x))
    rows[f"falls more than {dd:.0%} from a peak on the way"] = 100 * float(np.mean(worst > dd))
    return pd.DataFrame({"chance (%)": pd.Series(rows)}).rename_axis("outcome")


# ---------------------------------------------------------------------------
# One call for the lesson and the widget
# ---------------------------------------------------------------------------
@dataclass(frozen=True, eq=False)
class ScenarioResult:
    """Everything :func:`run_scenario` computes (see its docstring)."""

    scenario: Scenario
    path: pd.DataFrame
    regimes: np.ndarray
    prices: np.ndarray
    fan: pd.DataFrame
    table: pd.DataFrame
    start_price: float
    price_date: pd.Timestamp
    toggles: dict

    @property
    def expanding_share(self) -> float:
        """Fraction of simulated weeks drawn as expanding (after the toggles)."""
        reg = self.regimes.copy()
        if self.toggles.get("recession"):
            reg[:RECESSION_WEEKS] = False
        return float(reg.mean()) if not self.toggles.get("priced_in") else float("nan")

    @property
    def median_end(self) -> float:
        """Median simulated price at the horizon, USD."""
        if "q50" in self.fan.columns:
            return float(self.fan["q50"].iloc[-1])
        return float(np.median(self.prices[:, -1]))

    def effects(self) -> list[str]:
        """The plain-words effect of each toggle that is on."""
        on = [TOGGLES[k] for k in ("recession", "regulation", "priced_in", "history_drift") if self.toggles[k]]
        return on or ["No risk toggle is on: weeks draw from the pool of the scenario's regime, "
                      "with the all-history average removed."]

    def _price_note(self) -> str:
        """Where the price paths start, and how that day relates to the mechanics' week 0."""
        if pd.isna(self.price_date):
            return "(a start price given by hand)"
        note = f"(bitcoin's last close in the snapshot, {self.price_date.date()}"
        if "date" in self.path:
            gap = (self.price_date - self.path["date"].iloc[0]).days
            if gap:
                note += (f"; the balance sheet's week 0 is {abs(gap)} days "
                         f"{'earlier' if gap > 0 else 'later'}")
        return note + ")"

    def report(self) -> str:
        """A plain-text summary: scenario, mechanics, regime mix, toggles, outcomes and limits."""
        p = self.path
        first, last = p.iloc[0], p.iloc[-1]
        share = self.expanding_share
        mix = ("every week from the pool of all weeks (priced in)" if math.isnan(share)
               else f"{share:.0%} of the {len(self.regimes)} weeks expanding")
        when = f" ({p['date'].iloc[0].date()} → {p['date'].iloc[-1].date()})" if "date" in p else ""
        r = rate_start()
        lines = [
            f"Scenario: {self.scenario.label((r['lower'], r['upper']))}",
            f"Mechanics over {self.scenario.horizon_weeks} weeks{when}, $ billions:",
            f"  total assets {first.total_assets:,.0f} → {last.total_assets:,.0f}; "
            f"TGA {first.tga:,.0f} → {last.tga:,.0f}; ON RRP {first.on_rrp:,.0f} → {last.on_rrp:,.0f}",
            f"  reserves {first.reserves:,.0f} → {last.reserves:,.0f}; "
            f"net liquidity {first.net_liquidity:,.0f} → {last.net_liquidity:,.0f}",
            f"Regime mix: {mix}",
            f"Toy model: {self.prices.shape[0]:,} paths from ${self.start_price:,.0f} "
            + self._price_note(),
            f"  median at week {self.scenario.horizon_weeks}: ${self.median_end:,.0f}; "
            f"5–95 % band ${self.fan.iloc[-1]['q05']:,.0f} to ${self.fan.iloc[-1]['q95']:,.0f}",
            "Toggles:",
            *[f"  - {e}" for e in self.effects()],
            "Limits of this toy (read them before the numbers):",
            *[f"  - {x}" for x in LIMITS],
        ]
        return "\n".join(lines)


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
    scenario = Scenario() if scenario is None else scenario
    path = liquidity_path(scenario, start)
    regimes = scenario_regimes(path)
    if start_price is None:
        price, when = price_start()
    else:
        price, when = check_number("start_price", start_price, 1e-6, 1e9), pd.Timestamp("NaT")
    toggles = {"recession": check_flag("recession", recession), "regulation": check_flag("regulation", regulation),
               "priced_in": check_flag("priced_in", priced_in),
               "history_drift": check_flag("history_drift", history_drift)}
    prices = simulate_prices(regimes, price, n_paths=n_paths, block_weeks=block_weeks, seed=seed, **toggles)
    return ScenarioResult(
        scenario=scenario, path=path, regimes=regimes, prices=prices, fan=fan_table(prices),
        table=probability_table(prices, levels, drawdown), start_price=price, price_date=when,
        toggles=toggles,
    )


def toggle_effects(scenario: Scenario | None = None, *, seed: int = 6, n_paths: int = 2000,
                   level: float = 90_000, drawdown: float = 0.30) -> pd.DataFrame:
    """Each toggle switched on alone (same seed, same draws), against the plain scenario.

    Columns: ``setting``, ``median end (USD)``, ``chance above level (%)``,
    ``chance of drawdown (%)``.
    """
    level = check_number("level", level, 1e-6, 1e9)
    settings = [("no toggle", {}), ("recession", {"recession": True}),
                ("regulation shock", {"regulation": True}), ("already priced in", {"priced_in": True}),
                ("keep history's drift", {"history_drift": True})]
    rows = []
    for name, kw in settings:
        res = run_scenario(scenario, seed=seed, n_paths=n_paths, levels=(level,), drawdown=drawdown, **kw)
        rows.append({"setting": name, "median end (USD)": res.median_end,
                     f"chance above ${level:,.0f} (%)": res.table.iloc[0, 0],
                     f"chance of a >{drawdown:.0%} drawdown (%)": res.table.iloc[-1, 0]})
    return pd.DataFrame(rows).set_index("setting")


_GRID_FIELDS = {"purchase_pace": "Purchase pace, $ billions a month", "purchase_months": "Purchases last, months"}


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
    if not isinstance(field, str):
        raise TypeError(f"field must be a str, got {type(field).__name__}")
    if field not in _GRID_FIELDS:
        raise ValueError(f"field={field!r} is not a slider setting; allowed: {', '.join(_GRID_FIELDS)}")
    if isinstance(values, (str, bytes)) or not isinstance(values, Sequence) or not 1 <= len(values) <= 13:
        raise ValueError(f"values must list 1 to 13 settings, got {values!r}")
    base = Scenario() if scenario is None else scenario
    if not isinstance(base, Scenario):
        raise TypeError(f"scenario must be a Scenario, got {type(base).__name__}")
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


# ---------------------------------------------------------------------------
# Charts
# ---------------------------------------------------------------------------
def _charts():
    import altair as alt

    from helpers import charts

    return alt, charts


def _color_scale(alt, items: list[str]):
    return alt.Scale(domain=items, range=[_COLORS[i] for i in items])


def _day(dates: pd.Series) -> pd.Series:
    """Dates as 'YYYY-MM-DD' text: smaller chart data than ISO timestamps."""
    return dates.dt.strftime("%Y-%m-%d")


def history_chart(start: str = "2019-01-01") -> Any:
    """Reserves and net liquidity since ``start`` (weekly, $ trillions), with the two
    reserve-management purchase announcements marked."""
    alt, ch = _charts()
    from helpers.data import load

    bs = (load("fed_balance_sheet").loc[pd.Timestamp(start):, ["reserves", "net_liquidity"]] / 1000).round(3)
    wide = bs.rename(columns={"reserves": "Reserves", "net_liquidity": "Net liquidity"}).reset_index()
    wide["date"] = _day(wide["date"])
    ev = load("policy_events")
    ev = ev[ev["kind"] == "rmp"].reset_index()[["date"]]
    ev["label"] = "Reserve-mgmt purchases " + _day(ev["date"])
    ev["date"] = _day(ev["date"])
    lines = alt.Chart(wide).transform_fold(["Reserves", "Net liquidity"], as_=["series", "trillions"]).mark_line().encode(
        x=alt.X("date:T", title=None, axis=alt.Axis(format="%Y", tickCount="year")),
        y=alt.Y("trillions:Q", title="$ trillions", scale=alt.Scale(zero=False)),
        color=alt.Color("series:N", title=None, sort=["Reserves", "Net liquidity"], scale=_color_scale(
            alt, ["Reserves", "Net liquidity"])),
    )
    rules = alt.Chart(ev).mark_rule(strokeDash=[4, 3], color="#555").encode(x="date:T", tooltip=["label:N"])
    chart = (lines + rules).properties(
        title=alt.TitleParams(
            "Both reserve-management programmes started when reserves had fallen",
            subtitle=["Reserves and net liquidity (assets − TGA − ON RRP), weekly, $ trillions; dashed: "
                      "reserve-management purchases announced " + " and ".join(ev["date"])]),
        height=260)
    return ch.with_source(chart)


def path_chart(path: pd.DataFrame, title: str | None = None) -> Any:
    """The scenario's mechanical path: assets, TGA, reserves, net liquidity ($ billions) by week."""
    if not isinstance(path, pd.DataFrame) or "net_liquidity" not in path.columns:
        raise TypeError("path must be the DataFrame from liquidity_path")
    alt, ch = _charts()
    names = {"total_assets": "Total assets", "net_liquidity": "Net liquidity", "reserves": "Reserves",
             "tga": "TGA", "currency_other": "Currency & other"}
    long = path[["week", *names]].rename(columns=names).melt(id_vars="week", var_name="item",
                                                             value_name="billions").round({"billions": 1})
    base = path.iloc[0]
    end = path.iloc[-1]
    chart = alt.Chart(long).mark_line().encode(
        x=alt.X("week:Q", title="Weeks after the snapshot's last week", scale=alt.Scale(nice=False)),
        y=alt.Y("billions:Q", title="$ billions"),
        color=alt.Color("item:N", title=None, sort=list(names.values()),
                        scale=_color_scale(alt, list(names.values()))),
        tooltip=["week:Q", "item:N", alt.Tooltip("billions:Q", format=",.0f")],
    ).properties(title=alt.TitleParams(
        title or (f"Reserves {end.reserves - base.reserves:+,.0f}B and net liquidity "
                  f"{end.net_liquidity - base.net_liquidity:+,.0f}B over the scenario"),
        subtitle=["Δreserves = Δassets − ΔTGA − ΔON RRP − Δ(currency & other), $ billions; "
                  "ON RRP not drawn"]),
        height=260)
    return ch.with_source(chart, _SOURCE_MECH)


def regime_chart() -> Any:
    """Bitcoin's weekly price (log scale) over history, with each spell's regime as a coloured band."""
    alt, ch = _charts()
    hist = _history().reset_index()
    spells = regime_spells(1)
    spells["regime"] = spells["regime"].replace({"contracting": "contracting or flat"})
    spells["end"] = spells["end"] + pd.Timedelta(days=7)
    spells["start"], spells["end"] = _day(spells["start"]), _day(spells["end"])
    line_data = pd.DataFrame({"date": _day(hist["date"]), "btc": hist["btc"].round(0)})
    colors = alt.Scale(domain=["expanding", "contracting or flat"], range=[ch.PALETTE[2], ch.PALETTE[1]])
    strip = alt.Chart(spells[["start", "end", "regime"]]).mark_rect(opacity=0.35).encode(
        x=alt.X("start:T", title=None), x2="end:T",
        color=alt.Color("regime:N", title="Net liquidity, 13-week change", scale=colors,
                        legend=alt.Legend(titleLimit=400)))
    line = alt.Chart(line_data).mark_line(color="#000", strokeWidth=1.2).encode(
        x="date:T", y=alt.Y("btc:Q", title="Bitcoin, USD (log scale)", scale=alt.Scale(type="log")))
    chart = (strip + line).properties(title=alt.TitleParams(
        "The regime flips often: long spells are few",
        subtitle=["Bitcoin's Wednesday close; background: net liquidity's 13-week change > 0 "
                  "(expanding) or ≤ 0"]), height=260)
    return ch.with_source(chart, "Source: FRED H.4.1 series; Yahoo BTC-USD; Liquidity Lab snapshot")


def _fan_layers(alt, ch, data, start_data):
    x = alt.X("week:Q", title="Weeks ahead", scale=alt.Scale(nice=False))
    outer = alt.Chart(data).mark_area(opacity=0.25, color=ch.PALETTE[0]).encode(
        x=x, y=alt.Y("q05:Q", title="Bitcoin, USD (log scale)", scale=alt.Scale(type="log")), y2="q95:Q")
    inner = alt.Chart(data).mark_area(opacity=0.45, color=ch.PALETTE[0]).encode(x=x, y="q25:Q", y2="q75:Q")
    median = alt.Chart(data).mark_line(color=ch.PALETTE[3]).encode(
        x=x, y="q50:Q", tooltip=["week:Q", alt.Tooltip("q05:Q", format=",.0f"),
                                 alt.Tooltip("q50:Q", format=",.0f"), alt.Tooltip("q95:Q", format=",.0f")])
    start = alt.Chart(start_data).mark_rule(strokeDash=[4, 3], color="#555").encode(y="y:Q")
    return outer + inner + median + start


def _fan_subtitle(start_price: float) -> str:
    return ("Toy model: 5–95 % (light) and 25–75 % (dark) of simulated paths, median line; "
            f"dashed: start ${start_price:,.0f}")


def _fan_title(alt, title: str, start_price: float):
    return alt.TitleParams(title, subtitle=[_fan_subtitle(start_price)])


def fan_chart(result: ScenarioResult, title: str | None = None) -> Any:
    """Fan chart of a result: 5–95 % and 25–75 % bands and the median, USD (log scale)."""
    if not isinstance(result, ScenarioResult):
        raise TypeError(f"result must be a ScenarioResult from run_scenario, got {type(result).__name__}")
    alt, ch = _charts()
    if title is None:
        last = result.fan.iloc[-1]
        title = (f"A wide fan: after {int(last['week'])} weeks half the paths end between "
                 f"${last['q25']:,.0f} and ${last['q75']:,.0f}")
    elif not isinstance(title, str):
        raise TypeError(f"title must be a str or None, got {type(title).__name__}")
    chart = _fan_layers(alt, ch, result.fan.round(0), pd.DataFrame({"y": [round(result.start_price)]})).properties(
        title=_fan_title(alt, title, result.start_price), height=260)
    return ch.with_source(chart, _SOURCE_MODEL)


@lru_cache(maxsize=1)
def _fan_template() -> str:
    """The fan chart's Vega-Lite spec with named (empty) datasets, as JSON; built once."""
    alt, ch = _charts()
    chart = _fan_layers(alt, ch, alt.Data(name="fan"), alt.Data(name="start")).properties(
        title=_fan_title(alt, "", 1.0), height=260)
    return json.dumps(ch.with_source(chart, _SOURCE_MODEL).to_dict())


def live_fan_spec(result: ScenarioResult, title: str) -> dict:
    """The fan chart of ``result`` as a Vega-Lite dict, filled into a cached template (~1 ms,
    against ~60 ms to build an Altair chart): the widget panel uses it to stay fast."""
    if not isinstance(result, ScenarioResult):
        raise TypeError(f"result must be a ScenarioResult from run_scenario, got {type(result).__name__}")
    if not isinstance(title, str):
        raise TypeError(f"title must be a str, got {type(title).__name__}")
    spec = json.loads(_fan_template())
    fan = result.fan
    spec["datasets"] = {
        "fan": [dict(zip(fan.columns, map(float, row))) for row in fan.itertuples(index=False)],
        "start": [{"y": result.start_price}],
    }
    spec["title"]["text"] = title
    spec["title"]["subtitle"][0] = _fan_subtitle(result.start_price)
    return spec


def slider_chart(liq: pd.DataFrame, fans: pd.DataFrame, field: str = "purchase_months",
                 value: float | None = None) -> Any:
    """Two panels tied to one slider over precomputed settings (works without a kernel): reserves
    and net liquidity ($ billions) above, the toy's fan chart (USD) below. ``liq`` and ``fans`` come
    from :func:`scenario_grid` with the same ``field``."""
    if field not in _GRID_FIELDS:
        raise ValueError(f"field={field!r} is not a slider setting; allowed: {', '.join(_GRID_FIELDS)}")
    for name, df in (("liq", liq), ("fans", fans)):
        if not isinstance(df, pd.DataFrame) or "value" not in df.columns:
            raise TypeError(f"{name} must be a DataFrame from scenario_grid, got {type(df).__name__}")
    alt, ch = _charts()
    # Every second week and wide tables keep the embedded data small; the lines look the same.
    fans = fans.loc[fans["week"] % 2 == 0, ["value", "week", "q05", "q25", "q50", "q75", "q95"]].round(0)
    liq = (liq[liq["week"] % 2 == 0].pivot_table(index=["value", "week"], columns="series", values="billions")
           .round(1).reset_index())
    liq.columns.name = None
    vals = sorted(liq["value"].unique())
    step = float(np.min(np.diff(vals))) if len(vals) > 1 else 1.0
    value = float(vals[len(vals) // 2]) if value is None else float(value)
    param = alt.param(name="setting", value=value, bind=alt.binding_range(
        min=float(vals[0]), max=float(vals[-1]), step=step, name=_GRID_FIELDS[field] + ": "))
    top = alt.Chart(liq).transform_fold(["Reserves", "Net liquidity"], as_=["series", "billions"]).mark_line().encode(
        x=alt.X("week:Q", title="Weeks ahead", scale=alt.Scale(nice=False)),
        y=alt.Y("billions:Q", title="$ billions", scale=alt.Scale(zero=False)),
        color=alt.Color("series:N", title=None, sort=["Reserves", "Net liquidity"], scale=_color_scale(
            alt, ["Reserves", "Net liquidity"])),
    ).transform_filter(alt.datum.value == param).properties(
        title="Mechanics: reserves and net liquidity", height=170)
    start_price = round(float(fans.loc[fans["week"] == 0, "q50"].iloc[0]))
    bottom = _fan_layers(alt, ch, fans, pd.DataFrame({"y": [start_price]})).transform_filter(
        alt.datum.value == param).properties(title="Toy model: bitcoin, 5–95 %, 25–75 % and median", height=170)
    chart = alt.vconcat(top, bottom).add_params(param).properties(title=alt.TitleParams(
        "Longer purchases keep more weeks 'expanding', and the toy's median edges up",
        subtitle=["Move the slider (in JupyterLab, no kernel needed): precomputed settings; everything "
                  "else as the default scenario"]))
    return ch.with_source(chart, _SOURCE_MODEL)


def effects_chart(effects: pd.DataFrame) -> Any:
    """Median end price (USD) under each toggle, from :func:`toggle_effects`."""
    if not isinstance(effects, pd.DataFrame) or "median end (USD)" not in effects.columns:
        raise TypeError("effects must be the DataFrame from toggle_effects (with 'median end (USD)')")
    alt, ch = _charts()
    df = effects.reset_index()[["setting", "median end (USD)"]].rename(columns={"median end (USD)": "median"})
    bars = alt.Chart(df).mark_bar(color=ch.PALETTE[0]).encode(
        y=alt.Y("setting:N", title=None, sort=None),
        x=alt.X("median:Q", title="Median price at the horizon, USD"),
        tooltip=["setting:N", alt.Tooltip("median:Q", format=",.0f")])
    labels = bars.mark_text(align="left", dx=4, color="#333").encode(text=alt.Text("median:Q", format="$,.0f"))
    chart = (bars + labels).properties(title=alt.TitleParams(
        f"The toggles move the toy's median from ${df['median'].min():,.0f} to ${df['median'].max():,.0f}",
        subtitle=["Toy model, default scenario, each toggle on alone (same random draws)"]), height=170)
    return ch.with_source(chart, _SOURCE_MODEL)


# ---------------------------------------------------------------------------
# The widget panel (needs a kernel)
# ---------------------------------------------------------------------------
_PANEL_DEFAULTS = {"pace": 40.0, "months": 4, "rate": 0, "tga": 850.0, "tga_weeks": 13, "rrp": 0.0,
                   "recession": False, "regulation": False, "priced_in": False, "history_drift": False}


def panel_outputs(pace: float = 40.0, months: int = 4, rate: int = 0, tga: float = 850.0,
                  tga_weeks: int = 13, rrp: float = 0.0, recession: bool = False, regulation: bool = False,
                  priced_in: bool = False, history_drift: bool = False) -> tuple[dict, str, pd.DataFrame]:
    """What the widget panel computes for one setting: (fan chart spec, report text, probability
    table). Arguments are the panel's controls: pace ($ billions a month), months, rate (bp a
    quarter, label only), tga and rrp targets ($ billions), tga_weeks, and the four toggles."""
    sc = Scenario(purchase_pace=pace, purchase_months=months, rate_path_bp=rate, tga_target=tga,
                  tga_weeks=tga_weeks, on_rrp_target=rrp)
    res = run_scenario(sc, recession=recession, regulation=regulation, priced_in=priced_in,
                       history_drift=history_drift)
    spec = live_fan_spec(res, f"Toy model: median at week {sc.horizon_weeks} is ${res.median_end:,.0f}")
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
        "pace": slider(widgets.FloatSlider, "pace", 0, 150, 5, "Purchases, $B a month"),
        "months": slider(widgets.IntSlider, "months", 0, 24, 1, "Purchases last, months"),
        "rate": slider(widgets.IntSlider, "rate", -100, 100, 25, "Rates, bp a quarter (label)"),
        "tga": slider(widgets.FloatSlider, "tga", 300, 1500, 25, "TGA target, $B"),
        "tga_weeks": slider(widgets.IntSlider, "tga_weeks", 1, 52, 1, "Weeks to reach TGA target"),
        "rrp": slider(widgets.FloatSlider, "rrp", 0, 1000, 25, "ON RRP target, $B"),
        "recession": widgets.Checkbox(value=False, description="Recession"),
        "regulation": widgets.Checkbox(value=False, description="Regulation shock"),
        "priced_in": widgets.Checkbox(value=False, description="Already priced in"),
        "history_drift": widgets.Checkbox(value=False, description="Keep history's drift"),
    }

    def show(**kw):
        spec, report, table = panel_outputs(**kw)
        display({"application/vnd.vegalite.v5+json": spec, "text/plain": "<Chart: scenario fan>"}, raw=True)
        display(table)
        print(report)

    out = widgets.interactive_output(show, c)
    left = widgets.VBox([c[k] for k in ("pace", "months", "rate", "tga", "tga_weeks", "rrp")])
    right = widgets.VBox([widgets.HTML("<b>Risk toggles</b>")] +
                         [c[k] for k in ("recession", "regulation", "priced_in", "history_drift")])
    return widgets.VBox([widgets.HBox([left, right]), out])


BENCH = {
    # The widget panel's callback computes panel_outputs (the simulation plus the chart spec).
    "panel_outputs": (panel_outputs, {"pace": 60.0, "months": 6, "recession": True, "regulation": True}),
    "run_scenario": (run_scenario, {"scenario": Scenario(purchase_pace=60, purchase_months=6)}),
}
