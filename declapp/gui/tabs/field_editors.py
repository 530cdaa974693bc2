"""An editor for one field of a form definition, by its type, bound to the draft.

Text, person, phone and date fields get a line; a long text a plain-text editor with its
character count; a choice a drop-down list of the template's options; an amount a line
with 万元 and, beside it, why a typed text was refused. Every editor commits through the
document's undo stack and follows the draft after undo (``show``).
"""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from declapp.checks.form_rules import NOTES_HINT
from declapp.form.definition import FieldDef
from declapp.gui.document.document import Document
from declapp.gui.widgets.bindings import AmountBinding, TextBinding
from declapp.gui.widgets.text_edit import CleanPlainTextEdit, char_count

PROBLEM_STYLE = "color: #c62828;"
_PLACEHOLDERS = {"phone": "例如：010-68321234", "date": "例如：2021年3月15日",
                 "person": "姓名"}


class FieldEditor(QObject):
    """The widget a field is edited in (``widget``), the one that takes the focus
    (``focus``), and how it shows the draft's value."""

    noteRequested = Signal(str)

    def __init__(self, doc: Document, field: FieldDef, parent: QWidget) -> None:
        super().__init__(parent)
        self.doc = doc
        self.field = field
        self.count: QLabel | None = None
        self.problem: QLabel | None = None
        self.text_binding: TextBinding | None = None
        self.amount_binding: AmountBinding | None = None
        self.combo: QComboBox | None = None
        commit = doc.committer(field.id)
        if field.is_amount:
            self.widget, self.focus = self._amount(commit, parent)
        elif field.type == "longtext":
            self.widget, self.focus = self._long_text(commit, parent)
        elif field.type == "choice":
            self.widget = self.focus = self._choice(parent)
        else:
            line = QLineEdit(parent)
            line.setPlaceholderText(field.hint or _PLACEHOLDERS.get(field.type, "")
                                    or _blank_hint(field))
            self.text_binding = TextBinding(line, commit, doc.stack)
            self.widget = self.focus = line
        self.focus.setObjectName(f"edit:{field.id}")
        if field.hint:
            self.focus.setToolTip(field.hint)

    def _amount(self, commit: Callable[..., object], parent: QWidget) -> tuple[QWidget, QWidget]:
        box = QWidget(parent)
        layout = QHBoxLayout(box)
        layout.setContentsMargins(0, 0, 0, 0)
        line = QLineEdit(box)
        line.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        line.setMinimumWidth(160)
        line.setMaximumWidth(240)
        layout.addWidget(line)
        layout.addWidget(QLabel("万元", box))
        self.problem = QLabel(box)
        self.problem.setStyleSheet(PROBLEM_STYLE)
        self.problem.setWordWrap(True)
        self.problem.hide()
        layout.addWidget(self.problem, 1)
        layout.addStretch()
        self.amount_binding = AmountBinding(line, commit, self.doc.stack)
        self.amount_binding.problemChanged.connect(self._say_problem)
        self.amount_binding.noteRequested.connect(self.noteRequested)
        return box, line

    def _say_problem(self, text: str) -> None:
        assert self.problem is not None
        self.problem.setText(f"✘ {text}" if text else "")
        self.problem.setVisible(bool(text))

    def _long_text(self, commit: Callable[..., object], parent: QWidget
                   ) -> tuple[QWidget, QWidget]:
        box = QWidget(parent)
        layout = QVBoxLayout(box)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        edit = CleanPlainTextEdit(box)
        edit.setMinimumHeight(90)
        edit.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        edit.setPlaceholderText(self.field.hint or _blank_hint(self.field))
        layout.addWidget(edit, 1)
        self.count = QLabel(box)
        self.count.setAlignment(Qt.AlignmentFlag.AlignRight)
        self.count.setStyleSheet("color: #666;")
        layout.addWidget(self.count)
        edit.textChanged.connect(self._count)
        self.text_binding = TextBinding(edit, commit, self.doc.stack)
        return box, edit

    def _count(self) -> None:
        if self.count is not None and isinstance(self.focus, QPlainTextEdit):
            self.count.setText(char_count(self.focus.toPlainText()))

    def _choice(self, parent: QWidget) -> QComboBox:
        combo = QComboBox(parent)
        combo.addItem("（请选择）", "")
        for option in self.field.options:
            combo.addItem(option, option)
        combo.activated.connect(self._chosen)
        self.combo = combo
        return combo

    def _chosen(self, index: int) -> None:
        assert self.combo is not None
        self.doc.edit_field(self.field.id, self.combo.itemData(index) or "")

    def show(self) -> None:
        """Make the editor show the draft's value of its field."""
        value = self.doc.get(self.field.id) if self.field.id in self.doc.draft.texts \
            or self.field.id in self.doc.draft.amounts else ""
        if self.amount_binding is not None:
            self.amount_binding.show(value if isinstance(value, Decimal) else Decimal(0))
        elif self.text_binding is not None:
            self.text_binding.show(str(value))
            self._count()
        elif self.combo is not None:
            index = self.combo.findData(value)
            if index < 0:  # a value from elsewhere (an import): shown, not lost
                self.combo.addItem(f"{value}（不在选项中）", value)
                index = self.combo.count() - 1
            self.combo.setCurrentIndex(index)


def _blank_hint(field: FieldDef) -> str:
    """The check asks for 无 where there is nothing to say: the placeholder says so too."""
    if field.required != "warning":
        return ""
    return NOTES_HINT if field.role == "notes" else "没有内容时请填写“无”。"
