"""The window's 全部导出 lays the draft out and serialises it once for the three files."""

from __future__ import annotations

from pathlib import Path

from samples import large_draft

import declapp.export as export_module
from declapp.export import ExportOptions
from declapp.gui.ops import Progress
from declapp.gui.services.export import run_exports

FORMATS = ("docx", "xlsx", "pdf")


class _Steps(Progress):
    def __init__(self) -> None:
        self.steps: list[tuple[int, int]] = []  # (no window: nothing to signal)

    def step(self, done: int, total: int) -> None:
        self.steps.append((done, total))


def test_the_windows_export_of_all_three_lays_the_draft_out_once(
        tmp_path: Path, monkeypatch) -> None:
    layouts: list[int] = []
    real = export_module.build_layout

    def counting(*args, **kwargs):
        layouts.append(1)
        return real(*args, **kwargs)

    monkeypatch.setattr(export_module, "build_layout", counting)
    jobs = [(tmp_path / f"表.{fmt}", fmt) for fmt in FORMATS]
    steps = _Steps()
    results = run_exports(large_draft(items=20, chars=2000), jobs, ExportOptions(), steps)
    assert [r.path for r in results] == [target for target, _fmt in jobs]
    assert steps.steps == [(0, 3), (1, 3), (2, 3), (3, 3)]
    assert len(layouts) == 1
