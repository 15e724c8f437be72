"""The "review due" reminder at the top of the Groups page, with a button to start it."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QWidget

from journal.core.review import ReviewDue
from journal.ui.formatting import plain_date
from journal.ui.widgets.controls import banner_frame


class ReviewBanner(QFrame):
    """Says the periodic review is due; hidden when it is not (or after "Later")."""

    start_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        role = QPalette.ColorRole
        banner_frame(self, "reviewBanner", role.Highlight, role.HighlightedText)
        self.text = QLabel(self)
        self.text.setObjectName("reviewBannerText")
        self.text.setWordWrap(True)
        self.text.setTextFormat(Qt.TextFormat.PlainText)
        self.start_button = QPushButton(self.tr("&Start the review…"), self)
        self.start_button.setObjectName("startReviewButton")
        self.start_button.setAutoDefault(False)
        self.start_button.clicked.connect(self.start_requested)
        self.later_button = QPushButton(self.tr("&Later"), self)
        self.later_button.setObjectName("laterReviewButton")
        self.later_button.setAutoDefault(False)
        self.later_button.setToolTip(self.tr("Hide this reminder until the app starts again"))
        self.later_button.clicked.connect(self.dismiss)
        layout = QHBoxLayout(self)
        layout.addWidget(self.text, 1)
        layout.addWidget(self.start_button)
        layout.addWidget(self.later_button)
        self._dismissed = False
        self.hide()

    def show_due(self, due: ReviewDue) -> None:
        """Show the reminder when the review is due, unless put off for this session."""
        if not due.is_due or due.due_on is None or self._dismissed:
            self.hide()
            return
        due_on = plain_date(due.due_on)
        if due.last_as_of is not None:
            text = (
                self.tr(
                    "Your periodic review of the groups you belong to is overdue since %1 (the "
                    "last one was as of %2). It takes a few minutes: what each one asks, what it "
                    "gives back, and the people worth keeping."
                )
                if due.is_overdue
                else self.tr(
                    "Your periodic review of the groups you belong to is due today (the last "
                    "one was as of %2). It takes a few minutes: what each one asks, what it "
                    "gives back, and the people worth keeping."
                )
            )
            text = text.replace("%1", due_on).replace("%2", plain_date(due.last_as_of))
        else:
            text = self.tr(
                "Time for a first review of the groups you belong to: what each one asks, "
                "what it gives back, and the people worth keeping."
            )
            if due.is_overdue:
                text += " " + self.tr("It is overdue since %1.").replace("%1", due_on)
        self.text.setText(text)
        self.show()

    def dismiss(self) -> None:
        """Put the reminder off until the next start."""
        self._dismissed = True
        self.hide()
