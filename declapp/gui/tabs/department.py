"""单位信息: name, year, template, head, phone and functions (as the template shows them)."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QSpinBox,
    QWidget,
)

from declapp.form.model import YEAR_MAX, YEAR_MIN
from declapp.gui.document.document import Document
from declapp.gui.widgets.bindings import TextBinding
from declapp.gui.widgets.template_combo import fill_template_combo, select_template
from declapp.gui.widgets.uiload import TAB_MARGINS, child, embed_ui
from declapp.gui.widgets.undo_keys import route_undo_keys

_KEYS = ("name", "head", "phone", "functions")


class DepartmentTab(QWidget):
    def __init__(self, doc: Document, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.doc = doc
        self.form_widget = embed_ui(self, "department_tab.ui", TAB_MARGINS)
        f = self.form_widget
        self.form: QFormLayout = child(f, QFormLayout, "form")
        self.edits: dict[str, QLineEdit | QPlainTextEdit] = {
            "name": child(f, QLineEdit, "nameEdit"),
            "head": child(f, QLineEdit, "headEdit"),
            "phone": child(f, QLineEdit, "phoneEdit"),
            "functions": child(f, QPlainTextEdit, "functionsEdit"),
        }
        self.labels = {k: child(f, QLabel, f"{k}Label") for k in _KEYS}
        self.year_spin: QSpinBox = child(f, QSpinBox, "yearSpin")
        self.template_combo: QComboBox = child(f, QComboBox, "templateCombo")
        self.template_note: QLabel = child(f, QLabel, "templateNote")

        self.bindings = {
            k: TextBinding(w, doc.committer(f"department.{k}"),
                           doc.stack)
            for k, w in self.edits.items()}
        fill_template_combo(self.template_combo, doc.draft.template)
        self.template_combo.activated.connect(self._template_chosen)
        self._year_token = object()
        self.year_spin.valueChanged.connect(self._year_changed)
        self.year_spin.installEventFilter(self)
        route_undo_keys(doc.stack, self.year_spin)
        doc.fieldChanged.connect(self.refresh)
        doc.draftReplaced.connect(self.refresh_all)
        self.refresh_all()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.FocusIn:
            self._year_token = object()  # spinning the year is one step per visit
        return False

    def _year_changed(self, value: int) -> None:
        if value != self.doc.draft.year:
            self.doc.edit_field("year", value, self._year_token)

    def _template_chosen(self, index: int) -> None:
        template_id = self.template_combo.itemData(index)
        if template_id and template_id != self.doc.draft.template:
            self.doc.edit_field("template", template_id)

    def refresh_all(self) -> None:
        for key in ("department.name", "department.head", "department.phone",
                    "department.functions", "year", "template"):
            self.refresh(key)

    def refresh(self, key: str) -> None:
        if key.startswith("department."):
            name = key.split(".", 1)[1]
            self.bindings[name].show(self.doc.text(key))
            self._update_note()
        elif key == "year":
            year = self.doc.draft.year
            if self.year_spin.value() != year:
                self.year_spin.blockSignals(True)
                # A hand-edited file may hold 1999: show it as it is (the checks flag it)
                # rather than let the spin box clip it to 2000.
                self.year_spin.setRange(min(YEAR_MIN, year), max(YEAR_MAX, year))
                self.year_spin.setValue(year)
                self.year_spin.blockSignals(False)
        elif key == "template":
            self._apply_template()

    def _apply_template(self) -> None:
        profile = self.doc.profile
        select_template(self.template_combo, self.doc.draft.template)
        for key in _KEYS:
            self.labels[key].setText(profile.label(key) or self.labels[key].text())
            self.form.setRowVisible(self.edits[key], profile.shows_department_field(key))
        self._update_note()

    def _update_note(self) -> None:
        profile = self.doc.profile
        hidden = [profile.label(k) for k in _KEYS if not profile.shows_department_field(k)]
        kept = [profile.label(k) for k in _KEYS if not profile.shows_department_field(k)
                and getattr(self.doc.draft.department, k).strip()]
        text = ""
        if hidden:
            text = f"“{profile.name}”不含{'、'.join(hidden)}这几行。"
        if kept:
            text += f"已填写的{'、'.join(kept)}仍保存在草稿中，换回有这些行的模板即可看到。"
        self.template_note.setText(text)
        self.template_note.setVisible(bool(text))

    def focus_field(self, key: str) -> bool:
        """Focus the editor of *key* ("department.name", "year", "template")."""
        if key == "year":
            widget: QWidget = self.year_spin
        elif key == "template":
            widget = self.template_combo
        elif key.startswith("department.") and key.split(".", 1)[1] in self.edits:
            name = key.split(".", 1)[1]
            if not self.doc.profile.shows_department_field(name):
                return False
            widget = self.edits[name]
        else:
            return False
        widget.setFocus()
        return True
