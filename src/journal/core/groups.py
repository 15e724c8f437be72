"""Writing the groups the user belongs to, their demands and their members."""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import asdict, dataclass
from decimal import Decimal

import peewee

from journal.core import validate
from journal.core.changes import Area, Changes, Result
from journal.core.clock import SYSTEM_CLOCK, Clock
from journal.core.errors import NotFoundError, ValidationError
from journal.core.vocabulary import CADENCES, DUES_PERIODS, GROUP_KINDS, GROUP_STATUSES
from journal.store.models import (
    Contact,
    Group,
    GroupDemandChange,
    GroupMember,
    Meeting,
    database_proxy,
)
from journal.store.rows import tuples


@dataclass
class GroupDraft:
    """A membership and its demands, as a form or the CLI describes it."""

    name: str
    kind: str = "other"
    status: str = "active"
    joined_on: dt.date | None = None
    left_on: dt.date | None = None
    notes: str = ""
    meeting_cadence: str = ""
    meeting_weekday: int | None = None
    required_attendance_pct: int | None = None
    meeting_minutes: int | None = None
    travel_minutes: int | None = None
    dues_amount: Decimal | str | None = None
    dues_currency: str = ""
    dues_period: str = ""
    role: str = ""
    role_hours_per_month: int | None = None
    referral_quota_per_month: int | None = None
    rules: str = ""


DEMAND_FIELDS = (
    "meeting_cadence",
    "meeting_weekday",
    "required_attendance_pct",
    "meeting_minutes",
    "travel_minutes",
    "dues_amount",
    "dues_currency",
    "dues_period",
    "role",
    "role_hours_per_month",
    "referral_quota_per_month",
    "rules",
)


def _clean(draft: GroupDraft, group_id: int | None, today: dt.date) -> dict[str, object]:
    v = validate
    name = v.text("name", draft.name, required=True, limit=200)
    others = Group.select(Group.id, Group.name)
    kept_currency = ""
    if group_id is not None:
        others = others.where(Group.id != group_id)
        stored = Group.select(Group.dues_currency).where(Group.id == group_id)
        kept_currency = stored.scalar() or ""
    # Compared in Python: the column's NOCASE collation folds ASCII letters only ("Über"/"über").
    folded = name.casefold()
    same = next((other.name for other in others if other.name.casefold() == folded), None)
    if same is not None:  # named as stored, not as typed: "bni downtown" is "BNI Downtown"
        raise ValidationError("name", f"you already have a group called '{same}'")
    joined = v.not_future("joined", v.not_ancient("joined", draft.joined_on), today)
    left = v.not_future("left", v.not_ancient("left", draft.left_on), today)
    if joined and left and left < joined:
        raise ValidationError(
            "left", f"{left.isoformat()} is before joining ({joined.isoformat()})"
        )
    status = v.choice("status", draft.status, GROUP_STATUSES)
    if left is not None and status != "left":
        status = "left"  # a leaving date means the membership ended
    elif status == "left" and left is None:
        # Left, and no day said: today. Without one, the group went on showing its next
        # meetings, and reviews and balances could not tell when the membership ended.
        left = today
    if group_id is not None:
        _check_meetings_within(group_id, joined, left, today)
    dues = v.money("dues", draft.dues_amount)
    period = v.choice("dues period", draft.dues_period, DUES_PERIODS)
    if dues is not None and dues > 0 and not period:
        raise ValidationError("dues period", "say how often the dues are paid")
    return {
        "name": name,
        "kind": v.choice("kind", draft.kind, GROUP_KINDS),
        "status": status,
        "joined_on": joined,
        "left_on": left,
        "notes": v.text("notes", draft.notes, limit=v.MAX_LONG),
        "meeting_cadence": v.choice("meeting cadence", draft.meeting_cadence, CADENCES),
        "meeting_weekday": v.int_range("meeting weekday", draft.meeting_weekday, 0, 6),
        "required_attendance_pct": v.int_range(
            "required attendance %", draft.required_attendance_pct, 0, 100
        ),
        "meeting_minutes": v.int_range("meeting length (minutes)", draft.meeting_minutes, 0, 1440),
        "travel_minutes": v.int_range("travel time (minutes)", draft.travel_minutes, 0, 1440),
        "dues_amount": dues,
        "dues_currency": v.currency(  # the code the group has may be one ISO has retired
            "dues currency", draft.dues_currency, required=dues is not None, kept=kept_currency
        ),
        "dues_period": period,
        "role": v.text("role", draft.role),
        "role_hours_per_month": v.int_range(
            "role hours per month", draft.role_hours_per_month, 0, 744
        ),
        "referral_quota_per_month": v.int_range(
            "referral quota per month", draft.referral_quota_per_month, 0, 1000
        ),
        "rules": v.text("rules", draft.rules, limit=v.MAX_LONG),
    }


def _check_meetings_within(
    group_id: int, joined: dt.date | None, left: dt.date | None, today: dt.date
) -> None:
    """Refuse membership dates that would leave recorded meetings outside the membership.

    Apologies sent for meetings still ahead do not count: leaving withdraws them.
    """
    meetings = Meeting.select(Meeting.held_on).where(Meeting.group == group_id)
    if joined is not None:
        before = meetings.where(Meeting.held_on < joined).order_by(Meeting.held_on).first()
        if before is not None:
            raise ValidationError(
                "joined",
                f"a meeting is recorded on {before.held_on.isoformat()}, before "
                f"{joined.isoformat()}; move or delete it first",
            )
    if left is not None:
        held = (Meeting.held_on > left) & ((Meeting.held_on <= today) | ~_APOLOGY)
        after = meetings.where(held).order_by(Meeting.held_on.desc()).first()
        if after is not None:
            raise ValidationError(
                "left",
                f"a meeting is recorded on {after.held_on.isoformat()}, after "
                f"{left.isoformat()}; move or delete it first",
            )


def _demands_json(values: dict[str, object]) -> str:
    return json.dumps({k: values[k] for k in DEMAND_FIELDS}, default=str, sort_keys=True)


def require_group(group_id: int) -> Group:
    """The stored group, or NotFoundError naming the id."""
    group = Group.get_or_none(Group.id == group_id)
    if group is None:
        raise NotFoundError(f"There is no group with id {group_id}.")
    return group


def _changed(group_id: int) -> Changes:
    return Changes(frozenset({Area.GROUPS}), group_ids=frozenset({group_id}))


def create_group(draft: GroupDraft, clock: Clock = SYSTEM_CLOCK) -> Result[int]:
    """Record a group the user belongs to; its first demands start the demand history."""
    values = _clean(draft, None, clock.today())
    now = clock.now()
    with database_proxy.atomic():
        group_id = Group.insert(created_at=now, updated_at=now, **values).execute()
        GroupDemandChange.create(group=group_id, changed_at=now, demands_json=_demands_json(values))
    return Result(group_id, _changed(group_id))


# Apologies sent: the only meetings the app records ahead (an archive might hold others).
_APOLOGY = Meeting.attendance == "excused"


def check_group(group_id: int, draft: GroupDraft, today: dt.date) -> None:
    """Refuse (ValidationError) what update_group would refuse, writing nothing."""
    _clean(draft, group_id, today)


def apologies_withdrawn(group_id: int, draft: GroupDraft, today: dt.date) -> list[dt.date]:
    """The meetings ahead you sent apologies for that saving `draft` withdraws: all of them
    when it says you left (a leaving date is never in the future)."""
    if draft.left_on is None and draft.status != "left":
        return []
    return apologies_ahead(group_id, today)


def _ahead(group_id: int, today: dt.date) -> peewee.Expression:
    """The group's apologies for meetings after today."""
    return (Meeting.group == group_id) & (Meeting.held_on > today) & _APOLOGY


def apologies_ahead(group_id: int, today: dt.date) -> list[dt.date]:
    """The days of the meetings after today you sent the group apologies for, in order."""
    ahead = Meeting.select(Meeting.held_on).where(_ahead(group_id, today))
    return [day for (day,) in tuples(ahead.order_by(Meeting.held_on))]


def update_group(group_id: int, draft: GroupDraft, clock: Clock = SYSTEM_CLOCK) -> Result[int]:
    """Change a group; when its demands change, the new demands join the history.

    Leaving withdraws the apologies sent for meetings still ahead (apologies_withdrawn).
    """
    today = clock.today()
    values = _clean(draft, group_id, today)
    now = clock.now()
    areas = {Area.GROUPS}
    with database_proxy.atomic():
        require_group(group_id)
        leaving = values["left_on"] is not None
        if leaving and Meeting.delete().where(_ahead(group_id, today)).execute():
            # Timeline entries logged at one stay, unlinked from it.
            areas.update({Area.MEETINGS, Area.INTERACTIONS})
        latest = (
            GroupDemandChange.select()
            .where(GroupDemandChange.group == group_id)
            .order_by(GroupDemandChange.changed_at.desc(), GroupDemandChange.id.desc())
            .first()
        )
        demands = _demands_json(values)
        if latest is None or latest.demands_json != demands:
            GroupDemandChange.create(group=group_id, changed_at=now, demands_json=demands)
        Group.update(updated_at=now, **values).where(Group.id == group_id).execute()
    return Result(group_id, Changes(frozenset(areas), group_ids=frozenset({group_id})))


def delete_group(group_id: int) -> Result[int]:
    """Remove a group with its meetings; timeline entries stay, unlinked from it."""
    with database_proxy.atomic():
        require_group(group_id)
        Group.delete().where(Group.id == group_id).execute()
    return Result(
        group_id,
        Changes(
            frozenset({Area.GROUPS, Area.MEETINGS, Area.INTERACTIONS}),
            group_ids=frozenset({group_id}),
        ),
    )


def add_members(group_id: int, contact_ids: list[int], since: dt.date | None = None) -> Result[int]:
    """Note that these contacts belong to the group too (already-known members are kept)."""
    with database_proxy.atomic():
        require_group(group_id)
        wanted = list(dict.fromkeys(contact_ids))
        found = {c.id for c in Contact.select(Contact.id).where(Contact.id.in_(wanted))}
        for cid in wanted:
            if cid not in found:
                raise ValidationError("member", f"no contact with id {cid}")
        if wanted:
            GroupMember.insert_many(
                [{"group": group_id, "contact": cid, "since": since} for cid in wanted]
            ).on_conflict_ignore().execute()
    return Result(
        group_id,
        Changes(
            frozenset({Area.GROUPS, Area.CONTACTS}),
            contact_ids=frozenset(contact_ids),
            group_ids=frozenset({group_id}),
        ),
    )


def remove_member(group_id: int, contact_id: int) -> Result[int]:
    """The contact no longer belongs to the group (the person stays in the journal)."""
    return remove_members(group_id, [contact_id], strict=False)


def remove_members(group_id: int, contact_ids: list[int], *, strict: bool = True) -> Result[int]:
    """These contacts no longer belong to the group, all of them or (on an error) none.

    With `strict`, naming someone who is not a member refuses the whole change, so a
    typo in a list of names never leaves the group half-edited.
    """
    wanted = list(dict.fromkeys(contact_ids))
    with database_proxy.atomic():
        require_group(group_id)
        in_group = GroupMember.select(GroupMember.contact).where(
            (GroupMember.group == group_id) & (GroupMember.contact.in_(wanted))
        )
        members = {m.contact_id for m in in_group}
        strangers = [cid for cid in wanted if cid not in members]
        if strict and strangers:
            ids = ", ".join(str(cid) for cid in strangers)
            raise ValidationError("member", f"not a member of the group: {ids}")
        GroupMember.delete().where(
            (GroupMember.group == group_id) & (GroupMember.contact.in_(wanted))
        ).execute()
    return Result(
        group_id,
        Changes(
            frozenset({Area.GROUPS, Area.CONTACTS}),
            contact_ids=frozenset(wanted),
            group_ids=frozenset({group_id}),
        ),
    )


def load_group_draft(group_id: int) -> GroupDraft:
    """The stored group as a draft, ready for an edit form."""
    g = require_group(group_id)
    return GroupDraft(**{name: getattr(g, name) for name in asdict(GroupDraft(name=""))})


def find_group(name_or_id: str) -> Group:
    """A group by id or by name (any case); for the CLI and quick add."""
    text = name_or_id.strip()
    group = Group.get_or_none(Group.id == int(text)) if text.isdigit() else None
    if group is None:
        group = Group.get_or_none(Group.name == text)
    if group is None:
        raise NotFoundError(f"There is no group '{text}'.")
    return group
