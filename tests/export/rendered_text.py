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
import re
import shutil
import subprocess
from dataclasses import dataclass, field
from pathlib import Path

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c
import pytest

from declapp.layout import FormGrid

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
        left, bottom, right, top = obj.get_bounds()
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
            header_seen = header_seen or (bool(header) and all(
                text in squeeze_all("".join(printed.columns[col]))
                for col, text in header.items()))
        return printed
    finally:
        document.close()


def squeeze_all(text: str) -> str:
    return re.sub(r"\s", "", text)


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
            while previous and not got.startswith(want, pos) and got.startswith(previous, pos):
                pos += len(previous)
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
            while previous and got.startswith(previous, pos):
                pos += len(previous)
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
