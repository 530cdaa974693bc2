"""The rules the frozen builds are made by: which parts of Qt are kept, the glibc check,
the Windows version resource. (The builds themselves are tested by packaging/build.py:
CI runs its ``bundle`` target, a frozen app smoke-tested under ``env -i``.)"""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "packaging"))

import elfcheck  # noqa: E402
import slim  # noqa: E402
import winversion  # noqa: E402


@pytest.mark.parametrize("dest, kept", [
    ("PySide6/Qt/plugins/platforms/libqxcb.so", True),
    ("PySide6/Qt/plugins/platforms/libqoffscreen.so", True),
    ("PySide6/Qt/plugins/platforms/libqwayland-egl.so", False),
    ("PySide6/Qt/plugins/platforms/libqeglfs.so", False),
    ("PySide6/Qt/plugins/platformthemes/libqgtk3.so", False),
    ("PySide6/Qt/plugins/platforminputcontexts/libibusplatforminputcontextplugin.so", True),
    ("PySide6/Qt/plugins/platforminputcontexts/libqtvirtualkeyboardplugin.so", False),
    ("PySide6/Qt/plugins/imageformats/libqsvg.so", True),
    ("PySide6/Qt/plugins/imageformats/libqpdf.so", False),
    ("PySide6/Qt/lib/libQt6Widgets.so.6", True),
    ("PySide6/Qt/lib/libQt6OpenGLWidgets.so.6", True),  # QtUiTools links it
    ("PySide6/Qt/lib/libQt6Quick.so.6", False),
    ("PySide6/Qt/lib/libQt6Network.so.6", True),  # local sockets: one window per file
    ("PySide6/Qt/lib/libQt6QmlNetwork.so.6", False),
    ("PySide6\\plugins\\platforms\\qwindows.dll", True),
    ("PySide6\\plugins\\styles\\qmodernwindowsstyle.dll", True),
    ("PySide6\\opengl32sw.dll", False),
    ("lxml/etree.cpython-311-x86_64-linux-gnu.so", True),
])
def test_which_qt_binaries_are_kept(dest: str, kept: bool) -> None:
    assert slim.keep_binary(dest) is kept


@pytest.mark.parametrize("dest, kept", [
    ("PySide6/Qt/translations/qtbase_zh_CN.qm", True),
    ("PySide6/Qt/translations/qtbase_de.qm", False),
    ("PySide6/Qt/qml/QtQuick/qmldir", False),
    ("declapp/resources/fonts/OFL.txt", True),
])
def test_which_data_files_are_kept(dest: str, kept: bool) -> None:
    assert slim.keep_data(dest) is kept


def test_links_to_dropped_libraries_are_dropped() -> None:
    entries = [("libQt6Core.so.6", "PySide6/Qt/lib/libQt6Core.so.6", "SYMLINK"),
               ("libQt6Quick.so.6", "PySide6/Qt/lib/libQt6Quick.so.6", "SYMLINK"),
               ("PySide6/Qt/lib/libQt6Core.so.6", "/src/libQt6Core.so.6", "BINARY")]
    kept = {"PySide6/Qt/lib/libQt6Core.so.6"}
    assert [e[0] for e in slim.drop_dangling_links(entries, kept)] == [
        "libQt6Core.so.6", "PySide6/Qt/lib/libQt6Core.so.6"]


def test_system_libraries_are_never_bundled() -> None:
    for name in ("libcups.so.2", "libfontconfig.so.1", "libfreetype.so.6", "libdbus-1.so.3",
                 "libsqlite3.so.0"):
        assert slim.SYSTEM_LIBRARIES.match(name)
    assert not slim.SYSTEM_LIBRARIES.match("libxkbcommon.so.0")


@pytest.mark.skipif(shutil.which("objdump") is None or not Path("/bin/true").is_file(),
                    reason="needs binutils and an ELF /bin/true")
def test_glibc_floor_check_fails_above_the_limit(tmp_path: Path) -> None:
    shutil.copy("/bin/true", tmp_path / "true")
    floor, problems = elfcheck.check(tmp_path, (99,))
    assert floor >= (2, 2) and problems == []  # libc is the PC's, not missing
    if floor > (2, 17):
        _floor, problems = elfcheck.check(tmp_path, (2, 17))
        assert problems and "needs GLIBC_" in problems[0]


def test_a_library_neither_bundled_nor_system_is_reported(tmp_path: Path, monkeypatch) -> None:
    (tmp_path / "prog").write_bytes(b"\x7fELF")
    monkeypatch.setattr(elfcheck, "glibc_needed", lambda path: (2, 17))
    monkeypatch.setattr(elfcheck, "needed", lambda path: ["libc.so.6", "libgtk-3.so.0"])
    _floor, problems = elfcheck.check(tmp_path, (2, 28))
    assert len(problems) == 1 and "libgtk-3.so.0" in problems[0]


def test_windows_version_resource_carries_the_version() -> None:
    assert winversion.version_tuple("0.2.0") == (0, 2, 0, 0)
    assert winversion.version_tuple("1.10") == (1, 10, 0, 0)
    text = winversion.resource("declappw")
    version = winversion.version()
    assert f"StringStruct('ProductVersion', '{version}')" in text
    assert "StringStruct('OriginalFilename', 'declappw.exe')" in text
