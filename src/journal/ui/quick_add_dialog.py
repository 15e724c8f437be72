"""Quick add: one line, a live preview of what it will record, Enter to save.

The line is read by journal.core.quick_add on every change; the preview shows exactly the
entry that Enter stores. `@`, `~` and `#` complete people, groups and tags from the
journal, for the token under the cursor: Tab (or Enter on a highlighted suggestion) takes
a suggestion, Escape closes the list, and a second Escape closes the window.
"""

from __future__ import annotations

import html

from PySide6.QtCore import QEvent, QObject, QStringListModel, Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent, QPalette
from PySide6.QtWidgets import (
    QApplication,
    QCompleter,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from journal.core.clock import SYSTEM_CLOCK, Clock
from journal.core.errors import ValidationError
from journal.core.quick_add import (
    BAD_DEFAULT_CURRENCY,
    NO_CURRENCY,
    Notice,
    QuickContext,
    QuickEntry,
    QuickOutcome,
    apply,
    parse,
)
from journal.core.quick_lookup import Suggestion, suggest_groups, suggest_people, suggest_tags
from journal.core.quick_syntax import Typing, typing_at
from journal.ui import labels
from journal.ui.bus import JournalBus
from journal.ui.dialogs.form_support import ErrorBanner
from journal.ui.formatting import decimal_point, isolated, local_datetime, money, plain_date
from journal.ui.models.group_models import warning_color

_COMPLETE_KEYS = (Qt.Key.Key_Tab, Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_Escape)


class QuickLine(QLineEdit):
    """The line, with completion for the `@person`, `~group` or `#tag` under the cursor."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._typing: Typing | None = None
        self._offered: dict[str, str] = {}  # label -> token
        self.suggestions = QStringListModel(self)
        self.completer_ = QCompleter(self.suggestions, self)
        self.completer_.setWidget(self)
        self.completer_.setCompletionMode(QCompleter.CompletionMode.UnfilteredPopupCompletion)
        self.completer_.setMaxVisibleItems(8)
        self.completer_.activated[str].connect(self.take)
        popup = self.completer_.popup()
        popup.setAccessibleName(self.tr("Suggestions"))
        # Ours runs before the completer's own filter (filters run newest first).
        popup.installEventFilter(self)
        self.textEdited.connect(self._suggest)
        self.cursorPositionChanged.connect(self._cursor_moved)

    def popup_visible(self) -> bool:
        """Whether the suggestion list is showing."""
        return self.completer_.popup().isVisible()

    def offered(self) -> list[str]:
        """The suggestions shown, as their labels."""
        return list(self._offered)

    def _suggest(self, _text: str = "") -> None:
        typing = typing_at(self.text(), self.cursorPosition())
        self._typing = typing
        found: list[Suggestion] = []
        if typing is not None and (typing.prefix or typing.sigil != "@"):
            finder = {"@": suggest_people, "~": suggest_groups, "#": suggest_tags}[typing.sigil]
            found = finder(typing.prefix)
        # Nothing to offer when the only suggestion is what is already there.
        current = self.text()[typing.start : typing.end] if typing else ""
        found = [s for s in found if s.token != current]
        self._offered = {s.label: s.token for s in found}
        self.suggestions.setStringList(list(self._offered))
        if not found:
            self.completer_.popup().hide()
            return
        rect = self.cursorRect()
        rect.setWidth(max(240, self.width() // 2))
        self.completer_.complete(rect)
        self.completer_.popup().setCurrentIndex(self.completer_.completionModel().index(-1, 0))

    def _cursor_moved(self, _old: int, new: int) -> None:
        if self.popup_visible() and (
            self._typing is None or not self._typing.start < new <= self._typing.end + 1
        ):
            self.completer_.popup().hide()

    def take(self, label: str) -> None:
        """Replace the token being typed with the suggestion `label` names."""
        token = self._offered.get(label)
        typing = self._typing
        if token is None or typing is None:
            return
        text = self.text()
        after = text[typing.end :]
        spaced = token + ("" if after.startswith(" ") else " ")
        self.setText(text[: typing.start] + spaced + after)
        self.setCursorPosition(typing.start + len(spaced))
        self._typing = None
        self.completer_.popup().hide()

    def handle_completion_key(self, key: int) -> bool:
        """Tab, Enter and Escape while the list shows; True when the key was used up."""
        if not self.popup_visible() or key not in _COMPLETE_KEYS:
            return False
        popup = self.completer_.popup()
        current = popup.currentIndex()
        if key == Qt.Key.Key_Escape:
            popup.hide()
            return True
        if key == Qt.Key.Key_Tab:
            row = current.row() if current.isValid() else 0
            self.take(str(self.completer_.completionModel().index(row, 0).data()))
            return True
        if current.isValid():  # Enter on a highlighted suggestion takes it
            self.take(str(current.data()))
            return True
        popup.hide()  # Enter with nothing highlighted saves the line
        return False

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (
            watched is self.completer_.popup()
            and event.type() == QEvent.Type.KeyPress
            and isinstance(event, QKeyEvent)
        ):
            if self.handle_completion_key(event.key()):
                return True
            if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
                self.returnPressed.emit()
                return True
        return super().eventFilter(watched, event)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if self.handle_completion_key(event.key()):
            event.accept()
            return
        super().keyPressEvent(event)

    def focusNextPrevChild(self, forward: bool) -> bool:
        # Tab completes while the list shows, instead of moving the focus away.
        if self.popup_visible():
            return False
        return super().focusNextPrevChild(forward)


class QuickAddDialog(QDialog):
    """One line to record an interaction in seconds, from the tray or the main window."""

    saved = Signal(object)  # QuickOutcome

    def __init__(
        self,
        bus: JournalBus,
        clock: Clock = SYSTEM_CLOCK,
        parent: QWidget | None = None,
        context: QuickContext | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("quickAdd")
        self.bus = bus
        self.clock = clock
        self.context = context or QuickContext(clock, decimal_point=decimal_point())
        self.entry: QuickEntry | None = None
        self.setWindowTitle(self.tr("Quick add"))
        self.setMinimumWidth(560)

        self.banner = ErrorBanner(self)
        self.line = QuickLine(self)
        self.line.setObjectName("quickLine")
        self.line.setAccessibleName(self.tr("What happened"))
        self.line.setPlaceholderText(
            self.tr('coffee @"Jane Doe" ~BNI needs a bookkeeper #accounting >2w')
        )
        hint = QLabel(
            self.tr(
                "@person  ~group  #tag  $value  >follow-up (2w, friday)  "
                "<when (yesterday, 3d)  ·  the first word says what: call, coffee, intro…"
            ),
            self,
        )
        hint.setObjectName("quickHint")
        hint.setWordWrap(True)
        hint.setForegroundRole(QPalette.ColorRole.PlaceholderText)
        self.preview = QLabel(self)
        self.preview.setObjectName("quickPreview")
        self.preview.setAccessibleName(self.tr("What will be recorded"))
        self.preview.setTextFormat(Qt.TextFormat.RichText)
        self.preview.setWordWrap(True)
        self.preview.setTextInteractionFlags(Qt.TextInteractionFlag.NoTextInteraction)
        self.preview.setMinimumHeight(self.fontMetrics().lineSpacing() * 10)
        self.preview.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)

        buttons = QDialogButtonBox(self)
        # The standard Save button: its icon and text match every other form's.
        self.save_button = buttons.addButton(QDialogButtonBox.StandardButton.Save)
        self.save_button.setObjectName("quickSave")
        cancel = buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        self.save_button.clicked.connect(self.save)
        cancel.clicked.connect(self.reject)
        # Enter in the line saves: the button is not "default", so Enter never reaches it
        # while the suggestion list is taking a suggestion.
        self.save_button.setAutoDefault(False)
        cancel.setAutoDefault(False)
        self.line.returnPressed.connect(self.save)

        layout = QVBoxLayout(self)
        layout.addWidget(self.banner)
        layout.addWidget(self.line)
        layout.addWidget(hint)
        layout.addWidget(self.preview, 1)
        layout.addWidget(buttons)

        self._refresh = QTimer(self)
        self._refresh.setSingleShot(True)
        self._refresh.setInterval(0)  # coalesce a burst of keystrokes into one reading
        self._refresh.timeout.connect(self.update_preview)
        self.line.textChanged.connect(lambda _t: self._refresh.start())
        bus.changed.connect(lambda _c: self._refresh.start())
        # Its preview reads the journal as one types: not while the file is being replaced.
        bus.holding.connect(self._held)
        self.setEnabled(not bus.busy)  # opened while the file is held: waits as well
        self.update_preview()

    def start(self, text: str = "") -> None:
        """Show the window with an empty (or given) line, in front, ready to type."""
        self.banner.clear_error()
        self.line.setText(text)
        self.update_preview()
        self.show()
        self.raise_()
        self.activateWindow()
        self.line.setFocus(Qt.FocusReason.ActiveWindowFocusReason)

    def _held(self, held: bool) -> None:
        self.setEnabled(not held)
        if not held:
            self._refresh.start()  # what was typed or passed in meanwhile, read now

    def update_preview(self) -> None:
        """Read the line again and show what it would record."""
        self._refresh.stop()
        if self.bus.busy:
            return  # the journal's file is being replaced: previewed once it is back
        text = self.line.text()
        self.entry = parse(text, self.context) if text.strip() else None
        self.save_button.setEnabled(self.entry is not None and self.entry.ok)
        self.preview.setText(render(self.entry, self.palette()))
        if self.isVisible():
            # Grow to show every line of the preview (never shrink under the user's hands).
            wanted = self.sizeHint().height()
            if wanted > self.height():
                self.resize(self.width(), wanted)

    def save(self) -> None:
        """Store exactly the previewed entry; keep the window open if it cannot be."""
        if self.line.popup_visible():
            return
        if self._refresh.isActive() or self.entry is None:
            self.update_preview()  # keystrokes not read yet
        entry = self.entry
        if entry is None or not entry.ok:
            QApplication.beep()
            return
        try:
            result = self.bus.run(apply, entry, self.clock, parent=self, raise_validation=True)
        except ValidationError as error:
            self.banner.show_error(error)
            self.update_preview()  # what changed in the journal shows in the preview too
            return
        if result is None:
            return
        outcome: QuickOutcome = result.value
        self.line.clear()
        self.saved.emit(outcome)
        self.accept()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_Escape and self.line.popup_visible():
            self.line.completer_.popup().hide()
            return
        super().keyPressEvent(event)


def in_app(code: str, detail: str = "") -> str:
    """The app's own words for a notice whose core message names a command line; "" when the
    core's message reads as well here. `detail` is the notice's (Notice.detail)."""
    if code == NO_CURRENCY:
        return QApplication.translate(
            "quick_add",
            "which currency? Write it after the amount ($1,200EUR), or choose a default "
            "currency in the main window's Edit → Preferences…",
        )
    if code == BAD_DEFAULT_CURRENCY:
        return QApplication.translate(
            "quick_add",
            "the default currency %1: write the currency after the amount ($1,200EUR), or "
            "choose another default in the main window's Edit → Preferences…",
        ).replace("%1", detail)
    return ""


def render(entry: QuickEntry | None, palette: QPalette) -> str:
    """The preview as rich text: every field that will be stored, new people marked."""
    tr = QApplication.translate
    if entry is None:
        return "<p>{}</p>".format(
            html.escape(
                tr("quick_add", "Type what happened; the preview shows what will be recorded.")
            )
        )
    e = html.escape

    def name(text: str) -> str:
        # Set apart, so an Arabic or Hebrew name neither turns its line right to left nor
        # carries the figures and commas after it along.
        return e(isolated(text))

    accent = palette.color(QPalette.ColorRole.Link).name()
    rows: list[tuple[str, str]] = []
    rows.append(
        (
            tr("quick_add", "When"),
            e(local_datetime(entry.occurred_at) if entry.dated else tr("quick_add", "now")),
        )
    )
    if entry.people:
        names = []
        for person in entry.people:
            if person.is_new:
                badge = tr("quick_add", "new contact")
                names.append(
                    f'<b style="color:{accent}">{name(person.name)}</b> <i>({e(badge)})</i>'
                )
            else:
                names.append(name(person.name))
        rows.append((tr("quick_add", "With"), ", ".join(names)))
    if entry.group is not None:
        rows.append((tr("quick_add", "Group"), name(entry.group.name)))
    if entry.summary:
        rows.append((tr("quick_add", "Summary"), e(entry.summary)))
    if entry.tags:
        rows.append((tr("quick_add", "Tags"), e(", ".join("#" + t for t in entry.tags))))
    if entry.amount is not None:
        rows.append((tr("quick_add", "Amount"), e(money(entry.amount, entry.currency))))
    if entry.follow_up_on is not None:
        about = entry.follow_up_person
        due = plain_date(entry.follow_up_on)
        text = (
            tr("quick_add", "%1, with %2").replace("%1", due).replace("%2", isolated(about.name))
            if about
            else due
        )
        rows.append((tr("quick_add", "Follow up"), e(text)))
    kind = labels.interaction_kinds().get(entry.kind, entry.kind)
    # A sentence runs the way the application's language does, whatever script the name
    # it starts with is in: "⚠ محمد: could be 2 people…" was laid out right to left.
    way = "rtl" if QApplication.isRightToLeft() else "ltr"
    # A cell takes its direction from its first letter, past the names' isolates: one
    # starting with an Arabic name ran right to left, the comma and the next name after
    # it. A mark of the application's direction first sets the cell's.
    mark = "\u200f" if way == "rtl" else "\u200e"
    body = "".join(
        f'<tr><td style="padding-right:12px"><b>{e(label)}</b></td><td>{mark}{value}</td></tr>'
        for label, value in rows
    )
    red = warning_color(palette).name()

    def said(notice: Notice) -> str:
        subject = f"{name(notice.subject)}: " if notice.subject else ""
        own = in_app(notice.code, notice.detail)
        return subject + (e(own) if own else notice.shown(e, name))

    # What stops saving comes first, where the eye is.
    parts = [f'<p dir="{way}" style="color:{red}">✖ {said(p)}</p>' for p in entry.problems]
    parts.append(f"<p><b>{e(kind)}</b></p><table>{body}</table>")
    for warning in entry.warnings:
        parts.append(f'<p dir="{way}">⚠ {said(warning)}</p>')
    return "".join(parts)
