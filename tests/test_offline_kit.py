"""The offline kit: download every wheel into a folder, then install the course from that folder alone
(index disabled) into a fresh environment and run lesson 00 under nbval there.

`make wheelhouse` downloads only when the wheelhouse does not yet hold everything requirements.txt
needs (pip's resolver, run with the index switched off, decides), so a second run reuses it."""
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
WHEELHOUSE = ROOT / "wheelhouse"  # git-ignored; kept between runs so it downloads only once


def _run(cmd, **kw):
    proc = subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True, **kw)
    assert proc.returncode == 0, f"{' '.join(map(str, cmd))} failed:\n{proc.stdout[-3000:]}\n{proc.stderr[-3000:]}"
    return proc


@pytest.mark.network
@pytest.mark.slow
def test_offline_kit_installs_with_no_index_and_runs_a_lesson(tmp_path):
    _run(["make", "--no-print-directory", "wheelhouse", f"WHEELHOUSE={WHEELHOUSE}"])
    # complete now: asked again, make wheelhouse finds everything there and downloads nothing
    again = _run(["make", "--no-print-directory", "wheelhouse", f"WHEELHOUSE={WHEELHOUSE}"],
                 env=dict(os.environ, PIP_INDEX_URL="http://127.0.0.1:9/nowhere", PIP_CONFIG_FILE=os.devnull))
    assert "wheelhouse complete for requirements.txt" in again.stdout, again.stdout
    venv = tmp_path / "venv"
    # No index at all: any package missing from the wheelhouse makes the install fail.
    env = dict(os.environ, PIP_NO_INDEX="1", PIP_INDEX_URL="http://127.0.0.1:9/nowhere",
               PIP_CONFIG_FILE=os.devnull)
    _run(["make", "--no-print-directory", "offline-env", f"VENV={venv}", f"WHEELHOUSE={WHEELHOUSE}",
          f"PYTHON={sys.executable}"], env=env)
    python = venv / "bin" / "python"
    out = _run([str(python), "-c", "import helpers, altair, ipywidgets, jupyterlab; print(helpers.__file__)"])
    assert str(ROOT / "helpers") in out.stdout
    _run([str(python), "-m", "pytest", "-q", "-p", "no:cacheprovider", "lessons/00_start_here.ipynb"])
