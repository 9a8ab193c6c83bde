"""Liquidity Lab course helpers.

Lessons start with::

    import helpers
    helpers.setup()

Modules: ``helpers.data`` (the snapshot: ``load``, ``catalogue``), ``helpers.charts`` (the offline
chart renderer, theme and policy-phase shading), ``helpers.exercises`` (checks, hints, solutions
and quizzes for each lesson).
"""
from importlib import import_module

__all__ = ["setup", "load", "catalogue", "describe", "last_dates", "DataError"]
__version__ = "0.1.0"

_LAZY = {
    "setup": "helpers.charts",
    "load": "helpers.data",
    "catalogue": "helpers.data",
    "describe": "helpers.data",
    "last_dates": "helpers.data",
    "DataError": "helpers.data",
}


def __getattr__(name: str):
    # Imported on first use, so `python -m helpers.data` and `import helpers` stay light.
    if name in _LAZY:
        return getattr(import_module(_LAZY[name]), name)
    raise AttributeError(f"module 'helpers' has no attribute {name!r}")


def __dir__():
    return sorted(list(globals()) + __all__)
