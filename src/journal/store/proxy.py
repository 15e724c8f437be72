"""The one database proxy every model and query goes through, bound when a journal opens.

Apart from store/models.py so that opening a journal (and the app's first page) does not
make Peewee build the model classes: those load with the first query module that uses them.
"""

from __future__ import annotations

from journal.store.hold import HeldProxy

# Held while a change of encryption replaces the file (store/hold.py).
database_proxy = HeldProxy()
