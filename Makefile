# Liquidity Lab. Two commands: `make lab` (learn) and `make test` (check everything).
# The only prerequisite is python3 >= 3.11; everything else goes into .venv from requirements.txt.
PYTHON ?= python3
# One environment per interpreter: .venv for the default python3; `make test PYTHON=python3.12`
# builds and uses .venv-py3.12 beside it, so several Python versions can be checked side by side.
PY_VERSION := $(shell $(PYTHON) -c 'import sys; print("%d.%d" % sys.version_info[:2])' 2>/dev/null)
ifeq ($(origin PYTHON),file)
VENV   ?= .venv
else
VENV   ?= .venv-py$(PY_VERSION)
endif
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
PORT   ?= 8888
IP     ?= 127.0.0.1
# `make lab NO_BROWSER=1` for a server or a remote machine; `make lab PORT=9999` for another port.
NO_BROWSER ?=
LAB_ARGS ?=
PYTEST_ARGS ?=
# `make test OFFLINE=1`: no network at all. Leaves out the tests marked `network` (and says how
# many), installs .venv from wheelhouse/ if it must, and never tries to download a browser.
OFFLINE ?=
# Tests by what they need (markers in pyproject.toml): `make unit` runs the fast ones only.
UNIT_MARKS := not browser and not network and not slow
TEST_MARKS := $(if $(OFFLINE),not network,)
WHEELHOUSE ?= wheelhouse
PIP_INSTALL := $(if $(OFFLINE),--no-index --find-links $(WHEELHOUSE),)

.PHONY: help env browser proxy fonts translate bench-hub lab test unit lessons portability verify data refresh bench execute html wheelhouse offline-env clean

help:
	@echo "make lab      create .venv if needed and open JupyterLab on lessons/00_start_here.ipynb"
	@echo "              LANG=zh-hans / LANG=zh-hant: the 简体中文 / 繁體中文 edition, JupyterLab in Chinese"
	@echo "              (PORT=8888 IP=127.0.0.1 NO_BROWSER=1 LAB_ARGS='...')"
	@echo "make test     create/update .venv, get a browser if needed, run every test (unit, nbval, hygiene,"
	@echo "              browser, offline kit); OFFLINE=1: no network, leaves out the network tests"
	@echo "make unit     fast unit tests only (no browser, no network, no JupyterLab server)"
	@echo "make lessons  nbval on every lesson: the install check for a workshop laptop"
	@echo "make portability  the stored outputs on other CPU paths, time zone and locale, Python 3.12/3.13"
	@echo "make verify   check the data snapshot's hashes and schemas"
	@echo "make data     rebuild data/ from ../shared/data/fred (raw FRED-format files)"
	@echo "make refresh  rebuild data/ online from FRED (keeps data/ unchanged on any failure)"
	@echo "make bench    time the test suite, each lesson against a floor notebook, loading, sizes"
	@echo "make proxy    install the pinned configurable-http-proxy (npm) into deploy/node_modules for the hub"
	@echo "make bench-hub     N learners (LEARNERS=30) on a real JupyterHub: start-up, lessons, memory, widgets;"
	@echo "                   WRITE=1 puts the numbers into deploy/sizing.json, values.yaml and the guide"
	@echo "make execute  re-run every lesson (all three editions) top to bottom and save its outputs (for authors)"
	@echo "make translate    English lessons -> locales/ catalogs -> lessons/zh-hans, lessons/zh-hant (executed);"
	@echo "                   reports new and fuzzy entries for translators"
	@echo "make fonts    make sure a CJK font is installed (Chinese chart PNGs)"
	@echo "make html     build the static HTML edition of the course into site/ (offline, no kernel)"
	@echo "make wheelhouse    download every wheel the course needs into wheelhouse/ (offline kit)"
	@echo "make offline-env   install .venv from wheelhouse/ only, with no network"

$(STAMP): requirements.txt pyproject.toml tools/jupyterlab-overrides.json
	@$(PYTHON) -c 'import sys; v = sys.version_info; sys.exit(0 if v >= (3, 11) else f"Python 3.11 or newer is needed, found {v.major}.{v.minor}: run make PYTHON=python3.11 ...")'
	@# an environment left from another Python version is rebuilt, not patched
	@test ! -x $(BIN)/python || $(BIN)/python -c 'import sys; sys.exit("%d.%d" % sys.version_info[:2] != "$(PY_VERSION)")' \
	    || { echo "$(VENV) was made with another Python: rebuilding it"; rm -rf $(VENV); }
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet $(PIP_INSTALL) --upgrade pip
	$(BIN)/python -m pip install --quiet $(PIP_INSTALL) -r requirements.txt
	$(BIN)/python -m pip install --quiet $(PIP_INSTALL) --no-deps -e .
	@# JupyterLab defaults for this environment: no "get notified about Jupyter news?" pop-up
	@# covering the first lesson, no update check (app settings overrides, see JupyterLab's docs)
	@mkdir -p $(VENV)/share/jupyter/lab/settings
	@cp tools/jupyterlab-overrides.json $(VENV)/share/jupyter/lab/settings/overrides.json
	@touch $(STAMP)
	@echo "environment ready in $(VENV) (Python $(PY_VERSION))"

env: $(STAMP)

# JupyterLab refuses to run as root unless told; containers and Binder-like machines often are root.
ALLOW_ROOT := $(if $(filter 0,$(shell id -u)),--allow-root,)

# `make lab LANG=zh-hans` (or zh-hant) opens the Chinese edition of lesson 00 with JupyterLab's own
# interface in that language (the zh-CN / zh-TW language packs in requirements.txt). LANG is also the
# shell's locale variable: only the three edition codes choose an edition, anything else is English.
EDITION := $(filter zh-hans zh-hant,$(LANG))
LAB_LOCALE := $(if $(filter zh-hans,$(EDITION)),zh_CN,$(if $(filter zh-hant,$(EDITION)),zh_TW,en))
LAB_START := lessons/$(if $(EDITION),$(EDITION)/,)00_start_here.ipynb

lab: env
	$(BIN)/jupyter lab --ip=$(IP) --port=$(PORT) $(ALLOW_ROOT) $(if $(NO_BROWSER),--no-browser,) \
	    $(if $(EDITION),--LabApp.app_settings_dir=$$($(BIN)/python tools/lab_language.py $(LAB_LOCALE) $(VENV)),) \
	    $(LAB_ARGS) $(LAB_START)

# The browser tests need Chromium: Debian's package (installed with apt-get as root or with
# passwordless sudo) or Playwright's own build; $LIQUIDITY_LAB_CHROMIUM may point at another one.
browser: env
	@$(BIN)/python tests/browser_support.py --ensure-browser $(if $(OFFLINE),--offline,)

# The hub test and `make bench-hub` need configurable-http-proxy, pinned in deploy/package.json and
# installed with `npm ci` into deploy/node_modules (Node.js and npm from apt-get as root if missing).
# With OFFLINE=1 nothing is installed: a missing proxy stops here with one line saying what to run.
proxy: env
	@$(BIN)/python tests/hub_support.py --ensure-proxy $(if $(OFFLINE),--offline,)

# Chinese chart PNGs need a CJK font for vl-convert: Debian's fonts-noto-cjk (apt-get as root), or
# any Noto Sans CJK / Source Han Sans the system already has.
fonts: env
	@$(BIN)/python tools/cjk_font.py --ensure $(if $(OFFLINE),--offline,)

# English lessons -> catalogs -> the 简体中文 / 繁體中文 notebooks, executed like any lesson.
translate: env fonts
	$(BIN)/python tools/translate.py update
	$(BIN)/python tools/translate.py helpers
	$(BIN)/python tools/translate.py build --execute

test: env browser proxy fonts
	$(BIN)/python -m helpers.data verify
	$(BIN)/python -m pytest $(if $(TEST_MARKS),-m "$(TEST_MARKS)",) $(PYTEST_ARGS)

unit: env
	$(BIN)/python -m pytest tests -m "$(UNIT_MARKS)" $(PYTEST_ARGS)

lessons: env
	$(BIN)/python -m pytest lessons $(PYTEST_ARGS)

# Stored outputs on other machines: `make lessons` with NumPy's AVX-512 kernels switched off, in
# another time zone and locale, and on Python 3.12 and 3.13 (each in its own .venv-pyX.Y).
PORTABLE_PYTHONS ?=
portability: env
	$(BIN)/python tools/portability.py $(PORTABLE_PYTHONS)

verify: env
	$(BIN)/python -m helpers.data verify

data: env
	$(BIN)/python -m helpers.data build --source ../shared/data/fred

refresh: env
	$(BIN)/python -m helpers.data refresh

bench: env
	$(BIN)/python tools/bench.py

# A benchmark, not a test: LEARNERS (default 30, at most 60) arrive together at a real hub on
# 127.0.0.1; each runs lesson 00, moves a widget, then lesson 04. WRITE=1 records the numbers.
LEARNERS ?= 30
bench-hub: env proxy
	$(BIN)/python tools/bench_hub.py --learners $(LEARNERS) $(if $(WRITE),--write,)

html: env
	$(BIN)/python tools/build_html.py --out site

execute: env fonts
	$(BIN)/python tools/execute_lessons.py lessons/*.ipynb lessons/zh-hans/*.ipynb lessons/zh-hant/*.ipynb

# Offline kit for rooms without reliable internet: `make wheelhouse` once while online (or on a USB
# stick), then on each laptop `make offline-env WHEELHOUSE=path/to/wheelhouse` with no network.
# A wheelhouse that already holds everything requirements.txt needs (pip's resolver, asked with
# the index switched off) is not downloaded again.
WHEEL_SET := -r requirements.txt pip "setuptools>=68" wheel

wheelhouse: env
	@if $(BIN)/python -m pip install --quiet --dry-run --ignore-installed --no-index --find-links $(WHEELHOUSE) \
	        $(WHEEL_SET) >/dev/null 2>&1; then \
	    echo "wheelhouse complete for requirements.txt: $(WHEELHOUSE)/ ($$(ls $(WHEELHOUSE) | wc -l) files), nothing to download"; \
	else \
	    $(BIN)/python -m pip download --quiet --dest $(WHEELHOUSE) $(WHEEL_SET) && \
	    echo "wheelhouse ready: $(WHEELHOUSE)/ ($$(ls $(WHEELHOUSE) | wc -l) files); copy it with the course folder"; \
	fi

offline-env:
	@$(PYTHON) -c 'import sys; v = sys.version_info; sys.exit(0 if v >= (3, 11) else f"Python 3.11 or newer is needed, found {v.major}.{v.minor}")'
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --no-index --find-links $(WHEELHOUSE) -r requirements.txt
	$(BIN)/python -m pip install --quiet --no-index --find-links $(WHEELHOUSE) --no-deps -e .
	@mkdir -p $(VENV)/share/jupyter/lab/settings
	@cp tools/jupyterlab-overrides.json $(VENV)/share/jupyter/lab/settings/overrides.json
	@touch $(STAMP)
	@echo "environment ready in $(VENV) (installed from $(WHEELHOUSE)/ only); now: make lab"

clean:
	rm -rf .venv .venv-py* *.egg-info .pytest_cache
