"""Preferences: the default currency, living in the tray, starting at login."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QFormLayout,
    QLabel,
    QLineEdit,
    QWidget,
)

from journal.autostart import Autostart, login_command
from journal.core import settings as journal_settings
from journal.core.errors import ValidationError
from journal.store.location import default_home
from journal.ui.bus import JournalBus
from journal.ui.dialogs.form_support import ErrorBanner, save_cancel_buttons, stack
from journal.ui.platform.tray import KEEP_IN_TRAY, keep_in_tray


class PreferencesDialog(QDialog):
    """Settings of the journal (currency) and of this computer (tray, start at login)."""

    def __init__(
        self,
        bus: JournalBus,
        window_settings: QSettings,
        autostart: Autostart,
        home: Path,
        tray_available: bool,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("preferences")
        self.setWindowTitle(self.tr("Preferences"))
        self.bus = bus
        self.window_settings = window_settings
        self.autostart = autostart
        self.home = home
        self.banner = ErrorBanner(self)

        self.currency = QLineEdit(journal_settings.default_currency(), self)
        self.currency.setObjectName("defaultCurrency")
        self.currency.setAccessibleName(self.tr("Default currency"))
        self.currency.setPlaceholderText(self.tr("e.g. EUR"))
        self.currency.setMaxLength(3)
        # Three letters: as wide as its hint, not the whole dialog (a form stretches a line
        # edit to its widest row).
        hint = self.currency.fontMetrics().horizontalAdvance(self.currency.placeholderText())
        self.currency.setMaximumWidth(hint + 4 * self.currency.fontMetrics().averageCharWidth())
        self.currency.setToolTip(
            self.tr(
                "The currency new amounts start in: a logged value, a group's dues, and a "
                "quick-add value typed without one, such as $1,200"
            )
        )

        self.keep_running = QCheckBox(
            self.tr("&Keep running in the tray when the window is closed"), self
        )
        self.keep_running.setObjectName("keepInTray")
        self.keep_running.setAccessibleName(self.keep_running.text().replace("&", ""))
        self.keep_running.setChecked(tray_available and keep_in_tray(window_settings))
        self.keep_running.setEnabled(tray_available)
        no_tray = QLabel(self.tr("This desktop has no system tray."), self)
        no_tray.setVisible(not tray_available)

        self.start_at_login = QCheckBox(self.tr("&Start Contact Journal when I log in"), self)
        self.start_at_login.setObjectName("startAtLogin")
        self.start_at_login.setAccessibleName(self.start_at_login.text().replace("&", ""))
        self.start_at_login.setChecked(autostart.is_enabled())
        self.start_at_login.setToolTip(autostart.where())

        form = QFormLayout()
        form.addRow(self.tr("Default &currency:"), self.currency)
        form.addRow(self.keep_running)
        form.addRow(no_tray)
        form.addRow(self.start_at_login)
        buttons, _save = save_cancel_buttons(self, self.save, "savePreferences")
        stack(self, self.banner, form, buttons)

    def save(self) -> None:
        """Apply every setting; stay open and say which one failed, if one does."""
        self.banner.clear_error()
        try:
            if self.currency.text().strip().upper() != journal_settings.default_currency():
                self.bus.run(
                    journal_settings.set_default_currency,
                    self.currency.text(),
                    parent=self,
                    raise_validation=True,
                )
        except ValidationError as error:
            self.banner.show_error(error)
            self.currency.setFocus()
            return
        if self.keep_running.isEnabled():
            self.window_settings.setValue(KEEP_IN_TRAY, self.keep_running.isChecked())
        try:
            wanted = self.start_at_login.isChecked()
            if wanted and not self.autostart.is_enabled():
                home = None if self.home == default_home() else self.home
                self.autostart.enable(login_command(home))
            elif not wanted and self.autostart.is_enabled():
                self.autostart.disable()
        except OSError as error:
            self.banner.show_error(
                ValidationError(self.tr("start at login"), f"{self.autostart.where()}: {error}")
            )
            return
        self.accept()
