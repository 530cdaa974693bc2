"""Is the file already at an export's target one this program wrote for the same form?

Replacing our own earlier export of a draft is what exporting again means; replacing
anything else (a form a clerk filled in by hand, another department's export, our
export that the clerk has since edited in Word or Excel) is asked first.

An earlier export "of the same draft" is recognised by what every export carries, not by
its embedded draft (left out with ``--no-embed``, and changed with every edit): the
document title ``<部门>-<年度>-部门整体支出绩效目标申报表`` (the same department and year),
and the marks of a file as declapp left it:

- Word: last saved by "declapp" (Word and WPS put the clerk's name there on saving);
- Excel: our data sheet, and no one else's "last saved by";
- PDF: made by declapp through ReportLab (a PDF program that saves it again puts its own
  name in Producer);
- 一体化指标表: made by declapp, its title the department and year, no other saver.

Only a few kilobytes of the file are read (its properties); a file that is not a regular
file, or cannot be read, is never ours.
"""

from __future__ import annotations

import stat
import zipfile
from pathlib import Path

from lxml import etree

from declapp.export.pdf_info import simple_info
from declapp.form.model import Draft
from declapp.form.template_file import TemplateError
from declapp.form.templates import load_template, unit_name
from declapp.layout import property_text

MAKER = "declapp"
_SMALL = 1024 * 1024  # core.xml and workbook.xml of our files are a few KB
_PARSER = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False)
_CP = "{http://schemas.openxmlformats.org/package/2006/metadata/core-properties}"
_DC = "{http://purl.org/dc/elements/1.1/}"


def form_title(draft: Draft) -> str | None:
    """The document title our exports of *draft* carry (as ``layout.build_layout`` makes
    it, as the writers write it); None for a template this program does not know."""
    try:
        form = load_template(draft.template)
    except TemplateError:
        return None
    shown = unit_name(draft, form) or "未命名部门"
    return property_text(property_text(f"{shown}-{draft.year}-{form.doc_name}",
                                       one_line=False))


def sheet_title(draft: Draft) -> str:
    """The title of our 一体化指标表 of *draft*."""
    return f"{unit_name(draft)} {draft.year} 年度绩效指标"


def is_regular(path: Path) -> bool:
    try:
        return stat.S_ISREG(path.stat().st_mode)
    except OSError:
        return False


def _xml(package: zipfile.ZipFile, name: str) -> etree._Element | None:
    try:
        if package.getinfo(name).file_size > _SMALL:
            return None
        root = etree.fromstring(package.read(name), _PARSER)
    except (KeyError, etree.LxmlError, zipfile.BadZipFile, OSError, ValueError, RuntimeError,
            NotImplementedError):
        return None
    if root.getroottree().docinfo.doctype:
        return None
    return root


def _core(package: zipfile.ZipFile) -> dict[str, str]:
    root = _xml(package, "docProps/core.xml")
    if root is None:
        return {}
    wanted = {f"{_DC}title": "title", f"{_DC}creator": "creator",
              f"{_CP}lastModifiedBy": "saved_by"}
    return {wanted[el.tag]: (el.text or "").strip() for el in root if el.tag in wanted}


def _zip_is_ours(path: Path, fmt: str, title: str) -> bool:
    try:
        with zipfile.ZipFile(path) as package:
            core = _core(package)
            if core.get("title") != title:
                return False
            if fmt == "docx":
                return core.get("saved_by") == MAKER
            if core.get("saved_by", "") not in ("", MAKER):
                return False
            if fmt == "sheet":
                return core.get("creator") == MAKER
            workbook = _xml(package, "xl/workbook.xml")
            return workbook is not None and any(
                el.get("name") == "declapp" for el in workbook.iter("{*}sheet"))
    except (zipfile.BadZipFile, OSError, ValueError, RuntimeError, NotImplementedError):
        return False


def _pdf_is_ours(path: Path, title: str) -> bool:
    meta = simple_info(path)  # our own PDFs, without loading pdfium
    if meta is None:
        meta = _pdfium_info(path)
    return (meta.get("Title") == title and str(meta.get("Creator", "")).startswith(MAKER)
            and "ReportLab" in str(meta.get("Producer", "")))


def _pdfium_info(path: Path) -> dict[str, str]:
    import pypdfium2 as pdfium

    try:
        pdf = pdfium.PdfDocument(path)
    except (pdfium.PdfiumError, OSError, ValueError):
        return {}
    try:
        return dict(pdf.get_metadata_dict())
    except (pdfium.PdfiumError, ValueError):
        return {}
    finally:
        pdf.close()


def earlier_export(path: Path, draft: Draft, fmt: str) -> bool:
    """Is *path* an export declapp wrote of a draft of the same department and year, in
    format *fmt* ("docx", "xlsx", "pdf", or "sheet" for the 一体化指标表), as it wrote it?"""
    title = sheet_title(draft) if fmt == "sheet" else form_title(draft)
    if title is None or not is_regular(path):
        return False
    if fmt == "pdf":
        return _pdf_is_ours(path, title)
    return _zip_is_ours(path, fmt, title)
