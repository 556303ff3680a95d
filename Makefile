# Canopy. `make run` serves the demo on embedded defaults; `make test` runs the whole suite.
SHELL := /bin/bash
.DEFAULT_GOAL := help
HOST ?= 127.0.0.1
PORT ?= 8000
VENV := .venv
UV := .tools/bin/uv
PY := $(VENV)/bin/python
MANAGE := $(PY) manage.py
PYTEST_ARGS ?=
BENCH_POSTS ?= 200000
BENCH_ARGS ?=
export UV_PROJECT_ENVIRONMENT := $(VENV)

.PHONY: help setup run test test-slow test-browser test-journeys test-postgres test-api prod-check audit worker bench lint fmt migrate seed clean

help:
	@echo "make run            set up, migrate, seed the demo and serve http://$(HOST):$(PORT)"
	@echo "make test           set up and run the whole test suite"
	@echo "make test-slow      the slow tests make test leaves out (the whole demo seed, the bench harness)"
	@echo "make test-browser   Playwright tests in Chromium (needs /usr/bin/chromium)"
	@echo "make test-journeys  the enthusiast, buyer and team journeys and the crawl, on a freshly seeded demo"
	@echo "make test-postgres  the PostgreSQL suites on a throwaway cluster"
	@echo "make test-api       schemathesis against /api/v1/ (every operation, signed out and with a token)"
	@echo "make prod-check     the production stack for real: PostgreSQL, Redis, gunicorn, task worker, suite, smoke"
	@echo "make audit          Lighthouse, axe and page weight on the demo served as in production; fails below the line"
	@echo "make worker         the task worker for TASKS_BACKEND (database or redis)"
	@echo "make bench          page benchmarks on generated data (BENCH_POSTS=200000), in process and via gunicorn"
	@echo "make lint           ruff"

$(UV):
	@python3 -m venv .tools >/dev/null 2>&1 || { echo "error: python3 with the venv module is needed to bootstrap uv (apt-get install python3-venv)"; exit 1; }
	@.tools/bin/pip install --quiet --disable-pip-version-check uv

# The environment is rebuilt when the lock file changes.
$(VENV)/.synced: uv.lock pyproject.toml | $(UV)
	@py=$$(scripts/find-python); \
	if [ -n "$$py" ]; then \
	  UV_PYTHON="$$py" UV_PYTHON_DOWNLOADS=never $(UV) sync --frozen --quiet; \
	else \
	  echo "No Python >= 3.12 found on PATH or in ~/.pyenv; asking uv to fetch one..."; \
	  $(UV) sync --frozen --quiet --python 3.12 || { \
	    echo "error: Canopy needs Python >= 3.12. Install one (e.g. 'pyenv install 3.12' or your OS package python3.12) and run make again."; exit 1; }; \
	fi
	@touch $@

setup: $(VENV)/.synced

migrate: setup
	@$(MANAGE) migrate --noinput

seed: migrate
	@$(MANAGE) seed_demo

# Mail links, the Sites record and Wagtail's site follow SITE_URL (README: configuration); `make run`
# serves at HOST:PORT, so that is the site's address unless SITE_URL says otherwise (set for migrate too).
run: export SITE_URL ?= http://$(HOST):$(PORT)
run: seed
	@echo ""
	@echo "Canopy is starting at http://$(HOST):$(PORT)/  (team area: http://$(HOST):$(PORT)/cms/)"
	@$(MANAGE) runserver $(HOST):$(PORT)

test: setup
	@$(PY) -m pytest $(PYTEST_ARGS)

test-slow: setup
	@$(PY) -m pytest -m slow $(PYTEST_ARGS)

test-browser: setup
	@DJANGO_ALLOW_ASYNC_UNSAFE=true $(PY) -m pytest -m browser $(PYTEST_ARGS)

# PostgreSQL-only suites (concurrency) and the backend contract suites, on a throwaway cluster.
# The journeys run on the demo that make run seeds (a fresh folder of their own, served by runserver);
# full-page screenshots at 1366 and 390 px go to var/journeys/.
test-journeys: setup
	@DJANGO_ALLOW_ASYNC_UNSAFE=true $(PY) -m pytest -m journey $(PYTEST_ARGS)

# schemathesis over every operation of /api/v1/openapi.json, in process, signed out and with a token:
# no 5xx and no answer the document does not describe (bounded examples: a few minutes).
test-api: setup
	@$(PY) -m pytest -m api_fuzz tests/api/test_schemathesis.py $(PYTEST_ARGS)

test-postgres: setup
	@scripts/with-postgres $(PY) -m pytest -m "postgres or contract" $(PYTEST_ARGS)

# The production stack on this machine: throwaway PostgreSQL and Redis, gunicorn with the production
# settings, a task worker, the whole suite on PostgreSQL, and a smoke scenario over HTTP.
prod-check: setup
	@scripts/prod-check

# Lighthouse (npm, pinned by scripts/audit/package-lock.json; runs on Debian's Chromium, nothing downloads a
# browser), axe-core and the weight budgets on a freshly seeded demo served by gunicorn with the production
# settings (collectstatic, WhiteNoise); prints one table and exits 1 below the line (scripts/audit/run.py).
# AUDIT_ARGS="--keep /tmp/audit-demo" keeps the seeded demo between runs; --only home,thread audits a few pages.
AUDIT_ARGS ?=
AUDIT_NPM := scripts/audit/node_modules/.package-lock.json
$(AUDIT_NPM): scripts/audit/package-lock.json scripts/audit/package.json
	@command -v npm >/dev/null || { echo "error: make audit needs Node.js and npm (apt-get install -y nodejs npm)"; exit 1; }
	@cd scripts/audit && PUPPETEER_SKIP_DOWNLOAD=1 PUPPETEER_SKIP_CHROME_DOWNLOAD=1 CHROME_PATH=/usr/bin/chromium \
	  npm ci --no-audit --no-fund --loglevel=error
	@touch $@

audit: setup $(AUDIT_NPM)
	@CHROME_PATH=/usr/bin/chromium $(PY) -m scripts.audit.run $(AUDIT_ARGS)

worker: setup
	@scripts/task-worker

# Page benchmarks: generated data in var/bench/load-$(BENCH_POSTS).sqlite3 (made once, then reused),
# measured in process and through gunicorn; figures against targets, JSON in var/bench/. Missed targets
# do not fail it; a page that does not answer 200 or a failed setup does.
bench: setup
	@BENCH_POSTS=$(BENCH_POSTS) BENCH_ARGS="$(BENCH_ARGS)" scripts/bench

lint: setup
	@$(VENV)/bin/ruff check .

fmt: setup
	@$(VENV)/bin/ruff format . && $(VENV)/bin/ruff check --fix .

clean:
	rm -rf $(VENV) .tools var/test-media test-artifacts
