"""Exercises with immediate feedback, and "check yourself" quizzes.

Every exercise has three verbs (as in Kaggle Learn)::

    from helpers.exercises import lesson00 as ex, ____
    answer = ____          # replace ____ with your answer
    ex.q1.check(answer)    # feedback
    ex.q1.hint()
    ex.q1.solution()

An unanswered exercise (still ``____``) prints a fixed "not answered yet" line, so a notebook
that is run top to bottom without answers gives the same output every time.

Quizzes are multiple-choice questions: ``quiz.show()`` draws clickable buttons (needs a kernel);
``quiz.answer(1, "b")`` checks one answer in plain code; ``quiz.text()`` lists the questions.

Each lesson's content lives in ``helpers/exercises/lessonNN.py`` and is loaded with
:func:`for_lesson`.
"""
from __future__ import annotations

import html
import math
from numbers import Real
from dataclasses import dataclass, field
from importlib import import_module
from typing import Any, Callable, Sequence

from helpers.charts import NO_MATHS

__all__ = [
    "____",
    "Blank",
    "Feedback",
    "Exercise",
    "Choice",
    "Quiz",
    "for_lesson",
    "close_to",
    "is_number",
    "LESSONS",
]

LESSONS = ("00", "01", "02", "03", "04", "05", "06", "07")


class Blank:
    """The placeholder a learner replaces with an answer."""

    _instance = None

    def __new__(cls):
        if cls._instance is None:
            cls._instance = super().__new__(cls)
        return cls._instance

    def __repr__(self) -> str:
        return "____"


____ = Blank()

_STYLES = {
    "correct": ("#e8f5e9", "#1b5e20", "Correct"),
    "incorrect": ("#fdecea", "#8a1c1c", "Not yet"),
    "blank": ("#f3f3f3", "#444444", "Not answered yet"),
    "hint": ("#fff8e1", "#6d4c00", "Hint"),
    "solution": ("#e3f2fd", "#0d3c61", "Solution"),
}


@dataclass(frozen=True)
class Feedback:
    """A message shown after a check, hint or solution (HTML in Jupyter, text elsewhere)."""

    kind: str
    label: str
    message: str
    code: str = ""

    @property
    def correct(self) -> bool:
        return self.kind == "correct"

    def __repr__(self) -> str:
        head = f"{self.label} — {_STYLES[self.kind][2]}: {self.message}"
        return head + (f"\n{self.code}" if self.code else "")

    def _repr_html_(self) -> str:
        bg, fg, word = _STYLES[self.kind]
        code = (f"<pre style='margin:6px 0 0 0'>{html.escape(self.code)}</pre>" if self.code else "")
        return (
            f"<div class='{NO_MATHS}' "  # "$" here is money, not maths
            f"style='background:{bg};color:{fg};padding:8px 12px;border-radius:4px;"
            f"border-left:4px solid {fg}'><b>{html.escape(self.label)} — {word}:</b> "
            f"{html.escape(self.message)}{code}</div>"
        )


def is_number(answer: Any) -> bool:
    """True for a real number that is not NaN: Python or NumPy ints and floats (what pandas returns),
    but not True/False."""
    return isinstance(answer, Real) and not isinstance(answer, bool) and not math.isnan(float(answer))


def close_to(expected: float, rel: float = 0.01, abs_tol: float = 0.0) -> Callable[[Any], tuple[bool, str]]:
    """A checker that accepts a number within ``rel`` (fraction) or ``abs_tol`` of ``expected``."""

    def checker(answer: Any) -> tuple[bool, str]:
        if isinstance(answer, bool) or not isinstance(answer, Real):
            return False, f"expected a number, got {type(answer).__name__}"
        if math.isnan(float(answer)):
            return False, "the answer is NaN (not a number): check for missing values"
        ok = math.isclose(float(answer), expected, rel_tol=rel, abs_tol=abs_tol)
        return ok, "" if ok else "that is not the value the data gives"

    return checker


@dataclass
class Exercise:
    """One exercise: ``check(answer)``, ``hint()`` and ``solution()``.

    ``checker(answer)`` returns ``(ok, message)``; ``explain`` is shown when the answer is right,
    so the learner sees why (it may include computed evidence).
    """

    label: str
    prompt: str
    checker: Callable[[Any], tuple[bool, str]]
    hint_text: str
    solution_code: str
    explain: str | Callable[[], str] = ""
    ref: str = ""  # how the lesson refers to it, e.g. "ex.q1" (default: from the label's number)

    def __post_init__(self):
        if not self.ref:
            digits = "".join(ch for ch in self.label if ch.isdigit())
            self.ref = f"ex.q{digits}" if digits else "ex"

    def check(self, answer: Any = ____) -> Feedback:
        if answer is ____:
            return Feedback("blank", self.label,
                            f"replace ____ with your answer, then run the cell again (stuck? {self.ref}.hint())")
        try:
            ok, message = self.checker(answer)
        except (TypeError, ValueError, KeyError, AttributeError) as exc:
            return Feedback("incorrect", self.label, f"could not check that answer ({exc})")
        if ok:
            explain = self.explain() if callable(self.explain) else self.explain
            return Feedback("correct", self.label, explain or "well done.")
        return Feedback("incorrect", self.label, message or "not quite; try the hint.")

    def hint(self) -> Feedback:
        return Feedback("hint", self.label, self.hint_text)

    def solution(self) -> Feedback:
        return Feedback("solution", self.label, "one way to do it:", self.solution_code)


@dataclass(frozen=True)
class Choice:
    """A multiple-choice question: ``options`` in order a, b, c, ...; ``why`` for each option."""

    question: str
    options: Sequence[str]
    correct: int
    why: Sequence[str]

    def __post_init__(self):
        if len(self.options) < 2:
            raise ValueError("options must have at least two entries")
        if len(self.why) != len(self.options):
            raise ValueError("why must give one explanation per option")
        if not 0 <= self.correct < len(self.options):
            raise ValueError(f"correct must be an index into options (0..{len(self.options) - 1})")


@dataclass
class Quiz:
    """"Check yourself": multiple-choice questions with immediate feedback."""

    title: str
    questions: list[Choice] = field(default_factory=list)

    def _letter(self, i: int) -> str:
        return "abcdefgh"[i]

    def text(self) -> str:
        lines = [self.title]
        for n, q in enumerate(self.questions, start=1):
            lines.append(f"{n}. {q.question}")
            lines += [f"   ({self._letter(i)}) {opt}" for i, opt in enumerate(q.options)]
        return "\n".join(lines)

    def answer(self, number: int, letter: str) -> Feedback:
        """Check one answer, e.g. ``quiz.answer(2, "c")``."""
        if isinstance(number, bool) or not isinstance(number, int):
            raise TypeError(f"number must be an int question number, got {type(number).__name__}")
        if not 1 <= number <= len(self.questions):
            raise ValueError(f"number={number} is not a question; allowed: 1..{len(self.questions)}")
        if not isinstance(letter, str):
            raise TypeError(f"letter must be a str such as 'a', got {type(letter).__name__}")
        q = self.questions[number - 1]
        allowed = [self._letter(i) for i in range(len(q.options))]
        letter = letter.strip().lower().strip("()")
        if letter not in allowed:
            raise ValueError(f"letter={letter!r} is not an option; allowed: {', '.join(allowed)}")
        i = allowed.index(letter)
        kind = "correct" if i == q.correct else "incorrect"
        return Feedback(kind, f"Question {number}", q.why[i])

    def show(self):
        """Clickable buttons with immediate feedback (needs a running kernel)."""
        import ipywidgets as widgets

        # The HTML widget typesets "$ ... $" as maths; in a question "$" is money.
        boxes = [widgets.HTML(f"<h4 class='{NO_MATHS}' style='margin:4px 0'>{html.escape(self.title)}</h4>")]
        for n, q in enumerate(self.questions, start=1):
            out = widgets.HTML(value="")
            buttons = []
            for i, opt in enumerate(q.options):
                b = widgets.Button(description=f"({self._letter(i)}) {opt}",
                                   layout=widgets.Layout(width="auto", max_width="100%"))
                b.on_click(self._make_handler(n, i, out))
                buttons.append(b)
            boxes.append(widgets.VBox(
                [widgets.HTML(f"<b class='{NO_MATHS}'>{n}. {html.escape(q.question)}</b>"), *buttons, out],
                layout=widgets.Layout(margin="0 0 10px 0"),
            ))
        return widgets.VBox(boxes)

    def _make_handler(self, number: int, index: int, out):
        def handler(_button):
            out.value = self.answer(number, self._letter(index))._repr_html_()

        return handler


def for_lesson(number: str):
    """The exercises module of one lesson, e.g. ``for_lesson("00")``."""
    if not isinstance(number, str):
        raise TypeError(f"number must be a str such as '01', got {type(number).__name__}")
    if number not in LESSONS:
        raise ValueError(f"number={number!r} is not a lesson; allowed: {', '.join(LESSONS)}")
    return import_module(f"helpers.exercises.lesson{number}")


def all_solutions() -> str:
    """Every exercise's solution of every lesson that has exercises, as Markdown (for instructors)."""
    parts = ["# Liquidity Lab — exercise solutions", "",
             "Generated by `python -m helpers.exercises` from `helpers/exercises/lessonNN.py`; "
             "do not edit by hand. In a lesson, `ex.q1.solution()` shows the same code.", ""]
    for number in LESSONS:
        try:
            mod = for_lesson(number)
        except ModuleNotFoundError:
            continue
        parts += [f"## Lesson {number}", ""]
        for name in sorted((n for n in dir(mod) if n.startswith("q") and n[1:].isdigit()), key=lambda n: int(n[1:])):
            ex = getattr(mod, name)
            if isinstance(ex, Exercise):
                parts += [f"### {ex.label}", "", ex.prompt, "", "```python", ex.solution_code, "```",
                          "", f"*Hint:* {ex.hint_text}", ""]
        quiz = getattr(mod, "quiz", None)
        if isinstance(quiz, Quiz):
            parts += ["### Check yourself — answers", ""]
            for n, q in enumerate(quiz.questions, start=1):
                parts.append(f"{n}. {q.question} **({quiz._letter(q.correct)}) {q.options[q.correct]}** — "
                             f"{q.why[q.correct]}")
            parts.append("")
    return "\n".join(parts)
