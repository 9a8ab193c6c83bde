"""Part 3 of the lab, what markets did: claims 6 (BTC rose 11%), 9 (the $90,000-100,000 forecast) and 10 (-15%).

Frames in (the topic's inputs or a BTC series), evidence and tables out.
"""
from __future__ import annotations

import pandas as pd

from helpers.claims import _lookup as lk
from helpers.claims._inputs import Inputs
from helpers.claims._lookup import OUTSIDE_MARKET_CAP_2025
from helpers.claims._rules import build
from helpers.claims._scale import Evidence, reaches
from helpers.events import effective_date, policy_phases, rate_turns
from helpers.i18n import gettext as _
from helpers.i18n import text

READINGS_9 = ("touch", "at end")


def check_windows(btc: pd.Series, dates: tuple[pd.Timestamp, ...], horizons: tuple[int, ...]) -> None:
    """Refuse a date that leaves no full window (the longest horizon, or 30 days) in BTC's data."""
    for d in dates:
        if not btc.index[0] < d <= btc.index[-1] - pd.Timedelta(days=max(horizons + (30,))):
            raise ValueError(f"dates: {d:%Y-%m-%d} leaves no full window in BTC's data "
                             f"({btc.index[0]:%Y-%m-%d} to {btc.index[-1]:%Y-%m-%d})")


def announcement_table(btc: pd.Series, dates: tuple[pd.Timestamp, ...], horizons: tuple[int, ...]) -> pd.DataFrame:
    """BTC returns (percent) after each date, from two starting closes, over each horizon (calendar days).

    Rows: date × start (``close before``: the last daily close before the date — the FOMC statement
    comes at 2 pm US Eastern, before that UTC day's close; ``close of the day``: that day's UTC close,
    a few hours after the statement). Columns ``<h>d`` (to the first close on or after start + h
    days) and ``best within 30d`` (the highest close in the 30 days after the start).
    """
    check_windows(btc, dates, horizons)
    s, hs = btc, horizons
    rows = []
    for d in dates:
        starts = {"close before": lk.close_before(s, d), "close of the day": lk.close_on_or_after(s, d)}
        for label, (t0, p0) in starts.items():
            row = {"date": f"{d:%Y-%m-%d}", "start": label, "start close": f"{t0:%Y-%m-%d}"}
            for h in hs:
                p1 = lk.close_on_or_after(s, t0 + pd.Timedelta(days=h))[1]
                row[f"{h}d"] = 100 * (p1 / p0 - 1)
            window = s.loc[t0 + pd.Timedelta(days=1):t0 + pd.Timedelta(days=30)]
            row["best within 30d"] = 100 * (float(window.max()) / p0 - 1)
            rows.append(row)
    return pd.DataFrame(rows).set_index(["date", "start"])


def build_06(data: Inputs, dates: tuple[pd.Timestamp, ...], horizons: tuple[int, ...], claimed_pct: float,
             step_pct: float) -> Evidence:
    """Claim 6's evidence: BTC after each announcement, every start and horizon (liquidations not in the data)."""
    ev = data.policy_events
    table = announcement_table(data.btc, dates, horizons)
    values = table.drop(columns=["start close"])
    best = float(values.to_numpy().max())
    where = values.stack().idxmax()
    worst = float(values.to_numpy().min())
    facts = {"claimed_pct": claimed_pct, "step_pct": step_pct, "dates": [f"{d:%Y-%m-%d}" for d in dates],
             "horizons": list(horizons), "max_return_pct": best, "max_at": " / ".join(map(str, where)),
             "min_return_pct": worst, "reaches_claim": reaches(best, claimed_pct, step_pct),
             "liquidations_in_data": False}
    dates_text = _(" and ").join(facts["dates"])
    reason = _("After {dates} the best BTC move in any window measured was {best:+.1f}%, short of "
               "+{claimed:g}%").format(dates=dates_text, best=best, claimed=claimed_pct) \
        if not facts["reaches_claim"] else _("BTC rose {best:+.1f}% ({where})").format(best=best, where=facts["max_at"])
    explanation = (
        _("The article does not say which announcement or over what window, so every reading was tried: the FOMC "
          "decisions of {dates}, from the close before and the close of the announcement day, over {horizons} days, "
          "and the best close within 30 days. The largest move was {best:+.1f}% ({where}); the worst {worst:+.1f}%. "
          "None reaches +{claimed:g}% in daily closes. An intraday swing, or another date (a speech, a different "
          "week), could differ; daily closes cannot see intraday moves. The $590 million of liquidations in the 24 "
          "hours before cannot be checked: the snapshot holds no derivatives data.").format(
              dates=dates_text, horizons=_(", ").join(f"{h}" for h in horizons), best=best, where=facts["max_at"],
              worst=worst, claimed=claimed_pct)
        if not facts["reaches_claim"] else
        _("BTC rose {best:+.1f}% ({where}), which reaches the claimed +{claimed:g}%. The liquidation figure cannot "
          "be checked with this data.").format(best=best, where=facts["max_at"], claimed=claimed_pct))
    settle = _("exchange liquidation data (futures and perpetual swaps across the main exchanges, hour by hour) for "
               "the liquidation figure; intraday BTC prices around 2 pm US Eastern for the immediate reaction")
    sources = [u for d in facts["dates"] for u in [lk.event_url(ev, d)]]
    return build(6, facts, table.round(1), reason, explanation, settle, sources)



def build_09(data: Inputs, low: float, high: float, start: pd.Timestamp, horizon_days: int | None,
             reading: str) -> Evidence:
    """Claim 9's evidence: BTC's closes from ``start`` against the forecast range, with or without a horizon."""
    s, ev = data.btc, data.policy_events
    t0, p0 = lk.close_on_or_after(s, start)
    ann = lk.close_on_or_after(s, pd.Timestamp("2025-10-29"))
    after = s.loc[t0:]
    in_range = after.between(low, high)
    at_least = after >= low
    first_hit = after.index[at_least.to_numpy()][0] if at_least.any() else None
    facts = {"low": low, "high": high, "start": f"{t0:%Y-%m-%d}", "start_close": p0,
             "announcement_close": ann[1], "max_close": float(after.max()), "max_date": f"{after.idxmax():%Y-%m-%d}",
             "days_in_range": int(in_range.sum()), "days_at_or_above_low": int(at_least.sum()),
             "first_day_at_or_above_low": f"{first_hit:%Y-%m-%d}" if first_hit is not None else "",
             "last_close": float(after.iloc[-1]), "last_date": f"{after.index[-1]:%Y-%m-%d}",
             "days_observed": int((after.index[-1] - t0).days), "horizon_days": horizon_days, "reading": reading,
             "closes_observed": int(len(after)), "reached_so_far": bool(at_least.any()),
             "at_or_above_low_now": bool(float(after.iloc[-1]) >= low),
             "gap_to_low_at_start_pct": 100 * (low / p0 - 1),
             "closes_above_high": int((after > high).sum())}
    # base rate: on what share of all earlier days did BTC close at least that far above within 30 days?
    hist = s.loc[:t0]
    ahead = hist[::-1].rolling(30, min_periods=30).max()[::-1].shift(-1)
    need = hist * (low / p0)
    ok = ahead.notna()
    facts["chance_touch_30d"] = float((ahead[ok] >= need[ok]).mean()) if ok.any() else float("nan")
    if horizon_days is None:
        facts.update(reached_within_horizon=False, horizon_in_data=False, at_or_above_low_at_end=False)
    else:
        hend = t0 + pd.Timedelta(days=horizon_days)
        inside = hend <= s.index[-1]
        end_close = lk.close_on_or_after(s, hend)[1] if inside else float("nan")
        facts.update(reached_within_horizon=bool(first_hit is not None and first_hit <= hend),
                     horizon_in_data=bool(inside), close_at_horizon_end=end_close,
                     at_or_above_low_at_end=bool(inside and end_close >= low))
    f = facts
    to_first = (first_hit - t0).days if first_hit is not None else None
    rows = [
        {"item": "BTC close on the announcement day, 2025-10-29 ($)", "value": f"{ann[1]:,.0f}"},
        {"item": f"BTC close when runoff ended, {f['start']} ($)", "value": f"{p0:,.0f}"},
        {"item": "highest close since ($)", "value": f"{f['max_close']:,.0f} on {f['max_date']}"},
        {"item": f"first close at or above ${low:,.0f}", "value": f["first_day_at_or_above_low"] or "never"},
        {"item": f"days closing inside ${low:,.0f}–{high:,.0f}", "value": f"{f['days_in_range']} of {len(after)}"},
        {"item": "last close in the data ($)", "value": f"{f['last_close']:,.0f} on {f['last_date']}"},
        {"item": f"earlier days on which BTC closed {f['gap_to_low_at_start_pct']:.1f}% higher within 30 days",
         "value": f"{f['chance_touch_30d']:.0%}"},
    ]
    first_day = f["first_day_at_or_above_low"] or _("no day")
    reason = (_("With no horizon given, the record so far: BTC closed in the range on {days} of {closes} days (first "
                "on {first}, high ${high:,.0f}) and stood at ${last:,.0f} on {last_date}").format(
                  days=f["days_in_range"], closes=f["closes_observed"], first=first_day, high=f["max_close"],
                  last=f["last_close"], last_date=f["last_date"])
              + (_(", below the range; at the end of runoff it was only {gap:.1f}% below it").format(
                     gap=f["gap_to_low_at_start_pct"])
                 if f["last_close"] < low and f["gap_to_low_at_start_pct"] > 0 else ""))
    explanation = (
        _("This is a forecast, not a fact. When runoff ended on {start} BTC closed at ${start_close:,.0f} (it had been "
          "${ann_close:,.0f} on the announcement day). It first closed at or above ${low:,.0f} on {first}, closed "
          "inside the range on {days} days, peaked at ${high:,.0f} on {high_date}, and was ${last:,.0f} on "
          "{last_date}. The range's lower end was {gap:.1f}% above the close when runoff ended; on {chance:.0%} of "
          "all earlier days bitcoin closed at least that much higher within 30 days, so touching it says little "
          "about QT. ").format(
              start=f["start"], start_close=p0, ann_close=ann[1], low=low, first=first_day, days=f["days_in_range"],
              high=f["max_close"], high_date=f["max_date"], last=f["last_close"], last_date=f["last_date"],
              gap=f["gap_to_low_at_start_pct"], chance=f["chance_touch_30d"])
        + (_("It never closed above the upper end. ") if f["closes_above_high"] == 0 else "")
        + _("Whether that 'confirms' the forecast depends on a horizon the article never gave: ")
        + ((_("if 'reach' means touching the range at any time, that happened on {first}, {n} days after the end of "
              "runoff; ") if to_first != 1 else
            _("if 'reach' means touching the range at any time, that happened on {first}, {n} day after the end of "
              "runoff; ")).format(first=f["first_day_at_or_above_low"], n=to_first) if to_first is not None else "")
        + (_("if it means being there at the end of some period, it depends on the period: at the end of the data "
             "BTC was {below:.0f}% below the range. ").format(below=100 * (1 - f["last_close"] / low))
           if f["last_close"] < low else
           _("at the end of the data BTC was at or above the range's lower end. "))
        + _("A forecast of a range is a statement about probabilities; one realised path cannot show whether those "
            "probabilities were good, any more than one coin toss tests a coin."))
    settle = _("a track record: many dated forecasts made the same way, each with a horizon and a probability, "
               "scored against what happened (calibration)")
    return build(9, facts, lk.table(rows), reason, explanation, settle, sources=[lk.event_url(ev, "2025-10-29")])


def build_10(data: Inputs, year: int, claimed_pct: float) -> Evidence:
    """Claim 10's evidence: the year's crypto returns, the outside market-value figure, and 'under QT'."""
    m, fb, ev = data.markets, data.fed_balance_sheet, data.policy_events
    rows, facts = [], {"year": year, "claimed_pct": claimed_pct,
                       "total_market_cap_in_data": "crypto_market_cap" in m.columns}
    for a, name in (("btc", "Bitcoin"), ("eth", "Ether")):
        s = m[a].dropna()
        t0, p0 = lk.year_end_close(s, year - 1)
        t1, p1 = lk.year_end_close(s, year)
        tq, pq = lk.year_end_close(s.loc[:f"{year}-11-30"], year)
        r, rq = 100 * (p1 / p0 - 1), 100 * (pq / p0 - 1)
        facts[f"{a}_return_pct"] = r
        facts[f"{a}_return_to_nov30_pct"] = rq
        rows.append({"item": f"{name}, {t0:%Y-%m-%d} to {t1:%Y-%m-%d} (%)", "value": f"{r:+.1f}",
                     "source": "snapshot"})
        rows.append({"item": f"{name}, to 30 November, while runoff ran (%)", "value": f"{rq:+.1f}",
                     "source": "snapshot"})
    out = OUTSIDE_MARKET_CAP_2025
    if facts["total_market_cap_in_data"]:
        s = m["crypto_market_cap"].dropna()
        facts["market_cap_change_pct"] = 100 * (lk.year_end_close(s, year)[1] / lk.year_end_close(s, year - 1)[1] - 1)
        facts["market_cap_source"] = "snapshot"
    elif year == 2025:
        facts["market_cap_change_pct"] = float(out["change_pct"])
        facts["market_cap_source"] = f"OUTSIDE FIGURE: {out['source']} ({out['published']})"
        facts["outside_btc_change_pct"] = float(out["btc_change_pct"])
        facts["btc_gap_to_outside_pp"] = facts["btc_return_pct"] - float(out["btc_change_pct"])
        rows.append({"item": f"total crypto market value, {year} (%)", "value": f"{out['change_pct']:+.1f}",
                     "source": f"outside figure: {out['source']}"})
        rows.append({"item": f"  the same report's bitcoin, {year} (%)", "value": f"{out['btc_change_pct']:+.1f}",
                     "source": f"outside figure: {out['source']}"})
    else:
        facts["market_cap_change_pct"] = None
        facts["market_cap_source"] = "none"
    # 'Under QT': the year as the event table dates it
    y0, y1 = pd.Timestamp(f"{year}-01-01"), pd.Timestamp(f"{year + 1}-01-01")
    months = pd.date_range(y0, y1 - pd.Timedelta(days=1), freq="MS")
    qt = policy_phases(ev, fb.index[-1])
    qt = qt[qt["phase"] == "QT"]
    in_qt = [any((p["start"] <= mo) and (mo < p["end"]) for _, p in qt.iterrows()) for mo in months]
    facts["runoff_months_in_year"] = int(sum(in_qt))
    slow = ev[(ev["kind"] == "qt_slow") & (ev.index >= y0 - pd.DateOffset(months=3)) & (ev.index < y1)]
    slow = slow[[effective_date(r["effective"], d) >= y0 for d, r in slow.iterrows()]]
    facts["runoff_slowed_in_year"] = bool(len(slow))
    facts["slowdowns"] = [f"{d:%Y-%m-%d} (effective {r['effective']}, {r['checked']}): {r['key_numbers']}"
                          for d, r in slow.iterrows()]
    ends = ev[(ev["kind"] == "qt_end") & (ev.index < y1)]
    ends = ends[[y0 <= effective_date(r["effective"], d) < y1 + pd.DateOffset(months=1) for d, r in ends.iterrows()]]
    facts["runoff_end"] = [f"{d:%Y-%m-%d} (effective {r['effective']}, {r['checked']})" for d, r in ends.iterrows()]
    turns = rate_turns(data.policy_rates, ev)
    cuts = turns[(turns["announced"] >= y0) & (turns["announced"] < y1) & (turns["change"] < 0)]
    facts["cuts_in_year"] = int(len(cuts))
    facts["cut_dates"] = [f"{d:%Y-%m-%d}" for d in cuts["announced"]]
    sec = (fb["treasuries"] + fb["mbs"]) / 1000
    def _chg(yy: int) -> float:
        return float(sec[lk.week(fb, pd.Timestamp(f"{yy + 1}-01-01"))] - sec[lk.week(fb, pd.Timestamp(f"{yy}-01-01"))])
    facts["securities_change_year_tn"] = _chg(year)
    facts["securities_change_2023_tn"] = _chg(2023)
    rows += [{"item": f"months of {year} in a QT (runoff) phase", "value": str(facts["runoff_months_in_year"]),
              "source": "event table"},
             {"item": "runoff slowed during the year", "value": "; ".join(facts["slowdowns"]) or "no",
              "source": "event table"},
             {"item": "runoff ended", "value": "; ".join(facts["runoff_end"]) or "—", "source": "event table"},
             {"item": f"rate cuts announced in {year}", "value": ", ".join(facts["cut_dates"]) or "none",
              "source": "policy_rates (FRED target range)"},
             {"item": f"securities (Treasuries + MBS), change over {year} ($ tn)",
              "value": f"{facts['securities_change_year_tn']:+.2f}", "source": "snapshot (H.4.1)"},
             {"item": "securities, change over 2023, for comparison ($ tn)",
              "value": f"{facts['securities_change_2023_tn']:+.2f}", "source": "snapshot (H.4.1)"}]
    f = facts
    mc = f["market_cap_change_pct"]
    reason = ((_("Total crypto market value is not in the snapshot; an outside figure ({source}) puts {year}'s "
                 "change at {change:+.1f}%, not −{claimed:g}%").format(source=out["source"], year=year, change=mc,
                                                                      claimed=claimed_pct)
               if f["market_cap_source"].startswith("OUTSIDE") else
               _("Total crypto market value changed {change:+.1f}% in {year}").format(change=mc, year=year)
               if mc is not None else
               _("Total crypto market value is not in the data"))
              + _("; runoff ran {months} months of {year}, slowed").format(months=f["runoff_months_in_year"], year=year)
              + (_(" and ended, with {cuts} rate cuts").format(cuts=f["cuts_in_year"]) if f["cuts_in_year"] else ""))
    explanation = (
        _("The snapshot has no series for the total value of all crypto assets. ")
        + (_("An outside figure, not from the snapshot: {source} ({published}, {url}) reports the total market value "
             "down {fall:.1f}% over {year}, to about ${end_value:.1f} trillion ({note}). That is a fall, but not of "
             "15%. As a cross-check of that source, the same report gives bitcoin {outside_btc:+.1f}%; the snapshot "
             "gives {btc:+.1f}% ({gap:+.1f} points apart). ").format(
               source=out["source"], published=out["published"], url=out["url"], fall=abs(out["change_pct"]),
               year=year, end_value=out["end_value_tn"], note=text(out["note"]), outside_btc=out["btc_change_pct"],
               btc=f["btc_return_pct"], gap=f["btc_gap_to_outside_pp"])
           if f["market_cap_source"].startswith("OUTSIDE") else "")
        + _("In the snapshot, from the last close of {prev} to the last close of {year}, bitcoin returned {btc:+.1f}% "
            "and ether {eth:+.1f}% ({btc_nov:+.1f}% and {eth_nov:+.1f}% to 30 November, while runoff still ran). "
            "'Under QT' (part b): the event table has runoff in {months} months of {year}, but at its slowest pace "
            "— {slowdowns} — and it ended ({ends}); the Fed also cut rates {cuts} times ({cut_dates}). Securities "
            "fell ${fall:.2f} trillion over {year}, against ${fall_2023:.2f} trillion in 2023: a year that mixed the "
            "tail of QT with easing, not one of 'aggressive' QT. Rows checked only against secondary copies are "
            "labelled so above. The article's 'caused' (導致) is a causal claim a yearly change cannot show (see "
            "claim 11).").format(
                prev=year - 1, year=year, btc=f["btc_return_pct"], eth=f["eth_return_pct"],
                btc_nov=f["btc_return_to_nov30_pct"], eth_nov=f["eth_return_to_nov30_pct"],
                months=f["runoff_months_in_year"],
                slowdowns="; ".join(f["slowdowns"]) if f["slowdowns"] else _("no slowdown"),
                ends="; ".join(f["runoff_end"]) or _("no end in the year"), cuts=f["cuts_in_year"],
                cut_dates=_(", ").join(f["cut_dates"]) or _("none"), fall=-f["securities_change_year_tn"],
                fall_2023=-f["securities_change_2023_tn"]))
    settle = _("a daily series of total crypto market capitalisation with its method for counting supply and which "
               "coins it includes (a market-data provider's global market-cap history), so the figure can be "
               "recomputed inside the course")
    return build(10, facts, lk.table(rows), reason, explanation, settle,
                     sources=[lk.event_url(ev, f"{year}-03-19"), *[lk.event_url(ev, d) for d in f["cut_dates"]]])

