"""Forms start where a user expects: amounts in the default currency, captions as elsewhere."""

from __future__ import annotations

from decimal import Decimal

from PySide6.QtCore import Qt

from journal.core.settings import set_default_currency
from journal.store.models import Interaction
from journal.ui.dialogs.group_form import GroupForm
from journal.ui.dialogs.interaction_form import InteractionForm


def _entry_form(qtbot, bus, clock) -> InteractionForm:  # type: ignore[no-untyped-def]
    form = InteractionForm(bus, None, clock=clock)
    qtbot.addWidget(form)
    form.show()
    return form


def test_a_value_logged_without_choosing_a_currency_is_in_the_default_one(
    qtbot, journal, bus, clock
) -> None:  # type: ignore[no-untyped-def]
    set_default_currency("CHF")
    form = _entry_form(qtbot, bus, clock)
    assert form.currency.currentText() == "CHF"
    qtbot.keyClicks(form.summary, "Sold the workshop")
    qtbot.keyClicks(form.amount, "1200")
    qtbot.mouseClick(form.save_button, Qt.MouseButton.LeftButton)
    stored = Interaction.get()
    assert (stored.amount, stored.currency) == (Decimal(1200), "CHF")


def test_an_entry_without_an_amount_keeps_no_currency(qtbot, journal, bus, clock) -> None:  # type: ignore[no-untyped-def]
    set_default_currency("CHF")
    form = _entry_form(qtbot, bus, clock)
    qtbot.keyClicks(form.summary, "Coffee")
    qtbot.mouseClick(form.save_button, Qt.MouseButton.LeftButton)
    assert (Interaction.get().amount, Interaction.get().currency) == (None, "")


def test_a_new_groups_dues_start_in_the_default_currency(qtbot, journal, bus, clock) -> None:  # type: ignore[no-untyped-def]
    set_default_currency("SEK")
    form = GroupForm(bus, clock)
    qtbot.addWidget(form)
    assert form.currency_combo.currentText() == "SEK"


def test_the_group_forms_captions_read_as_the_other_forms_do(qtbot, journal, bus, clock) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtWidgets import QLabel

    form = GroupForm(bus, clock)
    qtbot.addWidget(form)
    captions = [label.text() for label in form.findChildren(QLabel) if label.buddy() is not None]
    assert "&Name:" in captions and "D&ues:" in captions
    assert all(text.endswith(":") for text in captions), captions
    assert form.joined.known.text() == "known"  # as in the contact form
