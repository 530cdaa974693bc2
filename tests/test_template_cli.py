"""``declapp template check | list`` and ``declapp new --template``, as the IT person of a
财政局 and a clerk use them: real processes, a data folder of their own (DECLAPP_DATA_DIR),
real template files, good and bad. A bad template file never stops the program."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from template_samples import readme_example

from declapp.form import templates
from declapp.system.paths import DATA_DIR_ENV, resource_path


def run(*args: str, data: Path) -> subprocess.CompletedProcess:
    env = dict(os.environ, PYTHONIOENCODING="utf-8", **{DATA_DIR_ENV: str(data)})
    return subprocess.run([sys.executable, "-m", "declapp", *args], capture_output=True,
                          text=True, encoding="utf-8", env=env, timeout=120)


def _write(path: Path, raw: object) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(raw, ensure_ascii=False, indent=2), encoding="utf-8")
    return path


@pytest.fixture
def data(tmp_path) -> Path:
    return tmp_path / "data"


# --- template check --------------------------------------------------------------------------

@pytest.mark.parametrize("path", sorted(resource_path("templates").glob("*.json")),
                         ids=lambda p: p.stem)
def test_check_of_a_bundled_template_summarises_it(path, data):
    result = run("template", "check", str(path), data=data)
    assert result.returncode == 0, result.stderr
    out = result.stdout
    assert out.startswith(f"模板文件“{path.name}”可以使用。")
    assert f"标识：{path.stem}" in out
    form = templates.load_template(path.stem)
    for n in range(1, len(form.parts) + 1):
        assert f"\n  {n}. " in out
    for f in form.fields():
        assert f"［{f.id}，" in out  # every field, with its id
    for tree in form.trees():
        assert f"指标表 {tree.id}" in out
        for kind in tree.groups:
            assert f"一级指标 {kind.label}［{kind.kind}" in out


def test_check_of_the_stage_templates_says_what_the_program_computes(data):
    """The self-evaluation's scoring, computed fields and columns, read-only and unprinted
    columns; the monitoring form's months, rate and the rule of 完全不可能; where a form
    goes on to."""
    out = run("template", "check", str(resource_path("templates", "selfeval-project.json")),
              data=data).stdout
    assert "阶段：年末自评\n" in out
    assert "执行率（B/A）［程序算出：执行率 = 全年执行数（B） ÷ 全年预算数（A）］" in out
    assert "分值［程序算出：执行率的分值］" in out and "得分［程序算出：执行率得分］" in out
    assert "三级指标［name，指标名称，只读］" in out
    assert "得分［score，附加列，程序算出：得分］" in out
    assert "调整后指标值［adjusted，附加列，文字，只读，不打印］" in out
    assert "自评等级［evaluation.grade，程序算出：自评等级］" in out
    assert "一级指标 满意度指标［satisfaction，满意度，可以没有］" in out
    assert "评分：\n  预算执行率 10 分：funds.total@executed ÷ funds.total@budget，低于 90% 时须" \
        "填写 evaluation.execution_note\n" in out
    assert "各类指标的分值：产出（output）50、效果（effect）30、满意度（satisfaction）10" in out
    out = run("template", "check", str(resource_path("templates", "monitor-department.json")),
              data=data).stdout
    assert "阶段：年中监控；转入：年末自评 selfeval-department（部门整体支出绩效自评表）" in out
    assert "监控期间［monitor.months，选择（6、7），必填，担任监控的月份］" in out
    assert "执行率［程序算出：执行率 = 1–{months}月执行数 ÷ 年初预算数］" in out
    assert "指标列 likelihood 选“完全不可能”时须写纠偏措施（指标列 cause 或栏目 " \
        "monitor.measures）" in out
    out = run("template", "check", str(resource_path("templates", "project-2011.json")),
              data=data).stdout
    assert "阶段：申报；转入：年中监控 monitor-project（项目支出绩效运行监控表）、年末自评 " \
        "selfeval-project（项目支出绩效自评表）" in out


def test_check_of_later_stages_a_template_names(tmp_path, data):
    """A stage's template this PC does not have yet is said, not refused (it may come in
    the same folder); one of another stage cannot be used."""
    raw = readme_example()
    raw["stages"] = {"监控": "shili-monitor-2024"}
    path = _write(tmp_path / "shili-2024.json", raw)
    result = run("template", "check", str(path), data=data)
    assert result.returncode == 0, result.stderr
    assert "阶段：申报；转入：年中监控 shili-monitor-2024（程序中还没有这个模板，请一并安装）" \
        in result.stdout
    raw["stages"] = {"监控": "selfeval-department"}
    _write(path, raw)
    result = run("template", "check", str(path), data=data)
    assert result.returncode == 2
    assert result.stderr.strip() == (
        "模板文件“shili-2024.json”有误（位置：stages.监控）：模板“selfeval-department”是“自评”"
        "阶段的表（部门整体支出绩效自评表），不能用作“监控”阶段的模板。")
    # The readme's example names no stage: its summary has no line of stages.
    result = run("template", "check", str(_write(path, readme_example())), data=data)
    assert "阶段：" not in result.stdout


def test_check_of_the_readme_example_names_its_parts_fields_and_tree(tmp_path, data):
    path = _write(tmp_path / "shili-2024.json", readme_example())
    result = run("template", "check", str(path), data=data)
    assert result.returncode == 0, result.stderr
    out = result.stdout
    assert "页面：A4 纵向，表格 5 列，宽 146.4 毫米（版心宽 146.4 毫米）" in out
    assert "单位名称［department.name，文字，必填，担任单位名称］" in out
    assert "联系电话［department.phone，电话，不填时提示写“无”］" in out
    assert "合计［funds.total，金额，合计］" in out
    assert "表格 tasks“重点工作”（页签“重点工作”），一行一个“工作”" in out
    assert "小计［total，金额，= fiscal + other］" in out
    assert "三级（一级、二级、三级指标）" in out
    assert "权重［weight，附加列，数］" in out
    assert "指标列 weight 合计应为 100" in out
    assert result.stderr == ""


def test_check_of_a_broken_template_says_file_and_place_exit_two(tmp_path, data):
    raw = readme_example()
    raw["parts"][2]["columns"][1]["type"] = "money"
    path = _write(tmp_path / "坏模板.json", raw)
    result = run("template", "check", str(path), data=data)
    assert result.returncode == 2
    assert result.stdout == ""
    assert result.stderr.strip() == (
        "模板文件“坏模板.json”有误（位置：parts[2].columns[1].type）：应为 “text”、“longtext”、"
        "“amount” 之一，实际为“money”。")
    assert "Traceback" not in result.stderr


def test_check_knows_the_ids_of_the_checks(tmp_path, data):
    raw = readme_example()
    raw["checks"]["disabled"] = ["vague-words", "functions-missing"]
    path = _write(tmp_path / "t.json", raw)
    result = run("template", "check", str(path), data=data)
    assert result.returncode == 2
    # functions-missing: this form has no required 职能 field, so no check gives it
    assert "（位置：checks.disabled）：“functions-missing”不是检查的代号" in result.stderr
    raw["checks"]["disabled"] = ["vague-words", "name-missing", "weights-total"]
    _write(path, raw)
    result = run("template", "check", str(path), data=data)
    assert result.returncode == 0, result.stderr
    assert "不做的检查：name-missing、vague-words、weights-total" in result.stdout


def test_check_refuses_the_id_of_a_bundled_template_and_a_missing_file(tmp_path, data):
    raw = readme_example()
    raw["id"] = "hunan-2023"
    path = _write(tmp_path / "my-hunan.json", raw)
    result = run("template", "check", str(path), data=data)
    assert result.returncode == 2
    assert "（位置：id）：标识“hunan-2023”与程序自带的模板相同" in result.stderr
    result = run("template", "check", str(tmp_path / "nothere.json"), data=data)
    assert result.returncode == 2
    assert result.stderr.strip() == "模板文件“nothere.json”有误：找不到这个文件。"


def test_template_without_an_action_shows_its_usage(data):
    result = run("template", data=data)
    assert result.returncode == 2
    assert "用法：declapp template" in result.stderr and "check 或 list" in result.stderr


# --- template list and new --------------------------------------------------------------------

def _user_folder(data: Path) -> Path:
    return data / templates.USER_FOLDER_NAME


def test_list_groups_the_templates_as_new_shows_them_and_names_bad_files(data):
    folder = _user_folder(data)
    _write(folder / "shili-2024.json", readme_example())
    (folder / "broken.json").write_text('{"format": "declapp.template",', encoding="utf-8")
    clash = readme_example()
    clash["id"] = "xicheng-2021"
    _write(folder / "clash.json", clash)
    result = run("template", "list", data=data)
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    family_lines = [line.strip() for line in lines if line.startswith("  ") and
                    not line.startswith("    ")]
    assert family_lines[:4] == ["部门整体", "项目支出", "年中监控", "年末自评"]

    def subgroups(start: str, end: str) -> list[str]:
        block = lines[lines.index(start):lines.index(end)]
        return [line.strip() for line in block if line.startswith("    ") and
                not line.startswith("      ")]

    assert subgroups("  部门整体", "  项目支出") == [
        "北京市西城区", "湖北省", "湖南省", "示例县", "财政部格式（各地通用）", "重庆市"]
    assert subgroups("  项目支出", "  年中监控") == ["财政部格式（北京随预算公开）"]
    # The later stages' forms by stage, then by family: what 转入… gives, or 新建 makes.
    assert subgroups("  年中监控", "  年末自评") == ["部门整体", "项目支出"]
    monitor = lines[lines.index("  年中监控"):lines.index("  年末自评")]
    assert [line.split()[0] for line in monitor if line.startswith("      ")] == [
        "monitor-department", "monitor-project"]
    mine = next(line for line in lines if "shili-2024" in line)
    assert "示例县 部门整体支出绩效目标表（2024 年版）" in mine and str(folder) in mine
    assert any("xicheng-2021" in line and "（默认）" in line for line in lines)
    assert f"  {folder}" in lines
    problems = lines[next(i for i, line in enumerate(lines) if "有问题" in line):]
    assert problems[0] == "以下 2 个模板文件有问题，没有载入（程序的其他功能照常使用）："
    assert any("“broken.json”有误：不是完整的 JSON" in line for line in problems)
    assert any("“clash.json”有误（位置：id）" in line and "重复" in line for line in problems)


def test_list_says_the_folder_is_not_there_yet(data):
    result = run("template", "list", data=data)
    assert result.returncode == 0
    assert f"  {_user_folder(data)}（尚未建立）" in result.stdout.splitlines()
    assert "有问题" not in result.stdout


def test_new_with_an_unknown_template_lists_them_grouped(tmp_path, data):
    target = tmp_path / "a.json"
    result = run("new", "--template", "hunan-2022", "--year", "2024", "-o", str(target),
                 data=data)
    assert result.returncode == 2
    err = result.stderr
    assert err.startswith("未知的模板“hunan-2022”。可用的模板：\n  部门整体\n    北京市西城区\n")
    assert err.index("  部门整体") < err.index("湖南省") < err.index("  项目支出") < \
        err.index("project-2011")
    assert "您是不是要输入“hunan-2023”？" in err
    assert not target.exists()


def test_new_help_lists_the_templates_grouped(data):
    out = run("new", "--help", data=data).stdout
    flat = "".join(out.split())
    assert "可用的模板——部门整体：北京市西城区xicheng-2019、xicheng-2021；" in flat
    assert "项目支出：财政部格式（北京随预算公开）project-2011。" in flat
    assert "年中监控：部门整体monitor-department；项目支出monitor-project。" in flat
    assert "年末自评：部门整体selfeval-department；项目支出selfeval-project。" in flat


def test_a_template_of_the_clerks_folder_makes_drafts(tmp_path, data):
    _write(_user_folder(data) / "shili-2024.json", readme_example())
    target = tmp_path / "draft.json"
    result = run("new", "--template", "shili-2024", "--year", "2025", "-o", str(target),
                 data=data)
    assert result.returncode == 0, result.stderr
    assert "示例县 部门整体支出绩效目标表（2024 年版）" in result.stdout
    saved = json.loads(target.read_text(encoding="utf-8"))
    assert saved["template"] == "shili-2024" and saved["tables"] == {"tasks": []}
    result = run("check", str(target), data=data)
    assert result.returncode == 1
    assert "[name-missing]" in result.stdout and "[table-empty]" in result.stdout


# --- a bad template file never stops the program ------------------------------------------------

def _bad_files(folder: Path) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "empty.json").write_bytes(b"")
    (folder / "gbk.json").write_bytes(json.dumps(readme_example(), ensure_ascii=False)
                                      .encode("gbk"))
    (folder / "deep.json").write_text("[" * 100_000, encoding="utf-8")
    (folder / "huge.json").write_bytes(b" " * (2 * 1024 * 1024))
    (folder / "folder.json").mkdir()
    (folder / "list.json").write_text("[1, 2]", encoding="utf-8")
    (folder / "nan.json").write_text('{"format": "declapp.template", "version": NaN}',
                                     encoding="utf-8")
    wrong = readme_example()
    wrong["parts"][4]["levels"] = 2
    _write(folder / "levels.json", wrong)
    (folder / "notes.txt").write_text("not a template", encoding="utf-8")


def test_bad_template_files_never_stop_the_command_line(tmp_path, data):
    _bad_files(_user_folder(data))
    _write(_user_folder(data) / "shili-2024.json", readme_example())
    draft = tmp_path / "d.json"
    result = run("new", "--template", "national-2015", "--year", "2024", "-o", str(draft),
                 data=data)
    assert result.returncode == 0, result.stderr
    assert run("check", str(draft), data=data).returncode == 1  # a blank form: errors
    result = run("export", str(draft), "--all", "--out-dir", str(tmp_path / "out"), data=data)
    assert result.returncode == 0, result.stderr
    assert len(list((tmp_path / "out").iterdir())) == 3
    result = run("template", "list", data=data)
    assert result.returncode == 0, result.stderr
    assert "shili-2024" in result.stdout
    bad = [line for line in result.stdout.splitlines() if "有误" in line]
    assert len(bad) == 7  # a folder named .json and notes.txt are not template files
    assert "Traceback" not in result.stdout + result.stderr


def test_bad_template_files_never_stop_the_registry(tmp_path, monkeypatch):
    """In the program itself (the window asks the same registry)."""
    monkeypatch.setenv(DATA_DIR_ENV, str(tmp_path))
    _bad_files(tmp_path / templates.USER_FOLDER_NAME)
    extra = tmp_path / "shared"
    _write(extra / "shili-2024.json", readme_example())
    try:
        templates.set_extra_folders([extra, tmp_path / "no such folder"])
        assert "shili-2024" in templates.available_templates()
        assert set(templates.available_templates()) >= {"xicheng-2021", "project-2011"}
        names = sorted(p.source for p in templates.template_problems())
        assert names == ["deep.json", "empty.json", "gbk.json", "huge.json", "levels.json",
                         "list.json", "nan.json"]
        assert all(p.message.startswith(f"模板文件“{p.source}”有误")
                   for p in templates.template_problems())
    finally:
        templates.set_extra_folders([])
    monkeypatch.delenv(DATA_DIR_ENV)
    templates.reload_templates()
    assert "shili-2024" not in templates.available_templates()
