"""A real JupyterHub with the one-machine config, three learners, the nbgitpuller link, lesson 00.

Everything runs on 127.0.0.1 in tmp_path: a bare git repository of the course's committed HEAD is
the learners' remote; JupyterHub (dummy authenticator, local-process spawner, throw-away state and
homes) and configurable-http-proxy from deploy/node_modules (`make proxy`). Every process the hub
started is stopped at the end, also when the test fails.
"""
from __future__ import annotations

import json
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from helpers.course import START_LESSON, hub_link
from hub_support import (PROXY, HOW_TO_GET_PROXY, Hub, Learner, commit_to_remote, compare_outputs,
                               make_course_remote, run_notebook)

pytestmark = pytest.mark.slow

LEARNERS = ("ada", "bo", "chen")
FOLDER = "liquidity-lab"
NOTE = "My own note: QT drained reserves first from ON RRP."


@pytest.fixture
def hub(tmp_path):
    if not PROXY.exists():
        pytest.fail(HOW_TO_GET_PROXY, pytrace=False)
    with Hub(tmp_path / "hub") as running:
        yield running
    left = [p.pid for p in running.remember_children() if p.is_running()]
    assert not left, f"processes the hub started are still running: {left}"


def _learner_runs_lesson00(hub: Hub, name: str, link: str, home: Path) -> dict:
    learner = Learner(hub, name)
    learner.log_in(timeout=120)
    final = learner.open_link(link)
    lesson = f"{FOLDER}/{START_LESSON}"
    assert (home / name / lesson).exists(), f"{name} has no copy of lesson 00"
    nb = json.loads((home / name / lesson).read_text(encoding="utf-8"))
    kernel = learner.kernel(lesson)
    try:
        where = kernel.execute("import helpers, os; print(helpers.__file__); print(os.getcwd())")
        results = run_notebook(kernel, nb)
    finally:
        kernel.close()
    assert len(results) == sum(c["cell_type"] == "code" for c in nb["cells"])
    # the comparison is not blind: a changed stored output is reported
    i, outputs = next((i, o) for i, o in results if o and o[0]["output_type"] == "stream")
    tampered = json.loads(json.dumps(nb))
    tampered["cells"][i]["outputs"][0]["text"] = "something else\n"
    assert compare_outputs(tampered, results), "compare_outputs missed a changed output"
    return {"learner": learner, "final": final, "where": where[0]["text"].split(), "problems":
            compare_outputs(nb, results)}


def test_three_learners_pull_the_course_run_lesson00_and_keep_their_edits(hub, tmp_path):
    t0 = time.perf_counter()
    remote = make_course_remote(tmp_path)
    link = hub_link(hub.url, repo=remote.as_uri(), branch=_branch(remote), folder=FOLDER)
    home = hub.root / "home"

    with ThreadPoolExecutor(len(LEARNERS)) as pool:
        runs = list(pool.map(lambda n: _learner_runs_lesson00(hub, n, link, home), LEARNERS))

    for name, run in zip(LEARNERS, runs):
        assert f"/user/{name}/git-pull" in run["final"]
        module, cwd = run["where"]
        assert Path(module).is_relative_to(home / name / FOLDER), f"{name} imported helpers from {module}"
        assert Path(cwd) == home / name / FOLDER / "lessons"
        assert not run["problems"], f"{name}'s lesson 00 differs from the stored outputs: {run['problems']}"

    # The UI can be switched to Chinese: both language packs are offered by each learner's server.
    ada, bo = runs[0]["learner"], runs[1]["learner"]
    languages = ada.session.get(f"{ada.base}/lab/api/translations", timeout=30).json()["data"]
    assert {"zh_CN", "zh_TW"} <= set(languages), sorted(languages)

    # One learner edits lesson 00; the instructor then updates the course; both learners pull again.
    lesson = f"{FOLDER}/{START_LESSON}"
    nb = ada.contents(lesson)["content"]
    nb["cells"].append({"cell_type": "markdown", "metadata": {}, "source": NOTE, "id": "learner-note"})
    ada.save_notebook(lesson, nb)

    def update(work: Path) -> None:
        readme = work / "README.md"
        readme.write_text(readme.read_text(encoding="utf-8") + "\nUpdated during the workshop.\n", encoding="utf-8")
        (work / "lessons" / "workshop_notes.md").write_text("Notes for today.\n", encoding="utf-8")

    commit_to_remote(remote, tmp_path / "instructor", update)
    for learner in (ada, bo):
        learner.open_link(link)

    mine = ada.contents(lesson)["content"]
    assert mine["cells"][-1]["source"] == NOTE, "the learner's edit did not survive the update"
    assert len(mine["cells"]) == len(nb["cells"])
    for learner in (ada, bo):
        assert "Updated during the workshop." in (home / learner.name / FOLDER / "README.md").read_text()
        assert (home / learner.name / FOLDER / "lessons" / "workshop_notes.md").exists()
    theirs = bo.contents(lesson)["content"]
    assert NOTE not in json.dumps(theirs), "another learner's copy changed: copies are not separate"
    print(f"\nhub test: {time.perf_counter() - t0:.1f} s for {len(LEARNERS)} learners")


def _branch(remote: Path) -> str:
    """The branch the bare copy's HEAD points at (the course's checked-out branch)."""
    import subprocess

    ref = subprocess.run(["git", "--git-dir", str(remote), "symbolic-ref", "HEAD"], capture_output=True,
                         text=True, check=True).stdout.strip()
    return ref.removeprefix("refs/heads/")
