"""The course renderer, theme, and policy-phase helpers."""
import base64

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


def test_policy_phases_from_events():
    phases = charts.policy_phases()
    assert list(phases.columns) == ["phase", "start", "end", "label"]
    assert (phases["end"] >= phases["start"]).all()
    qt = phases[phases["phase"] == "QT"]
    assert len(qt) == 2
    assert qt.iloc[1]["start"] == pd.Timestamp("2022-06-01")
    assert qt.iloc[1]["end"] == pd.Timestamp("2025-12-01")
    assert (phases["phase"] == "QE").sum() == 4


def test_policy_phases_bad_input():
    with pytest.raises(TypeError, match="events"):
        charts.policy_phases(events=[1, 2])


def test_phase_layer_and_event_rules():
    layer = charts.phase_layer()
    assert layer.to_dict()["mark"]["type"] == "rect"
    with pytest.raises(ValueError, match="opacity"):
        charts.phase_layer(opacity=0)
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
