"""A table of the form (年度主要任务) as a grid the clerk types into, like a sheet in WPS.

``TableModel`` is a thin adapter over the draft's rows: it shows them and turns an edited
cell into an undoable ``SetValue``; rows are added, removed and moved by ``editing``
operations. Amount cells take what the amount fields take (``1,000.50``, ``12.5万元``) and
refuse the rest with the reason; pasting a block copied from Excel or WPS fills the cells
from the current one, adding rows, as one undo step. Under the grid: the totals and every
row whose 总额 is not the sum of its parts.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QGuiApplication, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from declapp.editing import InsertRow, MoveRow, RemoveRow, SetValue
from declapp.form import locations
from declapp.form.definition import TablePart, strip_colon
from declapp.form.money import exact_sum, format_amount, normalize_amount_entry, to_json
from declapp.gui.document.document import Document
from declapp.layout import table_amount

Index = QModelIndex | QPersistentModelIndex
_BAD = "color: #c62828;"


class TableModel(QAbstractTableModel):
    problem = Signal(str)  # why a typed amount was refused, for the status line

    def __init__(self, doc: Document, part: TablePart, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.doc = doc
        self.part = part
        doc.tableChanged.connect(self._table_changed)
        doc.fieldChanged.connect(self._cell_changed)
        doc.draftReplaced.connect(self._reset)

    def rows(self) -> list[dict[str, str]]:
        return self.doc.draft.tables.get(self.part.id, [])

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.rows())

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.part.columns)

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Horizontal:
            if not 0 <= section < len(self.part.columns):
                return None
            column = self.part.columns[section]
            return f"{strip_colon(column.label)}（万元）" if column.is_amount else column.label
        return str(section + 1)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or index.row() >= len(self.rows()):
            return None
        column = self.part.columns[index.column()]
        text = self.rows()[index.row()].get(column.key, "")
        if role == Qt.ItemDataRole.DisplayRole:
            amount = table_amount(text) if column.is_amount else None
            return format_amount(amount) if amount is not None else text.replace("\n", " ⏎ ")
        if role == Qt.ItemDataRole.EditRole:
            return text
        if role == Qt.ItemDataRole.TextAlignmentRole and column.is_amount:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.ToolTipRole and text:
            return text
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | \
            Qt.ItemFlag.ItemIsEditable

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if role != Qt.ItemDataRole.EditRole or not index.isValid():
            return False
        return self.set_cell(index.row(), index.column(), str(value))

    def set_cell(self, row: int, col: int, text: str) -> bool:
        """Put *text* into a cell as the clerk would type it; False when refused."""
        column = self.part.columns[col]
        if column.is_amount and text.strip():
            entry = normalize_amount_entry(text)
            if not entry.accepted or entry.amount is None:
                self.problem.emit(f"“{strip_colon(column.label)}”：{entry.error}")
                return False
            text = to_json(entry.amount)
        self.problem.emit("")
        return self.doc.edit(SetValue(locations.cell(self.part.id, row, column.key), text))

    # --- following the draft ---------------------------------------------------------------
    def _table_changed(self, table: str) -> None:
        if table == self.part.id:
            self._reset()

    def _reset(self) -> None:
        self.beginResetModel()
        self.endResetModel()

    def _cell_changed(self, location: str) -> None:
        place = locations.parse(location)
        if place is None or place.table != self.part.id or not place.path:
            return
        col = next((n for n, c in enumerate(self.part.columns) if c.key == place.attr), None)
        if col is not None and place.path[0] < self.rowCount():
            index = self.index(place.path[0], col)
            self.dataChanged.emit(index, index)


class TableEditor(QGroupBox):
    noteRequested = Signal(str)

    def __init__(self, doc: Document, part: TablePart, parent: QWidget | None = None) -> None:
        super().__init__(part.label, parent)
        self.doc = doc
        self.part = part
        self.model = TableModel(doc, part, self)
        self.view = QTableView(self)
        self.view.setModel(self.model)
        self.view.setObjectName(f"table:{part.id}")
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectItems)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.AllEditTriggers)
        self.view.setWordWrap(True)
        self.view.setMinimumHeight(180)
        header = self.view.horizontalHeader()
        for n, column in enumerate(part.columns):
            mode = QHeaderView.ResizeMode.Stretch if column.type == "longtext" else \
                QHeaderView.ResizeMode.ResizeToContents
            header.setSectionResizeMode(n, mode)
        buttons = QHBoxLayout()
        self.add_button = QPushButton(f"添加{part.row_name}", self)
        self.delete_button = QPushButton(f"删除{part.row_name}", self)
        self.up_button = QPushButton("上移", self)
        self.down_button = QPushButton("下移", self)
        for button in (self.add_button, self.delete_button, self.up_button, self.down_button):
            buttons.addWidget(button)
        buttons.addStretch()
        self.status = QLabel(self)
        self.status.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addLayout(buttons)
        layout.addWidget(self.view, 1)
        layout.addWidget(self.status)
        self.add_button.clicked.connect(self.add_row)
        self.delete_button.clicked.connect(self.delete_row)
        self.up_button.clicked.connect(lambda: self.move_row(-1))
        self.down_button.clicked.connect(lambda: self.move_row(1))
        paste = QShortcut(QKeySequence.StandardKey.Paste, self.view)
        paste.setContext(Qt.ShortcutContext.WidgetShortcut)
        paste.activated.connect(self.paste)
        self.model.problem.connect(self._problem)
        self.model.modelReset.connect(self.update_status)
        self.model.dataChanged.connect(self.update_status)
        self._problem_text = ""
        self.update_status()

    def current_row(self) -> int:
        index = self.view.currentIndex()
        return index.row() if index.isValid() else -1

    def add_row(self) -> None:
        row = self.current_row() + 1 if self.current_row() >= 0 else self.model.rowCount()
        self.doc.edit(InsertRow(self.part.id, row), text=f"添加{self.part.row_name}")
        self.view.setCurrentIndex(self.model.index(row, 0))
        self.view.setFocus()

    def delete_row(self) -> None:
        row = self.current_row()
        if row < 0:
            return
        self.doc.edit(RemoveRow(self.part.id, row), text=f"删除{self.part.row_name}")
        self.noteRequested.emit(f"已删除第 {row + 1} 行，可撤销（Ctrl+Z）。")

    def move_row(self, step: int) -> None:
        row = self.current_row()
        target = row + step
        if row < 0 or not 0 <= target < self.model.rowCount():
            return
        self.doc.edit(MoveRow(self.part.id, row, target), text=f"移动{self.part.row_name}")
        column = max(0, self.view.currentIndex().column())
        self.view.setCurrentIndex(self.model.index(target, column))

    def paste(self) -> None:
        """A block of cells from Excel or WPS (tab-separated lines) into the grid from the
        current cell, rows added as needed: one undo step."""
        text = QGuiApplication.clipboard().text()
        if not text:
            return
        lines = [line.split("\t") for line in text.rstrip("\n").split("\n")]
        start = self.view.currentIndex()
        row0 = start.row() if start.isValid() else self.model.rowCount()
        col0 = start.column() if start.isValid() else 0
        refused = 0
        self.doc.stack.beginMacro("粘贴表格")
        try:
            for r, cells in enumerate(lines):
                row = row0 + r
                while row >= self.model.rowCount():
                    self.doc.edit(InsertRow(self.part.id, self.model.rowCount()))
                for c, cell in enumerate(cells[:len(self.part.columns) - col0]):
                    column = self.part.columns[col0 + c]
                    if column.is_amount and cell.strip() and \
                            normalize_amount_entry(cell).amount is None:
                        refused += 1
                        continue
                    self.model.set_cell(row, col0 + c, cell.strip())
        finally:
            self.doc.stack.endMacro()
        more = f"，{refused} 个金额不是数字，没有填入" if refused else ""
        self.noteRequested.emit(f"已粘贴 {len(lines)} 行{more}。")

    def _problem(self, text: str) -> None:
        self._problem_text = text
        self.update_status()

    def update_status(self, *_args: object) -> None:
        """The totals of the amount columns and the rows whose sums do not add up."""
        rows = self.model.rows()
        parts = []
        for column in (c for c in self.part.columns if c.is_amount):
            amounts = [table_amount(r.get(column.key, "")) for r in rows]
            total = exact_sum(a for a in amounts if a is not None)
            parts.append(f"{strip_colon(column.label)} {format_amount(total)}")
        lines = [f"{self.part.totals_label or '合计'}：{'，'.join(parts)} 万元。"] if parts else []
        for n, row in enumerate(rows, start=1):
            for column in (c for c in self.part.columns if c.sum_of):
                stated = table_amount(row.get(column.key, ""))
                if stated is None:
                    continue
                total = stated
                found = [table_amount(row.get(k, "")) for k in column.sum_of]
                pieces = exact_sum(a for a in found if a is not None)
                if total != pieces:
                    names = "＋".join(strip_colon(c.label) for c in self.part.columns
                                     if c.key in column.sum_of)
                    lines.append(f"✘ 第 {n} 行：{strip_colon(column.label)} "
                                 f"{format_amount(total)} ≠ {names} = {format_amount(pieces)}")
        if self._problem_text:
            lines.append(f"✘ {self._problem_text}")
        self.status.setText("\n".join(lines))
        self.status.setStyleSheet(_BAD if any(line.startswith("✘") for line in lines) else "")

    def focus_field(self, location: str) -> bool:
        place = locations.parse(location)
        if place is None or place.part != self.part.id:
            return False
        row = place.path[0] if place.path else 0
        col = next((n for n, c in enumerate(self.part.columns) if c.key == place.attr), 0)
        if row < self.model.rowCount():
            self.view.setCurrentIndex(self.model.index(row, col))
        self.view.setFocus()
        return True
