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
