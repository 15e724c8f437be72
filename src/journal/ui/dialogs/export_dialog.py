"""Exporting from the app: everyone or the selected contacts, as vCard or CSV; or the whole
journal as an archive. The file is written on a worker thread, with a Cancel button."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QProgressBar,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from journal.core.clock import SYSTEM_CLOCK, Clock
from journal.core.exporting import FORMATS, export_contacts
from journal.ui.bus import BackgroundTask, JournalBus
from journal.ui.dialogs.form_support import ErrorBanner


class ExportDialog(QDialog):
    """Choose what to export and how; then where, and the file is written."""

    def __init__(
        self,
        bus: JournalBus,
        selected: list[int],
        total: int,
        clock: Clock = SYSTEM_CLOCK,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("exportDialog")
        self.setWindowTitle(self.tr("Export"))
        self.bus = bus
        self.clock = clock
        self.selected = list(selected)
        self.task: BackgroundTask | None = None
        self.names = names = {
            "vcard": self.tr("vCard 3.0 (.vcf): read by every address book"),
            "vcard4": self.tr("vCard 4.0 (.vcf)"),
            "csv": self.tr("CSV (.csv) with Google Contacts' columns"),
            "archive": self.tr("Journal archive (.json): everything, to keep or move"),
        }
        self.format = QComboBox(self)
        self.format.setObjectName("exportFormat")
        self.format.setAccessibleName(self.tr("Format"))
        for code in FORMATS:
            self.format.addItem(names[code], code)
        self.everyone = QRadioButton(self.tr("&Everyone (%n contact(s))", "", total), self)
        self.everyone.setObjectName("exportEveryone")
        self.only_selected = QRadioButton(
            self.tr("The &selected contacts (%n)", "", len(self.selected)), self
        )
        self.only_selected.setObjectName("exportSelected")
        scope = QButtonGroup(self)
        scope.addButton(self.everyone)
        scope.addButton(self.only_selected)
        (self.only_selected if len(self.selected) > 1 else self.everyone).setChecked(True)
        self.banner = ErrorBanner(self)
        self.progress = QProgressBar(self)
        self.progress.setObjectName("exportProgress")
        self.progress.setAccessibleName(self.tr("Export progress"))
        self.progress.hide()
        self.note = QLabel(self)
        self.note.setWordWrap(True)
        buttons = QDialogButtonBox(self)
        self.export_button = QPushButton(self.tr("E&xport…"), self)
        self.export_button.setObjectName("exportStart")
        self.export_button.setDefault(True)
        buttons.addButton(self.export_button, QDialogButtonBox.ButtonRole.AcceptRole)
        self.cancel_button = buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        self.export_button.clicked.connect(self.start)
        self.cancel_button.clicked.connect(self.reject)
        form = QFormLayout()
        form.addRow(self.tr("&Format:"), self.format)
        layout = QVBoxLayout(self)
        layout.addWidget(self.banner)
        layout.addLayout(form)
        layout.addWidget(self.everyone)
        layout.addWidget(self.only_selected)
        layout.addWidget(self.note)
        layout.addWidget(self.progress)
        layout.addWidget(buttons)
        self.format.currentIndexChanged.connect(self._format_changed)
        self._format_changed()

    def chosen_format(self) -> str:
        return str(self.format.currentData())

    def _format_changed(self) -> None:
        whole = FORMATS[self.chosen_format()].whole_journal
        self.everyone.setEnabled(not whole)
        self.only_selected.setEnabled(not whole and bool(self.selected))
        self.note.setText(
            self.tr("An archive holds the whole journal: people, timeline, groups, reviews.")
            if whole
            else ""
        )

    def start(self) -> None:
        """Ask where, then write the file on a worker thread."""
        code = self.chosen_format()
        chosen = FORMATS[code]
        suggested = ("journal" if chosen.whole_journal else "contacts") + chosen.suffix
        path = self.bus.dialogs.save_file(
            self,
            self.tr("Export to"),
            suggested,
            self.tr("%1 (*%2)").replace("%1", self.names[code]).replace("%2", chosen.suffix),
        )
        if path is None:
            return
        if not path.suffix:
            path = path.with_suffix(chosen.suffix)
        ids = None if chosen.whole_journal or self.everyone.isChecked() else self.selected
        self.banner.clear_error()
        self.export_button.setEnabled(False)
        self.progress.setRange(0, 0)
        self.progress.show()
        self.task = self.bus.start(export_contacts, path, code, ids, self.clock, parent=self)
        self.task.progressed.connect(self._progressed)
        self.task.succeeded.connect(lambda count: self._exported(path.name, int(count)))
        self.task.failed.connect(self._failed)
        self.task.cancelled.connect(self._cancelled)

    def _progressed(self, done: int, total: int) -> None:
        self.progress.setRange(0, max(total, 1))
        self.progress.setValue(done)

    def _exported(self, name: str, count: int) -> None:
        self.progress.hide()
        text = (
            self.tr("The whole journal (%n contact(s) and all the rest) written to %1.", "", count)
            if FORMATS[self.chosen_format()].whole_journal
            else self.tr("%n contact(s) written to %1.", "", count)
        )
        self.bus.dialogs.info(self, self.tr("Exported"), text.replace("%1", name))
        self.accept()

    def _failed(self, message: str) -> None:
        self.progress.hide()
        self.export_button.setEnabled(True)
        self.banner.show_message(message)

    def _cancelled(self) -> None:
        self.progress.hide()
        self.export_button.setEnabled(True)
        self.note.setText(self.tr("Stopped; no file was written."))

    def reject(self) -> None:
        """Cancel: a running export stops first and leaves no file behind."""
        if self.task is not None and self.task.is_running():
            self.task.cancel()
            self.task.wait()
            return  # the dialog stays, saying it stopped
        super().reject()
