"""The import wizard driven like a user: a file, the preview, the options, the import, the
report; stopping half-way; a file that is not what it claims."""

from __future__ import annotations

import threading
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QPushButton, QWizard

from journal.core.contact_queries import ContactFilter, contact_count, contact_ids
from journal.core.contacts import ChannelDraft, ContactDraft, create_contact
from journal.core.importing import PlanRow, ReportRow, RowStatus
from journal.ui.dialogs import import_wizard
from journal.ui.dialogs.import_wizard import OPTIONS, PREVIEW, RUN, ImportWizard
from journal.ui.models.import_models import ImportPreviewModel, ImportReportModel

DATA = Path(__file__).resolve().parents[1] / "data"
WAIT = 20_000


def _wizard(qtbot, bus, journal, clock, path: Path | None = None) -> ImportWizard:  # type: ignore[no-untyped-def]
    wizard = ImportWizard(bus, journal, clock, path=path)
    qtbot.addWidget(wizard)
    wizard.show()
    return wizard


def _click(qtbot, wizard: ImportWizard, which: QWizard.WizardButton) -> None:  # type: ignore[no-untyped-def]
    button = wizard.button(which)
    assert button.isEnabled(), which
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def _wait_for_preview(qtbot, wizard: ImportWizard) -> None:  # type: ignore[no-untyped-def]
    task = wizard.preview_page.task
    assert task is not None
    qtbot.waitUntil(lambda: not task.is_running(), timeout=WAIT)


def test_a_small_file_from_choice_to_report(qtbot, bus, journal, clock, dialogs) -> None:  # type: ignore[no-untyped-def]
    wizard = _wizard(qtbot, bus, journal, clock)
    assert not wizard.button(QWizard.WizardButton.NextButton).isEnabled()  # no file yet
    dialogs.open_paths.append(DATA / "csv" / "linkedin_connections.csv")
    qtbot.mouseClick(wizard.findChild(QPushButton, "importBrowse"), Qt.MouseButton.LeftButton)
    assert "LinkedIn" in wizard.file_page.detected.text()
    _click(qtbot, wizard, QWizard.WizardButton.NextButton)
    assert wizard.currentId() == PREVIEW
    _wait_for_preview(qtbot, wizard)
    model = wizard.preview_page.model
    assert model.rowCount() == 3
    assert model.data(model.index(0, ImportPreviewModel.NAME)) == "Jane Doe"
    assert model.data(model.index(0, ImportPreviewModel.EMAIL)) == "jane@acme.example"
    assert model.data(model.index(0, ImportPreviewModel.STATUS)) == "New"
    assert wizard.preview_page.summary.text() == (
        "3 rows: 3 new, 0 updates, 0 possible duplicates, 0 already there, 0 with a problem."
    )
    assert contact_count(ContactFilter()) == 0  # a preview writes nothing
    # No possible duplicates, nothing to decide: the preview's next step is the import.
    assert wizard.preview_page.isCommitPage()
    assert wizard.button(QWizard.WizardButton.CommitButton).text() == "&Import"
    assert not wizard.button(QWizard.WizardButton.NextButton).isVisible()
    changed: list[Any] = []
    bus.changed.connect(changed.append)
    _click(qtbot, wizard, QWizard.WizardButton.CommitButton)
    assert wizard.currentId() == RUN
    assert OPTIONS not in wizard.visitedIds()
    qtbot.waitUntil(lambda: wizard.run_page.finished, timeout=WAIT)
    assert wizard.run_page.summary.text() == "3 added, 0 updated, 0 merged, 0 skipped."
    report = wizard.run_page.model
    assert report.rowCount() == 3
    assert report.data(report.index(2, ImportReportModel.OUTCOME)) == "Added"
    assert len(changed) == 1  # the rest of the app hears about it once
    assert contact_count(ContactFilter()) == 3
    assert wizard.button(QWizard.WizardButton.FinishButton).isEnabled()
    _click(qtbot, wizard, QWizard.WizardButton.FinishButton)
    assert not wizard.isVisible()


def test_a_file_imported_again_is_already_there(qtbot, bus, journal, clock) -> None:  # type: ignore[no-untyped-def]
    path = DATA / "csv" / "linkedin_connections.csv"
    first = _wizard(qtbot, bus, journal, clock, path)
    _click(qtbot, first, QWizard.WizardButton.NextButton)
    _wait_for_preview(qtbot, first)
    _click(qtbot, first, QWizard.WizardButton.CommitButton)
    qtbot.waitUntil(lambda: first.run_page.finished, timeout=WAIT)
    first.accept()
    again = _wizard(qtbot, bus, journal, clock, path)
    _click(qtbot, again, QWizard.WizardButton.NextButton)
    _wait_for_preview(qtbot, again)
    model = again.preview_page.model
    assert model.data(model.index(0, ImportPreviewModel.STATUS)) == "Already there"
    reason = model.data(model.index(0, ImportPreviewModel.REASON))
    assert reason.startswith("Already in the journal as \u2068Jane Doe\u2069 (#1)")
    already = again.preview_page.show_filter.findText("Already there")
    again.preview_page.show_filter.setCurrentIndex(already)
    assert model.rowCount() == 3
    again.preview_page.show_filter.setCurrentIndex(again.preview_page.show_filter.findText("New"))
    assert model.rowCount() == 0
    _click(qtbot, again, QWizard.WizardButton.CommitButton)
    qtbot.waitUntil(lambda: again.run_page.finished, timeout=WAIT)
    assert again.run_page.summary.text() == "0 added, 0 updated, 0 merged, 3 skipped."


def test_possible_duplicates_are_decided_first(qtbot, bus, journal, clock) -> None:  # type: ignore[no-untyped-def]
    create_contact(
        ContactDraft(
            given_name="Janet",
            family_name="Doe-Smith",
            channels=[ChannelDraft("email", "jane@acme.example")],
        ),
        clock,
    )
    wizard = _wizard(qtbot, bus, journal, clock, DATA / "csv" / "linkedin_connections.csv")
    _click(qtbot, wizard, QWizard.WizardButton.NextButton)
    _wait_for_preview(qtbot, wizard)
    model = wizard.preview_page.model
    assert model.data(model.index(0, ImportPreviewModel.STATUS)) == "Possible duplicate"
    assert not wizard.preview_page.isCommitPage()
    _click(qtbot, wizard, QWizard.WizardButton.NextButton)
    assert wizard.currentId() == OPTIONS
    assert wizard.options_page.merge.isChecked()
    skip = wizard.options_page.skip
    qtbot.mouseClick(skip, Qt.MouseButton.LeftButton, pos=skip.rect().bottomLeft() + QPoint(8, -6))
    assert skip.isChecked()
    _click(qtbot, wizard, QWizard.WizardButton.CommitButton)
    qtbot.waitUntil(lambda: wizard.run_page.finished, timeout=WAIT)
    assert wizard.run_page.summary.text() == "2 added, 0 updated, 0 merged, 1 skipped."
    assert contact_count(ContactFilter()) == 3
    assert contact_count(ContactFilter()) == 3


def test_the_preview_counts_in_the_singular_too(qtbot, bus, journal, clock, tmp_path) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "one.csv"
    path.write_text("First Name,Last Name,E-mail 1 - Value\nJane,Doe,jane@x.example\n")
    wizard = _wizard(qtbot, bus, journal, clock, path)
    _click(qtbot, wizard, QWizard.WizardButton.NextButton)
    _wait_for_preview(qtbot, wizard)
    assert wizard.preview_page.summary.text() == (
        "1 row: 1 new, 0 updates, 0 possible duplicates, 0 already there, 0 with a problem."
    )


def test_stopping_the_import_changes_nothing(
    qtbot, bus, journal, clock, tmp_path, monkeypatch
) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "many.vcf"
    path.write_text(
        "".join(
            f"BEGIN:VCARD\r\nVERSION:3.0\r\nN:Person{n};P;;;\r\nEMAIL:p{n}@x.example\r\nEND:VCARD\r\n"
            for n in range(2000)
        )
    )
    started = threading.Event()
    stopped = threading.Event()
    real = import_wizard.import_safely

    def held(*args: Any, progress: Any, **kwargs: Any) -> Any:
        def gate(done: int, total: int) -> None:
            if not started.is_set():
                started.set()
                stopped.wait(WAIT / 1000)  # until the test has pressed Stop
            progress(done, total)

        return real(*args, progress=gate, **kwargs)

    monkeypatch.setattr(import_wizard, "import_safely", held)
    wizard = _wizard(qtbot, bus, journal, clock, path)
    _click(qtbot, wizard, QWizard.WizardButton.NextButton)
    _wait_for_preview(qtbot, wizard)
    _click(qtbot, wizard, QWizard.WizardButton.CommitButton)
    qtbot.waitUntil(started.is_set, timeout=WAIT)
    qtbot.mouseClick(wizard.findChild(QPushButton, "stopImport"), Qt.MouseButton.LeftButton)
    stopped.set()
    qtbot.waitUntil(lambda: wizard.run_page.finished, timeout=WAIT)
    assert wizard.run_page.summary.text() == "The import was stopped; nothing was changed."
    assert contact_count(ContactFilter(include_archived=True)) == 0
    assert wizard.run_page.model.rowCount() == 0


def test_closing_the_window_while_importing_stops_it(
    qtbot, bus, journal, clock, tmp_path, monkeypatch
) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "some.vcf"
    path.write_text("BEGIN:VCARD\r\nVERSION:3.0\r\nN:Doe;Jane;;;\r\nEND:VCARD\r\n")
    release = threading.Event()
    real = import_wizard.import_safely

    def slow(*args: Any, progress: Any, **kwargs: Any) -> Any:
        def gate(done: int, total: int) -> None:
            release.wait(WAIT / 1000)
            progress(done, total)

        return real(*args, progress=gate, **kwargs)

    monkeypatch.setattr(import_wizard, "import_safely", slow)
    wizard = _wizard(qtbot, bus, journal, clock, path)
    _click(qtbot, wizard, QWizard.WizardButton.NextButton)
    _wait_for_preview(qtbot, wizard)
    _click(qtbot, wizard, QWizard.WizardButton.CommitButton)
    task = wizard.run_page.task
    assert task is not None and task.is_running()
    threading.Timer(0.2, release.set).start()
    wizard.reject()  # the window's Cancel: waits for the worker, which rolls back
    qtbot.waitUntil(lambda: not task.is_running(), timeout=WAIT)
    assert contact_count(ContactFilter(include_archived=True)) == 0


def test_a_file_that_is_not_what_it_claims(qtbot, bus, journal, clock) -> None:  # type: ignore[no-untyped-def]
    wizard = _wizard(qtbot, bus, journal, clock, DATA / "csv" / "google_current.csv")
    wizard.file_page.format.setCurrentIndex(wizard.file_page.format.findData("vcard"))
    _click(qtbot, wizard, QWizard.WizardButton.NextButton)
    _wait_for_preview(qtbot, wizard)
    banner = wizard.preview_page.banner
    assert banner.isVisible()
    assert "line 1: this is not a vCard file" in banner.text()
    assert not wizard.button(QWizard.WizardButton.NextButton).isEnabled()


def test_a_file_that_cannot_be_read_shows_the_message_without_an_empty_table(
    qtbot, bus, journal, clock
) -> None:  # type: ignore[no-untyped-def]
    wizard = _wizard(qtbot, bus, journal, clock, DATA / "csv" / "google_current.csv")
    wizard.file_page.format.setCurrentIndex(wizard.file_page.format.findData("vcard"))
    _click(qtbot, wizard, QWizard.WizardButton.NextButton)
    _wait_for_preview(qtbot, wizard)
    page = wizard.preview_page
    assert page.banner.isVisible()
    assert not page.table.isVisible() and not page.show_filter.isVisible()
    # Back, the right format, and the rows are there again.
    _click(qtbot, wizard, QWizard.WizardButton.BackButton)
    wizard.file_page.format.setCurrentIndex(wizard.file_page.format.findData("google"))
    _click(qtbot, wizard, QWizard.WizardButton.NextButton)
    _wait_for_preview(qtbot, wizard)
    assert page.table.isVisible() and page.show_filter.isVisible()
    assert not page.banner.isVisible()


def test_a_file_with_only_problems_says_why_nothing_can_be_imported(
    qtbot, bus, journal, clock, tmp_path
) -> None:  # type: ignore[no-untyped-def]
    broken = tmp_path / "broken.vcf"
    broken.write_text("BEGIN:VCARD\nVERSION:3.0\nFN:Jane Doe\n", encoding="utf-8")  # no END
    wizard = _wizard(qtbot, bus, journal, clock, broken)
    _click(qtbot, wizard, QWizard.WizardButton.NextButton)
    _wait_for_preview(qtbot, wizard)
    summary = wizard.preview_page.summary.text()
    assert summary.startswith("1 row: ") and "1 with a problem" in summary
    assert summary.endswith(
        "Nothing in it can be imported: the Reason column says why for each row."
    )
    assert not wizard.button(QWizard.WizardButton.CommitButton).isEnabled()


def test_a_missing_file_is_said_at_once(qtbot, bus, journal, clock, tmp_path) -> None:  # type: ignore[no-untyped-def]
    wizard = _wizard(qtbot, bus, journal, clock)
    qtbot.keyClicks(wizard.file_page.path, str(tmp_path / "nowhere.vcf"))
    assert wizard.file_page.detected.text() == "There is no such file."
    assert not wizard.button(QWizard.WizardButton.NextButton).isEnabled()
    wizard.file_page.path.setText(str(tmp_path))
    assert wizard.file_page.detected.text() == "That is a folder; choose a file in it."
    assert not wizard.button(QWizard.WizardButton.NextButton).isEnabled()


def test_a_file_no_format_recognises_waits_for_the_user_to_say_what_it_is(
    qtbot, bus, journal, clock, tmp_path
) -> None:  # type: ignore[no-untyped-def]
    odd = tmp_path / "people.dat"
    odd.write_bytes(bytes(range(256)) * 4)
    wizard = _wizard(qtbot, bus, journal, clock)
    page = wizard.file_page
    qtbot.keyClicks(page.path, str(odd))
    assert page.detected.text().startswith("This does not look like a file the journal can")
    assert not wizard.button(QWizard.WizardButton.NextButton).isEnabled()
    page.format.setCurrentIndex(page.format.findData("vcard"))  # "it is a vCard, go on"
    assert wizard.button(QWizard.WizardButton.NextButton).isEnabled()
    page.format.setCurrentIndex(0)  # back to recognising it: nothing to go on with again
    assert not wizard.button(QWizard.WizardButton.NextButton).isEnabled()


def test_problem_rows_can_be_shown_alone(qtbot, bus, journal, clock) -> None:  # type: ignore[no-untyped-def]
    wizard = _wizard(qtbot, bus, journal, clock, DATA / "vcard" / "malformed_cards.vcf")
    _click(qtbot, wizard, QWizard.WizardButton.NextButton)
    _wait_for_preview(qtbot, wizard)
    page = wizard.preview_page
    assert page.model.rowCount() == 8
    page.show_filter.setCurrentIndex(page.show_filter.findText("Problems"))
    assert page.model.rowCount() == 6
    lines = [page.model.data(page.model.index(r, ImportPreviewModel.LINE)) for r in range(6)]
    assert lines == ["9", "14", "16", "17", "21", "27"]


def test_a_value_the_journal_cannot_take_is_left_out_and_the_row_kept(
    qtbot, bus, journal, clock, tmp_path
) -> None:  # type: ignore[no-untyped-def]
    connections = tmp_path / "Connections.csv"
    connections.write_text(
        "First Name,Last Name,URL,Email Address,Company,Position,Connected On\n"
        "Ada,Ahead,https://www.linkedin.com/in/ada,,Acme,CTO,01 Mar 2031\n"
        "Ben,Past,https://www.linkedin.com/in/ben,,Acme,CEO,01 Mar 2021\n"
        "Cy,Typo,https://www.linkedin.com/in/cy,cy at acme.example,Acme,CFO,01 Mar 2021\n",
        encoding="utf-8",
    )
    wizard = _wizard(qtbot, bus, journal, clock, connections)
    _click(qtbot, wizard, QWizard.WizardButton.NextButton)
    _wait_for_preview(qtbot, wizard)
    page = wizard.preview_page
    assert page.summary.text().endswith(
        "3 new, 0 updates, 0 possible duplicates, 0 already there, 0 with a problem. "
        "2 rows with a value that will be left out (see the Reason column)."
    )
    page.show_filter.setCurrentIndex(page.show_filter.findText("Rows to look at"))
    assert page.model.rowCount() == 2  # new, but worth a look
    assert page.model.data(page.model.index(0, ImportPreviewModel.STATUS)) == "New"
    assert page.model.data(page.model.index(0, ImportPreviewModel.REASON)) == (
        "date met left out: 2031-03-01 is in the future"
    )
    assert page.model.data(page.model.index(1, ImportPreviewModel.REASON)) == (
        "e-mail left out: 'cy at acme.example' does not look like an e-mail address"
    )
    _click(qtbot, wizard, QWizard.WizardButton.CommitButton)
    qtbot.waitUntil(lambda: wizard.run_page.finished, timeout=WAIT)
    assert wizard.run_page.summary.text() == (
        "3 added, 0 updated, 0 merged, 0 skipped. "
        "2 rows had a value left out (see the Reason column)."
    )
    report = wizard.run_page.model
    assert report.data(report.index(0, ImportReportModel.REASON)) == (
        "date met left out: 2031-03-01 is in the future"
    )
    assert report.data(report.index(1, ImportReportModel.REASON)) == ""
    assert contact_count(ContactFilter()) == 3


def test_a_reason_and_a_note_share_the_cell(qapp) -> None:  # type: ignore[no-untyped-def]
    from journal.core.importing import Reason
    from journal.ui.labels import import_reason

    known = Reason("nothing_new", other_name="Ada", other_id=1)
    note = "date met left out: 2031-03-01 is in the future"
    said = "Already in the journal as \u2068Ada\u2069 (#1); nothing new"
    assert import_reason(known, note) == f"{said}; {note}"
    assert import_reason(None, note) == note
    assert import_reason(known) == said


def _plan_row(n: int) -> PlanRow:
    status = (RowStatus.NEW, RowStatus.DUPLICATE, RowStatus.INVALID)[n % 3]
    return PlanRow(n + 1, f"Person {n}", f"p{n}@x.example", status)


@pytest.mark.parametrize("count", [0, 5, 2500])
def test_the_preview_model_is_a_well_behaved_lazy_model(qtmodeltester, qapp, count: int) -> None:  # type: ignore[no-untyped-def]
    model = ImportPreviewModel()
    model.set_rows([_plan_row(n) for n in range(count)])
    assert model.rowCount() == min(count, 1000)
    while model.canFetchMore():
        model.fetchMore()
    assert model.rowCount() == count
    qtmodeltester.check(model)
    model.show_codes(frozenset({"invalid"}))
    assert model.rowCount() == min(len(range(2, count, 3)), 1000)
    qtmodeltester.check(model)


def test_the_report_model_is_a_well_behaved_model(qtmodeltester, qapp) -> None:  # type: ignore[no-untyped-def]
    from journal.core.importing import Outcome

    model = ImportReportModel()
    model.set_rows([ReportRow(n, f"P{n}", Outcome.SKIPPED, None, None) for n in range(10)])
    qtmodeltester.check(model)
    assert model.data(model.index(0, ImportReportModel.OUTCOME)) == "Skipped"


def test_the_welcome_page_offers_the_import(qtbot, bus, clock, journal, on_dialog) -> None:  # type: ignore[no-untyped-def]
    from journal.ui.main_window import MainWindow

    window = MainWindow(journal, bus, clock)
    qtbot.addWidget(window)
    with qtbot.waitSignal(window.opened):  # its first page is built once the loop runs
        window.show()
    seen: list[str] = []

    def close(dialog) -> None:  # type: ignore[no-untyped-def]
        seen.append(dialog.objectName())
        dialog.reject()

    problems = on_dialog(close)
    qtbot.mouseClick(window.findChild(QPushButton, "welcomeImport"), Qt.MouseButton.LeftButton)
    assert problems == []
    assert seen == ["importWizard"]
    assert contact_ids() == []


def test_an_encrypted_journal_imports_on_the_worker_thread(  # type: ignore[no-untyped-def]
    qtbot, bus, journal, clock, memory_keyring
) -> None:
    from journal.store.backup import BEFORE_IMPORT, list_backups
    from journal.store.encryption import encrypt

    create_contact(ContactDraft(given_name="Ada"), clock)
    encrypt(journal, "a long enough passphrase")
    assert journal.encrypted
    wizard = _wizard(qtbot, bus, journal, clock, DATA / "csv" / "linkedin_connections.csv")
    _click(qtbot, wizard, QWizard.WizardButton.NextButton)
    _wait_for_preview(qtbot, wizard)
    _click(qtbot, wizard, QWizard.WizardButton.CommitButton)
    qtbot.waitUntil(lambda: wizard.run_page.finished, timeout=WAIT)
    assert wizard.run_page.summary.text() == "3 added, 0 updated, 0 merged, 0 skipped."
    assert contact_count(ContactFilter()) == 4
    taken = list_backups(journal.home)
    assert [b.reason for b in taken if b.reason == BEFORE_IMPORT] == [BEFORE_IMPORT]
    assert all(b.encrypted for b in taken)


def test_a_reason_tells_the_file_from_the_journal(qapp) -> None:  # type: ignore[no-untyped-def]
    from journal.core.importing import Reason
    from journal.ui.labels import import_reason

    stored = Reason("nothing_new", other_name="Jane Doe", other_id=1, other_line=2)
    earlier_row = Reason("nothing_new", other_name="Jane Doe", other_line=2)
    # Names come set apart (FSI ... PDI), so a right-to-left one keeps "(#3)" after it.
    name = "\u2068Jane Doe\u2069"
    assert import_reason(stored) == f"Already in the journal as {name} (#1); nothing new"
    assert import_reason(earlier_row) == f"The same as {name} (line 2) of this file; nothing new"
    arabic = Reason("nothing_new", other_name="محمد العلي", other_id=3)
    assert "\u2068محمد العلي\u2069 (#3)" in import_reason(arabic)


def _import_linkedin(qtbot, bus, journal, clock) -> ImportWizard:  # type: ignore[no-untyped-def]
    """The wizard after importing the three LinkedIn connections, Next and Import clicked."""
    wizard = _wizard(qtbot, bus, journal, clock, path=DATA / "csv" / "linkedin_connections.csv")
    _click(qtbot, wizard, QWizard.WizardButton.NextButton)
    _wait_for_preview(qtbot, wizard)
    _click(qtbot, wizard, QWizard.WizardButton.CommitButton)
    qtbot.waitUntil(lambda: wizard.run_page.finished, timeout=WAIT)
    return wizard


def test_undo_this_import_puts_the_journal_back(qtbot, bus, journal, clock, dialogs) -> None:  # type: ignore[no-untyped-def]
    ada = create_contact(ContactDraft(given_name="Ada")).value
    wizard = _import_linkedin(qtbot, bus, journal, clock)
    assert contact_count(ContactFilter()) == 4
    undo = wizard.findChild(QPushButton, "undoImport")
    assert undo.isVisible()
    dialogs.confirm_answers = [False]  # asked first: No leaves the import in place
    qtbot.mouseClick(undo, Qt.MouseButton.LeftButton)
    assert contact_count(ContactFilter()) == 4 and wizard.isVisible()
    dialogs.confirm_answers = [True]
    qtbot.mouseClick(undo, Qt.MouseButton.LeftButton)
    assert contact_ids(ContactFilter()) == [ada]
    assert [kind for kind, *_ in dialogs.shown] == ["confirm", "confirm", "info"]
    assert dialogs.shown[0][2].startswith("Undo this import? Your journal goes back")
    assert not wizard.isVisible()


def test_an_import_into_an_empty_journal_offers_no_undo(qtbot, bus, journal, clock) -> None:  # type: ignore[no-untyped-def]
    wizard = _import_linkedin(qtbot, bus, journal, clock)
    assert contact_count(ContactFilter()) == 3
    assert not wizard.findChild(QPushButton, "undoImport").isVisible()


def test_an_archive_into_a_journal_with_contacts_names_no_command(
    qtbot, bus, journal, clock, tmp_path
) -> None:  # type: ignore[no-untyped-def]
    import json

    from journal.core.archive import build_archive

    create_contact(ContactDraft(given_name="Jane", family_name="Doe"), clock)
    archive = tmp_path / "journal.json"
    archive.write_text(json.dumps(build_archive(clock)), encoding="utf-8")
    wizard = _wizard(qtbot, bus, journal, clock, archive)
    _click(qtbot, wizard, QWizard.WizardButton.NextButton)
    _wait_for_preview(qtbot, wizard)
    text = wizard.preview_page.banner.text()
    assert "an archive restores a whole journal, so it needs an empty one" in text
    assert "Start the app on a new, empty journal folder" in text
    assert "--home" not in text and "journal import" not in text


def test_a_similar_name_says_whether_an_organisation_was_shared(qapp) -> None:  # type: ignore[no-untyped-def]
    from journal.core.importing import Reason
    from journal.ui.labels import import_reason

    name = "\u2068Jane Doe\u2069"
    at_acme = Reason("similar_name", "acme", other_name="Jane Doe", other_id=1)
    neither = Reason("similar_name", "", other_name="Jane Doe", other_id=1)
    assert import_reason(at_acme) == f"A similar name at the same organisation as {name} (#1)"
    assert import_reason(neither) == f"A similar name to {name} (#1); neither has an organisation"
