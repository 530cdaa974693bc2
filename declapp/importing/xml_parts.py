"""The XML parts of a Word or Excel package, read in bounded time and memory.

A part is looked at in the zip's directory before a byte of it is unpacked: one that
would unpack to more than a form ever needs is refused (or, for the optional embedded
draft, left unread). It is then parsed as a stream (``iterparse``): the readers take
what they need from each element as it ends and drop it, so memory follows the form's
text, not the file's markup. No part of an Office file has a DOCTYPE: one that does
(external DTD, entity tricks) is refused before the parser sees it; entities are never
resolved and nothing is fetched. Whatever the parser or the zip cannot read is the
clerk's one sentence (``SourceError``), never an internal error.
"""

from __future__ import annotations

import codecs
import re
import zipfile
import zlib
from collections.abc import Iterator
from typing import IO, Protocol

from lxml import etree
from lxml.etree import _Element as Element  # lxml's element type (it ships no stubs)

from declapp.importing.source_file import SourceError

MB = 1024 * 1024
# The largest part a form needs: our own Word export of the largest draft a file may
# hold (32 MB, 100,000 items) has a 95 MB document part, its Excel sheets 83 MB.
MAX_PART_BYTES = 128 * MB
# Tags ("<") a part may hold: our Word export of a draft at the entry limit has some
# five million. Counted before parsing (it takes a fifth of a second for 100 MB), so
# that no part builds more elements than this in memory, however they nest.
MAX_TAGS = 6_000_000
CHUNK = 1024 * 1024
PROLOG_BYTES = 64 * 1024  # declaration, comments, processing instructions before the root
_ROOT_START = re.compile(rb"<(?![?!])")
_DOCTYPE = re.compile(rb"<!doctype", re.IGNORECASE)


def too_large(file: str, what: str, size: int) -> SourceError:
    return SourceError(f"“{file}”中的内容异常大（{what}解压后有 {size / MB:,.0f} MB），"
                       "不像一份申报表，无法导入。")


def damaged(file: str) -> SourceError:
    return SourceError(f"“{file}”已损坏，或者不是申报表（文件的内容无法读取）。"
                       "请用 Word、Excel 或 WPS 打开它并另存一份后再导入。")


def part_size(package: zipfile.ZipFile, name: str) -> int | None:
    """The unpacked size of part *name* as the zip's directory says, or None if absent."""
    try:
        return package.getinfo(name).file_size
    except KeyError:
        return None


def _prolog(stream: IO[bytes]) -> bytes:
    """The bytes before the root element, as UTF-8-comparable bytes (UTF-16 parts are
    decoded for the look)."""
    head = stream.read(PROLOG_BYTES)
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        head = head.decode("utf-16", "ignore").encode("utf-8")
    return head


def _checked(package: zipfile.ZipFile, name: str, file: str, limit: int, what: str) -> None:
    """Refuse part *name* before parsing: missing, over *limit*, or with a DOCTYPE."""
    size = part_size(package, name)
    if size is None:
        raise damaged(file)
    if size > limit:
        raise too_large(file, what or name, size)
    with package.open(name) as stream:
        head = _prolog(stream)
    root = _ROOT_START.search(head)
    if _DOCTYPE.search(head[:root.start()] if root else head):
        raise SourceError(f"“{file}”中含有文档类型定义（DOCTYPE），Word 和 Excel 文件从不"
                          "包含它：这不是一份正常的申报表，无法导入。")
    if root is None and len(head) >= PROLOG_BYTES:
        raise damaged(file)
    tags = 0
    with package.open(name) as stream:
        while chunk := stream.read(CHUNK):
            tags += chunk.count(b"<")
            if tags > MAX_TAGS:
                raise SourceError(f"“{file}”中的内容异常大（{what or name}中有超过 "
                                  f"{MAX_TAGS:,} 个标记），不像一份申报表，无法导入。")


# What zip and lxml raise for a part that is not what it claims: RuntimeError is zipfile's
# "File is encrypted", NotImplementedError an unknown compression method, ValueError a
# bad encoding declaration.
_UNREADABLE = (etree.LxmlError, zipfile.BadZipFile, zlib.error, EOFError, OSError, ValueError,
               KeyError, NotImplementedError, RuntimeError)


def iterparse(package: zipfile.ZipFile, name: str, file: str,
              events: tuple[str, ...] = ("end",), limit: int = MAX_PART_BYTES,
              what: str = "", tags: tuple[str, ...] | None = None
              ) -> Iterator[tuple[str, Element]]:
    """Parse part *name* of *package* as a stream of (event, element), for elements of
    *tags* only if given; *file* names the clerk's file in messages. ``SourceError`` for
    a part over *limit*, with a DOCTYPE, or not well-formed XML (also when that shows
    only half-way through)."""
    try:
        _checked(package, name, file, limit, what)
        with package.open(name) as stream:
            parser = etree.iterparse(stream, events=events, tag=tags, resolve_entities=False,
                                     no_network=True, load_dtd=False, huge_tree=True,
                                     remove_comments=True, remove_pis=True)
            yield from parser
    except SourceError:
        raise
    except _UNREADABLE as exc:
        raise _unreadable(file, exc) from exc


def _unreadable(file: str, exc: Exception) -> SourceError:
    if isinstance(exc, etree.XMLSyntaxError) and "depth" in str(exc).lower():
        return SourceError(f"“{file}”的结构异常复杂（表格或其他内容嵌套了上千层），"
                           "不像一份申报表，无法导入。")
    return damaged(file)


class Target(Protocol):
    """An lxml parser target: called for each start tag, piece of text and end tag."""

    def start(self, tag: str, attrib: dict[str, str]) -> None: ...
    def data(self, text: str) -> None: ...
    def end(self, tag: str) -> None: ...
    def close(self) -> object: ...


def feed(package: zipfile.ZipFile, name: str, file: str, target: Target,
         limit: int = MAX_PART_BYTES, what: str = "") -> object:
    """Parse part *name* into *target* (no tree is built: a target that has seen enough
    raises to stop); what ``target.close()`` returns. Errors as for ``iterparse``;
    an exception the target raises comes out as it is."""
    try:
        _checked(package, name, file, limit, what)
        parser = etree.XMLParser(target=target, resolve_entities=False, no_network=True,
                                 load_dtd=False, huge_tree=True)
        with package.open(name) as stream:
            while chunk := stream.read(CHUNK):
                parser.feed(chunk)
        return parser.close()
    except SourceError:
        raise
    except _UNREADABLE as exc:
        raise _unreadable(file, exc) from exc


def drop(element: Element) -> None:
    """Free an element that has been read, and the siblings read before it."""
    element.clear(keep_tail=True)
    parent = element.getparent()
    if parent is not None:
        while element.getprevious() is not None:
            del parent[0]


def local(tag: object) -> str:
    """The local name of an element tag (``{ns}name`` → ``name``); "" for a comment."""
    if not isinstance(tag, str):
        return ""
    return tag.rpartition("}")[2]
