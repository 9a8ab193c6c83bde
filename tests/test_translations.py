"""The 简体中文 and 繁體中文 editions stay in step with the English lessons (tools/translate.py).

* every English markdown cell has a translation in each catalog, none fuzzy, none unused;
* the 繁體中文 catalogs are exactly what OpenCC (s2twp) and the reviewed overrides make of 简体中文;
* each translated notebook is what ``translate.py build`` makes now: the English code cells in the
  same order (only ``helpers.setup()`` gains ``lang=...``), the catalog's markdown;
* translations use the glossary's terms;
* helper text (charts, exercises, reports) has one catalog: complete, placeholders kept, compiled;
* changing one English sentence makes the check fail until the catalog is updated (meta-test).
"""
from __future__ import annotations

import copy
import importlib.util
import json
import re
import sys
from pathlib import Path

import nbformat
import polib
import pytest

ROOT = Path(__file__).resolve().parent.parent
_spec = importlib.util.spec_from_file_location("translate", ROOT / "tools" / "translate.py")
translate = importlib.util.module_from_spec(_spec)
sys.modules["translate"] = translate  # dataclasses look their module up
_spec.loader.exec_module(translate)

LESSONS = translate.english_lessons()
CASES = [(lesson, ed) for lesson in LESSONS for ed in translate.EDITIONS]
CASE_IDS = [f"{ed.code}/{lesson.name[:2]}" for lesson, ed in CASES]


def catalog_problems(english_nb, catalog: polib.POFile) -> list[str]:
    """What keeps a catalog from matching its English lesson: missing, fuzzy and unused entries."""
    wanted = translate.messages(english_nb)
    table = {e.msgid: e for e in catalog}
    problems = [f"missing: {m[:50]!r}" for m in wanted if m not in table or not table[m].msgstr]
    problems += [f"fuzzy: {m[:50]!r}" for m in wanted if m in table and "fuzzy" in table[m].flags]
    problems += [f"unused: {e.msgid[:50]!r}" for e in catalog if e.obsolete or e.msgid not in wanted]
    return problems


def test_overrides_are_reviewed_terms():
    """Each override turns OpenCC's rendering of a 简体 term into the glossary's (or Taiwan's) term."""
    path = translate.LOCALES / translate.HANT / "LC_MESSAGES" / "overrides.po"
    entries = [e for e in polib.pofile(str(path)) if not e.obsolete]
    assert 5 <= len(entries) <= 80, "a small reviewed list"
    for e in entries:
        assert e.msgstr and e.msgstr != e.msgid, e.msgid
        assert e.tcomment or e.comment, f"{e.msgid}: say why (a translator comment)"
        assert "fuzzy" not in e.flags


def test_opencc_and_overrides_give_taiwan_finance_terms():
    t = translate.to_traditional
    assert t("美联储") == "聯準會"
    assert "殖利率" in t("十年期国债收益率")
    assert t("软件") == "軟體"  # OpenCC's own Taiwan phrasing (s2twp) still applies
    # a verbatim quote of a source article stays as written; the prose around it is converted
    assert t("文章说「美联储已于2025年12月正式终结量化紧缩」。") == "文章說「美联储已于2025年12月正式终结量化紧缩」。"


def _glossary_rows():
    text = (ROOT / "docs" / "glossary.md").read_text(encoding="utf-8").split("\n\n## ")[0]
    for line in text.splitlines():
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if len(cells) == 5 and cells[0] not in ("term", "---") and not set(cells[0]) <= {"-"}:
            yield cells[0], cells[1], cells[2]


def _forms(chinese: str) -> tuple[str, ...]:
    """The glossary's form of a term and the short forms it allows: '回购协议（简称 回购）' -> both."""
    main = re.split(r"[（(]", chinese)[0].strip()
    short = re.findall(r"(?:亦作|简称|簡稱|又称|又稱)\s*([^）)，,；;]+)", chinese)
    return (main, *(x.strip() for x in short))


def _english_pattern(term: str) -> re.Pattern:
    words = re.split(r"[\s-]+", re.sub(r"\s*\(.*?\)", "", term).strip())
    return re.compile(r"\b" + r"[\s-]+".join(map(re.escape, words)) + r"(s|es)?\b", re.I)


GLOSSARY = list(_glossary_rows())


def glossary_misses(msgid: str, translation: str, column: int) -> list[str]:
    """Glossary terms in ``msgid`` whose form the translation lacks; a term inside a longer one is the longer one's."""
    found = []
    for term, *chinese in GLOSSARY:
        for m in _english_pattern(term).finditer(msgid):
            found.append((m.start(), m.end(), term, _forms(chinese[column])))
    kept = [f for f in found if not any(g[0] <= f[0] and f[1] <= g[1] and (g[1] - g[0]) > (f[1] - f[0])
                                         for g in found)]
    return sorted({f"{term!r} -> {forms[0]!r}" for _, _, term, forms in kept
                   if not any(form in translation for form in forms)})


@pytest.mark.parametrize("lesson,edition", CASES, ids=CASE_IDS)
def test_translations_use_the_glossary_terms(lesson, edition):
    english = nbformat.read(lesson, as_version=4)
    catalog = {e.msgid: e.msgstr for e in translate.load_catalog(edition.locale, lesson)}
    column = 0 if edition.locale == translate.HANS else 1
    misses = [f"{miss} in {msgid[:40]!r}" for msgid in translate.messages(english) if catalog.get(msgid)
              for miss in glossary_misses(msgid, catalog[msgid], column)]
    assert not misses, f"{len(misses)} translation(s) do not use the glossary's term: {misses[:6]}"


def test_glossary_check_reads_nested_terms_and_short_forms():
    assert glossary_misses("The Standing Repo Facility (SRF) lends.", "常备回购工具（SRF）放贷。", 0) == []
    assert glossary_misses("A repo is a loan.", "回购是一笔贷款。", 0) == []  # 简称 回购
    assert glossary_misses("A drawdown of 20 %.", "下跌 20 %。", 0) == ["'drawdown' -> '回撤'"]


def test_changing_one_english_sentence_fails_until_the_catalog_is_updated(tmp_path):
    lesson = LESSONS[1]
    english = nbformat.read(lesson, as_version=4)
    catalog = translate.load_catalog(translate.HANS, lesson)
    assert not catalog_problems(english, catalog)
    edited = copy.deepcopy(english)
    cell = next(c for c in edited.cells[3:] if c.cell_type == "markdown" and len(c.source) > 80)
    cell.source = cell.source.replace(".", ", as the data show.", 1)
    problems = catalog_problems(edited, catalog)
    assert any(p.startswith("missing") for p in problems) and any(p.startswith("unused") for p in problems)
    # `update` keeps the old translation as a fuzzy suggestion; the check still fails until it is reviewed
    merged = copy.deepcopy(catalog)
    counts = translate.merge(merged, translate.messages(edited))
    assert counts["fuzzy"] == 1 and counts["new"] == 0
    problems = catalog_problems(edited, merged)
    assert problems and all(p.startswith("fuzzy") for p in problems)
    entry = next(e for e in merged if "fuzzy" in e.flags)
    assert entry.previous_msgid and entry.msgstr  # the translator sees the old English and its translation
    entry.flags.remove("fuzzy")
    assert not catalog_problems(edited, merged)


def test_links_go_one_folder_deeper_except_between_lessons():
    text = "[glossary](../docs/glossary.md) · [next](04_historical_pivots.ipynb) · [web](https://x.org/a)"
    assert translate.deeper_links(text) == (
        "[glossary](../../docs/glossary.md) · [next](04_historical_pivots.ipynb) · [web](https://x.org/a)")
@pytest.mark.parametrize("lesson,edition", CASES, ids=CASE_IDS)
def test_catalog_is_complete_and_current(lesson, edition):
    english = nbformat.read(lesson, as_version=4)
    problems = catalog_problems(english, translate.load_catalog(edition.locale, lesson))
    assert not problems, (f"{translate.catalog_path(edition.locale, lesson).relative_to(ROOT)}: "
                          f"{len(problems)} problem(s), run `make translate`: {problems[:5]}")




@pytest.mark.parametrize("lesson", LESSONS, ids=lambda p: p.name[:2])
def test_traditional_catalog_is_opencc_of_simplified(lesson):
    hans = translate.load_catalog(translate.HANS, lesson)
    hant = {e.msgid: e.msgstr for e in translate.load_catalog(translate.HANT, lesson)}
    expected = {e.msgid: e.msgstr for e in translate.traditional(hans, lesson)}
    stale = [k[:50] for k in expected if hant.get(k) != expected[k]]
    assert not stale and set(hant) == set(expected), f"zh_Hant is not regenerated: run `make translate` ({stale[:3]})"




@pytest.mark.parametrize("lesson,edition", CASES, ids=CASE_IDS)
def test_translated_notebook_is_built_from_english_and_catalog(lesson, edition):
    english = nbformat.read(lesson, as_version=4)
    path = translate.LESSONS / edition.code / lesson.name
    assert path.exists(), f"{path.relative_to(ROOT)} is missing: run `make translate`"
    stored = nbformat.read(path, as_version=4)
    built, problems = translate.translated_notebook(english, translate.load_catalog(edition.locale, lesson),
                                                    edition, lesson.name)
    assert not problems
    assert [c.cell_type for c in stored.cells] == [c.cell_type for c in english.cells]
    for i, (s, b, e) in enumerate(zip(stored.cells, built.cells, english.cells)):
        assert s.source == b.source, f"cell {i} differs from what the catalog gives: run `make translate`"
        if e.cell_type == "code":
            same = e.source == s.source
            setup = e.source.replace("helpers.setup()", f'helpers.setup(lang="{edition.code}")', 1) == s.source
            assert same or setup, f"cell {i}: code differs from the English lesson"
    assert stored.metadata["liquidity_lab"]["edition"] == edition.code




def test_editions_line_links_the_three_editions():
    name = LESSONS[3].name
    en = translate.editions_line(translate.ENGLISH, name)
    assert f"(zh-hans/{name})" in en and f"(zh-hant/{name})" in en
    hans = translate.editions_line(translate.EDITIONS[0], name)
    assert f"(../{name})" in hans and f"(../zh-hant/{name})" in hans and "简体中文" in hans
    english = nbformat.read(LESSONS[3], as_version=4)
    assert en in english.cells[0].source, "the English lesson links its editions too (run `make translate`)"




def test_every_english_lesson_has_both_editions():
    for lesson in LESSONS:
        for edition in translate.EDITIONS:
            assert (translate.LESSONS / edition.code / lesson.name).exists(), f"{edition.code}/{lesson.name}: make translate"


# --- Helper text: one catalog for charts, exercises, reports ----------------------------------------
PLACEHOLDER = re.compile(r"(?<!\{)\{([^{}]*)\}(?!\})")


def _helper_catalog(locale):
    return polib.pofile(str(translate.helper_catalog_path(locale)), wrapwidth=0)


def test_helper_catalog_covers_every_marked_text():
    extracted = [m for m, _ in translate.helper_messages()]
    assert len(extracted) > 300, "helper text is marked for translation"
    po = {e.msgid: e for e in _helper_catalog(translate.HANS)}
    missing = [m[:50] for m in extracted if m not in po or not po[m].msgstr or "fuzzy" in po[m].flags]
    unused = [m[:50] for m in po if m not in set(extracted)]
    assert not missing and not unused, f"run tools/translate.py helpers: missing {missing[:5]}, unused {unused[:5]}"


@pytest.mark.parametrize("locale", [translate.HANS, translate.HANT])
def test_helper_translations_keep_placeholders_and_compile(locale):
    po = _helper_catalog(locale)
    bad = [e.msgid[:60] for e in po if e.msgstr and sorted(PLACEHOLDER.findall(e.msgid)) != sorted(PLACEHOLDER.findall(e.msgstr))]
    assert not bad, f"{len(bad)} translation(s) change the {{placeholders}}: {bad[:5]}"
    mo = translate.helper_catalog_path(locale).with_suffix(".mo")
    compiled = {e.msgid: e.msgstr for e in polib.mofile(str(mo)) if e.msgid}
    assert compiled == {e.msgid: e.msgstr for e in po if e.msgstr and "fuzzy" not in e.flags}, \
        "the .mo is older than the .po: run tools/translate.py helpers"


def test_helper_traditional_catalog_is_opencc_of_simplified():
    hans = _helper_catalog(translate.HANS)
    hant = {e.msgid: e.msgstr for e in _helper_catalog(translate.HANT)}
    expected = {e.msgid: e.msgstr for e in translate.traditional(hans, Path("helpers"))}
    assert hant == expected, "zh_Hant helper catalog is not regenerated: run tools/translate.py helpers"
