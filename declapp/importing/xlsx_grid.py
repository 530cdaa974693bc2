"""An Excel (.xlsx) sheet as a ``SourceGrid``: merged ranges resolved, pieces joined.

The sheet holding the form is the first visible one with a label of the form on it.
Positions are column numbers. Our own export cuts a long text into pieces on several
sheet rows, drawn with no rule between them; a cell with no rule above it, under a cell
with no rule below it and as wide, is read as the same cell (that is also what the
clerk sees). Where our export cut a paragraph (not between paragraphs), its data sheet
notes it, and the pieces join without a line break; where a page end cut a cell (ruled
there, as on paper), the data sheet notes that too, and a label printed again there
(``产出指标（续）``) is the same label, not more text.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from typing import TYPE_CHECKING

from declapp.export.embedding import DATA_SHEET, cut_key, page_cut_key
from declapp.form.text import clean_text
from declapp.importing.grid import Slot, SourceCell, SourceGrid, label_key
from declapp.importing.labels import match_label
from declapp.layout import CONTINUED_MARK

if TYPE_CHECKING:  # openpyxl is loaded only when an Excel file is read
    from openpyxl.workbook.workbook import Workbook
    from openpyxl.worksheet.worksheet import Worksheet

MAX_CELLS = 200_000  # a form has a few thousand; a sheet formatted to the end is not read


@dataclass(eq=False)
class _Box:
    """A sheet cell or merged range."""

    r1: int
    c1: int
    r2: int
    c2: int
    text: str
    top_rule: bool
    bottom_rule: bool


def cell_text(value: object) -> str:
    """A cell value as the text the form shows; numbers without a float's noise."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, float):
        amount = Decimal(repr(value))
        if amount.as_tuple().exponent < -6:  # type: ignore[operator]
            amount = amount.quantize(Decimal("0.000001")).normalize()
        return format(amount, "f")
    if isinstance(value, dt.datetime | dt.date):
        return value.strftime("%Y年%m月%d日")
    return clean_text(str(value))


def form_sheet(workbook: Workbook) -> Worksheet | None:
    """The first visible worksheet with a label of the form; else the first visible one."""
    visible = [ws for ws in workbook.worksheets
               if ws.sheet_state == "visible" and ws.title != DATA_SHEET]
    for sheet in visible:
        for cell in list(sheet._cells.values())[:5000]:
            if isinstance(cell.value, str) and match_label(cell.value):
                return sheet
    return visible[0] if visible else None


def read_xlsx_grid(sheet: Worksheet | None, cuts: set[str]) -> SourceGrid:
    grid = SourceGrid()
    if sheet is None:
        return grid
    cells = {k: c for k, c in sheet._cells.items() if c.value is not None}
    merges = [(m.min_row, m.min_col, m.max_row, m.max_col) for m in sheet.merged_cells.ranges]
    spots = list(cells) + [(r1, c1) for r1, c1, _r2, _c2 in merges]
    spots += [(r2, c2) for _r1, _c1, r2, c2 in merges]
    if not spots:
        return grid
    top, bottom = min(r for r, _ in spots), max(r for r, _ in spots)
    left, right = min(c for _, c in spots), max(c for _, c in spots)
    if (bottom - top + 1) * (right - left + 1) > MAX_CELLS:
        bottom = top + MAX_CELLS // (right - left + 1)
    owner: dict[tuple[int, int], _Box] = {}
    for r1, c1, r2, c2 in merges:
        box = _box(sheet, r1, c1, r2, c2)
        for r in range(r1, r2 + 1):
            for c in range(c1, c2 + 1):
                owner[r, c] = box
    rows: list[list[_Box]] = []
    for r in range(top, bottom + 1):
        row: list[_Box] = []
        for c in range(left, right + 1):
            box = owner.get((r, c)) or _box(sheet, r, c, r, c)
            if not row or row[-1] is not box:
                row.append(box)
        rows.append(row)
    _join_pieces(grid, rows, top, cuts, _ruled(rows))
    return grid


def printed_again(label: str, text: str) -> bool:
    """Is *text* the label *label* printed again after a page end?"""
    return bool(label) and label_key(text) == label_key(label) + CONTINUED_MARK


def _box(sheet: Worksheet, r1: int, c1: int, r2: int, c2: int) -> _Box:
    anchor = sheet.cell(row=r1, column=c1)
    low = sheet.cell(row=r2, column=c1) if r2 != r1 else anchor
    return _Box(r1, c1, r2, c2, cell_text(anchor.value),
                top_rule=anchor.border.top.style is not None,
                bottom_rule=low.border.bottom.style is not None)


def _ruled(rows: list[list[_Box]]) -> bool:
    """Does the sheet draw cell rules at all? (An unruled sheet shows no cell edges.)"""
    texts = [b for row in rows for b in row if b.text]
    return sum(b.top_rule or b.bottom_rule for b in texts) * 2 > len(texts)


def _join_pieces(grid: SourceGrid, rows: list[list[_Box]], top: int, cuts: set[str],
                 ruled: bool) -> None:
    cell_of: dict[int, SourceCell] = {}
    first_row: dict[int, int] = {}
    below: dict[tuple[int, int], _Box] = {}  # (first column, last column) → box ending above
    for r, row in enumerate(rows, start=top):
        slots: list[Slot] = []
        for box in row:
            if id(box) not in cell_of:
                upper = below.get((box.c1, box.c2))
                if (ruled and upper is not None and upper.r2 == box.r1 - 1
                        and ((not upper.bottom_rule and not box.top_rule)
                             or page_cut_key(box.r1, box.c1) in cuts)):
                    cell = cell_of[id(upper)]
                    joint = "" if cut_key(upper.text, box.text) in cuts else "\n"
                    if box.text and not printed_again(cell.text, box.text):
                        cell.text = f"{cell.text}{joint}{box.text}" if cell.text else box.text
                    cell_of[id(box)], first_row[id(box)] = cell, first_row[id(upper)]
                else:
                    cell_of[id(box)], first_row[id(box)] = SourceCell(box.text), r
            slots.append(Slot(cell_of[id(box)], box.c1, box.c2 + 1,
                              first=first_row[id(box)] == r))
            if box.r2 == r:
                below[box.c1, box.c2] = box
        grid.rows.append(slots)
