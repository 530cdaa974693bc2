"""Read an export the way a clerk sees it: printed by LibreOffice, text taken off the page.

Reading a file back with the library that wrote it proves little (openpyxl says a
clipped row is fine), so these helpers convert the file to PDF with LibreOffice and
rebuild each table column's text from the characters on the pages.

A character belongs to the cell whose left rule is the nearest cell rule to its left at
its height: rules and characters are read from the PDF's own vector drawing and text
(pypdfium2), so any correct layout reads the same, whatever font or line breaks the
machine's LibreOffice chose. (An earlier version looked for rules in a 72 dpi raster: a
hairline that fell between two pixels printed too light to be seen, and a label wrapped
on the line of the text beside it read as one word.) A cell that spans columns, like
the goals text over B–D, counts in the column it starts in, as the grid says.
"""

from __future__ import annotations

import ctypes
import itertools
import re
import shutil
import subprocess
from dataclasses import dataclass, field
from pathlib import Path

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c
import pytest

from declapp.layout import CONTINUED_MARK, Cell, FormGrid

TOOLS = ("soffice",)
PT_PER_MM = 72 / 25.4
_FOOTER_CHARS = set("第页共0123456789")
_RULE_THICKNESS = 3.0  # a cell border, stroke width included, in points
_SAME_RULE = 4.0  # rules this close (points) are the same column boundary


def tools_missing() -> list[str]:
    return [tool for tool in TOOLS if shutil.which(tool) is None]


# The real reader: a test that prints an export through LibreOffice. Skipped only where
# LibreOffice is missing, and then counted loudly at the end of the run (conftest.py).
real_reader = pytest.mark.real_reader
needs_real_reader = pytest.mark.skipif(
    bool(tools_missing()), reason="real reader missing: LibreOffice (soffice) is not installed")


def to_pdf(source: Path, workdir: Path) -> Path:
    """*source* printed to PDF by LibreOffice, with a profile of its own."""
    profile = (workdir / "lo-profile").resolve()
    subprocess.run(["soffice", f"-env:UserInstallation=file://{profile}", "--headless",
                    "--convert-to", "pdf", "--outdir", str(workdir), str(source)],
                   check=True, capture_output=True, timeout=180)
    pdf = workdir / f"{source.stem}.pdf"
    assert pdf.exists(), f"LibreOffice made no PDF of {source.name}"
    return pdf


@dataclass
class Printed:
    pages: int
    head: str  # the text above the table on page 1
    footers: list[str]
    columns: list[list[str]] = field(default_factory=list)  # text lines per table column
    # Pages (from 1) that begin with the grid's header rows again, as Word repeats them;
    # that repeated text is not in ``columns``.
    repeated_header: list[int] = field(default_factory=list)
    # The same lines page by page: per page, per column.
    page_columns: list[list[list[str]]] = field(default_factory=list)


@dataclass(frozen=True)
class _Char:
    text: str
    x: float  # centre, from the page's left edge
    y: float  # centre, from the page's top edge
    baseline: float  # from the page's top edge


@dataclass(frozen=True)
class _Rule:
    x: float
    top: float
    bottom: float


def _page_items(page: pdfium.PdfPage) -> tuple[list[_Char], list[_Rule], list[float]]:
    """Printed characters, vertical rules and the heights of horizontal rules on *page*."""
    height = page.get_size()[1]
    verticals: list[_Rule] = []
    horizontals: list[float] = []
    for obj in page.get_objects(filter=[pdfium_c.FPDF_PAGEOBJ_PATH], max_depth=8):
        for left, bottom, right, top in _segments(obj):
            if right - left <= _RULE_THICKNESS < top - bottom:
                verticals.append(_Rule((left + right) / 2, height - top, height - bottom))
            elif top - bottom <= _RULE_THICKNESS < right - left:
                horizontals.append(height - (top + bottom) / 2)
    textpage = page.get_textpage()
    chars: list[_Char] = []
    x0, y0 = ctypes.c_double(), ctypes.c_double()
    for i in range(textpage.count_chars()):
        if pdfium_c.FPDFText_IsGenerated(textpage.raw, i):
            continue  # spaces and line ends pdfium inferred
        text = chr(pdfium_c.FPDFText_GetUnicode(textpage.raw, i))
        if not text.strip():
            continue
        left, bottom, right, top = textpage.get_charbox(i)
        pdfium_c.FPDFText_GetCharOrigin(textpage.raw, i, x0, y0)
        chars.append(_Char(text, (left + right) / 2, height - (top + bottom) / 2,
                           height - y0.value))
    textpage.close()
    return chars, verticals, horizontals


def _segments(obj: pdfium.PdfObject) -> list[tuple[float, float, float, float]]:
    """The bounds of each straight piece of a path object: LibreOffice draws a rule per
    path, declapp's own PDF all the rules of a page as one path of move-line pairs."""
    count = pdfium_c.FPDFPath_CountSegments(obj.raw)
    if count <= 2:
        return [obj.get_bounds()]
    matrix = obj.get_matrix()
    x, y = ctypes.c_float(), ctypes.c_float()
    points: list[tuple[int, float, float]] = []
    for i in range(count):
        segment = pdfium_c.FPDFPath_GetPathSegment(obj.raw, i)
        pdfium_c.FPDFPathSegment_GetPoint(segment, x, y)
        px, py = matrix.on_point(x.value, y.value)
        points.append((pdfium_c.FPDFPathSegment_GetType(segment), px, py))
    pieces = []
    for (_kind, x0, y0), (kind, x1, y1) in itertools.pairwise(points):
        if kind == pdfium_c.FPDF_SEGMENT_LINETO:
            pieces.append((min(x0, x1), min(y0, y1), max(x0, x1), max(y0, y1)))
    return pieces


def _boundaries(grid: FormGrid, rules: list[_Rule]) -> list[float]:
    """The x of each column's left edge, from the table's outer rules and the grid's
    column widths (the sheet may be scaled to fit the page)."""
    left = min(r.x for r in rules)
    right = max(r.x for r in rules)
    total = sum(grid.columns_mm)
    edges, acc = [], 0.0
    for mm in grid.columns_mm:
        edges.append(left + (right - left) * acc / total)
        acc += mm
    return edges


def _column(char: _Char, rules: list[_Rule], edges: list[float]) -> int:
    """The column of the cell *char* sits in: that of the nearest rule on its left."""
    left_rules = [r.x for r in rules if r.x < char.x and r.top - 1 <= char.y <= r.bottom + 1]
    x = max(left_rules) if left_rules else char.x
    nearest = min(range(len(edges)), key=lambda n: abs(edges[n] - x))
    if abs(edges[nearest] - x) > _SAME_RULE and left_rules:
        nearest = sum(edge <= x for edge in edges) - 1  # a rule of no column: count by x
    return max(nearest, 0)


def _lines(chars: list[_Char]) -> list[str]:
    """Characters as text lines: one baseline a line, read left to right."""
    lines: list[list[_Char]] = []
    for char in sorted(chars, key=lambda c: (c.baseline, c.x)):
        if lines and abs(lines[-1][0].baseline - char.baseline) < 1.0:
            lines[-1].append(char)
        else:
            lines.append([char])
    return ["".join(c.text for c in sorted(line, key=lambda c: c.x)) for line in lines]


def _header_texts(grid: FormGrid) -> dict[int, str]:
    """Column → text of the grid's header row cells (the one-row ones: 一级指标 …)."""
    return {c.col: squeeze_all(c.text) for c in grid.cells
            if c.row in grid.header_rows and c.rowspan == 1 and c.text}


def _drop_header(lines: list[list[str]], header: dict[int, str]) -> bool:
    """Take the header's text off the top of a page's columns, if the page begins with it."""
    counts = {}
    for col, text in header.items():
        taken, n = "", 0
        while n < len(lines[col]) and len(taken) < len(text):
            taken, n = taken + squeeze_all(lines[col][n]), n + 1
        if taken != text:
            return False
        counts[col] = n
    for col, n in counts.items():
        del lines[col][:n]
    return True


def read_pdf(pdf: Path, grid: FormGrid, workdir: Path | None = None) -> Printed:
    document = pdfium.PdfDocument(str(pdf))
    try:
        printed = Printed(pages=len(document), head="", footers=[],
                          columns=[[] for _ in grid.columns_mm])
        header = _header_texts(grid)
        header_seen = False
        for number in range(len(document)):
            page = document[number]
            chars, rules, horizontals = _page_items(page)
            height = page.get_size()[1]
            page.close()
            # What is printed lies between the margins; LibreOffice also writes a merged
            # cell's clipped text beyond them, which is not on paper.
            top_margin = grid.page.top_mm * PT_PER_MM - 2
            bottom_margin = height - grid.page.bottom_mm * PT_PER_MM + 2
            footer = [c for c in chars if c.y > bottom_margin and c.text in _FOOTER_CHARS]
            printed.footers.append("".join(_lines(footer)))
            body = [c for c in chars if top_margin <= c.y <= bottom_margin]
            if number == 0 and horizontals:
                table_top = min(horizontals)
                printed.head = "".join(_lines([c for c in body if c.y < table_top]))
                body = [c for c in body if c.y >= table_top]
            if not rules:
                printed.page_columns.append([[] for _ in grid.columns_mm])
                continue
            edges = _boundaries(grid, rules)
            by_column: list[list[_Char]] = [[] for _ in grid.columns_mm]
            for char in body:
                by_column[_column(char, rules, edges)].append(char)
            lines = [_lines(found) for found in by_column]
            if header_seen and header and _drop_header(lines, header):
                printed.repeated_header.append(number + 1)
            for column, found_lines in zip(printed.columns, lines, strict=True):
                column.extend(found_lines)
            printed.page_columns.append(lines)
            header_seen = header_seen or (bool(header) and all(
                text in squeeze_all("".join(printed.columns[col]))
                for col, text in header.items()))
        return printed
    finally:
        document.close()


def squeeze_all(text: str) -> str:
    return re.sub(r"\s", "", text)


def _skip_repeats(got: str, pos: int, label: str, want: str | None) -> int:
    """*pos* past the label *label* printed again (as it is, or marked （续） as our own
    exports print it) where the text does not go on with *want*."""
    while label and (want is None or not got.startswith(want, pos)):
        again = next((text for text in (label + CONTINUED_MARK, label)
                      if got.startswith(text, pos)), None)
        if again is None:
            break
        pos += len(again)
    return pos


def column_mismatches(grid: FormGrid, printed: Printed) -> list[str]:
    """Where a column's printed text differs from the grid's cells in that column, in
    order. A label merged over a page break may be printed again on the next page."""
    problems = []
    for col, words in enumerate(printed.columns):
        got = "".join(words)
        pos, previous = 0, ""
        cells = sorted((c for c in grid.cells if c.col == col), key=lambda c: c.row)
        for cell in cells:
            want = squeeze_all(cell.text)
            pos = _skip_repeats(got, pos, previous, want)
            if not got.startswith(want, pos):
                at = next((i for i, (a, b) in enumerate(zip(want, got[pos:], strict=False))
                           if a != b), min(len(want), len(got) - pos))
                problems.append(f"column {chr(65 + col)}, {cell.location}, character {at}: "
                                f"printed …{got[pos + at:pos + at + 30]!r}, "
                                f"expected …{want[at:at + 30]!r}")
                break
            pos += len(want)
            previous = want if cell.role == "label" else ""
        else:
            pos = _skip_repeats(got, pos, previous, None)
            if pos != len(got):
                problems.append(f"column {'ABCD'[col]}: extra text {got[pos:pos + 40]!r}")
    return problems


def hanging_rules(pdf: Path) -> list[str]:
    """Vertical rules whose top or bottom end meets no horizontal rule there: a cell left
    open at a page end, its side rules hanging in the air. (page, x, which end) for each."""
    document = pdfium.PdfDocument(str(pdf))
    found = []
    try:
        for number in range(len(document)):
            page = document[number]
            height = page.get_size()[1]
            verticals, horizontals = [], []
            for obj in page.get_objects(filter=[pdfium_c.FPDF_PAGEOBJ_PATH], max_depth=8):
                left, bottom, right, top = obj.get_bounds()
                if right - left <= _RULE_THICKNESS < top - bottom:
                    verticals.append(((left + right) / 2, height - top, height - bottom))
                elif top - bottom <= _RULE_THICKNESS < right - left:
                    horizontals.append((height - (top + bottom) / 2, left, right))
            for x, y_top, y_bottom in verticals:
                for end, y in (("top", y_top), ("bottom", y_bottom)):
                    if not any(abs(y - hy) <= _RULE_THICKNESS
                               and left - _RULE_THICKNESS <= x <= right + _RULE_THICKNESS
                               for hy, left, right in horizontals):
                        found.append(f"page {number + 1}, x {x:.0f}: open at the {end}")
            page.close()
    finally:
        document.close()
    return found


@dataclass
class PrintedCells:
    """The printed lines of each grid cell and the pages (from 1) they are on, and the
    labels printed again at the head of a page (``产出指标（续）``): (cell, page)."""

    lines: dict[Cell, list[str]] = field(default_factory=dict)
    pages: dict[Cell, list[int]] = field(default_factory=dict)
    again: set[tuple[Cell, int]] = field(default_factory=set)


def read_cells(grid: FormGrid, printed: Printed) -> PrintedCells:
    """Each cell's lines, found in order down its column, page by page; a label printed
    again on a later page is noted, not taken for text. Fails where a column's text is
    not its cells' text, in order."""
    found = PrintedCells()
    for col in range(grid.n_cols):
        lines = [(page, squeeze_all(line))
                 for page, columns in enumerate(printed.page_columns, start=1)
                 for line in columns[col]]
        at, label = 0, None
        cells = sorted((c for c in grid.cells if c.col == col), key=lambda c: c.row)
        for cell in [*cells, None]:
            want = squeeze_all(cell.text) if cell is not None else None
            while label is not None and (want is None or not _starts(lines, at, want)):
                again = squeeze_all(label.text) + CONTINUED_MARK
                text, n = "", at
                while n < len(lines) and len(text) < len(again):
                    text, n = text + lines[n][1], n + 1
                if text != again:
                    break
                found.again.add((label, lines[at][0]))
                at = n
            if cell is None or want is None:
                break
            mine: list[tuple[int, str]] = []
            while len("".join(t for _p, t in mine)) < len(want):
                assert at < len(lines), f"{cell.location}: the column ends before {want!r}"
                mine.append(lines[at])
                at += 1
            got = "".join(t for _p, t in mine)
            assert got == want, f"{cell.location}: printed {got!r}, expected {want!r}"
            found.lines[cell] = [t for _p, t in mine]
            found.pages[cell] = sorted({p for p, _t in mine})
            if want:
                label = cell if cell.role == "label" else None
        assert at == len(lines), f"column {col}: extra text {lines[at:at + 3]}"
    return found


def _starts(lines: list[tuple[int, str]], at: int, want: str) -> bool:
    text = ""
    for _page, line in lines[at:]:
        if len(text) >= len(want):
            break
        text += line
    return text.startswith(want)


def labels_due_again(grid: FormGrid, cells: PrintedCells) -> set[tuple[Cell, int]]:
    """(label, page) of each label whose rows run on to the head of a later page: the
    rows the page starts with are among the ones the label spans."""
    due = set()
    n_pages = max((p for pages in cells.pages.values() for p in pages), default=1)
    for page in range(2, n_pages + 1):
        rows = [c.row for c, pages in cells.pages.items() if page in pages]
        if not rows:
            continue
        top = min(rows)
        for cell, pages in cells.pages.items():
            if cell.role == "label" and pages and pages[0] < page and \
                    cell.row <= top <= cell.last_row:
                due.add((cell, page))
    return due


def heading_pages(grid: FormGrid, cells: PrintedCells) -> tuple[list[int], list[str]]:
    """Where a header row is due again, and where one is left behind.

    The pages (from 2) that begin inside a table a header row heads, where the header
    should print again at the top; and for each header, a note if the page it first
    prints on holds none of the rows it heads (a header alone at a page foot)."""
    runs = grid.header_runs()
    n_pages = max((p for pages in cells.pages.values() for p in pages), default=1)
    due = []
    for page in range(2, n_pages + 1):
        rows = [c.row for c, pages in cells.pages.items() if page in pages]
        if rows and any(run[-1] < min(rows) <= end for run, end in runs):
            due.append(page)
    alone = []
    for run, end in runs:
        heads = [p for c, pages in cells.pages.items() if c.row in run for p in pages[:1]]
        if not heads or end <= run[-1]:
            continue
        page = max(heads)
        if not any(run[-1] < c.row <= end and page in pages for c, pages in cells.pages.items()):
            alone.append(f"the header in row {run[-1]} ends page {page} alone")
    return due, alone
