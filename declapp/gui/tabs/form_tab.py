"""A tab of the window built from the form definition: the parts the template puts on it
(its ``tab``), in print order — labelled fields, amounts blocks, tables. The first tab
also holds the year and the template. Nothing here names a template's field: a new
region's template gets its tabs from its file."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QGridLayout,
    QLabel,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from declapp.form import locations
from declapp.form.definition import AmountsPart, FieldDef, FieldsPart, TablePart
from declapp.form.model import YEAR_MAX, YEAR_MIN
from declapp.gui.dialogs.messages import confirm_template_switch
from declapp.gui.document.document import Document
from declapp.gui.tabs.amounts_block import AmountsBlock
from declapp.gui.tabs.field_editors import FieldEditor
from declapp.gui.tabs.table_editor import TableEditor
from declapp.gui.widgets.template_combo import fill_template_combo, select_template
from declapp.gui.widgets.uiload import TAB_MARGINS
from declapp.gui.widgets.undo_keys import route_undo_keys

Part = FieldsPart | AmountsPart | TablePart


def tab_of(part: object) -> str:
    """The tab a part is edited on: its own ``tab``, else by its kind."""
    tab = getattr(part, "tab", "")
    if tab:
        return tab
    if isinstance(part, AmountsPart):
        return "资金情况"
    if isinstance(part, TablePart):
        return part.label
    if isinstance(part, FieldsPart):
        return "单位信息"
    return "绩效指标"


LABEL_MAX_WIDTH = 170


class FormTab(QWidget):
    noteRequested = Signal(str)

    def __init__(self, doc: Document, title: str, parts: list[Part], head: bool,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.doc = doc
        self.title = title
        self.parts = parts
        self.editors: dict[str, FieldEditor] = {}
        self.blocks: list[AmountsBlock] = []
        self.tables: list[TableEditor] = []
        self.year_spin: QSpinBox | None = None
        self.template_combo: QComboBox | None = None
        self.template_note: QLabel | None = None
        layout = QVBoxLayout(self)
        layout.setContentsMargins(*TAB_MARGINS)
        grid: QGridLayout | None = None
        # The year and the template come right after the first row of the form (the
        # unit's name, which the clerk types first), as on the printed form's head.
        if head and not (parts and isinstance(parts[0], FieldsPart)):
            grid = self._grid(layout)
            self._head(grid)
            head = False
        for part in parts:
            if isinstance(part, FieldsPart):
                grid = grid or self._grid(layout)
                self._fields(grid, part, layout)
                if head:
                    self._head(grid)
                    head = False
                continue
            grid = None
            if isinstance(part, AmountsPart):
                block = AmountsBlock(doc, part, self)
                block.noteRequested.connect(self.noteRequested)
                self.blocks.append(block)
                layout.addWidget(block)
            else:
                table = TableEditor(doc, part, self)
                table.noteRequested.connect(self.noteRequested)
                self.tables.append(table)
                layout.addWidget(table, 3)
        if not any(e.field.type == "longtext" for e in self.editors.values()) and not self.tables:
            layout.addStretch(1)
        doc.fieldChanged.connect(self.refresh)
        doc.draftReplaced.connect(self.refresh_all)
        self.refresh_all()

    # --- building ------------------------------------------------------------------------
    def _grid(self, layout: QVBoxLayout) -> QGridLayout:
        holder = QWidget(self)
        grid = QGridLayout(holder)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.setHorizontalSpacing(12)
        grid.setVerticalSpacing(10)
        grid.setColumnStretch(1, 1)
        layout.addWidget(holder, 1)
        return grid

    def _row_label(self, text: str, field: FieldDef | None = None) -> QLabel:
        label = QLabel(text, self)
        label.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop)
        label.setWordWrap(True)
        # A label of a few words stays on one line (a wrapping label asks Qt for little
        # room, and 项目名称 came out as 项目名 / 称); a long one wraps at this width.
        label.setMaximumWidth(LABEL_MAX_WIDTH)
        label.setMinimumWidth(min(label.fontMetrics().horizontalAdvance(text) + 4,
                                  LABEL_MAX_WIDTH))
        if field is not None and not field.printed:
            label.setToolTip("这一栏不印在表上：只在这里记下。")
            label.setStyleSheet("color: #666;")
        return label

    def _head(self, grid: QGridLayout) -> None:
        self.year_spin = QSpinBox(self)
        self.year_spin.setObjectName("yearSpin")
        self.year_spin.setSuffix(" 年度")
        self.year_spin.setRange(YEAR_MIN, YEAR_MAX)
        self.year_spin.setMinimumWidth(120)
        self._year_token = object()
        self.year_spin.valueChanged.connect(self._year_changed)
        self.year_spin.installEventFilter(self)
        route_undo_keys(self.doc.stack, self.year_spin)
        self.template_combo = QComboBox(self)
        self.template_combo.setObjectName("templateCombo")
        self.template_combo.setToolTip("换成另一个模板：新模板中有位置的内容都保留，其余放到“其他说明”"
                                       "的末尾，可撤销（Ctrl+Z）")
        fill_template_combo(self.template_combo, self.doc.draft.template,
                            stage=self.doc.form.stage)
        self.template_combo.activated.connect(self._template_chosen)
        self.template_note = QLabel(self)
        self.template_note.setWordWrap(True)
        self.template_note.setStyleSheet("color: #666;")
        row = grid.rowCount()
        grid.addWidget(self._row_label("年度"), row, 0)
        grid.addWidget(self.year_spin, row, 1, Qt.AlignmentFlag.AlignLeft)
        grid.addWidget(self._row_label("表格模板"), row + 1, 0)
        grid.addWidget(self.template_combo, row + 1, 1, Qt.AlignmentFlag.AlignLeft)
        grid.addWidget(self.template_note, row + 2, 1)
        # Fields printed on a line above the table (湖北's 填报日期) are typed here, with
        # the year they belong with.
        for line in self.doc.form.above_table:
            if line.field is not None:
                self._add_field(grid, line.field)

    def _fields(self, grid: QGridLayout, part: FieldsPart, layout: QVBoxLayout) -> None:
        if part.labels_above and part.label:
            heading = QLabel(part.label, self)
            heading.setStyleSheet("font-weight: bold;")
            grid.addWidget(heading, grid.rowCount(), 0, 1, 2)
        for field in part.fields:
            self._add_field(grid, field)

    def _add_field(self, grid: QGridLayout, field: FieldDef) -> None:
        editor = FieldEditor(self.doc, field, self)
        editor.noteRequested.connect(self.noteRequested)
        self.editors[field.id] = editor
        row = grid.rowCount()
        label = self._row_label(self.doc.form.printed_label(field), field)
        label.setBuddy(editor.focus)
        grid.addWidget(label, row, 0)
        grid.addWidget(editor.widget, row, 1)
        if field.type == "longtext":
            grid.setRowStretch(row, 3 if field.required == "error" else 1)

    # --- the year and the template ---------------------------------------------------------
    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.year_spin and event.type() == QEvent.Type.FocusIn:
            self._year_token = object()  # spinning the year is one step per visit
        return False

    def _year_changed(self, value: int) -> None:
        if value != self.doc.draft.year:
            self.doc.edit_field("year", value, self._year_token)

    def _template_chosen(self, index: int) -> None:
        assert self.template_combo is not None
        template_id = self.template_combo.itemData(index)
        if template_id and template_id != self.doc.draft.template:
            if not self.doc.switch_template(
                    template_id, lambda name, left: confirm_template_switch(self, name, left)):
                select_template(self.template_combo, self.doc.draft.template)

    def _update_head(self) -> None:
        if self.year_spin is not None:
            year = self.doc.draft.year
            if self.year_spin.value() != year:
                self.year_spin.blockSignals(True)
                # A hand-edited file may hold 1999: show it as it is (the checks flag it).
                self.year_spin.setRange(min(YEAR_MIN, year), max(YEAR_MAX, year))
                self.year_spin.setValue(year)
                self.year_spin.blockSignals(False)
        if self.template_combo is not None:
            select_template(self.template_combo, self.doc.draft.template)
        if self.template_note is not None:
            form = self.doc.form
            own = {f.id for f in form.fields()}
            kept = [key for key, value in self.doc.draft.texts.items()
                    if key not in own and value.strip()]
            text = ""
            if kept:
                text = (f"草稿中还有“{form.name}”不打印的内容（{'、'.join(kept)}），"
                        "换回有这些栏目的模板即可看到。")
            self.template_note.setText(text)
            self.template_note.setVisible(bool(text))

    # --- following the draft -----------------------------------------------------------------
    def refresh(self, location: str) -> None:
        if location == "year":
            self._update_head()
            return
        editor = self.editors.get(location)
        if editor is not None:
            editor.show()
            return
        for block in self.blocks:
            if block.refresh(location):
                return

    def refresh_all(self) -> None:
        self._update_head()
        for editor in self.editors.values():
            editor.show()
        for block in self.blocks:
            block.refresh_all()
        for table in self.tables:
            table.update_status()

    def has_location(self, location: str) -> bool:
        place = locations.parse(location)
        if place is None:
            return False
        if place.field in ("year", "template"):
            return self.year_spin is not None
        if place.field in self.editors:
            return True
        if any(place.field in b.editors or place.field == b.part.id for b in self.blocks):
            return True
        return any(place.part == t.part.id for t in self.tables)

    def focus_field(self, location: str) -> bool:
        """Focus the editor of *location*; False when this tab has none."""
        place = locations.parse(location)
        if place is None:
            return False
        if place.field == "year" and self.year_spin is not None:
            self.year_spin.setFocus()
            return True
        if place.field == "template" and self.template_combo is not None:
            self.template_combo.setFocus()
            return True
        editor = self.editors.get(place.field)
        if editor is not None:
            editor.focus.setFocus()
            return True
        for block in self.blocks:
            if place.field == block.part.id and block.editors:
                return block.focus_field(next(iter(block.editors)))
            if block.focus_field(place.field):
                return True
        return any(table.focus_field(location) for table in self.tables)
