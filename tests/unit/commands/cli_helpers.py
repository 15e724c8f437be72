"""Running `journal` in-process for the command tests: exit code, output, refusals."""

from __future__ import annotations

import json
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
