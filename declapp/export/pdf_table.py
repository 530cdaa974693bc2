"""The PDF table planned as sub-rows on pages.

reportlab's ``Table`` cannot split a cell taller than a page, and a ``SPAN`` over a long
text breaks pagination. So the grid is planned here instead, with no ``Table`` at all:
every cell's text is broken into lines at its width (``pdf_text``); a long text is cut
into chunks of a few lines; each grid row becomes as many sub-rows as its longest cell
has chunks; the rules between sub-rows of one cell are left out when drawn, so they read
as one cell, and tables of 2, 3 and 4 column cuts stack with no gap. A short cell
"floats": it is drawn centred in the part of its (possibly merged) area on one page, and
enough of that area is kept together on a page for the text to fit. Pagination is a
simple walk over the sub-rows. A label whose area runs on over a page end prints again
in its part on the next page, marked （续） (``layout.continued_paragraphs``); that part
is made tall enough for it where the page breaks. The indicators' heading row
(``FormGrid.header_rows``) prints again at the top of each page its table runs on to, as
Word repeats it, and is kept on one page with the row below it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from operator import attrgetter

from reportlab.lib.units import mm

from declapp.export.pdf_text import Lines, TextStyle, break_paragraphs, label_lines
from declapp.layout import Cell, FormGrid, continued_paragraphs

PAD_X = 5.4  # Word's default cell margins, left and right
PAD_Y = 2.5
LEADING_FACTOR = 1.35
RULE_WIDTH = 0.5
# A long text is cut into chunks of this many lines; the rules between chunks of one
# cell are not drawn, so small chunks cost nothing visible and waste little paper where
# a page ends.
CHUNK_LINES = 2
# Labels up to a third of a page, texts up to this many lines, print as one block
# centred in their area (longer ones would not fit a page part).
FLOAT_FRACTION = 1 / 3
FLOAT_TEXT_LINES = 4


@dataclass(slots=True)
class Block:
    """Lines of one chunk of a cell, with the padding above and below it."""

    lines: Lines
    height: float
    pad_top: float = PAD_Y
    pad_bottom: float = PAD_Y


@dataclass(eq=False)
class PlanCell:
    """A grid cell with its wrapped text and its place among the sub-rows."""

    cell: Cell
    x: float
    width: float
    blocks: list[Block]
    style: TextStyle
    first: int = 0  # first and last sub-row of its area
    last: int = 0
    # Where a floating cell is drawn: top y and height of its page part.
    area: tuple[float, float] = (0.0, 0.0)
    _continued: Block | None = None
    # The labels printed again, by text and width, shared by the cells of one plan (a
    # form repeats 产出数量指标 at thousands of page ends); only read.
    again: dict[tuple[tuple[str, ...], float], Block] = field(default_factory=dict)

    @property
    def floating(self) -> bool:
        return len(self.blocks) <= 1

    @property
    def need(self) -> float:
        """Height its area needs for a floating cell's text."""
        return (self.blocks[0].height if self.blocks else 0.0) + 2 * PAD_Y

    @property
    def prints_again(self) -> bool:
        """Does its part after a page end print the label again?"""
        return self.cell.role == "label" and self.floating and bool(self.blocks)

    def continued(self) -> Block:
        """The label as its part after a page end prints it (``产出指标（续）``)."""
        if self._continued is None:
            key = (self.cell.paragraphs, self.width)
            found = self.again.get(key)
            if found is None:
                lines = label_lines(continued_paragraphs(self.cell.paragraphs), self.style,
                                    self.width - 2 * PAD_X)
                found = self.again[key] = Block(lines, len(lines) * self.style.leading)
            self._continued = found
        return self._continued


@dataclass(slots=True)
class SubRow:
    owners: list[PlanCell]  # the cell covering each column
    height: float = 0.0
    inflow: list[tuple[PlanCell, Block]] = field(default_factory=list)
    page: int = 0
    top: float = 0.0  # y of the top edge, PDF coordinates
    page_pad: float = 0.0  # padding above a text continued from the page before
    floats: list[PlanCell] = field(default_factory=list)  # floating cells drawn here
    # Labels printed again here, at the head of a page: (cell, top y, height of the part).
    repeats: list[tuple[PlanCell, float, float]] = field(default_factory=list)

    def groups(self) -> list[tuple[PlanCell, int, int]]:
        """Runs of columns with the same owner: (cell, first column, last column)."""
        runs: list[tuple[PlanCell, int, int]] = []
        for col, owner in enumerate(self.owners):
            if runs and runs[-1][0] is owner:
                runs[-1] = (owner, runs[-1][1], col)
            else:
                runs.append((owner, col, col))
        return runs


_height = attrgetter("height")


@dataclass
class TablePlan:
    rows: list[SubRow]
    pages: list[list[int]]  # sub-row indices on each page
    col_x: list[float]  # left edge of each column, and the right edge of the table
    # Per page, the heading printed again at its top: (sub-row of the heading, its copy
    # placed on this page); empty where the page repeats none.
    bands: list[list[tuple[int, SubRow]]] = field(default_factory=list)


class _Headings:
    """The header rows and the sub-rows each heads: a page that starts in the table below
    a header prints that header again at its top (a band as tall as the header)."""

    def __init__(self, grid: FormGrid, rows: list[SubRow], starts: list[int]) -> None:
        self.runs: list[range] = []  # the sub-rows of each header
        self.heights: list[float] = []
        self.of = [-1] * len(rows)  # the header heading each sub-row
        for run, end in grid.header_runs():
            band = range(starts[run[0]], starts[run[-1] + 1])
            body = range(band.stop, starts[end + 1])
            if not body:
                continue
            for s in body:
                self.of[s] = len(self.runs)
            self.runs.append(band)
            self.heights.append(sum(rows[k].height for k in band))

    @property
    def with_next(self) -> set[int]:
        """Sub-rows kept on one page with the sub-row after them: the headers'."""
        return {k for band in self.runs for k in band}

    def height(self, s: int) -> float:
        """The band sub-row *s* would have above it at the head of a page."""
        n = self.of[s]
        return self.heights[n] if n >= 0 else 0.0

    def band(self, rows: list[SubRow], s: int, page: int, top: float) -> list[tuple[int, SubRow]]:
        """The heading printed again above sub-row *s* on *page*, from *top* down."""
        n = self.of[s]
        if n < 0:
            return []
        placed = []
        for k in self.runs[n]:
            placed.append((k, SubRow(rows[k].owners, rows[k].height, page=page, top=top)))
            top -= rows[k].height
        return placed


def band_cells(band: list[tuple[int, SubRow]]) -> list[PlanCell]:
    """The cells of a band's header rows (not those that run on below them), by column."""
    first, last = band[0][0], band[-1][0]
    found: dict[int, PlanCell] = {}
    for _k, row in band:
        for pc in row.owners:
            if first <= pc.first and pc.last <= last:
                found.setdefault(id(pc), pc)
    return sorted(found.values(), key=lambda pc: pc.cell.col)


def _runs_through(band: list[tuple[int, SubRow]], pc: PlanCell) -> bool:
    """Does *pc* (not a header cell) own columns of *band*, its area running through it?"""
    return bool(band) and any(owner is pc for owner in band[-1][1].owners) and \
        pc.first <= band[0][0]


_Broken = dict[tuple[bool, tuple[str, ...], float], Lines]


def cell_blocks(cell: Cell, style: TextStyle, width: float, float_height: float,
                broken: _Broken | None = None) -> list[Block]:
    """The cell's text broken into lines and cut into blocks (none when empty).

    *broken* remembers the lines of texts already broken at a width in *style*: a form
    repeats many (指标 names, 万元, ≥95%, 按期完成); the lines are only read after."""
    label = cell.role == "label"
    key = (label, cell.paragraphs, width)
    found = broken.get(key) if broken is not None else None
    if found is None:
        found = (label_lines if label else break_paragraphs)(cell.paragraphs, style, width)
        if broken is not None:
            broken[key] = found
    lines = found
    if not len(lines):
        return []
    total = len(lines) * style.leading
    if len(lines) <= FLOAT_TEXT_LINES or (cell.role == "label" and total <= float_height):
        return [Block(lines, total)]
    blocks = [Block(lines.slice(k, k + CHUNK_LINES), 0.0, 0.0, 0.0)
              for k in range(0, len(lines), CHUNK_LINES)]
    for block in blocks:
        block.height = len(block.lines) * style.leading
    blocks[0].pad_top = blocks[-1].pad_bottom = PAD_Y
    return blocks


def plan_table(grid: FormGrid, style: TextStyle, left: float, frame_top: float,
               frame_height: float, first_page_used: float) -> TablePlan:
    """Break, cut and paginate the grid's table below *first_page_used* points of page 1."""
    col_x = [left]
    for width_mm in grid.columns_mm:
        col_x.append(col_x[-1] + width_mm * mm)
    cells: list[PlanCell] = []
    broken: _Broken = {}
    again: dict[tuple[tuple[str, ...], float], Block] = {}
    for cell in grid.cells:
        x, right = col_x[cell.col], col_x[cell.last_col + 1]
        blocks = cell_blocks(cell, style, right - x - 2 * PAD_X, frame_height * FLOAT_FRACTION,
                             broken)
        cells.append(PlanCell(cell, x, right - x, blocks, style, again=again))
    rows, starts = _sub_rows(grid, cells, min_height=style.leading + 2 * PAD_Y)
    headings = _Headings(grid, rows, starts)
    pages, bands = _paginate(rows, cells, headings, frame_top, frame_height, first_page_used)
    _anchor_floats(rows, cells, pages, bands)
    return TablePlan(rows, pages, col_x, bands)


def _sub_rows(grid: FormGrid, cells: list[PlanCell], min_height: float
              ) -> tuple[list[SubRow], list[int]]:
    """The sub-rows of the grid, and the first sub-row of each grid row (and the end)."""
    counts = [1] * grid.n_rows
    for pc in cells:
        if pc.cell.rowspan == 1:
            counts[pc.cell.row] = max(counts[pc.cell.row], len(pc.blocks))
    # A merged cell with more chunks than its rows have sub-rows lengthens its last row.
    for pc in sorted((p for p in cells if p.cell.rowspan > 1), key=lambda p: p.cell.rowspan):
        have = sum(counts[pc.cell.row:pc.cell.last_row + 1])
        if len(pc.blocks) > have:
            counts[pc.cell.last_row] += len(pc.blocks) - have
    starts = [0]
    for n in counts:
        starts.append(starts[-1] + n)
    owner_of = {id(c): pc for pc in cells for c in (pc.cell,)}
    owner_map = grid.owner_map()
    rows: list[SubRow] = []
    for r in range(grid.n_rows):
        # One list for all sub-rows of a grid row: it is only read.
        owners = [owner_of[id(c)] for c in owner_map[r]]
        rows.append(SubRow(owners, min_height))
        rows.extend(SubRow(owners) for _ in range(counts[r] - 1))
    for pc in cells:
        pc.first = starts[pc.cell.row]
        pc.last = starts[pc.cell.last_row + 1] - 1
        if not pc.floating:
            for i, block in enumerate(pc.blocks):
                row = rows[pc.first + i]
                row.inflow.append((pc, block))
                row.height = max(row.height, block.pad_top + block.height + block.pad_bottom)
    for row in rows:
        row.inflow.sort(key=lambda item: item[0].cell.col)
    # A floating cell's area must hold its text: the area's last sub-row grows.
    for pc in sorted((p for p in cells if p.floating), key=lambda p: p.last - p.first):
        tall = sum(map(_height, rows[pc.first:pc.last + 1]))
        if pc.need > tall:
            rows[pc.last].height += pc.need - tall
    return rows, starts


class _Keep:
    """For each sub-row, the height from its top that must stay on one page.

    A floating cell is drawn in one page's part of its area, so the sub-rows from the
    area's start down to where its text fits are kept together; chains of such
    requirements (a group label, then its first category label) add up. A header row
    is kept with the row after it.
    """

    def __init__(self, rows: list[SubRow], cells: list[PlanCell], with_next: set[int]) -> None:
        self.rows = rows
        self.with_next = with_next
        self.starting: dict[int, list[PlanCell]] = {}
        for pc in cells:
            if pc.floating and pc.blocks:
                self.starting.setdefault(pc.first, []).append(pc)
        self.heights = [row.height for row in rows]
        self.update(0, len(rows) - 1)

    def update(self, lo: int, hi: int) -> None:
        """Measure sub-rows *hi* down to *lo* again (their heights changed)."""
        rows, keep = self.rows, self.heights
        for s in range(hi, lo - 1, -1):
            own, prefix_end = rows[s].height, s
            if s in self.with_next:
                prefix_end = s + 1
            for pc in self.starting.get(s, ()):
                total, end = 0.0, s
                for i in range(s, pc.last + 1):
                    total, end = total + rows[i].height, i
                    if total >= pc.need - 0.01:
                        break
                if total > own:
                    own, prefix_end = total, max(prefix_end, end)
            keep[s] = own
            offset = 0.0
            for t in range(s, prefix_end + 1):
                if t > s:
                    keep[s] = max(keep[s], offset + keep[t])
                offset += rows[t].height


def _room_for_repeats(rows: list[SubRow], s: int, keep: _Keep,
                      band: list[tuple[int, SubRow]]) -> None:
    """Sub-row *s* heads a page: make the part of each label area it cuts (from *s* on,
    and through the *band* above it where the label owns its columns) tall enough for
    the label printed again there."""
    seen: set[int] = set()
    for pc in rows[s].owners:
        if id(pc) in seen or not pc.prints_again or pc.first >= s:
            continue
        seen.add(id(pc))
        need = pc.continued().height + 2 * PAD_Y
        if _runs_through(band, pc):
            need -= sum(row.height for _k, row in band)
        tall = 0.0
        for i in range(s, pc.last + 1):
            tall += rows[i].height
            if tall >= need - 0.01:
                break
        else:
            rows[pc.last].height += need - tall
            keep.update(s, pc.last)


def _paginate(rows: list[SubRow], cells: list[PlanCell], headings: _Headings,
              frame_top: float, frame_height: float, first_page_used: float
              ) -> tuple[list[list[int]], list[list[tuple[int, SubRow]]]]:
    """The sub-rows on each page, and the heading each page prints again at its top."""
    with_next = headings.with_next
    keeper = _Keep(rows, cells, with_next)
    keep = keeper.heights
    # A text continued over a page break gets padding at the break, like a new cell.
    continues = [any(block.pad_top == 0 for _pc, block in row.inflow) for row in rows]
    pages: list[list[int]] = [[]]
    bands: list[list[tuple[int, SubRow]]] = [[]]
    y = frame_top - first_page_used
    bottom = frame_top - frame_height
    for s, row in enumerate(rows):
        # A page this sub-row heads may begin with a header printed again.
        room = frame_height - headings.height(s)
        if keep[s] <= room:
            want = keep[s]
        else:  # at least a header and the sub-row after it stay together
            want = row.height + (rows[s + 1].height if s in with_next else 0.0)
        if s + 1 < len(rows) and continues[s + 1]:
            want += PAD_Y  # room for the padding should the page end below this row
        if y - want < bottom - 0.01 and (pages[-1] or len(pages) == 1):
            # (An empty first page means not even one sub-row fits below the title.)
            if pages[-1] and continues[s]:
                rows[pages[-1][-1]].height += PAD_Y
            pages.append([])
            bands.append(headings.band(rows, s, len(pages) - 1, frame_top))
            y = frame_top - headings.height(s)
            if continues[s]:
                row.page_pad = PAD_Y
                row.height += PAD_Y
            _room_for_repeats(rows, s, keeper, bands[-1])
        row.page, row.top = len(pages) - 1, y
        pages[-1].append(s)
        y -= row.height
    return pages, bands


def _anchor_floats(rows: list[SubRow], cells: list[PlanCell], pages: list[list[int]],
                   bands: list[list[tuple[int, SubRow]]]) -> None:
    """Choose where each floating cell is drawn: the first page part tall enough; a label
    prints again in each page part after that one (a part at the head of a page reaching
    up through the header printed again there, where the label owns its columns)."""
    for pc in cells:
        if not pc.floating or not pc.blocks:
            continue
        parts: list[tuple[int, float, float]] = []  # first sub-row, top, height
        for i in range(pc.first, pc.last + 1):
            row = rows[i]
            if parts and rows[parts[-1][0]].page == row.page:
                first, top, height = parts[-1]
                parts[-1] = (first, top, height + row.height)
            elif pages[row.page][0] == i and _runs_through(bands[row.page], pc):
                band = bands[row.page]
                parts.append((i, band[0][1].top, row.height + sum(b.height for _k, b in band)))
            else:
                parts.append((i, row.top, row.height))
        fitting = [n for n, p in enumerate(parts) if p[2] >= pc.need - 0.01]
        holder = fitting[0] if fitting else max(range(len(parts)), key=lambda n: parts[n][2])
        first, top, height = parts[holder]
        pc.area = (top, height)
        rows[first].floats.append(pc)
        if pc.prints_again and holder + 1 < len(parts):
            need = pc.continued().height + 2 * PAD_Y
            for first, top, height in parts[holder + 1:]:
                if height >= need - 0.01:
                    rows[first].repeats.append((pc, top, height))
    for row in rows:
        row.floats.sort(key=lambda pc: pc.cell.col)
