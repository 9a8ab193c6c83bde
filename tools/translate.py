"""Keep the 简体中文 and 繁體中文 editions of every lesson in step with the English one.

    python tools/translate.py update     # English notebooks -> catalogs (new / fuzzy / obsolete counts)
    python tools/translate.py build [--execute]   # catalogs -> lessons/zh-hans/*.ipynb, lessons/zh-hant/*.ipynb
                                                   # (only those whose cells changed; --execute runs them)
    python tools/translate.py status     # what is missing or fuzzy, per lesson and language (exit 1 if any)
    python tools/translate.py helpers    # helper text (charts, exercises, reports) -> helpers/locales/*.po/.mo

The English notebooks in ``lessons/`` are the source. Every markdown cell is one gettext message,
keyed by the cell's text (``msgid``), in one catalog per lesson and language::

    locales/zh_Hans/LC_MESSAGES/lesson_03.po     # written by translators (any PO editor)
    locales/zh_Hant/LC_MESSAGES/lesson_03.po     # generated: zh_Hans through OpenCC (s2twp) + overrides
    locales/zh_Hant/LC_MESSAGES/overrides.po     # reviewed terms where OpenCC's Taiwan phrasing is wrong
                                                 # for finance (msgid: OpenCC's output, msgstr: the term)

``update`` works like gettext's ``msgmerge``: a cell whose English text changed gets its old
translation back marked ``fuzzy`` (with the old English as ``#| msgid``), so a translator sees
what changed; new cells get empty entries; the old entry is dropped once a fuzzy entry remembers it.

``build`` writes each translated notebook from the English one: the same cells in the same order,
code cells identical except the first ``helpers.setup()`` (which gains ``lang=...``, so helper
messages and charts follow the edition), markdown from the catalog, relative links one folder
deeper, and an editions line linking the three versions of the lesson. Outputs are left empty:
``make translate`` then executes the new notebooks like any lesson (tools/execute_lessons.py).
A missing or fuzzy translation stops ``build`` with the lesson and the cell's first words.

Catalogs are read and written with polib; 繁體中文 is converted with OpenCC (the maintained
converter), never by a table in this file.
"""
from __future__ import annotations

import argparse
import difflib
import re
import sys
from dataclasses import dataclass
from pathlib import Path

import nbformat
import polib

ROOT = Path(__file__).resolve().parent.parent
LESSONS = ROOT / "lessons"
LOCALES = ROOT / "locales"
HANS, HANT = "zh_Hans", "zh_Hant"


@dataclass(frozen=True)
class Edition:
    code: str       # folder under lessons/ and the value of helpers.setup(lang=...)
    locale: str     # folder under locales/
    name: str       # how the edition names itself
    label: str      # "Editions:" in the edition's language


ENGLISH = Edition("en", "en", "English", "Editions")
EDITIONS = (
    Edition("zh-hans", HANS, "简体中文", "版本"),
    Edition("zh-hant", HANT, "繁體中文", "版本"),
)
ALL = (ENGLISH, *EDITIONS)
SETUP_RE = re.compile(r"^helpers\.setup\(\)$", re.M)
EDITIONS_RE = re.compile(r"\n*^\*\*(Editions|版本)[:：]\*\*[^\n]*$\n*", re.M)
# Relative links and images in markdown: [text](target) or src="target"; absolute URLs and anchors stay.
LINK_RE = re.compile(r"(\]\(|src=\")(?!https?:|#|mailto:|/)([^)\"\s]+)")
FUZZY_MATCH = 0.6


def english_lessons() -> list[Path]:
    return sorted(LESSONS.glob("[0-9][0-9]_*.ipynb"))


def catalog_path(locale: str, lesson: Path) -> Path:
    return LOCALES / locale / "LC_MESSAGES" / f"lesson_{lesson.name[:2]}.po"


def message_text(source: str) -> str:
    """A markdown cell's text as a catalog key: the generated editions line left out."""
    return EDITIONS_RE.sub("\n\n", source).strip("\n")


def messages(nb) -> list[str]:
    """The English notebook's markdown messages in order, each once."""
    out: list[str] = []
    for cell in nb.cells:
        if cell.cell_type == "markdown":
            text = message_text(cell.source)
            if text and text not in out:
                out.append(text)
    return out


def _new_catalog(locale: str, lesson: Path) -> polib.POFile:
    po = polib.POFile(wrapwidth=0)
    po.metadata = {
        "Project-Id-Version": f"Liquidity Lab {lesson.stem}",
        "Language": locale.replace("_", "-"),
        "MIME-Version": "1.0",
        "Content-Type": "text/plain; charset=UTF-8",
        "Content-Transfer-Encoding": "8bit",
    }
    return po


def load_catalog(locale: str, lesson: Path) -> polib.POFile:
    path = catalog_path(locale, lesson)
    if not path.exists():
        return _new_catalog(locale, lesson)
    po = polib.pofile(str(path), wrapwidth=0)
    return po


def save_catalog(po: polib.POFile, path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    po.wrapwidth = 0
    po.save(str(path))


def merge(po: polib.POFile, current: list[str]) -> dict[str, int]:
    """Bring ``po`` in line with the English ``current`` messages, as msgmerge would. Returns counts."""
    old = {e.msgid: e for e in po if not e.obsolete}
    gone = [e for e in old.values() if e.msgid not in current and e.msgstr]
    counts = {"kept": 0, "new": 0, "fuzzy": 0, "dropped": 0}
    entries = []
    for n, text in enumerate(current):
        entry = old.get(text)
        if entry is not None:
            counts["kept"] += 1
            if "fuzzy" in entry.flags:
                counts["fuzzy"] += 1
        else:
            entry = polib.POEntry(msgid=text, msgstr="")
            best = max(gone, key=lambda e: difflib.SequenceMatcher(None, e.msgid, text).ratio(), default=None)
            if best is not None and difflib.SequenceMatcher(None, best.msgid, text).ratio() >= FUZZY_MATCH:
                entry.msgstr = best.msgstr
                entry.flags = ["fuzzy"]
                entry.previous_msgid = best.msgid
                gone.remove(best)
                counts["fuzzy"] += 1
            else:
                counts["new"] += 1
        entry.occurrences = [(f"cell-{n + 1}", "")]
        entries.append(entry)
    counts["dropped"] = len(old) - counts["kept"]
    po[:] = entries
    return counts


def update(lessons: list[Path]) -> int:
    """English -> zh_Hans catalogs (translators fill these), then zh_Hans -> zh_Hant by OpenCC."""
    total_new = total_fuzzy = 0
    for lesson in lessons:
        nb = nbformat.read(lesson, as_version=4)
        po = load_catalog(HANS, lesson)
        counts = merge(po, messages(nb))
        save_catalog(po, catalog_path(HANS, lesson))
        hant = traditional(po, lesson)
        save_catalog(hant, catalog_path(HANT, lesson))
        total_new += counts["new"]
        total_fuzzy += counts["fuzzy"]
        print(f"{lesson.name}: {len(po)} messages; {counts['new']} new, {counts['fuzzy']} fuzzy, "
              f"{counts['dropped']} dropped")
    print(f"to translate: {total_new} new and {total_fuzzy} fuzzy entries in locales/{HANS}/ "
          f"(繁體中文 follows by OpenCC)")
    return 0


# --- 繁體中文 ----------------------------------------------------------------------------------------
def overrides() -> list[tuple[str, str]]:
    """The reviewed Taiwan-usage terms (OpenCC output -> wanted term), longest first."""
    path = LOCALES / HANT / "LC_MESSAGES" / "overrides.po"
    if not path.exists():
        return []
    pairs = [(e.msgid, e.msgstr) for e in polib.pofile(str(path)) if e.msgstr and not e.obsolete]
    return sorted(pairs, key=lambda p: -len(p[0]))


_CONVERTER = None


QUOTE_RE = re.compile(r"(「[^」]*」)")


def to_traditional(text: str, terms: list[tuple[str, str]] | None = None) -> str:
    """Simplified -> Traditional with Taiwan phrasing (OpenCC s2twp), then the reviewed overrides.

    Text in 「…」 is a verbatim quote of a source article (one is in simplified characters, one in
    traditional): it is left exactly as written.
    """
    global _CONVERTER
    if _CONVERTER is None:
        import opencc

        _CONVERTER = opencc.OpenCC("s2twp")
    terms = overrides() if terms is None else terms
    parts = QUOTE_RE.split(text)
    for i in range(0, len(parts), 2):  # even pieces are prose, odd ones the quotes
        out = _CONVERTER.convert(parts[i])
        for wrong, right in terms:
            out = out.replace(wrong, right)
        parts[i] = out
    return "".join(parts)


def traditional(hans: polib.POFile, lesson: Path) -> polib.POFile:
    po = _new_catalog(HANT, lesson)
    terms = overrides()
    for e in hans:
        entry = polib.POEntry(msgid=e.msgid, msgstr=to_traditional(e.msgstr, terms) if e.msgstr else "",
                              flags=list(e.flags), occurrences=list(e.occurrences))
        if e.previous_msgid:
            entry.previous_msgid = e.previous_msgid
        po.append(entry)
    return po


# --- Building the editions ---------------------------------------------------------------------------
def editions_line(edition: Edition, lesson_name: str) -> str:
    """'**Editions:** English · [简体中文](zh-hans/..) · [繁體中文](zh-hant/..)' as seen from ``edition``."""
    parts = []
    for other in ALL:
        if other == edition:
            parts.append(other.name)
            continue
        if edition is ENGLISH:
            target = f"{other.code}/{lesson_name}"
        elif other is ENGLISH:
            target = f"../{lesson_name}"
        else:
            target = f"../{other.code}/{lesson_name}"
        parts.append(f"[{other.name}]({target})")
    colon = ":" if edition is ENGLISH else "："
    return f"**{edition.label}{colon}** " + " · ".join(parts)


def with_editions_line(source: str, edition: Edition, lesson_name: str) -> str:
    """The title cell with its editions line after the heading (an old editions line is replaced)."""
    head, _, rest = EDITIONS_RE.sub("\n\n", source).strip("\n").partition("\n")
    rest = rest.lstrip("\n")
    line = editions_line(edition, lesson_name)
    return f"{head}\n\n{line}\n\n{rest}" if rest else f"{head}\n\n{line}"


def deeper_links(text: str) -> str:
    """Relative links one folder deeper (lessons/zh-hans/ is below lessons/); lessons link within the edition."""

    def fix(m: re.Match) -> str:
        target = m.group(2)
        if re.fullmatch(r"\d\d_[\w-]+\.ipynb(#.*)?", target):
            return m.group(0)  # another lesson: the same lesson of this edition
        return f"{m.group(1)}../{target}"

    return LINK_RE.sub(fix, text)


def translated_notebook(english, catalog: polib.POFile, edition: Edition, lesson_name: str):
    """The edition's notebook: English cells, translated markdown, setup(lang=...), empty outputs."""
    table = {e.msgid: e for e in catalog if not e.obsolete}
    nb = nbformat.from_dict(english)
    problems = []
    setup_done = False
    first_markdown = True
    for i, cell in enumerate(nb.cells):
        if cell.cell_type == "markdown":
            key = message_text(cell.source)
            entry = table.get(key)
            if entry is None or not entry.msgstr or "fuzzy" in entry.flags:
                state = "missing" if entry is None or not entry.msgstr else "fuzzy"
                problems.append(f"cell {i} ({state}): {key[:60]!r}")
                continue
            text = deeper_links(entry.msgstr)
            cell.source = with_editions_line(text, edition, lesson_name) if first_markdown else text
            first_markdown = False
        elif cell.cell_type == "code":
            cell.outputs = []
            cell.execution_count = None
            if not setup_done and SETUP_RE.search(cell.source):
                cell.source = SETUP_RE.sub(f'helpers.setup(lang="{edition.code}")', cell.source, count=1)
                setup_done = True
    if not setup_done:
        problems.append("no helpers.setup() call in a code cell")
    nb.metadata.setdefault("liquidity_lab", {})["edition"] = edition.code
    return nb, problems


def link_english(lesson: Path) -> bool:
    """Give the English lesson's title cell its editions line (English · 简体中文 · 繁體中文); True if changed."""
    nb = nbformat.read(lesson, as_version=4)
    title = next(c for c in nb.cells if c.cell_type == "markdown")
    new = with_editions_line(title.source, ENGLISH, lesson.name)
    if new == title.source:
        return False
    title.source = new
    nbformat.write(nb, lesson)
    return True


def _same_sources(a, b) -> bool:
    return [(c.cell_type, c.source) for c in a.cells] == [(c.cell_type, c.source) for c in b.cells] \
        and a.metadata.get("liquidity_lab") == b.metadata.get("liquidity_lab")


def build(lessons: list[Path], execute: bool = False) -> int:
    """Write each edition's notebook whose cells changed (an unchanged one keeps its outputs);
    with ``execute``, run the written ones top to bottom (tools/execute_lessons.py)."""
    failures, written = [], []
    for lesson in lessons:
        if link_english(lesson):
            print(f"linked the editions from {lesson.relative_to(ROOT)}")
        english = nbformat.read(lesson, as_version=4)
        for edition in EDITIONS:
            catalog = load_catalog(edition.locale, lesson)
            nb, problems = translated_notebook(english, catalog, edition, lesson.name)
            if problems:
                failures += [f"{edition.code}/{lesson.name}: {p}" for p in problems]
                continue
            out = LESSONS / edition.code / lesson.name
            out.parent.mkdir(exist_ok=True)
            if out.exists() and _same_sources(nbformat.read(out, as_version=4), nb):
                continue
            nbformat.write(nb, out)
            written.append(out)
            print(f"wrote {out.relative_to(ROOT)}")
    for f in failures:
        print(f, file=sys.stderr)
    print(f"{len(written)} translated notebook(s) written, the others unchanged")
    if execute and written and not failures:
        sys.path.insert(0, str(ROOT / "tools"))
        from execute_lessons import execute as run_notebook

        for path in written:
            run_notebook(path)
            print(f"executed {path.relative_to(ROOT)}")
    return 1 if failures else 0


def status(lessons: list[Path]) -> int:
    bad = 0
    for lesson in lessons:
        english = messages(nbformat.read(lesson, as_version=4))
        for edition in EDITIONS:
            table = {e.msgid: e for e in load_catalog(edition.locale, lesson) if not e.obsolete}
            missing = sum(1 for m in english if m not in table or not table[m].msgstr)
            fuzzy = sum(1 for m in english if m in table and "fuzzy" in table[m].flags)
            unused = sum(1 for m in table if m not in english)
            bad += missing + fuzzy + unused
            print(f"{edition.code}/{lesson.name}: {len(english)} messages, {missing} missing, {fuzzy} fuzzy, "
                  f"{unused} unused")
    return 1 if bad else 0


# --- Helper text: one gettext domain, "helpers", extracted by Babel ------------------------------
HELPERS_DIR = ROOT / "helpers"
HELPERS_LOCALES = HELPERS_DIR / "locales"
KEYWORDS = {"_": None, "gettext": None, "N_": None, "Lazy": None, "ngettext": (1, 2)}


def helper_catalog_path(locale: str) -> Path:
    return HELPERS_LOCALES / locale / "LC_MESSAGES" / "helpers.po"


def helper_messages() -> list[tuple[str, list[tuple[str, str]]]]:
    """(msgid, occurrences) of every marked helper text, in file order (Babel's Python extractor)."""
    from babel.messages.extract import extract_from_dir

    found: dict[str, list[tuple[str, str]]] = {}
    for filename, lineno, message, _comments, _context in extract_from_dir(
            str(HELPERS_DIR), method_map=[("**.py", "python")], keywords=KEYWORDS, comment_tags=(),
            strip_comment_tags=True):
        msgid = message[0] if isinstance(message, tuple) else message
        if not msgid:
            continue
        found.setdefault(msgid, []).append((f"helpers/{filename}", str(lineno)))
    return list(found.items())


def _fill_from(po: polib.POFile, staging: list[Path]) -> int:
    """Take translations from translators' catalogs (msgid -> msgstr; a later file wins, and a
    disagreement is reported); returns how many entries changed."""
    table, sources = {}, {}
    for path in staging:
        for e in polib.pofile(str(path), wrapwidth=0):
            if e.msgstr and "fuzzy" not in e.flags:
                if e.msgid in table and table[e.msgid] != e.msgstr:
                    print(f"  {path.name} and {sources[e.msgid]} translate {e.msgid[:40]!r} differently; "
                          f"{path.name} is used", file=sys.stderr)
                table[e.msgid], sources[e.msgid] = e.msgstr, path.name
    changed = 0
    for e in po:
        if e.msgid in table and (e.msgstr != table[e.msgid] or "fuzzy" in e.flags):
            e.msgstr = table[e.msgid]
            if "fuzzy" in e.flags:
                e.flags.remove("fuzzy")
            changed += 1
    return changed


def helpers_update(staging: list[Path]) -> int:
    """Extract helper text, merge it into the 简体中文 catalog, fill from staging, derive 繁體中文, compile .mo."""
    extracted = helper_messages()
    po = polib.pofile(str(helper_catalog_path(HANS)), wrapwidth=0) if helper_catalog_path(HANS).exists() \
        else _new_catalog(HANS, Path("helpers"))
    counts = merge(po, [m for m, _ in extracted])
    where = dict(extracted)
    for e in po:
        e.occurrences = where.get(e.msgid, [])
        if "{" in e.msgid and "python-brace-format" not in e.flags:
            e.flags.append("python-brace-format")
    filled = _fill_from(po, staging)
    po.metadata["Project-Id-Version"] = "Liquidity Lab helpers"
    save_catalog(po, helper_catalog_path(HANS))
    po.save_as_mofile(str(helper_catalog_path(HANS).with_suffix(".mo")))
    hant = traditional(po, Path("helpers"))
    hant.metadata["Project-Id-Version"] = "Liquidity Lab helpers"
    save_catalog(hant, helper_catalog_path(HANT))
    hant.save_as_mofile(str(helper_catalog_path(HANT).with_suffix(".mo")))
    missing = sum(1 for e in po if not e.msgstr or "fuzzy" in e.flags)
    print(f"helpers: {len(po)} messages; {counts['new']} new, {counts['fuzzy']} fuzzy, {counts['dropped']} dropped, "
          f"{filled} filled from staging; {missing} still to translate")
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("command", choices=("update", "build", "status", "helpers"))
    parser.add_argument("--execute", action="store_true", help="build: execute the notebooks it wrote")
    parser.add_argument("lessons", nargs="*", type=Path,
                        help="English lessons (default: all); for `helpers`: staging .po files to fill from")
    args = parser.parse_args(argv)
    if args.command == "helpers":
        return helpers_update([p.resolve() for p in args.lessons])
    lessons = [p.resolve() for p in args.lessons] or english_lessons()
    if args.command == "build":
        return build(lessons, execute=args.execute)
    return {"update": update, "status": status}[args.command](lessons)


if __name__ == "__main__":
    sys.exit(main())
