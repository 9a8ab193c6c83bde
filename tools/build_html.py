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
  rendered from them;
* the 简体中文 and 繁體中文 editions (lessons/zh-hans/, lessons/zh-hant/, made by tools/translate.py) are
  built into site/zh-hans/ and site/zh-hant/ the same way; every page has a language switch to the
  same page in the other editions.
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
# (folder code, name, course-map words): English at the site's root, the Chinese editions below it.
EDITIONS = {
    "en": ("English", {"map": "course map", "lessons": "Lessons", "time": "Time", "topic": "Topic", "min": "min"}),
    "zh-hans": ("简体中文", {"map": "课程地图", "lessons": "课程", "time": "时长", "topic": "主题", "min": "分钟"}),
    "zh-hant": ("繁體中文", {"map": "課程地圖", "lessons": "課程", "time": "時長", "topic": "主題", "min": "分鐘"}),
}

NAV_CSS = """
.ll-nav { display: flex; justify-content: space-between; gap: 1em; flex-wrap: wrap;
  max-width: 1100px; margin: 0 auto; padding: 10px 24px; font-family: var(--jp-ui-font-family, sans-serif);
  font-size: 14px; border-bottom: 1px solid #ddd; }
.ll-nav.ll-bottom { border-top: 1px solid #ddd; border-bottom: none; margin-top: 24px; }
.ll-nav a { color: #0b5394; text-decoration: none; }
.ll-nav a:hover { text-decoration: underline; }
.ll-nav .ll-none { color: transparent; }
.ll-lang { max-width: 1100px; margin: 0 auto; padding: 6px 24px 0; font-size: 13px; text-align: right;
  font-family: var(--jp-ui-font-family, sans-serif); }
.ll-lang a { color: #0b5394; }
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


def lesson_title(lesson: Lesson, edition: str = "en") -> str:
    """The lesson's title in an edition: English, the course map's 简体中文, or that through OpenCC."""
    if edition == "en":
        return lesson.title
    if edition == "zh-hans":
        return lesson.title_zh
    import opencc

    return opencc.OpenCC("s2twp").convert(lesson.title_zh)


def language_switch(page: str, edition: str, editions: list[str]) -> str:
    """'English · 简体中文 · 繁體中文', each a link to ``page`` in that edition (the current one plain)."""
    parts = []
    for code in editions:
        name = EDITIONS[code][0]
        if code == edition:
            parts.append(f'<span lang="{_lang(code)}">{name}</span>')
            continue
        up = "" if edition == "en" else "../"
        href = f"{up}{page}" if code == "en" else f"{up}{code}/{page}"
        parts.append(f'<a lang="{_lang(code)}" hreflang="{_lang(code)}" href="{href}">{name}</a>')
    return f'<div class="ll-lang" aria-label="Language">{" · ".join(parts)}</div>'


def _lang(code: str) -> str:
    return {"en": "en", "zh-hans": "zh-Hans", "zh-hant": "zh-Hant"}[code]


def _nav(lessons: list[Lesson], i: int, where: str, edition: str = "en") -> str:
    def link(lesson: Lesson, text: str, rel: str) -> str:
        return f'<a rel="{rel}" href="{page_name(lesson)}">{html.escape(text)}</a>'

    title = lambda lesson: lesson_title(lesson, edition)  # noqa: E731
    prev = (link(lessons[i - 1], f"← {lessons[i - 1].number} {title(lessons[i - 1])}", "prev")
            if i > 0 else '<span class="ll-none">←</span>')
    nxt = (link(lessons[i + 1], f"{lessons[i + 1].number} {title(lessons[i + 1])} →", "next")
           if i + 1 < len(lessons) else '<span class="ll-none">→</span>')
    words = EDITIONS[edition][1]
    home = f'<a href="index.html">{COURSE}: {words["map"]}</a>'
    return f'<nav class="ll-nav {where}" aria-label="Lessons">{prev}{home}{nxt}</nav>'


class _Links:
    """Rewrite relative links of a page so they work inside the site."""

    HREF = re.compile(r'(href|src)="(?![a-z][a-z0-9+.-]*:|#|/)([^"#?]+)([^"]*)"', re.I)

    def __init__(self, out: Path, lessons_dir: Path, pages: dict[str, str], authored: Path | None = None,
                 up: str = ""):
        self.out, self.lessons_dir, self.pages = out, lessons_dir, pages
        self.authored = authored or REPO / "lessons"   # the folder the notebooks' links are relative to
        self.up = up                                   # from a page to the site's root ("../" in an edition)
        self.extra: dict[Path, str] = {}   # repo file -> its path in the site (from the site's root)

    def __call__(self, page_html: str) -> str:
        return self.HREF.sub(self._sub, page_html)

    def _sub(self, m: re.Match) -> str:
        attr, target, rest = m.group(1), html.unescape(m.group(2)), m.group(3)
        name = Path(target).name
        if name in self.pages and Path(target).suffix == ".ipynb":
            return f'{attr}="{self.pages[name]}{rest}"'
        if name in COURSE_FILES:   # a lesson of the course map not written yet: the map says so
            return f'{attr}="index.html"'
        src = (self.authored / target).resolve()   # as authored: relative to the notebook's folder in the repo
        try:
            rel = src.relative_to(REPO)
        except ValueError:
            return m.group(0)
        if not src.is_file() or rel.parts[0].startswith("."):
            return m.group(0)
        site_rel = rel.with_suffix(".html") if src.suffix == ".md" else rel
        self.extra[src] = site_rel.as_posix()
        return f'{attr}="{html.escape(self.up + site_rel.as_posix())}{rest}"'

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
    """Write the site into ``out`` (replaced); return the pages written, index first.

    English from ``lessons_dir``; each Chinese edition found in ``lessons_dir/<code>/`` into ``out/<code>/``.
    """
    out, lessons_dir = Path(out), Path(lessons_dir)
    if not available_lessons(lessons_dir):
        raise SystemExit(f"no lesson of the course map found in {lessons_dir}")
    if out.exists():
        shutil.rmtree(out)
    out.mkdir(parents=True)
    editions = ["en"] + [code for code in EDITIONS if code != "en" and available_lessons(lessons_dir / code)]
    written = []
    for code in editions:
        folder = lessons_dir if code == "en" else lessons_dir / code
        written += _build_edition(out, folder, code, editions)
    return written


def _build_edition(out: Path, lessons_dir: Path, edition: str, editions: list[str]) -> list[Path]:
    lessons = available_lessons(lessons_dir)
    site = out if edition == "en" else out / edition
    site.mkdir(parents=True, exist_ok=True)
    up = "" if edition == "en" else "../"
    authored = REPO / "lessons" / ("" if edition == "en" else edition)
    pages = {lesson.file: page_name(lesson) for lesson in lessons}
    links = _Links(out, lessons_dir, pages, authored=authored, up=up)
    exp = exporter()
    written = [site / "index.html"]
    for i, lesson in enumerate(lessons):
        nb = nbformat.read(lessons_dir / lesson.file, as_version=4)
        nb.metadata["title"] = f"{lesson.number} {lesson_title(lesson, edition)} — {COURSE}"
        _prepare(nb)
        switch = language_switch(page_name(lesson), edition, editions)
        resources = {
            "metadata": {"name": Path(lesson.file).stem, "path": str(lessons_dir)},
            "ll_css": NAV_CSS,
            "ll_nav_top": switch + _nav(lessons, i, "ll-top", edition),
            "ll_nav_bottom": _nav(lessons, i, "ll-bottom", edition),
        }
        body, _ = exp.from_notebook_node(nb, resources=resources)
        if edition != "en":
            body = body.replace('<html lang="en">', f'<html lang="{_lang(edition)}">', 1)
        page = site / page_name(lesson)
        page.write_text(links(_math_boxes(body)), encoding="utf-8")
        written.append(page)
    written += links.write_extra()
    index = _index(lessons, links) if edition == "en" else _edition_index(lessons, links, edition, editions)
    if edition == "en" and len(editions) > 1:
        index = index.replace("<body>\n", "<body>\n" + language_switch("index.html", "en", editions) + "\n", 1)
    (site / "index.html").write_text(index, encoding="utf-8")
    return written


def _edition_index(lessons: list[Lesson], links: _Links, edition: str, editions: list[str]) -> str:
    words = EDITIONS[edition][1]
    rows = "\n".join(
        f'<tr><td>{lesson.number}</td><td><a href="{page_name(lesson)}">{html.escape(lesson_title(lesson, edition))}'
        f'</a></td><td lang="en">{html.escape(lesson.title)}</td><td class="num">{lesson.minutes} {words["min"]}</td></tr>'
        for lesson in lessons)
    glossary = (REPO / "docs" / "glossary.md")
    links.extra[glossary.resolve()] = "docs/glossary.html"
    links.write_extra()
    body = (f"{language_switch('index.html', edition, editions)}\n<h1>{COURSE} — {EDITIONS[edition][0]}</h1>\n"
            f"<h2>{words['map']}</h2>\n<table>\n<thead><tr><th>#</th><th>{words['lessons']}</th><th lang=\"en\">Lesson</th>"
            f"<th>{words['time']}</th></tr></thead>\n<tbody>\n{rows}\n</tbody>\n</table>\n"
            f'<p><a href="../docs/glossary.html">术语表 · 術語表 · Glossary</a></p>')
    page = _plain_page(f"{COURSE}: {words['map']}", body, "../")
    page = page.replace('<html lang="en">', f'<html lang="{_lang(edition)}">', 1)
    return page.replace(f'<p><a href="../index.html">← {COURSE}: course map</a></p>\n', "")


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
