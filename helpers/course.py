"""The course map and the install check used by lesson 00, the README and navigation."""
from __future__ import annotations

import argparse
import re
import subprocess
import sys
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path
from urllib.parse import quote, urlsplit

import pandas as pd

from helpers.data import verify
from helpers.i18n import N_, text
from helpers.i18n import gettext as _
from helpers.validate import check_flag, shown

__all__ = ["Lesson", "LESSONS", "check_setup", "course_map", "hub_link", "main", "navigation"]


@dataclass(frozen=True)
class Lesson:
    """One lesson; ``title`` and ``topic`` are English (marked for the catalog: what readers see is
    their translation, looked up when the course map or a navigation line is made)."""

    number: str
    file: str
    title: str
    title_zh: str
    minutes: int
    topic: str


LESSONS: tuple[Lesson, ...] = (
    Lesson("00", "00_start_here.ipynb", N_("Start here"), "从这里开始", 20,
           N_("JupyterLab, Binder and widgets; the data snapshot; Fed total assets 2003–2026 with QE/QT phases")),
    Lesson("01", "01_balance_sheet.ipynb", N_("The Fed's balance sheet: QE and QT"), "美联储资产负债表：QE 与 QT",
           50, N_("T-accounts; composition; runoff caps; how big QT2 was and where the drain landed; "
                  "reserve-management bills")),
    Lesson("02", "02_repo_money_markets.ipynb", N_("Repo and money markets"), "回购与货币市场", 50,
           N_("Repo mechanics; ON RRP and the Standing Repo Facility; the rate corridor; stress signals")),
    Lesson("03", "03_liquidity_transmission.ipynb", N_("Liquidity transmission"), "流动性传导", 60,
           N_("Channels; net liquidity vs BTC; levels vs returns; rolling correlation; lead–lag")),
    Lesson("04", "04_historical_pivots.ipynb", N_("Historical pivots"), "历史政策转向", 60,
           N_("Event study against base rates; selection sensitivity; after QT ended; seasonality")),
    Lesson("05", "05_risk_management.ipynb", N_("Risk management"), "风险管理", 60,
           N_("Volatility and drawdowns; staged buying and take-profits; leverage and liquidation; sizing")),
    Lesson("06", "06_scenario_lab.ipynb", N_("Scenario lab"), "情景实验室", 45,
           N_("Reserves and net-liquidity paths; a transparent toy model of BTC outcomes and its limits")),
    Lesson("07", "07_claims_lab.ipynb", N_("Claims lab (capstone)"), "观点检验实验室", 60,
           N_("Fourteen claims from two articles, each checked against data and primary sources")),
)

CORE_PACKAGES = ("pandas", "numpy", "altair", "vl-convert-python", "ipywidgets", "jupyterlab")


def course_map(available_only: bool = False):
    """The lessons as a DataFrame (number, title, Chinese title, minutes, topic).

    ``available_only``: list only the lessons whose notebook is in ``lessons/``. Titles and topics
    are in the current language (``helpers.setup(lang=...)``); the column names stay as they are.
    """
    available_only = check_flag("available_only", available_only)
    lessons_dir = Path(__file__).resolve().parent.parent / "lessons"
    rows = [
        {"lesson": l.number, "title": text(l.title), "标题": l.title_zh, "minutes": l.minutes,
         "topic": text(l.topic)}
        for l in LESSONS
        if not available_only or (lessons_dir / l.file).exists()
    ]
    return pd.DataFrame(rows).set_index("lesson")


def navigation(number: str) -> str:
    """Markdown 'previous | index | next' links for a lesson, in the current language.

    The links point at the same file names, so they work inside every edition's folder.
    """
    numbers = [l.number for l in LESSONS]
    if not isinstance(number, str):
        raise TypeError(f"number must be a str such as '01', got {type(number).__name__} ({shown(number)}); "
                        f"allowed: {', '.join(numbers)}")
    if number not in numbers:
        raise ValueError(f"number={number!r} is not a lesson; allowed: {', '.join(numbers)}")
    i = numbers.index(number)
    parts = []
    if i > 0:
        parts.append(f"[← {LESSONS[i - 1].number} {text(LESSONS[i - 1].title)}]({LESSONS[i - 1].file})")
    # the anchor is lesson 00's "Course map" heading, which the editions translate too
    parts.append(_("[Course map](00_start_here.ipynb#Course-map)"))
    if i + 1 < len(LESSONS):
        parts.append(f"[{LESSONS[i + 1].number} {text(LESSONS[i + 1].title)} →]({LESSONS[i + 1].file})")
    return " | ".join(parts)


def check_setup() -> str:
    """Check that the course packages import and that the data snapshot verifies.

    Returns a short report (versions are pinned, so the report is the same on every machine).
    Raises the underlying error if something is missing, with what to do.
    """
    versions = []
    for name in CORE_PACKAGES:
        try:
            versions.append(f"{name} {metadata.version(name)}")
        except metadata.PackageNotFoundError:
            raise RuntimeError(f"{name} is not installed: run `make lab` (or `make test`) from the "
                               "repository folder to create the course environment") from None
    checked = verify()
    return _("Setup OK.\n  packages: {packages}\n  data snapshot: {n} tables, every sha256 and schema "
             "verified").format(packages=", ".join(versions), n=len(checked))


# --- The nbgitpuller link for a JupyterHub ----------------------------------------------------------

START_LESSON = "lessons/00_start_here.ipynb"
DEFAULT_BRANCH = "main"
_REPO_RE = re.compile(r"^(?:(?:https?|git|ssh|file)://\S+|[\w.-]+@[\w.-]+:\S+)$")
_BRANCH_RE = re.compile(r"^(?!/)(?!.*(?:\.\.|//|@\{))[A-Za-z0-9._/-]+(?<![/.])$")
_FOLDER_RE = re.compile(r"^(?!\.)[A-Za-z0-9._-]+$")


def _text(name: str, value, allowed: str) -> str:
    if not isinstance(value, str):
        raise TypeError(f"{name} must be a str, got {type(value).__name__} ({value!r}); allowed: {allowed}")
    return value.strip()


def default_repo() -> str:
    """The clone URL of this checkout's ``origin`` remote (what learners will pull), if it has one."""
    root = Path(__file__).resolve().parent.parent
    try:
        out = subprocess.run(["git", "-C", str(root), "remote", "get-url", "origin"],
                             capture_output=True, text=True, timeout=10)
    except (OSError, subprocess.SubprocessError):
        out = None
    url = out.stdout.strip() if out is not None and out.returncode == 0 else ""
    if not url:
        raise ValueError("repo was not given and this checkout has no `origin` remote; allowed: the "
                         "course's clone URL, e.g. --repo https://github.com/<owner>/<repository>")
    return url


def hub_link(hub: str, repo: str | None = None, branch: str = DEFAULT_BRANCH, folder: str | None = None) -> str:
    """The nbgitpuller link that clones (first click) or updates (later clicks) the course for each
    learner on the JupyterHub at ``hub`` and opens lesson 00 in JupyterLab.

    ``hub``: the hub's address, e.g. ``https://hub.example.edu`` (a base path such as ``/jhub`` is kept).
    ``repo``: the course's clone URL (default: this checkout's ``origin`` remote).
    ``branch``: the branch learners get (default ``main``).
    ``folder``: the folder in each learner's home the course goes into (default: the repository's
    name, without ``.git``).
    """
    hub = _text("hub", hub, "the hub's http(s) address, e.g. 'https://hub.example.edu'")
    parts = urlsplit(hub)
    if parts.scheme not in ("http", "https") or not parts.hostname or parts.query or parts.fragment:
        raise ValueError(f"hub={hub!r} is not a hub address; allowed: an http(s) URL with a host and no "
                         "query, e.g. 'https://hub.example.edu'")
    base = hub.rstrip("/")
    if base.endswith("/hub"):           # 'https://host/hub' is the hub's own page: the address is its parent
        base = base[: -len("/hub")]
    repo = default_repo() if repo is None else _text(
        "repo", repo, "a git clone URL, e.g. 'https://github.com/<owner>/<repository>'")
    if not _REPO_RE.match(repo):
        raise ValueError(f"repo={repo!r} is not a git clone URL; allowed: https://, http://, git://, ssh://, "
                         "file:// or user@host:path")
    branch = _text("branch", branch, "a git branch name, e.g. 'main'")
    if not _BRANCH_RE.match(branch):
        raise ValueError(f"branch={branch!r} is not a git branch name; allowed: letters, digits and . _ / -, "
                         "e.g. 'main'")
    if folder is None:
        folder = repo.rstrip("/").rsplit("/", 1)[-1].rsplit(":", 1)[-1]
        folder = folder[:-4] if folder.endswith(".git") else folder
    folder = _text("folder", folder, "one folder name, e.g. 'liquidity-lab'")
    if not _FOLDER_RE.match(folder):
        raise ValueError(f"folder={folder!r} is not one folder name; allowed: letters, digits and . _ -, "
                         "not starting with '.'")
    query = "&".join(f"{key}={quote(value, safe='')}" for key, value in (
        ("repo", repo), ("branch", branch), ("targetpath", folder),
        ("urlpath", f"lab/tree/{folder}/{START_LESSON}")))
    return f"{base}/hub/user-redirect/git-pull?{query}"


def main(argv: list[str] | None = None) -> int:
    """``python -m helpers.course hub-link --hub URL [--repo URL] [--branch NAME] [--folder NAME]``.

    ``argv``: the arguments (default: the command line's). Returns the exit code: 0 with the link
    printed, 2 with the problem on stderr in one line (a usage error, or a bad hub, repo, branch or
    folder); it never raises ``SystemExit`` itself (``python -m helpers.course`` passes the code to
    ``sys.exit``).
    """
    if argv is not None and (isinstance(argv, (str, bytes)) or not isinstance(argv, (list, tuple))
                             or not all(isinstance(a, str) for a in argv)):
        raise TypeError(f"argv must be a list of str such as ['hub-link', '--hub', 'https://hub.example.edu'], "
                        f"got {type(argv).__name__} ({shown(argv)}); allowed: a list of str, or None")
    parser = argparse.ArgumentParser(prog="python -m helpers.course", description=__doc__)
    commands = parser.add_subparsers(dest="command", required=True)
    link = commands.add_parser("hub-link", help="print the nbgitpuller link that opens lesson 00 on a JupyterHub")
    link.add_argument("--hub", required=True, help="the hub's address, e.g. https://hub.example.edu")
    link.add_argument("--repo", default=None, help="the course's clone URL (default: this checkout's origin remote)")
    link.add_argument("--branch", default=DEFAULT_BRANCH, help="the branch learners get (default: main)")
    link.add_argument("--folder", default=None,
                      help="the folder in each learner's home (default: the repository's name)")
    try:
        args = parser.parse_args(argv)
    except SystemExit as stop:  # argparse has printed the usage error (code 2) or --help (code 0)
        return stop.code if isinstance(stop.code, int) else 2
    try:
        print(hub_link(args.hub, repo=args.repo, branch=args.branch, folder=args.folder))
    except (TypeError, ValueError) as error:
        print(f"hub-link: {error}", file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main())
