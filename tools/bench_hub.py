"""`make bench-hub`: N learners arrive together at a real JupyterHub (a benchmark, not a test).

The hub is the one used by tests/test_hub.py (tests/hub_support.py): the one-machine config with a
dummy authenticator and local processes, on 127.0.0.1, in a throw-away folder. Each learner, all at
once: signs in and starts a server, follows the nbgitpuller link (a bare copy of the course's
committed HEAD), runs lesson 00 in a kernel, moves one of its widgets a few times, shuts that kernel
down (as the guide asks learners to), then runs the heavy lesson in a new kernel. Printed:

* time from sign-in to a ready server (median, p95), and to finish each lesson (median, p95, max);
* peak resident memory per learner (VmHWM of the single-user server + the larger lesson kernel,
  processes that are alive together), and of each kernel;
* hub and proxy overhead (peak memory, CPU seconds for the whole run);
* the widget-callback round trip under that load (median, p95): a widget state change sent on the
  kernel's websocket as the browser sends it, until the kernel has run the callback and is idle.

    python tools/bench_hub.py [--learners 30] [--lesson 04] [--json out.json] [--write]

--write puts the numbers into deploy/sizing.json and regenerates values.yaml's resources and the
instructor guide's sizing table from them (deploy/sizing.py --write).
"""
from __future__ import annotations

import argparse
import datetime as dt
import json
import math
import os
import statistics
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor, wait
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "tests"))
sys.path.insert(0, str(REPO / "deploy"))

from hub_support import (Hub, Learner, compare_outputs, cpu_seconds, make_course_remote,  # noqa: E402
                         peak_rss_mb, run_notebook)

from helpers.course import START_LESSON, hub_link  # noqa: E402

MAX_LEARNERS = 60
HEAVY = {"04": "04_historical_pivots.ipynb", "06": "06_scenario_lab.ipynb"}
FOLDER = "liquidity-lab"
WIDGET_MOVES = 5


def pct(values, q):
    values = sorted(values)
    if not values:
        return float("nan")
    k = (len(values) - 1) * q
    lo, hi = math.floor(k), math.ceil(k)
    return values[lo] + (values[hi] - values[lo]) * (k - lo)


def _kernel_process(hub: Hub, name: str, kernel_id: str):
    for p in hub.user_processes(name):
        try:
            if kernel_id in " ".join(p.cmdline()):
                return p
        except Exception:
            pass
    return None


def one_learner(hub: Hub, name: str, link: str, heavy: str, deadline: float) -> dict:
    out = {"name": name}
    learner = Learner(hub, name)
    out["login_to_ready"] = learner.log_in(timeout=max(10, deadline - time.monotonic()))
    learner.open_link(link)
    out["pull"] = learner.times["pulls"][-1]
    server = [p for p in hub.user_processes(name) if "jupyterhub.singleuser" in " ".join(p.cmdline())
              or "jupyterhub-singleuser" in " ".join(p.cmdline())]
    home = hub.root / "home" / name / FOLDER
    kernels = {}
    for lesson, file in (("00", Path(START_LESSON).name), (heavy, HEAVY[heavy])):
        nb = json.loads((home / "lessons" / file).read_text(encoding="utf-8"))
        t0 = time.perf_counter()
        kernel = learner.kernel(f"{FOLDER}/lessons/{file}")
        proc = _kernel_process(hub, name, kernel.id)

        results = run_notebook(kernel, nb)
        out[f"lesson_{lesson}"] = time.perf_counter() - t0
        out[f"problems_{lesson}"] = compare_outputs(nb, results)
        out[f"cpu_{lesson}"] = cpu_seconds(proc) if proc else float("nan")
        if lesson == "00":
            ids = kernel.execute("print(when.model_id, len(when.options))")[0]["text"].split()
            model, n = ids[0], int(ids[1])
            trips = []
            for k in range(WIDGET_MOVES):
                seconds, replies = kernel.comm_update(model, {"index": (n - 1 - 7 * (k + 1)) % n})
                if replies < 3:
                    raise RuntimeError(f"{name}: the widget callback sent nothing back")
                trips.append(seconds)
            out["widget_round_trips"] = trips
        kernels[lesson] = peak_rss_mb(proc.pid) if proc else float("nan")
        kernel.close(shutdown=True)
    out["kernel_mb"] = kernels
    out["server_mb"] = sum(peak_rss_mb(p.pid) for p in server)
    out["learner_mb"] = out["server_mb"] + max(kernels.values())
    return out


def run(learners: int, heavy: str, time_limit: float) -> dict:
    with tempfile.TemporaryDirectory(prefix="bench-hub-") as tmp:
        root = Path(tmp)
        remote = make_course_remote(root)
        branch = subprocess.run(["git", "--git-dir", str(remote), "symbolic-ref", "--short", "HEAD"],
                                capture_output=True, text=True, check=True).stdout.strip()
        link = hub_link("http://127.0.0.1", repo=remote.as_uri(), branch=branch, folder=FOLDER)
        t_hub = time.perf_counter()
        with Hub(root / "hub", log_level="WARN") as hub:
            link = link.replace("http://127.0.0.1", hub.url)
            hub_start = time.perf_counter() - t_hub
            deadline = time.monotonic() + time_limit
            t0 = time.perf_counter()
            names = [f"learner{i:02d}" for i in range(1, learners + 1)]
            pool = ThreadPoolExecutor(learners)
            futures = [pool.submit(one_learner, hub, n, link, heavy, deadline) for n in names]
            done, pending = wait(futures, timeout=max(1, deadline - time.monotonic()))
            pool.shutdown(wait=False, cancel_futures=True)
            wall = time.perf_counter() - t0
            results, failures = [], []
            for f in futures:
                if f in pending:
                    failures.append("did not finish in the time limit")
                elif f.exception() is not None:
                    failures.append(f"{type(f.exception()).__name__}: {f.exception()}")
                else:
                    results.append(f.result())
            proxy = hub.proxy_process()
            hub_mb, proxy_mb = peak_rss_mb(hub.proc.pid), peak_rss_mb(proxy.pid) if proxy else float("nan")
            hub_cpu, proxy_cpu = cpu_seconds(hub._psutil), cpu_seconds(proxy) if proxy else float("nan")
    return {"learners": learners, "heavy": heavy, "hub_start": hub_start, "wall": wall, "results": results,
            "failures": failures, "hub_mb": hub_mb, "proxy_mb": proxy_mb, "hub_cpu": hub_cpu,
            "proxy_cpu": proxy_cpu}


def summary(r: dict) -> dict:
    res = r["results"]
    col = lambda key: [x[key] for x in res]  # noqa: E731
    trips = [t for x in res for t in x["widget_round_trips"]]
    kernels = [v for x in res for v in x["kernel_mb"].values()]
    stat = lambda v: {"median": round(statistics.median(v), 2), "p95": round(pct(v, 0.95), 2),  # noqa: E731
                      "max": round(max(v), 2)}
    return {
        "date": dt.date.today().isoformat(),
        "machine": f"{os.cpu_count()} cores, {round(os.sysconf('SC_PAGE_SIZE') * os.sysconf('SC_PHYS_PAGES') / 2**30)} GB",
        "learners": r["learners"], "finished": len(res), "failures": r["failures"],
        "heavy_lesson": r["heavy"], "wall_s": round(r["wall"], 1), "hub_start_s": round(r["hub_start"], 1),
        "login_to_ready_s": stat(col("login_to_ready")),
        "pull_s": stat(col("pull")),
        "lesson_s": {"00": stat(col("lesson_00")), r["heavy"]: stat(col(f"lesson_{r['heavy']}"))},
        "peak_rss_mb_per_learner": stat(col("learner_mb")),
        "server_peak_mb": stat(col("server_mb")),
        "kernel_peak_mb": stat(kernels),
        "cpu_s_per_learner_lesson00": stat(col("cpu_00")),
        f"cpu_s_per_learner_lesson{r['heavy']}": stat(col(f"cpu_{r['heavy']}")),
        "hub_proxy_mb": {"hub": round(r["hub_mb"]), "proxy": round(r["proxy_mb"]),
                         "peak": round(r["hub_mb"] + r["proxy_mb"])},
        "hub_proxy_cpu_s": {"hub": round(r["hub_cpu"], 1), "proxy": round(r["proxy_cpu"], 1)},
        "widget_round_trip_s": {"median": round(statistics.median(trips), 3), "p95": round(pct(trips, 0.95), 3),
                                "max": round(max(trips), 3), "n": len(trips)},
        "outputs_differ": sorted({p for x in res for k in x if k.startswith("problems_") for p in x[k]}),
    }


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--learners", type=int, default=30, help=f"how many arrive together (1-{MAX_LEARNERS})")
    parser.add_argument("--lesson", default="04", choices=sorted(HEAVY), help="the heavy lesson after 00")
    parser.add_argument("--time-limit", type=float, default=1200, help="seconds for the whole room (<= 3600)")
    parser.add_argument("--json", type=Path, help="also write the numbers here")
    parser.add_argument("--write", action="store_true",
                        help="put the numbers into deploy/sizing.json, values.yaml and the guide's table")
    args = parser.parse_args(argv)
    if not 1 <= args.learners <= MAX_LEARNERS:
        parser.error(f"--learners={args.learners} is out of range; allowed: 1 to {MAX_LEARNERS}")
    if not 60 <= args.time_limit <= 3600:
        parser.error(f"--time-limit={args.time_limit:g} is out of range; allowed: 60 to 3600 seconds")
    print(f"bench-hub: {args.learners} learners arrive together; lesson 00, widget moves, lesson {args.lesson}",
          flush=True)
    raw = run(args.learners, args.lesson, args.time_limit)
    if not raw["results"]:
        print("  no learner finished:", *sorted(set(raw["failures"]))[:5], sep="\n  ")
        return 1
    s = summary(raw)
    L = s["lesson_s"]
    print(f"  machine {s['machine']}, {s['date']}; {s['finished']}/{s['learners']} learners finished in "
          f"{s['wall_s']} s (hub started in {s['hub_start_s']} s)")
    print(f"  sign-in -> ready server   median {s['login_to_ready_s']['median']:.1f} s, p95 {s['login_to_ready_s']['p95']:.1f} s")
    print(f"  nbgitpuller clone         median {s['pull_s']['median']:.1f} s, p95 {s['pull_s']['p95']:.1f} s")
    for lesson, v in L.items():
        print(f"  lesson {lesson} (open + run all) median {v['median']:.1f} s, p95 {v['p95']:.1f} s, max {v['max']:.1f} s")
    m = s["peak_rss_mb_per_learner"]
    print(f"  peak memory per learner   median {m['median']:.0f} MB, max {m['max']:.0f} MB "
          f"(server median {s['server_peak_mb']['median']:.0f} MB + larger kernel; kernels median "
          f"{s['kernel_peak_mb']['median']:.0f} MB, max {s['kernel_peak_mb']['max']:.0f} MB)")
    print(f"  CPU per learner           lesson 00 {s['cpu_s_per_learner_lesson00']['median']:.1f} s, "
          f"lesson {args.lesson} {s[f'cpu_s_per_learner_lesson{args.lesson}']['median']:.1f} s (kernel, median)")
    print(f"  hub + proxy               {s['hub_proxy_mb']['hub']} MB + {s['hub_proxy_mb']['proxy']} MB peak; "
          f"CPU {s['hub_proxy_cpu_s']['hub']} s + {s['hub_proxy_cpu_s']['proxy']} s for the whole run")
    w = s["widget_round_trip_s"]
    print(f"  widget round trip         median {w['median'] * 1000:.0f} ms, p95 {w['p95'] * 1000:.0f} ms, "
          f"max {w['max'] * 1000:.0f} ms ({w['n']} moves)")
    if s["outputs_differ"]:
        print(f"  outputs that differ from the stored ones: {s['outputs_differ'][:5]}")
    for f in s["failures"][:5]:
        print(f"  FAILED: {f}")
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps(s, indent=2) + "\n")
    if args.write:
        if s["failures"]:
            print("not writing deploy/sizing.json: some learners failed")
            return 1
        import sizing

        data = sizing.load()
        data["measured"] = {k: s[k] for k in (
            "date", "machine", "learners", "heavy_lesson", "login_to_ready_s", "lesson_s",
            "peak_rss_mb_per_learner", "server_peak_mb", "kernel_peak_mb", "cpu_s_per_learner_lesson00",
            "hub_proxy_mb", "hub_proxy_cpu_s", "widget_round_trip_s")}
        sizing.SIZING.write_text(json.dumps(data, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
        sizing.main(["--write"])
    return 1 if s["failures"] else 0


if __name__ == "__main__":
    sys.exit(main())
