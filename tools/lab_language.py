"""Settings overrides for `make lab LANG=zh-hans|zh-hant`: the course's defaults plus JupyterLab's locale.

    python tools/lab_language.py zh_CN .venv     # prints the app settings folder to pass to JupyterLab

Writes ``<venv>/share/jupyter/lab/settings-<locale>/overrides.json``: tools/jupyterlab-overrides.json
(no news pop-up, no update check) with ``@jupyterlab/translation-extension:plugin`` set to the locale
of the installed language pack (jupyterlab-language-pack-zh-cn / -zh-tw). `make lab` hands that folder
to JupyterLab as ``--LabApp.app_settings_dir``; English uses the environment's own settings folder.
"""
from __future__ import annotations

import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
LOCALES = ("en", "zh_CN", "zh_TW")


def settings_dir(locale: str, venv: Path) -> Path:
    if locale not in LOCALES:
        raise SystemExit(f"locale={locale!r} is not one of {', '.join(LOCALES)}")
    base = Path(venv) / "share" / "jupyter" / "lab"
    if locale == "en":
        return base / "settings"
    folder = base / f"settings-{locale}"
    folder.mkdir(parents=True, exist_ok=True)
    overrides = json.loads((ROOT / "tools" / "jupyterlab-overrides.json").read_text(encoding="utf-8"))
    overrides["@jupyterlab/translation-extension:plugin"] = {"locale": locale}
    (folder / "overrides.json").write_text(json.dumps(overrides, indent=2) + "\n", encoding="utf-8")
    return folder


if __name__ == "__main__":
    print(settings_dir(sys.argv[1], Path(sys.argv[2])).resolve())
