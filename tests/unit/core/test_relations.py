"""Relationships between contacts: written with the contact, seen from both sides."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from journal.core.clock import FixedClock
from journal.core.contacts import (
    RelationDraft,
    delete_contact,
    load_draft,
    relations_of,
    update_contact,
)
from journal.core.errors import ValidationError


def test_relations_are_saved_and_seen_from_both_sides(
    add_contact: Callable[..., int], clock: FixedClock
) -> None:
    omar, priya = add_contact("Omar"), add_contact("Priya")
    jane = add_contact(
        "Jane",
        relations=[RelationDraft(omar, " spouse "), RelationDraft(priya, "business partner")],
    )
    assert relations_of(jane) == [(omar, "Omar", "spouse"), (priya, "Priya", "business partner")]
    assert relations_of(omar) == [(jane, "Jane", "spouse")]
    # Edited from the other side: Omar's form replaces what touches Omar only.
    draft = load_draft(omar)
    assert [(r.other_id, r.kind) for r in draft.relations or []] == [(jane, "spouse")]
    draft.relations = [RelationDraft(jane, "husband of")]
    result = update_contact(omar, draft, clock)
    assert result.changes.contact_ids == {omar, jane}
    assert relations_of(jane) == [
        (omar, "Omar", "husband of"),
        (priya, "Priya", "business partner"),
    ]


def test_a_draft_without_relations_leaves_them_alone(
    add_contact: Callable[..., int], clock: FixedClock
) -> None:
    omar = add_contact("Omar")
    jane = add_contact("Jane", relations=[RelationDraft(omar, "colleague")])
    draft = load_draft(jane)
    draft.relations = None  # as an import would send it
    draft.notes = "changed"
    update_contact(jane, draft, clock)
    assert relations_of(jane) == [(omar, "Omar", "colleague")]


def test_relations_are_validated(add_contact: Callable[..., int], clock: FixedClock) -> None:
    jane = add_contact("Jane")
    draft = load_draft(jane)
    draft.relations = [RelationDraft(jane, "self")]
    with pytest.raises(ValidationError) as caught:
        update_contact(jane, draft, clock)
    assert str(caught.value) == "relationship: a contact cannot be related to themselves"
    draft.relations = [RelationDraft(404, "ghost")]
    with pytest.raises(ValidationError, match=r"^relationship with #404: no contact with id 404"):
        update_contact(jane, draft, clock)
    assert relations_of(jane) == []
    # Someone who is there is named as the form and the command line show them.
    omar = add_contact("Omar")
    draft.relations = [RelationDraft(omar, "x" * 61)]
    with pytest.raises(ValidationError) as caught:
        update_contact(jane, draft, clock)
    assert str(caught.value).startswith("relationship with Omar: its kind is too long")
    assert relations_of(jane) == []


def test_deleting_a_contact_removes_their_relations(add_contact: Callable[..., int]) -> None:
    omar = add_contact("Omar")
    jane = add_contact("Jane", relations=[RelationDraft(omar, "colleague")])
    delete_contact(omar)
    assert relations_of(jane) == []
