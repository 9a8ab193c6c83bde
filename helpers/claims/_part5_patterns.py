"""Part 5 of the lab, patterns: claims 8 (gains after every pivot), 12 (ether beats bitcoin) and 13 (seasons).

Frames in (the topic's inputs), tables and evidence out; the event studies and seasonal contrasts
come from :mod:`helpers.events`.
"""
from __future__ import annotations

import math
from typing import Any

import numpy as np
import pandas as pd

from helpers import events
from helpers.claims import _lookup as lk
from helpers.claims._inputs import Inputs
from helpers.claims._rules import build
from helpers.claims._scale import Evidence
from helpers.events import POLICY_KINDS, bootstrap_mean_interval, monthly_returns, policy_phases
from helpers.i18n import gettext as _
from helpers.i18n import text

OWN_PIVOTS_8 = ("2025-09-17", "2025-10-29", "2025-12-01")
"""The article's own pivot, 'rate cuts together with the end of QT': the first two cuts of the cycle and the
day runoff ended (the third cut, 2025-12-10, came after it)."""


def own_pivot_table(m: pd.DataFrame, assets: tuple[str, ...], horizons: tuple[int, ...],
                    dates: tuple[pd.Timestamp, ...]) -> pd.DataFrame:
    """Returns (percent) ``horizons`` months after each of ``dates``, or None where the horizon is not in the data.

    Rows: asset × pivot date; columns ``<h>m`` (the return) and ``<h>m reached on`` (the date the
    horizon ends). Uses :func:`helpers.events.forward_return` (first close on or after each date).
    """
    a, hs, ds = assets, horizons, dates
    rows = []
    for asset in a:
        s = m[asset].dropna()
        for d in ds:
            row: dict[str, Any] = {"asset": asset, "pivot": f"{d:%Y-%m-%d}", "data end": f"{s.index[-1]:%Y-%m-%d}"}
            for h in hs:
                r = events.forward_return(s, d, h)
                row[f"{h}m"] = None if math.isnan(r) else 100 * r
                row[f"{h}m reached on"] = f"{d + pd.DateOffset(months=h):%Y-%m-%d}"
            rows.append(row)
    return pd.DataFrame(rows).set_index(["asset", "pivot"])


def _historical(assets: tuple[str, ...], horizons: tuple[int, ...], pivots: str) -> dict[str, tuple]:
    """Event study and summary per asset (helpers.events); refuses a horizon the data do not reach for every pivot."""
    out = {}
    for a in assets:
        es = events.event_study(a, pivots, horizons)
        missing = es[es["return_pct"].isna() | es["percentile"].isna()]
        if len(missing):
            row = missing.iloc[0]
            raise ValueError(f"horizons={list(horizons)} with pivots={pivots!r}: {events.ASSETS[a]} has no "
                             f"{int(row['months'])}-month return after the pivot of {row['date']:%Y-%m-%d} in the data; "
                             "allowed: horizons the prices reach after every pivot of the set")
        out[a] = (es, events.study_summary(a, pivots, horizons))
    return out


def build_08(data: Inputs, assets: tuple[str, ...], horizons: tuple[int, ...], pivots: str) -> Evidence:
    """Claim 8's evidence: an event study after the article's pivots, and its own 2025 pivots so far."""
    if 12 not in horizons:
        raise ValueError(f"horizons={list(horizons)} leaves out 12; allowed: horizons (months) that include 12, "
                         "the horizon the evidence compares across every definition of the pivots")
    studies = _historical(assets, horizons, pivots)
    ev = data.policy_events
    facts: dict[str, Any] = {"assets": list(assets), "horizons": list(horizons), "pivots": pivots}
    rows = []
    for a in assets:
        es, sm = studies[a]
        ok = sm[(sm["n"] > 0) & (sm["n_positive"] == sm["n"])]
        facts[f"{a}_any_horizon_all_positive"] = bool(len(ok))
        facts[f"{a}_min_chance_random"] = float(ok["chance_random"].min()) if len(ok) else float("nan")
        facts[f"{a}_horizons_all_positive"] = [int(h) for h in ok.index]
        for h in horizons:
            s = sm.loc[h]
            part = es[es["months"] == h]
            facts[f"{a}_{h}m_returns_pct"] = [float(x) for x in part["return_pct"]]
            facts[f"{a}_{h}m_percentiles"] = [float(x) for x in part["percentile"]]
            rows.append({"pivots": "historical (article)", "asset": events.ASSETS[a], "months": h,
                         "returns after each pivot (%)": ", ".join(f"{x:+.0f}" for x in part["return_pct"]),
                         "percentiles": ", ".join(f"{x:.0f}" for x in part["percentile"]),
                         "all positive": "yes" if s["n_positive"] == s["n"] and s["n"] > 0 else "no",
                         "share of all windows positive": round(float(s["base_share_positive"]), 2),
                         "chance random windows do as well": round(float(s["chance_random"]), 2)})
    own = own_pivot_table(data.markets, assets, horizons, tuple(pd.Timestamp(d) for d in OWN_PIVOTS_8))
    facts["own_assets"] = list(assets)
    facts["own_pivots"] = list(OWN_PIVOTS_8)
    def _v(x: Any) -> float | None:
        return None if x is None or pd.isna(x) else float(x)

    facts["own_returns_pct"] = {a: {d: {str(h): _v(own.loc[(a, d), f"{h}m"]) for h in horizons} for d in OWN_PIVOTS_8}
                                for a in assets}
    facts["own_data_end"] = {a: str(own.loc[a, "data end"].iloc[0]) for a in assets}
    own_rows = []
    for a in assets:
        for h in horizons:
            vals = [facts["own_returns_pct"][a][d][str(h)] for d in OWN_PIVOTS_8]
            got = [v for v in vals if v is not None]
            own_rows.append({"pivots": "2025 (article's definition)", "asset": events.ASSETS[a], "months": h,
                             "returns after each pivot (%)": ", ".join(f"{v:+.0f}" if v is not None else "not yet"
                                                                      for v in vals),
                             "percentiles": "—",
                             "all positive": ("no" if any(v <= 0 for v in got) else
                                              "not yet" if len(got) < len(vals) else "yes"),
                             "share of all windows positive": "—",
                             "chance random windows do as well": "—"})
    turns = events.rate_turns(data.policy_rates, ev)
    facts["cuts_in_2023"] = int(((turns["announced"].dt.year == 2023) & (turns["change"] < 0)).sum())
    ps = events.pivot_set(pivots)
    facts["pivot_dates"] = [f"{d:%Y-%m-%d}" for d in ps["announced"]]
    sel = events.selection_table("btc", 12)
    every = sel[(sel["n"] > 0) & (sel["n_positive"] == sel["n"])]
    facts["btc12_choices_all_positive"] = int(len(every))
    facts["btc12_choices"] = int(len(sel))
    facts["btc12_min_chance_all_positive"] = float(every["chance_random"].min()) if len(every) else float("nan")
    f = facts
    a0 = assets[0]
    p12 = f.get(f"{a0}_12m_percentiles", [])
    good = f[a0 + "_horizons_all_positive"]
    bad = [h for h in horizons if h not in good]
    pattern = ((_("every pivot was followed by a gain at {horizons} months").format(
                    horizons=_(" and ").join(map(str, good))) if good else
                _("at no horizon was every pivot followed by a gain"))
               + (_(", but not at {horizons} months").format(horizons=_(" or ").join(map(str, bad)))
                  if bad and good else ""))
    own_reached = [v for a in assets for d in OWN_PIVOTS_8 for v in f["own_returns_pct"][a][d].values() if v is not None]
    own_pending = sum(v is None for a in assets for d in OWN_PIVOTS_8 for v in f["own_returns_pct"][a][d].values())
    facts["own_reached"] = len(own_reached)
    facts["own_reached_positive"] = int(sum(v > 0 for v in own_reached))
    facts["own_not_yet"] = int(own_pending)
    last18 = max(pd.Timestamp(d) for d in OWN_PIVOTS_8) + pd.DateOffset(months=max(horizons))
    own_text = _("Under the article's own definition (cuts with the end of QT: {pivots}), {positive} of the "
                 "{reached} returns already in the data were gains; {pending} horizon(s) are not yet reached (the "
                 "last on {last})").format(pivots=_(", ").join(OWN_PIVOTS_8), positive=f["own_reached_positive"],
                                           reached=f["own_reached"], pending=own_pending, last=f"{last18:%Y-%m-%d}")
    reason = ((_("Historical pivots: gains did follow at 12 months, but random windows rose as often (chance ≥ "
                 "{chance:.0%}); there was no cut in 2023").format(
                   chance=min(f[f"{a}_min_chance_random"] for a in assets if f[f"{a}_any_horizon_all_positive"]))
               if any(f[f"{a}_any_horizon_all_positive"] for a in assets)
               else _("Not every historical pivot was followed by gains at any horizon"))
              + _(". ") + own_text)
    asset0 = text(events.ASSETS[a0])
    not_yet = _("not yet")
    explanation = (
        _("The article's pivots as the data date them are {pivots} — the target-range data show {cuts} cuts "
          "announced in 2023, so its '2023' pivot is read as the first cut of that cycle, in September 2024. For "
          "{asset}, {pattern}. At 12 months the pivots ranked at percentiles {percentiles} of all 12-month windows "
          "(50 = a typical window). {asset} rose in most windows whatever the start date, so 'gains followed' is "
          "the normal ").format(pivots=_(", ").join(f["pivot_dates"]), cuts=f["cuts_in_2023"], asset=asset0,
                                pattern=pattern, percentiles=_(", ").join(f"{x:.0f}" for x in p12))
        + (_("outcome: random start dates would do as well {chance:.0%} of the time or more. ").format(
               chance=f[a0 + "_min_chance_random"])
           if f[a0 + "_any_horizon_all_positive"] else
           _("outcome, and here not even every pivot was followed by one. "))
        + _("Across {n} reasonable definitions of 'the pivots' (helpers.events), every pivot was followed by a "
            "12-month bitcoin gain in {k}").format(n=f["btc12_choices"], k=f["btc12_choices_all_positive"])
        + (_(", and in each of those random windows would do as well at least {chance:.0%} of the time. ").format(
               chance=f["btc12_min_chance_all_positive"]) if f["btc12_choices_all_positive"] else _(". "))
        + _("With three events nothing here is statistically significant; 'every time' describes three cases, not "
            "a rule. ")
        + _("{own}: the returns so far are {returns}").format(own=own_text, returns=_("; ").join(
            f"{text(events.ASSETS[a])} " + _(", ").join(
                f"{d} " + "/".join(f"{v:+.0f}%" if v is not None else not_yet
                                   for v in f["own_returns_pct"][a][d].values())
                for d in OWN_PIVOTS_8) for a in assets))
        + _(" (at {horizons} months). The verdict on this part waits for the horizons the claim names; the record so "
            "far is shown, not judged early.").format(horizons=_(", ").join(map(str, horizons))))
    settle = _("many more independent pivots (other central banks, longer histories), a definition of 'pivot' fixed "
               "before looking at returns, and out-of-sample cases such as the end of QT in December 2025 (claim 9)")
    sources = [u for d in f["pivot_dates"] for u in [lk.event_url(ev, d)]]
    table = pd.DataFrame(rows + own_rows).set_index(["pivots", "asset", "months"])
    return build(8, facts, table, reason, explanation, settle, sources)



DEFINITIONS_12 = {
    "easing": "the Fed's latest rate or balance-sheet decision was easing",
    "outside_qt": "the month began outside a QT (runoff) phase",
    "stocks_up": "the S&P 500 rose that month",
}


def relative_months(m: pd.DataFrame, ev: pd.DataFrame, end: pd.Timestamp) -> pd.DataFrame:
    """Monthly ETH-minus-BTC log returns, with each 'risk-on' definition of :data:`DEFINITIONS_12` as a column.

    ``end`` closes the last policy phase (the last balance-sheet week).
    """
    mr = pd.DataFrame({a: monthly_returns(m[a].dropna()) for a in ("btc", "eth", "sp500")}).dropna(subset=["btc", "eth"])
    starts = mr.index.to_period("M").to_timestamp()
    pol = ev[ev["kind"].isin(POLICY_KINDS) & (ev["stance"] != "neutral")]["stance"]
    stance = pol.reindex(pol.index.union(starts)).ffill().reindex(starts).to_numpy()
    phases = policy_phases(ev, end)
    in_qt = np.zeros(len(mr), dtype=bool)
    for _i, p in phases[phases["phase"] == "QT"].iterrows():
        in_qt |= np.asarray((starts >= p["start"]) & (starts < p["end"]))
    out = pd.DataFrame({"relative": np.log1p(mr["eth"]) - np.log1p(mr["btc"]),
                        "btc": np.log1p(mr["btc"]), "eth": np.log1p(mr["eth"]),
                        "easing": stance == "easing", "outside_qt": ~in_qt,
                        "stocks_up": (mr["sp500"] > 0).where(mr["sp500"].notna())}, index=mr.index)
    return out


def build_12(data: Inputs, reps: int, seed: int) -> Evidence:
    """Claim 12's evidence: ETH against BTC in 'risk-on' months under three definitions, with bootstrap intervals."""
    rel = relative_months(data.markets, data.policy_events, data.fed_balance_sheet.index[-1])
    facts: dict[str, Any] = {"definitions": list(DEFINITIONS_12), "reps": reps, "seed": seed,
                             "altcoins_in_data": False,
                             "first_month": f"{rel.index[0]:%Y-%m}", "last_month": f"{rel.index[-1]:%Y-%m}"}
    rows = []
    for key, text in DEFINITIONS_12.items():
        mask = rel[key]
        on = rel.loc[mask.fillna(False).astype(bool), "relative"].to_numpy() * 100
        off = rel.loc[(~mask.astype("boolean")).fillna(False).astype(bool), "relative"].to_numpy() * 100
        lo, hi = bootstrap_mean_interval(on, reps=reps, seed=seed)
        facts.update({f"{key}_months": int(on.size), f"{key}_mean_pct": float(on.mean()), f"{key}_ci_low_pct": lo,
                      f"{key}_ci_high_pct": hi, f"{key}_share_eth_ahead": float((on > 0).mean()),
                      f"{key}_other_mean_pct": float(off.mean())})
        rows.append({"risk-on months: when": text, "months": int(on.size),
                     "ETH minus BTC, mean (% a month)": round(float(on.mean()), 2),
                     "95% interval": f"{lo:+.1f} to {hi:+.1f}", "months ETH ahead": f"{(on > 0).mean():.0%}",
                     "other months, mean": round(float(off.mean()), 2)})
    facts["eth_volatility_ratio"] = float(rel["eth"].std() / rel["btc"].std())
    f = facts
    shares = [f[f"{k}_share_eth_ahead"] for k in DEFINITIONS_12]
    others_negative = all(f[f"{k}_other_mean_pct"] < 0 for k in DEFINITIONS_12)
    reason = _("In 'risk-on' months ETH beat BTC in only {low:.0%}–{high:.0%} of months; every 95% interval includes "
               "zero; altcoins are not in the data").format(low=min(shares), high=max(shares))
    definition_names = {"easing": _("easing"), "outside_qt": _("outside qt"), "stocks_up": _("stocks up")}
    explanation = (
        _("From {first} to {last}, with three definitions of 'risk appetite returns', ether's average monthly return "
          "minus bitcoin's in those months was {means}; ether was ahead in {low:.0%} to {high:.0%} of those months "
          "and ").format(
              first=f["first_month"], last=f["last_month"],
              means=_(", ").join(_("{mean:+.1f}% ({definition})").format(
                  mean=f[k + "_mean_pct"], definition=definition_names.get(k, k.replace("_", " ")))
                  for k in DEFINITIONS_12),
              low=min(shares), high=max(shares))
        + (_("every 95% interval includes zero. ") if all(f[k + '_ci_low_pct'] <= 0 <= f[k + '_ci_high_pct']
                                                           for k in DEFINITIONS_12) else
           _("not every interval includes zero. "))
        + (_("Ether lagged bitcoin on average in the other months. ") if others_negative else "")
        + _("Ether's monthly returns vary about {ratio:.1f} times as much as bitcoin's, so it is ahead in many months "
            "and behind in many others; averages that are each within noise do not make a rule. ").format(
                ratio=f["eth_volatility_ratio"])
        + _("The altcoin claim (a 1–3 month lag) cannot be checked: the snapshot has no altcoin prices."))
    settle = _("daily prices of a fixed, survivorship-free list of altcoins (including coins that later died) to "
               "test the 1–3 month lag; a risk-appetite measure defined before looking at ETH/BTC")
    return build(12, facts, lk.table(rows), reason, explanation, settle)



def build_13(data: Inputs, assets: tuple[str, ...], reps: int, seed: int) -> Evidence:
    """Claim 13's evidence: Jan-Mar and Nov-Dec against the other months (helpers.events.season_contrast)."""
    facts: dict[str, Any] = {"assets": list(assets), "reps": reps, "seed": seed, "flows_in_data": False}
    rows = []
    for a in assets:
        for key, months, label in (("q1", [1, 2, 3], "Jan–Mar"), ("novdec", [11, 12], "Nov–Dec")):
            c = events.season_contrast(a, months, reps=reps, seed=seed)
            facts.update({f"{a}_{key}_diff_pct": c["diff_pct"], f"{a}_{key}_ci_low_pct": c["ci_low_pct"],
                          f"{a}_{key}_ci_high_pct": c["ci_high_pct"], f"{a}_{key}_months": c["n_in"]})
            rows.append({"asset": events.ASSETS[a], "months": label, "claimed": "higher" if key == "q1" else "lower",
                         "mean (% a month)": round(c["in_mean_pct"], 1), "other months": round(c["out_mean_pct"], 1),
                         "difference": round(c["diff_pct"], 1),
                         "95% interval": f"{c['ci_low_pct']:+.1f} to {c['ci_high_pct']:+.1f}", "months used": c["n_in"]})
    f = facts
    a0 = assets[0]
    leans = sum(f[f"{a}_q1_diff_pct"] > 0 for a in assets) + sum(f[f"{a}_novdec_diff_pct"] < 0 for a in assets)
    excl = sum(f[f"{a}_{k}_ci_low_pct"] > 0 or f[f"{a}_{k}_ci_high_pct"] < 0 for a in assets for k in ("q1", "novdec"))
    facts["estimates_leaning_as_claimed"] = int(leans)
    facts["intervals_excluding_zero"] = int(excl)
    asset0 = text(events.ASSETS[a0])
    reason = _("{asset}: Q1 {q1:+.1f} and Nov–Dec {novdec:+.1f} points a month against other months; {excl} of "
               "{n} intervals exclude zero").format(asset=asset0, q1=f[a0 + "_q1_diff_pct"],
                                                    novdec=f[a0 + "_novdec_diff_pct"], excl=excl, n=2 * len(assets))
    explanation = (
        _("Monthly returns grouped by season ({reps:,} bootstrap draws, seed {seed}): for {asset}, January–March "
          "averaged {q1:+.1f} points a month against the other months (95% interval {q1_lo:+.1f} to {q1_hi:+.1f}) "
          "and November–December {novdec:+.1f} (interval {novdec_lo:+.1f} to {novdec_hi:+.1f})").format(
              reps=reps, seed=seed, asset=asset0, q1=f[a0 + "_q1_diff_pct"], q1_lo=f[a0 + "_q1_ci_low_pct"],
              q1_hi=f[a0 + "_q1_ci_high_pct"], novdec=f[a0 + "_novdec_diff_pct"],
              novdec_lo=f[a0 + "_novdec_ci_low_pct"], novdec_hi=f[a0 + "_novdec_ci_high_pct"])
        + "".join(_("; for {asset} {q1:+.1f} and {novdec:+.1f}").format(
                      asset=text(events.ASSETS[a]), q1=f[a + "_q1_diff_pct"], novdec=f[a + "_novdec_diff_pct"])
                  for a in assets[1:])
        + _(". Read the signs first: {leans} of {n} estimates lean the way the claim says. Then the intervals: "
            "{excl} of {n} exclude zero").format(leans=leans, n=2 * len(assets), excl=excl)
        + (_(". With about a dozen years per calendar month, differences of this size cannot be told from chance")
           if excl == 0 else "")
        + _("; and looking at all twelve months for a pattern makes a few false alarms likely. The flows themselves "
            "(bonuses, pension contributions, tax-loss sales) are not in the data."))
    settle = _("data on the flows themselves — monthly ETF and exchange inflows, realised losses in tax-lot data — "
               "and many more years of prices")
    return build(13, facts, pd.DataFrame(rows).set_index(["asset", "months"]), reason, explanation, settle)

