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
    draft.texts["department.name"] = LONG_NAME
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
    draft.texts["department.name"] = LONG_NAME
    grid = build_layout(draft)
    assert len(grid.doc_title) == len(grid.doc_author) == MAX_PROPERTY_CHARS
    assert len(grid.doc_subject) < MAX_PROPERTY_CHARS


def test_an_80_character_file_name_saves_and_exports(tmp_path):
    from declapp.storage.fileformat import load, save

    stem = ("绩" * 80)
    assert len(f"{stem}.json".encode()) == 245  # the clerk's name from the issue
    draft = small_draft()
    target = tmp_path / f"{stem}.json"
    save(draft, target)
    save(draft, target)  # and again over itself
    assert load(target) == draft
    for fmt in sorted(FORMATS):
        out = tmp_path / f"{stem}.{fmt}"
        export_draft(draft, out)
        assert out.stat().st_size > 1000
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(
        f"{stem}.{ext}" for ext in ("json", "docx", "pdf", "xlsx"))  # no temp left


def test_proposed_names_fit_the_disk_whatever_the_department(tmp_path):
    from declapp.export import default_filename
    from declapp.layout import draft_basename
    from declapp.storage.fileformat import save

    draft = small_draft()
    for name in ("字" * 80, "字" * 300, "a" * 300, "部门名称。" * 60, "\u200b展览路街道\u200b"):
        draft.texts["department.name"] = name
        json_name = f"{draft_basename(draft)}.json"
        assert len(json_name.encode()) <= 255 and json_name.endswith("-2022.json")
        save(draft, tmp_path / json_name)
        for fmt in sorted(FORMATS):
            export_name = default_filename(draft, fmt)
            assert len(export_name.encode()) <= 255
            assert export_name.endswith(f"-2022-绩效目标申报表.{fmt}")
            assert "\u200b" not in export_name
            export_draft(draft, tmp_path / export_name)
    draft.texts["department.name"] = "展览路街道"
    assert default_filename(draft, "pdf") == "展览路街道-2022-绩效目标申报表.pdf"


def test_a_name_too_long_for_the_disk_is_said_in_chinese(tmp_path):
    from declapp.storage.atomic import WriteError
    from declapp.storage.fileformat import save

    stem = "绩" * 90  # 270 bytes: no disk takes it
    with pytest.raises(WriteError) as info:
        save(small_draft(), tmp_path / f"{stem}.json")
    assert "文件名或路径太长" in info.value.message and "255" in info.value.message
    for fmt in sorted(FORMATS):
        with pytest.raises(WriteError) as info:
            export_draft(small_draft(), tmp_path / f"{stem}.{fmt}")
        assert "文件名或路径太长" in info.value.message
    assert list(tmp_path.iterdir()) == []
