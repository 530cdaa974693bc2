"""Word files typed by hand in the layout of every template (issue 16: import for every
template), field by field, in the variations clerks type them."""

from __future__ import annotations

import pytest
from compare import differences
from docx import Document
from filled import DECLARATIONS, STAGES, filled_draft
from handmade import VARIANTS, text_read, with_style, write_handmade

from declapp.form.model import OP_QUALITATIVE
from declapp.importing import UNPLACED_MARKER, DraftOrigin, import_file

# The 西城区 templates meet every variant in test_handmade_word.py; the others meet those
# that change something in their layouts, and the ways 一级 and 二级 cells are typed.
STYLES = {name: VARIANTS[name] for name in (
    "clean", "compact-year-colons", "bare-year-half-colons", "year-in-title",
    "soft-breaks-messy", "title-in-table", "dot-numbers")}
STYLES["levels-repeated"] = with_style(levels="repeat", colon="：")
STYLES["levels-once"] = with_style(levels="blank", second_table=True, half_brackets=True)
# The forms of the year's later stages (监控, 自评) meet a few.
CASES = [(t, s) for t in DECLARATIONS if not t.startswith("xicheng") for s in sorted(STYLES)]
CASES += [(t, s) for t in STAGES for s in ("clean", "compact-year-colons", "levels-once")]


@pytest.mark.parametrize(("template", "style"), CASES)
def test_every_field_of_every_template_comes_back(template, style, tmp_path):
    draft = filled_draft(template)
    source = write_handmade(draft, tmp_path / f"{template}.docx", STYLES[style])
    result = import_file(source)
    assert (result.template, result.year, result.origin) == (template, 2021, DraftOrigin.TEXT)
    assert differences(result.draft, text_read(draft, STYLES[style])) == []
    assert result.warnings == []


@pytest.mark.parametrize("template", ["xicheng-2019", "xicheng-2021"])
def test_filled_xicheng_drafts_come_back_too(template, tmp_path):
    draft = filled_draft(template)
    result = import_file(write_handmade(draft, tmp_path / "f.docx"))
    assert result.template == template
    assert differences(result.draft, text_read(draft)) == []
    assert result.warnings == []


def test_several_fields_on_one_row_are_not_glued(tmp_path):
    """湖北's first row: 部门名称 | name | 填报人 | person | 联系电话 | phone."""
    draft = filled_draft("hubei-2021")
    draft.texts["department.preparer"] = "王小明"
    result = import_file(write_handmade(draft, tmp_path / "f.docx"))
    texts = result.draft.texts
    assert texts["department.name"] == draft.texts["department.name"]
    assert (texts["department.preparer"], texts["department.phone"]) == (
        "王小明", draft.texts["department.phone"])
    assert texts["fill_date"] == draft.texts["fill_date"]  # the line above the table


def test_shares_are_never_amounts_and_year_columns_go_by_their_years(tmp_path):
    draft = filled_draft("hubei-2021")
    source = write_handmade(draft, tmp_path / "f.docx")
    doc = Document(str(source))
    table = doc.tables[0]
    # The clerk swapped the two year headings (and the amounts under them).
    for r in (2, 7):
        a, b = table.rows[r].cells[3], table.rows[r].cells[4]
        a.paragraphs[0].runs[0].text, b.paragraphs[0].runs[0].text = \
            b.paragraphs[0].runs[0].text, a.paragraphs[0].runs[0].text
    for r in (3, 4, 5, 8, 9, 10):
        a, b = table.rows[r].cells[3], table.rows[r].cells[4]
        a.paragraphs[0].runs[0].text, b.paragraphs[0].runs[0].text = \
            b.paragraphs[0].runs[0].text, a.paragraphs[0].runs[0].text
    doc.save(str(source))
    result = import_file(source)
    assert differences(result.draft, text_read(draft)) == []
    assert "%" not in result.draft.texts["notes"]


def test_a_totals_row_that_does_not_add_up_is_left_to_the_checks(tmp_path):
    from declapp.checks import check_draft

    draft = filled_draft("national-2015")
    draft.tables["tasks"][0]["total"] = "9999.00"  # 总额 ≠ 财政拨款 + 其他资金
    result = import_file(write_handmade(draft, tmp_path / "f.docx"))
    assert result.draft.tables["tasks"] == draft.tables["tasks"]
    assert result.warnings == []
    assert "table-row-sum" in {f.id for f in check_draft(result.draft)}


def test_the_project_form_reads_both_indicator_tables_and_its_goals_above(tmp_path):
    draft = filled_draft("project-2011")
    result = import_file(write_handmade(draft, tmp_path / "f.docx"))
    got = result.draft
    assert got.texts["mid_goals"] == draft.texts["mid_goals"]
    assert got.texts["goals"] == draft.texts["goals"]
    assert got.texts["project.kind"] == "新增项目"
    assert got.trees["mid_indicators"] == draft.trees["mid_indicators"]
    assert got.amounts["funds.mid_total"] == draft.amounts["funds.mid_total"]
    # A one-year project leaves 中期绩效指标 out of the form: it comes back empty.
    draft.trees["mid_indicators"] = load("project-2011").tree("mid_indicators").new_tree()
    result = import_file(write_handmade(draft, tmp_path / "g.docx"))
    assert result.draft.trees["mid_indicators"] == draft.trees["mid_indicators"]
    assert result.warnings == []


def load(template: str):
    from declapp.form.templates import load_template

    return load_template(template)


def test_three_level_items_are_structured_with_their_signs(tmp_path):
    draft = filled_draft("national-2015")
    result = import_file(write_handmade(draft, tmp_path / "f.docx"))
    items = [i for g in result.draft.indicators for c in g.categories for i in c.items]
    assert all(i.is_structured for i in items)
    by_name = {i.name: (i.op, i.value, i.unit) for i in items}
    assert by_name["垃圾分类覆盖率"] == ("≥", "95", "%")
    assert by_name["项目验收合格率"] == ("＝", "100", "%")
    assert by_name["工作完成时限"] == (OP_QUALITATIVE, "按期完成", "")
    assert by_name["项目成本"] == ("≤", "120.5", "万元")


def test_a_row_no_column_of_the_template_holds_is_kept_whole(tmp_path):
    """An extra column the clerk added to 湖南's table: each row's cell kept on one line,
    with the indicator it belongs to."""
    draft = filled_draft("hunan-2023")
    draft.indicators[0].categories[0].items[0].extra["note"] = "按季度统计"
    source = write_handmade(draft, tmp_path / "f.docx")
    doc = Document(str(source))
    table = doc.tables[0]
    heading = next(r for r in table.rows if r.cells[0].text == "一级指标")
    heading.cells[8].paragraphs[0].runs[0].text = "牵头科室"  # not 备注: no column of ours
    doc.save(str(source))
    result = import_file(source)
    notes = result.draft.texts["notes"].split("\n")
    assert notes[0] == UNPLACED_MARKER
    assert notes[1] == "背街小巷整治条数：按季度统计"
    assert all(i.extra == {} for g in result.draft.indicators for c in g.categories
               for i in c.items)
    assert len(notes) == 1 + sum(1 for g in draft.indicators for c in g.categories
                                 for i in c.items if i.extra.get("note"))


def test_a_self_evaluation_gives_back_its_adjusted_targets_and_not_its_scores(tmp_path):
    """A later stage prints an adjusted target under the declared one (（调整后 15条）) and
    works out each 得分: the target comes back to its column, the scores are not read."""
    draft = filled_draft("selfeval-project")
    item = draft.indicators[0].categories[0].items[0]
    item.extra["adjusted"] = "15"
    result = import_file(write_handmade(draft, tmp_path / "f.docx"))
    got = result.draft.indicators[0].categories[0].items[0]
    assert (got.value, got.unit, got.extra.get("adjusted")) == (item.value, item.unit, "15")
    assert "score" not in got.extra
    assert result.draft.texts["notes"] == "" and result.warnings == []


def test_a_monitoring_form_with_its_months_typed_otherwise(tmp_path):
    draft = filled_draft("monitor-department")
    source = write_handmade(draft, tmp_path / "f.docx")
    doc = Document(str(source))
    for cell in (c for row in doc.tables[0].rows for c in row.cells):
        for paragraph in cell.paragraphs:
            for run in paragraph.runs:
                if "月" in run.text and "–" in run.text:
                    run.text = run.text.replace("–", "-")  # 1-6月执行数, typed
    doc.save(str(source))
    result = import_file(source)
    assert differences(result.draft, text_read(draft)) == []
    assert result.warnings == []
