"""F1: the help page — the day's work, what each field takes, every check, the shortcuts.

The text is ``resources/help/help.html``; the shortcut table is made from the window's
own actions when the page opens, so it always says what the keys really do. The page
stays open beside the form while the clerk works (it is not modal).
"""

from __future__ import annotations

import html
from collections.abc import Iterable

from PySide6.QtCore import QSize
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QDialogButtonBox, QTextBrowser, QVBoxLayout, QWidget

from declapp.gui.dialogs.base import Dialog
from declapp.system.paths import resource_path


def shortcut_table(actions: Iterable[QAction]) -> str:
    """An HTML table of every action that has a shortcut: what it does, which keys."""
    rows = []
    for action in actions:
        keys = [k.toString(QKeySequence.SequenceFormat.NativeText) for k in action.shortcuts()]
        if keys and action.text():
            name = html.escape(action.text().replace("&", "").split("(")[0].strip())
            rows.append(f"<tr><td>{name}</td><td>{html.escape('，'.join(keys))}</td></tr>")
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
