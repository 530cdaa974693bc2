"""The clerk's preferences, persisted with QSettings: autosave, folders, PDF font, recent files."""

from __future__ import annotations

import os
from pathlib import Path

from PySide6.QtCore import QByteArray, QSettings, QStandardPaths

from declapp.system.paths import DATA_DIR_ENV, is_bundled

# While the clerk types without a pause, a recovery copy at least this often (a pause of
# a few seconds writes one anyway: gui/services/autosave.py).
AUTOSAVE_DEFAULT_S = 10
AUTOSAVE_MIN_S, AUTOSAVE_MAX_S = 1, 600  # the dialog offers 5 s and up
LIBRARY_PENDING_MAX = 1000  # drafts remembered for the 指标库 until it is next used


def data_folder() -> Path:
    """The application data folder: recovery copies, logs, the 指标库's index."""
    override = os.environ.get(DATA_DIR_ENV)
    if override:
        return Path(override)
    location = QStandardPaths.StandardLocation.AppLocalDataLocation
    return Path(QStandardPaths.writableLocation(location))


def documents_folder() -> Path:
    """The clerk's documents folder (我的文档), else the home folder."""
    docs = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    return Path(docs) if docs and Path(docs).is_dir() else Path.home()


def _str(settings: QSettings, key: str) -> str:
    value = settings.value(key, "")
    return value if isinstance(value, str) else ""


def _str_list(settings: QSettings, key: str) -> list[str]:
    value = settings.value(key, [])
    if isinstance(value, str):  # QSettings returns a lone entry as a string
        value = [value]
    if not isinstance(value, list):
        return []
    return [v for v in value if isinstance(v, str) and v]


class AppSettings:
    """Typed access to the few settings the window needs."""

    def __init__(self, settings: QSettings) -> None:
        self.qsettings = settings

    # autosave ---------------------------------------------------------------------------
    @property
    def autosave_seconds(self) -> int:
        stored = self.qsettings.value("autosave/interval_s", AUTOSAVE_DEFAULT_S)
        try:
            value = int(stored)  # type: ignore[call-overload]  # an int or a string
        except (TypeError, ValueError):
            return AUTOSAVE_DEFAULT_S
        return min(max(value, AUTOSAVE_MIN_S), AUTOSAVE_MAX_S)

    @autosave_seconds.setter
    def autosave_seconds(self, value: int) -> None:
        self.qsettings.setValue("autosave/interval_s", int(value))

    # files ------------------------------------------------------------------------------
    @property
    def last_dir(self) -> str:
        """The folder a draft was last opened from or saved to."""
        return _str(self.qsettings, "files/last_dir")

    @last_dir.setter
    def last_dir(self, value: str) -> None:
        self.qsettings.setValue("files/last_dir", value)

    # export -----------------------------------------------------------------------------
    @property
    def default_export_dir(self) -> str:
        """The folder the clerk chose in 设置, or '' for "the folder last used"."""
        return _str(self.qsettings, "export/default_dir")

    @default_export_dir.setter
    def default_export_dir(self, value: str) -> None:
        self.qsettings.setValue("export/default_dir", value)

    @property
    def last_export_dir(self) -> str:
        return _str(self.qsettings, "export/last_dir")

    @last_export_dir.setter
    def last_export_dir(self, value: str) -> None:
        self.qsettings.setValue("export/last_dir", value)

    def export_dir(self, draft_path: Path | None) -> Path:
        """Where the save dialog opens: last used, else the chosen default, else beside
        the draft (not beside an example shipped with the program), else documents."""
        for candidate in (self.last_export_dir, self.default_export_dir):
            if candidate and Path(candidate).is_dir():
                return Path(candidate)
        if draft_path is not None and draft_path.parent.is_dir() \
                and not is_bundled(draft_path):
            return draft_path.parent
        return documents_folder()

    def draft_dir(self) -> Path:
        """Where 打开 and 另存为 open: the folder last used, else the documents folder."""
        folder = self.last_dir
        return Path(folder) if folder and Path(folder).is_dir() else documents_folder()

    # PDF font ---------------------------------------------------------------------------
    @property
    def pdf_font_file(self) -> str:
        """A font file the clerk picked, or '' for the automatic choice."""
        return _str(self.qsettings, "pdf/font_file")

    @pdf_font_file.setter
    def pdf_font_file(self, value: str) -> None:
        self.qsettings.setValue("pdf/font_file", value)

    # the window ----------------------------------------------------------------------------
    @property
    def template_folder(self) -> str:
        """A folder of the region's own template files (设置), read beside the bundled."""
        return _str(self.qsettings, "templates/folder")

    @template_folder.setter
    def template_folder(self, value: str) -> None:
        self.qsettings.setValue("templates/folder", value)

    def apply_template_folder(self) -> None:
        """Have the templates read from the folder chosen (none: only the data folder's)."""
        from declapp.form.templates import set_extra_folders

        folder = self.template_folder
        set_extra_folders([Path(folder)] if folder else [])

    def window_layout(self) -> tuple[QByteArray | None, QByteArray | None]:
        """The window's saved geometry and dock state (None where there is none)."""
        found = []
        for key in ("window/geometry", "window/state"):
            value = self.qsettings.value(key)
            found.append(value if isinstance(value, QByteArray) and not value.isEmpty()
                         else None)
        return found[0], found[1]

    def save_window_layout(self, geometry: QByteArray, state: QByteArray) -> None:
        self.qsettings.setValue("window/geometry", geometry)
        self.qsettings.setValue("window/state", state)
        self.qsettings.sync()

    # recent files ------------------------------------------------------------------------
    @property
    def recent_files(self) -> list[str]:
        return _str_list(self.qsettings, "files/recent")

    @recent_files.setter
    def recent_files(self, paths: list[str]) -> None:
        self.qsettings.setValue("files/recent", list(paths))

    # 指标库 ------------------------------------------------------------------------------
    @property
    def library_folder(self) -> str:
        """A folder whose drafts (subfolders too) the 指标库 keeps indexed, or ''."""
        return _str(self.qsettings, "library/folder")

    @library_folder.setter
    def library_folder(self, value: str) -> None:
        self.qsettings.setValue("library/folder", value)

    @property
    def library_folders(self) -> list[str]:
        """Folders added in the 指标库 panel (添加文件夹…), besides the one in 设置."""
        return _str_list(self.qsettings, "library/folders")

    @library_folders.setter
    def library_folders(self, paths: list[str]) -> None:
        self.qsettings.setValue("library/folders", list(dict.fromkeys(paths)))

    def library_followed(self) -> list[str]:
        """Every folder the 指标库 keeps indexed: the one in 设置, then those added."""
        folders = [self.library_folder, *self.library_folders]
        return list(dict.fromkeys(f for f in folders if f))

    @property
    def library_pending(self) -> list[str]:
        """Drafts opened or saved before the 指标库 was first used in a run: indexed then."""
        return _str_list(self.qsettings, "library/pending")

    @library_pending.setter
    def library_pending(self, paths: list[str]) -> None:
        kept = list(dict.fromkeys(paths))[-LIBRARY_PENDING_MAX:]
        self.qsettings.setValue("library/pending", kept)
