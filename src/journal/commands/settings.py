"""`journal settings`: the default currency of quick add, and starting the app at login."""

from __future__ import annotations

import argparse

from journal.commands.common import Output, Subparsers, add_command, field_lines
from journal.core.errors import JournalError
from journal.store.location import default_home, resolve_home


def register(subparsers: Subparsers, parent: argparse.ArgumentParser) -> None:
    """`settings`."""
    sub = add_command(
        subparsers, parent, "settings", "show or change the journal's settings", _settings
    )
    sub.add_argument(
        "--default-currency",
        metavar="CODE",
        help='currency of a quick-add amount typed without one (e.g. EUR; "" for none)',
    )
    sub.add_argument(
        "--start-at-login",
        choices=("on", "off"),
        help="start the app in the system tray when you log in (on this computer)",
    )


def _settings(args: argparse.Namespace) -> Output:
    from journal import autostart
    from journal.core import settings

    if args.default_currency is not None:
        settings.set_default_currency(args.default_currency)
    login = autostart.for_this_platform()
    try:
        if args.start_at_login == "on":
            home = resolve_home(getattr(args, "home", None))
            login.enable(autostart.login_command(None if home == default_home() else home))
        elif args.start_at_login == "off":
            login.disable()
    except OSError as error:
        raise JournalError(f"cannot change {login.where()}: {error.strerror or error}") from None
    currency = settings.default_currency()
    enabled = login.is_enabled()
    data = {
        "default_currency": currency or None,
        "start_at_login": enabled,
        "start_at_login_entry": login.where(),
    }
    text = field_lines(
        [
            ("Default currency", currency or "(none: quick add asks for one)"),
            ("Start at login", f"on ({login.where()})" if enabled else "off"),
        ]
    )
    return Output(data, text)
