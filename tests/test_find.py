"""查找 / 替换 without a window: every free text of the form, one undo step for 全部替换."""

from __future__ import annotations

from decimal import Decimal

import pytest

from declapp import editing as ed
from declapp.editing.find import (
    Match,
    Query,
    find_all,
    next_match,
    replace_all,
    replace_one,
    searchable_texts,
)
from declapp.form import locations as loc
from declapp.form.carry_over import next_year_draft
from declapp.form.model import Item
from declapp.form.templates import load_template
from declapp.form.texts import texts_of
from declapp.storage.fileformat import dumps

FORM_2021 = load_template("xicheng-2021")
FORM_2019 = load_template("xicheng-2019")


def test_set_values_is_one_step_and_undoes_in_one(example_draft):
    before = dumps(example_draft)
    op = ed.SetValues((ed.SetValue("goals", "甲"), ed.SetValue(loc.item(0, 0, 0, "content"), "乙"),
                       ed.SetValue("goals", "丙")))
    undo = ed.apply(example_draft, op)
    assert isinstance(undo, ed.SetValues)
    assert example_draft.texts["goals"] == "丙"
    assert example_draft.indicators[0].categories[0].items[0].content == "乙"
    redo = ed.apply(example_draft, undo)
    assert dumps(example_draft) == before  # the same location twice comes back right
    ed.apply(example_draft, redo)
    assert example_draft.texts["goals"] == "丙"


def test_a_refused_batch_changes_nothing(example_draft):
    before = dumps(example_draft)
    op = ed.SetValues((ed.SetValue("goals", "甲"), ed.SetValue("funds.total", "不是金额")))
    with pytest.raises(ed.EditError):
        ed.apply(example_draft, op)
    assert dumps(example_draft) == before


def test_what_is_searched_is_what_the_window_shows_to_type_in(example_draft):
    texts = dict(searchable_texts(example_draft, FORM_2021))
    every = dict(texts_of(example_draft))
    assert set(texts) <= set(every)
    assert "goals" in texts and "notes" in texts and "department.name" in texts
    items = example_draft.item_count()
    assert sum(1 for k in texts if k.endswith(".content")) == items
    categories = sum(len(g.categories) for g in example_draft.indicators)
    assert sum(1 for k in texts if k.endswith("].name") and ".items[" not in k
               and ".categories[" in k) == categories
    # Not 效果指标's name (the form shows none), not an amount, not a 计算符号.
    effect = next(i for i, g in enumerate(example_draft.indicators) if g.kind == "effect")
    assert loc.group(effect, "name") not in texts
    assert not any(k.startswith("funds.") or k.endswith(".op") for k in texts)


def test_find_all_in_the_order_of_the_form(example_draft):
    texts = list(searchable_texts(example_draft, FORM_2021))
    matches = find_all(texts, Query("2021"))
    assert matches, "the 2021 example names its year"
    assert [m.key for m in matches] == sorted(m.key for m in matches)
    for m in matches:
        assert ed.get_value(example_draft, m.location)[m.start:m.end] == "2021"
    assert find_all(texts, Query("")) == []


def test_case_is_ignored_unless_asked():
    draft = FORM_2021.new_draft(2022)
    draft.texts["goals"] = "Wi-Fi 覆盖，wi-fi 信号"
    texts = list(searchable_texts(draft, FORM_2021))
    assert len(find_all(texts, Query("WI-FI"))) == 2
    assert len(find_all(texts, Query("Wi-Fi", match_case=True))) == 1


def test_fields_the_form_does_not_show_are_not_searched():
    draft = FORM_2021.new_draft(2022)
    draft.texts["department.head"] = "张三"  # the 2021 form has no 负责人 row
    assert not find_all(searchable_texts(draft, FORM_2021), Query("张三"))
    assert find_all(searchable_texts(draft, FORM_2019), Query("张三"))


def test_replace_all_2019_to_2020_in_one_step():
    draft = FORM_2019.new_draft(2020)
    draft.texts["goals"] = "2019年完成整治；2019年度目标"
    draft.texts["notes"] = "无。2019年"
    draft.indicators[0].categories[0].items = [Item("2019年培训", "≥2019年")]
    draft.amounts["funds.total"] = Decimal("2019")
    before = dumps(draft)
    query = Query("2019年", "2020年")
    result = replace_all(draft, searchable_texts(draft, FORM_2019), query)
    assert (result.count, result.texts) == (5, 4)
    assert result.op is not None
    undo = ed.apply(draft, result.op)
    assert draft.texts["goals"] == "2020年完成整治；2020年度目标"
    assert draft.texts["notes"] == "无。2020年"
    assert draft.indicators[0].categories[0].items[0].content == "2020年培训"
    assert draft.indicators[0].categories[0].items[0].value == "≥2020年"
    assert draft.amounts["funds.total"] == Decimal("2019")  # amounts are not text
    ed.apply(draft, undo)
    assert dumps(draft) == before


def test_a_replacement_is_text_not_a_pattern():
    draft = FORM_2021.new_draft(2022)
    draft.texts["goals"] = "a.b a+b"
    result = replace_all(draft, searchable_texts(draft, FORM_2021), Query("a.b", r"\g<0>\1"))
    assert result.op is not None
    ed.apply(draft, result.op)
    assert draft.texts["goals"] == r"\g<0>\1 a+b"


def test_replace_keeps_last_years_mark(example_draft):
    following = next_year_draft(example_draft, FORM_2021)
    carried = [(g, c, i) for g, grp in enumerate(following.indicators)
               for c, cat in enumerate(grp.categories) for i, it in enumerate(cat.items)
               if it.carried]
    assert carried
    g, c, i = carried[0]
    location = loc.item(g, c, i, "content")
    text = ed.get_value(following, location)
    assert isinstance(text, str) and text
    result = replace_all(following, searchable_texts(following, FORM_2021),
                         Query(text[0], text[0] + "X"))
    assert result.op is not None
    ed.apply(following, result.op)
    assert following.indicators[g].categories[c].items[i].carried  # figures still unreviewed


def test_next_and_previous_go_round_the_form():
    matches = [Match("goals", 0, 1, 0), Match("goals", 5, 6, 0), Match("notes", 2, 3, 9)]
    assert next_match(matches, None) == (matches[0], False)
    assert next_match(matches, matches[0].key) == (matches[1], False)
    assert next_match(matches, matches[2].key) == (matches[0], True)
    assert next_match(matches, None, backwards=True) == (matches[2], False)
    assert next_match(matches, matches[0].key, backwards=True) == (matches[2], True)
    assert next_match([], None) == (None, False)


def test_replace_one_refuses_a_match_typed_over():
    draft = FORM_2021.new_draft(2022)
    draft.texts["goals"] = "2019年工作"
    query = Query("2019年", "2020年")
    match = find_all(searchable_texts(draft, FORM_2021), query)[0]
    op = replace_one(draft, match, query)
    assert op == ed.SetValue("goals", "2020年工作")
    draft.texts["goals"] = "工作"
    assert replace_one(draft, match, query) is None


def test_every_template_searches_what_it_shows():
    from declapp.form.templates import available_templates

    for template in available_templates():
        form = load_template(template)
        draft = form.new_draft(2022)
        for location, _text in texts_of(draft):
            # Every searchable text can be written back (no read-only column, no sign).
            if location in dict(searchable_texts(draft, form)):
                ed.apply(draft, ed.SetValue(location, "查找"))
