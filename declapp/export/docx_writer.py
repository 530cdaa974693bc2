"""Word (.docx) writer: renders the layout grid with python-docx.

The table is written as WordprocessingML directly (``w:gridSpan`` and ``w:vMerge``
from the grid's spans) instead of through ``cell.merge()``: merging joins the texts of
the merged cells and looking cells up by position is quadratic in python-docx, which a
form of a thousand indicator rows cannot afford. Column widths go both into
``w:tblGrid`` (read by LibreOffice and WPS) and onto every cell (read by Word).
"""

from __future__ import annotations

import datetime as dt
from itertools import pairwise
from pathlib import Path

from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt
from lxml import etree

from declapp.atomic import atomic_write_zip
from declapp.export import ExportOptions
from declapp.layout import Cell, FormGrid, clean_paragraphs, property_text

TWIPS_PER_MM = 1440 / 25.4
BORDER_SIDES = ("top", "left", "bottom", "right")


def write(grid: FormGrid, target: Path, options: ExportOptions) -> list[str]:
    """Write *grid* as a Word document to *target* atomically; no warnings to report."""
    document = build_document(grid)
    atomic_write_zip(Path(target), document.save)
    return []


def build_document(grid: FormGrid):
    """The whole document in memory (a ``docx.Document``)."""
    document = Document()
    _setup_page(document, grid)
    _setup_normal_style(document, grid)
    body_font = grid.type.body_fonts[0]
    _heading(document, grid.title, grid.type.title_fonts[0], grid.type.title_pt, bold=True)
    _heading(document, grid.year_line, grid.type.year_fonts[0], grid.type.year_pt, bold=False)
    table = document.add_table(rows=0, cols=grid.n_cols)
    _table_properties(table, grid)
    font = _Font(body_font, grid.type.body_pt)
    widths = [_twips(mm) for mm in grid.columns_mm]
    tbl = table._tbl
    owners = grid.owner_map()
    for r in range(grid.n_rows):
        tbl.append(_row(r, owners[r], widths, font))
    _footer(document, grid)
    _font_fallbacks(document, grid)
    _properties(document, grid)
    return document


class _Font:
    def __init__(self, name: str, size_pt: float, bold: bool = False) -> None:
        self.name = name
        self.half_points = str(round(size_pt * 2))
        self.bold = bold

    def run_properties(self) -> OxmlElement:
        rpr = OxmlElement("w:rPr")
        fonts = OxmlElement("w:rFonts")
        for attr in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
            fonts.set(qn(attr), self.name)
        rpr.append(fonts)
        if self.bold:
            rpr.append(OxmlElement("w:b"))
            rpr.append(OxmlElement("w:bCs"))
        for tag in ("w:sz", "w:szCs"):
            size = OxmlElement(tag)
            size.set(qn("w:val"), self.half_points)
            rpr.append(size)
        return rpr


def _twips(mm: float) -> int:
    return round(mm * TWIPS_PER_MM)


def _setup_page(document, grid: FormGrid) -> None:
    page = grid.page
    section = document.sections[0]
    section.orientation = WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = Mm(page.width_mm), Mm(page.height_mm)
    section.top_margin, section.bottom_margin = Mm(page.top_mm), Mm(page.bottom_mm)
    section.left_margin, section.right_margin = Mm(page.left_mm), Mm(page.right_mm)
    section.header_distance = Mm(15)
    section.footer_distance = Mm(15)


def _setup_normal_style(document, grid: FormGrid) -> None:
    style = document.styles["Normal"]
    name = grid.type.body_fonts[0]
    style.font.name = name
    style.font.size = Pt(grid.type.body_pt)
    rpr = style.element.get_or_add_rPr()
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        rpr.insert(0, fonts)
    for attr in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
        fonts.set(qn(attr), name)
    _setup_doc_defaults(document, name)
    # No space after paragraphs: the default template adds some, which would pad cells.
    style.paragraph_format.space_before = Pt(0)
    style.paragraph_format.space_after = Pt(0)
    style.paragraph_format.line_spacing = 1.0


def _setup_doc_defaults(document, name: str) -> None:
    """The template's defaults name theme fonts, which win over a font name wherever
    both apply: replace them by the body font, and mark the text as Chinese so Word
    applies Chinese line breaking."""
    styles = document.styles.element
    rpr = styles.find(f"{qn('w:docDefaults')}/{qn('w:rPrDefault')}/{qn('w:rPr')}")
    if rpr is None:
        return
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is not None:
        for attr in list(fonts.attrib):
            del fonts.attrib[attr]
        for attr in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
            fonts.set(qn(attr), name)
    lang = rpr.find(qn("w:lang"))
    if lang is not None:
        lang.set(qn("w:eastAsia"), "zh-CN")


def _heading(document, text: str, font_name: str, size_pt: float, *, bold: bool) -> None:
    paragraph = document.add_paragraph()
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    paragraph.paragraph_format.space_after = Pt(6)
    font = _Font(font_name, size_pt, bold)
    for line in clean_paragraphs((text,)):
        _append_run(paragraph._p, line, font)


def _table_properties(table, grid: FormGrid) -> None:
    table.autofit = False
    tbl = table._tbl
    tbl_pr = tbl.tblPr
    for tag in ("w:tblStyle", "w:tblW", "w:jc", "w:tblBorders", "w:tblLayout", "w:tblLook"):
        for old in tbl_pr.findall(qn(tag)):
            tbl_pr.remove(old)
    total = OxmlElement("w:tblW")
    total.set(qn("w:w"), str(sum(_twips(mm) for mm in grid.columns_mm)))
    total.set(qn("w:type"), "dxa")
    jc = OxmlElement("w:jc")
    jc.set(qn("w:val"), "center")
    borders = _borders("w:tblBorders", (*BORDER_SIDES, "insideH", "insideV"))
    layout = OxmlElement("w:tblLayout")
    layout.set(qn("w:type"), "fixed")
    # Schema order inside w:tblPr: tblW, jc, tblBorders, tblLayout.
    for element in (total, jc, borders, layout):
        tbl_pr.append(element)
    grid_el = tbl.tblGrid
    for old in list(grid_el):
        grid_el.remove(old)
    for mm in grid.columns_mm:
        col = OxmlElement("w:gridCol")
        col.set(qn("w:w"), str(_twips(mm)))
        grid_el.append(col)


def _borders(tag: str, sides: tuple[str, ...]) -> OxmlElement:
    borders = OxmlElement(tag)
    for side in sides:
        edge = OxmlElement(f"w:{side}")
        edge.set(qn("w:val"), "single")
        edge.set(qn("w:sz"), "4")  # eighths of a point: a thin ½ pt rule
        edge.set(qn("w:space"), "0")
        edge.set(qn("w:color"), "000000")
        borders.append(edge)
    return borders


def _row(r: int, owners: list[Cell], widths: list[int], font: _Font) -> OxmlElement:
    tr = OxmlElement("w:tr")
    c = 0
    while c < len(owners):
        cell = owners[c]
        if cell is None:  # a hole in the grid still needs a cell for Word to open the file
            tr.append(_tc(widths[c], 1, None, "text", (), font))
            c += 1
            continue
        width = sum(widths[cell.col:cell.last_col + 1])
        if cell.rowspan == 1:
            vmerge = None
        else:
            vmerge = "restart" if cell.row == r else "continue"
        paragraphs = cell.paragraphs if cell.row == r else ()
        tr.append(_tc(width, cell.colspan, vmerge, cell.role, paragraphs, font))
        c = cell.last_col + 1
    return tr


def _tc(width: int, colspan: int, vmerge: str | None, role: str,
        paragraphs: tuple[str, ...], font: _Font) -> OxmlElement:
    tc = OxmlElement("w:tc")
    tc_pr = OxmlElement("w:tcPr")
    tc_w = OxmlElement("w:tcW")
    tc_w.set(qn("w:w"), str(width))
    tc_w.set(qn("w:type"), "dxa")
    tc_pr.append(tc_w)
    if colspan > 1:
        span = OxmlElement("w:gridSpan")
        span.set(qn("w:val"), str(colspan))
        tc_pr.append(span)
    if vmerge is not None:
        merge = OxmlElement("w:vMerge")
        if vmerge == "restart":
            merge.set(qn("w:val"), "restart")
        tc_pr.append(merge)
    tc_pr.append(_borders("w:tcBorders", BORDER_SIDES))
    valign = OxmlElement("w:vAlign")
    valign.set(qn("w:val"), "center")
    tc_pr.append(valign)
    tc.append(tc_pr)
    lines = clean_paragraphs(paragraphs) or ("",)
    align = "center" if role == "label" else "left"
    for line in lines:
        p = OxmlElement("w:p")
        p_pr = OxmlElement("w:pPr")
        jc = OxmlElement("w:jc")
        jc.set(qn("w:val"), align)
        p_pr.append(jc)
        p.append(p_pr)
        if line:
            _append_run(p, line, font)
        tc.append(p)
    return tc


def _append_run(p: OxmlElement, text: str, font: _Font) -> None:
    run = OxmlElement("w:r")
    run.append(font.run_properties())
    for i, piece in enumerate(text.split("\t")):
        if i:
            run.append(OxmlElement("w:tab"))
        if piece:
            t = OxmlElement("w:t")
            t.set(qn("xml:space"), "preserve")
            t.text = piece
            run.append(t)
    p.append(run)


def _footer(document, grid: FormGrid) -> None:
    footer = document.sections[0].footer
    footer.is_linked_to_previous = False
    paragraph = footer.paragraphs[0] if footer.paragraphs else footer.add_paragraph()
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    font = _Font(grid.type.body_fonts[0], grid.type.footer_pt)
    p = paragraph._p
    for kind, text in grid.footer_pieces():
        if kind == "text":
            _append_run(p, text, font)
        else:
            _append_field(p, "PAGE" if kind == "page" else "NUMPAGES", font)


def _append_field(p: OxmlElement, instruction: str, font: _Font) -> None:
    """A complex field (begin, instruction, separate, shown value, end): Word, WPS and
    LibreOffice all update it when the document is laid out."""
    def fld_char(kind: str) -> OxmlElement:
        run = OxmlElement("w:r")
        run.append(font.run_properties())
        char = OxmlElement("w:fldChar")
        char.set(qn("w:fldCharType"), kind)
        run.append(char)
        return run

    p.append(fld_char("begin"))
    instr_run = OxmlElement("w:r")
    instr_run.append(font.run_properties())
    instr = OxmlElement("w:instrText")
    instr.set(qn("xml:space"), "preserve")
    instr.text = f" {instruction} "
    instr_run.append(instr)
    p.append(instr_run)
    p.append(fld_char("separate"))
    _append_run(p, "1", font)
    p.append(fld_char("end"))


# Song/Ming faces are serif ("roman"), Hei faces sans ("swiss"): a reader without the
# font then substitutes one of the same kind.
_FONT_FAMILY = {"方正小标宋简体": "roman", "宋体": "roman", "仿宋": "roman",
                "楷体": "roman", "黑体": "swiss"}


def _font_fallbacks(document, grid: FormGrid) -> None:
    """Declare each font we name in the font table, with the next preference as its
    ``w:altName``: where 方正小标宋简体 is not installed, Word takes 黑体 rather than a
    font of its own choosing. Chinese fonts carry the GB2312 character set (86)."""
    part = next((rel.target_part for rel in document.part.rels.values()
                 if rel.reltype.endswith("/fontTable")), None)
    if part is None:
        return
    root = etree.fromstring(part.blob)
    known = {f.get(qn("w:name")) for f in root.findall(qn("w:font"))}
    for prefs in (grid.type.title_fonts, grid.type.year_fonts, grid.type.body_fonts):
        for name, alternative in pairwise(prefs):
            if name in known:
                continue
            known.add(name)
            font = etree.SubElement(root, qn("w:font"))
            font.set(qn("w:name"), name)
            etree.SubElement(font, qn("w:altName")).set(qn("w:val"), alternative)
            etree.SubElement(font, qn("w:charset")).set(qn("w:val"), "86")
            family = _FONT_FAMILY.get(name, "auto")
            etree.SubElement(font, qn("w:family")).set(qn("w:val"), family)
            etree.SubElement(font, qn("w:pitch")).set(qn("w:val"), "variable")
    part._blob = etree.tostring(root, xml_declaration=True, encoding="UTF-8",
                                standalone=True)


def _properties(document, grid: FormGrid) -> None:
    props = document.core_properties
    # Cut again here: a grid may come from elsewhere, and python-docx raises past 255.
    props.title = property_text(grid.doc_title)
    props.subject = property_text(grid.doc_subject)
    props.author = property_text(grid.doc_author)
    props.last_modified_by = "declapp"
    props.comments = ""
    props.keywords = ""
    now = dt.datetime.now(dt.UTC).replace(microsecond=0, tzinfo=None)
    props.created = now
    props.modified = now
    props.revision = 1
