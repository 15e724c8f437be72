"""The import wizard: choose a file, preview every row, choose what to do with duplicates,
import on a worker thread with a progress bar and a Cancel button, read the report."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path

from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QRadioButton,
    QTableView,
    QVBoxLayout,
    QWidget,
    QWizard,
    QWizardPage,
)

from journal.core.clock import SYSTEM_CLOCK, Clock
from journal.core.importing import (
    Duplicates,
    ImportPlan,
    ImportReport,
    Outcome,
    PlanRow,
    ReportRow,
    RowStatus,
    import_safely,
    plan_file,
)
from journal.interchange.detect import FORMAT_NAMES, FORMATS, SNIFF_BYTES, sniff
from journal.store import Journal
from journal.ui.bus import BackgroundTask, JournalBus
from journal.ui.dialogs.form_support import ErrorBanner
from journal.ui.models.import_models import NOTED, ImportPreviewModel, ImportReportModel
from journal.ui.widgets.tables import read_only_table

FILE, PREVIEW, OPTIONS, RUN = range(4)


def _format_names() -> dict[str, str]:
    tr = ImportWizard.tr_static
    return {
        "vcard": tr("vCard (.vcf), from any address book"),
        "linkedin": tr("LinkedIn connections (Connections.csv)"),
        "google": tr("Google Contacts (CSV)"),
        "archive": tr("Contact Journal archive (JSON), into an empty journal"),
    }


def _table(parent: QWidget, name: str, accessible: str) -> QTableView:
    table = read_only_table(parent, name, accessible)
    table.horizontalHeader().setStretchLastSection(True)
    return table


def _left_out(rows: Sequence[PlanRow | ReportRow], say: Callable[[int], str]) -> str:
    """The summary's word on the rows with a note (a value left out: a date in the future,
    an e-mail that is none), as `say(count)` words it; "" when there are none."""
    noted = sum(1 for row in rows if row.note)
    return f" {say(noted)}" if noted else ""


class FilePage(QWizardPage):
    """Which file, and what it is (recognised from its content; the user may say otherwise)."""

    def __init__(self, wizard: ImportWizard) -> None:
        super().__init__(wizard)
        self.owner = wizard
        self.setTitle(self.tr("Choose a file"))
        self.setSubTitle(
            self.tr(
                "A vCard file from your phone or address book, LinkedIn's Connections.csv, "
                "a Google Contacts export, or a Contact Journal archive."
            )
        )
        self.path = QLineEdit(self)
        self.path.setObjectName("importPath")
        self.path.setAccessibleName(self.tr("File to import"))
        self.path.setPlaceholderText(self.tr("Type a path or choose a file"))
        browse = QPushButton(self.tr("&Choose…"), self)
        browse.setObjectName("importBrowse")
        browse.clicked.connect(self.browse)
        row = QHBoxLayout()
        row.addWidget(self.path, 1)
        row.addWidget(browse)
        self.format = QComboBox(self)
        self.format.setObjectName("importFormat")
        self.format.setAccessibleName(self.tr("What the file is"))
        self.format.addItem(self.tr("Recognise it from its content"), None)
        for code, text in _format_names().items():
            self.format.addItem(text, code)
        self.detected = QLabel(self)
        self.detected.setObjectName("importDetected")
        self.detected.setWordWrap(True)
        hints = QLabel(
            self.tr(
                "LinkedIn: Settings → Data privacy → Get a copy of your data → Connections. "
                "Google Contacts: Export → Google CSV (or vCard)."
            ),
            self,
        )
        hints.setWordWrap(True)
        form = QFormLayout()
        form.addRow(self.tr("&File:"), row)
        form.addRow(self.tr("F&ormat:"), self.format)
        form.itemAt(0, QFormLayout.ItemRole.LabelRole).widget().setBuddy(self.path)  # type: ignore[union-attr]
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.detected)
        layout.addStretch(1)
        layout.addWidget(hints)
        self.unrecognised = False  # a file chosen that no format recognises
        self.path.textChanged.connect(self._path_changed)
        self.format.currentIndexChanged.connect(self._path_changed)

    def browse(self) -> None:
        """Ask for the file through the dialog service."""
        chosen = self.owner.bus.dialogs.open_file(
            self,
            self.tr("Choose a file to import"),
            self.tr("Contacts (*.vcf *.vcard *.csv *.json);;All files (*)"),
        )
        if chosen is not None:
            self.path.setText(str(chosen))

    def chosen_path(self) -> Path | None:
        text = self.path.text().strip()
        path = Path(text).expanduser() if text else None
        return path if path is not None and path.is_file() else None

    def chosen_format(self) -> str | None:
        code = self.format.currentData()
        return str(code) if code in FORMATS else None

    def _path_changed(self) -> None:
        path = self.chosen_path()
        self.unrecognised = False
        if path is None:
            text = self.path.text().strip()
            if not text:
                self.detected.setText("")
            elif Path(text).expanduser().is_dir():
                self.detected.setText(self.tr("That is a folder; choose a file in it."))
            else:
                self.detected.setText(self.tr("There is no such file."))
        elif self.chosen_format() is not None:
            self.detected.setText("")
        else:
            self.detected.setText(self._sniff(path))
        self.completeChanged.emit()

    def _sniff(self, path: Path) -> str:
        try:
            with path.open("rb") as handle:
                found = sniff(handle.read(SNIFF_BYTES))
        except OSError:
            found = None
        if found is None:
            # Next waits for the user to say what it is: going on would only fail.
            self.unrecognised = True
            return self.tr(
                "This does not look like a file the journal can import. If it is one, "
                "say which under Format."
            )
        return self.tr("Looks like: %1").replace("%1", _format_names().get(found, found))

    def isComplete(self) -> bool:
        return self.chosen_path() is not None and not self.unrecognised


class PreviewPage(QWizardPage):
    """Every row of the file and what importing it would do, planned on a worker thread."""

    def __init__(self, wizard: ImportWizard) -> None:
        super().__init__(wizard)
        self.owner = wizard
        self.setTitle(self.tr("Preview"))
        self.setSubTitle(
            self.tr("Nothing is imported yet. Each row says what will happen to it, and why.")
        )
        self.banner = ErrorBanner(self)
        self.progress = QProgressBar(self)
        self.progress.setObjectName("previewProgress")
        self.progress.setAccessibleName(self.tr("Reading the file"))
        self.summary = QLabel(self)
        self.summary.setObjectName("previewSummary")
        self.summary.setWordWrap(True)
        self.show_filter = QComboBox(self)
        self.show_filter.setObjectName("previewFilter")
        self.show_filter.setAccessibleName(self.tr("Which rows to show"))
        statuses = {s.value for s in RowStatus}
        for text, codes in (
            (self.tr("All rows"), None),
            (self.tr("Rows to look at"), frozenset(statuses - {"new", "unchanged"} | {NOTED})),
            (self.tr("New"), frozenset({"new"})),
            (self.tr("Updates and possible duplicates"), frozenset({"update", "duplicate"})),
            (self.tr("Already there"), frozenset({"unchanged"})),
            (self.tr("Problems"), frozenset({"invalid"})),
        ):
            self.show_filter.addItem(text, codes)
        self.show_filter.currentIndexChanged.connect(
            lambda: self.model.show_codes(self.show_filter.currentData())
        )
        self.model = ImportPreviewModel(self)
        self.table = _table(self, "previewTable", self.tr("Rows of the file"))
        self.table.setModel(self.model)
        header = self.table.horizontalHeader()
        header.resizeSection(ImportPreviewModel.LINE, 60)
        header.resizeSection(ImportPreviewModel.NAME, 180)
        header.resizeSection(ImportPreviewModel.EMAIL, 180)
        header.resizeSection(ImportPreviewModel.STATUS, 130)
        top = QHBoxLayout()
        top.addWidget(self.summary, 1)
        top.addWidget(self.show_filter)
        layout = QVBoxLayout(self)
        layout.addWidget(self.banner)
        layout.addWidget(self.progress)
        layout.addLayout(top)
        layout.addWidget(self.table, 1)
        self.plan: ImportPlan | None = None
        self.task: BackgroundTask | None = None
        self.setButtonText(QWizard.WizardButton.CommitButton, self.tr("&Import"))

    def initializePage(self) -> None:
        self.plan = None
        self.setCommitPage(False)
        self.banner.clear_error()
        self.model.set_rows([])
        self._show_rows(True)
        self.summary.setText(self.tr("Reading the file…"))
        self.progress.setRange(0, 0)
        self.progress.show()
        page = self.owner.file_page
        path = page.chosen_path()
        assert path is not None
        self.task = self.owner.bus.start(
            plan_file, path, page.chosen_format(), self.owner.clock, parent=self
        )
        self.task.progressed.connect(self._progressed)
        self.task.succeeded.connect(self._planned)
        self.task.failed.connect(self._failed)
        self.completeChanged.emit()

    def cleanupPage(self) -> None:
        if self.task is not None and self.task.is_running():
            self.task.cancel()

    def _progressed(self, done: int, total: int) -> None:
        self.progress.setRange(0, max(total, 1))
        self.progress.setValue(done)

    def _planned(self, plan: object) -> None:
        assert isinstance(plan, ImportPlan)
        self.plan = plan
        self.progress.hide()
        self.model.set_rows(plan.rows)
        counts = {status: plan.count(status) for status in RowStatus}
        # Each count with its own plural ("1 possible duplicate", "2 updates").
        parts = (
            self.tr("%n new", "", counts[RowStatus.NEW]),
            self.tr("%n update(s)", "", counts[RowStatus.UPDATE]),
            self.tr("%n possible duplicate(s)", "", counts[RowStatus.DUPLICATE]),
            self.tr("%n already there", "", counts[RowStatus.UNCHANGED]),
            self.tr("%n with a problem", "", counts[RowStatus.INVALID]),
        )
        self.summary.setText(
            self.tr("%1: %2.")
            .replace("%1", self.tr("%n row(s)", "", len(plan.rows)))
            .replace("%2", ", ".join(parts))
            + _left_out(
                plan.rows,
                lambda noted: self.tr(
                    "%n row(s) with a value that will be left out (see the Reason column).",
                    "",
                    noted,
                ),
            )
        )
        if not self.isComplete():
            # Else Import is greyed out with no word why.
            self.summary.setText(
                self.summary.text()
                + " "
                + self.tr("Nothing in it can be imported: the Reason column says why for each row.")
            )
        # Nothing left to decide: this page is the last before anything is written.
        self.setCommitPage(self.imports_next())
        self.completeChanged.emit()

    def _failed(self, message: str) -> None:
        self.progress.hide()
        self.summary.setText("")
        self._show_rows(False)  # an empty table and its filter under the message said nothing
        self.banner.show_message(message)
        self.completeChanged.emit()

    def _show_rows(self, shown: bool) -> None:
        self.table.setVisible(shown)
        self.show_filter.setVisible(shown)

    def isComplete(self) -> bool:
        return self.plan is not None and any(
            row.status is not RowStatus.INVALID for row in self.plan.rows
        )

    def imports_next(self) -> bool:
        """Whether the import comes next, with no duplicates to decide about first (none in
        the file, or an archive, which restores a whole journal)."""
        plan = self.plan
        return plan is not None and (
            plan.archive is not None or plan.count(RowStatus.DUPLICATE) == 0
        )

    def nextId(self) -> int:
        return RUN if self.imports_next() else OPTIONS


class OptionsPage(QWizardPage):
    """What to do with possible duplicates; the last page before anything is written."""

    def __init__(self, wizard: ImportWizard) -> None:
        super().__init__(wizard)
        self.owner = wizard
        self.setTitle(self.tr("Possible duplicates"))
        self.setSubTitle(
            self.tr("Updates of a card you already have are always merged. For the others:")
        )
        self.merge = QRadioButton(
            self.tr("&Merge each into the contact it matches (keeps every channel and note)"),
            self,
        )
        self.merge.setObjectName("duplicatesMerge")
        self.skip = QRadioButton(self.tr("&Skip them: import only the new people"), self)
        self.skip.setObjectName("duplicatesSkip")
        self.choice = QButtonGroup(self)
        self.choice.addButton(self.merge)
        self.choice.addButton(self.skip)
        self.merge.setChecked(True)
        self.note = QLabel(self)
        self.note.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(self.merge)
        layout.addWidget(self.skip)
        layout.addSpacing(12)
        layout.addWidget(self.note)
        layout.addStretch(1)
        self.setCommitPage(True)
        self.setButtonText(QWizard.WizardButton.CommitButton, self.tr("&Import"))

    def initializePage(self) -> None:
        plan = self.owner.preview_page.plan
        duplicates = plan.count(RowStatus.DUPLICATE) if plan is not None else 0
        self.note.setText(
            self.tr("%n possible duplicate(s) in this file.", "", duplicates)
            + " "
            + self.tr("Importing is one step: stopping it half-way changes nothing.")
        )

    def duplicates(self) -> Duplicates:
        return Duplicates.SKIP if self.skip.isChecked() else Duplicates.MERGE


class RunPage(QWizardPage):
    """The import itself, on a worker thread, then its report."""

    def __init__(self, wizard: ImportWizard) -> None:
        super().__init__(wizard)
        self.owner = wizard
        self.setTitle(self.tr("Importing"))
        # A subtitle, as every page of the wizard has: without one the title leaves the
        # header band and shows large in the page.
        self.setSubTitle(self.tr("Everything is written in one step, or nothing is."))
        self.banner = ErrorBanner(self)
        self.progress = QProgressBar(self)
        self.progress.setObjectName("importProgress")
        self.progress.setAccessibleName(self.tr("Import progress"))
        self.stop = QPushButton(self.tr("&Stop the import"), self)
        self.stop.setObjectName("stopImport")
        self.stop.clicked.connect(self.cancel)
        self.summary = QLabel(self)
        self.summary.setObjectName("importSummary")
        self.summary.setWordWrap(True)
        self.model = ImportReportModel(self)
        self.show_filter = QComboBox(self)
        self.show_filter.setObjectName("reportFilter")
        self.show_filter.setAccessibleName(self.tr("Which rows to show"))
        for text, codes in (
            (self.tr("All rows"), None),
            (self.tr("Skipped"), frozenset({"skipped"})),
            (self.tr("Merged and updated"), frozenset({"merged", "updated"})),
            (self.tr("Added"), frozenset({"added"})),
        ):
            self.show_filter.addItem(text, codes)
        self.show_filter.currentIndexChanged.connect(
            lambda: self.model.show_codes(self.show_filter.currentData())
        )
        self.table = _table(self, "reportTable", self.tr("What happened to each row"))
        self.table.setModel(self.model)
        header = self.table.horizontalHeader()
        header.resizeSection(ImportReportModel.LINE, 60)
        header.resizeSection(ImportReportModel.NAME, 180)
        header.resizeSection(ImportReportModel.OUTCOME, 110)
        running = QHBoxLayout()
        running.addWidget(self.progress, 1)
        running.addWidget(self.stop)
        # Edit → Undo cannot take back an import (it may touch every contact); the copy
        # taken just before it can, through the restore dialog's own confirmation.
        self.undo = QPushButton(self.tr("&Undo this import…"), self)
        self.undo.setObjectName("undoImport")
        self.undo.setToolTip(
            self.tr("Put back the copy of the journal taken just before this import")
        )
        self.undo.hide()
        self.undo.clicked.connect(self.undo_import)
        top = QHBoxLayout()
        top.addWidget(self.summary, 1)
        top.addWidget(self.undo)
        top.addWidget(self.show_filter)
        layout = QVBoxLayout(self)
        layout.addWidget(self.banner)
        layout.addLayout(running)
        layout.addLayout(top)
        layout.addWidget(self.table, 1)
        self.setFinalPage(True)
        self.task: BackgroundTask | None = None
        self.report: ImportReport | None = None
        self.finished = False

    def initializePage(self) -> None:
        plan = self.owner.preview_page.plan
        assert plan is not None
        self.summary.setText(self.tr("Importing %1…").replace("%1", plan.source))
        self.show_filter.hide()
        self.table.hide()
        self.progress.setRange(0, 0)
        self.task = self.owner.bus.start(
            import_safely,  # a backup of the journal first, then the import
            self.owner.journal,
            plan,
            self.owner.options_page.duplicates(),
            self.owner.clock,
            parent=self,
        )
        self.task.progressed.connect(self._progressed)
        self.task.succeeded.connect(self._imported)
        self.task.failed.connect(self._failed)
        self.task.cancelled.connect(self._cancelled)
        self.task.finished.connect(self._finished)

    def cancel(self) -> None:
        """Stop: the import rolls back; the journal stays as it was."""
        if self.task is not None and self.task.is_running():
            self.stop.setEnabled(False)
            self.summary.setText(self.tr("Stopping…"))
            self.task.cancel()

    def _progressed(self, done: int, total: int) -> None:
        self.progress.setRange(0, max(total, 1))
        self.progress.setValue(done)

    def _imported(self, report: object) -> None:
        assert isinstance(report, ImportReport)
        self.report = report
        self.setTitle(self.tr("Imported"))
        self.setSubTitle(self.tr("What happened to each row of the file."))
        self.summary.setText(
            self.tr("%1 added, %2 updated, %3 merged, %4 skipped.")
            .replace("%1", str(report.count(Outcome.ADDED)))
            .replace("%2", str(report.count(Outcome.UPDATED)))
            .replace("%3", str(report.count(Outcome.MERGED)))
            .replace("%4", str(report.count(Outcome.SKIPPED)))
            + _left_out(
                report.rows,
                lambda noted: self.tr(
                    "%n row(s) had a value left out (see the Reason column).",
                    "",
                    noted,
                ),
            )
        )
        self.model.set_rows(report.rows)
        self.show_filter.show()
        self.table.show()
        self.undo.setVisible(report.backup is not None)

    def undo_import(self) -> None:
        """Restore the copy taken before the import (asks first); closes the wizard if done."""
        from journal.ui.dialogs.restore_dialog import RestoreDialog

        assert self.report is not None and self.report.backup is not None
        dialog = RestoreDialog(self.owner.journal, self.owner.bus, self)
        if not dialog.select(self.report.backup):
            self.banner.show_message(
                self.tr("The copy taken before this import is no longer among the backups.")
            )
            return
        question = self.tr(
            "Undo this import? Your journal goes back to the copy taken just before it "
            "(%1): everything written since is replaced, and the journal as it is now is "
            "backed up first."
        )
        if dialog.restore_selected(question):
            self.owner.accept()

    def _failed(self, message: str) -> None:
        self.setTitle(self.tr("Not imported"))
        self.banner.show_message(message)
        self.summary.setText(self.tr("Nothing was changed."))

    def _cancelled(self) -> None:
        self.setTitle(self.tr("Stopped"))
        self.summary.setText(self.tr("The import was stopped; nothing was changed."))

    def _finished(self) -> None:
        self.finished = True
        self.progress.hide()
        self.stop.hide()
        self.completeChanged.emit()

    def isComplete(self) -> bool:
        return self.finished


class ImportWizard(QWizard):
    """Bring people in from a file, with a preview and a report."""

    def __init__(
        self,
        bus: JournalBus,
        journal: Journal,
        clock: Clock = SYSTEM_CLOCK,
        parent: QWidget | None = None,
        path: Path | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("importWizard")
        self.bus = bus
        self.journal = journal
        self.clock = clock
        self.setWindowTitle(self.tr("Import contacts"))
        self.setWizardStyle(QWizard.WizardStyle.ClassicStyle)
        self.setOption(QWizard.WizardOption.NoBackButtonOnLastPage, True)
        self.setOption(QWizard.WizardOption.NoCancelButtonOnLastPage, True)
        self.file_page = FilePage(self)
        self.preview_page = PreviewPage(self)
        self.options_page = OptionsPage(self)
        self.run_page = RunPage(self)
        self.setPage(FILE, self.file_page)
        self.setPage(PREVIEW, self.preview_page)
        self.setPage(OPTIONS, self.options_page)
        self.setPage(RUN, self.run_page)
        self.resize(860, 560)
        if path is not None:
            self.file_page.path.setText(str(path))

    @staticmethod
    def tr_static(text: str) -> str:
        from PySide6.QtCore import QCoreApplication

        return QCoreApplication.translate("ImportWizard", text)

    def reject(self) -> None:
        """Cancel: a running import is stopped (and rolled back) before the window closes."""
        for task in (self.preview_page.task, self.run_page.task):
            if task is not None and task.is_running():
                task.cancel()
                task.wait()
        super().reject()

    def done(self, result: int) -> None:
        # Closing by any route waits for the worker, so no thread outlives its window.
        for task in (self.preview_page.task, self.run_page.task):
            if task is not None and task.is_running():
                task.cancel()
                task.wait()
        super().done(result)


__all__ = ["FORMAT_NAMES", "ImportWizard"]
