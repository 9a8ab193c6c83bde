"""requirements.txt is the one source of truth; environment.yml, pyproject and the Makefile agree."""
import re
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def _requirements() -> dict[str, str]:
    pins = {}
    for line in (ROOT / "requirements.txt").read_text().splitlines():
        line = line.split("#", 1)[0].strip()
        if not line:
            continue
        m = re.fullmatch(r"([A-Za-z0-9_.\-\[\]]+)==([A-Za-z0-9_.+\-]+)", line)
        assert m, f"requirements.txt line is not an exact pin: {line!r}"
        pins[m.group(1).lower()] = m.group(2)
    return pins


def test_requirements_pin_exact_versions_of_the_course_stack():
    pins = _requirements()
    assert pins["jupyterlab"].startswith("4.6.")
    assert pins["ipywidgets"].startswith("8.1.")
    assert pins["pandas"].startswith("3.")
    assert pins["altair"].startswith("5.5."), "Altair 6 emits a Vega-Lite v6 mimetype JupyterLab cannot draw"
    assert pins["nbval"].startswith("0.11.")
    for name in ("numpy", "vl-convert-python", "pytest"):
        assert name in pins


def test_environment_yml_installs_requirements_with_the_same_python():
    text = (ROOT / "environment.yml").read_text()
    assert re.search(r"^\s*-\s*python=3\.11\s*$", text, re.M), "environment.yml must pin python=3.11"
    assert re.search(r"^\s*-\s*pip\s*$", text, re.M)
    assert "conda-forge" in text
    assert re.search(r"^\s*-\s*-r requirements\.txt\s*$", text, re.M)
    assert re.search(r"^\s*-\s*-e \.\s*$", text, re.M)
    # No package is pinned twice (a second version list would drift from requirements.txt).
    conda_pkgs = re.findall(r"^\s*-\s*([A-Za-z][\w.\-]*)\s*[=<>]", text, re.M)
    assert set(conda_pkgs) <= {"python"}, f"environment.yml pins packages itself: {conda_pkgs}"


def test_python_versions_agree():
    pyproject = (ROOT / "pyproject.toml").read_text()
    assert 'requires-python = ">=3.11"' in pyproject
    header = (ROOT / "requirements.txt").read_text().splitlines()[0]
    assert "3.11" in header
    assert sys.version_info >= (3, 11)


def test_pyproject_dependencies_are_all_pinned_in_requirements():
    pyproject = (ROOT / "pyproject.toml").read_text()
    deps = re.search(r"^dependencies = \[(.*?)\]", pyproject, re.M | re.S).group(1)
    names = [d.strip().strip('"').lower() for d in deps.split(",") if d.strip()]
    pins = _requirements()
    missing = [n for n in names if n not in pins]
    assert not missing, f"pyproject dependencies not pinned in requirements.txt: {missing}"


def test_installed_versions_match_the_pins():
    from importlib import metadata

    wrong = {}
    for name, version in _requirements().items():
        try:
            got = metadata.version(name)
        except metadata.PackageNotFoundError:
            wrong[name] = "not installed"
            continue
        if got != version:
            wrong[name] = got
    assert not wrong, f"installed versions differ from requirements.txt: {wrong} (run make test to update .venv)"


@pytest.mark.parametrize("target", ["lab", "test", "bench"])
def test_makefile_has_the_documented_targets(target):
    assert re.search(rf"^{target}:", (ROOT / "Makefile").read_text(), re.M)


def test_ci_runs_the_readme_test_command():
    ci = (ROOT / ".ci" / "run").read_text()
    assert "make test" in ci
    assert "make test" in (ROOT / "README.md").read_text()


def test_readme_course_map_matches_the_lessons():
    from helpers.course import LESSONS

    readme = (ROOT / "README.md").read_text()
    for lesson in LESSONS:
        assert f"(lessons/{lesson.file})" in readme
        assert f"{lesson.minutes} min" in readme
