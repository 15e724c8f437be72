"""Both palettes keep quiet text legible: empty-list lines, archived contacts, disabled labels."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from PySide6.QtGui import QColor, QPalette

sys.path.insert(0, str(Path(__file__).resolve().parent))
from colours import contrast

from journal.ui.theme import dark_palette, light_palette

ROLES = [
    (QPalette.ColorRole.WindowText, QPalette.ColorRole.Window),
    (QPalette.ColorRole.Text, QPalette.ColorRole.Base),
    (QPalette.ColorRole.ButtonText, QPalette.ColorRole.Button),
]


@pytest.mark.parametrize("palette", [light_palette, dark_palette], ids=["light", "dark"])
@pytest.mark.parametrize(("text", "background"), ROLES)
def test_disabled_text_is_quiet_but_legible(
    qapp, palette, text: QPalette.ColorRole, background: QPalette.ColorRole
) -> None:  # type: ignore[no-untyped-def]
    p = palette()
    quiet = p.color(QPalette.ColorGroup.Disabled, text)
    ratio = contrast(quiet, p.color(QPalette.ColorGroup.Disabled, background))
    # Fusion's light grey was 1.6 : 1 (Today's "nothing due" lines, archived contacts).
    assert ratio >= 3.5
    assert ratio < contrast(p.color(text), p.color(background))  # still quieter than text


def test_check_boxes_and_radio_buttons_are_outlined_on_a_dark_window(qapp) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtWidgets import QCheckBox, QRadioButton

    from journal.ui.theme import INDICATOR_CLASSES, apply_theme

    saved = qapp.palette()
    try:
        apply_theme(qapp, "dark")
        window = qapp.palette().color(QPalette.ColorRole.Window)
        for widget in (QRadioButton("Keep"), QCheckBox("Apply the status")):
            widget.ensurePolished()  # as showing it does: the class's palette applies then
            own = widget.palette()
            # Fusion draws the indicator's outline in the widget's window colour, darker.
            outline = own.color(QPalette.ColorRole.Window).darker(150)
            assert contrast(outline, window) >= 3.0, type(widget).__name__
            assert own.color(QPalette.ColorRole.WindowText) == qapp.palette().color(
                QPalette.ColorRole.WindowText
            )
        apply_theme(qapp, "light")
        light = QRadioButton()
        light.ensurePolished()
        window = qapp.palette().color(QPalette.ColorRole.Window)
        assert light.palette().color(QPalette.ColorRole.Window) == window
    finally:
        qapp.setPalette(saved)
        for name in INDICATOR_CLASSES:
            qapp.setPalette(saved, name)


@pytest.fixture
def themed(qapp):  # type: ignore[no-untyped-def]
    """Switch themes in a test; the test session's palette comes back after it."""
    from journal.ui.theme import INDICATOR_CLASSES, apply_theme

    saved = qapp.palette()
    apply_theme(qapp, "light")
    yield lambda theme: apply_theme(qapp, theme)
    qapp.setPalette(saved)
    for name in INDICATOR_CLASSES:
        qapp.setPalette(saved, name)


def _colours_drawn(widget) -> set[str]:  # type: ignore[no-untyped-def]
    image = widget.grab().toImage()
    return {
        QColor(image.pixel(x, y)).name()
        for y in range(image.height())
        for x in range(image.width())
    }


def test_a_card_on_screen_takes_the_new_link_colour_when_the_theme_changes(
    qtbot, themed, journal, clock
) -> None:  # type: ignore[no-untyped-def]
    from journal.core.contacts import ChannelDraft, ContactDraft, create_contact
    from journal.ui.views.contact_detail import ContactDetail

    email = [ChannelDraft("email", "ada.lovelace.with.a.long.address@example.org")]
    ada = create_contact(ContactDraft(given_name="Ada", channels=email), clock).value
    detail = ContactDetail(clock=clock)
    qtbot.addWidget(detail)
    detail.resize(700, 400)
    detail.show()
    qtbot.waitExposed(detail)
    detail.show_contact(ada)
    light_link = detail.palette().color(QPalette.ColorRole.Link).name()
    assert light_link in _colours_drawn(detail.card)
    themed("dark")
    qtbot.wait(1)  # palette changes reach widgets as events
    dark_link = detail.palette().color(QPalette.ColorRole.Link).name()
    drawn = _colours_drawn(detail.card)
    # The light theme's blue was left on the dark card, 2 : 1 against it.
    assert dark_link in drawn and light_link not in drawn


def test_the_attendance_warning_takes_the_new_theme_red(qtbot, themed, bus, clock) -> None:  # type: ignore[no-untyped-def]
    import datetime as dt

    from journal.core.groups import GroupDraft, create_group
    from journal.core.meetings import MeetingDraft, record_meeting
    from journal.ui.theme import warning_color
    from journal.ui.views.group_balance import GroupBalancePane

    gid = create_group(
        GroupDraft(name="Strict", joined_on=dt.date(2025, 1, 1), required_attendance_pct=80),
        clock,
    ).value
    for k in range(1, 11):
        day = clock.today() - dt.timedelta(weeks=k)
        record_meeting(MeetingDraft(gid, day, "missed" if k in (1, 6) else "attended"), clock)
    pane = GroupBalancePane(clock=clock)
    qtbot.addWidget(pane)
    pane.show()
    qtbot.waitExposed(pane)
    pane.show_group(gid)
    assert pane.warning_shown()
    themed("dark")
    qtbot.wait(1)
    shown = pane.window_label.palette().color(QPalette.ColorRole.WindowText)
    assert shown == warning_color(pane.palette())
    assert contrast(shown, pane.palette().color(QPalette.ColorRole.Window)) >= 4.5
