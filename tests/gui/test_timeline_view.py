"""The Timeline page: logging, filtering, editing and deleting entries."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QLineEdit, QPushButton

from journal.core.contacts import ContactDraft, create_contact
from journal.core.interactions import InteractionDraft, log_interaction
from journal.core.timeline import TimelineFilter, timeline_page
from journal.ui.dialogs.interaction_form import InteractionForm
from journal.ui.views.timeline_view import TimelineView


def _view(qtbot, bus, clock) -> TimelineView:  # type: ignore[no-untyped-def]
    view = TimelineView(bus, clock)
    qtbot.addWidget(view)
    view.resize(1000, 500)
    view.show()
    return view


def _log(clock, summary: str, kind: str = "call", people=(), days_ago: int = 0) -> int:  # type: ignore[no-untyped-def]
    return log_interaction(
        InteractionDraft(
            kind, clock.now() - dt.timedelta(days=days_ago), summary, participant_ids=list(people)
        ),
        clock,
    ).value


def test_empty_timeline_says_how_to_start(qtbot, bus, clock) -> None:  # type: ignore[no-untyped-def]
    view = _view(qtbot, bus, clock)
    assert view.empty_label.isVisible()
    assert not view.table.isVisible()
    assert not view.count_label.isVisible()  # no "No entries with the filters chosen."
    bus.run(lambda: log_interaction(InteractionDraft("call", clock.now(), "First call"), clock))
    assert (view.count_label.isVisible(), view.count_label.text()) == (True, "1 entry")
    assert not view.empty_label.isVisible()


def test_logging_through_the_form_adds_a_row(qtbot, bus, clock) -> None:  # type: ignore[no-untyped-def]
    jane = create_contact(ContactDraft(given_name="Jane", family_name="Doe")).value
    view = _view(qtbot, bus, clock)
    form = InteractionForm(bus, contact_ids=[jane], clock=clock)
    qtbot.addWidget(form)
    form.kind.setCurrentIndex(form.kind.findData("coffee"))
    qtbot.keyClicks(form.findChild(QLineEdit, "summary"), "Coffee at the chamber breakfast")
    qtbot.keyClicks(form.findChild(QLineEdit, "amount"), "1200")
    form.findChild(QComboBox, "currency").setCurrentText("EUR")
    qtbot.mouseClick(form.findChild(QPushButton, "saveInteraction"), Qt.MouseButton.LeftButton)
    assert form.result() == form.DialogCode.Accepted
    rows, _ = timeline_page()
    assert [(r.kind, r.summary, r.people, str(r.amount), r.currency) for r in rows] == [
        ("coffee", "Coffee at the chamber breakfast", "Jane Doe", "1200", "EUR")
    ]
    assert view.model.rowCount() == 1
    assert view.table.isVisible()


def test_amounts_are_typed_and_shown_the_locales_way(qtbot, bus, clock, locale_of) -> None:  # type: ignore[no-untyped-def]
    locale_of("de_DE")
    form = InteractionForm(bus, clock=clock)
    qtbot.addWidget(form)
    qtbot.keyClicks(form.summary, "Referral")
    qtbot.keyClicks(form.amount, "1.200")
    qtbot.keyClicks(form.estimated, "2.500,75")
    form.currency.setCurrentText("EUR")
    form.save()
    (row,), _ = timeline_page()
    assert (str(row.amount), row.currency) == ("1200", "EUR")
    edit = InteractionForm(bus, interaction_id=row.id, clock=clock)
    qtbot.addWidget(edit)
    assert (edit.amount.text(), edit.estimated.text()) == ("1200", "2500,75")
    edit.estimated.setText("abc")
    edit.save()
    assert "Estimated amount: 'abc' is not an amount" in edit.banner.text()
    assert edit.focusWidget() is edit.estimated


def test_an_amount_added_to_an_entry_without_one_starts_in_the_usual_currency(
    qtbot, bus, clock
) -> None:  # type: ignore[no-untyped-def]
    from journal.core.settings import set_default_currency

    set_default_currency("CHF")
    entry = log_interaction(InteractionDraft("call", clock.now(), "First call"), clock).value
    form = InteractionForm(bus, interaction_id=entry, clock=clock)
    qtbot.addWidget(form)
    assert form.currency.currentText() == "CHF"
    qtbot.keyClicks(form.amount, "250")
    form.save()
    (row,), _ = timeline_page()
    assert (str(row.amount), row.currency) == ("250", "CHF")


def test_amount_without_currency_is_refused_in_the_form(qtbot, bus, clock) -> None:  # type: ignore[no-untyped-def]
    form = InteractionForm(bus, clock=clock)
    qtbot.addWidget(form)
    qtbot.keyClicks(form.summary, "Referral")
    qtbot.keyClicks(form.amount, "500")
    form.currency.setCurrentText("")  # it starts in the default (or the system's) currency
    form.save()
    assert form.banner.isVisibleTo(form)
    assert "Currency" in form.banner.text()
    assert timeline_page()[0] == []


def test_search_and_kind_filter(qtbot, bus, clock) -> None:  # type: ignore[no-untyped-def]
    omar = create_contact(ContactDraft(given_name="Omar", family_name="Haddad")).value
    _log(clock, "Talked about the bookkeeper", "call")
    _log(clock, "Lunch by the river", "lunch", people=[omar], days_ago=1)
    _log(clock, "Sent the proposal", "email", days_ago=2)
    view = _view(qtbot, bus, clock)
    assert view.model.rowCount() == 3
    qtbot.keyClicks(view.search, "bookk")
    assert [view.model.row_at(r).summary for r in range(view.model.rowCount())] == [
        "Talked about the bookkeeper"
    ]
    view.search.clear()
    qtbot.keyClicks(view.search, "omar")  # a participant's name finds their entries
    assert [view.model.row_at(r).kind for r in range(view.model.rowCount())] == ["lunch"]
    view.search.clear()
    view.kind.setCurrentIndex(view.kind.findData("email"))
    assert view.model.rowCount() == 1
    assert "1" in view.count_label.text()


def test_date_range_filter(qtbot, bus, clock) -> None:  # type: ignore[no-untyped-def]
    _log(clock, "recent", days_ago=1)
    _log(clock, "old", days_ago=400)
    view = _view(qtbot, bus, clock)
    view.since.set_value(clock.today() - dt.timedelta(days=30))
    assert [view.model.row_at(r).summary for r in range(view.model.rowCount())] == ["recent"]
    view.since.set_value(None)
    view.until.set_value(clock.today() - dt.timedelta(days=300))
    assert [view.model.row_at(r).summary for r in range(view.model.rowCount())] == ["old"]


def test_the_count_says_why_no_entry_shows(qtbot, bus, clock) -> None:  # type: ignore[no-untyped-def]
    _log(clock, "Coffee with the printer", days_ago=1)
    view = _view(qtbot, bus, clock)
    view.since.set_value(None)
    view.until.set_value(None)
    qtbot.keyClicks(view.search, "bakery")
    assert view.count_label.text() == "No entries match “bakery”."
    view.kind.setCurrentIndex(view.kind.findData("email"))
    assert view.count_label.text() == "No entries match “bakery” with the filters chosen."
    view.search.clear()
    assert view.count_label.text() == "No entries with the filters chosen."
    view.kind.setCurrentIndex(0)
    assert view.count_label.text() == "1 entry"
    view.since.set_value(clock.today())
    view.until.set_value(clock.today() - dt.timedelta(days=7))
    assert view.count_label.text() == "No entries: the From date is after the To date."


def test_edit_and_delete_from_the_list(qtbot, bus, clock, dialogs, on_dialog) -> None:  # type: ignore[no-untyped-def]
    entry = _log(clock, "First version")
    view = _view(qtbot, bus, clock)
    edited: list[int] = []
    view.edit_requested.connect(edited.append)
    view.table.selectRow(0)
    qtbot.keyClick(view.table, Qt.Key.Key_F2)
    assert edited == [entry]

    form = InteractionForm(bus, entry, clock=clock)
    qtbot.addWidget(form)
    form.summary.selectAll()
    qtbot.keyClicks(form.summary, "Second version")
    form.save()
    assert view.model.row_at(0).summary == "Second version"

    dialogs.confirm_answers = [True]
    view.table.selectRow(0)
    qtbot.keyClick(view.table, Qt.Key.Key_Delete)
    assert timeline_page(TimelineFilter())[0] == []
    assert view.empty_label.isVisible()


def test_enter_in_the_people_box_picks_the_person_not_saves(qtbot, bus, clock) -> None:  # type: ignore[no-untyped-def]
    jane = create_contact(ContactDraft(given_name="Jane", family_name="Doe")).value
    form = InteractionForm(bus, clock=clock)
    qtbot.addWidget(form)
    form.show()
    qtbot.keyClicks(form.people.line, "jan")
    qtbot.keyClick(form.people.line, Qt.Key.Key_Return)
    assert form.people.contact_ids() == [jane]
    assert form.isVisible()  # the form did not save on that Enter
    assert timeline_page()[0] == []
    qtbot.keyClick(form.people.line, Qt.Key.Key_Return)  # empty line: Enter saves
    assert not form.isVisible()
    assert [r.people for r in timeline_page()[0]] == ["Jane Doe"]


def test_an_estimated_referral_is_marked_in_the_list(qtbot, bus, clock) -> None:  # type: ignore[no-untyped-def]
    paid = InteractionDraft("business_won", clock.now(), "Logo job", amount="900", currency="USD")
    likely = InteractionDraft(
        "referral_received", clock.now(), "Bakery", estimated_amount="1200", currency="USD"
    )
    log_interaction(paid, clock)
    log_interaction(likely, clock)
    view = _view(qtbot, bus, clock)
    model = view.table.model()
    amounts = {
        model.index(row, 3).data(): model.index(row, model.columnCount() - 1).data()
        for row in range(model.rowCount())
    }
    assert amounts == {"Logo job": "900 USD", "Bakery": "≈ 1,200 USD"}


def test_an_estimate_is_typed_edited_and_cleared_in_the_form(qtbot, bus, clock) -> None:  # type: ignore[no-untyped-def]
    form = InteractionForm(bus, clock=clock)
    qtbot.addWidget(form)
    form.kind.setCurrentIndex(form.kind.findData("referral_received"))
    qtbot.keyClicks(form.summary, "Bakery refit")
    qtbot.keyClicks(form.findChild(QLineEdit, "estimated"), "1,200")
    form.currency.setCurrentText("USD")
    qtbot.mouseClick(form.save_button, Qt.MouseButton.LeftButton)
    (row,), _ = timeline_page()
    assert (row.amount, row.estimated_amount, row.currency) == (None, Decimal("1200"), "USD")

    edit = InteractionForm(bus, row.id, clock=clock)
    qtbot.addWidget(edit)
    assert edit.estimated.text() == "1200"  # what was stored shows, and is kept on save
    qtbot.keyClicks(edit.amount, "950")  # the work came in: the real amount
    edit.estimated.clear()
    edit.save()
    (row,), _ = timeline_page()
    assert (row.amount, row.estimated_amount, row.currency) == (Decimal("950"), None, "USD")


def test_a_wrong_estimate_is_named_and_focused(qtbot, bus, clock) -> None:  # type: ignore[no-untyped-def]
    form = InteractionForm(bus, clock=clock)
    qtbot.addWidget(form)
    form.show()
    qtbot.keyClicks(form.summary, "Referral")
    qtbot.keyClicks(form.estimated, "lots")
    form.save()
    assert "Estimated" in form.banner.text() and "'lots'" in form.banner.text()
    assert form.focusWidget() is form.estimated
    assert timeline_page()[0] == []


def test_a_group_named_in_a_sentence_does_not_widen_the_window(qtbot, bus, clock) -> None:  # type: ignore[no-untyped-def]
    from journal.core.groups import GroupDraft, create_group

    create_group(GroupDraft(name="BNI"), clock=clock)
    narrow = _view(qtbot, bus, clock).minimumSizeHint().width()
    long_name = "The Greater Metropolitan Area Association of Independent Consultants " * 2
    create_group(GroupDraft(name=long_name.strip()), clock=clock)

    view = _view(qtbot, bus, clock)  # filled before it is first shown, as in the app
    assert view.group.count() == 3
    assert view.minimumSizeHint().width() <= narrow


def test_the_kind_column_fits_the_longest_kind(qtbot, bus, clock) -> None:  # type: ignore[no-untyped-def]
    from journal.ui import labels
    from journal.ui.models.timeline_model import TimelineModel

    view = _view(qtbot, bus, clock)
    metrics = view.table.fontMetrics()
    longest = max(labels.interaction_kinds().values(), key=metrics.horizontalAdvance)
    width = view.table.horizontalHeader().sectionSize(TimelineModel.KIND)
    assert width > metrics.horizontalAdvance(longest)


def test_a_1000_pixel_window_leaves_room_for_the_search_and_the_summary(qtbot, bus, clock) -> None:  # type: ignore[no-untyped-def]
    from journal.ui.models.timeline_model import TimelineModel

    # What the page gets beside the navigation in a 1000 × 700 window. The filters held it
    # wider than that, the search box was one letter wide and the summary a few.
    _log(clock, "Talked about the pricing of the spring workshop")
    view = _view(qtbot, bus, clock)
    assert view.minimumSizeHint().width() <= 790
    view.resize(790, 600)
    qtbot.waitExposed(view)
    qtbot.keyClicks(view.search, "pricing")
    qtbot.waitUntil(lambda: view.model.rowCount() == 1)
    assert view.search.width() > view.search.fontMetrics().horizontalAdvance("pricing talk")
    header = view.table.horizontalHeader()
    qtbot.waitUntil(lambda: header.sectionSize(TimelineModel.SUMMARY) >= 120)
    assert view.table.horizontalScrollBar().maximum() == 0

    # In a wide window, people and group keep their full widths.
    view.resize(1210, 830)
    qtbot.waitUntil(lambda: header.sectionSize(TimelineModel.PEOPLE) == 200)
    assert header.sectionSize(TimelineModel.GROUP) == 160
    assert header.sectionSize(TimelineModel.SUMMARY) > 300


def test_a_column_the_user_sized_keeps_its_width_as_the_window_changes(qtbot, bus, clock) -> None:  # type: ignore[no-untyped-def]
    from journal.ui.models.timeline_model import TimelineModel

    _log(clock, "Coffee with the printer")  # the table shows once there is an entry
    view = _view(qtbot, bus, clock)
    view.resize(1210, 830)
    qtbot.waitExposed(view)
    header = view.table.horizontalHeader()
    qtbot.waitUntil(lambda: header.sectionSize(TimelineModel.PEOPLE) == 200)
    header.resizeSection(TimelineModel.PEOPLE, 260)  # as a drag of its edge does
    view.resize(900, 700)
    qtbot.waitUntil(lambda: header.sectionSize(TimelineModel.GROUP) < 160)  # it followed
    assert header.sectionSize(TimelineModel.PEOPLE) == 260  # the one sized by hand did not
