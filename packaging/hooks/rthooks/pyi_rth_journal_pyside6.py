# Contact Journal's run-time hook for PySide6, in place of PyInstaller's.
#
# PyInstaller's hook imports PySide6.QtCore as the bundle starts (to register a qt.conf),
# so every `journal` command, `journal --version` included, would load eight Qt libraries
# first. PySide6 registers that qt.conf itself when QtCore is first imported; all the
# bundle needs before then is where Qt's plugins are, set as PyInstaller's hook sets it.
# Nothing here may import Qt: the command line has to stay Qt-free when frozen too.


def _journal_rthook() -> None:
    import os
    import sys

    base = os.path.join(sys._MEIPASS, "PySide6")
    qt_dir = base if sys.platform.startswith("win") else os.path.join(base, "Qt")
    os.environ["QT_PLUGIN_PATH"] = os.path.join(qt_dir, "plugins")


_journal_rthook()
del _journal_rthook
