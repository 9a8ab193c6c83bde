"""Valid calls of helpers.charts' general pieces."""
import altair as alt
import pandas as pd


def _phases(t):
    from helpers.events import policy_phases

    return policy_phases(t.load("policy_events"), t.last_week)


def _chart(t):
    return alt.Chart(t.load("markets")[["btc"]].dropna().tail(5).reset_index()).mark_line().encode(x="date:T", y="btc:Q")


EXAMPLES = {
    "phase_layer": lambda t: {"phases": _phases(t)},
    "inline_csv": lambda t: {"df": t.load("markets")[["btc"]].dropna().tail(5), "name": "btc"},
    "show_live": lambda t: {"chart": _chart(t)},
    "event_rules": lambda t: {"events": t.load("policy_events")},
    "with_source": lambda t: {"chart": _chart(t)},
    "to_png": lambda t: {"spec": _chart(t).to_dict()},
    "portable_spec": lambda t: {"spec": _chart(t).to_dict()},
}
