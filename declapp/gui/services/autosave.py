"""Autosave: a recovery copy of the unsaved draft, written soon after each change.

The copy is written a few seconds after the clerk stops typing (``IDLE_MS``), and while
the typing goes on without a pause at least every *seconds* (设置, 10 by default), so a
crash or a power cut takes at most that much. It goes to the recovery folder
(``declapp.storage.recovery``, atomic), never over the clerk's own file; a save (the
undo stack turning clean) or a normal close removes it. Writing the copy of a 2019-size
form takes a few milliseconds (``benchmarks/bench_autosave.py``), so it may run on the
GUI thread between keystrokes.
"""

from __future__ import annotations

import os

from PySide6.QtCore import QObject, QTimer, Signal

from declapp.errors import ClerkError
from declapp.gui.document.document import Document
from declapp.storage.atomic import WriteError
from declapp.storage.fileformat import load
from declapp.storage.recovery import RecoveryCopy, RecoveryStore

IDLE_MS = 3000  # a pause in typing this long, and the copy is written


class Autosaver(QObject):
    """Autosave of one document into *store*: ``IDLE_MS`` after the last change, and at
    least every *seconds* while changes keep coming."""

    failed = Signal(str)

    def __init__(self, document: Document, store: RecoveryStore, seconds: int,
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.document = document
        self.store = store
        self.slot = os.urandom(6).hex()  # 12 random hex digits (uuid loads platform)
        self.idle = QTimer(self)  # restarted by every change
        self.idle.setSingleShot(True)
        self.idle.setInterval(IDLE_MS)
        self.idle.timeout.connect(self.autosave_now)
        self.timer = QTimer(self)  # started by the first change after a copy: the longest wait
        self.timer.setSingleShot(True)
        self.timer.timeout.connect(self.autosave_now)
        self.set_interval(seconds)
        document.stack.indexChanged.connect(self._changed)
        document.stack.cleanChanged.connect(self._clean_changed)
        document.draftReplaced.connect(self._draft_replaced)

    def set_interval(self, seconds: int) -> None:
        """The longest a change waits for its copy while the clerk keeps typing."""
        self.timer.setInterval(max(1, int(seconds)) * 1000)

    def _changed(self) -> None:
        if self.document.stack.isClean():
            return
        self.idle.start()
        if not self.timer.isActive():
            self.timer.start()

    def stop(self) -> None:
        """No copy is due any more (written, or nothing to write)."""
        self.idle.stop()
        self.timer.stop()

    def autosave_now(self) -> bool:
        """Write the copy if there is something unsaved; True if written."""
        self.stop()
        if self.document.stack.isClean():
            return False
        try:
            self.store.write(self.slot, self.document.draft, self.document.path)
        except (WriteError, OSError) as exc:
            # A full disk must not interrupt typing: report it, try again next time.
            self.failed.emit(exc.message if isinstance(exc, ClerkError) else str(exc))
            return False
        return True

    def _clean_changed(self, clean: bool) -> None:
        if clean:  # saved (or undone back to the saved state): no copy needed
            self.stop()
            self.store.discard(self.slot)

    def _draft_replaced(self) -> None:
        self._clean_changed(self.document.stack.isClean())

    def discard(self) -> None:
        """The draft is closed normally: its copy is no longer needed.

        The document goes with the window; its undo stack still emits while Qt destroys
        it, so the autosaver stops listening first.
        """
        self.stop()
        self.document.stack.indexChanged.disconnect(self._changed)
        self.document.stack.cleanChanged.disconnect(self._clean_changed)
        self.document.draftReplaced.disconnect(self._draft_replaced)
        self.store.discard(self.slot)

    def restore(self, copy: RecoveryCopy) -> None:
        """Open a recovery copy as a modified draft whose 保存 goes to its original file.

        ``DraftError`` if it cannot be read. The old copy goes only once this run holds its
        own: on a full disk it stays.
        """
        draft = load(copy.path)
        self.document.replace(draft, copy.original)
        self.document.stack.resetClean()
        if self.autosave_now():
            self.store.remove_copy(copy)
