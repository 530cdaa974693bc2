"""The rules of the form, as plain functions that propose operations.

The 效果指标 group is fixed and last; output groups are numbered by position (the labels
follow, nothing is stored); a new group goes after the chosen one or after the last
output group; a new category takes the next standard name; a node is dropped only among
nodes of its own level. Each function returns the operation to apply, or None where the
form does not allow it.
"""

from __future__ import annotations

from declapp.editing.access import Path, children, has_node
from declapp.editing.operations import InsertNode, MoveNode
from declapp.form.definition import TemplateProfile
from declapp.form.model import EFFECT, OUTPUT, Category, Draft, GroupKind, Item
from declapp.indicators.wording import same_indicator


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
    if not 0 <= row < len(children(draft, path[:-1])):
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
    count = len(children(draft, parent))
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
    row = selected[2] + 1 if len(selected) == 3 else len(children(draft, parent))
    return InsertNode(parent, row, Item())


def insert_copy(draft: Draft, selected: Path | None, item: Item,
                category: str) -> InsertNode | None:
    """Where an indicator copied from elsewhere (the 指标库) goes: after the selected
    item, or last in the selected category; with a group or nothing selected, last in
    the category named *category* (of the selected group, else the first that has one).
    None where there is no such category: the clerk has to choose one."""
    if selected and has_node(draft, selected) and len(selected) >= 2:
        parent = selected[:2]
        row = selected[2] + 1 if len(selected) == 3 else len(children(draft, parent))
        return InsertNode(parent, row, item)
    name = category.strip()
    groups = [selected[0]] if selected and has_node(draft, selected[:1]) else \
        range(len(draft.indicators))
    for g in groups:
        for c, candidate in enumerate(draft.indicators[g].categories):
            if name and candidate.name.strip() == name:
                return InsertNode((g, c), len(candidate.items), item)
    return None


def duplicate_row(draft: Draft, op: InsertNode) -> int | None:
    """The row of the item already in *op*'s category that is the very indicator *op*
    inserts (a second copy from the 指标库), else None."""
    if len(op.parent) != 2 or not isinstance(op.node, Item) or not has_node(draft, op.parent):
        return None
    siblings = children(draft, op.parent)
    return next((row for row, item in enumerate(siblings)
                 if isinstance(item, Item) and same_indicator(item, op.node)), None)


def neighbour(draft: Draft, parent: Path, row: int) -> Path | None:
    """What to select after the node at *row* of *parent* went away: the next, the
    previous, else the parent."""
    count = len(children(draft, parent))
    if count:
        return (*parent, min(row, count - 1))
    return parent or None
