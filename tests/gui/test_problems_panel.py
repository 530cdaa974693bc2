"""The problems list gets the clerk to zero: places in the form's words, rows that stay
put while fixing, F8 / Shift+F8 / F7, repeated hints grouped, and 已核对 with a reason."""

from __future__ import annotations

from decimal import Decimal

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QInputDialog

from declapp.form.carry_over import next_year_draft
from declapp.form.templates import load_template
from declapp.storage.fileformat import load


@pytest.fixture
def window(make_window, example_draft):
    return make_window(example_draft)


def _texts(model, parent=None):
    from PySide6.QtCore import QModelIndex

    parent = parent or QModelIndex()
    return [model.index(r, 0, parent).data() for r in range(model.rowCount(parent))]


def test_repeated_hints_are_one_expandable_row_with_each_place(window, qtmodeltester):
    dock, model = window.problems, window.problems.model
    qtmodeltester.check(model)
    assert model.rowCount() == 1  # the real form's five vague-word hints, grouped
    group = model.index(0, 0)
    assert group.data().startswith("审核时常被退回：请给出可衡量的指标值")
    assert group.data().endswith("（5 处）")
    children = _texts(model, group)
    assert children[0] == "产出指标一（城市管理和环境建设） › 产出质量指标 › 第 2 项 › 指标内容：「逐步」"
    assert children[3].startswith("产出指标五（事业发展及街道自身建设） › 产出数量指标 › 第 1 项")
    assert dock.view.isExpanded(group)
    assert window.problems.status_label.text() == "0 个错误，5 个未核对的警告"


def test_a_fixed_row_stays_put_greyed_until_the_next_jump(window, qtbot, qtmodeltester):
    dock, model = window.problems, window.problems.model
    window.doc.edit_field("funds.total", Decimal("1"))
    window.show_problems()
    rows = [r.finding.id for r in model.rows()]
    assert rows[0] == "total-mismatch"  # the funds come first, as the form prints them

    # The clerk fixes the second vague hint: its row keeps its place, greyed.
    second = model.rows()[2]
    assert second.finding.id == "vague-words"
    window.doc.edit_field(second.finding.location, "完成率达到95%以上")
    qtbot.waitUntil(lambda: second.fixed, timeout=3000)
    qtmodeltester.check(model)
    assert [r.finding.id for r in model.rows()] == rows
    index = model.index_of(second.key)
    assert index.data().startswith("（已改）")
    assert index.data(Qt.ItemDataRole.ForegroundRole).name() == "#9a9a9a"
    assert model.index(0, 0).data().splitlines()[1] == "部门（单位）总体资金情况（万元） › 资金总额"
    # A new hint of a theme already listed joins its group after the one before it.
    window.doc.edit_field("indicators[1].categories[0].items[0].content", "进一步加强管理")
    qtbot.waitUntil(lambda: len(model.rows()) == len(rows) + 1, timeout=3000)
    qtmodeltester.check(model)
    group = model.index(1, 0)
    assert model.rowCount(group) == 6 and group.data().endswith("（5 处）")  # one greyed
    assert model.index(1, 0, group).data().startswith(
        "产出指标二（民生服务和保障） › 产出数量指标 › 第 1 项 › 指标内容：「进一步」")
    assert model.rows()[0].finding.id == "total-mismatch"

    # F8 jumps: the fixed row goes, and the next finding is shown in its field.
    QTest.keyClick(window, Qt.Key.Key_F8)
    assert not model.has_fixed()
    assert dock.view.currentIndex().data(Qt.ItemDataRole.UserRole + 1).id == "total-mismatch"
    total = window.editor("funds.total")
    assert window.focusWidget() is total and total.selectedText() == "1.00"


def test_f8_and_shift_f8_go_round_the_findings_with_their_words_selected(window, qtbot):
    tab = window.indicators_tab
    QTest.keyClick(window, Qt.Key.Key_F8)
    first = window.problems.model.rows()[0].finding
    assert tab.isVisible() and first.highlight == "逐步"
    editor = QApplication.focusWidget()
    assert editor.textCursor().selectedText() == "逐步"
    QTest.keyClick(QApplication.focusWidget(), Qt.Key.Key_F8)
    assert QApplication.focusWidget().textCursor().selectedText() == "不断"
    QTest.keyClick(QApplication.focusWidget(), Qt.Key.Key_F8, Qt.KeyboardModifier.ShiftModifier)
    assert QApplication.focusWidget().textCursor().selectedText() == "逐步"
    QTest.keyClick(QApplication.focusWidget(), Qt.Key.Key_F8, Qt.KeyboardModifier.ShiftModifier)
    last = window.problems.model.rows()[-1].finding  # round to the last
    assert window.problems.view.currentIndex().data(Qt.ItemDataRole.UserRole + 1) == last
    assert "不断" in window.statusBar().currentMessage()

    QTest.keyClick(QApplication.focusWidget(), Qt.Key.Key_F7)
    assert QApplication.focusWidget() is window.problems.view


def _mark_from_the_menu(window, monkeypatch, row, reason):
    view, model = window.problems.view, window.problems.model
    index = model.index_of(row.key)
    view.scrollTo(index)
    monkeypatch.setattr(QInputDialog, "getText", lambda *a, **k: (reason, True))
    view.customContextMenuRequested.emit(view.visualRect(index).center())
    menu = window.problems.context_menu
    assert menu is not None and menu.isVisible()
    action = next(a for a in menu.actions() if "已核对" in a.text())
    action.trigger()
    menu.close()
    return [action.text()]


def test_a_hint_marked_reviewed_with_a_reason_is_counted_apart(window, qtbot, monkeypatch,
                                                               tmp_path, qtmodeltester):
    model, label = window.problems.model, window.problems.status_label
    first = model.rows()[0]
    assert _mark_from_the_menu(window, monkeypatch, first, "  引用区委文件原文  ") == \
        ["标为已核对(&R)…"]
    qtmodeltester.check(model)
    assert label.text() == "0 个错误，4 个未核对的警告（另有 1 个已核对）"
    group = model.index(model.rowCount() - 1, 0)
    assert group.data() == "已核对的警告（1 处）"
    assert model.index(0, 0, group).data().endswith("已核对：引用区委文件原文")
    assert window.windowTitle().startswith("*") or window.isWindowModified()

    # F8 passes the reviewed one by.
    QTest.keyClick(window, Qt.Key.Key_F8)
    assert QApplication.focusWidget().textCursor().selectedText() == "不断"

    window.undo_action.trigger()
    assert label.text() == "0 个错误，5 个未核对的警告"
    window.redo_action.trigger()
    assert label.text().endswith("（另有 1 个已核对）")

    # Saved and reopened, the mark holds; next year's copy keeps it while unchanged.
    path = tmp_path / "草稿.json"
    monkeypatch.setattr("PySide6.QtWidgets.QFileDialog.getSaveFileName",
                        lambda *a, **k: (str(path), ""))
    window.menu_actions["actionSaveAs"].trigger()
    reopened = load(path)
    assert reopened.reviewed
    following = next_year_draft(reopened, load_template(reopened.template))
    from declapp.checks import check_draft, tally

    assert tally(check_draft(following)).reviewed == 1

    # Taken back from the menu: the hint counts again.
    reviewed = next(r for r in model.rows() if r.finding.reviewed)
    assert _mark_from_the_menu(window, monkeypatch, reviewed, "") == ["取消已核对"]
    assert label.text() == "0 个错误，5 个未核对的警告"


def test_an_empty_reason_marks_nothing_and_errors_offer_no_mark(window, monkeypatch):
    model = window.problems.model
    _mark_from_the_menu(window, monkeypatch, model.rows()[0], "   ")
    assert window.problems.status_label.text() == "0 个错误，5 个未核对的警告"
    assert window.doc.stack.count() == 0
    window.doc.edit_field("funds.total", Decimal("1"))
    window.show_problems()
    error = model.rows()[0]
    assert error.finding.id == "total-mismatch"
    view = window.problems.view
    view.customContextMenuRequested.emit(view.visualRect(model.index_of(error.key)).center())
    assert window.problems.context_menu is None
