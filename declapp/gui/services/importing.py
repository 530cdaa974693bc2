"""文件 > 导入…: a filled form (Word, Excel, our PDF, old .doc/.xls) in as a new draft.

The file is read off the GUI thread (``Ops``): a LibreOffice conversion can take up to
two minutes. What was read is shown in a summary before anything changes; only 导入 in
that summary replaces the open draft, after the unsaved-changes question. The result is
a new draft with no file, modified: 保存 asks where, closing asks to save, autosave keeps
a recovery copy meanwhile.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QFileDialog, QWidget

from declapp.gui.dialogs import messages
from declapp.gui.document.document import Document
from declapp.gui.ops import Ops

if TYPE_CHECKING:  # the summary dialog loads with the first import
    from declapp.gui.dialogs.import_summary import ImportSummaryDialog
from declapp.gui.qt_setup import file_dialog_room
from declapp.gui.services.files import FileActions
from declapp.gui.settings import AppSettings
from declapp.importing import FILE_FILTER, SUFFIXES, ImportResult, import_file

KIND = "import"  # the Ops kind: one import at a time
FAST_SUFFIXES = (".docx", ".xlsx", ".pdf")  # read directly; the others are converted first


def importable(path: Path) -> bool:
    """Is *path* a file 导入 reads (rather than a draft 打开 opens)? By its name only."""
    return path.suffix.lower() in SUFFIXES


class ImportController(QObject):
    """The 导入 action of one window."""

    imported = Signal(object)  # the ImportResult, once its draft is open

    def __init__(self, window: QWidget, document: Document, settings: AppSettings, ops: Ops,
                 file_actions: FileActions, actions: list[QAction],
                 note: Callable[[str, int], None]) -> None:
        super().__init__(window)
        self.window = window
        self.document = document
        self.settings = settings
        self.ops = ops
        self.file_actions = file_actions  # its maybe_save() asks about unsaved changes
        self.actions = actions  # disabled while a file is being read
        self.note = note
        self.summary: ImportSummaryDialog | None = None

    @property
    def busy(self) -> bool:
        return self.ops.busy(KIND)

    def import_dialog(self) -> bool:
        """Ask for a file and read it; False if the clerk cancelled or one is being read."""
        if self.busy:
            return False
        with file_dialog_room():
            name, _ = QFileDialog.getOpenFileName(self.window, "导入申报表", self._start_dir(),
                                                  FILE_FILTER)
        if not name:
            return False
        self._remember_dir(Path(name))  # even if it fails: trying again starts there
        return self.import_path(name)

    def import_path(self, name: str | Path) -> bool:
        """Start reading *name*; the summary shows when it is read. False if another file
        is still being read."""
        path = Path(name)
        if self.busy:
            self.note("正在读取另一个文件，请等它读完再导入。", 8000)
            return False
        # Say what is going on, above all for the minute a LibreOffice conversion may take.
        slow = "（旧格式的文件要先用 LibreOffice 转换，可能需要一两分钟）" \
            if path.suffix.lower() not in FAST_SUFFIXES else ""
        started = self.ops.run(KIND, lambda _progress: import_file(path), self._show_summary,
                               text=f"正在读取“{path.name}”…{slow}", failure_title="无法导入",
                               actions=self.actions, on_failed=self._failed)
        return started is not None

    def _start_dir(self) -> str:
        return str(self.settings.draft_dir())

    def _remember_dir(self, path: Path) -> None:
        """The folder of the form is the last one used: the next 打开, 导入 or 保存 starts
        there (the shared setting of ``FileActions``)."""
        if path.parent.is_dir():
            self.settings.last_dir = str(path.parent.resolve())

    # --- after reading -------------------------------------------------------------------
    def _failed(self, message: str) -> None:
        messages.show_warning(self.window, "无法导入", message)

    def _show_summary(self, result: ImportResult) -> None:
        from declapp.gui.dialogs.import_summary import ImportSummaryDialog

        dialog = ImportSummaryDialog(result, self.window)
        dialog.importRequested.connect(lambda: self._accept(dialog))
        dialog.finished.connect(lambda _code: self._summary_closed(dialog))
        self.summary = dialog
        dialog.open()  # window-modal, without a nested event loop

    def _summary_closed(self, dialog: ImportSummaryDialog) -> None:
        if self.summary is dialog:
            self.summary = None

    def _accept(self, dialog: ImportSummaryDialog) -> None:
        """导入 clicked: ask about unsaved changes, then open the draft as new and unsaved.
        A clerk who cancels the question stays in the summary, the window unchanged."""
        if not self.file_actions.maybe_save():
            return
        result = dialog.import_result
        self.document.replace(result.draft, None)
        self.document.stack.resetClean()  # new and unsaved: 保存 asks where, closing asks
        self._remember_dir(result.source)
        dialog.accept()
        self.note(f"已导入“{result.source.name}”：{result.year} 年度，"
                  f"{result.counts.items} 条具体指标。这是一份尚未保存的新草稿，请核对后保存。",
                  15000)
        self.imported.emit(result)

