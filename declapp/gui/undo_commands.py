"""Undo commands for the single fields of a draft (texts, amounts, year, template)."""

from __future__ import annotations

from decimal import Decimal
from typing import TYPE_CHECKING

from PySide6.QtGui import QUndoCommand

if TYPE_CHECKING:
    from declapp.gui.document import Document

# One id per field so QUndoStack only offers merges within a field.
_FIELD_IDS: dict[str, int] = {}
_NOT_MERGED = ("template",)


def field_command_id(key: str) -> int:
    return _FIELD_IDS.setdefault(key, 1000 + len(_FIELD_IDS))


class SetFieldCommand(QUndoCommand):
    """Set one field. A burst of typing in one field (same *token*) is one undo step."""

    def __init__(self, doc: Document, key: str, old: str | Decimal | int,
                 new: str | Decimal | int, token: object, text: str) -> None:
        super().__init__(text)
        self.doc = doc
        self.key = key
        self.old = old
        self.new = new
        self.token = token

    def id(self) -> int:
        return -1 if self.key in _NOT_MERGED or self.token is None else field_command_id(self.key)

    def mergeWith(self, other: QUndoCommand) -> bool:
        if not isinstance(other, SetFieldCommand) or other.key != self.key \
                or other.token != self.token:
            return False
        self.new = other.new
        # Typing a word and deleting it again leaves no step behind.
        self.setObsolete(type(self.old) is type(self.new) and str(self.old) == str(self.new))
        return True

    def redo(self) -> None:
        self.doc.set_field(self.key, self.new)

    def undo(self) -> None:
        self.doc.set_field(self.key, self.old)
