"""Starting the editor: ``run(files)`` is what ``declapp [FILE]`` calls."""

from __future__ import annotations

import sys
import threading
from pathlib import Path

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QDialog, QMessageBox

from declapp.gui import errors, qt_setup
from declapp.gui.main_window import MainWindow
from declapp.gui.pyside_fixes import Guard, pin_constants, unguarded_warning
from declapp.gui.services.importing import importable
from declapp.gui.services.single_instance import show_owner
from declapp.gui.settings import data_folder
from declapp.storage.fileformat import DraftError
from declapp.storage.recovery import RecoveryCopy, RecoveryStore
from declapp.system.paths import APPLICATION, ORGANIZATION


def create_application() -> QApplication:
    app = QApplication.instance()
    if not isinstance(app, QApplication):
        app = QApplication(sys.argv[:1])
    app.setOrganizationName(ORGANIZATION)
    app.setApplicationName(APPLICATION)
    qt_setup.install(app)
    return app


WARM_UP_DELAY_MS = 300  # after the window's first frames: it starts no slower for it


def warm_up_exports() -> None:
    """Load the three writers' libraries and the PDF fonts (about 0.3 s), so that the
    clerk's first export or print does not wait for them."""
    import importlib

    from declapp.export import FORMATS
    from declapp.export.fonts import pdf_fonts

    for module in FORMATS.values():
        importlib.import_module(f"declapp.export.{module}")
    pdf_fonts()


def _start_warm_up() -> None:
    threading.Thread(target=warm_up_exports, name="export-warm-up", daemon=True).start()


def _empty(window: MainWindow) -> bool:
    return window.doc.path is None and window.doc.stack.isClean()


def offer_recovery(store: RecoveryStore, window: MainWindow,
                   copies: list[RecoveryCopy] | None = None) -> list[MainWindow]:
    """Offer the copies of a run that did not end normally; restore or discard each.

    The first restored draft goes into *window* if it holds nothing yet, the others into
    windows of their own (returned, so the caller keeps them alive).
    """
    copies = store.orphaned() if copies is None else copies
    if not copies:
        store.clean_stale_markers()
        return []
    from declapp.gui.dialogs.recovery import RecoveryDialog  # only when there are copies

    dialog = RecoveryDialog(copies, window)
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return []  # 下次再说, Esc or the close box: every copy is kept for the next start
    chosen, discarded = dialog.chosen(), dialog.discarded()
    for copy in discarded:
        if copy.readable:
            store.remove_copy(copy)  # the clerk unticked it
        else:
            store.set_aside(copy)  # never deleted unasked: kept for a newer release
    extra: list[MainWindow] = []
    for copy in chosen:
        target = window
        if not _empty(window) or extra:
            target = MainWindow(recovery=store)
            target.show()
            extra.append(target)
        assert target.autosaver is not None
        try:
            target.autosaver.restore(copy)
        except DraftError as exc:
            QMessageBox.critical(target, "无法恢复", exc.message)
            continue
        target.note(f"已恢复：{copy.describe()}", 15000)
    return extra


def run(files: list[str]) -> int:
    """Show the main window, open (or import) the first of *files* (else the start page),
    offer crash recovery; the exit code."""
    app = create_application()
    if files and not importable(Path(files[0])) and Path(files[0]).is_file() \
            and show_owner(files[0]):
        return 0  # a window has this draft open already: it came to the front
    folder = data_folder()
    errors.install(folder)
    store: RecoveryStore | None = None
    try:
        started = RecoveryStore(folder / "recovery")
        started.start()
        store = started
    except OSError as exc:  # no writable data folder: the editor works, without autosave
        problem = f"无法使用自动保存文件夹“{folder / 'recovery'}”（{exc.strerror or exc}）。"
    window = MainWindow(recovery=store)
    # No draft yet: the start page (导入, 打开, 新建, the recent drafts), not an empty form
    # full of findings; also while a form named on the command line is imported.
    if not files or importable(Path(files[0])):
        window.show_start_page()
    window.show()
    if pin_constants() is Guard.UNGUARDED:
        QMessageBox.warning(window, "程序组件有缺陷", unguarded_warning())
    if store is None:
        QMessageBox.warning(window, "自动保存不可用",
                            f"{problem}\n本次不会自动保存恢复副本，请记得经常保存。")
    windows = [window]
    if files and not window.open_or_import(files[0]):  # a draft opened, a form imported
        window.show_start_page()  # it could not be read (the clerk was told why)
    QTimer.singleShot(WARM_UP_DELAY_MS, _start_warm_up)
    if store is not None:
        app.aboutToQuit.connect(store.finish)
        # Reading earlier runs' copies can take a while: the window is usable meanwhile.
        window.ops.run("recovery", lambda _progress: store.orphaned(),
                       lambda copies: windows.extend(offer_recovery(store, window, copies)),
                       text="正在查找自动保存的副本…", failure_title="自动保存的副本")
    code = app.exec()
    windows.clear()  # closed: let them go before the next run in this process
    return code
