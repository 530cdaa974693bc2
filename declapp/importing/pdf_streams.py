"""Every stream of a PDF measured before pdfium unpacks any: a bound on what reading costs.

A PDF of 30 MB can carry a stream that inflates to a gigabyte (a 1 GB attached file took
3.1 GB of memory to import). pdfium unpacks a stream whole when it reads it, so before it
opens the file, each stream is found in the raw bytes (after every ``>> stream`` in the
file, also where one stream's bytes hide another), its filters read from its dictionary,
and its unpacked size counted by unpacking it here with a bound, keeping nothing. A
stream larger than a draft file may be (our own largest is the embedded draft), more
than ``MAX_TOTAL_BYTES`` in all, a filter our PDFs never use that can inflate without a
bound (LZW, run length), encryption, or a stream whose dictionary cannot be read: the
file is refused before pdfium sees it.
"""

from __future__ import annotations

import base64
import binascii
import re
import zlib
from pathlib import Path

from declapp.importing.source_file import SourceError
from declapp.storage import draft_bytes

MB = 1024 * 1024
MAX_TOTAL_BYTES = 256 * MB  # all streams unpacked; our largest export needs a fifth of it
_BACK = 1024 * 1024  # how far before "stream" its object header may be
_STREAM = re.compile(rb">>\s*stream(?![A-Za-z])")
_HEADER = re.compile(rb"(\d+)\s+(\d+)\s+obj\b")
_END = re.compile(rb"\s*endstream")
# Filters that unpack within a small factor of their input (or are never unpacked to
# read text: images), and the one that needs the bound.
_FLATE = {"FlateDecode", "Fl"}
_TEXT = {"ASCIIHexDecode", "AHx", "ASCII85Decode", "A85"}
_IMAGES = {"DCTDecode", "DCT", "JPXDecode", "CCITTFaxDecode", "CCF", "JBIG2Decode"}
_WHITE = b" \t\r\n\f\x00"
_DELIMS = b"()<>[]{}/%"


class _Unreadable(Exception):
    """A dictionary this reader cannot follow (the file is refused)."""


def _not_ours(file: str, why: str) -> SourceError:
    return SourceError(f"“{file}”不是本程序导出的 PDF（{why}），无法导入。"
                       "请导入原来的 Word 或 Excel 文件。")


def too_large(file: str, what: str) -> SourceError:
    return SourceError(f"“{file}”中的内容异常大（{what}），不像一份申报表，无法导入。")


def check_streams(path: Path, file: str) -> int:
    """Measure every stream of the PDF at *path*; the bytes they unpack to in all.
    ``SourceError`` (nothing opened by pdfium yet) for a file beyond the bounds."""
    with path.open("rb") as fh:
        data = fh.read()  # check_source let through no more than MAX_SOURCE_BYTES
    if re.search(rb"/Encrypt\b", data):
        raise SourceError(f"“{file}”设有密码或经过加密，无法导入：本程序导出的 PDF 不加密。"
                          "请导入原来的 Word 或 Excel 文件。")
    total = 0
    for match in _STREAM.finditer(data):
        try:
            entries = _stream_dict(data, match.start())
            raw = _stream_bytes(data, match.end(), entries)
            size = _unpacked_size(raw, _filters(entries), draft_bytes.MAX_DRAFT_BYTES)
        except _Unreadable as exc:
            raise _not_ours(file, str(exc)) from None
        if size > draft_bytes.MAX_DRAFT_BYTES:
            raise too_large(file, f"一个数据流解压后超过 {draft_bytes.MAX_DRAFT_BYTES // MB} MB")
        total += size
        if total > MAX_TOTAL_BYTES:
            raise too_large(file, f"数据流解压后共超过 {MAX_TOTAL_BYTES // MB} MB")
    return total


# --- the stream's dictionary ---------------------------------------------------------------

def _stream_dict(data: bytes, close: int) -> dict[str, object]:
    """The dictionary that ends at *close* (the ``>>`` before ``stream``), read from its
    object's header."""
    headers = list(_HEADER.finditer(data, max(0, close - _BACK), close))
    if not headers:
        raise _Unreadable("数据流前没有对象头")
    parser = _Tokens(data, headers[-1].end(), close + 2)
    value = parser.value()
    if not isinstance(value, dict) or parser.pos != close + 2:
        raise _Unreadable("数据流的字典无法读取")
    return value


class _Tokens:
    """Just enough of PDF's object syntax to read a stream dictionary."""

    def __init__(self, data: bytes, pos: int, end: int) -> None:
        self.data, self.pos, self.end = data, pos, end

    def _skip(self) -> None:
        data = self.data
        while self.pos < self.end:
            ch = data[self.pos]
            if ch in _WHITE:
                self.pos += 1
            elif ch == ord("%"):
                while self.pos < self.end and data[self.pos] not in b"\r\n":
                    self.pos += 1
            else:
                return

    def _peek(self, text: bytes) -> bool:
        return self.data.startswith(text, self.pos)

    def value(self, depth: int = 0) -> object:
        if depth > 32:
            raise _Unreadable("字典嵌套过深")
        self._skip()
        if self.pos >= self.end:
            raise _Unreadable("字典不完整")
        data = self.data
        if self._peek(b"<<"):
            self.pos += 2
            entries: dict[str, object] = {}
            while True:
                self._skip()
                if self._peek(b">>"):
                    self.pos += 2
                    return entries
                key = self.value(depth + 1)
                if not isinstance(key, _Name):
                    raise _Unreadable("字典的键不是名字")
                entries[key] = self._maybe_ref(self.value(depth + 1))
        if self._peek(b"["):
            self.pos += 1
            items: list[object] = []
            while True:
                self._skip()
                if self._peek(b"]"):
                    self.pos += 1
                    return items
                items.append(self._maybe_ref(self.value(depth + 1)))
        ch = data[self.pos]
        if ch == ord("/"):
            start = self.pos = self.pos + 1
            while self.pos < self.end and data[self.pos] not in _WHITE + _DELIMS:
                self.pos += 1
            raw = data[start:self.pos]
            return _Name(re.sub(rb"#([0-9A-Fa-f]{2})", lambda m: bytes([int(m[1], 16)]),
                                raw).decode("latin-1"))
        if ch == ord("("):
            return self._string()
        if ch == ord("<"):
            close = data.find(b">", self.pos, self.end)
            if close < 0:
                raise _Unreadable("字符串不完整")
            self.pos = close + 1
            return b""
        start = self.pos
        while self.pos < self.end and data[self.pos] not in _WHITE + _DELIMS:
            self.pos += 1
        word = data[start:self.pos]
        if not word:
            raise _Unreadable("无法识别的内容")
        if word == b"R":
            return _REF
        return word.decode("latin-1")

    def _maybe_ref(self, value: object) -> object:
        """``12 0 R`` as one reference (to object 12); anything else as it was."""
        if _int(value) is None:
            return value
        saved = self.pos
        match = re.compile(rb"\s+(\d+)\s+R(?![A-Za-z])").match(self.data, self.pos, self.end)
        if match is None:
            self.pos = saved
            return value
        self.pos = match.end()
        return _Ref(int(str(value)))

    def _string(self) -> bytes:
        data, level = self.data, 0
        while self.pos < self.end:
            ch = data[self.pos]
            self.pos += 1
            if ch == ord("\\"):
                self.pos += 1
            elif ch == ord("("):
                level += 1
            elif ch == ord(")"):
                level -= 1
                if level == 0:
                    return b""
        raise _Unreadable("字符串不完整")


class _Name(str):
    """A PDF name (``/Length``), told apart from other words."""


_REF = object()  # an "R" on its own (not after two numbers): never a valid value


class _Ref(int):
    """An indirect reference, by object number."""


def _int(value: object) -> int | None:
    return int(value) if isinstance(value, str) and not isinstance(value, _Name) and \
        value.isdigit() and len(value) < 12 else None


def _filters(entries: dict[str, object]) -> list[str]:
    value = entries.get("Filter", [])
    names = value if isinstance(value, list) else [value]
    if not all(isinstance(n, _Name) for n in names):
        raise _Unreadable("压缩方式不是直接写出的名字")
    return [str(n) for n in names]


# --- the stream's bytes ----------------------------------------------------------------------

def _stream_bytes(data: bytes, after: int, entries: dict[str, object]) -> bytes:
    """The raw bytes of the stream whose keyword ends at *after*: ``/Length`` of them if
    ``endstream`` follows there (as pdfium reads it), else up to the next ``endstream``."""
    start = after
    if data.startswith(b"\r\n", start):
        start += 2
    elif data[start:start + 1] in (b"\n", b"\r"):
        start += 1
    length = entries.get("Length")
    declared = _resolved(data, length) if isinstance(length, _Ref) else _int(length)
    end = data.find(b"endstream", start)
    if end < 0:
        end = len(data)
    if declared is not None and _END.match(data, start + declared):
        # pdfium trusts the length where endstream follows it; an indirect length it may
        # resolve differently: count the longer of the two.
        end = max(start + declared, end) if isinstance(length, _Ref) else start + declared
    return data[start:end]


def _resolved(data: bytes, ref: _Ref) -> int | None:
    """The number object *ref* names (its last definition, as incremental updates go)."""
    found = None
    for match in re.finditer(rb"(?<![0-9])%d\s+\d+\s+obj\s*(\d{1,11})\s*endobj" % ref, data):
        found = int(match.group(1))
    return found


def _unpacked_size(raw: bytes, filters: list[str], limit: int) -> int:
    """What *raw* unpacks to through *filters*, counted up to *limit* + 1."""
    data = raw
    for n, name in enumerate(filters):
        last = n == len(filters) - 1
        if name in _FLATE:
            if last:
                return _inflated_size(data, limit)
            data = _inflate(data, limit)
        elif name in ("ASCIIHexDecode", "AHx"):
            data = _hex(data)
        elif name in ("ASCII85Decode", "A85"):
            data = _a85(data)
        elif name in _IMAGES:
            return len(data)  # an image: text extraction never unpacks it
        else:
            raise _Unreadable(f"使用了本程序不会写入的压缩方式 {name}")
    return len(data)


def _inflated_size(raw: bytes, limit: int) -> int:
    # zlib as PDF writes it, and raw deflate, which a lenient reader may take too.
    return max(_inflated_with(raw, limit, zlib.MAX_WBITS), _inflated_with(raw, limit, -15))


def _inflated_with(raw: bytes, limit: int, wbits: int) -> int:
    inflater = zlib.decompressobj(wbits)
    size = 0
    pending = raw
    while pending and size <= limit:
        try:
            out = inflater.decompress(pending, 4 * MB)
        except zlib.error:
            return size  # damaged data: pdfium stops there too
        size += len(out)
        pending = inflater.unconsumed_tail
        if inflater.eof:
            break
    return size


def _inflate(raw: bytes, limit: int) -> bytes:
    inflater = zlib.decompressobj()
    try:
        out = inflater.decompress(raw, limit + 1)
    except zlib.error:
        return b""
    return out


def _hex(data: bytes) -> bytes:
    text = re.sub(rb"[^0-9A-Fa-f]", b"", data.split(b">", 1)[0])
    try:
        return binascii.unhexlify(text + b"0" * (len(text) % 2))
    except binascii.Error:
        return b""


def _a85(data: bytes) -> bytes:
    body = data.split(b"~>", 1)[0]
    try:
        return base64.a85decode(re.sub(rb"\s", b"", body))
    except ValueError:
        return b""
