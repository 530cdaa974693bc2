"""Hostile files to import, at any scale: the tests build them small, the benchmark
(``benchmarks/bench_hostile.py``) at the size that once took minutes or gigabytes.

Each writer takes a *base*: a real form (our export, or one filled in by hand) whose
package it copies, changing one part. Large parts are compressed as they are made
(``_big_member``), so a part that unpacks to a gigabyte costs a megabyte of disk and
little memory to write.
"""

from __future__ import annotations

import io
import re
import zipfile
import zlib
from collections.abc import Callable, Iterator
from pathlib import Path

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def _copy(base: Path, target: Path, replace: dict[str, bytes | Callable[[], Iterator[bytes]]],
          add: dict[str, bytes | Callable[[], Iterator[bytes]]] | None = None) -> Path:
    """*base* with the parts in *replace* swapped (and *add* added): bytes, or a function
    yielding the part in pieces (for parts too large to hold)."""
    add = add or {}
    with zipfile.ZipFile(base) as source, zipfile.ZipFile(target, "w") as out:
        for name, data in add.items():  # first: a reader that stops at its own meets these
            _write_member(out, name, data)
        for info in source.infolist():
            data = replace.get(info.filename)
            if data is None:
                out.writestr(info, source.read(info.filename), zipfile.ZIP_DEFLATED)
            else:
                _write_member(out, info.filename, data)
    return target


def _write_member(out: zipfile.ZipFile, name: str,
                  data: bytes | Callable[[], Iterator[bytes]]) -> None:
    if isinstance(data, bytes):
        out.writestr(zipfile.ZipInfo(name), data, zipfile.ZIP_DEFLATED)
        return
    info = zipfile.ZipInfo(name)
    info.compress_type = zipfile.ZIP_DEFLATED
    with out.open(info, "w", force_zip64=True) as member:
        for piece in data():
            member.write(piece)


def _repeated(head: bytes, unit: bytes, count: int, tail: bytes) -> Callable[[], Iterator[bytes]]:
    def pieces() -> Iterator[bytes]:
        yield head
        batch = max(1, (1 << 20) // len(unit))
        left = count
        while left:
            n = min(batch, left)
            yield unit * n
            left -= n
        yield tail
    return pieces


def document_xml(base: Path) -> bytes:
    with zipfile.ZipFile(base) as package:
        return package.read("word/document.xml")


def _split_body(xml: bytes) -> tuple[bytes, bytes]:
    """document.xml cut just after ``<w:body>``."""
    at = xml.index(b"<w:body>") + len(b"<w:body>")
    return xml[:at], xml[at:]


# --- Word --------------------------------------------------------------------------------

def inflated_document(base: Path, target: Path, megabytes: int) -> Path:
    """``word/document.xml`` of *megabytes* once unpacked: the form, then empty paragraphs."""
    head, rest = _split_body(document_xml(base))
    unit = b"<w:p/>"
    return _copy(base, target, {"word/document.xml": _repeated(
        head, unit, megabytes * (1 << 20) // len(unit), rest)})


def many_elements_custom_part(base: Path, target: Path, elements: int) -> Path:
    """A custom XML part of *elements* empty elements (45 million took 6 GB), before the
    package's own parts."""
    unit = b"<a/>"
    return _copy(base, target, {}, add={"customXml/item0.xml": _repeated(
        b'<?xml version="1.0"?><root xmlns="urn:x">', unit, elements, b"</root>")})


def with_grid_attributes(base: Path, target: Path, span: str, before: str = "") -> Path:
    """Every cell's ``w:gridSpan`` (and each row's ``w:gridBefore``) set to *span*."""
    xml = document_xml(base)
    xml = re.sub(rb'<w:gridSpan w:val="\d+"/>', f'<w:gridSpan w:val="{span}"/>'.encode(), xml)
    xml = xml.replace(b"<w:tcPr>", f'<w:tcPr><w:gridSpan w:val="{span}"/>'.encode())
    if before:
        xml = xml.replace(b"<w:tr>", f'<w:tr><w:trPr><w:gridBefore w:val="{before}"/>'
                          "</w:trPr>".encode())
    return _copy(base, target, {"word/document.xml": xml})


def with_doctype(base: Path, target: Path, doctype: str) -> Path:
    """document.xml with a DOCTYPE (external DTD, entities) before its root, and an entity
    reference in the first text."""
    xml = document_xml(base)
    decl, _, rest = xml.partition(b"?>")
    xml = decl + b"?>" + doctype.encode() + rest
    xml = xml.replace(b"<w:t>", b"<w:t>&e;", 1)
    return _copy(base, target, {"word/document.xml": xml})


EXTERNAL_DTD = '<!DOCTYPE w:document SYSTEM "file:///etc/passwd"><!-- -->'
BILLION_LAUGHS = ('<!DOCTYPE w:document [<!ENTITY a "aaaaaaaaaa">'
                  + "".join(f'<!ENTITY {chr(98 + n)} "{("&" + chr(97 + n) + ";") * 10}">'
                            for n in range(8))
                  + '<!ENTITY e "&i;">]>')
QUADRATIC = f'<!DOCTYPE w:document [<!ENTITY e "{"x" * 100_000}">]>'


def nested_tables(base: Path, target: Path, depth: int) -> Path:
    """A cell holding a table holding a table … *depth* deep."""
    head, rest = _split_body(document_xml(base))
    cell_open = b"<w:tbl><w:tr><w:tc><w:p><w:r><w:t>x</w:t></w:r></w:p>"
    cell_close = b"</w:tc></w:tr></w:tbl>"
    nest = cell_open * depth + b"<w:p/>" + cell_close * depth
    return _copy(base, target, {"word/document.xml": head + nest + rest})


def truncated_document(base: Path, target: Path, keep: float = 0.5) -> Path:
    xml = document_xml(base)
    return _copy(base, target, {"word/document.xml": xml[:int(len(xml) * keep)]})


def random_document(base: Path, target: Path, size: int, seed: int = 0) -> Path:
    import random

    return _copy(base, target, {"word/document.xml": random.Random(seed).randbytes(size)})


def lying_directory(base: Path, target: Path) -> Path:
    """A part whose zip directory says it is 1 KB while it unpacks to 64 MB."""
    head, rest = _split_body(document_xml(base))
    big = head + b"<w:p/>" * (64 * (1 << 20) // 6) + rest
    _copy(base, target, {"word/document.xml": big})
    data = bytearray(target.read_bytes())
    size = len(big).to_bytes(4, "little")
    # The size in the local header and in the central directory: both say 1 KB.
    for _ in range(2):
        at = data.find(size)
        assert at >= 0
        data[at:at + 4] = (1024).to_bytes(4, "little")
    target.write_bytes(bytes(data))
    return target


# --- Excel -------------------------------------------------------------------------------

def with_merge(base: Path, target: Path, ref: str, sheet: str = "xl/worksheets/sheet1.xml"
               ) -> Path:
    """The form's sheet with one more merged range (``A1:XFD1048576`` never finished)."""
    with zipfile.ZipFile(base) as package:
        xml = package.read(sheet)
    if b"<mergeCells" in xml:
        xml = re.sub(rb"<mergeCells[^>]*>", f'<mergeCells><mergeCell ref="{ref}"/>'.encode(),
                     xml, count=1)
    else:
        xml = xml.replace(b"</sheetData>", f'</sheetData><mergeCells count="1"><mergeCell '
                          f'ref="{ref}"/></mergeCells>'.encode(), 1)
    return _copy(base, target, {sheet: xml})


def inflated_sheet(base: Path, target: Path, cells: int,
                   sheet: str = "xl/worksheets/sheet1.xml") -> Path:
    """The sheet with *cells* more filled cells, one row each."""
    with zipfile.ZipFile(base) as package:
        xml = package.read(sheet)
    head, _, tail = xml.partition(b"</sheetData>")
    start = 100_000

    def pieces() -> Iterator[bytes]:
        yield head
        for first in range(0, cells, 10_000):
            yield b"".join(b'<row r="%d"><c r="A%d"><v>1</v></c></row>' % (start + n, start + n)
                           for n in range(first, min(cells, first + 10_000)))
        yield b"</sheetData>" + tail
    return _copy(base, target, {sheet: pieces})


# --- PDF ---------------------------------------------------------------------------------

def pdf_with_attachment(draft, target: Path, megabytes: int) -> Path:
    """Our PDF of *draft*, its embedded file replaced by one that unpacks to *megabytes*
    (zeros; a 1 GB one took 3.1 GB of memory to import)."""
    from reportlab.pdfbase.pdfdoc import PDFArray, PDFDictionary, PDFName, PDFStream, PDFString

    from declapp.export import pdf_writer
    from declapp.export.embedding import PDF_ATTACHMENT
    from declapp.export.fonts import pdf_fonts
    from declapp.layout import build_layout

    packer = zlib.compressobj(9)
    chunk = b"\0" * (1 << 20)
    packed = io.BytesIO()
    for _ in range(megabytes):
        packed.write(packer.compress(chunk))
    packed.write(packer.flush())

    def add_big(canv, payload: bytes) -> None:
        doc = canv._doc
        stream = PDFStream(PDFDictionary({"Type": PDFName("EmbeddedFile"),
                                          "Filter": PDFName("FlateDecode")}),
                           packed.getvalue(), filters=[])
        spec = PDFDictionary({"Type": PDFName("Filespec"), "F": PDFString(PDF_ATTACHMENT),
                              "UF": PDFString(PDF_ATTACHMENT),
                              "EF": PDFDictionary({"F": doc.Reference(stream)})})
        doc.Catalog.Names = PDFDictionary({"EmbeddedFiles": PDFDictionary(
            {"Names": PDFArray([PDFString(PDF_ATTACHMENT), doc.Reference(spec)])})})

    saved = pdf_writer.add_to_canvas
    pdf_writer.add_to_canvas = add_big
    try:
        target.write_bytes(pdf_writer.render_pdf(build_layout(draft), pdf_fonts(), b"x"))
    finally:
        pdf_writer.add_to_canvas = saved
    return target


def pdf_with_filter(base: Path, target: Path, name: bytes) -> Path:
    """Our PDF with its first compressed stream claiming another filter (LZW, …)."""
    data = base.read_bytes()
    target.write_bytes(data.replace(b"/FlateDecode", name, 1))
    return target
