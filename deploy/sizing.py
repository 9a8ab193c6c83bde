"""One source for sizing a classroom hub: deploy/sizing.json (written by `make bench-hub WRITE=1`).

From the measured numbers this module derives, with the rule stated in sizing.json:

* per learner: the memory guarantee and limit and the CPU guarantee and limit, used by the
  one-machine config (deploy/one-machine/jupyterhub_config.py reads them here) and written into
  deploy/kubernetes/values.yaml (`python deploy/sizing.py --write`);
* the instructor guide's sizing table (learners -> cores and GB for one machine).

`python deploy/sizing.py --check` says whether values.yaml and the guide agree with sizing.json
(tests/test_hub_sizing.py checks the same); `--write` makes them agree.
"""
from __future__ import annotations

import argparse
import json
import math
import re
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
SIZING = HERE / "sizing.json"
VALUES = HERE / "kubernetes" / "values.yaml"
GUIDE = REPO / "docs" / "instructor_guide.md"
TABLE_START, TABLE_END = "<!-- sizing table: start (deploy/sizing.py --write) -->", "<!-- sizing table: end -->"


def load(path: Path = SIZING) -> dict:
    return json.loads(Path(path).read_text(encoding="utf-8"))


def _up(value: float, step: float) -> float:
    return math.ceil(round(value / step, 6)) * step


def per_learner(sizing: dict | None = None) -> dict:
    """Memory in MB (multiples of 128) and CPU in cores, for one learner's server and kernels."""
    s = sizing or load()
    m, r = s["measured"], s["rule"]
    # guarantee: the largest measured learner (server + one lesson kernel, as the guide asks learners to work)
    guarantee = _up(m["peak_rss_mb_per_learner"]["max"], 128)
    # limit: room for `extra_lessons_open` more lesson kernels before the kernel is stopped
    limit = _up(m["peak_rss_mb_per_learner"]["max"] + r["extra_lessons_open"] * m["kernel_peak_mb"]["max"], 128)
    # CPU: the share of a core that lets the whole room run lesson 00 at once in `run_all_target_s`
    cpu_guarantee = _up(m["cpu_s_per_learner_lesson00"]["median"] / r["run_all_target_s"], 0.05)
    return {"mem_guarantee_mb": int(guarantee), "mem_limit_mb": int(limit),
            "cpu_guarantee": round(cpu_guarantee, 2), "cpu_limit": float(r["cpu_limit_per_learner"])}


def machine(learners: int, sizing: dict | None = None) -> dict:
    """Cores and GB of memory for a one-machine hub with `learners` learners (the rule in sizing.json)."""
    s = sizing or load()
    m, r = s["measured"], s["rule"]
    p = per_learner(s)
    mem_mb = (r["os_mb"] + m["hub_proxy_mb"]["peak"]
              + learners * m["peak_rss_mb_per_learner"]["max"] * r["memory_headroom"])
    gb = int(_up(mem_mb / 1024, r["round_gb"]))
    cores = max(r["min_cores"], math.ceil(learners * p["cpu_guarantee"]))
    return {"learners": learners, "cores": cores, "memory_gb": gb}


def table(sizing: dict | None = None) -> str:
    s = sizing or load()
    m, r, p = s["measured"], s["rule"], per_learner(s)
    rows = ["| learners | cores | memory (GB) |", "|---|---|---|"]
    rows += [f"| {x['learners']} | {x['cores']} | {x['memory_gb']} |" for x in (machine(n, s) for n in r["table_learners"])]
    return "\n".join([
        TABLE_START,
        *rows,
        "",
        f"Measured by `make bench-hub` with {m['learners']} learners on {m['machine']}, {m['date']}: "
        f"peak memory per learner (single-user server + the larger of the lesson 00 and lesson "
        f"{m['heavy_lesson']} kernels) median {m['peak_rss_mb_per_learner']['median']:.0f} MB, largest "
        f"{m['peak_rss_mb_per_learner']['max']:.0f} MB; hub + proxy {m['hub_proxy_mb']['peak']:.0f} MB; "
        f"CPU for lesson 00 {m['cpu_s_per_learner_lesson00']['median']:.1f} core-seconds per learner.",
        f"Rule: memory = {r['os_mb']} MB for the system + hub and proxy + learners × the largest learner × "
        f"{r['memory_headroom']} (headroom), rounded up to {r['round_gb']} GB; cores = enough for the whole room "
        f"to run lesson 00 at the same moment in about {r['run_all_target_s']} s "
        f"({p['cpu_guarantee']} core per learner), at least {r['min_cores']}. Per learner: "
        f"memory guarantee {p['mem_guarantee_mb']} MB, limit {p['mem_limit_mb']} MB (room for "
        f"{r['extra_lessons_open']} more open lesson), CPU limit {p['cpu_limit']:g} core.",
        TABLE_END,
    ])


def k8s_resources(sizing: dict | None = None) -> dict:
    """singleuser.memory / singleuser.cpu for Zero to JupyterHub (values.yaml)."""
    p = per_learner(sizing)
    return {"memory": {"guarantee": f"{p['mem_guarantee_mb']}M", "limit": f"{p['mem_limit_mb']}M"},
            "cpu": {"guarantee": p["cpu_guarantee"], "limit": p["cpu_limit"]}}


def _values_text(text: str, res: dict) -> str:
    """values.yaml with singleuser.memory/cpu guarantee and limit set (lines marked `# sizing.json`)."""
    def sub(block: str, key: str, value) -> None:
        nonlocal text
        value = f'"{value}"' if isinstance(value, str) else value
        pattern = rf"(\n  {block}:\n(?:    .*\n)*?    {key}: )[^#\n]*(# sizing\.json)"
        text, n = re.subn(pattern, rf"\g<1>{value} \g<2>", text)
        if n != 1:
            raise ValueError(f"values.yaml: singleuser.{block}.{key} with a '# sizing.json' comment not found")
    for block in ("memory", "cpu"):
        for key in ("guarantee", "limit"):
            sub(block, key, res[block][key])
    return text


def _guide_text(text: str, sizing: dict | None = None) -> str:
    i, j = text.find(TABLE_START), text.find(TABLE_END)
    if i < 0 or j < 0:
        raise ValueError(f"{GUIDE.name}: the sizing table markers are missing")
    return text[:i] + table(sizing) + text[j + len(TABLE_END):]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--write", action="store_true", help="update values.yaml and the guide's table")
    parser.add_argument("--check", action="store_true", help="exit 1 if they do not agree with sizing.json")
    args = parser.parse_args(argv)
    res = k8s_resources()
    values, guide = VALUES.read_text(encoding="utf-8"), GUIDE.read_text(encoding="utf-8")
    new_values, new_guide = _values_text(values, res), _guide_text(guide)
    if args.write:
        VALUES.write_text(new_values, encoding="utf-8")
        GUIDE.write_text(new_guide, encoding="utf-8")
        print(f"wrote {VALUES.relative_to(REPO)} and the sizing table in {GUIDE.relative_to(REPO)}")
    elif args.check and (values != new_values or guide != new_guide):
        print("values.yaml or the guide's sizing table differ from deploy/sizing.json: "
              "run python deploy/sizing.py --write")
        return 1
    print(json.dumps({"per_learner": per_learner(), "kubernetes": res}, indent=2))
    print(table())
    return 0


if __name__ == "__main__":
    sys.exit(main())
