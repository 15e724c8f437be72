"""`journal backup`, `journal restore`, `journal check`: the commands and their JSON."""

from __future__ import annotations

import io
import json
import sys
from pathlib import Path
from typing import Any

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))
from cli_helpers import held_by

from journal.cli import main
from journal.store.location import backups_dir, journal_path

Capture = pytest.CaptureFixture[str]
DATA = Path(__file__).resolve().parents[2] / "data"


def run(capsys: Capture, *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def run_json(capsys: Capture, *argv: str) -> Any:
    code, out, err = run(capsys, *argv, "--json")
    assert code == 0, err
    return json.loads(out)


def names(capsys: Capture) -> list[str]:
    return [c["name"] for c in run_json(capsys, "contact", "list", "--archived")]


def test_backup_then_list_then_restore(home: Path, capsys: Capture) -> None:
    run_json(capsys, "contact", "add", "--given", "Ada")
    taken = run_json(capsys, "backup")
    assert set(taken) == {"name", "path", "taken_at", "reason", "size", "encrypted"}
    assert taken["reason"] == "manual" and taken["encrypted"] is False
    assert taken["taken_at"].endswith("Z") and taken["size"] > 0
    assert Path(taken["path"]).parent == backups_dir(home)

    run_json(capsys, "contact", "add", "--given", "Grace")
    listed = run_json(capsys, "restore", "--list")
    assert [b["name"] for b in listed] == [taken["name"]]

    done = run_json(capsys, "restore", taken["name"])
    assert done["restored"]["name"] == taken["name"]
    assert done["previous"]["reason"] == "before-restore"
    assert names(capsys) == ["Ada"]

    # restoring is itself undone by restoring the copy it took
    run_json(capsys, "restore", done["previous"]["name"])
    assert names(capsys) == ["Ada", "Grace"]


def test_restore_without_a_name_lists_in_text(home: Path, capsys: Capture) -> None:
    code, out, _ = run(capsys, "restore")
    assert code == 0 and "No backups yet." in out
    run(capsys, "backup")
    code, out, _ = run(capsys, "restore")
    assert "BACKUP" in out and "manual" in out and "1 backup" in out


def test_restore_latest(home: Path, capsys: Capture) -> None:
    run_json(capsys, "contact", "add", "--given", "Ada")
    run_json(capsys, "backup")
    run_json(capsys, "contact", "add", "--given", "Grace")
    run_json(capsys, "restore", "latest")
    assert names(capsys) == ["Ada"]


def test_restore_an_unknown_backup_is_a_clear_error(home: Path, capsys: Capture) -> None:
    code, _out, err = run(capsys, "restore", "journal-nope.sqlite3")
    assert code == 1 and "restore --list" in err and "Traceback" not in err


def test_check_a_sound_journal(home: Path, capsys: Capture) -> None:
    assert run_json(capsys, "check")["ok"] is True
    assert run_json(capsys, "check", "--full")["check"] == "full"


def _damage(path: Path) -> None:
    """Overwrite the pages of the contact table's index with noise (the header stays)."""
    data = bytearray(path.read_bytes())
    for page in range(2, len(data) // 4096):
        data[page * 4096 + 8 : page * 4096 + 400] = b"\x5a" * 392
    path.write_bytes(bytes(data))


def test_a_damaged_journal_names_the_backup_to_restore(home: Path, capsys: Capture) -> None:
    run_json(capsys, "contact", "add", "--given", "Ada")
    good = run_json(capsys, "backup")
    _damage(journal_path(home))
    code, _out, err = run(capsys, "check")
    assert code == 1
    assert "damaged" in err and f"journal restore {good['name']}" in err
    assert "Traceback" not in err
    # ...and that command does bring it back, keeping the damaged file aside
    done = run_json(capsys, "restore", good["name"])
    assert done["previous"]["reason"] == "damaged"
    assert names(capsys) == ["Ada"]
    assert run_json(capsys, "check")["ok"] is True


def test_restore_latest_is_the_newest_of_backups_taken_in_one_second(
    home: Path, capsys: Capture
) -> None:
    import datetime as dt

    from journal.store import backup as backups
    from journal.store import open_journal

    second = dt.datetime(2026, 11, 24, 2, 24, 7, tzinfo=dt.timezone.utc)

    def backup_at_that_second() -> str:
        journal = open_journal(home)
        try:
            return backups.backup_now(journal, backups.BEFORE_IMPORT, now=second).path.name
        finally:
            journal.close()

    run_json(capsys, "contact", "add", "--given", "Ada")
    older = backup_at_that_second()
    run_json(capsys, "contact", "add", "--given", "Grace")
    newer = backup_at_that_second()
    assert (older, newer) == (
        "journal-20261124T022407Z-before-import.sqlite3",
        "journal-20261124T022407Z-1-before-import.sqlite3",
    )
    run_json(capsys, "contact", "add", "--given", "Zed")
    assert [b["name"] for b in run_json(capsys, "restore", "--list")] == [newer, older]
    code, out, _err = run(capsys, "restore", "--list")
    assert code == 0 and out.index(newer) < out.index(older)
    assert run_json(capsys, "restore", "latest")["restored"]["name"] == newer
    assert names(capsys) == ["Ada", "Grace"]


def test_restore_refused_while_the_app_holds_the_journal(home: Path, capsys: Capture) -> None:
    run_json(capsys, "contact", "add", "--given", "Ada")
    run_json(capsys, "backup")
    with held_by(home, "Contact Journal (the app)") as holder:
        code_, _out, err = run(capsys, "restore", "latest")
        assert code_ == 1 and "Contact Journal (the app)" in err and f"{holder.pid}" in err
        code_, _out, err = run(capsys, "contact", "add", "--given", "Grace")
        assert code_ == 1 and "open for writing" in err
        # reading, and backing up, still work beside the writer, and so do dry runs
        assert names(capsys) == ["Ada"]
        assert run_json(capsys, "backup")["reason"] == "manual"
        linkedin = str(DATA / "csv" / "linkedin_connections.csv")
        assert run_json(capsys, "import", linkedin, "--dry-run")["dry_run"] is True
        code_, _out, err = run(capsys, "import", linkedin)
        assert code_ == 1 and "open for writing" in err
        assert run_json(capsys, "quick", "call @Ada about the offer", "--dry-run")["people"]
        code_, _out, err = run(capsys, "quick", "call @Ada about the offer")
        assert code_ == 1 and "journal quick --dialog" in err
        assert names(capsys) == ["Ada"]


def test_encryption_on_off_and_passphrase(
    home: Path, capsys: Capture, monkeypatch: pytest.MonkeyPatch, memory_keyring: Any
) -> None:
    run_json(capsys, "contact", "add", "--given", "Ada", "--family", "Lovelace-Byron")
    run_json(capsys, "backup")
    monkeypatch.setattr(sys, "stdin", io.StringIO("a long enough passphrase\n"))
    on = run_json(capsys, "encryption", "on", "--passphrase-stdin")
    assert on["encrypted"] is True and on["backups_converted"] == 1
    assert on["passphrase_in_keychain"] is True
    assert b"Lovelace-Byron" not in journal_path(home).read_bytes()
    status = run_json(capsys, "encryption", "status")
    assert status["encrypted"] and status["passphrase_in_keychain"]
    assert names(capsys) == ["Ada Lovelace-Byron"]  # the keychain opens it
    quick = run_json(capsys, "quick", "call @Ada about the offer")  # quick add too
    assert [p["name"] for p in quick["people"]] == ["Ada Lovelace-Byron"]

    # the current passphrase on the first line, the new one on the second
    given = "a long enough passphrase\nanother fine passphrase\n"
    monkeypatch.setattr(sys, "stdin", io.StringIO(given))
    changed = run_json(capsys, "encryption", "passphrase", "--passphrase-stdin")
    assert changed["encrypted"] is True
    assert list(memory_keyring.entries.values()) == ["another fine passphrase"]

    monkeypatch.setattr(sys, "stdin", io.StringIO("another fine passphrase\n"))
    off = run_json(capsys, "encryption", "off", "--passphrase-stdin")
    assert off["encrypted"] is False and memory_keyring.entries == {}
    assert journal_path(home).read_bytes()[:16] == b"SQLite format 3\x00"
    assert all(not b["encrypted"] for b in run_json(capsys, "restore", "--list"))


def test_a_short_passphrase_is_refused(
    home: Path, capsys: Capture, monkeypatch: pytest.MonkeyPatch
) -> None:
    run_json(capsys, "contact", "add", "--given", "Ada")
    monkeypatch.setattr(sys, "stdin", io.StringIO("short\n"))
    code, _out, err = run(capsys, "encryption", "on", "--passphrase-stdin")
    assert code == 1 and "at least 8 characters" in err and "short" not in err.split(":")[-1]
    assert not run_json(capsys, "encryption", "status")["encrypted"]


def test_an_encrypted_journal_without_keychain_or_terminal_is_explained(
    home: Path, capsys: Capture, monkeypatch: pytest.MonkeyPatch
) -> None:
    run_json(capsys, "contact", "add", "--given", "Ada")
    monkeypatch.setattr(sys, "stdin", io.StringIO("a long enough passphrase\n"))
    on = run_json(capsys, "encryption", "on", "--passphrase-stdin")
    assert on["passphrase_in_keychain"] is False
    code, out, err = run(capsys, "contact", "list")
    assert code == 1 and "Run the command in a terminal" in err
    assert "a long enough passphrase" not in out + err


@pytest.mark.parametrize(
    ("argv", "reads_only"),
    [
        (["contact", "list"], True),
        (["contact", "show", "1"], True),
        (["contact", "search", "x"], True),
        (["timeline"], True),
        (["group", "list"], True),
        (["group", "show", "1"], True),
        (["today"], True),
        (["followup", "list"], True),
        (["suggestions"], True),
        (["keep-in-touch", "list"], True),
        (["review"], True),
        (["review", "list"], True),
        (["check"], True),
        (["backup"], True),
        (["contact", "add", "--given", "x"], False),
        (["log", "note", "x"], False),
        (["suggestions", "dismiss", "a", "b", "c"], False),
        (["review", "decide", "1", "keep"], False),
        (["encryption", "on"], False),
        (["followup", "done", "1"], False),
    ],
)
def test_which_commands_run_beside_the_app(argv: list[str], reads_only: bool) -> None:
    from journal.cli import build_parser

    args = build_parser().parse_args(argv)
    assert args.reads_only is reads_only


def test_a_journal_too_damaged_to_open_is_restored_and_kept(home: Path, capsys: Capture) -> None:
    run_json(capsys, "contact", "add", "--given", "Ada")
    good = run_json(capsys, "backup")
    path = journal_path(home)
    path.write_bytes(b"SQLite format 3\x00" + b"\xee" * 8192)  # the header's promise, then noise
    code, _out, err = run(capsys, "contact", "list")
    assert code == 1 and "Traceback" not in err
    done = run_json(capsys, "restore", good["name"])
    assert done["previous"]["reason"] == "damaged"
    kept = Path(done["previous"]["path"])
    assert kept.read_bytes() == b"SQLite format 3\x00" + b"\xee" * 8192  # kept as it was
    assert names(capsys) == ["Ada"]
