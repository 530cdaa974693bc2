"""全部导出 replaces our own earlier exports of the draft without a word, and asks
(覆盖 / 取消) before replacing anything else: a form made by hand, another department's."""

from __future__ import annotations

from docx import Document
from PySide6.QtWidgets import QFileDialog, QMessageBox

from declapp.export import default_filename, export_draft


def _answer(monkeypatch, text: str, asked: list[str]) -> None:
    def fake_exec(box: QMessageBox) -> int:
        asked.append(box.text())
        next(b for b in box.buttons() if b.text() == text).click()
        return 0

    monkeypatch.setattr(QMessageBox, "exec", fake_exec)


def test_export_all_asks_only_about_files_it_did_not_make(qtbot, make_window, tmp_path,
                                                          monkeypatch, example_draft):
    window = make_window(example_draft)
    out = tmp_path / "导出"
    out.mkdir()
    names = {fmt: default_filename(example_draft, fmt) for fmt in ("docx", "xlsx", "pdf")}
    export_draft(example_draft, out / names["pdf"])  # our own earlier export
    hand = Document()
    hand.add_paragraph("手工填写的申报表")
    hand.save(str(out / names["docx"]))
    before = (out / names["docx"]).read_bytes()
    monkeypatch.setattr(QFileDialog, "getExistingDirectory", lambda *a: str(out))
    asked: list[str] = []
    _answer(monkeypatch, "取消", asked)
    assert not window.exporter.export_all()
    assert len(asked) == 1 and names["docx"] in asked[0] and names["pdf"] not in asked[0]
    assert (out / names["docx"]).read_bytes() == before
    assert not (out / names["xlsx"]).exists()

    _answer(monkeypatch, "覆盖", asked)
    monkeypatch.setattr(QMessageBox, "open", lambda box: None)  # the "导出完成" box
    with qtbot.waitSignal(window.exporter.finished, timeout=60000):
        assert window.exporter.export_all()
    assert (out / names["docx"]).read_bytes() != before
    assert (out / names["xlsx"]).is_file()

    asked.clear()  # all three are ours now: exported again without a question
    with qtbot.waitSignal(window.exporter.finished, timeout=60000):
        assert window.exporter.export_all()
    assert asked == []
