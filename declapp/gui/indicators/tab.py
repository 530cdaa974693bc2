"""绩效指标: the indicator tree, its actions (add, delete, move, drag) and the detail pane."""

from __future__ import annotations

import re

from PySide6.QtCore import QEvent, QItemSelectionModel, QModelIndex, QObject, Qt, Signal
from PySide6.QtGui import QAction, QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QHeaderView,
    QPushButton,
    QSplitter,
    QToolButton,
    QTreeView,
    QWidget,
)

from declapp import editing
from declapp.form import locations
from declapp.form.model import MAIN_TREE, Category, Group, Item
from declapp.gui.dialogs import messages
from declapp.gui.document.document import Document
from declapp.gui.indicators.detail import NodeDetail
from declapp.gui.indicators.model import IndicatorModel
from declapp.gui.indicators.nodes import CATEGORY, GROUP, Path
from declapp.gui.widgets.uiload import TAB_MARGINS, child, embed_ui
from declapp.indicators.proposals import (
    NoProposal,
    Proposal,
    StaleProposal,
    free_text_of,
    propose_category,
    propose_draft,
    propose_item,
    replaced_items,
)
from declapp.indicators.wording import value_text

_PLACEHOLDERS = re.compile(r"[（(：:]?\{name\}[）)]?|\{number\}")
# Action object names in main_window.ui and the buttons above the tree that show them.
TREE_ACTIONS = {
    "actionAddGroup": "addGroupButton", "actionAddCategory": "addCategoryButton",
    "actionAddItem": "addItemButton", "actionDeleteNode": "deleteButton",
    "actionMoveUp": "upButton", "actionMoveDown": "downButton", "actionEditNode": "",
    "actionStructure": "", "actionStructureAll": "",
}


class _MoveKeys(QObject):
    """Ctrl+↑/↓ in the tree are moves, or nothing.

    The move actions own these keys while they are enabled. Where a move cannot happen
    they are disabled, and the key would reach QTreeView, which moves the selection: a
    second Ctrl+↑ on the first item of a category then moved the whole category."""

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.KeyPress and isinstance(event, QKeyEvent) \
                and event.modifiers() & Qt.KeyboardModifier.ControlModifier \
                and event.key() in (Qt.Key.Key_Up, Qt.Key.Key_Down):
            return True
        return False


class IndicatorsTab(QWidget):
    noteRequested = Signal(str)  # a line for the status bar

    def __init__(self, doc: Document, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.doc = doc
        self.model = IndicatorModel(doc, self)
        self.form_widget = embed_ui(self, "indicators_tab.ui", TAB_MARGINS)
        # A form with more than one indicator table (项目: 年度 and 中期) chooses here.
        self.tree_choice = QComboBox(self)
        self.tree_choice.setObjectName("treeChoice")
        self.tree_choice.activated.connect(
            lambda i: self.show_tree(self.tree_choice.itemData(i)))
        outer = self.layout()
        if outer is not None:
            outer.setMenuBar(self.tree_choice)
        self.tree: QTreeView = child(self.form_widget, QTreeView, "tree")
        self.tree.setModel(self.model)
        self.tree.setDragDropMode(QAbstractItemView.DragDropMode.DragDrop)
        self.tree.setDropIndicatorShown(True)
        header = self.tree.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Interactive)
        header.resizeSection(1, 150)
        splitter = child(self.form_widget, QSplitter, "splitter")
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        splitter.setSizes([640, 440])
        self.detail = NodeDetail(self.form_widget, self.model)
        self.tree_actions: dict[str, QAction] = {}
        self._move_keys = _MoveKeys(self)
        self.tree.installEventFilter(self._move_keys)

        self.tree.selectionModel().currentChanged.connect(self._current_changed)
        doc.focusRequested.connect(self._focus_requested)
        doc.draftReplaced.connect(self._fill_tree_choice)
        self.model.dropRequested.connect(self._dropped)
        self.detail.items.structureRequested.connect(self.structure_selected)
        self.detail.items.freeTextRequested.connect(self.to_free_text)
        self.detail.items.columns.adjustRequested.connect(self.ask_adjusted_value)
        for name in ("structureGroupButton", "structureCategoryButton"):
            child(self.form_widget, QPushButton, name).clicked.connect(self.structure_selected)
        self.model.dataChanged.connect(self.update_actions)  # an item gains or loses a name
        self.model.modelReset.connect(self._after_reset)
        self.model.rowsInserted.connect(self._rows_inserted)
        for signal in (self.model.rowsRemoved, self.model.rowsMoved, self.model.modelReset):
            signal.connect(self.update_actions)
        self._fill_tree_choice()
        self._after_reset()

    # --- which tree ------------------------------------------------------------------
    @property
    def tree_id(self) -> str:
        return self.model.tree

    def _fill_tree_choice(self) -> None:
        trees = self.doc.form.trees()
        self.tree_choice.clear()
        for part in trees:
            self.tree_choice.addItem(part.label or part.tab or part.id, part.id)
        self.tree_choice.setVisible(len(trees) > 1)
        if self.tree_id not in {t.id for t in trees}:
            self.show_tree(trees[0].id)
        else:
            self.tree_choice.setCurrentIndex(self.tree_choice.findData(self.tree_id))
        self._name_add_group()

    def _name_add_group(self) -> None:
        """添加产出指标组 says what it adds on this form (some forms add none)."""
        action = self.tree_actions.get("actionAddGroup")
        if action is None:
            return
        kind = editing.repeating_kind(self.doc.form, self.tree_id)
        name = _PLACEHOLDERS.sub("", kind.label).strip() if kind else "一级指标"
        action.setText(f"添加{name}组" if kind else "添加一级指标")
        action.setToolTip(f"在一级指标中添加一个{name}组" if kind else
                          "这份表格的一级指标是固定的，不能添加")

    def show_tree(self, tree: str) -> None:
        """Edit the indicator table *tree* of the form."""
        if tree != self.tree_id:
            self.model.set_tree(tree)
        index = self.tree_choice.findData(tree)
        if index >= 0:
            self.tree_choice.setCurrentIndex(index)

    def _focus_requested(self, target: object) -> None:
        if not (isinstance(target, tuple) and len(target) == 2):
            return
        tree, path = target
        if tree != self.tree_id:
            self.show_tree(tree)
        self.select_path(path)

    # --- actions ---------------------------------------------------------------------
    def attach_actions(self, actions: dict[str, QAction]) -> None:
        """Wire the 指标 menu's actions (from main_window.ui) to this tab."""
        handlers = {
            "actionAddGroup": self.add_group, "actionAddCategory": self.add_category,
            "actionAddItem": self.add_item, "actionDeleteNode": self.delete_current,
            "actionMoveUp": lambda: self.move_current(-1),
            "actionMoveDown": lambda: self.move_current(1),
            "actionEditNode": self.edit_current,
            "actionStructure": self.structure_selected,
            "actionStructureAll": self.structure_all,
        }
        for name, button_name in TREE_ACTIONS.items():
            action = actions[name]
            self.tree_actions[name] = action
            action.triggered.connect(handlers[name])
            # Insert, Delete, Ctrl+↑/↓ and F2 belong to the tree, not to the text fields.
            action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            self.tree.addAction(action)
            if button_name:
                button = child(self.form_widget, QToolButton, button_name)
                button.setDefaultAction(action)
                button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self._name_add_group()
        self.update_actions()

    def update_actions(self, *_args: object) -> None:
        if not self.tree_actions:
            return
        path = self.selected_path()
        draft, form, tree = self.doc.draft, self.doc.form, self.tree_id
        flat = self.model.part.levels == 1
        enable = {
            "actionAddGroup": editing.repeating_kind(form, tree) is not None,
            "actionAddCategory": path is not None and not flat,
            "actionAddItem": (add := self._where_to_add()) is not None and
            editing.add_item(draft, add, tree) is not None,
            "actionDeleteNode": editing.can_delete(draft, form, path, tree),
            "actionMoveUp": editing.move(draft, form, path, -1, tree) is not None,
            "actionMoveDown": editing.move(draft, form, path, 1, tree) is not None,
            "actionEditNode": path is not None,
            # 转为结构化 proposes for the form's first table (a project's 中期 table is
            # typed structured from the start).
            "actionStructure": path is not None and self._has_free_text()
            and tree == MAIN_TREE,
            "actionStructureAll": tree == MAIN_TREE,
        }
        if self.model.part.locked:  # a later stage: the declared indicators, as they are
            enable = {name: name == "actionEditNode" and on for name, on in enable.items()}
        for name, on in enable.items():
            self.tree_actions[name].setEnabled(on)
        self.detail.items.structure_button.setEnabled(not self.model.part.locked)

    def selected_path(self) -> Path | None:
        index = self.tree.currentIndex()
        if not index.isValid():
            return None
        return self.model.path_of(self.model.node(index))

    def _where_to_add(self) -> Path | None:
        """Where 添加具体指标 adds: after the selected node, or in a flat list (重庆) with
        nothing selected, at the end of the list."""
        path = self.selected_path()
        if path is None and self.model.root is not self.model.top:
            return self.model.path_of(self.model.root)
        return path

    def add_group(self) -> None:
        doc = self.doc
        if doc.edit(editing.add_group(doc.draft, doc.form, self.selected_path(), self.tree_id)):
            self.edit_current()

    def add_category(self) -> None:
        path = self.selected_path()
        if path is not None and self.doc.edit(
                editing.add_category(self.doc.draft, self.doc.form, path, self.tree_id)):
            self.edit_current()

    def add_item(self) -> None:
        path = self._where_to_add()
        if path is not None and self.doc.edit(editing.add_item(self.doc.draft, path,
                                                               self.tree_id)):
            self.edit_current()

    def delete_current(self) -> None:
        """Delete the selected node with everything under it; a group or category that
        holds items is deleted only once the clerk says so. Either way it can be undone."""
        path = self.selected_path()
        if path is None or not editing.can_delete(self.doc.draft, self.doc.form, path,
                                                  self.tree_id):
            return
        what = self._describe(path)
        items = _item_count(editing.node_at(self.doc.draft, path, self.tree_id))
        # A group or a category with items goes only once the clerk says so; one item
        # is in plain sight and comes back with Ctrl+Z.
        if len(path) < 3 and items and not messages.confirm_delete(self, what, items):
            return
        self.doc.edit(editing.RemoveNode(path, self.tree_id))
        self.tree.setFocus()
        self.noteRequested.emit(f"已删除{what}。可撤销（Ctrl+Z）。")

    def _describe(self, path: Path) -> str:
        """“产出指标一（…）”及其 4 个二级指标、12 项具体指标 — what a delete takes away."""
        node = editing.node_at(self.doc.draft, path, self.tree_id)
        if isinstance(node, Group):
            label = self.model.group_label(path[0])
            parts = [f"{len(node.categories)} 个二级指标"] if node.categories else []
        elif isinstance(node, Category):
            label = node.name.strip() or "未命名的二级指标"
            parts = []
        else:
            return f"第 {path[2] + 1} 项具体指标"
        items = _item_count(node)
        parts += [f"{items} 项具体指标"] if items else []
        return f"“{label}”" + (f"及其 {'、'.join(parts)}" if parts else "")

    def move_current(self, step: int) -> None:
        """Ctrl+↑/↓: a move that cannot happen does nothing, not even a change of
        selection (the first item of a category stays where it is)."""
        path = self.selected_path()
        if self.doc.edit(editing.move(self.doc.draft, self.doc.form, path, step,
                                      self.tree_id)):
            self.tree.setFocus()

    # --- 转为结构化 and back --------------------------------------------------------------
    def _has_free_text(self) -> bool:
        # Read through the model: while it catches up with a change (rows signals call
        # this), a path of the model may name another node, or none, in the draft.
        node = self.model.node(self.tree.currentIndex()).obj
        if isinstance(node, Item):
            return not node.is_structured and not node.is_blank
        return True  # a group or category: the review says if there is nothing to do

    def structure_selected(self) -> None:
        """转为结构化 for the selected item, category or group: the review of the proposals.
        A single item that cannot be split shows the structured fields to fill by hand."""
        path = self.selected_path()
        if path is None:
            self.noteRequested.emit("请先在左侧选择要转为结构化的指标。")
            return
        draft = self.doc.draft
        if len(path) == 3:
            result = propose_item(draft.indicators[path[0]].categories[path[1]].items[path[2]],
                                  locations.node(path))
            if isinstance(result, NoProposal):
                self._not_split(path, result)
                return
            results: list[Proposal | NoProposal] = [result]
        elif len(path) == 2:
            results = propose_category(draft, *path)
        else:
            results = [r for c in range(len(draft.indicators[path[0]].categories))
                       for r in propose_category(draft, path[0], c)]
        self.review(results)

    def _not_split(self, path: Path, result: NoProposal) -> None:
        item = result.old
        if item.is_structured or item.is_blank:
            self.noteRequested.emit(result.reason)
            return
        self.select_path(path)
        self.detail.items.force_structured(
            f"未能自动拆分：{result.reason}原文保留在“指标内容”中，请填写三级指标名称、"
            "计算符号、指标值和计量单位，再删去指标内容中已拆出的部分。")

    def structure_all(self) -> None:
        self.review(propose_draft(self.doc.draft))

    def review(self, results: list[Proposal | NoProposal]) -> bool:
        """Show *results* for the clerk to check and change; apply what is ticked as one
        undo step. False when nothing was applied."""
        if not results:
            self.noteRequested.emit("所选范围内没有自由文本指标，无需转换。")
            return False
        from declapp.gui.dialogs.proposals import ProposalsDialog  # not at start-up

        dialog = ProposalsDialog(results, self.doc.draft, self.doc.form, self)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return False
        return self.apply_proposals(dialog.accepted_proposals())

    def apply_proposals(self, accepted: list[Proposal]) -> bool:
        if not accepted:
            return False
        try:
            lists = replaced_items(self.doc.draft, accepted)
        except StaleProposal as exc:
            messages.show_error(self, "转为结构化", exc.message)
            return False
        op = editing.ReplaceItems(tuple((path, tuple(items))
                                        for path, items in sorted(lists.items())))
        self.doc.edit(op, text=f"转为结构化（{len(accepted)} 项）")
        self.tree.setFocus()
        self.noteRequested.emit(f"已把 {len(accepted)} 项自由文本指标转为结构化指标。"
                                "可撤销（Ctrl+Z）。")
        return True

    def to_free_text(self) -> bool:
        """自由文本 for the selected item: it prints as before, one undo step."""
        path = self.selected_path()
        if path is None or len(path) != 3:
            return False
        category = editing.node_at(self.doc.draft, path[:2], self.tree_id)
        assert isinstance(category, Category)
        item = category.items[path[2]]
        from declapp.gui.dialogs.proposals import confirm_free_text

        if not confirm_free_text(self, item):
            return False
        new = [free_text_of(i) if row == path[2] else i for row, i in enumerate(category.items)]
        self.doc.edit(editing.ReplaceItems(((path[:2], tuple(new)),), self.tree_id),
                      text="转为自由文本")
        self.noteRequested.emit("已转为自由文本指标，打印的文字不变。可撤销（Ctrl+Z）。")
        return True

    def ask_adjusted_value(self, key: str) -> bool:
        """调整指标值…: the adjusted target, asked for; the declared one is kept (年初)."""
        from PySide6.QtWidgets import QInputDialog

        path = self.selected_path()
        if path is None or len(path) != 3:
            return False
        item = editing.node_at(self.doc.draft, path, self.tree_id)
        assert isinstance(item, Item)
        declared = value_text(item) or item.value
        text, ok = QInputDialog.getText(
            self, "调整指标值", f"年初指标值：{declared}\n调整后指标值（只填数字或文字，"
            "单位不变；清空即取消调整）：", text=item.extra.get(key, ""))
        return ok and self.adjust_value(key, text)

    def adjust_value(self, key: str, text: str) -> bool:
        """Set the selected item's adjusted target (one undo step); "" takes it back."""
        path = self.selected_path()
        if path is None or len(path) != 3:
            return False
        location = locations.item(*path, attr=key, tree=self.tree_id)
        done = self.doc.edit(editing.SetValue(location, text.strip()),
                             text="调整指标值" if text.strip() else "取消调整指标值")
        if done:
            self.noteRequested.emit("已调整指标值：年初的指标值保留，表上两者都打印。"
                                    "可撤销（Ctrl+Z）。" if text.strip() else "已取消调整。")
        return done

    def insert_copy(self, item: Item, category: str) -> bool:
        """Insert *item* (a copy from the 指标库) into the selected category, after the
        selected item, or into the category of its name: one undo step."""
        op = editing.insert_copy(self.doc.draft, self.selected_path(), item, category,
                                 self.tree_id)
        if op is None:
            self.noteRequested.emit(f"表中没有“{category or '同名的二级指标'}”：请先在左侧选择"
                                    "要放入的二级指标，再插入。")
            return False
        twin = editing.duplicate_row(self.doc.draft, op)
        if twin is not None:
            target = editing.node_at(self.doc.draft, op.parent, self.tree_id)
            name = target.name.strip() if isinstance(target, Category) else ""
            if not messages.confirm_duplicate(self, name or "二级指标", twin + 1):
                return False
        self.doc.edit(op, text="从指标库添加具体指标")
        self.noteRequested.emit(f"已从指标库添加“{item.name or item.content[:20]}”。"
                                "可撤销（Ctrl+Z）。")
        return True

    def _dropped(self, op: editing.MoveNode | editing.InsertNode) -> None:
        text = "从指标库添加具体指标" if isinstance(op, editing.InsertNode) else ""
        if self.doc.edit(op, text=text):
            # The new (or moved) node is selected: the keys go on from there, not from
            # the panel the drag came from.
            self.tree.setFocus()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        """Esc in the pane beside the tree goes back to the tree (a text field leaves
        the key to its parents)."""
        if event.key() == Qt.Key.Key_Escape and event.modifiers() in (
                Qt.KeyboardModifier.NoModifier, Qt.KeyboardModifier.KeypadModifier) \
                and (focused := self.focusWidget()) is not None \
                and self.detail.stack.isAncestorOf(focused):
            self.tree.setFocus()
            return
        super().keyPressEvent(event)

    def edit_current(self) -> None:
        if not self.detail.focus_editor():
            self.tree.setFocus()

    # --- selection -------------------------------------------------------------------
    def select_path(self, path: Path | None) -> None:
        if not path or not self.model.has_path(path):
            self.tree.setCurrentIndex(QModelIndex())
            self.detail.show_node(None)
            self.update_actions()
            return
        index = self.model.index_of(path)
        self.tree.expand(index.parent())
        self.tree.selectionModel().setCurrentIndex(
            index, QItemSelectionModel.SelectionFlag.ClearAndSelect
            | QItemSelectionModel.SelectionFlag.Rows)
        self.tree.scrollTo(index)

    def _current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        self.detail.show_node(self.model.node(current) if current.isValid() else None)
        self.update_actions()

    def _after_reset(self) -> None:
        # Groups and categories open. Not expandAll(): it records every leaf item as
        # "expanded" too, 1,000 persistent indexes that each insert and delete must update.
        self.tree.expandToDepth(1)
        self.detail.show_node(None)
        self.update_actions()

    def _rows_inserted(self, parent: QModelIndex, first: int, last: int) -> None:
        self.tree.expand(parent)
        for row in range(first, last + 1):
            index = self.model.index(row, 0, parent)
            level = self.model.node(index).level
            if level == GROUP:
                self.tree.expandRecursively(index, 1)  # the group and its categories
            elif level == CATEGORY:
                self.tree.expand(index)
        self.update_actions()

    def navigate(self, path: Path, attr: str = "") -> bool:
        """Select the node at *path*; with *attr*, focus its editor too."""
        if not self.model.has_path(path):
            return False
        self.select_path(path)
        if attr:
            self.detail.focus_editor(attr)
        else:
            self.tree.setFocus()
        return True


def _item_count(node: editing.Node) -> int:
    if isinstance(node, Group):
        return sum(len(c.items) for c in node.categories)
    if isinstance(node, Category):
        return len(node.items)
    return 0
