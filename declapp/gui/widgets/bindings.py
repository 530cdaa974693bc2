"""Two-way links between an editor widget and one value of the draft.

Typing: the widget's text is cleaned (``clean_text``) and handed to *commit*, which
pushes an undo command. Undo/redo: the tab calls ``show(value)`` and the widget follows
without producing a command. Each focus visit is one typing session, the unit in which
QUndoStack merges keystrokes.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from decimal import Decimal

from PySide6.QtCore import QEvent, QObject, QRegularExpression
from PySide6.QtGui import QRegularExpressionValidator, QUndoStack
from PySide6.QtWidgets import QLineEdit, QPlainTextEdit, QWidget

from declapp.gui.widgets.undo_keys import route_undo_keys
from declapp.money import MAX_DECIMALS, ZERO, parse_amount, to_json
from declapp.text import clean_text

TextWidget = QLineEdit | QPlainTextEdit
Commit = Callable[[str, object], object]  # the value and the typing burst's token

# A pause this long ends a burst of typing: the next keystroke starts a new undo step,
# so Ctrl+Z never takes back half an hour of writing at once.
BURST_PAUSE_S = 2.0

# Not negative, at most MAX_DECIMALS places; 万元 is shown beside the field.
AMOUNT_PATTERN = rf"\d{{0,12}}(\.\d{{0,{MAX_DECIMALS}}})?"


class _Burst(QObject):
    """The undo-merge token of one field: new on each focus visit and after a pause."""

    def __init__(self, widget: QWidget) -> None:
        super().__init__(widget)
        self.token = object()
        self._last = 0.0
        widget.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.FocusIn:
            self.token = object()
        return False

    def current(self) -> object:
        now = time.monotonic()
        if now - self._last > BURST_PAUSE_S:
            self.token = object()
        self._last = now
        return self.token


class TextBinding(QObject):
    def __init__(self, widget: TextWidget, commit: Commit, stack: QUndoStack) -> None:
        super().__init__(widget)
        self.widget = widget
        self.commit = commit
        self.burst = _Burst(widget)
        self._showing = False
        if isinstance(widget, QLineEdit):
            widget.textEdited.connect(self._edited)
        else:
            widget.textChanged.connect(self._edited)
        route_undo_keys(stack, widget)

    def text(self) -> str:
        w = self.widget
        return w.text() if isinstance(w, QLineEdit) else w.toPlainText()

    def _edited(self, *_args: object) -> None:
        if self._showing:
            return
        raw = self.text()
        value = clean_text(raw)
        if value != raw:
            self._set_widget(value)
        self.commit(value, self.burst.current())

    def show(self, value: str) -> None:
        """Make the widget show *value* (after undo/redo or a new draft)."""
        if self.text() != value:
            self._set_widget(value)

    def _set_widget(self, value: str) -> None:
        # While the clerk is in the field (undo, cleaned paste) the caret and the scroll
        # position stay put; a field filled from elsewhere shows its start, caret at the end.
        self._showing = True
        try:
            w = self.widget
            keep = w.hasFocus()
            if isinstance(w, QLineEdit):
                pos = w.cursorPosition()
                w.setText(value)
                w.setCursorPosition(min(pos, len(value)) if keep else len(value))
            else:
                pos = w.textCursor().position()
                bar = w.verticalScrollBar().value()
                w.setPlainText(value)
                if keep:
                    cursor = w.textCursor()
                    cursor.setPosition(min(pos, len(value)))
                    w.setTextCursor(cursor)
                    w.verticalScrollBar().setValue(bar)
                else:
                    cursor = w.textCursor()
                    cursor.movePosition(cursor.MoveOperation.End)
                    w.setTextCursor(cursor)
                    w.verticalScrollBar().setValue(0)
        finally:
            self._showing = False


class AmountBinding(QObject):
    """A decimal-only field in 万元; the draft holds the Decimal exactly as typed."""

    def __init__(self, widget: QLineEdit, commit: Callable[[Decimal, object], object],
                 stack: QUndoStack) -> None:
        super().__init__(widget)
        self.widget = widget
        self.commit = commit
        self.burst = _Burst(widget)
        widget.setValidator(QRegularExpressionValidator(QRegularExpression(AMOUNT_PATTERN),
                                                        widget))
        widget.setPlaceholderText("0.00")
        widget.textEdited.connect(self._edited)
        route_undo_keys(stack, widget)

    def value(self) -> Decimal | None:
        text = self.widget.text().strip()
        if not text:
            return ZERO
        try:
            return parse_amount(text)
        except ValueError:
            return None

    def _edited(self, _text: str) -> None:
        value = self.value()
        if value is not None and value >= 0:
            self.commit(value, self.burst.current())

    def show(self, value: Decimal) -> None:
        current = self.value()
        if current is not None and str(current) == str(value):
            return
        if current is not None and value == ZERO and current == ZERO and \
                not self.widget.text().strip():
            return
        self.widget.setText("" if value == ZERO and value.as_tuple().exponent == 0
                            else to_json(value))
