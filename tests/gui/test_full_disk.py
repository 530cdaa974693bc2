"""保存 onto a full disk: one sentence at once, the old file intact, the window free."""

from __future__ import annotations

import time

from PySide6.QtWidgets import QMessageBox

from declapp.storage.fileformat import load, save

from full_disk import inject_in_process  # isort: skip


def test_saving_onto_a_full_disk_says_so_at_once(qtbot, make_window, example_draft,
                                                 full_disk, monkeypatch):
    target = full_disk.folder / "我的草稿.json"
    save(example_draft, target)
    before = target.read_bytes()
    full_disk.fill()
    inject_in_process(monkeypatch, full_disk)
    window = make_window()
    assert window.file_actions.open_path(target)
    window.doc.draft.texts["notes"] = "改动" * 50_000  # larger than what is on the disk now
    window.doc.stack.resetClean()
    shown: list[tuple[str, str]] = []
    monkeypatch.setattr(QMessageBox, "critical",
                        lambda parent, title, text, *a: shown.append((title, text)))
    started = time.perf_counter()
    assert not window.file_actions.save()
    assert time.perf_counter() - started < 10  # it hung for three minutes, they said
    assert shown == [("无法保存", "无法写入“我的草稿.json”：磁盘空间不足。请清理磁盘或换一个磁盘后再试。")]
    assert target.read_bytes() == before and load(target) == example_draft
    assert window.isWindowModified()  # the changes are still there to save elsewhere
    assert sorted(p.name for p in full_disk.folder.iterdir() if p.name != ".filler") == \
        ["我的草稿.json"]
