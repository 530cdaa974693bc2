"""Starting the editor: ``run(files)`` is what ``declapp [FILE]`` calls."""

from __future__ import annotations

import sys

from PySide6.QtCore import QLibraryInfo, QLocale, QTranslator
from PySide6.QtWidgets import QApplication

from declapp.gui.main_window import MainWindow

ORGANIZATION = "declapp"
APPLICATION = "declapp"


TRANSLATORS: list[QTranslator] = []


def install_translations(app: QApplication) -> list[QTranslator]:
    """Qt's own Chinese strings, so standard dialogs read 确定 / 取消 / 保存 (once per app)."""
    if not TRANSLATORS:
        folder = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
        for name in ("qtbase_zh_CN", "qt_zh_CN"):
            translator = QTranslator(app)
            if translator.load(name, folder):
                app.installTranslator(translator)
                TRANSLATORS.append(translator)
    QLocale.setDefault(QLocale(QLocale.Language.Chinese, QLocale.Country.China))
    return TRANSLATORS


def create_application() -> QApplication:
    app = QApplication.instance()
    if not isinstance(app, QApplication):
        app = QApplication(sys.argv[:1])
    app.setOrganizationName(ORGANIZATION)
    app.setApplicationName(APPLICATION)
    install_translations(app)
    return app


def run(files: list[str]) -> int:
    """Show the main window, open the first of *files* if given; the exit code."""
    app = create_application()
    window = MainWindow()
    window.show()
    if files:
        window.file_actions.open_path(files[0])
    return app.exec()
