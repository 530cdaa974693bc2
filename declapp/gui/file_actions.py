"""文件 menu: new, open (menu, command line, drop), save, save as, and the unsaved prompt."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QObject, QSettings
from PySide6.QtWidgets import QDialog, QFileDialog, QMainWindow

from declapp.atomic import WriteError
from declapp.fileformat import DraftError, load, save
from declapp.gui import dialogs
from declapp.gui.document import Document
from declapp.layout import draft_basename
from declapp.templates import load_template

FILE_FILTER = "申报表草稿 (*.json);;所有文件 (*)"


class FileActions(QObject):
    def __init__(self, window: QMainWindow, doc: Document, settings: QSettings) -> None:
        super().__init__(window)
        self.window = window
        self.doc = doc
        self.settings = settings

    # --- the questions -------------------------------------------------------------------
    def maybe_save(self) -> bool:
        """True when the window may drop the current draft (saved, discarded or clean)."""
        if self.doc.stack.isClean():
            return True
        answer = dialogs.ask_save_changes(self.window, self.doc.display_name())
        if answer == dialogs.SAVE:
            return self.save()
        return answer == dialogs.DISCARD

    def _last_dir(self) -> str:
        folder = self.settings.value("files/last_dir", "", str)
        return folder if folder and Path(folder).is_dir() else str(Path.home())

    def _remember_dir(self, path: Path) -> None:
        self.settings.setValue("files/last_dir", str(path.parent))

    # --- 新建 / 打开 ------------------------------------------------------------------------
    def new_draft(self) -> bool:
        draft = self.doc.draft
        dialog = dialogs.NewDraftDialog(self.window, draft.template, draft.year)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return False
        if not self.maybe_save():
            return False
        self.doc.replace(load_template(dialog.template_id()).new_draft(dialog.year()), None)
        return True

    def open_dialog(self) -> bool:
        name, _ = QFileDialog.getOpenFileName(self.window, "打开申报表草稿", self._last_dir(),
                                              FILE_FILTER)
        return bool(name) and self.open_path(name)

    def open_path(self, name: str | Path) -> bool:
        """Open *name*; a file that cannot be read leaves the window exactly as it was."""
        path = Path(name)
        try:
            load(path)  # a bad file is refused before the clerk is asked anything
        except DraftError as exc:
            dialogs.show_error(self.window, "无法打开草稿", exc.message)
            return False
        if not self.maybe_save():
            return False
        try:
            # Read again: 保存 may just have written this very file.
            draft = load(path)
        except DraftError as exc:
            dialogs.show_error(self.window, "无法打开草稿", exc.message)
            return False
        self.doc.replace(draft, path.resolve())
        self._remember_dir(path.resolve())
        self.window.statusBar().showMessage(f"已打开 {path.name}", 5000)
        return True

    # --- 保存 / 另存为 ----------------------------------------------------------------------
    def save(self) -> bool:
        if self.doc.path is None:
            return self.save_as()
        return self.write(self.doc.path)

    def suggested_name(self) -> str:
        if self.doc.path is not None:
            return str(self.doc.path)
        return str(Path(self._last_dir()) / f"{draft_basename(self.doc.draft)}.json")

    def save_as(self) -> bool:
        name, _ = QFileDialog.getSaveFileName(self.window, "另存为", self.suggested_name(),
                                              FILE_FILTER)
        if not name:
            return False
        path = Path(name)
        if path.suffix.lower() != ".json":
            path = path.with_name(path.name + ".json")
        return self.write(path)

    def write(self, path: Path) -> bool:
        try:
            save(self.doc.draft, path)
        except WriteError as exc:
            dialogs.show_error(self.window, "无法保存", exc.message)
            return False
        self.doc.stack.setClean()
        self.doc.set_path(path.resolve())
        self._remember_dir(path.resolve())
        self.window.statusBar().showMessage(f"已保存到 {path}", 5000)
        return True
