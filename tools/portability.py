"""The stored lesson outputs on other machines: `make lessons` against the same committed outputs,

    (b) with NumPy's AVX-512 kernels switched off (NPY_DISABLE_CPU_FEATURES: every AVX-512
        feature group NumPy can dispatch to on this CPU), as on a laptop without AVX-512;
    (c) in another time zone and locale (TZ=Asia/Shanghai LANG=zh_CN.UTF-8);
    (d) on Python 3.12 and 3.13, each in its own environment (.venv-py3.12, .venv-py3.13).

    python tools/portability.py [PYTHON ...]          (`make portability`)

(a), the normal run, is part of `make test`. PYTHON arguments replace the interpreters of (d);
by default python3.12 and python3.13 are looked up on PATH and under pyenv. Fails if a variant
fails or an interpreter cannot be found. Each variant's log goes to test-artifacts/portability/.
"""
from __future__ import annotations

import glob
import os
import re
import shutil
import subprocess
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
LOGS = REPO / "test-artifacts" / "portability"
VERSIONS = ("3.12", "3.13")


def numpy_groups(disable: list[str] | None = None) -> tuple[list[str], list[str]]:
    """(AVX-512 groups NumPy dispatches to on this CPU, every group it dispatches to here), in a
    child Python; ``disable``: with those groups switched off (NPY_DISABLE_CPU_FEATURES).

    Only dispatched groups can be switched off: NumPy 2 refuses the others (they are its build
    baseline, or not dispatched). X86_V4 is the x86-64-v4 level (AVX-512 F/CD/BW/DQ/VL).
    """
    env = dict(os.environ)
    env.pop("NPY_DISABLE_CPU_FEATURES", None)
    if disable:
        env["NPY_DISABLE_CPU_FEATURES"] = " ".join(disable)
    code = ("from numpy._core._multiarray_umath import __cpu_features__ as f, __cpu_dispatch__ as d\n"
            "print(' '.join(k for k in d if f.get(k)))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True,
                         env=env).stdout.split()
    return [k for k in out if "AVX512" in k or k == "X86_V4"], out


def python_version(python: str) -> str | None:
    """'3.12' for an interpreter that runs, else None (a pyenv shim for a version not selected fails)."""
    try:
        proc = subprocess.run([python, "-c", "import sys; print('%d.%d' % sys.version_info[:2])"],
                              capture_output=True, text=True, timeout=30)
    except (OSError, subprocess.TimeoutExpired):
        return None
    return proc.stdout.strip() if proc.returncode == 0 else None


def find_python(version: str) -> str | None:
    """An interpreter of ``version`` that runs: python3.12 (say) on PATH, else the newest pyenv build."""
    root = os.environ.get("PYENV_ROOT") or str(Path.home() / ".pyenv")
    builds = sorted(glob.glob(f"{root}/versions/{version}.*/bin/python{version}"),
                    key=lambda p: [int(x) for x in re.findall(r"\d+", Path(p).parts[-3])], reverse=True)
    candidates = [shutil.which(f"python{version}")] + builds
    return next((c for c in candidates if c and python_version(c) == version), None)


def locale_installed(name: str) -> bool:
    try:
        out = subprocess.run(["locale", "-a"], capture_output=True, text=True).stdout.lower()
    except OSError:
        return False
    return name.lower().replace("utf-8", "utf8") in out.split()


def run_lessons(label: str, env_extra: dict[str, str] | None = None, python: str | None = None) -> tuple[bool, str]:
    LOGS.mkdir(parents=True, exist_ok=True)
    log = LOGS / (re.sub(r"[^a-z0-9.]+", "-", label.split(":")[0].split(" (")[0].lower()).strip("-") + ".log")
    cmd = ["make", "--no-print-directory", "lessons"] + ([f"PYTHON={python}"] if python else [])
    env = dict(os.environ, **(env_extra or {}))
    env.pop("MAKEFLAGS", None)    # each variant chooses its own interpreter and environment
    env.pop("MAKELEVEL", None)
    t0 = time.monotonic()
    with open(log, "w", encoding="utf-8") as fh:
        code = subprocess.run(cmd, cwd=REPO, env=env, stdout=fh, stderr=subprocess.STDOUT).returncode
    seconds = time.monotonic() - t0
    text = log.read_text(encoding="utf-8", errors="replace")
    summary = next((line.strip("= ") for line in reversed(text.splitlines())
                    if re.search(r"\d+ (passed|failed)", line)), "no test summary")
    ok = code == 0
    line = f"{label:58s} {'ok  ' if ok else 'FAIL'} {summary} ({seconds:.0f} s)"
    if not ok:
        line += f"\n    log: {log}\n" + "\n".join("    " + t for t in text.splitlines()[-25:])
    return ok, line


def main(argv: list[str]) -> int:
    pythons = argv or []
    if not pythons:
        for version in VERSIONS:
            found = find_python(version)
            if found is None:
                print(f"Python {version} not found (on PATH as python{version}, or under pyenv): install it, "
                      f"or name the interpreters: make portability PORTABLE_PYTHONS='/path/to/python3.12 ...'")
                return 1
            pythons.append(found)
    avx512, dispatched = numpy_groups()
    variants: list[tuple[str, dict[str, str], str | None]] = []
    if avx512:
        off = avx512
        label = f"(b) NumPy AVX-512 off: {' '.join(off)}"
    else:   # no AVX-512 here: still take NumPy off its fastest kernels, down to its baseline
        off = dispatched
        label = f"(b) no AVX-512 on this CPU; NumPy kernels off: {' '.join(off) or 'none to switch off'}"
    variants.append((label, {"NPY_DISABLE_CPU_FEATURES": " ".join(off)}, None))
    zh = "zh_CN.UTF-8"
    note = "" if locale_installed(zh) else f" (locale {zh} not installed: libc uses C for it)"
    variants.append((f"(c) TZ=Asia/Shanghai LANG={zh}{note}", {"TZ": "Asia/Shanghai", "LANG": zh}, None))
    for python in pythons:
        version = python_version(python)
        if version is None:
            print(f"{python} does not run")
            return 1
        variants.append((f"(d) Python {version} ({python})", {}, python))

    if avx512:   # the switch must take: no AVX-512 group left on
        left, _ = numpy_groups(off)
        if left:
            print(f"NPY_DISABLE_CPU_FEATURES did not switch off {left}")
            return 1
    print("make lessons against the stored outputs:")
    results = []
    for label, extra, python in variants:
        ok, line = run_lessons(label, extra, python)
        print(line, flush=True)
        results.append(ok)
    print(f"portability: {sum(results)} of {len(results)} variants passed")
    return 0 if all(results) else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
