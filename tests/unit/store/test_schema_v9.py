"""Schema step 9: every text of a contact is found however its letters are typed, Greek
without accents and Russian with е for ё too (timeline entries as well), for new rows and,
on upgrade, for the ones already there."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from journal.core.clock import FixedClock
from journal.core.contact_queries import ContactFilter, contact_ids
from journal.core.contacts import (
    ChannelDraft,
    ContactDraft,
    create_contact,
    load_draft,
    update_contact,
)
from journal.core.interactions import InteractionDraft, log_interaction
from journal.core.timeline import TimelineFilter, timeline_page
from journal.store import Journal
from journal.store.migrations import SCHEMA_VERSION, schema_version
from journal.store.rows import run_sql

Opener = Callable[..., Journal]
Stale = Callable[[Journal], int]

# A contact's texts beyond the name, and the ways people type a word of each.
DRAFTS = {
    "notes": (ContactDraft(given_name="Ana", notes="Runs the Łódź office"), ["lodz", "łódź"]),
    "how met": (ContactDraft(given_name="Ben", how_met="Søren's dinner"), ["soren", "søren"]),
    "needs": (ContactDraft(given_name="Cy", needs="a flat on the Hauptstraße"), ["hauptstrasse"]),
    "offers": (ContactDraft(given_name="Dee", offers="introductions to مصطفى"), ["مصطفي"]),
    "channel": (
        ContactDraft(given_name="Eve", channels=[ChannelDraft("address", "Ørsteds Vej 3")]),
        ["orsteds", "ørsteds"],
    ),
    "tag": (ContactDraft(given_name="Fay", tags=["Bjørn's circle"]), ["bjorn"]),
    # Greek without its accents, Russian with е for ё: in names as in every other text.
    "greek": (
        ContactDraft(
            given_name="Ελένη", family_name="Παπαδοπούλου", notes="Συνάντηση στο Ηράκλειο"
        ),
        ["ελενη", "ΕΛΕΝΗ", "Ελένη", "παπαδοπουλου", "ηρακλειο"],
    ),
    "russian": (
        ContactDraft(given_name="Фёдор", organisation="Артёмов и партнёры"),
        ["федор", "ФЕДОР", "фёдор", "артемов", "партнеры"],
    ),
}


def _found(typed: str) -> list[int]:
    return contact_ids(ContactFilter(search=typed))


def _create_all() -> dict[str, int]:
    return {what: create_contact(draft).value for what, (draft, _typed) in DRAFTS.items()}


def _assert_found_every_way(ids: dict[str, int]) -> None:
    for what, (_draft, typed_ways) in DRAFTS.items():
        for typed in typed_ways:
            assert _found(typed) == [ids[what]], (what, typed)


def _stale_entries(journal: Journal) -> int:
    """Entries that are not what the view gives now (channels and tags: as sets of words)."""
    rows = run_sql(
        journal.db,
        "SELECT d.*, f.* FROM contact_search_doc d JOIN contact_fts f ON f.rowid = d.id",
    ).fetchall()
    stale = 0
    for row in rows:
        view, entry = row[1:8], row[8:]
        if view[:5] != entry[:5] or any(
            sorted(view[i].split()) != sorted(entry[i].split()) for i in (5, 6)
        ):
            stale += 1
    return stale


@pytest.mark.usefixtures("journal")
def test_every_text_of_a_contact_is_found_in_plain_letters_and_as_written() -> None:
    ids = _create_all()
    _assert_found_every_way(ids)
    plain = create_contact(ContactDraft(given_name="Gus", notes="Coffee", tags=["Golf"])).value
    assert _found("coffee") == [plain] and _found("golf") == [plain]


def test_a_plain_copy_only_where_the_letters_change(journal: Journal) -> None:
    contact = create_contact(ContactDraft(given_name="Hal", notes="Café near the office")).value
    notes = run_sql(
        journal.db, "SELECT notes FROM contact_fts WHERE rowid = ?", [contact]
    ).fetchone()[0]
    assert notes == "Café near the office   "  # an accent alone: the tokenizer folds it
    assert _found("cafe") == [contact]


@pytest.mark.usefixtures("journal")
def test_an_edited_contact_keeps_its_plain_copies() -> None:
    contact = create_contact(ContactDraft(given_name="Ivy")).value
    draft = load_draft(contact)
    draft.notes = "Moved to Gdańsk, near Łąkowa street"
    draft.tags = ["Kraków"]
    update_contact(contact, draft)
    assert _found("lakowa") == [contact]
    assert _found("krakow") == [contact]


def test_upgrading_a_version_8_journal(home: Path, opener: Opener) -> None:
    old = opener(home, version=8)
    ids = _create_all()
    plain = create_contact(ContactDraft(given_name="Gus", notes="Coffee")).value
    assert _found("lodz") == [] and _found("bjorn") == []  # as it was before the step
    old.close()
    journal = opener(home)
    assert schema_version(journal.db) == SCHEMA_VERSION >= 9
    _assert_found_every_way(ids)
    assert _found("coffee") == [plain]
    # Every entry is the one the view gives now: none left behind, none written twice.
    assert _stale_entries(journal) == 0
    count = run_sql(journal.db, "SELECT count(*) FROM contact_fts").fetchone()[0]
    assert count == len(ids) + 1


def test_a_timeline_entry_in_greek_or_russian_is_found_without_accents_or_with_ie(
    journal: Journal, clock: FixedClock
) -> None:
    greek = _log(clock, "Καφές με την Ελένη")
    russian = _log(clock, "Звонок", notes="Обсудили счёт")
    assert _found_entries("καφες ελενη") == [greek]
    assert _found_entries("счет") == [russian] and _found_entries("счёт") == [russian]


def test_upgrading_re_indexes_greek_and_russian_timeline_entries(
    home: Path, opener: Opener, clock: FixedClock, stale_timeline_entries: Stale
) -> None:
    old = opener(home, version=8)
    greek = _log(clock, "Καφές με την Ελένη")
    plain = _log(clock, "Coffee in Łódź")
    assert _found_entries("καφες") == []  # as it was before the step
    old.close()
    journal = opener(home)
    assert _found_entries("καφες") == [greek]
    assert _found_entries("lodz") == [plain]  # step 8's copies are kept
    assert stale_timeline_entries(journal) == 0


def _log(clock: FixedClock, summary: str, notes: str = "") -> int:
    draft = InteractionDraft(kind="note", occurred_at=clock.now(), summary=summary, notes=notes)
    return log_interaction(draft, clock).value


def _found_entries(typed: str) -> list[int]:
    rows, _cursor = timeline_page(TimelineFilter(search=typed))
    return [row.id for row in rows]
