"""The working day in the window: problems that jump to their field, export and print
from the menus, autosave and crash recovery, recent files, next year's form, settings."""

from __future__ import annotations

import json
import time
from decimal import Decimal
from pathlib import Path

import openpyxl
import pypdf
import pytest
from docx import Document as DocxDocument
from PySide6.QtCore import QSettings, Qt
from PySide6.QtGui import QTextCursor
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QDialog, QFileDialog, QMessageBox

from declapp.gui import app as gui_app
from declapp.gui import qt_setup
from declapp.gui.dialogs.recovery import RecoveryDialog
from declapp.gui.dialogs.settings import SettingsDialog
from declapp.gui.main_window import MainWindow
from declapp.storage.fileformat import load
from declapp.storage.recovery import RecoveryStore

from .clerk_input import type_text


@pytest.fixture
def open_window(qtbot, settings, tmp_path, example_file):
    """A window on a copy of the real 2021 form, with a recovery folder in tmp_path."""
    created = []

    def make(store: RecoveryStore | None = None, path: Path | None = None):
        if path is None:
            path = tmp_path / "展览路.json"
            path.write_bytes(example_file.read_bytes())
        window = MainWindow(settings, recovery=store)
        window.show()
        qtbot.waitExposed(window)
        assert window.file_actions.open_path(path)
        created.append(window)
        return window

    yield make
    for window in created:  # closed here, not by qtbot: a clean stack first, no prompt
        window.doc.stack.setClean()
        window.close()
        window.deleteLater()


def answer_prompt(monkeypatch, button: str) -> list[tuple[str, list[str]]]:
    """Make the next message boxes answer with the button named *button*; returns what
    each said and the buttons it offered (sorted)."""
    asked: list[tuple[str, list[str]]] = []

    def fake_exec(box):
        buttons = box.buttons()
        asked.append((box.text(), sorted(b.text() for b in buttons)))
        chosen = next(b for b in buttons if b.text() == button)
        chosen.click()
        return 0

    monkeypatch.setattr(QMessageBox, "exec", fake_exec)
    return asked


def _double_click(qtbot, view, index) -> None:
    view.scrollTo(index)
    rect = view.visualRect(index)
    QTest.mouseClick(view.viewport(), Qt.MouseButton.LeftButton,
                     Qt.KeyboardModifier.NoModifier, rect.center())
    QTest.mouseDClick(view.viewport(), Qt.MouseButton.LeftButton,
                      Qt.KeyboardModifier.NoModifier, rect.center())


def _row_of(dock, finding_id: str):
    """The model index of the finding's row, in a group or not."""
    row = next(r for r in dock.model.rows() if r.finding.id == finding_id)
    return dock.model.index_of(row.key)


def test_double_click_goes_to_the_field_and_to_the_tree_node(qtbot, open_window):
    window = open_window()
    dock = window.problems
    assert dock.status_label.text().startswith("0 个错误")  # the real form's hints only
    # The clerk types a wrong total on the funds tab, then looks at another tab.
    window.navigate_to("funds.total")
    total = window.editor("funds.total")
    assert window.focusWidget() is total
    total.selectAll()
    QTest.keyClicks(total, "41421.20")
    window.tab_widget.setCurrentIndex(3)
    qtbot.waitUntil(lambda: any(f.id == "total-mismatch" for f in dock.model.findings),
                    timeout=3000)
    assert dock.status_label.text().startswith("1 个错误")

    _double_click(qtbot, dock.view, _row_of(dock, "total-mismatch"))
    assert window.tab_widget.currentIndex() == 1
    assert window.focusWidget() is total

    # An empty item in the second output group's quality category.
    window.doc.draft.indicators[1].categories[1].items[0].content = ""
    dock.refresh_now()
    _double_click(qtbot, dock.view, _row_of(dock, "item-empty"))
    assert window.tab_widget.currentIndex() == 3
    current = window.indicators_tab.tree.currentIndex()
    assert current.isValid() and current.parent().row() == 1
    assert current.parent().parent().row() == 1 and current.row() == 0


@pytest.mark.parametrize("fmt", ["docx", "xlsx", "pdf"])
def test_export_from_the_window(qtbot, open_window, tmp_path, monkeypatch, fmt):
    window = open_window()
    asked = {}

    def save_dialog(parent, title, proposal, filters):
        asked["proposal"] = Path(proposal)
        return str(tmp_path / "out" / f"表.{fmt}"), filters

    (tmp_path / "out").mkdir()
    monkeypatch.setattr(QFileDialog, "getSaveFileName", save_dialog)
    with qtbot.waitSignal(window.exporter.finished, timeout=20000) as done:
        window.menu_actions[f"actionExport{fmt.capitalize()}"].trigger()
        assert window.ops.bar.isVisible()  # working, and the window answers
        assert not window.menu_actions["actionExportAll"].isEnabled()
    assert asked["proposal"].name == f"北京市西城区人民政府展览路街道办事处-2021-绩效目标申报表.{fmt}"
    target = done.args[0][0].path
    assert target == tmp_path / "out" / f"表.{fmt}"
    name = "北京市西城区人民政府展览路街道办事处"
    if fmt == "docx":
        texts = {c.text for t in DocxDocument(str(target)).tables for r in t.rows for c in r.cells}
        assert name in texts and "41421.22万元" in texts
    elif fmt == "xlsx":
        values = {c.value for row in openpyxl.load_workbook(target).active.iter_rows()
                  for c in row}
        assert name in values and "41421.22万元" in values
    else:
        text = "".join(p.extract_text() for p in pypdf.PdfReader(target).pages)
        assert name in text and "41421.22万元" in text
    box = window.exporter.done_box
    assert box is not None and "表." + fmt in box.text()
    assert any(b.text() == "打开所在文件夹" for b in box.buttons())
    box.close()
    assert not window.ops.bar.isVisible()
    assert window.settings.last_export_dir == str(tmp_path / "out")


def test_export_with_errors_asks_first(qtbot, open_window, tmp_path, monkeypatch):
    window = open_window()
    window.doc.edit_field("department.name", "")
    questions = answer_prompt(monkeypatch, "取消")
    assert window.exporter.export("pdf") is False
    assert "未填写部门（单位）名称" in questions[0][0]
    assert questions[0][1] == sorted(["仍然导出", "去检查", "取消"])


def test_export_failure_is_said_plainly(qtbot, open_window, tmp_path, monkeypatch):
    window = open_window()
    blocker = tmp_path / "blocker"
    blocker.write_text("x", encoding="utf-8")
    monkeypatch.setattr(QFileDialog, "getSaveFileName",
                        lambda *a: (str(blocker / "表.pdf"), ""))
    shown = []
    monkeypatch.setattr(QMessageBox, "warning", lambda p, title, text, *a: shown.append(text))
    with qtbot.waitSignal(window.exporter.failed, timeout=20000) as failed:
        window.menu_actions["actionExportPdf"].trigger()
    assert "无法写入" in failed.args[0] and shown == [failed.args[0]]
    assert window.menu_actions["actionExportPdf"].isEnabled()


def test_print_preview_shows_the_pdf_pages(qtbot, open_window, tmp_path):
    window = open_window()
    window.menu_actions["actionPrintPreview"].trigger()
    assert window.ops.busy("print")  # the PDF is made off the GUI thread
    qtbot.waitUntil(lambda: window.printing.preview_dialog is not None, timeout=20000)
    dialog = window.printing.preview_dialog
    assert dialog.windowTitle() == "打印预览"
    ours = tmp_path / "ours.pdf"
    from declapp.export import export_draft

    export_draft(window.doc.draft, ours)
    pages = len(pypdf.PdfReader(ours).pages)
    assert dialog.view.page_count == pages
    assert dialog.page_label.text().strip() == f"第 1 页，共 {pages} 页"
    view = dialog.view
    qtbot.waitUntil(lambda: view.shown_image(0) is not None, timeout=10000)
    first = view.shown_image(0)
    # At the window's width, not a thumbnail: the page fills the view but its margins.
    assert first.width() >= view.viewport().width() - 40
    inked = sum(first.pixelColor(x, y).lightness() < 128
                for x in range(0, first.width(), 7) for y in range(0, first.height(), 7))
    assert inked > 100  # the form's rules and text are drawn
    assert view.shown_image(pages - 1) is None  # pages out of view are not rendered yet
    view.go_to(pages - 1)
    qtbot.waitUntil(lambda: view.shown_image(pages - 1) is not None, timeout=10000)
    assert dialog.page_label.text().strip() == f"第 {pages} 页，共 {pages} 页"
    dialog.reject()
    qtbot.waitUntil(lambda: window.printing.preview_dialog is None, timeout=3000)


def test_print_preview_warns_about_errors_first(qtbot, open_window, monkeypatch):
    window = open_window()
    window.doc.edit_field("department.name", "")
    asked = answer_prompt(monkeypatch, "取消")
    assert window.printing.preview() is False
    assert "未填写部门（单位）名称" in asked[0][0] and "仍然打印吗" in asked[0][0]
    assert not window.ops.busy()


def test_print_without_a_printer_says_so(qtbot, open_window, monkeypatch):
    window = open_window()
    monkeypatch.setattr("declapp.gui.services.printing.printers_available", lambda: False)
    said = []
    monkeypatch.setattr(QMessageBox, "information", lambda p, title, text, *a: said.append(text))
    assert window.printing.print_() is False
    assert "没有安装打印机" in said[0]


def _type_goals(qtbot, window, text: str) -> None:
    window.navigate_to("goals")
    edit = window.editor("goals")
    edit.moveCursor(QTextCursor.MoveOperation.End)
    type_text(qtbot, edit, text)


def test_autosave_then_crash_then_restore_in_a_fresh_window(qtbot, open_window, settings,
                                                           tmp_path, monkeypatch):
    settings.setValue("autosave/interval_s", 1)
    folder = tmp_path / "appdata" / "recovery"
    first_store = RecoveryStore(folder)
    first_store.start()
    first = open_window(first_store)
    user_file = first.doc.path
    before = user_file.read_bytes()
    _type_goals(qtbot, first, "崩溃前输入")
    copy = first_store.copy_path(first.autosaver.slot)
    qtbot.waitUntil(copy.exists, timeout=4000)
    assert load(copy).texts["goals"].endswith("崩溃前输入")
    assert user_file.read_bytes() == before  # never written over the clerk's file

    # The process dies: no close, no finish; the OS drops its lock.
    first.autosaver.stop()
    first.hide()
    first_store._marker.close()

    second_store = RecoveryStore(folder)
    second_store.start()
    second = MainWindow(settings, recovery=second_store)
    second.show()
    offered = []

    def accept(dialog):
        offered.extend(dialog.list.item(i).text() for i in range(dialog.list.count()))
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(RecoveryDialog, "exec", accept)
    gui_app.offer_recovery(second_store, second)
    assert len(offered) == 1 and "展览路.json" in offered[0] and "2021 年度" in offered[0]
    assert second.doc.draft.texts["goals"].endswith("崩溃前输入")
    assert second.isWindowModified() and second.doc.path == user_file
    assert not copy.exists()  # the old run's copy is gone once restored
    assert second_store.orphaned() == []

    assert second.file_actions.save()  # 保存 goes to the original file
    assert load(user_file).texts["goals"].endswith("崩溃前输入")
    assert list(folder.glob("*.recovery.json")) == []
    second_store.finish()
    second.close()
    second.deleteLater()


def test_normal_save_and_close_remove_the_recovery_copy(qtbot, open_window, settings,
                                                       tmp_path, monkeypatch):
    settings.setValue("autosave/interval_s", 1)
    store = RecoveryStore(tmp_path / "rec")
    store.start()
    window = open_window(store)
    _type_goals(qtbot, window, "一")
    copy = store.copy_path(window.autosaver.slot)
    qtbot.waitUntil(copy.exists, timeout=4000)
    window.menu_actions["actionSave"].trigger()
    assert not copy.exists()
    _type_goals(qtbot, window, "二")
    qtbot.waitUntil(copy.exists, timeout=4000)
    monkeypatch.setattr(QMessageBox, "exec", lambda box: QMessageBox.StandardButton.Discard)
    assert window.close()
    assert not copy.exists()
    store.finish()
    assert list((tmp_path / "rec").iterdir()) == []


def test_next_year_copy_flags_the_stale_year(qtbot, open_window):
    window = open_window()
    window.menu_actions["actionNextYear"].trigger()
    draft = window.doc.draft
    assert draft.year == 2022 and draft.texts["department.name"].startswith("北京市西城区")
    assert window.doc.path is None and window.isWindowModified()
    stale = [f for f in window.problems.model.findings if f.id == "stale-year"]
    assert [f.location for f in stale] == ["goals"] and "2021年" in stale[0].message
    assert window.problems.isVisible()


def test_next_year_flags_last_years_amounts_until_the_clerk_edits_them(qtbot, open_window):
    from PySide6.QtWidgets import QApplication

    window = open_window()
    window.menu_actions["actionNextYear"].trigger()
    findings = window.problems.model.findings
    assert {f.location for f in findings if f.id == "carried-amount"} == {
        "funds.total", "funds.basic", "funds.project"}
    assert sum(f.id == "carried-cost" for f in findings) == 5
    assert "来自上一年度" in window.statusBar().currentMessage()

    # Jumping to a finding selects last year's figure in its field.
    finding = next(f for f in findings if f.location == "funds.total")
    assert window.navigate_to(finding.location, finding.highlight)
    total = window.editor("funds.total")
    assert total.selectedText() == "41421.22"
    stale = next(f for f in findings if f.id == "stale-year")
    assert window.navigate_to(stale.location, stale.highlight)
    goals = window.editor("goals")
    assert goals.textCursor().selectedText() == "2021年"

    # Typing this year's amount clears the flag; undo brings it back.
    window.navigate_to("funds.total")
    total.selectAll()
    type_text(qtbot, total, "45000")
    window.problems.refresh_now()
    assert "funds.total" not in {f.location for f in window.problems.model.findings
                                 if f.id == "carried-amount"}
    window.undo_action.trigger()
    window.problems.refresh_now()
    assert "funds.total" in {f.location for f in window.problems.model.findings
                             if f.id == "carried-amount"}
    QApplication.processEvents()


def test_recent_files_menu(qtbot, open_window, tmp_path, example_file):
    window = open_window()
    other = tmp_path / "other.json"
    data = json.loads(example_file.read_text(encoding="utf-8"))
    data["year"] = 2020
    other.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    window.file_actions.open_path(other)
    menu = window.menus["menuRecent"]
    menu.aboutToShow.emit()
    names = [a.text() for a in menu.actions() if a.text().endswith(".json")]
    assert names == ["&1 other.json", "&2 展览路.json"]
    next(a for a in menu.actions() if a.text().endswith("展览路.json")).trigger()
    assert window.doc.draft.year == 2021


def test_settings_change_the_autosave_interval(qtbot, open_window, tmp_path, monkeypatch):
    store = RecoveryStore(tmp_path / "rec")
    window = open_window(store)

    def fill(dialog):
        dialog.interval.setValue(15)
        dialog.accept()
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(SettingsDialog, "exec", fill)
    window.menu_actions["actionSettings"].trigger()
    assert window.autosaver.timer.interval() == 15000
    assert QSettings(window.settings.qsettings.fileName(), QSettings.Format.IniFormat).value(
        "autosave/interval_s") in (15, "15")
    assert window.doc.draft.amounts["funds.total"] == Decimal("41421.22")


def test_closing_the_recovery_offer_keeps_every_copy(qtbot, settings, tmp_path, example_draft,
                                                     monkeypatch):
    folder = tmp_path / "rec"
    RecoveryStore(folder).write("w", example_draft, None)  # a run that never finished
    store = RecoveryStore(folder)
    store.start()
    window = MainWindow(settings, recovery=store)
    monkeypatch.setattr(RecoveryDialog, "exec", lambda d: QDialog.DialogCode.Rejected)
    assert gui_app.offer_recovery(store, window) == []
    assert len(store.orphaned()) == 1  # still offered at the next start
    assert window.doc.path is None and window.doc.stack.isClean()
    store.finish()
    window.deleteLater()


def test_restoring_on_a_full_disk_keeps_the_old_copy(qtbot, settings, tmp_path, example_draft,
                                                     monkeypatch):
    from declapp.storage.atomic import WriteError

    folder = tmp_path / "rec"
    RecoveryStore(folder).write("w", example_draft, tmp_path / "mine.json")
    store = RecoveryStore(folder)
    store.start()
    window = MainWindow(settings, recovery=store)
    copy = store.orphaned()[0]

    def full_disk(*args, **kwargs):
        raise WriteError("无法写入：磁盘空间不足。")

    monkeypatch.setattr(store, "write", full_disk)
    window.autosaver.restore(copy)
    assert window.doc.draft == example_draft and window.isWindowModified()
    assert copy.path.exists()  # the only copy on disk stays until this run holds its own
    window.doc.stack.setClean()
    store.finish()
    window.deleteLater()


def test_print_preview_of_an_unknown_template_says_so(qtbot, open_window, monkeypatch):
    window = open_window()
    window.doc.draft.template = "xicheng-2099"
    said = answer_prompt(monkeypatch, "取消")
    window.menu_actions["actionPrintPreview"].trigger()
    assert "xicheng-2099" in said[0][0]
    from PySide6.QtGui import QGuiApplication

    assert QGuiApplication.overrideCursor() is None  # the wait cursor is gone


def test_a_year_outside_the_usual_range_is_shown_as_it_is(qtbot, open_window, tmp_path,
                                                          example_file):
    data = json.loads(example_file.read_text(encoding="utf-8"))
    data["year"] = 1999  # a typo in a hand-edited file: loaded, shown, and flagged
    path = tmp_path / "typo.json"
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    window = open_window(path=path)
    assert window.form_tabs[0].year_spin.value() == 1999
    assert window.doc.draft.year == 1999
    assert any(f.id == "year-range" for f in window.problems.model.findings)


def test_export_all_that_fails_half_way_names_what_was_written(qtbot, open_window, tmp_path,
                                                               monkeypatch):
    window = open_window()
    out = tmp_path / "all"
    out.mkdir()
    base = "北京市西城区人民政府展览路街道办事处-2021-绩效目标申报表"
    (out / f"{base}.xlsx").mkdir()  # stands where the workbook should go
    monkeypatch.setattr(QFileDialog, "getExistingDirectory", lambda *a: str(out))
    monkeypatch.setattr(QMessageBox, "question", lambda *a: QMessageBox.StandardButton.Yes)
    shown = []
    monkeypatch.setattr(QMessageBox, "warning", lambda p, title, text, *a: shown.append(text))
    with qtbot.waitSignal(window.exporter.failed, timeout=20000) as failed:
        window.menu_actions["actionExportAll"].trigger()
    message = failed.args[0]
    assert "无法写入" in message and f"已导出：{out / (base + '.docx')}" in message
    assert (out / f"{base}.docx").is_file() and shown == [message]


def test_an_unwritable_data_folder_is_said_at_start(qapp, tmp_path, monkeypatch):
    blocker = tmp_path / "file"
    blocker.write_text("x", encoding="utf-8")
    monkeypatch.setenv("DECLAPP_DATA_DIR", str(blocker))  # a file where the folder should be
    QSettings.setPath(QSettings.Format.NativeFormat, QSettings.Scope.UserScope, str(tmp_path))
    said, seen = [], {}
    monkeypatch.setattr(QMessageBox, "warning", lambda p, title, text, *a: said.append(text))

    def inspect(app):
        for window in [w for w in qapp.topLevelWidgets() if isinstance(w, MainWindow)]:
            seen["autosaver"] = window.autosaver
            window.close()
            window.deleteLater()
        return 0

    monkeypatch.setattr(type(qapp), "exec", inspect)
    try:
        assert gui_app.run([]) == 0
    finally:
        qt_setup.uninstall(qapp)
    assert seen["autosaver"] is None
    assert "自动保存" in said[0] and "经常保存" in said[0]


def test_open_file_after_export_says_so_when_nothing_can_open_it(qtbot, open_window, tmp_path,
                                                                 monkeypatch):
    from PySide6.QtGui import QDesktopServices

    window = open_window()
    monkeypatch.setattr(QFileDialog, "getSaveFileName",
                        lambda *a: (str(tmp_path / "表.docx"), ""))
    with qtbot.waitSignal(window.exporter.finished, timeout=20000):
        window.menu_actions["actionExportDocx"].trigger()
    opened, said = [], []
    monkeypatch.setattr(QDesktopServices, "openUrl", lambda url: opened.append(url) or False)
    monkeypatch.setattr(QMessageBox, "information", lambda p, title, text, *a: said.append(text))
    box = window.exporter.done_box
    next(b for b in box.buttons() if b.text() == "打开文件").click()
    assert opened[0].toLocalFile() == str(tmp_path / "表.docx")
    assert "没有能打开 .docx 文件的程序" in said[0] and str(tmp_path / "表.docx") in said[0]
    next(b for b in box.buttons() if b.text() == "打开所在文件夹").click()
    assert opened[1].toLocalFile() == str(tmp_path)
    assert "文件管理器" in said[1]
    box.close()


def test_the_recovery_copy_follows_a_pause_and_never_lags_long_behind_typing(
        qtbot, open_window, settings, tmp_path, monkeypatch):
    """A kill -9 after typing loses at most the last few seconds: the copy is written a
    pause after the typing (IDLE_MS), and at least every interval while it goes on."""
    from declapp.gui.services import autosave

    monkeypatch.setattr(autosave, "IDLE_MS", 400)
    settings.setValue("autosave/interval_s", 1)  # the longest wait while typing goes on
    store = RecoveryStore(tmp_path / "rec")
    store.start()
    window = open_window(store)
    assert window.autosaver.idle.interval() == 400
    copy = store.copy_path(window.autosaver.slot)
    window.navigate_to("goals")
    goals = window.editor("goals")
    goals.moveCursor(QTextCursor.MoveOperation.End)
    # Typing without a pause longer than the idle time: a copy within the interval.
    started = time.monotonic()
    typed = ""
    while not copy.exists():
        assert time.monotonic() - started < 2.5, "no copy while the clerk kept typing"
        QTest.keyClicks(goals, "a")
        typed += "a"
        qtbot.wait(150)
    assert time.monotonic() - started >= 0.9  # not after the first key: no pause yet
    assert load(copy).texts["goals"].endswith("a")
    # The clerk stops: the copy has every last key soon after.
    QTest.keyClicks(goals, "z")
    qtbot.waitUntil(lambda: load(copy).texts["goals"].endswith(typed + "z"), timeout=2000)
    store.finish()


def test_a_pause_writes_the_copy_with_the_default_interval(qtbot, open_window, settings,
                                                          tmp_path):
    store = RecoveryStore(tmp_path / "rec")
    store.start()
    window = open_window(store)
    assert window.autosaver.timer.interval() == 10_000  # the longest wait while typing
    copy = store.copy_path(window.autosaver.slot)
    started = time.monotonic()
    _type_goals(qtbot, window, "三秒后保存")
    qtbot.waitUntil(copy.exists, timeout=6000)
    assert 2.5 < time.monotonic() - started < 6  # a pause of IDLE_MS, not the old minute
    assert load(copy).texts["goals"].endswith("三秒后保存")
    store.finish()


def test_next_years_form_exports_and_prints_only_once_its_figures_are_reviewed(
        qtbot, open_window, tmp_path, monkeypatch):
    window = open_window()
    window.menu_actions["actionNextYear"].trigger()
    carried = [f for f in window.problems.model.findings if f.id.startswith("carried-")]
    assert carried  # last year's 资金总额, 基本支出, 项目支出 and costs
    asked = answer_prompt(monkeypatch, "去检查")
    window.tab_widget.setCurrentWidget(window.form_tab("goals"))
    assert window.exporter.export("pdf") is False  # no file dialog: nothing exported
    text, buttons = asked[0]
    assert f"有 {len(carried)} 处金额和数字是从上一年度草稿带来的，还没有核对" in text
    assert "资金总额" in text and "仍然导出吗" in text
    assert buttons == sorted(["仍然导出", "去检查", "取消"])
    # 去检查: the problems list, and the first of them selected in its field.
    assert window.problems.isVisible()
    assert window.tab_widget.currentWidget() is window.form_tab("funds.total")
    assert window.focusWidget() is window.editor("funds.total")
    # Printing asks the same; 仍然打印 goes on.
    printing = answer_prompt(monkeypatch, "取消")
    assert window.printing.preview() is False and not window.ops.busy()
    assert "仍然打印吗" in printing[0][0]
    # Once every figure is confirmed (typed again), nothing is asked.
    for key in ("total", "basic", "project"):
        window.doc.edit_field(f"funds.{key}", window.doc.draft.amounts[f"funds.{key}"])
    for finding in [f for f in window.problems.model.findings if f.id == "carried-cost"]:
        window.doc.edit_field(finding.location, window.doc.get(finding.location))
    late = answer_prompt(monkeypatch, "取消")
    dialogs = []
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a: dialogs.append(a) or ("", ""))
    assert window.exporter.export("pdf") is False  # the file dialog, cancelled
    assert late == [] and len(dialogs) == 1
