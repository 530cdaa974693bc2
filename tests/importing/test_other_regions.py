"""Forms of other regions as their clerks type them (form-family.md), the slips of issue 18,
and forms whose layout no template knows: each read into the right template, nothing glued
onto a field, nothing lost, and the checks pointing at what is wrong."""

from __future__ import annotations

from decimal import Decimal

import pytest
from regional_forms import (
    CHONGQING_NAME,
    CHONGQING_ROWS,
    HUBEI_NAME,
    HUNAN_NAME,
    UP,
    chongqing_form,
    hubei_form,
    hunan_form,
    write_rows,
)

from declapp.checks import check_draft
from declapp.export import ExportOptions, export_draft
from declapp.form.model import OP_EQ, OP_GE, OP_LE, OP_QUALITATIVE
from declapp.form.text import UNPLACED_MARKER
from declapp.importing import SourceError, import_file
from declapp.storage.fileformat import load
from declapp.system.paths import example_path


def _items(draft, tree="indicators"):
    return [i for g in draft.trees[tree] for c in g.categories for i in c.items]


def _ids(draft) -> set[str]:
    return {f.id for f in check_draft(draft)}


def test_hunan_form_with_its_clerk_slips(tmp_path):
    result = import_file(hunan_form(tmp_path / "湖南.docx"))
    draft = result.draft
    assert (result.template, draft.year, result.warnings) == ("hunan-2023", 2023, [])
    assert draft.texts["department.name"] == HUNAN_NAME
    assert draft.texts["department.functions"] == "负责全县农业农村发展规划。\n负责农田建设管理。"
    assert draft.texts["notes"] == ""  # nothing left over
    groups = draft.indicators
    assert [(g.kind, [c.name for c in g.categories]) for g in groups] == [
        ("output", ["数量指标", "质量指标", "时效指标", "成本指标"]),
        ("effect", ["社会效益指标", "可持续影响指标"]),
        ("satisfaction", ["服务对象满意度指标"])]
    items = {i.name.split("\n")[0]: i for i in _items(draft)}
    assert len(items) == 9
    first = items["高标准农田建设面积"]
    assert (first.op, first.value, first.unit) == (OP_GE, "5000", "亩")
    assert first.explanation == "反映建设任务完成情况。"
    assert first.scoring == "完成得满分，每少10%扣1分。"
    assert (items["项目验收合格率"].op, items["项目验收合格率"].value) == (OP_EQ, "100")
    assert items["成本节约率"].value == "5" and items["成本节约率"].unit == "%"
    assert items["带动农户增收"].extra == {"note": "重点"}
    # The slips stay as typed, and the checks say what is wrong with each.
    slow = items["任务完成时限"]
    assert (slow.op, slow.value, slow.unit) == (OP_QUALITATIVE, "按期完成", "%")
    cost = items["项目成本"]
    assert (cost.value, cost.unit) == ("30万元", "%")
    assert items["农户满意度"].name == "农户满意度\n合作社满意度\n社会公众满意度"
    found = check_draft(draft)
    where = {f.id: f.location for f in found}
    assert {"qualitative-unit", "value-unit-mismatch", "indicator-name-lines"} <= set(where)
    assert where["qualitative-unit"] == "indicators[0].categories[2].items[0].unit"
    assert where["value-unit-mismatch"] == "indicators[0].categories[3].items[0].value"
    assert where["indicator-name-lines"] == "indicators[2].categories[0].items[0].name"
    assert "amounts-all-zero" not in where  # 湖南's form has no amounts


def test_chongqing_form_with_weights_that_miss_100(tmp_path):
    result = import_file(chongqing_form(tmp_path / "重庆.docx"))
    draft = result.draft
    assert (result.template, draft.year, result.warnings) == ("chongqing-2022", 2022, [])
    assert draft.texts["department.name"] == CHONGQING_NAME
    assert draft.amounts["funds.total"] == Decimal("82400.29")
    got = [(i.name, i.extra.get("weight"), i.unit, i.op, i.value) for i in _items(draft)]
    signs = {"≥": OP_GE, "=": OP_EQ, "≤": OP_LE, "": OP_QUALITATIVE}
    assert got == [(n, w, u, signs[op], v) for n, w, u, op, v in CHONGQING_ROWS]
    assert draft.texts["notes"] == ""
    assert "weights-total" in _ids(draft)


def test_hubei_form_fields_on_one_row_two_fund_blocks_and_shares(tmp_path):
    result = import_file(hubei_form(tmp_path / "湖北.docx"))
    draft = result.draft
    assert (result.template, draft.year, result.warnings) == ("hubei-2021", 2021, [])
    texts = draft.texts
    assert (texts["department.name"], texts["department.preparer"],
            texts["department.phone"]) == (HUBEI_NAME, "张三", "0710-3456789")
    assert texts["fill_date"] == "2021年3月15日"
    amounts = {k: v for k, v in draft.amounts.items() if v}
    assert amounts == {k: Decimal(v) for k, v in {
        "funds.fiscal": "700.50", "funds.fiscal@y2": "650.00", "funds.fiscal@y1": "600.00",
        "funds.other_income": "300.20", "funds.other_income@y2": "250.00",
        "funds.other_income@y1": "200.00", "funds.income_total": "1000.70",
        "funds.income_total@y2": "900.00", "funds.income_total@y1": "800.00",
        "funds.basic": "400.30", "funds.basic@y2": "380.00", "funds.basic@y1": "350.00",
        "funds.project": "600.40", "funds.project@y2": "520.00", "funds.project@y1": "450.00",
        "funds.total": "1000.70", "funds.total@y2": "900.00", "funds.total@y1": "800.00",
    }.items()}
    assert texts["notes"] == ""  # the shares are the program's own: not kept, not amounts
    ids = _ids(draft)
    assert not {"totals-disagree", "total-mismatch", "amount-invalid"} & ids
    cost = next(i for i in _items(draft) if i.name == "改造成本")
    assert (cost.op, cost.value, cost.unit) == (OP_LE, "600.4", "万元")


def test_hubei_totals_that_disagree_are_read_as_typed_and_flagged(tmp_path):
    result = import_file(hubei_form(tmp_path / "湖北.docx", spending_total="1100.70"))
    assert result.draft.amounts["funds.total"] == Decimal("1100.70")
    assert {"totals-disagree", "total-mismatch"} <= _ids(result.draft)


# --- issue 18: a form whose layout no template knows ---------------------------------------

def _odd_xicheng(tmp_path, funds=("700.5", "500.5", "200")):
    """A 西城区-like form from elsewhere: 填报人 on the name row, 合计 for 资金总额, a share
    beside every amount, national 二级 names."""
    total, basic, project = funds
    return write_rows(tmp_path / "外地.docx", ["部门整体支出绩效目标申报表", "（  2022  年度）"], [
        ["部门名称", "某某办公室", "填报人", "张三"],
        ["部门（单位）总体资金情况（万元）", "合计", total, "70.0%"],
        [UP, "基本支出", basic, "71.4%"],
        [UP, "项目支出", project, "28.6%"],
        ["部门（单位）绩效目标", ("做好工作。", 3)],
        ["绩效指标", "一级指标", "二级指标", "具体指标（指标内容、指标值）"],
        [UP, "产出指标一（城市管理）", "数量指标", "1、整治背街小巷：12条\n2、培训：200人次"],
        [UP, UP, "质量指标", "验收合格率：100%"],
        [UP, "效果指标", "社会效益指标", "环境改善"],
        ["其他说明的问题", ("无", 3)],
    ])


def test_nothing_is_glued_onto_the_name_and_shares_are_kept_by_row(tmp_path):
    result = import_file(_odd_xicheng(tmp_path))
    draft = result.draft
    assert result.template == "xicheng-2021"
    assert draft.texts["department.name"] == "某某办公室"
    assert draft.amounts["funds.total"] == Decimal("700.5")  # 合计 is 资金总额
    assert draft.amounts["funds.basic"] == Decimal("500.5")  # the 占比 beside it no matter
    assert draft.amounts["funds.project"] == Decimal("200")
    assert draft.texts["notes"].split("\n") == [
        "无", UNPLACED_MARKER, "填报人 | 张三", "合计：70.0%", "基本支出：71.4%",
        "项目支出：28.6%"]
    # Never silently: the clerk is told the layout is not quite 西城区's, and why.
    assert "不完全相同" in result.warnings[0] and "填报人" in result.warnings[0]
    assert sum("无法归入" in w for w in result.warnings) == 4


def test_national_category_names_are_the_templates_own(tmp_path):
    result = import_file(_odd_xicheng(tmp_path))
    output = result.draft.indicators[0]
    assert [c.name for c in output.categories] == ["产出数量指标", "产出质量指标"]
    assert [i.content for i in output.categories[0].items] == ["整治背街小巷：12条", "培训：200人次"]
    assert any("“数量指标”为“产出数量指标”" in w for w in result.warnings)
    missing = [f.message for f in check_draft(result.draft) if f.id == "category-missing"]
    assert not any("产出数量指标" in m or "产出质量指标" in m for m in missing)


def test_funds_all_zero_are_pointed_at(tmp_path):
    result = import_file(_odd_xicheng(tmp_path, funds=("0", "0.00", "")))
    found = [f for f in check_draft(result.draft) if f.id == "amounts-all-zero"]
    assert [f.location for f in found] == ["funds"]


def test_a_form_of_a_layout_no_template_knows_is_refused_with_its_title(tmp_path):
    source = write_rows(tmp_path / "某省.docx", ["某某省部门整体绩效目标表", "（2022年度）"], [
        ["单位名称", "某某局", "单位编码", "123001", "", ""],
        ["年度预算（万元）", "合计", "100", "其中：财政拨款", "80", ""],
        ["整体绩效目标", ("做好工作。", 5)],
        ["一级指标", "二级指标", "三级指标", "指标值", "分值", "备注"],
        ["产出指标", "数量指标", "整治条数", "≥12条", "20", ""],
        [UP, "质量指标", "合格率", "100%", "20", ""],
        ["效益指标", "社会效益指标", "环境", "改善", "30", ""],
    ])
    before = source.read_bytes()
    with pytest.raises(SourceError) as caught:
        import_file(source)
    assert "“某某省部门整体绩效目标表”，本程序的模板里没有这种表" in caught.value.message
    assert source.read_bytes() == before


@pytest.mark.parametrize("make", [hunan_form, chongqing_form, hubei_form])
def test_another_regions_form_is_never_read_as_xicheng(make, tmp_path):
    assert not import_file(make(tmp_path / "f.docx")).template.startswith("xicheng")


def test_a_title_of_its_own_over_a_known_layout_is_read_and_said(tmp_path):
    source = hunan_form(tmp_path / "湖南.docx")
    from docx import Document

    doc = Document(str(source))
    doc.paragraphs[0].runs[0].text = f"{HUNAN_NAME}2023年度部门整体绩效目标表"
    doc.save(str(source))
    result = import_file(source)
    assert result.template == "hunan-2023"
    assert result.warnings == [f"表头是“{HUNAN_NAME}2023年度部门整体绩效目标表”，不是“湖南 整体绩效目标表"
                               "（2023 年版）”的标题；表格的栏目与它相符，已按它导入，未能归入栏目的"
                               "内容放在“其他说明（不打印）”末尾，请逐项核对。"]
    assert result.draft.texts["department.name"] == HUNAN_NAME


def test_an_indicator_table_without_its_heading_row_is_read_by_position(tmp_path):
    source = write_rows(tmp_path / "无表头.docx", ["部门整体支出绩效目标申报表", "（2021年度）"], [
        ["部门（单位）名称", ("某某街道办事处", 3)],
        ["部门（单位）总体资金情况（万元）", "资金总额", ("100.00万元", 2)],
        [UP, "基本支出", ("60.00万元", 2)],
        [UP, "项目支出", ("40.00万元", 2)],
        ["部门（单位）绩效目标", ("做好工作。", 3)],
        ["绩效指标", "产出指标一（城市管理）", "产出数量指标", "1、整治背街小巷：12条\n2、培训：200人次"],
        [UP, "效果指标", "社会效益指标", "环境改善"],
        ["其他说明的问题", ("无", 3)],
    ])
    result = import_file(source)
    assert (result.template, result.warnings) == ("xicheng-2021", [])
    groups = result.draft.indicators
    assert [(g.kind, g.name, [c.name for c in g.categories]) for g in groups] == [
        ("output", "城市管理", ["产出数量指标"]), ("effect", "", ["社会效益指标"])]
    assert [i.content for i in groups[0].categories[0].items] == [
        "整治背街小巷：12条", "培训：200人次"]
    assert result.draft.texts["notes"] == "无"


def test_a_sign_the_program_cannot_read_is_kept_with_its_indicator(tmp_path):
    rows = [["部门(单位)名称", (CHONGQING_NAME, 2), ("区级支出预算总量", 2), "100"],
            ["当年整体绩效目标", ("做好工作。", 5)],
            ["绩效指标", "指标名称", "指标权重", "计量单位", "指标性质", "指标值"],
            [UP, "学校建设项目数", "60", "个", "正向", "3"],
            [UP, "家长满意度", "40", "%", "≥", "90"]]
    result = import_file(write_rows(tmp_path / "f.docx", ["2022年部门(单位)整体绩效目标表"], rows))
    first, second = _items(result.draft)
    assert (first.op, first.value, first.unit) == (OP_EQ, "3", "个")  # as its value reads
    assert (second.op, second.value) == (OP_GE, "90")
    assert result.draft.texts["notes"].split("\n") == [UNPLACED_MARKER, "学校建设项目数：正向"]


def test_a_note_written_across_the_indicator_table_is_kept_not_made_an_item(tmp_path):
    rows = [*([[("部门(单位)名称", 2), (HUNAN_NAME, 7)],
               [("*年度总体绩效目标", 2), ("做好工作。", 7)],
               [("绩效指标", 9)]]),
            ["一级指标", "二级指标", "三级指标", "指标值类型", "*指标值", "计量单位",
             "*指标解释", "*评(扣)分标准", "备注"],
            ["产出指标", "数量指标", "建设面积", "定量", "≥5000", "亩", "反映面积。", "按比例。", ""],
            [("注：指标值为年度目标值。", 9)]]
    result = import_file(write_rows(tmp_path / "f.docx", [f"{HUNAN_NAME}2023年度整体绩效目标表"],
                                    rows))
    assert [i.name for i in _items(result.draft)] == ["建设面积"]
    assert result.draft.texts["notes"].split("\n") == [UNPLACED_MARKER, "注：指标值为年度目标值。"]


def test_a_row_per_indicator_table_in_a_numbering_form_keeps_every_cell(tmp_path):
    """三级指标 | 指标值 | 计量单位 typed into a 西城区 form: each row an item (its name and
    value), the unit kept by row with its indicator."""
    source = write_rows(tmp_path / "f.docx", ["部门整体支出绩效目标申报表", "（2021年度）"], [
        ["部门（单位）名称", ("某某街道办事处", 5)],
        ["部门（单位）总体资金情况（万元）", "资金总额", ("100.00", 4)],
        [UP, "基本支出", ("60.00", 4)],
        [UP, "项目支出", ("40.00", 4)],
        ["部门（单位）绩效目标", ("做好工作。", 5)],
        ["绩效指标", "一级指标", "二级指标", "三级指标", "指标值", "计量单位"],
        [UP, "产出指标一（城市管理）", "产出数量指标", "整治背街小巷", "12", "条"],
        [UP, UP, UP, "培训", "≥200", "人次"],
        ["其他说明的问题", ("无", 5)],
    ])
    result = import_file(source)
    items = result.draft.indicators[0].categories[0].items
    assert [(i.content, i.value) for i in items] == [("整治背街小巷", "12"), ("培训", "≥200")]
    assert result.draft.texts["notes"].split("\n")[1:] == [
        UNPLACED_MARKER, "整治背街小巷：条", "培训：人次"]


@pytest.mark.parametrize("fmt", ["docx", "xlsx", "pdf"])
def test_a_hubei_deadline_is_read_as_a_qualitative_value(fmt, tmp_path):
    """湖北's 时效指标 奖励扶助资金发放时间 is 6月底前足额发放: a form filled in by hand
    (no draft inside) gave ＝ 6 with the unit 月底前足额发放."""
    declared = load(example_path("hubei-2021.json"))
    target = tmp_path / f"湖北.{fmt}"
    export_draft(declared, target, options=ExportOptions(embed_draft=False))
    result = import_file(target)
    item = next(i for i in _items(result.draft, "indicators") if i.name == "奖励扶助资金发放时间")
    assert (item.op, item.value, item.unit) == (OP_QUALITATIVE, "6月底前足额发放", "")
