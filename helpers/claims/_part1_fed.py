"""Part 1 of the lab, what the Fed did: claims 1 (QT ended), 3 (purchases restarted) and 4 (cuts delayed).

Each ``build_NN(data, ...)`` takes the topic's inputs (frames) and the claim's choices, already
checked at the public face, and returns the claim's evidence.
"""
from __future__ import annotations

import pandas as pd

from helpers.balance_sheet import monthly_pace
from helpers.claims import _lookup as lk
from helpers.claims._inputs import Inputs
from helpers.claims._lookup import NYFED_REPO, PURCHASE_KINDS
from helpers.claims._rules import build
from helpers.claims._scale import Evidence
from helpers.events import effective_date, rate_turns
from helpers.i18n import gettext as _


def _qt_end_row(ev: pd.DataFrame, claimed_month: str) -> tuple[pd.Timestamp | None, pd.Timestamp | None, str, str]:
    rows = ev[ev["kind"] == "qt_end"]
    for date, row in rows.iterrows():
        eff = effective_date(row["effective"], date)
        if f"{eff:%Y-%m}" == claimed_month:
            return date, eff, str(row["checked"]), str(row["caveat"] or "")
    return None, None, "", ""


def build_01(data: Inputs, claimed_month: str, tolerance_bn: float, weeks_before: int) -> Evidence:
    """Claim 1's evidence: the qt_end row of ``claimed_month`` and Treasury holdings around it."""
    fb, ev = data.fed_balance_sheet, data.policy_events
    announced, eff, checked, caveat = _qt_end_row(ev, claimed_month)
    when = eff if eff is not None else pd.Timestamp(f"{claimed_month}-01")
    w = lk.week(fb, when)
    i = fb.index.get_loc(w)
    before = fb.iloc[max(0, i - weeks_before)]
    after = fb.iloc[i + 1:]
    tsy = float(fb.loc[w, "treasuries"])
    tsy_min_after = float(after["treasuries"].min()) if len(after) else tsy
    facts = {
        "claimed_month": claimed_month,
        "decision_in_claimed_month": announced is not None,
        "announced": f"{announced:%Y-%m-%d}" if announced is not None else "",
        "effective": f"{eff:%Y-%m-%d}" if eff is not None else "",
        "checked": checked,
        "tolerance_bn": tolerance_bn,
        "week": f"{w:%Y-%m-%d}",
        "treasuries_bn": tsy,
        "treasuries_change_before_bn": tsy - float(before["treasuries"]),
        "treasuries_min_after_bn": tsy_min_after,
        "treasuries_fall_after_bn": max(0.0, tsy - tsy_min_after),
        "treasuries_change_to_latest_bn": float(fb["treasuries"].iloc[-1]) - tsy,
        "mbs_change_to_latest_bn": float(fb["mbs"].iloc[-1] - fb.loc[w, "mbs"]),
        "latest_week": f"{fb.index[-1]:%Y-%m-%d}",
    }
    f = facts
    numbers = lk.table([
        {"item": "qt_end decision announced", "value": f["announced"] or "none in the table"},
        {"item": "runoff concluded (effective)", "value": f["effective"] or "—"},
        {"item": "event row checked against the release", "value": f["checked"] or "—"},
        {"item": f"Treasuries, week of {f['week']} ($ bn)", "value": f"{tsy:,.0f}"},
        {"item": f"Treasuries, change in the {weeks_before} weeks before ($ bn)",
         "value": lk.fmt_bn(f["treasuries_change_before_bn"])},
        {"item": "Treasuries, lowest level after that week ($ bn)", "value": f"{tsy_min_after:,.0f}"},
        {"item": f"Treasuries, change to the latest week {f['latest_week']} ($ bn)",
         "value": lk.fmt_bn(f["treasuries_change_to_latest_bn"])},
        {"item": "MBS, change to the latest week ($ bn)", "value": lk.fmt_bn(f["mbs_change_to_latest_bn"])},
    ])
    row_ok = lk.confirmed(checked)
    facts["decision_row_confirmed"] = row_ok
    fall_before = abs(f["treasuries_change_before_bn"])
    reason = (_("Treasury holdings fell {fall:,.0f} bn in the {weeks} weeks before {effective} and have not fallen "
                "since; the decision (announced {announced}) is in the event table as '{checked}'").format(
                  fall=fall_before, weeks=weeks_before, effective=f["effective"], announced=f["announced"],
                  checked=f["checked"])
              + ("" if row_ok else _(" — checked against secondary copies only, so the table alone cannot back "
                                     "'formally'"))
              if announced is not None else _("no qt_end decision took effect in that month"))
    explanation = (
        _("The FOMC announced on {announced} that balance-sheet runoff would conclude on {effective}. ").format(
            announced=f["announced"], effective=f["effective"])
        + (_("The event row is '{checked}': checked against the statement and its implementation note. ").format(
               checked=f["checked"])
           if row_ok else
           _("The event row is '{checked}': the course checked it only against secondary copies of the "
             "statement, so part (b) cannot be checked with this table — read the linked statement to settle "
             "it. ").format(checked=f["checked"]))
        + _("The balance sheet does not depend on that label: Treasury holdings fell by ${fall:,.0f} billion in the "
            "{weeks} weeks before the week of {week}, ").format(fall=fall_before, weeks=weeks_before, week=f["week"])
        + (_("never fell below that week's ${level:,.0f} billion afterwards").format(level=tsy)
           if f["treasuries_fall_after_bn"] < 0.5 else
           _("fell at most ${dip:,.0f} billion below that week's ${level:,.0f} billion afterwards").format(
               dip=f["treasuries_fall_after_bn"], level=tsy))
        + _(", and stood ${rise:,.0f} billion higher by {latest}. MBS kept maturing (a further ${mbs:,.0f} billion), "
            "but from then on that principal was reinvested in Treasury bills, so total securities stopped "
            "shrinking. The decision was announced in October and took effect on 1 December.").format(
            rise=f["treasuries_change_to_latest_bn"], latest=f["latest_week"], mbs=-f["mbs_change_to_latest_bn"])
        if announced is not None else
        _("The event table has no end of runoff effective in {month}.").format(month=claimed_month))
    if caveat:
        explanation += _(" Caveat from the table: {caveat}").format(caveat=caveat)
    settle = ("" if announced is None or row_ok else
              _("the FOMC statement and implementation note of {announced} read on federalreserve.gov, to "
                "confirm the event row (now checked against secondary copies only)").format(announced=f["announced"]))
    return build(1, facts, numbers, reason, explanation, settle,
                     sources=lk.event_urls(ev, f["announced"]) if announced is not None else [])



def build_03(data: Inputs, year: int) -> Evidence:
    """Claim 3's evidence: Treasury holdings over Q1 ``year`` and the first purchase decision."""
    fb, ev = data.fed_balance_sheet, data.policy_events
    q1_start, q1_end = pd.Timestamp(f"{year}-01-01"), pd.Timestamp(f"{year}-04-01")
    w0, w1 = lk.week(fb, q1_start), lk.week(fb, q1_end)
    change = float(fb.loc[w1, "treasuries"] - fb.loc[w0, "treasuries"])
    pace = monthly_pace(fb, "treasuries", q1_start, q1_end)
    month_rows, falling = [], 0
    for m in range(1, 4):
        a, b = lk.week(fb, pd.Timestamp(year, m, 1)), lk.week(fb, pd.Timestamp(year, m + 1, 1))
        d = float(fb.loc[b, "treasuries"] - fb.loc[a, "treasuries"])
        falling += d < 0
        month_rows.append((f"{pd.Timestamp(year, m, 1):%b %Y}", a, b, d))
    purchases = ev[(ev.index >= q1_start) & ev["kind"].isin(PURCHASE_KINDS)]
    first = purchases.index[0] if len(purchases) else None
    slow = ev[(ev.index >= q1_start) & (ev.index < q1_end) & (ev["kind"] == "qt_slow")]
    slow_text = "; ".join(f"{d:%Y-%m-%d}: {r['key_numbers']}" for d, r in slow.iterrows())
    mbs_35 = bool(slow["key_numbers"].str.contains(r"MBS cap \$35B", regex=True).any()) if len(slow) else False
    srf = ev[(ev["kind"] == "stress") & ev["description"].str.contains(r"Standing Repo|SRF", regex=True)
             & (ev.index.year == year)]
    tsy = fb["treasuries"].loc[q1_start:]
    rising = tsy.diff() > 5
    first_rise = tsy.index[rising.to_numpy()][0] if rising.any() else None
    facts = {"year": year, "q1_start_week": f"{w0:%Y-%m-%d}", "q1_end": f"{w1:%Y-%m-%d}",
             "treasuries_change_q1_bn": change, "treasuries_pace_q1_bn_month": pace,
             "months_falling": int(falling),
             "first_purchase_decision": f"{first:%Y-%m-%d}" if first is not None else "",
             "first_purchase_effective": str(ev.loc[first, "effective"]) if first is not None else "",
             "first_weekly_rise_over_5bn": f"{first_rise:%Y-%m-%d}" if first_rise is not None else "",
             "q1_runoff_decision": slow_text, "mbs_cap_35bn_in_q1_decision": mbs_35,
             "repo_operations_in_data": False, "srf_rows": len(srf),
             "srf_checked": sorted(set(srf["checked"])) if len(srf) else []}
    rows = [{"item": f"Treasuries, {w0:%Y-%m-%d} to {w1:%Y-%m-%d} ($ bn)", "value": lk.fmt_bn(change)},
            {"item": "Treasuries, average change a month over Q1 ($ bn)", "value": f"{pace:+.1f}"}]
    rows += [{"item": f"Treasuries, {label} ($ bn)", "value": lk.fmt_bn(d)} for label, _, _, d in month_rows]
    rows += [{"item": "Q1 balance-sheet decision in the table", "value": slow_text or "none"},
             {"item": "first purchase decision (rmp / QE) of the year",
              "value": (f"{first:%Y-%m-%d} ({ev.loc[first, 'kind']}, effective {ev.loc[first, 'effective']}, "
                        f"{ev.loc[first, 'checked']})") if first is not None else "none"},
             {"item": "first week Treasuries rose by more than $5 bn", "value": facts["first_weekly_rise_over_5bn"] or "—"}]
    for d, r in srf.iterrows():
        rows.append({"item": f"Standing Repo Facility record {d:%Y-%m-%d} (checked: {r['checked']})",
                     "value": f"{r['key_numbers']} — {r['caveat']}"})
    fell = change < 0
    decided = facts["first_purchase_decision"]
    reason = ((_("Treasury holdings fell ${change:,.0f} bn in Q1 {year}; ") if fell else
               _("Treasury holdings rose ${change:,.0f} bn in Q1 {year}; ")).format(change=abs(change), year=year)
              + (_("purchases (of bills) were decided only on {decided}").format(decided=decided) if decided else
                 _("the table has no purchase decision (rmp / QE) from then on")))
    srf_text = (_("the event table's {n} Standing Repo Facility record(s) for {year} ({dates}) come from press "
                  "reports (checked: {checked}) and are overnight loans repaid the next day, not lasting "
                  "injections.").format(n=len(srf), year=year, dates=_(", ").join(f"{d:%Y-%m-%d}" for d in srf.index),
                                        checked=_(", ").join(facts["srf_checked"]))
                if len(srf) else _("the event table has no Standing Repo Facility record for {year}.").format(year=year))
    explanation = (
        (_("In Q1 {year} the Fed was still running off Treasuries: holdings fell by ${fall:,.0f} billion "
           "(about ${pace:,.0f} billion a month, in {falling} of 3 months).").format(
             year=year, fall=abs(change), pace=abs(pace), falling=falling) if fell else
         _("In Q1 {year} Treasury holdings rose by ${rise:,.0f} billion (about ${pace:,.0f} billion a month; "
           "they fell in {falling} of 3 months).").format(year=year, rise=change, pace=pace, falling=falling))
        + (_(" The only Q1 decision in the table slowed runoff ({decision}) — fewer securities leaving, not "
             "purchases.").format(decision=slow_text)
           if slow_text else _(" The table has no Q1 decision that slowed runoff."))
        + (_(" The $35 billion a month in the claim matches the cap on MBS runoff: money leaving the Fed's balance "
             "sheet, not coming in.") if mbs_35 else "")
        + (_(" Purchases — of Treasury bills, for reserve management — were decided on {decided} (effective "
             "{effective}), and the first weekly rise in holdings of more than $5 billion came on {first_rise}. ").format(
               decided=decided, effective=facts["first_purchase_effective"],
               first_rise=facts["first_weekly_rise_over_5bn"] or _("no week since")) if decided else
           _(" The table has no purchase decision (rmp / QE) from then on. "))
        + _("The repo figures ($45 billion, $38 billion) cannot be checked here: the snapshot holds no repo-operation "
            "series; {srf}").format(srf=srf_text))
    settle = _("the New York Fed's repo and reverse repo operation results (daily amounts by operation) and the "
               "Treasury purchase and sale results, newyorkfed.org")
    return build(3, facts, lk.table(rows), reason, explanation, settle,
                     sources=[lk.event_url(ev, f"{year}-03-19"), *(lk.event_urls(ev, f"{first:%Y-%m-%d}") if first is not None else []),
                              NYFED_REPO])



def build_04(data: Inputs, claimed: pd.Timestamp, year: int) -> Evidence:
    """Claim 4's evidence: every change of the target range in ``year`` and the events on ``claimed``."""
    ev = data.policy_events
    turns = rate_turns(data.policy_rates, ev)
    in_year = turns[(turns["announced"].dt.year == year)]
    cuts = in_year[in_year["change"] < 0]
    first = cuts.iloc[0] if len(cuts) else None
    on_claimed, on_rows = [], []
    for d, r in ev.iterrows():
        eff = effective_date(r["effective"], d)
        if eff == claimed or d == claimed:
            on_claimed.append(f"{d:%Y-%m-%d} {r['kind']} ({r['description']}) — {r['checked']}")
            what = "runoff concluded" if r["kind"] == "qt_end" else str(r["description"])[:40]
            on_rows.append({"announced": f"{d:%Y-%m-%d}", "effective": f"{eff:%Y-%m-%d}", "change (pp)": "none",
                            "event kind": f"{r['kind']}: {what}", "checked": r["checked"]})
    rows = []
    for _i, t in in_year.iterrows():
        row = ev.loc[t["announced"]] if t["announced"] in ev.index else None
        rows.append({"announced": f"{t['announced']:%Y-%m-%d}", "effective": f"{t['effective']:%Y-%m-%d}",
                     "change (pp)": f"{t['change']:+.2f}",
                     "event kind": row["kind"] if row is not None else "not in the table",
                     "checked": row["checked"] if row is not None else "—"})
    rows += on_rows
    facts = {"claimed_date": f"{claimed:%Y-%m-%d}", "year": year,
             "cut_dates": [f"{d:%Y-%m-%d}" for d in cuts["announced"]], "n_cuts": int(len(cuts)),
             "first_cut_announced": f"{first['announced']:%Y-%m-%d}" if first is not None else "",
             "first_cut_effective": f"{first['effective']:%Y-%m-%d}" if first is not None else "",
             "events_on_claimed_date": on_claimed,
             "range_change_on_claimed_date": bool(((turns["effective"] == claimed) | (turns["announced"] == claimed)).any())}
    f = facts
    reason = _("The target range was cut {n} times in {year}, first on {first}; {claimed} was the end of runoff, "
               "not a cut").format(n=f["n_cuts"], year=year, first=f["first_cut_announced"],
                                   claimed=f"{claimed:%Y-%m-%d}")
    explanation = _(
        "The daily target range shows {n} cuts announced in {year}: {dates} (each takes effect the next day). The "
        "first came more than two months before the claimed date. On {claimed} the target range did not change; "
        "what happened that day was the end of balance-sheet runoff decided on 29 October. The claim seems to mix "
        "up the end of QT with a rate cut.").format(n=f["n_cuts"], year=year, dates=_(", ").join(f["cut_dates"]),
                                                   claimed=f"{claimed:%Y-%m-%d}")
    sources = [u for d in f["cut_dates"] for u in [lk.event_url(ev, d)]]
    return build(4, facts, pd.DataFrame(rows).set_index("announced"), reason, explanation, sources=sources)

