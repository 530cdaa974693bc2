"""The forms of ui/ are built from their compiled Python (packaging/compile_ui.py) while
that is current, and they come out as QUiLoader builds them from the .ui file."""

from __future__ import annotations

import importlib
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import QObject
from PySide6.QtGui import QAction, QIcon
from PySide6.QtWidgets import QLayout, QVBoxLayout, QWidget

from declapp.gui.widgets import uiload
from declapp.system.paths import ui_path

ROOT = Path(__file__).resolve().parents[2]
FORMS = sorted(p.name for p in (ROOT / "ui").glob("*.ui"))
sys.path.insert(0, str(ROOT / "packaging"))
import compile_ui  # noqa: E402


def test_every_form_has_python_compiled_from_it_as_it_is_now():
    assert FORMS
    stale = [ui.name for ui in compile_ui.stale_forms()]
    assert stale == [], f"run python packaging/compile_ui.py (stale: {stale})"


def _value(value: object) -> object:
    if isinstance(value, QObject):
        return type(value).__name__  # a widget or layout the property points to
    if isinstance(value, QIcon):
        return value.isNull(), value.availableSizes()
    if type(value).__eq__ is object.__eq__ and hasattr(value, "isNull"):
        return type(value).__name__, value.isNull()  # a pixmap: compared by identity
    return value


def _properties(obj: QObject) -> dict[str, object]:
    meta = obj.metaObject()
    found: dict[str, object] = {}
    for i in range(meta.propertyCount()):
        prop = meta.property(i)
        if prop.isReadable():
            found[prop.name()] = _value(prop.read(obj))
    return found


def _tree(root: QObject) -> list[tuple[str, str, str, dict[str, object]]]:
    """Every object under *root* (itself included) in order: its place among its
    parent's children, class, name and properties."""
    out: list[tuple[str, str, str, dict[str, object]]] = []

    def visit(obj: QObject, place: str) -> None:
        out.append((place, obj.metaObject().className(), obj.objectName(), _properties(obj)))
        # QUiLoader adds a watcher that builds the texts again when the language changes,
        # which it never does here.
        kids = [k for k in obj.children()
                if k.metaObject().className() != "QFormInternal::TranslationWatcher"]
        for i, kid in enumerate(kids):
            visit(kid, f"{place}/{i}")
        if isinstance(obj, QWidget):
            for action in obj.actions():
                out.append((f"{place}/action", "QAction", action.objectName(),
                            {"text": action.text(), "menu": bool(action.menu())}))

    visit(root, "")
    return out


def _settle(form: QWidget) -> None:
    """Every layout placing its widgets afresh, as when a hidden page of a stack is shown
    (the compiled form measures its widgets before their texts are set, QUiLoader after:
    until then a hidden page keeps what it measured)."""
    layouts = form.findChildren(QLayout)
    for layout in layouts:
        layout.invalidate()
    for layout in reversed(layouts):  # the innermost first: the outer ones measure them
        layout.activate()


def _built_by_quiloader(name: str, parent: QWidget) -> QWidget:
    path = ui_path(name)
    return uiload._load_with_quiloader(path, path.read_bytes(), parent)


@pytest.mark.parametrize("name", FORMS)
def test_the_compiled_form_builds_what_quiloader_builds(qtbot, name):
    compiled_host, loaded_host = QWidget(), QWidget()
    qtbot.addWidget(compiled_host)
    qtbot.addWidget(loaded_host)
    build = uiload.compiled_form(name, ui_path(name).read_bytes())
    assert build is not None
    compiled = build(compiled_host)
    loaded = _built_by_quiloader(name, loaded_host)
    for host, form in ((compiled_host, compiled), (loaded_host, loaded)):
        layout = QVBoxLayout(host)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(form)
        host.resize(1000, 700)
        host.show()
        qtbot.waitExposed(host)
        _settle(form)
    compiled_tree, loaded_tree = _tree(compiled), _tree(loaded)
    assert [row[:3] for row in compiled_tree] == [row[:3] for row in loaded_tree]
    for mine, theirs in reversed(list(zip(compiled_tree, loaded_tree, strict=True))):
        differing = {key: (value, theirs[3].get(key)) for key, value in mine[3].items()
                     if theirs[3].get(key) != value}
        assert differing == {}, f"{name} {mine[1]} {mine[2]!r}"
    # The menus' actions are the same objects in both: the window finds them by name.
    assert sorted(a.objectName() for a in compiled.findChildren(QAction)) == \
        sorted(a.objectName() for a in loaded.findChildren(QAction))


def test_a_form_edited_since_it_was_compiled_is_read_from_the_ui_file(qtbot, monkeypatch):
    module = importlib.import_module(f"{uiload.FORMS_PACKAGE}.indicators_tab")
    built: list[QWidget] = []
    original = module.FORM.setupUi
    monkeypatch.setattr(module.FORM, "setupUi",
                        lambda self, widget: built.append(widget) or original(self, widget))
    host = QWidget()
    qtbot.addWidget(host)
    uiload.load_ui("indicators_tab.ui", host)
    assert len(built) == 1  # current: the compiled module built it

    monkeypatch.setattr(module, "UI_SHA256", "0" * 64)  # as after an edit in Designer
    form = uiload.load_ui("indicators_tab.ui", host)
    assert len(built) == 1  # the stale module was left alone
    assert form.objectName() == "IndicatorsTab"
    assert [row[:3] for row in _tree(form)] == \
        [row[:3] for row in _tree(_built_by_quiloader("indicators_tab.ui", host))]


def test_a_missing_form_is_an_installation_problem_said_loudly(qtbot):
    with pytest.raises(uiload.UiError, match="界面文件缺失"):
        uiload.load_ui("no_such_form.ui")
