"""年度概览: the year of the open draft on one page — each indicator's target, its value
by mid-year and the expectation, the value at year end and the score — from the drafts
of its family found beside it (or added by the clerk), exported to Excel on request."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialogButtonBox,
    QFileDialog,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from declapp.errors import ClerkError
from declapp.export.year_report import drafts_beside, headings, row_cells, write_year_report
from declapp.form.model import Draft
from declapp.gui.dialogs.base import Dialog
from declapp.gui.ops import Ops
from declapp.gui.qt_setup import file_dialog_room
from declapp.indicators.year_view import Overview, family_of, overview
from declapp.storage.fileformat import load


class YearOverviewDialog(Dialog):
    def __init__(self, draft: Draft, path: Path | None, ops: Ops,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("年度概览")
        self.resize(1100, 640)
        self.draft, self.path, self.ops = draft, path, ops
        self.extra: list[tuple[Draft, Path | None]] = []
        self.view: Overview | None = None
        self.heading = QLabel(self)
        self.heading.setWordWrap(True)
        self.table = QTableWidget(self)
        self.table.setObjectName("overviewTable")
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.table.setWordWrap(True)
        self.summary = QLabel(self)
        self.summary.setStyleSheet("font-weight: bold;")
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        self.add_button = QPushButton("添加其他阶段的草稿…", self)
        self.export_button = QPushButton("导出 Excel…", self)
        buttons.addButton(self.add_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.addButton(self.export_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.rejected.connect(self.reject)
        self.add_button.clicked.connect(self.add_drafts)
        self.export_button.clicked.connect(self.export)
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.summary)
        layout.addWidget(buttons)
        self.refresh()

    def candidates(self) -> list[tuple[Draft, Path | None]]:
        """The drafts beside the open one (its saved file replaced by what is open), and
        those the clerk added."""
        found = drafts_beside(self.path) if self.path is not None else []
        found = [(d, p) for d, p in found if p != self.path]
        return [*found, *self.extra, (self.draft, self.path)]

    def refresh(self) -> None:
        try:
            self.view = overview(family_of(self.draft, self.candidates()))
        except ClerkError as exc:
            self.view = None
            self.heading.setText(exc.message)
            self.table.setRowCount(0)
            self.export_button.setEnabled(False)
            return
        view = self.view
        stages = "、".join(f"{s.stage}（{s.path.name if s.path else '未保存'}）"
                           for s in view.stages)
        missing = [s for s in ("申报", "监控", "自评") if view.stage(s) is None]
        more = f"；没有找到{'、'.join(missing)}草稿，可点“添加其他阶段的草稿…”" if missing else ""
        self.heading.setText(f"{view.unit} {view.year} 年度：{stages}{more}")
        heads = headings(view)[:-1]  # the reason is the score's tooltip here
        self.table.clear()
        self.table.setColumnCount(len(heads))
        self.table.setHorizontalHeaderLabels(heads)
        self.table.setRowCount(len(view.rows))
        score_column = len(heads) - 1
        for r, row in enumerate(view.rows):
            for c, text in enumerate(row_cells(view, r)[:len(heads)]):
                cell = QTableWidgetItem(text if len(text) <= 60 else f"{text[:59]}…")
                if len(text) > 60:
                    cell.setToolTip(text)
                if c == score_column and row.reason:
                    cell.setToolTip(row.reason)
                if c >= score_column - 1:
                    cell.setTextAlignment(Qt.AlignmentFlag.AlignRight |
                                          Qt.AlignmentFlag.AlignVCenter)
                self.table.setItem(r, c, cell)
        self.table.resizeColumnsToContents()
        for c in range(len(heads)):
            self.table.setColumnWidth(c, min(self.table.columnWidth(c), 260))
        self.table.resizeRowsToContents()
        self.summary.setText(f"预算执行率 {view.execution}　总分 {view.total}　自评等级 "
                             f"{view.grade or '（尚未算完）'}" if view.total else
                             "还没有年末自评：得分在转入年末自评并填写实际完成值后显示。")
        self.export_button.setEnabled(True)

    def add_drafts(self) -> None:
        with file_dialog_room():
            names, _filter = QFileDialog.getOpenFileNames(
                self, "添加同一年度的其他阶段的草稿",
                str(self.path.parent) if self.path else "", "草稿 (*.json)")
        for name in names:
            try:
                self.extra.append((load(name), Path(name)))
            except ClerkError as exc:
                self.heading.setText(exc.message)
                return
        self.refresh()

    def export(self) -> bool:
        if self.view is None:
            return False
        start = self.path.with_name(f"{self.view.unit}-{self.view.year}-年度概览.xlsx") \
            if self.path else Path(f"{self.view.unit}-{self.view.year}-年度概览.xlsx")
        with file_dialog_room():
            name, _filter = QFileDialog.getSaveFileName(self, "导出年度概览", str(start),
                                                        "Excel (*.xlsx)")
        if not name:
            return False
        target = Path(name).with_suffix(".xlsx")
        try:
            write_year_report(self.view, target)
        except ClerkError as exc:
            self.summary.setText(exc.message)
            return False
        self.summary.setText(f"已导出：{target}")
        return True
