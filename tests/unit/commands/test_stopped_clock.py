"""The command tests' clock: `journal` sees the instant the tests work their days out from."""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from cli_helpers import NOW, TODAY, Capture, run_json

from journal.core.clock import SYSTEM_CLOCK, FixedClock


def test_the_commands_read_the_stopped_clock(capsys: Capture, home: Path) -> None:
    assert (SYSTEM_CLOCK.now(), SYSTEM_CLOCK.today()) == (NOW, TODAY)
    assert run_json(capsys, "today")["today"] == TODAY.isoformat()
    logged = run_json(capsys, "log", "note", "Now")["occurred_at"]
    assert logged == NOW.strftime("%Y-%m-%dT%H:%M:%SZ")


def test_the_commands_and_the_core_tests_share_one_instant(clock: FixedClock) -> None:
    assert clock.now() == NOW
    # Late morning UTC: one calendar day from UTC-10 to UTC+13, whatever the machine's zone.
    days = {NOW.astimezone(dt.timezone(dt.timedelta(hours=h))).date() for h in (-10, 0, 13)}
    assert days == {dt.date(2026, 11, 24)}
