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

__all__ = [
    "check_int", "check_number", "check_choice", "check_choices", "check_ints", "check_date",
    "check_seed", "check_flag", "check_text", "check_frame", "check_series", "check_numbers",
    "check_chart", "shown",
]

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


def _bound(param: str, value: Any) -> None:
    """A range bound a check was given (``lo``, ``hi``): ``None`` or a finite real number."""
    if value is None:
        return
    if isinstance(value, (bool, np.bool_)) or not isinstance(value, Real):
        raise _type_error(param, value, "a number or None", "a finite number, or None for no bound")
    try:
        ok = math.isfinite(float(value))
    except OverflowError:
        ok = False
    if not ok:
        raise ValueError(f"{param}={shown(value)} is not a finite number; allowed: a finite number, or None")


def _count(param: str, value: Any) -> int:
    """A size a check was given (``min_rows``, ``min_len``): a whole number >= 0."""
    if isinstance(value, (bool, np.bool_)) or not isinstance(value, Integral):
        raise _type_error(param, value, "an int", "a whole number >= 0")
    if value < 0:
        raise _range_error(param, value, "a whole number >= 0")
    return int(value)


def _options(param: str, value: Any) -> tuple[str, ...]:
    """The allowed strings a check was given: a non-empty tuple, list or dict of str."""
    if isinstance(value, (str, bytes)) or not hasattr(value, "__iter__"):
        raise _type_error(param, value, "a tuple of str", "a tuple such as ('btc', 'eth')")
    options = tuple(value)
    if not options or not all(isinstance(o, str) for o in options):
        raise ValueError(f"{param}={shown(value)} must list at least one str; allowed: a tuple such as ('btc', 'eth')")
    return options


def check_int(name: str, value: Any, lo: int | None = None, hi: int | None = None, *,
              allowed: str | None = None) -> int:
    """``value`` as an ``int`` if it is a whole number (not a bool) with ``lo <= value <= hi``.

    Python and numpy integers are accepted; floats are refused even when whole (``5.0``), so a
    slider's float does not silently become a count. ``lo``/``hi`` of ``None`` mean no bound.

    >>> check_int("window", 60, 20, 250)
    60
    """
    _bound("lo", lo)
    _bound("hi", hi)
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
    _bound("lo", lo)
    _bound("hi", hi)
    allowed = allowed or _describe("a number", lo, hi, open_lo, open_hi)
    if isinstance(value, (bool, np.bool_)) or not isinstance(value, Real):
        raise _type_error(name, value, "a number", allowed)
    try:
        x = float(value)
    except OverflowError:  # an int too large for a float, e.g. 10**400
        raise ValueError(f"{name}={shown(value)} is too large; allowed: {allowed}") from None
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
    options = _options("allowed", allowed)
    listed = ", ".join(map(str, options))
    if not isinstance(value, str):
        raise _type_error(name, value, "a str", listed)
    if value not in options:
        raise ValueError(f"{name}={shown(value)} is not allowed; allowed: {listed}")
    return value


def check_date(name: str, value: Any, lo: Any = None, hi: Any = None) -> pd.Timestamp:
    """``value`` as a ``pandas.Timestamp`` at midnight (the calendar date; any time of day dropped).

    Accepts a string such as ``"2019-07-31"``, a ``pandas.Timestamp``, a ``datetime.date`` or
    ``datetime.datetime``, or a ``numpy.datetime64``. The course's dates have no time zone, so a
    date with one is refused (``TypeError``), and so is a date outside 1678–2261. ``lo``/``hi`` (anything ``pandas.Timestamp`` reads, inclusive) bound the date;
    ``None`` means no bound.

    >>> check_date("start", "2019-07-31")
    Timestamp('2019-07-31 00:00:00')
    """
    kind = "a date such as '2019-07-31' (str or Timestamp)"
    fmt = "'YYYY-MM-DD' or a Timestamp"
    if isinstance(value, (bool, np.bool_)) or not (
            isinstance(value, (str, pd.Timestamp, np.datetime64)) or hasattr(value, "year")):
        raise _type_error(name, value, kind, fmt)
    try:
        ts = pd.Timestamp(value)
    except (TypeError, ValueError, OverflowError):  # OutOfBoundsDatetime is a ValueError
        ts = pd.NaT
    if pd.isna(ts):
        raise ValueError(f"{name}={shown(value)} is not a date; allowed: {fmt}")
    try:
        ts = ts.as_unit("ns")  # the snapshot's index unit; dates outside 1677-2262 cannot be compared with it
    except (ValueError, OverflowError):
        raise ValueError(f"{name}={shown(value)} is out of range; allowed: a date from 1678 to 2261") from None
    if ts.tz is not None:
        raise _type_error(name, value, "a date without a time zone", "'YYYY-MM-DD' or a Timestamp without tz "
                          "(the snapshot's dates are calendar days)")
    ts = ts.normalize()
    first = None if lo is None else check_date("lo", lo)
    last = None if hi is None else check_date("hi", hi)
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
    _bound("hi", hi)
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


def check_text(name: str, value: Any, *, empty: bool = False) -> str:
    """``value`` if it is a ``str`` (a title, a label); an empty or blank one is refused unless ``empty``.

    >>> check_text("title", "Reserves")
    'Reserves'
    """
    check_flag("empty", empty)
    if not isinstance(value, str):
        raise _type_error(name, value, "a str", "a short text such as 'Reserves'")
    if not empty and not value.strip():
        raise ValueError(f"{name}={shown(value)} is empty; allowed: a short text such as 'Reserves'")
    return value


def _sequence(name: str, value: Any, what: str) -> list:
    """``value`` as a list if it is a list, tuple, set, range, NumPy array or pandas Index/Series.

    A ``str`` is refused: ``assets='abc'`` is one slip, not three assets.
    """
    if isinstance(value, (str, bytes)) or not isinstance(value, (list, tuple, set, frozenset, range, np.ndarray,
                                                                  pd.Index, pd.Series)):
        raise _type_error(name, value, f"a list of {what}", f"a list such as {_example(what)}")
    return list(value)


def _example(what: str) -> str:
    return {"str": "['btc', 'eth']", "int": "[1, 3, 6]", "number": "[0.5, 1.2]"}.get(what, "[...]")


def check_choices(name: str, value: Any, allowed: Iterable[str], *, lo: int = 1, hi: int | None = None,
                  unique: bool = True) -> tuple[str, ...]:
    """``value`` as a tuple of strings, each one of ``allowed``; ``lo``..``hi`` of them (repeats refused).

    >>> check_choices("assets", ["btc", "eth"], ("btc", "eth", "sp500"))
    ('btc', 'eth')
    """
    options = _options("allowed", allowed)
    _count("lo", lo)
    if hi is not None:
        _count("hi", hi)
    listed = ", ".join(map(str, options))
    items = _sequence(name, value, "str")
    count = _describe("a list of", lo, hi).replace("a list of from", "from").replace("a list of ", "")
    if len(items) < lo or (hi is not None and len(items) > hi):
        raise ValueError(f"{name}={shown(value)} has {len(items)} entries; allowed: {count} of {listed}")
    for item in items:
        if not isinstance(item, str):
            raise _type_error(name, value, "a list of str", listed)
        if item not in options:
            raise ValueError(f"{name}={shown(value)} includes {item!r}, which is not allowed; allowed: {listed}")
    if unique and len(set(items)) != len(items):
        raise ValueError(f"{name}={shown(value)} repeats an entry; allowed: each of {listed} at most once")
    return tuple(items)


def check_ints(name: str, value: Any, lo: int | None = None, hi: int | None = None, *, min_len: int = 1,
               max_len: int | None = None, unique: bool = True, allowed: str | None = None) -> tuple[int, ...]:
    """``value`` as a tuple of ints, each ``lo <= n <= hi``; ``min_len``..``max_len`` of them.

    >>> check_ints("horizons", [1, 3, 6], 1, 24)
    (1, 3, 6)
    """
    _bound("lo", lo)
    _bound("hi", hi)
    min_len = _count("min_len", min_len)
    max_len = None if max_len is None else _count("max_len", max_len)
    each = _describe("an int", lo, hi)
    allowed = allowed or f"a list of whole numbers, each {each.replace('an int ', '')}"
    items = _sequence(name, value, "int")
    if len(items) < min_len or (max_len is not None and len(items) > max_len):
        size = f"{min_len} to {max_len}" if max_len is not None else f"at least {min_len}"
        raise ValueError(f"{name}={shown(value)} has {len(items)} entries; allowed: {size} entries, {allowed}")
    out = []
    for item in items:
        if isinstance(item, (bool, np.bool_)) or not isinstance(item, Integral):
            raise _type_error(name, value, "a list of int", allowed)
        n = int(item)
        if (lo is not None and n < lo) or (hi is not None and n > hi):
            raise ValueError(f"{name}={shown(value)} includes {n}, which is out of range; allowed: {allowed}")
        out.append(n)
    if unique and len(set(out)) != len(out):
        raise ValueError(f"{name}={shown(value)} repeats an entry; allowed: {allowed}, each once")
    return tuple(out)


def check_numbers(name: str, value: Any, *, min_len: int = 2, varied: bool = False) -> np.ndarray:
    """``value`` as a 1-D float array of finite numbers (NaN dropped), at least ``min_len`` of them.

    With ``varied=True`` the numbers must not all be equal (a statistic of a constant is no test).

    >>> check_numbers("values", [0.1, 0.2, 0.3]).tolist()
    [0.1, 0.2, 0.3]
    """
    min_len = _count("min_len", min_len)
    check_flag("varied", varied)
    allowed = f"at least {min_len} finite numbers (a list, array or Series)"
    if isinstance(value, pd.DataFrame):
        raise _type_error(name, value, "a list, array or Series of numbers", allowed)
    items = _sequence(name, value, "number")
    try:
        arr = np.asarray(items, dtype=float)
    except (TypeError, ValueError, OverflowError):
        raise TypeError(f"{name} must hold numbers only, got {shown(value)}; allowed: {allowed}") from None
    if arr.ndim != 1 or any(isinstance(v, (bool, np.bool_)) for v in items):
        raise TypeError(f"{name} must be a flat list of numbers, got {shown(value)}; allowed: {allowed}")
    if np.isinf(arr).any():
        raise ValueError(f"{name}={shown(value)} holds an infinite value; allowed: {allowed}")
    arr = arr[~np.isnan(arr)]
    if len(arr) < min_len:
        raise ValueError(f"{name}={shown(value)} has {len(arr)} numbers (NaN left out); allowed: {allowed}")
    if varied and np.ptp(arr) == 0:
        raise ValueError(f"{name}={shown(value)} is constant; allowed: numbers that vary (a constant series "
                         "has no spread to test)")
    return arr


def _index_problem(name: str, index: pd.Index, what: str) -> None:
    if not isinstance(index, pd.DatetimeIndex):
        raise TypeError(f"{name} must be indexed by date, got a {type(index).__name__}; allowed: a {what} "
                        "from helpers.load(...) or the lesson")
    if index.tz is not None:
        raise ValueError(f"{name} has a time-zone-aware index; allowed: calendar dates without a time zone "
                         f"(use {name}.tz_localize(None))")
    if index.hasnans:
        raise ValueError(f"{name} has missing dates (NaT) in its index; allowed: a {what} indexed by real dates")
    if not index.is_unique:
        raise ValueError(f"{name} has repeated dates in its index; allowed: one row per date "
                         f"(use {name}[~{name}.index.duplicated()])")
    if not index.is_monotonic_increasing:
        raise ValueError(f"{name} is not in date order; allowed: a {what} sorted by date (use {name}.sort_index())")


def check_frame(name: str, value: Any, columns: Iterable[str] = (), *, dated: bool = True, min_rows: int = 1,
                numeric: bool = False) -> pd.DataFrame:
    """``value`` if it is a ``DataFrame`` fit for the function that asked: the one frame check of the course.

    * it has every column in ``columns`` (the message lists what is missing and what it has);
    * it has at least ``min_rows`` rows, and each required column holds at least one value;
    * with ``dated=True`` (the default) its index is dates: no time zone, no NaT, unique, sorted;
    * with ``numeric=True`` the required columns hold numbers.

    The frame is returned as given (not copied); callers that change it copy it first.
    """
    cols = tuple(_sequence("columns", columns, "str"))
    if not all(isinstance(c, str) for c in cols):
        raise _type_error("columns", columns, "a list of str", "column names such as ('btc', 'sp500')")
    min_rows = _count("min_rows", min_rows)
    check_flag("dated", dated)
    check_flag("numeric", numeric)
    what = "DataFrame" + (f" with columns {', '.join(cols)}" if cols else "")
    if not isinstance(value, pd.DataFrame):
        raise _type_error(name, value, "a DataFrame", f"a {what}")
    missing = [c for c in cols if c not in value.columns]
    if missing:
        has = ", ".join(map(str, value.columns)) or "no columns"
        raise ValueError(f"{name} is missing column(s) {', '.join(map(str, missing))}; it has: {has}")
    if len(value) < min_rows:
        raise ValueError(f"{name} has {len(value)} row(s); allowed: a {what} with at least {min_rows} row(s)")
    if dated:
        _index_problem(name, value.index, what)
    for c in cols:
        if numeric and not pd.api.types.is_numeric_dtype(value[c]):
            raise TypeError(f"{name}[{c!r}] must hold numbers, got dtype {value[c].dtype}; allowed: a {what}")
        if value[c].isna().all():
            raise ValueError(f"{name}[{c!r}] has no values (all missing); allowed: a {what} with data in it")
    return value


def check_series(name: str, value: Any, *, dated: bool = True, min_len: int = 2) -> pd.Series:
    """``value`` if it is a numeric ``Series`` with at least ``min_len`` values (and, if ``dated``, a
    date index as in :func:`check_frame`)."""
    min_len = _count("min_len", min_len)
    check_flag("dated", dated)
    allowed = f"a Series of numbers{' indexed by date' if dated else ''}, at least {min_len} values"
    if not isinstance(value, pd.Series):
        raise _type_error(name, value, "a Series", allowed)
    if not pd.api.types.is_numeric_dtype(value) or pd.api.types.is_bool_dtype(value):
        raise TypeError(f"{name} must hold numbers, got dtype {value.dtype}; allowed: {allowed}")
    if value.count() < min_len:
        raise ValueError(f"{name} has {int(value.count())} value(s); allowed: {allowed}")
    if dated:
        _index_problem(name, value.index, "Series")
    if np.isinf(value.to_numpy(dtype=float)).any():
        raise ValueError(f"{name} holds an infinite value; allowed: {allowed}")
    return value


def check_chart(name: str, value: Any):
    """``value`` if it is an Altair chart (any top-level chart: single, layered or concatenated)."""
    import altair as alt

    if not isinstance(value, alt.TopLevelMixin):
        raise _type_error(name, value, "an Altair chart", "a chart made by a helpers *_chart function")
    return value
