"""The window's house rules: dialogs are freed, errors are logged and shown, long work
runs off the GUI thread with progress and one failure message."""

from __future__ import annotations

import re
import threading
import time

import pytest
from PySide6.QtCore import QEvent, Qt, QThreadPool
from PySide6.QtGui import QAction, QGuiApplication
from PySide6.QtWidgets import QApplication, QDialog, QFileDialog, QMessageBox, QPushButton

from declapp.errors import ClerkError
from declapp.gui import errors


def _deleted_later() -> None:
    QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete.value)


def test_dialogs_are_freed_when_closed(qtbot, window, monkeypatch):
    def close_at_once(dialog):
        dialog.reject()
        return QDialog.DialogCode.Rejected

    monkeypatch.setattr(QDialog, "exec", close_at_once)
    for _ in range(5):
        window.menu_actions["actionNew"].trigger()
        window.menu_actions["actionSettings"].trigger()
    assert len(window.findChildren(QDialog)) == 10  # opened, and still there until…
    _deleted_later()
    assert window.findChildren(QDialog) == []


@pytest.mark.qt_no_exception_capture
def test_an_error_in_a_slot_is_logged_and_shown_with_its_details(qtbot, tmp_path,
                                                                 monkeypatch):
    log = errors.install(tmp_path / "data")
    assert log == tmp_path / "data" / "logs" / "declapp.log"
    shown: list[QMessageBox] = []
    monkeypatch.setattr(QMessageBox, "open", lambda box: shown.append(box))
    button = QPushButton()
    button.clicked.connect(lambda: {}["没有这个键"])
    button.click()
    assert "KeyError" in log.read_text(encoding="utf-8")
    box = shown[0]
    assert box.windowTitle() == "程序出现内部错误"
    assert "草稿仍然打开着" in box.informativeText()
    assert "Traceback" in box.detailedText()
    copy = next(b for b in box.buttons() if b.text() == "复制详细信息")
    copy.click()
    assert "KeyError" in QGuiApplication.clipboard().text()
    assert errors.shown_box() is box  # the copy button does not close it
    box.done(0)
    _deleted_later()


@pytest.mark.qt_no_exception_capture
def test_an_error_in_a_worker_thread_reaches_the_window(qtbot, tmp_path, monkeypatch):
    log = errors.install(tmp_path / "data")
    shown: list[QMessageBox] = []
    monkeypatch.setattr(QMessageBox, "open", lambda box: shown.append(box))

    def work() -> None:
        raise ValueError("线程里的错误")

    thread = threading.Thread(target=work, name="worker")
    thread.start()
    thread.join()
    qtbot.waitUntil(lambda: bool(shown), timeout=3000)
    assert "线程里的错误" in shown[0].informativeText()
    assert "worker" in log.read_text(encoding="utf-8")
    shown[0].done(0)
    _deleted_later()


def test_ops_shows_progress_disables_its_actions_and_hands_back_the_result(qtbot, window):
    action = QAction("导出", window)
    results = []

    def work(progress):
        for n in range(3):
            progress.step(n, 3)
            time.sleep(0.05)
        return "好了"

    assert window.ops.run("job", work, results.append, text="正在做", failure_title="失败",
                          actions=[action]) is not None
    assert not action.isEnabled() and window.ops.bar.isVisible() and window.ops.busy("job")
    assert window.ops.run("job", work, results.append, text="再做", failure_title="失败") is None
    qtbot.waitUntil(lambda: results == ["好了"], timeout=5000)
    assert action.isEnabled() and not window.ops.bar.isVisible() and not window.ops.busy()


@pytest.mark.parametrize(("error", "said"), [
    (ClerkError("无法写入“表.pdf”：磁盘空间不足。"), "无法写入“表.pdf”：磁盘空间不足。"),
    (ZeroDivisionError("division by zero"), "发生内部错误：ZeroDivisionError"),
])
def test_ops_says_a_failure_once(qtbot, window, monkeypatch, error, said):
    shown = []
    monkeypatch.setattr(QMessageBox, "warning", lambda p, title, text: shown.append((title, text)))

    def work(progress):
        raise error

    window.ops.run("job", work, lambda result: shown.append("done"), text="正在做",
                   failure_title="导出失败")
    qtbot.waitUntil(lambda: bool(shown), timeout=5000)
    assert len(shown) == 1 and shown[0][0] == "导出失败" and shown[0][1].startswith(said)
    assert not window.ops.busy()


def test_ops_work_can_be_cancelled(qtbot, window):
    results, started = [], threading.Event()

    def work(progress):
        started.set()
        for n in range(1000):
            progress.step(n, 1000)
            time.sleep(0.01)
        return "finished"

    window.ops.run("job", work, results.append, text="正在做", failure_title="失败")
    assert started.wait(5)
    window.ops.cancel("job")
    qtbot.waitUntil(lambda: not window.ops.busy(), timeout=5000)
    assert results == []  # cancelled work hands nothing back


def test_qts_own_file_dialog_speaks_chinese_and_shows_its_columns(qtbot, tmp_path):
    from PySide6.QtWidgets import QLabel, QTreeView

    from declapp.gui import qt_setup

    app = QApplication.instance()
    qt_setup.install(app)
    try:
        (tmp_path / "展览路街道办事处-2022-绩效目标申报表.json").write_text("{}", encoding="utf-8")
        dialog = QFileDialog(None, "打开申报表草稿", str(tmp_path), "申报表草稿 (*.json)")
        # Where the desktop offers no native dialog (many UOS and 麒麟 set-ups), this one shows.
        dialog.setOption(QFileDialog.Option.DontUseNativeDialog, True)
        dialog.setViewMode(QFileDialog.ViewMode.Detail)
        with qt_setup.file_dialog_room():  # as every file dialog the program opens
            dialog.show()
        qtbot.waitExposed(dialog)
        labels = [label.text() for label in dialog.findChildren(QLabel) if label.text()]
        assert "查找范围(&I)：" in labels and "文件类型(&T)：" in labels
        # No English left (the letter of a shortcut, "(&N)", is not English).
        english = [t for t in labels if re.search("[A-Za-z]", re.sub(r"\(&\w\)", "", t))]
        assert english == [], labels
        view = dialog.findChild(QTreeView)
        header = view.header()
        headers = [view.model().headerData(c, Qt.Orientation.Horizontal)
                   for c in range(header.count())]
        assert headers == ["名称", "大小", "类型", "修改日期"]
        assert dialog.width() >= 860
        from PySide6.QtWidgets import QSplitter

        assert dialog.findChild(QSplitter).sizes()[0] >= 150  # 计算机 is not cut off
        qtbot.waitUntil(lambda: view.model().rowCount(view.rootIndex()) == 1, timeout=3000)
        name_width = header.sectionSize(0)
        shown_name = view.fontMetrics().horizontalAdvance(
            "展览路街道办事处-2022-绩效目标申报表.json")
        assert name_width > shown_name  # the file's name is not cut off
        dialog.close()
    finally:
        qt_setup.uninstall(app)


def _shown_width(fake_calls: list[int]):
    """A stand-in for ``QFileDialog.getOpenFileName``: shows Qt's own dialog, as a desktop
    without a native one does, and notes the width it shows at."""

    def get_open_file_name(parent, caption="", folder="", filters="", *args, **kwargs):
        dialog = QFileDialog(parent, caption, folder, filters)
        dialog.setOption(QFileDialog.Option.DontUseNativeDialog, True)
        dialog.setViewMode(QFileDialog.ViewMode.Detail)
        dialog.show()
        fake_calls.append(dialog.width())
        dialog.close()
        dialog.deleteLater()
        return "", ""

    return get_open_file_name


def test_the_file_dialogs_the_window_opens_get_their_room(qtbot, window, monkeypatch):
    widths: list[int] = []
    monkeypatch.setattr(QFileDialog, "getOpenFileName", _shown_width(widths))
    window.menu_actions["actionOpen"].trigger()
    window.menu_actions["actionImport"].trigger()
    assert len(widths) == 2 and min(widths) >= 860, widths


def test_no_filter_watches_every_event_of_the_session(qtbot, window):
    # An application-wide filter in Python made every event of every widget a Python
    # call: a sixth of the time to the first window. Outside the program's file dialog
    # calls, a file dialog keeps the size Qt gives it.
    from declapp.gui import qt_setup

    qt_setup.install(QApplication.instance())
    try:
        widths: list[int] = []
        _shown_width(widths)(window)
        assert widths and widths[0] < 860
    finally:
        qt_setup.uninstall(QApplication.instance())


def test_closing_the_window_while_work_runs_loses_nothing_and_prints_nothing(
        qtbot, settings, no_modal_dialogs, tmp_path, capfd):
    from declapp.gui.main_window import MainWindow

    window = MainWindow(settings)
    window.show()
    qtbot.waitExposed(window)
    finished = threading.Event()
    target = tmp_path / "written.txt"

    def work(progress):
        time.sleep(0.3)
        target.write_text("已写完", encoding="utf-8")
        finished.set()
        return "done"

    window.ops.run("export", work, lambda result: None, text="正在导出…",
                   failure_title="导出失败")
    capfd.readouterr()
    window.close()
    window.deleteLater()
    _deleted_later()  # the window and its Ops are gone; the work goes on
    assert finished.wait(5)
    QThreadPool.globalInstance().waitForDone(5000)
    for _ in range(5):
        QApplication.processEvents()
    assert target.read_text(encoding="utf-8") == "已写完"  # the file is complete
    assert capfd.readouterr().err == ""


def test_the_status_bar_says_what_runs(qtbot, window):
    release = threading.Event()
    window.ops.run("export", lambda progress: release.wait(5), lambda result: None,
                   text="正在导出…", failure_title="导出失败")
    assert window.ops.label.isVisible() and window.ops.label.text() == "正在导出…"
    release.set()
    qtbot.waitUntil(lambda: not window.ops.busy(), timeout=5000)
    assert not window.ops.label.isVisible()


def _file_dialog_calls_outside_the_room() -> list[str]:
    """Each ``QFileDialog.get…`` call in the window's own code that is not inside
    ``with file_dialog_room():``."""
    import ast
    from pathlib import Path

    import declapp.gui

    root = Path(declapp.gui.__file__).parent
    outside: list[str] = []
    for path in sorted(root.rglob("*.py")):
        if "widgets/forms" in path.as_posix():
            continue  # generated by pyside6-uic
        tree = ast.parse(path.read_text(encoding="utf-8"))
        inside: set[int] = set()
        for node in ast.walk(tree):
            if isinstance(node, ast.With) and any(
                    isinstance(item.context_expr, ast.Call)
                    and getattr(item.context_expr.func, "id", "") == "file_dialog_room"
                    for item in node.items):
                inside.update(id(n) for n in ast.walk(node))
        for node in ast.walk(tree):
            if not isinstance(node, ast.Call) or id(node) in inside:
                continue
            func = node.func
            dialog = isinstance(func, ast.Attribute) and func.attr.startswith("get") and \
                getattr(func.value, "id", "") == "QFileDialog"
            if dialog:
                outside.append(f"{path.relative_to(root)}:{node.lineno}")
    return outside


def test_every_file_dialog_of_the_window_gets_its_room():
    # The room is given only around the calls that may show Qt's own file dialog (a filter
    # on every event of the application slowed the start): a new call must be inside too.
    assert _file_dialog_calls_outside_the_room() == []
