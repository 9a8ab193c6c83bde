"""The public face of the claims: ``claim_01()`` … ``claim_14()``, their tables and text reports.

Each function checks its arguments once, here (messages name the caller's argument), reads the
snapshot through :func:`~helpers.claims._inputs.inputs` and hands frames to the part modules. The
slow results are kept in the course's one cache (:func:`helpers.data.memo`) and every call gets a
fresh copy, so a caller that edits an evidence object never edits what the next call sees.
"""
from __future__ import annotations

import re
from typing import Any, Callable, Iterable

import pandas as pd

from helpers import events
from helpers.claims._inputs import check_dates, inputs
from helpers.claims._part1_fed import build_01, build_03, build_04
from helpers.claims._part2_size import build_02, build_05
from helpers.claims._part3_markets import READINGS_9, announcement_table, build_06, build_09, build_10, check_windows
from helpers.claims._part4_comovement import (ALIGNMENTS_7, KINDS_7, SOURCES_7, all_pairs, btc_source, build_07,
                                              build_11, build_14, corr_summary, link_table, pair_returns,
                                              variants_table, weekly_moves)
from helpers.claims._part5_patterns import OWN_PIVOTS_8, build_08, build_12, build_13, own_pivot_table
from helpers.claims._rules import rule_07
from helpers.claims._scale import Evidence, Note, check_claim_number, fresh, reaches, reveal_evidence, shown_verdict
from helpers.data import memo
from helpers.i18n import gettext as _
from helpers.i18n import language, text
from helpers.validate import check_choice, check_choices, check_date, check_int, check_ints, check_number, check_seed

_BUILDERS: dict[int, Callable[..., Evidence]] = {
    1: build_01, 2: build_02, 3: build_03, 4: build_04, 5: build_05, 6: build_06, 7: build_07,
    8: build_08, 9: build_09, 10: build_10, 11: build_11, 12: build_12, 13: build_13, 14: build_14,
}
MAX_REPS = events.MAX_REPS  # bootstrap draws (claims 12 and 13): 10,000, twice the lesson's 5,000
MAX_PERMUTATIONS = 4_999  # block permutations (claim 11): five times the lesson's 999


@memo
def _built(number: int, lang: str, *choices: Any) -> Evidence:
    """Claim ``number``'s evidence for checked ``choices``, its texts in ``lang`` (cached per language;
    callers get :func:`fresh` copies)."""
    return _BUILDERS[number](inputs(), *choices)


def _get(number: int, *choices: Any) -> Evidence:
    return fresh(_built(number, language(), *choices))


# ---------------------------------------------------------------------------
# Part 1 and 2: the Fed's actions and the size of its balance sheet
# ---------------------------------------------------------------------------
def claim_01(claimed_month: str = "2025-12", tolerance_bn: float = 5.0, weeks_before: int = 26) -> Evidence:
    """Claim 1: the Fed ended QT in December 2025.

    ``claimed_month`` ('YYYY-MM'): the month the claim names; ``tolerance_bn`` ($ billions): how far
    Treasury holdings may dip after the end of runoff and still count as "no longer falling"
    (week-to-week noise); ``weeks_before``: the span before the end over which holdings should fall.
    """
    if not isinstance(claimed_month, str):
        raise TypeError(f"claimed_month must be a str such as '2025-12', got {type(claimed_month).__name__}")
    fb = inputs().fed_balance_sheet
    first, last = f"{fb.index[0] + pd.offsets.MonthBegin(1):%Y-%m}", f"{fb.index[-1]:%Y-%m}"
    if not re.fullmatch(r"(19|20)\d\d-(0[1-9]|1[0-2])", claimed_month) or not first <= claimed_month <= last:
        raise ValueError(f"claimed_month={claimed_month!r} is not a month of the data; allowed: 'YYYY-MM' from "
                         f"{first} to {last}, such as '2025-12'")
    return _get(1, claimed_month, check_number("tolerance_bn", tolerance_bn, 0.0, 500.0),
                check_int("weeks_before", weeks_before, 1, 260))


def claim_02(end: str = "2025-12-01", claimed_tn: float = 2.0, step_tn: float = 1.0) -> Evidence:
    """Claim 2: about $2 trillion withdrawn by QT since 2022.

    ``end``: the end of QT to measure to (the week nearest is used); ``claimed_tn`` ($ trillions)
    and ``step_tn`` (the claim's precision, $ trillions) feed :func:`matches`.
    """
    end_ts = check_date("end", end, "2022-07-01", inputs().fed_balance_sheet.index[-1])
    return _get(2, end_ts, check_number("claimed_tn", claimed_tn, 0.0, 20.0), check_number("step_tn", step_tn, 0.001, 10.0))


def claim_03(year: int = 2025) -> Evidence:
    """Claim 3: Treasury purchases restarted in Q1 ``year`` at $35 billion a month (repo figures not in the data)."""
    return _get(3, check_int("year", year, 2003, int(inputs().fed_balance_sheet.index[-1].year)))


def claim_04(claimed_date: str = "2025-12-01", year: int = 2025) -> Evidence:
    """Claim 4: rate cuts delayed until ``claimed_date`` in ``year`` (target range from policy_rates)."""
    ts = check_date("claimed_date", claimed_date)
    y = check_int("year", year, 2009, 2026)
    if ts.year != y:
        raise ValueError(f"claimed_date={claimed_date!r} is not in year={y}; allowed: a date in that year")
    return _get(4, ts, y)


def claim_05(claimed_tn: float = 8.7, step_tn: float = 0.1, start: str = "2023-01-01",
             end: str = "2025-12-31") -> Evidence:
    """Claim 5: the balance sheet shrank from about $8.7 trillion (early 2023) to the end of 2025.

    ``claimed_tn``/``step_tn`` ($ trillions) feed :func:`matches`; ``start`` and ``end`` are the
    claim's period (nearest weeks are used).
    """
    s, e = check_date("start", start), check_date("end", end)
    fb = inputs().fed_balance_sheet
    if not (fb.index[0] <= s < e <= fb.index[-1] + pd.Timedelta(days=7)):
        raise ValueError(f"start={start!r}, end={end!r}: need start < end within "
                         f"{fb.index[0]:%Y-%m-%d} to {fb.index[-1]:%Y-%m-%d}")
    return _get(5, check_number("claimed_tn", claimed_tn, 0.0, 20.0), check_number("step_tn", step_tn, 0.001, 5.0), s, e)


# ---------------------------------------------------------------------------
# Part 3: market moves
# ---------------------------------------------------------------------------
def _windows(dates: Any, horizons: Any, hi: int = 365) -> tuple[tuple[pd.Timestamp, ...], tuple[int, ...]]:
    ds, hs = check_dates("dates", dates), check_ints("horizons", horizons, 1, hi, max_len=12)
    check_windows(inputs().btc, ds, hs)
    return ds, hs


def announcement_returns(dates: Iterable[str] = ("2025-10-29", "2025-12-10"),
                         horizons: Iterable[int] = (1, 7, 30)) -> pd.DataFrame:
    """BTC returns (percent) after each date, from two starting closes, over each horizon (calendar days).

    Rows: date × start (``close before``: the last daily close before the date — the FOMC statement
    comes at 2 pm US Eastern, before that UTC day's close; ``close of the day``: that day's UTC close,
    a few hours after the statement). Columns ``<h>d`` (to the first close on or after start + h
    days) and ``best within 30d`` (the highest close in the 30 days after the start).
    """
    ds, hs = _windows(dates, horizons)
    return announcement_table(inputs().btc, ds, hs)


def claim_06(dates: Iterable[str] = ("2025-10-29", "2025-12-10"), horizons: Iterable[int] = (1, 7, 30),
             claimed_pct: float = 11.0, step_pct: float = 1.0) -> Evidence:
    """Claim 6: BTC rose 11% after the policy announcement (liquidations are not in the data)."""
    ds, hs = _windows(dates, horizons)
    return _get(6, ds, hs, check_number("claimed_pct", claimed_pct, -100.0, 1000.0),
                check_number("step_pct", step_pct, 0.01, 50.0))


def claim_09(low: float = 90_000, high: float = 100_000, start: str = "2025-12-01",
             horizon_days: int | None = None, reading: str = "touch") -> Evidence:
    """Claim 9: the $90,000–100,000 forecast, scored from ``start`` (USD).

    ``horizon_days`` (optional) is the period to judge it over; ``reading`` what 'reach' means:
    ``touch`` (any close at or above ``low`` within the horizon) or ``at end`` (the close on the
    horizon's last day). ``start`` needs 60 days of prices before it (the base rate looks back).
    """
    lo = check_number("low", low, 1.0, 1e7)
    hi = check_number("high", high, 1.0, 1e7)
    if hi < lo:
        raise ValueError(f"high={high} is below low={low}; allowed: low <= high")
    s = inputs().btc
    first, last = s.index[0] + pd.Timedelta(days=60), s.index[-1] - pd.Timedelta(days=1)
    st = check_date("start", start, first, last)
    h = None if horizon_days is None else check_int("horizon_days", horizon_days, 1, 3650)
    return _get(9, lo, hi, st, h, check_choice("reading", reading, READINGS_9))


def claim_10(year: int = 2025, claimed_pct: float = 15.0) -> Evidence:
    """Claim 10: the total crypto market fell ``claimed_pct`` percent in ``year`` (partial check with BTC and ETH)."""
    last = int(inputs().markets["eth"].dropna().index[-1].year)
    return _get(10, check_int("year", year, 2019, last - 1 if last > 2019 else last),
                check_number("claimed_pct", claimed_pct, 0.0, 100.0))


# ---------------------------------------------------------------------------
# Part 4: co-movement
# ---------------------------------------------------------------------------
@memo
def _pairs(source: str, kind: str, alignment: str) -> pd.DataFrame:
    m = inputs().markets
    return pair_returns(btc_source(m, source), m["sp500"].dropna(), kind, alignment)


@memo
def _variants(window: int, year: int) -> pd.DataFrame:
    return variants_table(all_pairs(inputs().markets), window, year)


def correlation_variants(window: int = 60, year: int = 2025) -> pd.DataFrame:
    """The ``window``-day BTC–S&P 500 rolling correlation in ``year`` under every choice.

    One row per BTC source (:data:`SOURCES_7`), return type (log, simple) and alignment
    (``common trading days``: both returns run from the previous day both have a close, so BTC's
    Monday return includes its weekend; ``same calendar day``: BTC's own one-day return matched
    with the S&P 500's return on that trading day). Columns: ``max``, ``max_date``, ``median``,
    ``share_above_0_5``, ``days``.
    """
    return _variants(check_int("window", window, 10, 250), check_int("year", year, 2017, 2026))


def correlation_report(window: int = 60, source: str = "Yahoo", kind: str = "log",
                       alignment: str = "common trading days", year: int = 2025, claimed: float = 0.72) -> str:
    """One setting of claim 7's choices, as text (the lesson's widget prints this)."""
    w = check_int("window", window, 10, 250)
    check_choice("source", source, SOURCES_7)
    check_choice("kind", kind, KINDS_7)
    check_choice("alignment", alignment, ALIGNMENTS_7)
    y = check_int("year", year, 2017, 2026)
    c = check_number("claimed", claimed, -1.0, 1.0)
    s = corr_summary(_pairs(source, kind, alignment), w, y, source, kind, alignment)
    verdict = rule_07({"reaches_claim": reaches(s["max"], c, 0.01), "shortfall": c - s["max"]})
    returns = _("log returns") if kind == "log" else _("simple returns")
    return (_("{window}-day correlation of BTC ({source}) and S&P 500 {returns}, {alignment}, in {year}:").format(
                window=w, source=text(source), returns=returns, alignment=text(alignment), year=y) + "\n"
            + "  " + _("highest {max:.3f} on {max_date}; median {median:.2f}; "
                       "above 0.5 on {share:.0%} of {days} days").format(
                max=s["max"], max_date=s["max_date"], median=s["median"], share=s["share_above_0_5"],
                days=s["days"]) + "\n"
            + "  " + _("against the claimed {claimed:.2f}: {verdict}").format(claimed=c, verdict=shown_verdict(verdict))
            + ("" if w == 60 else "  " + _("(the article's window is 60 days)")))


def claim_07(window: int = 60, year: int = 2025, claimed: float = 0.72, step: float = 0.01) -> Evidence:
    """Claim 7: the ``window``-day BTC–S&P 500 correlation reached ``claimed`` in ``year``."""
    return _get(7, check_int("window", window, 10, 250), check_int("year", year, 2017, 2026),
                check_number("claimed", claimed, -1.0, 1.0), check_number("step", step, 0.001, 0.5))


def claim_11(max_lag: int = 12, n_perm: int = 999, block: int = 4, seed: int = 3) -> Evidence:
    """Claim 11: causation. Lead–lag tests of weekly liquidity changes vs BTC (see helpers.stats)."""
    return _get(11, check_int("max_lag", max_lag, 1, 52), check_int("n_perm", n_perm, 99, MAX_PERMUTATIONS),
                check_int("block", block, 1, 52), check_seed("seed", seed, 2**31 - 1))


@memo
def _link() -> pd.DataFrame:
    d = inputs()
    return link_table(weekly_moves(d.fed_balance_sheet, d.markets))


def link_by_year() -> pd.DataFrame:
    """Correlation of weekly changes (total assets, net liquidity) with weekly BTC returns, per year.

    Columns ``measure``, ``year``, ``weeks``, ``corr``, ``lo``/``hi`` (rough 95% Fisher interval,
    independent weeks assumed). Years with fewer than 20 weeks are left out.
    """
    return _link()


def claim_14(year: int = 2025) -> Evidence:
    """Claim 14: the balance sheet and crypto became more tightly linked in ``year``."""
    return _get(14, check_int("year", year, 2016, 2026))


# ---------------------------------------------------------------------------
# Part 5: patterns
# ---------------------------------------------------------------------------
def own_pivot_returns(assets: Iterable[str] = ("btc", "eth"), horizons: Iterable[int] = (6, 12, 18),
                      dates: Iterable[str] = OWN_PIVOTS_8) -> pd.DataFrame:
    """Returns (percent) ``horizons`` months after each of ``dates``, or None where the horizon is not in the data.

    Rows: asset × pivot date; columns ``<h>m`` (the return) and ``<h>m reached on`` (the date the
    horizon ends). Uses :func:`helpers.events.forward_return` (first close on or after each date);
    each date must fall within every asset's prices.
    """
    a = check_choices("assets", assets, tuple(events.ASSETS))
    hs = check_ints("horizons", horizons, 1, 60, max_len=12)
    ds = check_dates("dates", dates)
    m = inputs().markets
    for asset in a:
        s = m[asset].dropna()
        for d in ds:
            if not s.index[0] <= d <= s.index[-1]:
                raise ValueError(f"dates (each)={d:%Y-%m-%d} is outside {asset}'s prices ({s.index[0]:%Y-%m-%d} to "
                                 f"{s.index[-1]:%Y-%m-%d}); allowed: dates within every asset's data")
    return own_pivot_table(m, a, hs, ds)


def claim_08(assets: Iterable[str] = ("btc", "eth"), horizons: Iterable[int] = (6, 12, 18),
             pivots: str = "article") -> Evidence:
    """Claim 8: strong gains 6–18 months after every pivot (event study from :mod:`helpers.events`).

    ``horizons`` (months) must include 12, the horizon the evidence compares across definitions of the
    pivots, and be reached by the prices after every pivot of the set ``pivots``.
    """
    a = check_choices("assets", assets, ("btc", "eth"))
    hs = check_ints("horizons", horizons, 1, 60, max_len=6)
    return _get(8, a, hs, check_choice("pivots", pivots, tuple(events.PIVOT_SETS)))


def claim_12(reps: int = 5000, seed: int = 0) -> Evidence:
    """Claim 12: ETH beats BTC when risk appetite returns (bootstrap ``reps`` with ``seed``)."""
    return _get(12, check_int("reps", reps, 100, MAX_REPS), check_seed("seed", seed, 2**31 - 1))


def claim_13(assets: Iterable[str] = ("btc", "eth"), reps: int = 5000, seed: int = 0) -> Evidence:
    """Claim 13: Q1 inflows and Nov–Dec tax-loss selling (seasonal contrasts from :mod:`helpers.events`)."""
    a = check_choices("assets", assets, ("btc", "eth", "sp500", "nasdaq"))
    return _get(13, a, check_int("reps", reps, 100, MAX_REPS), check_seed("seed", seed, 2**31 - 1))


# ---------------------------------------------------------------------------
# All claims
# ---------------------------------------------------------------------------
CLAIMS: dict[int, Callable[..., Evidence]] = {
    1: claim_01, 2: claim_02, 3: claim_03, 4: claim_04, 5: claim_05, 6: claim_06, 7: claim_07,
    8: claim_08, 9: claim_09, 10: claim_10, 11: claim_11, 12: claim_12, 13: claim_13, 14: claim_14,
}


def evidence(number: int) -> Evidence:
    """The evidence for claim ``number`` (1-14) with the lesson's default choices."""
    return CLAIMS[check_int("number", number, 1, 14)]()


def all_evidence() -> list[Evidence]:
    """The evidence for all fourteen claims (default choices), in order."""
    return [CLAIMS[n]() for n in CLAIMS]


def reveal(claim: int) -> Note:
    """The rule and the course's verdict on claim ``claim`` (default choices), once you have recorded one."""
    return reveal_evidence(evidence(check_claim_number(claim)))


def summary_table() -> pd.DataFrame:
    """One row per claim: the claim (short), the evidence's verdict, each part's verdict and the one-line reason."""
    rows = [{"claim": e.number, "the claim": e.short, "verdict": e.verdict,
             "parts": "; ".join(f"({p.key}) {p.verdict}" for p in e.parts) or "—", "why": e.reason}
            for e in all_evidence()]
    return pd.DataFrame(rows).set_index("claim")


def report() -> str:
    """Every claim's finding as text (verdict, explanation, what would settle it, sources)."""
    return "\n\n".join(e.card() for e in all_evidence())
