# The two commands a user needs are `make run` and `make test` (see README.md).
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python

.PHONY: run test check lint bench demo screenshots

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
# scripts/ensure-cjk-font installs Debian's fonts-noto-cjk when it can (the briefing's chart
# images need a CJK font; the browser has its own) and never fails.
run: $(VENV)/.installed
	@bash scripts/ensure-cjk-font
	$(PY) -m dashboard.serve --server.headless true

# docs/screenshots/*.png from a real browser (Debian's chromium) on a 400,000-row demo.
screenshots: $(VENV)/.installed-dev
	SKILLTRACK_SCREENSHOTS=docs/screenshots SKILLTRACK_BROWSER_ROWS=400000 \
		$(PY) -m pytest -q -p no:cacheprovider tests/pages/test_page_browser.py tests/pages/test_access_browser.py

test: $(VENV)/.installed-dev
	$(PY) -m pytest

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
