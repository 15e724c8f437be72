"""`journal` on a journal it cannot write: reading commands work, writing ones are refused.

The commands run in a child process without root's power to ignore permissions (see
`unprivileged` in tests/conftest.py), on a journal whose file and folder are read-only.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import Any

import pytest

from journal.cli import main
from journal.store.location import journal_path

Unprivileged = Any

READING = {
    "list": ["contact", "list"],
    "show": ["contact", "show", "Ada Lovelace"],
    "search": ["contact", "search", "Lovelace"],
    "timeline": ["timeline"],
    "review": ["review"],
    "today": ["today"],
    "check": ["check"],
}
WRITING = {
    "add": ["contact", "add", "--given", "Grace"],
    "log": ["log", "call", "--with", "Ada Lovelace", "Talked"],
    "quick": ["quick", "coffee @Ada"],
    "group": ["group", "add", "Chamber"],
}


def _run_all(unprivileged: Unprivileged, home: Path, commands: dict[str, list[str]]) -> Any:
    """Each command's exit code, stdout and stderr, run as an unprivileged user."""
    out = unprivileged.run(
        f"""
        import contextlib, io, json
        from journal.cli import main
        results = {{}}
        for name, argv in {commands!r}.items():
            out, err = io.StringIO(), io.StringIO()
            with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
                code = main([*argv, "--home", {str(home)!r}])
            results[name] = [code, out.getvalue(), err.getvalue()]
        print("RESULTS", json.dumps(results))
        """
    )
    line = next(row for row in out.splitlines() if row.startswith("RESULTS "))
    return json.loads(line.removeprefix("RESULTS "))


@pytest.fixture
def read_only_home(unprivileged: Unprivileged, capsys: pytest.CaptureFixture[str]) -> Path:
    """A journal with a contact and an entry, its file and folder then made read-only."""
    home = unprivileged.folder / "journal"
    for argv in (
        ["contact", "add", "--given", "Ada", "--family", "Lovelace"],
        ["log", "coffee", "--with", "Ada Lovelace", "Talked engines"],
    ):
        assert main([*argv, "--home", str(home)]) == 0
    capsys.readouterr()
    for path in home.iterdir():
        path.chmod(0o444)
    home.chmod(0o555)
    return home


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_reading_commands_work_on_a_read_only_journal(
    unprivileged: Unprivileged, read_only_home: Path
) -> None:
    files = sorted(p.name for p in read_only_home.iterdir())
    results = _run_all(unprivileged, read_only_home, READING)
    for name, (code, out, err) in results.items():
        assert (code, err) == (0, ""), (name, out, err)
    assert "Ada Lovelace" in results["list"][1]
    assert "Talked engines" in results["show"][1]
    assert "Ada Lovelace" in results["search"][1]
    assert "Talked engines" in results["timeline"][1]
    assert "is sound" in results["check"][1]
    assert sorted(p.name for p in read_only_home.iterdir()) == files


def test_writing_commands_are_refused_with_one_clear_message(
    unprivileged: Unprivileged, read_only_home: Path
) -> None:
    path = journal_path(read_only_home)
    before = _digest(path)
    results = _run_all(unprivileged, read_only_home, WRITING)
    for name, (code, out, err) in results.items():
        assert (code, out) == (1, ""), (name, out, err)
        assert err == (
            f"journal: This journal is read-only: {path}. Copy its folder somewhere you can "
            "write to change it; nothing was changed.\n"
        ), name
    assert _digest(path) == before


def test_export_works_on_a_read_only_journal(
    unprivileged: Unprivileged, read_only_home: Path
) -> None:
    path = journal_path(read_only_home)
    before = _digest(path)
    out_folder = unprivileged.folder / "out"
    out_folder.mkdir()
    out_folder.chmod(0o777)
    commands = {
        kind: ["export", "--format", kind, "-o", str(out_folder / f"x.{kind}")]
        for kind in ("vcard", "csv", "archive", "ics")
    }
    results = _run_all(unprivileged, read_only_home, commands)
    for name, (code, out, err) in results.items():
        assert (code, err) == (0, ""), (name, out, err)
    card = (out_folder / "x.vcard").read_text(encoding="utf-8")
    assert "FN:Ada Lovelace" in card
    # Not kept (the digest below), yet given: the one the journal keeps once it can write.
    assert card.count("UID:urn:uuid:") == 1
    archive = json.loads((out_folder / "x.archive").read_text(encoding="utf-8"))
    assert [c["given_name"] for c in archive["contacts"]] == ["Ada"]
    assert _digest(path) == before
