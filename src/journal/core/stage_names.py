"""Telling a new relationship stage from a slip of the keyboard.

The list of stages is the user's to extend: a stage nobody is at yet is created by typing
it. A typo ("clinet") created one too, without a word, and the contact then had no
stay-in-touch rhythm and left the Client filter. A new stage one slip away from a known
one is refused with the stage it was probably meant to be.
"""

from __future__ import annotations

from journal.core.errors import ValidationError
from journal.core.setting_store import get_setting
from journal.core.vocabulary import DEFAULT_STAGES
from journal.store.models import Contact
from journal.store.rows import tuples

# The stay-in-touch rhythms chosen per stage (core/keep_in_touch): a stage can have one
# before anybody is at it.
STAGE_SETTING = "stay_in_touch.stages"

# Shorter codes are too close to each other by nature ("new" and "now").
_SHORTEST_CHECKED = 4


def stages_in_use() -> list[str]:
    """The relationship stages contacts are at, for filters."""
    query = Contact.select(Contact.stage).distinct().order_by(Contact.stage)
    return [row[0] for row in tuples(query)]


def known_stages() -> set[str]:
    """The built-in stages, the ones contacts are at and the ones with a rhythm of their own."""
    rhythms = get_setting(STAGE_SETTING, {})
    return {*DEFAULT_STAGES, *stages_in_use(), *(rhythms if isinstance(rhythms, dict) else {})}


def one_slip_apart(typed: str, known: str) -> bool:
    """True when one letter is wrong, missing, extra, or swapped with the next one."""
    if typed == known or abs(len(typed) - len(known)) > 1:
        return False
    if len(typed) == len(known):
        wrong = [i for i, (a, b) in enumerate(zip(typed, known, strict=True)) if a != b]
        if len(wrong) == 1:
            return True
        if len(wrong) != 2 or wrong[1] != wrong[0] + 1:
            return False
        i = wrong[0]
        return typed[i] == known[i + 1] and typed[i + 1] == known[i]
    shorter, longer = sorted((typed, known), key=len)
    return any(longer[:i] + longer[i + 1 :] == shorter for i in range(len(longer)))


def checked_stage(code: str) -> str:
    """`code` (as validate.stage_code gives it), unless it is a new stage that looks like a
    slip for a known one."""
    if code in DEFAULT_STAGES or len(code) < _SHORTEST_CHECKED:
        return code
    known = known_stages()
    if code in known:
        return code
    near = sorted(stage for stage in known if one_slip_apart(code, stage))
    if near:
        meant = " or ".join(f"'{stage.replace('_', ' ')}'" for stage in near)
        raise ValidationError(
            "stage",
            f"'{code.replace('_', ' ')}' is not a stage yet and looks like a slip for {meant}; "
            "choose that, or name the new stage so that it differs by more than a letter",
        )
    return code
