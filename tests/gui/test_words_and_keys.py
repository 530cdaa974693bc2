"""Help, menus and words: keys named as printed on the keyboard, an accelerator for every
menu entry, full-width question marks, a status line that ends at a phrase and does not
outlive the action it was about."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QApplication, QMessageBox

from declapp.gui import qt_setup
from declapp.gui.dialogs.help import shortcut_table, shown_keys
from declapp.gui.widgets.status_bar import ELLIPSIS, fitted

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def chinese_qt(qapp):
    """Qt's own Chinese strings, as the program loads them."""
    qt_setup.install(qapp)
    yield
    qt_setup.uninstall(qapp)


def test_keys_are_named_as_printed_on_the_keyboard(window, chinese_qt):
    actions = window.menu_actions
    native = QKeySequence.SequenceFormat.NativeText
    # What the menus show beside 上移 and 撤销.
    assert actions["actionMoveUp"].shortcut().toString(native) == "Ctrl+↑"
    assert actions["actionMoveDown"].shortcut().toString(native) == "Ctrl+↓"
    assert shown_keys(actions["actionNew"]) == ["Ctrl+N"]  # not "Ctrl+N，新建"
    assert shown_keys(actions["actionDeleteNode"]) == ["Delete"]
    undo = shown_keys(window.undo_action)
    assert undo[0] == "Ctrl+Z" and not any("撤销" in k or re.search(r"F1[3-9]", k)
                                            for k in undo)
    table = shortcut_table([*actions.values(), window.undo_action, window.redo_action])
    for words in ("上方向", "下方向", "新建</td><td>Ctrl+N，", "退格", "F14"):
        assert words not in table
    assert "<td>Ctrl+↑</td>" in table and "<td>Ctrl+F</td>" in table


def test_every_entry_of_the_file_menus_has_an_accelerator(window):
    for menu_name in ("menuFile", "menuExport"):
        menu = window.menus[menu_name]
        for action in menu.actions():
            if action.isSeparator():
                continue
            assert re.search(r"\(&[A-Z]\)", action.text()), action.text()
    assert window.menu_actions["actionExportAll"].text() == "全部导出(&A)…"
    letters = [re.search(r"\(&([A-Z])\)", a.text()).group(1)
               for a in window.menus["menuExport"].actions() if not a.isSeparator()]
    assert len(letters) == len(set(letters))  # each reached by its own letter


def test_questions_end_with_a_full_width_question_mark():
    # Chinese text never asks with an ASCII "?" (the window's words, the help, the forms).
    # (A Chinese character or closing mark, then ?: a character class such as "？?" in a
    # rule that reads what clerks type is no question.)
    ascii_question = re.compile(r"[\u4e00-\u9fff”」』）][ \t]*\?(?![:P<=!])")
    found = []
    for folder, suffixes in (("declapp", (".py",)), ("ui", (".ui",)),
                             ("resources/help", (".html",))):
        for path in (ROOT / folder).rglob("*"):
            if path.suffix in suffixes:
                for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
                    if ascii_question.search(line) and "re.compile" not in line:
                        found.append(f"{path.relative_to(ROOT)}:{n}: {line.strip()}")
    assert found == []


def test_a_long_status_line_ends_at_a_phrase(window):
    metrics = window.statusBar().fontMetrics()
    text = "已导出到 /home/clerk/申报表/2022/展览路街道-2022-绩效目标申报表.pdf，共 3 页，可以打印。"
    assert fitted(text, metrics, 10_000) == text
    width = metrics.horizontalAdvance(text) * 2 // 3
    shown = fitted(text, metrics, width)
    assert shown.endswith(ELLIPSIS) and metrics.horizontalAdvance(shown) <= width
    cut = shown[:-1]
    assert text.startswith(cut) and cut[-1] in "，。/ "  # at a boundary, not mid-word
    # Shown so in the window; the whole line is still the message, and its tooltip.
    bar = window.statusBar()
    long_text = "；".join([text] * 4)  # wider than any window
    window.note(long_text, 10_000)
    assert bar.currentMessage() == long_text
    assert bar.shown_message().endswith(ELLIPSIS) and bar.toolTip() == long_text
    assert bar.fontMetrics().horizontalAdvance(bar.shown_message()) <= bar.message_rect().width()
    image = bar.grab().toImage()  # painted: dark text on the left of the bar
    assert any(image.pixelColor(x, bar.height() // 2).lightness() < 100
               for x in range(6, 120))


def test_a_failure_clears_the_line_about_the_last_success(qtbot, window, tmp_path,
                                                          monkeypatch):
    window.note("已保存到 /home/clerk/草稿.json", 60_000)
    bad = tmp_path / "坏.json"
    bad.write_text("{", encoding="utf-8")
    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "critical", lambda p, t, text, *a: shown.append(
        window.statusBar().currentMessage()))
    assert not window.file_actions.open_path(bad)
    assert shown == [""]  # the error box stands alone
    window.note("已导出：表.pdf", 60_000)
    monkeypatch.setattr(QMessageBox, "warning", lambda p, t, text, *a: shown.append(
        window.statusBar().currentMessage()))
    window.exporter._on_failed("无法写入“表.pdf”：磁盘空间不足。")
    assert shown == ["", ""]
    QApplication.processEvents()
