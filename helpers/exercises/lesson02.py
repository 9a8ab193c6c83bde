"""Lesson 02 · Repo and money markets — exercises q1..q5 and the "check yourself" quiz.

Each exercise asks for a step the lesson taught — a rate read on another day, a count over a year, a
window of the ON RRP drain, the reserve-days of a rolled repo, a refit on another column — so no
number printed in the lesson answers it. Expected values are computed from the data snapshot when an
answer is checked (nothing is hard-coded), so the checks stay right if the snapshot is rebuilt.
"""
from __future__ import annotations

import pandas as pd

from helpers import money_markets as mm
from helpers.data import memo
from helpers.exercises import Choice, Exercise, Quiz, Slip, bind, integer, number
from helpers.exercises._inputs import table
from helpers.i18n import N_, Lazy
from helpers.i18n import gettext as _

__all__ = ["SETUP", "EXERCISES", "q1", "q2", "q3", "q4", "q5", "quiz", "expected"]

SETUP = """\
import helpers
from helpers import money_markets as mm
rates = helpers.load("policy_rates")
fed = helpers.load("fed_balance_sheet")
"""

Q1_DATE = "2025-10-31"   # a Friday: an overnight loan that day is repaid on Monday 3 November
Q1_CASH_BN = 38.0
Q1_DAYS = 3
Q2_YEAR = 2025
Q3_FROM, Q3_TO = "2022-12-28", "2023-12-27"   # last Wednesdays of 2022 and 2023: the ON RRP in 2023
QT2_FROM, QT2_TO = "2022-06-01", "2025-12-03"  # the QT2 window the lesson prints
Q4_REPO_BN = 38.0
Q4_NIGHTS = 10
Q4_HORIZON = 30


def _q1_expected() -> float:
    sofr = float(table("policy_rates").loc[Q1_DATE, "sofr"])
    return Q1_CASH_BN * 1000 * sofr / 100 * Q1_DAYS / 360


def _q2_expected() -> int:
    d = mm.stress_spread(table("policy_rates"))
    d = d[(d.index.year == Q2_YEAR) & (d["benchmark"] == "IORB")]
    return int((d["spread_bp"] > 0).sum())


def _on_rrp() -> pd.Series:
    return table("fed_balance_sheet")["on_rrp"]


def _q3_expected() -> float:
    on_rrp = _on_rrp()
    return float(on_rrp.loc[Q3_FROM] - on_rrp.loc[Q3_TO])


def _q3_explain() -> str:
    fed = table("fed_balance_sheet")
    d = fed.loc[Q3_TO] - fed.loc[Q3_FROM]
    whole = _on_rrp().loc[QT2_FROM] - _on_rrp().loc[QT2_TO]
    return _("right: {share:.0%} of the ON RRP's whole fall over QT2 came in that one year. "
             "Over the same year total assets changed by {assets:+,.0f} $ billions and bank reserves "
             "by {reserves:+,.0f}: the cash leaving the ON RRP more than covered the runoff.").format(
        share=_q3_expected() / whole, assets=d["total_assets"], reserves=d["reserves"])


def _q4_billion_days() -> float:
    return float(mm.reserve_days(mm.injection_paths(Q4_REPO_BN, Q4_HORIZON, nights=Q4_NIGHTS))["overnight_repo"])


def _q4_expected() -> float:
    return _q4_billion_days() / Q4_HORIZON


@memo
def _q5_fit():
    pairs = mm.spread_vs_reserves(table("policy_rates"), table("fed_balance_sheet"))
    return (mm.fit_knee(pairs["reserves_plus_on_rrp"], pairs["spread_bp"]),
            mm.fit_knee(pairs["reserves"], pairs["spread_bp"]))


def _q5_expected() -> float:
    fit, plain = _q5_fit()
    return 1 - fit.sse / plain.sse


_IN_MILLIONS = N_("check the units: the answer is wanted in $ millions ($38 billion = 38,000 $ millions)")
_A_LEVEL = N_("that is a level; the question asks for the fall between the two Wednesdays")

EXERCISES = bind(globals(), [
    Exercise(
        prompt=Lazy("A dealer borrows ${cash:.0f} billion overnight on Friday {date} at that day's SOFR; "
                    "the loan is repaid on Monday 3 November. What interest does it pay, in $ millions "
                    "(actual/360)?", cash=Q1_CASH_BN, date=Q1_DATE),
        checker=number(_q1_expected, rel=0.01, slips=[
            Slip.scaled(1 / Q1_DAYS, N_("that is one day of interest: the loan runs from Friday to Monday, and "
                                        "actual/360 counts calendar days (3)")),
            Slip.scaled(360 / 365, N_("that uses a 365-day year; money markets use actual/360"), rel=0.005),
            Slip.scaled(1 / 1000, _IN_MILLIONS),
            Slip.scaled(1000, _IN_MILLIONS),
        ], otherwise=N_("not the interest the data gives; interest = cash x SOFR/100 x days/360")),
        hint_text=N_("Read SOFR with rates.loc['2025-10-31', 'sofr'] (percent). Interest = cash x rate/100 x "
                     "days/360, with cash in $ millions (38,000) and days counted on the calendar."),
        solution_code=("sofr = rates.loc['2025-10-31', 'sofr']\n"
                       "answer = mm.repo_trade(cash=38_000, collateral_value=38_000 / 0.98, haircut=0.02,\n"
                       "                       rate=float(sofr), days=3).interest"),
        explain=N_("right: over a weekend an overnight loan earns three days of interest, because money "
                   "markets count calendar days over a 360-day year."),
    ),
    Exercise(
        prompt=Lazy("On how many days in {year} (days SOFR was published) was SOFR above IORB?", year=Q2_YEAR),
        checker=integer(_q2_expected, within=1, not_whole=N_("a number of days is a whole number"), slips=[
            Slip.when(lambda answer, expected: answer > 200,
                      N_("that looks like all days with data; count only days where SOFR - IORB > 0")),
        ], otherwise=Lazy("not the count the data gives; count {year} days where SOFR minus IORB is above zero",
                          year=Q2_YEAR)),
        hint_text=Lazy("mm.stress_spread(rates) gives the daily spread in basis points; keep the rows of "
                       "{year} and count where spread_bp > 0.", year=Q2_YEAR),
        solution_code=("daily = mm.stress_spread(rates)\n"
                       f"answer = int((daily.loc['{Q2_YEAR}', 'spread_bp'] > 0).sum())"),
        explain=N_("right. In 2021–2023 that count was near zero: SOFR sat below IORB while reserves were "
                   "abundant. Days above IORB are a sign that cash in the repo market has become scarcer."),
    ),
    Exercise(
        prompt=Lazy("Change the window: by how many $ billions did ON RRP take-up fall during 2023 alone, from "
                    "the last Wednesday of 2022 ({start}) to the last Wednesday of 2023 ({end})? "
                    "Give the fall as a positive number.", start=Q3_FROM, end=Q3_TO),
        checker=number(_q3_expected, rel=0.005, abs_tol=1, slips=[
            Slip.sign(N_("right size, wrong sign: give the fall as a positive number of $ billions"), abs_tol=0.0),
            Slip(lambda: _on_rrp().loc[QT2_FROM] - _on_rrp().loc[QT2_TO],
                 N_("that is the fall over all of QT2; keep only 2023 (last Wednesday of 2022 to last of 2023)"),
                 abs_tol=0.0),
            Slip(lambda: _on_rrp().max() - _on_rrp().loc[Q3_TO],
                 N_("that starts at the peak of September 2022; start at the last Wednesday of 2022"), abs_tol=0.0),
            Slip(lambda: _on_rrp().loc[Q3_TO], _A_LEVEL, abs_tol=0.0),
            Slip(lambda: _on_rrp().loc[Q3_FROM], _A_LEVEL, abs_tol=0.0),
            Slip.when(lambda answer, expected: 0 < answer < 10,
                      N_("the answer is wanted in $ billions (the table's unit), e.g. 2,000 rather than 2")),
        ], otherwise=Lazy("not the fall the data gives; on_rrp on {start} minus on_rrp on {end}",
                          start=Q3_FROM, end=Q3_TO)),
        hint_text=N_("fed['on_rrp'] is in $ billions, one value a Wednesday. Read it on the two dates and "
                     "subtract the later from the earlier."),
        solution_code=f"on_rrp = fed['on_rrp']\nanswer = on_rrp.loc['{Q3_FROM}'] - on_rrp.loc['{Q3_TO}']",
        explain=_q3_explain,
    ),
    Exercise(
        prompt=Lazy("Over a {horizon}-day window, a ${repo:.0f} billion overnight repo is repeated for "
                    "{nights} consecutive nights. What size of permanent purchase, made on day 1, adds the same "
                    "$ billion-days of reserves over the window? Answer in $ billions.",
                    horizon=Q4_HORIZON, repo=Q4_REPO_BN, nights=Q4_NIGHTS),
        checker=number(_q4_expected, rel=0.01, slips=[
            Slip(_q4_billion_days, Lazy("that is the repo's $ billion-days; a purchase adds its size on each of the "
                                        "{horizon} days, so divide by {horizon}", horizon=Q4_HORIZON)),
            Slip(Q4_REPO_BN, N_("a purchase of the repo's size adds reserves every day, not only on the repo's "
                                "nights: far more")),
            Slip(Q4_REPO_BN * Q4_HORIZON / Q4_NIGHTS, N_("upside down: the smaller flow (the repo's nights) sets the "
                                                         "size; multiply by nights, divide by days")),
        ], otherwise=Lazy("the repo adds {repo:.0f} on each of {nights} nights; a purchase of size P adds P "
                          "on each of {horizon} days. Set the two totals equal and solve for P",
                          repo=Q4_REPO_BN, nights=Q4_NIGHTS, horizon=Q4_HORIZON)),
        hint_text=N_("mm.reserve_days(mm.injection_paths(38, 30, nights=10)) gives the repo's $ billion-days; "
                     "a permanent purchase of size P adds P on each of the 30 days. Or try the sliders under the "
                     "chart."),
        solution_code=(f"repo_days = mm.reserve_days(mm.injection_paths({Q4_REPO_BN}, {Q4_HORIZON}, "
                       f"nights={Q4_NIGHTS}))['overnight_repo']\n"
                       f"answer = repo_days / {Q4_HORIZON}"),
        explain=lambda: _("right: {nights} nights of a ${repo:.0f}B repo add no more reserves over the "
                          "month than a ${purchase:.1f}B permanent purchase — even though the operations add "
                          "up to ${headlines:,.0f}B of headlines.").format(
            nights=Q4_NIGHTS, repo=Q4_REPO_BN, purchase=_q4_expected(), headlines=Q4_REPO_BN * Q4_NIGHTS),
    ),
    Exercise(
        prompt=N_("Predict, then check: redo the two-segment fit with reserves + ON RRP as x (column "
                "reserves_plus_on_rrp of mm.spread_vs_reserves) and the weekly SOFR − IORB spread as y. By what "
                "fraction does the sum of squared errors (sse) fall compared with the fit on reserves alone? "
                "Give 1 − new sse ÷ old sse."),
        checker=number(_q5_expected, rel=0.01, slips=[
            Slip.scaled(100, N_("give a fraction (0.25 for a quarter), not a percentage")),
            Slip(lambda: _q5_fit()[0].sse / _q5_fit()[1].sse,
                 N_("that is the fraction of the error that is left; the question asks by how much it falls "
                    "(1 minus it)")),
            Slip(lambda: _q5_fit()[1].sse / _q5_fit()[0].sse,
                 N_("upside down: divide the new sse by the reserves-only sse, then take 1 minus that")),
            Slip(lambda: _q5_fit()[0].knee,
                 N_("that is the knee; the question asks how much smaller the sum of squared errors (sse) gets"),
                 rel=0.03),
            Slip.when(lambda answer, expected: answer < 0,
                      N_("the sse gets smaller with ON RRP added, so the fall is a positive fraction")),
        ], otherwise=N_("fit mm.fit_knee(pairs['reserves_plus_on_rrp'], pairs['spread_bp']) and compare its .sse "
                      "with the fit on pairs['reserves']: 1 - new sse / old sse")),
        hint_text=N_("pairs = mm.spread_vs_reserves(rates, fed); mm.fit_knee(x, y) returns a KneeFit whose "
                   ".sse is the sum of squared errors (and .knee the bend). Fit both columns and compare."),
        solution_code=("pairs = mm.spread_vs_reserves(rates, fed)\n"
                       "new = mm.fit_knee(pairs['reserves_plus_on_rrp'], pairs['spread_bp'])\n"
                       "old = mm.fit_knee(pairs['reserves'], pairs['spread_bp'])\n"
                       "answer = 1 - new.sse / old.sse"),
        explain=lambda: _("right: adding the ON RRP cuts the sse by {cut:.0%}, while the knee moves only "
                          "from about ${old_knee:,.0f}B to ${new_knee:,.0f}B. In 2022 reserves were "
                          "lower but money funds still had huge cash at the ON RRP, and SOFR stayed below IORB. Cash "
                          "available to the repo market, not reserves alone, seems to matter — still a description, "
                          "not proof.").format(cut=_q5_expected(), old_knee=_q5_fit()[1].knee,
                                               new_knee=_q5_fit()[0].knee),
    ),
])


def expected(label: str):
    """The value each checker currently expects (for instructors and tests): 'q1' .. 'q5'."""
    table_ = {f"q{n}": ex for n, ex in enumerate(EXERCISES, start=1)}
    if label not in table_:
        raise ValueError(f"label={label!r} is not an exercise; allowed: {', '.join(table_)}")
    return table_[label].expected()


quiz = Quiz(
    title=N_("Check yourself — repo and money markets"),
    questions=[
        Choice(
            question=N_("A money-market fund puts $10 billion into the Fed's ON RRP overnight. From the fund's side this is…"),
            options=[N_("borrowing $10 billion from the Fed"),
                     N_("a reverse repo: lending cash to the Fed against Treasury collateral"),
                     N_("an outright purchase of Treasuries from the Fed"),
                     N_("a loan from the Standing Repo Facility")],
            correct=1,
            why=[N_("no: the fund hands cash to the Fed; the Fed is the borrower."),
                 N_("yes: the fund lends cash and receives Treasuries as collateral until the next day."),
                 N_("no: the Treasuries come back to the Fed the next day; nothing is bought outright."),
                 N_("no: the SRF works the other way round — the Fed lends cash to dealers and banks.")],
        ),
        Choice(
            question=N_("The Fed lends $38 billion in an overnight repo operation. One week later, how many reserves does that operation still add?"),
            options=[N_("$38 billion"), N_("about $5.4 billion (38 / 7)"), N_("none, unless it has been repeated"),
                     N_("$38 billion times seven")],
            correct=2,
            why=[N_("no: that is true only on the night of the loan."),
                 N_("no: there is no averaging; the loan is repaid in full the next day."),
                 N_("yes: the loan is repaid the next business day and the reserves go with it."),
                 N_("no: the same $38 billion is not added again unless new operations are done.")],
        ),
        Choice(
            question=N_("SOFR prints well above IORB for several weeks. The most reasonable reading is…"),
            options=[N_("banks have more reserves than they want"),
                     N_("cash in the repo market is scarce relative to demand — a sign reserves may be getting tight"),
                     N_("the Fed has raised IORB"),
                     N_("crypto prices will rise")],
            correct=1,
            why=[N_("no: with ample reserves banks would lend cash into repo and SOFR would sit below IORB."),
                 N_("yes: lenders with reserves would earn more in repo than at the Fed, so the gap signals scarcity."),
                 N_("no: a higher IORB would narrow or reverse the spread, not widen it."),
                 N_("no: a money-market spread says nothing on its own about crypto prices.")],
        ),
        Choice(
            question=N_("The weekly scatter shows the spread rising as reserves fall below the fitted knee. What can it show?"),
            options=[N_("that falling reserves caused the higher spreads"),
                     N_("a pattern consistent with a reserve-demand curve, which time trends and other factors could also produce"),
                     N_("the exact level of reserves the Fed will target"),
                     N_("nothing, because scatters are never useful")],
            correct=1,
            why=[N_("no: the low-reserve weeks are all in late 2025; other things changed then too (Treasury issuance, TGA, quarter-ends)."),
                 N_("yes: it describes where the relation bends in this sample; causality needs more evidence."),
                 N_("no: the Fed sets its own framework; a fitted knee is a description of past data."),
                 N_("no: it is a useful description — the point is to read it with its limits.")],
        ),
        Choice(
            question=N_("A dealer borrows $99 million against Treasuries worth $100 million, overnight at 4 %. The lender's haircut is…"),
            options=[N_("1 %"), N_("4 %"), N_("0.011 %"), N_("99 %")],
            correct=0,
            why=[N_("yes: 1 − 99/100 = 1 %; the lender is covered unless the collateral loses about 1 %."),
                 N_("no: 4 % is the interest rate a year, not the haircut."),
                 N_("no: that is roughly one day's interest as a share of the cash."),
                 N_("no: 99 % is the share of the collateral's value that is lent.")],
        ),
    ],
)
