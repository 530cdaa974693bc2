"""A named pipe where fonts are looked for: the window still opens, the PDF fonts are
still found. (A pipe called ``~/.fonts/x.ttf`` hung the window at start for ever: Qt's
fontconfig and our own font search both opened it and waited.)"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from declapp.system.font_guard import blocking_entries, guard_font_folders

pytestmark = pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes are POSIX")


@pytest.fixture
def home(tmp_path) -> Path:
    home = tmp_path / "home"
    (home / ".fonts" / "sub").mkdir(parents=True)
    (home / ".local" / "share" / "fonts").mkdir(parents=True)
    os.mkfifo(home / ".fonts" / "sub" / "x.ttf")
    return home


def test_a_folder_with_a_pipe_is_left_out_of_fontconfig(home, tmp_path):
    config = tmp_path / "fonts.conf"
    config.write_text('<fontconfig><dir>/usr/share/fonts</dir><dir prefix="xdg">fonts</dir>'
                      "<dir>~/.fonts</dir><include>conf.d</include></fontconfig>",
                      encoding="utf-8")
    env: dict[str, str] = {}
    assert guard_font_folders(env, home, "linux", config) == [home / ".fonts"]
    copy = Path(env["FONTCONFIG_FILE"]).read_text(encoding="utf-8")
    assert copy == ('<fontconfig><dir>/usr/share/fonts</dir><dir prefix="xdg">fonts</dir>'
                    "<include>conf.d</include></fontconfig>")
    assert env["FONTCONFIG_PATH"] == str(tmp_path)
    assert blocking_entries(home / ".fonts") == [home / ".fonts" / "sub" / "x.ttf"]


def test_clean_folders_change_nothing(tmp_path):
    (tmp_path / ".fonts").mkdir()
    (tmp_path / ".fonts" / "a.ttf").write_bytes(b"not a font, but a file")
    env: dict[str, str] = {}
    assert guard_font_folders(env, tmp_path, "linux") == []
    assert env == {}
    assert guard_font_folders(env, tmp_path, "win32") == []


@pytest.mark.skipif(shutil.which("fc-list") is None, reason="no fontconfig here")
def test_fontconfig_lists_the_fonts_without_waiting_on_the_pipe(home, tmp_path):
    env = {"HOME": str(home), "XDG_CACHE_HOME": str(tmp_path / "cache"),
           "PATH": os.environ["PATH"]}
    assert guard_font_folders(env, home, "linux") == [home / ".fonts"]
    done = subprocess.run(["fc-list"], env=env, capture_output=True, timeout=60, check=True)
    assert done.stdout.strip()


_WINDOW = """
import os, sys
os.environ["QT_QPA_PLATFORM"] = "offscreen"
import declapp.gui.app as gui_app
real_run, real_create = gui_app.run, gui_app.create_application
def create():
    from PySide6.QtCore import QTimer
    app = real_create()
    QTimer.singleShot(1000, app.quit)
    return app
gui_app.create_application = create
from declapp.cli import main
sys.exit(main([]))
"""


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="fontconfig is Linux's")
def test_the_window_opens_with_a_pipe_in_the_font_folder(home, tmp_path):
    env = dict(os.environ, HOME=str(home), DECLAPP_DATA_DIR=str(tmp_path / "data"),
               XDG_CACHE_HOME=str(tmp_path / "cache"), XDG_CONFIG_HOME=str(tmp_path / "cfg"),
               PYTHONIOENCODING="utf-8")
    env.pop("FONTCONFIG_FILE", None)
    done = subprocess.run([sys.executable, "-c", _WINDOW], env=env, capture_output=True,
                          text=True, encoding="utf-8", timeout=120)
    assert done.returncode == 0, done.stderr
    assert "本次窗口不使用这个文件夹中的字体" in done.stderr
    assert "Traceback" not in done.stderr


def test_the_pdf_font_search_skips_a_pipe(tmp_path):
    folder = tmp_path / "fonts"
    folder.mkdir()
    os.mkfifo(folder / "simsun.ttc")
    code = ("from declapp.export.font_files import find_faces; from pathlib import Path; "
            f"print(len(find_faces([Path({str(folder)!r})])))")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          timeout=60)
    assert done.returncode == 0 and done.stdout.strip() == "0", done.stderr
