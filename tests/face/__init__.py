"""Valid example calls for every public function of ``helpers``, one file per topic.

``tests/test_public_face.py`` enumerates the public functions of every ``helpers`` module (their
``__all__``) and, for each, starts from a valid call and swaps one argument for an odd value a learner
might type. Each ``tests/face/<topic>.py`` gives, per public name, a function ``t -> kwargs`` that
builds a valid call from :class:`Tables` (``t.load("markets")`` and friends, each a fresh copy).

A function whose parameters all have defaults needs no entry: ``{}`` is its valid call. A public
function with required parameters and no entry fails ``test_every_public_function_has_an_example``,
so a new function is covered as soon as it is exported.

``ECHO`` (optional) lists functions whose text shows the value they were given (``validate.shown``):
"nan" in it is the caller's NaN, not a computed one. ``SKIP`` (optional, per topic file) names functions the sweep must not call, each with its reason
(e.g. it downloads); the test checks each reason is a real sentence and the name really exists.
"""
from __future__ import annotations

from functools import cached_property

import pandas as pd


class Tables:
    """The snapshot's tables for building example calls; every access returns a fresh copy."""

    def __init__(self):
        self._cache: dict[str, pd.DataFrame] = {}

    def load(self, name: str) -> pd.DataFrame:
        if name not in self._cache:
            from helpers.data import load

            self._cache[name] = load(name)
        return self._cache[name].copy()

    @cached_property
    def last_week(self) -> pd.Timestamp:
        return self.load("fed_balance_sheet").index[-1]
