"""Schema step 7: Arabic and Persian names are found however they are typed, for new
contacts and, on upgrade, for the ones already there."""

from __future__ import annotations

import unicodedata
from collections.abc import Callable
from pathlib import Path

import pytest

from journal.core.contact_queries import ContactFilter, contact_ids
from journal.core.contacts import ContactDraft, create_contact, find_by_name
from journal.store import Journal
from journal.store.folding import match_key
from journal.store.migrations import SCHEMA_VERSION, schema_version
from journal.store.models import Contact
from journal.store.schema_v5 import LETTER_FOLDS as LATIN_FOLDS

Opener = Callable[..., Journal]
STAMP = "2026-01-01T00:00:00.000000Z"

# Each name as written, and as people also type it.
SPELLINGS = {
    ("أحمد", "الحسيني"): ["احمد", "أحمد", "احمد الحسيني", "إحمد"],
    ("فاطمة", "الزهراء"): ["فاطمه", "فاطمة", "الزهراء"],
    ("مُحَمَّد", "علي"): ["محمد", "مُحَمَّد علي", "علی"],  # short vowels; Persian yeh
    ("مصطفى", "کریمی"): ["مصطفي", "مصطفى", "كريمي"],  # alef maksura; Persian kaf and yeh
}


def match_key_v6(text: str) -> str:
    """The sort name as schema steps 5 and 6 keyed a name (their letter folds only)."""
    decomposed = unicodedata.normalize("NFKD", text.translate(str.maketrans(dict(LATIN_FOLDS))))
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch)).casefold()


def _found(typed: str) -> list[int]:
    return contact_ids(ContactFilter(search=typed))


@pytest.mark.usefixtures("journal")
def test_an_arabic_name_is_found_with_or_without_hamza_vowels_and_variant_letters() -> None:
    ids = {
        names: create_contact(ContactDraft(given_name=names[0], family_name=names[1])).value
        for names in SPELLINGS
    }
    for names, typed_ways in SPELLINGS.items():
        for typed in typed_ways:
            assert _found(typed) == [ids[names]], typed
    assert find_by_name("احمد الحسيني") == [ids[("أحمد", "الحسيني")]]
    assert find_by_name("فاطمه الزهراء") == [ids[("فاطمة", "الزهراء")]]
    # An organisation too, and a name of another script is not caught up in it.
    kite = create_contact(ContactDraft(organisation="شركة الطائرة الورقية")).value
    jane = create_contact(ContactDraft(given_name="Jane", family_name="Doe")).value
    assert _found("شركه") == [kite]
    assert _found("jane") == [jane]


def test_upgrading_a_version_6_journal(home: Path, opener: Opener) -> None:
    old = opener(home, version=6)
    ids = {}
    for given, family in [("فاطمة", "الحسيني"), ("Łukasz", "Żółć"), ("Jane", "Doe")]:
        shown = f"{given} {family}"
        old_key = match_key_v6(shown)  # as step 6 keyed it: ة kept
        ids[given] = int(
            Contact.insert(
                given_name=given, family_name=family, display_name=shown,
                sort_name=old_key, created_at=STAMP, updated_at=STAMP,
            ).execute()
        )  # fmt: skip
    kite = int(
        Contact.insert(
            organisation="شركة الطائرة", display_name="شركة الطائرة", sort_name="شركة الطائرة",
            created_at=STAMP, updated_at=STAMP,
        ).execute()
    )  # fmt: skip
    assert contact_ids(ContactFilter(search="فاطمه")) == []  # as it was before the step
    old.close()
    journal = opener(home)
    assert schema_version(journal.db) == SCHEMA_VERSION >= 7
    sort_names = {c.id: c.sort_name for c in Contact.select()}
    assert sort_names[ids["فاطمة"]] == match_key("فاطمة الحسيني") == "فاطمه الحسيني"
    assert sort_names[ids["Jane"]] == "jane doe"
    assert _found("فاطمه") == [ids["فاطمة"]]
    assert _found("شركه") == [kite]
    assert _found("lukasz") == [ids["Łukasz"]]  # step 5's folds still in the entry
    assert find_by_name("فاطمه الحسيني") == [ids["فاطمة"]]


@pytest.mark.usefixtures("journal")
def test_presentation_forms_and_marks_typed_apart_fold_as_the_letters_do() -> None:
    # ﻰ (pasted from a PDF) is ى once decomposed; a key folds it all the same, and is its
    # own key. A hamza typed as a mark of its own (ا + U+0654) reads as أ.
    assert match_key("مصطفﻰ") == match_key(match_key("مصطفﻰ")) == match_key("مصطفي")
    typed_apart = create_contact(ContactDraft(given_name="ا\u0654حمد", family_name="X")).value
    assert _found("احمد") == [typed_apart]
    assert find_by_name("مصطفي X") == []
    pasted = create_contact(ContactDraft(given_name="مصطفﻰ", family_name="X")).value
    assert find_by_name("مصطفى X") == [pasted]
