"""Where a value lives in a draft, written the one way the draft format names places.

``department.name``, ``funds.total``, ``goals``, ``notes``, ``year``, ``template``,
``indicators``, ``indicators[2]``, ``indicators[2].name``,
``indicators[2].categories[0]``, ``indicators[2].categories[0].items[3].content``,
``…items[3].op`` (a structured item's fields, file format version 2).

Check findings, the layout grid, file-format errors and the window's navigation all
build and read these strings here and nowhere else.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from declapp.form.model import DEPARTMENT_FIELDS, FUND_FIELDS, ITEM_FIELDS

# The text attributes of a tree node, by level (group, category, item).
GROUP_ATTRS = ("name",)
CATEGORY_ATTRS = ("name",)
ITEM_ATTRS = ITEM_FIELDS  # content, value, and version 2's name, op, unit, explanation, scoring
NODE_ATTRS = (GROUP_ATTRS, CATEGORY_ATTRS, ITEM_ATTRS)
_LEVEL_KEYS = ("indicators", "categories", "items")
# What else may end a node's location (a finding about the node as a whole).
_NODE_PARTS = (("kind", "categories"), ("items",), ())
TOP_FIELDS = ("goals", "notes", "year", "template")

Path = tuple[int, ...]


def department(key: str) -> str:
    return f"department.{key}"


def fund(key: str) -> str:
    return f"funds.{key}"


def node(path: Path, attr: str = "") -> str:
    """``indicators[g]``, ``…categories[c]``, ``…items[i]``, with ``.attr`` when given."""
    text = ".".join(f"{key}[{row}]" for key, row in zip(_LEVEL_KEYS, path, strict=False))
    return f"{text}.{attr}" if attr else text


def group(g: int, attr: str = "") -> str:
    return node((g,), attr)


def category(g: int, c: int, attr: str = "") -> str:
    return node((g, c), attr)


def item(g: int, c: int, i: int, attr: str = "") -> str:
    return node((g, c, i), attr)


@dataclass(frozen=True)
class Location:
    """A parsed location: a form field, or a tree node (``path``) and one of its texts."""

    field: str = ""  # department.name, funds.total, goals, notes, year, template, indicators
    path: Path = ()
    attr: str = ""  # a text of the node: name / content / value; "" for the node itself

    @property
    def is_tree(self) -> bool:
        return bool(self.path) or self.field == "indicators"

    def __str__(self) -> str:
        return node(self.path, self.attr) if self.path else self.field


_STEP = re.compile(r"(indicators|categories|items)\[(\d+)\]")
_FORM_FIELDS = frozenset((*(department(k) for k in DEPARTMENT_FIELDS),
                          *(fund(k) for k in FUND_FIELDS), *TOP_FIELDS,
                          "department", "funds", "indicators"))


def parse(location: str) -> Location | None:
    """The place *location* names, or None when it names nothing in a draft."""
    location = location.strip()
    if location in _FORM_FIELDS:
        return Location(field=location)
    parts = location.split(".")
    path: list[int] = []
    attr = ""
    for n, part in enumerate(parts):
        step = _STEP.fullmatch(part)
        if step is not None and len(path) < 3 and step.group(1) == _LEVEL_KEYS[len(path)]:
            path.append(int(step.group(2)))
        elif n == len(parts) - 1 and path and part in NODE_ATTRS[len(path) - 1]:
            attr = part
        elif n == len(parts) - 1 and path and part in _NODE_PARTS[len(path) - 1]:
            attr = ""
        else:
            return None
    if not path:
        return None
    return Location(path=tuple(path), attr=attr)
