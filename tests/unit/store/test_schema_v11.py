"""Schema step 11: a phone number is found by its digits, however it was written and typed,
and the view's digits are the ones its Python twin gives imports."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from journal.core.contact_queries import ContactFilter, contact_ids
from journal.core.contacts import (
    ChannelDraft,
    ContactDraft,
    create_contact,
    load_draft,
    update_contact,
)
from journal.store import Journal
from journal.store.migrations import SCHEMA_VERSION, schema_version
from journal.store.models import database_proxy
from journal.store.schema_v11 import phone_form, phone_search_text, phone_search_texts

Opener = Callable[..., Journal]


@pytest.mark.parametrize(
    ("written", "form"),
    [
        ("+1 (555) 492-3566", "5554923566"),
        ("555.492.3566", "5554923566"),
        ("5554923566", ""),  # the text is already its digits
        ("07700 900123", "7700900123"),  # no trunk zero
        ("+44 7700 900123", "7700900123"),
        ("0044 7700 900123", "7700900123"),
        ("+39 06 1234 5678", "612345678"),  # Italy keeps its 0 after the code
        ("+7 495 123-45-67", "4951234567"),
        ("+971 4 123 4567", "41234567"),  # a code of three digits
        ("+86 10 1234\u00a05678", "1012345678"),  # a no-break space
        ("555-492-3566 ext. 12", ""),  # more than a number: only as written
        ("+1 555 CALL NOW", ""),
        ("112", ""),  # too short to be a phone worth its digits
        ("٠٥٥٥٤٩٢٣٥٦٦", ""),  # Arabic-Indic digits are not what anyone types
    ],
)
def test_the_digits_of_a_phone(written: str, form: str) -> None:
    assert phone_form(written) == form


def test_only_phones_get_digits() -> None:
    assert phone_search_text("email", "5554923566@example.org") == "5554923566@example.org"
    assert phone_search_text("phone", "555-492-3566") == "555-492-3566 5554923566"
    assert phone_search_text("phone", "5554923566") == "5554923566"


def _found(typed: str) -> list[int]:
    return contact_ids(ContactFilter(search=typed))


def _with_phone(given: str, *phones: str) -> int:
    draft = ContactDraft(given_name=given, channels=[ChannelDraft("phone", p) for p in phones])
    return create_contact(draft).value


@pytest.mark.usefixtures("journal")
def test_a_number_is_found_however_it_is_typed() -> None:
    ann = _with_phone("Ann", "+1 (555) 492-3566")
    bo = _with_phone("Bo", "07700 900123")
    cy = _with_phone("Cy", "5559870000")

    for typed in ("5554923566", "+15554923566", "(555) 492 3566", "0015554923566",
                  "05554923566", "555-492-3566", "+1 555 492", "1-555-492-3566"):  # fmt: skip
        assert _found(typed) == [ann], typed
    # A number saved without its country code, typed with it, and the other way round.
    assert _found("+44 7700 900123") == [bo]
    assert _found("07700900123") == [bo]
    # Saved without spaces, typed with them; and begun, as a search as you type sees it.
    assert _found("555 987 0000") == [cy]
    assert _found("555 98") == [cy]
    assert _found("55598") == [cy]
    assert _found("555") == [ann, cy]  # the digits of both begin so
    assert _found("5554923567") == []


@pytest.mark.usefixtures("journal")
def test_an_edited_number_is_found_by_its_new_digits_only() -> None:
    ann = _with_phone("Ann", "+1 555 492 3566")
    draft = load_draft(ann)
    draft.channels = [ChannelDraft("phone", "+1 555 777 1234")]
    update_contact(ann, draft)

    assert _found("5557771234") == [ann]
    assert _found("5554923566") == []


def _view_texts() -> list[str]:
    return [
        row[0]
        for row in database_proxy.execute_sql(
            "SELECT text FROM channel_search_text ORDER BY position, id"
        ).fetchall()
    ]


PHONE_LIKE = st.text(st.sampled_from("0123456789 +-()./\u00a0\u2011x٣"), min_size=1, max_size=18)


@given(values=st.lists(PHONE_LIKE | st.sampled_from(["555\x1f4923566", "+1 555\x1f492 3566"])))
def test_a_column_of_phones_gets_each_ones_text(values: list[str]) -> None:
    # An import's column at once; a unit separator in a value (as the column joins them)
    # changes nothing.
    assert phone_search_texts(values) == [phone_search_text("phone", v) for v in values]
    assert phone_search_texts(["+1 555 492 3566", "+44 7700 900123"]) == [
        "+1 555 492 3566 5554923566",
        "+44 7700 900123 7700900123",
    ]


@settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(values=st.lists(PHONE_LIKE.map(str.strip).filter(bool), min_size=1, max_size=4))
def test_the_views_digits_are_the_python_twins(journal: Journal, values: list[str]) -> None:
    database_proxy.execute_sql("DELETE FROM contact")
    contact = _with_phone("Ann")
    for position, value in enumerate(values):
        database_proxy.execute_sql(
            "INSERT INTO contact_channel (contact_id, kind, label, value, position) "
            "VALUES (?, 'phone', '', ?, ?)",
            [contact, value, position],
        )
    assert _view_texts() == [phone_search_text("phone", value) for value in values]


def test_upgrading_a_version_10_journal(home: Path, opener: Opener) -> None:
    old = opener(home, version=10)
    ann = _with_phone("Ann", "+1 (555) 492-3566")
    _with_phone("Bo")
    assert _found("5554923566") == []  # as it was before the step
    old.close()

    journal = opener(home)
    assert schema_version(journal.db) == SCHEMA_VERSION >= 11
    assert _found("5554923566") == [ann]
    indexed = journal.db.execute_sql(
        "SELECT rowid, name, organisation, notes, needs, offers, channels, tags FROM contact_fts"
    ).fetchall()
    expected = journal.db.execute_sql("SELECT * FROM contact_search_doc").fetchall()
    assert sorted(indexed) == sorted(expected)
