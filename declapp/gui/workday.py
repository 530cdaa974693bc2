"""The window's working-day services: problems panel, export, print, autosave and
recovery, recent files, next year's form, settings.

Kept apart from ``main_window`` so the window stays a frame of tabs and menus; each
service lives in its own module and is wired to the window's actions here.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QDialog, QMainWindow, QMessageBox, QProgressBar

from declapp.atomic import WriteError
from declapp.errors import ClerkError
from declapp.export import ExportError
from declapp.fileformat import DraftError, load
from declapp.gui.app_settings import AppSettings
from declapp.gui.autosave import Autosaver
from declapp.gui.export_actions import ExportController
from declapp.gui.printing import PrintJob, print_pages, printers_available, show_preview
from declapp.gui.problems_dock import ProblemsDock
from declapp.gui.recent_files import RecentFiles
from declapp.gui.settings_dialog import SettingsDialog
from declapp.recovery import RecoveryCopy, RecoveryStore

EXPORT_ACTIONS = ("actionExportDocx", "actionExportXlsx", "actionExportPdf", "actionExportAll",
                  "actionPrint", "actionPrintPreview")


class Workday(QObject):
    def __init__(self, window: QMainWindow, recovery: RecoveryStore | None) -> None:
        super().__init__(window)
        self.window = window
        self.doc = window.doc
        self.store = recovery
        self.settings = AppSettings(window.settings)
        actions = window.actions
        status = window.statusBar()

        self.problems = ProblemsDock(self.doc, window)
        window.addDockWidget(Qt.DockWidgetArea.BottomDockWidgetArea, self.problems)
        self.problems.navigateRequested.connect(window.navigate_to)
        status.addPermanentWidget(self.problems.status_label)
        actions["actionCheckForm"].triggered.connect(self.show_problems)

        self.exporter = ExportController(window, self.doc, self.settings)
        self.busy_bar = QProgressBar(window)
        self.busy_bar.setRange(0, 0)  # indeterminate: "working"
        self.busy_bar.setMaximumWidth(140)
        self.busy_bar.setFormat("正在导出…")
        self.busy_bar.hide()
        status.addPermanentWidget(self.busy_bar)
        self.exporter.busyChanged.connect(self._busy)
        for fmt in ("docx", "xlsx", "pdf"):
            actions[f"actionExport{fmt.capitalize()}"].triggered.connect(
                lambda _=False, f=fmt: self.exporter.export(f))
        actions["actionExportAll"].triggered.connect(self.exporter.export_all)
        actions["actionPrintPreview"].triggered.connect(self.print_preview)
        actions["actionPrint"].triggered.connect(self.print)

        self.recent = RecentFiles(self.settings, window.menus["menuRecent"],
                                  window.file_actions.open_path,
                                  lambda text: status.showMessage(text, 8000))
        self.doc.pathChanged.connect(self._remember_path)

        self.autosaver: Autosaver | None = None
        if recovery is not None:
            self.autosaver = Autosaver(self.doc, recovery, self.settings.autosave_seconds, self)
            self.autosaver.failed.connect(
                lambda text: status.showMessage(f"自动保存失败：{text}", 10000))

        actions["actionNextYear"].triggered.connect(self.next_year)
        actions["actionSettings"].triggered.connect(self.edit_settings)

    # --- problems ---------------------------------------------------------------------------
    def show_problems(self) -> None:
        self.problems.refresh_now()
        self.problems.show()
        self.problems.raise_()

    # --- export and print -------------------------------------------------------------------
    def _busy(self, busy: bool) -> None:
        self.busy_bar.setVisible(busy)
        for name in EXPORT_ACTIONS:
            self.window.actions[name].setEnabled(not busy)

    def _print_job(self) -> PrintJob | None:
        job: PrintJob | None = None
        QGuiApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            job = PrintJob(self.doc.draft.copy(), self.exporter.options())
        except (WriteError, ExportError, OSError) as exc:
            problem = exc.message if isinstance(exc, ClerkError) else str(exc)
        finally:
            QGuiApplication.restoreOverrideCursor()
        if job is None:
            QMessageBox.warning(self.window, "打印", problem)
            return None
        if job.warnings:
            self.window.statusBar().showMessage("注意：" + "；".join(job.warnings), 15000)
        return job

    def print_preview(self) -> None:
        job = self._print_job()
        if job is None:
            return
        try:
            show_preview(job, self.window)
        finally:
            job.close()

    def print(self) -> bool:
        if not printers_available():
            return print_pages(None, self.window)  # says there is no printer
        job = self._print_job()
        if job is None:
            return False
        try:
            return print_pages(job, self.window)
        finally:
            job.close()

    # --- files ------------------------------------------------------------------------------
    def _remember_path(self) -> None:
        if self.doc.path is not None:
            self.recent.add(self.doc.path)

    def next_year(self) -> bool:
        """This draft, year + 1, as a new unsaved draft; the panel shows the stale years."""
        if not self.window.file_actions.maybe_save():
            return False
        following = self.doc.draft.next_year_copy()
        self.doc.replace(following, None)
        self.doc.stack.resetClean()  # new and unsaved: closing asks
        self.show_problems()
        stale = sum(1 for f in self.problems.model.findings if f.id == "stale-year")
        self.window.statusBar().showMessage(
            f"已生成 {following.year} 年度草稿（尚未保存）。"
            + (f"有 {stale} 处文字仍写着往年的年份，见问题列表。" if stale else ""), 15000)
        return True

    def restore_copy(self, copy: RecoveryCopy) -> bool:
        """Open a recovery copy as a modified draft whose 保存 goes to its original file."""
        try:
            draft = load(copy.path)
        except DraftError as exc:
            QMessageBox.critical(self.window, "无法恢复", exc.message)
            return False
        self.doc.replace(draft, copy.original)
        self.doc.stack.resetClean()
        # The old copy goes only once this run holds its own: on a full disk it stays.
        if self.autosaver is not None and self.autosaver.autosave_now() \
                and self.store is not None:
            self.store.remove_copy(copy)
        self.window.statusBar().showMessage(f"已恢复：{copy.describe()}", 15000)
        return True

    def closing(self) -> None:
        """The window closes normally (saved or discarded): no recovery copy is left."""
        if self.autosaver is not None:
            self.autosaver.discard()

    # --- settings ---------------------------------------------------------------------------
    def edit_settings(self) -> bool:
        dialog = SettingsDialog(self.settings, self.window)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return False
        if self.autosaver is not None:
            self.autosaver.set_interval(self.settings.autosave_seconds)
        return True
