"""Reading and writing a draft by path and location: the ground ``editing`` stands on.

A node is addressed by its path of rows, as in ``locations``: ``(g,)`` a group, ``(g, c)``
a category, ``(g, c, i)`` an item; a value by its location (``funds.total``,
``indicators[0].categories[1].items[2].value``).
"""

from __future__ import annotations

from decimal import Decimal
from typing import cast

from declapp.form import locations as loc
from declapp.form.model import (
    DEPARTMENT_FIELDS,
    FUND_FIELDS,
    OPS,
    Category,
    Draft,
    Funds,
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


def children(draft: Draft, path: Path) -> list[Group] | list[Category] | list[Item]:
    """The nodes under *path* (``()`` is the list of groups)."""
    node = node_at(draft, path) if path else None
    if node is None:
        return draft.indicators
    if isinstance(node, Group):
        return node.categories
    if isinstance(node, Category):
        return node.items
    raise EditError(f"an item has no children: {path}")


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


def level(node: Node) -> int:
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


def set_value(draft: Draft, location: str, value: Value) -> Value:
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


def set_carried(draft: Draft, location: str, carried: bool) -> bool:
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


