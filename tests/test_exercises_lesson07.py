"""Lesson 07 exercises: recorded verdicts get evidence feedback; solutions are right; common slips are caught."""
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import helpers
from conftest import assert_blank_and_garbage_rejected, solve
from helpers import claims, events, stats
from helpers.exercises import Feedback, ____
from helpers.exercises import lesson07 as ex

EXERCISES = [ex.q1, ex.q2, ex.q3, ex.q4, ex.q5]


@pytest.fixture(autouse=True)
def _fresh_verdicts():
    ex.reset()
    yield
    ex.reset()


# ---------------------------------------------------------------------------
# Recording verdicts
# ---------------------------------------------------------------------------
def test_blank_verdict_gives_a_fixed_not_answered_line():
    fb = ex.record(3, ____)
    assert fb.kind == "blank" and "Not answered yet" in repr(fb)
    assert repr(fb) == repr(ex.record(3))
    assert ex.verdicts == {}


@pytest.mark.parametrize("n", range(1, 15))
def test_the_evidence_verdict_is_accepted_with_the_evidence(n):
    ev = claims.evidence(n)
    fb = ex.record(n, ev.verdict)
    assert fb.correct
    assert ev.reason in fb.message
    assert ex.verdicts[n] == ev.verdict


@pytest.mark.parametrize("n", range(1, 15))
def test_a_wrong_verdict_shows_the_rule_not_the_answer(n):
    ev = claims.evidence(n)
    wrong = next(v for v in claims.VERDICTS if v != ev.verdict)
    fb = ex.record(n, wrong)
    assert not fb.correct
    assert ev.rule in fb.message
    assert f"verdict is {ev.verdict}" not in fb.message


def test_verdict_spellings():
    assert ex.record(9, "Cannot be checked").correct
    assert ex.record(9, "  can't check ").correct
    assert ex.record(4, "FALSE").correct
    assert ex.record(4, "wrong").correct
    assert ex.record(1, "Supported.").correct


def test_not_a_verdict():
    for bad in ("maybe", "", 3, None, ["false"]):
        fb = ex.record(2, bad)
        assert not fb.correct and "not a verdict" in fb.message
    assert 2 not in ex.verdicts


def test_bad_claim_number():
    with pytest.raises(ValueError, match="claim"):
        ex.record(0, "false")
    with pytest.raises(ValueError, match="claim"):
        ex.record(15, "false")
    with pytest.raises(TypeError, match="claim"):
        ex.record("4", "false")
    with pytest.raises(TypeError, match="claim"):
        ex.record(True, "false")


@settings(max_examples=50, deadline=None)
@given(n=st.integers(1, 14), text=st.text(max_size=40))
def test_any_text_gives_feedback_never_an_error(n, text):
    fb = ex.record(n, text)
    assert isinstance(fb, Feedback) and fb.kind in ("correct", "incorrect")


def test_summary_before_and_after_answers():
    table = ex.summary()
    assert list(table.index) == list(range(1, 15))
    assert (table["your verdict"] == "not answered").all() and (table["agree"] == "—").all()
    ex.record(4, "false")
    ex.record(1, "misleading")
    ex.verdicts["c10"] = "cannot be checked"  # the dictionary style works too
    ex.verdicts["x"] = "false"  # ignored: not a claim
    table = ex.summary()
    assert table.loc[4, "agree"] == "yes" and table.loc[1, "agree"] == "no"
    assert table.loc[10, "your verdict"] == "cannot be checked with this data" and table.loc[10, "agree"] == "yes"
    assert table.loc[2, "your verdict"] == "not answered"
    assert (table["evidence"] == claims.summary_table()["verdict"]).all()


# ---------------------------------------------------------------------------
# Exercises q1..q5
# ---------------------------------------------------------------------------
@pytest.mark.parametrize("q", EXERCISES, ids=lambda q: q.label)
def test_solution_is_correct(q):
    solve(q, helpers=helpers, events=events, stats=stats, claims=claims, pd=pd)


@pytest.mark.parametrize("q", EXERCISES, ids=lambda q: q.label)
def test_blank_and_garbage_answers(q):
    assert_blank_and_garbage_rejected(q)


def test_q1_slips():
    assert ex.q1.check("2025-09-17").correct
    assert ex.q1.check(pd.Timestamp("2025-09-17")).correct
    assert "took effect" in ex.q1.check("2025-09-18").message
    assert "article's date" in ex.q1.check("2025-12-01").message
    assert not ex.q1.check("2025-10-29").correct


def test_q2_slips():
    level = ex._assets_start_2023()
    assert ex.q2.check(round(level, 2)).correct
    assert "billions" in ex.q2.check(level * 1000).message
    peak = helpers.load("fed_balance_sheet").loc["2023-01":"2023-06", "total_assets"].max() / 1000
    assert "March" in ex.q2.check(round(peak, 2)).message


def test_q3_slips():
    change = ex._tsy_q1_2025()
    assert change < 0
    assert ex.q3.check(round(change)).correct
    assert "sign" in ex.q3.check(-change).message
    assert "trillions" in ex.q3.check(change / 1000).message


def test_q4_slips():
    r = ex._btc_2025()
    assert ex.q4.check(round(r, 1)).correct
    assert "fraction" in ex.q4.check(r / 100).message
    assert "sign" in ex.q4.check(-r).message
    assert "price" in ex.q4.check(87_000.0).message


def test_q5_slips():
    simple, log = ex._corr_2025("simple"), ex._corr_2025("log")
    assert ex.q5.check(round(simple, 3)).correct
    assert "log returns" in ex.q5.check(log).message
    assert "between -1 and 1" in ex.q5.check(1.5).message
    assert simple == pytest.approx(claims.correlation_variants().loc[("Yahoo", "simple", "common trading days"), "max"])


def test_quiz_answers():
    assert 3 <= len(ex.quiz.questions) <= 5
    for n, q in enumerate(ex.quiz.questions, start=1):
        assert ex.quiz.answer(n, "abcde"[q.correct]).correct
