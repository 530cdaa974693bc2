"""Checks for what a form typed into the wrong cells shows (issue 18): an indicator name
of several lines, amounts that are all zero."""

from __future__ import annotations

from decimal import Decimal

import pytest

from declapp.checks import check_draft
from declapp.form.model import OP_GE, Item
from declapp.form.templates import new_draft


def _found(draft, check_id):
    return [f for f in check_draft(draft) if f.id == check_id]


@pytest.mark.parametrize("template", ["hunan-2023", "national-2015", "chongqing-2022"])
def test_a_name_of_several_lines_is_pointed_at(template):
    draft = new_draft(template, 2023)
    category = draft.indicators[0].categories[0]
    category.items = [Item(name="农户满意度", op=OP_GE, value="90", unit="%"),
                      Item(name="农户满意度\n合作社满意度\n社会公众满意度", op=OP_GE, value="90",
                           unit="%")]
    found = _found(draft, "indicator-name-lines")
    assert [f.location for f in found] == ["indicators[0].categories[0].items[1].name"]
    assert "有 3 行" in found[0].message and found[0].severity == "warning"


def test_blank_lines_around_a_name_are_no_second_line():
    draft = new_draft("hunan-2023", 2023)
    draft.indicators[0].categories[0].items = [
        Item(name="\n农户满意度\n  \n", op=OP_GE, value="90", unit="%")]
    assert _found(draft, "indicator-name-lines") == []


def test_free_text_of_several_lines_is_fine():
    draft = new_draft("xicheng-2021", 2023)
    draft.indicators[0].categories[0].items = [Item(content="第一段\n第二段", value="≥95%")]
    assert _found(draft, "indicator-name-lines") == []


@pytest.mark.parametrize(("template", "where"), [("xicheng-2021", "funds"),
                                                 ("hubei-2021", "funds"),
                                                 ("chongqing-2022", "funds.total"),
                                                 ("national-2015", "tasks")])
def test_amounts_all_zero_are_pointed_at_until_one_is_typed(template, where):
    draft = new_draft(template, 2023)
    found = _found(draft, "amounts-all-zero")
    assert [f.location for f in found] == [where]
    assert "全部为 0" in found[0].message
    if template == "national-2015":
        draft.tables["tasks"] = [{"name": "任务", "total": "0", "fiscal": "", "other": "0.00"}]
        assert _found(draft, "amounts-all-zero") != []
        draft.tables["tasks"][0]["fiscal"] = "12.5"
    elif template == "hubei-2021":
        draft.amounts["funds.fiscal@y1"] = Decimal("3")  # an earlier year is an amount too
    else:
        draft.amounts["funds.total"] = Decimal("0.01")
    assert _found(draft, "amounts-all-zero") == []


def test_a_form_without_amounts_has_nothing_to_say():
    assert _found(new_draft("hunan-2023", 2023), "amounts-all-zero") == []
