"""Valid calls of helpers.validate's checks. Each labels its value "value", so a message names that parameter."""
import pandas as pd

EXAMPLES = {
    "check_int": lambda t: {"name": "value", "value": 60, "lo": 20, "hi": 250},
    "check_number": lambda t: {"name": "value", "value": 0.5, "lo": 0, "hi": 1},
    "check_choice": lambda t: {"name": "value", "value": "btc", "allowed": ("btc", "eth")},
    "check_choices": lambda t: {"name": "value", "value": ["btc"], "allowed": ("btc", "eth")},
    "check_ints": lambda t: {"name": "value", "value": [1, 3], "lo": 1, "hi": 24},
    "check_date": lambda t: {"name": "value", "value": "2020-03-16", "lo": "2020-01-01", "hi": "2020-12-31"},
    "check_seed": lambda t: {"name": "value", "value": 7},
    "check_flag": lambda t: {"name": "value", "value": True},
    "check_text": lambda t: {"name": "value", "value": "Reserves"},
    "check_frame": lambda t: {"name": "value", "value": t.load("markets"), "columns": ("btc",)},
    "check_series": lambda t: {"name": "value", "value": t.load("markets")["sp500"].dropna()},
    "check_numbers": lambda t: {"name": "value", "value": [0.1, 0.2, 0.3]},
    "check_chart": lambda t: {"name": "value", "value": __import__("altair").Chart(pd.DataFrame({"x": [1]})).mark_point()},
    "shown": lambda t: {"value": 5},
}

ECHO = {"shown"}  # it prints the value it is given, NaN included
