# Every target creates .venv first, so `make run` and `make test` work on a fresh machine.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed-$(shell cat pyproject.toml | cksum | cut -d' ' -f1)

PACKAGE_STAMP := $(VENV)/.package-$(shell cat pyproject.toml | cksum | cut -d' ' -f1)
BUNDLE := dist/contact-journal

.PHONY: run test lint format typecheck bench demo clean screenshots \
	package package-test install-desktop uninstall-desktop

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
	$(BIN)/ruff check src tests packaging
	$(BIN)/ruff format --check src tests packaging
	$(BIN)/mypy

format: $(STAMP)
	$(BIN)/ruff format src tests packaging
	$(BIN)/ruff check --fix src tests packaging

## Benchmarks over a generated large journal (not part of `make test`).
bench: $(STAMP)
	$(BIN)/python -m pytest tests/bench -p no:randomly -s

clean:
	rm -rf $(VENV) build dist *.egg-info

$(PACKAGE_STAMP): $(STAMP)
	$(BIN)/python -m pip install --quiet -e '.[test,package]'
	@rm -f $(VENV)/.package-*
	@touch $@

## Build the one-folder bundle (dist/contact-journal) and its archive with PyInstaller.
package: $(PACKAGE_STAMP)
	$(BIN)/python packaging/build.py

## Smoke-test the built bundle: CLI, GUI offscreen, desktop install, e2e tests on it.
package-test: $(PACKAGE_STAMP)
	@test -x $(BUNDLE)/journal || $(MAKE) package
	$(BIN)/python -m pytest tests/bundle
	JOURNAL_E2E_APP="$(CURDIR)/$(BUNDLE)/journal" $(BIN)/python -m pytest tests/e2e

## Install the bundle for this user (~/.local) with its menu entry and icons (Linux).
install-desktop:
	@test -x $(BUNDLE)/journal || $(MAKE) package
	$(PYTHON) packaging/install_desktop.py install --bundle $(BUNDLE)

uninstall-desktop:
	$(PYTHON) packaging/install_desktop.py uninstall

## Render docs/screenshots/ under Xvfb from a generated demo journal.
screenshots: $(STAMP)
	QT_QPA_PLATFORM=xcb xvfb-run -a -s "-screen 0 1400x900x24" $(BIN)/python docs/make_screenshots.py
