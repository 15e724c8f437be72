"""`journal quick` and `journal settings`, run in-process as a script would."""

from __future__ import annotations

import json
import re
import subprocess
import sys
import types
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))
from cli_helpers import Capture, run, run_json

from journal.commands.quick import line_from


@pytest.fixture
def people(home: Path, capsys: Capture) -> None:
    for given, family in (("Jane", "Doe"), ("Omar", "Haddad")):
        assert run(capsys, "contact", "add", "--given", given, "--family", family)[0] == 0
    assert run(capsys, "group", "add", "BNI Downtown")[0] == 0
    assert run(capsys, "group", "add", "Chamber of Commerce")[0] == 0


def test_quick_records_and_says_what(capsys: Capture, people: None) -> None:
    code, out, err = run(
        capsys, "quick", 'coffee @"Jane Doe" @Zed ~BNI needs a bookkeeper #acc >2w'
    )
    assert code == 0, err
    assert out.startswith("Recorded coffee #1.")
    assert "Jane Doe, Zed (new, #3)" in out
    assert "BNI Downtown" in out and "needs a bookkeeper" in out
    timeline = run_json(capsys, "timeline")
    assert [(e["kind"], e["summary"], e["group"]["name"]) for e in timeline] == [
        ("coffee", "needs a bookkeeper", "BNI Downtown")
    ]
    assert [p["name"] for p in timeline[0]["people"]] == ["Jane Doe", "Zed"]
    assert run_json(capsys, "contact", "show", "Zed")["tags"] == ["acc"]


def test_quick_json_is_the_preview_with_ids(capsys: Capture, people: None) -> None:
    data = run_json(
        capsys, "quick", "referral @Omar @Newbie $1,200 ~Chamber >friday", "--currency", "usd"
    )
    assert data["recorded"] is True and isinstance(data["id"], int)
    assert data["kind"] == "referral_given" and data["direction"] == "gave"
    assert (data["amount"], data["currency"]) == ("1200", "USD")
    assert data["group"] == {"id": 2, "name": "Chamber of Commerce"}
    assert data["people"] == [
        {"id": 2, "name": "Omar Haddad", "new": False},
        {"id": 3, "name": "Newbie", "new": True},
    ]
    follow = data["follow_up"]
    assert follow["contact"] == {"id": 2, "name": "Omar Haddad"} and isinstance(follow["id"], int)
    assert data["occurred_at"].endswith("Z")
    assert data["problems"] == [] and data["warnings"] == []


def test_dry_run_stores_nothing(capsys: Capture, people: None) -> None:
    code, out, err = run(capsys, "quick", "--dry-run", "call @Newbie about the offer")
    assert code == 0, err
    assert out.startswith("Would record (nothing stored: --dry-run):")
    assert "Newbie (new)" in out
    preview = run_json(capsys, "quick", "--dry-run", "call @Newbie about the offer")
    assert preview["recorded"] is False and preview["id"] is None
    assert preview["people"] == [{"id": None, "name": "Newbie", "new": True}]
    assert run_json(capsys, "timeline") == []
    assert [c["name"] for c in run_json(capsys, "contact", "list")] == ["Jane Doe", "Omar Haddad"]


def test_a_line_with_problems_is_refused_with_its_reasons(capsys: Capture, people: None) -> None:
    code, out, err = run(capsys, "quick", "meeting ~Rotary $5 x")
    assert code == 1
    assert out.startswith("Cannot record this line (nothing stored):")
    assert "journal: ~Rotary: there is no group 'Rotary'" in err
    assert "journal: $5: which currency?" in err
    assert run_json(capsys, "timeline") == []
    code, out, _err = run(capsys, "quick", "meeting ~Rotary x", "--json")
    assert code == 1 and json.loads(out)["problems"] == ["~Rotary: there is no group 'Rotary'"]


def test_warnings_go_to_stderr(capsys: Capture, people: None) -> None:
    code, _out, err = run(capsys, "quick", "great call <3")
    assert code == 0
    assert err == "journal: note: <3: not a date; kept in the summary\n"


def test_the_default_currency_setting(capsys: Capture, people: None) -> None:
    shown = run(capsys, "settings")[1]
    assert "default-currency     not set" in shown
    assert run_json(capsys, "settings")["default_currency"] is None
    data = run_json(capsys, "settings", "set", "default-currency", "eur")
    assert data["default_currency"] == "EUR" and data["hour_value"] is None
    assert run_json(capsys, "quick", "won $5k the website")["currency"] == "EUR"
    assert (
        run_json(capsys, "settings", "set", "default-currency", "none")["default_currency"] is None
    )
    for argv, message in (
        (("euros",), "default currency: 'euros' is not a currency code (did you mean EUR?)"),
        (("EUR", "USD"), "default-currency: takes one value"),
    ):
        code, _out, err = run(capsys, "settings", "set", "default-currency", *argv)
        assert code == 1 and message in err


def test_start_at_login_from_the_command_line(
    capsys: Capture, home: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    entry = tmp_path / "config" / "autostart" / "org.contactjournal.ContactJournal.desktop"
    assert run_json(capsys, "settings")["start_at_login"] is False
    on = run_json(capsys, "settings", "set", "start-at-login", "on")
    assert on["start_at_login"] is True and on["start_at_login_entry"] == str(entry)
    text = entry.read_text()
    assert "--tray" in text and str(home) in text  # JOURNAL_HOME is this test's journal
    assert f"start-at-login       on ({entry})" in run(capsys, "settings")[1]
    assert run_json(capsys, "settings", "set", "start-at-login", "off")["start_at_login"] is False
    assert not entry.exists()
    code, _out, err = run(capsys, "settings", "set", "start-at-login", "maybe")
    assert code == 1 and "start-at-login: 'maybe' is not on or off" in err


def test_errors(capsys: Capture, home: Path) -> None:
    code, _out, err = run(capsys, "quick")
    assert code == 2 and "give the line" in err
    code, _out, err = run(capsys, "quick", "--dialog", "x")
    assert code == 2 and "--dialog takes no TEXT" in err  # a usage mistake
    code, _out, err = run(capsys, "quick", "x", "--currency", "dollars")
    assert code == 1 and "currency" in err


def test_words_from_the_shell_get_their_quotes_back() -> None:
    # `journal quick coffee @"Jane Doe" ~"BNI Downtown" hello` reaches us without quotes.
    assert line_from(["coffee", "@Jane Doe", "~BNI Downtown", "hello"]) == (
        'coffee @"Jane Doe" ~"BNI Downtown" hello'
    )
    assert line_from(['coffee @"Jane Doe" hello']) == 'coffee @"Jane Doe" hello'
    assert line_from(["a b", "#x"]) == "a b #x"


def test_dialog_asks_the_app(capsys: Capture, home: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    asked: list[tuple[Path, dict[str, object]]] = []
    module = types.ModuleType("journal.ui.app")

    def run_gui(folder: Path, **options: object) -> int:
        asked.append((folder, options))
        return 0

    module.run_gui = run_gui  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, "journal.ui.app", module)
    monkeypatch.setenv("QT_QPA_PLATFORM", "offscreen")  # a display, wherever this runs
    assert run(capsys, "quick", "--dialog") == (0, "", "")
    assert asked == [(home, {"tray": False, "request": "quick"})]
    assert not (home / "journal.sqlite3").exists()  # the app opens it, not the command


def test_quick_never_loads_qt(home: Path) -> None:
    probe = (
        "import sys; from journal.cli import main; "
        "code = main(['quick', '--dry-run', 'call @Jane about the offer']); "
        "print(sorted(m for m in sys.modules if m.startswith(('PySide6', 'journal.ui')))); "
        "sys.exit(code)"
    )
    done = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, timeout=60, check=False
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip().splitlines()[-1] == "[]"


def test_quick_help_explains_the_line_without_the_readme(capsys: Capture) -> None:
    code, out, _err = run(capsys, "quick", "--help")
    assert code == 0
    assert "README" not in out
    # Every sigil, with its example as a shell must be given it.
    for said in ("@Jane", "~BNI", "#tag", "$1,200", ">2w", "<yesterday", "@#12"):
        assert said in out, said
    assert "journal quick 'coffee @\"Jane Doe\" ~BNI needs a bookkeeper #accounting >2w'" in out


def test_digest_help_says_what_on_and_off_do(capsys: Capture) -> None:
    code, out, _err = run(capsys, "digest", "--help")
    assert code == 0
    assert re.search(r"--on\s+show it every day", out)
    assert re.search(r"--off\s+stop showing it", out)
