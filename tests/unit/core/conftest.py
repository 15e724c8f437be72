"""Core test helpers: short ways to add contacts, groups and timeline entries through core."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import pytest

from journal.core.clock import FixedClock
from journal.core.contacts import ContactDraft, create_contact
from journal.core.groups import GroupDraft, create_group
from journal.core.interactions import InteractionDraft, log_interaction
from journal.store import Journal
from journal.store.models import database_proxy


@pytest.fixture
def add_contact(journal: Journal, clock: FixedClock) -> Callable[..., int]:
    """add_contact("Jane", "Doe", organisation=...) -> id, written through create_contact."""

    def add(given: str = "", family: str = "", **fields: object) -> int:
        draft = ContactDraft(given_name=given, family_name=family, **fields)  # type: ignore[arg-type]
        return create_contact(draft, clock).value

    return add


@pytest.fixture
def add_group(journal: Journal, clock: FixedClock) -> Callable[..., int]:
    """add_group("Chamber", joined_on=...) -> id, written through create_group."""

    def add(name: str, **fields: object) -> int:
        return create_group(GroupDraft(name=name, **fields), clock).value  # type: ignore[arg-type]

    return add


@pytest.fixture
def log(journal: Journal, clock: FixedClock) -> Callable[..., int]:
    """log("call", when, people=[...], summary=...) -> id, written through log_interaction."""

    def add(
        kind: str = "call",
        when: dt.datetime | None = None,
        people: list[int] | None = None,
        **fields: object,
    ) -> int:
        fields.setdefault("summary", f"{kind} entry")
        draft = InteractionDraft(
            kind=kind,
            occurred_at=when or clock.now(),
            participant_ids=list(people or []),
            **fields,  # type: ignore[arg-type]
        )
        return log_interaction(draft, clock).value

    return add


@pytest.fixture
def count_rows(journal: Journal) -> Callable[[str], int]:
    """How many rows a table holds, by table name."""

    def count(table: str) -> int:
        return int(database_proxy.execute_sql(f"SELECT COUNT(*) FROM {table}").fetchone()[0])

    return count
