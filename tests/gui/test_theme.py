"""Both palettes keep quiet text legible: empty-list lines, archived contacts, disabled labels."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from PySide6.QtGui import QPalette

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
