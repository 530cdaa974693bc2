"""The first size of a top-level window: what its form asks for, within the screen.

The main window is laid out for 1180×800, taller than the 1366×768 screens still common
on office PCs: its status bar and the foot of the problems panel would open below the
taskbar. So a window without a saved size opens at most as large as the screen's
available area (the taskbar left out) less the window manager's title bar and borders,
centred on it. A size the clerk chose is restored as saved; Qt keeps it on a screen.
"""

from __future__ import annotations

from PySide6.QtCore import QMargins, QRect, QSize
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QWidget

# A title bar and borders as window managers draw them, at most, for a window not yet
# shown: only then does the frame have a size.
FRAME_RESERVE = QMargins(8, 40, 8, 8)


def fitted_geometry(preferred: QSize, available: QRect, frame: QMargins) -> QRect:
    """The window's geometry (its frame outside) for *preferred*, within *available*."""
    width = max(1, min(preferred.width(), available.width() - frame.left() - frame.right()))
    height = max(1, min(preferred.height(),
                        available.height() - frame.top() - frame.bottom()))
    spare_x = available.width() - width - frame.left() - frame.right()
    spare_y = available.height() - height - frame.top() - frame.bottom()
    return QRect(available.x() + max(0, spare_x) // 2 + frame.left(),
                 available.y() + max(0, spare_y) // 2 + frame.top(), width, height)


def frame_margins(window: QWidget) -> QMargins:
    """The frame around *window*, or ``FRAME_RESERVE`` while it is not known."""
    inner, outer = window.geometry(), window.frameGeometry()
    if not window.isVisible() or inner == outer:
        return FRAME_RESERVE
    return QMargins(inner.left() - outer.left(), inner.top() - outer.top(),
                    outer.right() - inner.right(), outer.bottom() - inner.bottom())


def fit_to_screen(window: QWidget, preferred: QSize) -> None:
    """Give *window* its first geometry: *preferred*, shrunk to its screen and centred."""
    screen = window.screen() or QGuiApplication.primaryScreen()
    if screen is None:
        window.resize(preferred)
        return
    window.setGeometry(fitted_geometry(preferred, screen.availableGeometry(),
                                       frame_margins(window)))
