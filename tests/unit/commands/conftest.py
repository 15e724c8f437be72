"""Every command test runs `journal` with its system clock stopped (cli_helpers.NOW)."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))
from cli_helpers import stop_system_clock


@pytest.fixture(autouse=True)
def stopped_system_clock(monkeypatch: pytest.MonkeyPatch) -> None:
    """The commands' "now" is cli_helpers.NOW, and their today is TODAY."""
    stop_system_clock(monkeypatch)
