"""Valid calls of helpers.exercises' public functions: the lesson lookups and the checker factories."""
from helpers.exercises import Exercise, Slip, close_to


def _exercises():
    return [Exercise(prompt="p", checker=close_to(1.0), hint_text="h", solution_code="answer = 1.0"),
            Exercise(prompt="p", checker=close_to(2.0), hint_text="h", solution_code="answer = 2.0")]


EXAMPLES = {
    "for_lesson": lambda t: {"number": "00"},
    "scope": lambda t: {"number": "00"},
    "bind": lambda t: {"namespace": {"__name__": "example"}, "exercises": _exercises()},
    "number": lambda t: {"expected": lambda: 2.5, "slips": [Slip.sign("check the sign")]},
    "integer": lambda t: {"expected": lambda: 12, "slips": [Slip(24, "that counts each day twice")]},
    "calendar_day": lambda t: {"expected": lambda: "2025-09-17", "slips": [Slip("2025-09-18", "the day after")]},
    "close_to": lambda t: {"expected": 10.0},
    "is_number": lambda t: {"answer": 1.5},
}
