"""The problems list as an item model: findings in the form's order, repeated messages
grouped under one row with a count, warnings marked 已核对 in a group of their own at the
end, and rows that stay put while the clerk fixes things.

``update`` is what a re-check after typing calls: a finding that is gone leaves its row
in place, greyed (改好了); one still there is refreshed where it is; a new one is put
after the row of the finding before it. ``rebuild`` (the 检查 command, the next jump, a
mark 已核对) drops the greyed rows and orders everything afresh.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

from PySide6.QtCore import QAbstractItemModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QColor, QIcon
from PySide6.QtWidgets import QStyle, QWidget

from declapp.checks import ERROR, Finding

GROUP_AT = 3  # this many findings with one message are shown under one row
FindingRole = Qt.ItemDataRole.UserRole + 1
Key = tuple[str, str, int]  # check id, location, which of several there


@dataclass(eq=False)
class Row:
    finding: Finding
    key: Key
    fixed: bool = False
    parent: Node | None = None


@dataclass(eq=False)
class Node:
    """A group row: one message found at many places, or the 已核对 warnings."""

    title: str
    severity: str
    rows: list[Row] = field(default_factory=list)
    reviewed: bool = False


Entry = Row | Node


def theme(finding: Finding) -> str:
    """What findings listed under one row share: the rule's own words for it, or the
    message with what differs from place to place (the quoted words, the figure) left out."""
    if finding.theme:
        return finding.theme
    text = finding.message.replace(finding.highlight, "…") if finding.highlight \
        else finding.message
    return re.sub(r"(“[^”]*”)+", "“…”", text)


def keyed(findings: list[Finding]) -> list[tuple[Key, Finding]]:
    seen: Counter[tuple[str, str]] = Counter()
    out = []
    for f in findings:
        seen[(f.id, f.location)] += 1
        out.append(((f.id, f.location, seen[(f.id, f.location)]), f))
    return out


class FindingsModel(QAbstractItemModel):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._entries: list[Entry] = []
        self._findings: list[Finding] = []
        style = parent.style() if parent is not None else None
        pixmap = QStyle.StandardPixmap
        self._icons = {
            "error": style.standardIcon(pixmap.SP_MessageBoxCritical) if style else QIcon(),
            "warning": style.standardIcon(pixmap.SP_MessageBoxWarning) if style else QIcon(),
            "reviewed": style.standardIcon(pixmap.SP_DialogApplyButton) if style else QIcon(),
        }

    # --- what the panel asks -----------------------------------------------------------
    @property
    def findings(self) -> list[Finding]:
        """Every finding of the last check, in the form's order (已核对 ones too)."""
        return list(self._findings)

    def rows(self) -> list[Row]:
        """The finding rows as shown, top to bottom (the 已核对 group's last)."""
        out: list[Row] = []
        for entry in self._entries:
            out.extend(entry.rows if isinstance(entry, Node) else [entry])
        return out

    def has_fixed(self) -> bool:
        return any(row.fixed for row in self.rows())

    def index_of(self, key: Key) -> QModelIndex:
        for row in self.rows():
            if row.key == key:
                return self._index(row)
        return QModelIndex()

    def row_at(self, index: QModelIndex | QPersistentModelIndex) -> Row | None:
        entry = index.internalPointer() if index.isValid() else None
        return entry if isinstance(entry, Row) else None

    # --- refreshing --------------------------------------------------------------------
    def rebuild(self, findings: list[Finding]) -> None:
        self.beginResetModel()
        self._findings = list(findings)
        self._entries = self._arrange(keyed(findings))
        self.endResetModel()

    def update(self, findings: list[Finding]) -> None:
        """Findings of a re-check after an edit, laid over the rows as they stand."""
        if not self._entries:
            self.rebuild(findings)
            return
        self._findings = list(findings)
        fresh = keyed(findings)
        new = dict(fresh)
        shown = {row.key: row for row in self.rows()}
        for key, row in shown.items():
            found = new.get(key)
            reviewed_now = bool(found and found.reviewed)
            was_reviewed = isinstance(row.parent, Node) and row.parent.reviewed
            gone = found is None or reviewed_now != was_reviewed
            if gone != row.fixed or (found is not None and found != row.finding):
                row.fixed = gone
                if found is not None and not gone:
                    row.finding = found
                index = self._index(row)
                self.dataChanged.emit(index, index)
        for n, (key, finding) in enumerate(fresh):
            if finding.reviewed or (key in shown and not shown[key].fixed):
                continue  # (a row greyed here is the same warning, come back unmarked)
            before = [shown[k] for k, _f in reversed(fresh[:n]) if k in shown]
            row = Row(finding, key)
            self._insert(row, before)
            shown[key] = row

    def _insert(self, row: Row, before: list[Row]) -> None:
        """*row* after the nearest of *before* (the rows of the findings that precede it,
        nearest first) in its group, or at the top level."""
        before = [r for r in before if r.parent is None or not r.parent.reviewed]
        group = next((e for e in self._entries if isinstance(e, Node) and not e.reviewed
                      and e.title == theme(row.finding)), None)
        if group is not None:
            after = next((r for r in before if r.parent is group), None)
            at = group.rows.index(after) + 1 if after is not None else 0
            self.beginInsertRows(self._index(group), at, at)
            row.parent = group
            group.rows.insert(at, row)
            self.endInsertRows()
            return
        at = 0
        if before:
            top = before[0].parent if before[0].parent is not None else before[0]
            at = self._entries.index(top) + 1
        self.beginInsertRows(QModelIndex(), at, at)
        self._entries.insert(at, row)
        self.endInsertRows()

    @staticmethod
    def _arrange(fresh: list[tuple[Key, Finding]]) -> list[Entry]:
        open_ = [(k, f) for k, f in fresh if not f.reviewed]
        many = Counter(theme(f) for _k, f in open_)
        entries: list[Entry] = []
        groups: dict[str, Node] = {}
        for key, finding in open_:
            title = theme(finding)
            if many[title] < GROUP_AT:
                entries.append(Row(finding, key))
                continue
            group = groups.get(title)
            if group is None:
                group = groups[title] = Node(title, finding.severity)
                entries.append(group)
            group.rows.append(Row(finding, key, parent=group))
        looked = [(k, f) for k, f in fresh if f.reviewed]
        if looked:
            node = Node("已核对的警告", "reviewed", reviewed=True)
            node.rows = [Row(f, k, parent=node) for k, f in looked]
            entries.append(node)
        return entries

    # --- the model ---------------------------------------------------------------------
    def _index(self, entry: Entry) -> QModelIndex:
        if isinstance(entry, Row) and entry.parent is not None:
            return self.createIndex(entry.parent.rows.index(entry), 0, entry)
        return self.createIndex(self._entries.index(entry), 0, entry)

    def index(self, row: int, column: int,
              parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> QModelIndex:  # noqa: B008
        if column != 0 or row < 0:
            return QModelIndex()
        if not parent.isValid():
            return self.createIndex(row, 0, self._entries[row]) \
                if row < len(self._entries) else QModelIndex()
        node = parent.internalPointer()
        if isinstance(node, Node) and row < len(node.rows):
            return self.createIndex(row, 0, node.rows[row])
        return QModelIndex()

    def parent(self, child: QModelIndex | QPersistentModelIndex = QModelIndex()  # type: ignore[override]  # noqa: B008
               ) -> QModelIndex:
        entry = child.internalPointer() if child.isValid() else None
        if isinstance(entry, Row) and entry.parent is not None:
            return self._index(entry.parent)
        return QModelIndex()

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        if not parent.isValid():
            return len(self._entries)
        node = parent.internalPointer()
        return len(node.rows) if isinstance(node, Node) and parent.column() == 0 else 0

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 1

    def data(self, index: QModelIndex | QPersistentModelIndex,
             role: int = Qt.ItemDataRole.DisplayRole) -> object:
        entry = index.internalPointer() if index.isValid() else None
        if isinstance(entry, Node):
            return self._group_data(entry, role)
        if not isinstance(entry, Row):
            return None
        f = entry.finding
        if role == Qt.ItemDataRole.DisplayRole:
            return row_text(entry)
        if role == Qt.ItemDataRole.DecorationRole:
            return QIcon() if entry.fixed else self._icons[
                "reviewed" if f.reviewed else f.severity]
        if role == Qt.ItemDataRole.ForegroundRole and entry.fixed:
            return QColor("#9a9a9a")
        if role == Qt.ItemDataRole.ToolTipRole:
            kind = "已核对的警告" if f.reviewed else "错误" if f.severity == ERROR else "警告"
            more = "\n右键可标为已核对" if f.severity != ERROR and not f.reviewed else ""
            return (f"{kind}：{f.message}\n位置：{f.place or '整个表单'}（{f.id}）\n"
                    f"双击或按 F8 转到此处{more}")
        if role == FindingRole:
            return f
        return None

    def _group_data(self, node: Node, role: int) -> object:
        if role == Qt.ItemDataRole.DisplayRole:
            left = sum(1 for row in node.rows if not row.fixed)
            return f"{node.title}（{left} 处）"
        if role == Qt.ItemDataRole.DecorationRole:
            return self._icons[node.severity]
        if role == Qt.ItemDataRole.ToolTipRole:
            return "展开看每一处" if not node.reviewed else "这些警告已核对过，原文未改"
        return None

    def flags(self, index: QModelIndex | QPersistentModelIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable


def row_text(row: Row) -> str:
    """Two lines: what is wrong (left out under a group that says it) and where, with the
    words it is about."""
    f = row.finding
    where = f.place or "整个表单"
    if f.highlight:
        where += f"：「{f.highlight}」"
    if f.reviewed:
        where += f" —— 已核对：{f.reviewed}"
    grouped = row.parent is not None and not row.parent.reviewed
    text = where if grouped else f"{f.message}\n{where}"
    return f"（已改）{text}" if row.fixed else text
