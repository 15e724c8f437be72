"""The item models of the groups page, over a real journal: checked by qtmodeltester."""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QApplication

sys.path.insert(0, str(Path(__file__).resolve().parent))
from colours import contrast

from journal.core.clock import FixedClock
from journal.core.contacts import ContactDraft, create_contact
from journal.core.group_queries import group_card, meeting_rows
from journal.core.groups import GroupDraft, create_group
from journal.core.meetings import MeetingDraft, record_meeting
from journal.ui.formatting import plain_date
from journal.ui.models.group_models import (
    GroupListModel,
    IdRole,
    MeetingLogModel,
    MemberListModel,
    warning_color,
)

Display = Qt.ItemDataRole.DisplayRole
Foreground = Qt.ItemDataRole.ForegroundRole
ToolTip = Qt.ItemDataRole.ToolTipRole


def _group(name: str, clock: FixedClock, **fields: object) -> int:
    draft = GroupDraft(name=name, joined_on=dt.date(2025, 1, 6), **fields)  # type: ignore[arg-type]
    return create_group(draft, clock=clock).value


def _meeting(group_id: int, day: dt.date, clock: FixedClock, **fields: object) -> int:
    return record_meeting(MeetingDraft(group_id, day, **fields), clock=clock).value  # type: ignore[arg-type]


def _person(given: str, family: str, clock: FixedClock) -> int:
    return create_contact(ContactDraft(given_name=given, family_name=family), clock=clock).value


def test_group_list_model_shows_attendance_against_the_requirement(
    qapp, journal, clock, qtmodeltester
):
    club = _group(
        "Thursday breakfast club", clock, kind="referral_club", required_attendance_pct=80
    )
    _meeting(club, dt.date(2026, 11, 12), clock, attendance="attended")
    _meeting(club, dt.date(2026, 11, 19), clock, attendance="missed")
    _meeting(club, dt.date(2026, 11, 5), clock, attendance="excused")  # not counted
    alumni = _group("Alumni circle", clock, kind="alumni", status="left")
    _group("Mastermind", clock, kind="mastermind")

    model = GroupListModel(clock=clock)
    model.reload()
    qtmodeltester.check(model)
    tip = model.headerData(GroupListModel.ATTENDANCE, Qt.Orientation.Horizontal, ToolTip)
    assert "latest 12 meetings" in tip
    assert model.headerData(GroupListModel.NAME, Qt.Orientation.Horizontal, ToolTip) is None
    assert model.headerData(GroupListModel.NAME, Qt.Orientation.Horizontal) == "Name"

    names = [model.index(r, GroupListModel.NAME).data() for r in range(model.rowCount())]
    assert names == ["Mastermind", "Thursday breakfast club", "Alumni circle"]  # left ones last
    row = model.row_of(club)
    assert model.index(row, GroupListModel.KIND).data() == "Referral club"
    assert model.index(row, GroupListModel.STATUS).data() == "Active"
    assert model.index(row, GroupListModel.ATTENDANCE).data() == "1/2 (50%)"
    assert model.index(row, GroupListModel.REQUIRED).data() == "80%"
    assert model.index(row, GroupListModel.LAST_MEETING).data() == plain_date(dt.date(2026, 11, 19))
    assert model.index(row, GroupListModel.NAME).data(IdRole) == club

    # Below the requirement: the attendance figures are highlighted, and say why.
    highlight = model.index(row, GroupListModel.ATTENDANCE).data(Foreground)
    assert highlight.color() == warning_color()
    assert "Below" in model.index(row, GroupListModel.ATTENDANCE).data(Qt.ItemDataRole.ToolTipRole)
    assert model.index(row, GroupListModel.NAME).data(Foreground) is None

    # A group you left is greyed; one with no meetings shows no figures.
    left_row = model.row_of(alumni)
    disabled = QApplication.palette().color(QPalette.ColorGroup.Disabled, QPalette.ColorRole.Text)
    assert model.index(left_row, GroupListModel.NAME).data(Foreground).color() == disabled
    fresh = names.index("Mastermind")
    assert model.index(fresh, GroupListModel.ATTENDANCE).data() == ""
    assert model.index(fresh, GroupListModel.REQUIRED).data() == ""


def test_group_list_model_is_valid_when_empty(qapp, journal, qtmodeltester):
    model = GroupListModel()
    model.reload()
    qtmodeltester.check(model)
    assert model.rowCount() == 0
    assert model.group_id(0) is None
    assert model.group_id(-1) is None
    assert model.data(model.index(0, 0)) is None


def test_warning_colour_is_legible_on_light_and_dark_backgrounds(qapp):
    for base in (QColor("#ffffff"), QColor("#f0f0f0"), QColor("#1e1e1e"), QColor("#2d2d30")):
        palette = QPalette()
        palette.setColor(QPalette.ColorRole.Base, base)
        assert contrast(warning_color(palette), base) >= 4.5, base.name()


def test_meeting_log_model_shows_the_meetings_latest_first(qapp, journal, clock, qtmodeltester):
    ada = _person("Ada", "Lovelace", clock)
    grace = _person("Grace", "Hopper", clock)
    club = _group("Chamber breakfast", clock)
    _meeting(club, dt.date(2026, 10, 1), clock, attendance="missed")
    latest = _meeting(
        club,
        dt.date(2026, 11, 3),
        clock,
        rating="worth_it",
        minutes=75,
        notes="Talked about export grants\nfollow up with Grace",
        people_ids=[ada, grace],
    )

    model = MeetingLogModel()
    model.set_rows(meeting_rows(club))
    qtmodeltester.check(model)

    assert model.rowCount() == 2
    assert model.meeting_id(0) == latest
    assert model.index(0, MeetingLogModel.DATE).data() == plain_date(dt.date(2026, 11, 3))
    assert model.index(0, MeetingLogModel.ATTENDANCE).data() == "Attended"
    assert model.index(0, MeetingLogModel.RATING).data() == "Worth it"
    assert set(model.index(0, MeetingLogModel.PEOPLE).data().split(", ")) == {
        "Ada Lovelace",
        "Grace Hopper",
    }
    assert model.index(0, MeetingLogModel.NOTES).data() == "Talked about export grants"
    tooltip = model.index(0, MeetingLogModel.NOTES).data(Qt.ItemDataRole.ToolTipRole)
    assert tooltip.endswith("follow up with Grace")
    assert model.index(1, MeetingLogModel.ATTENDANCE).data() == "Missed"
    assert model.index(1, MeetingLogModel.RATING).data() == ""
    assert model.meeting_on(dt.date(2026, 10, 1)) is not None
    assert model.meeting_on(dt.date(2026, 10, 2)) is None


def test_member_list_model_lists_the_people_of_a_group(qapp, journal, clock, qtmodeltester):
    ada = _person("Ada", "Lovelace", clock)
    grace = _person("Grace", "Hopper", clock)
    club = _group("Chamber breakfast", clock)
    _meeting(club, dt.date(2026, 11, 3), clock, people_ids=[grace, ada])

    model = MemberListModel()
    model.set_members(group_card(club).members)
    qtmodeltester.check(model)

    assert model.rowCount() == 2
    assert {model.contact_id(0), model.contact_id(1)} == {ada, grace}
    assert sorted(model.names()) == ["Ada Lovelace", "Grace Hopper"]
    assert model.index(0, 0).data(IdRole) == model.contact_id(0)
    model.set_members([])
    assert model.rowCount() == 0
