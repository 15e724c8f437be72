"""packaging/install_desktop.py against a temporary HOME: installs, upgrades, uninstalls cleanly."""

from __future__ import annotations

import configparser
import json
import os
import shutil
import subprocess
from pathlib import Path
from types import ModuleType

import pytest

from journal import APP_ID

RESOURCES = Path(__file__).resolve().parents[2] / "resources"


@pytest.fixture
def user_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """An empty HOME with the XDG variables unset, and its ~/.local/bin on PATH."""
    home = tmp_path / "home"
    home.mkdir()
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.delenv("XDG_DATA_HOME", raising=False)
    monkeypatch.setenv("PATH", f"{home / '.local' / 'bin'}{os.pathsep}{os.environ['PATH']}")
    return home


def make_bundle(folder: Path, version: str = "1") -> Path:
    """A stand-in for dist/contact-journal: an executable `journal` and the real resources."""
    bundle = folder / "contact-journal"
    (bundle / "_internal").mkdir(parents=True)
    program = bundle / "journal"
    program.write_text(f"#!/bin/sh\necho 'journal {version}'\n", encoding="utf-8")
    program.chmod(0o755)
    shutil.copytree(RESOURCES, bundle / "_internal" / "resources")
    (bundle / "_internal" / "libfake.so").symlink_to("resources")  # links stay links
    return bundle


def snapshot(root: Path) -> set[str]:
    """Every file, folder and link under root, as relative paths."""
    return {str(p.relative_to(root)) for p in root.rglob("*")}


def run(installer: ModuleType, *argv: str) -> int:
    code: int = installer.main(list(argv))
    return code


def test_install_puts_each_part_where_desktops_look(
    installer: ModuleType, user_home: Path, tmp_path: Path
) -> None:
    bundle = make_bundle(tmp_path / "build")

    assert run(installer, "install", "--bundle", str(bundle)) == 0

    lib = user_home / ".local" / "lib" / "contact-journal"
    share = user_home / ".local" / "share"
    command = user_home / ".local" / "bin" / "journal"
    assert (lib / "journal").is_file()
    assert (lib / "_internal" / "libfake.so").is_symlink()
    assert command.is_symlink() and command.resolve() == (lib / "journal").resolve()
    out = subprocess.run([str(command)], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "journal 1"
    assert (share / "applications" / f"{APP_ID}.desktop").is_file()
    assert (share / "metainfo" / f"{APP_ID}.metainfo.xml").is_file()
    assert (share / "icons" / "hicolor" / "scalable" / "apps" / f"{APP_ID}.svg").is_file()
    for size in installer.ICON_SIZES:
        icon = share / "icons" / "hicolor" / f"{size}x{size}" / "apps" / f"{APP_ID}.png"
        assert (
            icon.read_bytes() == (RESOURCES / "icons" / f"contact-journal-{size}.png").read_bytes()
        )


def test_the_menu_entry_starts_the_installed_program(
    installer: ModuleType,
    user_home: Path,
    tmp_path: Path,
    tool,  # type: ignore[no-untyped-def]
) -> None:
    run(installer, "install", "--bundle", str(make_bundle(tmp_path / "build")))
    desktop = user_home / ".local" / "share" / "applications" / f"{APP_ID}.desktop"

    parser = configparser.ConfigParser(interpolation=None)
    parser.optionxform = str  # type: ignore[assignment,method-assign]
    parser.read(desktop, encoding="utf-8")
    entry = parser["Desktop Entry"]
    program = user_home / ".local" / "lib" / "contact-journal" / "journal"

    # Absolute: a menu entry must work even when ~/.local/bin is not on the session's PATH.
    assert entry["Exec"] == str(program)
    assert entry["TryExec"] == str(program)
    assert entry["Icon"] == APP_ID
    validate = tool("desktop-file-validate", "desktop-file-utils")
    done = subprocess.run([validate, str(desktop)], capture_output=True, text=True, timeout=30)
    assert done.returncode == 0 and done.stdout == "", done.stdout + done.stderr


def test_uninstall_removes_exactly_what_install_added(
    installer: ModuleType, user_home: Path, tmp_path: Path
) -> None:
    # Things of the user's own that share the folders: they must survive.
    own = user_home / ".local" / "share" / "applications" / "mine.desktop"
    own.parent.mkdir(parents=True)
    own.write_text("[Desktop Entry]\n", encoding="utf-8")
    journal = user_home / ".local" / "share" / "Contact Journal" / "journal.sqlite3"
    journal.parent.mkdir(parents=True)
    journal.write_bytes(b"precious")
    before = snapshot(user_home)
    run(installer, "install", "--bundle", str(make_bundle(tmp_path / "build")))
    assert snapshot(user_home) != before

    assert run(installer, "uninstall") == 0

    assert snapshot(user_home) == before
    assert journal.read_bytes() == b"precious"


def test_install_respects_xdg_data_home(
    installer: ModuleType, user_home: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    data = tmp_path / "xdg-data"
    monkeypatch.setenv("XDG_DATA_HOME", str(data))

    run(installer, "install", "--bundle", str(make_bundle(tmp_path / "build")))

    assert (data / "applications" / f"{APP_ID}.desktop").is_file()
    assert (data / "icons" / "hicolor" / "48x48" / "apps" / f"{APP_ID}.png").is_file()
    assert not (user_home / ".local" / "share").exists()
    run(installer, "uninstall")
    assert not data.exists()


def test_installing_again_replaces_the_earlier_version(
    installer: ModuleType, user_home: Path, tmp_path: Path
) -> None:
    before = snapshot(user_home)
    run(installer, "install", "--bundle", str(make_bundle(tmp_path / "one", version="1")))
    installed = snapshot(user_home)

    assert (
        run(installer, "install", "--bundle", str(make_bundle(tmp_path / "two", version="2"))) == 0
    )

    command = user_home / ".local" / "bin" / "journal"
    assert (
        subprocess.run([str(command)], capture_output=True, text=True).stdout.strip() == "journal 2"
    )
    assert snapshot(user_home) == installed
    run(installer, "uninstall")
    assert snapshot(user_home) == before


def test_install_refuses_to_overwrite_a_journal_command_of_someone_else(
    installer: ModuleType, user_home: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    other = user_home / ".local" / "bin" / "journal"
    other.parent.mkdir(parents=True)
    other.write_text("#!/bin/sh\necho other\n", encoding="utf-8")

    code = run(installer, "install", "--bundle", str(make_bundle(tmp_path / "build")))

    assert code == 1
    assert str(other) in capsys.readouterr().err
    assert other.read_text(encoding="utf-8") == "#!/bin/sh\necho other\n"
    assert not (user_home / ".local" / "lib").exists()
    assert run(installer, "install", "--force", "--bundle", str(make_bundle(tmp_path / "b2"))) == 0
    assert other.is_symlink()


def test_install_refuses_a_folder_that_is_not_a_bundle(
    installer: ModuleType, user_home: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    empty = tmp_path / "nothing"
    empty.mkdir()

    assert run(installer, "install", "--bundle", str(empty)) == 1

    assert "make package" in capsys.readouterr().err
    assert snapshot(user_home) == set()


def test_a_failed_install_leaves_nothing_behind(
    installer: ModuleType, user_home: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    bundle = make_bundle(tmp_path / "build")
    real_copy = shutil.copyfile

    def copy_until_metainfo(source: object, dest: object, **kwargs: object) -> object:
        if str(dest).endswith(".metainfo.xml"):
            raise OSError(28, "No space left on device")
        return real_copy(source, dest, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(installer.shutil, "copyfile", copy_until_metainfo)

    assert run(installer, "install", "--bundle", str(bundle)) == 1

    assert snapshot(user_home) == set()


def test_uninstall_when_nothing_is_installed_says_so(
    installer: ModuleType, user_home: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run(installer, "uninstall") == 0

    assert "not installed" in capsys.readouterr().out
    assert snapshot(user_home) == set()


def test_the_manifest_lists_every_file_outside_the_bundle(
    installer: ModuleType, user_home: Path, tmp_path: Path
) -> None:
    run(installer, "install", "--bundle", str(make_bundle(tmp_path / "build")))
    lib = user_home / ".local" / "lib" / "contact-journal"
    manifest = json.loads((lib / "install-manifest.json").read_text(encoding="utf-8"))

    outside = {
        str(p)
        for p in user_home.rglob("*")
        if (p.is_file() or p.is_symlink()) and lib not in p.parents
    }

    assert set(manifest["files"]) == outside


@pytest.mark.parametrize(
    ("path", "written"),
    [
        (
            "/home/ann/.local/lib/contact-journal/journal",
            "/home/ann/.local/lib/contact-journal/journal",
        ),
        ("/home/Ann Lee/.local/lib/cj/journal", '"/home/Ann Lee/.local/lib/cj/journal"'),
        ("/home/a$b/journal", '"/home/a\\\\$b/journal"'),
        ("/home/100%/journal", "/home/100%%/journal"),
    ],
)
def test_exec_paths_are_quoted_as_desktop_entries_require(
    installer: ModuleType, path: str, written: str
) -> None:
    assert installer.exec_quote(Path(path)) == written


def test_exec_keeps_the_arguments_of_an_action(installer: ModuleType) -> None:
    template = "[Desktop Action quick]\nExec=journal quick --dialog\nName=Quick\n"

    entry = installer.desktop_entry(template, Path("/opt/cj/journal"))

    assert "Exec=/opt/cj/journal quick --dialog\n" in entry
