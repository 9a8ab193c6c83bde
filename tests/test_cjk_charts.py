"""Chinese chart PNGs show Chinese characters, not empty boxes ("tofu").

Without a font that has a character, vl-convert draws the same box for every one: two different
Chinese titles of the same length then give the same picture. With a CJK font they differ. The
private-use characters U+E000… are in no font, so they give the tofu picture to compare against.
"""
import altair as alt
import pandas as pd
import pytest

import helpers
from helpers import charts, i18n


def _png(title: str) -> bytes:
    chart = alt.Chart(pd.DataFrame({"x": [1, 2], "y": [1, 2]})).mark_line().encode(x="x:Q", y="y:Q")
    spec = chart.properties(title=title, width=200, height=80).to_dict()
    return charts.to_png(spec)


@pytest.mark.parametrize("lang", ["zh-hans", "zh-hant"])
def test_chinese_titles_are_drawn_with_real_glyphs(lang):
    helpers.setup(lang=lang)
    try:
        assert "CJK" in i18n.chart_font()
        tofu_a, tofu_b = _png("\ue000\ue001\ue002\ue003"), _png("\ue004\ue005\ue006\ue007")
        a, b = _png("美联储资产"), _png("准备金余额") if lang == "zh-hans" else _png("聯準會資產")
        assert tofu_a == tofu_b, "private-use characters should all be the same box"
        assert a != b, "two different Chinese titles look the same: no CJK font (run `make fonts`)"
        assert a != _png("\ue000\ue001\ue002\ue003\ue004"), "the Chinese title is drawn as tofu"
    finally:
        helpers.setup()


def test_english_charts_keep_their_font():
    helpers.setup()
    assert i18n.chart_font().startswith("DejaVu Sans")
