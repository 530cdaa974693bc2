"""Where the grid's text goes on a spreadsheet, and how tall each sheet row must be.

Excel and LibreOffice never fit a merged or explicitly sized row to its text, and a
row cannot be taller than 409 pt nor break across pages. So the height of every row
is estimated here, with room to spare, and the rows are laid down page by page: a
text that does not fit on what is left of the page (or in 409 pt) continues in extra
rows of the same cell, cut by paragraph or, within a long paragraph, preferably after
a sentence. The writer draws no rule between the pieces, and the labels beside them
are merged over all their rows, so the cell still reads as one. The page breaks are
part of the plan, so a merged label can be kept clear of them.
"""

from __future__ import annotations

import bisect
import dataclasses
import math
import unicodedata
from collections import defaultdict
from dataclasses import dataclass
from functools import cache

from declapp.layout import Cell, FormGrid, clean_paragraphs
from declapp.text import NO_LINE_END, NO_LINE_START

MAX_ROW_PT = 409.0
# A long text is cut where the page ends; less room than this is not worth a piece,
# and a row shorter than KEEP_WHOLE_PT moves to the next page whole.
MIN_PIECE_PT = 72.0
KEEP_WHOLE_PT = 120.0
# Pieces of an overlong label (which is not cut at page ends) are about this tall.
PIECE_PT = 180.0
PT_PER_MM = 72 / 25.4
# Measured against LibreOffice 7.4 with the CJK fonts of a Linux desktop (Noto Sans CJK
# stands in for 宋体): lines are 1.45 em apart, 20 Chinese characters fill a line of
# column D, DejaVu digits are 0.64 em wide, capitals up to 0.8 em. The estimate adds room
# on top: Chinese line breaking (no ， at a line start, Latin words kept whole) leaves
# lines short.
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
    return 1.3


_unit_of = cache(char_units)
_SHORT = 64
_short_units: dict[str, float] = {}


def text_units(text: str) -> float:
    # Short texts (labels, values) recur and are cached; a long text is measured as it
    # comes: keeping it as a cache key held a copy of every long paragraph (gigabytes).
    if len(text) > _SHORT:
        return sum(map(_unit_of, text))
    units = _short_units.get(text)
    if units is None:
        if len(_short_units) > 8192:
            _short_units.clear()
        units = _short_units[text] = sum(map(_unit_of, text))
    return units


@dataclass(frozen=True)
class Measure:
    """Lines and heights of text in a cell of a given width, at one font size."""

    width_pt: float
    font_pt: float

    @property
    def units_per_line(self) -> float:
        usable = max(self.width_pt - CELL_SIDE_PAD_PT, self.font_pt)
        # Whole Chinese characters: a narrow label column fits 5, not 5.2.
        return max(2.0, 2 * math.floor(usable * FILL / self.font_pt))

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

    def lines_within(self, paragraph: str, start: int, most: int) -> int:
        """Lines ``paragraph[start:]`` takes, or *most* + 1 once it is clear that it takes
        more than *most*: the cost is the room asked about, never the paragraph's length."""
        if not start and len(paragraph) <= _SHORT:
            return self.paragraph_lines(paragraph)
        cap = (most + 1) * self.units_per_line
        step = int(cap) // 2 + 16  # in characters: two or three slices decide
        used, end = 0.0, len(paragraph)
        for i in range(start, end, step):
            used += sum(map(_unit_of, paragraph[i:i + step]))
            if used > cap:
                return most + 1
        return max(1, math.ceil(used / self.units_per_line))

    def cut_at(self, paragraph: str, start: int, lines: int) -> int:
        """Where to end a head of ``paragraph[start:]`` that fits *lines* lines: after a
        sentence or clause if one ends in the last tenth of the room; never at *start*."""
        room = lines * self.units_per_line
        used, end = 0.0, start
        for i in range(start, len(paragraph)):
            used += _unit_of(paragraph[i])
            if used > room:
                break
            end = i + 1
        end = max(end, start + 1)
        for i in range(end, max(start, start + int((end - start) * 0.9)), -1):
            if paragraph[i - 1] in _BREAK_AFTER:
                return i
        return end


@dataclass(frozen=True)
class Piece:
    """One sheet cell (or merged range) holding a grid cell's text or part of it.

    Rows are 0-based sheet rows counted from the table's first row. ``open_top`` and
    ``open_bottom`` say the piece continues a piece above or below: no rule there.
    ``valign`` is where the text sits in its rows (Excel's vertical alignment).
    """

    cell: Cell
    paragraphs: tuple[str, ...]
    first_row: int
    last_row: int
    open_top: bool = False
    open_bottom: bool = False
    valign: str = "center"

    @property
    def text(self) -> str:
        return "\n".join(self.paragraphs)


@dataclass
class SheetPlan:
    pieces: list[Piece]
    heights: list[float]  # points, one per sheet row of the table
    breaks: list[int]  # table rows (0-based) that start a new printed page


def cell_measure(grid: FormGrid, cell: Cell) -> Measure:
    width_mm = sum(grid.columns_mm[cell.col:cell.last_col + 1])
    return Measure(width_mm * PT_PER_MM, grid.type.body_pt)


def round_height(height: float) -> float:
    """Excel draws rows in whole pixels (0.75 pt at 96 dpi): round up, never down."""
    return math.ceil(height / 0.75 - 1e-9) * 0.75


class Rest:
    """What is left of a cell's text: a place in its paragraphs, not a copy of them, so
    that cutting a million-character paragraph into pieces copies each character once."""

    def __init__(self, paragraphs: tuple[str, ...]) -> None:
        self.paragraphs = paragraphs
        self.index = 0  # the paragraph the rest starts in
        self.offset = 0  # and where in it

    def __bool__(self) -> bool:
        return self.index < len(self.paragraphs)

    def take(self, measure: Measure, limit_pt: float) -> tuple[str, ...]:
        """The paragraphs from here that fit in *limit_pt* (cutting one if that fills the
        room better); never empty while text remains."""
        max_lines = measure.max_lines(limit_pt)
        head: list[str] = []
        used = 0
        paragraphs = self.paragraphs
        while self.index < len(paragraphs):
            paragraph = paragraphs[self.index]
            room = max_lines - used
            need = measure.lines_within(paragraph, self.offset, room)
            if need <= room:
                head.append(paragraph[self.offset:] if self.offset else paragraph)
                used += need
                self.index, self.offset = self.index + 1, 0
                continue
            if head and room < 2:
                break
            end = measure.cut_at(paragraph, self.offset, max(room, 1))
            head.append(paragraph[self.offset:end])
            if end < len(paragraph):
                self.offset = end
            else:
                self.index, self.offset = self.index + 1, 0
            break
        return tuple(head)

    def height_within(self, measure: Measure, most_pt: float) -> float:
        """The height of the rest, or anything above *most_pt* once it is clear that the
        rest is taller than that (the cost is the room asked about)."""
        most = measure.max_lines(most_pt) + 1
        lines = 0
        for i in range(self.index, len(self.paragraphs)):
            start = self.offset if i == self.index else 0
            lines += measure.lines_within(self.paragraphs[i], start, most - lines)
            if lines > most:
                break
        return max(lines, 1) * measure.line_pt + CELL_PAD_PT


def split_paragraphs(paragraphs: tuple[str, ...], measure: Measure,
                     limit_pt: float = PIECE_PT) -> list[tuple[str, ...]]:
    """Cut *paragraphs* into pieces of at most *limit_pt* each; all text kept, in order."""
    pieces: list[tuple[str, ...]] = []
    rest = Rest(paragraphs)
    while rest:
        pieces.append(rest.take(measure, limit_pt))
    return pieces or [()]


def wrap_label(paragraph: str, measure: Measure) -> tuple[str, ...]:
    """A short label cut into lines where the cell ends, the Chinese way.

    Excel and LibreOffice Calc break "部门（单位）名称" as "部门（单位" / "）名称"; the
    other formats print "部门（单" / "位）名称". Labels get the breaks written in.
    """
    room = measure.units_per_line
    lines: list[str] = []
    line, used = "", 0.0
    for ch in paragraph:
        width = _unit_of(ch)
        if line and used + width > room:
            carry = ""
            if ch in NO_LINE_START and len(line) > 1:
                line, carry = line[:-1], line[-1]  # the mark takes a character along
            elif line[-1] in NO_LINE_END and len(line) > 1:
                line, carry = line[:-1], line[-1]
            lines.append(line)
            line, used = carry, text_units(carry)
        line += ch
        used += width
    if line:
        lines.append(line)
    return tuple(lines)


def sheet_paragraphs(paragraphs: tuple[str, ...]) -> tuple[str, ...]:
    """The cell's paragraphs; none at all for a cell with nothing to print."""
    out = clean_paragraphs(paragraphs)
    return out if any(out) else ()


class _Flow:
    """Sheet rows laid down one after another, knowing how full the printed page is."""

    def __init__(self, page_pt: float, used_pt: float) -> None:
        self.page_pt = page_pt
        self.used = used_pt
        self.heights: list[float] = []

    @property
    def room(self) -> float:
        return self.page_pt - self.used

    def add(self, height: float) -> None:
        if height > self.room and self.used > 0:
            self.used = 0.0
        self.heights.append(height)
        self.used += height

    def limit(self) -> float:
        """The tallest piece that may start here: what is left of the page, unless that
        is too little to be worth a piece, and never over Excel's 409 pt."""
        room = self.room if self.room >= MIN_PIECE_PT else self.page_pt
        return min(MAX_ROW_PT, room)


def plan_sheet(grid: FormGrid, head_heights: tuple[float, ...] = (),
               page_pt: float | None = None) -> SheetPlan:
    """Lay the grid out on sheet rows below *head_heights* (the title rows): pieces,
    merges, row heights and the page breaks that go with them.

    A row that does not fit on what is left of the page is cut there (unless it is
    short), as Word breaks a row across pages; the rest continues in extra rows."""
    page_pt = page_pt or grid.page.text_height_mm * PT_PER_MM
    flow = _Flow(page_pt, sum(head_heights))
    base = round_height(Measure(10.0, grid.type.body_pt).height(()))
    content = {}
    for c in grid.cells:
        measure = cell_measure(grid, c)
        paragraphs = sheet_paragraphs(c.paragraphs)
        if c.role == "label":
            paragraphs = tuple(line for p in paragraphs for line in wrap_label(p, measure))
        content[id(c)] = (paragraphs, measure)
    parts: dict[int, list[tuple[str, ...]]] = {}
    start = [0] * (grid.n_rows + 1)
    # Each row's cells and the merged cells ending in it, found once (not per row: a
    # form of 20,000 items has thousands of rows).
    single: dict[int, list[Cell]] = defaultdict(list)
    spanning: dict[int, list[Cell]] = defaultdict(list)
    for c in grid.cells:
        (single[c.row] if c.rowspan == 1 else spanning[c.last_row]).append(c)
    for r in range(grid.n_rows):
        start[r] = len(flow.heights)
        cells = single[r]
        rest = {id(c): Rest(content[id(c)][0]) for c in cells}
        if flow.used > 0:
            # A short row is not cut: it starts a new page (measured no further than
            # needed to know whether it is short).
            need = max((round_height(rest[id(c)].height_within(content[id(c)][1],
                                                                KEEP_WHOLE_PT))
                        for c in cells), default=base)
            if need > flow.room and need <= KEEP_WHOLE_PT:
                flow.used = page_pt
        first = True
        while first or any(rest.values()):
            limit = flow.limit()
            left = max((rest[id(c)].height_within(content[id(c)][1], limit + MIN_PIECE_PT)
                        for c in cells if rest[id(c)]), default=0.0)
            if limit < left < limit + MIN_PIECE_PT:
                # Leave a few lines for the next page rather than one orphaned line.
                limit = max(MIN_PIECE_PT, left - MIN_PIECE_PT)
            height = base
            for cell in cells:
                if not rest[id(cell)] and not first:
                    continue
                head = rest[id(cell)].take(content[id(cell)][1], limit)
                parts.setdefault(id(cell), []).append(head)
                height = max(height, round_height(content[id(cell)][1].height(head)))
            flow.add(min(height, MAX_ROW_PT))
            first = False
        for cell in spanning[r]:
            paragraphs, measure = content[id(cell)]
            chunks = split_paragraphs(paragraphs, measure, PIECE_PT)
            parts[id(cell)] = chunks
            for chunk in chunks[len(flow.heights) - start[cell.row]:]:
                flow.add(round_height(measure.height(chunk)))
            if len(chunks) == 1:
                # A label taller than the rows it spans makes them taller, on this page.
                rows = range(start[cell.row], len(flow.heights))
                flow.used += grow(flow.heights, rows, measure.height(chunks[0]))
    start[grid.n_rows] = len(flow.heights)

    pieces: list[Piece] = []
    for cell in sorted(grid.cells, key=lambda c: (c.row, c.col)):
        chunks = parts[id(cell)]
        first_row, last_row = start[cell.row], start[cell.last_row + 1] - 1
        for i, chunk in enumerate(chunks):
            row = first_row + i
            last = i == len(chunks) - 1
            pieces.append(Piece(cell, chunk, row, last_row if last else row,
                                open_top=i > 0, open_bottom=not last,
                                valign="justify" if not last else "top" if i else "center"))
    heights = row_heights(grid, pieces, flow.heights)
    breaks = page_breaks([*head_heights, *heights], page_pt)
    table_breaks = [b - len(head_heights) for b in breaks]
    pieces = [_keep_on_one_page(grid, p, heights, table_breaks) for p in pieces]
    return SheetPlan(pieces, heights, table_breaks)


def row_heights(grid: FormGrid, pieces: list[Piece], heights: list[float]) -> list[float]:
    """*heights* grown so every piece's lines fit in the rows it covers, none over 409 pt."""
    heights = list(heights)
    for piece in sorted(pieces, key=lambda p: p.last_row - p.first_row):
        need = cell_measure(grid, piece.cell).height(piece.paragraphs)
        grow(heights, range(piece.first_row, piece.last_row + 1), need)
    return [round_height(h) for h in heights]


def grow(heights: list[float], rows: range, need: float) -> float:
    """Share what *rows* lack of *need* among them (none over 409 pt), rounded up to
    whole pixels; returns how much taller they got."""
    before = sum(heights[r] for r in rows)
    while True:
        missing = need - sum(heights[r] for r in rows)
        growable = [r for r in rows if heights[r] < MAX_ROW_PT]
        if missing <= 0.01 or not growable:
            break
        share = missing / len(growable)
        for r in growable:
            heights[r] = round_height(min(MAX_ROW_PT, heights[r] + share))
    return sum(heights[r] for r in rows) - before


def page_breaks(heights: list[float], page_pt: float) -> list[int]:
    """Rows (0-based) that start a new page when pages hold at most *page_pt*."""
    breaks: list[int] = []
    used = 0.0
    for row, height in enumerate(heights):
        if used + height > page_pt + 0.01 and used > 0:
            breaks.append(row)
            used = 0.0
        used += height
    return breaks


def _keep_on_one_page(grid: FormGrid, piece: Piece, heights: list[float],
                      breaks: list[int]) -> Piece:
    """A cell merged over a page break prints its text where its alignment puts it on
    the merged area as a whole, and a break there cuts the text in two. Put it at the
    top, beside the start of what it labels (where Word shows a merged cell that runs
    over pages), else centred or at the bottom, whichever no break cuts."""
    if piece.valign != "center":
        return piece
    inner = breaks[bisect.bisect_right(breaks, piece.first_row):
                   bisect.bisect_right(breaks, piece.last_row)]
    if not inner:
        return piece
    tops = [0.0]
    for h in heights[piece.first_row:piece.last_row + 1]:
        tops.append(tops[-1] + h)
    cuts = [tops[b - piece.first_row] for b in inner]
    text = cell_measure(grid, piece.cell).height(piece.paragraphs)
    middle = tops[-1] / 2
    for valign, lo, hi in (("top", 0.0, text), ("center", middle - text / 2, middle + text / 2),
                           ("bottom", tops[-1] - text, tops[-1])):
        if not any(lo < y < hi for y in cuts):
            return dataclasses.replace(piece, valign=valign)
    return piece
