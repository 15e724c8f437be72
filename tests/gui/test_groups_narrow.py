"""The Groups page in a 1000-pixel window: the detail gets its room, the list stays readable."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import Qt

from journal.core.groups import GroupDraft, create_group
from journal.core.meetings import MeetingDraft, record_meeting
from journal.ui.models.group_models import GroupListModel, MeetingLogModel
from journal.ui.views.groups_view import GroupsView
from journal.ui.widgets.tables import text_width

OPTIONAL = (GroupListModel.REQUIRED, GroupListModel.LAST_MEETING)


def _page(qtbot, bus, clock, size: tuple[int, int]) -> GroupsView:  # type: ignore[no-untyped-def]
    club = create_group(
        GroupDraft(
            name="Sunrise Breakfast Club",
            joined_on=dt.date(2025, 1, 6),
            meeting_cadence="weekly",
            required_attendance_pct=80,
        ),
        clock=clock,
    ).value
    record_meeting(
        MeetingDraft(club, clock.today(), rating="worth_it", notes="Pricing talk"), clock=clock
    )
    view = GroupsView(bus, clock)
    qtbot.addWidget(view)
    view.resize(*size)
    view.show()
    qtbot.waitExposed(view)
    # Chosen as a person does, by clicking the group in the list.
    table = view.groups_table
    qtbot.mouseClick(
        table.viewport(),
        Qt.MouseButton.LeftButton,
        pos=table.visualRect(view.groups_model.index(0, GroupListModel.NAME)).center(),
    )
    qtbot.waitUntil(lambda: view.title_label.text() == "Sunrise Breakfast Club")
    return view


def test_a_narrow_page_gives_the_detail_its_room_and_keeps_name_and_attendance(
    qtbot, bus, clock
) -> None:  # type: ignore[no-untyped-def]
    # What the page gets in a 1000 × 700 window. The list took half of it; both panes, the
    # list and the meeting log, scrolled sideways.
    view = _page(qtbot, bus, clock, (800, 620))
    table = view.groups_table
    qtbot.waitUntil(lambda: table.horizontalScrollBar().maximum() == 0)
    qtbot.waitUntil(lambda: view.meetings_table.horizontalScrollBar().maximum() == 0)
    list_width, detail_width = view.splitter.sizes()
    assert detail_width > 1.5 * list_width
    assert all(table.isColumnHidden(column) for column in OPTIONAL)
    for column in (GroupListModel.NAME, GroupListModel.ATTENDANCE):
        assert not table.isColumnHidden(column)
        shown = view.groups_model.index(0, column).data()
        assert table.columnWidth(column) >= text_width(table, shown)
    # The review buttons take two lines rather than holding the list wide.
    assert view.past_reviews_button.y() > view.review_button.y()
    assert view.past_reviews_button.x() == view.review_button.x()


@pytest.mark.parametrize("size", [(1090, 720), (1210, 830)])  # 1280 × 800 and 1400 × 900
def test_a_wide_page_keeps_every_list_column_and_one_row_of_buttons(qtbot, bus, clock, size):  # type: ignore[no-untyped-def]
    view = _page(qtbot, bus, clock, size)
    qtbot.waitUntil(lambda: view.groups_table.horizontalScrollBar().maximum() == 0)
    assert not any(view.groups_table.isColumnHidden(column) for column in OPTIONAL)
    assert view.past_reviews_button.y() == view.review_button.y()


def test_dragging_the_list_narrow_drops_its_optional_columns_and_back(qtbot, bus, clock) -> None:  # type: ignore[no-untyped-def]
    view = _page(qtbot, bus, clock, (1210, 830))
    total = sum(view.splitter.sizes())
    view.splitter.setSizes([300, total - 300])
    qtbot.waitUntil(lambda: all(view.groups_table.isColumnHidden(c) for c in OPTIONAL))
    assert view.groups_table.horizontalScrollBar().maximum() == 0
    view.splitter.setSizes([600, total - 600])
    qtbot.waitUntil(lambda: not any(view.groups_table.isColumnHidden(c) for c in OPTIONAL))


def test_columns_the_app_moves_are_not_taken_for_the_users(qtbot, bus, clock) -> None:  # type: ignore[no-untyped-def]
    view = _page(qtbot, bus, clock, (1210, 830))
    header = view.groups_table.horizontalHeader()
    header.resizeSection(GroupListModel.NAME, 260)  # the user's
    total = sum(view.splitter.sizes())
    # The last meeting stretches with the list, and showing the optional columns again
    # gives the attendance, which stretched while they were hidden, its width back.
    view.splitter.setSizes([300, total - 300])
    qtbot.waitUntil(lambda: all(view.groups_table.isColumnHidden(c) for c in OPTIONAL))
    view.splitter.setSizes([700, total - 700])
    qtbot.waitUntil(lambda: not any(view.groups_table.isColumnHidden(c) for c in OPTIONAL))
    view.splitter.setSizes([800, total - 800])
    qtbot.waitUntil(lambda: header.sectionSize(GroupListModel.LAST_MEETING) > 200)
    assert view.list_hand_sized.widths == {GroupListModel.NAME: 260}
    log = view.meetings_table.horizontalHeader()
    log.resizeSection(MeetingLogModel.PEOPLE, 150)
    view.resize(1300, 830)  # the notes stretch with the page
    qtbot.waitUntil(lambda: view.splitter.sizes()[1] > total - 800)
    assert view.log_hand_sized.widths == {MeetingLogModel.PEOPLE: 150}
