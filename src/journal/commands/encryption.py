"""`journal encryption`: see, turn on, turn off, and change the journal's encryption."""

from __future__ import annotations

import argparse
import sys
from typing import TYPE_CHECKING

from journal.commands.common import Output, Subparsers, add_command, counted
from journal.core.errors import JournalError

if TYPE_CHECKING:
    from journal.store.database import Journal
    from journal.store.encryption import Conversion


def register(subparsers: Subparsers, parent: argparse.ArgumentParser) -> None:
    """`encryption status|on|off|passphrase`."""
    group = add_command(
        subparsers, parent, "encryption", "encrypt the journal with a passphrase, or stop"
    )
    actions = group.add_subparsers(dest="action", metavar="ACTION", required=True)
    status = add_command(
        actions, parent, "status", "is the journal encrypted, and where is its key", _status
    )
    status.set_defaults(opens_own_journal=True)  # tells without the passphrase
    add_command(
        actions, parent, "on", "encrypt the journal and its backups with a new passphrase", _on
    )
    add_command(
        actions,
        parent,
        "passphrase",
        "change the passphrase (asks for the current one; the backups are re-encrypted too)",
        _change,
    )
    add_command(
        actions,
        parent,
        "off",
        "store the journal and its backups unencrypted (asks for the current passphrase)",
        _off,
    )


def _status(args: argparse.Namespace) -> Output:
    from journal.store import crypto
    from journal.store.keys import REASON_TEXT, Keychain, KeychainUnavailableError
    from journal.store.location import journal_path, resolve_home

    path = journal_path(resolve_home(getattr(args, "home", None)))
    encrypted = crypto.is_encrypted(path)
    keychain = Keychain()
    problem = keychain.problem()
    in_keychain = False
    if encrypted and problem is None:
        try:
            in_keychain = keychain.get(path) is not None
        except KeychainUnavailableError as unavailable:
            problem = unavailable.reason
    data = {
        "path": str(path),
        "encrypted": encrypted,
        "encryption_available": crypto.sqlcipher_available(),
        "keychain": problem is None,
        "passphrase_in_keychain": in_keychain,
    }
    lines = [f"{path} is {'encrypted' if encrypted else 'not encrypted'}."]
    if encrypted:
        lines.append(
            "Its passphrase is in the system keychain."
            if in_keychain
            else "Its passphrase is not in the keychain: it is asked for at each start."
        )
    if problem is not None:
        lines.append(f"Keychain: {REASON_TEXT[problem]}.")
    if not data["encryption_available"]:
        lines.append(crypto.HOW_TO_GET_ENCRYPTION)
    return Output(data, "\n".join(lines))


def _new_passphrase(args: argparse.Namespace) -> str:
    import getpass

    if getattr(args, "passphrase_stdin", False):
        from journal.cli import stdin_lines

        return stdin_lines(args).next_line("the new passphrase")
    if not sys.stdin.isatty():
        raise JournalError(
            "a new passphrase is typed in a terminal (or given on standard input with "
            "--passphrase-stdin); nothing was changed"
        )
    first = getpass.getpass("New passphrase: ")
    if getpass.getpass("Once more: ") != first:
        raise JournalError("the two passphrases differ; nothing was changed")
    return first


def _require_current_passphrase(journal: Journal, args: argparse.Namespace) -> None:
    """Refuse to change the key unless the user gives the current passphrase."""
    # The keychain opens the journal for anyone at an unlocked computer; changing how it is
    # protected takes knowing the passphrase. One just typed (or on standard input) to open
    # the journal has proved that already.
    import getpass

    from journal.store.keys import same_passphrase

    if not journal.encrypted or getattr(args, "passphrase_given", False):
        return
    if not sys.stdin.isatty():
        raise JournalError(
            "changing the encryption needs the current passphrase: type it in a terminal, "
            "or give it on the first line of standard input with --passphrase-stdin; "
            "nothing was changed"
        )
    if not same_passphrase(getpass.getpass("Current passphrase: "), journal.passphrase):
        raise JournalError("that is not the journal's passphrase; nothing was changed")


def _report(conversion: Conversion, journal: Journal) -> Output:
    from journal.store.keys import Keychain

    lines = [f"{journal.path} is now {'encrypted' if conversion.encrypted else 'not encrypted'}."]
    if conversion.backups_converted:
        lines.append(f"{counted(conversion.backups_converted, 'backup')} converted too.")
    for left in conversion.backups_left:
        lines.append(f"Left as it was (another passphrase, or damaged): {left.name}")
    if conversion.encrypted:
        lines.append(
            "The passphrase is kept in the system keychain."
            if conversion.in_keychain
            else "There is no keychain to keep the passphrase in: it will be asked for at "
            "each start. Without it the journal cannot be read; keep it somewhere safe."
        )
    elif Keychain().usable():
        lines.append("The passphrase was removed from the keychain.")
    data = {
        "path": str(journal.path),
        "encrypted": conversion.encrypted,
        "backups_converted": conversion.backups_converted,
        "backups_left": [str(p) for p in conversion.backups_left],
        "passphrase_in_keychain": conversion.in_keychain,
    }
    return Output(data, "\n".join(lines))


def _on(args: argparse.Namespace) -> Output:
    from journal.commands.terminal_progress import terminal_progress
    from journal.store import encryption

    journal: Journal = args.journal
    passphrase = _new_passphrase(args)
    with terminal_progress("Encrypting", "files", show_after=0) as progress:
        conversion = encryption.encrypt(journal, passphrase, progress=progress)
    return _report(conversion, journal)


def _change(args: argparse.Namespace) -> Output:
    from journal.commands.terminal_progress import terminal_progress
    from journal.store import encryption

    journal: Journal = args.journal
    _require_current_passphrase(journal, args)
    passphrase = _new_passphrase(args)
    with terminal_progress("Encrypting again", "files", show_after=0) as progress:
        conversion = encryption.change_passphrase(journal, passphrase, progress=progress)
    return _report(conversion, journal)


def _off(args: argparse.Namespace) -> Output:
    from journal.commands.terminal_progress import terminal_progress
    from journal.store import encryption

    journal: Journal = args.journal
    _require_current_passphrase(journal, args)
    with terminal_progress("Decrypting", "files", show_after=0) as progress:
        conversion = encryption.decrypt(journal, progress=progress)
    return _report(conversion, journal)
