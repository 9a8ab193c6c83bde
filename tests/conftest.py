"""Fixtures and pytest hooks shared by the tests: a disposable copy of the committed data/, and the
summary of tests left out for want of a network.

Plain helpers (paths, ``make_timeline``, ``solve`` ...) live in ``tests/support.py``; import them from
there (``from support import REAL_DATA, solve``). Fixtures such as ``data_copy`` are found by pytest
without an import.
"""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from support import REAL_DATA


@pytest.fixture
def data_copy(tmp_path, monkeypatch) -> Path:
    """A copy of the committed data/ in tmp_path that a test may damage; LIQUIDITY_LAB_DATA points at it."""
    folder = tmp_path / "data"
    shutil.copytree(REAL_DATA, folder)
    monkeypatch.setenv("LIQUIDITY_LAB_DATA", str(folder))
    return folder


# ---------------------------------------------------------------------------
# `make test OFFLINE=1` (pytest -m "not network"): say what was left out, by name
# ---------------------------------------------------------------------------
_LEFT_OUT: list[str] = []


def pytest_deselected(items):
    _LEFT_OUT.extend(item.nodeid for item in items if item.get_closest_marker("network"))


def pytest_terminal_summary(terminalreporter):
    if _LEFT_OUT:
        terminalreporter.write_line(
            f"left out {len(_LEFT_OUT)} test(s) that need the network (marked `network`): "
            + ", ".join(_LEFT_OUT))
