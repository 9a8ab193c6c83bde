"""The exercise objects: the blank ``____``, :class:`Feedback`, :class:`Exercise` (declared with
keywords, numbered by :func:`bind`), and the multiple-choice :class:`Choice` / :class:`Quiz`.

Every text these objects show goes through :func:`helpers.i18n.text` when it is shown (a check, a
hint, a solution, a quiz), never when a lesson module is imported: prompts, hints, explanations,
slip messages, quiz titles, questions, options and explanations are written in the lesson modules
as ``N_("...")`` (fixed text) or ``Lazy("... {x} ...", x=...)`` (text with values), and appear in the
language of ``helpers.setup(lang=...)``. Solution code is never translated."""
from __future__ import annotations

import html
from dataclasses import dataclass, field
from typing import Any, Callable, Sequence

from helpers.charts import NO_MATHS
from helpers.i18n import N_, Lazy, text
from helpers.i18n import gettext as _
from helpers.validate import shown


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
    "correct": ("#e8f5e9", "#1b5e20", N_("Correct")),
    "incorrect": ("#fdecea", "#8a1c1c", N_("Not yet")),
    "blank": ("#f3f3f3", "#444444", N_("Not answered yet")),
    "hint": ("#fff8e1", "#6d4c00", N_("Hint")),
    "solution": ("#e3f2fd", "#0d3c61", N_("Solution")),
}


def _label(value: Any) -> str:
    """An exercise's or question's label as shown now ("Exercise 3" or its translation)."""
    return text(value) if value else _("Exercise")


@dataclass(frozen=True)
class Feedback:
    """A message shown after a check, hint or solution (HTML in Jupyter, text elsewhere).

    ``label`` and ``message`` are the texts as shown (already in the reader's language); the word for
    ``kind`` ("Correct", "Hint", ...) is looked up when the feedback is drawn."""

    kind: str
    label: str
    message: str
    code: str = ""

    @property
    def correct(self) -> bool:
        return self.kind == "correct"

    def _head(self) -> tuple[str, str]:
        """("Exercise 3 — Hint:", " ") in the reader's language: the bold head and what separates it from
        the message (nothing after a full-width colon)."""
        head = _("{label} — {word}:").format(label=self.label, word=text(_STYLES[self.kind][2]))
        return head, (" " if head[-1:].isascii() else "")

    def __repr__(self) -> str:
        head, sep = self._head()
        return f"{head}{sep}{self.message}" + (f"\n{self.code}" if self.code else "")

    def _repr_html_(self) -> str:
        bg, fg, _word = _STYLES[self.kind]
        head, sep = self._head()
        code = (f"<pre style='margin:6px 0 0 0'>{html.escape(self.code)}</pre>" if self.code else "")
        return (
            f"<div class='{NO_MATHS}' "  # "$" here is money, not maths
            f"style='background:{bg};color:{fg};padding:8px 12px;border-radius:4px;"
            f"border-left:4px solid {fg}'><b>{html.escape(head)}</b>{sep}"
            f"{html.escape(self.message)}{code}</div>"
        )


Checker = Callable[[Any], "tuple[bool, str]"]


@dataclass(kw_only=True)
class Exercise:
    """One exercise: ``check(answer)``, ``hint()`` and ``solution()``.

    Declared with keywords; :func:`bind` numbers it (``label`` "Exercise 3", ``ref`` "ex.q3")::

        Exercise(prompt="...", checker=number(lambda: ..., slips=[...]), hint_text="...",
                 solution_code="answer = ...", explain=lambda: f"... {computed} ...")

    ``checker(answer)`` returns ``(ok, message)`` (see :mod:`helpers.exercises._checkers`);
    ``explain`` is shown when the answer is right, so the learner sees why (it may be computed).
    ``check`` never raises, whatever the answer.

    ``prompt``, ``hint_text`` and ``explain`` are English (marked ``N_`` or made with ``Lazy``; ``explain``
    may be a function returning one); they are translated each time they are shown.
    """

    prompt: str
    checker: Checker
    hint_text: str
    solution_code: str
    explain: str | Callable[[], str] = ""
    label: str = ""  # set by bind(): "Exercise 3"
    ref: str = ""    # set by bind(): how the lesson refers to it, "ex.q3"

    def __post_init__(self):
        if not callable(self.checker):
            raise TypeError(f"checker must be a function answer -> (ok, message), got {type(self.checker).__name__}")
        if self.label and not self.ref:
            digits = "".join(ch for ch in self.label if ch.isdigit())
            self.ref = f"ex.q{digits}" if digits else "ex"

    def check(self, answer: Any = ____) -> Feedback:
        label = _label(self.label)
        if answer is ____:
            return Feedback("blank", label, _("replace ____ with your answer, then run the cell "
                                                "again (stuck? {ref}.hint())").format(ref=self.ref or "ex"))
        try:
            ok, message = self.checker(answer)
        except Exception as exc:  # noqa: BLE001 - a check must never end in a traceback
            return Feedback("incorrect", label, _("could not check that answer ({error_type}: {error})").format(
                error_type=type(exc).__name__, error=exc))
        try:
            ok = bool(ok)
        except Exception:  # noqa: BLE001 - e.g. a whole array given back as "ok"
            ok = False
        if ok:
            try:
                explain = self.explain() if callable(self.explain) and not isinstance(self.explain, Lazy) \
                    else self.explain
                explain = text(explain) if explain else ""
            except Exception:  # noqa: BLE001 - the answer is right even if the explanation fails
                explain = ""
            return Feedback("correct", label, explain or _("well done."))
        try:
            message = text(message) if message else ""
        except Exception:  # noqa: BLE001 - an odd message from a hand-written checker
            message = str(message)
        return Feedback("incorrect", label, message or _("not quite; try the hint."))

    def expected(self) -> Any:
        """The answer the checker currently expects, computed from the snapshot (for instructors and tests)."""
        compute = getattr(self.checker, "expected", None)
        if compute is None:
            raise TypeError(f"{self.label or 'this exercise'}'s checker does not say what it expects")
        return compute()

    def hint(self) -> Feedback:
        return Feedback("hint", _label(self.label), text(self.hint_text))

    def solution(self) -> Feedback:
        return Feedback("solution", _label(self.label), _("one way to do it:"), self.solution_code)


def bind(namespace: dict, exercises: Sequence[Exercise]) -> tuple[Exercise, ...]:
    """Number a lesson's exercises 1..N, in order: each gets its label ("Exercise 3") and ref ("ex.q3"),
    and ``namespace`` (the lesson module's ``globals()``) gets ``q1`` .. ``qN``. Returns them as a tuple::

        EXERCISES = bind(globals(), [Exercise(...), Exercise(...), Exercise(...)])
    """
    if not isinstance(namespace, dict):
        raise TypeError(f"namespace must be a dict (the lesson module's globals()), got {type(namespace).__name__}")
    if isinstance(exercises, (str, bytes)) or not isinstance(exercises, (list, tuple)):
        raise TypeError(f"exercises must be a list of Exercise, got {type(exercises).__name__} ({shown(exercises)})")
    if not exercises:
        raise ValueError("exercises=[] is empty; allowed: a list of 1 to 9 Exercise")
    if len(exercises) > 9:
        raise ValueError(f"exercises has {len(exercises)} entries; allowed: a list of 1 to 9 Exercise")
    for i, ex in enumerate(exercises):
        if not isinstance(ex, Exercise):
            raise TypeError(f"exercises[{i}] must be an Exercise, got {type(ex).__name__}; every entry of "
                            "exercises must be an Exercise")
    for n, ex in enumerate(exercises, start=1):
        ex.label, ex.ref = Lazy("Exercise {n}", n=n), f"ex.q{n}"
        namespace[f"q{n}"] = ex
    return tuple(exercises)


@dataclass(frozen=True)
class Choice:
    """A multiple-choice question: ``options`` in order a, b, c, ...; ``why`` for each option
    (English, marked ``N_``; translated when shown)."""

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
    """"Check yourself": multiple-choice questions with immediate feedback (texts translated when shown)."""

    title: str
    questions: list[Choice] = field(default_factory=list)

    def _letter(self, i: int) -> str:
        return "abcdefgh"[i]

    def text(self) -> str:
        lines = [text(self.title)]
        for n, q in enumerate(self.questions, start=1):
            lines.append(f"{n}. {text(q.question)}")
            lines += [f"   ({self._letter(i)}) {text(opt)}" for i, opt in enumerate(q.options)]
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
        return Feedback(kind, _("Question {number}").format(number=number), text(q.why[i]))

    def show(self):
        """Clickable buttons with immediate feedback (needs a running kernel)."""
        import ipywidgets as widgets  # lazily: `import helpers` stays light without a kernel

        # The HTML widget typesets "$ ... $" as maths; in a question "$" is money.
        boxes = [widgets.HTML(f"<h4 class='{NO_MATHS}' style='margin:4px 0'>{html.escape(text(self.title))}</h4>")]
        for n, q in enumerate(self.questions, start=1):
            out = widgets.HTML(value="")
            buttons = []
            for i, opt in enumerate(q.options):
                b = widgets.Button(description=f"({self._letter(i)}) {text(opt)}",
                                   layout=widgets.Layout(width="auto", max_width="100%"))
                b.on_click(self._make_handler(n, i, out))
                buttons.append(b)
            boxes.append(widgets.VBox(
                [widgets.HTML(f"<b class='{NO_MATHS}'>{n}. {html.escape(text(q.question))}</b>"), *buttons, out],
                layout=widgets.Layout(margin="0 0 10px 0"),
            ))
        return widgets.VBox(boxes)

    def _make_handler(self, number: int, index: int, out):
        def handler(_button):
            out.value = self.answer(number, self._letter(index))._repr_html_()

        return handler
