"""journal.commands: every command module is listed, registers, and keeps the parser cheap."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import journal.commands
from journal.cli import build_parser

PACKAGE = Path(journal.commands.__file__).resolve().parent

# What building the parser may load (see journal/commands/__init__.py); any other core
# module belongs inside the handler that calls it.
PARSER_MAY_LOAD = (
    "journal.core.vocabulary",
    "journal.core.errors",
    "journal.core.clock",
    "journal.core.timeutil",
    "journal.core.contacts",
    "journal.core.contact_queries",
)

# In a fresh interpreter: import the modules named, then build the parser, and report
# the domain modules (core, interchange) that building the parser loaded on top of them.
_PROBE = """
import importlib, json, sys
for name in sys.argv[1:]:
    importlib.import_module(name)
before = set(sys.modules)
from journal.cli import build_parser
build_parser()
domain = ("journal.core", "journal.interchange")
print(json.dumps(sorted(m for m in set(sys.modules) - before if m.startswith(domain))))
"""


def _loaded_by_the_parser(*preloaded: str) -> list[str]:
    done = subprocess.run(
        [sys.executable, "-c", _PROBE, *preloaded],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    loaded: list[str] = json.loads(done.stdout.strip().splitlines()[-1])
    return loaded


def test_every_command_module_is_listed_and_registers() -> None:
    # Every module but these helpers the commands share is a command.
    shared = {"__init__", "common", "terminal_progress"}
    on_disk = {p.stem for p in PACKAGE.glob("*.py")} - shared
    listed = [module.__name__.rpartition(".")[2] for module in journal.commands.MODULES]
    assert sorted(listed) == sorted(on_disk)  # each one listed, and only once
    for module in journal.commands.MODULES:
        assert callable(module.register), module.__name__


def test_the_commands_appear_in_the_order_of_the_list() -> None:
    parser = build_parser()
    subparsers = next(a for a in parser._actions if a.dest == "command")
    assert list(subparsers.choices) == [
        "demo",
        "today",
        "followup",
        "introduce",
        "suggestions",
        "keep-in-touch",
        "digest",
        "contact",
        "log",
        "timeline",
        "entry",
        "quick",
        "group",
        "attend",
        "meeting",
        "review",
        "settings",
        "import",
        "export",
        "backup",
        "restore",
        "check",
        "encryption",
    ]


def test_building_the_parser_loads_no_handler_only_domain_module() -> None:
    assert _loaded_by_the_parser(*PARSER_MAY_LOAD) == []


def test_the_parser_probe_would_notice_a_core_module() -> None:
    loaded = _loaded_by_the_parser()
    assert "journal.core.contact_queries" in loaded
    # ... and these stay out, as in the test above.
    for handler_only in ("journal.core.demo", "journal.core.groups", "journal.core.timeline"):
        assert handler_only not in loaded
