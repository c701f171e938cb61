# The two commands a user needs are `make run` and `make test` (see README.md).
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python

.PHONY: run test test-slow check lint bench demo screenshots

$(VENV)/.installed: requirements.txt
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install -q --disable-pip-version-check -r requirements.txt
	touch $@

$(VENV)/.installed-dev: requirements.txt requirements-dev.txt $(VENV)/.installed
	$(PY) -m pip install -q --disable-pip-version-check -r requirements-dev.txt
	touch $@

demo: $(VENV)/.installed
	$(PY) -m etl demo

# The dashboard: `streamlit run app.py`, warmed up first (dashboard/serve.py). On a fresh clone
# app.py first builds the demo warehouse, with its progress on the page and in the terminal.
# The briefing's chart images take their CJK font from the pinned mplfonts package: no root.
# Served on this machine only (127.0.0.1) unless ADDRESS says otherwise: see README, "Personal
# data", before opening it to a network.
ADDRESS ?= 127.0.0.1
run: $(VENV)/.installed
	$(PY) -m dashboard.serve --server.headless true --server.address $(ADDRESS)

# docs/screenshots/*.png from a real browser (Debian's chromium) on a 400,000-row demo.
screenshots: $(VENV)/.installed-dev
	SKILLTRACK_SCREENSHOTS=docs/screenshots SKILLTRACK_BROWSER_ROWS=400000 \
		$(PY) -m pytest -q -p no:cacheprovider tests/pages/test_page_browser.py tests/pages/test_access_browser.py

# The whole suite but the slow loops (marked `slow`: crash loops, concurrency, Spark, the browser),
# which .ci/run runs too with `make test-slow`.
test: $(VENV)/.installed-dev
	$(PY) -m pytest -m "not slow"

test-slow: $(VENV)/.installed-dev
	$(PY) -m pytest -m slow

lint: $(VENV)/.installed-dev
	$(PY) -m ruff format --check .
	$(PY) -m ruff check .
	$(PY) -m mypy
	$(VENV)/bin/lint-imports

check: lint test

$(VENV)/.installed-bench: bench/requirements.txt $(VENV)/.installed-dev
	$(PY) -m pip install -q --disable-pip-version-check -r bench/requirements.txt
	touch $@

bench: $(VENV)/.installed-bench
	$(PY) -m bench.run
