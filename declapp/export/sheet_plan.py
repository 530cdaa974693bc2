"""Where the grid's text goes on a spreadsheet, and how tall each sheet row must be.

Excel and LibreOffice never fit a merged or explicitly sized row to its text, and a
row cannot be taller than 409 pt nor break across pages. So the height of every row
is estimated here, with room to spare, and the rows are laid down page by page: a
text that does not fit on what is left of the page (or in 409 pt) continues in extra
rows of the same cell, cut by paragraph or, within a long paragraph, preferably after
a sentence. The writer draws no rule between the pieces, and the labels beside them
are merged over all their rows, so the cell still reads as one. The page breaks are
part of the plan: at each one the table is closed, as Word and the PDF print it (a
label merged over a break is merged on each page, its text on the first page part
tall enough for it, and again, marked （续）, on each page after), or the side rules of
a cell cut there would hang open. The indicators' header row is kept on a page with the
row after it; where the sheet allows, it prints again at the top of each page the
indicators run on to (Excel's print titles, ``SheetPlan.title_rows``), and the pages
there are planned with room for it.
"""

from __future__ import annotations

import bisect
import dataclasses
import functools
import itertools
from collections import defaultdict
from dataclasses import dataclass

from declapp.export.text_measure import (
    PT_PER_MM,
    Measure,
    Rest,
    cell_measure,
    round_height,
    wrap_label,
)
from declapp.layout import Cell, FormGrid, clean_paragraphs, continued_paragraphs

MAX_ROW_PT = 409.0
# A long text is cut where the page ends; less room than this is not worth a piece,
# and a row shorter than KEEP_WHOLE_PT moves to the next page whole.
MIN_PIECE_PT = 72.0
KEEP_WHOLE_PT = 120.0
# Pieces of an overlong label (which is not cut at page ends) are about this tall.
PIECE_PT = 180.0
@dataclass(frozen=True)
class Piece:
    """One sheet cell (or merged range) holding a grid cell's text or part of it.

    Rows are 0-based sheet rows counted from the table's first row. ``open_top`` and
    ``open_bottom`` say the piece continues a piece above or below: no rule there.
    ``valign`` is where the text sits in its rows (Excel's vertical alignment).
    ``after_page_end``: the piece continues its cell at the head of a page, closed off
    from the piece above by the page end's rule. ``below_header``: a label's piece under
    its empty part beside the header rows (which print again, on their own, at the top
    of later pages); the label is still whole.
    """

    cell: Cell
    paragraphs: tuple[str, ...]
    first_row: int
    last_row: int
    open_top: bool = False
    open_bottom: bool = False
    valign: str = "center"
    after_page_end: bool = False
    below_header: bool = False

    @property
    def text(self) -> str:
        return "\n".join(self.paragraphs)


@dataclass
class SheetPlan:
    pieces: list[Piece]
    heights: list[float]  # points, one per sheet row of the table
    breaks: list[int]  # table rows (0-based) that start a new printed page
    # Table rows printed again at the top of each later page (the indicators' header);
    # None where the sheet cannot repeat them.
    title_rows: range | None = None


@dataclass
class _Titles:
    """The header rows a sheet can print again (Excel repeats one run of rows on every
    page after them): the first header of the grid, whose every cell lies in it, but
    for a label that starts there and runs on down beside the rows it heads."""

    run: tuple[int, ...]  # grid rows
    end: int  # the last grid row under it
    height: float = 0.0  # of its sheet rows, once laid down

    @classmethod
    def of(cls, grid: FormGrid) -> _Titles | None:
        runs = grid.header_runs()
        if not runs or runs[0][1] <= runs[0][0][-1]:
            return None
        run, end = runs[0]
        for c in grid.cells:
            if c.row > run[-1] or c.last_row < run[0] or (
                    c.row >= run[0] and c.last_row <= run[-1]):
                continue  # not in the header, or all in it
            if c.row != run[0] or c.role != "label":
                return None  # a cell from above runs through the header (西城区 2019)
        return cls(run, end)

    def heads(self, r: int) -> bool:
        return self.run[-1] < r <= self.end

    def beside(self, cell: Cell) -> bool:
        """Is *cell* a label running down from the header beside the rows it heads?"""
        return cell.row == self.run[0] and cell.last_row > self.run[-1]


def split_paragraphs(paragraphs: tuple[str, ...], measure: Measure,
                     limit_pt: float = PIECE_PT) -> list[tuple[str, ...]]:
    """Cut *paragraphs* into pieces of at most *limit_pt* each; all text kept, in order."""
    pieces: list[tuple[str, ...]] = []
    rest = Rest(paragraphs)
    while rest:
        pieces.append(rest.take(measure, limit_pt))
    return pieces or [()]


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
        self.band = 0.0  # the header printed again atop a page that starts here

    @property
    def room(self) -> float:
        return self.page_pt - self.used

    def add(self, height: float) -> None:
        if height > self.room and self.used > 0:
            self.used = self.band
        self.heights.append(height)
        self.used += height

    def limit(self) -> float:
        """The tallest piece that may start here: what is left of the page, unless that
        is too little to be worth a piece, and never over Excel's 409 pt."""
        room = self.room if self.room >= MIN_PIECE_PT else self.page_pt - self.band
        return min(MAX_ROW_PT, room)


def plan_sheet(grid: FormGrid, head_heights: tuple[float, ...] = (),
               page_pt: float | None = None) -> SheetPlan:
    """Lay the grid out on sheet rows below *head_heights* (the title rows): pieces,
    merges, row heights and the page breaks that go with them.

    A row that does not fit on what is left of the page is cut there (unless it is
    short), as Word breaks a row across pages; the rest continues in extra rows. The
    indicators' header prints again atop each page they run on to where the sheet can
    do so: not where a page would begin below them (a header over 偏差原因分析)."""
    page_pt = page_pt or grid.page.text_height_mm * PT_PER_MM
    content = {id(c): _content(grid, c) for c in grid.cells}  # for every layout tried
    titles = _Titles.of(grid)
    if titles is not None and _taller_than_a_page(grid, content, titles.end + 1, page_pt):
        # A page must begin among the rows after the indicators, below the header: it
        # cannot repeat, and laying the sheet out with it first would be work for nothing
        # (a third of a long draft's export).
        titles = None
    if titles is not None:
        plan = _plan(grid, content, head_heights, page_pt, titles)
        if plan.title_rows is not None:
            return plan
    return _plan(grid, content, head_heights, page_pt, None)


Content = dict[int, tuple[tuple[str, ...], Measure]]  # by id(cell)


def _content(grid: FormGrid, cell: Cell) -> tuple[tuple[str, ...], Measure]:
    """A cell's paragraphs as the sheet holds them (labels cut into lines), and its measure."""
    measure = cell_measure(grid, cell)
    paragraphs = sheet_paragraphs(cell.paragraphs)
    if cell.role == "label":
        paragraphs = tuple(line for p in paragraphs for line in wrap_label(p, measure))
    return paragraphs, measure


def _taller_than_a_page(grid: FormGrid, content: Content, first: int, page_pt: float) -> bool:
    """Do the grid rows from *first* on need more than a page (measured no further than
    needed to know)? Each row at least as tall as its tallest one-row cell: a bound from
    below."""
    tallest: dict[int, float] = defaultdict(float)
    need = 0.0
    for cell in grid.cells:
        if cell.rowspan == 1 and cell.row >= first:
            paragraphs, measure = content[id(cell)]
            height = Rest(paragraphs).height_within(measure, page_pt)
            if height > tallest[cell.row]:
                need += height - tallest[cell.row]
                tallest[cell.row] = height
                if need > page_pt:
                    return True
    return False


def _plan(grid: FormGrid, content: Content, head_heights: tuple[float, ...], page_pt: float,
          titles: _Titles | None) -> SheetPlan:
    flow = _Flow(page_pt, sum(head_heights))
    base = round_height(Measure(10.0, grid.type.body_pt).height(()))
    parts: dict[int, list[tuple[str, ...]]] = {}
    start = [0] * (grid.n_rows + 1)
    # Each row's cells and the merged cells ending in it, found once (not per row: a
    # form of 20,000 items has thousands of rows).
    single: dict[int, list[Cell]] = defaultdict(list)
    spanning: dict[int, list[Cell]] = defaultdict(list)
    for c in grid.cells:
        (single[c.row] if c.rowspan == 1 else spanning[c.last_row]).append(c)

    def row_need(r: int) -> float:
        """Height grid row *r* needs on a page (measured no further than needed to know
        whether it is short)."""
        return max((round_height(Rest(content[id(c)][0]).height_within(
            content[id(c)][1], KEEP_WHOLE_PT)) for c in single[r]), default=base)

    headers = {run[0]: run for run, end in grid.header_runs() if end > run[-1]}
    for r in range(grid.n_rows):
        start[r] = len(flow.heights)
        cells = single[r]
        rest = {id(c): Rest(content[id(c)][0]) for c in cells}
        if titles is not None:
            if r == titles.run[-1] + 1:
                titles.height = sum(flow.heights[start[titles.run[0]]:])
            flow.band = titles.height if titles.heads(r) else 0.0
        if r in headers and flow.used > 0:
            # A header stays with (a piece of) the row under it.
            below = row_need(headers[r][-1] + 1)
            need = sum(row_need(h) for h in headers[r]) + \
                (MIN_PIECE_PT if below > KEEP_WHOLE_PT else below)
            if need > flow.room:
                flow.used = page_pt
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
    repeats = titles is not None
    for cell in sorted(grid.cells, key=lambda c: (c.row, c.col)):
        chunks = parts[id(cell)]
        first_row, last_row = start[cell.row], start[cell.last_row + 1] - 1
        beside = titles is not None and titles.beside(cell)
        if beside and len(chunks) > 1:
            repeats = False  # an overlong label: its first piece would print again
        if beside and repeats and titles is not None:
            # Its part beside the header is a cell of its own, empty, so that the
            # header rows print again whole; no rule between the parts.
            below = start[titles.run[-1] + 1]
            pieces.append(Piece(cell, (), first_row, below - 1, open_bottom=True))
            pieces.append(Piece(cell, chunks[0], below, last_row, open_top=True,
                                below_header=True))
            continue
        for i, chunk in enumerate(chunks):
            row = first_row + i
            last = i == len(chunks) - 1
            pieces.append(Piece(cell, chunk, row, last_row if last else row,
                                open_top=i > 0, open_bottom=not last,
                                valign="justify" if not last else "top" if i else "center"))
    heights = row_heights(grid, pieces, flow.heights)
    keeps = {start[run[0]]: start[run[-1] + 1] for run in headers.values()}
    band = None
    if repeats and titles is not None:
        band = (range(start[titles.run[0]], start[titles.run[-1] + 1]),
                range(start[titles.run[-1] + 1], start[titles.end + 1]))
    table_breaks = _page_ends(grid, pieces, heights, head_heights, page_pt, keeps, band)
    pieces = [part for p in pieces for part in _close_at_pages(grid, p, heights, table_breaks)]
    title_rows = None
    # Repeated where a page starts in the rows the header heads, and only where no page
    # starts below them.
    if band is not None and any(b in band[1] for b in table_breaks) and \
            all(b <= band[0].start or b in band[1] for b in table_breaks):
        title_rows = band[0]
    return SheetPlan(pieces, heights, table_breaks, title_rows)


def _page_ends(grid: FormGrid, pieces: list[Piece], heights: list[float],
               head_heights: tuple[float, ...], page_pt: float, keeps: dict[int, int],
               band: tuple[range, range] | None) -> list[int]:
    """Table rows (0-based) that start a page below the title rows, as ``page_breaks``
    finds them; where a label merged over a page end goes on in rows too short for it
    printed again (产出指标（续）), they grow, on that page. *keeps*: the first row of a
    header → the first row under it, which starts on the header's page. *band*: the
    header rows, printed again atop each page that starts in the rows they head."""
    labels = sorted((p for p in pieces if _prints_again(p)), key=lambda p: p.first_row)
    waiting, active = 0, []
    breaks = page_breaks(list(head_heights), page_pt)
    used = sum(head_heights[breaks[-1]:] if breaks else head_heights)
    table_breaks = []
    for row in range(len(heights)):
        height = heights[row]
        if row in keeps:
            height = sum(heights[row:keeps[row] + 1])
        if used + height > page_pt + 0.01 and used > 0:
            table_breaks.append(row)
            used = sum(heights[r] for r in band[0]) if band and row in band[1] else 0.0
            while waiting < len(labels) and labels[waiting].first_row < row:
                active.append(labels[waiting])
                waiting += 1
            active = [p for p in active if p.last_row >= row]
            for piece in active:
                measure = cell_measure(grid, piece.cell)
                need = measure.height(again_paragraphs(grid, piece))
                rows = range(row, piece.last_row + 1)
                if not _holds(heights, rows, need):
                    grow(heights, rows, need)
        used += heights[row]
    return table_breaks


def _holds(heights: list[float], rows: range, need: float) -> bool:
    """Are *rows* together at least *need* tall? Added up only as far as needed: a label
    merged over the whole table is asked at every page end."""
    total = 0.0
    for r in rows:
        total += heights[r]
        if total >= need - 0.01:
            return True
    return False


def _prints_again(piece: Piece) -> bool:
    """A label, not empty and whole (not a piece of an overlong one)?"""
    return piece.cell.role == "label" and bool(piece.paragraphs) and not (
        (piece.open_top and not piece.below_header) or piece.open_bottom)


def again_paragraphs(grid: FormGrid, piece: Piece) -> tuple[str, ...]:
    """The label of *piece* as printed again after a page end, broken into its lines;
    none for a text, an empty label or a piece of an overlong one."""
    if not _prints_again(piece):
        return ()
    return _again_lines(piece.cell.paragraphs, cell_measure(grid, piece.cell))


@functools.lru_cache(maxsize=1024)  # a form repeats 产出数量指标 at thousands of page ends
def _again_lines(paragraphs: tuple[str, ...], measure: Measure) -> tuple[str, ...]:
    return tuple(line for p in sheet_paragraphs(continued_paragraphs(paragraphs))
                 for line in wrap_label(p, measure))


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


def _close_at_pages(grid: FormGrid, piece: Piece, heights: list[float],
                    breaks: list[int]) -> list[Piece]:
    """*piece* closed at the page ends it meets: a piece a page end cuts off from the one
    above gets its rule there; one merged over page ends is merged on each page instead,
    its text on the first page part tall enough for it (else the tallest), as the PDF
    places such a label; a label (a whole one, not a piece of an overlong one) prints
    again, marked （续）, in the parts after that; the other parts print nothing."""
    starts = breaks[bisect.bisect_left(breaks, piece.first_row):
                    bisect.bisect_right(breaks, piece.last_row + 1)]
    if not starts:
        return [piece]
    page_starts = set(starts)  # asked for each part: a label may span thousands of pages
    inner = [b for b in starts if piece.first_row < b <= piece.last_row]
    bounds = [piece.first_row, *inner, piece.last_row + 1]
    parts = list(itertools.pairwise(bounds))
    tall = [sum(heights[a:b]) for a, b in parts]
    text = cell_measure(grid, piece.cell).height(piece.paragraphs) if len(parts) > 1 else 0.0
    holder = next((i for i, h in enumerate(tall) if h >= text - 0.01),
                  max(range(len(parts)), key=tall.__getitem__))
    again = again_paragraphs(grid, piece)
    out = []
    for i, (a, b) in enumerate(parts):
        first, last = i == 0, i == len(parts) - 1
        out.append(dataclasses.replace(
            piece, paragraphs=piece.paragraphs if i == holder else again if i > holder else (),
            first_row=a, last_row=b - 1,
            open_top=piece.open_top and first and a not in page_starts,
            open_bottom=piece.open_bottom and last and b not in page_starts,
            valign=piece.valign if len(parts) == 1 else "center",
            after_page_end=not first or (piece.open_top and a in page_starts)))
    return out
