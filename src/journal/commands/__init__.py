"""The `journal` command's subcommands, one module per subject.

`journal.cli` builds the root parser (global options, `--version`, `--home`, `--json`) and
calls `register(subparsers, parent)` of every module in `MODULES`, in that order (the order
of `journal --help`). A module adds its subcommands with `common.add_command`, which sets
the handler: a function from the parsed arguments to an `Output`. `journal.cli` opens the
journal, runs the handler, closes the journal and prints the output.

To add a command group: write `journal/commands/NAME.py` with `register`, import it below
and add it to `MODULES`. Plain imports, so mypy checks each `register` and PyInstaller
finds the modules. Shared helpers (input parsing, contact and group lookup, JSON shapes,
text tables) belong in `common.py`.

Every command builds the whole parser (the desktop app's start does not: `journal.cli`
reads global options alone without it). So a module imports at its top
only the standard library, `common`, and the core modules the parser loads anyway
(vocabulary, errors, clock, timeutil, contacts, contact_queries); a handler imports any
other core module when it runs. tests/unit/commands/test_registry.py checks this. No Qt here.
"""

from journal.commands import (
    backups,
    contacts,
    demo,
    encryption,
    entries,
    export,
    groups,
    imports,
    meetings,
    people_first,
    quick,
    review,
    timeline,
)
from journal.commands.common import CommandModule

MODULES: tuple[CommandModule, ...] = (
    demo,
    people_first,
    contacts,
    timeline,
    entries,
    quick,
    groups,
    meetings,
    review,
    imports,
    export,
    backups,
    encryption,
)
