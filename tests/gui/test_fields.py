"""Single fields: template switching, amounts and the total check, clean paste, navigation."""

from __future__ import annotations

from decimal import Decimal

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from declapp.form.money import format_amount
from declapp.storage.fileformat import dumps

from .clerk_input import FundsView, type_text


def switch_template(qtbot, window, template_id):
    """Pick the template in the combo box with the keyboard, as a clerk does."""
    combo = window.form_tabs[0].template_combo
    combo.setFocus()
    target = combo.findData(template_id)
    key = Qt.Key.Key_Down if target > combo.currentIndex() else Qt.Key.Key_Up
    while combo.currentIndex() != target:
        qtbot.keyClick(combo, key)
    assert window.doc.draft.template == template_id


def test_switching_templates_back_and_forth_loses_nothing(qtbot, window, monkeypatch):
    from PySide6.QtWidgets import QMessageBox

    asked = []
    monkeypatch.setattr(QMessageBox, "question",
                        lambda parent, title, text, *a: asked.append(text)
                        or QMessageBox.StandardButton.Yes)
    assert window.doc.draft.template == "xicheng-2021"
    assert window.editor("department.head") is None  # 2021 has no 负责人 row
    assert window.editor("funds.other") is None

    switch_template(qtbot, window, "xicheng-2019")
    for key in ("department.head", "department.phone", "department.functions",
                "funds.other"):
        assert window.editor(key) is not None, key  # the tabs were built for 2019
    funds = FundsView(window)
    assert funds.block.title() == "部门（单位）总体资金情况（万元）"
    type_text(qtbot, window.editor("department.head"), "张三")
    type_text(qtbot, window.editor("department.phone"), "010-68001234")
    type_text(qtbot, window.editor("department.functions"), "负责辖区城市管理。\n组织社区建设。")
    window.tab_widget.setCurrentWidget(funds.tab)
    type_text(qtbot, funds.edits["other"], "12.5")
    window.navigate_to("indicators[0].name")
    type_text(qtbot, window.indicators_tab.detail.group_name, "平安建设")
    assert window.indicators_tab.model.index(0, 0).data() == "产出指标一：平安建设"
    filled = dumps(window.doc.draft)

    window.tab_widget.setCurrentWidget(window.form_tabs[0])
    assert asked == []  # 2021 → 2019 moved nothing: nothing to ask
    switch_template(qtbot, window, "xicheng-2021")
    # 2019 → 2021 moves what 2021 has no row for: the clerk is told what, and agrees.
    assert len(asked) == 1 and "部门（单位）负责人：张三" in asked[0]
    assert window.editor("department.head") is None
    # What 2021 has no row for is kept, labelled, at the end of 其他说明的问题.
    notes = window.doc.draft.texts["notes"]
    for kept in ("部门（单位）负责人：张三", "联系电话：010-68001234",
                 "部门（单位）职能概述：负责辖区城市管理。", "其他：12.50万元"):
        assert kept in notes, kept
    assert window.editor("notes").toPlainText() == notes
    assert window.indicators_tab.model.index(0, 0).data() == "产出指标一（平安建设）"

    # The switch is one undo step; undoing it gives back the 2019 form exactly.
    window.undo_action.trigger()
    assert window.doc.draft.template == "xicheng-2019"
    assert window.form_tabs[0].template_combo.currentData() == "xicheng-2019"
    assert dumps(window.doc.draft) == filled
    assert window.editor("department.functions").toPlainText() == "负责辖区城市管理。\n组织社区建设。"
    assert FundsView(window).edits["other"].text() == "12.50"  # as the form prints it
    window.undo_action.trigger()  # the 平安建设 typed before
    assert window.doc.draft.template == "xicheng-2019"


def test_amount_fields_take_decimals_only(qtbot, window):
    funds = FundsView(window)
    window.tab_widget.setCurrentWidget(funds.tab)
    total = funds.edits["total"]
    reasons = []
    funds.bindings["total"].problemChanged.connect(reasons.append)
    type_text(qtbot, total, "-1a2.1234567")
    assert total.text() == "12.123456"  # no sign, no letters, at most 6 decimals
    # …and each refused key said why, beside the field.
    assert any("负数" in r for r in reasons) and any("不是金额" in r for r in reasons)
    assert "6 位小数" in reasons[-1]
    assert funds.problems["total"].isVisibleTo(funds.tab) and "6 位小数" in funds.problems["total"].text()
    assert window.doc.draft.amounts["funds.total"] == Decimal("12.123456")
    assert isinstance(window.doc.draft.amounts["funds.total"], Decimal)
    total.selectAll()
    qtbot.keyClick(total, Qt.Key.Key_Backspace)
    assert window.doc.draft.amounts["funds.total"] == 0
    assert not funds.problems["total"].isVisibleTo(funds.tab)  # an accepted edit clears it


@pytest.mark.parametrize(("pasted", "shown", "amount", "said"), [
    ("1,000.50", "1000.50", "1000.50", "千位分隔符"),
    (" 456.78 ", "456.78", "456.78", "空格"),
    ("１２３.４５", "123.45", "123.45", "全角"),
    ("12.5万元", "12.5", "12.5", "万元"),
])
def test_amounts_are_pasted_the_way_clerks_have_them(qtbot, window, pasted, shown, amount,
                                                     said):
    from PySide6.QtWidgets import QApplication

    funds = FundsView(window)
    window.tab_widget.setCurrentWidget(funds.tab)
    basic = funds.edits["basic"]
    basic.setFocus()
    QApplication.clipboard().setText(pasted)
    basic.paste()
    assert basic.text() == shown
    assert window.doc.draft.amounts["funds.basic"] == Decimal(amount)
    assert said in window.statusBar().currentMessage()
    assert not funds.problems["basic"].isVisibleTo(funds.tab)


def test_a_pasted_text_that_is_no_amount_is_refused_with_its_reason(qtbot, window):
    from PySide6.QtWidgets import QApplication

    funds = FundsView(window)
    window.tab_widget.setCurrentWidget(funds.tab)
    basic = funds.edits["basic"]
    type_text(qtbot, basic, "40")
    QApplication.clipboard().setText("四万元")
    basic.selectAll()
    basic.paste()
    assert basic.text() == "40"  # kept what it had
    assert window.doc.draft.amounts["funds.basic"] == Decimal("40")
    assert "阿拉伯数字" in funds.problems["basic"].text()
    assert funds.problems["basic"].isVisibleTo(funds.tab)


def test_an_amount_shows_as_the_form_prints_it_once_the_clerk_leaves_it(qtbot, window):
    funds = FundsView(window)
    window.tab_widget.setCurrentWidget(funds.tab)
    total, basic = funds.edits["total"], funds.edits["basic"]
    type_text(qtbot, total, "100")
    assert total.text() == "100"  # while typing: as typed
    basic.setFocus()
    qtbot.waitUntil(lambda: not total.hasFocus())
    assert total.text() == "100.00"  # as the form prints 100.00万元
    assert window.doc.draft.amounts["funds.total"] == Decimal("100")  # the draft keeps what was typed
    assert basic.text() == ""  # an untouched zero stays empty (0.00 is its placeholder)
    assert basic.placeholderText() == "0.00"


def test_total_check_line_is_red_until_the_total_is_the_sum(qtbot, window):
    funds = FundsView(window)
    window.tab_widget.setCurrentWidget(funds.tab)
    type_text(qtbot, funds.edits["total"], "100")
    type_text(qtbot, funds.edits["basic"], "40.25")
    type_text(qtbot, funds.edits["project"], "50")
    assert not funds.is_balanced()
    assert "≠" in funds.sum_label.text() and "90.25" in funds.sum_label.text()
    assert "相差 9.75 万元" in funds.sum_label.text()
    assert "#c62828" in funds.sum_label.styleSheet()
    assert funds.set_total_button.isEnabled()

    qtbot.mouseClick(funds.set_total_button, Qt.MouseButton.LeftButton)
    assert window.doc.draft.amounts["funds.total"] == Decimal("90.25")
    assert funds.edits["total"].text() == "90.25"
    assert funds.is_balanced() and "#c62828" not in funds.sum_label.styleSheet()
    assert not funds.set_total_button.isEnabled()
    window.undo_action.trigger()
    assert funds.edits["total"].text() == "100.00" and not funds.is_balanced()  # as printed


def test_pasted_text_loses_what_word_smuggles_in(qtbot, window):
    goals = window.editor("goals")
    window.tab_widget.setCurrentWidget(window.form_tab("goals"))
    QApplication.clipboard().setText("第一段\x0b续行\x0c\r\n第二段\x00")
    goals.setFocus()
    goals.paste()
    assert window.doc.draft.texts["goals"] == "第一段续行\n第二段"
    assert window.form_tab("goals").editors["goals"].count.text() == "共 8 字"
    name = window.editor("department.name")
    QApplication.clipboard().setText("展览路\x0b街道")
    name.paste()
    assert window.doc.draft.texts["department.name"] == "展览路街道"


def test_navigate_to_finding_locations(qtbot, make_window, example_draft):
    window = make_window(example_draft)
    tabs = window.tab_widget
    assert window.navigate_to("department.name")
    assert tabs.currentWidget() is window.form_tab("department.name")
    assert window.focusWidget() is window.editor("department.name")
    assert window.navigate_to("year")
    assert window.focusWidget() is window.form_tabs[0].year_spin
    assert window.navigate_to("template")
    assert window.navigate_to("funds.total")
    assert tabs.currentWidget() is window.form_tab("funds.total")
    assert window.focusWidget() is window.editor("funds.total")
    assert window.navigate_to("notes")
    assert window.focusWidget() is window.editor("notes")
    assert window.navigate_to("goals")

    assert window.navigate_to("indicators[2]")
    assert tabs.currentWidget() is window.indicators_tab
    assert window.indicators_tab.selected_path() == (2,)
    assert window.navigate_to("indicators[2].name")
    assert window.focusWidget() is window.indicators_tab.detail.group_name
    assert window.navigate_to("indicators[2].categories[0]")
    assert window.indicators_tab.selected_path() == (2, 0)
    assert window.navigate_to("indicators[2].categories[0].items[3].content")
    assert window.indicators_tab.selected_path() == (2, 0, 3)
    assert window.focusWidget() is window.indicators_tab.detail.content
    assert window.navigate_to("indicators[2].categories[0].items[3].value")
    assert window.focusWidget() is window.indicators_tab.detail.value
    assert window.navigate_to("indicators")

    # Nothing there, or nothing the editor shows: False.
    for location in ("indicators[9]", "indicators[2].categories[7]",
                     "indicators[2].categories[0].items[99].content", "indicators[x]",
                     "categories[0]", "indicators[0].items[0]", "department.head",
                     "funds.other", "nonsense", ""):
        assert not window.navigate_to(location), location


def test_the_notes_placeholder_says_what_the_check_asks_for(window):
    from declapp.checks import check_draft
    from declapp.checks.form_rules import NOTES_HINT

    placeholder = window.editor("notes").placeholderText()
    assert placeholder == NOTES_HINT and "无" in placeholder
    finding = next(f for f in check_draft(window.doc.draft) if f.location == "notes")
    assert NOTES_HINT in finding.message


def test_a_refused_entry_is_forgotten_when_the_draft_changes_under_it(qtbot, window,
                                                                     example_file):
    from PySide6.QtWidgets import QApplication

    funds = FundsView(window)
    window.tab_widget.setCurrentWidget(funds.tab)
    total = funds.edits["total"]
    total.setFocus()
    QApplication.clipboard().setText("四万元")
    total.paste()
    assert funds.problems["total"].isVisibleTo(funds.tab)
    assert window.file_actions.open_path(example_file)  # another draft in the window
    assert not funds.problems["total"].isVisibleTo(funds.tab)
    assert total.text() == "41421.22"


def _compose(widget, *preedits: str, commit: str) -> None:
    """A pinyin input method at work: the letters shown under the caret as they are
    typed (the preedit), then the characters chosen."""
    from PySide6.QtGui import QInputMethodEvent

    for text in preedits:
        QApplication.sendEvent(widget, QInputMethodEvent(text, []))
    event = QInputMethodEvent("", [])
    event.setCommitString(commit)
    QApplication.sendEvent(widget, event)


def _paste_result(qtbot, window, text, start="", select=False):
    """What pasting *text* gives: (field text, amount, problem shown, status line)."""
    funds = FundsView(window)
    basic = funds.edits["basic"]
    basic.setFocus()
    QApplication.clipboard().setText(text)
    if select:
        basic.selectAll()
    basic.paste()
    return basic.text(), window.doc.draft.amounts["funds.basic"], \
        funds.problems["basic"].text(), window.statusBar().currentMessage()


@pytest.mark.parametrize(("start", "select", "keys", "said"), [
    # 12.5 typed, then 万 and 元 chosen one at a time in the input method.
    ("", False, ["12.5", ("wan", "万"), ("yuan", "元")], "万元"),
    ("", False, ["12.5", ("wanyuan", "万元")], "万元"),
    # 四万 over the 40 the field holds: chosen at once (as fcitx5 sends it, the letters
    # shown first), or one character at a time.
    ("40", True, [("si", "si w", "si wa", "si wan", "四万")], "阿拉伯数字"),
    ("40", True, [("si", "四"), ("wan", "万")], "阿拉伯数字"),
])
def test_typing_an_amount_gives_what_pasting_it_gives(qtbot, make_window, start, select,
                                                       keys, said):
    typed_text = "".join(k if isinstance(k, str) else k[-1] for k in keys)
    pasted_window = make_window()
    window = make_window()
    for w in (pasted_window, window):
        w.tab_widget.setCurrentWidget(FundsView(w).tab)
        if start:
            type_text(qtbot, FundsView(w).edits["basic"], start)
    pasted = _paste_result(qtbot, pasted_window, typed_text, start, select)
    assert said in pasted[2] + pasted[3]

    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow, timeout=2000)
    funds = FundsView(window)
    basic = funds.edits["basic"]
    basic.setFocus()
    if select:
        basic.selectAll()
    for key in keys:
        if isinstance(key, str):
            qtbot.keyClicks(basic, key)
        else:
            _compose(basic, *key[:-1], commit=key[-1])
    qtbot.wait(10)  # a composition's end is settled after the event
    assert window.doc.draft.amounts["funds.basic"] == pasted[1]  # the same amount…
    assert funds.problems["basic"].text() == pasted[2]  # …the same reason if refused…
    if not pasted[2]:
        assert window.statusBar().currentMessage() == pasted[3]  # …the same note
    # Once the clerk leaves the field, it shows the amount as the form prints it.
    funds.edits["total"].setFocus()
    qtbot.waitUntil(lambda: not basic.hasFocus())
    assert basic.text() == format_amount(pasted[1])
    assert not funds.problems["basic"].isVisibleTo(funds.tab)


def test_a_switch_the_clerk_declines_changes_nothing(qtbot, window, monkeypatch):
    from PySide6.QtWidgets import QMessageBox

    switch_template_to = "xicheng-2019"
    switch_template(qtbot, window, switch_template_to)
    type_text(qtbot, window.editor("department.head"), "张三")
    before = dumps(window.doc.draft)
    monkeypatch.setattr(QMessageBox, "question",
                        lambda *a: QMessageBox.StandardButton.Cancel)
    combo = window.form_tabs[0].template_combo
    combo.setCurrentIndex(combo.findData("hubei-2021"))
    combo.activated.emit(combo.currentIndex())
    assert dumps(window.doc.draft) == before
    assert window.form_tabs[0].template_combo.currentData() == "xicheng-2019"
