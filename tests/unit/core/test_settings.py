"""Review settings: defaults, typed storage, refusals naming the field."""

from __future__ import annotations

import json
from decimal import Decimal

import pytest

from journal.core.changes import Area
from journal.core.errors import ValidationError
from journal.core.settings import (
    DEFAULT_CURRENCY,
    DEFAULTS,
    HourValue,
    SettingsDraft,
    default_currency,
    draft_of,
    load_settings,
    save_settings,
    set_default_currency,
)
from journal.store import Journal
from journal.store.models import Setting


def test_defaults_on_a_new_journal(journal: Journal) -> None:
    settings = load_settings()
    assert settings == DEFAULTS
    assert (settings.hour_value, settings.cadence, settings.cadence_months) == (
        None,
        "quarterly",
        3,
    )


def test_save_and_load(journal: Journal) -> None:
    result = save_settings(
        SettingsDraft(
            hour_amount="80,50",
            hour_currency="eur",
            cadence="yearly",
            relationship_months=9,
            lookback_months=6,
        )
    )
    assert result.changes.touches(Area.SETTINGS)
    settings = load_settings()
    assert settings.hour_value == HourValue(Decimal("80.50"), "EUR")
    assert (settings.cadence, settings.relationship_months, settings.lookback_months) == (
        "yearly",
        9,
        6,
    )
    assert draft_of(settings).hour_amount == Decimal("80.50")
    save_settings(SettingsDraft())  # clears the value of an hour again
    assert load_settings().hour_value is None


@pytest.mark.parametrize(
    ("draft", "field"),
    [
        (SettingsDraft(hour_amount="-5", hour_currency="EUR"), "value of an hour"),
        (SettingsDraft(hour_amount="80"), "currency of an hour"),
        (SettingsDraft(hour_amount="80", hour_currency="euro"), "currency of an hour"),
        (SettingsDraft(cadence="weekly"), "review cadence"),
        (SettingsDraft(relationship_months=0), "relationship window (months)"),
        (SettingsDraft(lookback_months=121), "review period (months)"),
    ],
)
def test_bad_settings_are_refused_and_nothing_is_stored(
    journal: Journal, draft: SettingsDraft, field: str
) -> None:
    with pytest.raises(ValidationError) as refused:
        save_settings(draft)
    assert refused.value.field == field
    assert Setting.select().count() == 0


def test_damaged_values_fall_back_to_defaults(journal: Journal) -> None:
    for key, value in (
        ("review.hour_value", '{"amount": "lots", "currency": "EUR"}'),
        ("review.cadence", json.dumps("hourly")),
        ("review.relationship_months", json.dumps(True)),
        ("review.lookback_months", "{broken"),
    ):
        Setting.create(key=key, value_json=value)
    assert load_settings() == DEFAULTS


# -- quick add's default currency -----------------------------------------------------------------


def test_no_default_currency_at_first(journal: Journal) -> None:
    assert default_currency() == ""


def test_set_and_clear_the_default_currency(journal: Journal) -> None:
    result = set_default_currency(" eur ")
    assert result.value == "EUR" and result.changes.touches(Area.SETTINGS)
    assert default_currency() == "EUR"
    set_default_currency("usd")
    assert default_currency() == "USD"
    set_default_currency("")
    assert default_currency() == ""
    assert load_settings() == DEFAULTS  # the review's settings are left alone


def test_a_wrong_default_currency_is_refused(journal: Journal) -> None:
    with pytest.raises(ValidationError, match="default currency"):
        set_default_currency("euro")
    assert default_currency() == ""


def test_an_unreadable_default_currency_falls_back(journal: Journal) -> None:
    Setting.create(key=DEFAULT_CURRENCY, value_json="{not json")
    assert default_currency() == ""
    Setting.update(value_json="42").where(Setting.key == DEFAULT_CURRENCY).execute()
    assert default_currency() == ""
