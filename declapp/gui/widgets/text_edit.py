"""The long texts of the form (goals, functions, item content): a clean editor, a count."""

from __future__ import annotations

from PySide6.QtCore import QMimeData
from PySide6.QtGui import QTextCursor
from PySide6.QtWidgets import QComboBox, QLineEdit, QPlainTextEdit, QWidget

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


def select_words(widget: QWidget | None, words: str) -> bool:
    """Select the first *words* in a text field (a finding's stale year, an amount)."""
    if not words:
        return False
    if isinstance(widget, QComboBox):
        widget = widget.lineEdit()
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


def _utf16(text: str, index: int) -> int:
    """Qt counts a character outside the BMP (rare CJK, 𠀀) as two."""
    return len(text[:index].encode("utf-16-le")) // 2


def select_span(widget: QWidget | None, start: int, end: int) -> bool:
    """Select characters *start*..*end* (Python indexes into the field's text) in a text
    field, or in the text field of an editable combo box; scrolled into view."""
    if isinstance(widget, QComboBox):
        widget = widget.lineEdit()
    if isinstance(widget, QLineEdit):
        text = widget.text()
        if end > len(text):
            return False
        first = _utf16(text, start)
        widget.setSelection(first, _utf16(text, end) - first)
        return True
    if isinstance(widget, QPlainTextEdit):
        text = widget.toPlainText()
        if end > len(text):
            return False
        cursor = widget.textCursor()
        cursor.setPosition(_utf16(text, start))
        cursor.setPosition(_utf16(text, end), QTextCursor.MoveMode.KeepAnchor)
        widget.setTextCursor(cursor)
        widget.ensureCursorVisible()
        return True
    return False


def changed_span(before: str, after: str) -> tuple[int, int]:
    """Where *after* differs from *before*: (start, end) in *after*; empty where text
    was only taken away."""
    limit = min(len(before), len(after))
    start = 0
    while start < limit and before[start] == after[start]:
        start += 1
    tail = 0
    while tail < limit - start and before[-1 - tail] == after[-1 - tail]:
        tail += 1
    return start, len(after) - tail


def selected_text(widget: QWidget | None) -> str:
    """The text selected in a text field (or an editable combo box's), else ''."""
    if isinstance(widget, QComboBox):
        widget = widget.lineEdit()
    if isinstance(widget, QLineEdit):
        return widget.selectedText()
    if isinstance(widget, QPlainTextEdit):
        return widget.textCursor().selectedText().replace("\u2029", "\n")
    return ""
