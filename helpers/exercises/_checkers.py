"""Reusable checkers: a number within a tolerance, a whole number, a calendar day — each with a
table of known slips (a wrong answer learners are likely to give, and what to tell them).

A checker is a callable ``checker(answer) -> (ok, message)``. The expected answer is a function
of no arguments, called when the learner checks, so it is computed from the snapshot (never typed
in); ``checker.expected()`` gives it to instructors and tests. The order of a check is:

1. the answer must be one finite number (or a date): anything else — text, a list, a Series,
   ``True``, NaN, ±inf, ``10**400``, an object that refuses ``float()`` — gets a "not yet" message
   saying what was expected, never an exception;
2. within the tolerance of the expected value: correct;
3. the first slip in the table that matches: its message;
4. otherwise the checker's ``otherwise`` message.

A slip table reads like the feedback it gives::

    number(_q4_expected, rel=0.005, slips=[
        Slip.sign("right size, wrong sign: reserves fell, so the change is negative"),
        Slip(lambda: drain().loc["Total assets", "change"], "that is the change in total assets; ..."),
        Slip.scaled(1 / 1000, "give the change in $ billions (the table's unit), not in $ trillions"),
        Slip.when(lambda answer, expected: abs(answer) < 10, "that looks like $ trillions ..."),
    ], otherwise="run bsh.drain_decomposition(...) and read the change in the Reserves row")

A slip whose value would itself be accepted is skipped (it is not a slip then), unless it says
otherwise with ``apart``.

Messages are English, marked for the catalog (``N_("...")``, or ``Lazy("... {x} ...", x=...)`` with
values; a message function returns one, or text made with ``_("...").format(...)``); a checker gives
them back translated into the language of ``helpers.setup(lang=...)``, looked up when it checks.
"""
from __future__ import annotations

import datetime as _dt
import math
import operator
from dataclasses import KW_ONLY, dataclass
from numbers import Real
from typing import Any, Callable, Sequence

import numpy as np
import pandas as pd

from helpers.i18n import N_, text
from helpers.i18n import gettext as _
from helpers.validate import check_int, check_number, check_text, shown

NOT_THE_VALUE = N_("that is not the value the data gives")
NO_EXPECTED = N_("could not compute the expected answer from the data snapshot; please tell your instructor")
NOT_WHOLE = N_("the answer is a whole number")
NOT_THE_DAY = N_("not the date the data gives; write it as 'YYYY-MM-DD'")
_CONTAINERS = (pd.DataFrame, pd.Series, pd.Index, np.ndarray, list, tuple, dict, set)


# ---------------------------------------------------------------------------
# Reading an answer
# ---------------------------------------------------------------------------
def _what(answer: Any) -> str:
    """What the learner gave, for a "not yet" message (in the reader's language)."""
    name = type(answer).__name__
    if isinstance(answer, str):
        return _("{name} (text): write the number itself, without quotes").format(name=name)
    if isinstance(answer, _CONTAINERS):
        return _("a {name}: pick one value from it, e.g. with .loc[...] or .iloc[-1]").format(name=name)
    return name


def _not_a_number(what: str) -> str:
    return _("expected a number, got {what}").format(what=what)


def _say(message: Any, *args: Any) -> str:
    """A message as the reader sees it now: a message function called with ``args``, then translated."""
    if callable(message) and args:
        message = message(*args)
    return text(message)


def as_number(answer: Any) -> tuple[float | None, str]:
    """``(value, "")`` if ``answer`` is one finite real number (Python or NumPy, not a bool);
    otherwise ``(None, why)``, with ``why`` written for the learner. Never raises."""
    if isinstance(answer, (bool, np.bool_)):
        return None, _not_a_number("bool")
    if not isinstance(answer, Real):
        return None, _not_a_number(_what(answer))
    try:
        value = float(answer)
    except OverflowError:
        return None, _("that number is far too large to be the answer")
    except Exception:  # noqa: BLE001 - a number-like object that will not become a float
        return None, _not_a_number(_what(answer))
    if math.isnan(value):
        return None, _("the answer is NaN (not a number): check for missing values")
    if math.isinf(value):
        return None, _("the answer is infinite: check for a division by zero")
    return value, ""


def is_number(answer: Any) -> bool:
    """True for one finite real number: Python or NumPy ints and floats (what pandas returns), but
    not True/False, NaN or ±inf."""
    return as_number(answer)[0] is not None


def as_day(answer: Any) -> tuple[pd.Timestamp | None, str]:
    """``(midnight of that day, "")`` for a date given as text ('2025-09-17'), a ``datetime``/``date``,
    a ``pandas.Timestamp`` or a ``numpy.datetime64`` (a time zone is dropped); ``(None, why)`` otherwise."""
    if isinstance(answer, (bool, np.bool_)) or not isinstance(answer, (str, _dt.date, np.datetime64)):
        return None, _("give a date such as '2025-01-31' (text in quotes), got {type}").format(
            type=type(answer).__name__)
    try:
        ts = pd.Timestamp(answer)
    except Exception:  # noqa: BLE001 - unparseable or outside what pandas holds
        return None, _("{answer} is not a date; write it as 'YYYY-MM-DD'").format(answer=shown(answer))
    if pd.isna(ts):
        return None, _("that is not a date; write it as 'YYYY-MM-DD'")
    if ts.tzinfo is not None:
        ts = ts.tz_localize(None)
    return ts.normalize(), ""


# ---------------------------------------------------------------------------
# Slips: known wrong answers and their feedback
# ---------------------------------------------------------------------------
def _tolerance(name: str, value: Any) -> float | None:
    return None if value is None else check_number(name, value, lo=0)


@dataclass(frozen=True)
class Slip:
    """A known wrong answer and the feedback for it: one row of a checker's slip table.

    ``value`` is the wrong answer: a number (or a date), or a function of no arguments that computes
    it from the snapshot. The constructors below derive it from the expected value instead
    (``Slip.sign``, ``Slip.scaled``, ``Slip.complement``, ``Slip.derived``), test the answer itself
    (``Slip.when``) or catch a near miss (``Slip.near``). ``rel``/``abs_tol`` default to the checker's
    tolerance; ``only_if(answer, expected)`` is an extra condition; ``message`` may be a function of
    the expected value. The message is English (``N_``/``Lazy``), translated by :meth:`text`.
    """

    value: Any = None
    message: str | Callable[[Any], str] = ""
    _: KW_ONLY
    rel: float | None = None
    abs_tol: float | None = None
    derive: Callable[[Any], Any] | None = None
    only_if: Callable[[Any, Any], bool] | None = None
    apart: float | None = None  # None: skip the slip if its value would be accepted; 0: never skip

    def __post_init__(self):
        if not callable(self.message):
            check_text("message", self.message)
        _tolerance("rel", self.rel)
        _tolerance("abs_tol", self.abs_tol)
        _tolerance("apart", self.apart)
        for name in ("derive", "only_if"):
            if getattr(self, name) is not None and not callable(getattr(self, name)):
                raise TypeError(f"{name} must be a function, got {type(getattr(self, name)).__name__}")
        if self.value is None and self.derive is None and self.only_if is None:
            raise ValueError("a Slip needs a value, a derive function or an only_if test")

    # --- one line for each typical slip ------------------------------------------------------------
    @classmethod
    def sign(cls, message, **tolerance) -> "Slip":
        """The right size with the wrong sign."""
        return cls(None, message, derive=operator.neg, **tolerance)

    @classmethod
    def scaled(cls, factor: float, message, **tolerance) -> "Slip":
        """The expected value times ``factor``: ×100 a percent for a fraction, ÷1000 trillions for
        billions, ÷12 a monthly rate for a yearly one, ÷100 a fraction for a percent."""
        factor = check_number("factor", factor)
        if factor in (0.0, 1.0):
            raise ValueError(f"factor={factor} does not change the value; allowed: any other finite number")
        return cls(None, message, derive=lambda expected: expected * factor, **tolerance)

    @classmethod
    def complement(cls, message, **tolerance) -> "Slip":
        """One minus the expected share (the other side of a count)."""
        return cls(None, message, derive=lambda expected: 1 - expected, **tolerance)

    @classmethod
    def derived(cls, fn: Callable[[Any], Any], message, **tolerance) -> "Slip":
        """A wrong answer computed from the expected value by ``fn(expected)``."""
        return cls(None, message, derive=fn, **tolerance)

    @classmethod
    def near(cls, message, **tolerance) -> "Slip":
        """Close to the expected value but outside its tolerance (too few decimals, other settings)."""
        return cls(None, message, derive=lambda expected: expected, apart=0.0, **tolerance)

    @classmethod
    def when(cls, test: Callable[[Any, Any], bool], message) -> "Slip":
        """Any answer for which ``test(answer, expected)`` is true (e.g. far too small to be billions)."""
        return cls(None, message, only_if=test)

    # --- matching ---------------------------------------------------------------------------------
    def text(self, expected: Any) -> str:
        """The message for this slip, in the reader's language."""
        return _say(self.message, expected)

    def wrong_value(self, expected: Any) -> Any:
        """The wrong answer this slip stands for (``None`` for a pure test)."""
        if self.derive is not None:
            return self.derive(expected)
        return self.value() if callable(self.value) else self.value


def _slips(slips: Any) -> tuple[Slip, ...]:
    if isinstance(slips, (str, bytes)) or not isinstance(slips, (list, tuple)):
        raise TypeError(f"slips must be a list of Slip, got {type(slips).__name__} ({shown(slips)})")
    for i, slip in enumerate(slips):
        if not isinstance(slip, Slip):
            raise TypeError(f"slips[{i}] must be a Slip, got {type(slip).__name__}; every entry of slips "
                            "must be a Slip")
    return tuple(slips)


def _message(name: str, value: Any) -> Any:
    return value if callable(value) else check_text(name, value)


def _number_target(expected: Any) -> Any:
    if callable(expected):
        return expected
    if isinstance(expected, (bool, np.bool_)) or not isinstance(expected, Real):
        raise TypeError(f"expected must be a function of no arguments that computes the answer from the "
                        f"snapshot (or a number), got {type(expected).__name__} ({shown(expected)})")
    return check_number("expected", expected)


# ---------------------------------------------------------------------------
# Checkers
# ---------------------------------------------------------------------------
@dataclass(frozen=True)
class NumberCheck:
    """Accepts a number within ``rel`` (a fraction of the expected value) or ``abs_tol`` of the
    expected value; made by :func:`number`."""

    target: Any
    rel: float
    abs_tol: float
    slips: tuple[Slip, ...]
    otherwise: Any

    def expected(self) -> Any:
        return self.target() if callable(self.target) else self.target

    def accepts(self, value: float, expected: float) -> bool:
        return math.isclose(value, expected, rel_tol=self.rel, abs_tol=self.abs_tol)

    def _slip_matches(self, slip: Slip, value: float, expected: float) -> bool:
        if slip.only_if is not None and not slip.only_if(value, expected):
            return False
        if slip.value is None and slip.derive is None:
            return True  # a pure test
        wrong, _why = as_number(slip.wrong_value(expected))
        if wrong is None:
            return False
        if slip.apart is None:
            if self.accepts(wrong, expected):
                return False  # the "slip" would be right: not a slip here
        elif slip.apart > 0 and abs(wrong - expected) <= slip.apart:
            return False
        rel = self.rel if slip.rel is None else slip.rel
        abs_tol = self.abs_tol if slip.abs_tol is None else slip.abs_tol
        return math.isclose(value, wrong, rel_tol=rel, abs_tol=abs_tol)

    def __call__(self, answer: Any) -> tuple[bool, str]:
        value, why = as_number(answer)
        if value is None:
            return False, why
        expected, _why = as_number(self.expected())
        if expected is None:
            return False, text(NO_EXPECTED)
        if self.accepts(value, expected):
            return True, ""
        for slip in self.slips:
            if self._slip_matches(slip, value, expected):
                return False, slip.text(expected)
        return False, _say(self.otherwise, expected)


def number(expected: Any, *, rel: float = 0.01, abs_tol: float = 0.0, slips: Sequence[Slip] = (),
           otherwise: str | Callable[[float], str] = NOT_THE_VALUE) -> NumberCheck:
    """A checker for a numeric answer: right within ``rel`` (fraction) or ``abs_tol`` of ``expected()``.

    ``expected`` is a function of no arguments computing the answer from the snapshot when the learner
    checks (a plain number is allowed too); ``slips`` is the table of known wrong answers, tried in
    order; ``otherwise`` is the message for any other number (it may be a function of the expected value).
    """
    return NumberCheck(_number_target(expected), check_number("rel", rel, lo=0, hi=1),
                       check_number("abs_tol", abs_tol, lo=0), _slips(slips), _message("otherwise", otherwise))


@dataclass(frozen=True)
class IntegerCheck(NumberCheck):
    """Accepts a whole number within ``abs_tol`` of the expected count; made by :func:`integer`."""

    not_whole: str = NOT_WHOLE

    def __call__(self, answer: Any) -> tuple[bool, str]:
        value, why = as_number(answer)
        if value is None:
            return False, why
        if value != int(value):
            return False, text(self.not_whole)
        return super().__call__(value)


def integer(expected: Any, *, within: int = 0, slips: Sequence[Slip] = (),
            otherwise: str | Callable[[float], str] = NOT_THE_VALUE,
            not_whole: str = NOT_WHOLE) -> IntegerCheck:
    """A checker for a count: a whole number within ``within`` of ``expected()`` (a function of no
    arguments); a number with decimals gets ``not_whole``; slips and ``otherwise`` as in :func:`number`."""
    within = check_int("within", within, lo=0, hi=1000)
    return IntegerCheck(_number_target(expected), 0.0, float(within), _slips(slips),
                        _message("otherwise", otherwise), check_text("not_whole", not_whole))


@dataclass(frozen=True)
class DayCheck:
    """Accepts the expected calendar day, given as text or a date; made by :func:`calendar_day`."""

    target: Any
    slips: tuple[Slip, ...]
    otherwise: Any

    def expected(self) -> pd.Timestamp:
        day, why = as_day(self.target() if callable(self.target) else self.target)
        if day is None:
            raise ValueError(f"the expected day is not a date: {why}")
        return day

    def __call__(self, answer: Any) -> tuple[bool, str]:
        day, why = as_day(answer)
        if day is None:
            return False, why
        try:
            expected = self.expected()
        except ValueError:
            return False, text(NO_EXPECTED)
        if day == expected:
            return True, ""
        for slip in self.slips:
            if slip.only_if is not None and not slip.only_if(day, expected):
                continue
            if slip.value is None and slip.derive is None:
                return False, slip.text(expected)
            wrong, _why = as_day(slip.wrong_value(expected))
            if wrong is not None and wrong != expected and wrong == day:
                return False, slip.text(expected)
        return False, _say(self.otherwise, expected)


def calendar_day(expected: Any, *, slips: Sequence[Slip] = (),
                 otherwise: str | Callable[[pd.Timestamp], str] = NOT_THE_DAY) -> DayCheck:
    """A checker for a date answer ('YYYY-MM-DD' text, a ``Timestamp`` or a ``datetime``): right if it is
    the calendar day ``expected()`` gives; ``slips`` hold wrong days (or functions computing them)."""
    if not callable(expected):
        day, why = as_day(expected)
        if day is None:
            if isinstance(expected, (str, _dt.date, np.datetime64)) and not isinstance(expected, bool):
                raise ValueError(f"expected={shown(expected)} is not a date; allowed: a date 'YYYY-MM-DD' "
                                 "or a function of no arguments returning one")
            raise TypeError(f"expected must be a function of no arguments returning a date (or a date), got "
                            f"{type(expected).__name__} ({shown(expected)})")
        expected = day
    return DayCheck(expected, _slips(slips), _message("otherwise", otherwise))


def close_to(expected: float, rel: float = 0.01, abs_tol: float = 0.0) -> NumberCheck:
    """A checker that accepts a number within ``rel`` (fraction) or ``abs_tol`` of ``expected``
    (:func:`number` without slips, for a fixed value)."""
    if callable(expected):
        raise TypeError("expected must be a number here; use number(fn) for an answer computed when checked")
    return number(expected, rel=rel, abs_tol=abs_tol)
