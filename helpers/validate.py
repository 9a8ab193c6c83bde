"""Argument checks shared by every helper module: validate at the boundary.

Learners type odd things (``"60"`` for a window, ``True`` for a seed, ``0.95`` where percent was
meant), so each public helper checks its arguments first with the functions below. They all follow
one rule (CONVENTIONS.md, "helpers/"):

* a value of the **wrong type** raises ``TypeError``;
* a value of the right type but **outside what is allowed** raises ``ValueError``;
* every message names the parameter, shows the value given (its ``repr``) and says what is
  allowed, for example::

      window=5 is out of range; allowed: an int from 20 to 250
      window must be an int, got str ('60'); allowed: an int from 20 to 250
      asset='doge' is not allowed; allowed: btc, eth

Each check returns the value as a plain Python object (``int``, ``float``, ``str``, ``bool`` or a
``pandas.Timestamp``), so numpy scalars such as ``np.int64(5)`` or ``np.float64(0.5)`` (what a
DataFrame cell or a widget may hand over) are accepted and come back as ``5`` and ``0.5``.
``True``/``False`` are refused wherever a number is expected: ``bool`` is a subclass of ``int`` in
Python, but ``window=True`` is always a slip.

Range bounds are inclusive unless ``open_lo``/``open_hi`` say otherwise; ``None`` means no bound.
A caller may pass ``allowed="..."`` to describe the allowed values in the lesson's own words
(units, an example); otherwise the description is built from the bounds.
"""
from __future__ import annotations

import math
from numbers import Integral, Real
from typing import Any, Iterable

import numpy as np
import pandas as pd

__all__ = ["check_int", "check_number", "check_choice", "check_date", "check_seed", "check_flag", "shown"]

_MAX_REPR = 80  # longest value shown in a message; a DataFrame passed by mistake is cut short


def shown(value: Any) -> str:
    """The ``repr`` of ``value`` as it appears in messages: numpy scalars as plain Python, long ones cut to one short line."""
    if isinstance(value, (np.number, np.bool_)):
        value = value.item()
    text = repr(value)
    if "\n" in text:  # a Series or DataFrame: one line
        text = " ".join(text.split())
    return text if len(text) <= _MAX_REPR else text[:_MAX_REPR - 3] + "..."


def _fmt(bound: float) -> str:
    """A bound as people write it: 20, 0.5, 1e-06 (no trailing .0 on whole numbers)."""
    if isinstance(bound, float) and bound.is_integer() and abs(bound) < 1e15:
        return str(int(bound))
    return str(bound)


def _type_error(name: str, value: Any, kind: str, allowed: str) -> TypeError:
    return TypeError(f"{name} must be {kind}, got {type(value).__name__} ({shown(value)}); allowed: {allowed}")


def _range_error(name: str, value: Any, allowed: str) -> ValueError:
    return ValueError(f"{name}={shown(value)} is out of range; allowed: {allowed}")


def _describe(kind: str, lo, hi, open_lo: bool = False, open_hi: bool = False) -> str:
    """'an int from 1 to 12', 'a number > 0 and <= 1', 'an int >= 0', 'any finite number'."""
    if lo is None and hi is None:
        return "any int" if kind == "an int" else "any finite number"
    if lo is not None and hi is not None and not open_lo and not open_hi:
        return f"{kind} from {_fmt(lo)} to {_fmt(hi)}"
    parts = []
    if lo is not None:
        parts.append(f"{'>' if open_lo else '>='} {_fmt(lo)}")
    if hi is not None:
        parts.append(f"{'<' if open_hi else '<='} {_fmt(hi)}")
    return f"{kind} {' and '.join(parts)}"


def check_int(name: str, value: Any, lo: int | None = None, hi: int | None = None, *,
              allowed: str | None = None) -> int:
    """``value`` as an ``int`` if it is a whole number (not a bool) with ``lo <= value <= hi``.

    Python and numpy integers are accepted; floats are refused even when whole (``5.0``), so a
    slider's float does not silently become a count. ``lo``/``hi`` of ``None`` mean no bound.

    >>> check_int("window", 60, 20, 250)
    60
    """
    allowed = allowed or _describe("an int", lo, hi)
    if isinstance(value, (bool, np.bool_)) or not isinstance(value, Integral):
        raise _type_error(name, value, "an int", allowed)
    n = int(value)
    if (lo is not None and n < lo) or (hi is not None and n > hi):
        raise _range_error(name, value, allowed)
    return n


def check_number(name: str, value: Any, lo: float | None = None, hi: float | None = None,
                 open_lo: bool = False, open_hi: bool = False, *, allowed: str | None = None) -> float:
    """``value`` as a finite ``float`` within ``[lo, hi]`` (``(lo`` / ``hi)`` if ``open_lo``/``open_hi``).

    Any real number is accepted (int, float, numpy integer or float); bools, strings and ``None``
    raise ``TypeError``; NaN and ±inf raise ``ValueError``.

    >>> check_number("level", 0.9, 0, 1, open_lo=True, open_hi=True)
    0.9
    """
    allowed = allowed or _describe("a number", lo, hi, open_lo, open_hi)
    if isinstance(value, (bool, np.bool_)) or not isinstance(value, Real):
        raise _type_error(name, value, "a number", allowed)
    x = float(value)
    if not math.isfinite(x):
        raise ValueError(f"{name}={shown(value)} is not a finite number; allowed: {allowed}")
    too_low = lo is not None and (x <= lo if open_lo else x < lo)
    too_high = hi is not None and (x >= hi if open_hi else x > hi)
    if too_low or too_high:
        raise _range_error(name, value, allowed)
    return x


def check_choice(name: str, value: Any, allowed: Iterable[str]) -> str:
    """``value`` if it is one of the strings in ``allowed`` (a tuple, list, or a dict's keys).

    >>> check_choice("asset", "btc", ("btc", "eth"))
    'btc'
    """
    options = tuple(allowed)
    listed = ", ".join(map(str, options))
    if not isinstance(value, str):
        raise _type_error(name, value, "a str", listed)
    if value not in options:
        raise ValueError(f"{name}={shown(value)} is not allowed; allowed: {listed}")
    return value


def check_date(name: str, value: Any, lo: Any = None, hi: Any = None) -> pd.Timestamp:
    """``value`` as a ``pandas.Timestamp`` at midnight (the calendar date; any time of day dropped).

    Accepts a string such as ``"2019-07-31"``, a ``pandas.Timestamp``, a ``datetime.date`` or
    ``datetime.datetime``, or a ``numpy.datetime64``. ``lo``/``hi`` (anything ``pandas.Timestamp``
    reads, inclusive) bound the date; ``None`` means no bound.

    >>> check_date("start", "2019-07-31")
    Timestamp('2019-07-31 00:00:00')
    """
    kind = "a date such as '2019-07-31' (str or Timestamp)"
    if isinstance(value, bool) or not (isinstance(value, (str, pd.Timestamp, np.datetime64)) or hasattr(value, "year")):
        raise _type_error(name, value, kind, "'YYYY-MM-DD' or a Timestamp")
    try:
        ts = pd.Timestamp(value)
    except (TypeError, ValueError):
        ts = pd.NaT
    if pd.isna(ts):
        raise ValueError(f"{name}={shown(value)} is not a date; allowed: 'YYYY-MM-DD' or a Timestamp")
    ts = ts.normalize()
    if lo is None and hi is None:
        return ts
    if ts.tz is not None:
        raise _type_error(name, value, "a date without a time zone", "'YYYY-MM-DD' or a Timestamp")
    first = None if lo is None else pd.Timestamp(lo).normalize()
    last = None if hi is None else pd.Timestamp(hi).normalize()
    if (first is not None and ts < first) or (last is not None and ts > last):
        if first is not None and last is not None:
            allowed = f"a date from {first.date()} to {last.date()}"
        elif first is not None:
            allowed = f"a date on or after {first.date()}"
        else:
            allowed = f"a date on or before {last.date()}"
        raise _range_error(name, value, allowed)
    return ts


def check_seed(name: str, value: Any, hi: int | None = None) -> int:
    """A random seed: a whole number ``>= 0`` (and ``<= hi`` if given). The same seed, the same draws.

    >>> check_seed("seed", 7)
    7
    """
    allowed = ("a whole number >= 0 (any fixed seed gives repeatable draws)" if hi is None
               else f"a whole number from 0 to {hi} (any fixed seed gives repeatable draws)")
    return check_int(name, value, 0, hi, allowed=allowed)


def check_flag(name: str, value: Any) -> bool:
    """``value`` as a ``bool`` if it is ``True`` or ``False`` (numpy bools too; 0/1 and strings refused).

    >>> check_flag("recession", False)
    False
    """
    if not isinstance(value, (bool, np.bool_)):
        raise _type_error(name, value, "True or False", "True or False")
    return bool(value)
