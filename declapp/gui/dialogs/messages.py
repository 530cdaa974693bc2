"""The editor's message boxes: save changes?, errors, about, confirmations."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from pathlib import Path

from PySide6.QtCore import QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QMainWindow, QMessageBox, QWidget

from declapp import APP_NAME
from declapp.checks import ERROR, Finding, check_draft
from declapp.cli.about import about_html
from declapp.form.model import Draft

SAVE, DISCARD, CANCEL = "save", "discard", "cancel"
OVERWRITE, SAVE_AS = "overwrite", "save-as"


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


def _when(moment: datetime) -> str:
    today = datetime.now().date()
    return f"{moment:%H:%M:%S}" if moment.date() == today else f"{moment:%Y-%m-%d %H:%M:%S}"


def ask_file_changed(parent: QWidget, name: str, on_disk: datetime, here: datetime) -> str:
    """覆盖 / 另存为 / 取消 when the draft's file changed on disk since this window read or
    wrote it; says which side is newer. Returns OVERWRITE, SAVE_AS or CANCEL."""
    disk_newer = on_disk > here
    box = QMessageBox(QMessageBox.Icon.Warning, "文件已在别处修改",
                      f"“{name}”在本窗口打开（或上次保存）之后，已被另一个窗口或程序修改过。",
                      QMessageBox.StandardButton.NoButton, parent)
    box.setInformativeText(
        f"磁盘上的文件：修改于 {_when(on_disk)}{'（较新）' if disk_newer else ''}\n"
        f"本窗口中的内容：最后修改于 {_when(here)}{'' if disk_newer else '（较新）'}\n\n"
        "覆盖：用本窗口的内容替换磁盘上的文件，那边的修改会丢失。\n"
        "另存为：把本窗口的内容保存为另一个文件，两份都保留。")
    overwrite = box.addButton("覆盖", QMessageBox.ButtonRole.DestructiveRole)
    save_as = box.addButton("另存为…", QMessageBox.ButtonRole.AcceptRole)
    cancel = box.addButton("取消", QMessageBox.ButtonRole.RejectRole)
    box.setDefaultButton(save_as)
    box.setEscapeButton(cancel)
    box.exec()
    clicked = box.clickedButton()
    if clicked is overwrite:
        return OVERWRITE
    if clicked is save_as:
        return SAVE_AS
    return CANCEL


def clear_status(parent: QWidget | None) -> None:
    """An action failed: the line in the window's status bar is about an earlier one
    (已保存到…), and must not stand beside the failure as if it were its outcome."""
    window = parent.window() if parent is not None else None
    if isinstance(window, QMainWindow):
        window.statusBar().clearMessage()


def show_error(parent: QWidget, title: str, message: str) -> None:
    clear_status(parent)
    QMessageBox.critical(parent, title, message)


def show_warning(parent: QWidget | None, title: str, message: str) -> None:
    """A failure that leaves the draft as it was (an export, an import, printing)."""
    clear_status(parent)
    QMessageBox.warning(parent, title, message)


def show_about(parent: QWidget) -> None:
    """关于: the version, the licences, the fonts bundled for the PDF."""
    QMessageBox.about(parent, f"关于{APP_NAME}", about_html())


CARRIED_IDS = ("carried-amount", "carried-cost")
Review = Callable[[Finding], object]  # show the finding where it is (the window's problems)


def confirm_despite_errors(parent: QWidget, draft: Draft, doing: str,
                           review: Review | None = None) -> bool:
    """Before an export or print: list the check errors and the figures still as they
    came with last year's form, and ask whether to go on (仍然导出 / 去检查 / 取消);
    True when there are none or the clerk goes on. 去检查 hands the first of them to
    *review* and goes no further."""
    findings = check_draft(draft)
    errors = [f for f in findings if f.severity == ERROR]
    # Last year's figures the clerk has neither retyped nor marked 已核对.
    carried = [f for f in findings if f.id in CARRIED_IDS and not f.reviewed]
    if not errors and not carried:
        return True
    parts = []
    if errors:
        lines = "\n".join(f"• {f.message}" for f in errors[:8])
        more = f"\n……还有 {len(errors) - 8} 个" if len(errors) > 8 else ""
        parts.append(f"表单还有 {len(errors)} 个错误：\n\n{lines}{more}")
    if carried:
        where = "、".join(dict.fromkeys(
            (f.place.split(" › ")[-1] or f.location) if f.id == "carried-amount" else "成本指标"
            for f in carried))
        parts.append(f"有 {len(carried)} 处金额和数字是从上一年度草稿带来的，还没有核对"
                     f"（{where}）：导出的表上会是上一年度的数。")
    title = "表单有错误" if errors else "上一年度的数字尚未核对"
    box = QMessageBox(QMessageBox.Icon.Warning, title,
                      "\n\n".join(parts) + f"\n\n仍然{doing}吗？",
                      QMessageBox.StandardButton.NoButton, parent)
    go = box.addButton(f"仍然{doing}", QMessageBox.ButtonRole.AcceptRole)
    check = box.addButton("去检查", QMessageBox.ButtonRole.ActionRole) \
        if review is not None else None
    cancel = box.addButton("取消", QMessageBox.ButtonRole.RejectRole)
    box.setDefaultButton(check or cancel)
    box.setEscapeButton(cancel)
    box.exec()
    clicked = box.clickedButton()
    if check is not None and clicked is check and review is not None:
        review((errors or carried)[0])
        return False
    return clicked is go


def confirm_delete(parent: QWidget, what: str, items: int) -> bool:
    """Ask before a delete that takes *items* 具体指标 with it."""
    answer = QMessageBox.question(
        parent, "删除指标", f"要删除{what}吗？\n\n其中的 {items} 项具体指标会一起删除；"
        "删除后可以用“撤销”（Ctrl+Z）恢复。",
        QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel,
        QMessageBox.StandardButton.Cancel)
    return answer == QMessageBox.StandardButton.Yes


def confirm_duplicate(parent: QWidget, category: str, row: int) -> bool:
    """Ask before inserting an indicator the category already holds (as item *row*)."""
    answer = QMessageBox.question(
        parent, "重复的指标", f"“{category}”的第 {row} 项已经是这个指标。\n\n"
        "还要再插入一项相同的吗？表上会印两遍。",
        QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
        QMessageBox.StandardButton.No)
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
    clear_status(parent)
    box = QMessageBox(QMessageBox.Icon.Warning, "无法保存", message,
                      QMessageBox.StandardButton.Cancel, parent)
    save_as = box.addButton("另存为…", QMessageBox.ButtonRole.AcceptRole)
    box.button(QMessageBox.StandardButton.Cancel).setText("取消")
    box.setDefaultButton(save_as)
    box.exec()
    return box.clickedButton() is save_as
