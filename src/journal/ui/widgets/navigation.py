"""The look of the main window's page list: airy rows, the current page on a rounded highlight.

Painted by a delegate rather than a style sheet: a style sheet makes Qt build a style of its
own for the widget (about 9 ms of every start, before the window shows), and a sheet keeps
the colours it was resolved with when the theme changes. The delegate paints with the
palette of the moment.
"""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QRect, QSize, Qt
from PySide6.QtGui import QIcon, QPainter, QPalette
from PySide6.QtWidgets import QListWidget, QStyle, QStyledItemDelegate, QStyleOptionViewItem

PADDING = QSize(6, 8)  # left and right, top and bottom, around a row's icon and text
GAP = 8  # between the icon and the text
RADIUS = 6


class NavigationDelegate(QStyledItemDelegate):
    """Paints a page's row: icon and name, on the highlight with rounded corners if current."""

    def sizeHint(
        self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex
    ) -> QSize:
        base = super().sizeHint(option, index)
        return QSize(base.width() + 2 * PADDING.width(), base.height() + 2 * PADDING.height())

    def paint(
        self,
        painter: QPainter,
        option: QStyleOptionViewItem,
        index: QModelIndex | QPersistentModelIndex,
    ) -> None:
        view = QStyleOptionViewItem(option)
        self.initStyleOption(view, index)
        selected = bool(view.state & QStyle.StateFlag.State_Selected)
        rect = QRect(view.rect)
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        if selected:
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(view.palette.brush(QPalette.ColorRole.Highlight))
            painter.drawRoundedRect(rect.adjusted(0, 1, 0, -1), RADIUS, RADIUS)
        inner = rect.adjusted(PADDING.width(), 0, -PADDING.width(), 0)
        size = view.decorationSize
        icon_rect = QRect(
            inner.left(), inner.center().y() - size.height() // 2 + 1, size.width(), size.height()
        )
        mode = QIcon.Mode.Selected if selected else QIcon.Mode.Normal
        view.icon.paint(painter, icon_rect, Qt.AlignmentFlag.AlignCenter, mode)
        text_rect = inner.adjusted(size.width() + GAP, 0, 0, 0)
        role = QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.Text
        painter.setPen(view.palette.color(role))
        painter.setFont(view.font)
        text = view.fontMetrics.elidedText(
            view.text, Qt.TextElideMode.ElideRight, text_rect.width()
        )
        painter.drawText(
            text_rect, Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft, text
        )
        painter.restore()


def style_navigation(nav: QListWidget) -> None:
    """Give the page list its look: no frame, the window's own background, airy rows."""
    nav.setFrameShape(QListWidget.Shape.NoFrame)
    # Through the palette, not viewport().setAutoFillBackground(): the first call returning
    # a plain QWidget makes PySide6 build every QtWidgets type to find its class (14 ms).
    # Only this role is the list's own; the others follow the app's palette and theme.
    palette = QPalette()
    palette.setColor(QPalette.ColorRole.Base, Qt.GlobalColor.transparent)
    nav.setPalette(palette)
    nav.setItemDelegate(NavigationDelegate(nav))
