"""What Qt needs before the first window: Chinese for its own dialogs, readable file dialogs.

Qt's standard dialogs are translated by the ``qtbase_zh_CN`` catalogue it ships, which
lacks a few strings: its own file dialog (used where the desktop offers no native one,
as on many 统信 UOS and 麒麟 set-ups) still said "Look in:" and "Files of type:". A small
translator fills those in. That dialog also opened too small for its columns, so each
one is given room when it shows (``file_dialog_room``, around every call that may show
it). Native dialogs stay the first choice wherever the platform has them (Windows, GNOME
through GTK or the desktop portal).
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from PySide6.QtCore import QEvent, QLibraryInfo, QLocale, QObject, QTranslator
from PySide6.QtWidgets import QApplication, QFileDialog, QHeaderView, QSplitter, QTreeView

# (context, source text) → Chinese: what qtbase_zh_CN leaves in English or says oddly.
SUPPLEMENT: dict[tuple[str, str], str] = {
    ("QFileDialog", "&Look in:"): "查找范围(&I)：",
    ("QFileDialog", "Files of &type:"): "文件类型(&T)：",
    ("QFileDialog", "Look in:"): "查找范围：",
    ("QFileDialog", "Files of type:"): "文件类型：",
    ("QFileSystemModel", "Size"): "大小",
    # Key names in menus and the help's table, as printed on the keys: Ctrl+↑, not
    # Ctrl+上方向 (qtbase_zh_CN's names for the arrow keys), Backspace, not 退格.
    ("QShortcut", "Up"): "↑",
    ("QShortcut", "Down"): "↓",
    ("QShortcut", "Left"): "←",
    ("QShortcut", "Right"): "→",
    ("QShortcut", "Backspace"): "Backspace",
    ("QShortcut", "Return"): "Enter",
    ("QShortcut", "Enter"): "Enter",
    ("QShortcut", "Del"): "Delete",
    ("QShortcut", "Ins"): "Insert",
}


class _Supplement(QTranslator):
    """Answers only for the strings in SUPPLEMENT. For any other it returns None, a null
    string to Qt, which then asks the next translator (an empty string would be taken
    as the translation: every label went blank)."""

    def translate(self, context: str, source: str, disambiguation: str | None = None,
                  n: int = -1) -> str | None:
        return SUPPLEMENT.get((context, source))

    def isEmpty(self) -> bool:
        return False


class _FileDialogRoom(QObject):
    """Gives Qt's own file dialog a size where names, sizes and dates all show."""

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        # A native dialog never shows the QFileDialog widget itself.
        if event.type() == QEvent.Type.Show and isinstance(watched, QFileDialog) \
                and watched.findChild(QTreeView) is not None:
            if watched.width() < 860:
                watched.resize(860, max(watched.height(), 520))
            splitter = watched.findChild(QSplitter)
            if splitter is not None and splitter.count() == 2:
                # The places panel: wide enough for 计算机 and a user's name.
                sizes = splitter.sizes()
                splitter.setSizes([150, max(sizes[1] + sizes[0] - 150, 400)])
            view = watched.findChild(QTreeView)
            if view is not None:
                header = view.header()
                header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
                for column in range(1, header.count()):
                    header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        return False


TRANSLATORS: list[QTranslator] = []
_ROOM: list[_FileDialogRoom] = []
_room_depth = 0


@contextmanager
def file_dialog_room() -> Iterator[None]:
    """Around a call that may show Qt's own file dialog (``QFileDialog.get…``, the print
    dialog's file chooser): the dialog gets its room when it shows. Only meanwhile: an
    application-wide filter is a Python call for every event of every widget, and made
    Python wrap each of them (a sixth of the time to the first window)."""
    global _room_depth
    app = QApplication.instance()
    if app is None:
        yield
        return
    if not _ROOM:
        _ROOM.append(_FileDialogRoom())  # no parent: it outlives any one application
    if _room_depth == 0:
        app.installEventFilter(_ROOM[0])
    _room_depth += 1
    try:
        yield
    finally:
        _room_depth -= 1
        if _room_depth == 0:
            app.removeEventFilter(_ROOM[0])


def install(app: QApplication) -> list[QTranslator]:
    """Chinese for Qt's own dialogs (once per application)."""
    if not TRANSLATORS:
        folder = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
        for name in ("qtbase_zh_CN", "qt_zh_CN"):
            translator = QTranslator(app)
            if translator.load(name, folder):
                app.installTranslator(translator)
                TRANSLATORS.append(translator)
        supplement = _Supplement(app)
        app.installTranslator(supplement)  # installed last: asked first
        TRANSLATORS.append(supplement)
    QLocale.setDefault(QLocale(QLocale.Language.Chinese, QLocale.Country.China))
    return TRANSLATORS


def uninstall(app: QApplication) -> None:
    """Take the translators out again (tests that start the application several times)."""
    for translator in TRANSLATORS:
        app.removeTranslator(translator)
    TRANSLATORS.clear()
