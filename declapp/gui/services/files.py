"""文件 menu: new, open (menu, command line, drop), save, save as, next year's form, and the
unsaved-changes prompt."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from pathlib import Path

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QDialog, QFileDialog, QWidget

from declapp.form.carry_over import next_year_draft
from declapp.form.model import budget_year
from declapp.form.templates import load_template
from declapp.gui.dialogs import messages
from declapp.gui.document.document import Document
from declapp.gui.qt_setup import file_dialog_room
from declapp.gui.services.single_instance import FileOwner, held_elsewhere, show_owner
from declapp.gui.settings import AppSettings
from declapp.layout import draft_basename
from declapp.storage.atomic import ReadOnlyFileError, WriteError
from declapp.storage.disk_state import DiskState, changed_on_disk, read_draft, write_draft
from declapp.storage.fileformat import DraftError
from declapp.system.instance import real_path
from declapp.system.paths import is_bundled

FILE_FILTER = "申报表草稿 (*.json);;所有文件 (*)"


class FileActions(QObject):
    def __init__(self, window: QWidget, doc: Document, settings: AppSettings,
                 note: Callable[[str, int], None]) -> None:
        super().__init__(window)
        self.window = window
        self.doc = doc
        self.settings = settings
        self.note = note  # a line in the status bar: text, milliseconds
        # The draft's file as this window last read or wrote it (which file, and its
        # state), and when the clerk last changed the draft here: a save compares the
        # file on disk with that state.
        self.disk: tuple[Path, DiskState] | None = None
        self.changed_at = datetime.now()
        # The window's claim on its file: another start (or 打开 elsewhere) for the same
        # file brings this window forward instead of opening it twice.
        self.owner = FileOwner(window)
        doc.pathChanged.connect(lambda: self.owner.follow(self.doc.path))
        doc.draftReplaced.connect(self._edited)  # (another draft, or another template)
        doc.stack.indexChanged.connect(self._edited)

    def _edited(self) -> None:
        self.changed_at = datetime.now()

    # --- the question ---------------------------------------------------------------------
    def maybe_save(self) -> bool:
        """True when the window may drop the current draft (saved, discarded or clean)."""
        if self.doc.stack.isClean():
            return True
        answer = messages.ask_save_changes(self.window, self.doc.display_name())
        if answer == messages.SAVE:
            return self.save()
        return answer == messages.DISCARD

    def _last_dir(self) -> str:
        return str(self.settings.draft_dir())

    def _remember_dir(self, path: Path) -> None:
        if not is_bundled(path):  # the program's own folder is not the clerk's
            self.settings.last_dir = str(path.parent)

    # --- 新建 / 打开 ------------------------------------------------------------------------
    def new_draft(self) -> bool:
        from declapp.gui.dialogs.new_draft import NewDraftDialog  # loaded when first asked

        # The template the clerk works with; the year being prepared, not the draft's.
        dialog = NewDraftDialog(self.window, self.doc.draft.template, budget_year())
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return False
        template, year = dialog.template_id(), dialog.year()
        if not self.maybe_save():
            return False
        self.doc.replace(load_template(template).new_draft(year), None)
        return True

    def open_dialog(self) -> bool:
        with file_dialog_room():
            name, _ = QFileDialog.getOpenFileName(self.window, "打开申报表草稿",
                                                  self._last_dir(), FILE_FILTER)
        return bool(name) and self.open_path(name)

    def open_path(self, name: str | Path) -> bool:
        """Open *name*; a file that cannot be read leaves the window exactly as it was."""
        path = Path(name)
        own = self.doc.path is not None and real_path(path) == real_path(self.doc.path)
        if not own and show_owner(path):
            self.note(f"“{path.name}”已在另一个窗口中打开，已切换到那个窗口。", 8000)
            return False
        try:
            draft, disk = read_draft(path)  # a bad file is refused before anything is asked
        except DraftError as exc:
            messages.show_error(self.window, "无法打开草稿", exc.message)
            return False
        asked = not self.doc.stack.isClean()
        if not self.maybe_save():
            return False
        if asked:
            try:
                # Read again: 保存 may just have written this very file.
                draft, disk = read_draft(path)
            except DraftError as exc:
                messages.show_error(self.window, "无法打开草稿", exc.message)
                return False
        self.doc.replace(draft, path.resolve())
        self.disk = (path.resolve(), disk)
        self._remember_dir(path.resolve())
        self.note(f"已打开 {path.name}", 5000)
        return True

    def next_year(self) -> bool:
        """This draft, year + 1, as a new unsaved draft."""
        if not self.maybe_save():
            return False
        self.doc.replace(next_year_draft(self.doc.draft, self.doc.form), None)
        self.doc.stack.resetClean()  # new and unsaved: closing asks
        return True

    def to_stage(self, stage: str) -> bool:
        """This draft as the start of its next stage (年中监控, 年末自评): a new unsaved
        draft beside the declared one, which stays on disk as it is."""
        from declapp.editing.stages import StageError
        from declapp.editing.stages import to_stage as make_stage

        try:
            staged = make_stage(self.doc.draft, self.doc.form, stage)
        except StageError as exc:
            self.note(exc.message, 10000)
            return False
        if not self.maybe_save():
            return False
        self.doc.replace(staged, None)
        self.doc.stack.resetClean()  # new and unsaved: closing asks
        return True

    # --- 保存 / 另存为 ----------------------------------------------------------------------
    def save(self) -> bool:
        if self.doc.path is None or is_bundled(self.doc.path):
            return self.save_as()  # an example is never written over
        if self.disk is not None and self.disk[0] == self.doc.path:
            change = changed_on_disk(self.doc.path, self.disk[1])
            if change is not None:
                # Another window or program saved this file since this window read or
                # wrote it: writing now would silently undo that save.
                answer = messages.ask_file_changed(self.window, self.doc.path.name,
                                                   change.modified, self.changed_at)
                if answer == messages.SAVE_AS:
                    return self.save_as()
                if answer != messages.OVERWRITE:
                    return False
        return self.write(self.doc.path)

    def suggested_name(self) -> str:
        """Where 另存为 proposes to save: the draft's own file, but never among the
        program's examples (the clerk's copy goes where the clerk keeps files)."""
        path = self.doc.path
        if path is not None and not is_bundled(path):
            return str(path)
        name = path.name if path is not None else f"{draft_basename(self.doc.draft)}.json"
        return str(Path(self._last_dir()) / name)

    def save_as(self) -> bool:
        with file_dialog_room():
            name, _ = QFileDialog.getSaveFileName(self.window, "另存为", self.suggested_name(),
                                                  FILE_FILTER)
        if not name:
            return False
        path = Path(name)
        if path.suffix.lower() != ".json":
            path = path.with_name(path.name + ".json")
        if held_elsewhere(path, self.owner):
            messages.show_error(self.window, "无法保存",
                                f"“{path.name}”正在另一个窗口中打开，不能保存到这个文件（两个窗口"
                                "会互相覆盖）。请换一个文件名，或先关闭那个窗口。")
            return False
        return self.write(path)

    def write(self, path: Path) -> bool:
        try:
            disk = write_draft(self.doc.draft, path)
        except ReadOnlyFileError as exc:
            # The file is left alone; the clerk's changes go to another file if wished.
            if messages.offer_save_as(self.window, exc.message):
                return self.save_as()
            return False
        except WriteError as exc:
            messages.show_error(self.window, "无法保存", exc.message)
            return False
        self.doc.stack.setClean()
        self.doc.set_path(path.resolve())
        self.disk = (path.resolve(), disk)
        self._remember_dir(path.resolve())
        self.note(f"已保存到 {path}", 5000)
        return True
