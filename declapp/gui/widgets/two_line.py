"""A list row of two lines: what it is, and under it, in grey, where it comes from or what
becomes of it. Used by the 指标库 hits and the 转为结构化 review."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QRect, QSize, Qt
from PySide6.QtGui import QPainter, QPalette
from PySide6.QtWidgets import QApplication, QStyle, QStyledItemDelegate, QStyleOptionViewItem

SECOND_LINE_ROLE = Qt.ItemDataRole.UserRole + 20
_PAD = 3


class TwoLineDelegate(QStyledItemDelegate):
    """Draws the display text, and the ``SECOND_LINE_ROLE`` text below it in grey; each
    line elided at the right (the tooltip has the whole text)."""

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
        painter.drawText(QRect(text_rect.left() + _PAD, top, width, line),
                         Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
                         metrics.elidedText(first, Qt.TextElideMode.ElideRight, width))
        if isinstance(second, str) and second:
            grey = main if selected else palette.color(group, QPalette.ColorRole.PlaceholderText)
            painter.setPen(grey)
            painter.drawText(QRect(text_rect.left() + _PAD, top + line, width, line),
                             Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
                             metrics.elidedText(second, Qt.TextElideMode.ElideRight, width))
        painter.restore()

    def sizeHint(self, option: QStyleOptionViewItem,
                 index: QModelIndex | QPersistentModelIndex) -> QSize:
        base = super().sizeHint(option, index)
        height = option.fontMetrics.height() * 2 + 2 * _PAD + 4
        return QSize(base.width(), max(base.height(), height))
