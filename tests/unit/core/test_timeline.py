"""Reading the timeline: newest first, keyset paging without gaps or repeats, filters."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from journal.core.errors import NotFoundError
from journal.core.timeline import (
    TimelineCursor,
    TimelineFilter,
    TimelineRow,
    participants_by_entry,
    timeline_count,
    timeline_page,
    timeline_row,
)
from journal.store import Journal
from journal.store.models import database_proxy

AddContact = Callable[..., int]
Log = Callable[..., int]
UTC = dt.timezone.utc


def _at(day: int, hour: int = 9, minute: int = 0) -> dt.datetime:
    return dt.datetime(2026, 11, day, hour, minute, tzinfo=UTC)


def everything(flt: TimelineFilter | None = None, limit: int = 3) -> list[TimelineRow]:
    """Walk every page with the cursor, the way the lazy model does."""
    flt = flt or TimelineFilter()
    rows: list[TimelineRow] = []
    cursor: TimelineCursor | None = None
    for _ in range(10_000):
        page, cursor = timeline_page(flt, cursor, limit)
        assert len(page) <= limit
        rows += page
        if cursor is None:
            return rows
        assert page, "a cursor came back with an empty page"
    raise AssertionError("paging never ended")


def ids(rows: list[TimelineRow]) -> list[int]:
    return [r.id for r in rows]


# -- order and content --------------------------------------------------------------------------


def test_empty_timeline(journal: Journal) -> None:
    assert timeline_page() == ([], None)
    assert timeline_count() == 0


def test_newest_first(journal: Journal, log: Log) -> None:
    old = log("call", _at(1))
    new = log("call", _at(20))
    middle = log("call", _at(10))
    rows, cursor = timeline_page()
    assert ids(rows) == [new, middle, old]
    assert cursor is None


def test_row_content(add_contact: AddContact, add_group: Callable[..., int], log: Log) -> None:
    jane, omar = add_contact("Jane", "Doe"), add_contact("Omar")
    gid = add_group("BNI Downtown")
    iid = log(
        "referral_received",
        _at(5, 14, 30),
        [jane, omar],
        summary="Sent me a client",
        notes="bakery",
        direction="received",
        amount="1200.50",
        estimated_amount="3000",
        currency="EUR",
        group_id=gid,
    )
    plain = log("note", _at(4), summary="Just a note")
    rows, _ = timeline_page()
    row = rows[0]
    assert row.id == iid
    assert row.kind == "referral_received"
    assert row.occurred_at == _at(5, 14, 30)
    assert row.occurred_at.utcoffset() == dt.timedelta(0)
    assert (row.summary, row.notes, row.direction) == ("Sent me a client", "bakery", "received")
    assert row.amount == Decimal("1200.50")
    assert row.estimated_amount == Decimal("3000")
    assert row.currency == "EUR"
    assert (row.group_id, row.group_name) == (gid, "BNI Downtown")
    assert sorted(row.people.split(", ")) == ["Jane Doe", "Omar"]

    other = rows[1]
    assert other.id == plain
    assert (other.amount, other.estimated_amount, other.currency) == (None, None, "")
    assert (other.group_id, other.group_name, other.people) == (None, "", "")


def test_one_row_by_id_is_its_line_on_the_timeline(
    add_contact: AddContact, add_group: Callable[..., int], log: Log
) -> None:
    jane = add_contact("Jane", "Doe")
    gid = add_group("Chamber")
    first = log("call", _at(3), [jane], summary="Call", amount="10", currency="USD")
    second = log("met", _at(4), group_id=gid, notes="breakfast")
    rows, _ = timeline_page()
    assert [timeline_row(second), timeline_row(first)] == rows
    with pytest.raises(NotFoundError, match="no timeline entry with id 99"):
        timeline_row(99)


# -- paging -------------------------------------------------------------------------------------


def test_paging_with_ties_returns_every_row_once(journal: Journal, log: Log) -> None:
    same = _at(10)
    logged = [log("call", same, summary=f"tie {n}") for n in range(7)]
    logged += [log("call", _at(11), summary="later"), log("call", _at(9), summary="earlier")]
    for limit in (1, 2, 3, 4, 8, 9, 10, 200):
        walked = everything(limit=limit)
        assert len(walked) == len(logged), limit
        assert sorted(ids(walked)) == sorted(logged)
        assert ids(walked) == ids(timeline_page(limit=1000)[0])
    # Ties on the instant come newest id first.
    walked = ids(everything(limit=2))
    assert walked[0] == logged[7]
    assert walked[1:8] == sorted(logged[:7], reverse=True)
    assert walked[-1] == logged[8]


def test_cursor_marks_the_last_row_of_the_page(journal: Journal, log: Log) -> None:
    a = log("call", _at(3))
    b = log("call", _at(2))
    log("call", _at(1))
    page, cursor = timeline_page(limit=2)
    assert ids(page) == [a, b]
    assert cursor is not None
    assert cursor.id == b
    assert cursor.occurred_at == "2026-11-02T09:00:00.000000Z"
    page, cursor = timeline_page(after=cursor, limit=2)
    assert len(page) == 1 and cursor is None


def test_exactly_a_full_last_page_ends_without_a_cursor(journal: Journal, log: Log) -> None:
    for day in range(1, 5):
        log("call", _at(day))
    first, cursor = timeline_page(limit=2)
    second, cursor2 = timeline_page(after=cursor, limit=2)
    assert len(first) == len(second) == 2
    assert cursor2 is None


_paging = settings(
    suppress_health_check=[HealthCheck.function_scoped_fixture], deadline=None, max_examples=25
)


@_paging
@given(
    hours=st.lists(st.integers(min_value=0, max_value=4), min_size=0, max_size=25),
    limit=st.integers(min_value=1, max_value=7),
)
def test_paging_property(journal: Journal, log: Log, hours: list[int], limit: int) -> None:
    database_proxy.execute_sql("DELETE FROM interaction")
    logged = [log("call", _at(10, 8 + h)) for h in hours]
    walked = everything(limit=limit)
    assert sorted(ids(walked)) == sorted(logged)
    keys = [(r.occurred_at, r.id) for r in walked]
    assert keys == sorted(keys, reverse=True)


# -- filters ------------------------------------------------------------------------------------


def test_filter_by_kinds(journal: Journal, log: Log) -> None:
    call = log("call", _at(1))
    coffee = log("coffee", _at(2))
    log("email", _at(3))
    flt = TimelineFilter(kinds=frozenset({"call", "coffee"}))
    assert ids(everything(flt)) == [coffee, call]
    assert timeline_count(flt) == 2
    assert timeline_count(TimelineFilter(kinds=frozenset({"lunch"}))) == 0


def test_filter_by_contact(add_contact: AddContact, log: Log) -> None:
    jane, omar = add_contact("Jane"), add_contact("Omar")
    both = log("coffee", _at(2), [jane, omar])
    only_jane = log("call", _at(1), [jane])
    log("call", _at(3), [omar])
    flt = TimelineFilter(contact_id=jane)
    assert ids(everything(flt)) == [both, only_jane]
    assert timeline_count(flt) == 2
    # The row still names everyone in the entry, not only the filtered contact.
    assert sorted(everything(flt)[0].people.split(", ")) == ["Jane", "Omar"]


def test_filter_by_group(add_group: Callable[..., int], log: Log) -> None:
    bni, chamber = add_group("BNI"), add_group("Chamber")
    in_bni = log("meeting", _at(1), group_id=bni)
    log("meeting", _at(2), group_id=chamber)
    log("call", _at(3))
    assert ids(everything(TimelineFilter(group_id=bni))) == [in_bni]
    assert timeline_count(TimelineFilter(group_id=chamber)) == 1


def test_filter_by_date_range_start_inclusive_end_exclusive(journal: Journal, log: Log) -> None:
    before = log("call", _at(9, 23, 59))
    at_start = log("call", _at(10, 0, 0))
    inside = log("call", _at(10, 12))
    at_end = log("call", _at(11, 0, 0))
    flt = TimelineFilter(start=_at(10, 0), end=_at(11, 0))
    assert ids(everything(flt)) == [inside, at_start]
    assert timeline_count(flt) == 2
    assert ids(everything(TimelineFilter(start=_at(11, 0)))) == [at_end]
    assert ids(everything(TimelineFilter(end=_at(10, 0)))) == [before]


def test_date_range_in_another_zone(journal: Journal, log: Log) -> None:
    berlin = ZoneInfo("Europe/Berlin")
    late_evening_utc = log("call", _at(10, 23, 30))  # 00:30 on the 11th in Berlin
    log("call", _at(10, 22, 30))  # 23:30 on the 10th in Berlin
    start = dt.datetime(2026, 11, 11, tzinfo=berlin)
    end = dt.datetime(2026, 11, 12, tzinfo=berlin)
    assert ids(everything(TimelineFilter(start=start, end=end))) == [late_evening_utc]


def test_search_in_summary_notes_and_people(add_contact: AddContact, log: Log) -> None:
    jane = add_contact("Jane", "Doe")
    omar = add_contact("Omar", "Haddad", organisation="Bakery Ltd")
    by_summary = log("coffee", _at(1), summary="Talked about the bakery")
    by_notes = log("call", _at(2), summary="Call", notes="bakery refit quote")
    by_person = log("lunch", _at(3), [jane], summary="Lunch")
    with_omar = log("lunch", _at(4), [omar], summary="Lunch")
    log("email", _at(5), summary="Invoice")

    assert ids(everything(TimelineFilter(search="baker"))) == [by_notes, by_summary]
    assert ids(everything(TimelineFilter(search="jane"))) == [by_person]
    assert ids(everything(TimelineFilter(search="jan do"))) == [by_person]
    # A participant matches by name only, not by organisation or notes.
    assert with_omar not in ids(everything(TimelineFilter(search="bakery")))
    assert ids(everything(TimelineFilter(search="omar"))) == [with_omar]
    assert timeline_count(TimelineFilter(search="baker")) == 2


def test_a_cjk_word_is_found_inside_texts_and_names(add_contact: AddContact, log: Log) -> None:
    wang = add_contact("王小明")  # typed whole
    firm = add_contact("Mei", organisation="小明咨询")  # the word in an organisation only
    in_summary = log("coffee", _at(1), summary="和小明喝咖啡")
    in_notes = log("call", _at(2), summary="Call", notes="问了王小明的意见")
    with_wang = log("lunch", _at(3), [wang], summary="Lunch")
    log("lunch", _at(4), [firm], summary="Lunch")
    log("email", _at(5), summary="Invoice")

    found = ids(everything(TimelineFilter(search="小明")))
    assert sorted(found) == sorted([in_summary, in_notes, with_wang])
    assert ids(everything(TimelineFilter(search="小明 lunch"))) == [with_wang]
    assert timeline_count(TimelineFilter(search="咖啡")) == 1


def test_search_ignores_accents(add_contact: AddContact, log: Log) -> None:
    emile = add_contact("Émile")
    a = log("coffee", _at(1), [emile], summary="Coffee")
    b = log("coffee", _at(2), summary="Café crème")
    assert ids(everything(TimelineFilter(search="emile"))) == [a]
    assert ids(everything(TimelineFilter(search="cafe creme"))) == [b]


@pytest.mark.parametrize("typed", ["!!!", "--", "*", '"', "()"])
def test_punctuation_only_search_matches_nothing(journal: Journal, log: Log, typed: str) -> None:
    log("call", _at(1), summary='!!! -- * " ()')
    assert timeline_page(TimelineFilter(search=typed)) == ([], None)
    assert timeline_count(TimelineFilter(search=typed)) == 0


@pytest.mark.parametrize("typed", ["AND", "coffee OR", "NEAR(a b)", '"coffee', "coffee*", "a\x00"])
def test_search_syntax_never_raises(journal: Journal, log: Log, typed: str) -> None:
    log("coffee", _at(1), summary="coffee and cake")
    rows, _ = timeline_page(TimelineFilter(search=typed))
    assert timeline_count(TimelineFilter(search=typed)) == len(rows)


def test_filters_combine_and_count_agrees(
    add_contact: AddContact, add_group: Callable[..., int], log: Log
) -> None:
    jane, omar = add_contact("Jane"), add_contact("Omar")
    gid = add_group("BNI")
    wanted = log("coffee", _at(10), [jane], group_id=gid, summary="Coffee after BNI")
    log("coffee", _at(10), [omar], group_id=gid, summary="Coffee after BNI")
    log("call", _at(10), [jane], group_id=gid, summary="Coffee call")
    log("coffee", _at(1), [jane], group_id=gid, summary="Coffee after BNI")
    log("coffee", _at(10), [jane], summary="Coffee after BNI")
    flt = TimelineFilter(
        search="coffee",
        kinds=frozenset({"coffee"}),
        contact_id=jane,
        group_id=gid,
        start=_at(5),
        end=_at(20),
    )
    assert ids(everything(flt)) == [wanted]
    assert timeline_count(flt) == 1
    assert timeline_count() == 5


# -- people of several entries ------------------------------------------------------------------


def test_participants_by_entry(add_contact: AddContact, log: Log) -> None:
    zoe, adam, emile = add_contact("Zoë"), add_contact("adam"), add_contact("Émile")
    both = log("coffee", _at(1), [zoe, adam, emile])
    alone = log("call", _at(2), [zoe])
    nobody = log("note", _at(3), summary="a note")
    people = participants_by_entry([both, alone, nobody, 9999, both])
    assert people == {
        both: [(adam, "adam"), (emile, "Émile"), (zoe, "Zoë")],
        alone: [(zoe, "Zoë")],
        nobody: [],
        9999: [],
    }
    assert participants_by_entry([]) == {}


def test_participants_by_entry_for_more_ids_than_sqlite_binds(
    add_contact: AddContact, log: Log
) -> None:
    jane = add_contact("Jane")
    logged = [log("call", _at(1), [jane]) for _ in range(1100)]
    people = participants_by_entry(logged)
    assert len(people) == 1100
    assert all(names == [(jane, "Jane")] for names in people.values())
