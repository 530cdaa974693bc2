"""The draft our exports carry (``declapp.export.embedding``), read back and checked.

The embedded draft is used only while the file still shows what it was made from: its
layout is compared with the draft read from the visible text. A clerk who edited the
table after exporting sees the visible text win.
"""

from __future__ import annotations

import re
import zipfile
from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from declapp.form.model import Draft
from declapp.form.template_file import TemplateError
from declapp.importing import xml_parts
from declapp.importing.grid import SourceGrid, label_key, text_lines
from declapp.importing.source_file import SourceError
from declapp.storage import draft_bytes
from declapp.storage.embedded import DOCX_ROOT, PDF_ATTACHMENT
from declapp.storage.fileformat import DraftError, loads_bytes

if TYPE_CHECKING:  # loaded only when a PDF is read
    from pypdfium2 import PdfDocument

_ITEM = re.compile(r"customXml/item\d+\.xml")
_ESCAPED = 6  # XML escapes (&amp; for &) make the part up to this many times the draft
_MAX_CUTS = 1_000_000


@dataclass(frozen=True)
class Skipped:
    """An embedded draft that was not read, and why (a sentence for the clerk)."""

    reason: str


Payload = bytes | Skipped | None  # the draft's bytes, why they were left unread, or none


def too_large_payload() -> Skipped:
    limit = draft_bytes.MAX_DRAFT_BYTES // (1024 * 1024)
    return Skipped(f"文件中嵌入的草稿超过了草稿文件的上限 {limit} MB，没有读取，"
                   "已按表格中的文字导入。")


def docx_payload(package: zipfile.ZipFile, file: str = "Word 文件") -> Payload:
    """The draft of our custom XML part (a root element of our namespace holding only
    text), read only up to the format's size limit: a part that could hold more is never
    unpacked, and another part is left at its first element."""
    limit = draft_bytes.MAX_DRAFT_BYTES
    for name in package.namelist():
        if not _ITEM.fullmatch(name):
            continue
        if (xml_parts.part_size(package, name) or 0) > _ESCAPED * limit:
            continue  # not ours, or larger than any draft: never unpacked
        try:
            for event, el in xml_parts.iterparse(package, name, file, ("start", "end"),
                                                 limit=_ESCAPED * limit):
                if event == "start" and (el.tag != DOCX_ROOT or el.getparent() is not None):
                    break  # another part, or ours with elements inside: not a draft
                if event == "end":
                    data = (el.text or "").encode("utf-8")
                    return data if len(data) <= limit else too_large_payload()
        except SourceError:
            continue  # a damaged data part: the table's text is still there
    return None


def xlsx_sheet_data(rows: Iterable[tuple[object, object]]) -> tuple[Payload, set[str]]:
    """The payload and the cut notes of our data sheet, from its rows' first two cells;
    the payload is read only up to the format's size limit."""
    chunks: list[str] = []
    size = 0
    cuts: set[str] = set()
    too_large = False
    for kind, value in rows:
        if kind == "draft" and isinstance(value, str) and not too_large:
            size += len(value.encode("utf-8"))
            too_large = size > draft_bytes.MAX_DRAFT_BYTES
            if too_large:
                chunks.clear()
            else:
                chunks.append(value)
        elif kind == "cut" and isinstance(value, str) and len(cuts) < _MAX_CUTS:
            cuts.add(value)
    if too_large:
        return too_large_payload(), cuts
    return ("".join(chunks).encode("utf-8") if chunks else None), cuts


def pdf_payload(pdf: PdfDocument) -> Payload:
    """Our attachment. ``pdf_streams.check_streams`` has measured every stream of the
    file first: none unpacks to more than a draft file may hold."""
    for i in range(pdf.count_attachments()):
        attachment = pdf.get_attachment(i)
        if attachment.get_name() == PDF_ATTACHMENT:
            data = bytes(attachment.get_data())
            return data if len(data) <= draft_bytes.MAX_DRAFT_BYTES else too_large_payload()
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
    from declapp.layout import build_layout  # only for a file that carries a draft

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
