"""文件 > 导入…: a filled form in, its summary first, then a new unsaved draft."""

from __future__ import annotations

import dataclasses
import time

import pytest
from PySide6.QtCore import QEvent, QMimeData, QPoint, QPointF, QSettings, Qt, QUrl
from PySide6.QtGui import QDragEnterEvent, QDropEvent, QGuiApplication
from PySide6.QtWidgets import QApplication, QFileDialog, QMessageBox

from declapp.export import export_draft
from declapp.form.model import Item
from declapp.gui import app as gui_app
from declapp.gui import qt_setup
from declapp.gui.dialogs.import_summary import LIST_MAX_HEIGHT, ImportSummaryDialog
from declapp.gui.main_window import MainWindow
from declapp.importing import import_file
from declapp.storage.fileformat import load

from .clerk_input import type_text
from .conftest import answer_save_dialog, answer_save_prompt

# The import tests' own helpers: Word files filled in the way clerks fill them.
from importing.compare import differences  # isort: skip
from importing.handmade import VARIANTS, text_read, write_handmade  # isort: skip

SAVE = QMessageBox.StandardButton.Save
DISCARD = QMessageBox.StandardButton.Discard
CANCEL = QMessageBox.StandardButton.Cancel
MESSY = VARIANTS["paragraphs-messy"]


def _deleted_later() -> None:
    QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete.value)


@pytest.fixture
def form_file(tmp_path, example_draft):
    """Last year's form as a clerk filled it in Word: stray empty paragraphs, trailing
    spaces, （1） numbering, 产出指标一：名称."""
    return write_handmade(example_draft, tmp_path / "展览路街道2021年申报表.docx", MESSY)


def choose_file(monkeypatch, path):
    """The file dialog answers *path*; returns the folders it was opened in."""
    started_in: list[str] = []

    def fake(parent, caption, folder, filter_):
        started_in.append(folder)
        assert "*.docx" in filter_ and "*.xlsx" in filter_ and "*.pdf" in filter_
        return (str(path) if path else "", "")

    monkeypatch.setattr(QFileDialog, "getOpenFileName", fake)
    return started_in


def import_through_menu(qtbot, window, monkeypatch, path) -> ImportSummaryDialog:
    choose_file(monkeypatch, path)
    window.menu_actions["actionImport"].trigger()
    qtbot.waitUntil(lambda: window.importer.summary is not None, timeout=10000)
    dialog = window.importer.summary
    qtbot.waitExposed(dialog)
    return dialog


def test_the_menu_has_import_after_open(window):
    actions = [a.objectName() for a in window.menus["menuFile"].actions()]
    menus = {a.menu().objectName(): a.objectName() for a in window.menus["menuFile"].actions()
             if a.menu() is not None}
    names = [menus.get(n, n) if n else "" for n in actions]
    action = window.menu_actions["actionImport"]
    assert action.text() == "导入(&I)…" and not action.icon().isNull()
    assert action.shortcut().isEmpty()
    assert names.index("actionOpen") < names.index("actionImport") < names.index("actionSave")


def test_the_summary_shows_what_was_read_before_anything_changes(qtbot, window, monkeypatch,
                                                                  form_file, tmp_path):
    window.settings.last_dir = str(tmp_path)
    started_in = choose_file(monkeypatch, form_file)
    window.menu_actions["actionImport"].trigger()
    # Read off the GUI thread: the action waits, the busy bar says what is being read.
    assert not window.menu_actions["actionImport"].isEnabled()
    assert window.ops.bar.isVisible()
    assert window.ops.label.text() == "正在读取“展览路街道2021年申报表.docx”…"
    qtbot.waitUntil(lambda: window.importer.summary is not None, timeout=10000)
    dialog = window.importer.summary
    assert started_in == [str(tmp_path)]
    assert window.menu_actions["actionImport"].isEnabled() and not window.ops.bar.isVisible()
    assert not window.ops.label.isVisible()

    assert dialog.isVisible() and dialog.isModal()
    assert dialog.windowTitle() == "导入申报表 — 展览路街道2021年申报表.docx"
    assert dialog.values["template"].text() == "西城区 2021 年版"
    assert dialog.values["year"].text() == "2021 年度"
    assert dialog.values["counts"].text().startswith(
        "6 个一级指标，25 个二级指标，51 条具体指标；全表共 ")
    assert dialog.values["origin"].text() == "按 Word 文档中表格的文字读出。"
    assert dialog.warnings_label.text() == "没有发现需要核对的问题。"
    assert dialog.warning_list.isHidden()
    assert [b.text() for b in (dialog.import_button, dialog.cancel_button)] == ["导入", "取消"]
    # Nothing is opened yet.
    assert window.doc.draft.texts["department.name"] == ""
    assert window.windowTitle() == "未命名.json[*] — 绩效目标申报表"
    assert not window.isWindowModified()
    dialog.reject()


def test_import_opens_a_new_modified_unsaved_draft_with_the_problems_shown(
        qtbot, window, monkeypatch, form_file, example_draft, tmp_path):
    window.problems.hide()
    before = form_file.read_bytes()
    dialog = import_through_menu(qtbot, window, monkeypatch, form_file)
    dialog.import_button.click()

    assert window.importer.summary is None and not dialog.isVisible()
    assert differences(window.doc.draft, text_read(example_draft, MESSY)) == []
    assert window.doc.path is None
    assert window.isWindowModified()
    assert window.windowTitle() == "未命名.json[*] — 绩效目标申报表"
    assert window.problems.isVisible()
    assert "已导入“展览路街道2021年申报表.docx”：2021 年度，51 条具体指标" in \
        window.statusBar().currentMessage()
    # What the clerk sees in the tabs.
    assert window.editor("department.name").text() == example_draft.texts["department.name"]
    assert window.editor("goals").toPlainText() == example_draft.texts["goals"]
    assert window.indicators_tab.model.rowCount() == 6
    assert form_file.read_bytes() == before  # the Word file is only read

    # 保存 asks where; the suggested folder is the one the form came from.
    asked: list[str] = []

    def save_dialog(parent, caption, proposal, filter_):
        asked.append(proposal)
        return (str(tmp_path / "2021.json"), "")

    monkeypatch.setattr(QFileDialog, "getSaveFileName", save_dialog)
    window.menu_actions["actionSave"].trigger()
    assert asked and asked[0].startswith(str(form_file.parent))
    assert load(tmp_path / "2021.json").texts["department.name"] == example_draft.texts["department.name"]
    assert not window.isWindowModified()


def test_closing_after_an_import_asks_to_save(qtbot, window, monkeypatch, form_file):
    import_through_menu(qtbot, window, monkeypatch, form_file).import_button.click()
    asked = answer_save_prompt(monkeypatch, CANCEL)
    assert not window.close()
    assert asked == ["“未命名.json”有尚未保存的修改。"]


def test_undo_after_an_import_does_not_make_it_look_saved(qtbot, window, monkeypatch,
                                                          form_file):
    import_through_menu(qtbot, window, monkeypatch, form_file).import_button.click()
    window.tab_widget.setCurrentWidget(window.form_tab("goals"))
    type_text(qtbot, window.editor("goals"), "补充")
    window.undo_action.trigger()
    assert window.isWindowModified()  # still never saved


def test_cancel_leaves_the_window_as_it_was(qtbot, window, monkeypatch, form_file,
                                             example_file):
    assert window.file_actions.open_path(example_file)
    before = window.doc.draft.copy()
    dialog = import_through_menu(qtbot, window, monkeypatch, form_file)
    dialog.cancel_button.click()
    assert window.importer.summary is None
    assert window.doc.path == example_file.resolve()
    assert differences(window.doc.draft, before) == []
    assert not window.isWindowModified()
    assert window.windowTitle() == "zhanlanlu-2021.json[*] — 绩效目标申报表"


def test_escape_is_cancel(qtbot, window, monkeypatch, form_file):
    dialog = import_through_menu(qtbot, window, monkeypatch, form_file)
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    assert not dialog.isVisible()
    assert window.doc.draft.texts["department.name"] == "" and not window.isWindowModified()


def test_an_old_doc_file_says_it_may_take_a_while(qtbot, window, monkeypatch, tmp_path):
    """LibreOffice converts .doc/.wps/.xls/.et first: up to two minutes, said in words."""
    old = tmp_path / "2020年申报表.doc"
    old.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600)
    monkeypatch.setattr(QMessageBox, "warning", lambda *a: None)
    assert window.open_or_import(old)
    assert "要先用 LibreOffice 转换，可能需要一两分钟" in window.ops.label.text()
    qtbot.waitUntil(lambda: not window.ops.busy(), timeout=150_000)


def test_choosing_no_file_does_nothing(qtbot, window, monkeypatch):
    choose_file(monkeypatch, None)
    assert not window.importer.import_dialog()
    assert not window.ops.busy() and window.importer.summary is None


@pytest.mark.parametrize(("content", "said"), [
    (b"this is no Word file at all", "无法识别"),
    (b"PK\x03\x04 a Word file cut short", "已损坏"),
    (b"", "是空的"),
])
def test_a_bad_file_is_one_message_and_changes_nothing(qtbot, window, monkeypatch, tmp_path,
                                                        example_file, content, said):
    assert window.file_actions.open_path(example_file)
    bad = tmp_path / "坏文件.docx"
    bad.write_bytes(content)
    shown: list[tuple[str, str]] = []
    monkeypatch.setattr(QMessageBox, "warning",
                        lambda parent, title, text, *a: shown.append((title, text)))
    choose_file(monkeypatch, bad)
    window.menu_actions["actionImport"].trigger()
    qtbot.waitUntil(lambda: not window.ops.busy(), timeout=10000)
    assert len(shown) == 1
    title, text = shown[0]
    assert title == "无法导入" and "坏文件.docx" in text and said in text
    assert "Error" not in text and "Traceback" not in text
    assert window.importer.summary is None and not window.ops.label.isVisible()
    assert "正在读取" not in window.statusBar().currentMessage()
    assert window.doc.path == example_file.resolve() and not window.isWindowModified()
    assert bad.read_bytes() == content
    assert window.menu_actions["actionImport"].isEnabled()


@pytest.mark.parametrize("button", [SAVE, DISCARD, CANCEL])
def test_unsaved_changes_are_asked_about_before_the_draft_is_replaced(
        qtbot, window, monkeypatch, form_file, tmp_path, example_draft, button):
    window.tab_widget.setCurrentWidget(window.form_tab("department.name"))
    type_text(qtbot, window.editor("department.name"), "我的未保存修改")
    dialog = import_through_menu(qtbot, window, monkeypatch, form_file)
    asked = answer_save_prompt(monkeypatch, button)
    target = tmp_path / "mine.json"
    answer_save_dialog(monkeypatch, target)
    assert asked == []  # reading and showing the summary asks nothing
    dialog.import_button.click()
    assert asked == ["“未命名.json”有尚未保存的修改。"]
    if button == CANCEL:
        # Back in the summary; the window keeps the clerk's text.
        assert dialog.isVisible() and window.importer.summary is dialog
        assert window.doc.draft.texts["department.name"] == "我的未保存修改"
        dialog.cancel_button.click()
        return
    assert not dialog.isVisible()
    assert window.doc.draft.texts["department.name"] == example_draft.texts["department.name"]
    assert window.doc.path is None and window.isWindowModified()
    if button == SAVE:
        assert load(target).texts["department.name"] == "我的未保存修改"


def _drop(window, path) -> bool:
    data = QMimeData()
    data.setUrls([QUrl.fromLocalFile(str(path))])
    enter = QDragEnterEvent(QPoint(50, 50), Qt.DropAction.CopyAction, data,
                            Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier)
    QApplication.sendEvent(window, enter)
    drop = QDropEvent(QPointF(50, 50), Qt.DropAction.CopyAction, data,
                      Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier)
    QApplication.sendEvent(window, drop)
    return enter.isAccepted()


def test_a_dropped_word_file_is_imported(qtbot, window, form_file, example_draft):
    assert _drop(window, form_file)
    qtbot.waitUntil(lambda: window.importer.summary is not None, timeout=10000)
    assert window.doc.draft.texts["department.name"] == ""  # the summary comes first
    window.importer.summary.import_button.click()
    assert differences(window.doc.draft, text_read(example_draft, MESSY)) == []
    assert window.doc.path is None and window.isWindowModified()


def test_our_own_export_comes_back_exactly(qtbot, window, monkeypatch, tmp_path,
                                           example_draft):
    draft = example_draft.copy()
    draft.indicators[0].categories[0].items[0] = Item("完成率", "≥95%")
    exported = export_draft(draft, tmp_path / "导出.xlsx", "xlsx").path
    dialog = import_through_menu(qtbot, window, monkeypatch, exported)
    assert dialog.values["origin"].text().startswith(
        "本程序导出的 Excel 工作簿：按导出时保存在文件中的草稿原样还原")
    dialog.import_button.click()
    assert differences(window.doc.draft, draft) == []
    item = window.doc.draft.indicators[0].categories[0].items[0]
    assert (item.content, item.value) == ("完成率", "≥95%")


def test_every_warning_is_listed(qtbot, window, monkeypatch, tmp_path, example_draft):
    from docx import Document

    source = write_handmade(example_draft, tmp_path / "改过的.docx")
    doc = Document(str(source))
    doc.paragraphs[1].text = ""  # no year line
    table = doc.tables[0]
    row = table.add_row()
    row.cells[0].text = "部门（单位）地址"
    row.cells[1].text = "北京市西城区展览路"
    table._tbl.remove(row._tr)
    table.rows[0]._tr.addnext(row._tr)
    doc.save(str(source))
    expected = import_file(source).warnings
    assert len(expected) == 2
    dialog = import_through_menu(qtbot, window, monkeypatch, source)
    assert dialog.warnings_label.text() == "需要核对的地方（2 处）："
    assert dialog.warnings_shown() == expected
    assert dialog.warning_list.isVisible()
    dialog.import_button.click()
    assert "部门（单位）地址" in window.doc.draft.texts["notes"]  # kept, never lost


def test_many_warnings_scroll_in_a_dialog_of_sensible_size(qtbot, window, form_file):
    result = import_file(form_file)
    long = ("“产出指标一（社会治理方面）”中的一段文字无法归入表中的栏目：" + "辖区内共有社区十八个，" * 8
            + "已放到“其他说明的问题”末尾，请核对。")
    many = dataclasses.replace(result, warnings=[long] + [
        f"“第{n}项”编号不连续，已接在上一条具体指标之后，请核对。" for n in range(1, 60)])
    dialog = ImportSummaryDialog(many, window)
    dialog.open()
    qtbot.waitExposed(dialog)
    screen = dialog.screen().availableGeometry()
    assert dialog.height() <= min(700, screen.height())
    assert 480 <= dialog.width() <= 800
    lst = dialog.warning_list
    assert lst.height() <= LIST_MAX_HEIGHT + 10
    assert lst.verticalScrollBar().isVisible()
    assert dialog.warnings_shown() == many.warnings
    # The long warning wraps onto several lines: it is never cut off.
    one_line = lst.visualItemRect(lst.item(1)).height()
    assert lst.visualItemRect(lst.item(0)).height() >= 2.5 * one_line
    dialog.reject()


def test_a_few_warnings_make_a_short_list(qtbot, window, form_file):
    result = dataclasses.replace(import_file(form_file), warnings=["只有一条提示。"])
    dialog = ImportSummaryDialog(result, window)
    dialog.open()
    qtbot.waitExposed(dialog)
    assert dialog.warning_list.height() < 140
    assert dialog.height() < 420
    dialog.reject()


def test_copy_puts_the_summary_on_the_clipboard(qtbot, window, monkeypatch, form_file):
    dialog = import_through_menu(qtbot, window, monkeypatch, form_file)
    dialog.copy_button.click()
    text = QGuiApplication.clipboard().text()
    assert text.startswith(f"导入文件：{form_file}\n模板：西城区 2021 年版\n年度：2021 年度\n")
    assert text.endswith("没有发现需要核对的问题。")
    assert dialog.isVisible()  # copying does not close it
    dialog.reject()


def test_the_summary_is_freed_when_closed(qtbot, window, monkeypatch, form_file):
    for choice in ("cancel", "import", "cancel"):
        dialog = import_through_menu(qtbot, window, monkeypatch, form_file)
        (dialog.cancel_button if choice == "cancel" else dialog.import_button).click()
        window.doc.stack.setClean()  # the next 导入 must not ask about this one
        _deleted_later()
        assert window.findChildren(ImportSummaryDialog) == []


def test_a_draft_file_dropped_still_opens(qtbot, window, example_file):
    assert _drop(window, example_file)
    assert window.doc.path == example_file.resolve()
    assert window.importer.summary is None


def test_a_word_file_named_on_the_command_line_is_imported(qapp, tmp_path, form_file,
                                                           monkeypatch):
    """``declapp 去年的申报表.docx`` (or 打开方式 > declapp) shows the import summary."""
    QSettings.setPath(QSettings.Format.NativeFormat, QSettings.Scope.UserScope, str(tmp_path))
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(tmp_path))
    seen = {}

    def inspect():
        windows = [w for w in QApplication.topLevelWidgets()
                   if isinstance(w, MainWindow) and w.isVisible()]
        try:
            deadline = time.monotonic() + 20
            while windows[0].importer.summary is None and time.monotonic() < deadline:
                QApplication.processEvents()
                time.sleep(0.01)
            seen["summary"] = windows[0].importer.summary.windowTitle()
            windows[0].importer.summary.reject()
        finally:
            for window in windows:
                window.close()
                window.deleteLater()
            QApplication.processEvents()
        return 0

    monkeypatch.setattr(QApplication, "exec", lambda app: inspect())
    try:
        assert gui_app.run([str(form_file)]) == 0
    finally:
        qt_setup.uninstall(QApplication.instance())
    assert seen["summary"] == "导入申报表 — 展览路街道2021年申报表.docx"
