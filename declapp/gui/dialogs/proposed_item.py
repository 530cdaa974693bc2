"""One proposed structured item in the 转为结构化 review, editable before it is accepted:
三级指标名称, 计算符号, 指标值, 计量单位, 指标内容, and what the form will print."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

from PySide6.QtWidgets import (
    QComboBox,
    QGridLayout,
    QGroupBox,
    QLabel,
    QLineEdit,
    QWidget,
)

from declapp.form.model import NAME_MAX_CHARS, OP_QUALITATIVE, VALUE_MAX_CHARS, Item
from declapp.form.text import clean_text
from declapp.gui.widgets.indicator_fields import (
    NumberValidator,
    fill_op_combo,
    fill_unit_combo,
    op_of,
    show_count,
    show_op,
    show_unit,
)
from declapp.gui.widgets.text_edit import CleanPlainTextEdit
from declapp.indicators.measures import parse_number
from declapp.indicators.wording import printed_text

_GREY = "color: #555;"


class ProposedItemEditor(QGroupBox):
    """Edits a copy of one proposed item; *changed* gets the edited item at each change."""

    def __init__(self, title: str, item: Item, changed: Callable[[Item], None],
                 parent: QWidget | None = None) -> None:
        super().__init__(title, parent)
        self.item = item
        self.changed = changed
        grid = QGridLayout(self)
        grid.setVerticalSpacing(4)
        self.name = QLineEdit(item.name, self)
        self.name.setObjectName("proposedName")
        self.name_count = QLabel(self)
        self.name_count.setStyleSheet(_GREY)
        self.op = QComboBox(self)
        self.op.setObjectName("proposedOp")
        fill_op_combo(self.op)
        show_op(self.op, item.op)
        self.number = QLineEdit(item.value, self)
        self.number.setObjectName("proposedValue")
        self.validator = NumberValidator(self.number)
        self.unit = QComboBox(self)
        self.unit.setObjectName("proposedUnit")
        fill_unit_combo(self.unit)
        self.unit.setCompleter(None)  # type: ignore[arg-type]
        show_unit(self.unit, item.unit)
        self.content = CleanPlainTextEdit(self)
        self.content.setObjectName("proposedContent")
        self.content.setUndoRedoEnabled(True)  # not bound to the draft: its own undo
        self.content.setPlainText(item.content)
        self.content.setFixedHeight(self.content.fontMetrics().height() * 4 + 12)
        self.preview = QLabel(self)
        self.preview.setWordWrap(True)
        self.preview.setStyleSheet(_GREY)

        name_label = QLabel("三级指标名称", self)
        name_label.setBuddy(self.name)
        grid.addWidget(name_label, 0, 0, 1, 2)
        grid.addWidget(self.name_count, 0, 2)
        grid.addWidget(self.name, 1, 0, 1, 3)
        for column, (text, buddy) in enumerate((("计算符号", self.op), ("指标值", self.number),
                                                ("计量单位", self.unit))):
            label = QLabel(text, self)
            label.setBuddy(buddy)
            grid.addWidget(label, 2, column)
            grid.addWidget(buddy, 3, column)
        grid.setColumnStretch(1, 1)
        content_label = QLabel("指标内容（可不填，打印在名称的下一行）", self)
        content_label.setBuddy(self.content)
        grid.addWidget(content_label, 4, 0, 1, 3)
        grid.addWidget(self.content, 5, 0, 1, 3)
        grid.addWidget(self.preview, 6, 0, 1, 3)

        self.name.textEdited.connect(self._edited)
        self.op.activated.connect(self._edited)
        self.number.textEdited.connect(self._edited)
        self.unit.currentTextChanged.connect(self._edited)
        self.content.textChanged.connect(self._edited)
        self._show()

    def _edited(self, *_args: object) -> None:
        self.item = replace(self.item, name=clean_text(self.name.text()).strip(),
                            op=op_of(self.op), value=clean_text(self.number.text()).strip(),
                            unit=clean_text(self.unit.currentText()).strip(),
                            content=clean_text(self.content.toPlainText()))
        self._show()
        self.changed(self.item)

    def _show(self) -> None:
        item = self.item
        show_count(self.name_count, item.name, NAME_MAX_CHARS, "三级指标名称")
        value = item.value
        numeric = item.op != OP_QUALITATIVE and (not value or parse_number(value) is not None)
        self.number.setValidator(self.validator if numeric else None)  # type: ignore[arg-type]
        self.number.setToolTip(f"{len(value)}/{VALUE_MAX_CHARS}")
        self.preview.setText(f"打印为：{printed_text(item)}" if item.is_structured
                             else "请填写三级指标名称。")
