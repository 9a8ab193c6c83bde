"""Tests of helpers.balance_sheet: T-accounts, cap schedules, the runoff simulator, QT2 measures."""
import dataclasses
import math

import numpy as np
import pandas as pd
import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

import helpers
from helpers import balance_sheet as bsh
from helpers.balance_sheet import _ledger

OPS = list(bsh.OPERATIONS)


@pytest.fixture(scope="module")
def data():
    return bsh.inputs()


@pytest.fixture(scope="module")
def fb(data):
    return data.fb


@pytest.fixture(scope="module")
def events(data):
    return data.events


@pytest.fixture(scope="module")
def levels(data):
    return data.levels


def _assert_consistent(ledger):
    totals = bsh.sector_totals(ledger)
    assert (totals["difference"].abs() < 1e-6).all(), totals
    assert (bsh.cross_checks(ledger)["gap"].abs() < 1e-6).all()
    for (sector, side, item), v in zip(bsh.ACCOUNTS, ledger.values):
        if side != "equity":
            assert v >= 0, f"{sector} {item} is negative"


# ---------------------------------------------------------------------------
# T-accounts: known cases
# ---------------------------------------------------------------------------
def test_starting_ledger_balances_and_both_sides_agree():
    start = bsh.starting_ledger()
    _assert_consistent(start)
    assert bsh.is_balanced(start)
    assert bsh.reserves(start) == start["Banks", "Reserves"]


def test_every_operation_posts_balanced_entries_per_sector():
    for op in bsh.OPERATIONS.values():
        per_sector = {}
        for sector, item, sign in op.postings:
            side = _ledger._SIDE[(sector, item)]
            per_sector.setdefault(sector, 0)
            per_sector[sector] += sign if side == "assets" else -sign
        assert all(v == 0 for v in per_sector.values()), (op.key, per_sector)


@pytest.mark.parametrize("operation", OPS)
def test_each_operation_balances_and_moves_reserves_as_it_says(operation):
    start = bsh.starting_ledger()
    after = bsh.apply(start, operation, 75.0)
    _assert_consistent(after)
    assert bsh.reserves(after) - bsh.reserves(start) == pytest.approx(bsh.OPERATIONS[operation].reserves_sign * 75.0)
    assert after is not start and start == bsh.starting_ledger(), "apply must not change its input"


def test_qe_from_a_bank_swaps_assets_without_new_deposits():
    start = bsh.starting_ledger()
    after = bsh.apply(start, "qe_bank", 100)
    assert after["Fed", "Treasury notes & bonds"] - start["Fed", "Treasury notes & bonds"] == 100
    assert after["Banks", "Treasury notes & bonds"] - start["Banks", "Treasury notes & bonds"] == -100
    assert after["Banks", "Deposits"] == start["Banks", "Deposits"]


def test_qe_from_a_non_bank_creates_deposits():
    start = bsh.starting_ledger()
    after = bsh.apply(start, "qe_nonbank", 100)
    assert after["Banks", "Deposits"] - start["Banks", "Deposits"] == 100
    assert after["Non-banks", "Deposits"] - start["Non-banks", "Deposits"] == 100


def test_runoff_then_tga_rebuild_drains_reserves_unless_paid_from_on_rrp():
    start = bsh.starting_ledger()
    runoff = bsh.apply(start, "qt_runoff_tga", 60)
    assert bsh.reserves(runoff) == bsh.reserves(start)
    assert runoff["Fed", "TGA"] == start["Fed", "TGA"] - 60
    via_deposits = bsh.apply(runoff, "tga_rebuild_nonbank", 60)
    assert bsh.reserves(via_deposits) == bsh.reserves(start) - 60
    assert via_deposits["Fed", "TGA"] == start["Fed", "TGA"]
    via_onrrp = bsh.apply(runoff, "tga_rebuild_onrrp", 60)
    assert bsh.reserves(via_onrrp) == bsh.reserves(start)
    assert via_onrrp["Fed", "ON RRP"] == start["Fed", "ON RRP"] - 60


def test_reserve_management_purchase_buys_bills_not_notes():
    start = bsh.starting_ledger()
    after = bsh.apply(start, "rmp_bills", 40)
    assert after["Fed", "Treasury bills"] == start["Fed", "Treasury bills"] + 40
    assert after["Fed", "Treasury notes & bonds"] == start["Fed", "Treasury notes & bonds"]


def test_apply_sequence_equals_repeated_apply():
    start = bsh.starting_ledger()
    steps = [("qe_bank", 10), ("mmf_to_onrrp", 20.5), ("tga_spend", 3)]
    one = start
    for op, a in steps:
        one = bsh.apply(one, op, a)
    assert bsh.apply_sequence(start, steps) == one


def test_ledger_is_immutable():
    ledger = bsh.starting_ledger()
    with pytest.raises(dataclasses.FrozenInstanceError):
        ledger.values = ()


def test_operation_effects_table():
    table = bsh.operation_effects(100)
    assert len(table) == len(bsh.OPERATIONS)
    assert table["all balance"].all()
    by_key = dict(zip(bsh.OPERATIONS, table["reserves"]))
    for key, op in bsh.OPERATIONS.items():
        assert by_key[key] == op.reserves_sign * 100


def test_t_account_frame_and_view():
    start = bsh.starting_ledger()
    after = bsh.apply(start, "qe_bank", 10)
    frame = bsh.t_account_frame(after, "Fed", before=start)
    assert frame["Assets $bn"].sum() == pytest.approx(frame["Liabilities & equity $bn"].sum())
    assert frame["Assets change"].sum() == 10
    view = bsh.explore("qt_runoff_tga", 100, then="tga_rebuild_nonbank")
    assert "-100" in repr(view) and "balances" in view._repr_html_()
    assert bsh.reserves(view.after) == bsh.reserves(view.before) - 100
    assert bsh.explore("qe_bank", 5, then="none").steps == (("qe_bank", 5.0),)
    assert bsh.explore_html("qe_bank", 5) == bsh.explore("qe_bank", 5).html
    assert "Not possible" in bsh.explore_html("tga_rebuild_onrrp", 5000)


def test_make_ledger_rejects_unbalanced_or_negative():
    good = dict(_ledger._START)
    assert bsh.make_ledger(good) == bsh.starting_ledger()
    bad = dict(good)
    bad[("Fed", "Reserves")] += 1
    with pytest.raises(ValueError, match="do not balance"):
        bsh.make_ledger(bad)
    neg = dict(good)
    neg[("Fed", "Treasury bills")] = -200
    neg[("Fed", "Capital")] -= 400
    with pytest.raises(ValueError, match="negative"):
        bsh.make_ledger(neg)
    with pytest.raises(ValueError, match="not an account"):
        bsh.make_ledger({("Fed", "Gold"): 1})
    with pytest.raises(ValueError, match="not a sector"):
        bsh.make_ledger({("ECB", "Reserves"): 1})
    with pytest.raises(TypeError):
        bsh.make_ledger([("Fed", "Reserves")])
    with pytest.raises(TypeError):
        bsh.make_ledger({("Fed", "Reserves"): "1"})


# ---------------------------------------------------------------------------
# T-accounts: bad input
# ---------------------------------------------------------------------------
@pytest.mark.parametrize("amount", [True, "100", None, [1]])
def test_apply_amount_type(amount):
    with pytest.raises(TypeError, match="amount"):
        bsh.apply(bsh.starting_ledger(), "qe_bank", amount)


@pytest.mark.parametrize("amount", [0, -5, float("nan"), float("inf"), bsh.MAX_AMOUNT * 2])
def test_apply_amount_value(amount):
    with pytest.raises(ValueError, match="amount"):
        bsh.apply(bsh.starting_ledger(), "qe_bank", amount)


def test_apply_bad_operation_and_ledger():
    with pytest.raises(ValueError, match="allowed: qe_bank"):
        bsh.apply(bsh.starting_ledger(), "qe_forever", 1)
    with pytest.raises(TypeError, match="operation"):
        bsh.apply(bsh.starting_ledger(), 3, 1)
    with pytest.raises(TypeError, match="ledger"):
        bsh.apply({"Fed": 1}, "qe_bank", 1)
    with pytest.raises(TypeError):
        bsh.apply_sequence(bsh.starting_ledger(), "qe_bank")
    with pytest.raises(TypeError):
        bsh.apply_sequence(bsh.starting_ledger(), [("qe_bank",)])
    with pytest.raises(ValueError, match="sector"):
        bsh.t_account_frame(bsh.starting_ledger(), "ECB")
    with pytest.raises(TypeError):
        bsh.explore("qe_bank", 10, start="ledger")


def test_apply_refuses_to_overdraw():
    start = bsh.starting_ledger()
    have = start["Non-banks", "ON RRP"]
    with pytest.raises(ValueError, match="ON RRP"):
        bsh.apply(start, "tga_rebuild_onrrp", have + 1)
    with pytest.raises(ValueError, match="Treasury bills"):
        bsh.apply(start, "rmp_bills", start["Non-banks", "Treasury bills"] + 1)
    # the same amount exactly is fine
    assert bsh.apply(start, "tga_rebuild_onrrp", have)["Fed", "ON RRP"] == 0


def test_ledger_validation():
    with pytest.raises(ValueError):
        bsh.Ledger((1.0, 2.0))
    with pytest.raises(ValueError):
        bsh.Ledger(tuple([float("nan")] * len(bsh.ACCOUNTS)))


# ---------------------------------------------------------------------------
# T-accounts: properties over random sequences
# ---------------------------------------------------------------------------
steps_strategy = st.lists(
    st.tuples(st.sampled_from(OPS), st.floats(min_value=0.01, max_value=3000, allow_nan=False)),
    min_size=1, max_size=25)


@settings(max_examples=50, deadline=None)
@given(steps=steps_strategy)
def test_random_sequences_keep_every_sector_balanced(steps):
    ledger = bsh.starting_ledger()
    applied = 0
    for op, amount in steps:
        try:
            new = bsh.apply(ledger, op, amount)
        except ValueError:
            continue  # not enough in some account: refused, ledger unchanged
        expected = bsh.reserves(ledger) + bsh.OPERATIONS[op].reserves_sign * amount
        assert bsh.reserves(new) == pytest.approx(expected, abs=1e-6)
        ledger = new
        applied += 1
        _assert_consistent(ledger)
    assume(applied > 0)


@settings(max_examples=50, deadline=None)
@given(op=st.sampled_from(OPS), then=st.sampled_from(OPS + ["none"]),
       amount=st.floats(min_value=0.5, max_value=600, allow_nan=False))
def test_explore_either_balances_or_explains(op, then, amount):
    try:
        view = bsh.explore(op, amount, then=then)
    except ValueError as exc:
        assert "use a smaller amount" in str(exc)
        return
    _assert_consistent(view.after)
    n = 1 if then == "none" else 2
    sign = bsh.OPERATIONS[op].reserves_sign + (0 if then == "none" else bsh.OPERATIONS[then].reserves_sign)
    assert bsh.reserves(view.after) - bsh.reserves(view.before) == pytest.approx(sign * amount, abs=1e-6)
    assert len(view.steps) == n


# ---------------------------------------------------------------------------
# Cap schedules
# ---------------------------------------------------------------------------
def test_cap_steps_agree_with_the_policy_events(events):
    steps = bsh.cap_steps(events)
    assert len(steps) == len(bsh.CAP_STEPS)
    assert steps["source_url"].str.startswith("https://www.federalreserve.gov/").all()


def test_cap_schedules_known_months_and_totals(events):
    qt1 = bsh.cap_schedule("QT1", events)
    qt2 = bsh.cap_schedule("QT2", events)
    assert (qt1.index[0], qt1.index[-1], len(qt1)) == (pd.Timestamp("2017-10-01"), pd.Timestamp("2019-07-01"), 22)
    assert (qt2.index[0], qt2.index[-1], len(qt2)) == (pd.Timestamp("2022-06-01"), pd.Timestamp("2025-11-01"), 42)
    assert tuple(qt1.loc["2018-02-01", ["treasury_cap", "mbs_cap"]]) == (12, 8)
    assert tuple(qt1.loc["2019-06-01", ["treasury_cap", "mbs_cap"]]) == (15, 20)
    assert tuple(qt2.loc["2022-08-01", ["treasury_cap", "mbs_cap"]]) == (30, 17.5)
    assert tuple(qt2.loc["2024-06-01", ["treasury_cap", "mbs_cap"]]) == (25, 35)
    assert tuple(qt2.loc["2025-11-01", ["treasury_cap", "mbs_cap"]]) == (5, 35)
    assert (qt1["treasury_cap"].sum(), qt1["mbs_cap"].sum()) == (435, 320)
    assert (qt2["treasury_cap"].sum(), qt2["mbs_cap"].sum()) == (1640, 1417.5)


def _altered(events, date, column, value):
    ev = events.copy()
    ev.loc[pd.Timestamp(date), column] = value
    return ev


def test_cap_steps_catch_a_disagreement(events):
    with pytest.raises(ValueError, match=r"\$60B"):
        bsh.cap_steps(_altered(events, "2022-05-04", "key_numbers", "caps $30B / $17.5B, rising to $50B / $35B"))
    with pytest.raises(ValueError, match="takes effect"):
        bsh.cap_steps(_altered(events, "2024-05-01", "effective", "2024-07-01"))
    with pytest.raises(ValueError, match="kind"):
        bsh.cap_steps(_altered(events, "2025-03-19", "kind", "cut"))
    with pytest.raises(ValueError, match="events has no row dated"):
        bsh.cap_steps(events.drop(pd.Timestamp("2019-07-31")))
    with pytest.raises(ValueError, match="events is missing"):
        bsh.cap_steps(events[["kind"]])


@pytest.mark.parametrize("program,exc", [("QT3", ValueError), (2, TypeError), (None, TypeError)])
def test_bad_program(program, exc, events):
    with pytest.raises(exc, match="program"):
        bsh.cap_schedule(program, events)


# ---------------------------------------------------------------------------
# Runoff simulator
# ---------------------------------------------------------------------------
def _flat_schedule(n=6, t_cap=10.0, m_cap=5.0, excess="MBS"):
    idx = pd.date_range("2030-01-01", periods=n, freq="MS")
    return pd.DataFrame({"treasury_cap": t_cap, "mbs_cap": m_cap, "mbs_excess_to": excess}, index=idx)


def test_simulate_known_case():
    sim = bsh.simulate_runoff(_flat_schedule(), 100, 120, maturing_treasuries=4, mbs_paydown_rate=100)
    # Treasuries: 4 due a month, cap 10 -> runoff 4 (below cap); nothing reinvested
    assert (sim["runoff_treasuries"] == 4).all() and (sim["reinvested_treasuries"] == 0).all()
    assert sim["treasuries_end"].iloc[-1] == pytest.approx(100 - 6 * 4)
    # MBS: 120 * 100%/12 = 10 paid down, cap 5 -> runoff 5, 5 reinvested in MBS
    assert sim["mbs_paydown"].iloc[0] == pytest.approx(10)
    assert sim["runoff_mbs"].iloc[0] == 5 and sim["reinvested_mbs"].iloc[0] == pytest.approx(5)
    assert sim["mbs_end"].iloc[-1] == pytest.approx(120 - 30)


def test_simulate_excess_mbs_into_treasuries():
    sim = bsh.simulate_runoff(_flat_schedule(n=1, excess="Treasuries"), 100, 120, 4, 100)
    assert sim["mbs_end"].iloc[0] == pytest.approx(110)  # all principal leaves MBS
    assert sim["treasuries_end"].iloc[0] == pytest.approx(100 - 4 + 5)  # excess 5 bought as Treasuries


@settings(max_examples=50, deadline=None)
@given(maturing=st.floats(min_value=0, max_value=200), rate=st.floats(min_value=0, max_value=40),
       t_cap=st.floats(min_value=0, max_value=80), m_cap=st.floats(min_value=0, max_value=40),
       excess=st.sampled_from(["MBS", "Treasuries"]))
def test_simulate_properties(maturing, rate, t_cap, m_cap, excess):
    sim = bsh.simulate_runoff(_flat_schedule(12, t_cap, m_cap, excess), 1000, 800, maturing, rate)
    assert (sim["runoff_treasuries"] <= sim["treasury_cap"] + 1e-9).all()
    assert (sim["runoff_mbs"] <= sim["mbs_cap"] + 1e-9).all()
    assert np.allclose(sim["runoff_treasuries"] + sim["reinvested_treasuries"], sim["treasury_due"])
    assert np.allclose(sim["runoff_mbs"] + sim["reinvested_mbs"], sim["mbs_paydown"])
    total = sim["treasuries_end"] + sim["mbs_end"]
    assert np.allclose(1800 - total, (sim["runoff_treasuries"] + sim["runoff_mbs"]).cumsum())
    assert (sim["mbs_end"].diff().dropna() <= 1e-9).all()


@pytest.mark.parametrize("kwargs,exc", [
    ({"maturing_treasuries": -1}, ValueError), ({"maturing_treasuries": "60"}, TypeError),
    ({"mbs_paydown_rate": 150}, ValueError), ({"mbs_paydown_rate": float("nan")}, ValueError),
    ({"start_mbs": True}, TypeError),
])
def test_simulate_bad_input(kwargs, exc):
    args = {"start_treasuries": 100, "start_mbs": 100, "maturing_treasuries": 10, "mbs_paydown_rate": 5}
    args.update(kwargs)
    with pytest.raises(exc, match=next(iter(kwargs))):
        bsh.simulate_runoff(_flat_schedule(), **args)
    with pytest.raises(ValueError, match="schedule"):
        bsh.simulate_runoff(pd.DataFrame(), 1, 1, 1, 1)
    with pytest.raises(TypeError, match="schedule"):
        bsh.simulate_runoff("caps", 1, 1, 1, 1)


def test_runoff_comparison_matches_the_data(levels, fb, events):
    comp = bsh.runoff_comparison("QT2", 60, 8, levels=levels, events=events)
    start, end = pd.Timestamp("2022-06-01"), pd.Timestamp("2025-12-03")
    assert comp.attrs["start_treasuries"] == fb.loc[start, "treasuries"]
    assert comp["actual_runoff_treasuries"].sum() == pytest.approx(fb.loc[start, "treasuries"] - fb.loc[end, "treasuries"])
    assert comp["actual_runoff_mbs"].sum() == pytest.approx(fb.loc[start, "mbs"] - fb.loc[end, "mbs"])
    totals = bsh.runoff_totals(comp)
    assert totals.loc["Total", "sum of caps"] == 1640 + 1417.5
    # with caps that always bind, simulated Treasury runoff equals the caps
    assert totals.loc["Treasuries", "simulated runoff"] == pytest.approx(1640)
    # MBS ran off less than the caps allowed
    assert totals.loc["MBS", "actual / caps"] < 0.6
    qt1 = bsh.runoff_totals(bsh.runoff_comparison("QT1", 60, 10, levels=levels, events=events))
    assert qt1.loc["Treasuries", "actual decline"] < qt1.loc["Treasuries", "sum of caps"]


def test_runoff_comparison_needs_covering_data(levels, events):
    with pytest.raises(ValueError, match="cover"):
        bsh.runoff_comparison("QT1", levels=levels.loc["2020":], events=events)
    with pytest.raises(ValueError, match="comparison is missing"):
        bsh.runoff_totals(pd.DataFrame())
    with pytest.raises(TypeError, match="comparison"):
        bsh.runoff_totals("QT2")


def test_paydown_grid_and_panel(levels, events, fb):
    grid = bsh.paydown_grid(levels, rates=[4, 8, 12], events=events)
    assert list(grid.columns) == ["actual", "4", "8", "12"]
    assert grid.index[0] == pd.Timestamp("2022-06-01") and grid.index[-1] == pd.Timestamp("2025-12-01")
    assert grid.iloc[0].nunique() == 1  # every path starts from the actual holdings
    assert grid["actual"].iloc[-1] == pytest.approx(fb.loc["2025-12-03", "mbs"] / 1000)
    last = grid[["4", "8", "12"]].iloc[-1]
    assert last.is_monotonic_decreasing  # faster paydown, lower holdings
    page = bsh.runoff_panel("QT1", 25, 10, levels, events)
    assert "<table" in page and "Treasuries" in page and "22 months" in page
    years = bsh.runoff_by_year(bsh.runoff_comparison("QT2", levels=levels, events=events))
    assert years["months"].sum() == 42 and list(years.index) == [2022, 2023, 2024, 2025]
    assert years["Treasuries cap"].sum() == 1640
    with pytest.raises(ValueError, match="comparison"):
        bsh.runoff_by_year(pd.DataFrame())
    with pytest.raises(TypeError, match="rates"):
        bsh.paydown_grid(levels, rates="8")
    with pytest.raises(ValueError, match="start_rate"):
        bsh.paydown_explorer_chart(grid, start_rate=20)
    with pytest.raises(ValueError, match="grid"):
        bsh.paydown_explorer_chart(grid[["actual"]])


# ---------------------------------------------------------------------------
# Measuring QT2
# ---------------------------------------------------------------------------
def test_nearest_week(fb):
    assert bsh.nearest_week(fb, "2025-12-01") == pd.Timestamp("2025-12-03")
    assert bsh.nearest_week(fb, "2022-06-01") == pd.Timestamp("2022-06-01")
    # a Saturday is 3 days after one Wednesday and 4 before the next; a Sunday the other way round
    assert bsh.nearest_week(fb, "2025-11-29") == pd.Timestamp("2025-11-26")
    assert bsh.nearest_week(fb, "2025-11-30") == pd.Timestamp("2025-12-03")
    with pytest.raises(ValueError, match="outside"):
        bsh.nearest_week(fb, "1990-01-01")
    with pytest.raises(TypeError):
        bsh.nearest_week(fb, object())
    with pytest.raises(TypeError):
        bsh.nearest_week([1, 2], "2025-12-01")


def test_qt_size(fb):
    size = bsh.qt_size(fb)
    y2022 = fb.loc["2022"]
    assert size.loc["Total assets", "peak"] == y2022["total_assets"].max()
    assert str(size.loc["Total assets", "end week"]) == "2025-12-03"
    sec = (y2022["treasuries"] + y2022["mbs"]).max()
    end = fb.loc["2025-12-03", "treasuries"] + fb.loc["2025-12-03", "mbs"]
    assert size.loc["Securities (Treasuries + MBS)", "change"] == pytest.approx(end - sec)
    assert (size["change"] < 0).all()
    with pytest.raises(ValueError, match="no weeks"):
        bsh.qt_size(fb, peak_from="1990-01-01", peak_to="1990-12-31")
    with pytest.raises(TypeError):
        bsh.qt_size("fb")


def test_drain_decomposition_adds_up(fb):
    d = bsh.drain_decomposition(fb)
    parts = d.loc[["Reserves", "TGA", "ON RRP", "Currency and everything else (residual)"], "change"].sum()
    assert parts == pytest.approx(d.loc["Total assets", "change"])
    assert d.loc[d.index[1:], "share of asset change"].sum() == pytest.approx(1)
    assert list(d.columns[:2]) == ["2022-06-01", "2025-12-03"]
    with pytest.raises(ValueError, match="after"):
        bsh.drain_decomposition(fb, start="2025-12-01", end="2022-06-01")
    with pytest.raises(ValueError, match="missing"):
        bsh.drain_decomposition(fb[["total_assets"]])


def test_change_since_and_pace():
    idx = pd.date_range("2030-01-02", periods=9, freq="W-WED")
    df = pd.DataFrame({"x": np.arange(9) * 10.0}, index=idx)
    ch = bsh.change_since(df, idx[2], ["x"])
    assert ch["x"].iloc[0] == 0 and ch["x"].iloc[-1] == 60
    pace = bsh.monthly_pace(df, "x", idx[0], idx[-1])
    assert pace == pytest.approx(80 / (56 / (365.25 / 12)))
    with pytest.raises(TypeError):
        bsh.monthly_pace(df, 3, idx[0], idx[-1])
    with pytest.raises(ValueError):
        bsh.monthly_pace(df, "x", idx[-1], idx[0])
    with pytest.raises(TypeError):
        bsh.change_since(df, idx[0], "x")


# ---------------------------------------------------------------------------
# Charts and bench
# ---------------------------------------------------------------------------
def _rows(spec):
    return sum(len(v) for v in spec.get("datasets", {}).values())


def test_charts_build_small_and_titled(fb, levels, events):
    helpers.setup()
    comp = bsh.runoff_comparison("QT2", levels=levels, events=events)
    comp1 = bsh.runoff_comparison("QT1", levels=levels, events=events)
    charts = [
        bsh.composition_chart(fb, events),
        bsh.runoff_chart(comp1, comp),
        bsh.paydown_explorer_chart(bsh.paydown_grid(levels, events=events)),
        bsh.liabilities_chart(fb, events),
        bsh.decomposition_chart(bsh.drain_decomposition(fb)),
        bsh.rmp_chart(fb, events=events),
    ]
    for chart in charts:
        spec = chart.to_dict()
        assert spec["title"]["text"]
        assert _rows(spec) <= 2000
    assert "bind" in str(charts[2].to_dict())
    with pytest.raises(ValueError, match="comparison"):
        bsh.runoff_chart(pd.DataFrame())
    with pytest.raises(TypeError):
        bsh.runoff_chart()
    with pytest.raises(ValueError, match="decomp"):
        bsh.decomposition_chart(pd.DataFrame())


def _has_han(text):
    return any("\u4e00" <= ch <= "\u9fff" for ch in text)


def test_charts_and_panels_follow_the_language(fb, levels, events):
    """helpers.setup(lang="zh-hans") puts chart titles, source lines and panel text in Chinese; English is back after."""
    english = bsh.decomposition_chart(bsh.drain_decomposition(fb)).to_dict()["title"]
    try:
        helpers.setup(lang="zh-hans")
        title = bsh.decomposition_chart(bsh.drain_decomposition(fb)).to_dict()["title"]
        assert _has_han(title["text"]) and _has_han(title["subtitle"][-1]), title
        assert "2022-06-01" in title["subtitle"][0]   # the values are filled into the translated template
        assert _has_han(bsh.rmp_chart(fb, events).to_dict()["title"]["text"])
        view = bsh.explore("qt_runoff_tga", 100, then="tga_rebuild_nonbank")
        assert _has_han(view.html) and _has_han(repr(view)) and "-100" in repr(view)
        assert _has_han(bsh.explore_html("tga_rebuild_onrrp", 5000))
        assert _has_han(bsh.runoff_panel("QT2", levels=levels, events=events))
        assert bsh.OPERATIONS["qe_bank"].label == "QE purchase from a bank"   # the data stay English
        assert list(bsh.composition_monthly(fb).columns) == ["Treasuries", "MBS", "Other"]
    finally:
        helpers.setup(lang="en")
    assert bsh.decomposition_chart(bsh.drain_decomposition(fb)).to_dict()["title"] == english
    assert english["text"] == "Most of QT2's fall in assets was matched by the ON RRP draining, not by reserves"


def test_bench_entries_run():
    import importlib.util
    from pathlib import Path

    path = Path(__file__).resolve().parent.parent / "benchmarks" / "balance_sheet.py"
    spec = importlib.util.spec_from_file_location("benchmarks.balance_sheet", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    assert set(module.BENCH) >= {"lesson01 t-account explorer", "lesson01 runoff panel"}
    for fn, kwargs in module.BENCH.values():
        assert fn(**kwargs) is not None
    assert not hasattr(bsh, "BENCH")


def test_amount_helper_messages_name_the_value():
    with pytest.raises(ValueError) as info:
        bsh.apply(bsh.starting_ledger(), "qe_bank", -3)
    assert "-3" in str(info.value) and "amount" in str(info.value)
    assert math.isclose(bsh.MAX_AMOUNT, 10_000)


def test_months_below_cap(levels, events):
    comp = bsh.runoff_comparison("QT2", levels=levels, events=events)
    n = bsh.months_below_cap(comp, "mbs", 1.0)
    assert n == int((comp["actual_runoff_mbs"] < comp["mbs_cap"]).sum()) and 0 < n <= len(comp)
    assert bsh.months_below_cap(comp, "treasuries", 0.0) == 0
    with pytest.raises(ValueError, match="asset"):
        bsh.months_below_cap(comp, "bills")
    with pytest.raises(ValueError, match="share"):
        bsh.months_below_cap(comp, "mbs", 2)
    with pytest.raises(ValueError, match="comparison"):
        bsh.months_below_cap(pd.DataFrame())


def test_pace_table(fb):
    t = bsh.pace_table(fb, {"RMP": ("2025-12-10", fb.index[-1])})
    row = t.loc["RMP"]
    assert row["securities"] == pytest.approx(row["treasuries"] + row["mbs"])
    assert row["treasuries"] > 0 > row["mbs"]
    with pytest.raises(TypeError):
        bsh.pace_table(fb, {"x": "2025"})
    with pytest.raises(ValueError, match="windows"):
        bsh.pace_table(fb, {})


# ---------------------------------------------------------------------------
# The public face: inputs, frames in, messages that name the caller's argument
# ---------------------------------------------------------------------------
def test_inputs_are_fresh_copies(data):
    again = bsh.inputs()
    assert list(again._fields) == ["fb", "events", "levels"]
    assert again.levels.equals(bsh.monthly_levels(again.fb))
    again.fb.iloc[0, 0] = -1.0
    assert bsh.inputs().fb.iloc[0, 0] == data.fb.iloc[0, 0]


def test_cap_schedule_without_events_uses_the_stated_caps(events):
    for program in bsh.PROGRAMS:
        assert bsh.cap_schedule(program).equals(bsh.cap_schedule(program, events))


@pytest.mark.parametrize("call,name", [
    (lambda fb, ev: bsh.change_since(fb, start="1990-01-01"), "start="),
    (lambda fb, ev: bsh.change_since(fb, "2025-12-01", columns="reserves"), "columns"),
    (lambda fb, ev: bsh.drain_decomposition(fb, end="2040-01-01"), "end="),
    (lambda fb, ev: bsh.drain_decomposition(fb, start=pd.Timestamp("2022-06-01", tz="UTC")), "start"),
    (lambda fb, ev: bsh.qt_size(fb, end="1990-01-01"), "end="),
    (lambda fb, ev: bsh.qt_size(fb, peak_to="2021-01-01"), "peak_to="),
    (lambda fb, ev: bsh.monthly_pace(fb, "mbs", "2025-12-10", "2099-01-01"), "end="),
    (lambda fb, ev: bsh.pace_table(fb, {"RMP": ("1990-01-01", "2026-01-07")}), "windows['RMP'] start="),
    (lambda fb, ev: bsh.runoff_comparison("QT2", levels=fb.iloc[:0]), "levels"),
    (lambda fb, ev: bsh.runoff_comparison("QT2", levels=bsh.monthly_levels(fb), events=ev[["kind"]]), "events"),
    (lambda fb, ev: bsh.paydown_grid(bsh.monthly_levels(fb), rates=[8, float("nan")]), "rates[1]"),
    (lambda fb, ev: bsh.composition_chart(fb, ev, start="2030-01-01"), "start="),
    (lambda fb, ev: bsh.rmp_chart(fb, ev, start="2030-01-01"), "start="),
    (lambda fb, ev: bsh.liabilities_chart(fb, ev.iloc[:0]), "events"),
    (lambda fb, ev: bsh.runoff_chart(bsh.runoff_comparison("QT2", levels=bsh.monthly_levels(fb)), "QT1"), "more[0]"),
    (lambda fb, ev: bsh.apply_sequence(bsh.starting_ledger(), [("qe_bank", 5), ("qe_bank", float("inf"))]),
     "steps[1] amount="),
    (lambda fb, ev: bsh.apply_sequence(bsh.starting_ledger(), [("tga_rebuild_onrrp", 600)]), "steps[0]"),
    (lambda fb, ev: bsh.make_ledger({("ECB", "Reserves"): 1}), "balances"),
    (lambda fb, ev: bsh.explore("qe_bank", 10, then="later"), "then="),
    (lambda fb, ev: bsh.explore_html("qe_bank", float("nan")), "amount="),
    (lambda fb, ev: bsh.is_balanced(bsh.starting_ledger(), tol=-1), "tol="),
    (lambda fb, ev: bsh.operation_effects(600), "amount="),
])
def test_messages_name_the_callers_argument(call, name, fb, events):
    with pytest.raises((TypeError, ValueError)) as info:
        call(fb, events)
    assert name in str(info.value)


def test_charts_take_frames_and_refuse_a_start_past_the_data(fb, events):
    with pytest.raises(TypeError):
        bsh.composition_chart(fb)  # events are required: charts never load them
    last_month = bsh.monthly_levels(fb).index[-1]
    chart = bsh.composition_chart(fb, events, start=last_month)
    assert _rows(chart.to_dict()) > 0


def test_every_name_the_explorer_shows_is_marked_for_translation():
    from helpers.balance_sheet import _panels

    names = set(bsh.SECTORS) | {item for groups in bsh.SECTORS.values() for items in groups for item in items}
    assert names <= set(_panels.SHOWN_NAMES), names - set(_panels.SHOWN_NAMES)
