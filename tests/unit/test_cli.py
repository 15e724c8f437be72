"""The `journal` command line, run in-process: every command, its JSON, and user mistakes."""

from __future__ import annotations

import datetime as dt
import json
import os
import subprocess
import sys
import tempfile
import time
import types
import unicodedata
from collections.abc import Iterator
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent / "commands"))
from cli_helpers import NOW, TODAY, Capture, refused, run, run_json, stop_system_clock

from journal import __version__
from journal.cli import main
from journal.display import display_problem


@pytest.fixture(autouse=True)
def stopped_system_clock(monkeypatch: pytest.MonkeyPatch) -> None:
    """The commands' "now" is cli_helpers.NOW, and their today is TODAY."""
    stop_system_clock(monkeypatch)


def add_jane(capsys: Capture) -> int:
    data = run_json(
        capsys, "contact", "add", "--given", "Jane", "--family", "Doe", "--org", "Acme Studio"
    )
    return int(data["id"])


@pytest.fixture
def fake_gui(monkeypatch: pytest.MonkeyPatch) -> list[Path]:
    """Stands in for journal.ui.app; lists the folders the desktop app was started on."""
    started: list[Path] = []
    module = types.ModuleType("journal.ui.app")

    def run_gui(home: Path, **options: object) -> int:
        started.append(home)
        return 0

    module.run_gui = run_gui  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, "journal.ui.app", module)
    monkeypatch.setenv("QT_QPA_PLATFORM", "offscreen")  # a display, wherever the tests run
    return started


@pytest.fixture
def no_display(monkeypatch: pytest.MonkeyPatch, fake_gui: list[Path]) -> list[Path]:
    """A session without a screen (SSH): no display named, no Qt platform chosen."""
    for name in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM"):
        monkeypatch.delenv(name, raising=False)
    return fake_gui


@pytest.fixture
def new_york() -> Iterator[None]:
    """The process's local time zone is New York for the test (UTC-5 in November)."""
    if not hasattr(time, "tzset"):
        pytest.skip("time.tzset is not available on this platform")
    before = os.environ.get("TZ")
    os.environ["TZ"] = "America/New_York"
    time.tzset()
    yield
    if before is None:
        del os.environ["TZ"]
    else:
        os.environ["TZ"] = before
    time.tzset()


# ------------------------------------------------------------------ global options


def test_version_prints_the_package_version(capsys: Capture) -> None:
    code, out, _ = run(capsys, "--version")
    assert code == 0
    assert out.strip() == f"journal {__version__}"


def test_no_command_starts_the_desktop_app_on_the_journal_home(
    capsys: Capture, home: Path, fake_gui: list[Path]
) -> None:
    assert main([]) == 0
    assert fake_gui == [home]


def test_home_option_before_the_command_wins_over_the_environment(
    capsys: Capture, home: Path, fake_gui: list[Path], tmp_path: Path
) -> None:
    elsewhere = tmp_path / "elsewhere"
    assert main(["--home", str(elsewhere)]) == 0
    assert fake_gui == [elsewhere]


@pytest.fixture
def default_journal(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Path:
    """Stands in for the platform's data folder, the user's own journal."""
    folder = tmp_path / "default"
    monkeypatch.setattr("journal.store.location.default_home", lambda: folder)
    return folder


def test_an_empty_home_is_refused_before_anything_is_opened(
    capsys: Capture, home: Path, fake_gui: list[Path], default_journal: Path
) -> None:
    for argv in (
        ("--home", "", "contact", "list"),
        ("contact", "list", "--home", ""),
        ("--home", "", "contact", "add", "--given", "Ann"),
        ("--home", "", "restore", "--list"),
        ("--home", "", "quick", "coffee with @Ann"),
        ("--home", "", "quick", "--dialog"),
        ("--home", ""),  # the desktop app
        ("--home", "", "--tray"),
        ("demo", "--no-gui", "--home", ""),
        ("demo", "--home", ""),
    ):
        err = refused(capsys, *argv)
        assert "--home is empty" in err and "Nothing was changed" in err, argv
    assert fake_gui == []
    assert not home.exists() and not default_journal.exists()


def test_an_empty_journal_home_variable_is_refused_naming_it(
    capsys: Capture,
    fake_gui: list[Path],
    default_journal: Path,
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
) -> None:
    monkeypatch.setenv("JOURNAL_HOME", "")
    for argv in (("contact", "list"), ("contact", "add", "--given", "Ann"), ()):
        err = refused(capsys, *argv)
        assert "JOURNAL_HOME environment variable is set but empty" in err, argv
        assert "unset JOURNAL_HOME" in err
    assert fake_gui == [] and not default_journal.exists()
    # --home still wins over it
    assert run_json(capsys, "--home", str(tmp_path / "given"), "contact", "list") == []


def test_home_works_before_and_after_the_subcommand(
    capsys: Capture, home: Path, tmp_path: Path
) -> None:
    other = tmp_path / "other"
    run_json(capsys, "--home", str(other), "contact", "add", "--given", "Ann")
    after = run_json(capsys, "contact", "list", "--home", str(other))
    before = run_json(capsys, "--home", str(other), "contact", "list")
    assert [c["name"] for c in after] == ["Ann"]
    assert before == after
    assert run_json(capsys, "contact", "list") == []  # JOURNAL_HOME's journal is untouched
    assert (other / "journal.sqlite3").exists()


def test_json_may_come_before_the_subcommand(capsys: Capture, home: Path) -> None:
    add_jane(capsys)
    code, out, _ = run(capsys, "--json", "contact", "list")
    assert code == 0
    assert json.loads(out)[0]["name"] == "Jane Doe"


def test_usage_errors_exit_2(capsys: Capture, home: Path) -> None:
    assert main(["contact"]) == 2
    err = capsys.readouterr().err  # the actions it has, each with what it does
    assert "add a contact" in err and "merge" in err
    assert err.endswith("journal contact: say what to do: add, list, show, search, edit, "
                        "archive, delete, merge\n")  # fmt: skip
    assert main(["group", "member"]) == 2
    assert capsys.readouterr().err.endswith("journal group member: say what to do: add, remove\n")
    assert main(["contact", "frob"]) == 2
    assert "invalid choice: 'frob'" in capsys.readouterr().err
    assert main(["timeline", "--limit", "many"]) == 2
    assert "'many' is not a whole number" in capsys.readouterr().err


def test_help_exits_0(capsys: Capture) -> None:
    assert main(["--help"]) == 0
    assert "contact" in capsys.readouterr().out


def test_a_file_that_is_not_a_journal_is_a_clear_error(capsys: Capture, tmp_path: Path) -> None:
    folder = tmp_path / "broken"
    folder.mkdir()
    (folder / "journal.sqlite3").write_bytes(b"this is not SQLite at all" * 100)
    err = refused(capsys, "contact", "list", "--home", str(folder))
    assert "not a readable Contact Journal" in err


def test_text_that_is_not_utf8_is_a_clear_error(capsys: Capture, home: Path) -> None:
    # A Latin-1 terminal's é reaches Python as a lone surrogate, which SQLite cannot store:
    # it was a traceback out of the write.
    code, out, err = run(capsys, "contact", "add", "--given", "\udce9t\udce9")
    assert (code, out) == (1, "")
    assert err.startswith("journal: the text '\\xe9t\\xe9' is not valid UTF-8")
    assert "nothing was changed" in err
    assert run_json(capsys, "contact", "list") == []


def test_running_out_of_memory_is_a_clear_error(
    capsys: Capture, home: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # `journal import /dev/zero` read until memory ran out, then ended with a traceback.
    add_jane(capsys)
    endless = tmp_path / "endless.vcf"
    endless.write_text("BEGIN:VCARD\n")

    def no_memory(data: bytes, source: str) -> tuple[str, str]:
        raise MemoryError  # where a file too large for memory gives out: its text

    from journal.interchange import reading

    with monkeypatch.context() as patched:
        patched.setattr(reading, "decode", no_memory)
        code, out, err = run(capsys, "import", str(endless))
    assert (code, out) == (1, "")
    assert err.startswith("journal: there was not enough memory")
    assert len(run_json(capsys, "contact", "list")) == 1


def test_a_journal_folder_of_too_long_a_name_is_a_clear_error(
    capsys: Capture, tmp_path: Path
) -> None:
    for home in (tmp_path / ("e" * 300), tmp_path.joinpath(*["f" * 250] * 20)):
        code, out, err = run(capsys, "--home", str(home), "contact", "list")
        assert (code, out) == (1, "")
        assert err.startswith(f"journal: Cannot create the journal folder {home}: File name")


def test_commands_never_import_qt(home: Path) -> None:
    script = (
        "import sys\n"
        "from journal.cli import main\n"
        "code = main(['contact', 'list'])\n"
        "qt = sorted(m for m in sys.modules if m.startswith(('PySide6', 'shiboken6')))\n"
        "print('QT=' + ','.join(qt))\n"
        "sys.exit(code)\n"
    )
    env = {**os.environ, "JOURNAL_HOME": str(home)}
    done = subprocess.run(
        [sys.executable, "-c", script], env=env, capture_output=True, text=True, timeout=120
    )
    assert done.returncode == 0, done.stderr
    assert "No contacts yet: add one with journal contact add --given NAME." in done.stdout
    assert done.stdout.strip().splitlines()[-1] == "QT="
    assert (home / "journal.sqlite3").exists()


def test_starting_the_app_neither_imports_the_commands_nor_builds_their_parsers(
    tmp_path: Path,
) -> None:
    # The desktop app's start (global options only) is parsed without the command modules.
    script = (
        "import sys, types\n"
        "started = []\n"
        "fake = types.ModuleType('journal.ui.app')\n"
        "fake.run_gui = lambda home, **options: started.append((str(home), options)) or 0\n"
        "sys.modules['journal.ui.app'] = fake\n"
        "from journal.cli import main\n"
        "code = main(sys.argv[1:])\n"
        "print(started, sorted(m for m in sys.modules if m.startswith('journal.commands')))\n"
        "sys.exit(code)\n"
    )
    home = str(tmp_path / "j")
    done = subprocess.run(
        [sys.executable, "-c", script, "--tray", f"--home={home}", "--json"],
        capture_output=True,
        text=True,
        timeout=120,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},  # a display, wherever this runs
    )
    assert done.returncode == 0, done.stderr
    expected = [(home, {"tray": True, "request": ""})]
    assert done.stdout.strip() == f"{expected} []"


@pytest.mark.parametrize(
    ("argv", "said"),
    [
        (["--h"], "unrecognized arguments: --h"),  # no abbreviations: not --help, not --home
        (["--js"], "unrecognized arguments: --js"),
        (["--home"], "argument --home: expected one argument"),
        (["--tray", "nonsense"], "invalid choice: 'nonsense'"),
    ],
)
def test_a_mistake_among_the_global_options_is_explained_by_the_whole_parser(
    capsys: Capture, fake_gui: list[Path], argv: list[str], said: str
) -> None:
    assert main(argv) == 2
    assert said in capsys.readouterr().err
    assert fake_gui == []


# ------------------------------------------------------------------ contacts


def test_contact_add_stores_every_field_and_reports_it(capsys: Capture, home: Path) -> None:
    data = run_json(
        capsys,
        "contact", "add",
        "--given", "Jane", "--family", "Doe", "--nickname", "JD",
        "--org", "Acme Studio", "--title", "Founder",
        "--email", "jane@example.org", "--email", "jd@acme.example",
        "--phone", "+1 555 0100", "--url", "https://acme.example",
        "--tag", "design", "--tag", "#friend",
        "--stage", "client", "--met-on", "2025-03-02",
        "--where-met", "the chamber breakfast", "--how-met", "sat at the same table",
        "--in-person", "--know", "3", "--like", "4", "--trust", "5",
        "--needs", "a bookkeeper", "--offers", "logo design",
        "--first-impression", "quiet", "--birthday", "1990-06-01",
        "--stay-in-touch", "30", "--notes", "Two kids",
    )  # fmt: skip
    assert data["id"] == 1
    assert data["name"] == "Jane Doe"
    assert (data["given_name"], data["family_name"], data["nickname"]) == ("Jane", "Doe", "JD")
    assert (data["organisation"], data["title"], data["stage"]) == (
        "Acme Studio",
        "Founder",
        "client",
    )
    assert data["channels"] == [
        {"kind": "email", "value": "jane@example.org", "label": ""},
        {"kind": "email", "value": "jd@acme.example", "label": ""},
        {"kind": "phone", "value": "+1 555 0100", "label": ""},
        {"kind": "url", "value": "https://acme.example", "label": ""},
    ]
    assert data["tags"] == ["design", "friend"]
    assert data["met_on"] == "2025-03-02"
    assert data["met_mode"] == "in_person"
    assert data["where_met"] == "the chamber breakfast"
    assert data["how_met"] == "sat at the same table"
    assert (data["know"], data["like"], data["trust"]) == (3, 4, 5)
    assert (data["needs"], data["offers"]) == ("a bookkeeper", "logo design")
    assert data["first_impression"] == "quiet"
    assert data["birthday"] == "1990-06-01"
    assert data["stay_in_touch_days"] == 30
    assert data["notes"] == "Two kids"
    assert data["archived"] is False
    assert data["groups"] == []
    assert data["met_through"] is None
    assert data["interaction_count"] == 0
    assert data["last_contact_at"] is None


def test_a_birthday_can_be_given_without_its_year(capsys: Capture, home: Path) -> None:
    data = run_json(capsys, "contact", "add", "--given", "Jane", "--birthday", "02-29")
    assert data["birthday"] == "1604-02-29"  # stored without a year, as Apple does
    code, out, _ = run(capsys, "contact", "show", "Jane")
    assert code == 0 and "Birthday  02-29\n" in out
    edited = run_json(capsys, "contact", "edit", "Jane", "--birthday=--03-15")
    assert edited["birthday"] == "1604-03-15"
    assert run_json(capsys, "contact", "edit", "Jane", "--birthday", "")["birthday"] is None
    assert "not a day of the year" in refused(
        capsys, "contact", "edit", "Jane", "--birthday", "02-30"
    )
    assert "MM-DD without the year" in refused(
        capsys, "contact", "edit", "Jane", "--birthday", "June"
    )


def test_contact_add_prints_a_short_confirmation(capsys: Capture, home: Path) -> None:
    code, out, _ = run(capsys, "contact", "add", "--given", "Jane", "--family", "Doe")
    assert code == 0
    assert out.strip() == "Added Jane Doe (#1)."


def test_contact_add_refuses_bad_input_naming_the_field(capsys: Capture, home: Path) -> None:
    assert "give at least a name" in refused(capsys, "contact", "add", "--title", "CEO")
    err = refused(capsys, "contact", "add", "--given", "Jo", "--met-on", "2025-02-30")
    assert "date met: '2025-02-30' is not a date" in err
    err = refused(capsys, "contact", "add", "--given", "Jo", "--know", "9")
    assert "know: must be between 1 and 5" in err
    err = refused(capsys, "contact", "add", "--given", "Jo", "--email", "not-an-address")
    assert "does not look like an e-mail address" in err
    assert run_json(capsys, "contact", "list") == []


def test_contact_add_met_through_resolves_the_introducer(capsys: Capture, home: Path) -> None:
    jane = add_jane(capsys)
    data = run_json(capsys, "contact", "add", "--given", "Omar", "--met-through", "jane doe")
    assert data["met_through"] == {"id": jane, "name": "Jane Doe"}


def test_contact_list_filters_sorts_and_limits(capsys: Capture, home: Path) -> None:
    run_json(capsys, "contact", "add", "--given", "Zoë", "--tag", "design", "--stage", "client")
    run_json(capsys, "contact", "add", "--given", "Ana", "--org", "Kite", "--tag", "design")
    run_json(capsys, "contact", "add", "--given", "Mei", "--stage", "client")
    names = [c["name"] for c in run_json(capsys, "contact", "list")]
    assert names == ["Ana", "Mei", "Zoë"]
    desc = [c["name"] for c in run_json(capsys, "contact", "list", "--desc")]
    assert desc == ["Zoë", "Mei", "Ana"]
    tagged = [c["name"] for c in run_json(capsys, "contact", "list", "--tag", "design")]
    assert tagged == ["Ana", "Zoë"]
    clients = [c["name"] for c in run_json(capsys, "contact", "list", "--stage", "client")]
    assert clients == ["Mei", "Zoë"]
    by_org = run_json(capsys, "contact", "list", "--sort", "organisation", "--desc")
    assert by_org[0]["name"] == "Ana"
    assert len(run_json(capsys, "contact", "list", "--limit", "2")) == 2
    first = run_json(capsys, "contact", "list")[0]
    assert first == {
        "id": 2,
        "name": "Ana",
        "organisation": "Kite",
        "title": "",
        "stage": "new",
        "archived": False,
        "tags": ["design"],
        "last_contact_at": None,
    }


def test_contact_list_prints_an_aligned_table(capsys: Capture, home: Path) -> None:
    add_jane(capsys)
    run_json(capsys, "contact", "add", "--given", "小明", "--family", "王", "--tag", "tech")
    code, out, _ = run(capsys, "contact", "list", "--limit", "5")
    assert code == 0
    lines = out.splitlines()
    assert lines[0].split() == ["ID", "NAME", "ORGANISATION", "STAGE", "LAST", "CONTACT", "TAGS"]
    assert lines[1].split()[:2] == ["1", "Jane"]
    assert "never" in lines[1]
    # The stage column starts at the same screen column on every line, CJK included.
    stage_column = lines[0].index("STAGE")
    assert lines[1][stage_column:].startswith("new")
    wide_row = lines[2]
    assert wide_row.startswith("2   王小明")
    before_stage = wide_row[: wide_row.index("new")]
    screen_columns = sum(2 if unicodedata.east_asian_width(c) == "W" else 1 for c in before_stage)
    assert screen_columns == stage_column
    assert lines[-1] == "2 contacts"


def test_contact_list_of_a_group_shows_its_members(capsys: Capture, home: Path) -> None:
    jane = add_jane(capsys)
    run_json(capsys, "contact", "add", "--given", "Omar")
    run_json(capsys, "group", "add", "Chamber")
    run_json(capsys, "group", "member", "add", "Chamber", str(jane))
    members = run_json(capsys, "contact", "list", "--group", "chamber")
    assert [m["id"] for m in members] == [jane]
    assert "no group 'Nowhere'" in refused(capsys, "contact", "list", "--group", "Nowhere")


def test_a_partial_group_name_suggests_the_full_ones(capsys: Capture, home: Path) -> None:
    run_json(capsys, "group", "add", "Chamber of Commerce")
    run_json(capsys, "group", "add", "Young Chamber")
    run_json(capsys, "group", "add", "BNI")
    err = refused(capsys, "group", "show", "chamber")
    assert "There is no group 'chamber'." in err
    assert "Did you mean: Chamber of Commerce (#1), Young Chamber (#2)?" in err


def test_contact_search_matches_word_prefixes(capsys: Capture, home: Path) -> None:
    add_jane(capsys)
    run_json(capsys, "contact", "add", "--given", "Omar", "--needs", "a bookkeeper")
    assert [c["name"] for c in run_json(capsys, "contact", "search", "jan", "acm")] == ["Jane Doe"]
    assert [c["name"] for c in run_json(capsys, "contact", "search", "bookk")] == ["Omar"]
    code, out, _ = run(capsys, "contact", "search", "nobody")
    assert code == 0
    assert out.strip() == "No contacts match."


def test_contact_search_finds_a_phone_number_by_its_digits(capsys: Capture, home: Path) -> None:
    run_json(capsys, "contact", "add", "--given", "Omar", "--phone", "+44 20 7946 0958")
    for typed in ("02079460958", "+442079460958", "020 7946 0958", "2079460958"):
        assert [c["name"] for c in run_json(capsys, "contact", "search", typed)] == ["Omar"]
    assert run_json(capsys, "contact", "search", "02079460959") == []


def test_contact_add_refuses_a_phone_without_digits_and_a_website_with_spaces(
    capsys: Capture, home: Path
) -> None:
    err = refused(capsys, "contact", "add", "--given", "Omar", "--phone", "abc")
    assert err.startswith("journal: phone: 'abc' is not a phone number")
    err = refused(capsys, "contact", "add", "--given", "Omar", "--url", "not a url")
    assert err.startswith("journal: website: 'not a url' is not a web address")
    err = refused(capsys, "contact", "add", "--given", "Omar", "--email", "omar@")
    assert err == "journal: e-mail: 'omar@' does not look like an e-mail address\n"
    assert run_json(capsys, "contact", "list") == []


def test_contact_add_takes_the_whole_name(capsys: Capture, home: Path) -> None:
    jane = run_json(capsys, "contact", "add", "Jane  Roe", "--org", "Acme")
    assert (jane["given_name"], jane["family_name"], jane["name"]) == ("Jane", "Roe", "Jane Roe")
    mary = run_json(capsys, "contact", "add", "Mary Ann Lee")
    assert (mary["given_name"], mary["family_name"]) == ("Mary", "Ann Lee")
    wang = run_json(capsys, "contact", "add", "王 小明")  # family name first, as written
    assert (wang["given_name"], wang["family_name"], wang["name"]) == ("小明", "王", "王小明")
    code, out, err = run(capsys, "contact", "add", "Jo Roe", "--given", "Jo")
    assert (code, out) == (2, "")
    assert err == "journal: give the name once: as NAME, or with --given and --family\n"


def test_contact_show_by_name_or_id_with_recent_timeline(capsys: Capture, home: Path) -> None:
    jane = add_jane(capsys)
    run_json(capsys, "contact", "add", "--given", "Omar", "--family", "Haddad")
    run_json(capsys, "group", "add", "Chamber")
    run_json(capsys, "group", "member", "add", "Chamber", "Jane Doe")
    run_json(capsys, "log", "call", "Catch-up call", "--with", "Jane Doe", "--when", "2025-05-01")
    run_json(
        capsys, "log", "coffee", "Coffee downtown", "--with", "#1", "--with", "Omar Haddad",
        "--when", "2025-06-01T09:30",
    )  # fmt: skip
    by_id = run_json(capsys, "contact", "show", str(jane))
    by_name = run_json(capsys, "contact", "show", "JANE DOE")
    assert by_id == by_name
    assert by_id["groups"] == [{"id": 1, "name": "Chamber"}]
    assert by_id["interaction_count"] == 2
    assert [e["summary"] for e in by_id["recent"]] == ["Coffee downtown", "Catch-up call"]
    assert by_id["recent"][0]["people"] == [  # in name order
        {"id": 1, "name": "Jane Doe"},
        {"id": 2, "name": "Omar Haddad"},
    ]
    assert by_id["last_contact_at"] == by_id["recent"][0]["occurred_at"]
    one = run_json(capsys, "contact", "show", "1", "--recent", "1")
    assert len(one["recent"]) == 1

    code, out, _ = run(capsys, "contact", "show", "Jane Doe")
    assert code == 0
    assert out.startswith("Jane Doe (#1)\n")
    assert "Organisation" in out and "Acme Studio" in out
    assert "Groups" in out and "Chamber" in out
    assert "2 entries" in out
    assert "Recent" in out and "Coffee downtown" in out and "Catch-up call" in out


def test_contact_show_explains_unknown_and_ambiguous_names(capsys: Capture, home: Path) -> None:
    run_json(capsys, "contact", "add", "--given", "Ann")
    run_json(capsys, "contact", "add", "--given", "ann", "--org", "Kite")
    err = refused(capsys, "contact", "show", "Ann")
    assert "'Ann' could be 2 contacts" in err
    assert "1 (Ann)" in err and "2 (ann, Kite)" in err
    assert "no contact named 'Bob'" in refused(capsys, "contact", "show", "Bob")
    assert "no contact with id 99" in refused(capsys, "contact", "show", "99")


def test_a_contact_named_with_digits_can_be_named(capsys: Capture, home: Path) -> None:
    first = run_json(capsys, "contact", "add", "--given", "Ann")["id"]
    named = run_json(capsys, "contact", "add", "--given", "42")["id"]
    assert run_json(capsys, "contact", "show", "42")["id"] == named  # no contact #42
    assert run_json(capsys, "contact", "show", "#1")["id"] == first
    clash = run_json(capsys, "contact", "add", "--given", str(first))["id"]
    err = refused(capsys, "contact", "show", str(first))
    assert f"'{first}' is the id of a contact and the name of #{clash}" in err
    assert run_json(capsys, "contact", "show", f"#{first}")["id"] == first
    assert run_json(capsys, "contact", "show", f"#{clash}")["id"] == clash
    assert run_json(capsys, "contact", "show", str(named))["id"] == named  # "2" is not a name


def test_contact_edit_changes_only_what_is_given(capsys: Capture, home: Path) -> None:
    run_json(
        capsys, "contact", "add", "--given", "Jane", "--family", "Doe", "--org", "Acme",
        "--email", "old@example.org", "--phone", "555", "--tag", "design", "--tag", "local",
        "--notes", "keep me",
    )  # fmt: skip
    data = run_json(
        capsys, "contact", "edit", "Jane Doe", "--family", "Smith", "--email", "new@example.org",
        "--add-tag", "friend", "--remove-tag", "LOCAL", "--online", "--stage", "friend",
    )  # fmt: skip
    assert data["name"] == "Jane Smith"
    assert data["organisation"] == "Acme"
    assert data["notes"] == "keep me"
    assert data["stage"] == "friend"
    assert data["met_mode"] == "online"
    assert [(c["kind"], c["value"]) for c in data["channels"]] == [
        ("phone", "555"),
        ("email", "new@example.org"),
    ]
    assert sorted(data["tags"]) == ["design", "friend"]
    cleared = run_json(capsys, "contact", "edit", "1", "--email", "", "--org", "", "--tag", "")
    assert [c["kind"] for c in cleared["channels"]] == ["phone"]
    assert cleared["organisation"] == ""
    assert cleared["tags"] == []
    code, out, _ = run(capsys, "contact", "edit", "1", "--title", "CEO")
    assert (code, out.strip()) == (0, "Updated Jane Smith (#1).")
    assert "stage: is required" in refused(capsys, "contact", "edit", "1", "--stage", "")
    assert "no contact with id 7" in refused(capsys, "contact", "edit", "7", "--title", "x")


def test_an_empty_tag_is_refused_and_a_tag_with_a_comma_kept_whole(
    capsys: Capture, home: Path
) -> None:
    jane = add_jane(capsys)
    for empty in ("", "  ", "#"):
        err = refused(capsys, "contact", "edit", str(jane), "--add-tag", empty)
        assert err.strip() == "journal: tag: cannot be empty: give the tag a name"
    blank = refused(capsys, "contact", "add", "--given", "Al", "--tag", " ")
    assert "tag: cannot be empty" in blank
    data = run_json(capsys, "contact", "edit", str(jane), "--add-tag", "a,b")
    assert data["tags"] == ["a,b"]
    assert run_json(capsys, "contact", "edit", str(jane), "--tag", "")["tags"] == []


def test_contact_archive_hides_and_undo_brings_back(capsys: Capture, home: Path) -> None:
    jane = add_jane(capsys)
    data = run_json(capsys, "contact", "archive", str(jane))
    assert data["archived"] is True
    assert run_json(capsys, "contact", "list") == []
    listed = run_json(capsys, "contact", "list", "--archived")
    assert [(c["id"], c["archived"]) for c in listed] == [(jane, True)]
    code, out, _ = run(capsys, "contact", "archive", str(jane), "--undo")
    assert (code, out.strip()) == (0, f"Brought back Jane Doe (#{jane}).")
    assert [c["id"] for c in run_json(capsys, "contact", "list")] == [jane]


def test_contact_delete_needs_yes(capsys: Capture, home: Path) -> None:
    jane = add_jane(capsys)
    err = refused(capsys, "contact", "delete", str(jane))
    assert "--yes" in err
    assert "journal contact archive 1" in err
    assert [c["id"] for c in run_json(capsys, "contact", "list")] == [jane]
    # `show` adds what only it lists: the latest entries, the rhythm, the follow-ups.
    extras = ("recent", "stay_in_touch", "follow_ups")
    shown = {k: v for k, v in run_json(capsys, "contact", "show", "1").items() if k not in extras}
    # As `entry delete` and `meeting delete`: what was deleted, in its own shape.
    assert run_json(capsys, "contact", "delete", "Jane Doe", "--yes") == {
        **shown,
        "deleted": True,
    }
    assert run_json(capsys, "contact", "list", "--archived") == []
    assert "no contact with id 1" in refused(capsys, "contact", "delete", "1", "--yes")


# ------------------------------------------------------------------ timeline


def test_log_records_an_entry_with_people_group_and_money(capsys: Capture, home: Path) -> None:
    jane = add_jane(capsys)
    run_json(capsys, "group", "add", "BNI Downtown")
    data = run_json(
        capsys, "log", "referral-received", "They sent me a client", "--with", "Jane Doe",
        "--when", "2025-05-04T14:05", "--group", "bni downtown", "--amount", "1200.50",
        "--currency", "usd", "--direction", "received", "--notes", "a bakery",
    )  # fmt: skip
    local = dt.datetime(2025, 5, 4, 14, 5).astimezone()
    assert data == {
        "id": 1,
        "kind": "referral_received",
        "occurred_at": local.astimezone(dt.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ"),
        "summary": "They sent me a client",
        "notes": "a bakery",
        "direction": "received",
        "amount": "1200.50",
        "estimated_amount": None,
        "currency": "USD",
        "group": {"id": 1, "name": "BNI Downtown"},
        "meeting": None,
        "people": [{"id": jane, "name": "Jane Doe"}],
    }
    listed = run_json(capsys, "timeline")
    assert listed == [data]


def test_log_converts_local_time_to_utc(capsys: Capture, home: Path, new_york: None) -> None:
    data = run_json(capsys, "log", "note", "Moved office", "--when", "2025-11-20T09:30")
    assert data["occurred_at"] == "2025-11-20T14:30:00Z"
    day_only = run_json(capsys, "log", "note", "Sent a card", "--when", "2025-11-21")
    assert day_only["occurred_at"] == "2025-11-21T17:00:00Z"  # noon in New York
    code, out, _ = run(capsys, "timeline", "--limit", "1")
    assert code == 0
    assert "2025-11-21 12:00" in out  # shown in local time again


def test_a_time_the_clocks_skip_is_refused_not_moved(
    capsys: Capture, home: Path, new_york: None
) -> None:
    # 2025-03-09 02:30 never happened in New York: the clocks went from 02:00 to 03:00.
    err = refused(capsys, "log", "note", "Early call", "--when", "2025-03-09 02:30")
    assert "2025-03-09 02:30 does not exist here: the clocks went forward" in err
    assert run_json(capsys, "timeline") == []
    # The hour that happens twice when they go back is taken (its first time).
    data = run_json(capsys, "log", "note", "Late call", "--when", "2025-11-02 01:30")
    assert data["occurred_at"] == "2025-11-02T05:30:00Z"


def test_log_defaults_to_now(capsys: Capture, home: Path) -> None:
    data = run_json(capsys, "log", "call", "Quick call")
    assert dt.datetime.fromisoformat(data["occurred_at"].replace("Z", "+00:00")) == NOW
    assert data["occurred_at"].endswith("Z")


def test_log_prints_what_was_logged(capsys: Capture, home: Path) -> None:
    add_jane(capsys)
    code, out, _ = run(capsys, "log", "coffee", "--with", "Jane Doe", "--when", "2025-06-01T08:15")
    assert code == 0
    assert out.strip() == "Logged Coffee with Jane Doe, 2025-06-01 08:15 (#1)."


def test_a_first_name_is_enough_when_it_fits_one_person(capsys: Capture, home: Path) -> None:
    add_jane(capsys)
    code, out, err = run(capsys, "log", "call", "--with", "Jane", "Talked about the lease")
    assert code == 0, err
    assert out.startswith("Logged Call with Jane Doe")
    run_json(capsys, "contact", "add", "--given", "Jane", "--family", "Smith")
    err = refused(capsys, "log", "call", "--with", "jane", "x")
    assert "'jane' could be 2 contacts" in err and "Jane Doe" in err and "Jane Smith" in err
    # Someone archived gives way to the one current person of that name.
    run(capsys, "contact", "archive", "Jane Smith")
    code, out, err = run(capsys, "log", "call", "--with", "Jane", "x")
    assert code == 0, err
    assert out.startswith("Logged Call with Jane Doe")
    # A whole name still wins over the first words of another.
    run_json(capsys, "contact", "add", "--given", "Jane")
    code, out, err = run(capsys, "contact", "show", "jane", "--json")
    assert code == 0, err
    assert json.loads(out)["name"] == "Jane"
    assert "no contact named 'Jan'" in refused(capsys, "contact", "show", "Jan")


def test_log_refuses_user_mistakes(capsys: Capture, home: Path) -> None:
    add_jane(capsys)
    assert "no contact named 'Nobody'" in refused(capsys, "log", "call", "x", "--with", "Nobody")
    assert "no contact with id 42" in refused(capsys, "log", "call", "x", "--with", "42")
    err = refused(capsys, "log", "call", "x", "--when", "2025-02-31")
    assert "when: '2025-02-31' is not a date or time" in err
    err = refused(capsys, "log", "calll", "x")
    assert "kind: 'calll' is not one of" in err
    err = refused(capsys, "log", "business_won", "Signed", "--amount", "500")
    assert "currency: a currency is needed with the amount" in err
    assert "say what happened" in refused(capsys, "log", "call")
    assert "is not one of" in refused(capsys, "log", "help_given", "x", "--direction", "up")
    assert run_json(capsys, "timeline") == []


def test_timeline_filters(capsys: Capture, home: Path) -> None:
    jane = add_jane(capsys)
    run_json(capsys, "contact", "add", "--given", "Omar")
    run_json(capsys, "group", "add", "Chamber")
    run_json(capsys, "log", "call", "Planning call", "--with", "Jane Doe", "--when", "2025-01-10")
    run_json(capsys, "log", "coffee", "Coffee", "--with", "Omar", "--when", "2025-02-10")
    run_json(capsys, "log", "met", "Breakfast", "--group", "Chamber", "--when", "2025-03-10")

    def summaries(*options: str) -> list[str]:
        return [e["summary"] for e in run_json(capsys, "timeline", *options)]

    assert summaries() == ["Breakfast", "Coffee", "Planning call"]  # newest first
    assert summaries("--contact", str(jane)) == ["Planning call"]
    assert summaries("--contact", "Omar") == ["Coffee"]
    assert summaries("--group", "chamber") == ["Breakfast"]
    assert summaries("--kind", "call", "--kind", "coffee") == ["Coffee", "Planning call"]
    assert summaries("--since", "2025-02-10") == ["Breakfast", "Coffee"]
    assert summaries("--until", "2025-02-10") == ["Coffee", "Planning call"]
    assert summaries("--since", "2025-02-01", "--until", "2025-02-28") == ["Coffee"]
    assert summaries("--search", "plan") == ["Planning call"]
    assert summaries("--search", "jane") == ["Planning call"]  # a person's name finds it too
    assert summaries("--limit", "1") == ["Breakfast"]
    assert "since: '2025-99-01' is not a date" in refused(
        capsys, "timeline", "--since", "2025-99-01"
    )
    assert "kind: 'party' is not one of" in refused(capsys, "timeline", "--kind", "party")


def test_timeline_prints_a_table_with_labels(capsys: Capture, home: Path) -> None:
    add_jane(capsys)
    run_json(
        capsys, "log", "referral_given", "Sent a client", "--with", "Jane Doe",
        "--when", "2025-04-01T10:00", "--amount", "2500", "--currency", "EUR",
    )  # fmt: skip
    code, out, _ = run(capsys, "timeline")
    assert code == 0
    header, row, footer = out.strip().splitlines()
    # No group: no column. The id is what `entry edit` and `entry delete` take.
    assert header.split() == ["ID", "WHEN", "KIND", "SUMMARY", "WITH", "AMOUNT"]
    assert row.startswith("1   2025-04-01 10:00  Referral given  Sent a client  Jane Doe")
    assert row.endswith("2,500 EUR")
    assert footer == "1 entry"


def test_timeline_pages_beyond_one_query(capsys: Capture, tmp_path: Path) -> None:
    folder = tmp_path / "demo"
    made = run_json(capsys, "demo", "--no-gui", "--home", str(folder))
    rows = run_json(capsys, "timeline", "--home", str(folder), "--limit", "450")
    assert len(rows) == 450
    ids = [r["id"] for r in rows]
    assert len(set(ids)) == 450
    instants = [r["occurred_at"] for r in rows]
    assert instants == sorted(instants, reverse=True)
    everything = run_json(capsys, "timeline", "--home", str(folder), "--limit", "0")
    assert len(everything) == made["interactions"]
    assert [r["id"] for r in everything[:450]] == ids
    code, out, _ = run(capsys, "timeline", "--home", str(folder))
    assert code == 0
    assert out.strip().splitlines()[-1] == (
        f"latest 50 of {made['interactions']} entries (--limit 0 for all)"
    )


# ------------------------------------------------------------------ groups and meetings


def test_group_add_records_its_demands(capsys: Capture, home: Path) -> None:
    data = run_json(
        capsys, "group", "add", "BNI Downtown", "--kind", "referral-club", "--joined", "2024-01-10",
        "--cadence", "weekly", "--weekday", "tue", "--required-attendance", "80",
        "--meeting-minutes", "90", "--travel-minutes", "30", "--dues", "450", "--currency", "usd",
        "--dues-period", "year", "--role", "Vice president", "--role-hours", "6",
        "--referral-quota", "1", "--rules", "Send a substitute",
    )  # fmt: skip
    # Upcoming meetings come from the cadence and today's date: the next three Tuesdays.
    upcoming = [dt.date.fromisoformat(m["date"]) for m in data.pop("upcoming_meetings")]
    assert len(upcoming) == 3 and all(d.weekday() == 1 for d in upcoming)
    assert data.pop("upcoming_unknown") is False  # the day joined places them
    assert TODAY <= upcoming[0] < TODAY + dt.timedelta(days=7)
    assert data == {
        "id": 1,
        "name": "BNI Downtown",
        "kind": "referral_club",
        "status": "active",
        "joined_on": "2024-01-10",
        "left_on": None,
        "meeting_cadence": "weekly",
        "meeting_weekday": 1,
        "required_attendance_pct": 80,
        "meeting_minutes": 90,
        "travel_minutes": 30,
        "dues": {"amount": "450", "currency": "USD", "period": "year"},
        "role": "Vice president",
        "role_hours_per_month": 6,
        "referral_quota_per_month": 1,
        "rules": "Send a substitute",
        "notes": "",
        "members": [],
        "attendance": {
            "total": 0,
            "window": 0,
            "attended": 0,
            "pct": None,
            "required_pct": 80,
            "status": "no_meetings",
            "misses_allowed": 0,
        },
        "meetings": [],
    }
    code, out, _ = run(capsys, "group", "add", "Chamber")
    assert (code, out.strip()) == (0, "Added the group Chamber (#2).")


def test_group_add_refuses_mistakes(capsys: Capture, home: Path) -> None:
    run_json(capsys, "group", "add", "Chamber")
    err = refused(capsys, "group", "add", "chamber")
    assert "name: you already have a group called 'Chamber'" in err  # as stored, not as typed
    err = refused(capsys, "group", "add", "BNI", "--required-attendance", "120")
    assert "required attendance %: must be between 0 and 100 (got 120)" in err
    err = refused(capsys, "group", "add", "BNI", "--required-attendance", "most")
    assert "required attendance %: 'most' is not a whole number" in err
    assert "joined: '2024-1-x' is not a date" in refused(
        capsys, "group", "add", "BNI", "--joined", "2024-1-x"
    )
    assert "say how often" in refused(
        capsys, "group", "add", "BNI", "--dues", "50", "--currency", "EUR"
    )
    assert "not a day of the week" in refused(capsys, "group", "add", "BNI", "--weekday", "someday")
    assert [g["name"] for g in run_json(capsys, "group", "list")] == ["Chamber"]


def test_group_edit_changes_only_what_is_given(capsys: Capture, home: Path) -> None:
    run_json(capsys, "group", "add", "Chamber", "--cadence", "monthly", "--dues", "350",
             "--currency", "USD", "--dues-period", "year")  # fmt: skip
    data = run_json(capsys, "group", "edit", "Chamber", "--name", "Chamber of Commerce",
                    "--required-attendance", "50")  # fmt: skip
    assert data["name"] == "Chamber of Commerce"
    assert data["required_attendance_pct"] == 50
    assert data["meeting_cadence"] == "monthly"
    assert data["dues"] == {"amount": "350", "currency": "USD", "period": "year"}
    left = run_json(capsys, "group", "edit", "1", "--left", "2025-06-30", "--dues", "")
    assert (left["status"], left["left_on"], left["dues"]) == ("left", "2025-06-30", None)
    run_json(capsys, "group", "add", "BNI")
    err = refused(capsys, "group", "edit", "BNI", "--name", "chamber of commerce")
    assert "already have a group called" in err
    assert "no group 'Rotary'" in refused(capsys, "group", "edit", "Rotary", "--role", "x")


def test_group_edit_with_another_status_rejoins_a_group_left(capsys: Capture, home: Path) -> None:
    run_json(capsys, "group", "add", "Rotary", "--status", "left")
    back = run_json(capsys, "group", "edit", "Rotary", "--status", "active")
    assert (back["status"], back["left_on"]) == ("active", None)
    # A day left with a status that is not "left" says two things: refused, nothing changed.
    code, _out, err = run(capsys, "group", "edit", "Rotary", "--left", "2026-11-20",
                          "--status", "paused")  # fmt: skip
    assert code == 2
    assert "--left says the membership ended; it does not go with --status paused" in err
    shown = run_json(capsys, "group", "show", "Rotary")
    assert (shown["status"], shown["left_on"]) == ("active", None)


def test_group_list_and_attendance(capsys: Capture, home: Path) -> None:
    run_json(capsys, "group", "add", "Chamber", "--required-attendance", "75")
    run_json(capsys, "group", "add", "Alumni")
    days = [(TODAY - dt.timedelta(days=n)).isoformat() for n in (800, 21, 14, 7)]
    run_json(capsys, "attend", "Chamber", "--date", days[0], "--missed")  # over a year ago
    run_json(capsys, "attend", "Chamber", "--date", days[1])
    run_json(capsys, "attend", "Chamber", "--date", days[2], "--missed")
    run_json(capsys, "attend", "Chamber", "--date", days[3], "--excused")
    run_json(capsys, "group", "edit", "Alumni", "--left", "2025-01-01")
    rows = run_json(capsys, "group", "list")
    assert [r["name"] for r in rows] == ["Chamber", "Alumni"]  # current ones first
    assert rows[0] == {
        "id": 1,
        "name": "Chamber",
        "kind": "other",
        "status": "active",
        "joined_on": None,
        "member_count": 0,
        "meetings_recorded": 2,
        "meetings_attended": 1,
        "attendance_pct": 50,
        "required_attendance_pct": 75,
        "last_meeting_on": days[3],
    }
    assert [r["name"] for r in run_json(capsys, "group", "list", "--current")] == ["Chamber"]
    code, out, _ = run(capsys, "group", "list")
    assert code == 0
    assert "1 of 2 (50%), required 75%: below" in out
    assert "no meetings counted yet" in out


def test_group_list_when_there_are_none(capsys: Capture, home: Path) -> None:
    assert run_json(capsys, "group", "list") == []
    code, out, _ = run(capsys, "group", "list")
    assert code == 0
    assert "journal group add" in out


def test_group_show(capsys: Capture, home: Path) -> None:
    add_jane(capsys)
    run_json(capsys, "group", "add", "BNI", "--cadence", "weekly", "--weekday", "2",
             "--dues", "620", "--currency", "USD", "--dues-period", "year")  # fmt: skip
    first, second = [(TODAY - dt.timedelta(days=n)).isoformat() for n in (14, 7)]
    run_json(capsys, "attend", "BNI", "--date", first, "--met", "Jane Doe")
    run_json(capsys, "attend", "BNI", "--date", second, "--rating", "waste")
    data = run_json(capsys, "group", "show", "bni")
    assert data["members"] == [{"id": 1, "name": "Jane Doe"}]
    assert [m["held_on"] for m in data["meetings"]] == [second, first]
    assert data["meetings"][1]["people"] == [{"id": 1, "name": "Jane Doe"}]
    assert data["attendance"] == {
        "total": 2, "window": 2, "attended": 2, "pct": 100,
        "required_pct": None, "status": "no_requirement", "misses_allowed": None,
    }  # fmt: skip
    assert len(run_json(capsys, "group", "show", "1", "--meetings", "1")["meetings"]) == 1
    code, out, _ = run(capsys, "group", "show", "BNI")
    assert code == 0
    assert out.startswith("BNI (#1)\n")
    assert "weekly, Wednesday" in out
    assert "620 USD a year" in out
    assert "Members (1)" in out and "Jane Doe" in out
    assert f"{second}  attended    waste" in out
    assert "no group 'Rotary'" in refused(capsys, "group", "show", "Rotary")


def test_group_members_add_and_remove(capsys: Capture, home: Path) -> None:
    jane = add_jane(capsys)
    omar = run_json(capsys, "contact", "add", "--given", "Omar")["id"]
    run_json(capsys, "group", "add", "Chamber")
    data = run_json(capsys, "group", "member", "add", "Chamber", str(jane), "Omar", "jane doe")
    assert data == {
        "group": {"id": 1, "name": "Chamber"},
        "members": [{"id": jane, "name": "Jane Doe"}, {"id": omar, "name": "Omar"}],
    }
    code, out, _ = run(capsys, "group", "member", "add", "1", "Jane Doe", "1")
    assert (code, out.strip()) == (0, "Added Jane Doe to Chamber (2 members).")
    code, out, _ = run(capsys, "group", "member", "remove", "1", "Omar")
    assert (code, out.strip()) == (0, "Removed Omar from Chamber (1 member).")
    assert run_json(capsys, "contact", "show", "Omar")["groups"] == []
    assert "no contact named 'Zed'" in refused(capsys, "group", "member", "add", "1", "Zed")
    err = refused(capsys, "group", "member", "remove", "1", "Jane Doe", "Omar")
    assert "Omar: not a member of Chamber; nothing was changed" in err
    assert [m["name"] for m in run_json(capsys, "group", "show", "1")["members"]] == ["Jane Doe"]


def test_attend_defaults_to_today_and_attended(capsys: Capture, home: Path) -> None:
    run_json(capsys, "group", "add", "Chamber")
    data = run_json(capsys, "attend", "Chamber")
    assert data == {
        "id": 1,
        "group": {"id": 1, "name": "Chamber"},
        "held_on": TODAY.isoformat(),
        "attendance": "attended",
        "rating": "",
        "minutes": None,
        "notes": "",
        "people": [],
    }


def test_attend_again_the_same_day_updates_that_meeting(capsys: Capture, home: Path) -> None:
    add_jane(capsys)
    run_json(capsys, "contact", "add", "--given", "Omar")
    run_json(capsys, "group", "add", "Chamber")
    first = run_json(capsys, "attend", "Chamber", "--date", "2025-03-04", "--met", "Jane Doe",
                     "--rating", "worth-it", "--notes", "good talk")  # fmt: skip
    again = run_json(capsys, "attend", "Chamber", "--date", "2025-03-04", "--met", "Omar",
                     "--substitute", "--minutes", "75")  # fmt: skip
    assert again["id"] == first["id"]
    assert again["attendance"] == "substitute"
    assert (again["rating"], again["notes"], again["minutes"]) == ("worth_it", "good talk", 75)
    assert [p["name"] for p in again["people"]] == ["Jane Doe", "Omar"]
    code, out, _ = run(capsys, "attend", "Chamber", "--date", "2025-03-11", "--missed")
    assert (code, out.strip()) == (0, "Recorded Chamber on 2025-03-11: missed (#2).")


def test_attend_refuses_mistakes(capsys: Capture, home: Path) -> None:
    run_json(capsys, "group", "add", "Chamber", "--joined", "2025-01-01")
    assert "no group 'Rotary'" in refused(capsys, "attend", "Rotary")
    assert "before you joined" in refused(capsys, "attend", "Chamber", "--date", "2024-12-01")
    assert "date: '2025-1-5' is not a date" in refused(
        capsys, "attend", "Chamber", "--date", "2025-1-5"
    )
    future = (TODAY + dt.timedelta(days=30)).isoformat()
    assert "has not happened yet" in refused(capsys, "attend", "Chamber", "--date", future)
    assert "rating: 'great' is not one of" in refused(
        capsys, "attend", "Chamber", "--rating", "great"
    )
    assert "no contact named 'Zed'" in refused(capsys, "attend", "Chamber", "--met", "Zed")
    assert run_json(capsys, "group", "show", "Chamber")["meetings"] == []
    assert main(["attend", "Chamber", "--missed", "--excused"]) == 2  # usage: one or the other


# ------------------------------------------------------------------ demo


def test_demo_no_gui_generates_into_the_given_folder(capsys: Capture, tmp_path: Path) -> None:
    folder = tmp_path / "demo"
    code, out, err = run(capsys, "demo", "--no-gui", "--home", str(folder))
    assert code == 0, err
    assert out.strip() == str(folder)
    contacts = run_json(capsys, "contact", "list", "--home", str(folder), "--archived")
    assert len(contacts) == 320
    assert len(run_json(capsys, "group", "list", "--home", str(folder))) == 7


def test_demo_json_reports_what_it_made(capsys: Capture, tmp_path: Path) -> None:
    folder = tmp_path / "demo"
    data = run_json(capsys, "--home", str(folder), "demo", "--no-gui")
    entries = data.pop("interactions")
    assert data == {"home": str(folder), "contacts": 320, "groups": 7}
    # The timeline's 2,600 entries and the catch-ups that keep most rhythms, as counted.
    assert entries == len(run_json(capsys, "timeline", "--home", str(folder), "--limit", "0"))
    assert entries > 2600


def test_demo_refuses_a_journal_that_has_contacts(capsys: Capture, home: Path) -> None:
    add_jane(capsys)
    err = refused(capsys, "demo", "--no-gui", "--home", str(home))
    assert "already holds a journal (1 contact)" in err
    assert len(run_json(capsys, "contact", "list")) == 1


def test_demo_without_home_uses_a_new_temporary_folder(
    capsys: Capture, home: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    scratch = tmp_path / "scratch"
    scratch.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(scratch))
    code, out, _ = run(capsys, "demo", "--no-gui")
    assert code == 0
    folder = Path(out.strip())
    assert folder.parent == scratch
    assert folder.name.startswith("contact-journal-demo-")
    assert (folder / "journal.sqlite3").exists()
    assert not (home / "journal.sqlite3").exists()  # JOURNAL_HOME is not where demos go


def test_demo_opens_the_generated_journal_in_the_app(
    capsys: Capture, tmp_path: Path, fake_gui: list[Path]
) -> None:
    folder = tmp_path / "demo"
    assert main(["demo", "--home", str(folder)]) == 0
    assert fake_gui == [folder]
    assert len(run_json(capsys, "group", "list", "--home", str(folder))) == 7


def test_demo_json_prints_the_folder_before_opening_the_app(
    capsys: Capture, tmp_path: Path, fake_gui: list[Path]
) -> None:
    folder = tmp_path / "demo"
    assert main(["demo", "--home", str(folder), "--json"]) == 0
    assert fake_gui == [folder]
    assert json.loads(capsys.readouterr().out)["home"] == str(folder)


@pytest.mark.skipif(sys.platform in ("win32", "darwin"), reason="always has a screen there")
@pytest.mark.parametrize("argv", [[], ["quick", "--dialog"], ["--tray"]])
def test_without_a_display_the_app_says_so_and_the_commands_still_work(
    capsys: Capture, home: Path, no_display: list[Path], argv: list[str]
) -> None:
    err = refused(capsys, *argv)
    assert "there is no display to open the app on" in err
    assert no_display == []  # the app was never started
    assert run(capsys, "contact", "list")[0] == 0


@pytest.mark.skipif(sys.platform in ("win32", "darwin"), reason="always has a screen there")
def test_without_a_display_the_demo_makes_nothing_unless_told_to(
    capsys: Capture, tmp_path: Path, no_display: list[Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    err = refused(capsys, "demo")
    assert err.endswith("`journal demo --no-gui` makes the demo journal alone\n")
    assert list(tmp_path.iterdir()) == []  # no folder made for a demo nothing would open
    assert run(capsys, "demo", "--no-gui")[0] == 0
    assert len(list(tmp_path.iterdir())) == 1


@pytest.mark.parametrize(
    ("environ", "platform", "missing"),
    [
        ({}, "linux", True),
        ({"DISPLAY": ""}, "linux", True),  # set but empty names nothing
        ({"DISPLAY": ":0"}, "linux", False),
        ({"WAYLAND_DISPLAY": "wayland-0"}, "freebsd14", False),
        ({"QT_QPA_PLATFORM": "offscreen"}, "linux", False),
        ({"QT_QPA_PLATFORM": "vnc:size=800x600"}, "linux", False),  # options after ":"
        ({"QT_QPA_PLATFORM": "wayland;offscreen"}, "linux", False),  # tried in turn
        # Desktop platforms chosen in a profile still need their screen (an SSH session).
        ({"QT_QPA_PLATFORM": "wayland"}, "linux", True),
        ({"QT_QPA_PLATFORM": "xcb"}, "linux", True),
        ({"QT_QPA_PLATFORM": "wayland-egl;xcb"}, "linux", True),
        ({"QT_QPA_PLATFORM": "xcb", "DISPLAY": ":0"}, "linux", False),
        # The screen named is the other platform's: ssh -X with a profile's Wayland.
        ({"QT_QPA_PLATFORM": "wayland", "DISPLAY": "localhost:10.0"}, "linux", True),
        ({"QT_QPA_PLATFORM": "xcb", "WAYLAND_DISPLAY": "wayland-0"}, "linux", True),
        ({"QT_QPA_PLATFORM": "wayland;xcb", "DISPLAY": "localhost:10.0"}, "linux", False),
        ({}, "cygwin", True),  # Qt on Cygwin is X11's
        ({}, "win32", False),
        ({}, "darwin", False),
    ],
)
def test_missing_display(environ: dict[str, str], platform: str, missing: bool) -> None:
    assert (display_problem(environ, platform) is not None) is missing


def test_a_platform_chosen_without_its_screen_is_named() -> None:
    said = display_problem({"QT_QPA_PLATFORM": "wayland", "DISPLAY": "localhost:10.0"}, "linux")
    assert said is not None
    assert said.startswith(
        "there is no display to open the app on: QT_QPA_PLATFORM=wayland needs WAYLAND_DISPLAY, "
        "which is not set; unset QT_QPA_PLATFORM"
    )
    both = display_problem({"QT_QPA_PLATFORM": "wayland-egl;xcb"}, "linux")
    assert both is not None and "needs WAYLAND_DISPLAY or DISPLAY" in both


@pytest.mark.parametrize("argv", [["contact", "list"], ["--json", "contact", "list"]])
def test_a_reader_that_stops_early_gets_no_traceback(home: Path, argv: list[str]) -> None:
    # `journal contact list | head -1`: the reader is gone before the command writes.
    env = {**os.environ, "JOURNAL_HOME": str(home)}
    script = "import sys\nfrom journal.cli import main\nsys.exit(main(sys.argv[1:]))\n"
    child = subprocess.Popen(
        [sys.executable, "-c", script, *argv],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    assert child.stdout is not None and child.stderr is not None
    child.stdout.close()
    err = child.stderr.read().decode()
    assert child.wait(timeout=120) == 1
    assert err == ""


HUGE = "9" * 30  # past SQLite's 64-bit integers


@pytest.mark.parametrize(
    "argv",
    [
        ["contact", "show", HUGE],
        ["contact", "show", f"#{HUGE}"],
        ["group", "show", HUGE],
        ["followup", "done", HUGE],
        ["log", "call", "x", "--with", HUGE],
    ],
)
def test_an_id_too_large_for_the_journal_is_refused_in_words(
    capsys: Capture, home: Path, argv: list[str]
) -> None:
    assert "too large" in refused(capsys, *argv)


def test_the_year_one_is_refused_like_any_year_before_1900(capsys: Capture, home: Path) -> None:
    run_json(capsys, "contact", "add", "--given", "Jane")
    said = refused(capsys, "log", "call", "x", "--with", "1", "--when", "0001-01-01")
    assert said == "journal: when: 0001-01-01 is before 1900\n"


def test_a_stage_is_one_stage_whatever_its_case(capsys: Capture, home: Path) -> None:
    jane = add_jane(capsys)
    run_json(capsys, "contact", "edit", str(jane), "--stage", "Client")
    assert run_json(capsys, "contact", "show", str(jane))["stage"] == "client"
    listed = run_json(capsys, "contact", "list", "--stage", "CLIENT")
    assert [row["id"] for row in listed] == [jane]
    run_json(capsys, "keep-in-touch", "set", "--stage", "Best Buddy", "14")
    assert run_json(capsys, "keep-in-touch", "defaults")["stages"]["best_buddy"] == 14


def test_an_entry_after_today_is_refused_as_quick_add_refuses_it(
    capsys: Capture, home: Path
) -> None:
    jane = add_jane(capsys)
    ahead = (TODAY + dt.timedelta(days=38)).isoformat()
    said = refused(capsys, "log", "coffee", "x", "--with", str(jane), "--when", ahead)
    assert said == f"journal: when: {ahead} has not happened yet; plan it as a follow-up instead\n"
    assert run_json(capsys, "timeline") == []


def test_text_output_never_sends_control_characters_to_the_terminal(
    capsys: Capture, home: Path
) -> None:
    # Someone's vCard can carry an escape sequence; showing it must not recolour the terminal.
    run_json(
        capsys, "contact", "add", "--given", "Multi\nLine", "--org", "Acme\rCo",
        "--notes", "line1\nline2\x1b[31mRED\x07\x9b",
    )  # fmt: skip
    code, out, _ = run(capsys, "contact", "show", "1")
    assert code == 0
    assert "\x1b" not in out and "\x07" not in out and "\x9b" not in out and "\r" not in out
    assert "line2␛[31mRED␇\ufffd" in out
    assert "line1\n" in out  # line breaks in a note stay line breaks
    code, out, _ = run(capsys, "contact", "list")
    rows = out.splitlines()
    assert rows[1].split() == ["1", "Multi", "Line", "Acme", "Co", "new", "never"]
    assert len(rows) == 3  # the header, Multi Line's one row, and the count
    # JSON keeps the text exactly, escaped as JSON escapes it.
    assert run_json(capsys, "contact", "show", "1")["notes"] == "line1\nline2\x1b[31mRED\x07\x9b"


def test_an_estimate_is_marked_in_the_timeline(capsys: Capture, home: Path) -> None:
    jane = add_jane(capsys)
    run_json(capsys, "log", "referral_received", "Bakery", "--with", str(jane),
             "--estimated", "1200", "--currency", "USD")  # fmt: skip
    code, out, _ = run(capsys, "timeline")
    assert code == 0 and out.splitlines()[1].endswith("≈ 1,200 USD")


@pytest.mark.parametrize(
    ("argv", "said"),
    [
        (["contact", "list", "--j"], "unrecognized arguments: --j"),
        (["export", "--form", "csv", "-o", "x.csv"], "unrecognized arguments: --form csv"),
    ],
)
def test_an_abbreviated_option_is_refused(
    capsys: Capture, home: Path, argv: list[str], said: str
) -> None:
    # A script relying on `--form` would break the day another option starts with it.
    code, out, err = run(capsys, *argv)
    assert code == 2 and out == ""
    assert said in err


@pytest.mark.parametrize(
    "argv", [["timeline", "--limit", "-2"], ["contact", "list", "--limit", "-1"]]
)
def test_a_negative_count_is_refused(capsys: Capture, home: Path, argv: list[str]) -> None:
    code, out, err = run(capsys, *argv)
    assert code == 2 and out == ""
    assert "is below 0 (0 means all)" in err


def test_an_edit_that_changes_nothing_says_so(capsys: Capture, home: Path) -> None:
    jane = add_jane(capsys)
    assert run(capsys, "contact", "edit", str(jane))[1] == f"No change to Jane Doe (#{jane}).\n"
    assert run(capsys, "contact", "edit", str(jane), "--org", "Acme Studio")[1].startswith(
        "No change"
    )
    assert run(capsys, "contact", "edit", str(jane), "--org", "Beta")[1].startswith("Updated")


def test_a_reversed_date_range_is_refused(capsys: Capture, home: Path) -> None:
    said = refused(capsys, "timeline", "--since", "2026-12-01", "--until", "2026-01-01")
    assert said == "journal: since: 2026-12-01 is after --until 2026-01-01\n"


def test_a_home_that_is_a_file_is_named_as_one(capsys: Capture, tmp_path: Path) -> None:
    afile = tmp_path / "notes.txt"
    afile.write_text("x", encoding="utf-8")
    said = refused(capsys, "--home", str(afile), "contact", "list")
    assert (
        said == f"journal: {afile} is a file, not a folder: give the folder the journal lives in.\n"
    )


def test_an_empty_file_is_not_importable_because_it_is_empty(
    capsys: Capture, home: Path, tmp_path: Path
) -> None:
    empty = tmp_path / "contacts.vcf"
    empty.write_bytes(b"\n \r\n")
    assert "it is empty: there is nobody in it to import" in refused(capsys, "import", str(empty))


def test_an_empty_journal_says_how_to_begin(capsys: Capture, home: Path) -> None:
    assert run(capsys, "contact", "list")[1] == (
        "No contacts yet: add one with journal contact add --given NAME.\n"
    )
    assert run(capsys, "timeline")[1] == (
        "Nothing in the timeline yet: log something with journal log.\n"
    )
    # With a filter, or people in it, nothing matching is just that.
    assert run(capsys, "contact", "list", "--stage", "client")[1] == "No contacts match.\n"
    assert run(capsys, "timeline", "--kind", "call")[1] == "Nothing in the timeline matches.\n"


def test_a_summary_may_come_after_the_options_and_without_quotes(
    capsys: Capture, home: Path
) -> None:
    jane = add_jane(capsys)
    run_json(capsys, "log", "coffee", "--with", str(jane), "odd order", "--amount", "5",
             "--currency", "EUR")  # fmt: skip
    run_json(capsys, "log", "call", "Talked", "about", "the", "lease", "--with", str(jane))
    summaries = [entry["summary"] for entry in run_json(capsys, "timeline")]
    assert sorted(summaries) == ["Talked about the lease", "odd order"]
    # An option's mistake is still a mistake, not words of the summary.
    code, _, err = run(capsys, "log", "call", "x", "--with", str(jane), "--bogus")
    assert code == 2 and "unrecognized arguments: --bogus" in err


@pytest.mark.parametrize(
    "argv",
    [
        ("contact", "show", ""),
        ("contact", "show", "   "),
        ("log", "call", "hi", "--with", ""),
        ("followup", "add", "", "--in", "2w", "Send the deck"),
        ("group", "member", "add", "Chamber", ""),
    ],
)
def test_an_empty_contact_name_asks_for_one(
    capsys: Capture, home: Path, argv: tuple[str, ...]
) -> None:
    add_jane(capsys)
    run_json(capsys, "group", "add", "Chamber")
    err = refused(capsys, *argv)
    assert err == "journal: contact: is empty; give the contact's id or name\n"


@pytest.mark.parametrize(
    "argv", [("group", "show", ""), ("attend", " "), ("group", "member", "add", "", "1")]
)
def test_an_empty_group_name_asks_for_one(
    capsys: Capture, home: Path, argv: tuple[str, ...]
) -> None:
    run_json(capsys, "group", "add", "Chamber")
    run_json(capsys, "group", "add", "BNI")
    err = refused(capsys, *argv)
    assert err == "journal: group: is empty; give the group's id or name\n"
