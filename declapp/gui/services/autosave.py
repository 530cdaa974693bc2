"""Autosave: while a draft has unsaved changes, write a recovery copy on a timer.

The copy goes to the recovery folder (``declapp.storage.recovery``), never over the clerk's
own file; a save (the undo stack turning clean) or a normal close removes it.
"""

from __future__ import annotations

import uuid

from PySide6.QtCore import QObject, QTimer, Signal

from declapp.errors import ClerkError
from declapp.gui.document.document import Document
from declapp.storage.atomic import WriteError
from declapp.storage.fileformat import load
from declapp.storage.recovery import RecoveryCopy, RecoveryStore


class Autosaver(QObject):
    """Autosave of one document into *store*, every *seconds* while it is modified."""

    failed = Signal(str)

    def __init__(self, document: Document, store: RecoveryStore, seconds: int,
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.document = document
        self.store = store
        self.slot = uuid.uuid4().hex[:12]
        self.timer = QTimer(self)
        self.timer.timeout.connect(self.autosave_now)
        self.set_interval(seconds)
        document.stack.cleanChanged.connect(self._clean_changed)
        document.draftReplaced.connect(self._draft_replaced)

    def set_interval(self, seconds: int) -> None:
        self.timer.start(max(1, int(seconds)) * 1000)

    def autosave_now(self) -> bool:
        """Write the copy if there is something unsaved; True if written."""
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
            self.store.discard(self.slot)

    def _draft_replaced(self) -> None:
        self._clean_changed(self.document.stack.isClean())

    def discard(self) -> None:
        """The draft is closed normally: its copy is no longer needed.

        The document goes with the window; its undo stack still emits while Qt destroys
        it, so the autosaver stops listening first.
        """
        self.timer.stop()
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
