"""The one look of the app's read-only lists: whole rows, no editing, fixed row heights."""

from __future__ import annotations

from PySide6.QtCore import QAbstractItemModel
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView, QWidget


def read_only_table(
    parent: QWidget,
    name: str,
    accessible: str,
    model: QAbstractItemModel | None = None,
    table: QTableView | None = None,
) -> QTableView:
    """A table of whole-row selection and no in-place editing (`table`, or a new QTableView).

    Fixed row heights let Qt skip measuring every row, which matters for 20,000 contacts.
    """
    table = table or QTableView(parent)
    table.setObjectName(name)
    table.setAccessibleName(accessible)
    if model is not None:
        table.setModel(model)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setAlternatingRowColors(True)
    table.setWordWrap(False)
    # Rows are chosen whole and nothing is edited in place, so Tab has no cell to go to:
    # it leaves the table for the buttons beside it (arrows move inside), as in a list.
    table.setTabKeyNavigation(False)
    rows = table.verticalHeader()
    rows.hide()
    rows.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
    rows.setDefaultSectionSize(table.fontMetrics().height() + 8)
    return table


# Room around a cell's text: the style's margins on both sides, and a little air.
_CELL_PADDING = 24


def text_width(table: QTableView, sample: str) -> int:
    """The width a column of `table` needs to show `sample` (a cell, or its header) whole."""
    cell = table.fontMetrics().horizontalAdvance(sample)
    header = table.horizontalHeader().fontMetrics().horizontalAdvance(sample)
    return max(cell, header) + _CELL_PADDING
