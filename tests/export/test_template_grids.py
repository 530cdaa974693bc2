"""The column grids of the bundled templates, judged on their example drafts as printed:
phone numbers, dates and amounts are never broken over two lines, labels are not
squeezed until one character stands alone, and the 财政部 form keeps to two pages."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from rendered_text import (
    Printed,
    column_mismatches,
    needs_real_reader,
    read_cells,
    read_pdf,
    real_reader,
    squeeze_all,
    to_pdf,
)

from declapp.export import export_draft
from declapp.layout import Cell, FormGrid, build_layout
from declapp.storage.fileformat import load
from declapp.system.paths import example_path

EXAMPLES = sorted(p.stem for p in example_path("zhanlanlu-2021.json").parent.glob("*.json"))
# 西城区 prints its official widths (form-layout.md: 22, 30, 22, 72.4 mm), kept as they are.
OFFICIAL_WIDTHS = {"xicheng-2019", "xicheng-2021"}
# A number as a clerk reads it: digits with the signs inside it (0715-2352178, 12846.30,
# 2023-11-20, 1:2).
NUMBER = re.compile(r"[0-9][0-9.,:/\-]*[0-9]")


def printed(example: str, tmp_path: Path) -> tuple[FormGrid, Printed]:
    draft = load(example_path(f"{example}.json"))
    target = tmp_path / f"{example}.pdf"
    export_draft(draft, target)
    grid = build_layout(draft)
    return grid, read_pdf(target, grid)


def cell_lines(grid: FormGrid, page: Printed) -> dict[Cell, list[str]]:
    """Each cell's printed lines (a label printed again on the next page passed over)."""
    return read_cells(grid, page).lines


@pytest.mark.parametrize("example", EXAMPLES)
def test_numbers_are_never_broken_over_two_lines(example, tmp_path):
    grid, page = printed(example, tmp_path)
    broken = []
    for cell, lines in cell_lines(grid, page).items():
        for number in NUMBER.findall(squeeze_all(cell.text)):
            if not any(number in line for line in lines):
                broken.append(f"{cell.location}: {number} printed as {lines}")
    assert broken == []


@pytest.mark.parametrize("example", [e for e in EXAMPLES
                                     if load(example_path(f"{e}.json")).template
                                     not in OFFICIAL_WIDTHS])
def test_no_label_leaves_one_character_alone_on_a_line(example, tmp_path):
    grid, page = printed(example, tmp_path)
    squeezed = [f"{cell.location or 'heading'}: {lines}"
                for cell, lines in cell_lines(grid, page).items()
                if cell.role == "label" and any(len(line) == 1 for line in lines)]
    assert squeezed == []


def test_the_national_form_of_the_example_fits_two_pages(tmp_path):
    """Its 三级指标 column was the narrowest (20.6 mm): every name took three or four lines
    and the form ran to a third page."""
    grid, page = printed("national-2015", tmp_path)
    assert page.pages == 2
    names = [lines for cell, lines in cell_lines(grid, page).items()
             if cell.location.startswith("indicators") and cell.location.endswith(".name")]
    assert len(names) == 13
    assert sum(len(lines) <= 2 for lines in names) >= 12


@real_reader
@needs_real_reader
@pytest.mark.parametrize("fmt", ["docx", "xlsx"])
def test_libreoffice_prints_the_hubei_phone_number_on_one_line(fmt, tmp_path):
    draft = load(example_path("hubei-2021.json"))
    source = tmp_path / f"hubei.{fmt}"
    export_draft(draft, source)
    grid = build_layout(draft)
    page = read_pdf(to_pdf(source, tmp_path), grid)
    phone = next(c for c in grid.cells if c.location == "department.phone" and c.role != "label")
    lines = [squeeze_all(line) for line in page.columns[phone.col]]
    assert "0715-2352178" in lines


@real_reader
@needs_real_reader
@pytest.mark.parametrize("fmt", ["docx", "xlsx"])
@pytest.mark.parametrize("example", [e for e in EXAMPLES if e != "zhanlanlu-2021"])
def test_libreoffice_prints_every_field_of_each_example_in_its_column(example, fmt, tmp_path):
    # (展览路, the 西城区 form, has its own tests in test_docx and test_xlsx.)
    draft = load(example_path(f"{example}.json"))
    grid = build_layout(draft)
    target = tmp_path / f"{example}.{fmt}"
    export_draft(draft, target)
    printed = read_pdf(to_pdf(target, tmp_path), grid, tmp_path)
    assert printed.head.startswith(squeeze_all(grid.title + grid.year_line))
    assert column_mismatches(grid, printed) == []
