"""`journal quick "TEXT"`: the quick-add line from a terminal; `--dialog` opens the app's.

Also the settings of quick add and of the desktop that `journal settings` shows and sets
(the default currency, starting at login): see `desktop_settings`.
"""

from __future__ import annotations

import argparse
import sys
from typing import TYPE_CHECKING

from journal.commands.common import (
    JsonObject,
    Output,
    Subparsers,
    add_command,
    field_lines,
    format_money,
    iso_amount,
    iso_day,
    iso_instant,
    kind_label,
    local_time,
)
from journal.core.errors import JournalError, UsageError, ValidationError
from journal.store.location import default_home, resolve_home

if TYPE_CHECKING:
    from pathlib import Path

    from journal.core.quick_add import QuickEntry, QuickOutcome
    from journal.store.errors import JournalLockedError

SIGILS_WITH_NAMES = "@~"

# What `journal quick --help` says of the line: an installed app has no README beside it.
SYNTAX = """\
the line:
  first word            what kind: call, coffee, lunch, meeting, message, email,
                        met, note, intro, referral, gave, won... (any other
                        first word is part of the summary of a note)
  @Jane  @"Jane Doe"    a person, several are fine; a name not in the journal
                        becomes a new contact; @#12 is the contact with id 12
  ~BNI  ~"Group Name"   the group it came through
  #tag                  a tag, put on every person of the entry
  $1,200  $5k  $90EUR   its value
  >2w  >friday  >2026-12-01
                        a follow-up due that day
  <yesterday  <3d  <14:30
                        when it happened (default: now)
  everything else       the summary

examples (single quotes, since a shell reads > < # $ itself):
  journal quick 'coffee @"Jane Doe" ~BNI needs a bookkeeper #accounting >2w'
  journal quick --dry-run 'referral @Omar $1,200 ~Chamber'
"""


def register(subparsers: Subparsers, parent: argparse.ArgumentParser) -> None:
    """`quick`."""
    sub = add_command(
        subparsers,
        parent,
        "quick",
        'record a line such as: coffee @"Jane Doe" ~BNI needs a bookkeeper #accounting >2w',
        _quick,
    )
    sub.set_defaults(opens_own_journal=True)  # --dialog must not hold the journal open
    sub.add_argument(
        "text",
        nargs="*",
        metavar="TEXT",
        help="the line, quoted or as several words (see below)",
    )
    sub.epilog = SYNTAX
    sub.formatter_class = argparse.RawDescriptionHelpFormatter  # the epilog's lines as written
    sub.add_argument("--dry-run", action="store_true", help="show what would be recorded, only")
    sub.add_argument(
        "--currency", metavar="CODE", help="currency of a $ amount typed without one (e.g. EUR)"
    )
    sub.add_argument(
        "--dialog",
        action="store_true",
        help="open the Quick add window of the running app (starting the app if needed)",
    )


def line_from(words: list[str]) -> str:
    """The line as typed, from the words the shell passed on.

    The shell has already taken the quotes off `@"Jane Doe"`, so a word with a space that
    starts with @ or ~ gets them back; one quoted argument passes unchanged.
    """
    if len(words) == 1:
        return words[0]
    fixed = []
    for word in words:
        if word[:1] in SIGILS_WITH_NAMES and any(ch.isspace() for ch in word) and '"' not in word:
            word = f'{word[0]}"{word[1:]}"'
        fixed.append(word)
    return " ".join(fixed)


def _quick(args: argparse.Namespace) -> Output:
    home = resolve_home(getattr(args, "home", None))
    if args.dialog:
        if args.text or args.dry_run:
            raise UsageError("--dialog takes no TEXT and no --dry-run")
        return Output(None, "", open_app=home, app_request="quick")
    if not args.text:
        raise UsageError('give the line to record, e.g. journal quick "call @Jane about the offer"')
    from journal.cli import open_for  # the same opening as every command: keys, dry runs
    from journal.store.errors import JournalLockedError

    try:
        journal = open_for(args)
    except JournalLockedError as locked:
        raise _in_the_app(locked, home) from None
    try:
        return _record(line_from(args.text), args)
    finally:
        journal.close()


def _in_the_app(locked: JournalLockedError, home: Path) -> JournalLockedError:
    """The refusal of a line while the journal is held; when the app holds it, how to
    record the line there instead."""
    from journal import APP_NAME
    from journal.store.errors import JournalLockedError
    from journal.store.location import journal_path

    if not locked.holder.startswith(f"{APP_NAME} ("):
        return locked  # another `journal` command, still writing after the wait: try again
    return JournalLockedError(
        f"The journal {journal_path(home)} is open in {locked.holder}, which alone may "
        "change it now. Record the line there: `journal quick --dialog` opens its Quick "
        "add window (so does its tray menu), where you can paste the line; nothing was "
        "changed.",
        locked.holder,
    )


def _record(text: str, args: argparse.Namespace) -> Output:
    from journal.core import validate
    from journal.core.quick_add import QuickContext, apply, parse

    currency = (
        validate.currency("currency", args.currency, required=True)
        if args.currency is not None
        else None
    )
    entry = parse(text, QuickContext(default_currency=currency))
    for warning in entry.warnings:
        print(f"journal: note: {warning}", file=sys.stderr)
    if not entry.ok:
        for problem in entry.problems:
            print(f"journal: {problem}", file=sys.stderr)
        return Output(entry_json(entry, None), preview_text(entry, None), exit_code=1)
    if args.dry_run:
        return Output(entry_json(entry, None), preview_text(entry, None))
    outcome = apply(entry).value
    return Output(entry_json(entry, outcome), preview_text(entry, outcome))


def entry_json(entry: QuickEntry, outcome: QuickOutcome | None) -> JsonObject:
    """The preview, or what was recorded (`recorded`, with the new ids filled in)."""
    ids = list(outcome.contact_ids) if outcome else [p.contact_id for p in entry.people]
    people = [
        {"id": cid, "name": p.name, "new": p.is_new}
        for p, cid in zip(entry.people, ids, strict=True)
    ]
    follow_up = None
    if entry.follow_up_on is not None:
        about = people[0] if people else None
        follow_up = {
            "id": outcome.follow_up_id if outcome else None,
            "due_on": iso_day(entry.follow_up_on),
            "text": entry.follow_up_text,
            "contact": {"id": about["id"], "name": about["name"]} if about else None,
        }
    return {
        "recorded": outcome is not None,
        "id": outcome.interaction_id if outcome else None,
        "kind": entry.kind,
        "occurred_at": iso_instant(entry.occurred_at),
        "summary": entry.summary,
        "direction": entry.direction,
        "amount": iso_amount(entry.amount),
        "currency": entry.currency,
        "group": {"id": entry.group.id, "name": entry.group.name} if entry.group else None,
        "people": people,
        "tags": list(entry.tags),
        "follow_up": follow_up,
        "problems": [str(p) for p in entry.problems],
        "warnings": [str(w) for w in entry.warnings],
    }


def preview_text(entry: QuickEntry, outcome: QuickOutcome | None) -> str:
    """The entry as label-value lines, headed by what happened to it."""
    ids = list(outcome.contact_ids) if outcome else [p.contact_id for p in entry.people]
    people = ", ".join(
        f"{p.name} (new, #{cid})" if p.is_new and cid else f"{p.name} (new)" if p.is_new else p.name
        for p, cid in zip(entry.people, ids, strict=True)
    )
    follow = ""
    if entry.follow_up_on is not None:
        about = entry.follow_up_person
        follow = entry.follow_up_on.isoformat() + (f", with {about.name}" if about else "")
        follow += f": {entry.follow_up_text}"
    body = field_lines(
        [
            ("Kind", kind_label(entry.kind)),
            ("When", local_time(entry.occurred_at)),
            ("People", people),
            ("Group", entry.group.name if entry.group else ""),
            ("Summary", entry.summary),
            ("Tags", ", ".join(entry.tags)),
            ("Amount", format_money(entry.amount, entry.currency)),
            ("Follow up", follow),
        ]
    )
    if outcome is not None:
        head = f"Recorded {kind_label(entry.kind).lower()} #{outcome.interaction_id}."
    elif entry.ok:
        head = "Would record (nothing stored: --dry-run):"
    else:
        head = "Cannot record this line (nothing stored):"
    return f"{head}\n{body}"


# ---------------------------------------------------------------- settings


DESKTOP_SETTINGS = ("default-currency", "start-at-login")


def desktop_settings() -> tuple[JsonObject, list[tuple[str, str]]]:
    """Quick add's default currency and starting at login: JSON keys and text lines."""
    from journal import autostart
    from journal.core.settings import default_currency

    currency = default_currency()
    login = autostart.for_this_platform()
    enabled = login.is_enabled()
    data = {
        "default_currency": currency or None,
        "start_at_login": enabled,
        "start_at_login_entry": login.where(),
    }
    lines = [
        ("default-currency", currency or "not set"),
        ("start-at-login", f"on ({login.where()})" if enabled else "off"),
    ]
    return data, lines


def change_desktop_setting(name: str, values: list[str], home: str | None) -> bool:
    """`journal settings set default-currency EUR|none` or `start-at-login on|off`; False
    when `name` is another setting."""
    from journal import autostart
    from journal.core.settings import set_default_currency

    if name not in ("default_currency", "start_at_login"):
        return False
    label = name.replace("_", "-")
    if len(values) != 1:
        raise ValidationError(label, "takes one value")
    value = values[0].strip()
    if name == "default_currency":
        set_default_currency("" if value.lower() in ("none", "off") else value)
        return True
    if value.lower() not in ("on", "off"):
        raise ValidationError(label, f"'{value}' is not on or off")
    login = autostart.for_this_platform()
    try:
        if value.lower() == "on":
            folder = resolve_home(home)
            login.enable(autostart.login_command(None if folder == default_home() else folder))
        else:
            login.disable()
    except OSError as error:
        raise JournalError(f"cannot change {login.where()}: {error.strerror or error}") from None
    return True
