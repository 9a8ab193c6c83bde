"""Course charts: the offline renderer, the theme, and QE/QT phase shading.

``setup()`` registers the ``liquidity_lab`` Altair renderer. Each chart is emitted as

* ``application/vnd.vegalite.v5+json`` (the spec: JupyterLab draws it natively, offline), and
* ``image/png`` (rendered here with vl-convert: GitHub, nbviewer and HTML export show it), and
* ``text/plain`` (the chart's title, so text-only readers and nbval see what it is).

Altair's default HTML renderer is never used: it loads Vega from a CDN and is blank offline.
"""
from __future__ import annotations

import base64
import csv
import hashlib
import io
import json
import math
import re
import struct
import zlib

import altair as alt
import pandas as pd

from helpers.i18n import N_, chart_font, set_language
from helpers.i18n import text as shown_text
from helpers.i18n import gettext as _
from helpers.validate import check_chart, check_choice, check_frame, check_int, check_number, check_text

__all__ = [
    "setup",
    "PALETTE",
    "PHASE_COLORS",
    "SOURCE_FRED",
    "phase_layer",
    "inline_csv",
    "show_live",
    "event_rules",
    "with_source",
    "to_png",
    "VEGALITE_MIME",
    "CHART_DIGITS",
    "portable_spec",
    "NO_MATHS",
]

# Okabe-Ito: distinguishable with the common forms of colour blindness.
PALETTE = ["#0072B2", "#E69F00", "#009E73", "#D55E00", "#CC79A7", "#56B4E9", "#F0E442", "#000000"]
PHASE_COLORS = {"QE": "#56B4E9", "QT": "#E69F00", "Reserve mgmt": "#009E73"}
# Marked for the catalog only: with_source() translates the source line when the chart is made.
SOURCE_FRED = N_("Source: FRED (Federal Reserve Bank of St. Louis), Liquidity Lab snapshot")
VEGALITE_MIME = "application/vnd.vegalite.v5+json"
RENDERER = "liquidity_lab"
# The classes that keep JupyterLab's MathJax off an HTML fragment (widgets, feedback, tables):
# "$ ... $" in the course's HTML is money, not maths.
NO_MATHS = "tex2jax_ignore mathjax_ignore"
PNG_SCALE = 1.0
# Significant digits kept for every number in a stored chart spec. Six is finer than any chart can
# draw (a 640-pixel axis resolves about three), and it drops the last digits of floating-point
# results, which legitimately differ between CPUs (NumPy's AVX-512 / AVX2 / NEON kernels sum in
# different orders), BLAS builds and libm versions. Only charts are rounded this way: numbers a
# learner reads are printed with explicit formats by the lessons and helpers.
CHART_DIGITS = 6


def _vl_version() -> str:
    # "v5.20.1" -> "5.20": vl-convert must render with the same Vega-Lite as Altair emits.
    major_minor = ".".join(alt.SCHEMA_VERSION.lstrip("v").split(".")[:2])
    return major_minor


def to_png(spec: dict, scale: float = PNG_SCALE) -> bytes:
    """Render a Vega-Lite spec to PNG bytes offline with vl-convert (recompressed, ~4x smaller)."""
    import vl_convert as vlc

    if not isinstance(spec, dict):
        raise TypeError(f"spec must be a Vega-Lite spec (a dict, e.g. chart.to_dict()), got {type(spec).__name__}")
    check_number("scale", scale, 0, 8, open_lo=True)
    return _recompress_png(vlc.vegalite_to_png(spec, vl_version=_vl_version(), scale=scale))


def _recompress_png(png: bytes) -> bytes:
    """Re-deflate a PNG's image data at zlib level 9 (lossless; keeps lessons small)."""
    if png[:8] != b"\x89PNG\r\n\x1a\n":
        return png
    chunks, i = [], 8
    while i < len(png):
        (n,) = struct.unpack(">I", png[i:i + 4])
        chunks.append((png[i + 4:i + 8], png[i + 8:i + 8 + n]))
        i += 12 + n
    idat = zlib.compress(zlib.decompress(b"".join(d for t, d in chunks if t == b"IDAT")), 9)
    out, wrote_idat = [png[:8]], False
    for kind, data in chunks:
        if kind == b"IDAT":
            if wrote_idat:
                continue
            kind, data, wrote_idat = b"IDAT", idat, True
        out.append(struct.pack(">I", len(data)) + kind + data
                   + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF))
    return b"".join(out)


def _title_text(spec: dict) -> str:
    title = spec.get("title")
    if isinstance(title, dict):
        title = title.get("text")
    if isinstance(title, list):
        title = " ".join(title)
    return str(title) if title else "untitled"


def _round_sig(x: float, digits: int) -> float:
    if x == 0 or not math.isfinite(x):
        return x
    return float(f"{x:.{digits}g}")


_CSV_NUMBER = re.compile(r"[-+]?(\d+\.\d*|\.\d+|\d+(\.\d*)?[eE][-+]?\d+)")


def _round_csv(text: str, digits: int) -> str:
    """Inline CSV with every decimal number re-written to ``digits`` significant digits."""
    rows = list(csv.reader(io.StringIO(text)))
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    for i, row in enumerate(rows):
        if i:   # the header row holds names, not numbers
            row = [f"{float(f):.{digits}g}" if _CSV_NUMBER.fullmatch(f) else f for f in row]
        writer.writerow(row)
    return out.getvalue()


def _rounded(node, digits: int):
    if isinstance(node, float):
        return _round_sig(node, digits)
    if isinstance(node, list):
        return [_rounded(v, digits) for v in node]
    if isinstance(node, dict):
        out = {k: _rounded(v, digits) for k, v in node.items()}
        fmt = out.get("format")
        if isinstance(out.get("values"), str) and isinstance(fmt, dict) and fmt.get("type") == "csv":
            out["values"] = _round_csv(out["values"], digits)
        return out
    return node


def _renamed(node, names: dict[str, str]):
    if isinstance(node, str):
        return names.get(node, node)
    if isinstance(node, list):
        return [_renamed(v, names) for v in node]
    if isinstance(node, dict):
        return {k: _renamed(v, names) for k, v in node.items()}
    return node


def portable_spec(spec: dict, digits: int = CHART_DIGITS) -> dict:
    """A copy of a Vega-Lite spec that is the same on every machine.

    Every float (inline values, named datasets, inline CSV, scale domains) is rounded to ``digits``
    significant digits, and each dataset Altair named by a hash of its values (``data-<sha256>``)
    is renamed by the hash of the rounded values, so a difference in a 16th digit changes neither
    the data nor the names. The input is not modified.
    """
    if not isinstance(spec, dict):
        raise TypeError(f"spec must be a Vega-Lite dict, got {type(spec).__name__}")
    if isinstance(digits, bool) or not isinstance(digits, int) or not 3 <= digits <= 15:
        raise ValueError(f"digits must be an integer from 3 to 15, got {digits!r}")
    out = _rounded(spec, digits)
    datasets = out.get("datasets")
    if isinstance(datasets, dict):
        # Altair's own naming rule (sha256 of the sorted JSON, 32 hex digits), on the rounded values.
        names = {old: "data-" + hashlib.sha256(json.dumps(values, sort_keys=True, default=str).encode())
                 .hexdigest()[:32] for old, values in datasets.items() if old.startswith("data-")}
        names = {old: new for old, new in names.items() if old != new}
        if names:
            out = _renamed({k: v for k, v in out.items() if k != "datasets"}, names)
            out["datasets"] = {names.get(k, k): v for k, v in datasets.items()}
    return out


def _renderer(spec: dict, **metadata) -> dict:
    spec = portable_spec(spec)
    bundle = {
        VEGALITE_MIME: spec,
        "image/png": base64.b64encode(to_png(spec)).decode("ascii"),
        "text/plain": f"<Chart: {_title_text(spec)}>",
    }
    return bundle


def _theme() -> dict:
    return {
        "config": {
            "view": {"continuousWidth": 640, "continuousHeight": 300, "stroke": None},
            "font": chart_font(),
            "title": {"fontSize": 16, "anchor": "start", "subtitleFontSize": 12, "subtitleColor": "#555"},
            "axis": {"labelFontSize": 12, "titleFontSize": 13, "gridColor": "#e6e6e6"},
            "legend": {"labelFontSize": 12, "titleFontSize": 12, "orient": "bottom"},
            "range": {"category": PALETTE},
            "line": {"strokeWidth": 2},
        }
    }


_DONE = False


def setup(lang: str = "en") -> None:
    """Set up a lesson: the offline chart renderer, the course theme, quiet pandas output, the language.

    Call once in the first code cell; ``lang`` is the edition (``"en"``, ``"zh-hans"``, ``"zh-hant"``):
    helper text and chart fonts follow it (see :mod:`helpers.i18n`). Safe to call again.
    """
    global _DONE
    set_language(lang)
    if RENDERER not in alt.renderers.names():
        alt.renderers.register(RENDERER, _renderer)
    alt.renderers.enable(RENDERER)
    alt.theme.register("liquidity_lab", enable=True)(_theme)
    alt.data_transformers.disable_max_rows()
    pd.set_option("display.width", 120)
    pd.set_option("display.max_columns", 20)
    pd.set_option("display.precision", 2)
    # "$" in the course's tables is money, not LaTeX: keep JupyterLab's MathJax away from it.
    pd.set_option("display.html.use_mathjax", False)
    _DONE = True


# ---------------------------------------------------------------------------
# Phase shading and event rules (the phases themselves come from helpers.events.policy_phases)
# ---------------------------------------------------------------------------
def _tip(shorthand: str, title: str, **kwargs) -> alt.Tooltip:
    """A tooltip entry titled ``title`` (already translated) where that differs from the field's name.

    In English the title is the field's own name, so no title is written and the spec is unchanged;
    in the Chinese editions the tooltip shows the translated name instead of the field's.
    """
    field = shorthand.split(":")[0]
    return alt.Tooltip(shorthand, **kwargs) if title == field else alt.Tooltip(shorthand, title=title, **kwargs)


def phase_layer(phases: pd.DataFrame, opacity: float = 0.18) -> alt.Chart:
    """A background layer of shaded QE / QT / reserve-management phases (layer it under a chart).

    ``phases`` is the frame :func:`helpers.events.policy_phases` returns (``phase``, ``start``, ``end``).
    """
    check_frame("phases", phases, ("phase", "start", "end"), dated=False)
    check_number("opacity", opacity, 0, 1, open_lo=True)
    return (
        alt.Chart(phases)
        .mark_rect(opacity=opacity)
        .encode(
            x="start:T",
            x2="end:T",
            color=alt.Color(
                "phase:N",
                title=_("Policy phase"),
                scale=alt.Scale(domain=list(PHASE_COLORS), range=list(PHASE_COLORS.values())),
            ),
            tooltip=[_tip("phase:N", _("phase")), _tip("start:T", _("start"), format="%Y-%m-%d"),
                     _tip("end:T", _("end"), format="%Y-%m-%d")],
        )
    )


def event_rules(events: pd.DataFrame, label: str = "kind", color: str = "#555") -> alt.Chart:
    """Vertical rules at event dates with a tooltip (``events`` indexed by date)."""
    check_frame("events", events, ("description",))
    check_choice("label", label, tuple(c for c in events.columns if isinstance(c, str)))
    check_text("color", color)
    df = events.reset_index()[["date", label, "description"]].rename(columns={label: "label"})
    df["date_text"] = df["date"].dt.strftime("%Y-%m-%d")
    return (
        alt.Chart(df)
        .mark_rule(color=color, strokeDash=[4, 3])
        .encode(x="date:T", tooltip=[_tip("date_text:N", _("date_text")), _tip("label:N", _("label")),
                                     _tip("description:N", _("description"))])
    )


def with_source(chart: alt.TopLevelMixin, source: str = SOURCE_FRED) -> alt.TopLevelMixin:
    """Add a source line under a chart (as the subtitle's last line is easy to miss).

    ``source`` is shown in the current language (:func:`helpers.i18n.text`), looked up when the chart
    is made, so the default :data:`SOURCE_FRED` follows ``helpers.setup(lang=...)``.
    """
    check_chart("chart", chart)
    source = shown_text(check_text("source", source))
    title = chart.title if chart.title is not alt.Undefined else ""
    if isinstance(title, alt.TitleParams):
        text = title.text
        sub = title.subtitle if title.subtitle is not alt.Undefined else []
    else:
        text, sub = title, []
    sub = [sub] if isinstance(sub, str) else list(sub)
    return chart.properties(title=alt.TitleParams(text=text, subtitle=sub + [source]))


def inline_csv(df: pd.DataFrame, name: str, digits: int = 4) -> alt.InlineData:
    """Chart data embedded as one CSV string (about a quarter of the size of JSON rows).

    Vega-Lite reads inline CSV natively; the notebook stores the string as one JSON value instead
    of one indented JSON object per row, which keeps lessons small. The data are named, so Altair
    leaves them where they are in the spec (give the data to the top of a compound chart once and
    let the panels inherit it). The date index becomes a ``date`` column written as local midnight
    (``YYYY-MM-DDT00:00``, as Altair writes dates in JSON data); numbers keep ``digits``
    significant digits, more than a chart can show.
    """
    check_frame("df", df, tuple(c for c in getattr(df, "columns", ()) if isinstance(c, str))[:1])
    check_text("name", name)
    check_int("digits", digits, 1, 17)
    out = df.reset_index()
    out["date"] = out["date"].dt.strftime("%Y-%m-%dT00:00")
    parse = {"date": "date"}
    parse.update({c: "number" for c in df.columns})
    text = out.to_csv(index=False, float_format=f"%.{digits}g", lineterminator="\n")
    return alt.InlineData(values=text, name=name, format=alt.CsvDataFormat(type="csv", parse=parse))


def show_live(chart) -> None:
    """Display a chart (an Altair chart or a Vega-Lite dict) inside a live widget, spec only.

    Widget output is never saved in the notebook, so the PNG the course renderer adds is not
    needed there; skipping it keeps each widget update fast.
    """
    from IPython.display import display


    spec = chart if isinstance(chart, dict) else check_chart("chart", chart).to_dict(validate=False)
    display({VEGALITE_MIME: spec, "text/plain": "<Chart>"}, raw=True)
