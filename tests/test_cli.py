"""The command line as a clerk or a script uses it: real processes, real files."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from declapp.cli import main


def run(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess:
    env = dict(os.environ, PYTHONIOENCODING="utf-8")
    return subprocess.run([sys.executable, "-m", "declapp", *args], capture_output=True,
                          text=True, encoding="utf-8", cwd=cwd, env=env, timeout=120)


def test_check_example_has_only_hints_exit_zero(example_file):
    result = run("check", str(example_file))
    assert result.returncode == 0
    assert "0 个错误，5 个警告" in result.stdout  # the vague-word hints of issue 12
    findings = result.stdout.splitlines()[:-1]
    assert len(findings) == 5 and all(line.endswith("[vague-words]") for line in findings)


def test_check_stale_year_is_a_warning_exit_zero(tmp_path, example_file):
    data = json.loads(example_file.read_text(encoding="utf-8"))
    data["year"] = 2022
    path = tmp_path / "next.json"
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    result = run("check", str(path))
    assert result.returncode == 0
    lines = [line for line in result.stdout.splitlines() if "stale-year" in line]
    assert len(lines) == 1 and "goals" in lines[0] and "2021年" in lines[0]
    assert "0 个错误，6 个警告" in result.stdout  # and the 5 vague-word hints


def test_new_then_check_reports_errors_exit_one(tmp_path):
    path = tmp_path / "blank.json"
    result = run("new", "--template", "xicheng-2019", "--year", "2024", "-o", str(path))
    assert result.returncode == 0, result.stderr
    data = json.loads(path.read_text(encoding="utf-8"))
    assert data["template"] == "xicheng-2019" and data["year"] == 2024
    result = run("check", str(path))
    assert result.returncode == 1
    assert "错误  department.name" in result.stdout
    assert "错误  goals" in result.stdout


def test_new_refuses_to_overwrite_and_bad_template(tmp_path):
    path = tmp_path / "keep.json"
    path.write_text("mine", encoding="utf-8")
    result = run("new", "--year", "2024", "-o", str(path))
    assert result.returncode == 2 and "已存在" in result.stderr
    assert path.read_text(encoding="utf-8") == "mine"
    result = run("new", "--template", "nowhere", "--year", "2024", "-o", str(tmp_path / "x.json"))
    assert result.returncode == 2 and "未知的模板" in result.stderr
    assert "Traceback" not in result.stderr


def test_unreadable_file_exit_two_without_traceback(tmp_path):
    bad = tmp_path / "bad.json"
    bad.write_text('{"format": "declapp.form", "version": 1, "goals": ', encoding="utf-8")
    for target in (bad, tmp_path / "missing.json", tmp_path):
        result = run("check", str(target))
        assert result.returncode == 2
        assert "无法读取" in result.stderr
        assert "Traceback" not in result.stderr


def test_main_in_process_matches(capsys, example_file):
    assert main(["check", str(example_file)]) == 0
    assert "0 个错误，5 个警告" in capsys.readouterr().out
    assert main(["export", str(example_file)]) == 2
    assert "--all" in capsys.readouterr().err
    assert main(["export", str(example_file), "--all", "-o", "x.pdf"]) == 2
    assert "只能选一个" in capsys.readouterr().err


def test_export_all_names_files_after_department_and_year(tmp_path, example_file):
    result = run("export", str(example_file), "--all", "--out-dir", str(tmp_path))
    assert result.returncode == 0, result.stderr
    base = "北京市西城区人民政府展览路街道办事处-2021-绩效目标申报表"
    assert sorted(p.name for p in tmp_path.iterdir()) == [
        f"{base}.docx", f"{base}.pdf", f"{base}.xlsx"]
    assert all((tmp_path / f"{base}.{ext}").stat().st_size > 1000 for ext in ("docx", "pdf", "xlsx"))


def test_export_prints_errors_first_but_exports(tmp_path, example_file):
    data = json.loads(example_file.read_text(encoding="utf-8"))
    data["funds"]["total"] = "1"
    draft = tmp_path / "wrong.json"
    draft.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    out = tmp_path / "表.docx"
    result = run("export", str(draft), "-o", str(out))
    assert result.returncode == 0
    assert "仍然导出" in result.stderr and "funds.total" in result.stderr
    assert out.is_file()
    from docx import Document

    texts = [c.text for t in Document(str(out)).tables for r in t.rows for c in r.cells]
    assert "1.00万元" in texts


def test_export_refuses_unknown_format_and_unwritable_target(tmp_path, example_file):
    result = run("export", str(example_file), "-o", str(tmp_path / "x.odt"))
    assert result.returncode == 2 and ".docx" in result.stderr
    blocker = tmp_path / "file"
    blocker.write_text("x", encoding="utf-8")
    result = run("export", str(example_file), "-o", str(blocker / "x.pdf"))
    assert result.returncode == 2 and "无法写入" in result.stderr
    assert "Traceback" not in result.stderr
    assert blocker.read_text(encoding="utf-8") == "x"


def test_export_of_a_draft_with_an_unknown_template_says_so(tmp_path, example_file):
    data = json.loads(example_file.read_text(encoding="utf-8"))
    data["template"] = "xicheng-2099"  # a profile a newer release may bring
    draft = tmp_path / "newer.json"
    draft.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    result = run("export", str(draft), "-o", str(tmp_path / "x.pdf"))
    assert result.returncode == 2
    assert "xicheng-2099" in result.stderr and "选择一个模板" in result.stderr
    assert "内部错误" not in result.stderr and not (tmp_path / "x.pdf").exists()
