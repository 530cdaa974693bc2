"""What may be dropped on the indicator tree, and the edit each drop makes.

Two kinds of drag reach the tree: one of its own nodes, which moves within its level
(``editing.drop``: 效果指标 fixed and last), and an indicator dragged from the 指标库,
which is inserted as a copy (``library_drop``). A drop never changes the draft itself:
it becomes one ``declapp.editing`` operation that the tab pushes as one undo step.
"""

from __future__ import annotations

import json
from collections.abc import Callable

from PySide6.QtCore import QByteArray, QMimeData

from declapp import editing
from declapp.editing import InsertNode
from declapp.form.model import ITEM_FIELDS, MAIN_TREE, Draft, Item
from declapp.form.text import clean_text
from declapp.storage.fileformat import item_to_dict

NODE_MIME = "application/x-declapp-indicator"
LIBRARY_MIME = "application/x-declapp-library-item"
Path = tuple[int, ...]


def node_mime(path: Path) -> QMimeData:
    """A drag of the tree node at *path*."""
    data = QMimeData()
    data.setData(NODE_MIME, QByteArray(json.dumps(list(path)).encode()))
    return data


def dropped_path(data: QMimeData, exists: Callable[[Path], bool]) -> Path | None:
    """The path a node drag carries, if it still names a node."""
    if not data.hasFormat(NODE_MIME):
        return None
    try:
        path = tuple(int(r) for r in json.loads(bytes(data.data(NODE_MIME).data())))
    except (ValueError, TypeError):
        return None
    return path if path and exists(path) else None


def library_mime(item: Item, category: str) -> QMimeData:
    """A drag of an indicator from the 指标库: its fields and its 二级指标, and its
    printed text for any other program it is dropped on."""
    data = QMimeData()
    payload = {"category": category, "item": item_to_dict(item)}
    data.setData(LIBRARY_MIME, QByteArray(json.dumps(payload, ensure_ascii=False).encode()))
    data.setText(item.name or item.content)
    return data


def dropped_copy(data: QMimeData) -> tuple[Item, str] | None:
    """The indicator (a new Item) and 二级指标 a 指标库 drag carries; None if none.

    The bytes come from a drag, possibly of another program: read defensively, and the
    text cleaned as anything that enters the draft."""
    if not data.hasFormat(LIBRARY_MIME):
        return None
    try:
        payload = json.loads(bytes(data.data(LIBRARY_MIME).data()).decode("utf-8"))
        fields = payload["item"]
        category = payload.get("category", "")
        item = Item()
        for key, value in fields.items():
            if key in ITEM_FIELDS and isinstance(value, str):
                setattr(item, key, clean_text(value))
            elif key == "extra" and isinstance(value, dict):
                item.extra = {k: clean_text(v) for k, v in value.items()
                              if isinstance(k, str) and isinstance(v, str)}
    except (ValueError, TypeError, KeyError, AttributeError):
        return None
    return item, category if isinstance(category, str) else ""


def library_drop(draft: Draft, parent: Path, row: int, item: Item, category: str,
                 tree: str = MAIN_TREE) -> InsertNode | None:
    """Inserting the copied *item* where it was dropped: on an item, after it; on or
    between the items of a category, there; on a group, into its category of the same
    name. None where it cannot go (between groups, or a group without that category)."""
    if len(parent) == 2 and 0 <= row <= len(editing.children(draft, parent, tree)):
        return InsertNode(parent, row, item, tree)
    if parent:
        return editing.insert_copy(draft, parent, item, category, tree)
    return None
