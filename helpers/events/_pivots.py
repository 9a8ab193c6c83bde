"""The event table and the pivot sets: which dates count as a "pivot", by eight reasonable rules.

A frame argument left as ``None`` means the snapshot's table, from :func:`helpers.events.inputs`.
"""
from __future__ import annotations

from typing import Any, Iterable

import numpy as np
import pandas as pd

from helpers.data import memo
from helpers.events._compute import (
    BASES, KINDS, MAX_SHIFT_DAYS, PIVOT_SETS, POLICY_KINDS, STANCES, effective_date,
)
from helpers.events._inputs import inputs
from helpers.validate import check_choice, check_choices, check_frame, check_int

_ARTICLE_DATES = ("2019-07-31", "2020-03-15", "2024-09-18")
_ARTICLE_BTFP_DATES = ("2019-07-31", "2020-03-15", "2023-03-12")
_TABLE_COLUMNS = ("kind", "stance", "effective", "description", "checked", "source_url")


def event_table(kind: str | None = None, stance: str | None = None,
                events: pd.DataFrame | None = None) -> pd.DataFrame:
    """The policy-event table, optionally filtered by ``kind`` and/or ``stance``.

    Returns columns ``kind``, ``stance``, ``effective``, ``description``, ``checked``,
    ``source_url`` indexed by announcement date (US Eastern). ``events`` defaults to the snapshot's.
    """
    ev = inputs().events if events is None else check_frame("events", events, _TABLE_COLUMNS)
    if kind is not None:
        check_choice("kind", kind, KINDS)
        ev = ev[ev["kind"] == kind]
    if stance is not None:
        check_choice("stance", stance, STANCES)
        ev = ev[ev["stance"] == stance]
    return ev[list(_TABLE_COLUMNS)].copy()


def table_pivots(events: pd.DataFrame | None = None,
                 kinds: Iterable[str] = POLICY_KINDS) -> pd.DataFrame:
    """Tightening-to-easing pivots found by rule in the event table.

    Rule: walk the events in date order, keeping only those whose ``kind`` is in ``kinds`` and
    whose stance is not neutral; a pivot is an **easing** event whose previous kept event was a
    **tightening** one. (The first event of the table is not a pivot: nothing precedes it.)
    Returns the pivot rows of the event table with the columns of :func:`event_table` (those
    ``events`` has; ``events`` defaults to the snapshot's table).
    """
    ev = inputs().events if events is None else check_frame("events", events, ("kind", "stance"))
    kinds = check_choices("kinds", kinds, KINDS)
    kept = ev[ev["kind"].isin(kinds) & (ev["stance"] != "neutral")]
    previous = kept["stance"].shift(1)
    out = kept.loc[(kept["stance"] == "easing") & (previous == "tightening"),
                   [c for c in _TABLE_COLUMNS if c in kept.columns]].copy()
    if out.empty:
        raise ValueError(f"events ({len(ev)} rows) has no easing event of kinds {', '.join(kinds)} right after a "
                         "tightening one; allowed: an event table with at least one such turn")
    return out


def rate_turns(rates: pd.DataFrame | None = None, events: pd.DataFrame | None = None) -> pd.DataFrame:
    """Every change of the target range, marked as first cut / last hike of a cycle.

    From the daily ``policy_rates`` table: ``effective`` is the first day FRED shows the new upper
    limit. ``announced`` is the date of the event-table row with the same new upper limit within
    the 7 days before (the FOMC statement); where the table has no such row, the day before the
    effective date (FOMC decisions take effect the next day). Columns: ``announced``,
    ``effective``, ``change`` (percentage points), ``first_cut``, ``last_hike``. ``rates`` and
    ``events`` default to the snapshot's tables.
    """
    r = inputs().rates if rates is None else check_frame("rates", rates, ("target_upper",), numeric=True)
    ev = inputs().events if events is None else check_frame("events", events, ("target_upper",))
    upper = r["target_upper"].dropna()
    diff = upper.diff()
    changes = diff[diff.abs() > 1e-9]
    if changes.empty:
        raise ValueError(f"rates['target_upper'] never changes from {upper.index[0]:%Y-%m-%d} to "
                         f"{upper.index[-1]:%Y-%m-%d}; allowed: daily target ranges with at least one change")
    rows = []
    ev_rates = ev.dropna(subset=["target_upper"])
    for eff, change in changes.items():
        cands = ev_rates[(ev_rates.index <= eff) & (ev_rates.index >= eff - pd.Timedelta(days=7))
                         & ((ev_rates["target_upper"] - upper[eff]).abs() < 1e-9)]
        announced = cands.index[-1] if len(cands) else eff - pd.Timedelta(days=1)
        rows.append({"announced": announced, "effective": eff, "change": float(change)})
    out = pd.DataFrame(rows, columns=["announced", "effective", "change"])
    sign = np.sign(out["change"])
    out["first_cut"] = (sign < 0) & (sign.shift(1) > 0)
    out["last_hike"] = (sign > 0) & (sign.shift(-1) < 0)
    return out


def _from_table(ev: pd.DataFrame, turns: pd.DataFrame, dates: Iterable[str]) -> list[dict]:
    rows = []
    for d in dates:
        ts = pd.Timestamp(d)
        if ts not in ev.index:
            raise ValueError(f"date {d} is not in the policy_events table")
        row = ev.loc[ts]
        eff = effective_date(row["effective"], ts)
        if not str(row["effective"]).strip():
            # a rate decision without an 'effective' entry takes effect when the new range starts
            match = turns[turns["announced"] == ts]
            if len(match):
                eff = match["effective"].iloc[0]
        rows.append({"announced": ts, "effective": eff, "kind": row["kind"],
                     "label": f"{ts:%Y-%m-%d} {row['kind']}",
                     "source_url": row["source_url"], "checked": row["checked"]})
    return rows


@memo
def pivot_base(name: str) -> pd.DataFrame:
    ev = inputs().events
    turns = rate_turns()
    if name == "article":
        rows = _from_table(ev, turns, _ARTICLE_DATES)
    elif name == "article_btfp":
        rows = _from_table(ev, turns, _ARTICLE_BTFP_DATES)
    elif name in ("qt_ends", "qe_starts"):
        kind = {"qt_ends": "qt_end", "qe_starts": "qe_start"}[name]
        rows = _from_table(ev, turns, [f"{d:%Y-%m-%d}" for d in ev.index[ev["kind"] == kind]])
    elif name == "table_rule":
        rows = _from_table(ev, turns, [f"{d:%Y-%m-%d}" for d in table_pivots(ev).index])
    else:  # rate-based sets
        pick = {"first_cuts": turns["first_cut"], "last_hikes": turns["last_hike"],
                "all_cuts": turns["change"] < 0}[name]
        rows = []
        for _, t in turns[pick].iterrows():
            in_table = t["announced"] in ev.index
            rows.append({
                "announced": t["announced"], "effective": t["effective"],
                "kind": "cut" if t["change"] < 0 else "hike",
                "label": f"{t['announced']:%Y-%m-%d} {'cut' if t['change'] < 0 else 'hike'} "
                         f"{t['change']:+.2f} pp",
                "source_url": ev.loc[t["announced"], "source_url"] if in_table else "",
                "checked": ev.loc[t["announced"], "checked"] if in_table else "not in event table",
            })
    return pd.DataFrame(rows, columns=["announced", "effective", "kind", "label", "source_url", "checked"])


def pivots_of(name: str, basis: str, shift: int) -> pd.DataFrame:
    """:func:`pivot_set` for arguments its caller has checked."""
    out = pivot_base(name)
    out.insert(0, "date", out[basis] + pd.Timedelta(days=shift))
    return out


def pivot_set(name: str, basis: str = "announced", shift_days: int = 0) -> pd.DataFrame:
    """The pivots of one named set (see ``PIVOT_SETS``), with the date used for the event study.

    ``basis`` picks the announcement or the effective date; ``shift_days`` (−366…366) moves every
    date by that many calendar days (to test how fragile a result is to the choice of date).
    Columns: ``date`` (used), ``announced``, ``effective``, ``kind``, ``label``, ``source_url``,
    ``checked``.
    """
    check_choice("name", name, PIVOT_SETS)
    check_choice("basis", basis, BASES)
    shift = check_int("shift_days", shift_days, -MAX_SHIFT_DAYS, MAX_SHIFT_DAYS)
    return pivots_of(name, basis, shift)


def check_pivot_args(pivots: Any, basis: Any, shift_days: Any) -> tuple[str, str, int]:
    """``pivots`` (a set name), ``basis`` and ``shift_days`` of a study, checked under those names."""
    return (check_choice("pivots", pivots, PIVOT_SETS), check_choice("basis", basis, BASES),
            check_int("shift_days", shift_days, -MAX_SHIFT_DAYS, MAX_SHIFT_DAYS))
