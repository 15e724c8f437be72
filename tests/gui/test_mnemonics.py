"""Every form's captions work from the keyboard: Alt and the underlined letter puts the
cursor in that caption's field (a field made of several widgets included)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QApplication, QDialog, QLabel, QWidget

from journal.core.groups import GroupDraft, create_group
from journal.ui.dialogs.contact_form import ContactForm
from journal.ui.dialogs.followup_form import FollowUpForm
from journal.ui.dialogs.group_form import GroupForm
from journal.ui.dialogs.interaction_form import InteractionForm
from journal.ui.dialogs.meeting_form import MeetingForm
from journal.ui.dialogs.passphrase_dialog import CurrentPassphraseDialog

FORMS: dict[str, Callable[..., QDialog]] = {
    "entry": lambda bus, clock: InteractionForm(bus, clock=clock),
    "contact": lambda bus, clock: ContactForm(bus, None, clock),
    "current passphrase": lambda bus, clock: CurrentPassphraseDialog("", lambda typed: False),
    "follow-up": lambda bus, clock: FollowUpForm(bus, clock=clock),
    "group": lambda bus, clock: GroupForm(bus, clock),
    "meeting": lambda bus, clock: MeetingForm(
        bus, create_group(GroupDraft(name="BNI", joined_on=dt.date(2024, 1, 1)), clock).value, clock
    ),
}


def _holds_focus(buddy: QWidget, focused: QWidget | None) -> bool:
    return focused is not None and (focused is buddy or buddy.isAncestorOf(focused))


@pytest.mark.parametrize("name", sorted(FORMS))
def test_each_caption_letter_reaches_its_field(qtbot, journal, bus, clock, name: str) -> None:  # type: ignore[no-untyped-def]
    form = FORMS[name](bus, clock)
    qtbot.addWidget(form)
    form.show()
    form.activateWindow()  # shortcuts, mnemonics included, act in the active window only
    qtbot.waitUntil(lambda: QApplication.activeWindow() is form)
    captions = [
        label
        for label in form.findChildren(QLabel)
        if label.buddy() is not None
        and label.isVisibleTo(form)
        and label.buddy().isVisibleTo(form)
        and not QKeySequence.mnemonic(label.text()).isEmpty()
    ]
    assert captions, "no captions with a mnemonic found"
    missed = []
    for label in captions:
        key = QKeySequence.mnemonic(label.text())[0].key()
        qtbot.keyClick(form, key, Qt.KeyboardModifier.AltModifier)
        if not _holds_focus(label.buddy(), form.focusWidget()):
            missed.append(label.text())
    assert missed == [], f"{name} form: these captions do not reach their field: {missed}"
