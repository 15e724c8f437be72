"""The app on the desktop: tray menu, closing into the tray, Quick add from anywhere,
messages from a second start, and the Preferences window."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QApplication, QCheckBox, QLineEdit, QPushButton, QSystemTrayIcon

from journal.autostart import XdgAutostart
from journal.core import settings as journal_settings
from journal.core.clock import FixedClock
from journal.core.groups import GroupDraft, create_group
from journal.core.meetings import MeetingDraft, record_meeting
from journal.store import Journal
from journal.store.models import Meeting
from journal.ui.bus import JournalBus
from journal.ui.desktop import Desktop
from journal.ui.dialogs.preferences import PreferencesDialog
from journal.ui.main_window import CONTACTS, TODAY
from journal.ui.platform.notifier import Notifier
from journal.ui.platform.single_instance import QUICK_ADD, SHOW, STAY
from journal.ui.platform.tray import KEEP_IN_TRAY, SystemTray, Tray, meeting_groups


class FakeTray(Tray):
    """A tray that is there, and remembers what it was asked to say."""

    def __init__(self) -> None:
        super().__init__()
        self.shown = False
        self.messages: list[str] = []

    @property
    def available(self) -> bool:
        return True

    def show(self) -> None:
        self.shown = True

    def hide(self) -> None:
        self.shown = False

    def notify(self, title: str, text: str) -> None:
        self.messages.append(text)


@pytest.fixture(autouse=True)
def quit_on_last_window(qapp):  # type: ignore[no-untyped-def]
    """Desktop changes an app-wide flag; put it back for the tests after."""
    yield
    qapp.setQuitOnLastWindowClosed(True)


@pytest.fixture
def tray() -> FakeTray:
    return FakeTray()


@pytest.fixture
def desktop(qtbot, journal: Journal, bus: JournalBus, clock: FixedClock, tray: FakeTray) -> Desktop:  # type: ignore[no-untyped-def]
    made = Desktop(journal, bus, clock, tray=tray)
    qtbot.addWidget(made.window)
    made.start()
    qtbot.waitExposed(made.window)
    return made


def test_with_a_tray_the_app_outlives_its_window(desktop: Desktop, tray: FakeTray, qapp) -> None:  # type: ignore[no-untyped-def]
    assert tray.shown
    assert not qapp.quitOnLastWindowClosed()
    desktop.window.close()
    assert not desktop.window.isVisible()
    assert len(tray.messages) == 1 and "tray" in tray.messages[0]
    desktop.show_window()
    desktop.window.close()
    assert len(tray.messages) == 1  # the notice is said once only
    assert QSettings(str(desktop.journal.home / "window.ini"), QSettings.Format.IniFormat).value(
        "tray/closeNoticeShown"
    ) in (True, "true")


def test_closing_really_closes_when_the_setting_is_off(desktop: Desktop, tray: FakeTray) -> None:
    desktop.settings.setValue(KEEP_IN_TRAY, False)
    hidden: list[bool] = []
    desktop.window.hidden_to_tray.connect(lambda: hidden.append(True))
    desktop.window.close()
    assert hidden == [] and tray.messages == []


def test_without_a_tray_it_is_an_ordinary_window(
    qtbot, journal: Journal, bus: JournalBus, clock: FixedClock, qapp
) -> None:  # type: ignore[no-untyped-def]
    plain = Desktop(journal, bus, clock, tray=Tray())
    qtbot.addWidget(plain.window)
    plain.start(show_window=False)  # --tray without a tray: the window shows anyway
    assert plain.window.isVisible()
    assert qapp.quitOnLastWindowClosed()
    hidden: list[bool] = []
    plain.window.hidden_to_tray.connect(lambda: hidden.append(True))
    plain.window.close()
    assert hidden == [] and not plain.window.isVisible()


def test_starting_in_the_tray_shows_no_window(
    qtbot, journal: Journal, bus: JournalBus, clock: FixedClock, tray: FakeTray
) -> None:  # type: ignore[no-untyped-def]
    quiet = Desktop(journal, bus, clock, tray=tray)
    qtbot.addWidget(quiet.window)
    quiet.start(show_window=False)
    assert tray.shown and not quiet.window.isVisible()


@pytest.fixture
def own_tray(monkeypatch: pytest.MonkeyPatch) -> tuple[FakeTray, list[str]]:
    """The tray the desktop makes itself (no tray given), and a log of when it was made."""
    made = FakeTray()
    log: list[str] = []

    def make(today: object, parent: object = None) -> FakeTray:
        log.append("tray")
        return made

    monkeypatch.setattr("journal.ui.desktop.make_tray", make)
    return made, log


def test_the_desktops_own_tray_comes_after_the_windows_first_paint(
    qtbot, journal: Journal, bus: JournalBus, clock: FixedClock, qapp, own_tray
) -> None:  # type: ignore[no-untyped-def]
    tray, log = own_tray
    desktop = Desktop(journal, bus, clock)
    qtbot.addWidget(desktop.window)
    desktop.window.opened.connect(lambda: log.append("page"))
    desktop.window.painted.connect(lambda: log.append("painted"))
    desktop.start()
    assert desktop.window.isVisible() and log == []  # the window first, no tray yet
    qtbot.waitUntil(lambda: tray.shown)
    assert log == ["page", "painted", "tray"]
    # Then the app uses it as if it had been there from the start.
    assert desktop.tray is tray and desktop.window.tray_available
    assert not qapp.quitOnLastWindowClosed()
    desktop.window.close()
    assert not desktop.window.isVisible() and "tray" in tray.messages[0]
    tray.open_requested.emit()
    assert desktop.window.isVisible()


def test_starting_in_the_tray_makes_the_tray_at_once(
    qtbot, journal: Journal, bus: JournalBus, clock: FixedClock, own_tray
) -> None:  # type: ignore[no-untyped-def]
    tray, log = own_tray
    quiet = Desktop(journal, bus, clock)
    qtbot.addWidget(quiet.window)
    quiet.start(show_window=False)  # whether to show the window depends on the tray
    assert log == ["tray"] and tray.shown and not quiet.window.isVisible()


def test_the_digest_speaks_through_the_tray_icon_made_later(
    qtbot, journal: Journal, bus: JournalBus, clock: FixedClock, monkeypatch: pytest.MonkeyPatch
) -> None:  # type: ignore[no-untyped-def]
    icon = QSystemTrayIcon()
    given: list[object] = []

    class IconTray(FakeTray):
        @property
        def qt_icon(self) -> QSystemTrayIcon | None:
            return icon

    def notifier_for(tray: QSystemTrayIcon | None, parent: object = None) -> Notifier:
        given.append(tray)
        return Notifier()

    monkeypatch.setattr("journal.ui.desktop.make_tray", lambda today, parent=None: IconTray())
    monkeypatch.setattr("journal.ui.main_window.make_notifier", notifier_for)
    desktop = Desktop(journal, bus, clock)
    qtbot.addWidget(desktop.window)
    desktop.start()
    qtbot.waitUntil(lambda: icon in given)
    assert desktop.window.digest.notifier is desktop.window.notifier


def test_the_tray_opens_quick_add_and_the_journal(qtbot, desktop: Desktop, tray: FakeTray) -> None:  # type: ignore[no-untyped-def]
    desktop.window.close()
    tray.quick_add_requested.emit()
    dialog = desktop.quick_add
    qtbot.addWidget(dialog)
    assert dialog.isVisible() and not desktop.window.isVisible()
    qtbot.keyClicks(dialog.line, "note called the bank")
    with qtbot.waitSignal(dialog.saved):
        qtbot.keyClick(dialog.line, Qt.Key.Key_Return)
    assert any("Recorded" in m for m in tray.messages)  # said near the icon: no window open
    tray.open_requested.emit()
    assert desktop.window.isVisible()
    desktop.window.show_page(CONTACTS)
    desktop.window.close()
    tray.today_requested.emit()
    assert desktop.window.isVisible()
    assert desktop.window.pages.currentIndex() == TODAY


def test_messages_from_a_second_start(qtbot, desktop: Desktop) -> None:  # type: ignore[no-untyped-def]
    desktop.window.close()
    desktop.handle(SHOW)
    assert desktop.window.isVisible()
    desktop.handle(QUICK_ADD)
    qtbot.addWidget(desktop.quick_add)
    assert desktop.quick_add.isVisible()
    desktop.window.close()
    desktop.handle(STAY)  # another start in the tray: nothing to show
    desktop.handle("something else")  # ignored
    assert not desktop.window.isVisible()


def test_ctrl_shift_n_opens_the_same_quick_add(qtbot, desktop: Desktop) -> None:  # type: ignore[no-untyped-def]
    assert desktop.window.quick_add_action.shortcut().toString() == "Ctrl+Shift+N"
    desktop.window.quick_add_action.trigger()
    qtbot.addWidget(desktop.quick_add)
    assert desktop.quick_add.isVisible()


def test_quick_add_without_a_desktop(
    qtbot, journal: Journal, bus: JournalBus, clock: FixedClock
) -> None:  # type: ignore[no-untyped-def]
    from journal.ui.main_window import MainWindow

    window = MainWindow(journal, bus, clock)
    qtbot.addWidget(window)
    window.open_quick_add()
    assert window._quick_add is not None and window._quick_add.isVisible()


def test_quit_leaves_for_good(desktop: Desktop, tray: FakeTray, qapp, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    quits: list[bool] = []
    monkeypatch.setattr(qapp, "quit", lambda: quits.append(True))  # not the test runner's loop
    tray.quit_requested.emit()
    assert quits == [True]
    assert not desktop.window.isVisible()
    assert not tray.shown
    assert tray.messages == []  # quitting is not "still here, in the tray"


def _hold(bus: JournalBus, held: bool) -> None:
    """As the bus does while File → Encryption replaces the file on its worker."""
    bus.busy = held
    bus.holding.emit(held)


def test_quit_while_the_file_is_being_replaced_waits_for_it(  # type: ignore[no-untyped-def]
    qtbot, desktop: Desktop, tray: FakeTray, bus: JournalBus, qapp, monkeypatch
) -> None:
    quits: list[bool] = []
    monkeypatch.setattr(qapp, "quit", lambda: quits.append(True))
    _hold(bus, True)
    tray.quit_requested.emit()
    assert quits == [] and desktop.window.isVisible()  # a half-swapped journal is not left
    _hold(bus, False)
    qtbot.waitUntil(lambda: quits == [True])
    assert not desktop.window.isVisible()


def test_quick_add_waits_while_the_file_is_being_replaced(  # type: ignore[no-untyped-def]
    qtbot, desktop: Desktop, tray: FakeTray, bus: JournalBus
) -> None:
    tray.quick_add_requested.emit()
    dialog = desktop.quick_add
    qtbot.addWidget(dialog)
    assert dialog.isEnabled()
    _hold(bus, True)
    assert not dialog.isEnabled()  # its preview reads the journal at each key
    _hold(bus, False)
    assert dialog.isEnabled()


def test_quick_add_first_opened_while_the_file_is_being_replaced_waits_too(  # type: ignore[no-untyped-def]
    qtbot, desktop: Desktop, bus: JournalBus, clock: FixedClock
) -> None:
    from journal.core.contacts import ContactDraft, create_contact
    from journal.store.models import database_proxy

    create_contact(ContactDraft(given_name="Jane", family_name="Doe"), clock)
    _hold(bus, True)
    database_proxy.hold()  # as the bus holds it: a read on this thread would raise
    try:
        dialog = desktop.quick_add
        qtbot.addWidget(dialog)
        dialog.start("call @Jane")  # a line handed over by a later start
        assert not dialog.isEnabled() and dialog.entry is None
    finally:
        database_proxy.release()
    _hold(bus, False)
    assert dialog.isEnabled()
    qtbot.waitUntil(lambda: dialog.entry is not None)  # previewed once the journal is back
    assert [p.name for p in dialog.entry.people] == ["Jane Doe"]


def test_i_am_at_a_group_meeting(
    desktop: Desktop, tray: FakeTray, journal: Journal, clock: FixedClock
) -> None:
    group = create_group(GroupDraft(name="BNI Downtown"), clock).value
    tray.attend_requested.emit(group)
    (meeting,) = Meeting.select()
    assert (meeting.group_id, meeting.held_on, meeting.attendance) == (
        group,
        clock.today(),
        "attended",
    )
    assert "Noted: you are at BNI Downtown's meeting today." in tray.messages[-1]


def test_i_am_at_a_group_meeting_keeps_what_was_noted(
    desktop: Desktop, tray: FakeTray, journal: Journal, clock: FixedClock
) -> None:
    # The tray ticks a group whose meeting is noted today; choosing it again must not
    # wipe the rating and notes written in the meeting form.
    group = create_group(GroupDraft(name="BNI Downtown"), clock).value
    noted = MeetingDraft(group, clock.today(), "attended", "worth_it", notes="pricing talk")
    record_meeting(noted, clock)
    tray.attend_requested.emit(group)
    (meeting,) = Meeting.select()
    assert (meeting.attendance, meeting.rating, meeting.notes) == (
        "attended",
        "worth_it",
        "pricing talk",
    )


def test_meeting_groups_put_today_and_recent_first(journal: Journal, clock: FixedClock) -> None:
    today = clock.today()
    old = create_group(GroupDraft(name="Alpha club"), clock).value
    recent = create_group(GroupDraft(name="Zeta club"), clock).value
    now = create_group(GroupDraft(name="Mid club"), clock).value
    create_group(GroupDraft(name="Gone club", status="left"), clock)
    create_group(GroupDraft(name="Paused club", status="paused"), clock)
    record_meeting(MeetingDraft(old, today - dt.timedelta(days=30)), clock)
    record_meeting(MeetingDraft(recent, today - dt.timedelta(days=2)), clock)
    record_meeting(MeetingDraft(now, today), clock)
    assert [g.name for g in meeting_groups(today)] == ["Mid club", "Zeta club", "Alpha club"]


def test_the_tray_menu(qtbot, journal: Journal, clock: FixedClock) -> None:  # type: ignore[no-untyped-def]
    group = create_group(GroupDraft(name="BNI Downtown"), clock).value
    tray = SystemTray(clock.today)
    texts = [a.text().replace("&", "") for a in tray.menu.actions() if not a.isSeparator()]
    assert texts == ["Quick add…", "I'm at a group meeting", "Today", "Open journal", "Quit"]
    tray.meetings.aboutToShow.emit()
    (choice,) = tray.meetings.actions()
    assert choice.text() == "BNI Downtown" and not choice.isChecked()
    with qtbot.waitSignal(tray.attend_requested) as attended:
        choice.trigger()
    assert attended.args == [group]
    with qtbot.waitSignal(tray.quick_add_requested):
        tray._activated(tray.icon.ActivationReason.Trigger)
    with qtbot.waitSignal(tray.quit_requested):
        tray.quit_action.trigger()
    tray.menu.deleteLater()


def test_the_tray_menu_without_groups(journal: Journal, clock: FixedClock) -> None:
    tray = SystemTray(clock.today)
    tray.meetings.aboutToShow.emit()
    (empty,) = tray.meetings.actions()
    assert not empty.isEnabled() and "No groups" in empty.text()
    tray.menu.deleteLater()


# --- Preferences ---------------------------------------------------------------------------------


@pytest.fixture
def login(tmp_path: Path) -> XdgAutostart:
    return XdgAutostart(tmp_path / "config")


def _preferences(
    qtbot, bus: JournalBus, journal: Journal, login: XdgAutostart, tray: bool
) -> PreferencesDialog:  # type: ignore[no-untyped-def]
    settings = QSettings(str(journal.home / "window.ini"), QSettings.Format.IniFormat)
    dialog = PreferencesDialog(bus, settings, login, journal.home, tray_available=tray)
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def test_preferences_save_every_setting(
    qtbot, bus: JournalBus, journal: Journal, login: XdgAutostart
) -> None:  # type: ignore[no-untyped-def]
    dialog = _preferences(qtbot, bus, journal, login, tray=True)
    currency = dialog.findChild(QLineEdit, "defaultCurrency")
    keep = dialog.findChild(QCheckBox, "keepInTray")
    start = dialog.findChild(QCheckBox, "startAtLogin")
    assert currency.accessibleName() and keep.accessibleName() and start.accessibleName()
    assert keep.isChecked() and not start.isChecked()
    qtbot.keyClicks(currency, "eur")
    keep.setChecked(False)
    start.setChecked(True)
    qtbot.mouseClick(dialog.findChild(QPushButton, "savePreferences"), Qt.MouseButton.LeftButton)
    assert not dialog.isVisible()
    assert journal_settings.default_currency() == "EUR"
    settings = QSettings(str(journal.home / "window.ini"), QSettings.Format.IniFormat)
    assert settings.value(KEEP_IN_TRAY) in (False, "false")
    assert login.is_enabled()
    assert (
        f'"{journal.home}"' in login.path.read_text() or str(journal.home) in login.path.read_text()
    )

    again = _preferences(qtbot, bus, journal, login, tray=True)
    again.findChild(QCheckBox, "startAtLogin").setChecked(False)
    again.save()
    assert not login.path.exists()


def test_a_wrong_currency_stays_in_the_form(
    qtbot, bus: JournalBus, journal: Journal, login: XdgAutostart
) -> None:  # type: ignore[no-untyped-def]
    dialog = _preferences(qtbot, bus, journal, login, tray=True)
    qtbot.keyClicks(dialog.findChild(QLineEdit, "defaultCurrency"), "e1")
    dialog.save()
    assert dialog.isVisible() and "default currency" in dialog.banner.text().lower()
    assert journal_settings.default_currency() == ""


def test_the_currency_field_is_sized_for_three_letters(
    qtbot, bus: JournalBus, journal: Journal, login: XdgAutostart
) -> None:  # type: ignore[no-untyped-def]
    dialog = _preferences(qtbot, bus, journal, login, tray=True)
    currency = dialog.findChild(QLineEdit, "defaultCurrency")
    start = dialog.findChild(QCheckBox, "startAtLogin")
    metrics = currency.fontMetrics()
    # Its hint shows whole, and it no longer stretches to the form's widest row.
    assert currency.width() >= metrics.horizontalAdvance(currency.placeholderText())
    assert currency.width() < start.width() / 2


def test_without_a_tray_the_tray_setting_is_off(
    qtbot, bus: JournalBus, journal: Journal, login: XdgAutostart
) -> None:  # type: ignore[no-untyped-def]
    dialog = _preferences(qtbot, bus, journal, login, tray=False)
    keep = dialog.findChild(QCheckBox, "keepInTray")
    assert not keep.isEnabled() and not keep.isChecked()


def test_an_unwritable_login_entry_is_reported(
    qtbot, bus: JournalBus, journal: Journal, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    blocked = tmp_path / "file-not-folder"
    blocked.write_text("")
    dialog = _preferences(qtbot, bus, journal, XdgAutostart(blocked), tray=True)
    dialog.findChild(QCheckBox, "startAtLogin").setChecked(True)
    dialog.save()
    assert dialog.isVisible() and "start at login" in dialog.banner.text().lower()


def test_preferences_from_the_main_window(
    qtbot, desktop: Desktop, on_dialog, tmp_path, monkeypatch
) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    seen: list[str] = []

    def look(dialog) -> None:  # type: ignore[no-untyped-def]
        seen.append(dialog.objectName())
        dialog.reject()

    problems = on_dialog(look)
    assert desktop.window.preferences_action.shortcut().toString() == "Ctrl+,"
    desktop.window.preferences_action.trigger()
    assert problems == [] and seen == ["preferences"]
    assert QApplication.activeModalWidget() is None
