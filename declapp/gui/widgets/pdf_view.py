"""The pages of a PDF on screen, rendered only as they come into view, off the GUI thread.

pdfium (through pypdfium2) is not safe to use from two threads at once, so one worker
thread owns the document and renders the pages asked for, newest request first; the
view draws a blank page with its number until the image arrives. An 85-page form opens
as fast as its first page renders, and scrolling never waits for pages not yet seen.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QPoint, QRect, QSize, Qt, Signal
from PySide6.QtGui import QColor, QImage, QPainter, QPaintEvent, QResizeEvent
from PySide6.QtWidgets import QAbstractScrollArea, QWidget

if TYPE_CHECKING:  # pypdfium2 is loaded with the first PDF shown, not at start-up
    import pypdfium2 as pdfium

GAP = 16  # pixels between pages and around them
CACHE_PAGES = 16  # images kept (a page at screen width is a few MB)


def render_page(page: pdfium.PdfPage, scale: float) -> QImage:
    """One PDF page as an image, *scale* pixels per point (white background, 32-bit)."""
    bitmap = page.render(scale=scale, prefer_bgrx=True)
    image = QImage(bitmap.buffer, bitmap.width, bitmap.height, bitmap.stride,
                   QImage.Format.Format_RGB32)
    return image.copy()  # detach from pdfium's buffer before the bitmap is freed


class PdfRenderer(QObject):
    """Renders pages of one PDF on its own thread; ``rendered(page, scale, image)``."""

    rendered = Signal(int, float, QImage)

    def __init__(self, path: Path, parent: QObject | None = None) -> None:
        super().__init__(parent)
        import pypdfium2 as pdfium

        self._document = pdfium.PdfDocument(str(path))
        # Read before the worker starts: afterwards only the worker touches pdfium.
        self.sizes = [self._document.get_page_size(i) for i in range(len(self._document))]
        self._wanted: OrderedDict[tuple[int, float], None] = OrderedDict()
        self._wake = threading.Condition()
        self._stopping = False
        self._thread = threading.Thread(target=self._work, name="pdf-pages", daemon=True)
        self._thread.start()

    def request(self, page: int, scale: float) -> None:
        """Ask for *page* at *scale*; the newest request is served first."""
        with self._wake:
            key = (page, scale)
            self._wanted.pop(key, None)
            self._wanted[key] = None
            self._wake.notify()

    def forget_others(self, keep: set[tuple[int, float]]) -> None:
        """Drop waiting requests for pages that have left the view."""
        with self._wake:
            for key in [k for k in self._wanted if k not in keep]:
                del self._wanted[key]

    def _work(self) -> None:
        while True:
            with self._wake:
                while not self._wanted and not self._stopping:
                    self._wake.wait()
                if self._stopping:
                    break
                (page_no, scale), _ = self._wanted.popitem(last=True)
            page = self._document[page_no]
            try:
                image = render_page(page, scale)
            finally:
                page.close()
            self.rendered.emit(page_no, scale, image)
        self._document.close()

    def close(self) -> None:
        """Stop the worker and close the document (waits for a page being rendered)."""
        with self._wake:
            self._stopping = True
            self._wanted.clear()
            self._wake.notify()
        self._thread.join(timeout=30)


class PdfPagesView(QAbstractScrollArea):
    """Pages one below the other, scaled to *zoom* (1.0 = the view's width)."""

    currentPageChanged = Signal(int)  # 0-based: the page at the middle of the view
    firstPageShown = Signal()

    def __init__(self, renderer: PdfRenderer, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.renderer = renderer
        self.fit_width = True
        self.zoom = 1.0  # points → pixels when not fitting the width
        self._images: OrderedDict[int, tuple[float, QImage]] = OrderedDict()
        self._tops: list[int] = []
        self._scale = 1.0
        self._current = -1
        self._first_shown = False
        self.viewport().setStyleSheet("background: #808080;")
        self.verticalScrollBar().setSingleStep(40)
        self.verticalScrollBar().valueChanged.connect(self._scrolled)
        self.horizontalScrollBar().valueChanged.connect(lambda _v: self.viewport().update())
        renderer.rendered.connect(self._rendered)

    # --- geometry ----------------------------------------------------------------------------
    @property
    def page_count(self) -> int:
        return len(self.renderer.sizes)

    def scale(self) -> float:
        """Pixels per point now: the view's width, or the chosen zoom."""
        if not self.fit_width:
            return self.zoom
        widest = max((w for w, _ in self.renderer.sizes), default=595.0)
        return max(0.2, (self.viewport().width() - 2 * GAP) / widest)

    def _layout(self) -> None:
        self._scale = round(self.scale(), 3)
        self._tops, y = [], GAP
        for _, height in self.renderer.sizes:
            self._tops.append(y)
            y += round(height * self._scale) + GAP
        total_width = max((round(w * self._scale) for w, _ in self.renderer.sizes), default=0)
        bar = self.verticalScrollBar()
        bar.setRange(0, max(0, y - self.viewport().height()))
        bar.setPageStep(self.viewport().height())
        hbar = self.horizontalScrollBar()
        hbar.setRange(0, max(0, total_width + 2 * GAP - self.viewport().width()))
        hbar.setPageStep(self.viewport().width())
        self.viewport().update()

    def page_rect(self, page: int) -> QRect:
        width, height = self.renderer.sizes[page]
        w, h = round(width * self._scale), round(height * self._scale)
        x = max(GAP, (self.viewport().width() - w) // 2) - self.horizontalScrollBar().value()
        return QRect(x, self._tops[page] - self.verticalScrollBar().value(), w, h)

    def visible_pages(self) -> range:
        top = self.verticalScrollBar().value()
        bottom = top + self.viewport().height()
        first = next((i for i, t in enumerate(self._tops)
                      if t + self.renderer.sizes[i][1] * self._scale >= top), 0)
        last = first
        while last + 1 < len(self._tops) and self._tops[last + 1] <= bottom:
            last += 1
        return range(first, last + 1) if self._tops else range(0)

    def set_zoom(self, zoom: float | None) -> None:
        """A fixed scale (pixels per point), or None to fit the width."""
        page = max(self._current, 0)
        self.fit_width = zoom is None
        if zoom is not None:
            self.zoom = min(max(zoom, 0.25), 6.0)
        self._layout()
        self.go_to(page)

    def go_to(self, page: int) -> None:
        if 0 <= page < len(self._tops):
            self.verticalScrollBar().setValue(self._tops[page] - GAP)
            self._scrolled()

    # --- events ------------------------------------------------------------------------------
    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        page = self._current
        self._layout()
        if page > 0:
            self.go_to(page)

    def sizeHint(self) -> QSize:
        return QSize(820, 1000)

    def _scrolled(self, *_args: object) -> None:
        pages = self.visible_pages()
        if pages:
            middle = self.verticalScrollBar().value() + self.viewport().height() // 2
            current = max((p for p in pages if self._tops[p] <= middle), default=pages.start)
            if current != self._current:
                self._current = current
                self.currentPageChanged.emit(current)
        self.viewport().update()

    def paintEvent(self, event: QPaintEvent) -> None:
        if not self._tops:
            self._layout()
        painter = QPainter(self.viewport())
        painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
        wanted: set[tuple[int, float]] = set()
        for page in self.visible_pages():
            rect = self.page_rect(page)
            painter.fillRect(rect.translated(3, 3), QColor("#505050"))  # a shadow
            cached = self._images.get(page)
            if cached is not None and cached[0] == self._scale:
                painter.drawImage(rect, cached[1])
                self._images.move_to_end(page)
                continue
            painter.fillRect(rect, Qt.GlobalColor.white)
            if cached is not None:  # an older zoom, blurred for a moment
                painter.drawImage(rect, cached[1])
            else:
                painter.setPen(QColor("#909090"))
                painter.drawText(rect, Qt.AlignmentFlag.AlignCenter, f"第 {page + 1} 页")
            wanted.add((page, self._dpr_scale()))
        painter.end()
        self.renderer.forget_others(wanted)
        for page, scale in sorted(wanted, reverse=True):
            self.renderer.request(page, scale)

    def _dpr_scale(self) -> float:
        return round(self._scale * self.devicePixelRatioF(), 3)

    def _rendered(self, page: int, scale: float, image: QImage) -> None:
        if scale != self._dpr_scale():
            return  # the zoom changed meanwhile
        image.setDevicePixelRatio(self.devicePixelRatioF())
        self._images[page] = (self._scale, image)
        self._images.move_to_end(page)
        while len(self._images) > CACHE_PAGES:
            self._images.popitem(last=False)
        self.viewport().update(self.page_rect(page).adjusted(-4, -4, 4, 4))
        if not self._first_shown:
            self._first_shown = True
            self.firstPageShown.emit()

    def shown_image(self, page: int) -> QImage | None:
        """The image drawn for *page* at the current scale, if it has arrived."""
        cached = self._images.get(page)
        return cached[1] if cached is not None and cached[0] == self._scale else None

    def scroll_offset(self) -> QPoint:
        return QPoint(self.horizontalScrollBar().value(), self.verticalScrollBar().value())
