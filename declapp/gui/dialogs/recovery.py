"""At start-up: offer the recovery copies of a run that did not end normally."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialogButtonBox,
    QListWidget,
    QListWidgetItem,
    QWidget,
)

from declapp.gui.dialogs.base import Dialog
from declapp.gui.widgets.uiload import DIALOG_MARGINS, child, embed_ui
from declapp.storage.recovery import RecoveryCopy


class RecoveryDialog(Dialog):
    """Each copy with a check box: checked ones are restored, the rest discarded.

    Anything but the restore button (下次再说, Esc, the close box) keeps every copy
    for the next start: nothing is lost by closing the dialog.
    """

    def __init__(self, copies: list[RecoveryCopy], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        form = embed_ui(self, "recovery_dialog.ui", DIALOG_MARGINS)
        self.copies = copies
        self.list: QListWidget = child(form, QListWidget, "copyList")
        self.list.setWordWrap(True)
        self.list.setSpacing(3)
        for copy in copies:
            text = "\n".join(copy.describe_lines())
            if not copy.readable:
                text += f"\n无法恢复：{copy.problem}副本已移到恢复文件夹的 unreadable 中保留。"
            item = QListWidgetItem(text, self.list)
            flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
            if copy.readable:
                flags |= Qt.ItemFlag.ItemIsUserCheckable
            item.setFlags(flags)
            item.setCheckState(Qt.CheckState.Checked if copy.readable
                               else Qt.CheckState.Unchecked)
            item.setToolTip(f"原文件：{copy.original or '（从未保存）'}\n恢复副本：{copy.path}")
        buttons: QDialogButtonBox = child(form, QDialogButtonBox, "buttons")
        self.restore_button = buttons.addButton("恢复勾选的草稿",
                                                QDialogButtonBox.ButtonRole.AcceptRole)
        self.later_button = buttons.addButton("下次再说", QDialogButtonBox.ButtonRole.RejectRole)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)

    def chosen(self) -> list[RecoveryCopy]:
        return [copy for row, copy in enumerate(self.copies)
                if self.list.item(row).checkState() == Qt.CheckState.Checked]

    def discarded(self) -> list[RecoveryCopy]:
        chosen = {id(c) for c in self.chosen()}
        return [c for c in self.copies if id(c) not in chosen]
