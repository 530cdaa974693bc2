"""The forms of the rest of the year (年中监控, 年末自评) print every field: each export
printed as a clerk sees it — Word and Excel through LibreOffice, our PDF as it is — and
read back column by column."""

from __future__ import annotations

from decimal import Decimal

import pytest
from rendered_text import (
    column_mismatches,
    needs_real_reader,
    read_pdf,
    real_reader,
    squeeze_all,
    to_pdf,
)

from declapp.editing.stages import to_stage
from declapp.export import export_draft
from declapp.form.model import Item
from declapp.form.templates import load_template
from declapp.layout import build_layout
from declapp.storage.fileformat import load
from declapp.system.paths import example_path


def _items(draft):
    return [i for g in draft.indicators for c in g.categories for i in c.items]


def monitor_of_the_real_form():
    declared = load(example_path("zhanlanlu-2021.json"))
    draft = to_stage(declared, load_template(declared.template), "监控")
    draft.texts["monitor.months"] = "6"
    draft.texts["monitor.cause"] = "部分项目受疫情影响延期，经费保障和人员保障到位。"
    draft.texts["monitor.measures"] = "加快项目进度，三季度完成招标。"
    draft.amounts["funds.total@executed"] = Decimal("20000.50")
    draft.amounts["funds.total@expected"] = Decimal("41000")
    for n, item in enumerate(_items(draft)):
        item.extra.update({"progress": f"完成{40 + n}%", "expected": "全年完成",
                           "likelihood": ("确定能", "有可能")[n % 2],
                           "cause": "无" if n % 2 == 0 else "设备到货延迟，已协调供货商。"})
    return draft


def self_evaluation_of_a_project():
    form = load_template("project-2011")
    declared = form.new_draft(2023)
    declared.texts.update({"project.name": "老旧小区综合整治", "project.department": "区住房和城市建设委员会（101）",
                           "project.implementer": "某某街道办事处", "project.kind": "延续项目",
                           "project.period": "3年", "goals": "完成 12 个老旧小区综合整治。"})
    declared.amounts.update({"funds.total": Decimal("1200"), "funds.fiscal": Decimal("1000"),
                             "funds.other": Decimal("200")})
    output = declared.indicators[0]
    output.categories[0].items = [Item(name="整治小区数量", op="≥", value="12", unit="个"),
                                  Item(name="楼体节能改造面积", op="≥", value="8", unit="万平方米")]
    output.categories[3].items = [Item(name="单位面积改造成本", op="≤", value="1200", unit="元")]
    declared.indicators[2].categories[0].items = [
        Item(name="居民满意度", op="≥", value="90", unit="%")]
    draft = to_stage(declared, form, "自评")
    draft.amounts.update({"funds.total@executed": Decimal("1100"),
                          "funds.fiscal@executed": Decimal("950"),
                          "funds.other@executed": Decimal("150")})
    draft.texts["goals_result"] = "完成 11 个小区整治，1 个因居民意见未统一顺延。"
    for item, actual in zip(_items(draft), ("11", "8.6", "1250", "93"), strict=True):
        item.extra["actual"] = actual
    _items(draft)[0].extra["deviation"] = "1 个小区居民意见未统一，已列入次年计划。"
    return draft


CASES = {"monitor": monitor_of_the_real_form, "selfeval-project": self_evaluation_of_a_project}


@pytest.mark.parametrize("case", sorted(CASES))
def test_the_grid_holds_every_stage_column(case):
    grid = build_layout(CASES[case]())
    text = "\n".join(grid.all_text())
    if case == "monitor":
        for words in ("1–6月实际完成值", "完成目标可能性", "完成40%", "设备到货延迟",
                      "1–6月执行数", "48.29%", "偏差原因分析", "三季度完成招标"):
            assert words in text, words
    else:
        # 11 ÷ 12 × 分值; the reverse cost; the 执行率 and its score; the total and grade.
        for words in ("实际完成值", "得分", "11", "1250", "91.67%", "老旧小区综合整治",
                      "自评等级", "总分", "100.00"):
            assert words in text, words


@real_reader
@needs_real_reader
@pytest.mark.parametrize("fmt", ["docx", "xlsx"])
@pytest.mark.parametrize("case", sorted(CASES))
def test_every_field_of_a_stage_form_is_on_the_page(case, fmt, tmp_path):
    draft = CASES[case]()
    grid = build_layout(draft)
    target = tmp_path / f"form.{fmt}"
    export_draft(draft, target)
    printed = read_pdf(to_pdf(target, tmp_path), grid, tmp_path)
    assert printed.head == squeeze_all(grid.title + grid.year_line)
    assert column_mismatches(grid, printed) == []


@pytest.mark.parametrize("case", sorted(CASES))
def test_our_pdf_prints_the_start_and_end_of_every_paragraph(case, tmp_path):
    # Lines of the cells of one row interleave in a PDF's text; the first and last
    # characters of every paragraph are on the pages (the cells are drawn whole).
    import pypdfium2 as pdfium

    draft = CASES[case]()
    grid = build_layout(draft)
    target = tmp_path / "form.pdf"
    export_draft(draft, target)
    document = pdfium.PdfDocument(str(target))
    text = squeeze_all("".join(document[n].get_textpage().get_text_range()
                               for n in range(len(document))))
    document.close()
    for cell in grid.cells:
        for paragraph in cell.paragraphs:
            want = squeeze_all(paragraph)
            assert want[:6] in text and want[-4:] in text, (cell.location, paragraph)
