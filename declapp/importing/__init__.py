"""Bring a filled form in: Word (by hand or ours), Excel, our PDF, old .doc/.xls files,
in the layout of any template the program knows.

``import_file(path) -> ImportResult`` is the one entry point; it raises ``SourceError``
(a ``ClerkError`` with a Chinese sentence) for a file that holds no readable form. By
role: ``source_file`` (what the file is), ``convert`` (LibreOffice for old formats),
``docx_grid`` / ``xlsx_grid`` / ``pdf_grid`` (a file as a grid of cell texts, merges
resolved), ``labels`` (the words of each template's form), ``detect`` (which template
the file shows), ``parser`` (the grid walked by that template's labels), ``blocks`` and
``indicator_rows`` (its amounts, tables, rows of headings and indicator tables),
``indicator_words`` (group labels, 二级指标 names, item numbers, values), ``loose_lines``
(the lines around the table), ``assemble`` (the draft put together), ``embedded_draft``
(the draft our exports carry), ``result`` (what the clerk is told).
"""

from __future__ import annotations

from pathlib import Path

from declapp.form.text import UNPLACED_MARKER
from declapp.importing.result import DraftOrigin, ImportCounts, ImportResult
from declapp.importing.source_file import SUFFIXES, SourceError

FILE_FILTER = ("申报表文件 (*.docx *.xlsx *.pdf *.doc *.wps *.et *.xls);;"
               "Word 文件 (*.docx *.doc *.wps);;Excel 文件 (*.xlsx *.xls *.et);;PDF 文件 (*.pdf)")



def import_file(path: Path | str) -> ImportResult:
    """Read the form in *path* (``importer.import_file``); the readers and their libraries
    (lxml, pypdfium2) are loaded by the first import, not by the window's start."""
    from declapp.importing.importer import import_file as read_form

    return read_form(path)


__all__ = ["FILE_FILTER", "SUFFIXES", "UNPLACED_MARKER", "DraftOrigin", "ImportCounts",
           "ImportResult", "SourceError", "import_file"]
