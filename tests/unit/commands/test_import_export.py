"""`journal import` and `journal export` of contacts, run in-process: files, JSON, mistakes."""

from __future__ import annotations

import json
import os
import stat
from pathlib import Path
from typing import Any

import pytest

from journal.cli import main
from journal.commands.export import FORMATS

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


def test_import_reports_every_row_as_json(home: Path, capsys: Capture) -> None:
    report = run_json(capsys, "import", str(DATA / "vcard" / "malformed_cards.vcf"))
    assert (report["format"], report["dry_run"]) == ("vcard", False)
    assert (report["added"], report["updated"], report["merged"], report["skipped"]) == (2, 0, 0, 6)
    first = report["rows"][0]
    assert set(first) == {"line", "name", "outcome", "contact_id", "reason", "note"}
    assert first["note"] is None
    assert (first["line"], first["name"], first["outcome"]) == (1, "First Good", "added")
    assert isinstance(first["contact_id"], int)
    skipped = report["rows"][1]
    assert (skipped["line"], skipped["outcome"], skipped["contact_id"]) == (9, "skipped", None)
    assert skipped["reason"] == {
        "code": "unreadable",
        "text": "not a vCard property: 'this line is not a property'",
        "detail": "not a vCard property: 'this line is not a property'",
        "other_id": None,
        "other_line": None,
    }
    listed = run_json(capsys, "contact", "list")
    assert sorted(c["name"] for c in listed) == ["First Good", "Second Good"]


def test_import_text_lists_what_needs_a_look(home: Path, capsys: Capture) -> None:
    path = str(DATA / "csv" / "linkedin_connections.csv")
    code, out, _err = run(capsys, "import", path)
    assert code == 0
    assert out.splitlines() == [
        f"Imported {path} (linkedin): 3 added, 0 updated, 0 merged, 0 skipped."
    ]
    code, out, _err = run(capsys, "import", path)
    assert out.splitlines()[0] == (
        f"Imported {path} (linkedin): 0 added, 0 updated, 0 merged, 3 skipped. "
        "3 rows already in the journal, nothing new."
    )
    # Nothing was written, so there is nothing to undo and no backup to name.
    assert len(out.splitlines()) == 1
    code, out, _err = run(capsys, "import", str(DATA / "csv" / "linkedin_bad_rows.csv"))
    lines = out.splitlines()
    assert lines[1].startswith("The journal as it was before is kept as ")
    assert lines[2].split() == ["LINE", "OUTCOME", "NAME", "REASON"]
    assert lines[3].split()[:3] == ["6", "added", "Bad"]
    assert lines[3].endswith("date met left out: 'someday' is not a date")
    assert lines[4].split()[:3] == ["7", "skipped", "Too"]


def test_a_date_in_the_future_is_left_out_and_said(
    home: Path, capsys: Capture, tmp_path: Path
) -> None:
    connections = tmp_path / "Connections.csv"
    connections.write_text(
        "First Name,Last Name,URL,Email Address,Company,Position,Connected On\n"
        "Ada,Ahead,https://www.linkedin.com/in/ada,,Acme,CTO,01 Mar 2091\n"
        "Ben,Past,https://www.linkedin.com/in/ben,,Acme,CEO,01 Mar 2021\n",
        encoding="utf-8",
    )
    code, out, err = run(capsys, "import", str(connections), "--dry-run")
    assert (code, err) == (0, "")
    assert "2 added" in out
    lines = out.splitlines()
    assert len(lines) == 3  # the head, the table's header and Ada's row alone
    assert lines[2].split(None, 2)[:2] == ["2", "added"]
    assert lines[2].endswith("Ada Ahead  date met left out: 2091-03-01 is in the future")
    report = run_json(capsys, "import", str(connections))
    ada, ben = report["rows"]
    assert (ada["outcome"], ada["reason"]) == ("added", None)
    assert ada["note"] == "date met left out: 2091-03-01 is in the future"
    assert ben["note"] is None
    shown = run_json(capsys, "contact", "show", str(ada["contact_id"]))
    assert shown["met_on"] is None and shown["organisation"] == "Acme"


def test_the_report_names_the_backup_that_undoes_the_import(home: Path, capsys: Capture) -> None:
    path = str(DATA / "csv" / "linkedin_connections.csv")
    first = run_json(capsys, "import", path)
    assert first["backup"] is None  # an empty journal needs no copy to go back to
    run_json(capsys, "contact", "add", "--given", "Jane", "--family", "Doe")
    run_json(capsys, "contact", "delete", str(first["rows"][0]["contact_id"]), "--yes")
    again = run_json(capsys, "import", path)
    assert again["added"] == 1 and again["backup"].endswith(".sqlite3")
    before = run_json(capsys, "contact", "list")
    _code, out, _err = run(capsys, "import", str(DATA / "csv" / "google_current.csv"))
    assert len(run_json(capsys, "contact", "list")) > len(before)
    backup = out.splitlines()[1].split("kept as ")[1].split(";")[0]
    assert f"`journal restore {backup}` undoes this import." in out
    assert run(capsys, "restore", backup)[0] == 0
    assert run_json(capsys, "contact", "list") == before  # as it was before the Google import


def test_a_row_repeated_in_the_file_is_not_called_already_in_the_journal(
    home: Path, tmp_path: Path, capsys: Capture
) -> None:
    path = tmp_path / "twice.csv"
    path.write_text(
        "First Name,Last Name,E-mail 1 - Value\nJane,Doe,jane@x.example\nJane,Doe,jane@x.example\n",
        encoding="utf-8",
    )
    code, out, _err = run(capsys, "import", str(path))
    assert code == 0
    assert out.splitlines()[0] == (
        f"Imported {path} (google): 1 added, 0 updated, 0 merged, 1 skipped. "
        "1 row repeating an earlier one of the file, nothing new."
    )
    report = run_json(capsys, "import", str(path), "--dry-run")
    assert [row["reason"]["text"] for row in report["rows"]] == [
        "already in the journal as Jane Doe (#1); nothing new",
        "already in the journal as Jane Doe (#1); nothing new",
    ]
    fresh = tmp_path / "fresh"
    report = run_json(capsys, "import", str(path), "--dry-run", "--home", str(fresh))
    assert report["rows"][1]["reason"]["text"] == (
        "the same as Jane Doe (line 2) of this file; nothing new"
    )


def test_a_dry_run_changes_nothing(home: Path, capsys: Capture) -> None:
    report = run_json(capsys, "import", str(DATA / "vcard" / "v30_plain.vcf"), "--dry-run")
    assert report["dry_run"] is True
    assert report["added"] == 1
    assert report["rows"][0]["contact_id"] is None
    assert run_json(capsys, "contact", "list") == []


def test_duplicates_can_be_skipped(home: Path, capsys: Capture) -> None:
    run_json(capsys, "contact", "add", "--given", "Jane", "--email", "jane@acme.example")
    plain = str(DATA / "vcard" / "v30_plain.vcf")
    skipped = run_json(capsys, "import", plain, "--duplicates", "skip")
    assert skipped["rows"][0]["outcome"] == "skipped"
    assert skipped["rows"][0]["reason"]["code"] == "same_email"
    merged = run_json(capsys, "import", plain)
    assert merged["rows"][0]["outcome"] == "merged"
    assert merged["rows"][0]["reason"]["text"].startswith("the same e-mail as Jane (#1)")


def test_a_file_that_is_not_what_it_claims_is_refused(home: Path, capsys: Capture) -> None:
    path = str(DATA / "csv" / "google_current.csv")
    code, out, err = run(capsys, "import", path, "--format", "vcard")
    assert (code, out) == (1, "")
    assert err.startswith(f"journal: {path}, line 1: this is not a vCard file")


def test_export_every_format_and_read_it_back(home: Path, capsys: Capture, tmp_path: Path) -> None:
    run_json(capsys, "import", str(DATA / "vcard" / "v30_multiple_values.vcf"))
    run_json(capsys, "import", str(DATA / "csv" / "google_legacy.csv"))
    for format in ("vcard", "vcard4", "csv", "archive"):
        path = tmp_path / f"out-{format}"
        data = run_json(capsys, "export", "--format", format, "-o", str(path))
        assert data == {"file": str(path.resolve()), "format": format, "contacts": 3}
        assert path.stat().st_size > 0
    fresh = tmp_path / "fresh"
    restored = run_json(capsys, "--home", str(fresh), "import", str(tmp_path / "out-archive"))
    assert (restored["format"], restored["added"]) == ("archive", 3)


def test_export_a_selection(home: Path, capsys: Capture, tmp_path: Path) -> None:
    run_json(capsys, "contact", "add", "--given", "Jane", "--family", "Doe")
    run_json(capsys, "contact", "add", "--given", "Omar")
    path = tmp_path / "jane.vcf"
    code, out, _err = run(
        capsys, "export", "--format", "vcard", "-o", str(path), "--contact", "jane doe"
    )
    assert code == 0
    assert out.strip() == f"Wrote 1 contact to {path}."
    assert "FN:Jane Doe" in path.read_text()
    assert "Omar" not in path.read_text()


def test_an_archive_is_always_the_whole_journal(
    home: Path, capsys: Capture, tmp_path: Path
) -> None:
    run_json(capsys, "contact", "add", "--given", "Jane")
    code, _out, err = run(
        capsys, "export", "--format", "archive", "-o", str(tmp_path / "a.json"), "--contact", "1"
    )
    assert code == 2  # options that do not go together: a usage mistake
    assert "always holds the whole journal" in err
    assert not (tmp_path / "a.json").exists()
    code, _out, err = run(capsys, "export", "--format", "ics", "-o", "x.ics", "--contact", "1")
    assert (code, err.strip()) == (2, "journal: --format ics does not take --contact")
    run_json(capsys, "export", "--format", "archive", "-o", str(tmp_path / "a.json"))
    code, _out, err = run(capsys, "import", str(tmp_path / "a.json"))
    assert code == 1
    assert "needs an empty one" in err


def test_export_to_stdout(home: Path, capsys: Capture) -> None:
    run_json(capsys, "contact", "add", "--given", "Jane", "--family", "Doe")
    code, out, _err = run(capsys, "export", "--format", "vcard4", "-o", "-")
    assert code == 0
    assert out.startswith("BEGIN:VCARD\r\nVERSION:4.0\r\n")
    assert "FN:Jane Doe" in out


def test_export_formats_are_a_table_and_unknown_ones_a_usage_error(
    home: Path, capsys: Capture, tmp_path: Path
) -> None:
    assert list(FORMATS) == ["ics", "vcard", "vcard4", "csv", "archive"]
    code, _out, err = run(capsys, "export", "--format", "xls", "-o", str(tmp_path / "x"))
    assert code == 2
    assert "invalid choice" in err


@pytest.mark.parametrize(
    ("name", "format", "begins"),
    [
        ("people.vcf", "vcard", "BEGIN:VCARD\r\nVERSION:3.0"),
        ("people.CSV", "csv", "First Name,"),
        ("journal.json", "archive", "{"),
        ("due.ics", "ics", "BEGIN:VCALENDAR"),
    ],
)
def test_export_without_format_writes_what_the_extension_says(
    home: Path, capsys: Capture, tmp_path: Path, name: str, format: str, begins: str
) -> None:
    run_json(capsys, "contact", "add", "--given", "Jane", "--family", "Doe")
    target = tmp_path / name
    assert run_json(capsys, "export", "-o", str(target))["format"] == format
    assert target.read_bytes().decode("utf-8-sig").startswith(begins)


@pytest.mark.parametrize("output", ["notes.txt", "-"])
def test_export_without_format_or_telling_extension_asks_for_one(
    home: Path, capsys: Capture, tmp_path: Path, output: str
) -> None:
    target = output if output == "-" else str(tmp_path / output)
    code, out, err = run(capsys, "export", "-o", target)
    assert (code, out) == (2, "")
    assert err.startswith("journal: say which format to write to ")
    assert err.endswith("with --format: ics, vcard, vcard4, csv, archive\n")
    assert not (tmp_path / "notes.txt").exists()


def _fifo_reader(path: Path) -> int:
    """A pipe at `path`, open for reading without waiting for a writer."""
    os.mkfifo(path)
    return os.open(path, os.O_RDONLY | os.O_NONBLOCK)


@pytest.mark.parametrize("format", ["ics", "vcard"])
def test_export_into_a_pipe_writes_into_it_and_keeps_it(
    home: Path, capsys: Capture, tmp_path: Path, format: str
) -> None:
    # Renaming a finished file over a pipe or a device (`-o /dev/stdout` as root) replaced it.
    run_json(capsys, "contact", "add", "--given", "Jane", "--family", "Doe")
    pipe = tmp_path / "pipe"
    reader = _fifo_reader(pipe)
    try:
        code, _out, err = run(capsys, "export", "--format", format, "-o", str(pipe))
        assert (code, err) == (0, "")
        assert stat.S_ISFIFO(pipe.lstat().st_mode)
        assert os.read(reader, 65536).startswith(b"BEGIN:")
    finally:
        os.close(reader)
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted([home.name, "pipe"])


@pytest.mark.parametrize("format", ["ics", "csv"])
def test_export_over_a_link_writes_the_file_it_points_to(
    home: Path, capsys: Capture, tmp_path: Path, format: str
) -> None:
    run_json(capsys, "contact", "add", "--given", "Jane", "--family", "Doe")
    real = tmp_path / "synced" / "contacts"
    real.parent.mkdir()
    real.write_text("old")
    link = tmp_path / "contacts"
    link.symlink_to(real)
    code, _out, err = run(capsys, "export", "--format", format, "-o", str(link))
    assert (code, err) == (0, "")
    assert link.is_symlink()
    assert real.read_text() != "old"
    assert sorted(p.name for p in real.parent.iterdir()) == ["contacts"]


class _Piped:
    """Standard input with bytes piped in (not a terminal)."""

    def __init__(self, data: bytes) -> None:
        import io

        self.buffer = io.BytesIO(data)

    def isatty(self) -> bool:
        return False


def test_import_dash_reads_the_file_from_standard_input(
    home: Path, capsys: Capture, monkeypatch: pytest.MonkeyPatch
) -> None:
    import sys

    # Windows-1252 bytes, as an old address book writes them: found as a file's would be.
    card = "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Zoë Pipe\r\nN:Pipe;Zoë;;;\r\nEND:VCARD\r\n"
    monkeypatch.setattr(sys, "stdin", _Piped(card.encode("cp1252")))
    report = run_json(capsys, "import", "-")
    assert report["file"] == "standard input" and report["added"] == 1
    assert [c["name"] for c in run_json(capsys, "contact", "list")] == ["Zoë Pipe"]


def test_import_dash_with_nothing_piped_in_says_how(
    home: Path, capsys: Capture, monkeypatch: pytest.MonkeyPatch
) -> None:
    import sys

    class Terminal(_Piped):
        def isatty(self) -> bool:
            return True

    monkeypatch.setattr(sys, "stdin", Terminal(b""))
    code, _out, err = run(capsys, "import", "-")
    assert code == 1 and "nothing is piped in" in err and "Traceback" not in err
