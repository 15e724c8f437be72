"""Cheap facts about the whole journal, for what the app shows first.

Kept apart from contact_queries so the desktop app can decide its first page without
loading the contact list's queries before its window is up.
"""

from __future__ import annotations

from journal.store.proxy import database_proxy


def has_contacts() -> bool:
    """Whether the journal holds anyone at all, archived people included."""
    row = database_proxy.execute_sql("SELECT EXISTS (SELECT 1 FROM contact)").fetchone()
    return bool(row[0])
