"""Lesson 01 helpers: T-accounts, runoff caps, how big QT2 was and where the drain landed.

Three parts:

* **T-accounts** — an immutable :class:`Ledger` of four sectors (the Fed, banks, the Treasury,
  non-banks) and pure operations on it: ``apply(ledger, "qe_bank", 100)`` returns a new ledger in
  which every sector still balances (assets = liabilities + equity). Stylised round numbers,
  $ billions.
* **Runoff under caps** — the monthly cap schedules of QT1 (2017–19) and QT2 (2022–25), derived
  from the policy-event table, and a simulator of monthly runoff = min(cap, principal due), the
  excess being reinvested, compared with the holdings in the data.
* **Measuring QT2** — its size from the 2022 peak to the end of runoff, and a decomposition of
  the change in total assets into reserves, the TGA, ON RRP and a residual.

Money is in **$ billions** throughout. No I/O: data come in as arguments, or through
:func:`helpers.data.load` when an argument is left as ``None``.
"""
from __future__ import annotations

import html
import math
from dataclasses import dataclass
from numbers import Real
from typing import Iterable, Mapping, Sequence

import altair as alt
import numpy as np
import pandas as pd

from helpers.charts import NO_MATHS, PALETTE, PHASE_COLORS, phase_layer, with_source
from helpers.events import policy_phases
from helpers.validate import check_choice, check_number

__all__ = [
    "SECTORS", "ACCOUNTS", "OPERATIONS", "Operation", "Ledger", "TAccountView",
    "starting_ledger", "make_ledger", "apply", "apply_sequence", "reserves", "sector_totals",
    "is_balanced", "cross_checks", "changes", "t_account_frame", "operation_effects", "explore", "explore_html",
    "PROGRAMS", "CAP_STEPS", "cap_steps", "cap_schedule", "monthly_levels", "simulate_runoff",
    "runoff_comparison", "runoff_totals", "runoff_by_year", "runoff_panel", "paydown_grid",
    "months_below_cap", "pace_table", "nearest_week", "qt_size", "drain_decomposition", "change_since", "monthly_pace",
    "composition_monthly", "composition_chart", "runoff_chart", "paydown_explorer_chart",
    "liabilities_chart", "decomposition_chart", "rmp_chart", "BENCH",
]

# ---------------------------------------------------------------------------
# Part 1. T-accounts
# ---------------------------------------------------------------------------
#: The sectors and their items: (assets, liabilities, equity). Equity items may be negative.
SECTORS: dict[str, tuple[tuple[str, ...], tuple[str, ...], tuple[str, ...]]] = {
    "Fed": (
        ("Treasury bills", "Treasury notes & bonds", "MBS", "Other assets"),
        ("Reserves", "TGA", "ON RRP", "Currency", "Other liabilities"),
        ("Capital",),
    ),
    "Banks": (
        ("Reserves", "Treasury notes & bonds", "Loans"),
        ("Deposits",),
        ("Capital",),
    ),
    "Treasury": (
        ("TGA",),
        ("Bills outstanding", "Notes & bonds outstanding"),
        ("Net position",),
    ),
    "Non-banks": (
        ("Deposits", "Currency", "Treasury bills", "Treasury notes & bonds", "ON RRP"),
        ("Bank loans",),
        ("Net worth",),
    ),
}
SIDES = ("assets", "liabilities", "equity")

#: Every account as (sector, side, item), in a fixed order.
ACCOUNTS: tuple[tuple[str, str, str], ...] = tuple(
    (sector, side, item)
    for sector, groups in SECTORS.items()
    for side, items in zip(SIDES, groups)
    for item in items
)
_INDEX = {(sector, item): i for i, (sector, _side, item) in enumerate(ACCOUNTS)}
_SIDE = {(sector, item): side for sector, side, item in ACCOUNTS}

#: Stylised starting balances ($ billions): round numbers of the size of recent years. Not data.
_START = {
    ("Fed", "Treasury bills"): 200, ("Fed", "Treasury notes & bonds"): 4450, ("Fed", "MBS"): 2050,
    ("Fed", "Other assets"): 350, ("Fed", "Reserves"): 2900, ("Fed", "TGA"): 850, ("Fed", "ON RRP"): 500,
    ("Fed", "Currency"): 2400, ("Fed", "Other liabilities"): 350, ("Fed", "Capital"): 50,
    ("Banks", "Reserves"): 2900, ("Banks", "Treasury notes & bonds"): 1600, ("Banks", "Loans"): 13000,
    ("Banks", "Deposits"): 16000, ("Banks", "Capital"): 1500,
    ("Treasury", "TGA"): 850, ("Treasury", "Bills outstanding"): 6300,
    ("Treasury", "Notes & bonds outstanding"): 23000, ("Treasury", "Net position"): -28450,
    ("Non-banks", "Deposits"): 16000, ("Non-banks", "Currency"): 2400, ("Non-banks", "Treasury bills"): 6100,
    ("Non-banks", "Treasury notes & bonds"): 16950, ("Non-banks", "ON RRP"): 500,
    ("Non-banks", "Bank loans"): 13000, ("Non-banks", "Net worth"): 28950,
}

#: Pairs of accounts that describe the same claim from both sides, and must always agree.
_CROSS = (
    ("Reserves: the Fed owes = banks hold", [("Fed", "Reserves")], [("Banks", "Reserves")]),
    ("TGA: the Fed owes = the Treasury holds", [("Fed", "TGA")], [("Treasury", "TGA")]),
    ("ON RRP: the Fed owes = non-banks hold", [("Fed", "ON RRP")], [("Non-banks", "ON RRP")]),
    ("Currency: the Fed owes = non-banks hold", [("Fed", "Currency")], [("Non-banks", "Currency")]),
    ("Deposits: banks owe = non-banks hold", [("Banks", "Deposits")], [("Non-banks", "Deposits")]),
    ("Loans: banks hold = non-banks owe", [("Banks", "Loans")], [("Non-banks", "Bank loans")]),
    ("Bills: outstanding = held", [("Treasury", "Bills outstanding")],
     [("Fed", "Treasury bills"), ("Non-banks", "Treasury bills")]),
    ("Notes & bonds: outstanding = held", [("Treasury", "Notes & bonds outstanding")],
     [("Fed", "Treasury notes & bonds"), ("Banks", "Treasury notes & bonds"),
      ("Non-banks", "Treasury notes & bonds")]),
)

MAX_AMOUNT = 10_000.0  # $ billions: one operation of up to $10 trillion


@dataclass(frozen=True)
class Operation:
    """One balance-sheet operation: the postings it makes per $1 of ``amount``.

    ``reserves_sign`` is what the operation *says* it does to bank reserves (+1 adds, -1 drains,
    0 leaves them unchanged); tests check it against the postings.
    """

    key: str
    label: str
    story: str
    postings: tuple[tuple[str, str, int], ...]
    reserves_sign: int


def _op(key, label, story, postings, reserves_sign):
    return Operation(key, label, story, tuple(postings), reserves_sign)


OPERATIONS: dict[str, Operation] = {op.key: op for op in [
    _op("qe_bank", "QE purchase from a bank",
        "The Fed buys Treasury notes and bonds from a bank and pays by crediting the bank's reserve account.",
        [("Fed", "Treasury notes & bonds", +1), ("Fed", "Reserves", +1),
         ("Banks", "Treasury notes & bonds", -1), ("Banks", "Reserves", +1)], +1),
    _op("qe_nonbank", "QE purchase from a non-bank",
        "The Fed buys notes and bonds from a non-bank (a pension fund, say). The seller's bank gets new "
        "reserves and credits the seller's deposit: reserves and deposits both rise.",
        [("Fed", "Treasury notes & bonds", +1), ("Fed", "Reserves", +1),
         ("Banks", "Reserves", +1), ("Banks", "Deposits", +1),
         ("Non-banks", "Deposits", +1), ("Non-banks", "Treasury notes & bonds", -1)], +1),
    _op("qt_runoff_tga", "QT runoff, paid from the TGA",
        "A note held by the Fed matures and is not replaced. The Treasury repays the Fed out of its "
        "account at the Fed (TGA). Both the Fed's assets and its TGA liability shrink; reserves do not "
        "move yet.",
        [("Fed", "Treasury notes & bonds", -1), ("Fed", "TGA", -1),
         ("Treasury", "TGA", -1), ("Treasury", "Notes & bonds outstanding", -1)], 0),
    _op("tga_rebuild_nonbank", "TGA rebuild: Treasury sells bills to non-banks",
        "The Treasury refills its account by selling bills to non-banks, who pay from bank deposits. "
        "Banks lose deposits and reserves; the TGA at the Fed grows. This is the step that drains reserves.",
        [("Non-banks", "Deposits", -1), ("Non-banks", "Treasury bills", +1),
         ("Banks", "Deposits", -1), ("Banks", "Reserves", -1),
         ("Fed", "Reserves", -1), ("Fed", "TGA", +1),
         ("Treasury", "TGA", +1), ("Treasury", "Bills outstanding", +1)], -1),
    _op("tga_rebuild_onrrp", "TGA rebuild: money funds buy bills with ON RRP cash",
        "Money-market funds take cash out of the Fed's overnight reverse repo facility (ON RRP) to buy "
        "the new bills. One Fed liability (ON RRP) turns into another (TGA): reserves do not move.",
        [("Non-banks", "ON RRP", -1), ("Non-banks", "Treasury bills", +1),
         ("Fed", "ON RRP", -1), ("Fed", "TGA", +1),
         ("Treasury", "TGA", +1), ("Treasury", "Bills outstanding", +1)], 0),
    _op("mmf_to_onrrp", "Money-fund cash moves into ON RRP",
        "A money-market fund moves cash from its bank deposit into the Fed's ON RRP. The bank loses "
        "the deposit and the same amount of reserves.",
        [("Non-banks", "Deposits", -1), ("Non-banks", "ON RRP", +1),
         ("Banks", "Deposits", -1), ("Banks", "Reserves", -1),
         ("Fed", "Reserves", -1), ("Fed", "ON RRP", +1)], -1),
    _op("rmp_bills", "Reserve-management purchase of bills",
        "The Fed buys Treasury bills from a dealer (a non-bank here). Mechanically like QE — reserves "
        "and deposits rise — but the Fed buys short bills, to keep reserves ample, not long bonds.",
        [("Fed", "Treasury bills", +1), ("Fed", "Reserves", +1),
         ("Banks", "Reserves", +1), ("Banks", "Deposits", +1),
         ("Non-banks", "Deposits", +1), ("Non-banks", "Treasury bills", -1)], +1),
    _op("tga_spend", "Treasury spends from the TGA",
        "The Treasury pays households and firms out of the TGA: their deposits rise, and their banks "
        "receive reserves. A falling TGA adds reserves.",
        [("Treasury", "TGA", -1), ("Treasury", "Net position", -1),
         ("Fed", "TGA", -1), ("Fed", "Reserves", +1),
         ("Banks", "Reserves", +1), ("Banks", "Deposits", +1),
         ("Non-banks", "Deposits", +1), ("Non-banks", "Net worth", +1)], +1),
]}


@dataclass(frozen=True)
class Ledger:
    """Balances of every account in :data:`ACCOUNTS` ($ billions). Immutable: operations return a new one."""

    values: tuple[float, ...]

    def __post_init__(self):
        if not isinstance(self.values, tuple) or len(self.values) != len(ACCOUNTS):
            raise ValueError(f"values must be a tuple of {len(ACCOUNTS)} balances, one per account in ACCOUNTS")
        for v in self.values:
            if isinstance(v, bool) or not isinstance(v, Real) or not math.isfinite(v):
                raise ValueError(f"every balance must be a finite number, got {v!r}")

    def __getitem__(self, key: tuple[str, str]) -> float:
        sector, item = key
        _check_account(sector, item)
        return float(self.values[_INDEX[(sector, item)]])

    def as_series(self) -> pd.Series:
        """All balances as a Series indexed by (sector, side, item)."""
        idx = pd.MultiIndex.from_tuples(ACCOUNTS, names=["sector", "side", "item"])
        return pd.Series(self.values, index=idx, name="balance_bn", dtype="float64")


def _check_account(sector: str, item: str) -> None:
    if sector not in SECTORS:
        raise ValueError(f"sector={sector!r} is not a sector; allowed: {', '.join(SECTORS)}")
    if (sector, item) not in _INDEX:
        allowed = [i for s, _side, i in ACCOUNTS if s == sector]
        raise ValueError(f"item={item!r} is not an account of {sector}; allowed: {', '.join(allowed)}")


def make_ledger(balances: Mapping[tuple[str, str], float]) -> Ledger:
    """A ledger from ``{(sector, item): $ billions}``; accounts not given are 0.

    Raises ValueError if a sector does not balance or an asset/liability is negative.
    """
    if not isinstance(balances, Mapping):
        raise TypeError(f"balances must be a mapping {{(sector, item): amount}}, got {type(balances).__name__}")
    values = [0.0] * len(ACCOUNTS)
    for key, amount in balances.items():
        if not isinstance(key, tuple) or len(key) != 2:
            raise TypeError(f"each key must be a (sector, item) tuple, got {key!r}")
        _check_account(*key)
        values[_INDEX[key]] = check_number(f"balances[{key!r}]", amount)
    ledger = Ledger(tuple(values))
    for (sector, side, item), v in zip(ACCOUNTS, ledger.values):
        if side != "equity" and v < 0:
            raise ValueError(f"{sector} {item} is {v}: assets and liabilities cannot be negative")
    totals = sector_totals(ledger)
    bad = totals.index[totals["difference"].abs() > 1e-6].tolist()
    if bad:
        raise ValueError(f"these sectors do not balance (assets != liabilities + equity): {', '.join(bad)}")
    return ledger


def starting_ledger() -> Ledger:
    """The stylised starting point of the T-account explorer (round numbers, $ billions; not data)."""
    return make_ledger(_START)


def _check_amount(amount) -> float:
    return check_number("amount", amount, 0, MAX_AMOUNT, open_lo=True,
                        allowed=f"$ billions, above 0 and at most {MAX_AMOUNT:,.0f}")


def _check_operation(operation) -> Operation:
    return OPERATIONS[check_choice("operation", operation, OPERATIONS)]


def apply(ledger: Ledger, operation: str, amount: float) -> Ledger:
    """Apply one operation of ``amount`` ($ billions, > 0) and return the new ledger.

    Raises ValueError if the operation would need more than an account holds (the Fed cannot run
    off bills it does not own; money funds cannot move more cash out of ON RRP than they have).
    """
    if not isinstance(ledger, Ledger):
        raise TypeError(f"ledger must be a Ledger (e.g. starting_ledger()), got {type(ledger).__name__}")
    op = _check_operation(operation)
    amount = _check_amount(amount)
    values = list(ledger.values)
    for sector, item, sign in op.postings:
        i = _INDEX[(sector, item)]
        new = values[i] + sign * amount
        if _SIDE[(sector, item)] != "equity" and new < -1e-9:
            raise ValueError(
                f"{op.label} of {amount:,.1f} needs {sector} {item} of at least {amount:,.1f}, "
                f"but it is {values[i]:,.1f} ($ billions): use a smaller amount")
        values[i] = max(new, 0.0) if _SIDE[(sector, item)] != "equity" else new
    return Ledger(tuple(values))


def apply_sequence(ledger: Ledger, steps: Iterable[tuple[str, float]]) -> Ledger:
    """Apply ``[(operation, amount), ...]`` in order."""
    if isinstance(steps, (str, bytes)) or not isinstance(steps, Iterable):
        raise TypeError(f"steps must be a list of (operation, amount) pairs, got {type(steps).__name__}")
    for step in steps:
        if not isinstance(step, (tuple, list)) or len(step) != 2:
            raise TypeError(f"each step must be an (operation, amount) pair, got {step!r}")
        ledger = apply(ledger, step[0], step[1])
    return ledger


def reserves(ledger: Ledger) -> float:
    """Bank reserves ($ billions): the Fed's liability to banks."""
    if not isinstance(ledger, Ledger):
        raise TypeError(f"ledger must be a Ledger, got {type(ledger).__name__}")
    return ledger["Fed", "Reserves"]


def sector_totals(ledger: Ledger) -> pd.DataFrame:
    """Per sector: total assets, liabilities, equity and assets - (liabilities + equity) ($ billions)."""
    if not isinstance(ledger, Ledger):
        raise TypeError(f"ledger must be a Ledger, got {type(ledger).__name__}")
    rows = {}
    for sector in SECTORS:
        sums = {side: 0.0 for side in SIDES}
        for (s, side, _item), v in zip(ACCOUNTS, ledger.values):
            if s == sector:
                sums[side] += v
        sums["difference"] = sums["assets"] - sums["liabilities"] - sums["equity"]
        rows[sector] = sums
    return pd.DataFrame.from_dict(rows, orient="index")


def is_balanced(ledger: Ledger, tol: float = 1e-6) -> bool:
    """True if every sector's assets equal its liabilities plus equity (within ``tol`` $ billions)."""
    return bool((sector_totals(ledger)["difference"].abs() <= tol).all())


def cross_checks(ledger: Ledger) -> pd.DataFrame:
    """Claims seen from both sides (e.g. reserves the Fed owes = reserves banks hold): both totals and the gap."""
    if not isinstance(ledger, Ledger):
        raise TypeError(f"ledger must be a Ledger, got {type(ledger).__name__}")
    rows = []
    for name, left, right in _CROSS:
        a = sum(ledger[k] for k in left)
        b = sum(ledger[k] for k in right)
        rows.append({"claim": name, "one side": a, "other side": b, "gap": a - b})
    return pd.DataFrame(rows).set_index("claim")


def changes(before: Ledger, after: Ledger) -> pd.Series:
    """Accounts that changed from ``before`` to ``after`` ($ billions), indexed by (sector, side, item)."""
    if not isinstance(before, Ledger) or not isinstance(after, Ledger):
        raise TypeError("before and after must both be Ledger objects")
    diff = after.as_series() - before.as_series()
    return diff[diff.abs() > 1e-9]


def t_account_frame(ledger: Ledger, sector: str, before: Ledger | None = None) -> pd.DataFrame:
    """One sector's T-account as a table: assets on the left, liabilities and equity on the right."""
    if not isinstance(ledger, Ledger):
        raise TypeError(f"ledger must be a Ledger, got {type(ledger).__name__}")
    if not isinstance(sector, str):
        raise TypeError(f"sector must be a str, got {type(sector).__name__}")
    if sector not in SECTORS:
        raise ValueError(f"sector={sector!r} is not a sector; allowed: {', '.join(SECTORS)}")
    if before is not None and not isinstance(before, Ledger):
        raise TypeError(f"before must be a Ledger or None, got {type(before).__name__}")
    assets, liabilities, equity = SECTORS[sector]
    right = list(liabilities) + list(equity)
    n = max(len(assets), len(right))
    rows = []
    for i in range(n):
        row = {}
        for label, items in (("Assets", assets), ("Liabilities & equity", right)):
            item = items[i] if i < len(items) else ""
            value = ledger[sector, item] if item else np.nan
            delta = value - before[sector, item] if (item and before is not None) else np.nan
            row[label] = item
            row[f"{label} $bn"] = value
            row[f"{label} change"] = delta
        rows.append(row)
    out = pd.DataFrame(rows)
    if before is None:
        out = out.drop(columns=[c for c in out.columns if c.endswith("change")])
    return out


def _fmt(x: float, sign: bool = False) -> str:
    if abs(x - round(x)) < 1e-9:
        return f"{x:+,.0f}" if sign else f"{x:,.0f}"
    return f"{x:+,.1f}" if sign else f"{x:,.1f}"


@dataclass(frozen=True)
class TAccountView:
    """T-accounts before and after some operations, shown as HTML (Jupyter) or text."""

    before: Ledger
    after: Ledger
    steps: tuple[tuple[str, float], ...]
    html: str
    text: str

    def _repr_html_(self) -> str:
        return self.html

    def __repr__(self) -> str:
        return self.text


_UP, _DOWN = "#0072B2", "#D55E00"  # Okabe-Ito blue / vermilion


def _sector_html(before: Ledger, after: Ledger, sector: str) -> str:
    assets, liabilities, equity = SECTORS[sector]
    right = list(liabilities) + list(equity)
    n = max(len(assets), len(right))

    def cells(item: str, divider: str = "") -> str:
        if not item:
            return f"<td style='{divider}'></td><td></td><td></td>"
        v, d = after[sector, item], after[sector, item] - before[sector, item]
        moved = abs(d) > 1e-9
        style = "font-weight:bold;" if moved else "color:#555;"
        dtxt = (f"<span style='color:{_UP if d > 0 else _DOWN}'>{_fmt(d, True)}</span>" if moved else "")
        return (f"<td style='{divider}{style}padding:1px 6px'>{html.escape(item)}</td>"
                f"<td style='{style}text-align:right;padding:1px 6px'>{_fmt(v)}</td>"
                f"<td style='text-align:right;padding:1px 6px'>{dtxt}</td>")

    body = "".join(
        f"<tr>{cells(assets[i] if i < len(assets) else '')}"
        f"{cells(right[i] if i < len(right) else '', 'border-left:2px solid #333;')}</tr>" for i in range(n))
    tot = sector_totals(after).loc[sector]
    ok = abs(tot["difference"]) <= 1e-6
    check = ("<span style='color:#009E73'>&#10003; balances</span>" if ok
             else "<span style='color:#D55E00'>&#10007; does not balance</span>")
    return (
        "<div style='margin:4px 8px 8px 0;min-width:330px;flex:0 1 480px'>"
        f"<div style='font-weight:bold;border-bottom:2px solid #333'>{html.escape(sector)} — {check}</div>"
        "<table style='border-collapse:collapse;font-size:12px;width:100%'>"
        "<tr style='border-bottom:1px solid #999'><th style='text-align:left'>Assets</th><th>$bn</th><th>change</th>"
        "<th style='text-align:left;border-left:2px solid #333;padding-left:6px'>Liabilities &amp; equity</th>"
        "<th>$bn</th><th>change</th></tr>"
        f"{body}"
        f"<tr style='border-top:1px solid #999'><td><i>Total</i></td><td style='text-align:right'>"
        f"<i>{_fmt(tot['assets'])}</i></td><td></td><td style='border-left:2px solid #333;padding-left:6px'><i>Total</i></td><td style='text-align:right'>"
        f"<i>{_fmt(tot['liabilities'] + tot['equity'])}</i></td><td></td></tr>"
        "</table></div>"
    )


def _view(before: Ledger, after: Ledger, steps: tuple[tuple[str, float], ...]) -> TAccountView:
    r0, r1 = reserves(before), reserves(after)
    story = " Then: ".join(OPERATIONS[k].story for k, _a in steps)
    labels = " → ".join(f"{OPERATIONS[k].label} ({_fmt(a)})" for k, a in steps)
    balanced = is_balanced(after)
    gaps = cross_checks(after)["gap"].abs().max()
    summary = (f"Bank reserves: {_fmt(r0)} → {_fmt(r1)} ({_fmt(r1 - r0, True)}) $ billions. "
               f"Every sector balances: {'yes' if balanced else 'NO'}; "
               f"both sides of every claim agree: {'yes' if gaps <= 1e-6 else 'NO'}.")
    sectors = "".join(_sector_html(before, after, s) for s in SECTORS)
    page = (
        f"<div class='{NO_MATHS}' style='font-family:sans-serif'>"
        f"<div style='margin-bottom:4px'><b>{html.escape(labels)}</b></div>"
        f"<div style='margin-bottom:6px;color:#333'>{html.escape(story)}</div>"
        f"<div style='display:flex;flex-wrap:wrap'>{sectors}</div>"
        f"<div style='margin-top:4px'><b>{html.escape(summary)}</b></div></div>"
    )
    lines = [labels, summary]
    moved = changes(before, after)
    for sector in SECTORS:
        items = ", ".join(f"{item} {_fmt(v, True)}" for (s, _side, item), v in moved.items() if s == sector)
        lines.append(f"  {sector}: {items or 'no change'}")
    return TAccountView(before, after, steps, page, "\n".join(lines))


def operation_effects(amount: float = 100.0) -> pd.DataFrame:
    """What each operation of ``amount`` ($ billions) does to a few key accounts, from the starting ledger.

    Columns: Fed total assets, bank reserves, TGA, ON RRP, bank deposits (changes, $ billions),
    and whether every sector still balances.
    """
    amount = _check_amount(amount)
    start = starting_ledger()
    rows = []
    for key, op in OPERATIONS.items():
        after = apply(start, key, amount)

        def d(sector: str, item: str) -> float:
            return after[sector, item] - start[sector, item]

        rows.append({
            "operation": op.label,
            "Fed assets": sum(d("Fed", item) for item in SECTORS["Fed"][0]),
            "reserves": d("Fed", "Reserves"),
            "TGA": d("Fed", "TGA"),
            "ON RRP": d("Fed", "ON RRP"),
            "bank deposits": d("Banks", "Deposits"),
            "all balance": is_balanced(after),
        })
    return pd.DataFrame(rows).set_index("operation")


def explore(operation: str, amount: float = 100.0, then: str | None = None,
            start: Ledger | None = None) -> TAccountView:
    """The T-account explorer: apply ``operation`` (then optionally ``then``) of ``amount`` ($ billions).

    Returns a view with the four T-accounts before/after (HTML in Jupyter, text elsewhere).
    ``then`` may be None or "none" for a single operation.
    """
    before = starting_ledger() if start is None else start
    if not isinstance(before, Ledger):
        raise TypeError(f"start must be a Ledger or None, got {type(before).__name__}")
    steps = [(operation, amount)]
    if then is not None and then != "none":
        steps.append((then, amount))
    for key, a in steps:
        _check_operation(key)
        _check_amount(a)
    after = apply_sequence(before, steps)
    return _view(before, after, tuple((k, float(a)) for k, a in steps))


def explore_html(operation: str, amount: float = 100.0, then: str | None = None) -> str:
    """The explorer's panel as an HTML string; an amount the accounts cannot cover gives a message instead.

    This is what the lesson's widget shows (in an ``ipywidgets.HTML``), so it never raises for
    amounts a slider can produce.
    """
    try:
        return explore(operation, amount, then=then).html
    except ValueError as problem:
        return (f"<p class='{NO_MATHS}' style='color:#D55E00'><b>Not possible:</b> "
                f"{html.escape(str(problem))}</p>")


# ---------------------------------------------------------------------------
# Part 2. Runoff under caps
# ---------------------------------------------------------------------------
PROGRAMS = ("QT1", "QT2")

#: Cap steps: (program, first month, Treasury cap, MBS cap, where excess MBS principal goes,
#: policy_events date, how the step is known, caps stated in that row's key_numbers,
#: whether the month must equal the row's ``effective`` field). Caps in $ billions a month.
#: A row with caps None marks the month runoff stopped.
CAP_STEPS: tuple[tuple, ...] = (
    ("QT1", "2017-10", 6.0, 4.0, "MBS", "2017-09-20", "start of QT1", (6.0, 4.0), True),
    ("QT1", "2018-01", 12.0, 8.0, "MBS", "2017-09-20",
     "+$6B / +$4B every 3 months (June 2017 addendum)", (), False),
    ("QT1", "2018-04", 18.0, 12.0, "MBS", "2017-09-20",
     "+$6B / +$4B every 3 months (June 2017 addendum)", (), False),
    ("QT1", "2018-07", 24.0, 16.0, "MBS", "2017-09-20",
     "+$6B / +$4B every 3 months (June 2017 addendum)", (), False),
    ("QT1", "2018-10", 30.0, 20.0, "MBS", "2017-09-20", "caps reach their maximum", (30.0, 20.0), False),
    ("QT1", "2019-05", 15.0, 20.0, "MBS", "2019-03-20", "Treasury cap halved from May 2019", (15.0,), True),
    ("QT1", "2019-08", None, None, "", "2019-07-31", "runoff ends (two months early)", (), True),
    ("QT2", "2022-06", 30.0, 17.5, "MBS", "2022-05-04", "start of QT2", (30.0, 17.5), True),
    ("QT2", "2022-09", 60.0, 35.0, "MBS", "2022-05-04", "caps double after three months", (60.0, 35.0), False),
    ("QT2", "2024-06", 25.0, 35.0, "Treasuries", "2024-05-01",
     "Treasury cap cut; MBS above the cap into Treasuries", (25.0, 35.0), True),
    ("QT2", "2025-04", 5.0, 35.0, "Treasuries", "2025-03-19", "Treasury cap cut again", (5.0, 35.0), True),
    ("QT2", "2025-12", None, None, "", "2025-10-29", "runoff ends on 1 December 2025", (), True),
)

def _events(events: pd.DataFrame | None) -> pd.DataFrame:
    if events is None:
        from helpers.data import load

        return load("policy_events")
    if not isinstance(events, pd.DataFrame) or not {"kind", "key_numbers", "effective", "source_url"} <= set(events.columns):
        raise TypeError("events must be the policy_events DataFrame (columns kind, key_numbers, effective, source_url)")
    return events


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


def cap_steps(events: pd.DataFrame | None = None) -> pd.DataFrame:
    """The cap steps of QT1 and QT2, each tied to its policy-event row and primary source.

    Checks every step against ``events`` (default: the snapshot's ``policy_events``): the row exists
    with a QT kind, the stated caps appear in its ``key_numbers`` and, where the step is the row's
    effective date, the months agree. Raises ValueError on any disagreement.
    Columns: program, month, treasury_cap, mbs_cap ($ billions a month), mbs_excess_to, event_date,
    how, source_url, checked.
    """
    ev = _events(events)
    by_date: dict[pd.Timestamp, dict] = {}
    for date, rec in zip(ev.index, ev[["kind", "key_numbers", "effective", "source_url"]
                                     + (["checked"] if "checked" in ev.columns else [])].to_dict("records")):
        by_date.setdefault(pd.Timestamp(date), rec)
    rows = []
    for program, month, t_cap, m_cap, excess, date, how, stated, check_month in CAP_STEPS:
        when = pd.Timestamp(date)
        if when not in by_date:
            raise ValueError(f"cap step {program} {month}: no policy_events row dated {date}")
        row = by_date[when]
        if not str(row["kind"]).startswith("qt_"):
            raise ValueError(f"cap step {program} {month}: policy_events row {date} has kind "
                             f"{row['kind']!r}, expected a qt_start / qt_slow / qt_end row")
        for x in stated:
            if _money(x) not in str(row["key_numbers"]):
                raise ValueError(f"cap step {program} {month}: {_money(x)} is not in the key_numbers of "
                                 f"policy_events row {date} ({row['key_numbers']!r})")
        if check_month and _effective_month(row["effective"]) != month:
            raise ValueError(f"cap step {program} {month}: policy_events row {date} takes effect "
                             f"{row['effective']!r}, not in {month}")
        rows.append({
            "program": program, "month": pd.Timestamp(month + "-01"),
            "treasury_cap": np.nan if t_cap is None else t_cap,
            "mbs_cap": np.nan if m_cap is None else m_cap,
            "mbs_excess_to": excess, "event_date": when, "how": how,
            "source_url": row["source_url"], "checked": row.get("checked", ""),
        })
    return pd.DataFrame(rows)


def cap_schedule(program: str, events: pd.DataFrame | None = None) -> pd.DataFrame:
    """Monthly caps ($ billions a month) for every month of runoff of ``program`` ("QT1" or "QT2").

    Indexed by month start; columns treasury_cap, mbs_cap, mbs_excess_to, event_date.
    """
    check_choice("program", program, PROGRAMS)
    steps = cap_steps(events)
    steps = steps[steps["program"] == program].set_index("month")
    months = pd.date_range(steps.index[0], steps.index[-1], freq="MS", inclusive="left")
    sched = steps[["treasury_cap", "mbs_cap", "mbs_excess_to", "event_date"]].iloc[:-1].reindex(months, method="ffill")
    sched.index.name = "month"
    return sched


def _check_bs(fb: pd.DataFrame, columns: Sequence[str]) -> None:
    if not isinstance(fb, pd.DataFrame) or not isinstance(fb.index, pd.DatetimeIndex):
        raise TypeError(f"fb must be the fed_balance_sheet DataFrame (indexed by date), got {type(fb).__name__}")
    missing = [c for c in columns if c not in fb.columns]
    if missing:
        raise ValueError(f"fb is missing the columns {missing}; use helpers.load('fed_balance_sheet')")


def monthly_levels(fb: pd.DataFrame | None = None) -> pd.DataFrame:
    """Balance-sheet levels at the start of each month: the first Wednesday of the month ($ billions).

    A month's runoff is then the level at the start of the month minus the level at the start of the
    next one, which catches the maturities of the last days of the month.
    """
    if fb is None:
        from helpers.data import load

        fb = load("fed_balance_sheet")
    _check_bs(fb, ["total_assets", "treasuries", "mbs"])
    out = fb.resample("MS").first()
    out.index.name = "month"
    return out


def simulate_runoff(schedule: pd.DataFrame, start_treasuries: float, start_mbs: float,
                    maturing_treasuries: float, mbs_paydown_rate: float) -> pd.DataFrame:
    """Month-by-month runoff under caps.

    Each month: Treasury principal due = ``maturing_treasuries`` ($ billions a month, an assumption);
    MBS principal paid down = ``mbs_paydown_rate`` (percent a year, an assumption) / 12 of the MBS
    held. Runoff = min(cap, principal); the rest is reinvested (in Treasuries, or where
    ``mbs_excess_to`` says for MBS). Returns per month: caps, principal, runoff, reinvestment and the
    holdings at the end of the month ($ billions).
    """
    if not isinstance(schedule, pd.DataFrame) or not {"treasury_cap", "mbs_cap", "mbs_excess_to"} <= set(schedule.columns):
        raise TypeError("schedule must be a cap_schedule(...) DataFrame")
    t = check_number("start_treasuries", start_treasuries, 0, 1e5)
    m = check_number("start_mbs", start_mbs, 0, 1e5)
    maturing = check_number("maturing_treasuries", maturing_treasuries, 0, 1000)
    rate = check_number("mbs_paydown_rate", mbs_paydown_rate, 0, 100) / 100 / 12
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


#: Default assumptions of the simulator (deliberately simple and round; see the lesson).
DEFAULT_MATURING = 60.0  # $ billions of Treasury principal due a month: enough to meet every cap
DEFAULT_PAYDOWN = 10.0   # MBS principal repaid, percent of holdings a year


def runoff_comparison(program: str, maturing_treasuries: float = DEFAULT_MATURING,
                      mbs_paydown_rate: float = DEFAULT_PAYDOWN, levels: pd.DataFrame | None = None,
                      events: pd.DataFrame | None = None) -> pd.DataFrame:
    """Simulated vs actual runoff of ``program`` month by month ($ billions).

    ``levels`` is :func:`monthly_levels` (computed from the snapshot if None). Starts from the
    holdings on the first Wednesday of the first month of runoff; actual runoff in a month = level
    at the start of the month minus level at the start of the next month.
    """
    check_choice("program", program, PROGRAMS)
    levels = monthly_levels() if levels is None else levels
    _check_bs(levels, ["treasuries", "mbs"])
    sched = cap_schedule(program, events)
    first, end = sched.index[0], sched.index[-1] + pd.offsets.MonthBegin(1)
    if first not in levels.index or end not in levels.index:
        raise ValueError(f"levels must cover {first:%Y-%m} to {end:%Y-%m} for {program}")
    sim = simulate_runoff(sched, float(levels.loc[first, "treasuries"]), float(levels.loc[first, "mbs"]),
                          maturing_treasuries, mbs_paydown_rate)
    nxt = levels.loc[first:end, ["treasuries", "mbs"]]
    sim["actual_treasuries_end"] = nxt["treasuries"].shift(-1).loc[sim.index].to_numpy()
    sim["actual_mbs_end"] = nxt["mbs"].shift(-1).loc[sim.index].to_numpy()
    sim["actual_runoff_treasuries"] = -nxt["treasuries"].diff().shift(-1).loc[sim.index].to_numpy()
    sim["actual_runoff_mbs"] = -nxt["mbs"].diff().shift(-1).loc[sim.index].to_numpy()
    sim.attrs.update(program=program, start_treasuries=float(levels.loc[first, "treasuries"]),
                     start_mbs=float(levels.loc[first, "mbs"]), first=first, end=end)
    return sim


def runoff_totals(comparison: pd.DataFrame) -> pd.DataFrame:
    """Totals over a program ($ billions): sum of caps, simulated runoff, actual decline, actual / caps."""
    need = {"treasury_cap", "mbs_cap", "runoff_treasuries", "runoff_mbs",
            "actual_runoff_treasuries", "actual_runoff_mbs"}
    if not isinstance(comparison, pd.DataFrame) or not need <= set(comparison.columns):
        raise TypeError("comparison must be a runoff_comparison(...) DataFrame")
    c = comparison
    rows = {}
    for name, cap, sim, act in (("Treasuries", "treasury_cap", "runoff_treasuries", "actual_runoff_treasuries"),
                                ("MBS", "mbs_cap", "runoff_mbs", "actual_runoff_mbs")):
        rows[name] = {"sum of caps": c[cap].sum(), "simulated runoff": c[sim].sum(),
                      "actual decline": c[act].sum()}
    out = pd.DataFrame.from_dict(rows, orient="index")
    out.loc["Total"] = out.sum()
    out["actual / caps"] = out["actual decline"] / out["sum of caps"]
    out["actual - simulated"] = out["actual decline"] - out["simulated runoff"]
    out.index.name = f"{c.attrs.get('program', '')} ({len(c)} months)"
    return out


def runoff_by_year(comparison: pd.DataFrame) -> pd.DataFrame:
    """Runoff per calendar year ($ billions): cap, simulated and actual, for Treasuries and MBS."""
    if not isinstance(comparison, pd.DataFrame) or not set(_RUNOFF_COLS.values()) <= set(comparison.columns):
        raise TypeError("comparison must be a runoff_comparison(...) DataFrame")
    wide = pd.DataFrame({k.replace("|", " "): comparison[v] for k, v in _RUNOFF_COLS.items()})
    out = wide.groupby(wide.index.year).sum()
    out.insert(0, "months", wide.groupby(wide.index.year).size())
    out.index.name = "year"
    return out


def runoff_panel(program: str = "QT2", maturing_treasuries: float = DEFAULT_MATURING,
                 mbs_paydown_rate: float = DEFAULT_PAYDOWN, levels: pd.DataFrame | None = None,
                 events: pd.DataFrame | None = None) -> str:
    """What the runoff widget shows, as HTML: the totals and the runoff per year ($ billions)."""
    comp = runoff_comparison(program, maturing_treasuries, mbs_paydown_rate, levels, events)
    totals = runoff_totals(comp).round(2)
    totals["actual / caps"] = totals["actual / caps"].map("{:.0%}".format)
    years = runoff_by_year(comp).round(1)
    head = (f"<p><b>{html.escape(program)}</b>, {len(comp)} months of runoff from {comp.index[0]:%B %Y}; "
            f"assumptions: {maturing_treasuries:g} $bn of Treasuries due a month, MBS paydown "
            f"{mbs_paydown_rate:g} % a year.</p>")
    tables = (totals.to_html(float_format="{:,.1f}".format, classes=NO_MATHS)
              + "<p><b>Runoff per year</b> ($ billions)</p>"
              + years.to_html(float_format="{:,.1f}".format, classes=NO_MATHS))
    return f"<div class='{NO_MATHS}'>{head}{tables}</div>"


def paydown_grid(levels: pd.DataFrame | None = None, program: str = "QT2",
                 rates: Sequence[float] = tuple(range(2, 17)), maturing_treasuries: float = DEFAULT_MATURING,
                 events: pd.DataFrame | None = None) -> pd.DataFrame:
    """MBS holdings ($ trillions) by month: the actual path and one simulated path per paydown rate.

    Indexed by month (holdings at the first Wednesday); columns ``actual`` and one column per rate,
    named by the rate in percent a year (e.g. ``"8"``).
    """
    if isinstance(rates, (str, bytes)) or not isinstance(rates, Sequence) or not rates:
        raise TypeError("rates must be a non-empty sequence of percentages a year")
    levels = monthly_levels() if levels is None else levels
    out = None
    for r in rates:
        comp = runoff_comparison(program, maturing_treasuries, r, levels, events)
        if out is None:
            first, end = comp.attrs["first"], comp.attrs["end"]
            out = pd.DataFrame({"actual": levels.loc[first:end, "mbs"] / 1000})
        path = pd.Series(comp["mbs_end"].to_numpy() / 1000, index=comp.index + pd.offsets.MonthBegin(1))
        out[f"{float(r):g}"] = pd.concat([pd.Series([comp.attrs["start_mbs"] / 1000], index=[first]), path])
    out.index.name = "month"
    return out


def months_below_cap(comparison: pd.DataFrame, asset: str = "treasuries", share: float = 0.9) -> int:
    """Number of months in which the actual runoff of ``asset`` was below ``share`` × the cap."""
    if not isinstance(comparison, pd.DataFrame) or "actual_runoff_treasuries" not in comparison.columns:
        raise TypeError("comparison must be a runoff_comparison(...) DataFrame")
    caps = {"treasuries": "treasury_cap", "mbs": "mbs_cap"}
    if asset not in caps:
        raise ValueError(f"asset={asset!r} is not allowed; allowed: treasuries, mbs")
    share = check_number("share", share, 0, 1)
    return int((comparison[f"actual_runoff_{asset}"] < share * comparison[caps[asset]]).sum())


# ---------------------------------------------------------------------------
# Part 3. Measuring QT2 and the reserve-management purchases
# ---------------------------------------------------------------------------
def nearest_week(fb: pd.DataFrame, date) -> pd.Timestamp:
    """The row date (Wednesday) of ``fb`` nearest to ``date`` (ties go to the later week)."""
    if not isinstance(fb, (pd.DataFrame, pd.Series)) or not isinstance(fb.index, pd.DatetimeIndex):
        raise TypeError(f"fb must be a DataFrame or Series indexed by date, got {type(fb).__name__}")
    try:
        when = pd.Timestamp(date)
    except (TypeError, ValueError):
        raise TypeError(f"date must be a date such as '2025-12-01', got {date!r}") from None
    if pd.isna(when) or not fb.index[0] - pd.Timedelta(days=7) <= when <= fb.index[-1] + pd.Timedelta(days=7):
        raise ValueError(f"date={date!r} is outside the data ({fb.index[0].date()} .. {fb.index[-1].date()})")
    gaps = np.abs((fb.index - when).days)
    best = gaps.min()
    return fb.index[np.flatnonzero(gaps == best)[-1]]


def qt_size(fb: pd.DataFrame, peak_from="2022-01-01", peak_to="2022-12-31", end="2025-12-01") -> pd.DataFrame:
    """How big QT was: peak (within ``peak_from``..``peak_to``) to the week nearest ``end``.

    Rows: total assets, securities (Treasuries + MBS), Treasuries, MBS. Columns: peak week, peak,
    end week, end ($ billions), change ($ billions) and change (fraction of the peak).
    """
    _check_bs(fb, ["total_assets", "treasuries", "mbs"])
    data = pd.DataFrame({
        "Total assets": fb["total_assets"],
        "Securities (Treasuries + MBS)": fb["treasuries"] + fb["mbs"],
        "Treasuries": fb["treasuries"], "MBS": fb["mbs"],
    })
    window = data.loc[peak_from:peak_to]
    if window.empty:
        raise ValueError(f"no weeks between peak_from={peak_from!r} and peak_to={peak_to!r}")
    end_week = nearest_week(fb, end)
    rows = []
    for name in data.columns:
        pw = window[name].idxmax()
        rows.append({"item": name, "peak week": pw.date(), "peak": data.loc[pw, name],
                     "end week": end_week.date(), "end": data.loc[end_week, name]})
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
    _check_bs(fb, ["total_assets", "reserves", "tga", "on_rrp"])
    w0, w1 = nearest_week(fb, start), nearest_week(fb, end)
    if w1 <= w0:
        raise ValueError(f"end={end!r} must be after start={start!r}")
    cols = {"Total assets": "total_assets", "Reserves": "reserves", "TGA": "tga", "ON RRP": "on_rrp"}
    lv = pd.DataFrame({name: fb.loc[[w0, w1], c].to_numpy() for name, c in cols.items()}, index=[w0, w1])
    lv["Currency and everything else (residual)"] = (lv["Total assets"] - lv["Reserves"] - lv["TGA"]
                                                     - lv["ON RRP"])
    out = lv.T
    out.columns = [f"{w0.date()}", f"{w1.date()}"]
    out["change"] = out.iloc[:, 1] - out.iloc[:, 0]
    out["share of asset change"] = out["change"] / out.loc["Total assets", "change"]
    out.index.name = "item ($ billions)"
    return out


def change_since(fb: pd.DataFrame, start, columns: Sequence[str] = ("total_assets", "treasuries", "mbs", "reserves")
                 ) -> pd.DataFrame:
    """Weekly change of ``columns`` since the week nearest ``start`` ($ billions), from that week on."""
    if isinstance(columns, str) or not isinstance(columns, Sequence):
        raise TypeError("columns must be a list of column names")
    _check_bs(fb, list(columns))
    w0 = nearest_week(fb, start)
    part = fb.loc[w0:, list(columns)]
    return part - part.iloc[0]


def monthly_pace(fb: pd.DataFrame, column: str, start, end) -> float:
    """Average change of ``column`` per month ($ billions a month) between the weeks nearest ``start`` and ``end``."""
    if not isinstance(column, str):
        raise TypeError(f"column must be a str, got {type(column).__name__}")
    _check_bs(fb, [column])
    w0, w1 = nearest_week(fb, start), nearest_week(fb, end)
    if w1 <= w0:
        raise ValueError(f"end={end!r} must be after start={start!r}")
    months = (w1 - w0).days / (365.25 / 12)
    return float((fb.loc[w1, column] - fb.loc[w0, column]) / months)


def pace_table(fb: pd.DataFrame, windows: Mapping[str, tuple]) -> pd.DataFrame:
    """Average monthly change ($ billions a month) of Treasuries, MBS, both, and reserves in each window.

    ``windows`` maps a label to (start, end) dates; the weeks nearest each date are used.
    """
    _check_bs(fb, ["treasuries", "mbs", "reserves"])
    if not isinstance(windows, Mapping) or not windows:
        raise TypeError("windows must be a non-empty mapping {label: (start, end)}")
    data = fb.assign(securities=fb["treasuries"] + fb["mbs"])
    rows = {}
    for label, pair in windows.items():
        if not isinstance(pair, (tuple, list)) or len(pair) != 2:
            raise TypeError(f"windows[{label!r}] must be a (start, end) pair, got {pair!r}")
        start, end = pair
        w0, w1 = nearest_week(fb, start), nearest_week(fb, end)
        rows[label] = {"from": w0.date(), "to": w1.date(),
                       **{c: monthly_pace(data, c, start, end)
                          for c in ("treasuries", "mbs", "securities", "reserves")}}
    out = pd.DataFrame.from_dict(rows, orient="index")
    out.index.name = "$ billions a month"
    return out


# ---------------------------------------------------------------------------
# Charts (data go in wide, one row per date, and are folded inside the spec: smaller notebooks)
# ---------------------------------------------------------------------------
_COMPONENTS = {"treasuries": "Treasuries", "mbs": "MBS", "other_assets": "Other"}


def _phases_from(fb: pd.DataFrame, start) -> pd.DataFrame:
    """Policy phases that overlap [start, last week], clipped to that window."""
    from helpers.data import load  # moves to inputs() in the topic split

    phases = policy_phases(load("policy_events"), fb.index[-1])
    phases = phases[phases["end"] >= pd.Timestamp(start)].copy()
    phases["start"] = phases["start"].clip(lower=pd.Timestamp(start))
    return phases


_YEARS = alt.Axis(format="%Y", tickCount="year")
_MONTHS = alt.Axis(format="%b %Y", tickCount=5, labelOverlap=True)


def composition_monthly(fb: pd.DataFrame, start="2007-01-01") -> pd.DataFrame:
    """Treasuries / MBS / other assets in $ trillions at the first Wednesday of each month (wide)."""
    _check_bs(fb, list(_COMPONENTS))
    lv = monthly_levels(fb).loc[start:, list(_COMPONENTS)].rename(columns=_COMPONENTS) / 1000
    lv.index.name = "date"
    return lv.round(3)


def composition_chart(fb: pd.DataFrame, start="2007-01-01") -> alt.LayerChart:
    """Stacked area of the Fed's assets by type with QE / QT phases shaded; click the legend to highlight."""
    df = composition_monthly(fb, start).reset_index()
    names = list(_COMPONENTS.values())
    pick = alt.selection_point(fields=["component"], bind="legend")
    area = alt.Chart(df).transform_fold(names, as_=["component", "tn"]).transform_calculate(
        order=f"indexof({names!r}, datum.component)").mark_area().encode(
        x=alt.X("date:T", title=None, axis=_YEARS),
        y=alt.Y("tn:Q", stack="zero", title="$ trillions"),
        color=alt.Color("component:N", title="Asset (click to highlight)",
                        scale=alt.Scale(domain=names, range=[PALETTE[0], PALETTE[3], "#999999"])),
        order=alt.Order("order:Q"),
        opacity=alt.condition(pick, alt.value(0.9), alt.value(0.2)),
        tooltip=[alt.Tooltip("date:T", format="%b %Y", title="month"), "component:N",
                 alt.Tooltip("tn:Q", format=".2f", title="$ trillions")],
    ).add_params(pick)
    chart = alt.layer(phase_layer(_phases_from(fb, start)), area).resolve_scale(color="independent").properties(
        width=640, height=280,
        title=alt.TitleParams("QE added Treasuries and MBS in waves; QT let both run off slowly",
                              subtitle=["Fed assets by type, first Wednesday of each month; shaded: policy "
                                        "phases from the policy-event table"]))
    return with_source(chart)


_RUNOFF_COLS = {"Treasuries|cap": "treasury_cap", "Treasuries|simulated": "runoff_treasuries",
                "Treasuries|actual": "actual_runoff_treasuries", "MBS|cap": "mbs_cap",
                "MBS|simulated": "runoff_mbs", "MBS|actual": "actual_runoff_mbs"}


def runoff_chart(*comparisons: pd.DataFrame) -> alt.FacetChart:
    """Monthly runoff — the cap, the simulation and the actual fall — for Treasuries and MBS.

    One row of two panels per ``runoff_comparison(...)`` given (e.g. QT1 and QT2).
    """
    if not comparisons:
        raise TypeError("give at least one runoff_comparison(...) DataFrame")
    frames = []
    for c in comparisons:
        if not isinstance(c, pd.DataFrame) or not set(_RUNOFF_COLS.values()) <= set(c.columns):
            raise TypeError("each comparison must be a runoff_comparison(...) DataFrame")
        wide = pd.DataFrame({k: c[v].round(2).to_numpy() for k, v in _RUNOFF_COLS.items()}, index=c.index)
        wide.insert(0, "program", c.attrs.get("program", ""))
        frames.append(wide)
    df = pd.concat(frames).rename_axis("month").reset_index()
    programs = list(df["program"].unique())
    base = alt.Chart(df).transform_fold(list(_RUNOFF_COLS), as_=["key", "bn"]).transform_calculate(
        asset="split(datum.key, '|')[0]", series="split(datum.key, '|')[1]").encode(
        x=alt.X("month:T", title=None, axis=_MONTHS),
        y=alt.Y("bn:Q", title="$ billions a month"),
        color=alt.Color("series:N", title=None, legend=alt.Legend(orient="top"), scale=alt.Scale(
            domain=["cap", "simulated", "actual"], range=["#000000", PALETTE[1], PALETTE[0]])),
        strokeDash=alt.StrokeDash("series:N", title=None, scale=alt.Scale(
            # the same legend as colour, so the two merge into one (a hidden one conflicts with it)
            domain=["cap", "simulated", "actual"], range=[[4, 3], [1, 0], [1, 0]]), legend=alt.Legend(orient="top")),
        tooltip=[alt.Tooltip("month:T", format="%b %Y"), "series:N", alt.Tooltip("bn:Q", format=".1f")],
    )
    name = " and ".join(programs)
    chart = (base.mark_line(interpolate="step-after", strokeWidth=2)
             .properties(width=300, height=150)
             .facet(column=alt.Column("asset:N", title=None, sort=["Treasuries", "MBS"]),
                    row=alt.Row("program:N", title=None, sort=programs))
             .resolve_scale(x="independent", y="independent")
             .properties(title=alt.TitleParams(
                 f"{name}: Treasuries ran off near the cap, MBS often below it",
                 subtitle=["Monthly runoff: cap (dashed), simulation with the chosen assumptions, and the actual",
                           "fall in holdings (noisy month to month: MBS trades settle weeks later)"])))
    return with_source(chart)


def paydown_explorer_chart(grid: pd.DataFrame, start_rate: float = 10.0) -> alt.LayerChart:
    """QT2 MBS holdings: actual vs simulated for a paydown rate picked with a slider (works without a kernel)."""
    if not isinstance(grid, pd.DataFrame) or "actual" not in grid.columns or grid.shape[1] < 2:
        raise TypeError("grid must be a paydown_grid(...) DataFrame")
    rate_cols = [c for c in grid.columns if c != "actual"]
    values = [float(c) for c in rate_cols]
    if not min(values) <= start_rate <= max(values):
        raise ValueError(f"start_rate={start_rate!r} must be between {min(values):g} and {max(values):g}")
    rate = alt.param(name="paydown", value=float(start_rate),
                     bind=alt.binding_range(min=min(values), max=max(values), step=1, name="MBS paydown, % a year "))
    df = grid.round(4).reset_index()
    actual = alt.Chart(df).mark_line(color=PALETTE[0], strokeWidth=3).encode(
        x=alt.X("month:T", title=None, axis=_MONTHS), y=alt.Y("actual:Q", title="MBS held ($ trillions)",
                                                scale=alt.Scale(zero=False)),
        tooltip=[alt.Tooltip("month:T", format="%b %Y"), alt.Tooltip("actual:Q", format=".3f")])
    sim = alt.Chart(df).transform_fold(rate_cols, as_=["rate", "simulated"]).transform_filter(
        "toNumber(datum.rate) == paydown").mark_line(color=PALETTE[1], strokeDash=[6, 3]).encode(
        x="month:T", y="simulated:Q",
        tooltip=[alt.Tooltip("month:T", format="%b %Y"), alt.Tooltip("simulated:Q", format=".3f"),
                 alt.Tooltip("rate:N", title="% a year")])
    chart = alt.layer(actual, sim).add_params(rate).properties(
        width=640, height=260,
        title=alt.TitleParams("QT2: MBS ran off far below the $35B cap — find the paydown rate that fits",
                              subtitle=["Solid: MBS held (first Wednesday of the month). Dashed: simulated, "
                                        "runoff = min(cap, paydown rate/12 × holdings)"]))
    return with_source(chart)


def liabilities_chart(fb: pd.DataFrame, start="2021-01-01") -> alt.LayerChart:
    """Monthly total assets, reserves, ON RRP and TGA ($ trillions) with the QT2 window shaded."""
    _check_bs(fb, ["total_assets", "reserves", "tga", "on_rrp"])
    names = {"total_assets": "Total assets", "reserves": "Reserves", "on_rrp": "ON RRP", "tga": "TGA"}
    lv = monthly_levels(fb).loc[start:, list(names)].rename(columns=names) / 1000
    df = lv.round(3).rename_axis("date").reset_index()
    pick = alt.selection_point(fields=["item"], bind="legend")
    lines = alt.Chart(df).transform_fold(list(names.values()), as_=["item", "tn"]).mark_line().encode(
        x=alt.X("date:T", title=None, axis=_YEARS), y=alt.Y("tn:Q", title="$ trillions"),
        color=alt.Color("item:N", title="Item (click to highlight)",
                        scale=alt.Scale(domain=list(names.values()),
                                        range=["#000000", PALETTE[0], PALETTE[3], PALETTE[4]])),
        opacity=alt.condition(pick, alt.value(1.0), alt.value(0.15)),
        tooltip=[alt.Tooltip("date:T", format="%b %Y"), "item:N", alt.Tooltip("tn:Q", format=".2f")],
    ).add_params(pick)
    chart = alt.layer(phase_layer(_phases_from(fb, start)), lines).resolve_scale(color="independent").properties(
        width=640, height=260,
        title=alt.TitleParams("During QT2 the ON RRP emptied while reserves fell far less than total assets",
                              subtitle=["First Wednesday of each month. Total assets and ON RRP are Wednesday "
                                        "levels; reserves and TGA are week averages"]))
    return with_source(chart)


def decomposition_chart(decomp: pd.DataFrame) -> alt.Chart:
    """Bars: the change in total assets and where it landed ($ billions)."""
    if not isinstance(decomp, pd.DataFrame) or "change" not in decomp.columns:
        raise TypeError("decomp must be a drain_decomposition(...) DataFrame")
    df = decomp["change"].round(1).rename("bn").reset_index()
    df.columns = ["item", "bn"]
    df["sign"] = np.where(df["bn"] < 0, "fell", "rose")
    chart = alt.Chart(df).mark_bar().encode(
        y=alt.Y("item:N", sort=list(df["item"]), title=None, axis=alt.Axis(labelLimit=320)),
        x=alt.X("bn:Q", title="Change over QT2 ($ billions)"),
        color=alt.Color("sign:N", title=None, scale=alt.Scale(domain=["fell", "rose"],
                                                              range=[PALETTE[3], PALETTE[0]])),
        tooltip=["item:N", alt.Tooltip("bn:Q", format=",.0f", title="$ billions")],
    ).properties(width=560, height=150, title=alt.TitleParams(
        "Most of QT2's fall in assets was matched by the ON RRP draining, not by reserves",
        subtitle=[f"Change from {decomp.columns[0]} to {decomp.columns[1]}; the last bar is the "
                  "residual (currency is not in the data)"]))
    return with_source(chart)


def rmp_chart(fb: pd.DataFrame, start="2025-12-01", events: pd.DataFrame | None = None) -> alt.LayerChart:
    """Change since the end of QT2 in total assets, Treasuries, MBS and reserves (weekly, $ billions)."""
    names = {"total_assets": "Total assets", "treasuries": "Treasuries", "mbs": "MBS", "reserves": "Reserves"}
    ch = change_since(fb, start, list(names)).rename(columns=names).round(1)
    df = ch.rename_axis("date").reset_index()
    lines = alt.Chart(df).transform_fold(list(names.values()), as_=["item", "bn"]).mark_line().encode(
        x=alt.X("date:T", title=None), y=alt.Y("bn:Q", title=f"Change since {ch.index[0]:%d %b %Y} ($ billions)"),
        color=alt.Color("item:N", title=None, scale=alt.Scale(
            domain=list(names.values()), range=["#000000", PALETTE[0], PALETTE[3], PALETTE[2]])),
        tooltip=[alt.Tooltip("date:T", format="%Y-%m-%d"), "item:N", alt.Tooltip("bn:Q", format=",.1f")])
    ev = _events(events)
    marks = ev.loc[ev.index >= ch.index[0]]
    marks = marks[marks["kind"] == "rmp"].reset_index()[["date"]]
    marks["label"] = "bill purchases announced " + marks["date"].dt.strftime("%d %b %Y")
    rules = alt.Chart(marks).mark_rule(strokeDash=[4, 3], color="#555").encode(x="date:T", tooltip=["label:N"])
    text = alt.Chart(marks).mark_text(align="left", dx=4, y=8, color="#555").encode(x="date:T", text="label:N")
    zero = alt.Chart(pd.DataFrame({"y": [0]})).mark_rule(color="#999").encode(y="y:Q")
    chart = alt.layer(zero, rules, text, lines).properties(
        width=640, height=260,
        title=alt.TitleParams("Since December 2025 the Fed's Treasury holdings grow again while MBS keep shrinking",
                              subtitle=["Weekly, Wednesday levels (reserves: week average)"]))
    return with_source(chart)


# ---------------------------------------------------------------------------
# Widget callbacks, timed by tools/bench.py
# ---------------------------------------------------------------------------
BENCH = {
    "lesson01 t-account explorer": (explore_html, {"operation": "qt_runoff_tga", "amount": 100.0,
                                                   "then": "tga_rebuild_nonbank"}),
    "lesson01 runoff panel": (runoff_panel, {"program": "QT2", "maturing_treasuries": 60.0,
                                             "mbs_paydown_rate": 8.0}),
}
