"""A Word (.docx) file as a ``SourceGrid``: its tables one after another, merges resolved.

Read straight from the package with lxml (python-docx's object model is slow for large
tables and hides ``w:gridBefore``, ``w:hMerge`` and content controls). Positions are
twips from the table's left edge, from ``w:tblGrid``. Text is what Word prints: ``w:t``,
tabs, line breaks (``w:br``, ``w:cr``); not deleted text, field codes, hidden runs, or
drawings and text boxes (their fallback copies would count twice).
"""

from __future__ import annotations

import zipfile
from collections.abc import Iterator
from itertools import accumulate

from lxml import etree
from lxml.etree import _Element as Element  # lxml's element type (it ships no stubs)

from declapp.form.text import clean_text
from declapp.importing.grid import Slot, SourceCell, SourceGrid

TRANSITIONAL = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
STRICT = "http://purl.oclc.org/ooxml/wordprocessingml/main"
_MC = "http://schemas.openxmlformats.org/markup-compatibility/2006"
_REL_NS = "http://schemas.openxmlformats.org/package/2006/relationships"
DEFAULT_COL_TWIPS = 1500.0
_PARSER = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=True)


def main_part_name(package: zipfile.ZipFile) -> str:
    """The name of the main document part, from the package relationships."""
    try:
        rels = etree.fromstring(package.read("_rels/.rels"), _PARSER)
    except (KeyError, etree.XMLSyntaxError):
        return "word/document.xml"
    for rel in rels.iter(f"{{{_REL_NS}}}Relationship"):
        if rel.get("Type", "").endswith("/officeDocument"):
            return str(rel.get("Target", "")).lstrip("/")
    return "word/document.xml"


def read_docx_grid(package: zipfile.ZipFile) -> SourceGrid:
    root = etree.fromstring(package.read(main_part_name(package)), _PARSER)
    ns = STRICT if root.tag.startswith(f"{{{STRICT}}}") else TRANSITIONAL
    return _Reader(ns).read(root)


class _Reader:
    def __init__(self, ns: str) -> None:
        w = f"{{{ns}}}"
        self.w = w
        self.P, self.TBL, self.TR, self.TC = f"{w}p", f"{w}tbl", f"{w}tr", f"{w}tc"
        self.SDT, self.SDT_CONTENT, self.CUSTOM = f"{w}sdt", f"{w}sdtContent", f"{w}customXml"
        # What each text element prints; None: its own text.
        self.TEXT_TAGS: dict[str, str | None] = {
            f"{w}t": None, f"{w}tab": "\t", f"{w}br": "\n", f"{w}cr": "\n",
            f"{w}noBreakHyphen": "-"}
        # Runs inside these are not the paragraph's printed text.
        self.DROP = (f"{{{_MC}}}AlternateContent", f"{w}drawing", f"{w}pict", f"{w}object",
                     f"{w}txbxContent", f"{w}del", f"{w}moveFrom")

    def read(self, root: Element) -> SourceGrid:
        body = root.find(f"{self.w}body")
        grid = SourceGrid()
        if body is None:
            return grid
        seen_table = False
        for el in self.blocks(body):
            if el.tag == self.TBL:
                seen_table = True
                self.table(el, grid)
            elif el.tag == self.P:
                text = self.paragraph(el)
                if text.strip():
                    (grid.after if seen_table else grid.before).append(text)
        return grid

    def blocks(self, parent: Element) -> Iterator[Element]:
        """Block-level children, looking through content controls and custom XML."""
        for el in parent:
            if el.tag == self.SDT:
                content = el.find(self.SDT_CONTENT)
                if content is not None:
                    yield from self.blocks(content)
            elif el.tag == self.CUSTOM:
                yield from self.blocks(el)
            else:
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

    def cell_text(self, tc: Element) -> str:
        lines: list[str] = []
        for el in self.blocks(tc):
            if el.tag == self.P:
                lines.append(self.paragraph(el))
            elif el.tag == self.TBL:  # a table inside a cell: its cells' texts in order
                for tr in self.rows(el):
                    for inner in self.cells(tr):
                        lines.append(self.cell_text(inner))
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

    def _int(self, parent: Element | None, path: str, default: int) -> int:
        el = parent.find(path) if parent is not None else None
        try:
            return int(el.get(f"{self.w}val")) if el is not None else default
        except (TypeError, ValueError):
            return default

    def table(self, tbl: Element, grid: SourceGrid) -> None:
        w = self.w
        widths: list[float] = []
        tbl_grid = tbl.find(f"{w}tblGrid")
        if tbl_grid is not None:
            for col in tbl_grid.findall(f"{w}gridCol"):
                try:
                    widths.append(float(col.get(f"{w}w", DEFAULT_COL_TWIPS)))
                except ValueError:
                    widths.append(DEFAULT_COL_TWIPS)
        above: dict[int, Slot] = {}  # grid column where a cell starts → its slot in the last row
        for tr in self.rows(tbl):
            tr_pr = tr.find(f"{w}trPr")
            col = self._int(tr_pr, f"{w}gridBefore", 0)
            row: list[Slot] = []
            current: dict[int, Slot] = {}
            for tc in self.cells(tr):
                tc_pr = tc.find(f"{w}tcPr")
                span = max(1, self._int(tc_pr, f"{w}gridSpan", 1))
                while len(widths) < col + span:
                    widths.append(DEFAULT_COL_TWIPS)
                edges = [0.0, *accumulate(widths)]
                x0, x1 = edges[col], edges[col + span]
                text = self.cell_text(tc)
                hmerge = tc_pr.find(f"{w}hMerge") if tc_pr is not None else None
                vmerge = tc_pr.find(f"{w}vMerge") if tc_pr is not None else None
                if hmerge is not None and hmerge.get(f"{w}val") != "restart" and row:
                    last = row[-1]
                    row[-1] = Slot(last.cell, last.x0, x1, last.first)
                    _append(last.cell, text)
                elif vmerge is not None and vmerge.get(f"{w}val") != "restart" and col in above:
                    origin = above[col].cell
                    _append(origin, text)
                    row.append(Slot(origin, x0, x1, first=False))
                    current[col] = row[-1]
                else:
                    row.append(Slot(SourceCell(text), x0, x1))
                    current[col] = row[-1]
                col += span
            above = current
            grid.rows.append(row)


def _append(cell: SourceCell, text: str) -> None:
    """Text in a merged-away cell is kept, after the text of the cell it merged into."""
    if text.strip():
        cell.text = f"{cell.text}\n{text}" if cell.text else text
