"""Undo commands for the indicator tree: add, delete (with children), move, edit a node.

Nodes are addressed by their path of rows; since every change goes through the stack,
a path recorded when a command ran is valid again whenever it is undone or redone.
"""

from __future__ import annotations

from PySide6.QtGui import QUndoCommand

from declapp.gui.tree_model import CATEGORY, GROUP, ITEM, IndicatorModel, Path
from declapp.model import Category, Group, Item

_NODE_NAMES = {GROUP: "一级指标", CATEGORY: "二级指标", ITEM: "具体指标"}
_ATTR_IDS = {"name": 2001, "content": 2002, "value": 2003}
_EDIT_NAMES = {("name", 1): "编辑产出指标名称", ("name", 2): "编辑二级指标名称",
               ("content", 3): "编辑指标内容", ("value", 3): "编辑指标值"}


class InsertNodeCommand(QUndoCommand):
    def __init__(self, model: IndicatorModel, parent_path: Path, row: int,
                 obj: Group | Category | Item) -> None:
        super().__init__(f"添加{_NODE_NAMES[len(parent_path)]}")
        self.model = model
        self.parent_path = parent_path
        self.row = row
        self.obj = obj

    def redo(self) -> None:
        self.model.insert(self.parent_path, self.row, self.obj)
        self.model.request_focus((*self.parent_path, self.row))

    def undo(self) -> None:
        self.model.remove(self.parent_path, self.row)
        self.model.request_focus(_neighbour(self.model, self.parent_path, self.row))


class RemoveNodeCommand(QUndoCommand):
    """Delete a node with everything under it; undo puts the very same node back."""

    def __init__(self, model: IndicatorModel, path: Path) -> None:
        super().__init__(f"删除{_NODE_NAMES[len(path) - 1]}")
        self.model = model
        self.parent_path = path[:-1]
        self.row = path[-1]
        self.obj: Group | Category | Item | None = None

    def redo(self) -> None:
        self.obj = self.model.remove(self.parent_path, self.row)
        self.model.request_focus(_neighbour(self.model, self.parent_path, self.row))

    def undo(self) -> None:
        assert self.obj is not None
        self.model.insert(self.parent_path, self.row, self.obj)
        self.model.request_focus((*self.parent_path, self.row))


class MoveNodeCommand(QUndoCommand):
    """Move a node to *final* row of *dst_parent* (same level; any parent of that level)."""

    def __init__(self, model: IndicatorModel, src: Path, dst_parent: Path, final: int) -> None:
        super().__init__(f"移动{_NODE_NAMES[len(src) - 1]}")
        self.model = model
        self.src = src
        self.dst_parent = dst_parent
        self.final = final

    def redo(self) -> None:
        self.model.move(self.src[:-1], self.src[-1], self.dst_parent, self.final)
        self.model.request_focus((*self.dst_parent, self.final))

    def undo(self) -> None:
        self.model.move(self.dst_parent, self.final, self.src[:-1], self.src[-1])
        self.model.request_focus(self.src)


class EditNodeCommand(QUndoCommand):
    """Change a group name, category name, item content or value; typing bursts merge."""

    def __init__(self, model: IndicatorModel, path: Path, attr: str, old: str, new: str,
                 token: object) -> None:
        super().__init__(_EDIT_NAMES[(attr, len(path))])
        self.model = model
        self.path = path
        self.attr = attr
        self.old = old
        self.new = new
        self.token = token

    def id(self) -> int:
        return -1 if self.token is None else _ATTR_IDS[self.attr]

    def mergeWith(self, other: QUndoCommand) -> bool:
        if not isinstance(other, EditNodeCommand) or other.path != self.path \
                or other.attr != self.attr or other.token != self.token:
            return False
        self.new = other.new
        self.setObsolete(self.new == self.old)
        return True

    def redo(self) -> None:
        self.model.set_attr(self.path, self.attr, self.new)

    def undo(self) -> None:
        self.model.set_attr(self.path, self.attr, self.old)
        self.model.request_focus(self.path)


def _neighbour(model: IndicatorModel, parent_path: Path, row: int) -> Path | None:
    """What to select after the node at *row* went away: the next, the previous, the parent."""
    count = len(model.node_at(parent_path).children)
    if count:
        return (*parent_path, min(row, count - 1))
    return parent_path or None


# --- what the 指标 menu does -----------------------------------------------------------------

def add_output_group(model: IndicatorModel, after: Path | None) -> None:
    """A new output group after the selected output group, else after the last one."""
    groups = model.doc.draft.indicators
    outputs = [i for i, g in enumerate(groups) if g.is_output]
    if after and groups[after[0]].is_output:
        row = after[0] + 1
    else:
        row = outputs[-1] + 1 if outputs else 0
    group = model.doc.profile.new_group("output")
    model.doc.stack.push(InsertNodeCommand(model, (), row, group))


def next_category_name(model: IndicatorModel, group_row: int) -> str:
    """The first of the template's standard names the group does not have yet."""
    group = model.doc.draft.indicators[group_row]
    used = {c.name for c in group.categories}
    for name in model.doc.profile.categories_for(group.kind):
        if name not in used:
            return name
    return ""


def add_category(model: IndicatorModel, selected: Path) -> None:
    group_row = selected[0]
    row = selected[1] + 1 if len(selected) > 1 else \
        len(model.doc.draft.indicators[group_row].categories)
    name = next_category_name(model, group_row)
    model.doc.stack.push(InsertNodeCommand(model, (group_row,), row, Category(name=name)))


def add_item(model: IndicatorModel, selected: Path) -> bool:
    """A new item after the selected one, or at the end of the selected category."""
    if len(selected) == 1:
        categories = model.doc.draft.indicators[selected[0]].categories
        if not categories:
            return False
        selected = (selected[0], 0)
    parent = selected[:2]
    row = selected[2] + 1 if len(selected) == 3 else len(model.node_at(parent).children)
    model.doc.stack.push(InsertNodeCommand(model, parent, row, Item()))
    return True


def can_delete(model: IndicatorModel, path: Path | None) -> bool:
    """Everything but the effect group (the form always has 效果指标)."""
    if not path:
        return False
    return len(path) > 1 or model.doc.draft.indicators[path[0]].is_output


def delete_node(model: IndicatorModel, path: Path) -> None:
    if can_delete(model, path):
        model.doc.stack.push(RemoveNodeCommand(model, path))


def can_move(model: IndicatorModel, path: Path | None, step: int) -> bool:
    if not path:
        return False
    count = len(model.node_at(path[:-1]).children)
    return 0 <= path[-1] + step < count


def move_node(model: IndicatorModel, path: Path, step: int) -> None:
    if can_move(model, path, step):
        model.doc.stack.push(MoveNodeCommand(model, path, path[:-1], path[-1] + step))
