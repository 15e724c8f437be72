"""Staying in touch: how often to reach each person, and who is due, overdue or fading.

A person's rhythm is their own "stay in touch every N days" when set, else the shortest
default of their tags, else the default of their relationship stage; the defaults are
journal settings. It is measured from the last interaction of any kind (logging anything
resets it), or from the day they were met or added when there has been none.

Days are counted on the user's local calendar, in the clock's zone: an entry at 23:30 in
Berlin belongs to that day even though it is 22:30 UTC, and a daylight-saving change never
makes a day count twice or not at all.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from enum import Enum
from operator import itemgetter

from journal.core import validate
from journal.core.changes import Area, Changes, Result
from journal.core.clock import SYSTEM_CLOCK, Clock
from journal.core.contacts import require_contact
from journal.core.errors import ValidationError
from journal.core.everyone import Row, batches, last_of
from journal.core.setting_store import get_setting, put_setting
from journal.core.stage_names import STAGE_SETTING, checked_stage
from journal.store.fields import parse_utc
from journal.store.models import ReminderSnooze, database_proxy

TAG_SETTING = "stay_in_touch.tags"
REMINDER = "stay_in_touch"

# Built-in rhythms by stage, in days. New people are left out: the new-contact nudge
# (core.today) looks after them until they settle into a stage.
DEFAULT_STAGE_DAYS: dict[str, int | None] = {
    "friend": 30,
    "partner": 60,
    "referral_partner": 60,
    "client": 60,
    "contact": 90,
    "acquaintance": 180,
    "new": None,
}
MAX_DAYS = 3650


class Grade(str, Enum):
    """How a relationship stands against its rhythm today."""

    OK = "ok"
    DUE_SOON = "due_soon"
    DUE = "due"
    OVERDUE = "overdue"


@dataclass(frozen=True)
class CadenceDefaults:
    """Rhythms used when a contact has none of their own (days; None: no reminder)."""

    by_stage: dict[str, int | None]
    by_tag: dict[str, int]

    def for_contact(
        self, own_days: int | None, stage: str, tags: list[str]
    ) -> tuple[int | None, str]:
        """The rhythm that applies, and where it comes from ("own", "tag:NAME", "stage")."""
        if own_days:
            return own_days, "own"
        folded = {k.casefold(): (v, k) for k, v in self.by_tag.items()}
        tagged = [folded[t.casefold()] for t in tags if t.casefold() in folded]
        if tagged:
            days, name = min(tagged)
            return days, f"tag:{name}"
        return self.by_stage.get(stage), "stage"


def cadence_defaults() -> CadenceDefaults:
    """The built-in stage rhythms overlaid with the user's settings."""
    stages = dict(DEFAULT_STAGE_DAYS)
    stored = get_setting(STAGE_SETTING, {})
    if isinstance(stored, dict):
        for stage, days in stored.items():
            stages[str(stage)] = int(days) if isinstance(days, int) and days > 0 else None
    tags_stored = get_setting(TAG_SETTING, {})
    tags: dict[str, int] = {}
    if isinstance(tags_stored, dict):
        tags = {str(k): int(v) for k, v in tags_stored.items() if isinstance(v, int) and v > 0}
    return CadenceDefaults(stages, tags)


def _days(field: str, days: int | None) -> int | None:
    return validate.int_range(field, days, 1, MAX_DAYS)


def set_stage_cadence(stage: str, days: int | None) -> Result[str]:
    """Set a stage's default rhythm in days (None: no reminder for that stage)."""
    code = checked_stage(
        validate.stage_code(validate.text("stage", stage, required=True, limit=40))
    )
    checked = _days("stay in touch every", days)
    stored = get_setting(STAGE_SETTING, {})
    stages = dict(stored) if isinstance(stored, dict) else {}
    stages[code] = checked
    result = put_setting(STAGE_SETTING, stages)
    return Result(code, result.changes | Changes(frozenset({Area.CONTACTS})))


def reset_stage_cadence(stage: str) -> Result[str]:
    """Go back to the built-in rhythm for a stage (a stage of one's own loses its rhythm)."""
    stored = get_setting(STAGE_SETTING, {})
    stages = dict(stored) if isinstance(stored, dict) else {}
    code = validate.stage_code(stage)
    if code not in stages and code not in DEFAULT_STAGE_DAYS:
        # Nothing to reset: most likely a typo, which would otherwise "succeed" silently.
        own = ", ".join(sorted(stages))
        where = (
            f"stages with a rhythm of your own: {own}" if own else "no stage has one of your own"
        )
        raise ValidationError("stage", f"{code!r} has no rhythm to reset ({where})")
    stages.pop(code, None)
    result = put_setting(STAGE_SETTING, stages or None)
    return Result(code, result.changes | Changes(frozenset({Area.CONTACTS})))


def set_tag_cadence(tag: str, days: int | None) -> Result[str]:
    """Set a tag's default rhythm in days (None removes it)."""
    name = validate.text("tag", tag.lstrip("#"), required=True, limit=60)
    checked = _days("stay in touch every", days)
    stored = get_setting(TAG_SETTING, {})
    tags = {k: v for k, v in (stored.items() if isinstance(stored, dict) else ())}
    for existing in [k for k in tags if k.casefold() == name.casefold()]:
        del tags[existing]
    if checked is not None:
        tags[name] = checked
    result = put_setting(TAG_SETTING, tags or None)
    return Result(name, result.changes | Changes(frozenset({Area.CONTACTS})))


_WINDOWS: dict[int, int] = {}  # rhythm in days -> its window (a handful of rhythms recur)


def _window(cadence: int) -> int:
    window = _WINDOWS[cadence] = max(1, min(7, cadence // 4))
    return window


def grade(days_left: int, cadence: int) -> Grade:
    """Due soon within a window before the day, due up to the same window after, then overdue.

    The window is a quarter of the rhythm, between 1 and 7 days: a week's grace for a
    monthly friend, a day for someone to be seen every few days.
    """
    window = _WINDOWS.get(cadence) or _window(cadence)
    if days_left > window:
        return Grade.OK
    if days_left > 0:
        return Grade.DUE_SOON
    if -days_left <= window:
        return Grade.DUE
    return Grade.OVERDUE


@dataclass(frozen=True, slots=True)  # slots: Today holds one per fading person (thousands)
class TouchRow:
    """One person measured against their rhythm."""

    contact_id: int
    name: str
    stage: str
    cadence_days: int
    source: str  # "own", "tag:NAME" or "stage"
    last_contact_on: dt.date | None  # local day of the last interaction, if any
    since: dt.date  # the day the rhythm is measured from
    due_on: dt.date
    days_left: int  # negative when late
    grade: Grade
    snoozed_until: dt.date | None

    @property
    def days_overdue(self) -> int:
        """Whole days past the due day (0 when not yet due)."""
        return max(0, -self.days_left)


_TAGS = """
SELECT ct.contact_id, group_concat(t.name, char(31)) FROM contact_tag ct
JOIN tag t ON t.id = ct.tag_id {where} GROUP BY ct.contact_id
"""
_SNOOZES = "SELECT contact_id, snoozed_until FROM reminder_snooze WHERE reminder = ? {extra}"

# Each participant row keeps its interaction's time (schema step 4), so a person's last
# contact is one step into the index (contact_id, occurred_at, interaction_id): no lookup
# into the interaction table. One step per person costs less than grouping every row of
# that index (200,000 on a large journal) by person.
_LAST_CONTACTS = """
SELECT c.id,
  (SELECT MAX(p.occurred_at) FROM interaction_participant p WHERE p.contact_id = c.id)
FROM contact c {where}
"""


def last_contacts(contact_id: int | None = None) -> dict[int, dt.datetime]:
    """When the user last had anything to do with each person (one query for everyone)."""
    where, params = ("WHERE c.id = ?", [contact_id]) if contact_id is not None else ("", [])
    return {
        int(cid): parse_utc(str(last))
        for cid, last in database_proxy.execute_sql(_LAST_CONTACTS.format(where=where), params)
        if last
    }


def _tags_of(contact_id: int | None) -> dict[int, str]:
    """Each contact's tag names, joined by the unit separator."""
    where, params = (
        ("WHERE ct.contact_id = ?", [contact_id]) if contact_id is not None else ("", [])
    )
    return dict(database_proxy.execute_sql(_TAGS.format(where=where), params).fetchall())


def _snoozes(contact_id: int | None) -> dict[int, str]:
    extra, params = ("AND contact_id = ?", [contact_id]) if contact_id is not None else ("", [])
    return dict(database_proxy.execute_sql(_SNOOZES.format(extra=extra), [REMINDER, *params]))


def touch_rows(
    clock: Clock = SYSTEM_CLOCK,
    *,
    contact_id: int | None = None,
    last: dict[int, dt.datetime] | None = None,
) -> list[TouchRow]:
    """Everyone (not archived) who has a rhythm, most overdue first.

    `last` lets a caller that already read last_contacts() share it.
    """
    return _measured(Measuring(clock, contact_id), contact_id, last)


def fading(
    clock: Clock = SYSTEM_CLOCK, *, last: dict[int, dt.datetime] | None = None
) -> list[TouchRow]:
    """Relationships due or overdue (and not snoozed), the longest overdue first."""
    return _measured(Measuring(clock, only_fading=True), None, last)


def _measured(
    measuring: Measuring, contact_id: int | None, last: dict[int, dt.datetime] | None
) -> list[TouchRow]:
    for people in batches(contact_id):
        measuring.add(people, last_of(people) if last is None else last)
    return measuring.rows()


class Measuring:
    """Measures people for touch_rows() (or fading()), fed everyone.batches() in turn.

    Today measures every person on every read (20,000 on a large journal), so the loop
    does only what each row needs: tags are read only when some tag has a rhythm (a rhythm
    of their own wins over their tags), snoozes come from their own small table, and a row
    fading() would drop (not yet due, or snoozed) is dropped before it is built.
    """

    def __init__(
        self, clock: Clock, contact_id: int | None = None, *, only_fading: bool = False
    ) -> None:
        self.zone, self.today = clock.zone(), clock.today()
        self.defaults = cadence_defaults()
        self.tags = _tags_of(contact_id) if self.defaults.by_tag else {}
        self.snoozes = _snoozes(contact_id)
        self.only_fading = only_fading
        self.keyed: list[tuple[tuple[int, int, str, int], TouchRow]] = []

    def add(self, people: list[Row], last: Mapping[int, dt.datetime]) -> None:
        """Measure these people; `last` holds (at least) their last contacts."""
        zone, today, only_fading, defaults = self.zone, self.today, self.only_fading, self.defaults
        tags, snoozes, keyed = self.tags, self.snoozes, self.keyed
        by_stage, today_number, from_number = (
            defaults.by_stage,
            today.toordinal(),
            dt.date.fromordinal,
        )
        # Every column named (a starred name would build a list per person).
        for cid, name, stage, own, met_on, created, _, _, _, _, _, _, _ in people:
            if own:
                cadence, source = own, "own"
            elif cid in tags:
                cadence, source = defaults.for_contact(own, stage, tags[cid].split("\x1f"))
            else:
                cadence, source = by_stage.get(stage), "stage"
            if not cadence:
                continue
            latest = last.get(cid)
            last_day = latest.astimezone(zone).date() if latest else None
            if last_day is not None:
                since = last_day
            elif met_on:
                since = dt.date.fromisoformat(met_on)
            else:
                since = parse_utc(created).astimezone(zone).date()
            # Day numbers rather than timedelta objects: the same days, a third of the work.
            due_number = since.toordinal() + cadence
            days_left = due_number - today_number
            if only_fading and days_left > 0:
                continue  # not due yet (ok, or due soon): fading() leaves it out
            snoozed = snoozes.get(cid)
            snooze = dt.date.fromisoformat(snoozed) if snoozed else None
            if snooze is not None and snooze <= today:
                snooze = None
            if only_fading and snooze is not None:
                continue  # put off: fading() leaves it out
            row = TouchRow(
                cid,
                name,
                stage,
                cadence,
                source,
                last_day,
                since,
                from_number(due_number),
                days_left,
                grade(days_left, cadence),
                snooze,
            )
            keyed.append(((days_left, -cadence, name.casefold(), cid), row))

    def rows(self) -> list[TouchRow]:
        """Everyone measured so far, most overdue first."""
        self.keyed.sort(key=itemgetter(0))
        return [row for _, row in self.keyed]


def touch_status(contact_id: int, clock: Clock = SYSTEM_CLOCK) -> TouchRow | None:
    """One person's rhythm and where they stand (None when no rhythm applies)."""
    rows = touch_rows(clock, contact_id=contact_id)
    return rows[0] if rows else None


def snooze_reminder(
    contact_id: int, until: dt.date, clock: Clock = SYSTEM_CLOCK, *, reminder: str = REMINDER
) -> Result[int]:
    """Put off a reminder about someone until a later day."""
    validate.choice("reminder", reminder, (REMINDER, "new_contact"))
    today = clock.today()
    if until <= today:
        raise ValidationError("snooze until", f"{until.isoformat()} is not after today")
    if until > today + dt.timedelta(days=MAX_DAYS):
        raise ValidationError("snooze until", f"{until.isoformat()} is too far ahead")
    with database_proxy.atomic():
        require_contact(contact_id)
        ReminderSnooze.insert(
            contact=contact_id, reminder=reminder, snoozed_until=until
        ).on_conflict_replace().execute()
    return Result(
        contact_id,
        Changes(frozenset({Area.CONTACTS, Area.FOLLOWUPS}), contact_ids=frozenset({contact_id})),
    )


def clear_snooze(contact_id: int, *, reminder: str = REMINDER) -> Result[int]:
    """Bring a snoozed reminder back at once."""
    with database_proxy.atomic():
        require_contact(contact_id)
        ReminderSnooze.delete().where(
            (ReminderSnooze.contact == contact_id) & (ReminderSnooze.reminder == reminder)
        ).execute()
    return Result(
        contact_id,
        Changes(frozenset({Area.CONTACTS, Area.FOLLOWUPS}), contact_ids=frozenset({contact_id})),
    )
