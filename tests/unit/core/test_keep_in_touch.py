"""Staying in touch: rhythms by person, tag and stage; grading against an injectable clock;
days counted on the local calendar, safe across time zones and daylight-saving changes."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from zoneinfo import ZoneInfo

import pytest

from journal.core.clock import FixedClock
from journal.core.errors import ValidationError
from journal.core.keep_in_touch import (
    CadenceDefaults,
    Grade,
    cadence_defaults,
    clear_snooze,
    fading,
    grade,
    reset_stage_cadence,
    set_stage_cadence,
    set_tag_cadence,
    snooze_reminder,
    touch_rows,
    touch_status,
)

BERLIN = ZoneInfo("Europe/Berlin")
NEW_YORK = ZoneInfo("America/New_York")


def _at(zone: dt.tzinfo, *parts: int) -> dt.datetime:
    return dt.datetime(*parts, tzinfo=zone)  # type: ignore[misc]


@pytest.mark.parametrize(
    ("days_left", "cadence", "expected"),
    [
        (30, 30, Grade.OK),
        (8, 30, Grade.OK),
        (7, 30, Grade.DUE_SOON),
        (1, 30, Grade.DUE_SOON),
        (0, 30, Grade.DUE),
        (-7, 30, Grade.DUE),
        (-8, 30, Grade.OVERDUE),
        (2, 7, Grade.OK),
        (1, 7, Grade.DUE_SOON),
        (-1, 7, Grade.DUE),
        (-2, 7, Grade.OVERDUE),
        (7, 180, Grade.DUE_SOON),
        (-8, 180, Grade.OVERDUE),
        (0, 1, Grade.DUE),
        (-1, 1, Grade.DUE),
        (-2, 1, Grade.OVERDUE),
    ],
)
def test_grade(days_left: int, cadence: int, expected: Grade) -> None:
    assert grade(days_left, cadence) is expected


def test_rhythm_comes_from_the_person_then_tags_then_stage() -> None:
    defaults = CadenceDefaults({"friend": 30, "new": None}, {"Mentor": 45, "local": 90})
    assert defaults.for_contact(14, "friend", ["mentor"]) == (14, "own")
    assert defaults.for_contact(None, "friend", ["MENTOR", "local"]) == (45, "tag:Mentor")
    assert defaults.for_contact(None, "friend", ["design"]) == (30, "stage")
    assert defaults.for_contact(None, "new", []) == (None, "stage")
    assert defaults.for_contact(None, "my own stage", []) == (None, "stage")


def test_defaults_follow_the_settings(journal) -> None:  # type: ignore[no-untyped-def]
    assert cadence_defaults().by_stage["friend"] == 30
    assert cadence_defaults().by_stage["acquaintance"] == 180
    set_stage_cadence("friend", 21)
    set_stage_cadence("mentee", 14)
    set_stage_cadence("acquaintance", None)
    set_tag_cadence("#Board", 60)
    defaults = cadence_defaults()
    assert defaults.by_stage["friend"] == 21
    assert defaults.by_stage["mentee"] == 14
    assert defaults.by_stage["acquaintance"] is None
    assert defaults.by_tag == {"Board": 60}
    set_tag_cadence("board", 50)  # same tag, whatever its case
    assert cadence_defaults().by_tag == {"board": 50}
    set_tag_cadence("board", None)
    assert cadence_defaults().by_tag == {}
    reset_stage_cadence("friend")
    assert cadence_defaults().by_stage["friend"] == 30


def test_resetting_a_stage_without_a_rhythm_is_refused(journal) -> None:  # type: ignore[no-untyped-def]
    set_stage_cadence("mentee", 14)
    # A typo would otherwise succeed and change nothing; the message names what can be reset.
    with pytest.raises(ValidationError) as caught:
        reset_stage_cadence("mentte")
    assert caught.value.field == "stage"
    assert "mentte" in caught.value.problem and "mentee" in caught.value.problem
    reset_stage_cadence("friend")  # a built-in stage: already at its built-in rhythm, fine
    reset_stage_cadence("mentee")
    assert "mentee" not in cadence_defaults().by_stage


@pytest.mark.parametrize("days", [0, -1, 3651])
def test_defaults_refuse_absurd_rhythms(journal, days: int) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(ValidationError) as caught:
        set_stage_cadence("friend", days)
    assert caught.value.field == "stay in touch every"


def test_measured_from_the_last_interaction_of_any_kind(
    add_contact: Callable[..., int], log: Callable[..., int]
) -> None:
    clock = FixedClock(_at(dt.timezone.utc, 2026, 11, 24, 10))
    jane = add_contact("Jane", stage="friend")
    log("note", _at(dt.timezone.utc, 2026, 10, 1, 12), [jane])
    log("message", _at(dt.timezone.utc, 2026, 10, 10, 12), [jane])
    row = touch_status(jane, clock)
    assert row is not None
    assert (row.cadence_days, row.source) == (30, "stage")
    assert row.last_contact_on == dt.date(2026, 10, 10)
    assert row.due_on == dt.date(2026, 11, 9)
    assert row.days_left == -15
    assert row.grade is Grade.OVERDUE
    # Logging anything resets the rhythm.
    log("email", _at(dt.timezone.utc, 2026, 11, 23, 12), [jane])
    row = touch_status(jane, clock)
    assert row is not None and row.grade is Grade.OK and row.days_left == 29


def test_without_interactions_it_counts_from_the_day_met(
    add_contact: Callable[..., int], clock: FixedClock
) -> None:
    jane = add_contact("Jane", stage="client", met_on=dt.date(2026, 9, 1))
    omar = add_contact("Omar", stage="client")  # added today
    jane_row, omar_row = touch_status(jane, clock), touch_status(omar, clock)
    assert jane_row is not None and jane_row.since == dt.date(2026, 9, 1)
    assert jane_row.grade is Grade.OVERDUE
    assert omar_row is not None and omar_row.since == clock.today()
    assert omar_row.grade is Grade.OK


def test_new_and_archived_people_have_no_rhythm(
    add_contact: Callable[..., int], clock: FixedClock
) -> None:
    from journal.core.contacts import set_archived

    new = add_contact("New", stage="new")
    gone = add_contact("Gone", stage="friend", met_on=dt.date(2020, 1, 1))
    set_archived(gone, True, clock)
    assert touch_rows(clock) == []
    assert touch_status(new, clock) is None


def test_fading_is_sorted_by_how_overdue_and_skips_snoozed(
    add_contact: Callable[..., int], clock: FixedClock
) -> None:
    today = clock.today()
    a = add_contact("A", stay_in_touch_days=30, met_on=today - dt.timedelta(days=40))
    b = add_contact("B", stay_in_touch_days=30, met_on=today - dt.timedelta(days=90))
    c = add_contact("C", stay_in_touch_days=30, met_on=today - dt.timedelta(days=31))
    add_contact("Fine", stay_in_touch_days=30, met_on=today - dt.timedelta(days=3))
    add_contact("Soon", stay_in_touch_days=30, met_on=today - dt.timedelta(days=25))
    assert [r.contact_id for r in fading(clock)] == [b, a, c]
    assert [r.days_overdue for r in fading(clock)] == [60, 10, 1]
    snooze_reminder(b, today + dt.timedelta(days=7), clock)
    assert [r.contact_id for r in fading(clock)] == [a, c]
    row = touch_status(b, clock)
    assert row is not None and row.snoozed_until == today + dt.timedelta(days=7)
    # When the snooze ends, they are back.
    later = FixedClock(clock.now() + dt.timedelta(days=7))
    assert b in [r.contact_id for r in fading(later)]
    clear_snooze(b)
    assert b in [r.contact_id for r in fading(clock)]


def test_snooze_must_end_after_today(add_contact: Callable[..., int], clock: FixedClock) -> None:
    jane = add_contact("Jane")
    with pytest.raises(ValidationError, match="not after today"):
        snooze_reminder(jane, clock.today(), clock)
    with pytest.raises(ValidationError):
        snooze_reminder(jane, clock.today() + dt.timedelta(days=1), clock, reminder="nonsense")


# --- time zones and daylight saving ---------------------------------------------------------


def test_a_late_evening_entry_counts_on_its_local_day(
    add_contact: Callable[..., int], log: Callable[..., int]
) -> None:
    jane = add_contact("Jane", stay_in_touch_days=7)
    # 23:30 in Berlin on 1 March is 22:30 UTC the same day; 00:30 on 2 March is 23:30 UTC
    # on 1 March. The user's calendar, not UTC's, decides.
    log("call", _at(BERLIN, 2026, 3, 2, 0, 30), [jane])
    berlin = FixedClock(_at(BERLIN, 2026, 3, 9, 8))
    row = touch_status(jane, berlin)
    assert row is not None
    assert row.last_contact_on == dt.date(2026, 3, 2)
    assert (row.due_on, row.days_left, row.grade) == (dt.date(2026, 3, 9), 0, Grade.DUE)
    # The same instants seen from New York: the call was on the evening of 1 March.
    new_york = FixedClock(_at(NEW_YORK, 2026, 3, 9, 8))
    row = touch_status(jane, new_york)
    assert row is not None
    assert row.last_contact_on == dt.date(2026, 3, 1)
    assert row.days_left == -1


@pytest.mark.parametrize(
    ("zone", "change_day"),
    [
        (BERLIN, dt.date(2026, 3, 29)),  # clocks go forward: the day has 23 hours
        (BERLIN, dt.date(2026, 10, 25)),  # clocks go back: the day has 25 hours
        (NEW_YORK, dt.date(2026, 3, 8)),
        (NEW_YORK, dt.date(2026, 11, 1)),
    ],
)
def test_day_counts_are_whole_across_daylight_saving_changes(
    add_contact: Callable[..., int], log: Callable[..., int], zone: ZoneInfo, change_day: dt.date
) -> None:
    jane = add_contact("Jane", stay_in_touch_days=1)
    # Late on the evening before the change...
    before = dt.datetime.combine(change_day - dt.timedelta(days=1), dt.time(23, 45), zone)
    log("call", before, [jane])
    for hour in (0, 1, 3, 12, 23):
        # ...seen at several hours of the day of the change: always exactly one day later.
        now = dt.datetime.combine(change_day, dt.time(hour, 30), zone)
        row = touch_status(jane, FixedClock(now))
        assert row is not None
        assert row.last_contact_on == change_day - dt.timedelta(days=1)
        assert (row.days_left, row.grade) == (0, Grade.DUE), f"at {hour}:30"
    # And late on the day after, one day overdue, however long the day of the change was.
    after = dt.datetime.combine(change_day + dt.timedelta(days=1), dt.time(23, 59), zone)
    row = touch_status(jane, FixedClock(after))
    assert row is not None and row.days_left == -1


def test_a_fixed_clock_in_utc_and_one_in_a_zone_agree_on_instants(
    add_contact: Callable[..., int], log: Callable[..., int]
) -> None:
    jane = add_contact("Jane", stay_in_touch_days=30)
    log("call", _at(dt.timezone.utc, 2026, 10, 25, 0, 30), [jane])  # 02:30 in Berlin
    utc = FixedClock(_at(dt.timezone.utc, 2026, 11, 24, 10))
    berlin = FixedClock(_at(dt.timezone.utc, 2026, 11, 24, 10), zone=BERLIN)
    utc_row, berlin_row = touch_status(jane, utc), touch_status(jane, berlin)
    assert utc_row is not None and berlin_row is not None
    assert utc_row.last_contact_on == berlin_row.last_contact_on == dt.date(2026, 10, 25)
    assert berlin.today() == dt.date(2026, 11, 24)
