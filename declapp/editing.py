"""Editing a draft: every change a clerk can make, as an operation that can be undone.

``apply(draft, op)`` changes the draft and returns the operation that takes the change
back, so an undo history is a list of operations and needs no copy of the draft. The
window's undo stack, a script and the tests all edit drafts this way, and the rules of
the form live here: the 效果指标 group is fixed and last; output groups are numbered by
position (the labels follow, nothing is stored); a new group goes after the chosen one
or after the last output group; a new category takes the next standard name.

A node is addressed by its path of rows, as in ``locations``: ``(g,)`` a group, ``(g, c)``
a category, ``(g, c, i)`` an item. Since every change goes through ``apply``, a path
recorded with an operation is valid again whenever that operation is undone or redone.
A change to several categories at once (转为结构化 on the whole form) is one operation,
``ReplaceItems``, so that it is one step to undo.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from typing import cast

from declapp import locations as loc
from declapp.model import (
    DEPARTMENT_FIELDS,
    EFFECT,
    FUND_FIELDS,
    OPS,
    OUTPUT,
    Category,
    Draft,
    Funds,
    Group,
    GroupKind,
    Item,
    normalize_op,
)
from declapp.templates import TemplateProfile
from declapp.text import clean_text

Node = Group | Category | Item
Path = tuple[int, ...]
Value = str | Decimal | int
LEVEL_NAMES = ("一级指标", "二级指标", "具体指标")
FIELD_NAMES = {
    "department.name": "部门（单位）名称", "department.head": "部门（单位）负责人",
    "department.phone": "联系电话", "department.functions": "部门（单位）职能概述",
    "goals": "绩效目标", "notes": "其他说明的问题", "funds.total": "资金总额",
    "funds.basic": "基本支出", "funds.project": "项目支出", "funds.other": "其他",
    "year": "年度", "template": "模板",
}
NODE_TEXT_NAMES = {(0, "name"): "产出指标名称", (1, "name"): "二级指标名称",
                   (2, "content"): "指标内容", (2, "value"): "指标值",
                   (2, "name"): "三级指标名称", (2, "op"): "计算符号", (2, "unit"): "计量单位",
                   (2, "explanation"): "指标解释", (2, "scoring"): "评（扣）分标准"}


class EditError(ValueError):
    """An operation that does not fit the draft: a bug in the caller, never the clerk's."""


# --- operations ------------------------------------------------------------------------------

@dataclass(frozen=True)
class SetValue:
    """Set one field or one text of a node, named by its location.

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


@dataclass(frozen=True)
class RemoveNode:
    """Remove the node at *path* with everything under it."""

    path: Path


@dataclass(frozen=True)
class MoveNode:
    """Move the node at *source* so that it ends up at *row* among *parent*'s children."""

    source: Path
    parent: Path
    row: int

    @property
    def target(self) -> Path:
        return (*self.parent, self.row)


@dataclass(frozen=True)
class ReplaceItems:
    """Give one or more categories new item lists, as one step: ``lists`` holds each
    category's path and its new items. Items that stay may be the very objects of the
    old list; undo puts back the old lists, objects and all."""

    lists: tuple[tuple[Path, tuple[Item, ...]], ...]


Op = SetValue | InsertNode | RemoveNode | MoveNode | ReplaceItems


def apply(draft: Draft, op: Op) -> Op:
    """Carry out *op* on *draft*; the operation that undoes it."""
    if isinstance(op, SetValue):
        was_carried = _set_carried(draft, op.location, op.carried)
        try:
            old = _set_value(draft, op.location, op.value)
        except EditError:
            _set_carried(draft, op.location, was_carried)
            raise
        return SetValue(op.location, old, was_carried)
    if isinstance(op, InsertNode):
        siblings = _children(draft, op.parent)
        if not 0 <= op.row <= len(siblings) or _level(op.node) != len(op.parent):
            raise EditError(f"cannot insert a {type(op.node).__name__} at {op.parent}/{op.row}")
        siblings.insert(op.row, op.node)  # type: ignore[arg-type]
        return RemoveNode((*op.parent, op.row))
    if isinstance(op, RemoveNode):
        node_at(draft, op.path)
        removed = _children(draft, op.path[:-1]).pop(op.path[-1])
        return InsertNode(op.path[:-1], op.path[-1], removed)
    if isinstance(op, ReplaceItems):
        return _replace_items(draft, op)
    node_at(draft, op.source)
    source_siblings = _children(draft, op.source[:-1])
    target_siblings = _children(draft, op.parent)
    if len(op.source) != len(op.parent) + 1:
        raise EditError(f"a node of {op.source} cannot move under {op.parent}")
    limit = len(target_siblings) - (source_siblings is target_siblings)
    if not 0 <= op.row <= limit:
        raise EditError(f"row {op.row} out of range under {op.parent}")
    moved = source_siblings.pop(op.source[-1])
    target_siblings.insert(op.row, moved)  # type: ignore[arg-type]
    return MoveNode(op.target, op.source[:-1], op.source[-1])


def _replace_items(draft: Draft, op: ReplaceItems) -> ReplaceItems:
    # Everything is checked before anything changes: a refused operation changes nothing.
    categories: list[Category] = []
    seen: set[int] = set()
    for path, items in op.lists:
        category = node_at(draft, path) if len(path) == 2 else None
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
    return ReplaceItems(tuple(undo))


def first_replaced(draft: Draft, op: ReplaceItems) -> Path | None:
    """The first item *op* changes (by identity) in the draft as it is before *op*: what
    the window shows after the step; the category itself if only items went away."""
    for path, items in sorted(op.lists):
        if not has_node(draft, path):
            continue
        old = _children(draft, path)
        for row, (before, after) in enumerate(zip(old, items, strict=False)):
            if before is not after:
                return (*path, row)
        if len(items) > len(old):
            return (*path, len(old))
        if len(items) < len(old):
            return (*path, len(items) - 1) if items else path
    return None


def describe(op: Op, draft: Draft | None = None) -> str:
    """What the undo menu says: 编辑“绩效目标”, 添加二级指标, 删除具体指标, 移动一级指标."""
    if isinstance(op, SetValue):
        place = loc.parse(op.location)
        if place is not None and place.path:
            return f"编辑{NODE_TEXT_NAMES.get((len(place.path) - 1, place.attr), '指标')}"
        return f"编辑“{FIELD_NAMES.get(op.location, op.location)}”"
    if isinstance(op, InsertNode):
        return f"添加{LEVEL_NAMES[len(op.parent)]}"
    if isinstance(op, RemoveNode):
        return f"删除{LEVEL_NAMES[len(op.path) - 1]}"
    if isinstance(op, ReplaceItems):
        return "替换具体指标"
    return f"移动{LEVEL_NAMES[len(op.source) - 1]}"


# --- reading the draft -----------------------------------------------------------------------

def _children(draft: Draft, path: Path) -> list[Group] | list[Category] | list[Item]:
    node = node_at(draft, path) if path else None
    if node is None:
        return draft.indicators
    if isinstance(node, Group):
        return node.categories
    if isinstance(node, Category):
        return node.items
    raise EditError(f"an item has no children: {path}")


def children(draft: Draft, path: Path) -> list[Group] | list[Category] | list[Item]:
    """The nodes under *path* (``()`` is the list of groups)."""
    return _children(draft, path)


def node_at(draft: Draft, path: Path) -> Node:
    """The node at *path*; ``EditError`` if there is none."""
    nodes: list[Group] | list[Category] | list[Item] = draft.indicators
    node: Node | None = None
    for depth, row in enumerate(path):
        if depth > 2 or not 0 <= row < len(nodes):
            raise EditError(f"no node at {path}")
        node = nodes[row]
        nodes = node.categories if isinstance(node, Group) else \
            node.items if isinstance(node, Category) else []
    if node is None:
        raise EditError("the empty path names no node")
    return node


def has_node(draft: Draft, path: Path) -> bool:
    try:
        node_at(draft, path)
    except EditError:
        return False
    return True


def _level(node: Node) -> int:
    return 0 if isinstance(node, Group) else 1 if isinstance(node, Category) else 2


def get_value(draft: Draft, location: str) -> Value:
    """The value of the field or node text *location* names."""
    owner, attr = _owner(draft, location)
    return cast(Value, getattr(owner, attr))


def _owner(draft: Draft, location: str) -> tuple[object, str]:
    place = loc.parse(location)
    if place is None:
        raise EditError(f"not a location: {location!r}")
    if place.path:
        if not place.attr:
            raise EditError(f"a node itself has no value: {location!r}")
        return node_at(draft, place.path), place.attr
    section, _, key = place.field.partition(".")
    if section == "department" and key in DEPARTMENT_FIELDS:
        return draft.department, key
    if section == "funds" and key in FUND_FIELDS:
        return draft.funds, key
    if place.field in loc.TOP_FIELDS:
        return draft, place.field
    raise EditError(f"not a value: {location!r}")


def _set_value(draft: Draft, location: str, value: Value) -> Value:
    owner, attr = _owner(draft, location)
    old = cast(Value, getattr(owner, attr))
    if isinstance(old, Decimal):
        if not isinstance(value, Decimal):
            raise EditError(f"{location} takes a Decimal")
    elif isinstance(old, int) and not isinstance(old, bool):
        if not isinstance(value, int) or isinstance(value, bool):
            raise EditError(f"{location} takes an int")
    elif isinstance(value, str) and isinstance(owner, Item) and attr == "op":
        # A 计算符号 is one of six (file-format.md v2): anything else could not be read back.
        value = normalize_op(value)
        if value not in ("", *OPS):
            raise EditError(f"{location} takes one of {OPS} or ''")
    elif isinstance(value, str):
        # Text enters the draft here, from the keyboard, the clipboard or a script.
        value = clean_text(value)
    else:
        raise EditError(f"{location} takes text")
    setattr(owner, attr, value)
    return old


def _set_carried(draft: Draft, location: str, carried: bool) -> bool:
    """Set the carried-over mark of the amount or item *location* names; what it was."""
    owner, attr = _owner(draft, location)
    if isinstance(owner, Funds):
        was = attr in owner.carried
        if carried:
            owner.carried.add(attr)
        else:
            owner.carried.discard(attr)
        return was
    if isinstance(owner, Item):
        was = owner.carried
        owner.carried = carried
        return was
    return False


def is_carried(draft: Draft, location: str) -> bool:
    """True while the value at *location* is last year's, unedited."""
    try:
        owner, attr = _owner(draft, location)
    except EditError:
        return False
    return (isinstance(owner, Funds) and attr in owner.carried) or \
        (isinstance(owner, Item) and owner.carried)


def same_value(a: Value, b: Value) -> bool:
    """Equal as the clerk typed them: 1.5 and 1.50 are different entries."""
    if isinstance(a, Decimal) and isinstance(b, Decimal):
        return str(a) == str(b)
    return type(a) is type(b) and a == b


# --- the rules of the form ------------------------------------------------------------------

def is_effect_group(draft: Draft, path: Path | None) -> bool:
    return path is not None and len(path) == 1 and has_node(draft, path) \
        and draft.indicators[path[0]].kind == EFFECT


def can_delete(draft: Draft, path: Path | None) -> bool:
    """Everything but the 效果指标 group: the form always has it."""
    return path is not None and len(path) > 0 and has_node(draft, path) \
        and not is_effect_group(draft, path)


def _outputs_after_effect(kinds: list[GroupKind]) -> int:
    return kinds[kinds.index(EFFECT):].count(OUTPUT) if EFFECT in kinds else 0


def _group_move_allowed(draft: Draft, source: int, final: int) -> bool:
    """效果指标 is fixed and last: it never moves, and a move may not put an output group
    below it (in a file that already has one there, a move that lessens that may)."""
    kinds = [g.kind for g in draft.indicators]
    if kinds[source] == EFFECT:
        return False
    before = _outputs_after_effect(kinds)
    kinds.insert(final, kinds.pop(source))
    after = _outputs_after_effect(kinds)
    return after == 0 or after < before


def move(draft: Draft, path: Path | None, step: int) -> MoveNode | None:
    """Moving the node at *path* up (−1) or down (+1) among its siblings; None where it
    cannot move (the first item up, an output group past 效果指标, 效果指标 itself)."""
    if not path or not has_node(draft, path):
        return None
    row = path[-1] + step
    if not 0 <= row < len(_children(draft, path[:-1])):
        return None
    if len(path) == 1 and not _group_move_allowed(draft, path[0], row):
        return None
    return MoveNode(path, path[:-1], row)


def drop(draft: Draft, source: Path, parent: Path, row: int) -> MoveNode | None:
    """Dropping the node at *source* before *row* of *parent* (−1 or past the end: at
    the end); None where that is no move or not allowed. A node lands only among nodes
    of its own level, of any parent."""
    if not source or not has_node(draft, source) or len(parent) != len(source) - 1:
        return None
    if parent and not has_node(draft, parent):
        return None
    count = len(_children(draft, parent))
    final = count if row < 0 or row > count else row
    if parent == source[:-1]:
        if final > source[-1]:
            final -= 1
        final = min(final, count - 1)
        if final == source[-1]:
            return None
    if len(source) == 1 and not _group_move_allowed(draft, source[0], final):
        return None
    return MoveNode(source, parent, final)


def new_group_row(draft: Draft, selected: Path | None) -> int:
    """Where 添加一级指标 puts a new output group: after the selected output group, else
    after the last output group; always above 效果指标."""
    groups = draft.indicators
    effect = next((i for i, g in enumerate(groups) if g.kind == EFFECT), len(groups))
    if selected and has_node(draft, selected[:1]) and groups[selected[0]].kind == OUTPUT:
        row = selected[0] + 1
    else:
        outputs = [i for i, g in enumerate(groups) if g.kind == OUTPUT and i < effect]
        row = outputs[-1] + 1 if outputs else 0
    return min(row, effect)


def add_group(draft: Draft, profile: TemplateProfile, selected: Path | None) -> InsertNode:
    """A new output group with the template's standard categories."""
    return InsertNode((), new_group_row(draft, selected), profile.new_group(OUTPUT))


def standard_category_names(draft: Draft, profile: TemplateProfile,
                            group_row: int) -> tuple[str, ...]:
    """The template's 二级指标 names for the group's kind."""
    return profile.categories_for(draft.indicators[group_row].kind)


def next_category_name(draft: Draft, profile: TemplateProfile, group_row: int) -> str:
    """The first of the template's standard names the group does not have yet."""
    used = {c.name for c in draft.indicators[group_row].categories}
    return next((n for n in standard_category_names(draft, profile, group_row)
                 if n not in used), "")


def add_category(draft: Draft, profile: TemplateProfile, selected: Path) -> InsertNode | None:
    """A category after the selected one, or last in the selected group."""
    if not selected or not has_node(draft, selected[:2]):
        return None
    group_row = selected[0]
    row = selected[1] + 1 if len(selected) > 1 else \
        len(draft.indicators[group_row].categories)
    return InsertNode((group_row,), row,
                      Category(name=next_category_name(draft, profile, group_row)))


def add_item(draft: Draft, selected: Path) -> InsertNode | None:
    """An item after the selected one, or last in the selected category (the first
    category of a selected group); None where there is no category to hold it."""
    if not selected or not has_node(draft, selected):
        return None
    if len(selected) == 1:
        if not draft.indicators[selected[0]].categories:
            return None
        selected = (selected[0], 0)
    parent = selected[:2]
    row = selected[2] + 1 if len(selected) == 3 else len(_children(draft, parent))
    return InsertNode(parent, row, Item())


def insert_copy(draft: Draft, selected: Path | None, item: Item,
                category: str) -> InsertNode | None:
    """Where an indicator copied from elsewhere (the 指标库) goes: after the selected
    item, or last in the selected category; with a group or nothing selected, last in
    the category named *category* (of the selected group, else the first that has one).
    None where there is no such category: the clerk has to choose one."""
    if selected and has_node(draft, selected) and len(selected) >= 2:
        parent = selected[:2]
        row = selected[2] + 1 if len(selected) == 3 else len(_children(draft, parent))
        return InsertNode(parent, row, item)
    name = category.strip()
    groups = [selected[0]] if selected and has_node(draft, selected[:1]) else \
        range(len(draft.indicators))
    for g in groups:
        for c, candidate in enumerate(draft.indicators[g].categories):
            if name and candidate.name.strip() == name:
                return InsertNode((g, c), len(candidate.items), item)
    return None


def neighbour(draft: Draft, parent: Path, row: int) -> Path | None:
    """What to select after the node at *row* of *parent* went away: the next, the
    previous, else the parent."""
    count = len(_children(draft, parent))
    if count:
        return (*parent, min(row, count - 1))
    return parent or None
