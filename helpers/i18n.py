"""The course's languages: English (the source), 简体中文 and 繁體中文.

A lesson chooses its edition in its first cell, ``helpers.setup(lang="zh-hans")``; English is the
default. Helper text that a reader sees — chart titles, axis titles and legends, source lines,
exercise prompts, hints and feedback, quiz questions — is looked up with :func:`gettext` (written
``_("...")`` in the helpers) in the message catalogs ``helpers/locales/<locale>/LC_MESSAGES/helpers.po``,
compiled to ``.mo`` by ``make translate`` and read with Python's standard :mod:`gettext`. A message
with no translation is shown in English, so a half-translated helper never breaks a lesson.
Numbers are formatted the same way in every edition (``f"{x:,.1f}"``); only words change.

Three ways to mark text, all found by Babel's extractor (``tools/translate.py helpers``):

* ``_("...")`` (this module's :func:`gettext`) where the text is made at call time — a chart title,
  a report line: ``_("Reserves fell by {x:,.0f} billion").format(x=drop)``;
* ``N_("...")`` where the text is fixed when a module is imported (an exercise prompt): it marks
  the English for the catalog and returns it unchanged; whoever shows it calls :func:`text`;
* ``Lazy("... {n} ...", n=N)`` for such text with values filled in: translated, then formatted,
  each time it is shown, so the template (with its placeholders) is what translators see.

A lesson imports its exercises before ``helpers.setup(lang=...)`` runs, so text fixed at import
must be translated when shown, never when defined.
"""
from __future__ import annotations

import gettext as _gettext
from pathlib import Path

from helpers.validate import check_choice, check_int, check_text

__all__ = ["LANGUAGES", "set_language", "language", "gettext", "ngettext", "chart_font", "N_", "Lazy", "text"]

LOCALE_DIR = Path(__file__).parent / "locales"
DOMAIN = "helpers"
# edition code (as in lessons/zh-hans/) -> gettext locale folder
LANGUAGES = {"en": "en", "zh-hans": "zh_Hans", "zh-hant": "zh_Hant"}
# Chart text font per edition; vl-convert draws PNGs with it, browsers fall back along the list.
_FONTS = {
    "en": "DejaVu Sans, Helvetica, Arial, sans-serif",
    "zh-hans": "Noto Sans CJK SC, Source Han Sans SC, PingFang SC, Microsoft YaHei, sans-serif",
    "zh-hant": "Noto Sans CJK TC, Source Han Sans TC, PingFang TC, Microsoft JhengHei, sans-serif",
}
_current = "en"
_translation: _gettext.NullTranslations = _gettext.NullTranslations()


def set_language(lang: str) -> str:
    """Make ``lang`` (``"en"``, ``"zh-hans"`` or ``"zh-hant"``) the language of helper text; returns it."""
    global _current, _translation
    lang = check_choice("lang", lang, tuple(LANGUAGES))
    _translation = (_gettext.NullTranslations() if lang == "en" else
                    _gettext.translation(DOMAIN, LOCALE_DIR, languages=[LANGUAGES[lang]], fallback=True))
    _current = lang
    return lang


def language() -> str:
    """The edition helper text is in now (``"en"`` unless a lesson called ``helpers.setup(lang=...)``)."""
    return _current


def gettext(message: str) -> str:
    """``message`` in the current language (English if it has no translation)."""
    return _translation.gettext(check_text("message", message))


def ngettext(singular: str, plural: str, n: int) -> str:
    """``singular`` or ``plural`` in the current language, as ``n`` asks."""
    check_text("singular", singular)
    check_text("plural", plural)
    return _translation.ngettext(singular, plural, check_int("n", n, 0))


def chart_font() -> str:
    """The font list charts use in the current edition (CJK fonts first in the Chinese editions)."""
    return _FONTS[_current]


def N_(message: str) -> str:
    """Mark ``message`` for the catalog without translating it now (it is translated when shown)."""
    return check_text("message", message)


class Lazy(str):
    """A message template and its values: English as a ``str`` (so it works wherever text does),
    translated and formatted again by :func:`text` each time it is shown in another language.

    >>> Lazy("a {n}-day window", n=60)
    'a 60-day window'
    """

    def __new__(cls, template: str, **values):
        self = super().__new__(cls, template.format(**values))
        self.template = template
        self.values = values
        return self

    def translated(self) -> str:
        return gettext(self.template).format(**self.values)


def text(value) -> str:
    """What a reader sees of ``value`` now: a :class:`Lazy` rendered, a callable called (then shown),
    a plain string looked up in the catalog (English if it has no entry)."""
    if callable(value) and not isinstance(value, Lazy):
        value = value()
    if isinstance(value, Lazy):
        return value.translated()
    if isinstance(value, str):
        return gettext(value) if value else value
    return "" if value is None else str(value)
