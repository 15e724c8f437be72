"""Where a journal lives: --home, then JOURNAL_HOME, then the platform's data folder."""

from __future__ import annotations

from pathlib import Path

import pytest

from journal import APP_NAME
from journal.store.errors import EmptyHomeError
from journal.store.location import (
    HOME_ENV,
    JOURNAL_FILE,
    backups_dir,
    default_home,
    journal_path,
    resolve_home,
)


def test_explicit_home_wins(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv(HOME_ENV, str(tmp_path / "from-env"))
    assert resolve_home(tmp_path / "explicit") == tmp_path / "explicit"
    assert resolve_home(str(tmp_path / "explicit")) == tmp_path / "explicit"


def test_environment_comes_next(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv(HOME_ENV, str(tmp_path / "from-env"))
    assert resolve_home() == tmp_path / "from-env"
    assert resolve_home(None) == tmp_path / "from-env"


def test_an_empty_home_is_refused_not_taken_for_none(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    # A script's `--home "$DIR"` with DIR unset must not reach JOURNAL_HOME's or the
    # user's own journal.
    monkeypatch.setenv(HOME_ENV, str(tmp_path / "from-env"))
    with pytest.raises(EmptyHomeError, match="--home is empty"):
        resolve_home("")
    monkeypatch.delenv(HOME_ENV)
    for blank in ("", "  "):
        with pytest.raises(EmptyHomeError, match="--home is empty"):
            resolve_home(blank)


def test_an_empty_environment_variable_is_refused_naming_it(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv(HOME_ENV, " ")
    with pytest.raises(EmptyHomeError) as refused:
        resolve_home()
    assert HOME_ENV in str(refused.value) and f"unset {HOME_ENV}" in str(refused.value)
    assert resolve_home(tmp_path / "explicit") == tmp_path / "explicit"  # --home still wins


def test_platform_default_last(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(HOME_ENV, raising=False)
    assert resolve_home() == default_home()
    assert default_home().name == APP_NAME
    assert default_home().is_absolute()


def test_tilde_is_expanded(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("HOME", str(tmp_path))
    assert resolve_home("~/journal") == tmp_path / "journal"
    monkeypatch.setenv(HOME_ENV, "~/other")
    assert resolve_home() == tmp_path / "other"


def test_files_inside_home(tmp_path: Path) -> None:
    assert journal_path(tmp_path) == tmp_path / JOURNAL_FILE
    assert backups_dir(tmp_path) == tmp_path / "backups"
