# Liquidity Lab. Two commands: `make lab` (learn) and `make test` (check everything).
# The only prerequisite is python3 >= 3.11; everything else goes into .venv from requirements.txt.
PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
PORT   ?= 8888
IP     ?= 127.0.0.1
# `make lab NO_BROWSER=1` for a server or a remote machine; `make lab PORT=9999` for another port.
NO_BROWSER ?=
LAB_ARGS ?=
PYTEST_ARGS ?=

.PHONY: help env lab test unit lessons verify data refresh bench execute html wheelhouse offline-env clean

help:
	@echo "make lab      create .venv if needed and open JupyterLab on lessons/00_start_here.ipynb"
	@echo "              (PORT=8888 IP=127.0.0.1 NO_BROWSER=1 LAB_ARGS='...')"
	@echo "make test     create/update .venv and run every test (unit, nbval on each lesson, hygiene)"
	@echo "make verify   check the data snapshot's hashes and schemas"
	@echo "make data     rebuild data/ from ../shared/data/fred (raw FRED-format files)"
	@echo "make refresh  rebuild data/ online from FRED (keeps data/ unchanged on any failure)"
	@echo "make bench    time the test suite, each lesson against a floor notebook, loading, sizes"
	@echo "make execute  re-run every lesson top to bottom and save its outputs (for authors)"
	@echo "make html     build the static HTML edition of the course into site/ (offline, no kernel)"
	@echo "make wheelhouse    download every wheel the course needs into wheelhouse/ (offline kit)"
	@echo "make offline-env   install .venv from wheelhouse/ only, with no network"

$(STAMP): requirements.txt pyproject.toml
	@$(PYTHON) -c 'import sys; v = sys.version_info; sys.exit(0 if v >= (3, 11) else f"Python 3.11 or newer is needed, found {v.major}.{v.minor}: run make PYTHON=python3.11 ...")'
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -r requirements.txt
	$(BIN)/python -m pip install --quiet --no-deps -e .
	@touch $(STAMP)
	@echo "environment ready in $(VENV)"

env: $(STAMP)

# JupyterLab refuses to run as root unless told; containers and Binder-like machines often are root.
ALLOW_ROOT := $(if $(filter 0,$(shell id -u)),--allow-root,)

lab: env
	$(BIN)/jupyter lab --ip=$(IP) --port=$(PORT) $(ALLOW_ROOT) $(if $(NO_BROWSER),--no-browser,) $(LAB_ARGS) lessons/00_start_here.ipynb

test: env
	$(BIN)/python -m helpers.data verify
	$(BIN)/python -m pytest $(PYTEST_ARGS)

unit: env
	$(BIN)/python -m pytest tests $(PYTEST_ARGS)

lessons: env
	$(BIN)/python -m pytest lessons $(PYTEST_ARGS)

verify: env
	$(BIN)/python -m helpers.data verify

data: env
	$(BIN)/python -m helpers.data build --source ../shared/data/fred

refresh: env
	$(BIN)/python -m helpers.data refresh

bench: env
	$(BIN)/python tools/bench.py

html: env
	$(BIN)/python tools/build_html.py --out site

execute: env
	$(BIN)/python tools/execute_lessons.py lessons/*.ipynb

# Offline kit for rooms without reliable internet: `make wheelhouse` once while online (or on a USB
# stick), then on each laptop `make offline-env WHEELHOUSE=path/to/wheelhouse` with no network.
WHEELHOUSE ?= wheelhouse

wheelhouse: env
	$(BIN)/python -m pip download --quiet --dest $(WHEELHOUSE) -r requirements.txt pip "setuptools>=68" wheel
	@echo "wheelhouse ready: $(WHEELHOUSE)/ ($$(ls $(WHEELHOUSE) | wc -l) files); copy it with the course folder"

offline-env:
	@$(PYTHON) -c 'import sys; v = sys.version_info; sys.exit(0 if v >= (3, 11) else f"Python 3.11 or newer is needed, found {v.major}.{v.minor}")'
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --no-index --find-links $(WHEELHOUSE) -r requirements.txt
	$(BIN)/python -m pip install --quiet --no-index --find-links $(WHEELHOUSE) --no-deps -e .
	@touch $(STAMP)
	@echo "environment ready in $(VENV) (installed from $(WHEELHOUSE)/ only); now: make lab"

clean:
	rm -rf $(VENV) *.egg-info .pytest_cache
