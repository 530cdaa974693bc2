"""An amounts block of the form (资金情况) as the template lays it out: a row per amount,
a column per stored year, computed shares, and under each section whether its 合计 is the
sum of the rows, live, with a button that makes it so."""

from __future__ import annotations

from decimal import Decimal

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QGridLayout, QGroupBox, QLabel, QPushButton, QWidget

from declapp.form.definition import AmountSection, AmountsPart, FieldDef, amount_id, year_label
from declapp.form.money import exact_difference, exact_sum, format_amount
from declapp.gui.document.document import Document
from declapp.gui.tabs.field_editors import FieldEditor
from declapp.layout import share_text

OK_STYLE = "color: #1b6e20;"
BAD_STYLE = "color: #c62828; font-weight: bold;"


class AmountsBlock(QGroupBox):
    noteRequested = Signal(str)

    def __init__(self, doc: Document, part: AmountsPart, parent: QWidget | None = None) -> None:
        super().__init__(part.label, parent)
        self.doc = doc
        self.part = part
        self.editors: dict[str, FieldEditor] = {}
        self.shares: dict[str, QLabel] = {}
        self.sums: list[tuple[AmountSection, str, QLabel, QPushButton]] = []
        grid = QGridLayout(self)
        grid.setHorizontalSpacing(12)
        grid.setVerticalSpacing(8)
        row = 0
        headed = len(part.columns) > 1
        if headed:
            for c, column in enumerate(part.columns, start=1):
                title = QLabel(year_label(column.label, doc.draft.year), self)
                title.setStyleSheet("font-weight: bold;")
                grid.addWidget(title, row, c)
            row += 1
        for section in part.sections:
            if section.heading:
                heading = QLabel(section.heading, self)
                heading.setStyleSheet("font-weight: bold;")
                grid.addWidget(heading, row, 0)
                row += 1
            for field in section.rows:
                grid.addWidget(QLabel(field.label.rstrip("：:"), self), row, 0)
                for c, column in enumerate(part.columns, start=1):
                    if column.computed:
                        label = QLabel(self)
                        label.setAlignment(Qt.AlignmentFlag.AlignRight |
                                           Qt.AlignmentFlag.AlignVCenter)
                        self.shares[field.id] = label
                        grid.addWidget(label, row, c)
                        continue
                    key = amount_id(field.id, column.key)
                    editor = FieldEditor(doc, _column_field(field, key), self)
                    editor.noteRequested.connect(self.noteRequested)
                    self.editors[key] = editor
                    grid.addWidget(editor.widget, row, c)
                row += 1
            for column in (c for c in part.columns if c.stored):
                if section.total is None or not section.parts:
                    continue
                status = QLabel(self)
                status.setWordWrap(True)
                button = QPushButton("设为各项之和", self)
                button.setToolTip(f"把“{section.total.label}”改为上面各项之和（可撤销）")
                button.clicked.connect(
                    lambda _=False, s=section, k=column.key: self.set_total_to_sum(s, k))
                grid.addWidget(status, row, 0, 1, max(1, len(part.columns)))
                grid.addWidget(button, row, len(part.columns) + 1)
                self.sums.append((section, column.key, status, button))
                row += 1
        self.agree = QLabel(self)
        self.agree.setWordWrap(True)
        grid.addWidget(self.agree, row, 0, 1, len(part.columns) + 2)
        self.agree.setVisible(bool(part.agree))
        grid.setColumnStretch(len(part.columns) + 2, 1)
        self.refresh_all()

    # --- sums ------------------------------------------------------------------------------
    def section_sum(self, section: AmountSection, column: str) -> Decimal:
        return exact_sum(self.doc.draft.amount(amount_id(r.id, column)) for r in section.parts)

    def set_total_to_sum(self, section: AmountSection, column: str = "") -> None:
        assert section.total is not None
        self.doc.edit_field(amount_id(section.total.id, column), self.section_sum(section, column))

    def is_balanced(self) -> bool:
        return all(bool(label.property("balanced")) for _s, _c, label, _b in self.sums)

    def _update_sums(self) -> None:
        draft = self.doc.draft
        for section, column, label, button in self.sums:
            assert section.total is not None
            total = draft.amount(amount_id(section.total.id, column))
            parts = self.section_sum(section, column)
            names = "＋".join(r.label.rstrip("：:") for r in section.parts)
            name = f"{section.heading}{section.total.label.rstrip('：:')}"
            if column:
                label_of = next(c.label for c in self.part.columns if c.key == column)
                name += f"（{year_label(label_of, draft.year)}）"
            if total == parts:
                label.setText(f"✔ {name} {format_amount(total)} 万元，等于{names}之和。")
                label.setStyleSheet(OK_STYLE)
            else:
                label.setText(f"✘ {name} {format_amount(total)} 万元 ≠ {names} = "
                              f"{format_amount(parts)} 万元（相差 "
                              f"{format_amount(exact_difference(total, parts))} 万元）")
                label.setStyleSheet(BAD_STYLE)
            label.setProperty("balanced", total == parts)
            button.setEnabled(total != parts)
        problems = []
        for first, second in self.part.agree:
            a, b = draft.amount(first), draft.amount(second)
            if a != b:
                problems.append(f"✘ {format_amount(a)} 与 {format_amount(b)} 两个合计应当相等"
                                f"（相差 {format_amount(exact_difference(a, b))} 万元）")
        self.agree.setText("\n".join(problems) or "✔ 收支两个合计相等。")
        self.agree.setStyleSheet(BAD_STYLE if problems else OK_STYLE)
        for section in self.part.sections:
            base = draft.amount(section.total.id) if section.total else Decimal(0)
            for field in section.rows:
                if field.id in self.shares:
                    self.shares[field.id].setText(share_text(draft.amount(field.id), base))

    # --- following the draft -----------------------------------------------------------------
    def refresh(self, location: str) -> bool:
        """Show a changed amount; False when it is not in this block."""
        editor = self.editors.get(location)
        if editor is None:
            return False
        editor.show()
        self._update_sums()
        return True

    def refresh_all(self) -> None:
        for editor in self.editors.values():
            editor.show()
        self._update_sums()

    def focus_field(self, location: str) -> bool:
        editor = self.editors.get(location)
        if editor is None:
            return False
        editor.focus.setFocus()
        if hasattr(editor.focus, "selectAll"):
            editor.focus.selectAll()
        return True


def _column_field(row: FieldDef, key: str) -> FieldDef:
    return FieldDef(id=key, label=row.label, type="amount")
