"""The log under the data folder, where it cannot be written: a named pipe in its place
hung the window at start for ever, a full disk printed a traceback for every message.
Each is now skipped with one line."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

_START = """
import os, sys, time
os.environ["QT_QPA_PLATFORM"] = "offscreen"
from pathlib import Path
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMessageBox
QMessageBox.warning = staticmethod(lambda parent, title, text, *a: print("BOX", title, flush=True))
import declapp.gui.app as gui_app
real_create = gui_app.create_application
def create():
    app = real_create()
    def later():
        import logging
        for n in range(5):
            logging.getLogger("declapp").info("message %d", n)
        print("WINDOW", flush=True)
        app.quit()
    QTimer.singleShot(1000, later)
    return app
gui_app.create_application = create
sys.exit(gui_app.run([]))
"""


def _start_window(data_folder) -> subprocess.CompletedProcess:
    env = dict(os.environ, DECLAPP_DATA_DIR=str(data_folder), PYTHONIOENCODING="utf-8")
    return subprocess.run([sys.executable, "-c", _START], env=env, capture_output=True,
                          text=True, encoding="utf-8", timeout=120)


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes are POSIX")
def test_a_pipe_in_place_of_the_log_is_skipped_with_one_line(tmp_path):
    logs = tmp_path / "data" / "logs"
    logs.mkdir(parents=True)
    os.mkfifo(logs / "declapp.log")
    done = _start_window(tmp_path / "data")
    assert done.returncode == 0, done.stderr
    assert "WINDOW" in done.stdout
    lines = [line for line in done.stderr.splitlines() if "日志" in line]
    assert len(lines) == 1 and "本次不记录日志" in lines[0], done.stderr
    assert "Traceback" not in done.stderr


def test_a_full_disk_under_the_data_folder_is_one_line_and_the_window_works(full_disk):
    if not full_disk.mounted:
        pytest.skip("needs a real full disk (a tmpfs): the log writes through logging")
    full_disk.fill()
    done = _start_window(full_disk.folder / "data")
    assert done.returncode == 0, done.stderr
    assert "WINDOW" in done.stdout and "BOX 自动保存不可用" in done.stdout
    assert "Traceback" not in done.stderr and "Logging error" not in done.stderr
    assert len([line for line in done.stderr.splitlines() if "日志" in line]) <= 1
