"""Starting the editor: ``run(files)`` is what ``declapp [FILE]`` calls."""

from __future__ import annotations

import os
import sys
import threading
from pathlib import Path

from PySide6.QtCore import QLibraryInfo, QLocale, QStandardPaths, QTranslator
from PySide6.QtWidgets import QApplication, QDialog, QMessageBox

from declapp.gui.main_window import MainWindow
from declapp.gui.pyside_fixes import Guard, pin_constants, unguarded_warning
from declapp.gui.recovery_dialog import RecoveryDialog
from declapp.recovery import RecoveryStore

DATA_DIR_ENV = "DECLAPP_DATA_DIR"  # a portable install (or a test) keeps its data here

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


def data_folder() -> Path:
    """The application data folder (recovery copies live in its ``recovery``)."""
    override = os.environ.get(DATA_DIR_ENV)
    if override:
        return Path(override)
    location = QStandardPaths.StandardLocation.AppLocalDataLocation
    return Path(QStandardPaths.writableLocation(location))


def _warm_up_pdf_fonts() -> None:
    # Finding and parsing the CJK fonts costs ~0.3 s: do it before the first print.
    from declapp.export.fonts import pdf_fonts

    pdf_fonts()


def offer_recovery(store: RecoveryStore, window: MainWindow) -> list[MainWindow]:
    """Offer the copies of a run that did not end normally; restore or discard each.

    The first restored draft goes into *window*, others into windows of their own
    (returned, so the caller keeps them alive).
    """
    copies = store.orphaned()
    if not copies:
        store.clean_stale_markers()
        return []
    dialog = RecoveryDialog(copies, window)
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return []  # 下次再说, Esc or the close box: every copy is kept for the next start
    for copy in dialog.discarded():
        if copy.readable:
            store.remove_copy(copy)  # the clerk unticked it
        else:
            store.set_aside(copy)  # never deleted unasked: kept for a newer release
    extra: list[MainWindow] = []
    for n, copy in enumerate(dialog.chosen()):
        target = window
        if n:
            target = MainWindow(recovery=store)
            target.show()
            extra.append(target)
        target.workday.restore_copy(copy)
    return extra


def run(files: list[str]) -> int:
    """Show the main window, offer crash recovery, open the first of *files*; the exit code."""
    app = create_application()
    threading.Thread(target=_warm_up_pdf_fonts, name="font-warm-up", daemon=True).start()
    folder = data_folder() / "recovery"
    store: RecoveryStore | None = RecoveryStore(folder)
    try:
        store.start()
    except OSError as exc:
        store = None  # no writable data folder: the editor still works, without autosave
        problem = f"无法使用自动保存文件夹“{folder}”（{exc.strerror or exc}）。"
    window = MainWindow(recovery=store)
    window.show()
    if pin_constants() is Guard.UNGUARDED:
        QMessageBox.warning(window, "程序组件有缺陷", unguarded_warning())
    if store is None:
        QMessageBox.warning(window, "自动保存不可用",
                            f"{problem}\n本次不会自动保存恢复副本，请记得经常保存。")
    windows = [window]
    if store is not None:
        app.aboutToQuit.connect(store.finish)
        windows += offer_recovery(store, window)
    if files:
        target = window
        if window.doc.path is not None or not window.doc.stack.isClean():
            target = MainWindow(recovery=store)  # the first window holds a restored draft
            target.show()
            windows.append(target)
        target.file_actions.open_path(files[0])
    code = app.exec()
    del windows
    return code
