"""Every lesson, run in JupyterLab in a real browser (headless Debian Chromium via Playwright).

nbval proves the kernel side; this proves the learner's side: charts drawn, widgets answering,
no errors, nothing fetched from outside. The machinery is in ``browser_support.py``; the
scratch-notebook tests at the end prove that it catches a broken chart (Altair's CDN renderer)
and a widget callback that raises.

Needs a Chromium: `make test` gets one (`make browser`: Debian's chromium, else Playwright's own;
$LIQUIDITY_LAB_CHROMIUM may point at another). Timings go to
test-artifacts/browser_timings.json (`make bench` reports them); on a failure the screenshot and
the console log are saved under test-artifacts/browser/ and their paths are in the message.
"""
from __future__ import annotations

import sys
import time
from pathlib import Path

import nbformat
import pytest

import browser_support as bs

pytestmark = [pytest.mark.browser, pytest.mark.slow]

LESSONS = bs.lesson_files()
REPORTS: list[bs.Report] = []


@pytest.fixture(scope="module")
def scratch_notebooks(tmp_path_factory) -> dict[str, Path]:
    """Scratch notebooks (outside lessons/) that prove the checker: one good, three broken.

    Their saved outputs are written here rather than by running a kernel (the checker only
    counts them: one chart with one bound input, two widget views), which keeps this fast.
    """
    folder = tmp_path_factory.mktemp("scratch")
    notebooks = {}
    for name, edit in (("good", None), ("cdn", _use_cdn_renderer), ("raises", _raise_in_callbacks),
                       ("dollars", _bare_dollars)):
        nb = _scratch_notebook()
        if edit:
            edit(nb)
        path = folder / f"{name}.ipynb"
        nbformat.write(nb, path)
        notebooks[f"scratch/{name}.ipynb"] = path
    return notebooks


@pytest.fixture(scope="module")
def lab(tmp_path_factory, scratch_notebooks):
    """One JupyterLab server and one browser for every notebook of this module."""
    try:
        bs.require_chromium()
    except bs.BrowserSetupError as exc:
        pytest.fail(str(exc), pytrace=False)
    t0, cpu0 = time.monotonic(), bs.cpu_seconds()
    tmp = tmp_path_factory.mktemp("browser")
    root = bs.stage_root(tmp / "root", scratch_notebooks)
    server = bs.LabServer(root, tmp / "lab").launch()
    browser = None
    try:
        browser = bs.LabBrowser(server, start_lab=False).start()   # Chromium starts while the server does
        server.wait_ready()
        browser.load_lab()
        setup = time.monotonic() - t0
        yield browser
    finally:
        if browser is not None:
            browser.close()
        server.stop()
    if REPORTS:   # for `make bench`: test-artifacts/browser_timings.json
        bs.write_timings(REPORTS, setup, bs.cpu_seconds() - cpu0)


@pytest.mark.parametrize("lesson", LESSONS, ids=[bs.lesson_rel(p)[len("lessons/"):] for p in LESSONS])
def test_lesson_in_browser(lab, lesson):
    """Every lesson of every edition (English, 简体中文, 繁體中文): Run All, check, move the controls."""
    i = LESSONS.index(lesson)
    # the next notebook opens and runs in a second tab meanwhile
    then = bs.lesson_rel(LESSONS[i + 1]) if i + 1 < len(LESSONS) else "scratch/good.ipynb"
    report = lab.check(bs.lesson_rel(lesson), then=then)
    REPORTS.append(report)
    assert report.ok, report.summary()


def test_there_are_lessons_to_check():
    from helpers.course import LESSONS as COURSE

    assert LESSONS, "no notebook in lessons/: the browser test has nothing to check"
    assert {l.file for l in COURSE if l.file in {p.name for p in LESSONS}}, "no lesson of the course map found"


# ---------------------------------------------------------------------------
# The checker itself, on scratch notebooks
# ---------------------------------------------------------------------------
SETUP = """\
import altair as alt
import ipywidgets as widgets
import pandas as pd
from IPython.display import display

from helpers import charts
from helpers.exercises import Choice, Quiz

charts.setup()"""

CHART = """\
df = pd.DataFrame({"x": list(range(12)), "y": [i * i for i in range(12)]})
cut = alt.param(name="cut", value=3, bind=alt.binding_range(min=0, max=11, step=1, name="Cut "))
(alt.Chart(df, title="Scratch chart")
 .mark_bar()
 .encode(x=alt.X("x:O", title="x"), y=alt.Y("y:Q", title="y"),
         color=alt.condition(alt.datum.x > cut, alt.value("#0072B2"), alt.value("#E69F00")))
 .add_params(cut))"""

PANEL = """\
n = widgets.IntSlider(value=3, min=1, max=10, description="n")

def show(n):
    print(f"{n} squared is {n * n}")

out = widgets.interactive_output(show, {"n": n})
display(widgets.VBox([n, out]))"""

QUIZ = """\
Quiz("Scratch quiz", [Choice("Which is right?", ["this one", "that one"], 1, ["no", "yes"])]).show()"""


def _scratch_notebook() -> nbformat.NotebookNode:
    """The four cells, with the outputs a run saves (what the checker compares the page with)."""
    new = nbformat.v4
    view = {bs.WIDGET_MIME: {"model_id": "0" * 32, "version_major": 2, "version_minor": 0}}
    spec = {"mark": {"type": "bar"}, "params": [{"name": "cut", "value": 3, "bind": {"input": "range"}}]}
    nb = new.new_notebook(metadata={"kernelspec": {"name": "python3", "display_name": "Python 3 (ipykernel)",
                                                   "language": "python"},
                                    "liquidity_lab": {"formulas": ["x^2 + y^2 = z^2"]}})
    nb.cells = [
        new.new_markdown_cell("# Scratch notebook for the browser-test checker\n\n"
                              "It cost <span>\\$</span>10 in 2019 and <span>\\$</span>20 in 2025; the one formula:"
                              "\n\n$$x^2 + y^2 = z^2$$"),
        new.new_code_cell(SETUP, execution_count=1),
        new.new_code_cell(CHART, execution_count=2, outputs=[new.new_output(
            "execute_result", {bs.VEGALITE_MIME: spec, "text/plain": "<Chart: Scratch chart>"}, execution_count=2)]),
        new.new_code_cell(PANEL, execution_count=3, outputs=[new.new_output(
            "display_data", {**view, "text/plain": "VBox(...)"})]),
        new.new_code_cell(QUIZ, execution_count=4, outputs=[new.new_output(
            "execute_result", {**view, "text/plain": "VBox(...)"}, execution_count=4)]),
    ]
    return nb


def _bare_dollars(nb) -> None:
    # prose with two unescaped dollar signs: JupyterLab typesets "10 in 2019 and " as maths; and
    # a backslash alone is not enough (the markdown renderer drops it before MathJax looks)
    nb.cells[0].source += ("\n\nA lesson that forgot to escape: it cost $10 in 2019 and $20 in 2025."
                           "\n\nOne that escaped with a backslash only: \\$30 in 2024 and \\$40 in 2026.")


def _use_cdn_renderer(nb) -> None:
    # a lesson "switched to Altair's default renderer": it loads Vega from a CDN
    nb.cells[1].source += '\nalt.renderers.enable("html")'


def _raise_in_callbacks(nb) -> None:
    nb.cells[3].source = nb.cells[3].source.replace(
        '    print(f"{n} squared is {n * n}")',
        '    if n != 3:\n        raise ZeroDivisionError("scratch: the slider callback failed")\n'
        '    print(f"{n} squared is {n * n}")')
    nb.cells[4].source = RAISING_QUIZ


RAISING_QUIZ = """\
quiz = Quiz("Scratch quiz", [Choice("Which is right?", ["this one", "that one"], 1, ["no", "yes"])]).show()

def fail(_button):
    raise RuntimeError("scratch: the button callback failed")

for button in quiz.children[1].children[1:-1]:
    button.on_click(fail)
quiz"""


def test_checker_passes_a_good_notebook(lab):
    report = lab.check("scratch/good.ipynb", then="scratch/cdn.ipynb")
    assert report.ok, report.summary()
    kinds = " ".join(report.moved)
    assert "ipywidgets slider" in kinds and "vega range" in kinds and "button click" in kinds, report.moved
    assert report.counts["drawn_charts"] == 1 and report.counts["vega_inputs"] == 1
    assert report.counts["typeset_maths"] == 1   # the declared formula, and no escaped dollar amount
    kernels = lab.server.kernel_commands()
    assert all(cmd[0] == sys.executable for cmd in kernels), kernels


def test_checker_catches_the_cdn_renderer(lab):
    report = lab.check("scratch/cdn.ipynb", then="scratch/raises.ipynb")
    problems = "\n".join(report.problems)
    assert "outside host: https://cdn.jsdelivr.net/" in problems, report.summary()
    assert "0 charts on the page, but the notebook file has 1" in problems, report.summary()
    assert any(Path(a).suffix == ".png" for a in report.artifacts), report.artifacts
    assert any(a.endswith(".console.log") for a in report.artifacts), report.artifacts


def test_checker_catches_a_raising_widget_callback(lab):
    report = lab.check("scratch/raises.ipynb", then="scratch/dollars.ipynb")
    problems = "\n".join(report.problems)
    assert "ZeroDivisionError: scratch: the slider callback failed" in problems, report.summary()
    assert "RuntimeError: scratch: the button callback failed" in problems, report.summary()


def test_checker_catches_dollar_amounts_typeset_as_maths(lab):
    report = lab.check("scratch/dollars.ipynb")
    problems = "\n".join(report.problems)
    assert report.counts["typeset_maths"] == 3, report.summary()
    assert "3 typeset maths element(s) on the page, but the lesson declares 1 formula(s)" in problems, problems
    assert "10in2019and" in problems and "30in2024and" in problems, problems   # it names what was typeset
