"""The start page: what a start without a draft shows instead of an empty form.

A clerk starting the program has last year's form (in Word, Excel or PDF), a draft
saved before, or nothing yet: one button for each, the example to look at, and the
drafts opened last. The empty form, with its findings about everything not yet
filled in, waits until there is a draft to fill. ``declapp 草稿.json`` opens that draft
straight away (the window never shows this page for it).
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QCommandLinkButton,
    QFrame,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QVBoxLayout,
    QWidget,
)

from declapp.gui.widgets.icons import icon
from declapp.gui.widgets.two_line import SECOND_LINE_ROLE, TwoLineDelegate

PathRole = Qt.ItemDataRole.UserRole + 30


class _RecentList(QListWidget):
    """The recent drafts; Enter or a double-click opens one."""

    openRequested = Signal(object)  # Path

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setItemDelegate(TwoLineDelegate(self))
        self.itemActivated.connect(self._activated)

    def _activated(self, item: QListWidgetItem) -> None:
        path = item.data(PathRole)
        if isinstance(path, str):
            self.openRequested.emit(Path(path))

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self.currentItem():
            self._activated(self.currentItem())
            return
        super().keyPressEvent(event)

    def sizeHint(self) -> QSize:
        return QSize(420, 300)


class StartPage(QWidget):
    importRequested = Signal()
    openRequested = Signal()
    newRequested = Signal()
    exampleRequested = Signal()
    recentRequested = Signal(object)  # Path

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("startPage")
        title = QLabel("部门整体支出绩效目标申报表", self)
        font = title.font()
        font.setPointSizeF(font.pointSizeF() * 1.6)
        font.setBold(True)
        title.setFont(font)
        subtitle = QLabel("填写、检查，导出为 Word、Excel、PDF，打印。从下面选一项开始：", self)
        subtitle.setStyleSheet("color: #555;")

        self.import_button = self._button(
            "导入去年的表…", "读入去年填好的申报表（Word、Excel 或本程序导出的 PDF），"
            "再用“以此为基础新建下一年度”做今年的表", "import")
        self.open_button = self._button("打开草稿…", "打开以前保存的草稿（.json 文件）", "open")
        self.new_button = self._button("新建…", "从空白的表开始：选择模板和年度", "new")
        self.example_button = self._button(
            "看看示例", "打开随程序附带的一份填好的表（展览路街道 2021 年度），"
            "看看每一栏怎么填；它不会被改动", "help")
        self.import_button.clicked.connect(self.importRequested)
        self.open_button.clicked.connect(self.openRequested)
        self.new_button.clicked.connect(self.newRequested)
        self.example_button.clicked.connect(self.exampleRequested)

        recent_title = QLabel("最近打开", self)
        bold = recent_title.font()
        bold.setBold(True)
        recent_title.setFont(bold)
        self.recent = _RecentList(self)
        self.recent.setObjectName("startRecent")
        self.recent.openRequested.connect(self.recentRequested)
        self.recent_hint = QLabel(self)
        self.recent_hint.setStyleSheet("color: #555;")
        self.recent_hint.setWordWrap(True)

        actions = QVBoxLayout()
        actions.setSpacing(4)
        for button in (self.import_button, self.open_button, self.new_button,
                       self.example_button):
            actions.addWidget(button)
        actions.addStretch(1)
        recent = QVBoxLayout()
        recent.setSpacing(6)  # not the 32 between the columns
        recent.addWidget(recent_title)
        recent.addWidget(self.recent)
        recent.addWidget(self.recent_hint)
        recent.addStretch(1)
        columns = QHBoxLayout()
        columns.setSpacing(32)
        columns.addLayout(actions, 1)
        line = QFrame(self)
        line.setFrameShape(QFrame.Shape.VLine)
        line.setFrameShadow(QFrame.Shadow.Sunken)
        columns.addWidget(line)
        columns.addLayout(recent, 1)

        body = QWidget(self)
        body.setMaximumWidth(1000)
        inner = QVBoxLayout(body)
        inner.addWidget(title)
        inner.addWidget(subtitle)
        inner.addSpacing(18)
        inner.addLayout(columns)
        inner.addStretch(1)
        outer = QHBoxLayout(self)
        outer.setContentsMargins(24, 32, 24, 24)
        outer.addStretch(1)
        outer.addWidget(body, 10)
        outer.addStretch(1)

    def _button(self, text: str, description: str, icon_name: str) -> QCommandLinkButton:
        button = QCommandLinkButton(text, description, self)
        button.setIcon(icon(icon_name))
        button.setIconSize(QSize(24, 24))
        return button

    def set_recent(self, paths: list[Path]) -> None:
        """The drafts opened last, newest first, each with its folder below its name (two
        of one name are this year's and last year's)."""
        self.recent.clear()
        for path in paths:
            item = QListWidgetItem(path.name)
            item.setData(PathRole, str(path))
            item.setData(SECOND_LINE_ROLE, str(path.parent))
            item.setToolTip(str(path))
            self.recent.addItem(item)
        if paths:
            self.recent.setCurrentRow(0)
            self.recent_hint.setText("双击或按回车打开。")
        else:
            self.recent_hint.setText("还没有打开过草稿。打开或保存过的草稿会列在这里。")
        self.recent.setVisible(bool(paths))
