"""Every way the core writes the timeline leaves each participant row with its interaction's
time (schema step 4), so the last contact read off the participant index is always right."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path

from journal.core import trash
from journal.core.clock import FixedClock
from journal.core.contact_queries import ContactSort, contact_card, contact_ids, contact_rows
from journal.core.exporting import export_contacts
from journal.core.importing import apply_import, plan_import
from journal.core.interactions import InteractionDraft, edit_interaction
from journal.core.keep_in_touch import last_contacts
from journal.core.merging import merge_contacts, undo_merge
from journal.interchange.reading import read_import_file
from journal.store import Journal, open_journal
from journal.store.fields import parse_utc
from journal.store.models import database_proxy

AddContact = Callable[..., int]
Log = Callable[..., int]
WHEN = dt.datetime(2026, 3, 4, 10, 0, tzinfo=dt.timezone.utc)


def _out_of_step() -> int:
    sql = (
        "SELECT COUNT(*) FROM interaction_participant p "
        "JOIN interaction i ON i.id = p.interaction_id WHERE p.occurred_at IS NOT i.occurred_at"
    )
    return int(database_proxy.execute_sql(sql).fetchone()[0])


def _last_by_join() -> dict[int, dt.datetime]:
    """The last contact of everyone as schema 3 read it: through the interaction table."""
    sql = (
        "SELECT p.contact_id, MAX(i.occurred_at) FROM interaction_participant p "
        "JOIN interaction i ON i.id = p.interaction_id GROUP BY p.contact_id"
    )
    return {int(c): parse_utc(str(m)) for c, m in database_proxy.execute_sql(sql)}


def test_logging_editing_and_undoing_a_delete(
    add_contact: AddContact, log: Log, clock: FixedClock
) -> None:
    jane, omar = add_contact("Jane"), add_contact("Omar")
    entry = log("coffee", WHEN, people=[jane, omar])
    log("call", WHEN - dt.timedelta(days=30), people=[omar])
    assert last_contacts() == {jane: WHEN, omar: WHEN}
    moved = WHEN - dt.timedelta(days=60)
    draft = InteractionDraft(kind="coffee", occurred_at=moved, participant_ids=[jane, omar])
    edit_interaction(entry, draft, clock)
    assert last_contacts() == {jane: moved, omar: WHEN - dt.timedelta(days=30)}
    assert contact_card(jane).last_contact_at == moved
    assert contact_rows([jane])[jane].last_contact_at == moved
    trashed = trash.delete_interaction(entry).value
    assert last_contacts() == {omar: WHEN - dt.timedelta(days=30)}
    trash.restore(trashed)
    assert last_contacts() == {jane: moved, omar: WHEN - dt.timedelta(days=30)}
    assert _out_of_step() == 0


def test_merging_and_undoing_a_merge(add_contact: AddContact, log: Log, clock: FixedClock) -> None:
    jane, twin, omar = add_contact("Jane"), add_contact("Jane", "D."), add_contact("Omar")
    log("call", WHEN, people=[twin, omar])
    log("call", WHEN - dt.timedelta(days=9), people=[jane])
    undo = merge_contacts(jane, twin, clock).value
    assert last_contacts() == {jane: WHEN, omar: WHEN}
    assert _out_of_step() == 0
    undo_merge(undo)
    assert last_contacts() == {jane: WHEN - dt.timedelta(days=9), twin: WHEN, omar: WHEN}
    assert _out_of_step() == 0


def test_the_demo_generator_and_an_archive_restore(
    journal: Journal, clock: FixedClock, fill_journal: Callable[[], None], tmp_path: Path
) -> None:
    fill_journal()  # the demo (its participant rows written with their time), and more
    assert _out_of_step() == 0
    expected = _last_by_join()
    assert last_contacts() == expected
    by_last = contact_ids(sort=ContactSort.LAST_CONTACT)
    path = tmp_path / "journal.json"
    export_contacts(path, "archive", clock=clock)
    journal.close()
    other = open_journal(tmp_path / "restored")
    try:
        # An archive lists each entry's people by id only; the triggers give them its time.
        apply_import(plan_import(read_import_file(path), clock), clock=clock)
        assert _out_of_step() == 0
        assert last_contacts() == expected
        assert contact_ids(sort=ContactSort.LAST_CONTACT) == by_last
    finally:
        other.close()
