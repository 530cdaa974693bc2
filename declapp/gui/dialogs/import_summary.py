"""导入: what was read from the file, shown before anything is opened.

The clerk sees the template and year found, how much was read, how it was read (the
draft our export carried, or the table's text), and every warning, then chooses 导入 or
取消. 导入 does not close the dialog by itself: the window first asks about unsaved
changes, and a clerk who cancels that question is back here, not at an empty window.
"""

from __future__ import annotations

from PySide6.QtCore import QRect, QSize, Qt, Signal
from PySide6.QtGui import QGuiApplication, QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialogButtonBox,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QStyle,
    QWidget,
)

from declapp.gui.dialogs.base import Dialog
from declapp.gui.widgets.uiload import DIALOG_MARGINS, child, embed_ui
from declapp.importing import DraftOrigin, ImportResult

FORMAT_NAMES = {"docx": "Word 文档", "xlsx": "Excel 工作簿", "pdf": "PDF 文件"}
# Wide enough for a warning of about 40 characters a line; the list, not the dialog,
# grows with the number of warnings.
DIALOG_WIDTH = 640
LIST_MIN_HEIGHT = 90
LIST_MAX_HEIGHT = 320


def origin_text(result: ImportResult) -> str:
    """How the draft was read, in the clerk's words."""
    kind = FORMAT_NAMES.get(result.source_format, "文件")
    text = {
        DraftOrigin.EMBEDDED: f"本程序导出的 {kind}：按导出时保存在文件中的草稿原样还原，"
                              "每一栏都与导出时相同",
        DraftOrigin.TEXT: f"按 {kind}中表格的文字读出",
        DraftOrigin.TEXT_OVER_EMBEDDED: f"按 {kind}中表格现在的文字读出（这份文件由本程序导出后"
                                        "又被修改过，所以没有使用导出时保存的草稿）",
    }[result.origin]
    if result.converted_from:
        text += f"。原文件是旧格式（{result.converted_from}），已先用 LibreOffice 转换"
    return text + "。"


def counts_text(result: ImportResult) -> str:
    c = result.counts
    return (f"{c.groups} 个一级指标，{c.categories} 个二级指标，{c.items} 条具体指标；"
            f"全表共 {c.characters:,} 字")


class ImportSummaryDialog(Dialog):
    """The summary of one import; ``importRequested`` when the clerk clicks 导入."""

    importRequested = Signal()

    def __init__(self, result: ImportResult, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.import_result = result
        form = embed_ui(self, "import_summary_dialog.ui", DIALOG_MARGINS)
        self.setWindowTitle(f"导入申报表 — {result.source.name}")
        self.heading: QLabel = child(form, QLabel, "headingLabel")
        self.heading.setText(f"已读出“{result.source.name}”。请核对以下内容，再决定是否导入。")
        self.heading.setToolTip(str(result.source))
        font = self.heading.font()
        font.setBold(True)
        self.heading.setFont(font)
        self.values = {name: child(form, QLabel, f"{name}Value")
                       for name in ("template", "year", "counts", "origin")}
        self.values["template"].setText(result.profile.name)
        self.values["year"].setText(f"{result.year} 年度")
        self.values["counts"].setText(counts_text(result))
        self.values["origin"].setText(origin_text(result))

        self.warnings_label: QLabel = child(form, QLabel, "warningsLabel")
        self.warning_list: QListWidget = child(form, QListWidget, "warningList")
        self._fill_warnings(result.warnings)

        buttons: QDialogButtonBox = child(form, QDialogButtonBox, "buttons")
        self.import_button = buttons.addButton("导入", QDialogButtonBox.ButtonRole.AcceptRole)
        self.cancel_button = buttons.addButton("取消", QDialogButtonBox.ButtonRole.RejectRole)
        self.copy_button: QPushButton = buttons.addButton(
            "复制摘要", QDialogButtonBox.ButtonRole.ActionRole)
        self.copy_button.setToolTip("把以上内容和全部提示复制到剪贴板，可以粘贴到别处留底")
        self.import_button.setDefault(True)
        self.import_button.setFocus()  # not the list: its first row would look selected
        buttons.accepted.connect(self.importRequested)
        buttons.rejected.connect(self.reject)
        self.copy_button.clicked.connect(self.copy_summary)
        self.setMinimumWidth(480)
        self.warning_list.setMinimumHeight(LIST_MIN_HEIGHT)
        self._sized = False

    def _fill_warnings(self, warnings: list[str]) -> None:
        if not warnings:
            self.warnings_label.setText("没有发现需要核对的问题。")
            self.warning_list.hide()
            return
        self.warnings_label.setText(f"需要核对的地方（{len(warnings)} 处）：")
        lst = self.warning_list
        lst.setWordWrap(True)  # a warning is a sentence: wrapped, never cut off
        lst.setTextElideMode(Qt.TextElideMode.ElideNone)
        lst.setResizeMode(QListWidget.ResizeMode.Adjust)  # re-wrap when the dialog resizes
        lst.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        lst.setSpacing(2)
        lst.setIconSize(QSize(16, 16))
        warning_icon = self.style().standardIcon(QStyle.StandardPixmap.SP_MessageBoxWarning)
        for text in warnings:
            QListWidgetItem(warning_icon, text, lst)

    def showEvent(self, event: QShowEvent) -> None:
        if not self._sized:  # measured once shown: fonts and style are only final then
            self._sized = True
            self._size_to_contents()
        super().showEvent(event)

    def _size_to_contents(self) -> None:
        """As wide as a sentence; as tall as the warnings need, up to a limit (the list
        scrolls beyond it), so a file with fifty warnings does not fill the screen."""
        layout = self.layout()
        assert layout is not None  # embed_ui gave the dialog its layout
        layout.activate()
        height = layout.totalHeightForWidth(DIALOG_WIDTH) if layout.hasHeightForWidth() \
            else self.sizeHint().height()
        lst = self.warning_list
        if not lst.isHidden():
            # The list's size hint knows nothing of its rows: measure them at the width
            # the list will have.
            list_width = DIALOG_WIDTH - (self.width() - lst.width())
            wanted = min(max(self._rows_height(list_width), LIST_MIN_HEIGHT), LIST_MAX_HEIGHT)
            height += wanted - lst.sizeHint().height()
        self.resize(DIALOG_WIDTH, height)

    def _rows_height(self, list_width: int) -> int:
        """The height of the warning rows, wrapped in a list *list_width* wide."""
        lst = self.warning_list
        metrics = lst.fontMetrics()
        text_width = list_width - 2 * lst.frameWidth() - lst.iconSize().width() - 24
        rows = 0
        for n in range(lst.count()):
            bound = metrics.boundingRect(QRect(0, 0, max(text_width, 50), 100_000),
                                         int(Qt.TextFlag.TextWordWrap), lst.item(n).text())
            rows += max(bound.height(), lst.iconSize().height()) + 4 + 2 * lst.spacing()
        return rows + 2 * lst.frameWidth()

    def warnings_shown(self) -> list[str]:
        return [self.warning_list.item(n).text() for n in range(self.warning_list.count())]

    def summary_text(self) -> str:
        """The dialog as plain text: what 复制摘要 puts on the clipboard."""
        lines = [f"导入文件：{self.import_result.source}",
                 f"模板：{self.values['template'].text()}",
                 f"年度：{self.values['year'].text()}",
                 f"读出内容：{self.values['counts'].text()}",
                 f"读取方式：{self.values['origin'].text()}"]
        warnings = self.warnings_shown()
        if warnings:
            lines.append(f"需要核对的地方（{len(warnings)} 处）：")
            lines.extend(f"{n}. {text}" for n, text in enumerate(warnings, start=1))
        else:
            lines.append("没有发现需要核对的问题。")
        return "\n".join(lines)

    def copy_summary(self) -> None:
        QGuiApplication.clipboard().setText(self.summary_text())
        self.copy_button.setText("已复制")
