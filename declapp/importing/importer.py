"""``import_file``: any form file in, a draft and what was read out.

The file is only ever read: a legacy file is converted from a copy in a temporary
folder, and nothing is written beside the source.
"""

from __future__ import annotations

import datetime as dt
import struct
import zipfile
import zlib
from pathlib import Path

from lxml import etree

from declapp.errors import ClerkError
from declapp.form.templates import load_template
from declapp.importing.docx_grid import read_docx_grid
from declapp.importing.embedded_draft import (
    Payload,
    Skipped,
    docx_payload,
    pdf_payload,
    read_payload,
    shows_same,
)
from declapp.importing.grid import SourceGrid
from declapp.importing.parser import NotAForm, parse_grid
from declapp.importing.result import DraftOrigin, ImportCounts, ImportResult
from declapp.importing.source_file import SourceError, check_source, open_zip
from declapp.storage import draft_bytes
from declapp.storage.fileformat import dumps


def import_file(path: Path | str) -> ImportResult:
    """Read the form in *path* (.docx .xlsx .pdf, or .doc .wps .et .xls through
    LibreOffice); ``SourceError`` (a ``ClerkError``) with the reason when it cannot."""
    source = Path(path)
    kind = check_source(source)
    if kind.format != "legacy":
        return _import(source, source, kind.format, "")
    import tempfile  # the old formats only: LibreOffice converts a copy

    from declapp.importing.convert import convert

    with tempfile.TemporaryDirectory(prefix="declapp-import-") as workdir:
        converted = convert(source, kind.target, Path(workdir))
        return _import(source, converted, kind.target, source.suffix.lower() or "?")


def _import(source: Path, readable: Path, fmt: str, converted_from: str) -> ImportResult:
    try:
        grid, payload = _READERS[fmt](readable, source)
    except ClerkError:
        raise
    except (RecursionError, MemoryError) as exc:
        raise SourceError(f"“{source.name}”的结构异常复杂，不像一份申报表，无法导入。") from exc
    except _UNREADABLE as exc:
        # What a damaged or hostile file makes a library raise: the clerk's sentence,
        # never an internal error.
        import logging  # only for a file refused

        logging.getLogger("declapp").info("import of %s refused", source,
                                          exc_info=True)  # for a support call
        raise SourceError(f"“{source.name}”已损坏，或者不是申报表，无法读取。"
                          "请用 Word、Excel 或 WPS 打开它并另存一份后再导入。") from exc
    try:
        parsed = parse_grid(grid, dt.date.today().year)
    except NotAForm as exc:
        raise SourceError(f"“{source.name}”：{exc.message}") from None
    warnings = list(parsed.warnings)
    draft, origin = parsed.draft, DraftOrigin.TEXT
    if isinstance(payload, Skipped):
        warnings.insert(0, payload.reason)
    elif payload is not None:
        embedded, problem = read_payload(payload)
        if embedded is None:
            warnings.insert(0, problem)
        elif shows_same(embedded, grid, parsed.draft.year):
            draft, origin, warnings = embedded, DraftOrigin.EMBEDDED, []
        else:
            origin = DraftOrigin.TEXT_OVER_EMBEDDED
            warnings.insert(0, "导出后表格中的文字被修改过：已按表格中现在的文字导入，"
                               "没有使用文件中嵌入的草稿（具体指标的内容和指标值不再分开）。")
    too_large = draft_bytes.draft_problem(draft, dumps(draft))
    if too_large:  # the draft could be neither saved nor opened again
        raise SourceError(f"“{source.name}”中的内容异常大（{too_large}），不像一份申报表，"
                          "无法导入。")
    profile = load_template(draft.template) if origin == DraftOrigin.EMBEDDED \
        else parsed.form
    return ImportResult(draft=draft, source=source, source_format=fmt,
                        converted_from=converted_from, profile=profile, origin=origin,
                        counts=ImportCounts.of(draft), warnings=warnings)


def _read_docx(path: Path, source: Path) -> tuple[SourceGrid, Payload]:
    with open_zip(path) as package:
        return read_docx_grid(package, source.name), docx_payload(package, source.name)


def _read_xlsx(path: Path, source: Path) -> tuple[SourceGrid, Payload]:
    from declapp.importing.xlsx_grid import read_xlsx

    with open_zip(path) as package:
        return read_xlsx(package, source.name)


def _read_pdf(path: Path, source: Path) -> tuple[SourceGrid, Payload]:
    import pypdfium2 as pdfium

    from declapp.importing.pdf_grid import read_pdf_grid
    from declapp.importing.pdf_streams import check_streams

    check_streams(path, source.name)  # every stream measured before pdfium unpacks any
    try:
        pdf = pdfium.PdfDocument(path)
    except pdfium.PdfiumError as exc:
        why = "设有打开密码" if "password" in str(exc).lower() else "已损坏"
        raise SourceError(f"无法读取 PDF 文件“{source.name}”：文件{why}。") from None
    try:
        grid = read_pdf_grid(pdf)
        if grid is None:
            raise SourceError(f"“{source.name}”不是本程序导出的 PDF：只有本程序导出的 PDF 能导入。"
                              "请导入原来的 Word 或 Excel 文件。")
        return grid, pdf_payload(pdf)
    finally:
        pdf.close()


# What the zip, XML and PDF libraries raise for a file that is not what it claims.
_UNREADABLE = (zipfile.BadZipFile, zlib.error, etree.LxmlError, struct.error, EOFError,
               OSError, ValueError, KeyError, IndexError, TypeError, UnicodeError,
               NotImplementedError, RuntimeError, AttributeError, OverflowError)

_READERS = {"docx": _read_docx, "xlsx": _read_xlsx, "pdf": _read_pdf}
