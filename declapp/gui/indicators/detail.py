"""The pane beside the indicator tree that edits the selected node.

It follows a node (its wrapper), not a path, so it stays on the same indicator while
nodes above it are added, moved or deleted. Groups and categories are edited here; an
item's page, free text or structured, is the ``ItemEditor``.
"""

from __future__ import annotations

from PySide6.QtCore import QModelIndex
from PySide6.QtWidgets import QComboBox, QLabel, QLineEdit, QStackedWidget, QWidget

from declapp.form import locations
from declapp.gui.indicators.item_editor import ItemEditor
from declapp.gui.indicators.model import IndicatorModel
from declapp.gui.indicators.nodes import CATEGORY, GROUP, ITEM, Node
from declapp.gui.widgets.bindings import TextBinding
from declapp.gui.widgets.uiload import UiError, child

PAGE_NONE, PAGE_GROUP, PAGE_CATEGORY, PAGE_ITEM = range(4)


class NodeDetail:
    def __init__(self, form: QWidget, model: IndicatorModel) -> None:
        self.model = model
        self.node: Node | None = None
        self.stack: QStackedWidget = child(form, QStackedWidget, "detailStack")
        self.group_title: QLabel = child(form, QLabel, "groupTitle")
        self.group_note: QLabel = child(form, QLabel, "groupNote")
        self.group_name: QLineEdit = child(form, QLineEdit, "groupNameEdit")
        self.group_name_label: QLabel = child(form, QLabel, "groupNameLabel")
        self.category_title: QLabel = child(form, QLabel, "categoryTitle")
        self.category_combo: QComboBox = child(form, QComboBox, "categoryCombo")
        self.item_title: QLabel = child(form, QLabel, "itemTitle")

        stack = model.doc.stack
        self.items = ItemEditor(form, stack, self._commit)
        self.content = self.items.content  # the main editors of a free-text item
        self.value = self.items.value
        self.bindings = {
            "group": TextBinding(self.group_name, lambda v, t: self._commit("name", v, t), stack),
            "category": TextBinding(_line_edit(self.category_combo),
                                    lambda v, t: self._commit("name", v, t), stack),
        }
        # Picking a standard name from the list is not "typing": commit it explicitly.
        self.category_combo.activated.connect(self._category_chosen)
        model.dataChanged.connect(self._data_changed)
        model.modelReset.connect(lambda: self.show_node(None))
        model.rowsMoved.connect(self._titles)
        model.rowsInserted.connect(self._titles)
        model.rowsRemoved.connect(self._titles)

    def _category_chosen(self, _index: int) -> None:
        # An editable combo box also "activates" when it loses the focus with a listed
        # name in it, as it does when the pane turns to another node (an undo): by then
        # the pane shows that node, which is no category and must not get the name.
        if self.node is not None and self.node.level == CATEGORY:
            self._commit("name", self.category_combo.currentText(), None)

    def _commit(self, attr: str, value: str, token: object) -> None:
        node = self.node
        if node is None or not self._alive(node):
            return
        location = locations.node(self.model.path_of(node), attr, self.model.tree)
        self.model.doc.edit_field(location, value, token)

    def _alive(self, node: Node) -> bool:
        parent = node.parent
        return parent is not None and 0 <= node.row < len(parent.children) \
            and parent.children[node.row] is node and (parent.parent is not None
                                                       or parent is self.model.top)

    def show_node(self, node: Node | None) -> None:
        self.node = node
        self.items.set_columns(self.model.part.columns, self.model.doc.form.scoring)
        if node is None:
            self.stack.setCurrentIndex(PAGE_NONE)
            return
        if node.level == CATEGORY:
            kind = self.model.part.group_kind(node.above.obj.kind)
            names = kind.categories if kind is not None else ()
            combo = self.category_combo
            combo.blockSignals(True)
            combo.clear()
            combo.addItems(list(names))
            combo.setCurrentIndex(-1)
            combo.blockSignals(False)
        # Fill before switching pages: the switch may move the focus into a field of the
        # new page, which would then keep its caret as if the clerk were typing there.
        self._fill(fresh=True)
        self.stack.setCurrentIndex((PAGE_GROUP, PAGE_CATEGORY, PAGE_ITEM)[node.level])

    def _fill(self, fresh: bool = False) -> None:
        node = self.node
        if node is None:
            return
        if node.level == GROUP:
            kind = self.model.part.group_kind(node.obj.kind)
            fixed = self.model.is_fixed(node)
            named = kind is not None and kind.named
            self.bindings["group"].show(node.obj.name)
            self.group_name.setVisible(named)
            self.group_name_label.setVisible(named)
            label = self.model.group_label(node.row)
            self.group_note.setText(
                f"“{label}”是表格固定的一级指标：不能删除，也不需要填写名称。" if fixed else
                "这一类一级指标按先后顺序自动编号（一、二、三……），"
                "在左侧上移、下移或拖动即可调整顺序。")
        elif node.level == CATEGORY:
            self.bindings["category"].show(node.obj.name)
        else:
            self.items.show(node.obj, fresh)
        self._titles()

    def _titles(self, *_args: object) -> None:
        node = self.node
        if node is None or not self._alive(node):
            return
        if node.level == GROUP:
            self.group_title.setText(f"一级指标：{self.model.group_label(node.row)}")
        elif node.level == CATEGORY:
            self.category_title.setText(
                f"{self.model.group_label(node.above.row)} › 二级指标"
                f"（{len(node.children)} 项具体指标）")
        elif node.level == ITEM and self.model.part.levels == 1:
            self.item_title.setText(f"第 {node.row + 1} 项指标")
        elif node.level == ITEM:
            category = node.above
            self.item_title.setText(
                f"{self.model.group_label(category.above.row)} › "
                f"{category.obj.name or '二级指标'} › 第 {node.row + 1} 项")

    def _data_changed(self, top_left: QModelIndex, bottom_right: QModelIndex,
                      _roles: list[int] | None = None) -> None:
        # Cheap: each binding compares before it writes, so typing is never disturbed.
        if self.node is not None and self._alive(self.node):
            self._fill()

    def focus_editor(self, attr: str = "") -> bool:
        """Put the caret in the editor of *attr* (or the main one) of the shown node."""
        node = self.node
        if node is None:
            return False
        if node.level == GROUP:
            kind = self.model.part.group_kind(node.obj.kind)
            if kind is None or not kind.named:
                return False  # nothing to type: the tree keeps the focus
            widget: QWidget = self.group_name
        elif node.level == CATEGORY:
            widget = self.category_combo
        else:
            return self.items.focus(attr)
        widget.setFocus()
        return True


def _line_edit(combo: QComboBox) -> QLineEdit:
    """The text field of an editable combo box (the .ui form makes it editable)."""
    edit = combo.lineEdit()
    if edit is None:
        raise UiError("二级指标名称框应可编辑")
    return edit
