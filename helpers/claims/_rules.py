"""The claims' texts and rules: what each claim says, the rule that gives its verdict, and its parts.

Every verdict is ``RULES[n](facts)``: a small, documented function of the numbers (``part_NN_*`` for
one part of a claim that bundles several, ``rule_NN`` for a whole claim). :func:`build` turns a
claim's computed facts and tables into its :class:`~helpers.claims._scale.Evidence`.
"""
from __future__ import annotations

import functools
from fnmatch import fnmatchcase
from typing import Any, Callable, Iterable, Mapping

import pandas as pd

from helpers.claims._lookup import confirmed
from helpers.claims._scale import (CANNOT, FALSE, MISLEADING, NOT_SUPPORTED, SUPPORTED, Evidence, Part, matches,
                                   most_favourable, overall_verdict)
from helpers.i18n import N_, text

# ---------------------------------------------------------------------------
# Claim texts and rules
# ---------------------------------------------------------------------------
def _reads_facts(fn: Callable[[Mapping[str, Any]], str]) -> Callable[[Mapping[str, Any]], str]:
    """A rule checked at its face: ``facts`` must be a claim's facts (``ev.facts``); a missing or unreadable
    fact is a ValueError naming ``facts``, never a KeyError from inside the rule."""
    @functools.wraps(fn)
    def rule(facts: Mapping[str, Any]) -> str:
        if not isinstance(facts, Mapping):
            raise TypeError(f"facts must be a dict of a claim's facts, got {type(facts).__name__}; "
                            "allowed: claims.evidence(n).facts")
        try:
            return fn(facts)
        except KeyError as exc:
            raise ValueError(f"facts lacks {exc.args[0]!r}, which this rule reads; "
                             "allowed: claims.evidence(n).facts") from None
        except (TypeError, ValueError, AttributeError) as exc:
            raise ValueError(f"facts holds a value this rule cannot read ({exc}); "
                             "allowed: claims.evidence(n).facts") from None

    return rule


_RULE_FROM_PARTS = (N_("each part has its own rule (below); the claim's verdict is the least favourable verdict among "
                    "the parts that can be checked (false, then not supported by this data, then misleading, then "
                    "supported); parts that cannot be checked are listed, not counted"))

_META: dict[int, dict[str, Any]] = {
    1: {"short": N_("The Fed ended QT in December 2025."),
        "en": N_("The Fed formally ended quantitative tightening (QT) in December 2025."),
        "zh": ("美联储已于2025年12月正式终结量化紧缩",), "article": "A",
        "tested": N_("the policy-event table (kind qt_end, its effective date and `checked`) and weekly "
                  "Treasury holdings from the H.4.1 balance sheet before and after that date"),
        "rule": _RULE_FROM_PARTS},
    2: {"short": N_("QT withdrew about $2 trillion over three years from 2022."),
        "en": N_("Since the Fed started QT in 2022 it has withdrawn about $2 trillion of liquidity over three years."),
        "zh": ("自2022年美联储启动QT以来,三年间从金融市场回收约2万亿美元流动性",), "article": "A",
        "tested": N_("weekly total assets and securities (Treasuries + MBS), from the 2022 peak and from the start "
                  "of runoff (2022-06-01) to the week nearest the end of runoff (2025-12-01); where the drain landed "
                  "(bank reserves, ON RRP, net liquidity); the months of runoff"),
        "rule": _RULE_FROM_PARTS},
    3: {"short": N_("Treasury purchases restarted in Q1 2025 at $35B a month; $45B and $38B repo operations."),
        "en": N_("The Fed restarted Treasury purchases in Q1 2025 at $35 billion a month and injected $45 billion "
              "through repo operations (and a '$38 billion repo operation')."),
        "zh": ("在2025年第一季度以每月350億美元的速度重新啓動國債購買,並通過回購操作注入450億美元的流動性",
               "联准会的380億美元回購操作"), "article": "B",
        "tested": N_("weekly Treasury holdings over Q1 2025, the month-by-month changes, and the first purchase "
                  "decision (kind rmp / qe_start / qe_expand) in the event table; repo operations are not in the data"),
        "rule": _RULE_FROM_PARTS},
    4: {"short": N_("The FOMC delayed rate cuts until 1 December 2025."),
        "en": N_("In 2025 the FOMC delayed rate cuts until 1 December 2025."),
        "zh": ("同時將降息推遲至2025年12月1日",), "article": "B",
        "tested": N_("the daily target range (policy_rates) — every change in 2025 — and the FOMC statements in "
                  "the event table"),
        "rule": N_("supported if the year's first cut of the target range was announced or took effect within one "
                "day of the claimed date; false otherwise")},
    5: {"short": N_("From early 2023 the balance sheet shrank from about $8.7 trillion."),
        "en": N_("During QT from early 2023 to the end of 2025 the Fed's balance sheet shrank from about $8.7 trillion."),
        "zh": ("在2023年初至2025年底的量化緊縮期間,联准会的資產負債表從大約8.7萬億美元縮減至更低水平",),
        "article": "B",
        "tested": N_("weekly total assets at the start of 2023, their highest level in the first half of 2023, and "
                  "at the end of 2025"),
        "rule": _RULE_FROM_PARTS},
    6: {"short": N_("Bitcoin rose 11% after the announcement; $590M liquidated in the 24 hours before."),
        "en": N_("Bitcoin rose 11% after the Fed's policy announcement; $590 million of leveraged positions were "
              "liquidated in the 24 hours before it."),
        "zh": ("联准会政策宣布後,比特幣漲11%", "公告前24小时内,杠杆头寸爆仓总额达5.9亿美元"), "article": "B and A",
        "tested": N_("daily BTC closes after the FOMC announcements of 2025-10-29 (end of QT) and 2025-12-10 (bill "
                  "purchases), from the close before and the close of the announcement day, over 1, 7 and 30 "
                  "days, and the best close within 30 days; liquidations are not in the data"),
        "rule": _RULE_FROM_PARTS},
    7: {"short": N_("In 2025 the 60-day BTC–S&P 500 correlation reached 0.72."),
        "en": N_("In 2025 the 60-day correlation between bitcoin and the S&P 500 reached 0.72."),
        "zh": ("2025年,比特幣與標準普爾500指數的60天相關性達到了0.72",), "article": "B",
        "tested": N_("60-day rolling correlations of daily BTC and S&P 500 returns in 2025, for every combination of "
                  "BTC source (Yahoo; Coinbase as dated; Coinbase re-aligned to Yahoo's days), return type "
                  "(log, simple) and alignment (common trading days; same calendar day)"),
        "rule": (N_("supported if the highest value over all variants reaches the claimed value (to two decimals); "
                "not supported by this data if it falls short by no more than 0.10 (a high correlation is real, but "
                "the number given is not reproduced); false if it falls short by more"))},
    8: {"short": N_("Every tightening-to-easing pivot (2019, 2020, 2023) was followed by strong crypto gains "
                 "within 6–18 months."),
        "en": N_("Every Fed pivot from tightening to easing (2019, 2020, 2023) was followed by strong crypto gains "
              "within 6 to 18 months."),
        "zh": ("每一次美联储由紧缩转宽松后的6-18个月,加密市场均迎来强劲上涨",
               "每当政策由紧缩转为宽松(降息叠加QT终结),风险资产往往在6-12个月内大幅上涨"), "article": "A",
        "tested": N_("an event study (helpers.events) of BTC and ETH after the article's three pivots at 6, 12 and 18 "
                  "months, each against the base rate of all windows of the same length; and the same horizons after "
                  "the article's own definition of a pivot in 2025 (cuts together with the end of QT), as far as the "
                  "data reach"),
        "rule": _RULE_FROM_PARTS},
    9: {"short": N_("After QT ends, bitcoin is expected to reach $90,000–100,000."),
        "en": N_("After QT ends, bitcoin is expected to test the $90,000–100,000 range."),
        "zh": ("比特币有望冲击90000-100000美元区间",), "article": "A",
        "tested": N_("daily BTC closes from the end of runoff (2025-12-01) to the end of the data"),
        "rule": (N_("with no horizon, the forecast is scored against the record so far: supported if BTC reached the "
                "range's lower end and is at or above it at the end of the data; misleading if it reached it but "
                "has since fallen below (touched, not held); not supported by this data if it has not reached it. "
                "With a horizon (in days): supported if BTC closed at or above the lower end within it (or, "
                "reading 'at end', on its last day), false if not, cannot be checked if the horizon runs past the data"))},
    10: {"short": N_("Total crypto market value fell 15% in 2025 under QT."),
         "en": N_("Under QT in 2025 the total crypto market value fell 15%."),
         "zh": ("在2025年,FOMC實施了激進的量化緊縮措施", "導致整體加密貨幣市場市值下降了15%"), "article": "B",
         "tested": N_("total crypto market value: an outside figure (CoinGecko's annual report; not in the snapshot), "
                   "with BTC and ETH calendar-2025 returns from the snapshot as a check; 'under QT': the event "
                   "table's runoff phase, slowdown and end, and the 2025 rate cuts"),
         "rule": _RULE_FROM_PARTS},
    11: {"short": N_("Fed liquidity injections directly cause crypto price moves."),
         "en": N_("Empirical evidence shows a direct causal link between Fed liquidity injections and crypto price moves."),
         "zh": ("實證證據表明,联准会流動性注入與加密貨幣價格波動之間存在直接因果關係",), "article": "B",
         "tested": N_("lead–lag correlations (lags −12 to +12 weeks) of weekly changes in net liquidity and in total "
                   "assets with weekly BTC returns, with a block-permutation test over all lags (helpers.stats)"),
         "rule": (N_("co-movement cannot establish direct causation, so this data can never support the claim: not "
                 "supported by this data if no lag beats the best lag of unrelated series (family-wise p ≥ 0.05 for "
                 "every measure); misleading if some lag does (co-movement presented as cause)"))},
    12: {"short": N_("Ether outperforms bitcoin when risk appetite returns; altcoins follow 1–3 months later."),
         "en": N_("When risk appetite returns, ether is expected to outperform bitcoin; altcoins follow 1–3 months "
               "after bitcoin."),
         "zh": ("风险偏好提升周期以太坊有望跑赢比特币", "山寨币通常在比特币确立强势上涨1-3个月后迎来放大涨幅"),
         "article": "A",
         "tested": N_("monthly ETH-minus-BTC log returns in 'risk-on' months under three definitions (the Fed's latest "
                   "decision was easing; outside QT; the S&P 500 rose that month), with bootstrap intervals; "
                   "altcoins are not in the data"),
         "rule": _RULE_FROM_PARTS},
    13: {"short": N_("Q1 brings fresh inflows; Nov–Dec tax-loss selling depresses prices."),
         "en": N_("Q1 is the peak season for new money, and tax-loss selling in November–December weighs on prices."),
         "zh": ("每年一季度为新资金入场高峰", "11-12月,投资者常为税务目的卖出亏损资产"), "article": "A",
         "tested": N_("monthly BTC and ETH returns: January–March and November–December against all other months, "
                   "with bootstrap intervals (helpers.events.season_contrast); flow data are not in the snapshot"),
         "rule": _RULE_FROM_PARTS},
    14: {"short": N_("The balance sheet and crypto valuations became more tightly linked in 2025."),
         "en": N_("The correlation between the size of the Fed's balance sheet and crypto valuations strengthened "
               "markedly in 2025."),
         "zh": ("联准会資產負債表規模與加密貨幣估值之間的相關性在2025年顯著增強",), "article": "B",
         "tested": N_("correlations of weekly changes in total assets and in net liquidity with weekly BTC returns, "
                   "year by year, comparing 2025 with all earlier weeks (Fisher z test)"),
         "rule": (N_("per measure: supported if 2025's correlation is higher than before with one-sided p < 0.05; "
                 "not supported by this data if it is higher but not distinguishable from chance; false if it is "
                 "not higher. Most favourable over the two measures"))},
}


def part_01_stopped(f: Mapping[str, Any]) -> str:
    """Claim 1, part (a): Treasury holdings fell before the end of runoff and did not fall afterwards."""
    if f["treasuries_change_before_bn"] < 0 and f["treasuries_fall_after_bn"] <= f["tolerance_bn"]:
        return SUPPORTED
    return FALSE


def part_01_decision(f: Mapping[str, Any]) -> str:
    """Claim 1, part (b): a decision ending QT took effect in the claimed month, in a confirmed event row."""
    if not f["decision_in_claimed_month"]:
        return FALSE
    return SUPPORTED if confirmed(f["checked"]) else CANNOT


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


@_reads_facts
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


@_reads_facts
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


@_reads_facts
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


@_reads_facts
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


@_reads_facts
def rule_14(facts: Mapping[str, Any]) -> str:
    """Claim 14 rule: per measure, then the most favourable over measures."""
    verdicts = []
    for m in facts["measures"]:
        if facts[f"{m}_r_year"] > facts[f"{m}_r_before"]:
            verdicts.append(SUPPORTED if facts[f"{m}_p_higher"] < 0.05 else NOT_SUPPORTED)
        else:
            verdicts.append(FALSE)
    return most_favourable(verdicts)


_REPO_SETTLE = (N_("the New York Fed's repo operation results (daily amounts by operation), newyorkfed.org"))
# claim -> parts: (key, text, rule in words, rule function, facts it reads, what would settle it)
_PARTS: dict[int, tuple[tuple[str, str, str, Callable[[Mapping[str, Any]], str], tuple[str, ...], str], ...]] = {
    1: (("a", N_("runoff stopped in December 2025 (the balance sheet)"),
         N_("supported if Treasury holdings fell in the weeks before the end of runoff and did not fall more than the "
         "tolerance below that week's level afterwards; false otherwise"),
         part_01_stopped, ("treasuries_change_before_bn", "treasuries_fall_after_bn", "tolerance_bn"), ""),
        ("b", N_("the Fed formally decided it (the policy-event table)"),
         N_("false if the table has no qt_end decision taking effect in the claimed month; supported if it has one in "
         "a row checked against the release or the data (checked: primary or data); cannot be checked if the row "
         "rests on secondary copies only"),
         part_01_decision, ("decision_in_claimed_month", "checked"),
         N_("the FOMC statement and implementation note of 29 October 2025 read on federalreserve.gov (the table's "
         "row rests on secondary copies)"))),
    2: (("a", N_("about $2 trillion: the size of the balance sheet's shrinkage"),
         N_("supported if every measure (total assets or securities, from the 2022 peak or from 1 June 2022) rounds to "
         "the claimed size (nearest trillion); misleading if only some do; false if none does"),
         part_02_size, ("n_measures", "n_matching"), ""),
        ("b", N_("'withdrew liquidity from financial markets': where the drain landed"),
         N_("supported if bank reserves or net liquidity fell by an amount rounding to the claimed size; misleading if "
         "they did not but the balance sheet did shrink by it (a real drain, given the wrong name); false if neither"),
         part_02_liquidity, ("reserves_fall_tn", "net_liquidity_fall_tn", "claimed_tn", "step_tn", "n_matching"), ""),
        ("c", N_("'over three years': how long runoff lasted"),
         N_("supported if the months of runoff, in years, round to the claimed span (nearest year; a half year counts, "
         "as for 'about'); false otherwise"),
         part_02_years, ("runoff_months", "claimed_years"), "")),
    3: (("a", N_("Treasury purchases restarted in Q1 2025 at $35 billion a month"),
         N_("false if Treasury holdings fell over Q1 and the first purchase decision of the year came after Q1; "
         "supported if holdings rose and a purchase decision came in Q1; misleading otherwise"),
         part_03_purchases, ("q1_end", "first_purchase_decision", "treasuries_change_q1_bn"), ""),
        ("b", N_("$45 billion injected through repo operations, and a '$38 billion repo operation'"),
         N_("cannot be checked: the snapshot holds no repo-operation series"),
         _not_in_data("repo_operations_in_data"), ("repo_operations_in_data",), _REPO_SETTLE)),
    5: (("a", N_("'from about $8.7 trillion' in early 2023"),
         N_("supported if total assets at the start of 2023 round to the claim (nearest $0.1 trillion); misleading if "
         "only a short-lived level later in the first half of 2023 does; false if neither"),
         part_05_level, ("start_matches", "peak_matches"), ""),
        ("b", N_("the balance sheet shrank by the end of 2025"),
         N_("supported if total assets were lower at the end than at the start; false otherwise"),
         part_05_shrank, ("shrank",), "")),
    6: (("a", N_("bitcoin rose 11% after the announcement"),
         N_("supported if any measured return reaches the claimed rise (nearest percent); not supported by this data if "
         "none does but the best comes within half of it; false if the best is less than half of it"),
         part_06_rise, ("reaches_claim", "max_return_pct", "claimed_pct"), ""),
        ("b", N_("$590 million of leveraged positions liquidated in the 24 hours before"),
         N_("cannot be checked: the snapshot holds no derivatives or liquidation data"),
         _not_in_data("liquidations_in_data"), ("liquidations_in_data",),
         N_("exchange liquidation data (futures and perpetual swaps across the main exchanges, hour by hour)"))),
    8: (("a", N_("the article's historical pivots (2019, 2020, '2023')"),
         N_("per asset: false if at no horizon (6, 12, 18 months) were all pivots followed by gains; supported if at some "
         "horizon all were and random windows would do as well less than 5% of the time; misleading if all were but "
         "random windows would often do as well. Most favourable over BTC and ETH"),
         part_08_article, ("assets", "*_any_horizon_all_positive", "*_min_chance_random"), ""),
        ("b", N_("the article's own definition of a pivot — rate cuts together with the end of QT (2025) — so far"),
         N_("per asset and pivot, at 6, 12 and 18 months: a gain if any horizon in the data shows a rise; supported if "
         "every pivot shows one; false if a pivot shows none with every horizon in the data; otherwise cannot be "
         "checked yet (a horizon is not reached). Most favourable over BTC and ETH"),
         part_08_own, ("own_assets", "own_returns_pct"),
         N_("prices up to 18 months after the last of the 2025 pivots"))),
    10: (("a", N_("total crypto market value fell 15% in 2025"),
          N_("the snapshot has no total market value, so the figure used is the outside one named in the evidence: "
          "supported if it rounds to the claimed fall (nearest percent); not supported if it shows a fall of another "
          "size; false if a rise; cannot be checked without a figure"),
          part_10_market, ("market_cap_change_pct", "claimed_pct"),
          N_("a daily total crypto market-capitalisation series with a documented method (which coins, which supply)")),
         ("b", N_("'under QT': the year as the event table dates it"),
          N_("supported if runoff ran all year, was not slowed and rates were not cut; misleading if runoff ran for part "
          "of the year or was slowed, or rates were cut (a year that mixed QT with easing); false if no runoff"),
          part_10_under_qt, ("runoff_months_in_year", "runoff_slowed_in_year", "cuts_in_year"), "")),
    12: (("a", N_("ether outperforms bitcoin when risk appetite returns"),
          N_("supported if under every definition of 'risk-on' ETH beat BTC on average with a 95% interval above zero; "
          "false if under every definition it lagged with an interval below zero; not supported by this data "
          "otherwise"),
          part_12_ether, ("definitions", "*_ci_low_pct", "*_ci_high_pct"), ""),
         ("b", N_("altcoins follow 1–3 months after bitcoin"),
          N_("cannot be checked: the snapshot has no altcoin prices"),
          _not_in_data("altcoins_in_data"), ("altcoins_in_data",),
          N_("daily prices of a fixed, survivorship-free list of altcoins (including coins that later died)"))),
    13: (("a", N_("Q1 is the peak season: prices do better in January–March"),
          N_("per asset: supported if Jan–Mar beat the other months with a 95% interval above zero; false if the "
          "interval is below zero; not supported by this data otherwise. Most favourable over BTC and ETH"),
          part_13_q1, ("assets", "*_q1_ci_low_pct", "*_q1_ci_high_pct"), ""),
         ("b", N_("tax-loss selling in November–December weighs on prices"),
          N_("per asset: supported if Nov–Dec lagged the other months with a 95% interval below zero; false if the "
          "interval is above zero; not supported by this data otherwise. Most favourable over BTC and ETH"),
          part_13_novdec, ("assets", "*_novdec_ci_low_pct", "*_novdec_ci_high_pct"), ""),
         ("c", N_("the flows themselves (new money in Q1, tax-loss sales)"),
          N_("cannot be checked: the snapshot holds prices, not flows"),
          _not_in_data("flows_in_data"), ("flows_in_data",),
          N_("monthly ETF and exchange inflows; realised losses in tax-lot data"))),
}

PART_RULES: dict[int, dict[str, Callable[[Mapping[str, Any]], str]]] = {
    n: {key: _reads_facts(fn) for key, _, _, fn, _, _ in parts} for n, parts in _PARTS.items()}


def _from_parts(number: int) -> Callable[[Mapping[str, Any]], str]:
    @_reads_facts
    def rule(facts: Mapping[str, Any]) -> str:
        return overall_verdict([fn(subset(facts, keys)) for _, _, _, fn, keys, _ in _PARTS[number]])

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



def subset(facts: Mapping[str, Any], patterns: Iterable[str]) -> dict[str, Any]:
    """The facts a part reads: keys matching ``patterns`` (glob patterns such as ``*_q1_ci_*``)."""
    out = {}
    for pat in patterns:
        hits = [k for k in facts if fnmatchcase(k, pat)]
        if not hits:
            raise KeyError(pat)
        out.update({k: facts[k] for k in hits})
    return out


def _parts(number: int, facts: Mapping[str, Any]) -> tuple[Part, ...]:
    out = []
    for key, what, rule, fn, keys, settle in _PARTS.get(number, ()):
        sub = subset(facts, keys)
        out.append(Part(key=key, text=text(what), facts=sub, rule=text(rule), verdict=fn(sub), settle=text(settle)))
    return tuple(out)


def build(number: int, facts: dict, numbers: pd.DataFrame, reason: str, explanation: str,
          settle: str = "", sources: Iterable[str] = ()) -> Evidence:
    """Claim ``number``'s evidence from its computed facts and table: the verdict is ``RULES[number](facts)``.

    The claim's texts are shown in the current language (:func:`helpers.i18n.text`); ``reason``,
    ``explanation`` and ``settle`` come already in it from the builder.
    """
    meta = _META[number]
    return Evidence(number=number, short=text(meta["short"]), claim_en=text(meta["en"]), quote_zh=meta["zh"],
                    article=meta["article"], tested_with=text(meta["tested"]), numbers=numbers, facts=facts,
                    rule=text(meta["rule"]), verdict=RULES[number](facts), reason=reason, explanation=explanation,
                    settle=settle, sources=tuple(dict.fromkeys(s for s in sources if s)),
                    parts=_parts(number, facts))
