"""Building the Qt Designer forms of ui/.

A form is built from its compiled Python (``widgets/forms``, made by
``packaging/compile_ui.py``) while that was made from the .ui file as it is now, and
read from the .ui file with QUiLoader otherwise (a form edited since, or a module
missing): both build the same widgets, the compiled one in a fraction of the time.
"""

from __future__ import annotations

import hashlib
import importlib
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QObject
from PySide6.QtWidgets import QLayout, QScrollArea, QVBoxLayout, QWidget

from declapp.gui.widgets.text_edit import CleanPlainTextEdit
from declapp.system.paths import ui_path

W = TypeVar("W", bound=QObject)
FORMS_PACKAGE = "declapp.gui.widgets.forms"


class UiError(RuntimeError):
    """A bundled form is missing or broken: an installation problem, not a clerk's."""


def load_ui(name: str, parent: QWidget | None = None) -> QWidget:
    """A new widget built from ``ui/<name>`` (QUiLoader cannot fill an existing one)."""
    path = ui_path(name)
    try:
        source = path.read_bytes()
    except OSError:
        raise UiError(f"界面文件缺失：{path}") from None
    build = compiled_form(name, source)
    if build is not None:
        return build(parent)
    return _load_with_quiloader(path, source, parent)


def compiled_form(name: str, source: bytes) -> Callable[[QWidget | None], QWidget] | None:
    """What builds ``ui/<name>`` from its compiled module, if that was made from
    *source* (the .ui file's bytes); None otherwise."""
    try:
        module = importlib.import_module(f"{FORMS_PACKAGE}.{Path(name).stem}")
    except ImportError:
        return None
    if getattr(module, "UI_SHA256", None) != hashlib.sha256(source).hexdigest():
        return None

    def build(parent: QWidget | None) -> QWidget:
        widget = module.TOP(parent)
        module.FORM().setupUi(widget)
        # The texts were set after the widgets went into their layouts and scroll areas,
        # which measured them empty (QUiLoader sets them first): measured again when
        # next asked.
        for layout in widget.findChildren(QLayout):
            layout.invalidate()
        for area in widget.findChildren(QScrollArea):
            area.setWidget(area.takeWidget())  # forgets the size it measured
        return widget

    return build


def _load_with_quiloader(path: Path, source: bytes, parent: QWidget | None) -> QWidget:
    from PySide6.QtUiTools import QUiLoader  # only for a form not compiled as it is now

    loader = QUiLoader()
    loader.registerCustomWidget(CleanPlainTextEdit)
    buffer = QBuffer()
    buffer.setData(QByteArray(source))
    if not buffer.open(QIODevice.OpenModeFlag.ReadOnly):
        raise UiError(f"界面文件无法读取：{path}")
    try:
        widget = loader.load(buffer, parent)
    finally:
        buffer.close()
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
