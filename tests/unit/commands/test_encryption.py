"""`journal --passphrase-stdin` and the current passphrase `encryption passphrase|off` ask for."""

from __future__ import annotations

import getpass
import io
import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from journal import cli
from journal.cli import main
from journal.store import crypto
from journal.store.keys import Answer, same_passphrase
from journal.store.location import journal_path

Capture = pytest.CaptureFixture[str]
SRC = str(Path(__file__).resolve().parents[3] / "src")
OLD = "a long enough passphrase"
NEW = "another fine passphrase"

pytestmark = pytest.mark.skipif(not crypto.sqlcipher_available(), reason="needs SQLCipher")


def run(capsys: Capture, *argv: str, stdin: str | None = None) -> tuple[int, str, str]:
    if stdin is not None:
        sys.stdin = io.StringIO(stdin)  # restored by the stdin fixture below
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def run_json(capsys: Capture, *argv: str, stdin: str | None = None) -> Any:
    code, out, err = run(capsys, *argv, "--json", stdin=stdin)
    assert code == 0, err
    return json.loads(out)


@pytest.fixture(autouse=True)
def stdin(monkeypatch: pytest.MonkeyPatch) -> None:
    """Standard input is not a terminal unless a test says so (as under a script)."""
    monkeypatch.setattr(sys, "stdin", io.StringIO(""))


@pytest.fixture
def encrypted(home: Path, capsys: Capture) -> Path:
    """A journal holding Jane Doe, encrypted with OLD; no keychain holds it."""
    run_json(capsys, "contact", "add", "--given", "Jane", "--family", "Doe")
    run_json(capsys, "backup")
    assert run_json(capsys, "encryption", "on", "--passphrase-stdin", stdin=OLD + "\n")["encrypted"]
    return journal_path(home)


def _opens_with(capsys: Capture, passphrase: str) -> bool:
    code, _out, _err = run(capsys, "--passphrase-stdin", "contact", "list", stdin=passphrase + "\n")
    return code == 0


def _terminal(monkeypatch: pytest.MonkeyPatch, *typed: str) -> list[str]:
    """Standard input is a terminal where the user types `typed`; returns the prompts."""
    answers = list(typed)
    prompts: list[str] = []

    def fake_getpass(prompt: str = "") -> str:
        prompts.append(prompt)
        return answers.pop(0)

    monkeypatch.setattr(sys.stdin, "isatty", lambda: True)
    monkeypatch.setattr(getpass, "getpass", fake_getpass)
    return prompts


# -- reading an encrypted journal from a script ------------------------------------------------


def test_any_command_reads_the_passphrase_from_stdin(encrypted: Path, capsys: Capture) -> None:
    found = run_json(capsys, "--passphrase-stdin", "contact", "search", "jane", stdin=OLD + "\n")
    assert [c["name"] for c in found] == ["Jane Doe"]
    # after the command too, and a line ending from Windows is stripped as well
    listed = run_json(capsys, "contact", "list", "--passphrase-stdin", stdin=OLD + "\r\n")
    assert [c["name"] for c in listed] == ["Jane Doe"]
    # without a final newline
    assert run_json(capsys, "timeline", "--passphrase-stdin", stdin=OLD) == []


def test_the_rest_of_stdin_is_left_to_the_command(encrypted: Path, capsys: Capture) -> None:
    code, _out, err = run(
        capsys, "--passphrase-stdin", "quick", "call @Jane about the offer", stdin=OLD + "\n"
    )
    assert code == 0, err
    # the JSON after the passphrase reaches the command: its mistake is the one reported
    code, _out, err = run(
        capsys,
        "--passphrase-stdin",
        "review",
        "record",
        "--json-file",
        "-",
        stdin=OLD + '\n{"x": 1}\n',
    )
    assert code == 1 and "unknown key 'x'" in err


def test_a_plaintext_journal_ignores_the_option(home: Path, capsys: Capture) -> None:
    run_json(capsys, "contact", "add", "--given", "Ada")
    assert len(run_json(capsys, "--passphrase-stdin", "contact", "list", stdin="")) == 1


@pytest.mark.parametrize("given", ["", "\n", "\nsecond line\n"])
def test_an_empty_first_line_is_explained(encrypted: Path, capsys: Capture, given: str) -> None:
    code, out, err = run(capsys, "--passphrase-stdin", "contact", "list", stdin=given)
    assert code == 1 and out == ""
    assert err.startswith("journal: --passphrase-stdin: line 1 of standard input is empty")
    assert "Traceback" not in err


def test_a_wrong_passphrase_on_stdin_says_what_a_typed_one_says(
    encrypted: Path, capsys: Capture, monkeypatch: pytest.MonkeyPatch
) -> None:
    code, out, err = run(capsys, "--passphrase-stdin", "contact", "list", stdin="not it at all\n")
    assert code == 1 and out == "" and "Traceback" not in err
    assert "The passphrase does not open" in err and "not it at all" not in err

    typed = [Answer("not it at all", remember=False), None]  # a wrong one, then Enter
    monkeypatch.setattr(cli, "ask_in_terminal", lambda path, reason, usable: typed.pop(0))
    assert run(capsys, "contact", "list") == (1, "", err)


def test_the_keychain_is_not_asked_when_stdin_is(
    encrypted: Path, capsys: Capture, memory_keyring: Any
) -> None:
    memory_keyring.set_password("Contact Journal", str(encrypted.resolve()), OLD)
    assert run(capsys, "contact", "list")[0] == 0  # the keychain opens it
    code, _out, err = run(capsys, "--passphrase-stdin", "contact", "list", stdin="wrong one\n")
    assert code == 1 and "The passphrase does not open" in err
    assert list(memory_keyring.entries.values()) == [OLD]  # and is left as it was


def test_the_hint_names_the_option_and_the_keychain_only_where_there_is_one(
    encrypted: Path, capsys: Capture, memory_keyring: Any
) -> None:
    code, _out, err = run(capsys, "contact", "list")
    hint = err[err.index("Run the command in a terminal") :]
    assert code == 1 and "--passphrase-stdin" in hint and "system keychain" in hint


def test_without_a_keychain_the_hint_does_not_offer_one(encrypted: Path, capsys: Capture) -> None:
    code, _out, err = run(capsys, "contact", "list")
    assert code == 1
    hint = err[err.index("Run the command in a terminal") :]
    assert "--passphrase-stdin" in hint and "keychain" not in hint


def test_the_desktop_app_refuses_the_option(home: Path, capsys: Capture) -> None:
    code, _out, err = run(capsys, "--passphrase-stdin", stdin=OLD + "\n")
    assert code == 1 and "the desktop app asks for the passphrase" in err


# -- changing the encryption asks for the current passphrase -------------------------------------


def test_rekey_reads_the_current_then_the_new_passphrase(
    encrypted: Path, capsys: Capture, memory_keyring: Any
) -> None:
    memory_keyring.set_password("Contact Journal", str(encrypted.resolve()), OLD)
    done = run_json(
        capsys, "encryption", "passphrase", "--passphrase-stdin", stdin=f"{OLD}\n{NEW}\n"
    )
    assert done["encrypted"] and done["backups_converted"] == 1
    assert list(memory_keyring.entries.values()) == [NEW]
    assert _opens_with(capsys, NEW) and not _opens_with(capsys, OLD)


def test_rekey_with_a_wrong_current_passphrase_changes_nothing(
    encrypted: Path, capsys: Capture
) -> None:
    before = encrypted.read_bytes()
    code, _out, err = run(
        capsys, "encryption", "passphrase", "--passphrase-stdin", stdin=f"not it at all\n{NEW}\n"
    )
    assert code == 1 and "The passphrase does not open" in err
    assert encrypted.read_bytes() == before and _opens_with(capsys, OLD)


def test_rekey_without_a_second_line_changes_nothing(encrypted: Path, capsys: Capture) -> None:
    code, _out, err = run(capsys, "--passphrase-stdin", "encryption", "passphrase", stdin=OLD)
    assert code == 1 and "line 2 of standard input is empty or missing" in err
    assert "the new passphrase" in err and "Traceback" not in err
    assert _opens_with(capsys, OLD)


@pytest.mark.parametrize("action", ["passphrase", "off"])
def test_the_keychain_alone_cannot_change_the_encryption(
    encrypted: Path, capsys: Capture, memory_keyring: Any, action: str
) -> None:
    memory_keyring.set_password("Contact Journal", str(encrypted.resolve()), OLD)
    code, _out, err = run(capsys, "encryption", action, stdin=f"{NEW}\n")
    assert code == 1 and "needs the current passphrase" in err
    assert "nothing was changed" in err
    assert crypto.is_encrypted(encrypted) and _opens_with(capsys, OLD)


@pytest.mark.parametrize("action", ["passphrase", "off"])
def test_a_wrong_current_passphrase_typed_in_the_terminal_changes_nothing(
    encrypted: Path,
    capsys: Capture,
    memory_keyring: Any,
    monkeypatch: pytest.MonkeyPatch,
    action: str,
) -> None:
    memory_keyring.set_password("Contact Journal", str(encrypted.resolve()), OLD)
    prompts = _terminal(monkeypatch, "not it at all", NEW, NEW)
    code, _out, err = run(capsys, "encryption", action)
    assert code == 1 and "that is not the journal's passphrase" in err
    assert prompts == ["Current passphrase: "]  # the new one was never asked for
    assert crypto.is_encrypted(encrypted) and _opens_with(capsys, OLD)


def test_the_right_current_passphrase_typed_in_the_terminal_changes_it(
    encrypted: Path, capsys: Capture, memory_keyring: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    memory_keyring.set_password("Contact Journal", str(encrypted.resolve()), OLD)
    prompts = _terminal(monkeypatch, OLD, NEW, NEW)
    assert run_json(capsys, "encryption", "passphrase")["encrypted"]
    assert prompts == ["Current passphrase: ", "New passphrase: ", "Once more: "]
    assert list(memory_keyring.entries.values()) == [NEW]

    prompts = _terminal(monkeypatch, NEW)
    assert run_json(capsys, "encryption", "off")["encrypted"] is False
    assert prompts == ["Current passphrase: "]
    assert not crypto.is_encrypted(encrypted)


def test_a_passphrase_typed_to_open_is_not_asked_again(
    encrypted: Path, capsys: Capture, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(cli, "ask_in_terminal", lambda path, reason, usable: Answer(OLD, False))
    prompts = _terminal(monkeypatch)  # any prompt would fail: nothing more to type
    assert run_json(capsys, "encryption", "off")["encrypted"] is False
    assert prompts == []


def test_stop_encrypting_with_the_passphrase_on_stdin(encrypted: Path, capsys: Capture) -> None:
    code, _out, err = run(capsys, "--passphrase-stdin", "encryption", "off", stdin="nope\n")
    assert code == 1 and "The passphrase does not open" in err and crypto.is_encrypted(encrypted)
    assert run_json(capsys, "--passphrase-stdin", "encryption", "off", stdin=OLD + "\n")
    assert not crypto.is_encrypted(encrypted)


def test_same_passphrase_compares_any_text() -> None:
    assert same_passphrase("côté 東京 🔑", "côté 東京 🔑")
    assert not same_passphrase("côté 東京 🔑", "cote 東京 🔑")
    assert not same_passphrase("", None)


# -- through a real pipe -----------------------------------------------------------------------


def test_a_script_pipes_the_passphrase(tmp_path: Path) -> None:
    """A real process and pipe, with SQLCipher's real key derivation."""
    env = {
        **os.environ,
        "JOURNAL_HOME": str(tmp_path / "j"),
        "PYTHONPATH": SRC,
        # never the machine's own keychain
        "PYTHON_KEYRING_BACKEND": "keyring.backends.fail.Keyring",
    }

    def journal(given: str, *argv: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [sys.executable, "-m", "journal", *argv],
            input=given,
            env=env,
            capture_output=True,
            text=True,
            timeout=120,
            check=False,
        )

    assert journal("", "contact", "add", "--given", "Jane", "--family", "Doe").returncode == 0
    assert journal(OLD + "\n", "encryption", "on", "--passphrase-stdin").returncode == 0
    found = journal(OLD + "\n", "--passphrase-stdin", "contact", "search", "jane")
    assert found.returncode == 0, found.stderr
    assert "Jane Doe" in found.stdout
    wrong = journal("not it at all\n", "--passphrase-stdin", "contact", "search", "jane")
    assert wrong.returncode == 1 and wrong.stdout == ""
    assert wrong.stderr.startswith("journal: The passphrase does not open")
    assert "Traceback" not in wrong.stderr


@pytest.mark.parametrize(("backups", "said"), [(1, "1 backup converted too."), (2, "2 backups")])
def test_the_backups_converted_are_counted_in_words(
    home: Path, capsys: Capture, backups: int, said: str
) -> None:
    run_json(capsys, "contact", "add", "--given", "Jane", "--family", "Doe")
    for _ in range(backups):
        run_json(capsys, "backup")
    code, out, _ = run(capsys, "encryption", "on", "--passphrase-stdin", stdin=OLD + "\n")
    assert code == 0 and said in out
    assert "(s)" not in out
