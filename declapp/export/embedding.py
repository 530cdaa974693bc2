"""The draft inside our own exports, so that importing the file gives it back exactly.

The payload is the draft file itself (``fileformat.dumps``, UTF-8). Each format keeps it
where its own programs keep data that is not shown:

- Word: a custom XML part (``customXml/itemN.xml``), Office's data store for documents;
  Word, WPS and LibreOffice keep it when they save.
- Excel: a "very hidden" sheet. A custom XML part would do in Excel, but a sheet is what
  every spreadsheet program must keep or lose the clerk's data, so Excel and WPS save it
  as they found it; "very hidden" sheets are listed in no 取消隐藏 dialog (they can be
  shown only from the VBA editor), so a clerk cannot stumble on it. LibreOffice has no
  "very hidden" and keeps it as an ordinary hidden sheet. Custom document properties
  were no option: Excel cuts their values at 255 characters.
- PDF: an embedded file (the attachment pane of a PDF reader shows it).

The Excel file also notes, in the same sheet, where a paragraph was cut across sheet rows
(the rows show no trace of it): a hash of the two pieces, no text, written also when the
draft is left out, so the visible text imports with the right line breaks.
"""

from __future__ import annotations

import hashlib
import itertools
import zlib
from collections.abc import Iterable
from typing import TYPE_CHECKING

from declapp.form.model import Draft
from declapp.storage.embedded import DATA_SHEET, DOCX_ROOT, NAMESPACE, PDF_ATTACHMENT
from declapp.storage.embedded import MARK_TAG as MARK_TAG  # the writers' name for it
from declapp.storage.fileformat import default_meta, dumps

if TYPE_CHECKING:  # the writers' libraries are loaded only by the writers
    from docx.document import Document as DocxDocument
    from openpyxl.workbook.workbook import Workbook
    from reportlab.pdfgen.canvas import Canvas

    from declapp.export.sheet_plan import Piece

DATA_SHEET_TITLE = "declapp：导出时保存的草稿，供重新导入，请勿修改"
CELL_CHUNK = 30_000  # Excel holds at most 32,767 characters in a cell
_CUSTOM_XML_PROPS = "application/vnd.openxmlformats-officedocument.customXmlProperties+xml"
_DS = "http://schemas.openxmlformats.org/officeDocument/2006/customXml"


def draft_payload(draft: Draft) -> bytes:
    """The draft as the bytes of a draft file."""
    return dumps(draft, default_meta()).encode("utf-8")


def cut_key(upper: str, lower: str) -> str:
    """The note for a paragraph that runs on from the sheet cell *upper* to *lower*."""
    return hashlib.sha1(f"{upper}\x00{lower}".encode()).hexdigest()[:16]


# --- Word --------------------------------------------------------------------------------

def add_to_docx(document: DocxDocument, payload: bytes) -> None:
    """Relate a custom XML part holding *payload* to the document (python-docx)."""
    # Imported here: ``declapp.export`` itself loads none of the writers' libraries.
    from docx.opc.constants import RELATIONSHIP_TYPE as RT
    from docx.opc.packuri import PackURI
    from docx.opc.part import Part
    from lxml import etree

    root = etree.Element(DOCX_ROOT, nsmap={None: NAMESPACE})
    root.text = payload.decode("utf-8")
    blob = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)
    package = document.part.package
    item_name = package.next_partname("/customXml/item%d.xml")
    item = Part(item_name, "application/xml", blob, package)
    number = item_name.idx
    props_root = etree.Element(f"{{{_DS}}}datastoreItem", nsmap={"ds": _DS})
    props_root.set(f"{{{_DS}}}itemID", "{6F1C0E5A-4D2B-4B8E-9C1D-DECA99000001}")
    etree.SubElement(props_root, f"{{{_DS}}}schemaRefs")
    props = Part(PackURI(f"/customXml/itemProps{number}.xml"), _CUSTOM_XML_PROPS,
                 etree.tostring(props_root, xml_declaration=True, encoding="UTF-8",
                                standalone=True), package)
    item.rels.get_or_add(RT.CUSTOM_XML_PROPS, props)
    document.part.relate_to(item, RT.CUSTOM_XML)


# --- Excel -------------------------------------------------------------------------------

def add_to_workbook(workbook: Workbook, payload: bytes | None, cuts: list[str]) -> None:
    """A very hidden sheet with the cut notes and, unless None, the payload in chunks."""
    from openpyxl.cell import WriteOnlyCell

    sheet = workbook.create_sheet(DATA_SHEET)
    sheet.sheet_state = "veryHidden"
    rows = [("declapp", DATA_SHEET_TITLE)]
    rows += [("cut", key) for key in cuts]
    if payload is not None:
        text = payload.decode("utf-8")
        rows += [("draft", text[i:i + CELL_CHUNK]) for i in range(0, len(text), CELL_CHUNK)]
    for kind, value in rows:
        # Row by row: the workbook is written in openpyxl's write-only mode.
        cell = WriteOnlyCell(sheet, value=value)
        cell.data_type = "s"  # a chunk starting with "=" is text, not a formula
        sheet.append([kind, cell])


def page_cut_key(row: int, column: int) -> str:
    """The note for the sheet cell at *row*, *column* (from 1) that continues the cell
    above it across a page end, where a rule closes both as on paper."""
    return f"page:{row}:{column}"


def sheet_cuts(pieces: Iterable[Piece]) -> list[str]:
    """Keys of the places where a text cell's paragraph runs on into the next piece.

    *pieces* are ``sheet_plan.Piece``s in plan order (a cell's pieces one after another).
    """
    keys: list[str] = []
    by_cell: dict[int, list[Piece]] = {}
    for piece in pieces:
        if piece.cell.role != "label":
            by_cell.setdefault(id(piece.cell), []).append(piece)
    for cell_pieces in by_cell.values():
        if len(cell_pieces) < 2:
            continue
        full = "\n".join(p for piece in cell_pieces for p in piece.paragraphs)
        whole = "\n".join(cell_pieces[0].cell.paragraphs)
        if full == whole:
            continue  # every cut fell between paragraphs
        pos = 0
        for upper, lower in itertools.pairwise(cell_pieces):
            pos += len(upper.text)
            if whole[pos:pos + 1] == "\n":
                pos += 1
            else:
                keys.append(cut_key(upper.text, lower.text))
    return keys


# --- PDF ---------------------------------------------------------------------------------

def add_to_canvas(canv: Canvas, payload: bytes) -> None:
    """Embed *payload* as the file ``declapp-draft.json`` (reportlab canvas, before save)."""
    from reportlab.pdfbase.pdfdoc import PDFArray, PDFDictionary, PDFName, PDFStream, PDFString

    doc = canv._doc  # reportlab has no public API for embedded files
    stream = PDFStream(PDFDictionary({"Type": PDFName("EmbeddedFile"),
                                      # PDFName would escape the "#" of the "/" it needs
                                      "Subtype": "/application#2Fjson",
                                      "Params": PDFDictionary({"Size": len(payload)}),
                                      "Filter": PDFName("FlateDecode")}),
                       zlib.compress(payload), filters=[])
    spec = PDFDictionary({
        "Type": PDFName("Filespec"), "F": PDFString(PDF_ATTACHMENT),
        "UF": PDFString(PDF_ATTACHMENT), "AFRelationship": PDFName("Source"),
        "Desc": PDFString("declapp 草稿：导入这个 PDF 时用它还原草稿"),
        "EF": PDFDictionary({"F": doc.Reference(stream), "UF": doc.Reference(stream)}),
    })
    spec_ref = doc.Reference(spec)
    doc.Catalog.Names = PDFDictionary({"EmbeddedFiles": PDFDictionary(
        {"Names": PDFArray([PDFString(PDF_ATTACHMENT), spec_ref])})})
