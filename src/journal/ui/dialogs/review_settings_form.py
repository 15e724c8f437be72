"""Review settings: the value of an hour, how often the review comes round, and the windows
the balance looks through."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QLocale, QRegularExpression
from PySide6.QtGui import QRegularExpressionValidator
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from journal.core.settings import SettingsDraft, draft_of, load_settings, save_settings
from journal.ui.bus import JournalBus
from journal.ui.dialogs.group_form import COMMON_CURRENCIES, FormDialog, select_data
from journal.ui.formatting import editable_amount, typed_amount


def review_cadences() -> dict[str, str]:
    """How often the review comes round."""
    tr = QCoreApplication.translate
    return {
        "monthly": tr("review", "Every month"),
        "quarterly": tr("review", "Every quarter"),
        "twice_yearly": tr("review", "Twice a year"),
        "yearly": tr("review", "Every year"),
    }


class ReviewSettingsForm(FormDialog):
    """The journal's review settings, saved together."""

    def __init__(self, bus: JournalBus, parent: QWidget | None = None) -> None:
        super().__init__(bus, parent)
        self.setObjectName("reviewSettingsForm")
        self.setWindowTitle(self.tr("Review settings"))
        draft = draft_of(load_settings())

        self.hour_edit = QLineEdit(self)
        self.hour_edit.setObjectName("hourValue")
        self.hour_edit.setPlaceholderText(self.tr("not set"))
        # No validator: it dropped what it did not expect as it was typed ("12,50" became
        # 1250 in English, "-50" became 50). The amount is read on saving, the locale's way.
        self.hour_edit.setText(editable_amount(draft.hour_amount))
        self.currency_combo = QComboBox(self)
        self.currency_combo.setObjectName("hourCurrency")
        self.currency_combo.setEditable(True)
        self.currency_combo.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.currency_combo.addItems(list(COMMON_CURRENCIES))
        self.currency_combo.lineEdit().setValidator(
            QRegularExpressionValidator(QRegularExpression(r"^[A-Za-z]{0,3}$"))
        )
        self.currency_combo.setEditText(
            draft.hour_currency
            or QLocale().currencySymbol(QLocale.CurrencySymbolFormat.CurrencyIsoCode)
        )
        self.cadence_combo = QComboBox(self)
        self.cadence_combo.setObjectName("reviewCadence")
        for code, text in review_cadences().items():
            self.cadence_combo.addItem(text, code)
        select_data(self.cadence_combo, draft.cadence)
        self.relationship_spin = self._months("relationshipMonths", draft.relationship_months)
        self.lookback_spin = self._months("lookbackMonths", draft.lookback_months)

        form = QFormLayout()
        hour_row = QHBoxLayout()
        hour_row.addWidget(self.hour_edit, 2)
        hour_row.addWidget(self.currency_combo, 1)
        hour_label = QLabel(self.tr("&Value of an hour"), self)
        hour_label.setBuddy(self.hour_edit)
        form.addRow(hour_label, hour_row)
        self._field("value of an hour", self.tr("Value of an hour"), self.hour_edit)
        self._field("currency of an hour", self.tr("Currency of an hour"), self.currency_combo)
        self._row(form, "review cadence", self.tr("&Review"), self.cadence_combo)
        self._row(
            form,
            "relationship window (months)",
            self.tr("&In touch within"),
            self.relationship_spin,
        )
        self._row(form, "review period (months)", self.tr("&Judge on the last"), self.lookback_spin)
        explain = QLabel(
            self.tr(
                "The value of an hour lets the review weigh the time a group takes against "
                "the business it brings, in that currency only: amounts in other currencies "
                "are shown beside it, never converted. A member counts as a real relationship "
                "when you were in touch outside meetings within the months chosen."
            ),
            self,
        )
        explain.setWordWrap(True)
        body = QVBoxLayout()
        body.addLayout(form)
        body.addWidget(explain)
        self._set_body(body)
        for first, second in (
            (self.hour_edit, self.currency_combo),
            (self.currency_combo, self.cadence_combo),
            (self.cadence_combo, self.relationship_spin),
            (self.relationship_spin, self.lookback_spin),
            (self.lookback_spin, self.save_button),
            (self.save_button, self.cancel_button),
        ):
            QWidget.setTabOrder(first, second)
        self.hour_edit.setFocus()

    def _months(self, name: str, value: int) -> QSpinBox:
        spin = QSpinBox(self)
        spin.setObjectName(name)
        spin.setRange(1, 120)
        spin.setSuffix(self.tr(" months"))
        spin.setValue(value)
        return spin

    def draft(self) -> SettingsDraft:
        """What the form says."""
        amount = typed_amount("value of an hour", self.hour_edit.text())
        return SettingsDraft(
            hour_amount=amount,
            hour_currency=self.currency_combo.currentText().strip() if amount is not None else "",
            cadence=self.cadence_combo.currentData(),
            relationship_months=self.relationship_spin.value(),
            lookback_months=self.lookback_spin.value(),
        )

    def save(self) -> bool:
        return self.run_write(save_settings, self.draft()) is not None
