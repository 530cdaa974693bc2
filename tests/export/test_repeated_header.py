"""The indicators' heading row (一级指标 | 二级指标 | 三级指标 | …) prints again at the top of
every page the indicators run on to, in the PDF as Word prints it (and so on paper: print
uses the PDF), and is never left alone at the foot of a page. Reading the PDF as a clerk
does meets the header once (importing it: tests/importing/test_own_exports.py)."""

from __future__ import annotations

import pytest
from form_cases import YEAR_DRAFTS
from rendered_text import heading_pages, read_cells, read_pdf
from test_continued_labels import many_items

from declapp.export import ExportOptions, export_draft
from declapp.form.model import Draft
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
    """The 自评 form of 湖南 ends its indicators on page 2; page 3 (预算执行偏差说明 …) has
    no header over it."""
    _target, grid, printed, cells = printed_pdf(CASES["s-hunan-2023"](), tmp_path)
    assert printed.pages == 3
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
