"""打印预览: the exported PDF's own pages, page by page as they come into view.

What the clerk sees here is what prints and what the PDF export writes: the same file.
It opens at the window's width (body text readable, not blotchy), renders only the
pages on screen, and 打印… prints these very pages.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QLabel, QToolBar, QVBoxLayout, QWidget

from declapp.gui.dialogs.base import Dialog
from declapp.gui.widgets.icons import icon
from declapp.gui.widgets.pdf_view import PdfPagesView, PdfRenderer

ZOOM_STEP = 1.25


class PrintPreviewDialog(Dialog):
    """The preview of one print job; ``printRequested`` when the clerk chooses 打印…."""

    printRequested = Signal()

    def __init__(self, pdf: Path, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("打印预览")
        self.setWindowFlag(Qt.WindowType.WindowMaximizeButtonHint, True)
        self.renderer = PdfRenderer(pdf, self)
        self.view = PdfPagesView(self.renderer, self)
        self.toolbar = QToolBar(self)
        self.page_label = QLabel(self)
        self.page_label.setObjectName("pageLabel")
        self._add_actions()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.toolbar)
        layout.addWidget(self.view)
        self.view.currentPageChanged.connect(self._show_page_number)
        self._show_page_number(0)
        self.resize(self._good_size(parent))

    def _add_actions(self) -> None:
        bar = self.toolbar
        self.print_action = QAction(icon("print"), "打印…", self)
        self.print_action.setShortcut(QKeySequence.StandardKey.Print)
        self.print_action.triggered.connect(self._print)
        bar.addAction(self.print_action)
        bar.addSeparator()
        self.fit_width = QAction("适合宽度", self, checkable=True, checked=True)
        self.fit_width.triggered.connect(lambda: self.view.set_zoom(None))
        self.fit_page = QAction("整页", self)
        self.fit_page.triggered.connect(self._whole_page)
        zoom_in = QAction("放大", self)
        zoom_in.setShortcut(QKeySequence.StandardKey.ZoomIn)
        zoom_in.triggered.connect(lambda: self._zoom(ZOOM_STEP))
        zoom_out = QAction("缩小", self)
        zoom_out.setShortcut(QKeySequence.StandardKey.ZoomOut)
        zoom_out.triggered.connect(lambda: self._zoom(1 / ZOOM_STEP))
        for action in (self.fit_width, self.fit_page, zoom_in, zoom_out):
            bar.addAction(action)
        bar.addSeparator()
        bar.addWidget(self.page_label)
        close = QAction("关闭", self)
        close.setShortcut(QKeySequence(Qt.Key.Key_Escape))
        close.triggered.connect(self.reject)
        spacer = QWidget(self)
        spacer.setSizePolicy(spacer.sizePolicy().Policy.Expanding,
                             spacer.sizePolicy().Policy.Preferred)
        bar.addWidget(spacer)
        bar.addAction(close)
        bar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)

    def _good_size(self, parent: QWidget | None) -> QSize:
        """Tall enough for most of a page at a readable width."""
        screen = (parent.screen() if parent is not None else self.screen()).availableGeometry()
        return QSize(min(1000, max(700, screen.width() * 6 // 10)), screen.height() * 9 // 10)

    def _zoom(self, factor: float) -> None:
        self.fit_width.setChecked(False)
        self.view.set_zoom(self.view.scale() * factor)

    def _whole_page(self) -> None:
        self.fit_width.setChecked(False)
        sizes = self.view.renderer.sizes
        if sizes:
            width, height = sizes[0]
            area = self.view.viewport().size()
            self.view.set_zoom(min((area.width() - 32) / width, (area.height() - 32) / height))

    def _show_page_number(self, page: int) -> None:
        self.page_label.setText(f"  第 {page + 1} 页，共 {self.view.page_count} 页  ")

    def _print(self) -> None:
        self.printRequested.emit()
        self.accept()

    def done(self, result: int) -> None:
        self.renderer.close()
        super().done(result)
