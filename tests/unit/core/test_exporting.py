"""Exports: journal to vCard to journal is the same people; CSV; UIDs; files written whole."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from journal.core.clock import FixedClock
from journal.core.contact_state import load_states
from journal.core.contacts import ChannelDraft, ContactDraft, create_contact
from journal.core.errors import JournalError
from journal.core.exporting import all_contact_ids, derived_uid, ensure_uids, export_contacts
from journal.core.importing import Outcome, apply_import, plan_import
from journal.core.progress import Cancelled
from journal.interchange.reading import read_import_file
from journal.store import Journal, open_journal
from journal.store.models import Contact


def people() -> dict[str, Any]:
    """Every contact as the importer sees it, keyed by UID, introducers by UID too."""
    ids = all_contact_ids()
    states = load_states(ids)
    uids = {cid: state.uid for cid, state in states.items()}
    found = {}
    for state in states.values():
        values = dict(state.values)
        values["met_through"] = uids.get(values["met_through"])
        found[state.uid] = (
            values,
            [(c.kind, c.value, c.label) for c in state.channels],
            sorted(state.tags),
            state.extra,
            state.archived,
        )
    return found


@pytest.mark.parametrize("format", ["vcard", "vcard4"])
def test_journal_to_vcard_to_journal_is_the_same_people(
    journal: Journal,
    clock: FixedClock,
    fill_journal: Callable[[], None],
    tmp_path: Path,
    format: str,
) -> None:
    fill_journal()
    path = tmp_path / "everyone.vcf"
    count = export_contacts(path, format, clock=clock).value
    before = people()
    assert len(before) == count
    journal.close()
    other = open_journal(tmp_path / "other")
    try:
        report = apply_import(plan_import(read_import_file(path), clock), clock=clock).value
        assert report.count(Outcome.ADDED) == count
        assert people() == before
    finally:
        other.close()


def test_csv_is_google_contacts_csv(journal: Journal, clock: FixedClock, tmp_path: Path) -> None:
    create_contact(
        ContactDraft(
            given_name="Jane",
            family_name="Doe",
            organisation="Acme",
            notes="Line one\nLine two",
            tags=["design"],
            channels=[
                ChannelDraft("email", "jane@acme.example", "work"),
                ChannelDraft("email", "jane@home.example", "home"),
                ChannelDraft("social", "https://www.linkedin.com/in/janedoe", "linkedin"),
            ],
        ),
        clock,
    )
    path = tmp_path / "contacts.csv"
    export_contacts(path, "csv", clock=clock)
    text = path.read_text(encoding="utf-8")
    assert text.startswith("First Name,Last Name,Nickname,Organization Name,")
    assert "E-mail 2 - Value" in text
    source = read_import_file(path)
    assert source.format == "google"
    assert source.contacts is not None
    draft = source.contacts.records[0].draft
    assert (draft.given_name, draft.notes, draft.tags) == ("Jane", "Line one\nLine two", ["design"])
    assert [(c.value, c.label) for c in draft.channels] == [
        ("jane@acme.example", "work"),
        ("jane@home.example", "home"),
        ("https://www.linkedin.com/in/janedoe", "linkedin"),
    ]


def test_exporting_again_and_reimporting_changes_nothing(
    journal: Journal,
    clock: FixedClock,
    fill_journal: Callable[[], None],
    journal_dump: Callable[[], object],
    tmp_path: Path,
) -> None:
    fill_journal()
    path = tmp_path / "everyone.vcf"
    export_contacts(path, "vcard", clock=clock)
    before = journal_dump()
    report = apply_import(plan_import(read_import_file(path), clock), clock=clock).value
    assert report.count(Outcome.SKIPPED) == len(report.rows)
    assert journal_dump() == before


def test_uids_are_given_to_exported_contacts_and_their_introducers(
    journal: Journal, clock: FixedClock
) -> None:
    omar = create_contact(ContactDraft(given_name="Omar"), clock).value
    jane = create_contact(ContactDraft(given_name="Jane", met_through_id=omar), clock).value
    stamp = Contact.get_by_id(jane).updated_at
    assert ensure_uids([jane]).value == 2
    assert Contact.get_by_id(omar).vcard_uid.startswith("urn:uuid:")
    assert Contact.get_by_id(jane).updated_at == stamp  # bookkeeping, not an edit
    assert ensure_uids([jane, omar]).value == 0


def _card_uids(path: Path) -> tuple[list[str], list[str]]:
    """The UIDs of a vCard file's cards, and the introducers they name, in file order."""
    lines = path.read_text(encoding="utf-8").splitlines()
    uids = [line.partition(":")[2] for line in lines if line.startswith("UID:")]
    named = [line.partition(":")[2] for line in lines if line.startswith("X-JOURNAL-MET-THROUGH")]
    return uids, named


def test_an_export_that_cannot_keep_uids_gives_the_ones_the_journal_keeps_later(
    home: Path, clock: FixedClock, tmp_path: Path
) -> None:
    writer = open_journal(home)
    omar = create_contact(ContactDraft(given_name="Omar"), clock).value
    create_contact(ContactDraft(given_name="Jane", met_through_id=omar), clock)
    writer.close()

    reader = open_journal(home, writer=False)  # as beside the running app
    try:
        export_contacts(tmp_path / "beside.vcf", "vcard", clock=clock)
        assert Contact.select().where(Contact.vcard_uid.is_null(False)).count() == 0
    finally:
        reader.close()
    beside, named_beside = _card_uids(tmp_path / "beside.vcf")
    assert len(beside) == 2 and all(uid.startswith("urn:uuid:") for uid in beside)
    assert len(set(beside)) == 2
    assert named_beside == [beside[1]]  # Jane's card names Omar's (cards in name order)

    writer = open_journal(home)
    try:
        export_contacts(tmp_path / "kept.vcf", "vcard", clock=clock)
        kept = {row.given_name: row.vcard_uid for row in Contact.select()}
    finally:
        writer.close()
    assert _card_uids(tmp_path / "kept.vcf") == (beside, named_beside)
    assert sorted(kept.values()) == sorted(beside)


def test_a_derived_uid_already_taken_is_not_given_twice(
    journal: Journal, clock: FixedClock
) -> None:
    jane = create_contact(ContactDraft(given_name="Jane"), clock).value
    derived = derived_uid(jane, Contact.get_by_id(jane).created_at)
    # A card from another copy of this journal brought that UID in for someone else.
    twin = create_contact(ContactDraft(given_name="Jane's twin"), clock).value
    Contact.update(vcard_uid=derived).where(Contact.id == twin).execute()
    assert ensure_uids([jane]).value == 1
    assert Contact.get_by_id(jane).vcard_uid not in ("", None, derived)


def test_a_selection_exports_only_those(
    journal: Journal, clock: FixedClock, tmp_path: Path
) -> None:
    ids = [create_contact(ContactDraft(given_name=n), clock).value for n in ("A", "B", "C")]
    path = tmp_path / "two.vcf"
    assert export_contacts(path, "vcard", [ids[2], ids[0], ids[2]], clock=clock).value == 2
    source = read_import_file(path)
    assert source.contacts is not None
    assert [r.draft.given_name for r in source.contacts.records] == ["C", "A"]


def test_a_cancelled_export_leaves_no_file_and_keeps_the_old_one(
    journal: Journal, clock: FixedClock, tmp_path: Path
) -> None:
    create_contact(ContactDraft(given_name="A"), clock)
    path = tmp_path / "out.vcf"
    path.write_text("the previous export")

    def cancel(done: int, total: int) -> None:
        raise Cancelled

    with pytest.raises(Cancelled):
        export_contacts(path, "vcard", progress=cancel)
    assert path.read_text() == "the previous export"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["journal-home", "out.vcf"]


def test_an_unwritable_place_is_a_clear_error(journal: Journal, tmp_path: Path) -> None:
    with pytest.raises(JournalError, match="Cannot write"):
        export_contacts(tmp_path / "missing-folder" / "out.vcf", "vcard")
    with pytest.raises(JournalError, match="unknown export format"):
        export_contacts(tmp_path / "out.xls", "excel")


@pytest.mark.parametrize("format", ["vcard", "csv", "archive"])
def test_an_export_is_readable_by_its_owner_only(
    journal: Journal, clock: FixedClock, tmp_path: Path, format: str
) -> None:
    import os
    import stat

    create_contact(ContactDraft(given_name="Jane"), clock)
    path = tmp_path / f"out.{format}"
    path.write_text("an older file, readable by all")
    path.chmod(0o644)
    old_mask = os.umask(0o022)  # the usual umask: files readable by everyone
    try:
        export_contacts(path, format, clock=clock)
    finally:
        os.umask(old_mask)
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert "Jane" in path.read_text(encoding="utf-8")


def test_an_export_into_a_pipe_writes_into_it_and_keeps_it(
    journal: Journal, clock: FixedClock, tmp_path: Path
) -> None:
    import os
    import stat

    # Renaming the finished file over a pipe or a device (/dev/stdout as root) replaced it.
    create_contact(ContactDraft(given_name="Jane"), clock)
    pipe = tmp_path / "pipe"
    os.mkfifo(pipe)
    reader = os.open(pipe, os.O_RDONLY | os.O_NONBLOCK)
    try:
        export_contacts(pipe, "vcard", clock=clock)
        assert stat.S_ISFIFO(pipe.lstat().st_mode)
        assert b"FN:Jane" in os.read(reader, 65536)
    finally:
        os.close(reader)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["journal-home", "pipe"]


def test_an_export_over_a_link_writes_the_file_it_points_to(
    journal: Journal, clock: FixedClock, tmp_path: Path
) -> None:
    create_contact(ContactDraft(given_name="Jane"), clock)
    real = tmp_path / "synced" / "contacts.vcf"
    real.parent.mkdir()
    real.write_text("old")
    link = tmp_path / "contacts.vcf"
    link.symlink_to(real)
    export_contacts(link, "vcard", clock=clock)
    assert link.is_symlink()
    assert "FN:Jane" in real.read_text()
    assert sorted(p.name for p in real.parent.iterdir()) == ["contacts.vcf"]
