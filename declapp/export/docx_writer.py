"""Word (.docx) writer: renders the layout grid with python-docx.

python-docx builds the document around the table: page, styles, title and year line,
footer, font table, properties, and the table's own properties and column grid
(``w:tblGrid``, read by LibreOffice and WPS). The table's rows are not built as a
python-docx tree (``cell.merge()`` joins texts, looking cells up is quadratic, and a
tree of a large form takes gigabytes): ``docx_table`` writes them as text, streamed into
``word/document.xml`` when the package is written.
"""

from __future__ import annotations

import datetime as dt
import time
import zipfile
from itertools import pairwise
from pathlib import Path
from typing import BinaryIO, cast

from docx import Document
from docx.document import Document as DocxDocument
from docx.enum.section import WD_ORIENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.opc.packuri import PackURI
from docx.opc.phys_pkg import PhysPkgWriter
from docx.opc.pkgwriter import PackageWriter
from docx.oxml import OxmlElement, parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.oxml.xmlchemy import BaseOxmlElement
from docx.shared import Mm, Pt
from docx.table import Table
from lxml import etree

from declapp.export import ExportOptions
from declapp.export.docx_table import (
    BORDER_SIDES,
    run_properties_xml,
    table_rows_xml,
    twips,
)
from declapp.export.embedding import add_to_docx
from declapp.layout import FormGrid, clean_paragraphs, property_text
from declapp.storage.atomic import atomic_write_zip

DOCUMENT_PART = "word/document.xml"
TABLE_START = b"<w:tbl>"
TABLE_END = b"</w:tbl>"


def write(grid: FormGrid, target: Path, options: ExportOptions,
          payload: bytes | None = None) -> list[str]:
    """Write *grid* as a Word document to *target* atomically, with *payload* (the draft)
    in a custom XML part when given; no warnings to report."""
    document = build_document(grid)
    if payload is not None:
        add_to_docx(document, payload)
    atomic_write_zip(Path(target), lambda fh: save_with_rows(document, grid, fh))
    return []


def build_document(grid: FormGrid) -> DocxDocument:
    """The document around the table (a ``docx.Document``); the table has no rows yet:
    ``save_with_rows`` writes them."""
    document = Document()
    _setup_page(document, grid)
    _setup_normal_style(document, grid)
    _heading(document, grid.title, grid.type.title_fonts[0], grid.type.title_pt, bold=True,
             latin=grid.type.latin_font)
    if grid.year_line:
        _heading(document, grid.year_line, grid.type.year_fonts[0], grid.type.year_pt,
                 bold=False, latin=grid.type.latin_font)
    for text, align in grid.lines_above:
        _heading(document, text, grid.type.body_fonts[0], grid.type.body_pt, bold=False,
                 latin=grid.type.latin_font, align=align)
    table = document.add_table(rows=0, cols=grid.n_cols)
    _table_properties(table, grid)
    _footer(document, grid)
    _font_fallbacks(document, grid)
    _properties(document, grid)
    return document


def save_with_rows(document: DocxDocument, grid: FormGrid, stream: BinaryIO) -> None:
    """Write *document*'s package to *stream* with the grid's rows streamed into its
    table; every other part as python-docx writes it, in its order.

    python-docx's own ``PackageWriter`` orders and serialises the parts; each goes
    straight into the one zip, so nothing is compressed twice.
    """
    package = document.part.package
    for part in package.parts:
        part.before_marshal()
    with zipfile.ZipFile(stream, "w", zipfile.ZIP_DEFLATED) as archive:
        # Duck-typed as python-docx's physical writer (only its write() is called).
        parts = cast(PhysPkgWriter, _PartsWithRows(archive, grid))
        PackageWriter._write_content_types_stream(  # type: ignore[no-untyped-call]
            parts, package.parts)
        PackageWriter._write_pkg_rels(parts, package.rels)  # type: ignore[no-untyped-call]
        PackageWriter._write_parts(parts, package.parts)


class _PartsWithRows:
    """A physical package for ``PackageWriter``: each part written to *archive*
    (as python-docx's zip writer does), the document part with the grid's rows."""

    def __init__(self, archive: zipfile.ZipFile, grid: FormGrid) -> None:
        self.archive = archive
        self.grid = grid

    def write(self, pack_uri: PackURI, blob: bytes) -> None:
        name = pack_uri.membername
        if name != DOCUMENT_PART:
            self.archive.writestr(name, blob)
            return
        if blob.count(TABLE_END) != 1:
            raise ValueError("the document skeleton must hold exactly one table")
        head, tail = blob.split(TABLE_END)
        table_start = head[head.rindex(TABLE_START):].decode("utf-8")
        part = zipfile.ZipInfo(name, date_time=time.localtime(time.time())[:6])
        part.compress_type = zipfile.ZIP_DEFLATED
        with self.archive.open(part, "w", force_zip64=True) as out:
            out.write(head)
            batch: list[str] = []
            for n, row in enumerate(table_rows_xml(self.grid, table_start), start=1):
                batch.append(row)
                if n % 256 == 0:
                    out.write("".join(batch).encode("utf-8"))
                    batch.clear()
            out.write("".join(batch).encode("utf-8"))
            out.write(TABLE_END + tail)


class _Font:
    def __init__(self, name: str, size_pt: float, bold: bool = False,
                 latin: str | None = None) -> None:
        # The same properties as the table's streamed rows (docx_table), as an element.
        self.xml = run_properties_xml(name, size_pt, bold, latin).replace(
            "<w:rPr>", f"<w:rPr {nsdecls('w')}>", 1)

    def run_properties(self) -> BaseOxmlElement:
        return parse_xml(self.xml)


def _setup_page(document: DocxDocument, grid: FormGrid) -> None:
    page = grid.page
    section = document.sections[0]
    section.orientation = WD_ORIENT.LANDSCAPE if page.width_mm > page.height_mm \
        else WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = Mm(page.width_mm), Mm(page.height_mm)
    section.top_margin, section.bottom_margin = Mm(page.top_mm), Mm(page.bottom_mm)
    section.left_margin, section.right_margin = Mm(page.left_mm), Mm(page.right_mm)
    section.header_distance = Mm(15)
    section.footer_distance = Mm(15)


def _setup_normal_style(document: DocxDocument, grid: FormGrid) -> None:
    style = document.styles["Normal"]
    name, latin = grid.type.body_fonts[0], grid.type.latin_font
    style.font.name = latin
    style.font.size = Pt(grid.type.body_pt)
    rpr = style.element.get_or_add_rPr()
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        rpr.insert(0, fonts)
    _name_fonts(fonts, name, latin)
    _setup_doc_defaults(document, name, latin)
    # No space after paragraphs: the default template adds some, which would pad cells.
    style.paragraph_format.space_before = Pt(0)
    style.paragraph_format.space_after = Pt(0)
    style.paragraph_format.line_spacing = 1.0


def _name_fonts(fonts: BaseOxmlElement, east_asian: str, latin: str) -> None:
    for attr in ("w:ascii", "w:hAnsi", "w:cs"):
        fonts.set(qn(attr), latin)
    fonts.set(qn("w:eastAsia"), east_asian)


def _setup_doc_defaults(document: DocxDocument, name: str, latin: str) -> None:
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
        _name_fonts(fonts, name, latin)
    lang = rpr.find(qn("w:lang"))
    if lang is not None:
        lang.set(qn("w:eastAsia"), "zh-CN")


_ALIGNMENTS = {"left": WD_ALIGN_PARAGRAPH.LEFT, "center": WD_ALIGN_PARAGRAPH.CENTER,
               "right": WD_ALIGN_PARAGRAPH.RIGHT}


def _heading(document: DocxDocument, text: str, font_name: str, size_pt: float, *,
             bold: bool, latin: str, align: str = "center") -> None:
    paragraph = document.add_paragraph()
    paragraph.alignment = _ALIGNMENTS.get(align, WD_ALIGN_PARAGRAPH.CENTER)
    paragraph.paragraph_format.space_after = Pt(6)
    font = _Font(font_name, size_pt, bold, latin)
    for line in clean_paragraphs((text,)):
        _append_run(paragraph._p, line, font)


def _table_properties(table: Table, grid: FormGrid) -> None:
    table.autofit = False
    tbl = table._tbl
    tbl_pr = tbl.tblPr
    for tag in ("w:tblStyle", "w:tblW", "w:jc", "w:tblBorders", "w:tblLayout", "w:tblLook"):
        for old in tbl_pr.findall(qn(tag)):
            tbl_pr.remove(old)
    total = OxmlElement("w:tblW")
    total.set(qn("w:w"), str(sum(twips(mm) for mm in grid.columns_mm)))
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
        col.set(qn("w:w"), str(twips(mm)))
        grid_el.append(col)


def _borders(tag: str, sides: tuple[str, ...]) -> BaseOxmlElement:
    borders = OxmlElement(tag)
    for side in sides:
        edge = OxmlElement(f"w:{side}")
        edge.set(qn("w:val"), "single")
        edge.set(qn("w:sz"), "4")  # eighths of a point: a thin ½ pt rule
        edge.set(qn("w:space"), "0")
        edge.set(qn("w:color"), "000000")
        borders.append(edge)
    return borders


def _append_run(p: BaseOxmlElement, text: str, font: _Font) -> None:
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


def _footer(document: DocxDocument, grid: FormGrid) -> None:
    footer = document.sections[0].footer
    footer.is_linked_to_previous = False
    paragraph = footer.paragraphs[0] if footer.paragraphs else footer.add_paragraph()
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    font = _Font(grid.type.body_fonts[0], grid.type.footer_pt, latin=grid.type.latin_font)
    p = paragraph._p
    for kind, text in grid.footer_pieces():
        if kind == "text":
            _append_run(p, text, font)
        else:
            _append_field(p, "PAGE" if kind == "page" else "NUMPAGES", font)


def _append_field(p: BaseOxmlElement, instruction: str, font: _Font) -> None:
    """A complex field (begin, instruction, separate, shown value, end): Word, WPS and
    LibreOffice all update it when the document is laid out."""
    def fld_char(kind: str) -> BaseOxmlElement:
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


def _font_fallbacks(document: DocxDocument, grid: FormGrid) -> None:
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


def _properties(document: DocxDocument, grid: FormGrid) -> None:
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
