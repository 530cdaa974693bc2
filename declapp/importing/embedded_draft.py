"""The draft our exports carry (``declapp.export.embedding``), read back and checked.

The embedded draft is used only while the file still shows what it was made from: its
layout is compared with the draft read from the visible text. A clerk who edited the
table after exporting sees the visible text win.
"""

from __future__ import annotations

import re
import zipfile
from typing import TYPE_CHECKING

from lxml import etree

from declapp.export.embedding import DATA_SHEET, DOCX_ROOT, PDF_ATTACHMENT
from declapp.form.model import Draft
from declapp.form.template_file import TemplateError
from declapp.importing.grid import SourceGrid, label_key, text_lines
from declapp.layout import build_layout
from declapp.storage.fileformat import DraftError, loads_bytes

if TYPE_CHECKING:  # loaded only when an Excel file or a PDF is read
    from openpyxl.workbook.workbook import Workbook
    from pypdfium2 import PdfDocument

_ITEM = re.compile(r"customXml/item\d+\.xml")
_PARSER = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=True)


def docx_payload(package: zipfile.ZipFile) -> bytes | None:
    for name in package.namelist():
        if _ITEM.fullmatch(name):
            try:
                root = etree.fromstring(package.read(name), _PARSER)
            except etree.XMLSyntaxError:
                continue
            if root.tag == DOCX_ROOT:
                return (root.text or "").encode("utf-8")
    return None


def xlsx_sheet_data(workbook: Workbook) -> tuple[bytes | None, set[str]]:
    """The payload (None if left out) and the cut notes of our data sheet."""
    if DATA_SHEET not in workbook.sheetnames:
        return None, set()
    chunks: list[str] = []
    cuts: set[str] = set()
    for kind, value in workbook[DATA_SHEET].iter_rows(min_col=1, max_col=2, values_only=True):
        if kind == "draft" and isinstance(value, str):
            chunks.append(value)
        elif kind == "cut" and isinstance(value, str):
            cuts.add(value)
    return ("".join(chunks).encode("utf-8") if chunks else None), cuts


def pdf_payload(pdf: PdfDocument) -> bytes | None:
    for i in range(pdf.count_attachments()):
        attachment = pdf.get_attachment(i)
        if attachment.get_name() == PDF_ATTACHMENT:
            return bytes(attachment.get_data())
    return None


def read_payload(payload: bytes) -> tuple[Draft | None, str]:
    """The embedded draft, or None and why not (a sentence for the clerk)."""
    try:
        return loads_bytes(payload, "嵌入的草稿"), ""
    except DraftError as exc:
        return None, f"文件中嵌入的草稿无法读取（{exc.problem}），已按表格中的文字导入。"


def shows_same(embedded: Draft, visible: SourceGrid, visible_year: int) -> bool:
    """Does the file still show the form laid out from *embedded*?

    The texts of the table are compared in reading order: a text line by line, without
    empty lines or spaces at the line ends (as the import reads it), a label without any
    space or line break (Excel labels carry the line breaks written in to fit them).
    """
    if embedded.year != visible_year:
        return False
    try:
        grid = build_layout(embedded)
    except TemplateError:  # a template of a newer release: read what is shown
        return False
    expected = [c for c in sorted(grid.cells, key=lambda c: (c.row, c.col)) if c.text.strip()]
    shown = [slot.cell.text for row in visible.rows for slot in row
             if slot.first and slot.cell.text.strip()]
    if len(shown) < len(expected):
        return False
    shown = shown[-len(expected):] if expected else []  # a title inside the table comes first
    return all(text_lines(s) == text_lines(c.text) or (c.role == "label" and
                                                      label_key(s) == label_key(c.text))
               for s, c in zip(shown, expected, strict=True))
