"""文件: new, open, save, the unsaved-changes prompt, bad files, drops, the command line."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from PySide6.QtCore import QEvent, QMimeData, QPoint, QPointF, QSettings, Qt, QUrl
from PySide6.QtGui import QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import QApplication, QDialog, QDialogButtonBox, QFileDialog, QMessageBox

from declapp import __version__
from declapp.gui import app as gui_app
from declapp.gui import qt_setup
from declapp.gui.dialogs.new_draft import NewDraftDialog
from declapp.gui.main_window import MainWindow
from declapp.storage.fileformat import dumps, load
from declapp.storage.recovery import RecoveryStore

from .clerk_input import type_text
from .conftest import answer_save_dialog, answer_save_prompt

SAVE = QMessageBox.StandardButton.Save
DISCARD = QMessageBox.StandardButton.Discard
CANCEL = QMessageBox.StandardButton.Cancel


def make_dirty(qtbot, window, text="展览路街道"):
    window.tab_widget.setCurrentWidget(window.form_tab("department.name"))
    type_text(qtbot, window.editor("department.name"), text)
    assert window.isWindowModified()


def test_title_shows_the_file_and_the_modified_marker(qtbot, window, example_file):
    assert window.windowTitle() == "未命名.json[*] — 绩效目标申报表"
    assert not window.isWindowModified()
    assert window.file_actions.open_path(example_file)
    assert window.windowTitle() == "zhanlanlu-2021.json[*] — 绩效目标申报表"
    make_dirty(qtbot, window, "甲")
    window.undo_action.trigger()
    assert not window.isWindowModified()  # back at the saved state


def test_close_with_changes_save(qtbot, window, monkeypatch, tmp_path):
    make_dirty(qtbot, window)
    asked = answer_save_prompt(monkeypatch, SAVE)
    target = tmp_path / "draft.json"
    answer_save_dialog(monkeypatch, target)
    assert window.close()
    assert asked == ["“未命名.json”有尚未保存的修改。"]
    assert load(target).texts["department.name"] == "展览路街道"


def test_close_with_changes_discard(qtbot, window, monkeypatch, tmp_path):
    make_dirty(qtbot, window)
    asked = answer_save_prompt(monkeypatch, DISCARD)
    assert window.close()
    assert len(asked) == 1
    assert list(tmp_path.glob("*.json")) == []


def test_close_with_changes_cancel(qtbot, window, monkeypatch):
    make_dirty(qtbot, window)
    asked = answer_save_prompt(monkeypatch, CANCEL)
    assert not window.close()
    assert len(asked) == 1
    assert window.isVisible() and window.isWindowModified()
    assert window.doc.draft.texts["department.name"] == "展览路街道"


def test_close_with_changes_save_but_save_dialog_cancelled_keeps_window(qtbot, window,
                                                                        monkeypatch):
    make_dirty(qtbot, window)
    answer_save_prompt(monkeypatch, SAVE)
    answer_save_dialog(monkeypatch, None)
    assert not window.close()
    assert window.isWindowModified()


@pytest.mark.parametrize("button", [SAVE, DISCARD, CANCEL])
def test_open_with_changes_does_what_was_chosen(qtbot, window, monkeypatch, tmp_path,
                                                example_file, button):
    make_dirty(qtbot, window)
    asked = answer_save_prompt(monkeypatch, button)
    target = tmp_path / "mine.json"
    answer_save_dialog(monkeypatch, target)
    opened = window.file_actions.open_path(example_file)
    assert len(asked) == 1
    if button == CANCEL:
        assert not opened
        assert window.doc.draft.texts["department.name"] == "展览路街道"
        assert window.isWindowModified()
        assert not target.exists()
        return
    assert opened
    assert window.doc.draft.texts["department.name"] == "北京市西城区人民政府展览路街道办事处"
    assert not window.isWindowModified()
    assert window.doc.stack.count() == 0
    assert target.exists() == (button == SAVE)


@pytest.mark.parametrize("button", [SAVE, DISCARD, CANCEL])
def test_new_with_changes_does_what_was_chosen(qtbot, window, monkeypatch, tmp_path, button):
    make_dirty(qtbot, window)
    asked = answer_save_prompt(monkeypatch, button)
    target = tmp_path / "mine.json"
    answer_save_dialog(monkeypatch, target)

    def choose(dialog):
        assert dialog.windowTitle() == "新建申报表"
        assert dialog.sizeHint().height() > 60  # the form is inside, not a window of its own
        dialog.template_combo.setCurrentIndex(dialog.template_combo.findData("xicheng-2019"))
        dialog.year_spin.setValue(2023)
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(NewDraftDialog, "exec", choose)
    created = window.file_actions.new_draft()
    assert len(asked) == 1
    assert created == (button != CANCEL)
    if button == CANCEL:
        assert window.doc.draft.texts["department.name"] == "展览路街道"
        return
    draft = window.doc.draft
    assert (draft.template, draft.year, draft.texts["department.name"]) == ("xicheng-2019", 2023, "")
    assert window.form_tabs[0].year_spin.value() == 2023
    assert window.editor("department.head").isVisibleTo(window)  # 2019 shows 负责人
    assert window.windowTitle().startswith("未命名.json")
    assert not window.isWindowModified() and not window.doc.stack.canUndo()
    assert target.exists() == (button == SAVE)


def test_new_dialog_cancelled_changes_nothing(qtbot, window, monkeypatch):
    make_dirty(qtbot, window)
    monkeypatch.setattr(NewDraftDialog, "exec", lambda d: QDialog.DialogCode.Rejected)
    assert not window.file_actions.new_draft()
    assert window.doc.draft.texts["department.name"] == "展览路街道"


@pytest.mark.parametrize("content, words", [
    (b'{"format": "declapp.form", "version": 1, "templ', "不是完整的 JSON"),
    (json.dumps({"format": "declapp.form", "version": 4}).encode(), "更新版本"),
    (b"", "文件是空的"),
])
def test_a_bad_file_shows_its_message_and_changes_nothing(qtbot, window, errors, tmp_path,
                                                          content, words):
    make_dirty(qtbot, window)  # unsaved work: the prompt must not even be asked
    before, stack_count = dumps(window.doc.draft), window.doc.stack.count()
    title = window.windowTitle()
    bad = tmp_path / "坏文件.json"
    bad.write_bytes(content)
    assert not window.file_actions.open_path(bad)
    assert len(errors) == 1
    assert "坏文件.json" in errors[0][1] and words in errors[0][1]
    assert dumps(window.doc.draft) == before
    assert window.doc.stack.count() == stack_count and window.isWindowModified()
    assert window.windowTitle() == title
    assert bad.read_bytes() == content


def test_a_failed_save_says_why_and_keeps_the_changes(qtbot, window, errors, monkeypatch,
                                                      tmp_path):
    make_dirty(qtbot, window)
    answer_save_dialog(monkeypatch, tmp_path / "no-such-folder" / "x.json")
    assert not window.file_actions.save()
    assert len(errors) == 1 and "不存在" in errors[0][1]
    assert window.isWindowModified() and window.doc.path is None


def test_save_again_writes_to_the_same_file_and_save_as_adds_json(qtbot, window, monkeypatch,
                                                                  tmp_path):
    make_dirty(qtbot, window)
    calls = answer_save_dialog(monkeypatch, tmp_path / "申报表")
    window.menu_actions["actionSaveAs"].trigger()
    target = tmp_path / "申报表.json"
    assert target.is_file() and window.doc.path == target.resolve()
    type_text(qtbot, window.editor("department.name"), "办事处")
    window.menu_actions["actionSave"].trigger()
    assert calls == ["save"]  # the second save asked for no name
    assert load(target).texts["department.name"] == "展览路街道办事处"


def test_dropping_a_file_on_the_window_opens_it(qtbot, window, example_file):
    # QDragEnterEvent takes a QPoint (PySide6 6.11 refuses the QPointF older ones took).
    data = QMimeData()
    data.setUrls([QUrl.fromLocalFile(str(example_file))])
    enter = QDragEnterEvent(QPoint(50, 50), Qt.DropAction.CopyAction, data,
                            Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier)
    QApplication.sendEvent(window, enter)
    assert enter.isAccepted()
    drop = QDropEvent(QPointF(50, 50), Qt.DropAction.CopyAction, data,
                      Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier)
    QApplication.sendEvent(window, drop)
    assert window.doc.path == example_file.resolve()
    assert window.indicators_tab.model.rowCount() == 6


def test_size_and_position_are_remembered(make_window, settings):
    first = make_window()
    first.resize(700, 480)
    first.close()
    second = make_window()
    assert (second.width(), second.height()) == (700, 480)
    assert settings.value("window/geometry") is not None


def test_about_shows_the_version(window, monkeypatch):
    shown = []
    monkeypatch.setattr(QMessageBox, "about", lambda parent, title, text: shown.append(text))
    window.menu_actions["actionAbout"].trigger()
    assert __version__ in shown[0]
    assert "LGPL" in shown[0]  # the licences of what the program carries
    # The bundled fonts and their licence, or (in a source checkout) that none is bundled.
    assert "SIL Open Font License" in shown[0] or "未附带字体" in shown[0]


def test_run_opens_the_file_named_on_the_command_line(qapp, tmp_path, example_file,
                                                      monkeypatch):
    QSettings.setPath(QSettings.Format.NativeFormat, QSettings.Scope.UserScope, str(tmp_path))
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(tmp_path))
    seen = {}

    def inspect():
        try:
            windows = [w for w in QApplication.topLevelWidgets()
                       if isinstance(w, MainWindow) and w.isVisible()]
            seen["title"] = windows[0].windowTitle()
            box = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok)
            seen["ok"] = box.button(QDialogButtonBox.StandardButton.Ok).text()
            seen["org"] = QApplication.organizationName()
            for window in windows:
                window.close()
                window.deleteLater()
        finally:
            QApplication.processEvents()
        return 0

    # The event loop itself is Qt's: look at the shown window where it would start.
    monkeypatch.setattr(QApplication, "exec", lambda app: inspect())
    try:
        assert gui_app.run([str(example_file)]) == 0
    finally:
        qt_setup.uninstall(QApplication.instance())
    assert seen["title"] == "zhanlanlu-2021.json[*] — 绩效目标申报表"
    assert seen["ok"] == "确定"  # Qt's own Chinese strings are loaded
    assert seen["org"] == "declapp"


def test_f1_opens_the_help(qtbot, window, monkeypatch):
    assert window.menu_actions["actionHelp"].shortcut().toString() == "F1"
    window.menu_actions["actionHelp"].trigger()
    dialog = window.help_dialog
    assert dialog is not None and dialog.isVisible() and dialog.windowTitle() == "使用说明"
    assert not dialog.isModal()  # it stays open beside the form
    text = dialog.browser.toPlainText()
    for heading in ("一年的工作流程", "各栏目怎么填", "检查和问题列表", "自动保存", "快捷键"):
        assert heading in text
    assert "{shortcuts}" not in text
    # The shortcut table is the window's own: 保存 is Ctrl+S, 撤销 Ctrl+Z.
    assert "Ctrl+S" in text and "Ctrl+Z" in text and "F1" in text
    window.menu_actions["actionHelp"].trigger()  # F1 again: the same page, brought forward
    assert window.help_dialog is dialog
    dialog.reject()
    assert window.help_dialog is None


def test_reopening_the_file_being_edited_keeps_what_was_saved(qtbot, window, monkeypatch,
                                                              tmp_path, example_file):
    path = tmp_path / "mine.json"
    path.write_bytes(example_file.read_bytes())
    assert window.file_actions.open_path(path)
    make_dirty(qtbot, window, "新名称")
    answer_save_prompt(monkeypatch, SAVE)
    assert window.file_actions.open_path(path)  # 最近打开 of the same file, answered 保存
    assert load(path).texts["department.name"].endswith("新名称")
    assert window.doc.draft.texts["department.name"].endswith("新名称")  # what is on disk, not the old
    assert not window.isWindowModified()


def test_opening_into_a_window_with_nothing_to_save_reads_the_file_once(
        qtbot, window, monkeypatch, example_file):
    # The start opens the clerk's draft this way: a second read of it was a few ms of it.
    from declapp.storage import disk_state, fileformat

    reads: list[object] = []
    real = fileformat.loads_bytes

    def counted(data, *args, **kwargs):
        reads.append(data)
        return real(data, *args, **kwargs)

    monkeypatch.setattr(fileformat, "loads_bytes", counted)
    monkeypatch.setattr(disk_state, "loads_bytes", counted)
    assert window.doc.stack.isClean()
    assert window.file_actions.open_path(example_file)
    assert len(reads) == 1
    assert window.doc.draft.texts["department.name"] == load(example_file).texts["department.name"]


@pytest.mark.parametrize("button", [SAVE, DISCARD, CANCEL])
def test_closing_a_modified_window_prints_nothing_whatever_the_answer(
        qtbot, settings, no_modal_dialogs, monkeypatch, tmp_path, capfd, button):
    store = RecoveryStore(tmp_path / "recovery")
    store.start()
    window = MainWindow(settings, recovery=store)
    window.show()
    qtbot.waitExposed(window)
    make_dirty(qtbot, window)
    answer_save_prompt(monkeypatch, button)
    answer_save_dialog(monkeypatch, tmp_path / "saved.json")
    capfd.readouterr()
    closed = window.close()
    assert closed == (button != CANCEL)
    if not closed:
        window.doc.stack.setClean()
        window.close()
    window.deleteLater()
    QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete.value)
    QApplication.processEvents()
    assert capfd.readouterr().err == ""
    store.finish()


def test_saving_the_bundled_example_asks_where_and_proposes_the_clerks_folder(
        qtbot, window, monkeypatch, tmp_path, example_file):
    assert window.file_actions.open_path(example_file)
    before = example_file.read_bytes()
    make_dirty(qtbot, window, "甲")
    proposals = []

    def save_dialog(parent, title, proposal, filters):
        proposals.append(Path(proposal))
        return str(tmp_path / "我的.json"), filters

    monkeypatch.setattr(QFileDialog, "getSaveFileName", save_dialog)
    clerks_folder = window.settings.draft_dir()
    window.menu_actions["actionSave"].trigger()  # 保存, not 另存为
    assert example_file.read_bytes() == before  # the program's example is never written
    assert proposals[0].name == "zhanlanlu-2021.json"
    assert proposals[0].parent == clerks_folder
    assert example_file.parent not in proposals[0].parents
    assert window.doc.path == (tmp_path / "我的.json").resolve()
    window.settings.last_dir = str(tmp_path)  # once the clerk has a folder, it is proposed
    assert Path(window.file_actions.suggested_name()).parent == tmp_path


def test_new_proposes_the_budget_year_not_the_open_drafts(qtbot, window, monkeypatch,
                                                          example_file):
    from declapp.form.model import budget_year

    assert window.doc.draft.year == budget_year()  # the blank draft at start
    assert window.file_actions.open_path(example_file)  # a 2021 form
    proposed = []

    def look(dialog):
        proposed.append((dialog.year_spin.value(), dialog.template_id()))
        return QDialog.DialogCode.Rejected

    monkeypatch.setattr(NewDraftDialog, "exec", look)
    window.file_actions.new_draft()
    assert proposed == [(budget_year(), "xicheng-2021")]


def test_saving_over_a_read_only_draft_is_refused_and_offers_save_as(
        qtbot, window, monkeypatch, tmp_path, example_file):
    import os
    import stat

    draft = tmp_path / "上级下发.json"
    draft.write_bytes(example_file.read_bytes())
    draft.chmod(stat.S_IRUSR | stat.S_IRGRP | stat.S_IROTH)  # 0444 in a writable folder
    inode = draft.stat().st_ino
    assert window.file_actions.open_path(draft)
    make_dirty(qtbot, window, "甲")
    offered = []

    def take_save_as(box):
        offered.append(box.text())
        box.clickedButton = lambda: next(b for b in box.buttons() if b.text() == "另存为…")
        return 0

    monkeypatch.setattr(QMessageBox, "exec", take_save_as)
    copy = tmp_path / "我的.json"
    answer_save_dialog(monkeypatch, copy)
    assert window.file_actions.save()
    assert "只读" in offered[0] and "另存为" in offered[0]
    assert draft.read_bytes() == example_file.read_bytes()  # untouched: same file, same bytes
    assert draft.stat().st_ino == inode
    assert window.doc.path == copy.resolve() and not window.isWindowModified()
    assert load(copy).texts["department.name"].endswith("甲")
    os.chmod(draft, 0o644)


def test_new_names_a_template_file_that_could_not_be_used(qtbot, data_folder):
    """A region's template the clerk copied into the data folder, with a mistake in it:
    新建 does not offer it, and says which file and what is wrong."""
    from declapp.form import templates

    folder = data_folder / templates.USER_FOLDER_NAME
    folder.mkdir(parents=True)
    (folder / "本区模板.json").write_text('{"id": "benqu", "name": 3}', encoding="utf-8")
    templates.reload_templates()
    try:
        dialog = NewDraftDialog(None, "xicheng-2021", 2024)
        qtbot.addWidget(dialog)
        dialog.show()
        label = dialog.problems_label
        assert label.isVisible()
        assert "本区模板.json" in label.text() and "没有列出" in label.text()
        assert dialog.template_combo.findData("benqu") == -1
    finally:
        (folder / "本区模板.json").unlink()
        templates.reload_templates()
    clean = NewDraftDialog(None, "xicheng-2021", 2024)
    qtbot.addWidget(clean)
    clean.show()
    assert not clean.problems_label.isVisible()


def test_a_folder_of_the_regions_templates_chosen_in_settings(qtbot, window, tmp_path,
                                                              monkeypatch, settings):
    """设置 › 表格模板: the templates in the folder chosen are offered by 新建 and the
    template list at once, and at the next start; a folder that is not there is refused."""
    import json

    from PySide6.QtWidgets import QMessageBox

    from declapp.form import templates
    from declapp.gui.dialogs.settings import SettingsDialog
    from declapp.system.paths import resource_path

    folder = tmp_path / "本区模板"
    folder.mkdir()
    data = json.loads(resource_path("templates", "hunan-2023.json").read_text("utf-8"))
    data.update(id="benqu-2025", name="本区 整体绩效目标表（2025 年版）", region="本区")
    (folder / "benqu.json").write_text(json.dumps(data, ensure_ascii=False), "utf-8")
    warned = []
    monkeypatch.setattr(QMessageBox, "warning", lambda *a, **k: warned.append(a[2]))

    def choose(path):
        def exec_(dialog):
            dialog.template_dir.setText(str(path))
            dialog.accept()
            return dialog.result()
        monkeypatch.setattr(SettingsDialog, "exec", exec_)

    try:
        choose(tmp_path / "没有这个文件夹")
        assert not window.edit_settings()
        assert warned and "不存在" in warned[0]
        assert "benqu-2025" not in templates.available_templates()

        choose(folder)
        assert window.edit_settings()
        combo = window.form_tabs[0].template_combo
        assert combo.findData("benqu-2025") >= 0
        dialog = NewDraftDialog(None, "xicheng-2021", 2025)
        qtbot.addWidget(dialog)
        assert dialog.template_combo.findData("benqu-2025") >= 0

        templates.set_extra_folders([])  # the next start reads the folder from the settings
        from declapp.gui.main_window import MainWindow

        again = MainWindow(settings)
        qtbot.addWidget(again)
        assert "benqu-2025" in templates.available_templates()
        again.doc.stack.setClean()
    finally:
        templates.set_extra_folders([])
