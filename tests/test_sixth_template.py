"""Issue 16, done when: a form the program has never seen, written here as a data file
alone, goes through the whole program — new, edit, check, export, import — with no code
change. The template is put where a 财政局 would put it: the templates folder of the
data folder."""

from __future__ import annotations

import json
import re
from decimal import Decimal
from pathlib import Path

import pytest

from declapp import editing
from declapp.checks import ERROR, check_draft
from declapp.editing import InsertNode, InsertRow, SetValue, SetValues, apply
from declapp.export import FORMATS, ExportOptions, export_draft
from declapp.form import templates
from declapp.form.model import Item
from declapp.storage.fileformat import load, save
from declapp.system.paths import DATA_DIR_ENV

# 洛阳 (a made-up 2025 layout): a fill date above the table, income and spending that
# must agree with last year beside them, a table of key projects whose totals are sums,
# three-level indicators with a weight each that add up to 100.
LUOYANG = {
    "format": "declapp.template",
    "version": 1,
    "id": "luoyang-2025",
    "name": "洛阳 部门整体绩效目标表（2025 年版）",
    "region": "河南省洛阳市",
    "description": "市级部门的整体绩效目标表：收支两块、重点项目表、带权重的三级指标。",
    "title": "{unit}{year}年度部门整体绩效目标表",
    "document_name": "部门整体绩效目标表",
    "export_name": "整体绩效目标表",
    "required_mark": "*",
    "above_table": [{"text": "填报日期：{value}", "align": "right",
                     "field": {"id": "fill_date", "label": "填报日期", "type": "date"}}],
    "columns_mm": [24, 30, 24, 24, 22, 22.4],
    "parts": [
        {"kind": "fields", "tab": "单位", "fields": [
            {"id": "department.name", "label": "单位名称", "role": "unit_name",
             "required": "error", "span": 3},
            {"id": "department.head", "label": "负责人", "type": "person"}]},
        {"kind": "amounts", "id": "funds", "label": "收支情况（万元）", "tab": "收支",
         "columns": [{"label": "{year}年"}, {"key": "y1", "label": "{year-1}年", "span": 2},
                     {"key": "share", "label": "占比", "computed": "share"}],
         "sections": [
             {"heading": "收入", "rows": [
                 {"id": "funds.fiscal", "label": "财政拨款"},
                 {"id": "funds.other_income", "label": "其他收入"},
                 {"id": "funds.income_total", "label": "收入合计", "total": True}]},
             {"heading": "支出", "rows": [
                 {"id": "funds.basic", "label": "基本支出"},
                 {"id": "funds.project", "label": "项目支出"},
                 {"id": "funds.total", "label": "支出合计", "total": True}]}],
         "agree": [["funds.income_total", "funds.total"]]},
        {"kind": "table", "id": "key_projects", "label": "重点项目", "tab": "重点项目",
         "row_name": "项目",
         "columns": [
             {"key": "name", "label": "项目名称", "required": True, "span": 2},
             {"key": "total", "label": "金额", "type": "amount",
              "sum_of": ["fiscal", "own"]},
             {"key": "fiscal", "label": "财政资金", "type": "amount"},
             {"key": "own", "label": "自筹资金", "type": "amount"}],
         "totals_label": "合计"},
        {"kind": "fields", "tab": "目标", "fields": [
            {"id": "goals", "label": "年度绩效目标", "type": "longtext", "required": "error",
             "span": 5}]},
        {"kind": "indicators", "id": "indicators", "label": "绩效指标", "levels": 3,
         "label_position": "above", "tab": "指标",
         "columns": [
             {"key": "level1", "label": "一级指标"},
             {"key": "level2", "label": "二级指标"},
             {"key": "name", "label": "三级指标"},
             {"key": "value", "label": "指标值", "with_sign": True, "with_unit": True},
             {"key": "explanation", "label": "指标解释"},
             {"key": "weight", "label": "分值", "type": "number"}],
         "groups": [
             {"kind": "output", "role": "output", "label": "产出指标",
              "categories": ["数量指标", "质量指标"]},
             {"kind": "effect", "role": "effect", "label": "效益指标",
              "categories": ["社会效益指标"]},
             {"kind": "satisfaction", "role": "satisfaction", "label": "满意度指标",
              "categories": ["服务对象满意度指标"],
              "satisfaction_category": "服务对象满意度指标"}]},
        {"kind": "fields", "tab": "目标", "fields": [
            {"id": "notes", "label": "备注", "type": "longtext", "role": "notes",
             "printed": False, "span": 5}]},
    ],
    "checks": {"weights_column": "weight", "weights_total": 100,
               "total_budget": "funds.total"},
}


@pytest.fixture
def luoyang(tmp_path, monkeypatch):
    """The data folder of a PC whose 财政局 handed out the 洛阳 template."""
    data = tmp_path / "data"
    folder = data / templates.USER_FOLDER_NAME
    folder.mkdir(parents=True)
    (folder / "luoyang-2025.json").write_text(json.dumps(LUOYANG, ensure_ascii=False),
                                              encoding="utf-8")
    monkeypatch.setenv(DATA_DIR_ENV, str(data))
    templates.reload_templates()
    yield templates.load_template("luoyang-2025")
    monkeypatch.delenv(DATA_DIR_ENV)
    templates.reload_templates()


def _item(name: str, op: str, value: str, unit: str, weight: str, why: str) -> Item:
    return Item(name=name, op=op, value=value, unit=unit, explanation=why,
                extra={"weight": weight})


def _fill(draft, form) -> None:
    """What a clerk types, each as an editing operation (the window's undo stack)."""
    amounts = {"funds.fiscal": ("8600.50", "8100"), "funds.other_income": ("399.50", "400"),
               "funds.income_total": ("9000", "8500"), "funds.basic": ("5200", "5000"),
               "funds.project": ("3800", "3500"), "funds.total": ("9000", "8500")}
    values = [SetValue("fill_date", "2024年11月8日"), SetValue("department.head", "李明"),
              SetValue("goals", "2025年完成老城区供水管网改造12公里，群众满意度达到90%以上。")]
    for key, (now, last) in amounts.items():
        values += [SetValue(key, Decimal(now)), SetValue(f"{key}@y1", Decimal(last))]
    apply(draft, SetValues(tuple(values)))
    apply(draft, InsertRow("key_projects", 0, (("name", "老城区供水管网改造"), ("total", "2600"),
                                               ("fiscal", "2400"), ("own", "200"))))
    apply(draft, InsertRow("key_projects", 1, (("name", "二次供水设施提升"), ("total", "1200"),
                                               ("fiscal", "1000"), ("own", "100"))))
    items = {(0, 0): [_item("改造供水管网长度", "≥", "12", "公里", "30", "当年完工的管网长度")],
             (0, 1): [_item("管网改造验收合格率", "＝", "100", "%", "30", "验收合格段数÷总段数")],
             (1, 0): [_item("受益居民户数", "≥", "15000", "户", "20", "改造片区的居民户数")],
             (2, 0): [_item("居民满意度", "≥", "90", "%", "10", "问卷调查")]}
    for (g, c), new in items.items():
        for n, item in enumerate(new):
            apply(draft, InsertNode((g, c), n, item))


def _ids(findings, severity=None):
    return {(f.id, f.location) for f in findings if severity is None or f.severity == severity}


def _text_of(path: Path) -> str:
    if path.suffix == ".docx":
        from docx import Document

        document = Document(str(path))
        texts = [c.text for t in document.tables for r in t.rows for c in r.cells]
        texts += [p.text for p in document.paragraphs]
    elif path.suffix == ".xlsx":
        from openpyxl import load_workbook

        texts = [str(c.value) for row in load_workbook(path).worksheets[0].iter_rows()
                 for c in row if c.value is not None]
    else:
        from pypdf import PdfReader

        texts = [page.extract_text() for page in PdfReader(path).pages]
    return re.sub(r"\s+", "", "".join(texts))


def test_a_template_written_as_a_data_file_goes_through_the_whole_program(luoyang, tmp_path):
    form = luoyang
    assert not form.bundled and "luoyang-2025" in templates.available_templates()
    family = dict(templates.template_groups())["部门整体"]
    assert ("河南省洛阳市", [form]) in family

    # new: the blank form has every field, the table, the tree with its standard parts
    draft = templates.new_draft("luoyang-2025", 2025)
    path = tmp_path / "洛阳.json"
    save(draft, path)
    draft = load(path)
    assert draft.tables == {"key_projects": []}
    assert [c.name for c in draft.indicators[0].categories] == ["数量指标", "质量指标"]
    blank = _ids(check_draft(draft), ERROR)
    assert ("name-missing", "department.name") in blank
    assert ("goals-missing", "goals") in blank

    # edit: only through declapp.editing; one undo step takes one edit back
    _fill(draft, form)
    undo = apply(draft, SetValue("department.name", "洛阳市城市管理局"))
    apply(draft, undo)
    assert draft.text("department.name") == ""

    # check: the template's own rules fire
    errors = _ids(check_draft(draft), ERROR)
    assert ("name-missing", "department.name") in errors  # a required field
    assert ("table-row-sum", "key_projects[1].total") in errors  # 1000 + 100 ≠ 1200
    assert ("weights-total", "indicators") in errors  # 30 + 30 + 20 + 10 = 90
    assert not any(i[0] == "totals-disagree" for i in errors)
    weights = next(f for f in check_draft(draft) if f.id == "weights-total")
    assert "分值合计 90，应为 100" in weights.message
    apply(draft, SetValue("funds.total", Decimal("9001")))
    found = _ids(check_draft(draft), ERROR)
    assert ("totals-disagree", "funds.total") in found
    assert ("total-mismatch", "funds.total") in found

    # mend them, as a clerk would
    apply(draft, SetValues((SetValue("department.name", "洛阳市城市管理局"),
                            SetValue("key_projects[1].own", "200"),
                            SetValue("funds.total", Decimal("9000")),
                            SetValue("indicators[2].categories[0].items[0].weight", "20"))))
    assert [f for f in check_draft(draft) if f.severity == ERROR] == []
    save(draft, path)
    assert load(path) == draft

    # export: all three formats, read back
    wanted = ["洛阳市城市管理局2025年度部门整体绩效目标表", "填报日期：2024年11月8日",
              "老城区供水管网改造", "二次供水设施提升", "3800.00", "改造供水管网长度",
              "≥12公里", "验收合格段数÷总段数", "收入合计", "2024年", "95.56%"]
    exported = {}
    for fmt in FORMATS:
        target = tmp_path / f"洛阳.{fmt}"
        export_draft(draft, target, fmt, ExportOptions())
        text = _text_of(target)
        assert [w for w in wanted if w not in text] == [], fmt
        exported[fmt] = target
    assert "*单位名称" in _text_of(exported["docx"])  # the required mark of this form

    # import: each export gives the draft back (the draft it carries)
    from declapp.importing import import_file

    for fmt, target in exported.items():
        result = import_file(target)
        assert result.draft == draft, fmt
        assert result.template == "luoyang-2025"


def test_a_draft_of_the_template_opens_on_a_pc_without_it(luoyang, tmp_path, monkeypatch):
    """Mailed to a PC whose data folder has no 洛阳 template: it opens, keeps everything,
    and says which template is missing."""
    draft = templates.new_draft("luoyang-2025", 2025)
    _fill(draft, luoyang)
    path = tmp_path / "洛阳.json"
    save(draft, path)
    monkeypatch.setenv(DATA_DIR_ENV, str(tmp_path / "elsewhere"))
    templates.reload_templates()
    elsewhere = load(path)
    assert elsewhere == draft
    assert [f.id for f in check_draft(elsewhere)] == ["template-unknown"]
    save(elsewhere, tmp_path / "again.json")
    assert json.loads((tmp_path / "again.json").read_text("utf-8"))["tables"] == \
        json.loads(path.read_text("utf-8"))["tables"]


def test_switching_to_and_from_the_template_keeps_the_weights(luoyang):
    """重庆's flat list also has a 权重 column keyed ``weight``: switching carries it."""
    draft = templates.new_draft("luoyang-2025", 2025)
    _fill(draft, luoyang)
    chongqing = templates.load_template("chongqing-2022")
    flat = editing.switched(draft, luoyang, chongqing)
    weights = [i.extra.get("weight") for c in flat.indicators[0].categories for i in c.items]
    assert weights == ["30", "30", "20", "10"]
