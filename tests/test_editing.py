"""Editing a draft without a window: each operation, its undo, and the rules of the form."""

from __future__ import annotations

import json
from decimal import Decimal

import jsonschema
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from samples import EFFECT, OUTPUT
from test_fileformat_properties import drafts

from declapp import editing as ed
from declapp.form import locations as loc
from declapp.form.model import OPS, Category, Draft, Group, Item
from declapp.form.templates import load_template
from declapp.form.text import clean_text
from declapp.storage.fileformat import dumps, loads
from declapp.system.paths import resource_path

PROFILE = load_template("xicheng-2021")
TREE = PROFILE.tree()


def _effect_out_of_place(draft):
    return TREE.printing_order(draft.indicators) != list(range(len(draft.indicators)))


def form() -> Draft:
    """产出指标一, 产出指标二, 效果指标; two items in the first category."""
    draft = PROFILE.new_draft(2022)
    draft.indicators.insert(1, TREE.new_group(OUTPUT, "第二项工作"))
    draft.indicators[0].name = "第一项工作"
    draft.indicators[0].categories[0].items = [Item("甲"), Item("乙", "10项")]
    return draft


def undo_all(draft: Draft, ops: list[ed.Op]) -> None:
    undo = [ed.apply(draft, op) for op in ops]
    for op in reversed(undo):
        ed.apply(draft, op)


# --- values by location ----------------------------------------------------------------------

def test_every_kind_of_value_is_read_and_written_by_its_location():
    draft = form()
    cases = [
        ("department.name", "展览路街道办事处"),
        ("funds.total", Decimal("41421.22")),
        ("year", 2023),
        ("goals", "目标"),
        (loc.group(0, "name"), "城市管理"),
        (loc.category(0, 1, "name"), "产出质量指标"),
        (loc.item(0, 0, 1, "content"), "培训人次"),
        (loc.item(0, 0, 1, "value"), "200人次"),
    ]
    for location, value in cases:
        old = ed.get_value(draft, location)
        undo = ed.apply(draft, ed.SetValue(location, value))
        assert ed.get_value(draft, location) == value
        assert undo == ed.SetValue(location, old)
    assert draft.indicators[0].categories[0].items[1].value == "200人次"


def test_text_that_xml_cannot_hold_is_dropped_on_the_way_in():
    draft = form()
    ed.apply(draft, ed.SetValue("goals", "甲\x0b乙\x00丙\r\n丁"))
    assert draft.texts["goals"] == "甲乙丙\n丁"


@pytest.mark.parametrize(("location", "value"), [
    ("funds.total", "100"), ("year", "2022"), ("year", True), ("goals", 5),
    ("department.fax", "x"), (loc.item(0, 0, 9, "content"), "x"), (loc.group(0), "x"),
])
def test_a_value_of_the_wrong_kind_or_place_is_refused_and_nothing_changes(location, value):
    draft = form()
    before = draft.copy()
    with pytest.raises(ed.EditError):
        ed.apply(draft, ed.SetValue(location, value))
    assert draft == before


def test_1_5_and_1_50_are_different_entries():
    assert not ed.same_value(Decimal("1.5"), Decimal("1.50"))
    assert ed.same_value(Decimal("1.50"), Decimal("1.50"))
    assert not ed.same_value(1, "1")


# --- the tree --------------------------------------------------------------------------------

def test_remove_and_its_undo_put_back_the_very_same_node():
    draft = form()
    group = draft.indicators[0]
    undo = ed.apply(draft, ed.RemoveNode((0,)))
    assert group not in draft.indicators
    ed.apply(draft, undo)
    assert draft.indicators[0] is group


def test_a_new_group_goes_after_the_selected_output_group_and_never_below_effect():
    draft = form()
    assert ed.new_group_row(draft, PROFILE, None) == 2  # after the last output group
    assert ed.new_group_row(draft, PROFILE, (0, 0, 1)) == 1  # after the selected one
    assert ed.new_group_row(draft, PROFILE, (2,)) == 2  # 效果指标 selected: still above it
    op = ed.add_group(draft, PROFILE, (2, 0))
    ed.apply(draft, op)
    assert [g.kind for g in draft.indicators] == [OUTPUT, OUTPUT, OUTPUT, EFFECT]
    assert [c.name for c in draft.indicators[2].categories] == list(
        TREE.group_kind(OUTPUT).categories)


def test_a_new_category_takes_the_next_standard_name():
    draft = form()
    del draft.indicators[0].categories[0]
    op = ed.add_category(draft, PROFILE, (0,))
    assert op is not None and op.node.name == "产出数量指标"
    full = form()
    assert ed.add_category(full, PROFILE, (0,)).node.name == ""  # all four present


def test_a_new_item_needs_a_category():
    draft = form()
    assert ed.add_item(draft, (0, 0, 0)) == ed.InsertNode((0, 0), 1, Item())
    assert ed.add_item(draft, (0,)) == ed.InsertNode((0, 0), 2, Item())
    draft.indicators[1].categories.clear()
    assert ed.add_item(draft, (1,)) is None


def test_the_effect_group_cannot_be_deleted_or_moved_and_nothing_passes_below_it():
    draft = form()
    assert not ed.can_delete(draft, PROFILE, (2,))
    assert ed.can_delete(draft, PROFILE, (1,)) and ed.can_delete(draft, PROFILE, (2, 0))
    assert ed.move(draft, PROFILE, (2,), -1) is None
    assert ed.move(draft, PROFILE, (1,), 1) is None  # the last output group down
    assert ed.move(draft, PROFILE, (1,), -1) == ed.MoveNode((1,), (), 0)
    assert ed.drop(draft, PROFILE, (0,), (), -1) is None  # to the very end, below 效果指标
    assert ed.drop(draft, PROFILE, (2,), (), 0) is None
    assert ed.drop(draft, PROFILE, (0,), (), 2) == ed.MoveNode((0,), (), 1)


def test_a_move_that_cannot_happen_is_none():
    draft = form()
    assert ed.move(draft, PROFILE, (0, 0, 0), -1) is None  # the first item up
    assert ed.move(draft, PROFILE, (0, 0, 1), 1) is None  # the last item down
    assert ed.move(draft, PROFILE, (0, 0, 0), 1) == ed.MoveNode((0, 0, 0), (0, 0), 1)
    assert ed.drop(draft, PROFILE, (0, 0, 0), (0, 0), 1) is None  # onto itself
    assert ed.drop(draft, PROFILE, (0, 0, 0), (0,), 0) is None  # an item among categories


def test_an_item_may_be_dropped_into_another_groups_category():
    draft = form()
    op = ed.drop(draft, PROFILE, (0, 0, 1), (1, 2), 0)
    assert op == ed.MoveNode((0, 0, 1), (1, 2), 0)
    ed.apply(draft, op)
    assert draft.indicators[1].categories[2].items[0].content == "乙"


def test_a_file_with_effect_in_the_middle_can_be_mended_by_moves_not_made_worse():
    draft = form()
    draft.indicators.append(draft.indicators.pop(1))  # 产出一, 效果, 产出二
    assert _effect_out_of_place(draft)
    assert TREE.printing_order(draft.indicators) == [0, 2, 1]
    assert ed.move(draft, PROFILE, (0,), 1) is None  # would put a second output group below
    op = ed.move(draft, PROFILE, (2,), -1)
    assert op is not None
    ed.apply(draft, op)
    assert not _effect_out_of_place(draft)


def test_the_undo_menu_names_each_change():
    assert ed.describe(ed.SetValue("goals", "x"), PROFILE) == "编辑“部门（单位）绩效目标”"
    assert ed.describe(ed.SetValue(loc.item(0, 0, 0, "value"), "x")) == "编辑指标值"
    assert ed.describe(ed.InsertNode((0,), 0, Category())) == "添加二级指标"
    assert ed.describe(ed.RemoveNode((0, 0, 0))) == "删除具体指标"
    assert ed.describe(ed.MoveNode((1,), (), 0)) == "移动一级指标"


def test_an_operation_that_does_not_fit_is_refused():
    draft = form()
    for op in (ed.RemoveNode((9,)), ed.InsertNode((0,), 0, Item()),
               ed.InsertNode((0,), 99, Category()), ed.MoveNode((0, 0, 0), (), 0),
               ed.MoveNode((0, 0, 0), (0, 0), 5)):
        with pytest.raises(ed.EditError):
            ed.apply(draft, op)


# --- random sessions -------------------------------------------------------------------------

def _paths(draft: Draft) -> list[tuple[int, ...]]:
    out: list[tuple[int, ...]] = []
    for g, group in enumerate(draft.indicators):
        out.append((g,))
        for c, category in enumerate(group.categories):
            out.append((g, c))
            out.extend((g, c, i) for i in range(len(category.items)))
    return out


_TEXT = st.text(st.characters(codec="utf-8"), max_size=12)
_CLEAN = _TEXT.map(clean_text)


def _edit(data: st.DataObject, draft: Draft) -> ed.Op | None:
    kind = data.draw(st.sampled_from(
        ["field", "amount", "node", "group", "category", "item", "delete", "move", "drop",
         "replace"]))
    paths = _paths(draft)
    path = data.draw(st.sampled_from(paths)) if paths else None
    if kind == "field":
        return ed.SetValue(data.draw(st.sampled_from(["goals", "notes", "department.name"])),
                           data.draw(_TEXT))
    if kind == "amount":
        return ed.SetValue("funds.basic", data.draw(st.decimals(0, 10**6, places=2)))
    if kind == "node" and path is not None:
        attr = data.draw(st.sampled_from(loc.NODE_ATTRS[len(path) - 1]))
        if attr == "op":  # a 计算符号 is one of six, or none
            return ed.SetValue(loc.node(path, attr), data.draw(st.sampled_from(["", *OPS])))
        return ed.SetValue(loc.node(path, attr), data.draw(_TEXT))
    if kind == "group":
        return ed.add_group(draft, PROFILE, path)
    if kind == "category" and path is not None:
        return ed.add_category(draft, PROFILE, path)
    if kind == "item" and path is not None:
        return ed.add_item(draft, path)
    if kind == "delete" and path is not None and ed.can_delete(draft, PROFILE, path):
        return ed.RemoveNode(path)
    if kind == "move":
        return ed.move(draft, PROFILE, path, data.draw(st.sampled_from([-1, 1])))
    if kind == "drop" and path is not None:
        parents = [p for p in [(), *paths] if len(p) == len(path) - 1]
        parent = data.draw(st.sampled_from(parents))
        return ed.drop(draft, PROFILE, path, parent, data.draw(st.integers(-1, 6)))
    if kind == "replace":
        return _replacement(data, draft)
    return None


def _replacement(data: st.DataObject, draft: Draft) -> ed.ReplaceItems | None:
    """New item lists for a few categories, as 转为结构化 makes them: some items kept (the
    very objects), some replaced by one or more new ones, some dropped."""
    categories = [p for p in _paths(draft) if len(p) == 2]
    if not categories:
        return None
    chosen = data.draw(st.lists(st.sampled_from(categories), min_size=1, max_size=3,
                                unique=True))
    lists = []
    for path in chosen:
        new: list[Item] = []
        for item in ed.children(draft, path):
            fate = data.draw(st.sampled_from(["keep", "keep", "split", "drop"]))
            if fate == "keep":
                new.append(item)
            elif fate == "split":
                # Proposals are made of text already in the draft: clean text.
                new.extend(Item(name=data.draw(_CLEAN), op=data.draw(st.sampled_from(OPS)),
                                value=data.draw(_CLEAN), content=item.content)
                           for _ in range(data.draw(st.integers(1, 2))))
        lists.append((path, tuple(new)))
    return ed.ReplaceItems(tuple(lists))


SCHEMA = json.loads(resource_path("schema", "declapp-form.schema.json").read_text("utf-8"))


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(drafts, st.data())
def test_a_random_session_undone_step_by_step_is_the_draft_it_started_from(draft, data):
    original = draft.copy()
    effect_was_last = not _effect_out_of_place(draft)
    undo: list[ed.Op] = []
    for _ in range(data.draw(st.integers(1, 25))):
        op = _edit(data, draft)
        if op is not None:
            undo.append(ed.apply(draft, op))
            if effect_was_last:
                assert not _effect_out_of_place(draft)
    assert loads(dumps(draft)) == draft  # still a valid draft file
    jsonschema.validate(json.loads(dumps(draft)), SCHEMA)
    for op in reversed(undo):
        ed.apply(draft, op)
    assert draft == original


@settings(max_examples=60, deadline=None)
@given(drafts, st.data())
def test_redo_after_undo_gives_the_same_draft_as_the_session(draft, data):
    # As the undo stack does it: redo applies what undoing the undo returned.
    original = draft.copy()
    history: list[tuple[ed.Op, ed.Op]] = []
    for _ in range(data.draw(st.integers(1, 12))):
        op = _edit(data, draft)
        if op is not None:
            history.append((op, ed.apply(draft, op)))
    after = draft.copy()
    redo: list[ed.Op] = []
    for _, undo in reversed(history):
        redo.append(ed.apply(draft, undo))
    assert draft == original
    for op in reversed(redo):
        ed.apply(draft, op)
    assert draft == after


def test_a_whole_group_with_its_items_comes_back_after_undo():
    draft = form()
    group = Group(kind=OUTPUT, name="新", categories=[Category("产出数量指标", [Item("一")])])
    undo_all(draft, [ed.InsertNode((), 1, group), ed.RemoveNode((0,)),
                     ed.MoveNode((0,), (), 1)])
    assert draft == form()


def test_a_sign_is_one_of_six_and_ascii_is_written_full_width():
    draft = load_template("xicheng-2021").new_draft(2022)
    draft.indicators[0].categories[0].items = [Item(name="群众满意度")]
    where = loc.item(0, 0, 0, "op")
    undo = ed.apply(draft, ed.SetValue(where, ">="))
    assert draft.indicators[0].categories[0].items[0].op == "≥"
    assert ed.describe(undo) == "编辑计算符号"
    with pytest.raises(ed.EditError):
        ed.apply(draft, ed.SetValue(where, "大于"))
    assert draft.indicators[0].categories[0].items[0].op == "≥"  # nothing changed
    ed.apply(draft, undo)
    assert draft.indicators[0].categories[0].items[0].op == ""


# --- several categories in one step (转为结构化) ------------------------------------------------

def test_new_item_lists_for_two_categories_are_one_step_and_undo_puts_back_the_same_items():
    draft = form()
    first = draft.indicators[0].categories[0]
    kept, replaced = first.items
    other = draft.indicators[1].categories[2]
    other.items = [Item("丙")]
    old_other = other.items[0]
    lists_before = first.items
    split = (Item(name="乙", op="＝", value="10", unit="项"), Item(name="乙二", op="定性", value="达成"))
    op = ed.ReplaceItems((((0, 0), (kept, *split)), ((1, 2), ())))
    assert ed.first_replaced(draft, op) == (0, 0, 1)
    undo = ed.apply(draft, op)
    assert first.items == [kept, *split] and first.items is lists_before  # the same list
    assert first.items[0] is kept and other.items == []
    assert undo == ed.ReplaceItems((((0, 0), (kept, replaced)), ((1, 2), (old_other,))))
    assert ed.describe(op) == "替换具体指标"
    redo = ed.apply(draft, undo)
    assert first.items[1] is replaced and other.items[0] is old_other
    assert redo == op
    ed.apply(draft, redo)
    assert loads(dumps(draft)) == draft  # still a valid draft file


@pytest.mark.parametrize("lists", [
    (((0,), ()),),  # a group is no category
    (((0, 0, 0), ()),),  # nor an item
    (((0, 9), ()),),  # no such category
    (((0, 0), ()), ((0, 0), ())),  # a category twice
])
def test_new_item_lists_that_do_not_fit_change_nothing(lists):
    draft = form()
    before = draft.copy()
    with pytest.raises(ed.EditError):
        ed.apply(draft, ed.ReplaceItems(lists))
    assert draft == before


def test_one_item_object_in_two_places_is_refused():
    draft = form()
    before = draft.copy()
    twice = Item("甲")
    with pytest.raises(ed.EditError):
        ed.apply(draft, ed.ReplaceItems((((0, 0), (twice,)), ((0, 1), (twice,)))))
    assert draft == before


def test_what_the_window_shows_after_new_item_lists():
    draft = form()
    a, b = draft.indicators[0].categories[0].items
    assert ed.first_replaced(draft, ed.ReplaceItems((((0, 0), (a, b, Item())),))) == (0, 0, 2)
    assert ed.first_replaced(draft, ed.ReplaceItems((((0, 0), (a,)),))) == (0, 0, 0)
    assert ed.first_replaced(draft, ed.ReplaceItems((((0, 0), ()),))) == (0, 0)
    assert ed.first_replaced(draft, ed.ReplaceItems((((0, 0), (a, b)),))) is None


# --- a copy from the 指标库 ------------------------------------------------------------------

def test_a_copy_goes_after_the_selected_item_or_last_in_the_selected_category():
    draft = form()
    copy = Item(name="群众满意度", op="≥", value="95", unit="%")
    assert ed.insert_copy(draft, (0, 0, 0), copy, "服务对象满意度指标") == \
        ed.InsertNode((0, 0), 1, copy)  # the clerk chose the place: the name does not matter
    assert ed.insert_copy(draft, (0, 0), copy, "") == ed.InsertNode((0, 0), 2, copy)


def test_with_a_group_or_nothing_selected_a_copy_goes_to_the_category_of_its_name():
    draft = form()
    copy = Item("完成整治", "10项")
    assert ed.insert_copy(draft, (1,), copy, "产出质量指标") == ed.InsertNode((1, 1), 0, copy)
    assert ed.insert_copy(draft, None, copy, " 产出质量指标") == ed.InsertNode((0, 1), 0, copy)
    effect = TREE.group_kind(EFFECT).categories[-1]
    assert ed.insert_copy(draft, None, copy, effect) == ed.InsertNode((2, 4), 0, copy)
    assert ed.insert_copy(draft, (0,), copy, effect) is None  # not in the selected group
    assert ed.insert_copy(draft, None, copy, "没有这个指标") is None
    assert ed.insert_copy(draft, None, copy, "") is None
