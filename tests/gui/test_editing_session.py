"""A whole form typed through the widgets, saved, reopened; the session undone and redone."""

from __future__ import annotations

from decimal import Decimal

from PySide6.QtCore import Qt
from samples import Department, Funds, xicheng_draft

from declapp.form.model import Category, Draft, Group, Item, budget_year
from declapp.form.templates import new_draft
from declapp.storage.fileformat import dumps

from .clerk_input import FundsView, type_text
from .conftest import answer_save_dialog

OUT = ("产出数量指标", "产出质量指标", "产出进度指标", "产出成本指标")
EFF = ("经济效益指标", "社会效益指标", "环境效益指标", "可持续影响指标", "服务对象满意度指标")


def expected_draft() -> Draft:
    """The same form, written by hand."""
    def cats(names, filled):
        return [Category(n, filled.get(n, [])) for n in names]

    return xicheng_draft(
        template="xicheng-2021", year=2022,
        department=Department(name="北京市西城区人民政府展览路街道办事处"),
        funds=Funds(total=Decimal("41421.22"), basic=Decimal("10470.23"),
                    project=Decimal("30950.99")),
        goals="2022年重点做好以下几个方面：\n（一）持续深化党建引领\n（二）践行核心区使命担当",
        indicators=[
            Group("output", "城市管理和环境建设", cats(OUT, {"产出数量指标": [
                Item("抓好地区综合环境和街区提升工作", "≥95%"),
                Item("推进垃圾分类", "100%")]})),
            Group("output", "民生服务和保障", cats(OUT, {"产出数量指标": [
                Item("保障困难群体基本生活\n确保惠民政策及时到位", "")]})),
            Group("effect", "", cats(EFF, {"社会效益指标": [Item("居民满意度提升", "≥90%")]})),
        ],
        notes="产出成本指标以项目经费为依据。")


def type_whole_form(qtbot, window) -> None:
    dep, funds, goals = window.form_tab("department.name"), FundsView(window), \
        window.form_tab("goals")
    tree_tab, actions = window.indicators_tab, window.menu_actions
    detail = tree_tab.detail

    window.tab_widget.setCurrentWidget(dep)
    type_text(qtbot, window.editor("department.name"), "北京市西城区人民政府展览路街道办事处")
    dep.year_spin.setFocus()
    dep.year_spin.lineEdit().selectAll()
    qtbot.keyClicks(dep.year_spin, "2022")

    window.tab_widget.setCurrentWidget(funds.tab)
    type_text(qtbot, funds.edits["total"], "41421.22")
    type_text(qtbot, funds.edits["basic"], "10470.23")
    type_text(qtbot, funds.edits["project"], "30950.99")

    window.tab_widget.setCurrentWidget(goals)
    type_text(qtbot, window.editor("goals"),
              "2022年重点做好以下几个方面：\n（一）持续深化党建引领\n（二）践行核心区使命担当")

    window.tab_widget.setCurrentWidget(tree_tab)
    assert window.navigate_to("indicators[0].name")
    type_text(qtbot, detail.group_name, "城市管理和环境建设")
    assert window.navigate_to("indicators[0].categories[0]")
    for content, value in (("抓好地区综合环境和街区提升工作", "≥95%"), ("推进垃圾分类", "100%")):
        actions["actionAddItem"].trigger()  # lands in the content editor
        type_text(qtbot, detail.content, content)
        type_text(qtbot, detail.value, value)

    assert window.navigate_to("indicators[0]")
    actions["actionAddGroup"].trigger()  # lands in the new group's name
    type_text(qtbot, detail.group_name, "民生服务和保障")
    assert window.navigate_to("indicators[1].categories[0]")
    actions["actionAddItem"].trigger()
    type_text(qtbot, detail.content, "保障困难群体基本生活\n确保惠民政策及时到位")

    assert window.navigate_to("indicators[2].categories[1]")
    actions["actionAddItem"].trigger()
    type_text(qtbot, detail.content, "居民满意度提升")
    type_text(qtbot, detail.value, "≥90%")

    window.tab_widget.setCurrentWidget(goals)
    type_text(qtbot, window.editor("notes"), "产出成本指标以项目经费为依据。")


def test_typed_form_saves_and_reopens_as_written_by_hand(qtbot, make_window, monkeypatch,
                                                        tmp_path):
    window = make_window()
    type_whole_form(qtbot, window)
    assert window.doc.draft == expected_draft()
    assert window.isWindowModified()

    target = tmp_path / "展览路-2022.json"
    answer_save_dialog(monkeypatch, target)
    window.menu_actions["actionSave"].trigger()
    assert target.is_file()
    assert not window.isWindowModified()
    assert window.windowTitle() == "展览路-2022.json[*] — 绩效目标申报表"

    qtbot.waitUntil(lambda: not window.ops.busy(), timeout=20000)
    assert window.close()  # one window per file: the first lets go of it
    fresh = make_window()
    assert fresh.file_actions.open_path(target)
    assert fresh.doc.draft == expected_draft()
    assert dumps(fresh.doc.draft) == dumps(expected_draft())
    # … and the reopened window shows it.
    assert fresh.editor("department.name").text() == "北京市西城区人民政府展览路街道办事处"
    assert fresh.form_tabs[0].year_spin.value() == 2022
    assert fresh.editor("funds.total").text() == "41421.22"
    assert fresh.editor("goals").toPlainText() == expected_draft().texts["goals"]
    model = fresh.indicators_tab.model
    assert model.rowCount() == 3
    assert model.index(1, 0).data() == "产出指标二（民生服务和保障）"
    first_cat = model.index(0, 0, model.index(0, 0))
    assert model.index(1, 1, first_cat).data() == "100%"


def test_whole_session_undoes_to_the_empty_form_and_redoes(qtbot, make_window):
    window = make_window()
    empty = dumps(new_draft())
    assert dumps(window.doc.draft) == empty
    type_whole_form(qtbot, window)
    stack = window.doc.stack
    # One step per burst of typing in one field, per tree edit.
    assert stack.count() == 21

    seen = [dumps(window.doc.draft)]
    undo = window.undo_action
    while stack.canUndo():
        undo.trigger()
        seen.append(dumps(window.doc.draft))
        assert seen[-1] != seen[-2], "every step changes something"
    assert seen[-1] == empty
    assert stack.isClean() and not window.isWindowModified()
    assert window.editor("department.name").text() == ""
    assert window.form_tabs[0].year_spin.value() == budget_year()
    assert window.editor("funds.total").text() == ""
    assert window.editor("goals").toPlainText() == ""
    assert window.indicators_tab.model.rowCount() == 2

    while stack.canRedo():
        window.redo_action.trigger()
    assert window.doc.draft == expected_draft()
    assert window.editor("notes").toPlainText() == "产出成本指标以项目经费为依据。"
    assert window.editor("funds.project").text() == "30950.99"


def test_ctrl_z_in_a_field_undoes_on_the_draft_stack(qtbot, window):
    name = window.editor("department.name")
    type_text(qtbot, name, "展览路街道")
    window.tab_widget.setCurrentWidget(window.form_tab("goals"))
    type_text(qtbot, window.editor("goals"), "目标")
    window.tab_widget.setCurrentWidget(window.form_tab("department.name"))
    name.setFocus()
    qtbot.keyClick(name, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    # The last step (the goals) is undone, not the field's private history.
    assert window.doc.draft.texts["goals"] == ""
    assert name.text() == "展览路街道"
    qtbot.keyClick(name, Qt.Key.Key_Y, Qt.KeyboardModifier.ControlModifier)
    assert window.doc.draft.texts["goals"] == "目标"
    assert window.editor("goals").toPlainText() == "目标"


def test_a_pause_in_typing_starts_a_new_undo_step(qtbot, window, monkeypatch):
    from declapp.gui.widgets import bindings

    monkeypatch.setattr(bindings, "BURST_PAUSE_S", 0.05)
    goals = window.editor("goals")
    window.tab_widget.setCurrentWidget(window.form_tab("goals"))
    type_text(qtbot, goals, "第一句。")
    qtbot.wait(120)
    goals.moveCursor(goals.textCursor().MoveOperation.End)
    type_text(qtbot, goals, "第二句。")
    assert window.doc.draft.texts["goals"] == "第一句。第二句。"
    assert window.doc.stack.count() == 2
    window.undo_action.trigger()
    assert window.doc.draft.texts["goals"] == "第一句。"
    assert goals.toPlainText() == "第一句。"


def test_undo_of_a_change_on_another_tab_shows_it_there(qtbot, make_window, monkeypatch):
    from declapp.form.model import Item
    from declapp.form.templates import load_template
    from declapp.gui.widgets import bindings

    monkeypatch.setattr(bindings, "BURST_PAUSE_S", 0.05)
    draft = load_template("xicheng-2021").new_draft(2022)
    draft.indicators[0].categories[0].items = [Item("完成整治", "10项")]
    window = make_window(draft)
    tabs = window.tab_widget
    name = window.editor("department.name")
    unit_tab, funds_tab = window.form_tab("department.name"), window.form_tab("funds.total")
    tabs.setCurrentWidget(unit_tab)
    type_text(qtbot, name, "展览路")
    qtbot.wait(120)
    type_text(qtbot, name, "街道")  # a second step
    tabs.setCurrentWidget(window.form_tab("goals"))
    window.undo_action.trigger()
    assert tabs.currentWidget() is unit_tab
    assert window.focusWidget() is name and name.text() == "展览路"
    assert name.cursorPosition() == 3  # where the words were taken away
    tabs.setCurrentWidget(funds_tab)
    window.redo_action.trigger()
    assert tabs.currentWidget() is unit_tab
    assert name.selectedText() == "街道"  # what came back is selected

    # An indicator's text, and an indicator added, on the 绩效指标 tab.
    window.navigate_to("indicators[0].categories[0].items[0].content")
    content = window.indicators_tab.detail.content
    content.moveCursor(content.textCursor().MoveOperation.End)
    type_text(qtbot, content, "工作")
    window.indicators_tab.tree.setFocus()
    window.menu_actions["actionAddItem"].trigger()
    assert len(draft.indicators[0].categories[0].items) == 2
    tabs.setCurrentWidget(funds_tab)
    window.undo_action.trigger()
    assert tabs.currentWidget() is window.indicators_tab
    assert len(draft.indicators[0].categories[0].items) == 1
    tabs.setCurrentWidget(funds_tab)
    window.undo_action.trigger()
    assert tabs.currentWidget() is window.indicators_tab
    assert window.indicators_tab.selected_path() == (0, 0, 0)
    assert window.focusWidget() is content and content.toPlainText() == "完成整治"
    assert content.textCursor().position() == len("完成整治")
