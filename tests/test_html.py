"""The static HTML edition (tools/build_html.py, `make html`): every page, every chart, offline."""
from __future__ import annotations

import base64
import json
import re
import shutil
import struct
import sys
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest

import browser_support as bs

pytestmark = pytest.mark.slow   # builds the whole site with nbconvert

EDITIONS = ("zh-hans", "zh-hant")

sys.path.insert(0, str(bs.REPO / "tools"))
import build_html  # noqa: E402

LESSONS = build_html.available_lessons(bs.LESSONS_DIR)


class Page(HTMLParser):
    """The parts of a page that matter here: images, what it loads, where it links."""

    def __init__(self, text: str):
        super().__init__(convert_charrefs=True)
        self.imgs: list[dict] = []
        self.loads: list[str] = []      # URLs the browser fetches to show the page
        self.links: list[str] = []
        self.styles: list[str] = []
        self.scripts: list[str] = []
        self._in_style = False
        self.feed(text)

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "img":
            self.imgs.append(a)
        if tag in ("script", "img", "iframe", "embed", "audio", "video", "source") and a.get("src"):
            self.loads.append(a["src"])
        if tag == "link" and a.get("href"):
            self.loads.append(a["href"])
        if tag == "object" and a.get("data"):
            self.loads.append(a["data"])
        if tag == "script":
            self.scripts.append(a.get("src") or "(inline)")
        if tag == "a" and a.get("href"):
            self.links.append(a["href"])
        self._in_style = tag == "style"

    def handle_endtag(self, tag):
        self._in_style = False

    def handle_data(self, data):
        if self._in_style:
            self.styles.append(data)


def _remote(url: str) -> bool:
    return url.strip().lower().startswith(("http:", "https:", "//", "ftp:"))


def _chart_outputs(nb_path: Path) -> list[dict]:
    nb = json.loads(nb_path.read_text(encoding="utf-8"))
    return [out for cell in nb["cells"] if cell["cell_type"] == "code" for out in cell.get("outputs", [])
            if build_html.VEGALITE_MIME in out.get("data", {})]


@pytest.fixture(scope="module")
def snapshot(tmp_path_factory) -> Path:
    """The lessons as they are now (authors may save one while this runs): built and compared."""
    folder = tmp_path_factory.mktemp("lessons")
    for lesson in LESSONS:
        shutil.copyfile(bs.LESSONS_DIR / lesson.file, folder / lesson.file)
        for code in EDITIONS:
            (folder / code).mkdir(exist_ok=True)
            shutil.copyfile(bs.LESSONS_DIR / code / lesson.file, folder / code / lesson.file)
    return folder


@pytest.fixture(scope="module")
def site(tmp_path_factory, snapshot) -> Path:
    out = tmp_path_factory.mktemp("site") / "site"
    build_html.build(out, snapshot)
    return out


def test_the_site_has_an_index_and_a_page_per_lesson(site):
    assert LESSONS, "no lesson notebooks: nothing to publish"
    index = (site / "index.html").read_text(encoding="utf-8")
    links = Page(index).links
    for lesson in LESSONS:
        page = build_html.page_name(lesson)
        assert (site / page).is_file(), page
        assert page in links, f"the course map does not link {page}"
        assert lesson.title.replace("'", "&#x27;") in index or lesson.title in index
    missing = [l for l in build_html.LESSONS if l not in LESSONS]
    for lesson in missing:   # only lessons that exist are linked
        assert build_html.page_name(lesson) not in links


@pytest.mark.parametrize("lesson", LESSONS, ids=[l.number for l in LESSONS])
def test_each_chart_is_an_inline_png(site, snapshot, lesson):
    page = Page((site / build_html.page_name(lesson)).read_text(encoding="utf-8"))
    charts = _chart_outputs(snapshot / lesson.file)
    imgs = [img for img in page.imgs if "ll-chart" in (img.get("class") or "").split()]
    assert len(imgs) == len(charts), f"{len(imgs)} chart images on the page, {len(charts)} chart outputs in {lesson.file}"
    for img, out in zip(imgs, charts):
        src = img.get("src", "")
        assert src.startswith("data:image/png;base64,"), src[:60]
        png = base64.b64decode(src.split(",", 1)[1])
        assert png[:8] == b"\x89PNG\r\n\x1a\n"
        width, height = struct.unpack(">II", png[16:24])
        assert width > 100 and height > 50, (width, height)
        title = "".join(out["data"].get("text/plain", "")).strip("<> ")
        assert img.get("alt") == title, (img.get("alt"), title)


@pytest.mark.parametrize("page_name", [f"{prefix}{name}" for prefix in ("", "zh-hans/", "zh-hant/")
                                       for name in ["index.html"] + [build_html.page_name(l) for l in LESSONS]])
def test_pages_load_nothing_from_outside_and_links_resolve(site, page_name):
    text = (site / page_name).read_text(encoding="utf-8")
    page = Page(text)
    remote = [u for u in page.loads if _remote(u)]
    assert not remote, f"{page_name} loads from outside: {remote[:5]}"
    for css in page.styles:
        lowered = css.lower()
        assert "@import" not in lowered, f"{page_name}: a stylesheet @import"
        for chunk in lowered.split("url(")[1:]:
            assert not _remote(chunk.lstrip("'\" ")), f"{page_name}: CSS url() to outside: {chunk[:80]}"
    # nbconvert's template would load require.js, MathJax, mermaid and the widget manager from CDNs:
    # the site leaves them out, and needs no script at all
    assert not page.scripts, f"{page_name} has scripts: {page.scripts[:3]}"
    for href in page.links:
        parts = urlsplit(href)
        if parts.scheme or href.startswith("#") or not parts.path:
            continue
        target = (site / page_name).parent / unquote(parts.path)
        assert target.resolve().is_file(), f"{page_name}: broken link {href}"


@pytest.mark.parametrize("lesson", LESSONS, ids=[l.number for l in LESSONS])
def test_formulas_are_mathml_and_dollars_are_text(site, snapshot, lesson):
    """The declared formulas become MathML (no MathJax on the site); no TeX is left, and every
    dollar amount of the prose is plain text."""
    nb = json.loads((snapshot / lesson.file).read_text(encoding="utf-8"))
    declared = nb["metadata"].get("liquidity_lab", {}).get("formulas", [])
    text = (site / build_html.page_name(lesson)).read_text(encoding="utf-8")
    assert text.count('<math xmlns="http://www.w3.org/1998/Math/MathML" display="block">') == len(declared)
    assert "$$" not in text
    prose = "".join("".join(c["source"]) for c in nb["cells"] if c["cell_type"] == "markdown")
    amounts = prose.count("<span>\\$</span>")
    visible = re.sub(r"<[^>]+>", "", text)
    assert visible.count("$") >= amounts, "a dollar amount of the prose is missing from the page"
    assert "\\$" not in visible, "a backslash shows before a dollar sign"


def test_lesson_pages_link_prev_index_next(site):
    names = [build_html.page_name(l) for l in LESSONS]
    for i, name in enumerate(names):
        links = Page((site / name).read_text(encoding="utf-8")).links
        assert "index.html" in links, name
        if i > 0:
            assert names[i - 1] in links, f"{name} does not link back to {names[i - 1]}"
        if i + 1 < len(names):
            assert names[i + 1] in links, f"{name} does not link on to {names[i + 1]}"
        assert not any(h.split("#")[0].endswith(".ipynb") for h in links if not urlsplit(h).scheme), \
            f"{name} links a notebook, not its page"


@pytest.mark.parametrize("code", EDITIONS)
def test_each_edition_is_built_with_a_language_switch(site, code):
    """site/zh-hans/ and site/zh-hant/: every lesson, its charts, and a switch to the same page in the other editions."""
    index = (site / code / "index.html").read_text(encoding="utf-8")
    assert f'lang="{build_html._lang(code)}"' in index
    for lesson in LESSONS:
        name = build_html.page_name(lesson)
        text = (site / code / name).read_text(encoding="utf-8")
        links = Page(text).links
        assert f"../{name}" in links, f"{code}/{name}: no link to the English page"
        other = "zh-hant" if code == "zh-hans" else "zh-hans"
        assert f"../{other}/{name}" in links, f"{code}/{name}: no link to the {other} page"
        assert name in Page(index).links
        assert text.count('class="ll-chart"') == len(_chart_outputs(bs.LESSONS_DIR / code / lesson.file))
        assert re.search(r"[\u4e00-\u9fff]", text)
    english = Page((site / build_html.page_name(LESSONS[0])).read_text(encoding="utf-8")).links
    assert f"{code}/{build_html.page_name(LESSONS[0])}" in english, "the English page links its Chinese editions"


def test_widgets_become_a_note(site, snapshot):
    for lesson in LESSONS:
        nb = json.loads((snapshot / lesson.file).read_text(encoding="utf-8"))
        widgets = sum(build_html.WIDGET_MIME in out.get("data", {}) for c in nb["cells"]
                      for out in c.get("outputs", []))
        text = (site / build_html.page_name(lesson)).read_text(encoding="utf-8")
        assert text.count("class=\"ll-widget-note\"") == widgets, lesson.file
        assert build_html.WIDGET_MIME not in text


@pytest.mark.browser
def test_charts_show_in_a_browser_offline(site):
    """Chromium opens every page from disk with all network refused: each chart image is drawn."""
    try:
        bs.require_chromium()
    except bs.BrowserSetupError as exc:
        pytest.fail(str(exc), pytrace=False)
    from playwright.sync_api import sync_playwright

    attempted, errors = [], []
    with sync_playwright() as pw:
        browser = bs.launch_chromium(pw)
        try:
            context = browser.new_context(viewport={"width": 1200, "height": 900}, service_workers="block")

            def route(r):
                if r.request.url.startswith("file:"):
                    r.continue_()
                else:
                    attempted.append(r.request.url)
                    r.abort("blockedbyclient")

            context.route("**/*", route)
            page = context.new_page()
            page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
            page.on("pageerror", lambda e: errors.append(str(e)))
            for name in ["index.html"] + [build_html.page_name(l) for l in LESSONS]:
                page.goto((site / name).as_uri())
                page.wait_for_load_state("load")
                shown = page.evaluate("""() => Array.from(document.querySelectorAll('img.ll-chart'))
                    .map(i => i.complete && i.naturalWidth > 0 && i.getBoundingClientRect().width > 0)""")
                assert all(shown), f"{name}: {shown.count(False)} of {len(shown)} charts not drawn"
                # MathML formulas are laid out by Chromium itself: each takes up real space
                maths = page.evaluate("""() => Array.from(document.querySelectorAll('math'))
                    .map(m => { const r = m.getBoundingClientRect(); return r.width > 50 && r.height > 10; })""")
                assert all(maths), f"{name}: {maths.count(False)} of {len(maths)} formulas not laid out"
        finally:
            browser.close()
    assert not attempted, f"pages tried to reach outside: {attempted[:5]}"
    assert not errors, f"browser console errors: {errors[:5]}"
