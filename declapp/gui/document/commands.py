"""The undo command: one ``declapp.editing`` operation on the draft, and its undo.

Redo applies the operation and keeps what ``editing.apply`` returned to undo it; undo
applies that and keeps what it returned to redo. A burst of typing in one field (the
same *token*) merges into one step, and typing a word and deleting it again leaves none.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtGui import QUndoCommand

from declapp.editing import Op, SetValue, SetValues, same_value

if TYPE_CHECKING:
    from declapp.gui.document.document import Document

# One merge id per location, so QUndoStack only offers merges within a field.
_MERGE_IDS: dict[str, int] = {}
_NEVER_MERGED = ("template",)


def merge_id(location: str) -> int:
    return _MERGE_IDS.setdefault(location, 1000 + len(_MERGE_IDS))


class EditCommand(QUndoCommand):
    def __init__(self, doc: Document, op: Op, text: str, token: object = None) -> None:
        super().__init__(text)
        self.doc = doc
        self.op = op
        self.undo_op: Op | None = None
        self.token = token
        # The clerk is in the field already (or 全部替换 says what it did): the first
        # redo shows nothing.
        self._typed = isinstance(op, SetValue | SetValues)

    def id(self) -> int:
        op = self.op
        if not isinstance(op, SetValue) or self.token is None or op.location in _NEVER_MERGED:
            return -1
        return merge_id(op.location)

    def mergeWith(self, other: QUndoCommand) -> bool:
        if not isinstance(other, EditCommand) or other.token != self.token \
                or not isinstance(self.op, SetValue) or not isinstance(other.op, SetValue) \
                or other.op.location != self.op.location:
            return False
        self.op = other.op
        assert isinstance(self.undo_op, SetValue)
        # Typed and deleted again leaves no step, unless it cleared a carried-over mark.
        self.setObsolete(same_value(self.undo_op.value, self.op.value)
                         and not self.undo_op.carried)
        return True

    def redo(self) -> None:
        # The first redo of typed text happens as the clerk types: nothing to show.
        self.undo_op = self.doc.apply(self.op, focus=not self._typed)
        self._typed = False

    def undo(self) -> None:
        assert self.undo_op is not None
        self.op = self.doc.apply(self.undo_op)
