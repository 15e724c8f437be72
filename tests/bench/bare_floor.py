"""The floor for start-up time: Python, PySide6 and an empty main window, nothing else."""

import sys

from PySide6.QtWidgets import QApplication, QMainWindow

app = QApplication(sys.argv)
window = QMainWindow()
window.setWindowTitle("Bare floor")
window.resize(1180, 740)
window.show()
sys.exit(app.exec())
