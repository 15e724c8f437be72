"""Amounts as text: every digit stored is shown, in the app and on the command line alike."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from journal.commands.common import format_money
from journal.core.amounts import money_text


@pytest.mark.parametrize(
    ("stored", "shown"),
    [
        ("1200.555", "1,200.555 JPY"),  # was shown as 1,200.56
        ("12.5", "12.50 JPY"),
        ("12", "12 JPY"),
        ("1E+3", "1,000 JPY"),
        ("0.10", "0.10 JPY"),
        ("1000000.00", "1,000,000 JPY"),
    ],
)
def test_amounts_show_every_digit_stored(stored: str, shown: str) -> None:
    assert money_text(Decimal(stored), "JPY") == shown


@given(st.decimals(min_value=0, max_value=Decimal("1e14"), places=None, allow_nan=False))
def test_the_text_reads_back_as_the_same_amount(amount: Decimal) -> None:
    text = money_text(amount, "EUR")
    assert Decimal(text.removesuffix(" EUR").replace(",", "")) == amount
    assert format_money(amount, "EUR") == text  # the command line says the same


def test_no_amount_is_no_text() -> None:
    assert money_text(None, "EUR") == ""


def test_an_estimate_is_marked_and_a_real_amount_is_not() -> None:
    from journal.core.amounts import entry_amount_text

    assert entry_amount_text(Decimal("1200"), None, "USD") == "1,200 USD"
    assert entry_amount_text(None, Decimal("1200"), "USD") == "≈ 1,200 USD"
    assert entry_amount_text(Decimal("900"), Decimal("1200"), "USD") == "900 USD"  # confirmed
    assert entry_amount_text(None, None, "USD") == ""
