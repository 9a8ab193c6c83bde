"""The offline kit: download every wheel into a folder, then install the course from that folder alone
(index disabled) into a fresh environment and run lesson 00 under nbval there."""
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
WHEELHOUSE = ROOT / "wheelhouse"  # git-ignored; kept between runs so it downloads only once


def _run(cmd, **kw):
    proc = subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True, **kw)
    assert proc.returncode == 0, f"{' '.join(map(str, cmd))} failed:\n{proc.stdout[-3000:]}\n{proc.stderr[-3000:]}"
    return proc


def test_offline_kit_installs_with_no_index_and_runs_a_lesson(tmp_path):
    _run(["make", "--no-print-directory", "wheelhouse", f"WHEELHOUSE={WHEELHOUSE}"])
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
