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


class FundsView:
    """The first amounts block of the window's form (西城区: 资金情况), by row name:
    its fields, the reasons shown beside them, the sum line and its button."""

    def __init__(self, window) -> None:
        self.tab = window.form_tab("funds.total")
        self.block = self.tab.blocks[0]
        editors = self.block.editors
        self.edits = {k.split(".")[-1]: e.focus for k, e in editors.items()}
        self.problems = {k.split(".")[-1]: e.problem for k, e in editors.items()}
        self.bindings = {k.split(".")[-1]: e.amount_binding for k, e in editors.items()}
        _section, _column, self.sum_label, self.set_total_button = self.block.sums[0]

    def is_balanced(self) -> bool:
        return self.block.is_balanced()
