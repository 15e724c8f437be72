"""The right-hand pane of Contacts: one person's card, actions and own timeline."""

from __future__ import annotations

import datetime as dt
import html

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtGui import QGuiApplication, QPixmap, QResizeEvent
from PySide6.QtWidgets import (
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QScrollArea,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from journal.core.clock import SYSTEM_CLOCK, Clock
from journal.core.contact_queries import ContactCard, contact_card
from journal.core.contacts import relations_of
from journal.core.errors import NotFoundError
from journal.core.followups import FollowUpRow, open_followups
from journal.core.giving import Giving, GivingEntry, giving
from journal.core.keep_in_touch import Grade, touch_status
from journal.core.links import channel_link
from journal.core.timeline import TimelineFilter
from journal.interchange.vcard_photo import photo_bytes
from journal.ui import labels
from journal.ui.formatting import birthday as birthday_text
from journal.ui.formatting import local_date_of, local_datetime, plain_date, relative_days
from journal.ui.models.timeline_model import TimelineModel
from journal.ui.widgets.tables import read_only_table

# The photo's side, in pixels at a 16-pixel line (it grows with the font).
PHOTO_SIZE = 96
# The card's share of the pane's height, above the person's timeline, until the user moves
# the divider between them.
CARD_SHARE = 0.6


def _esc(text: str) -> str:
    return html.escape(text).replace("\n", "<br>")


class ContactDetail(QWidget):
    """Shows the selected contact; its buttons ask the page to edit, log, archive or delete."""

    edit_requested = Signal(int)
    log_requested = Signal(int)
    archive_requested = Signal(int, bool)
    delete_requested = Signal(int)
    interaction_activated = Signal(int)
    followup_requested = Signal(int)

    def __init__(self, parent: QWidget | None = None, clock: Clock = SYSTEM_CLOCK) -> None:
        super().__init__(parent)
        self.clock = clock
        self.contact_id: int | None = None
        self._archived = False
        self.card = QLabel(self)
        self.card.setObjectName("contactCard")
        self.card.setWordWrap(True)
        self.card.setTextFormat(Qt.TextFormat.RichText)
        self.card.setOpenExternalLinks(True)
        self.card.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.card.setTextInteractionFlags(Qt.TextInteractionFlag.TextBrowserInteraction)
        self.card.setAccessibleName(self.tr("Contact details"))
        # The photo a vCard brought, beside the card (hidden when there is none).
        self.photo = QLabel(self)
        self.photo.setObjectName("contactPhoto")
        self.photo.setAccessibleName(self.tr("Photo"))
        self.photo.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.photo.hide()
        self.edit_button = QPushButton(self.tr("&Edit…"), self)
        self.edit_button.setObjectName("editContact")
        self.log_button = QPushButton(self.tr("&Log interaction…"), self)
        self.log_button.setObjectName("logForContact")
        self.archive_button = QPushButton(self.tr("&Archive"), self)
        self.archive_button.setObjectName("archiveContact")
        self.delete_button = QPushButton(self.tr("&Delete…"), self)
        self.delete_button.setObjectName("deleteContact")
        self.followup_button = QPushButton(self.tr("Follow &up…"), self)
        self.followup_button.setObjectName("followUpContact")
        self.followup_button.clicked.connect(lambda: self._emit(self.followup_requested))
        self.edit_button.clicked.connect(lambda: self._emit(self.edit_requested))
        self.log_button.clicked.connect(lambda: self._emit(self.log_requested))
        self.archive_button.clicked.connect(self._toggle_archive)
        self.delete_button.clicked.connect(lambda: self._emit(self.delete_requested))
        actions = QHBoxLayout()
        for button in (
            self.edit_button,
            self.log_button,
            self.followup_button,
            self.archive_button,
            self.delete_button,
        ):
            actions.addWidget(button)
        actions.addStretch(1)

        self.timeline = TimelineModel(self, with_people=False)
        self.timeline_view = read_only_table(
            self, "contactTimeline", self.tr("This person's timeline"), self.timeline
        )
        header = self.timeline_view.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.resizeSection(0, 120)  # when
        header.resizeSection(1, 90)  # kind
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)  # summary
        header.resizeSection(4, 80)  # amount
        # The pane is narrow: the group is in the full Timeline, and in the tooltip-free
        # summary column width matters more.
        self.timeline_view.hideColumn(3)
        self.timeline_view.doubleClicked.connect(
            lambda index: self._activate_interaction(index.row())
        )

        top = QWidget(self)
        top_layout = QVBoxLayout(top)
        top_layout.setContentsMargins(0, 0, 0, 0)
        scroll = QScrollArea(top)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        inside = QWidget(scroll)
        inside_layout = QHBoxLayout(inside)
        inside_layout.setContentsMargins(0, 0, 0, 0)
        inside_layout.addWidget(self.photo, 0, Qt.AlignmentFlag.AlignTop)
        inside_layout.addWidget(self.card, 1)
        scroll.setWidget(inside)
        top_layout.addWidget(scroll, 1)
        top_layout.addLayout(actions)
        bottom = QWidget(self)
        bottom_layout = QVBoxLayout(bottom)
        bottom_layout.setContentsMargins(0, 0, 0, 0)
        timeline_title = QLabel(self.tr("<b>Timeline</b>"), bottom)
        bottom_layout.addWidget(timeline_title)
        bottom_layout.addWidget(self.timeline_view)
        self.timeline_box = bottom
        split = QSplitter(Qt.Orientation.Vertical, self)
        split.setObjectName("contactDetailSplitter")
        split.addWidget(top)
        split.addWidget(bottom)
        split.setStretchFactor(0, 3)
        split.setStretchFactor(1, 2)
        split.setChildrenCollapsible(False)
        split.splitterMoved.connect(self._divider_moved)
        self.splitter = split
        # The card's height where the user put the divider (dragged now, or in an earlier
        # run): then it stays there, also when the timeline below hides and shows again.
        self._placed_at: int | None = None
        self._pending = False  # a share to make once the pane has a height
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(split)
        self.show_contact(None)

    def place_divider(self, card_height: int) -> None:
        """Put the divider between card and timeline where the user left it last time."""
        self._placed_at = card_height
        self._share_the_pane()

    @property
    def placed_at(self) -> int | None:
        """The card's height where the user put the divider (now, or in an earlier run),
        as it stands now: Qt moves a placed divider too when the window is resized."""
        self._note_where_placed()
        return self._placed_at

    def _note_where_placed(self) -> None:
        if self._placed_at is not None and not self._pending and self.timeline_box.isVisible():
            self._placed_at = self.splitter.sizes()[0]

    def _divider_moved(self, position: int, _index: int) -> None:
        self._placed_at = position

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        if self._placed_at is None or self._pending:  # Qt moves a placed divider itself
            self._share_the_pane()

    def _share_the_pane(self) -> None:
        """CARD_SHARE of the height to the card, or where the user put the divider.

        The splitter's own guess goes by size hints, and gave the card (what a click on a
        person is for) less room than a mostly empty timeline below it. Before the first
        layout there is no height to share: done at the first resize then."""
        if self.timeline_box.isHidden():
            return
        total = sum(self.splitter.sizes())
        self._pending = total <= 0
        if self._pending:
            return
        if self._placed_at is None:
            card = round(total * CARD_SHARE)
        else:
            card = max(1, min(self._placed_at, total - 1))
        self.splitter.setSizes([card, total - card])

    def show_contact(self, contact_id: int | None, *, force: bool = False) -> None:
        """Show one contact, or a hint when none is selected (or it was just deleted).

        Showing the contact already shown does nothing unless `force`d: a search keystroke
        that keeps the same person selected must not re-read their card and timeline.
        """
        if contact_id == self.contact_id and contact_id is not None and not force:
            return
        card: ContactCard | None = None
        if contact_id is not None:
            try:
                card = contact_card(contact_id)
            except NotFoundError:
                card = None
        self.contact_id = card.contact.id if card else None
        for button in (
            self.edit_button,
            self.log_button,
            self.followup_button,
            self.archive_button,
            self.delete_button,
        ):
            button.setEnabled(card is not None)
        if card is None:
            self.card.setText(
                "<p style='margin-top:40px' align='center'>"
                + _esc(self.tr("Select someone on the left to see their card and timeline."))
                + "</p>"
            )
            self.timeline.set_filter(TimelineFilter(contact_id=-1))
            self._note_where_placed()  # before the timeline hides: then it comes back there
            self.timeline_box.hide()
            self._show_photo(None)
            return
        if self.timeline_box.isHidden():
            self.timeline_box.show()
            self._share_the_pane()
        self._archived = bool(card.contact.archived)
        self.archive_button.setText(
            self.tr("Un&archive") if self._archived else self.tr("&Archive")
        )
        self.card.setText(self._render(card))
        self._show_photo(photo_bytes(card.contact.vcard_extra))
        self.timeline.set_filter(TimelineFilter(contact_id=card.contact.id))

    def _show_photo(self, data: bytes | None) -> None:
        """The photo at thumbnail size; nothing when there is none or it is no image."""
        image = QPixmap()
        if data is None or not image.loadFromData(data):
            self.photo.clear()
            self.photo.hide()
            return
        size = PHOTO_SIZE * self.photo.fontMetrics().height() // 16
        self.photo.setPixmap(
            image.scaled(
                size,
                size,
                Qt.AspectRatioMode.KeepAspectRatio,
                Qt.TransformationMode.SmoothTransformation,
            )
        )
        self.photo.show()

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        # A rich-text label lays its links out in the palette's link colour once, when its
        # text is set: after a switch of theme, set it again (dark blue on dark grey).
        if event.type() == QEvent.Type.PaletteChange and self.card.text():
            text = self.card.text()
            self.card.clear()
            self.card.setText(text)

    def refresh(self) -> None:
        """Show the current contact again (after a write)."""
        self.show_contact(self.contact_id, force=True)

    def _render(self, card: ContactCard) -> str:
        c = card.contact
        tr = self.tr
        # The heading and the facts run the application's way, whatever the script of a
        # value: an Arabic name or need sat alone at the far edge of an English card. The
        # text inside still reads right to left.
        along = (
            "rtl" if QGuiApplication.layoutDirection() == Qt.LayoutDirection.RightToLeft else "ltr"
        )
        parts = [f"<div dir='{along}'><h2 style='margin-bottom:2px'>{_esc(c.display_name)}</h2>"]
        role = ", ".join(p for p in (c.title, c.organisation) if p)
        if role:
            parts.append(f"<div>{_esc(role)}</div>")
        if c.nickname and c.nickname != c.display_name:
            parts.append(f"<div><i>{_esc(tr('Goes by'))} {_esc(c.nickname)}</i></div>")
        facts: list[tuple[str, str]] = []
        klt = [
            f"{name} {value}/5"
            for name, value in ((tr("know"), c.know), (tr("like"), c.like), (tr("trust"), c.trust))
            if value
        ]
        stage = labels.stage_label(c.stage)
        facts.append((tr("Stage"), _esc(stage + (" · " + ", ".join(klt) if klt else ""))))
        if card.tags:
            facts.append((tr("Tags"), ", ".join(f"#{_esc(t)}" for t in card.tags)))
        for channel in card.channels:
            kind = labels.channel_kinds().get(channel.kind, channel.kind)
            label = f"{kind} ({channel.label})" if channel.label else kind
            link = channel_link(channel.kind, channel.value)
            value = _esc(channel.value)
            if link:
                href = html.escape(link, quote=True)
                value = f"<a href='{href}'>{value}</a>"
            facts.append((_esc(label), value))
        met = [
            p
            for p in (
                plain_date(c.met_on),
                c.where_met,
                labels.met_modes().get(c.met_mode, "") if c.met_mode else "",
            )
            if p
        ]
        if met:
            facts.append((tr("Met"), _esc(" · ".join(met))))
        if c.how_met:
            facts.append((tr("How"), _esc(c.how_met)))
        if card.met_through_name:
            facts.append((tr("Introduced by"), _esc(card.met_through_name)))
        if c.needs:
            facts.append((tr("Needs"), _esc(c.needs)))
        if c.offers:
            facts.append((tr("Offers"), _esc(c.offers)))
        if card.groups:
            facts.append((tr("Groups"), _esc(", ".join(name for _, name in card.groups))))
        if c.birthday:
            facts.append((tr("Birthday"), _esc(birthday_text(c.birthday))))
        relations = relations_of(c.id)
        if relations:
            facts.append(
                (
                    tr("Related"),
                    "<br>".join(
                        _esc(f"{name} ({kind})" if kind else name) for _, name, kind in relations
                    ),
                )
            )
        touch = self._touch_text(c.id)
        if touch:
            facts.append((tr("Stay in touch"), touch))
        last = local_datetime(card.last_contact_at) if card.last_contact_at else tr("not yet")
        facts.append(
            (tr("Last contact"), _esc(f"{last} · {tr('%n entries', '', card.interaction_count)}"))
        )
        help_given = giving(c.id)
        facts.extend(self._giving_facts(help_given))
        planned = open_followups(contact_id=c.id)
        if planned:
            today = self.clock.today()
            facts.append(
                (tr("Follow up"), "<br>".join(self._followup_line(f, today) for f in planned[:5]))
            )
        rows = "".join(
            f"<tr><td style='padding-right:12px; vertical-align:top'><b>{k}</b></td>"
            f"<td>{v}</td></tr>"
            for k, v in facts
        )
        parts.append(f"<table style='margin-top:8px'>{rows}</table></div>")
        if c.first_impression:
            dated = f" ({plain_date(c.first_impression_on)})" if c.first_impression_on else ""
            parts.append(
                f"<p><b>{_esc(tr('First impression'))}</b>{_esc(dated)}<br>"
                f"{_esc(c.first_impression)}</p>"
            )
        if c.notes:
            parts.append(f"<p><b>{_esc(tr('Notes'))}</b><br>{_esc(c.notes)}</p>")
        if c.archived:
            parts.append(f"<p><i>{_esc(tr('Archived: hidden from the everyday list.'))}</i></p>")
        return "".join(parts)

    def _touch_text(self, contact_id: int) -> str:
        tr = self.tr
        row = touch_status(contact_id, self.clock)
        if row is None:
            return ""
        every = tr("every %n day(s)", "", row.cadence_days)
        if row.snoozed_until is not None:
            state = tr("snoozed until %1").replace("%1", plain_date(row.snoozed_until))
        elif row.grade in (Grade.DUE, Grade.OVERDUE):
            state = (
                tr("%n day(s) overdue", "", row.days_overdue)
                if row.days_overdue
                else tr("due today")
            )
        else:
            state = tr("next by %1").replace("%1", plain_date(row.due_on))
        text = _esc(f"{every} · {state}")
        return f"<b>{text}</b>" if row.grade is Grade.OVERDUE else text

    def _followup_line(self, followup: FollowUpRow, today: dt.date) -> str:
        """ "in 2 weeks: Send the deck"; a late one says it is overdue, in bold (as a late
        stay-in-touch does): "12 days ago" read as something already done."""
        late = followup.days_overdue(today)
        when = (
            self.tr("%n day(s) overdue", "", late)
            if late
            else relative_days(followup.shows_on, today)
        )
        text = _esc(": ".join(filter(None, (when, followup.text))))
        return f"<b>{text}</b>" if late else text

    def _giving_facts(self, history: Giving) -> list[tuple[str, str]]:
        """The last help each way: remembered, never weighed against each other."""

        def entry(item: GivingEntry) -> str:
            day = local_date_of(item.occurred_at)
            return _esc(f"{day} · {item.summary}" if item.summary.strip() else str(day))

        facts: list[tuple[str, str]] = []
        if history.last_given is not None:
            facts.append((self.tr("I last helped them"), entry(history.last_given)))
        if history.last_received is not None:
            facts.append((self.tr("They last helped me"), entry(history.last_received)))
        return facts

    def _emit(self, signal: Signal) -> None:
        if self.contact_id is not None:
            signal.emit(self.contact_id)  # type: ignore[attr-defined]

    def _toggle_archive(self) -> None:
        if self.contact_id is not None:
            self.archive_requested.emit(self.contact_id, not self._archived)

    def _activate_interaction(self, row: int) -> None:
        interaction_id = self.timeline.interaction_id(row)
        if interaction_id is not None:
            self.interaction_activated.emit(interaction_id)
