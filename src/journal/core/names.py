"""How a contact is named and sorted, for every script (Latin, CJK, Arabic, emoji)."""

from __future__ import annotations

from journal.store.folding import match_key
from journal.store.schema_v6 import family_name_first as family_name_first


def full_name(given: str, family: str) -> str:
    """Given and family name together, in the order and spacing of their script."""
    return family + given if family_name_first(given, family) else f"{given} {family}"


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
