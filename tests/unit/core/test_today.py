"""Today's snapshot, new people to follow up, and the daily digest's timing."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from zoneinfo import ZoneInfo

import pytest

from journal.core.clock import FixedClock
from journal.core.digest import (
    DEFAULT_TIME,
    daily_digest,
    digest_is_due,
    digest_settings,
    mark_digest_shown,
    parse_time,
    set_digest,
)
from journal.core.errors import ValidationError
from journal.core.followups import FollowUpDraft, add_followup
from journal.core.keep_in_touch import snooze_reminder
from journal.core.today import new_people, set_new_contact_days, today_snapshot

DAY = dt.timedelta(days=1)


def test_new_people_wait_a_few_days_then_ask_for_a_follow_up(
    add_contact: Callable[..., int], log: Callable[..., int], clock: FixedClock
) -> None:
    today = clock.today()
    fresh = add_contact("Fresh", met_on=today - 1 * DAY)
    waiting = add_contact("Waiting", met_on=today - 5 * DAY, where_met="the fair")
    longer = add_contact("Longer", met_on=today - 12 * DAY)
    add_contact("Old", met_on=today - 40 * DAY)
    called = add_contact("Called", met_on=today - 6 * DAY)
    log("call", clock.now() - 2 * DAY, [called])
    met_only = add_contact("Met only", met_on=today - 6 * DAY)
    log("met", dt.datetime.combine(today - 6 * DAY, dt.time(12), dt.timezone.utc), [met_only])
    planned = add_contact("Planned", met_on=today - 6 * DAY)
    add_followup(FollowUpDraft(today + 3 * DAY, "Send the deck", planned), clock)
    rows = new_people(clock)
    assert [p.contact_id for p in rows] == [longer, met_only, waiting]
    assert rows[-1].where_met == "the fair" and rows[-1].days_since == 5
    assert fresh not in [p.contact_id for p in rows]
    snooze_reminder(longer, today + 2 * DAY, clock, reminder="new_contact")
    assert [p.contact_id for p in new_people(clock)] == [met_only, waiting]
    set_new_contact_days(0)
    assert fresh in [p.contact_id for p in new_people(clock)]
    with pytest.raises(ValidationError):
        set_new_contact_days(99)


def test_people_added_without_a_meeting_day_count_from_when_they_were_added(
    add_contact: Callable[..., int],
) -> None:
    added = FixedClock(dt.datetime(2026, 11, 10, 22, 30, tzinfo=dt.timezone.utc))
    from journal.core.contacts import ContactDraft, create_contact

    jane = create_contact(ContactDraft(given_name="Jane"), added).value
    later = FixedClock(dt.datetime(2026, 11, 24, 10, tzinfo=dt.timezone.utc))
    assert [(p.contact_id, p.met_on) for p in new_people(later)] == [(jane, dt.date(2026, 11, 10))]
    # In Tokyo, 22:30 UTC was already the next morning.
    tokyo = FixedClock(later.now(), zone=ZoneInfo("Asia/Tokyo"))
    assert [p.met_on for p in new_people(tokyo)] == [dt.date(2026, 11, 11)]


def test_snapshot_and_digest(
    add_contact: Callable[..., int], add_group: Callable[..., int], clock: FixedClock
) -> None:
    today = clock.today()
    jane = add_contact("Jane", "Doe", stay_in_touch_days=30, met_on=today - 60 * DAY)
    omar = add_contact("Omar", needs="printer", met_on=today - 50 * DAY)
    add_contact("Priya", offers="printing", met_on=today - 50 * DAY)
    add_followup(FollowUpDraft(today - 2 * DAY, "Send the deck", jane), clock)
    add_followup(FollowUpDraft(today, "Call back", omar), clock)
    add_followup(FollowUpDraft(today + 2 * DAY, "Later", omar), clock)
    add_group("BNI", meeting_cadence="weekly", meeting_weekday=today.weekday())
    snapshot = today_snapshot(clock)
    assert [f.text for f in snapshot.followups] == ["Send the deck", "Call back"]
    assert [f.text for f in snapshot.overdue_followups] == ["Send the deck"]
    assert [r.contact_id for r in snapshot.fading] == [jane]
    assert [(s.needer_id, s.offer) for s in snapshot.introductions] == [(omar, "printing")]
    assert [m.group_name for m in snapshot.meetings] == ["BNI"]
    assert not snapshot.is_empty
    digest = daily_digest(clock)
    assert (digest.followups_due, digest.followups_overdue, digest.fading) == (2, 1, 1)
    assert (digest.introductions, digest.meetings, digest.new_people) == (1, 1, 0)
    assert digest.total == 4
    assert digest.names == ["Jane Doe", "Omar"]


def test_an_empty_journal_has_an_empty_digest(journal, clock: FixedClock) -> None:  # type: ignore[no-untyped-def]
    assert today_snapshot(clock).is_empty
    assert daily_digest(clock).is_empty


@pytest.mark.parametrize(("text", "expected"), [("09:00", dt.time(9)), (" 7:05 ", dt.time(7, 5))])
def test_parse_time(text: str, expected: dt.time) -> None:
    assert parse_time("at", text) == expected


@pytest.mark.parametrize("text", ["", "9", "24:00", "12:60", "noon", "9.00"])
def test_parse_time_refuses(text: str) -> None:
    with pytest.raises(ValidationError) as caught:
        parse_time("at", text)
    assert caught.value.field == "at"


def test_the_digest_comes_once_a_day_after_its_time(journal) -> None:  # type: ignore[no-untyped-def]
    berlin = ZoneInfo("Europe/Berlin")
    early = FixedClock(dt.datetime(2026, 11, 24, 8, 59, tzinfo=berlin))
    on_time = FixedClock(dt.datetime(2026, 11, 24, 9, 0, tzinfo=berlin))
    next_day = FixedClock(dt.datetime(2026, 11, 25, 9, 30, tzinfo=berlin))
    assert digest_settings().at == DEFAULT_TIME
    assert not digest_is_due(early)
    assert digest_is_due(on_time)
    mark_digest_shown(on_time)
    assert digest_settings().last_shown_on == dt.date(2026, 11, 24)
    assert not digest_is_due(on_time)
    assert digest_is_due(next_day)
    set_digest(at=dt.time(10, 0))
    assert not digest_is_due(next_day)
    set_digest(at=dt.time(7, 0), enabled=False)
    assert not digest_is_due(next_day)
    set_digest(enabled=True)
    assert digest_is_due(next_day)
    assert digest_settings().at == dt.time(7, 0)


def test_the_digest_time_is_local(journal) -> None:  # type: ignore[no-untyped-def]
    # 08:30 UTC is 09:30 in Berlin but 03:30 in New York.
    instant = dt.datetime(2026, 11, 24, 8, 30, tzinfo=dt.timezone.utc)
    assert digest_is_due(FixedClock(instant, zone=ZoneInfo("Europe/Berlin")))
    assert not digest_is_due(FixedClock(instant, zone=ZoneInfo("America/New_York")))
