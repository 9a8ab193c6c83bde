"""The hub recipes, checked without running them: one source of sizing numbers (deploy/sizing.json)
for the one-machine config, values.yaml and the instructor guide; values.yaml uses only known Zero
to JupyterHub keys; the image installs exactly requirements.txt; the proxy is pinned."""
from __future__ import annotations

import json
import re
import sys
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parent.parent
DEPLOY = ROOT / "deploy"
sys.path.insert(0, str(DEPLOY))
import sizing  # noqa: E402

VALUES = yaml.safe_load((DEPLOY / "kubernetes" / "values.yaml").read_text(encoding="utf-8"))
DOCKERFILE = (DEPLOY / "kubernetes" / "Dockerfile").read_text(encoding="utf-8")

# Key paths of the `jupyterhub` Helm chart (Zero to JupyterHub) that values.yaml may set, from the
# chart's configuration reference. `hub.config` is passed to JupyterHub as traitlets config, so
# below it the keys are JupyterHub classes and traits (checked against the installed JupyterHub).
CHART_KEYS = {
    "hub", "hub.config", "singleuser", "singleuser.image", "singleuser.image.name", "singleuser.image.tag",
    "singleuser.defaultUrl", "singleuser.extraEnv", "singleuser.memory", "singleuser.memory.guarantee",
    "singleuser.memory.limit", "singleuser.cpu", "singleuser.cpu.guarantee", "singleuser.cpu.limit",
    "singleuser.storage", "singleuser.storage.capacity", "singleuser.startTimeout",
    "cull", "cull.enabled", "cull.timeout", "cull.every",
    "prePuller", "prePuller.hook", "prePuller.hook.enabled", "prePuller.continuous",
    "prePuller.continuous.enabled", "scheduling", "scheduling.userScheduler",
    "scheduling.userScheduler.enabled", "scheduling.podPriority", "scheduling.podPriority.enabled",
    "scheduling.userPlaceholder", "scheduling.userPlaceholder.enabled", "scheduling.userPlaceholder.replicas",
}
FREE_FORM = ("hub.config.", "singleuser.extraEnv.")


def _paths(tree: dict, prefix: str = ""):
    for key, value in tree.items():
        path = f"{prefix}{key}"
        yield path
        if isinstance(value, dict) and not path.startswith(FREE_FORM) and path != "hub.config":
            yield from _paths(value, path + ".")


def _requirements() -> dict[str, str]:
    pins = {}
    for line in (ROOT / "requirements.txt").read_text().splitlines():
        line = line.split("#", 1)[0].strip()
        if line:
            name, version = line.split("==")
            pins[name.lower()] = version
    return pins


def test_values_yaml_uses_only_known_chart_keys():
    unknown = [p for p in _paths(VALUES) if p not in CHART_KEYS and not p.startswith(FREE_FORM)]
    assert not unknown, f"values.yaml keys the chart does not have: {unknown}"


def test_values_yaml_hub_config_names_real_jupyterhub_traits():
    import firstuseauthenticator
    from jupyterhub.app import JupyterHub
    from jupyterhub.auth import Authenticator

    classes = {"JupyterHub": JupyterHub, "Authenticator": Authenticator,
               "FirstUseAuthenticator": firstuseauthenticator.FirstUseAuthenticator}
    for cls, traits in VALUES["hub"]["config"].items():
        assert cls in classes, cls
        missing = set(traits) - set(classes[cls].class_traits(config=True))
        assert not missing, f"{cls} has no configurable {missing}"


def test_values_yaml_resources_come_from_sizing_json():
    want = sizing.k8s_resources()
    su = VALUES["singleuser"]
    assert su["memory"] == want["memory"]
    assert su["cpu"] == want["cpu"]
    text = (DEPLOY / "kubernetes" / "values.yaml").read_text(encoding="utf-8")
    assert sizing._values_text(text, want) == text


def test_instructor_guide_sizing_table_comes_from_sizing_json():
    guide = sizing.GUIDE.read_text(encoding="utf-8")
    assert sizing.table() in guide, "the guide's sizing table is out of date: run python deploy/sizing.py --write"


def test_sizing_rule_is_monotonic_and_measured():
    measured = sizing.load()["measured"]
    assert measured["learners"] >= 30, "sizing.json should come from `make bench-hub WRITE=1` with 30 learners"
    rows = [sizing.machine(n) for n in (10, 20, 30, 40, 60)]
    assert all(a["cores"] <= b["cores"] and a["memory_gb"] < b["memory_gb"] for a, b in zip(rows, rows[1:]))
    p = sizing.per_learner()
    assert p["mem_guarantee_mb"] >= measured["peak_rss_mb_per_learner"]["max"]
    assert p["mem_limit_mb"] > p["mem_guarantee_mb"]


def test_one_machine_config_uses_sizing_a_real_authenticator_and_the_culler(monkeypatch):
    from traitlets.config.loader import PyFileConfigLoader

    path = DEPLOY / "one-machine" / "jupyterhub_config.py"
    c = PyFileConfigLoader(path.name, str(path.parent)).load_config()
    p = sizing.per_learner()
    assert c.JupyterHub.authenticator_class == "firstuseauthenticator"
    assert c.FirstUseAuthenticator.create_users is False
    assert "instructor" in c.Authenticator.admin_users
    assert c.Authenticator.admin_users <= c.Authenticator.allowed_users
    assert c.JupyterHub.spawner_class == "systemdspawner"
    assert c.SystemdSpawner.mem_limit == f"{p['mem_limit_mb']}M"
    assert c.SystemdSpawner.cpu_limit == p["cpu_limit"]
    assert c.Spawner.mem_guarantee == f"{p['mem_guarantee_mb']}M"
    assert Path(c.ConfigurableHTTPProxy.command[0]) == DEPLOY / "node_modules" / ".bin" / "configurable-http-proxy"
    culler = [s for s in c.JupyterHub.services if s["name"] == "idle-culler"]
    assert culler and "jupyterhub_idle_culler" in culler[0]["command"]

    class FakeSpawner:
        home_dir = "/srv/home/ada"
    assert c.Spawner.environment["PYTHONPATH"](FakeSpawner()) == "/srv/home/ada/liquidity-lab"


def test_image_installs_exactly_requirements_txt_on_the_same_python():
    header = (ROOT / "requirements.txt").read_text().splitlines()[0]
    python = re.search(r"Python (3\.\d+)", header).group(1)
    assert re.search(rf"^FROM python:{re.escape(python)}[-.\w]*$", DOCKERFILE, re.M)
    assert "COPY requirements.txt /tmp/requirements.txt" in DOCKERFILE
    installs = re.findall(r"pip install ([^\n&]+)", DOCKERFILE)
    assert installs == ["--no-cache-dir -r /tmp/requirements.txt"], installs
    pins = _requirements()
    for name in ("jupyterhub", "nbgitpuller", "jupyterlab", "ipywidgets",
                 "jupyterlab-language-pack-zh-cn", "jupyterlab-language-pack-zh-tw"):
        assert name in pins, name
    folder = VALUES["singleuser"]["extraEnv"]["PYTHONPATH"]
    assert f"ENV PYTHONPATH={folder}" in DOCKERFILE
    assert Path(folder).name == "liquidity-lab"


def test_proxy_is_pinned_in_package_json_and_lock():
    package = json.loads((DEPLOY / "package.json").read_text())
    lock = json.loads((DEPLOY / "package-lock.json").read_text())
    version = package["dependencies"]["configurable-http-proxy"]
    assert re.fullmatch(r"\d+\.\d+\.\d+", version), "pin configurable-http-proxy exactly"
    assert lock["packages"]["node_modules/configurable-http-proxy"]["version"] == version
    assert "deploy/node_modules/" in (ROOT / ".gitignore").read_text().splitlines()


@pytest.mark.parametrize("locale", ["zh_CN", "zh_TW"])
def test_jupyterlab_offers_the_chinese_language_packs(locale):
    from jupyterlab_server.translation_utils import get_language_packs

    packs, _ = get_language_packs()
    assert locale in packs, sorted(packs)
