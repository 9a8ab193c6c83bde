# JupyterHub for one class on one machine (the Littlest JupyterHub pattern), for Liquidity Lab.
#
#   sudo /opt/liquidity-lab/.venv/bin/jupyterhub -f /opt/liquidity-lab/deploy/one-machine/jupyterhub_config.py
#
# What it sets up (step by step in docs/instructor_guide.md, "A hub on one machine"):
# - JupyterHub and the course environment are the same .venv, built by `make env` from
#   requirements.txt (JupyterHub, nbgitpuller, the idle culler, the authenticator, the spawner and
#   the JupyterLab language packs zh-CN / zh-TW are pinned there); configurable-http-proxy comes
#   from npm, pinned in deploy/package.json (`make proxy`).
# - Sign-in: FirstUseAuthenticator. Only names on the allow-list (learners.txt, instructors.txt,
#   one name a line) can sign in; each sets their own password at first sign-in. Instructors are
#   hub admins (they can add learners, stop servers and open a learner's server to help).
# - Each learner's server runs as its own systemd unit (SystemdSpawner, dynamic users, home in
#   /var/lib/<name>), with a memory limit and a CPU limit from deploy/sizing.json: the numbers
#   `make bench-hub` measured, the same ones values.yaml and the instructor guide use.
# - Idle servers are stopped after an hour (jupyterhub-idle-culler); learners' files stay.
#
# Environment variables (all optional): LIQUIDITY_LAB_HUB_BIND (default http://:8000),
# LIQUIDITY_LAB_COURSE_FOLDER (the folder the nbgitpuller link clones into; default liquidity-lab),
# LIQUIDITY_LAB_HUB_STATE (database, cookie secret; default /srv/liquidity-lab-hub).
# tests/test_hub.py loads this file and replaces only the authenticator (dummy), the spawner
# (local processes, throw-away homes) and the addresses and state folder (loopback, tmp_path).
import json
import os
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
DEPLOY = HERE.parent
sys.path.insert(0, str(DEPLOY))
import sizing  # noqa: E402  (deploy/sizing.py: per-learner limits from deploy/sizing.json)

c = get_config()  # noqa: F821  (provided by JupyterHub when it loads this file)

COURSE_FOLDER = os.environ.get("LIQUIDITY_LAB_COURSE_FOLDER", "liquidity-lab")
STATE = Path(os.environ.get("LIQUIDITY_LAB_HUB_STATE", "/srv/liquidity-lab-hub"))
LIMITS = sizing.per_learner()


def _names(file: Path) -> set[str]:
    if not file.exists():
        return set()
    lines = (line.split("#", 1)[0].strip().lower() for line in file.read_text(encoding="utf-8").splitlines())
    return {name for name in lines if name}


# --- the hub and the proxy ----------------------------------------------------------------------
c.JupyterHub.bind_url = os.environ.get("LIQUIDITY_LAB_HUB_BIND", "http://:8000")
c.JupyterHub.db_url = f"sqlite:///{STATE / 'jupyterhub.sqlite'}"
c.JupyterHub.cookie_secret_file = str(STATE / "jupyterhub_cookie_secret")
c.ConfigurableHTTPProxy.command = [str(DEPLOY / "node_modules" / ".bin" / "configurable-http-proxy")]
c.JupyterHub.cleanup_servers = True
# A room signs in at once: give each server time to start, and let many start together.
c.Spawner.start_timeout = 180
c.Spawner.http_timeout = 180
c.JupyterHub.concurrent_spawn_limit = 100

# --- who can sign in ------------------------------------------------------------------------------
c.JupyterHub.authenticator_class = "firstuseauthenticator"
c.FirstUseAuthenticator.create_users = False      # the allow-list decides, not the first visitor
c.FirstUseAuthenticator.min_password_length = 8
c.Authenticator.admin_users = _names(HERE / "instructors.txt")
c.Authenticator.allowed_users = _names(HERE / "learners.txt") | c.Authenticator.admin_users

# --- each learner's server -----------------------------------------------------------------------
c.JupyterHub.spawner_class = "systemdspawner"
c.SystemdSpawner.dynamic_users = True             # a fresh Unix user per learner; home /var/lib/<name>
c.SystemdSpawner.isolate_tmp = True
c.SystemdSpawner.isolate_devices = True
c.SystemdSpawner.mem_limit = f"{LIMITS['mem_limit_mb']}M"
c.SystemdSpawner.cpu_limit = LIMITS["cpu_limit"]
# The same numbers for spawners that only report them (they reach the server as MEM_LIMIT/CPU_LIMIT).
c.Spawner.mem_guarantee = f"{LIMITS['mem_guarantee_mb']}M"
c.Spawner.cpu_guarantee = LIMITS["cpu_guarantee"]
c.Spawner.cmd = [str(Path(sys.prefix) / "bin" / "jupyterhub-singleuser")]
c.Spawner.default_url = "/lab"
# A lesson kernel holds about 250 MB: stop kernels idle for 30 minutes (the notebook stays; running
# it again starts a new kernel), so lessons left open do not fill the memory limit.
c.Spawner.args = ["--MappingKernelManager.cull_idle_timeout=1800", "--MappingKernelManager.cull_interval=300"]


def _course_on_path(spawner) -> str:
    """PYTHONPATH for a learner: their pulled copy of the course, so `import helpers` finds it."""
    home = getattr(spawner, "home_dir", None) or f"/var/lib/{spawner.user.name}"
    return str(Path(home) / COURSE_FOLDER)


c.Spawner.environment = {"PYTHONPATH": _course_on_path}

# --- stop idle servers (learners' files are kept) --------------------------------------------------
c.JupyterHub.services = [{
    "name": "idle-culler",
    "command": [sys.executable, "-m", "jupyterhub_idle_culler", "--timeout=3600", "--cull-every=300"],
}]
c.JupyterHub.load_roles = [{
    "name": "idle-culler",
    "scopes": ["list:users", "read:users:activity", "read:servers", "delete:servers"],
    "services": ["idle-culler"],
}]
