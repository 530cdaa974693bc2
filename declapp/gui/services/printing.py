"""Print preview and print: the exact pages of the PDF export, never a re-layout.

The draft is exported to a temporary PDF off the GUI thread; the preview shows its
pages (``dialogs.print_preview``) and printing renders them with pypdfium2 (PySide6-
Essentials has no QtPdf) at print resolution onto the QPrinter's pages, so paper,
preview and the exported PDF are the same pages.
"""

from __future__ import annotations

import contextlib
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QRectF, Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QDialog, QMessageBox, QWidget

from declapp.export import ExportOptions, export_draft
from declapp.form.model import Draft
from declapp.gui.dialogs.messages import Review, confirm_despite_errors, show_warning
from declapp.gui.document.document import Document
from declapp.gui.ops import Ops
from declapp.gui.qt_setup import file_dialog_room

if TYPE_CHECKING:  # the preview dialog, pypdfium2 and Qt's printing load when first used
    from PySide6.QtPrintSupport import QPrinter

    from declapp.gui.dialogs.print_preview import PrintPreviewDialog

RENDER_DPI = 300  # sharp on paper; the printer's 1200 dpi would cost 16× the memory


def selected_pages(printer: QPrinter, count: int) -> list[int]:
    """0-based PDF pages the print dialog asked for (a range like 3–4), else all."""
    from PySide6.QtPrintSupport import QPrinter

    if printer.printRange() == QPrinter.PrintRange.PageRange and printer.fromPage() > 0:
        last = min(printer.toPage() or count, count)
        return list(range(printer.fromPage() - 1, last))
    return list(range(count))


def paint_pdf(pdf_path: Path, printer: QPrinter, dpi: int = RENDER_DPI) -> int:
    """Paint the chosen pages of *pdf_path* on *printer*, one PDF page per sheet; how many."""
    import pypdfium2 as pdfium  # not at start-up
    from PySide6.QtGui import QPainter

    from declapp.gui.widgets.pdf_view import render_page

    document = pdfium.PdfDocument(str(pdf_path))
    try:
        pages = selected_pages(printer, len(document))
        printer.setFullPage(True)  # our PDF pages carry the form's margins already
        painter = QPainter()
        if not painter.begin(printer):
            raise OSError("打印机无法开始打印。")
        try:
            painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
            for n, index in enumerate(pages):
                if n:
                    printer.newPage()
                page = document[index]
                try:
                    image = render_page(page, dpi / 72)
                finally:
                    page.close()
                target = QRectF(painter.viewport())
                size = image.size().scaled(target.size().toSize(),
                                           Qt.AspectRatioMode.KeepAspectRatio)
                x = target.x() + (target.width() - size.width()) / 2
                y = target.y() + (target.height() - size.height()) / 2
                painter.drawImage(QRectF(x, y, size.width(), size.height()), image)
        finally:
            painter.end()
        return len(pages)
    finally:
        document.close()


def make_printer(mode: QPrinter.PrinterMode | None = None) -> QPrinter:
    """A printer for A4 portrait, in high resolution unless *mode* says otherwise."""
    from PySide6.QtGui import QPageLayout, QPageSize
    from PySide6.QtPrintSupport import QPrinter

    printer = QPrinter(QPrinter.PrinterMode.HighResolution if mode is None else mode)
    printer.setPageSize(QPageSize(QPageSize.PageSizeId.A4))
    printer.setPageOrientation(QPageLayout.Orientation.Portrait)
    return printer


class PrintJob:
    """Exports the draft to a temporary PDF once, then previews or prints its pages."""

    def __init__(self, draft: Draft, options: ExportOptions) -> None:
        self._tmp = tempfile.TemporaryDirectory(prefix="declapp-print-")
        self.pdf_path = Path(self._tmp.name) / "print.pdf"
        result = export_draft(draft, self.pdf_path, "pdf", options)
        self.warnings = result.warnings

    def close(self) -> None:
        with contextlib.suppress(OSError):
            self._tmp.cleanup()

    def paint(self, printer: QPrinter) -> int:
        return paint_pdf(self.pdf_path, printer)


def printers_available() -> bool:
    from PySide6.QtPrintSupport import QPrinterInfo

    return bool(QPrinterInfo.availablePrinterNames())


class Printing(QObject):
    """打印预览 and 打印 of one window: the PDF is made off the GUI thread, then shown."""

    def __init__(self, window: QWidget, document: Document, options: Callable[[], ExportOptions],
                 ops: Ops, actions: list[QAction], note: Callable[[str, int], None]) -> None:
        super().__init__(window)
        self.window = window
        self.document = document
        self.options = options
        self.ops = ops
        self.actions = actions
        self.note = note
        self.preview_dialog: PrintPreviewDialog | None = None  # made at the first preview
        self.review: Review | None = None  # 去检查 in the question before printing

    def _with_job(self, then: Callable[[PrintJob], bool]) -> bool:
        """Export to a temporary PDF in the background, then hand it to *then*, which
        returns True when it has kept the job (and closes it later itself)."""
        if not confirm_despite_errors(self.window, self.document.draft, "打印", self.review):
            return False
        draft, options = self.document.draft.copy(), self.options()

        def ready(job: PrintJob) -> None:
            if job.warnings:
                self.note("注意：" + "；".join(job.warnings), 15000)
            kept = False
            try:
                kept = then(job)
            finally:
                if not kept:
                    job.close()

        return self.ops.run("print", lambda _progress: PrintJob(draft, options), ready,
                            text="正在准备打印…", failure_title="打印",
                            actions=self.actions) is not None

    def preview(self) -> bool:
        return self._with_job(self._show_preview)

    def _show_preview(self, job: PrintJob) -> bool:
        from declapp.gui.dialogs.print_preview import PrintPreviewDialog

        dialog = PrintPreviewDialog(job.pdf_path, self.window)
        dialog.printRequested.connect(lambda: print_pages(job, self.window))
        dialog.finished.connect(job.close)
        dialog.finished.connect(self._preview_closed)
        self.preview_dialog = dialog
        dialog.open()  # the window stays usable behind it
        return True

    def _preview_closed(self) -> None:
        self.preview_dialog = None

    def print_(self) -> bool:
        if not printers_available():
            return print_pages(None, self.window)  # says there is no printer
        return self._with_job(self._print_now)

    def _print_now(self, job: PrintJob) -> bool:
        print_pages(job, self.window)
        return False  # done with the job: it may go


def print_pages(job: PrintJob | None, parent: QWidget | None) -> bool:
    """Ask for a printer and print; says so plainly when there is none. True if printed."""
    if job is None or not printers_available():
        QMessageBox.information(parent, "打印",
                                "这台电脑没有安装打印机。\n请安装打印机后再打印，"
                                "或先导出为 PDF 文件，拿到有打印机的电脑上打印。")
        return False
    from PySide6.QtPrintSupport import QPrintDialog

    printer = make_printer()
    dialog = QPrintDialog(printer, parent)
    dialog.setWindowTitle("打印")
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    with file_dialog_room():  # its 打印到文件 chooser is Qt's own file dialog
        accepted = dialog.exec() == QDialog.DialogCode.Accepted
    if not accepted:
        return False
    try:
        job.paint(printer)
    except OSError as exc:
        show_warning(parent, "打印", f"打印失败：{exc}")
        return False
    return True
