"""Fixtures shared by every test: one fresh journal folder per test, and a stopped clock."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import pytest

from journal.core.clock import FixedClock
from journal.store import Journal, open_journal

# A Tuesday, late morning UTC: far enough from midnight that local dates agree in most zones.
FIXED_NOW = dt.datetime(2026, 11, 24, 10, 30, tzinfo=dt.timezone.utc)


@pytest.fixture
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A journal folder of this test's own; JOURNAL_HOME points at it too."""
    folder = tmp_path / "journal-home"
    monkeypatch.setenv("JOURNAL_HOME", str(folder))
    return folder


@pytest.fixture
def journal(home: Path) -> Iterator[Journal]:
    """A new, empty journal opened in this test's own folder."""
    opened = open_journal(home)
    yield opened
    opened.close()


@pytest.fixture
def clock() -> FixedClock:
    """A clock stopped at FIXED_NOW."""
    return FixedClock(FIXED_NOW)
