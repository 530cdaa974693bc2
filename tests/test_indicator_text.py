"""How a structured item prints on the form, and reads in the tree (file-format.md v2)."""

from __future__ import annotations

import pytest
from docx import Document

from declapp.export import export_draft
from declapp.form.model import Category, Item
from declapp.form.templates import load_template, new_draft
from declapp.indicators.wording import printed_text, tooltip_text, tree_text, value_text
from declapp.layout import build_layout

SATISFACTION = Item(name="群众满意度", op="≥", value="95", unit="%",
                    content="通过入户走访和电话回访了解", explanation="抽样调查",
                    scoring="每低1个百分点扣1分")


@pytest.mark.parametrize(("item", "printed"), [
    (Item(name="群众满意度", op="≥", value="95", unit="%"), "群众满意度：≥95%"),
    (Item(name="成本", op="≤", value="6416.19", unit="万元"), "成本：≤6416.19万元"),
    (Item(name="办结率", op="＞", value="90", unit="%"), "办结率：＞90%"),
    (Item(name="投诉", op="＜", value="5", unit="件"), "投诉：＜5件"),
    (Item(name="完成整治", op="＝", value="10", unit="项"), "完成整治：10项"),
    (Item(name="工作任务", op="定性", value="达成"), "工作任务：达成"),
    (Item(name="无符号", value="3", unit="次"), "无符号：3次"),
    (Item(name="尚未填值", op="≥", unit="%"), "尚未填值"),
    (Item("完成整治", "10项"), "完成整治：10项"),  # free text, as version 1
    (Item("", "按期完成"), "按期完成"),
])
def test_an_item_prints_as_the_format_says(item, printed):
    assert printed_text(item) == printed


def test_content_follows_on_the_next_line_and_explanation_and_scoring_are_not_printed():
    assert printed_text(SATISFACTION) == "群众满意度：≥95%\n通过入户走访和电话回访了解"
    draft = new_draft("xicheng-2021", 2022)
    draft.indicators[1].categories[-1].items = [SATISFACTION]
    grid = build_layout(draft)
    cell = next(c for c in grid.cells if c.location == "indicators[1].categories[4]"
                and c.col == 3)
    assert cell.paragraphs == ("群众满意度：≥95%", "通过入户走访和电话回访了解")
    everything = "\n".join(grid.all_text())
    assert "抽样调查" not in everything and "扣1分" not in everything


def test_several_items_in_a_cell_are_numbered_structured_or_not():
    draft = new_draft("xicheng-2021", 2022)
    draft.indicators[0].categories[0] = Category("产出数量指标", [
        Item(name="完成整治", op="＝", value="10", unit="项", content="背街小巷"),
        Item("开展培训", "200人次"),
        Item(),  # blank: not printed, not numbered
        Item(name="任务", op="定性", value="按期完成"),
    ])
    cell = next(c for c in build_layout(draft).cells
                if c.location == "indicators[0].categories[0]" and c.col == 3)
    assert cell.paragraphs == ("1、完成整治：10项", "背街小巷", "2、开展培训：200人次",
                               "3、任务：按期完成")


def test_the_profile_separator_is_used():
    draft = new_draft("xicheng-2019", 2022)
    draft.indicators[0].categories[0].items = [Item(name="完成整治", op="＝", value="10",
                                                    unit="项")]
    separator = load_template("xicheng-2019").tree().item_separator
    assert f"完成整治{separator}10项" in build_layout(draft).all_text()


def test_the_word_export_prints_the_structured_item(tmp_path):
    draft = new_draft("xicheng-2021", 2022)
    draft.indicators[1].categories[-1].items = [SATISFACTION]
    target = tmp_path / "表.docx"
    export_draft(draft, target)
    texts = [p.text for table in Document(target).tables for row in table.rows
             for cell in row.cells for p in cell.paragraphs]
    assert "群众满意度：≥95%" in texts
    assert "通过入户走访和电话回访了解" in texts


def test_tree_shows_the_name_and_the_value_column_the_signed_value():
    assert tree_text(SATISFACTION) == "群众满意度 通过入户走访和电话回访了解"
    assert value_text(SATISFACTION) == "≥95%"
    assert value_text(Item(name="完成整治", op="＝", value="10", unit="项")) == "10项"
    assert value_text(Item(name="任务", op="定性", value="达成")) == "达成"
    assert tree_text(Item("完成  整治\n任务", "10项")) == "完成 整治 任务"
    assert value_text(Item("完成整治", "10项")) == "10项"


def test_tooltip_adds_what_the_form_does_not_print():
    assert tooltip_text(SATISFACTION) == ("群众满意度：≥95%\n通过入户走访和电话回访了解\n"
                                          "指标解释：抽样调查\n评（扣）分标准：每低1个百分点扣1分")
