"""The indicator tree as a QAbstractItemModel: a thin adapter over the draft's groups.

Each core node (Group, Category, Item) gets a small wrapper that caches its parent and
its row, so ``parent()`` and ``index()`` never search a list. The model changes nothing:
the document applies each ``declapp.editing`` operation and announces it before and
after, and the model follows, telling its views the way Qt requires. A drop is a request
(``dropRequested``) that the tab turns into an edit (``drops``).
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import cache
from itertools import pairwise
from typing import Any

from PySide6.QtCore import (
    QAbstractItemModel,
    QMimeData,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QBrush, QColor, QFont

from declapp import editing
from declapp.editing import InsertNode, MoveNode, Op, RemoveNode, ReplaceItems
from declapp.form import locations
from declapp.form.definition import IndicatorsPart
from declapp.form.model import MAIN_TREE, Group
from declapp.form.text import is_blank
from declapp.gui.document.document import Document
from declapp.gui.indicators import drops
from declapp.gui.indicators.nodes import CATEGORY, GROUP, ITEM, Node, Path
from declapp.indicators.scoring import item_score
from declapp.indicators.wording import tooltip_text, tree_text, value_text

Index = QModelIndex | QPersistentModelIndex
_ROOT = QModelIndex()  # the invalid index: the default "parent" of Qt's model API


_DISPLAY = Qt.ItemDataRole.DisplayRole
_TOOLTIP = Qt.ItemDataRole.ToolTipRole
_FONT = Qt.ItemDataRole.FontRole
_FOREGROUND = Qt.ItemDataRole.ForegroundRole
_FLAGS_ITEM = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable \
    | Qt.ItemFlag.ItemIsDragEnabled
_FLAGS_BRANCH = _FLAGS_ITEM | Qt.ItemFlag.ItemIsDropEnabled  # groups take categories, …
_FLAGS_ROOT = Qt.ItemFlag.ItemIsDropEnabled


class _Styles:
    def __init__(self) -> None:
        self.bold = QFont()
        self.bold.setBold(True)
        self.grey = QBrush(QColor("#8a8a8a"))


@cache
def _styles() -> _Styles:
    return _Styles()  # made on first use: fonts need the QApplication


class IndicatorModel(QAbstractItemModel):
    """Three levels: 一级指标 (groups) → 二级指标 (categories) → 具体指标 (items)."""

    dropRequested = Signal(object)  # a MoveNode the view's drop asks for

    def __init__(self, doc: Document, parent: QObject | None = None,
                 tree: str = MAIN_TREE) -> None:
        super().__init__(parent)
        self.doc = doc
        self.tree = tree
        self._nodes: dict[int, Node] = {}
        self._next_uid = 1
        self._numbers: list[int] = []
        self._build()
        doc.treeAboutToChange.connect(self._about_to_change)
        doc.treeChanged.connect(self._changed)
        doc.fieldChanged.connect(self._field_changed)
        doc.draftReplaced.connect(self.reset_from_draft)

    # --- wrappers --------------------------------------------------------------------
    def _wrap(self, obj: Any, parent: Node, row: int) -> Node:
        node = Node(obj, parent, row, parent.level + 1, self._next_uid)
        self._next_uid += 1
        self._nodes[node.uid] = node
        node.children = [self._wrap(c, node, i) for i, c in enumerate(node.core_children())]
        return node

    @property
    def groups(self) -> list[Group]:
        return self.doc.draft.trees.setdefault(self.tree, [])

    @property
    def part(self) -> IndicatorsPart:
        """The template's description of this tree (its kinds, levels, columns)."""
        form = self.doc.form
        return form.find_tree(self.tree) or form.tree()

    def set_tree(self, tree: str) -> None:
        """Show another indicator tree of the form (项目: 年度 or 中期)."""
        self.tree = tree
        self.reset_from_draft()

    def _build(self) -> None:
        self._nodes.clear()
        groups = self.groups
        self.top = Node(groups, None, -1, -1, 0)
        self.top.children = [self._wrap(g, self.top, i) for i, g in enumerate(groups)]
        # A flat list (重庆): the one group and its one category are not shown; the
        # items are the tree's rows. Paths stay the draft's (0, 0, i).
        self.root = self.top
        if self.part.levels == 1 and len(groups) == 1 and len(groups[0].categories) == 1:
            self.root = self.top.children[0].children[0]
        self._renumber_groups()

    def reset_from_draft(self) -> None:
        self.beginResetModel()
        self._build()
        self.endResetModel()

    def _renumber_groups(self) -> None:
        # Kept (not asked of the draft each time) so that during a change every group
        # keeps its old number until end*Rows (see _after_group_change).
        counts: dict[str, int] = {}
        self._numbers = []
        for group in self.groups:
            counts[group.kind] = counts.get(group.kind, 0) + 1
            self._numbers.append(counts[group.kind])

    def node(self, index: Index) -> Node:
        if not index.isValid():
            return self.root
        return self._nodes[index.internalId()]

    def node_at(self, path: Path) -> Node:
        node = self.top
        for row in path:
            node = node.children[row]
        return node

    def path_of(self, node: Node) -> Path:
        rows = []
        while node.parent is not None:
            rows.append(node.row)
            node = node.parent
        return tuple(reversed(rows))

    def index_of(self, path: Path, column: int = 0) -> QModelIndex:
        node = self.node_at(path)
        if node is self.root or node.level <= self.root.level:
            return QModelIndex()
        return self.createIndex(node.row, column, node.uid)

    def has_path(self, path: Path) -> bool:
        node = self.top
        for row in path:
            if not 0 <= row < len(node.children):
                return False
            node = node.children[row]
        return True

    # --- read-only model interface ---------------------------------------------------
    # QTreeView lays out every expanded row after each insert, move or delete: with 1,000
    # items these few methods run thousands of times per edit, so they stay lean (no enum
    # arithmetic, no helper calls).
    def index(self, row: int, column: int, parent: Index = _ROOT) -> QModelIndex:
        if parent.isValid():
            if parent.column():
                return QModelIndex()
            children = self._nodes[parent.internalId()].children
        else:
            children = self.root.children
        if 0 <= row < len(children) and 0 <= column <= 1:
            return self.createIndex(row, column, children[row].uid)
        return QModelIndex()

    def parent(self, index: Index = _ROOT) -> QModelIndex:  # type: ignore[override]
        if not index.isValid():
            return QModelIndex()
        parent = self._nodes[index.internalId()].parent
        if parent is None or parent is self.root or parent.parent is None:
            return QModelIndex()
        return self.createIndex(parent.row, 0, parent.uid)

    def rowCount(self, parent: Index = _ROOT) -> int:
        if parent.isValid():
            return 0 if parent.column() else len(self._nodes[parent.internalId()].children)
        return len(self.root.children)

    def columnCount(self, parent: Index = _ROOT) -> int:
        return 2

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == _DISPLAY:
            if 0 <= section < 2:
                return ("指标", "指标值")[section]
        return None

    def group_label(self, row: int) -> str:
        return self.part.group_label(self.groups[row], self._numbers[row])

    def is_fixed(self, node: Node) -> bool:
        """A group of a kind that does not repeat (效果指标): always there, never moved."""
        if node.level != GROUP:
            return False
        kind = self.part.group_kind(node.obj.kind)
        return kind is not None and not kind.repeat

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        node = self._nodes[index.internalId()]
        col = index.column()
        if role == _DISPLAY:
            return self._display(node, col)
        if role == _TOOLTIP:
            return self._tooltip(node)
        if role == _FONT and node.level == GROUP and col == 0:
            return _styles().bold
        if role == _FOREGROUND and (
                (col == 0 and self._is_blank(node)) or (col == 1 and node.level == CATEGORY)):
            return _styles().grey
        return None

    def _is_blank(self, node: Node) -> bool:
        if node.level == ITEM:
            return not node.obj.is_structured and is_blank(node.obj.content)
        return node.level == CATEGORY and is_blank(node.obj.name)

    def _display(self, node: Node, col: int) -> str:
        if node.level == GROUP:
            return self.group_label(node.row) if col == 0 else ""
        if node.level == CATEGORY:
            if col == 1:
                return f"{len(node.children)} 项"
            return node.obj.name.strip() or "（未命名二级指标）"
        # What the form prints: 名称 (and 指标内容) here, ≥95% in the value column.
        if col == 1:
            return value_text(node.obj)
        return tree_text(node.obj) or "（空白指标，请填写内容）"

    def _tooltip(self, node: Node) -> str:
        if node.level == GROUP:
            return self.group_label(node.row)
        if node.level == CATEGORY:
            return f"{node.obj.name}（{len(node.children)} 项具体指标）"
        scoring = self.doc.form.scoring
        if scoring is not None and self.tree == MAIN_TREE:
            score = item_score(node.obj, scoring)
            said = f"得分：{score.reason}" if score.score is not None else \
                f"得分：{score.problem}"
            return f"{tooltip_text(node.obj)}\n{said}"
        return tooltip_text(node.obj)

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return _FLAGS_ROOT
        return _FLAGS_ITEM if self._nodes[index.internalId()].level == ITEM else _FLAGS_BRANCH

    # --- following the document ------------------------------------------------------
    def _renumber(self, parent: Node, start: int) -> None:
        for row in range(start, len(parent.children)):
            parent.children[row].row = row

    def _after_group_change(self, parent: Node) -> None:
        # Called after end*Rows: until then every group keeps its old number, so the
        # rows around the change read the same during the change (the model tester checks
        # this); then the numbers follow the new order in one dataChanged.
        if parent is self.top and self.top.children:
            self._renumber_groups()
            self.refresh_group_labels()

    def refresh_group_labels(self) -> None:
        """Labels follow order and template: 产出指标一, 二, … are renumbered live."""
        if self.root is self.top and self.top.children:
            self.dataChanged.emit(self.index(0, 0), self.index(len(self.top.children) - 1, 0),
                                  [Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole])

    def _about_to_change(self, op: Op) -> None:
        if getattr(op, "tree", None) != self.tree:
            return
        if isinstance(op, InsertNode):
            self.beginInsertRows(self.index_of(op.parent), op.row, op.row)
        elif isinstance(op, RemoveNode):
            row = op.path[-1]
            self.beginRemoveRows(self.index_of(op.path[:-1]), row, row)
        elif isinstance(op, MoveNode):
            src, dst = op.source[:-1], op.parent
            # Qt counts the destination row before the source row is taken out.
            qt_row = op.row + 1 if src == dst and op.row > op.source[-1] else op.row
            if not self.beginMoveRows(self.index_of(src), op.source[-1], op.source[-1],
                                      self.index_of(dst), qt_row):
                raise ValueError(f"Qt refuses the move {op}")

    def _changed(self, op: Op) -> None:
        if getattr(op, "tree", None) != self.tree:
            return
        if isinstance(op, ReplaceItems):
            for path, _items in op.lists:
                self._follow_items(self.node_at(path))
            return
        if isinstance(op, InsertNode):
            parent = self.node_at(op.parent)
            parent.children.insert(op.row, self._wrap(op.node, parent, op.row))
            self._renumber(parent, op.row)
            if parent is self.top:
                self._numbers.insert(op.row, 0)
            self.endInsertRows()
            self._after_group_change(parent)
            self._touch_count(parent)
        elif isinstance(op, RemoveNode):
            parent = self.node_at(op.path[:-1])
            removed = parent.children.pop(op.path[-1])
            self._renumber(parent, op.path[-1])
            if parent is self.top:
                self._numbers.pop(op.path[-1])
            self.endRemoveRows()
            self._forget(removed)
            self._after_group_change(parent)
            self._touch_count(parent)
        elif isinstance(op, MoveNode):
            src, dst = self.node_at(op.source[:-1]), self.node_at(op.parent)
            node = src.children.pop(op.source[-1])
            dst.children.insert(op.row, node)
            node.parent = dst
            self._renumber(src, min(op.source[-1], op.row) if src is dst else op.source[-1])
            if src is not dst:
                self._renumber(dst, op.row)
            if dst is self.top:
                self._numbers.insert(op.row, self._numbers.pop(op.source[-1]))
            self.endMoveRows()
            self._after_group_change(dst)
            self._touch_count(src)
            self._touch_count(dst)

    def _follow_items(self, category: Node) -> None:
        """Catch up with a category whose item list was replaced (``ReplaceItems``).

        Rows whose item is the very same object stay as they are (their selection, their
        wrapper); each run of rows between them is removed and its replacement inserted,
        the last run first, so the rows ahead keep their numbers meanwhile. Until a run is
        done the wrappers still show the old items: the views see a consistent model."""
        old = category.children
        new = category.obj.items
        where = {id(obj): j for j, obj in enumerate(new)}
        kept = [(-1, -1)]
        for i, node in enumerate(old):
            j = where.get(id(node.obj), -1)
            if j > kept[-1][1]:
                kept.append((i, j))
        kept.append((len(old), len(new)))
        parent = self.createIndex(category.row, 0, category.uid)
        for (i0, j0), (i1, j1) in reversed(list(pairwise(kept))):
            start = i0 + 1
            if i1 > start:
                self.beginRemoveRows(parent, start, i1 - 1)
                removed = old[start:i1]
                del old[start:i1]
                self._renumber(category, start)
                self.endRemoveRows()
                for node in removed:
                    self._forget(node)
            if j1 > j0 + 1:
                self.beginInsertRows(parent, start, start + j1 - j0 - 2)
                old[start:start] = [self._wrap(obj, category, start + k)
                                    for k, obj in enumerate(new[j0 + 1:j1])]
                self._renumber(category, start)
                self.endInsertRows()
        self._touch_count(category)

    def _forget(self, node: Node) -> None:
        """Drop the wrappers of a removed subtree (an undo wraps the nodes anew)."""
        self._nodes.pop(node.uid, None)
        for child in node.children:
            self._forget(child)

    def _touch_count(self, parent: Node) -> None:
        if parent.level == CATEGORY:
            index = self.createIndex(parent.row, 1, parent.uid)
            self.dataChanged.emit(index, index, [Qt.ItemDataRole.DisplayRole])

    def _field_changed(self, location: str) -> None:
        place = locations.parse(location)
        if place is None or place.tree != self.tree or not place.path \
                or not self.has_path(place.path):
            return
        node = self.node_at(place.path)
        self.dataChanged.emit(self.createIndex(node.row, 0, node.uid),
                              self.createIndex(node.row, 1, node.uid), [])

    # --- drag and drop: a node moves within its level, a 指标库 copy is inserted ---------
    def supportedDropActions(self) -> Qt.DropAction:
        return Qt.DropAction.MoveAction | Qt.DropAction.CopyAction

    def supportedDragActions(self) -> Qt.DropAction:
        return Qt.DropAction.MoveAction

    def mimeTypes(self) -> list[str]:
        return [drops.NODE_MIME, drops.LIBRARY_MIME]

    def mimeData(self, indexes: Sequence[QModelIndex]) -> QMimeData:
        valid = [i for i in indexes if i.isValid()]
        return drops.node_mime(self.path_of(self.node(valid[0]))) if valid else QMimeData()

    def drop_target(self, data: QMimeData, action: Qt.DropAction, row: int,
                    parent: Index) -> MoveNode | InsertNode | None:
        """The edit a drop of *data* before *row* of *parent* makes, if the form allows
        it: a node moved within its level, or a 指标库 indicator inserted as a copy."""
        target = self.path_of(self.node(parent))
        if action == Qt.DropAction.MoveAction:
            source = drops.dropped_path(data, self.has_path)
            return None if source is None else editing.drop(
                self.doc.draft, self.doc.form, source, target, row, self.tree)
        if action == Qt.DropAction.CopyAction:
            copy = drops.dropped_copy(data)
            return None if copy is None else drops.library_drop(self.doc.draft, target, row,
                                                                *copy, tree=self.tree)
        return None

    def canDropMimeData(self, data: QMimeData, action: Qt.DropAction, row: int,
                        column: int, parent: Index) -> bool:
        return self.drop_target(data, action, row, parent) is not None

    def dropMimeData(self, data: QMimeData, action: Qt.DropAction, row: int,
                     column: int, parent: Index) -> bool:
        target = self.drop_target(data, action, row, parent)
        if target is None:
            return False
        self.dropRequested.emit(target)
        # The tab makes the change (undoably). Returning False keeps the view from also
        # deleting the "source" rows, which it does after a successful MoveAction drop.
        return False

