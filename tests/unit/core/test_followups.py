"""Follow-ups: adding, finishing, snoozing, rescheduling, and which are due on which day."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import pytest

from journal.core.changes import Area
from journal.core.clock import FixedClock
from journal.core.errors import NotFoundError, ValidationError
from journal.core.followups import (
    FollowUpDraft,
    FollowUpPlan,
    Status,
    add_followup,
    add_months,
    all_followups,
    complete_followup,
    delete_followup,
    due_followups,
    edit_followup,
    followup_row,
    log_with_followup,
    open_followups,
    parse_offset,
    reopen_followup,
    reschedule_followup,
    snooze_followup,
    upcoming_followups,
)
from journal.core.interactions import InteractionDraft
from journal.core.timeline import timeline_page

TODAY = dt.date(2026, 11, 24)


def _add(contact: int | None, due: dt.date, text: str = "Send the deck", clock=None) -> int:  # type: ignore[no-untyped-def]
    return add_followup(
        FollowUpDraft(due, text, contact),
        clock or FixedClock(dt.datetime(2026, 11, 24, 10, 30, tzinfo=dt.timezone.utc)),
    ).value


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("3d", dt.date(2026, 11, 27)),
        ("1 day", dt.date(2026, 11, 25)),
        ("2w", dt.date(2026, 12, 8)),
        ("1 week", dt.date(2026, 12, 1)),
        ("1m", dt.date(2026, 12, 24)),
        ("3 months", dt.date(2027, 2, 24)),
        ("1y", dt.date(2027, 11, 24)),
        (" 2W ", dt.date(2026, 12, 8)),
        ("0d", TODAY),  # today, as `--due today` is
    ],
)
def test_parse_offset(text: str, expected: dt.date) -> None:
    assert parse_offset("in", text, TODAY) == expected


@pytest.mark.parametrize("text", ["", "soon", "-3d", "3", "2 fortnights", "99999d", "11y"])
def test_parse_offset_refuses(text: str) -> None:
    with pytest.raises(ValidationError) as caught:
        parse_offset("in", text, TODAY)
    assert caught.value.field == "in"


def test_add_months_clamps_to_the_end_of_the_month() -> None:
    assert add_months(dt.date(2026, 1, 31), 1) == dt.date(2026, 2, 28)
    assert add_months(dt.date(2028, 1, 31), 1) == dt.date(2028, 2, 29)
    assert add_months(dt.date(2026, 11, 30), 3) == dt.date(2027, 2, 28)
    assert add_months(dt.date(2026, 12, 15), 12) == dt.date(2027, 12, 15)


def test_due_overdue_and_upcoming(add_contact: Callable[..., int], clock: FixedClock) -> None:
    jane = add_contact("Jane", "Doe")
    late = _add(jane, TODAY - dt.timedelta(days=3), "Late one")
    today = _add(jane, TODAY, "Today's")
    soon = _add(jane, TODAY + dt.timedelta(days=2), "Soon")
    _add(jane, TODAY + dt.timedelta(days=30), "Later")
    assert [r.id for r in due_followups(clock)] == [late, today]
    assert [r.id for r in upcoming_followups(7, clock)] == [soon]
    rows = {r.id: r for r in open_followups()}
    assert rows[late].status(TODAY) is Status.OVERDUE
    assert rows[late].days_overdue(TODAY) == 3
    assert rows[today].status(TODAY) is Status.DUE
    assert rows[soon].status(TODAY) is Status.UPCOMING
    assert rows[late].contact_name == "Jane Doe"


def test_done_and_undone(add_contact: Callable[..., int], clock: FixedClock) -> None:
    jane = add_contact("Jane")
    fid = _add(jane, TODAY)
    result = complete_followup(fid, clock)
    assert Area.FOLLOWUPS in result.changes.areas
    assert jane in result.changes.contact_ids
    assert due_followups(clock) == []
    assert followup_row(fid).done_at == clock.now()
    assert followup_row(fid).status(TODAY) is Status.DONE
    later = FixedClock(clock.now() + dt.timedelta(hours=2))
    complete_followup(fid, later)  # done twice keeps the first time
    assert followup_row(fid).done_at == clock.now()
    reopen_followup(fid)
    assert [r.id for r in due_followups(clock)] == [fid]


def test_snooze_hides_until_the_day_and_keeps_the_due_date(
    add_contact: Callable[..., int], clock: FixedClock
) -> None:
    jane = add_contact("Jane")
    fid = _add(jane, TODAY - dt.timedelta(days=1))
    snooze_followup(fid, TODAY + dt.timedelta(days=3), clock)
    assert due_followups(clock) == []
    row = followup_row(fid)
    assert row.due_on == TODAY - dt.timedelta(days=1)
    assert row.shows_on == TODAY + dt.timedelta(days=3)
    then = FixedClock(dt.datetime(2026, 11, 27, 9, tzinfo=dt.timezone.utc))
    assert [r.id for r in due_followups(then)] == [fid]
    assert due_followups(then)[0].status(then.today()) is Status.DUE


@pytest.mark.parametrize("until", [TODAY, TODAY - dt.timedelta(days=1)])
def test_snooze_must_end_after_today(
    add_contact: Callable[..., int], clock: FixedClock, until: dt.date
) -> None:
    fid = _add(add_contact("Jane"), TODAY)
    with pytest.raises(ValidationError, match="not after today"):
        snooze_followup(fid, until, clock)


@pytest.mark.parametrize("days", [2, 6])
def test_snoozing_to_a_day_before_the_due_day_is_refused_by_name(
    add_contact: Callable[..., int], clock: FixedClock, days: int
) -> None:
    fid = _add(add_contact("Jane"), TODAY + dt.timedelta(days=6))
    with pytest.raises(ValidationError, match=r"not due until 2026-11-30.*reschedule") as raised:
        snooze_followup(fid, TODAY + dt.timedelta(days=days), clock)
    assert raised.value.field == "snooze until"
    assert followup_row(fid).snoozed_until is None
    snooze_followup(fid, TODAY + dt.timedelta(days=7), clock)  # after the due day: held back
    assert followup_row(fid).shows_on == TODAY + dt.timedelta(days=7)


def test_a_done_follow_up_cannot_be_snoozed(
    add_contact: Callable[..., int], clock: FixedClock
) -> None:
    fid = _add(add_contact("Jane"), TODAY)
    complete_followup(fid, clock)
    with pytest.raises(ValidationError, match="already done"):
        snooze_followup(fid, TODAY + dt.timedelta(days=1), clock)


def test_reschedule_moves_the_date_and_ends_the_snooze(
    add_contact: Callable[..., int], clock: FixedClock
) -> None:
    fid = _add(add_contact("Jane"), TODAY)
    snooze_followup(fid, TODAY + dt.timedelta(days=5), clock)
    reschedule_followup(fid, TODAY + dt.timedelta(days=1), clock)
    row = followup_row(fid)
    assert (row.due_on, row.snoozed_until) == (TODAY + dt.timedelta(days=1), None)


def test_edit_changes_text_and_person(add_contact: Callable[..., int], clock: FixedClock) -> None:
    jane, omar = add_contact("Jane"), add_contact("Omar")
    fid = _add(jane, TODAY)
    result = edit_followup(fid, FollowUpDraft(TODAY, "Call about the bakery", omar), clock)
    assert result.changes.contact_ids == {jane, omar}
    row = followup_row(fid)
    assert (row.contact_id, row.text) == (omar, "Call about the bakery")


def test_validation_names_the_field(add_contact: Callable[..., int], clock: FixedClock) -> None:
    with pytest.raises(ValidationError) as caught:
        add_followup(FollowUpDraft(TODAY, "x", 999), clock)
    assert caught.value.field == "contact"
    with pytest.raises(ValidationError) as caught:
        add_followup(FollowUpDraft(TODAY, "   ", None), clock)
    assert caught.value.field == "follow-up"
    with pytest.raises(ValidationError) as caught:
        add_followup(FollowUpDraft(dt.date(2040, 1, 1), "x", None), clock)
    assert caught.value.field == "due date"
    with pytest.raises(ValidationError) as caught:
        add_followup(FollowUpDraft(TODAY, "x" * 2001, None), clock)
    assert caught.value.field == "follow-up"
    assert all_followups() == []


def test_missing_ids_are_reported(journal, clock: FixedClock) -> None:  # type: ignore[no-untyped-def]
    for action in (
        lambda: complete_followup(5, clock),
        lambda: reopen_followup(5),
        lambda: delete_followup(5),
        lambda: snooze_followup(5, TODAY + dt.timedelta(days=1), clock),
        lambda: reschedule_followup(5, TODAY, clock),
        lambda: followup_row(5),
    ):
        with pytest.raises(NotFoundError, match="no follow-up with id 5"):
            action()


def test_deleting_a_contact_deletes_their_follow_ups(
    add_contact: Callable[..., int], clock: FixedClock
) -> None:
    from journal.core.contacts import delete_contact

    jane = add_contact("Jane")
    _add(jane, TODAY)
    delete_contact(jane)
    assert all_followups() == []


def test_all_lists_open_then_done(add_contact: Callable[..., int], clock: FixedClock) -> None:
    jane = add_contact("Jane")
    first = _add(jane, TODAY + dt.timedelta(days=9))
    second = _add(jane, TODAY)
    done = _add(jane, TODAY - dt.timedelta(days=9))
    complete_followup(done, clock)
    assert [r.id for r in all_followups()] == [second, first, done]
    assert [r.id for r in all_followups(include_done=False)] == [second, first]
    assert [r.id for r in all_followups(contact_id=999)] == []


def test_logging_with_a_follow_up_plans_one_per_person(
    add_contact: Callable[..., int], clock: FixedClock
) -> None:
    jane, omar = add_contact("Jane"), add_contact("Omar")
    draft = InteractionDraft(
        "coffee", clock.now(), "Coffee at the fair", participant_ids=[jane, omar]
    )
    result = log_with_followup(draft, FollowUpPlan(TODAY + dt.timedelta(days=14)), clock=clock)
    assert result.changes.touches(Area.INTERACTIONS, Area.FOLLOWUPS)
    rows = all_followups()
    assert {(r.contact_id, r.text, r.interaction_id) for r in rows} == {
        (jane, "Coffee at the fair", result.value.interaction_id),
        (omar, "Coffee at the fair", result.value.interaction_id),
    }
    assert sorted(result.value.followup_ids) == sorted(r.id for r in rows)


def test_logging_can_finish_the_follow_up_it_answers(
    add_contact: Callable[..., int], clock: FixedClock
) -> None:
    jane = add_contact("Jane")
    fid = _add(jane, TODAY)
    draft = InteractionDraft("call", clock.now(), "Called back", participant_ids=[jane])
    log_with_followup(draft, completes=[fid], clock=clock)
    assert followup_row(fid).done_at is not None


def test_logging_with_a_bad_follow_up_writes_nothing(
    add_contact: Callable[..., int], clock: FixedClock
) -> None:
    jane = add_contact("Jane")
    draft = InteractionDraft("call", clock.now(), "Called", participant_ids=[jane])
    with pytest.raises(ValidationError):
        log_with_followup(draft, FollowUpPlan(dt.date(2099, 1, 1)), clock=clock)
    with pytest.raises(NotFoundError):
        log_with_followup(draft, completes=[42], clock=clock)
    assert timeline_page()[0] == []
    assert all_followups() == []
