"""Runoff under caps and the size of QT2: frames in, frames and numbers out (no Altair, no loading).

* **Runoff under caps** — the monthly cap schedules of QT1 (2017–19) and QT2 (2022–25) from
  :data:`CAP_STEPS`, each step checked against the policy-event table by :func:`cap_steps`, and a
  simulator of monthly runoff = min(cap, principal due), the excess being reinvested, compared with
  the holdings in the data (:func:`runoff_comparison`).
* **Measuring QT2** — its size from the 2022 peak to the end of runoff (:func:`qt_size`), where the
  fall in assets landed on the liabilities side (:func:`drain_decomposition`), and the pace of the
  reserve-management purchases since (:func:`change_since`, :func:`pace_table`).

``fb`` is the ``fed_balance_sheet`` table (weekly, Wednesdays), ``levels`` its
:func:`monthly_levels`, ``events`` the ``policy_events`` table. Money is in **$ billions**.
"""
from __future__ import annotations

from typing import Any, Mapping, Sequence

import numpy as np
import pandas as pd

from helpers.events import policy_phases
from helpers.i18n import N_
from helpers.i18n import text as shown_text
from helpers.validate import check_choice, check_date, check_frame, check_number, shown

PROGRAMS = ("QT1", "QT2")

#: Cap steps: (program, first month, Treasury cap, MBS cap, where excess MBS principal goes,
#: policy_events date, how the step is known, caps stated in that row's key_numbers,
#: whether the month must equal the row's ``effective`` field). Caps in $ billions a month; "how" is
#: English, marked for the catalog (cap_steps() shows it in the current language).
#: A row with caps None marks the month runoff stopped.
CAP_STEPS: tuple[tuple, ...] = (
    ("QT1", "2017-10", 6.0, 4.0, "MBS", "2017-09-20", N_("start of QT1"), (6.0, 4.0), True),
    ("QT1", "2018-01", 12.0, 8.0, "MBS", "2017-09-20",
     N_("+$6B / +$4B every 3 months (June 2017 addendum)"), (), False),
    ("QT1", "2018-04", 18.0, 12.0, "MBS", "2017-09-20",
     N_("+$6B / +$4B every 3 months (June 2017 addendum)"), (), False),
    ("QT1", "2018-07", 24.0, 16.0, "MBS", "2017-09-20",
     N_("+$6B / +$4B every 3 months (June 2017 addendum)"), (), False),
    ("QT1", "2018-10", 30.0, 20.0, "MBS", "2017-09-20", N_("caps reach their maximum"), (30.0, 20.0), False),
    ("QT1", "2019-05", 15.0, 20.0, "MBS", "2019-03-20", N_("Treasury cap halved from May 2019"), (15.0,), True),
    ("QT1", "2019-08", None, None, "", "2019-07-31", N_("runoff ends (two months early)"), (), True),
    ("QT2", "2022-06", 30.0, 17.5, "MBS", "2022-05-04", N_("start of QT2"), (30.0, 17.5), True),
    ("QT2", "2022-09", 60.0, 35.0, "MBS", "2022-05-04", N_("caps double after three months"), (60.0, 35.0), False),
    ("QT2", "2024-06", 25.0, 35.0, "Treasuries", "2024-05-01",
     N_("Treasury cap cut; MBS above the cap into Treasuries"), (25.0, 35.0), True),
    ("QT2", "2025-04", 5.0, 35.0, "Treasuries", "2025-03-19", N_("Treasury cap cut again"), (5.0, 35.0), True),
    ("QT2", "2025-12", None, None, "", "2025-10-29", N_("runoff ends on 1 December 2025"), (), True),
)

#: Default assumptions of the simulator (deliberately simple and round; see the lesson).
DEFAULT_MATURING = 60.0  # $ billions of Treasury principal due a month: enough to meet every cap
DEFAULT_PAYDOWN = 10.0   # MBS principal repaid, percent of holdings a year
MAX_RATES = 40           # paths in one paydown_grid (the lesson's slider has 15)
MAX_WINDOWS = 20         # windows in one pace_table (the lesson compares 3)

_EVENT_COLUMNS = ("kind", "key_numbers", "effective", "source_url")
_CAPS = ("treasury_cap", "mbs_cap")
_SCHEDULE = ("treasury_cap", "mbs_cap", "mbs_excess_to")
#: runoff_comparison columns behind the runoff chart and the yearly table ("asset|series": column).
RUNOFF_COLS = {"Treasuries|cap": "treasury_cap", "Treasuries|simulated": "runoff_treasuries",
               "Treasuries|actual": "actual_runoff_treasuries", "MBS|cap": "mbs_cap",
               "MBS|simulated": "runoff_mbs", "MBS|actual": "actual_runoff_mbs"}
#: composition_monthly's columns (English; the composition chart's legend shows them translated).
COMPONENTS = {"treasuries": N_("Treasuries"), "mbs": N_("MBS"), "other_assets": N_("Other")}


# ---------------------------------------------------------------------------
# Checks of this room (messages name the caller's parameter)
# ---------------------------------------------------------------------------
def check_events(name: str, events: Any) -> pd.DataFrame:
    """The ``policy_events`` table (columns kind, key_numbers, effective, source_url; dated)."""
    return check_frame(name, events, _EVENT_COLUMNS)


def week_of(fb: pd.DataFrame | pd.Series, value: Any, name: str) -> pd.Timestamp:
    """The row date of ``fb`` (already checked) nearest to ``value`` (ties go to the later week).

    ``value`` must be a date within a week of the data; messages name ``name``.
    """
    when = check_date(name, value)
    first, last = fb.index[0], fb.index[-1]
    if not first - pd.Timedelta(days=7) <= when <= last + pd.Timedelta(days=7):
        raise ValueError(f"{name}={shown(value)} is outside the data ({first.date()} .. {last.date()})")
    gaps = np.abs((fb.index - when).days)
    return fb.index[np.flatnonzero(gaps == gaps.min())[-1]]


def _value(fb: pd.DataFrame, week: pd.Timestamp, column: str, name: str, value: Any) -> float:
    """``fb.loc[week, column]``, or a ValueError naming the date parameter if the data have no value there."""
    x = fb.loc[week, column]
    if pd.isna(x):
        raise ValueError(f"fb has no {column} value in the week nearest {name}={shown(value)} ({week.date()}); "
                         "allowed: a date where the data have one")
    return float(x)


def _check_column_list(name: str, columns: Any) -> list[str]:
    if isinstance(columns, (str, bytes)) or not isinstance(columns, (list, tuple)):
        raise TypeError(f"{name} must be a list of column names such as ['reserves'], got "
                        f"{type(columns).__name__} ({shown(columns)})")
    if not columns or not all(isinstance(c, str) for c in columns) or len(set(columns)) != len(columns):
        raise ValueError(f"{name}={shown(columns)}: allowed: a non-empty list of column names (str), each once")
    return list(columns)


# ---------------------------------------------------------------------------
# Cap schedules
# ---------------------------------------------------------------------------
def _money(x: float) -> str:
    return f"${x:g}B"


def _effective_month(text: str) -> str | None:
    text = str(text or "").strip()
    for fmt in ("%Y-%m-%d", "%b %Y"):
        try:
            return pd.to_datetime(text, format=fmt).strftime("%Y-%m")
        except (ValueError, TypeError):
            continue
    return None


def _step_row(program, month, t_cap, m_cap, excess, date) -> dict:
    return {"program": program, "month": pd.Timestamp(month + "-01"),
            "treasury_cap": np.nan if t_cap is None else t_cap, "mbs_cap": np.nan if m_cap is None else m_cap,
            "mbs_excess_to": excess, "event_date": pd.Timestamp(date)}


def cap_steps(events: pd.DataFrame) -> pd.DataFrame:
    """The cap steps of QT1 and QT2, each tied to its policy-event row and primary source.

    Checks every step against ``events`` (the snapshot's ``policy_events``): the row exists with a
    QT kind, the stated caps appear in its ``key_numbers`` and, where the step is the row's
    effective date, the months agree. Raises ValueError on any disagreement.
    Columns: program, month, treasury_cap, mbs_cap ($ billions a month), mbs_excess_to, event_date,
    how (in the current language), source_url, checked.
    """
    ev = check_events("events", events)
    rows = []
    for program, month, t_cap, m_cap, excess, date, how, stated, check_month in CAP_STEPS:
        when = pd.Timestamp(date)
        if when not in ev.index:
            raise ValueError(f"cap step {program} {month}: events has no row dated {date}")
        row = ev.loc[when]
        if not str(row["kind"]).startswith("qt_"):
            raise ValueError(f"cap step {program} {month}: events row {date} has kind "
                             f"{row['kind']!r}, expected a qt_start / qt_slow / qt_end row")
        for x in stated:
            if _money(x) not in str(row["key_numbers"]):
                raise ValueError(f"cap step {program} {month}: {_money(x)} is not in the key_numbers of "
                                 f"events row {date} ({row['key_numbers']!r})")
        if check_month and _effective_month(row["effective"]) != month:
            raise ValueError(f"cap step {program} {month}: events row {date} takes effect "
                             f"{row['effective']!r}, not in {month}")
        rows.append({**_step_row(program, month, t_cap, m_cap, excess, date), "how": shown_text(how),
                     "source_url": row["source_url"], "checked": row.get("checked", "")})
    return pd.DataFrame(rows)


def _schedule(program: str, events: pd.DataFrame | None, name: str = "events") -> pd.DataFrame:
    steps = (pd.DataFrame([_step_row(*s[:6]) for s in CAP_STEPS]) if events is None
             else cap_steps(check_events(name, events)))
    steps = steps[steps["program"] == program].set_index("month")
    months = pd.date_range(steps.index[0], steps.index[-1], freq="MS", inclusive="left")
    sched = steps[["treasury_cap", "mbs_cap", "mbs_excess_to", "event_date"]].iloc[:-1].reindex(months, method="ffill")
    sched.index.name = "month"
    return sched


def cap_schedule(program: str, events: pd.DataFrame | None = None) -> pd.DataFrame:
    """Monthly caps ($ billions a month) for every month of runoff of ``program`` ("QT1" or "QT2").

    With ``events`` (the ``policy_events`` table) every step is first checked against it
    (:func:`cap_steps`); with None the caps of :data:`CAP_STEPS` are used as stated (the tests check
    them against the snapshot). Indexed by month start; columns treasury_cap, mbs_cap,
    mbs_excess_to, event_date.
    """
    check_choice("program", program, PROGRAMS)
    return _schedule(program, events)


# ---------------------------------------------------------------------------
# Runoff simulator
# ---------------------------------------------------------------------------
def monthly_levels(fb: pd.DataFrame) -> pd.DataFrame:
    """Balance-sheet levels at the start of each month: the first Wednesday of the month ($ billions).

    A month's runoff is then the level at the start of the month minus the level at the start of the
    next one, which catches the maturities of the last days of the month.
    """
    check_frame("fb", fb, ("total_assets", "treasuries", "mbs"))
    out = fb.resample("MS").first()
    out.index.name = "month"
    return out


def _simulate(schedule: pd.DataFrame, t: float, m: float, maturing: float, rate: float) -> pd.DataFrame:
    t_caps = schedule["treasury_cap"].to_numpy(float)
    m_caps = schedule["mbs_cap"].to_numpy(float)
    to_treasuries = (schedule["mbs_excess_to"] == "Treasuries").to_numpy()
    n = len(schedule)
    cols = {k: np.empty(n) for k in ("treasury_due", "mbs_paydown", "runoff_treasuries", "runoff_mbs",
                                     "reinvested_treasuries", "reinvested_mbs", "treasuries_end", "mbs_end")}
    for i in range(n):
        due = min(maturing, t)
        pay = m * rate
        run_t = min(t_caps[i], due)
        run_m = min(m_caps[i], pay)
        extra_m = pay - run_m
        t = t - run_t + (extra_m if to_treasuries[i] else 0.0)
        m = m - run_m - (extra_m if to_treasuries[i] else 0.0)
        for k, v in (("treasury_due", due), ("mbs_paydown", pay), ("runoff_treasuries", run_t),
                     ("runoff_mbs", run_m), ("reinvested_treasuries", due - run_t),
                     ("reinvested_mbs", extra_m), ("treasuries_end", t), ("mbs_end", m)):
            cols[k][i] = v
    out = pd.DataFrame(cols, index=schedule.index)
    out.insert(0, "mbs_cap", m_caps)
    out.insert(0, "treasury_cap", t_caps)
    return out


def _check_assumptions(maturing_treasuries: Any, mbs_paydown_rate: Any) -> tuple[float, float]:
    """(Treasuries due, $ billions a month; MBS paydown as a fraction a month)."""
    maturing = check_number("maturing_treasuries", maturing_treasuries, 0, 1000)
    rate = check_number("mbs_paydown_rate", mbs_paydown_rate, 0, 100) / 100 / 12
    return maturing, rate


def simulate_runoff(schedule: pd.DataFrame, start_treasuries: float, start_mbs: float,
                    maturing_treasuries: float, mbs_paydown_rate: float) -> pd.DataFrame:
    """Month-by-month runoff under caps.

    Each month: Treasury principal due = ``maturing_treasuries`` ($ billions a month, an assumption);
    MBS principal paid down = ``mbs_paydown_rate`` (percent a year, an assumption) / 12 of the MBS
    held. Runoff = min(cap, principal); the rest is reinvested (in Treasuries, or where
    ``mbs_excess_to`` says for MBS). Returns per month: caps, principal, runoff, reinvestment and the
    holdings at the end of the month ($ billions).
    """
    check_frame("schedule", schedule, _SCHEDULE)
    for c in _CAPS:
        caps = pd.to_numeric(schedule[c], errors="coerce")
        if caps.isna().any() or (caps < 0).any() or np.isinf(caps).any():
            raise ValueError(f"schedule[{c!r}] must hold a cap >= 0 ($ billions a month) in every row; "
                             "allowed: a cap_schedule(...) DataFrame")
    t = check_number("start_treasuries", start_treasuries, 0, 1e5)
    m = check_number("start_mbs", start_mbs, 0, 1e5)
    maturing, rate = _check_assumptions(maturing_treasuries, mbs_paydown_rate)
    return _simulate(schedule, t, m, maturing, rate)


def _compare(program: str, sched: pd.DataFrame, levels: pd.DataFrame, maturing: float, rate: float) -> pd.DataFrame:
    """Simulated vs actual runoff (arguments checked): see :func:`runoff_comparison`."""
    first, end = sched.index[0], sched.index[-1] + pd.offsets.MonthBegin(1)
    if first not in levels.index or end not in levels.index:
        raise ValueError(f"levels must cover {first:%Y-%m} to {end:%Y-%m} for {program}")
    nxt = levels.loc[first:end, ["treasuries", "mbs"]]
    held = nxt.to_numpy(dtype=float)
    if len(nxt) != len(sched) + 1 or not np.isfinite(held).all() or (held < 0).any() or (held > 1e5).any():
        raise ValueError(f"levels must hold treasuries and mbs ($ billions, 0 to 100,000) for every month from "
                         f"{first:%Y-%m} to {end:%Y-%m} ({program})")
    t0, m0 = float(nxt.loc[first, "treasuries"]), float(nxt.loc[first, "mbs"])
    sim = _simulate(sched, t0, m0, maturing, rate)
    sim["actual_treasuries_end"] = nxt["treasuries"].shift(-1).loc[sim.index].to_numpy()
    sim["actual_mbs_end"] = nxt["mbs"].shift(-1).loc[sim.index].to_numpy()
    sim["actual_runoff_treasuries"] = -nxt["treasuries"].diff().shift(-1).loc[sim.index].to_numpy()
    sim["actual_runoff_mbs"] = -nxt["mbs"].diff().shift(-1).loc[sim.index].to_numpy()
    sim.attrs.update(program=program, start_treasuries=t0, start_mbs=m0, first=first, end=end)
    return sim


def runoff_comparison(program: str, maturing_treasuries: float = DEFAULT_MATURING,
                      mbs_paydown_rate: float = DEFAULT_PAYDOWN, *, levels: pd.DataFrame,
                      events: pd.DataFrame | None = None) -> pd.DataFrame:
    """Simulated vs actual runoff of ``program`` month by month ($ billions).

    ``levels`` is :func:`monthly_levels` of the balance sheet (e.g. ``inputs().levels``); ``events``
    the ``policy_events`` table to check the caps against (see :func:`cap_schedule`). Starts from
    the holdings on the first Wednesday of the first month of runoff; actual runoff in a month =
    level at the start of the month minus level at the start of the next month.
    """
    check_choice("program", program, PROGRAMS)
    maturing, rate = _check_assumptions(maturing_treasuries, mbs_paydown_rate)
    check_frame("levels", levels, ("treasuries", "mbs"))
    return _compare(program, _schedule(program, events), levels, maturing, rate)


def runoff_totals(comparison: pd.DataFrame) -> pd.DataFrame:
    """Totals over a program ($ billions): sum of caps, simulated runoff, actual decline, actual / caps."""
    c = check_frame("comparison", comparison, tuple(RUNOFF_COLS.values()))
    rows = {}
    for name, cap, sim, act in (("Treasuries", "treasury_cap", "runoff_treasuries", "actual_runoff_treasuries"),
                                ("MBS", "mbs_cap", "runoff_mbs", "actual_runoff_mbs")):
        rows[name] = {"sum of caps": c[cap].sum(), "simulated runoff": c[sim].sum(),
                      "actual decline": c[act].sum()}
    out = pd.DataFrame.from_dict(rows, orient="index")
    out.loc["Total"] = out.sum()
    if (out["sum of caps"] <= 0).any():
        raise ValueError("comparison has no runoff cap to compare with (sum of caps is 0); allowed: a "
                         "runoff_comparison(...) DataFrame")
    out["actual / caps"] = out["actual decline"] / out["sum of caps"]
    out["actual - simulated"] = out["actual decline"] - out["simulated runoff"]
    out.index.name = f"{c.attrs.get('program', '')} ({len(c)} months)"
    return out


def runoff_by_year(comparison: pd.DataFrame) -> pd.DataFrame:
    """Runoff per calendar year ($ billions): cap, simulated and actual, for Treasuries and MBS."""
    check_frame("comparison", comparison, tuple(RUNOFF_COLS.values()))
    wide = pd.DataFrame({k.replace("|", " "): comparison[v] for k, v in RUNOFF_COLS.items()})
    out = wide.groupby(wide.index.year).sum()
    out.insert(0, "months", wide.groupby(wide.index.year).size())
    out.index.name = "year"
    return out


def _check_rates(rates: Any) -> list[float]:
    if isinstance(rates, (str, bytes)) or not isinstance(rates, (list, tuple, range, np.ndarray, pd.Index)):
        raise TypeError(f"rates must be a list of MBS paydown rates (percent a year) such as [4, 8, 12], got "
                        f"{type(rates).__name__} ({shown(rates)})")
    if not 1 <= len(rates) <= MAX_RATES:
        raise ValueError(f"rates={shown(rates)} has {len(rates)} entries; allowed: 1 to {MAX_RATES} rates")
    out = [check_number(f"rates[{i}]", r, 0, 100) for i, r in enumerate(rates)]
    if len({f"{r:g}" for r in out}) != len(out):
        raise ValueError(f"rates={shown(rates)} repeats a rate; allowed: each rate once")
    return out


def paydown_grid(levels: pd.DataFrame, program: str = "QT2", rates: Sequence[float] = tuple(range(2, 17)),
                 maturing_treasuries: float = DEFAULT_MATURING, events: pd.DataFrame | None = None) -> pd.DataFrame:
    """MBS holdings ($ trillions) by month: the actual path and one simulated path per paydown rate.

    ``levels`` is :func:`monthly_levels` of the balance sheet. Indexed by month (holdings at the
    first Wednesday); columns ``actual`` and one column per rate, named by the rate in percent a
    year (e.g. ``"8"``).
    """
    check_frame("levels", levels, ("treasuries", "mbs"))
    check_choice("program", program, PROGRAMS)
    rates = _check_rates(rates)
    maturing, _ = _check_assumptions(maturing_treasuries, 0)
    sched = _schedule(program, events)
    out = None
    for r in rates:
        comp = _compare(program, sched, levels, maturing, r / 100 / 12)
        first, end = comp.attrs["first"], comp.attrs["end"]
        if out is None:
            out = pd.DataFrame({"actual": levels.loc[first:end, "mbs"] / 1000})
        path = pd.Series(comp["mbs_end"].to_numpy() / 1000, index=comp.index + pd.offsets.MonthBegin(1))
        out[f"{r:g}"] = pd.concat([pd.Series([comp.attrs["start_mbs"] / 1000], index=[first]), path])
    out.index.name = "month"
    return out


def months_below_cap(comparison: pd.DataFrame, asset: str = "treasuries", share: float = 0.9) -> int:
    """Number of months in which the actual runoff of ``asset`` was below ``share`` × the cap."""
    caps = {"treasuries": "treasury_cap", "mbs": "mbs_cap"}
    check_choice("asset", asset, tuple(caps))
    share = check_number("share", share, 0, 1)
    check_frame("comparison", comparison, (f"actual_runoff_{asset}", caps[asset]))
    return int((comparison[f"actual_runoff_{asset}"] < share * comparison[caps[asset]]).sum())


# ---------------------------------------------------------------------------
# Measuring QT2 and the reserve-management purchases
# ---------------------------------------------------------------------------
def nearest_week(fb: pd.DataFrame, date) -> pd.Timestamp:
    """The row date (Wednesday) of ``fb`` nearest to ``date`` (ties go to the later week).

    ``fb`` is a DataFrame or Series indexed by date (e.g. the ``fed_balance_sheet`` table).
    """
    if not isinstance(fb, (pd.DataFrame, pd.Series)):
        raise TypeError(f"fb must be a DataFrame or Series indexed by date, got {type(fb).__name__} ({shown(fb)})")
    check_frame("fb", fb if isinstance(fb, pd.DataFrame) else fb.to_frame())
    return week_of(fb, date, "date")


def qt_size(fb: pd.DataFrame, peak_from="2022-01-01", peak_to="2022-12-31", end="2025-12-01") -> pd.DataFrame:
    """How big QT was: peak (within ``peak_from``..``peak_to``) to the week nearest ``end``.

    Rows: total assets, securities (Treasuries + MBS), Treasuries, MBS. Columns: peak week, peak,
    end week, end ($ billions), change ($ billions) and change (fraction of the peak).
    """
    check_frame("fb", fb, ("total_assets", "treasuries", "mbs"))
    p0, p1 = check_date("peak_from", peak_from), check_date("peak_to", peak_to)
    if p1 < p0:
        raise ValueError(f"peak_to={shown(peak_to)} must be on or after peak_from={shown(peak_from)}")
    data = pd.DataFrame({
        "Total assets": fb["total_assets"],
        "Securities (Treasuries + MBS)": fb["treasuries"] + fb["mbs"],
        "Treasuries": fb["treasuries"], "MBS": fb["mbs"],
    })
    window = data.loc[p0:p1]
    if window.empty:
        raise ValueError(f"no weeks between peak_from={peak_from!r} and peak_to={peak_to!r}")
    end_week = week_of(fb, end, "end")
    rows = []
    for name in data.columns:
        if window[name].isna().all() or window[name].max() <= 0:
            raise ValueError(f"fb has no {name} values between peak_from={shown(peak_from)} and "
                             f"peak_to={shown(peak_to)}")
        pw = window[name].idxmax()
        rows.append({"item": name, "peak week": pw.date(), "peak": data.loc[pw, name],
                     "end week": end_week.date(), "end": _value(data, end_week, name, "end", end)})
    out = pd.DataFrame(rows).set_index("item")
    out["change"] = out["end"] - out["peak"]
    out["change (fraction)"] = out["change"] / out["peak"]
    return out


def drain_decomposition(fb: pd.DataFrame, start="2022-06-01", end="2025-12-01") -> pd.DataFrame:
    """Where the change in total assets landed on the liabilities side, from ``start`` to ``end``.

    Total assets = reserves + TGA + ON RRP + (currency and everything else), so the change in total
    assets splits into those four changes; the last one is the residual (currency is not in the
    inputs). Weeks nearest to the two dates. Columns: start, end, change ($ billions), share of the
    change in total assets.
    """
    cols = {"Total assets": "total_assets", "Reserves": "reserves", "TGA": "tga", "ON RRP": "on_rrp"}
    check_frame("fb", fb, tuple(cols.values()))
    w0, w1 = week_of(fb, start, "start"), week_of(fb, end, "end")
    if w1 <= w0:
        raise ValueError(f"end={end!r} must be after start={start!r}")
    lv = pd.DataFrame({name: [_value(fb, w0, c, "start", start), _value(fb, w1, c, "end", end)]
                       for name, c in cols.items()}, index=[w0, w1])
    lv["Currency and everything else (residual)"] = (lv["Total assets"] - lv["Reserves"] - lv["TGA"]
                                                     - lv["ON RRP"])
    out = lv.T
    out.columns = [f"{w0.date()}", f"{w1.date()}"]
    out["change"] = out.iloc[:, 1] - out.iloc[:, 0]
    if out.loc["Total assets", "change"] == 0:
        raise ValueError(f"total assets did not change from start={shown(start)} to end={shown(end)}: there "
                         "is no change to share out; allowed: two dates further apart")
    out["share of asset change"] = out["change"] / out.loc["Total assets", "change"]
    out.index.name = "item ($ billions)"
    return out


def change_since(fb: pd.DataFrame, start, columns: Sequence[str] = ("total_assets", "treasuries", "mbs", "reserves")
                 ) -> pd.DataFrame:
    """Weekly change of ``columns`` since the week nearest ``start`` ($ billions), from that week on."""
    cols = _check_column_list("columns", columns)
    check_frame("fb", fb, cols, numeric=True)
    w0 = week_of(fb, start, "start")
    for c in cols:
        _value(fb, w0, c, "start", start)
    part = fb.loc[w0:, cols]
    return part - part.iloc[0]


def _pace(fb: pd.DataFrame, column: str, w0: pd.Timestamp, w1: pd.Timestamp, names: tuple, values: tuple) -> float:
    months = (w1 - w0).days / (365.25 / 12)
    return (_value(fb, w1, column, names[1], values[1]) - _value(fb, w0, column, names[0], values[0])) / months


def monthly_pace(fb: pd.DataFrame, column: str, start, end) -> float:
    """Average change of ``column`` per month ($ billions a month) between the weeks nearest ``start`` and ``end``."""
    if not isinstance(column, str):
        raise TypeError(f"column must be a str, got {type(column).__name__} ({shown(column)})")
    check_frame("fb", fb, (column,), numeric=True)
    w0, w1 = week_of(fb, start, "start"), week_of(fb, end, "end")
    if w1 <= w0:
        raise ValueError(f"end={end!r} must be after start={start!r}")
    return float(_pace(fb, column, w0, w1, ("start", "end"), (start, end)))


def pace_table(fb: pd.DataFrame, windows: Mapping[str, tuple]) -> pd.DataFrame:
    """Average monthly change ($ billions a month) of Treasuries, MBS, both, and reserves in each window.

    ``windows`` maps a label to (start, end) dates; the weeks nearest each date are used.
    """
    check_frame("fb", fb, ("treasuries", "mbs", "reserves"), numeric=True)
    if not isinstance(windows, Mapping):
        raise TypeError(f"windows must be a mapping {{label: (start, end)}}, got {type(windows).__name__} "
                        f"({shown(windows)})")
    if not 1 <= len(windows) <= MAX_WINDOWS:
        raise ValueError(f"windows has {len(windows)} entries; allowed: 1 to {MAX_WINDOWS} {{label: (start, end)}}")
    data = fb.assign(securities=fb["treasuries"] + fb["mbs"])
    rows = {}
    for label, pair in windows.items():
        where = f"windows[{label!r}]"
        if not isinstance(pair, (tuple, list)) or len(pair) != 2:
            raise TypeError(f"{where} must be a (start, end) pair, got {shown(pair)}")
        names = (f"{where} start", f"{where} end")
        w0, w1 = week_of(fb, pair[0], names[0]), week_of(fb, pair[1], names[1])
        if w1 <= w0:
            raise ValueError(f"{where}: end={shown(pair[1])} must be after start={shown(pair[0])}")
        rows[label] = {"from": w0.date(), "to": w1.date(),
                       **{c: float(_pace(data, c, w0, w1, names, tuple(pair)))
                          for c in ("treasuries", "mbs", "securities", "reserves")}}
    out = pd.DataFrame.from_dict(rows, orient="index")
    out.index.name = "$ billions a month"
    return out


# ---------------------------------------------------------------------------
# What the charts draw (wide, one row per date)
# ---------------------------------------------------------------------------
def monthly_tn(fb: pd.DataFrame, start: Any, names: Mapping[str, str]) -> pd.DataFrame:
    """Columns ``names`` (renamed) of :func:`monthly_levels` from ``start`` on, in $ trillions (3 decimals)."""
    levels = monthly_levels(check_frame("fb", fb, tuple(names)))
    first = check_date("start", start, hi=levels.index[-1])
    lv = levels.loc[first:, list(names)].rename(columns=dict(names)) / 1000
    lv.index.name = "date"
    return lv.round(3)


def composition_monthly(fb: pd.DataFrame, start="2007-01-01") -> pd.DataFrame:
    """Treasuries / MBS / other assets in $ trillions at the first Wednesday of each month (wide)."""
    return monthly_tn(fb, start, COMPONENTS)


def phases_between(events: pd.DataFrame, start: pd.Timestamp, end: pd.Timestamp) -> pd.DataFrame:
    """Policy phases (:func:`helpers.events.policy_phases`) that overlap [start, end], clipped to start."""
    phases = policy_phases(events, end)
    phases = phases[phases["end"] >= start].copy()
    phases["start"] = phases["start"].clip(lower=start)
    return phases
