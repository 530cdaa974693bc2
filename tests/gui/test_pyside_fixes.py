"""A long session must not wear down None and True (PySide6 6.12 on Python 3.11)."""

from __future__ import annotations

import subprocess
import sys

SESSION = """
import os
os.environ["QT_QPA_PLATFORM"] = "offscreen"
import declapp.gui  # noqa: F401  (applies the guard)
from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QApplication, QLineEdit

class Doc(QObject):
    changed = Signal(str)

app = QApplication([])
edit, doc = QLineEdit(), Doc()
doc.changed.connect(edit.setText)
for i in range(150_000):  # more void calls and emits than None/True have references
    doc.changed.emit("x")
    edit.setCursorPosition(0)
print("survived")
"""


def test_many_void_calls_and_emits_do_not_crash_the_interpreter():
    result = subprocess.run([sys.executable, "-c", SESSION], capture_output=True, text=True,
                            timeout=120)
    assert result.returncode == 0, result.stderr[-2000:]
    assert result.stdout.strip() == "survived"
