"""The daily digest on the desktop: once a day, at the user's time, one notification.

It never reads the journal itself: it asks the Today page for a fresh snapshot and turns
that into one message, so the notification and the page always agree.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QObject, QTimer, Signal

from journal.core.clock import SYSTEM_CLOCK, Clock
from journal.ui.bus import JournalBus
from journal.ui.platform.notifier import Notifier

if TYPE_CHECKING:
    from journal.core.digest import Digest
    from journal.core.today import TodaySnapshot

CHECK_EVERY_MS = 60_000  # a minute: survives sleep, resume and clock changes without arithmetic


def _t(text: str, n: int = -1) -> str:
    return QCoreApplication.translate("digest", text, None, n)


def digest_message(digest: Digest) -> tuple[str, str]:
    """The notification's title and text."""
    lines: list[str] = []
    if digest.followups_due:
        line = _t("%n follow-up(s) due", digest.followups_due)
        if digest.followups_overdue:
            line += " " + _t("(%n overdue)", digest.followups_overdue)
        lines.append(line)
    if digest.fading:
        lines.append(_t("%n relationship(s) fading", digest.fading))
    if digest.new_people:
        lines.append(_t("%n new contact(s) to follow up", digest.new_people))
    if digest.meetings:
        lines.append(_t("%n group meeting(s) today", digest.meetings))
    if digest.review_due:
        lines.append(_t("Your periodic review of your groups is due"))
    if digest.names:
        lines.append(", ".join(digest.names) + ("…" if digest.total > len(digest.names) else ""))
    return _t("Contact Journal: today"), "\n".join(lines)


class DigestScheduler(QObject):
    """Checks every minute whether the digest is due; when it is, asks for a fresh snapshot
    (`snapshot_wanted`) and shows the message built from the one handed to `consider`."""

    snapshot_wanted = Signal()
    shown = Signal(object)  # Digest, also when there was nothing to say

    def __init__(
        self,
        bus: JournalBus,
        notifier: Notifier,
        clock: Clock = SYSTEM_CLOCK,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.bus = bus
        self.notifier = notifier
        self.clock = clock
        self._waiting = False
        # Off for a read-only journal: the digest remembers each day it was shown.
        self.active = True
        self.timer = QTimer(self)
        self.timer.setInterval(CHECK_EVERY_MS)
        self.timer.timeout.connect(self.check)

    def start(self) -> None:
        """Check now (the app may start after the digest's time) and every minute after."""
        self.timer.start()
        self.check()

    def check(self) -> None:
        """Ask for a snapshot when the digest is due."""
        if self.bus.busy:
            return  # the journal's file is being replaced: the next minute's check will do
        # Imported on the first check, once the window is up: the digest's settings bring
        # the store's model classes, which the window's first page does without.
        from journal.core.digest import digest_is_due

        if self.active and not self._waiting and digest_is_due(self.clock):
            self._waiting = True
            self.snapshot_wanted.emit()

    def consider(self, snapshot: TodaySnapshot) -> Digest | None:
        """Given a fresh snapshot: show the digest if it is due; returns it when shown."""
        from journal.core.digest import digest_from, digest_is_due, mark_digest_shown

        self._waiting = False
        if self.bus.busy:
            return None  # a snapshot read before the journal was held: asked again later
        if not self.active or not digest_is_due(self.clock):
            return None
        digest = digest_from(snapshot)
        if not digest.is_empty:
            title, text = digest_message(digest)
            self.notifier.notify(title, text)
        # Remembered even with nothing to say, or no tray to say it: once a day at most.
        self.bus.run(mark_digest_shown, self.clock)
        self.shown.emit(digest)
        return digest
