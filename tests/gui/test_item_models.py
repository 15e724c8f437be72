"""Every item model passes Qt's own model checks, with data and empty."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt

from journal.core import demo
from journal.core.contact_queries import ContactFilter
from journal.core.timeline import TimelineFilter
from journal.ui.models.contact_list_model import ContactIdRole, ContactListModel
from journal.ui.models.timeline_model import PAGE, InteractionIdRole, TimelineModel


def test_contact_list_model_passes_the_model_tester(qtmodeltester, journal) -> None:  # type: ignore[no-untyped-def]
    demo.generate(demo.DemoSize(contacts=150, interactions=300, groups=2, years=1))
    model = ContactListModel()
    qtmodeltester.check(model)
    assert model.rowCount() > 100
    first = model.data(model.index(0, ContactListModel.NAME))
    second = model.data(model.index(1, ContactListModel.NAME))
    assert first.casefold() <= second.casefold()
    assert isinstance(model.data(model.index(0, 0), ContactIdRole), int)


def test_contact_list_model_empty_and_filtered(qtmodeltester, journal) -> None:  # type: ignore[no-untyped-def]
    model = ContactListModel()
    qtmodeltester.check(model)
    assert model.rowCount() == 0
    model.set_filter(ContactFilter(search="nobody"))
    qtmodeltester.check(model)
    assert model.rowCount() == 0


def test_contact_list_sorts_by_column(journal) -> None:  # type: ignore[no-untyped-def]
    demo.generate(demo.DemoSize(contacts=60, interactions=100, groups=1, years=1))
    model = ContactListModel()
    model.sort(ContactListModel.ORGANISATION, Qt.SortOrder.DescendingOrder)
    orgs = [
        model.data(model.index(r, ContactListModel.ORGANISATION)) for r in range(model.rowCount())
    ]
    assert orgs == sorted(orgs, key=str.lower, reverse=True)


def test_timeline_model_passes_the_model_tester(qtmodeltester, journal) -> None:  # type: ignore[no-untyped-def]
    demo.generate(demo.DemoSize(contacts=40, interactions=PAGE + 50, groups=2, years=1))
    model = TimelineModel()
    model.reload()
    assert model.rowCount() == PAGE
    assert model.canFetchMore()
    model.fetchMore()
    assert model.rowCount() == PAGE + 50
    assert not model.canFetchMore()
    qtmodeltester.check(model)
    ids = [model.data(model.index(r, 0), InteractionIdRole) for r in range(model.rowCount())]
    assert len(set(ids)) == len(ids)


def test_timeline_model_newest_first_and_filtered(qtmodeltester, journal) -> None:  # type: ignore[no-untyped-def]
    demo.generate(demo.DemoSize(contacts=20, interactions=80, groups=1, years=1))
    model = TimelineModel()
    model.set_filter(TimelineFilter(kinds=frozenset({"call"})))
    qtmodeltester.check(model)
    kinds = {model.row_at(r).kind for r in range(model.rowCount())}
    assert kinds == {"call"}
    times = [model.row_at(r).occurred_at for r in range(model.rowCount())]
    assert times == sorted(times, reverse=True)
    model.set_filter(TimelineFilter(start=dt.datetime(2100, 1, 1, tzinfo=dt.timezone.utc)))
    assert model.rowCount() == 0
