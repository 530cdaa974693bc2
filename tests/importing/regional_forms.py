"""Word files typed like the forms other regions publish (form-family.md), cell by cell,
with the slips clerks make in them: not made from our templates, so that the importer
meets the layouts as clerks type them.

``write_rows(path, heads, rows)`` writes one table: a row is a list of cells, a cell is a
text, ``(text, columns)`` for a cell over several columns, or ``UP`` for the cell above
running on (merged down). Lines of a cell are paragraphs.
"""

from __future__ import annotations

from pathlib import Path

from docx import Document

UP = None  # the cell above runs on into this row


def write_rows(path: Path, heads: list[str], rows: list[list], after: tuple[str, ...] = ()
               ) -> Path:
    doc = Document()
    for line in heads:
        doc.add_paragraph(line)
    n_cols = sum(c[1] if isinstance(c, tuple) else 1 for c in rows[0])
    table = doc.add_table(rows=len(rows), cols=n_cols)
    table.style = "Table Grid"
    top: dict[int, int] = {}  # column → the row its cell starts in
    for r, row in enumerate(rows):
        col = 0
        for cell in row:
            text, span = cell if isinstance(cell, tuple) else (cell, 1)
            if text is UP:
                table.cell(top[col], col).merge(table.cell(r, col + span - 1))
            else:
                target = table.cell(r, col)
                if span > 1:
                    target = target.merge(table.cell(r, col + span - 1))
                lines = text.split("\n")
                target.paragraphs[0].add_run(lines[0])
                for line in lines[1:]:
                    target.add_paragraph(line)
                for c in range(col, col + span):
                    top[c] = r
            col += span
    for line in after:
        doc.add_paragraph(line)
    doc.save(str(path))
    return path


HUNAN_NAME = "某某县农业农村局"
HUNAN_HEADINGS = ["一级指标", "二级指标", "三级指标", "指标值类型", "*指标值", "计量单位",
                  "*指标解释", "*评(扣)分标准", "备注"]
# (一级, 二级, 三级, 类型, 指标值, 单位, 解释, 评分, 备注); UP where the cell above runs on.
HUNAN_ROWS = [
    ["产出指标", "数量指标", "高标准农田建设面积", "定量", "≥5000", "亩", "反映建设任务完成情况。",
     "完成得满分，每少10%扣1分。", ""],
    [UP, UP, "农技培训人次", "定量", "≥800", "人次", "反映培训覆盖面。", "按完成比例计分。", ""],
    [UP, "质量指标", "项目验收合格率", "定量", "100", "%", "反映项目质量。", "未达到不得分。", ""],
    # A unit on a 定性 value: the slip 湖南's published forms show.
    [UP, "时效指标", "任务完成时限", "定性", "按期完成", "%", "反映进度。", "延期不得分。", ""],
    # Money in 指标值 with unit %, and a cost written with a space before its %.
    [UP, "成本指标", "项目成本", "定量", "30万元", "%", "反映成本控制。", "超支不得分。", ""],
    [UP, UP, "成本节约率", "定量", "≥5 %", "%", "反映节约情况。", "按比例计分。", ""],
    ["效益指标", "社会效益指标", "带动农户增收", "定性", "明显提升", "", "反映带动作用。",
     "酌情扣分。", "重点"],
    [UP, "可持续影响指标", "长效管护机制", "定性", "建立健全", "", "反映可持续性。", "未建立不得分。", ""],
    # Three indicators typed into one name cell.
    ["满意度指标", "服务对象满意度指标", "农户满意度\n合作社满意度\n社会公众满意度", "定量", "≥90", "%",
     "反映满意程度。", "每低1%扣1分。", ""],
]


def hunan_form(path: Path) -> Path:
    """湖南's 整体绩效目标表 as a county clerk types it (landscape, nine columns)."""
    rows: list[list] = [
        [("部门(单位)名称", 2), (HUNAN_NAME, 7)],
        [("*部门(单位)职责", 2), ("负责全县农业农村发展规划。\n负责农田建设管理。", 7)],
        [("*年度总体绩效目标", 2), ("完成高标准农田建设5000亩，培训农技人员800人次。", 7)],
        [("绩效指标", 9)],
        HUNAN_HEADINGS,
        *HUNAN_ROWS,
    ]
    return write_rows(path, [f"{HUNAN_NAME}2023年度整体绩效目标表"], rows)


CHONGQING_NAME = "重庆市某某区教育委员会"
# (名称, 权重, 单位, 指标性质, 指标值): weights add up to 90, a slip the checks catch.
CHONGQING_ROWS = [
    ("学校建设项目数", "20", "个", "≥", "3"),
    ("教师培训人次", "20", "人次", "≥", "1500"),
    ("校舍安全达标率", "20", "%", "=", "100"),
    ("项目完成时限", "10", "", "", "按期完成"),
    ("生均公用经费", "10", "元", "≤", "1200"),
    ("学生家长满意度", "10", "%", "≥", "90"),
]


def chongqing_form(path: Path) -> Path:
    """重庆's 部门(单位)整体绩效目标表: a budget total beside the name, a flat list."""
    rows: list[list] = [
        ["部门(单位)名称", (CHONGQING_NAME, 2), ("区级支出预算总量", 2), "82400.29"],
        ["当年整体绩效目标", ("保障全区义务教育均衡发展。\n完成3所学校建设。", 5)],
        ["绩效指标", "指标名称", "指标权重", "计量单位", "指标性质", "指标值"],
        *[[UP, *row] for row in CHONGQING_ROWS],
    ]
    return write_rows(path, ["2022年部门(单位)整体绩效目标表", "单位：万元"], rows)


HUBEI_NAME = "某某县住房和城乡建设局"


def hubei_form(path: Path, spending_total: str = "1000.70") -> Path:
    """湖北's 申报表: 填报人 and 联系电话 on the name row, two fund blocks with a 合计 each,
    the two years before and 占比 beside every amount."""
    funds = "部门总体资金情况（单位:万元）"
    rows: list[list] = [
        ["部门(单位)名称", HUBEI_NAME, "填报人", "张三", "联系电话", "0710-3456789"],
        [funds, "收入构成", "当年金额", ("近两年收支金额", 2), "占比"],
        [UP, UP, UP, "2019年", "2020年", UP],
        [UP, "财政拨款", "700.50", "650.00", "600.00", "70.0%"],
        [UP, "其他资金", "300.20", "250.00", "200.00", "30.0%"],
        [UP, "合计", "1000.70", "900.00", "800.00", "100%"],
        [UP, "支出构成", "当年金额", ("近两年收支金额", 2), "占比"],
        [UP, UP, UP, "2019年", "2020年", UP],
        [UP, "基本支出", "400.30", "380.00", "350.00", "40.0%"],
        [UP, "项目支出", "600.40", "520.00", "450.00", "60.0%"],
        [UP, "合计", spending_total, "900.00", "800.00", "100%"],
        ["部门职能概述", ("负责全县住房和城乡建设管理。", 5)],
        ["年度总体目标", ("完成老旧小区改造12个。", 5)],
        ["年度绩效指标", "一级指标", "二级指标", "三级指标", ("指标值", 2)],
        [UP, "产出指标", "数量指标", "老旧小区改造数", ("≥12个", 2)],
        [UP, UP, "质量指标", "工程验收合格率", ("100%", 2)],
        [UP, UP, "时效指标", "完工时间", ("2021年12月底前", 2)],
        [UP, UP, "成本指标", "改造成本", ("≤600.4万元", 2)],
        [UP, "效益指标", "社会效益指标", "居住环境", ("明显改善", 2)],
        [UP, "满意度指标", "服务对象满意度指标", "居民满意度", ("≥90%", 2)],
    ]
    return write_rows(path, ["部门整体支出绩效目标申报表", "（2021年度）", "填报日期:2021年3月15日"],
                      rows)
