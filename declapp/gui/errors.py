"""Errors nobody caught: written to a log file and shown once, in Chinese.

In a windowed build there is no console: an exception in a slot would vanish and the
clerk would see a button that does nothing. ``install`` makes ``sys.excepthook`` (slots,
the GUI thread) and ``threading.excepthook`` (worker threads) write the traceback to a
rotating log under the data folder and show one dialog that says what happened, that
the draft is still open, and offers the details and the log's folder.
"""

from __future__ import annotations

import contextlib
import io
import logging
import os
import stat
import sys
import threading
import traceback
from logging.handlers import RotatingFileHandler
from pathlib import Path
from types import TracebackType

from PySide6.QtCore import QObject, QThread, QUrl, Signal
from PySide6.QtGui import QDesktopServices, QGuiApplication
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

from declapp import __version__

log = logging.getLogger("declapp")
LOG_NAME = "declapp.log"
LOG_BYTES, LOG_BACKUPS = 1_000_000, 3


class _Reporter(QObject):
    """Brings a report from any thread to the GUI thread."""

    report = Signal(str, str)  # summary, details

    def __init__(self, folder: Path) -> None:
        super().__init__()
        self.folder = folder
        self.box: QMessageBox | None = None
        self.report.connect(self._show)

    def _show(self, summary: str, details: str) -> None:
        if self.box is not None:  # one box at a time: a fault in a loop must not flood
            return
        parent = QApplication.activeWindow()
        box = QMessageBox(QMessageBox.Icon.Critical, "程序出现内部错误",
                          "程序出现了一个内部错误，刚才的操作可能没有完成。",
                          QMessageBox.StandardButton.Close, parent)
        box.setInformativeText(
            f"{summary}\n\n草稿仍然打开着，请保存后再继续。如果问题反复出现，"
            f"请把详细信息或日志文件夹中的 {LOG_NAME} 发给技术人员。")
        box.setDetailedText(details)
        copy = box.addButton("复制详细信息", QMessageBox.ButtonRole.ActionRole)
        open_folder = box.addButton("打开日志文件夹", QMessageBox.ButtonRole.ActionRole)
        # These two must not close the box.
        copy.clicked.disconnect()
        open_folder.clicked.disconnect()
        copy.clicked.connect(lambda: QGuiApplication.clipboard().setText(details))
        open_folder.clicked.connect(
            lambda: QDesktopServices.openUrl(QUrl.fromLocalFile(str(self.folder))))
        box.finished.connect(self._closed)
        self.box = box
        box.open()

    def _closed(self) -> None:
        if self.box is not None:
            self.box.deleteLater()
        self.box = None


_reporter: _Reporter | None = None
_handler: logging.Handler | None = None


def log_folder(data_folder: Path) -> Path:
    return data_folder / "logs"


class _SafeLog(RotatingFileHandler):
    """The log file, opened only if it is a regular file (a named pipe in its place would
    block the window at start for ever), and given up with one line on the console the
    first time it cannot be written (a full disk): never a traceback per message."""

    given_up = False

    def _open(self) -> io.TextIOWrapper:
        flags = os.O_WRONLY | os.O_APPEND | os.O_CREAT | getattr(os, "O_NONBLOCK", 0)
        fd = os.open(self.baseFilename, flags, 0o666)
        try:
            if not stat.S_ISREG(os.fstat(fd).st_mode):
                raise OSError(f"{self.baseFilename} 不是普通文件")
            if hasattr(os, "set_blocking"):
                os.set_blocking(fd, True)
            return os.fdopen(fd, "a", encoding=self.encoding or "utf-8", errors="replace")
        except BaseException:
            os.close(fd)
            raise

    def handleError(self, record: logging.LogRecord) -> None:
        if self.given_up:
            return
        self.given_up = True
        problem = sys.exc_info()[1]
        reason = getattr(problem, "strerror", None) or problem or "无法写入"
        _console(f"日志文件“{self.baseFilename}”无法写入（{reason}），以后不再记录日志。")
        log.removeHandler(self)
        with contextlib.suppress(Exception):
            self.close()


def _console(line: str) -> None:
    """One line on the console, if there is one (a windowed build has none)."""
    stream = sys.__stderr__
    if stream is not None:
        with contextlib.suppress(Exception):
            print(line, file=stream, flush=True)


def install(data_folder: Path) -> Path | None:
    """Log to ``<data folder>/logs/declapp.log`` and report uncaught errors; the log
    file, or None when it cannot be written (the dialog still shows)."""
    global _reporter
    folder = log_folder(data_folder)
    path: Path | None = folder / LOG_NAME
    handler: logging.Handler
    try:
        folder.mkdir(parents=True, exist_ok=True)
        handler = _SafeLog(folder / LOG_NAME, maxBytes=LOG_BYTES, backupCount=LOG_BACKUPS,
                           encoding="utf-8")
    except OSError as exc:
        _console(f"日志文件“{folder / LOG_NAME}”无法打开（{exc.strerror or exc}），"
                 "本次不记录日志。")
        handler, path = logging.NullHandler(), None
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    global _handler
    if _handler is not None:
        log.removeHandler(_handler)
        _handler.close()
    _handler = handler
    log.addHandler(handler)
    log.setLevel(logging.INFO)
    log.info("declapp %s started", __version__)
    _reporter = _Reporter(folder)
    sys.excepthook = _excepthook
    threading.excepthook = _thread_excepthook
    return path


def _excepthook(kind: type[BaseException], value: BaseException,
                tb: TracebackType | None) -> None:
    if issubclass(kind, KeyboardInterrupt):
        sys.__excepthook__(kind, value, tb)
        return
    report(kind, value, tb)


def _thread_excepthook(args: threading.ExceptHookArgs) -> None:
    if args.exc_value is not None:
        report(args.exc_type, args.exc_value, args.exc_traceback)


def report(kind: type[BaseException], value: BaseException,
           tb: TracebackType | None) -> None:
    """Log an uncaught error and show it (from any thread)."""
    details = "".join(traceback.format_exception(kind, value, tb))
    log.error("uncaught error in %s\n%s", threading.current_thread().name, details)
    summary = f"{kind.__name__}: {value}"
    reporter = _reporter
    if reporter is None or QApplication.instance() is None:
        sys.__excepthook__(kind, value, tb)
        return
    if QThread.currentThread() is reporter.thread():
        reporter._show(summary, details)
    else:
        reporter.report.emit(summary, details)


def shown_box() -> QWidget | None:
    """The error box on screen, if any (for tests and for the window's close)."""
    return _reporter.box if _reporter is not None else None
