"""Small widget helpers shared by the tabs: clean paste, Ctrl+Z to the draft's stack."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QMimeData, QObject
from PySide6.QtGui import QKeyEvent, QKeySequence
from PySide6.QtWidgets import QPlainTextEdit, QWidget

from declapp.text import clean_text


class CleanPlainTextEdit(QPlainTextEdit):
    """A plain-text editor whose paste drops what Word and WPS smuggle in (\\x0b, \\x0c…).

    Its own undo is off: every change is a command on the draft's undo stack.
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setUndoRedoEnabled(False)
        self.setTabChangesFocus(True)

    def insertFromMimeData(self, source: QMimeData) -> None:
        if source.hasText():
            self.insertPlainText(clean_text(source.text()))


class StackShortcutFilter(QObject):
    """Lets Ctrl+Z / Ctrl+Y reach the window's undo actions instead of a field's own undo.

    QLineEdit claims these keys (ShortcutOverride) for its private history, which knows
    nothing of the draft; refusing the override sends them to the shared QUndoStack.
    """

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ShortcutOverride and isinstance(event, QKeyEvent):
            combo = event.keyCombination()
            if any(QKeySequence(combo).matches(seq) == QKeySequence.SequenceMatch.ExactMatch
                   for key in (QKeySequence.StandardKey.Undo, QKeySequence.StandardKey.Redo)
                   for seq in QKeySequence.keyBindings(key)):
                event.ignore()
                return True
        return False


_FILTER: StackShortcutFilter | None = None


def route_undo_keys(*widgets: QWidget) -> None:
    """Install the shared StackShortcutFilter on *widgets*."""
    global _FILTER
    if _FILTER is None:
        _FILTER = StackShortcutFilter()
    for widget in widgets:
        widget.installEventFilter(_FILTER)
