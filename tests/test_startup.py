"""Before Qt starts: no screen gives one Chinese sentence (not Qt's abort), the command
line never needs a screen, and fcitx sessions are pointed at fcitx5's ibus frontend."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from declapp.system.paths import example_path
from declapp.system.startup import NO_DISPLAY, choose_input_method, no_display_message

ROOT = Path(__file__).resolve().parent.parent
PLUGINS = [Path("libcomposeplatforminputcontextplugin.so"),
           Path("libibusplatforminputcontextplugin.so")]


def bare_env(**extra: str) -> dict[str, str]:
    """What ``env -i PATH=… HOME=…`` leaves: no DISPLAY, no QT_QPA_PLATFORM."""
    env = {"PATH": "/usr/bin:/bin", "HOME": os.environ.get("HOME", "/root"),
           "PYTHONPATH": str(ROOT)}
    env.update(extra)
    return env


WITH_WAYLAND = [Path("libqxcb.so"), Path("libqwayland-generic.so")]
FROZEN = [Path("libqxcb.so"), Path("libqoffscreen.so"), Path("libqminimal.so")]


@pytest.mark.parametrize("env, plugins, expected", [
    ({}, WITH_WAYLAND, NO_DISPLAY),
    ({"DISPLAY": ":0"}, FROZEN, None),
    ({"WAYLAND_DISPLAY": "wayland-0"}, WITH_WAYLAND, None),
    # The frozen builds have no Wayland plugin: Wayland alone is no screen for them.
    ({"WAYLAND_DISPLAY": "wayland-0"}, FROZEN, NO_DISPLAY),
    ({"WAYLAND_DISPLAY": "wayland-0", "DISPLAY": ":0"}, FROZEN, None),
    ({"QT_QPA_PLATFORM": "offscreen"}, FROZEN, None),
    ({"DISPLAY": ""}, WITH_WAYLAND, NO_DISPLAY),
])
def test_no_display_message_on_linux(env, plugins, expected) -> None:
    assert no_display_message(env, "linux", plugins) == expected


@pytest.mark.parametrize("platform", ["win32", "darwin"])
def test_windows_and_macos_always_have_a_screen(platform) -> None:
    assert no_display_message({}, platform) is None


def test_message_is_one_chinese_sentence() -> None:
    assert NO_DISPLAY.count("。") == 1 and NO_DISPLAY.endswith("。")
    assert "屏幕" in NO_DISPLAY and "xcb" not in NO_DISPLAY


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="X11/Wayland check")
def test_window_without_a_screen_says_so_and_never_loads_qt() -> None:
    # -X importtime would be noisy; instead the child reports whether Qt got imported.
    code = ("import sys\nfrom declapp.cli.commands import main\nrc = main([])\n"
            "print('qt' if 'PySide6.QtCore' in sys.modules else 'no-qt')\nsys.exit(rc)")
    done = subprocess.run([sys.executable, "-c", code], env=bare_env(), capture_output=True,
                          text=True, timeout=60)
    assert done.returncode == 1
    assert done.stderr.strip() == NO_DISPLAY
    assert done.stdout.strip() == "no-qt"


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="X11/Wayland check")
def test_command_line_works_without_a_screen(tmp_path: Path) -> None:
    draft = example_path("zhanlanlu-2021.json")
    run = [sys.executable, "-m", "declapp"]
    checked = subprocess.run([*run, "check", str(draft)], env=bare_env(), capture_output=True,
                             text=True, timeout=60)
    assert checked.returncode == 0, checked.stderr
    made = subprocess.run([*run, "new", "--year", "2023", "-o", str(tmp_path / "n.json")],
                          env=bare_env(), capture_output=True, text=True, timeout=60)
    assert made.returncode == 0, made.stderr
    exported = subprocess.run([*run, "export", str(draft), "-o", str(tmp_path / "a.docx")],
                              env=bare_env(), capture_output=True, text=True, timeout=120)
    assert exported.returncode == 0, exported.stderr
    assert (tmp_path / "a.docx").stat().st_size > 0


@pytest.mark.parametrize("env", [
    {"QT_IM_MODULE": "fcitx"},
    {"QT_IM_MODULE": "fcitx5"},
    {"XMODIFIERS": "@im=fcitx"},
])
def test_fcitx_sessions_use_the_ibus_plugin(env) -> None:
    env = dict(env)
    assert choose_input_method(env, PLUGINS, "linux") == "ibus"
    # The portal: Qt's ibus plugin otherwise wants an ibus-daemon program installed.
    assert env["QT_IM_MODULE"] == "ibus" and env["IBUS_USE_PORTAL"] == "1"


@pytest.mark.parametrize("env, plugins, platform", [
    ({"QT_IM_MODULE": "ibus"}, PLUGINS, "linux"),  # already ibus
    ({"QT_IM_MODULE": "xim", "XMODIFIERS": "@im=fcitx"}, PLUGINS, "linux"),  # user's choice
    ({}, PLUGINS, "linux"),  # no input method asked for
    ({"QT_IM_MODULE": "fcitx"}, [*PLUGINS, Path("libfcitx5platforminputcontextplugin.so")],
     "linux"),  # a real fcitx plugin is there
    ({"QT_IM_MODULE": "fcitx"}, PLUGINS[:1], "linux"),  # no ibus plugin to use
    ({"QT_IM_MODULE": "fcitx", "DECLAPP_KEEP_IM": "1"}, PLUGINS, "linux"),
    ({"QT_IM_MODULE": "fcitx"}, PLUGINS, "win32"),
])
def test_other_sessions_are_left_alone(env, plugins, platform) -> None:
    before = dict(env)
    assert choose_input_method(env, plugins, platform) is None
    assert env == before


def test_this_pyside6_has_the_ibus_plugin() -> None:
    # The fallback relies on the wheel's ibus plugin: it must be found without Qt.
    from declapp.system.startup import qt_input_plugins

    names = [p.name for p in qt_input_plugins()]
    if sys.platform.startswith("linux"):
        assert any("ibus" in name for name in names), names
