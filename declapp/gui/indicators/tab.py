"""绩效指标: the indicator tree, its actions (add, delete, move, drag) and the detail pane."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QItemSelectionModel, QModelIndex, QObject, Qt, Signal
from PySide6.QtGui import QAction, QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QSplitter,
    QToolButton,
    QTreeView,
    QWidget,
)

from declapp import editing
from declapp.gui.dialogs import messages
from declapp.gui.document.document import Document
from declapp.gui.indicators.detail import NodeDetail
from declapp.gui.indicators.model import CATEGORY, GROUP, IndicatorModel, Path
from declapp.gui.widgets.uiload import TAB_MARGINS, child, embed_ui
from declapp.model import Category, Group

# Action object names in main_window.ui and the buttons above the tree that show them.
TREE_ACTIONS = {
    "actionAddGroup": "addGroupButton", "actionAddCategory": "addCategoryButton",
    "actionAddItem": "addItemButton", "actionDeleteNode": "deleteButton",
    "actionMoveUp": "upButton", "actionMoveDown": "downButton", "actionEditNode": "",
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
        self.tree: QTreeView = child(self.form_widget, QTreeView, "tree")
        self.tree.setModel(self.model)
        self.tree.setDragDropMode(QAbstractItemView.DragDropMode.InternalMove)
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
        doc.focusRequested.connect(self.select_path)
        self.model.dropRequested.connect(doc.edit)
        self.model.modelReset.connect(self._after_reset)
        self.model.rowsInserted.connect(self._rows_inserted)
        for signal in (self.model.rowsRemoved, self.model.rowsMoved, self.model.modelReset):
            signal.connect(self.update_actions)
        self._after_reset()

    # --- actions ---------------------------------------------------------------------
    def attach_actions(self, actions: dict[str, QAction]) -> None:
        """Wire the 指标 menu's actions (from main_window.ui) to this tab."""
        handlers = {
            "actionAddGroup": self.add_group, "actionAddCategory": self.add_category,
            "actionAddItem": self.add_item, "actionDeleteNode": self.delete_current,
            "actionMoveUp": lambda: self.move_current(-1),
            "actionMoveDown": lambda: self.move_current(1),
            "actionEditNode": self.edit_current,
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
        self.update_actions()

    def update_actions(self, *_args: object) -> None:
        if not self.tree_actions:
            return
        path = self.selected_path()
        draft = self.doc.draft
        enable = {
            "actionAddGroup": True,
            "actionAddCategory": path is not None,
            "actionAddItem": path is not None and editing.add_item(draft, path) is not None,
            "actionDeleteNode": editing.can_delete(draft, path),
            "actionMoveUp": editing.move(draft, path, -1) is not None,
            "actionMoveDown": editing.move(draft, path, 1) is not None,
            "actionEditNode": path is not None,
        }
        for name, on in enable.items():
            self.tree_actions[name].setEnabled(on)

    def selected_path(self) -> Path | None:
        index = self.tree.currentIndex()
        if not index.isValid():
            return None
        return self.model.path_of(self.model.node(index))

    def add_group(self) -> None:
        doc = self.doc
        doc.edit(editing.add_group(doc.draft, doc.profile, self.selected_path()))
        self.edit_current()

    def add_category(self) -> None:
        path = self.selected_path()
        if path is not None and self.doc.edit(
                editing.add_category(self.doc.draft, self.doc.profile, path)):
            self.edit_current()

    def add_item(self) -> None:
        path = self.selected_path()
        if path is not None and self.doc.edit(editing.add_item(self.doc.draft, path)):
            self.edit_current()

    def delete_current(self) -> None:
        """Delete the selected node with everything under it; a whole group that holds
        items is deleted only once the clerk says so. Either way it can be undone."""
        path = self.selected_path()
        if path is None or not editing.can_delete(self.doc.draft, path):
            return
        what = self._describe(path)
        items = _item_count(editing.node_at(self.doc.draft, path))
        if len(path) == 1 and items and not messages.confirm_delete(self, what, items):
            return
        self.doc.edit(editing.RemoveNode(path))
        self.tree.setFocus()
        self.noteRequested.emit(f"已删除{what}。可撤销（Ctrl+Z）。")

    def _describe(self, path: Path) -> str:
        """“产出指标一（…）”及其 4 个二级指标、12 项具体指标 — what a delete takes away."""
        node = editing.node_at(self.doc.draft, path)
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
        if self.doc.edit(editing.move(self.doc.draft, path, step)):
            self.tree.setFocus()

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
