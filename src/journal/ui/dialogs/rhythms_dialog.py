"""How often to stay in touch, by default: per relationship stage and per tag."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSpinBox,
    QWidget,
)

from journal.core import keep_in_touch, today
from journal.core.changes import Result
from journal.core.contact_queries import all_tags
from journal.core.keep_in_touch import DEFAULT_STAGE_DAYS, cadence_defaults
from journal.core.setting_store import SETTINGS_CHANGED
from journal.core.stage_names import stages_in_use
from journal.store.models import database_proxy
from journal.ui import labels
from journal.ui.bus import JournalBus
from journal.ui.dialogs.form_support import save_cancel_buttons, stack


def _days_spin(parent: QWidget, name: str, value: int | None) -> QSpinBox:
    spin = QSpinBox(parent)
    spin.setRange(0, keep_in_touch.MAX_DAYS)
    spin.setSpecialValueText(parent.tr("no reminder"))
    spin.setSuffix(parent.tr(" days"))
    spin.setValue(value or 0)
    spin.setAccessibleName(name)
    return spin


def save_rhythms(
    stages: dict[str, int | None], tags: dict[str, int | None], new_after: int
) -> Result[None]:
    """Every default from the dialog, in one transaction."""
    with database_proxy.atomic():
        changes = SETTINGS_CHANGED
        for stage, days in stages.items():
            changes = changes | keep_in_touch.set_stage_cadence(stage, days).changes
        for tag, days in tags.items():
            changes = changes | keep_in_touch.set_tag_cadence(tag, days).changes
        changes = changes | today.set_new_contact_days(new_after).changes
    return Result(None, changes)


class RhythmsDialog(QDialog):
    """Default rhythms by stage and tag, and when new people get a nudge."""

    def __init__(self, bus: JournalBus, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("rhythmsDialog")
        self.setWindowTitle(self.tr("Stay-in-touch rhythms"))
        self.bus = bus
        defaults = cadence_defaults()
        intro = QLabel(
            self.tr(
                "How often to be in touch with someone who has no rhythm of their own. "
                "A tag's rhythm wins over the stage's; the shortest tag wins."
            ),
            self,
        )
        intro.setWordWrap(True)
        stage_box = QGroupBox(self.tr("By relationship stage"), self)
        stage_form = QFormLayout(stage_box)
        self.stage_spins: dict[str, QSpinBox] = {}
        codes = list(DEFAULT_STAGE_DAYS)
        codes += [c for c in stages_in_use() if c not in codes]
        codes += [c for c in defaults.by_stage if c not in codes]
        for code in codes:
            label = labels.stage_label(code)
            spin = _days_spin(stage_box, label, defaults.by_stage.get(code))
            spin.setObjectName(f"stage_{code}")
            stage_form.addRow(label + ":", spin)
            self.stage_spins[code] = spin
        tag_box = QGroupBox(self.tr("By tag"), self)
        self.tag_form = QFormLayout(tag_box)
        self.tag_spins: dict[str, QSpinBox] = {}
        self.tag_choice = QComboBox(tag_box)
        self.tag_choice.setObjectName("tagChoice")
        self.tag_choice.setEditable(True)
        self.tag_choice.setAccessibleName(self.tr("Tag"))
        self.tag_choice.addItems(all_tags())
        self.tag_choice.setCurrentText("")
        add = QPushButton(self.tr("&Add tag"), tag_box)
        add.setObjectName("addTagRhythm")
        add.clicked.connect(lambda: self._add_tag(self.tag_choice.currentText(), 30))
        row = QHBoxLayout()
        row.addWidget(self.tag_choice, 1)
        row.addWidget(add)
        self.tag_form.addRow(row)
        for tag, days in sorted(defaults.by_tag.items(), key=lambda kv: kv[0].casefold()):
            self._add_tag(tag, days)
        self.new_after = QSpinBox(self)
        self.new_after.setObjectName("newAfter")
        self.new_after.setRange(0, today.NEW_CONTACT_WINDOW_DAYS)
        self.new_after.setSuffix(self.tr(" days"))
        self.new_after.setValue(today.new_contact_days())
        self.new_after.setAccessibleName(self.tr("Nudge about new people after"))
        new_form = QFormLayout()
        new_form.addRow(self.tr("Nudge about new people after:"), self.new_after)
        buttons, _save = save_cancel_buttons(self, self.save, "saveRhythms")
        stack(self, intro, stage_box, tag_box, new_form, buttons)

    def _add_tag(self, tag: str, days: int) -> None:
        name = tag.strip().lstrip("#")
        if not name or name.casefold() in (t.casefold() for t in self.tag_spins):
            return
        spin = _days_spin(self, "#" + name, days)
        spin.setObjectName(f"tag_{name}")
        self.tag_form.addRow("#" + name + ":", spin)
        self.tag_spins[name] = spin
        self.tag_choice.setCurrentText("")
        spin.setFocus(Qt.FocusReason.OtherFocusReason)

    def save(self) -> None:
        """Store every rhythm shown; "no reminder" removes a tag's."""
        stages = {code: spin.value() or None for code, spin in self.stage_spins.items()}
        tags = {tag: spin.value() or None for tag, spin in self.tag_spins.items()}
        if self.bus.run(save_rhythms, stages, tags, self.new_after.value(), parent=self):
            self.accept()
