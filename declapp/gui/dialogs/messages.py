"""The editor's message boxes: save changes?, errors, about, confirmations."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QMessageBox, QWidget

from declapp import APP_NAME
from declapp.checks import ERROR, check_draft
from declapp.cli.about import about_html
from declapp.form.model import Draft

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
    """关于: the version, the licences, the fonts bundled for the PDF."""
    QMessageBox.about(parent, f"关于{APP_NAME}", about_html())


def confirm_despite_errors(parent: QWidget, draft: Draft, doing: str) -> bool:
    """List the check errors and ask whether to go on; True when there are none."""
    errors = [f for f in check_draft(draft) if f.severity == ERROR]
    if not errors:
        return True
    lines = "\n".join(f"• {f.message}" for f in errors[:8])
    more = f"\n……还有 {len(errors) - 8} 个" if len(errors) > 8 else ""
    answer = QMessageBox.warning(
        parent, "表单有错误",
        f"表单还有 {len(errors)} 个错误：\n\n{lines}{more}\n\n仍然{doing}吗？",
        QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel,
        QMessageBox.StandardButton.Cancel)
    return answer == QMessageBox.StandardButton.Yes


def confirm_delete(parent: QWidget, what: str, items: int) -> bool:
    """Ask before a delete that takes *items* 具体指标 with it."""
    answer = QMessageBox.question(
        parent, "删除指标", f"要删除{what}吗？\n\n其中的 {items} 项具体指标会一起删除；"
        "删除后可以用“撤销”（Ctrl+Z）恢复。",
        QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel,
        QMessageBox.StandardButton.Cancel)
    return answer == QMessageBox.StandardButton.Yes


def confirm_template_switch(parent: QWidget, name: str, left: list[str]) -> bool:
    """Ask before another template moves what it has no place for into the notes."""
    shown = "\n".join(f"· {line[:60]}" for line in left[:8])
    more = f"\n……共 {len(left)} 项" if len(left) > 8 else ""
    answer = QMessageBox.question(
        parent, "更换模板", f"“{name}”没有放下面这些内容的栏目：\n\n{shown}{more}\n\n"
        "更换后它们会带着标记移到“其他说明”的末尾（不会丢失），可以用“撤销”（Ctrl+Z）"
        "换回。要更换吗？",
        QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel,
        QMessageBox.StandardButton.Cancel)
    return answer == QMessageBox.StandardButton.Yes


def open_with_system(parent: QWidget, path: Path, folder: bool = False) -> bool:
    """Open *path* (or its folder) with the program the system uses for it; say so when
    there is none (a bare office PC may have no viewer for .docx, a server no launcher)."""
    target = path.parent if folder else path
    if QDesktopServices.openUrl(QUrl.fromLocalFile(str(target))):
        return True
    if folder:
        text = f"无法打开文件夹“{target}”：这台电脑上没有可用的文件管理器。请手动找到这个文件夹。"
    else:
        text = (f"无法打开“{path.name}”：这台电脑上没有能打开 {path.suffix} 文件的程序"
                f"（例如 WPS 或 Office）。\n\n文件已保存在：{path}")
    QMessageBox.information(parent, "无法打开", text)
    return False


def offer_save_as(parent: QWidget, message: str) -> bool:
    """Say why the file cannot be written and offer 另存为…; True when the clerk takes it."""
    box = QMessageBox(QMessageBox.Icon.Warning, "无法保存", message,
                      QMessageBox.StandardButton.Cancel, parent)
    save_as = box.addButton("另存为…", QMessageBox.ButtonRole.AcceptRole)
    box.button(QMessageBox.StandardButton.Cancel).setText("取消")
    box.setDefaultButton(save_as)
    box.exec()
    return box.clickedButton() is save_as
