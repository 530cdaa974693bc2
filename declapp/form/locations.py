"""Where a value lives in a draft, written the one way the draft format names places.

- a field, by the id its template gives: ``department.name``, ``funds.total``, ``goals``;
  an amount of an earlier-year column: ``funds.fiscal@y1``; and ``year``, ``template``;
- a part as a whole, by its id: ``funds``, ``tasks``, ``indicators``;
- a table row or cell: ``tasks[2]``, ``tasks[2].total``;
- an indicator tree's nodes: ``indicators[2]``, ``indicators[2].name``,
  ``indicators[2].categories[0]``, ``indicators[2].categories[0].items[3].content``, an
  item's column (``…items[3].op``, ``…items[3].weight``); a second tree of the form by its
  own id (``mid_indicators[0]…``).

Check findings, the layout grid, file-format errors, the window's navigation and the
editing operations build and read these strings here and nowhere else.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from declapp.form.model import ITEM_FIELDS, MAIN_TREE

TREE_SUFFIX = "indicators"  # the id of an indicator tree ends so; a table's never does
# The text attributes of a tree node, by level (group, category, item); an item also
# has the extra columns its template adds, by their keys.
GROUP_ATTRS = ("name",)
CATEGORY_ATTRS = ("name",)
ITEM_ATTRS = ITEM_FIELDS  # content, value, and version 2's name, op, unit, explanation, scoring
NODE_ATTRS = (GROUP_ATTRS, CATEGORY_ATTRS, ITEM_ATTRS)
_LEVEL_KEYS = ("", "categories", "items")
# What else may end a node's location (a finding about the node as a whole).
_NODE_PARTS = (("kind", "categories"), ("items",), ())
FORM_FIELDS = ("year", "template")
# Words of the tree's own structure: never an item's column.
RESERVED = ("kind", "categories", "items", "extra")
_ID = r"[a-z][a-z0-9_]*(?:\.[a-z][a-z0-9_]*)*"
_FIELD = re.compile(rf"{_ID}(?:@[a-z0-9_]+)?")
_KEY = re.compile(r"[a-z][a-z0-9_]*")
_STEP = re.compile(rf"({_ID}|categories|items)\[(\d+)\]")

Path = tuple[int, ...]


def is_tree_id(part_id: str) -> bool:
    return part_id == MAIN_TREE or part_id.endswith(f"_{TREE_SUFFIX}")


def node(path: Path, attr: str = "", tree: str = MAIN_TREE) -> str:
    """``indicators[g]``, ``…categories[c]``, ``…items[i]``, with ``.attr`` when given."""
    keys = (tree, *_LEVEL_KEYS[1:])
    text = ".".join(f"{key}[{row}]" for key, row in zip(keys, path, strict=False))
    return f"{text}.{attr}" if attr else text


def group(g: int, attr: str = "", tree: str = MAIN_TREE) -> str:
    return node((g,), attr, tree)


def category(g: int, c: int, attr: str = "", tree: str = MAIN_TREE) -> str:
    return node((g, c), attr, tree)


def item(g: int, c: int, i: int, attr: str = "", tree: str = MAIN_TREE) -> str:
    return node((g, c, i), attr, tree)


def cell(table: str, row: int, key: str = "") -> str:
    """``tasks[2]``, ``tasks[2].total``: a row of a table, or one of its cells."""
    return f"{table}[{row}].{key}" if key else f"{table}[{row}]"


@dataclass(frozen=True)
class Location:
    """A parsed location: a form field (or a part as a whole), a table row or cell, or
    an indicator tree's node (``path``) and one of its texts."""

    field: str = ""  # department.name, funds.total, year, template; or a part id
    path: Path = ()  # within ``tree`` (g, c, i) or ``table`` (row,)
    attr: str = ""  # a node's text or a cell's column; "" for the node or row itself
    tree: str = ""
    table: str = ""

    @property
    def is_tree(self) -> bool:
        """True for a place in an indicator tree, or a tree as a whole."""
        return bool(self.tree) or is_tree_id(self.field)

    @property
    def is_table(self) -> bool:
        return bool(self.table)

    @property
    def part(self) -> str:
        """The tree or table this place is in; a field's own id otherwise."""
        return self.tree or self.table or self.field

    def __str__(self) -> str:
        if self.tree:
            return node(self.path, self.attr, self.tree)
        if self.table:
            return cell(self.table, self.path[0], self.attr)
        return self.field


def parse(location: str) -> Location | None:
    """The place *location* names, or None when it names nothing a draft can hold."""
    location = location.strip()
    if "[" not in location:
        return Location(field=location) if _FIELD.fullmatch(location) else None
    root_step = _STEP.match(location)
    if root_step is None or root_step.group(1) in _LEVEL_KEYS:
        return None
    root, rest = root_step.group(1), location[root_step.end():]
    path = [int(root_step.group(2))]
    if not is_tree_id(root):
        if rest == "":
            return Location(path=tuple(path), table=root)
        key = rest[1:] if rest.startswith(".") else ""
        return Location(path=tuple(path), attr=key, table=root) if _KEY.fullmatch(key) else None
    parts = rest.split(".")[1:] if rest else []
    attr = ""
    for n, part in enumerate(parts):
        step = _STEP.fullmatch(part)
        last = n == len(parts) - 1
        if step is not None and len(path) < 3 and step.group(1) == _LEVEL_KEYS[len(path)]:
            path.append(int(step.group(2)))
        elif last and len(path) == 3 and _KEY.fullmatch(part) and part not in RESERVED:
            attr = part  # an item's field, or an extra column of its template
        elif last and part in NODE_ATTRS[len(path) - 1]:
            attr = part
        elif last and part in _NODE_PARTS[len(path) - 1]:
            attr = ""
        else:
            return None
    if rest and not parts:
        return None
    return Location(path=tuple(path), attr=attr, tree=root)
