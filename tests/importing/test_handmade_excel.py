"""An Excel sheet laid out like the form by a clerk (best effort): merged ranges, amounts
typed as numbers, a sheet of notes before it, no data sheet of ours."""

from __future__ import annotations

from decimal import Decimal

from compare import differences
from handmade import text_read
from openpyxl import Workbook
from openpyxl.styles import Border, Side

from declapp.importing import DraftOrigin, import_file


def test_a_sheet_made_by_hand_is_read(tmp_path, example_draft):
    workbook = Workbook()
    workbook.active.title = "说明"
    workbook.active["A1"] = "填表说明：金额以万元为单位。"
    sheet = workbook.create_sheet("申报表")
    rows: list[list] = [["部门整体支出绩效目标申报表"], ["（2021年度）"],
                        ["部门(单位)名称", example_draft.texts["department.name"]],
                        ["部门（单位）总体资金情况（万元）", "资金总额", 41421.22],
                        [None, "基本支出", 10470.23], [None, "项目支出", "30,950.99"],
                        ["部门（单位）绩效目标", example_draft.texts["goals"]],
                        ["绩效指标", "一级指标", "二级指标", "具体指标（指标内容、指标值）"]]
    merges = ["A1:D1", "A2:D2", "B3:D3", "A4:A6", "C4:D4", "C5:D5", "C6:D6", "B7:D7"]
    top = len(rows) + 1
    for n, group in enumerate(example_draft.indicators, start=1):
        first = len(rows) + 1
        label = f"产出指标{'一二三四五六'[n - 1]}（{group.name}）" if group.kind == "output" else "效果指标"
        for c, category in enumerate(group.categories):
            items = [i.content for i in category.items]
            text = "\n".join(f"{k}、{t}" for k, t in enumerate(items, 1)) if len(items) > 1 \
                else "\n".join(items)
            rows.append([None, label if c == 0 else None, category.name, text])
        merges.append(f"B{first}:B{len(rows)}")
    merges.append(f"A{top - 1}:A{len(rows)}")
    rows.append(["其他说明的问题", example_draft.texts["notes"]])
    merges.append(f"B{len(rows)}:D{len(rows)}")
    thin = Side(style="thin")
    for r, row in enumerate(rows, start=1):
        for c, value in enumerate(row, start=1):
            cell = sheet.cell(row=r, column=c, value=value)
            cell.border = Border(left=thin, right=thin, top=thin, bottom=thin)
    for merge in merges:
        sheet.merge_cells(merge)
    source = tmp_path / "手工.xlsx"
    workbook.save(source)
    result = import_file(source)
    assert result.origin == DraftOrigin.TEXT
    assert differences(result.draft, text_read(example_draft)) == []
    assert result.draft.amounts["funds.total"] == Decimal("41421.22")
    assert result.draft.amounts["funds.project"] == Decimal("30950.99")
    assert result.warnings == []
