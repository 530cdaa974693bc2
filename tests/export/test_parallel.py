"""Word and Excel written by a copy of the process while the PDF is written here: the
same files as one after the other, every failure told, nothing lost when the copy fails."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from docx import Document
from form_cases import example
from openpyxl import load_workbook
from pypdf import PdfReader

from declapp.errors import ClerkError
from declapp.export import ExportResult, default_filename, parallel
from declapp.export.parallel import export_all
from declapp.importing import import_file

pytestmark = pytest.mark.skipif(not hasattr(os, "fork"), reason="only where a process forks")


def jobs_in(folder: Path) -> list[tuple[Path, str]]:
    return [(folder / f"表.{fmt}", fmt) for fmt in ("docx", "xlsx", "pdf")]


def contents(folder: Path) -> tuple[list[str], list[list[object]], list[str]]:
    word = [p.text for p in Document(str(folder / "表.docx")).paragraphs]
    word += [c.text for t in Document(str(folder / "表.docx")).tables
             for r in t.rows for c in r.cells]
    book = load_workbook(folder / "表.xlsx")
    # (The data sheet holds the draft with the time of its export.)
    sheet = [[c.value for c in row] for ws in book.worksheets if ws.title != "declapp"
             for row in ws.iter_rows()]
    pdf = [page.extract_text() for page in PdfReader(folder / "表.pdf").pages]
    return word, sheet, pdf


def test_the_copy_writes_what_one_after_the_other_writes(tmp_path: Path) -> None:
    draft = example()
    together, one_by_one = tmp_path / "together", tmp_path / "one-by-one"
    together.mkdir()
    one_by_one.mkdir()
    parent = os.getpid()
    results = export_all(draft, jobs_in(together), parallel=True)
    assert os.getpid() == parent  # the copy never came back here
    export_all(draft, jobs_in(one_by_one), parallel=False)
    assert [type(r) for r in results] == [ExportResult] * 3
    assert [r.format for r in results if isinstance(r, ExportResult)] == ["docx", "xlsx", "pdf"]
    assert contents(together) == contents(one_by_one)
    assert "展览路街道" in "".join(contents(together)[0])
    for fmt in ("docx", "xlsx"):  # the draft embedded by the copy comes back whole
        assert import_file(together / f"表.{fmt}").draft.texts == draft.texts
    assert sorted(p.name for p in together.iterdir()) == ["表.docx", "表.pdf", "表.xlsx"]


def test_a_file_the_copy_cannot_write_is_told_and_the_others_are_written(
        tmp_path: Path) -> None:
    blocker = tmp_path / "不是文件夹"
    blocker.write_bytes(b"x")
    jobs = jobs_in(tmp_path)
    jobs[0] = (blocker / "表.docx", "docx")
    results = export_all(example(), jobs, parallel=True)
    assert isinstance(results[0], ClerkError) and results[0].message.startswith("无法写入")
    assert isinstance(results[1], ExportResult) and isinstance(results[2], ExportResult)
    assert (tmp_path / "表.xlsx").stat().st_size > 1000
    assert (tmp_path / "表.pdf").stat().st_size > 1000
    assert blocker.read_bytes() == b"x"


def test_what_a_crashed_copy_did_not_report_is_done_here(tmp_path: Path,
                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    parent = os.getpid()
    real = parallel.export_draft

    def dies_in_the_copy(draft, target, fmt, options):  # type: ignore[no-untyped-def]
        if os.getpid() != parent:
            os._exit(9)  # as a copy killed by the system would end
        return real(draft, target, fmt, options)

    monkeypatch.setattr(parallel, "export_draft", dies_in_the_copy)
    results = export_all(example(), jobs_in(tmp_path), parallel=True)
    assert [type(r) for r in results] == [ExportResult] * 3
    assert "展览路街道" in "".join(contents(tmp_path)[0])


THREADS = """
import threading
from declapp.export.parallel import can_fork
alone = can_fork()
stop = threading.Event()
worker = threading.Thread(target=stop.wait)
worker.start()
print(alone, can_fork())
stop.set()
worker.join()
"""


def test_a_process_with_other_threads_is_not_copied() -> None:
    # A fresh process: this one may run Qt's threads from other tests.
    done = subprocess.run([sys.executable, "-c", THREADS], capture_output=True, text=True,
                          check=True)
    assert done.stdout.split() == ["True", "False"]


CLI = """
import os, sys
from declapp.cli.commands import main
calls = []
real_fork = os.fork
def fork():
    calls.append(1)
    return real_fork()
os.fork = fork
code = main(["export", sys.argv[1], "--all", "--out-dir", sys.argv[2]])
print("forks", len(calls), "code", code)
"""


def test_export_all_writes_in_two_processes_and_tells_each_failure(tmp_path: Path,
                                                                   example_file: Path) -> None:
    out = tmp_path / "导出"
    run = [sys.executable, "-c", CLI, str(example_file), str(out)]
    done = subprocess.run(run, capture_output=True, text=True, check=True)
    assert done.stdout.strip().splitlines()[-1] == "forks 1 code 0"
    assert done.stdout.count("已导出") == 3
    draft = example()
    word = out / default_filename(draft, "docx")
    word.chmod(0o444)  # the Word file made read-only since: the other two are renewed
    before = word.read_bytes()
    try:
        done = subprocess.run(run, capture_output=True, text=True, check=True)
    finally:
        word.chmod(0o644)
    assert done.stdout.strip().splitlines()[-1] == "forks 1 code 2"
    assert "只读" in done.stderr and word.name in done.stderr
    assert done.stdout.count("已导出") == 2 and word.name not in done.stdout
    assert word.read_bytes() == before


def test_one_process_when_asked(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("DECLAPP_ONE_PROCESS", "1")
    assert not parallel.can_fork()
    monkeypatch.setenv("DECLAPP_ONE_PROCESS", "0")
    assert parallel.can_fork() == (len(os.listdir("/proc/self/task")) == 1)


def test_meanwhile_runs_here_before_the_pdf_is_written(tmp_path: Path) -> None:
    parent = os.getpid()
    for parallel_ in (True, False):
        folder = tmp_path / str(parallel_)
        folder.mkdir()
        seen: list[tuple[int, bool]] = []

        def meanwhile() -> None:
            seen.append((os.getpid(), (folder / "表.pdf").exists()))  # noqa: B023

        results = export_all(example(), jobs_in(folder), parallel=parallel_,
                             meanwhile=meanwhile)
        assert seen == [(parent, False)]
        assert [type(r) for r in results] == [ExportResult] * 3
