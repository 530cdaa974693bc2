"""Feeding the 指标库 from the window: every draft opened or saved here, the files in
最近打开, and the folder chosen in 设置.

Until the clerk first opens the panel, a draft opened or saved is only remembered in
the settings; the index itself is brought up to date when the panel is first shown, so
a window whose clerk never uses the library does no work for it (opening a draft at
start-up writes no file). From then on the index is written in a worker (``Ops``) through a library
object of the worker's own (an SQLite connection serves one thread); the window's
object only searches, and the worker warms it (``warm``) so that a one-character search
never waits for the index to be read. Requests that come while the worker runs are
queued and run next, together. A damaged, missing or unwritable index costs the clerk
nothing but a line in the status bar: the library rebuilds it from the drafts, or keeps
it in a temporary folder.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal

from declapp.gui.ops import Ops, Progress
from declapp.gui.settings import AppSettings
from declapp.system.paths import example_path

if TYPE_CHECKING:  # the library (and sqlite3) is imported when first used, not at start-up
    from declapp.library import IndicatorLibrary, RefreshReport

Task = Callable[["IndicatorLibrary"], "RefreshReport"]
Note = Callable[[str, int], None]  # a line in the status bar, milliseconds


def run_tasks(folder: Path, tasks: list[Task], warm: IndicatorLibrary | None,
              progress: Progress) -> list[RefreshReport]:
    """Worker body: the tasks, one after the other, on a library object of this thread."""
    from declapp.library import IndicatorLibrary

    library = IndicatorLibrary(folder)
    # Files looked for and read, reported as they go; 取消 stops the work at the next one.
    library.on_progress = progress.step
    try:
        reports = []
        for task in tasks:
            reports.append(task(library))
        if library.needs_refresh:  # the index was new or had to be rebuilt
            reports.append(library.refresh())
    finally:
        library.close()
    if warm is not None:
        warm.warm()
    return reports


def catch_up(files: list[str], folders: list[str], library: IndicatorLibrary) -> RefreshReport:
    """The given files (the example, the recent drafts) and folders indexed, everything
    else brought up to date; a folder no longer chosen is no longer followed."""
    from declapp.library.sources import key_of

    wanted = {key_of(f) for f in folders}
    for listed in list(library.sources.folders):
        if listed not in wanted:
            library.remove_folder(listed)
    existing = [f for f in files if Path(f).is_file()]
    if existing:
        library.add_files(existing)
    report = None
    for folder in folders:
        if key_of(folder) not in library.sources.folders:
            report = library.add_folder(folder)  # listed, and the index brought up to date
    return report if report is not None else library.refresh()


def _identity(folder: Path) -> tuple[int, int] | None:
    """Which file the index is: another one after the worker replaced it."""
    from declapp.library.store import DB_NAME

    try:
        info = os.stat(folder / DB_NAME)
    except OSError:
        return None
    return info.st_dev, info.st_ino


class LibraryFeed(QObject):
    changed = Signal()  # the index changed: search again

    def __init__(self, window: QObject, ops: Ops, settings: AppSettings, folder: Path,
                 note: Note) -> None:
        super().__init__(window)
        self.ops = ops
        self.settings = settings
        self.folder = folder
        self.note = note
        self.library: IndicatorLibrary | None = None
        self._temporary: Path | None = None  # the index, when the data folder cannot hold it
        self._tasks: list[Task] = []
        self._identity: tuple[int, int] | None = None
        self._queued_pending: list[str] = []  # remembered drafts in the queued tasks
        self._job_pending: list[str] = []  # … and in the running job

    # --- the window's library ----------------------------------------------------------
    def activate(self) -> IndicatorLibrary:
        """The library the panel searches, opened on first use, and the index caught up
        with the recent files and the chosen folder (in the worker)."""
        if self.library is None:
            self.library = self._open()
            self.catch_up()
        return self.library

    def _open(self) -> IndicatorLibrary:
        from declapp.library import IndicatorLibrary
        from declapp.library.store import is_in_memory

        library = IndicatorLibrary(self.folder)
        if is_in_memory(library.con):
            # Another thread cannot see a memory database: give both a temporary folder.
            library.close()
            self.folder = self._temporary = Path(tempfile.mkdtemp(prefix="declapp-library-"))
            library = IndicatorLibrary(self.folder)
            self.note(f"指标库无法保存在数据文件夹中，本次使用临时文件夹“{self.folder}”。", 15000)
        for note in library.notes:
            self.note(note, 15000)
        library.notes.clear()
        library.needs_refresh = False  # the worker fills it: activate() asks it to
        self._identity = _identity(self.folder)
        return library

    def close(self) -> None:
        if self.library is not None:
            self.library.close()
            self.library = None
        if self._temporary is not None and not self.busy:
            shutil.rmtree(self._temporary, ignore_errors=True)  # only an index of this run
            self._temporary = None

    # --- feeding -----------------------------------------------------------------------
    def catch_up(self) -> None:
        pending = self.settings.library_pending
        # The example shipped with the program: a fresh PC's library is never empty.
        files = list(dict.fromkeys([str(example_path()), *pending,
                                    *self.settings.recent_files]))
        folders = self.settings.library_followed()
        self._queued_pending.extend(pending)  # forgotten once indexed, kept if that fails
        self._queue(lambda library: catch_up(files, folders, library))

    def add_folder(self, folder: str) -> None:
        """A folder added in the panel (添加文件夹…): followed from now on."""
        self.settings.library_folders = [*self.settings.library_folders, folder]
        self.catch_up()

    def remove_folder(self, folder: str) -> None:
        """不再收录: the folder's drafts leave the index (drafts opened here stay)."""
        self.settings.library_folders = [f for f in self.settings.library_folders
                                         if f != folder]
        if self.settings.library_folder == folder:
            self.settings.library_folder = ""
        self.catch_up()

    def add_draft(self, path: Path) -> None:
        """A draft opened or saved in this window: indexed now if the panel is in use,
        else remembered, to be indexed when it is first shown."""
        if self.library is not None:
            self._queue(lambda library: library.add_file(path))
        else:
            self.settings.library_pending = [*self.settings.library_pending, str(path)]

    def refresh(self) -> None:
        if self.library is not None:
            self._queue(lambda library: library.refresh())

    def folder_changed(self) -> None:
        """The folder in 设置 changed: follow the new one, drop the old one (at once if
        the panel is in use, else when it is first shown)."""
        if self.library is not None:
            self.catch_up()

    @property
    def busy(self) -> bool:
        return self.ops.busy("library") or bool(self._tasks)

    def _queue(self, task: Task) -> None:
        self._tasks.append(task)
        self._pump()

    def _pump(self) -> None:
        # One job at a time: what was asked meanwhile goes into the next one, together.
        if self.ops.busy("library") or not self._tasks:
            return
        tasks, self._tasks = self._tasks, []
        self._job_pending, self._queued_pending = self._queued_pending, []
        folder, warm = self.folder, self.library
        self.ops.run("library", lambda p: run_tasks(folder, tasks, warm, p), self._done,
                     text="正在更新指标库…", failure_title="指标库", on_failed=self._failed,
                     on_cancelled=self._cancelled)

    def _done(self, reports: list[RefreshReport]) -> None:
        if self._job_pending:
            indexed = set(self._job_pending)
            self.settings.library_pending = [p for p in self.settings.library_pending
                                             if p not in indexed]
            self._job_pending = []
        if self.library is not None and _identity(self.folder) != self._identity:
            # The worker replaced a damaged or deleted index: search the new one.
            self.library.close()
            self.library = self._open()
        notes = [n for r in reports for n in r.notes]
        problems = [p for r in reports for p in r.problems]
        if notes:
            self.note(f"指标库：{notes[0]}", 10000)
        elif problems:
            self.note(f"指标库：{len(problems)} 个文件不是可读取的草稿，已跳过"
                      f"（{Path(problems[0][0]).name}：{problems[0][1]}）。", 10000)
        self.changed.emit()
        self._pump()

    def _cancelled(self) -> None:
        """取消: what was indexed stays; what was asked meanwhile waits for the next time."""
        self._job_pending = []  # still remembered in the settings
        self._tasks = []
        self.note("已停止更新指标库：已收录的草稿可以搜索，其余的下次打开指标库时再收录。", 10000)
        if self.library is not None and _identity(self.folder) != self._identity:
            self.library.close()
            self.library = self._open()
        self.changed.emit()

    def _failed(self, message: str) -> None:
        self._job_pending = []  # still remembered in the settings: tried again next time
        self.note(f"指标库未能更新：{message}", 10000)
        self._pump()
