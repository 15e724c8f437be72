"""Running `journal` in-process for the command tests: exit code, output, refusals."""

from __future__ import annotations

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

Capture = pytest.CaptureFixture[str]


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
