"""Exporting: contacts to vCard or CSV, the whole journal to an archive.

Files are written beside their destination and renamed into place at the end, so a
cancelled or failed export never leaves half a file (nor replaces a good one).

Every exported card carries a UID, so the file can be imported again, here or after
editing it elsewhere, and still be recognised: contacts without one get one when they are
first exported (`ensure_uids`, a write of its own), and so do their introducers, whom
X-JOURNAL-MET-THROUGH names by UID. That UID is derived from the contact's id and creation
time (`derived_uid`): a journal that cannot keep it (read-only, or read beside the running
app) exports the very UID the journal keeps once it exports with the writer.
"""

from __future__ import annotations

import contextlib
import os
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from journal.core.changes import Changes, Result
from journal.core.clock import SYSTEM_CLOCK, Clock
from journal.core.contact_state import ContactState, load_states
from journal.core.contacts import ContactDraft
from journal.core.errors import JournalError
from journal.core.progress import Progress, no_progress
from journal.interchange.destination import destination
from journal.interchange.records import ContactRecord
from journal.store.database import opened_read_only
from journal.store.location import PRIVATE_FILE
from journal.store.models import Contact, database_proxy
from journal.store.rows import tuples

CHUNK = 500


@dataclass(frozen=True)
class ExportFormat:
    """A file format contacts can be written in."""

    code: str
    name: str
    suffix: str
    whole_journal: bool = False  # always everything, never a selection


FORMATS: dict[str, ExportFormat] = {
    "vcard": ExportFormat("vcard", "vCard 3.0", ".vcf"),
    "vcard4": ExportFormat("vcard4", "vCard 4.0", ".vcf"),
    "csv": ExportFormat("csv", "CSV (Google Contacts)", ".csv"),
    "archive": ExportFormat("archive", "Journal archive (JSON)", ".json", whole_journal=True),
}


def all_contact_ids() -> list[int]:
    """Every contact, archived ones too, in name order."""
    query = Contact.select(Contact.id).order_by(Contact.sort_name, Contact.id)
    return [row[0] for row in tuples(query)]


# Names the UIDs derived for this app's contacts (a uuid5 namespace of its own).
_UID_NAMESPACE = uuid.UUID("6f1c8a52-3d0e-4b7a-9a51-2c4e8f0b7d13")


def derived_uid(contact_id: int, created_at: datetime) -> str:
    """The UID a contact without one is given: the same whether it is kept or not.

    The creation time tells apart a contact made later under a deleted one's id (SQLite
    may give that id again), so the newcomer never takes the deleted person's card.
    """
    return f"urn:uuid:{uuid.uuid5(_UID_NAMESPACE, f'{contact_id}@{created_at.isoformat()}')}"


def ensure_uids(contact_ids: list[int]) -> Result[int]:
    """Give a UID to those of these contacts (and their introducers) who have none.

    Returns how many were given one. A UID is bookkeeping: the contacts' `updated_at`
    stays as it was. A read-only journal keeps none; its cards carry the same derived
    UIDs all the same (`contact_records`).
    """
    if opened_read_only():
        return Result(0, Changes())
    given = 0
    with database_proxy.atomic():
        for start in range(0, len(contact_ids), CHUNK):
            part = contact_ids[start : start + CHUNK]
            introducers = [
                row[0]
                for row in tuples(
                    Contact.select(Contact.met_through).where(
                        Contact.id.in_(part) & Contact.met_through.is_null(False)
                    )
                )
            ]
            missing = _derived_uids(part + introducers)
            # A card imported from another copy of this journal may hold a derived UID
            # already (the same person, or one deleted here): never two contacts with one.
            taken = {
                row[0]
                for row in tuples(
                    Contact.select(Contact.vcard_uid).where(
                        Contact.vcard_uid.in_(list(missing.values()))
                    )
                )
            }
            for contact_id, uid in missing.items():
                if uid in taken:
                    uid = f"urn:uuid:{uuid.uuid4()}"
                Contact.update(vcard_uid=uid).where(Contact.id == contact_id).execute()
                given += 1
    return Result(given, Changes())


def _derived_uids(contact_ids: list[int]) -> dict[int, str]:
    """The derived UIDs of those of these contacts who have no UID, by id."""
    query = Contact.select(Contact.id, Contact.created_at).where(
        Contact.id.in_(contact_ids) & Contact.vcard_uid.is_null()
    )
    return {contact_id: derived_uid(contact_id, created) for contact_id, created in tuples(query)}


def contact_records(contact_ids: list[int]) -> Iterator[ContactRecord]:
    """The contacts as records for the writers, in the order given, a chunk at a time.

    A contact without a UID (only where `ensure_uids` could not keep one) carries its
    derived UID, and so does an introducer's name for it.
    """
    for start in range(0, len(contact_ids), CHUNK):
        part = contact_ids[start : start + CHUNK]
        states = load_states(part)
        introducers = {
            s.values["met_through"] for s in states.values() if s.values["met_through"] is not None
        }
        uids = dict(
            tuples(Contact.select(Contact.id, Contact.vcard_uid).where(Contact.id.in_(introducers)))
        )
        derived = _derived_uids(part + list(introducers))
        for contact_id in part:
            state = states.get(contact_id)
            if state is not None:
                if not state.uid:
                    state.uid = derived.get(contact_id, "")
                introducer = state.values["met_through"]
                yield _record(state, uids.get(introducer) or derived.get(introducer, ""))


def _record(state: ContactState, introducer_uid: str) -> ContactRecord:
    values = state.values
    draft = ContactDraft(
        **{
            name: values[name]
            for name in ContactDraft.__dataclass_fields__
            if name in values and name not in ("channels", "tags")
        }
    )
    draft.met_through_id = None
    draft.channels = list(state.channels)
    draft.tags = list(state.tags)
    return ContactRecord(
        0, draft, state.uid, list(state.extra), state.archived, met_through_uid=introducer_uid
    )


def export_contacts(
    path: Path,
    format: str,
    contact_ids: list[int] | None = None,
    clock: Clock = SYSTEM_CLOCK,
    progress: Progress = no_progress,
) -> Result[int]:
    """Write contacts (all of them when `contact_ids` is None) or the archive to `path`.

    Returns how many contacts the file holds.
    """
    counted: list[int] = []
    _write_file(
        path, lambda out: counted.append(_produce(format, contact_ids, clock, progress, out))
    )
    return Result(counted[0], Changes())


def render(
    format: str,
    contact_ids: list[int] | None = None,
    clock: Clock = SYSTEM_CLOCK,
    progress: Progress = no_progress,
) -> tuple[str, int]:
    """An export's text, and how many contacts it holds (for `journal export -o -`)."""
    parts: list[str] = []
    count = _produce(format, contact_ids, clock, progress, parts.append)
    return "".join(parts), count


def _produce(
    format: str,
    contact_ids: list[int] | None,
    clock: Clock,
    progress: Progress,
    out: Callable[[str], object],
) -> int:
    """Hand an export's text to `out`, piece by piece; returns how many contacts it holds."""
    chosen = FORMATS.get(format)
    if chosen is None:
        raise JournalError(f"unknown export format {format!r}; use one of {', '.join(FORMATS)}")
    if chosen.whole_journal:
        from journal.core.archive import build_archive, encode

        document = build_archive(clock, progress)
        out(encode(document))
        return len(document["contacts"])
    ids = all_contact_ids() if contact_ids is None else list(dict.fromkeys(contact_ids))
    if format.startswith("vcard"):
        ensure_uids(ids)
    total = len(ids)
    from journal.interchange.csv_google import write_google
    from journal.interchange.vcard_writer import card_text

    with database_proxy.atomic():  # one consistent read
        records = contact_records(ids)
        if format == "csv":
            out(write_google(records))
        else:
            version = "4.0" if format == "vcard4" else "3.0"
            for count, record in enumerate(records):
                if count % CHUNK == 0:
                    progress(count, total)
                out(card_text(record, version))
    progress(total, total)  # the last chance to cancel: the file is renamed next
    return total


def _write_file(path: Path, write: Callable[[Callable[[str], object]], object]) -> None:
    """Write through a temporary file beside `path`, renamed into place when complete.

    Only its owner may read it, whatever the umask: an export holds the journal's people.
    """
    shown = path
    path, in_place = destination(path)
    if in_place:
        try:
            with open(path, "w", encoding="utf-8", newline="") as handle:
                write(handle.write)
        except OSError as error:
            raise JournalError(f"Cannot write {shown}: {error.strerror}") from None
        return
    partial = path.with_name(f".{path.name}.part")
    try:
        with contextlib.suppress(FileNotFoundError):
            partial.unlink()  # a leftover, perhaps readable by others: never reused
        descriptor = os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_EXCL, PRIVATE_FILE)
        with open(descriptor, "w", encoding="utf-8", newline="") as handle:
            write(handle.write)
        os.replace(partial, path)
    except OSError as error:
        with contextlib.suppress(OSError):
            partial.unlink()
        raise JournalError(f"Cannot write {shown}: {error.strerror}") from None
    except BaseException:
        with contextlib.suppress(OSError):
            partial.unlink()
        raise
