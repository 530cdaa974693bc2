"""F1: the help page — the day's work, what each field takes, every check, the shortcuts.

The text is ``resources/help/help.html``; the shortcut table is made from the window's
own actions when the page opens, so it always says what the keys really do. The page
stays open beside the form while the clerk works (it is not modal).
"""

from __future__ import annotations

import html
from collections.abc import Iterable

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QDialogButtonBox, QTextBrowser, QVBoxLayout, QWidget

from declapp.gui.dialogs.base import Dialog
from declapp.system.paths import resource_path

# Keys every PC keyboard has. Qt's standard bindings add keys of other keyboards (the
# Sun keyboard's F14 for 撤销, the New and Open keys of some multimedia keyboards): a
# clerk looking for them would look in vain.
_PC_KEYS = frozenset((
    *(getattr(Qt.Key, f"Key_F{n}") for n in range(1, 13)),
    Qt.Key.Key_Escape, Qt.Key.Key_Tab, Qt.Key.Key_Backspace, Qt.Key.Key_Return,
    Qt.Key.Key_Enter, Qt.Key.Key_Insert, Qt.Key.Key_Delete, Qt.Key.Key_Home, Qt.Key.Key_End,
    Qt.Key.Key_PageUp, Qt.Key.Key_PageDown, Qt.Key.Key_Left, Qt.Key.Key_Up, Qt.Key.Key_Right,
    Qt.Key.Key_Down, Qt.Key.Key_Space))


def _on_a_pc_keyboard(sequence: QKeySequence) -> bool:
    if sequence.count() != 1:
        return False
    key = sequence[0].key()  # type: ignore[index]  # QKeySequence has __getitem__
    return key in _PC_KEYS or 0x21 <= key.value <= 0x7E  # letters, digits, punctuation


def shown_keys(action: QAction) -> list[str]:
    """The keys of *action* as a clerk finds them on the keyboard: ``Ctrl+N``, ``Ctrl+↑``."""
    keys = [k.toString(QKeySequence.SequenceFormat.NativeText) for k in action.shortcuts()
            if _on_a_pc_keyboard(k)]
    return list(dict.fromkeys(keys))


def shortcut_table(actions: Iterable[QAction]) -> str:
    """An HTML table of every action that has a shortcut: what it does, which keys."""
    rows = []
    for action in actions:
        keys = shown_keys(action)
        if keys and action.text():
            name = html.escape(action.text().replace("&", "").split("(")[0].strip())
            rows.append(f"<tr><td>{name}</td><td>{html.escape(' 或 '.join(keys))}</td></tr>")
    return ('<table border="1" cellspacing="0" cellpadding="4"><tr><th>操作</th><th>快捷键</th>'
            "</tr>" + "".join(rows) + "</table>"
            "<p>在指标树中：Insert 添加具体指标，Delete 删除，F2 编辑，Ctrl+↑/↓ 移动；"
            "在文字框中 Delete 只删除文字。</p>")


def help_html(actions: Iterable[QAction]) -> str:
    page = resource_path("help", "help.html").read_text(encoding="utf-8")
    return page.replace("{shortcuts}", shortcut_table(actions))


class HelpDialog(Dialog):
    def __init__(self, actions: Iterable[QAction], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("使用说明")
        self.browser = QTextBrowser(self)
        self.browser.setObjectName("helpBrowser")
        self.browser.setOpenLinks(True)  # the page's own #anchors
        self.browser.setOpenExternalLinks(False)
        self.browser.setHtml(help_html(actions))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.browser)
        layout.addWidget(buttons)
        self.resize(QSize(780, 720))
