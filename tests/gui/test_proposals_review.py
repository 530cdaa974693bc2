"""转为结构化 from the window: the review of every proposal (ticks, edits, what could not
be split and why), one undo step for all that is accepted, and the printed form."""

from __future__ import annotations

import pypdf
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QMessageBox

from declapp.export import export_draft
from declapp.form.model import Item
from declapp.gui.dialogs.proposals import ProposalsDialog
from declapp.gui.widgets.two_line import SECOND_LINE_ROLE
from declapp.indicators.proposals import Proposal
from declapp.storage.fileformat import dumps

from .clerk_input import type_text

CHECKED = Qt.ItemDataRole.CheckStateRole


def review_with(monkeypatch, drive):
    """Make the review dialog run *drive(dialog)* instead of waiting for the clerk; the
    dialogs seen are returned."""
    seen: list[ProposalsDialog] = []

    def fake_exec(dialog):
        seen.append(dialog)
        dialog.show()
        drive(dialog)
        return QDialog.DialogCode(dialog.result())

    monkeypatch.setattr(ProposalsDialog, "exec", fake_exec)
    return seen


def row_of(dialog, location):
    return next(r for r, e in enumerate(dialog.model.entries) if e.result.location == location)


def test_the_whole_form_reviewed_edited_and_accepted_is_one_undo_step(
        qtbot, qtmodeltester, make_window, example_draft, monkeypatch, tmp_path):
    window = make_window(example_draft)
    before = dumps(window.doc.draft)
    greening = "indicators[0].categories[1].items[3]"  # 苗木存活率达到95%以上
    cost = "indicators[0].categories[3].items[0]"  # 成本控制在6416.19万元之内

    def drive(dialog):
        qtmodeltester.check(dialog.model, force_py=True)
        entries = dialog.model.entries
        assert len(entries) == 51  # every free-text item of the form
        assert sum(e.proposal is not None for e in entries) == 13
        assert "13 项有拆分建议" in dialog.findChild(type(dialog.place), "introLabel").text()
        refused = entries[-1]  # no proposal: listed last, with the reason, never ticked
        assert refused.proposal is None and not refused.checked
        assert not dialog.model.flags(dialog.model.index(len(entries) - 1)) \
            & Qt.ItemFlag.ItemIsUserCheckable
        dialog.select(len(entries) - 1)
        assert dialog.reason.isVisible() and "未能拆分" in dialog.reason.text()
        assert not dialog.editors

        # The clerk shortens a name in the proposal for the greening item…
        dialog.select(row_of(dialog, greening))
        assert "苗木存活率达到95%以上" in dialog.old_text.toPlainText()
        assert "其余文字留在指标内容中" in dialog.note.text()
        # The list shows the item as the form will print it: the name and value, then
        # what stays in 指标内容, which no longer says the value.
        row = dialog.model.index(row_of(dialog, greening))
        shown = row.data(SECOND_LINE_ROLE)
        assert shown == ("→ 苗木存活率：≥95%　绿化养护按照《北京市绿化养护质量标准》执行，"
                         "主要达到园林绿化无缺苗、死苗现象；")
        assert "采用后打印为：\n苗木存活率：≥95%\n绿化养护按照" in row.data(Qt.ItemDataRole.ToolTipRole)
        editor = dialog.editors[0]
        assert editor.content.toPlainText() == (
            "绿化养护按照《北京市绿化养护质量标准》执行，主要达到园林绿化无缺苗、死苗现象；")
        assert editor.name.text() == "苗木存活率"
        editor.name.setFocus()
        editor.name.selectAll()
        type_text(qtbot, editor.name, "苗木成活率")
        assert editor.preview.text().startswith("打印为：苗木成活率：≥95%")
        assert "苗木成活率：≥95%" in dialog.model.data(dialog.model.index(dialog.view.currentIndex().row()),
                                                   Qt.ItemDataRole.ToolTipRole)
        # …and unticks the cost one with the space bar.
        dialog.select(row_of(dialog, cost))
        dialog.view.setFocus()
        qtbot.keyClick(dialog.view, Qt.Key.Key_Space)
        assert not dialog.model.entries[row_of(dialog, cost)].checked
        assert dialog.ok.text() == "采用勾选的建议（12 项）"
        qtbot.mouseClick(dialog.ok, Qt.MouseButton.LeftButton)

    seen = review_with(monkeypatch, drive)
    window.menu_actions["actionStructureAll"].trigger()
    assert len(seen) == 1
    draft = window.doc.draft
    greening_item = draft.indicators[0].categories[1].items[3]
    assert (greening_item.name, greening_item.op, greening_item.value, greening_item.unit) == \
        ("苗木成活率", "≥", "95", "%")
    assert not draft.indicators[0].categories[3].items[0].is_structured  # unticked
    assert sum(i.is_structured for g in draft.indicators for c in g.categories
               for i in c.items) == 13  # 12 proposals, one of them split in two
    assert window.doc.stack.count() == 1
    assert window.undo_action.text() == "撤销 转为结构化（12 项）"
    model = window.indicators_tab.model
    assert model.index_of((0, 1, 3)).data().startswith("苗木成活率")
    assert model.index_of((0, 1, 3), 1).data() == "≥95%"

    # What the form prints: 名称：≥95%, the kept text on the next line.
    export_draft(draft, tmp_path / "表.pdf")
    text = "".join(p.extract_text() for p in pypdf.PdfReader(tmp_path / "表.pdf").pages)
    assert "苗木成活率：≥95%" in text

    window.undo_action.trigger()
    assert dumps(window.doc.draft) == before
    window.redo_action.trigger()
    assert window.doc.draft.indicators[0].categories[1].items[3].name == "苗木成活率"


def test_one_item_with_a_proposal_is_reviewed_alone_and_cancel_changes_nothing(
        qtbot, make_window, example_draft, monkeypatch):
    window = make_window(example_draft)
    editor = window.indicators_tab.detail.items
    before = dumps(window.doc.draft)
    seen = review_with(monkeypatch, lambda dialog: dialog.reject())
    window.navigate_to("indicators[0].categories[1].items[3]")
    assert editor.structure_button.isVisible()
    qtbot.mouseClick(editor.structured_button, Qt.MouseButton.LeftButton)
    assert len(seen) == 1 and len(seen[0].model.entries) == 1
    assert dumps(window.doc.draft) == before and window.doc.stack.count() == 0
    assert editor.free_button.isChecked()  # still free text

    seen = review_with(monkeypatch, lambda dialog: dialog.accept())
    qtbot.mouseClick(editor.structure_button, Qt.MouseButton.LeftButton)
    item = window.doc.draft.indicators[0].categories[1].items[3]
    assert item.name == "苗木存活率" and editor.structured_view
    assert window.indicators_tab.selected_path() == (0, 1, 3)


def test_an_item_no_proposal_can_split_shows_the_fields_to_fill_by_hand(
        qtbot, make_window, example_draft, monkeypatch):
    window = make_window(example_draft)
    editor = window.indicators_tab.detail.items
    review_with(monkeypatch, lambda dialog: (_ for _ in ()).throw(AssertionError("no dialog")))
    window.navigate_to("indicators[1].categories[0].items[3]")  # 做好为老服务工作。
    window.menu_actions["actionStructure"].trigger()
    assert editor.structured_view and window.focusWidget() is editor.name
    assert "未能自动拆分" in editor.mode_hint.text()
    assert editor.struct_content.toPlainText() == "做好为老服务工作。"
    assert window.doc.stack.count() == 0
    type_text(qtbot, editor.name, "为老服务")
    item = window.doc.draft.indicators[1].categories[0].items[3]
    assert item.is_structured and item.content == "做好为老服务工作。"
    assert editor.structured_view  # the page stays while the clerk types


def test_a_category_from_its_page_and_a_proposal_without_a_name_is_refused(
        qtbot, make_window, example_draft, monkeypatch):
    window = make_window(example_draft)
    warned = []
    monkeypatch.setattr(QMessageBox, "warning", lambda parent, title, text: warned.append(text))

    def drive(dialog):
        assert [e.result.location for e in dialog.model.entries] == [
            "indicators[0].categories[2].items[0]", "indicators[0].categories[2].items[1]"]
        dialog.select(1)
        editor = dialog.editors[0]
        editor.name.selectAll()
        qtbot.keyClick(editor.name, Qt.Key.Key_Delete)
        qtbot.mouseClick(dialog.ok, Qt.MouseButton.LeftButton)
        assert warned and "没有三级指标名称" in warned[0]
        assert dialog.result() != QDialog.DialogCode.Accepted  # still open
        type_text(qtbot, editor.name, "临时性工作")
        qtbot.mouseClick(dialog.ok, Qt.MouseButton.LeftButton)

    review_with(monkeypatch, drive)
    window.navigate_to("indicators[0].categories[2]")  # 产出进度指标
    button = window.indicators_tab.form_widget.findChild(type(window.indicators_tab.detail.items.structure_button), "structureCategoryButton")
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    items = window.doc.draft.indicators[0].categories[2].items
    assert [(i.name, i.op) for i in items] == [("常规工作内容", "定性"), ("临时性工作", "定性")]
    assert items[1].value == "按照相关部门要求及时完成"


def test_a_proposal_made_before_the_item_changed_is_refused_with_a_sentence(
        make_window, example_draft, errors):
    window = make_window(example_draft)
    old = example_draft.indicators[0].categories[1].items[3]
    proposal = Proposal("indicators[0].categories[1].items[3]", Item(old.content, old.value),
                        (Item(name="苗木存活率", op="≥", value="95", unit="%"),))
    window.doc.edit_field("indicators[0].categories[1].items[3].content", "改过了")
    assert not window.indicators_tab.apply_proposals([proposal])
    assert errors and "已被修改" in errors[0][1]
    assert window.doc.draft.indicators[0].categories[1].items[3].content == "改过了"
