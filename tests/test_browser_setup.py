"""`make browser`: which Chromium the browser tests use, and how one is obtained (no browser needed)."""
import subprocess
from pathlib import Path

import pytest

import browser_support as bs


@pytest.fixture
def nothing_installed(monkeypatch, tmp_path):
    """No $LIQUIDITY_LAB_CHROMIUM, no Debian package, no Playwright build."""
    monkeypatch.delenv(bs.CHROMIUM_ENV, raising=False)
    monkeypatch.setattr(bs, "DEBIAN_CHROMIUM", tmp_path / "usr-bin-chromium")
    monkeypatch.setattr(bs, "_playwright_chromium", lambda: None)
    return tmp_path / "usr-bin-chromium"


def test_the_environment_variable_comes_first(nothing_installed, monkeypatch, tmp_path):
    mine = tmp_path / "my-chromium"
    mine.write_text("")
    nothing_installed.write_text("")
    monkeypatch.setenv(bs.CHROMIUM_ENV, str(mine))
    assert bs.find_chromium() == (mine, f"${bs.CHROMIUM_ENV}")


def test_then_debian_then_playwright(nothing_installed, monkeypatch, tmp_path):
    own = tmp_path / "ms-playwright-chrome"
    monkeypatch.setattr(bs, "_playwright_chromium", lambda: own)
    assert bs.find_chromium() == (own, "Playwright's own Chromium")
    nothing_installed.write_text("")
    assert bs.find_chromium() == (nothing_installed, "Debian's chromium package")


def test_a_wrong_environment_variable_is_named(nothing_installed, monkeypatch, capsys):
    monkeypatch.setenv(bs.CHROMIUM_ENV, "/no/such/chromium")
    assert bs.ensure_chromium() == 1
    out = capsys.readouterr().out
    assert out.count("\n") == 1 and bs.CHROMIUM_ENV in out and "/no/such/chromium" in out


def test_offline_looks_only_and_says_what_to_run(nothing_installed, monkeypatch, capsys):
    monkeypatch.setattr(subprocess, "run", lambda *a, **k: pytest.fail(f"ran {a}"))
    assert bs.ensure_chromium(offline=True) == 1
    out = capsys.readouterr().out
    assert out.count("\n") == 1
    assert "apt-get install -y chromium" in out and "python -m playwright install chromium" in out


def test_debian_as_root_installs_the_package(nothing_installed, monkeypatch, capsys):
    ran = []

    def fake_run(cmd, **kw):
        ran.append(cmd)
        if cmd[-1] == "chromium":
            nothing_installed.write_text("")   # apt-get put /usr/bin/chromium in place
        return subprocess.CompletedProcess(cmd, 0, "", "")

    monkeypatch.setattr(bs, "_debian_like", lambda: True)
    monkeypatch.setattr(bs, "_as_root", lambda: [])
    monkeypatch.setattr(bs.shutil, "which", lambda name: f"/usr/bin/{name}")
    monkeypatch.setattr(subprocess, "run", fake_run)
    assert bs.ensure_chromium() == 0
    assert ran == [["apt-get", "update", "-qq"], ["apt-get", "install", "-y", "-qq", "chromium"]]
    assert str(nothing_installed) in capsys.readouterr().out


def test_elsewhere_playwright_fetches_its_own(nothing_installed, monkeypatch, tmp_path, capsys):
    own = tmp_path / "chrome"
    ran = []

    def fake_run(cmd, **kw):
        ran.append(cmd)
        monkeypatch.setattr(bs, "_playwright_chromium", lambda: own)
        return subprocess.CompletedProcess(cmd, 0, "", "")

    monkeypatch.setattr(bs, "_debian_like", lambda: False)
    monkeypatch.setattr(subprocess, "run", fake_run)
    assert bs.ensure_chromium() == 0
    assert ran and ran[0][1:] == ["-m", "playwright", "install", "chromium"]
    assert "Playwright's own Chromium" in capsys.readouterr().out


def test_when_nothing_can_be_had_one_line_says_why(nothing_installed, monkeypatch, capsys):
    monkeypatch.setattr(bs, "_debian_like", lambda: True)
    monkeypatch.setattr(bs, "_as_root", lambda: None)           # not root, no sudo
    monkeypatch.setattr(bs.shutil, "which", lambda name: f"/usr/bin/{name}")
    monkeypatch.setattr(subprocess, "run", lambda cmd, **kw: subprocess.CompletedProcess(cmd, 1, "", "no"))
    assert bs.ensure_chromium() == 1
    last = capsys.readouterr().out.splitlines()[-1]
    assert "needs root or passwordless sudo" in last and "Playwright's download failed" in last
