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


def dump_journal() -> dict[str, list[tuple[object, ...]]]:
    """Every row of every table (search index included), in a canonical order.

    Two journals with equal dumps hold the same data. JSON text is compared as the value
    it encodes, so the spacing of an object written by another version does not count.
    """
    import json

    from journal.store.models import ALL_MODELS

    dump: dict[str, list[tuple[object, ...]]] = {}
    for model in ALL_MODELS:
        table = model._meta.table_name
        cursor = database_proxy.execute_sql(f'SELECT * FROM "{table}"')
        names = [d[0] for d in cursor.description]
        rows = []
        for row in cursor.fetchall():
            rows.append(
                tuple(
                    json.loads(v) if n.endswith("_json") and isinstance(v, str) else v
                    for n, v in zip(names, row, strict=True)
                )
            )
        dump[table] = sorted(rows, key=repr)
    for table in ("contact_fts", "interaction_fts"):
        rows = database_proxy.execute_sql(f"SELECT rowid, * FROM {table}").fetchall()
        dump[table] = sorted((tuple(r) for r in rows), key=repr)
    return dump


@pytest.fixture
def journal_dump(journal: Journal) -> Callable[[], dict[str, list[tuple[object, ...]]]]:
    """journal_dump() -> every row of the test's journal, comparable with ==."""
    return dump_journal


def fill_everything(clock: FixedClock) -> None:
    """The demo journal, plus a row in every table the demo leaves empty.

    Used by the archive and export round trips: a table nobody fills is a table whose
    loss nobody would notice.
    """
    import json

    from journal.core import demo
    from journal.core.timeutil import NO_YEAR
    from journal.store.models import (
        Contact,
        ContactRelation,
        FollowUp,
        Group,
        Interaction,
        IntroductionDismissal,
        ReminderSnooze,
        Review,
        ReviewDecision,
        Setting,
    )

    demo.generate(demo.SMALL, today=clock.today())
    first, second, third = (c.id for c in Contact.select().order_by(Contact.id).limit(3))
    Contact.update(
        vcard_uid="urn:uuid:first",
        vcard_extra="ROLE:Treasurer\nX-CUSTOM;X-P=1:kept\\, as is",
        birthday=dt.date(NO_YEAR, 2, 29),
        met_through=second,
        first_impression="quiet, precise",
        first_impression_on=dt.date(2025, 1, 2),
        nickname="Firsty",
    ).where(Contact.id == first).execute()
    ContactRelation.create(contact=first, other=third, kind="spouse")
    ReminderSnooze.create(
        contact=first, reminder="stay_in_touch", snoozed_until=dt.date(2026, 12, 8)
    )
    IntroductionDismissal.create(
        needer=first, offerer=third, need="bookkeep", dismissed_at=clock.now()
    )
    group = Group.select().first()
    interaction = Interaction.select().first()
    FollowUp.create(
        contact=first,
        interaction=interaction,
        due_on=dt.date(2026, 12, 1),
        text="Send the proposal",
        created_at=clock.now(),
    )
    FollowUp.create(
        contact=None,
        due_on=dt.date(2026, 12, 2),
        text="Book the venue",
        done_at=clock.now(),
        snoozed_until=dt.date(2026, 12, 5),
        created_at=clock.now(),
    )
    review = Review.create(held_at=clock.now(), as_of=clock.today(), notes="Yearly review")
    ReviewDecision.create(
        review=review,
        group=group,
        recommendation="reduce",
        decision="keep",
        reasons_json=json.dumps(["attendance below 50%", "two referrals"]),
        figures_json=json.dumps({"attendance_pct": 40, "dues": "620"}),
        note="Staying for the people",
    )
    Setting.create(key="review.every_months", value_json=json.dumps(6))
    Setting.create(key="ui.names", value_json=json.dumps({"order": "given", "ok": True}))


@pytest.fixture
def fill_journal(journal: Journal, clock: FixedClock) -> Callable[[], None]:
    """fill_journal() puts the demo and a row in every other table into the test's journal."""
    return lambda: fill_everything(clock)
