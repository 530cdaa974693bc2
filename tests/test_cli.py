"""The command line as a clerk or a script uses it: real processes, real files."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from declapp.cli.commands import main


def run(*args: str, cwd: Path | None = None,
        env_extra: dict[str, str] | None = None) -> subprocess.CompletedProcess:
    env = dict(os.environ, PYTHONIOENCODING="utf-8", **(env_extra or {}))
    return subprocess.run([sys.executable, "-m", "declapp", *args], capture_output=True,
                          text=True, encoding="utf-8", cwd=cwd, env=env, timeout=120)


def test_check_example_has_only_hints_exit_zero(example_file):
    result = run("check", str(example_file))
    assert result.returncode == 0
    assert "0 个错误，5 个未核对的警告" in result.stdout  # the vague-word hints of issue 12
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
    assert len(lines) == 1 and "部门（单位）绩效目标 第 1 段" in lines[0] and "2021年" in lines[0]
    assert "0 个错误，6 个未核对的警告" in result.stdout  # and the 5 vague-word hints


def test_new_then_check_reports_errors_exit_one(tmp_path):
    path = tmp_path / "blank.json"
    result = run("new", "--template", "xicheng-2019", "--year", "2024", "-o", str(path))
    assert result.returncode == 0, result.stderr
    data = json.loads(path.read_text(encoding="utf-8"))
    assert data["template"] == "xicheng-2019" and data["year"] == 2024
    result = run("check", str(path))
    assert result.returncode == 1
    lines = result.stdout.splitlines()  # errors first, each named as the form names it
    assert lines[0].startswith("错误  部门（单位）名称  未填写")
    assert lines[1].startswith("错误  部门（单位）绩效目标  未填写")
    # A blank form's amounts are all 0: that is one of its warnings too.
    assert any(line.endswith("[amounts-all-zero]") for line in lines)
    assert lines[-1] == "blank.json：2 个错误，15 个未核对的警告。"


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
    assert "0 个错误，5 个未核对的警告" in capsys.readouterr().out
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
    assert "仍然导出" in result.stderr and "资金情况（万元） › 资金总额" in result.stderr
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


# --- issue 9 §4: Chinese throughout, unknown words, the export folder ------------------

# ASCII words a Chinese help may contain: the program, its commands, options and values.
_ALLOWED_WORDS = {"declapp", "help", "version", "new", "check", "export", "template", "year",
                  "output", "force", "all", "out", "dir", "font", "xicheng", "json", "docx",
                  "xlsx", "pdf", "ttf", "ttc", "Word", "Excel", "PDF", "bogus", "imprt",
                  "chek", "abc", "import", "indicators", "indicator", "sheet", "embed", "columns", "standard",
                  "doc", "wps", "xls", "LibreOffice", "stage", "report"}


# The templates' ids are values of --template too: 部门整体 and 项目支出 listed by id; and the
# template command names its file of instructions.
_ALLOWED_WORDS |= {"list", "templates", "README", "md"}


def english_words(text: str) -> set[str]:
    import re

    from declapp.form.templates import available_templates

    ids = {word for t in available_templates() for word in re.findall(r"[A-Za-z]+", t)}
    return {w for w in re.findall(r"[A-Za-z]{3,}", text) if w not in _ALLOWED_WORDS | ids}


def test_help_of_the_program_and_every_command_is_chinese():
    for args in (["--help"], ["-h"], ["new", "--help"], ["check", "--help"],
                 ["export", "--help"], ["import", "--help"], ["indicators", "--help"],
                 ["indicator-sheet", "--help"], ["template", "--help"],
                 ["template", "check", "--help"], ["template", "list", "--help"],
                 ["stage", "--help"], ["report", "--help"]):
        result = run(*args)
        assert result.returncode == 0, result.stderr
        out = result.stdout
        assert out.startswith("用法：declapp"), out
        assert english_words(out) == set(), (args, out)
        assert "显示此帮助并退出" in out
    top = run("--help").stdout
    assert "选项：" in top and "命令：" in top and "显示程序版本号并退出" in top
    for command in ("new", "check", "export", "template", "stage", "report"):
        assert command in top


def test_help_columns_line_up_in_a_terminal():
    import re

    from declapp.cli.text import display_width

    for columns in ("60", "80", "120"):
        out = run("export", "--help", env_extra={"COLUMNS": columns}).stdout
        lines = out.splitlines()
        assert max(display_width(line) for line in lines) <= int(columns), out
        help_columns = set()
        for line in lines:
            option = re.match(r"(  (?:--all|--out-dir 文件夹|--font 字体文件|-h, --help) +)\S", line)
            if option:
                help_columns.add(display_width(option.group(1)))
        assert len(help_columns) == 1, out  # every help starts in the same column


@pytest.mark.parametrize("args, words", [
    (["new"], "缺少必需的参数"),
    (["new", "--year", "abc", "-o", "x.json"], "年度应为四位数的年份"),
    (["new", "--year", "2022", "-o"], "后面需要一个值"),
    (["export", "x.json", "--bogus"], "无法识别的参数"),
    (["--bogus"], "无法识别的参数"),
    (["check"], "缺少必需的参数"),
])
def test_argument_errors_are_chinese(args, words):
    result = run(*args)
    assert result.returncode == 2
    assert words in result.stderr and "错误：" in result.stderr
    assert english_words(result.stderr) == set(), result.stderr
    assert "Traceback" not in result.stderr


def test_an_unknown_word_is_an_error_listing_the_commands(tmp_path, monkeypatch, capsys):
    opened: list[list[str]] = []
    monkeypatch.setattr("declapp.cli.commands.cmd_gui", lambda files: opened.append(files) or 0)
    monkeypatch.chdir(tmp_path)
    assert main(["imprt", "x"]) == 2
    err = capsys.readouterr().err
    assert "未知的命令“imprt”" in err
    for command in ("new", "check", "export"):
        assert f"  {command}" in err
    assert main(["chek", "a.json"]) == 2
    assert "您是不是要输入“check”" in capsys.readouterr().err
    assert opened == []  # the window never opened on a file called "imprt"
    draft = tmp_path / "草稿"  # a real file, even without an extension, opens the window
    draft.write_text("{}", encoding="utf-8")
    assert main(["草稿"]) == 0
    assert main([str(tmp_path / "not-yet.json")]) == 0  # a path the window will report
    assert opened == [["草稿"], [str(tmp_path / "not-yet.json")]]


def test_the_unknown_word_error_exits_before_any_window(tmp_path):
    result = run("imprt", "x", cwd=tmp_path)
    assert result.returncode == 2 and "未知的命令" in result.stderr


def test_export_all_creates_the_folder_as_the_readme_shows(tmp_path, example_file):
    result = run("export", str(example_file), "--all", "--out-dir", "导出", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert len(list((tmp_path / "导出").iterdir())) == 3
    nested = tmp_path / "甲" / "乙"
    result = run("export", str(example_file), "--all", "--out-dir", str(nested))
    assert result.returncode == 0 and len(list(nested.iterdir())) == 3
    blocker = tmp_path / "是文件"
    blocker.write_text("x", encoding="utf-8")
    result = run("export", str(example_file), "--all", "--out-dir", str(blocker))
    assert result.returncode == 2 and "不是文件夹" in result.stderr
    assert blocker.read_text(encoding="utf-8") == "x"
