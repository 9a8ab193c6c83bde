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
from helpers.balance_sheet._ledger import (OPERATIONS, OVERDRAWN, SECTORS, Ledger, Overdrawn, book_steps, changes,
                                           check_amount, check_ledger, check_operation, cross_checks, is_balanced,
                                           reserves, sector_totals, starting_ledger)
from helpers.charts import NO_MATHS
from helpers.i18n import N_
from helpers.i18n import gettext as _
from helpers.i18n import text as shown_text
from helpers.validate import check_choice

#: The sector and account names the explorer shows (keys of :data:`SECTORS`, English), marked for the
#: catalog: the panels show them in the current language.
SHOWN_NAMES = (
    N_("Fed"), N_("Banks"), N_("Treasury"), N_("Non-banks"),
    N_("Treasury bills"), N_("Treasury notes & bonds"), N_("MBS"), N_("Other assets"), N_("Reserves"), N_("TGA"),
    N_("ON RRP"), N_("Currency"), N_("Other liabilities"), N_("Capital"), N_("Loans"), N_("Deposits"),
    N_("Bills outstanding"), N_("Notes & bonds outstanding"), N_("Net position"), N_("Bank loans"), N_("Net worth"),
)
#: Month names for the runoff panel (English as strftime's %B gives them in the C locale).
_MONTH_NAMES = (N_("January"), N_("February"), N_("March"), N_("April"), N_("May"), N_("June"), N_("July"),
                N_("August"), N_("September"), N_("October"), N_("November"), N_("December"))


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
        return (f"<td style='{divider}{style}padding:1px 6px'>{html.escape(shown_text(item))}</td>"
                f"<td style='{style}text-align:right;padding:1px 6px'>{_fmt(v)}</td>"
                f"<td style='text-align:right;padding:1px 6px'>{dtxt}</td>")

    body = "".join(
        f"<tr>{cells(assets[i] if i < len(assets) else '')}"
        f"{cells(right[i] if i < len(right) else '', 'border-left:2px solid #333;')}</tr>" for i in range(n))
    tot = sector_totals(after).loc[sector]
    ok = abs(tot["difference"]) <= 1e-6
    word = html.escape(_("balances") if ok else _("does not balance"))
    check = (f"<span style='color:#009E73'>&#10003; {word}</span>" if ok
             else f"<span style='color:#D55E00'>&#10007; {word}</span>")
    bn, change, total = html.escape(_("$bn")), html.escape(_("change")), html.escape(_("Total"))
    left_head, right_head = html.escape(_("Assets")), html.escape(_("Liabilities & equity"))
    return (
        "<div style='margin:4px 8px 8px 0;min-width:330px;flex:0 1 480px'>"
        f"<div style='font-weight:bold;border-bottom:2px solid #333'>{html.escape(shown_text(sector))} — {check}</div>"
        "<table style='border-collapse:collapse;font-size:12px;width:100%'>"
        f"<tr style='border-bottom:1px solid #999'><th style='text-align:left'>{left_head}</th>"
        f"<th>{bn}</th><th>{change}</th>"
        "<th style='text-align:left;border-left:2px solid #333;padding-left:6px'>"
        f"{right_head}</th><th>{bn}</th><th>{change}</th></tr>"
        f"{body}"
        f"<tr style='border-top:1px solid #999'><td><i>{total}</i></td><td style='text-align:right'>"
        f"<i>{_fmt(tot['assets'])}</i></td><td></td><td style='border-left:2px solid #333;padding-left:6px'>"
        f"<i>{total}</i></td><td style='text-align:right'>"
        f"<i>{_fmt(tot['liabilities'] + tot['equity'])}</i></td><td></td></tr>"
        "</table></div>"
    )


def _view(before: Ledger, after: Ledger, steps: tuple[tuple[str, float], ...]) -> TAccountView:
    r0, r1 = reserves(before), reserves(after)
    stories = [shown_text(OPERATIONS[k].story) for k, _a in steps]
    story = stories[0]
    for then in stories[1:]:
        story = _("{first} Then: {second}").format(first=story, second=then)
    step = _("{label} ({amount})")
    labels = " → ".join(step.format(label=shown_text(OPERATIONS[k].label), amount=_fmt(a)) for k, a in steps)
    balanced = is_balanced(after)
    gaps = cross_checks(after)["gap"].abs().max()
    yes, no = _("yes"), _("NO")
    summary = _("Bank reserves: {before} → {after} ({change}) $ billions. Every sector balances: {balanced}; "
                "both sides of every claim agree: {agree}.").format(
        before=_fmt(r0), after=_fmt(r1), change=_fmt(r1 - r0, True), balanced=yes if balanced else no,
        agree=yes if gaps <= 1e-6 else no)
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
    unchanged, line = _("no change"), _("{sector}: {items}")
    for sector in SECTORS:
        items = ", ".join(f"{shown_text(item)} {_fmt(v, True)}" for (s, _side, item), v in moved.items()
                          if s == sector)
        lines.append("  " + line.format(sector=shown_text(sector), items=items or unchanged))
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
        d = problem.details
        message = (shown_text(OVERDRAWN).format(
            operation=shown_text(d["operation"]), amount=d["amount"], sector=shown_text(d["sector"]),
            item=shown_text(d["item"]), balance=d["balance"]) if d else str(problem))
        lead = html.escape(_("Not possible:"))
        return (f"<p class='{NO_MATHS}' style='color:#D55E00'><b>{lead}</b> "
                f"{html.escape(message)}</p>")


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
    # the tables' labels as the reader sees them (the functions' own frames keep their English names)
    words = {"Treasuries": _("Treasuries"), "MBS": _("MBS"), "Total": _("Total"), "sum of caps": _("sum of caps"),
             "simulated runoff": _("simulated runoff"), "actual decline": _("actual decline"),
             "actual / caps": _("actual / caps"), "actual - simulated": _("actual - simulated"),
             "months": _("months"), "cap": _("cap"), "simulated": _("simulated"), "actual": _("actual")}
    totals = totals.rename(index=words, columns=words)
    totals.index.name = _("{program} ({months} months)").format(program=comp.attrs.get("program", ""),
                                                                 months=len(comp))
    years.columns = [_("{asset} {series}").format(asset=words[c.split(" ")[0]], series=words[c.split(" ")[1]])
                     if " " in c else words.get(c, c) for c in years.columns]
    years.index.name = _("year")
    start = _("{month} {year}").format(month=shown_text(_MONTH_NAMES[comp.index[0].month - 1]),
                                        year=comp.index[0].year)
    head = "<p>" + _("<b>{program}</b>, {months} months of runoff from {start}; assumptions: {maturing:g} $bn of "
                     "Treasuries due a month, MBS paydown {paydown:g} % a year.").format(
        program=html.escape(program), months=len(comp), start=start, maturing=maturing_treasuries,
        paydown=mbs_paydown_rate) + "</p>"
    tables = (totals.to_html(float_format="{:,.1f}".format, classes=NO_MATHS)
              + "<p>" + _("<b>Runoff per year</b> ($ billions)") + "</p>"
              + years.to_html(float_format="{:,.1f}".format, classes=NO_MATHS))
    return f"<div class='{NO_MATHS}'>{head}{tables}</div>"
