"""Schema step 10: a timeline entry is found by its words and its people's names together,
and the names in its search entry follow every change to the people and their names."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path

import pytest

from journal.core.clock import FixedClock
from journal.core.contacts import (
    ContactDraft,
    create_contact,
    delete_contact,
    load_draft,
    update_contact,
)
from journal.core.interactions import (
    InteractionDraft,
    delete_interaction,
    edit_interaction,
    load_interaction_draft,
    log_interaction,
)
from journal.core.merging import merge_contacts, undo_merge
from journal.core.timeline import TimelineFilter, timeline_count, timeline_page
from journal.store import Journal
from journal.store.migrations import SCHEMA_VERSION, schema_version

Opener = Callable[..., Journal]
Stale = Callable[[Journal], int]
WHEN = dt.datetime(2026, 11, 20, 9, tzinfo=dt.timezone.utc)


def _found(typed: str) -> list[int]:
    rows, _ = timeline_page(TimelineFilter(search=typed))
    return sorted(row.id for row in rows)


def _person(given: str, family: str = "", **fields: object) -> int:
    draft = ContactDraft(given_name=given, family_name=family, **fields)  # type: ignore[arg-type]
    return create_contact(draft).value


def _entry(summary: str, people: list[int], clock: FixedClock) -> int:
    draft = InteractionDraft(
        kind="meeting", occurred_at=WHEN, summary=summary, participant_ids=people
    )
    return log_interaction(draft, clock).value


@pytest.mark.usefixtures("journal")
def test_words_of_the_entry_and_names_of_its_people_together(clock: FixedClock) -> None:
    maya = _person("Maya", "Okafor", nickname="Mo")
    lars = _person("Lars", "Øberg")
    proposal = _entry("Sent the proposal", [maya], clock)
    both = _entry("Proposal review", [maya, lars], clock)
    _entry("Sent the proposal", [lars], clock)

    assert _found("proposal maya") == [proposal, both]
    assert _found("maya proposal") == [proposal, both]
    assert _found("review okafor oberg") == [both]  # the folded copy of a name too
    assert _found("mo sent") == [proposal]  # the nickname
    assert _found("proposal nobody") == []
    assert timeline_count(TimelineFilter(search="proposal maya")) == 2


def test_renamed_people_are_found_by_their_new_name(
    journal: Journal, clock: FixedClock, stale_timeline_entries: Stale
) -> None:
    jane = _person("Jane", "Doe")
    entry = _entry("Coffee", [jane], clock)
    draft = load_draft(jane)
    draft.family_name = "Baker"
    update_contact(jane, draft, clock)

    assert _found("coffee baker") == [entry]
    assert _found("coffee doe") == []
    assert stale_timeline_entries(journal) == 0


def test_people_taken_out_of_an_entry_no_longer_find_it(
    journal: Journal, clock: FixedClock, stale_timeline_entries: Stale
) -> None:
    ann, bo = _person("Ann"), _person("Bo")
    entry = _entry("Lunch", [ann, bo], clock)
    draft = load_interaction_draft(entry)
    draft.participant_ids = [bo]
    edit_interaction(entry, draft, clock)

    assert _found("lunch ann") == []
    assert _found("lunch bo") == [entry]
    assert stale_timeline_entries(journal) == 0


def test_a_merge_moves_the_entries_to_the_kept_name_and_its_undo_back(
    journal: Journal, clock: FixedClock, stale_timeline_entries: Stale
) -> None:
    kept, merged = _person("Katarzyna", "Nowak"), _person("Kasia", "Nowak")
    entry = _entry("Dinner", [merged], clock)

    undo = merge_contacts(kept, merged, clock).value
    assert _found("dinner katarzyna") == [entry]
    assert stale_timeline_entries(journal) == 0

    undo_merge(undo)
    assert _found("dinner kasia") == [entry]
    assert _found("dinner katarzyna") == []
    assert stale_timeline_entries(journal) == 0


def test_deleting_people_and_entries_leaves_no_stale_search_entry(
    journal: Journal, clock: FixedClock, stale_timeline_entries: Stale
) -> None:
    gone, stays = _person("Gone"), _person("Stays")
    shared = _entry("Workshop", [gone, stays], clock)
    deleted = _entry("Workshop", [gone], clock)

    delete_contact(gone)
    assert _found("workshop gone") == []
    assert _found("workshop stays") == [shared]
    delete_interaction(deleted)
    assert _found("workshop") == [shared]
    assert stale_timeline_entries(journal) == 0


def test_upgrading_a_version_9_journal(
    home: Path, opener: Opener, clock: FixedClock, stale_timeline_entries: Stale
) -> None:
    old = opener(home, version=9)
    maya, eleni = _person("Maya"), _person("Ελένη")
    proposal = _entry("Sent the proposal", [maya], clock)
    greek = _entry("Συνάντηση", [eleni], clock)
    assert _found("proposal maya") == []  # as it was before the step
    old.close()

    journal = opener(home)
    assert schema_version(journal.db) == SCHEMA_VERSION >= 10
    assert _found("proposal maya") == [proposal]
    assert _found("συναντηση ελενη") == [greek]
    assert stale_timeline_entries(journal) == 0
