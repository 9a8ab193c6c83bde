"""`make bench`: how fast and how big the course is, measured in one run.

Prints:
1. widget callbacks: every ``BENCH`` entry in ``benchmarks/*.py`` (median of repeated calls; target
   well under 100 ms);
2. ``import helpers`` plus loading every table, in a fresh interpreter;
3. each lesson's nbval time beside a floor notebook that only runs the lesson's first cell (the same
   imports and setup), with the ratio and its target (00: 2x, others: 2.5x);
4. notebook and data sizes against their limits;
5. the browser test's time per lesson (from the last browser-test run, if any);
6. the full ``make test`` time (skip with ``--no-full``; it runs the whole suite).

A benchmark, not a test: it reports, it does not fail (exit 1 only if it could not measure).
"""
from __future__ import annotations

import argparse
import importlib
import json
import pkgutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import nbformat

ROOT = Path(__file__).resolve().parent.parent
CALLBACK_TARGET_MS = 100.0
RATIO_TARGET = {"00": 2.0}
RATIO_DEFAULT = 2.5
SIZE_LIMIT = {"00": 600_000}
SIZE_DEFAULT = 800_000
DATA_LIMIT = 3_000_000


def _line(title: str) -> None:
    print(f"\n== {title} " + "=" * max(0, 72 - len(title)))


def _bench_modules():
    """Every ``BENCH`` registry: ``benchmarks/<topic>.py`` (each calls the public API of one topic)."""
    import importlib.util

    for path in sorted((ROOT / "benchmarks").glob("*.py")):
        if path.name.startswith("_"):
            continue
        spec = importlib.util.spec_from_file_location(f"benchmarks.{path.stem}", path)
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
        yield path.stem, module


def bench_callbacks(repeat: int = 15) -> list[tuple[str, float]]:
    results = []
    for topic, module in _bench_modules():
        for name, (fn, kwargs) in sorted(getattr(module, "BENCH", {}).items()):
            fn(**kwargs)  # warm-up: first call may load and cache data
            times = []
            for _ in range(repeat):
                t0 = time.perf_counter()
                fn(**kwargs)
                times.append((time.perf_counter() - t0) * 1000)
            results.append((f"{topic}: {name}", statistics.median(times), max(times)))
    for label, med, worst in results:
        flag = "ok" if worst < CALLBACK_TARGET_MS else "SLOW"
        print(f"  {label:55s} median {med:7.1f} ms   max {worst:7.1f} ms   {flag}")
    if not results:
        print("  (no BENCH entries found)")
    return results


def bench_import_and_load() -> None:
    code = (
        "import time; t0 = time.perf_counter(); import helpers; t1 = time.perf_counter();\n"
        "from helpers.data import TABLES, load\n"
        "for name in TABLES: load(name)\n"
        "t2 = time.perf_counter(); print(f'{(t1 - t0) * 1000:.0f} {(t2 - t1) * 1000:.0f}')"
    )
    t0 = time.perf_counter()
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True)
    wall = (time.perf_counter() - t0) * 1000
    imp, load = out.stdout.split()
    print(f"  import helpers: {imp} ms; load every table (hash check + parse): {load} ms; "
          f"whole fresh interpreter: {wall:.0f} ms")


def _nbval_seconds(path: Path) -> tuple[float, bool]:
    t0 = time.perf_counter()
    proc = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "--rootdir", str(ROOT),
         "-c", str(ROOT / "pyproject.toml"), str(path)],
        cwd=ROOT, capture_output=True, text=True,
    )
    return time.perf_counter() - t0, proc.returncode == 0


def _floor_notebook(lesson: Path, folder: Path) -> Path:
    nb = nbformat.read(lesson, as_version=4)
    first = next(c for c in nb.cells if c.cell_type == "code")
    floor = nbformat.v4.new_notebook()
    floor.metadata = nb.metadata
    cell = nbformat.v4.new_code_cell(first.source)
    cell.execution_count = 1
    floor.cells = [cell]
    path = folder / f"floor_{lesson.stem}.ipynb"
    nbformat.write(floor, path)
    return path


def bench_lessons() -> None:
    lessons = sorted((ROOT / "lessons").glob("*.ipynb"))
    with tempfile.TemporaryDirectory(dir=ROOT / "lessons", prefix=".bench-") as tmp:
        for lesson in lessons:
            floor = _floor_notebook(lesson, Path(tmp))
            floor_s, _ = _nbval_seconds(floor)
            lesson_s, ok = _nbval_seconds(lesson)
            number = lesson.name[:2]
            target = RATIO_TARGET.get(number, RATIO_DEFAULT)
            ratio = lesson_s / floor_s
            flag = "ok" if ratio <= target else "OVER"
            status = "" if ok else "  (nbval FAILED)"
            print(f"  {lesson.name:36s} nbval {lesson_s:6.1f} s   floor {floor_s:5.1f} s   "
                  f"ratio {ratio:4.2f} (target <= {target}) {flag}{status}")


def bench_sizes() -> None:
    for lesson in sorted((ROOT / "lessons").glob("*.ipynb")):
        size = lesson.stat().st_size
        limit = SIZE_LIMIT.get(lesson.name[:2], SIZE_DEFAULT)
        print(f"  {lesson.name:36s} {size / 1000:7.0f} KB  (limit {limit / 1000:.0f} KB) "
              f"{'ok' if size < limit else 'OVER'}")
    data = sum(p.stat().st_size for p in (ROOT / "data").iterdir() if p.is_file())
    print(f"  {'data/ (all files)':36s} {data / 1000:7.0f} KB  (limit {DATA_LIMIT / 1000:.0f} KB) "
          f"{'ok' if data < DATA_LIMIT else 'OVER'}")


def bench_browser() -> None:
    path = ROOT / "test-artifacts" / "browser_timings.json"
    if not path.exists():
        print("  no browser-test timings yet (they are written by tests/test_browser.py during make test)")
        return
    timings = json.loads(path.read_text())
    lessons = timings.get("lessons", timings)
    editions: dict[str, float] = {}
    for name, seconds in sorted(lessons.items()):
        if isinstance(seconds, (int, float)):
            edition = name.split("_", 1)[0] if name.startswith("zh-") else "English"
            editions[edition] = editions.get(edition, 0.0) + seconds
            print(f"  {name:36s} {seconds:6.1f} s")
    # The target is per edition: eight lessons in under two minutes (the three run one after another).
    for edition, total in editions.items():
        print(f"  {'all lessons, ' + edition:36s} {total:6.1f} s  (target < 120 s) {'ok' if total < 120 else 'OVER'}")
    if "total" in timings:
        print(f"  {'whole browser test':36s} {timings['total']:6.1f} s  (setup included)")


def bench_full_suite() -> None:
    t0 = time.perf_counter()
    proc = subprocess.run(["make", "--no-print-directory", "test"], cwd=ROOT, capture_output=True, text=True)
    seconds = time.perf_counter() - t0
    tail = proc.stdout.strip().splitlines()[-1] if proc.stdout.strip() else ""
    print(f"  make test: {seconds:.0f} s, exit {proc.returncode}  [{tail}]")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--no-full", action="store_true", help="skip timing the full make test")
    args = parser.parse_args()
    _line("widget callbacks (target: well under 100 ms)")
    bench_callbacks()
    _line("import and data loading")
    bench_import_and_load()
    _line("lessons: nbval time against a floor notebook (imports + setup only)")
    bench_lessons()
    _line("sizes")
    bench_sizes()
    if not args.no_full:
        _line("full test suite")
        bench_full_suite()
    _line("browser test (JupyterLab + Chromium), per lesson")
    bench_browser()
    return 0


if __name__ == "__main__":
    sys.exit(main())
