"""The window shows the clerk's draft without first loading what only later work needs
(issue 20: the window with the example in under 0.4 s from a Python start).

Each test starts the program in a fresh interpreter, as a clerk does, and looks at what
was loaded when the window first showed.
"""

from __future__ import annotations

import os
import subprocess
import sys

from declapp.system.paths import example_path

# Loaded after the window shows, when first used: the readers and writers of forms and
# their libraries (the export warm-up loads the writers a moment later), the import of
# old formats, uuid (and platform, which it loads), importlib.resources.
LATER = ("lxml", "docx", "openpyxl", "reportlab", "pypdfium2", "declapp.importing.importer",
         "PySide6.QtUiTools", "uuid", "platform", "importlib.resources")

SHOWN = """
import sys
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QCommandLinkButton
from declapp.gui.app import create_application, run

app = create_application()

def shown():
    window = next(w for w in app.topLevelWidgets() if w.isVisible())
    feature = sys.modules.get("shibokensupport.feature")
    quick = getattr(getattr(feature, "_mod_uses_pyside", None), "quicker", False)
    print("TITLE", window.windowTitle())
    print("QUICK", quick or feature is None)
    # The start page (its buttons ask the icon theme) is made only to be shown.
    print("START_PAGE_BUTTONS", len(window.findChildren(QCommandLinkButton)))
    print("LOADED", *[m for m in {later!r} if m in sys.modules])
    app.quit()

QTimer.singleShot(0, shown)
sys.exit(run([{draft!r}]))
"""


def test_the_window_shows_the_draft_before_loading_what_comes_later(tmp_path):
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", HOME=str(tmp_path),
               XDG_CONFIG_HOME=str(tmp_path / "config"),
               DECLAPP_DATA_DIR=str(tmp_path / "data"), PYTHONIOENCODING="utf-8")
    code = SHOWN.format(later=LATER, draft=str(example_path()))
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          encoding="utf-8", env=env, timeout=120)
    assert done.returncode == 0, done.stderr[-2000:]
    lines = dict(line.split(" ", 1) if " " in line else (line, "")
                 for line in done.stdout.splitlines())
    assert lines["TITLE"].startswith("zhanlanlu-2021.json")  # the example is open
    assert lines["QUICK"] == "True"
    assert lines["START_PAGE_BUTTONS"] == "0"
    assert lines["LOADED"] == ""
