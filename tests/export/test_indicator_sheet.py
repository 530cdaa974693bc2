"""The sheet for the online system (一体化指标表), read back with openpyxl, and
``declapp indicators`` as a clerk runs it."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from openpyxl import load_workbook

from declapp.export.indicator_sheet import SheetError, load_sheet, write_indicator_sheet
from declapp.form.model import Item
from declapp.form.templates import new_draft
from declapp.storage.atomic import WriteError
from declapp.storage.fileformat import save

HEADERS = ["一级指标", "二级指标", "三级指标名称", "计算符号", "指标值", "计量单位", "指标内容",
           "指标解释", "评（扣）分标准", "备注"]
SATISFACTION = Item(name="群众满意度", op="≥", value="95", unit="%", content="入户走访",
                    explanation="抽样调查", scoring="每低1个百分点扣1分")
LONG = "对社会化退休及宣传保障房政策，对申请进行受理审核及公示，对3类保障房申请家庭进行资格复核。"


def _draft():
    draft = new_draft("xicheng-2021", 2022)
    draft.texts["department.name"] = "某某街道办事处"
    draft.indicators[0].name = "城市管理"
    draft.indicators[0].categories[0].items = [
        Item(name="完成整治", op="＝", value="１０", unit="项"), Item(), Item(LONG, "")]
    draft.indicators[0].categories[3].items = [Item(name="=SUM(A1)", op="定性", value="+86")]
    draft.indicators[1].categories[4].items = [SATISFACTION]
    return draft


def _read(path: Path):
    ws = load_workbook(path).active
    return ws, [[c.value for c in row] for row in ws.iter_rows()]


def test_one_row_per_item_under_the_online_systems_columns(tmp_path):
    target = tmp_path / "指标.xlsx"
    rows = write_indicator_sheet(_draft(), target)
    _ws, table = _read(target)
    assert table[0] == HEADERS
    assert len(table) == 1 + 4 == 1 + len(rows)  # the blank item has no row
    assert table[1] == ["产出指标", "产出数量指标", "完成整治", "＝", "10", "项", None, None, None,
                        None]
    assert table[4] == ["效果指标", "服务对象满意度指标", "群众满意度", "≥", "95", "%", "入户走访",
                        "抽样调查", "每低1个百分点扣1分", None]


def test_free_text_fills_the_name_with_30_characters_and_is_flagged(tmp_path):
    target = tmp_path / "指标.xlsx"
    write_indicator_sheet(_draft(), target)
    _ws, table = _read(target)
    row = dict(zip(HEADERS, table[2], strict=True))
    assert row["三级指标名称"] == LONG[:30]
    assert row["指标内容"] == LONG  # nothing lost
    assert row["计算符号"] is None and row["指标值"] is None
    assert "自由文本" in row["备注"] and f"原文 {len(LONG)} 字" in row["备注"]


def test_cells_are_text_header_frozen_and_columns_sized(tmp_path):
    target = tmp_path / "指标.xlsx"
    write_indicator_sheet(_draft(), target)
    ws, table = _read(target)
    assert ws.freeze_panes == "A2"
    widths = [ws.column_dimensions[chr(ord("A") + i)].width for i in range(len(HEADERS))]
    assert widths == [c.width for c in load_sheet().columns]
    assert widths[2] >= 30 and widths[6] > widths[0]
    cells = [c for row in ws.iter_rows() for c in row if c.value is not None]
    assert all(c.data_type == "s" and c.number_format == "@" for c in cells)
    assert table[3][2] == "=SUM(A1)" and table[3][4] == "+86"  # text, not a formula


def test_a_province_with_another_template_is_a_new_file_not_new_code(tmp_path):
    columns = {"id": "other", "name": "另一省份", "sheet_title": "项目绩效",
               "level1_labels": {"output": "产出", "effect": "效益"},
               "columns": [{"header": "单位", "field": "department", "width": 20},
                           {"header": "年度", "field": "year"},
                           {"header": "产出指标", "field": "level1_label", "width": 30},
                           {"header": "一级", "field": "level1"},
                           {"header": "指标名称", "field": "name", "width": 30},
                           {"header": "目标值", "field": "value"}]}
    spec = tmp_path / "other.json"
    spec.write_text(json.dumps(columns, ensure_ascii=False), encoding="utf-8")
    target = tmp_path / "指标.xlsx"
    write_indicator_sheet(_draft(), target, str(spec))
    ws, table = _read(target)
    assert ws.title == "项目绩效"
    assert table[0] == ["单位", "年度", "产出指标", "一级", "指标名称", "目标值"]
    assert table[1] == ["某某街道办事处", "2022", "产出指标一（城市管理）", "产出", "完成整治", "10"]


@pytest.mark.parametrize(("content", "words"), [
    ({"id": "x", "name": "x", "columns": [{"header": "甲", "field": "nmae"}]}, "未知的字段：nmae"),
    ({"id": "x", "name": "x", "columns": []}, "没有列"),
    ({"id": "x", "columns": []}, "不完整"),
    ([1, 2], "JSON 对象"),
])
def test_a_bad_column_file_says_what_is_wrong(tmp_path, content, words):
    spec = tmp_path / "bad.json"
    spec.write_text(json.dumps(content, ensure_ascii=False), encoding="utf-8")
    with pytest.raises(SheetError) as info:
        load_sheet(str(spec))
    assert words in info.value.message


def test_a_failed_write_leaves_the_old_file(tmp_path, monkeypatch):
    target = tmp_path / "指标.xlsx"
    target.write_bytes(b"old sheet")

    def refuse(src, dst):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(os, "replace", refuse)
    with pytest.raises(WriteError) as info:
        write_indicator_sheet(_draft(), target)
    assert "无法写入" in info.value.message
    assert target.read_bytes() == b"old sheet"
    assert [p.name for p in tmp_path.iterdir()] == ["指标.xlsx"]


def _run(*args: str) -> subprocess.CompletedProcess:
    env = dict(os.environ, PYTHONIOENCODING="utf-8")
    return subprocess.run([sys.executable, "-m", "declapp", *args], capture_output=True,
                          text=True, encoding="utf-8", env=env, timeout=120)


def test_declapp_indicators_writes_the_sheet(tmp_path, example_file):
    target = tmp_path / "指标.xlsx"
    result = _run("indicators", str(example_file), "-o", str(target))
    assert result.returncode == 0, result.stderr
    assert "51 行" in result.stdout and "51 行是自由文本" in result.stdout
    _ws, table = _read(target)
    assert table[0] == HEADERS and len(table) == 52
    # Exported again for the same draft: replaced without a word.
    assert _run("indicators", str(example_file), "-o", str(target)).returncode == 0
    draft_path = tmp_path / "草稿.json"
    save(_draft(), draft_path)
    # Another department's draft over it: only with --force.
    refused = _run("indicators", str(draft_path), "-o", str(target))
    assert refused.returncode == 2 and "--force" in refused.stderr
    result = _run("indicators", str(draft_path), "-o", str(target), "--force")
    assert result.returncode == 0 and "4 行，其中 1 行是自由文本" in result.stdout


@pytest.mark.parametrize(("args", "words"), [
    (["-o", "指标.xls"], ".xlsx"),
    (["-o", "指标.xlsx", "--columns", "nowhere"], "未知的指标表格式"),
    (["-o", str(Path("no such folder") / "指标.xlsx")], "不存在"),
])
def test_declapp_indicators_refuses_with_a_sentence(tmp_path, example_file, args, words):
    result = subprocess.run(
        [sys.executable, "-m", "declapp", "indicators", str(example_file), *args],
        capture_output=True, text=True, encoding="utf-8", cwd=tmp_path, timeout=120,
        env=dict(os.environ, PYTHONIOENCODING="utf-8"))
    assert result.returncode == 2
    assert words in result.stderr and "Traceback" not in result.stderr


def test_the_sheet_is_named_like_the_forms_exports(example_draft):
    from declapp.export import default_filename
    from declapp.export.indicator_sheet import sheet_filename

    name = sheet_filename(example_draft)
    assert name == "北京市西城区人民政府展览路街道办事处-2021-一体化指标表.xlsx"
    assert default_filename(example_draft, "xlsx").split("-")[:2] == name.split("-")[:2]


def test_declapp_indicators_on_a_full_disk_says_so_and_keeps_the_old_sheet(
        tmp_path, example_file, full_disk):
    """The sheet used to be zipped straight into the file: on a full disk the half-written
    zip printed "Exception ignored in: ZipFile.__del__" after the message."""
    target = full_disk.folder / "指标.xlsx"
    assert _run("indicators", str(example_file), "-o", str(target)).returncode == 0
    before = target.read_bytes()
    full_disk.fill()
    env = dict(os.environ, PYTHONIOENCODING="utf-8")
    result = subprocess.run([*full_disk.child_prefix(), "indicators", str(example_file),
                             "-o", str(target)], capture_output=True, text=True,
                            encoding="utf-8", env=env, timeout=120)
    assert result.returncode == 2
    assert result.stderr.strip() == "无法写入“指标.xlsx”：磁盘空间不足。请清理磁盘或换一个磁盘后再试。"
    assert result.stdout == ""
    assert target.read_bytes() == before
    assert sorted(p.name for p in full_disk.folder.iterdir() if p.name != ".filler") == \
        ["指标.xlsx"]


def test_a_text_longer_than_an_excel_cell_is_cut_and_says_so(tmp_path):
    """Excel holds 32,767 characters in a cell and calls a file with more damaged."""
    draft = _draft()
    draft.indicators[0].categories[0].items = [Item("长" * 100_000, "1项")]
    target = tmp_path / "指标.xlsx"
    write_indicator_sheet(draft, target)
    _ws, table = _read(target)
    content = table[1][HEADERS.index("指标内容")]
    assert len(content) == 32_767 and content.endswith("以下略）")
    assert all(len(str(v or "")) <= 32_767 for row in table for v in row)
