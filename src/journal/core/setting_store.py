"""Journal-wide settings as plain JSON values by key: the follow-up, stay-in-touch and digest
settings (the review's typed ones are in settings.py). Stored in the journal, so they travel
with it."""

from __future__ import annotations

import json
from typing import Any

from journal.core.changes import Area, Changes, Result
from journal.core.errors import ValidationError
from journal.store.models import Setting, database_proxy

SETTINGS_CHANGED = Changes(frozenset({Area.SETTINGS}))


def get_setting(key: str, default: Any = None) -> Any:
    """The stored value, or `default` when unset or unreadable."""
    row = Setting.get_or_none(Setting.key == key)
    if row is None:
        return default
    try:
        return json.loads(row.value_json)
    except ValueError:
        return default  # a hand-edited value we cannot read is as good as unset


def put_setting(key: str, value: Any) -> Result[str]:
    """Store one setting (None removes it)."""
    if not key.strip():
        raise ValidationError("setting", "needs a name")
    with database_proxy.atomic():
        if value is None:
            Setting.delete().where(Setting.key == key).execute()
        else:
            text = json.dumps(value, ensure_ascii=False, sort_keys=True)
            Setting.insert(key=key, value_json=text).on_conflict_replace().execute()
    return Result(key, SETTINGS_CHANGED)
