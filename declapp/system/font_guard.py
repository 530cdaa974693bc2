"""Font folders that would hang the window: kept away from fontconfig before Qt starts.

Qt asks fontconfig for the machine's fonts when the window opens, and fontconfig opens
every file in the font folders, the clerk's own (``~/.fonts``, ``~/.local/share/fonts``)
included. A named pipe there (``~/.fonts/x.ttf``) blocks that open for ever: the window
never appears. Such a folder is left out of fontconfig for this run: ``FONTCONFIG_FILE``
points at a copy of the system's configuration without it (its fonts are missing from the
window's menus; the PDF export finds fonts on its own and skips what is not a file).
Qt-free, and Linux only: Windows and macOS read fonts another way.
"""

from __future__ import annotations

import atexit
import os
import re
import shutil
import stat
import sys
import tempfile
from collections.abc import MutableMapping
from pathlib import Path

MAX_DEPTH = 8
MAX_ENTRIES = 20_000  # a font folder holding more is not looked through further
_DIR = re.compile(r"<dir(\s[^>]*)?>([^<]*)</dir>")
_PREFIX = re.compile(r"""prefix\s*=\s*["']([^"']*)["']""")


def user_font_dirs(environ: MutableMapping[str, str], home: Path) -> list[Path]:
    data = environ.get("XDG_DATA_HOME") or str(home / ".local" / "share")
    return [home / ".fonts", Path(data) / "fonts"]


def blocking_entries(folder: Path) -> list[Path]:
    """What in *folder* (and below) is neither a folder nor a regular file: a named
    pipe, a socket or a device, which an ``open`` may wait on for ever."""
    found: list[Path] = []
    seen = 0
    stack = [(folder, 0)]
    while stack and seen < MAX_ENTRIES:
        current, depth = stack.pop()
        try:
            entries = list(os.scandir(current))
        except OSError:
            continue
        for entry in entries:
            seen += 1
            try:
                mode = os.stat(entry.path).st_mode  # a link is judged by what it points at
            except OSError:
                continue  # a dangling link: opening it fails at once
            if stat.S_ISDIR(mode):
                if depth < MAX_DEPTH and not entry.is_symlink():
                    stack.append((Path(entry.path), depth + 1))
            elif not stat.S_ISREG(mode):
                found.append(Path(entry.path))
    return found


def _resolved(text: str, attributes: str, environ: MutableMapping[str, str],
              home: Path) -> Path | None:
    text = text.strip()
    prefix = _PREFIX.search(attributes or "")
    if prefix and prefix.group(1) == "xdg":
        return Path(environ.get("XDG_DATA_HOME") or str(home / ".local" / "share")) / text
    if text.startswith("~"):
        return home / text[1:].lstrip("/")
    return Path(text) if os.path.isabs(text) else None


def guard_font_folders(environ: MutableMapping[str, str] | None = None,
                       home: Path | None = None, platform: str | None = None,
                       config: Path | None = None) -> list[Path]:
    """Leave the clerk's font folders that hold a pipe or device out of fontconfig for
    this run; the folders left out (none: nothing changed)."""
    env = os.environ if environ is None else environ
    platform = sys.platform if platform is None else platform
    if platform.startswith(("win", "darwin", "cygwin")):
        return []
    home = Path(env.get("HOME") or Path.home()) if home is None else home
    bad = [d for d in user_font_dirs(env, home) if d.is_dir() and blocking_entries(d)]
    if not bad:
        return []
    if config is None:
        name = env.get("FONTCONFIG_FILE") or "fonts.conf"
        base = Path(env.get("FONTCONFIG_PATH") or "/etc/fonts")
        config = Path(name) if os.path.isabs(name) else base / name
    try:
        text = config.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return []  # no configuration we can copy: fontconfig's own defaults stand

    def keep(match: re.Match[str]) -> str:
        where = _resolved(match.group(2), match.group(1) or "", env, home)
        return "" if where is not None and any(where == b for b in bad) else match.group(0)

    folder = Path(tempfile.mkdtemp(prefix="declapp-fontconfig-"))
    atexit.register(shutil.rmtree, folder, True)
    copy = folder / "fonts.conf"
    # Made here, in a new folder of our own: nothing of the clerk's is written.
    fd = os.open(copy, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8") as fh:
        fh.write(_DIR.sub(keep, text))
    env["FONTCONFIG_PATH"] = str(config.parent)  # its relative includes (conf.d) stay put
    env["FONTCONFIG_FILE"] = str(copy)
    return bad


def left_out_message(folders: list[Path]) -> str:
    names = "、".join(f"“{f}”" for f in folders)
    return (f"字体文件夹{names}中有不是文件的内容（如命名管道），会让字体读取停住："
            "本次窗口不使用这个文件夹中的字体。")
