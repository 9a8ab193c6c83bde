"""Part 2 of the lab, how big the balance sheet was: claims 2 (about $2 trillion) and 5 (from about $8.7 trillion).

Frames in (the topic's inputs), evidence out; :func:`qt_measures` is also what the balance-sheet
chart's title reads.
"""
from __future__ import annotations

import pandas as pd

from helpers.balance_sheet import drain_decomposition, qt_size
from helpers.claims import _lookup as lk
from helpers.claims._inputs import Inputs
from helpers.claims._lookup import H41
from helpers.claims._rules import build
from helpers.claims._scale import Evidence, matches
from helpers.i18n import gettext as _


def qt_measures(fb: pd.DataFrame, end: pd.Timestamp) -> list[tuple[str, object, float]]:
    """Four measures of QT2's size to the week nearest ``end``: (name, first week, change in $ billions).

    Total assets and securities (Treasuries + MBS), each from its 2022 peak and from the start of
    runoff (the week nearest 2022-06-01).
    """
    size = qt_size(fb, peak_from="2022-01-01", peak_to="2022-12-31", end=end)
    w0, w1 = lk.week(fb, "2022-06-01"), lk.week(fb, end)
    sec = fb["treasuries"] + fb["mbs"]
    return [
        ("Total assets, 2022 peak", size.loc["Total assets", "peak week"], size.loc["Total assets", "change"]),
        ("Total assets, from 2022-06-01", w0.date(), fb.loc[w1, "total_assets"] - fb.loc[w0, "total_assets"]),
        ("Securities, 2022 peak", size.loc["Securities (Treasuries + MBS)", "peak week"],
         size.loc["Securities (Treasuries + MBS)", "change"]),
        ("Securities, from 2022-06-01", w0.date(), sec[w1] - sec[w0]),
    ]


def qt_shrank_tn(fb: pd.DataFrame, end: pd.Timestamp) -> list[float]:
    """How much each of :func:`qt_measures` shrank, in $ trillions (positive: it shrank)."""
    return [-float(change) / 1000 for _, _, change in qt_measures(fb, end)]


def build_02(data: Inputs, end: pd.Timestamp, claimed_tn: float, step_tn: float) -> Evidence:
    """Claim 2's evidence: the size of QT2 by four measures, where the drain landed, how long it ran."""
    fb, ev = data.fed_balance_sheet, data.policy_events
    w0, w1 = lk.week(fb, "2022-06-01"), lk.week(fb, end)
    measures = qt_measures(fb, end)
    drain = drain_decomposition(fb, start="2022-06-01", end=end)
    rows, changes, k = [], [], 0
    for name, start_week, change in measures:
        tn = -float(change) / 1000
        ok = matches(tn, claimed_tn, step_tn)
        k += ok
        changes.append(tn)
        rows.append({"measure": name, "from week": f"{pd.Timestamp(start_week):%Y-%m-%d}", "to week": f"{w1:%Y-%m-%d}",
                     "shrank by ($ tn)": round(tn, 2), "rounds to the claim": "yes" if ok else "no",
                     "used by rule": "yes"})
    liab = {"Reserves": "Reserves", "ON RRP": "ON RRP"}
    for label, item in liab.items():
        rows.append({"measure": f"{label} (where the drain landed)", "from week": f"{w0:%Y-%m-%d}",
                     "to week": f"{w1:%Y-%m-%d}", "shrank by ($ tn)": round(-float(drain.loc[item, "change"]) / 1000, 2),
                     "rounds to the claim": "—", "used by rule": "no"})
    nl = -float(fb.loc[w1, "net_liquidity"] - fb.loc[w0, "net_liquidity"]) / 1000
    rows.append({"measure": "Net liquidity (assets − TGA − ON RRP)", "from week": f"{w0:%Y-%m-%d}",
                 "to week": f"{w1:%Y-%m-%d}", "shrank by ($ tn)": round(nl, 2), "rounds to the claim": "—",
                 "used by rule": "no"})
    years = (pd.Timestamp(end) - pd.Timestamp("2022-06-01")).days / 365.25
    end_ts = pd.Timestamp(end)
    runoff_months = (end_ts.year - 2022) * 12 + end_ts.month - 6 + (1 if end_ts.day > 1 else 0)
    facts = {"claimed_tn": claimed_tn, "step_tn": step_tn, "changes_tn": changes, "n_measures": len(changes),
             "runoff_months": int(runoff_months), "claimed_years": 3.0,
             "n_matching": int(k), "min_tn": min(changes), "max_tn": max(changes), "years": years,
             "reserves_fall_tn": -float(drain.loc["Reserves", "change"]) / 1000,
             "on_rrp_fall_tn": -float(drain.loc["ON RRP", "change"]) / 1000,
             "on_rrp_share": float(drain.loc["ON RRP", "share of asset change"]),
             "net_liquidity_fall_tn": nl}
    f = facts
    reason = _("The balance sheet shrank by ${low:.2f}–{high:.2f} trillion depending on the measure, over {months} "
               "months of runoff; but bank reserves fell only ${reserves:.2f} trillion and net liquidity "
               "${net:.2f} trillion — {share:.0%} of the drain came out of the ON RRP facility").format(
                   low=f["min_tn"], high=f["max_tn"], months=runoff_months, reserves=f["reserves_fall_tn"],
                   net=f["net_liquidity_fall_tn"], share=f["on_rrp_share"])
    explanation = (
        _("Measured from the 2022 peak or from the start of runoff on 1 June 2022, to the week nearest {end}, "
          "total assets and securities fell by ${low:.2f} to ${high:.2f} trillion: {k} of {n} measures round to "
          "'about ${claimed:g} trillion', so the size is about right").format(
              end=f"{end:%Y-%m-%d}", low=f["min_tn"], high=f["max_tn"], k=k, n=len(changes), claimed=claimed_tn)
        + (_(" (if anything a little low)") if f["min_tn"] > claimed_tn else "")
        + _(" (part a). Runoff lasted {months} months, June 2022 to November 2025 — {years:.1f} years, at the edge "
            "of rounding to 'three' (part c). 'Withdrew liquidity' is where the claim goes wrong (part b): "
            "{share:.0%} of the fall in assets came out of the ON RRP facility (${on_rrp:.2f} trillion), cash money "
            "funds had parked at the Fed; bank reserves fell only ${reserves:.2f} trillion and net liquidity "
            "${net:.2f} trillion. The claim that this drain drove the 2022–23 crypto bear market is a separate, "
            "causal claim (see claims 11 and 14).").format(
                months=runoff_months, years=runoff_months / 12, share=f["on_rrp_share"], on_rrp=f["on_rrp_fall_tn"],
                reserves=f["reserves_fall_tn"], net=f["net_liquidity_fall_tn"]))
    return build(2, facts, lk.table(rows), reason, explanation,
                     sources=[lk.event_url(ev, "2022-05-04"), lk.event_url(ev, "2025-10-29"), H41])



def build_05(data: Inputs, claimed_tn: float, step_tn: float, start: pd.Timestamp, end: pd.Timestamp) -> Evidence:
    """Claim 5's evidence: total assets at the start of ``start``'s year, their early-2023 peak, and at ``end``."""
    fb, ev = data.fed_balance_sheet, data.policy_events
    w0, w1 = lk.week(fb, start), lk.week(fb, end)
    ta = fb["total_assets"] / 1000
    early = ta.loc[start:start + pd.DateOffset(months=2) - pd.Timedelta(days=1)]
    half = ta.loc[start:start + pd.DateOffset(months=6) - pd.Timedelta(days=1)]
    peak_w = half.idxmax()
    spike_from = ta.loc[:peak_w].loc[peak_w - pd.Timedelta(days=21):].idxmin()
    other_jump = float(fb.loc[peak_w, "other_assets"] - fb.loc[spike_from, "other_assets"])
    above = ta.loc[start:end] >= claimed_tn - step_tn / 2
    weeks_matching = int((ta.loc[start:end].sub(claimed_tn).abs() <= step_tn / 2).sum())
    btfp = ev[(ev.index >= start) & (ev.index <= peak_w) & (ev["kind"] == "facility")]
    facts = {"claimed_tn": claimed_tn, "step_tn": step_tn, "start_week": f"{w0:%Y-%m-%d}",
             "start_level_tn": float(ta[w0]), "start_matches": matches(float(ta[w0]), claimed_tn, step_tn),
             "early_min_tn": float(early.min()), "early_max_tn": float(early.max()),
             "peak_week": f"{peak_w:%Y-%m-%d}", "peak_level_tn": float(half.max()),
             "peak_matches": matches(float(half.max()), claimed_tn, step_tn),
             "weeks_at_claimed_level": weeks_matching, "weeks_at_or_above": int(above.sum()),
             "other_assets_jump_bn": other_jump, "jump_from_week": f"{spike_from:%Y-%m-%d}",
             "end_week": f"{w1:%Y-%m-%d}", "end_level_tn": float(ta[w1]),
             "shrank": bool(ta[w1] < ta[w0]), "change_tn": float(ta[w1] - ta[w0]),
             "facility_rows": [f"{d:%Y-%m-%d} ({r['checked']})" for d, r in btfp.iterrows()]}
    f = facts
    rows = [
        {"item": f"total assets, week of {f['start_week']} ($ tn)", "value": f"{f['start_level_tn']:.2f}",
         "rounds to the claim": "yes" if f["start_matches"] else "no"},
        {"item": f"range in the first two months of {start.year} ($ tn)",
         "value": f"{f['early_min_tn']:.2f}–{f['early_max_tn']:.2f}", "rounds to the claim": "—"},
        {"item": f"highest in the first half of {start.year}, week of {f['peak_week']} ($ tn)",
         "value": f"{f['peak_level_tn']:.2f}", "rounds to the claim": "yes" if f["peak_matches"] else "no"},
        {"item": f"weeks from {f['start_week']} to {f['end_week']} rounding to the claim", "value": str(weeks_matching),
         "rounds to the claim": "—"},
        {"item": f"'other assets' (loans), {f['jump_from_week']} to {f['peak_week']} ($ bn)",
         "value": lk.fmt_bn(other_jump), "rounds to the claim": "—"},
        {"item": f"total assets, week of {f['end_week']} ($ tn)", "value": f"{f['end_level_tn']:.2f}",
         "rounds to the claim": "—"},
    ]
    caveat = str(btfp["caveat"].iloc[0]) if len(btfp) else ""
    btfp_checked = str(btfp["checked"].iloc[0]) if len(btfp) else ""
    reason = _("Total assets were ${start:.2f} tn at the start of {year}; only the {peak_week} emergency-lending "
               "spike reached ${peak:.2f} tn").format(start=f["start_level_tn"], year=start.year,
                                                      peak_week=f["peak_week"], peak=f["peak_level_tn"])
    explanation = _(
        "At the start of {year} total assets were ${start:.2f} trillion (week of {start_week}) and stayed between "
        "${early_min:.2f} and ${early_max:.2f} trillion in the first two months. The level 'about ${claimed:g} "
        "trillion' appears only in the weeks after Silicon Valley Bank failed: emergency lending (the Bank Term "
        "Funding Program announced on 12 March 2023, and discount-window loans) lifted 'other assets' by "
        "${jump:,.0f} billion and total assets to ${peak:.2f} trillion in the week of {peak_week} ({weeks} weeks in "
        "all round to the claimed figure). That was lending to banks, not QT policy. The direction is right: by "
        "{end_week} total assets were ${end:.2f} trillion, ${fall:.2f} trillion below the start of {year}.").format(
            year=start.year, start=f["start_level_tn"], start_week=f["start_week"], early_min=f["early_min_tn"],
            early_max=f["early_max_tn"], claimed=claimed_tn, jump=other_jump, peak=f["peak_level_tn"],
            peak_week=f["peak_week"], weeks=weeks_matching, end_week=f["end_week"], end=f["end_level_tn"],
            fall=-f["change_tn"])
    if caveat:
        explanation += _(" (Event row 2023-03-12 is '{checked}': {caveat} The verdict rests on the H.4.1 "
                         "numbers, not on that row.)").format(checked=btfp_checked, caveat=caveat)
    return build(5, facts, lk.table(rows), reason, explanation, sources=[*lk.event_urls(ev, "2023-03-12"), H41])

