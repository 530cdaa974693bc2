"""查找 (Ctrl+F) and 替换 (Ctrl+H): over every text of the form, on every tab.

The dialog stays open beside the form, as in WPS and Word. Each match found is shown
in its field (the window switches tab and selects the words, ``show_match``); 替换
replaces the match shown and goes on to the next; 全部替换 is one undo step and says how
many it replaced. What matches and what a replace changes is ``declapp.editing.find``.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from declapp.editing.find import (
    Match,
    Query,
    find_all,
    next_match,
    replace_all,
    replace_one,
    searchable_texts,
)
from declapp.form.texts import place_name
from declapp.gui.dialogs.base import Dialog
from declapp.gui.document.document import Document

ShowMatch = Callable[[str, int, int], bool]  # location, start, end: shown in its field
TITLES = ("查找", "查找和替换")




class FindReplaceDialog(Dialog):
    def __init__(self, document: Document, show_match: ShowMatch,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("findReplaceDialog")
        self.document = document
        self.show_match = show_match
        self.current: Match | None = None  # the match last shown
        self.find_edit = QLineEdit(self)
        self.find_edit.setObjectName("findText")
        self.find_edit.setPlaceholderText("要查找的文字，如：2019年")
        self.replace_edit = QLineEdit(self)
        self.replace_edit.setObjectName("replaceText")
        self.replace_edit.setPlaceholderText("替换成的文字（可以为空）")
        self.replace_label = QLabel("替换为(&P)：", self)
        self.replace_label.setBuddy(self.replace_edit)
        find_label = QLabel("查找内容(&N)：", self)
        find_label.setBuddy(self.find_edit)
        self.match_case = QCheckBox("区分大小写(&C)", self)
        self.status = QLabel(self)
        self.status.setObjectName("findStatus")
        self.status.setWordWrap(True)
        self.status.setMinimumHeight(self.fontMetrics().height() * 2 + 4)
        self.previous_button = QPushButton("查找上一个(&B)", self)
        self.next_button = QPushButton("查找下一个(&F)", self)
        self.replace_button = QPushButton("替换(&R)", self)
        self.replace_all_button = QPushButton("全部替换(&A)", self)
        close = QPushButton("关闭", self)
        for button in (self.previous_button, self.replace_button, self.replace_all_button,
                       close):
            button.setAutoDefault(False)
        self.next_button.setDefault(True)  # Enter in 查找内容: the next match

        fields = QGridLayout()
        fields.addWidget(find_label, 0, 0)
        fields.addWidget(self.find_edit, 0, 1)
        fields.addWidget(self.replace_label, 1, 0)
        fields.addWidget(self.replace_edit, 1, 1)
        fields.addWidget(self.match_case, 2, 1)
        buttons = QHBoxLayout()
        for button in (self.previous_button, self.next_button, self.replace_button,
                       self.replace_all_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        buttons.addWidget(close)
        layout = QVBoxLayout(self)
        layout.addLayout(fields)
        layout.addWidget(self.status)
        layout.addLayout(buttons)

        self.previous_button.clicked.connect(lambda: self.find_next(backwards=True))
        self.next_button.clicked.connect(lambda: self.find_next())
        self.replace_button.clicked.connect(self.replace)
        self.replace_all_button.clicked.connect(self.replace_all)
        close.clicked.connect(self.close)
        self.find_edit.textChanged.connect(self._query_changed)
        self.match_case.toggled.connect(self._query_changed)
        document.draftReplaced.connect(self._query_changed)
        self._query_changed()
        self.set_replacing(False)

    # --- what the dialog is asked -----------------------------------------------------------
    def set_replacing(self, replacing: bool) -> None:
        """Ctrl+F shows 查找 only; Ctrl+H the replace row and buttons too."""
        self.replace_label.setVisible(replacing)
        self.replace_edit.setVisible(replacing)
        self.replace_button.setVisible(replacing)
        self.replace_all_button.setVisible(replacing)
        self.setWindowTitle(TITLES[replacing])
        self.adjustSize()

    def start(self, replacing: bool, selected: str = "") -> None:
        """Show the dialog, with the words selected in the form as what to find."""
        if selected and "\n" not in selected:
            self.find_edit.setText(selected)
        self.set_replacing(replacing)
        self.show()
        self.raise_()
        self.activateWindow()
        self.find_edit.setFocus()
        self.find_edit.selectAll()

    def query(self) -> Query:
        return Query(self.find_edit.text(), self.replace_edit.text(),
                     self.match_case.isChecked())

    def _texts(self) -> list[tuple[str, str]]:
        return list(searchable_texts(self.document.draft, self.document.form))

    def _query_changed(self, *_args: object) -> None:
        self.current = None  # a new search starts at the top of the form
        searching = bool(self.find_edit.text())
        for button in (self.previous_button, self.next_button, self.replace_button,
                       self.replace_all_button):
            button.setEnabled(searching)
        self.status.setText("")

    # --- finding ------------------------------------------------------------------------
    def find_next(self, backwards: bool = False) -> Match | None:
        """Show the next (or previous) match after the one shown last."""
        query = self.query()
        matches = find_all(self._texts(), query)
        after = self.current.key if self.current is not None else None
        match, wrapped = next_match(matches, after, backwards)
        if match is None:
            self.current = None
            self.status.setText(f"找不到“{query.text}”。")
            return None
        self.current = match
        number = matches.index(match) + 1
        where = place_name(self.document.draft, self.document.form, match.location)
        round_note = ("已查到表尾，从表头继续。" if not backwards else "已查到表头，从表尾继续。") \
            if wrapped else ""
        self.status.setText(f"{round_note}第 {number} 处，共 {len(matches)} 处"
                            + (f"（{where}）" if where else "") + "。")
        self.show_match(match.location, match.start, match.end)
        self._come_back()
        return match

    def _come_back(self) -> None:
        # Showing the match put the caret in its field: the clerk goes on here.
        self.raise_()
        self.activateWindow()
        self.find_edit.setFocus()

    # --- replacing ----------------------------------------------------------------------
    def replace(self) -> bool:
        """Replace the match shown (if it is still there), then show the next one."""
        query = self.query()
        replaced = False
        if self.current is not None:
            op = replace_one(self.document.draft, self.current, query)
            if op is not None:
                replaced = self.document.edit(op, text=f"替换“{query.text}”")
                # Go on after the replacement, not inside it.
                self.current = Match(self.current.location,
                                     self.current.start + len(query.replacement) - 1,
                                     self.current.start + len(query.replacement),
                                     self.current.order)
        found = self.find_next()
        if replaced and found is None:
            self.status.setText(f"已替换 1 处。表中已没有“{query.text}”。")
        return replaced

    def replace_all(self) -> int:
        """Replace every match, as one undo step; how many were replaced."""
        query = self.query()
        result = replace_all(self.document.draft, self._texts(), query)
        if result.op is None:
            self.status.setText(f"找不到“{query.text}”，没有替换。")
            return 0
        self.document.edit(result.op, text=f"全部替换“{query.text}”（{result.count} 处）")
        self.current = None
        self.status.setText(f"已把 {result.count} 处“{query.text}”替换为“{query.replacement}”"
                            f"（{result.texts} 个栏目）。可撤销（Ctrl+Z），一次撤销全部。")
        return result.count

    def keyPressEvent(self, event: QKeyEvent) -> None:
        # Shift+Enter: the previous match, as in WPS.
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) \
                and event.modifiers() & Qt.KeyboardModifier.ShiftModifier:
            if self.previous_button.isEnabled():
                self.find_next(backwards=True)
            return
        super().keyPressEvent(event)

    def done(self, result: int) -> None:
        # Kept for the next Ctrl+F with what was sought (not deleted as other dialogs).
        self.hide()
        self.setResult(result)
