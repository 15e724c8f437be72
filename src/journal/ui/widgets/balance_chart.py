"""A group's balance quarter by quarter (QtCharts): what it cost against what it returned,
and the attendance rate; or, while no value of an hour is set, the hours given.

Money is drawn in the currency of the value of an hour only; amounts in other currencies
are named under the chart, never converted.
"""

from __future__ import annotations

import math
from decimal import Decimal

from PySide6.QtCharts import (
    QBarCategoryAxis,
    QBarSeries,
    QBarSet,
    QChart,
    QChartView,
    QLineSeries,
    QValueAxis,
)
from PySide6.QtCore import QMargins, Qt
from PySide6.QtGui import QColor, QPainter, QPalette, QPen
from PySide6.QtWidgets import QLabel, QStackedWidget, QVBoxLayout, QWidget

from journal.core.balance import Balance, Money
from journal.core.periods import quarter_label
from journal.core.settings import HourValue
from journal.ui.formatting import money
from journal.ui.review_texts import money_list

# Colours chosen to stay apart for the common colour-vision deficiencies.
COST_COLOUR = QColor("#d55e00")
RETURN_COLOUR = QColor("#0072b2")
HOURS_COLOUR = QColor("#e69f00")
ATTENDANCE_COLOUR = QColor("#009e73")
# The attendance axis runs a little past 100 %, so a full quarter's point shows whole.
RATE_TOP = 108


def _has_anything(point: Balance) -> bool:
    return bool(point.hours.total or point.costs or point.business or point.meetings.recorded)


def _others(points: list[Balance], currency: str | None) -> tuple[Money, Money]:
    costs: Money = {}
    business: Money = {}
    for point in points:
        for target, source in ((costs, point.costs), (business, point.business)):
            for code, amount in source.items():
                if code != currency:
                    target[code] = target.get(code, Decimal(0)) + amount
    return costs, business


class BalanceChart(QWidget):
    """The trend of one membership, with an empty state when nothing is recorded yet."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("balanceChart")
        self.stack = QStackedWidget(self)
        self.empty_label = QLabel(
            self.tr(
                "Nothing recorded for this group yet: the trend appears once meetings or "
                "returns are noted."
            ),
            self.stack,
        )
        self.empty_label.setObjectName("chartEmptyState")
        self.empty_label.setWordWrap(True)
        self.empty_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.chart = QChart()
        self.chart.setBackgroundVisible(False)
        self.chart.setMargins(QMargins(0, 0, 0, 0))
        self.chart.legend().setAlignment(Qt.AlignmentFlag.AlignBottom)
        self.chart_view = QChartView(self.chart, self.stack)
        self.chart_view.setObjectName("balanceChartView")
        self.chart_view.setRenderHint(QPainter.RenderHint.Antialiasing)
        self.chart_view.setAccessibleName(self.tr("Balance by quarter"))
        self.chart_view.setMinimumHeight(220)
        self.stack.addWidget(self.empty_label)
        self.stack.addWidget(self.chart_view)
        self.caption = QLabel(self)
        self.caption.setObjectName("chartCaption")
        self.caption.setWordWrap(True)
        self.caption.setTextFormat(Qt.TextFormat.PlainText)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.stack, 1)
        layout.addWidget(self.caption)
        self.labels: list[str] = []
        self.set_trend([], None)

    def is_empty(self) -> bool:
        """True while the empty state is shown instead of a chart."""
        return self.stack.currentWidget() is self.empty_label

    def set_trend(self, points: list[Balance], hour: HourValue | None) -> None:
        """Draw these quarters (oldest first); with none worth drawing, say so instead."""
        self.chart.removeAllSeries()
        for axis in self.chart.axes():
            self.chart.removeAxis(axis)
            # The chart releases a removed axis without deleting it: three more lived on
            # at every group shown.
            axis.deleteLater()
        shown = points if any(_has_anything(p) for p in points) else []
        self.labels = [quarter_label(p.period) for p in shown]
        if not shown:
            self.stack.setCurrentWidget(self.empty_label)
            self.caption.clear()
            self.caption.hide()
            self.chart_view.setAccessibleDescription("")
            return
        self._apply_palette()
        bars = QBarSeries()
        currency = hour.currency if hour is not None else None
        if currency is not None:
            cost = QBarSet(self.tr("Cost (time and dues), %1").replace("%1", currency))
            back = QBarSet(self.tr("Business returned, %1").replace("%1", currency))
            cost.setColor(COST_COLOUR)
            back.setColor(RETURN_COLOUR)
            for p in shown:
                cost.append(float(p.costs.get(currency, 0)))
                back.append(float(p.business.get(currency, 0)))
            bars.append(cost)
            bars.append(back)
            unit = currency
            top = max([*cost_values(cost), *cost_values(back), 1.0])
        else:
            hours = QBarSet(self.tr("Hours given"))
            hours.setColor(HOURS_COLOUR)
            for p in shown:
                hours.append(float(p.hours.total))
            bars.append(hours)
            unit = self.tr("hours")
            top = max([*cost_values(hours), 1.0])
        self.chart.addSeries(bars)
        lines = self._attendance_lines(shown)

        categories = QBarCategoryAxis()
        categories.append(self.labels)
        self.chart.addAxis(categories, Qt.AlignmentFlag.AlignBottom)
        amounts = QValueAxis()
        amounts.setRange(0, top * 1.05)
        amounts.applyNiceNumbers()  # round steps (0, 1,000, 2,000) rather than 0, 751, 1502
        if (amounts.max() - amounts.min()) / max(amounts.tickCount() - 1, 1) < 1:
            # Steps under one, labelled as whole numbers, read "0, 1, 1, 2": whole steps.
            amounts.setRange(0, math.ceil(top * 1.05))
            amounts.setTickType(QValueAxis.TickType.TicksDynamic)
            amounts.setTickAnchor(0)
            amounts.setTickInterval(1)
        amounts.setLabelFormat("%.0f")
        amounts.setTitleText(unit)
        self.chart.addAxis(amounts, Qt.AlignmentFlag.AlignLeft)
        rate = QValueAxis()
        # Room above 100 %: a full quarter's point sat on the plot's edge, half cut off.
        # Its ticks stay at 0, 25, 50, 75 and 100 %.
        rate.setRange(0, RATE_TOP)
        rate.setTickType(QValueAxis.TickType.TicksDynamic)
        rate.setTickAnchor(0)
        rate.setTickInterval(25)
        rate.setLabelFormat("%d %%")
        rate.setTitleText(self.tr("attendance"))
        self.chart.addAxis(rate, Qt.AlignmentFlag.AlignRight)
        bars.attachAxis(categories)
        bars.attachAxis(amounts)
        for line in lines:
            line.attachAxis(categories)
            line.attachAxis(rate)
        self._style_axes(categories, amounts, rate)
        self.stack.setCurrentWidget(self.chart_view)
        self._caption(shown, currency)
        self.chart_view.setAccessibleDescription(self._describe(shown, currency))

    def _attendance_lines(self, shown: list[Balance]) -> list[QLineSeries]:
        """The attendance rate, one line per run of quarters that had meetings counted.

        One line joined across a quarter without any would draw a rate nobody had there.
        The first line stands for all of them in the legend.
        """
        runs: list[list[tuple[int, int]]] = []
        previous = -2
        for index, p in enumerate(shown):
            pct = p.meetings.pct
            if pct is None:
                continue
            if index != previous + 1:
                runs.append([])
            runs[-1].append((index, pct))
            previous = index
        lines = []
        for number, run in enumerate(runs or [[]]):
            line = QLineSeries()
            line.setName(self.tr("Attendance %"))
            line.setPen(QPen(ATTENDANCE_COLOUR, 2.5))
            line.setPointsVisible(True)
            for index, pct in run:
                line.append(index, pct)
            self.chart.addSeries(line)
            if number:
                for marker in self.chart.legend().markers(line):
                    marker.setVisible(False)
            lines.append(line)
        return lines

    # --- words around the chart ---------------------------------------------------------

    def _caption(self, points: list[Balance], currency: str | None) -> None:
        costs, business = _others(points, currency)
        parts = []
        if currency is None:
            parts.append(
                self.tr("Set the value of an hour to compare the time given with what it returns.")
            )
        if costs or business:
            parts.append(
                self.tr("Not in the chart (other currencies): costs %1; business %2.")
                .replace("%1", money_list(_listed(costs)))
                .replace("%2", money_list(_listed(business)))
            )
        self.caption.setText(" ".join(parts))
        self.caption.setVisible(bool(parts))

    def _describe(self, points: list[Balance], currency: str | None) -> str:
        """The chart as sentences, for screen readers."""
        lines = []
        for p in points:
            if currency is not None:
                value = (
                    self.tr("%1: cost %2, business %3")
                    .replace("%1", quarter_label(p.period))
                    .replace("%2", money(p.costs.get(currency, Decimal(0)), currency))
                    .replace("%3", money(p.business.get(currency, Decimal(0)), currency))
                )
            else:
                value = (
                    self.tr("%1: %2 hours")
                    .replace("%1", quarter_label(p.period))
                    .replace("%2", str(p.hours.total))
                )
            if p.meetings.pct is not None:
                value += self.tr(", attendance %1%").replace("%1", str(p.meetings.pct))
            lines.append(value)
        return "; ".join(lines)

    # --- looks ----------------------------------------------------------------------------

    def _apply_palette(self) -> None:
        palette = self.palette()
        dark = palette.color(QPalette.ColorRole.Window).lightness() < 128
        self.chart.setTheme(
            QChart.ChartTheme.ChartThemeDark if dark else QChart.ChartTheme.ChartThemeLight
        )
        self.chart.setBackgroundVisible(False)
        self.chart.legend().setLabelColor(palette.color(QPalette.ColorRole.WindowText))

    def _style_axes(self, *axes: QBarCategoryAxis | QValueAxis) -> None:
        text = self.palette().color(QPalette.ColorRole.WindowText)
        grid = self.palette().color(QPalette.ColorRole.Mid)
        for axis in axes:
            axis.setLabelsColor(text)
            axis.setTitleBrush(text)
            axis.setGridLineColor(grid)


def cost_values(bar_set: QBarSet) -> list[float]:
    """The values a bar set holds (for the axis range)."""
    return [bar_set.at(i) for i in range(bar_set.count())]


def _listed(amounts: Money) -> list[dict[str, str]]:
    return [{"amount": str(a), "currency": c} for c, a in sorted(amounts.items())]
