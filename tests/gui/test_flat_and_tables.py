"""Forms of other layouts in the window: 重庆's flat list of indicators (no 一级 or 二级
shown), the national form's task table (typed, pasted, summed, undone)."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLineEdit

from declapp.form.model import Item
from declapp.form.templates import available_templates, load_template

from .clerk_input import type_text


def test_a_flat_list_shows_its_items_only(qtbot, make_window, qtmodeltester):
    draft = load_template("chongqing-2022").new_draft(2023)
    draft.indicators[0].categories[0].items = [
        Item(name="道路清扫保洁面积", op="≥", value="1200", unit="万平方米", extra={"weight": "60"}),
        Item(name="垃圾清运及时", op="定性", value="及时", extra={"weight": "30"})]
    window = make_window(draft)
    model = window.indicators_tab.model
    qtmodeltester.check(model)
    assert model.rowCount() == 2  # the items themselves, not 一级 › 二级 › items
    assert model.index(0, 0).data() == "道路清扫保洁面积"
    assert not model.parent(model.index(0, 0)).isValid()
    window.tab_widget.setCurrentWidget(window.indicators_tab)
    assert window.navigate_to("indicators[0].categories[0].items[1].weight")
    assert window.indicators_tab.detail.item_title.text() == "第 2 项指标"
    actions = window.menu_actions
    assert not actions["actionAddGroup"].isEnabled()
    assert actions["actionAddGroup"].text() == "添加一级指标"
    assert not actions["actionAddCategory"].isEnabled()
    weight = window.indicators_tab.detail.items.columns.editors["weight"]
    weight.selectAll()
    type_text(qtbot, weight, "20")
    assert draft.indicators[0].categories[0].items[1].extra["weight"] == "20"
    # 60 + 20 = 80, not 100: the check says so.
    window.show_problems()
    assert any(f.id == "weights-total" and "80" in f.message
               for f in window.problems.model.findings)
    actions["actionAddItem"].trigger()
    assert model.rowCount() == 3 and window.indicators_tab.selected_path() == (0, 0, 2)
    window.undo_action.trigger()
    assert model.rowCount() == 2
    qtmodeltester.check(model)


def test_a_task_table_is_typed_pasted_summed_and_undone(qtbot, make_window):
    window = make_window(load_template("national-2015").new_draft(2023))
    tab = window.form_tab("tasks[0].name")
    assert tab is not None and tab.title == "主要任务"
    window.tab_widget.setCurrentWidget(tab)
    table = tab.tables[0]
    qtbot.mouseClick(table.add_button, Qt.MouseButton.LeftButton)
    assert window.doc.draft.tables["tasks"] == [{}]
    # Typed into the grid as in a sheet: the amount is cleaned, the row sum checked.
    assert table.model.setData(table.model.index(0, 0), "乡村振兴")
    assert table.model.setData(table.model.index(0, 2), "300")
    assert table.model.setData(table.model.index(0, 3), "1,200.50")  # as clerks have it
    assert window.doc.draft.tables["tasks"][0] == {"name": "乡村振兴", "total": "300",
                                                   "fiscal": "1200.50"}
    assert "✘ 第 1 行：总额 300.00 ≠ 财政拨款＋其他资金 = 1200.50" in table.status.text()
    assert not table.model.setData(table.model.index(0, 4), "四万元")  # refused, said
    assert "阿拉伯数字" in table.status.text()
    # A block copied from Excel: rows added, one undo step for all of it.
    table.view.setCurrentIndex(table.model.index(0, 0))
    QApplication.clipboard().setText("农田建设\t高标准农田1万亩\t500\t400\t100\n"
                                     "质量安全\t抽检500批次\t50\t50\t0\n")
    steps = window.doc.stack.count()
    table.paste()
    assert window.doc.stack.count() == steps + 1
    rows = window.doc.draft.tables["tasks"]
    assert [r["name"] for r in rows] == ["农田建设", "质量安全"]
    assert "金额合计：总额 550.00，财政拨款 450.00，其他资金 100.00 万元。" in table.status.text()
    assert "✘" not in table.status.text()
    window.undo_action.trigger()
    assert window.doc.draft.tables["tasks"][0]["name"] == "乡村振兴"
    for _step in range(4):  # the fiscal amount, the total, the name, the row
        window.undo_action.trigger()
    assert window.doc.draft.tables["tasks"] == []


def test_a_first_indicator_is_added_to_an_empty_flat_list(qtbot, make_window, qtmodeltester):
    """重庆's list starts empty: 添加具体指标 works with nothing selected (there is nothing
    to select) and adds at the end of the list."""
    window = make_window(load_template("chongqing-2022").new_draft(2024))
    window.tab_widget.setCurrentWidget(window.indicators_tab)
    model = window.indicators_tab.model
    assert model.rowCount() == 0
    window.indicators_tab.tree.setCurrentIndex(model.index(-1, 0))
    add = window.menu_actions["actionAddItem"]
    assert add.isEnabled()
    add.trigger()
    add.trigger()
    assert model.rowCount() == 2 and len(window.doc.draft.indicators[0].categories[0].items) == 2
    qtmodeltester.check(model)
    window.indicators_tab.tree.clearSelection()
    window.indicators_tab.tree.setCurrentIndex(model.index(-1, 0))
    add.trigger()
    assert window.indicators_tab.selected_path() == (0, 0, 2)


def test_a_field_printed_above_the_table_is_typed_on_the_first_tab(qtbot, make_window):
    """湖北's 填报日期 is printed on a line above the table: the clerk types it under the
    year, it is checked as a date, and it undoes."""
    from declapp.storage.fileformat import load
    from declapp.system.paths import example_path

    draft = load(example_path("hubei-2021.json"))
    window = make_window(draft)
    editor = window.editor("fill_date")
    assert isinstance(editor, QLineEdit) and editor.isVisibleTo(window)
    assert window.form_tab("fill_date") is window.form_tabs[0]
    assert editor.text() == draft.texts["fill_date"]
    assert window.navigate_to("fill_date") and window.focusWidget() is editor
    editor.selectAll()
    type_text(qtbot, editor, "年底前")
    assert window.doc.draft.texts["fill_date"] == "年底前"
    window.show_problems()
    assert any(f.id == "date-format" and f.location == "fill_date"
               for f in window.problems.model.findings)
    window.undo_action.trigger()
    assert editor.text() == window.doc.draft.texts["fill_date"] != "年底前"


@pytest.mark.parametrize("template", sorted(available_templates()))
def test_every_field_and_amount_of_every_template_has_its_editor(make_window, template):
    """Whatever a template prints for the clerk to fill has a place to type it."""
    form = load_template(template)
    window = make_window(form.new_draft(2024))
    computed = {c.key for p in form.amount_parts() for c in p.columns if c.computed}
    missing = [f.id for f in form.text_fields() if window.editor(f.id) is None]
    missing += [a for a in form.amount_ids()
                if a.partition("@")[2] not in computed and window.editor(a) is None]
    assert missing == []
