"""文件 > 最近打开: the ten files opened or saved last, kept in QSettings."""

from __future__ import annotations

import os
from collections import Counter
from collections.abc import Callable
from pathlib import Path

from PySide6.QtWidgets import QMenu

from declapp.gui.settings import AppSettings

MAX_RECENT = 10


class RecentFiles:
    def __init__(self, settings: AppSettings, menu: QMenu, open_file: Callable[[Path], object],
                 note: Callable[[str], None]) -> None:
        self.settings = settings
        self.menu = menu
        self.open_file = open_file
        self.note = note  # tells the clerk, e.g. in the status bar
        menu.aboutToShow.connect(self.rebuild)
        self.rebuild()

    def paths(self) -> list[Path]:
        return [Path(p) for p in self.settings.recent_files]

    def add(self, path: Path) -> None:
        entry = str(Path(path).resolve())
        entries = [entry, *(p for p in self.settings.recent_files if p != entry)]
        self.settings.recent_files = entries[:MAX_RECENT]
        self.rebuild()

    def prune(self) -> list[Path]:
        """Drop entries whose file is gone; returns them."""
        entries = self.paths()
        missing = [p for p in entries if not p.is_file()]
        if missing:
            self.settings.recent_files = [str(p) for p in entries if p.is_file()]
            names = "、".join(p.name for p in missing)
            self.note(f"已从“最近打开”中移除不存在的文件：{names}")
        return missing

    def rebuild(self) -> None:
        self.prune()
        self.menu.clear()
        entries = self.paths()
        names = Counter(p.name for p in entries)
        self.menu.setToolTipsVisible(True)
        for n, path in enumerate(entries, start=1):
            # Two drafts of the same name (this year's and last year's 展览路.json) are told
            # apart by their folder.
            where = f"  （{folder_hint(path)}）" if names[path.name] > 1 else ""
            action = self.menu.addAction(f"&{n % 10} {path.name}{where}")
            action.setToolTip(str(path))
            action.setStatusTip(str(path))
            action.triggered.connect(lambda _=False, p=path: self._open(p))
        if not entries:
            self.menu.addAction("（无）").setEnabled(False)
        else:
            self.menu.addSeparator()
            self.menu.addAction("清除列表", self.clear)
        self.menu.setEnabled(True)

    def clear(self) -> None:
        self.settings.recent_files = []
        self.rebuild()

    def _open(self, path: Path) -> None:
        if not path.is_file():
            self.prune()
            self.rebuild()
            return
        self.open_file(path)


def folder_hint(path: Path, parts: int = 2) -> str:
    """The last *parts* folders of *path*'s folder: ``…/2021年/申报表``."""
    folders = path.parent.parts
    shown = str(Path(*folders[-parts:])) if folders else ""
    return shown if len(folders) <= parts else f"…{os.sep}{shown}"
