"""Part 4 of the lab, moving together: claims 7 (a 0.72 correlation), 11 (direct causation) and 14 (a tighter link).

Frames or series in, tables and evidence out: re-aligning a daily series (:func:`daily_shifts`,
:func:`realign_daily`), BTC-S&P 500 return pairs and their rolling correlations, and weekly
balance-sheet changes against BTC.
"""
from __future__ import annotations

import math
from statistics import NormalDist
from typing import Any, Mapping

import numpy as np
import pandas as pd

from helpers import stats
from helpers.claims import _lookup as lk
from helpers.claims._inputs import Inputs
from helpers.claims._lookup import H41
from helpers.claims._rules import build
from helpers.claims._scale import Evidence, reaches
from helpers.i18n import N_
from helpers.i18n import gettext as _
from helpers.liquidity import weekly_changes, weekly_frame
from helpers.validate import check_int, check_series


def daily_shifts(series: pd.Series, reference: pd.Series, max_shift: int = 1) -> pd.Series:
    """For each calendar month, the day shift that best lines ``series`` up with ``reference``.

    The shift ``k`` (``-max_shift..max_shift``) minimises the median absolute log gap between
    ``series.shift(k)`` and ``reference`` on that month's days (ties go to the smaller ``|k|``).
    A positive shift means ``series`` is dated ``k`` days early. Both are daily price series.
    Returns an int Series indexed by month (Period).
    """
    for name, s in (("series", series), ("reference", reference)):
        check_series(name, s)
        if (s.dropna() <= 0).any():
            raise ValueError(f"{name} must be positive prices; found a value <= 0")
    k_max = check_int("max_shift", max_shift, 0, 7)
    days = pd.date_range(min(series.index[0], reference.index[0]), max(series.index[-1], reference.index[-1]))
    s, r = np.log(series.reindex(days)), np.log(reference.reindex(days))
    shifts = sorted(range(-k_max, k_max + 1), key=lambda k: (abs(k), k))
    gaps = pd.DataFrame({k: (s.shift(k) - r).abs() for k in shifts})
    by_month = gaps.groupby(days.to_period("M")).median().dropna(how="all")
    if by_month.empty:
        raise ValueError("series and reference have no day in common")
    out = by_month.apply(lambda row: row.dropna().idxmin() if row.notna().any() else 0, axis=1).astype(int)
    out.index.name = "month"
    return out.rename("shift_days")


def realign_daily(series: pd.Series, reference: pd.Series, max_shift: int = 1) -> pd.Series:
    """``series`` re-dated month by month with :func:`daily_shifts`, so its days match ``reference``'s."""
    shifts = daily_shifts(series, reference, max_shift)
    days = pd.date_range(series.index[0], series.index[-1])
    full = series.reindex(days)
    parts = []
    for month, k in shifts.items():
        shifted = full.shift(int(k))
        parts.append(shifted[days.to_period("M") == month])
    return pd.concat(parts).dropna().rename(series.name)


# Argument values (English, typed back by the learner); N_ marks the words shown for them in reports and charts.
SOURCES_7 = ("Yahoo", N_("Coinbase as dated"), N_("Coinbase re-aligned"))
KINDS_7 = ("log", "simple")
ALIGNMENTS_7 = (N_("common trading days"), N_("same calendar day"))


def btc_source(m: pd.DataFrame, source: str) -> pd.Series:
    """BTC's daily closes from one of :data:`SOURCES_7` (the Coinbase copy re-aligned to Yahoo's days, or not)."""
    if source == "Yahoo":
        return m["btc"].dropna()
    cb = m["btc_coinbase"].dropna()
    if source == "Coinbase as dated":
        return cb
    return realign_daily(cb, m["btc"].dropna(), 1)


def pair_returns(btc: pd.Series, spx: pd.Series, kind: str, alignment: str) -> pd.DataFrame:
    """Daily BTC and S&P 500 returns (``kind``: log or simple) matched by ``alignment`` (:data:`ALIGNMENTS_7`)."""
    if alignment == "common trading days":
        return stats.common_day_returns(pd.concat([btc.rename("btc"), spx.rename("sp500")], axis=1, sort=True), kind)
    f = stats.log_returns if kind == "log" else stats.simple_returns
    daily_btc = f(btc.asfreq("D"))
    return pd.concat([daily_btc.rename("btc"), f(spx).rename("sp500")], axis=1, join="inner",
                     sort=True).dropna()


def corr_summary(r: pd.DataFrame, window: int, year: int, source: str, kind: str,
                 alignment: str) -> dict[str, Any]:
    """The ``window``-day rolling correlation of paired returns ``r`` in ``year``: highest, median, share above 0.5."""
    rc = stats.rolling_corr(r["btc"], r["sp500"], window)
    part = rc[rc.index.year == year].dropna()
    if part.empty:
        raise ValueError(f"no {window}-day correlation values in year={year}")
    return {"window": window, "source": source, "returns": kind, "alignment": alignment,
            "max": float(part.max()), "max_date": f"{part.idxmax():%Y-%m-%d}", "median": float(part.median()),
            "share_above_0_5": float((part > 0.5).mean()), "days": int(len(part))}


def all_pairs(m: pd.DataFrame) -> dict[tuple[str, str, str], pd.DataFrame]:
    """:func:`pair_returns` for every BTC source, return type and alignment (each source built once)."""
    spx = m["sp500"].dropna()
    sources = {s: btc_source(m, s) for s in SOURCES_7}
    return {(s, k, a): pair_returns(sources[s], spx, k, a) for s in SOURCES_7 for k in KINDS_7 for a in ALIGNMENTS_7}


def variants_table(pairs: Mapping[tuple[str, str, str], pd.DataFrame], window: int, year: int) -> pd.DataFrame:
    """The ``window``-day BTC–S&P 500 rolling correlation in ``year`` under every choice.

    One row per BTC source (:data:`SOURCES_7`), return type (log, simple) and alignment
    (``common trading days``: both returns run from the previous day both have a close, so BTC's
    Monday return includes its weekend; ``same calendar day``: BTC's own one-day return matched
    with the S&P 500's return on that trading day). Columns: ``max``, ``max_date``, ``median``,
    ``share_above_0_5``, ``days``.
    """
    rows = [corr_summary(pairs[(s, k, a)], window, year, s, k, a)
            for s in SOURCES_7 for k in KINDS_7 for a in ALIGNMENTS_7]
    return pd.DataFrame(rows).set_index(["source", "returns", "alignment"])



def build_07(data: Inputs, window: int, year: int, claimed: float, step: float) -> Evidence:
    """Claim 7's evidence: the year's highest rolling correlation under every choice, with other windows as context."""
    m = data.markets
    pairs = all_pairs(m)
    table = variants_table(pairs, window, year)
    best = table["max"].idxmax()
    best_max = float(table["max"].max())
    yahoo = table.loc[("Yahoo", "log", "common trading days")]
    main = ("Yahoo", "log", "common trading days")
    context = {w: corr_summary(pairs[main], w, year, *main) for w in (20, 30, 90, 120) if w != window}
    cb_shifts = daily_shifts(m["btc_coinbase"].dropna(), m["btc"].dropna())
    months_shifted = int((cb_shifts[cb_shifts.index.year == year] != 0).sum())
    facts = {"window": window, "year": year, "claimed": claimed, "step": step, "best_max": best_max,
             "best_variant": " / ".join(best), "best_date": str(table.loc[best, "max_date"]),
             "reaches_claim": reaches(best_max, claimed, step), "shortfall": claimed - best_max,
             "yahoo_log_max": float(yahoo["max"]), "yahoo_log_max_date": str(yahoo["max_date"]),
             "yahoo_log_median": float(yahoo["median"]), "yahoo_log_share_above_0_5": float(yahoo["share_above_0_5"]),
             "min_of_max": float(table["max"].min()), "coinbase_months_shifted": months_shifted,
             "other_windows_max": {w: c["max"] for w, c in context.items()}}
    f = facts
    rows = table.reset_index()
    rows["used by rule"] = "yes"
    extra = pd.DataFrame([{**c, "used by rule": "no (context)"} for c in context.values()])
    numbers = pd.concat([rows, extra], ignore_index=True)[
        ["window", "source", "returns", "alignment", "max", "max_date", "median", "used by rule"]]
    numbers["max"] = numbers["max"].map("{:.3f}".format)
    numbers["median"] = numbers["median"].map("{:.3f}".format)
    numbers = numbers.rename(columns={"max": "highest in year", "max_date": "on", "median": "median day"})
    reason = _("The highest {window}-day value in {year} over all variants was {best:.2f} ({date}); the median day "
               "was {median:.2f}").format(window=window, year=year, best=best_max, date=facts["best_date"],
                                          median=f["yahoo_log_median"])
    wtxt = _(", ").join(_("{window} days {value:.2f}").format(window=w, value=v) for w, v in f["other_windows_max"].items())
    explanation = _(
        "Over {n} reasonable ways of measuring it, the {window}-day correlation of daily BTC and S&P 500 returns in "
        "{year} peaked between {low:.2f} and {best:.2f}; the highest came on {best_date} ({variant}). With the "
        "course's main series (Yahoo, log returns, common trading days) it peaked at {main_max:.2f} on {main_date}, "
        "its median day was {median:.2f}, and it was above 0.5 on only {share:.0%} of days. So the correlation was "
        "real and sometimes high, but {claimed:.2f} is not reproduced, and a one-day peak is not a description of "
        "the year. The data source matters: the Coinbase copy is dated one day off Yahoo's in {months} months of "
        "{year}, which alone lowers the correlation sharply until it is re-aligned. Shorter windows swing further "
        "(highest in {year}: {others}), so a number like {claimed:.2f} can come from a different window or source; "
        "and a correlation with stocks says nothing about the Fed's liquidity.").format(
            n=len(table), window=window, year=year, low=f["min_of_max"], best=best_max, best_date=f["best_date"],
            variant=f["best_variant"], main_max=f["yahoo_log_max"], main_date=f["yahoo_log_max_date"],
            median=f["yahoo_log_median"], share=f["yahoo_log_share_above_0_5"], claimed=claimed,
            months=months_shifted, others=wtxt)
    settle = _("the article's own data source, time stamps and window, so the number can be recomputed")
    return build(7, facts, numbers, reason, explanation, settle)



def weekly_moves(fb: pd.DataFrame, m: pd.DataFrame) -> pd.DataFrame:
    """Week-on-week changes of the balance sheet and markets (helpers.liquidity), with total assets' log change."""
    wk = weekly_frame(fb, m)
    chg = weekly_changes(wk)
    chg["total_assets"] = np.log(wk["total_assets"]).diff()
    return chg


MEASURES_14 = {"total_assets": N_("Total assets"), "net_liquidity": N_("Net liquidity")}


def build_11(data: Inputs, max_lag: int, n_perm: int, block: int, seed: int) -> Evidence:
    """Claim 11's evidence: lead-lag tests of weekly liquidity changes against BTC (helpers.stats)."""
    chg = weekly_moves(data.fed_balance_sheet, data.markets)
    rows, facts = [], {"max_lag": max_lag, "n_perm": n_perm, "block": block, "seed": seed}
    ps = []
    for key, label in MEASURES_14.items():
        t = stats.cross_correlation_test(chg[key], chg["btc"], max_lag=max_lag, n_perm=n_perm, block=block, seed=seed)
        same = float(t.table.loc[0, "corr"])
        k = t.max_abs_lag
        facts[f"{key}_best_lag"] = int(k)
        facts[f"{key}_best_corr"] = float(t.max_abs_corr)
        facts[f"{key}_best_lag_p"] = float(t.table.loc[k, "p_value"])
        facts[f"{key}_familywise_p"] = float(t.max_abs_p)
        facts[f"{key}_same_week_corr"] = same
        facts[f"{key}_weeks"] = int(t.table.loc[0, "n"])
        ps.append(t.max_abs_p)
        rows.append({"measure": f"{label} (weekly change)", "weeks": int(t.table.loc[0, "n"]),
                     "same-week corr": f"{same:+.3f}", "best lag (weeks)": int(k),
                     "corr at best lag": f"{t.max_abs_corr:+.3f}",
                     "share of BTC variance": f"{t.max_abs_corr ** 2:.1%}",
                     "p at that lag": f"{t.table.loc[k, 'p_value']:.3f}",
                     "family-wise p": f"{t.max_abs_p:.3f}"})
    facts["min_familywise_p"] = float(min(ps))
    f = facts
    nl = "net_liquidity"
    reason = _("Weekly liquidity changes explain at most {share:.1%} of BTC's weekly moves at any lag; the best lag "
               "is no better than chance (family-wise p ≥ {p:.2f}); correlation is not causation").format(
                   share=max(f[f"{m}_best_corr"] ** 2 for m in MEASURES_14), p=f["min_familywise_p"])
    explanation = _(
        "'Direct causation' would at least leave a trace in the data: liquidity changes followed by BTC moves. Over "
        "{weeks} weeks, the same-week correlation of net-liquidity changes with BTC returns was {same:+.3f}. Across "
        "lags of −{max_lag} to +{max_lag} weeks the largest was {best:+.3f} at lag {lag} (positive: liquidity "
        "first), with per-lag p = {lag_p:.3f} — but with {n_lags} lags tried, the best of them beats the best lag of "
        "shuffled, unrelated series only with family-wise p = {family_p:.2f}. Total assets give the same picture "
        "(family-wise p = {assets_p:.2f}). Even a strong, stable correlation would not show causation: both series "
        "respond to the same news (inflation, growth, risk appetite), and the Fed reacts to markets too. The "
        "evidence the article cites for causation is a correlation of bitcoin with stocks, which does not involve "
        "the Fed's balance sheet at all.").format(
            weeks=f[nl + "_weeks"], same=f[nl + "_same_week_corr"], max_lag=max_lag, best=f[nl + "_best_corr"],
            lag=f[nl + "_best_lag"], lag_p=f[nl + "_best_lag_p"], n_lags=2 * max_lag + 1,
            family_p=f[nl + "_familywise_p"], assets_p=f["total_assets_familywise_p"])
    settle = _("a causal design, not more correlations: for example BTC's reaction in narrow windows around "
               "unexpected balance-sheet announcements (intraday data plus a measure of the surprise), compared "
               "with similar windows without news")
    return build(11, facts, lk.table(rows), reason, explanation, settle)



def _fisher_p_higher(r1: float, n1: int, r0: float, n0: int) -> float:
    """One-sided p-value that correlation r1 (n1 pairs) exceeds r0 (n0 pairs), Fisher z."""
    z = (math.atanh(r1) - math.atanh(r0)) / math.sqrt(1 / (n1 - 3) + 1 / (n0 - 3))
    return 1 - NormalDist().cdf(z)


def link_table(chg: pd.DataFrame) -> pd.DataFrame:
    """Correlation of weekly changes (total assets, net liquidity) with weekly BTC returns, per year.

    ``chg`` is :func:`weekly_moves`. Columns ``measure``, ``year``, ``weeks``, ``corr``, ``lo``/``hi``
    (rough 95% Fisher interval, independent weeks assumed). Years with fewer than 20 weeks are left out.
    """
    rows = []
    for key, label in MEASURES_14.items():
        for y, g in chg[[key, "btc"]].dropna().groupby(lambda d: d.year):
            if len(g) < 20:
                continue
            r = stats.correlation(g[key], g["btc"])
            lo, hi = stats.fisher_ci(r, len(g))
            rows.append({"measure": label, "year": int(y), "weeks": len(g), "corr": r, "lo": lo, "hi": hi})
    return pd.DataFrame(rows)


def build_14(data: Inputs, year: int) -> Evidence:
    """Claim 14's evidence: the year's correlation of weekly changes with BTC against all earlier weeks."""
    chg = weekly_moves(data.fed_balance_sheet, data.markets)
    facts: dict[str, Any] = {"year": year, "measures": list(MEASURES_14)}
    rows = []
    for key, label in MEASURES_14.items():
        d = chg[[key, "btc"]].dropna()
        now, before = d[d.index.year == year], d[d.index.year < year]
        if len(now) < 20 or len(before) < 20:
            raise ValueError(f"year={year} leaves too few weeks (need 20 in the year and 20 before it)")
        r1, r0 = stats.correlation(now[key], now["btc"]), stats.correlation(before[key], before["btc"])
        lo, hi = stats.fisher_ci(r1, len(now))
        p = _fisher_p_higher(r1, len(now), r0, len(before))
        facts.update({f"{key}_r_year": r1, f"{key}_r_before": r0, f"{key}_p_higher": p, f"{key}_lo": lo,
                      f"{key}_hi": hi, f"{key}_weeks_year": len(now), f"{key}_weeks_before": len(before)})
        rows.append({"measure": f"{label} (weekly change) vs BTC", f"corr {year}": f"{r1:+.3f}",
                     "95% interval": f"{lo:+.2f} to {hi:+.2f}", f"weeks {year}": len(now),
                     "corr, all earlier weeks": f"{r0:+.3f}", "weeks before": len(before),
                     "p (higher in the year)": f"{p:.3f}"})
    by_year = link_table(chg)
    prior = by_year[by_year["year"] < year]
    facts["earlier_years_range"] = (float(prior["corr"].min()), float(prior["corr"].max()))
    facts["years_excluding_zero"] = int(((by_year["lo"] > 0) | (by_year["hi"] < 0)).sum())
    facts["threshold_year"] = 1.96 / math.sqrt(facts["total_assets_weeks_year"])
    f = facts
    ta, nl = "total_assets", "net_liquidity"
    reason = _("{year}'s correlation was {assets:+.2f} (total assets) and {liquidity:+.2f} (net liquidity); not "
               "significantly higher than before (p = {assets_p:.2f}, {liquidity_p:.2f})").format(
                   year=year, assets=f[ta + "_r_year"], liquidity=f[nl + "_r_year"], assets_p=f[ta + "_p_higher"],
                   liquidity_p=f[nl + "_p_higher"])
    explanation = (
        _("'More tightly linked' should show as a higher correlation of changes. For weekly changes in total assets "
          "and BTC returns, {year} gives {assets:+.3f} (95% interval {lo:+.2f} to {hi:+.2f}) against "
          "{assets_before:+.3f} over all earlier weeks (one-sided p = {assets_p:.2f}); for net liquidity "
          "{liquidity:+.3f} against {liquidity_before:+.3f} (p = {liquidity_p:.2f}). Single earlier years ranged "
          "from {range_lo:+.2f} to {range_hi:+.2f}. With about {weeks} weeks a year, a correlation needs to exceed "
          "roughly ±{threshold:.2f} to stand out from zero; ").format(
              year=year, assets=f[ta + "_r_year"], lo=f[ta + "_lo"], hi=f[ta + "_hi"], assets_before=f[ta + "_r_before"],
              assets_p=f[ta + "_p_higher"], liquidity=f[nl + "_r_year"], liquidity_before=f[nl + "_r_before"],
              liquidity_p=f[nl + "_p_higher"], range_lo=f["earlier_years_range"][0],
              range_hi=f["earlier_years_range"][1], weeks=f["total_assets_weeks_year"], threshold=f["threshold_year"])
        + (_("no single year's interval excludes zero. ") if f["years_excluding_zero"] == 0 else
           _("{n} year-measure pair(s) of {total} do. ").format(n=f["years_excluding_zero"], total=len(by_year)))
        + _("A chart of the two *levels* can look tightly linked in any year — that is the spurious correlation of "
            "trending series (lesson 03), not evidence."))
    settle = _("more years of data under a definition fixed in advance, or a causal design (see claim 11); the "
               "article's own measure and period, so it can be recomputed")
    return build(14, facts, lk.table(rows), reason, explanation, settle, sources=[H41])

