"""Who a contact being added may already be."""

from __future__ import annotations

from collections.abc import Callable

from journal.core.contacts import ChannelDraft, ContactDraft, set_archived
from journal.core.namesakes import Namesake, namesakes


def test_the_same_shown_name_or_an_e_mail_is_a_namesake(add_contact: Callable[..., int]) -> None:
    omar = add_contact("Omar", "Haddad", organisation="Kite",
                       channels=[ChannelDraft("email", "Omar@Example.org")])  # fmt: skip
    zoe = add_contact("Zoë", "Lee")
    add_contact("Omar", "Hadad")  # one letter apart: not the same name
    set_archived(zoe, True)  # archived people count: a merge brings them back
    draft = ContactDraft(given_name="omar", family_name="HADDAD")
    assert namesakes(draft) == [Namesake(omar, "Omar Haddad", "Kite", "name")]
    by_mail = ContactDraft(given_name="O", channels=[ChannelDraft("email", " omar@example.ORG")])
    # Named as that contact has the address.
    assert namesakes(by_mail) == [
        Namesake(omar, "Omar Haddad", "Kite", "email", "Omar@Example.org")
    ]
    assert [n.contact_id for n in namesakes(ContactDraft(given_name="zoe", family_name="lee"))] == [
        zoe
    ]
    assert namesakes(ContactDraft(given_name="Ann")) == []


def test_an_e_mail_match_comes_first_and_the_contact_itself_is_left_out(
    add_contact: Callable[..., int],
) -> None:
    first = add_contact("Ann", "Lee")
    second = add_contact("Ann", "Smith", channels=[ChannelDraft("email", "ann@example.org")])
    draft = ContactDraft(
        given_name="Ann", family_name="Lee", channels=[ChannelDraft("email", "ann@example.org")]
    )
    assert [(n.contact_id, n.reason) for n in namesakes(draft)] == [
        (second, "email"),
        (first, "name"),
    ]
    assert [n.contact_id for n in namesakes(draft, exclude=first)] == [second]


def test_addresses_with_other_letters_compare_as_imports_compare_them(
    add_contact: Callable[..., int],
) -> None:
    asa = add_contact("Åsa", channels=[ChannelDraft("email", "ÅSA@Example.se")])
    draft = ContactDraft(given_name="Other", channels=[ChannelDraft("email", "åsa@example.se")])
    assert [(n.contact_id, n.detail) for n in namesakes(draft)] == [(asa, "ÅSA@Example.se")]
