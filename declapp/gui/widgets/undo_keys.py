"""Ctrl+Z and Ctrl+Y in a field go to the draft's undo stack, not the field's own history."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QKeyEvent, QKeySequence, QUndoStack
from PySide6.QtWidgets import QWidget


class UndoKeyFilter(QObject):
    """Sends Ctrl+Z / Ctrl+Y in a field to the draft's QUndoStack, not the field's own undo.

    QLineEdit keeps a private history that knows nothing of the draft; it claims these keys
    (ShortcutOverride) and would undo behind the stack's back. The filter claims them first
    and answers the key press itself, so it works whether or not the window is active.
    """

    def __init__(self, stack: QUndoStack) -> None:
        super().__init__(stack)
        self.stack = stack

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        kind = event.type()
        if kind not in (QEvent.Type.ShortcutOverride, QEvent.Type.KeyPress) \
                or not isinstance(event, QKeyEvent):
            return False
        undo = event.matches(QKeySequence.StandardKey.Undo)
        redo = event.matches(QKeySequence.StandardKey.Redo) or (
            event.key() == Qt.Key.Key_Y
            and event.modifiers() == Qt.KeyboardModifier.ControlModifier)
        if not (undo or redo):
            return False
        event.accept()
        if kind == QEvent.Type.KeyPress:
            if undo:
                self.stack.undo()
            else:
                self.stack.redo()
        return True


def route_undo_keys(stack: QUndoStack, *widgets: QWidget) -> None:
    """Let Ctrl+Z / Ctrl+Y in *widgets* undo and redo on *stack*."""
    key_filter = stack.findChild(UndoKeyFilter)
    if key_filter is None:
        key_filter = UndoKeyFilter(stack)
    for widget in widgets:
        widget.installEventFilter(key_filter)
