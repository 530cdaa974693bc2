"""Typing into real widgets the way a clerk does: Chinese arrives from the input method."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QInputMethodEvent
from PySide6.QtWidgets import QApplication, QWidget


def commit_ime(widget: QWidget, text: str) -> None:
    """What a pinyin input method sends when the clerk picks the characters."""
    event = QInputMethodEvent("", [])
    event.setCommitString(text)
    QApplication.sendEvent(widget, event)


def type_text(qtbot, widget: QWidget, text: str) -> None:
    """Type *text*: ASCII as key clicks, Chinese through the input method, ``\\n`` as Return.

    (QTest cannot click non-ASCII keys, and a real keyboard cannot either.)
    """
    widget.setFocus()
    QApplication.processEvents()
    chunk = ""

    def flush() -> None:
        nonlocal chunk
        if chunk:
            if chunk.isascii():
                qtbot.keyClicks(widget, chunk)
            else:
                commit_ime(widget, chunk)
            chunk = ""

    for ch in text:
        if ch == "\n":
            flush()
            qtbot.keyClick(widget, Qt.Key.Key_Return)
        elif chunk and ch.isascii() != chunk.isascii():
            flush()
            chunk = ch
        else:
            chunk += ch
    flush()
