"""The item page of the indicator pane: one 具体指标, as free text or in the budget
system's fields (三级指标名称, 计算符号, 指标值, 计量单位, 指标内容, 指标解释, 评（扣）分标准).

The switch 自由文本 / 结构化 shows one set of fields or the other. An item that holds text
changes kind only through an edit the clerk confirms: 结构化 asks for the 转为结构化
proposal (``structureRequested``), 自由文本 for the way back (``freeTextRequested``), and
the tab makes either one undo step. A blank item simply shows the fields the clerk chose
last, and becomes structured with the first letter of its name.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import (
    QComboBox,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QStackedWidget,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from declapp.checks.reviewer_rules import not_number_hint
from declapp.form.definition import IndicatorColumn, ScoringSettings
from declapp.form.model import NAME_MAX_CHARS, NUMERIC_OPS, OP_QUALITATIVE, VALUE_MAX_CHARS, Item
from declapp.gui.indicators.item_columns import READONLY_TIP, ItemColumns
from declapp.gui.widgets.bindings import TextBinding
from declapp.gui.widgets.indicator_fields import (
    NumberValidator,
    fill_op_combo,
    fill_unit_combo,
    op_of,
    show_count,
    show_op,
)
from declapp.gui.widgets.text_edit import char_count
from declapp.gui.widgets.uiload import UiError, child
from declapp.indicators.measures import parse_number
from declapp.indicators.wording import printed_text

# Fields only a structured item has; one of them filled shows the structured page.
STRUCTURED_ONLY = ("op", "unit", "explanation", "scoring")
STRUCTURED_ATTRS = ("name", *STRUCTURED_ONLY)
Commit = Callable[[str, str, object], None]  # attr, value, typing burst token
FREE_PAGE, STRUCTURED_PAGE = 0, 1
REJECTED_HINT = ("指标值只填数字；%、项、人次等单位请在“计量单位”中选择，"
                 "不是数字的指标值请把计算符号选为“定性”。")


def wants_structured(item: Item) -> bool:
    """True when the item has a name or any other field only structured items have."""
    return item.is_structured or any(getattr(item, f).strip() for f in STRUCTURED_ONLY)


def value_hint(item: Item) -> str:
    """What the 指标值 row says under the fields: the same mend as the checks."""
    value = item.value.strip()
    if item.op != OP_QUALITATIVE and value and parse_number(value) is None:
        return f"指标值“{value}”不是数字{not_number_hint(value)}。"
    if item.op == OP_QUALITATIVE and item.unit.strip():
        return "定性指标一般不填计量单位：单位会打印在指标值之后。"
    if item.op in NUMERIC_OPS and value and not item.unit.strip():
        return "请选择计量单位（如 %、项、人次、万元）。"
    return ""


class ItemEditor(QObject):
    structureRequested = Signal()  # 结构化 or 转为结构化… on a free-text item with text
    freeTextRequested = Signal()  # 自由文本 on an item with structured fields

    def __init__(self, form: QWidget, stack: QUndoStack, commit: Commit) -> None:
        super().__init__(form)
        self.commit = commit
        self.mode_stack: QStackedWidget = child(form, QStackedWidget, "itemModeStack")
        self.free_button: QToolButton = child(form, QToolButton, "freeModeButton")
        self.structured_button: QToolButton = child(form, QToolButton, "structuredModeButton")
        self.structure_button: QPushButton = child(form, QPushButton, "structureItemButton")
        self.mode_hint: QLabel = child(form, QLabel, "modeHint")
        self.mode_hint.hide()  # shown when it has something to say
        # Free text: the whole printed text, and an optional value such as ≥95%.
        self.content: QPlainTextEdit = child(form, QPlainTextEdit, "contentEdit")
        self.content_count: QLabel = child(form, QLabel, "contentCount")
        self.value: QLineEdit = child(form, QLineEdit, "valueEdit")
        # Structured: the budget system's fields.
        self.name: QLineEdit = child(form, QLineEdit, "nameEdit")
        self.name_count: QLabel = child(form, QLabel, "nameCount")
        self.op: QComboBox = child(form, QComboBox, "opCombo")
        self.number: QLineEdit = child(form, QLineEdit, "numberEdit")
        self.number_count: QLabel = child(form, QLabel, "numberCount")
        self.unit: QComboBox = child(form, QComboBox, "unitCombo")
        self.value_hint: QLabel = child(form, QLabel, "valueHint")
        self.struct_content: QPlainTextEdit = child(form, QPlainTextEdit, "structContentEdit")
        self.explanation: QPlainTextEdit = child(form, QPlainTextEdit, "explanationEdit")
        self.scoring: QPlainTextEdit = child(form, QPlainTextEdit, "scoringEdit")
        self.preview: QLabel = child(form, QLabel, "previewLabel")
        fill_op_combo(self.op)
        fill_unit_combo(self.unit)
        # Inline completion would make 人次 of the 人 the clerk typed.
        self.unit.setCompleter(None)  # type: ignore[arg-type]
        unit_edit = self.unit.lineEdit()
        if unit_edit is None:
            raise UiError("计量单位框应可编辑")
        unit_edit.setPlaceholderText("如 %")
        self.number_validator = NumberValidator(self.number)

        fields: dict[str, tuple[QLineEdit | QPlainTextEdit, str]] = {
            "content": (self.content, "content"), "value": (self.value, "value"),
            "name": (self.name, "name"), "number": (self.number, "value"),
            "unit": (unit_edit, "unit"), "struct_content": (self.struct_content, "content"),
            "explanation": (self.explanation, "explanation"),
            "scoring": (self.scoring, "scoring"),
        }
        self.bindings = {key: TextBinding(widget, partial(self._commit, attr), stack)
                         for key, (widget, attr) in fields.items()}
        # Choosing from a list is not typing: each choice is a step of its own.
        self.op.activated.connect(lambda i: self._commit("op", op_of(self.op, i), None))
        self.unit.activated.connect(
            lambda i: self._commit("unit", self.unit.itemText(i), None))
        self.number.inputRejected.connect(lambda: self.value_hint.setText(REJECTED_HINT))
        self.free_button.clicked.connect(lambda: self._mode_clicked(False))
        self.structured_button.clicked.connect(lambda: self._mode_clicked(True))
        self.structure_button.clicked.connect(self.structureRequested)
        self.content.textChanged.connect(
            lambda: self.content_count.setText(char_count(self.content.toPlainText())))

        # The columns the template adds to its indicators (权重, 备注, a stage's own),
        # under the page.
        extra_box = QWidget(form)
        page = form.findChild(QVBoxLayout, "itemLayout")
        if page is None:
            raise UiError("指标页缺少 itemLayout")
        page.insertWidget(page.indexOf(self.mode_stack) + 1, extra_box)
        self.columns = ItemColumns(extra_box, stack, self._commit)
        self.readonly: set[str] = set()

        self.item: Item | None = None
        self.structured_view = False
        self.prefer_structured = False  # for blank items: the fields the clerk chose last
        self._seen = False  # wants_structured(item) when last shown
        self._committing = False
        self._hint = ""

    def set_columns(self, columns: tuple[IndicatorColumn, ...],
                    scoring: ScoringSettings | None = None) -> None:
        """Editors for the template's extra indicator columns, and the declared fields a
        later stage shows read-only."""
        self.columns.set_columns(tuple(c for c in columns if c.is_extra), scoring)
        readonly = {c.key for c in columns if c.readonly and not c.is_extra}
        self.readonly = readonly
        locked = {"name": (self.name, self.content), "value": (self.number, self.value),
                  "op": (self.op,), "unit": (self.unit,)}
        if "value" in readonly:
            readonly |= {"op", "unit"}
        for key, widgets in locked.items():
            for widget in widgets:
                widget.setEnabled(key not in readonly)
                widget.setToolTip(READONLY_TIP if key in readonly else "")

    def _commit(self, attr: str, value: str, token: object) -> None:
        self._committing = True
        try:
            self.commit(attr, value, token)
        finally:
            self._committing = False

    # --- showing -----------------------------------------------------------------------
    def show(self, item: Item, fresh: bool) -> None:
        """Show *item*: *fresh* for another item, else the same one after a change.

        A change the clerk makes here never switches the page under the caret; a change
        from elsewhere (undo, redo) that gives or takes the structured fields does."""
        now = wants_structured(item)
        if fresh:
            self.structured_view = now or (item.is_blank and self.prefer_structured)
            self._hint = ""
        elif now != self._seen and not self._committing:
            self.structured_view = now or (item.is_blank and self.structured_view)
            self._hint = ""
        self._seen = now
        self.item = item
        self._fill()

    def force_structured(self, hint: str) -> None:
        """Show the structured fields for a free-text item no proposal could split: the
        text stays in 指标内容 until the clerk writes a name."""
        self.structured_view = True
        self._hint = hint
        self._fill()
        self.name.setFocus()

    def _fill(self) -> None:
        item = self.item
        if item is None:
            return
        b = self.bindings
        for key, attr in (("content", "content"), ("value", "value"), ("name", "name"),
                          ("number", "value"), ("unit", "unit"),
                          ("struct_content", "content"), ("explanation", "explanation"),
                          ("scoring", "scoring")):
            b[key].show(getattr(item, attr))
        show_op(self.op, item.op)
        self.columns.show(item)
        self.content_count.setText(char_count(item.content))
        show_count(self.name_count, item.name, NAME_MAX_CHARS, "三级指标名称")
        show_count(self.number_count, item.value, VALUE_MAX_CHARS, "指标值")
        number = item.value.strip()
        # A number field, but one the clerk can still mend when it holds text (an
        # imported value, or a sign changed from 定性): the check then says how.
        numeric = item.op != OP_QUALITATIVE and (not number or parse_number(number) is not None)
        self.number.setValidator(
            self.number_validator if numeric else None)  # type: ignore[arg-type]
        self.number.setPlaceholderText("如：达成、按期完成" if item.op == OP_QUALITATIVE
                                       else "数字，如 95")
        self.value_hint.setText(value_hint(item))
        self.value_hint.setVisible(bool(self.value_hint.text()))
        self.preview.setText(f"打印为：{printed_text(item)}" if item.is_structured else
                             "填写三级指标名称后，表上打印为“名称：指标值”。")
        view = self.structured_view
        self.free_button.setChecked(not view)
        self.structured_button.setChecked(view)
        self.mode_stack.setCurrentIndex(STRUCTURED_PAGE if view else FREE_PAGE)
        self.structure_button.setVisible(not view and not item.is_blank)
        hint = self._hint
        if view and not item.is_structured and not hint:
            hint = "还没有三级指标名称：没有名称的指标按自由文本打印。" if not item.is_blank \
                else ""
        self.mode_hint.setText(hint)
        self.mode_hint.setVisible(bool(hint))

    # --- the switch ----------------------------------------------------------------------
    def _mode_clicked(self, structured: bool) -> None:
        item = self.item
        if item is None or structured == self.structured_view:
            self._fill()
            return
        if item.is_blank or (not structured and not wants_structured(item)):
            # Nothing to convert: only the fields shown change.
            self.structured_view = structured
            if item.is_blank:
                self.prefer_structured = structured
            self._hint = ""
            self._fill()
            self.focus()
            return
        self._fill()  # the buttons show the item as it is until the edit happens
        (self.structureRequested if structured else self.freeTextRequested).emit()

    # --- focus ---------------------------------------------------------------------------
    def focus(self, attr: str = "") -> bool:
        """Put the caret in the editor of *attr* (the main one if ""), showing the
        structured fields if *attr* is one of them."""
        if self.columns.focus(attr):
            return True
        if attr in STRUCTURED_ATTRS and not self.structured_view:
            self.structured_view = True
            self._fill()
        view = self.structured_view
        widgets: dict[str, QWidget] = {
            "name": self.name, "op": self.op, "unit": self.unit,
            "explanation": self.explanation, "scoring": self.scoring,
            "content": self.struct_content if view else self.content,
            "value": self.number if view else self.value,
        }
        widgets.get(attr, self.name if view else self.content).setFocus()
        return True
