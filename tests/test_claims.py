"""helpers.claims: every verdict follows from its documented rule and the numbers; key numbers recomputed."""
import math
import re
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import helpers
from helpers import claims
from helpers.claims import CANNOT, FALSE, MISLEADING, NOT_SUPPORTED, SUPPORTED, VERDICTS

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT.parent / "shared" / "seeds"
NUMBERS = range(1, 15)


@pytest.fixture(scope="module")
def data():
    return claims.inputs()


# ---------------------------------------------------------------------------
# Every claim: the verdict is allowed and is the rule applied to the returned numbers
# ---------------------------------------------------------------------------
@pytest.mark.parametrize("n", NUMBERS)
def test_verdict_follows_the_documented_rule(n):
    ev = claims.evidence(n)
    assert ev.number == n
    assert ev.verdict in VERDICTS
    assert claims.RULES[n](ev.facts) == ev.verdict
    assert isinstance(ev.numbers, pd.DataFrame) and not ev.numbers.empty
    assert ev.rule and ev.reason and len(ev.explanation) > 100
    assert ev.quote_zh and all(re.search(r"[\u4e00-\u9fff]", q) for q in ev.quote_zh)
    assert ev.article in ("A", "B", "B and A")
    # the brief is what the learner judges from: the claim and its test, never the rule or the verdict
    assert ev.claim_en in ev.brief() and ev.rule not in ev.brief()
    assert not any(f" {v.upper()}" in ev.brief() for v in VERDICTS)
    assert ev.verdict.upper() in ev.card()
    # parts: each verdict is its rule applied to its own facts, and the claim's verdict follows from them
    for p in ev.parts:
        assert p.verdict in VERDICTS and p.text and p.rule
        assert claims.PART_RULES[n][p.key](p.facts) == p.verdict
        assert set(p.facts) <= set(ev.facts) and all(ev.facts[k] == v for k, v in p.facts.items())
        if p.verdict == CANNOT:
            assert p.settle, f"claim {n} part {p.key}: say what data would settle it"
    if ev.parts:
        assert ev.verdict == claims.overall_verdict([p.verdict for p in ev.parts])
        assert set(claims.PART_RULES[n]) == {p.key for p in ev.parts}
    if ev.verdict == CANNOT:
        assert ev.settle, "say what data would settle it"
    for url in ev.sources:
        assert url.startswith(("https://www.federalreserve.gov/", "https://www.newyorkfed.org/")), url


def test_expected_verdicts_on_the_snapshot():
    # A regression guard, not the source of the verdicts: each is recomputed by its rule above, and the
    # facts behind each are recomputed from the data in the tests below.
    got = {n: (claims.evidence(n).verdict, {p.key: p.verdict for p in claims.evidence(n).parts}) for n in NUMBERS}
    assert got == {
        1: (SUPPORTED, {"a": SUPPORTED, "b": CANNOT}),  # (b): the qt_end row is 'secondary'
        2: (MISLEADING, {"a": SUPPORTED, "b": MISLEADING, "c": SUPPORTED}),
        3: (FALSE, {"a": FALSE, "b": CANNOT}),
        4: (FALSE, {}),
        5: (MISLEADING, {"a": MISLEADING, "b": SUPPORTED}),
        6: (FALSE, {"a": FALSE, "b": CANNOT}),
        7: (NOT_SUPPORTED, {}),
        8: (MISLEADING, {"a": MISLEADING, "b": CANNOT}),  # (b): 18 months not yet in the data
        9: (MISLEADING, {}),
        10: (NOT_SUPPORTED, {"a": NOT_SUPPORTED, "b": MISLEADING}),
        11: (NOT_SUPPORTED, {}),
        12: (NOT_SUPPORTED, {"a": NOT_SUPPORTED, "b": CANNOT}),
        13: (NOT_SUPPORTED, {"a": NOT_SUPPORTED, "b": NOT_SUPPORTED, "c": CANNOT}),
        14: (NOT_SUPPORTED, {}),
    }


def test_results_are_fresh_copies():
    a = claims.claim_02()
    a.numbers.iloc[0, 0] = "changed"
    a.facts["n_matching"] = -1
    b = claims.claim_02()
    assert b.numbers.iloc[0, 0] != "changed" and b.facts["n_matching"] >= 0


def test_summary_and_report():
    table = claims.summary_table()
    assert list(table.index) == list(NUMBERS)
    assert set(table["verdict"]) <= set(VERDICTS)
    text = claims.report()
    assert all(f"Claim {n} — " in text for n in NUMBERS)


@pytest.mark.skipif(not SEEDS.exists(), reason="source articles not available")
def test_quotes_are_verbatim_from_the_articles():
    files = {"A": SEEDS / "000_5d9b6d39540924dd.txt", "B": SEEDS / "001_71baea0a8d1b74ae.txt"}
    texts = {k: p.read_text(encoding="utf-8") for k, p in files.items()}
    for n in NUMBERS:
        ev = claims.evidence(n)
        for q in ev.quote_zh:
            assert any(q in t for t in texts.values()), (n, q)


# ---------------------------------------------------------------------------
# Key numbers recomputed independently of helpers.claims
# ---------------------------------------------------------------------------
def test_claim_04_cut_dates_from_policy_rates():
    rates = helpers.load("policy_rates")
    upper = rates["target_upper"].dropna()
    changed = upper[upper.diff() < 0]
    effective = [d for d in changed.index if d.year == 2025]
    announced = [f"{d - pd.Timedelta(days=1):%Y-%m-%d}" for d in effective]
    ev = claims.claim_04()
    assert ev.facts["cut_dates"] == announced == ["2025-09-17", "2025-10-29", "2025-12-10"]
    assert ev.facts["first_cut_announced"] == announced[0]
    # no change of the target range on or the day after 1 December 2025
    assert upper.loc["2025-11-30"] == upper.loc["2025-12-02"]
    assert not ev.facts["range_change_on_claimed_date"]


def test_claim_05_total_assets_at_dates():
    bs = helpers.load("fed_balance_sheet")
    ev = claims.claim_05()
    assert ev.facts["start_week"] == "2023-01-04"
    assert math.isclose(ev.facts["start_level_tn"], bs.loc["2023-01-04", "total_assets"] / 1000)
    first_half = bs.loc["2023-01-01":"2023-06-30", "total_assets"]
    assert math.isclose(ev.facts["peak_level_tn"], first_half.max() / 1000)
    assert ev.facts["peak_week"] == f"{first_half.idxmax():%Y-%m-%d}"
    assert math.isclose(ev.facts["end_level_tn"], bs.loc["2025-12-31", "total_assets"] / 1000)
    assert round(ev.facts["start_level_tn"], 1) != 8.7 and round(ev.facts["peak_level_tn"], 1) == 8.7


def test_claim_02_sizes():
    bs = helpers.load("fed_balance_sheet")
    ev = claims.claim_02()
    peak = bs.loc["2022", "total_assets"].max()
    end = bs.loc["2025-12-03", "total_assets"]
    assert math.isclose(ev.facts["changes_tn"][0], (peak - end) / 1000)
    start = bs.loc["2022-06-01"]
    assert math.isclose(ev.facts["changes_tn"][1], (start["total_assets"] - end) / 1000)
    sec = bs["treasuries"] + bs["mbs"]
    assert math.isclose(ev.facts["changes_tn"][3], (sec["2022-06-01"] - sec["2025-12-03"]) / 1000)
    assert ev.facts["n_matching"] == sum(1.5 <= c <= 2.5 for c in ev.facts["changes_tn"])


def test_claim_03_treasuries_in_q1_2025():
    bs = helpers.load("fed_balance_sheet")
    ev = claims.claim_03()
    expected = bs.loc["2025-04-02", "treasuries"] - bs.loc["2025-01-01", "treasuries"]
    assert math.isclose(ev.facts["treasuries_change_q1_bn"], expected)
    assert expected < 0
    ev_table = helpers.load("policy_events")
    purchases = ev_table[(ev_table.index >= "2025-01-01") & ev_table["kind"].isin(["rmp", "qe_start", "qe_expand"])]
    assert ev.facts["first_purchase_decision"] == f"{purchases.index[0]:%Y-%m-%d}" == "2025-12-10"
    assert ev.facts["mbs_cap_35bn_in_q1_decision"]
    assert not ev.facts["repo_operations_in_data"]


def test_claim_01_event_row_and_holdings():
    ev_table = helpers.load("policy_events")
    row = ev_table.loc["2025-10-29"]
    assert row["kind"] == "qt_end" and row["effective"] == "2025-12-01"
    bs = helpers.load("fed_balance_sheet")
    after = bs.loc["2025-12-10":, "treasuries"]
    ev = claims.claim_01()
    assert ev.facts["checked"] == row["checked"]
    # part (b) follows the table's label: confirmed only for 'primary' or 'data'
    b = next(p for p in ev.parts if p.key == "b")
    assert b.verdict == (SUPPORTED if row["checked"] in ("primary", "data") else CANNOT)
    if row["checked"] == "secondary":
        assert "secondary" in ev.reason and "secondary" in ev.explanation and ev.settle
    assert ev.facts["effective"] == "2025-12-01"
    assert math.isclose(ev.facts["treasuries_min_after_bn"], after.min())
    assert after.iloc[-1] > bs.loc["2025-12-03", "treasuries"]


def test_claim_06_returns_from_closes():
    btc = helpers.load("markets")["btc"].dropna()
    table = claims.announcement_returns(["2025-12-10"], [1, 7])
    before = btc.loc["2025-12-09"]
    assert math.isclose(table.loc[("2025-12-10", "close before"), "1d"], 100 * (btc.loc["2025-12-10"] / before - 1))
    assert math.isclose(table.loc[("2025-12-10", "close of the day"), "7d"],
                        100 * (btc.loc["2025-12-17"] / btc.loc["2025-12-10"] - 1))
    ev = claims.claim_06()
    values = ev.numbers.drop(columns=["start close"]).to_numpy()
    assert math.isclose(ev.facts["max_return_pct"], values.max(), abs_tol=0.05)  # numbers rounded to 0.1


def test_claim_07_correlation_recomputed_with_pandas():
    m = helpers.load("markets")[["btc", "sp500"]].dropna()
    r = np.log(m).diff().dropna()
    rc = r["btc"].rolling(60).corr(r["sp500"])
    in_year = rc.loc["2025"]
    ev = claims.claim_07()
    assert math.isclose(ev.facts["yahoo_log_max"], in_year.max(), abs_tol=1e-9)
    assert ev.facts["yahoo_log_max_date"] == f"{in_year.idxmax():%Y-%m-%d}"
    assert ev.facts["best_max"] >= ev.facts["yahoo_log_max"]
    assert ev.facts["shortfall"] == pytest.approx(0.72 - ev.facts["best_max"])
    assert len(claims.correlation_variants()) == 12


def test_claim_10_outside_figure_and_under_qt():
    btc = helpers.load("markets")["btc"].dropna()
    ev = claims.claim_10()
    expected = 100 * (btc.loc["2025-12-31"] / btc.loc["2024-12-31"] - 1)
    assert math.isclose(ev.facts["btc_return_pct"], expected)
    assert not ev.facts["total_market_cap_in_data"]
    out = claims.OUTSIDE_MARKET_CAP_2025
    # the outside figure is used only as an outside figure, and labelled so
    assert ev.facts["market_cap_change_pct"] == out["change_pct"]
    assert ev.facts["market_cap_source"].startswith("OUTSIDE FIGURE") and out["source"] in ev.facts["market_cap_source"]
    assert out["url"].startswith("https://www.coingecko.com/") and out["url"] in ev.explanation
    assert "outside figure" in " ".join(ev.numbers["source"])
    # the outside source's bitcoin figure agrees with the snapshot's to within a point
    assert abs(ev.facts["btc_gap_to_outside_pp"]) < 1.0
    # 'under QT' from the event table and the target range
    table = helpers.load("policy_events")
    slow = table.loc["2025-03-19"]
    assert slow["kind"] == "qt_slow" and slow["effective"] == "2025-04-01"
    assert ev.facts["runoff_slowed_in_year"]
    assert ev.facts["runoff_months_in_year"] == 11  # January to November 2025; runoff ended 1 December
    assert table.loc["2025-10-29", "effective"] == "2025-12-01"
    upper = helpers.load("policy_rates")["target_upper"].dropna()
    cuts = upper[upper.diff() < 0]
    assert ev.facts["cuts_in_year"] == int((cuts.index.year == 2025).sum()) == 3
    bs = helpers.load("fed_balance_sheet")
    sec = (bs["treasuries"] + bs["mbs"]) / 1000
    assert math.isclose(ev.facts["securities_change_year_tn"], sec["2025-12-31"] - sec["2025-01-01"])


def test_claim_14_correlations_by_year():
    ev = claims.claim_14()
    by_year = claims.link_by_year()
    row = by_year[(by_year["measure"] == "Total assets") & (by_year["year"] == 2025)].iloc[0]
    assert math.isclose(row["corr"], ev.facts["total_assets_r_year"])
    assert row["lo"] < row["corr"] < row["hi"]


def test_claim_09_numbers():
    btc = helpers.load("markets")["btc"].dropna()
    after = btc.loc["2025-12-01":]
    ev = claims.claim_09()
    assert ev.facts["max_close"] == after.max()
    assert ev.facts["days_in_range"] == int(after.between(90_000, 100_000).sum())
    assert ev.facts["last_date"] == f"{btc.index[-1]:%Y-%m-%d}"
    # the record so far, which the rule reads when no horizon is given
    assert ev.facts["horizon_days"] is None
    assert ev.facts["reached_so_far"] == bool((after >= 90_000).any())
    assert ev.facts["at_or_above_low_now"] == bool(btc.iloc[-1] >= 90_000)
    assert ev.facts["closes_observed"] == len(after)
    assert 0 <= ev.facts["chance_touch_30d"] <= 1


def test_claim_08_own_definition_so_far():
    from helpers import events

    m = helpers.load("markets")
    ev = claims.claim_08()
    assert ev.facts["own_pivots"] == ["2025-09-17", "2025-10-29", "2025-12-01"]
    for a in ("btc", "eth"):
        s = m[a].dropna()
        for d in claims.OWN_PIVOTS_8:
            for h in (6, 12, 18):
                got = ev.facts["own_returns_pct"][a][d][str(h)]
                end = pd.Timestamp(d) + pd.DateOffset(months=h)
                if end > s.index[-1]:
                    assert got is None, (a, d, h)  # not yet reached: shown as 'not yet', not judged
                else:
                    assert math.isclose(got, 100 * events.forward_return(s, d, h))
    # the 18-month horizon is not in the data for any 2025 pivot, so part (b) waits
    assert all(ev.facts["own_returns_pct"][a][d]["18"] is None for a in ("btc", "eth") for d in claims.OWN_PIVOTS_8)
    assert "not yet" in ev.numbers.to_string()


# ---------------------------------------------------------------------------
# The verdict moves with the data and the choices, as the rules say
# ---------------------------------------------------------------------------
def test_choices_that_change_the_verdict():
    assert claims.claim_04(claimed_date="2025-09-17").verdict == SUPPORTED
    assert claims.claim_04(claimed_date="2025-09-18").verdict == SUPPORTED  # the effective date counts too
    assert claims.claim_05(claimed_tn=8.5).verdict == SUPPORTED
    assert claims.claim_02(claimed_tn=3.0).verdict == FALSE
    assert claims.claim_06(claimed_pct=1.0).verdict == SUPPORTED
    assert claims.claim_07(claimed=0.6).verdict == SUPPORTED
    assert claims.claim_07(claimed=0.95).verdict == FALSE
    assert claims.claim_09(horizon_days=30).verdict == SUPPORTED
    assert claims.claim_09(horizon_days=180, reading="at end").verdict == FALSE
    assert claims.claim_09(horizon_days=3000).verdict == SUPPORTED  # touched early, so the horizon's end is moot
    assert claims.claim_09(low=200_000, high=250_000, horizon_days=3000).verdict == CANNOT
    assert claims.claim_09(low=200_000, high=250_000).verdict == NOT_SUPPORTED  # not reached so far
    assert claims.claim_09(low=50_000, high=250_000).verdict == SUPPORTED  # reached and still there
    assert claims.claim_01(claimed_month="2024-12").verdict == FALSE
    assert claims.claim_01(claimed_month="2019-08").verdict in (SUPPORTED, MISLEADING, FALSE)
    assert claims.claim_02(claimed_tn=0.5).parts[1].verdict == SUPPORTED  # reserves' fall rounds to $0.5 trillion
    assert claims.claim_10(year=2024).facts["market_cap_change_pct"] is None  # no outside figure for 2024


def _facts01(**kw):
    base = {"decision_in_claimed_month": True, "checked": "primary", "treasuries_change_before_bn": -20.0,
            "treasuries_fall_after_bn": 0.0, "tolerance_bn": 5.0}
    return {**base, **kw}


def _f02(**kw):
    base = {"n_measures": 4, "n_matching": 4, "reserves_fall_tn": 0.46, "net_liquidity_fall_tn": 0.56,
            "claimed_tn": 2.0, "step_tn": 1.0, "runoff_months": 42, "claimed_years": 3.0}
    return {**base, **kw}


def test_rules_01_to_05_each_branch():
    assert claims.rule_01(_facts01()) == SUPPORTED
    assert claims.rule_01(_facts01(checked="data")) == SUPPORTED
    assert claims.rule_01(_facts01(checked="secondary")) == SUPPORTED  # part (b) cannot be checked: not counted
    assert claims.PART_RULES[1]["b"]({"decision_in_claimed_month": True, "checked": "secondary"}) == CANNOT
    assert claims.PART_RULES[1]["b"]({"decision_in_claimed_month": True, "checked": "partial"}) == CANNOT
    assert claims.rule_01(_facts01(treasuries_fall_after_bn=50.0)) == FALSE
    assert claims.rule_01(_facts01(decision_in_claimed_month=False)) == FALSE
    assert claims.rule_02(_f02()) == MISLEADING  # the size is right, the liquidity is not
    assert claims.rule_02(_f02(reserves_fall_tn=1.9)) == SUPPORTED
    assert claims.rule_02(_f02(n_matching=1)) == MISLEADING
    assert claims.rule_02(_f02(n_matching=0)) == FALSE
    assert claims.rule_02(_f02(reserves_fall_tn=1.9, runoff_months=43)) == FALSE  # 3.58 years is not 'three'
    assert claims.PART_RULES[2]["c"]({"runoff_months": 42, "claimed_years": 3.0}) == SUPPORTED  # the half-year edge
    f3 = {"q1_end": "2025-04-02", "first_purchase_decision": "2025-12-10", "treasuries_change_q1_bn": -70.0,
          "repo_operations_in_data": False}
    assert claims.rule_03(f3) == FALSE
    assert claims.rule_03({**f3, "first_purchase_decision": "2025-02-01", "treasuries_change_q1_bn": 90.0}) == SUPPORTED
    assert claims.rule_03({**f3, "treasuries_change_q1_bn": 10.0}) == MISLEADING
    f4 = {"claimed_date": "2025-12-01", "first_cut_announced": "2025-09-17", "first_cut_effective": "2025-09-18"}
    assert claims.rule_04(f4) == FALSE
    assert claims.rule_04({**f4, "first_cut_announced": "2025-11-30", "first_cut_effective": "2025-12-01"}) == SUPPORTED
    assert claims.rule_04({**f4, "first_cut_announced": ""}) == FALSE
    f5 = {"start_matches": True, "peak_matches": True, "shrank": True}
    assert claims.rule_05(f5) == SUPPORTED
    assert claims.rule_05({**f5, "start_matches": False}) == MISLEADING
    assert claims.rule_05({**f5, "start_matches": False, "peak_matches": False}) == FALSE
    assert claims.rule_05({**f5, "shrank": False}) == FALSE


def _own(values):
    return {"own_assets": ["btc"], "own_returns_pct": {"btc": {f"d{i}": dict(zip(("6", "12", "18"), v))
                                                               for i, v in enumerate(values)}}}


def test_rules_06_to_10_each_branch():
    f6 = {"reaches_claim": False, "max_return_pct": 2.0, "claimed_pct": 11.0, "liquidations_in_data": False}
    assert claims.rule_06({**f6, "reaches_claim": True}) == SUPPORTED
    assert claims.rule_06(f6) == FALSE
    assert claims.rule_06({**f6, "max_return_pct": 6.0}) == NOT_SUPPORTED
    assert claims.rule_07({"reaches_claim": True, "shortfall": 0.0}) == SUPPORTED
    assert claims.rule_07({"reaches_claim": False, "shortfall": 0.05}) == NOT_SUPPORTED
    assert claims.rule_07({"reaches_claim": False, "shortfall": 0.10}) == NOT_SUPPORTED
    assert claims.rule_07({"reaches_claim": False, "shortfall": 0.2}) == FALSE
    f8 = {"assets": ["btc", "eth"], "btc_any_horizon_all_positive": True, "btc_min_chance_random": 0.4,
          "eth_any_horizon_all_positive": False, "eth_min_chance_random": float("nan"),
          **_own([(-30.0, None, None)])}
    assert claims.rule_08(f8) == MISLEADING
    assert claims.rule_08({**f8, "eth_any_horizon_all_positive": True, "eth_min_chance_random": 0.01}) == SUPPORTED
    assert claims.rule_08({**f8, "btc_any_horizon_all_positive": False}) == FALSE
    own = claims.PART_RULES[8]["b"]
    assert own(_own([(-30.0, None, None), (5.0, None, None)])) == CANNOT  # not yet: the horizon is not reached
    assert own(_own([(-30.0, -10.0, -5.0)])) == FALSE
    assert own(_own([(-30.0, 4.0, None), (1.0, None, None)])) == SUPPORTED
    assert claims.rule_08({**f8, **_own([(-30.0, -10.0, -5.0)])}) == FALSE
    f9 = {"horizon_days": 30, "reading": "touch", "reached_within_horizon": True, "horizon_in_data": True,
          "at_or_above_low_at_end": False, "reached_so_far": True, "at_or_above_low_now": False}
    assert claims.rule_09({**f9, "horizon_days": None}) == MISLEADING  # touched, not held
    assert claims.rule_09({**f9, "horizon_days": None, "at_or_above_low_now": True}) == SUPPORTED
    assert claims.rule_09({**f9, "horizon_days": None, "reached_so_far": False}) == NOT_SUPPORTED
    assert claims.rule_09(f9) == SUPPORTED
    assert claims.rule_09({**f9, "reached_within_horizon": False}) == FALSE
    assert claims.rule_09({**f9, "reached_within_horizon": False, "horizon_in_data": False}) == CANNOT
    assert claims.rule_09({**f9, "reading": "at end"}) == FALSE
    assert claims.rule_09({**f9, "reading": "at end", "at_or_above_low_at_end": True}) == SUPPORTED
    f10 = {"market_cap_change_pct": -10.4, "claimed_pct": 15.0, "runoff_months_in_year": 11,
           "runoff_slowed_in_year": True, "cuts_in_year": 3}
    assert claims.rule_10(f10) == NOT_SUPPORTED
    assert claims.rule_10({**f10, "market_cap_change_pct": -15.2}) == MISLEADING  # the number fits; 'under QT' does not
    assert claims.rule_10({**f10, "market_cap_change_pct": 4.0}) == FALSE
    assert claims.rule_10({**f10, "market_cap_change_pct": None}) == MISLEADING  # only part (b) can be checked
    assert claims.rule_10({**f10, "market_cap_change_pct": -15.2, "runoff_months_in_year": 12,
                           "runoff_slowed_in_year": False, "cuts_in_year": 0}) == SUPPORTED
    assert claims.rule_10({**f10, "runoff_months_in_year": 0, "market_cap_change_pct": None}) == FALSE


def test_rules_11_to_14_each_branch():
    assert claims.rule_11({"min_familywise_p": 0.36}) == NOT_SUPPORTED
    assert claims.rule_11({"min_familywise_p": 0.01}) == MISLEADING
    defs = ["a", "b"]
    f12 = {"definitions": defs, "a_ci_low_pct": 1.0, "a_ci_high_pct": 3.0, "b_ci_low_pct": 0.5, "b_ci_high_pct": 2.0,
           "altcoins_in_data": False}
    assert claims.rule_12(f12) == SUPPORTED
    assert claims.rule_12({**f12, "a_ci_low_pct": -1.0}) == NOT_SUPPORTED
    assert claims.rule_12({**f12, "a_ci_low_pct": -3.0, "a_ci_high_pct": -1.0, "b_ci_low_pct": -2.0,
                           "b_ci_high_pct": -0.5}) == FALSE
    f13 = {"assets": ["btc"], "btc_q1_ci_low_pct": 1.0, "btc_q1_ci_high_pct": 5.0, "btc_novdec_ci_low_pct": -5.0,
           "btc_novdec_ci_high_pct": -1.0, "flows_in_data": False}
    assert claims.rule_13(f13) == SUPPORTED
    assert claims.rule_13({**f13, "btc_q1_ci_low_pct": -1.0}) == NOT_SUPPORTED
    assert claims.rule_13({**f13, "btc_q1_ci_low_pct": -5.0, "btc_q1_ci_high_pct": -1.0}) == FALSE
    assert claims.rule_13({**f13, "btc_novdec_ci_low_pct": 1.0, "btc_novdec_ci_high_pct": 3.0}) == FALSE
    f14 = {"measures": ["x"], "x_r_year": 0.3, "x_r_before": 0.0, "x_p_higher": 0.01}
    assert claims.rule_14(f14) == SUPPORTED
    assert claims.rule_14({**f14, "x_p_higher": 0.2}) == NOT_SUPPORTED
    assert claims.rule_14({**f14, "x_r_year": -0.1}) == FALSE


def test_overall_verdict_is_the_weakest_testable_part():
    ov = claims.overall_verdict
    assert ov([SUPPORTED, MISLEADING]) == MISLEADING
    assert ov([MISLEADING, NOT_SUPPORTED, SUPPORTED]) == NOT_SUPPORTED
    assert ov([NOT_SUPPORTED, FALSE]) == FALSE
    assert ov([SUPPORTED, CANNOT]) == SUPPORTED
    assert ov([CANNOT, CANNOT]) == CANNOT
    with pytest.raises(ValueError, match="verdicts"):
        ov(["maybe"])
    with pytest.raises(ValueError, match="empty"):
        ov([])


def test_secondary_rows_are_named_where_a_verdict_uses_them():
    table = helpers.load("policy_events")
    for n, date in ((1, "2025-10-29"), (3, "2025-12-10"), (5, "2023-03-12")):
        label = table.loc[date, "checked"]
        ev = claims.evidence(n)
        text = ev.explanation + ev.numbers.to_string() + ev.reason
        if label == "secondary":
            assert "secondary" in text, (n, date)


# ---------------------------------------------------------------------------
# Record, then reveal
# ---------------------------------------------------------------------------
@pytest.fixture
def no_records():
    claims.RECORDED.clear()
    yield
    claims.RECORDED.clear()


def test_reveal_waits_for_a_recorded_verdict(no_records):
    ev = claims.claim_04()
    before = ev.reveal()
    assert before.kind == "blank" and "record your verdict first" in before.message
    assert ev.rule not in before.message and "verdict is '" not in before.message
    note = ev.record("not supported")
    assert note.kind == "recorded" and "reveal" in repr(note) and f"'{ev.verdict}'" not in repr(note)
    assert claims.recorded() == {4: NOT_SUPPORTED}
    after = ev.reveal()
    assert after.kind == "incorrect" and ev.rule in after.message and f"'{ev.verdict}'" in after.message
    ev.record(ev.verdict)
    assert ev.reveal().correct
    assert "<div" in note._repr_html_()


@pytest.mark.parametrize("n", NUMBERS)
def test_reveal_shows_every_part(no_records, n):
    ev = claims.evidence(n)
    claims.record(n, ev.verdict)
    fb = claims.reveal(n)
    assert fb.correct and ev.reason in fb.message
    for p in ev.parts:
        assert p.rule in fb.message and p.verdict.upper() in fb.message


@settings(max_examples=50, deadline=None)
@given(text=st.one_of(st.text(max_size=40), st.integers(), st.none(), st.lists(st.text(max_size=5))))
def test_record_never_raises_on_a_bad_verdict(text):
    claims.RECORDED.clear()
    fb = claims.record(2, text)
    if claims.normalise_verdict(text) is None:
        assert fb.kind == "incorrect" and "not supported" in fb.message and "cannot be checked" in fb.message
        assert 2 not in claims.recorded()
    claims.RECORDED.clear()


def test_verdict_words_cover_every_verdict():
    assert set(claims.VERDICT_WORDS) == set(VERDICTS)
    for v in VERDICTS:
        assert claims.normalise_verdict(v.upper() + ".") == v
    assert claims.normalise_verdict("not supported") == NOT_SUPPORTED
    assert claims.normalise_verdict("  can't check ") == CANNOT


@pytest.mark.skipif(not SEEDS.exists(), reason="source articles not available")
def test_lesson_quotes_are_the_claims_quotes():
    import nbformat

    nb = nbformat.read(ROOT / "lessons" / "07_claims_lab.ipynb", as_version=4)
    text = "\n".join(c.source for c in nb.cells if c.cell_type == "markdown")
    for n in NUMBERS:
        block = re.search(rf"### Claim {n}\n\n> (.+)\n> — article", text)
        assert block, n
        quoted = re.findall(r"「(.+?)」", block.group(1))
        assert tuple(quoted) == claims.evidence(n).quote_zh, n


# ---------------------------------------------------------------------------
# Shared rules
# ---------------------------------------------------------------------------
def test_matches_and_reaches():
    assert claims.matches(2.43, 2.0, 1.0) and claims.matches(1.5, 2.0, 1.0)
    assert not claims.matches(2.6, 2.0, 1.0)
    assert claims.matches(8.73, 8.7, 0.1) and not claims.matches(8.51, 8.7, 0.1)
    assert claims.reaches(0.716, 0.72, 0.01) and not claims.reaches(0.714, 0.72, 0.01)
    assert claims.reaches(15.0, 11.0, 1.0)
    assert claims.most_favourable([FALSE, MISLEADING]) == MISLEADING
    assert claims.most_favourable([FALSE, SUPPORTED, MISLEADING]) == SUPPORTED
    assert claims.most_favourable([CANNOT]) == CANNOT
    assert claims.most_favourable([NOT_SUPPORTED, MISLEADING, FALSE]) == MISLEADING
    assert claims.most_favourable([NOT_SUPPORTED, FALSE, CANNOT]) == NOT_SUPPORTED


@settings(max_examples=50, deadline=None)
@given(value=st.floats(-1e6, 1e6), claimed=st.floats(-1e6, 1e6), step=st.floats(0.001, 1e3))
def test_matches_is_rounding_at_the_claims_precision(value, claimed, step):
    got = claims.matches(value, claimed, step)
    margin = abs(abs(value - claimed) - step / 2)
    if margin > 1e-6 * max(1.0, abs(claimed)):  # away from the half-step edge the rule is exact
        assert got == (abs(value - claimed) < step / 2)
    if got:
        assert claims.reaches(value, claimed, step)


def test_shared_rules_bad_input():
    with pytest.raises(TypeError, match="value"):
        claims.matches("2", 2.0, 1.0)
    with pytest.raises(ValueError, match="step"):
        claims.matches(2.0, 2.0, 0.0)
    with pytest.raises(ValueError, match="step"):
        claims.reaches(2.0, 2.0, -1.0)
    with pytest.raises(ValueError, match="verdicts"):
        claims.most_favourable(["maybe"])
    with pytest.raises(ValueError, match="empty"):
        claims.most_favourable([])


# ---------------------------------------------------------------------------
# Re-aligning a daily series
# ---------------------------------------------------------------------------
def test_daily_shifts_finds_a_one_day_offset():
    days = pd.date_range("2024-01-01", "2024-04-30")
    rng = np.random.default_rng(0)
    ref = pd.Series(np.exp(np.cumsum(rng.normal(0, 0.03, len(days)))) * 100, index=days)
    off = ref.shift(-1)  # dated one day early in every month ...
    off.loc["2024-03-01":] = ref.loc["2024-03-01":]  # ... except March and April
    shifts = claims.daily_shifts(off.dropna(), ref)
    assert shifts.loc[pd.Period("2024-01")] == 1 and shifts.loc[pd.Period("2024-04")] == 0
    fixed = claims.realign_daily(off.dropna(), ref)
    common = fixed.index.intersection(ref.index)
    assert np.allclose(fixed.loc["2024-01-05":"2024-02-25"], ref.loc["2024-01-05":"2024-02-25"])
    assert len(common) > 100


def test_daily_shifts_bad_input():
    s = pd.Series([1.0, 2.0], index=pd.date_range("2024-01-01", periods=2))
    with pytest.raises(TypeError, match="series"):
        claims.daily_shifts([1, 2], s)
    with pytest.raises(ValueError, match="positive"):
        claims.daily_shifts(s * -1, s)
    with pytest.raises(ValueError, match="max_shift"):
        claims.daily_shifts(s, s, max_shift=30)


# ---------------------------------------------------------------------------
# Bad input: wrong type -> TypeError, bad value -> ValueError, naming the parameter
# ---------------------------------------------------------------------------
@pytest.mark.parametrize("call, exc, name", [
    (lambda: claims.claim_01(claimed_month=202512), TypeError, "claimed_month"),
    (lambda: claims.claim_01(claimed_month="2025-13"), ValueError, "claimed_month"),
    (lambda: claims.claim_01(tolerance_bn=-1.0), ValueError, "tolerance_bn"),
    (lambda: claims.claim_02(end="2030-01-01"), ValueError, "end"),
    (lambda: claims.claim_02(end=20251201), TypeError, "end"),
    (lambda: claims.claim_02(claimed_tn="2"), TypeError, "claimed_tn"),
    (lambda: claims.claim_03(year=2025.0), TypeError, "year"),
    (lambda: claims.claim_04(claimed_date="2024-12-01"), ValueError, "claimed_date"),
    (lambda: claims.claim_04(claimed_date="not a date"), ValueError, "claimed_date"),
    (lambda: claims.claim_05(start="2025-01-01", end="2023-01-01"), ValueError, "start"),
    (lambda: claims.claim_06(horizons=()), ValueError, "horizons"),
    (lambda: claims.claim_06(horizons="7"), TypeError, "horizons"),
    (lambda: claims.claim_06(dates=["2014-01-01"]), ValueError, "dates"),
    (lambda: claims.claim_06(dates=[]), ValueError, "dates"),
    (lambda: claims.claim_07(window=5), ValueError, "window"),
    (lambda: claims.claim_07(window=60.0), TypeError, "window"),
    (lambda: claims.claim_07(claimed=1.5), ValueError, "claimed"),
    (lambda: claims.claim_08(assets="btc"), TypeError, "assets"),
    (lambda: claims.claim_08(assets=("doge",)), ValueError, "assets"),
    (lambda: claims.claim_08(pivots="favourite"), ValueError, "pivots"),
    (lambda: claims.claim_09(low=100_000, high=90_000), ValueError, "high"),
    (lambda: claims.claim_09(horizon_days=0), ValueError, "horizon_days"),
    (lambda: claims.claim_09(reading="close"), ValueError, "reading"),
    (lambda: claims.claim_09(start="2030-01-01"), ValueError, "start"),
    (lambda: claims.claim_10(year=2010), ValueError, "year"),
    (lambda: claims.claim_11(n_perm=5), ValueError, "n_perm"),
    (lambda: claims.claim_12(seed=-1), ValueError, "seed"),
    (lambda: claims.claim_13(reps=10), ValueError, "reps"),
    (lambda: claims.claim_13(assets=[]), ValueError, "assets"),
    (lambda: claims.claim_14(year="2025"), TypeError, "year"),
    (lambda: claims.evidence(15), ValueError, "number"),
    (lambda: claims.evidence(True), TypeError, "number"),
    (lambda: claims.correlation_report(source="Binance"), ValueError, "source"),
    (lambda: claims.correlation_report(kind="pct"), ValueError, "kind"),
    (lambda: claims.correlation_report(window=500), ValueError, "window"),
    (lambda: claims.announcement_returns(horizons=[0]), ValueError, "horizons"),
    # the example: figures missing from the text ("percentiles  of", "nan%") -> refused instead
    (lambda: claims.claim_08(horizons=(1, 2, 3)), ValueError, "horizons"),
    (lambda: claims.claim_08(horizons=(12, 36)), ValueError, "horizons"),  # past the data after the 2024 pivot
    (lambda: claims.claim_08(pivots="qt_ends"), ValueError, "pivots"),  # 2025-10-29 + 12 months is not in the data
    (lambda: claims.claim_08(horizons=(12, 12)), ValueError, "horizons"),
    (lambda: claims.claim_09(start="2014-09-20"), ValueError, "start"),  # no earlier days for the base rate
    (lambda: claims.claim_01(claimed_month="2099-12"), ValueError, "claimed_month"),
    (lambda: claims.claim_11(n_perm=100_000), ValueError, "n_perm"),
    (lambda: claims.claim_12(reps=1_000_000), ValueError, "reps"),
    (lambda: claims.claim_13(assets="btc"), TypeError, "assets"),
    (lambda: claims.own_pivot_returns(dates=["2010-01-01"]), ValueError, "dates"),
    (lambda: claims.own_pivot_returns(assets=("doge",)), ValueError, "assets"),
    (lambda: claims.announcement_returns(dates=None), TypeError, "dates"),
    (lambda: claims.overall_verdict(None), TypeError, "verdicts"),
    (lambda: claims.most_favourable("supported"), TypeError, "verdicts"),
    (lambda: claims.record(0, "false"), ValueError, "claim"),
    (lambda: claims.reveal("4"), TypeError, "claim"),
])
def test_bad_input(call, exc, name):
    with pytest.raises(exc, match=name):
        call()


@settings(max_examples=50, deadline=None)
@given(window=st.integers(20, 120), source=st.sampled_from(claims.SOURCES_7), kind=st.sampled_from(claims.KINDS_7),
       alignment=st.sampled_from(claims.ALIGNMENTS_7))
def test_correlation_report_any_widget_setting(window, source, kind, alignment):
    text = claims.correlation_report(window, source, kind, alignment)
    assert any(v in text for v in VERDICTS)
    best = float(re.search(r"highest (-?[0-9.]+)", text).group(1))
    assert -1 <= best <= 1


# ---------------------------------------------------------------------------
# Charts and bench
# ---------------------------------------------------------------------------
CHARTS = {
    "balance_sheet_chart": lambda d: claims.balance_sheet_chart(d),
    "announcement_chart": lambda d: claims.announcement_chart(d),
    "correlation_chart": lambda d: claims.correlation_chart(d),
    "link_by_year_chart": lambda d: claims.link_by_year_chart(claims.link_by_year()),
    "verdict_chart": lambda d: claims.verdict_chart(claims.all_evidence()),
}


@pytest.mark.parametrize("name", CHARTS)
def test_charts_are_small_titled_and_sourced(name, data):
    spec = CHARTS[name](data).to_dict()
    title = spec["title"]
    assert title["text"] and any("Source" in s for s in title["subtitle"])
    for rows in spec.get("datasets", {}).values():
        assert len(rows) <= 2000


def test_correlation_chart_binds_window_and_source(data):
    spec = claims.correlation_chart(data).to_dict()
    bound = {p["name"] for p in spec["params"] if "bind" in p}
    assert bound == {"window", "source"}


def test_chart_bad_input(data):
    with pytest.raises(TypeError, match="claimed_tn"):
        claims.balance_sheet_chart(data, claimed_tn="8.7")
    with pytest.raises(ValueError, match="days_after"):
        claims.announcement_chart(data, days_after=0)
    with pytest.raises(ValueError, match="windows"):
        claims.correlation_chart(data, windows=[5])
    with pytest.raises(ValueError, match="year"):
        claims.link_by_year_chart(claims.link_by_year(), year=2000)


def test_charts_take_what_they_draw(data):
    # one contract: the first argument is the inputs or a computed result; a chart never loads
    for name in ("balance_sheet_chart", "announcement_chart", "correlation_chart"):
        with pytest.raises(TypeError, match="data"):
            getattr(claims, name)(helpers.load("markets"))
    with pytest.raises(ValueError, match="by_year"):
        claims.link_by_year_chart(claims.link_by_year().drop(columns="corr"))
    with pytest.raises(ValueError, match="year"):
        claims.link_by_year_chart(claims.link_by_year().query("year < 2025"))
    with pytest.raises(TypeError, match="evidence"):
        claims.verdict_chart("all")
    with pytest.raises(ValueError, match="evidence"):
        claims.verdict_chart([claims.claim_04(), claims.claim_04()])
    with pytest.raises(TypeError, match="learner"):
        claims.verdict_chart([claims.claim_04()], learner="false")
    # a start past the data draws nothing: refused, not an empty chart
    with pytest.raises(ValueError, match="start"):
        claims.balance_sheet_chart(data, start="2030-01-01")
    with pytest.raises(ValueError, match="dates"):
        claims.announcement_chart(data, dates=["2030-01-01"])
    one = claims.verdict_chart([claims.claim_04()], learner={4: "false"}).to_dict()
    assert one["title"]["text"].startswith("0 supported")


def test_bench_entries_run():
    import importlib.util

    spec = importlib.util.spec_from_file_location("benchmarks.claims", ROOT / "benchmarks" / "claims.py")
    bench = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(bench)
    assert bench.BENCH and "BENCH" not in claims.__all__ and not hasattr(claims, "BENCH")
    for name, (fn, kwargs) in bench.BENCH.items():
        assert isinstance(fn(**kwargs), str), name


# ---------------------------------------------------------------------------
# The package's layout: rooms, one way in to the data, no upward imports
# ---------------------------------------------------------------------------
PACKAGE = ROOT / "helpers" / "claims"
COMPUTE = sorted(PACKAGE.glob("_part*.py")) + [PACKAGE / n for n in ("_scale.py", "_rules.py", "_lookup.py")]


def test_rooms_are_small_and_separate():
    files = sorted(PACKAGE.glob("*.py"))
    assert {p.name for p in files} >= {"__init__.py", "_inputs.py", "_scale.py", "_rules.py", "_charts.py",
                                       "_reports.py", "_part1_fed.py", "_part5_patterns.py"}
    for path in files:
        text = path.read_text(encoding="utf-8")
        assert len(text.splitlines()) <= 600, path.name
        assert "helpers.exercises" not in text.replace(":mod:`helpers.exercises`", ""), path.name
        assert "lru_cache" not in text and "_load(" not in text, path.name
        if path.name != "_inputs.py":
            assert not re.search(r"(?<![\w.])load\(", text), f"{path.name} loads data; use inputs()"
    for path in COMPUTE:
        assert "altair" not in path.read_text(encoding="utf-8"), f"{path.name} is compute: no charts"
    assert not (ROOT / "helpers" / "claims.py").exists()


def test_inputs_are_fresh_copies(data):
    fresh = claims.inputs()
    fresh.markets.iloc[:, :] = 0.0
    fresh.fed_balance_sheet.loc[:, "total_assets"] = -1.0
    again = claims.inputs()
    assert again.markets["btc"].dropna().gt(0).all() and again.fed_balance_sheet["total_assets"].gt(0).all()
    assert claims.claim_02().verdict == MISLEADING
    assert set(vars(again)) == {"fed_balance_sheet", "policy_events", "policy_rates", "markets"}


def test_the_placeholder_is_blank_without_the_exercise_framework():
    from helpers.exercises import ____

    claims.RECORDED.clear()
    assert claims.record(3, ____).kind == "blank" and claims.record(3).kind == "blank"
    assert repr(claims.record(3, ____)) == repr(claims.record(3))
    assert claims.record(3, "____").kind == "incorrect" and 3 not in claims.recorded()


def test_chinese_edition_shows_reports_and_charts_in_chinese():
    # helpers.setup(lang="zh-hans"): the text a reader sees is Chinese; the verdict values stay English
    han = re.compile(r"[\u4e00-\u9fff]")
    english_card = claims.claim_04().card()
    english_title = claims.announcement_chart(claims.inputs()).to_dict()["title"]["text"]
    try:
        helpers.setup(lang="zh-hans")
        ev = claims.claim_04()
        card = ev.card()
        assert card.startswith("观点 4") and "错误" in card and han.search(ev.reason) and han.search(ev.explanation)
        assert ev.verdict == FALSE and claims.RULES[4](ev.facts) == FALSE  # the value code reads back
        assert han.search(ev.brief()) and "「同時將降息推遲至2025年12月1日」" in ev.brief()
        title = claims.announcement_chart(claims.inputs()).to_dict()["title"]
        assert han.search(title["text"]) and all(han.search(s) for s in title["subtitle"])
        assert han.search(claims.verdict_chart(claims.all_evidence()).to_dict()["title"]["text"])
        assert han.search(claims.correlation_report())
    finally:
        helpers.setup(lang="en")
    # back in English: the same outputs as before (evidence is cached per language)
    assert claims.claim_04().card() == english_card and not han.search(english_card)
    assert claims.announcement_chart(claims.inputs()).to_dict()["title"]["text"] == english_title
