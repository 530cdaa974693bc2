"""The tree model's wrapper of a draft node: its parent and row kept, so that
``QAbstractItemModel.parent()`` and ``index()`` never search a list."""

from __future__ import annotations

from typing import Any

GROUP, CATEGORY, ITEM = 0, 1, 2  # levels: 一级指标, 二级指标, 具体指标 (the root is -1)
Path = tuple[int, ...]


class Node:
    __slots__ = ("children", "level", "obj", "parent", "row", "uid")

    def __init__(self, obj: Any, parent: Node | None, row: int, level: int, uid: int) -> None:
        self.obj = obj
        self.parent = parent
        self.row = row
        self.level = level
        self.uid = uid
        self.children: list[Node] = []

    @property
    def above(self) -> Node:
        """The parent of a node that has one: every node but the root."""
        assert self.parent is not None
        return self.parent

    def core_children(self) -> list:
        if self.level == -1:
            return self.obj
        if self.level == GROUP:
            return self.obj.categories
        if self.level == CATEGORY:
            return self.obj.items
        return []
