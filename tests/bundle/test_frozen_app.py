"""The frozen bundle, dist/contact-journal, as a user gets it: `make package-test` runs these.

`make package` builds the bundle first; `make test` never needs one. The same build is
then driven on a real X11 desktop by tests/e2e (JOURNAL_E2E_APP points them at it).
"""

from __future__ import annotations

import ast
import importlib.util
import json
import os
import platform
import re
import subprocess
import sys
import tarfile
from pathlib import Path

import pytest

from journal import APP_ID, __version__

ROOT = Path(__file__).resolve().parents[2]
BUNDLE = ROOT / "dist" / "contact-journal"
PROGRAM = BUNDLE / "journal"
INTERNAL = BUNDLE / "_internal"
SIZE_BUDGET_MIB = 200
# Libraries of the desktop session itself, which PyInstaller deliberately leaves to the
# system (its own exclude list): a Wayland or OpenGL stack must match the machine's drivers.
SYSTEM_LIBRARIES = re.compile(r"^lib(wayland-(client|cursor|egl)|E?(Open)?GLX?\w*|xcb|drm)\.so")
QT_LIBRARY = re.compile(r"Qt6|pyside6|shiboken6", re.IGNORECASE)
# What Qt's offscreen platform says about itself (no window manager), not about our app.
# What the offscreen platform itself says it cannot do (pyproject's qt_log_ignore lists the
# same): no window manager to hint sizes to, nor to raise a window (the app brings its window
# to the front when it starts or a second start asks for it).
OFFSCREEN_NOTES = {
    "This plugin does not support propagateSizeHints()",
    "This plugin does not support raise()",
}

pytestmark = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="Linux bundle")


@pytest.fixture(scope="session", autouse=True)
def bundle() -> Path:
    """The built bundle; a failure (not a skip) without one: these tests exist to run on it."""
    if not PROGRAM.is_file():
        pytest.fail(f"no bundle at {BUNDLE}: run `make package` first", pytrace=False)
    return BUNDLE


@pytest.fixture
def env(tmp_path: Path) -> dict[str, str]:
    """The environment of a user with no journal yet and no display."""
    clean = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("QT_", "JOURNAL_", "XDG_", "LD_", "PYTHON")) and k != "DISPLAY"
    }
    for name in ("config", "data", "cache"):
        (tmp_path / "xdg" / name).mkdir(parents=True)
    clean.update(
        HOME=str(tmp_path),
        XDG_CONFIG_HOME=str(tmp_path / "xdg" / "config"),
        XDG_DATA_HOME=str(tmp_path / "xdg" / "data"),
        XDG_CACHE_HOME=str(tmp_path / "xdg" / "cache"),
    )
    return clean


def journal(
    *args: str, env: dict[str, str], timeout: float = 60
) -> subprocess.CompletedProcess[str]:
    """Run the frozen `journal` with these arguments."""
    return subprocess.run(
        [str(PROGRAM), *args],
        env=env,
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=timeout,
        stdin=subprocess.DEVNULL,
    )


def loaded_libraries(done: subprocess.CompletedProcess[str]) -> set[str]:
    """Every shared library the dynamic linker opened, from its LD_DEBUG=files log."""
    return set(re.findall(r"file=(\S+)\s+\[\d+\];\s+(?:needed|dynamically loaded)", done.stderr))


def demo_journal(home: Path, env: dict[str, str]) -> dict[str, object]:
    done = journal("demo", "--no-gui", "--json", "--home", str(home), env=env, timeout=120)
    assert done.returncode == 0, done.stderr
    report: dict[str, object] = json.loads(done.stdout)
    return report


# --- the command line ---------------------------------------------------------------------


def test_version(env: dict[str, str]) -> None:
    done = journal("--version", env=env)

    assert done.returncode == 0, done.stderr
    assert done.stdout == f"journal {__version__}\n"
    assert done.stderr == ""


def test_a_command_on_a_temporary_journal(env: dict[str, str], tmp_path: Path) -> None:
    home = tmp_path / "journal"

    added = journal("--home", str(home), "contact", "add", "--given", "Smoke", env=env)
    other = journal(
        "contact", "add", "--given", "明", "--family", "李", "--home", str(home), env=env
    )
    listed = journal("--home", str(home), "contact", "list", "--json", env=env)

    assert added.returncode == 0, added.stderr
    assert added.stdout == "Added Smoke (#1).\n"
    assert other.returncode == 0, other.stderr
    assert listed.returncode == 0, listed.stderr
    people = json.loads(listed.stdout)
    # Non-Latin text makes the round trip through the frozen app's own encodings.
    assert sorted(p["name"] for p in people) == ["Smoke", "李明"]  # family name first, as written
    assert {p["stage"] for p in people} == {"new"}
    assert (home / "journal.sqlite3").is_file()


def test_a_refused_command_exits_1_with_the_reason(env: dict[str, str], tmp_path: Path) -> None:
    done = journal("--home", str(tmp_path / "j"), "contact", "show", "Nobody", env=env)

    assert done.returncode == 1
    assert done.stderr.startswith("journal: ")
    assert "Traceback" not in done.stderr


@pytest.mark.parametrize(
    "args", [("--version",), ("contact", "list", "--json")], ids=["version", "contact-list"]
)
def test_the_command_line_loads_no_qt(
    env: dict[str, str], tmp_path: Path, args: tuple[str, ...]
) -> None:
    done = journal(*args, "--home", str(tmp_path / "j"), env={**env, "LD_DEBUG": "files"})

    assert done.returncode == 0, done.stderr[-2000:]
    opened = loaded_libraries(done)
    assert any("libpython" in name for name in opened), "LD_DEBUG saw nothing: the probe is blind"
    assert sorted(n for n in opened if QT_LIBRARY.search(n)) == []


def test_the_qt_probe_sees_qt_when_the_window_opens(env: dict[str, str], tmp_path: Path) -> None:
    done = journal(
        "--home",
        str(tmp_path / "j"),
        env={**env, "LD_DEBUG": "files", "QT_QPA_PLATFORM": "offscreen", "JOURNAL_SMOKE_TEST": "1"},
    )

    assert done.returncode == 0, done.stderr[-2000:]
    assert any("libQt6Core" in name for name in loaded_libraries(done))


# --- the desktop app ------------------------------------------------------------------------


def test_the_app_starts_offscreen_on_the_demo_journal_and_quits_cleanly(
    env: dict[str, str], tmp_path: Path
) -> None:
    home = tmp_path / "demo"
    demo = demo_journal(home, env)

    done = journal(
        "--home",
        str(home),
        env={**env, "QT_QPA_PLATFORM": "offscreen", "JOURNAL_SMOKE_TEST": "1"},
    )

    assert done.returncode == 0, f"exit {done.returncode}\n{done.stdout}\n{done.stderr}"
    report = json.loads(done.stdout.strip().splitlines()[-1])
    assert report["frozen"] is True
    assert report["platform"] == "offscreen"
    assert report["exposed"] is True
    assert report["pages"] == ["TodayView", "ContactsView", "TimelineView", "GroupsView"]
    assert isinstance(demo["contacts"], int)
    assert 0 < report["contacts"] <= demo["contacts"]
    assert report["window"][0] >= 400 and report["window"][1] >= 300
    # Resources are found inside the bundle, and drawn by the SVG plugins it carries.
    assert report["svg_icon"] is True
    assert "svg" in report["image_formats"]
    assert report["qt_modules"] == {"QtCharts": True, "QtNetwork": True}
    for backend in ("SecretService", "KWallet", "libsecret", "chainer"):
        assert report["keyring_backends"].get(backend) is True, report["keyring_backends"]
    assert report["encryption"] is True  # SQLCipher made it into the bundle
    # tzlocal and the zone's rules made it too (else past days would use today's offset).
    assert report["time_zone"]["with_rules"] is True, report["time_zone"]
    # Anything else on stderr is a warning from a plugin or library: a packaging bug.
    assert set(done.stderr.splitlines()) <= OFFSCREEN_NOTES, done.stderr


# --- what is in the bundle ------------------------------------------------------------------


def _size_mib(folder: Path) -> float:
    files = (p for p in folder.rglob("*") if p.is_file() and not p.is_symlink())
    return sum(p.stat().st_size for p in files) / (1024 * 1024)


def test_the_bundle_stays_under_its_size_budget() -> None:
    size = _size_mib(BUNDLE)

    assert size < SIZE_BUDGET_MIB, f"the bundle is {size:.0f} MiB (budget {SIZE_BUDGET_MIB} MiB)"


def test_qt_modules_the_app_never_uses_are_left_out() -> None:
    names = {p.name for p in INTERNAL.rglob("*")}
    unwanted = [
        n
        for n in names
        if re.search(r"Qt6?(WebEngine|Quick|Qml|Pdf|Multimedia|3D|Designer|Sql|VirtualKeyboard)", n)
    ]

    assert unwanted == []
    assert not (INTERNAL / "PySide6" / "Qt" / "translations").exists()
    for needed in ("libQt6Charts.so.6", "libQt6Network.so.6", "libQt6Svg.so.6", "libqsvg.so"):
        assert needed in names, f"{needed} is missing"


def test_only_the_qt_plugins_the_app_loads_are_there() -> None:
    plugins = INTERNAL / "PySide6" / "Qt" / "plugins"
    found = {p.relative_to(plugins).as_posix() for p in plugins.rglob("*.so")}

    assert {
        "platforms/libqxcb.so",
        "platforms/libqwayland.so",
        "platforms/libqoffscreen.so",
        "iconengines/libqsvgicon.so",
        "imageformats/libqsvg.so",
        "platforminputcontexts/libcomposeplatforminputcontextplugin.so",
        "platforminputcontexts/libibusplatforminputcontextplugin.so",
    } <= found
    folders = {name.split("/")[0] for name in found}
    assert folders <= {
        "platforms",
        "platformthemes",
        "platforminputcontexts",
        "iconengines",
        "imageformats",
        "xcbglintegrations",
        "wayland-decoration-client",
        "wayland-graphics-integration-client",
        "wayland-shell-integration",
    }
    assert "platformthemes/libqgtk3.so" not in found


def test_every_library_finds_what_it_links_to() -> None:
    binaries = [
        PROGRAM,
        *(p for p in INTERNAL.rglob("*.so*") if p.is_file() and not p.is_symlink()),
    ]
    missing, outside = [], []
    for binary in binaries:
        done = subprocess.run(
            ["ldd", str(binary)],
            env={"LD_LIBRARY_PATH": str(INTERNAL), "PATH": os.environ["PATH"]},
            capture_output=True,
            text=True,
            timeout=30,
        )
        for line in done.stdout.splitlines():
            name, _, where = (part.strip() for part in line.partition("=>"))
            if where == "not found" and not SYSTEM_LIBRARIES.match(name):
                missing.append(f"{binary.relative_to(BUNDLE)}: {name}")
            elif QT_LIBRARY.search(name) and str(BUNDLE) not in where:
                outside.append(f"{binary.relative_to(BUNDLE)}: {name} => {where}")

    assert len(binaries) > 50
    assert missing == []
    assert outside == []


def test_the_resources_and_keyring_metadata_are_bundled() -> None:
    resources = INTERNAL / "resources"

    assert (resources / "icons" / "contact-journal.svg").is_file()
    assert (resources / f"{APP_ID}.desktop").is_file()
    assert (resources / f"{APP_ID}.metainfo.xml").is_file()
    entry_points = list(INTERNAL.glob("keyring-*.dist-info/entry_points.txt"))
    assert entry_points and "keyring.backends" in entry_points[0].read_text(encoding="utf-8")


def test_the_currency_codes_are_bundled_without_their_translations(
    env: dict[str, str], tmp_path: Path
) -> None:
    home = str(tmp_path / "journal")
    paid = ("log", "email", "Invoice", "--amount", "120", "--home", home)

    kept = journal(*paid, "--currency", "chf", env=env)
    slip = journal(*paid, "--currency", "UDS", env=env)

    assert kept.returncode == 0, kept.stderr
    assert slip.returncode == 1
    assert "'UDS' is not a currency code (did you mean USD?)" in slip.stderr
    assert (INTERNAL / "pycountry" / "databases" / "iso4217.json").is_file()
    assert not (INTERNAL / "pycountry" / "locales").exists()


def test_the_bundle_carries_the_licences_of_what_it_ships() -> None:
    notices = (INTERNAL / "THIRD-PARTY-NOTICES.txt").read_text(encoding="utf-8")

    for name in ("PySide6_Essentials", "shiboken6", "peewee", "keyring", "pycountry"):
        assert f"\n{name} " in notices, name
    assert "GNU LESSER GENERAL PUBLIC LICENSE\n                       Version 3" in notices
    # A system library PyInstaller copied in, with its Debian copyright file.
    assert any(INTERNAL.glob("libsqlite3.so*")), "no libsqlite3 in the bundle"
    assert "libsqlite3-0 (Debian package of libsqlite3.so" in notices
    # The same file beside the program, where people look for it.
    assert (ROOT / "dist" / "contact-journal" / "THIRD-PARTY-NOTICES.txt").read_text(
        encoding="utf-8"
    ) == notices


def test_the_archive_is_named_for_version_and_platform() -> None:
    machine = {"amd64": "x86_64", "aarch64": "arm64"}.get(
        platform.machine().lower(), platform.machine().lower()
    )
    archive = ROOT / "dist" / f"contact-journal-{__version__}-linux-{machine}.tar.gz"

    assert archive.is_file(), f"no {archive.name} in dist/"
    with tarfile.open(archive) as packed:
        names = set(packed.getnames())
    assert {
        "contact-journal/journal",
        "contact-journal/install-desktop.py",
        "contact-journal/THIRD-PARTY-NOTICES.txt",
    } <= names
    assert "contact-journal/_internal/resources/icons/contact-journal-256.png" in names


def test_the_windows_version_resource_fits_pyinstaller() -> None:
    # PyInstaller eval()s the text with its versioninfo classes; that module imports
    # Windows-only packages, so here its source tells the constructors and their arguments.
    import PyInstaller

    source = Path(PyInstaller.__file__).parent / "utils" / "win32" / "versioninfo.py"
    signatures = {
        node.name: [a.arg for a in init.args.args[1:]]
        for node in ast.parse(source.read_text(encoding="utf-8")).body
        if isinstance(node, ast.ClassDef)
        for init in node.body
        if isinstance(init, ast.FunctionDef) and init.name == "__init__"
    }
    spec = importlib.util.spec_from_file_location("journal_build", ROOT / "packaging" / "build.py")
    assert spec is not None and spec.loader is not None
    build = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(build)

    tree = ast.parse(build.windows_version_text("1.2.3"), mode="eval")
    calls = [node for node in ast.walk(tree) if isinstance(node, ast.Call)]

    assert isinstance(tree.body, ast.Call) and ast.unparse(tree.body.func) == "VSVersionInfo"
    assert len(calls) > 5
    for call in calls:
        name = ast.unparse(call.func)
        assert name in signatures, f"PyInstaller has no {name}"
        assert len(call.args) <= len(signatures[name]), ast.unparse(call)
        assert {k.arg for k in call.keywords} <= set(signatures[name]), ast.unparse(call)


# --- installing it --------------------------------------------------------------------------


def test_install_desktop_from_the_bundle_and_uninstall(env: dict[str, str], tmp_path: Path) -> None:
    home = Path(env["HOME"])
    before = {p for p in home.rglob("*")}
    env = {**env, "PATH": f"{home / '.local' / 'bin'}:{env['PATH']}"}
    installer = [sys.executable, str(BUNDLE / "install-desktop.py")]

    installed = subprocess.run(
        [*installer, "install"], env=env, capture_output=True, text=True, timeout=120
    )
    assert installed.returncode == 0, installed.stderr
    command = home / ".local" / "bin" / "journal"
    version = subprocess.run(
        [str(command), "--version"], env=env, capture_output=True, text=True, timeout=30
    )
    desktop = Path(env["XDG_DATA_HOME"]) / "applications" / f"{APP_ID}.desktop"
    exec_line = next(
        line
        for line in desktop.read_text(encoding="utf-8").splitlines()
        if line.startswith("Exec=")
    )
    removed = subprocess.run(
        [*installer, "uninstall"], env=env, capture_output=True, text=True, timeout=60
    )

    assert version.stdout == f"journal {__version__}\n", version.stderr
    assert exec_line == f"Exec={home / '.local' / 'lib' / 'contact-journal' / 'journal'}"
    assert removed.returncode == 0, removed.stderr
    assert {p for p in home.rglob("*")} == before
