"""The window's 撤销 and 重做 (the draft's undo stack, in the 编辑 menu and on the toolbar)
and the keys of its standard actions."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QToolButton

from declapp.gui.widgets.icons import icon

if TYPE_CHECKING:
    from declapp.gui.main_window import MainWindow


def add_edit_actions(window: MainWindow) -> tuple[QAction, QAction]:
    """撤销 and 重做 of *window*'s draft, placed before 查找 and on the toolbar; the standard
    keys of 新建, 打开, 保存, 另存为 and 帮助."""
    stack = window.doc.stack
    undo = stack.createUndoAction(window, "撤销")
    undo.setShortcuts(QKeySequence.keyBindings(QKeySequence.StandardKey.Undo))
    undo.setIcon(icon("undo"))
    redo = stack.createRedoAction(window, "重做")
    redo.setShortcuts([QKeySequence("Ctrl+Y"), QKeySequence("Ctrl+Shift+Z")])
    redo.setIcon(icon("redo"))
    edit_menu = window.menus["menuEdit"]
    find = window.menu_actions["actionFind"]
    edit_menu.insertActions(find, [undo, redo])
    edit_menu.insertSeparator(find)
    # The tree's actions have their own buttons on the 绩效指标 tab.
    before = window.menu_actions["actionHelp"]
    window.toolbar.insertAction(before, undo)
    window.toolbar.insertAction(before, redo)
    window.toolbar.insertSeparator(before)
    for action in (undo, redo):
        # Their text names the step ("撤销 编辑“绩效目标”"): too long beside an icon.
        button = window.toolbar.widgetForAction(action)
        if isinstance(button, QToolButton):
            button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonIconOnly)
    standard = {"actionNew": QKeySequence.StandardKey.New,
                "actionOpen": QKeySequence.StandardKey.Open,
                "actionSave": QKeySequence.StandardKey.Save}
    for name, key in standard.items():
        action = window.menu_actions[name]
        action.setShortcuts(QKeySequence.keyBindings(key) or [action.shortcut()])
    window.menu_actions["actionSaveAs"].setShortcut(QKeySequence("Ctrl+Shift+S"))
    window.menu_actions["actionHelp"].setShortcut(QKeySequence("F1"))
    return undo, redo
