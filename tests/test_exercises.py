"""The exercise and quiz framework, and every lesson's exercises: blank, wrong and right answers."""
import math

import pytest

from helpers import exercises
from helpers.exercises import Choice, Exercise, Feedback, Quiz, ____, close_to, for_lesson


def _ex(**kw):
    base = dict(label="Exercise 1", prompt="p", checker=close_to(10.0), hint_text="h", solution_code="x = 10")
    base.update(kw)
    return Exercise(**base)


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


def test_checker_errors_become_feedback_not_tracebacks():
    def broken(answer):
        raise KeyError("column")

    fb = _ex(checker=broken).check(1)
    assert fb.kind == "incorrect" and "could not check" in fb.message


def test_hint_and_solution_and_html():
    ex = _ex()
    assert ex.hint().kind == "hint" and "h" in repr(ex.hint())
    sol = ex.solution()
    assert "x = 10" in repr(sol) and "<pre" in sol._repr_html_()
    assert "<script" not in Feedback("hint", "<b>", "<script>x</script>")._repr_html_()


def test_explain_may_be_computed():
    assert "42" in repr(_ex(explain=lambda: f"value {6 * 7}").check(10))


def test_numpy_scalars_from_pandas_count_as_numbers():
    import numpy as np

    from helpers.exercises import is_number

    assert is_number(np.int64(3)) and is_number(np.float64(2.5)) and is_number(7)
    assert not is_number(True) and not is_number(np.nan) and not is_number("3") and not is_number(None)
    assert close_to(3.0)(np.int64(3))[0]
    assert _ex(checker=close_to(10.0)).check(np.float64(10.0)).correct


def test_close_to_tolerances():
    assert close_to(100, rel=0.01)(100.9)[0]
    assert not close_to(100, rel=0.01)(102)[0]
    assert close_to(0.0, abs_tol=0.1)(0.05)[0]


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


def test_for_lesson_validates():
    with pytest.raises(ValueError, match="number"):
        for_lesson("99")
    with pytest.raises(TypeError, match="number"):
        for_lesson(1)


def _lesson_modules():
    mods = []
    for number in exercises.LESSONS:
        try:
            mods.append(for_lesson(number))
        except ModuleNotFoundError:
            continue
    return mods


@pytest.mark.parametrize("mod", _lesson_modules(), ids=lambda m: m.__name__.rsplit(".", 1)[-1])
def test_every_lesson_has_3_to_5_exercises_and_a_quiz(mod):
    qs = [getattr(mod, f"q{i}") for i in range(1, 6) if isinstance(getattr(mod, f"q{i}", None), Exercise)]
    assert 3 <= len(qs) <= 5
    for ex in qs:
        assert ex.check(____).kind == "blank"
        assert ex.hint().message and ex.solution().code
    assert isinstance(mod.quiz, Quiz) and 3 <= len(mod.quiz.questions) <= 5


def test_all_solutions_lists_every_exercise():
    text = exercises.all_solutions()
    for mod in _lesson_modules():
        number = mod.__name__[-2:]
        assert f"## Lesson {number}" in text


# Lesson 00's own exercises are tested in test_exercises_lesson00.py, like every other lesson's.
