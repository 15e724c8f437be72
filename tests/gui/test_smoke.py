"""The packaged app's self-check (JOURNAL_SMOKE_TEST): it reports what loaded, then ends the app."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from journal.core.contacts import ContactDraft, create_contact
from journal.ui import smoke
from journal.ui.main_window import MainWindow


def _window(qtbot, journal, bus, clock) -> MainWindow:  # type: ignore[no-untyped-def]
    window = MainWindow(journal, bus, clock)
    qtbot.addWidget(window)
    window.show()
    return window


def test_the_check_visits_every_page_and_reports(
    qtbot, journal, bus, clock, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    create_contact(ContactDraft(given_name="Ann"))
    create_contact(ContactDraft(given_name="明", family_name="李"))
    window = _window(qtbot, journal, bus, clock)
    codes: list[int] = []
    output = tmp_path / "report.json"

    smoke.SmokeCheck(window, str(output), codes.append).start()
    qtbot.waitUntil(lambda: codes != [], timeout=10_000)

    assert codes == [0]
    report = json.loads(output.read_text(encoding="utf-8"))
    assert report["pages"] == ["TodayView", "ContactsView", "TimelineView", "GroupsView"]
    assert report["contacts"] == 2
    assert report["exposed"] is True
    assert report["svg_icon"] is True
    assert "svg" in report["image_formats"]
    assert report["qt_modules"] == {"QtCharts": True, "QtNetwork": True}
    assert report["keyring_backends"]["SecretService"] is True
    assert report["encryption"] is True
    assert report["time_zone"]["with_rules"] is True
    assert report["frozen"] is False
    assert report["window"][0] > 0 and report["window"][1] > 0
    assert window.pages.currentIndex() == 0  # back on Contacts


def test_a_failing_check_ends_the_app_with_code_1(
    qtbot, journal, bus, clock, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:  # type: ignore[no-untyped-def]
    window = _window(qtbot, journal, bus, clock)
    codes: list[int] = []

    def broken(self: smoke.SmokeCheck) -> dict[str, object]:
        raise RuntimeError("no QtCharts in this build")

    monkeypatch.setattr(smoke.SmokeCheck, "report", broken)
    smoke.SmokeCheck(window, "-", codes.append).start()
    qtbot.waitUntil(lambda: codes != [], timeout=10_000)

    assert codes == [1]
    captured = capsys.readouterr()
    assert "no QtCharts in this build" in captured.err
    assert captured.out == ""


@pytest.mark.parametrize(("value", "target"), [("1", "-"), ("/tmp/r.json", "/tmp/r.json")])
def test_the_report_goes_to_stdout_or_a_file(
    monkeypatch: pytest.MonkeyPatch, value: str, target: str
) -> None:
    monkeypatch.setenv(smoke.SMOKE_ENV, value)

    assert smoke.report_target() == target
