"""Running `journal` in-process for the command tests: exit code, output, refusals, and
the clock the commands read."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

import pytest

from journal.cli import main
from journal.core.clock import SystemClock

Capture = pytest.CaptureFixture[str]

# The command line has no clock of its own to be given: it reads the system clock. These
# tests stop that clock at one instant, so that the days a test works out beforehand (TODAY
# and the days around it) are the days its commands see, in a run that crosses midnight
# as on any date the suite runs. The instant is tests/conftest.py's FIXED_NOW, a Tuesday
# late morning UTC, so it falls on the same day in almost every zone.
NOW = dt.datetime(2026, 11, 24, 10, 30, tzinfo=dt.timezone.utc)
TODAY = NOW.astimezone().date()  # the day the commands see, in the machine's zone


def stop_system_clock(monkeypatch: pytest.MonkeyPatch) -> None:
    """Make `journal`'s system clock say NOW for the rest of the test."""
    monkeypatch.setattr(SystemClock, "now", lambda self: NOW)
    # In the process's zone at the time asked, as the real one does (TZ may be changed).
    monkeypatch.setattr(SystemClock, "today", lambda self: NOW.astimezone().date())


def run(capsys: Capture, *argv: str) -> tuple[int, str, str]:
    """Run `journal ARGV`; returns the exit code, stdout and stderr."""
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def run_json(capsys: Capture, *argv: str) -> Any:
    """Run `journal ARGV --json`, which must succeed; returns the parsed output."""
    code, out, err = run(capsys, *argv, "--json")
    assert code == 0, err
    assert err == ""
    return json.loads(out)


def refused(capsys: Capture, *argv: str) -> str:
    """Run a command that must fail as a user mistake; returns its one-line message."""
    code, out, err = run(capsys, *argv)
    assert (code, out) == (1, ""), err
    assert err.startswith("journal: ") and "Traceback" not in err
    return err
