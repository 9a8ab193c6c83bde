"""Lesson 01's widget panels: the T-account explorer and the runoff table, as HTML (Jupyter) or text.

The lesson wires these into ``ipywidgets`` (an ``HTML`` widget whose value a callback sets); here
they are plain functions, so they run and are tested without a kernel. Only :func:`runoff_panel`
reads the snapshot, through :func:`inputs`, when it is not given the frames.
"""
from __future__ import annotations

import html
from dataclasses import dataclass

import pandas as pd

from helpers.balance_sheet._compute import (DEFAULT_MATURING, DEFAULT_PAYDOWN, runoff_by_year, runoff_comparison,
                                            runoff_totals)
from helpers.balance_sheet._inputs import inputs
from helpers.balance_sheet._ledger import (OPERATIONS, SECTORS, Ledger, Overdrawn, book_steps, changes, check_amount,
                                           check_ledger, check_operation, cross_checks, is_balanced, reserves,
                                           sector_totals, starting_ledger)
from helpers.charts import NO_MATHS
from helpers.validate import check_choice


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


def explore(operation: str, amount: float = 100.0, then: str | None = None,
            start: Ledger | None = None) -> TAccountView:
    """The T-account explorer: apply ``operation`` (then optionally ``then``) of ``amount`` ($ billions).

    Returns a view with the four T-accounts before/after (HTML in Jupyter, text elsewhere).
    ``then`` may be None or "none" for a single operation; ``start`` is the ledger to start from
    (default :func:`starting_ledger`). An amount the accounts cannot cover raises ValueError.
    """
    op = check_operation("operation", operation)
    amount = check_amount("amount", amount)
    steps = [(op.key, amount)]
    if then is not None and check_choice("then", then, (*OPERATIONS, "none")) != "none":
        steps.append((then, amount))
    before = starting_ledger() if start is None else check_ledger("start", start)
    after = book_steps(before, tuple(steps), name=None)
    return _view(before, after, tuple(steps))


def explore_html(operation: str, amount: float = 100.0, then: str | None = None) -> str:
    """The explorer's panel as an HTML string; an amount the accounts cannot cover gives a message instead.

    This is what the lesson's widget shows (in an ``ipywidgets.HTML``), so it never raises for
    amounts a slider can produce; arguments of the wrong kind still raise TypeError/ValueError.
    """
    try:
        return explore(operation, amount, then=then).html
    except Overdrawn as problem:
        return (f"<p class='{NO_MATHS}' style='color:#D55E00'><b>Not possible:</b> "
                f"{html.escape(str(problem))}</p>")


def runoff_panel(program: str = "QT2", maturing_treasuries: float = DEFAULT_MATURING,
                 mbs_paydown_rate: float = DEFAULT_PAYDOWN, levels: pd.DataFrame | None = None,
                 events: pd.DataFrame | None = None) -> str:
    """What the runoff widget shows, as HTML: the totals and the runoff per year ($ billions).

    ``levels`` and ``events`` default to the snapshot's (:func:`inputs`).
    """
    if levels is None or events is None:
        data = inputs()
        levels = data.levels if levels is None else levels
        events = data.events if events is None else events
    comp = runoff_comparison(program, maturing_treasuries, mbs_paydown_rate, levels=levels, events=events)
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
