"""The document information (Title, Creator, Producer) of a PDF as this program writes it,
read without a PDF library.

Whether a PDF at an export's target is our own earlier export is asked before every export
over it; loading pdfium for that cost a small export a twentieth of its time. Our PDFs
(reportlab's) end in one cross-reference table and a trailer naming the information
dictionary, written out uncompressed. Anything else (an incremental update, a
cross-reference stream, encryption, a string this reader does not decode with certainty)
is ``None``: "cannot tell here", for the caller to ask pdfium.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

_TAIL = 4096  # the trailer and startxref of our PDFs are some 300 bytes
_MAX_INFO = 64 * 1024
_MAX_TABLE = 32 * 1024 * 1024  # 20 bytes an object: far more than any form has
_STARTXREF = re.compile(rb"startxref\s+(\d+)\s+%%EOF\s*$")
_SUBSECTION = re.compile(rb"\s*(\d+) (\d+)[ \t]*\r?\n")
_INFO_REF = re.compile(rb"/Info\s+(\d+)\s+0\s+R")
_ESCAPES = {ord("n"): b"\n", ord("r"): b"\r", ord("t"): b"\t", ord("b"): b"\b",
            ord("f"): b"\f", ord("("): b"(", ord(")"): b")", ord("\\"): b"\\"}
KEYS = ("Title", "Creator", "Producer")


def simple_info(path: Path) -> dict[str, str] | None:
    """Title, Creator and Producer of the PDF at *path* where it is laid out as reportlab
    writes it (a key it lacks is absent); ``None`` where this reader cannot be sure."""
    try:
        with open(path, "rb") as file:
            size = os.fstat(file.fileno()).st_size
            file.seek(max(0, size - _TAIL))
            tail = file.read()
            found = _STARTXREF.search(tail)
            if found is None:
                return None
            trailer_at = tail.rfind(b"trailer", 0, found.start())
            if trailer_at < 0:  # a cross-reference stream
                return None
            trailer = tail[trailer_at:found.start()]
            if b"/Prev" in trailer or b"/Encrypt" in trailer:
                return None
            ref = _INFO_REF.search(trailer)
            if ref is None:
                return {}
            table_end = size - len(tail) + trailer_at
            xref_at = int(found.group(1))
            if not 0 <= xref_at < table_end or table_end - xref_at > _MAX_TABLE:
                return None
            file.seek(xref_at)
            offset = _object_offset(file.read(table_end - xref_at), int(ref.group(1)))
            if offset is None or not 0 <= offset < size:
                return None
            file.seek(offset)
            chunk = file.read(_MAX_INFO)
    except OSError:
        return None
    return _info_dict(chunk, int(ref.group(1)))


def _object_offset(table: bytes, number: int) -> int | None:
    """Where object *number* starts, by the cross-reference *table* ("xref", then
    subsections: a first number and a count, then 20-byte entries)."""
    if not table.startswith(b"xref"):
        return None
    pos = len(b"xref")
    while True:
        section = _SUBSECTION.match(table, pos)
        if section is None:
            return None
        first, count = int(section.group(1)), int(section.group(2))
        entries_at = section.end()
        if first <= number < first + count:
            entry = table[entries_at + 20 * (number - first):entries_at + 20 * (number - first + 1)]
            if len(entry) != 20 or entry[17:18] != b"n" or not entry[:10].isdigit():
                return None
            return int(entry[:10])
        pos = entries_at + 20 * count
        if count == 0 or pos >= len(table):
            return None


def _info_dict(chunk: bytes, number: int) -> dict[str, str] | None:
    head = re.match(rb"\s*%d\s+0\s+obj\s*<<" % number, chunk)
    if head is None:
        return None
    info: dict[str, str] = {}
    pos = head.end()
    while True:
        key = re.compile(rb"\s*/([A-Za-z]+)\s*").match(chunk, pos)
        if key is None:
            end = re.compile(rb"\s*>>").match(chunk, pos)
            return info if end is not None else None
        pos = key.end()
        value, pos_after = _value(chunk, pos)
        if value is None:
            return None
        name = key.group(1).decode("ascii")
        if name in KEYS:
            if not isinstance(value, bytes):
                return None
            text = _text(value)
            if text is None:
                return None
            info[name] = text
        pos = pos_after


def _value(chunk: bytes, pos: int) -> tuple[bytes | str | None, int]:
    """A literal string, a hex string or a name at *pos*, and where it ends."""
    if chunk.startswith(b"(", pos):
        return _literal(chunk, pos + 1)
    if chunk.startswith(b"<", pos) and not chunk.startswith(b"<<", pos):
        end = chunk.find(b">", pos)
        digits = re.sub(rb"\s", b"", chunk[pos + 1:end]) if end > 0 else b"?"
        if not re.fullmatch(rb"[0-9A-Fa-f]*", digits):
            return None, pos
        return bytes.fromhex((digits + b"0" * (len(digits) % 2)).decode("ascii")), end + 1
    name = re.compile(rb"/[A-Za-z0-9]+").match(chunk, pos)
    if name is not None:
        return name.group().decode("ascii"), name.end()
    return None, pos


def _literal(chunk: bytes, pos: int) -> tuple[bytes | None, int]:
    out = bytearray()
    depth = 0
    while pos < len(chunk):
        byte = chunk[pos]
        if byte == 0x5C:  # backslash
            nxt = chunk[pos + 1:pos + 2]
            if not nxt:
                return None, pos
            octal = re.compile(rb"[0-7]{1,3}").match(chunk, pos + 1)
            if octal is not None:
                out.append(int(octal.group(), 8) & 0xFF)
                pos = octal.end()
                continue
            if nxt in (b"\r", b"\n"):  # a line continued
                pos += 3 if chunk[pos + 1:pos + 3] == b"\r\n" else 2
                continue
            out += _ESCAPES.get(nxt[0], nxt)
            pos += 2
            continue
        if byte == 0x28:
            depth += 1
        elif byte == 0x29:
            if depth == 0:
                return bytes(out), pos + 1
            depth -= 1
        out.append(byte)
        pos += 1
    return None, pos


def _text(raw: bytes) -> str | None:
    """A PDF text string: UTF-16BE after its byte order mark, else PDFDocEncoding, which
    is ASCII's below 0x80 (other bytes: not sure here)."""
    if raw.startswith(b"\xfe\xff"):
        try:
            return raw[2:].decode("utf-16-be")
        except UnicodeDecodeError:
            return None
    if any(b >= 0x80 for b in raw):
        return None
    return raw.decode("ascii")
