"""The public face of ``helpers``: every public function, driven with odd values a learner might type.

For each public function (found through the ``__all__`` of every ``helpers`` module, so a new one is
covered without editing this file) the test starts from a valid call (``tests/face/<topic>.py``) and
replaces one argument with an odd value: ``None``, a wrong type, NaN, ±inf, a huge int, a time-zone
date, a date outside what pandas holds, an empty / one-row / unsorted / duplicate-index / all-NaN
version of a frame, a string where a list is expected. The call must then either

* raise ``ValueError`` or ``TypeError`` whose message names a real parameter of that function, or
* return a sane result: no NaN or infinite number, no empty frame, no chart without data, and no
  "nan" in any text it returns or prints.

Hypothesis draws the (parameter, odd value) pairs; ``derandomize=True`` makes the draw the same on
every machine and every run.
"""
from __future__ import annotations

import contextlib
import importlib
import inspect
import io
import math
import pkgutil
import re
import warnings

import numpy as np
import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import helpers
from face import Tables

# Modules that are not a public face a learner calls (entry points and the test's own tools).
NOT_FACES = {"helpers.exercises.__main__", "helpers.data.__main__"}
ALLOWED = (ValueError, TypeError)
_NAN_WORD = re.compile(r"(?<![A-Za-z])(nan|NaN|inf)(?![A-Za-z])")


def _modules():
    names = []  # the package root only re-exports helpers.data and helpers.charts names
    for info in pkgutil.walk_packages(helpers.__path__, "helpers."):
        parts = info.name.split(".")
        if any(p.startswith("_") for p in parts[1:]) or info.name in NOT_FACES:
            continue
        if re.fullmatch(r"helpers\.exercises\.lesson\d\d", info.name):
            continue  # exercises are driven by test_every_check_returns_feedback
        names.append(info.name)
    return names


def _public_functions():
    seen, out = set(), []
    for modname in _modules():
        mod = importlib.import_module(modname)
        for name in getattr(mod, "__all__", ()):
            obj = getattr(mod, name, None)
            if not inspect.isfunction(obj) or id(obj) in seen:
                continue
            seen.add(id(obj))
            out.append((modname, name, obj))
    return out


FUNCTIONS = _public_functions()
IDS = [f"{m}.{n}" for m, n, _ in FUNCTIONS]


def _topic_file(modname: str):
    topic = modname.split(".")[1] if "." in modname else "helpers"
    try:
        return importlib.import_module(f"face.{topic}")
    except ModuleNotFoundError:
        return None


def _echoes(modname: str, name: str) -> bool:
    """Functions that show the value they were given (``ECHO`` in the topic file): "nan" in their text is the input."""
    topic = _topic_file(modname)
    return name in getattr(topic, "ECHO", ()) if topic else False


def _example(modname: str, name: str, fn):
    """(kwargs of a valid call, or None if there is no example, skip reason or None)."""
    topic = _topic_file(modname)
    examples = getattr(topic, "EXAMPLES", {}) if topic else {}
    skip = getattr(topic, "SKIP", {}) if topic else {}
    if name in skip:
        return None, skip[name]
    if name in examples:
        return examples[name], None
    params = inspect.signature(fn).parameters.values()
    if all(p.default is not p.empty or p.kind in (p.VAR_POSITIONAL, p.VAR_KEYWORD) for p in params):
        return (lambda t: {}), None
    return None, None


@pytest.fixture(scope="module")
def tables():
    return Tables()


@pytest.mark.parametrize("modname,name,fn", FUNCTIONS, ids=IDS)
def test_every_public_function_has_an_example(modname, name, fn):
    example, skip = _example(modname, name, fn)
    if skip is not None:
        assert len(skip.split()) >= 4, f"{modname}.{name}: say why it is skipped in a sentence"
        return
    assert example is not None, (f"{modname}.{name} has required parameters and no valid example call: add "
                                 f"one to tests/face/{modname.split('.')[1] if '.' in modname else 'helpers'}.py")


def test_skips_name_real_functions():
    names = {(m.split(".")[1] if "." in m else "helpers", n) for m, n, _ in FUNCTIONS}
    import face

    for info in pkgutil.iter_modules(face.__path__):
        topic = importlib.import_module(f"face.{info.name}")
        for name in (*getattr(topic, "EXAMPLES", {}), *getattr(topic, "SKIP", {})):
            assert (info.name, name) in names, f"tests/face/{info.name}.py names {name!r}, which is not public"


# --- Odd values ---------------------------------------------------------------------------------------
class _Weird:
    """An object that breaks anything that looks inside it."""

    def __float__(self):
        raise RuntimeError("boom")

    def __repr__(self):
        return "<weird>"


SCALARS = (
    None, True, "abc", "", 0, -1, 10**400, -(10**400), 0.5, float("nan"), float("inf"), float("-inf"),
    [], [None], "btc", ("a", "b"), {}, _Weird(), np.int64(7), np.float64("nan"),
    pd.Timestamp("2020-03-16", tz="UTC"), "1677-01-01", "2999-12-31", "2020-02-30", pd.NaT,
)


def _frame_variants(df: pd.DataFrame) -> list:
    out = [df.iloc[:0], df.iloc[:1], df.iloc[::-1], pd.concat([df.iloc[:2], df.iloc[:1]]),
           df.iloc[:, :0], df.iloc[:, :1], df.astype(float, errors="ignore") * np.nan if _numeric(df) else df.iloc[:0],
           df.to_numpy().tolist()[:3], df.iloc[:, 0] if df.shape[1] else None]
    if isinstance(df.index, pd.DatetimeIndex) and len(df):
        tz = df.copy()
        tz.index = tz.index.tz_localize("UTC")
        out.append(tz)
    return out


def _numeric(df: pd.DataFrame) -> bool:
    return df.shape[1] > 0 and all(pd.api.types.is_numeric_dtype(t) for t in df.dtypes)


def _series_variants(s: pd.Series) -> list:
    out = [s.iloc[:0], s.iloc[:1], s.iloc[::-1], pd.concat([s.iloc[:2], s.iloc[:1]]), s * np.nan
           if pd.api.types.is_numeric_dtype(s) else s.iloc[:0], s.to_frame(), s.tolist()[:3]]
    if pd.api.types.is_numeric_dtype(s) and len(s) > 2:
        out.append(s * 0 + 1.0)  # constant
        inf = s.astype(float).copy()
        inf.iloc[1] = np.inf
        out.append(inf)
    return out


def _odd_values(valid) -> list:
    if isinstance(valid, pd.DataFrame):
        return [*_frame_variants(valid), *SCALARS[:4]]
    if isinstance(valid, pd.Series):
        return [*_series_variants(valid), *SCALARS[:4]]
    return list(SCALARS)


# --- What a sane result is ----------------------------------------------------------------------------
def _insane(result, printed: str, echo: bool = False) -> str | None:
    """Why ``result`` (and what the call printed) is not sane, or None."""
    if echo:
        return None if not isinstance(result, float) or math.isfinite(result) else f"returned {result!r}"
    if _NAN_WORD.search(printed or ""):
        return f"printed NaN/inf: {printed[:200]!r}"
    return _insane_value(result, depth=0)


def _insane_value(value, depth: int) -> str | None:
    if depth > 3:
        return None
    if isinstance(value, (bool, np.bool_)) or value is None:
        return None
    if isinstance(value, (int, float, np.number)):
        return None if math.isfinite(float(value)) else f"returned {value!r}"
    if isinstance(value, str):
        return f"text with NaN/inf: {value[:200]!r}" if _NAN_WORD.search(value) else None
    if isinstance(value, pd.DataFrame):
        if value.empty:
            return "returned an empty DataFrame"
        num = value.select_dtypes("number")
        if num.shape[1] and num.isna().all().all():
            return "returned a DataFrame with no numbers (all NaN)"
        return None
    if isinstance(value, pd.Series):
        if value.empty:
            return "returned an empty Series"
        if pd.api.types.is_numeric_dtype(value) and value.isna().all():
            return "returned an all-NaN Series"
        return None
    if isinstance(value, np.ndarray):
        if value.size == 0:
            return "returned an empty array"
        return None
    if hasattr(value, "to_dict") and type(value).__module__.startswith("altair"):
        return _empty_chart(value)
    if isinstance(value, dict):
        for v in value.values():
            why = _insane_value(v, depth + 1)
            if why:
                return why
        return None
    if isinstance(value, (list, tuple)):
        for v in value[:50]:
            why = _insane_value(v, depth + 1)
            if why:
                return why
    return None


def _empty_chart(chart) -> str | None:
    spec = chart.to_dict(validate=False)
    sizes = []

    def walk(node):
        if isinstance(node, dict):
            data = node.get("data")
            if isinstance(data, dict) and "values" in data:
                v = data["values"]
                sizes.append(len(v) if isinstance(v, list) else max(0, str(v).count("\n")))
            for x in node.values():
                walk(x)
        elif isinstance(node, list):
            for x in node:
                walk(x)

    walk(spec)
    sizes += [len(v) for v in spec.get("datasets", {}).values()]
    if sizes and max(sizes) == 0:
        return "returned a chart with no data"
    return None


def _call(fn, kwargs):
    out = io.StringIO()
    with contextlib.redirect_stdout(out), warnings.catch_warnings():
        warnings.simplefilter("ignore")
        result = fn(**kwargs)
    return result, out.getvalue()


def _param_names(fn) -> set[str]:
    return {p.name for p in inspect.signature(fn).parameters.values()}


# --- The sweep ----------------------------------------------------------------------------------------
@pytest.mark.parametrize("modname,name,fn", FUNCTIONS, ids=IDS)
def test_valid_example_gives_a_sane_result(modname, name, fn, tables):
    example, skip = _example(modname, name, fn)
    if example is None:
        return  # a reasoned SKIP or a missing example: test_every_public_function_has_an_example judges both
    result, printed = _call(fn, example(tables))
    why = _insane(result, printed)
    assert why is None, f"{modname}.{name}(valid example) {why}"


@pytest.mark.parametrize("modname,name,fn", FUNCTIONS, ids=IDS)
@settings(max_examples=12, deadline=None, derandomize=True, database=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(data=st.data())
def test_odd_values_give_clear_errors_or_sane_results(modname, name, fn, tables, data):
    example, skip = _example(modname, name, fn)
    if example is None:
        return  # reported by the two tests above
    kwargs = example(tables)
    params = [p for p in inspect.signature(fn).parameters.values()
              if p.kind not in (p.VAR_POSITIONAL, p.VAR_KEYWORD)]
    if not params:
        return
    param = data.draw(st.sampled_from(params), label="parameter")
    valid = kwargs.get(param.name, None if param.default is param.empty else param.default)
    odd = data.draw(st.sampled_from(_odd_values(valid)), label=f"{param.name}=")
    kwargs[param.name] = odd
    try:
        result, printed = _call(fn, kwargs)
    except ALLOWED as exc:
        message = str(exc)
        named = [p for p in _param_names(fn) if re.search(rf"(?<![A-Za-z0-9_]){re.escape(p)}(?![A-Za-z0-9_])", message)]
        assert named, f"{modname}.{name}({param.name}={odd!r:.60}) raised {type(exc).__name__} naming no parameter: {message}"
        return
    except Exception as exc:  # noqa: BLE001 - the point of the test
        raise AssertionError(f"{modname}.{name}({param.name}={odd!r:.60}) raised {type(exc).__name__}: {exc}") from exc
    why = _insane(result, printed, _echoes(modname, name))
    assert why is None, f"{modname}.{name}({param.name}={odd!r:.60}) {why}"
