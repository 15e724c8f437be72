# Every target creates .venv first, so `make run` and `make test` work on a fresh machine.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed-$(shell cat pyproject.toml | cksum | cut -d' ' -f1)

.PHONY: run test lint format typecheck bench demo clean screenshots

$(STAMP): pyproject.toml
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	@rm -f $(VENV)/.installed-*
	@touch $@

## Start the app on your journal (in the platform data folder, or JOURNAL_HOME).
run: $(STAMP)
	$(BIN)/journal

## Run the whole test suite (unit, GUI offscreen, real X11 under Xvfb).
test: $(STAMP)
	$(BIN)/python -m pytest

## Start the app on a freshly generated demo journal.
demo: $(STAMP)
	$(BIN)/journal demo

lint: $(STAMP)
	$(BIN)/ruff check src tests
	$(BIN)/ruff format --check src tests
	$(BIN)/mypy

format: $(STAMP)
	$(BIN)/ruff format src tests
	$(BIN)/ruff check --fix src tests

## Benchmarks over a generated large journal (not part of `make test`).
bench: $(STAMP)
	$(BIN)/python -m pytest tests/bench -p no:randomly -s

clean:
	rm -rf $(VENV) build dist *.egg-info

## Render docs/screenshots/ under Xvfb from a generated demo journal.
screenshots: $(STAMP)
	QT_QPA_PLATFORM=xcb xvfb-run -a -s "-screen 0 1400x900x24" $(BIN)/python docs/make_screenshots.py
