"""Schema step 5: ł, ø, ß and the other letters Unicode keeps whole are found in plain
Latin too: in search, in exact-name lookups and in the sort order; on upgrade as well."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from journal.core.contact_queries import ContactFilter, ContactSort, contact_ids
from journal.core.contacts import ContactDraft, create_contact, find_by_name
from journal.store import Journal
from journal.store.migrations import SCHEMA_VERSION, schema_version
from journal.store.models import Contact
from journal.store.rows import run_sql

Opener = Callable[..., Journal]
STAMP = "2026-01-01T00:00:00.000000Z"


def _add(given: str, family: str = "", organisation: str = "") -> int:
    draft = ContactDraft(given_name=given, family_name=family, organisation=organisation)
    return create_contact(draft).value


def _found(text: str) -> list[int]:
    return contact_ids(ContactFilter(search=text))


@pytest.mark.usefixtures("journal")
def test_plain_latin_finds_letters_of_their_own() -> None:
    lukasz = _add("Łukasz", "Żółć")
    soren = _add("Søren", "Kierkegaard")
    firm = _add("Ada", "Berg", organisation="Straße & Ærø GmbH")
    lukas = _add("Lukas", "Zola")  # a plain name stays as it was
    for typed, who in [
        ("lukasz zolc", lukasz),
        ("Łukasz", lukasz),
        ("żółć", lukasz),
        ("łuk", sorted([lukasz, lukas])),  # either spelling of the prefix
        ("LUKASZ ŻÓŁĆ", lukasz),
        ("soren", soren),
        ("Søren", soren),
        ("strasse", firm),
        ("aero", firm),
    ]:
        assert sorted(_found(typed)) == (who if isinstance(who, list) else [who]), typed
    assert find_by_name("lukasz zolc") == [lukasz]
    assert find_by_name("SOREN KIERKEGAARD") == [soren]


@pytest.mark.usefixtures("journal")
def test_letters_of_their_own_sort_with_their_plain_letter() -> None:
    for given in ["Mei", "Łukasz", "Lars", "Kenji", "Øystein", "Omar"]:
        _add(given)
    by_name = contact_ids(ContactFilter(), ContactSort.NAME)
    names = [Contact.get_by_id(cid).given_name for cid in by_name]
    assert names == ["Kenji", "Lars", "Łukasz", "Mei", "Omar", "Øystein"]


def test_upgrading_a_version_4_journal(home: Path, opener: Opener) -> None:
    old = opener(home, version=4)
    ids = {}
    for given, org in [("Łukasz", ""), ("Jane", "Ørsted"), ("Émile", "")]:
        ids[given] = int(
            Contact.insert(
                given_name=given, display_name=given, organisation=org,
                sort_name=given.casefold(), created_at=STAMP, updated_at=STAMP,
            ).execute()
        )  # fmt: skip
    assert _found("lukasz") == [] and _found("orsted") == []
    old.close()
    journal = opener(home)
    assert schema_version(journal.db) == SCHEMA_VERSION
    assert _found("lukasz") == [ids["Łukasz"]]
    assert _found("orsted") == [ids["Jane"]]
    assert _found("emile") == [ids["Émile"]]
    assert find_by_name("lukasz") == [ids["Łukasz"]]
    sort_names = dict(run_sql(journal.db, "SELECT given_name, sort_name FROM contact").fetchall())
    assert sort_names == {"Łukasz": "lukasz", "Jane": "jane", "Émile": "émile"}
    # Each contact has one search entry, as before the upgrade.
    assert run_sql(journal.db, "SELECT COUNT(*) FROM contact_fts").fetchone()[0] == 3
