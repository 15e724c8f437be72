"""The entry form's meeting: only the chosen group's meetings, none without a group."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QPushButton

from journal.core.groups import GroupDraft, create_group
from journal.core.interactions import InteractionDraft, log_interaction
from journal.core.meetings import MeetingDraft, record_meeting
from journal.store.models import Interaction
from journal.ui.dialogs.interaction_form import InteractionForm


@pytest.fixture
def groups(journal, clock) -> dict[str, int]:  # type: ignore[no-untyped-def]
    """BNI with meetings on 17 and 10 November, the Chamber with one on 18 November."""
    bni = create_group(GroupDraft(name="BNI"), clock).value
    chamber = create_group(GroupDraft(name="Chamber"), clock).value
    ids = {"bni": bni, "chamber": chamber}
    for name, gid, day in (
        ("bni 17", bni, 17),
        ("bni 10", bni, 10),
        ("chamber 18", chamber, 18),
    ):
        ids[name] = record_meeting(MeetingDraft(gid, dt.date(2026, 11, day)), clock).value
    return ids


def _form(qtbot, bus, clock, interaction_id: int | None = None) -> InteractionForm:  # type: ignore[no-untyped-def]
    form = InteractionForm(bus, interaction_id, clock=clock)
    qtbot.addWidget(form)
    form.show()
    return form


def _offered(form: InteractionForm) -> list[int | None]:
    return [form.meeting.itemData(i) for i in range(form.meeting.count())]


def _choose_group(qtbot, form: InteractionForm, name: str) -> None:  # type: ignore[no-untyped-def]
    """Pick the group with the arrow keys, from the top of the list, as a keyboard user does."""
    form.group.setFocus()
    qtbot.keyClick(form.group, Qt.Key.Key_Home)
    for _ in range(form.group.count()):
        if form.group.currentText() == name:
            return
        qtbot.keyClick(form.group, Qt.Key.Key_Down)
    raise AssertionError(f"no group {name!r} in the form")


def test_meetings_follow_the_group_chosen(qtbot, bus, clock, groups) -> None:  # type: ignore[no-untyped-def]
    form = _form(qtbot, bus, clock)
    meeting = form.findChild(QComboBox, "meeting")
    assert not meeting.isVisibleTo(form)  # no group, no meeting

    _choose_group(qtbot, form, "BNI")
    assert meeting.isVisibleTo(form)
    assert _offered(form) == [None, groups["bni 17"], groups["bni 10"]]  # latest first
    meeting.setFocus()
    qtbot.keyClick(meeting, Qt.Key.Key_Down)
    assert meeting.currentData() == groups["bni 17"]

    _choose_group(qtbot, form, "Chamber")
    assert _offered(form) == [None, groups["chamber 18"]]
    assert meeting.currentData() is None  # BNI's meeting did not follow the entry

    form.group.setFocus()
    qtbot.keyClick(form.group, Qt.Key.Key_Home)  # "(none)"
    assert form.group.currentData() is None
    assert not meeting.isVisibleTo(form)
    assert form.draft().meeting_id is None


def test_a_meeting_chosen_is_saved(qtbot, bus, clock, groups) -> None:  # type: ignore[no-untyped-def]
    form = _form(qtbot, bus, clock)
    qtbot.keyClicks(form.summary, "Met the florist")
    _choose_group(qtbot, form, "BNI")
    form.meeting.setFocus()
    qtbot.keyClick(form.meeting, Qt.Key.Key_End)  # the earliest, 10 November
    qtbot.mouseClick(form.findChild(QPushButton, "saveInteraction"), Qt.MouseButton.LeftButton)
    assert form.result() == form.DialogCode.Accepted
    stored = Interaction.get_by_id(form.saved_id)
    assert (stored.group_id, stored.meeting_id) == (groups["bni"], groups["bni 10"])


def test_moving_an_entry_to_another_group_leaves_its_meeting(qtbot, bus, clock, groups) -> None:  # type: ignore[no-untyped-def]
    draft = InteractionDraft(
        "meeting", clock.now(), "Breakfast", group_id=groups["bni"], meeting_id=groups["bni 17"]
    )
    entry = log_interaction(draft, clock).value
    form = _form(qtbot, bus, clock, entry)
    assert form.meeting.currentData() == groups["bni 17"]  # the form shows where it was

    _choose_group(qtbot, form, "Chamber")
    qtbot.mouseClick(form.findChild(QPushButton, "saveInteraction"), Qt.MouseButton.LeftButton)
    assert form.result() == form.DialogCode.Accepted
    stored = Interaction.get_by_id(entry)
    assert (stored.group_id, stored.meeting_id) == (groups["chamber"], None)


def test_a_link_to_another_groups_meeting_shows_and_saves_as_none(
    qtbot, bus, clock, groups
) -> None:  # type: ignore[no-untyped-def]
    entry = log_interaction(
        InteractionDraft("coffee", clock.now(), "Coffee", group_id=groups["bni"]), clock
    ).value
    # As an older version could leave it: at the Chamber's meeting while through BNI.
    Interaction.update(meeting=groups["chamber 18"]).where(Interaction.id == entry).execute()
    form = _form(qtbot, bus, clock, entry)
    assert form.meeting.currentData() is None
    qtbot.mouseClick(form.findChild(QPushButton, "saveInteraction"), Qt.MouseButton.LeftButton)
    assert form.result() == form.DialogCode.Accepted
    assert Interaction.get_by_id(entry).meeting_id is None
