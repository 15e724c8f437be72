"""Journal-wide settings kept in the journal itself (so the CLI and the app agree)."""

from __future__ import annotations

import json

from journal.core import validate
from journal.core.changes import Area, Changes, Result
from journal.store.models import Setting, database_proxy

DEFAULT_CURRENCY = "default_currency"


def read(key: str, default: object = None) -> object:
    """A stored setting's value, or `default` when it was never set (or is unreadable)."""
    row = Setting.get_or_none(Setting.key == key)
    if row is None:
        return default
    try:
        return json.loads(row.value_json)
    except ValueError:
        return default


def _write(key: str, value: object) -> None:
    Setting.insert(key=key, value_json=json.dumps(value)).on_conflict_replace().execute()


def default_currency() -> str:
    """The currency quick add uses for an amount typed without one ("" when none is set)."""
    value = read(DEFAULT_CURRENCY, "")
    return value if isinstance(value, str) else ""


def set_default_currency(code: str) -> Result[str]:
    """Choose the default currency (an ISO 4217 code such as EUR); "" removes it."""
    cleaned = validate.currency("default currency", code, required=False)
    with database_proxy.atomic():
        if cleaned:
            _write(DEFAULT_CURRENCY, cleaned)
        else:
            Setting.delete().where(Setting.key == DEFAULT_CURRENCY).execute()
    return Result(cleaned, Changes(frozenset({Area.SETTINGS})))
