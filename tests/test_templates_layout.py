"""Template profiles and the one layout, against form-layout.md for both templates."""

from __future__ import annotations

import pytest

from declapp.form.definition import chinese_number
from declapp.form.model import Group, Item
from declapp.form.template_file import TemplateError
from declapp.form.templates import available_templates, load_template, new_draft
from declapp.layout import build_layout, export_basename, item_paragraphs


def test_bundled_profiles():
    assert available_templates() == ("chongqing-2022", "hubei-2021", "hunan-2023",
                                     "monitor-department", "monitor-project",
                                     "national-2015", "project-2011", "selfeval-department",
                                     "selfeval-project", "xicheng-2019", "xicheng-2021")
    # Every declaration goes on to the year's monitoring and self-evaluation forms of its
    # family; the monitoring forms go on to the self-evaluation.
    for template in available_templates():
        form = load_template(template)
        for stage, later in form.stages:
            target = load_template(later)
            assert (target.stage, target.family) == (stage, form.family), template
    with pytest.raises(TemplateError, match="未知的模板"):
        load_template("xicheng-1999")


@pytest.mark.parametrize("template", ["xicheng-2019", "xicheng-2021"])
def test_new_draft_has_the_standard_categories(template):
    draft = new_draft(template, 2023)
    assert [g.kind for g in draft.indicators] == ["output", "effect"]
    assert [c.name for c in draft.indicators[0].categories] == [
        "产出数量指标", "产出质量指标", "产出进度指标", "产出成本指标"]
    assert [c.name for c in draft.indicators[1].categories] == [
        "经济效益指标", "社会效益指标", "环境效益指标", "可持续影响指标", "服务对象满意度指标"]


def test_numbers_and_group_labels():
    assert [chinese_number(n) for n in (1, 9, 10, 11, 20, 21, 99, 100, 101, 110)] == [
        "一", "九", "十", "十一", "二十", "二十一", "九十九", "一百", "一百零一", "一百一十"]
    named, unnamed = Group("output", "城市管理和环境建设"), Group("output", "")
    p21, p19 = load_template("xicheng-2021").tree(), load_template("xicheng-2019").tree()
    assert p21.group_label(named, 1) == "产出指标一（城市管理和环境建设）"
    assert p19.group_label(named, 3) == "产出指标三：城市管理和环境建设"
    assert p21.group_label(unnamed, 2) == p19.group_label(unnamed, 2) == "产出指标二"
    assert p21.group_label(Group("effect"), 7) == "效果指标"


def _grid_table(grid):
    """(row, col) → (text, role, rowspan, colspan) of the cell starting there."""
    return {(c.row, c.col): (c.text, c.role, c.rowspan, c.colspan) for c in grid.cells}


def test_layout_2021_matches_the_real_form(example_draft):
    grid = build_layout(example_draft)
    t = _grid_table(grid)
    assert grid.title == "部门整体支出绩效目标申报表"
    assert grid.year_line == "（  2021  年度）"
    assert grid.columns_mm == (22.0, 30.0, 22.0, 72.4)
    assert t[0, 0] == ("部门（单位）名称", "label", 1, 1)
    assert t[0, 1] == ("北京市西城区人民政府展览路街道办事处", "text", 1, 3)
    assert t[1, 0] == ("部门（单位）总体资金情况（万元）", "label", 3, 1)
    assert [t[r, 1][0] for r in (1, 2, 3)] == ["资金总额", "基本支出", "项目支出"]
    assert [t[r, 2] for r in (1, 2, 3)] == [("41421.22万元", "amount", 1, 2),
                                           ("10470.23万元", "amount", 1, 2),
                                           ("30950.99万元", "amount", 1, 2)]
    assert t[4, 0][0] == "部门（单位）绩效目标" and t[4, 1][3] == 3
    assert t[4, 1][0].split("\n")[1] == "重点做好以下几个方面："  # paragraphs kept
    # 绩效指标 merged down over the header row and 5×4 + 5 indicator rows.
    assert t[5, 0] == ("绩效指标", "label", 26, 1)
    assert [t[5, c][0] for c in (1, 2, 3)] == ["一级指标", "二级指标", "具体指标（指标内容、指标值）"]
    assert t[6, 1] == ("产出指标一（城市管理和环境建设）", "label", 4, 1)
    assert t[7, 2][0] == "产出质量指标"
    quality = t[7, 3][0].split("\n")
    assert len(quality) == 5 and quality[0].startswith("1、符合区拆违办要求")
    assert quality[4].startswith("5、对新生违法建设零容忍")
    assert not t[6, 3][0].startswith("1、")  # a single item is not numbered
    assert t[26, 1] == ("效果指标", "label", 5, 1)
    assert t[31, 0] == ("其他说明的问题", "label", 1, 1)
    assert grid.n_rows == 32
    # Every cell of the 4-column table is covered exactly once.
    owners = grid.owner_map()
    assert all(cell is not None for row in owners for cell in row)
    assert sum(c.rowspan * c.colspan for c in grid.cells) == grid.n_rows * 4


def test_layout_2019_rows_and_labels(example_draft):
    example_draft.template = "xicheng-2019"
    example_draft.texts["department.head"] = "李四"
    example_draft.texts["department.phone"] = "68321234"
    example_draft.texts["department.functions"] = "负责辖区内的社会管理。"
    grid = build_layout(example_draft)
    t = _grid_table(grid)
    assert t[1, 0][0] == "部门（单位）负责人" and t[1, 1][0] == "李四"
    assert t[1, 2][0] == "联系电话" and t[1, 3][0] == "68321234"
    assert t[2, 0] == ("部门（单位）总体资金情况（万元）", "label", 4, 1)
    assert [t[r, 1][0] for r in (2, 3, 4, 5)] == ["资金总额：", "基本支出：", "项目支出：", "其他："]
    assert t[5, 2][0] == "0.00万元"
    assert t[6, 0][0] == "部门（单位）职能概述" and t[6, 1][0] == "负责辖区内的社会管理。"
    # 绩效目标 is merged down over the goals row, the header row and every indicator row.
    assert t[7, 0] == ("部门（单位）绩效目标", "label", 27, 1)
    assert (8, 0) not in t and t[8, 1][0] == "一级指标"
    assert t[9, 1][0] == "产出指标一：城市管理和环境建设"
    assert t[34, 0][0] == "其他说明的问题"
    assert sum(c.rowspan * c.colspan for c in grid.cells) == grid.n_rows * 4


def test_items_with_values_and_paragraphs():
    items = [Item("办结率", "≥95%"), Item("第一段\n第二段", "100%"), Item("", ""), Item("", "按期")]
    assert item_paragraphs(items, "：") == ("1、办结率：≥95%", "2、第一段", "第二段：100%", "3、按期")
    assert item_paragraphs([Item("满意度", "≥90%")], "：") == ("满意度：≥90%",)
    assert item_paragraphs([], "：") == ()


def test_empty_categories_and_groups_still_draw_cells():
    draft = new_draft("xicheng-2021", 2022)
    draft.indicators[0].categories = []
    grid = build_layout(draft)
    t = _grid_table(grid)
    group_rows = [c for c in grid.cells if c.col == 1 and c.text.startswith("产出指标")]
    assert group_rows[0].rowspan == 1 and t[group_rows[0].row, 3][0] == ""
    assert t[1, 2][0] == "0.00万元"
    assert sum(c.rowspan * c.colspan for c in grid.cells) == grid.n_rows * 4


def test_document_title_and_file_name(example_draft):
    grid = build_layout(example_draft)
    assert grid.doc_title == "北京市西城区人民政府展览路街道办事处-2021-部门整体支出绩效目标申报表"
    example_draft.texts["department.name"] = 'a/b:c*?"<>|'
    assert export_basename(example_draft) == "a_b_c_-2021-绩效目标申报表"


def test_no_control_character_reaches_a_cell():
    draft = new_draft("xicheng-2021", 2022)
    draft.indicators[0].name = "城市\x0b管理\x00"  # built in code, never cleaned on entry
    draft.indicators[0].categories[0].name = "产出\x0c数量指标"
    grid = build_layout(draft)
    texts = "".join(c.text for c in grid.cells)
    assert "产出指标一（城市管理）" in texts and "产出数量指标" in texts
    assert not any(ch in texts for ch in "\x00\x0b\x0c")


def test_a_blank_draft_is_for_the_budget_year_being_prepared():
    from datetime import date

    from declapp.form.model import budget_year

    assert budget_year(date(2026, 11, 23)) == 2027
    assert budget_year(date(2026, 1, 2)) == 2027  # a January form is next year's too
    assert new_draft().year == budget_year()
    assert new_draft(year=2021).year == 2021
