"""Checks as a reviewer reads an indicator: each fires where the clerk made that mistake,
with its place, and stays quiet on what a reviewer accepts."""

from __future__ import annotations

from decimal import Decimal

import pytest

from declapp.checks import ERROR, WARNING, check_draft
from declapp.form import locations as loc
from declapp.form.model import Item
from declapp.form.templates import new_draft
from declapp.indicators.proposals import Proposal, apply_proposals, propose_draft

ITEM = "indicators[0].categories[0].items[0]"


def _draft(*items: Item, category: int = 0, group: int = 0):
    """A complete, clean form with *items* in one category."""
    draft = new_draft("xicheng-2021", 2022)
    draft.texts["department.name"] = "某某街道办事处"
    draft.texts["goals"] = "做好各项工作。"
    draft.texts["notes"] = "无"
    draft.amounts["funds.basic"], draft.amounts["funds.project"] = Decimal("100"), Decimal("300")
    draft.amounts["funds.total"] = Decimal("400")
    draft.indicators[0].name = "城市管理"
    for g in draft.indicators:
        for c in g.categories:
            c.items.append(Item(name="完成整治", op="＝", value="10", unit="项"))
    draft.indicators[group].categories[category].items = list(items)
    return draft


def _found(draft, ids=None) -> set[tuple[str, str, str]]:
    return {(f.id, f.severity, f.location) for f in check_draft(draft)
            if ids is None or f.id in ids}


def test_a_complete_structured_form_is_clean():
    assert check_draft(_draft(Item(name="群众满意度", op="≥", value="95", unit="%"))) == []


@pytest.mark.parametrize(("item", "expected"), [
    (Item(name="群众满意度", value="95", unit="%"),
     {("indicator-op-missing", ERROR, f"{ITEM}.op")}),
    (Item(name="群众满意度", op="≥", unit="%"),
     {("indicator-value-missing", ERROR, f"{ITEM}.value")}),
    (Item(op="≥", value="95", unit="%"),
     {("indicator-name-missing", ERROR, f"{ITEM}.name")}),
    (Item(name="群众满意度", op="≥", value="95%"),
     {("indicator-value-not-number", ERROR, f"{ITEM}.value")}),
    (Item(name="成本", op="≤", value="6,416.19", unit="万元"),
     {("indicator-value-not-number", ERROR, f"{ITEM}.value")}),
    (Item(name="完成时限", op="＝", value="按期完成"),
     {("indicator-value-not-number", ERROR, f"{ITEM}.value")}),
    (Item(name="完成整治", op="＝", value="10"),
     {("indicator-unit-missing", WARNING, f"{ITEM}.unit")}),
    (Item(name="某" * 31, op="定性", value="达成"),
     {("indicator-name-long", WARNING, f"{ITEM}.name")}),
    (Item(name="完成时限", op="定性", value="按" * 61),
     {("indicator-value-long", WARNING, f"{ITEM}.value")}),
    (Item(name="完成率", op="≥", value="105", unit="%"),
     {("indicator-percent-over-100", ERROR, f"{ITEM}.value")}),
    (Item(name="完成率", op="＞", value="100", unit="%"),
     {("indicator-percent-over-100", ERROR, f"{ITEM}.value")}),
    (Item("完成率", "≥105%"),  # free text with a value states it too
     {("indicator-percent-over-100", ERROR, f"{ITEM}.value")}),
])
def test_structured_fields_as_the_budget_system_needs_them(item, expected):
    assert _found(_draft(item)) == expected


@pytest.mark.parametrize("item", [
    Item(name="完成率", op="≥", value="100", unit="%"),
    Item(name="完成率", op="＝", value="120", unit="%"),  # 增长 can be 120%
    Item(name="完成整治", op="＝", value="１０", unit="项"),  # full-width digits are a number
    Item(name="任务", op="定性", value="按期完成"),
    Item(name="名" * 30, op="定性", value="按" * 60),
    Item("按期完成各项工作", "按期完成"),
])
def test_what_a_reviewer_accepts_is_not_flagged(item):
    assert check_draft(_draft(item)) == []


def test_messages_say_what_to_do():
    findings = {f.id: f.message for f in check_draft(_draft(
        Item(name="群众满意度", op="≥", value="95%"), Item(name="名" * 31, op="≥", value="1",
                                                      unit="项")))}
    assert "可改为：指标值 95，计量单位 %" in findings["indicator-value-not-number"]
    assert "30 个字" in findings["indicator-name-long"]


@pytest.mark.parametrize(("item", "attr"), [
    (Item(name="群众满意度", op="≥", value="75", unit="%"), "value"),
    (Item("群众满意度", "≥75%"), "value"),
    (Item("开展入户走访，群众满意度达到75%以上。", ""), "content"),
])
def test_low_satisfaction_is_a_rule_of_thumb_warning(item, attr):
    draft = _draft(item, group=1, category=4)
    found = [f for f in check_draft(draft) if f.id == "satisfaction-low"]
    assert [(f.severity, f.location) for f in found] == [
        (WARNING, f"indicators[1].categories[4].items[0].{attr}")]
    assert "经验" in found[0].message and "80%" in found[0].message


@pytest.mark.parametrize("item", [
    Item(name="群众满意度", op="≥", value="80", unit="%"),
    Item(name="投诉率", op="≤", value="5", unit="%"),
    Item(name="群众不满意度", op="≤", value="10", unit="%"),
    Item("群众满意度达到90%以上", ""),
])
def test_satisfaction_at_80_or_above_is_fine(item):
    assert _found(_draft(item, group=1, category=4), {"satisfaction-low"}) == set()


def test_missing_or_empty_satisfaction_category_is_said_once():
    draft = _draft(Item(name="群众满意度", op="≥", value="95", unit="%"))
    effect = draft.indicators[1]
    effect.categories[4].items = []
    assert _found(draft) == {("satisfaction-empty", WARNING, "indicators[1].categories[4]")}
    del effect.categories[4]
    findings = check_draft(draft)
    assert _found(draft) == {("satisfaction-missing", WARNING, "indicators[1]")}
    assert "服务对象满意度指标" in findings[0].message
    # Another missing category is still listed by the structure rule, without it.
    del effect.categories[0]
    missing = [f for f in check_draft(draft) if f.id == "category-missing"]
    assert len(missing) == 1 and "经济效益指标" in missing[0].message
    assert "服务对象满意度指标" not in missing[0].message


def test_vague_words_without_a_number_are_a_hint():
    draft = _draft(Item("进一步提升服务水平，工作成效明显。", ""),
                   Item("进一步提升服务水平，完成整治10项。", ""),
                   Item(name="服务水平", op="定性", value="进一步提升"))
    found = [f for f in check_draft(draft) if f.id == "vague-words"]
    assert [(f.severity, f.location) for f in found] == [(WARNING, f"{ITEM}.content")]
    assert found[0].message.startswith("审核时常被退回：请给出可衡量的指标值")
    assert "“明显”" in found[0].message and "“进一步”" in found[0].message


def test_the_real_2021_form_gets_only_vague_word_hints(example_draft):
    assert _found(example_draft) == {
        ("vague-words", WARNING, f"{loc.item(0, 1, 1)}.content"),  # 逐步达到无违法建设…
        ("vague-words", WARNING, f"{loc.item(2, 0, 1)}.content"),  # 不断扩大居民代表大会…
        ("vague-words", WARNING, f"{loc.item(3, 1, 1)}.content"),  # 进一步整合各部门资源
        ("vague-words", WARNING, f"{loc.item(4, 0, 0)}.content"),  # 不断探索区域化党建
        ("vague-words", WARNING, f"{loc.item(5, 3, 0)}.content"),  # 不断提升社区建设
    }


def test_the_real_form_with_every_proposal_accepted_has_no_error(example_draft):
    accepted = [p for p in propose_draft(example_draft) if isinstance(p, Proposal)]
    after = apply_proposals(example_draft, accepted)
    findings = check_draft(after)
    assert [f for f in findings if f.severity == ERROR] == []
    # The cost indicators, now structured, still add up to 项目支出.
    assert not [f for f in findings if f.id.startswith("cost-")]


@pytest.mark.parametrize(("item", "attr"), [
    (Item(name="工作成本", op="≤", value="500", unit="万元"), "value"),
    (Item(name="工作成本", op="≤", value="64161900", unit="元"), "value"),  # 元 typed as 万元?
    (Item("工作成本控制在6416.19万元之内。", ""), "content"),
])
def test_cost_above_the_whole_budget_is_an_error(item, attr):
    draft = _draft(item, category=3)
    found = [f for f in check_draft(draft) if f.id == "cost-over-total"]
    assert [(f.severity, f.location) for f in found] == [
        (ERROR, f"indicators[0].categories[3].items[0].{attr}")]
    assert "资金总额 400.00万元" in found[0].message


def test_cost_within_the_budget_is_no_error():
    draft = _draft(Item(name="工作成本", op="≤", value="300", unit="万元"),
                   Item(name="工作成本", op="≤", value="3000000", unit="元"), category=3)
    assert _found(draft, {"cost-over-total"}) == set()
    draft.amounts["funds.total"] = Decimal(0)  # funds not filled in yet: the fund rules say so
    draft.indicators[0].categories[3].items = [Item("成本控制在500万元之内", "")]
    assert _found(draft, {"cost-over-total"}) == set()


def test_a_structured_item_is_not_called_empty():
    draft = _draft(Item(name="完成整治", op="＝", value="10", unit="项"), Item())
    assert _found(draft, {"item-empty"}) == {("item-empty", WARNING, f"{loc.item(0, 0, 1)}.content")}


def test_every_finding_names_a_place_the_window_can_find():
    draft = _draft(Item(op="≥", value="95", unit="%"), Item(name="满意度", value="x"),
                   Item(name="某" * 31, op="≥", value="75"))
    for finding in check_draft(draft):
        place = loc.parse(finding.location)
        assert place is not None, finding
        if place.path:
            assert len(place.path) != 3 or place.attr in loc.ITEM_ATTRS

