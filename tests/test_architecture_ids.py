"""One form definition drives the program (issue 16): outside ``declapp/form/`` the core
never names a template's field by its id. A check, the layout or an exporter that wrote
``draft.text("department.name")`` would work for the forms that have that field and
silently do nothing for a 财政局's own template; it asks the definition instead (the
field with the role ``unit_name``, the template's ``checks.cost_budget``, its tables and
trees).

The ids are collected from the bundled templates; every string constant of every core
module outside ``declapp/form/`` is compared with them (read with ``ast``: docstrings and
comments may name ids, code may not). The window is the lead's and not scanned here.
"""

from __future__ import annotations

import ast
from pathlib import Path

from declapp.form.model import MAIN_TREE
from declapp.form.templates import all_templates

PACKAGE = Path(__file__).resolve().parents[1] / "declapp"
# Where the core may name ids: the form definition itself, and the reader of draft format
# versions 1 and 2, whose fixed keys (department, funds, goals, notes) are the old
# format's own vocabulary, mapped onto version 3 there and nowhere else.
ALLOWED = {PACKAGE / "form", PACKAGE / "storage" / "legacy.py"}
NOT_SCANNED = {PACKAGE / "gui"}


def template_ids() -> set[str]:
    """Every id a bundled template gives: fields, amounts (with their columns), tables,
    trees, amount blocks. The main tree's id is the program's own (``MAIN_TREE``), the
    name of the file's first tree, not a template's choice."""
    ids: set[str] = set()
    for form in all_templates():
        if not form.bundled:
            continue
        ids |= {f.id for f in form.fields()} | set(form.amount_ids())
        ids |= {p.id for p in (*form.amount_parts(), *form.tables(), *form.trees())}
    return ids - {MAIN_TREE}


def _docstrings(tree: ast.AST) -> set[int]:
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Module | ast.ClassDef | ast.FunctionDef |
                      ast.AsyncFunctionDef) and node.body:
            first = node.body[0]
            if isinstance(first, ast.Expr) and isinstance(first.value, ast.Constant):
                found.add(id(first.value))
    return found


def _role_arguments(tree: ast.AST) -> set[int]:
    """``form.with_role("notes")`` names a role (the field that has it), not an id."""
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and \
                node.func.attr == "with_role":
            found |= {id(arg) for arg in node.args}
    return found


def ids_named(source: str, ids: set[str]) -> list[tuple[int, str]]:
    """(line, id) of each string constant of *source* that is one of *ids*."""
    tree = ast.parse(source)
    skip = _docstrings(tree) | _role_arguments(tree)
    return sorted((node.lineno, node.value) for node in ast.walk(tree)
                  if isinstance(node, ast.Constant) and isinstance(node.value, str)
                  and id(node) not in skip and node.value in ids)


def _core_modules() -> list[Path]:
    def under(path: Path, folders: set[Path]) -> bool:
        return any(path == f or f in path.parents for f in folders)

    return [p for p in sorted(PACKAGE.rglob("*.py"))
            if not under(p, ALLOWED) and not under(p, NOT_SCANNED)]


def offenders(paths: list[Path]) -> list[str]:
    ids = template_ids()
    return [f"{path.name}:{line} names “{name}”" for path in paths
            for line, name in ids_named(path.read_text(encoding="utf-8"), ids)]


def test_no_core_module_outside_the_form_names_a_template_field():
    assert offenders(_core_modules()) == [], \
        "ask the form definition (a role, checks.*, its parts) instead"


def test_the_ids_are_those_of_every_bundled_form():
    ids = template_ids()
    assert {"department.name", "funds.total", "funds.project", "goals", "notes", "tasks",
            "funds.fiscal@y1", "project.period", "mid_indicators", "fill_date"} <= ids
    assert MAIN_TREE not in ids
    assert len(_core_modules()) > 60  # the scan reads the core


def test_the_scan_finds_an_id_named_in_code_and_only_there():
    source = '''
"""Checks on department.name and funds.total (a docstring may name them)."""

def rule(draft, form):
    """The unit's name: goals and notes are fine here too."""
    # a comment naming "department.name" is fine
    name = draft.text("department.name")
    total = draft.amounts["funds.total"]
    notes = form.with_role("notes")  # a role, not an id
    last = draft.amount(f"funds.fiscal@y{1}")
    return name, total, notes, draft.tables.get("tasks"), "goals"
'''
    ids = {"department.name", "funds.total", "notes", "goals", "tasks", "funds.fiscal@y1"}
    assert ids_named(source, ids) == [(7, "department.name"), (8, "funds.total"),
                                      (11, "goals"), (11, "tasks")]


def test_a_module_that_reads_a_field_by_id_is_an_offender(tmp_path):
    module = tmp_path / "by_id.py"
    module.write_text('def rule(draft):\n    return draft.text("department.phone")\n',
                      encoding="utf-8")
    clean = tmp_path / "by_role.py"
    clean.write_text('def rule(draft, form):\n    return draft.text(form.with_role("notes").id)\n',
                     encoding="utf-8")
    assert offenders([module, clean]) == ["by_id.py:2 names “department.phone”"]
