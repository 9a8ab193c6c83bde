"""Lesson 05's tables and text reports on the snapshot's closes (the numbers behind each widget).

These may read the snapshot (through :func:`helpers.risk.inputs`); each checks the caller's own
arguments before it calls a computation, so a message names what the caller typed.
"""
from __future__ import annotations

from typing import Sequence

import numpy as np
import pandas as pd

from helpers.risk._compute import (ASSETS, CRYPTO, STOP_FROM, annualised_volatility, check_staging, ladder_outcomes,
                                   ladder_summary, log_returns, periods_per_year, staged_summary, staged_vs_lump,
                                   worst_drawdowns)
from helpers.i18n import gettext as _
from helpers.risk._compute_positions import liquidation_frequency, liquidation_price
from helpers.risk._inputs import asset_prices, inputs
from helpers.validate import (check_choice, check_choices, check_date, check_frame, check_int, check_ints,
                              check_number, shown)


def _crypto(asset: str) -> pd.Series:
    """Daily closes of ``btc`` or ``eth`` (the simulations need every calendar day)."""
    return asset_prices(check_choice("asset", asset, CRYPTO))


def _horizon(name: str, value, prices: pd.Series, lo: int = 1) -> int:
    """A holding period in days that fits in the data (at least one start day left)."""
    return check_int(name, value, lo, min(3650, len(prices) - 1))


# ---------------------------------------------------------------------------
# Tables for the lesson
# ---------------------------------------------------------------------------
def volatility_table(assets: Sequence[str] = ("btc", "eth", "sp500", "nasdaq"),
                     start: str = "2017-11-09") -> pd.DataFrame:
    """Annualised volatility and big-move frequency of each asset from ``start`` to its last close.

    Crypto is annualised with 365 periods a year (it trades every day), equities with 252 (about
    252 trading days a year). ``big days`` = share of days whose move exceeds 5 % either way.
    """
    assets = check_choices("assets", assets, tuple(ASSETS))
    markets = inputs().markets
    closes = {a: markets[a].dropna() for a in assets}
    last = min(p.index[-3] for p in closes.values())  # at least three closes (two returns) per asset
    start = check_date("start", start, hi=last)
    rows = {}
    for a in assets:
        p = closes[a].loc[start:]
        r = log_returns(p)
        rows[ASSETS[a][0]] = {
            "first day": p.index[0].strftime("%Y-%m-%d"),
            "last day": p.index[-1].strftime("%Y-%m-%d"),
            "periods per year": periods_per_year(a),
            "annualised volatility": annualised_volatility(p, periods_per_year(a)),
            "big days (|move| > 5 %)": float((np.expm1(r).abs() > 0.05).mean()),
            "worst day": float(np.expm1(r.min())),
        }
    return pd.DataFrame(rows).T


def drawdown_table(assets: Sequence[str] = ("btc", "eth", "sp500", "nasdaq"), n: int = 3) -> pd.DataFrame:
    """The ``n`` worst drawdowns of each asset, dates as text (empty recovery = not yet recovered)."""
    assets = check_choices("assets", assets, tuple(ASSETS))
    n = check_int("n", n, 1, 100)
    markets = inputs().markets
    parts = []
    for a in assets:
        t = worst_drawdowns(markets[a].dropna(), n)
        t.insert(0, "asset", ASSETS[a][0])
        for c in ("peak", "trough", "recovery"):
            t[c] = t[c].dt.strftime("%Y-%m-%d").fillna("not yet")
        t["days_to_recover"] = t["days_to_recover"].astype("Int64")
        parts.append(t)
    return pd.concat(parts, ignore_index=True)


def staged_table(asset: str = "btc", tranches: Sequence[int] = (2, 3, 4),
                 horizons_days: Sequence[int] = (91, 182, 365), spacing_days: int = 7) -> pd.DataFrame:
    """:func:`staged_summary` for several tranche counts and horizons (rows), key columns only."""
    p = _crypto(asset)
    tranches = check_ints("tranches", tranches, 1, 12, max_len=6)
    horizons_days = check_ints("horizons_days", horizons_days, 1, min(3650, len(p) - 1), max_len=6)
    check_staging(max(tranches), spacing_days, min(horizons_days), horizon_name="horizons_days")
    rows = {}
    for n in tranches:
        for h in horizons_days:
            s = staged_summary(staged_vs_lump(p, n, spacing_days, h))
            rows[(n, h)] = s[["staged better (share)", "median difference", "5th percentile",
                              "95th percentile"]]
    out = pd.DataFrame(rows).T
    out.index.names = ["tranches", "horizon (days)"]
    return out


def as_percent(df: pd.DataFrame, columns: Sequence[str] | None = None, decimals: int = 0) -> pd.DataFrame:
    """A copy of ``df`` with fraction columns shown as percent strings (for display only; NaN shows as "")."""
    check_frame("df", df, dated=False)
    if df.shape[1] == 0:
        raise ValueError("df has no columns; allowed: a DataFrame with fraction columns")
    decimals = check_int("decimals", decimals, 0, 6)
    if columns is None:
        cols = list(df.columns)
    elif isinstance(columns, (str, bytes)) or not isinstance(columns, (list, tuple, pd.Index)):
        raise TypeError(f"columns must be a list of column names or None, got {type(columns).__name__} "
                        f"({shown(columns)})")
    else:
        cols = list(columns)
    missing = [c for c in cols if c not in df.columns]
    if missing:
        raise ValueError(f"columns {missing!r} are not in df; allowed: {', '.join(map(str, df.columns))}")
    for c in cols:
        values = pd.to_numeric(df[c], errors="coerce")  # a transposed table holds its numbers as objects
        if pd.api.types.is_bool_dtype(df[c]) or any(isinstance(v, (bool, np.bool_)) for v in df[c]) or (
                values.isna() & df[c].notna()).any():
            raise TypeError(f"df[{c!r}] must hold fractions (numbers), got {shown(df[c].tolist())}; "
                            "name only the fraction columns in columns")
        if np.isinf(values.to_numpy(dtype=float)).any():
            raise ValueError(f"df[{c!r}] holds an infinite value; allowed: finite fractions")
        if df[c].isna().all():
            raise ValueError(f"df[{c!r}] has no values (all missing); allowed: a DataFrame with data in it")
    numbers = df.select_dtypes("number")
    if numbers.shape[1] and numbers.isna().all().all():
        raise ValueError("df has no values (all missing); allowed: a DataFrame with data in it")
    out = df.copy()
    for c in cols:
        out[c] = [f"{v:.{decimals}%}" if pd.notna(v) else "" for v in df[c]]
    return out


# ---------------------------------------------------------------------------
# The numbers behind each widget, on the snapshot's closes
# ---------------------------------------------------------------------------
def staged_numbers(asset: str = "btc", tranches: int = 3, spacing_days: int = 7,
                   horizon_days: int = 182) -> pd.Series:
    """:func:`staged_summary` of one setting on the snapshot's closes (the staged-buying widget's numbers)."""
    p = _crypto(asset)
    _horizon("horizon_days", horizon_days, p)
    return staged_summary(staged_vs_lump(p, tranches, spacing_days, horizon_days))


def _ladder_setting(level1, level2, fraction1, fraction2, trail, stop_from) -> tuple:
    """A two-level ladder's arguments, each checked under its own name."""
    level1 = check_number("level1", level1, 0, 20, open_lo=True)
    level2 = check_number("level2", level2, 0, 20, open_lo=True)
    if level2 <= level1:
        raise ValueError(f"level2={shown(level2)} must be above level1={shown(level1)}; allowed: "
                         "a second level higher than the first")
    fraction1 = check_number("fraction1", fraction1, 0, 1)
    fraction2 = check_number("fraction2", fraction2, 0, 1)
    if fraction1 + fraction2 > 1 + 1e-12:
        raise ValueError(f"fraction1 + fraction2 = {fraction1 + fraction2:g}; allowed: a total <= 1 "
                         "(you cannot sell more than the whole position)")
    trail = check_number("trail", trail, 0, 1, open_hi=True, allowed="a number >= 0 and < 1 (0 = no stop)")
    check_choice("stop_from", stop_from, STOP_FROM)
    return level1, level2, fraction1, fraction2, trail


def _ladder(asset, level1, level2, fraction1, fraction2, trail, stop_from, horizon_days) -> pd.DataFrame:
    """:func:`ladder_outcomes` of a two-level ladder on weekly entries, arguments checked under their own names."""
    p = _crypto(asset)
    level1, level2, fraction1, fraction2, trail = _ladder_setting(level1, level2, fraction1, fraction2, trail,
                                                                  stop_from)
    _horizon("horizon_days", horizon_days, p)
    return ladder_outcomes(p, (level1, level2), (fraction1, fraction2), trail or None, stop_from, horizon_days, 7)


def ladder_numbers(asset: str = "btc", level1: float = 0.2, level2: float = 0.5,
                   fraction1: float = 0.25, fraction2: float = 0.25, trail: float = 0.2,
                   stop_from: str = "last_level", horizon_days: int = 365) -> pd.DataFrame:
    """:func:`ladder_summary` for a two-level ladder on weekly entries (the ladder widget's numbers).

    ``trail=0`` means no trailing stop.
    """
    return ladder_summary(_ladder(asset, level1, level2, fraction1, fraction2, trail, stop_from, horizon_days))


def leverage_numbers(asset: str = "btc", leverage: float = 10.0, days: int = 30, side: str = "long",
                     maintenance: float = 0.005) -> dict:
    """Liquidation price at the latest close and the historical liquidation share (the leverage widget's numbers)."""
    p = _crypto(asset)
    days = _horizon("days", days, p)
    last = float(p.iloc[-1])
    liq = liquidation_price(last, leverage, side, maintenance)
    daily = liquidation_frequency(p, [leverage], [days], side, maintenance).iloc[0, 0]
    return {
        "asset": ASSETS[asset][0],
        "last close": last,
        "last date": p.index[-1].strftime("%Y-%m-%d"),
        "liquidation price": liq,
        "move to liquidation": liq / last - 1.0,
        "share liquidated": float(daily),
        "start days": len(p) - days,
    }


# ---------------------------------------------------------------------------
# Text reports (what the widgets print, and the plain cells that nbval checks)
# ---------------------------------------------------------------------------
def staged_report(asset: str = "btc", tranches: int = 3, spacing_days: int = 7, horizon_days: int = 182) -> str:
    """Plain-text summary of :func:`staged_numbers` for one setting."""
    s = staged_numbers(asset, tranches, spacing_days, horizon_days)
    return "\n".join([
        _("{asset}: {tranches} tranche(s) {spacing_days} days apart vs a lump sum, valued after "
          "{horizon_days} days, over {start_dates:,} start dates").format(
            asset=_(ASSETS[asset][0]), tranches=tranches, spacing_days=spacing_days, horizon_days=horizon_days,
            start_dates=int(s["start dates"])),
        "  " + _("staged did better on {staged:.1%} of start dates, the lump sum on {lump:.1%}").format(
            staged=s["staged better (share)"], lump=s["lump sum better (share)"]),
        "  " + _("staged minus lump (% of the budget): median {median:+.1%}, 5th percentile {p05:+.1%}, "
                 "95th percentile {p95:+.1%}").format(
            median=s["median difference"], p05=s["5th percentile"], p95=s["95th percentile"]),
        "  " + _("spread (standard deviation) of the final value: lump sum {lump:.0%}, staged {staged:.0%} "
                 "of the budget").format(
            lump=s["spread of lump outcomes (std)"], staged=s["spread of staged outcomes (std)"]),
    ])


def ladder_report(asset: str = "btc", level1: float = 0.2, level2: float = 0.5, fraction1: float = 0.25,
                  fraction2: float = 0.25, trail: float = 0.2, stop_from: str = "last_level",
                  horizon_days: int = 365) -> str:
    """Plain-text summary of :func:`ladder_numbers` for one setting (``trail=0`` means no stop)."""
    out = _ladder(asset, level1, level2, fraction1, fraction2, trail, stop_from, horizon_days)
    t, n = ladder_summary(out), len(out)
    if not trail:
        stop = _("no stop")
    elif stop_from == "entry":
        stop = _("a {trail:.0%} trailing stop on the rest from entry").format(trail=trail)
    else:
        stop = _("a {trail:.0%} trailing stop on the rest from the last level").format(trail=trail)
    shown_t = as_percent(t, ["wins", "ties", "ended below entry"])
    for c in ("median", "5th pct", "95th pct"):
        shown_t[c] = [f"{v:.2f}" for v in t[c]]
    return "\n".join([
        _("{asset}, {n} weekly entries, {horizon_days} days: sell {fraction1:.0%} at +{level1:.0%}, "
          "{fraction2:.0%} at +{level2:.0%}, {stop}").format(
            asset=_(ASSETS[asset][0]), n=n, horizon_days=horizon_days, fraction1=fraction1, level1=level1,
            fraction2=fraction2, level2=level2, stop=stop),
        _("Values: 1.00 = break-even"),
        shown_t.to_string(),  # the table's row and column labels are the ladder_summary() names
    ])


def leverage_report(asset: str = "btc", leverage: float = 10.0, days: int = 30, side: str = "long",
                    maintenance: float = 0.005) -> str:
    """Plain-text summary of :func:`leverage_numbers` for one setting."""
    r = leverage_numbers(asset, leverage, days, side, maintenance)
    name = r["asset"]
    return "\n".join([
        _("{asset} {leverage:g}x {side}, isolated margin, maintenance margin {maintenance:.2%} "
          "(no fees or funding)").format(asset=_(name), leverage=leverage,
                                         side=_("long") if side == "long" else _("short"), maintenance=maintenance),
        "  " + _("at the last close (${last_close:,.0f} on {last_date}) the liquidation price is "
                 "${liquidation_price:,.0f}, a move of {move:+.1%}").format(
            last_close=r["last close"], last_date=r["last date"], liquidation_price=r["liquidation price"],
            move=r["move to liquidation"]),
        "  " + _("opened at any daily close, it was liquidated within {days} days on {share:.1%} "
                 "of {start_days:,} start days").format(days=days, share=r["share liquidated"],
                                                        start_days=r["start days"]),
        "  " + _("(from daily closes only: intraday moves would liquidate more often)"),
    ])
