"""The indicators' heading row (一级指标 | 二级指标 | 三级指标 | …) prints again at the top of
every page the indicators run on to, in the PDF as Word prints it (and so on paper: print
uses the PDF) and in Excel where the sheet allows (print titles), and is never left alone
at the foot of a page. Reading the PDF as a clerk
does meets the header once (importing it: tests/importing/test_own_exports.py)."""

from __future__ import annotations

import openpyxl
import pytest
from form_cases import YEAR_DRAFTS
from rendered_text import (
    heading_pages,
    needs_real_reader,
    read_cells,
    read_pdf,
    real_reader,
    to_pdf,
)
from test_continued_labels import many_items

from declapp.export import ExportOptions, export_draft
from declapp.form.model import Draft
from declapp.form.templates import load_template
from declapp.layout import build_layout

# Drafts whose indicators run over a page end.
CASES = {**YEAR_DRAFTS, "national-48-items": lambda: many_items(48),
         "national-51-items": lambda: many_items(51)}
RUNNING_ON = ["hunan-2023", "national-2015", "zhanlanlu-2021", "s-hunan-2023",
              "m-zhanlanlu-2021", "s-zhanlanlu-2021", "national-48-items",
              "national-51-items"]


def printed_pdf(draft: Draft, tmp_path, embed: bool = True):
    target = tmp_path / "form.pdf"
    export_draft(draft, target, options=ExportOptions(embed_draft=embed))
    grid = build_layout(draft)
    printed = read_pdf(target, grid)
    return target, grid, printed, read_cells(grid, printed)


@pytest.mark.parametrize("case", RUNNING_ON)
def test_the_pdf_repeats_the_header_on_each_page_the_indicators_run_on_to(case, tmp_path):
    _target, grid, printed, cells = printed_pdf(CASES[case](), tmp_path)
    due, alone = heading_pages(grid, cells)
    assert due, "the indicators run over no page end"
    assert printed.repeated_header == due
    assert alone == []


def test_no_header_where_the_indicators_have_ended(tmp_path):
    """The 自评 form of 湖南 with a long 预算执行偏差说明: it runs on to page 3 and after,
    below the indicators, and no header prints over it there."""
    _target, grid, printed, cells = printed_pdf(long_note(), tmp_path)
    note = next(c for c in grid.cells if c.location == "evaluation.execution_note"
                and c.role == "text")
    assert cells.pages[note][-1] == printed.pages >= 3
    due, _alone = heading_pages(grid, cells)
    assert printed.repeated_header == due == [2]


def goals_of(draft: Draft, lines: int) -> Draft:
    draft.texts["goals"] = "\n".join(f"第{n}项目标：完成年度重点工作任务。" for n in range(lines))
    return draft


@pytest.mark.parametrize("lines", range(20, 44))
def test_the_header_never_ends_a_page_alone(lines, tmp_path):
    """Goals of 20 to 43 lines bring the header of the 财政部 form to every place near the
    foot of page 1: it goes to page 2 with its first rows rather than stay there alone."""
    draft = goals_of(many_items(3), lines)
    _target, grid, _printed, cells = printed_pdf(draft, tmp_path)
    assert heading_pages(grid, cells)[1] == []


# --- Excel: print titles --------------------------------------------------------------

def sheet_of(draft: Draft, tmp_path):
    target = tmp_path / "form.xlsx"
    export_draft(draft, target)
    return target, openpyxl.load_workbook(target).active


def header_sheet_row(sheet) -> int:
    return next(c.row for row in sheet.iter_rows() for c in row if c.value == "一级指标")


@pytest.mark.parametrize("case", ["hunan-2023", "s-national-2015", "m-zhanlanlu-2021",
                                  "national-48-items"])
def test_the_sheet_prints_the_header_again_on_later_pages(case, tmp_path):
    _target, sheet = sheet_of(CASES[case](), tmp_path)
    row = header_sheet_row(sheet)
    assert sheet.print_title_rows == f"${row}:${row}"


@pytest.mark.parametrize("case", ["s-hunan-long-note", "zhanlanlu-2021", "xicheng-2019",
                                  "chongqing-2022"])
def test_no_print_titles_where_they_would_head_other_rows(case, tmp_path):
    """湖南 自评 with a long 预算执行偏差说明, 西城区: a page starts below the indicators
    (预算执行偏差说明, 其他说明的问题), where Excel would print the header too; 西城区 2019:
    绩效目标 runs down through the header row; 重庆: one page."""
    draft = {"s-hunan-long-note": long_note, "xicheng-2019": xicheng_2019}.get(
        case, CASES.get(case))()
    _target, sheet = sheet_of(draft, tmp_path)
    assert sheet.print_title_rows is None


def long_note() -> Draft:
    draft = CASES["s-hunan-2023"]()
    draft.texts["evaluation.execution_note"] = "\n".join(
        f"{n}. 部分项目受汛期影响，资金拨付滞后，已督促实施单位加快进度。" for n in range(40))
    return draft


def xicheng_2019() -> Draft:
    draft = CASES["zhanlanlu-2021"]()
    draft.template = "xicheng-2019"
    load_template("xicheng-2019").complete(draft)
    return draft


@pytest.mark.parametrize("lines", range(20, 44))
def test_the_sheet_never_ends_a_page_with_the_header(lines, tmp_path):
    _target, sheet = sheet_of(goals_of(many_items(3), lines), tmp_path)
    row = header_sheet_row(sheet)
    assert row not in [b.id for b in sheet.row_breaks.brk]  # a break's id: a page's last row


@real_reader
@needs_real_reader
@pytest.mark.parametrize("case", ["hunan-2023", "s-national-2015", "national-48-items"])
def test_libreoffice_prints_the_sheet_header_again_on_each_later_page(case, tmp_path):
    draft = CASES[case]()
    target, _sheet = sheet_of(draft, tmp_path)
    grid = build_layout(draft)
    printed = read_pdf(to_pdf(target, tmp_path), grid)
    cells = read_cells(grid, printed)  # every cell's text in order, the header once
    due, alone = heading_pages(grid, cells)
    assert due, "the indicators run over no page end"
    assert printed.repeated_header == due
    assert alone == []


def test_a_tail_taller_than_a_page_is_laid_out_once(monkeypatch):
    """Rows after the indicators that alone need more than a page: a page must begin among
    them, so the header cannot repeat, and the sheet is laid out once, not tried with the
    header first (a third of a long draft's Excel export)."""
    from declapp.export import sheet_plan

    draft = long_note()
    draft.texts["evaluation.execution_note"] *= 5  # 200 lines
    grid = build_layout(draft)
    plans = []
    real_plan = sheet_plan._plan

    def counted(*args):
        plans.append(args[-1])
        return real_plan(*args)

    monkeypatch.setattr(sheet_plan, "_plan", counted)
    plan = sheet_plan.plan_sheet(grid)
    assert plans == [None] and plan.title_rows is None
    # The same as trying the header first and giving it up.
    titles = sheet_plan._Titles.of(grid)
    page_pt = grid.page.text_height_mm * sheet_plan.PT_PER_MM
    content = {id(c): sheet_plan._content(grid, c) for c in grid.cells}
    assert titles is not None
    assert real_plan(grid, content, (), page_pt, titles).title_rows is None
    assert plan == real_plan(grid, content, (), page_pt, None)
    # With a short note after the indicators the header is tried first, as before.
    plans.clear()
    sheet_plan.plan_sheet(build_layout(CASES["s-hunan-2023"]()))
    assert plans[0] is not None
