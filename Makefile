# GPT Lineage Atlas: two commands on a fresh Debian/Ubuntu machine.
#   make serve   set everything up and serve the site at http://127.0.0.1:8000
#   make test    set everything up and run every test
# Also: make build (→ site/), make check (data and the articles' references, no build),
# make bench, make lint.

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.requirements-installed
SUDO := $(shell [ "$$(id -u)" -ne 0 ] && command -v sudo >/dev/null && echo sudo)
APT_GET := DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get

# Reproducible builds: the date of the last commit, not the time of the build.
export SOURCE_DATE_EPOCH ?= $(shell git log -1 --format=%ct 2>/dev/null || echo 1700000000)
export NO_MKDOCS_2_WARNING := 1
export PYTHONDONTWRITEBYTECODE := 1

.PHONY: serve build check test test-fast bench lighthouse lint format clean setup system-deps browser-deps

# --dirty: rebuild only the pages an edit changed (hooks/atlas/rebuild.py keeps it exact).
serve: setup
	$(BIN)/mkdocs serve --dirty --dev-addr 127.0.0.1:8000

build: setup
	$(BIN)/mkdocs build --strict --site-dir site

check: $(STAMP)
	@# Both run, so a contributor sees every problem at once; either failing fails.
	@status=0; \
	PYTHONPATH=hooks $(BIN)/python -m atlas check || status=1; \
	PYTHONPATH=hooks $(BIN)/python -m atlas parity || status=1; \
	exit $$status

test: setup browser-deps
	$(BIN)/python -m pytest

# Everything but the browser tests.
test-fast: setup
	$(BIN)/python -m pytest -m "not browser"

bench: setup
	$(BIN)/python tools/bench.py

# Lighthouse (mobile) on six pages of the site served with gzip; prints the scores.
# Not a test: scores depend on the machine. Lighthouse is pinned and kept in .venv/.
LIGHTHOUSE_VERSION := 13.5.0
LIGHTHOUSE := $(VENV)/lighthouse/node_modules/.bin/lighthouse
export CHROME_PATH ?= /usr/bin/chromium

lighthouse: setup browser-deps $(LIGHTHOUSE)
	$(BIN)/python tools/lighthouse.py $(LIGHTHOUSE)

$(LIGHTHOUSE):
	@command -v npm >/dev/null || { $(APT_GET) update -qq && $(APT_GET) install -y -qq npm; }
	npm install --prefix $(VENV)/lighthouse --no-audit --no-fund --loglevel=error \
	  lighthouse@$(LIGHTHOUSE_VERSION)

lint: $(STAMP)
	$(BIN)/ruff check hooks tests tools
	$(BIN)/ruff format --check hooks tests tools

format: $(STAMP)
	$(BIN)/ruff format hooks tests tools
	$(BIN)/ruff check --fix hooks tests tools

setup: $(STAMP) system-deps

$(STAMP): requirements.txt
	@$(PYTHON) -m venv --help >/dev/null 2>&1 && $(PYTHON) -c "import ensurepip" 2>/dev/null \
	  || { $(APT_GET) update -qq && $(APT_GET) install -y -qq python3-venv; }
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -r requirements.txt
	touch $(STAMP)

# Graphviz draws the lineage diagrams.
system-deps:
	@command -v dot >/dev/null || { $(APT_GET) update -qq && $(APT_GET) install -y -qq graphviz; }

# Debian's Chromium for the browser tests (Playwright cannot download a browser here),
# and CJK fonts so that screenshots of Chinese pages are legible.
browser-deps:
	@command -v chromium >/dev/null && fc-list 2>/dev/null | grep -qi "Noto Sans CJK" || { \
	  $(APT_GET) update -qq && $(APT_GET) install -y -qq chromium fonts-noto-cjk; }

clean:
	rm -rf site .cache test-output bench-output .pytest_cache
