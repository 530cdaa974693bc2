"""The fields of a structured indicator as the budget system keeps them: the 计算符号 box,
the 计量单位 box, a number-only 指标值, and the counters of the system's limits.

Shared by the indicator pane and the 转为结构化 review, so both offer the same signs and
units and count the same way.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QValidator
from PySide6.QtWidgets import QComboBox, QLabel, QWidget

from declapp.form.model import OP_EQ, OP_GE, OP_GT, OP_LE, OP_LT, OP_QUALITATIVE, OPS
from declapp.indicators.measures import half_width

# The units the budget system's clerks use most; the box takes any other as typed.
COMMON_UNITS = ("%", "个", "项", "次", "人次", "户", "人", "天", "万元", "元", "平方米",
                "公里", "件", "场", "期", "条")
OP_NAMES = {OP_GE: "大于等于", OP_GT: "大于", OP_EQ: "等于", OP_LT: "小于", OP_LE: "小于等于",
            OP_QUALITATIVE: "文字描述"}
NO_OP_TEXT = "（请选择）"
_OVER = "color: #b00020; font-weight: bold;"
_UNDER = "color: #555;"


def fill_op_combo(combo: QComboBox) -> None:
    """The six signs, each with its meaning (``≥ 大于等于``), and an empty first entry."""
    combo.clear()
    combo.addItem(NO_OP_TEXT, "")
    for op in OPS:
        qualitative = op == OP_QUALITATIVE
        combo.addItem(op if qualitative else f"{op}  {OP_NAMES[op]}", op)
        combo.setItemData(combo.count() - 1,
                          "指标值是一段文字，例如：达成、按期完成" if qualitative else
                          f"{OP_NAMES[op]}：指标值填数字，单位在“计量单位”中选择",
                          Qt.ItemDataRole.ToolTipRole)


def show_op(combo: QComboBox, op: str) -> None:
    """Select *op* without the box telling anyone (``activated`` is only for the clerk)."""
    index = combo.findData(op)
    combo.setCurrentIndex(index if index >= 0 else 0)


def op_of(combo: QComboBox, index: int | None = None) -> str:
    value = combo.itemData(combo.currentIndex() if index is None else index)
    return value if isinstance(value, str) else ""


def fill_unit_combo(combo: QComboBox) -> None:
    """An editable box offering the common units; typing any other unit is fine."""
    combo.clear()
    combo.addItems(list(COMMON_UNITS))
    combo.setEditable(True)
    combo.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
    combo.setMaxVisibleItems(len(COMMON_UNITS))
    combo.setCurrentIndex(-1)


def show_unit(combo: QComboBox, unit: str) -> None:
    edit = combo.lineEdit()
    if edit is not None and edit.text() != unit:
        combo.blockSignals(True)
        combo.setCurrentIndex(combo.findText(unit) if unit else -1)
        edit.setText(unit)
        combo.blockSignals(False)


class NumberValidator(QValidator):
    """A 指标值 for ≥ ＞ ＝ ＜ ≤: a decimal number as the budget system takes it.

    Full-width digits (an input method left in full-width mode) and thousands separators
    are turned into the plain number as typed; a unit or a sign typed here is refused
    (``inputRejected`` tells the field, which then says where they go)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)

    def validate(self, text: str, pos: int) -> tuple[QValidator.State, str, int]:
        plain = half_width(text).replace(",", "").replace(" ", "")
        pos = max(0, pos - (len(text) - len(plain)))
        if plain in ("", "-", "."):
            return QValidator.State.Intermediate, plain, pos
        body = plain[1:] if plain.startswith("-") else plain
        whole, _, fraction = body.partition(".")
        if (whole + fraction).isdigit() and body.count(".") <= 1 and whole.isascii() \
                and fraction.isascii():
            state = QValidator.State.Intermediate if body.endswith(".") \
                else QValidator.State.Acceptable
            return state, plain, pos
        return QValidator.State.Invalid, text, pos


def show_count(label: QLabel, text: str, limit: int, what: str) -> None:
    """``12/30``; red, with a tooltip, when the budget system would refuse the text."""
    count = len(text.strip())
    label.setText(f"{count}/{limit}")
    over = count > limit
    label.setStyleSheet(_OVER if over else _UNDER)
    label.setToolTip(f"{what}超过 {limit} 个字，一体化系统不接受，请缩短。" if over else
                     f"一体化系统中{what}最多 {limit} 个字。")
