"""Where the bundled data lives: template profiles, examples, schema, icons, .ui forms.

``resources/`` and ``ui/`` are mapped into the package as ``declapp.resources`` and
``declapp.ui`` (pyproject.toml), so the same lookup works from a checkout, an
installed wheel and a frozen build.
"""

from __future__ import annotations

import importlib
import os
import sys
from pathlib import Path

DATA_DIR_ENV = "DECLAPP_DATA_DIR"  # a portable install (or a test) keeps its data here
# QApplication's organisation and application names: Qt's data folder is named by them.
ORGANIZATION = APPLICATION = "declapp"


def _root(package: str, folder: str) -> Path:
    frozen = getattr(sys, "_MEIPASS", None)  # PyInstaller unpacks data here
    if frozen:
        return Path(frozen) / "declapp" / folder
    # The package's own folder, as importlib.resources.files gives it for a package on
    # disk, without loading importlib.resources (and tempfile, shutil…) at every start.
    origin = importlib.import_module(package).__file__
    if origin is None:
        raise RuntimeError(f"{package} is not a folder on disk")
    return Path(origin).parent


def resource_path(*parts: str) -> Path:
    """Path of a file under ``resources/``."""
    return _root("declapp.resources", "resources").joinpath(*parts)


def ui_path(name: str) -> Path:
    """Path of a Qt Designer form under ``ui/``."""
    return _root("declapp.ui", "ui") / name


def example_path(name: str = "zhanlanlu-2021.json") -> Path:
    return resource_path("examples", name)


def is_bundled(path: Path) -> bool:
    """True for a file shipped with the program (an example): the clerk's own work
    belongs elsewhere, and the program's folder may not even be writable."""
    try:
        path.resolve().relative_to(resource_path().resolve())
    except ValueError:
        return False
    return True


def data_folder() -> Path:
    """The application data folder: recovery copies, logs, the 指标库, the clerk's own
    templates, the font cache. The place Qt's ``AppLocalDataLocation`` names for this
    program, found without Qt so that the command line uses the same folder as the
    window."""
    override = os.environ.get(DATA_DIR_ENV)
    if override:
        return Path(override)
    if sys.platform == "win32":
        base = Path(os.environ.get("LOCALAPPDATA") or Path.home() / "AppData" / "Local")
    elif sys.platform == "darwin":
        base = Path.home() / "Library" / "Application Support"
    else:
        xdg = os.environ.get("XDG_DATA_HOME", "")
        base = Path(xdg) if xdg and Path(xdg).is_absolute() else Path.home() / ".local" / "share"
    return base / ORGANIZATION / APPLICATION
