"""Tab walks the contact form's added rows where they are drawn: above Add and Save."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWidget

from journal.core.contacts import ChannelDraft, ContactDraft, RelationDraft, create_contact
from journal.ui.dialogs.contact_form import ContactForm


def _tab(qtbot, widget: QWidget) -> QWidget | None:  # type: ignore[no-untyped-def]
    widget.setFocus(Qt.FocusReason.TabFocusReason)
    qtbot.waitUntil(widget.hasFocus)
    qtbot.keyClick(widget, Qt.Key.Key_Tab)
    return widget.window().focusWidget()


def _opened(qtbot, bus, contact_id, clock, tab: int) -> ContactForm:  # type: ignore[no-untyped-def]
    form = ContactForm(bus, contact_id, clock)
    qtbot.addWidget(form)
    form.show()
    qtbot.waitExposed(form)
    form.tabs.setCurrentIndex(tab)
    return form


def test_tab_goes_from_the_tabs_through_the_channels_to_add_then_save(
    qtbot, journal, bus, clock
) -> None:  # type: ignore[no-untyped-def]
    jane = create_contact(
        ContactDraft(
            given_name="Jane",
            channels=[ChannelDraft("email", "jane@example.com"), ChannelDraft("phone", "123")],
        ),
        clock,
    ).value
    form = _opened(qtbot, bus, jane, clock, 2)
    rows = form.channels._rows
    assert _tab(qtbot, form.tabs.tabBar()) is rows[0].kind
    assert _tab(qtbot, rows[0].remove) is rows[1].kind
    assert _tab(qtbot, rows[1].remove) is form.channels.add_button
    assert _tab(qtbot, form.channels.add_button) is form.save_button

    # A row added by the button joins the walk before the button, not after Cancel.
    qtbot.mouseClick(form.channels.add_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(rows[2].kind.isVisible)
    assert _tab(qtbot, rows[1].remove) is rows[2].kind
    assert _tab(qtbot, rows[2].remove) is form.channels.add_button


def test_tab_goes_through_the_relationships_then_to_the_picker(qtbot, journal, bus, clock) -> None:  # type: ignore[no-untyped-def]
    omar = create_contact(ContactDraft(given_name="Omar"), clock).value
    priya = create_contact(ContactDraft(given_name="Priya"), clock).value
    jane = create_contact(
        ContactDraft(given_name="Jane", relations=[RelationDraft(omar, "spouse")]), clock
    ).value
    form = _opened(qtbot, bus, jane, clock, 4)
    editor = form.relations
    picker_input = editor.picker.focusProxy() or editor.picker
    assert _tab(qtbot, form.tabs.tabBar()) is editor._rows[0].kind
    assert _tab(qtbot, editor._rows[0].remove) is picker_input

    editor.picker.set_contact_ids([priya])
    editor.picker.changed.emit()
    qtbot.waitUntil(editor._rows[1].kind.isVisible)
    assert _tab(qtbot, editor._rows[0].remove) is editor._rows[1].kind
    assert _tab(qtbot, editor._rows[1].remove) is picker_input
    assert _tab(qtbot, picker_input) is form.save_button
