"""An Excel (.xlsx) sheet as a ``SourceGrid``: merged ranges resolved, pieces joined.

The sheet holding the form is the first visible one with a label of the form on it.
Positions are column numbers. Our own export cuts a long text into pieces on several
sheet rows, drawn with no rule between them; a cell with no rule above it, under a cell
with no rule below it and as wide, is read as the same cell (that is also what the
clerk sees). Where our export cut a paragraph (not between paragraphs), its data sheet
notes it, and the pieces join without a line break; where a page end cut a cell (ruled
there, as on paper), the data sheet notes that too, and a label printed again there
(``产出指标（续）``) is the same label, not more text.

The grid is the sheet's filled area: merged ranges are clamped to it (a merge of
``A1:XFD1048576`` covers the form, not 17 billion cells), at most ``MAX_GRID_COLUMNS``
wide and ``MAX_CELLS`` in all.
"""

from __future__ import annotations

import datetime as dt
import zipfile
from dataclasses import dataclass
from decimal import Decimal

from declapp.export.embedding import cut_key, page_cut_key
from declapp.form.text import CONTINUED_MARK, clean_text
from declapp.importing.embedded_draft import Payload, xlsx_sheet_data
from declapp.importing.grid import Slot, SourceCell, SourceGrid, label_key
from declapp.importing.labels import match_label
from declapp.importing.xlsx_package import Sheet, Workbook
from declapp.storage.embedded import DATA_SHEET

MAX_CELLS = 200_000  # a form has a few thousand; a sheet formatted to the end is not read
MAX_GRID_COLUMNS = 64  # the forms have 4
MAX_ROWS_PAST_TEXT = 64  # a merged range may reach this far below the last filled row
_LABEL_CELLS = 5000  # the first cells looked at for a label of the form
MAX_SHEETS = 20  # sheets searched for the form's labels


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


def read_xlsx(package: zipfile.ZipFile, file: str) -> tuple[SourceGrid, Payload]:
    """The grid of the form's sheet and the embedded draft of our data sheet."""
    workbook = Workbook(package, file)
    payload: Payload = None
    cuts: set[str] = set()
    data = next((e for e in workbook.sheets if e.name == DATA_SHEET), None)
    if data is not None:
        payload, cuts = xlsx_sheet_data(
            (row[0], row[1]) for row in workbook.rows(data))
    return read_xlsx_grid(form_sheet(workbook), cuts), payload


def form_sheet(workbook: Workbook) -> Sheet | None:
    """The first visible worksheet with a label of the form; else the first visible one."""
    visible = [e for e in workbook.sheets if e.state == "visible" and e.name != DATA_SHEET]
    first: Sheet | None = None
    for n, entry in enumerate(visible[:MAX_SHEETS]):
        sheet = workbook.sheet(entry)
        if n == 0:
            first = sheet
        for key in sheet.order[:_LABEL_CELLS]:
            value = sheet.values[key]
            if isinstance(value, str) and match_label(value):
                return sheet
    return first



def _extent(sheet: Sheet) -> tuple[int, int, int, int] | None:
    """(top, left, bottom, right) of the form on the sheet: its filled cells, and merged
    ranges that start among them, clamped."""
    if not sheet.values and not sheet.merges:
        return None
    spots = list(sheet.values) or [(r1, c1) for r1, c1, _r2, _c2 in sheet.merges]
    top, bottom = min(r for r, _ in spots), max(r for r, _ in spots)
    left, right = min(c for _, c in spots), max(c for _, c in spots)
    for r1, c1, r2, c2 in sheet.merges:
        if top <= r1 <= bottom and left <= c1 <= right:
            bottom = max(bottom, min(r2, bottom + MAX_ROWS_PAST_TEXT))
            right = max(right, c2)
    right = min(right, left + MAX_GRID_COLUMNS - 1)
    if (bottom - top + 1) * (right - left + 1) > MAX_CELLS:
        bottom = top + MAX_CELLS // (right - left + 1) - 1
    return top, left, bottom, right


def read_xlsx_grid(sheet: Sheet | None, cuts: set[str]) -> SourceGrid:
    grid = SourceGrid()
    if sheet is None:
        return grid
    extent = _extent(sheet)
    if extent is None:
        return grid
    top, left, bottom, right = extent
    owner: dict[tuple[int, int], _Box] = {}
    for r1, c1, r2, c2 in sheet.merges:
        r1, c1, r2, c2 = max(r1, top), max(c1, left), min(r2, bottom), min(c2, right)
        if r1 > r2 or c1 > c2:
            continue  # wholly outside the form
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


def _box(sheet: Sheet, r1: int, c1: int, r2: int, c2: int) -> _Box:
    top_style = sheet.styles.get((r1, c1), 0)
    low_style = sheet.styles.get((r2, c1), 0)
    return _Box(r1, c1, r2, c2, cell_text(sheet.values.get((r1, c1))),
                top_rule=sheet.rules(top_style)[0], bottom_rule=sheet.rules(low_style)[1])


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
