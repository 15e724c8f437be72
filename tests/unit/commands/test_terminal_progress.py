"""A long command's one-line progress on a terminal's standard error, and silence elsewhere."""

from __future__ import annotations

import io
import sys
from pathlib import Path

import pytest

from journal.cli import main
from journal.commands.terminal_progress import TerminalProgress

DATA = Path(__file__).resolve().parents[2] / "data"


class Terminal(io.StringIO):
    """Standard error as a terminal sees it."""

    def isatty(self) -> bool:
        return True


class Clock:
    """A monotonic clock the test moves by hand."""

    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


def _screen(written: str) -> str:
    """What the line shows at the end: each carriage return starts it over."""
    return written.rsplit("\r", 1)[-1]


def test_a_quick_job_says_nothing() -> None:
    stream, clock = Terminal(), Clock()
    progress = TerminalProgress("Importing", stream=stream, clock=clock)
    clock.now += 0.3
    progress(50, 100)
    progress.finish()
    assert stream.getvalue() == ""


def test_a_long_job_keeps_one_line_up_to_date_and_wipes_it() -> None:
    stream, clock = Terminal(), Clock()
    progress = TerminalProgress("Importing", stream=stream, clock=clock)
    clock.now += 1
    progress(100, 1000)
    assert _screen(stream.getvalue()) == "Importing… 10%"
    clock.now += 0.01
    progress(200, 1000)  # too soon to draw again
    assert _screen(stream.getvalue()) == "Importing… 10%"
    clock.now += 0.2
    progress(90, 1000)  # shorter: padded over the longer text before it
    assert _screen(stream.getvalue()) == "Importing… 9% "
    progress(1000, 1000)  # the end is always drawn
    assert _screen(stream.getvalue()) == "Importing… 100%"
    progress.finish()
    assert _screen(stream.getvalue()) == ""
    assert "\n" not in stream.getvalue()  # one line, rewritten; nothing scrolls


def test_files_are_counted_by_the_one_being_worked_on() -> None:
    stream = Terminal()
    progress = TerminalProgress("Encrypting", "files", stream=stream, show_after=0)
    progress(0, 3)
    assert _screen(stream.getvalue()) == "Encrypting… 1 of 3 files"
    progress(3, 3)
    assert _screen(stream.getvalue()) == "Encrypting… 3 of 3 files"


def test_not_a_terminal_stays_silent() -> None:
    stream = io.StringIO()
    progress = TerminalProgress("Importing", stream=stream, show_after=0)
    progress(5, 10)
    progress.finish()
    assert stream.getvalue() == ""


def test_an_import_on_a_terminal_shows_its_progress_and_leaves_a_clean_line(
    home: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    terminal = Terminal()
    monkeypatch.setattr("journal.commands.terminal_progress.SHOW_AFTER", 0)
    monkeypatch.setattr(sys, "stderr", terminal)
    code = main(["import", str(DATA / "csv" / "google_current.csv")])
    assert code == 0 and "Imported" in capsys.readouterr().out
    written = terminal.getvalue()
    assert "Reading… " in written and "Importing… 100%" in written
    assert _screen(written) == ""  # wiped before the report is printed


def test_a_change_of_encryption_counts_its_files_from_the_start(
    home: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["contact", "add", "--given", "Jane"]) == 0
    assert main(["backup"]) == 0
    terminal = Terminal()
    monkeypatch.setattr(sys, "stdin", io.StringIO("a long enough passphrase\n"))
    monkeypatch.setattr(sys, "stderr", terminal)
    code = main(["encryption", "on", "--passphrase-stdin"])
    assert code == 0
    written = terminal.getvalue()
    # Shown at once: the journal's copy is one long step with nothing to report inside it.
    assert written.startswith("\rEncrypting… 1 of 2 files")
    assert "2 of 2 files" in written and _screen(written) == ""
