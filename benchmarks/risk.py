"""Lesson 05's widget callbacks with a typical setting (timed by ``make bench``), through the public API."""
from helpers import risk

BENCH = {
    "lesson05 staged_report": (risk.staged_report, {"asset": "btc", "tranches": 3, "spacing_days": 7,
                                                    "horizon_days": 182}),
    "lesson05 ladder_report": (risk.ladder_report, {"asset": "btc", "level1": 0.2, "level2": 0.5,
                                                    "fraction1": 0.25, "fraction2": 0.25, "trail": 0.2,
                                                    "stop_from": "last_level", "horizon_days": 365}),
    "lesson05 leverage_report": (risk.leverage_report, {"asset": "btc", "leverage": 10.0, "days": 30,
                                                        "side": "long", "maintenance": 0.005}),
}
