"""The template format as its writer meets it: the JSON Schema and the loader
(``declapp.form.template_file``) agree, every bundled template and the README's worked
example are valid, and a broken template is refused with its file and place.

The schema says what each key may hold; the loader also keeps the rules across parts
(widths, unique ids, roles). So: whatever the schema refuses, the loader refuses, and
whatever the loader takes, the schema takes.
"""

from __future__ import annotations

import copy
import json
import re
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from template_samples import readme_example

from declapp.form.template_file import TemplateError, definition_from_dict, read_template_file
from declapp.system.paths import resource_path

SCHEMA = json.loads(resource_path("schema", "declapp-template.schema.json")
                    .read_text(encoding="utf-8"))
VALIDATOR = jsonschema.Draft202012Validator(SCHEMA)
BUNDLED = sorted(resource_path("templates").glob("*.json"))


def _bundled(name: str) -> dict[str, Any]:
    return json.loads(resource_path("templates", f"{name}.json").read_text(encoding="utf-8"))


def _schema_ok(raw: Any) -> bool:
    return VALIDATOR.is_valid(raw)


def _loader_error(raw: Any) -> TemplateError | None:
    try:
        definition_from_dict(raw, "模板.json")
    except TemplateError as exc:
        return exc
    return None


def test_the_schema_is_a_valid_json_schema():
    jsonschema.Draft202012Validator.check_schema(SCHEMA)


@pytest.mark.parametrize("path", BUNDLED, ids=lambda p: p.stem)
def test_every_bundled_template_is_valid_to_schema_and_loader(path):
    raw = json.loads(path.read_text(encoding="utf-8"))
    assert [e.message for e in VALIDATOR.iter_errors(raw)] == []
    assert read_template_file(path, bundled=True).id == path.stem


def test_the_readme_example_is_valid_to_schema_and_loader():
    raw = readme_example()
    assert [e.message for e in VALIDATOR.iter_errors(raw)] == []
    form = definition_from_dict(raw, "shili-2024.json")
    assert [p.kind for p in form.parts] == ["fields", "amounts", "table", "fields",
                                           "indicators", "fields"]


# --- broken templates: both refuse, the loader names the place --------------------------

def _set(path: tuple[Any, ...], value: Any):
    def mutate(raw: dict[str, Any]) -> None:
        node = raw
        for step in path[:-1]:
            node = node[step]
        node[path[-1]] = value
    return mutate


def _delete(path: tuple[Any, ...]):
    def mutate(raw: dict[str, Any]) -> None:
        node = raw
        for step in path[:-1]:
            node = node[step]
        del node[path[-1]]
    return mutate


# (what is broken, the mutation of the README example, the place the loader names)
BROKEN = [
    ("no format", _delete(("format",)), ""),
    ("a newer version", _set(("version",), 2), "version"),
    ("version as text", _set(("version",), "1"), "version"),
    ("id with capitals", _set(("id",), "Shili-2024"), "id"),
    ("empty name", _set(("name",), "  "), "name"),
    ("no parts", _set(("parts",), []), "parts"),
    ("a misspelt top key", _set(("titel",), "x"), "顶层"),
    ("a column too narrow", _set(("columns_mm", 0), 2), "columns_mm[0]"),
    ("a column as text", _set(("columns_mm", 1), "34"), "columns_mm[1]"),
    ("an unknown part kind", _set(("parts", 1, "kind"), "money"), "parts[1].kind"),
    ("a misspelt key of a part", _set(("parts", 2, "colums"), []), "parts[2]"),
    ("an unknown field type", _set(("parts", 0, "fields", 1, "type"), "telephone"),
     "parts[0].fields[1].type"),
    ("a field id with a dash", _set(("parts", 0, "fields", 0, "id"), "department-name"),
     "parts[0].fields[0].id"),
    ("required as a number", _set(("parts", 0, "fields", 1, "required"), 1),
     "parts[0].fields[1].required"),
    ("an unknown role", _set(("parts", 0, "fields", 0, "role"), "unit"),
     "parts[0].fields[0].role"),
    ("a span of 0", _set(("parts", 3, "fields", 0, "span"), 0), "parts[3].fields[0].span"),
    ("a span of 1.5", _set(("parts", 3, "fields", 0, "span"), 1.5), "parts[3].fields[0].span"),
    ("printed as text", _set(("parts", 3, "fields", 0, "printed"), "否"),
     "parts[3].fields[0].printed"),
    ("a choice without options", _set(("parts", 0, "fields", 1, "type"), "choice"),
     "parts[0].fields[1]"),
    ("a total outside an amounts block", _set(("parts", 3, "fields", 0, "total"), True),
     "parts[3].fields[0].total"),
    ("an empty alias", _set(("parts", 0, "fields", 0, "aliases"), [""]),
     "parts[0].fields[0].aliases[0]"),
    ("an amount row of type text", _set(("parts", 1, "rows", 1, "type"), "text"),
     "parts[1].rows[1].type"),
    ("an amounts block with rows and sections",
     _set(("parts", 1, "sections"), [{"rows": [{"id": "funds.x", "label": "x"}]}]), "parts[1]"),
    ("an amounts block without rows", _delete(("parts", 1, "rows")), "parts[1]"),
    ("a computed column of an unknown kind",
     _set(("parts", 1, "columns", 0, "computed"), "ratio"), "parts[1].columns[0].computed"),
    ("an amount column key as a number", _set(("parts", 1, "columns", 0, "key"), 0),
     "parts[1].columns[0].key"),
    ("a table id ending in indicators", _set(("parts", 2, "id"), "tasks_indicators"),
     "parts[2].id"),
    ("a table column of an unknown type", _set(("parts", 2, "columns", 1, "type"), "money"),
     "parts[2].columns[1].type"),
    ("min_rows of 51", _set(("parts", 2, "min_rows"), 51), "parts[2].min_rows"),
    ("an empty row name", _set(("parts", 2, "row_name"), ""), "parts[2].row_name"),
    ("a null column group", _set(("parts", 2, "column_group"), None), "parts[2].column_group"),
    ("a column group without keys", _set(("parts", 2, "column_group"), {"label": "金额"}),
     "parts[2].column_group"),
    ("four levels", _set(("parts", 4, "levels"), 4), "parts[4].levels"),
    ("a tree id of a table", _set(("parts", 4, "id"), "goals"), "parts[4].id"),
    ("a three-level tree whose level columns are swapped",
     lambda raw: raw["parts"][4]["columns"].reverse(), "parts[4].columns"),
    ("a known column with a type", _set(("parts", 4, "columns", 2, "type"), "text"),
     "parts[4].columns[2].type"),
    ("a known column with a type of 0", _set(("parts", 4, "columns", 2, "type"), 0),
     "parts[4].columns[2].type"),
    ("an extra column without a type", _delete(("parts", 4, "columns", 4, "type")),
     "parts[4].columns[4].type"),
    ("an extra column named kind", _set(("parts", 4, "columns", 4, "key"), "kind"),
     "parts[4].columns[4].key"),
    ("an unknown label position", _set(("parts", 4, "label_position"), "top"),
     "parts[4].label_position"),
    ("a group without a label", _delete(("parts", 4, "groups", 0, "label")),
     "parts[4].groups[0]"),
    ("a group of an unknown role", _set(("parts", 4, "groups", 1, "role"), "benefit"),
     "parts[4].groups[1].role"),
    ("no groups", _set(("parts", 4, "groups"), []), "parts[4].groups"),
    ("an unknown orientation", _set(("page",), {"orientation": "sideways"}),
     "page.orientation"),
    ("a margin of 80", _set(("page",), {"left_mm": 80}), "page.left_mm"),
    ("an unknown alignment", _set(("above_table", 0, "align"), "justify"),
     "above_table[0].align"),
    ("a weights total of 0", _set(("checks", "weights_total"), 0), "checks.weights_total"),
    ("a null weights total", _set(("checks", "weights_total"), None), "checks.weights_total"),
    ("a weights column without its total", _delete(("checks", "weights_total")), "checks"),
    ("disabled as one word", _set(("checks", "disabled"), "vague-words"), "checks.disabled"),
]


@pytest.mark.parametrize("what, mutate, place", BROKEN, ids=[b[0] for b in BROKEN])
def test_a_broken_template_is_refused_by_both_with_its_place(what, mutate, place):
    raw = readme_example()
    mutate(raw)
    assert not _schema_ok(raw), what
    error = _loader_error(raw)
    assert error is not None, what
    assert error.place == place
    assert error.message.startswith("模板文件“模板.json”有误")
    if place:
        assert f"（位置：{place}）" in error.message


# Broken only across parts: the schema cannot see these; the loader names the place.
ACROSS_PARTS = [
    ("a row wider than the table", _set(("parts", 0, "fields", 0, "span"), 3), "parts[0]"),
    ("columns wider than the page", _set(("columns_mm", 0), 60), "columns_mm"),
    ("two fields of one id", _set(("parts", 0, "fields", 1, "id"), "department.name"),
     "parts[0].fields[1].id"),
    ("no notes", _delete(("parts", 5, "fields", 0, "role")), "parts"),
    ("no main tree", _set(("parts", 4, "id"), "year_indicators"), "parts"),
    ("a cost budget that is no amount", _set(("checks", "cost_budget"), "goals"),
     "checks.cost_budget"),
    ("a weights column no tree has", _set(("checks", "weights_column"), "share"), "checks"),
    ("a sum of a text column", _set(("parts", 2, "columns", 1, "sum_of"), ["name"]),
     "parts[2].columns[1].sum_of"),
    ("a cost category that is no category",
     _set(("parts", 4, "groups", 0, "cost_category"), "成本"), "parts[4].groups[0].cost_category"),
    ("totals that cannot agree", _set(("parts", 1, "agree"), [["funds.total", "funds.basic"]]),
     "parts[1].agree[0]"),
]


@pytest.mark.parametrize("what, mutate, place", ACROSS_PARTS, ids=[b[0] for b in ACROSS_PARTS])
def test_what_only_the_loader_sees_is_refused_with_its_place(what, mutate, place):
    raw = readme_example()
    mutate(raw)
    error = _loader_error(raw)
    assert error is not None, what
    assert error.place == place


# The year's later stages: the keys of a monitoring form (monitor-department) and of a
# self-evaluation (selfeval-project), broken. (template, what, mutation, place)
MONITOR, SELFEVAL = "monitor-department", "selfeval-project"
STAGE_BROKEN = [
    (MONITOR, "an unknown stage", _set(("stage",), "年中"), "stage"),
    (MONITOR, "a stage template id with capitals", _set(("stages", "自评"), "Selfeval"),
     "stages.自评"),
    (MONITOR, "stages naming no stage", _set(("stages", "年终"), "selfeval-department"),
     "stages"),
    (MONITOR, "the months of an unknown role", _set(("parts", 0, "fields", 1, "role"), "month"),
     "parts[0].fields[1].role"),
    (MONITOR, "a rate column without its two columns", _delete(("parts", 1, "columns", 2, "of")),
     "parts[1].columns[2].of"),
    (MONITOR, "of on a column that is no rate",
     _set(("parts", 1, "columns", 3, "of"), ["executed", ""]), "parts[1].columns[3].of"),
    (MONITOR, "an amount column computed of an unknown kind",
     _set(("parts", 1, "columns", 2, "computed"), "ratio"), "parts[1].columns[2].computed"),
    (MONITOR, "readonly as text", _set(("parts", 2, "columns", 2, "readonly"), "是"),
     "parts[2].columns[2].readonly"),
    (MONITOR, "an optional kind of group as text",
     _set(("parts", 2, "groups", 2, "optional"), "是"), "parts[2].groups[2].optional"),
    (MONITOR, "an empty word for impossible", _set(("checks", "impossible"), ""),
     "checks.impossible"),
    (MONITOR, "a likelihood column as a number", _set(("checks", "likelihood_column"), 7),
     "checks.likelihood_column"),
    (SELFEVAL, "a computed field without its formula",
     _delete(("parts", 5, "fields", 1, "formula")), "parts[5].fields[1].formula"),
    (SELFEVAL, "a computed field of an unknown formula",
     _set(("parts", 5, "fields", 1, "formula"), "average"), "parts[5].fields[1].formula"),
    (SELFEVAL, "a formula on a text field", _set(("parts", 4, "fields", 0, "formula"), "grade"),
     "parts[4].fields[0].formula"),
    (SELFEVAL, "a formula of null on a text field",
     _set(("parts", 4, "fields", 0, "formula"), None), "parts[4].fields[0].formula"),
    (SELFEVAL, "a formula on an amount row", _set(("parts", 1, "sections", 0, "rows", 1,
                                                  "formula"), "grade"),
     "parts[1].sections[0].rows[1].formula"),
    (SELFEVAL, "a computed column without its formula",
     _delete(("parts", 3, "columns", 6, "formula")), "parts[3].columns[6].formula"),
    (SELFEVAL, "a formula on a column that is not computed",
     _set(("parts", 3, "columns", 4, "formula"), "score"), "parts[3].columns[4].formula"),
    (SELFEVAL, "printed as text", _set(("parts", 3, "columns", 8, "printed"), 0),
     "parts[3].columns[8].printed"),
    (SELFEVAL, "scoring without its budget", _delete(("scoring", "budget")), "scoring.budget"),
    (SELFEVAL, "points as text", _set(("scoring", "points", "output"), "50"),
     "scoring.points.output"),
    (SELFEVAL, "points of an unknown role", _set(("scoring", "points", "benefit"), 30),
     "scoring.points"),
    (SELFEVAL, "execution points over 100", _set(("scoring", "execution_points"), 110),
     "scoring.execution_points"),
    (SELFEVAL, "a misspelt key of scoring", _set(("scoring", "actual_colum"), "actual"),
     "scoring"),
]


@pytest.mark.parametrize("template, what, mutate, place", STAGE_BROKEN,
                         ids=[b[1] for b in STAGE_BROKEN])
def test_a_broken_stage_template_is_refused_by_both_with_its_place(template, what, mutate,
                                                                    place):
    raw = _bundled(template)
    assert _schema_ok(raw) and _loader_error(raw) is None
    mutate(raw)
    assert not _schema_ok(raw), what
    error = _loader_error(raw)
    assert error is not None, what
    assert error.place == place


# What a stage template names must be there: the loader sees it, with the place.
STAGE_ACROSS = [
    (MONITOR, "stages naming the stage itself", _set(("stages", "监控"), "monitor-project"),
     "stages.监控"),
    (MONITOR, "a likelihood column the tree lacks", _set(("checks", "likelihood_column"),
                                                         "chance"), "checks.likelihood_column"),
    (MONITOR, "impossible that is no option", _set(("checks", "impossible"), "不可能"),
     "checks.impossible"),
    (MONITOR, "a measures column the tree lacks", _set(("checks", "measures_column"),
                                                       "measures"), "checks.measures_column"),
    (MONITOR, "a measures field the form lacks", _set(("checks", "measures_field"),
                                                      "monitor.steps"), "checks.measures_field"),
    (MONITOR, "two months fields", _set(("parts", 3, "fields", 0, "role"), "months"), "parts"),
    (MONITOR, "a rate of a computed column",
     _set(("parts", 1, "columns", 2, "of"), ["rate", ""]), "parts[1].columns[2].of"),
    (SELFEVAL, "a budget the form does not keep", _set(("scoring", "budget"), "funds.budget"),
     "scoring.budget"),
    (SELFEVAL, "an actual column the tree lacks", _set(("scoring", "actual_column"), "done"),
     "scoring.actual_column"),
    (SELFEVAL, "a deviation column the tree lacks", _set(("scoring", "deviation_column"),
                                                         "cause"), "scoring.deviation_column"),
    (SELFEVAL, "an execution note the form lacks", _set(("scoring", "execution_note"),
                                                        "evaluation.note"),
     "scoring.execution_note"),
    (SELFEVAL, "points that do not add up to 100", _set(("scoring", "points", "output"), 60),
     "scoring.points"),
    (SELFEVAL, "a score column without scoring", _delete(("scoring",)), "scoring"),
]


@pytest.mark.parametrize("template, what, mutate, place", STAGE_ACROSS,
                         ids=[b[1] for b in STAGE_ACROSS])
def test_what_a_stage_template_names_must_be_there(template, what, mutate, place):
    raw = _bundled(template)
    mutate(raw)
    error = _loader_error(raw)
    assert error is not None, what
    assert error.place == place
    assert error.message.startswith(f"模板文件“模板.json”有误（位置：{place}）")


def test_a_span_written_as_2_0_is_the_integer_2():
    raw = readme_example()
    raw["parts"][0]["fields"][0]["span"] = 2.0
    assert _schema_ok(raw)
    form = definition_from_dict(raw, "x.json")
    span = form.field("department.name").span
    assert span == 2 and isinstance(span, int)


def test_the_weights_total_is_kept_as_written():
    """The check's message quotes it: 应为 100, not 100.0."""
    form = definition_from_dict(readme_example(), "x.json")
    assert str(form.checks.weights_total) == "100"


def test_a_file_that_is_not_there_or_not_json_is_named(tmp_path):
    with pytest.raises(TemplateError, match=re.escape("“nothere.json”有误：找不到这个文件")):
        read_template_file(tmp_path / "nothere.json")
    folder = tmp_path / "folder.json"
    folder.mkdir()
    with pytest.raises(TemplateError, match="不是一个文件"):
        read_template_file(folder)
    cut = tmp_path / "cut.json"
    cut.write_text(json.dumps(readme_example(), ensure_ascii=False)[:200], encoding="utf-8")
    with pytest.raises(TemplateError, match=re.escape("“cut.json”有误：不是完整的 JSON（第 1 行")):
        read_template_file(cut)
    gbk = tmp_path / "gbk.json"
    gbk.write_bytes(json.dumps(readme_example(), ensure_ascii=False).encode("gbk"))
    with pytest.raises(TemplateError, match="不是 UTF-8"):
        read_template_file(gbk)
    bom = tmp_path / "bom.json"  # Windows Notepad writes one: that is fine
    bom.write_bytes(b"\xef\xbb\xbf" + json.dumps(readme_example()).encode("utf-8"))
    assert read_template_file(bom).id == "shili-2024"


# --- random mutations: the schema and the loader never disagree the wrong way -------------

def _paths(node: Any, here: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    found = [here] if here else []
    if isinstance(node, dict):
        for key, value in node.items():
            found += _paths(value, (*here, key))
    elif isinstance(node, list):
        for n, value in enumerate(node):
            found += _paths(value, (*here, n))
    return found


BASES = [readme_example(), *(_bundled(p.stem) for p in BUNDLED)]
# Values a writer might put anywhere: other types, edge numbers, words of the format.
WORDS = ["", " ", "x", "choice", "amount", "text", "share", "indicators", "output", "levels",
         "funds.total", "goals", "weight", "level1", "items", "kind", "notes", "unit_name",
         "error", "warning", "above", "joined", "landscape", "Infinity",
         # the year's stages: their kinds of value, stages, roles and ids
         "computed", "rate", "points", "score", "grade", "months", "actual", "申报", "监控",
         "自评", "monitor-department", "funds.total@budget"]
VALUES = st.one_of(
    st.none(), st.booleans(), st.integers(-2, 60), st.sampled_from([0.5, 2.0, 1e9, -1.0]),
    st.sampled_from(WORDS), st.just([]), st.just({}), st.just([""]), st.just(["x", "x"]),
    st.just({"colums": 1}))


@st.composite
def mutated(draw: Any) -> dict[str, Any]:
    raw = copy.deepcopy(draw(st.sampled_from(BASES)))
    for _ in range(draw(st.integers(1, 2))):
        paths = _paths(raw)
        path = draw(st.sampled_from(paths))
        parent: Any = raw
        for step in path[:-1]:
            parent = parent[step]
        action = draw(st.sampled_from(["set", "delete", "add", "copy"]))
        if action == "set":  # a copy: st.just gives the same object every time
            parent[path[-1]] = copy.deepcopy(draw(VALUES))
        elif action == "delete":
            del parent[path[-1]]
        elif action == "add" and isinstance(parent[path[-1]], dict):
            parent[path[-1]][draw(st.sampled_from(["colums", "type", "span", "key", "formula",
                                                   "of"]))] = \
                copy.deepcopy(draw(VALUES))
        elif action == "copy" and isinstance(parent, list):
            parent.insert(path[-1], copy.deepcopy(parent[path[-1]]))
    return raw


@settings(max_examples=400, deadline=None, suppress_health_check=list(HealthCheck))
@given(mutated())
def test_schema_and_loader_agree_on_mutated_templates(raw):
    error = _loader_error(raw)  # anything but a TemplateError fails the test here
    if not _schema_ok(raw):
        assert error is not None, "the schema refuses what the loader takes"
    if error is None:
        assert _schema_ok(raw)


def test_every_kind_of_value_the_schema_names_is_one_the_loader_knows():
    """The enums of the schema are the loader's choices (a new field type or role goes
    into both)."""
    from declapp.form.definition import EXTRA_COLUMN_TYPES, FIELD_TYPES, INDICATOR_COLUMNS, ROLES

    field = SCHEMA["$defs"]["field"]["properties"]
    assert field["type"]["enum"] == list(FIELD_TYPES)
    assert field["role"]["enum"] == ["", *ROLES]
    column = SCHEMA["$defs"]["indicator_column"]
    assert column["if"]["properties"]["key"]["enum"] == list(INDICATOR_COLUMNS)
    assert column["else"]["properties"]["type"]["enum"] == list(EXTRA_COLUMN_TYPES)


def test_the_schema_describes_every_key_the_loader_reads():
    from declapp.form.template_file import TOP_OPTIONAL, TOP_REQUIRED

    assert set(SCHEMA["properties"]) == {*TOP_REQUIRED, *TOP_OPTIONAL}
    assert set(SCHEMA["required"]) == set(TOP_REQUIRED)


def test_the_readme_names_every_key_of_the_schema():
    text = resource_path("templates", "README.md").read_text(encoding="utf-8")
    keys: set[str] = set()

    def walk(node: Any) -> None:
        if isinstance(node, dict):
            keys.update(node.get("properties", {}))
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)

    walk(SCHEMA)
    assert sorted(k for k in keys if f"`{k}`" not in text) == []


def test_a_file_the_schema_lists_in_the_readme_exists():
    readme = Path(resource_path("templates", "README.md"))
    assert (readme.parent / "../schema/declapp-template.schema.json").resolve().is_file()
    assert (readme.parent / "../schema/file-format-v3.md").resolve().is_file()
