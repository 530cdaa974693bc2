"""A label merged down over a page end (年度绩效指标, 产出指标, 数量指标, or a label beside a
text that runs on) prints again at the head of the next page, marked （续）, in the PDF
and in Excel: the rows there are never without their group. Importing the exports gives
back the same draft, the label once."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest
from docx import Document
from rendered_text import (
    labels_due_again,
    needs_real_reader,
    read_cells,
    read_pdf,
    real_reader,
    to_pdf,
)
from test_xlsx import needed_height, ranges_by_anchor

from declapp.export import ExportOptions, export_draft
from declapp.form.model import OP_GE, Draft, Item
from declapp.form.templates import new_draft
from declapp.importing import import_file
from declapp.layout import CONTINUED_MARK, build_layout
from declapp.storage.fileformat import load
from declapp.system.paths import example_path

# The examples whose indicators run over a page end (财政部格式, 湖北, 湖南, 项目, 西城区).
EXAMPLES = ["hubei-2021", "hunan-2023", "national-2015", "project-2011", "zhanlanlu-2021"]


def example_draft(name: str) -> Draft:
    return load(example_path(f"{name}.json"))


def many_items(n: int) -> Draft:
    """A 财政部 form with *n* 数量指标: at some counts the last of them falls alone at the
    head of a page, one line high, where 产出指标（续） needs two."""
    draft = new_draft("national-2015", 2025)
    draft.texts["department.name"] = "测试局"
    draft.indicators[0].categories[0].items = [
        Item(name=f"指标{i}", op=OP_GE, value="1", unit="个") for i in range(n)]
    return draft


DRAFTS = {**{name: (lambda name=name: example_draft(name)) for name in EXAMPLES},
          # The PDF (51) and Excel (48) make a short part taller for the label.
          "national-51-items": lambda: many_items(51),
          "national-48-items": lambda: many_items(48)}


def tree_of(draft: Draft) -> list[tuple[str, str, list[tuple[str, list[str]]]]]:
    """The indicators' groups, categories and item names: what the labels decide."""
    return [(g.kind, g.name, [(c.name, [i.name for i in c.items]) for c in g.categories])
            for g in draft.indicators]


def names(pairs):
    return sorted((cell.text, page) for cell, page in pairs)


@pytest.mark.parametrize("case", sorted(DRAFTS))
def test_the_pdf_prints_each_label_again_where_its_rows_run_on(case, tmp_path):
    draft = DRAFTS[case]()
    target = tmp_path / "form.pdf"
    export_draft(draft, target)
    grid = build_layout(draft)
    cells = read_cells(grid, read_pdf(target, grid))
    due = labels_due_again(grid, cells)
    assert due, "the case runs over no page end"
    assert names(cells.again) == names(due)


def test_the_national_example_names_its_groups_at_the_head_of_page_two(tmp_path):
    target = tmp_path / "form.pdf"
    export_draft(example_draft("national-2015"), target)
    page_two = read_pdf(target, build_layout(example_draft("national-2015"))).page_columns[1]
    heads = ["".join(lines) for lines in page_two[:3]]
    assert heads[0] == "年度绩效指标（续）"
    assert heads[1].startswith("产出指标（续）效益指标")
    assert heads[2].startswith("数量指标（续）质量指标")


@real_reader
@needs_real_reader
@pytest.mark.parametrize("case", ["hubei-2021", "zhanlanlu-2021", "national-48-items"])
def test_libreoffice_prints_the_excel_labels_again_where_their_rows_run_on(case, tmp_path):
    draft = DRAFTS[case]()
    source = tmp_path / "form.xlsx"
    export_draft(draft, source)
    grid = build_layout(draft)
    cells = read_cells(grid, read_pdf(to_pdf(source, tmp_path), grid))
    due = labels_due_again(grid, cells)
    assert due, "the case runs over no page end"
    assert names(cells.again) == names(due)


@pytest.mark.parametrize("fmt", ["pdf", "xlsx"])
@pytest.mark.parametrize("case", ["hubei-2021", "national-48-items", "national-51-items"])
def test_importing_the_export_gives_the_labels_once(case, fmt, tmp_path):
    draft = DRAFTS[case]()
    target = tmp_path / f"form.{fmt}"
    export_draft(draft, target, options=ExportOptions(embed_draft=False))
    assert tree_of(import_file(target).draft) == tree_of(draft)


def test_excel_rows_are_tall_enough_for_the_labels_printed_again(tmp_path):
    target = tmp_path / "form.xlsx"
    export_draft(many_items(48), target)
    sheet = openpyxl.load_workbook(target).active
    widths = build_layout(many_items(48)).columns_mm
    spans = ranges_by_anchor(sheet)
    again = [cell for row in sheet.iter_rows() for cell in row
             if isinstance(cell.value, str) and cell.value.endswith("（续）")]
    assert len(again) == 5  # 年度绩效指标, 产出指标, 数量指标 on page 2; the first two on 3
    for cell in again:
        last_row, last_col = spans.get((cell.row, cell.column), (cell.row, cell.column))
        width = sum(widths[cell.column - 1:last_col])
        height = sum(sheet.row_dimensions[r].height for r in range(cell.row, last_row + 1))
        assert height >= needed_height(cell.value, width), (cell.coordinate, cell.value)


def test_an_excel_copy_without_our_notes_still_reads_one_group(tmp_path):
    """A sheet copied into another workbook loses the data sheet that says where a page
    end cut a cell: 产出指标（续） is then a cell of its own, and still the same group."""
    draft = many_items(48)
    target = tmp_path / "form.xlsx"
    export_draft(draft, target, options=ExportOptions(embed_draft=False))
    workbook = openpyxl.load_workbook(target)
    del workbook["declapp"]
    values = [c.value for row in workbook.active.iter_rows() for c in row]
    assert "产出指标\n（续）" in values
    copy = tmp_path / "copy.xlsx"
    workbook.save(copy)
    assert tree_of(import_file(copy).draft) == tree_of(draft)


def test_word_prints_each_label_once_and_leaves_the_page_ends_to_word(tmp_path: Path):
    """Word breaks the pages itself (and repeats the indicators' heading row): where, is
    not known when the file is written, so no label is printed again in it."""
    target = tmp_path / "form.docx"
    export_draft(example_draft("hubei-2021"), target)
    texts = [cell.text for table in Document(str(target)).tables
             for row in table.rows for cell in row.cells]
    assert "产出指标" in texts
    assert not any(CONTINUED_MARK in text for text in texts)
