"""Tests for helpers.validate: known cases, bad input, the message rule, and properties."""
from __future__ import annotations

import datetime
import re
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from helpers.validate import check_choice, check_date, check_flag, check_int, check_number, check_seed, shown

HELPERS = Path(__file__).resolve().parent.parent / "helpers"


def message_of(excinfo) -> str:
    return str(excinfo.value)


def assert_rule(excinfo, name: str, value) -> None:
    """The convention: the message names the parameter, shows the value given and what is allowed."""
    msg = message_of(excinfo)
    assert name in msg, msg
    assert shown(value) in msg, msg
    assert "allowed: " in msg, msg


# ---------------------------------------------------------------------------
# check_int
# ---------------------------------------------------------------------------
def test_check_int_known_cases():
    assert check_int("window", 60, 20, 250) == 60
    assert check_int("window", 20, 20, 250) == 20  # bounds are inclusive
    assert check_int("window", 250, 20, 250) == 250
    assert check_int("n", -7) == -7  # no bounds
    assert check_int("n", 10**12, 0) == 10**12
    out = check_int("n", np.int64(5), 1, 9)
    assert out == 5 and type(out) is int  # numpy integers come back as plain int


@pytest.mark.parametrize("value", [True, False, np.bool_(True), 5.0, np.float64(5), "5", None, [5]])
def test_check_int_wrong_type(value):
    with pytest.raises(TypeError) as excinfo:
        check_int("window", value, 20, 250)
    assert_rule(excinfo, "window", value)
    assert "an int from 20 to 250" in message_of(excinfo)


@pytest.mark.parametrize("value,allowed", [(19, "an int from 20 to 250"), (251, "an int from 20 to 250")])
def test_check_int_out_of_range(value, allowed):
    with pytest.raises(ValueError, match=rf"window={value} is out of range; allowed: {allowed}"):
        check_int("window", value, 20, 250)


def test_check_int_one_sided_and_custom_allowed():
    with pytest.raises(ValueError, match="allowed: an int >= 1"):
        check_int("n", 0, 1)
    with pytest.raises(ValueError, match="allowed: an int <= 3"):
        check_int("n", 4, hi=3)
    with pytest.raises(ValueError, match=r"year=1990 is out of range; allowed: a year in the data"):
        check_int("year", 1990, 2010, 2025, allowed="a year in the data, from 2010 to 2025")


@settings(max_examples=200, deadline=None)
@given(lo=st.integers(-10**6, 10**6), width=st.integers(0, 10**6), data=st.data())
def test_check_int_property(lo, width, data):
    hi = lo + width
    inside = data.draw(st.integers(lo, hi))
    assert check_int("count", inside, lo, hi) == inside
    assert check_int("count", np.int64(inside), lo, hi) == inside
    outside = data.draw(st.one_of(st.integers(max_value=lo - 1), st.integers(min_value=hi + 1)))
    with pytest.raises(ValueError, match=r"^count=") as excinfo:
        check_int("count", outside, lo, hi)
    assert_rule(excinfo, "count", outside)
    assert f"from {lo} to {hi}" in message_of(excinfo)


# ---------------------------------------------------------------------------
# check_number
# ---------------------------------------------------------------------------
def test_check_number_known_cases():
    assert check_number("level", 0.9, 0, 1, open_lo=True, open_hi=True) == 0.9
    assert check_number("rate", -5, -5, 50) == -5.0  # closed bounds include the ends
    out = check_number("x", np.float32(0.5))
    assert out == 0.5 and type(out) is float
    assert type(check_number("x", 3)) is float
    assert type(check_number("x", np.int64(3), 0, 10)) is float


@pytest.mark.parametrize("value", [True, np.bool_(False), "0.5", None, [0.5], pd.Series([0.5])])
def test_check_number_wrong_type(value):
    with pytest.raises(TypeError) as excinfo:
        check_number("level", value, 0, 1)
    assert_rule(excinfo, "level", value)


@pytest.mark.parametrize("value", [float("nan"), float("inf"), -float("inf"), np.float64("nan")])
def test_check_number_not_finite(value):
    with pytest.raises(ValueError, match="not a finite number") as excinfo:
        check_number("level", value)
    assert_rule(excinfo, "level", value)


@pytest.mark.parametrize("value,kwargs,allowed", [
    (0, {"lo": 0, "open_lo": True}, "a number > 0"),
    (1, {"lo": 0, "hi": 1, "open_hi": True}, "a number >= 0 and < 1"),
    (1.5, {"lo": 0, "hi": 1}, "a number from 0 to 1"),
    (-0.1, {"lo": 0, "hi": 1, "open_lo": True, "open_hi": True}, "a number > 0 and < 1"),
    (1e10, {"hi": 1e9}, "a number <= 1000000000"),
])
def test_check_number_out_of_range(value, kwargs, allowed):
    with pytest.raises(ValueError, match="is out of range") as excinfo:
        check_number("x", value, **kwargs)
    assert_rule(excinfo, "x", value)
    assert message_of(excinfo).endswith(f"allowed: {allowed}")


def test_check_number_custom_allowed_and_numpy_value_shown_plainly():
    with pytest.raises(ValueError) as excinfo:
        check_number("amount", np.float64(0.0), 0, 10_000, open_lo=True, allowed="$ billions above 0")
    assert message_of(excinfo) == "amount=0.0 is out of range; allowed: $ billions above 0"


@settings(max_examples=200, deadline=None)
@given(lo=st.floats(-1e6, 1e6), width=st.floats(0, 1e6), data=st.data())
def test_check_number_property(lo, width, data):
    hi = lo + width
    inside = data.draw(st.floats(lo, hi))
    assert check_number("x", inside, lo, hi) == inside
    below = data.draw(st.floats(max_value=lo, exclude_max=True, allow_nan=False, allow_infinity=False))
    with pytest.raises(ValueError, match=r"^x="):
        check_number("x", below, lo, hi)
    with pytest.raises(ValueError, match=r"^x="):
        check_number("x", lo, lo, hi, open_lo=True)


# ---------------------------------------------------------------------------
# check_choice
# ---------------------------------------------------------------------------
def test_check_choice_known_cases():
    assert check_choice("asset", "btc", ("btc", "eth")) == "btc"
    assert check_choice("asset", "eth", ["btc", "eth"]) == "eth"
    assert check_choice("op", "qe", {"qe": 1, "qt": 2}) == "qe"  # a dict's keys
    assert check_choice("asset", "btc", (a for a in ("btc", "eth"))) == "btc"  # any iterable, read once


def test_check_choice_bad_input():
    with pytest.raises(ValueError) as excinfo:
        check_choice("asset", "doge", ("btc", "eth"))
    assert message_of(excinfo) == "asset='doge' is not allowed; allowed: btc, eth"
    with pytest.raises(ValueError, match="allowed: btc, eth"):
        check_choice("asset", "BTC", ("btc", "eth"))  # case matters
    for value in (3, None, ["btc"], b"btc"):
        with pytest.raises(TypeError) as excinfo:
            check_choice("asset", value, ("btc", "eth"))
        assert_rule(excinfo, "asset", value)


# ---------------------------------------------------------------------------
# check_date
# ---------------------------------------------------------------------------
@pytest.mark.parametrize("value", ["2019-07-31", "2019-07-31 15:30", pd.Timestamp("2019-07-31 09:00"),
                                   datetime.date(2019, 7, 31), datetime.datetime(2019, 7, 31, 23, 59),
                                   np.datetime64("2019-07-31")])
def test_check_date_known_cases(value):
    out = check_date("start", value)
    assert isinstance(out, pd.Timestamp)
    assert out == pd.Timestamp("2019-07-31")  # the calendar date, time of day dropped


@pytest.mark.parametrize("value", [20190731, 2019.5, True, None, ["2019-07-31"]])
def test_check_date_wrong_type(value):
    with pytest.raises(TypeError) as excinfo:
        check_date("start", value)
    assert_rule(excinfo, "start", value)


@pytest.mark.parametrize("value", ["2019-13-01", "yesterday-ish", "", pd.NaT])
def test_check_date_not_a_date(value):
    with pytest.raises(ValueError, match="is not a date") as excinfo:
        check_date("start", value)
    assert_rule(excinfo, "start", value)


def test_check_date_bounds():
    assert check_date("start", "2020-01-01", "2020-01-01", "2020-12-31") == pd.Timestamp("2020-01-01")
    assert check_date("start", "2020-12-31 18:00", hi="2020-12-31") == pd.Timestamp("2020-12-31")
    with pytest.raises(ValueError, match=r"start='2019-12-31' is out of range; allowed: a date from 2020-01-01 "
                                         r"to 2020-12-31"):
        check_date("start", "2019-12-31", "2020-01-01", "2020-12-31")
    with pytest.raises(ValueError, match="allowed: a date on or after 2020-01-01"):
        check_date("start", "2019-12-31", lo="2020-01-01")
    with pytest.raises(ValueError, match="allowed: a date on or before 2020-12-31"):
        check_date("start", "2021-01-01", hi="2020-12-31")
    with pytest.raises(TypeError, match="start must be a date without a time zone"):
        check_date("start", pd.Timestamp("2020-06-01", tz="UTC"), lo="2020-01-01")


# ---------------------------------------------------------------------------
# check_seed and check_flag
# ---------------------------------------------------------------------------
def test_check_seed():
    assert check_seed("seed", 0) == 0
    assert check_seed("seed", 2**40) == 2**40  # numpy takes any size
    assert check_seed("seed", np.uint32(7), 2**32 - 1) == 7
    with pytest.raises(ValueError, match=r"seed=-1 is out of range; allowed: a whole number >= 0"):
        check_seed("seed", -1)
    with pytest.raises(ValueError, match=r"allowed: a whole number from 0 to 4294967295"):
        check_seed("seed", 2**32, 2**32 - 1)
    for value in (True, 1.0, "1", None):
        with pytest.raises(TypeError) as excinfo:
            check_seed("seed", value)
        assert_rule(excinfo, "seed", value)


def test_check_flag():
    assert check_flag("recession", True) is True
    assert check_flag("recession", np.bool_(False)) is False
    for value in (0, 1, "True", None):
        with pytest.raises(TypeError) as excinfo:
            check_flag("recession", value)
        assert_rule(excinfo, "recession", value)


# ---------------------------------------------------------------------------
# Messages: one short line, whatever was passed
# ---------------------------------------------------------------------------
def test_shown_is_short_and_plain():
    assert shown(np.int64(3)) == "3"
    assert shown(np.float64(0.5)) == "0.5"
    assert shown("btc") == "'btc'"
    long = shown(pd.DataFrame({"a": range(1000)}))
    assert "\n" not in long and len(long) <= 80 and long.endswith("...")


@settings(max_examples=100, deadline=None)
@given(value=st.one_of(st.text(max_size=200), st.none(), st.booleans(), st.lists(st.integers(), max_size=50),
                       st.dictionaries(st.text(max_size=5), st.integers(), max_size=5)))
def test_every_type_error_follows_the_rule(value):
    for check in (lambda v: check_int("p", v, 0, 9), lambda v: check_number("p", v, 0, 9),
                  lambda v: check_seed("p", v), lambda v: check_flag("p", v)):
        try:
            check(value)  # a bool is a fine flag; everything else here is the wrong type
        except TypeError as exc:
            msg = str(exc)
            assert msg.startswith("p must be ") and "allowed: " in msg and shown(value) in msg
            assert "\n" not in msg and len(msg) < 400


# ---------------------------------------------------------------------------
# The helper modules use these checks instead of private copies
# ---------------------------------------------------------------------------
TOPIC_SOURCES = sorted(p for p in HELPERS.rglob("*.py") if "exercises" not in p.parts and p.name != "validate.py")


@pytest.mark.parametrize("path", TOPIC_SOURCES, ids=lambda p: str(p.relative_to(HELPERS)))
def test_modules_do_not_redefine_the_shared_checks(path):
    source = path.read_text(encoding="utf-8")
    private = re.findall(r"^def (_check_int|_check_float|_check_number|_check_choice|_check_date|_to_timestamp|"
                         r"_check_seed|_check_rate|_check_frame|_check_series|_check_long|_real|_int|_number|"
                         r"_integer|_choice|_flag)\(", source, re.M)
    assert not private, f"{path.relative_to(HELPERS)} defines {private}; use helpers.validate instead"


def test_every_topic_uses_the_shared_checks():
    for topic in ("stats", "events", "claims", "money_markets", "risk", "liquidity", "scenarios",
                  "balance_sheet", "snapshot_tour"):
        folder = HELPERS / topic
        files = list(folder.rglob("*.py")) if folder.is_dir() else [HELPERS / f"{topic}.py"]
        assert any("from helpers.validate import" in f.read_text(encoding="utf-8") for f in files), topic
