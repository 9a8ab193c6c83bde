"""A real JupyterHub on loopback for tests/test_hub.py and `make bench-hub` (tools/bench_hub.py).

``Hub`` starts JupyterHub with the one-machine config (deploy/one-machine/jupyterhub_config.py),
replacing only what a test must: the dummy authenticator, JupyterHub's SimpleLocalProcessSpawner
with homes in a throw-away folder, free ports on 127.0.0.1 and a throw-away state folder. The
proxy is configurable-http-proxy from deploy/node_modules (`make proxy`). ``Learner`` is one
learner driving their server through the hub's proxy the way JupyterLab would: the REST API, the
nbgitpuller link, and a kernel's websocket. On exit, every process the hub started is stopped.

Command line (`make proxy`)::

    python tests/hub_support.py --ensure-proxy [--offline]
"""
from __future__ import annotations

import contextlib
import datetime as dt
import json
import os
import re
import secrets
import shutil
import signal
import subprocess
import sys
import textwrap
import time
import uuid
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

from browser_support import free_port, log_tail

REPO = Path(__file__).resolve().parent.parent
DEPLOY = REPO / "deploy"
HUB_CONFIG = DEPLOY / "one-machine" / "jupyterhub_config.py"
PROXY = DEPLOY / "node_modules" / ".bin" / "configurable-http-proxy"
SANITIZE = REPO / "tests" / "nbval_sanitize.cfg"
HOW_TO_GET_PROXY = ("configurable-http-proxy is missing (deploy/node_modules): run `make proxy` while online "
                    "(needs Node.js and npm: `sudo apt-get install -y nodejs npm` on Debian/Ubuntu)")
# What nbval leaves out of a comparison (nbval.plugin: skip_compare, images without nbdime).
SKIP_KEYS = {"image/png", "image/jpeg", "application/vnd.jupyter.widget-view+json"}
HUB_START_TIMEOUT = 60.0
CELL_TIMEOUT = 180.0


# --- the proxy from npm ------------------------------------------------------------------------------

def ensure_proxy(offline: bool = False) -> str:
    """Install the pinned configurable-http-proxy into deploy/node_modules if it is not there.

    Returns what it did; raises SystemExit with one line saying what to run if it cannot.
    """
    if PROXY.exists():
        return f"configurable-http-proxy: {PROXY.relative_to(REPO)}"
    if offline:
        raise SystemExit(f"OFFLINE=1: {HOW_TO_GET_PROXY}")
    npm = shutil.which("npm")
    if npm is None and os.geteuid() == 0 and shutil.which("apt-get"):
        print("installing Node.js and npm with apt-get for configurable-http-proxy", flush=True)
        env = dict(os.environ, DEBIAN_FRONTEND="noninteractive")
        ok = (subprocess.run(["apt-get", "update", "-qq"], env=env).returncode == 0
              and subprocess.run(["apt-get", "install", "-y", "-qq", "nodejs", "npm"], env=env).returncode == 0)
        npm = shutil.which("npm") if ok else None
    if npm is None:
        raise SystemExit(HOW_TO_GET_PROXY)
    done = subprocess.run([npm, "ci", "--no-audit", "--no-fund", "--loglevel=error"], cwd=DEPLOY)
    if done.returncode != 0 or not PROXY.exists():
        raise SystemExit(f"`npm ci` in deploy/ failed: {HOW_TO_GET_PROXY}")
    return f"configurable-http-proxy installed: {PROXY.relative_to(REPO)}"


# --- helpers ---------------------------------------------------------------------------------------

def sanitize_rules() -> list[tuple[re.Pattern, str]]:
    """The regex/replace pairs of tests/nbval_sanitize.cfg, as nbval applies them."""
    rules, regex = [], None
    for line in SANITIZE.read_text(encoding="utf-8").splitlines():
        if line.startswith("regex:"):
            regex = line.split(":", 1)[1].strip()
        elif line.startswith("replace:") and regex is not None:
            rules.append((re.compile(regex), line.split(":", 1)[1].strip()))
            regex = None
    return rules


def peak_rss_mb(pid: int) -> float:
    """A process's peak resident memory (VmHWM), in MB; 0 if it is gone."""
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return 0.0


def cpu_seconds(proc) -> float:
    try:
        t = proc.cpu_times()
        return t.user + t.system
    except Exception:   # gone
        return 0.0


def make_course_remote(root: Path) -> Path:
    """A bare git repository of the course's committed HEAD, under ``root``: the learners' remote."""
    bare = root / "liquidity-lab.git"
    subprocess.run(["git", "clone", "--quiet", "--bare", str(REPO), str(bare)], check=True, timeout=120)
    return bare


def commit_to_remote(bare: Path, work: Path, change) -> str:
    """Clone ``bare`` into ``work``, call ``change(work)``, commit everything and push; returns the commit."""
    git = ["git", "-c", "user.name=Instructor", "-c", "user.email=instructor@example.invalid"]
    if not work.exists():
        subprocess.run(git + ["clone", "--quiet", str(bare), str(work)], check=True, timeout=60)
    change(work)
    subprocess.run(git + ["-C", str(work), "add", "-A"], check=True, timeout=60)
    subprocess.run(git + ["-C", str(work), "commit", "--quiet", "-m", "Update the course"], check=True, timeout=60)
    subprocess.run(git + ["-C", str(work), "push", "--quiet", "origin", "HEAD"], check=True, timeout=60)
    return subprocess.run(["git", "-C", str(work), "rev-parse", "HEAD"], check=True, capture_output=True,
                          text=True).stdout.strip()


# --- the hub ---------------------------------------------------------------------------------------

class Hub:
    """JupyterHub with the one-machine config on 127.0.0.1, everything under ``root``."""

    def __init__(self, root: Path, *, log_level: str = "INFO"):
        import requests

        if not PROXY.exists():
            raise RuntimeError(HOW_TO_GET_PROXY)
        self.root = Path(root)
        self.port, self.hub_port, self.api_port = free_port(), free_port(), free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.token = secrets.token_hex(32)
        self.log_path = self.root / "jupyterhub.log"
        self.log_level = log_level
        self.session = requests.Session()
        self.session.headers["Authorization"] = f"token {self.token}"
        self.proc: subprocess.Popen | None = None
        self._children: dict[int, object] = {}

    def _config(self) -> Path:
        (self.root / "state").mkdir(parents=True, exist_ok=True)
        (self.root / "home").mkdir(exist_ok=True)
        allow_root = ["--ServerApp.allow_root=True"] if os.geteuid() == 0 else []
        text = textwrap.dedent(f"""\
            # Throw-away test hub: the one-machine config, then only what a test must replace.
            load_subconfig({str(HUB_CONFIG)!r})
            c = get_config()
            c.JupyterHub.bind_url = "http://127.0.0.1:{self.port}"
            c.JupyterHub.hub_bind_url = "http://127.0.0.1:{self.hub_port}"
            c.ConfigurableHTTPProxy.api_url = "http://127.0.0.1:{self.api_port}"
            c.JupyterHub.db_url = "sqlite:///{self.root / 'state' / 'jupyterhub.sqlite'}"
            c.JupyterHub.cookie_secret_file = {str(self.root / 'state' / 'cookie_secret')!r}
            c.JupyterHub.pid_file = {str(self.root / 'state' / 'jupyterhub.pid')!r}
            c.ConfigurableHTTPProxy.pid_file = {str(self.root / 'state' / 'proxy.pid')!r}
            c.JupyterHub.log_level = {self.log_level!r}
            c.JupyterHub.authenticator_class = "dummy"
            c.Authenticator.allow_all = True
            c.Authenticator.admin_users = set()
            c.Authenticator.allowed_users = set()
            c.JupyterHub.spawner_class = "simple"
            c.SimpleLocalProcessSpawner.home_dir_template = {str(self.root / 'home' / '{username}')!r}
            c.Spawner.args = [*c.Spawner.args, *{allow_root!r}]
            c.JupyterHub.services.append({{"name": "course-test", "api_token": {self.token!r}}})
            c.JupyterHub.load_roles.append({{
                "name": "course-test",
                "scopes": ["admin:users", "admin:servers", "tokens", "list:users", "read:users"],
                "services": ["course-test"],
            }})
            """)
        path = self.root / "jupyterhub_config.py"
        path.write_text(text, encoding="utf-8")
        return path

    def start(self) -> "Hub":
        import psutil

        config = self._config()
        env = dict(os.environ, PYTHONUNBUFFERED="1")
        env.pop("JUPYTERHUB_API_TOKEN", None)
        self._log = open(self.log_path, "ab")
        self.proc = subprocess.Popen([sys.executable, "-m", "jupyterhub", "-f", str(config)],
                                     cwd=self.root, env=env, stdout=self._log, stderr=subprocess.STDOUT,
                                     start_new_session=True)
        self._psutil = psutil.Process(self.proc.pid)
        deadline = time.monotonic() + HUB_START_TIMEOUT
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError(f"JupyterHub exited with {self.proc.returncode}:\n{self.log_tail()}")
            try:
                r = self.session.get(f"{self.url}/hub/api/", timeout=2)
                if r.ok:
                    self.remember_children()
                    return self
            except Exception:
                pass
            time.sleep(0.25)
        raise RuntimeError(f"JupyterHub did not answer in {HUB_START_TIMEOUT:.0f} s:\n{self.log_tail()}")

    def log_tail(self, lines: int = 40) -> str:
        return log_tail(self.log_path, lines)

    def remember_children(self) -> list:
        """Every process the hub has started so far (proxy, services, servers, kernels)."""
        try:
            for p in self._psutil.children(recursive=True):
                self._children.setdefault(p.pid, p)
        except Exception:
            pass
        return list(self._children.values())

    def proxy_process(self):
        for p in self.remember_children():
            with contextlib.suppress(Exception):
                if "configurable-http-proxy" in " ".join(p.cmdline()):
                    return p
        return None

    def user_processes(self, name: str) -> list:
        """The learner's single-user server and its kernels."""
        found = []
        for p in self.remember_children():
            with contextlib.suppress(Exception):
                if p.environ().get("JUPYTERHUB_USER") == name:
                    found.append(p)
        return found

    def api(self, method: str, path: str, **kwargs):
        r = self.session.request(method, f"{self.url}/hub/api{path}", timeout=kwargs.pop("timeout", 30), **kwargs)
        if r.status_code >= 400:
            raise RuntimeError(f"{method} /hub/api{path}: {r.status_code} {r.text[:300]}")
        return r.json() if r.content else None

    def stop(self) -> None:
        """Stop the hub (it stops the servers and the proxy), then anything it left behind."""
        if self.proc is None:
            return
        children = self.remember_children()
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
            try:
                self.proc.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait(timeout=10)
        for p in children:
            with contextlib.suppress(Exception):
                if p.is_running():      # same pid *and* start time: the process we saw, not a reused pid
                    p.terminate()
        deadline = time.monotonic() + 10
        for p in children:
            with contextlib.suppress(Exception):
                p.wait(timeout=max(0.1, deadline - time.monotonic()))
        for p in children:
            with contextlib.suppress(Exception):
                if p.is_running():
                    p.kill()
        self._log.close()
        self.proc = None

    def __enter__(self) -> "Hub":
        try:
            return self.start()
        except BaseException:
            self.stop()
            raise

    def __exit__(self, *exc) -> None:
        self.stop()


# --- one learner -----------------------------------------------------------------------------------

@dataclass
class Learner:
    hub: Hub
    name: str
    token: str = ""
    times: dict = field(default_factory=dict)

    @property
    def base(self) -> str:
        return f"{self.hub.url}/user/{self.name}"

    def _session(self):
        import requests

        s = requests.Session()
        s.headers["Authorization"] = f"token {self.token}"
        return s

    def log_in(self, timeout: float = 180.0) -> float:
        """Create the learner and a token through the hub's REST API, start their server and wait
        until it answers; returns the seconds from the first request to a ready server."""
        t0 = time.perf_counter()
        self.hub.api("POST", f"/users/{self.name}")
        self.token = self.hub.api("POST", f"/users/{self.name}/tokens",
                                  json={"note": "course test", "expires_in": 3600})["token"]
        self.hub.api("POST", f"/users/{self.name}/server")
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            user = self.hub.api("GET", f"/users/{self.name}")
            server = user.get("servers", {}).get("", {})
            if server.get("ready"):
                break
            time.sleep(0.2)
        else:
            raise RuntimeError(f"{self.name}'s server was not ready in {timeout:.0f} s:\n{self.hub.log_tail()}")
        self.session = self._session()
        r = self.session.get(f"{self.base}/api/status", timeout=30)
        r.raise_for_status()
        self.times["login_to_ready"] = time.perf_counter() - t0
        return self.times["login_to_ready"]

    def browser(self):
        """A cookie session signed in through the hub's login form, as a learner's browser is."""
        import requests

        if getattr(self, "_browser", None) is None:
            b = requests.Session()
            b.get(f"{self.hub.url}/hub/login", timeout=30).raise_for_status()
            r = b.post(f"{self.hub.url}/hub/login", timeout=60, allow_redirects=False,
                       data={"username": self.name, "password": "any", "_xsrf": b.cookies.get("_xsrf", "")})
            if r.status_code != 302:
                raise RuntimeError(f"{self.name} could not sign in: {r.status_code} {r.text[:200]}")
            self._browser = b
        return self._browser

    def open_link(self, link: str) -> str:
        """Follow an nbgitpuller link in a signed-in browser session up to the pull page (the hub
        sends the learner to their own server); returns the final URL. Then run the pull itself the
        way that page does, through git-pull/api."""
        r = self.browser().get(link, timeout=60)
        r.raise_for_status()
        final = urlsplit(r.url)
        if not final.path.startswith(f"/user/{self.name}/git-pull"):
            raise RuntimeError(f"the link ended at {r.url}, not at {self.name}'s git-pull page")
        query = {k: v[0] for k, v in parse_qs(final.query).items()}
        self.pull(query["repo"], query.get("branch", "main"), query.get("targetpath"))
        return r.url

    def pull(self, repo: str, branch: str, targetpath: str | None, timeout: float = 300.0) -> list[str]:
        """nbgitpuller's event stream: clone on the first call, update (merge) on later ones."""
        params = {"repo": repo, "branch": branch}
        if targetpath:
            params["targetpath"] = targetpath
        t0 = time.perf_counter()
        lines, phase = [], None
        with self.session.get(f"{self.base}/git-pull/api", params=params, stream=True, timeout=timeout) as r:
            r.raise_for_status()
            for raw in r.iter_lines(decode_unicode=True):
                if not raw or not raw.startswith("data:"):
                    continue
                event = json.loads(raw[5:])
                phase = event.get("phase")
                if event.get("output"):
                    lines.append(event["output"])
                if phase == "error":
                    raise RuntimeError(f"nbgitpuller failed for {self.name}: {event.get('message')}\n"
                                       + "".join(event.get("output", "")))
                if phase == "finished":
                    break
        if phase != "finished":
            raise RuntimeError(f"nbgitpuller's stream ended without finishing for {self.name}")
        self.times.setdefault("pulls", []).append(time.perf_counter() - t0)
        return lines

    def contents(self, path: str, **kwargs) -> dict:
        r = self.session.get(f"{self.base}/api/contents/{path}", params=kwargs, timeout=60)
        r.raise_for_status()
        return r.json()

    def save_notebook(self, path: str, nb: dict) -> None:
        r = self.session.put(f"{self.base}/api/contents/{path}", json={"type": "notebook", "content": nb},
                             timeout=60)
        r.raise_for_status()

    def kernel(self, path: str) -> "Kernel":
        """A kernel for the notebook at ``path`` (a session, as JupyterLab opens one; cwd = its folder)."""
        r = self.session.post(f"{self.base}/api/sessions", json={
            "path": path, "type": "notebook", "name": Path(path).name, "kernel": {"name": "python3"}}, timeout=120)
        r.raise_for_status()
        return Kernel(self, r.json()["kernel"]["id"], r.json()["id"])


class Kernel:
    """A kernel's websocket through the proxy, as JupyterLab uses it (Jupyter message protocol 5.3)."""

    def __init__(self, learner: Learner, kernel_id: str, session_id: str):
        import websocket

        self.learner, self.id, self.session_id = learner, kernel_id, session_id
        url = learner.base.replace("http://", "ws://") + f"/api/kernels/{kernel_id}/channels"
        self.ws = websocket.create_connection(url, header=[f"Authorization: token {learner.token}"], timeout=60)
        self.client_session = uuid.uuid4().hex

    def _send(self, msg_type: str, content: dict, channel: str = "shell") -> str:
        msg_id = uuid.uuid4().hex
        self.ws.send(json.dumps({
            "header": {"msg_id": msg_id, "msg_type": msg_type, "username": self.learner.name,
                       "session": self.client_session, "version": "5.3",
                       "date": dt.datetime.now(dt.timezone.utc).isoformat()},
            "parent_header": {}, "metadata": {}, "content": content, "channel": channel, "buffers": []}))
        return msg_id

    def _until_idle(self, msg_id: str, timeout: float, want_reply: bool) -> list[dict]:
        """Messages in reply to ``msg_id`` until the kernel is idle again (and replied, if asked)."""
        got, idle, replied = [], False, not want_reply
        deadline = time.monotonic() + timeout
        while not (idle and replied):
            left = deadline - time.monotonic()
            if left <= 0:
                raise TimeoutError(f"{self.learner.name}: no reply from the kernel in {timeout:.0f} s")
            self.ws.settimeout(left)
            msg = json.loads(self.ws.recv())
            if msg.get("parent_header", {}).get("msg_id") != msg_id:
                continue
            kind = msg["header"]["msg_type"]
            if kind == "status" and msg["content"].get("execution_state") == "idle":
                idle = True
            elif msg.get("channel") == "shell" and kind.endswith("_reply"):
                replied = True
            got.append(msg)
        return got

    def execute(self, code: str, timeout: float = CELL_TIMEOUT) -> list[dict]:
        """Run ``code``; returns its outputs in nbformat form (streams merged as nbval does)."""
        msg_id = self._send("execute_request", {"code": code, "silent": False, "store_history": True,
                                                "user_expressions": {}, "allow_stdin": False,
                                                "stop_on_error": True})
        outputs: list[dict] = []
        for msg in self._until_idle(msg_id, timeout, want_reply=True):
            kind, content = msg.get("header", {}).get("msg_type"), msg.get("content", {})
            if kind == "stream":
                if outputs and outputs[-1]["output_type"] == "stream" and outputs[-1]["name"] == content["name"]:
                    outputs[-1]["text"] += content["text"]
                else:
                    outputs.append({"output_type": "stream", "name": content["name"], "text": content["text"]})
            elif kind in ("display_data", "execute_result"):
                outputs.append({"output_type": kind, "data": content["data"]})
            elif kind == "error":
                outputs.append({"output_type": "error", "ename": content["ename"], "evalue": content["evalue"]})
            elif kind == "clear_output":
                outputs.clear()
        return outputs

    def comm_update(self, comm_id: str, state: dict, timeout: float = 60.0) -> tuple[float, int]:
        """Change a widget's state as the browser does when a control moves; returns the seconds until
        the kernel has run the callback and is idle again, and how many messages it sent back."""
        t0 = time.perf_counter()
        msg_id = self._send("comm_msg", {"comm_id": comm_id,
                                         "data": {"method": "update", "state": state, "buffer_paths": []}})
        got = self._until_idle(msg_id, timeout, want_reply=False)
        return time.perf_counter() - t0, len(got)

    def close(self, shutdown: bool = True) -> None:
        with contextlib.suppress(Exception):
            self.ws.close()
        if shutdown:
            with contextlib.suppress(Exception):
                self.learner.session.delete(f"{self.learner.base}/api/sessions/{self.session_id}", timeout=30)


def run_notebook(kernel: Kernel, nb: dict) -> list[tuple[int, list[dict]]]:
    """Run every code cell of ``nb`` (a notebook dict) in ``kernel``; returns (cell index, outputs)."""
    results = []
    for i, cell in enumerate(nb["cells"]):
        if cell["cell_type"] != "code":
            continue
        source = "".join(cell["source"]) if isinstance(cell["source"], list) else cell["source"]
        outputs = kernel.execute(source)
        errors = [o for o in outputs if o["output_type"] == "error"]
        if errors:
            raise RuntimeError(f"cell {i} failed in {kernel.learner.name}'s kernel: "
                               f"{errors[0].get('ename')}: {errors[0].get('evalue')}")
        results.append((i, outputs))
    return results


def _normal(value, rules) -> str:
    text = value if isinstance(value, str) else "".join(value) if isinstance(value, list) and all(
        isinstance(v, str) for v in value) else json.dumps(value, sort_keys=True)
    for regex, replace in rules:
        text = regex.sub(replace, text)
    return text


def compare_outputs(nb: dict, results: list[tuple[int, list[dict]]]) -> list[str]:
    """Differences between the stored outputs of ``nb`` and ``results``, as nbval compares them
    (cells marked NBVAL_IGNORE_OUTPUT skipped; images and widget ids left out; sanitize rules applied)."""
    rules, problems = sanitize_rules(), []
    for i, got in results:
        cell = nb["cells"][i]
        source = "".join(cell["source"]) if isinstance(cell["source"], list) else cell["source"]
        if "NBVAL_IGNORE_OUTPUT" in source or "NBVAL_SKIP" in source:
            continue
        want = []
        for o in cell.get("outputs", []):
            o = dict(o)
            if o["output_type"] == "stream" and want and want[-1]["output_type"] == "stream" \
                    and want[-1]["name"] == o["name"]:
                want[-1]["text"] = _normal(want[-1]["text"], []) + _normal(o["text"], [])
            else:
                want.append(o)

        def shape(outs):
            return [(o["output_type"], sorted(set(o.get("data", {})) - SKIP_KEYS)) for o in outs]

        if shape(want) != shape(got):
            problems.append(f"cell {i}: outputs {shape(got)} differ from the stored {shape(want)}")
            continue
        for w, g in zip(want, got):
            if w["output_type"] == "stream":
                pairs = [("text", w["text"], g["text"])]
            else:
                pairs = [(k, w["data"][k], g["data"][k]) for k in w.get("data", {}) if k not in SKIP_KEYS]
            for key, a, b in pairs:
                if _normal(a, rules) != _normal(b, rules):
                    problems.append(f"cell {i}: {key} differs from the stored output")
    return problems


if __name__ == "__main__":
    import argparse

    parser = argparse.ArgumentParser(description="configurable-http-proxy for the hub tests")
    parser.add_argument("--ensure-proxy", action="store_true")
    parser.add_argument("--offline", action="store_true")
    args = parser.parse_args()
    if args.ensure_proxy:
        print(ensure_proxy(offline=args.offline))
