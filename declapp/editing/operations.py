"""The operations on a draft, each returning the one that undoes it.

``apply(draft, op)`` changes the draft and returns the operation that takes the change
back, so an undo history is a list of operations and needs no copy of the draft. Since
every change goes through ``apply``, a path recorded with an operation is valid again
whenever that operation is undone or redone. A change to several places at once
(转为结构化 on the whole form, 全部替换, another template) is one operation, so that it
is one step to undo.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from declapp.editing.access import (
    EditError,
    Node,
    Path,
    Value,
    children,
    has_node,
    level,
    node_at,
    set_carried,
    set_value,
)
from declapp.form import locations as loc
from declapp.form.definition import FormDefinition
from declapp.form.model import MAIN_TREE, Category, Draft, Item
from declapp.form.review import fingerprint

LEVEL_NAMES = ("一级指标", "二级指标", "具体指标")
NODE_TEXT_NAMES = {(0, "name"): "一级指标名称", (1, "name"): "二级指标名称",
                   (2, "content"): "指标内容", (2, "value"): "指标值",
                   (2, "name"): "三级指标名称", (2, "op"): "计算符号", (2, "unit"): "计量单位",
                   (2, "explanation"): "指标解释", (2, "scoring"): "评（扣）分标准"}


@dataclass(frozen=True)
class SetValue:
    """Set one field, table cell or text of a node, named by its location.

    Setting a value the clerk has not looked at since it came with last year's form
    (``carry_over``) clears that mark; *carried* sets it again (what undo does).
    """

    location: str
    value: Value
    carried: bool = False


@dataclass(frozen=True)
class InsertNode:
    """Insert *node* (with everything under it) at *row* among *parent*'s children."""

    parent: Path
    row: int
    node: Node = field(compare=False)
    tree: str = MAIN_TREE


@dataclass(frozen=True)
class RemoveNode:
    """Remove the node at *path* with everything under it."""

    path: Path
    tree: str = MAIN_TREE


@dataclass(frozen=True)
class MoveNode:
    """Move the node at *source* so that it ends up at *row* among *parent*'s children."""

    source: Path
    parent: Path
    row: int
    tree: str = MAIN_TREE

    @property
    def target(self) -> Path:
        return (*self.parent, self.row)


@dataclass(frozen=True)
class ReplaceItems:
    """Give one or more categories new item lists, as one step: ``lists`` holds each
    category's path and its new items. Items that stay may be the very objects of the
    old list; undo puts back the old lists, objects and all."""

    lists: tuple[tuple[Path, tuple[Item, ...]], ...]
    tree: str = MAIN_TREE


@dataclass(frozen=True)
class InsertRow:
    """Insert a row of cells (key → text) at *row* of the table *table*."""

    table: str
    row: int
    cells: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True)
class RemoveRow:
    table: str
    row: int


@dataclass(frozen=True)
class MoveRow:
    table: str
    source: int
    row: int


@dataclass(frozen=True)
class SetValues:
    """Several values set as one step (全部替换): each as ``SetValue`` would."""

    values: tuple[SetValue, ...]


@dataclass(frozen=True)
class MarkReviewed:
    """Mark the warning *check_id* at *location* 已核对 with *reason* ("" takes the mark
    away). *text* is the fingerprint of the text there; "" means the text as it is now."""

    check_id: str
    location: str
    reason: str
    text: str = ""


@dataclass(frozen=True)
class ReplaceDraft:
    """The whole content of the draft replaced by *draft*'s (another template, with every
    value moved to its place): undo puts the old content back, objects and all."""

    draft: Draft = field(compare=False)


TreeOp = InsertNode | RemoveNode | MoveNode | ReplaceItems
RowOp = InsertRow | RemoveRow | MoveRow
Op = SetValue | SetValues | TreeOp | RowOp | ReplaceDraft | MarkReviewed


def apply(draft: Draft, op: Op) -> Op:
    """Carry out *op* on *draft*; the operation that undoes it."""
    if isinstance(op, SetValue):
        was_carried = set_carried(draft, op.location, op.carried)
        try:
            old = set_value(draft, op.location, op.value)
        except EditError:
            set_carried(draft, op.location, was_carried)
            raise
        return SetValue(op.location, old, was_carried)
    if isinstance(op, SetValues):
        done: list[SetValue] = []
        try:
            for one in op.values:
                done.append(apply(draft, one))  # type: ignore[arg-type]
        except EditError:
            for undo in reversed(done):  # a refused step changes nothing
                apply(draft, undo)
            raise
        return SetValues(tuple(reversed(done)))
    if isinstance(op, InsertRow | RemoveRow | MoveRow):
        return _apply_row(draft, op)
    if isinstance(op, ReplaceDraft):
        return _replace_draft(draft, op)
    if isinstance(op, MarkReviewed):
        key = (op.check_id, op.location)
        was_text, was_reason = draft.reviewed.get(key, ("", ""))
        if op.reason:
            draft.reviewed[key] = (op.text or fingerprint(draft, op.location), op.reason)
        else:
            draft.reviewed.pop(key, None)
        return MarkReviewed(op.check_id, op.location, was_reason, was_text)
    return _apply_tree(draft, op)


def _apply_tree(draft: Draft, op: TreeOp) -> TreeOp:
    tree = op.tree
    if isinstance(op, InsertNode):
        siblings = children(draft, op.parent, tree)
        if not 0 <= op.row <= len(siblings) or level(op.node) != len(op.parent):
            raise EditError(f"cannot insert a {type(op.node).__name__} at {op.parent}/{op.row}")
        siblings.insert(op.row, op.node)  # type: ignore[arg-type]
        return RemoveNode((*op.parent, op.row), tree)
    if isinstance(op, RemoveNode):
        node_at(draft, op.path, tree)
        removed = children(draft, op.path[:-1], tree).pop(op.path[-1])
        return InsertNode(op.path[:-1], op.path[-1], removed, tree)
    if isinstance(op, ReplaceItems):
        return _replace_items(draft, op)
    node_at(draft, op.source, tree)
    source_siblings = children(draft, op.source[:-1], tree)
    target_siblings = children(draft, op.parent, tree)
    if len(op.source) != len(op.parent) + 1:
        raise EditError(f"a node of {op.source} cannot move under {op.parent}")
    limit = len(target_siblings) - (source_siblings is target_siblings)
    if not 0 <= op.row <= limit:
        raise EditError(f"row {op.row} out of range under {op.parent}")
    moved = source_siblings.pop(op.source[-1])
    target_siblings.insert(op.row, moved)  # type: ignore[arg-type]
    return MoveNode(op.target, op.source[:-1], op.source[-1], tree)


def _rows(draft: Draft, table: str) -> list[dict[str, str]]:
    if table not in draft.tables:
        raise EditError(f"no table {table!r}")
    return draft.tables[table]


def _apply_row(draft: Draft, op: RowOp) -> RowOp:
    rows = _rows(draft, op.table)
    if isinstance(op, InsertRow):
        if not 0 <= op.row <= len(rows):
            raise EditError(f"row {op.row} out of range in {op.table}")
        rows.insert(op.row, dict(op.cells))
        return RemoveRow(op.table, op.row)
    if not 0 <= (op.row if isinstance(op, RemoveRow) else op.source) < len(rows):
        raise EditError(f"no row in {op.table}: {op}")
    if isinstance(op, RemoveRow):
        removed = rows.pop(op.row)
        return InsertRow(op.table, op.row, tuple(removed.items()))
    if not 0 <= op.row < len(rows):
        raise EditError(f"row {op.row} out of range in {op.table}")
    rows.insert(op.row, rows.pop(op.source))
    return MoveRow(op.table, op.row, op.source)


def _replace_draft(draft: Draft, op: ReplaceDraft) -> ReplaceDraft:
    old = Draft(template=draft.template, year=draft.year, texts=draft.texts,
                amounts=draft.amounts, tables=draft.tables, trees=draft.trees,
                carried=draft.carried, reviewed=draft.reviewed)
    new = op.draft
    draft.template, draft.year = new.template, new.year
    draft.texts, draft.amounts, draft.tables = new.texts, new.amounts, new.tables
    draft.trees, draft.carried, draft.reviewed = new.trees, new.carried, new.reviewed
    return ReplaceDraft(old)


def _replace_items(draft: Draft, op: ReplaceItems) -> ReplaceItems:
    # Everything is checked before anything changes: a refused operation changes nothing.
    categories: list[Category] = []
    seen: set[int] = set()
    for path, items in op.lists:
        category = node_at(draft, path, op.tree) if len(path) == 2 else None
        if not isinstance(category, Category) or id(category) in seen:
            raise EditError(f"not a category, or named twice: {path}")
        seen.add(id(category))
        for item in items:
            # One object in two places would be one indicator edited in both.
            if not isinstance(item, Item) or id(item) in seen:
                raise EditError(f"not an item, or the same item twice: {path}")
            seen.add(id(item))
        categories.append(category)
    undo = []
    for category, (path, items) in zip(categories, op.lists, strict=True):
        undo.append((path, tuple(category.items)))
        category.items[:] = items  # the same list object: views that hold it stay right
    return ReplaceItems(tuple(undo), op.tree)


def first_replaced(draft: Draft, op: ReplaceItems) -> Path | None:
    """The first item *op* changes (by identity) in the draft as it is before *op*: what
    the window shows after the step; the category itself if only items went away."""
    for path, items in sorted(op.lists):
        if not has_node(draft, path, op.tree):
            continue
        old = children(draft, path, op.tree)
        for row, (before, after) in enumerate(zip(old, items, strict=False)):
            if before is not after:
                return (*path, row)
        if len(items) > len(old):
            return (*path, len(old))
        if len(items) < len(old):
            return (*path, len(items) - 1) if items else path
    return None


def describe(op: Op, form: FormDefinition | None = None) -> str:
    """What the undo menu says: 编辑“绩效目标”, 添加二级指标, 删除具体指标, 移动一级指标."""
    if isinstance(op, SetValue):
        place = loc.parse(op.location)
        if place is not None and place.tree:
            return f"编辑{NODE_TEXT_NAMES.get((len(place.path) - 1, place.attr), '指标')}"
        if op.location == "year":
            return "编辑“年度”"
        name = form.label(place.part if place else op.location) if form else ""
        return f"编辑“{name or op.location}”"
    if isinstance(op, SetValues):
        return f"替换 {len(op.values)} 处文字"
    if isinstance(op, InsertRow):
        return "添加一行"
    if isinstance(op, RemoveRow):
        return "删除一行"
    if isinstance(op, MoveRow):
        return "移动一行"
    if isinstance(op, ReplaceDraft):
        return "更换模板"
    if isinstance(op, MarkReviewed):
        return "标为已核对" if op.reason else "取消已核对"
    if isinstance(op, InsertNode):
        return f"添加{LEVEL_NAMES[len(op.parent)]}"
    if isinstance(op, RemoveNode):
        return f"删除{LEVEL_NAMES[len(op.path) - 1]}"
    if isinstance(op, ReplaceItems):
        return "替换具体指标"
    return f"移动{LEVEL_NAMES[len(op.source) - 1]}"
