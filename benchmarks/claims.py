"""Lesson 07's widget callback (helpers.claims), timed by ``tools/bench.py`` through the public API."""
from helpers import claims

# The widget prints claim 7's correlation for one setting; a typical, uncached-looking setting.
BENCH = {
    "correlation_report": (claims.correlation_report, {"window": 60, "source": "Coinbase re-aligned", "kind": "simple",
                                                       "alignment": "same calendar day"}),
}
