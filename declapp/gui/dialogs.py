"""The small dialogs of the editor: save changes?, errors, new draft, about, help."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QMessageBox,
    QSpinBox,
    QWidget,
)

from declapp import APP_NAME, __version__
from declapp.gui.uiload import DIALOG_MARGINS, child, embed_ui
from declapp.templates import available_templates, load_template

SAVE, DISCARD, CANCEL = "save", "discard", "cancel"


def ask_save_changes(parent: QWidget, name: str) -> str:
    """保存 / 不保存 / 取消 for the unsaved changes of *name*; returns SAVE, DISCARD or CANCEL."""
    box = QMessageBox(QMessageBox.Icon.Warning, APP_NAME,
                      f"“{name}”有尚未保存的修改。", QMessageBox.StandardButton.NoButton, parent)
    box.setInformativeText("要在继续之前保存这些修改吗？")
    box.setStandardButtons(QMessageBox.StandardButton.Save | QMessageBox.StandardButton.Discard
                           | QMessageBox.StandardButton.Cancel)
    box.button(QMessageBox.StandardButton.Save).setText("保存")
    box.button(QMessageBox.StandardButton.Discard).setText("不保存")
    box.button(QMessageBox.StandardButton.Cancel).setText("取消")
    box.setDefaultButton(QMessageBox.StandardButton.Save)
    box.setEscapeButton(QMessageBox.StandardButton.Cancel)
    result = QMessageBox.StandardButton(box.exec())
    if result == QMessageBox.StandardButton.Save:
        return SAVE
    if result == QMessageBox.StandardButton.Discard:
        return DISCARD
    return CANCEL


def show_error(parent: QWidget, title: str, message: str) -> None:
    QMessageBox.critical(parent, title, message)


def show_about(parent: QWidget) -> None:
    QMessageBox.about(
        parent, f"关于{APP_NAME}",
        f"<h3>{APP_NAME}</h3><p>版本 {__version__}</p>"
        "<p>填写、检查、保存、导出和打印部门整体支出绩效目标申报表。</p>")


HELP_TEXT = """<h3>使用说明</h3>
<ol>
<li><b>单位信息</b>：填写部门（单位）名称、年度，选择表格模板。切换模板只改变显示哪些行，已填写的内容都会保留。</li>
<li><b>资金情况</b>：金额以万元为单位，只能输入数字。下方会实时显示资金总额是否等于各项之和。</li>
<li><b>绩效目标</b>：填写绩效目标和其他说明的问题，按回车分段。</li>
<li><b>绩效指标</b>：左侧是指标树（一级指标 → 二级指标 → 具体指标），右侧编辑所选指标。
Insert 添加具体指标，Delete 删除，Ctrl+↑/↓ 移动，F2 编辑，也可以拖动调整顺序。</li>
</ol>
<p>每一步修改都可以用 Ctrl+Z 撤销、Ctrl+Y 重做。窗口标题中的 * 表示有尚未保存的修改。</p>"""


def show_help(parent: QWidget) -> None:
    QMessageBox.information(parent, "使用说明", HELP_TEXT)


class NewDraftDialog(QDialog):
    """新建: choose the template and the year."""

    def __init__(self, parent: QWidget | None, template_id: str, year: int) -> None:
        super().__init__(parent)
        form = embed_ui(self, "new_draft_dialog.ui", DIALOG_MARGINS)
        self.setMinimumWidth(360)
        self.template_combo: QComboBox = child(form, QComboBox, "templateCombo")
        self.year_spin: QSpinBox = child(form, QSpinBox, "yearSpin")
        buttons: QDialogButtonBox = child(form, QDialogButtonBox, "buttons")
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText("新建")
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText("取消")
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        for tid in available_templates():
            self.template_combo.addItem(load_template(tid).name, tid)
        index = self.template_combo.findData(template_id)
        self.template_combo.setCurrentIndex(max(index, 0))
        self.year_spin.setValue(year)

    def template_id(self) -> str:
        return str(self.template_combo.currentData())

    def year(self) -> int:
        return self.year_spin.value()
