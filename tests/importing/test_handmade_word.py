"""Word files filled in by hand, in both templates and every variation of issue 10."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest
from compare import differences
from docx import Document
from handmade import VARIANTS, text_read, with_style, write_from_extracted_text, write_handmade
from samples import form_2019

from declapp.form.model import Category, Item
from declapp.importing import UNPLACED_MARKER, DraftOrigin, import_file
from declapp.storage.fileformat import load
from declapp.system.paths import example_path

REAL_TEXT = Path(__file__).parent / "data" / "zhanlanlu-2021.txt"


def real_2021():
    return load(example_path("zhanlanlu-2021.json"))


FORMS = {"2021": real_2021, "2019": form_2019}


def test_the_real_2021_form_comes_back_field_by_field(tmp_path):
    """Its Word file rebuilt from the text extracted from it: half-width brackets, a
    line break inside a group label, numbers after spaces, trailing spaces, a bookmark."""
    source = write_from_extracted_text(REAL_TEXT.read_text(encoding="utf-8"),
                                       tmp_path / "展览路2021.docx")
    result = import_file(source)
    assert differences(result.draft, real_2021()) == []
    assert result.warnings == []
    assert result.origin == DraftOrigin.TEXT
    assert (result.template, result.year) == ("xicheng-2021", 2021)
    assert (result.counts.groups, result.counts.categories, result.counts.items) == (6, 25, 51)


@pytest.mark.parametrize("template", sorted(FORMS))
@pytest.mark.parametrize("variant", sorted(VARIANTS))
def test_every_field_comes_back_from_each_variant(template, variant, tmp_path):
    draft = FORMS[template]()
    style = VARIANTS[variant]
    source = write_handmade(draft, tmp_path / f"{template}-{variant}.docx", style)
    before = source.read_bytes()
    result = import_file(source)
    assert differences(result.draft, text_read(draft, style)) == []
    assert result.warnings == []
    assert result.template == f"xicheng-{template}" and result.year == draft.year
    assert source.read_bytes() == before


def test_the_2019_form_is_read_with_its_long_cells_and_hundred_items(tmp_path):
    draft = form_2019()
    result = import_file(write_handmade(draft, tmp_path / "2019.docx"))
    social = result.draft.indicators[-1].categories[1]
    assert social.name == "社会效益指标" and len(social.items[0].content) > 1990
    assert result.counts.items == draft.item_count() >= 95
    assert result.draft.texts["department.head"] == "张三"
    assert result.draft.amounts["funds.total"] == Decimal("18891.87")


def test_a_colon_inside_an_item_stays_text_and_values_are_not_guessed(tmp_path):
    draft = real_2021()
    draft.indicators[0].categories[0].items = [
        Item("社会治理方面：优化服务", ""), Item("完成率", "≥95%"), Item("不涉及。", "")]
    result = import_file(write_handmade(draft, tmp_path / "f.docx"))
    items = result.draft.indicators[0].categories[0].items
    assert [(i.content, i.value) for i in items] == [
        ("社会治理方面：优化服务", ""), ("完成率：≥95%", ""), ("不涉及。", "")]


def test_other_categories_and_unnamed_and_effect_groups(tmp_path):
    draft = real_2021()
    draft.indicators[0].name = ""
    draft.indicators[1].categories.append(Category("产出时效指标", [Item("按月完成。")]))
    result = import_file(write_handmade(draft, tmp_path / "f.docx", with_style(group="colon")))
    groups = result.draft.indicators
    assert (groups[0].kind, groups[0].name) == ("output", "")
    assert [c.name for c in groups[1].categories][-1] == "产出时效指标"
    assert groups[-1].kind == "effect" and groups[-1].categories[0].name == "经济效益指标"


def test_a_row_the_parser_cannot_place_goes_to_the_notes_with_a_warning(tmp_path):
    source = write_handmade(real_2021(), tmp_path / "f.docx")
    doc = Document(str(source))
    table = doc.tables[0]
    new = table.add_row()
    new.cells[0].text = "部门（单位）地址"
    new.cells[1].text = "北京市西城区展览路"
    table._tbl.remove(new._tr)
    table.rows[0]._tr.addnext(new._tr)
    doc.save(str(source))
    result = import_file(source)
    notes = result.draft.texts["notes"].split("\n")
    assert notes[0] == real_2021().texts["notes"]
    assert notes[1] == UNPLACED_MARKER
    assert "部门（单位）地址" in notes[2] and "北京市西城区展览路" in notes[2]
    assert len(result.warnings) == 1 and "其他说明的问题" in result.warnings[0]
    assert result.draft.texts["department.name"] == real_2021().texts["department.name"]


def test_an_amount_that_is_no_number_is_kept_in_the_notes(tmp_path):
    draft = real_2021()
    source = write_handmade(draft, tmp_path / "f.docx")
    doc = Document(str(source))
    amount = doc.tables[0].rows[2].cells[2]
    amount.text = "约一万元"
    doc.save(str(source))
    result = import_file(source)
    assert result.draft.amounts["funds.basic"] == 0
    assert "基本支出：约一万元" in result.draft.texts["notes"]
    assert any("约一万元" in w and "按 0 导入" in w for w in result.warnings)


def test_no_year_above_the_table_is_said(tmp_path):
    source = write_handmade(real_2021(), tmp_path / "f.docx")
    doc = Document(str(source))
    doc.paragraphs[1].text = ""
    doc.save(str(source))
    result = import_file(source)
    assert "没有找到年度" in result.warnings[0]


def test_numbers_out_of_order_join_the_item_above_with_a_warning(tmp_path):
    draft = real_2021()
    source = write_handmade(draft, tmp_path / "f.docx")
    doc = Document(str(source))
    cell = next(c for row in doc.tables[0].rows for c in row.cells
                if c.text.startswith("1、常规工作内容按照年度"))
    cell.paragraphs[1].runs[0].text = "5、突发性或临时性工作目标按照相关部门要求及时完成。"
    doc.save(str(source))
    result = import_file(source)
    items = result.draft.indicators[0].categories[2].items
    assert len(items) == 1 and items[0].content.endswith("\n5、突发性或临时性工作目标按照相关部门要求及时完成。")
    assert any("编号不连续" in w for w in result.warnings)
