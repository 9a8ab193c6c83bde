"""The course renderer, theme, and policy-phase helpers."""
import base64
import json

import altair as alt
import pandas as pd
import pytest

import helpers
from helpers import charts


@pytest.fixture(scope="module", autouse=True)
def _setup():
    helpers.setup()


def _chart():
    df = pd.DataFrame({"x": [1, 2, 3], "y": [3, 1, 2]})
    return alt.Chart(df).mark_line().encode(x="x:Q", y="y:Q").properties(title="A test chart")


def test_renderer_emits_vegalite_png_and_title():
    assert alt.renderers.active == charts.RENDERER
    bundle = alt.renderers.get()(_chart().to_dict())
    assert set(bundle) == {charts.VEGALITE_MIME, "image/png", "text/plain"}
    assert bundle[charts.VEGALITE_MIME]["$schema"].startswith("https://vega.github.io/schema/vega-lite/v5")
    png = base64.b64decode(bundle["image/png"])
    assert png[:8] == b"\x89PNG\r\n\x1a\n" and len(png) > 1000
    assert bundle["text/plain"] == "<Chart: A test chart>"


def test_png_recompression_is_lossless():
    import zlib
    import vl_convert as vlc

    spec = _chart().to_dict()
    raw = vlc.vegalite_to_png(spec, vl_version=charts._vl_version())
    small = charts.to_png(spec)
    assert len(small) <= len(raw)

    def pixels(png):
        i, data = 8, b""
        while i < len(png):
            n = int.from_bytes(png[i:i + 4], "big")
            if png[i + 4:i + 8] == b"IDAT":
                data += png[i + 8:i + 8 + n]
            i += 12 + n
        return zlib.decompress(data)

    assert pixels(raw) == pixels(small)


def test_vegalite_versions_match():
    assert charts._vl_version() == ".".join(alt.SCHEMA_VERSION.lstrip("v").split(".")[:2])


def test_setup_is_idempotent_and_sets_theme():
    helpers.setup()
    helpers.setup()
    assert alt.theme.active == "liquidity_lab"
    config = alt.theme.get()()["config"]
    assert config["range"]["category"] == charts.PALETTE


def _phases():
    from helpers.events import policy_phases

    return policy_phases(helpers.load("policy_events"), helpers.load("fed_balance_sheet").index[-1])


def test_policy_phases_from_events():
    phases = _phases()
    assert list(phases.columns) == ["phase", "start", "end", "label"]
    assert (phases["end"] >= phases["start"]).all()
    qt = phases[phases["phase"] == "QT"]
    assert len(qt) == 2
    assert qt.iloc[1]["start"] == pd.Timestamp("2022-06-01")
    assert qt.iloc[1]["end"] == pd.Timestamp("2025-12-01")
    assert (phases["phase"] == "QE").sum() == 4


def test_policy_phases_bad_input():
    from helpers.events import policy_phases

    with pytest.raises(TypeError, match="events"):
        policy_phases([1, 2], "2025-01-01")
    with pytest.raises(TypeError, match="end"):
        policy_phases(helpers.load("policy_events"), None)


def test_phase_layer_and_event_rules():
    layer = charts.phase_layer(_phases())
    assert layer.to_dict()["mark"]["type"] == "rect"
    with pytest.raises(ValueError, match="opacity"):
        charts.phase_layer(_phases(), opacity=0)
    with pytest.raises(TypeError, match="phases"):
        charts.phase_layer(None)
    events = helpers.load("policy_events")
    assert charts.event_rules(events).to_dict()["mark"]["type"] == "rule"
    with pytest.raises(ValueError, match="label"):
        charts.event_rules(events, label="nope")
    with pytest.raises(TypeError):
        charts.event_rules("events")


def test_with_source_adds_a_source_line():
    spec = charts.with_source(_chart(), "Source: test").to_dict()
    assert spec["title"]["text"] == "A test chart"
    assert spec["title"]["subtitle"][-1] == "Source: test"


# ---------------------------------------------------------------------------
# portable_spec: stored chart specs that do not depend on the machine
# ---------------------------------------------------------------------------
def _values_chart(values):
    df = pd.DataFrame({"x": range(len(values)), "y": values})
    return alt.Chart(df).mark_line().encode(x="x:Q", y="y:Q")


def test_portable_spec_hides_last_digit_differences():
    # the same sums on two CPUs: equal to 15 digits, different in the 16th (as in lesson 03)
    here, there = -0.06875373986290602, -0.068753739862906
    a, b = (_values_chart([here, 1 / 3, 2.5]).to_dict() for _ in range(2))
    b = _values_chart([there, 1 / 3, 2.5]).to_dict()
    assert a != b and list(a["datasets"]) != list(b["datasets"])   # Altair alone: a new hash name
    pa, pb = charts.portable_spec(a), charts.portable_spec(b)
    assert pa == pb
    (name, rows), = pa["datasets"].items()
    assert pa["data"] == {"name": name} and name.startswith("data-") and len(name) == 37
    assert [r["y"] for r in rows] == [-0.0687537, 0.333333, 2.5]


def test_portable_spec_rounds_every_float_and_keeps_the_rest():
    spec = {"mark": "rule", "encoding": {"y": {"datum": 0.30000000000000004}},
            "params": [{"name": "p", "value": 12345678.9, "bind": {"input": "range", "step": 0.01}}],
            "title": "A title with 3.14159265358979", "width": 640, "flag": True, "none": None}
    before = json.dumps(spec, sort_keys=True)
    out = charts.portable_spec(spec)
    assert json.dumps(spec, sort_keys=True) == before           # the input is not modified
    assert out["encoding"]["y"]["datum"] == 0.3
    assert out["params"][0]["value"] == 12345700.0 and out["params"][0]["bind"]["step"] == 0.01
    assert out["title"] == spec["title"] and out["width"] == 640 and out["flag"] is True and out["none"] is None


def test_portable_spec_rounds_inline_csv_but_not_dates_names_or_integers():
    csv = "date,btc,n\n2024-01-03T00:00,42847.12345678,12\n2024-01-10T00:00,1.429e+04,\n"
    spec = {"data": {"name": "lesson", "values": csv, "format": {"type": "csv"}}, "mark": "line"}
    out = charts.portable_spec(spec, digits=4)
    assert out["data"]["values"] == "date,btc,n\n2024-01-03T00:00,4.285e+04,12\n2024-01-10T00:00,1.429e+04,\n"
    assert out["data"]["name"] == "lesson"    # a name the author chose stays


def test_portable_spec_renames_references_in_layers():
    chart = _values_chart([0.1 + 0.2, 1.0]) + _values_chart([0.1 + 0.2, 1.0]).mark_point()
    out = charts.portable_spec(chart.to_dict())
    names = list(out["datasets"])
    text = json.dumps({k: v for k, v in out.items() if k != "datasets"})
    assert all(n in text for n in names)
    assert not any(old in json.dumps(out) for old in chart.to_dict()["datasets"] if old not in names)


def test_the_renderer_stores_the_portable_spec():
    spec = _values_chart([1 / 7, 2 / 7]).to_dict()
    bundle = alt.renderers.get()(spec)
    assert bundle[charts.VEGALITE_MIME] == charts.portable_spec(spec)


@pytest.mark.parametrize("spec, digits, error, word", [
    ([1, 2], charts.CHART_DIGITS, TypeError, "spec"),
    ({}, 2, ValueError, "digits"),
    ({}, 16, ValueError, "digits"),
    ({}, 6.0, ValueError, "digits"),
    ({}, True, ValueError, "digits"),
])
def test_portable_spec_checks_its_arguments(spec, digits, error, word):
    with pytest.raises(error, match=word):
        charts.portable_spec(spec, digits)


def test_with_source_translates_the_default_source_when_the_chart_is_made():
    try:
        helpers.setup(lang="zh-hans")
        line = charts.with_source(_chart()).to_dict()["title"]["subtitle"][-1]
        assert line != charts.SOURCE_FRED and "FRED" in line
        assert charts.with_source(_chart(), "Source: test").to_dict()["title"]["subtitle"][-1] == "Source: test"
    finally:
        helpers.setup()
    assert charts.with_source(_chart()).to_dict()["title"]["subtitle"][-1] == charts.SOURCE_FRED
