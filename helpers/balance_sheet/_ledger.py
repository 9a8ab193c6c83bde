"""T-accounts: an immutable ledger of four sectors and the operations that move it (no data, no Altair).

:class:`Ledger` holds a balance for every account in :data:`ACCOUNTS`; :func:`apply` books one
:class:`Operation` of :data:`OPERATIONS` and returns a new ledger in which every sector still
balances (assets = liabilities + equity). Stylised round numbers, **$ billions**; not data.
"""
from __future__ import annotations

import math
from dataclasses import dataclass
from numbers import Real
from typing import Any, Iterable, Mapping

import numpy as np
import pandas as pd

from helpers.i18n import N_
from helpers.validate import check_choice, check_number, shown

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
MAX_STEPS = 100        # operations in one apply_sequence (the lesson applies two)


@dataclass(frozen=True)
class Operation:
    """One balance-sheet operation: the postings it makes per $1 of ``amount``.

    ``label`` and ``story`` are English, marked for the catalog; the explorer shows them in the
    current language (:func:`helpers.i18n.text`).

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
    _op("qe_bank", N_("QE purchase from a bank"),
        N_("The Fed buys Treasury notes and bonds from a bank and pays by crediting the bank's reserve account."),
        [("Fed", "Treasury notes & bonds", +1), ("Fed", "Reserves", +1),
         ("Banks", "Treasury notes & bonds", -1), ("Banks", "Reserves", +1)], +1),
    _op("qe_nonbank", N_("QE purchase from a non-bank"),
        N_("The Fed buys notes and bonds from a non-bank (a pension fund, say). The seller's bank gets new "
           "reserves and credits the seller's deposit: reserves and deposits both rise."),
        [("Fed", "Treasury notes & bonds", +1), ("Fed", "Reserves", +1),
         ("Banks", "Reserves", +1), ("Banks", "Deposits", +1),
         ("Non-banks", "Deposits", +1), ("Non-banks", "Treasury notes & bonds", -1)], +1),
    _op("qt_runoff_tga", N_("QT runoff, paid from the TGA"),
        N_("A note held by the Fed matures and is not replaced. The Treasury repays the Fed out of its "
           "account at the Fed (TGA). Both the Fed's assets and its TGA liability shrink; reserves do not "
           "move yet."),
        [("Fed", "Treasury notes & bonds", -1), ("Fed", "TGA", -1),
         ("Treasury", "TGA", -1), ("Treasury", "Notes & bonds outstanding", -1)], 0),
    _op("tga_rebuild_nonbank", N_("TGA rebuild: Treasury sells bills to non-banks"),
        N_("The Treasury refills its account by selling bills to non-banks, who pay from bank deposits. "
           "Banks lose deposits and reserves; the TGA at the Fed grows. This is the step that drains reserves."),
        [("Non-banks", "Deposits", -1), ("Non-banks", "Treasury bills", +1),
         ("Banks", "Deposits", -1), ("Banks", "Reserves", -1),
         ("Fed", "Reserves", -1), ("Fed", "TGA", +1),
         ("Treasury", "TGA", +1), ("Treasury", "Bills outstanding", +1)], -1),
    _op("tga_rebuild_onrrp", N_("TGA rebuild: money funds buy bills with ON RRP cash"),
        N_("Money-market funds take cash out of the Fed's overnight reverse repo facility (ON RRP) to buy "
           "the new bills. One Fed liability (ON RRP) turns into another (TGA): reserves do not move."),
        [("Non-banks", "ON RRP", -1), ("Non-banks", "Treasury bills", +1),
         ("Fed", "ON RRP", -1), ("Fed", "TGA", +1),
         ("Treasury", "TGA", +1), ("Treasury", "Bills outstanding", +1)], 0),
    _op("mmf_to_onrrp", N_("Money-fund cash moves into ON RRP"),
        N_("A money-market fund moves cash from its bank deposit into the Fed's ON RRP. The bank loses "
           "the deposit and the same amount of reserves."),
        [("Non-banks", "Deposits", -1), ("Non-banks", "ON RRP", +1),
         ("Banks", "Deposits", -1), ("Banks", "Reserves", -1),
         ("Fed", "Reserves", -1), ("Fed", "ON RRP", +1)], -1),
    _op("rmp_bills", N_("Reserve-management purchase of bills"),
        N_("The Fed buys Treasury bills from a dealer (a non-bank here). Mechanically like QE — reserves "
           "and deposits rise — but the Fed buys short bills, to keep reserves ample, not long bonds."),
        [("Fed", "Treasury bills", +1), ("Fed", "Reserves", +1),
         ("Banks", "Reserves", +1), ("Banks", "Deposits", +1),
         ("Non-banks", "Deposits", +1), ("Non-banks", "Treasury bills", -1)], +1),
    _op("tga_spend", N_("Treasury spends from the TGA"),
        N_("The Treasury pays households and firms out of the TGA: their deposits rise, and their banks "
           "receive reserves. A falling TGA adds reserves."),
        [("Treasury", "TGA", -1), ("Treasury", "Net position", -1),
         ("Fed", "TGA", -1), ("Fed", "Reserves", +1),
         ("Banks", "Reserves", +1), ("Banks", "Deposits", +1),
         ("Non-banks", "Deposits", +1), ("Non-banks", "Net worth", +1)], +1),
]}


#: The overdraft message (English in the exception; the explorer's panel shows it translated).
OVERDRAWN = N_("{operation} of {amount:,.1f} needs {sector} {item} of at least {amount:,.1f}, "
               "but it is {balance:,.1f} ($ billions): use a smaller amount")


class Overdrawn(ValueError):
    """An operation would take more out of an account than it holds (a ValueError: the amount is too big).

    ``details`` holds the values of :data:`OVERDRAWN` (operation label, amount, sector, item,
    balance) when the error comes straight from booking an operation, so a panel can show it in the
    reader's language; it is empty once the message has been extended.
    """

    details: dict = {}


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
        if not isinstance(key, tuple) or len(key) != 2:
            raise TypeError(f"key must be a (sector, item) tuple, got {shown(key)}")
        _check_account("key", *key)
        return float(self.values[_INDEX[key]])

    def as_series(self) -> pd.Series:
        """All balances as a Series indexed by (sector, side, item)."""
        idx = pd.MultiIndex.from_tuples(ACCOUNTS, names=["sector", "side", "item"])
        return pd.Series(self.values, index=idx, name="balance_bn", dtype="float64")


# ---------------------------------------------------------------------------
# Checks of this room (messages name the caller's parameter)
# ---------------------------------------------------------------------------
def _check_account(name: str, sector: Any, item: Any) -> None:
    if not isinstance(sector, str) or sector not in SECTORS:
        raise ValueError(f"{name}=({shown(sector)}, {shown(item)}): {shown(sector)} is not a sector; "
                         f"allowed: {', '.join(SECTORS)}")
    if (sector, item) not in _INDEX:
        allowed = [i for s, _side, i in ACCOUNTS if s == sector]
        raise ValueError(f"{name}=({shown(sector)}, {shown(item)}): {shown(item)} is not an account of "
                         f"{sector}; allowed: {', '.join(allowed)}")


def check_ledger(name: str, value: Any) -> Ledger:
    """``value`` if it is a :class:`Ledger` (e.g. ``starting_ledger()``); a TypeError naming ``name`` otherwise."""
    if not isinstance(value, Ledger):
        raise TypeError(f"{name} must be a Ledger (e.g. starting_ledger()), got {type(value).__name__} "
                        f"({shown(value)})")
    return value


def check_amount(name: str, amount: Any) -> float:
    """An operation's size: $ billions, above 0 and at most :data:`MAX_AMOUNT`."""
    return check_number(name, amount, 0, MAX_AMOUNT, open_lo=True,
                        allowed=f"$ billions, above 0 and at most {MAX_AMOUNT:,.0f}")


def check_operation(name: str, operation: Any) -> Operation:
    """One of the keys of :data:`OPERATIONS`."""
    return OPERATIONS[check_choice(name, operation, OPERATIONS)]


def check_steps(name: str, steps: Any) -> tuple[tuple[str, float], ...]:
    """``[(operation, amount), ...]`` as a tuple of checked pairs; messages name ``name[i]``."""
    if isinstance(steps, (str, bytes, Mapping)) or not isinstance(steps, Iterable):
        raise TypeError(f"{name} must be a list of (operation, amount) pairs, got {type(steps).__name__} "
                        f"({shown(steps)}); allowed: e.g. [('qe_bank', 100)]")
    out = []
    for i, step in enumerate(steps):
        if i >= MAX_STEPS:
            raise ValueError(f"{name} has more than {MAX_STEPS} steps; allowed: at most {MAX_STEPS} (operation, "
                             "amount) pairs")
        if not isinstance(step, (tuple, list)) or len(step) != 2:
            raise TypeError(f"{name}[{i}] must be an (operation, amount) pair, got {shown(step)}")
        out.append((check_operation(f"{name}[{i}] operation", step[0]).key,
                    check_amount(f"{name}[{i}] amount", step[1])))
    return tuple(out)


# ---------------------------------------------------------------------------
# Building and changing ledgers
# ---------------------------------------------------------------------------
def _totals(values: tuple[float, ...]) -> pd.DataFrame:
    rows = {}
    for sector in SECTORS:
        sums = {side: 0.0 for side in SIDES}
        for (s, side, _item), v in zip(ACCOUNTS, values):
            if s == sector:
                sums[side] += v
        sums["difference"] = sums["assets"] - sums["liabilities"] - sums["equity"]
        rows[sector] = sums
    return pd.DataFrame.from_dict(rows, orient="index")


def make_ledger(balances: Mapping[tuple[str, str], float]) -> Ledger:
    """A ledger from ``{(sector, item): $ billions}``; accounts not given are 0.

    Raises ValueError if a sector does not balance or an asset/liability is negative.
    """
    if not isinstance(balances, Mapping):
        raise TypeError(f"balances must be a mapping {{(sector, item): amount}}, got {type(balances).__name__} "
                        f"({shown(balances)})")
    values = [0.0] * len(ACCOUNTS)
    for key, amount in balances.items():
        if not isinstance(key, tuple) or len(key) != 2:
            raise TypeError(f"each key of balances must be a (sector, item) tuple, got {shown(key)}")
        _check_account("balances key", *key)
        values[_INDEX[key]] = check_number(f"balances[{key!r}]", amount, -1e6, 1e6)
    for (sector, side, item), v in zip(ACCOUNTS, values):
        if side != "equity" and v < 0:
            raise ValueError(f"balances[{(sector, item)!r}] is {v:g}: assets and liabilities cannot be negative")
    totals = _totals(tuple(values))
    bad = totals.index[totals["difference"].abs() > 1e-6].tolist()
    if bad:
        raise ValueError(f"balances: these sectors do not balance (assets != liabilities + equity): {', '.join(bad)}")
    return Ledger(tuple(values))


def starting_ledger() -> Ledger:
    """The stylised starting point of the T-account explorer (round numbers, $ billions; not data)."""
    return make_ledger(_START)


def _book(ledger: Ledger, op: Operation, amount: float) -> Ledger:
    """``ledger`` after ``op`` of ``amount`` (both checked); :class:`Overdrawn` if an account cannot cover it."""
    values = list(ledger.values)
    for sector, item, sign in op.postings:
        i = _INDEX[(sector, item)]
        new = values[i] + sign * amount
        if _SIDE[(sector, item)] != "equity" and new < -1e-9:
            details = {"operation": op.label, "amount": amount, "sector": sector, "item": item,
                       "balance": values[i]}
            problem = Overdrawn(OVERDRAWN.format(**details))
            problem.details = details
            raise problem
        values[i] = max(new, 0.0) if _SIDE[(sector, item)] != "equity" else new
    return Ledger(tuple(values))


def apply(ledger: Ledger, operation: str, amount: float) -> Ledger:
    """Apply one operation of ``amount`` ($ billions, > 0) and return the new ledger.

    Raises ValueError if the operation would need more than an account holds (the Fed cannot run
    off bills it does not own; money funds cannot move more cash out of ON RRP than they have).
    """
    check_ledger("ledger", ledger)
    op = check_operation("operation", operation)
    return _book(ledger, op, check_amount("amount", amount))


def book_steps(ledger: Ledger, steps: tuple[tuple[str, float], ...], name: str | None = "steps") -> Ledger:
    """Book checked ``steps`` in order; an overdraft names the step (``name[i]``) that asked too much, if ``name``."""
    for i, (key, amount) in enumerate(steps):
        try:
            ledger = _book(ledger, OPERATIONS[key], amount)
        except Overdrawn as problem:
            if name is None:
                raise
            raise Overdrawn(f"{name}[{i}]: {problem}") from None
    return ledger


def apply_sequence(ledger: Ledger, steps: Iterable[tuple[str, float]]) -> Ledger:
    """Apply ``[(operation, amount), ...]`` in order."""
    check_ledger("ledger", ledger)
    return book_steps(ledger, check_steps("steps", steps))


def reserves(ledger: Ledger) -> float:
    """Bank reserves ($ billions): the Fed's liability to banks."""
    return check_ledger("ledger", ledger)["Fed", "Reserves"]


def sector_totals(ledger: Ledger) -> pd.DataFrame:
    """Per sector: total assets, liabilities, equity and assets - (liabilities + equity) ($ billions)."""
    return _totals(check_ledger("ledger", ledger).values)


def is_balanced(ledger: Ledger, tol: float = 1e-6) -> bool:
    """True if every sector's assets equal its liabilities plus equity (within ``tol`` $ billions)."""
    check_ledger("ledger", ledger)
    tol = check_number("tol", tol, 0, MAX_AMOUNT, allowed=f"$ billions from 0 to {MAX_AMOUNT:,.0f}")
    return bool((_totals(ledger.values)["difference"].abs() <= tol).all())


def cross_checks(ledger: Ledger) -> pd.DataFrame:
    """Claims seen from both sides (e.g. reserves the Fed owes = reserves banks hold): both totals and the gap."""
    check_ledger("ledger", ledger)
    rows = []
    for name, left, right in _CROSS:
        a = sum(ledger[k] for k in left)
        b = sum(ledger[k] for k in right)
        rows.append({"claim": name, "one side": a, "other side": b, "gap": a - b})
    return pd.DataFrame(rows).set_index("claim")


def changes(before: Ledger, after: Ledger) -> pd.Series:
    """Accounts that changed from ``before`` to ``after`` ($ billions), indexed by (sector, side, item)."""
    check_ledger("before", before)
    check_ledger("after", after)
    diff = after.as_series() - before.as_series()
    return diff[diff.abs() > 1e-9]


def t_account_frame(ledger: Ledger, sector: str, before: Ledger | None = None) -> pd.DataFrame:
    """One sector's T-account as a table: assets on the left, liabilities and equity on the right."""
    check_ledger("ledger", ledger)
    check_choice("sector", sector, SECTORS)
    if before is not None:
        check_ledger("before", before)
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


def operation_effects(amount: float = 100.0) -> pd.DataFrame:
    """What each operation of ``amount`` ($ billions) does to a few key accounts, from the starting ledger.

    Columns: Fed total assets, bank reserves, TGA, ON RRP, bank deposits (changes, $ billions),
    and whether every sector still balances.
    """
    amount = check_amount("amount", amount)
    start = starting_ledger()
    rows = []
    for key, op in OPERATIONS.items():
        try:
            after = _book(start, op, amount)
        except Overdrawn as problem:
            raise Overdrawn(f"amount={amount:g} is too large for the starting ledger: {problem}") from None

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
