"""A second floor for start-up: the least any journal window built on this stack does.

Not the app: no journal code at all. Peewee imported and the journal's SQLite file opened
and read once; the Qt types that any window with a list, a page and the Fusion style
touches (the `Qt` namespace and `QStyle`, whose Python enums PySide6 builds on first use);
a frame with a navigation list beside a stacked page. The start-up benchmark times it side
by side with the bare window, to show how much of the 1.5 x budget this stack itself takes
before a line of the app runs. Usage: skeleton_floor.py JOURNAL_FOLDER
"""

import sys

import peewee
from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QApplication,
    QLabel,
    QListWidget,
    QMainWindow,
    QSplitter,
    QStackedWidget,
    QStyle,
    QStyleFactory,
)

db = peewee.SqliteDatabase(f"{sys.argv[1]}/journal.sqlite3", pragmas={"cache_size": -2000})
db.connect()
db.execute_sql("SELECT count(*) FROM contact").fetchone()

app = QApplication(sys.argv[:1])
app.setStyle(QStyleFactory.create("Fusion"))
window = QMainWindow()
window.setWindowTitle("Skeleton floor")
window.resize(1180, 740)
navigation = QListWidget()
navigation.addItems(["Today", "Contacts", "Timeline", "Groups"])
navigation.setCurrentRow(0)
pages = QStackedWidget()
page = QLabel("Today")
page.setAlignment(Qt.AlignmentFlag.AlignCenter)
page.setIndent(page.style().pixelMetric(QStyle.PixelMetric.PM_LayoutLeftMargin))
pages.addWidget(page)
splitter = QSplitter()
splitter.addWidget(navigation)
splitter.addWidget(pages)
window.setCentralWidget(splitter)
window.show()
sys.exit(app.exec())
