"""A "Snooze" menu: tomorrow, in a few days, a week, two, a month, or a day of one's choosing."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from PySide6.QtWidgets import QMenu, QWidget

from journal.core.periods import add_months


def snooze_choices(today: dt.date) -> list[tuple[str, dt.date | None]]:
    """(label, day) pairs; None stands for "pick a day"."""
    tr = QMenu.tr
    return [
        (tr("Until &tomorrow"), today + dt.timedelta(days=1)),
        (tr("For &3 days"), today + dt.timedelta(days=3)),
        (tr("For a &week"), today + dt.timedelta(days=7)),
        (tr("For t&wo weeks"), today + dt.timedelta(days=14)),
        (tr("For a &month"), add_months(today, 1)),
        (tr("Until a &day…"), None),
    ]


def pick_day(parent: QWidget, today: dt.date) -> dt.date | None:
    """Ask for a day after today on a calendar; None when cancelled."""
    # Only when a day is picked: Today's page makes its snooze menus before its first
    # paint, and these types' Python enums take about 2 ms to build.
    from PySide6.QtCore import QDate
    from PySide6.QtWidgets import QCalendarWidget, QDialog, QDialogButtonBox, QVBoxLayout

    dialog = QDialog(parent)
    dialog.setObjectName("snoozeDayDialog")
    dialog.setWindowTitle(dialog.tr("Snooze until"))
    calendar = QCalendarWidget(dialog)
    calendar.setObjectName("snoozeCalendar")
    calendar.setAccessibleName(dialog.tr("Snooze until"))
    tomorrow = today + dt.timedelta(days=1)
    calendar.setMinimumDate(QDate(tomorrow.year, tomorrow.month, tomorrow.day))
    soon = today + dt.timedelta(days=7)
    calendar.setSelectedDate(QDate(soon.year, soon.month, soon.day))
    buttons = QDialogButtonBox(
        QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, dialog
    )
    buttons.accepted.connect(dialog.accept)
    buttons.rejected.connect(dialog.reject)
    layout = QVBoxLayout(dialog)
    layout.addWidget(calendar)
    layout.addWidget(buttons)
    if not dialog.exec():
        return None
    q = calendar.selectedDate()
    return dt.date(q.year(), q.month(), q.day())


def snooze_menu(
    parent: QWidget, today: Callable[[], dt.date], act: Callable[[dt.date], None]
) -> QMenu:
    """A menu whose entries call `act(day)`; the days are worked out when it opens."""
    menu = QMenu(parent)
    menu.setObjectName("snoozeMenu")

    def fill() -> None:
        menu.clear()
        day0 = today()
        for label, day in snooze_choices(day0):
            action = menu.addAction(label)
            if day is None:
                action.triggered.connect(
                    lambda _=False: (chosen := pick_day(parent, day0)) and act(chosen)
                )
            else:
                action.triggered.connect(lambda _=False, d=day: act(d))

    menu.aboutToShow.connect(fill)
    fill()
    return menu
