"""Loading the Qt Designer forms of ui/ at run time."""

from __future__ import annotations

from typing import TypeVar

from PySide6.QtCore import QFile, QIODevice, QObject
from PySide6.QtUiTools import QUiLoader
from PySide6.QtWidgets import QVBoxLayout, QWidget

from declapp.gui.widgets.text_edit import CleanPlainTextEdit
from declapp.system.paths import ui_path

W = TypeVar("W", bound=QObject)


class UiError(RuntimeError):
    """A bundled form is missing or broken: an installation problem, not a clerk's."""


def load_ui(name: str, parent: QWidget | None = None) -> QWidget:
    """A new widget built from ``ui/<name>`` (QUiLoader cannot fill an existing one)."""
    loader = QUiLoader()
    loader.registerCustomWidget(CleanPlainTextEdit)
    path = ui_path(name)
    file = QFile(str(path))
    if not file.open(QIODevice.OpenModeFlag.ReadOnly):
        raise UiError(f"界面文件缺失：{path}")
    try:
        widget = loader.load(file, parent)
    finally:
        file.close()
    if widget is None:
        raise UiError(f"界面文件无法加载：{path}（{loader.errorString()}）")
    return widget


TAB_MARGINS = (12, 10, 12, 10)
DIALOG_MARGINS = (16, 16, 16, 12)


def embed_ui(host: QWidget, name: str, margins: tuple[int, int, int, int]) -> QWidget:
    """Build ``ui/<name>`` inside *host* (a tab or a dialog) and return the form.

    The form's top widget must be a plain QWidget: a QDialog there would open as a
    window of its own (0×0) instead of filling its host.
    """
    form = load_ui(name, host)
    layout = QVBoxLayout(host)
    layout.setContentsMargins(*margins)
    layout.addWidget(form)
    if host.isWindow():
        host.setWindowTitle(form.windowTitle())
    return form


def child(root: QWidget, cls: type[W], name: str) -> W:
    """The child *name* of *root*; a missing one is a broken form, said loudly."""
    found = root.findChild(cls, name)
    if found is None:
        raise UiError(f"界面文件中缺少控件 {name}")
    return found
