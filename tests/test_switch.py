"""Another template for a draft (``declapp.editing.switch_template`` / ``switched``): every
value the new form has a place for is kept there, everything else is written, labelled,
into the new form's notes after the marker, and one undo step gives the draft back
exactly — for every pair of bundled templates, with the bundled example drafts (full,
realistic forms) as what the clerk had typed."""

from __future__ import annotations

from collections import Counter
from decimal import Decimal

import pytest

from declapp.checks import check_draft
from declapp.editing import SWITCH_MARKER, apply, switch_template, switched
from declapp.form import carry_over
from declapp.form.definition import FormDefinition
from declapp.form.model import Draft, Item
from declapp.form.money import format_amount
from declapp.form.templates import available_templates, load_template
from declapp.storage.fileformat import dumps, load, loads
from declapp.system.paths import example_path

TEMPLATES = [t for t in available_templates() if load_template(t).bundled]


def _example(name: str) -> Draft:
    return load(example_path(f"{name}.json"))


def _xicheng_2019() -> Draft:
    """The real 2021 form in the 2019 layout, with the rows only 2019 has filled."""
    draft = _example("zhanlanlu-2021")
    draft.template = "xicheng-2019"
    load_template("xicheng-2019").complete(draft)
    draft.texts.update({"department.head": "王海", "department.phone": "010-68321234",
                        "department.functions": "负责辖区内的城市管理、社区建设和民生服务。"})
    draft.amounts["funds.other"] = Decimal("120.50")
    draft.amounts["funds.total"] += Decimal("120.50")
    return draft


SOURCES = {"xicheng-2019": _xicheng_2019, "xicheng-2021": lambda: _example("zhanlanlu-2021"),
           **{name: (lambda n=name: _example(n)) for name in
              ("hunan-2023", "chongqing-2022", "hubei-2021", "national-2015", "project-2011")}}
PAIRS = [(source, target) for source in SOURCES for target in TEMPLATES if source != target]


def _left(result: Draft, new: FormDefinition) -> str:
    notes = new.with_role("notes")
    assert notes is not None
    return result.text(notes.id).partition(SWITCH_MARKER)[2]


def _items(draft: Draft, trees: set[str] | None = None) -> list[Item]:
    return [i for tree, groups in draft.all_groups() if trees is None or tree in trees
            for g in groups for c in g.categories for i in c.items]


def _key(item: Item, extras: set[str]) -> tuple:
    return (item.content, item.value, item.name, item.op, item.unit, item.explanation,
            item.scoring, tuple(sorted((k, v) for k, v in item.extra.items() if k in extras)))


@pytest.mark.parametrize("source, target", PAIRS)
def test_every_value_is_kept_in_its_place_or_written_into_the_notes(source, target):
    draft = SOURCES[source]()
    old, new = load_template(draft.template), load_template(target)
    result = switched(draft, old, new)
    assert result.template == target and result.year == draft.year
    left = _left(result, new)
    notes = new.with_role("notes")
    assert notes is not None

    # fields: the same id keeps its text; the rest is in the notes with its label
    texts = {f.id for f in new.text_fields()}
    for key, value in draft.texts.items():
        if not value.strip():
            continue
        if key == notes.id:
            assert result.text(key).startswith(value)
        elif key in texts:
            assert result.text(key) == value, key
        else:
            assert f"{old.label(key)}：{value.strip()}" in left, key
    # amounts
    amounts = set(new.amount_ids())
    for key, amount in draft.amounts.items():
        if key in amounts:
            assert result.amount(key) == amount, key
        elif amount != 0:
            assert f"：{format_amount(amount)}万元" in left, key
    # table cells
    for table_id, rows in draft.tables.items():
        part = next((t for t in new.tables() if t.id == table_id), None)
        for n, row in enumerate(rows):
            for column, text in row.items():
                if part is not None and part.column(column) is not None:
                    assert result.tables[table_id][n][column] == text
                elif text.strip():
                    assert text.strip() in left
    # indicators: every item of a tree the new form has is in the new form, with the
    # columns it prints; extra columns it lacks, and trees it lacks, are in the notes
    same_trees = {t.id for t in new.trees()} & set(draft.trees)
    extras = {c.key for t in new.trees() for c in t.extra_columns}
    assert Counter(_key(i, extras) for i in _items(result)) == \
        Counter(_key(i, extras) for i in _items(draft, same_trees))
    for item in _items(draft, same_trees):
        for key, value in item.extra.items():
            if key not in extras and value.strip():
                assert f"：{value.strip()}" in left
    for tree in set(draft.trees) - same_trees:
        for item in _items(draft, {tree}):
            assert (item.name or item.content).strip() in left
    for tree_id, groups in draft.all_groups():
        part = next((t for t in new.trees() if t.id == tree_id), None)
        for group in groups:
            kind = part.group_kind(group.kind) if part else None
            if group.name.strip() and not (kind and kind.named and kind.repeat):
                assert group.name.strip() in left
    # the notes say it in the form's words: no placeholder, no cut-off figure
    assert "{" not in left and "}" not in left
    assert bool(left.strip()) == any(f.id == "switch-unplaced" for f in check_draft(result))
    # and the result is a draft like any other
    assert loads(dumps(result)) == result


@pytest.mark.parametrize("source, target", PAIRS)
def test_one_undo_step_gives_the_draft_back_exactly(source, target):
    draft = SOURCES[source]()
    if source == "xicheng-2021":  # last year's form, carried forward: the marks come back
        draft = carry_over.next_year_draft(draft, load_template(draft.template))
    before = dumps(draft, meta={})
    marks = (set(draft.carried), [i.carried for i in _items(draft)])
    op = switch_template(draft, load_template(draft.template), load_template(target))
    undo = apply(draft, op)
    assert draft.template == target
    apply(draft, undo)
    assert dumps(draft, meta={}) == before
    assert (set(draft.carried), [i.carried for i in _items(draft)]) == marks
    redo = apply(draft, undo)  # and redo: the switched draft again
    apply(draft, redo)
    assert dumps(draft, meta={}) == before


def test_switching_leaves_the_draft_it_was_given_alone():
    draft = _example("hunan-2023")
    before = dumps(draft, meta={})
    switched(draft, load_template("hunan-2023"), load_template("chongqing-2022"))
    assert dumps(draft, meta={}) == before


# --- what the notes say, in the form's words --------------------------------------------------

def test_earlier_years_are_named_by_their_year_and_totals_by_their_section():
    draft = _example("hubei-2021")
    result = switched(draft, load_template("hubei-2021"), load_template("xicheng-2021"))
    left = _left(result, load_template("xicheng-2021")).splitlines()
    assert "财政拨款（2022年）：11920.18万元" in left
    assert "收入构成合计：14000.00万元" in left
    assert "支出构成合计（2023年）：13442.80万元" in left
    assert result.amount("funds.total") == Decimal("14000.00")


def test_a_single_item_is_named_alone_and_an_item_by_its_whole_name():
    hunan = switched(_example("hunan-2023"), load_template("hunan-2023"),
                     load_template("chongqing-2022"))
    left = _left(hunan, load_template("chongqing-2022")).splitlines()
    assert "第 11 项原属“效益指标”的“经济效益指标”" in left
    assert "第 1–3 项原属“产出指标”的“数量指标”" in left
    chongqing = switched(_example("chongqing-2022"), load_template("chongqing-2022"),
                         load_template("hunan-2023"))
    left = _left(chongqing, load_template("hunan-2023")).splitlines()
    assert "指标“12345热线城管类诉求按期办结率”的指标权重：10" in left


def test_a_projects_mid_term_indicators_are_not_mixed_with_the_years():
    """A department form has no 中期 indicators: they are written out in the notes, not
    put among the year's (where 13500万元 of the whole period would be a cost of the
    year, above its funds)."""
    project = _example("project-2011")
    for target in ("xicheng-2021", "hubei-2021", "chongqing-2022"):
        new = load_template(target)
        result = switched(project, load_template("project-2011"), new)
        names = [i.name for i in _items(result)]
        assert "项目期内综合整治总成本" not in names
        assert len(names) == len(_items(project, {"indicators"}))
        left = _left(result, new)
        assert "中期绩效指标 › 产出指标 › 成本指标：项目期内综合整治总成本：≤13500.00万元" in left
        assert "cost-over-total" not in {f.id for f in check_draft(result)}
    back = switched(switched(project, load_template("project-2011"),
                             load_template("hubei-2021")),
                    load_template("hubei-2021"), load_template("project-2011"))
    assert back.trees["mid_indicators"] == load_template("project-2011").new_draft(
        2024).trees["mid_indicators"]  # empty again; the text is in the notes


def test_categories_of_the_same_measure_meet_under_the_new_forms_name():
    """湖南's 数量指标 is 西城区's 产出数量指标: the items go there, no second category."""
    result = switched(_example("hunan-2023"), load_template("hunan-2023"),
                      load_template("xicheng-2021"))
    output = next(g for g in result.indicators if g.kind == "output")
    # 时效指标 holds what 产出进度指标 holds in the same place: it takes that name
    assert [c.name for c in output.categories] == [
        "产出数量指标", "产出质量指标", "产出进度指标", "产出成本指标"]
    effect = next(g for g in result.indicators if g.kind == "effect")
    assert "环境效益指标" in [c.name for c in effect.categories]
    assert "生态效益指标" not in [c.name for c in effect.categories]
    assert "category-missing" not in {f.id for f in check_draft(result)}
    assert [i.name for i in output.categories[0].items] == [
        "粮食播种面积", "新建高标准农田面积", "培训高素质农民"]
    back = switched(_example("zhanlanlu-2021"), load_template("xicheng-2021"),
                    load_template("hunan-2023"))
    output = next(g for g in back.indicators if g.kind == "output")
    assert [c.name for c in output.categories][:2] == ["数量指标", "质量指标"]
