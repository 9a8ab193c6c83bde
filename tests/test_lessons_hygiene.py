"""Every lesson: executed top to bottom in a fresh kernel, clean outputs, template, small."""
import json
import re
from pathlib import Path

import pytest

from helpers.course import LESSONS

ROOT = Path(__file__).resolve().parent.parent
NOTEBOOKS = sorted((ROOT / "lessons").glob("*.ipynb"))
# The 简体中文 and 繁體中文 editions (tools/translate.py): every check that does not read English words
# runs on them too.
EDITIONS = ("zh-hans", "zh-hant")
EDITION_NOTEBOOKS = sorted(p for code in EDITIONS for p in (ROOT / "lessons" / code).glob("*.ipynb"))
ALL_NOTEBOOKS = NOTEBOOKS + EDITION_NOTEBOOKS


def _id(path: Path) -> str:
    return str(path.relative_to(ROOT / "lessons"))
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


@pytest.mark.parametrize("path", ALL_NOTEBOOKS, ids=_id)
def test_executed_in_order_in_a_fresh_kernel(path):
    nb = _nb(path)
    assert nb["metadata"]["kernelspec"]["name"] == "python3"
    counts = [c["execution_count"] for c in nb["cells"] if c["cell_type"] == "code" and "".join(c["source"]).strip()]
    assert counts == list(range(1, len(counts) + 1)), f"execution counts {counts[:8]}...: run top to bottom"
    assert "widgets" not in nb["metadata"], "saved widget state (random model ids): use tools/execute_lessons.py"


@pytest.mark.parametrize("path", ALL_NOTEBOOKS, ids=_id)
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


@pytest.mark.parametrize("path", ALL_NOTEBOOKS, ids=_id)
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


@pytest.mark.parametrize("path", ALL_NOTEBOOKS, ids=_id)
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


@pytest.mark.parametrize("path", ALL_NOTEBOOKS, ids=_id)
def test_navigation_links(path):
    nb = _nb(path)
    md = ["".join(c["source"]) for c in nb["cells"] if c["cell_type"] == "markdown"]
    assert "00_start_here.ipynb" in md[1] and "00_start_here.ipynb" in md[-1], \
        "navigation line under the title and at the end"


@pytest.mark.parametrize("path", EDITION_NOTEBOOKS, ids=_id)
def test_edition_follows_the_english_lesson(path):
    """A translated lesson: the English template, cell for cell, in Chinese, executed with its language."""
    nb, english = _nb(path), _nb(ROOT / "lessons" / path.name)
    edition = path.parent.name
    cells, en_cells = nb["cells"], english["cells"]
    assert [c["cell_type"] for c in cells] == [c["cell_type"] for c in en_cells]
    title = "".join(cells[0]["source"])
    assert title.startswith(f"# {path.name[:2]} ·") and "**版本：**" in title, "title and editions line"
    code = [c for c in cells if c["cell_type"] == "code"]
    assert f'helpers.setup(lang="{edition}")' in "".join(code[0]["source"])
    assert nb["metadata"]["liquidity_lab"]["edition"] == edition
    markdown = ["".join(c["source"]) for c in cells if c["cell_type"] == "markdown"]
    assert all(re.search(r"[\u4e00-\u9fff]", m) for m in markdown if len(m) > 40), "every prose cell is translated"
    charts = lambda book: [o["data"][VEGALITE].get("title") for c in book["cells"] for o in c.get("outputs", [])  # noqa: E731
                           if VEGALITE in o.get("data", {})]
    assert len(charts(nb)) == len(charts(english)) and all(charts(nb)), "the same charts, each with a title"
    titles = json.dumps(charts(nb), ensure_ascii=False)
    assert re.search(r"[\u4e00-\u9fff]", titles), "chart titles in Chinese"
    if edition == "zh-hant":  # converted prose: simplified-only characters only inside article quotes 「…」
        prose = re.sub(r"「[^」]*」", "", "".join(markdown))
        assert not re.search("[们这国说发时个会对经过还进]", prose), "繁體中文 prose still has simplified characters"


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


@pytest.mark.parametrize("path", ALL_NOTEBOOKS, ids=_id)
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


# ---------------------------------------------------------------------------
# Prose renders as prose: no MathJax on dollar amounts
# ---------------------------------------------------------------------------
# JupyterLab 4.6 typesets as mathematics the text between two dollar signs in one run of text, and
# anything in "$$…$$", "\(…\)", "\[…\]" or "\begin{…}…\end{…}"; code is left alone. A backslash
# is not enough: the markdown renderer turns "\$" into "$" before MathJax reads the page
# (jupyterlab/jupyterlab#8645), so "\$10 and \$20" is typeset too. What works in JupyterLab, on
# GitHub (its documented form) and in the static site alike is a dollar sign in its own element:
# "<span>\$</span>10". House style: every dollar sign in prose is written that way; every
# formula is "$$…$$" and declared in the notebook's metadata, liquidity_lab.formulas (its TeX
# source), so a test can tell an intended formula from prose that turned into maths. The
# browser test counts the same formulas on the page after Run All.
DOLLAR_MARKUP = "<span>\\$</span>"
_CODE = re.compile(r"^(```|~~~).*?^\1[ \t]*$|`[^`\n]*`|^(?: {4}|\t).*$", re.S | re.M)
_DISPLAY = re.compile(r"\$\$(.+?)\$\$|\\\[(.+?)\\\]|\\begin\{(\w+\*?)\}.*?\\end\{\3\}", re.S)
_INLINE_PAREN = re.compile(r"\\\((.+?)\\\)", re.S)
_BARE_DOLLAR = re.compile(r"\\?\$")


def math_in_markdown(text: str) -> tuple[list[str], list[str]]:
    """(formulas, stray): the display formulas of a markdown text, and each dollar sign outside
    code and formulas that is not written as <span>\\$</span>, with its context."""
    text = _CODE.sub(" ", text).replace(DOLLAR_MARKUP, " ")
    formulas = [next(g for g in m.groups() if g).strip() for m in _DISPLAY.finditer(text)]
    text = _DISPLAY.sub(" ", text)
    formulas += [m.group(1).strip() for m in _INLINE_PAREN.finditer(text)]
    text = _INLINE_PAREN.sub(" ", text)
    stray = [text[max(m.start() - 25, 0):m.end() + 25].replace("\n", " ") for m in _BARE_DOLLAR.finditer(text)]
    return formulas, stray


def declared_formulas(nb: dict) -> list[str]:
    return list(nb["metadata"].get("liquidity_lab", {}).get("formulas", []))


_NO_MATHS_CLASS = re.compile(r"class=['\"][^'\"]*\b(tex2jax_ignore|mathjax_ignore)\b")


def _html_without_tags(html: str) -> str:
    html = re.sub(r"<style.*?</style>", " ", html, flags=re.S)
    return re.sub(r"<[^>]+>", " ", html)


def math_problems(nb: dict) -> list[str]:
    """Every place where a notebook would show typeset maths it did not declare."""
    problems, found = [], []
    for i, cell in enumerate(nb["cells"]):
        src = "".join(cell["source"])
        if cell["cell_type"] == "markdown":
            formulas, stray = math_in_markdown(src)
            found += formulas
            problems += [f"cell {i}: a dollar sign MathJax may pair …{s}… (write {DOLLAR_MARKUP})" for s in stray]
        for out in cell.get("outputs", []):
            data = out.get("data", {})
            md = "".join(data.get("text/markdown", ""))
            if md:
                formulas, stray = math_in_markdown(md)
                problems += [f"cell {i}: maths in a markdown output …{s}…" for s in formulas + stray]
            html = "".join(data.get("text/html", ""))
            if html and not _NO_MATHS_CLASS.search(html):
                text = _html_without_tags(html)
                if len(_BARE_DOLLAR.findall(text)) >= 2 or _DISPLAY.search(text) or _INLINE_PAREN.search(text):
                    problems.append(f"cell {i}: an HTML output with $ amounts and no tex2jax_ignore class")
    declared = declared_formulas(nb)
    if sorted(found) != sorted(declared):
        problems.append(f"formulas in markdown {found} differ from metadata liquidity_lab.formulas {declared}")
    return problems


@pytest.mark.parametrize("path", ALL_NOTEBOOKS, ids=_id)
def test_prose_renders_as_prose(path):
    problems = math_problems(_nb(path))
    assert not problems, "\n".join(problems)


def _one_cell_notebook(markdown: str, formulas=(), outputs=()) -> dict:
    return {"metadata": {"liquidity_lab": {"formulas": list(formulas)}},
            "cells": [{"cell_type": "markdown", "source": [markdown], "metadata": {}},
                      {"cell_type": "code", "source": ["x"], "metadata": {}, "outputs": list(outputs)}]}


@pytest.mark.parametrize("markdown", [
    "It cost $10 in 2019 and $20 in 2025.",                     # the classic pair
    "It cost \\$10 in 2019 and \\$20 in 2025.",                 # escaped: JupyterLab still typesets it
    "A single $5 note.",                                         # one bare sign is a slip too
    "Marked up <span>\\$</span>10 but not \\$20.",
    "Between `code $1` and $2 … $3.",
    "<span>$</span>10 and <span>$</span>20",                     # unescaped inside: the raw text pairs
])
def test_math_check_catches_bare_dollars(markdown):
    assert math_problems(_one_cell_notebook(markdown))


@pytest.mark.parametrize("markdown", [
    "It cost <span>\\$</span>10 in 2019 and <span>\\$</span>20 in 2025.",
    "In code: `df['$'] + $x$`, and\n\n```python\nprint('$1', '$2')\n```\n",
    "    indented code $1 and $2",
])
def test_math_check_passes_escaped_dollars_and_code(markdown):
    assert not math_problems(_one_cell_notebook(markdown))


def test_math_check_wants_formulas_declared():
    md = "The identity:\n\n$$a = b + c$$\n\nand <span>\\$</span>5."
    assert not math_problems(_one_cell_notebook(md, formulas=["a = b + c"]))
    assert math_problems(_one_cell_notebook(md))                                   # not declared
    assert math_problems(_one_cell_notebook(md, formulas=["a = b + c", "x"]))     # declared, missing
    assert math_problems(_one_cell_notebook("\\(x^2\\) inline", formulas=[])) # \( … \) typesets too


def test_math_check_reads_outputs():
    pair = "<p>from $10 to $20</p>"
    html_out = {"output_type": "display_data", "data": {"text/html": [pair]}, "metadata": {}}
    assert math_problems(_one_cell_notebook("ok", outputs=[html_out]))
    safe = {"output_type": "display_data", "metadata": {},
            "data": {"text/html": [f"<div class='tex2jax_ignore'>{pair}</div>"]}}
    assert not math_problems(_one_cell_notebook("ok", outputs=[safe]))
    md_out = {"output_type": "display_data", "data": {"text/markdown": ["from $10 to $20"]}, "metadata": {}}
    assert math_problems(_one_cell_notebook("ok", outputs=[md_out]))
