"""`journal demo`: generate a believable journal in an empty folder and open it."""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from pathlib import Path

from journal.commands.common import Output, Subparsers, add_command, counted
from journal.core.contact_queries import ContactFilter, contact_count
from journal.core.errors import JournalError
from journal.display import display_problem
from journal.store import open_journal
from journal.store.location import resolve_home


def register(subparsers: Subparsers, parent: argparse.ArgumentParser) -> None:
    """`demo`, which opens its own journal: --home if given, else a new temporary folder."""
    sub = add_command(subparsers, parent, "demo", "generate a demo journal and open it", _demo)
    sub.set_defaults(opens_own_journal=True)
    sub.add_argument("--no-gui", action="store_true", help="only generate it and print its folder")
    sub.add_argument("--large", action="store_true", help="20,000 contacts and 200,000 entries")


def _demo(args: argparse.Namespace) -> Output:
    from journal.core import demo
    from journal.core.group_queries import group_names
    from journal.core.timeline import timeline_count

    problem = None if args.no_gui else display_problem(os.environ)
    if problem is not None:
        # Said before a journal is made that nothing would open.
        raise JournalError(f"{problem}; `journal demo --no-gui` makes the demo journal alone")
    explicit = getattr(args, "home", None)
    folder = (
        resolve_home(explicit)  # refuses an empty --home, as every command does
        if explicit is not None
        else Path(tempfile.mkdtemp(prefix="contact-journal-demo-"))
    )
    size = demo.LARGE if args.large else demo.SMALL
    journal = open_journal(folder)
    try:
        held = contact_count(ContactFilter(include_archived=True))
        if held or timeline_count() or group_names():
            raise JournalError(
                f"{folder} already holds a journal ({counted(held, 'contact')}); demo data "
                "only goes into an empty folder (leave out --home to use a new temporary one)"
            )

        def progress(step: str) -> None:
            if args.large:
                print(f"journal: generating {step}…", file=sys.stderr)

        demo.generate(size, progress=progress)
        data = {
            "home": str(folder),
            "contacts": contact_count(ContactFilter(include_archived=True)),
            "interactions": timeline_count(),
            "groups": len(group_names()),
        }
    finally:
        journal.close()
    return Output(data, str(folder), open_app=None if args.no_gui else folder)
