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
def test_make_lab_serves_jupyterlab(tmp_path):
    port, token = free_port(), secrets.token_hex(16)
    env = dict(os.environ,
               JUPYTER_CONFIG_DIR=str(tmp_path / "config"), JUPYTER_DATA_DIR=str(tmp_path / "data"),
               JUPYTER_RUNTIME_DIR=str(tmp_path / "runtime"),
               JUPYTERLAB_WORKSPACES_DIR=str(tmp_path / "workspaces"),
               JUPYTERLAB_SETTINGS_DIR=str(tmp_path / "settings"))
    log = open(tmp_path / "lab.log", "wb")
    proc = subprocess.Popen(
        ["make", "--no-print-directory", "lab", "NO_BROWSER=1", f"PORT={port}",
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
    finally:
        os.killpg(proc.pid, signal.SIGTERM)
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait()
        log.close()
