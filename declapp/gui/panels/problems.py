"""The problems panel: the core checks' findings for the open draft, live.

Checks run on a short debounce after each change, so typing never waits for them;
double-clicking a finding asks the window to show its field.
"""

from __future__ import annotations

from PySide6.QtCore import (
    QAbstractListModel,
    QModelIndex,
    QPersistentModelIndex,
    QSize,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QDockWidget, QLabel, QListView, QStyle, QWidget

from declapp.checks import ERROR, Finding, check_draft, counts
from declapp.gui.document.document import Document

DEBOUNCE_MS = 350
LocationRole = Qt.ItemDataRole.UserRole + 1
HighlightRole = Qt.ItemDataRole.UserRole + 2


class FindingsModel(QAbstractListModel):
    """One row per finding: the message, an icon per severity, the location as tooltip."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._findings: list[Finding] = []
        style = parent.style() if parent is not None else None
        pixmap = QStyle.StandardPixmap
        self._icons = {
            "error": style.standardIcon(pixmap.SP_MessageBoxCritical) if style else QIcon(),
            "warning": style.standardIcon(pixmap.SP_MessageBoxWarning) if style else QIcon(),
        }

    @property
    def findings(self) -> list[Finding]:
        return list(self._findings)

    def set_findings(self, findings: list[Finding]) -> None:
        if findings == self._findings:
            return  # keeps the selection while the clerk types
        self.beginResetModel()
        self._findings = list(findings)
        self.endResetModel()

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._findings)

    def data(self, index: QModelIndex | QPersistentModelIndex,
             role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid() or not 0 <= index.row() < len(self._findings):
            return None
        finding = self._findings[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return finding.message
        if role == Qt.ItemDataRole.DecorationRole:
            return self._icons[finding.severity]
        if role == Qt.ItemDataRole.ToolTipRole:
            kind = "错误" if finding.severity == ERROR else "警告"
            return f"{kind}（{finding.id}）：{finding.location or '整个表单'}\n双击转到此处"
        if role == LocationRole:
            return finding.location
        if role == HighlightRole:
            return finding.highlight
        return None


class _FindingsView(QListView):
    """A list that asks for a strip of the window, not the default 192 px."""

    def sizeHint(self) -> QSize:
        return QSize(400, 96)


class ProblemsDock(QDockWidget):
    """A dock listing the findings; ``navigateRequested(location, words)`` on double-click."""

    navigateRequested = Signal(str, str)  # location, the words to select there

    def __init__(self, document: Document, parent: QWidget | None = None) -> None:
        super().__init__("问题", parent)
        self.setObjectName("problemsDock")
        self.document = document
        self.model = FindingsModel(self)
        self.view = _FindingsView(self)
        self.view.setObjectName("problemsView")
        self.view.setModel(self.model)
        self.view.setWordWrap(True)
        self.view.setUniformItemSizes(False)
        self.view.setEditTriggers(QListView.EditTrigger.NoEditTriggers)
        self.view.doubleClicked.connect(self._activate)
        self.view.activated.connect(self._activate)  # Enter on a finding
        self.setWidget(self.view)
        self.status_label = QLabel(self)
        self.status_label.setObjectName("problemsStatus")
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(DEBOUNCE_MS)
        self._timer.timeout.connect(self.refresh_now)
        document.stack.indexChanged.connect(self.schedule)
        document.draftReplaced.connect(self.refresh_now)
        self.refresh_now()

    def schedule(self) -> None:
        """Re-check after the clerk pauses (restarts the debounce)."""
        self._timer.start()

    def refresh_now(self) -> None:
        self._timer.stop()
        findings = check_draft(self.document.draft)
        self.model.set_findings(findings)
        errors, warnings = counts(findings)
        if errors or warnings:
            self.status_label.setText(f"错误 {errors} 个，警告 {warnings} 个")
            color = "#b00020" if errors else "#8a6d00"
            self.status_label.setStyleSheet(f"color: {color};")
            self.setWindowTitle(f"问题（错误 {errors} 个，警告 {warnings} 个）—— 双击转到")
        else:
            self.status_label.setText("检查通过")
            self.status_label.setStyleSheet("color: #1b7f3b;")
            self.setWindowTitle("问题：检查通过，没有发现错误或警告")

    def _activate(self, index: QModelIndex) -> None:
        location = self.model.data(index, LocationRole)
        highlight = self.model.data(index, HighlightRole)
        if isinstance(location, str):
            self.navigateRequested.emit(location, highlight if isinstance(highlight, str) else "")
