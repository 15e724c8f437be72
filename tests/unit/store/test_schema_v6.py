"""Schema step 6: names in CJK script are shown and sorted family name first (王小明),
for new contacts and, on upgrade, for the ones already there."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from journal.core.contact_queries import ContactFilter, contact_ids
from journal.core.contacts import ContactDraft, create_contact, find_by_name
from journal.store import Journal
from journal.store.folding import match_key
from journal.store.migrations import SCHEMA_VERSION, schema_version
from journal.store.models import Contact

Opener = Callable[..., Journal]
STAMP = "2026-01-01T00:00:00.000000Z"


@pytest.mark.usefixtures("journal")
def test_a_cjk_name_is_shown_family_name_first_and_found_every_way() -> None:
    wang = create_contact(ContactDraft(given_name="小明", family_name="王")).value
    assert Contact.get_by_id(wang).display_name == "王小明"
    assert find_by_name("王小明") == [wang]
    for typed in ("王小明", "王", "小明"):
        assert contact_ids(ContactFilter(search=typed)) == [wang], typed


def test_upgrading_a_version_5_journal(home: Path, opener: Opener) -> None:
    old = opener(home, version=5)
    ids = {}
    for given, family in [("小明", "王"), ("민준", "김"), ("Jane", "Doe"), ("小明", "Wang")]:
        shown = f"{given} {family}"  # as step 5 showed every full name
        ids[shown] = int(
            Contact.insert(
                given_name=given, family_name=family, display_name=shown,
                sort_name=shown.casefold(), created_at=STAMP, updated_at=STAMP,
            ).execute()
        )  # fmt: skip
    old.close()
    journal = opener(home)
    assert schema_version(journal.db) == SCHEMA_VERSION
    shown = {c.id: (c.display_name, c.sort_name) for c in Contact.select()}
    assert shown == {
        ids["小明 王"]: ("王小明", "王小明"),
        ids["민준 김"]: ("김민준", match_key("김민준")),  # NFKD: the letters of each block
        ids["Jane Doe"]: ("Jane Doe", "jane doe"),
        ids["小明 Wang"]: ("小明 Wang", "小明 wang"),
    }
    assert contact_ids(ContactFilter(search="王小明")) == [ids["小明 王"]]
    assert find_by_name("김민준") == [ids["민준 김"]]
