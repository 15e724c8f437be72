"""Add or edit a contact: names, how you met, how to reach them, what they need and offer."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFormLayout,
    QLineEdit,
    QPlainTextEdit,
    QSpinBox,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from journal.core import contacts
from journal.core.clock import SYSTEM_CLOCK, Clock
from journal.core.contact_queries import all_tags
from journal.core.contacts import ContactDraft
from journal.core.errors import ValidationError
from journal.core.keep_in_touch import cadence_defaults
from journal.core.namesakes import namesakes
from journal.core.stage_names import stages_in_use
from journal.core.tag_text import tags_as_text, tags_from_text
from journal.ui import labels
from journal.ui.bus import JournalBus
from journal.ui.dialogs.form_support import ErrorBanner, save_cancel_buttons, show_starts, stack
from journal.ui.widgets.channel_editor import ChannelEditor
from journal.ui.widgets.contact_picker import ContactPicker
from journal.ui.widgets.optional_date import BirthdayEdit, OptionalDateEdit
from journal.ui.widgets.relation_editor import RelationEditor
from journal.ui.widgets.tags_completer import TagsCompleter


def _rating(parent: QWidget, name: str) -> QSpinBox:
    spin = QSpinBox(parent)
    spin.setRange(0, 5)
    spin.setSpecialValueText(parent.tr("not yet"))
    spin.setSuffix(" / 5")
    spin.setAccessibleName(name)
    return spin


class ContactForm(QDialog):
    """The form for one contact. Saves through the bus; stays open on a validation error."""

    def __init__(
        self,
        bus: JournalBus,
        contact_id: int | None = None,
        clock: Clock = SYSTEM_CLOCK,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("contactForm")
        self.bus = bus
        self.clock = clock
        self.contact_id = contact_id
        self.saved_id: int | None = None
        self.setWindowTitle(
            self.tr("New contact") if contact_id is None else self.tr("Edit contact")
        )
        self._loading = True
        self._following = False
        self.banner = ErrorBanner(self)
        tabs = QTabWidget(self)
        tabs.addTab(self._person_tab(), self.tr("&Person"))
        tabs.addTab(self._meeting_tab(), self.tr("&How we met"))
        self._reach_index = tabs.addTab(self._reach_tab(), self.tr("&Reach"))
        tabs.addTab(self._needs_tab(), self.tr("Needs && &notes"))
        tabs.addTab(self._people_tab(), self.tr("Rela&ted people"))
        self.tabs = tabs
        buttons, self.save_button = save_cancel_buttons(self, self.save, "saveContact")
        stack(self, self.banner, tabs, buttons)
        self.resize(560, 520)
        if contact_id is not None:
            self._load(contacts.load_draft(contact_id))
        else:
            self.channels.set_channels([])
        self._loading = False
        self.given.setFocus()

    # --- tabs ----------------------------------------------------------------------------

    def _line(self, parent: QWidget, name: str, object_name: str) -> QLineEdit:
        line = QLineEdit(parent)
        line.setObjectName(object_name)
        line.setAccessibleName(name)
        return line

    def _person_tab(self) -> QWidget:
        page = QWidget(self)
        form = QFormLayout(page)
        self.given = self._line(page, self.tr("Given name"), "givenName")
        self.family = self._line(page, self.tr("Family name"), "familyName")
        self.nickname = self._line(page, self.tr("Nickname"), "nickname")
        self.organisation = self._line(page, self.tr("Organisation"), "organisation")
        self.title_edit = self._line(page, self.tr("Title"), "title")
        self.stage = QComboBox(page)
        self.stage.setObjectName("stage")
        self.stage.setEditable(True)  # the list of stages is the user's to extend
        self.stage.setAccessibleName(self.tr("Relationship stage"))
        known = labels.stages()
        for code, text in known.items():
            self.stage.addItem(text, code)
        for code in stages_in_use():
            if code not in known:
                self.stage.addItem(labels.stage_label(code), code)
        self.know = _rating(page, self.tr("Know"))
        self.like = _rating(page, self.tr("Like"))
        self.trust = _rating(page, self.tr("Trust"))
        self.tags = self._line(page, self.tr("Tags"), "tags")
        self.tags.setPlaceholderText(self.tr("comma-separated, e.g. accounting, friend"))
        self.tags.setToolTip(
            self.tr('A tag with a comma in it goes in double quotes: "Smith, Jones", friend')
        )
        self.tags.setCompleter(TagsCompleter(all_tags(), self.tags))
        self.stay = QSpinBox(page)
        self.stay.setObjectName("stayInTouch")
        self.stay.setRange(0, 3650)
        self.stay.setSpecialValueText(self.tr("no reminder"))
        self.stay.setSuffix(self.tr(" days"))
        self.stay.setAccessibleName(self.tr("Stay in touch every"))
        form.addRow(self.tr("&Given name:"), self.given)
        form.addRow(self.tr("&Family name:"), self.family)
        form.addRow(self.tr("Nic&kname:"), self.nickname)
        form.addRow(self.tr("&Organisation:"), self.organisation)
        form.addRow(self.tr("&Title:"), self.title_edit)
        form.addRow(self.tr("&Stage:"), self.stage)
        form.addRow(self.tr("Know:"), self.know)
        form.addRow(self.tr("Like:"), self.like)
        form.addRow(self.tr("Trust:"), self.trust)
        form.addRow(self.tr("T&ags:"), self.tags)
        form.addRow(self.tr("Stay in touch every:"), self.stay)
        # Without a rhythm of their own, their tags' or stage's applies: the box says which,
        # where it said "no reminder" for a friend on the stage's 30 days.
        self._rhythms = cadence_defaults()
        self.stage.currentTextChanged.connect(self._show_default_rhythm)
        self.tags.textChanged.connect(self._show_default_rhythm)
        self._show_default_rhythm()
        return page

    def _show_default_rhythm(self) -> None:
        """The box's text at 0: the rhythm that applies without one of their own."""
        tags = tags_from_text(self.tags.text())
        days, source = self._rhythms.for_contact(None, self._stage_code(), tags)
        if not days:
            text = self.tr("no reminder")
        elif source.startswith("tag:"):
            text = self.tr("as tagged %1: %n day(s)", "", days).replace("%1", source[4:])
        else:
            text = self.tr("as their stage: %n day(s)", "", days)
        self.stay.setSpecialValueText(text)

    def _meeting_tab(self) -> QWidget:
        page = QWidget(self)
        form = QFormLayout(page)
        self.met_on = OptionalDateEdit(self.tr("known"), page)
        self.met_on.setAccessibleName(self.tr("Date met"))
        self.where_met = self._line(page, self.tr("Where we met"), "whereMet")
        self.how_met = QPlainTextEdit(page)
        self.how_met.setObjectName("howMet")
        self.how_met.setAccessibleName(self.tr("How we met"))
        self.how_met.setTabChangesFocus(True)
        self.how_met.setMaximumHeight(70)
        self.met_mode = QComboBox(page)
        self.met_mode.setAccessibleName(self.tr("In person or online"))
        for code, text in labels.met_modes().items():
            self.met_mode.addItem(text, code)
        self.met_through = ContactPicker(page, single=True)
        self.met_through.setAccessibleName(self.tr("Introduced by"))
        self.impression = QPlainTextEdit(page)
        self.impression.setAccessibleName(self.tr("First impression"))
        self.impression.setPlaceholderText(
            self.tr("Your first impression; you can revise it later")
        )
        self.impression.setTabChangesFocus(True)
        self.impression.setMaximumHeight(70)
        # Dated when written or revised; the date can be set by hand (an old impression
        # typed in later), and follows the text until it is.
        self.impression_on = OptionalDateEdit(self.tr("noted on"), page)
        self.impression_on.setAccessibleName(self.tr("First impression noted on"))
        self._impression_date_touched = False
        self.impression_on.changed.connect(self._impression_date_changed)
        self.impression.textChanged.connect(self._impression_text_changed)
        self.birthday = BirthdayEdit(self.tr("known"), self.tr("with the year"), page)
        self.birthday.setAccessibleName(self.tr("Birthday"))
        form.addRow(self.tr("Date met:"), self.met_on)
        form.addRow(self.tr("&Where:"), self.where_met)
        form.addRow(self.tr("&How:"), self.how_met)
        form.addRow(self.tr("In person or online:"), self.met_mode)
        form.addRow(self.tr("Introduced &by:"), self.met_through)
        form.addRow(self.tr("First &impression:"), self.impression)
        form.addRow("", self.impression_on)
        form.addRow(self.tr("Birthday:"), self.birthday)
        return page

    def _reach_tab(self) -> QWidget:
        self.channels = ChannelEditor(self)
        return self.channels

    def _people_tab(self) -> QWidget:
        page = QWidget(self)
        layout = QVBoxLayout(page)
        self.relations = RelationEditor(page)
        self.relations.setObjectName("relations")
        layout.addWidget(self.relations)
        layout.addStretch(1)
        return page

    def _impression_text_changed(self) -> None:
        if self._impression_date_touched or self._loading:
            return
        self._following = True
        self.impression_on.set_value(
            self.clock.today() if self.impression.toPlainText().strip() else None
        )
        self._following = False

    def _impression_date_changed(self) -> None:
        if not self._loading and not self._following:
            self._impression_date_touched = True

    def _needs_tab(self) -> QWidget:
        page = QWidget(self)
        form = QFormLayout(page)
        self.needs = self._line(page, self.tr("What they need"), "needs")
        self.needs.setPlaceholderText(self.tr("e.g. a bookkeeper, new clients"))
        self.offers = self._line(page, self.tr("What they offer"), "offers")
        self.offers.setPlaceholderText(self.tr("e.g. web design, legal advice"))
        self.notes = QPlainTextEdit(page)
        self.notes.setObjectName("notes")
        self.notes.setAccessibleName(self.tr("Notes"))
        self.notes.setTabChangesFocus(True)
        form.addRow(self.tr("Ne&eds:"), self.needs)
        form.addRow(self.tr("O&ffers:"), self.offers)
        form.addRow(self.tr("N&otes:"), self.notes)
        return page

    # --- data ----------------------------------------------------------------------------

    def _load(self, draft: ContactDraft) -> None:
        self.given.setText(draft.given_name)
        self.family.setText(draft.family_name)
        self.nickname.setText(draft.nickname)
        self.organisation.setText(draft.organisation)
        self.title_edit.setText(draft.title)
        index = self.stage.findData(draft.stage)
        if index < 0:
            self.stage.addItem(draft.stage, draft.stage)
            index = self.stage.count() - 1
        self.stage.setCurrentIndex(index)
        self.know.setValue(draft.know or 0)
        self.like.setValue(draft.like or 0)
        self.trust.setValue(draft.trust or 0)
        self.tags.setText(tags_as_text(draft.tags))
        self.stay.setValue(draft.stay_in_touch_days or 0)
        self.met_on.set_value(draft.met_on)
        self.where_met.setText(draft.where_met)
        self.how_met.setPlainText(draft.how_met)
        self.met_mode.setCurrentIndex(max(0, self.met_mode.findData(draft.met_mode)))
        if draft.met_through_id is not None:
            self.met_through.set_contact_ids([draft.met_through_id])
        self.impression.setPlainText(draft.first_impression)
        self.impression_on.set_value(draft.first_impression_on)
        if self.contact_id is not None:
            self.relations.set_relations(contacts.relations_of(self.contact_id))
        self.birthday.set_value(draft.birthday)
        self.channels.set_channels(draft.channels)
        self.needs.setText(draft.needs)
        self.offers.setText(draft.offers)
        self.notes.setPlainText(draft.notes)
        show_starts(
            self.given,
            self.family,
            self.nickname,
            self.organisation,
            self.title_edit,
            self.tags,
            self.where_met,
            self.needs,
            self.offers,
        )

    def _stage_code(self) -> str:
        text = self.stage.currentText().strip()
        index = self.stage.findText(text)
        if index >= 0 and self.stage.itemData(index):
            return str(self.stage.itemData(index))
        return text.casefold().replace(" ", "_")

    def draft(self) -> ContactDraft:
        """What the form says now."""
        rating = lambda spin: spin.value() or None  # noqa: E731 (0 means "not yet")
        self.met_through.choose_typed("met through")
        self.relations.picker.choose_typed("relationship")
        through = self.met_through.contact_ids()
        return ContactDraft(
            given_name=self.given.text(),
            family_name=self.family.text(),
            nickname=self.nickname.text(),
            organisation=self.organisation.text(),
            title=self.title_edit.text(),
            how_met=self.how_met.toPlainText(),
            where_met=self.where_met.text(),
            met_on=self.met_on.value("date met"),
            met_mode=str(self.met_mode.currentData()),
            met_through_id=through[0] if through else None,
            stage=self._stage_code(),
            know=rating(self.know),
            like=rating(self.like),
            trust=rating(self.trust),
            needs=self.needs.text(),
            offers=self.offers.text(),
            notes=self.notes.toPlainText(),
            first_impression=self.impression.toPlainText(),
            first_impression_on=self.impression_on.value("first impression date"),
            birthday=self.birthday.value("birthday"),
            stay_in_touch_days=self.stay.value() or None,
            channels=self.channels.channels(),
            tags=tags_from_text(self.tags.text()),
            relations=self.relations.relations(),
        )

    def save(self) -> None:
        """Validate and store; on a mistake, say which field and keep the form open."""
        self.banner.clear_error()
        try:
            draft = self.draft()
            if self.contact_id is None and not self._add_beside_namesakes(draft):
                return
            if self.contact_id is None:
                result = self.bus.run(
                    contacts.create_contact, draft, self.clock, parent=self, raise_validation=True
                )
            else:
                result = self.bus.run(
                    contacts.update_contact,
                    self.contact_id,
                    draft,
                    self.clock,
                    parent=self,
                    raise_validation=True,
                )
        except ValidationError as error:
            self.banner.show_error(error)
            self._focus(error)
            return
        if result is not None:
            self.saved_id = result.value
            self.accept()

    def _add_beside_namesakes(self, draft: ContactDraft) -> bool:
        """Whether to add a new contact when someone with that name or e-mail is there
        already: asked, since namesakes are real but a second entry is the likelier slip."""
        found = namesakes(draft)
        if not found:
            return True
        lines = []
        for other in found[:5]:
            who = f"{other.name} — {other.organisation}" if other.organisation else other.name
            why = (
                self.tr("the same e-mail, %1").replace("%1", other.detail)
                if other.reason == "email"
                else self.tr("the same name")
            )
            lines.append(f"• {who} ({why})")
        if len(found) > 5:
            lines.append(self.tr("… and %n more", "", len(found) - 5))
        return self.bus.dialogs.confirm(
            self,
            self.tr("Already in your journal?"),
            self.tr(
                "Your journal has:\n%1\n\nAdd a new contact all the same? If it is the same "
                "person, go back and edit the one you have; two entries can also be merged "
                "later (select both in Contacts, then Edit → Merge selected contacts…)."
            ).replace("%1", "\n".join(lines)),
            self.tr("Add anyway"),
        )

    def _focus(self, error: ValidationError) -> None:
        if isinstance(error, contacts.ChannelError):  # the row it names, on the Reach tab
            self.tabs.setCurrentIndex(self._reach_index)
            row = self.channels.value_field(error.position)
            if row is None:
                self.channels.setFocus()
            else:
                row.setFocus()
                row.selectAll()
            return
        pages = {
            "name": (0, self.given),
            "given": (0, self.given),
            "family": (0, self.family),
            "nickname": (0, self.nickname),
            "organisation": (0, self.organisation),
            "stage": (0, self.stage),
            "tag": (0, self.tags),
            "date met": (1, self.met_on),
            "met through": (1, self.met_through),
            "birthday": (1, self.birthday),
            "first impression": (1, self.impression_on),
            "needs": (3, self.needs),
            "relationship": (4, self.relations.picker.line),
            "offers": (3, self.offers),
            "notes": (3, self.notes),
        }
        for name, (tab, widget) in pages.items():
            if error.field.startswith(name):
                self.tabs.setCurrentIndex(tab)
                if isinstance(widget, OptionalDateEdit):
                    widget.focus_date()
                else:
                    widget.setFocus()
                return
