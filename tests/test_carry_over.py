"""Next year's form from this year's: last year's amounts and costs are marked until
the clerk has looked at them, and a check lists each one."""

from __future__ import annotations

import json
from decimal import Decimal

from declapp import editing
from declapp.checks import check_draft
from declapp.form import locations as loc
from declapp.form.carry_over import META_KEY, carried_locations, next_year_draft
from declapp.form.templates import load_template
from declapp.storage.fileformat import dumps, loads

PROFILE = load_template("xicheng-2021")


def following(example_draft):
    return next_year_draft(example_draft, PROFILE)


def carried(draft):
    return sorted((f.location, f.highlight) for f in check_draft(draft)
                  if f.id.startswith("carried-"))


def test_every_amount_and_every_cost_figure_of_last_year_is_flagged(example_draft):
    draft = following(example_draft)
    assert draft.year == 2022
    found = carried(draft)
    amounts = [f for f in found if f[0].startswith("funds.")]
    # 其他 is 0.00: nothing to check; the 2021 template shows no 其他 row anyway.
    assert amounts == [("funds.basic", "10470.23"), ("funds.project", "30950.99"),
                       ("funds.total", "41421.22")]
    costs = [f for f in found if f[0].startswith("indicators")]
    cost_items = [(gi, ci, ii) for gi, g in enumerate(draft.indicators)
                  for ci, c in enumerate(g.categories) if c.name == "产出成本指标"
                  for ii, _ in enumerate(c.items)]
    assert len(costs) == len(cost_items) == 5
    assert all(h for _, h in costs)  # each points at its figure
    messages = [f.message for f in check_draft(draft) if f.id == "carried-amount"]
    assert any("41421.22 万元是从上一年度草稿带来的金额" in m and "2022 年度" in m
               for m in messages)
    assert not any(f.id.startswith("carried-") for f in check_draft(example_draft))


def test_editing_a_flagged_value_clears_its_flag_and_undo_brings_it_back(example_draft):
    draft = following(example_draft)
    undo = editing.apply(draft, editing.SetValue("funds.total", Decimal("45000")))
    assert ("funds.total", "41421.22") not in carried(draft)
    editing.apply(draft, undo)
    assert ("funds.total", "41421.22") in carried(draft)
    # Retyping the very same amount is the clerk's confirmation: the flag goes too.
    editing.apply(draft, editing.SetValue("funds.basic", Decimal("10470.23")))
    assert not any(f[0] == "funds.basic" for f in carried(draft))


def test_the_flag_follows_its_item_when_the_tree_changes(example_draft):
    draft = following(example_draft)
    (gi, ci, ii), = [(gi, ci, ii) for gi, g in enumerate(draft.indicators)
                     for ci, c in enumerate(g.categories) if c.name == "产出成本指标"
                     for ii, _ in enumerate(c.items)][:1]
    item = draft.indicators[gi].categories[ci].items[ii]
    editing.apply(draft, editing.InsertNode((gi, ci), 0, type(item)(content="新的")))
    assert draft.indicators[gi].categories[ci].items[ii + 1] is item and item.carried
    found = [f.location for f in check_draft(draft) if f.id == "carried-cost"]
    assert loc.item(gi, ci, ii + 1, "content") in found
    editing.apply(draft, editing.SetValue(loc.item(gi, ci, ii + 1, "content"), "成本控制在100万元以内"))
    assert loc.item(gi, ci, ii + 1, "content") not in [
        f.location for f in check_draft(draft) if f.id == "carried-cost"]


def test_the_flags_are_kept_in_the_file_and_change_nothing_of_the_form(example_draft):
    draft = following(example_draft)
    text = dumps(draft)
    data = json.loads(text)
    assert data["meta"][META_KEY] == carried_locations(draft)
    reopened = loads(text)
    assert carried(reopened) == carried(draft)
    assert reopened == draft
    without = dict(data)
    del without["meta"]
    plain = loads(json.dumps(without, ensure_ascii=False))
    assert plain == draft and carried(plain) == []  # a reader that ignores meta loses only these


def test_marks_that_name_nothing_are_passed_over(example_draft):
    data = json.loads(dumps(following(example_draft)))
    data["meta"][META_KEY] = ["funds.total", "funds.nothing", "indicators[99].categories[0]."
                              "items[0]", 5, None, "goals"]
    draft = loads(json.dumps(data, ensure_ascii=False))
    assert [f[0] for f in carried(draft)] == ["funds.total"]
    data["meta"][META_KEY] = "funds.total"  # not a list
    assert carried(loads(json.dumps(data, ensure_ascii=False))) == []
