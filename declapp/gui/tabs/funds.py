"""资金情况: one decimal field per fund row of the template, and the live total check."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QWidget,
)

from declapp.form.model import FUND_FIELDS
from declapp.form.money import exact_difference, format_amount
from declapp.gui.document.document import Document
from declapp.gui.widgets.bindings import AmountBinding
from declapp.gui.widgets.uiload import TAB_MARGINS, child, embed_ui

OK_STYLE = "color: #1b6e20;"
PROBLEM_STYLE = "color: #c62828;"
BAD_STYLE = "color: #c62828; font-weight: bold;"


class FundsTab(QWidget):
    noteRequested = Signal(str)  # what was cleaned in a typed or pasted amount

    def __init__(self, doc: Document, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.doc = doc
        self.form_widget = embed_ui(self, "funds_tab.ui", TAB_MARGINS)
        f = self.form_widget
        self.form: QFormLayout = child(f, QFormLayout, "form")
        self.edits = {k: child(f, QLineEdit, f"{k}Edit") for k in FUND_FIELDS}
        self.boxes = {k: child(f, QWidget, f"{k}Box") for k in FUND_FIELDS}
        self.labels = {k: child(f, QLabel, f"{k}Label") for k in FUND_FIELDS}
        self.heading: QLabel = child(f, QLabel, "heading")
        self.sum_label: QLabel = child(f, QLabel, "sumLabel")
        self.set_total_button: QPushButton = child(f, QPushButton, "setTotalButton")
        self.bindings = {k: AmountBinding(w, doc.committer(f"funds.{k}"), doc.stack)
                         for k, w in self.edits.items()}
        # Why a typed or pasted text was refused, right beside its field.
        self.problems: dict[str, QLabel] = {}
        for key, binding in self.bindings.items():
            label = QLabel(self.boxes[key])
            label.setObjectName(f"{key}Problem")
            label.setStyleSheet(PROBLEM_STYLE)
            label.setWordWrap(True)
            label.hide()
            layout = self.boxes[key].layout()
            if isinstance(layout, QHBoxLayout):
                layout.insertWidget(2, label, 1)  # after 万元, before the row's spacer
            self.problems[key] = label
            binding.problemChanged.connect(lambda text, label=label: _say(label, text))
            binding.noteRequested.connect(self.noteRequested)
        self.set_total_button.clicked.connect(self.set_total_to_sum)
        doc.fieldChanged.connect(self.refresh)
        doc.draftReplaced.connect(self.refresh_all)
        self.refresh_all()

    def set_total_to_sum(self) -> None:
        self.doc.edit_field("funds.total", self.doc.fund_sum())

    def refresh_all(self) -> None:
        for key in FUND_FIELDS:
            self.refresh(f"funds.{key}")
        self.refresh("template")

    def refresh(self, key: str) -> None:
        if key.startswith("funds."):
            name = key.split(".", 1)[1]
            self.bindings[name].show(self.doc.draft.funds.get(name))
        elif key == "template":
            profile = self.doc.profile
            self.heading.setText(profile.label("funds") or self.heading.text())
            for name in FUND_FIELDS:
                self.labels[name].setText(profile.fund_label(name))
                self.form.setRowVisible(self.boxes[name], profile.shows_fund(name))
        else:
            return
        self._update_sum()

    def _update_sum(self) -> None:
        profile = self.doc.profile
        parts = [profile.fund_label(k) for k in profile.fund_parts]
        total = self.doc.draft.funds.total
        total_sum = self.doc.fund_sum()
        names = "＋".join(parts)
        if total == total_sum:
            self.sum_label.setText(f"✔ 资金总额 {format_amount(total)} 万元，"
                                   f"等于{names}之和。")
            self.sum_label.setStyleSheet(OK_STYLE)
        else:
            diff = exact_difference(total, total_sum)
            self.sum_label.setText(
                f"✘ 资金总额 {format_amount(total)} 万元 ≠ {names} = "
                f"{format_amount(total_sum)} 万元（相差 {format_amount(diff)} 万元）")
            self.sum_label.setStyleSheet(BAD_STYLE)
        self.sum_label.setProperty("balanced", total == total_sum)
        self.set_total_button.setEnabled(total != total_sum)

    def is_balanced(self) -> bool:
        return bool(self.sum_label.property("balanced"))

    def focus_field(self, key: str) -> bool:
        name = key.split(".", 1)[1] if key.startswith("funds.") else ""
        if name not in self.edits or not self.doc.profile.shows_fund(name):
            return False
        self.edits[name].setFocus()
        self.edits[name].selectAll()
        return True


def _say(label: QLabel, text: str) -> None:
    label.setText(f"✘ {text}" if text else "")
    label.setVisible(bool(text))
