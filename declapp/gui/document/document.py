"""One open draft: the data, its file, its undo stack.

Views never write to the draft. They push edits (``edit`` / ``edit_field``), which
become undo commands; a command applies its ``declapp.editing`` operation through
``apply``, and the signals here tell every view what changed — after typing, undo and
redo alike. A structural change is announced before and after it happens, so the tree
model can tell its view the way Qt requires.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from pathlib import Path

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QUndoStack

from declapp import editing
from declapp.editing import (
    InsertNode,
    InsertRow,
    MarkReviewed,
    MoveNode,
    MoveRow,
    Op,
    RemoveNode,
    RemoveRow,
    ReplaceDraft,
    ReplaceItems,
    SetValue,
    SetValues,
    TreeOp,
    Value,
)
from declapp.form import locations
from declapp.form.definition import FormDefinition
from declapp.form.model import Draft
from declapp.form.templates import DEFAULT_TEMPLATE, available_templates, load_template
from declapp.gui.document.commands import EditCommand


class Document(QObject):
    """The draft being edited in one window."""

    fieldChanged = Signal(str)  # location of a form field, table cell or node text
    treeAboutToChange = Signal(object)  # the structural operation about to be applied
    treeChanged = Signal(object)  # the structural operation just applied
    tableChanged = Signal(str)  # a table's id: a row was added, removed or moved
    reviewChanged = Signal()  # a warning was marked 已核对, or the mark taken away
    focusRequested = Signal(object)  # (tree, path) to show after an undo or redo, or None
    # After an undo or redo of a value: its location, the value before and after (the
    # window shows that field, on whichever tab it is, with the changed words selected).
    valueShown = Signal(str, object, object)
    draftReplaced = Signal()
    pathChanged = Signal()

    def __init__(self, draft: Draft, path: Path | None = None,
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.draft = draft
        self.path = path
        self.stack = QUndoStack(self)

    # --- whole draft -------------------------------------------------------------------
    def replace(self, draft: Draft, path: Path | None) -> None:
        """Show another draft: a fresh history, clean (nothing to save yet)."""
        self.stack.clear()
        self.draft = draft
        self.path = path
        self.stack.setClean()
        self.draftReplaced.emit()
        self.pathChanged.emit()

    def set_path(self, path: Path) -> None:
        self.path = path
        self.pathChanged.emit()

    def display_name(self) -> str:
        return self.path.name if self.path else "未命名.json"

    @property
    def form(self) -> FormDefinition:
        """The draft's template; an unknown id (a newer release's) shows as the default."""
        template = self.draft.template
        return load_template(template if template in available_templates() else DEFAULT_TEMPLATE)

    # --- editing -----------------------------------------------------------------------
    def get(self, location: str) -> Value:
        return editing.get_value(self.draft, location)

    def edit(self, op: Op | None, token: object = None, text: str = "") -> bool:
        """A clerk's edit: one undo step (a typing burst with the same *token* is one),
        named *text* in the undo menu if given. None, or a value the field already has,
        does nothing; False then."""
        if op is None or (isinstance(op, SetValues) and not op.values):
            return False
        if isinstance(op, SetValue) and editing.same_value(self.get(op.location), op.value) \
                and not editing.is_carried(self.draft, op.location):
            return False  # (retyping last year's amount confirms it: that is an edit)
        self.stack.push(EditCommand(self, op, text or editing.describe(op, self.form), token))
        return True

    def switch_template(self, template_id: str,
                        confirm: Callable[[str, list[str]], bool] | None = None) -> bool:
        """Give the draft another template, as one undo step: every value the new form
        has a place for is kept, the rest goes to its notes (``editing.switch``) — if
        *confirm*, asked with the new template's name and those lines, says yes."""
        if template_id == self.draft.template:
            return False
        old = load_template(self.draft.template) \
            if self.draft.template in available_templates() else None
        new = load_template(template_id)
        op = editing.switch_template(self.draft, old, new)
        left = editing.switch_leftovers(self.draft, op.draft, new)
        if left and confirm is not None and not confirm(new.name, left):
            return False
        return self.edit(op, text=f"更换模板为“{new.name}”")

    def edit_field(self, location: str, value: Value, token: object = None) -> bool:
        return self.edit(SetValue(location, value), token)

    def committer(self, location: str) -> Callable[[Value, object], bool]:
        """What a field's binding calls with the typed value and its burst's token."""
        return partial(self.edit_field, location)

    def text(self, location: str) -> str:
        """A text field's value."""
        value = self.get(location)
        assert isinstance(value, str), location
        return value

    def apply(self, op: Op, focus: bool = True) -> Op:
        """Called by commands only: change the draft, tell the views; the undo operation.

        With *focus*, the views are asked to show the node the change is about.
        """
        if isinstance(op, SetValue | SetValues):
            changes = (op,) if isinstance(op, SetValue) else op.values
            first = changes[0].location if changes else ""
            before = self.get(first) if first else ""
            undo = editing.apply(self.draft, op)
            for change in changes:
                self.fieldChanged.emit(change.location)
            if focus and first:
                self.valueShown.emit(first, before, self.get(first))
                place = locations.parse(first)
                if place is not None and place.tree:
                    self.focusRequested.emit((place.tree, place.path))
            return undo
        if isinstance(op, InsertRow | RemoveRow | MoveRow):
            undo = editing.apply(self.draft, op)
            self.tableChanged.emit(op.table)
            return undo
        if isinstance(op, ReplaceDraft):
            undo = editing.apply(self.draft, op)
            self.draftReplaced.emit()
            return undo
        if isinstance(op, MarkReviewed):
            undo = editing.apply(self.draft, op)
            self.reviewChanged.emit()
            return undo
        shown = editing.first_replaced(self.draft, op) if isinstance(op, ReplaceItems) \
            else None  # known only before the lists change
        self.treeAboutToChange.emit(op)
        undo = editing.apply(self.draft, op)
        self.treeChanged.emit(op)
        if focus:
            path = shown if isinstance(op, ReplaceItems) else self._shown_after(op)
            self.focusRequested.emit((op.tree, path))
        return undo

    def _shown_after(self, op: TreeOp) -> tuple[int, ...] | None:
        if isinstance(op, InsertNode):
            return (*op.parent, op.row)
        if isinstance(op, RemoveNode):
            return editing.neighbour(self.draft, op.path[:-1], op.path[-1], op.tree)
        if isinstance(op, MoveNode):
            return op.target
        return None
