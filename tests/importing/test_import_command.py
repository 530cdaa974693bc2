"""``declapp import`` as a clerk runs it: real processes, real files, bad files too.

Every bad file gets one Chinese sentence and exit code 2, no traceback, no draft written,
and the file itself is left exactly as it was.
"""

from __future__ import annotations

import io
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from docx import Document
from handmade import write_handmade
from reportlab.pdfgen.canvas import Canvas

from declapp.export import ExportOptions, export_draft


def run(*args: str, env: dict | None = None) -> subprocess.CompletedProcess:
    env = dict(env or os.environ, PYTHONIOENCODING="utf-8")
    return subprocess.run([sys.executable, "-m", "declapp", *args], capture_output=True,
                          text=True, encoding="utf-8", env=env, timeout=300)


def test_import_writes_the_draft_and_prints_what_was_read(tmp_path, example_draft):
    source = write_handmade(example_draft, tmp_path / "去年.docx")
    out = tmp_path / "2021.json"
    result = run("import", str(source), "-o", str(out))
    assert result.returncode == 0, result.stderr
    assert "模板：西城区 2021 年版；年度：2021" in result.stdout
    assert "6 个一级指标，25 个二级指标，51 条具体指标" in result.stdout
    data = json.loads(out.read_text(encoding="utf-8"))
    assert data["texts"]["department.name"] == example_draft.texts["department.name"]
    check = run("check", str(out))
    assert check.returncode == 0, check.stdout


def test_import_prints_warnings_and_exits_zero(tmp_path, example_draft):
    source = write_handmade(example_draft, tmp_path / "f.docx")
    doc = Document(str(source))
    doc.paragraphs[1].text = ""  # no year line
    doc.save(str(source))
    result = run("import", str(source), "-o", str(tmp_path / "d.json"))
    assert result.returncode == 0
    assert "警告：表头中没有找到年度" in result.stdout


def test_output_is_not_overwritten_without_force(tmp_path, example_draft):
    source = tmp_path / "f.docx"
    export_draft(example_draft, source)
    out = tmp_path / "mine.json"
    out.write_text("mine", encoding="utf-8")
    result = run("import", str(source), "-o", str(out))
    assert result.returncode == 2 and "已存在" in result.stderr and "--force" in result.stderr
    assert out.read_text(encoding="utf-8") == "mine"
    result = run("import", str(source), "-o", str(out), "--force")
    assert result.returncode == 0
    assert json.loads(out.read_text(encoding="utf-8"))["year"] == 2021
    result = run("import", str(source), "-o", str(tmp_path / "draft.txt"))
    assert result.returncode == 2 and ".json" in result.stderr


def _encrypted(tmp_path: Path, example_draft) -> Path:
    from msoffcrypto.format.ooxml import OOXMLFile

    plain = tmp_path / "plain.docx"
    export_draft(example_draft, plain)
    out = io.BytesIO()
    with plain.open("rb") as fh:
        OOXMLFile(fh).encrypt("1234", out)
    target = tmp_path / "有密码.docx"
    target.write_bytes(out.getvalue())
    return target


def _no_table(tmp_path: Path, _draft) -> Path:
    doc = Document()
    doc.add_paragraph("部门整体支出绩效目标申报表")
    doc.add_paragraph("这份文件里只有文字，没有表格。")
    target = tmp_path / "无表格.docx"
    doc.save(str(target))
    return target


def _table_file(tmp_path: Path, name: str, title: str, rows: list[tuple[str, ...]]) -> Path:
    doc = Document()
    doc.add_paragraph(title)
    table = doc.add_table(rows=len(rows), cols=len(rows[0]))
    for row, texts in zip(table.rows, rows, strict=True):
        for cell, text in zip(row.cells, texts, strict=True):
            cell.text = text
    target = tmp_path / name
    doc.save(str(target))
    return target


def _project_form(tmp_path: Path, _draft=None) -> Path:
    return _table_file(tmp_path, "项目表.docx", "项目支出绩效目标申报表", [
        ("项目名称", "垃圾分类", "主管部门", "西城区"),
        ("项目资金（万元）", "年度资金总额", "100", ""),
        ("年度绩效目标", "完成垃圾分类。", "", ""),
        ("一级指标", "二级指标", "三级指标", "指标值")])


def _other_form(tmp_path: Path, _draft) -> Path:
    """A province's form no template knows: some of our labels, another layout."""
    return _table_file(tmp_path, "某省.docx", "某某省部门整体绩效目标表", [
        ("单位名称", "某某局", "单位编码", "123001", "", ""),
        ("年度预算（万元）", "合计", "100", "其中：财政拨款", "80", ""),
        ("整体绩效目标", "做好工作。", "", "", "", ""),
        ("一级指标", "二级指标", "三级指标", "指标值", "分值", "备注"),
        ("产出指标", "数量指标", "整治条数", "≥12条", "20", ""),
        ("效益指标", "社会效益指标", "环境", "改善", "30", "")])


def _foreign_pdf(tmp_path: Path, _draft) -> Path:
    target = tmp_path / "扫描件.pdf"
    canvas = Canvas(str(target))
    canvas.drawString(72, 720, "Some other PDF")
    canvas.save()
    return target


def _write(name: str, data: bytes):
    def make(tmp_path: Path, _draft) -> Path:
        target = tmp_path / name
        target.write_bytes(data)
        return target
    return make


def _big(tmp_path: Path, _draft) -> Path:
    target = tmp_path / "大文件.docx"
    with target.open("wb") as fh:
        fh.write(b"PK\x03\x04")
        fh.truncate(50 * 1024 * 1024)
    return target


BAD_FILES = {
    "empty": (_write("空.docx", b""), "是空的"),
    "not-a-zip": (_write("坏.docx", b"PK\x03\x04 this is not a zip file at all"), "已损坏"),
    "text-named-docx": (_write("文本.docx", "只是一段文字".encode()), "无法识别"),
    "no-table": (_no_table, "没有找到部门整体支出绩效目标申报表"),
    "other-form": (_other_form, "“某某省部门整体绩效目标表”，本程序的模板里没有这种表"),
    "password": (_encrypted, "设有打开密码"),
    "50-MB": (_big, "太大"),
    "foreign-pdf": (_foreign_pdf, "不是本程序导出的 PDF"),
    "a-draft": (_write("草稿.json", b'{"format": "declapp.form"}'), "直接打开"),
}


@pytest.mark.parametrize("case", sorted(BAD_FILES))
def test_a_bad_file_gets_one_clear_sentence_and_exit_two(case, tmp_path, example_draft):
    make, words = BAD_FILES[case]
    source = make(tmp_path, example_draft)
    before = (source.read_bytes(), source.stat().st_mtime_ns)
    out = tmp_path / "out.json"
    result = run("import", str(source), "-o", str(out))
    assert result.returncode == 2
    assert words in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
    assert "Traceback" not in result.stderr and result.stdout == ""
    assert not out.exists()
    assert (source.read_bytes(), source.stat().st_mtime_ns) == before


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes are POSIX")
def test_a_named_pipe_a_folder_and_a_missing_file(tmp_path):
    pipe = tmp_path / "pipe.docx"
    os.mkfifo(pipe)
    for target, words in ((pipe, "不是普通文件"), (tmp_path, "文件夹"),
                          (tmp_path / "nowhere.docx", "不存在")):
        result = run("import", str(target), "-o", str(tmp_path / "o.json"))
        assert result.returncode == 2 and words in result.stderr, result.stderr
        assert "Traceback" not in result.stderr


def _as_doc(tmp_path: Path, draft) -> Path:
    source = tmp_path / "form.docx"
    export_draft(draft, source, options=ExportOptions(embed_draft=False))
    profile = (tmp_path / "lo").as_uri()
    subprocess.run(["soffice", f"-env:UserInstallation={profile}", "--headless",
                    "--convert-to", "doc", "--outdir", str(tmp_path / "old"), str(source)],
                   check=True, capture_output=True, timeout=180)
    return tmp_path / "old" / "form.doc"


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice is not installed")
def test_an_old_doc_file_is_converted_by_libreoffice(tmp_path, example_draft):
    old = _as_doc(tmp_path, example_draft)
    before = old.read_bytes()
    result = run("import", str(old), "-o", str(tmp_path / "d.json"))
    assert result.returncode == 0, result.stderr
    assert "已由 LibreOffice 从 .doc 转换" in result.stdout
    data = json.loads((tmp_path / "d.json").read_text(encoding="utf-8"))
    assert data["texts"]["goals"] == example_draft.texts["goals"]
    assert old.read_bytes() == before
    assert sorted(p.name for p in old.parent.iterdir()) == ["form.doc"]


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice is not installed")
def test_without_libreoffice_an_old_file_gets_a_sentence(tmp_path, example_draft):
    old = _as_doc(tmp_path, example_draft)
    env = dict(os.environ, PATH=str(Path(sys.executable).parent))
    result = run("import", str(old), "-o", str(tmp_path / "d.json"), env=env)
    assert result.returncode == 2
    assert "没有安装 LibreOffice" in result.stderr and "另存为” .docx" in result.stderr


def test_a_project_form_is_read_as_one_and_its_odd_row_kept(tmp_path):
    """项目支出 was no form of ours before its template; now it is read as one, and the
    row its layout has no place for is kept whole in the notes."""
    out = tmp_path / "项目.json"
    result = run("import", str(_project_form(tmp_path)), "-o", str(out))
    assert result.returncode == 0, result.stderr
    assert "模板：项目支出绩效目标申报表" in result.stdout
    data = json.loads(out.read_text(encoding="utf-8"))
    assert data["template"] == "project-2011"
    assert data["texts"]["project.name"] == "垃圾分类"
    assert data["texts"]["project.department"] == "西城区"
    assert data["amounts"]["funds.total"] == "100"
    assert data["texts"]["notes"].splitlines()[-1] == "年度绩效目标 | 完成垃圾分类。"


# What ``declapp import`` of a Word form has no use for: the checks, the layout and the
# export package, the writers' and pdfium's libraries, Qt, logging, subprocess (only for
# LibreOffice), importlib.resources. Together they were a third of the command's time.
NOT_FOR_A_WORD_IMPORT = ("declapp.checks", "declapp.layout", "declapp.export", "docx",
                         "openpyxl", "reportlab", "pypdfium2", "PySide6", "logging",
                         "subprocess", "importlib.resources")


def test_import_of_a_word_form_loads_only_what_it_reads_with(tmp_path, example_draft):
    source = write_handmade(example_draft, tmp_path / "去年.docx")
    out = tmp_path / "2021.json"
    code = ("import sys\nfrom declapp.cli.commands import main\n"
            f"rc = main(['import', {str(source)!r}, '-o', {str(out)!r}])\n"
            f"print('LOADED', *[m for m in {NOT_FOR_A_WORD_IMPORT!r} if m in sys.modules])\n"
            "sys.exit(rc)")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          encoding="utf-8", env=dict(os.environ, PYTHONIOENCODING="utf-8"),
                          timeout=300)
    assert done.returncode == 0, done.stderr
    assert out.is_file()
    assert done.stdout.splitlines()[-1] == "LOADED"
