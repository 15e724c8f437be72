"""The main window: navigation, shortcuts, logging from anywhere, remembered layout."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QEvent, QObject, QSettings, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QTableView,
)

from journal.core.contacts import ContactDraft, create_contact
from journal.core.timeline import timeline_page
from journal.ui import main_window
from journal.ui.main_window import CONTACTS, GROUPS, TIMELINE, TODAY, MainWindow


def _window(qtbot, journal, bus, clock) -> MainWindow:  # type: ignore[no-untyped-def]
    window = MainWindow(journal, bus, clock)
    qtbot.addWidget(window)
    with qtbot.waitSignal(window.opened):  # its first page is built once the loop runs
        window.show()
    qtbot.waitExposed(window)
    return window


def _trigger(window: MainWindow, shortcut: str) -> None:
    for action in window.actions():
        if action.shortcut().toString() == shortcut:
            action.trigger()
            return
    raise AssertionError(f"no action with shortcut {shortcut}")


def test_an_empty_journal_opens_on_the_welcome(qtbot, journal, bus, clock) -> None:  # type: ignore[no-untyped-def]
    window = _window(qtbot, journal, bus, clock)
    assert window.pages.currentWidget() is window.contacts
    assert window.contacts.pages.currentWidget() is window.contacts.welcome


def test_title_and_pages(qtbot, journal, bus, clock) -> None:  # type: ignore[no-untyped-def]
    create_contact(ContactDraft(given_name="Jane", family_name="Doe"))
    window = _window(qtbot, journal, bus, clock)
    assert "Contact Journal" in window.windowTitle()
    # Today is the first page, and the one a journal with people in it opens on.
    assert window.pages.currentIndex() == TODAY
    assert window.pages.currentWidget() is window.today
    _trigger(window, "Ctrl+2")
    assert window.pages.currentWidget() is window.contacts
    _trigger(window, "Ctrl+3")
    assert window.pages.currentWidget() is window.timeline
    _trigger(window, "Ctrl+4")
    assert window.pages.currentWidget() is window.groups
    _trigger(window, "Ctrl+1")
    assert window.pages.currentWidget() is window.today
    window.nav.setCurrentRow(CONTACTS)
    assert window.pages.currentWidget() is window.contacts
    assert [window.nav.item(i).text() for i in range(window.nav.count())] == [
        "Today",
        "Contacts",
        "Timeline",
        "Groups I belong to",
    ]


def test_ctrl_f_puts_the_cursor_in_the_search_box(qtbot, journal, bus, clock) -> None:  # type: ignore[no-untyped-def]
    create_contact(ContactDraft(given_name="Jane", family_name="Doe"))
    window = _window(qtbot, journal, bus, clock)
    window.activateWindow()
    _trigger(window, "Ctrl+F")
    assert window.contacts.search.hasFocus() or window.focusWidget() is window.contacts.search
    _trigger(window, "Ctrl+3")
    _trigger(window, "Ctrl+F")
    assert window.focusWidget() is window.timeline.search


def test_log_interaction_prefills_the_selected_contact(
    qtbot, journal, bus, clock, on_dialog
) -> None:  # type: ignore[no-untyped-def]
    jane = create_contact(ContactDraft(given_name="Jane", family_name="Doe")).value
    window = _window(qtbot, journal, bus, clock)
    window.open_contact(jane)
    seen: dict[str, object] = {}

    def log(dialog) -> None:  # type: ignore[no-untyped-def]
        seen["people"] = dialog.people.contact_ids()
        qtbot.keyClicks(dialog.findChild(QLineEdit, "summary"), "Called about the offer")
        qtbot.mouseClick(
            dialog.findChild(QPushButton, "saveInteraction"), Qt.MouseButton.LeftButton
        )

    problems = on_dialog(log)
    _trigger(window, "Ctrl+L")
    assert problems == []
    assert seen["people"] == [jane]
    rows, _ = timeline_page()
    assert [(r.summary, r.people) for r in rows] == [("Called about the offer", "Jane Doe")]
    # The contact's own timeline in the detail pane shows it at once.
    assert window.contacts.detail.timeline.rowCount() == 1


def test_layout_is_remembered(qtbot, journal, bus, clock) -> None:  # type: ignore[no-untyped-def]
    create_contact(ContactDraft(given_name="Jane", family_name="Doe"))
    window = _window(qtbot, journal, bus, clock)
    window.resize(window.minimumSizeHint().width(), 560)
    window.show_page(GROUPS)
    window.close()
    stored = QSettings(str(journal.home / "window.ini"), QSettings.Format.IniFormat)
    assert stored.value("pageName") == "groups"
    again = _window(qtbot, journal, bus, clock)
    assert again.pages.currentIndex() == GROUPS
    # The offscreen screen is 800x600, so only the height can be checked for certain.
    assert again.height() == 560


def test_column_widths_set_by_hand_are_remembered(qtbot, journal, bus, clock) -> None:  # type: ignore[no-untyped-def]
    from journal.ui.models.contact_list_model import ContactListModel
    from journal.ui.models.timeline_model import TimelineModel

    create_contact(ContactDraft(given_name="Jane", family_name="Doe"))
    window = _window(qtbot, journal, bus, clock)
    window.show_page(CONTACTS)
    window.contacts.table.horizontalHeader().resizeSection(ContactListModel.ORGANISATION, 230)
    window.show_page(TIMELINE)
    window.timeline.table.horizontalHeader().resizeSection(TimelineModel.KIND, 177)
    window.close()

    again = _window(qtbot, journal, bus, clock)
    again.show_page(CONTACTS)
    assert again.contacts.table.horizontalHeader().sectionSize(ContactListModel.ORGANISATION) == 230
    # A column left alone is not taken for one the user sized.
    assert set(again.contacts.hand_sized.widths) == {ContactListModel.ORGANISATION}
    again.show_page(TIMELINE)
    assert again.timeline.table.horizontalHeader().sectionSize(TimelineModel.KIND) == 177
    # Dragged once, it stays the user's: fitting to the window leaves it alone.
    assert TimelineModel.KIND in again.timeline.hand_sized


def test_the_card_has_most_of_the_pane_until_the_divider_is_moved(
    qtbot, journal, bus, clock
) -> None:  # type: ignore[no-untyped-def]
    from journal.ui.views.contact_detail import CARD_SHARE

    create_contact(ContactDraft(given_name="Jane", family_name="Doe"))
    window = _window(qtbot, journal, bus, clock)
    window.resize(760, 580)
    window.show()
    window.show_page(CONTACTS)
    detail = window.contacts.detail
    detail.show_contact(window.contacts.model.contact_id(0))
    card, timeline = detail.splitter.sizes()
    assert card == round((card + timeline) * CARD_SHARE)  # the card first, not the timeline
    window.resize(760, 520)  # it follows the window...
    qtbot.waitUntil(lambda: sum(detail.splitter.sizes()) < card + timeline)
    card, timeline = detail.splitter.sizes()
    assert card == round((card + timeline) * CARD_SHARE)
    # ...until the user puts the divider somewhere: then it stays theirs, next run too.
    detail.splitter.moveSplitter(120, 1)
    assert (detail.placed_at, detail.splitter.sizes()[0]) == (120, 120)
    window.close()
    again = _window(qtbot, journal, bus, clock)
    again.resize(760, 520)
    again.show()
    again.show_page(CONTACTS)
    again.contacts.detail.show_contact(again.contacts.model.contact_id(0))
    assert again.contacts.detail.placed_at == 120
    assert again.contacts.detail.splitter.sizes()[0] == 120
    # Hidden while nobody is selected, the timeline comes back below the same divider.
    again.contacts.detail.show_contact(None)
    again.contacts.detail.show_contact(again.contacts.model.contact_id(0), force=True)
    assert again.contacts.detail.splitter.sizes()[0] == 120
    # Qt moves a placed divider with the window: what is kept is where it stands then.
    again.resize(760, 440)
    qtbot.waitUntil(lambda: again.contacts.detail.splitter.sizes()[0] != 120)
    moved = again.contacts.detail.splitter.sizes()[0]
    assert again.contacts.detail.placed_at == moved
    again.close()
    stored = QSettings(str(journal.home / "window.ini"), QSettings.Format.IniFormat)
    assert int(stored.value("contactCardHeight")) == moved


def test_a_damaged_column_memory_is_ignored(qtbot, journal, bus, clock) -> None:  # type: ignore[no-untyped-def]
    from journal.ui.models.contact_list_model import ContactListModel

    stored = QSettings(str(journal.home / "window.ini"), QSettings.Format.IniFormat)
    stored.setValue("contactsColumns", "x:1 1:abc 2:999999 3:5 0:300 99:120 1:140")
    stored.sync()
    create_contact(ContactDraft(given_name="Jane", family_name="Doe"))
    window = _window(qtbot, journal, bus, clock)
    window.show_page(CONTACTS)
    header = window.contacts.table.horizontalHeader()
    assert header.sectionSize(ContactListModel.ORGANISATION) == 140  # the one sound part
    # Not 999999 or 5 (no widths), not the name (it stretches), not a column that is not there.
    assert window.contacts.hand_sized.widths == {ContactListModel.ORGANISATION: 140}


def _a_group_with_a_meeting(clock) -> int:  # type: ignore[no-untyped-def]
    import datetime as dt

    from journal.core.groups import GroupDraft, create_group
    from journal.core.meetings import MeetingDraft, record_meeting

    draft = GroupDraft(name="Sunrise Breakfast Club", joined_on=dt.date(2025, 1, 6))
    club = create_group(draft, clock=clock).value
    record_meeting(MeetingDraft(club, clock.today(), notes="Pricing talk"), clock=clock)
    return club


def test_groups_column_widths_set_by_hand_are_remembered(qtbot, journal, bus, clock) -> None:  # type: ignore[no-untyped-def]
    from journal.ui.models.group_models import GroupListModel, MeetingLogModel

    create_contact(ContactDraft(given_name="Jane", family_name="Doe"))
    _a_group_with_a_meeting(clock)
    window = _window(qtbot, journal, bus, clock)
    window.show_page(GROUPS)
    window.groups.groups_table.horizontalHeader().resizeSection(GroupListModel.NAME, 233)
    log = window.groups.meetings_table.horizontalHeader()
    log.resizeSection(MeetingLogModel.PEOPLE, 144)
    window.close()
    stored = QSettings(str(journal.home / "window.ini"), QSettings.Format.IniFormat)
    assert stored.value("groupsColumns") == "0:233"
    assert stored.value("meetingLogColumns") == "3:144"

    again = _window(qtbot, journal, bus, clock)
    again.show_page(GROUPS)
    groups = again.groups
    assert groups.groups_table.horizontalHeader().sectionSize(GroupListModel.NAME) == 233
    log = groups.meetings_table.horizontalHeader()
    assert log.sectionSize(MeetingLogModel.PEOPLE) == 144
    # Columns left alone are not taken for ones the user sized.
    assert groups.list_hand_sized.widths == {GroupListModel.NAME: 233}
    assert groups.log_hand_sized.widths == {MeetingLogModel.PEOPLE: 144}


def _share(sizes: list[int]) -> float:
    return sizes[0] / sum(sizes)


def _shares(splitter: QSplitter) -> list[float]:
    sizes = splitter.sizes()
    return [size / sum(sizes) for size in sizes]


def test_the_groups_page_dividers_are_remembered(qtbot, journal, bus, clock) -> None:  # type: ignore[no-untyped-def]
    club = _a_group_with_a_meeting(clock)
    window = _window(qtbot, journal, bus, clock)
    window.show_page(GROUPS)
    groups = window.groups
    groups.select_group(club)
    qtbot.waitUntil(lambda: groups.detail_splitter.isVisible())
    first = groups.splitter.sizes(), groups.detail_splitter.sizes()
    groups.splitter.moveSplitter(first[0][0] + 200, 1)  # past half: never the default
    groups.detail_splitter.moveSplitter(first[1][0] - 60, 1)
    moved = _shares(groups.splitter), _shares(groups.detail_splitter)
    assert moved[0][0] > _share(first[0]) and moved[1][0] < _share(first[1])  # both moved
    window.close()

    again = _window(qtbot, journal, bus, clock)
    again.show_page(GROUPS)
    groups = again.groups
    groups.select_group(club)
    qtbot.waitUntil(lambda: groups.detail_splitter.isVisible())
    qtbot.wait(200)  # the page's own first sizing, on a zero-delay timer, has had its turn
    # The window may come back another size: each pane keeps its share of it.
    restored = _shares(groups.splitter), _shares(groups.detail_splitter)
    assert restored[0][0] == pytest.approx(moved[0][0], abs=0.01)
    assert restored[1][0] == pytest.approx(moved[1][0], abs=0.01)


def test_a_damaged_groups_column_memory_is_ignored(qtbot, journal, bus, clock) -> None:  # type: ignore[no-untyped-def]
    from journal.ui.models.group_models import GroupListModel, MeetingLogModel

    stored = QSettings(str(journal.home / "window.ini"), QSettings.Format.IniFormat)
    # The kind is hidden, the last meeting and the notes stretch, 3:5 is no width, and
    # there is no column 9.
    stored.setValue("groupsColumns", "x:1 1:140 5:300 3:5 9:120 0:abc 4:88")
    stored.setValue("meetingLogColumns", "4:300 2:99999 1:131")
    stored.sync()
    create_contact(ContactDraft(given_name="Jane", family_name="Doe"))
    _a_group_with_a_meeting(clock)
    window = _window(qtbot, journal, bus, clock)
    window.show_page(GROUPS)
    groups = window.groups
    header = groups.groups_table.horizontalHeader()
    assert header.sectionSize(GroupListModel.REQUIRED) == 88  # the one sound part
    assert groups.list_hand_sized.widths == {GroupListModel.REQUIRED: 88}
    log = groups.meetings_table.horizontalHeader()
    assert log.sectionSize(MeetingLogModel.ATTENDANCE) == 131
    assert groups.log_hand_sized.widths == {MeetingLogModel.ATTENDANCE: 131}


def test_theme_choice_is_kept(qtbot, journal, bus, clock, qapp) -> None:  # type: ignore[no-untyped-def]
    window = _window(qtbot, journal, bus, clock)
    window.set_theme("dark")
    assert qapp.palette().window().color().lightness() < 80
    window.set_theme("light")
    assert qapp.palette().window().color().lightness() > 180
    stored = QSettings(str(journal.home / "window.ini"), QSettings.Format.IniFormat)
    assert stored.value("theme") == "light"
    assert (TODAY, CONTACTS, TIMELINE, GROUPS) == (0, 1, 2, 3)


def test_switching_theme_recolours_the_navigation(qtbot, journal, bus, clock, qapp) -> None:  # type: ignore[no-untyped-def]
    # The navigation has a colour of its own (a see-through background); its page names
    # must follow the palette all the same (with a style sheet they stayed black on the dark
    # window). Qt passes the new palette on to it by an event: wait for that.
    from PySide6.QtGui import QPalette

    text, base = QPalette.ColorRole.Text, QPalette.ColorRole.Base
    window = _window(qtbot, journal, bus, clock)
    for theme in ("light", "dark", "light"):
        window.set_theme(theme)
        qtbot.waitUntil(lambda: window.nav.palette().color(text) == qapp.palette().color(text))
        assert window.nav.palette().color(base).alpha() == 0, theme


def test_noting_todays_meeting_by_shortcut_says_so(qtbot, journal, bus, clock) -> None:  # type: ignore[no-untyped-def]
    from journal.core.group_queries import meeting_rows
    from journal.core.groups import GroupDraft, create_group

    chamber = create_group(GroupDraft(name="Chamber"), clock).value
    window = _window(qtbot, journal, bus, clock)
    window.groups.select_group(chamber)
    _trigger(window, "Ctrl+Shift+A")
    assert window.pages.currentWidget() is window.groups
    assert [(m.held_on, m.attendance) for m in meeting_rows(chamber)] == [
        (clock.today(), "attended")
    ]
    assert window.statusBar().currentMessage() == "Noted: you were at Chamber's meeting today."


def test_marking_a_follow_up_done_on_today_says_so(qtbot, journal, bus, clock) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtWidgets import QPushButton

    from journal.core.followups import FollowUpDraft, add_followup

    add_followup(FollowUpDraft(clock.today(), "Call Jane"), clock)
    window = _window(qtbot, journal, bus, clock)
    today = window.today
    qtbot.waitUntil(lambda: today.followups.model.total() == 1)
    today.followups.list.setCurrentIndex(today.followups.model.index(0, 0))
    qtbot.mouseClick(today.findChild(QPushButton, "done"), Qt.MouseButton.LeftButton)
    assert window.statusBar().currentMessage() == "Done: Call Jane (Edit → Undo brings it back)."


def test_the_review_is_one_shortcut_away(qtbot, journal, bus, clock) -> None:  # type: ignore[no-untyped-def]
    import datetime as dt

    from journal.core.groups import GroupDraft, create_group
    from journal.ui.dialogs.review_dialog import ReviewDialog
    from journal.ui.dialogs.review_settings_form import ReviewSettingsForm
    from journal.ui.dialogs.reviews_dialog import ReviewsDialog

    create_group(GroupDraft(name="Chamber", joined_on=dt.date(2025, 1, 1)), clock)
    window = _window(qtbot, journal, bus, clock)
    _trigger(window, "Ctrl+Shift+R")
    assert window.pages.currentWidget() is window.groups
    review = window.groups.findChild(ReviewDialog)
    assert review is not None and review.isVisible()
    review.reject()
    assert window.statusBar().currentMessage() == ""  # cancelled: nothing recorded, nothing said
    _trigger(window, "Ctrl+Shift+R")
    (review,) = [d for d in window.groups.findChildren(ReviewDialog) if d.isVisible()]
    review.finish()  # recorded: the status bar says what was
    assert window.statusBar().currentMessage() == (
        "Review recorded: 1 membership reviewed, none changed."
    )
    window.past_reviews_action.trigger()
    past = window.groups.findChild(ReviewsDialog)
    assert past is not None and past.isVisible()
    past.reject()
    window.review_settings_action.trigger()
    settings = window.groups.findChild(ReviewSettingsForm)
    assert settings is not None and settings.isVisible()
    settings.reject()


def test_contacts_is_built_ahead_while_the_first_page_is_read(  # type: ignore[no-untyped-def]
    qtbot, journal, bus, clock, monkeypatch
) -> None:
    monkeypatch.setattr(MainWindow, "prebuild_after_ms", 50)
    create_contact(ContactDraft(given_name="Jane"), clock)  # so the window opens on Today
    window = _window(qtbot, journal, bus, clock)
    assert window.pages.currentIndex() == TODAY
    qtbot.waitUntil(lambda: CONTACTS in window._built, timeout=3000)
    assert window.pages.currentIndex() == TODAY  # built, not shown
    assert window.pages.widget(CONTACTS) is window.contacts


def test_a_hidden_window_builds_nothing_ahead(qtbot, journal, bus, clock) -> None:  # type: ignore[no-untyped-def]
    create_contact(ContactDraft(given_name="Jane"), clock)
    window = _window(qtbot, journal, bus, clock)
    window.hide()
    window._prebuild_contacts()
    assert CONTACTS not in window._built


def test_contacts_is_not_built_ahead_while_the_journal_is_held(qtbot, journal, bus, clock) -> None:  # type: ignore[no-untyped-def]
    # Its list and filters read the journal on this thread: refused while File → Encryption
    # swaps the file (the timer may fire then); the first visit builds it instead.
    from journal.store.proxy import database_proxy

    create_contact(ContactDraft(given_name="Jane"), clock)
    window = _window(qtbot, journal, bus, clock)
    database_proxy.hold()
    bus.busy = True
    try:
        window._prebuild_contacts()  # raised JournalBusyError
        assert CONTACTS not in window._built
    finally:
        database_proxy.release()
        bus.busy = False
    window._prebuild_contacts()
    assert CONTACTS in window._built


def test_ready_waits_for_todays_content(qtbot, journal, bus, clock) -> None:  # type: ignore[no-untyped-def]
    create_contact(ContactDraft(given_name="Jane", family_name="Doe"))
    window = MainWindow(journal, bus, clock)
    qtbot.addWidget(window)
    order: list[str] = []
    window.opened.connect(lambda: order.append("opened"))
    window.ready.connect(lambda: order.append("ready"))
    window.opened.connect(lambda: window.today.loaded.connect(lambda _s: order.append("loaded")))
    with qtbot.waitSignal(window.ready, timeout=10_000):
        window.show()
    # Today is built empty and filled by a worker's read: ready means filled.
    assert order == ["opened", "loaded", "ready"]
    window.today.reload()
    qtbot.waitUntil(lambda: order.count("loaded") == 2)
    assert order.count("ready") == 1  # once, for the first page only


def test_ready_follows_a_page_that_reads_as_it_is_built(qtbot, journal, bus, clock) -> None:  # type: ignore[no-untyped-def]
    window = MainWindow(journal, bus, clock)  # an empty journal opens on Contacts' welcome
    qtbot.addWidget(window)
    order: list[str] = []
    window.opened.connect(lambda: order.append("opened"))
    window.ready.connect(lambda: order.append("ready"))
    with qtbot.waitSignal(window.ready):
        window.show()
    assert order == ["opened", "ready"]
    assert window.pages.currentWidget() is window.contacts


def test_help_lists_the_keyboard_shortcuts(qtbot, journal, bus, clock, on_dialog) -> None:  # type: ignore[no-untyped-def]
    window = _window(qtbot, journal, bus, clock)
    # A command added to a menu later is listed too: the list is read from the menus.
    extra = window._action("&Tidy && sort", "Ctrl+Alt+T", lambda: None)
    window.menuBar().actions()[1].menu().addAction(extra)
    seen: dict[str, list[tuple[str, str]]] = {}

    def read(dialog) -> None:  # type: ignore[no-untyped-def]
        seen["rows"] = dialog.rows()
        dialog.reject()

    problems = on_dialog(read)
    qtbot.keyClick(window, Qt.Key.Key_Slash, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: "rows" in seen)
    assert problems == []
    rows = seen["rows"]
    headings = [command for command, keys in rows if not keys]
    assert headings == ["File", "Edit", "View", "Help", "In lists"]
    for row in [
        ("Quick add…", "Ctrl+Shift+N"),
        ("Log interaction…", "Ctrl+L"),
        ("Find…", "Ctrl+F"),
        ("Merge selected contacts…", "Ctrl+M"),
        ("Groups I belong to", "Ctrl+4"),
        ("Keyboard shortcuts", "Ctrl+/"),
        ("Tidy & sort", "Ctrl+Alt+T"),
        ("Delete the selected row (asks first)", "Del"),
    ]:
        assert row in rows
    # Commands without keys (About, Past reviews…) are left out.
    assert not any(command.startswith("About") for command, _ in rows)
    assert rows.index(("Tidy & sort", "Ctrl+Alt+T")) < rows.index(("View", ""))


def _help_texts(window: MainWindow) -> list[str]:
    help_menu = window.menuBar().actions()[-1].menu()
    return [action.text() for action in help_menu.actions()]


def test_the_bundle_shows_its_third_party_licences(  # type: ignore[no-untyped-def]
    qtbot, journal, bus, clock, on_dialog, monkeypatch, tmp_path
) -> None:
    # From source there is no notices file: each installed package carries its licence.
    assert "Third-party &licences" not in _help_texts(_window(qtbot, journal, bus, clock))
    notices = tmp_path / "THIRD-PARTY-NOTICES.txt"
    notices.write_text("PySide6_Essentials 6.11.3\nLicence: LGPL-3.0-only\n", encoding="utf-8")
    monkeypatch.setattr(main_window, "notices_file", lambda: notices)  # as in the bundle
    window = _window(qtbot, journal, bus, clock)
    texts = _help_texts(window)
    assert texts.index("Third-party &licences") < texts.index("&About Contact Journal")
    seen: dict[str, str] = {}

    def read(dialog) -> None:  # type: ignore[no-untyped-def]
        seen["title"] = dialog.windowTitle()
        text = dialog.findChild(QPlainTextEdit, "noticesText")
        seen["text"] = text.toPlainText()
        seen["read_only"] = str(text.isReadOnly())
        dialog.reject()

    problems = on_dialog(read)
    window.show_notices()
    assert problems == []
    assert seen == {
        "title": "Third-party licences",
        "text": "PySide6_Essentials 6.11.3\nLicence: LGPL-3.0-only\n",
        "read_only": "True",
    }


class _PaintLog(QObject):
    """Notes in `log` the first paint of each widget named in `names`."""

    def __init__(self, log: list[str], names: tuple[str, ...]) -> None:
        super().__init__()
        self.log = log
        self.names = names

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        name = watched.objectName()
        if (
            event.type() == QEvent.Type.Paint
            and name in self.names
            and f"{name} painted" not in self.log
        ):
            self.log.append(f"{name} painted")
        return False


def test_what_the_window_can_wait_for_comes_after_its_first_paint(  # type: ignore[no-untyped-def]
    qtbot, journal, bus, clock, qapp, monkeypatch
) -> None:
    create_contact(ContactDraft(given_name="Jane"))
    log: list[str] = []
    monkeypatch.setattr(
        "journal.ui.digest.DigestScheduler.start", lambda self: log.append("digest")
    )
    monkeypatch.setattr(
        "journal.ui.views.today_view.TodayView.reload", lambda self: log.append("today read")
    )
    painted = _PaintLog(log, ("mainWindow", "todayView"))
    qapp.installEventFilter(painted)
    try:
        window = MainWindow(journal, bus, clock)
        qtbot.addWidget(window)
        window.opened.connect(lambda: log.append("opened"))
        window.after_first_paint(lambda: log.append("later work"))
        window.show()
        qtbot.waitUntil(lambda: "today read" in log)
    finally:
        qapp.removeEventFilter(painted)
    assert log[:3] == ["opened", "mainWindow painted", "todayView painted"]
    assert set(log[3:]) == {"digest", "later work", "today read"}
    window.after_first_paint(lambda: log.append("even later"))  # painted already: next turn
    qtbot.waitUntil(lambda: "even later" in log)


def test_a_window_not_shown_at_its_first_page_does_not_wait_for_a_paint(  # type: ignore[no-untyped-def]
    qtbot, journal, bus, clock
) -> None:
    window = MainWindow(journal, bus, clock)  # as a start in the tray: never shown
    qtbot.addWidget(window)
    done: list[str] = []
    window.after_first_paint(lambda: done.append("work"))
    with qtbot.waitSignal(window.painted, timeout=500):  # not the 1 s fallback
        pass
    qtbot.waitUntil(lambda: done == ["work"])
    assert not window.isVisible()


def test_tab_leaves_a_table_for_the_buttons_and_keeps_the_row(qtbot, journal, bus, clock) -> None:  # type: ignore[no-untyped-def]
    for given in ("Aisha", "Ben", "Chen"):
        create_contact(ContactDraft(given_name=given, family_name="Doe"))
    window = _window(qtbot, journal, bus, clock)
    window.activateWindow()
    _trigger(window, "Ctrl+2")
    table = window.contacts.table
    qtbot.waitUntil(lambda: table.model().rowCount() == 3)
    table.setFocus()
    table.selectRow(0)
    chosen = table.currentIndex().row()
    qtbot.keyClick(table, Qt.Key.Key_Tab)
    assert table.currentIndex().row() == chosen  # Tab did not walk to the next person
    assert window.focusWidget() is not table
    tables = [t for t in window.findChildren(QAbstractItemView) if isinstance(t, QTableView)]
    assert tables and not [t.objectName() for t in tables if t.tabKeyNavigation()]


def _press_ctrl(qtbot, window: MainWindow, key: Qt.Key) -> None:  # type: ignore[no-untyped-def]
    """Ctrl+key as typed, wherever the focus is (the shortcut's own path, not trigger())."""
    qtbot.keyClick(window.focusWidget() or window, key, Qt.KeyboardModifier.ControlModifier)


def test_ctrl_and_a_number_puts_the_focus_in_the_pages_list(qtbot, journal, bus, clock) -> None:  # type: ignore[no-untyped-def]
    import datetime as dt

    from journal.core.followups import FollowUpDraft, add_followup
    from journal.core.interactions import InteractionDraft, log_interaction

    jane = create_contact(ContactDraft(given_name="Jane", family_name="Doe")).value
    create_contact(ContactDraft(given_name="Omar", family_name="Haddad"))
    add_followup(FollowUpDraft(clock.today() - dt.timedelta(days=1), "Call Jane", jane), clock)
    log_interaction(
        InteractionDraft("call", clock.now(), summary="Pricing", participant_ids=[jane]), clock
    )
    _a_group_with_a_meeting(clock)
    window = _window(qtbot, journal, bus, clock)
    window.activateWindow()
    window.nav.setFocus()  # where a click in the sidebar leaves it
    pages = {
        Qt.Key.Key_2: (CONTACTS, lambda: window.contacts.table),
        Qt.Key.Key_3: (TIMELINE, lambda: window.timeline.table),
        Qt.Key.Key_4: (GROUPS, lambda: window.groups.groups_table),
        Qt.Key.Key_1: (TODAY, lambda: window.today.followups.list),
    }
    for key, (page, main_list) in pages.items():
        _press_ctrl(qtbot, window, key)
        assert window.pages.currentIndex() == page
        qtbot.waitUntil(lambda main_list=main_list: window.focusWidget() is main_list())
        # On a row, so that Enter, F2 and Delete act at once.
        assert main_list().currentIndex().isValid()


def test_ctrl_1_onto_a_today_page_read_again_focuses_the_rows_once_they_are_in(
    qtbot, journal, bus, clock
) -> None:  # type: ignore[no-untyped-def]
    from journal.core.contacts import ContactDraft, create_contact
    from journal.core.followups import FollowUpDraft, add_followup

    jane = create_contact(ContactDraft(given_name="Jane", family_name="Doe")).value
    window = _window(qtbot, journal, bus, clock)
    window.activateWindow()
    qtbot.waitUntil(lambda: window.today.snapshot is not None)  # read: nothing due
    _press_ctrl(qtbot, window, Qt.Key.Key_2)
    qtbot.waitUntil(lambda: window.focusWidget() is window.contacts.table)
    bus.announce(add_followup(FollowUpDraft(clock.today(), "Call Jane", jane), clock).changes)
    _press_ctrl(qtbot, window, Qt.Key.Key_1)  # Today, to be read again after it paints
    qtbot.waitUntil(lambda: window.today.followups.model.rowCount() == 1)
    qtbot.waitUntil(lambda: window.focusWidget() is window.today.followups.list)


def test_ctrl_and_a_number_on_an_empty_journal_focuses_the_first_step(
    qtbot, journal, bus, clock
) -> None:  # type: ignore[no-untyped-def]
    window = _window(qtbot, journal, bus, clock)
    window.activateWindow()
    window.nav.setFocus()
    _press_ctrl(qtbot, window, Qt.Key.Key_4)
    qtbot.waitUntil(lambda: window.focusWidget() is window.groups.add_first_button)
    _press_ctrl(qtbot, window, Qt.Key.Key_2)
    assert window.contacts.pages.currentWidget() is window.contacts.welcome
    qtbot.waitUntil(lambda: window.focusWidget() is window.contacts.welcome.findChild(
        QPushButton, "welcomeAdd"))  # fmt: skip
    # Nothing logged: the timeline's search box rather than a hidden table.
    _press_ctrl(qtbot, window, Qt.Key.Key_3)
    qtbot.waitUntil(lambda: window.focusWidget() is window.timeline.search)
