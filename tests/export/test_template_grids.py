"""The column grids of the bundled templates, judged on their example drafts as printed:
phone numbers, dates and amounts are never broken over two lines, labels are not
squeezed until one character stands alone, and the 财政部 form keeps to two pages."""

from __future__ import annotations

import re
import unicodedata
from itertools import pairwise
from pathlib import Path

import openpyxl
import pytest
from form_cases import FILLED_STAGES, YEAR_DRAFTS
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
from declapp.layout import Cell, FormGrid, build_layout, label_breaks, without_lone_last
from declapp.storage.fileformat import load
from declapp.system.paths import example_path

# The examples, the 监控 and 自评 drafts made from them, and those filled in (the widest
# usual values: 99999.99, 2024-12-31, ≥95%, 完全不可能).
DRAFTS = {**YEAR_DRAFTS, **FILLED_STAGES}
EXAMPLES = sorted(p.stem for p in example_path("zhanlanlu-2021.json").parent.glob("*.json"))
# A number as a clerk reads it: digits with the signs inside it (0715-2352178, 12846.30,
# 2023-11-20, 1:2), the sign before it and the per cent after it (≥95%, ≤35).
NUMBER = re.compile(r"[≥≤＞＜＝]?[0-9](?:[0-9.,:/\-]*[0-9])?%?")


def printed(case: str, tmp_path: Path) -> tuple[FormGrid, Printed]:
    draft = DRAFTS[case]()
    target = tmp_path / f"{case}.pdf"
    export_draft(draft, target)
    grid = build_layout(draft)
    return grid, read_pdf(target, grid)


def cell_lines(grid: FormGrid, page: Printed) -> dict[Cell, list[str]]:
    """Each cell's printed lines (a label printed again on the next page passed over)."""
    return read_cells(grid, page).lines


@pytest.mark.parametrize("case", sorted(DRAFTS))
def test_numbers_are_never_broken_over_two_lines(case, tmp_path):
    grid, page = printed(case, tmp_path)
    broken = []
    for cell, lines in cell_lines(grid, page).items():
        for number in NUMBER.findall(squeeze_all(cell.text)):
            if not any(number in line for line in lines):
                broken.append(f"{cell.location}: {number} printed as {lines}")
    assert broken == []


@pytest.mark.parametrize("case", sorted(DRAFTS))
def test_no_label_leaves_one_character_alone_on_a_line(case, tmp_path):
    grid, page = printed(case, tmp_path)
    squeezed = [f"{cell.location or 'heading'}: {lines}"
                for cell, lines in cell_lines(grid, page).items()
                if cell.role == "label" and any(len(line) == 1 for line in lines)]
    assert squeezed == []


# The columns of values: 指标值, the later stages' completions, choices and scores.
VALUE_KEYS = (".value", ".progress", ".expected", ".likelihood", ".actual", ".adjusted",
              ".points", ".score")


def ems(text: str) -> float:
    return sum(1.0 if unicodedata.east_asian_width(ch) in ("W", "F", "A") else 0.5
               for ch in text)


def cut_values(grid: FormGrid, page: Printed) -> list[str]:
    return [f"{cell.location}: {lines}" for cell, lines in cell_lines(grid, page).items()
            if (cell.role == "amount" or cell.location.endswith(VALUE_KEYS))
            and len(cell.paragraphs) == 1 and ems(cell.text) <= 8 and len(lines) > 1]


@pytest.mark.parametrize("case", sorted(DRAFTS))
def test_a_usual_value_prints_on_one_line(case, tmp_path):
    """Amounts (99999.99), rates, ≥95%, 2386.20万元, ≤35微克/立方米, 6月底前足额发放,
    2024-12-31, 完全不可能: a value of up to eight Chinese characters' width is not cut."""
    grid, page = printed(case, tmp_path)
    assert cut_values(grid, page) == []


@real_reader
@needs_real_reader
@pytest.mark.parametrize("fmt", ["docx", "xlsx"])
@pytest.mark.parametrize("case", ["mf-hubei-2021", "sf-hubei-2021", "sf-project-2011"])
def test_libreoffice_prints_a_usual_value_on_one_line(case, fmt, tmp_path):
    """Word prints 6月底前足额发放 in 监控's 指标值 column as 6月底前足额发 / 放 where the
    PDF just holds it: its cell margins and fonts leave less room."""
    draft = DRAFTS[case]()
    source = tmp_path / f"form.{fmt}"
    export_draft(draft, source)
    grid = build_layout(draft)
    page = read_pdf(to_pdf(source, tmp_path), grid)
    cut = []
    for cell in grid.cells:
        value = squeeze_all(cell.text)
        if not ((cell.role == "amount" or cell.location.endswith(VALUE_KEYS))
                and len(cell.paragraphs) == 1 and ems(cell.text) <= 8):
            continue
        lines = [squeeze_all(line) for line in page.columns[cell.col]]
        cut += [f"{cell.location}: {first} / {then}" for first, then in pairwise(lines)
                if first and first != value and value.startswith(first)
                and then.startswith(value[len(first):])]
    assert cut == []


def test_the_official_widths_break_a_label_where_it_reads_well(tmp_path):
    """西城区's 二级指标 column (22 mm, as published) holds four characters a line: the PDF
    printed 服务对象 / 满意度指 / 标."""
    grid, page = printed("zhanlanlu-2021", tmp_path)
    assert grid.columns_mm == (22, 30, 22, 72.4)
    lines = [lines for cell, lines in cell_lines(grid, page).items()
             if cell.text == "服务对象满意度指标"]
    assert lines == [["服务对象", "满意度", "指标"]]


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
def test_libreoffice_breaks_the_official_label_where_it_reads_well(fmt, tmp_path):
    """Word breaks a label itself: its file carries a line break before 指标."""
    draft = DRAFTS["zhanlanlu-2021"]()
    source = tmp_path / f"form.{fmt}"
    export_draft(draft, source)
    grid = build_layout(draft)
    label = next(c for c in grid.cells if c.text == "服务对象满意度指标")
    column = [squeeze_all(line) for line in
              read_pdf(to_pdf(source, tmp_path), grid).columns[label.col]]
    first = next(n for n, line in enumerate(column) if "服务对象满意度指标".startswith(line))
    lines, text = [], ""
    while text != "服务对象满意度指标":
        lines.append(column[first + len(lines)])
        text += lines[-1]
    assert lines in (["服务对象", "满意度", "指标"], ["服务对象", "满意度指标"]), lines


def test_the_sheet_writes_the_official_label_broken_between_words(tmp_path):
    """Excel breaks a label where the sheet writes the breaks: 服务对象满 / 意度指标 cut
    满意度 in two."""
    target = tmp_path / "form.xlsx"
    export_draft(DRAFTS["zhanlanlu-2021"](), target)
    sheet = openpyxl.load_workbook(target).worksheets[0]
    values = [c.value for row in sheet.iter_rows() for c in row
              if isinstance(c.value, str) and c.value.replace("\n", "") == "服务对象满意度指标"]
    assert values == ["服务对象\n满意度指标"]


def test_a_label_breaks_between_its_words():
    def fits(most):
        return lambda text: len(text) <= most

    assert label_breaks(["服务对象满", "意度指标"], fits(5)) == ["服务对象", "满意度指标"]
    assert label_breaks(["服务对象", "满意度指", "标"], fits(4)) == ["服务对象", "满意度", "指标"]
    assert label_breaks(["可持续影", "响指标"], fits(4)) == ["可持续", "影响指标"]
    # An opening bracket goes along with the word.
    assert label_breaks(["预算执行", "情况（万", "元）"], fits(4)) == ["预算执行", "情况", "（万元）"]
    # The word does not fit the last line, or the line before would keep one character:
    # as broken, bar a last character alone.
    assert label_breaks(["服务对象满", "意度指标"], fits(4)) == ["服务对象满", "意度指标"]
    assert label_breaks(["满意", "度"], fits(2)) == ["满意", "度"]
    lines = ["产出数量", "指标"]
    assert label_breaks(lines, fits(4)) is lines


def test_a_lone_last_character_gets_company():
    assert without_lone_last(["服务对象", "满意度指", "标"]) == ["服务对象", "满意度", "指标"]
    assert without_lone_last(["产出数量指", "标"]) == ["产出数量", "指标"]
    # The line before would keep one character; a mark would end up out of place.
    assert without_lone_last(["指标", "重"]) == ["指标", "重"]
    assert without_lone_last(["执行率）", "分"]) == ["执行率）", "分"]
    assert without_lone_last(["预算（万", "元"]) == ["预算（万", "元"]
    assert without_lone_last(["一行"]) == ["一行"]


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
