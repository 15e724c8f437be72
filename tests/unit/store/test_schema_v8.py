"""Schema step 8: a timeline entry is found however its letters are typed, for new entries
and, on upgrade, for the ones already there."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from journal.core.clock import FixedClock
from journal.core.interactions import InteractionDraft, edit_interaction, log_interaction
from journal.core.timeline import TimelineFilter, timeline_page
from journal.store import Journal
from journal.store.migrations import SCHEMA_VERSION, schema_version
from journal.store.rows import run_sql

Opener = Callable[..., Journal]
Stale = Callable[[Journal], int]

# What an entry says, and the ways people type a word of it.
ENTRIES = {
    "Lunch in Łódź": ["lodz", "Łódź", "LODZ"],
    "Straße fest": ["strasse", "straße"],
    "قهوة مع أحمد": ["قهوه", "احمد", "أحمد"],  # teh marbuta; hamza
}
NOTES = {"Call about the bid": ("Søren's numbers", ["soren", "søren"])}


def _found(typed: str) -> list[int]:
    rows, _cursor = timeline_page(TimelineFilter(search=typed))
    return [row.id for row in rows]


def _log(clock: FixedClock, summary: str, notes: str = "") -> int:
    draft = InteractionDraft(kind="note", occurred_at=clock.now(), summary=summary, notes=notes)
    return log_interaction(draft, clock).value


def _entry_text(journal: Journal, entry_id: int) -> tuple[str, str]:
    row = run_sql(
        journal.db, "SELECT summary, notes FROM interaction_fts WHERE rowid = ?", [entry_id]
    ).fetchone()
    return row[0], row[1]


def test_an_entry_is_found_in_plain_letters_and_as_written(
    journal: Journal, clock: FixedClock
) -> None:
    ids = {summary: _log(clock, summary) for summary in ENTRIES}
    for summary, typed_ways in ENTRIES.items():
        for typed in typed_ways:
            assert _found(typed) == [ids[summary]], typed
    ((summary, (notes, typed_ways)),) = NOTES.items()
    with_notes = _log(clock, summary, notes)
    for typed in typed_ways:
        assert _found(typed) == [with_notes], typed
    plain = _log(clock, "Coffee with Jane")
    assert _entry_text(journal, plain) == ("Coffee with Jane", "")  # no copy where none differs
    assert _found("jane") == [plain]


def test_an_edited_entry_keeps_its_plain_copy(journal: Journal, clock: FixedClock) -> None:
    entry = _log(clock, "Coffee")
    draft = InteractionDraft(
        kind="note", occurred_at=clock.now(), summary="Coffee in Kraków, Łobzów"
    )
    edit_interaction(entry, draft, clock)
    assert _found("lobzow") == [entry]
    assert _found("krakow") == [entry]  # an accent alone: the tokenizer's own folding


def test_upgrading_a_version_7_journal(
    home: Path, opener: Opener, clock: FixedClock, stale_timeline_entries: Stale
) -> None:
    old = opener(home, version=7)
    ids = {summary: _log(clock, summary) for summary in ENTRIES}
    plain = _log(clock, "Coffee with Jane", "Notes")
    assert _found("lodz") == [] and _found("قهوه") == []  # as it was before the step
    old.close()
    journal = opener(home)
    assert schema_version(journal.db) == SCHEMA_VERSION >= 8
    for summary, typed_ways in ENTRIES.items():
        for typed in typed_ways:
            assert _found(typed) == [ids[summary]], typed
    assert _entry_text(journal, plain) == ("Coffee with Jane", "Notes")
    assert stale_timeline_entries(journal) == 0
    assert run_sql(journal.db, "SELECT count(*) FROM interaction_fts").fetchone()[0] == 4
