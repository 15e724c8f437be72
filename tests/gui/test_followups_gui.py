"""Follow-ups in the forms, the calendar export from the menu, and the daily digest handed
to a notifier (a fake one that records; the silent fallback never raises)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import icalendar
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLineEdit, QSystemTrayIcon

from journal.core.clock import FixedClock
from journal.core.contacts import ContactDraft, create_contact
from journal.core.digest import digest_settings, set_digest
from journal.core.followups import FollowUpDraft, add_followup, all_followups
from journal.core.timeline import timeline_page
from journal.core.today import today_snapshot
from journal.ui.dialogs.interaction_form import InteractionForm
from journal.ui.digest import DigestScheduler, digest_message
from journal.ui.main_window import TODAY, MainWindow
from journal.ui.platform.notifier import Notifier, TrayNotifier, make_notifier

DAY = dt.timedelta(days=1)


class RecordingNotifier(Notifier):
    """Records what would have been shown."""

    def __init__(self) -> None:
        super().__init__()
        self.messages: list[tuple[str, str]] = []

    @property
    def available(self) -> bool:
        return True

    def notify(self, title: str, text: str) -> bool:
        self.messages.append((title, text))
        return True


def test_log_with_a_follow_up_in_two_weeks(qtbot, journal, bus, clock) -> None:  # type: ignore[no-untyped-def]
    jane = create_contact(ContactDraft(given_name="Jane"), clock).value
    form = InteractionForm(bus, contact_ids=[jane], clock=clock)
    qtbot.addWidget(form)
    qtbot.keyClicks(form.findChild(QLineEdit, "summary"), "Coffee at the fair")
    form.follow_up.set_code("2w")
    assert form.follow_up_text.isVisibleTo(form)
    qtbot.keyClicks(form.follow_up_text, "Send the brochure")
    qtbot.mouseClick(form.save_button, Qt.MouseButton.LeftButton)
    assert form.result() == form.DialogCode.Accepted
    rows = all_followups()
    assert [(r.contact_id, r.text, r.due_on) for r in rows] == [
        (jane, "Send the brochure", clock.today() + 14 * DAY)
    ]
    assert rows[0].interaction_id == form.saved_id == timeline_page()[0][0].id


def test_follow_up_on_a_chosen_date(qtbot, journal, bus, clock) -> None:  # type: ignore[no-untyped-def]
    jane = create_contact(ContactDraft(given_name="Jane"), clock).value
    form = InteractionForm(bus, contact_ids=[jane], clock=clock)
    qtbot.addWidget(form)
    form.summary.setText("Call")
    form.follow_up.set_code("date")
    assert form.follow_up.date.isVisibleTo(form)
    form.follow_up.date.setDate(form.follow_up.date.date().addDays(30))
    qtbot.mouseClick(form.save_button, Qt.MouseButton.LeftButton)
    assert [r.due_on for r in all_followups()] == [clock.today() + 37 * DAY]


def test_a_bad_follow_up_date_keeps_the_form_open(qtbot, journal, bus, clock) -> None:  # type: ignore[no-untyped-def]
    form = InteractionForm(bus, clock=clock)
    qtbot.addWidget(form)
    form.summary.setText("Call")
    form.follow_up.set_code("date")
    form.follow_up.date.setDate(form.follow_up.date.date().addYears(20))
    qtbot.mouseClick(form.save_button, Qt.MouseButton.LeftButton)
    assert form.result() != form.DialogCode.Accepted
    assert form.banner.isVisibleTo(form) and "years ahead" in form.banner.text()
    assert timeline_page()[0] == [] and all_followups() == []


def test_editing_an_entry_offers_no_follow_up(qtbot, journal, bus, clock) -> None:  # type: ignore[no-untyped-def]
    from journal.core.interactions import InteractionDraft, log_interaction

    entry = log_interaction(InteractionDraft("call", clock.now(), "Call"), clock).value
    form = InteractionForm(bus, entry, clock=clock)
    qtbot.addWidget(form)
    assert not form.follow_up.isVisibleTo(form)


def test_export_follow_ups_to_a_calendar_from_the_menu(
    qtbot, journal, bus, clock, dialogs, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    jane = create_contact(ContactDraft(given_name="Jane"), clock).value
    add_followup(FollowUpDraft(clock.today() + 2 * DAY, "Send the deck", jane), clock)
    window = MainWindow(journal, bus, clock)
    qtbot.addWidget(window)
    dialogs.save_paths = [tmp_path / "mine"]  # no extension: .ics is added
    window.export_calendar_action.trigger()
    calendar = icalendar.Calendar.from_ical((tmp_path / "mine.ics").read_bytes())
    events = list(calendar.walk("VEVENT"))
    assert [str(e["summary"]) for e in events] == ["Follow up with Jane: Send the deck"]
    assert "1 follow-up written" in window.statusBar().currentMessage()
    dialogs.save_paths = [None]  # cancelled: nothing happens
    window.export_calendar_action.trigger()
    dialogs.save_paths = [tmp_path / "missing" / "x.ics"]
    window.export_calendar_action.trigger()
    assert dialogs.shown[-1][0] == "error" and "Could not write" in dialogs.shown[-1][2]
    window.today.wait_until_idle()


def test_the_digest_is_one_message_and_comes_once_a_day(qtbot, journal, bus, clock) -> None:  # type: ignore[no-untyped-def]
    today = clock.today()
    for name in ("Jane", "Omar", "Priya", "Lucas"):
        person = create_contact(ContactDraft(given_name=name), clock).value
        add_followup(FollowUpDraft(today - DAY, "Call back", person), clock)
    notifier = RecordingNotifier()
    scheduler = DigestScheduler(bus, notifier, clock)
    wanted: list[bool] = []
    scheduler.snapshot_wanted.connect(lambda: wanted.append(True))
    scheduler.check()  # 10:30 UTC, past the default 09:00
    assert wanted == [True]
    digest = scheduler.consider(today_snapshot(clock))
    assert digest is not None and digest.followups_due == 4
    assert len(notifier.messages) == 1  # one notification, not one per person
    title, text = notifier.messages[0]
    assert title == "Contact Journal: today"
    assert "4 follow-ups due (4 overdue)" in text
    assert text.splitlines()[-1] == "Jane, Omar, Priya…"
    assert digest_settings().last_shown_on == today
    scheduler.check()
    assert wanted == [True]  # not again today
    assert scheduler.consider(today_snapshot(clock)) is None
    assert len(notifier.messages) == 1


def test_the_digest_waits_for_its_time(qtbot, journal, bus) -> None:  # type: ignore[no-untyped-def]
    early = FixedClock(dt.datetime(2026, 11, 24, 7, 0, tzinfo=dt.timezone.utc))
    set_digest(at=dt.time(8, 0))
    scheduler = DigestScheduler(bus, RecordingNotifier(), early)
    wanted: list[bool] = []
    scheduler.snapshot_wanted.connect(lambda: wanted.append(True))
    scheduler.check()
    assert wanted == []


def test_nothing_due_means_no_message_but_the_day_is_marked(qtbot, journal, bus, clock) -> None:  # type: ignore[no-untyped-def]
    notifier = RecordingNotifier()
    scheduler = DigestScheduler(bus, notifier, clock)
    digest = scheduler.consider(today_snapshot(clock))
    assert digest is not None and digest.is_empty
    assert notifier.messages == []
    assert digest_settings().last_shown_on == clock.today()


def test_digest_message_wording(qtbot) -> None:  # type: ignore[no-untyped-def]
    from journal.core.digest import Digest

    digest = Digest(dt.date(2026, 11, 24), 1, 0, 2, 1, 3, 1, ["Jane Doe"])
    _, text = digest_message(digest)
    assert text.splitlines() == [
        "1 follow-up due",
        "2 relationships fading",
        "1 new contact to follow up",
        "1 group meeting today",
        "Jane Doe…",
    ]


def test_the_fallback_notifier_never_raises(qtbot) -> None:  # type: ignore[no-untyped-def]
    silent = make_notifier(None)
    assert type(silent) is Notifier
    assert silent.notify("title", "text") is False
    assert not silent.available


def test_a_hidden_tray_icon_shows_nothing(qtbot) -> None:  # type: ignore[no-untyped-def]
    tray = QSystemTrayIcon()
    notifier = TrayNotifier(tray)
    assert notifier.notify("title", "text") is False  # never shown: no balloon from nowhere
    clicks: list[bool] = []
    notifier.clicked.connect(lambda: clicks.append(True))
    tray.messageClicked.emit()
    assert clicks == [True]


def test_clicking_the_digest_opens_today(qtbot, journal, bus, clock) -> None:  # type: ignore[no-untyped-def]
    window = MainWindow(journal, bus, clock)
    qtbot.addWidget(window)
    window.show()
    window.show_page(2)
    window.notifier.clicked.emit()
    assert window.pages.currentIndex() == TODAY
    window.today.wait_until_idle()
