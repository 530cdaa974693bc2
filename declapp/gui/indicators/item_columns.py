"""The columns a template adds to its indicators, under an item's fields: 重庆's 指标权重,
湖南's 备注, and a later stage's own — 1–6月实际完成值, 完成目标可能性, 实际完成值, 分值,
the 得分 the program computes (its reason on hover) and the adjusted target, which only
调整指标值… changes."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QWidget,
)

from declapp.form.definition import IndicatorColumn, ScoringSettings
from declapp.form.model import OP_QUALITATIVE, Item
from declapp.form.money import format_amount
from declapp.gui.widgets.bindings import TextBinding
from declapp.gui.widgets.indicator_fields import NumberValidator
from declapp.indicators.scoring import SCORE_KEY, item_score

Commit = Callable[[str, str, object], None]
READONLY_TIP = "申报时的指标，在这一阶段只读；要改指标值请用“调整指标值…”（年初的值会保留）。"


class ItemColumns(QObject):
    adjustRequested = Signal(str)  # the key of a read-only column the clerk wants to change

    def __init__(self, box: QWidget, stack: QUndoStack, commit: Commit) -> None:
        super().__init__(box)
        self.box = box
        self.form = QFormLayout(box)
        self.form.setContentsMargins(0, 6, 0, 0)
        self.stack = stack
        self.commit = commit
        self.columns: tuple[IndicatorColumn, ...] = ()
        self.scoring: ScoringSettings | None = None
        self.editors: dict[str, QLineEdit | QComboBox | QLabel] = {}
        self.qualitative_score: QLineEdit | None = None
        self.bindings: dict[str, TextBinding] = {}
        box.hide()

    def set_columns(self, columns: tuple[IndicatorColumn, ...],
                    scoring: ScoringSettings | None) -> None:
        if columns == self.columns and scoring == self.scoring:
            return
        self.columns, self.scoring = columns, scoring
        while self.form.rowCount():
            self.form.removeRow(0)
        self.qualitative_score = None
        self.editors.clear()
        self.bindings.clear()
        for column in columns:
            self._add(column)
        self.box.setVisible(bool(columns))

    def _add(self, column: IndicatorColumn) -> None:
        label = column.label.lstrip("*＊")
        key = column.key
        if column.is_computed:
            shown = QLabel(self.box)
            shown.setObjectName(f"computed:{key}")
            self.editors[key] = shown
            if self.scoring is None:
                self.form.addRow(label, shown)
                return
            # A 定性 indicator's score is the band's top unless the clerk gives one in it.
            row = QWidget(self.box)
            layout = QHBoxLayout(row)
            layout.setContentsMargins(0, 0, 0, 0)
            layout.addWidget(shown, 1)
            given = QLineEdit(row)
            given.setObjectName("qualitativeScore")
            given.setValidator(NumberValidator(given))
            given.setPlaceholderText("档次内的得分（不填取档次上限）")
            given.setToolTip("定性指标：在所选完成程度的分数范围内评定得分；不填时取该档次的上限。")
            given.setMinimumWidth(220)
            layout.addWidget(given)
            self.qualitative_score = given
            self.bindings[SCORE_KEY] = TextBinding(given, partial(self.commit, SCORE_KEY),
                                                   self.stack)
            self.form.addRow(label, row)
            return
        if column.type == "choice":
            combo = QComboBox(self.box)
            combo.addItem("", "")
            for option in column.options:
                combo.addItem(option, option)
            combo.activated.connect(
                lambda i, c=combo, k=key: self.commit(k, c.itemData(i) or "", None))
            self.editors[key] = combo
            self.form.addRow(label, combo)
            return
        line = QLineEdit(self.box)
        line.setObjectName(f"column:{key}")
        if column.type == "number":
            line.setValidator(NumberValidator(line))
            line.setPlaceholderText("数字")
        self.editors[key] = line
        if column.readonly:
            line.setReadOnly(True)
            line.setToolTip(READONLY_TIP)
            row = QWidget(self.box)
            layout = QHBoxLayout(row)
            layout.setContentsMargins(0, 0, 0, 0)
            layout.addWidget(line, 1)
            button = QPushButton("调整指标值…", row)
            button.setObjectName(f"adjust:{key}")
            button.clicked.connect(lambda _=False, k=key: self.adjustRequested.emit(k))
            layout.addWidget(button)
            self.form.addRow(label, row)
            return
        self.bindings[key] = TextBinding(line, partial(self.commit, key), self.stack)
        self.form.addRow(label, line)

    def show(self, item: Item) -> None:
        if self.qualitative_score is not None and self.scoring is not None:
            band = item.extra.get(self.scoring.band_column, "").strip()
            qualitative = item.op == OP_QUALITATIVE or (not item.op and bool(band))
            self.qualitative_score.setVisible(qualitative)
            self.qualitative_score.setEnabled(bool(band))
            self.bindings[SCORE_KEY].show(item.extra.get(SCORE_KEY, ""))
        for key, editor in self.editors.items():
            text = item.extra.get(key, "")
            if isinstance(editor, QLabel):
                self._show_score(editor, item)
            elif isinstance(editor, QComboBox):
                index = editor.findData(text)
                if index < 0:
                    editor.addItem(text, text)
                    index = editor.count() - 1
                editor.setCurrentIndex(index)
            elif key in self.bindings:
                self.bindings[key].show(text)
            elif editor.text() != text:
                editor.setText(text)

    def _show_score(self, label: QLabel, item: Item) -> None:
        if self.scoring is None:
            label.setText("")
            return
        score = item_score(item, self.scoring)
        if score.score is None:
            label.setText(f"—（{score.problem}）" if score.problem else "—")
            label.setStyleSheet("color: #c62828;")
            label.setToolTip(score.problem)
        else:
            label.setText(format_amount(score.score))
            label.setStyleSheet("")
            label.setToolTip(score.reason)

    def focus(self, key: str) -> bool:
        editor = self.editors.get(key)
        if editor is None:
            return False
        editor.setFocus()
        return True
