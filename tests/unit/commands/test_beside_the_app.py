"""Commands run while the app holds the journal for writing: reading ones work, writing
ones are refused with what to do instead."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))
from cli_helpers import Capture, held_by, refused, run, run_json

from journal.store import open_journal
from journal.store.models import Contact


@pytest.fixture
def two_people(home: Path, capsys: Capture) -> None:
    run_json(capsys, "contact", "add", "--given", "Ada", "--email", "ada@example.org")
    run_json(capsys, "contact", "add", "--given", "Grace")
    run_json(capsys, "followup", "add", "Ada", "--in", "2w", "Send the deck")


def _uids(home: Path) -> list[str | None]:
    journal = open_journal(home)
    try:
        return [c.vcard_uid for c in Contact.select().order_by(Contact.id)]
    finally:
        journal.close()


@pytest.mark.usefixtures("two_people")
def test_export_works_beside_the_app_in_every_format(
    home: Path, capsys: Capture, tmp_path: Path
) -> None:
    with held_by(home) as app:
        for format, what in (
            ("csv", "contacts"),
            ("vcard", "contacts"),
            ("vcard4", "contacts"),
            ("archive", "contacts"),
            ("ics", "followups"),
        ):
            target = tmp_path / f"out.{format}"
            done = run_json(capsys, "export", "--format", format, "-o", str(target))
            assert done[what] == (1 if format == "ics" else 2), format
            assert target.stat().st_size > 0
        code, out, err = run(capsys, "export", "--format", "vcard", "-o", "-")
        assert code == 0 and out.count("BEGIN:VCARD") == 2, err
        # ...and the app still holds it
        code, _out, err = run(capsys, "contact", "add", "--given", "Zed")
        assert code == 1 and "open for writing" in err and str(app.pid) in err
    assert "ada@example.org" in (tmp_path / "out.vcard").read_text(encoding="utf-8")


@pytest.mark.usefixtures("two_people")
def test_a_vcard_export_beside_the_app_writes_nothing_and_gives_the_uids_kept_later(
    home: Path, capsys: Capture, tmp_path: Path
) -> None:
    # A card's UID is kept on first export, a write, which only the holder may make:
    # beside the app the journal is left as it was, and the cards carry the UIDs that the
    # next export with the writer gives and keeps.
    with held_by(home):
        run_json(capsys, "export", "--format", "vcard", "-o", str(tmp_path / "beside.vcf"))
    beside = (tmp_path / "beside.vcf").read_text(encoding="utf-8")
    assert _uids(home) == [None, None]
    run_json(capsys, "export", "--format", "vcard", "-o", str(tmp_path / "alone.vcf"))
    kept = _uids(home)
    assert all(kept) and kept[0] != kept[1]
    for uid in kept:
        assert f"UID:{uid}" in beside
    assert (tmp_path / "alone.vcf").read_text(encoding="utf-8") == beside


def test_settings_are_shown_beside_the_app_but_not_changed(home: Path, capsys: Capture) -> None:
    run_json(capsys, "settings", "set", "review-cadence", "monthly")
    with held_by(home):
        shown = run_json(capsys, "settings")
        assert shown["review_cadence"] == "monthly"
        code, out, _err = run(capsys, "settings")
        assert code == 0 and "review-cadence" in out
        err = refused(capsys, "settings", "set", "review-cadence", "yearly")
        assert "open for writing in Contact Journal" in err
    assert run_json(capsys, "settings")["review_cadence"] == "monthly"


def test_the_digest_is_shown_beside_the_app_but_not_changed(home: Path, capsys: Capture) -> None:
    run_json(capsys, "digest", "--time", "08:30")
    with held_by(home):
        shown = run_json(capsys, "digest")
        assert shown["enabled"] is True and shown["time"] == "08:30"
        for change in (("--off",), ("--on",), ("--time", "07:00")):
            err = refused(capsys, "digest", *change)
            assert "open for writing in Contact Journal" in err, change
    assert run_json(capsys, "digest")["time"] == "08:30"


def test_a_quick_line_beside_the_app_says_to_record_it_there(home: Path, capsys: Capture) -> None:
    run_json(capsys, "contact", "add", "--given", "Ada")
    with held_by(home) as app:
        err = refused(capsys, "quick", "call @Ada about the offer")
        assert f"process {app.pid}" in err
        assert "`journal quick --dialog` opens its Quick add window" in err
        assert "nothing was changed" in err
    with held_by(home, "a backup script"):
        # Not the app: the usual refusal, with no window to suggest.
        err = refused(capsys, "quick", "call @Ada about the offer")
        assert "open for writing in a backup script" in err and "--dialog" not in err
    assert run_json(capsys, "timeline") == []
