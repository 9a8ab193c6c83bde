"""Lesson 06 exercises: the balance-sheet identity, scenario paths, regimes and the toy model.

Every expected value is computed at check time from the snapshot and :mod:`helpers.scenarios`.
"""
from __future__ import annotations

from helpers import scenarios as sc
from helpers.data import memo
from helpers.exercises import Choice, Exercise, Quiz, Slip, bind, number
from helpers.i18n import N_
from helpers.i18n import gettext as _

SETUP = """\
from helpers import scenarios as sc
"""


# --- Exercise 1: the identity by hand ------------------------------------------------------
Q1_CHANGES = {"d_assets": 48.0, "d_tga": 20.0, "d_on_rrp": -6.0, "d_other": 7.0}


def _q1_expected() -> float:
    return sc.reserves_change(**Q1_CHANGES)


def _q1_explain() -> str:
    c = Q1_CHANGES
    added = c["d_assets"] - c["d_on_rrp"]
    drained = c["d_tga"] + c["d_other"]
    return _("reserves change by ${change:+,.0f}B: the purchases and the ON RRP outflow "
             "add ${added:,.0f}B, the TGA build and the extra cash drain ${drained:,.0f}B.").format(
        change=sc.reserves_change(**c), added=added, drained=drained)


_C = Q1_CHANGES
_WRONG_RRP = _C["d_assets"] - _C["d_tga"] + _C["d_on_rrp"] - _C["d_other"]   # the ON RRP change with its sign flipped
_NO_CURRENCY = _C["d_assets"] - _C["d_tga"] - _C["d_on_rrp"] + _C["d_other"]  # currency counted as an asset
_WRONG_TGA = _C["d_assets"] + _C["d_tga"] - _C["d_on_rrp"] - _C["d_other"]    # the TGA build added


# --- Exercise 2: a scenario's path ----------------------------------------------------------
def _q2_path():
    return sc.liquidity_path(sc.Scenario(purchase_pace=60.0, purchase_months=6, tga_target=1000.0, tga_weeks=8))


def _q2_expected() -> float:
    path = _q2_path()
    return float(path["reserves"].iloc[-1] - path["reserves"].iloc[0])


# --- Exercise 3: how much of history sits in long spells? -----------------------------------
Q3_MIN_WEEKS = 26


@memo
def _q3_share(min_weeks: int = Q3_MIN_WEEKS) -> float:
    return float(sc.regime_spells(min_weeks=min_weeks)["weeks"].sum() / len(sc.weekly_btc()))


def _q3_explain() -> str:
    long = sc.regime_spells(min_weeks=Q3_MIN_WEEKS)
    n_exp = int((long["regime"] == "expanding").sum())
    return _("{share:.0%} of the {weeks:,} weeks sit in just {spells} spells of half "
             "a year or more ({n_exp} of them expanding), against {share_13:.0%} in spells of 13+ weeks: "
             "the long episodes that would show a lasting effect of liquidity are a handful, so the toy's "
             "two pools rest on very few independent stretches of history.").format(
        share=_q3_share(), weeks=len(sc.weekly_btc()), spells=len(long), n_exp=n_exp, share_13=_q3_share(13))


# --- Exercise 4: one assumption, a different answer ------------------------------------------
@memo
def _chance(history_drift: bool, level: float = 100_000) -> float:
    res = sc.run_scenario(history_drift=history_drift, seed=6, levels=(level,))
    return float(res.table.iloc[0, 0])


# --- Exercise 5: a Treasury cash build against the purchases ------------------------------
Q5_TGA = 1100.0


@memo
def _median_end(**settings) -> float:
    return sc.run_scenario(sc.Scenario(**settings), seed=6).median_end


def _q5_expected() -> float:
    return _median_end(tga_target=Q5_TGA) - _median_end()


def _q5_explain() -> str:
    new = sc.run_scenario(sc.Scenario(tga_target=Q5_TGA), seed=6)
    old = sc.run_scenario(seed=6)
    d = sc.Scenario()
    tga_week = (Q5_TGA - float(sc.start_point()["tga"])) / d.tga_weeks
    buy_week = d.purchase_pace * d.purchase_months / d.purchase_weeks
    return _("the median moves by ${change:+,.0f}: the TGA now rises by about ${tga_week:,.0f}B a "
             "week for {tga_weeks} weeks while the purchases add about ${buy_week:,.0f}B a week, so "
             "expanding weeks fall from {old_share:.0%} to {new_share:.0%} of the year. "
             "In this toy a Treasury decision can cancel the Fed's purchases.").format(
        change=_q5_expected(), tga_week=tga_week, tga_weeks=d.tga_weeks, buy_week=buy_week,
        old_share=old.expanding_share, new_share=new.expanding_share)


EXERCISES = bind(globals(), [
    Exercise(
        prompt=N_("In one month the Fed buys $48B of Treasury bills, the Treasury's account (TGA) rises by $20B, "
                  "ON RRP falls by $6B and currency in circulation grows by $7B. By how much do bank reserves "
                  "change, in $ billions?"),
        checker=number(_q1_expected, abs_tol=0.5, slips=[
            Slip(_WRONG_RRP,
                 N_("check the ON RRP sign: money leaving the ON RRP facility goes back to banks as reserves"),
                 rel=0.0),
            Slip(_NO_CURRENCY, N_("currency is a liability too: when people hold more cash, reserves fall"), rel=0.0),
            Slip(_WRONG_TGA,
                 N_("check the TGA sign: money paid into the Treasury's account leaves banks' reserves"),
                 rel=0.0),
        ], otherwise=N_("use Δreserves = Δassets − ΔTGA − ΔON RRP − Δ(currency and other); a fall is a negative "
                        "change")),
        hint_text=N_("Write each change with its sign (a fall is negative) and use "
                     "Δreserves = Δassets − ΔTGA − ΔON RRP − Δ(currency and other). "
                     "sc.reserves_change(d_assets, d_tga, d_on_rrp, d_other) does the arithmetic."),
        solution_code="answer = sc.reserves_change(d_assets=48, d_tga=20, d_on_rrp=-6, d_other=7)",
        explain=_q1_explain,
    ),
    Exercise(
        prompt=N_("Build a scenario with purchases of $60B a month for 6 months and the TGA rising to $1,000B "
                  "over 8 weeks (everything else as the default). By how much do reserves change from week 0 "
                  "to week 52, in $ billions?"),
        checker=number(_q2_expected, abs_tol=1.0, slips=[
            Slip(lambda: _q2_path()["reserves"].iloc[-1],
                 N_("that is the level at week 52; the question asks for the change (week 52 minus week 0)"),
                 rel=0.0),
            Slip(360.0, N_("$360B is what the Fed buys; the TGA build to $1,000B drains part of it"), rel=0.0),
        ], otherwise=N_("take path['reserves'] at the last week minus the first week")),
        hint_text=N_("path = sc.liquidity_path(sc.Scenario(purchase_pace=60, purchase_months=6, tga_target=1000, "
                     "tga_weeks=8)); then the last reserves value minus the first."),
        solution_code=("path = sc.liquidity_path(sc.Scenario(purchase_pace=60, purchase_months=6,\n"
                       "                                     tga_target=1000, tga_weeks=8))\n"
                       "answer = path['reserves'].iloc[-1] - path['reserves'].iloc[0]"),
        explain=lambda: _("reserves change by ${change:+,.0f}B: $360B of purchases minus the TGA's rise "
                          "(and plus the small ON RRP outflow).").format(change=_q2_expected()),
    ),
    Exercise(
        prompt=N_("A 'spell' is a run of consecutive weeks in the same regime. Section 3 counted spells of 13 weeks "
                  "or more. Now take spells of at least 26 weeks (half a year), expanding and contracting together: "
                  "what share of all the history's weeks do they cover? Answer as a fraction."),
        checker=number(_q3_share, abs_tol=0.005, slips=[
            Slip.scaled(100, N_("give the share as a fraction (0.25 for 25 %), not in percent"), rel=0.0,
                        abs_tol=0.5, only_if=lambda answer, expected: 1.5 < answer <= 100),
            Slip(lambda: _q3_share(13),
                 N_("that uses spells of 13 weeks or more; the question asks for 26 weeks or more"), rel=0.0),
            Slip(lambda: len(sc.regime_spells(min_weeks=Q3_MIN_WEEKS)),
                 N_("that is the number of spells; the question asks what share of all weeks they cover"),
                 rel=0.0, abs_tol=0.0),
            Slip(lambda: sc.regime_spells(min_weeks=Q3_MIN_WEEKS)["weeks"].sum(),
                 N_("that is the number of weeks in those spells; divide by the number of weeks in history"),
                 rel=0.0, abs_tol=0.5),
        ], otherwise=N_("add up the 'weeks' of sc.regime_spells(min_weeks=26) and divide by the number of "
                        "historical weeks, len(sc.weekly_btc())")),
        hint_text=N_("sc.regime_spells(min_weeks=26) lists the spells, one row per spell, with their length in the "
                     "'weeks' column; len(sc.weekly_btc()) is the number of weeks in history."),
        solution_code=("long = sc.regime_spells(min_weeks=26)\n"
                       "answer = long['weeks'].sum() / len(sc.weekly_btc())"),
        explain=_q3_explain,
    ),
    Exercise(
        prompt=N_("Run the default scenario (seed 6) with history's drift kept (history_drift=True). What is the "
                  "chance, in percent, that bitcoin ends the 52 weeks above $100,000? Compare it with the default."),
        checker=number(lambda: _chance(True), abs_tol=1.0, slips=[
            Slip.when(lambda answer, expected: 0 < answer <= 1 and expected > 1,
                      N_("give the chance in percent (e.g. 35 for 35 %), as the table shows it")),
            Slip(lambda: _chance(False), N_("that is the default (drift removed); switch history_drift=True"),
                 rel=0.0),
        ], otherwise=N_("read the 'ends above $100,000' row of run_scenario(history_drift=True, seed=6).table")),
        hint_text=N_("res = sc.run_scenario(history_drift=True, seed=6, levels=(100_000,)); the first row of "
                     "res.table is 'ends above $100,000'."),
        solution_code=("res = sc.run_scenario(history_drift=True, seed=6, levels=(100_000,))\n"
                       "answer = res.table.loc['ends above $100,000', 'chance (%)']"),
        explain=lambda: _("{drift:.1f} % with history's drift against {no_drift:.1f} % without: one "
                          "assumption about the average moves the answer more than the whole liquidity "
                          "scenario.").format(drift=_chance(True), no_drift=_chance(False)),
    ),
    Exercise(
        prompt=N_("Keep the default purchases but let the Treasury rebuild its cash: TGA target $1,100B (reached "
                  "in the default 13 weeks). Predict first: does the toy's median at week 52 go up, down or stay "
                  "the same? Then compute, with seed=6, the new median minus the default median, in USD."),
        checker=number(_q5_expected, rel=0.02, abs_tol=100.0, slips=[
            Slip.sign(N_("the sign is reversed: take the new median minus the default median")),
            Slip(lambda: _median_end(tga_target=Q5_TGA),
                 N_("that is the new median itself; the question asks for the change from the default")),
            Slip.when(lambda answer, expected: abs(answer) < 100.0,
                      N_("the pace of purchases does not matter in this toy, but the TGA does: net liquidity "
                         "is assets − TGA − ON RRP, so a TGA rising faster than the Fed buys turns its 13-week "
                         "change negative. Run the scenario and see")),
        ], otherwise=N_("run sc.Scenario(tga_target=1100) with seed=6 and the default scenario with seed=6, "
                        "then subtract the .median_end values (new minus default)")),
        hint_text=N_("new = sc.run_scenario(sc.Scenario(tga_target=1100), seed=6) and default = "
                     "sc.run_scenario(seed=6); compare their .median_end. res.expanding_share tells you why."),
        solution_code=("new = sc.run_scenario(sc.Scenario(tga_target=1100), seed=6)\n"
                       "default = sc.run_scenario(seed=6)\n"
                       "answer = new.median_end - default.median_end"),
        explain=_q5_explain,
    ),
])


quiz = Quiz(
    N_("Check yourself"),
    [
        Choice(
            N_("The Treasury raises its account at the Fed (the TGA) by $100B and nothing else on the Fed's "
               "balance sheet changes. What happens to bank reserves?"),
            [N_("They rise by $100B"), N_("They fall by $100B"), N_("They do not change")],
            1,
            [
                N_("The TGA is a Fed liability like reserves: money paid into it leaves banks' accounts."),
                N_("Right: taxes and debt sales move money from banks' reserve accounts into the TGA."),
                N_("Assets are unchanged, so another liability must shrink by the same amount: reserves."),
            ],
        ),
        Choice(
            N_("How did the FOMC describe its Treasury-bill purchases of October 2019?"),
            [N_("A new round of QE to lower long-term rates"),
             N_("Purely technical measures to keep reserves ample, not a change in the stance of policy"),
             N_("Sales of bills to drain reserves")],
            1,
            [
                N_("The statement said the opposite: they were not a change in the stance of monetary policy."),
                N_("Right (FOMC statement, 11 October 2019): bills, to offset growing non-reserve liabilities."),
                N_("They were purchases; they added reserves."),
            ],
        ),
        Choice(
            N_("In this lesson's toy, what does the 'already priced in' toggle do?"),
            [N_("Adds a one-off fall of 20 %"),
             N_("Ignores the liquidity path: every week draws from all historical weeks"),
             N_("Doubles the effect of the purchases")],
            1,
            [
                N_("That is the regulation-shock toggle."),
                N_("Right: if the path is expected, it carries no extra information about returns."),
                N_("No toggle amplifies the purchases; the toy only chooses which pool each week draws from."),
            ],
        ),
        Choice(
            N_("Why is the toy's fan chart not a forecast?"),
            [N_("Because it uses random numbers"),
             N_("Because its regimes overlap, rest on a few spells, and assume history repeats"),
             N_("Because the balance-sheet identity is only approximately true")],
            1,
            [
                N_("Random draws are a tool; a seeded simulation can still be a careful forecast model."),
                N_("Right: and net liquidity explains little of bitcoin's weekly moves in the first place."),
                N_("The identity holds exactly (up to the averaging mismatch absorbed at week 0)."),
            ],
        ),
    ],
)
