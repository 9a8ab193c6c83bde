"""QE / QT / reserve-management phases from the policy events (every chart that shades them uses this)."""
from __future__ import annotations

from typing import Any

import pandas as pd

from helpers.validate import check_date, check_frame


def _effective(row_date: pd.Timestamp, effective: Any, month_end: bool = False) -> pd.Timestamp:
    """"2025-12-01" -> that day; "Mar 2022" -> the month's first (or last) day; else the announcement."""
    text = str(effective or "").strip()
    for fmt in ("%Y-%m-%d", "%b %Y"):
        try:
            ts = pd.to_datetime(text, format=fmt)
        except (ValueError, TypeError):
            continue
        if pd.isna(ts):
            continue
        return ts + pd.offsets.MonthEnd(0) if (fmt == "%b %Y" and month_end) else ts
    return row_date


def policy_phases(events: pd.DataFrame, end: Any) -> pd.DataFrame:
    """QE / QT / reserve-management phases as date ranges, derived from ``policy_events``.

    A QE phase runs from a ``qe_start`` to the next ``qe_end`` or ``taper`` end marker (here:
    ``qe_end`` or a ``qt_start``); a QT phase from the *effective* month of ``qt_start`` to the
    effective date of ``qt_end``; a reserve-management (bill purchase) phase from ``rmp`` to the
    next ``qe_start`` or ``end`` (the last date a chart shows, e.g. the balance sheet's last week).
    ``events`` needs a ``kind`` column (``effective`` is used where present) and a sorted date index;
    ``end`` must not be before the start of a phase still open at the end of ``events``.
    Returns columns ``phase``, ``start``, ``end``, ``label``.
    """
    ev = check_frame("events", events, ("kind",))
    end_ts = check_date("end", end)
    has_effective = "effective" in ev.columns
    rows = []
    open_qe = open_qt = open_rmp = None
    for date, row in ev.iterrows():
        kind = row["kind"]
        effective = row["effective"] if has_effective else ""
        if kind == "qe_start" and open_qe is None:
            open_qe = date
        elif kind == "qe_end" and open_qe is not None:
            rows.append(("QE", open_qe, _effective(date, effective, month_end=True)))
            open_qe = None
        elif kind == "qt_start":
            if open_qe is not None:  # QE in 2020-22 ended with the taper before QT started
                rows.append(("QE", open_qe, date))
                open_qe = None
            open_qt = _effective(date, effective)
        elif kind == "qt_end" and open_qt is not None:
            rows.append(("QT", open_qt, _effective(date, effective)))
            open_qt = None
        elif kind == "rmp":
            open_rmp = _effective(date, effective)
        if kind == "qe_start" and open_rmp is not None:
            rows.append(("Reserve mgmt", open_rmp, date))
            open_rmp = None
    still_open = [(name, start) for name, start in (("Reserve mgmt", open_rmp), ("QE", open_qe), ("QT", open_qt))
                  if start is not None]
    for name, start in still_open:
        if end_ts < start:
            raise ValueError(f"end={end_ts:%Y-%m-%d} is before the {name} phase still open since {start:%Y-%m-%d}; "
                             f"allowed: a date on or after {start:%Y-%m-%d} (e.g. the last week a chart shows)")
        rows.append((name, start, end_ts))
    if not rows:
        raise ValueError(f"events ({len(ev)} rows) has no qe_start, qt_start or rmp event, so no phase; allowed: "
                         "the policy_events table or a part of it with such an event")
    out = pd.DataFrame(rows, columns=["phase", "start", "end"])
    out["label"] = out["phase"] + " " + out["start"].dt.strftime("%Y")
    return out.sort_values("start").reset_index(drop=True)
