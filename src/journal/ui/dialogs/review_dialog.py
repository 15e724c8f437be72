"""The periodic review, step by step: each membership with its figures, chart, suggestion and
reasons, the user's decision and note; then the people worth keeping; then a summary."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QButtonGroup,
    QCheckBox,
    QDialog,
    QFormLayout,
    QFrame,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QRadioButton,
    QScrollArea,
    QSpinBox,
    QStackedWidget,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from journal.core.clock import SYSTEM_CLOCK, Clock
from journal.core.errors import ValidationError
from journal.core.groups import apologies_ahead
from journal.core.progress import Cancelled
from journal.core.recommend import CHANGING_DECISIONS, follows
from journal.core.review import (
    DecisionDraft,
    GroupReview,
    ReviewDraft,
    ReviewReport,
    record_review,
    review_report,
    status_change,
)
from journal.ui import labels, review_texts
from journal.ui.bus import JournalBus
from journal.ui.dialogs.form_support import ErrorBanner
from journal.ui.formatting import money, plain_date
from journal.ui.models.review_models import MAX_DAYS, PeopleToKeepModel
from journal.ui.views.group_balance import GroupBalancePane
from journal.ui.widgets.controls import push_button
from journal.ui.widgets.modal_progress import modal_progress


def compute_report(clock: Clock, parent: QWidget | None) -> ReviewReport | None:
    """The review's figures, with a progress bar and a Cancel button while they come.

    None when the user cancelled.
    """
    tr = QCoreApplication.translate

    try:
        with modal_progress(
            parent,
            tr("ReviewDialog", "Review"),
            tr("ReviewDialog", "Weighing each membership…"),
            "reviewProgress",
        ) as step:

            def go_on(done: int, total: int) -> bool:
                step(done, total)  # raises Cancelled once the user has cancelled
                return True

            return review_report(clock, progress=go_on)
    except Cancelled:
        return None


class DaysDelegate(QStyledItemDelegate):
    """Edits a stay-in-touch rhythm as a number of days, within what the core accepts."""

    def createEditor(
        self,
        parent: QWidget,
        option: QStyleOptionViewItem,
        index: QModelIndex | QPersistentModelIndex,
    ) -> QWidget:
        spin = QSpinBox(parent)
        spin.setRange(1, MAX_DAYS)
        spin.setSuffix(self.tr(" days"))
        spin.setAccessibleName(self.tr("Stay in touch every"))
        return spin


class GroupStep(QWidget):
    """One membership: its balance and the user's decision about it."""

    def __init__(
        self, review: GroupReview, position: int, count: int, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.review = review
        self.setObjectName(f"reviewGroup_{review.group_id}")
        title = QLabel(review.name, self)
        title.setObjectName("reviewGroupTitle")
        title.setTextFormat(Qt.TextFormat.PlainText)
        title.setWordWrap(True)  # a long name wraps instead of widening the dialog
        font = title.font()
        font.setPointSizeF(font.pointSizeF() * 1.3)
        font.setBold(True)
        title.setFont(font)
        where = QLabel(
            self.tr("Membership %1 of %2").replace("%1", str(position)).replace("%2", str(count)),
            self,
        )
        self.balance = GroupBalancePane(parent=self)
        self.balance.show_review(review)

        decision_box = QGroupBox(self.tr("Your &decision"), self)
        decision_box.setObjectName("decisionBox")
        self.choice = QButtonGroup(self)
        self.buttons: dict[str, QRadioButton] = {}
        row = QHBoxLayout()
        for code, text in review_texts.decisions().items():
            button = QRadioButton(text, decision_box)
            button.setObjectName(f"decide_{code}")
            button.setAccessibleName(text)
            self.choice.addButton(button)
            self.buttons[code] = button
            row.addWidget(button)
        row.addStretch(1)
        suggested = review.recommendation.code
        # "Too early to judge" starts at "Decide later": pressing Next through it records
        # no verdict the user never gave.
        self.buttons[suggested if suggested in self.buttons else "later"].setChecked(True)
        self.apply_box = QCheckBox(
            self.tr("Also change the membership: Leave ends it today, Reduce marks it as reduced"),
            decision_box,
        )
        self.apply_box.setObjectName("applyStatus")
        # Unticked: recording a review never ends or reduces a membership unless asked to,
        # so a user pressing Next through the suggestions changes nothing but the record.
        self.apply_box.setChecked(False)
        self.choice.buttonToggled.connect(self._decision_changed)
        self.note_edit = QLineEdit(decision_box)
        self.note_edit.setObjectName("decisionNote")
        self.note_edit.setPlaceholderText(self.tr("Why, in a few words (optional)"))
        self.note_edit.setAccessibleName(self.tr("Note on this decision"))
        note_label = QLabel(self.tr("No&te"), decision_box)
        note_label.setBuddy(self.note_edit)
        form = QFormLayout(decision_box)
        form.addRow(row)
        form.addRow(self.apply_box)
        form.addRow(note_label, self.note_edit)
        people = len(review.people)
        kept = QLabel(
            self.tr(
                "%n member(s) of this group worth keeping: at the end, you choose how often "
                "to stay in touch.",
                "",
                people,
            )
            if people
            else self.tr("No one in this group stands out as worth keeping in touch with yet."),
            self,
        )
        kept.setWordWrap(True)

        body = QWidget(self)
        inner = QVBoxLayout(body)
        inner.addWidget(title)
        inner.addWidget(where)
        inner.addWidget(self.balance)
        inner.addWidget(kept)
        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidget(body)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(scroll, 1)
        layout.addWidget(decision_box)
        self._decision_changed()

    def _decision_changed(self) -> None:
        # "Keep" and "Decide later" leave the membership as it is: nothing to change.
        self.apply_box.setEnabled(self.decision() in CHANGING_DECISIONS)

    def status_after(self) -> str | None:
        """The status the membership will have once recorded; None when it stays as it is."""
        if not self.apply_box.isChecked():
            return None
        return status_change(self.decision(), self.review.facts.status)

    def decision(self) -> str:
        """The decision ticked."""
        return next((c for c, b in self.buttons.items() if b.isChecked()), "keep")

    def draft(self) -> DecisionDraft:
        """The decision as the core records it."""
        return DecisionDraft(
            group_id=self.review.group_id,
            decision=self.decision(),
            note=self.note_edit.text(),
            apply_status=self.apply_box.isChecked(),
        )


class ReviewDialog(QDialog):
    """Walks through every current membership, then the people, then records the review."""

    def __init__(
        self,
        bus: JournalBus,
        report: ReviewReport,
        clock: Clock = SYSTEM_CLOCK,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("reviewDialog")
        self.setWindowTitle(
            self.tr("Review of your memberships, %1").replace("%1", plain_date(report.as_of))
        )
        self._bus = bus
        self._clock = clock
        self.report = report
        self.review_id: int | None = None
        self.error_label = ErrorBanner(self)
        self.error_label.setTextFormat(Qt.TextFormat.PlainText)
        self.stack = QStackedWidget(self)
        self.step_label = QLabel(self)
        self.step_label.setObjectName("reviewStep")

        self.intro = self._intro_page()
        self.stack.addWidget(self.intro)
        count = len(report.groups)
        self.group_steps = [
            GroupStep(review, n, count, self.stack) for n, review in enumerate(report.groups, 1)
        ]
        for step in self.group_steps:
            self.stack.addWidget(step)
        self.people_model = PeopleToKeepModel(self)
        self.people_page = self._people_page()
        self.stack.addWidget(self.people_page)
        self.summary = self._summary_page()
        self.stack.addWidget(self.summary)

        self.back_button = push_button(self, "reviewBack", self.tr("&Back"), self.back)
        self.next_button = push_button(self, "reviewNext", self.tr("&Next"), self.next)
        self.finish_button = push_button(
            self, "reviewFinish", self.tr("&Record the review"), self.finish
        )
        self.cancel_button = push_button(self, "reviewCancel", self.tr("&Cancel"), self.reject)
        buttons = QHBoxLayout()
        buttons.addWidget(self.step_label, 1)
        for button in (self.back_button, self.next_button, self.finish_button, self.cancel_button):
            buttons.addWidget(button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.error_label)
        layout.addWidget(self.stack, 1)
        layout.addLayout(buttons)
        self.resize(980, 760)
        self._go(0)
        self._untouched = self.draft()  # what Cancel may close without asking

    def reject(self) -> None:
        """Cancel, Escape or the window's close: ask first when anything was written or
        decided (a review often takes a while, and nothing of it is kept until recorded)."""
        unrecorded = self.review_id is None and self.draft() != self._untouched
        if unrecorded and not self._bus.dialogs.confirm(
            self,
            self.tr("Discard this review?"),
            self.tr(
                "Your notes and decisions in this review are not recorded yet. "
                "Close it and lose them?"
            ),
            self.tr("Discard"),
        ):
            return
        super().reject()

    # --- pages ----------------------------------------------------------------------------

    def _intro_page(self) -> QWidget:
        page = QWidget(self)
        page.setObjectName("reviewIntro")
        report = self.report
        heading = QLabel(self.tr("Where each membership stands"), page)
        font = heading.font()
        font.setPointSizeF(font.pointSizeF() * 1.4)
        font.setBold(True)
        heading.setFont(font)
        hour = report.settings.hour_value
        hour_text = (
            self.tr("Your time is valued at %1 an hour.").replace(
                "%1", money(hour.amount, hour.currency)
            )
            if hour is not None
            else self.tr(
                "No value of an hour is set, so time is counted in hours, not weighed against "
                "money (Review settings on the Groups page)."
            )
        )
        text = QLabel(
            self.tr(
                "Memberships to review: %n. For each, what it asked of you and what it gave "
                "back from %1 to %2, what the journal suggests and why, and your decision. "
                "Then the people worth keeping, whatever you decide.",
                "",
                len(report.groups),
            )
            .replace("%1", plain_date(report.period.start))
            .replace("%2", plain_date(report.period.end))
            + "\n\n"
            + hour_text,
            page,
        )
        text.setObjectName("reviewIntroText")
        text.setWordWrap(True)
        self.notes_edit = QPlainTextEdit(page)
        self.notes_edit.setObjectName("reviewNotes")
        self.notes_edit.setTabChangesFocus(True)
        self.notes_edit.setAccessibleName(self.tr("Notes on this review"))
        self.notes_edit.setPlaceholderText(
            self.tr("How things stand for you now: travel, new projects, what matters")
        )
        notes_label = QLabel(self.tr("N&otes on this review"), page)
        notes_label.setBuddy(self.notes_edit)
        layout = QVBoxLayout(page)
        layout.addWidget(heading)
        layout.addWidget(text)
        layout.addWidget(notes_label)
        layout.addWidget(self.notes_edit, 1)
        return page

    def _people_page(self) -> QWidget:
        page = QWidget(self)
        page.setObjectName("reviewPeople")
        heading = QLabel(self.tr("People worth keeping"), page)
        font = heading.font()
        font.setBold(True)
        heading.setFont(font)
        text = QLabel(
            self.tr(
                "Leaving or reducing a group never means losing its people. These members are "
                "ones you are in touch with outside meetings, or who gave or received support. "
                "Tick who to keep in touch with and how often; the journal will remind you."
            ),
            page,
        )
        text.setWordWrap(True)
        names = {r.group_id: r.name for r in self.report.groups}
        self.people_model.set_people(self.report.people(), names)
        self.people_table = QTableView(page)
        self.people_table.setObjectName("peopleToKeep")
        self.people_table.setAccessibleName(self.tr("People worth keeping"))
        self.people_table.setModel(self.people_model)
        self.days_delegate = DaysDelegate(self.people_table)
        self.people_table.setItemDelegateForColumn(PeopleToKeepModel.EVERY, self.days_delegate)
        self.people_table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.people_table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.people_table.setEditTriggers(
            QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
            | QAbstractItemView.EditTrigger.AnyKeyPressed
        )
        self.people_table.setTabKeyNavigation(False)
        # Why someone is worth keeping is the point of the step: its words wrap onto a
        # second line rather than end in "...", and each row grows to hold them (a review
        # offers tens of people, not thousands, so measuring every row costs nothing).
        rows = self.people_table.verticalHeader()
        rows.hide()
        rows.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.people_table.setWordWrap(True)
        header = self.people_table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(PeopleToKeepModel.GROUPS, QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(PeopleToKeepModel.WHY, QHeaderView.ResizeMode.Stretch)
        header.resizeSection(PeopleToKeepModel.GROUPS, 200)  # the tooltip has them all
        self.no_people_label = QLabel(
            self.tr("No one stands out yet: keep noting who you are in touch with."), page
        )
        self.no_people_label.setObjectName("noPeopleToKeep")
        has_people = self.people_model.rowCount() > 0
        self.people_table.setVisible(has_people)
        self.no_people_label.setVisible(not has_people)
        hint = QLabel(
            self.tr("Space ticks or unticks a person; F2 changes how often, in days."), page
        )
        hint.setWordWrap(True)
        hint.setVisible(has_people)  # keys for a table that is not there
        layout = QVBoxLayout(page)
        layout.addWidget(heading)
        layout.addWidget(text)
        layout.addWidget(self.people_table, 1)
        layout.addWidget(self.no_people_label)
        layout.addWidget(hint)
        if not has_people:
            layout.addStretch(1)  # the text at the top, not spread down the page
        return page

    def _summary_page(self) -> QWidget:
        page = QWidget(self)
        page.setObjectName("reviewSummary")
        heading = QLabel(self.tr("Your decisions"), page)
        font = heading.font()
        font.setBold(True)
        heading.setFont(font)
        self.summary_label = QLabel(page)
        self.summary_label.setObjectName("reviewSummaryText")
        self.summary_label.setWordWrap(True)
        self.summary_label.setTextFormat(Qt.TextFormat.PlainText)
        self.summary_label.setAlignment(Qt.AlignmentFlag.AlignTop)
        layout = QVBoxLayout(page)
        layout.addWidget(heading)
        layout.addWidget(self.summary_label, 1)
        return page

    # --- moving between pages -------------------------------------------------------------

    def current_step(self) -> int:
        """The page shown, from 0 (the introduction)."""
        return self.stack.currentIndex()

    def _go(self, index: int) -> None:
        last = self.stack.count() - 1
        index = max(0, min(index, last))
        if index == last:
            self._fill_summary()
        self.stack.setCurrentIndex(index)
        self.step_label.setText(
            self.tr("Step %1 of %2").replace("%1", str(index + 1)).replace("%2", str(last + 1))
        )
        self.back_button.setEnabled(index > 0)
        self.next_button.setVisible(index < last)
        self.finish_button.setVisible(index == last)
        (self.finish_button if index == last else self.next_button).setDefault(True)
        page = self.stack.currentWidget()
        if isinstance(page, GroupStep):
            page.buttons[page.decision()].setFocus()
        elif page is self.people_page and self.people_model.rowCount():
            self.people_table.setFocus()
            self.people_table.setCurrentIndex(self.people_model.index(0, PeopleToKeepModel.KEEP))
        elif page is self.intro:
            self.notes_edit.setFocus()
        else:
            self.finish_button.setFocus()

    def next(self) -> None:
        """The next page."""
        self.error_label.clear_error()
        self._go(self.current_step() + 1)

    def back(self) -> None:
        """The page before."""
        self.error_label.clear_error()
        self._go(self.current_step() - 1)

    def _fill_summary(self) -> None:
        words = review_texts.decisions()
        suggested = review_texts.recommendations()
        lines = []
        for step in self.group_steps:
            draft = step.draft()
            line = (
                self.tr("%1: %2")
                .replace("%1", step.review.name)
                .replace("%2", words[draft.decision])
            )
            if not follows(draft.decision, step.review.recommendation.code):
                line += self.tr(" (the journal suggested: %1)").replace(
                    "%1", suggested.get(step.review.recommendation.code, "")
                )
            if draft.decision in CHANGING_DECISIONS and step.status_after() is None:
                line += self.tr("; the membership stays as it is")
            if draft.note.strip():
                line += "\n    " + draft.note.strip()
            lines.append(line)
        lines.append("")
        lines += self._membership_changes()
        cadences = self.people_model.cadences()
        lines.append("")
        lines.append(
            self.tr(
                "Stay in touch with %n contact(s), each at the rhythm chosen.", "", len(cadences)
            )
            if cadences
            else self.tr("No stay-in-touch rhythm changes.")
        )
        self.summary_label.setText("\n".join(lines))

    def _membership_changes(self) -> list[str]:
        """Which memberships recording changes, said apart so none changes unnoticed."""
        statuses = labels.group_statuses()
        changes = []
        for step in self.group_steps:
            becomes = step.status_after()
            if becomes == "left":
                line = (
                    self.tr("    %1: ends on %2 (status: %3)")
                    .replace("%1", step.review.name)
                    .replace("%2", plain_date(self.report.as_of))
                    .replace("%3", statuses[becomes])
                )
                ahead = apologies_ahead(step.review.group_id, self._clock.today())
                if ahead:
                    line += self.tr(
                        "; your apologies for %n meeting(s) ahead are withdrawn", "", len(ahead)
                    )
                changes.append(line)
            elif becomes is not None:
                changes.append(
                    self.tr("    %1: status becomes %2")
                    .replace("%1", step.review.name)
                    .replace("%2", statuses[becomes])
                )
        if not changes:
            return [
                self.tr(
                    "No membership changes: every membership stays as it is. To end or "
                    "reduce one, go back to it and tick “Also change the membership”."
                )
            ]
        return [self.tr("Memberships that change when you record this review:"), *changes]

    # --- recording ------------------------------------------------------------------------

    def draft(self) -> ReviewDraft:
        """The review as the core records it."""
        return ReviewDraft(
            decisions=[step.draft() for step in self.group_steps],
            as_of=self.report.as_of,
            notes=self.notes_edit.toPlainText(),
            stay_in_touch=self.people_model.cadences(),
        )

    def recorded_line(self) -> str:
        """What recording this review did, in one line (said once the dialog closes)."""
        changed = sum(1 for step in self.group_steps if step.status_after() is not None)
        rhythms = len(self.people_model.cadences())
        line = self.tr("Review recorded: %n membership(s) reviewed", "", len(self.group_steps))
        line += (
            self.tr(", %n of them changed", "", changed) if changed else self.tr(", none changed")
        )
        if rhythms:
            line += self.tr(", %n stay-in-touch rhythm(s) set", "", rhythms)
        return line + "."

    def finish(self) -> None:
        """Record every decision, the figures as they stand, and the rhythms chosen."""
        try:
            result = self._bus.run(
                record_review, self.draft(), clock=self._clock, parent=self, raise_validation=True
            )
        except ValidationError as error:
            self.error_label.show_error(error)
            return
        if result is None:
            return
        self.review_id = result.value
        self.accept()
