"""The Qt desktop interface: application, main window, views, item models, dialogs."""

# First, before any of the interface's modules: PySide6's import hook reads what they import.
from journal.ui import pyside_hook as _pyside_hook  # noqa: F401
