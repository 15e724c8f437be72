"""Journal-wide settings (the balance and the review, quick add), typed, in the `setting` table.

Window layout and the theme live in QSettings beside the journal instead: they belong to one
screen, while these belong to the journal and travel with it.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from decimal import Decimal

from journal.core import validate
from journal.core.changes import Area, Changes, Result
from journal.core.errors import ValidationError
from journal.store.models import Setting, database_proxy

# Months between two reviews, by the stored code.
REVIEW_CADENCES: dict[str, int] = {
    "monthly": 1,
    "quarterly": 3,
    "twice_yearly": 6,
    "yearly": 12,
}

_HOUR_VALUE = "review.hour_value"
_CADENCE = "review.cadence"
_RELATIONSHIP_MONTHS = "review.relationship_months"
_LOOKBACK_MONTHS = "review.lookback_months"


@dataclass(frozen=True)
class HourValue:
    """What one hour of the user's time is worth, in one currency."""

    amount: Decimal
    currency: str


@dataclass(frozen=True)
class ReviewSettings:
    """How the balance weighs time and how often the review comes round."""

    hour_value: HourValue | None = None
    cadence: str = "quarterly"
    # A member is a real relationship when in touch outside meetings within this many months.
    relationship_months: int = 6
    # The review judges each membership on this many months up to its date.
    lookback_months: int = 12

    @property
    def cadence_months(self) -> int:
        """Months between two reviews."""
        return REVIEW_CADENCES[self.cadence]


DEFAULTS = ReviewSettings()


def _read(key: str) -> object:
    row = Setting.get_or_none(Setting.key == key)
    if row is None:
        return None
    try:
        value: object = json.loads(row.value_json)
    except ValueError:
        return None  # a damaged value falls back to the default rather than break the app
    return value


def _whole(value: object, default: int, low: int, high: int) -> int:
    if isinstance(value, int) and not isinstance(value, bool) and low <= value <= high:
        return value
    return default


def _stored_hour() -> HourValue | None:
    """The stored value of an hour; None when there is none or it cannot be read."""
    raw = _read(_HOUR_VALUE)
    if not isinstance(raw, dict):
        return None
    try:
        amount = validate.money("value of an hour", str(raw.get("amount", "")))
        stored = str(raw.get("currency", ""))
        currency = validate.currency("currency", stored, required=True, kept=stored)
    except ValidationError:
        return None
    return HourValue(amount, currency) if amount is not None else None


def load_settings() -> ReviewSettings:
    """The stored settings; anything missing or unreadable takes its default."""
    cadence = _read(_CADENCE)
    return ReviewSettings(
        hour_value=_stored_hour(),
        cadence=cadence if isinstance(cadence, str) and cadence in REVIEW_CADENCES else "quarterly",
        relationship_months=_whole(
            _read(_RELATIONSHIP_MONTHS), DEFAULTS.relationship_months, 1, 120
        ),
        lookback_months=_whole(_read(_LOOKBACK_MONTHS), DEFAULTS.lookback_months, 1, 120),
    )


@dataclass
class SettingsDraft:
    """The settings as a form or the command line gives them (amount as typed)."""

    hour_amount: Decimal | str | None = None
    hour_currency: str = ""
    cadence: str = "quarterly"
    relationship_months: int = 6
    lookback_months: int = 12


def draft_of(settings: ReviewSettings) -> SettingsDraft:
    """The stored settings as a draft, ready for a form or for changing one value."""
    hour = settings.hour_value
    return SettingsDraft(
        hour_amount=hour.amount if hour else None,
        hour_currency=hour.currency if hour else "",
        cadence=settings.cadence,
        relationship_months=settings.relationship_months,
        lookback_months=settings.lookback_months,
    )


def _clean(draft: SettingsDraft) -> ReviewSettings:
    v = validate
    amount = v.money("value of an hour", draft.hour_amount)
    stored = _stored_hour()  # its currency passes as it is (validate.currency's `kept`)
    currency = v.currency(
        "currency of an hour",
        draft.hour_currency,
        required=amount is not None,
        kept=stored.currency if stored else "",
    )
    cadence = v.choice("review cadence", draft.cadence, REVIEW_CADENCES)
    months = v.int_range("relationship window (months)", draft.relationship_months, 1, 120)
    lookback = v.int_range("review period (months)", draft.lookback_months, 1, 120)
    return ReviewSettings(
        hour_value=HourValue(amount, currency) if amount is not None else None,
        cadence=cadence,
        relationship_months=months if months is not None else DEFAULTS.relationship_months,
        lookback_months=lookback if lookback is not None else DEFAULTS.lookback_months,
    )


def save_settings(draft: SettingsDraft) -> Result[ReviewSettings]:
    """Store every review setting at once (one transaction); returns them as stored."""
    cleaned = _clean(draft)
    hour = cleaned.hour_value
    values: dict[str, object] = {
        _HOUR_VALUE: {"amount": str(hour.amount), "currency": hour.currency} if hour else None,
        _CADENCE: cleaned.cadence,
        _RELATIONSHIP_MONTHS: cleaned.relationship_months,
        _LOOKBACK_MONTHS: cleaned.lookback_months,
    }
    with database_proxy.atomic():
        for key, value in values.items():
            Setting.insert(key=key, value_json=json.dumps(value)).on_conflict_replace().execute()
    return Result(cleaned, Changes(frozenset({Area.SETTINGS})))


# ---------------------------------------------------------------- quick add

DEFAULT_CURRENCY = "quick_add.default_currency"


def default_currency() -> str:
    """The currency quick add uses for an amount typed without one ("" when none is set)."""
    value = _read(DEFAULT_CURRENCY)
    return value if isinstance(value, str) else ""


def set_default_currency(code: str) -> Result[str]:
    """Choose the default currency (an ISO 4217 code such as EUR); "" removes it."""
    cleaned = validate.currency("default currency", code, required=False, kept=default_currency())
    with database_proxy.atomic():
        if cleaned:
            Setting.insert(
                key=DEFAULT_CURRENCY, value_json=json.dumps(cleaned)
            ).on_conflict_replace().execute()
        else:
            Setting.delete().where(Setting.key == DEFAULT_CURRENCY).execute()
    return Result(cleaned, Changes(frozenset({Area.SETTINGS})))
