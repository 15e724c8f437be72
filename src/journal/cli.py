"""The `journal` command: contacts, timeline and groups from a terminal or a script.

This module is the entry point: the root parser and its global options, dispatch, error
handling, and starting the desktop app. The subcommands live in `journal.commands`, one
module per subject. Every read and write goes through journal.core. Qt is imported only
when `journal` (or `journal demo`) starts the desktop app, so every other command starts
fast and runs on a machine without a display.

`journal` with global options only (the desktop app's start) is parsed by a parser of
those options alone, so the app's start neither imports the command modules nor builds
their parsers; anything else (a command, --help, a mistake) goes to the whole parser.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import sys
from pathlib import Path
from typing import TYPE_CHECKING, NoReturn, cast

from journal import __version__
from journal.core.errors import JournalError, UsageError
from journal.display import display_problem
from journal.store import StoreError, open_journal
from journal.store.database import Journal, explain, is_database_error
from journal.store.errors import JournalUnavailableError, PassphraseNeededError
from journal.store.keys import REASON_TEXT, Answer, AskReason, Keychain, KeychainKeys
from journal.store.location import resolve_home

if TYPE_CHECKING:
    from journal.commands.common import Handler, Output, Subparsers


def main(argv: list[str] | None = None) -> int:
    """Run the `journal` command; returns the process exit code."""
    args = _global_options_only(argv)
    if args is None:
        try:
            args = _parse(build_parser(), argv)
        except SystemExit as stop:  # --help, or a usage error argparse has already explained
            return stop.code if isinstance(stop.code, int) else 0 if stop.code is None else 2
    if args.version:
        print(f"journal {__version__}")
        return 0
    try:
        if args.command is None:
            if getattr(args, "passphrase_stdin", False):
                raise JournalError(
                    "--passphrase-stdin is for commands; the desktop app asks for the "
                    "passphrase in a window"
                )
            return _start_gui(resolve_home(getattr(args, "home", None)), tray=args.tray)
        return _run(args)
    except BrokenPipeError:
        # The reader (`| head`) went away: stop quietly, without a traceback at exit. Caught
        # before `Exception` below, which would re-raise it as "not a database error".
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return 1
    except UnicodeEncodeError as error:
        if "surrogates" not in str(error.reason):
            raise
        # Bytes that are not UTF-8 (a Latin-1 terminal's é) reach Python as lone surrogates,
        # which SQLite cannot store: the write was refused before anything was changed.
        print(f"journal: {not_utf8(error.object)}", file=sys.stderr)
        return 1
    except MemoryError:
        # A file too large to hold (or endless, such as /dev/zero): any write under way was
        # one transaction, rolled back.
        print(
            "journal: there was not enough memory to finish (is a file given too large, or "
            "endless?); nothing was changed.",
            file=sys.stderr,
        )
        return 1
    except OverflowError:
        # A number typed past what SQLite stores (an id of 30 digits): no record has it.
        said = "journal: a number given is too large (no id or count goes that high)"
        print(said, file=sys.stderr)
        return 1
    except PassphraseNeededError as error:
        print(f"journal: {error} {passphrase_hint()}", file=sys.stderr)
        return 1
    except UsageError as error:
        print(f"journal: {error}", file=sys.stderr)
        return 2
    except (JournalError, StoreError) as error:
        print(f"journal: {error}", file=sys.stderr)
        return 1
    except Exception as error:
        if not is_database_error(error):
            raise
        # SQLite refused a write (disk full, read-only, damaged file): the transaction was
        # rolled back, so the journal holds nothing half-written; say why in words.
        print(f"journal: {explain(error)}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        return 130


def not_utf8(text: str) -> str:
    """Why `text`, holding bytes that are not UTF-8, cannot be used; the bytes shown escaped."""
    shown = text.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")
    return (
        f"the text '{shown}' is not valid UTF-8 (is the terminal or the script set to "
        "another encoding?); nothing was changed."
    )


def _parse(parser: argparse.ArgumentParser, argv: list[str] | None) -> argparse.Namespace:
    """Parse; a command that sets `trailing_words` also takes words after its options.

    So `journal followup add Jane --in 2w Send the deck` works without quotes: argparse
    alone stops its positionals at the first option.
    """
    args, extra = parser.parse_known_args(argv)
    field = getattr(args, "trailing_words", None)
    if extra and (field is None or any(word.startswith("-") for word in extra)):
        parser.error(f"unrecognized arguments: {' '.join(extra)}")
    if extra and field is not None:
        setattr(args, field, [*getattr(args, field), *extra])
    return args


class JournalParser(argparse.ArgumentParser):
    """argparse's parser, except that a command given without its action (`journal
    contact`) shows the actions it has, not only that one is missing."""

    def error(self, message: str) -> NoReturn:
        actions = [
            action
            for action in self._actions
            if isinstance(action, argparse._SubParsersAction) and action.required
        ]
        if actions and message == f"the following arguments are required: {actions[0].metavar}":
            self.print_help(sys.stderr)
            names = ", ".join(actions[0].choices)
            self.exit(2, f"\n{self.prog}: say what to do: {names}\n")
        super().error(message)


def build_parser() -> argparse.ArgumentParser:
    """The whole command line; --home and --json are accepted before or after a subcommand."""
    from journal.commands import MODULES

    shared = argparse.ArgumentParser(add_help=False)
    _add_shared_options(shared)
    parser = JournalParser(
        prog="journal",
        parents=[shared],
        description="Contact Journal. Without a command, opens the desktop app.",
        epilog="Run `journal COMMAND --help` for a command's options.",
        allow_abbrev=False,  # as every command: a script's `--j` must not mean --json
    )
    _add_root_options(parser)
    # Every command's parser is a JournalParser (argparse makes them of the root's class);
    # the commands take them as plain ArgumentParsers.
    commands = cast("Subparsers", parser.add_subparsers(dest="command", metavar="COMMAND"))
    for module in MODULES:
        module.register(commands, shared)
    return parser


def _add_shared_options(parser: argparse.ArgumentParser) -> None:
    """The options every command takes too."""
    parser.add_argument(
        "--home",
        metavar="DIR",
        default=argparse.SUPPRESS,
        help="the journal folder (default: $JOURNAL_HOME, else the platform's data folder)",
    )
    parser.add_argument(
        "--json",
        action="store_true",
        default=argparse.SUPPRESS,
        help="print machine-readable JSON",
    )
    parser.add_argument(
        "--passphrase-stdin",
        action="store_true",
        default=argparse.SUPPRESS,
        help="read an encrypted journal's passphrase from the first line of standard input, "
        "not the keychain or the terminal (`encryption passphrase`: the new one on the second)",
    )


def _add_root_options(parser: argparse.ArgumentParser) -> None:
    """The options of `journal` itself."""
    parser.add_argument("--version", action="store_true", help="print the version and exit")
    parser.add_argument(
        "--tray",
        action="store_true",
        help="start in the system tray without showing the window (as at login)",
    )


class _NotGlobalOnlyError(Exception):
    """The command line is more than global options: the whole parser must read it."""


class _GlobalOptionsParser(argparse.ArgumentParser):
    """The root's own options and nothing else; gives up instead of printing an error."""

    def error(self, message: str) -> NoReturn:
        raise _NotGlobalOnlyError(message)


def _global_options_only(argv: list[str] | None) -> argparse.Namespace | None:
    """The parsed options when `argv` holds the root's options alone (the app's start).

    None for anything else: a command, --help, or a mistake, which the whole parser then
    reads (and explains) exactly as always.
    """
    parser = _GlobalOptionsParser(prog="journal", add_help=False, allow_abbrev=False)
    _add_shared_options(parser)
    _add_root_options(parser)
    # -h and --help take part, so an abbreviation (--h) is as ambiguous here as there.
    parser.add_argument("-h", "--help", action="store_true", dest="wants_help")
    try:
        args, extra = parser.parse_known_args(argv)
    except _NotGlobalOnlyError:
        return None
    if extra or args.wants_help:
        return None
    del args.wants_help
    args.command = None
    return args


def _run(args: argparse.Namespace) -> int:
    """Run the subcommand's handler on the journal at --home, then print or open the app."""
    handler: Handler = args.handler
    if getattr(args, "opens_own_journal", False):
        output = handler(args)
    else:
        journal = open_for(args)
        args.journal = journal  # for the few commands that need the file itself (backup)
        try:
            output = handler(args)
        finally:
            journal.close()
    if output.open_app is not None:
        if getattr(args, "json", False) and output.data is not None:
            # A script asked for JSON: it gets it (the demo's folder) before the app opens.
            _emit(args, output)
            sys.stdout.flush()
        return _start_gui(output.open_app, request=output.app_request)
    _emit(args, output)
    sys.stdout.flush()  # here, where a closed pipe is caught, not at exit, where it is not
    return output.exit_code


_PASSPHRASE_HINT = (
    "Run the command in a terminal to type the passphrase, or give it on the first line "
    "of standard input with --passphrase-stdin"
)


def passphrase_hint() -> str:
    """What to do when no passphrase could be asked for; the keychain only where there is one."""
    if Keychain().usable():
        return (
            f"{_PASSPHRASE_HINT}, or open the journal once in the app and let it keep the "
            "passphrase in the system keychain."
        )
    return f"{_PASSPHRASE_HINT}."


# How long a command waits for another `journal` command that is writing (a script's
# commands may overlap); SQLite's busy timeout is as long.
WAIT_FOR_ANOTHER_COMMAND = 5.0


def open_for(args: argparse.Namespace) -> Journal:
    """The journal at --home, as a writer; a reading command also runs beside another writer."""
    home = resolve_home(getattr(args, "home", None))
    keys: KeychainKeys | StdinKey
    if getattr(args, "passphrase_stdin", False):
        keys = StdinKey(stdin_lines(args))
    else:
        keys = KeychainKeys(ask_in_terminal)
    try:
        # A command that can do without writing (`read_only_ok`) also runs on a journal
        # that cannot be written here; any other writer is refused with a clear message.
        journal = open_journal(
            home,
            keys,
            program="the journal command",
            allow_read_only=getattr(args, "read_only_ok", False),
            wait=WAIT_FOR_ANOTHER_COMMAND,
        )
    except JournalUnavailableError:
        # Locked by another writer, or no lock file can be made (a read-only folder):
        # a command that only reads may still try, and so may a dry run (it writes nothing).
        from journal.commands.common import reads_only

        if not (reads_only(args) or getattr(args, "dry_run", False)):
            raise
        journal = open_journal(home, keys, writer=False)
    # The user, not the keychain, gave the passphrase (typed, or on standard input): a change
    # of encryption need not ask for it again.
    args.passphrase_given = journal.encrypted and not (
        isinstance(keys, KeychainKeys) and keys.from_keychain
    )
    return journal


class StdinLines:
    """Standard input read a line at a time for --passphrase-stdin; the rest is left unread."""

    def __init__(self) -> None:
        self.count = 0

    def next_line(self, what: str) -> str:
        """The next line without its line ending; an empty one or none is a JournalError."""
        self.count += 1
        line = sys.stdin.readline().rstrip("\r\n")
        if not line:
            raise JournalError(
                f"--passphrase-stdin: line {self.count} of standard input is empty or "
                f"missing; it should hold {what}. Nothing was changed."
            )
        return line


def stdin_lines(args: argparse.Namespace) -> StdinLines:
    """The one reader of standard input for this command (made on first use)."""
    lines: StdinLines | None = getattr(args, "stdin_lines", None)
    if lines is None:
        lines = args.stdin_lines = StdinLines()
    return lines


class StdinKey:
    """The passphrase on standard input, tried once: never the keychain, never a prompt."""

    def __init__(self, lines: StdinLines) -> None:
        self._lines = lines
        self._passphrase: str | None = None

    def __repr__(self) -> str:
        return "StdinKey(<hidden>)"

    def passphrase(self, path: Path, failed: bool) -> str | None:
        if failed:
            return None  # open_journal says the passphrase does not open the journal
        if self._passphrase is None:  # a second opening (as a reader) uses the same line
            self._passphrase = self._lines.next_line("the journal's passphrase")
        return self._passphrase

    def opened(self, path: Path, passphrase: str) -> None:
        return None


def ask_in_terminal(path: Path, reason: AskReason, keychain_usable: bool) -> Answer | None:
    """Ask for the passphrase on the terminal (never echoed); None without a terminal."""
    import getpass

    if not sys.stdin.isatty():
        return None
    why = REASON_TEXT[reason]
    print(f"journal: {path} is encrypted, and {why}.", file=sys.stderr)
    passphrase = getpass.getpass("Passphrase: ")
    if not passphrase:
        return None
    remember = False
    if keychain_usable:
        reply = input("Keep it in the system keychain? [Y/n] ").strip().lower()
        remember = reply in ("", "y", "yes")
    return Answer(passphrase, remember)


def _emit(args: argparse.Namespace, output: Output) -> None:
    if getattr(args, "json", False):
        print(json.dumps(output.data, ensure_ascii=False, indent=2))  # escapes controls itself
    elif output.text:
        print(terminal_safe(output.text))


# Control characters other than line breaks and tabs, in C0, DEL and C1.
_CONTROLS = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def terminal_safe(text: str) -> str:
    """Text with its control characters shown as symbols rather than sent to the terminal.

    A note or a name comes from anyone who sent a vCard: an escape sequence in it would
    recolour, retitle or rewrite the user's terminal when shown. ESC becomes ␛ (U+241B).
    """
    return _CONTROLS.sub(_control_picture, text)


def _control_picture(found: re.Match[str]) -> str:
    code = ord(found.group())
    if code < 0x20:
        return chr(0x2400 + code)  # Unicode's "control pictures": ␀ … ␟
    return "\u2421" if code == 0x7F else "\ufffd"


def _start_gui(home: Path, *, tray: bool = False, request: str = "") -> int:
    """Start the desktop app, or hand `request` ("" to show the window, "quick" for Quick
    add) to the one already running on this journal."""
    problem = display_problem(os.environ)
    if problem is not None:
        raise JournalError(problem)
    try:
        from journal.ui.app import run_gui  # the one place Qt may be imported
    except ImportError as error:
        raise JournalError(
            f"the desktop app cannot start ({error}); the commands still work"
        ) from None
    return run_gui(home, tray=tray, request=request)


__all__ = ["build_parser", "main"]
