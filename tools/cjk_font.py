"""A CJK font for the Chinese editions' chart PNGs (vl-convert draws with the system's fonts).

    python tools/cjk_font.py --ensure [--offline]    # find one, or install Debian's fonts-noto-cjk as root

Without a CJK font a Chinese chart title is drawn as empty boxes ("tofu") in the PNG fallback that
GitHub and the static site show. `make fonts` (run by `make test`, `make execute`, `make translate`)
calls this; with --offline nothing is installed and a missing font is an error that says what to do.
"""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

FONT_DIRS = ("/usr/share/fonts", "/usr/local/share/fonts", str(Path.home() / ".fonts"),
             str(Path.home() / ".local/share/fonts"), "/Library/Fonts", "/System/Library/Fonts",
             str(Path.home() / "Library/Fonts"), "C:/Windows/Fonts")
NAMES = ("NotoSansCJK", "NotoSerifCJK", "SourceHanSans", "PingFang", "msyh", "msjh", "wqy-")


def find_cjk_font() -> Path | None:
    """The first CJK font file found in the usual font folders, or None."""
    for folder in FONT_DIRS:
        if not os.path.isdir(folder):
            continue
        for root, _dirs, files in os.walk(folder):
            for name in sorted(files):
                if name.startswith(NAMES) and name.lower().endswith((".ttc", ".otf", ".ttf")):
                    return Path(root) / name
    return None


def ensure(offline: bool = False) -> int:
    font = find_cjk_font()
    if font:
        print(f"CJK font for chart PNGs: {font}")
        return 0
    how = "install Debian's fonts-noto-cjk (apt-get install fonts-noto-cjk) or any Noto Sans CJK font"
    if offline or os.geteuid() != 0 or not shutil.which("apt-get"):
        print(f"no CJK font found: Chinese chart PNGs would show empty boxes; {how}", file=sys.stderr)
        return 1
    print("installing fonts-noto-cjk (Debian) for the Chinese chart PNGs")
    env = dict(os.environ, DEBIAN_FRONTEND="noninteractive")
    subprocess.run(["apt-get", "update", "-qq"], check=False, env=env)
    done = subprocess.run(["apt-get", "install", "-y", "-qq", "fonts-noto-cjk"], env=env)
    if done.returncode or not find_cjk_font():
        print(f"could not install a CJK font; {how}", file=sys.stderr)
        return 1
    print(f"CJK font for chart PNGs: {find_cjk_font()}")
    return 0


if __name__ == "__main__":
    if "--ensure" not in sys.argv[1:]:
        print(__doc__)
        sys.exit(2)
    sys.exit(ensure(offline="--offline" in sys.argv[1:]))
