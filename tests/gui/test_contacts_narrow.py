"""The contact list in a narrow page: columns give way to the name, nothing scrolls sideways."""

from __future__ import annotations

from journal.core.contacts import ContactDraft, create_contact
from journal.ui.models.contact_list_model import ContactListModel
from journal.ui.views.contacts_view import ContactsView

M = ContactListModel


def _shown(view: ContactsView) -> list[int]:
    table = view.table
    return [c for c in range(view.model.columnCount()) if not table.isColumnHidden(c)]


def _fits(view: ContactsView) -> bool:
    table = view.table
    return table.horizontalHeader().length() <= table.viewport().width()


def test_columns_give_way_as_the_list_narrows_and_come_back(qtbot, bus, clock) -> None:  # type: ignore[no-untyped-def]
    create_contact(
        ContactDraft(given_name="Maximiliane", family_name="Hohenzollern", organisation="Acme")
    )
    view = ContactsView(bus, clock)
    qtbot.addWidget(view)
    view.resize(1400, 700)
    view.show()
    qtbot.waitExposed(view)
    view.splitter.setSizes([900, 500])
    qtbot.waitUntil(
        lambda: _shown(view) == [M.NAME, M.ORGANISATION, M.STAGE, M.TAGS, M.LAST_CONTACT]
    )
    assert _fits(view)
    # The user drags the splitter: tags go first, then the stage, then the last contact.
    view.splitter.setSizes([520, 880])
    qtbot.waitUntil(lambda: M.TAGS not in _shown(view))
    assert M.NAME in _shown(view) and M.LAST_CONTACT in _shown(view)
    assert _fits(view)
    view.splitter.setSizes([330, 1070])
    qtbot.waitUntil(lambda: _shown(view) == [M.NAME, M.ORGANISATION])
    assert _fits(view)
    # The name kept a readable width, not the 60 pixels it had behind a sideways scroll bar.
    assert view.table.columnWidth(M.NAME) >= 100
    view.splitter.setSizes([900, 500])
    qtbot.waitUntil(lambda: len(_shown(view)) == 5)
    assert view.table.columnWidth(M.TAGS) == 110  # back at the width it had
