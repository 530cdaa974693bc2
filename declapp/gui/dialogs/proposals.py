"""The 转为结构化 review: every proposal for the chosen free-text items, each with a tick
and editable before it is accepted, and the items no proposal was found for, with why.

Nothing is applied here: the dialog hands back the ticked proposals as the clerk left
them (``accepted_proposals``), and the tab applies them as one undo step.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from functools import partial

from PySide6.QtCore import (
    QAbstractListModel,
    QItemSelectionModel,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QDialogButtonBox,
    QLabel,
    QListView,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QWidget,
)

from declapp.form import locations
from declapp.form.definition import FormDefinition
from declapp.form.model import Draft, Item
from declapp.gui.dialogs.base import Dialog
from declapp.gui.dialogs.proposed_item import ProposedItemEditor
from declapp.gui.widgets.two_line import SECOND_LINE_ROLE, TwoLineDelegate
from declapp.gui.widgets.uiload import DIALOG_MARGINS, child, embed_ui
from declapp.indicators.proposals import NoProposal, Proposal
from declapp.indicators.wording import item_lines, printed_text

Index = QModelIndex | QPersistentModelIndex
_ROOT = QModelIndex()


@dataclass
class Entry:
    """One free-text item under review: its proposal (or why there is none), the items
    as the clerk has edited them, and the tick."""

    result: Proposal | NoProposal
    place: str
    items: list[Item]
    checked: bool

    @property
    def proposal(self) -> Proposal | None:
        return self.result if isinstance(self.result, Proposal) else None

    def summary(self) -> str:
        """One line: the items as the form will print them (name：value, then what stays
        in 指标内容), or why there is no proposal."""
        if self.proposal is None:
            reason = self.result.reason if isinstance(self.result, NoProposal) else ""
            return f"未能拆分：{reason}"
        return "→ " + "　／　".join(_one_line(i) for i in self.items)

    def printed(self) -> str:
        """The items as the form will print them, line for line."""
        return "\n".join(printed_text(i) if i.name.strip() else "（没有名称）"
                         for i in self.items)


def _one_line(item: Item) -> str:
    if not item.name.strip():
        return "（没有名称）"
    return "　".join(item_lines(item))


def place_of(draft: Draft, profile: FormDefinition, location: str) -> str:
    """``产出指标一（…） › 产出质量指标 › 第 2 项``."""
    place = locations.parse(location)
    if place is None or len(place.path) != 3:
        return location
    g, c, i = place.path
    try:
        label = profile.tree().group_labels(draft.indicators)[g]
        category = draft.indicators[g].categories[c].name.strip() or "二级指标"
    except IndexError:
        return location
    return f"{label} › {category} › 第 {i + 1} 项"


class ProposalListModel(QAbstractListModel):
    """The entries, proposals ticked; an entry without a proposal cannot be ticked."""

    def __init__(self, entries: list[Entry], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.entries = entries
        self._grey = QBrush(QColor("#8a8a8a"))

    def rowCount(self, parent: Index = _ROOT) -> int:
        return 0 if parent.isValid() else len(self.entries)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid() or not 0 <= index.row() < len(self.entries):
            return None
        entry = self.entries[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return entry.place
        if role == SECOND_LINE_ROLE:
            return entry.summary()
        if role == Qt.ItemDataRole.ToolTipRole:
            after = f"采用后打印为：\n{entry.printed()}" if entry.proposal is not None \
                else entry.summary()
            return f"{entry.place}\n原文：{printed_text(entry.result.old)}\n{after}"
        if role == Qt.ItemDataRole.CheckStateRole and entry.proposal is not None:
            return Qt.CheckState.Checked if entry.checked else Qt.CheckState.Unchecked
        if role == Qt.ItemDataRole.ForegroundRole and entry.proposal is None:
            return self._grey
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if self.entries[index.row()].proposal is not None:
            flags |= Qt.ItemFlag.ItemIsUserCheckable
        return flags

    def setData(self, index: Index, value: object,
                role: int = Qt.ItemDataRole.EditRole) -> bool:
        if not index.isValid() or role != Qt.ItemDataRole.CheckStateRole \
                or self.entries[index.row()].proposal is None:
            return False
        checked = value in (Qt.CheckState.Checked, Qt.CheckState.Checked.value)
        self.entries[index.row()].checked = checked
        self.dataChanged.emit(index, index, [Qt.ItemDataRole.CheckStateRole])
        return True

    def set_items(self, row: int, items: list[Item]) -> None:
        self.entries[row].items = items
        index = self.index(row)
        self.dataChanged.emit(index, index, [SECOND_LINE_ROLE, Qt.ItemDataRole.ToolTipRole])

    def set_all(self, checked: bool) -> None:
        for entry in self.entries:
            entry.checked = checked and entry.proposal is not None
        if self.entries:
            self.dataChanged.emit(self.index(0), self.index(len(self.entries) - 1),
                                  [Qt.ItemDataRole.CheckStateRole])


class ProposalsDialog(Dialog):
    def __init__(self, results: list[Proposal | NoProposal], draft: Draft,
                 profile: FormDefinition, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        form = embed_ui(self, "proposals_dialog.ui", DIALOG_MARGINS)
        self.resize(1040, 660)
        entries = [Entry(r, place_of(draft, profile, r.location),
                         [replace(i) for i in r.items] if isinstance(r, Proposal) else [],
                         isinstance(r, Proposal))
                   for r in results]
        # Proposals first, in the order of the form; then what could not be split.
        entries.sort(key=lambda e: e.proposal is None)
        self.model = ProposalListModel(entries, self)
        self.view: QListView = child(form, QListView, "proposalList")
        self.view.setModel(self.model)
        self.view.setItemDelegate(TwoLineDelegate(self.view))
        self.view.setUniformItemSizes(True)
        self.place: QLabel = child(form, QLabel, "placeLabel")
        self.old_text: QPlainTextEdit = child(form, QPlainTextEdit, "oldText")
        self.note: QLabel = child(form, QLabel, "noteLabel")
        self.reason: QLabel = child(form, QLabel, "reasonLabel")
        self.items_box: QWidget = child(form, QWidget, "itemsBox")
        self.editors: list[ProposedItemEditor] = []
        self.buttons: QDialogButtonBox = child(form, QDialogButtonBox, "buttons")
        self.ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        child(form, QPushButton, "checkAllButton").clicked.connect(
            lambda: self.model.set_all(True))
        child(form, QPushButton, "checkNoneButton").clicked.connect(
            lambda: self.model.set_all(False))
        splitter = child(form, QSplitter, "splitter")
        splitter.setSizes([400, 600])
        self.model.dataChanged.connect(self._update_ok)
        self.view.selectionModel().currentChanged.connect(
            lambda current, _previous: self._show_entry(current.row()))

        proposed = sum(e.proposal is not None for e in entries)
        child(form, QLabel, "introLabel").setText(
            f"共 {len(entries)} 项自由文本指标：{proposed} 项有拆分建议（已勾选），"
            f"{len(entries) - proposed} 项未能拆分（列在后面，需要时请手工填写）。"
            "请逐项核对，可直接修改；只有勾选的建议会被采用，采用后可一步撤销。")
        self._update_ok()
        if entries:
            self.view.selectionModel().setCurrentIndex(
                self.model.index(0), QItemSelectionModel.SelectionFlag.ClearAndSelect)

    def _update_ok(self, *_args: object) -> None:
        count = sum(e.checked for e in self.model.entries)
        self.ok.setText(f"采用勾选的建议（{count} 项）" if count else "采用勾选的建议")
        self.ok.setEnabled(count > 0)

    def _show_entry(self, row: int) -> None:
        for editor in self.editors:
            editor.setParent(None)  # out of the layout now, not at the next event loop turn
            editor.deleteLater()
        self.editors = []
        if not 0 <= row < len(self.model.entries):
            return
        entry = self.model.entries[row]
        self.place.setText(entry.place)
        self.old_text.setPlainText(printed_text(entry.result.old))
        note = entry.proposal.note if entry.proposal is not None else ""
        self.note.setText(note)
        self.note.setVisible(bool(note))
        reason = entry.result.reason if isinstance(entry.result, NoProposal) else ""
        self.reason.setText(f"未能拆分：{reason}\n采用建议后，可在指标树中选中这一项，点“结构化”"
                            "手工填写。" if reason else "")
        self.reason.setVisible(bool(reason))
        layout = self.items_box.layout()
        assert layout is not None  # the form gives itemsBox a layout
        several = len(entry.items) > 1
        for k, item in enumerate(entry.items):
            title = f"拆分为第 {k + 1} 项" if several else "拆分为"
            editor = ProposedItemEditor(title, item, partial(self._edited, row, k),
                                        self.items_box)
            layout.addWidget(editor)
            self.editors.append(editor)

    def _edited(self, row: int, k: int, item: Item) -> None:
        items = list(self.model.entries[row].items)
        items[k] = item
        self.model.set_items(row, items)

    def select(self, row: int) -> None:
        self.view.selectionModel().setCurrentIndex(
            self.model.index(row), QItemSelectionModel.SelectionFlag.ClearAndSelect)

    def accept(self) -> None:
        for row, entry in enumerate(self.model.entries):
            if entry.checked and any(not i.name.strip() for i in entry.items):
                self.select(row)
                QMessageBox.warning(self, "转为结构化",
                                    f"{entry.place} 的建议没有三级指标名称。请填写名称，"
                                    "或取消这一项的勾选。")
                return
        super().accept()

    def accepted_proposals(self) -> list[Proposal]:
        """The ticked proposals, with the items as the clerk left them."""
        return [replace(e.proposal, items=tuple(e.items)) for e in self.model.entries
                if e.checked and e.proposal is not None]


def confirm_free_text(parent: QWidget, item: Item) -> bool:
    """Ask before 自由文本 drops a 指标解释 or 评（扣）分标准; True when nothing is dropped."""
    dropped = [name for name, text in (("指标解释", item.explanation),
                                       ("评（扣）分标准", item.scoring)) if text.strip()]
    if not dropped:
        return True
    answer = QMessageBox.question(
        parent, "转为自由文本",
        f"“{item.name.strip()}”转为自由文本后，{'和'.join(dropped)}不再保留"
        "（表上本来也不打印）。打印的文字不变，之后可以撤销（Ctrl+Z）。\n\n要转为自由文本吗？",
        QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel,
        QMessageBox.StandardButton.Cancel)
    return answer == QMessageBox.StandardButton.Yes
