"""No exercise can be answered by copying a number printed above it.

For each exercise check cell (``ex.qN.check(...)``) in a lesson, every number in the text of the
outputs above it (printed text, tables, chart titles) is offered to the exercise's checker; none may
be accepted. An exercise must ask for a step the lesson taught — a changed window, date, asset or
pivot set, two outputs combined, a prediction then checked — not for a number on the screen.
"""
from __future__ import annotations

import html
import json
import re
from functools import lru_cache
from pathlib import Path

import pytest

from helpers.exercises import for_lesson

ROOT = Path(__file__).resolve().parent.parent
NOTEBOOKS = sorted((ROOT / "lessons").glob("[0-9][0-9]_*.ipynb"))
CHECK = re.compile(r"\bex\.q(\d+)\.check\(")
NUMBER = re.compile(r"(?<![\w.])[-+−]?\d[\d,]*(?:\.\d+)?(?![\d])")


def _output_text(out: dict) -> str:
    parts = []
    if "text" in out:
        parts.append("".join(out["text"]) if isinstance(out["text"], list) else out["text"])
    for mime, value in out.get("data", {}).items():
        if mime.startswith("text/"):
            text = "".join(value) if isinstance(value, list) else value
            if mime == "text/html":
                text = html.unescape(re.sub(r"<style.*?</style>|<[^>]+>", " ", text, flags=re.S))
            parts.append(text)
    return "\n".join(parts)


def printed_numbers(text: str) -> set[float]:
    found = set()
    for m in NUMBER.finditer(text):
        token = m.group(0).replace(",", "").replace("−", "-")
        try:
            found.add(float(token))
        except ValueError:
            continue
    return found


@lru_cache(maxsize=None)
def _cases(path: Path) -> tuple[tuple[str, int, frozenset], ...]:
    """(lesson number, exercise number, numbers printed above its check cell) for each exercise."""
    nb = json.loads(path.read_text(encoding="utf-8"))
    seen: set[float] = set()
    cases = []
    for cell in nb["cells"]:
        if cell["cell_type"] != "code":
            continue
        for q in CHECK.findall("".join(cell["source"])):
            cases.append((path.name[:2], int(q), frozenset(seen)))
        for out in cell.get("outputs", []):
            seen |= printed_numbers(_output_text(out))
    return tuple(cases)


CASES = [case for path in NOTEBOOKS for case in _cases(path)]


def test_every_lesson_has_exercises_to_check():
    assert {c[0] for c in CASES} == {p.name[:2] for p in NOTEBOOKS}


@pytest.mark.parametrize("lesson, number, numbers", CASES, ids=[f"{c[0]}-q{c[1]}" for c in CASES])
def test_no_printed_number_answers_the_exercise(lesson, number, numbers):
    exercise = getattr(for_lesson(lesson), f"q{number}")
    copied = sorted(x for x in numbers if exercise.check(int(x) if x.is_integer() else x).correct)
    assert not copied, (f"lesson {lesson} exercise {number} accepts {copied[:5]}, printed above it: "
                        "ask for a step the lesson taught, not a number on the screen")


def test_the_scan_reads_tables_titles_and_text():
    out = {"output_type": "execute_result", "data": {
        "text/html": "<table><tr><td>1,234.5</td><td>−0.25</td></tr></table>",
        "text/plain": "<Chart: Bitcoin -24%, S&P 500 +11% in 2025>"}}
    assert printed_numbers(_output_text(out)) >= {1234.5, -0.25, -24.0, 11.0, 500.0, 2025.0}
