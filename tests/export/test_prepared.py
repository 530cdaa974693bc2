"""A draft laid out and serialised once (``prepare``) for several files: each file the
same as exported on its own, and ``export --all`` (in one process or two) lays the draft
out only once."""

from __future__ import annotations

import hashlib
import zipfile
from pathlib import Path

import pytest
from form_cases import example
from reportlab import rl_config

import declapp.export as export_module
from declapp.export import ExportOptions, embedding, export_draft, prepare
from declapp.export.parallel import export_all

FORMATS = ("docx", "xlsx", "pdf")


def content(path: Path) -> str:
    """The file's bytes, but for the time an Office file was written."""
    if path.suffix == ".pdf":
        return hashlib.sha1(path.read_bytes()).hexdigest()
    with zipfile.ZipFile(path) as z:
        return hashlib.sha1(b"".join(z.read(n) for n in sorted(z.namelist())
                                     if n != "docProps/core.xml")).hexdigest()


@pytest.fixture
def steady(monkeypatch):
    """Files that differ only where the draft differs: no dates, no random ids."""
    monkeypatch.setattr(rl_config, "invariant", 1)
    monkeypatch.setattr(embedding, "default_meta", lambda: {"saved_at": "2026-01-01"})


@pytest.fixture
def layouts(monkeypatch) -> list[int]:
    made: list[int] = []
    real = export_module.build_layout

    def counting(*args, **kwargs):
        made.append(1)
        return real(*args, **kwargs)

    monkeypatch.setattr(export_module, "build_layout", counting)
    return made


@pytest.mark.parametrize("embed", [True, False])
def test_a_prepared_export_is_the_same_file(embed: bool, steady, tmp_path: Path) -> None:
    draft = example("xicheng-2021")
    options = ExportOptions(embed_draft=embed)
    prepared = prepare(draft, options)
    for fmt in FORMATS:
        alone, shared = tmp_path / f"alone.{fmt}", tmp_path / f"shared.{fmt}"
        export_draft(draft, alone, fmt, options)
        export_draft(draft, shared, fmt, options, prepared=prepared)
        assert content(alone) == content(shared)


@pytest.mark.parametrize("parallel", [False, True])
def test_export_all_lays_the_draft_out_once(parallel: bool, layouts: list[int],
                                            tmp_path: Path) -> None:
    if parallel and not hasattr(__import__("os"), "fork"):
        pytest.skip("only where a process forks")
    jobs = [(tmp_path / f"表.{fmt}", fmt) for fmt in FORMATS]
    outcomes = export_all(example("xicheng-2021"), jobs, parallel=parallel)
    assert [o.path for o in outcomes] == [target for target, _fmt in jobs]  # type: ignore[union-attr]
    assert all(target.stat().st_size > 0 for target, _fmt in jobs)
    assert len(layouts) == 1  # the copy lays out nothing: it was done before it was made
