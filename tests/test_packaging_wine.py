"""The frozen Windows build's window, run under wine (packaging/winewindow.py).

The slow test freezes this checkout for Windows under wine (``build.py windows-window``;
an onedir frozen from this very checkout is tested again instead), then starts
``declappw.exe`` on a virtual X screen with wine 10: a draft opened from a folder with a
Chinese name, 全部导出 through the window's menu and the native folder dialog, the three
files checked (the PDF embeds the bundled fonts and equals the command line's), 退出.
It is skipped only where wine is absent. The first run also makes a Debian 13 root with
wine 10 (Debian 12's wine 8.0 cannot start Qt's Windows platform plugin), as root.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "packaging"))

import winewindow  # noqa: E402

DEBIAN_WINE64 = Path("/usr/lib/wine/wine64")  # Debian's wine64 is not on PATH
WINE64 = shutil.which("wine64") or (str(DEBIAN_WINE64) if DEBIAN_WINE64.is_file() else None)


def _fake_wine(base: Path, dll_dir: str, with_windows_ui: bool) -> Path:
    wine64 = base / "bin" / "wine64"
    wine64.parent.mkdir(parents=True)
    wine64.write_text("#!/bin/sh\n")
    dlls = base / dll_dir
    dlls.mkdir(parents=True)
    (dlls / "combase.dll").write_bytes(b"MZ")
    if with_windows_ui:
        (dlls / "windows.ui.dll").write_bytes(b"MZ")
    return wine64


@pytest.mark.parametrize("dll_dir", ["lib/wine/x86_64-windows", "lib64/wine/x86_64-windows",
                                     "x86_64-linux-gnu/wine/x86_64-windows"])
def test_only_a_wine_with_windows_ui_runs_the_window(tmp_path: Path, dll_dir: str) -> None:
    """Qt's Windows plugin aborts without the WinRT class UISettings (windows.ui.dll)."""
    assert winewindow.can_show_window(_fake_wine(tmp_path / "new", dll_dir, True))
    assert not winewindow.can_show_window(_fake_wine(tmp_path / "old", dll_dir, False))


def test_the_prefix_plays_a_chinese_windows_on_a_laptop_screen() -> None:
    reg = winewindow.prefix_registry()
    assert reg.startswith("Windows Registry Editor Version 5.00\r\n")
    for font in ("微软雅黑", "Microsoft YaHei UI", "SimSun", "宋体"):
        assert f'"{font}"="WenQuanYi Micro Hei"' in reg
    assert '"Desktop"="declapp"' in reg and '"declapp"="1366x768"' in reg
    assert winewindow.LOCALE == "zh_CN.UTF-8"  # code page 936, as on a clerk's PC


def test_wine_commands_carry_exactly_their_environment() -> None:
    wine = winewindow.Wine(["/usr/sbin/chroot", "/roots/w"], "/usr/lib/wine/wine64",
                           "/usr/lib/wine/wineserver", {"LANG": "zh_CN.UTF-8"}, "root")
    assert wine.cmd("app.exe", "Z:\\草稿.json", DECLAPP_DATA_DIR="Z:\\d") == [
        "/usr/sbin/chroot", "/roots/w", "env", "-i", "LANG=zh_CN.UTF-8",
        "DECLAPP_DATA_DIR=Z:\\d", "/usr/lib/wine/wine64", "app.exe", "Z:\\草稿.json"]
    assert wine.server("-k")[-2:] == ["/usr/lib/wine/wineserver", "-k"]


@pytest.mark.slow
@pytest.mark.skipif(WINE64 is None, reason="wine64 is not installed: the frozen Windows "
                    "window was NOT run under wine (Debian: apt-get install wine64)")
@pytest.mark.skipif(os.environ.get("DECLAPP_WINE_WINDOW") != "1",
                    reason="the frozen Windows window under wine was NOT run: it freezes the "
                    "app for Windows (5-8 min); packaging/build.py windows runs it, or set "
                    "DECLAPP_WINE_WINDOW=1")
def test_the_frozen_windows_window_under_wine(tmp_path: Path) -> None:
    from PIL import Image

    screens = tmp_path / "screens"
    done = subprocess.run([sys.executable, str(ROOT / "packaging" / "build.py"),
                           "windows-window", "--screens", str(screens)],
                          capture_output=True, text=True, timeout=3600, cwd=ROOT)
    assert done.returncode == 0, done.stdout[-4000:] + done.stderr[-4000:]
    assert "the window under wine" in done.stdout
    shots = sorted(p.name for p in screens.glob("*.png"))
    assert shots == ["1-window.png", "2-folder-dialog.png", "3-exported.png",
                     "4-indicators-tab.png", "5-pdf-page-1.png"], done.stdout[-4000:]
    for name in shots[:4]:
        with Image.open(screens / name) as image:
            assert image.size == winewindow.SCREEN
            # Not a blank or single-colour screen: the window and its text were drawn.
            assert len(image.convert("RGB").getcolors(1 << 24) or ()) > 20, name


def test_the_reused_onedir_is_keyed_by_everything_the_spec_freezes() -> None:
    """build.py windows-window tests an onedir again when tree_id() is unchanged: every
    packaging module the spec imports must be among the hashed inputs."""
    import re

    import windows

    spec = (ROOT / "packaging" / "declapp.spec").read_text(encoding="utf-8")
    imported = {f"{m}.py" for m in re.findall(r"^from (\w+) import", spec, re.MULTILINE)
                if (ROOT / "packaging" / f"{m}.py").is_file()}
    assert imported and imported <= set(windows.FREEZE_INPUTS)
    assert all((ROOT / "packaging" / name).is_file() for name in windows.FREEZE_INPUTS)
    assert len(windows.tree_id()) == 64
    assert "windows.py" not in windows.FREEZE_INPUTS  # its freezing functions are hashed
