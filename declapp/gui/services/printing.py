"""Print preview and print: the exact pages of the PDF export, never a re-layout.

The PDF is rendered page by page with pypdfium2 (PySide6-Essentials has no QtPdf) at
print resolution and painted onto the QPrinter's pages, so paper, preview and the
exported PDF are the same pages.
"""

from __future__ import annotations

import contextlib
import tempfile
from collections.abc import Callable
from pathlib import Path

import pypdfium2 as pdfium
from PySide6.QtCore import QObject, QRectF, Qt
from PySide6.QtGui import QAction, QImage, QPageLayout, QPageSize, QPainter
from PySide6.QtPrintSupport import QPrintDialog, QPrinter, QPrinterInfo, QPrintPreviewDialog
from PySide6.QtWidgets import QDialog, QMessageBox, QWidget

from declapp.export import ExportOptions, export_draft
from declapp.gui.dialogs.messages import confirm_despite_errors
from declapp.gui.document.document import Document
from declapp.gui.ops import Ops
from declapp.model import Draft

RENDER_DPI = 300  # sharp on paper; the printer's 1200 dpi would cost 16× the memory


def render_page(page: pdfium.PdfPage, dpi: int = RENDER_DPI) -> QImage:
    """One PDF page as an image at *dpi* (white background, 32-bit)."""
    bitmap = page.render(scale=dpi / 72, prefer_bgrx=True)
    image = QImage(bitmap.buffer, bitmap.width, bitmap.height, bitmap.stride,
                   QImage.Format.Format_RGB32)
    return image.copy()  # detach from pdfium's buffer before the bitmap is freed


def selected_pages(printer: QPrinter, count: int) -> list[int]:
    """0-based PDF pages the print dialog asked for (a range like 3–4), else all."""
    if printer.printRange() == QPrinter.PrintRange.PageRange and printer.fromPage() > 0:
        last = min(printer.toPage() or count, count)
        return list(range(printer.fromPage() - 1, last))
    return list(range(count))


def paint_pdf(pdf_path: Path, printer: QPrinter, dpi: int = RENDER_DPI) -> int:
    """Paint the chosen pages of *pdf_path* on *printer*, one PDF page per sheet; how many."""
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
                    image = render_page(page, dpi)
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


def make_printer(mode: QPrinter.PrinterMode = QPrinter.PrinterMode.HighResolution) -> QPrinter:
    printer = QPrinter(mode)
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

    def _with_job(self, then: Callable[[PrintJob], object]) -> bool:
        if not confirm_despite_errors(self.window, self.document.draft, "打印"):
            return False
        draft, options = self.document.draft.copy(), self.options()

        def shown(job: PrintJob) -> None:
            if job.warnings:
                self.note("注意：" + "；".join(job.warnings), 15000)
            try:
                then(job)
            finally:
                job.close()

        return self.ops.run("print", lambda _progress: PrintJob(draft, options), shown,
                            text="正在准备打印…", failure_title="打印",
                            actions=self.actions) is not None

    def preview(self) -> bool:
        return self._with_job(lambda job: show_preview(job, self.window))

    def print_(self) -> bool:
        if not printers_available():
            return print_pages(None, self.window)  # says there is no printer
        return self._with_job(lambda job: print_pages(job, self.window))


def show_preview(job: PrintJob, parent: QWidget | None,
                 on_dialog: Callable[[QPrintPreviewDialog], None] | None = None) -> None:
    """The print preview dialog over the job's pages (printing from it works too)."""
    printer = make_printer()
    dialog = QPrintPreviewDialog(printer, parent)
    dialog.setWindowTitle("打印预览")
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.paintRequested.connect(job.paint)
    dialog.resize(900, 1000)
    if on_dialog is not None:
        on_dialog(dialog)
    dialog.exec()


def print_pages(job: PrintJob | None, parent: QWidget | None) -> bool:
    """Ask for a printer and print; says so plainly when there is none. True if printed."""
    if job is None or not printers_available():
        QMessageBox.information(parent, "打印",
                                "这台电脑没有安装打印机。\n请安装打印机后再打印，"
                                "或先导出为 PDF 文件，拿到有打印机的电脑上打印。")
        return False
    printer = make_printer()
    dialog = QPrintDialog(printer, parent)
    dialog.setWindowTitle("打印")
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return False
    try:
        job.paint(printer)
    except OSError as exc:
        QMessageBox.warning(parent, "打印", f"打印失败：{exc}")
        return False
    return True
