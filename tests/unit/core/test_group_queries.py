"""Reading groups: the membership list with attendance, a group's card, meeting log, names."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import pytest

from journal.core.clock import FixedClock
from journal.core.errors import NotFoundError
from journal.core.group_queries import (
    GroupRow,
    group_card,
    group_names,
    group_rows,
    meeting_rows,
)
from journal.core.groups import GroupDraft, add_members, update_group
from journal.core.meetings import MeetingDraft, record_meeting
from journal.store import Journal

AddContact = Callable[..., int]
AddGroup = Callable[..., int]


def _meet(group_id: int, day: int, attendance: str, clock: FixedClock, **kw: object) -> int:
    draft = MeetingDraft(group_id, dt.date(2026, 11, day), attendance, **kw)  # type: ignore[arg-type]
    return record_meeting(draft, clock).value


def _row(group_id: int) -> GroupRow:
    return next(r for r in group_rows(as_of=dt.date(2026, 11, 30)) if r.id == group_id)


def test_no_groups(journal: Journal) -> None:
    assert group_rows() == []
    assert group_names() == []


def test_attendance_figures(
    add_group: AddGroup, add_contact: AddContact, clock: FixedClock
) -> None:
    gid = add_group(
        "BNI", kind="referral_club", joined_on=dt.date(2025, 1, 1), required_attendance_pct=80
    )
    add_members(gid, [add_contact("Jane"), add_contact("Omar")])
    for day, attendance in [
        (2, "attended"),
        (3, "attended"),
        (4, "substitute"),  # counts as attended
        (5, "missed"),
        (6, "excused"),  # does not count at all
        (7, "excused"),
    ]:
        _meet(gid, day, attendance, clock)

    row = _row(gid)
    assert (row.name, row.kind, row.status) == ("BNI", "referral_club", "active")
    assert row.joined_on == dt.date(2025, 1, 1)
    assert row.member_count == 2
    assert row.meetings_recorded == 4
    assert row.meetings_attended == 3
    assert row.attendance_pct == 75
    assert row.required_attendance_pct == 80
    assert row.last_meeting_on == dt.date(2026, 11, 7)


def test_attendance_counts_the_rolling_window(add_group: AddGroup, clock: FixedClock) -> None:
    gid = add_group("BNI", required_attendance_pct=80)
    old = MeetingDraft(gid, dt.date(2024, 1, 10), "missed")
    record_meeting(old, clock)  # over a year before: outside the window
    for week in range(14):  # 14 weekly meetings; only the latest 12 count
        day = dt.date(2026, 1, 5) + dt.timedelta(weeks=week)
        record_meeting(MeetingDraft(gid, day, "missed" if week < 2 else "attended"), clock)
    (row,) = group_rows(as_of=dt.date(2026, 6, 1))
    assert (row.meetings_recorded, row.meetings_attended) == (12, 12)
    assert row.below_requirement is False
    (row,) = group_rows(as_of=dt.date(2026, 1, 20))  # the window ends earlier
    assert (row.meetings_recorded, row.meetings_attended) == (3, 1)
    assert row.last_meeting_on == dt.date(2026, 1, 19)  # the latest by then
    (row,) = group_rows(as_of=dt.date(2024, 1, 10))
    assert (row.meetings_recorded, row.meetings_attended) == (1, 0)
    assert row.last_meeting_on == dt.date(2024, 1, 10)


def test_apologies_sent_ahead_are_not_the_last_meeting(
    add_group: AddGroup, clock: FixedClock
) -> None:
    gid = add_group("BNI")
    today = clock.today()
    record_meeting(MeetingDraft(gid, today - dt.timedelta(days=7), "attended"), clock)
    record_meeting(MeetingDraft(gid, today + dt.timedelta(days=7), "excused"), clock)
    (row,) = group_rows(as_of=today)
    assert row.last_meeting_on == today - dt.timedelta(days=7)


def test_attendance_before_any_meeting(add_group: AddGroup) -> None:
    row = _row(add_group("Chamber"))
    assert (row.meetings_recorded, row.meetings_attended) == (0, 0)
    assert row.attendance_pct is None
    assert row.last_meeting_on is None
    assert row.member_count == 0
    assert row.joined_on is None


def test_only_excused_meetings_have_no_percentage(add_group: AddGroup, clock: FixedClock) -> None:
    gid = add_group("Chamber")
    _meet(gid, 2, "excused", clock)
    row = _row(gid)
    assert row.meetings_recorded == 0
    assert row.attendance_pct is None
    assert row.last_meeting_on == dt.date(2026, 11, 2)


@pytest.mark.parametrize(
    ("recorded", "attended", "pct"), [(3, 1, 33), (3, 2, 67), (1, 1, 100), (8, 0, 0)]
)
def test_attendance_pct_rounds(recorded: int, attended: int, pct: int) -> None:
    row = GroupRow(1, "G", "other", "active", None, 0, recorded, attended, None, None)
    assert row.attendance_pct == pct


@pytest.mark.parametrize(
    ("recorded", "attended", "required", "short"),
    [
        (5, 4, 80, False),  # exactly the rule
        (1000, 796, 80, True),  # 79.6 % rounds to 80 but is still short
        (10, 7, 80, True),
        (10, 10, 100, False),
        (10, 0, 0, False),
        (0, 0, 80, False),  # nothing recorded yet: not short
        (10, 1, None, False),  # no rule
    ],
)
def test_below_requirement_is_exact(
    recorded: int, attended: int, required: int | None, short: bool
) -> None:
    row = GroupRow(1, "G", "other", "active", None, 0, recorded, attended, None, required)
    assert row.below_requirement is short


def test_below_requirement_from_recorded_meetings(add_group: AddGroup, clock: FixedClock) -> None:
    gid = add_group("BNI", required_attendance_pct=75)
    _meet(gid, 2, "attended", clock)
    _meet(gid, 3, "missed", clock)
    _meet(gid, 4, "excused", clock)
    assert _row(gid).below_requirement is True  # 1 of 2 counted meetings
    _meet(gid, 5, "substitute", clock)
    _meet(gid, 6, "attended", clock)
    assert _row(gid).below_requirement is False  # 3 of 4 is exactly 75 %


def test_order_current_first_then_name_regardless_of_case(add_group: AddGroup) -> None:
    left_a = add_group("Alumni", joined_on=dt.date(2020, 1, 1), left_on=dt.date(2021, 1, 1))
    zeta = add_group("zeta circle")
    beta = add_group("Beta club", status="paused")
    alpha = add_group("alpha network", status="reduced")
    left_b = add_group("Book club", status="left")
    assert [r.id for r in group_rows()] == [alpha, beta, zeta, left_a, left_b]
    assert [r.id for r in group_rows(include_left=False)] == [alpha, beta, zeta]
    assert [r.status for r in group_rows()][-2:] == ["left", "left"]


def test_group_card(add_group: AddGroup, add_contact: AddContact, clock: FixedClock) -> None:
    zoe, adam = add_contact("Zoë"), add_contact("Adam")
    gid = add_group("BNI", required_attendance_pct=80, meeting_cadence="weekly")
    add_members(gid, [zoe, adam])
    first = _meet(gid, 3, "attended", clock, people_ids=[adam, zoe], rating="worth_it")
    second = _meet(gid, 10, "missed", clock, notes="ill")
    later = FixedClock(dt.datetime(2026, 11, 25, 8, tzinfo=dt.timezone.utc))
    update_group(
        gid, GroupDraft(name="BNI", required_attendance_pct=90, meeting_cadence="weekly"), later
    )

    card = group_card(gid)
    assert card.group.id == gid
    assert card.group.name == "BNI"
    assert card.members == [(adam, "Adam"), (zoe, "Zoë")]
    assert [m.id for m in card.meetings] == [second, first]
    newest, oldest = card.meetings
    assert (newest.held_on, newest.attendance, newest.notes, newest.people) == (
        dt.date(2026, 11, 10),
        "missed",
        "ill",
        "",
    )
    assert oldest.rating == "worth_it"
    assert sorted(oldest.people.split(", ")) == ["Adam", "Zoë"]
    assert [h.demands["required_attendance_pct"] for h in card.demand_history] == [90, 80]
    assert card.demand_history[0].changed_at == later.now()
    assert card.demand_history[1].changed_at == clock.now()
    assert isinstance(card.demand_history[0].changed_at, dt.datetime)


def test_group_card_of_a_missing_group(journal: Journal) -> None:
    with pytest.raises(NotFoundError):
        group_card(77)


def test_meeting_rows_latest_first_with_a_limit(add_group: AddGroup, clock: FixedClock) -> None:
    gid = add_group("BNI")
    other = add_group("Chamber")
    for day in (3, 17, 10):
        _meet(gid, day, "attended", clock)
    _meet(other, 20, "attended", clock)
    assert [m.held_on.day for m in meeting_rows(gid)] == [17, 10, 3]
    assert [m.held_on.day for m in meeting_rows(gid, limit=2)] == [17, 10]
    assert meeting_rows(gid)[0].minutes is None


def test_group_names_sorted_regardless_of_case(add_group: AddGroup) -> None:
    b = add_group("beta")
    a = add_group("Alpha")
    c = add_group("Chamber")
    assert group_names() == [(a, "Alpha"), (b, "beta"), (c, "Chamber")]
