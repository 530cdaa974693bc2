"""Excel (.xlsx) writer: renders the layout grid with openpyxl.

The sheet has the form's four columns at the official widths; the title and year
line sit in rows merged across them. Row heights, the cutting of long texts into
extra rows and the page breaks come from ``declapp.export.sheet_plan`` (Excel clips
a row at 409 pt and never grows a merged row to fit its text).
"""

from __future__ import annotations

from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, Side
from openpyxl.utils import get_column_letter
from openpyxl.utils.indexed_list import IndexedList
from openpyxl.worksheet.page import PageMargins
from openpyxl.worksheet.pagebreak import Break

from declapp.atomic import atomic_write_zip
from declapp.export import ExportOptions
from declapp.export.sheet_plan import (
    MAX_ROW_PT,
    PT_PER_MM,
    Measure,
    Piece,
    plan_sheet,
    round_height,
    sheet_paragraphs,
)
from declapp.layout import FormGrid, property_text

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
FIRST_TABLE_ROW = 3  # rows 1 and 2 hold the title and the year line
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


def write(grid: FormGrid, target: Path, options: ExportOptions) -> list[str]:
    """Write *grid* as an Excel workbook to *target* atomically; no warnings to report."""
    workbook = build_workbook(grid)
    atomic_write_zip(Path(target), workbook.save)
    return []


def column_width(mm: float) -> float:
    """Excel's column width (in digit widths) for a column *mm* millimetres wide."""
    return round((mm * PX_PER_MM - COLUMN_PAD_PX) / DIGIT_PX, 2)


def build_workbook(grid: FormGrid) -> Workbook:
    workbook = Workbook()
    _set_workbook_font(workbook)
    sheet = workbook.active
    sheet.title = SHEET_TITLE
    for i, mm in enumerate(grid.columns_mm, start=1):
        sheet.column_dimensions[get_column_letter(i)].width = column_width(mm)
    heads = _headings(sheet, grid)
    page_pt = grid.page.text_height_mm * PT_PER_MM * PAGE_FILL
    plan = plan_sheet(grid, heads, page_pt)
    body = Font(name=grid.type.body_fonts[0], size=grid.type.body_pt)
    for piece in plan.pieces:
        _place(sheet, piece, body)
    for i, height in enumerate(plan.heights):
        sheet.row_dimensions[FIRST_TABLE_ROW + i].height = height
    last_row = FIRST_TABLE_ROW + len(plan.heights) - 1
    _print_setup(sheet, grid, last_row)
    for row in plan.breaks:
        # A break's id is the last row above it, counted from 1.
        sheet.row_breaks.append(Break(id=FIRST_TABLE_ROW - 1 + row))
    props = workbook.properties
    props.title = property_text(grid.doc_title)
    props.subject = property_text(grid.doc_subject)
    props.creator = property_text(grid.doc_author)
    props.lastModifiedBy = "declapp"
    return workbook


def _set_workbook_font(workbook: Workbook) -> None:
    """Make the workbook's standard font the one column widths are measured in."""
    font = Font(name=WORKBOOK_FONT[0], size=WORKBOOK_FONT[1])
    workbook._fonts = IndexedList([font])
    workbook._named_styles["Normal"].font = font


def _set_text(cell, text: str) -> None:
    cell.value = text if text else None
    if text:
        # openpyxl stores a string starting with "=" as a formula; a text that starts
        # with = + - @ is what the clerk typed and stays text.
        cell.data_type = "s"


def _headings(sheet, grid: FormGrid) -> tuple[float, ...]:
    last_col = get_column_letter(grid.n_cols)
    width_pt = sum(grid.columns_mm) * PT_PER_MM
    for row, text, font_name, size, bold in (
        (1, grid.title, grid.type.title_fonts[0], grid.type.title_pt, True),
        (2, grid.year_line, grid.type.year_fonts[0], grid.type.year_pt, False),
    ):
        paragraphs = sheet_paragraphs((text,))
        cell = sheet.cell(row=row, column=1)
        _set_text(cell, "\n".join(paragraphs))
        cell.font = Font(name=font_name, size=size, bold=bold)
        cell.alignment = _TITLE
        sheet.merge_cells(f"A{row}:{last_col}{row}")
        height = Measure(width_pt, size).height(paragraphs)
        sheet.row_dimensions[row].height = min(MAX_ROW_PT, round_height(height + 2))
    return tuple(sheet.row_dimensions[r].height for r in range(1, FIRST_TABLE_ROW))


def _place(sheet, piece: Piece, font: Font) -> None:
    cell_def = piece.cell
    top = FIRST_TABLE_ROW + piece.first_row
    bottom = FIRST_TABLE_ROW + piece.last_row
    left, right = cell_def.col + 1, cell_def.last_col + 1
    anchor = sheet.cell(row=top, column=left)
    _set_text(anchor, piece.text)
    anchor.font = font
    anchor.alignment = _ALIGN[("label" if cell_def.role == "label" else "text", piece.valign)]
    if bottom > top or right > left:
        sheet.merge_cells(start_row=top, start_column=left, end_row=bottom, end_column=right)
    # Every cell of a merged range carries the border, or Excel leaves gaps in the rule.
    for r in range(top, bottom + 1):
        open_top = piece.open_top and r == top
        open_bottom = piece.open_bottom and r == bottom
        border = _BORDERS[(open_top or r > top, open_bottom or r < bottom)]
        for c in range(left, right + 1):
            sheet.cell(row=r, column=c).border = border


_FOOTER_CODES = {"page": "&P", "pages": "&N"}


def footer_code(grid: FormGrid) -> str:
    """The grid's footer as Excel's footer code: ``第 &P 页 共 &N 页``."""
    return "".join(_FOOTER_CODES[kind] if kind in _FOOTER_CODES else text.replace("&", "&&")
                   for kind, text in grid.footer_pieces())


def _print_setup(sheet, grid: FormGrid, last_row: int) -> None:
    page = grid.page
    sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
    sheet.page_setup.orientation = sheet.ORIENTATION_PORTRAIT
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
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
    sheet.sheet_view.showGridLines = False
