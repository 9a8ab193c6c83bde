"""Shared test pieces: a disposable copy of the committed data/, a small policy timeline,
and exercise-checking helpers.

Test modules import the plain names they need (``from conftest import REAL_DATA, solve``);
fixtures such as ``data_copy`` are found by pytest without an import.
"""
from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any, Sequence

import pytest

from helpers.exercises import Exercise, Feedback, ____

REPO = Path(__file__).resolve().parent.parent
REAL_DATA = REPO / "data"

# Answers no exercise accepts: wrong types, NaN, and a bool (which is not a number here).
GARBAGE = (None, "abc", [1, 2], float("nan"), True)


@pytest.fixture
def data_copy(tmp_path, monkeypatch) -> Path:
    """A copy of the committed data/ in tmp_path that a test may damage; LIQUIDITY_LAB_DATA points at it."""
    folder = tmp_path / "data"
    shutil.copytree(REAL_DATA, folder)
    monkeypatch.setenv("LIQUIDITY_LAB_DATA", str(folder))
    return folder


def make_timeline(path: Path) -> Path:
    """Write a two-row policy timeline (the Markdown table of policy_timeline.md) to ``path``."""
    # Dates must have a row in helpers/policy_sources.csv (the primary sources).
    path.write_text(
        "| announced | effective | kind | what was decided | source checked |\n"
        "|---|---|---|---|---|\n"
        "| 2008-11-25 | Dec 2008 / Jan 2009 | qe_start | QE1: buy up to $100B agency debt and up to "
        "$500B agency MBS | press release |\n"
        "| 2015-12-16 | — | hike | First hike since 2006: 0–0.25 % → 0.25–0.50 % | FOMC statement |\n",
        encoding="utf-8",
    )
    return path


def solution_answer(exercise: Exercise, **scope: Any) -> Any:
    """Run the exercise's published solution code in ``scope`` (as a learner would) and return its ``answer``."""
    namespace = dict(scope)
    exec(exercise.solution_code, namespace)
    return namespace["answer"]


def solve(exercise: Exercise, **scope: Any) -> Feedback:
    """Check the answer the solution code computes in ``scope``: it must be accepted, with an explanation."""
    fb = exercise.check(solution_answer(exercise, **scope))
    assert fb.correct, (exercise.label, fb.message)
    assert fb.message  # the explanation is shown
    return fb


def assert_blank_and_garbage_rejected(exercise: Exercise, extra_bad: Sequence[Any] = ()) -> None:
    """A blank gives the fixed not-answered line; GARBAGE and ``extra_bad`` are refused with a message."""
    fb = exercise.check(____)
    assert fb.kind == "blank", (exercise.label, fb)
    assert repr(fb) == repr(exercise.check())  # the same line every time
    assert "Not answered yet" in repr(fb)
    assert "replace ____" in fb.message and f"{exercise.ref}.hint()" in fb.message
    for bad in (*GARBAGE, *extra_bad):
        fb = exercise.check(bad)
        assert fb.kind == "incorrect" and fb.message, (exercise.label, bad, fb)


# ---------------------------------------------------------------------------
# `make test OFFLINE=1` (pytest -m "not network"): say what was left out, by name
# ---------------------------------------------------------------------------
_LEFT_OUT: list[str] = []


def pytest_deselected(items):
    _LEFT_OUT.extend(item.nodeid for item in items if item.get_closest_marker("network"))


def pytest_terminal_summary(terminalreporter):
    if _LEFT_OUT:
        terminalreporter.write_line(
            f"left out {len(_LEFT_OUT)} test(s) that need the network (marked `network`): "
            + ", ".join(_LEFT_OUT))
