"""The balance chart (QtCharts): with data in money or hours, without data, in a dark theme."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from PySide6.QtCharts import QBarCategoryAxis, QBarSeries, QLineSeries, QValueAxis
from PySide6.QtGui import QPalette

from journal.core.balance import Demands, DemandSpan, EntryFact, GroupFacts, MeetingFact, trend
from journal.core.settings import HourValue, ReviewSettings
from journal.ui.theme import dark_palette
from journal.ui.widgets.balance_chart import BalanceChart

AS_OF = dt.date(2026, 11, 24)
EUR = HourValue(Decimal(80), "EUR")


def _facts() -> GroupFacts:
    meetings = tuple(
        MeetingFact(dt.date(2026, 1, 6) + dt.timedelta(weeks=k), "missed" if k % 4 else "attended")
        for k in range(40)
    )
    return GroupFacts(
        group_id=1,
        name="Club",
        joined_on=dt.date(2025, 12, 1),
        demands=(
            DemandSpan(
                None,
                Demands(
                    meeting_minutes=120,
                    dues_amount=Decimal(600),
                    dues_currency="USD",
                    dues_period="year",
                ),
            ),
        ),
        meetings=meetings,
        entries=(
            EntryFact(
                "business_won", dt.date(2026, 5, 5), True, amount=Decimal(900), currency="EUR"
            ),
        ),
    )


def _chart(qtbot) -> BalanceChart:  # type: ignore[no-untyped-def]
    chart = BalanceChart()
    qtbot.addWidget(chart)
    chart.resize(700, 320)
    chart.show()
    return chart


def _series(chart: BalanceChart) -> tuple[QBarSeries, QLineSeries]:
    bars = [s for s in chart.chart.series() if isinstance(s, QBarSeries)]
    lines = [s for s in chart.chart.series() if isinstance(s, QLineSeries)]
    assert len(bars) == 1 and len(lines) == 1
    return bars[0], lines[0]


def _attended(days: list[dt.date]) -> GroupFacts:
    """A group joined on 2026-01-01 with only these meetings, all attended, and no demands."""
    return GroupFacts(
        group_id=3,
        name="Circle",
        joined_on=dt.date(2026, 1, 1),
        meetings=tuple(MeetingFact(day, "attended") for day in days),
    )


def test_money_mode_draws_cost_against_business_in_the_hour_currency(qtbot):
    chart = _chart(qtbot)
    points = trend(_facts(), ReviewSettings(hour_value=EUR), AS_OF)
    chart.set_trend(points, EUR)
    assert not chart.is_empty()
    assert chart.labels == ["2025 Q4", "2026 Q1", "2026 Q2", "2026 Q3", "2026 Q4"]
    bars, attendance = _series(chart)
    cost, business = bars.barSets()
    assert cost.label() == "Cost (time and dues), EUR"
    assert business.at(2) == 900.0  # 2026 Q2
    assert cost.at(1) == float(points[1].costs["EUR"])
    assert attendance.count() == 4  # no meeting was held in 2025 Q4
    expected = [float(p.meetings.pct) for p in points if p.meetings.pct is not None]
    assert [p.y() for p in attendance.points()] == expected
    assert expected == [31.0, 23.0, 23.0, 0.0]  # one meeting in four attended, then none
    axis = chart.chart.axes()[0]
    assert isinstance(axis, QBarCategoryAxis) and axis.categories() == chart.labels
    # Dues in dollars are named under the chart, never converted.
    assert "Not in the chart (other currencies): costs" in chart.caption.text()
    assert "USD" in chart.caption.text()
    assert "2026 Q2: cost" in chart.chart_view.accessibleDescription()


def test_hours_mode_without_a_value_of_an_hour(qtbot):
    chart = _chart(qtbot)
    chart.set_trend(trend(_facts(), ReviewSettings(), AS_OF), None)
    bars, _ = _series(chart)
    (hours,) = bars.barSets()
    assert hours.label() == "Hours given"
    assert hours.at(1) > 0
    assert "Set the value of an hour" in chart.caption.text()


def test_without_data_the_chart_says_so(qtbot):
    chart = _chart(qtbot)
    chart.set_trend([], EUR)
    assert chart.is_empty() and chart.empty_label.isVisible()
    assert chart.chart.series() == []
    assert not chart.caption.isVisible()
    # Quarters where nothing at all happened are no chart either.
    quiet = GroupFacts(group_id=2, name="Quiet", joined_on=dt.date(2026, 1, 1))
    chart.set_trend(trend(quiet, ReviewSettings(), AS_OF), None)
    assert chart.is_empty()
    # And back to data: the chart replaces the empty state, series are not stacked up.
    chart.set_trend(trend(_facts(), ReviewSettings(), AS_OF), None)
    chart.set_trend(trend(_facts(), ReviewSettings(), AS_OF), None)
    assert not chart.is_empty()
    assert len(chart.chart.series()) == 2
    assert len(chart.chart.axes()) == 3


def test_the_chart_follows_a_dark_palette(qtbot):
    chart = _chart(qtbot)
    chart.setPalette(dark_palette())
    chart.set_trend(trend(_facts(), ReviewSettings(hour_value=EUR), AS_OF), EUR)
    text = chart.palette().color(QPalette.ColorRole.WindowText)
    assert chart.chart.legend().labelColor() == text
    assert all(axis.labelsColor() == text for axis in chart.chart.axes())
    assert chart.grab().width() > 0


def test_quarters_without_a_counted_meeting_break_the_attendance_line(qtbot):
    # Meetings in 2026 Q1 and Q3, none in Q2: no rate is drawn across Q2.
    days = [dt.date(2026, 2, 3), dt.date(2026, 2, 10), dt.date(2026, 8, 4)]
    facts = _attended(days)
    chart = _chart(qtbot)
    chart.set_trend(trend(facts, ReviewSettings(), AS_OF), None)
    assert chart.labels == ["2026 Q1", "2026 Q2", "2026 Q3", "2026 Q4"]
    lines = [s for s in chart.chart.series() if isinstance(s, QLineSeries)]
    assert [[(p.x(), p.y()) for p in line.points()] for line in lines] == [
        [(0.0, 100.0)],
        [(2.0, 100.0)],
    ]
    shown = [m for m in chart.chart.legend().markers() if m.isVisible()]
    assert [m.label() for m in shown].count("Attendance %") == 1  # one legend entry


def test_a_full_quarters_attendance_shows_whole_below_the_plots_top(qtbot):
    days = [dt.date(2026, 2, 3), dt.date(2026, 2, 10)]
    facts = _attended(days)
    chart = _chart(qtbot)
    chart.resize(600, 300)
    chart.show()
    chart.set_trend(trend(facts, ReviewSettings(), AS_OF), None)
    (line,) = [s for s in chart.chart.series() if isinstance(s, QLineSeries)]
    point = chart.chart.mapToPosition(line.points()[0], line)
    top = chart.chart.plotArea().top()
    # The marker's whole radius fits inside the plot (it was drawn on its top edge).
    assert point.y() - top >= line.markerSize() / 2
    (rate,) = [
        a for a in chart.chart.axes() if isinstance(a, QValueAxis) and "%%" in a.labelFormat()
    ]
    assert rate.tickInterval() == 25 and rate.tickAnchor() == 0  # labels still 0 to 100 %


def test_a_small_scale_is_labelled_in_whole_steps(qtbot):
    # No hours given (no meeting length set): a 0-to-1 scale in steps of 0.25 was labelled
    # "0, 0, 1, 1, 1" with whole-number labels.
    facts = _attended([dt.date(2026, 2, 3)])
    chart = _chart(qtbot)
    chart.set_trend(trend(facts, ReviewSettings(), AS_OF), None)
    (hours,) = [
        a for a in chart.chart.axes() if isinstance(a, QValueAxis) and a.titleText() == "hours"
    ]
    assert hours.tickType() == QValueAxis.TickType.TicksDynamic and hours.tickInterval() == 1
    assert hours.max() >= 1 and hours.max() == int(hours.max())
