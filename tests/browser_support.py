"""Real-browser checks of lessons in JupyterLab (used by tests/test_browser.py and `make bench`).

What happens, per notebook:

1. A JupyterLab server from this environment serves a *copy* of the lessons (so nothing a
   browser does can write into the checkout), on a free loopback port with a random token and
   its own config, data, runtime, workspace and settings folders.
2. Headless Chromium (Debian's ``/usr/bin/chromium``, or Playwright's own build; see
   ``find_chromium``), driven by Playwright, opens the notebook and runs
   *Run All Cells* through JupyterLab's own command, then waits until every code cell has run
   and the kernel is idle.
3. The page is checked the way a learner would see it: every chart drawn (a non-empty canvas or
   svg in each ``.vega-embed``; as many as the .ipynb has chart outputs), every Vega-bound input
   and every ipywidgets view rendered, no error or stderr output (also none from a widget
   callback), no browser console error, no request to any host but the local server, and no
   typeset mathematics except the formulas the lesson declares (``metadata.liquidity_lab.formulas``):
   a dollar amount that MathJax turned into italics is a failure.
4. Controls are moved: one ipywidgets slider/dropdown, one Vega-bound input and one quiz button
   per lesson where the lesson has them; each must visibly change what it drives.

Command line (timings for `make bench`; `--ensure-browser` is `make browser`)::

    python tests/browser_support.py [lessons/*.ipynb] [--json test-artifacts/browser_timings.json]
    python tests/browser_support.py --ensure-browser [--offline]
"""
from __future__ import annotations

import contextlib
import json
import os
import re
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

REPO = Path(__file__).resolve().parent.parent
LESSONS_DIR = REPO / "lessons"
ARTIFACTS = REPO / "test-artifacts"
TIMINGS_FILE = ARTIFACTS / "browser_timings.json"
CHROMIUM_ENV = "LIQUIDITY_LAB_CHROMIUM"     # another Chromium, by path
DEBIAN_CHROMIUM = Path("/usr/bin/chromium")
VEGALITE_MIME = "application/vnd.vegalite.v5+json"
WIDGET_MIME = "application/vnd.jupyter.widget-view+json"
CHROMIUM_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
    "--disable-default-apps", "--disable-extensions", "--disable-dev-shm-usage",
]

# Per-lesson overrides, keyed by file name, only where the generic search can't do the job, each
# with a comment saying why:
#   "controls": CSS selectors whose controls are moved first (e.g. the slider of a given panel)
#   "skip_kinds": kinds of control not to move: "ipywidgets", "vega", "button"
#   "no_controls": True for a lesson that has no control at all (otherwise that is a failure)
#   "run_timeout": seconds for Run All (default RUN_TIMEOUT)
OVERRIDES: dict[str, dict] = {}

# Kernel log lines about widget comms that no learner sees: JupyterLab's widget manager asks the
# kernel for `jupyter.widget.control` when a notebook opens, before ipywidgets is imported.
KERNEL_HOUSEKEEPING = re.compile(r"^No such comm( target registered)?: [\w.-]+\s*$")

# Console messages that are understood and counted, not failures. Each: (label, pattern).
KNOWN_CONSOLE = (
    # JupyterLab 4.6 draws charts with its bundled Vega-Lite 5.6.1; Altair 5.5 writes 5.20 specs.
    # vega-embed warns once per chart drawn. Every course chart draws (checked above), and the
    # PNG fallback is rendered with Vega-Lite 5.20 by vl-convert.
    ("vega-lite 5.20 spec drawn by bundled 5.6", re.compile(
        r"^\[warning\] The input spec uses Vega-Lite v5\.20\.\d+, but the current version of Vega-Lite is "
        r"v5\.6\.\d+\.")),
)

RUN_TIMEOUT = 240.0      # Run All of one lesson (the kernel side; nbval times it precisely)
RENDER_TIMEOUT = 30.0    # charts and widgets drawn after the kernel went idle
RENDER_SETTLE = 5.0      # ... or given up on when nothing on the page changed for this long
CHANGE_TIMEOUT = 10.0    # a moved control's output changes
LAB_START_TIMEOUT = 90.0


class BrowserSetupError(RuntimeError):
    """Chromium or JupyterLab could not be started (says what to do)."""


HOW_TO_GET_CHROMIUM = (
    "no Chromium for the browser tests: run `sudo apt-get install -y chromium` (Debian/Ubuntu) or "
    "`.venv/bin/python -m playwright install chromium` (anywhere else), or set "
    f"{CHROMIUM_ENV}=/path/to/chromium")


def _playwright_chromium() -> Path | None:
    """Playwright's own Chromium build, if `python -m playwright install chromium` has fetched it."""
    try:
        from playwright.sync_api import sync_playwright

        with sync_playwright() as pw:
            path = Path(pw.chromium.executable_path)
    except Exception:   # no driver, no registry: no Playwright build
        return None
    return path if path.exists() else None


def find_chromium() -> tuple[Path | None, str]:
    """The Chromium the browser tests use, and where it came from.

    In order: ``$LIQUIDITY_LAB_CHROMIUM``; Debian's ``/usr/bin/chromium``; Playwright's own build.
    Returns (None, reason) when there is none.
    """
    chosen = os.environ.get(CHROMIUM_ENV)
    if chosen:
        path = Path(chosen)
        return (path, f"${CHROMIUM_ENV}") if path.exists() else (None, f"${CHROMIUM_ENV}={chosen} does not exist")
    if DEBIAN_CHROMIUM.exists():
        return DEBIAN_CHROMIUM, "Debian's chromium package"
    own = _playwright_chromium()
    if own is not None:
        return own, "Playwright's own Chromium"
    return None, "no Chromium found"


def require_chromium() -> Path:
    path, _ = find_chromium()
    if path is None:
        raise BrowserSetupError(HOW_TO_GET_CHROMIUM)
    return path


def launch_chromium(pw):
    """Launch headless Chromium (the one ``find_chromium`` picks) through a started Playwright."""
    path = require_chromium()
    return pw.chromium.launch(executable_path=str(path), headless=True, chromium_sandbox=False,
                              args=CHROMIUM_ARGS)


def _debian_like() -> bool:
    try:
        text = Path("/etc/os-release").read_text(encoding="utf-8")
    except OSError:
        return False
    ids = " ".join(line.split("=", 1)[1].strip().strip('"') for line in text.splitlines()
                   if line.startswith(("ID=", "ID_LIKE=")))
    return "debian" in ids.split()


def _as_root() -> list[str] | None:
    """[] as root, ["sudo", "-n"] with passwordless sudo, None otherwise."""
    if hasattr(os, "geteuid") and os.geteuid() == 0:
        return []
    if shutil.which("sudo") and subprocess.run(["sudo", "-n", "true"], capture_output=True).returncode == 0:
        return ["sudo", "-n"]
    return None


def ensure_chromium(offline: bool = False) -> int:
    """Find a Chromium for the browser tests, or get one; print one line; 0 when there is one.

    Debian/Ubuntu as root or with passwordless sudo: Debian's ``chromium`` with apt-get.
    Elsewhere (or if that fails): Playwright's own build, ``python -m playwright install chromium``.
    ``offline``: look only, fetch nothing.
    """
    path, how = find_chromium()
    if path is None and os.environ.get(CHROMIUM_ENV):
        print(f"{how}: point {CHROMIUM_ENV} at a Chromium executable, or unset it")
        return 1
    tried = []
    if path is None and not offline:
        root = _as_root()
        if not (_debian_like() and shutil.which("apt-get")):
            tried.append("apt-get: not a Debian/Ubuntu system")
        elif root is None:
            tried.append("apt-get: needs root or passwordless sudo")
        else:
            print("browser tests: installing Debian's chromium with apt-get", flush=True)
            env = dict(os.environ, DEBIAN_FRONTEND="noninteractive")
            run = dict(env=env, capture_output=True, text=True)
            done = (subprocess.run(root + ["apt-get", "update", "-qq"], **run).returncode == 0
                    and subprocess.run(root + ["apt-get", "install", "-y", "-qq", "chromium"], **run).returncode == 0)
            path, how = find_chromium()
            if path is None:
                tried.append("apt-get install chromium " + ("gave no /usr/bin/chromium" if done else "failed"))
        if path is None:
            print("browser tests: fetching Playwright's own Chromium (python -m playwright install chromium)",
                  flush=True)
            try:
                proc = subprocess.run([sys.executable, "-m", "playwright", "install", "chromium"],
                                      capture_output=True, text=True, timeout=900)
                ok = proc.returncode == 0
            except subprocess.TimeoutExpired:
                ok = False
            path, how = find_chromium()
            if path is None:
                tried.append("Playwright's download " + ("gave no browser" if ok else "failed"))
    if path is None:
        print(HOW_TO_GET_CHROMIUM + (f" (tried: {'; '.join(tried)})" if tried else " (offline: nothing fetched)"))
        return 1
    print(f"browser tests use {path} ({how})")
    return 0


# ---------------------------------------------------------------------------
# What the notebook file says should be on the page
# ---------------------------------------------------------------------------
def _bound_inputs(spec) -> set[str]:
    """Names of the params in a Vega-Lite spec bound to an HTML input (not to scales or legend)."""
    names: set[str] = set()
    if isinstance(spec, dict):
        for param in spec.get("params", []) or []:
            bind = param.get("bind") if isinstance(param, dict) else None
            if isinstance(bind, dict) and "input" in bind:
                names.add(param.get("name", ""))
        for value in spec.values():
            if isinstance(value, (dict, list)):
                names |= _bound_inputs(value)
    elif isinstance(spec, list):
        for item in spec:
            names |= _bound_inputs(item)
    return names


@dataclass
class Expected:
    charts: int = 0            # outputs with the Vega-Lite mimetype
    bound_inputs: int = 0      # Vega-bound HTML inputs over all chart outputs
    widget_views: int = 0      # top-level ipywidgets outputs
    code_cells: int = 0
    outputs: int = 0           # all saved outputs
    formulas: int = 0          # typeset formulas the lesson declares (metadata liquidity_lab.formulas)


def expected_from_file(path: Path) -> Expected:
    """Count what the committed notebook says a learner should see after Run All."""
    nb = json.loads(Path(path).read_text(encoding="utf-8"))
    exp = Expected(formulas=len(nb.get("metadata", {}).get("liquidity_lab", {}).get("formulas", [])))
    for cell in nb.get("cells", []):
        if cell.get("cell_type") != "code":
            continue
        exp.code_cells += 1
        for out in cell.get("outputs", []):
            exp.outputs += 1
            data = out.get("data", {})
            if VEGALITE_MIME in data:
                exp.charts += 1
                exp.bound_inputs += len(_bound_inputs(data[VEGALITE_MIME]))
            if WIDGET_MIME in data:
                exp.widget_views += 1
    return exp


# ---------------------------------------------------------------------------
# The JupyterLab server
# ---------------------------------------------------------------------------
def free_port() -> int:
    """A free TCP port on 127.0.0.1 (also used by the hub and `make lab` tests)."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def log_tail(path: Path, n: int = 40) -> str:
    """The last ``n`` lines of a server's log file, for failure messages."""
    try:
        return "\n".join(Path(path).read_text(errors="replace").splitlines()[-n:])
    except OSError:
        return "(no log)"


LAB_SETTINGS = {
    # every cell in the DOM (no virtual scrolling), so each output can be found and checked
    "@jupyterlab/notebook-extension/tracker.jupyterlab-settings": {"windowingMode": "none"},
    # the test never writes a notebook back (it works on a copy anyway)
    "@jupyterlab/docmanager-extension/plugin.jupyterlab-settings": {"autosave": False},
    # no news, no update check, no extension manager: nothing that looks outside
    "@jupyterlab/apputils-extension/notification.jupyterlab-settings": {
        "fetchNews": "false", "checkForUpdates": False},
    "@jupyterlab/extensionmanager-extension/plugin.jupyterlab-settings": {"enabled": False},
}


class LabServer:
    """JupyterLab on 127.0.0.1:<free port> with a random token, serving ``root``.

    Everything the server and its kernels write (config, runtime, workspaces, settings, IPython
    profile) goes under ``workdir``. ``stop()`` ends the server's own process (and its kernels).
    """

    def __init__(self, root: Path, workdir: Path):
        self.root = Path(root)
        self.workdir = Path(workdir)
        self.port = free_port()
        self.token = secrets.token_hex(24)
        self.proc: subprocess.Popen | None = None
        self.log_path = self.workdir / "jupyterlab.log"

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def _env(self) -> dict:
        env = dict(os.environ)
        for key in ("JUPYTER_CONFIG_DIR", "JUPYTER_DATA_DIR", "JUPYTER_RUNTIME_DIR", "IPYTHONDIR",
                    "JUPYTER_PATH", "JUPYTER_CONFIG_PATH", "JUPYTERLAB_DIR"):
            env.pop(key, None)
        env["JUPYTER_CONFIG_DIR"] = str(self.workdir / "config")
        env["JUPYTER_DATA_DIR"] = str(self.workdir / "data")
        env["JUPYTER_RUNTIME_DIR"] = str(self.workdir / "runtime")
        env["IPYTHONDIR"] = str(self.workdir / "ipython")
        env["JUPYTER_PLATFORM_DIRS"] = "1"
        env["PATH"] = str(Path(sys.executable).parent) + os.pathsep + env.get("PATH", "")
        env["PYTHONDONTWRITEBYTECODE"] = "1"
        return env

    def start(self) -> "LabServer":
        return self.launch().wait_ready()

    def launch(self) -> "LabServer":
        """Start the process (return at once; ``wait_ready`` waits for ``/api/status``)."""
        settings = self.workdir / "settings"
        for rel, value in LAB_SETTINGS.items():
            p = settings / rel
            p.parent.mkdir(parents=True, exist_ok=True)
            p.write_text(json.dumps(value), encoding="utf-8")
        for sub in ("config", "data", "runtime", "ipython", "workspaces"):
            (self.workdir / sub).mkdir(parents=True, exist_ok=True)
        cmd = [
            sys.executable, "-m", "jupyterlab",
            "--no-browser",
            "--ServerApp.ip=127.0.0.1",
            f"--ServerApp.port={self.port}",
            "--ServerApp.port_retries=0",
            f"--IdentityProvider.token={self.token}",
            f"--ServerApp.root_dir={self.root}",
            f"--LabApp.workspaces_dir={self.workdir / 'workspaces'}",
            f"--LabApp.user_settings_dir={settings}",
            "--LabApp.expose_app_in_browser=True",
            "--LabApp.news_url=",
            "--LabApp.check_for_updates_class=jupyterlab.NeverCheckForUpdate",
        ]
        if hasattr(os, "geteuid") and os.geteuid() == 0:
            cmd.append("--allow-root")
        log = open(self.log_path, "wb")
        self.proc = subprocess.Popen(cmd, cwd=self.root, env=self._env(), stdout=log,
                                     stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL,
                                     start_new_session=True)
        log.close()
        return self

    def wait_ready(self) -> "LabServer":
        deadline = time.monotonic() + LAB_START_TIMEOUT
        url = f"{self.base_url}/api/status"
        while True:
            if self.proc.poll() is not None:
                raise BrowserSetupError(f"JupyterLab exited with {self.proc.returncode}:\n{self.log_tail()}")
            try:
                req = urllib.request.Request(url, headers={"Authorization": f"token {self.token}"})
                with urllib.request.urlopen(req, timeout=2) as resp:
                    if resp.status == 200:
                        json.loads(resp.read())
                        return self
            except (urllib.error.URLError, ConnectionError, TimeoutError, json.JSONDecodeError):
                pass
            if time.monotonic() > deadline:
                self.stop()
                raise BrowserSetupError(f"JupyterLab did not answer {url} in {LAB_START_TIMEOUT:.0f} s:\n"
                                        f"{self.log_tail()}")
            time.sleep(0.2)

    def kernel_commands(self) -> list[list[str]]:
        """The command lines of the kernels this server is running now (Linux /proc)."""
        found = []
        for stat in Path("/proc").glob("[0-9]*/stat"):
            try:
                ppid = int(stat.read_text().rsplit(")", 1)[1].split()[1])
                if ppid == self.proc.pid:
                    cmd = (stat.parent / "cmdline").read_bytes().split(b"\0")
                    found.append([c.decode() for c in cmd if c])
            except (OSError, ValueError, IndexError):
                continue
        return [c for c in found if "ipykernel_launcher" in c]

    def log_tail(self, n: int = 40) -> str:
        return log_tail(self.log_path, n)

    def stop(self) -> None:
        if self.proc is None or self.proc.poll() is not None:
            return
        self.proc.terminate()   # SIGTERM: Jupyter's clean stop, which shuts its kernels down too
        try:
            self.proc.wait(timeout=15)
        except subprocess.TimeoutExpired:
            os.killpg(self.proc.pid, signal.SIGKILL)   # the server's own process group
            self.proc.wait(timeout=10)

    def __enter__(self) -> "LabServer":
        return self.start() if self.proc is None else self

    def __exit__(self, *exc) -> None:
        self.stop()


def _copy_without_outputs(src: Path, dest: Path) -> None:
    """Copy a notebook with its outputs cleared: everything on the page must come from Run All
    (and opening it does not first draw the saved charts only to replace them)."""
    nb = json.loads(Path(src).read_text(encoding="utf-8"))
    for cell in nb.get("cells", []):
        if cell.get("cell_type") == "code":
            cell["outputs"] = []
            cell["execution_count"] = None
    nb.get("metadata", {}).pop("widgets", None)
    dest.parent.mkdir(parents=True, exist_ok=True)
    dest.write_text(json.dumps(nb, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")


def originals(root: Path) -> Path:
    """Where ``stage_root`` keeps the notebooks as they were when staged, outputs and all."""
    return root.parent / (root.name + "-originals")


def stage_root(dest: Path, notebooks: dict[str, Path] | None = None) -> Path:
    """A served root that looks like the repository: ``lessons/`` copied, the rest linked.

    Notebooks are served without their outputs; a snapshot of each, taken at the same moment,
    goes to ``originals(dest)`` and says what Run All must draw (authors may be saving lessons
    while the test runs). ``notebooks`` maps a path under ``dest`` (e.g. "scratch/x.ipynb") to
    a notebook to copy there.
    """
    dest.mkdir(parents=True, exist_ok=True)
    for entry in REPO.iterdir():
        if entry.name in {"lessons", "test-artifacts", "site"} or entry.name.startswith("."):
            continue
        link = dest / entry.name
        if not link.exists():
            link.symlink_to(entry, target_is_directory=entry.is_dir())
    (dest / "lessons").mkdir(exist_ok=True)
    staged = {lesson_rel(nb): nb for nb in lesson_files()} | dict(notebooks or {})
    for rel, src in staged.items():
        snapshot = originals(dest) / rel
        snapshot.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(src, snapshot)
        _copy_without_outputs(snapshot, dest / rel)
    return dest


# ---------------------------------------------------------------------------
# In the page: small helpers installed as window.__ll after JupyterLab has started
# ---------------------------------------------------------------------------
PAGE_JS = r"""
() => {
  const app = window.jupyterapp;
  const ll = { w: null, iopub: [] };
  const hash = (s) => {
    let h = 2166136261;
    for (let i = 0; i < s.length; i++) { h ^= s.charCodeAt(i); h = Math.imul(h, 16777619); }
    return (h >>> 0).toString(16) + ':' + s.length;
  };
  const inWidget = (el) => el.parentElement && el.parentElement.closest('.jupyter-widgets') !== null;
  const cellIndex = (el) => {
    const cell = el.closest('.jp-Cell');
    if (!cell || !ll.w) return -1;
    return ll.w.content.widgets.findIndex(c => c.node === cell);
  };
  const drawn = (embed) => {
    const canvas = embed.querySelector('canvas.marks') || embed.querySelector('canvas');
    if (canvas) {
      if (!canvas.width || !canvas.height) return false;
      const copy = document.createElement('canvas');
      copy.width = Math.min(canvas.width, 400); copy.height = Math.min(canvas.height, 400);
      const ctx = copy.getContext('2d', { willReadFrequently: true });
      ctx.drawImage(canvas, 0, 0, copy.width, copy.height);
      const d = ctx.getImageData(0, 0, copy.width, copy.height).data;
      for (let i = 4; i < d.length; i += 4 * 3) {
        if (d[i] !== d[0] || d[i + 1] !== d[1] || d[i + 2] !== d[2] || d[i + 3] !== d[3]) return true;
      }
      return false;   // one flat colour: nothing drawn
    }
    const svg = embed.querySelector('svg.marks') || embed.querySelector('svg');
    if (svg) {
      const r = svg.getBoundingClientRect();
      return r.width > 0 && r.height > 0 && svg.querySelectorAll('path,rect,line,text,circle,symbol').length > 0;
    }
    return false;
  };
  const picture = (embed) => {
    const canvas = embed.querySelector('canvas.marks') || embed.querySelector('canvas');
    if (canvas) return hash(canvas.toDataURL());
    const svg = embed.querySelector('svg.marks') || embed.querySelector('svg');
    return svg ? hash(svg.outerHTML) : 'nothing';
  };
  const nb = () => ll.w.content.node;

  ll.open = async (path) => {
    const w = await app.commands.execute('docmanager:open', { path, factory: 'Notebook' });
    ll.w = w; ll.iopub = [];
    await w.context.ready;
    await w.sessionContext.ready;
    w.sessionContext.iopubMessage.connect((_, msg) => {
      const t = msg.header.msg_type;
      const parent = (msg.parent_header && msg.parent_header.msg_type) || '';
      if (t === 'error') {
        ll.iopub.push({ type: 'error', parent, text: msg.content.ename + ': ' + msg.content.evalue });
      } else if (t === 'stream' && msg.content.name === 'stderr') {
        ll.iopub.push({ type: 'stderr', parent, text: msg.content.text });
      }
    });
    app.shell.activateById(w.id);
    return w.id;
  };
  // open + Run All without making the caller wait (so two notebooks can run at once)
  ll.start = (path) => {
    ll.t = { start: performance.now() }; ll.ran = undefined; ll.failed = undefined; ll.path = path;
    ll.running = (async () => {
      await ll.open(path);
      for (let i = 0; ll.kernel().status !== 'idle'; i++) {
        if (i > 1200) throw new Error(`the kernel did not become idle (status ${ll.kernel().status})`);
        await new Promise(r => setTimeout(r, 100));
      }
      ll.t.opened = performance.now();
      ll.ran = await ll.runAll();
      ll.t.ran = performance.now();
    })().catch(e => { ll.failed = String((e && e.stack) || e); });
    return true;
  };
  ll.status = () => ({
    ran: ll.ran === undefined ? null : ll.ran, failed: ll.failed || null, kernel: ll.w ? ll.kernel() : null,
    cells: ll.w && ll.ran !== undefined ? ll.cells() : null,
    open_s: ll.t.opened ? (ll.t.opened - ll.t.start) / 1000 : null,
    run_s: ll.t.ran ? (ll.t.ran - ll.t.opened) / 1000 : null,
  });
  ll.kernel = () => {
    const s = ll.w && ll.w.sessionContext.session;
    const k = s && s.kernel;
    return k ? { name: k.name, status: k.status } : { name: null, status: 'none' };
  };
  ll.runAll = async () => {
    app.shell.activateById(ll.w.id);
    return await app.commands.execute('notebook:run-all-cells');
  };
  ll.cells = () => {
    const cells = ll.w.content.model.cells;
    const out = { code: 0, unrun: [], running: 0, charts: 0, widgetViews: 0, errors: [], stderr: [] };
    for (let i = 0; i < cells.length; i++) {
      const c = cells.get(i);
      if (c.type !== 'code') continue;
      out.code += 1;
      if (c.executionCount === null) out.unrun.push(i);
      if (c.executionState === 'running') out.running += 1;
      for (const o of c.outputs.toJSON()) {
        if (o.output_type === 'error') out.errors.push(`cell ${i}: ${o.ename}: ${o.evalue}`);
        if (o.output_type === 'stream' && o.name === 'stderr') out.stderr.push(`cell ${i}: ${String(o.text).slice(0, 300)}`);
        const data = o.data || {};
        if (data['application/vnd.vegalite.v5+json']) out.charts += 1;
        if (data['application/vnd.jupyter.widget-view+json']) out.widgetViews += 1;
      }
    }
    return out;
  };
  ll.render = () => {
    const embeds = Array.from(nb().querySelectorAll('.vega-embed'));
    const top = embeds.filter(e => !inWidget(e));
    const undrawn = embeds.filter(e => !drawn(e)).map(e => `cell ${cellIndex(e)}`);
    const views = Array.from(nb().querySelectorAll('.jp-OutputArea-output > .jupyter-widgets')).filter(e => !inWidget(e));
    const errorWidgets = Array.from(nb().querySelectorAll('.jupyter-widgets-error-widget')).map(e => `cell ${cellIndex(e)}: ${e.textContent.slice(0, 200)}`);
    const loading = Array.from(nb().querySelectorAll('.jp-OutputArea-output'))
      .filter(e => !inWidget(e) && /^\s*Loading widget\.\.\.\s*$/.test(e.textContent)).length;
    const binds = top.reduce((n, e) => n + e.querySelectorAll('.vega-bindings .vega-bind').length, 0);
    const stderrDom = Array.from(nb().querySelectorAll('[data-mime-type="application/vnd.jupyter.stderr"]'))
      .map(e => `cell ${cellIndex(e)}: ${e.textContent.slice(0, 300)}`);
    // what MathJax typeset (in markdown, outputs and widgets alike), with the TeX it came from
    const maths = Array.from(nb().querySelectorAll('mjx-container')).map(e => {
      const text = (e.textContent || '').replace(/\s+/g, ' ').slice(0, 80);
      return `cell ${cellIndex(e)}: ${text}`;
    });
    return { embeds: embeds.length, topCharts: top.length, undrawn, widgetViews: views.length,
             errorWidgets, loading, binds, stderrDom, maths };
  };
  // What a learner sees change when a control moves: charts (pixels or svg), widget outputs,
  // HTML widgets. Controls themselves (readouts, inputs) are not part of it.
  ll.fingerprint = () => {
    const fp = {};
    nb().querySelectorAll('.vega-embed').forEach((e, i) => { fp[`chart ${i} (cell ${cellIndex(e)})`] = picture(e); });
    nb().querySelectorAll('.widget-output').forEach((e, i) => { fp[`widget output ${i} (cell ${cellIndex(e)})`] = hash(e.innerHTML); });
    nb().querySelectorAll('.widget-html-content, .widget-htmlmath-content').forEach((e, i) => {
      fp[`html widget ${i} (cell ${cellIndex(e)})`] = hash(e.innerHTML);
    });
    return fp;
  };
  // Controls a learner can move, in page order, tagged with data-ll-id for Playwright.
  ll.controls = () => {
    const found = [];
    let n = 0;
    const add = (el, kind, how, extra) => {
      if (el.disabled || el.closest('.mod-disabled')) return;
      const id = `c${n++}`;
      el.setAttribute('data-ll-id', id);
      const box = el.closest('.jupyter-widgets:not(.jupyter-button)');
      const wlabel = box && box.querySelector(':scope > .widget-label');
      const label = (wlabel && wlabel.textContent) || el.getAttribute('aria-label') || el.title || el.name || el.textContent || '';
      found.push(Object.assign({ id, kind, how, cell: cellIndex(el), label: label.trim().slice(0, 60) }, extra || {}));
    };
    const root = nb();
    root.querySelectorAll('.jupyter-widgets').forEach(w => {
      if (w.closest('.vega-embed')) return;
      const cls = w.classList;
      if (cls.contains('widget-slider') || cls.contains('widget-hslider') || cls.contains('widget-vslider')) {
        const h = w.querySelector('.noUi-handle');
        if (h) add(h, 'ipywidgets', 'slider', {
          now: Number(h.getAttribute('aria-valuenow')), max: Number(h.getAttribute('aria-valuemax')) });
      } else if (cls.contains('widget-dropdown') || cls.contains('widget-select')) {
        const s = w.querySelector('select');
        if (s) add(s, 'ipywidgets', 'select', { options: s.options.length, index: s.selectedIndex });
      } else if (cls.contains('widget-radio')) {
        const r = Array.from(w.querySelectorAll('input[type=radio]')).find(x => !x.checked);
        if (r) add(r, 'ipywidgets', 'click');
      } else if (cls.contains('widget-toggle-buttons')) {
        const b = Array.from(w.querySelectorAll('button')).find(x => !x.classList.contains('mod-active'));
        if (b) add(b, 'ipywidgets', 'click');
      } else if (cls.contains('widget-checkbox')) {
        const c = w.querySelector('input[type=checkbox]');
        if (c) add(c, 'ipywidgets', 'click');
      } else if (cls.contains('widget-toggle-button')) {
        add(w, 'ipywidgets', 'click');
      } else if (cls.contains('widget-button')) {
        add(w, 'button', 'click');
      }
    });
    root.querySelectorAll('.vega-embed .vega-bindings .vega-bind').forEach(b => {
      const range = b.querySelector('input[type=range]');
      const select = b.querySelector('select');
      const radio = Array.from(b.querySelectorAll('input[type=radio]')).find(x => !x.checked);
      const check = b.querySelector('input[type=checkbox]');
      if (range) add(range, 'vega', 'range', { value: Number(range.value), min: Number(range.min), max: Number(range.max) });
      else if (select) add(select, 'vega', 'select', { options: select.options.length, index: select.selectedIndex });
      else if (radio) add(radio, 'vega', 'click');
      else if (check) add(check, 'vega', 'click');
    });
    return found;
  };
  ll.scrollHeight = () => Math.max(nb().scrollHeight,
    ...Array.from(nb().querySelectorAll('.jp-WindowedPanel-outer, .jp-WindowedPanel-inner')).map(e => e.scrollHeight));
  ll.close = async () => {
    const w = ll.w;
    if (!w) return;
    ll.w = null;
    try { await w.sessionContext.shutdown(); } catch (e) { /* already gone */ }
    w.context.model.dirty = false;
    w.dispose();
  };
  window.__ll = ll;
  return true;
}
"""


# ---------------------------------------------------------------------------
# The browser and the per-notebook check
# ---------------------------------------------------------------------------
@dataclass
class Report:
    """What one notebook's check found. ``problems`` empty means the notebook passed."""

    path: str
    problems: list[str] = field(default_factory=list)
    timings: dict[str, float] = field(default_factory=dict)
    counts: dict[str, object] = field(default_factory=dict)
    moved: list[str] = field(default_factory=list)
    console: list[str] = field(default_factory=list)
    blocked: list[str] = field(default_factory=list)
    iopub: list[str] = field(default_factory=list)
    artifacts: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems

    def summary(self) -> str:
        lines = [f"{self.path}: {len(self.problems)} problem(s)"]
        lines += [f"  - {p}" for p in self.problems]
        if self.artifacts:
            lines.append("  saved: " + ", ".join(self.artifacts))
        return "\n".join(lines)


def _short(text, n: int = 300) -> str:
    text = " ".join(str(text).split())
    return text if len(text) <= n else text[: n - 1] + "…"


class Tab:
    """One browser page with JupyterLab loaded; it checks one notebook at a time.

    Every request to a host other than the server is aborted and recorded, and so is any
    websocket elsewhere; console messages and uncaught page errors are recorded.
    """

    def __init__(self, browser: "LabBrowser"):
        self.server = browser.server
        self.context = browser.context
        self.page = None
        self.console: list[str] = []
        self.blocked: list[str] = []
        self.path: str | None = None     # the notebook open (and running) in this tab
        self.t0 = 0.0
        self.workspace = f"check{len(browser.tabs)}"
        self.fresh = False

    def load(self) -> "Tab":
        if self.page is not None:
            with contextlib.suppress(Exception):
                self.page.close()
        page = self.context.new_page()
        page.route("**/*", self._route)
        page.on("console", self._on_console)
        page.on("pageerror", lambda exc: self.console.append(f"[pageerror] {exc}"))
        page.on("websocket", self._on_websocket)
        page.set_default_timeout(60_000)
        # a workspace of its own: two tabs on one workspace make JupyterLab move one of them
        page.goto(f"{self.server.base_url}/lab/workspaces/{self.workspace}?reset&token={self.server.token}")
        page.wait_for_function("() => window.jupyterapp !== undefined", timeout=60_000)
        page.evaluate("async () => { await window.jupyterapp.started; await window.jupyterapp.restored; }")
        page.evaluate(PAGE_JS)
        self.page = page
        self.path = None
        self.fresh = True   # what JupyterLab itself logged or fetched while loading counts too
        return self

    def _route(self, route) -> None:
        url = route.request.url
        if url == self.server.base_url or url.startswith(self.server.base_url + "/"):
            route.continue_()
        else:
            self.blocked.append(url)
            route.abort("blockedbyclient")

    def _on_console(self, msg) -> None:
        loc = msg.location or {}
        where = f" ({loc.get('url', '')}:{loc.get('lineNumber', '')})" if loc.get("url") else ""
        self.console.append(f"[{msg.type}] {msg.text}{where}")

    def _on_websocket(self, ws) -> None:
        if urlsplit(ws.url).netloc != f"127.0.0.1:{self.server.port}":
            self.blocked.append(ws.url)

    def js(self, expression: str, arg=None):
        return self.page.evaluate(expression, arg)

    def start(self, rel_path: str) -> "Tab":
        """Open the notebook and start Run All; return at once."""
        if not self.fresh:
            self.console.clear()
            self.blocked.clear()
        self.fresh = False
        self.path = rel_path
        self.t0 = time.monotonic()
        self.js("(path) => window.__ll.start(path)", rel_path)
        return self

    def close_notebook(self) -> None:
        with contextlib.suppress(Exception):
            self.js("() => window.__ll.close()")
        self.path = None


class LabBrowser:
    """Headless Debian Chromium, driven by Playwright, on one JupyterLab server.

    ``check(path, then=next_path)`` checks one notebook while the next one already opens and
    runs in a second tab (two kernels at most: one per core of the CI machine).
    """

    def __init__(self, server: LabServer, artifacts: Path = ARTIFACTS / "browser", start_lab: bool = True,
                 tabs: int = 2):
        self.server = server
        self.artifacts = Path(artifacts)
        self.start_lab = start_lab
        self.max_tabs = max(1, tabs)
        self._pw = None
        self.browser = None
        self.context = None
        self.tabs: list[Tab] = []

    # -- setup ------------------------------------------------------------
    def start(self) -> "LabBrowser":
        from playwright.sync_api import sync_playwright

        self._pw = sync_playwright().start()
        try:
            # Playwright gives every launch a fresh, temporary --user-data-dir
            self.browser = launch_chromium(self._pw)
            self.context = self.browser.new_context(viewport={"width": 1400, "height": 1000},
                                                    service_workers="block")
            if self.start_lab:
                self.load_lab()
        except Exception:
            self.close()
            raise
        return self

    def load_lab(self) -> Tab:
        """Open JupyterLab in a new tab (the server must be up)."""
        tab = Tab(self).load()
        self.tabs.append(tab)
        return tab

    def close(self) -> None:
        for obj, method in ((self.context, "close"), (self.browser, "close"), (self._pw, "stop")):
            if obj is not None:
                with contextlib.suppress(Exception):
                    getattr(obj, method)()
        self.context = self.browser = self._pw = None
        self.tabs = []

    def __enter__(self) -> "LabBrowser":
        return self.start()

    def __exit__(self, *exc) -> None:
        self.close()

    def _free_tab(self, keep: str | None = None) -> Tab:
        for tab in self.tabs:
            if tab.path is None:
                return tab
        if len(self.tabs) < self.max_tabs:
            return self.load_lab()
        # all busy: give up a notebook started ahead that nobody asked for
        victim = next(t for t in self.tabs if t.path != keep)
        victim.close_notebook()
        return victim

    def prefetch(self, rel_path: str) -> None:
        """Open and run ``rel_path`` in another tab now, to be checked later."""
        if any(t.path == rel_path for t in self.tabs):
            return
        busy = sum(1 for t in self.tabs if t.path is not None)
        if busy < self.max_tabs:
            self._free_tab().start(rel_path)

    # -- one notebook -----------------------------------------------------
    @staticmethod
    def _poll(fn, until, timeout: float, interval: float = 0.2):
        deadline = time.monotonic() + timeout
        while True:
            value = fn()
            if until(value) or time.monotonic() > deadline:
                return value
            time.sleep(interval)

    def check(self, rel_path: str, source: Path | None = None, override: dict | None = None,
              then: str | None = None) -> Report:
        """Open ``rel_path`` (relative to the served root), Run All, check it, move controls.

        ``source`` is the .ipynb whose saved outputs say what must be drawn (default: the
        snapshot ``stage_root`` took; the served copy has no outputs). ``then``: the notebook to
        be checked next, started now in another tab.
        """
        override = dict(OVERRIDES.get(Path(rel_path).name, {}), **(override or {}))
        source = Path(source) if source else originals(self.server.root) / rel_path
        report = Report(rel_path)
        for old in (self.artifacts / f"{report_key(rel_path)}.png", self.artifacts / f"{report_key(rel_path)}.console.log"):
            old.unlink(missing_ok=True)   # a screenshot or log left from an earlier failure
        t_check = time.monotonic()
        tab = next((t for t in self.tabs if t.path == rel_path), None)
        if tab is None:
            tab = self._free_tab(keep=then).start(rel_path)
        if then:
            self.prefetch(then)
        try:
            self._check(tab, report, source, override)
        except Exception as exc:   # a timeout or a broken page: report it, load a fresh page
            report.problems.append(f"browser check failed: {type(exc).__name__}: {_short(exc, 600)}")
        self._finish(tab, report)
        report.timings["wall"] = time.monotonic() - t_check   # this check's share of the run
        return report

    def _check(self, tab: Tab, report: Report, source: Path, override: dict) -> None:
        exp = expected_from_file(source)
        report.counts["expected"] = exp.__dict__.copy()
        unsaved = bool(exp.code_cells and not exp.outputs)
        if unsaved:   # then the counts below have nothing to compare with
            report.problems.append(f"{source.name} has no saved outputs: run it top to bottom and save it "
                                   "(`make execute`) so the outputs say what a learner must see")
        run_timeout = float(override.get("run_timeout", RUN_TIMEOUT))
        status = self._poll(lambda: tab.js("() => window.__ll.status()"),
                            lambda s: s["failed"] or (s["ran"] is not None and s["kernel"]["status"] == "idle"
                                                      and not s["cells"]["running"]),
                            run_timeout + 60, 0.25)
        report.timings["open"] = status["open_s"] or 0.0
        report.timings["run_all"] = status["run_s"] or 0.0
        if status["failed"]:
            raise RuntimeError(f"opening or running the notebook failed: {status['failed']}")
        if status["ran"] is None or status["kernel"]["status"] != "idle":
            with contextlib.suppress(Exception):
                tab.js("() => window.__ll.w.sessionContext.session.kernel.interrupt()")
            report.problems.append(f"Run All did not finish in {run_timeout:.0f} s "
                                   f"(kernel {status['kernel'] and status['kernel']['status']})")
            return
        if status["kernel"]["name"] != "python3":
            report.problems.append(f"the notebook ran on kernel {status['kernel']['name']!r}, "
                                   "not the course's python3")
        cells = status["cells"]
        if cells["unrun"]:
            report.problems.append(f"{len(cells['unrun'])} of {cells['code']} code cells did not run "
                                   f"(first: cell {cells['unrun'][0]}); Run All stops at an error")

        t = time.monotonic()
        render = self._wait_render(tab, max(exp.charts, cells["charts"]), max(exp.widget_views, cells["widgetViews"]),
                                   exp.formulas)
        report.timings["render"] = time.monotonic() - t
        report.counts.update(live_charts=cells["charts"], live_widget_views=cells["widgetViews"],
                             drawn_charts=render["topCharts"], all_charts=render["embeds"],
                             widget_views=render["widgetViews"], vega_inputs=render["binds"])
        self._check_render(report, exp, cells, render, compare=not unsaved)

        t = time.monotonic()
        self._move_controls(tab, report, override)
        report.timings["controls"] = time.monotonic() - t

        # after the controls: charts still drawn, nothing raised in a callback, no error anywhere
        render = tab.js("() => window.__ll.render()")
        if render["undrawn"]:
            report.problems.append("after moving controls, charts not drawn: " + ", ".join(render["undrawn"]))
        # typeset maths, counted once the page (quiz feedback included) has settled
        report.counts["typeset_maths"] = len(render["maths"])
        if len(render["maths"]) != exp.formulas:
            report.problems.append(
                f"{len(render['maths'])} typeset maths element(s) on the page, but the lesson declares "
                f"{exp.formulas} formula(s) in metadata liquidity_lab.formulas; prose that MathJax typeset "
                "(escape dollar signs as \\$): " + "; ".join(_short(m, 120) for m in render["maths"][:6]))
        for e in render["errorWidgets"]:
            report.problems.append(f"a widget shows an error: {_short(e)}")
        final = tab.js("() => window.__ll.cells()")
        for e in final["errors"]:
            report.problems.append(f"error output: {_short(e)}")
        for e in final["stderr"]:
            report.problems.append(f"stderr output: {_short(e)}")
        for m in tab.js("() => window.__ll.iopub"):
            line = f"{m['type']} (reply to {m['parent'] or '?'}): {_short(m['text'])}"
            report.iopub.append(line)
            if not KERNEL_HOUSEKEEPING.match(m["text"]):
                report.problems.append(f"the kernel sent {line}")
        if not final["errors"] and not final["stderr"] and not report.iopub:
            for e in render["stderrDom"]:
                report.problems.append(f"error/stderr shown on the page: {_short(e)}")

    @staticmethod
    def _wait_render(tab: Tab, charts: int, widgets: int, formulas: int = 0) -> dict:
        """Wait until every chart and widget is drawn, or nothing has changed for RENDER_SETTLE s."""
        deadline = time.monotonic() + RENDER_TIMEOUT
        last, since = None, time.monotonic()
        while True:
            r = tab.js("() => window.__ll.render()")
            if (not r["undrawn"] and not r["loading"] and r["topCharts"] >= charts and r["widgetViews"] >= widgets
                    and len(r["maths"]) >= formulas):
                return r
            now = time.monotonic()
            if r != last:
                last, since = r, now
            if now - since > RENDER_SETTLE or now > deadline:
                return r
            time.sleep(0.2)

    @staticmethod
    def _check_render(report: Report, exp: Expected, cells: dict, render: dict, compare: bool = True) -> None:
        if render["undrawn"]:
            report.problems.append("charts not drawn (no canvas/svg with marks): " + ", ".join(render["undrawn"]))
        if render["loading"]:
            report.problems.append(f"{render['loading']} widget(s) still 'Loading widget...'")
        if not compare:   # still: what Run All made must all be on the page
            if render["topCharts"] != cells["charts"] or render["widgetViews"] != cells["widgetViews"]:
                report.problems.append(f"Run All made {cells['charts']} charts and {cells['widgetViews']} widgets; "
                                       f"{render['topCharts']} and {render['widgetViews']} are on the page")
            return
        if render["topCharts"] != exp.charts:
            report.problems.append(f"{render['topCharts']} charts on the page, but the notebook file has "
                                   f"{exp.charts} chart outputs ({VEGALITE_MIME})")
        if cells["charts"] != exp.charts:
            report.problems.append(f"Run All made {cells['charts']} chart outputs, the notebook file has "
                                   f"{exp.charts}: saved outputs are stale, or a chart stopped using the "
                                   "course renderer (helpers.charts.setup())")
        if render["binds"] != exp.bound_inputs:
            report.problems.append(f"{render['binds']} Vega-bound inputs on the page, the notebook file's "
                                   f"charts define {exp.bound_inputs}")
        if render["widgetViews"] != exp.widget_views or cells["widgetViews"] != exp.widget_views:
            report.problems.append(f"{render['widgetViews']} widgets drawn ({cells['widgetViews']} widget outputs "
                                   f"after Run All), the notebook file has {exp.widget_views}")

    # -- controls ---------------------------------------------------------
    @staticmethod
    def _move(tab: Tab, c: dict) -> None:
        loc = tab.page.locator(f'[data-ll-id="{c["id"]}"]')
        loc.scroll_into_view_if_needed()
        how = c["how"]
        if how == "slider":     # noUiSlider handle: keyboard, as a learner without a mouse would
            loc.press("PageDown" if c["now"] >= c["max"] else "PageUp")
        elif how == "range":    # <input type=range>: PageUp/PageDown move a tenth of the range
            up = c["value"] <= (c["min"] + c["max"]) / 2
            for _ in range(3):
                loc.press("PageUp" if up else "PageDown")
        elif how == "select":
            loc.select_option(index=(c["index"] + 1) % c["options"])
        else:
            loc.click()

    def _move_controls(self, tab: Tab, report: Report, override: dict) -> None:
        controls = tab.js("() => window.__ll.controls()")
        report.counts["controls"] = {k: sum(1 for c in controls if c["kind"] == k)
                                     for k in ("ipywidgets", "vega", "button")}
        if not controls:
            if not override.get("no_controls"):
                report.problems.append("no control to move (no ipywidgets control, Vega-bound input or button); "
                                       "if that is intended, say so in OVERRIDES in tests/browser_support.py")
            return
        preferred = override.get("controls", [])
        if preferred:
            marked = set(tab.js(
                "(sels) => sels.flatMap(s => Array.from(document.querySelectorAll(s)))"
                ".flatMap(e => [e, ...e.querySelectorAll('[data-ll-id]')])"
                ".map(e => e.getAttribute('data-ll-id')).filter(Boolean)", preferred))
            controls.sort(key=lambda c: c["id"] not in marked)
        skip = set(override.get("skip_kinds", ()))
        for kind in ("ipywidgets", "vega", "button"):
            candidates = [c for c in controls if c["kind"] == kind]
            if kind in skip or not candidates:
                continue
            tried = []
            for c in candidates[:3]:
                what = f"{kind} {c['how']} '{c['label']}' in cell {c['cell']}"
                before = tab.js("() => window.__ll.fingerprint()")
                self._move(tab, c)
                # a Vega-bound input drives its own chart; a widget may drive any output
                changed = self._wait_change(tab, before, f"(cell {c['cell']})" if kind == "vega" else "")
                if changed:
                    report.moved.append(f"{what}: changed {', '.join(changed[:3])}")
                    break
                tried.append(what)
            else:
                report.problems.append(f"moved {len(tried)} {kind} control(s) and nothing they drive changed: "
                                       + "; ".join(tried))

    @staticmethod
    def _wait_change(tab: Tab, before: dict, where: str = "") -> list[str]:
        """What changed after a control moved, once the page has settled ([] if nothing did).

        ``where``: only count changes of outputs whose key contains it, e.g. "(cell 12)".
        """
        def diff(fp):
            keys = [k for k in fp if fp.get(k) != before.get(k)] + [k for k in before if k not in fp]
            return [k for k in keys if where in k]

        deadline = time.monotonic() + CHANGE_TIMEOUT
        last, stable = None, 0
        while time.monotonic() < deadline:
            time.sleep(0.15)
            fp = tab.js("() => window.__ll.fingerprint()")
            idle = tab.js("() => window.__ll.kernel().status") == "idle"
            stable = stable + 1 if (fp == last and idle) else 0
            last = fp
            if stable >= 2 and diff(fp):   # changed, and settled (not a transient clear_output)
                return diff(fp)
        return diff(last) if last is not None and stable >= 1 else []

    # -- the end of one notebook -------------------------------------------
    def _finish(self, tab: Tab, report: Report) -> None:
        report.console = list(tab.console)
        report.blocked = list(tab.blocked)
        for url in dict.fromkeys(tab.blocked):
            report.problems.append(f"the page tried to reach an outside host: {_short(url, 200)}")
        known = {label: 0 for label, _ in KNOWN_CONSOLE}
        for m in tab.console:
            label = next((label for label, pattern in KNOWN_CONSOLE if pattern.match(m)), None)
            if label is not None:
                known[label] += 1
            elif m.startswith(("[error]", "[pageerror]", "[warning]")):
                report.problems.append(f"browser console: {_short(m)}")
        report.counts["known_console"] = known
        if report.problems:
            self._save_artifacts(tab, report)
        tab.close_notebook()
        if any(p.startswith("browser check failed") for p in report.problems):
            with contextlib.suppress(Exception):
                tab.load()
        report.timings["total"] = time.monotonic() - tab.t0

    def _save_artifacts(self, tab: Tab, report: Report) -> None:
        self.artifacts.mkdir(parents=True, exist_ok=True)
        stem = report_key(report.path)
        shot = self.artifacts / f"{stem}.png"
        log = self.artifacts / f"{stem}.console.log"
        with contextlib.suppress(Exception):
            height = int(tab.js("() => window.__ll.scrollHeight()") or 1000)
            tab.page.set_viewport_size({"width": 1400, "height": max(1000, min(height + 200, 16000))})
            tab.page.wait_for_timeout(500)
            tab.page.screenshot(path=str(shot))
            tab.page.set_viewport_size({"width": 1400, "height": 1000})
            report.artifacts.append(str(shot))
        text = [report.summary(), "", "controls moved:", *report.moved, "", "kernel error/stderr messages:",
                *report.iopub, "", "blocked requests:", *report.blocked, "", "browser console:", *report.console,
                "", "JupyterLab log (tail):", self.server.log_tail()]
        log.write_text("\n".join(text) + "\n", encoding="utf-8")
        report.artifacts.append(str(log))


# ---------------------------------------------------------------------------
# Everything at once (pytest fixtures use the pieces; this is for `make bench` and by hand)
# ---------------------------------------------------------------------------
EDITIONS = ("zh-hans", "zh-hant")


def lesson_files() -> list[Path]:
    """Every lesson notebook in order: the English ones in lessons/, then the 简体中文 and 繁體中文 editions."""
    return sorted(LESSONS_DIR.glob("*.ipynb")) + [
        p for code in EDITIONS for p in sorted((LESSONS_DIR / code).glob("*.ipynb"))]


def report_key(rel_path: str) -> str:
    """A name for a checked notebook's artifacts and timings: '03_x', 'zh-hans_03_x', 'scratch_good'."""
    rel = Path(rel_path)
    parts = list(rel.parent.parts[1:] if rel.parts[0] == "lessons" else rel.parent.parts) + [rel.stem]
    return "_".join(parts)


def lesson_rel(path: Path) -> str:
    """'lessons/03_x.ipynb' or 'lessons/zh-hans/03_x.ipynb': a lesson's path in the served root."""
    return f"lessons/{path.relative_to(LESSONS_DIR).as_posix()}"


def cpu_seconds() -> float:
    """CPU time of this process and of its finished children (server, kernels, browser)."""
    t = os.times()
    return t.user + t.system + t.children_user + t.children_system


def write_timings(reports: list[Report], setup_seconds: float, cpu: float | None = None,
                  path: Path = TIMINGS_FILE) -> dict:
    """Browser-test timings as JSON, for `make bench` (tools/bench.py reads ``lessons`` and ``total``).

    ``lessons``: each notebook's share of the wall-clock time in seconds (the next notebook already
    opens and runs in a second tab meanwhile, so the shares add up to the run); ``total``: the whole
    browser test, server and browser start included; ``cpu``: CPU seconds it used (a figure that
    does not depend on what else the machine is doing); ``details``: open, Run All, render and
    controls per notebook, as the notebook's own tab saw them.
    """
    data = {
        "lessons": {report_key(r.path): round(r.timings.get("wall", 0.0), 2) for r in reports},
        "setup": round(setup_seconds, 2),
    }
    data["total"] = round(setup_seconds + sum(data["lessons"].values()), 2)
    data["cpu"] = round(cpu, 1) if cpu is not None else None
    data["load_average"] = [round(x, 2) for x in os.getloadavg()]
    data["cores"] = os.cpu_count()
    data["details"] = {r.path: {k: round(v, 2) for k, v in r.timings.items()} | {"ok": r.ok} for r in reports}
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(data, indent=2) + "\n", encoding="utf-8")
    return data


def format_timings(data: dict) -> str:
    """The timings as a few lines of text (what `python tests/browser_support.py` prints)."""
    lines = [f"  {name:34s} {sec:6.1f} s" for name, sec in data["lessons"].items()]
    cpu = f", {data['cpu']:.0f} CPU s" if data.get("cpu") is not None else ""
    lines.append(f"  {'all lessons':34s} {data['total']:6.1f} s (server + browser start {data['setup']:.1f} s{cpu}; "
                 f"load average {data['load_average'][0]:.1f} on {data['cores']} cores)")
    return "\n".join(lines)


def run(notebooks: list[Path] | None = None, timings: Path = TIMINGS_FILE) -> tuple[list[Report], dict]:
    """Check notebooks (default: every lesson) the way tests/test_browser.py does."""
    notebooks = [Path(p).resolve() for p in (notebooks or lesson_files())]
    t0, cpu0 = time.monotonic(), cpu_seconds()
    with tempfile.TemporaryDirectory(prefix="ll-browser-") as tmp:
        inside = lambda nb: nb.is_relative_to(LESSONS_DIR)  # noqa: E731
        extra = {f"lessons/{nb.name}": nb for nb in notebooks if not inside(nb)}
        root = stage_root(Path(tmp) / "root", extra)
        server = LabServer(root, Path(tmp) / "lab").launch()
        with server, LabBrowser(server, start_lab=False) as browser:
            server.wait_ready()
            browser.load_lab()
            setup = time.monotonic() - t0
            rels = [lesson_rel(nb) if inside(nb) else f"lessons/{nb.name}" for nb in notebooks]
            reports = [browser.check(rel, then=rels[i + 1] if i + 1 < len(rels) else None)
                       for i, rel in enumerate(rels)]
    return reports, write_timings(reports, setup, cpu_seconds() - cpu0, timings)


def main(argv: list[str] | None = None) -> int:
    import argparse

    ap = argparse.ArgumentParser(description="Run lessons in JupyterLab in headless Chromium and check them.")
    ap.add_argument("notebooks", nargs="*", type=Path, help="default: every notebook in lessons/")
    ap.add_argument("--json", type=Path, default=TIMINGS_FILE, help="where to write the timings")
    ap.add_argument("--ensure-browser", action="store_true",
                    help="only find a Chromium for the tests, or get one (apt-get or Playwright), and say which")
    ap.add_argument("--offline", action="store_true", help="with --ensure-browser: look only, download nothing")
    args = ap.parse_args(argv)
    if args.ensure_browser:
        return ensure_chromium(offline=args.offline)
    reports, data = run(args.notebooks, args.json)
    for r in reports:
        t = r.timings
        print(f"{r.path}: {'ok' if r.ok else 'FAILED'} (open {t.get('open', 0):.1f} s, Run All {t.get('run_all', 0):.1f} s, "
              f"render {t.get('render', 0):.1f} s, controls {t.get('controls', 0):.1f} s)")
        if not r.ok:
            print(r.summary())
        for m in r.moved:
            print(f"    moved {m}")
    print(f"browser test, wall-clock time per lesson (timings in {args.json}):")
    print(format_timings(data))
    return 0 if all(r.ok for r in reports) else 1


if __name__ == "__main__":
    sys.exit(main())
