"""GUI fixtures: a main window with its settings in tmp_path, and no dialog left modal."""

from __future__ import annotations

import logging
import sys
import threading

import pytest
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QDialog, QFileDialog, QMessageBox

from declapp.gui.main_window import MainWindow


class UnexpectedDialog(AssertionError):
    pass


@pytest.fixture
def no_modal_dialogs(monkeypatch):
    """A test that runs into a dialog it did not patch fails instead of hanging."""

    def refuse(*args, **kwargs):
        raise UnexpectedDialog(f"unexpected dialog: {args[1:3]!r}")

    monkeypatch.setattr(QMessageBox, "exec", refuse)
    monkeypatch.setattr(QMessageBox, "critical", refuse)
    monkeypatch.setattr(QMessageBox, "information", refuse)
    monkeypatch.setattr(QMessageBox, "about", refuse)
    monkeypatch.setattr(QMessageBox, "warning", refuse)
    monkeypatch.setattr(QMessageBox, "question", refuse)
    monkeypatch.setattr(QFileDialog, "getExistingDirectory", refuse)
    monkeypatch.setattr(QDialog, "exec", refuse)
    monkeypatch.setattr(QFileDialog, "getOpenFileName", refuse)
    monkeypatch.setattr(QFileDialog, "getSaveFileName", refuse)


@pytest.fixture(autouse=True)
def error_hooks_restored(monkeypatch):
    """run() installs the window's error hooks and log file: each test gets them back."""
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)
    monkeypatch.setattr(threading, "excepthook", threading.excepthook)
    logger = logging.getLogger("declapp")
    handlers = list(logger.handlers)
    yield
    for handler in [h for h in logger.handlers if h not in handlers]:
        logger.removeHandler(handler)
        handler.close()


@pytest.fixture(autouse=True)
def data_folder(tmp_path, monkeypatch):
    """Recovery copies and other app data go to tmp_path, never the tester's home."""
    folder = tmp_path / "appdata"
    monkeypatch.setenv("DECLAPP_DATA_DIR", str(folder))
    return folder


@pytest.fixture
def settings(tmp_path):
    return QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)


@pytest.fixture
def make_window(qtbot, settings, no_modal_dialogs):
    windows = []

    def make(draft=None):
        window = MainWindow(settings, draft)
        window.show()
        qtbot.waitExposed(window)
        windows.append(window)
        return window

    yield make
    for window in windows:
        # Background work (an export, the 指标库 indexing a saved draft) ends first: its
        # result must not arrive at a window that is gone.
        qtbot.waitUntil(lambda window=window: not window.ops.busy(), timeout=20000)
        window.doc.stack.setClean()  # closing must not ask: the test is over
        window.close()
        window.deleteLater()


@pytest.fixture
def window(make_window):
    return make_window()


@pytest.fixture
def errors(monkeypatch):
    """Messages shown with QMessageBox.critical, recorded instead of shown."""
    shown: list[tuple[str, str]] = []
    monkeypatch.setattr(QMessageBox, "critical",
                        lambda parent, title, text, *a, **k: shown.append((title, text)))
    return shown


def answer_save_prompt(monkeypatch, button):
    """Make the 保存 / 不保存 / 取消 box answer *button*; returns the list of prompts."""
    asked: list[str] = []

    def fake_exec(box):
        asked.append(box.text())
        return button

    monkeypatch.setattr(QMessageBox, "exec", fake_exec)
    return asked


def answer_save_dialog(monkeypatch, path):
    calls: list[str] = []

    def fake(*args, **kwargs):
        calls.append("save")
        return (str(path) if path else "", "")

    monkeypatch.setattr(QFileDialog, "getSaveFileName", fake)
    return calls
