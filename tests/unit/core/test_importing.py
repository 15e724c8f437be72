"""Importing: the preview of every row, applying it in one transaction, and the report."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from journal.core import validate
from journal.core.clock import FixedClock
from journal.core.contact_queries import ContactFilter, contact_count, contact_ids
from journal.core.contacts import ChannelDraft, ContactDraft, create_contact, load_draft
from journal.core.importing import (
    Duplicates,
    ImportPlan,
    Outcome,
    RowStatus,
    apply_import,
    describe,
    dry_run,
    plan_import,
)
from journal.core.progress import Cancelled
from journal.interchange.errors import ImportFileError
from journal.interchange.reading import read_import_bytes, read_import_file
from journal.store import Journal, bulk
from journal.store.models import Contact, ContactChannel, ContactTag, Tag

DATA = Path(__file__).resolve().parents[2] / "data"
Dump = Callable[[], dict[str, list[tuple[object, ...]]]]


def card(given: str, family: str, *lines: str, uid: str = "") -> str:
    body = [f"N:{family};{given};;;", f"FN:{given} {family}", *lines]
    if uid:
        body.append(f"UID:{uid}")
    return "BEGIN:VCARD\r\nVERSION:3.0\r\n" + "\r\n".join(body) + "\r\nEND:VCARD\r\n"


def plan(text: str, clock: FixedClock, name: str = "people.vcf") -> ImportPlan:
    return plan_import(read_import_bytes(text.encode("utf-8"), name), clock)


def statuses(found: ImportPlan) -> list[tuple[int, str, RowStatus]]:
    return [(row.line, row.name, row.status) for row in found.rows]


def test_new_people_are_added_with_everything_the_card_says(
    journal: Journal, clock: FixedClock
) -> None:
    text = card(
        "Jane",
        "Doe",
        "ORG:Acme Studio",
        "EMAIL;TYPE=work:jane@acme.example",
        "TEL;TYPE=cell:+1 555 0100",
        "CATEGORIES:design,Friend",
        "NOTE:Met at the breakfast",
        "X-FOO:kept",
        uid="urn:uuid:jane",
    )
    found = plan(text, clock)
    assert statuses(found) == [(1, "Jane Doe", RowStatus.NEW)]
    assert found.rows[0].email == "jane@acme.example"
    result = apply_import(found, clock=clock)
    report = result.value
    assert [(r.line, r.outcome) for r in report.rows] == [(1, Outcome.ADDED)]
    contact_id = report.rows[0].contact_id
    assert contact_id is not None
    draft = load_draft(contact_id)
    assert (draft.organisation, draft.notes, sorted(draft.tags)) == (
        "Acme Studio",
        "Met at the breakfast",
        ["Friend", "design"],
    )
    assert [(c.kind, c.value, c.label) for c in draft.channels] == [
        ("email", "jane@acme.example", "work"),
        ("phone", "+1 555 0100", "mobile"),
    ]
    stored = Contact.get_by_id(contact_id)
    assert (stored.vcard_uid, stored.vcard_extra) == ("urn:uuid:jane", "X-FOO:kept")
    assert stored.created_at == clock.now()
    assert contact_id in result.changes.contact_ids
    # The search index was rebuilt once, at the end: every word is findable.
    for words in ("jane", "acme", "breakfast", "jane@acme", "design", "555"):
        assert contact_ids(ContactFilter(search=words)) == [contact_id], words


def test_tags_join_existing_ones_regardless_of_case(
    add_contact: Callable[..., int], clock: FixedClock
) -> None:
    add_contact("Omar", "Haddad", tags=["Design"])
    apply_import(plan(card("Jane", "Doe", "CATEGORIES:design,ÉCONOMIE"), clock), clock=clock)
    assert sorted(t.name for t in Tag.select()) == ["Design", "ÉCONOMIE"]
    assert ContactTag.select().count() == 3


def test_each_rule_marks_a_possible_duplicate_with_its_reason(
    add_contact: Callable[..., int], clock: FixedClock
) -> None:
    jane = add_contact(
        "Jane",
        "Doe",
        organisation="Acme Studio",
        channels=[
            ChannelDraft("email", "jane@acme.example"),
            ChannelDraft("phone", "+44 20 7946 0958"),
            ChannelDraft("social", "https://www.linkedin.com/in/janedoe"),
        ],
    )
    text = "".join(
        [
            # Each brings something new (a note), or it would be "unchanged".
            card("J", "Smith", "EMAIL:JANE@acme.example", "NOTE:one"),
            card("Janie", "X", "TEL:020 7946 0958", "NOTE:two"),
            card("Jay", "Y", "X-SOCIALPROFILE;TYPE=linkedin:linkedin.com/in/janedoe/", "NOTE:3"),
            card("Jane", "Doe", "ORG:ACME Studio Ltd", "NOTE:four"),
            card("Jane", "Doe", "ORG:Kite"),
        ]
    )
    found = plan(text, clock)
    assert [r.status for r in found.rows] == [RowStatus.DUPLICATE] * 4 + [RowStatus.NEW]
    reasons = [describe(r.reason) for r in found.rows[:4]]
    assert reasons == [
        f"the same e-mail as Jane Doe (#{jane}): JANE@acme.example",
        f"the same phone number as Jane Doe (#{jane}): 020 7946 0958",
        f"the same profile link as Jane Doe (#{jane}): linkedin.com/in/janedoe/",
        f"a similar name at the same organisation as Jane Doe (#{jane})",
    ]
    assert all(r.reason is not None and r.reason.other_id == jane for r in found.rows[:4])
    assert found.rows[3].reason is not None and found.rows[3].reason.detail == "acme studio"


def test_a_similar_name_without_organisations_says_so(
    add_contact: Callable[..., int], clock: FixedClock
) -> None:
    omar = add_contact("Omar", "Haddad")
    found = plan(card("Haddad", "Omar", "NOTE:met at the fair"), clock)
    assert [describe(r.reason) for r in found.rows] == [
        f"a similar name to Omar Haddad (#{omar}); neither has an organisation"
    ]


def test_merging_keeps_every_channel_and_note(
    add_contact: Callable[..., int], clock: FixedClock
) -> None:
    jane = add_contact(
        "Jane",
        "",
        notes="Loves sailing",
        channels=[ChannelDraft("email", "jane@acme.example", "work")],
        tags=["design"],
    )
    text = card(
        "Jane",
        "Doe",
        "EMAIL:jane@acme.example",
        "EMAIL;TYPE=home:jane@home.example",
        "TITLE:Founder",
        "NOTE:Has two kids",
        "CATEGORIES:friend",
    )
    report = apply_import(plan(text, clock), clock=clock).value
    assert [(r.outcome, r.contact_id) for r in report.rows] == [(Outcome.MERGED, jane)]
    draft = load_draft(jane)
    assert (draft.given_name, draft.family_name, draft.title) == ("Jane", "Doe", "Founder")
    assert draft.notes == "Loves sailing\n\nHas two kids"
    assert [(c.value, c.label) for c in draft.channels] == [
        ("jane@acme.example", "work"),
        ("jane@home.example", "home"),
    ]
    assert sorted(draft.tags) == ["design", "friend"]
    assert contact_count(ContactFilter(include_archived=True)) == 1
    assert contact_ids(ContactFilter(search="kids")) == [jane]  # re-indexed after the merge


def test_a_name_the_journal_has_is_kept_over_the_files(
    add_contact: Callable[..., int], clock: FixedClock
) -> None:
    jane = add_contact("Jane", "Doe", channels=[ChannelDraft("email", "jane@acme.example")])
    apply_import(plan(card("Janet", "Doe-Smith", "EMAIL:jane@acme.example"), clock), clock=clock)
    assert (load_draft(jane).given_name, load_draft(jane).family_name) == ("Jane", "Doe")


def test_skipping_duplicates_still_applies_updates_of_the_same_card(
    add_contact: Callable[..., int], clock: FixedClock
) -> None:
    jane = add_contact("Jane", "Doe", channels=[ChannelDraft("email", "jane@acme.example")])
    apply_import(plan(card("Omar", "Haddad", uid="urn:uuid:omar"), clock), clock=clock)
    text = card("Jane", "Doe", "EMAIL:jane@acme.example", "TITLE:CEO") + card(
        "Omar", "Haddad", "TITLE:Owner", uid="urn:uuid:omar"
    )
    found = plan(text, clock)
    assert [r.status for r in found.rows] == [RowStatus.DUPLICATE, RowStatus.UPDATE]
    report = apply_import(found, Duplicates.SKIP, clock=clock).value
    assert [r.outcome for r in report.rows] == [Outcome.SKIPPED, Outcome.UPDATED]
    assert load_draft(jane).title == ""
    omar = report.rows[1].contact_id
    assert omar is not None and load_draft(omar).title == "Owner"


def test_duplicates_within_the_file_merge_into_the_earlier_row(
    journal: Journal, clock: FixedClock
) -> None:
    text = card("Jane", "Doe", "EMAIL:jane@acme.example") + card(
        "Jane", "Doe", "EMAIL:jane@acme.example", "TEL:+1 555 0100"
    )
    found = plan(text, clock)
    assert [r.status for r in found.rows] == [RowStatus.NEW, RowStatus.DUPLICATE]
    assert found.rows[1].reason is not None and found.rows[1].reason.other_line == 1
    assert describe(found.rows[1].reason) == (
        "the same e-mail as Jane Doe (line 1): jane@acme.example"
    )
    report = apply_import(found, clock=clock).value
    first, second = report.rows
    assert (first.outcome, second.outcome) == (Outcome.ADDED, Outcome.MERGED)
    assert first.contact_id == second.contact_id
    assert first.contact_id is not None
    assert [c.value for c in load_draft(first.contact_id).channels] == [
        "jane@acme.example",
        "+1 555 0100",
    ]


def test_importing_the_same_file_again_changes_nothing(
    journal: Journal, clock: FixedClock, journal_dump: Dump
) -> None:
    for path in sorted((DATA / "vcard").glob("*.vcf")) + sorted((DATA / "csv").glob("*.csv")):
        try:
            source = read_import_file(path)
        except ImportFileError:
            continue  # the files that are not what they claim
        apply_import(plan_import(source, clock), clock=clock)
        before = journal_dump()
        again = plan_import(read_import_file(path), clock)
        assert all(r.status in (RowStatus.UNCHANGED, RowStatus.INVALID) for r in again.rows), (
            path.name
        )
        report = apply_import(again, clock=FixedClock(clock.now() + dt.timedelta(days=1))).value
        assert report.count(Outcome.SKIPPED) == len(report.rows)
        assert journal_dump() == before, path.name


def test_bad_rows_are_reported_with_their_line_and_reason(
    journal: Journal, clock: FixedClock
) -> None:
    found = plan_import(read_import_file(DATA / "vcard" / "malformed_cards.vcf"), clock)
    assert [(r.line, r.status) for r in found.rows] == [
        (1, RowStatus.NEW),
        (9, RowStatus.INVALID),
        (14, RowStatus.INVALID),
        (16, RowStatus.INVALID),
        (17, RowStatus.INVALID),
        (21, RowStatus.INVALID),
        (22, RowStatus.NEW),
        (27, RowStatus.INVALID),
    ]
    nameless = found.rows[4]
    assert describe(nameless.reason) == "name: give at least a name, a nickname or an organisation"
    report = apply_import(found, clock=clock).value
    assert report.count(Outcome.ADDED) == 2
    assert report.count(Outcome.SKIPPED) == 6
    assert contact_count(ContactFilter()) == 2


def test_linkedin_rows_the_journal_refuses(journal: Journal, clock: FixedClock) -> None:
    found = plan_import(read_import_file(DATA / "csv" / "linkedin_bad_rows.csv"), clock)
    invalid = {r.line: describe(r.reason) for r in found.rows if r.status is RowStatus.INVALID}
    assert invalid == {
        7: "the row has 9 cells; the header has 7",
        8: "name: give at least a name, a nickname or an organisation",
    }
    noted = {r.line: r.note for r in found.rows if r.note}
    assert noted == {
        6: "date met left out: 'someday' is not a date",
        9: "e-mail left out: 'not-an-email' does not look like an e-mail address",
    }
    apply_import(found, clock=clock)
    good = Contact.get(Contact.family_name == "Person")
    assert good.met_on == dt.date(2022, 2, 1)
    assert (good.met_mode, good.where_met) == ("online", "LinkedIn")


LINKEDIN_HEAD = (
    'Notes:\n"Some e-mail addresses may be missing."\n\n'
    "First Name,Last Name,URL,Email Address,Company,Position,Connected On\n"
)


def test_a_date_in_the_future_is_left_out_and_the_person_kept(
    journal: Journal, clock: FixedClock
) -> None:
    text = (
        LINKEDIN_HEAD
        + "Ada,Ahead,https://www.linkedin.com/in/ada,ada@example.com,Acme,CTO,01 Mar 2031\n"
        + "Ben,Today,https://www.linkedin.com/in/ben,,Acme,CEO,24 Nov 2026\n"
    )
    found = plan(text, clock, "Connections.csv")
    assert statuses(found) == [(5, "Ada Ahead", RowStatus.NEW), (6, "Ben Today", RowStatus.NEW)]
    assert [row.note for row in found.rows] == [
        "date met left out: 2031-03-01 is in the future",
        "",
    ]
    report = apply_import(found, clock=clock).value
    assert [(r.outcome, r.note) for r in report.rows] == [
        (Outcome.ADDED, "date met left out: 2031-03-01 is in the future"),
        (Outcome.ADDED, ""),
    ]
    ada = Contact.get_by_id(report.rows[0].contact_id)
    assert (ada.met_on, ada.organisation, ada.met_mode) == (None, "Acme", "online")
    assert Contact.get(Contact.given_name == "Ben").met_on == dt.date(2026, 11, 24)
    again = apply_import(plan(text, clock, "Connections.csv"), clock=clock).value
    assert again.count(Outcome.SKIPPED) == 2  # nothing new: the date stays out
    assert again.rows[0].note == "date met left out: 2031-03-01 is in the future"


def test_a_card_with_both_dates_ahead_names_both(journal: Journal, clock: FixedClock) -> None:
    text = card("Jane", "Doe", "BDAY:2090-05-04", "X-JOURNAL-MET-ON:2030-01-02", "ORG:Acme")
    found = plan(text, clock)
    (row,) = found.rows
    assert row.status is RowStatus.NEW
    assert row.note == (
        "date met left out: 2030-01-02 is in the future; "
        "birthday left out: 2090-05-04 is in the future"
    )
    apply_import(found, clock=clock)
    jane = Contact.get(Contact.given_name == "Jane")
    assert (jane.birthday, jane.met_on, jane.organisation) == (None, None, "Acme")


def test_a_long_value_left_out_is_quoted_by_its_start(journal: Journal, clock: FixedClock) -> None:
    address = "x" * 1500 + " at example.org"  # no e-mail, and the refusal quotes it whole
    (row,) = plan(card("Ada", "Lovelace", f"EMAIL:{address}"), clock).rows
    assert row.note == f"e-mail left out: '{'x' * 39}…' does not look like an e-mail address"


def test_a_channel_the_checks_refuse_is_left_out_and_the_person_kept(
    journal: Journal, clock: FixedClock
) -> None:
    long_label = "l" * (validate.MAX_SHORT + 1)
    text = card(
        "Ada",
        "Lovelace",
        "EMAIL:ada at example.org",
        "EMAIL:ada@example.org",
        f"TEL;TYPE={long_label}:+44 20 7946 0000",
        "ORG:Analytical Engines",
    )
    found = plan(text, clock)
    (row,) = found.rows
    assert row.status is RowStatus.NEW
    assert row.email == "ada@example.org"  # the first e-mail kept, not the one left out
    assert row.note == (
        "e-mail left out: 'ada at example.org' does not look like an e-mail address; "
        f"phone label left out: '{'l' * 39}…' is too long ({len(long_label)} characters; "
        f"at most {validate.MAX_SHORT})"
    )
    report = apply_import(found, clock=clock).value
    assert [(r.outcome, r.note) for r in report.rows] == [(Outcome.ADDED, row.note)]
    ada = Contact.get(Contact.given_name == "Ada")
    assert [(c.kind, c.value, c.label) for c in ada.channels.order_by(ContactChannel.id)] == [
        ("email", "ada@example.org", ""),
        ("phone", "+44 20 7946 0000", ""),
    ]
    again = apply_import(plan(text, clock), clock=clock).value
    assert again.count(Outcome.SKIPPED) == 1  # nothing new: the e-mail stays out


def test_a_tag_or_uid_the_checks_refuse_is_left_out(journal: Journal, clock: FixedClock) -> None:
    tag, uid = "T" * 61, "u" * (validate.MAX_SHORT + 1)
    text = card("Ben", "Okafor", f"CATEGORIES:Friends,{tag},friends", f"UID:{uid}")
    (row,) = plan(text, clock).rows
    assert row.status is RowStatus.NEW
    assert row.note == (
        f"tag left out: '{'T' * 39}…' is too long (61 characters; at most 60); "
        f"UID left out: '{'u' * 39}…' is too long ({len(uid)} characters; "
        f"at most {validate.MAX_SHORT})"
    )
    assert row.state is not None
    assert (row.state.tags, row.state.uid) == (["Friends"], "")


def test_a_row_without_a_name_is_still_a_problem_whatever_else_it_holds(
    journal: Journal, clock: FixedClock
) -> None:
    text = "First Name,Last Name,E-mail 1 - Value\n,,nobody at example.org\n"
    (row,) = plan(text, clock, "contacts.csv").rows
    assert row.status is RowStatus.INVALID
    assert row.reason is not None
    assert row.reason.detail == "name: give at least a name, a nickname or an organisation"
    assert row.email == "nobody at example.org"  # as the file says, to find the row by


def test_a_google_row_with_an_address_that_is_none_keeps_the_person(
    journal: Journal, clock: FixedClock
) -> None:
    text = (
        "First Name,Last Name,E-mail 1 - Value,Phone 1 - Value\n"
        "Ana,Typo,ana@ ::: ana@example.com,+1 555 010 0123\n"
        "Raj,Fine,raj@example.com,\n"
    )
    found = plan(text, clock, "contacts.csv")
    assert [(row.status, row.note) for row in found.rows] == [
        (RowStatus.NEW, "e-mail left out: 'ana@' does not look like an e-mail address"),
        (RowStatus.NEW, ""),
    ]
    apply_import(found, clock=clock)
    ana = Contact.get(Contact.given_name == "Ana")
    assert sorted(c.value for c in ana.channels) == ["+1 555 010 0123", "ana@example.com"]


def test_a_google_birthday_in_the_future_is_left_out(journal: Journal, clock: FixedClock) -> None:
    text = (
        "First Name,Last Name,Birthday,E-mail 1 - Value\n"
        "Ana,Soon,2091-01-01,ana@example.com\n"
        "Raj,Born,1990-06-15,raj@example.com\n"
        "Kim,Vague,sometime in May,kim@example.com\n"
    )
    found = plan(text, clock, "contacts.csv")
    assert found.format == "google"
    assert [(row.status, row.note) for row in found.rows] == [
        (RowStatus.NEW, "birthday left out: 2091-01-01 is in the future"),
        (RowStatus.NEW, ""),
        (RowStatus.NEW, "birthday left out: 'sometime in May' is not a date"),
    ]
    apply_import(found, clock=clock)
    births = {c.given_name: c.birthday for c in Contact.select()}
    assert births == {"Ana": None, "Raj": dt.date(1990, 6, 15), "Kim": None}


def test_a_dry_run_reports_and_writes_nothing(
    journal: Journal, clock: FixedClock, journal_dump: Dump
) -> None:
    before = journal_dump()
    report = dry_run(plan(card("Jane", "Doe") + card("Omar", "Haddad"), clock))
    assert report.dry_run
    assert [r.outcome for r in report.rows] == [Outcome.ADDED, Outcome.ADDED]
    assert journal_dump() == before


def test_introducers_named_by_uid_are_linked(journal: Journal, clock: FixedClock) -> None:
    text = card("Jane", "Doe", "X-JOURNAL-MET-THROUGH:urn:uuid:omar") + card(
        "Omar", "Haddad", uid="urn:uuid:omar"
    )
    report = apply_import(plan(text, clock), clock=clock).value
    jane, omar = (r.contact_id for r in report.rows)
    assert load_draft(jane).met_through_id == omar  # type: ignore[arg-type]


def test_cancelling_leaves_the_journal_as_it_was(
    add_contact: Callable[..., int], clock: FixedClock, journal_dump: Dump
) -> None:
    add_contact("Jane", "Doe", channels=[ChannelDraft("email", "jane@acme.example")])
    text = "".join(card(f"P{n}", f"Person{n}", f"EMAIL:p{n}@x.example") for n in range(1200))
    text += card("Jane", "Doe", "EMAIL:jane@acme.example", "TITLE:CEO")
    found = plan(text, clock)
    before = journal_dump()
    seen: list[int] = []

    def cancel_while_writing(done: int, total: int) -> None:
        seen.append(done)
        if done > total * 2 // 3:
            raise Cancelled

    with pytest.raises(Cancelled):
        apply_import(found, clock=clock, progress=cancel_while_writing)
    assert seen and seen[-1] < len(found.rows) * 3  # stopped while writing, before the end
    assert journal_dump() == before
    # The search triggers are back: a contact added now is found.
    added = create_contact(ContactDraft(given_name="Zebedee"), clock).value
    assert contact_ids(ContactFilter(search="zebedee")) == [added]


def test_a_failure_while_writing_leaves_the_journal_as_it_was(
    add_contact: Callable[..., int],
    clock: FixedClock,
    journal_dump: Dump,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    add_contact("Jane", "Doe")
    found = plan(card("Omar", "Haddad", "CATEGORIES:new-tag"), clock)
    before = journal_dump()
    real = bulk.insert_rows

    def failing(table: str, columns: Any, rows: Any) -> None:
        real(table, columns, rows)
        if table == "contact_tag":
            raise OSError("disk unplugged")

    monkeypatch.setattr(bulk, "insert_rows", failing)
    with pytest.raises(OSError, match="unplugged"):
        apply_import(found, clock=clock)
    assert journal_dump() == before


def test_a_journal_changed_since_the_preview_is_matched_again(
    journal: Journal, clock: FixedClock
) -> None:
    found = plan(card("Jane", "Doe", "EMAIL:jane@acme.example", "TITLE:CEO"), clock)
    assert found.rows[0].status is RowStatus.NEW
    jane = create_contact(
        ContactDraft(given_name="Jane", channels=[ChannelDraft("email", "jane@acme.example")]),
        clock,
    ).value
    report = apply_import(found, clock=clock).value
    assert [(r.outcome, r.contact_id) for r in report.rows] == [(Outcome.MERGED, jane)]
    assert contact_count(ContactFilter()) == 1


@settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(
    text=st.lists(
        st.sampled_from(
            [
                "BEGIN:VCARD\r\n",
                "END:VCARD\r\n",
                "N:Doe;Jane;;;\r\n",
                "FN:\r\n",
                "ORG:x\r\n",
                "EMAIL:a@b\r\n",
                "EMAIL:nope\r\n",
                "BDAY:2999-01-01\r\n",
                "BDAY:--0229\r\n",
                "X-JOURNAL-KNOW:9\r\n",
                "X-JOURNAL-MET-MODE:bicycle\r\n",
                "UID:u\r\n",
                "NOTE:\x00\r\n",
                "CATEGORIES:,,#\r\n",
                "TEL:+1 555 0100\r\n",
                "X-JOURNAL-MET-ON:2999-01-01\r\n",
            ]
        ),
        max_size=40,
    ).map(lambda parts: "BEGIN:VCARD\r\n" + "".join(parts))
)
def test_planning_any_card_never_fails(journal: Journal, clock: FixedClock, text: str) -> None:
    found = plan(text, clock)
    for row in found.rows:
        assert row.status in RowStatus
        if row.status is RowStatus.INVALID:
            assert describe(row.reason)
    dry_run(found)


def test_an_import_into_a_read_only_journal_is_refused_before_any_backup(
    home: Path, clock: FixedClock, monkeypatch: pytest.MonkeyPatch
) -> None:
    from journal.core.importing import import_safely
    from journal.store import open_journal, readonly
    from journal.store.errors import ReadOnlyJournalError
    from journal.store.location import backups_dir

    open_journal(home).close()
    monkeypatch.setattr(readonly, "can_write", lambda folder, path: False)
    journal = open_journal(home, allow_read_only=True)
    try:
        with pytest.raises(ReadOnlyJournalError, match="This journal is read-only"):
            import_safely(journal, plan(card("Jane", "Doe"), clock), clock=clock)
    finally:
        journal.close()
    assert not backups_dir(home).exists()


def test_an_import_into_a_journal_that_holds_anything_is_backed_up_first(
    journal: Journal, clock: FixedClock
) -> None:
    from journal.core.importing import import_safely
    from journal.store.backup import BEFORE_IMPORT, list_backups

    import_safely(journal, plan(card("Jane", "Doe"), clock), clock=clock)
    assert list_backups(journal.home) == []  # nothing to lose yet
    import_safely(journal, plan(card("Omar", "Haddad"), clock), clock=clock)
    backups = list_backups(journal.home)
    assert [b.reason for b in backups] == [BEFORE_IMPORT]
    assert contact_count(ContactFilter()) == 2


def test_an_import_that_changes_nothing_keeps_no_backup(
    journal: Journal, clock: FixedClock
) -> None:
    from journal.core.importing import import_safely
    from journal.store.backup import list_backups

    import_safely(journal, plan(card("Jane", "Doe"), clock), clock=clock)
    import_safely(journal, plan(card("Omar", "Haddad"), clock), clock=clock)
    kept = list_backups(journal.home)
    # The same card again: nothing to write, so nothing to undo and no copy left behind.
    again = import_safely(journal, plan(card("Omar", "Haddad"), clock), clock=clock).value
    assert again.backup is None
    assert list_backups(journal.home) == kept
    assert contact_count(ContactFilter()) == 2


def _index_matches_the_view() -> bool:
    db = bulk.database()
    indexed = db.execute_sql(
        "SELECT rowid, name, organisation, notes, needs, offers, channels, tags FROM contact_fts"
    ).fetchall()
    return sorted(indexed) == sorted(db.execute_sql("SELECT * FROM contact_search_doc"))


def test_imported_phones_are_found_by_their_digits(journal: Journal, clock: FixedClock) -> None:
    """Both ways an import writes search entries (a file's plain rows a column at a time,
    cards one by one) give a phone's digits as the view does (schema step 11)."""
    google = (
        "First Name,Last Name,Phone 1 - Label,Phone 1 - Value,Phone 2 - Label,Phone 2 - Value\n"
        "Jane,Doe,Mobile,+44 20 7946 0958,Work,(555) 492-3566\n"
        "Omar,Haddad,Mobile,,,\n"
    )
    table = plan(google, clock, "google.csv")
    assert table.fast is not None  # the column-at-a-time path
    apply_import(table, clock=clock)
    apply_import(plan(card("Ana", "Silva", "TEL;TYPE=cell:+1 555-0100 222"), clock), clock=clock)
    jane, ana = (contact_ids(ContactFilter(search=name)) for name in ("jane", "ana"))

    assert contact_ids(ContactFilter(search="02079460958")) == jane
    assert contact_ids(ContactFilter(search="5554923566")) == jane
    assert contact_ids(ContactFilter(search="15550100222")) == ana
    assert _index_matches_the_view()
