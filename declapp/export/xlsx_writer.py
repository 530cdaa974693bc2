"""Excel (.xlsx) writer: renders the layout grid with openpyxl.

The sheet has the form's four columns at the official widths; the title and year
line sit in rows merged across them. Row heights, the cutting of long texts into
extra rows and the page breaks come from ``declapp.export.sheet_plan`` (Excel clips
a row at 409 pt and never grows a merged row to fit its text).

The sheet is written row by row in openpyxl's write-only mode, with the merges and
page breaks handed over in one piece: a form of 20,000 items or 10 million characters
is written in time and memory that grow with its size (the ordinary mode checks each
new merge against all earlier ones and keeps every cell object).
"""

from __future__ import annotations

import contextlib
import errno
import tempfile
from copy import copy
from pathlib import Path

from lxml import etree
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import Cell as XlCell
from openpyxl.styles import Alignment, Border, Font, Side
from openpyxl.utils import get_column_letter
from openpyxl.utils.indexed_list import IndexedList
from openpyxl.worksheet._write_only import WriteOnlyWorksheet
from openpyxl.worksheet.cell_range import CellRange, MultiCellRange
from openpyxl.worksheet.page import PageMargins
from openpyxl.worksheet.pagebreak import Break, RowBreak
from openpyxl.worksheet.worksheet import Worksheet

from declapp.export import ExportOptions
from declapp.export.embedding import add_to_workbook, page_cut_key, sheet_cuts
from declapp.export.sheet_plan import MAX_ROW_PT, SheetPlan, plan_sheet, sheet_paragraphs
from declapp.export.text_measure import PT_PER_MM, Measure, round_height
from declapp.layout import FormGrid, property_text
from declapp.storage.atomic import WriteError, atomic_write_zip

SHEET_TITLE = "绩效目标申报表"
MM_PER_INCH = 25.4
# Excel's column unit is the width of a digit of the workbook's standard font plus
# 5 px of padding, at 96 dpi. Arial 10 has 7 px digits in Excel, and LibreOffice finds
# the same metrics in Liberation Sans, so the columns come out 22/30/22/72.4 mm in both
# (Excel's Calibri is missing on Linux desktops: its stand-in made them 30 % wider and
# the printout shrank to 75 %).
PX_PER_MM = 96 / 25.4
DIGIT_PX = 7
COLUMN_PAD_PX = 5
WORKBOOK_FONT = ("Arial", 10)
# The table starts under the title, the year line and any lines above it (单位：万元).
# The page breaks are set by hand where the plan filled each page; a page is filled to
# a little less than its height so that no program's own pagination adds a break.
PAGE_FILL = 0.985

_THIN = Side(style="thin", color="000000")
_NONE = Side(style=None)
_BORDERS: dict[tuple[bool, bool], Border] = {
    (top, bottom): Border(left=_THIN, right=_THIN, top=_NONE if top else _THIN,
                          bottom=_NONE if bottom else _THIN)
    for top in (False, True) for bottom in (False, True)
}
# Labels centred, texts left; vertically as the plan says: centred, or for a text cut
# into pieces "justify" (lines spread over the row) then "top" for the last piece, so
# the text runs on without a gap where the rows meet.
_ALIGN = {(role, valign): Alignment(horizontal="center" if role == "label" else "left",
                                    vertical=valign, wrap_text=True)
          for role in ("label", "text") for valign in ("center", "top", "bottom", "justify")}
_TITLE = _ALIGN[("label", "center")]


def write(grid: FormGrid, target: Path, options: ExportOptions,
          payload: bytes | None = None) -> list[str]:
    """Write *grid* as an Excel workbook to *target* atomically, with *payload* (the
    draft) in a very hidden sheet when given; no warnings to report."""
    target = Path(target)
    workbook = Workbook(write_only=True)
    try:
        fill_workbook(workbook, grid, payload)
        atomic_write_zip(target, workbook.save)
    except (OSError, etree.SerialisationError) as exc:
        # openpyxl writes the sheet to a file in the temp folder first: that disk is full.
        _close_sheet_streams(workbook)
        raise WriteError(_temp_problem(exc, target), target) from None
    return []


def _temp_problem(exc: Exception, target: Path) -> str:
    text = f"{getattr(exc, 'errno', '')} {exc}"
    folder = tempfile.gettempdir()
    if "ENOSPC" in text or getattr(exc, "errno", None) == errno.ENOSPC:
        reason = "磁盘空间不足，请清理磁盘后再试"
    elif "EFBIG" in text or getattr(exc, "errno", None) == errno.EFBIG:
        reason = "文件太大，超出了磁盘或系统允许的大小"
    else:
        reason = "无法写入（" + (getattr(exc, "strerror", None) or str(exc)) + "）"
    return f"无法写入“{target.name}”：导出时使用的临时文件夹“{folder}”{reason}。"


def _close_sheet_streams(workbook: Workbook) -> None:
    """End the sheet's half-written stream and remove its temp file now: left to the
    garbage collector, the stream fails again and prints "Exception ignored"."""
    for sheet in workbook.worksheets:
        writer = getattr(sheet, "_writer", None)
        if writer is None:
            continue
        with contextlib.suppress(Exception):
            writer.close()
        with contextlib.suppress(Exception):
            writer.cleanup()


def column_width(mm: float) -> float:
    """Excel's column width (in digit widths) for a column *mm* millimetres wide."""
    return round((mm * PX_PER_MM - COLUMN_PAD_PX) / DIGIT_PX, 2)


def build_workbook(grid: FormGrid, payload: bytes | None = None) -> Workbook:
    """The workbook for *grid* (and *payload*, the draft, when given), ready to save."""
    workbook = Workbook(write_only=True)
    fill_workbook(workbook, grid, payload)
    return workbook


def fill_workbook(workbook: Workbook, grid: FormGrid, payload: bytes | None = None) -> None:
    """Write *grid* into an empty write-only *workbook* (its sheet's rows are written to
    a temp file as they come), then the very hidden sheet of ``embedding``."""
    _set_workbook_font(workbook)
    sheet = workbook.create_sheet(SHEET_TITLE)
    # What write-only mode writes at the first row must be set before it.
    for i, mm in enumerate(grid.columns_mm, start=1):
        sheet.column_dimensions[get_column_letter(i)].width = column_width(mm)
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    sheet.sheet_view.showGridLines = False
    heads = _heading_heights(grid)
    page_pt = grid.page.text_height_mm * PT_PER_MM * PAGE_FILL
    plan = plan_sheet(grid, heads, page_pt)
    first = len(heads) + 1
    merges = _write_headings(sheet, grid, heads)
    merges += _write_table(sheet, grid, plan, first)
    sheet.merged_cells = MultiCellRange(merges)
    last_row = first + len(plan.heights) - 1
    _print_setup(sheet, grid, last_row)
    if plan.title_rows is not None:
        # The indicators' header atop each page they run on to, as Word prints it.
        sheet.print_title_rows = f"{first + plan.title_rows.start}:" \
                                 f"{first + plan.title_rows.stop - 1}"
    # A break's id is the last row above it, counted from 1.
    sheet.row_breaks = RowBreak(brk=[Break(id=first - 1 + row) for row in plan.breaks])
    props = workbook.properties
    props.title = property_text(grid.doc_title)
    props.subject = property_text(grid.doc_subject)
    props.creator = property_text(grid.doc_author)
    props.lastModifiedBy = "declapp"
    continued = [page_cut_key(first + p.first_row, p.cell.col + 1)
                 for p in plan.pieces if p.after_page_end]
    add_to_workbook(workbook, payload, sheet_cuts(plan.pieces) + continued)


def _set_workbook_font(workbook: Workbook) -> None:
    """Make the workbook's standard font the one column widths are measured in."""
    font = Font(name=WORKBOOK_FONT[0], size=WORKBOOK_FONT[1])
    workbook._fonts = IndexedList([font])
    workbook._named_styles["Normal"].font = font


def _set_text(cell: XlCell, text: str) -> None:
    cell.value = text if text else None
    if text:
        # openpyxl stores a string starting with "=" as a formula; a text that starts
        # with = + - @ is what the clerk typed and stays text.
        cell.data_type = "s"


def _headings(grid: FormGrid) -> list[tuple[str, Font, float, Alignment]]:
    """The title, the year line and the lines above the table: text, font, size and how
    it is aligned."""
    t = grid.type
    found = [(grid.title, Font(name=t.title_fonts[0], size=t.title_pt, bold=True), t.title_pt,
              _TITLE)]
    if grid.year_line:
        found.append((grid.year_line, Font(name=t.year_fonts[0], size=t.year_pt), t.year_pt,
                      _TITLE))
    for text, align in grid.lines_above:
        found.append((text, Font(name=t.body_fonts[0], size=t.body_pt), t.body_pt,
                      Alignment(horizontal=align, vertical="center", wrap_text=True)))
    return found


def _heading_heights(grid: FormGrid) -> tuple[float, ...]:
    width_pt = sum(grid.columns_mm) * PT_PER_MM
    return tuple(min(MAX_ROW_PT, round_height(
        Measure(width_pt, size).height(sheet_paragraphs((text,))) + 2))
        for text, _font, size, _align in _headings(grid))


def _write_headings(sheet: WriteOnlyWorksheet, grid: FormGrid,
                    heights: tuple[float, ...]) -> list[CellRange]:
    merges = []
    for row, ((text, font, _size, align), height) in enumerate(
            zip(_headings(grid), heights, strict=True), start=1):
        cell = WriteOnlyCell(sheet)
        _set_text(cell, "\n".join(sheet_paragraphs((text,))))
        cell.font = font
        cell.alignment = align
        sheet.row_dimensions[row].height = height
        sheet.append([cell])
        merges.append(CellRange(min_col=1, min_row=row, max_col=grid.n_cols, max_row=row))
    return merges


class _Styles:
    """Cells of the table styled by copying a finished style: setting font, alignment
    and border on each of 100,000 cells hashes the style objects every time."""

    def __init__(self, sheet: WriteOnlyWorksheet, font: Font) -> None:
        self.sheet = sheet
        self.font = font
        self._made: dict[tuple[int, int], XlCell] = {}

    def cell(self, text: str | None, alignment: Alignment | None, border: Border) -> XlCell:
        key = (id(alignment), id(border))
        model = self._made.get(key)
        if model is None:
            model = WriteOnlyCell(self.sheet)
            model.border = border
            if alignment is not None:
                model.font = self.font
                model.alignment = alignment
            self._made[key] = model
        cell = WriteOnlyCell(self.sheet)
        cell._style = copy(model._style)
        if text:
            _set_text(cell, text)
        return cell


_Slot = tuple[str | None, Alignment | None, Border]


def _write_table(sheet: WriteOnlyWorksheet, grid: FormGrid, plan: SheetPlan,
                 first: int) -> list[CellRange]:
    """The table's rows, one after another from sheet row *first*; the merged ranges."""
    body = Font(name=grid.type.body_fonts[0], size=grid.type.body_pt)
    styles = _Styles(sheet, body)
    # Per sheet row, per column: (text, alignment, border), filled from the pieces.
    slots: list[list[_Slot | None]] = [[None] * grid.n_cols for _ in plan.heights]
    merges: list[CellRange] = []
    for piece in plan.pieces:
        cell_def = piece.cell
        left, right = cell_def.col, cell_def.last_col
        align = _ALIGN[("label" if cell_def.role == "label" else "text", piece.valign)]
        # Every cell of a merged range carries the border, or Excel leaves gaps in the rule.
        for r in range(piece.first_row, piece.last_row + 1):
            open_top = piece.open_top and r == piece.first_row
            open_bottom = piece.open_bottom and r == piece.last_row
            border = _BORDERS[(open_top or r > piece.first_row,
                               open_bottom or r < piece.last_row)]
            row = slots[r]
            for c in range(left, right + 1):
                row[c] = (None, None, border)
        top_border = _BORDERS[(piece.open_top, piece.open_bottom or
                               piece.last_row > piece.first_row)]
        slots[piece.first_row][left] = (piece.text, align, top_border)
        if piece.last_row > piece.first_row or right > left:
            merges.append(CellRange(min_col=left + 1, min_row=first + piece.first_row,
                                    max_col=right + 1, max_row=first + piece.last_row))
    for i, height in enumerate(plan.heights):
        sheet.row_dimensions[first + i].height = height
        sheet.append([None if slot is None else styles.cell(*slot) for slot in slots[i]])
        slots[i] = []  # written: let it go
    return merges


_FOOTER_CODES = {"page": "&P", "pages": "&N"}


def footer_code(grid: FormGrid) -> str:
    """The grid's footer as Excel's footer code: ``第 &P 页 共 &N 页``."""
    return "".join(_FOOTER_CODES[kind] if kind in _FOOTER_CODES else text.replace("&", "&&")
                   for kind, text in grid.footer_pieces())


def _print_setup(sheet: Worksheet, grid: FormGrid, last_row: int) -> None:
    page = grid.page
    sheet.page_setup.paperSize = Worksheet.PAPERSIZE_A4
    sheet.page_setup.orientation = Worksheet.ORIENTATION_LANDSCAPE \
        if page.width_mm > page.height_mm else Worksheet.ORIENTATION_PORTRAIT
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0
    sheet.print_options.horizontalCentered = True
    sheet.page_margins = PageMargins(
        left=page.left_mm / MM_PER_INCH, right=page.right_mm / MM_PER_INCH,
        top=page.top_mm / MM_PER_INCH, bottom=page.bottom_mm / MM_PER_INCH,
        header=12 / MM_PER_INCH, footer=12 / MM_PER_INCH)
    footer = sheet.oddFooter.center
    footer.text = footer_code(grid)
    footer.size = grid.type.footer_pt
    footer.font = grid.type.body_fonts[0]
    sheet.print_area = f"A1:{get_column_letter(grid.n_cols)}{last_row}"
