"""Lesson 02 · Repo and money markets — exercises q1..q5 and the "check yourself" quiz.

Expected values are computed from the data snapshot when an answer is checked (nothing is
hard-coded), so the checks stay right if the snapshot is rebuilt.
"""
from __future__ import annotations

import math
from typing import Any

import pandas as pd

from helpers.exercises import Choice, Exercise, Quiz, close_to, is_number

__all__ = ["q1", "q2", "q3", "q4", "q5", "quiz", "expected"]

Q1_DATE = "2025-10-31"   # a Friday: an overnight loan that day is repaid on Monday 3 November
Q1_CASH_BN = 38.0
Q1_DAYS = 3
Q2_YEAR = 2025
Q3_END = "2025-12-03"    # the first H.4.1 Wednesday after QT2 ended on 2025-12-01
Q4_PURCHASE_BN = 20.0
Q4_REPO_BN = 38.0
Q4_HORIZON = 30


def _number(answer: Any) -> float:
    if isinstance(answer, float) and math.isnan(answer):
        raise ValueError("the answer is NaN (not a number): check for missing values")
    if not is_number(answer):
        raise TypeError(f"expected a number, got {type(answer).__name__}")
    return float(answer)


def _q1_expected() -> float:
    from helpers.data import load

    sofr = float(load("policy_rates").loc[Q1_DATE, "sofr"])
    return Q1_CASH_BN * 1000 * sofr / 100 * Q1_DAYS / 360


def _q2_expected() -> int:
    from helpers.data import load
    from helpers.repo import stress_spread

    d = stress_spread(load("policy_rates"))
    d = d[(d.index.year == Q2_YEAR) & (d["benchmark"] == "IORB")]
    return int((d["spread_bp"] > 0).sum())


def _q3_expected() -> float:
    from helpers.data import load

    on_rrp = load("fed_balance_sheet")["on_rrp"]
    window = on_rrp.loc[:Q3_END]
    return float(window.max() - on_rrp.loc[Q3_END])


def _q4_expected() -> int:
    return math.ceil(Q4_PURCHASE_BN * Q4_HORIZON / Q4_REPO_BN - 1e-9)


def _q5_fit():
    from helpers.data import load
    from helpers.repo import fit_knee, spread_vs_reserves

    pairs = spread_vs_reserves(load("policy_rates"), load("fed_balance_sheet"))
    return fit_knee(pairs["reserves_plus_on_rrp"], pairs["spread_bp"]), fit_knee(pairs["reserves"], pairs["spread_bp"])


def expected(label: str):
    """The value each checker currently expects (for instructors and tests): 'q1' .. 'q5'."""
    table = {"q1": _q1_expected, "q2": _q2_expected, "q3": _q3_expected, "q4": _q4_expected,
             "q5": lambda: _q5_fit()[0].knee}
    if label not in table:
        raise ValueError(f"label={label!r} is not an exercise; allowed: {', '.join(table)}")
    return table[label]()


def _check_q1(answer: Any) -> tuple[bool, str]:
    value = _number(answer)
    exp = _q1_expected()
    ok, _ = close_to(exp, rel=0.01)(value)
    if ok:
        return True, ""
    if math.isclose(value, exp / Q1_DAYS, rel_tol=0.01):
        return False, ("that is one day of interest: the loan runs from Friday to Monday, and "
                       "actual/360 counts calendar days (3)")
    if math.isclose(value, exp * 360 / 365, rel_tol=0.005):
        return False, "that uses a 365-day year; money markets use actual/360"
    if math.isclose(value, exp / 1000, rel_tol=0.01) or math.isclose(value, exp * 1000, rel_tol=0.01):
        return False, "check the units: the answer is wanted in $ millions ($38 billion = 38,000 $ millions)"
    return False, "not the interest the data gives; interest = cash x SOFR/100 x days/360"


def _check_q2(answer: Any) -> tuple[bool, str]:
    value = _number(answer)
    exp = _q2_expected()
    if value != int(value):
        return False, "a number of days is a whole number"
    if abs(value - exp) <= 1:
        return True, ""
    if value > 200:
        return False, "that looks like all days with data; count only days where SOFR - IORB > 0"
    return False, f"not the count the data gives; count {Q2_YEAR} days where SOFR minus IORB is above zero"


def _check_q3(answer: Any) -> tuple[bool, str]:
    value = _number(answer)
    exp = _q3_expected()
    ok, _ = close_to(exp, rel=0.01, abs_tol=5)(value)
    if ok:
        return True, ""
    if value < 0 and math.isclose(-value, exp, rel_tol=0.01):
        return False, "right size, wrong sign: give the fall as a positive number of $ billions"
    if value < 100:
        return False, "the answer is wanted in $ billions (the table's unit), e.g. 2,000 rather than 2"
    return False, "not the fall the data gives; use the weekly maximum up to 2025-12-03 minus the 2025-12-03 value"


def _check_q4(answer: Any) -> tuple[bool, str]:
    value = _number(answer)
    exp = _q4_expected()
    if value == exp:
        return True, ""
    if math.isclose(value, Q4_PURCHASE_BN * Q4_HORIZON / Q4_REPO_BN, rel_tol=0.02):
        return False, "nights come in whole numbers: round up so the repo is at least as large"
    return False, (f"not yet: a ${Q4_PURCHASE_BN:.0f}B purchase adds {Q4_PURCHASE_BN:.0f} x {Q4_HORIZON} "
                   f"$ billion-days; each night of a ${Q4_REPO_BN:.0f}B repo adds {Q4_REPO_BN:.0f}")


def _check_q5(answer: Any) -> tuple[bool, str]:
    value = _number(answer)
    fit, plain = _q5_fit()
    ok, _ = close_to(fit.knee, rel=0.03)(value)
    if ok:
        return True, ""
    if math.isclose(value, plain.knee, rel_tol=0.01):
        return False, "that is the knee for reserves alone; use the column reserves_plus_on_rrp"
    if value < 100:
        return False, "the knee is in $ billions (the units of x), e.g. 3,000 rather than 3"
    return False, "not the knee the fit gives; pass pairs['reserves_plus_on_rrp'] and pairs['spread_bp'] to repo.fit_knee"


q1 = Exercise(
    label="Exercise 1",
    prompt=(f"A dealer borrows ${Q1_CASH_BN:.0f} billion overnight on Friday {Q1_DATE} at that day's SOFR; "
            "the loan is repaid on Monday 3 November. What interest does it pay, in $ millions "
            "(actual/360)?"),
    checker=_check_q1,
    hint_text=("Read SOFR with rates.loc['2025-10-31', 'sofr'] (percent). Interest = cash x rate/100 x "
               "days/360, with cash in $ millions (38,000) and days counted on the calendar."),
    solution_code=("sofr = rates.loc['2025-10-31', 'sofr']\n"
                   "answer = repo.repo_trade(cash=38_000, collateral_value=38_000 / 0.98, haircut=0.02,\n"
                   "                         rate=float(sofr), days=3).interest"),
    explain=("right: over a weekend an overnight loan earns three days of interest, because money "
             "markets count calendar days over a 360-day year."),
)

q2 = Exercise(
    label="Exercise 2",
    prompt=f"On how many days in {Q2_YEAR} (days SOFR was published) was SOFR above IORB?",
    checker=_check_q2,
    hint_text=("repo.stress_spread(rates) gives the daily spread in basis points; keep the rows of "
               f"{Q2_YEAR} and count where spread_bp > 0."),
    solution_code=("daily = repo.stress_spread(rates)\n"
                   f"answer = int((daily.loc['{Q2_YEAR}', 'spread_bp'] > 0).sum())"),
    explain=("right. In 2021–2023 that count was near zero: SOFR sat below IORB while reserves were "
             "abundant. Days above IORB are a sign that cash in the repo market has become scarcer."),
)

q3 = Exercise(
    label="Exercise 3",
    prompt=("By how many $ billions did ON RRP take-up (weekly, Wednesday values) fall from its peak "
            f"to {Q3_END}, the first weekly reading after QT2 ended?"),
    checker=_check_q3,
    hint_text=("fed['on_rrp'] is in $ billions. Take its maximum up to the end date, then subtract the "
               "value on the end date."),
    solution_code=(f"on_rrp = fed['on_rrp']\nanswer = on_rrp.loc[:'{Q3_END}'].max() - on_rrp.loc['{Q3_END}']"),
    explain=("right: money funds moved that cash out of the Fed's ON RRP (largely into Treasury bills), "
             "which let the Fed's balance sheet shrink for years without the same fall in bank reserves."),
)

q4 = Exercise(
    label="Exercise 4",
    prompt=(f"Over a {Q4_HORIZON}-day window, how many consecutive nights must a ${Q4_REPO_BN:.0f} billion "
            f"overnight repo be repeated to add at least as many $ billion-days of reserves as a "
            f"${Q4_PURCHASE_BN:.0f} billion permanent purchase? (A whole number.)"),
    checker=_check_q4,
    hint_text=("Use repo.injection_paths and repo.reserve_days, or the sliders on the chart: the purchase "
               f"adds {Q4_PURCHASE_BN:.0f} every day; each night of repo adds {Q4_REPO_BN:.0f}."),
    solution_code=("import math\n"
                   f"purchase = repo.reserve_days(repo.injection_paths({Q4_PURCHASE_BN}, {Q4_HORIZON}, nights=0))"
                   "['permanent_purchase']\n"
                   f"answer = math.ceil(purchase / {Q4_REPO_BN})"),
    explain=("right: a bigger headline number for a repo can still mean fewer reserves over a month "
             "than a smaller permanent purchase, unless the repo is rolled night after night."),
)

q5 = Exercise(
    label="Exercise 5",
    prompt=("Redo the two-segment fit with reserves + ON RRP as x (column reserves_plus_on_rrp of "
            "repo.spread_vs_reserves) and the weekly SOFR − IORB spread as y. Where is the knee, in "
            "$ billions? Compare the fit's sse with the fit on reserves alone."),
    checker=_check_q5,
    hint_text=("pairs = repo.spread_vs_reserves(rates, fed); then repo.fit_knee(x, y) returns a KneeFit "
               "whose .knee is the bend and .sse the sum of squared errors."),
    solution_code=("pairs = repo.spread_vs_reserves(rates, fed)\n"
                   "fit = repo.fit_knee(pairs['reserves_plus_on_rrp'], pairs['spread_bp'])\n"
                   "print(fit.sse, repo.fit_knee(pairs['reserves'], pairs['spread_bp']).sse)\n"
                   "answer = fit.knee"),
    explain=("right. The fit with ON RRP added leaves a smaller sse: in 2022 reserves were lower but "
             "money funds still had huge cash at the ON RRP, and SOFR stayed below IORB. Cash available "
             "to the repo market, not reserves alone, seems to matter — still a description, not proof."),
)

quiz = Quiz(
    title="Check yourself — repo and money markets",
    questions=[
        Choice(
            question="A money-market fund puts $10 billion into the Fed's ON RRP overnight. From the fund's side this is…",
            options=["borrowing $10 billion from the Fed",
                     "a reverse repo: lending cash to the Fed against Treasury collateral",
                     "an outright purchase of Treasuries from the Fed",
                     "a loan from the Standing Repo Facility"],
            correct=1,
            why=["no: the fund hands cash to the Fed; the Fed is the borrower.",
                 "yes: the fund lends cash and receives Treasuries as collateral until the next day.",
                 "no: the Treasuries come back to the Fed the next day; nothing is bought outright.",
                 "no: the SRF works the other way round — the Fed lends cash to dealers and banks."],
        ),
        Choice(
            question="The Fed lends $38 billion in an overnight repo operation. One week later, how many reserves does that operation still add?",
            options=["$38 billion", "about $5.4 billion (38 / 7)", "none, unless it has been repeated",
                     "$38 billion times seven"],
            correct=2,
            why=["no: that is true only on the night of the loan.",
                 "no: there is no averaging; the loan is repaid in full the next day.",
                 "yes: the loan is repaid the next business day and the reserves go with it.",
                 "no: the same $38 billion is not added again unless new operations are done."],
        ),
        Choice(
            question="SOFR prints well above IORB for several weeks. The most reasonable reading is…",
            options=["banks have more reserves than they want",
                     "cash in the repo market is scarce relative to demand — a sign reserves may be getting tight",
                     "the Fed has raised IORB",
                     "crypto prices will rise"],
            correct=1,
            why=["no: with ample reserves banks would lend cash into repo and SOFR would sit below IORB.",
                 "yes: lenders with reserves would earn more in repo than at the Fed, so the gap signals scarcity.",
                 "no: a higher IORB would narrow or reverse the spread, not widen it.",
                 "no: a money-market spread says nothing on its own about crypto prices."],
        ),
        Choice(
            question="The weekly scatter shows the spread rising as reserves fall below the fitted knee. What can it show?",
            options=["that falling reserves caused the higher spreads",
                     "a pattern consistent with a reserve-demand curve, which time trends and other factors could also produce",
                     "the exact level of reserves the Fed will target",
                     "nothing, because scatters are never useful"],
            correct=1,
            why=["no: the low-reserve weeks are all in late 2025; other things changed then too (Treasury issuance, TGA, quarter-ends).",
                 "yes: it describes where the relation bends in this sample; causality needs more evidence.",
                 "no: the Fed sets its own framework; a fitted knee is a description of past data.",
                 "no: it is a useful description — the point is to read it with its limits."],
        ),
        Choice(
            question="A dealer borrows $99 million against Treasuries worth $100 million, overnight at 4 %. The lender's haircut is…",
            options=["1 %", "4 %", "0.011 %", "99 %"],
            correct=0,
            why=["yes: 1 − 99/100 = 1 %; the lender is covered unless the collateral loses about 1 %.",
                 "no: 4 % is the interest rate a year, not the haircut.",
                 "no: that is roughly one day's interest as a share of the cash.",
                 "no: 99 % is the share of the collateral's value that is lent."],
        ),
    ],
)
