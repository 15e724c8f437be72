"""The app on the desktop: the main window, the tray icon, Quick add and the handover from
later starts, wired together. Without a tray it is an ordinary windowed app."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QTimer
from PySide6.QtWidgets import QApplication

from journal import APP_NAME
from journal.core.clock import SYSTEM_CLOCK, Clock
from journal.store import Journal
from journal.ui.bus import JournalBus
from journal.ui.main_window import MainWindow
from journal.ui.platform.single_instance import QUICK_ADD, SHOW, SingleInstance
from journal.ui.platform.tray import NOTICE_SHOWN, Tray, keep_in_tray, make_tray

if TYPE_CHECKING:
    from journal.core.quick_add import QuickOutcome
    from journal.ui.quick_add_dialog import QuickAddDialog


class Desktop(QObject):
    """Owns the main window, the tray icon and the Quick add window of one journal."""

    def __init__(
        self,
        journal: Journal,
        bus: JournalBus,
        clock: Clock = SYSTEM_CLOCK,
        tray: Tray | None = None,
        instance: SingleInstance | None = None,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.journal = journal
        self.bus = bus
        self.clock = clock
        self.instance = instance
        # Without a tray given, the desktop's own is made in start(): once the window has
        # been painted with its first page when it shows (the icon, its menu and the tray
        # host's answers cost the window about 10 ms), at once when the app starts in the
        # tray.
        self._tray_to_make = tray is None
        self.tray = tray if tray is not None else Tray(self)
        self.window = MainWindow(journal, bus, clock)
        self.settings = self.window.settings
        self._quick_add: QuickAddDialog | None = None
        self._quitting = False
        self._quit_when_released = False
        bus.holding.connect(self._held)

        self.window.keep_in_tray = self._keep_in_tray
        self.window.on_quit = self.quit
        self.window.on_quick_add = self.open_quick_add
        self.window.hidden_to_tray.connect(self._hidden_to_tray)
        if instance is not None:
            instance.received.connect(self.handle)
        self._use_tray(self.tray)

    def _use_tray(self, tray: Tray) -> None:
        self.tray = tray
        self.window.tray_available = tray.available
        # The daily digest speaks through the same icon (it never makes one of its own).
        self.window.use_tray_icon(tray.qt_icon)
        tray.quick_add_requested.connect(self.open_quick_add)
        tray.today_requested.connect(self.show_today)
        tray.open_requested.connect(self.show_window)
        tray.quit_requested.connect(self.quit)
        tray.attend_requested.connect(self.attend_today)
        app = QApplication.instance()
        if isinstance(app, QApplication):
            # With a tray the app lives on when its last window closes; without, it quits.
            app.setQuitOnLastWindowClosed(not tray.available)

    def start(self, *, show_window: bool = True, quick_add: bool = False) -> None:
        """Show the tray icon, and the window unless asked to start in the tray only."""
        if self._tray_to_make and show_window and not quick_add:
            self.show_window()
            self.window.after_first_paint(self._make_tray)
            return
        self._make_tray()
        if show_window or not (self.tray.available or quick_add):
            self.show_window()
        if quick_add:
            self.open_quick_add()

    def _make_tray(self) -> None:
        """The desktop's tray icon (the stand-in where there is no tray), shown."""
        if self._tray_to_make and not self._quitting:
            self._tray_to_make = False
            self._use_tray(make_tray(self.clock.today, self))
        self.tray.show()

    def handle(self, message: str) -> None:
        """A later start's request: show the window, or open Quick add."""
        if message == QUICK_ADD:
            self.open_quick_add()
        elif message == SHOW:
            self.show_window()

    def show_window(self) -> None:
        """Bring the main window to the front, whether it was hidden, minimised or behind."""
        window = self.window
        if window.isMinimized():
            window.showNormal()
        window.show()
        window.raise_()
        window.activateWindow()

    def show_today(self) -> None:
        """The tray's Today: the main window, in front, on its Today page."""
        self.window.show_today()

    @property
    def quick_add(self) -> QuickAddDialog:
        """The one Quick add window (built when first needed)."""
        if self._quick_add is None:
            from journal.ui.quick_add_dialog import QuickAddDialog  # built on first use

            dialog = QuickAddDialog(self.bus, self.clock)
            dialog.saved.connect(self._saved)
            self._quick_add = dialog
        return self._quick_add

    def open_quick_add(self) -> None:
        """Show Quick add in front, with an empty line (or as it was, if already open)."""
        dialog = self.quick_add
        if dialog.isVisible():
            dialog.raise_()
            dialog.activateWindow()
            return
        dialog.start()

    def attend_today(self, group_id: int) -> None:
        """The tray's "I'm at a group meeting": note today's meeting as attended."""
        from journal.core.groups import require_group  # not needed at start
        from journal.core.meetings import note_attended

        # Today's meeting may be recorded already, with notes and people: those stay.
        result = self.bus.run(note_attended, group_id, self.clock.today(), self.clock)
        if result is not None:
            # Named: with several groups in the menu, a slip of the mouse shows at once.
            name = require_group(group_id).name
            self.tray.notify(
                APP_NAME, self.tr("Noted: you are at %1's meeting today.").replace("%1", name)
            )

    def quit(self) -> None:
        """Quit for real: remember the layout, stop listening, leave the event loop."""
        if self.bus.busy:
            # File → Encryption is replacing the file: quit once it is whole again.
            self._quit_when_released = True
            return
        self._quitting = True
        if self._quick_add is not None:
            self._quick_add.reject()
        self.window.quitting = True
        self.window.close()
        self.tray.hide()
        if self.instance is not None:
            self.instance.close()
        app = QApplication.instance()
        if app is not None:
            app.quit()

    def _held(self, held: bool) -> None:
        if not held and self._quit_when_released:
            self._quit_when_released = False
            QTimer.singleShot(0, self.quit)  # after the dialog has heard the outcome

    def _keep_in_tray(self) -> bool:
        return self.tray.available and not self._quitting and keep_in_tray(self.settings)

    def _hidden_to_tray(self) -> None:
        if str(self.settings.value(NOTICE_SHOWN, "false")).lower() in ("true", "1"):
            return
        self.settings.setValue(NOTICE_SHOWN, True)
        self.tray.notify(
            APP_NAME,
            self.tr(
                "Still here, in the tray: click the icon for Quick add. "
                "Quit from its menu, or change this in Preferences."
            ),
        )

    def _saved(self, outcome: QuickOutcome) -> None:
        if not self.window.isVisible():
            self.tray.notify(
                APP_NAME,
                self.tr("Recorded (entry #%1).").replace("%1", str(outcome.interaction_id)),
            )
