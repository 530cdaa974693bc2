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

from PySide6.QtCore import QEvent, QObject, QTimer, Signal
from PySide6.QtGui import QInputMethodEvent, QUndoStack
from PySide6.QtWidgets import QLineEdit, QPlainTextEdit, QWidget

from declapp.form.money import ZERO, format_amount, normalize_amount_entry, to_json
from declapp.form.text import clean_text
from declapp.gui.widgets.undo_keys import route_undo_keys

TextWidget = QLineEdit | QPlainTextEdit
Commit = Callable[[str, object], object]  # the value and the typing burst's token

# A pause this long ends a burst of typing: the next keystroke starts a new undo step,
# so Ctrl+Z never takes back half an hour of writing at once.
BURST_PAUSE_S = 2.0



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
    """A field for an amount in 万元; the draft holds the Decimal exactly as typed.

    What clerks type or paste (``1,000.50``, ``１２３.４５``, ``12.5万元``) is cleaned by
    ``money.normalize_amount_entry``, and ``noteRequested`` says what was changed. A text
    that is no amount is refused: the field keeps what it had and ``problemChanged``
    gives the reason, to be shown at the field. Once the clerk leaves the field it shows
    the amount as the form prints it (``100.00``); an untouched zero stays empty, with
    0.00 as its placeholder.

    Typing gives what pasting the same text gives. While an input method composes (the
    pinyin under the caret), the field's text is not the clerk's yet: Qt has already
    removed a selection the composition will replace, and that empty field is not an
    amount of 0. The committed characters are judged against the field as it was. A
    ``万`` at the end stays in the field while the clerk may be typing ``万元``; its note
    is given when the unit is complete or the clerk leaves the field.
    """

    noteRequested = Signal(str)
    problemChanged = Signal(str)

    def __init__(self, widget: QLineEdit, commit: Callable[[Decimal, object], object],
                 stack: QUndoStack) -> None:
        super().__init__(widget)
        self.widget = widget
        self.commit = commit
        self.burst = _Burst(widget)
        self.value = ZERO
        self.problem = ""
        self._good_text = ""
        # Known from the field's own focus events: hasFocus() is false whenever another
        # window is active, and the field would then be reformatted under the clerk.
        self._in_field = False
        self._committing = False
        self._composing = False
        self._held_note = ""  # said once the 万 the field ends with is 万元, or left
        widget.setPlaceholderText("0.00")
        widget.textEdited.connect(self._edited)
        widget.installEventFilter(self)
        route_undo_keys(stack, widget)

    def _edited(self, text: str) -> None:
        if self._composing:
            return  # the input method's work in progress: judged once committed
        entry = normalize_amount_entry(text)
        if not entry.accepted or entry.amount is None:
            # Refused: the field keeps what it had, the caret where the clerk was.
            position = max(0, self.widget.cursorPosition() - (len(text) - len(self._good_text)))
            self.widget.setText(self._good_text)
            self.widget.setCursorPosition(min(position, len(self._good_text)))
            self._set_problem(entry.error)
            return
        shown, note = entry.text, entry.note
        if _pending_unit(text) and entry.text:
            shown, note = entry.text + PENDING_UNIT, ""  # 元 may follow
            self._held_note = entry.note
        else:
            self._held_note = ""
        if shown != text:
            position = self.widget.cursorPosition() - (len(text) - len(shown))
            self.widget.setText(shown)
            self.widget.setCursorPosition(max(0, min(position, len(shown))))
        self._good_text = shown
        if str(entry.amount) != str(self.value) or not shown:
            # A refused key's reason stays while what follows leaves the amount as it was
            # (四 refused, then 万: the 万 alone is no news).
            self._set_problem("")
        if note:
            self.noteRequested.emit(note)
        self._committing = True  # the draft's answer (show) must not touch the text
        try:
            self.commit(entry.amount, self.burst.current())
        finally:
            self._committing = False

    def _composition(self, event: QInputMethodEvent) -> None:
        """Follow an input method's composition (called before the field sees *event*)."""
        if event.preeditString():
            self._composing = True
            return
        if self._composing:
            self._composing = False
            # Committed text arrives as textEdited while the field handles the event; a
            # composition given up leaves the field without the selection it replaced.
            QTimer.singleShot(0, self._after_composition)

    def _after_composition(self) -> None:
        if not self._composing and self.widget.text() != self._good_text:
            self._put(self._good_text)

    def _set_problem(self, problem: str) -> None:
        if problem != self.problem:
            self.problem = problem
            self.problemChanged.emit(problem)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is not self.widget:
            return False
        if event.type() == QEvent.Type.InputMethod and isinstance(event, QInputMethodEvent):
            self._composition(event)
        elif event.type() == QEvent.Type.FocusIn:
            self._in_field = True
        elif event.type() == QEvent.Type.FocusOut:
            self._in_field = False
            self._composing = False
            self._set_problem("")
            if self._held_note:
                self.noteRequested.emit(self._held_note)
                self._held_note = ""
            self._put(self._printed(self.value))
        return False

    def show(self, value: Decimal) -> None:
        """Make the field show *value* (typed, undone, loaded)."""
        self.value = value
        if self._committing:
            return  # the clerk's own typing: the field already says it
        self._set_problem("")  # the draft's value now (undone, a new draft): nothing refused
        self._held_note = ""
        if not self._in_field:
            self._put(self._printed(value))
            return
        # The clerk is in the field: their text stays while it means this amount.
        typed = normalize_amount_entry(self.widget.text())
        if typed.amount is not None and str(typed.amount) == str(value):
            return
        self._put("" if _untouched(value) else to_json(value))

    @staticmethod
    def _printed(value: Decimal) -> str:
        return "" if _untouched(value) else format_amount(value)

    def _put(self, text: str) -> None:
        self._good_text = text
        if self.widget.text() != text:
            self.widget.setText(text)


PENDING_UNIT = "万"


def _pending_unit(text: str) -> bool:
    """True when *text* ends with 万 that may yet become 万元 (the clerk is typing it)."""
    return text.rstrip().endswith(PENDING_UNIT)


def _untouched(value: Decimal) -> bool:
    """The zero a new draft starts with (``0``, not a typed ``0.00``)."""
    return value == ZERO and value.as_tuple().exponent == 0
