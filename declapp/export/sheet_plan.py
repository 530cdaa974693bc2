"""Where the grid's text goes on a spreadsheet, and how tall each sheet row must be.

Excel and LibreOffice never fit a merged or explicitly sized row to its text, and a
row cannot be taller than 409 pt. So the height of every row is estimated here, with
room to spare, and a text too tall for one row continues in extra rows of the same
cell: the plan cuts it into pieces (by paragraph, a long paragraph preferably after a
sentence), one piece per sheet row, and the writer draws no rule between the pieces.
Labels beside such a cell are merged over all its rows, so it still reads as one cell.
"""

from __future__ import annotations

import math
import unicodedata
from dataclasses import dataclass

from declapp.layout import Cell, FormGrid
from declapp.text import clean_text

MAX_ROW_PT = 409.0
# A piece is kept to about a quarter of the printable page: a row cannot break across
# pages, so a tall row that misses the end of a page leaves that much paper blank.
PIECE_PT = 180.0
PT_PER_MM = 72 / 25.4
# Measured against LibreOffice 7.4 with the CJK fonts of a Linux desktop (Noto Sans CJK
# stands in for 宋体): lines are 1.45 em apart, 20 Chinese characters fill a line of
# column D, DejaVu digits are 0.64 em wide. The estimate adds room on top: Chinese
# line breaking (no ， at a line start, Latin words kept whole) leaves lines short.
LINE_EM = 1.5
CELL_PAD_PT = 6.0
CELL_SIDE_PAD_PT = 5.0
FILL = 0.95
_BREAK_AFTER = "。；！？!?;，,、：:）)」』”’ "


def char_units(ch: str) -> float:
    """Width of *ch* in half-em units, on the generous side for the fonts that print it."""
    if unicodedata.east_asian_width(ch) in ("W", "F", "A"):
        return 2.0
    if ch == "\t":
        return 8.0
    if unicodedata.combining(ch):
        return 0.0
    if ch.isupper() or ch in "mwMW@%&#":
        return 1.6
    return 1.25


def text_units(text: str) -> float:
    return sum(char_units(ch) for ch in text)


@dataclass(frozen=True)
class Measure:
    """Lines and heights of text in a cell of a given width, at one font size."""

    width_pt: float
    font_pt: float

    @property
    def units_per_line(self) -> float:
        usable = max(self.width_pt - CELL_SIDE_PAD_PT, self.font_pt)
        return max(2.0, usable * FILL / (self.font_pt / 2))

    @property
    def line_pt(self) -> float:
        return self.font_pt * LINE_EM

    def paragraph_lines(self, paragraph: str) -> int:
        return max(1, math.ceil(text_units(paragraph) / self.units_per_line))

    def lines(self, paragraphs: tuple[str, ...] | list[str]) -> int:
        return sum(self.paragraph_lines(p) for p in paragraphs) if paragraphs else 1

    def height(self, paragraphs: tuple[str, ...] | list[str]) -> float:
        return self.lines(paragraphs) * self.line_pt + CELL_PAD_PT

    def max_lines(self, limit_pt: float) -> int:
        return max(1, int((limit_pt - CELL_PAD_PT) // self.line_pt))

    def cut(self, paragraph: str, lines: int) -> tuple[str, str]:
        """Split *paragraph* so the head fits *lines* lines, after a sentence if one ends
        in the last quarter of the room; the head is never empty."""
        room = lines * self.units_per_line
        used, end = 0.0, 0
        for i, ch in enumerate(paragraph):
            used += char_units(ch)
            if used > room:
                break
            end = i + 1
        end = max(end, 1)
        for i in range(end, max(0, int(end * 0.75)), -1):
            if paragraph[i - 1] in _BREAK_AFTER:
                end = i
                break
        return paragraph[:end], paragraph[end:]


@dataclass(frozen=True)
class Piece:
    """One sheet cell (or merged range) holding a grid cell's text or part of it.

    Rows are 0-based sheet rows counted from the table's first row. ``open_top`` and
    ``open_bottom`` say the piece continues a piece above or below: no rule there.
    """

    cell: Cell
    paragraphs: tuple[str, ...]
    first_row: int
    last_row: int
    open_top: bool = False
    open_bottom: bool = False

    @property
    def text(self) -> str:
        return "\n".join(self.paragraphs)


@dataclass
class SheetPlan:
    pieces: list[Piece]
    heights: list[float]  # points, one per sheet row of the table


def cell_measure(grid: FormGrid, cell: Cell) -> Measure:
    width_mm = sum(grid.columns_mm[cell.col:cell.last_col + 1])
    return Measure(width_mm * PT_PER_MM, grid.type.body_pt)


def split_paragraphs(paragraphs: tuple[str, ...], measure: Measure,
                     limit_pt: float = PIECE_PT) -> list[tuple[str, ...]]:
    """Cut *paragraphs* into pieces of at most *limit_pt* each; all text kept, in order."""
    max_lines = measure.max_lines(limit_pt)
    pieces: list[tuple[str, ...]] = []
    current: list[str] = []
    used = 0

    def flush() -> None:
        nonlocal current, used
        if current:
            pieces.append(tuple(current))
        current, used = [], 0

    for paragraph in paragraphs:
        rest = paragraph
        while True:
            need = measure.paragraph_lines(rest)
            if need <= max_lines - used:
                current.append(rest)
                used += need
                break
            if current and (need <= max_lines or max_lines - used < 2):
                flush()
                continue
            head, rest = measure.cut(rest, max_lines - used)
            current.append(head)
            flush()
            if not rest:
                break
    flush()
    return pieces or [()]


def clean_paragraphs(paragraphs: tuple[str, ...]) -> tuple[str, ...]:
    """Defensive: no control characters, and a stray line end makes a new paragraph."""
    out: list[str] = []
    for paragraph in paragraphs:
        out.extend(clean_text(paragraph).split("\n"))
    return tuple(out)


def plan_sheet(grid: FormGrid, limit_pt: float = PIECE_PT) -> SheetPlan:
    """Lay the grid out on sheet rows: pieces, merges and row heights."""
    chunks = {id(c): split_paragraphs(clean_paragraphs(c.paragraphs), cell_measure(grid, c),
                                      limit_pt)
              for c in grid.cells}
    sub = [1] * grid.n_rows
    for cell in grid.cells:
        if cell.rowspan == 1:
            sub[cell.row] = max(sub[cell.row], len(chunks[id(cell)]))
    for cell in sorted((c for c in grid.cells if c.rowspan > 1), key=lambda c: c.last_row):
        have = sum(sub[cell.row:cell.last_row + 1])
        if len(chunks[id(cell)]) > have:
            sub[cell.last_row] += len(chunks[id(cell)]) - have
    start = [0] * (grid.n_rows + 1)
    for r in range(grid.n_rows):
        start[r + 1] = start[r] + sub[r]

    pieces: list[Piece] = []
    for cell in sorted(grid.cells, key=lambda c: (c.row, c.col)):
        parts = chunks[id(cell)]
        first, last = start[cell.row], start[cell.last_row + 1] - 1
        for i, part in enumerate(parts):
            row = first + i
            pieces.append(Piece(cell, part, row, last if i == len(parts) - 1 else row,
                                open_top=i > 0, open_bottom=i < len(parts) - 1))
    return SheetPlan(pieces, row_heights(grid, pieces, start[grid.n_rows]))


def row_heights(grid: FormGrid, pieces: list[Piece], n_rows: int) -> list[float]:
    """Heights so every piece's lines fit in the rows it covers, none over 409 pt."""
    base = Measure(10.0, grid.type.body_pt).height(("",))
    heights = [base] * n_rows
    spans = sorted(pieces, key=lambda p: p.last_row - p.first_row)
    for piece in spans:
        need = cell_measure(grid, piece.cell).height(piece.paragraphs)
        rows = range(piece.first_row, piece.last_row + 1)
        while True:
            missing = need - sum(heights[r] for r in rows)
            growable = [r for r in rows if heights[r] < MAX_ROW_PT]
            if missing <= 0.01 or not growable:
                break
            share = missing / len(growable)
            for r in growable:
                heights[r] = min(MAX_ROW_PT, heights[r] + share)
    return [math.ceil(h * 4) / 4 for h in heights]
