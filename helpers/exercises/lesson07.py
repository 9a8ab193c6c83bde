"""Lesson 07 exercises: a verdict for each claim, five numbers behind the verdicts, and a quiz.

Recording a verdict::

    ex.record(4, "false")        # or "supported", "misleading", "cannot be checked"
    ex.summary()                 # your verdicts against the evidence's, with the reason

Every expected value is computed from the snapshot when the answer is checked.
"""
from __future__ import annotations

import math
import re
from typing import Any

import pandas as pd

from helpers.exercises import ____, Choice, Exercise, Feedback, Quiz, close_to, is_number

__all__ = ["VERDICT_WORDS", "verdicts", "record", "summary", "reset", "q1", "q2", "q3", "q4", "q5", "quiz"]

# What a learner may type for each verdict (case, spaces and punctuation are ignored).
VERDICT_WORDS: dict[str, tuple[str, ...]] = {
    "supported": ("supported", "support", "true", "correct"),
    "misleading": ("misleading", "mislead", "partly true", "partly"),
    "false": ("false", "wrong", "incorrect"),
    "cannot be checked with this data": ("cannot be checked with this data", "cannot be checked", "can't be checked",
                                         "cannot check", "can't check", "uncheckable", "not checkable",
                                         "cannot be checked with the data"),
}
_LOOKUP = {re.sub(r"[^a-z ]", "", w.replace("'", "")): v for v, words in VERDICT_WORDS.items() for w in words}
_ALLOWED = "'supported', 'misleading', 'false' or 'cannot be checked'"

verdicts: dict[Any, str] = {}
"""The verdicts you recorded, by claim number (``record`` fills it; ``verdicts["c3"] = "false"`` works too)."""


def _claims():
    from helpers import claims

    return claims


def _check_claim(claim: Any) -> int:
    if isinstance(claim, bool) or not isinstance(claim, int):
        raise TypeError(f"claim must be a claim number (int) from 1 to 14, got {type(claim).__name__} ({claim!r})")
    if not 1 <= claim <= 14:
        raise ValueError(f"claim={claim} is not a claim; allowed: 1 to 14")
    return claim


def _normalise(verdict: Any) -> str | None:
    if not isinstance(verdict, str):
        return None
    key = re.sub(r"\s+", " ", re.sub(r"[^a-z ]", "", verdict.lower().replace("'", ""))).strip()
    return _LOOKUP.get(key)


def record(claim: int, verdict: Any = ____) -> Feedback:
    """Record your verdict on one claim and get feedback with the evidence.

    ``verdict`` is one of 'supported', 'misleading', 'false' or 'cannot be checked (with this data)'.
    A right answer shows the evidence's explanation; a wrong one shows the rule to apply again.
    """
    n = _check_claim(claim)
    label = f"Claim {n}"
    if verdict is ____:
        return Feedback("blank", label, f"replace ____ with your verdict — {_ALLOWED} — and run the cell again")
    v = _normalise(verdict)
    if v is None:
        shown = repr(verdict) if isinstance(verdict, str) else f"a {type(verdict).__name__}"
        return Feedback("incorrect", label, f"{shown} is not a verdict; give one of {_ALLOWED} (as text, in quotes)")
    verdicts[n] = v
    ev = _claims().evidence(n)
    if v == ev.verdict:
        extra = f" What would settle it: {ev.settle}" if ev.verdict != "supported" and ev.settle else ""
        return Feedback("correct", label, f"{ev.reason}. {ev.explanation}{extra}")
    return Feedback("incorrect", label,
                    f"the evidence's rule gives another verdict. Read the numbers again and apply the rule: {ev.rule}. "
                    f"(Key finding: {ev.reason}.)")


def _recorded() -> dict[int, str]:
    """Recorded verdicts keyed by claim number, accepting keys such as 3, '3' or 'c3'."""
    out: dict[int, str] = {}
    for key, value in verdicts.items():
        m = re.fullmatch(r"c?(\d{1,2})", str(key).strip().lower())
        if m and 1 <= int(m.group(1)) <= 14:
            v = _normalise(value)
            out[int(m.group(1))] = v if v is not None else f"not a verdict ({value!r})"
    return out


def summary() -> pd.DataFrame:
    """Your verdict on each claim against the evidence's, with the one-line reason."""
    mine = _recorded()
    rows = []
    for ev in _claims().all_evidence():
        yours = mine.get(ev.number, "not answered")
        agree = "—" if ev.number not in mine else ("yes" if yours == ev.verdict else "no")
        rows.append({"claim": ev.number, "the claim": ev.short, "your verdict": yours, "evidence": ev.verdict,
                     "agree": agree, "why": ev.reason})
    return pd.DataFrame(rows).set_index("claim")


def reset() -> None:
    """Forget every recorded verdict."""
    verdicts.clear()



# ---------------------------------------------------------------------------
# q1 (claim 4): the first cut of 2025
# ---------------------------------------------------------------------------
def _first_cut_2025() -> tuple[pd.Timestamp, pd.Timestamp]:
    from helpers import events

    turns = events.rate_turns()
    cuts = turns[(turns["change"] < 0) & (turns["announced"].dt.year == 2025)]
    return cuts["announced"].iloc[0], cuts["effective"].iloc[0]


def _check_q1(answer):
    if isinstance(answer, bool) or not isinstance(answer, (str, pd.Timestamp)) and not hasattr(answer, "year"):
        return False, f"give a date such as '2025-01-31' (text in quotes), got {type(answer).__name__}"
    try:
        ts = pd.Timestamp(answer)
    except (TypeError, ValueError):
        return False, f"{answer!r} is not a date; write it as 'YYYY-MM-DD'"
    if pd.isna(ts):
        return False, "that is not a date; write it as 'YYYY-MM-DD'"
    announced, effective = _first_cut_2025()
    if ts.normalize() == announced:
        return True, ""
    if ts.normalize() == effective:
        return False, "that is the day the new range took effect; the FOMC announced it the day before"
    if ts.normalize() == pd.Timestamp("2025-12-01"):
        return False, "that is the article's date; on that day runoff ended but the target range did not change"
    return False, "not the date of the first 2025 cut; look for the first decrease of target_upper in 2025"


q1 = Exercise(
    "Exercise 1",
    "Claim 4: on what date was the FOMC's first cut of the target range in 2025 announced? Answer as 'YYYY-MM-DD'.",
    _check_q1,
    "events.rate_turns() lists every change of the target range with its announcement date; a cut has "
    "'change' < 0. Or find the first day of 2025 on which target_upper in helpers.load('policy_rates') fell.",
    "turns = events.rate_turns()\n"
    "cuts = turns[(turns['change'] < 0) & (turns['announced'].dt.year == 2025)]\n"
    "answer = cuts['announced'].iloc[0]",
    lambda: (f"{_first_cut_2025()[0]:%Y-%m-%d}, effective the next day — months before 1 December, so the claim "
             "that cuts were delayed until then is false."),
)


# ---------------------------------------------------------------------------
# q2 (claim 5): total assets at the start of 2023
# ---------------------------------------------------------------------------
def _assets_start_2023() -> float:
    import helpers

    bs = helpers.load("fed_balance_sheet")
    return float(bs.loc["2023", "total_assets"].iloc[0]) / 1000


def _check_q2(answer):
    expected = _assets_start_2023()
    ok, msg = close_to(expected, abs_tol=0.006)(answer)
    if ok or not is_number(answer):
        return ok, msg
    if math.isclose(answer, expected * 1000, rel_tol=0.002):
        return False, "that looks like $ billions: divide by 1,000 to get $ trillions"
    import helpers

    peak = float(helpers.load("fed_balance_sheet").loc["2023-01":"2023-06", "total_assets"].max()) / 1000
    if math.isclose(answer, peak, abs_tol=0.006):
        return False, "that is the highest week of early 2023 (after the March bank failures), not the start of the year"
    return False, msg


q2 = Exercise(
    "Exercise 2",
    "Claim 5: the Fed's total assets in the first week of 2023, in $ trillions (two decimals).",
    _check_q2,
    "bs = helpers.load('fed_balance_sheet'); bs.loc['2023', 'total_assets'] holds the weeks of 2023 in $ billions; "
    "take the first one and divide by 1,000.",
    "bs = helpers.load('fed_balance_sheet')\n"
    "answer = bs.loc['2023', 'total_assets'].iloc[0] / 1000",
    lambda: (f"${_assets_start_2023():.2f} trillion: rounded to the claim's precision that is not $8.7 trillion — "
             "the figure matches only the brief spike after the bank failures of March 2023."),
)


# ---------------------------------------------------------------------------
# q3 (claim 3): Treasury holdings over Q1 2025
# ---------------------------------------------------------------------------
def _tsy_q1_2025() -> float:
    import helpers
    from helpers.balance_sheet import nearest_week

    bs = helpers.load("fed_balance_sheet")
    return float(bs.loc[nearest_week(bs, "2025-04-01"), "treasuries"] - bs.loc[nearest_week(bs, "2025-01-01"), "treasuries"])


def _check_q3(answer):
    expected = _tsy_q1_2025()
    ok, msg = close_to(expected, abs_tol=1.0)(answer)
    if ok or not is_number(answer):
        return ok, msg
    if math.isclose(answer, -expected, abs_tol=1.0):
        return False, "check the sign: a fall is negative (end minus start)"
    if math.isclose(answer, expected / 1000, abs_tol=0.002):
        return False, "that looks like $ trillions: give the change in $ billions"
    return False, msg


q3 = Exercise(
    "Exercise 3",
    "Claim 3: the change in the Fed's Treasury holdings from the week of 2025-01-01 to the week of 2025-04-02, "
    "in $ billions (end minus start).",
    _check_q3,
    "Both dates are Wednesdays, the rows of helpers.load('fed_balance_sheet'); the column is 'treasuries' "
    "($ billions).",
    "bs = helpers.load('fed_balance_sheet')\n"
    "answer = bs.loc['2025-04-02', 'treasuries'] - bs.loc['2025-01-01', 'treasuries']",
    lambda: (f"{_tsy_q1_2025():+,.0f} billion: holdings fell in Q1 2025 — runoff, not purchases. Bill purchases "
             "were decided only on 10 December 2025."),
)


# ---------------------------------------------------------------------------
# q4 (claim 10): bitcoin's 2025 return
# ---------------------------------------------------------------------------
def _btc_2025() -> float:
    import helpers

    btc = helpers.load("markets")["btc"].dropna()
    return 100 * float(btc.loc[:"2025-12-31"].iloc[-1] / btc.loc[:"2024-12-31"].iloc[-1] - 1)


def _check_q4(answer):
    expected = _btc_2025()
    ok, msg = close_to(expected, abs_tol=0.15)(answer)
    if ok or not is_number(answer):
        return ok, msg
    if math.isclose(answer, expected / 100, abs_tol=0.0015):
        return False, "that looks like a fraction: give the return in percent (multiply by 100)"
    if math.isclose(answer, -expected, abs_tol=0.15):
        return False, "check the sign: end price ÷ start price − 1"
    if answer > 1000:
        return False, "that looks like a price, not a return"
    return False, msg


q4 = Exercise(
    "Exercise 4",
    "Claim 10 (partial check): bitcoin's return in 2025, in percent, from the last close of 2024 to the last "
    "close of 2025.",
    _check_q4,
    "btc = helpers.load('markets')['btc'].dropna(); btc.loc[:'2024-12-31'].iloc[-1] is the last close of 2024.",
    "btc = helpers.load('markets')['btc'].dropna()\n"
    "answer = 100 * (btc.loc[:'2025-12-31'].iloc[-1] / btc.loc[:'2024-12-31'].iloc[-1] - 1)",
    lambda: (f"{_btc_2025():+.1f}%. A partial check only: the claim is about the whole crypto market, whose value "
             "is not in the data."),
)


# ---------------------------------------------------------------------------
# q5 (claim 7): the same correlation with simple returns
# ---------------------------------------------------------------------------
def _corr_2025(kind: str) -> float:
    import helpers
    from helpers import stats

    m = helpers.load("markets")
    r = stats.common_day_returns(m[["btc", "sp500"]], kind=kind)
    rc = stats.rolling_corr(r["btc"], r["sp500"], 60)
    return float(rc.loc["2025"].max())


def _check_q5(answer):
    expected = _corr_2025("simple")
    ok, msg = close_to(expected, abs_tol=0.0015)(answer)
    if ok or not is_number(answer):
        return ok, msg
    if math.isclose(answer, _corr_2025("log"), abs_tol=0.0015):
        return False, ("that is the value with log returns; the question asks for simple returns (kind='simple') — "
                       "notice how close the two are")
    if not -1 <= answer <= 1:
        return False, "a correlation lies between -1 and 1"
    return False, msg


q5 = Exercise(
    "Exercise 5",
    "Claim 7, another choice: the highest 60-day rolling correlation in 2025 of daily BTC (Yahoo) and S&P 500 "
    "*simple* returns on common trading days. Give it to three decimals.",
    _check_q5,
    "stats.common_day_returns(markets[['btc', 'sp500']], kind='simple') gives the returns; "
    "stats.rolling_corr(r['btc'], r['sp500'], 60) the rolling correlation; take .loc['2025'].max().",
    "m = helpers.load('markets')\n"
    "r = stats.common_day_returns(m[['btc', 'sp500']], kind='simple')\n"
    "rc = stats.rolling_corr(r['btc'], r['sp500'], 60)\n"
    "answer = rc.loc['2025'].max()",
    lambda: (f"{_corr_2025('simple'):.3f} with simple returns against {_corr_2025('log'):.3f} with log returns: "
             "the return type hardly matters here; the data source and alignment matter far more, and neither "
             "reaches 0.72."),
)


quiz = Quiz("Check yourself", [
    Choice("An article forecast 'bitcoin to $90,000–100,000 after QT ends'. Suppose bitcoin closed above $90,000 "
           "the day after QT ended. What does that tell you about the forecast?",
           ["It was right: the range was reached",
            "Little: without a date or a probability one path cannot score a forecast, and a level a few percent "
            "away is often touched by chance",
            "It was wrong, because bitcoin later fell"],
           1,
           ["Touching a nearby level says little: prices a few percent away are reached often by chance.",
            "Right. Forecasts are scored over many cases with stated horizons and probabilities (calibration).",
            "One later fall does not score a forecast either; the article gave no horizon."]),
    Choice("A stated figure ('about $8.7 trillion in early 2023') matches only a two-week spike caused by emergency "
           "lending. Which verdict fits best?",
           ["supported", "misleading", "false", "cannot be checked with this data"],
           1,
           ["The number appears, but not as a description of 'early 2023'.",
            "Right: a real number used to describe something it does not describe.",
            "Too strong: the figure did occur and the balance sheet did shrink.",
            "The data can check it: weekly total assets are in the snapshot."]),
    Choice("In Q1 2025, the only '$35 billion a month' in the Fed's balance-sheet decisions (course event table) was…",
           ["the pace of new Treasury purchases", "the cap on MBS runoff — securities leaving the balance sheet",
            "Standing Repo Facility loans"],
           1,
           ["Treasury holdings fell in Q1 2025; purchases (of bills) began only in December 2025.",
            "Right: the March 2025 decision cut the Treasury cap to $5 billion and kept the MBS cap at $35 billion.",
            "The SRF lends overnight; its records in the table are from late 2025."]),
    Choice("One lag of a lead–lag test has a per-lag p below 0.05, but the family-wise p over all 25 lags is above "
           "0.3. What follows?",
           ["Liquidity causes bitcoin moves at that lag",
            "The best of 25 lags is no better than the best lag of unrelated series — and even a reliable lag would "
            "not prove causation",
            "Bitcoin causes the Fed's liquidity"],
           1,
           ["Trying 25 lags makes one small p-value likely by chance; and correlation is not causation.",
            "Right. Both checks matter: the multiple-comparison test, then the causal question.",
            "The data show no reliable lead either way."]),
    Choice("What would settle 'total crypto market value fell 15% in 2025'?",
           ["Bitcoin and ether prices", "A total crypto market-capitalisation series with a documented method",
            "The Fed's balance sheet"],
           1,
           ["They are a partial check only: thousands of other coins are missing.",
            "Right: the claim is about the whole market, so it needs a series of the whole market's value.",
            "The Fed's balance sheet cannot measure crypto market value."]),
])
