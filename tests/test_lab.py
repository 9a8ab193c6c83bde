"""`make lab` serves JupyterLab: start it on a free loopback port and get HTTP 200 from /api/status."""
import json
import os
import secrets
import signal
import subprocess
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from browser_support import free_port

ROOT = Path(__file__).resolve().parent.parent


@pytest.mark.slow
@pytest.mark.parametrize("edition,locale", [("", "default"), ("zh-hans", "zh_CN"), ("zh-hant", "zh_TW")])
def test_make_lab_serves_jupyterlab(tmp_path, edition, locale):
    """`make lab` (and `make lab LANG=zh-hans|zh-hant`): JupyterLab answers, with the course's defaults;
    a Chinese edition opens its lesson 00 with JupyterLab's interface in that language."""
    port, token = free_port(), secrets.token_hex(16)
    env = dict(os.environ,
               JUPYTER_CONFIG_DIR=str(tmp_path / "config"), JUPYTER_DATA_DIR=str(tmp_path / "data"),
               JUPYTER_RUNTIME_DIR=str(tmp_path / "runtime"),
               JUPYTERLAB_WORKSPACES_DIR=str(tmp_path / "workspaces"),
               JUPYTERLAB_SETTINGS_DIR=str(tmp_path / "settings"))
    log = open(tmp_path / "lab.log", "wb")
    proc = subprocess.Popen(
        ["make", "--no-print-directory", "lab", "NO_BROWSER=1", f"PORT={port}", *([f"LANG={edition}"] if edition else []),
         f"LAB_ARGS=--ServerApp.token={token} --ServerApp.port_retries=0"],
        cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True,
    )
    try:
        url = f"http://127.0.0.1:{port}/api/status?token={token}"
        deadline, status = time.monotonic() + 90, None
        while time.monotonic() < deadline and proc.poll() is None:
            try:
                with urllib.request.urlopen(url, timeout=2) as resp:
                    status, body = resp.status, json.loads(resp.read())
                    break
            except (urllib.error.URLError, ConnectionError, TimeoutError):
                time.sleep(0.5)
        assert status == 200, f"JupyterLab did not answer; log:\n{(tmp_path / 'lab.log').read_text()[-2000:]}"
        assert "started" in body
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/lab?token={token}", timeout=10) as resp:
            assert resp.status == 200 and b"JupyterLab" in resp.read()
        # the course's defaults (tools/jupyterlab-overrides.json): no "get notified about Jupyter
        # news?" pop-up over the first lesson, no update check
        settings = f"http://127.0.0.1:{port}/lab/api/settings/@jupyterlab/apputils-extension:notification"
        with urllib.request.urlopen(f"{settings}?token={token}", timeout=10) as resp:
            schema = json.loads(resp.read())["schema"]["properties"]   # overrides change the defaults
        assert schema["fetchNews"]["default"] == "false", schema["fetchNews"]
        assert schema["checkForUpdates"]["default"] is False
        language = f"http://127.0.0.1:{port}/lab/api/settings/@jupyterlab/translation-extension:plugin"
        with urllib.request.urlopen(f"{language}?token={token}", timeout=10) as resp:
            default = json.loads(resp.read())["schema"]["properties"]["locale"]["default"]
        assert default == locale, f"JupyterLab's language: {default!r}, wanted {locale!r}"
        if edition:   # the language pack is there, and the lesson opened is the edition's lesson 00
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/lab/api/translations/{locale}?token={token}",
                                        timeout=10) as resp:
                assert json.loads(resp.read())["data"], f"no {locale} language pack"
            log.flush()
            command = (tmp_path / "lab.log").read_text(errors="replace")   # make echoes the jupyter command
            assert f"lessons/{edition}/00_start_here.ipynb" in command, command[-800:]
    finally:
        os.killpg(proc.pid, signal.SIGTERM)
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait()
        log.close()
