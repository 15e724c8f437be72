"""Schema step 6, no change of tables: CJK names are shown family name first.

Chinese, Japanese and Korean names are written family name first and without a space
(王小明, 佐藤健, 김민준). Until this step every full name was shown "given family", so
小明 王; people typed the family name into Given to get the right order. The step shows
and sorts the contacts whose given and family names are both in these scripts as
family + given.

The script test is frozen with the step, as step 5's letters are: the names module uses
it, and a later change to it needs a step of its own, so that journals upgraded at
different times agree.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from journal.store.folding import match_key

# Han ideographs (with the iteration mark 々 and the extension planes), kana and Hangul.
EAST_ASIAN_NAME = re.compile(
    "[\u3005\u3040-\u30ff\u31f0-\u31ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
    "\uac00-\ud7af\u1100-\u11ff\u3130-\u318f\uff66-\uff9f\U00020000-\U0003134f]+"
)


def family_name_first(given: str, family: str) -> bool:
    """Whether a full name is shown family name first: both parts in CJK script."""
    return (
        not given.isascii()
        and not family.isascii()
        and EAST_ASIAN_NAME.fullmatch(given) is not None
        and EAST_ASIAN_NAME.fullmatch(family) is not None
    )


def shown_family_first(
    names: Iterable[tuple[int, str, str]],
) -> list[tuple[str, str, int]]:
    """(display name, sort name, id) for each (id, given, family) shown family name first.

    The step's update, and an archive's restore: an archive written before the step holds
    the old "given family" display names.
    """
    return [
        (family + given, match_key(family + given), contact_id)
        for contact_id, given, family in names
        if given and family and family_name_first(given, family)
    ]
