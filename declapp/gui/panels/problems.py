"""The problems panel: the core checks' findings for the open draft, live.

Checks run on a short debounce after each change, so typing never waits for them; the
rows stay where they are meanwhile (``FindingsModel.update``). Double-click, Enter, F8 and
Shift+F8 ask the window to show a finding's place with its words selected; a warning can
be marked 已核对 with a reason from the context menu, an undoable edit of the draft.
"""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPoint, QSize, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDockWidget,
    QInputDialog,
    QLabel,
    QLineEdit,
    QMenu,
    QTreeView,
    QWidget,
)

from declapp.checks import WARNING, Finding, check_draft, tally
from declapp.editing import MarkReviewed
from declapp.form.review import MAX_REASON
from declapp.gui.document.document import Document
from declapp.gui.panels.findings_model import FindingsModel, Key, Row

DEBOUNCE_MS = 350


class _FindingsView(QTreeView):
    """A list that asks for a strip of the window, not the default 192 px."""

    def sizeHint(self) -> QSize:
        return QSize(400, 110)


class ProblemsDock(QDockWidget):
    """A dock listing the findings; ``navigateRequested(location, words)`` to jump."""

    navigateRequested = Signal(str, str)  # location, the words to select there

    def __init__(self, document: Document, parent: QWidget | None = None) -> None:
        super().__init__("问题", parent)
        self.setObjectName("problemsDock")
        self.document = document
        self.model = FindingsModel(self)
        self.view = _FindingsView(self)
        self.view.setObjectName("problemsView")
        self.view.setModel(self.model)
        self.view.setHeaderHidden(True)
        self.view.setWordWrap(True)
        self.view.setUniformRowHeights(False)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.view.doubleClicked.connect(self._activate)
        self.view.activated.connect(self._activate)  # Enter on a finding
        self.view.setContextMenuPolicy(self.view.contextMenuPolicy().CustomContextMenu)
        self.view.customContextMenuRequested.connect(self._context_menu)
        self.setWidget(self.view)
        self.context_menu: QMenu | None = None
        self.status_label = QLabel(self)
        self.status_label.setObjectName("problemsStatus")
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(DEBOUNCE_MS)
        self._timer.timeout.connect(self.update_now)
        document.stack.indexChanged.connect(self.schedule)
        document.draftReplaced.connect(self.refresh_now)
        document.reviewChanged.connect(self.refresh_now)
        self.refresh_now()

    # --- checking ----------------------------------------------------------------------
    def schedule(self) -> None:
        """Re-check after the clerk pauses (restarts the debounce)."""
        self._timer.start()

    def update_now(self) -> None:
        """Re-check, leaving every row where it is (a fixed one greyed)."""
        self._timer.stop()
        self.model.update(check_draft(self.document.draft))
        self._show_counts()

    def refresh_now(self) -> None:
        """Re-check and list afresh in the form's order, keeping the selected finding."""
        self._timer.stop()
        selected = self._selected_row()
        self.model.rebuild(check_draft(self.document.draft))
        self.view.expandAll()
        if selected is not None:
            self._select(selected.key)
        self._show_counts()

    def _show_counts(self) -> None:
        counted = tally(self.model.findings)
        sentence = counted.sentence()
        if counted.errors or counted.warnings:
            color = "#b00020" if counted.errors else "#8a6d00"
            self.setWindowTitle(f"问题：{sentence} —— 双击或按 F8 转到")
        else:
            color = "#1b7f3b"
            self.setWindowTitle(f"问题：{sentence}，检查通过")
        self.status_label.setText(sentence)
        self.status_label.setStyleSheet(f"color: {color};")

    # --- going to a finding --------------------------------------------------------------
    def go_next(self, step: int = 1) -> Finding | None:
        """F8 / Shift+F8: the next (previous) finding still open after the selected one,
        round to the first; shown in its field. None when there is none."""
        if self._timer.isActive():
            self.update_now()
        rows = [r for r in self.model.rows() if not r.fixed and not r.finding.reviewed]
        if not rows:
            self.refresh_now()
            return None
        current = self._selected_row()
        shown = self.model.rows()
        if current is None:
            target = rows[0] if step > 0 else rows[-1]
        else:
            at = shown.index(current)
            ahead = shown[at + 1:] + shown[:at] if step > 0 else \
                list(reversed(shown[:at])) + list(reversed(shown[at + 1:]))
            target = next((r for r in ahead if r in rows), rows[0])
        self._jump(target)
        return target.finding

    def _activate(self, index: QModelIndex) -> None:
        row = self.model.row_at(index)
        if row is not None and not row.fixed:
            self._jump(row)

    def _jump(self, row: Row) -> None:
        if self.model.has_fixed():
            self.refresh_now()  # the rows fixed so far go now, not under the mouse
        self._select(row.key)
        self.navigateRequested.emit(row.finding.location, row.finding.highlight)

    def _select(self, key: Key) -> None:
        index = self.model.index_of(key)
        if index.isValid():
            self.view.setCurrentIndex(index)
            self.view.scrollTo(index)

    def _selected_row(self) -> Row | None:
        return self.model.row_at(self.view.currentIndex())

    def focus_list(self) -> None:
        """F7: the list, with the first finding selected when none is."""
        if not self.view.currentIndex().isValid() and self.model.rowCount():
            self.view.setCurrentIndex(self.model.index(0, 0))
        self.view.setFocus()

    # --- 已核对 --------------------------------------------------------------------------
    def _context_menu(self, point: QPoint) -> None:
        row = self.model.row_at(self.view.indexAt(point))
        self.context_menu = None
        if row is None or row.fixed or row.finding.severity != WARNING:
            return
        menu = self.context_menu = QMenu(self.view)
        menu.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        if row.finding.reviewed:
            menu.addAction("取消已核对", lambda: self.mark_reviewed(row.finding, ""))
        else:
            menu.addAction("标为已核对(&R)…", lambda: self.ask_and_mark(row.finding))
        menu.addAction("转到此处", lambda: self._jump(row))
        menu.popup(self.view.viewport().mapToGlobal(point))

    def ask_and_mark(self, finding: Finding) -> bool:
        reason, ok = QInputDialog.getText(
            self, "标为已核对",
            f"{finding.message}\n位置：{finding.place}\n\n请写明为何保留原文（例如：引用文件原文）：",
            QLineEdit.EchoMode.Normal, "")
        reason = reason.strip()[:MAX_REASON]
        if not ok or not reason:
            return False
        self.mark_reviewed(finding, reason)
        return True

    def mark_reviewed(self, finding: Finding, reason: str) -> None:
        """Mark (or with "" unmark) one warning; an undoable edit of the draft."""
        self.document.edit(MarkReviewed(finding.id, finding.location, reason))
