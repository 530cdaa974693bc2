"""The command line overwrites nothing it did not make, and odd input is one sentence.

``declapp export -o`` and ``declapp indicator-sheet -o`` silently replaced any file,
``--all`` too. Now our own earlier export of the same draft (department and year, as we
wrote it) is replaced as before; anything else needs ``--force``: exit 2 and a sentence,
the file untouched.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from docx import Document
from openpyxl import load_workbook

from declapp.export import default_filename, export_draft
from declapp.export.indicator_sheet import write_indicator_sheet
from declapp.storage.fileformat import load, save

FORMATS = ("docx", "xlsx", "pdf")


def run(*args: str, stdout=subprocess.PIPE) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "declapp", *args], stdout=stdout,
                          stderr=subprocess.PIPE, text=True, encoding="utf-8", timeout=300,
                          env=dict(os.environ, PYTHONIOENCODING="utf-8"))


@pytest.fixture
def draft_file(tmp_path, example_file) -> Path:
    path = tmp_path / "草稿.json"
    path.write_bytes(example_file.read_bytes())
    return path


def _other_department(tmp_path: Path, example_draft) -> Path:
    other = example_draft.copy()
    other.texts["department.name"] = "北京市西城区人民政府月坛街道办事处"
    path = tmp_path / "月坛.json"
    save(other, path)
    return path


@pytest.mark.parametrize("fmt", FORMATS)
def test_our_own_earlier_export_of_the_draft_is_replaced(tmp_path, draft_file, fmt):
    target = tmp_path / f"我的表.{fmt}"
    assert run("export", str(draft_file), "-o", str(target)).returncode == 0
    draft = load(draft_file)
    draft.texts["notes"] = "改过的说明。"  # the draft changed since: still the same draft
    save(draft, draft_file)
    result = run("export", str(draft_file), "-o", str(target))
    assert result.returncode == 0, result.stderr


def test_a_form_made_by_hand_is_not_replaced_without_force(tmp_path, draft_file):
    target = tmp_path / "我的表.docx"
    document = Document()
    document.add_paragraph("部门整体支出绩效目标申报表（手工填写）")
    document.save(str(target))
    before = target.read_bytes()
    result = run("export", str(draft_file), "-o", str(target))
    assert result.returncode == 2
    assert "已存在" in result.stderr and "--force" in result.stderr
    assert "Traceback" not in result.stderr
    assert target.read_bytes() == before
    assert run("export", str(draft_file), "-o", str(target), "--force").returncode == 0
    assert target.read_bytes() != before


@pytest.mark.parametrize("fmt", FORMATS)
def test_another_departments_export_is_not_replaced(tmp_path, draft_file, example_draft, fmt):
    target = tmp_path / f"表.{fmt}"
    assert run("export", str(_other_department(tmp_path, example_draft)), "-o",
               str(target)).returncode == 0
    before = target.read_bytes()
    result = run("export", str(draft_file), "-o", str(target))
    assert result.returncode == 2 and "--force" in result.stderr
    assert target.read_bytes() == before


@pytest.mark.parametrize("fmt", FORMATS)
def test_our_export_edited_since_is_the_clerks_and_not_replaced(tmp_path, draft_file,
                                                                example_draft, fmt):
    target = tmp_path / f"表.{fmt}"
    export_draft(example_draft, target)
    if fmt == "docx":  # saved again in Word: the clerk's name as last saver
        document = Document(str(target))
        document.core_properties.last_modified_by = "张三"
        document.save(str(target))
    elif fmt == "xlsx":
        workbook = load_workbook(target)
        workbook.properties.lastModifiedBy = "张三"
        workbook.save(target)
    else:  # written again by another PDF program
        from pypdf import PdfReader, PdfWriter

        writer = PdfWriter(clone_from=PdfReader(target))
        writer.add_metadata({"/Producer": "Adobe PDF Library"})
        with target.open("wb") as fh:
            writer.write(fh)
    before = target.read_bytes()
    result = run("export", str(draft_file), "-o", str(target))
    assert result.returncode == 2 and "--force" in result.stderr
    assert target.read_bytes() == before


def test_export_all_checks_every_file_before_writing_any(tmp_path, draft_file, example_draft):
    folder = tmp_path / "导出"
    folder.mkdir()
    blocker = folder / default_filename(example_draft, "pdf")
    blocker.write_bytes(b"%PDF-1.4 another department's form")
    result = run("export", str(draft_file), "--all", "--out-dir", str(folder))
    assert result.returncode == 2 and blocker.name in result.stderr
    assert sorted(p.name for p in folder.iterdir()) == [blocker.name]  # nothing written
    assert run("export", str(draft_file), "--all", "--out-dir", str(folder),
               "--force").returncode == 0
    assert run("export", str(draft_file), "--all", "--out-dir", str(folder)).returncode == 0


def test_the_indicator_sheet_over_another_file_needs_force(tmp_path, draft_file,
                                                           example_draft):
    target = tmp_path / "指标.xlsx"
    write_indicator_sheet(load(_other_department(tmp_path, example_draft)), target)
    before = target.read_bytes()
    result = run("indicator-sheet", str(draft_file), "-o", str(target))
    assert result.returncode == 2 and "--force" in result.stderr
    assert target.read_bytes() == before
    assert run("indicator-sheet", str(draft_file), "-o", str(target), "--force").returncode == 0
    assert run("indicator-sheet", str(draft_file), "-o", str(target)).returncode == 0


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes are POSIX")
def test_a_pipe_or_device_is_never_exported_over(tmp_path, draft_file):
    pipe = tmp_path / "表.pdf"
    os.mkfifo(pipe)
    for extra in ([], ["--force"]):
        result = run("export", str(draft_file), "-o", str(pipe), *extra)
        assert result.returncode == 2 and "不是普通文件" in result.stderr
    assert not pipe.is_file()


# --- odd input: one sentence, exit 2 ------------------------------------------------------

def test_a_new_draft_name_too_long_for_the_disk(tmp_path):
    name = tmp_path / ("长" * 90 + ".json")  # 272 bytes
    result = run("new", "--year", "2022", "-o", str(name))
    assert result.returncode == 2 and "太长" in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1


def test_an_import_path_of_five_thousand_bytes(tmp_path):
    path = "/" + "a/" * 2500 + "x.docx"
    result = run("import", path, "-o", str(tmp_path / "d.json"))
    assert result.returncode == 2 and "太长" in result.stderr
    assert "File name too long" not in result.stderr


def test_a_columns_file_of_deep_nesting(tmp_path, draft_file):
    columns = tmp_path / "列.json"
    columns.write_text("[" * 100_000 + "]" * 100_000, encoding="utf-8")
    result = run("indicator-sheet", str(draft_file), "-o", str(tmp_path / "s.xlsx"),
                 "--columns", str(columns))
    assert result.returncode == 2 and "嵌套过深" in result.stderr


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="no /dev/full here")
@pytest.mark.parametrize("args", [["check"], ["--help"]])
def test_stdout_on_a_full_device_is_one_sentence(draft_file, args):
    with open("/dev/full", "w") as full:
        command = [*args, str(draft_file)] if args == ["check"] else args
        result = run(*command, stdout=full)
    assert result.returncode == 2
    assert result.stderr.strip() == "无法输出结果：标准输出所在的磁盘已满。"


def test_characters_xml_cannot_hold_never_reach_an_export(tmp_path, example_file):
    """Dropped on every way in, the file reader included: every text of the draft file
    holds every character XML cannot hold (written as JSON escapes)."""
    data = json.loads(example_file.read_text(encoding="utf-8"))
    bad = "".join(chr(c) for c in [*range(0, 9), 11, 12, *range(14, 32), 0xFFFE, 0xFFFF,
                                   0xD800, 0xDFFF])

    def spoil(node):  # every text of the draft, wherever it is; never a key or an amount
        if isinstance(node, dict):
            return {k: v if k in ("format", "template", "kind", "op", "uid", "version",
                                  "year", "amounts", "funds", "meta") else spoil(v)
                    for k, v in node.items()}
        if isinstance(node, list):
            return [spoil(v) for v in node]
        return f"{node}{bad}" if isinstance(node, str) else node

    data = spoil(data)
    path = tmp_path / "坏字符.json"
    path.write_text(json.dumps(data, ensure_ascii=True), encoding="utf-8")
    for fmt in FORMATS:
        result = run("export", str(path), "-o", str(tmp_path / f"out.{fmt}"))
        assert result.returncode == 0, result.stderr
    assert run("indicator-sheet", str(path), "-o", str(tmp_path / "s.xlsx")).returncode == 0
