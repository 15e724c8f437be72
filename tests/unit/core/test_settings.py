"""Journal-wide settings: the default currency quick add uses."""

from __future__ import annotations

import pytest

from journal.core import settings
from journal.core.changes import Area
from journal.core.errors import ValidationError
from journal.store.models import Setting


def test_no_default_currency_at_first(journal: object) -> None:
    assert settings.default_currency() == ""


def test_set_and_clear_the_default_currency(journal: object) -> None:
    result = settings.set_default_currency(" eur ")
    assert result.value == "EUR" and result.changes.touches(Area.SETTINGS)
    assert settings.default_currency() == "EUR"
    settings.set_default_currency("usd")
    assert settings.default_currency() == "USD"
    settings.set_default_currency("")
    assert settings.default_currency() == ""


def test_a_wrong_currency_is_refused(journal: object) -> None:
    with pytest.raises(ValidationError, match="default currency"):
        settings.set_default_currency("euro")
    assert settings.default_currency() == ""


def test_unreadable_or_foreign_values_fall_back(journal: object) -> None:
    Setting.create(key=settings.DEFAULT_CURRENCY, value_json="{not json")
    assert settings.default_currency() == ""
    Setting.update(value_json="42").execute()
    assert settings.default_currency() == ""
    assert settings.read("missing", "fallback") == "fallback"
