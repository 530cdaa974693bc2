"""The window's status bar: a message too long for it ends at a phrase, not mid-word.

QStatusBar clips a long message wherever the space ends, often inside a word or a file
name ("已导出到 D:\\申报表\\2022\\展览路街道-2022-绩效目"). Here the message shown stops
at the last punctuation (or space) that fits, followed by "…"; the whole message is the
tooltip. ``currentMessage()`` is always the whole message.
"""

from __future__ import annotations

from PySide6.QtCore import QRect, Qt
from PySide6.QtGui import QFontMetrics, QPainter, QPaintEvent
from PySide6.QtWidgets import QSizeGrip, QStatusBar, QStyle, QStyleOption, QWidget

ELLIPSIS = "…"
# A message may be cut after these: the end of a phrase or a clause; failing that, a
# space or a path's separator.
PHRASE_ENDS = frozenset("，。；、！？）》」』”")  # not ：, which leads into what follows
WORD_ENDS = frozenset(",.;:!?) \\/")


def fitted(text: str, metrics: QFontMetrics, width: int) -> str:
    """*text* if it fits in *width* pixels; else its longest beginning that ends at a
    phrase (``PHRASE_ENDS``), else at a word (``WORD_ENDS``), and fits with "…" after it.
    With no boundary in reach, whole characters up to the edge (never half a one)."""
    text = " ".join(text.split())
    if metrics.horizontalAdvance(text) <= width:
        return text
    room = width - metrics.horizontalAdvance(ELLIPSIS)
    fits = 0
    while fits < len(text) and metrics.horizontalAdvance(text[:fits + 1]) <= room:
        fits += 1
    cut = fits
    for ends in (PHRASE_ENDS, WORD_ENDS):
        last = max((n + 1 for n in range(fits) if text[n] in ends), default=0)
        if last >= fits // 2:  # not so far back that most of the room is wasted
            cut = last
            break
    return text[:cut].rstrip() + ELLIPSIS


class StatusBar(QStatusBar):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.messageChanged.connect(self._message_changed)

    def _message_changed(self, text: str) -> None:
        self.setToolTip(text if text and self.shown_message() != text else "")
        self.update()

    def message_rect(self) -> QRect:
        """Where the message goes: from the left to the first permanent widget shown."""
        right = self.width() - 12
        # While a message shows, the widgets still shown are the permanent ones on the
        # right (and the size grip): the others hide.
        for widget in self._shown_widgets():
            right = min(right, widget.x() - 2)
        return QRect(6, 0, max(0, right - 6), self.height())

    def _shown_widgets(self) -> list[QWidget]:
        return [w for w in self.children() if isinstance(w, QWidget) and w.isVisible()]

    def shown_message(self) -> str:
        return fitted(self.currentMessage(), self.fontMetrics(), self.message_rect().width())

    def paintEvent(self, event: QPaintEvent) -> None:
        message = self.currentMessage()
        if not message:
            super().paintEvent(event)
            return
        painter = QPainter(self)
        option = QStyleOption()
        option.initFrom(self)
        style = self.style()
        style.drawPrimitive(QStyle.PrimitiveElement.PE_PanelStatusBar, option, painter, self)
        for widget in self._shown_widgets():  # as QStatusBar frames its items
            if isinstance(widget, QSizeGrip):
                continue
            frame = QStyleOption()
            frame.rect = widget.geometry().adjusted(-2, -1, 2, 1)
            frame.palette = self.palette()
            style.drawPrimitive(QStyle.PrimitiveElement.PE_FrameStatusBarItem, frame, painter,
                                widget)
        painter.setPen(self.palette().windowText().color())
        painter.drawText(self.message_rect(), Qt.AlignmentFlag.AlignLeading
                         | Qt.AlignmentFlag.AlignVCenter | Qt.TextFlag.TextSingleLine,
                         self.shown_message())
