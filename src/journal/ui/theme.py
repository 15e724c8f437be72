"""Light, dark or the desktop's own palette, legible either way (Fusion style, our palette)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QGuiApplication, QPalette
from PySide6.QtWidgets import QApplication, QStyleFactory

THEMES = ("system", "light", "dark")


# Disabled text, which the app also uses for quiet text (Today's "nothing due" lines,
# archived contacts): at least 3.5 : 1 on every background it is drawn on. Fusion's own
# light grey was 1.6 : 1.
_LIGHT_QUIET, _DARK_QUIET = "#707070", "#969ba2"
_TEXT_ROLES = (
    QPalette.ColorRole.Text,
    QPalette.ColorRole.WindowText,
    QPalette.ColorRole.ButtonText,
)


def dark_palette() -> QPalette:
    """A calm dark palette with enough contrast for text, links and disabled items."""
    p = QPalette()
    # Fields lighter than the window: Fusion outlines with a darker shade of the window
    # colour, which vanishes on dark grey, so boxes and check marks must stand out by fill.
    window, base, text = QColor("#1e1f22"), QColor("#2e3035"), QColor("#e8eaed")
    p.setColor(QPalette.ColorRole.Window, window)
    p.setColor(QPalette.ColorRole.WindowText, text)
    p.setColor(QPalette.ColorRole.Base, base)
    p.setColor(QPalette.ColorRole.AlternateBase, QColor("#34363c"))
    p.setColor(QPalette.ColorRole.ToolTipBase, QColor("#2b2d31"))
    p.setColor(QPalette.ColorRole.ToolTipText, text)
    p.setColor(QPalette.ColorRole.PlaceholderText, QColor("#9aa0a6"))
    p.setColor(QPalette.ColorRole.Text, text)
    p.setColor(QPalette.ColorRole.Button, QColor("#3a3d43"))
    p.setColor(QPalette.ColorRole.ButtonText, text)
    p.setColor(QPalette.ColorRole.BrightText, QColor("#ff8a80"))
    p.setColor(QPalette.ColorRole.Link, QColor("#8ab4f8"))
    p.setColor(QPalette.ColorRole.Highlight, QColor("#3f7f73"))
    p.setColor(QPalette.ColorRole.HighlightedText, QColor("#ffffff"))
    # Fusion draws frames and check boxes from these; the defaults vanish on dark grey.
    p.setColor(QPalette.ColorRole.Light, QColor("#6b6f75"))
    p.setColor(QPalette.ColorRole.Midlight, QColor("#53575d"))
    p.setColor(QPalette.ColorRole.Mid, QColor("#8a8f96"))
    p.setColor(QPalette.ColorRole.Dark, QColor("#9aa0a6"))
    p.setColor(QPalette.ColorRole.Shadow, QColor("#000000"))
    for role in _TEXT_ROLES:
        p.setColor(QPalette.ColorGroup.Disabled, role, QColor(_DARK_QUIET))
    return p


def light_palette() -> QPalette:
    """Fusion's light palette with our accent colour and legible quiet text."""
    fusion = QStyleFactory.create("Fusion")
    p = fusion.standardPalette() if fusion else QPalette()
    p.setColor(QPalette.ColorRole.Highlight, QColor("#2f7d6d"))
    p.setColor(QPalette.ColorRole.HighlightedText, QColor("#ffffff"))
    for role in _TEXT_ROLES:
        p.setColor(QPalette.ColorGroup.Disabled, role, QColor(_LIGHT_QUIET))
    return p


# Check boxes and radio buttons draw their outline from the window colour made darker
# (Fusion), which vanishes on a dark window: the review's decisions were barely visible.
# Their own palette gets a light "window" for that outline alone; neither fills its
# background, so nothing else changes.
INDICATOR_CLASSES = ("QRadioButton", "QCheckBox")
_DARK_INDICATOR_OUTLINE_SOURCE = "#aab0b6"


def indicator_palette(palette: QPalette) -> QPalette:
    """The palette for check boxes and radio buttons under `palette`."""
    if palette.color(QPalette.ColorRole.Window).lightness() >= 128:
        return palette
    outlined = QPalette(palette)
    outlined.setColor(QPalette.ColorRole.Window, QColor(_DARK_INDICATOR_OUTLINE_SOURCE))
    return outlined


def apply_theme(app: QApplication, theme: str) -> None:
    """Switch the whole app to a theme ("system" follows the desktop's colour scheme)."""
    app.setStyle("Fusion")
    if theme == "dark":
        palette = dark_palette()
    elif theme == "light":
        palette = light_palette()
    else:
        scheme = QGuiApplication.styleHints().colorScheme()
        palette = dark_palette() if scheme == Qt.ColorScheme.Dark else light_palette()
    app.setPalette(palette)
    for name in INDICATOR_CLASSES:
        app.setPalette(indicator_palette(palette), name)
    # A widget with a style sheet of its own keeps the colours its sheet was resolved with
    # (the navigation's text stayed black on the dark window): set each sheet again.
    for widget in app.allWidgets():
        sheet = widget.styleSheet()
        if sheet:
            widget.setStyleSheet(sheet)


def warning_color(palette: QPalette | None = None) -> QColor:
    """A red that stays legible on the palette's background, light or dark."""
    palette = palette if palette is not None else QApplication.palette()
    dark = palette.color(QPalette.ColorRole.Base).lightness() < 128
    # Material's error reds: the light one on dark backgrounds, the deep one on light ones.
    return QColor("#ffb4ab") if dark else QColor("#b3261e")
