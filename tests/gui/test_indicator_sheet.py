"""文件 › 导出 › 一体化指标表: asks for a file named like the other exports, writes it off
the GUI thread, and says where it went and what is still free text."""

from __future__ import annotations

from pathlib import Path

import openpyxl
from PySide6.QtWidgets import QFileDialog, QMessageBox

from declapp.export.indicator_sheet import load_sheet


def test_the_sheet_is_written_beside_the_other_exports_and_says_where(
        qtbot, make_window, example_draft, monkeypatch, tmp_path):
    window = make_window(example_draft)
    out = tmp_path / "导出"
    out.mkdir()
    window.settings.last_export_dir = str(out)
    asked = {}

    def save_dialog(parent, title, proposal, filters):
        asked.update(title=title, proposal=Path(proposal), filters=filters)
        return str(out / "指标"), filters  # the clerk leaves the extension off

    monkeypatch.setattr(QFileDialog, "getSaveFileName", save_dialog)
    action = window.menu_actions["actionExportIndicatorSheet"]
    assert action.text() == "一体化指标表(&I)…"
    with qtbot.waitSignal(window.exporter.finished, timeout=20000) as done:
        action.trigger()
        assert window.ops.bar.isVisible() and not action.isEnabled()
    assert asked["proposal"] == out / "北京市西城区人民政府展览路街道办事处-2021-一体化指标表.xlsx"
    assert asked["title"] == "导出一体化指标表" and "*.xlsx" in asked["filters"]
    target = out / "指标.xlsx"
    assert done.args[0][0].path == target
    sheet = openpyxl.load_workbook(target).active
    rows = list(sheet.iter_rows(values_only=True))
    assert list(rows[0]) == [c.header for c in load_sheet().columns]
    assert len(rows) - 1 == example_draft.item_count()
    box = window.exporter.done_box
    assert box is not None and str(target) in box.text()
    assert "51 行是自由文本指标" in box.informativeText()
    box.close()
    assert action.isEnabled()


def test_a_sheet_that_cannot_be_written_says_why_and_leaves_nothing(
        qtbot, make_window, example_draft, monkeypatch, tmp_path):
    window = make_window(example_draft)
    blocker = tmp_path / "file"
    blocker.write_text("x", encoding="utf-8")
    monkeypatch.setattr(QFileDialog, "getSaveFileName",
                        lambda *a: (str(blocker / "指标.xlsx"), ""))
    shown = []
    monkeypatch.setattr(QMessageBox, "warning", lambda parent, title, text: shown.append(
        (title, text)))
    with qtbot.waitSignal(window.exporter.failed, timeout=20000):
        window.menu_actions["actionExportIndicatorSheet"].trigger()
    assert shown and shown[0][0] == "导出失败" and "无法写入" in shown[0][1]
    assert blocker.read_text(encoding="utf-8") == "x"
