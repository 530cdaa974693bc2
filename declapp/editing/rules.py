"""The rules of the indicator tree, as plain functions that propose operations.

Groups (一级指标) stand in the order of their kinds as the template lists them: 西城区's
output groups 产出指标一, 二, … (numbered by position, nothing stored) and then the one
效果指标. A group of a kind that does not repeat is fixed: it is always there, never moved
or deleted. A new group (of the repeating kind) goes after the chosen one or after the last
of its kind; a new category takes the next standard name; a node is dropped only among
nodes of its own level. Each function returns the operation to apply, or None where the
form does not allow it.
"""

from __future__ import annotations

from declapp.editing.access import Path, children, groups_of, has_node
from declapp.editing.operations import InsertNode, MoveNode
from declapp.form.definition import FormDefinition, GroupKind, IndicatorsPart
from declapp.form.model import MAIN_TREE, Category, Draft, Item
from declapp.indicators.wording import same_indicator


def _part(form: FormDefinition, tree: str) -> IndicatorsPart:
    return form.tree(tree)


def group_kind(draft: Draft, form: FormDefinition, path: Path | None,
               tree: str = MAIN_TREE) -> GroupKind | None:
    if not path or not has_node(draft, path[:1], tree):
        return None
    return _part(form, tree).group_kind(groups_of(draft, tree)[path[0]].kind)


def is_fixed_group(draft: Draft, form: FormDefinition, path: Path | None,
                   tree: str = MAIN_TREE) -> bool:
    """A group of a kind that does not repeat (效果指标): always there, never moved."""
    if path is None or len(path) != 1 or not has_node(draft, path, tree):
        return False
    kind = group_kind(draft, form, path, tree)
    return kind is not None and not kind.repeat


def can_delete(draft: Draft, form: FormDefinition, path: Path | None,
               tree: str = MAIN_TREE) -> bool:
    """Everything but a fixed group: the form always has it."""
    return path is not None and len(path) > 0 and has_node(draft, path, tree) \
        and not is_fixed_group(draft, form, path, tree)


def _disorder(orders: list[int]) -> int:
    """How many pairs of groups stand against the template's order of kinds."""
    return sum(1 for i, a in enumerate(orders) for b in orders[i + 1:] if a > b)


def _group_move_allowed(draft: Draft, form: FormDefinition, tree: str, source: int,
                        final: int) -> bool:
    """Fixed groups never move, and a move may not put groups out of the order of their
    kinds (in a file that already has them so, a move that lessens that may)."""
    part = _part(form, tree)
    groups = groups_of(draft, tree)
    kind = part.group_kind(groups[source].kind)
    if kind is not None and not kind.repeat:
        return False
    orders = [part.kind_order(g.kind) for g in groups]
    before = _disorder(orders)
    orders.insert(final, orders.pop(source))
    after = _disorder(orders)
    return after == 0 or after < before


def move(draft: Draft, form: FormDefinition, path: Path | None, step: int,
         tree: str = MAIN_TREE) -> MoveNode | None:
    """Moving the node at *path* up (−1) or down (+1) among its siblings; None where it
    cannot move (the first item up, an output group past 效果指标, 效果指标 itself)."""
    if not path or not has_node(draft, path, tree):
        return None
    row = path[-1] + step
    if not 0 <= row < len(children(draft, path[:-1], tree)):
        return None
    if len(path) == 1 and not _group_move_allowed(draft, form, tree, path[0], row):
        return None
    return MoveNode(path, path[:-1], row, tree)


def drop(draft: Draft, form: FormDefinition, source: Path, parent: Path, row: int,
         tree: str = MAIN_TREE) -> MoveNode | None:
    """Dropping the node at *source* before *row* of *parent* (−1 or past the end: at
    the end); None where that is no move or not allowed. A node lands only among nodes
    of its own level, of any parent."""
    if not source or not has_node(draft, source, tree) or len(parent) != len(source) - 1:
        return None
    if parent and not has_node(draft, parent, tree):
        return None
    count = len(children(draft, parent, tree))
    final = count if row < 0 or row > count else row
    if parent == source[:-1]:
        if final > source[-1]:
            final -= 1
        final = min(final, count - 1)
        if final == source[-1]:
            return None
    if len(source) == 1 and not _group_move_allowed(draft, form, tree, source[0], final):
        return None
    return MoveNode(source, parent, final, tree)


def repeating_kind(form: FormDefinition, tree: str = MAIN_TREE) -> GroupKind | None:
    """The kind 添加一级指标 adds (西城区: an output group); None where every kind is fixed."""
    return next((k for k in _part(form, tree).groups if k.repeat), None)


def new_group_row(draft: Draft, form: FormDefinition, selected: Path | None,
                  tree: str = MAIN_TREE) -> int:
    """Where 添加一级指标 puts a new group: after the selected group of the repeating kind,
    else after the last of that kind; never among another kind's groups."""
    part = _part(form, tree)
    kind = repeating_kind(form, tree)
    groups = groups_of(draft, tree)
    if kind is None:
        return len(groups)
    order = part.kind_order(kind.kind)
    later = next((i for i, g in enumerate(groups) if part.kind_order(g.kind) > order),
                 len(groups))
    if selected and has_node(draft, selected[:1], tree) \
            and groups[selected[0]].kind == kind.kind:
        row = selected[0] + 1
    else:
        same = [i for i, g in enumerate(groups) if g.kind == kind.kind and i < later]
        earlier = [i for i, g in enumerate(groups) if part.kind_order(g.kind) < order]
        row = same[-1] + 1 if same else (earlier[-1] + 1 if earlier else 0)
    return min(row, later)


def add_group(draft: Draft, form: FormDefinition, selected: Path | None,
              tree: str = MAIN_TREE) -> InsertNode | None:
    """A new group of the repeating kind with its standard categories; None where the
    form has no such kind (every 一级指标 fixed)."""
    kind = repeating_kind(form, tree)
    if kind is None:
        return None
    return InsertNode((), new_group_row(draft, form, selected, tree),
                      _part(form, tree).new_group(kind.kind), tree)


def standard_category_names(draft: Draft, form: FormDefinition, group_row: int,
                            tree: str = MAIN_TREE) -> tuple[str, ...]:
    """The template's 二级指标 names for the group's kind."""
    kind = _part(form, tree).group_kind(groups_of(draft, tree)[group_row].kind)
    return kind.categories if kind else ()


def next_category_name(draft: Draft, form: FormDefinition, group_row: int,
                       tree: str = MAIN_TREE) -> str:
    """The first of the template's standard names the group does not have yet."""
    used = {c.name for c in groups_of(draft, tree)[group_row].categories}
    return next((n for n in standard_category_names(draft, form, group_row, tree)
                 if n not in used), "")


def add_category(draft: Draft, form: FormDefinition, selected: Path,
                 tree: str = MAIN_TREE) -> InsertNode | None:
    """A category after the selected one, or last in the selected group."""
    if not selected or not has_node(draft, selected[:2], tree):
        return None
    group_row = selected[0]
    row = selected[1] + 1 if len(selected) > 1 else \
        len(groups_of(draft, tree)[group_row].categories)
    return InsertNode((group_row,), row,
                      Category(name=next_category_name(draft, form, group_row, tree)), tree)


def add_item(draft: Draft, selected: Path, tree: str = MAIN_TREE) -> InsertNode | None:
    """An item after the selected one, or last in the selected category (the first
    category of a selected group); None where there is no category to hold it."""
    if not selected or not has_node(draft, selected, tree):
        return None
    if len(selected) == 1:
        if not groups_of(draft, tree)[selected[0]].categories:
            return None
        selected = (selected[0], 0)
    parent = selected[:2]
    row = selected[2] + 1 if len(selected) == 3 else len(children(draft, parent, tree))
    return InsertNode(parent, row, Item(), tree)


def insert_copy(draft: Draft, selected: Path | None, item: Item, category: str,
                tree: str = MAIN_TREE) -> InsertNode | None:
    """Where an indicator copied from elsewhere (the 指标库) goes: after the selected
    item, or last in the selected category; with a group or nothing selected, last in
    the category named *category* (of the selected group, else the first that has one).
    None where there is no such category: the clerk has to choose one."""
    if selected and has_node(draft, selected, tree) and len(selected) >= 2:
        parent = selected[:2]
        row = selected[2] + 1 if len(selected) == 3 else len(children(draft, parent, tree))
        return InsertNode(parent, row, item, tree)
    name = category.strip()
    groups = groups_of(draft, tree)
    rows = [selected[0]] if selected and has_node(draft, selected[:1], tree) else \
        range(len(groups))
    for g in rows:
        for c, candidate in enumerate(groups[g].categories):
            if name and candidate.name.strip() == name:
                return InsertNode((g, c), len(candidate.items), item, tree)
    return None


def duplicate_row(draft: Draft, op: InsertNode) -> int | None:
    """The row of the item already in *op*'s category that is the very indicator *op*
    inserts (a second copy from the 指标库), else None."""
    if len(op.parent) != 2 or not isinstance(op.node, Item) \
            or not has_node(draft, op.parent, op.tree):
        return None
    siblings = children(draft, op.parent, op.tree)
    return next((row for row, item in enumerate(siblings)
                 if isinstance(item, Item) and same_indicator(item, op.node)), None)


def neighbour(draft: Draft, parent: Path, row: int, tree: str = MAIN_TREE) -> Path | None:
    """What to select after the node at *row* of *parent* went away: the next, the
    previous, else the parent."""
    count = len(children(draft, parent, tree))
    if count:
        return (*parent, min(row, count - 1))
    return parent or None
