"""What a write changed, so the UI refreshes only the views it affects."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import Enum
from typing import Generic, TypeVar

T = TypeVar("T")


class Area(str, Enum):
    """A part of the journal that views depend on."""

    CONTACTS = "contacts"
    INTERACTIONS = "interactions"
    GROUPS = "groups"
    MEETINGS = "meetings"
    FOLLOWUPS = "followups"
    TAGS = "tags"
    SETTINGS = "settings"
    REVIEWS = "reviews"


@dataclass(frozen=True)
class Changes:
    """The areas a write touched, and the ids of the rows it created, changed or removed."""

    areas: frozenset[Area] = frozenset()
    contact_ids: frozenset[int] = frozenset()
    interaction_ids: frozenset[int] = frozenset()
    group_ids: frozenset[int] = frozenset()

    def touches(self, *areas: Area) -> bool:
        """True when any of `areas` changed."""
        return any(a in self.areas for a in areas)

    def __or__(self, other: Changes) -> Changes:
        return Changes(
            self.areas | other.areas,
            self.contact_ids | other.contact_ids,
            self.interaction_ids | other.interaction_ids,
            self.group_ids | other.group_ids,
        )


EVERYTHING = Changes(frozenset(Area))


@dataclass(frozen=True)
class Result(Generic[T]):
    """The value a write produced (usually the new row's id) and what it changed."""

    value: T
    changes: Changes = field(default_factory=Changes)
