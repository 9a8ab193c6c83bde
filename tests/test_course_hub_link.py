"""python -m helpers.course hub-link: the nbgitpuller link, and its argument checks."""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest

from helpers.course import START_LESSON, hub_link, main

ROOT = Path(__file__).resolve().parent.parent
REPO_URL = "https://github.com/example-org/liquidity-lab"


def test_link_clones_the_course_and_opens_lesson_00():
    link = hub_link("https://hub.example.edu", repo=REPO_URL)
    parts = urlsplit(link)
    assert (parts.scheme, parts.netloc, parts.path) == ("https", "hub.example.edu", "/hub/user-redirect/git-pull")
    query = {k: v[0] for k, v in parse_qs(parts.query).items()}
    assert query == {"repo": REPO_URL, "branch": "main", "targetpath": "liquidity-lab",
                     "urlpath": f"lab/tree/liquidity-lab/{START_LESSON}"}
    assert START_LESSON == "lessons/00_start_here.ipynb" and (ROOT / START_LESSON).exists()
    assert "%2F" in link and " " not in link      # every query value is URL-encoded


@pytest.mark.parametrize("hub, base", [
    ("https://hub.example.edu/", "https://hub.example.edu/hub/"),
    ("https://example.edu/jhub", "https://example.edu/jhub/hub/"),
    ("https://example.edu/jhub/hub/", "https://example.edu/jhub/hub/"),
    ("http://127.0.0.1:8000", "http://127.0.0.1:8000/hub/"),
])
def test_hub_base_paths(hub, base):
    assert hub_link(hub, repo=REPO_URL).startswith(base + "user-redirect/git-pull?")


def test_branch_folder_and_git_suffix():
    link = hub_link("https://hub.example.edu", repo="git@github.com:org/course.git", branch="spring-2027")
    query = {k: v[0] for k, v in parse_qs(urlsplit(link).query).items()}
    assert query["targetpath"] == "course" and query["branch"] == "spring-2027"
    link = hub_link("https://hub.example.edu", repo=REPO_URL + ".git", folder="ll")
    assert "urlpath=lab%2Ftree%2Fll%2Flessons" in link


@pytest.mark.parametrize("kwargs, error, name", [
    ({"hub": 42}, TypeError, "hub"),
    ({"hub": "hub.example.edu"}, ValueError, "hub"),
    ({"hub": "ftp://hub.example.edu"}, ValueError, "hub"),
    ({"hub": "https://hub.example.edu/?x=1"}, ValueError, "hub"),
    ({"repo": ["x"]}, TypeError, "repo"),
    ({"repo": "not a url"}, ValueError, "repo"),
    ({"branch": None}, TypeError, "branch"),
    ({"branch": "a b"}, ValueError, "branch"),
    ({"branch": "a..b"}, ValueError, "branch"),
    ({"branch": ""}, ValueError, "branch"),
    ({"folder": 3}, TypeError, "folder"),
    ({"folder": "../x"}, ValueError, "folder"),
    ({"folder": ".hidden"}, ValueError, "folder"),
])
def test_bad_arguments_name_the_argument(kwargs, error, name):
    args = {"hub": "https://hub.example.edu", "repo": REPO_URL, **kwargs}
    with pytest.raises(error, match=rf"^{name}\b"):
        hub_link(**args)


def test_repo_defaults_to_the_origin_remote(monkeypatch):
    import helpers.course as course

    monkeypatch.setattr(course, "default_repo", lambda: "https://example.org/x/liquidity-lab.git")
    assert "targetpath=liquidity-lab" in hub_link("https://hub.example.edu")


def test_main_prints_the_link(capsys):
    assert main(["hub-link", "--hub", "https://hub.example.edu", "--repo", REPO_URL]) == 0
    assert capsys.readouterr().out.strip() == hub_link("https://hub.example.edu", repo=REPO_URL)


def test_main_reports_a_bad_argument_in_one_line(capsys):
    assert main(["hub-link", "--hub", "hub.example.edu", "--repo", REPO_URL]) == 2  # the exit code, no SystemExit
    err = capsys.readouterr().err.strip()
    assert err.startswith("hub-link: hub=") and "\n" not in err


def test_main_returns_usage_errors_as_exit_codes(capsys):
    assert main([]) == 2 and "usage: python -m helpers.course" in capsys.readouterr().err
    assert main(["hub-link"]) == 2 and "--hub" in capsys.readouterr().err
    with pytest.raises(TypeError, match=r"^argv must be a list of str"):
        main("hub-link --hub https://hub.example.edu")
    bad = subprocess.run([sys.executable, "-m", "helpers.course", "hub-link", "--hub", "h.example"],
                         capture_output=True, text=True, cwd=ROOT, timeout=60)
    assert bad.returncode == 2 and bad.stderr.startswith("hub-link: hub=") and not bad.stdout


def test_module_command_line():
    out = subprocess.run([sys.executable, "-m", "helpers.course", "hub-link", "--hub", "https://h.example",
                          "--repo", REPO_URL, "--branch", "main"], capture_output=True, text=True, cwd=ROOT,
                         timeout=60)
    assert out.returncode == 0, out.stderr
    assert out.stdout.startswith("https://h.example/hub/user-redirect/git-pull?repo=") and not out.stderr
