"""Hostile files to import: bounded before they are parsed, refused with one sentence.

Each case once took minutes or gigabytes, or ended in "internal error" (exit 3). Here
each is built small (``hostile.py``) with a limit that proves the bound: what is refused
is refused from the zip's directory or the PDF's raw bytes before anything is unpacked,
and what is read is read as a stream. The time and the peak of Python's memory of each
import are printed (``pytest -s``), not asserted; ``benchmarks/bench_hostile.py`` runs
the full-size files.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
import tracemalloc
from pathlib import Path

import hostile
import pytest

from declapp.export import export_draft
from declapp.importing import DraftOrigin, import_file, xml_parts
from declapp.importing.source_file import SourceError
from declapp.storage import draft_bytes


@pytest.fixture(scope="module")
def ours(tmp_path_factory, ) -> dict[str, Path]:
    """Our exports of the real 2021 form, with the draft inside."""
    from declapp.storage.fileformat import load
    from declapp.system.paths import example_path

    folder = tmp_path_factory.mktemp("ours")
    draft = load(example_path("zhanlanlu-2021.json"))
    files = {}
    for fmt in ("docx", "xlsx", "pdf"):
        files[fmt] = folder / f"form.{fmt}"
        export_draft(draft, files[fmt])
    return files


def _import(path: Path):
    """import_file, with its time and Python's peak memory printed."""
    tracemalloc.start()
    started = time.perf_counter()
    try:
        return import_file(path)
    finally:
        peak = tracemalloc.get_traced_memory()[1]
        tracemalloc.stop()
        print(f"{path.name}: {time.perf_counter() - started:.2f} s, "
              f"Python peak {peak / 2**20:.0f} MB")


def _refused(path: Path, *words: str) -> str:
    with pytest.raises(SourceError) as info:
        _import(path)
    message = info.value.message
    assert path.name in message and "\n" not in message
    for word in words:
        assert word in message, message
    return message


# --- sizes checked in the zip's directory, before unpacking --------------------------------

def test_a_document_part_too_large_for_a_form_is_refused_unread(ours, tmp_path, monkeypatch):
    """A document.xml of 190 MB took 4.3 GB: refused from the directory, never unpacked
    (here the limit is scaled down to 8 MB and the part is 9 MB)."""
    monkeypatch.setattr(xml_parts, "MAX_PART_BYTES", 8 * 2**20)
    monkeypatch.setattr(xml_parts.iterparse, "__defaults__",
                        (("end",), 8 * 2**20, "", None))
    source = hostile.inflated_document(ours["docx"], tmp_path / "bomb.docx", 9)
    assert source.stat().st_size < 200_000
    _refused(source, "内容异常大", "正文", "不像一份申报表")


def test_the_real_limit_refuses_190_mb_at_once(ours, tmp_path):
    source = hostile.inflated_document(ours["docx"], tmp_path / "bomb.docx", 190)
    started = time.perf_counter()
    _refused(source, "内容异常大（正文（document.xml）解压后有 190 MB）")
    assert time.perf_counter() - started < 30  # nothing was unpacked (it takes 0.1 s)


def test_a_zip_directory_that_lies_about_a_size_is_a_damaged_file(ours, tmp_path):
    source = hostile.lying_directory(ours["docx"], tmp_path / "liar.docx")
    _refused(source, "已损坏")


def test_a_custom_part_of_millions_of_elements_is_left_at_its_first(ours, tmp_path):
    """45 million elements in a custom XML part took 6 GB; here 4 million, and the
    import reads only the first of them (the part is not our draft)."""
    source = hostile.many_elements_custom_part(ours["docx"], tmp_path / "many.docx",
                                               4_000_000)
    result = _import(source)
    assert result.origin == DraftOrigin.EMBEDDED  # our own part is still found


def test_an_embedded_draft_over_the_format_limit_is_not_read(tmp_path, example_draft,
                                                             monkeypatch):
    """The draft inside a file is read only up to the format's own limit (here scaled
    down to 200 KB; the embedded draft is padded to 300 KB)."""
    import importlib

    from declapp.export import ExportOptions
    from declapp.layout import build_layout
    from declapp.storage.fileformat import dumps

    monkeypatch.setattr(draft_bytes, "MAX_DRAFT_BYTES", 200_000)
    payload = dumps(example_draft, {"padding": "x" * 300_000}).encode("utf-8")
    for fmt in ("docx", "xlsx", "pdf"):
        writer = importlib.import_module(f"declapp.export.{fmt}_writer")
        target = tmp_path / f"padded.{fmt}"
        writer.write(build_layout(example_draft), target, ExportOptions(), payload)
        if fmt == "pdf":  # a stream over the limit: the whole PDF is refused unread
            _refused(target, "内容异常大")
            continue
        result = _import(target)
        assert result.origin == DraftOrigin.TEXT
        assert any("嵌入的草稿超过了草稿文件的上限" in w for w in result.warnings), result.warnings


# --- spans and merges clamped to the table ------------------------------------------------

@pytest.mark.parametrize(("span", "before"), [
    ("1000000000", ""), ("2147483647", ""), ("99999999999999999999", ""),
    ("1", "1000000000"), ("2147483647", "99999999999999999999"), ("-5", "x"),
])
def test_huge_grid_spans_are_clamped_to_the_table(ours, tmp_path, span, before):
    """w:gridSpan="1000000000" ran 80–130 s and took up to 12 GB before an internal
    error; the spans are now clamped to the table's grid."""
    source = hostile.with_grid_attributes(ours["docx"], tmp_path / "span.docx", span, before)
    try:
        result = _import(source)
    except SourceError as exc:  # the form's shape is gone: refused as not a form
        assert "\n" not in exc.message
        return
    assert result.draft.text("department.name")


def test_a_merge_over_the_whole_sheet_is_clamped(ours, tmp_path):
    """An .xlsx with one merge A1:XFD1048576 never finished."""
    source = hostile.with_merge(ours["xlsx"], tmp_path / "merge.xlsx", "A1:XFD1048576")
    try:
        _import(source)
    except SourceError as exc:
        assert "\n" not in exc.message


def test_a_sheet_of_a_million_filled_cells_is_refused(ours, tmp_path, monkeypatch):
    from declapp.importing import xlsx_package

    monkeypatch.setattr(xlsx_package, "MAX_SHEET_CELLS", 50_000)
    source = hostile.inflated_sheet(ours["xlsx"], tmp_path / "cells.xlsx", 60_000)
    _refused(source, "内容异常大", "50,000")


# --- markup that is no Office file's ---------------------------------------------------------

@pytest.mark.parametrize("doctype", [hostile.EXTERNAL_DTD, hostile.BILLION_LAUGHS,
                                     hostile.QUADRATIC], ids=["dtd", "laughs", "quadratic"])
def test_a_doctype_is_refused_before_parsing(ours, tmp_path, doctype):
    source = hostile.with_doctype(ours["docx"], tmp_path / "dtd.docx", doctype)
    _refused(source, "DOCTYPE")


def test_tables_nested_a_thousand_deep_are_refused(ours, tmp_path):
    source = hostile.nested_tables(ours["docx"], tmp_path / "nested.docx", 1000)
    _refused(source, "结构异常复杂", "嵌套")


def test_tables_nested_a_hundred_deep_are_read_as_text(ours, tmp_path):
    """Deeper than MAX_NESTING inside a cell: the text is kept, no recursion runs out."""
    source = hostile.nested_tables(ours["docx"], tmp_path / "nested.docx", 100)
    result = _import(source)
    assert result.draft.text("department.name")


@pytest.mark.parametrize("maker", [
    lambda base, target: hostile.truncated_document(base, target, 0.5),
    lambda base, target: hostile.truncated_document(base, target, 0.01),
    lambda base, target: hostile.random_document(base, target, 20_000),
], ids=["half", "start", "random"])
def test_a_broken_document_part_is_a_damaged_file(ours, tmp_path, maker):
    _refused(maker(ours["docx"], tmp_path / "broken.docx"), "已损坏")


# --- PDF streams measured before pdfium unpacks them -----------------------------------------

def test_a_pdf_whose_attachment_unpacks_beyond_a_draft_is_refused(tmp_path, example_draft,
                                                                   monkeypatch):
    """A PDF carrying a 1 GB attached file took 3.1 GB: here 64 MB against the 32 MB a
    draft may have, refused from the raw stream before pdfium opens the file."""
    source = hostile.pdf_with_attachment(example_draft, tmp_path / "attached.pdf", 64)
    assert source.stat().st_size < 2_000_000
    _refused(source, "内容异常大", "32 MB")


@pytest.mark.parametrize("name", [b"/LZWDecode", b"/RunLengthDecode", b"/Crypt"])
def test_a_pdf_stream_in_a_filter_we_never_write_is_refused(ours, tmp_path, name):
    source = hostile.pdf_with_filter(ours["pdf"], tmp_path / "filter.pdf", name)
    _refused(source, "不是本程序导出的 PDF")


def test_our_pdf_still_imports_exactly(ours):
    assert _import(ours["pdf"]).origin == DraftOrigin.EMBEDDED


# --- the command line and the window say one sentence ---------------------------------------

def _cli(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "declapp", *args], capture_output=True,
                          text=True, encoding="utf-8", timeout=300,
                          env=dict(os.environ, PYTHONIOENCODING="utf-8"))


@pytest.mark.parametrize("case", ["laughs", "random", "span"])
def test_the_command_line_refuses_with_exit_two(ours, tmp_path, case):
    source = {
        "laughs": lambda: hostile.with_doctype(ours["docx"], tmp_path / "a.docx",
                                               hostile.BILLION_LAUGHS),
        "random": lambda: hostile.random_document(ours["docx"], tmp_path / "b.docx", 5000),
        "span": lambda: hostile.with_grid_attributes(ours["docx"], tmp_path / "c.docx",
                                                     "1000000000"),
    }[case]()
    result = _cli("import", str(source), "-o", str(tmp_path / "out.json"))
    assert result.returncode in (0, 2), result.stderr
    assert "内部错误" not in result.stderr and "Traceback" not in result.stderr
    if result.returncode == 2:
        assert len(result.stderr.strip().splitlines()) == 1
        assert not (tmp_path / "out.json").exists()
