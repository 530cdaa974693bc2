"""Work off the GUI thread: exports, print jobs, recovery scans, imports.

Every long action runs through ``Ops.run``, so none freezes the window and none loses
an error in a worker thread. The work gets a ``Progress`` to report steps; while it runs,
the window's status bar shows a busy bar (a progress bar where there are steps) and the
actions of its kind are disabled; when it ends, ``on_done`` gets the result on the GUI
thread, or one message says why it failed. (After Anki's CollectionOp/QueryOp.)
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QLabel, QMainWindow, QMessageBox, QProgressBar, QToolButton
from shiboken6 import isValid

from declapp.errors import ClerkError

log = logging.getLogger("declapp")


class Cancelled(Exception):
    """Raised inside the work when the window asked it to stop."""


class Progress:
    """What the work tells the window: steps done of a total; it may be cancelled."""

    def __init__(self, signals: _Signals) -> None:
        self._signals = signals
        self._cancel = threading.Event()

    def step(self, done: int, total: int) -> None:
        if self._cancel.is_set():
            raise Cancelled
        self._signals.progress.emit(done, total)

    def cancel(self) -> None:
        self._cancel.set()

    @property
    def cancelled(self) -> bool:
        return self._cancel.is_set()


class _Signals(QObject):
    """One job's link to the window. It lives on the GUI thread, and its slots are its
    own methods, so what the worker emits is queued to the GUI thread.

    It has no Qt parent: the window may close while the work goes on (an export is
    finished, not cut off), and the job keeps its link alive until it is done; the
    answer to a window that is gone is let go."""

    done = Signal(object)
    failed = Signal(str)
    progress = Signal(int, int)

    def __init__(self, ops: Ops, kind: str, text: str) -> None:
        super().__init__()
        self.ops = ops
        self.kind = kind
        self.text = text
        self.on_done: Callable[[Any], None] | None = None
        self.on_failed: Callable[[str], None] | None = None
        self.on_cancelled: Callable[[], None] | None = None
        self.done.connect(self._done)
        self.failed.connect(self._failed)
        self.progress.connect(self._progress)

    def _done(self, result: object) -> None:
        if not isValid(self.ops):
            return  # the window closed meanwhile
        self.ops._finish(self.kind)
        if result is _CANCELLED:
            if self.on_cancelled is not None:
                self.on_cancelled()
        elif self.on_done is not None:
            self.on_done(result)

    def _failed(self, message: str) -> None:
        if not isValid(self.ops):
            log.warning("background work failed after its window closed: %s", message)
            return
        self.ops._finish(self.kind)
        if self.on_failed is not None:
            self.on_failed(message)

    def _progress(self, done: int, total: int) -> None:
        if isValid(self.ops):
            self.ops._show_progress(self.text, done, total)


class _Job(QRunnable):
    def __init__(self, work: Callable[[Progress], Any], signals: _Signals,
                 progress: Progress) -> None:
        super().__init__()
        self.work = work
        self.signals = signals
        self.progress = progress

    def run(self) -> None:
        try:
            result = self.work(self.progress)
        except Cancelled:
            self.signals.done.emit(_CANCELLED)
        except ClerkError as exc:
            self.signals.failed.emit(exc.message)
        except Exception as exc:  # a bug must not vanish in a worker thread
            log.exception("background work failed")
            self.signals.failed.emit(f"发生内部错误：{type(exc).__name__}: {exc}\n"
                                     "详细信息已写入日志文件。")
        else:
            self.signals.done.emit(result)


_CANCELLED = object()


@dataclass
class _Running:
    progress: Progress
    signals: _Signals
    actions: list[QAction] = field(default_factory=list)
    cancellable: bool = False


class Ops(QObject):
    """The background work of one window."""

    busyChanged = Signal(bool)

    def __init__(self, window: QMainWindow) -> None:
        super().__init__(window)
        self.window = window
        self._running: dict[str, _Running] = {}
        # What runs is said in a label: a busy bar (no steps yet) draws no text in most
        # styles.
        self.label = QLabel(window)
        self.label.setObjectName("busyLabel")
        self.label.hide()
        self.bar = QProgressBar(window)
        self.bar.setObjectName("busyBar")
        self.bar.setMaximumWidth(160)
        self.bar.setTextVisible(False)
        self.bar.hide()
        # 取消, for work that may stop half-way (indexing a large folder).
        self.cancel_button = QToolButton(window)
        self.cancel_button.setObjectName("busyCancel")
        self.cancel_button.setText("取消")
        self.cancel_button.setToolTip("停止正在进行的工作（已完成的部分保留）")
        self.cancel_button.clicked.connect(self._cancel_clicked)
        self.cancel_button.hide()
        window.statusBar().addPermanentWidget(self.label)
        window.statusBar().addPermanentWidget(self.bar)
        window.statusBar().addPermanentWidget(self.cancel_button)

    def busy(self, kind: str | None = None) -> bool:
        return kind in self._running if kind else bool(self._running)

    def run(self, kind: str, work: Callable[[Progress], Any], on_done: Callable[[Any], None],
            *, text: str, failure_title: str, actions: list[QAction] | None = None,
            on_failed: Callable[[str], None] | None = None,
            on_cancelled: Callable[[], None] | None = None) -> Progress | None:
        """Start *work* unless work of the same *kind* is running (None then).

        *actions* are disabled while it runs. A failure is shown under *failure_title*,
        unless *on_failed* takes it. With *on_cancelled*, the status bar offers 取消: the
        work stops at its next step and *on_cancelled* is called instead of *on_done*.
        """
        if kind in self._running:
            return None
        signals = _Signals(self, kind, text)
        signals.on_done = on_done
        signals.on_failed = on_failed or (
            lambda message: self._say(failure_title, message))
        signals.on_cancelled = on_cancelled
        progress = Progress(signals)
        running = _Running(progress, signals, list(actions or []),
                           cancellable=on_cancelled is not None)
        self._running[kind] = running
        for action in running.actions:
            action.setEnabled(False)
        self._show_progress(text, 0, 0)
        self.busyChanged.emit(True)
        QThreadPool.globalInstance().start(_Job(work, signals, progress))
        return progress

    def _say(self, title: str, message: str) -> None:
        self.window.statusBar().clearMessage()  # a line about an earlier action is stale now
        QMessageBox.warning(self.window, title, message)

    def _show_progress(self, text: str, done: int, total: int) -> None:
        self.bar.setRange(0, total)  # 0, 0: Qt's "working" animation
        self.bar.setValue(done)
        self.label.setText(f"{text}（{done:,}/{total:,}）" if total else text)
        self.label.show()
        self.bar.show()
        self.cancel_button.setVisible(any(r.cancellable for r in self._running.values()))

    def _cancel_clicked(self) -> None:
        for running in self._running.values():
            if running.cancellable:
                running.progress.cancel()
        self.cancel_button.setEnabled(False)  # until the work has stopped

    def _finish(self, kind: str) -> None:
        running = self._running.pop(kind, None)
        if running is not None:
            for action in running.actions:
                action.setEnabled(True)
            running.signals.deleteLater()
        self.cancel_button.setVisible(any(r.cancellable for r in self._running.values()))
        self.cancel_button.setEnabled(True)
        if not self._running:
            self.bar.hide()
            self.label.hide()
            self.busyChanged.emit(False)

    def cancel(self, kind: str) -> None:
        running = self._running.get(kind)
        if running is not None:
            running.progress.cancel()
