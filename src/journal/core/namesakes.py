"""Who a contact being added may already be: the same shown name, or one of their e-mails.

An import flags possible duplicates in its preview; adding one person by hand asks the
same question of the few contacts that share a name or an address with them. Namesakes
are real (two Ann Lees), so this only informs: the caller says so, and offers the merge.
"""

from __future__ import annotations

from dataclasses import dataclass

from peewee import Expression, fn

from journal.core.contacts import ContactDraft
from journal.core.matching import email_key
from journal.core.names import display_name, sort_key
from journal.store.models import Contact, ContactChannel

# A GLOB pattern for text holding anything but printable ASCII.
NOT_ASCII = "*[^ -~]*"


@dataclass(frozen=True)
class Namesake:
    """A stored contact the new one may be, and why ("name" or "email")."""

    contact_id: int
    name: str
    organisation: str
    reason: str
    detail: str = ""  # the e-mail address they share


def namesakes(draft: ContactDraft, exclude: int | None = None) -> list[Namesake]:
    """Stored contacts (archived ones too) with the draft's shown name or one of its
    e-mails; `exclude` is the draft's own id once stored. By id, an e-mail match first."""
    found: dict[int, Namesake] = {}
    emails = {email_key(c.value): c.value for c in draft.channels if c.kind == "email"}
    if emails:
        # Addresses are stored as typed: SQLite's lower() (ASCII letters only) finds the
        # few rows, with any address holding another letter (ÅSA@…) left to email_key,
        # which compares them all as imports do.
        query = (
            ContactChannel.select(ContactChannel.contact, ContactChannel.value, Contact)
            .join(Contact)
            .where(ContactChannel.kind == "email")
            .where(
                fn.lower(fn.trim(ContactChannel.value)).in_(list(emails))
                | Expression(ContactChannel.value, "GLOB", NOT_ASCII)
            )
        )
        for row in query:
            if email_key(row.value) in emails and row.contact_id not in found:
                found[row.contact_id] = Namesake(
                    row.contact_id,
                    row.contact.display_name,
                    row.contact.organisation,
                    "email",
                    row.value,  # as that contact has it
                )
    shown = display_name(draft.given_name, draft.family_name, draft.nickname, draft.organisation)
    key = sort_key(shown)
    if key:
        for contact in Contact.select().where(Contact.sort_name == key):
            found.setdefault(
                contact.id, Namesake(contact.id, contact.display_name, contact.organisation, "name")
            )
    if exclude is not None:
        found.pop(exclude, None)
    return sorted(found.values(), key=lambda n: (n.reason != "email", n.contact_id))
