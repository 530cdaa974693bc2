"""A Word (.docx) file as a ``SourceGrid``: its tables one after another, merges resolved.

Read straight from the package with lxml (python-docx's object model is slow for large
tables and hides ``w:gridBefore``, ``w:hMerge`` and content controls), as a stream
(``xml_parts``): each paragraph outside the tables and each table row is read when it
ends and then dropped, so memory follows the form, not the file. Positions are twips
from the table's left edge, from ``w:tblGrid``. Text is what Word prints: ``w:t``, tabs,
line breaks (``w:br``, ``w:cr``); not deleted text, field codes, hidden runs, or drawings
and text boxes (their fallback copies would count twice).

A table is at most ``MAX_GRID_COLUMNS`` wide: spans and ``w:gridBefore`` are clamped to
its grid (a form has a few dozen columns; ``w:gridSpan="1000000000"`` is damage or an
attack), cells past the last column join the last one's text, and tables nested deeper
than ``MAX_NESTING`` inside cells are read as their text.
"""

from __future__ import annotations

import zipfile
from collections.abc import Iterator

from lxml.etree import _Element as Element  # lxml's element type (it ships no stubs)

from declapp.form.text import clean_text
from declapp.importing import xml_parts
from declapp.importing.grid import Slot, SourceCell, SourceGrid
from declapp.importing.source_file import SourceError

TRANSITIONAL = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
STRICT = "http://purl.oclc.org/ooxml/wordprocessingml/main"
_MC = "http://schemas.openxmlformats.org/markup-compatibility/2006"
_REL_NS = "http://schemas.openxmlformats.org/package/2006/relationships"
DEFAULT_COL_TWIPS = 1500.0
MAX_GRID_COLUMNS = 64  # the forms have 4; a table wider than this is not a form's
MAX_NESTING = 8  # tables inside cells inside tables …: deeper ones are read as text
MAX_WRAPPERS = 64  # content controls and custom XML around one block
# Paragraphs outside the tables and rows of the tables: a form has some dozens and a
# few hundred; our export of a draft at the entry limit some 40,000 rows.
MAX_PARAGRAPHS = 50_000
MAX_ROWS = 200_000
_SMALL_PART = 4 * xml_parts.MB  # the package relationships


def main_part_name(package: zipfile.ZipFile, file: str = "") -> str:
    """The name of the main document part, from the package relationships."""
    try:
        for _event, rel in xml_parts.iterparse(package, "_rels/.rels", file,
                                               limit=_SMALL_PART):
            if rel.tag == f"{{{_REL_NS}}}Relationship" and \
                    rel.get("Type", "").endswith("/officeDocument"):
                return str(rel.get("Target", "")).lstrip("/")
    except SourceError:
        pass
    return "word/document.xml"


def read_docx_grid(package: zipfile.ZipFile, file: str = "Word 文件") -> SourceGrid:
    """The grid of the main document part; ``SourceError`` for a part too large to be a
    form's, or one that is not well-formed."""
    grid = SourceGrid()
    name = main_part_name(package, file)
    ns = _namespace(package, name, file)
    reader = _Reader(ns)
    stream = _Stream(grid, reader, file)
    tags = (reader.P, reader.TR, reader.TBL_GRID, reader.TBL)
    for _event, el in xml_parts.iterparse(package, name, file, tags=tags,
                                          what="正文（document.xml）"):
        stream.end(el)
    return grid


def _namespace(package: zipfile.ZipFile, name: str, file: str) -> str:
    """Which Word wrote the part: the namespace of its root (strict or transitional)."""
    for _event, el in xml_parts.iterparse(package, name, file, events=("start",),
                                          what="正文（document.xml）"):
        return STRICT if str(el.tag).startswith(f"{{{STRICT}}}") else TRANSITIONAL
    return TRANSITIONAL


class _Stream:
    """Reads each block of the body as it ends: a paragraph outside the tables, a table
    row (whole, with the tables inside its cells), a table's column widths."""

    def __init__(self, grid: SourceGrid, reader: _Reader, file: str) -> None:
        self.grid = grid
        self.reader = reader
        self.file = file
        self.paragraphs = 0
        self.table: _Table | None = None
        self.table_element: Element | None = None
        self.seen_table = False

    def _body_level(self, el: Element) -> bool:
        """Is *el* a block of the body itself (through content controls and custom XML)?"""
        reader = self.reader
        parent = el.getparent()
        while parent is not None and parent.tag in reader.WRAPPERS:
            parent = parent.getparent()
        return parent is not None and parent.tag == reader.BODY

    def _table_of(self, el: Element) -> Element | None:
        """The table *el* (a row or a grid) belongs to, through wrappers; None if *el*
        is not directly in a table."""
        reader = self.reader
        parent = el.getparent()
        while parent is not None and parent.tag in reader.WRAPPERS:
            parent = parent.getparent()
        return parent if parent is not None and parent.tag == reader.TBL else None

    def _state(self, tbl: Element) -> _Table:
        if self.table is None or self.table_element is not tbl:
            self.table, self.table_element = _Table(), tbl
            self.seen_table = True
        return self.table

    def end(self, el: Element) -> None:
        reader = self.reader
        tag = el.tag
        if tag == reader.P:
            if self._body_level(el):
                self.paragraphs += 1
                if self.paragraphs > MAX_PARAGRAPHS:
                    raise self._too_many(f"{MAX_PARAGRAPHS:,} 个段落")
                text = reader.paragraph(el) if len(el) else ""
                if text.strip():
                    (self.grid.after if self.seen_table else self.grid.before).append(text)
                xml_parts.drop(el)
            return
        if tag == reader.TBL:
            if self._body_level(el):
                self.seen_table = True
                self.table = self.table_element = None
                xml_parts.drop(el)
            return
        tbl = self._table_of(el)
        if tbl is None or not self._body_level(tbl):
            return  # inside a cell: read with its row
        if tag == reader.TBL_GRID:
            self._state(tbl).set_widths(reader.grid_widths(el))
        elif tag == reader.TR:
            if len(self.grid.rows) >= MAX_ROWS:
                raise self._too_many(f"{MAX_ROWS:,} 个表格行")
            self.grid.rows.append(self._state(tbl).row(reader, el))
            xml_parts.drop(el)

    def _too_many(self, what: str) -> SourceError:
        return SourceError(f"“{self.file}”中的内容异常大（正文中有超过 {what}），"
                           "不像一份申报表，无法导入。")


class _Table:
    """The columns of one table and the cells of its last row (for vertical merges)."""

    def __init__(self) -> None:
        self.edges = [0.0]  # left edge of each grid column, then the right edge
        self.grid_columns = 0  # columns w:tblGrid declares (0: none)
        self.above: dict[int, Slot] = {}  # grid column where a cell starts → its slot

    def set_widths(self, widths: list[float]) -> None:
        for width in widths[:MAX_GRID_COLUMNS]:
            self.edges.append(self.edges[-1] + width)
        self.grid_columns = len(self.edges) - 1

    def _edge(self, col: int) -> float:
        while len(self.edges) <= col:
            self.edges.append(self.edges[-1] + DEFAULT_COL_TWIPS)
        return self.edges[col]

    def row(self, reader: _Reader, tr: Element) -> list[Slot]:
        w = reader.w
        declared = self.grid_columns
        last = (declared or MAX_GRID_COLUMNS) - 1
        col = min(max(reader.int_val(tr.find(f"{w}trPr"), f"{w}gridBefore", 0), 0), last)
        row: list[Slot] = []
        current: dict[int, Slot] = {}
        for tc in reader.cells(tr):
            tc_pr = tc.find(f"{w}tcPr")
            text = reader.cell_text(tc)
            if col >= MAX_GRID_COLUMNS and row:  # past any form's last column: keep the text
                _append(row[-1].cell, text)
                continue
            # A span stays inside the declared grid (past it, a cell is one column wide).
            room = declared - col if col < declared else (1 if declared else
                                                          MAX_GRID_COLUMNS - col)
            span = max(1, min(reader.int_val(tc_pr, f"{w}gridSpan", 1), room))
            x0, x1 = self._edge(col), self._edge(col + span)
            hmerge = tc_pr.find(f"{w}hMerge") if tc_pr is not None else None
            vmerge = tc_pr.find(f"{w}vMerge") if tc_pr is not None else None
            if hmerge is not None and hmerge.get(f"{w}val") != "restart" and row:
                left = row[-1]
                row[-1] = Slot(left.cell, left.x0, x1, left.first)
                _append(left.cell, text)
            elif vmerge is not None and vmerge.get(f"{w}val") != "restart" \
                    and col in self.above:
                origin = self.above[col].cell
                _append(origin, text)
                row.append(Slot(origin, x0, x1, first=False))
                current[col] = row[-1]
            else:
                row.append(Slot(SourceCell(text), x0, x1))
                current[col] = row[-1]
            col += span
        self.above = current
        return row


class _Reader:
    """What Word prints of a paragraph, a cell, a table inside a cell."""

    def __init__(self, ns: str) -> None:
        w = f"{{{ns}}}"
        self.w = w
        self.BODY = f"{w}body"
        self.P, self.TBL, self.TR, self.TC = f"{w}p", f"{w}tbl", f"{w}tr", f"{w}tc"
        self.TBL_GRID = f"{w}tblGrid"
        self.SDT, self.SDT_CONTENT, self.CUSTOM = f"{w}sdt", f"{w}sdtContent", f"{w}customXml"
        # Content controls and custom XML wrap blocks, rows and cells: looked through.
        self.WRAPPERS = (self.SDT, self.SDT_CONTENT, self.CUSTOM)
        # What each text element prints; None: its own text.
        self.TEXT_TAGS: dict[str, str | None] = {
            f"{w}t": None, f"{w}tab": "\t", f"{w}br": "\n", f"{w}cr": "\n",
            f"{w}noBreakHyphen": "-"}
        # Runs inside these are not the paragraph's printed text.
        self.DROP = (f"{{{_MC}}}AlternateContent", f"{w}drawing", f"{w}pict", f"{w}object",
                     f"{w}txbxContent", f"{w}del", f"{w}moveFrom")

    def blocks(self, parent: Element) -> Iterator[Element]:
        """Block-level children, looking through content controls and custom XML (at most
        ``MAX_WRAPPERS`` deep: deeper wrapping is not Word's)."""
        stack: list[tuple[Iterator[Element], int]] = [(iter(parent), 0)]
        while stack:
            children, depth = stack[-1]
            el = next(children, None)
            if el is None:
                stack.pop()
                continue
            if el.tag == self.SDT:
                content = el.find(self.SDT_CONTENT)
                if content is not None and depth < MAX_WRAPPERS:
                    stack.append((iter(content), depth + 1))
            elif el.tag == self.CUSTOM:
                if depth < MAX_WRAPPERS:
                    stack.append((iter(el), depth + 1))
            elif isinstance(el.tag, str):
                yield el

    # --- text ------------------------------------------------------------------------------
    def paragraph(self, p: Element) -> str:
        parts: list[str] = []
        for run in p.iter(f"{self.w}r"):
            if self._hidden(run) or self._dropped(run, p):
                continue
            for el in run:
                if el.tag in self.TEXT_TAGS:
                    fixed = self.TEXT_TAGS[el.tag]
                    parts.append(fixed if fixed is not None else str(el.text or ""))
        return clean_text("".join(parts))

    def _hidden(self, run: Element) -> bool:
        rpr = run.find(f"{self.w}rPr")
        if rpr is None:
            return False
        vanish = rpr.find(f"{self.w}vanish")
        return vanish is not None and vanish.get(f"{self.w}val", "true") not in ("0", "false")

    def _dropped(self, run: Element, p: Element) -> bool:
        """A run inside a drawing, text box or alternate content (not the paragraph's own)."""
        parent = run.getparent()
        while parent is not None and parent is not p:
            if parent.tag in self.DROP:
                return True
            parent = parent.getparent()
        return False

    def cell_text(self, tc: Element, depth: int = 0) -> str:
        lines: list[str] = []
        for el in self.blocks(tc):
            if el.tag == self.P:
                lines.append(self.paragraph(el))
            elif el.tag == self.TBL:  # a table inside a cell: its cells' texts in order
                if depth >= MAX_NESTING:
                    lines.extend(self.paragraph(p) for p in el.iter(self.P))
                    continue
                for tr in self.rows(el):
                    for inner in self.cells(tr):
                        lines.append(self.cell_text(inner, depth + 1))
        return "\n".join(lines)

    # --- tables ----------------------------------------------------------------------------
    def rows(self, tbl: Element) -> Iterator[Element]:
        for el in self.blocks(tbl):
            if el.tag == self.TR:
                yield el

    def cells(self, tr: Element) -> Iterator[Element]:
        for el in self.blocks(tr):
            if el.tag == self.TC:
                yield el

    def int_val(self, parent: Element | None, path: str, default: int) -> int:
        el = parent.find(path) if parent is not None else None
        text = el.get(f"{self.w}val") if el is not None else None
        if text is None:
            return default
        text = text.strip()
        if not text.isdigit() or len(text) > 9:  # "99999999999999999999": damage
            return default if not text.isdigit() else 10 ** 9
        return int(text)

    def grid_widths(self, tbl_grid: Element) -> list[float]:
        widths: list[float] = []
        for col in tbl_grid.findall(f"{self.w}gridCol")[:MAX_GRID_COLUMNS]:
            try:
                width = float(col.get(f"{self.w}w", DEFAULT_COL_TWIPS))
            except ValueError:
                width = DEFAULT_COL_TWIPS
            # A width that is not a positive finite number of twips draws no column.
            widths.append(width if 0 < width < 1e7 else DEFAULT_COL_TWIPS)
        return widths


def _append(cell: SourceCell, text: str) -> None:
    """Text in a merged-away cell is kept, after the text of the cell it merged into."""
    if text.strip():
        cell.text = f"{cell.text}\n{text}" if cell.text else text

