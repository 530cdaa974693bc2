"""Hostile files imported in the window: one box titled 无法导入 with the clerk's sentence,
never an internal-error box (once an empty one), the open draft untouched."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QFileDialog, QMessageBox

from declapp.export import export_draft
from declapp.gui import errors as gui_errors

# The import tests' hostile files.
from importing import hostile  # isort: skip


@pytest.fixture
def ours(tmp_path, example_draft):
    target = tmp_path / "form.docx"
    export_draft(example_draft, target)
    return target


@pytest.mark.parametrize("case", ["laughs", "random", "nested", "pdf-page"])
def test_a_hostile_file_is_one_sentence_in_the_window(qtbot, window, monkeypatch, tmp_path,
                                                       ours, example_file, example_draft,
                                                       case):
    assert window.file_actions.open_path(example_file)
    if case == "laughs":
        bad = hostile.with_doctype(ours, tmp_path / "坏.docx", hostile.BILLION_LAUGHS)
    elif case == "random":
        bad = hostile.random_document(ours, tmp_path / "坏.docx", 5000)
    elif case == "nested":
        bad = hostile.nested_tables(ours, tmp_path / "坏.docx", 1000)
    else:  # one flipped byte in our PDF (found by the fuzz test): pdfium fails on a page
        good = tmp_path / "good.pdf"
        export_draft(example_draft, good)
        bad = tmp_path / "坏.pdf"
        bad.write_bytes(good.read_bytes().replace(b"/Type /Page\n", b"/Type /PagE\n", 1))
    shown: list[tuple[str, str]] = []
    monkeypatch.setattr(QMessageBox, "warning",
                        lambda parent, title, text, *a: shown.append((title, text)))
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a: (str(bad), ""))
    window.menu_actions["actionImport"].trigger()
    qtbot.waitUntil(lambda: not window.ops.busy(), timeout=30000)
    assert gui_errors.shown_box() is None
    assert len(shown) == 1, shown
    title, text = shown[0]
    assert title == "无法导入" and bad.name in text
    assert "内部错误" not in text and "Error" not in text and "\n" not in text
    assert window.doc.path == example_file.resolve() and not window.isWindowModified()
