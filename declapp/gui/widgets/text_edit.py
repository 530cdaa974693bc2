"""The long texts of the form (goals, functions, item content): a clean editor, a count."""

from __future__ import annotations

from PySide6.QtCore import QMimeData
from PySide6.QtWidgets import QLineEdit, QPlainTextEdit, QWidget

from declapp.form.text import clean_text


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


def char_count(text: str) -> str:
    """What the counter says: characters as the clerk sees them, line breaks not counted."""
    return f"共 {len(text.replace(chr(10), ''))} 字"


def select_words(widget: QWidget, words: str) -> bool:
    """Select the first *words* in a text field (a finding's stale year, an amount)."""
    if not words:
        return False
    if isinstance(widget, QLineEdit):
        start = widget.text().find(words)
        if start < 0:
            return False
        widget.setSelection(start, len(words))
        return True
    if isinstance(widget, QPlainTextEdit):
        cursor = widget.document().find(words)
        if cursor.isNull():
            return False
        widget.setTextCursor(cursor)
        widget.ensureCursorVisible()
        return True
    return False
