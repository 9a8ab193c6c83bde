"""The course map and the install check used by lesson 00, the README and navigation."""
from __future__ import annotations

from dataclasses import dataclass
from importlib import metadata

__all__ = ["Lesson", "LESSONS", "check_setup", "course_map", "navigation"]


@dataclass(frozen=True)
class Lesson:
    number: str
    file: str
    title: str
    title_zh: str
    minutes: int
    topic: str


LESSONS: tuple[Lesson, ...] = (
    Lesson("00", "00_start_here.ipynb", "Start here", "从这里开始", 20,
           "JupyterLab, Binder and widgets; the data snapshot; Fed total assets 2003–2026 with QE/QT phases"),
    Lesson("01", "01_balance_sheet.ipynb", "The Fed's balance sheet: QE and QT", "美联储资产负债表：QE 与 QT", 50,
           "T-accounts; composition; runoff caps; how big QT2 was and where the drain landed; reserve-management bills"),
    Lesson("02", "02_repo_money_markets.ipynb", "Repo and money markets", "回购与货币市场", 50,
           "Repo mechanics; ON RRP and the Standing Repo Facility; the rate corridor; stress signals"),
    Lesson("03", "03_liquidity_transmission.ipynb", "Liquidity transmission", "流动性传导", 60,
           "Channels; net liquidity vs BTC; levels vs returns; rolling correlation; lead–lag"),
    Lesson("04", "04_historical_pivots.ipynb", "Historical pivots", "历史政策转向", 60,
           "Event study against base rates; selection sensitivity; after QT ended; seasonality"),
    Lesson("05", "05_risk_management.ipynb", "Risk management", "风险管理", 60,
           "Volatility and drawdowns; staged buying and take-profits; leverage and liquidation; sizing"),
    Lesson("06", "06_scenario_lab.ipynb", "Scenario lab", "情景实验室", 45,
           "Reserves and net-liquidity paths; a transparent toy model of BTC outcomes and its limits"),
    Lesson("07", "07_claims_lab.ipynb", "Claims lab (capstone)", "观点检验实验室", 60,
           "Fourteen claims from two articles, each checked against data and primary sources"),
)

CORE_PACKAGES = ("pandas", "numpy", "altair", "vl-convert-python", "ipywidgets", "jupyterlab")


def course_map(available_only: bool = False):
    """The lessons as a DataFrame (number, title, Chinese title, minutes, topic)."""
    import pandas as pd
    from pathlib import Path

    lessons_dir = Path(__file__).resolve().parent.parent / "lessons"
    rows = [
        {"lesson": l.number, "title": l.title, "标题": l.title_zh, "minutes": l.minutes, "topic": l.topic}
        for l in LESSONS
        if not available_only or (lessons_dir / l.file).exists()
    ]
    return pd.DataFrame(rows).set_index("lesson")


def navigation(number: str) -> str:
    """Markdown 'previous | index | next' links for a lesson."""
    numbers = [l.number for l in LESSONS]
    if number not in numbers:
        raise ValueError(f"number={number!r} is not a lesson; allowed: {', '.join(numbers)}")
    i = numbers.index(number)
    parts = []
    if i > 0:
        parts.append(f"[← {LESSONS[i - 1].number} {LESSONS[i - 1].title}]({LESSONS[i - 1].file})")
    parts.append("[Course map](00_start_here.ipynb#Course-map)")
    if i + 1 < len(LESSONS):
        parts.append(f"[{LESSONS[i + 1].number} {LESSONS[i + 1].title} →]({LESSONS[i + 1].file})")
    return " | ".join(parts)


def check_setup() -> str:
    """Check that the course packages import and that the data snapshot verifies.

    Returns a short report (versions are pinned, so the report is the same on every machine).
    Raises the underlying error if something is missing, with what to do.
    """
    from helpers.data import verify

    versions = []
    for name in CORE_PACKAGES:
        try:
            versions.append(f"{name} {metadata.version(name)}")
        except metadata.PackageNotFoundError:
            raise RuntimeError(f"{name} is not installed: run `make lab` (or `make test`) from the "
                               "repository folder to create the course environment") from None
    checked = verify()
    return ("Setup OK.\n  packages: " + ", ".join(versions) +
            f"\n  data snapshot: {len(checked)} tables, every sha256 and schema verified")
