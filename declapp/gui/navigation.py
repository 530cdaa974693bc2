"""Locations (as check findings name them) → the tab and the field or tree node to show.

``department.name``, ``funds.total``, ``goals``, ``notes``, ``year``, ``template``,
``indicators[2]``, ``indicators[2].name``, ``indicators[2].categories[0]``,
``indicators[2].categories[0].items[3].content`` / ``.value``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

TAB_DEPARTMENT, TAB_FUNDS, TAB_GOALS, TAB_INDICATORS = range(4)

_STEP = re.compile(r"(indicators|categories|items)\[(\d+)\]")
_LEVELS = ("indicators", "categories", "items")


@dataclass(frozen=True)
class Target:
    tab: int
    field: str = ""  # a field key for the first three tabs
    path: tuple[int, ...] = ()  # a tree path for the indicator tab
    attr: str = ""  # name / content / value of a tree node


def parse_location(location: str) -> Target | None:
    """The target of *location*, or None when it names nothing the editor shows."""
    location = location.strip()
    if location in ("year", "template") or location.startswith("department"):
        return Target(TAB_DEPARTMENT, location if "." in location or location in
                      ("year", "template") else "")
    if location.startswith("funds"):
        return Target(TAB_FUNDS, location if "." in location else "")
    if location in ("goals", "notes"):
        return Target(TAB_GOALS, location)
    if location == "indicators":
        return Target(TAB_INDICATORS)
    parts = location.split(".")
    path: list[int] = []
    attr = ""
    for i, part in enumerate(parts):
        m = _STEP.fullmatch(part)
        if m is not None and len(path) < 3 and m.group(1) == _LEVELS[len(path)]:
            path.append(int(m.group(2)))
        elif i == len(parts) - 1 and path and part in ("name", "content", "value", "kind",
                                                         "categories", "items"):
            attr = part if part in ("name", "content", "value") else ""
        else:
            return None
    if not path:
        return None
    if (attr == "name" and len(path) == 3) or (attr in ("content", "value") and len(path) != 3):
        return None
    return Target(TAB_INDICATORS, path=tuple(path), attr=attr)
