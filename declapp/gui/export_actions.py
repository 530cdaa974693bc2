"""Export from the window: ask where, warn about errors, write off the GUI thread.

The draft is copied before the worker starts, so the clerk can go on typing while
the file is written; the result (or the reason it failed) comes back as a signal.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QObject, QThreadPool, QUrl, Signal
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget

from declapp.atomic import WriteError
from declapp.checks import ERROR, check_draft
from declapp.export import (
    FORMAT_NAMES,
    FORMATS,
    ExportError,
    ExportOptions,
    ExportResult,
    default_filename,
    export_draft,
)
from declapp.gui.app_settings import AppSettings
from declapp.gui.document import Document
from declapp.model import Draft

FILTERS = {"docx": "Word 文档 (*.docx)", "xlsx": "Excel 工作簿 (*.xlsx)", "pdf": "PDF 文件 (*.pdf)"}


class _Signals(QObject):
    done = Signal(list)  # list[ExportResult]
    failed = Signal(str)


def run_exports(draft: Draft, jobs: list[tuple[Path, str]], options: ExportOptions,
                signals: _Signals) -> None:
    """Worker body: export each (target, format); report once, success or the first failure."""
    results: list[ExportResult] = []
    try:
        for target, fmt in jobs:
            results.append(export_draft(draft, target, fmt, options))
    except (WriteError, ExportError) as exc:
        # 全部导出 stopped half-way: say what did get written, too.
        written = "".join(f"\n已导出：{r.path}" for r in results)
        signals.failed.emit(exc.message + written)
        return
    except Exception as exc:  # a bug must not vanish in a worker thread
        signals.failed.emit(f"导出时发生内部错误：{type(exc).__name__}: {exc}")
        return
    signals.done.emit(results)


class ExportController(QObject):
    """The 导出 actions of one window."""

    busyChanged = Signal(bool)
    finished = Signal(list)  # results, after the success message is shown
    failed = Signal(str)

    def __init__(self, window: QWidget, document: Document, settings: AppSettings) -> None:
        super().__init__(window)
        self.window = window
        self.document = document
        self.settings = settings
        self.busy = False
        self.done_box: QMessageBox | None = None
        self._signals = _Signals(self)
        self._signals.done.connect(self._on_done)
        self._signals.failed.connect(self._on_failed)

    # --- asking -------------------------------------------------------------------------------
    def _confirm_despite_errors(self) -> bool:
        errors = [f for f in check_draft(self.document.draft) if f.severity == ERROR]
        if not errors:
            return True
        lines = "\n".join(f"• {f.message}" for f in errors[:8])
        more = f"\n……还有 {len(errors) - 8} 个" if len(errors) > 8 else ""
        answer = QMessageBox.warning(
            self.window, "表单有错误",
            f"表单还有 {len(errors)} 个错误：\n\n{lines}{more}\n\n仍然导出吗？",
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel,
            QMessageBox.StandardButton.Cancel)
        return answer == QMessageBox.StandardButton.Yes

    def options(self) -> ExportOptions:
        font = self.settings.pdf_font_file
        return ExportOptions(font_file=Path(font) if font else None)

    def export(self, fmt: str) -> bool:
        """Ask for a file and export one format; False if the clerk cancelled."""
        if self.busy or not self._confirm_despite_errors():
            return False
        folder = self.settings.export_dir(self.document.path)
        proposal = folder / default_filename(self.document.draft, fmt)
        name, _ = QFileDialog.getSaveFileName(self.window, f"导出为 {FORMAT_NAMES[fmt]}",
                                              str(proposal), FILTERS[fmt])
        if not name:
            return False
        target = Path(name)
        if target.suffix.lower() != f".{fmt}":
            target = target.with_name(f"{target.name}.{fmt}")
        self._start([(target, fmt)])
        return True

    def export_all(self) -> bool:
        """Ask for a folder and export Word, Excel and PDF into it."""
        if self.busy or not self._confirm_despite_errors():
            return False
        start = self.settings.export_dir(self.document.path)
        name = QFileDialog.getExistingDirectory(self.window, "全部导出到文件夹", str(start))
        if not name:
            return False
        folder = Path(name)
        jobs = [(folder / default_filename(self.document.draft, fmt), fmt) for fmt in FORMATS]
        existing = [t.name for t, _ in jobs if t.exists()]
        if existing:
            answer = QMessageBox.question(
                self.window, "全部导出", "以下文件已存在，要覆盖吗？\n\n" + "\n".join(existing),
                QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel,
                QMessageBox.StandardButton.Cancel)
            if answer != QMessageBox.StandardButton.Yes:
                return False
        self._start(jobs)
        return True

    # --- working ------------------------------------------------------------------------------
    def _start(self, jobs: list[tuple[Path, str]]) -> None:
        self._set_busy(True)
        draft = self.document.draft.copy()  # the clerk keeps typing meanwhile
        options = self.options()
        signals = self._signals
        QThreadPool.globalInstance().start(lambda: run_exports(draft, jobs, options, signals))

    def _set_busy(self, busy: bool) -> None:
        self.busy = busy
        self.busyChanged.emit(busy)

    def _on_done(self, results: list[ExportResult]) -> None:
        self._set_busy(False)
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

        def clicked(button) -> None:
            if open_file is not None and button is open_file:
                QDesktopServices.openUrl(QUrl.fromLocalFile(str(results[0].path)))
            elif button is open_folder:
                QDesktopServices.openUrl(QUrl.fromLocalFile(str(results[0].path.parent)))

        box.buttonClicked.connect(clicked)
        self.done_box = box
        box.open()  # window-modal but not blocking: the window stays responsive
        self.finished.emit(results)

    def _on_failed(self, message: str) -> None:
        self._set_busy(False)
        QMessageBox.warning(self.window, "导出失败", message)
        self.failed.emit(message)
