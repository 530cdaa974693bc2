"""One window per draft file on this PC: the name under which the window that has a
file open can be found by another start of the program (``declapp 草稿.json`` again,
a double-click on the file) — the window's side is ``declapp.gui.services.single_instance``.

The name is a hash of the file's real path (symlinks resolved, case folded on Windows,
whose file names ignore case) and of the user, so that two clerks on one terminal
server never reach each other's windows.
"""

from __future__ import annotations

import getpass
import hashlib
import os
import sys
from pathlib import Path

PREFIX = "declapp-"


def real_path(path: Path | str, windows: bool | None = None) -> str:
    """One spelling for one file: absolute, links resolved; case-folded on Windows."""
    windows = sys.platform == "win32" if windows is None else windows
    real = os.path.realpath(os.path.abspath(os.fspath(path)))
    return os.path.normcase(real).casefold() if windows else real


def _user() -> str:
    try:
        return getpass.getuser()
    except (OSError, KeyError, ImportError):  # no name to be had: the home folder is one
        return str(Path.home())


def instance_key(path: Path | str, windows: bool | None = None, namespace: str = "") -> str:
    """The local server name of the window that has the draft at *path* open. A
    *namespace* (a portable copy's own data folder, a test's) keeps programs that share
    nothing else apart."""
    text = f"{_user()}\0{namespace}\0{real_path(path, windows)}"
    return PREFIX + hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()[:32]
