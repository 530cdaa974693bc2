"""What of PySide6 the frozen app keeps (the spec filters PyInstaller's lists with these).

The window uses QtCore, QtGui, QtWidgets, QtPrintSupport, QtUiTools and QtSvg. PySide6's
hooks also drag in plugins for Wayland, eglfs, VNC, QML tooling, networking and OpenGL,
and the libraries those link: 208 MB unslimmed against ~156 MB (pitfalls.md). A plugin
kept here must not need a library dropped here: build.py checks every ELF's needs (ldd)
and the smoke test starts the window.
"""

from __future__ import annotations

import re
import subprocess
from pathlib import PurePath

# Plugin folder -> the plugins kept in it (None: all). Folders not named are dropped.
PLUGINS: dict[str, tuple[str, ...] | None] = {
    # xcb for X11 (UOS, Kylin), windows, and offscreen/minimal for tests and servers.
    "platforms": ("qxcb", "qoffscreen", "qminimal", "qwindows"),
    # ibus is how fcitx5 is reached (declapp.system.startup); compose for dead keys. The
    # virtual keyboard plugin needs QML and Quick.
    "platforminputcontexts": ("composeplatforminputcontextplugin",
                              "ibusplatforminputcontextplugin"),
    "imageformats": ("qsvg", "qico", "qjpeg", "qgif"),
    "iconengines": None,  # the SVG toolbar icons
    "printsupport": None,  # CUPS on Linux, where the wheel has it
    "styles": None,  # Windows 11 style
}
# Libraries only the dropped plugins use (checked: QtUiTools links QtOpenGLWidgets and
# QtOpenGL, so those stay; QtNetwork holds the local sockets that keep one window per
# draft file), and Windows' software OpenGL, which widgets never load.
DROPPED_LIBRARIES = re.compile(
    r"Qt6(Qml|Quick|Pdf|QmlNetwork|Wayland|EglFS|EglFs|VirtualKeyboard|Designer|Help|Sql|Test|"
    r"Labs|WlShell)|opengl32sw|d3dcompiler", re.IGNORECASE)
# Never bundled on Linux, taken from the PC like glibc and the graphics stack: every
# desktop has them, and the PC's own ones match its configuration. CUPS's client must
# match the PC's print service (and would bring GnuTLS, Kerberos and Avahi along);
# fontconfig and FreeType must read the PC's fonts.conf (AppImage's exclude list leaves
# them out for that reason); D-Bus talks to the PC's bus; SQLite (the 指标库) is on every
# desktop, many programs use it. Bullseye's builds of these (with libpng and libsystemd)
# also needed glibc 2.29/2.30, above UOS V20's 2.28.
SYSTEM_LIBRARIES = re.compile(r"^lib(cups|fontconfig|freetype|dbus-1|sqlite3)\.so")
# Qt's own Chinese strings are the only translations the app loads (gui/app.py).
KEPT_TRANSLATIONS = ("qtbase_zh_CN.qm", "qt_zh_CN.qm")


def _plugin_kept(parts: tuple[str, ...]) -> bool | None:
    """``True``/``False`` for a file under a Qt ``plugins`` folder, ``None`` otherwise."""
    if "plugins" not in parts:
        return None
    rest = parts[parts.index("plugins") + 1:]
    if len(rest) < 2:
        return None
    folder, name = rest[0], rest[-1]
    if folder not in PLUGINS:
        return False
    wanted = PLUGINS[folder]
    if wanted is None:
        return True
    stem = name.split(".")[0].removeprefix("lib")
    return stem in wanted


def keep_binary(dest: str, _source: str = "") -> bool:
    """Whether a binary PyInstaller collected goes into the bundle."""
    parts = PurePath(dest.replace("\\", "/")).parts
    if not parts or parts[0] != "PySide6":
        return True
    plugin = _plugin_kept(parts)
    if plugin is not None:
        return plugin
    return not DROPPED_LIBRARIES.search(parts[-1])


def keep_data(dest: str) -> bool:
    """Whether a data file PyInstaller collected goes into the bundle."""
    parts = PurePath(dest.replace("\\", "/")).parts
    if not parts or parts[0] != "PySide6":
        return True
    if "translations" in parts:
        return parts[-1] in KEPT_TRANSLATIONS
    if "qml" in parts or "typesystems" in parts or "include" in parts:
        return False
    plugin = _plugin_kept(parts)
    return True if plugin is None else plugin


def _needed(path: str) -> list[str]:
    """The libraries a binary links: DT_NEEDED of an ELF file (``objdump -p``, which
    PyInstaller itself needs on Linux), the imported DLLs of a PE file (pefile, which
    PyInstaller itself needs on Windows)."""
    with open(path, "rb") as fh:
        magic = fh.read(4)
    if magic == b"\x7fELF":
        out = subprocess.run(["objdump", "-p", path], capture_output=True, text=True,
                             check=False).stdout
        return [line.split()[1] for line in out.splitlines()
                if line.strip().startswith("NEEDED") and len(line.split()) > 1]
    if magic[:2] == b"MZ":
        import pefile

        pe = pefile.PE(path, fast_load=True)
        pe.parse_data_directories(directories=[
            pefile.DIRECTORY_ENTRY["IMAGE_DIRECTORY_ENTRY_IMPORT"],
            pefile.DIRECTORY_ENTRY["IMAGE_DIRECTORY_ENTRY_DELAY_IMPORT"]])
        names = [entry.dll.decode("ascii", "replace")
                 for attr in ("DIRECTORY_ENTRY_IMPORT", "DIRECTORY_ENTRY_DELAY_IMPORT")
                 for entry in getattr(pe, attr, [])]
        pe.close()
        return names
    return []


def _is_candidate(entry: tuple) -> bool:
    """A shared library PyInstaller collected only because something linked it: in the
    top folder or Qt's library folder, not a Python extension module, not Python itself
    (the bootloader loads it)."""
    dest, _source, typecode = entry[:3]
    if typecode != "BINARY":
        return False
    path = PurePath(dest.replace("\\", "/"))
    name = path.name.lower()
    # auditwheel's vendored folders (pillow.libs…) hold libraries only extensions use.
    in_lib_folder = (str(path.parent) in (".", "PySide6/Qt/lib", "PySide6")
                     or path.parent.name.endswith(".libs"))
    library = ".so" in name or name.endswith(".dll")
    return in_lib_folder and library and not name.startswith(("libpython", "python"))


def prune_libraries(binaries: list[tuple]) -> list[tuple]:
    """Drop the libraries no kept binary needs any more.

    PyInstaller resolves dependencies before the spec filters plugins, so the libraries
    of dropped plugins (GTK, Pango, Cairo for the gtk3 theme; EGL for eglfs…) stay
    behind; this walks the DT_NEEDED graph from everything that is not such a library.
    """
    by_name: dict[str, list[tuple]] = {}
    for entry in binaries:
        # Windows compares DLL names without regard to case.
        by_name.setdefault(PurePath(entry[0].replace("\\", "/")).name.lower(), []).append(entry)
    kept = [e for e in binaries if not _is_candidate(e)]
    seen = {id(e) for e in kept}
    queue = list(kept)
    while queue:
        entry = queue.pop()
        for name in _needed(entry[1]):
            if SYSTEM_LIBRARIES.search(name):
                continue
            for dep in by_name.get(name.lower(), []):
                if id(dep) not in seen:
                    seen.add(id(dep))
                    kept.append(dep)
                    queue.append(dep)
    order = {id(e): n for n, e in enumerate(binaries)}
    return sorted(kept, key=lambda e: order[id(e)])


def drop_dangling_links(entries: list[tuple], kept_dests: set[str]) -> list[tuple]:
    """Drop PyInstaller's SYMLINK entries (``libQt6Core.so.6 -> PySide6/Qt/lib/…``) whose
    target is no longer in the bundle."""
    result = []
    for entry in entries:
        if len(entry) > 2 and entry[2] == "SYMLINK":
            target = PurePath(entry[0]).parent / entry[1]
            if str(PurePath(*[p for p in target.parts if p != "."])) not in kept_dests:
                continue
        result.append(entry)
    return result
