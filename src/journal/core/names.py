"""How a contact is named and sorted, for every script (Latin, CJK, Arabic, emoji)."""

from __future__ import annotations

from journal.store.folding import match_key
from journal.store.schema_v6 import family_name_first as family_name_first


def full_name(given: str, family: str) -> str:
    """Given and family name together, in the order and spacing of their script."""
    return family + given if family_name_first(given, family) else f"{given} {family}"


def split_full_name(name: str) -> tuple[str, str]:
    """A new contact's given and family names from a whole name: the first word, and the
    rest ("Mary Ann Lee" is Mary and Ann Lee; the form and --given/--family say otherwise).

    A name in CJK script is written family name first ("王 小明"): its first word is the
    family name, so it is shown 王小明, as typed.
    """
    first, _, rest = " ".join(name.split()).partition(" ")
    if rest and family_name_first(rest, first):
        return rest, first
    return first, rest


def display_name(given: str, family: str, nickname: str, organisation: str) -> str:
    """The name shown in lists: the full name, else the nickname, else the organisation."""
    if given and family:
        return full_name(given, family)
    return given or family or nickname or organisation


def sort_key(name: str) -> str:
    """A case- and accent-insensitive key: "Émile" sorts with "emile", "Łukasz" with "lukasz".

    Scripts without case or accents (CJK, Arabic) keep their code-point order, which for
    CJK is the dictionary radical order and for Arabic the alphabet order.
    """
    return match_key(name)
