"""The indicator tree: model integrity (qtmodeltester), add/delete/move, drag and drop, keys."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtWidgets import QMessageBox

from declapp.gui.indicators.model import IndicatorModel
from declapp.storage.fileformat import dumps


def group_labels(model: IndicatorModel) -> list[str]:
    return [model.index(r, 0).data() for r in range(model.rowCount())]


def node_index(model: IndicatorModel, *rows: int) -> QModelIndex:
    index = QModelIndex()
    for row in rows:
        index = model.index(row, 0, index)
    return index


def test_model_over_the_real_form_passes_the_model_tester(qtmodeltester, make_window,
                                                          example_draft):
    window = make_window(example_draft)
    model = window.indicators_tab.model
    qtmodeltester.check(model, force_py=True)
    assert group_labels(model) == [
        "产出指标一（城市管理和环境建设）", "产出指标二（民生服务和保障）",
        "产出指标三（社区建设）", "产出指标四（综治维稳）",
        "产出指标五（事业发展及街道自身建设）", "效果指标"]
    assert model.headerData(0, Qt.Orientation.Horizontal) == "指标"
    assert model.headerData(1, Qt.Orientation.Horizontal) == "指标值"


def test_tree_edits_with_the_tester_attached_and_all_undoable(qtmodeltester, make_window,
                                                              example_draft, monkeypatch):
    window = make_window(example_draft)
    model, tab, actions = window.indicators_tab.model, window.indicators_tab, window.menu_actions
    qtmodeltester.check(model, force_py=True)  # stays connected and re-checks every change
    before = dumps(window.doc.draft)
    asked: list[str] = []  # a category with items is deleted once the clerk says so
    monkeypatch.setattr(QMessageBox, "question",
                        lambda parent, title, text, *a: asked.append(text)
                        or QMessageBox.StandardButton.Yes)
    groups = model.rowCount()

    # Add an output group after the first: the later ones renumber live.
    window.navigate_to("indicators[0]")
    actions["actionAddGroup"].trigger()
    assert model.rowCount() == groups + 1
    assert group_labels(model)[1] == "产出指标二"
    assert group_labels(model)[2] == "产出指标三（民生服务和保障）"
    assert tab.selected_path() == (1,)
    assert [c.name for c in window.doc.draft.indicators[1].categories] == [
        "产出数量指标", "产出质量指标", "产出进度指标", "产出成本指标"]

    # Add a category: the first standard name the group lacks, in an editable list.
    window.navigate_to("indicators[0].categories[3]")
    actions["actionDeleteNode"].trigger()  # the group now lacks 产出成本指标
    assert len(window.doc.draft.indicators[0].categories) == 3
    window.navigate_to("indicators[0].categories[2]")
    actions["actionAddCategory"].trigger()
    assert window.doc.draft.indicators[0].categories[3].name == "产出成本指标"
    combo = tab.detail.category_combo
    assert combo.isEditable()
    assert [combo.itemText(i) for i in range(combo.count())] == [
        "产出数量指标", "产出质量指标", "产出进度指标", "产出成本指标"]

    # Add an item; move another down twice and up once; delete a category with its items.
    actions["actionAddItem"].trigger()
    cat = window.doc.draft.indicators[0].categories[3]
    assert len(cat.items) == 1
    window.navigate_to("indicators[0].categories[1].items[0]")
    first = window.doc.draft.indicators[0].categories[1].items[0]
    actions["actionMoveDown"].trigger()
    actions["actionMoveDown"].trigger()
    assert window.doc.draft.indicators[0].categories[1].items[2] is first
    assert tab.selected_path() == (0, 1, 2)
    actions["actionMoveUp"].trigger()
    assert window.doc.draft.indicators[0].categories[1].items[1] is first
    window.navigate_to("indicators[0].categories[1]")
    removed = window.doc.draft.indicators[0].categories[1]
    asked.clear()
    actions["actionDeleteNode"].trigger()  # it holds items: asked first, as a group is
    assert removed not in window.doc.draft.indicators[0].categories
    assert len(asked) == 1 and "“产出质量指标”" in asked[0] and "具体指标会一起删除" in asked[0]

    while window.doc.stack.canUndo():
        window.undo_action.trigger()
    assert dumps(window.doc.draft) == before
    while window.doc.stack.canRedo():
        window.redo_action.trigger()
    assert window.doc.draft.indicators[0].categories[1] is not removed
    while window.doc.stack.canUndo():
        window.undo_action.trigger()
    assert window.doc.draft.indicators[0].categories[1] is removed


def test_effect_group_cannot_be_deleted_and_add_group_makes_outputs(make_window):
    window = make_window()
    actions = window.menu_actions
    assert window.navigate_to("indicators[1]")  # 效果指标 of a new draft
    assert not actions["actionDeleteNode"].isEnabled()
    actions["actionDeleteNode"].trigger()
    assert window.indicators_tab.model.rowCount() == 2
    actions["actionAddGroup"].trigger()
    kinds = [g.kind for g in window.doc.draft.indicators]
    assert kinds == ["output", "output", "effect"]  # never a second effect group
    assert group_labels(window.indicators_tab.model) == ["产出指标一", "产出指标二", "效果指标"]
    assert window.navigate_to("indicators[0]")
    assert actions["actionDeleteNode"].isEnabled()


def test_drag_and_drop_moves_within_a_level_only(qtmodeltester, make_window, example_draft):
    window = make_window(example_draft)
    model = window.indicators_tab.model
    qtmodeltester.check(model, force_py=True)
    draft = window.doc.draft
    item = draft.indicators[0].categories[1].items[0]

    # An item dropped between the items of another category (of another group) moves there.
    data = model.mimeData([node_index(model, 0, 1, 0)])
    target = node_index(model, 1, 0)
    assert model.canDropMimeData(data, Qt.DropAction.MoveAction, 2, 0, target)
    model.dropMimeData(data, Qt.DropAction.MoveAction, 2, 0, target)
    assert draft.indicators[1].categories[0].items[2] is item
    assert item not in draft.indicators[0].categories[1].items

    # An item cannot become a category or a group.
    data = model.mimeData([node_index(model, 1, 0, 2)])
    assert not model.canDropMimeData(data, Qt.DropAction.MoveAction, 0, 0, node_index(model, 0))
    assert not model.canDropMimeData(data, Qt.DropAction.MoveAction, 0, 0, QModelIndex())
    assert not model.dropMimeData(data, Qt.DropAction.MoveAction, 0, 0, QModelIndex())

    # Groups reorder at the top; the output labels renumber.
    data = model.mimeData([node_index(model, 1)])
    model.dropMimeData(data, Qt.DropAction.MoveAction, 0, 0, QModelIndex())
    assert group_labels(model)[:2] == ["产出指标一（民生服务和保障）",
                                       "产出指标二（城市管理和环境建设）"]

    # A category dropped at the end of its own group.
    cat = draft.indicators[0].categories[0]
    data = model.mimeData([node_index(model, 0, 0)])
    model.dropMimeData(data, Qt.DropAction.MoveAction, -1, 0, node_index(model, 0))
    assert draft.indicators[0].categories[-1] is cat

    assert window.doc.stack.count() == 3
    while window.doc.stack.canUndo():
        window.undo_action.trigger()
    assert draft.indicators[0].categories[1].items[0] is item
    assert group_labels(model)[0] == "产出指标一（城市管理和环境建设）"


def on_the_tree_tab(qtbot, window, location: str):
    """The window active (shortcuts only reach the active window; earlier tests may have
    left another active), the 绩效指标 tab shown, the node at *location* selected."""
    window.raise_()
    window.activateWindow()
    window.windowHandle().requestActivate()
    qtbot.waitUntil(window.isActiveWindow, timeout=2000)
    tab = window.indicators_tab
    window.tab_widget.setCurrentWidget(tab)
    window.navigate_to(location)
    return tab


def test_keyboard_on_the_tree(qtbot, make_window):
    window = make_window()
    tab = on_the_tree_tab(qtbot, window, "indicators[0].categories[0]")
    tree = tab.tree
    tree.setFocus()
    qtbot.keyClick(tree, Qt.Key.Key_Insert)
    assert len(window.doc.draft.indicators[0].categories[0].items) == 1
    assert tab.detail.content.hasFocus()  # ready to type the new item
    tree.setFocus()
    qtbot.keyClick(tree, Qt.Key.Key_Insert)
    assert tab.selected_path() == (0, 0, 1)
    items = window.doc.draft.indicators[0].categories[0].items
    second = items[1]
    tree.setFocus()
    qtbot.keyClick(tree, Qt.Key.Key_Up, Qt.KeyboardModifier.ControlModifier)
    assert tab.selected_path() == (0, 0, 0)
    assert items[0] is second
    qtbot.keyClick(tree, Qt.Key.Key_Delete)
    assert items == [items[0]] and items[0] is not second
    qtbot.keyClick(tree, Qt.Key.Key_F2)
    assert tab.detail.content.hasFocus()
    # Delete in a text field deletes text, never the node.
    tab.detail.content.setPlainText("")
    qtbot.keyClick(tab.detail.content, Qt.Key.Key_Delete)
    assert len(window.doc.draft.indicators[0].categories[0].items) == 1


def test_detail_pane_edits_the_selected_node(qtbot, make_window, example_draft):
    from .clerk_input import type_text

    window = make_window(example_draft)
    tab = window.indicators_tab
    window.navigate_to("indicators[0].categories[0].items[0].value")
    assert window.focusWidget() is tab.detail.value
    type_text(qtbot, tab.detail.value, "≥98%")
    item = window.doc.draft.indicators[0].categories[0].items[0]
    assert item.value == "≥98%"
    assert window.indicators_tab.model.index(0, 1, node_index(window.indicators_tab.model, 0, 0)).data() == "≥98%"
    window.navigate_to("indicators[0].name")
    type_text(qtbot, tab.detail.group_name, "与环境")
    assert group_labels(window.indicators_tab.model)[0] == "产出指标一（城市管理和环境建设与环境）"
    assert tab.detail.group_title.text().endswith("城市管理和环境建设与环境）")
    window.undo_action.trigger()
    assert tab.detail.group_name.text() == "城市管理和环境建设"
    window.undo_action.trigger()
    assert item.value == ""
    assert tab.selected_path() == (0, 0, 0)
    assert tab.detail.value.text() == ""


def test_effect_group_stays_last_for_the_buttons_and_for_a_drag(make_window, example_draft):
    window = make_window(example_draft)
    actions, model = window.menu_actions, window.indicators_tab.model
    last_output = len(example_draft.indicators) - 2
    assert window.navigate_to(f"indicators[{last_output + 1}]")  # 效果指标
    assert not actions["actionMoveUp"].isEnabled() and not actions["actionMoveDown"].isEnabled()
    assert window.navigate_to(f"indicators[{last_output}]")
    assert not actions["actionMoveDown"].isEnabled() and actions["actionMoveUp"].isEnabled()
    actions["actionMoveDown"].trigger()
    data = model.mimeData([node_index(model, 0)])
    assert not model.canDropMimeData(data, Qt.DropAction.MoveAction, -1, 0, QModelIndex())
    assert not model.dropMimeData(data, Qt.DropAction.MoveAction, -1, 0, QModelIndex())
    assert [g.kind for g in window.doc.draft.indicators][-1] == "effect"
    assert window.doc.stack.count() == 0


def test_ctrl_up_that_cannot_move_changes_nothing(qtbot, make_window, example_draft):
    window = make_window(example_draft)
    tab = on_the_tree_tab(qtbot, window, "indicators[0].categories[1].items[0]")
    tab.tree.setFocus()
    before = dumps(window.doc.draft)
    for _ in range(2):  # the first once selected the category, the second moved it
        qtbot.keyClick(tab.tree, Qt.Key.Key_Up, Qt.KeyboardModifier.ControlModifier)
        assert tab.selected_path() == (0, 1, 0)
    assert dumps(window.doc.draft) == before and window.doc.stack.count() == 0


def test_deleting_a_group_asks_only_when_it_holds_items_and_says_it_can_be_undone(
        make_window, example_draft, monkeypatch):
    from PySide6.QtWidgets import QMessageBox

    window = make_window(example_draft)
    asked: list[str] = []
    answer = [QMessageBox.StandardButton.Cancel]
    monkeypatch.setattr(QMessageBox, "question",
                        lambda parent, title, text, *a: asked.append(text) or answer[0])
    groups = len(window.doc.draft.indicators)
    window.navigate_to("indicators[0]")
    window.menu_actions["actionDeleteNode"].trigger()
    assert len(asked) == 1 and "产出指标一（城市管理和环境建设）" in asked[0] and "撤销" in asked[0]
    assert len(window.doc.draft.indicators) == groups  # cancelled: nothing deleted
    answer[0] = QMessageBox.StandardButton.Yes
    window.menu_actions["actionDeleteNode"].trigger()
    assert len(window.doc.draft.indicators) == groups - 1
    note = window.statusBar().currentMessage()
    assert "产出指标一（城市管理和环境建设）" in note and "可撤销（Ctrl+Z）" in note
    window.menu_actions["actionAddGroup"].trigger()  # a new group holds no items
    asked.clear()
    window.menu_actions["actionDeleteNode"].trigger()
    assert asked == [] and len(window.doc.draft.indicators) == groups - 1
    window.undo_action.trigger()
    window.undo_action.trigger()
    window.undo_action.trigger()
    assert window.doc.draft.indicators[0].name == "城市管理和环境建设"


def test_new_item_lists_keep_the_model_consistent_and_leave_untouched_rows(
        qtmodeltester, make_window, example_draft):
    from declapp.form.model import Item
    from declapp.gui.indicators.drops import library_mime
    from declapp.indicators.proposals import Proposal, propose_draft

    window = make_window(example_draft)
    model, tab = window.indicators_tab.model, window.indicators_tab
    qtmodeltester.check(model, force_py=True)  # re-checks on every change below
    before = dumps(window.doc.draft)
    kept = model.node(node_index(model, 0, 1, 1))  # between two items that are replaced
    proposals = [p for p in propose_draft(window.doc.draft) if isinstance(p, Proposal)]
    assert tab.apply_proposals(proposals)
    assert model.node(node_index(model, 0, 1, 1)) is kept  # the same row, not rebuilt
    assert model.rowCount(node_index(model, 2, 1)) == 2  # one item split in two
    assert model.index(1, 1, node_index(model, 2, 1)).data() == "≥27%"
    window.navigate_to("indicators[0].categories[1].items[3]")
    assert tab.to_free_text()
    data = library_mime(Item(name="群众满意度", op="≥", value="95", unit="%"), "服务对象满意度指标")
    model.dropMimeData(data, Qt.DropAction.CopyAction, -1, 0, node_index(model, 5))
    assert model.index(1, 0, node_index(model, 5, 4)).data() == "群众满意度"
    while window.doc.stack.canUndo():
        window.undo_action.trigger()
    assert dumps(window.doc.draft) == before
    while window.doc.stack.canRedo():
        window.redo_action.trigger()
    assert model.rowCount(node_index(model, 5, 4)) == 2


def _matches_draft(model, draft) -> bool:
    """Every row of the model wraps the very object the draft holds there."""
    for g, group in enumerate(draft.indicators):
        for c, category in enumerate(group.categories):
            node = model.node_at((g, c))
            if len(node.children) != len(category.items) or any(
                    n.obj is not item or n.row != i
                    for i, (n, item) in enumerate(zip(node.children, category.items,
                                                      strict=True))):
                return False
    return True


def test_random_new_item_lists_and_their_undo_keep_model_and_draft_alike(qtmodeltester,
                                                                         make_window):
    from hypothesis import HealthCheck, given, settings
    from hypothesis import strategies as st

    from declapp import editing
    from declapp.form.model import Item
    from declapp.form.templates import new_draft

    window = make_window(new_draft("xicheng-2021", 2022))
    model, doc = window.indicators_tab.model, window.doc
    qtmodeltester.check(model, force_py=True)
    fates = st.lists(st.sampled_from(["keep", "keep", "drop", "split", "new"]), max_size=8)

    @settings(max_examples=40, deadline=None, suppress_health_check=list(HealthCheck))
    @given(st.lists(st.tuples(st.integers(0, 3), fates), min_size=1, max_size=3,
                    unique_by=lambda t: t[0]))
    def session(changes):
        lists = []
        for c, plan in changes:
            old = doc.draft.indicators[0].categories[c].items
            new: list[Item] = []
            for k, fate in enumerate(plan):
                item = old[k] if k < len(old) else None
                if fate == "keep" and item is not None:
                    new.append(item)
                elif fate == "split":
                    new += [Item(name=f"拆{k}甲"), Item(name=f"拆{k}乙")]
                elif fate == "new" or item is None:
                    new.append(Item(f"新{k}"))
            lists.append(((0, c), tuple(new)))
        doc.edit(editing.ReplaceItems(tuple(lists)))
        assert _matches_draft(model, doc.draft)
        doc.stack.undo()
        assert _matches_draft(model, doc.draft)
        doc.stack.redo()
        assert _matches_draft(model, doc.draft)

    session()


def test_a_category_with_items_is_deleted_only_when_the_clerk_says_so(make_window,
                                                                      example_draft,
                                                                      monkeypatch):
    window = make_window(example_draft)
    asked: list[str] = []
    answer = [QMessageBox.StandardButton.Cancel]
    monkeypatch.setattr(QMessageBox, "question",
                        lambda parent, title, text, *a: asked.append(text) or answer[0])
    categories = window.doc.draft.indicators[0].categories
    count, items = len(categories), len(categories[0].items)
    window.navigate_to("indicators[0].categories[0]")
    window.menu_actions["actionDeleteNode"].trigger()
    assert len(asked) == 1 and f"其中的 {items} 项具体指标会一起删除" in asked[0]
    assert len(categories) == count  # cancelled: nothing deleted
    answer[0] = QMessageBox.StandardButton.Yes
    window.menu_actions["actionDeleteNode"].trigger()
    assert len(categories) == count - 1
    # An item, or a category without items, goes without a question (Ctrl+Z brings it back).
    asked.clear()
    window.navigate_to("indicators[0].categories[0].items[0]")
    window.menu_actions["actionDeleteNode"].trigger()
    window.menu_actions["actionAddCategory"].trigger()
    window.tab_widget.setCurrentWidget(window.indicators_tab)
    window.indicators_tab.tree.setFocus()
    window.menu_actions["actionDeleteNode"].trigger()
    assert asked == []


def test_esc_in_the_item_editor_goes_back_to_the_tree(qtbot, make_window, example_draft):
    window = make_window(example_draft)
    tab = on_the_tree_tab(qtbot, window, "indicators[0].categories[0].items[0].content")
    editor = tab.detail.content
    assert editor.hasFocus()
    qtbot.keyClick(editor, Qt.Key.Key_Escape)
    assert tab.tree.hasFocus()
    assert tab.selected_path() == (0, 0, 0)  # on the item it was editing
    # Structured fields and the category's name alike.
    example_draft.indicators[0].categories[0].items[0].name = "整治"
    window.navigate_to("indicators[0].categories[0].items[0].name")
    assert tab.detail.items.name.hasFocus()
    qtbot.keyClick(tab.detail.items.name, Qt.Key.Key_Escape)
    assert tab.tree.hasFocus()
    window.navigate_to("indicators[0].categories[0].name")
    qtbot.keyClick(window.focusWidget(), Qt.Key.Key_Escape)
    assert tab.tree.hasFocus() and tab.selected_path() == (0, 0)
