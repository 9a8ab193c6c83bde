"""The verdict scale, the evidence objects and record-then-reveal (no data, no charts).

The five verdicts and what a learner may type for each; the shared rules (:func:`matches`,
:func:`reaches`, :func:`most_favourable`, :func:`overall_verdict`); :class:`Part` and
:class:`Evidence`; and the learner's side: :func:`record`, :func:`recorded`, the reveal, and the
feedback they show (:class:`Note`, the claims lab's own feedback box, so this topic does not depend
on the exercise framework).
"""
from __future__ import annotations

import copy
import html
import re
from dataclasses import dataclass, field, replace
from typing import Any, Iterable, Mapping

import pandas as pd

from helpers.charts import NO_MATHS
from helpers.i18n import N_, text
from helpers.i18n import gettext as _
from helpers.validate import check_choices, check_int, check_number, shown

# The verdict values stay English (the learner types them back); N_ marks them for their shown words.
SUPPORTED, MISLEADING, FALSE = N_("supported"), N_("misleading"), N_("false")
CANNOT = N_("cannot be checked with this data")
NOT_SUPPORTED = N_("not supported by this data")
VERDICTS: tuple[str, ...] = (SUPPORTED, MISLEADING, NOT_SUPPORTED, FALSE, CANNOT)
# Okabe-Ito colours (helpers.charts.PALETTE), readable with the common colour-vision deficiencies.
VERDICT_COLORS = {SUPPORTED: "#009E73", MISLEADING: "#E69F00", NOT_SUPPORTED: "#CC79A7", FALSE: "#D55E00",
                  CANNOT: "#999999"}
_FAVOUR = {SUPPORTED: 0, MISLEADING: 1, NOT_SUPPORTED: 2, FALSE: 3}

# What a learner may type for each verdict (case, spaces and punctuation are ignored).
VERDICT_WORDS: dict[str, tuple[str, ...]] = {
    SUPPORTED: ("supported", "support", "true", "correct"),
    MISLEADING: ("misleading", "mislead", "partly true", "partly"),
    NOT_SUPPORTED: ("not supported by this data", "not supported", "unsupported", "not supported by the data",
                    "not backed", "not backed by the data"),
    FALSE: ("false", "wrong", "incorrect"),
    CANNOT: ("cannot be checked with this data", "cannot be checked", "can't be checked", "cannot check",
             "can't check", "uncheckable", "not checkable", "cannot be checked with the data"),
}
_ALLOWED = N_("'supported', 'misleading', 'not supported', 'false' or 'cannot be checked'")
_LOOKUP = {re.sub(r"[^a-z ]", "", w.replace("'", "")): v for v, words in VERDICT_WORDS.items() for w in words}


def normalise_verdict(text: Any) -> str | None:
    """The verdict in :data:`VERDICTS` that ``text`` names (see :data:`VERDICT_WORDS`), or None."""
    if not isinstance(text, str):
        return None
    key = re.sub(r"\s+", " ", re.sub(r"[^a-z ]", "", text.lower().replace("'", ""))).strip()
    return _LOOKUP.get(key)


def shown_verdict(verdict: str) -> str:
    """How ``verdict`` (one of :data:`VERDICTS`) is shown in the current language; other text as it is.

    The word alone: where the catalog's entry also gives the English value in brackets (as the lesson's
    quiz options do, "得到支持（supported）"), the bracket is left out here, since the reports and charts show
    the verdict as a word of the sentence.
    """
    if verdict not in VERDICTS:
        return verdict
    word = text(verdict)
    return re.sub(r"\s*[（(]\s*" + re.escape(verdict) + r"\s*[）)]\s*$", "", word) or word


# ---------------------------------------------------------------------------
# Rules shared by several claims
# ---------------------------------------------------------------------------
def _precision(value: float, claimed: float, step: float, example: str) -> tuple[float, float, float]:
    value = check_number("value", value)
    claimed = check_number("claimed", claimed)
    step = check_number("step", step, lo=0.0, open_lo=True, allowed=f"a positive precision such as {example}")
    return value, claimed, step


def matches(value: float, claimed: float, step: float) -> bool:
    """True if ``value`` rounds to ``claimed`` at the precision ``step`` the claim uses.

    "About $2 trillion" has precision 1 (trillion): values from 1.5 up to 2.5 match.
    "About $8.7 trillion" has precision 0.1: values from 8.65 up to 8.75 match. The half-step
    edges count as matching (rounding half either way is fine for a claim of "about").
    """
    value, claimed, step = _precision(value, claimed, step, "0.1")
    return abs(value - claimed) <= step / 2 + 1e-9 * max(1.0, abs(claimed))


def reaches(value: float, claimed: float, step: float) -> bool:
    """True if ``value`` reached ``claimed``: at least ``claimed - step / 2`` (so it rounds up to it or more)."""
    value, claimed, step = _precision(value, claimed, step, "0.01")
    return value >= claimed - step / 2 - 1e-9 * max(1.0, abs(claimed))


def _graded(verdicts: Any) -> list[str] | None:
    """The verdicts that can be checked (None if none can); ``verdicts`` checked once, here."""
    vs = check_choices("verdicts", verdicts, VERDICTS, lo=0, unique=False)
    if not vs:
        raise ValueError("verdicts is empty; give at least one verdict, e.g. ['supported', 'misleading']")
    graded = [v for v in vs if v in _FAVOUR]
    return graded or None


def most_favourable(verdicts: Iterable[str]) -> str:
    """The verdict most favourable to a claim among readings: supported, misleading, not supported, false.

    Readings that cannot be checked do not count; if none can, the result is "cannot be checked".
    """
    graded = _graded(verdicts)
    return CANNOT if graded is None else min(graded, key=_FAVOUR.__getitem__)


def overall_verdict(verdicts: Iterable[str]) -> str:
    """A claim's verdict from its parts' verdicts: the least favourable among the parts that can be checked.

    Order: false, not supported by this data, misleading, supported. Parts that cannot be checked do
    not count; if no part can be checked, the claim cannot be checked with this data.
    """
    graded = _graded(verdicts)
    return CANNOT if graded is None else max(graded, key=_FAVOUR.__getitem__)


# ---------------------------------------------------------------------------
# The evidence object
# ---------------------------------------------------------------------------
@dataclass(frozen=True)
class Part:
    """One statement of a claim that bundles several: its text, the facts its rule reads, the rule and verdict.

    ``verdict == PART_RULES[claim][key](facts)``; ``settle`` says what data would settle a part that
    cannot be checked.
    """

    key: str
    text: str
    facts: Mapping[str, Any]
    rule: str
    verdict: str
    settle: str = ""


class Blank:
    """The placeholder ``____`` a learner replaces with a verdict.

    The lesson's ``____`` comes from :mod:`helpers.exercises`; claims recognises it by its class
    name and how it shows (:func:`is_blank`), so this topic need not import the exercise framework.
    """

    def __repr__(self) -> str:
        return "____"


BLANK = Blank()


def is_blank(value: Any) -> bool:
    """True for the placeholder ``____`` (this module's :data:`BLANK` or the exercises' ``____``)."""
    return value is BLANK or (type(value).__name__ == "Blank" and repr(value) == "____")


@dataclass(frozen=True)
class Evidence:
    """What the data say about one claim (see the package docstring for the conventions).

    ``numbers`` is the table to read (with a ``used by rule`` column where some rows are context);
    ``facts`` holds the values the rule reads; ``verdict == RULES[number](facts)``. ``parts`` (may be
    empty) are the claim's separate statements, each with its own verdict; the overall verdict is
    :func:`overall_verdict` of theirs.
    """

    number: int
    short: str
    claim_en: str
    quote_zh: tuple[str, ...]
    article: str
    tested_with: str
    numbers: pd.DataFrame
    facts: Mapping[str, Any]
    rule: str
    verdict: str
    reason: str
    explanation: str
    settle: str = ""
    sources: tuple[str, ...] = field(default_factory=tuple)
    parts: tuple[Part, ...] = field(default_factory=tuple)

    def brief(self) -> str:
        """The claim and what tests it: no rule, no verdict (record yours first, then :meth:`reveal`)."""
        article = _("B and A") if self.article == "B and A" else self.article
        lines = [_("Claim {number}: {claim}").format(number=self.number, claim=self.claim_en),
                 "  " + _("Article {article}: {quotes}").format(
                     article=article, quotes=" … ".join(f"「{q}」" for q in self.quote_zh)),
                 "  " + _("Tested with: {tested}").format(tested=self.tested_with)]
        if self.parts:
            lines.append("  " + _("Parts to judge: {parts}").format(
                parts=_("; ").join(_("({key}) {text}").format(key=p.key, text=p.text) for p in self.parts)))
        lines.append("  " + _("Next: record your verdict with c{number}.record('...'), then c{number}.reveal()").format(
            number=self.number))
        return "\n".join(lines)

    def rule_text(self) -> str:
        """The rule, with each part's rule and verdict where the claim has parts."""
        if not self.parts:
            return _("Rule: {rule}").format(rule=self.rule)
        lines = [_("Rule: {rule}").format(rule=self.rule)]
        lines += ["  " + _("({key}) {text} — {verdict}. Rule: {rule}").format(
            key=p.key, text=p.text, verdict=shown_verdict(p.verdict).upper(), rule=p.rule) for p in self.parts]
        return "\n".join(lines)

    def card(self) -> str:
        """The whole finding as text: claim, verdict, parts, explanation, what would settle it, sources."""
        lines = [_("Claim {number} — {verdict}: {short}").format(
            number=self.number, verdict=shown_verdict(self.verdict).upper(), short=self.short)]
        lines += ["  " + _("({key}) {text} — {verdict}").format(key=p.key, text=p.text, verdict=shown_verdict(p.verdict))
                  for p in self.parts]
        lines.append(f"  {self.explanation}")
        if self.settle:
            lines.append("  " + _("What would settle it: {settle}").format(settle=self.settle))
        if self.sources:
            lines.append("  " + _("Sources: {urls}").format(urls=" ".join(self.sources)))
        return "\n".join(lines)

    def record(self, verdict: Any = BLANK) -> Note:
        """Record your verdict on this claim (before :meth:`reveal`); never raises on a bad verdict."""
        return record(self.number, verdict)

    def reveal(self) -> Note:
        """The rule, each part's verdict and the course's verdict beside yours — once you have recorded one."""
        return reveal_evidence(self)

    def __repr__(self) -> str:
        return _("<Evidence for claim {number}: .brief(), .numbers, then .record('...') and .reveal()>").format(
            number=self.number)


def fresh(ev: Evidence) -> Evidence:
    """A copy the caller may change without touching the cache (numbers, facts and each part's facts)."""
    parts = tuple(replace(p, facts=copy.deepcopy(dict(p.facts))) for p in ev.parts)
    return replace(ev, numbers=ev.numbers.copy(), facts=copy.deepcopy(dict(ev.facts)), parts=parts)


# ---------------------------------------------------------------------------
# Record, then reveal: the feedback box
# ---------------------------------------------------------------------------
# kind -> (background, text colour, heading word); the same boxes as the course's exercise feedback.
_STYLES = {
    "correct": ("#e8f5e9", "#1b5e20", N_("Correct")),
    "incorrect": ("#fdecea", "#8a1c1c", N_("Not yet")),
    "blank": ("#f3f3f3", "#444444", N_("Not answered yet")),
    "recorded": ("#eef3f8", "#0d3c61", N_("Recorded")),
}
_BOX = ("<div class='{cls}' style='background:{bg};color:{fg};padding:8px 12px;border-radius:4px;"
        "border-left:4px solid {fg}'><b>{heading}</b> {message}</div>")


@dataclass(frozen=True)
class Note:
    """What recording or revealing a verdict says (HTML in Jupyter, text elsewhere).

    ``kind`` is ``recorded``, ``blank``, ``correct`` or ``incorrect``; ``correct`` is True when the
    learner's verdict is the course's.
    """

    kind: str
    label: str
    message: str

    @property
    def correct(self) -> bool:
        return self.kind == "correct"

    def __repr__(self) -> str:
        return _("{label} — {word}: {message}").format(label=self.label, word=text(_STYLES[self.kind][2]),
                                                        message=self.message)

    def _repr_html_(self) -> str:
        bg, fg, word = _STYLES[self.kind]  # "$" in a message is money, not maths: NO_MATHS
        heading = _("{label} — {word}:").format(label=self.label, word=text(word))
        return _BOX.format(cls=NO_MATHS, bg=bg, fg=fg, heading=html.escape(heading), message=html.escape(self.message))


RECORDED: dict[Any, Any] = {}
"""Verdicts the learner recorded, by claim number (``record`` fills it; keys such as 3, '3' or 'c3')."""


def check_claim_number(claim: Any) -> int:
    """``claim`` as an int from 1 to 14 (the claims of the two articles)."""
    return check_int("claim", claim, 1, 14, allowed="a claim number (int) from 1 to 14")


def recorded() -> dict[int, str]:
    """The recorded verdicts keyed by claim number (keys such as 3, '3' or 'c3' are accepted)."""
    out: dict[int, str] = {}
    for key, value in RECORDED.items():
        m = re.fullmatch(r"c?(\d{1,2})", str(key).strip().lower())
        if m and 1 <= int(m.group(1)) <= 14:
            v = normalise_verdict(value)
            out[int(m.group(1))] = v if v is not None else f"not a verdict ({shown(value)})"
    return out


def record(claim: int, verdict: Any = BLANK) -> Note:
    """Record your verdict on claim ``claim`` (1-14) before the reveal.

    ``verdict`` is one of :data:`VERDICTS` (short forms such as 'not supported' or 'cannot be checked'
    work). A blank or unknown verdict gives feedback listing the allowed verdicts; it never raises.
    """
    n = check_claim_number(claim)
    label = _("Claim {number}").format(number=n)
    allowed = text(_ALLOWED)
    if is_blank(verdict):
        return Note("blank", label, _("replace ____ with your verdict — {allowed} — and run the cell again").format(
            allowed=allowed))
    v = normalise_verdict(verdict)
    if v is None:
        shown_as = repr(verdict) if isinstance(verdict, str) else _("a {type}").format(type=type(verdict).__name__)
        return Note("incorrect", label, _("{shown} is not a verdict; give one of {allowed} (as text, in quotes)").format(
            shown=shown_as, allowed=allowed))
    RECORDED[n] = v
    return Note("recorded", label, _("your verdict is '{verdict}'. Now run c{number}.reveal() to see the rule, each "
                                     "part's verdict and the course's verdict.").format(verdict=shown_verdict(v),
                                                                                        number=n))


def reveal_evidence(ev: Evidence) -> Note:
    """The reveal for one evidence object: the rule and the course's verdict beside the recorded one."""
    label = _("Claim {number}").format(number=ev.number)
    mine = recorded().get(ev.number)
    if mine is None or mine not in VERDICTS:
        return Note("blank", label, _("record your verdict first — c{number}.record('...') with one of "
                                      "{allowed} — then run this cell again: the rule and the course's "
                                      "verdict are shown only after you have committed to one").format(
                                          number=ev.number, allowed=text(_ALLOWED)))
    body = _("you recorded '{mine}'; the course's verdict is '{verdict}'. {rule} Why: {reason}.").format(
        mine=shown_verdict(mine), verdict=shown_verdict(ev.verdict), rule=ev.rule_text(), reason=ev.reason)
    if ev.settle and ev.verdict != SUPPORTED:
        body += _(" What would settle it: {settle}").format(settle=ev.settle)
    if mine == ev.verdict:
        return Note("correct", label, _("you agree with the rule. ") + body)
    return Note("incorrect", label, _("you and the rule disagree — read the numbers again and see which part "
                                      "or reading differs. ") + body)
