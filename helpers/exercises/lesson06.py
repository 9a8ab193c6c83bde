"""Lesson 06 exercises: the balance-sheet identity, scenario paths, regimes and the toy model.

Every expected value is computed at check time from the snapshot and :mod:`helpers.scenarios`.
"""
from __future__ import annotations


from helpers.exercises import Choice, Exercise, Quiz, close_to, is_number


def _sc():
    from helpers import scenarios

    return scenarios



# --- Exercise 1: the identity by hand ------------------------------------------------------
Q1_CHANGES = {"d_assets": 50.0, "d_tga": 30.0, "d_on_rrp": -10.0, "d_other": 5.0}


def _check_q1(answer):
    expected = _sc().reserves_change(**Q1_CHANGES)
    ok, msg = close_to(expected, abs_tol=0.5)(answer)
    if ok or not is_number(answer):
        return ok, msg
    wrong_rrp = _sc().reserves_change(50.0, 30.0, 10.0, 5.0)
    if abs(answer - wrong_rrp) < 0.5:
        return False, "check the ON RRP sign: money leaving the ON RRP facility goes back to banks as reserves"
    if abs(answer - (50.0 - 30.0 + 10.0 + 5.0)) < 0.5:
        return False, "currency is a liability too: when people hold more cash, reserves fall"
    return False, "use Δreserves = Δassets − ΔTGA − ΔON RRP − Δ(currency and other); a fall is a negative change"


q1 = Exercise(
    "Exercise 1",
    "In one month the Fed buys $50B of Treasury bills, the Treasury's account (TGA) rises by $30B, "
    "ON RRP falls by $10B and currency in circulation grows by $5B. By how much do bank reserves "
    "change, in $ billions?",
    _check_q1,
    "Write each change with its sign (a fall is negative) and use "
    "Δreserves = Δassets − ΔTGA − ΔON RRP − Δ(currency and other). "
    "sc.reserves_change(d_assets, d_tga, d_on_rrp, d_other) does the arithmetic.",
    "answer = sc.reserves_change(d_assets=50, d_tga=30, d_on_rrp=-10, d_other=5)",
    "reserves rise by $25B: purchases and the ON RRP outflow add $60B, the TGA build and the extra "
    "cash drain $35B.",
)


# --- Exercise 2: a scenario's path ----------------------------------------------------------
def _q2_scenario():
    return _sc().Scenario(purchase_pace=60.0, purchase_months=6, tga_target=1000.0, tga_weeks=8)


def _q2_expected() -> float:
    path = _sc().liquidity_path(_q2_scenario())
    return float(path["reserves"].iloc[-1] - path["reserves"].iloc[0])


def _check_q2(answer):
    expected = _q2_expected()
    ok, msg = close_to(expected, abs_tol=1.0)(answer)
    if ok or not is_number(answer):
        return ok, msg
    path = _sc().liquidity_path(_q2_scenario())
    if abs(answer - float(path["reserves"].iloc[-1])) < 1.0:
        return False, "that is the level at week 52; the question asks for the change (week 52 minus week 0)"
    if abs(answer - 360.0) < 1.0:
        return False, "$360B is what the Fed buys; the TGA build to $1,000B drains part of it"
    return False, "take path['reserves'] at the last week minus the first week"


q2 = Exercise(
    "Exercise 2",
    "Build a scenario with purchases of $60B a month for 6 months and the TGA rising to $1,000B "
    "over 8 weeks (everything else as the default). By how much do reserves change from week 0 "
    "to week 52, in $ billions?",
    _check_q2,
    "path = sc.liquidity_path(sc.Scenario(purchase_pace=60, purchase_months=6, tga_target=1000, "
    "tga_weeks=8)); then the last reserves value minus the first.",
    "path = sc.liquidity_path(sc.Scenario(purchase_pace=60, purchase_months=6,\n"
    "                                     tga_target=1000, tga_weeks=8))\n"
    "answer = path['reserves'].iloc[-1] - path['reserves'].iloc[0]",
    lambda: (f"reserves change by ${_q2_expected():+,.0f}B: $360B of purchases minus the TGA's rise "
             "(and plus the small ON RRP outflow)."),
)


# --- Exercise 3: how many regimes? ------------------------------------------------------------
def _q3_expected() -> int:
    return int(len(_sc().regime_spells(min_weeks=13)))


def _check_q3(answer):
    if isinstance(answer, bool) or not isinstance(answer, int):
        return False, f"give a whole number of spells, got {type(answer).__name__}"
    expected = _q3_expected()
    if answer == expected:
        return True, ""
    if answer == len(_sc().regime_spells(min_weeks=1)):
        return False, "that counts every spell, even one-week flips; keep only spells of 13 weeks or more"
    return False, "count the rows of sc.regime_spells(min_weeks=13)"


def _q3_explain() -> str:
    spells = _sc().regime_spells(min_weeks=13)
    n_exp = int((spells["regime"] == "expanding").sum())
    return (f"{len(spells)} spells of 13+ weeks, {n_exp} of them expanding, in about twelve years: the "
            "toy's two pools rest on a handful of episodes, not hundreds of independent ones.")


q3 = Exercise(
    "Exercise 3",
    "A 'spell' is a run of consecutive weeks in the same regime. How many spells lasting at least "
    "13 weeks does the snapshot's history hold (expanding and contracting together)?",
    _check_q3,
    "sc.regime_spells(min_weeks=13) lists them, one row per spell; len(...) counts rows.",
    "answer = len(sc.regime_spells(min_weeks=13))",
    _q3_explain,
)


# --- Exercise 4: one assumption, a different answer ------------------------------------------
def _chance(history_drift: bool, level: float = 100_000) -> float:
    res = _sc().run_scenario(history_drift=history_drift, seed=6, levels=(level,))
    return float(res.table.iloc[0, 0])


def _check_q4(answer):
    expected = _chance(True)
    if is_number(answer) and 0 < answer <= 1 and expected > 1:
        return False, "give the chance in percent (e.g. 35 for 35 %), as the table shows it"
    ok, msg = close_to(expected, abs_tol=1.0)(answer)
    if ok or not is_number(answer):
        return ok, msg
    if abs(answer - _chance(False)) < 1.0:
        return False, "that is the default (drift removed); switch history_drift=True"
    return False, "read the 'ends above $100,000' row of run_scenario(history_drift=True, seed=6).table"


q4 = Exercise(
    "Exercise 4",
    "Run the default scenario (seed 6) with history's drift kept (history_drift=True). What is the "
    "chance, in percent, that bitcoin ends the 52 weeks above $100,000? Compare it with the default.",
    _check_q4,
    "res = sc.run_scenario(history_drift=True, seed=6, levels=(100_000,)); the first row of "
    "res.table is 'ends above $100,000'.",
    "res = sc.run_scenario(history_drift=True, seed=6, levels=(100_000,))\n"
    "answer = res.table.loc['ends above $100,000', 'chance (%)']",
    lambda: (f"{_chance(True):.1f} % with history's drift against {_chance(False):.1f} % without: one "
             "assumption about the average moves the answer more than the whole liquidity scenario."),
)


# --- Exercise 5: how much does the scenario itself matter? -----------------------------------
def _median_end(pace: float, months: int) -> float:
    sc = _sc()
    return sc.run_scenario(sc.Scenario(purchase_pace=pace, purchase_months=months), seed=6).median_end


def _q5_expected() -> float:
    return _median_end(120.0, 12) - _median_end(0.0, 0)


def _check_q5(answer):
    expected = _q5_expected()
    ok, msg = close_to(expected, rel=0.02, abs_tol=100.0)(answer)
    if ok or not is_number(answer):
        return ok, msg
    if abs(answer + expected) < max(100.0, 0.02 * abs(expected)):
        return False, "the sign is reversed: take the big-purchase median minus the no-purchase median"
    return False, ("run both scenarios with seed=6 and subtract the .median_end values "
                   "(big purchases minus none)")


def _q5_explain() -> str:
    sc = _sc()
    res = sc.run_scenario(sc.Scenario(purchase_pace=0.0, purchase_months=0), seed=6)
    band = res.fan.iloc[-1]["q95"] - res.fan.iloc[-1]["q05"]
    return (f"the medians differ by about ${_q5_expected():,.0f}, while the 5–95 % band of one scenario "
            f"alone is about ${band:,.0f} wide: even in a toy built to respond to liquidity, the "
            "spread of outcomes dwarfs the scenario's effect.")


q5 = Exercise(
    "Exercise 5",
    "How much higher, in USD, is the median end price with purchases of $120B a month for 12 months "
    "than with no purchases at all (pace 0, 0 months)? Keep every other setting at the default and "
    "seed=6.",
    _check_q5,
    "sc.run_scenario(sc.Scenario(purchase_pace=120, purchase_months=12), seed=6).median_end gives "
    "one median; do the same with purchase_pace=0, purchase_months=0 and subtract.",
    "big = sc.run_scenario(sc.Scenario(purchase_pace=120, purchase_months=12), seed=6)\n"
    "none = sc.run_scenario(sc.Scenario(purchase_pace=0, purchase_months=0), seed=6)\n"
    "answer = big.median_end - none.median_end",
    _q5_explain,
)


quiz = Quiz(
    "Check yourself",
    [
        Choice(
            "The Treasury raises its account at the Fed (the TGA) by $100B and nothing else on the Fed's "
            "balance sheet changes. What happens to bank reserves?",
            ["They rise by $100B", "They fall by $100B", "They do not change"],
            1,
            [
                "The TGA is a Fed liability like reserves: money paid into it leaves banks' accounts.",
                "Right: taxes and debt sales move money from banks' reserve accounts into the TGA.",
                "Assets are unchanged, so another liability must shrink by the same amount: reserves.",
            ],
        ),
        Choice(
            "How did the FOMC describe its Treasury-bill purchases of October 2019?",
            ["A new round of QE to lower long-term rates",
             "Purely technical measures to keep reserves ample, not a change in the stance of policy",
             "Sales of bills to drain reserves"],
            1,
            [
                "The statement said the opposite: they were not a change in the stance of monetary policy.",
                "Right (FOMC statement, 11 October 2019): bills, to offset growing non-reserve liabilities.",
                "They were purchases; they added reserves.",
            ],
        ),
        Choice(
            "In this lesson's toy, what does the 'already priced in' toggle do?",
            ["Adds a one-off fall of 20 %",
             "Ignores the liquidity path: every week draws from all historical weeks",
             "Doubles the effect of the purchases"],
            1,
            [
                "That is the regulation-shock toggle.",
                "Right: if the path is expected, it carries no extra information about returns.",
                "No toggle amplifies the purchases; the toy only chooses which pool each week draws from.",
            ],
        ),
        Choice(
            "Why is the toy's fan chart not a forecast?",
            ["Because it uses random numbers",
             "Because its regimes overlap, rest on a few spells, and assume history repeats",
             "Because the balance-sheet identity is only approximately true"],
            1,
            [
                "Random draws are a tool; a seeded simulation can still be a careful forecast model.",
                "Right: and net liquidity explains little of bitcoin's weekly moves in the first place.",
                "The identity holds exactly (up to the averaging mismatch absorbed at week 0).",
            ],
        ),
    ],
)
