"""Export from the window: ask where, warn about errors, write off the GUI thread.

The draft is copied before the work starts, so the clerk can go on typing while the
file is written (``Ops``); the result, or the reason it failed, comes back on the GUI
thread.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QAbstractButton, QFileDialog, QMessageBox, QWidget

from declapp.errors import ClerkError
from declapp.export import (
    FORMAT_NAMES,
    FORMATS,
    ExportOptions,
    ExportResult,
    Prepared,
    default_filename,
    export_draft,
    prepare,
)
from declapp.form.model import Draft
from declapp.gui.dialogs.messages import (
    Review,
    confirm_despite_errors,
    open_with_system,
    show_warning,
)
from declapp.gui.document.document import Document
from declapp.gui.ops import Ops, Progress
from declapp.gui.qt_setup import file_dialog_room
from declapp.gui.settings import AppSettings

FILTERS = {"docx": "Word 文档 (*.docx)", "xlsx": "Excel 工作簿 (*.xlsx)", "pdf": "PDF 文件 (*.pdf)"}
SHEET_TITLE = "导出一体化指标表"


def run_exports(draft: Draft, jobs: list[tuple[Path, str]], options: ExportOptions,
                progress: Progress) -> list[ExportResult]:
    """Worker body: export each (target, format), one step each."""
    results: list[ExportResult] = []
    prepared: Prepared | None = None  # laid out and serialised once for all the files
    for n, (target, fmt) in enumerate(jobs):
        progress.step(n, len(jobs))
        try:
            if prepared is None and len(jobs) > 1:
                prepared = prepare(draft, options)
            results.append(export_draft(draft, target, fmt, options, prepared=prepared))
        except ClerkError as exc:  # 全部导出 stopped half-way: say what did get written
            written = "".join(f"\n已导出：{r.path}" for r in results)
            raise ClerkError(exc.message + written) from exc
    progress.step(len(jobs), len(jobs))
    return results


def run_indicator_sheet(draft: Draft, target: Path, progress: Progress) -> list[ExportResult]:
    """Worker body: the 一体化指标表, and how many of its rows are still free text."""
    from declapp.export.indicator_sheet import write_indicator_sheet  # openpyxl: not at start-up

    progress.step(0, 1)
    rows = write_indicator_sheet(draft, target)
    progress.step(1, 1)
    free = sum(row.free_text for row in rows)
    warnings = [f"共 {len(rows)} 行，其中 {free} 行是自由文本指标，录入一体化系统时需拆分填写"
                "（可先用“指标 › 整张表转为结构化”）。"] if free else []
    return [ExportResult(target, "xlsx", warnings)]


class ExportController(QObject):
    """The 导出 actions of one window."""

    finished = Signal(list)  # results, after the success message is shown
    failed = Signal(str)

    def __init__(self, window: QWidget, document: Document, settings: AppSettings,
                 ops: Ops, actions: list[QAction]) -> None:
        super().__init__(window)
        self.window = window
        self.document = document
        self.settings = settings
        self.ops = ops
        self.actions = actions  # disabled while an export runs
        self.done_box: QMessageBox | None = None
        # 去检查 in the question before an export: the window shows the finding.
        self.review: Review | None = None

    @property
    def busy(self) -> bool:
        return self.ops.busy("export")

    def options(self) -> ExportOptions:
        font = self.settings.pdf_font_file
        return ExportOptions(font_file=Path(font) if font else None)

    def export(self, fmt: str) -> bool:
        """Ask for a file and export one format; False if the clerk cancelled."""
        if self.busy or not confirm_despite_errors(self.window, self.document.draft, "导出",
                                                        self.review):
            return False
        folder = self.settings.export_dir(self.document.path)
        proposal = folder / default_filename(self.document.draft, fmt)
        with file_dialog_room():
            name, _ = QFileDialog.getSaveFileName(self.window, f"导出为 {FORMAT_NAMES[fmt]}",
                                                  str(proposal), FILTERS[fmt])
        if not name:
            return False
        target = Path(name)
        if target.suffix.lower() != f".{fmt}":
            target = target.with_name(f"{target.name}.{fmt}")
        return self._start([(target, fmt)])

    def export_all(self) -> bool:
        """Ask for a folder and export Word, Excel and PDF into it."""
        if self.busy or not confirm_despite_errors(self.window, self.document.draft, "导出",
                                                        self.review):
            return False
        start = self.settings.export_dir(self.document.path)
        with file_dialog_room():
            name = QFileDialog.getExistingDirectory(self.window, "全部导出到文件夹", str(start))
        if not name:
            return False
        from declapp.export.ownership import earlier_export, is_regular  # reads with lxml

        folder = Path(name)
        draft = self.document.draft
        jobs = [(folder / default_filename(draft, fmt), fmt) for fmt in FORMATS]
        # Our own earlier exports of this draft are replaced, as exporting again means;
        # anything else there (a form made by hand, another department's) is asked about.
        others = [t.name for t, fmt in jobs
                  if is_regular(t) and not earlier_export(t, draft, fmt)]
        if others and not self._ask_overwrite(others):
            return False
        return self._start(jobs)

    def _ask_overwrite(self, names: list[str]) -> bool:
        """覆盖 or 取消 for files in the way that this program did not export for this draft."""
        box = QMessageBox(QMessageBox.Icon.Question, "全部导出",
                          "以下文件已存在，而且不是本程序为这份草稿导出的文件。要覆盖它们吗？\n\n"
                          + "\n".join(names), QMessageBox.StandardButton.NoButton, self.window)
        overwrite = box.addButton("覆盖", QMessageBox.ButtonRole.DestructiveRole)
        cancel = box.addButton("取消", QMessageBox.ButtonRole.RejectRole)
        box.setDefaultButton(cancel)
        box.exec()
        return box.clickedButton() is overwrite

    def export_indicator_sheet(self) -> bool:
        """Ask for a file and write the 一体化指标表 (the indicators for the budget system)."""
        if self.busy:
            return False
        from declapp.export.indicator_sheet import sheet_filename  # openpyxl: not at start-up

        draft = self.document.draft
        proposal = self.settings.export_dir(self.document.path) / sheet_filename(draft)
        with file_dialog_room():
            name, _ = QFileDialog.getSaveFileName(self.window, SHEET_TITLE, str(proposal),
                                                  FILTERS["xlsx"])
        if not name:
            return False
        target = Path(name)
        if target.suffix.lower() != ".xlsx":
            target = target.with_name(f"{target.name}.xlsx")
        copy = draft.copy()  # the clerk keeps typing meanwhile
        started = self.ops.run(
            "export", lambda progress: run_indicator_sheet(copy, target, progress),
            self._on_done, text="正在导出一体化指标表…", failure_title="导出失败",
            actions=self.actions, on_failed=self._on_failed)
        return started is not None

    # --- working ------------------------------------------------------------------------------
    def _start(self, jobs: list[tuple[Path, str]]) -> bool:
        draft = self.document.draft.copy()  # the clerk keeps typing meanwhile
        options = self.options()
        started = self.ops.run(
            "export", lambda progress: run_exports(draft, jobs, options, progress),
            self._on_done, text="正在导出…", failure_title="导出失败", actions=self.actions,
            on_failed=self._on_failed)
        return started is not None

    def _on_done(self, results: list[ExportResult]) -> None:
        if results:
            self.settings.last_export_dir = str(results[0].path.parent)
        warnings = [w for r in results for w in r.warnings]
        files = "\n".join(str(r.path) for r in results)
        box = QMessageBox(QMessageBox.Icon.Information, "导出完成",
                          f"已导出：\n{files}", QMessageBox.StandardButton.Close, self.window)
        if warnings:
            box.setIcon(QMessageBox.Icon.Warning)
            box.setInformativeText("注意：" + "\n".join(dict.fromkeys(warnings)))
        open_file = box.addButton("打开文件", QMessageBox.ButtonRole.AcceptRole) \
            if len(results) == 1 else None
        open_folder = box.addButton("打开所在文件夹", QMessageBox.ButtonRole.ActionRole)

        def clicked(button: QAbstractButton) -> None:
            if open_file is not None and button is open_file:
                open_with_system(self.window, results[0].path)
            elif button is open_folder:
                open_with_system(self.window, results[0].path, folder=True)

        box.buttonClicked.connect(clicked)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.done_box = box
        box.open()  # window-modal but not blocking: the window stays responsive
        self.finished.emit(results)

    def _on_failed(self, message: str) -> None:
        show_warning(self.window, "导出失败", message)
        self.failed.emit(message)
