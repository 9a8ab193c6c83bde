"""Lesson 04 exercises: the expected values against the snapshot, and the feedback for common slips.

(Solutions, blanks, odd answers and the quiz are tested for every lesson in test_exercises.py.)
"""
from helpers import events
from helpers.exercises import lesson04 as ex


def _pct(asset, date, months):
    return 100 * events.forward_return(events.prices(asset), date, months)


def test_q1_common_slips():
    eth = _pct("eth", ex.Q1_DATE, 12)
    assert ex.q1.expected() == eth
    assert ex.q1.check(round(eth, 1)).correct
    assert "Bitcoin" in ex.q1.check(_pct("btc", ex.Q1_DATE, 12)).message
    assert "6-month" in ex.q1.check(_pct("eth", ex.Q1_DATE, 6)).message
    assert "fraction" in ex.q1.check(eth / 100).message
    assert "price" in ex.q1.check(float(events.prices("eth").loc[ex.Q1_DATE:].iloc[0]) * 20).message


def test_q2_common_slips():
    r = _pct("btc", ex.Q1_DATE, 18)
    assert ex.q2.check(round(r, 1)).correct
    assert "12-month" in ex.q2.check(_pct("btc", ex.Q1_DATE, 12)).message
    assert "Ether" in ex.q2.check(_pct("eth", ex.Q1_DATE, 18)).message
    assert "fraction" in ex.q2.check(r / 100).message


def test_q3_common_slips():
    n, k, p = ex._q3_parts()
    assert n < len(events.pivot_set(ex.Q3_SET))  # the last cuts have no full window yet
    expected = events.chance_at_least(k, n, p)
    assert ex.q3.expected() == expected
    assert ex.q3.check(round(expected, 3)).correct
    assert f"all {n} are positive" in ex.q3.check(p ** n).message
    assert "one window" in ex.q3.check(p).message
    assert "percent" in ex.q3.check(100 * expected).message
    assert "full 18-month window" in ex.q3.check(events.chance_at_least(k, len(events.pivot_set(ex.Q3_SET)), p)).message
    twelve = events.selection_table("btc", 12).set_index(["pivots", "basis"]).loc[(ex.Q3_SET, "announced"), "chance_random"]
    assert "12-month" in ex.q3.check(float(twelve)).message


def test_q4_common_slips():
    expected, end = ex._btc_to_eth_end()
    assert end == events.prices("eth").index[-1] < events.prices("btc").index[-1]
    assert ex.q4.check(round(expected, 1)).correct
    own = events.return_since("btc", ex.Q4_START)["return_pct"]
    assert "own last close" in ex.q4.check(own).message
    assert "Ether" in ex.q4.check(events.return_since("eth", ex.Q4_START)["return_pct"]).message
    assert "announcement" in ex.q4.check(events.return_since("btc", "2025-10-29")["return_pct"]).message
    assert "fraction" in ex.q4.check(expected / 100).message
    if expected < 0:
        assert "negative" in ex.q4.check(abs(expected)).message


def test_q5_common_slips():
    count, total = ex._share_all_positive(ex.Q5_MONTHS)
    assert total == 37
    assert ex.q5.check(count / total).correct
    assert ex.q5.check(round(count / total, 3)).correct
    if count > 1:
        assert "number of shifts" in ex.q5.check(count).message
    assert "percent" in ex.q5.check(100 * count / total).message
    if abs(count / total - 0.5) > 0.01:
        assert "at least one pivot was negative" in ex.q5.check(1 - count / total).message
    c12, t12 = ex._share_all_positive(12)
    if c12 != count:
        assert "12-month" in ex.q5.check(c12 / t12).message
        assert "12-month" in ex.q5.check(c12).message


def test_the_exercises_need_a_step_not_the_lessons_own_numbers():
    """The unchanged settings the lesson prints are refused."""
    assert not ex.q1.check(_pct("btc", ex.Q1_DATE, 12)).correct
    assert not ex.q2.check(_pct("btc", ex.Q1_DATE, 12)).correct
    assert not ex.q4.check(events.return_since("btc", ex.Q4_START)["return_pct"]).correct
