"""The house holds its shape: imports run one way, the core never imports Qt.

The imports of every module of ``declapp/`` are read with ``ast`` (imports inside
functions count; those under ``if TYPE_CHECKING:`` do not, as they never run).
"""

from __future__ import annotations

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[1] / "declapp"

# declapp.gui, lowest first: a module imports its own layer's package or lower layers,
# never a higher one, and never another package of its own layer.
GUI_LAYERS: tuple[tuple[str, ...], ...] = (
    ("declapp.gui.pyside_fixes", "declapp.gui.settings", "declapp.gui.ops",
     "declapp.gui.errors", "declapp.gui.qt_setup"),
    ("declapp.gui.widgets",),
    ("declapp.gui.document",),
    ("declapp.gui.dialogs",),
    ("declapp.gui.tabs", "declapp.gui.indicators"),
    ("declapp.gui.services", "declapp.gui.panels"),
    ("declapp.gui.main_window",),
    ("declapp.gui.app",),
)
# The core, lowest first, under the same rule. ``declapp`` itself (the version) and
# ``declapp.errors`` (the one base of the clerk's errors) sit below everything.
CORE_LAYERS: tuple[tuple[str, ...], ...] = (
    ("declapp.errors", "declapp.system"),
    ("declapp.form",),
    ("declapp.storage", "declapp.indicators"),
    ("declapp.editing", "declapp.checks"),
    ("declapp.layout",),
    ("declapp.export",),
    ("declapp.importing", "declapp.library"),
    ("declapp.cli",),
)
# The command line starts the window: the one place the core reaches into declapp.gui.
CORE_TO_GUI = {("declapp.cli.commands", "declapp.gui.app")}
QT = ("PySide6", "shiboken6")


def _module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


MODULES = {_module_name(p): p for p in PACKAGE.rglob("*.py")}


def _is_type_checking(node: ast.If) -> bool:
    test = node.test
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING")


def _imports(path: Path) -> set[str]:
    """Every module name *path* imports, resolved to modules of declapp where it can be."""
    found: set[str] = set()

    def visit(node: ast.AST) -> None:
        if isinstance(node, ast.If) and _is_type_checking(node):
            for child in node.orelse:
                visit(child)
            return
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            for alias in node.names:
                sub = f"{node.module}.{alias.name}"
                found.add(sub if sub in MODULES else node.module)
        for child in ast.iter_child_nodes(node):
            visit(child)

    visit(ast.parse(path.read_text(encoding="utf-8")))
    return found


GRAPH = {name: {m for m in _imports(path) if m in MODULES and m != name}
         for name, path in MODULES.items()}


def _layer(module: str, layers: tuple[tuple[str, ...], ...] = GUI_LAYERS
           ) -> tuple[int, str] | None:
    for rank, members in enumerate(layers):
        for member in members:
            if module == member or module.startswith(member + "."):
                return rank, member
    return None


def test_no_import_cycles():
    cycles: list[list[str]] = []
    state: dict[str, int] = {}  # 1 on the current path, 2 done
    path: list[str] = []

    def walk(module: str) -> None:
        state[module] = 1
        path.append(module)
        for target in sorted(GRAPH[module]):
            if state.get(target) == 1:
                cycles.append([*path[path.index(target):], target])
            elif target not in state:
                walk(target)
        path.pop()
        state[module] = 2

    for module in sorted(GRAPH):
        if module not in state:
            walk(module)
    assert cycles == []


def test_the_core_never_imports_qt_or_the_window():
    offenders = []
    for name, path in MODULES.items():
        if name.startswith("declapp.gui"):
            continue
        for imported in _imports(path):
            if imported.split(".")[0] in QT:
                offenders.append(f"{name} imports {imported}")
            elif imported.startswith("declapp.gui") and (name, imported) not in CORE_TO_GUI:
                offenders.append(f"{name} imports {imported}")
    assert offenders == []


def test_the_window_imports_run_one_way():
    offenders = []
    for name in MODULES:
        here = _layer(name)
        if here is None:
            continue
        for target in GRAPH[name]:
            there = _layer(target)
            if there is None:
                continue
            if there[0] > here[0] or (there[0] == here[0] and there[1] != here[1]):
                offenders.append(f"{name} imports {target}")
    assert offenders == []


def test_the_core_imports_run_one_way():
    offenders = []
    for name in MODULES:
        here = _layer(name, CORE_LAYERS)
        if here is None:
            continue
        for target in GRAPH[name]:
            there = _layer(target, CORE_LAYERS)
            if there is None:
                continue
            if there[0] > here[0] or (there[0] == here[0] and there[1] != here[1]):
                offenders.append(f"{name} imports {target}")
    assert offenders == []


def test_every_core_module_has_a_folder_and_a_layer():
    # The core is arranged by role: only the package's own entry points sit at the top.
    top = {"declapp", "declapp.__main__", "declapp.errors"}
    assert [n for n in MODULES if not n.startswith("declapp.gui") and n not in top
            and _layer(n, CORE_LAYERS) is None] == []
    assert [n for n in MODULES if n.count(".") == 1 and n not in top
            and n.removeprefix("declapp.") not in {
                p.name for p in PACKAGE.iterdir() if p.is_dir()}] == []


def test_no_private_names_imported_across_modules():
    # A module's _private helpers are its own: another module that needs one needs a
    # public function instead.
    offenders = []
    for name, path in MODULES.items():
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and node.module and \
                    node.module.startswith("declapp"):
                offenders += [f"{name} imports {node.module}.{a.name}" for a in node.names
                              if a.name.startswith("_") and not a.name.startswith("__")]
    assert offenders == []


def test_every_window_module_has_a_layer():
    assert [n for n in MODULES
            if n.startswith("declapp.gui.") and _layer(n) is None] == []


def test_the_graph_sees_imports():
    # The walk above is only worth something if it finds the imports that are there.
    assert "declapp.editing" in GRAPH["declapp.gui.document.document"]
    assert "declapp.gui.document.document" in GRAPH["declapp.gui.indicators.model"]
    assert "declapp.gui.app" in GRAPH["declapp.cli.commands"]  # inside a function
    assert "declapp.gui.document.document" not in GRAPH["declapp.gui.document.commands"]
