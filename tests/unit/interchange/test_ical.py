"""The follow-ups calendar, parsed back with the icalendar library."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path

import icalendar
import pytest

from journal.core.clock import FixedClock
from journal.core.followups import (
    FollowUpDraft,
    add_followup,
    all_followups,
    complete_followup,
    snooze_followup,
)
from journal.interchange.ical import followup_uid, followups_calendar, write_calendar

DAY = dt.timedelta(days=1)


@pytest.fixture
def add_contact(journal, clock: FixedClock) -> Callable[..., int]:  # type: ignore[no-untyped-def]
    """add_contact("Jane", "Doe") -> id."""
    from journal.core.contacts import ContactDraft, create_contact

    def add(given: str, family: str = "") -> int:
        return create_contact(ContactDraft(given_name=given, family_name=family), clock).value

    return add


def _events(data: bytes) -> list[icalendar.Event]:
    calendar = icalendar.Calendar.from_ical(data)
    assert calendar["version"] == "2.0"
    assert "Contact Journal" in str(calendar["prodid"])
    return list(calendar.walk("VEVENT"))


def test_each_open_follow_up_is_an_all_day_event(
    add_contact: Callable[..., int], clock: FixedClock
) -> None:
    today = clock.today()
    jane = add_contact("Jane", "Doe")
    omar = add_contact("Омар", "Хаддад")  # any script survives the round trip
    first = add_followup(FollowUpDraft(today + 2 * DAY, "Send the deck; ask, kindly", jane), clock)
    snoozed = add_followup(FollowUpDraft(today - DAY, "Call back", omar), clock).value
    snooze_followup(snoozed, today + 5 * DAY, clock)
    done = add_followup(FollowUpDraft(today, "Done already", jane), clock).value
    complete_followup(done, clock)
    add_followup(FollowUpDraft(today + 9 * DAY, "Renew the membership"), clock)

    events = _events(followups_calendar(all_followups(), clock.now()))

    by_summary = {str(e["summary"]): e for e in events}
    assert set(by_summary) == {
        "Follow up with Jane Doe: Send the deck; ask, kindly",
        "Follow up with Омар Хаддад: Call back",
        "Follow up: Renew the membership",
    }
    deck = by_summary["Follow up with Jane Doe: Send the deck; ask, kindly"]
    assert deck.decoded("dtstart") == today + 2 * DAY
    assert deck.decoded("dtend") == today + 3 * DAY
    assert not isinstance(deck.decoded("dtstart"), dt.datetime)  # all day, no time
    assert deck.decoded("dtstamp") == clock.now()
    assert str(deck["transp"]) == "TRANSPARENT"
    call = by_summary["Follow up with Омар Хаддад: Call back"]
    assert call.decoded("dtstart") == today + 5 * DAY  # shown when the snooze ends
    assert f"First due {(today - DAY).isoformat()}" in str(call["description"])
    uids = [str(e["uid"]) for e in events]
    assert len(set(uids)) == 3
    assert str(deck["uid"]) == followup_uid(next(r for r in all_followups() if r.id == first.value))


def test_uids_are_stable_across_exports(add_contact: Callable[..., int], clock: FixedClock) -> None:
    jane = add_contact("Jane")
    add_followup(FollowUpDraft(clock.today(), "Call", jane), clock)
    first = _events(followups_calendar(all_followups(), clock.now()))
    later = FixedClock(clock.now() + 3 * DAY)
    second = _events(followups_calendar(all_followups(), later.now()))
    assert [str(e["uid"]) for e in first] == [str(e["uid"]) for e in second]


def test_an_empty_calendar_is_still_a_calendar(journal, clock: FixedClock) -> None:  # type: ignore[no-untyped-def]
    assert _events(followups_calendar([], clock.now())) == []


def test_write_calendar_replaces_whole(tmp_path: Path) -> None:
    target = tmp_path / "follow-ups.ics"
    target.write_bytes(b"old")
    write_calendar(target, b"BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n")
    assert target.read_bytes().startswith(b"BEGIN:VCALENDAR")
    assert [p.name for p in tmp_path.iterdir()] == ["follow-ups.ics"]


def test_write_calendar_into_a_missing_folder_fails_cleanly(tmp_path: Path) -> None:
    with pytest.raises(OSError):
        write_calendar(tmp_path / "missing" / "x.ics", b"data")
    assert list(tmp_path.iterdir()) == []


def test_a_follow_up_for_someone_with_no_words_says_it_once(
    add_contact: Callable[..., int], clock: FixedClock
) -> None:
    jane = add_contact("Jane", "Doe")
    add_followup(FollowUpDraft(clock.today() + 14 * DAY, "", jane), clock)
    (event,) = _events(followups_calendar(all_followups(), clock.now()))
    assert str(event["summary"]) == "Follow up with Jane Doe"
