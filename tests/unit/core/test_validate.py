"""The shared checks: each returns the clean value or raises ValidationError naming the field."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from journal.core import validate
from journal.core.errors import JournalError, ValidationError


def _field_of(call: object) -> ValidationError:
    with pytest.raises(ValidationError) as raised:
        call()  # type: ignore[operator]
    return raised.value


def test_validation_error_carries_field_and_problem() -> None:
    error = ValidationError("email", "is missing")
    assert (error.field, error.problem) == ("email", "is missing")
    assert str(error) == "email: is missing"
    assert isinstance(error, JournalError)


# -- text ---------------------------------------------------------------------------------------


def test_text_trims_and_accepts_nothing() -> None:
    assert validate.text("notes", "  hello  ") == "hello"
    assert validate.text("notes", None) == ""
    assert validate.text("notes", "") == ""


def test_text_required() -> None:
    error = _field_of(lambda: validate.text("name", "   ", required=True))
    assert error.field == "name"
    assert "required" in error.problem


def test_text_limit_counts_characters_after_trimming() -> None:
    assert validate.text("title", " " + "x" * 300 + " ") == "x" * 300
    error = _field_of(lambda: validate.text("title", "x" * 301))
    assert error.field == "title"
    assert "301" in error.problem and "300" in error.problem
    assert validate.text("bio", "é" * 50, limit=50) == "é" * 50
    _field_of(lambda: validate.text("bio", "é" * 51, limit=50))


def test_text_refuses_nul() -> None:
    assert _field_of(lambda: validate.text("notes", "a\x00b")).field == "notes"


def test_text_keeps_every_script() -> None:
    value = "王小明 محمد 🌻 Ελένη"
    assert validate.text("name", value) == value


# -- choice -------------------------------------------------------------------------------------


def test_choice() -> None:
    assert validate.choice("kind", "call", ("call", "coffee")) == "call"
    error = _field_of(lambda: validate.choice("kind", "Call", ("call", "coffee")))
    assert error.field == "kind"
    assert "call, coffee" in error.problem
    assert validate.choice("mode", "", ("", "online")) == ""
    assert "(none)" in _field_of(lambda: validate.choice("x", "y", ("",))).problem


# -- whole numbers ------------------------------------------------------------------------------


@pytest.mark.parametrize("value", [1, 3, 5, None])
def test_int_range_accepts(value: int | None) -> None:
    assert validate.int_range("know", value, 1, 5) == value


@pytest.mark.parametrize("value", [0, 6, -1, True, False, 2.5, "3", Decimal(3)])
def test_int_range_refuses(value: object) -> None:
    error = _field_of(lambda: validate.int_range("know", value, 1, 5))  # type: ignore[arg-type]
    assert error.field == "know"


def test_int_range_without_upper_bound() -> None:
    assert validate.int_range("days", 10**6, 1) == 10**6
    assert "at least 1" in _field_of(lambda: validate.int_range("days", 0, 1)).problem


# -- money --------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "amount"),
    [
        ("12.50", Decimal("12.50")),
        ("1,250.00", Decimal("1250.00")),
        (7, Decimal("7")),
        (Decimal("0.1") + Decimal("0.2"), Decimal("0.3")),
        ("0", Decimal("0")),
        ("999999999999999.99", Decimal("999999999999999.99")),
        (None, None),
        ("", None),
    ],
)
def test_money_accepts(value: object, amount: Decimal | None) -> None:
    assert validate.money("amount", value) == amount  # type: ignore[arg-type]


@pytest.mark.parametrize(
    "value",
    ["-0.01", "-5", "abc", "NaN", "Infinity", "-inf", "1e15", "12,5,x", "1e3", "0x10", "1,2,3",
     "1.2.3", "1,20,0", "1.2,345.6", "--5", "5-"],
)  # fmt: skip
def test_money_refuses(value: str) -> None:
    assert _field_of(lambda: validate.money("amount", value)).field == "amount"


@pytest.mark.parametrize(
    ("typed", "amount"),
    [
        ("120,50", Decimal("120.50")),  # a decimal comma
        ("120,5", Decimal("120.5")),
        ("1.200,50", Decimal("1200.50")),
        ("1,200.50", Decimal("1200.50")),
        ("1,200", Decimal("1200")),  # three digits after a comma group thousands
        ("1,200,000", Decimal("1200000")),
        ("1 200", Decimal("1200")),
        ("1\u00a0200,75", Decimal("1200.75")),
        ("1'200.50", Decimal("1200.50")),
        (" 42 ", Decimal("42")),
        ("1\u202f200", Decimal("1200")),  # a narrow no-break space, as French writes it
        ("1,00,000", Decimal("100000")),  # lakhs, as India writes them
        ("0,125", Decimal("0.125")),  # "0," never groups thousands
        (",5", Decimal("0.5")),
        ("1,2345", Decimal("1.2345")),  # thousands come in threes
        ("1.200", Decimal("1.2")),  # the command line's way: a dot is a decimal point
    ],
)
def test_money_reads_the_ways_people_type_amounts(typed: str, amount: Decimal) -> None:
    assert validate.money("amount", typed) == amount


@pytest.mark.parametrize(
    ("typed", "point", "amount"),
    [
        ("1.200", ",", "1200"),
        ("1,200", ",", "1.200"),
        ("12,505", ",", "12.505"),
        ("1.200", ".", "1.200"),
        ("1,200", ".", "1200"),
        ("1.200,50", ".", "1200.50"),  # both marks: the last one is the point, whatever the locale
        ("12,5", ".", "12.5"),
    ],
)
def test_money_reads_one_separator_before_three_digits_the_locales_way(
    typed: str, point: str, amount: str
) -> None:
    assert str(validate.money("amount", typed, decimal_point=point)) == amount


def test_money_names_both_readings_when_the_locale_cannot_tell() -> None:
    refused = _field_of(lambda: validate.money("dues", "12,505", decimal_point="\u066b"))
    assert refused.problem == (
        "'12,505' could be 12505 or 12.505; write it without the separator, or with another "
        "number of decimals"
    )


def test_minus_zero_is_zero() -> None:
    assert str(validate.money("amount", "-0")) == "0"
    assert str(validate.money("amount", "-0,00")) == "0.00"


def test_money_is_exact_to_the_last_digit() -> None:
    assert str(validate.money("amount", "0.30")) == "0.30"
    assert validate.money("amount", "123456789012.123456789") == Decimal("123456789012.123456789")


# -- currency -----------------------------------------------------------------------------------


@pytest.mark.parametrize(("value", "code"), [("EUR", "EUR"), ("usd", "USD"), (" gbp ", "GBP")])
def test_currency_accepts(value: str, code: str) -> None:
    assert validate.currency("currency", value, required=True) == code


@pytest.mark.parametrize("value", ["EURO", "EU", "E1R", "$", "€", "US D"])
def test_currency_must_be_three_letters(value: str) -> None:
    error = _field_of(lambda: validate.currency("currency", value, required=False))
    assert error.field == "currency"


def test_currency_required_only_with_an_amount() -> None:
    assert validate.currency("currency", "", required=False) == ""
    assert validate.currency("currency", None, required=False) == ""
    assert _field_of(lambda: validate.currency("currency", " ", required=True)).field == "currency"


# -- dates, e-mail, instants --------------------------------------------------------------------


def test_not_future() -> None:
    today = dt.date(2026, 11, 24)
    assert validate.not_future("met", today, today) == today
    assert validate.not_future("met", dt.date(2000, 1, 1), today) == dt.date(2000, 1, 1)
    assert validate.not_future("met", None, today) is None
    error = _field_of(lambda: validate.not_future("met", dt.date(2026, 11, 25), today))
    assert error.field == "met"
    assert "2026-11-25" in error.problem


@pytest.mark.parametrize("value", ["jane@example.com", "j.d+tag@sub.example.co.uk", "ü@例え.jp"])
def test_email_accepts(value: str) -> None:
    assert validate.email("email", value) == value


@pytest.mark.parametrize("value", ["jane", "jane@", "@example.com", "ja ne@example.com", "a@b@c"])
def test_email_refuses(value: str) -> None:
    assert _field_of(lambda: validate.email("email", value)).field == "email"


def test_aware() -> None:
    instant = dt.datetime(2026, 11, 24, 10, tzinfo=dt.timezone.utc)
    assert validate.aware("when", instant) is instant
    assert _field_of(lambda: validate.aware("when", dt.datetime(2026, 11, 24))).field == "when"
