"""The Contacts page driven like a user: typing, clicking, keys."""

from __future__ import annotations

from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QLineEdit, QPushButton, QStackedWidget

from journal.core.contact_queries import ContactFilter, contact_card, contact_ids
from journal.core.contacts import ChannelDraft, ContactDraft, create_contact
from journal.ui.dialogs.contact_form import ContactForm
from journal.ui.views.contacts_view import ContactsView


def _view(qtbot, bus, clock) -> ContactsView:  # type: ignore[no-untyped-def]
    view = ContactsView(bus, clock)
    qtbot.addWidget(view)
    view.resize(1000, 600)
    view.show()
    return view


def test_empty_journal_shows_the_welcome_page(qtbot, bus, clock, on_dialog) -> None:  # type: ignore[no-untyped-def]
    view = _view(qtbot, bus, clock)
    pages = view.findChild(QStackedWidget)
    assert pages.currentWidget().objectName() == "welcome"
    assert view.findChild(QPushButton, "welcomeDemo").isVisible()


def test_adding_a_contact_through_the_form(qtbot, bus, clock, on_dialog) -> None:  # type: ignore[no-untyped-def]
    view = _view(qtbot, bus, clock)

    def fill(dialog) -> None:  # type: ignore[no-untyped-def]
        qtbot.keyClicks(dialog.findChild(QLineEdit, "givenName"), "Jane")
        qtbot.keyClicks(dialog.findChild(QLineEdit, "familyName"), "Doe")
        qtbot.keyClicks(dialog.findChild(QLineEdit, "organisation"), "Acme")
        qtbot.keyClicks(dialog.findChild(QLineEdit, "tags"), "accounting, friend")
        qtbot.mouseClick(dialog.findChild(QPushButton, "saveContact"), Qt.MouseButton.LeftButton)

    problems = on_dialog(fill)
    qtbot.mouseClick(view.findChild(QPushButton, "welcomeAdd"), Qt.MouseButton.LeftButton)
    assert problems == []
    stored = contact_ids()
    assert len(stored) == 1
    card = contact_card(stored[0])
    assert card.contact.display_name == "Jane Doe"
    assert card.tags == ["accounting", "friend"]
    # The list left the welcome page, shows and selects the new person.
    assert view.pages.currentIndex() == 0
    assert view.model.rowCount() == 1
    assert view.selected_id() == stored[0]
    assert "Jane Doe" in view.detail.card.text()


def test_adding_someone_already_there_asks_first(qtbot, bus, dialogs, clock) -> None:  # type: ignore[no-untyped-def]
    omar = create_contact(
        ContactDraft(given_name="Omar", family_name="Haddad", organisation="Kite"), clock
    ).value
    form = ContactForm(bus, None, clock)
    qtbot.addWidget(form)
    qtbot.keyClicks(form.findChild(QLineEdit, "givenName"), "omar")
    qtbot.keyClicks(form.findChild(QLineEdit, "familyName"), "haddad")
    save = form.findChild(QPushButton, "saveContact")
    # "Go back": nothing stored, the form stays open to be changed or cancelled.
    dialogs.confirm_answers = [False]
    qtbot.mouseClick(save, Qt.MouseButton.LeftButton)
    kind, title, text = dialogs.shown[-1]
    assert (kind, title) == ("confirm", "Already in your journal?")
    assert "• Omar Haddad — Kite (the same name)" in text
    assert contact_ids() == [omar] and form.saved_id is None
    # "Add anyway": a namesake is someone else.
    dialogs.confirm_answers = [True]
    qtbot.mouseClick(save, Qt.MouseButton.LeftButton)
    assert form.saved_id is not None and sorted(contact_ids()) == [omar, form.saved_id]


def test_editing_someone_asks_nothing_of_their_own_name(qtbot, bus, dialogs, clock) -> None:  # type: ignore[no-untyped-def]
    omar = create_contact(ContactDraft(given_name="Omar", family_name="Haddad"), clock).value
    form = ContactForm(bus, omar, clock)
    qtbot.addWidget(form)
    qtbot.mouseClick(form.findChild(QPushButton, "saveContact"), Qt.MouseButton.LeftButton)
    assert form.saved_id == omar and dialogs.shown == []


def test_a_form_with_no_name_says_so_and_stays_open(qtbot, bus, clock, on_dialog) -> None:  # type: ignore[no-untyped-def]
    view = _view(qtbot, bus, clock)
    seen: dict[str, object] = {}

    def save_empty(dialog) -> None:  # type: ignore[no-untyped-def]
        qtbot.mouseClick(dialog.findChild(QPushButton, "saveContact"), Qt.MouseButton.LeftButton)
        seen["visible"] = dialog.isVisible()
        seen["banner"] = dialog.banner.text()
        dialog.reject()

    problems = on_dialog(save_empty)
    view.new_contact()
    assert problems == []
    assert seen["visible"] is True
    assert "Name" in str(seen["banner"])
    assert contact_ids() == []


def test_search_as_you_type_narrows_the_list(qtbot, bus, clock, on_dialog) -> None:  # type: ignore[no-untyped-def]
    for given, family, org in (
        ("Jane", "Doe", "Acme"),
        ("Omar", "Haddad", "Northwind"),
        ("Émile", "Zola", ""),
        ("小明", "王", ""),
    ):
        create_contact(ContactDraft(given_name=given, family_name=family, organisation=org))
    view = _view(qtbot, bus, clock)
    assert view.model.rowCount() == 4
    qtbot.keyClicks(view.search, "north")
    assert view.model.rowCount() == 1
    assert view.model.data(view.model.index(0, 0)) == "Omar Haddad"
    view.search.clear()
    qtbot.keyClicks(view.search, "emile")
    assert [view.model.data(view.model.index(r, 0)) for r in range(view.model.rowCount())] == [
        "Émile Zola"
    ]
    view.search.clear()
    # QTest can only synthesise ASCII key presses; non-Latin text arrives as an input-method
    # commit in real life, which ends in the same textChanged as setText.
    view.search.setText("王")
    assert view.model.rowCount() == 1
    view.search.clear()
    qtbot.keyClicks(view.search, "nobody-like-this")
    assert view.model.rowCount() == 0
    assert view.count_label.text() == "No one matches “nobody-like-this”"
    view.search.clear()
    assert view.count_label.text() == "4 contacts"


def test_a_phone_number_typed_or_pasted_finds_its_owner(qtbot, bus, clock, on_dialog) -> None:  # type: ignore[no-untyped-def]
    for given, phone in (("Jane", "+1 (555) 492-3566"), ("Omar", "020 7946 0958")):
        create_contact(ContactDraft(given_name=given, channels=[ChannelDraft("phone", phone)]))
    view = _view(qtbot, bus, clock)
    qtbot.keyClicks(view.search, "5554923566")  # as a call log shows it
    assert [view.model.data(view.model.index(r, 0)) for r in range(view.model.rowCount())] == [
        "Jane"
    ]
    view.search.clear()
    view.search.setText("+44 20 7946 0958")  # pasted whole, with its country code
    assert view.model.rowCount() == 1
    assert view.model.data(view.model.index(0, 0)) == "Omar"


def test_editing_from_the_detail_pane_updates_list_and_card(qtbot, bus, clock, on_dialog) -> None:  # type: ignore[no-untyped-def]
    cid = create_contact(
        ContactDraft(
            given_name="Jane",
            family_name="Doe",
            channels=[ChannelDraft("email", "jane@example.com")],
        )
    ).value
    view = _view(qtbot, bus, clock)
    view.select_contact(cid)

    def rename(dialog) -> None:  # type: ignore[no-untyped-def]
        family = dialog.findChild(QLineEdit, "familyName")
        family.selectAll()
        qtbot.keyClicks(family, "Smith")
        qtbot.mouseClick(dialog.findChild(QPushButton, "saveContact"), Qt.MouseButton.LeftButton)

    problems = on_dialog(rename)
    qtbot.mouseClick(view.detail.edit_button, Qt.MouseButton.LeftButton)
    assert problems == []
    assert view.model.data(view.model.index(0, 0)) == "Jane Smith"
    assert "Jane Smith" in view.detail.card.text()
    assert "jane@example.com" in view.detail.card.text()  # channels survived the edit


def test_archive_hides_and_show_archived_brings_back(qtbot, bus, clock, on_dialog) -> None:  # type: ignore[no-untyped-def]
    cid = create_contact(ContactDraft(given_name="Old", family_name="Friend")).value
    create_contact(ContactDraft(given_name="New", family_name="Friend"))
    view = _view(qtbot, bus, clock)
    view.select_contact(cid)
    qtbot.mouseClick(view.detail.archive_button, Qt.MouseButton.LeftButton)
    assert view.model.rowCount() == 1
    assert contact_ids(ContactFilter(include_archived=True)) != contact_ids()
    view.show_archived.setChecked(True)
    assert view.model.rowCount() == 2


def test_delete_asks_first(qtbot, bus, clock, dialogs, on_dialog) -> None:  # type: ignore[no-untyped-def]
    cid = create_contact(ContactDraft(given_name="Jane", family_name="Doe")).value
    create_contact(ContactDraft(given_name="Omar", family_name="Haddad"))
    view = _view(qtbot, bus, clock)
    view.select_contact(cid)
    dialogs.confirm_answers = [False, True]
    view.table.setFocus()
    qtbot.keyClick(view.table, Qt.Key.Key_Delete)
    assert cid in contact_ids()
    qtbot.mouseClick(view.detail.delete_button, Qt.MouseButton.LeftButton)
    assert cid not in contact_ids()
    assert [kind for kind, *_ in dialogs.shown] == ["confirm", "confirm"]
    assert view.model.rowCount() == 1


def test_a_delete_moves_on_to_the_next_person_and_offers_undo(qtbot, bus, clock, dialogs) -> None:  # type: ignore[no-untyped-def]
    ids = [create_contact(ContactDraft(given_name=n), clock).value for n in ("Ana", "Jane", "Omar")]
    view = _view(qtbot, bus, clock)
    view.select_contact(ids[1])
    dialogs.confirm_answers = [True]
    view.table.setFocus()
    qtbot.keyClick(view.table, Qt.Key.Key_Delete)
    (_kind, _title, question, *_rest) = dialogs.shown[0]
    assert "for good" not in question and "Edit → Undo brings them back" in question
    assert view.selected_id() == ids[2]  # Omar, below Jane, took her place
    assert view.undo_bar.isVisible() and view.undo_bar.message.text() == "Deleted Jane."
    qtbot.mouseClick(view.undo_bar.undo, Qt.MouseButton.LeftButton)
    assert sorted(contact_ids()) == ids
    assert not view.undo_bar.isVisible()
    # The last one deleted: the one above it is chosen.
    view.select_contact(ids[2])
    dialogs.confirm_answers = [True]
    qtbot.keyClick(view.table, Qt.Key.Key_Delete)
    assert view.selected_id() == ids[1]


def test_a_delete_that_fails_offers_no_undo(qtbot, bus, clock, dialogs) -> None:  # type: ignore[no-untyped-def]
    from journal.core import trash

    jane = create_contact(ContactDraft(given_name="Jane"), clock).value
    view = _view(qtbot, bus, clock)
    view.select_contact(jane)
    trash.delete_contact(jane)  # gone meanwhile (the command line, another window)
    dialogs.confirm_answers = [True]
    view.delete_contact(jane)
    assert not view.undo_bar.isVisible()
    assert [kind for kind, *_ in dialogs.shown] == ["confirm", "error"]


def test_ctrl_home_and_end_select_the_first_and_last_person(qtbot, bus, clock) -> None:  # type: ignore[no-untyped-def]
    for name in ("Ana", "Jane", "Omar"):
        create_contact(ContactDraft(given_name=name), clock)
    view = _view(qtbot, bus, clock)
    view.table.setFocus()
    qtbot.mouseClick(
        view.table.viewport(),
        Qt.MouseButton.LeftButton,
        pos=view.table.visualRect(view.model.index(1, 0)).center(),
    )

    def selected() -> list[int]:
        return [index.row() for index in view.table.selectionModel().selectedRows()]

    assert selected() == [1]
    qtbot.keyClick(view.table, Qt.Key.Key_End, Qt.KeyboardModifier.ControlModifier)
    assert selected() == [2] and view.table.currentIndex().row() == 2
    qtbot.keyClick(view.table, Qt.Key.Key_Home, Qt.KeyboardModifier.ControlModifier)
    assert selected() == [0] and view.table.currentIndex().row() == 0
    # With Shift, the selection grows to the end, as in any list.
    qtbot.keyClick(
        view.table,
        Qt.Key.Key_End,
        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
    )
    assert selected() == [0, 1, 2]


def test_list_keys_delete_and_escape_clears_the_search(qtbot, bus, clock, dialogs) -> None:  # type: ignore[no-untyped-def]
    jane = create_contact(ContactDraft(given_name="Jane"), clock).value
    omar = create_contact(ContactDraft(given_name="Omar"), clock).value
    view = _view(qtbot, bus, clock)
    qtbot.keyClicks(view.search, "zz")
    assert view.model.rowCount() == 0
    qtbot.keyClick(view.search, Qt.Key.Key_Escape)
    assert view.search.text() == "" and view.model.rowCount() == 2
    view.table.setFocus()
    view.table.setCurrentIndex(view.model.index(view.model.row_of(omar), 0))
    dialogs.confirm_answers = [False]
    qtbot.keyClick(view.table, Qt.Key.Key_Delete)  # asked, and the answer was no
    assert sorted(contact_ids()) == [jane, omar]
    dialogs.confirm_answers = [True]
    qtbot.keyClick(view.table, Qt.Key.Key_Delete)
    assert contact_ids() == [jane]


def test_an_arabic_name_and_need_line_up_with_the_rest_of_the_card(qtbot, bus, clock) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QTextDocument

    create_contact(
        ContactDraft(
            given_name="محمد",
            family_name="عبد الرحمن",
            needs="شريك في التسويق",
        )
    )
    view = _view(qtbot, bus, clock)
    view.table.setFocus()
    qtbot.keyClick(view.table, Qt.Key.Key_Home)
    document = QTextDocument()
    document.setHtml(view.detail.card.text())
    directions = {}
    block = document.begin()
    while block.isValid():
        directions[block.text()] = block.textDirection()
        block = block.next()
    # The heading and the facts run the application's way (left to right here): they no
    # longer sit alone at the card's far edge; the text itself still reads right to left.
    assert directions["محمد عبد الرحمن"] == Qt.LayoutDirection.LeftToRight
    assert directions["شريك في التسويق"] == Qt.LayoutDirection.LeftToRight


def test_the_photo_a_vcard_brought_shows_beside_the_card(qtbot, bus, clock) -> None:  # type: ignore[no-untyped-def]
    import base64

    from PySide6.QtCore import QBuffer, QByteArray, QIODevice
    from PySide6.QtGui import QColor, QImage

    from journal.core.importing import apply_import, plan_import
    from journal.interchange.reading import read_import_bytes

    picture = QImage(400, 300, QImage.Format.Format_RGB32)
    picture.fill(QColor("#336699"))
    png = QByteArray()
    buffer = QBuffer(png)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    picture.save(buffer, "PNG")
    inline = base64.b64encode(bytes(png.data())).decode()
    card = (
        "BEGIN:VCARD\r\nVERSION:4.0\r\nFN:Ada Photo\r\nN:Photo;Ada;;;\r\n"
        f"PHOTO:data:image/png;base64,{inline}\r\nEND:VCARD\r\n"
        "BEGIN:VCARD\r\nVERSION:4.0\r\nFN:Bo Plain\r\nN:Plain;Bo;;;\r\nEND:VCARD\r\n"
    )
    found = read_import_bytes(card.encode(), "team.vcf")
    apply_import(plan_import(found, clock), clock=clock)
    view = _view(qtbot, bus, clock)
    qtbot.waitExposed(view)
    view.table.setFocus()
    qtbot.keyClick(view.table, Qt.Key.Key_Home)  # Ada Photo, first by name
    assert "Ada Photo" in view.detail.card.text()
    photo = view.detail.photo
    assert photo.isVisible() and not photo.pixmap().isNull()
    assert 0 < photo.pixmap().width() <= 400 and photo.pixmap().height() < 300  # a thumbnail
    qtbot.keyClick(view.table, Qt.Key.Key_Down)  # Bo Plain: no photo
    assert "Bo Plain" in view.detail.card.text()
    assert not photo.isVisible()


def test_a_column_a_narrow_list_hides_and_shows_is_not_sized_by_hand(qtbot, bus, clock) -> None:  # type: ignore[no-untyped-def]
    from journal.ui.models.contact_list_model import ContactListModel

    create_contact(ContactDraft(given_name="Jane", family_name="Doe"))
    view = ContactsView(bus, clock)
    qtbot.addWidget(view)
    view.resize(1400, 700)
    view.show()
    qtbot.waitExposed(view)
    table = view.table
    qtbot.waitUntil(lambda: not table.isColumnHidden(ContactListModel.LAST_CONTACT))
    view.resize(500, 700)
    qtbot.waitUntil(lambda: table.isColumnHidden(ContactListModel.LAST_CONTACT))
    view.resize(1400, 700)
    qtbot.waitUntil(lambda: not table.isColumnHidden(ContactListModel.LAST_CONTACT))
    assert view.hand_sized.widths == {}
    table.horizontalHeader().resizeSection(ContactListModel.STAGE, 150)  # as a drag does
    assert view.hand_sized.widths == {ContactListModel.STAGE: 150}


def _edit_through_the_detail_pane(qtbot, view, on_dialog, act) -> list[str]:  # type: ignore[no-untyped-def]
    """Click the detail pane's Edit… and run `act` on the form that opens."""
    view.select_contact(contact_ids()[0])
    problems = on_dialog(act)
    button = view.detail.edit_button
    assert button.isVisible() and button.isEnabled()
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    return problems


def test_saving_the_form_unchanged_keeps_a_comma_tag(qtbot, bus, clock, on_dialog) -> None:  # type: ignore[no-untyped-def]
    create_contact(ContactDraft(given_name="A", family_name="B", tags=["a,b", "friend"]), clock)
    view = _view(qtbot, bus, clock)
    shown: list[str] = []

    def save_as_is(dialog) -> None:  # type: ignore[no-untyped-def]
        shown.append(dialog.findChild(QLineEdit, "tags").text())
        qtbot.mouseClick(dialog.findChild(QPushButton, "saveContact"), Qt.MouseButton.LeftButton)

    assert _edit_through_the_detail_pane(qtbot, view, on_dialog, save_as_is) == []
    assert shown == ['"a,b", friend']
    assert sorted(contact_card(contact_ids()[0]).tags) == ["a,b", "friend"]


def test_a_tag_typed_in_quotes_keeps_its_comma(qtbot, bus, clock, on_dialog) -> None:  # type: ignore[no-untyped-def]
    create_contact(ContactDraft(given_name="A", family_name="B"), clock)
    view = _view(qtbot, bus, clock)

    def type_tags(dialog) -> None:  # type: ignore[no-untyped-def]
        qtbot.keyClicks(dialog.findChild(QLineEdit, "tags"), 'friend, "Smith, Jones",')
        qtbot.keyClick(dialog.findChild(QLineEdit, "tags"), Qt.Key.Key_Return)

    assert _edit_through_the_detail_pane(qtbot, view, on_dialog, type_tags) == []
    assert sorted(contact_card(contact_ids()[0]).tags) == ["Smith, Jones", "friend"]


def test_an_empty_quoted_tag_is_refused_at_the_tags_field(qtbot, bus, clock, on_dialog) -> None:  # type: ignore[no-untyped-def]
    create_contact(ContactDraft(given_name="A", family_name="B", tags=["friend"]), clock)
    view = _view(qtbot, bus, clock)
    seen: dict[str, object] = {}

    def type_empty(dialog) -> None:  # type: ignore[no-untyped-def]
        tags = dialog.findChild(QLineEdit, "tags")
        qtbot.keyClick(tags, Qt.Key.Key_End)  # the form opens showing the start of each field
        qtbot.keyClicks(tags, ', ""')
        dialog.tabs.setCurrentIndex(1)  # elsewhere, so the error has to bring it back
        qtbot.mouseClick(dialog.findChild(QPushButton, "saveContact"), Qt.MouseButton.LeftButton)
        seen["open"] = dialog.isVisible()
        seen["banner"] = dialog.banner.text()
        seen["tab"] = dialog.tabs.currentIndex()
        seen["focus"] = dialog.focusWidget() is tags
        dialog.reject()

    assert _edit_through_the_detail_pane(qtbot, view, on_dialog, type_empty) == []
    assert seen["open"] is True and seen["tab"] == 0 and seen["focus"] is True
    assert "tag" in str(seen["banner"]) and "cannot be empty" in str(seen["banner"])
    assert contact_card(contact_ids()[0]).tags == ["friend"]


def test_a_phone_without_digits_is_refused_at_its_own_row(qtbot, bus, clock, on_dialog) -> None:  # type: ignore[no-untyped-def]
    create_contact(
        ContactDraft(given_name="A", channels=[ChannelDraft("email", "a@example.org")]), clock
    )
    view = _view(qtbot, bus, clock)
    seen: dict[str, object] = {}

    def type_a_word_as_phone(dialog) -> None:  # type: ignore[no-untyped-def]
        dialog.tabs.setCurrentIndex(2)
        dialog.channels.add_button.click()  # a new row: e-mail first, then phone
        row = dialog.channels._rows[-1]
        row.kind.setCurrentIndex(row.kind.findData("phone"))
        qtbot.keyClicks(row.value, "ask her")
        dialog.tabs.setCurrentIndex(0)  # elsewhere, so the error has to bring it back
        qtbot.mouseClick(dialog.findChild(QPushButton, "saveContact"), Qt.MouseButton.LeftButton)
        seen["banner"] = dialog.banner.text()
        seen["tab"] = dialog.tabs.tabText(dialog.tabs.currentIndex())
        seen["focus"] = dialog.focusWidget() is row.value
        seen["selected"] = row.value.selectedText()
        dialog.reject()

    assert _edit_through_the_detail_pane(qtbot, view, on_dialog, type_a_word_as_phone) == []
    assert str(seen["banner"]).startswith("Phone: 'ask her' is not a phone number")
    assert seen["tab"] == "&Reach" and seen["focus"] is True and seen["selected"] == "ask her"
    assert [c.value for c in contact_card(contact_ids()[0]).channels] == ["a@example.org"]


def _into_tags(qtbot, dialog):  # type: ignore[no-untyped-def]
    """The form's Tags field, clicked into as a person does, and its completer."""
    tags = dialog.findChild(QLineEdit, "tags")
    dialog.activateWindow()
    qtbot.mouseClick(tags, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(tags.hasFocus)  # the line connects its completer on taking focus
    return tags, tags.completer()


def test_tags_complete_the_one_being_typed_after_a_comma(qtbot, bus, clock, on_dialog) -> None:  # type: ignore[no-untyped-def]
    create_contact(ContactDraft(given_name="C", family_name="D", tags=["client", "Smith, Jones"]))
    create_contact(ContactDraft(given_name="A", family_name="B"), clock)
    view = _view(qtbot, bus, clock)
    seen: dict[str, object] = {}

    def complete(dialog) -> None:  # type: ignore[no-untyped-def]
        tags, completer = _into_tags(qtbot, dialog)
        qtbot.keyClicks(tags, "friend, CL")
        seen["offered"] = completer.currentCompletion()
        popup = completer.popup()
        qtbot.waitUntil(popup.isVisible)
        qtbot.keyClick(popup, Qt.Key.Key_Down)
        qtbot.keyClick(popup, Qt.Key.Key_Return)
        seen["after client"] = tags.text()
        qtbot.waitUntil(lambda: tags.cursorPosition() == len("friend, client"))
        qtbot.keyClicks(tags, ", smi")
        qtbot.waitUntil(popup.isVisible)
        qtbot.keyClick(popup, Qt.Key.Key_Down)
        qtbot.keyClick(popup, Qt.Key.Key_Return)
        seen["after smith"] = tags.text()
        qtbot.mouseClick(dialog.findChild(QPushButton, "saveContact"), Qt.MouseButton.LeftButton)

    assert _edit_through_the_detail_pane(qtbot, view, on_dialog, complete) == []
    assert seen["offered"] == "friend, client"  # the tags before it kept
    assert seen["after client"] == "friend, client"
    assert seen["after smith"] == 'friend, client, "Smith, Jones"'
    tags = sorted(sorted(contact_card(i).tags) for i in contact_ids())
    assert tags == [["Smith, Jones", "client"], ["Smith, Jones", "client", "friend"]]


def test_tags_complete_at_the_cursor_offering_none_held(qtbot, bus, clock, on_dialog) -> None:  # type: ignore[no-untyped-def]
    create_contact(ContactDraft(given_name="C", tags=["client", "climbing", "friend", "vip"]))
    create_contact(ContactDraft(given_name="A", family_name="B"), clock)
    view = _view(qtbot, bus, clock)
    seen: dict[str, object] = {}

    def complete(dialog) -> None:  # type: ignore[no-untyped-def]
        tags, completer = _into_tags(qtbot, dialog)
        qtbot.keyClicks(tags, "friend, , vip")
        tags.setCursorPosition(len("friend, "))  # back into the line, between the two
        qtbot.keyClicks(tags, "cl")
        popup = completer.popup()
        qtbot.waitUntil(popup.isVisible)
        seen["offered"] = completer.completionCount()
        qtbot.keyClick(popup, Qt.Key.Key_Down)
        qtbot.keyClick(popup, Qt.Key.Key_Down)  # each offer shown in the line on the way
        qtbot.keyClick(popup, Qt.Key.Key_Up)
        qtbot.keyClick(popup, Qt.Key.Key_Return)
        seen["completed"] = tags.text()
        qtbot.waitUntil(lambda: tags.cursorPosition() == len("friend, client"))
        tags.end(False)
        qtbot.keyClicks(tags, ", cl")  # client is in the line already: climbing alone
        qtbot.waitUntil(popup.isVisible)
        seen["then offered"] = [
            completer.completionModel().index(row, 0).data()
            for row in range(completer.completionCount())
        ]
        popup.hide()
        dialog.reject()

    assert _edit_through_the_detail_pane(qtbot, view, on_dialog, complete) == []
    assert seen["offered"] == 2  # client and climbing
    assert seen["completed"] == "friend, client, vip"
    assert seen["then offered"] == ["climbing"]


def test_a_stage_of_ones_own_reads_in_words(qtbot, bus, clock) -> None:  # type: ignore[no-untyped-def]
    from journal.ui.models.contact_list_model import ContactListModel

    create_contact(ContactDraft(given_name="Jane", stage="VIP Client"), clock)
    view = _view(qtbot, bus, clock)
    assert [view.stage_filter.itemText(i) for i in range(view.stage_filter.count())] == [
        "All stages",
        "vip client",
    ]
    stage = view.model.index(0, ContactListModel.STAGE).data()
    assert stage == "vip client"


def test_a_click_on_tags_leaves_the_arrow_where_the_order_is(qtbot, bus, clock) -> None:  # type: ignore[no-untyped-def]
    from journal.ui.models.contact_list_model import ContactListModel

    for name in ("Ana", "Omar"):
        create_contact(ContactDraft(given_name=name), clock)
    view = _view(qtbot, bus, clock)
    header = view.table.horizontalHeader()

    def click(column: int) -> None:
        x = header.sectionViewportPosition(column) + header.sectionSize(column) // 2
        qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(x, 5))

    click(ContactListModel.ORGANISATION)
    assert header.sortIndicatorSection() == ContactListModel.ORGANISATION
    click(ContactListModel.TAGS)  # tags have no order: the rows stay as they were
    assert header.sortIndicatorSection() == ContactListModel.ORGANISATION
    click(ContactListModel.NAME)
    click(ContactListModel.NAME)  # Z to A
    click(ContactListModel.TAGS)
    assert (header.sortIndicatorSection(), header.sortIndicatorOrder()) == (
        ContactListModel.NAME,
        Qt.SortOrder.DescendingOrder,
    )
    assert view.model.index(0, ContactListModel.NAME).data() == "Omar"
