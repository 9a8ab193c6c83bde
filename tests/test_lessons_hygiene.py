"""Every lesson: executed top to bottom in a fresh kernel, clean outputs, template, small."""
import json
import re
from pathlib import Path

import pytest

from helpers.course import LESSONS

ROOT = Path(__file__).resolve().parent.parent
NOTEBOOKS = sorted((ROOT / "lessons").glob("*.ipynb"))
MACHINE_PATH = re.compile(r"(/root/|/home/[\w.-]+/|/tmp/|/work/|/var/folders/|/Users/|[A-Z]:\\Users\\)")
TIMESTAMP = re.compile(r"\b20\d\d-\d\d-\d\dT\d\d:\d\d:\d\d")
SIZE_LIMIT = {"00": 600_000}
DEFAULT_LIMIT = 800_000
VEGALITE = "application/vnd.vegalite.v5+json"


def _nb(path):
    return json.loads(path.read_text(encoding="utf-8"))


def _texts(output):
    if "text" in output:
        yield "".join(output["text"]) if isinstance(output["text"], list) else output["text"]
    for mime, value in output.get("data", {}).items():
        if isinstance(value, str):
            yield value
        elif isinstance(value, list):
            yield "".join(value)


def test_lessons_exist_and_are_named_as_the_course_map():
    assert NOTEBOOKS, "no lessons found"
    known = {l.file for l in LESSONS}
    for path in NOTEBOOKS:
        assert path.name in known, f"{path.name} is not in helpers.course.LESSONS"
        assert re.fullmatch(r"\d\d_[a-z0-9_]+\.ipynb", path.name)


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_executed_in_order_in_a_fresh_kernel(path):
    nb = _nb(path)
    assert nb["metadata"]["kernelspec"]["name"] == "python3"
    counts = [c["execution_count"] for c in nb["cells"] if c["cell_type"] == "code" and "".join(c["source"]).strip()]
    assert counts == list(range(1, len(counts) + 1)), f"execution counts {counts[:8]}...: run top to bottom"
    assert "widgets" not in nb["metadata"], "saved widget state (random model ids): use tools/execute_lessons.py"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_outputs_are_clean(path):
    nb = _nb(path)
    for i, cell in enumerate(nb["cells"]):
        for out in cell.get("outputs", []):
            assert out["output_type"] != "error", f"cell {i}: stored error {out.get('ename')}"
            assert not (out["output_type"] == "stream" and out["name"] == "stderr"), f"cell {i}: stderr output"
            for text in _texts(out):
                assert not MACHINE_PATH.search(text), f"cell {i}: machine path in output"
                assert not TIMESTAMP.search(text), f"cell {i}: timestamp in output"
                assert "Warning" not in text or "NBVAL" in "".join(cell["source"]), f"cell {i}: warning in output"
            html = "".join(out.get("data", {}).get("text/html", ""))
            assert "cdn.jsdelivr" not in html and "altair-viz-" not in html, f"cell {i}: Altair HTML (CDN) renderer"
        if cell["cell_type"] == "code":
            assert not cell["metadata"].get("execution"), f"cell {i}: timing metadata"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_size_limit(path):
    limit = SIZE_LIMIT.get(path.name[:2], DEFAULT_LIMIT)
    assert path.stat().st_size < limit, f"{path.name} is {path.stat().st_size} bytes (limit {limit})"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_follows_the_lesson_template(path):
    nb = _nb(path)
    cells = nb["cells"]
    number = path.name[:2]
    title = "".join(cells[0]["source"])
    assert title.startswith(f"# {number} ·"), "title cell: '# NN · English — 中文'"
    assert re.search(r"[\u4e00-\u9fff]", title), "title cell needs the Chinese title"
    assert "Time:" in title or "time:" in title.lower()
    assert "Prerequisite" in title
    code = [c for c in cells if c["cell_type"] == "code"]
    assert "helpers.setup()" in "".join(code[0]["source"]), "first code cell: imports and helpers.setup()"
    text = "\n".join("".join(c["source"]) for c in cells if c["cell_type"] == "markdown")
    assert "Key takeaways" in text and "Sources" in text
    assert "Check yourself" in text
    assert "What to notice" in text
    sources = "\n".join("".join(c["source"]) for c in code)
    assert len(re.findall(r"ex\.q\d\.check\(", sources)) >= 3, "3-5 exercises with check()"
    assert "quiz" in sources
    charts = sum(VEGALITE in o.get("data", {}) for c in code for o in c.get("outputs", []))
    assert charts >= 1, "at least one chart"
    specs = [o["data"][VEGALITE] for c in code for o in c.get("outputs", []) if VEGALITE in o.get("data", {})]
    assert any("bind" in json.dumps(s) or '"select"' in json.dumps(s) for s in specs), \
        "at least one chart with a bound parameter or selection (works without a kernel)"
    for s in specs:
        assert s.get("title"), "every chart has a title that states its point"
    if number in ("05", "06", "07"):
        assert "investment advice" in text.lower()
    if number != "00":
        assert re.search(r"https://www\.(federalreserve\.gov|newyorkfed\.org)/", text + sources), \
            "primary sources linked"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_ignore_output_only_on_widget_cells(path):
    nb = _nb(path)
    cells = nb["cells"]
    for i, cell in enumerate(cells):
        src = "".join(cell["source"])
        if cell["cell_type"] != "code" or "NBVAL_IGNORE_OUTPUT" not in src:
            continue
        widget_out = any("application/vnd.jupyter.widget-view+json" in o.get("data", {}) for o in cell["outputs"])
        assert widget_out, f"cell {i}: NBVAL_IGNORE_OUTPUT on a cell that shows no live widget"
        nxt = next((c for c in cells[i + 1:] if c["cell_type"] == "code"), None)
        assert nxt is not None and "NBVAL_IGNORE_OUTPUT" not in "".join(nxt["source"]) and nxt["outputs"], \
            f"cell {i}: a live-widget cell must be followed by a plain cell whose output nbval checks"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_navigation_links(path):
    nb = _nb(path)
    md = ["".join(c["source"]) for c in nb["cells"] if c["cell_type"] == "markdown"]
    assert "00_start_here.ipynb" in md[1] and "00_start_here.ipynb" in md[-1], \
        "navigation line under the title and at the end"


def _spec_datasets(spec):
    """Every inline dataset of a Vega-Lite spec: named datasets and `data.values` at any depth."""
    for rows in spec.get("datasets", {}).values():
        yield rows
    stack = [spec]
    while stack:
        node = stack.pop()
        if isinstance(node, dict):
            values = node.get("data", {}).get("values") if isinstance(node.get("data"), dict) else None
            if values is not None:
                yield values
            stack.extend(v for k, v in node.items() if k != "datasets")
        elif isinstance(node, list):
            stack.extend(node)


def _rows(values) -> int:
    # Inline CSV (a string with a format) counts its lines, less the header.
    return max(len(values.strip().splitlines()) - 1, 0) if isinstance(values, str) else len(values)


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_charts_stay_small(path):
    nb = _nb(path)
    for c in nb["cells"]:
        for o in c.get("outputs", []):
            spec = o.get("data", {}).get(VEGALITE)
            if not spec:
                continue
            for values in _spec_datasets(spec):
                assert _rows(values) <= 2500, f"a chart embeds {_rows(values)} rows: aggregate in pandas first"
            assert "image/png" in o["data"], "every chart carries a PNG fallback"


def test_row_counting_sees_inline_csv_and_nested_values():
    spec = {"datasets": {"a": [{"x": 1}] * 3},
            "layer": [{"data": {"values": "x,y\n1,2\n3,4\n", "format": {"type": "csv"}}}]}
    assert sorted(_rows(v) for v in _spec_datasets(spec)) == [2, 3]
