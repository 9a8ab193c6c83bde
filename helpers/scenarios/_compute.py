"""Scenario computations, part 1: the balance-sheet mechanics and bitcoin's weekly history by regime.

Frames and numbers in, frames and numbers out: no Altair, no loading (the snapshot's inputs come
from :func:`helpers.scenarios.inputs`). Money in **$ billions**; time in weeks or months as named.
"""
from __future__ import annotations

import math
from dataclasses import dataclass, fields
from typing import Any, Mapping

import numpy as np
import pandas as pd

from helpers.i18n import N_, Lazy, text
from helpers.i18n import gettext as _
from helpers.validate import check_frame, check_int, check_number, shown

WEEKS_PER_MONTH = 52 / 12
REGIME_WEEKS = 13  # the regime is the sign of net liquidity's change over this many weeks
RECESSION_SHOCK = -0.30  # one-off fall (fraction) in the "recession" toggle
RECESSION_WEEKS = 26  # weeks forced into the contracting pool by the "recession" toggle
REGULATION_SHOCK = -0.20  # one-off fall (fraction) in the "regulation shock" toggle
DEFAULT_LEVELS = (40_000, 60_000, 90_000, 100_000)  # USD per BTC


class _ShownTexts(dict):
    """A dict of reader-facing texts: reading a value gives it in the edition's language
    (:func:`helpers.i18n.text`); in English each value is exactly the English text."""

    def __getitem__(self, key):
        return text(super().__getitem__(key))

    def get(self, key, default=None):
        return self[key] if key in self else default

    def values(self):
        return [self[k] for k in self]

    def items(self):
        return [(k, self[k]) for k in self]


# Each toggle's effect in plain words; TOGGLES[name] (and .items(), .values()) gives it in the edition's language.
TOGGLES: dict[str, str] = _ShownTexts({
    "recession": Lazy(
        "Recession: weeks 1–{weeks} draw from the contracting pool whatever the liquidity "
        "path says (in a recession, risk appetite is assumed to dominate the plumbing), and one extra "
        "{shock:+.0%} week hits at a random week among weeks 1–13 (a different week in each path).",
        weeks=RECESSION_WEEKS, shock=RECESSION_SHOCK,
    ),
    "regulation": Lazy(
        "Regulation shock: one extra {shock:+.0%} week hits at a random week of the horizon "
        "(a different week in each path); the regime mix is unchanged.",
        shock=REGULATION_SHOCK,
    ),
    "priced_in": N_(
        "Already priced in: the liquidity path is ignored and every week draws from the pool of all "
        "historical weeks (if everyone expects the purchases, today's price may already reflect them). "
        "It overrides the recession's regime switch; shocks still apply."
    ),
    "history_drift": N_(
        "Keep history's drift: draws keep bitcoin's historical average weekly return (its rise from "
        "hundreds to tens of thousands of dollars). Off (the default), the all-history average is "
        "subtracted from every draw, so only the regime difference and the swings remain."
    ),
})

# English here; ScenarioResult.report() shows each in the edition's language (helpers.i18n.text).
LIMITS: tuple[str, ...] = (
    N_("This is not a forecast. It shows what one stated set of assumptions implies, nothing more."),
    N_("The two regimes overlap heavily: weekly returns in expanding and contracting weeks have nearly the "
       "same spread, and their averages differ by much less than one week's typical move."),
    N_("There are few independent regimes: the history holds only a handful of long expanding or "
       "contracting spells, so the regime averages rest on a few episodes."),
    N_("History may not repeat: bitcoin's market, holders and regulation changed a great deal since 2014."),
    N_("Net liquidity explains little of bitcoin's weekly moves (see lesson 03): correlation is weak, "
       "unstable and not causation."),
    N_("The mechanics are an identity, not a forecast of what the Fed or Treasury will do; the rate path "
       "is a label only and changes no number here."),
    N_("Shock sizes in the toggles are round illustrative numbers, not estimates."),
)


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
            rate = _("rates held at {range}").format(range=where) if where else _("rates on hold")
        elif where:
            rate = _("rates {bp:+d} bp a quarter from {range}").format(bp=self.rate_path_bp, range=where)
        else:
            rate = _("rates {bp:+d} bp a quarter").format(bp=self.rate_path_bp)
        return _("purchases ${pace:,.0f}B/month for {months} months; "
                 "TGA to ${tga:,.0f}B in {tga_weeks} weeks; "
                 "ON RRP to ${rrp:,.0f}B in {rrp_weeks} weeks; "
                 "currency & other {other:+,.0f} $B/month; {rate} (label only)").format(
            pace=self.purchase_pace, months=self.purchase_months, tga=self.tga_target, tga_weeks=self.tga_weeks,
            rrp=self.on_rrp_target, rrp_weeks=self.on_rrp_weeks, other=self.other_trend, rate=rate)


START_KEYS = ("total_assets", "reserves", "tga", "on_rrp")
# The settings a slider can sweep (scenario_grid, slider_chart) and the slider's label for each
# (English here; slider_chart shows it in the edition's language).
GRID_FIELDS = {"purchase_pace": N_("Purchase pace, $ billions a month"),
               "purchase_months": N_("Purchases last, months")}


def last_week(balance_sheet: pd.DataFrame) -> pd.Series:
    """The balance sheet's last week: total_assets, reserves, tga, on_rrp ($ billions), named by its date."""
    check_frame("balance_sheet", balance_sheet, START_KEYS, numeric=True)
    return balance_sheet.iloc[-1][list(START_KEYS)].astype(float)


def target_range(policy_rates: pd.DataFrame) -> pd.Series:
    """The FOMC's target range on the last day of ``policy_rates``: ``lower``, ``upper`` (percent),
    ``since`` (the first day of that range) and ``as_of`` (the data's last day)."""
    check_frame("policy_rates", policy_rates, ("target_lower", "target_upper"), numeric=True)
    rates = policy_rates[["target_lower", "target_upper"]].dropna()
    last = rates.iloc[-1]
    same = (rates["target_lower"] == last["target_lower"]) & (rates["target_upper"] == last["target_upper"])
    changed = rates.index[~same]
    since = rates.index[rates.index > changed[-1]][0] if len(changed) else rates.index[0]
    return pd.Series({"lower": float(last["target_lower"]), "upper": float(last["target_upper"]),
                      "since": since, "as_of": rates.index[-1]}, name="target range")


def _ramp(start: float, target: float, weeks: int, horizon: int) -> np.ndarray:
    """Levels for weeks 0..horizon: equal steps from start to target over ``weeks``, then flat."""
    k = np.arange(horizon + 1)
    return start + (target - start) * np.minimum(k, weeks) / weeks


def check_scenario(scenario: Any, name: str = "scenario") -> Scenario:
    """``scenario`` if it is a :class:`Scenario`; ``None`` gives the default scenario."""
    scenario = Scenario() if scenario is None else scenario
    if not isinstance(scenario, Scenario):
        raise TypeError(f"{name} must be a Scenario, got {type(scenario).__name__} ({shown(scenario)})")
    return scenario


def mechanical_path(scenario: Scenario, start: Mapping[str, float] | pd.Series) -> pd.DataFrame:
    """The mechanical weekly path of ``scenario`` from ``start`` ($ billions), weeks 0..horizon
    (see :func:`helpers.scenarios.liquidity_path`)."""
    scenario = check_scenario(scenario)
    if not isinstance(start, (Mapping, pd.Series)):
        raise TypeError(f"start must be a mapping or Series with {', '.join(START_KEYS)}, "
                        f"got {type(start).__name__}")
    missing = [k for k in START_KEYS if k not in start]
    if missing:
        raise ValueError(f"start is missing {', '.join(missing)}; needed: {', '.join(START_KEYS)}")
    s = {k: check_number(f"start[{k!r}]", start[k], 0, 1e5) for k in START_KEYS}
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


def check_path(path: Any, columns=("week", "net_liquidity")) -> pd.DataFrame:
    """A weekly path from :func:`helpers.scenarios.liquidity_path`: the columns needed, two weeks or more, finite."""
    check_frame("path", path, tuple(columns), dated=False, min_rows=2, numeric=True)
    if not np.isfinite(path[list(columns)].to_numpy(dtype=float)).all():
        raise ValueError("path has missing or infinite values; allowed: the DataFrame from liquidity_path")
    if "week" in path.columns and not (np.diff(path["week"].to_numpy(dtype=float)) > 0).all():
        raise ValueError("path must be in week order (week 0, 1, 2, ...), as liquidity_path returns")
    return path


def identity_gap(path: pd.DataFrame) -> float:
    """Largest absolute gap, $ billions, in Δreserves = Δassets − ΔTGA − ΔON RRP − Δother (≈ 0)."""
    cols = ["reserves", "total_assets", "tga", "on_rrp", "currency_other"]
    d = check_path(path, cols)[cols].diff().iloc[1:]
    gap = d["reserves"] - (d["total_assets"] - d["tga"] - d["on_rrp"] - d["currency_other"])
    return float(gap.abs().max())


def scenario_regimes(path: pd.DataFrame) -> np.ndarray:
    """Regime of each simulated week 1..horizon: True = expanding, False = contracting or flat.

    Week k is expanding when net liquidity rose over the previous 13 weeks
    (net_liquidity[k] − net_liquidity[max(k − 13, 0)] > 0; the first 13 weeks are measured from
    week 0). A tolerance of $0.01 billion treats rounding noise as flat.
    """
    nl = check_path(path, ("net_liquidity",))["net_liquidity"].to_numpy(dtype=float)
    k = np.arange(1, len(nl))
    return (nl[k] - nl[np.maximum(k - REGIME_WEEKS, 0)]) > 0.01


# ---------------------------------------------------------------------------
# History: weekly bitcoin returns by net-liquidity regime
# ---------------------------------------------------------------------------
def weekly_history(balance_sheet: pd.DataFrame, btc: pd.Series) -> pd.DataFrame:
    """Wednesday bitcoin closes joined to net liquidity and its regime (see :func:`helpers.scenarios.weekly_btc`)."""
    check_frame("balance_sheet", balance_sheet, ("net_liquidity",), numeric=True)
    wed = btc[btc.index.day_of_week == 2]  # Wednesday closes line up with the H.4.1 week
    nl = balance_sheet["net_liquidity"]
    change = nl - nl.shift(REGIME_WEEKS)
    df = pd.DataFrame({"btc": wed}).join(
        pd.DataFrame({"net_liquidity": nl, "nl_change_13w": change}), how="inner")
    df["log_return"] = np.log(df["btc"]).diff()
    df = df.dropna()
    df["expanding"] = df["nl_change_13w"] > 0
    return df


def check_weekly(weekly: Any, columns=("log_return", "expanding")) -> pd.DataFrame:
    """A weekly history frame as :func:`helpers.scenarios.weekly_btc` returns (two weeks or more)."""
    return check_frame("weekly", weekly, tuple(columns), min_rows=2)


def regime_table(weekly: pd.DataFrame) -> pd.DataFrame:
    """Weekly log returns by regime: weeks, mean, sd, standard error, in percent per week."""
    df = check_weekly(weekly)
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


def yearly_regime_gaps(weekly: pd.DataFrame, min_weeks: int = 8) -> pd.DataFrame:
    """Expanding-minus-contracting average weekly log return per year (percentage points); only years
    with at least ``min_weeks`` weeks in each regime. Columns: ``expanding weeks``, ``contracting
    weeks``, ``gap (pp a week)``; index: calendar year."""
    min_weeks = check_int("min_weeks", min_weeks, 1, 26)
    df = check_weekly(weekly)
    rows = {}
    for year, g in df.groupby(df.index.year):
        n_exp = int(g["expanding"].sum())
        n_con = int(len(g) - n_exp)
        if n_exp < min_weeks or n_con < min_weeks:
            continue
        gap = g.loc[g["expanding"], "log_return"].mean() - g.loc[~g["expanding"], "log_return"].mean()
        rows[int(year)] = {"expanding weeks": n_exp, "contracting weeks": n_con, "gap (pp a week)": 100 * gap}
    if not rows:
        raise ValueError(f"min_weeks={min_weeks} leaves no year with that many weeks in each regime; "
                         "allowed: a smaller min_weeks")
    out = pd.DataFrame(rows).T
    out.index.name = "year"
    return out.astype({"expanding weeks": int, "contracting weeks": int})


def spells_of(weekly: pd.DataFrame, min_weeks: int = 1) -> pd.DataFrame:
    """Runs of consecutive weeks in the same regime lasting at least ``min_weeks`` weeks.

    Columns: ``regime``, ``start``, ``end`` (Wednesdays), ``weeks``.
    """
    min_weeks = check_int("min_weeks", min_weeks, 1, 520)
    df = check_weekly(weekly, ("expanding",))[["expanding"]].rename_axis("date").reset_index()
    run = (df["expanding"] != df["expanding"].shift()).cumsum()
    g = df.groupby(run)
    spells = pd.DataFrame({
        "regime": g["expanding"].first().map({True: "expanding", False: "contracting"}),
        "start": g["date"].first(),
        "end": g["date"].last(),
        "weeks": g.size(),
    }).reset_index(drop=True)
    out = spells[spells["weeks"] >= min_weeks].reset_index(drop=True)
    if out.empty:
        raise ValueError(f"min_weeks={min_weeks}: no spell lasts that long (the longest lasts "
                         f"{int(spells['weeks'].max())} weeks); allowed: a smaller min_weeks")
    return out
