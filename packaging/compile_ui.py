"""The Qt Designer forms of ui/ as Python: ``python packaging/compile_ui.py [--check]``.

Building a form with QUiLoader at start reads its XML and sets every property through
Qt's meta-object system (about 40 ms for the main window and the indicator tab, a tenth
of the start). ``pyside6-uic`` turns each ``ui/<name>.ui`` into plain Python instead,
written to ``declapp/gui/widgets/forms/<name>.py`` with the sha256 of the .ui it was made
from. ``declapp.gui.widgets.uiload`` uses such a module only while the .ui still has that
hash, and QUiLoader otherwise: the .ui files stay the source, and one edited in Designer
is never shown from a stale copy. Run this after editing a form (the tests say when it
is due); ``--check`` only reports the forms whose Python is missing or stale.
"""

from __future__ import annotations

import argparse
import ast
import hashlib
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
UI = ROOT / "ui"
FORMS = ROOT / "declapp" / "gui" / "widgets" / "forms"
FOOTER = '''

# Made from ui/{ui} by packaging/compile_ui.py. uiload builds the form
# from here only while ui/{ui} has this sha256.
UI_SHA256 = "{sha}"
TOP = {top}
FORM = {form}
'''


def ui_sha256(ui_file: Path) -> str:
    return hashlib.sha256(ui_file.read_bytes()).hexdigest()


def module_path(ui_file: Path) -> Path:
    return FORMS / f"{ui_file.stem}.py"


def recorded_sha256(module: Path) -> str | None:
    """The hash a compiled module was made from, read without importing it."""
    if not module.is_file():
        return None
    for line in module.read_text(encoding="utf-8").splitlines():
        if line.startswith("UI_SHA256 = "):
            return line.split('"')[1]
    return None


def stale_forms() -> list[Path]:
    """The .ui files whose compiled module is missing or was made from another version."""
    return [ui for ui in sorted(UI.glob("*.ui"))
            if recorded_sha256(module_path(ui)) != ui_sha256(ui)]


def used_imports_only(code: str, extra: set[str]) -> str:
    """*code* with its ``from … import (…)`` lists cut to the names it uses (and
    *extra*): uic imports some forty Qt classes whatever the form holds, and PySide
    makes each class, with all its enums, when it is first imported."""
    tree = ast.parse(code)
    used = {node.id for node in ast.walk(tree) if isinstance(node, ast.Name)} | extra
    lines = code.splitlines(keepends=True)
    for node in reversed(tree.body):
        if not isinstance(node, ast.ImportFrom) or node.end_lineno is None:
            continue
        names = [alias.name for alias in node.names if alias.name in used]
        start, end = node.lineno - 1, node.end_lineno
        if names:
            lines[start:end] = [f"from {node.module} import {', '.join(names)}\n"]
        else:
            del lines[start:end]
    return "".join(lines)


def _uic() -> Path:
    import PySide6

    folder = Path(PySide6.__file__).resolve().parent
    found = [folder / "Qt" / "libexec" / "uic", folder / "uic.exe", folder / "uic"]
    for exe in found:
        if exe.is_file():
            return exe
    raise SystemExit(f"uic not found beside PySide6 ({folder})")


def compile_form(ui_file: Path) -> Path:
    """Write the compiled module for *ui_file*; its path."""
    root = ET.parse(ui_file).getroot()
    top = root.find("widget")
    form_class = root.findtext("class")
    if top is None or not form_class:
        raise SystemExit(f"{ui_file.name}: no top-level widget")
    done = subprocess.run([str(_uic()), "-g", "python", str(ui_file)], capture_output=True,
                          text=True, encoding="utf-8", check=True)
    code = done.stdout.replace("\r\n", "\n").rstrip("\n") + "\n"
    code = used_imports_only(code, {str(top.get("class"))})
    code += FOOTER.format(ui=ui_file.name, sha=ui_sha256(ui_file), top=top.get("class"),
                          form=f"Ui_{form_class}")
    target = module_path(ui_file)
    target.write_text(code, encoding="utf-8", newline="\n")
    return target


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true",
                        help="only list the forms whose Python is missing or stale")
    args = parser.parse_args(argv)
    stale = stale_forms()
    if args.check:
        for ui in stale:
            print(f"stale: {ui.relative_to(ROOT)}")
        return 1 if stale else 0
    FORMS.mkdir(parents=True, exist_ok=True)
    for ui in sorted(UI.glob("*.ui")):
        print(f"{ui.relative_to(ROOT)} -> {compile_form(ui).relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
