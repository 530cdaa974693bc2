"""The start page: a start without a draft offers 导入, 打开, 新建, the example and the
recent drafts, not an empty form already full of findings; ``declapp 草稿.json`` (and the
README's first command, on the bundled example) opens the draft at once."""

from __future__ import annotations

import shutil
from pathlib import Path

from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QApplication, QDialog, QFileDialog

from declapp.gui import app as gui_app
from declapp.gui import qt_setup
from declapp.gui.dialogs.new_draft import NewDraftDialog
from declapp.gui.main_window import DRAFT_ACTIONS, MainWindow


def _start(qtbot, make_window, recent: list[Path] = ()):
    window = make_window()
    window.settings.recent_files = [str(p) for p in recent]
    window.show_start_page()
    return window


def test_a_start_without_a_draft_shows_the_start_page_not_findings(qtbot, make_window,
                                                                   example_file, tmp_path):
    mine = tmp_path / "去年.json"
    shutil.copy(example_file, mine)
    window = _start(qtbot, make_window, [mine, tmp_path / "不存在.json"])
    page = window.start_page
    assert page.isVisible() and not window.tab_widget.isVisible()
    # Nothing says 错误 2 个，警告 11 个 about a form nobody has started.
    assert not window.problems.isVisible() and not window.problems.status_label.isVisible()
    assert window.windowTitle() == "绩效目标申报表"
    for button in (page.import_button, page.open_button, page.new_button,
                   page.example_button):
        assert button.isVisible()
    assert [page.import_button.text(), page.open_button.text(), page.new_button.text()] == [
        "导入去年的表…", "打开草稿…", "新建…"]
    # What needs a draft waits for one.
    assert all(not window.menu_actions[name].isEnabled() for name in DRAFT_ACTIONS)
    # The recent drafts that still exist, newest first; Enter opens one.
    assert page.recent.count() == 1 and page.recent.item(0).text() == "去年.json"
    page.recent.setFocus()
    qtbot.keyClick(page.recent, Qt.Key.Key_Return)
    assert window.doc.path == mine.resolve()
    assert not page.isVisible() and window.tab_widget.isVisible()
    assert window.problems.status_label.isVisible()
    assert window.menu_actions["actionSave"].isEnabled()
    assert window.windowTitle() == "去年.json[*] — 绩效目标申报表"


def test_open_new_and_the_example_from_the_start_page(qtbot, make_window, example_file,
                                                       tmp_path, monkeypatch):
    window = _start(qtbot, make_window)
    page = window.start_page
    assert not page.recent.isVisible() and "还没有打开过草稿" in page.recent_hint.text()
    # 新建…, cancelled: the start page stays.
    monkeypatch.setattr(NewDraftDialog, "exec", lambda d: QDialog.DialogCode.Rejected)
    qtbot.mouseClick(page.new_button, Qt.MouseButton.LeftButton)
    assert page.isVisible()
    # 打开草稿…
    draft = tmp_path / "草稿.json"
    shutil.copy(example_file, draft)
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(draft), ""))
    qtbot.mouseClick(page.open_button, Qt.MouseButton.LeftButton)
    assert window.doc.path == draft.resolve() and window.tab_widget.isVisible()

    other = _start(qtbot, make_window)
    monkeypatch.setattr(NewDraftDialog, "exec", lambda d: QDialog.DialogCode.Accepted)
    qtbot.mouseClick(other.start_page.new_button, Qt.MouseButton.LeftButton)
    assert other.tab_widget.isVisible() and other.doc.path is None

    third = _start(qtbot, make_window)
    qtbot.mouseClick(third.start_page.example_button, Qt.MouseButton.LeftButton)
    assert third.doc.path == example_file.resolve()
    assert third.doc.draft.texts["department.name"].startswith("北京市西城区")


def _run_and_look(monkeypatch, files: list[str]) -> dict[str, object]:
    seen: dict[str, object] = {}

    def inspect(app):
        windows = [w for w in QApplication.topLevelWidgets()
                   if isinstance(w, MainWindow) and w.isVisible()]
        window = windows[0]
        seen["start"] = window.on_start_page()
        seen["title"] = window.windowTitle()
        seen["findings"] = window.problems.status_label.isVisible()
        for w in windows:
            w.doc.stack.setClean()
            w.close()
            w.deleteLater()
        QApplication.processEvents()
        return 0

    monkeypatch.setattr(QApplication, "exec", inspect)
    try:
        assert gui_app.run(files) == 0
    finally:
        qt_setup.uninstall(QApplication.instance())
    return seen


def test_the_command_line_decides(qapp, tmp_path, example_file, monkeypatch):
    QSettings.setPath(QSettings.Format.NativeFormat, QSettings.Scope.UserScope, str(tmp_path))
    # `declapp`: the start page.
    seen = _run_and_look(monkeypatch, [])
    assert seen["start"] is True and seen["findings"] is False
    # The README's first command, `declapp resources/examples/zhanlanlu-2021.json`: the form.
    seen = _run_and_look(monkeypatch, [str(example_file)])
    assert seen["start"] is False and seen["title"] == "zhanlanlu-2021.json[*] — 绩效目标申报表"
    # A file that is no draft: said (an error box), then the start page, not an empty form.
    bad = tmp_path / "坏.json"
    bad.write_text("{", encoding="utf-8")
    monkeypatch.setattr("declapp.gui.dialogs.messages.QMessageBox.critical",
                        lambda *a, **k: None)
    seen = _run_and_look(monkeypatch, [str(bad)])
    assert seen["start"] is True



def test_the_start_page_leaves_the_forms_tab_order_alone(window):
    """From the tab bar, Tab goes into the form's first field, not into the problems list
    or the start page (the fcitx5 test types into the field the first Tab lands in)."""
    bar = window.tab_widget.tabBar()
    nxt = bar.nextInFocusChain()
    while not (nxt.isVisible() and nxt.focusPolicy() & Qt.FocusPolicy.TabFocus):
        nxt = nxt.nextInFocusChain()
    assert nxt is window.editor("department.name")
    chain, widget = [], window.nextInFocusChain()
    while widget is not window and len(chain) < 2000:
        chain.append(widget)
        widget = widget.nextInFocusChain()
    assert chain.index(bar) < chain.index(window.problems.view)
