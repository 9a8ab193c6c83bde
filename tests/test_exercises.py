"""Exercises: the framework (Exercise, bind, the checkers and their slip tables, the quiz), then every
exercise of every lesson, enumerated through ``for_lesson`` and the bound ``q1..qN`` (a new exercise
is covered without editing this file): its solution runs in the lesson's ``SETUP`` scope and is
accepted with an explanation; a blank gives the fixed neutral line (the one stored in the notebook);
odd answers get "not yet" feedback, never an exception. Lesson-specific slips and expected values are
tested in ``test_exercises_lessonNN.py``.
"""
from __future__ import annotations

import ast
import json
import math
import re
from functools import lru_cache

import numpy as np
import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from helpers import exercises
from helpers.exercises import (
    Choice, Exercise, Feedback, Quiz, Slip, ____, bind, calendar_day, close_to, for_lesson, integer, is_number,
    number, scope,
)
from helpers.exercises._checkers import as_number
from support import GARBAGE, REPO, assert_blank_and_garbage_rejected, solution_answer


def _ex(**kw):
    base = dict(label="Exercise 1", prompt="p", checker=close_to(10.0), hint_text="h", solution_code="x = 10")
    base.update(kw)
    return Exercise(**base)


# ---------------------------------------------------------------------------
# Exercise, Feedback and bind
# ---------------------------------------------------------------------------
def test_blank_answer_gives_a_fixed_not_answered_line():
    fb = _ex().check(____)
    assert fb.kind == "blank"
    assert repr(fb) == repr(_ex().check())  # the same text every time
    assert "ex.q1.hint()" in repr(fb)


def test_right_and_wrong_answers():
    ex = _ex(explain="because")
    assert ex.check(10.05).correct
    assert "because" in repr(ex.check(10.0))
    assert not ex.check(12).correct
    assert not ex.check("10").correct
    assert not ex.check(True).correct
    assert not ex.check(math.nan).correct


def test_exercise_fields_are_keywords_only():
    with pytest.raises(TypeError):
        Exercise("p", close_to(1.0), "h", "answer = 1")  # noqa - the point of the test
    with pytest.raises(TypeError, match="checker"):
        Exercise(prompt="p", checker="not a function", hint_text="h", solution_code="answer = 1")


@pytest.mark.parametrize("error", [KeyError("column"), RuntimeError("boom"), ZeroDivisionError(), OverflowError(),
                                   IndexError(), AssertionError(), RecursionError()])
def test_checker_errors_become_feedback_not_tracebacks(error):
    def broken(answer):
        raise error

    fb = _ex(checker=broken).check(1)
    assert fb.kind == "incorrect" and "could not check" in fb.message


def test_odd_checker_results_and_a_failing_explanation_never_raise():
    assert _ex(checker=lambda a: None).check(1).kind == "incorrect"
    assert _ex(checker=lambda a: (np.array([True, False]), "")).check(1).kind == "incorrect"
    fb = _ex(explain=lambda: 1 / 0).check(10)
    assert fb.correct and fb.message


def test_hint_and_solution_and_html():
    ex = _ex()
    assert ex.hint().kind == "hint" and "h" in repr(ex.hint())
    sol = ex.solution()
    assert "x = 10" in repr(sol) and "<pre" in sol._repr_html_()
    assert "<script" not in Feedback("hint", "<b>", "<script>x</script>")._repr_html_()


def test_explain_may_be_computed():
    assert "42" in repr(_ex(explain=lambda: f"value {6 * 7}").check(10))


def test_bind_numbers_the_exercises_and_puts_them_in_the_namespace():
    namespace = {}
    made = [Exercise(prompt=f"p{i}", checker=close_to(float(i)), hint_text="h", solution_code="answer = 1")
            for i in range(3)]
    bound = bind(namespace, made)
    assert bound == tuple(made)
    assert [namespace[f"q{n}"] for n in (1, 2, 3)] == made
    assert [(e.label, e.ref) for e in made] == [("Exercise 1", "ex.q1"), ("Exercise 2", "ex.q2"),
                                                 ("Exercise 3", "ex.q3")]
    assert "ex.q3.hint()" in made[2].check().message
    assert made[0].expected() == 0.0


@pytest.mark.parametrize("namespace, items, error, word", [
    (None, [], TypeError, "namespace"),
    ({}, [], ValueError, "exercises"),
    ({}, "q1", TypeError, "exercises"),
    ({}, [None], TypeError, "exercises"),
])
def test_bind_refuses_bad_arguments(namespace, items, error, word):
    with pytest.raises(error, match=word):
        bind(namespace, items)


# ---------------------------------------------------------------------------
# Checkers: reading an answer, tolerances, slip tables
# ---------------------------------------------------------------------------
@pytest.mark.parametrize("bad", GARBAGE, ids=lambda b: type(b).__name__)
def test_as_number_refuses_every_odd_answer_with_a_reason(bad):
    value, why = as_number(bad)
    assert value is None and why


def test_numpy_scalars_from_pandas_count_as_numbers():
    assert is_number(np.int64(3)) and is_number(np.float64(2.5)) and is_number(np.float32(1.5)) and is_number(7)
    assert not is_number(True) and not is_number(np.bool_(True)) and not is_number(np.nan)
    assert not is_number("3") and not is_number(None) and not is_number(np.inf) and not is_number(10**400)
    assert close_to(3.0)(np.int64(3))[0]
    assert _ex(checker=close_to(10.0)).check(np.float64(10.0)).correct
    assert as_number(10**400)[1] == "that number is far too large to be the answer"
    assert "quotes" in as_number("3")[1] and ".iloc" in as_number(pd.Series([1.0]))[1]


def test_close_to_tolerances():
    assert close_to(100, rel=0.01)(100.9)[0]
    assert not close_to(100, rel=0.01)(102)[0]
    assert close_to(0.0, abs_tol=0.1)(0.05)[0]


def test_expected_is_computed_when_checked_and_slips_only_as_far_as_needed():
    calls = []

    def expected():
        calls.append("expected")
        return 50.0

    def never():
        raise AssertionError("a later slip must not be computed once an earlier one matched")

    check = number(expected, slips=[Slip.sign("sign"), Slip(never, "never")])
    assert calls == []  # nothing computed when the exercise is declared
    assert check(50.2) == (True, "")
    assert check(-50) == (False, "sign")
    assert calls == ["expected", "expected"]
    assert check.expected() == 50.0


def test_typical_slips_in_one_line_each():
    check = number(lambda: 2.5, rel=0.01, slips=[
        Slip.sign("sign"),
        Slip.scaled(100, "percent"),
        Slip.scaled(1 / 12, "monthly"),
        Slip.scaled(1 / 1000, "trillions"),
        Slip.complement("other side"),
        Slip(lambda: 7.0, "computed slip"),
        Slip(9, "given slip", abs_tol=0.5),
        Slip.when(lambda answer, expected: answer > 1000, "far too big"),
    ], otherwise=lambda expected: f"not {expected}")
    assert check(-2.5)[1] == "sign"
    assert check(250)[1] == "percent"
    assert check(2.5 / 12)[1] == "monthly"
    assert check(0.0025)[1] == "trillions"
    assert check(-1.5)[1] == "other side"
    assert check(7.05)[1] == "computed slip"
    assert check(9.4)[1] == "given slip"
    assert check(5000)[1] == "far too big"
    assert check(3.3)[1] == "not 2.5"
    assert check(2.51)[0]


def test_a_slip_that_would_be_accepted_is_not_a_slip():
    # the "sign slip" of 0 is 0 itself: a right answer must never be called a slip, and a near answer
    # outside the tolerance gets the general message
    check = number(lambda: 0.0, abs_tol=0.01, slips=[Slip.sign("sign", abs_tol=0.1)], otherwise="other")
    assert check(0.005)[0]
    assert check(0.05) == (False, "other")
    # apart: the slip counts only if its value is far enough from the expected one
    check = number(lambda: 0.30, rel=0.0, abs_tol=0.005, slips=[Slip(0.32, "whole sample", abs_tol=0.002, apart=0.05)])
    assert check(0.32)[1] != "whole sample"
    # near: a near miss of the expected value itself
    check = number(lambda: 0.123, rel=0.0, abs_tol=0.0015, slips=[Slip.near("more decimals", abs_tol=0.006)])
    assert check(0.12)[1] == "more decimals" and check(0.1234)[0]


def test_a_slip_message_may_depend_on_the_expected_value():
    check = number(lambda: -0.4, rel=0.0, abs_tol=0.01,
                   slips=[Slip.sign(lambda e: f"it is {'negative' if e < 0 else 'positive'}")])
    assert check(0.4) == (False, "it is negative")


def test_integer_checker():
    check = integer(lambda: 12, within=1, not_whole="days are whole", slips=[
        Slip.when(lambda answer, expected: answer > 200, "all days")])
    assert check(13)[0] and check(np.int64(11))[0] and not check(14)[0]
    assert check(12.5) == (False, "days are whole")
    assert check(250) == (False, "all days")
    assert check.expected() == 12


def test_calendar_day_checker():
    check = calendar_day(lambda: "2025-09-17", slips=[Slip("2025-09-18", "took effect"),
                                                      Slip(lambda: pd.Timestamp("2025-12-01"), "article")])
    for right in ("2025-09-17", pd.Timestamp("2025-09-17 14:00"), pd.Timestamp("2025-09-17", tz="UTC"),
                  np.datetime64("2025-09-17"), __import__("datetime").date(2025, 9, 17)):
        assert check(right)[0], right
    assert check("2025-09-18") == (False, "took effect")
    assert check("2025-12-01") == (False, "article")
    for bad in (*GARBAGE, "2025-13-45", "1677-01-01", pd.NaT, 20250917):
        ok, why = check(bad)
        assert not ok and why
    assert check.expected() == pd.Timestamp("2025-09-17")


@pytest.mark.parametrize("factory", [
    lambda: number("abc"), lambda: number(None), lambda: number(math.nan), lambda: number(10**400),
    lambda: number(lambda: 1.0, rel=-0.1), lambda: number(lambda: 1.0, abs_tol=math.inf),
    lambda: number(lambda: 1.0, slips="sign"), lambda: number(lambda: 1.0, slips=[None]),
    lambda: number(lambda: 1.0, otherwise=""), lambda: number(lambda: 1.0, otherwise=3),
    lambda: integer(lambda: 1, within=-1), lambda: calendar_day("not a date"), lambda: calendar_day(3.5),
    lambda: Slip(None, "no value"), lambda: Slip(1.0, ""), lambda: Slip(1.0, "m", rel=-1),
    lambda: Slip.scaled(1, "same"), lambda: Slip.scaled("x", "m"), lambda: close_to(lambda: 1.0),
])
def test_checker_factories_refuse_bad_declarations(factory):
    with pytest.raises((TypeError, ValueError)):
        factory()


# ---------------------------------------------------------------------------
# Quizzes
# ---------------------------------------------------------------------------
QUIZ = Quiz("Q", [Choice("2+2?", ["3", "4"], 1, ["no", "yes"])])


def test_quiz_answers_and_bad_input():
    assert QUIZ.answer(1, "b").correct
    assert QUIZ.answer(1, "(B)").correct
    assert not QUIZ.answer(1, "a").correct
    with pytest.raises(ValueError, match="number"):
        QUIZ.answer(2, "a")
    with pytest.raises(TypeError, match="number"):
        QUIZ.answer("1", "a")
    with pytest.raises(ValueError, match="letter"):
        QUIZ.answer(1, "z")
    with pytest.raises(TypeError, match="letter"):
        QUIZ.answer(1, 2)
    assert "(a) 3" in QUIZ.text()
    keyworded = Quiz(title="Q", questions=[Choice(question="2+2?", options=["3", "4"], correct=1, why=["no", "yes"])])
    assert keyworded.text() == QUIZ.text()


def test_quiz_widget_gives_feedback_on_click():
    box = QUIZ.show()
    question = box.children[1]
    button_b = question.children[2]
    out = question.children[-1]
    button_b.click()
    assert "Correct" in out.value


def test_choice_validates():
    with pytest.raises(ValueError):
        Choice("q", ["a"], 0, ["x"])
    with pytest.raises(ValueError):
        Choice("q", ["a", "b"], 2, ["x", "y"])
    with pytest.raises(ValueError):
        Choice("q", ["a", "b"], 0, ["x"])


def test_for_lesson_and_scope_validate():
    with pytest.raises(ValueError, match="number"):
        for_lesson("99")
    with pytest.raises(TypeError, match="number"):
        for_lesson(1)
    with pytest.raises(ValueError, match="number"):
        scope("99")


# ---------------------------------------------------------------------------
# Every lesson, every exercise
# ---------------------------------------------------------------------------
LESSON_MODULES = [(number, for_lesson(number)) for number in exercises.LESSONS]
EXERCISES = [(number, n, ex) for number, mod in LESSON_MODULES for n, ex in enumerate(mod.EXERCISES, start=1)]
IDS = [f"{number}-q{n}" for number, n, _ in EXERCISES]


@lru_cache(maxsize=None)
def _scope(number: str) -> dict:
    return scope(number)


@pytest.mark.parametrize("number, mod", LESSON_MODULES, ids=[n for n, _ in LESSON_MODULES])
def test_every_lesson_binds_3_to_5_exercises_and_has_a_quiz(number, mod):
    assert isinstance(mod.EXERCISES, tuple) and 3 <= len(mod.EXERCISES) <= 5
    for n, ex in enumerate(mod.EXERCISES, start=1):
        assert isinstance(ex, Exercise)
        assert getattr(mod, f"q{n}") is ex
        assert (ex.label, ex.ref) == (f"Exercise {n}", f"ex.q{n}")
    assert not hasattr(mod, f"q{len(mod.EXERCISES) + 1}")
    assert isinstance(mod.quiz, Quiz) and 3 <= len(mod.quiz.questions) <= 5


@pytest.mark.parametrize("number, n, exercise", EXERCISES, ids=IDS)
def test_solution_runs_and_is_accepted_with_an_explanation(number, n, exercise):
    answer = solution_answer(exercise, **_scope(number))
    fb = exercise.check(answer)
    assert fb.correct, (number, exercise.label, fb.message)
    assert fb.message and "<function" not in fb.message
    assert not re.search(r"(?<![A-Za-z])(nan|NaN|inf)(?![A-Za-z])", fb.message), fb.message
    assert exercise.expected() is not None
    # a far-off answer of the same kind is refused
    value, _ = as_number(answer)
    far = 2 * value + 1000 if value is not None else pd.Timestamp(answer) + pd.Timedelta(days=400)
    assert not exercise.check(far).correct


@pytest.mark.parametrize("number, n, exercise", EXERCISES, ids=IDS)
def test_blank_is_neutral_and_garbage_is_refused_with_a_message(number, n, exercise):
    assert exercise.check().message == (f"replace ____ with your answer, then run the cell again "
                                        f"(stuck? ex.q{n}.hint())")
    assert_blank_and_garbage_rejected(exercise, extra_bad=("12", "2022", [0.1], -1e9, np.float64("inf")))


@pytest.mark.parametrize("number, n, exercise", EXERCISES, ids=IDS)
def test_hint_and_solution_exist(number, n, exercise):
    assert exercise.prompt and exercise.hint().kind == "hint" and exercise.hint().message
    assert exercise.solution().code == exercise.solution_code and "answer =" in exercise.solution_code


ANSWERS = st.one_of(st.floats(allow_nan=True, allow_infinity=True), st.integers(-(10**500), 10**500),
                    st.text(max_size=30), st.none(), st.booleans())


@pytest.mark.parametrize("number, n, exercise", EXERCISES, ids=IDS)
@settings(max_examples=25, deadline=None, derandomize=True, database=None,
          suppress_health_check=[HealthCheck.too_slow])
@given(answer=ANSWERS)
def test_every_check_returns_feedback(number, n, exercise, answer):
    fb = exercise.check(answer)
    assert isinstance(fb, Feedback) and fb.kind in ("correct", "incorrect") and fb.message
    assert "could not check" not in fb.message, fb.message  # every answer was handled by the checker itself


@pytest.mark.parametrize("number, mod", LESSON_MODULES, ids=[n for n, _ in LESSON_MODULES])
def test_quiz_has_one_right_letter_per_question(number, mod):
    for q_number, q in enumerate(mod.quiz.questions, start=1):
        letters = "abcdefgh"[: len(q.options)]
        results = [mod.quiz.answer(q_number, letter).correct for letter in letters]
        assert results.count(True) == 1 and results.index(True) == q.correct
    assert mod.quiz.text().startswith(mod.quiz.title)


# ---------------------------------------------------------------------------
# The lessons themselves: SETUP is the lesson's own lines; the stored blank outputs are what check() gives
# ---------------------------------------------------------------------------
NOTEBOOKS = {p.name[:2]: p for p in sorted((REPO / "lessons").glob("[0-9][0-9]_*.ipynb"))}
CHECK_CELL = re.compile(r"\Aanswer = ____\nex\.q(\d+)\.check\(answer\)\Z")


def _cells(number: str) -> list[dict]:
    return [c for c in json.loads(NOTEBOOKS[number].read_text(encoding="utf-8"))["cells"] if c["cell_type"] == "code"]


def _statements(source: str) -> list[str]:
    try:
        return [ast.dump(node) for node in ast.parse(source).body]
    except SyntaxError:  # a cell with IPython syntax
        return []


@pytest.mark.parametrize("number, mod", LESSON_MODULES, ids=[n for n, _ in LESSON_MODULES])
def test_setup_lines_are_the_lessons_own_before_its_exercises(number, mod):
    before = []
    for cell in _cells(number):
        source = "".join(cell["source"])
        if "ex.q1.check(" in source:
            break
        before += _statements(source)
    missing = [ast.unparse(node) for node in ast.parse(mod.SETUP).body if ast.dump(node) not in before]
    assert not missing, f"lesson {number}: SETUP lines not found before the exercises: {missing}"


@pytest.mark.parametrize("number, mod", LESSON_MODULES, ids=[n for n, _ in LESSON_MODULES])
def test_stored_blank_outputs_are_what_check_gives(number, mod):
    seen = 0
    for cell in _cells(number):
        m = CHECK_CELL.match("".join(cell["source"]))
        if not m:
            continue
        fb = getattr(mod, f"q{m.group(1)}").check()
        data = cell["outputs"][0]["data"]
        assert "".join(data["text/plain"]) == repr(fb)
        assert "".join(data["text/html"]) == fb._repr_html_()
        seen += 1
    assert seen == len(mod.EXERCISES)


# ---------------------------------------------------------------------------
# The Chinese editions: helpers.setup(lang="zh-hans") translates feedback when it is shown
# ---------------------------------------------------------------------------
CJK = re.compile(r"[\u4e00-\u9fff]")


@pytest.fixture
def zh_hans():
    import helpers

    helpers.setup(lang="zh-hans")
    try:
        yield
    finally:
        helpers.setup(lang="en")


def _shown(fb: Feedback) -> tuple[str, str, str, str]:
    return fb.label, fb.message, repr(fb), fb._repr_html_()


def _feedback_of(mod, exercise):
    return {"blank": exercise.check(), "hint": exercise.hint(), "wrong": exercise.check("12"),
            "slip": exercise.check(-exercise.expected()), "right": exercise.check(exercise.expected()),
            "solution": exercise.solution(), "quiz": mod.quiz.answer(1, "a")}


@pytest.mark.parametrize("number", ["00", "01"])
def test_feedback_is_chinese_in_the_zh_hans_edition_and_english_is_unchanged(number, request):
    mod = for_lesson(number)
    exercise = mod.q1
    english = {k: _shown(fb) for k, fb in _feedback_of(mod, exercise).items()}
    english_quiz = mod.quiz.text()
    request.getfixturevalue("zh_hans")
    chinese = {k: _shown(fb) for k, fb in _feedback_of(mod, exercise).items()}
    for kind, (label, message, text, html) in chinese.items():
        assert CJK.search(label) and CJK.search(message) and CJK.search(text) and CJK.search(html), (kind, text)
        assert text != english[kind][2]
    assert "ex.q1.hint()" in chinese["blank"][1]  # code in a message stays code
    assert exercise.solution().code == exercise.solution_code  # solution code is never translated
    assert CJK.search(mod.quiz.text()) and mod.quiz.text() != english_quiz
    assert exercise.check(exercise.expected()).correct and not exercise.check("12").correct
    # helpers.setup(lang="en") brings back the English feedback, byte for byte
    import helpers

    helpers.setup(lang="en")
    assert {k: _shown(fb) for k, fb in _feedback_of(mod, exercise).items()} == english
    assert mod.quiz.text() == english_quiz


def test_checker_messages_and_the_framework_words_follow_the_language(zh_hans):
    ex = _ex(checker=number(lambda: 5.0, slips=[Slip.sign("right size, wrong sign: reserves fell, so the change "
                                                          "is negative")]))
    assert CJK.search(ex.check(-5).message)             # a slip message found in the catalog
    assert CJK.search(ex.check("5").message)            # "expected a number, got ..."
    assert CJK.search(ex.check(1.0).message)            # NOT_THE_VALUE
    assert CJK.search(ex.check(math.nan).message)
    assert ex.check(5).message and CJK.search(repr(ex.check(5)))  # "well done." and "Correct"
    assert CJK.search(calendar_day(lambda: "2025-09-17")("2025-09-18")[1])
    assert CJK.search(integer(lambda: 3)(2.5)[1])
    assert ex.check(-5).message != "right size, wrong sign: reserves fell, so the change is negative"
    # text not in the catalog is shown as given
    assert _ex(explain="because").check(10).message == "because"
    assert _ex(hint_text="h").hint().message == "h"


def test_all_solutions_stays_english_in_any_edition(zh_hans):
    text = exercises.all_solutions()
    assert not CJK.search(text.split("## Lesson 00", 1)[1].split("## Lesson 02", 1)[0])


def test_all_solutions_lists_every_exercise_and_quiz_answer():
    text = exercises.all_solutions()
    for number, mod in LESSON_MODULES:
        assert f"## Lesson {number}" in text
        assert mod.SETUP.strip() in text
        for ex in mod.EXERCISES:
            assert ex.solution_code in text and ex.hint_text in text
    assert text.count("### Exercise") == len(EXERCISES)
    assert text.count("### Check yourself — answers") == len(LESSON_MODULES)
