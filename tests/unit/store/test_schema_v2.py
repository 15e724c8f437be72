"""Schema step 2: a journal made by step 1 gains the reminder and dismissal tables, keeping
everything it held."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from pathlib import Path

import pytest

from journal.store import Journal
from journal.store.location import backups_dir, journal_path
from journal.store.migrations import SCHEMA_VERSION, schema_version
from journal.store.models import Contact, FollowUp, IntroductionDismissal, ReminderSnooze

Opener = Callable[..., Journal]


def test_upgrading_a_version_1_journal(home: Path, opener: Opener) -> None:
    old = opener(home, version=1)
    jane = Contact.insert(
        given_name="Jane",
        display_name="Jane",
        sort_name="jane",
        created_at="2026-01-01T00:00:00.000000Z",
        updated_at="2026-01-01T00:00:00.000000Z",
    ).execute()
    FollowUp.insert(
        contact=jane, due_on="2026-02-01", text="Send the deck", created_at="2026-01-01T00:00Z"
    ).execute()
    old.close()

    journal = opener(home)

    assert schema_version(journal.db) == SCHEMA_VERSION  # step 2, and every step after it
    assert [f.text for f in FollowUp.select()] == ["Send the deck"]
    ReminderSnooze.insert(
        contact=jane, reminder="stay_in_touch", snoozed_until="2026-03-01"
    ).execute()
    IntroductionDismissal.insert(
        needer=jane, offerer=jane, need="bookkeeper", dismissed_at="2026-01-02T00:00:00Z"
    ).execute()
    with pytest.raises(Exception, match="UNIQUE"):
        IntroductionDismissal.insert(
            needer=jane, offerer=jane, need="bookkeeper", dismissed_at="2026-01-03T00:00:00Z"
        ).execute()
    # Deleting the person removes what was only about them.
    Contact.delete().where(Contact.id == jane).execute()
    assert ReminderSnooze.select().count() == 0
    assert IntroductionDismissal.select().count() == 0
    # The version 1 file was copied aside before the step ran.
    copies = list(backups_dir(home).glob("*schema1*.sqlite3"))
    assert len(copies) == 1
    connection = sqlite3.connect(copies[0])
    try:
        tables = {r[0] for r in connection.execute("SELECT name FROM sqlite_master")}
        assert "reminder_snooze" not in tables
    finally:
        connection.close()
    assert journal_path(home).exists()
