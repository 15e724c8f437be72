"""The periodic review: when it is due, the report, recording decisions with their figures,
and browsing past reviews."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable

import pytest

from journal.core.changes import Area
from journal.core.clock import FixedClock
from journal.core.contacts import require_contact, set_stay_in_touch
from journal.core.errors import NotFoundError, ValidationError
from journal.core.groups import GroupDraft, add_members, create_group, require_group
from journal.core.meetings import MeetingDraft, record_meeting
from journal.core.periods import add_months
from journal.core.review import (
    DecisionDraft,
    ReviewCancelledError,
    ReviewDraft,
    decision_history,
    past_review,
    past_reviews,
    record_review,
    review_due,
    review_report,
    status_change,
)
from journal.core.settings import SettingsDraft, save_settings
from journal.store import Journal
from journal.store.models import Meeting, Review, ReviewDecision

AddContact = Callable[..., int]
AddGroup = Callable[..., int]
Log = Callable[..., int]
CountRows = Callable[[str], int]
TODAY = dt.date(2026, 11, 24)
UTC = dt.timezone.utc


def _club(add_group: AddGroup, clock: FixedClock, name: str = "Club", **kw: object) -> int:
    kw.setdefault("joined_on", dt.date(2025, 1, 6))
    gid = add_group(name, meeting_cadence="weekly", meeting_minutes=60, **kw)
    for k in range(6):
        record_meeting(MeetingDraft(gid, dt.date(2026, 6, 1) + dt.timedelta(weeks=k)), clock)
    return gid


# -- when it is due -------------------------------------------------------------------------


def test_nothing_is_due_without_memberships(journal: Journal) -> None:
    due = review_due(TODAY)
    assert (due.due_on, due.is_due, due.last_review_id) == (None, False, None)


def test_the_first_review_is_due_a_cadence_after_the_earliest_membership(
    journal: Journal, add_group: AddGroup, clock: FixedClock
) -> None:
    # Each written down on the day it began.
    def on(day: dt.date) -> FixedClock:
        return FixedClock(dt.datetime.combine(day, dt.time(9), UTC))

    recent, older = dt.date(2026, 10, 1), dt.date(2026, 5, 31)
    create_group(GroupDraft(name="Recent", joined_on=recent), on(recent))
    assert review_due(TODAY).due_on == dt.date(2027, 1, 1)
    assert not review_due(TODAY).is_due
    create_group(GroupDraft(name="Older", joined_on=older), on(older))
    due = review_due(TODAY)
    assert (due.due_on, due.is_due) == (dt.date(2026, 8, 31), True)


def test_a_membership_written_down_long_after_it_began_is_not_long_overdue(
    journal: Journal, add_group: AddGroup, clock: FixedClock
) -> None:
    # Joined in 2024, written down today: nothing in the journal to review yet, and not
    # "overdue since 2024-04-10", but due a cadence after it was written down.
    rotary = add_group("Rotary", joined_on=dt.date(2024, 1, 10))
    added = clock.today()
    due = review_due(added)
    assert (due.due_on, due.is_due) == (add_months(added, 3), False)
    # Its meetings since March written down too: a quarter of them can be reviewed now,
    # but the review was not overdue since June, before the journal held any of it.
    record_meeting(MeetingDraft(rotary, dt.date(2026, 3, 3)), clock)
    due = review_due(added)
    assert (due.due_on, due.is_due, due.is_overdue) == (added, True, False)


def test_the_next_review_is_due_a_cadence_after_the_last(
    journal: Journal, add_group: AddGroup, clock: FixedClock
) -> None:
    gid = _club(add_group, clock)
    record_review(ReviewDraft([DecisionDraft(gid, "keep")], as_of=dt.date(2026, 10, 31)), clock)
    due = review_due(TODAY)
    assert (due.last_as_of, due.due_on, due.is_due) == (
        dt.date(2026, 10, 31),
        dt.date(2027, 1, 31),
        False,
    )
    save_settings(SettingsDraft(cadence="monthly"))
    assert review_due(TODAY).due_on == dt.date(2026, 11, 30)
    assert review_due(dt.date(2026, 11, 30)).is_due


def test_a_review_past_its_day_is_overdue_and_on_its_day_only_due(
    journal: Journal, add_group: AddGroup, clock: FixedClock
) -> None:
    _club(add_group, clock)
    due_on = review_due(TODAY).due_on
    assert due_on is not None
    on_the_day, after = review_due(due_on), review_due(due_on + dt.timedelta(days=1))
    assert (on_the_day.is_due, on_the_day.is_overdue) == (True, False)
    assert (after.is_due, after.is_overdue) == (True, True)
    assert not review_due(due_on - dt.timedelta(days=1)).is_overdue


# -- the report -----------------------------------------------------------------------------


def test_the_report_covers_current_memberships_only(
    journal: Journal, add_group: AddGroup, clock: FixedClock
) -> None:
    current = _club(add_group, clock, "Current")
    add_group("Gone", joined_on=dt.date(2020, 1, 1), left_on=dt.date(2024, 1, 1))
    report = review_report(clock, zone=UTC)
    assert [g.group_id for g in report.groups] == [current]
    assert report.as_of == TODAY
    assert report.period.start == dt.date(2025, 11, 25)
    past = review_report(clock, as_of=dt.date(2023, 6, 1), zone=UTC)
    assert [g.name for g in past.groups] == ["Gone"]


def test_the_report_refuses_a_day_in_the_future(journal: Journal, clock: FixedClock) -> None:
    with pytest.raises(ValidationError, match="as of: 2026-11-25 is in the future"):
        review_report(clock, as_of=dt.date(2026, 11, 25))


def test_people_across_groups_are_listed_once(
    journal: Journal, add_group: AddGroup, add_contact: AddContact, log: Log, clock: FixedClock
) -> None:
    first, second = _club(add_group, clock, "First"), _club(add_group, clock, "Second")
    jane = add_contact("Jane")
    add_members(first, [jane])
    add_members(second, [jane])
    log("coffee", dt.datetime(2026, 11, 1, 12, tzinfo=UTC), [jane])
    people = review_report(clock, zone=UTC).people()
    assert [(k.person.contact_id, set(k.group_ids)) for k in people] == [(jane, {first, second})]


# -- recording ------------------------------------------------------------------------------


def test_record_a_review_with_figures_as_they_stood(
    journal: Journal, add_group: AddGroup, add_contact: AddContact, log: Log, clock: FixedClock
) -> None:
    gid = _club(add_group, clock)
    jane = add_contact("Jane")
    add_members(gid, [jane])
    log("coffee", dt.datetime(2026, 11, 1, 12, tzinfo=UTC), [jane])
    result = record_review(
        ReviewDraft(
            [DecisionDraft(gid, "reduce", note="  Drop the role  ")],
            notes="Busy autumn",
            stay_in_touch={jane: 30},
        ),
        clock,
        zone=UTC,
    )
    assert result.changes.touches(Area.REVIEWS, Area.CONTACTS)
    assert jane in result.changes.contact_ids
    review = Review.get_by_id(result.value)
    assert (review.as_of, review.notes) == (TODAY, "Busy autumn")
    decision = ReviewDecision.get(ReviewDecision.review == review.id)
    assert (decision.recommendation, decision.decision, decision.note) == (
        "keep",
        "reduce",
        "Drop the role",
    )
    figures = json.loads(decision.figures_json)
    assert figures["hours"]["meetings"] == "6.0"
    assert figures["people_to_keep"][0]["id"] == jane
    assert json.loads(decision.reasons_json)[0]["code"] == "people_worth_it"
    assert require_contact(jane).stay_in_touch_days == 30
    assert require_group(gid).status == "active"  # not applied unless asked


def test_applying_a_decision_changes_the_membership(
    journal: Journal, add_group: AddGroup, clock: FixedClock
) -> None:
    stay, cut, go = (_club(add_group, clock, n) for n in ("Stay", "Cut", "Go"))
    result = record_review(
        ReviewDraft(
            [
                DecisionDraft(stay, "keep", apply_status=True),
                DecisionDraft(cut, "reduce", apply_status=True),
                DecisionDraft(go, "leave", apply_status=True),
            ],
            as_of=dt.date(2026, 11, 20),
        ),
        clock,
    )
    assert result.changes.touches(Area.GROUPS)
    assert require_group(stay).status == "active"
    assert require_group(cut).status == "reduced"
    gone = require_group(go)
    assert (gone.status, gone.left_on) == ("left", dt.date(2026, 11, 20))


@pytest.mark.parametrize(
    ("decision", "status", "becomes"),
    [
        ("keep", "active", None),
        ("reduce", "active", "reduced"),
        ("reduce", "reduced", None),
        ("reduce", "paused", None),
        ("leave", "active", "left"),
        ("leave", "paused", "left"),
        ("leave", "left", None),
    ],
)
def test_status_change_says_what_applying_does(
    decision: str, status: str, becomes: str | None
) -> None:
    assert status_change(decision, status) == becomes


def test_leaving_is_refused_while_later_meetings_are_recorded(
    journal: Journal, add_group: AddGroup, clock: FixedClock, count_rows: CountRows
) -> None:
    """A review held as of an earlier day cannot leave a group you met with since."""
    gid = _club(add_group, clock)  # its last meeting: 2026-07-06
    as_of = dt.date(2026, 7, 1)
    draft = ReviewDraft([DecisionDraft(gid, "leave", apply_status=True)], as_of=as_of)
    with pytest.raises(ValidationError, match="meeting recorded on 2026-07-06"):
        record_review(draft, clock)
    assert count_rows("review") == 0  # one transaction: nothing half-written
    assert require_group(gid).status == "active"


def test_leaving_at_a_review_withdraws_apologies_sent_ahead(
    journal: Journal, add_group: AddGroup, clock: FixedClock
) -> None:
    gid = _club(add_group, clock)
    record_meeting(MeetingDraft(gid, dt.date(2026, 12, 1), "excused"), clock)
    draft = ReviewDraft([DecisionDraft(gid, "leave", apply_status=True)])
    result = record_review(draft, clock)
    assert result.changes.touches(Area.GROUPS, Area.MEETINGS)
    assert Area.MEETINGS in result.changes.areas
    assert require_group(gid).status == "left"
    assert not Meeting.select().where(Meeting.held_on > clock.today()).exists()


@pytest.mark.parametrize(
    ("decisions", "message"),
    [
        ([], "decisions: decide about at least one group"),
        ([DecisionDraft(999, "keep")], "group: no group with id 999"),
        ([DecisionDraft(-1, "stay")], "group: no group with id -1"),
        ("bad decision", "decision: 'stay' is not one of: keep, reduce, leave, later"),
        ("twice", "group: Club is decided twice"),
    ],
)
def test_bad_reviews_are_refused(
    journal: Journal,
    add_group: AddGroup,
    clock: FixedClock,
    count_rows: CountRows,
    decisions: object,
    message: str,
) -> None:
    gid = _club(add_group, clock)
    if decisions == "bad decision":
        decisions = [DecisionDraft(gid, "stay")]
    elif decisions == "twice":
        decisions = [DecisionDraft(gid, "keep"), DecisionDraft(gid, "leave")]
    with pytest.raises(ValidationError) as refused:
        record_review(ReviewDraft(decisions), clock)  # type: ignore[arg-type]
    assert str(refused.value) == message
    assert count_rows("review") == 0


def test_a_review_decides_only_about_memberships_current_on_its_day(
    journal: Journal, add_group: AddGroup, clock: FixedClock, count_rows: CountRows
) -> None:
    left = _club(add_group, clock, "Left", left_on=dt.date(2026, 9, 1))
    with pytest.raises(ValidationError, match=r"^group: you left Left on 2026-09-01; a review"):
        record_review(ReviewDraft([DecisionDraft(left, "keep")]), clock)
    record_review(ReviewDraft([DecisionDraft(left, "keep")], as_of=dt.date(2026, 8, 31)), clock)
    # No day joined and nothing known of it before today: not a membership a month ago.
    new = add_group("New")
    a_month_ago = TODAY - dt.timedelta(days=30)
    with pytest.raises(ValidationError, match="New was added to the journal after"):
        record_review(ReviewDraft([DecisionDraft(new, "later")], as_of=a_month_ago), clock)
    assert count_rows("review") == 1


def test_a_bad_stay_in_touch_cadence_leaves_nothing_behind(
    journal: Journal,
    add_group: AddGroup,
    add_contact: AddContact,
    clock: FixedClock,
    count_rows: CountRows,
) -> None:
    gid = _club(add_group, clock)
    jane = add_contact("Jane")
    draft = ReviewDraft([DecisionDraft(gid, "keep")], stay_in_touch={jane: 0})
    with pytest.raises(ValidationError, match="stay in touch every: must be between 1 and 3650"):
        record_review(draft, clock)
    assert count_rows("review") == count_rows("review_decision") == 0
    with pytest.raises(ValidationError, match="as of"):
        record_review(
            ReviewDraft([DecisionDraft(gid, "keep")], as_of=TODAY.replace(year=2027)), clock
        )
    joined = require_group(gid).joined_on
    assert joined is not None
    before_joining = joined - dt.timedelta(days=1)
    with pytest.raises(ValidationError, match=r"was joined on .*decide about it in a later review"):
        record_review(ReviewDraft([DecisionDraft(gid, "keep")], as_of=before_joining), clock)
    assert count_rows("review") == 0


def test_set_stay_in_touch_for_several_people(
    journal: Journal, add_contact: AddContact, clock: FixedClock
) -> None:
    jane, omar = add_contact("Jane"), add_contact("Omar")
    result = set_stay_in_touch({jane: 30, omar: None}, clock)
    assert result.changes.contact_ids == {jane, omar}
    assert require_contact(jane).stay_in_touch_days == 30
    assert require_contact(omar).stay_in_touch_days is None
    with pytest.raises(NotFoundError):
        set_stay_in_touch({999: 30}, clock)


# -- past reviews ---------------------------------------------------------------------------


def test_past_reviews_and_a_groups_history(
    journal: Journal, add_group: AddGroup, clock: FixedClock
) -> None:
    first, second = _club(add_group, clock, "Alpha"), _club(add_group, clock, "Beta")
    old = record_review(
        ReviewDraft(
            [DecisionDraft(second, "keep"), DecisionDraft(first, "keep")],
            as_of=dt.date(2026, 8, 1),
        ),
        clock,
    ).value
    new = record_review(ReviewDraft([DecisionDraft(first, "reduce", note="less")]), clock).value
    reviews = past_reviews()
    assert [r.id for r in reviews] == [new, old]
    assert [d.group_name for d in reviews[1].decisions] == ["Alpha", "Beta"]
    assert past_review(old).as_of == dt.date(2026, 8, 1)
    assert reviews[0].held_at == clock.now()
    history = decision_history(first)
    assert [(d.as_of, d.decision, d.note) for d in history] == [
        (TODAY, "reduce", "less"),
        (dt.date(2026, 8, 1), "keep", ""),
    ]
    assert history[0].figures["group"] == {"id": first, "name": "Alpha"}
    with pytest.raises(NotFoundError):
        past_review(999)


def test_damaged_stored_figures_read_as_empty(
    journal: Journal, add_group: AddGroup, clock: FixedClock
) -> None:
    gid = _club(add_group, clock)
    record_review(ReviewDraft([DecisionDraft(gid, "keep")]), clock)
    ReviewDecision.update(figures_json="{broken", reasons_json='"text"').execute()
    decision = decision_history(gid)[0]
    assert (decision.figures, decision.reasons) == ({}, [])


def test_a_long_review_can_be_stopped_between_groups(
    journal: Journal, add_group: AddGroup, clock: FixedClock
) -> None:
    for name in ("A", "B", "C"):
        _club(add_group, clock, name)
    told: list[tuple[int, int]] = []

    def progress(done: int, total: int) -> bool:
        told.append((done, total))
        return done < 2

    with pytest.raises(ReviewCancelledError):
        review_report(clock, progress=progress)
    assert told == [(0, 3), (1, 3), (2, 3)]
    assert len(review_report(clock, progress=lambda done, total: True).groups) == 3
