"""A list row of two lines: what it is, and under it, in grey, where it comes from or what
becomes of it. Used by the 指标库 hits and the 转为结构化 review."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QPointF, QRect, QSize, Qt
from PySide6.QtGui import QColor, QFont, QPainter, QPalette, QTextCharFormat, QTextLayout
from PySide6.QtWidgets import QApplication, QStyle, QStyledItemDelegate, QStyleOptionViewItem

SECOND_LINE_ROLE = Qt.ItemDataRole.UserRole + 20
# (start, end) spans of the first line to mark: the words searched for.
HIGHLIGHT_ROLE = Qt.ItemDataRole.UserRole + 21
_PAD = 3
MARK_COLOR = QColor("#ffe38a")  # a highlighter's yellow, readable on white and on blue


class TwoLineDelegate(QStyledItemDelegate):
    """Draws the display text, and the ``SECOND_LINE_ROLE`` text below it in grey; each
    line elided at the right (the tooltip has the whole text). The spans of
    ``HIGHLIGHT_ROLE`` in the first line are marked, as a highlighter would."""

    def paint(self, painter: QPainter, option: QStyleOptionViewItem,
              index: QModelIndex | QPersistentModelIndex) -> None:
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        first = opt.text
        second = index.data(SECOND_LINE_ROLE)
        opt.text = ""  # the style draws the row, the selection, the check box
        widget = opt.widget
        style = widget.style() if widget is not None else QApplication.style()
        style.drawControl(QStyle.ControlElement.CE_ItemViewItem, opt, painter, widget)
        text_rect = style.subElementRect(QStyle.SubElement.SE_ItemViewItemText, opt, widget)
        metrics = opt.fontMetrics
        line = metrics.height()
        selected = bool(opt.state & QStyle.StateFlag.State_Selected)
        palette = opt.palette
        group = QPalette.ColorGroup.Normal if opt.state & QStyle.StateFlag.State_Enabled \
            else QPalette.ColorGroup.Disabled
        main = palette.color(group, QPalette.ColorRole.HighlightedText if selected
                             else QPalette.ColorRole.Text)
        painter.save()
        width = text_rect.width() - 2 * _PAD
        top = text_rect.top() + (text_rect.height() - 2 * line) // 2
        painter.setPen(main)
        shown = metrics.elidedText(first, Qt.TextElideMode.ElideRight, width)
        spans = index.data(HIGHLIGHT_ROLE)
        if isinstance(spans, list) and spans:
            self._draw_marked(painter, opt, shown, spans, text_rect.left() + _PAD, top, line,
                              selected)
        else:
            painter.drawText(QRect(text_rect.left() + _PAD, top, width, line),
                             Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, shown)
        if isinstance(second, str) and second:
            grey = main if selected else palette.color(group, QPalette.ColorRole.PlaceholderText)
            painter.setPen(grey)
            painter.drawText(QRect(text_rect.left() + _PAD, top + line, width, line),
                             Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
                             metrics.elidedText(second, Qt.TextElideMode.ElideRight, width))
        painter.restore()

    @staticmethod
    def _draw_marked(painter: QPainter, opt: QStyleOptionViewItem, shown: str,
                     spans: list[tuple[int, int]], left: int, top: int, line: int,
                     selected: bool) -> None:
        """*shown* (the first line, maybe elided) with the spans marked: bold, on yellow
        (bold alone where the row is selected)."""
        layout = QTextLayout(shown, opt.font)
        formats = []
        keep = len(shown) - (1 if shown.endswith("…") else 0)  # the ellipsis is no text
        for start, end in spans:
            start, end = max(0, start), min(end, keep)
            if start >= end:
                continue
            fmt = QTextCharFormat()
            fmt.setFontWeight(QFont.Weight.Bold)
            if not selected:
                fmt.setBackground(MARK_COLOR)
                fmt.setForeground(opt.palette.color(QPalette.ColorRole.Text))
            marked = QTextLayout.FormatRange()
            marked.start, marked.length, marked.format = start, end - start, fmt
            formats.append(marked)
        layout.setFormats(formats)
        layout.beginLayout()
        text_line = layout.createLine()
        text_line.setLineWidth(1_000_000)  # one line: elided already
        layout.endLayout()
        offset = (line - text_line.height()) / 2
        layout.draw(painter, QPointF(left, top + offset))

    def sizeHint(self, option: QStyleOptionViewItem,
                 index: QModelIndex | QPersistentModelIndex) -> QSize:
        base = super().sizeHint(option, index)
        height = option.fontMetrics.height() * 2 + 2 * _PAD + 4
        # No width of its own: a row is as wide as the list and elides its lines there,
        # instead of making the list scroll sideways to the end of the longest text.
        return QSize(1, max(base.height(), height))
