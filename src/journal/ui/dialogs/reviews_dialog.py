"""Past reviews: every decision with the figures as they stood, for one group or all, so a
membership's balance can be compared from review to review."""

from __future__ import annotations

from PySide6.QtCore import QItemSelection, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPlainTextEdit,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from journal.core.review import PastDecision, past_reviews
from journal.ui import review_texts
from journal.ui.formatting import plain_date
from journal.ui.models.review_models import PastDecisionsModel


class ReviewsDialog(QDialog):
    """A table of past decisions, filtered by group, with the chosen one's reasons below."""

    def __init__(self, group_id: int | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("reviewsDialog")
        self.setWindowTitle(self.tr("Past reviews"))
        reviews = past_reviews()
        self._decisions = [d for r in reviews for d in r.decisions]
        self._notes = {r.id: r.notes for r in reviews}
        self.model = PastDecisionsModel(self)

        self.group_combo = QComboBox(self)
        self.group_combo.setObjectName("reviewsGroup")
        self.group_combo.setAccessibleName(self.tr("Group"))
        self.group_combo.addItem(self.tr("All groups"), None)
        names = sorted(
            {d.group_id: d.group_name for d in self._decisions}.items(),
            key=lambda pair: pair[1].casefold(),
        )
        for gid, name in names:
            self.group_combo.addItem(name, gid)
        show = QLabel(self.tr("&Show"), self)
        show.setBuddy(self.group_combo)
        top = QHBoxLayout()
        top.addWidget(show)
        top.addWidget(self.group_combo, 1)

        self.table = QTableView(self)
        self.table.setObjectName("pastDecisions")
        self.table.setAccessibleName(self.tr("Decisions of past reviews"))
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setTabKeyNavigation(False)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(True)
        self.table.selectionModel().selectionChanged.connect(self._chosen)
        self.details = QPlainTextEdit(self)
        self.details.setObjectName("pastDecisionDetails")
        self.details.setAccessibleName(self.tr("Why, as the review said then"))
        self.details.setReadOnly(True)
        self.details.setTabChangesFocus(True)
        self.empty_label = QLabel(
            self.tr(
                "No review recorded yet. When one is due, a reminder appears on the Groups page."
            ),
            self,
        )
        self.empty_label.setObjectName("noPastReviews")
        self.empty_label.setWordWrap(True)
        split = QSplitter(Qt.Orientation.Vertical, self)
        split.setChildrenCollapsible(False)
        split.addWidget(self.table)
        split.addWidget(self.details)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.empty_label)
        layout.addWidget(split, 1)
        layout.addWidget(buttons)
        self.empty_label.setVisible(not self._decisions)
        split.setVisible(bool(self._decisions))
        self.group_combo.currentIndexChanged.connect(self._filter)
        if group_id is not None:
            position = self.group_combo.findData(group_id)
            if position >= 0:
                self.group_combo.setCurrentIndex(position)
        self._filter()
        self.resize(1000, 620)
        self.table.setFocus()

    def _filter(self) -> None:
        wanted = self.group_combo.currentData()
        rows = [d for d in self._decisions if wanted is None or d.group_id == wanted]
        self.model.set_rows(rows)
        if rows:
            self.table.selectRow(0)
        else:
            self.details.clear()

    def _chosen(self, _selected: QItemSelection, _deselected: QItemSelection) -> None:
        rows = self.table.selectionModel().selectedRows()
        decision = self.model.decision(rows[0].row()) if rows else None
        self.details.setPlainText(self.describe(decision) if decision else "")

    def describe(self, d: PastDecision) -> str:
        """One decision in words: what was suggested and why, what was decided."""
        marks = review_texts.stance_marks()
        lines = [
            self.tr("%1, review of %2")
            .replace("%1", d.group_name)
            .replace("%2", plain_date(d.as_of)),
            self.tr("Suggested: %1. Decided: %2.")
            .replace("%1", review_texts.recommendations().get(d.recommendation, d.recommendation))
            .replace("%2", review_texts.decisions().get(d.decision, d.decision)),
        ]
        if d.note:
            lines.append(self.tr("Your note: %1").replace("%1", d.note))
        notes = self._notes.get(d.review_id, "")
        if notes:
            lines.append(self.tr("Notes on that review: %1").replace("%1", notes))
        lines.append("")
        for reason in d.reasons:
            if not isinstance(reason, dict):
                continue
            code = str(reason.get("code", ""))
            text = review_texts.reason_text(code, reason, str(reason.get("message", "")))
            lines.append(f"{marks.get(str(reason.get('stance')), '·')} {text}")
        people = d.figures.get("people_to_keep")
        if isinstance(people, list) and people:
            lines.append("")
            lines.append(
                self.tr("People worth keeping then: %1").replace(
                    "%1",
                    ", ".join(str(p.get("name", "")) for p in people if isinstance(p, dict)),
                )
            )
        return "\n".join(lines)
