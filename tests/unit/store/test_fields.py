"""The value fields: UTC instants, plain dates and exact money, through a real SQLite table."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from decimal import Decimal
from zoneinfo import ZoneInfo

import peewee
import pytest
from hypothesis import given
from hypothesis import strategies as st

from journal.store.fields import (
    MoneyField,
    PlainDateField,
    UTCDateTimeField,
    format_utc,
    parse_utc,
)

UTC = dt.timezone.utc
BERLIN = ZoneInfo("Europe/Berlin")
NEW_YORK = ZoneInfo("America/New_York")

_db = peewee.SqliteDatabase(":memory:")


class Sample(peewee.Model):
    """A table with one column of each field type."""

    at = UTCDateTimeField(null=True)
    day = PlainDateField(null=True)
    money = MoneyField(null=True)

    class Meta:
        database = _db


@pytest.fixture
def table() -> Iterator[type[Sample]]:
    with _db.bind_ctx([Sample]):
        _db.connect(reuse_if_open=True)
        _db.create_tables([Sample])
        try:
            yield Sample
        finally:
            _db.drop_tables([Sample])
            _db.close()


def _stored(row_id: int, column: str) -> object:
    return _db.execute_sql(f"SELECT {column} FROM sample WHERE id = ?", (row_id,)).fetchone()[0]


def _round_trip(table: type[Sample], **values: object) -> Sample:
    row_id = table.insert(**values).execute()
    return table.get_by_id(row_id)


# -- UTC instants -------------------------------------------------------------------------------


def test_utc_instant_round_trip(table: type[Sample]) -> None:
    instant = dt.datetime(2026, 11, 24, 9, 30, 15, 123456, tzinfo=UTC)
    row = _round_trip(table, at=instant)
    assert row.at == instant
    assert row.at.utcoffset() == dt.timedelta(0)
    assert _stored(row.id, "at") == "2026-11-24T09:30:15.123456Z"


def test_naive_datetime_is_refused(table: type[Sample]) -> None:
    with pytest.raises(ValueError, match="naive"):
        table.insert(at=dt.datetime(2026, 11, 24, 9, 30)).execute()
    assert table.select().count() == 0


@pytest.mark.parametrize("zone", [BERLIN, NEW_YORK, dt.timezone(dt.timedelta(hours=5, minutes=45))])
def test_other_zones_are_stored_as_utc(table: type[Sample], zone: dt.tzinfo) -> None:
    local = dt.datetime(2026, 7, 1, 12, 0, tzinfo=zone)
    row = _round_trip(table, at=local)
    assert row.at == local  # the same instant...
    assert row.at.tzinfo is not None and row.at.utcoffset() == dt.timedelta(0)  # ...told in UTC
    stored = str(_stored(row.id, "at"))
    assert stored.endswith("Z")
    assert parse_utc(stored) == local


def test_berlin_summer_and_winter_offsets(table: type[Sample]) -> None:
    summer = _round_trip(table, at=dt.datetime(2026, 7, 1, 12, 0, tzinfo=BERLIN))
    winter = _round_trip(table, at=dt.datetime(2026, 12, 1, 12, 0, tzinfo=BERLIN))
    assert _stored(summer.id, "at") == "2026-07-01T10:00:00.000000Z"
    assert _stored(winter.id, "at") == "2026-12-01T11:00:00.000000Z"


def test_null_instant(table: type[Sample]) -> None:
    row = _round_trip(table, at=None)
    assert row.at is None
    assert _stored(row.id, "at") is None


def test_text_is_passed_through_as_stored(table: type[Sample]) -> None:
    row = _round_trip(table, at="2026-11-24T09:30:00.000000Z")
    assert row.at == dt.datetime(2026, 11, 24, 9, 30, tzinfo=UTC)


def test_parse_utc_with_and_without_microseconds() -> None:
    assert parse_utc("2026-11-24T09:30:00Z") == dt.datetime(2026, 11, 24, 9, 30, tzinfo=UTC)
    assert parse_utc("2026-11-24T09:30:00.000001Z") == dt.datetime(
        2026, 11, 24, 9, 30, 0, 1, tzinfo=UTC
    )


def test_format_utc_matches_what_the_field_stores() -> None:
    instant = dt.datetime(2026, 3, 29, 3, 0, tzinfo=BERLIN)
    assert format_utc(instant) == UTCDateTimeField().db_value(instant)
    assert format_utc(instant) == "2026-03-29T01:00:00.000000Z"


aware_datetimes = st.datetimes(
    min_value=dt.datetime(1, 1, 2), max_value=dt.datetime(9999, 12, 30), timezones=st.just(UTC)
)


@given(aware_datetimes)
def test_any_utc_instant_survives_the_text_form(instant: dt.datetime) -> None:
    field = UTCDateTimeField()
    assert field.python_value(field.db_value(instant)) == instant


@given(aware_datetimes, aware_datetimes)
def test_stored_text_sorts_in_time_order(a: dt.datetime, b: dt.datetime) -> None:
    # Timeline paging and "last contact" compare the stored text, not datetimes.
    assert (format_utc(a) < format_utc(b)) == (a < b)


# -- plain dates --------------------------------------------------------------------------------


def test_plain_date_round_trip(table: type[Sample]) -> None:
    row = _round_trip(table, day=dt.date(1984, 2, 29))
    assert row.day == dt.date(1984, 2, 29)
    assert _stored(row.id, "day") == "1984-02-29"


def test_plain_date_null_and_text(table: type[Sample]) -> None:
    assert _round_trip(table, day=None).day is None
    assert _round_trip(table, day="2026-11-24").day == dt.date(2026, 11, 24)
    assert PlainDateField().python_value("") is None


@given(st.dates())
def test_any_date_round_trips(day: dt.date) -> None:
    field = PlainDateField()
    assert field.python_value(field.db_value(day)) == day


# -- money --------------------------------------------------------------------------------------


def test_money_stays_exact(table: type[Sample]) -> None:
    total = Decimal("0.1") + Decimal("0.2")
    row = _round_trip(table, money=total)
    assert row.money == Decimal("0.3")
    assert row.money - Decimal("0.3") == 0
    assert _stored(row.id, "money") == "0.3"
    assert _db.execute_sql("SELECT typeof(money) FROM sample").fetchone()[0] == "text"


@pytest.mark.parametrize(
    "amount",
    [
        "123456789012345678901234567890.123456789",
        "999999999999999.99",
        "0.000000000000000001",
        "10.50",
        "0",
        "1E+3",
    ],
)
def test_money_round_trip_is_digit_for_digit(table: type[Sample], amount: str) -> None:
    row = _round_trip(table, money=Decimal(amount))
    assert row.money == Decimal(amount)
    assert str(row.money) == str(Decimal(amount))  # even trailing zeros and exponents


def test_money_from_int_and_text(table: type[Sample]) -> None:
    assert _round_trip(table, money=620).money == Decimal("620")
    assert _round_trip(table, money="15.00").money == Decimal("15.00")


def test_money_null_and_unreadable(table: type[Sample]) -> None:
    assert _round_trip(table, money=None).money is None
    field = MoneyField()
    assert field.python_value("") is None
    assert field.python_value("not money") is None


@given(st.decimals(allow_nan=False, allow_infinity=False))
def test_any_finite_decimal_round_trips_exactly(amount: Decimal) -> None:
    field = MoneyField()
    back = field.python_value(field.db_value(amount))
    assert back == amount
    assert back is not None and back.as_tuple() == amount.as_tuple()
