"""Our own PDF as a ``SourceGrid``, from the text drawn on its pages.

The PDF writer marks each paragraph of a table cell with its grid cell (row, column,
spans) and paragraph number (``/declapp <</R … /C … /RS … /CS … /P …>> BDC``). Here the
text of every marked text object is read back with pypdfium2 and put together again:
fragments of one line in reading order, lines of one paragraph run on, paragraphs in
their order. Text above the table on page 1 (title, year line) is read too; the footer
is not. A PDF without these marks was not made by declapp and is not read.
"""

from __future__ import annotations

import ctypes
from collections.abc import Callable
from dataclasses import dataclass, field

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c

from declapp.form.text import clean_text
from declapp.importing.grid import Slot, SourceCell, SourceGrid
from declapp.storage.embedded import MARK_TAG

LINE_TOLERANCE = 1.0  # points: fragments whose baselines are this close share a line

# A piece of text on a page: (page number, minus its baseline height, left edge, text), so
# that sorting puts fragments in reading order.
Fragment = tuple[int, float, float, str]


@dataclass
class _Cell:
    row: int
    col: int
    rowspan: int
    colspan: int
    paragraphs: dict[int, list[Fragment]] = field(default_factory=dict)


def _utf16(fn: Callable[..., int], *args: object) -> str:
    size = fn(*args, None, 0)
    if not size or size <= 2:
        return ""
    buf = (ctypes.c_ushort * (size // 2 + 1))()
    fn(*args, buf, size)
    return ctypes.string_at(buf, size).decode("utf-16-le", "replace").rstrip("\x00")


def _mark(obj: pdfium_c.FPDF_PAGEOBJECT) -> dict[str, int] | None:
    for i in range(pdfium_c.FPDFPageObj_CountMarks(obj)):
        mark = pdfium_c.FPDFPageObj_GetMark(obj, i)
        size = ctypes.c_ulong()
        buf = (ctypes.c_ushort * 32)()
        pdfium_c.FPDFPageObjMark_GetName(mark, buf, ctypes.sizeof(buf), ctypes.byref(size))
        name = ctypes.string_at(buf, size.value).decode("utf-16-le", "replace").rstrip("\x00")
        if name != MARK_TAG:
            continue
        values: dict[str, int] = {}
        number = ctypes.c_int()
        for key in ("R", "C", "RS", "CS", "P"):
            if not pdfium_c.FPDFPageObjMark_GetParamIntValue(mark, key.encode(),
                                                             ctypes.byref(number)):
                return None
            values[key] = number.value
        return values
    return None


def read_pdf_grid(pdf: pdfium.PdfDocument) -> SourceGrid | None:
    """The grid of a PDF declapp drew; None when no text on it carries our marks."""
    cells: dict[tuple[int, int], _Cell] = {}
    heading: list[tuple[float, float, str]] = []
    for number in range(len(pdf)):
        page = pdf[number]
        textpage = page.get_textpage()
        table_top = None
        for obj in page.get_objects(filter=(pdfium_c.FPDF_PAGEOBJ_TEXT,), max_depth=1):
            text = _utf16(pdfium_c.FPDFTextObj_GetText, obj.raw, textpage.raw)
            if not text:
                continue
            # The text origin (not the ink box: a comma's ink starts late) orders fragments.
            origin = obj.get_matrix()
            left, middle = origin.e, origin.f
            mark = _mark(obj.raw)
            if mark is None:
                if number == 0:
                    heading.append((middle, left, text))
                continue
            table_top = middle if table_top is None else max(table_top, middle)
            key = (mark["R"], mark["C"])
            cell = cells.setdefault(key, _Cell(mark["R"], mark["C"], mark["RS"], mark["CS"]))
            cell.paragraphs.setdefault(mark["P"], []).append((number, -middle, left, text))
        if number == 0:
            limit = table_top if table_top is not None else float("-inf")
            heading = [h for h in heading if h[0] > limit + LINE_TOLERANCE]
    if not cells:
        return None
    grid = SourceGrid(before=[_join_line(line) for line in _lines(
        [(0, -m, x, t) for m, x, t in heading])])
    _fill(grid, cells)
    return grid


def _lines(fragments: list[Fragment]) -> list[list[Fragment]]:
    """Fragments grouped into lines: by page, then top to bottom, then left to right."""
    lines: list[list[Fragment]] = []
    for frag in sorted(fragments):
        if lines and lines[-1][0][0] == frag[0] and abs(lines[-1][0][1] - frag[1]) <= \
                LINE_TOLERANCE:
            lines[-1].append(frag)
        else:
            lines.append([frag])
    return lines


def _join_line(line: list[Fragment]) -> str:
    return "".join(f[3] for f in sorted(line, key=lambda f: f[2]))


def _fill(grid: SourceGrid, cells: dict[tuple[int, int], _Cell]) -> None:
    n_rows = max(c.row + c.rowspan for c in cells.values())
    n_cols = max(c.col + c.colspan for c in cells.values())
    owner: dict[tuple[int, int], tuple[_Cell, SourceCell]] = {}
    for cell in cells.values():
        text = "\n".join(clean_text("".join(_join_line(line) for line in _lines(frags)))
                         for _p, frags in sorted(cell.paragraphs.items()))
        source = SourceCell(text)
        for r in range(cell.row, cell.row + cell.rowspan):
            for c in range(cell.col, cell.col + cell.colspan):
                owner[r, c] = (cell, source)
    for r in range(n_rows):
        row: list[Slot] = []
        c = 0
        while c < n_cols:
            found = owner.get((r, c))
            if found is None:  # an empty cell draws no text, so carries no mark
                row.append(Slot(SourceCell(), c, c + 1))
                c += 1
                continue
            cell, source = found
            row.append(Slot(source, cell.col, cell.col + cell.colspan, first=cell.row == r))
            c = cell.col + cell.colspan
        grid.rows.append(row)
