"""The first window fits the screen: on a 1366×768 office PC (the taskbar leaves 728
pixels) the status bar and the foot of the problems panel are on screen, and a size
the clerk chose comes back as it was."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from PySide6.QtCore import QMargins, QRect, QSize

from declapp.gui.widgets.window_size import FRAME_RESERVE, fitted_geometry

# Runs in a Qt of its own, whose one screen is what the test says: a real QScreen, and
# the window manager's frame around the window (the offscreen platform draws 2 px).
_SHOW_WINDOW = """
import json, sys
from PySide6.QtCore import QPoint, QSettings
from declapp.gui.app import create_application
from declapp.gui.main_window import MainWindow
app = create_application()
settings = QSettings(sys.argv[1], QSettings.Format.IniFormat)
window = MainWindow(settings)
window.show()
app.processEvents()
bar = window.statusBar()
problems = window.problems
foot = lambda w: w.mapToGlobal(QPoint(0, w.height())).y()
out = {"frame": window.frameGeometry().getRect(), "geometry": window.geometry().getRect(),
       "available": window.screen().availableGeometry().getRect(),
       "status_foot": foot(bar), "problems_foot": foot(problems),
       "problems_shown": problems.isVisible()}
if len(sys.argv) > 2:
    window.resize(900, 600)
    window.move(40, 30)
    app.processEvents()
    out["chosen"] = window.geometry().getRect()
    window.close()
print("RESULT" + json.dumps(out))
"""


def _run(tmp_path: Path, width: int, height: int, *extra: str) -> dict:
    screens = tmp_path / "screens.json"
    screens.write_text(json.dumps({"windowFrameMargins": True, "screens": [
        {"name": "office", "x": 0, "y": 0, "width": width, "height": height,
         "logicalDpi": 96, "logicalBaseDpi": 96, "dpr": 1}]}))
    env = {**os.environ, "QT_QPA_PLATFORM": f"offscreen:configfile={screens}",
           "DECLAPP_DATA_DIR": str(tmp_path / "data")}
    done = subprocess.run([sys.executable, "-c", _SHOW_WINDOW, str(tmp_path / "s.ini"),
                           *extra], env=env, capture_output=True, text=True, timeout=120,
                          check=True)
    line = next(x for x in done.stdout.splitlines() if x.startswith("RESULT"))
    return json.loads(line[len("RESULT"):])


def _inside(inner: list[int], outer: list[int]) -> bool:
    x, y, w, h = inner
    ox, oy, ow, oh = outer
    return ox <= x and oy <= y and x + w <= ox + ow and y + h <= oy + oh


def test_the_first_window_fits_a_1366_by_768_screen(tmp_path):
    shown = _run(tmp_path, 1366, 728, "resize")  # 768 less a 40-pixel taskbar
    assert _inside(shown["frame"], shown["available"]), shown
    bottom = shown["available"][1] + shown["available"][3]
    assert shown["status_foot"] <= bottom and shown["problems_foot"] <= bottom
    assert shown["geometry"][2] == 1180  # as wide as the form asks: the screen has room
    # The size the clerk chose is what the next start shows.
    again = _run(tmp_path, 1366, 728)
    assert again["geometry"] == shown["chosen"]


def test_a_large_screen_gets_the_forms_size_centred(tmp_path):
    shown = _run(tmp_path, 1920, 1040)
    x, _y, w, h = shown["geometry"]
    assert (w, h) == (1180, 800)
    assert abs(x - (1920 - (x + w))) <= 2 and _inside(shown["frame"], shown["available"])


def test_the_geometry_leaves_room_for_the_frame_and_stays_on_the_screen():
    available = QRect(0, 0, 1366, 728)
    frame = QMargins(4, 30, 4, 4)
    fitted = fitted_geometry(QSize(1180, 800), available, frame)
    outer = fitted.marginsAdded(frame)
    assert available.contains(outer) and fitted.height() == 728 - 34
    # A second screen to the right, with a taskbar on top.
    right = QRect(1920, 40, 1280, 984)
    assert right.contains(fitted_geometry(QSize(1180, 800), right, FRAME_RESERVE)
                          .marginsAdded(FRAME_RESERVE))
