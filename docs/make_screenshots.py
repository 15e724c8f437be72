"""Render the README's screenshots from a generated demo journal (run by `make screenshots`).

Runs on whatever display Qt is given; the Makefile uses Xvfb (xvfb-run) with the xcb platform.
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

from PySide6.QtWidgets import QApplication

from journal.core import demo
from journal.store import open_journal
from journal.ui.app import make_application
from journal.ui.bus import JournalBus
from journal.ui.dialogs.service import QtDialogService
from journal.ui.main_window import CONTACTS, GROUPS, TIMELINE, TODAY, MainWindow
from journal.ui.theme import apply_theme

OUT = Path(__file__).resolve().parent / "screenshots"


def settle(app: QApplication) -> None:
    for _ in range(20):
        app.processEvents()


def shoot(window: MainWindow, app: QApplication, name: str) -> None:
    settle(app)
    path = OUT / name
    window.grab().save(str(path))
    print(f"saved {path}")


def shoot_quick_add(app: QApplication) -> None:
    """The Quick add window over the demo journal, with a line naming someone new."""
    from journal.core.contact_queries import contact_ids, contact_names
    from journal.core.group_queries import group_rows
    from journal.core.settings import set_default_currency
    from journal.ui.quick_add_dialog import QuickAddDialog

    set_default_currency("USD")
    apply_theme(app, "light")
    someone = contact_names(contact_ids()[:1])
    name = next(iter(someone.values()), "Jane Doe")
    group = group_rows()[0].name.split()[0] if group_rows() else "BNI"
    dialog = QuickAddDialog(JournalBus(QtDialogService()))
    dialog.start(f'coffee @"{name}" @"Sam Reyes" ~{group} needs a bookkeeper #accounting >2w')
    dialog.line.setCursorPosition(0)
    settle(app)
    path = OUT / "quick-add.png"
    dialog.grab().save(str(path))
    print(f"saved {path}")
    dialog.close()


def shoot_review(window: MainWindow, app: QApplication) -> None:
    """The review on its most telling page: the demanding group that gives nothing back."""
    from journal.core.clock import SYSTEM_CLOCK
    from journal.ui.dialogs.review_dialog import ReviewDialog, compute_report

    report = compute_report(SYSTEM_CLOCK, window)
    if report is None or not report.groups:
        return
    dialog = ReviewDialog(window.bus, report, SYSTEM_CLOCK, window)
    dialog.show()
    leave = [n for n, g in enumerate(report.groups, 1) if g.recommendation.code == "leave"]
    dialog._go(leave[0] if leave else 1)
    settle(app)
    path = OUT / "review.png"
    dialog.grab().save(str(path))
    print(f"saved {path}")
    dialog.reject()


def main() -> int:
    app = make_application()
    OUT.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="journal-shots-") as folder:
        empty_home = Path(folder) / "empty"
        journal = open_journal(empty_home)
        apply_theme(app, "light")
        window = MainWindow(journal, JournalBus(QtDialogService()))
        window.resize(1280, 800)
        window.show()
        shoot(window, app, "welcome.png")
        window.close()
        journal.close()

        home = Path(folder) / "demo"
        journal = open_journal(home)
        demo.generate(demo.SMALL)
        for theme in ("light", "dark"):
            apply_theme(app, theme)
            window = MainWindow(journal, JournalBus(QtDialogService()))
            window.resize(1280, 800)
            window.show()
            suffix = "" if theme == "light" else "-dark"
            window.show_page(TODAY)
            window.today.wait_until_idle()  # its snapshot is read on a worker thread
            shoot(window, app, f"today{suffix}.png")
            window.show_page(CONTACTS)
            shoot(window, app, f"contacts{suffix}.png")
            window.show_page(TIMELINE)
            shoot(window, app, f"timeline{suffix}.png")
            window.show_page(GROUPS)
            groups = window.groups
            if hasattr(groups, "select_group"):
                from journal.core.group_queries import group_rows

                rows = group_rows()
                if rows:
                    groups.select_group(rows[0].id)
            shoot(window, app, f"groups{suffix}.png")
            if theme == "light":
                shoot_review(window, app)
            window.close()
        shoot_quick_add(app)
        journal.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
