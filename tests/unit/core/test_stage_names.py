"""A new relationship stage is created by typing it, but not by a slip of the keyboard."""

from __future__ import annotations

import pytest

from journal.core.contacts import ContactDraft, create_contact, load_draft, update_contact
from journal.core.errors import ValidationError
from journal.core.keep_in_touch import set_stage_cadence
from journal.core.stage_names import one_slip_apart
from journal.store.models import Contact


@pytest.mark.parametrize(
    ("typed", "known", "slip"),
    [
        ("clinet", "client", True),  # two letters swapped
        ("cleint", "client", True),
        ("clent", "client", True),  # one missing
        ("cliient", "client", True),  # one extra
        ("clyent", "client", True),  # one wrong
        ("friends", "friend", True),
        ("client", "client", False),  # the same is no slip
        ("clnet", "client", False),  # two slips: a stage of its own
        ("ex_client", "client", False),
        ("tneilc", "client", False),
        ("mentor", "partner", False),
    ],
)
def test_one_slip_apart(typed: str, known: str, slip: bool) -> None:
    assert one_slip_apart(typed, known) is slip
    assert one_slip_apart(known, typed) is slip


def _add(stage: str) -> int:
    return create_contact(ContactDraft(given_name="Jane", stage=stage)).value


@pytest.mark.usefixtures("journal")
def test_a_misspelt_stage_is_refused_with_the_stage_it_looks_like() -> None:
    with pytest.raises(ValidationError) as refused:
        _add("Clinet")
    assert refused.value.field == "stage"
    assert "'clinet'" in str(refused.value) and "'client'" in str(refused.value)
    with pytest.raises(ValidationError, match="'referral partner'"):
        _add("referal partner")
    assert Contact.select().count() == 0


@pytest.mark.usefixtures("journal")
def test_a_new_stage_unlike_the_others_is_created_and_then_known() -> None:
    prospect = _add("Prospect")
    assert Contact.get_by_id(prospect).stage == "prospect"
    with pytest.raises(ValidationError, match="'prospect'"):
        _add("prospects")
    assert Contact.get_by_id(_add("prospect")).stage == "prospect"  # as known now
    assert Contact.get_by_id(_add("now")).stage == "now"  # too short to tell


@pytest.mark.usefixtures("journal")
def test_a_stage_with_a_rhythm_of_its_own_is_known_before_anyone_is_at_it() -> None:
    set_stage_cadence("Mentor", 45)
    with pytest.raises(ValidationError, match="'mentor'"):
        _add("mentro")


@pytest.mark.usefixtures("journal")
def test_a_contact_already_at_such_a_stage_keeps_it_when_edited() -> None:
    jane = _add("client")
    Contact.update(stage="clinet").where(Contact.id == jane).execute()  # an older version's
    draft = load_draft(jane)
    draft.notes = "Still a client"
    update_contact(jane, draft)
    assert Contact.get_by_id(jane).stage == "clinet"


@pytest.mark.usefixtures("journal")
def test_a_rhythm_for_a_misspelt_stage_is_refused() -> None:
    with pytest.raises(ValidationError, match="'friend'"):
        set_stage_cadence("freind", 21)
    assert set_stage_cadence("mentee", 14).value == "mentee"
