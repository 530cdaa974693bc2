"""Our own Word, Excel and PDF exports of every template imported again, with and without
their draft."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import openpyxl
import pytest
from compare import differences
from docx import Document
from filled import TEMPLATES, filled_draft
from handmade import text_read

sys.path.insert(0, str(Path(__file__).parents[1] / "export"))
from form_cases import CASES, YEAR_DRAFTS
from samples import form_2019

from declapp.export import ExportOptions, export_draft
from declapp.importing import DraftOrigin, import_file
from declapp.storage.fileformat import to_dict

FORMS = {**CASES, "form-2019": form_2019,
         **{f"filled-{t}": (lambda t=t: filled_draft(t)) for t in TEMPLATES}}


@pytest.mark.parametrize("fmt", ["docx", "xlsx", "pdf"])
@pytest.mark.parametrize("case", sorted(FORMS))
def test_with_the_draft_inside_the_import_is_exact(case, fmt, tmp_path):
    draft = FORMS[case]()
    target = tmp_path / f"form.{fmt}"
    export_draft(draft, target)
    result = import_file(target)
    assert result.origin == DraftOrigin.EMBEDDED
    assert to_dict(result.draft) == to_dict(draft)  # content and value apart, hidden rows too
    assert result.warnings == []


@pytest.mark.parametrize("fmt", ["docx", "xlsx", "pdf"])
@pytest.mark.parametrize("case", sorted(FORMS))
def test_without_the_draft_the_text_comes_back(case, fmt, tmp_path):
    draft = FORMS[case]()
    target = tmp_path / f"form.{fmt}"
    export_draft(draft, target, options=ExportOptions(embed_draft=False))
    result = import_file(target)
    assert result.origin == DraftOrigin.TEXT
    assert differences(result.draft, text_read(draft)) == []
    assert result.template == draft.template


@pytest.mark.parametrize("fmt", ["xlsx", "pdf"])
@pytest.mark.parametrize("case", ["hunan-2023", "zhanlanlu-2021"])
def test_the_header_printed_again_on_later_pages_is_read_once(case, fmt, tmp_path):
    """These forms' indicators run over page ends, where the PDF (and Excel, where its
    layout allows) prints their header again."""
    draft = YEAR_DRAFTS[case]()
    target = tmp_path / f"form.{fmt}"
    export_draft(draft, target, options=ExportOptions(embed_draft=False))
    assert differences(import_file(target).draft, text_read(draft)) == []


def _shape(draft):
    return [(g.kind, g.name, [(c.name, len(c.items)) for c in g.categories])
            for g in draft.indicators]


@pytest.mark.parametrize("fmt", ["xlsx", "pdf"])
@pytest.mark.parametrize("case", ["m-hunan-2023", "s-hunan-2023", "m-zhanlanlu-2021",
                                  "s-zhanlanlu-2021"])
def test_the_header_printed_again_adds_no_indicator(case, fmt, tmp_path):
    """The year's later forms, their indicators over page ends: the header printed again
    is no 二级指标 nor 三级指标 of its own."""
    draft = YEAR_DRAFTS[case]()
    target = tmp_path / f"form.{fmt}"
    export_draft(draft, target, options=ExportOptions(embed_draft=False))
    assert _shape(import_file(target).draft) == _shape(draft)


def test_without_the_draft_nothing_of_it_is_in_the_files(tmp_path, example_draft):
    for fmt in ("docx", "xlsx", "pdf"):
        with_draft, without = tmp_path / f"a.{fmt}", tmp_path / f"b.{fmt}"
        export_draft(example_draft, with_draft)
        export_draft(example_draft, without, options=ExportOptions(embed_draft=False))
        assert with_draft.stat().st_size > without.stat().st_size
    workbook = openpyxl.load_workbook(tmp_path / "b.xlsx")
    data = [v for row in workbook["declapp"].iter_rows(values_only=True) for v in row]
    assert "draft" not in data
    assert "declapp.form" not in (tmp_path / "b.pdf").read_bytes().decode("latin-1")


def test_a_word_file_edited_after_export_imports_what_it_shows(tmp_path, example_draft):
    target = tmp_path / "edited.docx"
    export_draft(example_draft, target)
    doc = Document(str(target))
    notes_cell = doc.tables[-1].rows[-1].cells[1]  # the last table: indicators and notes
    notes_cell.paragraphs[0].runs[0].text = "改过的说明。"
    doc.save(str(target))
    result = import_file(target)
    assert result.origin == DraftOrigin.TEXT_OVER_EMBEDDED
    assert result.draft.texts["notes"] == "改过的说明。"
    assert "修改过" in result.warnings[0]
    assert result.draft.texts["goals"] == example_draft.texts["goals"]


def test_an_excel_file_edited_after_export_imports_what_it_shows(tmp_path, example_draft):
    target = tmp_path / "edited.xlsx"
    export_draft(example_draft, target)
    workbook = openpyxl.load_workbook(target)
    sheet = workbook.worksheets[0]
    cell = next(c for row in sheet.iter_rows() for c in row if c.value == "41421.22万元")
    cell.value = "41421.23万元"
    workbook.save(target)
    result = import_file(target)
    assert result.origin == DraftOrigin.TEXT_OVER_EMBEDDED
    assert str(result.draft.amounts["funds.total"]) == "41421.23"


def test_a_damaged_embedded_draft_falls_back_to_the_text(tmp_path, example_draft):
    target = tmp_path / "f.xlsx"
    export_draft(example_draft, target)
    workbook = openpyxl.load_workbook(target)
    sheet = workbook["declapp"]
    for row in sheet.iter_rows():
        if row[0].value == "draft":
            row[1].value = row[1].value[:100]
    workbook.save(target)
    result = import_file(target)
    assert result.origin == DraftOrigin.TEXT
    assert "嵌入的草稿无法读取" in result.warnings[0]
    assert differences(result.draft, text_read(example_draft)) == []


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice is not installed")
@pytest.mark.parametrize("fmt", ["docx", "xlsx"])
def test_the_draft_survives_a_save_in_libreoffice(fmt, tmp_path, example_draft):
    """Opened and saved again by another program, the file still gives the draft back."""
    source = tmp_path / f"form.{fmt}"
    export_draft(example_draft, source)
    out = tmp_path / "saved"
    profile = (tmp_path / "lo-profile").as_uri()
    subprocess.run(["soffice", f"-env:UserInstallation={profile}", "--headless",
                    "--convert-to", fmt, "--outdir", str(out), str(source)],
                   check=True, capture_output=True, timeout=180)
    result = import_file(out / source.name)
    assert result.origin == DraftOrigin.EMBEDDED
    assert to_dict(result.draft) == to_dict(example_draft)
