"""查找 / 替换 in the window: Ctrl+F and Ctrl+H over every tab, next and previous with the
words selected in their field, 全部替换 as one undo step."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLineEdit, QPlainTextEdit

from declapp.form.model import Item
from declapp.form.templates import load_template
from declapp.storage.fileformat import dumps

from .clerk_input import type_text


def _draft_2019_words():
    draft = load_template("xicheng-2021").new_draft(2020)
    draft.texts["department.name"] = "展览路街道"
    draft.texts["goals"] = "2019年重点做好环境整治。"
    draft.indicators[0].name = "2019年城市管理"
    draft.indicators[0].categories[0].items = [Item("完成2019年度整治", "≥95%"),
                                               Item("培训", "100人次")]
    draft.texts["notes"] = "无。"
    return draft


def _activate(qtbot, window) -> None:
    """Shortcuts reach only the active window."""
    window.raise_()
    window.activateWindow()
    window.windowHandle().requestActivate()
    qtbot.waitUntil(window.isActiveWindow, timeout=2000)


def _selected(widget) -> str:
    if isinstance(widget, QPlainTextEdit):
        return widget.textCursor().selectedText()
    assert isinstance(widget, QLineEdit), widget
    return widget.selectedText()


def test_ctrl_f_finds_on_every_tab_and_selects_the_words(qtbot, make_window):
    window = make_window(_draft_2019_words())
    _activate(qtbot, window)
    window.tab_widget.setCurrentIndex(0)
    name = window.editor("department.name")
    name.setFocus()
    qtbot.keyClick(name, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    dialog = window.find_dialog
    assert dialog is not None and dialog.isVisible()
    assert not dialog.replace_edit.isVisible()  # Ctrl+F: find only
    qtbot.keyClicks(dialog.find_edit, "2019")
    qtbot.mouseClick(dialog.next_button, Qt.MouseButton.LeftButton)
    assert window.tab_widget.currentWidget() is window.form_tab("goals")
    assert _selected(window.editor("goals")) == "2019"
    assert "第 1 处，共 3 处" in dialog.status.text()

    qtbot.keyClick(dialog.find_edit, Qt.Key.Key_Return)  # Enter: the next one
    assert window.tab_widget.currentWidget() is window.indicators_tab
    assert window.indicators_tab.selected_path() == (0,)
    assert _selected(window.indicators_tab.detail.group_name) == "2019"

    qtbot.mouseClick(dialog.next_button, Qt.MouseButton.LeftButton)
    assert window.indicators_tab.selected_path() == (0, 0, 0)
    content = window.indicators_tab.detail.content
    assert _selected(content) == "2019"
    assert content.textCursor().selectionStart() == 2

    qtbot.mouseClick(dialog.next_button, Qt.MouseButton.LeftButton)
    assert "从表头继续" in dialog.status.text()  # round the form, to the first again
    assert window.tab_widget.currentWidget() is window.form_tab("goals")

    qtbot.mouseClick(dialog.previous_button, Qt.MouseButton.LeftButton)
    assert window.indicators_tab.selected_path() == (0, 0, 0)

    dialog.find_edit.clear()
    type_text(qtbot, dialog.find_edit, "不存在的字")
    qtbot.mouseClick(dialog.next_button, Qt.MouseButton.LeftButton)
    assert dialog.status.text() == "找不到“不存在的字”。"


def test_replace_all_2019_to_2020_is_one_undo_step(qtbot, make_window):
    window = make_window(_draft_2019_words())
    before = dumps(window.doc.draft)
    _activate(qtbot, window)
    qtbot.keyClick(window.tab_widget, Qt.Key.Key_H, Qt.KeyboardModifier.ControlModifier)
    dialog = window.find_dialog
    assert dialog.replace_edit.isVisible() and dialog.windowTitle() == "查找和替换"
    type_text(qtbot, dialog.find_edit, "2019年")
    type_text(qtbot, dialog.replace_edit, "2020年")
    steps = window.doc.stack.count()
    qtbot.mouseClick(dialog.replace_all_button, Qt.MouseButton.LeftButton)
    assert "已把 3 处“2019年”替换为“2020年”（3 个栏目）" in dialog.status.text()
    draft = window.doc.draft
    assert draft.texts["goals"] == "2020年重点做好环境整治。"
    assert draft.indicators[0].name == "2020年城市管理"
    assert draft.indicators[0].categories[0].items[0].content == "完成2020年度整治"
    # Every view follows: the goals field, the tree's label, the problems list.
    assert window.editor("goals").toPlainText() == "2020年重点做好环境整治。"
    assert "2020年城市管理" in window.indicators_tab.model.index(0, 0).data()
    assert window.doc.stack.count() == steps + 1
    assert "全部替换" in window.undo_action.text()

    window.undo_action.trigger()  # one step takes all three back
    assert dumps(window.doc.draft) == before
    assert window.editor("goals").toPlainText() == "2019年重点做好环境整治。"
    window.redo_action.trigger()
    assert window.doc.draft.texts["goals"] == "2020年重点做好环境整治。"


def test_replace_one_then_the_next(qtbot, make_window):
    window = make_window(_draft_2019_words())
    dialog = window.show_find(replacing=True)
    type_text(qtbot, dialog.find_edit, "2019年")
    type_text(qtbot, dialog.replace_edit, "2020年")
    qtbot.mouseClick(dialog.replace_button, Qt.MouseButton.LeftButton)  # finds the first
    assert window.doc.draft.texts["goals"].startswith("2019年")
    qtbot.mouseClick(dialog.replace_button, Qt.MouseButton.LeftButton)  # replaces it
    assert window.doc.draft.texts["goals"].startswith("2020年")
    assert window.indicators_tab.selected_path() == (0,)  # and shows the next
    assert _selected(window.indicators_tab.detail.group_name) == "2019年"
    window.undo_action.trigger()
    assert window.doc.draft.texts["goals"].startswith("2019年")
