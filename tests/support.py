"""Plain helpers the test modules import (``from support import REAL_DATA, solve``): paths, a small
policy timeline, and exercise-checking helpers. Fixtures and pytest hooks live in ``conftest.py``.
"""
from __future__ import annotations

from pathlib import Path
from typing import Any, Sequence

import numpy as np
import pandas as pd

from helpers.exercises import Exercise, Feedback, ____

__all__ = ["REPO", "REAL_DATA", "GARBAGE", "Weird", "make_timeline", "solution_answer", "solve",
           "assert_blank_and_garbage_rejected"]

REPO = Path(__file__).resolve().parent.parent
REAL_DATA = REPO / "data"


class Weird:
    """An answer that breaks anything looking inside it: ``float()`` raises."""

    def __float__(self):
        raise RuntimeError("boom")

    def __repr__(self) -> str:
        return "<weird>"


# Answers no exercise accepts: no value, text, containers, NaN, ±inf, huge ints, a bool, a frame, a
# Series, an object whose __float__ raises.
GARBAGE = (None, "abc", [1], [1, 2], float("nan"), np.float64("nan"), float("inf"), float("-inf"),
           10**400, -(10**400), True, pd.DataFrame({"answer": [1.0]}), pd.Series([1.0]), {}, Weird())


def make_timeline(path: Path) -> Path:
    """Write a two-row policy timeline (the Markdown table of policy_timeline.md) to ``path``."""
    # Dates must have a row in build_inputs/policy_sources.csv (the primary sources).
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
        assert "could not check" not in fb.message, (exercise.label, bad, fb)  # the checker handled it
