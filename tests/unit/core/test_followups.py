"""Creating follow-ups (the minimal core quick add writes them through)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import pytest

from journal.core.changes import Area
from journal.core.clock import FixedClock
from journal.core.errors import ValidationError
from journal.core.followups import create_followup
from journal.store.models import FollowUp


def test_a_follow_up_about_a_contact_and_an_entry(
    add_contact: Callable[..., int], log: Callable[..., int], clock: FixedClock
) -> None:
    jane = add_contact("Jane")
    entry = log("coffee", people=[jane])
    result = create_followup(jane, dt.date(2026, 12, 8), "  send the intro  ", entry, clock)
    row = FollowUp.get_by_id(result.value)
    assert (row.contact_id, row.interaction_id, row.due_on, row.text) == (
        jane,
        entry,
        dt.date(2026, 12, 8),
        "send the intro",
    )
    assert row.created_at == clock.now() and row.done_at is None
    assert result.changes.touches(Area.FOLLOWUPS) and result.changes.contact_ids == {jane}


def test_a_follow_up_about_nobody(journal: object, clock: FixedClock) -> None:
    result = create_followup(None, dt.date(2026, 11, 30), "renew the domain", clock=clock)
    assert FollowUp.get_by_id(result.value).contact_id is None


@pytest.mark.parametrize(
    ("contact", "due", "entry", "message"),
    [
        (99, dt.date(2026, 12, 1), None, "no contact with id 99"),
        (None, dt.date(2026, 12, 1), 99, "no timeline entry with id 99"),
        (None, dt.date(1850, 1, 1), None, "out of range"),
        (None, dt.date(2040, 1, 1), None, "out of range"),
    ],
)
def test_refused_follow_ups(
    journal: object,
    clock: FixedClock,
    contact: int | None,
    due: dt.date,
    entry: int | None,
    message: str,
    count_rows: Callable[[str], int],
) -> None:
    with pytest.raises(ValidationError, match=message):
        create_followup(contact, due, "x", entry, clock)
    assert count_rows("follow_up") == 0


def test_a_date_with_a_time_is_refused(journal: object, clock: FixedClock) -> None:
    with pytest.raises(ValidationError, match="not a date"):
        create_followup(None, clock.now(), "x", clock=clock)  # type: ignore[arg-type]
