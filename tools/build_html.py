"""Build the static HTML edition of the course: an index with the course map, one page per lesson.

    python tools/build_html.py [--out site] [--lessons lessons]      (`make html`)

Why nbconvert and not a Jupyter Book: nbconvert is already pinned in requirements.txt (one source
of truth, nothing new to install or keep in step), the lessons are committed executed so nothing
needs to run, and a Jupyter Book would pull in Sphinx and a theme that loads fonts and scripts
from the web. nbconvert's ``lab`` template gives the same look as JupyterLab with its CSS inlined.

Offline by construction:
* charts: every chart output carries a PNG made by the course renderer (helpers.charts); the
  HTML exporter has no Vega-Lite renderer in its display priority, so it shows that PNG, inlined
  as a data: URI, with the chart's title as its alt text;
* the template's CDN scripts (require.js, MathJax, mermaid, the widget manager) are left out;
  display formulas ($$ … $$) become MathML (latex2mathml), which the browser draws itself;
* ipywidgets outputs (which need a kernel; no widget state is saved) become a short note saying
  how to use them, instead of their text repr;
* links between lessons point at the pages (at the course map for a lesson not written yet), links to Markdown files under docs/ at pages
  rendered from them.
"""
from __future__ import annotations

import argparse
import html
import re
import shutil
import sys
from pathlib import Path

import jinja2
import mistune
import nbformat
from nbconvert import HTMLExporter

REPO = Path(__file__).resolve().parent.parent
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

from helpers.course import LESSONS, Lesson  # noqa: E402

VEGALITE_MIME = "application/vnd.vegalite.v5+json"
WIDGET_MIME = "application/vnd.jupyter.widget-view+json"
COURSE_FILES = {lesson.file for lesson in LESSONS}
COURSE = "Liquidity Lab"

NAV_CSS = """
.ll-nav { display: flex; justify-content: space-between; gap: 1em; flex-wrap: wrap;
  max-width: 1100px; margin: 0 auto; padding: 10px 24px; font-family: var(--jp-ui-font-family, sans-serif);
  font-size: 14px; border-bottom: 1px solid #ddd; }
.ll-nav.ll-bottom { border-top: 1px solid #ddd; border-bottom: none; margin-top: 24px; }
.ll-nav a { color: #0b5394; text-decoration: none; }
.ll-nav a:hover { text-decoration: underline; }
.ll-nav .ll-none { color: transparent; }
.ll-widget-note { border-left: 4px solid #56B4E9; background: #f0f7fc; color: #23425a; padding: 8px 12px;
  border-radius: 4px; font-family: var(--jp-ui-font-family, sans-serif); font-size: 13px; }
.ll-math { margin: 0.8em 0; overflow-x: auto; font-size: 1.15em; }
img.ll-chart { max-width: 100%; height: auto; }
"""

PAGE_CSS = """
body { font-family: -apple-system, "Segoe UI", "DejaVu Sans", Helvetica, Arial, sans-serif; color: #222;
  max-width: 1100px; margin: 0 auto; padding: 0 24px 40px; line-height: 1.5; }
h1 { margin-top: 28px; } a { color: #0b5394; }
table { border-collapse: collapse; margin: 1em 0; width: 100%; }
th, td { border: 1px solid #ddd; padding: 6px 10px; text-align: left; vertical-align: top; }
th { background: #f3f6f9; } td.num { text-align: right; white-space: nowrap; }
.note { background: #f0f7fc; border-left: 4px solid #56B4E9; padding: 8px 12px; border-radius: 4px; }
"""

TEMPLATE = r"""
{%- extends 'index.html.j2' -%}
{#- No CDN scripts: the page must work offline. -#}
{%- block html_head_js_requirejs -%}{%- endblock html_head_js_requirejs -%}
{%- block html_head_js_mathjax -%}{%- endblock html_head_js_mathjax -%}
{%- block html_head_js_mermaidjs -%}{%- endblock html_head_js_mermaidjs -%}
{%- block jupyter_widgets -%}{%- endblock jupyter_widgets -%}
{%- block extra_css -%}<style type="text/css">{{ resources.ll_css }}</style>{%- endblock extra_css -%}
{%- block body_header -%}
{{ super() }}
{{ resources.ll_nav_top }}
{%- endblock body_header -%}
{%- block body_footer -%}
{{ resources.ll_nav_bottom }}
{{ super() }}
{%- endblock body_footer -%}
{%- block data_png scoped -%}
{%- if 'application/vnd.vegalite.v5+json' in output.data -%}
<div class="jp-RenderedImage jp-OutputArea-output {{ extra_class }}">
<img class="ll-chart" src="data:image/png;base64,{{ output.data['image/png'] | escape_html }}" alt="{{ output.data.get('text/plain', 'Chart') | chart_alt }}">
</div>
{%- else -%}
{{ super() }}
{%- endif -%}
{%- endblock data_png -%}
"""

WIDGET_NOTE = ('<div class="ll-widget-note">Interactive widget: it needs a running Python kernel. '
               'Open this lesson in JupyterLab (<code>make lab</code>) to use it.</div>')


def _chart_alt(text) -> str:
    """'<Chart: Fed total assets …>' -> 'Chart: Fed total assets …' (escaped for an attribute)."""
    text = "".join(text) if isinstance(text, list) else str(text)
    return html.escape(text.strip().strip("<>").strip() or "Chart", quote=True)


def available_lessons(lessons_dir: Path) -> list[Lesson]:
    """The course map's lessons whose notebook exists, in course order."""
    return [lesson for lesson in LESSONS if (lessons_dir / lesson.file).exists()]


def page_name(lesson: Lesson) -> str:
    return Path(lesson.file).with_suffix(".html").name


def _nav(lessons: list[Lesson], i: int, where: str) -> str:
    def link(lesson: Lesson, text: str, rel: str) -> str:
        return f'<a rel="{rel}" href="{page_name(lesson)}">{html.escape(text)}</a>'

    prev = (link(lessons[i - 1], f"← {lessons[i - 1].number} {lessons[i - 1].title}", "prev")
            if i > 0 else '<span class="ll-none">←</span>')
    nxt = (link(lessons[i + 1], f"{lessons[i + 1].number} {lessons[i + 1].title} →", "next")
           if i + 1 < len(lessons) else '<span class="ll-none">→</span>')
    home = f'<a href="index.html">{COURSE}: course map</a>'
    return f'<nav class="ll-nav {where}" aria-label="Lessons">{prev}{home}{nxt}</nav>'


class _Links:
    """Rewrite relative links of a page so they work inside the site."""

    HREF = re.compile(r'(href|src)="(?![a-z][a-z0-9+.-]*:|#|/)([^"#?]+)([^"]*)"', re.I)

    def __init__(self, out: Path, lessons_dir: Path, pages: dict[str, str]):
        self.out, self.lessons_dir, self.pages = out, lessons_dir, pages
        self.extra: dict[Path, str] = {}   # repo file -> its path in the site

    def __call__(self, page_html: str) -> str:
        return self.HREF.sub(self._sub, page_html)

    def _sub(self, m: re.Match) -> str:
        attr, target, rest = m.group(1), html.unescape(m.group(2)), m.group(3)
        name = Path(target).name
        if name in self.pages and Path(target).suffix == ".ipynb":
            return f'{attr}="{self.pages[name]}{rest}"'
        if name in COURSE_FILES:   # a lesson of the course map not written yet: the map says so
            return f'{attr}="index.html"'
        src = (REPO / "lessons" / target).resolve()   # as authored: relative to the repo's lessons/
        try:
            rel = src.relative_to(REPO)
        except ValueError:
            return m.group(0)
        if not src.is_file() or rel.parts[0].startswith("."):
            return m.group(0)
        site_rel = rel.with_suffix(".html") if src.suffix == ".md" else rel
        self.extra[src] = site_rel.as_posix()
        return f'{attr}="{html.escape(site_rel.as_posix())}{rest}"'

    def write_extra(self) -> list[Path]:
        written = []
        for src, rel in self.extra.items():
            dest = self.out / rel
            dest.parent.mkdir(parents=True, exist_ok=True)
            if src.suffix == ".md":
                depth = len(Path(rel).parts) - 1
                body = mistune.create_markdown(plugins=["table", "strikethrough", "url"])(
                    src.read_text(encoding="utf-8"))
                title = src.stem.replace("_", " ").capitalize()
                dest.write_text(_plain_page(f"{title} — {COURSE}", body, "../" * depth), encoding="utf-8")
            else:
                shutil.copy2(src, dest)
            written.append(dest)
        return written


def _plain_page(title: str, body: str, root: str = "") -> str:
    return (f'<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n'
            f'<meta name="viewport" content="width=device-width, initial-scale=1.0">\n'
            f"<title>{html.escape(title)}</title>\n<style>{PAGE_CSS}</style>\n</head>\n<body>\n"
            f'<p><a href="{root}index.html">← {COURSE}: course map</a></p>\n{body}\n</body>\n</html>\n')


_MATH = re.compile(r"\$\$(.+?)\$\$", re.S)


def _math_boxes(page_html: str) -> str:
    """Display formulas ($$ … $$, left for MathJax by nbconvert) as MathML, drawn by the browser
    itself (no MathJax, no script, works offline); the TeX source stays in the title."""
    from latex2mathml.converter import convert

    def mathml(m: re.Match) -> str:
        tex = html.unescape(m.group(1)).strip()
        return f'<div class="ll-math" title="{html.escape(tex)}">{convert(tex, display="block")}</div>'

    return _MATH.sub(mathml, page_html)


def _prepare(nb) -> None:
    """ipywidgets outputs (no widget state is saved: it needs a kernel) -> a note for the reader."""
    for cell in nb.cells:
        for out in cell.get("outputs", []):
            if WIDGET_MIME in out.get("data", {}):
                out["data"] = {"text/html": WIDGET_NOTE}


def exporter() -> HTMLExporter:
    exp = HTMLExporter(template_name="lab", extra_loaders=[jinja2.DictLoader({"ll_lesson.html.j2": TEMPLATE})],
                       template_file="ll_lesson.html.j2", embed_images=True)
    exp.register_filter("chart_alt", _chart_alt)
    return exp


def build(out: Path, lessons_dir: Path = REPO / "lessons") -> list[Path]:
    """Write the site into ``out`` (replaced); return the pages written, index first."""
    out, lessons_dir = Path(out), Path(lessons_dir)
    lessons = available_lessons(lessons_dir)
    if not lessons:
        raise SystemExit(f"no lesson of the course map found in {lessons_dir}")
    if out.exists():
        shutil.rmtree(out)
    out.mkdir(parents=True)
    pages = {lesson.file: page_name(lesson) for lesson in lessons}
    links = _Links(out, lessons_dir, pages)
    exp = exporter()
    written = [out / "index.html"]
    for i, lesson in enumerate(lessons):
        nb = nbformat.read(lessons_dir / lesson.file, as_version=4)
        nb.metadata["title"] = f"{lesson.number} {lesson.title} — {COURSE}"
        _prepare(nb)
        resources = {
            "metadata": {"name": Path(lesson.file).stem, "path": str(lessons_dir)},
            "ll_css": NAV_CSS,
            "ll_nav_top": _nav(lessons, i, "ll-top"),
            "ll_nav_bottom": _nav(lessons, i, "ll-bottom"),
        }
        body, _ = exp.from_notebook_node(nb, resources=resources)
        page = out / page_name(lesson)
        page.write_text(links(_math_boxes(body)), encoding="utf-8")
        written.append(page)
    written += links.write_extra()
    (out / "index.html").write_text(_index(lessons, links), encoding="utf-8")
    return written


def _index(lessons: list[Lesson], links: _Links) -> str:
    rows = "\n".join(
        f'<tr><td>{lesson.number}</td><td><a href="{page_name(lesson)}">{html.escape(lesson.title)}</a></td>'
        f'<td lang="zh-Hans">{html.escape(lesson.title_zh)}</td><td class="num">{lesson.minutes} min</td>'
        f"<td>{html.escape(lesson.topic)}</td></tr>"
        for lesson in lessons)
    total = sum(lesson.minutes for lesson in lessons)
    missing = [lesson for lesson in LESSONS if lesson not in lessons]
    glossary = (REPO / "docs" / "glossary.md")
    extra = ""
    if glossary.exists():
        links.extra[glossary.resolve()] = "docs/glossary.html"
        links.write_extra()
        extra = '<p>Terms: the <a href="docs/glossary.html">glossary</a> (English, 简体中文, 繁體中文).</p>'
    body = f"""<h1>{COURSE}</h1>
<p>A course on the Federal Reserve's balance sheet, money markets and crypto claims, checked against data.
This is the static edition: every lesson as it reads after running top to bottom, charts included.</p>
<p class="note">Charts here are pictures. The sliders inside charts and the ipywidgets panels need the lessons
running in JupyterLab: <code>make lab</code> in the repository.</p>
<h2>Course map</h2>
<table>
<thead><tr><th>#</th><th>Lesson</th><th>标题</th><th>Time</th><th>Topic</th></tr></thead>
<tbody>
{rows}
</tbody>
</table>
<p>{len(lessons)} lessons, about {total / 60:.1f} hours in all.{
        f" Still to come: {', '.join(f'{m.number} {html.escape(m.title)}' for m in missing)}." if missing else ""}</p>
{extra}"""
    page = _plain_page(f"{COURSE}: course map", body)
    return page.replace(f'<p><a href="index.html">← {COURSE}: course map</a></p>\n', "")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--out", type=Path, default=REPO / "site", help="output folder (replaced; default site/)")
    ap.add_argument("--lessons", type=Path, default=REPO / "lessons", help="folder of the lesson notebooks")
    args = ap.parse_args(argv)
    written = build(args.out, args.lessons)
    print(f"static site: {len(written)} pages in {args.out} (open {args.out / 'index.html'})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
