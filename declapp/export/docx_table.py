"""The Word table as WordprocessingML text, row by row.

A form of 100,000 items is some 25,000 table rows and a million XML elements: built as a
python-docx tree they took over a gigabyte and 17 s, so the writer builds only the
document around the table with python-docx and streams these rows into its
``word/document.xml``. Each row is the same markup python-docx would have produced:
``w:gridSpan`` and ``w:vMerge`` from the grid's spans, the column widths on every cell
(read by Word; LibreOffice and WPS read ``w:tblGrid``), borders, and a run per line.

A row whose text fits on a page is marked ``w:cantSplit``: Word and LibreOffice then
move it whole to the next page instead of printing "其他说明" at the foot of one page
and "的问题" at the head of the next. A row taller than a page stays free to flow.

The grid's header rows (一级指标 | 二级指标 | …, ``FormGrid.header_rows``) repeat at the
top of every page the indicators continue on (``w:tblHeader``) and are kept with the row
after them (``w:keepNext``). Word and LibreOffice repeat only the rows a table starts
with, so the table is cut above the header, and again below the last indicator (else
the header would print over 预算执行偏差说明 on a page after the indicators): a hidden
one-point paragraph keeps the tables apart without a gap, and a label merged over a cut
(绩效目标 in the 2019 template) continues in the next table with no rule between its
parts.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterator

from declapp.export.text_measure import PT_PER_MM, Measure, Rest
from declapp.layout import Cell, FormGrid, clean_paragraphs, label_breaks

TWIPS_PER_MM = 1440 / 25.4
TWIPS_PER_PT = 20
WORD_CELL_MARGINS_PT = 10.8  # Word's default cell margins, 0.19 cm on either side
BORDER_SIDES = ("top", "left", "bottom", "right")
# A row estimated taller than this share of the page's text height may flow over a page
# end. The estimate is generous (sheet_plan's measure), so a row kept whole fits.
KEEP_WHOLE_SHARE = 1 / 3


def escape(text: str) -> str:
    """*text* as XML character data: ``&``, ``<`` and ``>`` escaped, as
    ``xml.sax.saxutils.escape`` does (which imports urllib and http: 30 ms of a command-line
    export)."""
    return text.replace("&", "&amp;").replace(">", "&gt;").replace("<", "&lt;")


_ATTRIBUTE = str.maketrans({"\n": "&#10;", "\r": "&#13;", "\t": "&#9;"})


def quoteattr(text: str) -> str:
    """*text* escaped and quoted as an XML attribute value, as ``xml.sax.saxutils.quoteattr``."""
    text = escape(text).translate(_ATTRIBUTE)
    if '"' not in text:
        return f'"{text}"'
    if "'" not in text:
        return f"'{text}'"
    return '"' + text.replace('"', "&quot;") + '"'


def twips(mm: float) -> int:
    return round(mm * TWIPS_PER_MM)


def run_properties_xml(font_name: str, size_pt: float, bold: bool = False,
                       latin: str | None = None) -> str:
    """``w:rPr`` naming *font_name* for Chinese and *latin* (or the same) for the rest,
    at *size_pt*."""
    name = quoteattr(font_name)
    other = quoteattr(latin or font_name)
    half_points = round(size_pt * 2)
    fonts = f"<w:rFonts w:ascii={other} w:hAnsi={other} w:eastAsia={name} w:cs={other}/>"
    weight = "<w:b/><w:bCs/>" if bold else ""
    return (f"<w:rPr>{fonts}{weight}<w:sz w:val=\"{half_points}\"/>"
            f"<w:szCs w:val=\"{half_points}\"/></w:rPr>")


def _borders_xml(tag: str) -> str:
    edges = "".join(f'<w:{side} w:val="single" w:sz="4" w:space="0" w:color="000000"/>'
                    for side in BORDER_SIDES)
    return f"<{tag}>{edges}</{tag}>"


_CELL_BORDERS = _borders_xml("w:tcBorders")
# Between the two tables: a paragraph nobody sees, one point high if hidden text is shown.
TABLE_SEPARATOR = ('<w:p><w:pPr><w:spacing w:before="0" w:after="0" w:line="20" '
                   'w:lineRule="exact"/><w:rPr><w:vanish/><w:sz w:val="2"/>'
                   '<w:szCs w:val="2"/></w:rPr></w:pPr></w:p>')


def _open_borders_xml(top: bool, bottom: bool) -> str:
    if not (top or bottom):
        return _CELL_BORDERS
    edges = "".join(
        f'<w:{side} w:val="nil"/>' if (side == "top" and top) or (side == "bottom" and bottom)
        else f'<w:{side} w:val="single" w:sz="4" w:space="0" w:color="000000"/>'
        for side in BORDER_SIDES)
    return f"<w:tcBorders>{edges}</w:tcBorders>"


def run_xml(text: str, run_properties: str) -> str:
    """A run of *text*; a tab is a ``w:tab`` element, not lost text, a line end a
    ``w:br``."""
    pieces = []
    for i, piece in enumerate(text.split("\t")):
        if i:
            pieces.append("<w:tab/>")
        for j, part in enumerate(piece.split("\n")):
            if j:
                pieces.append("<w:br/>")
            if part:
                pieces.append(f'<w:t xml:space="preserve">{escape(part)}</w:t>')
    return f"<w:r>{run_properties}{''.join(pieces)}</w:r>"


def _ems(text: str) -> float:
    return sum(1.0 if unicodedata.east_asian_width(ch) in ("W", "F", "A") else 0.5
               for ch in text)


def label_line(text: str, width: int, size_pt: float) -> str:
    """A label's line as Word is to print it, broken where it reads well
    (``layout.label_breaks``): where Word would cut a word or leave the last character
    alone (服务对象 / 满意度指 / 标 in 22 mm), a line break before the last line. Word's
    lines are reckoned in ems (Latin: half one) within the cell's width less Word's cell
    margins."""
    room = width / TWIPS_PER_PT - WORD_CELL_MARGINS_PT
    lines: list[str] = []
    line, used = "", 0.0
    for ch in text:
        em = _ems(ch) * size_pt
        if line and used + em > room + 1e-6:
            lines.append(line)
            line, used = "", 0.0
        line += ch
        used += em
    lines.append(line)
    mended = label_breaks(lines, lambda part: _ems(part) * size_pt <= room + 1e-6)
    return text if mended is lines else f"{''.join(mended[:-1])}\n{mended[-1]}"


def cell_xml(width: int, colspan: int, vmerge: str | None, role: str,
             paragraphs: tuple[str, ...], run_properties: str, *, keep_next: bool = False,
             open_top: bool = False, open_bottom: bool = False, size_pt: float = 0.0) -> str:
    """A ``w:tc``; *keep_next* keeps its row with the next, *open_top* and *open_bottom*
    leave out the rule above or below (a merged cell cut where the table is cut). A
    label's lines in text of *size_pt* keep their last character company."""
    parts = [f'<w:tc><w:tcPr><w:tcW w:w="{width}" w:type="dxa"/>']
    if colspan > 1:
        parts.append(f'<w:gridSpan w:val="{colspan}"/>')
    if vmerge == "restart":
        parts.append('<w:vMerge w:val="restart"/>')
    elif vmerge is not None:
        parts.append("<w:vMerge/>")
    parts.append(_open_borders_xml(open_top, open_bottom))
    parts.append('<w:vAlign w:val="center"/></w:tcPr>')
    align = "center" if role == "label" else "left"
    keep = "<w:keepNext/>" if keep_next else ""
    for line in clean_paragraphs(paragraphs) or ("",):
        if role == "label" and size_pt and line:
            line = label_line(line, width, size_pt)
        run = run_xml(line, run_properties) if line else ""
        parts.append(f'<w:p><w:pPr>{keep}<w:jc w:val="{align}"/></w:pPr>{run}</w:p>')
    parts.append("</w:tc>")
    return "".join(parts)


class _KeepWhole:
    """Decides which rows fit on a page and are kept whole."""

    def __init__(self, grid: FormGrid) -> None:
        self.grid = grid
        self.limit_pt = grid.page.text_height_mm * PT_PER_MM * KEEP_WHOLE_SHARE

    def __call__(self, cells: list[Cell]) -> bool:
        for cell in cells:
            if cell.rowspan > 1 or not cell.paragraphs:
                continue
            width_pt = sum(self.grid.columns_mm[cell.col:cell.last_col + 1]) * PT_PER_MM
            measure = Measure(width_pt, self.grid.type.body_pt)
            # Measured no further than the limit: a 10-million-character cell costs
            # no more than a page of it.
            if Rest(cell.paragraphs).height_within(measure, self.limit_pt) > self.limit_pt:
                return False
        return True


def _header_run(grid: FormGrid) -> tuple[list[int], int]:
    """The header rows the table repeats (the first run of consecutive ones) and the
    last row of the indicators under them."""
    runs = grid.header_runs()
    if not runs:
        return [], grid.n_rows - 1
    run, end = runs[0]
    return list(run), end


def _part(cuts: list[int], row: int, n_rows: int) -> tuple[int, int]:
    """The first and last row of the table, between *cuts*, that holds *row*."""
    start, stop = 0, n_rows
    for cut in cuts:
        if cut <= row:
            start = cut
        else:
            stop = cut
            break
    return start, stop - 1


def table_rows_xml(grid: FormGrid, table_start: str = "") -> Iterator[str]:
    """Each ``w:tr`` of the table, in order. With *table_start* (the ``w:tbl`` start tag,
    ``w:tblPr`` and ``w:tblGrid`` of the table), the table is cut above its header rows
    and below the indicators they head: the text yielded before the first row of each
    part closes the table and opens the next."""
    widths = [twips(mm) for mm in grid.columns_mm]
    run_properties = run_properties_xml(grid.type.body_fonts[0], grid.type.body_pt,
                                        latin=grid.type.latin_font)
    keeps_whole = _KeepWhole(grid)
    starting: list[list[Cell]] = [[] for _ in range(grid.n_rows)]
    for each in grid.cells:
        starting[each.row].append(each)
    owners = grid.owner_map()
    headers, end = _header_run(grid)
    cuts = [r for r in ((headers[0], end + 1) if headers and table_start else ())
            if 0 < r < grid.n_rows]
    for r in range(grid.n_rows):
        if r in cuts:
            yield f"</w:tbl>{TABLE_SEPARATOR}{table_start}"
        part_first, part_last = _part(cuts, r, grid.n_rows)
        header = r in headers
        parts = ["<w:tr>"]
        if header:
            parts.append("<w:trPr><w:cantSplit/><w:tblHeader/></w:trPr>")
        elif keeps_whole(starting[r]):
            parts.append("<w:trPr><w:cantSplit/></w:trPr>")
        row = owners[r]
        c = 0
        while c < len(row):
            cell: Cell | None = row[c]
            if cell is None:  # a hole in the grid still needs a cell for Word to open the file
                parts.append(cell_xml(widths[c], 1, None, "text", (), run_properties,
                                      keep_next=header))
                c += 1
                continue
            width = sum(widths[cell.col:cell.last_col + 1])
            # Where the table is cut, a merged cell ends above the cut and starts anew below.
            first, last = max(cell.row, part_first), min(cell.last_row, part_last)
            vmerge = None if first == last else "restart" if first == r else "continue"
            paragraphs = cell.paragraphs if cell.row == r else ()
            parts.append(cell_xml(width, cell.colspan, vmerge, cell.role, paragraphs,
                                  run_properties, keep_next=header,
                                  open_top=first > cell.row, open_bottom=last < cell.last_row,
                                  size_pt=grid.type.body_pt))
            c = cell.last_col + 1
        parts.append("</w:tr>")
        owners[r] = []  # written: let it go
        yield "".join(parts)
