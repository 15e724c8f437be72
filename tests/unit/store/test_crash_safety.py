"""Kill a writer (SIGKILL) again and again mid-write: the journal opens, passes the integrity
check, and holds every entry the writer had reported committed."""

from __future__ import annotations

import random
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from journal.store import open_journal
from journal.store.backup import list_backups
from journal.store.location import backups_dir
from journal.store.models import Contact, Interaction
from journal.store.rows import run_sql

SRC = str(Path(__file__).resolve().parents[3] / "src")
ROUNDS = 10
MAX_ROUNDS = 40
ENOUGH_CONTACTS = 300

# The writer: single writes (a contact, then an entry with them), and now and then an
# "import": a backup first, then a few hundred contacts in one transaction. Each id is
# printed only after its transaction has committed.
WRITER = textwrap.dedent(
    """
    import sys
    from datetime import datetime, timezone
    sys.path.insert(0, {src!r})
    from pathlib import Path
    from journal.core.contacts import ContactDraft, ChannelDraft, create_contact
    from journal.core.interactions import InteractionDraft, log_interaction
    from journal.store import open_journal
    from journal.store.backup import BEFORE_IMPORT, backup_now
    from journal.store.models import database_proxy

    journal = open_journal(Path({home!r}))
    print("ready", flush=True)
    n = 0
    while True:
        n += 1
        contact = create_contact(ContactDraft(
            given_name=f"Person {{n}}", notes="x" * 500,
            channels=[ChannelDraft("email", f"p{{n}}@example.org")], tags=["crash"],
        )).value
        print("c", contact, flush=True)
        entry = log_interaction(InteractionDraft(
            kind="note", occurred_at=datetime.now(timezone.utc), summary=f"entry {{n}}",
            participant_ids=[contact],
        )).value
        print("i", entry, flush=True)
        if n % 7 == 0:
            backup_now(journal, BEFORE_IMPORT)
            ids = []
            with database_proxy.atomic():
                for k in range(300):
                    draft = ContactDraft(given_name=f"Imported {{n}}-{{k}}")
                    ids.append(create_contact(draft).value)
            print("c", *ids, flush=True)
    """
)


KEPT_SUFFIXES = (".sqlite3", ".partial", ".partial-journal", ".partial-wal", ".partial-shm")


def _run_and_kill(home: Path, rng: random.Random) -> tuple[set[int], set[int]]:
    script = WRITER.format(src=SRC, home=str(home))
    child = subprocess.Popen(
        [sys.executable, "-c", script], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
    )
    assert child.stdout is not None
    assert child.stdout.readline().strip() == "ready"
    time.sleep(rng.uniform(0.05, 0.6))
    child.send_signal(signal.SIGKILL)
    out, err = child.communicate()
    assert child.returncode == -signal.SIGKILL, err  # killed, not dead of its own error
    contacts: set[int] = set()
    entries: set[int] = set()
    for line in out.splitlines():
        parts = line.split()
        # The last line may be cut mid-write by the kill: only whole numbers count.
        if len(parts) < 2 or not all(p.isdigit() for p in parts[1:]):
            continue
        target = contacts if parts[0] == "c" else entries
        target.update(int(p) for p in parts[1:])
    return contacts, entries


@pytest.mark.timeout(60)
def test_killed_writers_never_lose_a_committed_entry(home: Path) -> None:
    rng = random.Random(8)
    open_journal(home).close()
    committed_contacts: set[int] = set()
    committed_entries: set[int] = set()
    for done in range(MAX_ROUNDS):
        # At least ROUNDS kills; more on a loaded machine, where each writer gets less done
        # before its kill, until the writers have done enough work to have proved anything.
        if done >= ROUNDS and len(committed_contacts) > ENOUGH_CONTACTS:
            break
        contacts, entries = _run_and_kill(home, rng)
        committed_contacts |= contacts
        committed_entries |= entries

        journal = open_journal(home)  # no stale lock: the OS dropped it with the process
        try:
            assert run_sql(journal.db, "PRAGMA integrity_check").fetchone()[0] == "ok"
            stored_contacts = {c.id for c in Contact.select(Contact.id)}
            stored_entries = {i.id for i in Interaction.select(Interaction.id)}
        finally:
            journal.close()
        assert committed_contacts <= stored_contacts
        assert committed_entries <= stored_entries
    assert len(committed_contacts) > ENOUGH_CONTACTS  # work got done, imports included
    # a backup cut short never shows up as a backup
    for backup in list_backups(home):
        assert backup.path.stat().st_size > 0
    # Only whole backups, and what a cut one leaves: its .partial file and, if SQLite had
    # opened it, its -journal/-wal/-shm beside it (pruned with it once stale).
    left = sorted(p.name for p in backups_dir(home).iterdir())
    assert all(name.endswith(KEPT_SUFFIXES) for name in left), left
