"""Running `journal` in-process for the command tests: exit code, output, refusals, and
the clock the commands read."""

from __future__ import annotations

import datetime as dt
import json
import subprocess
import sys
import textwrap
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
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


SRC = str(Path(__file__).resolve().parents[3] / "src")


@contextmanager
def held_by(home: Path, program: str = "Contact Journal") -> Iterator[subprocess.Popen[str]]:
    """Another process holds the journal at `home` for writing, as the app does (by default
    under the app's own name) while it runs, until the block ends."""
    code = textwrap.dedent(
        f"""
        import sys, time
        sys.path.insert(0, {SRC!r})
        from pathlib import Path
        from journal.store import open_journal
        journal = open_journal(Path({str(home)!r}), program={program!r})
        print("held", flush=True)
        time.sleep(60)
        """
    )
    holder = subprocess.Popen([sys.executable, "-c", code], stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "held"
        yield holder
    finally:
        holder.kill()
        holder.wait()
