"""A structured indicator in the pane: the switch, the budget system's fields typed and
chosen as a clerk does, one undo step each, the counters, and the tree's printed text."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox

from declapp.form.model import Item
from declapp.indicators.wording import printed_text

from .clerk_input import commit_ime, type_text

SATISFACTION = Item(name="群众满意度", op="≥", value="95", unit="%", content="入户走访",
                    explanation="抽样调查", scoring="每低1个百分点扣1分")


def choose(qtbot, combo, text: str) -> None:
    """Pick the entry starting with *text* with the arrow keys, as a clerk does."""
    combo.setFocus()
    target = next(i for i in range(combo.count()) if combo.itemText(i).startswith(text))
    key = Qt.Key.Key_Down if target > combo.currentIndex() else Qt.Key.Key_Up
    while combo.currentIndex() != target:
        qtbot.keyClick(combo, key)


def new_item(window):
    """A new blank item in the first category, selected."""
    window.navigate_to("indicators[0].categories[0]")
    window.menu_actions["actionAddItem"].trigger()
    path = window.indicators_tab.selected_path()
    return path, window.doc.draft.indicators[0].categories[0].items[path[2]]


def test_a_clerk_fills_in_a_structured_item_field_by_field_one_undo_step_each(qtbot, window):
    tab = window.indicators_tab
    editor = tab.detail.items
    path, item = new_item(window)
    assert not editor.structured_button.isChecked()
    qtbot.mouseClick(editor.structured_button, Qt.MouseButton.LeftButton)
    assert editor.mode_stack.currentWidget().objectName() == "structuredScroll"
    assert window.doc.draft.indicators[0].categories[0].items[path[2]] is item  # nothing changed

    steps = window.doc.stack.count()
    type_text(qtbot, editor.name, "群众满意度")
    choose(qtbot, editor.op, "≥")
    type_text(qtbot, editor.number, "95%")  # the % is refused: units have their own box
    assert editor.number.text() == "95"
    assert "计量单位" in editor.value_hint.text()
    type_text(qtbot, editor.unit.lineEdit(), "%")
    type_text(qtbot, editor.explanation, "抽样调查")
    assert item == Item(name="群众满意度", op="≥", value="95", unit="%", explanation="抽样调查")
    assert window.doc.stack.count() - steps == 5  # name, sign, value, unit, explanation
    assert window.undo_action.text() == "撤销 编辑指标解释"

    model = tab.model
    index = model.index_of(path)
    assert index.data() == "群众满意度"
    assert model.index_of(path, 1).data() == "≥95%"
    assert "指标解释：抽样调查" in index.data(Qt.ItemDataRole.ToolTipRole)
    assert editor.preview.text() == "打印为：群众满意度：≥95%"

    window.undo_action.trigger()
    assert item.explanation == "" and item.unit == "%"
    window.undo_action.trigger()
    assert item.unit == "" and item.value == "95"
    window.undo_action.trigger()
    assert (item.name, item.op, item.value, item.unit) == ("群众满意度", "≥", "", "")
    window.undo_action.trigger()
    assert item.op == "" and editor.op.currentText() == "（请选择）"
    window.undo_action.trigger()
    assert item.is_blank


def test_full_width_digits_from_the_input_method_are_a_number(qtbot, window):
    editor = window.indicators_tab.detail.items
    _path, item = new_item(window)
    qtbot.mouseClick(editor.structured_button, Qt.MouseButton.LeftButton)
    type_text(qtbot, editor.name, "办结率")
    editor.number.setFocus()
    commit_ime(editor.number, "９８．５")
    assert item.value == "98.5"


def test_counters_say_when_the_budget_system_would_refuse_a_name(qtbot, window):
    editor = window.indicators_tab.detail.items
    _path, item = new_item(window)
    qtbot.mouseClick(editor.structured_button, Qt.MouseButton.LeftButton)
    type_text(qtbot, editor.name, "街" * 30)
    assert editor.name_count.text() == "30/30"
    assert "bold" not in editor.name_count.styleSheet()
    type_text(qtbot, editor.name, "道")
    assert editor.name_count.text() == "31/30"
    assert "#b00020" in editor.name_count.styleSheet()
    assert "不接受" in editor.name_count.toolTip()
    assert len(item.name) == 31  # shown, not cut: the clerk decides what to drop


def test_a_value_that_is_text_under_a_numeric_sign_can_be_mended(qtbot, make_window,
                                                                 example_draft):
    example_draft.indicators[0].categories[0].items[0] = Item(
        name="整治完成率", op="≥", value="≥95%", unit="")
    window = make_window(example_draft)
    editor = window.indicators_tab.detail.items
    window.navigate_to("indicators[0].categories[0].items[0].value")
    assert window.focusWidget() is editor.number
    assert editor.number.validator() is None  # the clerk can still edit the text
    assert "可改为：计算符号 ≥，指标值 95，计量单位 %" in editor.value_hint.text()
    editor.number.selectAll()
    type_text(qtbot, editor.number, "95")
    assert example_draft.indicators[0].categories[0].items[0].value == "95"
    assert editor.number.validator() is not None


def test_a_finding_about_a_field_puts_the_caret_in_that_field(make_window, example_draft):
    example_draft.indicators[0].categories[0].items[0] = Item(name="整治完成率")
    window = make_window(example_draft)
    editor = window.indicators_tab.detail.items
    found = {f.location for f in window.problems.model.findings}
    assert "indicators[0].categories[0].items[0].op" in found
    widgets = {"op": editor.op, "value": editor.number, "name": editor.name,
               "unit": editor.unit, "explanation": editor.explanation,
               "scoring": editor.scoring, "content": editor.struct_content}
    for attr, widget in widgets.items():
        assert window.navigate_to(f"indicators[0].categories[0].items[0].{attr}")
        focused = window.focusWidget()
        assert focused is widget or widget.isAncestorOf(focused), attr


def test_a_stray_sign_without_a_name_shows_the_structured_fields(make_window, example_draft):
    example_draft.indicators[0].categories[0].items[0].op = "≥"
    window = make_window(example_draft)
    editor = window.indicators_tab.detail.items
    assert window.navigate_to("indicators[0].categories[0].items[0].name")
    assert editor.structured_view and window.focusWidget() is editor.name
    assert "还没有三级指标名称" in editor.mode_hint.text()


def test_back_to_free_text_prints_the_same_asks_before_dropping_and_is_undone(
        qtbot, make_window, example_draft, monkeypatch):
    example_draft.indicators[5].categories[4].items.append(SATISFACTION)
    window = make_window(example_draft)
    editor = window.indicators_tab.detail.items
    window.navigate_to("indicators[5].categories[4].items[1]")
    assert editor.structured_view
    asked = []
    answer = [QMessageBox.StandardButton.Cancel]
    monkeypatch.setattr(QMessageBox, "question",
                        lambda parent, title, text, *a: asked.append(text) or answer[0])
    qtbot.mouseClick(editor.free_button, Qt.MouseButton.LeftButton)
    assert "指标解释和评（扣）分标准" in asked[0]
    assert window.doc.draft.indicators[5].categories[4].items[1] == SATISFACTION
    assert editor.structured_button.isChecked()  # cancelled: still what it is

    answer[0] = QMessageBox.StandardButton.Yes
    qtbot.mouseClick(editor.free_button, Qt.MouseButton.LeftButton)
    free = window.doc.draft.indicators[5].categories[4].items[1]
    assert not free.is_structured
    assert printed_text(free) == printed_text(SATISFACTION)
    assert not editor.structured_view and editor.content.toPlainText() == free.content
    assert window.undo_action.text() == "撤销 转为自由文本"
    window.undo_action.trigger()
    assert window.doc.draft.indicators[5].categories[4].items[1] is SATISFACTION
    assert editor.structured_view
    assert window.indicators_tab.selected_path() == (5, 4, 1)


def test_a_blank_item_shows_the_fields_the_clerk_chose_last(qtbot, window):
    editor = window.indicators_tab.detail.items
    new_item(window)
    qtbot.mouseClick(editor.structured_button, Qt.MouseButton.LeftButton)
    assert window.focusWidget() is editor.name
    new_item(window)
    assert editor.structured_view  # the next new item too
    qtbot.keyClick(window.indicators_tab.tree, Qt.Key.Key_F2)
    qtbot.mouseClick(editor.free_button, Qt.MouseButton.LeftButton)
    assert window.focusWidget() is editor.content
    new_item(window)
    assert not editor.structured_view
