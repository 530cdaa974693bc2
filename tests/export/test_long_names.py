"""Long names: a department name of hundreds of characters, a file name at the limit of
the disk (issue 9, §2 and §5)."""

from __future__ import annotations

import zipfile

import pytest
from docx import Document
from form_cases import small_draft
from openpyxl import load_workbook
from pypdf import PdfReader

from declapp.export import FORMATS, export_draft
from declapp.layout import MAX_PROPERTY_CHARS, build_layout

LONG_NAME = "北京市西城区人民政府展览路街道办事处" * 17  # 306 characters: 237+ crashed Word


@pytest.mark.parametrize("fmt", sorted(FORMATS))
def test_a_very_long_department_name_exports_with_properties_cut(tmp_path, fmt):
    draft = small_draft()
    draft.department.name = LONG_NAME
    target = tmp_path / f"form.{fmt}"
    export_draft(draft, target)
    if fmt == "docx":
        props = Document(str(target)).core_properties
        title, author = props.title, props.author
        texts = [c.text for t in Document(str(target)).tables for r in t.rows for c in r.cells]
        assert LONG_NAME in texts  # the form itself prints the whole name
    elif fmt == "xlsx":
        props = load_workbook(target).properties
        title, author = props.title, props.creator
    else:
        info = PdfReader(target).metadata
        title, author = info.title, info.author
    for value in (title, author):
        assert len(value) == MAX_PROPERTY_CHARS and value.endswith("…")
        assert value.startswith("北京市西城区人民政府展览路街道办事处北京市")
    if fmt != "pdf":
        with zipfile.ZipFile(target) as zf:
            assert zf.testzip() is None


def test_layout_cuts_the_properties_once_for_every_writer():
    draft = small_draft()
    draft.department.name = LONG_NAME
    grid = build_layout(draft)
    assert len(grid.doc_title) == len(grid.doc_author) == MAX_PROPERTY_CHARS
    assert len(grid.doc_subject) < MAX_PROPERTY_CHARS
