"""Lesson 07 (claims lab): the fourteen claims of the two source articles, checked against the data.

Each ``claim_NN()`` function returns an :class:`Evidence` object: the claim (in the article's words
and in English), the data that test it, the key numbers (``numbers``, a small DataFrame, and
``facts``, the values the rule reads), the **rule** in plain words, the **verdict** that rule gives,
a one-line reason and a paragraph of explanation built from the computed numbers, what data would
settle the question where this snapshot cannot, and the primary sources.

Verdicts are one of :data:`VERDICTS`, each defined in one sentence:

* **supported** — the data agree with the claim as stated.
* **misleading** — something real lies behind the claim, but as stated it gives a wrong impression (a
  one-off spike presented as a level, a real drain given the wrong name, touched once presented as
  reached, co-movement presented as cause).
* **not supported by this data** — the data could show the claim but do not: the number is not
  reproduced, or the pattern cannot be told from chance.
* **false** — the data contradict the claim.
* **cannot be checked with this data** — the data cannot reach the claim (the series is not in the
  snapshot, the horizon is not yet in the data, the fact rests only on secondary copies); the evidence
  then says what data would settle it.

Every verdict is computed by ``RULES[n](facts)``: a small, documented function of the numbers, so a
test (or a reader) can check that the verdict follows from the data and not from an opinion.

**Parts.** A claim that bundles several statements carries ``parts`` (:class:`Part`): each with its
own short text, the facts it reads, its rule and its verdict (``PART_RULES[n][key](part.facts)``).
The claim's overall verdict is derived from its parts by :func:`overall_verdict`: the *least*
favourable verdict among the parts the data can test (false, then not supported by this data, then
misleading, then supported) — a claim is as strong as its weakest testable part; parts that cannot be
checked do not count, but are listed with the data that would settle them; if no part can be tested,
the claim cannot be checked with this data.

**Record, then reveal.** ``ev.brief()`` shows the claim and what tests it, not the rule or the
verdict. The learner records a verdict first (``ev.record("misleading")`` or :func:`record`), and only
then does ``ev.reveal()`` show the rule, each part's verdict and the course's verdict beside theirs.

**Policy facts** come from the policy-event table, whose ``checked`` column says how each row was
checked: ``primary`` (the release text was read) and ``data`` (confirmed by the snapshot's FRED
target-range series) count as confirmed; ``secondary`` (press copies only) does not, and a verdict
that rests on such a row says so.

Conventions, stated once:

* **Matching a stated number.** A claim that gives a number ("about $2 trillion", "about $8.7
  trillion") is matched by a value that *rounds to it at the precision the claim uses*
  (:func:`matches`): $2.4 trillion matches "about $2 trillion" (nearest trillion) but $8.5
  trillion does not match "about $8.7 trillion" (nearest $0.1 trillion). A claim that something
  "reached" or "rose" a number is matched by a value at least that large, after the same rounding
  (:func:`reaches`).
* **Choices.** Where the answer depends on a reasonable choice (window, dates, asset, return type,
  data source, measure), the evidence shows the whole range, and the verdict uses the reading most
  favourable to the claim (order: supported, misleading, not supported by this data, false). A claim is not marked wrong
  because of a choice the checker made.
* **Outside figures.** Where the snapshot lacks a series, a published figure from a named outside
  source may be quoted (:data:`OUTSIDE_MARKET_CAP_2025`); it is labelled as outside the snapshot
  wherever it is used.
* **Data.** The course snapshot (:func:`helpers.data.load`) and its policy-event table. Money in $
  billions unless a name says ``_tn`` ($ trillions); returns in percent unless a name says
  otherwise; correlations are Pearson correlations of returns or changes, never of levels.

Nothing here is investment advice: the point is the method of checking a claim.
"""
from __future__ import annotations

import math
import re
from dataclasses import dataclass, field, replace
from functools import lru_cache
from statistics import NormalDist
from typing import Any, Callable, Iterable, Mapping

import altair as alt
import numpy as np
import pandas as pd

from helpers import stats
from helpers.charts import NO_MATHS, PALETTE, with_source
from helpers.exercises import ____, Feedback
from helpers.validate import check_choice, check_date, check_int, check_number, check_seed

__all__ = [
    "VERDICTS",
    "VERDICT_COLORS",
    "VERDICT_WORDS",
    "NOT_SUPPORTED",
    "CONFIRMED",
    "OUTSIDE_MARKET_CAP_2025",
    "Part",
    "Evidence",
    "PART_RULES",
    "overall_verdict",
    "normalise_verdict",
    "record",
    "reveal",
    "recorded",
    "RECORDED",
    "CLAIMS",
    "RULES",
    "matches",
    "reaches",
    "most_favourable",
    "daily_shifts",
    "realign_daily",
    "SOURCES_7",
    "KINDS_7",
    "ALIGNMENTS_7",
    "correlation_variants",
    "correlation_report",
    "link_by_year",
    "announcement_returns",
    "evidence",
    "all_evidence",
    "summary_table",
    "report",
    "balance_sheet_chart",
    "announcement_chart",
    "correlation_chart",
    "link_by_year_chart",
    "verdict_chart",
    "BENCH",
] + [f"claim_{n:02d}" for n in range(1, 15)] + [f"rule_{n:02d}" for n in range(1, 15)]

SUPPORTED, MISLEADING, FALSE, CANNOT = "supported", "misleading", "false", "cannot be checked with this data"
NOT_SUPPORTED = "not supported by this data"
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
_ALLOWED = "'supported', 'misleading', 'not supported', 'false' or 'cannot be checked'"

# How an event row was checked (policy_events ``checked``): these count as confirmed facts. The older
# labels ('confirmed'; 'partial' / 'unconfirmed' not confirmed) are still understood.
CONFIRMED: tuple[str, ...] = ("primary", "data", "confirmed")

# An OUTSIDE figure, not from the snapshot (which holds no total crypto market value): CoinGecko's
# annual report for 2025. Quoted for claim 10 only, and labelled as outside wherever it is shown.
OUTSIDE_MARKET_CAP_2025: Mapping[str, Any] = {
    "change_pct": -10.4,          # total crypto market capitalisation, year on year, percent
    "end_value_tn": 3.0,          # at the end of 2025, $ trillions
    "btc_change_pct": -6.4,       # the same report's bitcoin return for 2025, percent (a cross-check)
    "source": "CoinGecko, 2025 Annual Crypto Industry Report",
    "url": "https://www.coingecko.com/research/publications/2025-annual-crypto-report",
    "published": "January 2026",
    "seen_in": ("https://coinalertnews.com/news/2026/01/20/crypto-market-2025-decline-volatility-growth",
                "https://techflowpost.com/en-US/article/29977"),
    "note": "read in two reports of the publication (2026-01-20 and a translation), not on the page itself; "
            "CoinGecko's count of coins and supply may differ from other providers'",
}

ARTICLES = {
    "A": "article A (Simplified Chinese): the Fed ending QT and what it could mean for crypto",
    "B": "article B (Traditional Chinese): from QT to QE, reserves, repo and crypto prices",
}
FOMC = "https://www.federalreserve.gov/newsevents/pressreleases/"
H41 = "https://www.federalreserve.gov/releases/h41/"
NYFED_REPO = "https://www.newyorkfed.org/markets/desk-operations/repo"
SOURCE_MARKETS = ("Source: Liquidity Lab snapshot (Yahoo Finance BTC-USD, ETH-USD; FRED: SP500, CBBTCUSD, "
                  "H.4.1 series)")
SOURCE_EVENTS = "Sources: FRED (H.4.1 series); Federal Reserve press releases (policy_events.csv)"
PURCHASE_KINDS = ("rmp", "qe_start", "qe_expand")
POLICY_KINDS = ("qe_start", "qe_expand", "taper", "qe_end", "qt_start", "qt_slow", "qt_end", "rmp", "hike", "cut")


# ---------------------------------------------------------------------------
# Validation
# ---------------------------------------------------------------------------
def _check_ints(name: str, values: Any, lo: int, hi: int) -> tuple[int, ...]:
    if isinstance(values, (str, bytes)) or not isinstance(values, Iterable):
        raise TypeError(f"{name} must be a tuple of ints such as (1, 7, 30), got {type(values).__name__}")
    out = tuple(check_int(f"{name} (each)", v, lo, hi) for v in values)
    if not out:
        raise ValueError(f"{name} is empty; give at least one value from {lo} to {hi}")
    return out


def _check_verdict(name: str, value: Any) -> str:
    return check_choice(name, value, VERDICTS)


def normalise_verdict(text: Any) -> str | None:
    """The verdict in :data:`VERDICTS` that ``text`` names (see :data:`VERDICT_WORDS`), or None."""
    if not isinstance(text, str):
        return None
    key = re.sub(r"\s+", " ", re.sub(r"[^a-z ]", "", text.lower().replace("'", ""))).strip()
    return _LOOKUP.get(key)


_LOOKUP = {re.sub(r"[^a-z ]", "", w.replace("'", "")): v for v, words in VERDICT_WORDS.items() for w in words}


# ---------------------------------------------------------------------------
# Rules shared by several claims
# ---------------------------------------------------------------------------
def matches(value: float, claimed: float, step: float) -> bool:
    """True if ``value`` rounds to ``claimed`` at the precision ``step`` the claim uses.

    "About $2 trillion" has precision 1 (trillion): values from 1.5 up to 2.5 match.
    "About $8.7 trillion" has precision 0.1: values from 8.65 up to 8.75 match. The half-step
    edges count as matching (rounding half either way is fine for a claim of "about").
    """
    value = check_number("value", value)
    claimed = check_number("claimed", claimed)
    step = check_number("step", step, lo=0.0)
    if step == 0:
        raise ValueError("step=0.0 is out of range; allowed: a positive precision such as 0.1")
    return abs(value - claimed) <= step / 2 + 1e-9 * max(1.0, abs(claimed))


def reaches(value: float, claimed: float, step: float) -> bool:
    """True if ``value`` reached ``claimed``: at least ``claimed - step / 2`` (so it rounds up to it or more)."""
    value = check_number("value", value)
    claimed = check_number("claimed", claimed)
    step = check_number("step", step, lo=0.0)
    if step == 0:
        raise ValueError("step=0.0 is out of range; allowed: a positive precision such as 0.01")
    return value >= claimed - step / 2 - 1e-9 * max(1.0, abs(claimed))


def most_favourable(verdicts: Iterable[str]) -> str:
    """The verdict most favourable to a claim among readings: supported, misleading, not supported, false.

    Readings that cannot be checked do not count; if none can, the result is "cannot be checked".
    """
    vs = [_check_verdict("verdicts (each)", v) for v in verdicts]
    if not vs:
        raise ValueError("verdicts is empty; give at least one verdict")
    graded = [v for v in vs if v in _FAVOUR]
    if not graded:
        return CANNOT
    return min(graded, key=_FAVOUR.__getitem__)


def overall_verdict(verdicts: Iterable[str]) -> str:
    """A claim's verdict from its parts' verdicts: the least favourable among the parts that can be checked.

    Order: false, not supported by this data, misleading, supported. Parts that cannot be checked do
    not count; if no part can be checked, the claim cannot be checked with this data.
    """
    vs = [_check_verdict("verdicts (each)", v) for v in verdicts]
    if not vs:
        raise ValueError("verdicts is empty; give at least one part's verdict")
    graded = [v for v in vs if v in _FAVOUR]
    if not graded:
        return CANNOT
    return max(graded, key=_FAVOUR.__getitem__)


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


@dataclass(frozen=True)
class Evidence:
    """What the data say about one claim (see the module docstring for the conventions).

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
        lines = [f"Claim {self.number}: {self.claim_en}",
                 f"  Article {self.article}: " + " … ".join(f"「{q}」" for q in self.quote_zh),
                 f"  Tested with: {self.tested_with}"]
        if self.parts:
            lines.append("  Parts to judge: " + "; ".join(f"({p.key}) {p.text}" for p in self.parts))
        lines.append(f"  Next: record your verdict with c{self.number}.record('...'), then c{self.number}.reveal()")
        return "\n".join(lines)

    def rule_text(self) -> str:
        """The rule, with each part's rule and verdict where the claim has parts."""
        if not self.parts:
            return f"Rule: {self.rule}"
        lines = [f"Rule: {self.rule}"]
        lines += [f"  ({p.key}) {p.text} — {p.verdict.upper()}. Rule: {p.rule}" for p in self.parts]
        return "\n".join(lines)

    def card(self) -> str:
        """The whole finding as text: claim, verdict, parts, explanation, what would settle it, sources."""
        lines = [f"Claim {self.number} — {self.verdict.upper()}: {self.short}"]
        lines += [f"  ({p.key}) {p.text} — {p.verdict}" for p in self.parts]
        lines.append(f"  {self.explanation}")
        if self.settle:
            lines.append(f"  What would settle it: {self.settle}")
        if self.sources:
            lines.append("  Sources: " + " ".join(self.sources))
        return "\n".join(lines)

    def record(self, verdict: Any = ____) -> Feedback:
        """Record your verdict on this claim (before :meth:`reveal`); never raises on a bad verdict."""
        return record(self.number, verdict)

    def reveal(self) -> Feedback:
        """The rule, each part's verdict and the course's verdict beside yours — once you have recorded one."""
        return _reveal(self)

    def __repr__(self) -> str:
        return (f"<Evidence for claim {self.number}: .brief(), .numbers, then .record('...') and .reveal()>")


class Recorded(Feedback):
    """Feedback that a verdict was recorded (shown before the reveal)."""

    def __repr__(self) -> str:
        return f"{self.label} — Recorded: {self.message}"

    def _repr_html_(self) -> str:
        import html as _html

        return (f"<div class='{NO_MATHS}' style='background:#eef3f8;color:#0d3c61;padding:8px 12px;"
                f"border-radius:4px;border-left:4px solid #0d3c61'><b>{_html.escape(self.label)} — Recorded:</b> "
                f"{_html.escape(self.message)}</div>")


RECORDED: dict[Any, Any] = {}
"""Verdicts the learner recorded, by claim number (``record`` fills it; keys such as 3, '3' or 'c3')."""


def _check_claim_number(claim: Any) -> int:
    if isinstance(claim, bool) or not isinstance(claim, int):
        raise TypeError(f"claim must be a claim number (int) from 1 to 14, got {type(claim).__name__} ({claim!r})")
    if not 1 <= claim <= 14:
        raise ValueError(f"claim={claim} is not a claim; allowed: 1 to 14")
    return claim


def recorded() -> dict[int, str]:
    """The recorded verdicts keyed by claim number (keys such as 3, '3' or 'c3' are accepted)."""
    out: dict[int, str] = {}
    for key, value in RECORDED.items():
        m = re.fullmatch(r"c?(\d{1,2})", str(key).strip().lower())
        if m and 1 <= int(m.group(1)) <= 14:
            v = normalise_verdict(value)
            out[int(m.group(1))] = v if v is not None else f"not a verdict ({value!r})"
    return out


def record(claim: int, verdict: Any = ____) -> Feedback:
    """Record your verdict on claim ``claim`` (1-14) before the reveal.

    ``verdict`` is one of :data:`VERDICTS` (short forms such as 'not supported' or 'cannot be checked'
    work). A blank or unknown verdict gives feedback listing the allowed verdicts; it never raises.
    """
    n = _check_claim_number(claim)
    label = f"Claim {n}"
    if verdict is ____:
        return Feedback("blank", label, f"replace ____ with your verdict — {_ALLOWED} — and run the cell again")
    v = normalise_verdict(verdict)
    if v is None:
        shown = repr(verdict) if isinstance(verdict, str) else f"a {type(verdict).__name__}"
        return Feedback("incorrect", label, f"{shown} is not a verdict; give one of {_ALLOWED} (as text, in quotes)")
    RECORDED[n] = v
    return Recorded("recorded", label, f"your verdict is '{v}'. Now run c{n}.reveal() to see the rule, each "
                                       "part's verdict and the course's verdict.")


def reveal(claim: int) -> Feedback:
    """The rule and the course's verdict on claim ``claim`` (default choices), once you have recorded one."""
    return _reveal(evidence(_check_claim_number(claim)))


def _reveal(ev: Evidence) -> Feedback:
    label = f"Claim {ev.number}"
    mine = recorded().get(ev.number)
    if mine is None or mine not in VERDICTS:
        return Feedback("blank", label, f"record your verdict first — c{ev.number}.record('...') with one of "
                                        f"{_ALLOWED} — then run this cell again: the rule and the course's "
                                        "verdict are shown only after you have committed to one")
    body = (f"you recorded '{mine}'; the course's verdict is '{ev.verdict}'. {ev.rule_text()} "
            f"Why: {ev.reason}.")
    if ev.settle and ev.verdict != SUPPORTED:
        body += f" What would settle it: {ev.settle}"
    if mine == ev.verdict:
        return Feedback("correct", label, "you agree with the rule. " + body)
    return Feedback("incorrect", label, "you and the rule disagree — read the numbers again and see which part "
                                        "or reading differs. " + body)


def _subset(facts: Mapping[str, Any], patterns: Iterable[str]) -> dict[str, Any]:
    """The facts a part reads: keys matching ``patterns`` (glob patterns such as ``*_q1_ci_*``)."""
    from fnmatch import fnmatchcase

    out = {}
    for pat in patterns:
        hits = [k for k in facts if fnmatchcase(k, pat)]
        if not hits:
            raise KeyError(f"no fact matches {pat!r}")
        out.update({k: facts[k] for k in hits})
    return out


def _parts(number: int, facts: Mapping[str, Any]) -> tuple[Part, ...]:
    out = []
    for key, text, rule, fn, keys, settle in _PARTS.get(number, ()):
        sub = _subset(facts, keys)
        out.append(Part(key=key, text=text, facts=sub, rule=rule, verdict=fn(sub), settle=settle))
    return tuple(out)


def _evidence(number: int, facts: dict, numbers: pd.DataFrame, reason: str, explanation: str,
              settle: str = "", sources: Iterable[str] = ()) -> Evidence:
    meta = _META[number]
    return Evidence(number=number, short=meta["short"], claim_en=meta["en"], quote_zh=meta["zh"],
                    article=meta["article"], tested_with=meta["tested"], numbers=numbers, facts=facts,
                    rule=meta["rule"], verdict=RULES[number](facts), reason=reason, explanation=explanation,
                    settle=settle, sources=tuple(dict.fromkeys(s for s in sources if s)),
                    parts=_parts(number, facts))


def _fresh(ev: Evidence) -> Evidence:
    """A copy the caller may change without touching the cache."""
    parts = tuple(replace(p, facts=dict(p.facts)) for p in ev.parts)
    return replace(ev, numbers=ev.numbers.copy(), facts=dict(ev.facts), parts=parts)


def _fmt_bn(x: float) -> str:
    return f"{x:+,.0f}"


def _table(rows: list[dict]) -> pd.DataFrame:
    out = pd.DataFrame(rows)
    return out.set_index(out.columns[0])


# ---------------------------------------------------------------------------
# Snapshot access (cached: the data are read once per session)
# ---------------------------------------------------------------------------
@lru_cache(maxsize=None)
def _load(name: str) -> pd.DataFrame:
    from helpers.data import load

    return load(name)


def _fb() -> pd.DataFrame:
    return _load("fed_balance_sheet")


def _events() -> pd.DataFrame:
    return _load("policy_events")


def _markets() -> pd.DataFrame:
    return _load("markets")


def _event_url(date: str) -> str:
    ev = _events()
    ts = pd.Timestamp(date)
    return str(ev.loc[ts, "source_url"]) if ts in ev.index else ""


def _event_urls(date: str) -> list[str]:
    ev = _events()
    ts = pd.Timestamp(date)
    if ts not in ev.index:
        return []
    row = ev.loc[ts]
    return [str(row["source_url"])] + [u for u in str(row["other_sources"] or "").split() if u]


def _week(date: Any) -> pd.Timestamp:
    from helpers.balance_sheet import nearest_week

    return nearest_week(_fb(), date)


def _btc() -> pd.Series:
    return _markets()["btc"].dropna()


def _close_on_or_after(s: pd.Series, when: pd.Timestamp) -> tuple[pd.Timestamp, float]:
    i = s.index.searchsorted(when, side="left")
    if i >= len(s):
        raise ValueError(f"date {when:%Y-%m-%d} is after the last close ({s.index[-1]:%Y-%m-%d})")
    return s.index[i], float(s.iloc[i])


def _close_before(s: pd.Series, when: pd.Timestamp) -> tuple[pd.Timestamp, float]:
    i = s.index.searchsorted(when, side="left") - 1
    if i < 0:
        raise ValueError(f"date {when:%Y-%m-%d} is before the first close ({s.index[0]:%Y-%m-%d})")
    return s.index[i], float(s.iloc[i])


def _year_end_close(s: pd.Series, year: int) -> tuple[pd.Timestamp, float]:
    part = s.loc[:f"{year}-12-31"]
    if part.empty:
        raise ValueError(f"no close on or before the end of {year}")
    return part.index[-1], float(part.iloc[-1])


# ---------------------------------------------------------------------------
# Claim texts and rules
# ---------------------------------------------------------------------------
_RULE_FROM_PARTS = ("each part has its own rule (below); the claim's verdict is the least favourable verdict among "
                    "the parts that can be checked (false, then not supported by this data, then misleading, then "
                    "supported); parts that cannot be checked are listed, not counted")

_META: dict[int, dict[str, Any]] = {
    1: {"short": "The Fed ended QT in December 2025.",
        "en": "The Fed formally ended quantitative tightening (QT) in December 2025.",
        "zh": ("美联储已于2025年12月正式终结量化紧缩",), "article": "A",
        "tested": "the policy-event table (kind qt_end, its effective date and `checked`) and weekly "
                  "Treasury holdings from the H.4.1 balance sheet before and after that date",
        "rule": _RULE_FROM_PARTS},
    2: {"short": "QT withdrew about $2 trillion over three years from 2022.",
        "en": "Since the Fed started QT in 2022 it has withdrawn about $2 trillion of liquidity over three years.",
        "zh": ("自2022年美联储启动QT以来,三年间从金融市场回收约2万亿美元流动性",), "article": "A",
        "tested": "weekly total assets and securities (Treasuries + MBS), from the 2022 peak and from the start "
                  "of runoff (2022-06-01) to the week nearest the end of runoff (2025-12-01); where the drain landed "
                  "(bank reserves, ON RRP, net liquidity); the months of runoff",
        "rule": _RULE_FROM_PARTS},
    3: {"short": "Treasury purchases restarted in Q1 2025 at $35B a month; $45B and $38B repo operations.",
        "en": "The Fed restarted Treasury purchases in Q1 2025 at $35 billion a month and injected $45 billion "
              "through repo operations (and a '$38 billion repo operation').",
        "zh": ("在2025年第一季度以每月350億美元的速度重新啓動國債購買,並通過回購操作注入450億美元的流動性",
               "联准会的380億美元回購操作"), "article": "B",
        "tested": "weekly Treasury holdings over Q1 2025, the month-by-month changes, and the first purchase "
                  "decision (kind rmp / qe_start / qe_expand) in the event table; repo operations are not in the data",
        "rule": _RULE_FROM_PARTS},
    4: {"short": "The FOMC delayed rate cuts until 1 December 2025.",
        "en": "In 2025 the FOMC delayed rate cuts until 1 December 2025.",
        "zh": ("同時將降息推遲至2025年12月1日",), "article": "B",
        "tested": "the daily target range (policy_rates) — every change in 2025 — and the FOMC statements in "
                  "the event table",
        "rule": "supported if the year's first cut of the target range was announced or took effect within one "
                "day of the claimed date; false otherwise"},
    5: {"short": "From early 2023 the balance sheet shrank from about $8.7 trillion.",
        "en": "During QT from early 2023 to the end of 2025 the Fed's balance sheet shrank from about $8.7 trillion.",
        "zh": ("在2023年初至2025年底的量化緊縮期間,联准会的資產負債表從大約8.7萬億美元縮減至更低水平",),
        "article": "B",
        "tested": "weekly total assets at the start of 2023, their highest level in the first half of 2023, and "
                  "at the end of 2025",
        "rule": _RULE_FROM_PARTS},
    6: {"short": "Bitcoin rose 11% after the announcement; $590M liquidated in the 24 hours before.",
        "en": "Bitcoin rose 11% after the Fed's policy announcement; $590 million of leveraged positions were "
              "liquidated in the 24 hours before it.",
        "zh": ("联准会政策宣布後,比特幣漲11%", "公告前24小时内,杠杆头寸爆仓总额达5.9亿美元"), "article": "B and A",
        "tested": "daily BTC closes after the FOMC announcements of 2025-10-29 (end of QT) and 2025-12-10 (bill "
                  "purchases), from the close before and the close of the announcement day, over 1, 7 and 30 "
                  "days, and the best close within 30 days; liquidations are not in the data",
        "rule": _RULE_FROM_PARTS},
    7: {"short": "In 2025 the 60-day BTC–S&P 500 correlation reached 0.72.",
        "en": "In 2025 the 60-day correlation between bitcoin and the S&P 500 reached 0.72.",
        "zh": ("2025年,比特幣與標準普爾500指數的60天相關性達到了0.72",), "article": "B",
        "tested": "60-day rolling correlations of daily BTC and S&P 500 returns in 2025, for every combination of "
                  "BTC source (Yahoo; Coinbase as dated; Coinbase re-aligned to Yahoo's days), return type "
                  "(log, simple) and alignment (common trading days; same calendar day)",
        "rule": ("supported if the highest value over all variants reaches the claimed value (to two decimals); "
                "not supported by this data if it falls short by no more than 0.10 (a high correlation is real, but "
                "the number given is not reproduced); false if it falls short by more")},
    8: {"short": "Every tightening-to-easing pivot (2019, 2020, 2023) was followed by strong crypto gains "
                 "within 6–18 months.",
        "en": "Every Fed pivot from tightening to easing (2019, 2020, 2023) was followed by strong crypto gains "
              "within 6 to 18 months.",
        "zh": ("每一次美联储由紧缩转宽松后的6-18个月,加密市场均迎来强劲上涨",
               "每当政策由紧缩转为宽松(降息叠加QT终结),风险资产往往在6-12个月内大幅上涨"), "article": "A",
        "tested": "an event study (helpers.events) of BTC and ETH after the article's three pivots at 6, 12 and 18 "
                  "months, each against the base rate of all windows of the same length; and the same horizons after "
                  "the article's own definition of a pivot in 2025 (cuts together with the end of QT), as far as the "
                  "data reach",
        "rule": _RULE_FROM_PARTS},
    9: {"short": "After QT ends, bitcoin is expected to reach $90,000–100,000.",
        "en": "After QT ends, bitcoin is expected to test the $90,000–100,000 range.",
        "zh": ("比特币有望冲击90000-100000美元区间",), "article": "A",
        "tested": "daily BTC closes from the end of runoff (2025-12-01) to the end of the data",
        "rule": ("with no horizon, the forecast is scored against the record so far: supported if BTC reached the "
                "range's lower end and is at or above it at the end of the data; misleading if it reached it but "
                "has since fallen below (touched, not held); not supported by this data if it has not reached it. "
                "With a horizon (in days): supported if BTC closed at or above the lower end within it (or, "
                "reading 'at end', on its last day), false if not, cannot be checked if the horizon runs past the data")},
    10: {"short": "Total crypto market value fell 15% in 2025 under QT.",
         "en": "Under QT in 2025 the total crypto market value fell 15%.",
         "zh": ("在2025年,FOMC實施了激進的量化緊縮措施", "導致整體加密貨幣市場市值下降了15%"), "article": "B",
         "tested": "total crypto market value: an outside figure (CoinGecko's annual report; not in the snapshot), "
                   "with BTC and ETH calendar-2025 returns from the snapshot as a check; 'under QT': the event "
                   "table's runoff phase, slowdown and end, and the 2025 rate cuts",
         "rule": _RULE_FROM_PARTS},
    11: {"short": "Fed liquidity injections directly cause crypto price moves.",
         "en": "Empirical evidence shows a direct causal link between Fed liquidity injections and crypto price moves.",
         "zh": ("實證證據表明,联准会流動性注入與加密貨幣價格波動之間存在直接因果關係",), "article": "B",
         "tested": "lead–lag correlations (lags −12 to +12 weeks) of weekly changes in net liquidity and in total "
                   "assets with weekly BTC returns, with a block-permutation test over all lags (helpers.stats)",
         "rule": ("co-movement cannot establish direct causation, so this data can never support the claim: not "
                 "supported by this data if no lag beats the best lag of unrelated series (family-wise p ≥ 0.05 for "
                 "every measure); misleading if some lag does (co-movement presented as cause)")},
    12: {"short": "Ether outperforms bitcoin when risk appetite returns; altcoins follow 1–3 months later.",
         "en": "When risk appetite returns, ether is expected to outperform bitcoin; altcoins follow 1–3 months "
               "after bitcoin.",
         "zh": ("风险偏好提升周期以太坊有望跑赢比特币", "山寨币通常在比特币确立强势上涨1-3个月后迎来放大涨幅"),
         "article": "A",
         "tested": "monthly ETH-minus-BTC log returns in 'risk-on' months under three definitions (the Fed's latest "
                   "decision was easing; outside QT; the S&P 500 rose that month), with bootstrap intervals; "
                   "altcoins are not in the data",
         "rule": _RULE_FROM_PARTS},
    13: {"short": "Q1 brings fresh inflows; Nov–Dec tax-loss selling depresses prices.",
         "en": "Q1 is the peak season for new money, and tax-loss selling in November–December weighs on prices.",
         "zh": ("每年一季度为新资金入场高峰", "11-12月,投资者常为税务目的卖出亏损资产"), "article": "A",
         "tested": "monthly BTC and ETH returns: January–March and November–December against all other months, "
                   "with bootstrap intervals (helpers.events.season_contrast); flow data are not in the snapshot",
         "rule": _RULE_FROM_PARTS},
    14: {"short": "The balance sheet and crypto valuations became more tightly linked in 2025.",
         "en": "The correlation between the size of the Fed's balance sheet and crypto valuations strengthened "
               "markedly in 2025.",
         "zh": ("联准会資產負債表規模與加密貨幣估值之間的相關性在2025年顯著增強",), "article": "B",
         "tested": "correlations of weekly changes in total assets and in net liquidity with weekly BTC returns, "
                   "year by year, comparing 2025 with all earlier weeks (Fisher z test)",
         "rule": ("per measure: supported if 2025's correlation is higher than before with one-sided p < 0.05; "
                 "not supported by this data if it is higher but not distinguishable from chance; false if it is "
                 "not higher. Most favourable over the two measures")},
}


def _confirmed(checked: str) -> bool:
    return str(checked) in CONFIRMED


def part_01_stopped(f: Mapping[str, Any]) -> str:
    """Claim 1, part (a): Treasury holdings fell before the end of runoff and did not fall afterwards."""
    if f["treasuries_change_before_bn"] < 0 and f["treasuries_fall_after_bn"] <= f["tolerance_bn"]:
        return SUPPORTED
    return FALSE


def part_01_decision(f: Mapping[str, Any]) -> str:
    """Claim 1, part (b): a decision ending QT took effect in the claimed month, in a confirmed event row."""
    if not f["decision_in_claimed_month"]:
        return FALSE
    return SUPPORTED if _confirmed(f["checked"]) else CANNOT


def part_02_size(f: Mapping[str, Any]) -> str:
    """Claim 2, part (a): how many measures of the shrinkage round to the claimed size."""
    n, k = f["n_measures"], f["n_matching"]
    if k == n:
        return SUPPORTED
    return FALSE if k == 0 else MISLEADING


def part_02_liquidity(f: Mapping[str, Any]) -> str:
    """Claim 2, part (b): did *liquidity* (bank reserves or net liquidity) fall by the claimed amount?"""
    if any(matches(f[k], f["claimed_tn"], f["step_tn"]) for k in ("reserves_fall_tn", "net_liquidity_fall_tn")):
        return SUPPORTED
    return MISLEADING if f["n_matching"] > 0 else FALSE


def part_02_years(f: Mapping[str, Any]) -> str:
    """Claim 2, part (c): months of runoff, in years, rounded to the nearest year (half-years count)."""
    return SUPPORTED if matches(f["runoff_months"] / 12, f["claimed_years"], 1.0) else FALSE


def part_03_purchases(f: Mapping[str, Any]) -> str:
    """Claim 3, part (a): purchases in Q1 (holdings over Q1, first purchase decision of the year)."""
    q1_end = pd.Timestamp(f["q1_end"])
    first = f["first_purchase_decision"]
    first_ts = pd.Timestamp(first) if first else None
    in_q1 = first_ts is not None and first_ts <= q1_end
    if f["treasuries_change_q1_bn"] < 0 and not in_q1:
        return FALSE
    if f["treasuries_change_q1_bn"] > 0 and in_q1:
        return SUPPORTED
    return MISLEADING


def _not_in_data(key: str) -> Callable[[Mapping[str, Any]], str]:
    def rule(f: Mapping[str, Any]) -> str:
        return CANNOT if not f[key] else NOT_SUPPORTED

    rule.__doc__ = f"Cannot be checked while ``{key}`` is False (the snapshot has no such series)."
    return rule


def rule_04(facts: Mapping[str, Any]) -> str:
    """Claim 4 rule: was the year's first cut on (within a day of) the claimed date?"""
    first = facts["first_cut_announced"]
    if not first:
        return FALSE
    claimed = pd.Timestamp(facts["claimed_date"])
    close = [abs((pd.Timestamp(d) - claimed).days) <= 1 for d in (first, facts["first_cut_effective"])]
    return SUPPORTED if any(close) else FALSE


def part_05_level(f: Mapping[str, Any]) -> str:
    """Claim 5, part (a): does the start-of-2023 level, or only a brief later level, round to the claim?"""
    if f["start_matches"]:
        return SUPPORTED
    return MISLEADING if f["peak_matches"] else FALSE


def part_05_shrank(f: Mapping[str, Any]) -> str:
    """Claim 5, part (b): were total assets lower at the end than at the start?"""
    return SUPPORTED if f["shrank"] else FALSE


def part_06_rise(f: Mapping[str, Any]) -> str:
    """Claim 6, part (a): did any measured rise reach the claim, or come within half of it?"""
    if f["reaches_claim"]:
        return SUPPORTED
    return NOT_SUPPORTED if f["max_return_pct"] >= f["claimed_pct"] / 2 else FALSE


def rule_07(facts: Mapping[str, Any]) -> str:
    """Claim 7 rule: the best variant's 2025 maximum against the claimed correlation."""
    if facts["reaches_claim"]:
        return SUPPORTED
    return NOT_SUPPORTED if facts["shortfall"] <= 0.10 + 1e-12 else FALSE


def part_08_article(f: Mapping[str, Any]) -> str:
    """Claim 8, part (a): the article's historical pivots, per asset, then the most favourable."""
    verdicts = []
    for a in f["assets"]:
        if not f[f"{a}_any_horizon_all_positive"]:
            verdicts.append(FALSE)
        elif f[f"{a}_min_chance_random"] < 0.05:
            verdicts.append(SUPPORTED)
        else:
            verdicts.append(MISLEADING)
    return most_favourable(verdicts)


def _pivot_status(returns: Mapping[str, Any]) -> str:
    """'gain' if any reached horizon rose; 'pending' if none rose and some horizon is not yet in the data."""
    values = list(returns.values())
    if any(v is not None and v > 0 for v in values):
        return "gain"
    return "pending" if any(v is None for v in values) else "no gain"


def part_08_own(f: Mapping[str, Any]) -> str:
    """Claim 8, part (b): the article's own pivot definition (cuts with the end of QT, 2025), so far."""
    verdicts = []
    for a in f["own_assets"]:
        status = [_pivot_status(r) for r in f["own_returns_pct"][a].values()]
        if all(s == "gain" for s in status):
            verdicts.append(SUPPORTED)
        elif "no gain" in status:
            verdicts.append(FALSE)
        else:
            verdicts.append(CANNOT)
    return most_favourable(verdicts)


def rule_09(facts: Mapping[str, Any]) -> str:
    """Claim 9 rule: a forecast with no horizon is scored against the record so far.

    No horizon: supported if BTC reached the range's lower end and is at or above it at the end of the
    data; misleading if it reached it but has since fallen below (touched, not held); not supported by
    this data if it has not reached it so far. With a horizon, ``reading`` says what 'reach' means:
    ``touch`` (any close at or above the lower end within the horizon) or ``at end`` (the close at
    the end of the horizon); cannot be checked if the horizon runs past the data.
    """
    if facts["horizon_days"] is None:
        if not facts["reached_so_far"]:
            return NOT_SUPPORTED
        return SUPPORTED if facts["at_or_above_low_now"] else MISLEADING
    if facts["reading"] == "touch" and facts["reached_within_horizon"]:
        return SUPPORTED
    if not facts["horizon_in_data"]:
        return CANNOT
    if facts["reading"] == "at end":
        return SUPPORTED if facts["at_or_above_low_at_end"] else FALSE
    return FALSE


def part_10_market(f: Mapping[str, Any]) -> str:
    """Claim 10, part (a): the year's change in total crypto market value (snapshot, else the outside figure)."""
    r = f["market_cap_change_pct"]
    if r is None:
        return CANNOT
    if matches(r, -f["claimed_pct"], 1.0):
        return SUPPORTED
    return NOT_SUPPORTED if r < 0 else FALSE


def part_10_under_qt(f: Mapping[str, Any]) -> str:
    """Claim 10, part (b): was the year one of QT, as the event table dates it?"""
    if f["runoff_months_in_year"] == 0:
        return FALSE
    if f["runoff_months_in_year"] == 12 and not f["runoff_slowed_in_year"] and f["cuts_in_year"] == 0:
        return SUPPORTED
    return MISLEADING


def rule_11(facts: Mapping[str, Any]) -> str:
    """Claim 11 rule: co-movement never shows direct causation."""
    return MISLEADING if facts["min_familywise_p"] < 0.05 else NOT_SUPPORTED


def part_12_ether(f: Mapping[str, Any]) -> str:
    """Claim 12, part (a): ether against bitcoin in risk-on months, under every definition."""
    lows = [f[f"{d}_ci_low_pct"] for d in f["definitions"]]
    highs = [f[f"{d}_ci_high_pct"] for d in f["definitions"]]
    if all(lo > 0 for lo in lows):
        return SUPPORTED
    if all(hi < 0 for hi in highs):
        return FALSE
    return NOT_SUPPORTED


def _season(key: str, higher: bool) -> Callable[[Mapping[str, Any]], str]:
    def rule(f: Mapping[str, Any]) -> str:
        verdicts = []
        for a in f["assets"]:
            lo, hi = f[f"{a}_{key}_ci_low_pct"], f[f"{a}_{key}_ci_high_pct"]
            if (lo > 0) if higher else (hi < 0):
                verdicts.append(SUPPORTED)
            elif (hi < 0) if higher else (lo > 0):
                verdicts.append(FALSE)
            else:
                verdicts.append(NOT_SUPPORTED)
        return most_favourable(verdicts)

    rule.__doc__ = (f"Claim 13: months '{key}' {'beat' if higher else 'lagged'} the other months, 95% interval "
                    "excluding zero (supported), in the opposite direction (false), or neither (not supported); "
                    "most favourable over assets.")
    return rule


part_13_q1 = _season("q1", True)
part_13_novdec = _season("novdec", False)


def rule_14(facts: Mapping[str, Any]) -> str:
    """Claim 14 rule: per measure, then the most favourable over measures."""
    verdicts = []
    for m in facts["measures"]:
        if facts[f"{m}_r_year"] > facts[f"{m}_r_before"]:
            verdicts.append(SUPPORTED if facts[f"{m}_p_higher"] < 0.05 else NOT_SUPPORTED)
        else:
            verdicts.append(FALSE)
    return most_favourable(verdicts)


_REPO_SETTLE = ("the New York Fed's repo operation results (daily amounts by operation), newyorkfed.org")
# claim -> parts: (key, text, rule in words, rule function, facts it reads, what would settle it)
_PARTS: dict[int, tuple[tuple[str, str, str, Callable[[Mapping[str, Any]], str], tuple[str, ...], str], ...]] = {
    1: (("a", "runoff stopped in December 2025 (the balance sheet)",
         "supported if Treasury holdings fell in the weeks before the end of runoff and did not fall more than the "
         "tolerance below that week's level afterwards; false otherwise",
         part_01_stopped, ("treasuries_change_before_bn", "treasuries_fall_after_bn", "tolerance_bn"), ""),
        ("b", "the Fed formally decided it (the policy-event table)",
         "false if the table has no qt_end decision taking effect in the claimed month; supported if it has one in "
         "a row checked against the release or the data (checked: primary or data); cannot be checked if the row "
         "rests on secondary copies only",
         part_01_decision, ("decision_in_claimed_month", "checked"),
         "the FOMC statement and implementation note of 29 October 2025 read on federalreserve.gov (the table's "
         "row rests on secondary copies)")),
    2: (("a", "about $2 trillion: the size of the balance sheet's shrinkage",
         "supported if every measure (total assets or securities, from the 2022 peak or from 1 June 2022) rounds to "
         "the claimed size (nearest trillion); misleading if only some do; false if none does",
         part_02_size, ("n_measures", "n_matching"), ""),
        ("b", "'withdrew liquidity from financial markets': where the drain landed",
         "supported if bank reserves or net liquidity fell by an amount rounding to the claimed size; misleading if "
         "they did not but the balance sheet did shrink by it (a real drain, given the wrong name); false if neither",
         part_02_liquidity, ("reserves_fall_tn", "net_liquidity_fall_tn", "claimed_tn", "step_tn", "n_matching"), ""),
        ("c", "'over three years': how long runoff lasted",
         "supported if the months of runoff, in years, round to the claimed span (nearest year; a half year counts, "
         "as for 'about'); false otherwise",
         part_02_years, ("runoff_months", "claimed_years"), "")),
    3: (("a", "Treasury purchases restarted in Q1 2025 at $35 billion a month",
         "false if Treasury holdings fell over Q1 and the first purchase decision of the year came after Q1; "
         "supported if holdings rose and a purchase decision came in Q1; misleading otherwise",
         part_03_purchases, ("q1_end", "first_purchase_decision", "treasuries_change_q1_bn"), ""),
        ("b", "$45 billion injected through repo operations, and a '$38 billion repo operation'",
         "cannot be checked: the snapshot holds no repo-operation series",
         _not_in_data("repo_operations_in_data"), ("repo_operations_in_data",), _REPO_SETTLE)),
    5: (("a", "'from about $8.7 trillion' in early 2023",
         "supported if total assets at the start of 2023 round to the claim (nearest $0.1 trillion); misleading if "
         "only a short-lived level later in the first half of 2023 does; false if neither",
         part_05_level, ("start_matches", "peak_matches"), ""),
        ("b", "the balance sheet shrank by the end of 2025",
         "supported if total assets were lower at the end than at the start; false otherwise",
         part_05_shrank, ("shrank",), "")),
    6: (("a", "bitcoin rose 11% after the announcement",
         "supported if any measured return reaches the claimed rise (nearest percent); not supported by this data if "
         "none does but the best comes within half of it; false if the best is less than half of it",
         part_06_rise, ("reaches_claim", "max_return_pct", "claimed_pct"), ""),
        ("b", "$590 million of leveraged positions liquidated in the 24 hours before",
         "cannot be checked: the snapshot holds no derivatives or liquidation data",
         _not_in_data("liquidations_in_data"), ("liquidations_in_data",),
         "exchange liquidation data (futures and perpetual swaps across the main exchanges, hour by hour)")),
    8: (("a", "the article's historical pivots (2019, 2020, '2023')",
         "per asset: false if at no horizon (6, 12, 18 months) were all pivots followed by gains; supported if at some "
         "horizon all were and random windows would do as well less than 5% of the time; misleading if all were but "
         "random windows would often do as well. Most favourable over BTC and ETH",
         part_08_article, ("assets", "*_any_horizon_all_positive", "*_min_chance_random"), ""),
        ("b", "the article's own definition of a pivot — rate cuts together with the end of QT (2025) — so far",
         "per asset and pivot, at 6, 12 and 18 months: a gain if any horizon in the data shows a rise; supported if "
         "every pivot shows one; false if a pivot shows none with every horizon in the data; otherwise cannot be "
         "checked yet (a horizon is not reached). Most favourable over BTC and ETH",
         part_08_own, ("own_assets", "own_returns_pct"),
         "prices up to 18 months after the last of the 2025 pivots")),
    10: (("a", "total crypto market value fell 15% in 2025",
          "the snapshot has no total market value, so the figure used is the outside one named in the evidence: "
          "supported if it rounds to the claimed fall (nearest percent); not supported if it shows a fall of another "
          "size; false if a rise; cannot be checked without a figure",
          part_10_market, ("market_cap_change_pct", "claimed_pct"),
          "a daily total crypto market-capitalisation series with a documented method (which coins, which supply)"),
         ("b", "'under QT': the year as the event table dates it",
          "supported if runoff ran all year, was not slowed and rates were not cut; misleading if runoff ran for part "
          "of the year or was slowed, or rates were cut (a year that mixed QT with easing); false if no runoff",
          part_10_under_qt, ("runoff_months_in_year", "runoff_slowed_in_year", "cuts_in_year"), "")),
    12: (("a", "ether outperforms bitcoin when risk appetite returns",
          "supported if under every definition of 'risk-on' ETH beat BTC on average with a 95% interval above zero; "
          "false if under every definition it lagged with an interval below zero; not supported by this data "
          "otherwise",
          part_12_ether, ("definitions", "*_ci_low_pct", "*_ci_high_pct"), ""),
         ("b", "altcoins follow 1–3 months after bitcoin",
          "cannot be checked: the snapshot has no altcoin prices",
          _not_in_data("altcoins_in_data"), ("altcoins_in_data",),
          "daily prices of a fixed, survivorship-free list of altcoins (including coins that later died)")),
    13: (("a", "Q1 is the peak season: prices do better in January–March",
          "per asset: supported if Jan–Mar beat the other months with a 95% interval above zero; false if the "
          "interval is below zero; not supported by this data otherwise. Most favourable over BTC and ETH",
          part_13_q1, ("assets", "*_q1_ci_low_pct", "*_q1_ci_high_pct"), ""),
         ("b", "tax-loss selling in November–December weighs on prices",
          "per asset: supported if Nov–Dec lagged the other months with a 95% interval below zero; false if the "
          "interval is above zero; not supported by this data otherwise. Most favourable over BTC and ETH",
          part_13_novdec, ("assets", "*_novdec_ci_low_pct", "*_novdec_ci_high_pct"), ""),
         ("c", "the flows themselves (new money in Q1, tax-loss sales)",
          "cannot be checked: the snapshot holds prices, not flows",
          _not_in_data("flows_in_data"), ("flows_in_data",),
          "monthly ETF and exchange inflows; realised losses in tax-lot data")),
}

PART_RULES: dict[int, dict[str, Callable[[Mapping[str, Any]], str]]] = {
    n: {key: fn for key, _, _, fn, _, _ in parts} for n, parts in _PARTS.items()}


def _from_parts(number: int) -> Callable[[Mapping[str, Any]], str]:
    def rule(facts: Mapping[str, Any]) -> str:
        return overall_verdict(fn(_subset(facts, keys)) for _, _, _, fn, keys, _ in _PARTS[number])

    rule.__name__ = f"rule_{number:02d}"
    rule.__doc__ = (f"Claim {number} rule: :func:`overall_verdict` of its parts' verdicts "
                    f"(``PART_RULES[{number}]``).")
    return rule


rule_01, rule_02, rule_03, rule_05, rule_06 = (_from_parts(n) for n in (1, 2, 3, 5, 6))
rule_08, rule_10, rule_12, rule_13 = (_from_parts(n) for n in (8, 10, 12, 13))

RULES: dict[int, Callable[[Mapping[str, Any]], str]] = {
    1: rule_01, 2: rule_02, 3: rule_03, 4: rule_04, 5: rule_05, 6: rule_06, 7: rule_07,
    8: rule_08, 9: rule_09, 10: rule_10, 11: rule_11, 12: rule_12, 13: rule_13, 14: rule_14,
}


# ---------------------------------------------------------------------------
# Claims 1-5: the Fed's actions and the size of its balance sheet
# ---------------------------------------------------------------------------
def _qt_end_row(claimed_month: str) -> tuple[pd.Timestamp | None, pd.Timestamp | None, str, str]:
    from helpers.events import effective_date

    ev = _events()
    rows = ev[ev["kind"] == "qt_end"]
    for date, row in rows.iterrows():
        eff = effective_date(row["effective"], date)
        if f"{eff:%Y-%m}" == claimed_month:
            return date, eff, str(row["checked"]), str(row["caveat"] or "")
    return None, None, "", ""


@lru_cache(maxsize=None)
def _claim_01(claimed_month: str, tolerance_bn: float, weeks_before: int) -> Evidence:
    fb = _fb()
    announced, eff, checked, caveat = _qt_end_row(claimed_month)
    when = eff if eff is not None else pd.Timestamp(f"{claimed_month}-01")
    w = _week(when)
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
    numbers = _table([
        {"item": "qt_end decision announced", "value": f["announced"] or "none in the table"},
        {"item": "runoff concluded (effective)", "value": f["effective"] or "—"},
        {"item": "event row checked against the release", "value": f["checked"] or "—"},
        {"item": f"Treasuries, week of {f['week']} ($ bn)", "value": f"{tsy:,.0f}"},
        {"item": f"Treasuries, change in the {weeks_before} weeks before ($ bn)",
         "value": _fmt_bn(f["treasuries_change_before_bn"])},
        {"item": "Treasuries, lowest level after that week ($ bn)", "value": f"{tsy_min_after:,.0f}"},
        {"item": f"Treasuries, change to the latest week {f['latest_week']} ($ bn)",
         "value": _fmt_bn(f["treasuries_change_to_latest_bn"])},
        {"item": "MBS, change to the latest week ($ bn)", "value": _fmt_bn(f["mbs_change_to_latest_bn"])},
    ])
    row_ok = _confirmed(checked)
    facts["decision_row_confirmed"] = row_ok
    reason = (f"Treasury holdings fell {abs(f['treasuries_change_before_bn']):,.0f} bn in the {weeks_before} weeks "
              f"before {f['effective']} and have not fallen since; the decision (announced {f['announced']}) is in "
              f"the event table as '{f['checked']}'"
              + ("" if row_ok else " — checked against secondary copies only, so the table alone cannot back "
                                   "'formally'")
              if announced is not None else "no qt_end decision took effect in that month")
    explanation = (
        f"The FOMC announced on {f['announced']} that balance-sheet runoff would conclude on {f['effective']}. "
        + (f"The event row is '{f['checked']}': checked against the statement and its implementation note. "
           if row_ok else
           f"The event row is '{f['checked']}': the course checked it only against secondary copies of the "
           "statement, so part (b) cannot be checked with this table — read the linked statement to settle it. ")
        + f"The balance sheet does not depend on that label: Treasury "
        f"holdings fell by ${abs(f['treasuries_change_before_bn']):,.0f} billion in the {weeks_before} weeks before the "
        f"week of {f['week']}, " + (f"never fell below that week's ${tsy:,.0f} billion afterwards"
                                    if f["treasuries_fall_after_bn"] < 0.5 else
                                    f"fell at most ${f['treasuries_fall_after_bn']:,.0f} billion below that week's "
                                    f"${tsy:,.0f} billion afterwards")
        + f", and stood ${f['treasuries_change_to_latest_bn']:,.0f} billion higher by {f['latest_week']}. MBS kept "
        f"maturing (a further ${-f['mbs_change_to_latest_bn']:,.0f} billion), but from then on that principal was "
        "reinvested in Treasury bills, so total securities stopped shrinking. The decision was announced in October "
        "and took effect on 1 December."
        if announced is not None else
        f"The event table has no end of runoff effective in {claimed_month}.")
    if caveat:
        explanation += f" Caveat from the table: {caveat}"
    settle = ("" if announced is None or row_ok else
              f"the FOMC statement and implementation note of {f['announced']} read on federalreserve.gov, to "
              "confirm the event row (now checked against secondary copies only)")
    return _evidence(1, facts, numbers, reason, explanation, settle,
                     sources=_event_urls(f["announced"]) if announced is not None else [])


def claim_01(claimed_month: str = "2025-12", tolerance_bn: float = 5.0, weeks_before: int = 26) -> Evidence:
    """Claim 1: the Fed ended QT in December 2025.

    ``claimed_month`` ('YYYY-MM'): the month the claim names; ``tolerance_bn`` ($ billions): how far
    Treasury holdings may dip after the end of runoff and still count as "no longer falling"
    (week-to-week noise); ``weeks_before``: the span before the end over which holdings should fall.
    """
    if not isinstance(claimed_month, str):
        raise TypeError(f"claimed_month must be a str such as '2025-12', got {type(claimed_month).__name__}")
    if not re.fullmatch(r"(19|20)\d\d-(0[1-9]|1[0-2])", claimed_month):
        raise ValueError(f"claimed_month={claimed_month!r} is not a month; allowed: 'YYYY-MM' such as '2025-12'")
    tol = check_number("tolerance_bn", tolerance_bn, 0.0, 500.0)
    wb = check_int("weeks_before", weeks_before, 1, 260)
    return _fresh(_claim_01(claimed_month, tol, wb))


@lru_cache(maxsize=None)
def _claim_02(end: pd.Timestamp, claimed_tn: float, step_tn: float) -> Evidence:
    from helpers.balance_sheet import drain_decomposition, qt_size

    fb = _fb()
    size = qt_size(fb, peak_from="2022-01-01", peak_to="2022-12-31", end=end)
    w0, w1 = _week("2022-06-01"), _week(end)
    sec = fb["treasuries"] + fb["mbs"]
    measures = [
        ("Total assets, 2022 peak", size.loc["Total assets", "peak week"], size.loc["Total assets", "change"]),
        ("Total assets, from 2022-06-01", w0.date(), fb.loc[w1, "total_assets"] - fb.loc[w0, "total_assets"]),
        ("Securities, 2022 peak", size.loc["Securities (Treasuries + MBS)", "peak week"],
         size.loc["Securities (Treasuries + MBS)", "change"]),
        ("Securities, from 2022-06-01", w0.date(), sec[w1] - sec[w0]),
    ]
    drain = drain_decomposition(fb, start="2022-06-01", end=end)
    rows, changes, k = [], [], 0
    for name, start_week, change in measures:
        tn = -float(change) / 1000
        ok = matches(tn, claimed_tn, step_tn)
        k += ok
        changes.append(tn)
        rows.append({"measure": name, "from week": f"{pd.Timestamp(start_week):%Y-%m-%d}", "to week": f"{w1:%Y-%m-%d}",
                     "shrank by ($ tn)": round(tn, 2), "rounds to the claim": "yes" if ok else "no",
                     "used by rule": "yes"})
    liab = {"Reserves": "Reserves", "ON RRP": "ON RRP"}
    for label, item in liab.items():
        rows.append({"measure": f"{label} (where the drain landed)", "from week": f"{w0:%Y-%m-%d}",
                     "to week": f"{w1:%Y-%m-%d}", "shrank by ($ tn)": round(-float(drain.loc[item, "change"]) / 1000, 2),
                     "rounds to the claim": "—", "used by rule": "no"})
    nl = -float(fb.loc[w1, "net_liquidity"] - fb.loc[w0, "net_liquidity"]) / 1000
    rows.append({"measure": "Net liquidity (assets − TGA − ON RRP)", "from week": f"{w0:%Y-%m-%d}",
                 "to week": f"{w1:%Y-%m-%d}", "shrank by ($ tn)": round(nl, 2), "rounds to the claim": "—",
                 "used by rule": "no"})
    years = (pd.Timestamp(end) - pd.Timestamp("2022-06-01")).days / 365.25
    end_ts = pd.Timestamp(end)
    runoff_months = (end_ts.year - 2022) * 12 + end_ts.month - 6 + (1 if end_ts.day > 1 else 0)
    facts = {"claimed_tn": claimed_tn, "step_tn": step_tn, "changes_tn": changes, "n_measures": len(changes),
             "runoff_months": int(runoff_months), "claimed_years": 3.0,
             "n_matching": int(k), "min_tn": min(changes), "max_tn": max(changes), "years": years,
             "reserves_fall_tn": -float(drain.loc["Reserves", "change"]) / 1000,
             "on_rrp_fall_tn": -float(drain.loc["ON RRP", "change"]) / 1000,
             "on_rrp_share": float(drain.loc["ON RRP", "share of asset change"]),
             "net_liquidity_fall_tn": nl}
    f = facts
    reason = (f"The balance sheet shrank by ${f['min_tn']:.2f}–{f['max_tn']:.2f} trillion depending on the measure, "
              f"over {runoff_months} months of runoff; but bank reserves fell only ${f['reserves_fall_tn']:.2f} trillion "
              f"and net liquidity ${f['net_liquidity_fall_tn']:.2f} trillion — {f['on_rrp_share']:.0%} of the drain "
              "came out of the ON RRP facility")
    explanation = (
        f"Measured from the 2022 peak or from the start of runoff on 1 June 2022, to the week nearest {end:%Y-%m-%d}, "
        f"total assets and securities fell by ${f['min_tn']:.2f} to ${f['max_tn']:.2f} trillion: {k} of {len(changes)} "
        f"measures round to 'about ${claimed_tn:g} trillion', so the size is about right"
        + (" (if anything a little low)" if f["min_tn"] > claimed_tn else "")
        + f" (part a). Runoff lasted {runoff_months} months, June 2022 to November 2025 — {runoff_months / 12:.1f} "
        "years, at the edge of rounding to 'three' (part c). 'Withdrew liquidity' is where the claim goes wrong "
        f"(part b): {f['on_rrp_share']:.0%} of the fall in assets "
        f"came out of the ON RRP facility (${f['on_rrp_fall_tn']:.2f} trillion), cash money funds had parked at the "
        f"Fed; bank reserves fell only ${f['reserves_fall_tn']:.2f} trillion and net liquidity "
        f"${f['net_liquidity_fall_tn']:.2f} trillion. The claim that this drain drove the 2022–23 crypto bear market "
        "is a separate, causal claim (see claims 11 and 14).")
    return _evidence(2, facts, _table(rows), reason, explanation,
                     sources=[_event_url("2022-05-04"), _event_url("2025-10-29"), H41])


def claim_02(end: str = "2025-12-01", claimed_tn: float = 2.0, step_tn: float = 1.0) -> Evidence:
    """Claim 2: about $2 trillion withdrawn by QT since 2022.

    ``end``: the end of QT to measure to (the week nearest is used); ``claimed_tn`` ($ trillions)
    and ``step_tn`` (the claim's precision, $ trillions) feed :func:`matches`.
    """
    end_ts = check_date("end", end, "2022-07-01", _fb().index[-1])
    return _fresh(_claim_02(end_ts, check_number("claimed_tn", claimed_tn, 0.0, 20.0),
                            check_number("step_tn", step_tn, 0.001, 10.0)))


@lru_cache(maxsize=None)
def _claim_03(year: int) -> Evidence:
    from helpers.balance_sheet import monthly_pace

    fb, ev = _fb(), _events()
    q1_start, q1_end = pd.Timestamp(f"{year}-01-01"), pd.Timestamp(f"{year}-04-01")
    w0, w1 = _week(q1_start), _week(q1_end)
    change = float(fb.loc[w1, "treasuries"] - fb.loc[w0, "treasuries"])
    pace = monthly_pace(fb, "treasuries", q1_start, q1_end)
    month_rows, falling = [], 0
    for m in range(1, 4):
        a, b = _week(pd.Timestamp(year, m, 1)), _week(pd.Timestamp(year, m + 1, 1))
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
    rows = [{"item": f"Treasuries, {w0:%Y-%m-%d} to {w1:%Y-%m-%d} ($ bn)", "value": _fmt_bn(change)},
            {"item": "Treasuries, average change a month over Q1 ($ bn)", "value": f"{pace:+.1f}"}]
    rows += [{"item": f"Treasuries, {label} ($ bn)", "value": _fmt_bn(d)} for label, _, _, d in month_rows]
    rows += [{"item": "Q1 balance-sheet decision in the table", "value": slow_text or "none"},
             {"item": "first purchase decision (rmp / QE) of the year",
              "value": (f"{first:%Y-%m-%d} ({ev.loc[first, 'kind']}, effective {ev.loc[first, 'effective']}, "
                        f"{ev.loc[first, 'checked']})") if first is not None else "none"},
             {"item": "first week Treasuries rose by more than $5 bn", "value": facts["first_weekly_rise_over_5bn"] or "—"}]
    for d, r in srf.iterrows():
        rows.append({"item": f"Standing Repo Facility record {d:%Y-%m-%d} (checked: {r['checked']})",
                     "value": f"{r['key_numbers']} — {r['caveat']}"})
    reason = (f"Treasury holdings fell ${abs(change):,.0f} bn in Q1 {year}; purchases (of bills) were decided only on "
              f"{facts['first_purchase_decision']}")
    explanation = (
        f"In Q1 {year} the Fed was still running off Treasuries: holdings fell by ${abs(change):,.0f} billion "
        f"(about ${abs(pace):,.0f} billion a month, in {falling} of 3 months). The only Q1 decision in the table slowed "
        f"runoff ({slow_text}) — fewer securities leaving, not purchases."
        + (" The $35 billion a month in the claim matches the cap on MBS runoff: money leaving the Fed's balance "
           "sheet, not coming in." if mbs_35 else "")
        + " Purchases — of Treasury bills, for reserve "
        f"management — were decided on {facts['first_purchase_decision']} (effective {facts['first_purchase_effective']}), "
        f"and the first weekly rise in holdings of more than $5 billion came on {facts['first_weekly_rise_over_5bn']}. "
        f"The repo figures ($45 billion, $38 billion) cannot be checked here: the snapshot holds no repo-operation "
        f"series; the event table's {len(srf)} Standing Repo Facility record(s) for {year} "
        f"({', '.join(f'{d:%Y-%m-%d}' for d in srf.index)}) come from press reports (checked: "
        f"{', '.join(facts['srf_checked'])}) and are overnight loans repaid the next day, not lasting injections.")
    settle = ("the New York Fed's repo and reverse repo operation results (daily amounts by operation) and the "
              "Treasury purchase and sale results, newyorkfed.org")
    return _evidence(3, facts, _table(rows), reason, explanation, settle,
                     sources=[_event_url(f"{year}-03-19"), *(_event_urls(f"{first:%Y-%m-%d}") if first is not None else []),
                              NYFED_REPO])


def claim_03(year: int = 2025) -> Evidence:
    """Claim 3: Treasury purchases restarted in Q1 ``year`` at $35 billion a month (repo figures not in the data)."""
    fb = _fb()
    return _fresh(_claim_03(check_int("year", year, 2003, int(fb.index[-1].year))))


@lru_cache(maxsize=None)
def _claim_04(claimed: pd.Timestamp, year: int) -> Evidence:
    from helpers.events import effective_date, rate_turns

    ev = _events()
    turns = rate_turns()
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
    for _, t in in_year.iterrows():
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
    reason = (f"The target range was cut {f['n_cuts']} times in {year}, first on {f['first_cut_announced']}; "
              f"{claimed:%Y-%m-%d} was the end of runoff, not a cut")
    explanation = (
        f"The daily target range shows {f['n_cuts']} cuts announced in {year}: {', '.join(f['cut_dates'])} (each "
        "takes effect the next day). The first came more than two months before the claimed date. On "
        f"{claimed:%Y-%m-%d} the target range did not change; what happened that day was the end of balance-sheet "
        "runoff decided on 29 October. The claim seems to mix up the end of QT with a rate cut.")
    sources = [u for d in f["cut_dates"] for u in [_event_url(d)]]
    return _evidence(4, facts, pd.DataFrame(rows).set_index("announced"), reason, explanation, sources=sources)


def claim_04(claimed_date: str = "2025-12-01", year: int = 2025) -> Evidence:
    """Claim 4: rate cuts delayed until ``claimed_date`` in ``year`` (target range from policy_rates)."""
    ts = check_date("claimed_date", claimed_date)
    y = check_int("year", year, 2009, 2026)
    if ts.year != y:
        raise ValueError(f"claimed_date={claimed_date!r} is not in year={y}; allowed: a date in that year")
    return _fresh(_claim_04(ts, y))


@lru_cache(maxsize=None)
def _claim_05(claimed_tn: float, step_tn: float, start: pd.Timestamp, end: pd.Timestamp) -> Evidence:
    fb, ev = _fb(), _events()
    w0, w1 = _week(start), _week(end)
    ta = fb["total_assets"] / 1000
    early = ta.loc[start:start + pd.DateOffset(months=2) - pd.Timedelta(days=1)]
    half = ta.loc[start:start + pd.DateOffset(months=6) - pd.Timedelta(days=1)]
    peak_w = half.idxmax()
    spike_from = ta.loc[:peak_w].loc[peak_w - pd.Timedelta(days=21):].idxmin()
    other_jump = float(fb.loc[peak_w, "other_assets"] - fb.loc[spike_from, "other_assets"])
    above = ta.loc[start:end] >= claimed_tn - step_tn / 2
    weeks_matching = int((ta.loc[start:end].sub(claimed_tn).abs() <= step_tn / 2).sum())
    btfp = ev[(ev.index >= start) & (ev.index <= peak_w) & (ev["kind"] == "facility")]
    facts = {"claimed_tn": claimed_tn, "step_tn": step_tn, "start_week": f"{w0:%Y-%m-%d}",
             "start_level_tn": float(ta[w0]), "start_matches": matches(float(ta[w0]), claimed_tn, step_tn),
             "early_min_tn": float(early.min()), "early_max_tn": float(early.max()),
             "peak_week": f"{peak_w:%Y-%m-%d}", "peak_level_tn": float(half.max()),
             "peak_matches": matches(float(half.max()), claimed_tn, step_tn),
             "weeks_at_claimed_level": weeks_matching, "weeks_at_or_above": int(above.sum()),
             "other_assets_jump_bn": other_jump, "jump_from_week": f"{spike_from:%Y-%m-%d}",
             "end_week": f"{w1:%Y-%m-%d}", "end_level_tn": float(ta[w1]),
             "shrank": bool(ta[w1] < ta[w0]), "change_tn": float(ta[w1] - ta[w0]),
             "facility_rows": [f"{d:%Y-%m-%d} ({r['checked']})" for d, r in btfp.iterrows()]}
    f = facts
    rows = [
        {"item": f"total assets, week of {f['start_week']} ($ tn)", "value": f"{f['start_level_tn']:.2f}",
         "rounds to the claim": "yes" if f["start_matches"] else "no"},
        {"item": f"range in the first two months of {start.year} ($ tn)",
         "value": f"{f['early_min_tn']:.2f}–{f['early_max_tn']:.2f}", "rounds to the claim": "—"},
        {"item": f"highest in the first half of {start.year}, week of {f['peak_week']} ($ tn)",
         "value": f"{f['peak_level_tn']:.2f}", "rounds to the claim": "yes" if f["peak_matches"] else "no"},
        {"item": f"weeks from {f['start_week']} to {f['end_week']} rounding to the claim", "value": str(weeks_matching),
         "rounds to the claim": "—"},
        {"item": f"'other assets' (loans), {f['jump_from_week']} to {f['peak_week']} ($ bn)",
         "value": _fmt_bn(other_jump), "rounds to the claim": "—"},
        {"item": f"total assets, week of {f['end_week']} ($ tn)", "value": f"{f['end_level_tn']:.2f}",
         "rounds to the claim": "—"},
    ]
    caveat = str(btfp["caveat"].iloc[0]) if len(btfp) else ""
    btfp_checked = str(btfp["checked"].iloc[0]) if len(btfp) else ""
    reason = (f"Total assets were ${f['start_level_tn']:.2f} tn at the start of {start.year}; only the "
              f"{f['peak_week']} emergency-lending spike reached ${f['peak_level_tn']:.2f} tn")
    explanation = (
        f"At the start of {start.year} total assets were ${f['start_level_tn']:.2f} trillion (week of {f['start_week']}) "
        f"and stayed between ${f['early_min_tn']:.2f} and ${f['early_max_tn']:.2f} trillion in the first two months. "
        f"The level 'about ${claimed_tn:g} trillion' appears only in the weeks after Silicon Valley Bank failed: "
        f"emergency lending (the Bank Term Funding Program announced on 12 March 2023, and discount-window loans) "
        f"lifted 'other assets' by ${other_jump:,.0f} billion and total assets to ${f['peak_level_tn']:.2f} trillion in "
        f"the week of {f['peak_week']} ({weeks_matching} weeks in all round to the claimed figure). That was lending to "
        f"banks, not QT policy. The direction is right: by {f['end_week']} total assets were ${f['end_level_tn']:.2f} "
        f"trillion, ${-f['change_tn']:.2f} trillion below the start of {start.year}.")
    if caveat:
        explanation += (f" (Event row 2023-03-12 is '{btfp_checked}': {caveat} The verdict rests on the H.4.1 "
                        "numbers, not on that row.)")
    return _evidence(5, facts, _table(rows), reason, explanation, sources=[*_event_urls("2023-03-12"), H41])


def claim_05(claimed_tn: float = 8.7, step_tn: float = 0.1, start: str = "2023-01-01",
             end: str = "2025-12-31") -> Evidence:
    """Claim 5: the balance sheet shrank from about $8.7 trillion (early 2023) to the end of 2025.

    ``claimed_tn``/``step_tn`` ($ trillions) feed :func:`matches`; ``start`` and ``end`` are the
    claim's period (nearest weeks are used).
    """
    s, e = check_date("start", start), check_date("end", end)
    fb = _fb()
    if not (fb.index[0] <= s < e <= fb.index[-1] + pd.Timedelta(days=7)):
        raise ValueError(f"start={start!r}, end={end!r}: need start < end within "
                         f"{fb.index[0]:%Y-%m-%d} to {fb.index[-1]:%Y-%m-%d}")
    return _fresh(_claim_05(check_number("claimed_tn", claimed_tn, 0.0, 20.0),
                            check_number("step_tn", step_tn, 0.001, 5.0), s, e))


# ---------------------------------------------------------------------------
# Claims 6, 9, 10: market moves
# ---------------------------------------------------------------------------
def announcement_returns(dates: Iterable[str] = ("2025-10-29", "2025-12-10"),
                         horizons: Iterable[int] = (1, 7, 30)) -> pd.DataFrame:
    """BTC returns (percent) after each date, from two starting closes, over each horizon (calendar days).

    Rows: date × start (``close before``: the last daily close before the date — the FOMC statement
    comes at 2 pm US Eastern, before that UTC day's close; ``close of the day``: that day's UTC close,
    a few hours after the statement). Columns ``<h>d`` (to the first close on or after start + h
    days) and ``best within 30d`` (the highest close in the 30 days after the start).
    """
    ds = [check_date("dates (each)", d) for d in (dates if not isinstance(dates, str) else [dates])]
    hs = _check_ints("horizons", horizons, 1, 365)
    s = _btc()
    rows = []
    for d in ds:
        if not s.index[0] < d <= s.index[-1] - pd.Timedelta(days=max(hs + (30,))):
            raise ValueError(f"dates: {d:%Y-%m-%d} leaves no full window in BTC's data "
                             f"({s.index[0]:%Y-%m-%d} to {s.index[-1]:%Y-%m-%d})")
        starts = {"close before": _close_before(s, d), "close of the day": _close_on_or_after(s, d)}
        for label, (t0, p0) in starts.items():
            row = {"date": f"{d:%Y-%m-%d}", "start": label, "start close": f"{t0:%Y-%m-%d}"}
            for h in hs:
                _, p1 = _close_on_or_after(s, t0 + pd.Timedelta(days=h))
                row[f"{h}d"] = 100 * (p1 / p0 - 1)
            window = s.loc[t0 + pd.Timedelta(days=1):t0 + pd.Timedelta(days=30)]
            row["best within 30d"] = 100 * (float(window.max()) / p0 - 1)
            rows.append(row)
    return pd.DataFrame(rows).set_index(["date", "start"])


@lru_cache(maxsize=None)
def _claim_06(dates: tuple[pd.Timestamp, ...], horizons: tuple[int, ...], claimed_pct: float,
              step_pct: float) -> Evidence:
    table = announcement_returns([f"{d:%Y-%m-%d}" for d in dates], horizons)
    values = table.drop(columns=["start close"])
    best = float(values.to_numpy().max())
    where = values.stack().idxmax()
    worst = float(values.to_numpy().min())
    facts = {"claimed_pct": claimed_pct, "step_pct": step_pct, "dates": [f"{d:%Y-%m-%d}" for d in dates],
             "horizons": list(horizons), "max_return_pct": best, "max_at": " / ".join(map(str, where)),
             "min_return_pct": worst, "reaches_claim": reaches(best, claimed_pct, step_pct),
             "liquidations_in_data": False}
    reason = (f"After {' and '.join(facts['dates'])} the best BTC move in any window measured was {best:+.1f}%, "
              f"short of +{claimed_pct:g}%") if not facts["reaches_claim"] else (
              f"BTC rose {best:+.1f}% ({facts['max_at']})")
    explanation = (
        f"The article does not say which announcement or over what window, so every reading was tried: the FOMC "
        f"decisions of {' and '.join(facts['dates'])}, from the close before and the close of the announcement day, "
        f"over {', '.join(f'{h}' for h in horizons)} days, and the best close within 30 days. The largest move "
        f"was {best:+.1f}% ({facts['max_at']}); the worst {worst:+.1f}%. None reaches +{claimed_pct:g}% in daily "
        "closes. An intraday swing, or another date (a speech, a different week), could differ; daily closes cannot "
        "see intraday moves. The $590 million of liquidations in the 24 hours before cannot be checked: the snapshot "
        "holds no derivatives data."
        if not facts["reaches_claim"] else
        f"BTC rose {best:+.1f}% ({facts['max_at']}), which reaches the claimed +{claimed_pct:g}%. The liquidation "
        "figure cannot be checked with this data.")
    settle = ("exchange liquidation data (futures and perpetual swaps across the main exchanges, hour by hour) for "
              "the liquidation figure; intraday BTC prices around 2 pm US Eastern for the immediate reaction")
    sources = [u for d in facts["dates"] for u in [_event_url(d)]]
    return _evidence(6, facts, table.round(1), reason, explanation, settle, sources)


def claim_06(dates: Iterable[str] = ("2025-10-29", "2025-12-10"), horizons: Iterable[int] = (1, 7, 30),
             claimed_pct: float = 11.0, step_pct: float = 1.0) -> Evidence:
    """Claim 6: BTC rose 11% after the policy announcement (liquidations are not in the data)."""
    ds = tuple(check_date("dates (each)", d) for d in (dates if not isinstance(dates, str) else [dates]))
    if not ds:
        raise ValueError("dates is empty; give at least one announcement date such as '2025-12-10'")
    return _fresh(_claim_06(ds, _check_ints("horizons", horizons, 1, 365),
                            check_number("claimed_pct", claimed_pct, -100.0, 1000.0),
                            check_number("step_pct", step_pct, 0.01, 50.0)))


@lru_cache(maxsize=None)
def _claim_09(low: float, high: float, start: pd.Timestamp, horizon_days: int | None, reading: str) -> Evidence:
    s = _btc()
    t0, p0 = _close_on_or_after(s, start)
    ann = _close_on_or_after(s, pd.Timestamp("2025-10-29"))
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
        end_close = _close_on_or_after(s, hend)[1] if inside else float("nan")
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
    reason = (f"With no horizon given, the record so far: BTC closed in the range on {f['days_in_range']} of "
              f"{f['closes_observed']} days (first on {f['first_day_at_or_above_low'] or 'no day'}, high "
              f"${f['max_close']:,.0f}) and stood at ${f['last_close']:,.0f} on {f['last_date']}"
              + (f", below the range; at the end of runoff it was only {f['gap_to_low_at_start_pct']:.1f}% below it"
                 if f["last_close"] < low and f["gap_to_low_at_start_pct"] > 0 else ""))
    explanation = (
        f"This is a forecast, not a fact. When runoff ended on {f['start']} BTC closed at ${p0:,.0f} (it had been "
        f"${ann[1]:,.0f} on the announcement day). It first closed at or above ${low:,.0f} on "
        f"{f['first_day_at_or_above_low'] or 'no day'}, closed inside the range on {f['days_in_range']} days, peaked at "
        f"${f['max_close']:,.0f} on {f['max_date']}, and was ${f['last_close']:,.0f} on {f['last_date']}. The range's "
        f"lower end was {f['gap_to_low_at_start_pct']:.1f}% above the close when runoff ended; on "
        f"{f['chance_touch_30d']:.0%} of all earlier days bitcoin closed at least that much higher within 30 days, "
        "so touching it says little about QT. "
        + ("It never closed above the upper end. " if f["closes_above_high"] == 0 else "")
        + "Whether that "
        "'confirms' the forecast depends on a horizon the article never gave: "
        + (f"if 'reach' means touching the range at any time, that happened on {f['first_day_at_or_above_low']}, "
           f"{to_first} day{'s' if to_first != 1 else ''} after the end of runoff; " if to_first is not None else "")
        + ("if it means being there at the end of some period, it depends on the period: at the end of the data "
           f"BTC was {100 * (1 - f['last_close'] / low):.0f}% below the range. " if f["last_close"] < low else
           "at the end of the data BTC was at or above the range's lower end. ")
        + "A forecast of a range is a statement about probabilities; one realised path "
        "cannot show whether those probabilities were good, any more than one coin toss tests a coin.")
    settle = ("a track record: many dated forecasts made the same way, each with a horizon and a probability, "
              "scored against what happened (calibration)")
    return _evidence(9, facts, _table(rows), reason, explanation, settle, sources=[_event_url("2025-10-29")])


READINGS_9 = ("touch", "at end")


def claim_09(low: float = 90_000, high: float = 100_000, start: str = "2025-12-01",
             horizon_days: int | None = None, reading: str = "touch") -> Evidence:
    """Claim 9: the $90,000–100,000 forecast, scored from ``start`` (USD).

    ``horizon_days`` (optional) is the period to judge it over; ``reading`` what 'reach' means:
    ``touch`` (any close at or above ``low`` within the horizon) or ``at end`` (the close on the
    horizon's last day).
    """
    lo = check_number("low", low, 1.0, 1e7)
    hi = check_number("high", high, 1.0, 1e7)
    if hi < lo:
        raise ValueError(f"high={high} is below low={low}; allowed: low <= high")
    st = check_date("start", start)
    s = _btc()
    if not s.index[0] <= st < s.index[-1]:
        raise ValueError(f"start={start!r} is outside BTC's data; allowed: {s.index[0]:%Y-%m-%d} to "
                         f"the day before {s.index[-1]:%Y-%m-%d}")
    h = None if horizon_days is None else check_int("horizon_days", horizon_days, 1, 3650)
    return _fresh(_claim_09(lo, hi, st, h, check_choice("reading", reading, READINGS_9)))


@lru_cache(maxsize=None)
def _claim_10(year: int, claimed_pct: float) -> Evidence:
    from helpers.events import effective_date, policy_phases, rate_turns

    m, fb, ev = _markets(), _fb(), _events()
    rows, facts = [], {"year": year, "claimed_pct": claimed_pct,
                       "total_market_cap_in_data": "crypto_market_cap" in m.columns}
    for a, name in (("btc", "Bitcoin"), ("eth", "Ether")):
        s = m[a].dropna()
        t0, p0 = _year_end_close(s, year - 1)
        t1, p1 = _year_end_close(s, year)
        tq, pq = _year_end_close(s.loc[:f"{year}-11-30"], year)
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
        facts["market_cap_change_pct"] = 100 * (_year_end_close(s, year)[1] / _year_end_close(s, year - 1)[1] - 1)
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
    qt = policy_phases(_events(), _load("fed_balance_sheet").index[-1])
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
    turns = rate_turns()
    cuts = turns[(turns["announced"] >= y0) & (turns["announced"] < y1) & (turns["change"] < 0)]
    facts["cuts_in_year"] = int(len(cuts))
    facts["cut_dates"] = [f"{d:%Y-%m-%d}" for d in cuts["announced"]]
    sec = (fb["treasuries"] + fb["mbs"]) / 1000
    def _chg(yy: int) -> float:
        return float(sec[_week(pd.Timestamp(f"{yy + 1}-01-01"))] - sec[_week(pd.Timestamp(f"{yy}-01-01"))])
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
    reason = ((f"Total crypto market value is not in the snapshot; an outside figure ({out['source']}) puts {year}'s "
               f"change at {mc:+.1f}%, not −{claimed_pct:g}%" if f["market_cap_source"].startswith("OUTSIDE") else
               f"Total crypto market value changed {mc:+.1f}% in {year}" if mc is not None else
               "Total crypto market value is not in the data")
              + f"; runoff ran {f['runoff_months_in_year']} months of {year}, slowed"
              + (f" and ended, with {f['cuts_in_year']} rate cuts" if f["cuts_in_year"] else ""))
    explanation = (
        "The snapshot has no series for the total value of all crypto assets. "
        + (f"An outside figure, not from the snapshot: {out['source']} ({out['published']}, {out['url']}) reports "
           f"the total market value down {abs(out['change_pct']):.1f}% over {year}, to about "
           f"${out['end_value_tn']:.1f} trillion ({out['note']}). That is a fall, but not of 15%. As a cross-check of "
           f"that source, the same report gives bitcoin {out['btc_change_pct']:+.1f}%; the snapshot gives "
           f"{f['btc_return_pct']:+.1f}% ({f['btc_gap_to_outside_pp']:+.1f} points apart). "
           if f["market_cap_source"].startswith("OUTSIDE") else "")
        + f"In the snapshot, from the last close of {year - 1} to the last close of {year}, bitcoin returned "
        f"{f['btc_return_pct']:+.1f}% and ether {f['eth_return_pct']:+.1f}% ({f['btc_return_to_nov30_pct']:+.1f}% and "
        f"{f['eth_return_to_nov30_pct']:+.1f}% to 30 November, while runoff still ran). 'Under QT' (part b): the event "
        f"table has runoff in {f['runoff_months_in_year']} months of {year}, but at its slowest pace — "
        + ("; ".join(f["slowdowns"]) if f["slowdowns"] else "no slowdown")
        + f" — and it ended ({'; '.join(f['runoff_end']) or 'no end in the year'}); the Fed also cut rates "
        f"{f['cuts_in_year']} times ({', '.join(f['cut_dates']) or 'none'}). Securities fell "
        f"${-f['securities_change_year_tn']:.2f} trillion over {year}, against ${-f['securities_change_2023_tn']:.2f} "
        "trillion in 2023: a year that mixed the tail of QT with easing, not one of 'aggressive' QT. Rows checked "
        "only against secondary copies are labelled so above. The article's 'caused' (導致) is a causal claim "
        "a yearly change cannot show (see claim 11).")
    settle = ("a daily series of total crypto market capitalisation with its method for counting supply and which "
              "coins it includes (a market-data provider's global market-cap history), so the figure can be "
              "recomputed inside the course")
    return _evidence(10, facts, _table(rows), reason, explanation, settle,
                     sources=[_event_url(f"{year}-03-19"), *[_event_url(d) for d in f["cut_dates"]]])


def claim_10(year: int = 2025, claimed_pct: float = 15.0) -> Evidence:
    """Claim 10: the total crypto market fell ``claimed_pct`` percent in ``year`` (partial check with BTC and ETH)."""
    m = _markets()
    last = int(m["eth"].dropna().index[-1].year)
    return _fresh(_claim_10(check_int("year", year, 2019, last - 1 if last > 2019 else last),
                            check_number("claimed_pct", claimed_pct, 0.0, 100.0)))


# ---------------------------------------------------------------------------
# Claims 7, 11, 14: co-movement
# ---------------------------------------------------------------------------
def daily_shifts(series: pd.Series, reference: pd.Series, max_shift: int = 1) -> pd.Series:
    """For each calendar month, the day shift that best lines ``series`` up with ``reference``.

    The shift ``k`` (``-max_shift..max_shift``) minimises the median absolute log gap between
    ``series.shift(k)`` and ``reference`` on that month's days (ties go to the smaller ``|k|``).
    A positive shift means ``series`` is dated ``k`` days early. Both are daily price series.
    Returns an int Series indexed by month (Period).
    """
    for name, s in (("series", series), ("reference", reference)):
        if not isinstance(s, pd.Series) or not isinstance(s.index, pd.DatetimeIndex):
            raise TypeError(f"{name} must be a pandas Series of daily prices indexed by date, got {type(s).__name__}")
        if (s.dropna() <= 0).any():
            raise ValueError(f"{name} must be positive prices; found a value <= 0")
    k_max = check_int("max_shift", max_shift, 0, 7)
    days = pd.date_range(min(series.index[0], reference.index[0]), max(series.index[-1], reference.index[-1]))
    s, r = np.log(series.reindex(days)), np.log(reference.reindex(days))
    shifts = sorted(range(-k_max, k_max + 1), key=lambda k: (abs(k), k))
    gaps = pd.DataFrame({k: (s.shift(k) - r).abs() for k in shifts})
    by_month = gaps.groupby(days.to_period("M")).median().dropna(how="all")
    if by_month.empty:
        raise ValueError("series and reference have no day in common")
    out = by_month.apply(lambda row: row.dropna().idxmin() if row.notna().any() else 0, axis=1).astype(int)
    out.index.name = "month"
    return out.rename("shift_days")


def realign_daily(series: pd.Series, reference: pd.Series, max_shift: int = 1) -> pd.Series:
    """``series`` re-dated month by month with :func:`daily_shifts`, so its days match ``reference``'s."""
    shifts = daily_shifts(series, reference, max_shift)
    days = pd.date_range(series.index[0], series.index[-1])
    full = series.reindex(days)
    parts = []
    for month, k in shifts.items():
        shifted = full.shift(int(k))
        parts.append(shifted[days.to_period("M") == month])
    return pd.concat(parts).dropna().rename(series.name)


SOURCES_7 = ("Yahoo", "Coinbase as dated", "Coinbase re-aligned")
KINDS_7 = ("log", "simple")
ALIGNMENTS_7 = ("common trading days", "same calendar day")


@lru_cache(maxsize=None)
def _btc_source(source: str) -> pd.Series:
    m = _markets()
    if source == "Yahoo":
        return m["btc"].dropna()
    cb = m["btc_coinbase"].dropna()
    if source == "Coinbase as dated":
        return cb
    return realign_daily(cb, m["btc"].dropna(), 1)


@lru_cache(maxsize=None)
def _pair_returns(source: str, kind: str, alignment: str) -> pd.DataFrame:
    btc, spx = _btc_source(source), _markets()["sp500"].dropna()
    if alignment == "common trading days":
        return stats.common_day_returns(pd.concat([btc.rename("btc"), spx.rename("sp500")], axis=1, sort=True), kind)
    f = stats.log_returns if kind == "log" else stats.simple_returns
    daily_btc = f(btc.asfreq("D"))
    return pd.concat([daily_btc.rename("btc"), f(spx).rename("sp500")], axis=1, join="inner",
                     sort=True).dropna()


def _corr_summary(source: str, kind: str, alignment: str, window: int, year: int) -> dict[str, Any]:
    r = _pair_returns(source, kind, alignment)
    rc = stats.rolling_corr(r["btc"], r["sp500"], window)
    part = rc[rc.index.year == year].dropna()
    if part.empty:
        raise ValueError(f"no {window}-day correlation values in year={year}")
    return {"window": window, "source": source, "returns": kind, "alignment": alignment,
            "max": float(part.max()), "max_date": f"{part.idxmax():%Y-%m-%d}", "median": float(part.median()),
            "share_above_0_5": float((part > 0.5).mean()), "days": int(len(part))}


def correlation_variants(window: int = 60, year: int = 2025) -> pd.DataFrame:
    """The ``window``-day BTC–S&P 500 rolling correlation in ``year`` under every choice.

    One row per BTC source (:data:`SOURCES_7`), return type (log, simple) and alignment
    (``common trading days``: both returns run from the previous day both have a close, so BTC's
    Monday return includes its weekend; ``same calendar day``: BTC's own one-day return matched
    with the S&P 500's return on that trading day). Columns: ``max``, ``max_date``, ``median``,
    ``share_above_0_5``, ``days``.
    """
    w = check_int("window", window, 10, 250)
    y = check_int("year", year, 2017, 2026)
    rows = [_corr_summary(s, k, a, w, y) for s in SOURCES_7 for k in KINDS_7 for a in ALIGNMENTS_7]
    return pd.DataFrame(rows).set_index(["source", "returns", "alignment"])


def correlation_report(window: int = 60, source: str = "Yahoo", kind: str = "log",
                       alignment: str = "common trading days", year: int = 2025, claimed: float = 0.72) -> str:
    """One setting of claim 7's choices, as text (the lesson's widget prints this)."""
    w = check_int("window", window, 10, 250)
    check_choice("source", source, SOURCES_7)
    check_choice("kind", kind, KINDS_7)
    check_choice("alignment", alignment, ALIGNMENTS_7)
    y = check_int("year", year, 2017, 2026)
    c = check_number("claimed", claimed, -1.0, 1.0)
    s = _corr_summary(source, kind, alignment, w, y)
    verdict = rule_07({"reaches_claim": reaches(s["max"], c, 0.01), "shortfall": c - s["max"]})
    return (f"{w}-day correlation of BTC ({source}) and S&P 500 {kind} returns, {alignment}, in {y}:\n"
            f"  highest {s['max']:.3f} on {s['max_date']}; median {s['median']:.2f}; "
            f"above 0.5 on {s['share_above_0_5']:.0%} of {s['days']} days\n"
            f"  against the claimed {c:.2f}: {verdict}"
            + ("" if w == 60 else "  (the article's window is 60 days)"))


@lru_cache(maxsize=None)
def _claim_07(window: int, year: int, claimed: float, step: float) -> Evidence:
    table = correlation_variants(window, year)
    best = table["max"].idxmax()
    best_max = float(table["max"].max())
    yahoo = table.loc[("Yahoo", "log", "common trading days")]
    context = {w: _corr_summary("Yahoo", "log", "common trading days", w, year) for w in (20, 30, 90, 120) if w != window}
    cb_shifts = daily_shifts(_markets()["btc_coinbase"].dropna(), _markets()["btc"].dropna())
    months_shifted = int((cb_shifts[cb_shifts.index.year == year] != 0).sum())
    facts = {"window": window, "year": year, "claimed": claimed, "step": step, "best_max": best_max,
             "best_variant": " / ".join(best), "best_date": str(table.loc[best, "max_date"]),
             "reaches_claim": reaches(best_max, claimed, step), "shortfall": claimed - best_max,
             "yahoo_log_max": float(yahoo["max"]), "yahoo_log_max_date": str(yahoo["max_date"]),
             "yahoo_log_median": float(yahoo["median"]), "yahoo_log_share_above_0_5": float(yahoo["share_above_0_5"]),
             "min_of_max": float(table["max"].min()), "coinbase_months_shifted": months_shifted,
             "other_windows_max": {w: c["max"] for w, c in context.items()}}
    f = facts
    rows = table.reset_index()
    rows["used by rule"] = "yes"
    extra = pd.DataFrame([{**c, "used by rule": "no (context)"} for c in context.values()])
    numbers = pd.concat([rows, extra], ignore_index=True)[
        ["window", "source", "returns", "alignment", "max", "max_date", "median", "used by rule"]]
    numbers["max"] = numbers["max"].map("{:.3f}".format)
    numbers["median"] = numbers["median"].map("{:.3f}".format)
    numbers = numbers.rename(columns={"max": "highest in year", "max_date": "on", "median": "median day"})
    reason = (f"The highest {window}-day value in {year} over all variants was {best_max:.2f} ({facts['best_date']}); "
              f"the median day was {f['yahoo_log_median']:.2f}")
    wtxt = ", ".join(f"{w} days {v:.2f}" for w, v in f["other_windows_max"].items())
    explanation = (
        f"Over {len(table)} reasonable ways of measuring it, the {window}-day correlation of daily BTC and S&P 500 "
        f"returns in {year} peaked between {f['min_of_max']:.2f} and {best_max:.2f}; the highest came on "
        f"{f['best_date']} ({f['best_variant']}). With the course's main series (Yahoo, log returns, common trading "
        f"days) it peaked at {f['yahoo_log_max']:.2f} on {f['yahoo_log_max_date']}, its median day was "
        f"{f['yahoo_log_median']:.2f}, and it was above 0.5 on only {f['yahoo_log_share_above_0_5']:.0%} of days. So "
        f"the correlation was real and sometimes high, but {claimed:.2f} is not reproduced, and a one-day peak is not "
        f"a description of the year. The data source matters: the Coinbase copy is dated one day off Yahoo's in "
        f"{months_shifted} months of {year}, which alone lowers the correlation sharply until it is re-aligned. "
        f"Shorter windows swing further (highest in {year}: {wtxt}), so a number like {claimed:.2f} can come from a "
        "different window or source; and a correlation with stocks says nothing about the Fed's liquidity.")
    settle = "the article's own data source, time stamps and window, so the number can be recomputed"
    return _evidence(7, facts, numbers, reason, explanation, settle)


def claim_07(window: int = 60, year: int = 2025, claimed: float = 0.72, step: float = 0.01) -> Evidence:
    """Claim 7: the ``window``-day BTC–S&P 500 correlation reached ``claimed`` in ``year``."""
    return _fresh(_claim_07(check_int("window", window, 10, 250), check_int("year", year, 2017, 2026),
                            check_number("claimed", claimed, -1.0, 1.0), check_number("step", step, 0.001, 0.5)))


@lru_cache(maxsize=None)
def _weekly() -> pd.DataFrame:
    from helpers.liquidity import weekly_changes, weekly_frame

    wk = weekly_frame(_fb(), _markets())
    chg = weekly_changes(wk)
    chg["total_assets"] = np.log(wk["total_assets"]).diff()
    return chg


MEASURES_14 = {"total_assets": "Total assets", "net_liquidity": "Net liquidity"}


@lru_cache(maxsize=None)
def _claim_11(max_lag: int, n_perm: int, block: int, seed: int) -> Evidence:
    chg = _weekly()
    rows, facts = [], {"max_lag": max_lag, "n_perm": n_perm, "block": block, "seed": seed}
    ps = []
    for key, label in MEASURES_14.items():
        t = stats.cross_correlation_test(chg[key], chg["btc"], max_lag=max_lag, n_perm=n_perm, block=block, seed=seed)
        same = float(t.table.loc[0, "corr"])
        k = t.max_abs_lag
        facts[f"{key}_best_lag"] = int(k)
        facts[f"{key}_best_corr"] = float(t.max_abs_corr)
        facts[f"{key}_best_lag_p"] = float(t.table.loc[k, "p_value"])
        facts[f"{key}_familywise_p"] = float(t.max_abs_p)
        facts[f"{key}_same_week_corr"] = same
        facts[f"{key}_weeks"] = int(t.table.loc[0, "n"])
        ps.append(t.max_abs_p)
        rows.append({"measure": f"{label} (weekly change)", "weeks": int(t.table.loc[0, "n"]),
                     "same-week corr": f"{same:+.3f}", "best lag (weeks)": int(k),
                     "corr at best lag": f"{t.max_abs_corr:+.3f}",
                     "share of BTC variance": f"{t.max_abs_corr ** 2:.1%}",
                     "p at that lag": f"{t.table.loc[k, 'p_value']:.3f}",
                     "family-wise p": f"{t.max_abs_p:.3f}"})
    facts["min_familywise_p"] = float(min(ps))
    f = facts
    nl = "net_liquidity"
    reason = (f"Weekly liquidity changes explain at most {max(f[f'{m}_best_corr'] ** 2 for m in MEASURES_14):.1%} of "
              f"BTC's weekly moves at any lag; the best lag is no better than chance (family-wise p ≥ "
              f"{f['min_familywise_p']:.2f}); correlation is not causation")
    explanation = (
        f"'Direct causation' would at least leave a trace in the data: liquidity changes followed by BTC moves. Over "
        f"{f[nl + '_weeks']} weeks, the same-week correlation of net-liquidity changes with BTC returns was "
        f"{f[nl + '_same_week_corr']:+.3f}. Across lags of −{max_lag} to +{max_lag} weeks the largest was "
        f"{f[nl + '_best_corr']:+.3f} at lag {f[nl + '_best_lag']} (positive: liquidity first), with per-lag p = "
        f"{f[nl + '_best_lag_p']:.3f} — but with {2 * max_lag + 1} lags tried, the best of them beats the best lag of "
        f"shuffled, unrelated series only with family-wise p = {f[nl + '_familywise_p']:.2f}. Total assets give the "
        f"same picture (family-wise p = {f['total_assets_familywise_p']:.2f}). Even a strong, stable correlation would "
        "not show causation: both series respond to the same news (inflation, growth, risk appetite), and the Fed "
        "reacts to markets too. The evidence the article cites for causation is a correlation of bitcoin with "
        "stocks, which does not involve the Fed's balance sheet at all.")
    settle = ("a causal design, not more correlations: for example BTC's reaction in narrow windows around "
              "unexpected balance-sheet announcements (intraday data plus a measure of the surprise), compared "
              "with similar windows without news")
    return _evidence(11, facts, _table(rows), reason, explanation, settle)


def claim_11(max_lag: int = 12, n_perm: int = 999, block: int = 4, seed: int = 3) -> Evidence:
    """Claim 11: causation. Lead–lag tests of weekly liquidity changes vs BTC (see helpers.stats)."""
    return _fresh(_claim_11(check_int("max_lag", max_lag, 1, 52), check_int("n_perm", n_perm, 99, 9999),
                            check_int("block", block, 1, 52), check_seed("seed", seed, 2**31 - 1)))


def _fisher_p_higher(r1: float, n1: int, r0: float, n0: int) -> float:
    """One-sided p-value that correlation r1 (n1 pairs) exceeds r0 (n0 pairs), Fisher z."""
    z = (math.atanh(r1) - math.atanh(r0)) / math.sqrt(1 / (n1 - 3) + 1 / (n0 - 3))
    return 1 - NormalDist().cdf(z)


@lru_cache(maxsize=None)
def _link_by_year() -> pd.DataFrame:
    chg = _weekly()
    rows = []
    for key, label in MEASURES_14.items():
        for y, g in chg[[key, "btc"]].dropna().groupby(lambda d: d.year):
            if len(g) < 20:
                continue
            r = stats.correlation(g[key], g["btc"])
            lo, hi = stats.fisher_ci(r, len(g))
            rows.append({"measure": label, "year": int(y), "weeks": len(g), "corr": r, "lo": lo, "hi": hi})
    return pd.DataFrame(rows)


def link_by_year() -> pd.DataFrame:
    """Correlation of weekly changes (total assets, net liquidity) with weekly BTC returns, per year.

    Columns ``measure``, ``year``, ``weeks``, ``corr``, ``lo``/``hi`` (rough 95% Fisher interval,
    independent weeks assumed). Years with fewer than 20 weeks are left out.
    """
    return _link_by_year().copy()


@lru_cache(maxsize=None)
def _claim_14(year: int) -> Evidence:
    chg = _weekly()
    facts: dict[str, Any] = {"year": year, "measures": list(MEASURES_14)}
    rows = []
    for key, label in MEASURES_14.items():
        d = chg[[key, "btc"]].dropna()
        now, before = d[d.index.year == year], d[d.index.year < year]
        if len(now) < 20 or len(before) < 20:
            raise ValueError(f"year={year} leaves too few weeks (need 20 in the year and 20 before it)")
        r1, r0 = stats.correlation(now[key], now["btc"]), stats.correlation(before[key], before["btc"])
        lo, hi = stats.fisher_ci(r1, len(now))
        p = _fisher_p_higher(r1, len(now), r0, len(before))
        facts.update({f"{key}_r_year": r1, f"{key}_r_before": r0, f"{key}_p_higher": p, f"{key}_lo": lo,
                      f"{key}_hi": hi, f"{key}_weeks_year": len(now), f"{key}_weeks_before": len(before)})
        rows.append({"measure": f"{label} (weekly change) vs BTC", f"corr {year}": f"{r1:+.3f}",
                     "95% interval": f"{lo:+.2f} to {hi:+.2f}", f"weeks {year}": len(now),
                     "corr, all earlier weeks": f"{r0:+.3f}", "weeks before": len(before),
                     "p (higher in the year)": f"{p:.3f}"})
    by_year = _link_by_year()
    prior = by_year[by_year["year"] < year]
    facts["earlier_years_range"] = (float(prior["corr"].min()), float(prior["corr"].max()))
    facts["years_excluding_zero"] = int(((by_year["lo"] > 0) | (by_year["hi"] < 0)).sum())
    facts["threshold_year"] = 1.96 / math.sqrt(facts["total_assets_weeks_year"])
    f = facts
    ta, nl = "total_assets", "net_liquidity"
    reason = (f"{year}'s correlation was {f[ta + '_r_year']:+.2f} (total assets) and {f[nl + '_r_year']:+.2f} "
              f"(net liquidity); not significantly higher than before (p = {f[ta + '_p_higher']:.2f}, "
              f"{f[nl + '_p_higher']:.2f})")
    explanation = (
        f"'More tightly linked' should show as a higher correlation of changes. For weekly changes in total assets "
        f"and BTC returns, {year} gives {f[ta + '_r_year']:+.3f} (95% interval {f[ta + '_lo']:+.2f} to "
        f"{f[ta + '_hi']:+.2f}) against {f[ta + '_r_before']:+.3f} over all earlier weeks (one-sided p = "
        f"{f[ta + '_p_higher']:.2f}); for net liquidity {f[nl + '_r_year']:+.3f} against {f[nl + '_r_before']:+.3f} "
        f"(p = {f[nl + '_p_higher']:.2f}). Single earlier years ranged from {f['earlier_years_range'][0]:+.2f} to "
        f"{f['earlier_years_range'][1]:+.2f}. With about {f['total_assets_weeks_year']} weeks a year, a correlation needs "
        f"to exceed roughly ±{f['threshold_year']:.2f} to stand out from zero; "
        + ("no single year's interval excludes zero. " if f["years_excluding_zero"] == 0 else
           f"{f['years_excluding_zero']} year-measure pair(s) of {len(by_year)} do. ")
        + "A chart of the two *levels* can look tightly linked in any year — "
        "that is the spurious correlation of trending series (lesson 03), not evidence.")
    settle = ("more years of data under a definition fixed in advance, or a causal design (see claim 11); the "
              "article's own measure and period, so it can be recomputed")
    return _evidence(14, facts, _table(rows), reason, explanation, settle, sources=[H41])


def claim_14(year: int = 2025) -> Evidence:
    """Claim 14: the balance sheet and crypto became more tightly linked in ``year``."""
    return _fresh(_claim_14(check_int("year", year, 2016, 2026)))


# ---------------------------------------------------------------------------
# Claims 8, 12, 13: patterns
# ---------------------------------------------------------------------------
OWN_PIVOTS_8 = ("2025-09-17", "2025-10-29", "2025-12-01")
"""The article's own pivot, 'rate cuts together with the end of QT': the first two cuts of the cycle and the
day runoff ended (the third cut, 2025-12-10, came after it)."""


def own_pivot_returns(assets: Iterable[str] = ("btc", "eth"), horizons: Iterable[int] = (6, 12, 18),
                      dates: Iterable[str] = OWN_PIVOTS_8) -> pd.DataFrame:
    """Returns (percent) ``horizons`` months after each of ``dates``, or None where the horizon is not in the data.

    Rows: asset × pivot date; columns ``<h>m`` (the return) and ``<h>m reached on`` (the date the
    horizon ends). Uses :func:`helpers.events.forward_return` (first close on or after each date).
    """
    from helpers import events

    if isinstance(assets, str) or not isinstance(assets, Iterable):
        raise TypeError(f"assets must be a tuple such as ('btc', 'eth'), got {type(assets).__name__}")
    a = tuple(check_choice("assets (each)", x, tuple(events.ASSETS)) for x in assets)
    if not a:
        raise ValueError("assets is empty; allowed: " + ", ".join(map(repr, events.ASSETS)))
    hs = _check_ints("horizons", horizons, 1, 60)
    ds = [check_date("dates (each)", d) for d in (dates if not isinstance(dates, str) else [dates])]
    m = _markets()
    rows = []
    for asset in a:
        s = m[asset].dropna()
        for d in ds:
            row: dict[str, Any] = {"asset": asset, "pivot": f"{d:%Y-%m-%d}", "data end": f"{s.index[-1]:%Y-%m-%d}"}
            for h in hs:
                r = events.forward_return(s, d, h)
                row[f"{h}m"] = None if math.isnan(r) else 100 * r
                row[f"{h}m reached on"] = f"{d + pd.DateOffset(months=h):%Y-%m-%d}"
            rows.append(row)
    return pd.DataFrame(rows).set_index(["asset", "pivot"])


@lru_cache(maxsize=None)
def _claim_08(assets: tuple[str, ...], horizons: tuple[int, ...], pivots: str) -> Evidence:
    from helpers import events

    facts: dict[str, Any] = {"assets": list(assets), "horizons": list(horizons), "pivots": pivots}
    rows = []
    for a in assets:
        es = events.event_study(a, pivots, horizons)
        sm = events.study_summary(a, pivots, horizons)
        ok = sm[(sm["n"] > 0) & (sm["n_positive"] == sm["n"])]
        facts[f"{a}_any_horizon_all_positive"] = bool(len(ok))
        facts[f"{a}_min_chance_random"] = float(ok["chance_random"].min()) if len(ok) else float("nan")
        facts[f"{a}_horizons_all_positive"] = [int(h) for h in ok.index]
        for h in horizons:
            s = sm.loc[h]
            part = es[es["months"] == h]
            facts[f"{a}_{h}m_returns_pct"] = [float(x) for x in part["return_pct"]]
            facts[f"{a}_{h}m_percentiles"] = [float(x) for x in part["percentile"]]
            rows.append({"pivots": "historical (article)", "asset": events.ASSETS[a], "months": h,
                         "returns after each pivot (%)": ", ".join(f"{x:+.0f}" for x in part["return_pct"]),
                         "percentiles": ", ".join(f"{x:.0f}" for x in part["percentile"]),
                         "all positive": "yes" if s["n_positive"] == s["n"] and s["n"] > 0 else "no",
                         "share of all windows positive": round(float(s["base_share_positive"]), 2),
                         "chance random windows do as well": round(float(s["chance_random"]), 2)})
    own = own_pivot_returns(assets, horizons)
    facts["own_assets"] = list(assets)
    facts["own_pivots"] = list(OWN_PIVOTS_8)
    def _v(x: Any) -> float | None:
        return None if x is None or pd.isna(x) else float(x)

    facts["own_returns_pct"] = {a: {d: {str(h): _v(own.loc[(a, d), f"{h}m"]) for h in horizons} for d in OWN_PIVOTS_8}
                                for a in assets}
    facts["own_data_end"] = {a: str(own.loc[a, "data end"].iloc[0]) for a in assets}
    own_rows = []
    for a in assets:
        for h in horizons:
            vals = [facts["own_returns_pct"][a][d][str(h)] for d in OWN_PIVOTS_8]
            got = [v for v in vals if v is not None]
            own_rows.append({"pivots": "2025 (article's definition)", "asset": events.ASSETS[a], "months": h,
                             "returns after each pivot (%)": ", ".join(f"{v:+.0f}" if v is not None else "not yet"
                                                                      for v in vals),
                             "percentiles": "—",
                             "all positive": ("no" if any(v <= 0 for v in got) else
                                              "not yet" if len(got) < len(vals) else "yes"),
                             "share of all windows positive": "—",
                             "chance random windows do as well": "—"})
    turns = events.rate_turns()
    facts["cuts_in_2023"] = int(((turns["announced"].dt.year == 2023) & (turns["change"] < 0)).sum())
    ps = events.pivot_set(pivots)
    facts["pivot_dates"] = [f"{d:%Y-%m-%d}" for d in ps["announced"]]
    sel = events.selection_table("btc", 12)
    every = sel[(sel["n"] > 0) & (sel["n_positive"] == sel["n"])]
    facts["btc12_choices_all_positive"] = int(len(every))
    facts["btc12_choices"] = int(len(sel))
    facts["btc12_min_chance_all_positive"] = float(every["chance_random"].min()) if len(every) else float("nan")
    f = facts
    a0 = assets[0]
    p12 = f.get(f"{a0}_12m_percentiles", [])
    good = f[a0 + "_horizons_all_positive"]
    bad = [h for h in horizons if h not in good]
    pattern = ((f"every pivot was followed by a gain at {' and '.join(map(str, good))} months" if good else
                "at no horizon was every pivot followed by a gain")
               + (f", but not at {' or '.join(map(str, bad))} months" if bad and good else ""))
    own_reached = [v for a in assets for d in OWN_PIVOTS_8 for v in f["own_returns_pct"][a][d].values() if v is not None]
    own_pending = sum(v is None for a in assets for d in OWN_PIVOTS_8 for v in f["own_returns_pct"][a][d].values())
    facts["own_reached"] = len(own_reached)
    facts["own_reached_positive"] = int(sum(v > 0 for v in own_reached))
    facts["own_not_yet"] = int(own_pending)
    last18 = max(pd.Timestamp(d) for d in OWN_PIVOTS_8) + pd.DateOffset(months=max(horizons))
    own_text = (f"Under the article's own definition (cuts with the end of QT: {', '.join(OWN_PIVOTS_8)}), "
                f"{f['own_reached_positive']} of the {f['own_reached']} returns already in the data were gains; "
                f"{own_pending} horizon(s) are not yet reached (the last on {last18:%Y-%m-%d})")
    reason = ((f"Historical pivots: gains did follow at 12 months, but random windows rose as often (chance ≥ "
               f"{min(f[f'{a}_min_chance_random'] for a in assets if f[f'{a}_any_horizon_all_positive']):.0%}); "
               f"there was no cut in 2023" if any(f[f"{a}_any_horizon_all_positive"] for a in assets)
               else "Not every historical pivot was followed by gains at any horizon")
              + ". " + own_text)
    explanation = (
        f"The article's pivots as the data date them are {', '.join(f['pivot_dates'])} — the target-range data show "
        f"{f['cuts_in_2023']} cuts announced in 2023, so its '2023' pivot is read as the first cut of that "
        f"cycle, in September 2024. For {events.ASSETS[a0]}, {pattern}. At 12 months the pivots ranked at "
        f"percentiles {', '.join(f'{x:.0f}' for x in p12)} of all 12-month windows (50 = a typical window). "
        f"{events.ASSETS[a0]} rose in most windows whatever the start date, so 'gains followed' is the normal "
        f"outcome: random start dates would do as well {f[a0 + '_min_chance_random']:.0%} of the time or more. Across "
        f"{f['btc12_choices']} reasonable definitions of 'the pivots' (helpers.events), every pivot was followed by a "
        f"12-month bitcoin gain in {f['btc12_choices_all_positive']}, and in each of those random windows would do as "
        f"well at least {f['btc12_min_chance_all_positive']:.0%} of the time. With three events nothing here is "
        "statistically significant; 'every time' describes three cases, not a rule. "
        + own_text + ": the returns so far are "
        + "; ".join(f"{events.ASSETS[a]} " + ", ".join(
            f"{d} " + "/".join(f"{v:+.0f}%" if v is not None else "not yet" for v in f["own_returns_pct"][a][d].values())
            for d in OWN_PIVOTS_8) for a in assets)
        + f" (at {', '.join(map(str, horizons))} months). The verdict on this part waits for the horizons the claim "
        "names; the record so far is shown, not judged early.")
    settle = ("many more independent pivots (other central banks, longer histories), a definition of 'pivot' fixed "
              "before looking at returns, and out-of-sample cases such as the end of QT in December 2025 (claim 9)")
    sources = [u for d in f["pivot_dates"] for u in [_event_url(d)]]
    table = pd.DataFrame(rows + own_rows).set_index(["pivots", "asset", "months"])
    return _evidence(8, facts, table, reason, explanation, settle, sources)


def claim_08(assets: Iterable[str] = ("btc", "eth"), horizons: Iterable[int] = (6, 12, 18),
             pivots: str = "article") -> Evidence:
    """Claim 8: strong gains 6–18 months after every pivot (event study from :mod:`helpers.events`)."""
    from helpers import events

    if isinstance(assets, str) or not isinstance(assets, Iterable):
        raise TypeError(f"assets must be a tuple such as ('btc', 'eth'), got {type(assets).__name__}")
    a = tuple(check_choice("assets (each)", x, ("btc", "eth")) for x in assets)
    if not a:
        raise ValueError("assets is empty; allowed: 'btc', 'eth'")
    return _fresh(_claim_08(a, _check_ints("horizons", horizons, 1, 60),
                            check_choice("pivots", pivots, tuple(events.PIVOT_SETS))))


DEFINITIONS_12 = {
    "easing": "the Fed's latest rate or balance-sheet decision was easing",
    "outside_qt": "the month began outside a QT (runoff) phase",
    "stocks_up": "the S&P 500 rose that month",
}


@lru_cache(maxsize=None)
def _relative_months() -> pd.DataFrame:
    from helpers.events import monthly_returns, policy_phases

    m, ev = _markets(), _events()
    mr = pd.DataFrame({a: monthly_returns(m[a].dropna()) for a in ("btc", "eth", "sp500")}).dropna(subset=["btc", "eth"])
    starts = mr.index.to_period("M").to_timestamp()
    pol = ev[ev["kind"].isin(POLICY_KINDS) & (ev["stance"] != "neutral")]["stance"]
    stance = pol.reindex(pol.index.union(starts)).ffill().reindex(starts).to_numpy()
    phases = policy_phases(ev, _load("fed_balance_sheet").index[-1])
    in_qt = np.zeros(len(mr), dtype=bool)
    for _, p in phases[phases["phase"] == "QT"].iterrows():
        in_qt |= np.asarray((starts >= p["start"]) & (starts < p["end"]))
    out = pd.DataFrame({"relative": np.log1p(mr["eth"]) - np.log1p(mr["btc"]),
                        "btc": np.log1p(mr["btc"]), "eth": np.log1p(mr["eth"]),
                        "easing": stance == "easing", "outside_qt": ~in_qt,
                        "stocks_up": (mr["sp500"] > 0).where(mr["sp500"].notna())}, index=mr.index)
    return out


@lru_cache(maxsize=None)
def _claim_12(reps: int, seed: int) -> Evidence:
    from helpers.events import bootstrap_mean_ci

    rel = _relative_months()
    facts: dict[str, Any] = {"definitions": list(DEFINITIONS_12), "reps": reps, "seed": seed,
                             "altcoins_in_data": False,
                             "first_month": f"{rel.index[0]:%Y-%m}", "last_month": f"{rel.index[-1]:%Y-%m}"}
    rows = []
    for key, text in DEFINITIONS_12.items():
        mask = rel[key]
        on = rel.loc[mask.fillna(False).astype(bool), "relative"].to_numpy() * 100
        off = rel.loc[(~mask.astype("boolean")).fillna(False).astype(bool), "relative"].to_numpy() * 100
        lo, hi = bootstrap_mean_ci(on, reps=reps, seed=seed)
        facts.update({f"{key}_months": int(on.size), f"{key}_mean_pct": float(on.mean()), f"{key}_ci_low_pct": lo,
                      f"{key}_ci_high_pct": hi, f"{key}_share_eth_ahead": float((on > 0).mean()),
                      f"{key}_other_mean_pct": float(off.mean())})
        rows.append({"risk-on months: when": text, "months": int(on.size),
                     "ETH minus BTC, mean (% a month)": round(float(on.mean()), 2),
                     "95% interval": f"{lo:+.1f} to {hi:+.1f}", "months ETH ahead": f"{(on > 0).mean():.0%}",
                     "other months, mean": round(float(off.mean()), 2)})
    facts["eth_volatility_ratio"] = float(rel["eth"].std() / rel["btc"].std())
    f = facts
    shares = [f[f"{k}_share_eth_ahead"] for k in DEFINITIONS_12]
    others_negative = all(f[f"{k}_other_mean_pct"] < 0 for k in DEFINITIONS_12)
    reason = (f"In 'risk-on' months ETH beat BTC in only {min(shares):.0%}–{max(shares):.0%} of months; every 95% "
              "interval includes zero; altcoins are not in the data")
    explanation = (
        f"From {f['first_month']} to {f['last_month']}, with three definitions of 'risk appetite returns', ether's "
        "average monthly return minus bitcoin's in those months was "
        + ", ".join(f"{f[k + '_mean_pct']:+.1f}% ({k.replace('_', ' ')})" for k in DEFINITIONS_12)
        + f"; ether was ahead in {min(shares):.0%} to {max(shares):.0%} of those months and "
        + ("every 95% interval includes zero. " if all(f[k + '_ci_low_pct'] <= 0 <= f[k + '_ci_high_pct']
                                                        for k in DEFINITIONS_12) else "not every interval includes zero. ")
        + ("Ether lagged bitcoin on average in the other months. " if others_negative else "")
        + f"Ether's monthly returns vary about {f['eth_volatility_ratio']:.1f} times as much as bitcoin's, so it is "
        "ahead in many months and behind in many others; averages that are each within noise do not make a rule. "
        + "The altcoin claim (a 1–3 "
        "month lag) cannot be checked: the snapshot has no altcoin prices.")
    settle = ("daily prices of a fixed, survivorship-free list of altcoins (including coins that later died) to "
              "test the 1–3 month lag; a risk-appetite measure defined before looking at ETH/BTC")
    return _evidence(12, facts, _table(rows), reason, explanation, settle)


def claim_12(reps: int = 5000, seed: int = 0) -> Evidence:
    """Claim 12: ETH beats BTC when risk appetite returns (bootstrap ``reps`` with ``seed``)."""
    return _fresh(_claim_12(check_int("reps", reps, 100, 100_000), check_seed("seed", seed, 2**31 - 1)))


@lru_cache(maxsize=None)
def _claim_13(assets: tuple[str, ...], reps: int, seed: int) -> Evidence:
    from helpers import events

    facts: dict[str, Any] = {"assets": list(assets), "reps": reps, "seed": seed, "flows_in_data": False}
    rows = []
    for a in assets:
        for key, months, label in (("q1", [1, 2, 3], "Jan–Mar"), ("novdec", [11, 12], "Nov–Dec")):
            c = events.season_contrast(a, months, reps=reps, seed=seed)
            facts.update({f"{a}_{key}_diff_pct": c["diff_pct"], f"{a}_{key}_ci_low_pct": c["ci_low_pct"],
                          f"{a}_{key}_ci_high_pct": c["ci_high_pct"], f"{a}_{key}_months": c["n_in"]})
            rows.append({"asset": events.ASSETS[a], "months": label, "claimed": "higher" if key == "q1" else "lower",
                         "mean (% a month)": round(c["in_mean_pct"], 1), "other months": round(c["out_mean_pct"], 1),
                         "difference": round(c["diff_pct"], 1),
                         "95% interval": f"{c['ci_low_pct']:+.1f} to {c['ci_high_pct']:+.1f}", "months used": c["n_in"]})
    f = facts
    a0 = assets[0]
    leans = sum(f[f"{a}_q1_diff_pct"] > 0 for a in assets) + sum(f[f"{a}_novdec_diff_pct"] < 0 for a in assets)
    excl = sum(f[f"{a}_{k}_ci_low_pct"] > 0 or f[f"{a}_{k}_ci_high_pct"] < 0 for a in assets for k in ("q1", "novdec"))
    facts["estimates_leaning_as_claimed"] = int(leans)
    facts["intervals_excluding_zero"] = int(excl)
    reason = (f"{events.ASSETS[a0]}: Q1 {f[a0 + '_q1_diff_pct']:+.1f} and Nov–Dec {f[a0 + '_novdec_diff_pct']:+.1f} "
              f"points a month against other months; {excl} of {2 * len(assets)} intervals exclude zero")
    explanation = (
        f"Monthly returns grouped by season ({reps:,} bootstrap draws, seed {seed}): for {events.ASSETS[a0]}, January–"
        f"March averaged {f[a0 + '_q1_diff_pct']:+.1f} points a month against the other months (95% interval "
        f"{f[a0 + '_q1_ci_low_pct']:+.1f} to {f[a0 + '_q1_ci_high_pct']:+.1f}) and November–December "
        f"{f[a0 + '_novdec_diff_pct']:+.1f} (interval {f[a0 + '_novdec_ci_low_pct']:+.1f} to "
        f"{f[a0 + '_novdec_ci_high_pct']:+.1f})"
        + "".join(f"; for {events.ASSETS[a]} {f[a + '_q1_diff_pct']:+.1f} and {f[a + '_novdec_diff_pct']:+.1f}"
                  for a in assets[1:])
        + f". Read the signs first: {leans} of {2 * len(assets)} estimates lean the way the claim says. Then the "
        f"intervals: {excl} of {2 * len(assets)} exclude zero"
        + (". With about a dozen years per calendar month, differences of this size cannot be told from chance"
           if excl == 0 else "")
        + "; and looking at all twelve months for a pattern makes a few false alarms likely. The flows themselves "
        "(bonuses, pension contributions, tax-loss sales) are not in the data.")
    settle = ("data on the flows themselves — monthly ETF and exchange inflows, realised losses in tax-lot data — "
              "and many more years of prices")
    return _evidence(13, facts, pd.DataFrame(rows).set_index(["asset", "months"]), reason, explanation, settle)


def claim_13(assets: Iterable[str] = ("btc", "eth"), reps: int = 5000, seed: int = 0) -> Evidence:
    """Claim 13: Q1 inflows and Nov–Dec tax-loss selling (seasonal contrasts from :mod:`helpers.events`)."""
    if isinstance(assets, str) or not isinstance(assets, Iterable):
        raise TypeError(f"assets must be a tuple such as ('btc', 'eth'), got {type(assets).__name__}")
    a = tuple(check_choice("assets (each)", x, ("btc", "eth", "sp500", "nasdaq")) for x in assets)
    if not a:
        raise ValueError("assets is empty; allowed: 'btc', 'eth', 'sp500', 'nasdaq'")
    return _fresh(_claim_13(a, check_int("reps", reps, 100, 100_000), check_seed("seed", seed, 2**31 - 1)))


# ---------------------------------------------------------------------------
# All claims
# ---------------------------------------------------------------------------
CLAIMS: dict[int, Callable[..., Evidence]] = {
    1: claim_01, 2: claim_02, 3: claim_03, 4: claim_04, 5: claim_05, 6: claim_06, 7: claim_07,
    8: claim_08, 9: claim_09, 10: claim_10, 11: claim_11, 12: claim_12, 13: claim_13, 14: claim_14,
}


def evidence(number: int) -> Evidence:
    """The evidence for claim ``number`` (1-14) with the lesson's default choices."""
    n = check_int("number", number, 1, 14)
    return CLAIMS[n]()


def all_evidence() -> list[Evidence]:
    """The evidence for all fourteen claims (default choices), in order."""
    return [CLAIMS[n]() for n in CLAIMS]


def summary_table() -> pd.DataFrame:
    """One row per claim: the claim (short), the evidence's verdict, each part's verdict and the one-line reason."""
    rows = [{"claim": e.number, "the claim": e.short, "verdict": e.verdict,
             "parts": "; ".join(f"({p.key}) {p.verdict}" for p in e.parts) or "—", "why": e.reason}
            for e in all_evidence()]
    return pd.DataFrame(rows).set_index("claim")


def report() -> str:
    """Every claim's finding as text (verdict, explanation, what would settle it, sources)."""
    return "\n\n".join(e.card() for e in all_evidence())


# ---------------------------------------------------------------------------
# Charts
# ---------------------------------------------------------------------------
def balance_sheet_chart(start: str = "2022-01-01", claimed_tn: float = 8.7) -> alt.LayerChart:
    """Weekly total assets and Treasury holdings ($ trillions) with the dated decisions behind claims 1-5."""
    s = check_date("start", start)
    c = check_number("claimed_tn", claimed_tn, 0.0, 20.0)
    fb, ev = _fb(), _events()
    part = (fb.loc[s:, ["total_assets", "treasuries"]] / 1000).round(3)
    part.index = part.index.strftime("%Y-%m-%d")
    wide = part.rename(columns={"total_assets": "Total assets", "treasuries": "Treasuries held"}).rename_axis(
        "date").reset_index()
    from helpers.events import effective_date

    marks = []
    for d, label, side in (("2022-05-04", "QT2 runoff starts", "left"), ("2023-03-12", "bank lending after SVB", "left"),
                           ("2025-03-19", "Treasury runoff slowed", "left"), ("2025-10-29", "runoff ends", "left"),
                           ("2025-12-10", "bill purchases", "right")):
        ts = pd.Timestamp(d)
        if ts in ev.index and ts >= s:
            marks.append({"date": f"{effective_date(ev.loc[ts, 'effective'], ts):%Y-%m-%d}", "label": label,
                          "decided": d, "checked": ev.loc[ts, "checked"], "side": side})
    marks = pd.DataFrame(marks)
    size = _claim_02(pd.Timestamp("2025-12-01"), 2.0, 1.0).facts
    hover = alt.selection_point(name="week", on="pointerover", nearest=True, fields=["date"], empty=False)
    base = alt.Chart(wide).transform_fold(["Total assets", "Treasuries held"], as_=["series", "tn"]).encode(
        x=alt.X("date:T", title=None),
                                  y=alt.Y("tn:Q", title="$ trillions", scale=alt.Scale(zero=False)),
                                  color=alt.Color("series:N", title=None,
                                                  scale=alt.Scale(range=[PALETTE[0], PALETTE[1]])))
    lines = base.mark_line()
    points = base.mark_point(filled=True, size=40).encode(
        opacity=alt.condition(hover, alt.value(1), alt.value(0)),
        tooltip=[alt.Tooltip("date:T", format="%Y-%m-%d", title="week"), "series:N",
                 alt.Tooltip("tn:Q", format=".2f", title="$ tn")]).add_params(hover)
    rules = alt.Chart(marks).mark_rule(strokeDash=[4, 3], color="#555").encode(
        x="date:T", tooltip=[alt.Tooltip("date:T", format="%Y-%m-%d", title="effective"), "label:N",
                             "decided:N", "checked:N"])
    labels = [alt.Chart(marks[marks["side"] == side]).mark_text(
        angle=270, align="left", dx=-4, dy=dy, fontSize=10, color="#333").encode(x="date:T", y=alt.value(295),
                                                                                 text="label:N")
        for side, dy in (("left", -6), ("right", 10))]
    claim = alt.Chart(pd.DataFrame({"y": [c], "t": [f"article: 'about ${c:g} trillion' in early 2023"]}))
    claim_rule = claim.mark_rule(strokeDash=[2, 2], color=PALETTE[3]).encode(y="y:Q")
    claim_text = claim.mark_text(align="right", dy=-6, color=PALETTE[3], fontSize=11).encode(
        y="y:Q", x=alt.value(640), text="t:N")
    chart = alt.layer(lines, points, rules, *labels, claim_rule, claim_text).properties(
        width=640, height=300,
        title=alt.TitleParams(
            f"The balance sheet shrank by ${size['min_tn']:.1f}–{size['max_tn']:.1f} trillion in QT2, then stopped",
            subtitle=["Weekly total assets and Treasury holdings; dashed lines: when each decision took effect "
                      "(hover for dates)"]))
    return with_source(chart, SOURCE_EVENTS)


def announcement_chart(dates: Iterable[str] = ("2025-10-29", "2025-12-10"), days_after: int = 30,
                       claimed_pct: float = 11.0) -> alt.LayerChart:
    """BTC's close relative to the close before each announcement, from 3 days before to ``days_after``."""
    ds = [check_date("dates (each)", d) for d in (dates if not isinstance(dates, str) else [dates])]
    n = check_int("days_after", days_after, 1, 120)
    c = check_number("claimed_pct", claimed_pct, -100.0, 1000.0)
    s = _btc()
    rows = []
    for d in ds:
        _, p0 = _close_before(s, d)
        w = s.loc[d - pd.Timedelta(days=3):d + pd.Timedelta(days=n)]
        for t, p in w.items():
            rows.append({"day": int((t - d).days), "change": round(100 * (p / p0 - 1), 2),
                         "announcement": f"{d:%Y-%m-%d}", "date": f"{t:%Y-%m-%d}"})
    df = pd.DataFrame(rows)
    best = df[df["day"] >= 0]["change"].max()
    lines = alt.Chart(df).mark_line(point=alt.OverlayMarkDef(size=18)).encode(
        x=alt.X("day:Q", title="days after the announcement (0 = announcement day, UTC close)"),
        y=alt.Y("change:Q", title="BTC change from the close before (%)"),
        color=alt.Color("announcement:N", title="FOMC announcement", scale=alt.Scale(range=[PALETTE[0], PALETTE[2]])),
        tooltip=["announcement:N", "date:N", alt.Tooltip("change:Q", format="+.1f")])
    ref = pd.DataFrame({"y": [c, 0.0], "t": [f"claimed +{c:g}%", ""]})
    rule = alt.Chart(ref).mark_rule(strokeDash=[4, 3]).encode(
        y="y:Q", color=alt.value("#555"))
    txt = alt.Chart(ref.iloc[:1]).mark_text(align="left", dx=4, dy=-6, color="#333").encode(
        y="y:Q", x=alt.value(0), text="t:N")
    chart = alt.layer(rule, txt, lines).properties(width=640, height=280, title=alt.TitleParams(
        f"Bitcoin did not rise {c:g}% after either announcement (best close after it: {best:+.1f}%)",
        subtitle=["Daily BTC closes (UTC) relative to the last close before each FOMC statement"]))
    return with_source(chart, "Sources: Yahoo Finance BTC-USD daily closes (Liquidity Lab snapshot); FOMC statements")


def correlation_chart(year: int = 2025, windows: Iterable[int] = (30, 60, 90), claimed: float = 0.72) -> alt.LayerChart:
    """Daily rolling BTC–S&P 500 correlation in ``year``, with a window and a BTC-source chooser (Vega params)."""
    y = check_int("year", year, 2017, 2026)
    ws = _check_ints("windows", windows, 10, 250)
    c = check_number("claimed", claimed, -1.0, 1.0)
    keys = {"Yahoo": "y", "Coinbase as dated": "c", "Coinbase re-aligned": "r"}
    cols = {}
    for source, key in keys.items():
        r = _pair_returns(source, "log", "common trading days")
        for w in ws:
            rc = stats.rolling_corr(r["btc"], r["sp500"], w)
            cols[f"{key}{w}"] = rc[rc.index.year == y]
    df = pd.DataFrame(cols).dropna(how="all").round(3)
    df.index = df.index.strftime("%Y-%m-%d")
    df = df.rename_axis("date").reset_index()
    default = 60 if 60 in ws else ws[0]
    win = alt.param(name="window", value=default,
                    bind=alt.binding_radio(options=list(ws), name="Window (trading days): "))
    src = alt.param(name="source", value="y",
                    bind=alt.binding_select(options=list(keys.values()), labels=list(keys), name="BTC data: "))
    line = alt.Chart(df).transform_calculate(corr="datum[source + window]").mark_line(strokeWidth=1.8).encode(
        x=alt.X("date:T", title=None), y=alt.Y("corr:Q", title="rolling correlation of daily log returns",
                                               scale=alt.Scale(domain=[-0.4, 1])),
        color=alt.value(PALETTE[0]),
        tooltip=[alt.Tooltip("date:T", format="%Y-%m-%d"), alt.Tooltip("corr:Q", format=".3f")])
    ref = pd.DataFrame({"y": [c], "t": [f"claimed {c:.2f}"]})
    rule = alt.Chart(ref).mark_rule(strokeDash=[4, 3], color=PALETTE[3]).encode(y="y:Q")
    txt = alt.Chart(ref).mark_text(align="left", dx=4, dy=-6, color=PALETTE[3]).encode(y="y:Q", x=alt.value(0), text="t:N")
    best = _claim_07(60, y, c, 0.01).facts if 60 in ws else None
    title = (f"The 60-day BTC–S&P 500 correlation peaked at {best['yahoo_log_max']:.2f} in {y}, "
             f"not {c:.2f}" if best else f"BTC–S&P 500 rolling correlation in {y}")
    chart = alt.layer(rule, txt, line).add_params(win, src).properties(width=640, height=260, title=alt.TitleParams(
        title, subtitle=["Pick the window and the BTC data source under the chart; common trading days",
                         "Coinbase as dated: its copy is one day off Yahoo's dates for most of the year"]))
    return with_source(chart, SOURCE_MARKETS)


def link_by_year_chart(year: int = 2025) -> alt.LayerChart:
    """Per-year correlation (with a rough 95% interval) of weekly balance-sheet changes with BTC returns."""
    y = check_int("year", year, 2016, 2026)
    df = link_by_year()
    df["highlight"] = np.where(df["year"] == y, str(y), "other years")
    df[["corr", "lo", "hi"]] = df[["corr", "lo", "hi"]].round(3)
    measure = alt.param(name="measure", value="Total assets",
                        bind=alt.binding_radio(options=list(MEASURES_14.values()), name="Weekly change in: "))
    base = alt.Chart(df).transform_filter("datum.measure == measure")
    bars = base.mark_rule(strokeWidth=2).encode(x=alt.X("year:O", title=None), y=alt.Y("lo:Q", title="correlation with BTC weekly returns",
                                                                                     scale=alt.Scale(domain=[-0.6, 0.6])),
                                                y2="hi:Q", color=alt.Color("highlight:N", title=None,
                                                                           scale=alt.Scale(domain=[str(y), "other years"],
                                                                                           range=[PALETTE[3], "#888"])))
    dots = base.mark_point(filled=True, size=60).encode(
        x="year:O", y="corr:Q", color=alt.Color("highlight:N", legend=None),
        tooltip=["measure:N", "year:O", "weeks:Q", alt.Tooltip("corr:Q", format="+.3f"),
                 alt.Tooltip("lo:Q", format="+.2f"), alt.Tooltip("hi:Q", format="+.2f")])
    zero = alt.Chart(pd.DataFrame({"y": [0.0]})).mark_rule(color="#999").encode(y="y:Q")
    f = _claim_14(y).facts
    chart = alt.layer(zero, bars, dots).add_params(measure).properties(width=640, height=260, title=alt.TitleParams(
        f"{y} does not stand out: {f['total_assets_r_year']:+.2f} (total assets), {f['net_liquidity_r_year']:+.2f} "
        "(net liquidity)",
        subtitle=["Correlation of weekly log changes with BTC's weekly log return, each year; bars: rough 95% interval",
                  "Pick the balance-sheet measure under the chart"]))
    return with_source(chart, SOURCE_MARKETS)


def verdict_chart(learner: Mapping[int, str] | None = None) -> alt.LayerChart:
    """The fourteen verdicts at a glance; click a verdict in the legend to highlight its claims."""
    rows = []
    for e in all_evidence():
        mine = (learner or {}).get(e.number, "")
        rows.append({"claim": f"{e.number:>2}. {e.short[:70]}{'…' if len(e.short) > 70 else ''}",
                     "n": e.number, "verdict": e.verdict, "reason": e.reason, "x": 0, "yours": mine or "—",
                     "parts": "; ".join(f"({p.key}) {p.verdict}" for p in e.parts) or "—"})
    df = pd.DataFrame(rows)
    counts = df["verdict"].value_counts()
    pick = alt.selection_point(name="pick", fields=["verdict"], bind="legend")
    base = alt.Chart(df).encode(y=alt.Y("claim:N", sort=alt.SortField("n"), title=None,
                                        axis=alt.Axis(labelLimit=520, labelFontSize=11)))
    squares = base.mark_square(size=260).encode(
        x=alt.X("x:Q", axis=None, scale=alt.Scale(domain=[-0.1, 1.9])),
        color=alt.Color("verdict:N", title="Evidence's verdict", legend=alt.Legend(labelLimit=300, columns=2), scale=alt.Scale(domain=list(VERDICTS),
                                                                                range=[VERDICT_COLORS[v] for v in VERDICTS])),
        opacity=alt.condition(pick, alt.value(1.0), alt.value(0.15)),
        tooltip=["claim:N", "verdict:N", "parts:N", "reason:N", "yours:N"]).add_params(pick)
    words = base.mark_text(align="left", dx=14, fontSize=11).encode(
        x=alt.X("x:Q", axis=None, scale=alt.Scale(domain=[-0.1, 1.9])), text="verdict:N",
        opacity=alt.condition(pick, alt.value(1.0), alt.value(0.25)))
    title = ", ".join(f"{counts.get(v, 0)} {v}" for v in VERDICTS)
    chart = alt.layer(squares, words).properties(width=220, height=14 * 22, title=alt.TitleParams(
        title[0].upper() + title[1:], subtitle=["Each claim's verdict by its documented rule; click a verdict in the "
                                                 "legend to highlight it, hover for the reason"]))
    return with_source(chart, "Sources: Liquidity Lab snapshot (FRED, Yahoo Finance) and Federal Reserve press releases")


# Widget callbacks' compute functions with a typical setting (timed by tools/bench.py).
BENCH = {
    "correlation_report": (correlation_report, {"window": 60, "source": "Coinbase re-aligned", "kind": "simple",
                                                "alignment": "same calendar day"}),
}
