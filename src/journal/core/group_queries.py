"""Reading groups: the membership list, one group's card, its members and meeting log."""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass

import peewee

from journal.core.attendance_rule import WINDOW_DAYS, WINDOW_MEETINGS
from journal.core.clock import SYSTEM_CLOCK
from journal.core.groups import require_group
from journal.store.fields import parse_utc
from journal.store.models import (
    Contact,
    Group,
    GroupDemandChange,
    GroupMember,
    Meeting,
    MeetingPerson,
    database_proxy,
)
from journal.store.rows import tuples


@dataclass(frozen=True)
class GroupRow:
    """One line of the "groups I belong to" list."""

    id: int
    name: str
    kind: str
    status: str
    joined_on: dt.date | None
    member_count: int
    # Over the rolling window the balance judges (core.attendance_rule), not all time.
    meetings_recorded: int
    meetings_attended: int
    last_meeting_on: dt.date | None
    required_attendance_pct: int | None

    @property
    def attendance_pct(self) -> int | None:
        """Share of the window's meetings attended (a substitute counts), None before any."""
        if not self.meetings_recorded:
            return None
        return round(100 * self.meetings_attended / self.meetings_recorded)

    @property
    def below_requirement(self) -> bool:
        """Attendance so far falls short of the group's rule (exactly: 79.6 % is short of 80)."""
        if not self.meetings_recorded or self.required_attendance_pct is None:
            return False
        return self.meetings_attended * 100 < self.required_attendance_pct * self.meetings_recorded


# The window's meetings: those that count, within the last WINDOW_DAYS, the latest
# WINDOW_MEETINGS of them (as balance.attendance_window picks them).
_WINDOW = f"""
SELECT x.attendance IN ('attended', 'substitute') AS present FROM meeting x
WHERE x.group_id = g.id AND x.attendance != 'excused' AND x.held_on BETWEEN ?1 AND ?2
ORDER BY x.held_on DESC LIMIT {WINDOW_MEETINGS}
"""

_GROUP_ROWS = f"""
SELECT g.id, g.name, g.kind, g.status, g.joined_on, g.required_attendance_pct,
  (SELECT COUNT(*) FROM group_member m WHERE m.group_id = g.id),
  (SELECT COUNT(*) FROM ({_WINDOW})),
  (SELECT COALESCE(SUM(present), 0) FROM ({_WINDOW})),
  (SELECT MAX(held_on) FROM meeting x WHERE x.group_id = g.id AND x.held_on <= ?2)
FROM membership_group g
{{where}}
ORDER BY CASE g.status WHEN 'left' THEN 1 ELSE 0 END, g.name COLLATE NOCASE
"""


def group_rows(include_left: bool = True, as_of: dt.date | None = None) -> list[GroupRow]:
    """Every membership, current ones first, with its attendance over the window to `as_of`.

    `as_of` defaults to today.
    """
    end = as_of or SYSTEM_CLOCK.today()
    start = end - dt.timedelta(days=WINDOW_DAYS - 1)
    where = "" if include_left else "WHERE g.status != 'left'"
    rows = []
    for (
        gid,
        name,
        kind,
        status,
        joined,
        required,
        members,
        recorded,
        attended,
        last,
    ) in database_proxy.execute_sql(
        _GROUP_ROWS.format(where=where), (start.isoformat(), end.isoformat())
    ):
        rows.append(
            GroupRow(
                id=gid,
                name=name,
                kind=kind,
                status=status,
                joined_on=dt.date.fromisoformat(joined) if joined else None,
                member_count=members,
                meetings_recorded=recorded,
                meetings_attended=attended,
                last_meeting_on=dt.date.fromisoformat(last) if last else None,
                required_attendance_pct=required,
            )
        )
    return rows


@dataclass(frozen=True)
class MeetingRow:
    """One line of a group's meeting log."""

    id: int
    held_on: dt.date
    attendance: str
    rating: str
    minutes: int | None
    notes: str
    people: str


@dataclass(frozen=True)
class DemandChange:
    """The group's demands as they were set on a date."""

    changed_at: dt.datetime
    demands: dict[str, object]


@dataclass(frozen=True)
class GroupCard:
    """Everything the group detail pane or `journal group show` shows."""

    group: Group
    members: list[tuple[int, str]]
    meetings: list[MeetingRow]
    demand_history: list[DemandChange]


def meeting_rows(group_id: int, limit: int | None = None) -> list[MeetingRow]:
    """A group's meetings, latest first."""
    people = peewee.fn.group_concat(Contact.display_name, ", ")
    sub = MeetingPerson.select(people).join(Contact).where(MeetingPerson.meeting == Meeting.id)
    query = (
        Meeting.select(
            Meeting.id,
            Meeting.held_on,
            Meeting.attendance,
            Meeting.rating,
            Meeting.minutes,
            Meeting.notes,
            sub.alias("people"),
        )
        .where(Meeting.group == group_id)
        .order_by(Meeting.held_on.desc())
    )
    if limit is not None:
        query = query.limit(limit)
    return [
        MeetingRow(mid, held, attendance, rating, minutes, notes, people or "")
        for mid, held, attendance, rating, minutes, notes, people in tuples(query)
    ]


def group_card(group_id: int) -> GroupCard:
    """One group with its members, meeting log and demand history."""
    group = require_group(group_id)
    members = [
        (cid, name)
        for cid, name in tuples(
            Contact.select(Contact.id, Contact.display_name)
            .join(GroupMember)
            .where(GroupMember.group == group_id)
            .order_by(Contact.sort_name)
        )
    ]
    history = [
        DemandChange(parse_utc(changed) if isinstance(changed, str) else changed, json.loads(text))
        for changed, text in tuples(
            GroupDemandChange.select(GroupDemandChange.changed_at, GroupDemandChange.demands_json)
            .where(GroupDemandChange.group == group_id)
            .order_by(GroupDemandChange.changed_at.desc(), GroupDemandChange.id.desc())
        )
    ]
    return GroupCard(group, members, meeting_rows(group_id), history)


def group_names() -> list[tuple[int, str]]:
    """(id, name) of every group, for pickers."""
    return [
        (gid, name)
        for gid, name in tuples(
            Group.select(Group.id, Group.name).order_by(peewee.fn.lower(Group.name))
        )
    ]


def likely_meeting_day(group_id: int, today: dt.date) -> dt.date:
    """The day a new meeting of the group most likely is: its latest meeting day up to
    today not recorded yet (last Thursday's, recorded on Tuesday), else today; never after
    the day it was left."""
    from journal.core.schedule import latest_unrecorded_day

    group = require_group(group_id)
    query = Meeting.select(Meeting.held_on).where(Meeting.group == group_id)
    held = [m.held_on for m in query if m.held_on is not None]
    day = (
        latest_unrecorded_day(
            group.meeting_cadence, group.meeting_weekday, held, group.joined_on, today
        )
        or today
    )
    return min(day, group.left_on) if group.left_on is not None else day
