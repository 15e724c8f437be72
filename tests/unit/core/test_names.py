"""How contacts are named and sorted, in every script."""

from __future__ import annotations

import string
import unicodedata

import pytest
from hypothesis import given
from hypothesis import strategies as st

from journal.core.names import display_name, sort_key


@pytest.mark.parametrize(
    ("parts", "shown"),
    [
        (("Jane", "Doe", "JD", "Northwind"), "Jane Doe"),
        (("Jane", "", "JD", "Northwind"), "Jane"),
        (("", "Doe", "JD", "Northwind"), "Doe"),
        (("", "", "JD", "Northwind"), "JD"),
        (("", "", "", "Northwind"), "Northwind"),
        (("", "", "", ""), ""),
        (("小明", "王", "", ""), "王小明"),  # CJK: family name first, no space
        (("健", "佐藤", "", ""), "佐藤健"),
        (("민준", "김", "", ""), "김민준"),
        (("小明", "Wang", "", ""), "小明 Wang"),  # mixed scripts: as typed
        (("Xiaoming", "Wang", "", ""), "Xiaoming Wang"),
        (("محمد", "العلي", "", ""), "محمد العلي"),
        (("Jane 🌻", "Doe", "", ""), "Jane 🌻 Doe"),
    ],
)
def test_display_name(parts: tuple[str, str, str, str], shown: str) -> None:
    assert display_name(*parts) == shown


@pytest.mark.parametrize(
    ("name", "key"),
    [
        ("Jane Doe", "jane doe"),
        ("  Jane Doe  ", "jane doe"),
        ("Émile", "emile"),
        ("Ötzi", "otzi"),
        ("Zoë Ångström", "zoe angstrom"),
        ("Straße", "strasse"),
        ("Ｊａｎｅ", "jane"),  # full-width letters
        ("Ǆemal", "dzemal"),  # a ligature letter
        ("Дмитрий", "дмитрии"),  # the breve goes too: й sorts with и, as in Russian
        ("Ελένη", "ελενη"),
        ("王小明", "王小明"),
        ("محمد", "محمد"),
    ],
)
def test_sort_key(name: str, key: str) -> None:
    assert sort_key(name) == key


def test_sort_key_orders_accented_names_with_their_letters() -> None:
    names = ["Zoë", "émile", "Adam", "Ébène", "eve", "Örjan", "oscar"]
    assert sorted(names, key=sort_key) == ["Adam", "Ébène", "émile", "eve", "Örjan", "oscar", "Zoë"]


def test_sort_key_keeps_cjk_and_arabic_in_code_point_order() -> None:
    assert sorted(["李娜", "王小明", "佐藤健"], key=sort_key) == sorted(
        ["李娜", "王小明", "佐藤健"]
    )
    assert sorted(["محمد", "فاطمة", "أحمد"], key=sort_key) == ["أحمد", "فاطمة", "محمد"]


@given(st.text())
def test_sort_key_has_no_accents_left(name: str) -> None:
    key = sort_key(name)
    assert not any(unicodedata.combining(ch) for ch in key)
    assert key == unicodedata.normalize("NFKD", key)


@given(st.text(alphabet=string.ascii_letters + " "))
def test_sort_key_of_plain_ascii_is_its_lower_case(name: str) -> None:
    assert sort_key(name) == name.strip().lower()
    assert sort_key(name.upper()) == sort_key(name.lower())
