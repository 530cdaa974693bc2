"""The two documents of the formats say what the program does: every key the loaders
read is described, and every message and summary they show is one the program prints."""

from __future__ import annotations

import copy
import json
from pathlib import Path

import pytest
from template_samples import code_block_after, readme_example, readme_text

from declapp.cli.template_commands import problems_beyond_the_file, summary
from declapp.form.template_file import TemplateError, definition_from_dict
from declapp.storage import legacy
from declapp.storage.fileformat import OPTIONAL_TOP_KEYS, TOP_KEYS, DraftError, loads
from declapp.system.paths import example_path, resource_path

V3 = resource_path("schema", "file-format-v3.md").read_text(encoding="utf-8")


def _lines_of_block(text: str, marker: str) -> list[str]:
    return [line for line in code_block_after(marker, text).splitlines() if line.strip()]


# --- file-format-v3.md ------------------------------------------------------------------

def test_the_draft_format_document_names_every_key_the_loader_reads():
    assert [k for k in (*TOP_KEYS, *OPTIONAL_TOP_KEYS) if f"`{k}`" not in V3] == []
    assert [k for k in legacy.DEPARTMENT_KEYS if f"`department.{k}`" not in V3] == []
    assert [k for k in legacy.FUND_KEYS if f"funds.{k}" not in V3] == []
    from declapp.form.model import ITEM_FIELDS, OPS

    assert [k for k in ITEM_FIELDS if f'"{k}"' not in V3] == []
    assert [op for op in OPS if f'"{op}"' not in V3] == []


def _national() -> dict:
    return json.loads(example_path("national-2015.json").read_text(encoding="utf-8"))


def _draft_message(mutate, name: str = "宜宾.json") -> str:
    raw = _national()
    mutate(raw)
    with pytest.raises(DraftError) as caught:
        loads(json.dumps(raw, ensure_ascii=False), name)
    return caught.value.message


def test_the_messages_the_draft_format_document_shows_are_the_programs():
    shown = _lines_of_block(V3, "例如：")
    op_at = ("indicators", 0, "categories", 1, "items", 0)

    def set_op(raw):
        node = raw
        for step in op_at:
            node = node[step]
        node["op"] = "≈"

    made = [
        _draft_message(lambda raw: raw.__setitem__("version", 4)),
        _draft_message(lambda raw: raw.__setitem__("texsts", {})),
        _draft_message(lambda raw: raw["amounts"].__setitem__("funds.total", "4,880")),
        _draft_message(lambda raw: raw["tables"]["tasks"][1].__setitem__("total", 2045.8)),
        _draft_message(set_op),
    ]
    with pytest.raises(DraftError) as cut:
        loads('{"format": "declapp.form", "version": 3, ', "x.json")
    made.append(cut.value.message)
    assert shown == made


# --- templates/README.md ------------------------------------------------------------------

def _template_message(mutate, path: Path = Path("shili-2024.json")) -> str:
    raw = readme_example()
    mutate(raw)
    try:
        form = definition_from_dict(raw, path.name, path)
    except TemplateError as exc:
        return exc.message
    problem = problems_beyond_the_file(form, path)
    assert problem is not None
    return problem.message


def test_the_messages_the_readme_shows_are_the_programs():
    shown = _lines_of_block(readme_text(), "一次指出一个问题")

    def field(raw, key, value):
        raw["parts"][0]["fields"][1][key] = value

    made = [
        _template_message(lambda raw: field(raw, "type", "telephone")),
        _template_message(lambda raw: raw["parts"][2].__setitem__("colums", [])),
        _template_message(lambda raw: raw["parts"][0]["fields"][0].__setitem__("span", 3)),
        _template_message(lambda raw: raw["parts"][5]["fields"][0].pop("role")),
        _template_message(lambda raw: raw["checks"].__setitem__("disabled", ["vague-word"])),
        _template_message(lambda raw: raw.__setitem__("id", "xicheng-2021")),
    ]
    assert shown[:len(made)] == made
    # The last line is a truncated file: its wording, with the place the file gives.
    assert shown[len(made)].startswith("模板文件“shili-2024.json”有误：不是完整的 JSON（第 ")
    assert len(shown) == len(made) + 1


def test_the_summary_the_readme_shows_is_what_template_check_prints():
    shown = _lines_of_block(readme_text(), "检查它：")
    assert shown[0] == "$ declapp template check shili-2024.json"
    assert shown[-1].strip() == "……"
    form = definition_from_dict(readme_example(), "shili-2024.json")
    printed = summary(form, Path("shili-2024.json"))
    assert shown[1:-1] == printed[:len(shown) - 2]


def test_the_readme_shows_the_bundled_templates_as_they_are():
    """The snippets of 湖北 and the project form the README quotes are in those files."""
    text = readme_text()
    hubei = json.loads(resource_path("templates", "hubei-2021.json").read_text("utf-8"))
    assert hubei["above_table"] == json.loads(
        "{" + code_block_after("湖北的“填报日期”就是这样", text) + "}")["above_table"]
    funds = next(p for p in hubei["parts"] if p["kind"] == "amounts")
    quoted = json.loads("{" + code_block_after("湖北的资金块", text) + "}")
    assert quoted == {"columns": funds["columns"], "column_group": funds["column_group"]}
    project = json.loads(resource_path("templates", "project-2011.json").read_text("utf-8"))
    goals = next(p for p in project["parts"] if p.get("labels_above"))
    quoted = json.loads(code_block_after("项目表的总体目标用的是", text))
    assert {k: v for k, v in goals.items() if k != "tab"} == quoted


def test_the_readme_shows_the_stage_templates_as_they_are():
    """The snippets of the monitoring and self-evaluation templates section 8 explains are
    in those files, as they are."""
    text = readme_text()

    def bundled(name: str) -> dict:
        return json.loads(resource_path("templates", f"{name}.json").read_text("utf-8"))

    def quoted(marker: str) -> dict:
        return json.loads("{" + code_block_after(marker, text) + "}")

    declaration, monitor = bundled("xicheng-2021"), bundled("monitor-department")
    selfeval = bundled("selfeval-project")
    assert quoted("<!-- 申报表转入的模板") == {"stages": declaration["stages"]}
    assert quoted("<!-- 监控表的阶段") == {"stage": monitor["stage"], "stages": monitor["stages"]}
    months = json.loads(code_block_after("<!-- 监控的月份", text))
    assert months in monitor["parts"][0]["fields"] and months["role"] == "months"
    funds = next(p for p in monitor["parts"] if p["kind"] == "amounts")
    assert quoted("<!-- 监控表的资金块") == {"columns": funds["columns"]}
    rule = quoted("<!-- 监控表的检查")
    assert rule == {k: monitor["checks"][k] for k in rule} and len(rule) == 4
    assert quoted("<!-- 自评表的评分") == {"scoring": selfeval["scoring"]}
    assert json.loads(code_block_after("<!-- 自评表的得分栏目", text)) in selfeval["parts"]


def test_the_ids_the_readme_recommends_are_those_of_the_bundled_templates():
    from declapp.form.templates import load_template

    ids: set[str] = set()
    for name in ("xicheng-2019", "hubei-2021", "national-2015", "project-2011"):
        form = load_template(name)
        ids |= {f.id for f in form.fields()} | {p.id for p in form.tables()} | \
            {t.id for t in form.trees()}
    section = readme_text().split("常用的标识：", 1)[1].split("\n\n用 `output`", 1)[0]
    import re

    named = set(re.findall(r"`([a-z_.]+)`", section))
    assert named and sorted(named - ids) == []


def test_the_example_draft_of_the_document_reads():
    raw = copy.deepcopy(_national())
    assert raw["version"] == 3 and "tasks" in raw["tables"]
