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

**Rooms.** This package is the topic's public face; the work is done in private modules:

* ``_scale`` — the verdict scale, the shared rules (``matches``, ``reaches``, ``most_favourable``,
  ``overall_verdict``), :class:`Part`, :class:`Evidence`, and record-then-reveal with its own
  feedback box (:class:`Note`). The lesson's ``____`` placeholder comes from
  :mod:`helpers.exercises`; claims recognises it without importing the exercise framework, so
  this topic depends on no lesson machinery.
* ``_rules`` — each claim's texts, its parts and the documented rule functions (``RULES``,
  ``PART_RULES``).
* ``_inputs`` — :func:`inputs`, the one way to get the topic's inputs (the snapshot tables, as
  fresh copies from :func:`helpers.data.load`); ``_lookup`` — sources and small frame lookups.
* compute, by the lesson's parts (frames in, evidence and tables out; no Altair, no loading):
  ``_part1_fed`` (claims 1, 3, 4), ``_part2_size`` (2, 5), ``_part3_markets`` (6, 9, 10),
  ``_part4_comovement`` (7, 11, 14), ``_part5_patterns`` (8, 12, 13).
* ``_charts`` — the charts; each takes what it draws as its first argument (:func:`inputs` or a
  computed result such as :func:`link_by_year` or :func:`all_evidence`) and never loads data.
* ``_reports`` — the public functions (``claim_NN``, :func:`evidence`, :func:`report`, the tables
  and the widget's :func:`correlation_report`): arguments checked once, results cached with
  :func:`helpers.data.memo` and handed out as copies.

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
* **Data.** The course snapshot, read only through :func:`inputs`, and its policy-event table. Money in $
  billions unless a name says ``_tn`` ($ trillions); returns in percent unless a name says
  otherwise; correlations are Pearson correlations of returns or changes, never of levels.

* **Language.** After ``helpers.setup(lang="zh-hans")`` (or ``"zh-hant"``) what a reader sees is in
  that language: the claims' restatements, the evidence's reason, explanation and rules, the briefs,
  cards, reports, notes and charts (evidence is cached per language). What code reads back stays
  English: the verdict values (shown translated, typed in English), ``facts``, the tables' columns
  and index labels, and the argument values. The article quotes (``quote_zh``) are never changed.

Nothing here is investment advice: the point is the method of checking a claim.
"""
from __future__ import annotations

from helpers.claims._charts import (announcement_chart, balance_sheet_chart, correlation_chart, link_by_year_chart,
                                    verdict_chart)
from helpers.claims._inputs import Inputs, inputs
from helpers.claims._lookup import CONFIRMED, OUTSIDE_MARKET_CAP_2025
from helpers.claims._part3_markets import READINGS_9
from helpers.claims._part4_comovement import ALIGNMENTS_7, KINDS_7, MEASURES_14, SOURCES_7, daily_shifts, realign_daily
from helpers.claims._part5_patterns import DEFINITIONS_12, OWN_PIVOTS_8
from helpers.claims._reports import (CLAIMS, all_evidence, announcement_returns, claim_01, claim_02, claim_03,
                                     claim_04, claim_05, claim_06, claim_07, claim_08, claim_09, claim_10, claim_11,
                                     claim_12, claim_13, claim_14, correlation_report, correlation_variants, evidence,
                                     link_by_year, own_pivot_returns, report, reveal, summary_table)
from helpers.claims._rules import (PART_RULES, RULES, rule_01, rule_02, rule_03, rule_04, rule_05, rule_06, rule_07,
                                   rule_08, rule_09, rule_10, rule_11, rule_12, rule_13, rule_14)
from helpers.claims._scale import (CANNOT, FALSE, MISLEADING, NOT_SUPPORTED, RECORDED, SUPPORTED, VERDICT_COLORS,
                                   VERDICT_WORDS, VERDICTS, Evidence, Note, Part, matches, most_favourable,
                                   normalise_verdict, overall_verdict, reaches, record, recorded)

__all__ = [
    "inputs", "Inputs",
    "VERDICTS", "VERDICT_COLORS", "VERDICT_WORDS", "SUPPORTED", "MISLEADING", "NOT_SUPPORTED", "FALSE", "CANNOT",
    "CONFIRMED", "OUTSIDE_MARKET_CAP_2025",
    "Part", "Evidence", "Note", "PART_RULES", "overall_verdict", "normalise_verdict",
    "record", "reveal", "recorded", "RECORDED",
    "CLAIMS", "RULES", "matches", "reaches", "most_favourable",
    "daily_shifts", "realign_daily", "SOURCES_7", "KINDS_7", "ALIGNMENTS_7", "READINGS_9", "MEASURES_14",
    "OWN_PIVOTS_8", "DEFINITIONS_12",
    "correlation_variants", "correlation_report", "link_by_year", "announcement_returns", "own_pivot_returns",
    "evidence", "all_evidence", "summary_table", "report",
    "balance_sheet_chart", "announcement_chart", "correlation_chart", "link_by_year_chart", "verdict_chart",
] + [f"claim_{n:02d}" for n in range(1, 15)] + [f"rule_{n:02d}" for n in range(1, 15)]
