"""Reading and writing a draft by path and location: the ground ``editing`` stands on.

A node of an indicator tree is addressed by its tree and its path of rows, as in
``locations``: ``(g,)`` a group, ``(g, c)`` a category, ``(g, c, i)`` an item; a value by
its location (``funds.total``, ``tasks[1].total``,
``indicators[0].categories[1].items[2].value``).
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from declapp.form import locations as loc
from declapp.form.model import (
    ITEM_FIELDS,
    MAIN_TREE,
    OPS,
    Category,
    Draft,
    Group,
    Item,
    normalize_op,
)
from declapp.form.text import clean_text

Node = Group | Category | Item
Path = tuple[int, ...]
Value = str | Decimal | int


class EditError(ValueError):
    """An operation that does not fit the draft: a bug in the caller, never the clerk's."""


def groups_of(draft: Draft, tree: str = MAIN_TREE) -> list[Group]:
    if tree not in draft.trees:
        raise EditError(f"no indicator tree {tree!r}")
    return draft.trees[tree]


def children(draft: Draft, path: Path, tree: str = MAIN_TREE
             ) -> list[Group] | list[Category] | list[Item]:
    """The nodes under *path* (``()`` is the list of groups)."""
    node = node_at(draft, path, tree) if path else None
    if node is None:
        return groups_of(draft, tree)
    if isinstance(node, Group):
        return node.categories
    if isinstance(node, Category):
        return node.items
    raise EditError(f"an item has no children: {path}")


def node_at(draft: Draft, path: Path, tree: str = MAIN_TREE) -> Node:
    """The node at *path*; ``EditError`` if there is none."""
    nodes: list[Group] | list[Category] | list[Item] = groups_of(draft, tree)
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


def has_node(draft: Draft, path: Path, tree: str = MAIN_TREE) -> bool:
    try:
        node_at(draft, path, tree)
    except EditError:
        return False
    return True


def level(node: Node) -> int:
    return 0 if isinstance(node, Group) else 1 if isinstance(node, Category) else 2


@dataclass
class _Slot:
    """Where one value lives: a key of a dict, or an attribute of an object."""

    holder: dict[str, str] | dict[str, Decimal] | Draft | Group | Category | Item
    key: str
    kind: type

    def get(self) -> Value:
        if isinstance(self.holder, dict):
            # An extra column or table cell not written yet reads as empty.
            return self.holder.get(self.key, "")
        value: Value = getattr(self.holder, self.key)
        return value

    def set(self, value: Value) -> None:
        if isinstance(self.holder, dict):
            self.holder[self.key] = value  # type: ignore[assignment]
        else:
            setattr(self.holder, self.key, value)


def _slot(draft: Draft, location: str) -> _Slot:
    place = loc.parse(location)
    if place is None:
        raise EditError(f"not a location: {location!r}")
    if place.tree:
        if not place.attr:
            raise EditError(f"a node itself has no value: {location!r}")
        node = node_at(draft, place.path, place.tree)
        if isinstance(node, Item) and place.attr not in ITEM_FIELDS:
            return _Slot(node.extra, place.attr, str)
        if place.attr not in ("name", *ITEM_FIELDS) or not hasattr(node, place.attr):
            raise EditError(f"not a value: {location!r}")
        return _Slot(node, place.attr, str)
    if place.table:
        rows = draft.tables.get(place.table)
        if rows is None or not place.attr or not 0 <= place.path[0] < len(rows):
            raise EditError(f"not a table cell: {location!r}")
        return _Slot(rows[place.path[0]], place.attr, str)
    if place.field == "year":
        return _Slot(draft, "year", int)
    if place.field in draft.texts:
        return _Slot(draft.texts, place.field, str)
    if place.field in draft.amounts:
        return _Slot(draft.amounts, place.field, Decimal)
    raise EditError(f"not a value of this draft: {location!r}")


def get_value(draft: Draft, location: str) -> Value:
    """The value of the field, cell or node text *location* names."""
    return _slot(draft, location).get()


def set_value(draft: Draft, location: str, value: Value) -> Value:
    """Set the value at *location*; the value it had."""
    slot = _slot(draft, location)
    old = slot.get()
    if slot.kind is Decimal:
        if not isinstance(value, Decimal):
            raise EditError(f"{location} takes a Decimal")
    elif slot.kind is int:
        if not isinstance(value, int) or isinstance(value, bool):
            raise EditError(f"{location} takes an int")
    elif not isinstance(value, str):
        raise EditError(f"{location} takes text")
    elif isinstance(slot.holder, Item) and slot.key == "op":
        # A 计算符号 is one of six (file-format.md v2): anything else could not be read back.
        value = normalize_op(value)
        if value not in ("", *OPS):
            raise EditError(f"{location} takes one of {OPS} or ''")
    else:
        # Text enters the draft here, from the keyboard, the clipboard or a script.
        value = clean_text(value)
    slot.set(value)
    return old


def set_carried(draft: Draft, location: str, carried: bool) -> bool:
    """Set the carried-over mark of the amount or item *location* names; what it was."""
    place = loc.parse(location)
    if place is None:
        return False
    if place.field and place.field in draft.amounts:
        was = place.field in draft.carried
        if carried:
            draft.carried.add(place.field)
        else:
            draft.carried.discard(place.field)
        return was
    if place.tree and len(place.path) == 3 and has_node(draft, place.path, place.tree):
        item = node_at(draft, place.path, place.tree)
        assert isinstance(item, Item)
        was = item.carried
        item.carried = carried
        return was
    return False


def is_carried(draft: Draft, location: str) -> bool:
    """True while the value at *location* is last year's, unedited."""
    place = loc.parse(location)
    if place is None:
        return False
    if place.field:
        return place.field in draft.carried
    if place.tree and len(place.path) == 3 and has_node(draft, place.path, place.tree):
        item = node_at(draft, place.path, place.tree)
        return isinstance(item, Item) and item.carried
    return False


def same_value(a: Value, b: Value) -> bool:
    """Equal as the clerk typed them: 1.5 and 1.50 are different entries."""
    if isinstance(a, Decimal) and isinstance(b, Decimal):
        return str(a) == str(b)
    return type(a) is type(b) and a == b
