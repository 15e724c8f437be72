"""One membership's balance in the group view: figures, attendance against its rule, the next
meetings, the recommendation, and the trend chart."""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QFormLayout, QGroupBox, QLabel, QVBoxLayout, QWidget

from journal.core.balance import Balance
from journal.core.clock import SYSTEM_CLOCK, Clock
from journal.core.errors import NotFoundError
from journal.core.recommend import hours_text
from journal.core.review import GroupReview, group_review
from journal.core.schedule import days_unknown
from journal.core.settings import ReviewSettings, load_settings
from journal.ui import labels, review_texts
from journal.ui.formatting import money, plain_date
from journal.ui.models.group_models import percent, warning_color
from journal.ui.review_texts import money_list
from journal.ui.widgets.balance_chart import BalanceChart


def _listed(amounts: dict[str, object]) -> list[dict[str, str]]:
    return [{"amount": str(a), "currency": c} for c, a in sorted(amounts.items())]


def _warns(b: Balance) -> bool:
    """Below the rule, or one miss from it once the record is long enough to mean something."""
    a = b.attendance
    return a.status == "below" or (a.status == "at_risk" and a.short_record_miss_pct is None)


class GroupBalancePane(QWidget):
    """The balance of the group shown, over the review period, and its trend by quarter."""

    def __init__(
        self,
        clock: Clock = SYSTEM_CLOCK,
        parent: QWidget | None = None,
        attendance_lines: bool = True,
    ) -> None:
        """`attendance_lines=False` leaves the attendance and next-meetings lines out of the
        pane's own layout, for a page that places them itself (`window_label`,
        `upcoming_label`)."""
        super().__init__(parent)
        self.setObjectName("groupBalance")
        self._clock = clock
        self.review: GroupReview | None = None

        self.window_label = self._label("attendanceWindow")
        self.window_label.setAccessibleName(self.tr("Attendance against the group's rule"))
        self.upcoming_label = self._label("upcomingMeetings")
        self.upcoming_label.setAccessibleName(self.tr("Next meetings"))

        self.figures_box = QGroupBox(self)
        self.figures_box.setObjectName("balanceBox")
        form = QFormLayout(self.figures_box)
        self.figure_labels: dict[str, QLabel] = {}
        for key, caption in (
            ("time", self.tr("Time given")),
            ("money", self.tr("Money spent")),
            ("business", self.tr("Business returned")),
            ("referrals", self.tr("Referrals")),
            ("people", self.tr("People")),
            ("meetings", self.tr("Meetings")),
        ):
            value = self._label(f"figure_{key}")
            value.setAccessibleName(caption)
            form.addRow(caption, value)
            self.figure_labels[key] = value
        self.verdict_label = self._label("recommendation")
        font = self.verdict_label.font()
        font.setBold(True)
        self.verdict_label.setFont(font)
        self.verdict_label.setAccessibleName(self.tr("What the review would suggest"))
        self.reasons_label = self._label("recommendationReasons")
        self.reasons_label.setAccessibleName(self.tr("Why"))
        form.addRow(self.verdict_label)
        form.addRow(self.reasons_label)

        self.chart_box = QGroupBox(self.tr("By quarter"), self)
        self.chart = BalanceChart(self.chart_box)
        chart_layout = QVBoxLayout(self.chart_box)
        chart_layout.addWidget(self.chart)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        if attendance_lines:
            layout.addWidget(self.window_label)
            layout.addWidget(self.upcoming_label)
        layout.addWidget(self.figures_box)
        layout.addWidget(self.chart_box)

    def _label(self, name: str) -> QLabel:
        label = QLabel(self)
        label.setObjectName(name)
        label.setWordWrap(True)
        label.setTextFormat(Qt.TextFormat.PlainText)
        label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        return label

    def show_group(self, group_id: int | None, settings: ReviewSettings | None = None) -> None:
        """Compute and show one group's balance as of today (None: show nothing)."""
        review = None
        if group_id is not None:
            today = self._clock.today()
            try:
                review = group_review(group_id, today, settings or load_settings(), None, today)
            except NotFoundError:
                review = None
        self.show_review(review)

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        # The attendance line's warning red was picked for the palette it was filled under:
        # after a switch of theme, pick it again (a light theme's red is dim on dark).
        if event.type() == QEvent.Type.PaletteChange and self.review is not None:
            self._fill_window(self.review.balance)

    def show_review(self, review: GroupReview | None) -> None:
        """Show a balance already computed (the review dialog has one per group)."""
        self.review = review
        if review is None:
            self.chart.set_trend([], None)
            return
        b = review.balance
        self.figures_box.setTitle(
            self.tr("Balance, %1 to %2")
            .replace("%1", plain_date(b.period.start))
            .replace("%2", plain_date(b.period.end))
        )
        self._fill_figures(b)
        self._fill_window(b)
        self._fill_upcoming(review)
        verdict = review.recommendation
        name = review_texts.recommendations().get(verdict.code, verdict.code)
        self.verdict_label.setText(self.tr("The review would suggest: %1").replace("%1", name))
        marks = review_texts.stance_marks()
        self.reasons_label.setText(
            "\n".join(
                f"{marks.get(r.stance, '·')} {review_texts.reason_text(r.code, r.data, r.message)}"
                for r in verdict.reasons
            )
        )
        self.chart.set_trend(review.trend, b.hour_value)

    def _fill_figures(self, b: Balance) -> None:
        values = self.figure_labels
        h = b.hours
        time = (
            self.tr("%1 (meetings %2, travel %3, role %4)")
            .replace("%1", hours_text(h.total))
            .replace("%2", hours_text(h.meetings))
            .replace("%3", hours_text(h.travel))
            .replace("%4", hours_text(h.role))
        )
        if b.hour_value is not None and b.time_cost is not None:
            time += self.tr(", worth %1").replace("%1", money(b.time_cost, b.hour_value.currency))
        values["time"].setText(time)
        values["money"].setText(
            self.tr("%1 of dues").replace("%1", money_list(_listed(dict(b.dues))))
            if b.dues
            else self.tr("No dues")
        )
        business = money_list(_listed(dict(b.business))) if b.business else self.tr("No business")
        if b.estimated:
            business += self.tr("; estimated, not yet confirmed: %1").replace(
                "%1", money_list(_listed(dict(b.estimated)))
            )
        values["business"].setText(business)
        values["referrals"].setText(
            self.tr("%n received", "", b.referrals_received)
            + self.tr(", %n given", "", b.referrals_given)
        )
        values["people"].setText(
            self.tr("%n member(s) in touch outside meetings", "", len(b.relationships))
            + self.tr(", support received %n time(s)", "", b.support_received)
            + self.tr(", %n new contact(s) first met there", "", len(b.new_contacts))
        )
        m = b.meetings
        text = self.tr("%n recorded", "", m.recorded)
        if m.expected is not None:
            text += self.tr(" of about %n expected", "", m.expected)
        if b.ratings.rated:
            rated = labels.meeting_ratings()
            text += self.tr("; rated: %1 %2, %3 %4, %5 %6")
            for number, (count, code) in enumerate(
                (
                    (b.ratings.worth_it, "worth_it"),
                    (b.ratings.so_so, "so_so"),
                    (b.ratings.waste, "waste"),
                )
            ):
                text = text.replace(f"%{2 * number + 1}", str(count)).replace(
                    f"%{2 * number + 2}", rated[code].lower()
                )
        values["meetings"].setText(text)

    def _fill_window(self, b: Balance) -> None:
        a = b.attendance
        palette = self.palette()
        if a.pct is None:
            text = self.tr("No meetings counted for attendance yet.")
        else:
            text = (
                self.tr(
                    "Over its last %n meeting(s) (apologies sent are not counted): "
                    "attended %1 (%2).",
                    "",
                    a.counted,
                )
                .replace("%1", str(a.attended))
                .replace("%2", percent(a.pct))
            )
        if a.required_pct is not None:
            required = percent(a.required_pct)
            if a.status == "below":
                text += " " + self.tr("Below the %1 it requires: it may ask you to leave.").replace(
                    "%1", required
                )
            elif a.status == "at_risk" and a.short_record_miss_pct is not None:
                text += " " + (
                    self.tr(
                        "It requires %1. With %n meeting(s) counted so far, one miss would put "
                        "you at %2.",
                        "",
                        a.counted,
                    )
                    .replace("%1", required)
                    .replace("%2", percent(a.short_record_miss_pct))
                )
            elif a.status == "at_risk":
                text += " " + self.tr(
                    "Careful: one more miss would take you below the %1 it requires."
                ).replace("%1", required)
            elif a.misses_allowed is not None and a.status == "ok":
                text += " " + self.tr(
                    "It requires %1; you can miss %n more before falling below.",
                    "",
                    a.misses_allowed,
                ).replace("%1", required)
        if _warns(b):
            palette.setColor(QPalette.ColorRole.WindowText, warning_color(palette))
        self.window_label.setPalette(palette)
        self.window_label.setText(text)

    def _fill_upcoming(self, review: GroupReview) -> None:
        states = labels.attendance()
        today = self._clock.today()
        lines = [
            self.tr("Today: %1.").replace("%1", states.get(m.attendance, m.attendance))
            for m in review.facts.meetings
            if m.held_on == today
        ]
        days = []
        for m in review.upcoming:
            day = plain_date(m.day)
            if m.attendance:
                day += self.tr(" (%1)").replace("%1", states.get(m.attendance, m.attendance))
            days.append(day)
        facts, demands = review.facts, review.facts.current_demands
        cadence, weekday = demands.meeting_cadence, demands.meeting_weekday
        held = [m.held_on for m in facts.meetings]
        if days:
            lines.append(self.tr("Next meetings: %1").replace("%1", ", ".join(days)))
        elif days_unknown(cadence, weekday, held, facts.joined_on, today):
            lines.append(
                self.tr(
                    "Next meetings: not known yet. Record a meeting, or set the day you joined, "
                    "and they follow from it."
                )
            )
        self.upcoming_label.setText(" ".join(lines))
        self.upcoming_label.setVisible(bool(lines))

    def warning_shown(self) -> bool:
        """True when the attendance line is in the warning colour (for the page's tests)."""
        return self.review is not None and _warns(self.review.balance)
