"""Course documents: the glossary is complete and well-formed, and every lesson links to it."""
import json
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
GLOSSARY = ROOT / "docs" / "glossary.md"
NOTEBOOKS = sorted((ROOT / "lessons").glob("*.ipynb"))


def _rows():
    """The rows of the glossary's term table (the first table; a later one explains numbers)."""
    rows, inside = [], False
    for line in GLOSSARY.read_text(encoding="utf-8").splitlines():
        if line.startswith("| term"):
            inside = True
        elif inside and not line.startswith("|"):
            break
        elif inside and not line.startswith("|---"):
            rows.append([c.strip() for c in line.strip().strip("|").split("|")])
    return rows


def test_glossary_explains_chinese_large_numbers():
    text = GLOSSARY.read_text(encoding="utf-8")
    for word in ("万亿", "亿", "兆", "1 trillion", "38 billion"):
        assert word in text, word
    terms = {r[1] for r in _rows()} | {r[2] for r in _rows()}
    for zh in ("缩表", "扩表", "放水", "降息", "加息", "爆仓"):
        assert any(zh in t for t in terms), zh
    assert any("联准会" in t for t in terms) and any("聯準會" in t for t in terms)


def test_glossary_rows_have_three_languages_and_a_lesson():
    rows = _rows()
    assert len(rows) >= 50
    terms = [r[0] for r in rows]
    assert terms == sorted(terms, key=str.lower), "keep the glossary sorted"
    assert len(set(terms)) == len(terms)
    for term, zh_hans, zh_hant, lesson, meaning in rows:
        assert re.search(r"[\u4e00-\u9fff]", zh_hans) and re.search(r"[\u4e00-\u9fff]", zh_hant), term
        assert re.fullmatch(r"0[0-7]", lesson), term
        assert meaning.endswith("."), term


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_lesson_title_cell_links_the_glossary(path):
    title = "".join(json.loads(path.read_text(encoding="utf-8"))["cells"][0]["source"])
    assert "../docs/glossary.md" in title


def test_solutions_page_is_up_to_date():
    from helpers.exercises import all_solutions

    page = (ROOT / "docs" / "solutions.md").read_text(encoding="utf-8")
    assert page == all_solutions(), "docs/solutions.md is out of date: run `python -m helpers.exercises`"
    for number in ("00", "01", "02", "03", "04", "05", "06", "07"):
        if (ROOT / "helpers" / "exercises" / f"lesson{number}.py").exists():
            assert f"## Lesson {number}" in page
