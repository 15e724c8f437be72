"""The `journal` command: contacts, timeline and groups from a terminal or a script.

This module is the entry point: the root parser and its global options, dispatch, error
handling, and starting the desktop app. The subcommands live in `journal.commands`, one
module per subject. Every read and write goes through journal.core. Qt is imported only
when `journal` (or `journal demo`) starts the desktop app, so every other command starts
fast and runs on a machine without a display.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path

from journal import __version__
from journal.commands import MODULES
from journal.commands.common import Handler, Output
from journal.core.errors import JournalError
from journal.store import StoreError, open_journal
from journal.store.location import resolve_home


def main(argv: list[str] | None = None) -> int:
    """Run the `journal` command; returns the process exit code."""
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as stop:  # --help, or a usage error argparse has already explained
        return stop.code if isinstance(stop.code, int) else 0 if stop.code is None else 2
    if args.version:
        print(f"journal {__version__}")
        return 0
    try:
        if args.command is None:
            return _start_gui(resolve_home(getattr(args, "home", None)))
        return _run(args)
    except (JournalError, StoreError) as error:
        print(f"journal: {error}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        # The reader (`| head`) went away: stop quietly, without a traceback at exit.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return 1


def build_parser() -> argparse.ArgumentParser:
    """The whole command line; --home and --json are accepted before or after a subcommand."""
    shared = argparse.ArgumentParser(add_help=False)
    shared.add_argument(
        "--home",
        metavar="DIR",
        default=argparse.SUPPRESS,
        help="the journal folder (default: $JOURNAL_HOME, else the platform's data folder)",
    )
    shared.add_argument(
        "--json",
        action="store_true",
        default=argparse.SUPPRESS,
        help="print machine-readable JSON",
    )
    parser = argparse.ArgumentParser(
        prog="journal",
        parents=[shared],
        description="Contact Journal. Without a command, opens the desktop app.",
        epilog="Run `journal COMMAND --help` for a command's options.",
    )
    parser.add_argument("--version", action="store_true", help="print the version and exit")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")
    for module in MODULES:
        module.register(commands, shared)
    return parser


def _run(args: argparse.Namespace) -> int:
    """Run the subcommand's handler on the journal at --home, then print or open the app."""
    handler: Handler = args.handler
    if getattr(args, "opens_own_journal", False):
        output = handler(args)
    else:
        journal = open_journal(resolve_home(getattr(args, "home", None)))
        try:
            output = handler(args)
        finally:
            journal.close()
    if output.open_app is not None:
        return _start_gui(output.open_app)
    _emit(args, output)
    return 0


def _emit(args: argparse.Namespace, output: Output) -> None:
    if getattr(args, "json", False):
        print(json.dumps(output.data, ensure_ascii=False, indent=2))
    elif output.text:
        print(output.text)


def _start_gui(home: Path) -> int:
    try:
        from journal.ui.app import run_gui  # the one place Qt may be imported
    except ImportError as error:
        raise JournalError(
            f"the desktop app cannot start ({error}); the commands still work"
        ) from None
    return run_gui(home)


__all__ = ["build_parser", "main"]
