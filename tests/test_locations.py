"""Locations: every place a finding, a layout cell or a file error names parses back."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from declapp.checks import check_draft
from declapp.form import locations as loc
from declapp.layout import build_layout


@given(st.lists(st.integers(0, 999), min_size=1, max_size=3), st.data())
def test_a_node_location_parses_back_to_its_path_and_attr(path, data):
    attr = data.draw(st.sampled_from(("", *loc.NODE_ATTRS[len(path) - 1])))
    text = loc.node(tuple(path), attr)
    parsed = loc.parse(text)
    assert parsed == loc.Location(path=tuple(path), attr=attr, tree="indicators")
    assert str(parsed) == text


def test_form_fields_parse_as_fields():
    # A field is named by the id its template gives it, whatever the template.
    for key in ("department.name", "department.phone", "funds.total", "funds.fiscal@y1",
                "goals", "notes", "year", "template", "indicators", "tasks"):
        assert loc.parse(key) == loc.Location(field=key)
    assert loc.parse("indicators").is_tree
    assert loc.parse("mid_indicators").is_tree
    assert not loc.parse("tasks").is_tree


def test_tables_and_second_trees():
    assert loc.cell("tasks", 2, "total") == "tasks[2].total"
    assert loc.parse("tasks[2].total") == loc.Location(path=(2,), attr="total", table="tasks")
    assert loc.parse("tasks[2]") == loc.Location(path=(2,), table="tasks")
    text = loc.item(1, 0, 3, "value", tree="mid_indicators")
    assert text == "mid_indicators[1].categories[0].items[3].value"
    assert loc.parse(text) == loc.Location(path=(1, 0, 3), attr="value", tree="mid_indicators")
    # An item's extra column (权重) is named by its key.
    assert loc.parse("indicators[0].categories[0].items[1].weight").attr == "weight"


def test_spelling_as_file_format_md_writes_it():
    assert loc.item(2, 0, 3, "content") == "indicators[2].categories[0].items[3].content"
    assert loc.category(1, 4) == "indicators[1].categories[4]"
    assert loc.group(0, "name") == "indicators[0].name"


def test_a_list_of_a_node_names_the_node():
    tree = "indicators"
    assert loc.parse("indicators[1].categories") == loc.Location(path=(1,), tree=tree)
    assert loc.parse("indicators[1].kind") == loc.Location(path=(1,), tree=tree)
    assert loc.parse("indicators[1].categories[0].items") == loc.Location(path=(1, 0), tree=tree)


def test_what_names_nothing_is_refused():
    for text in ("", "Department.x", "funds..misc", "indicators[x]", "categories[0]",
                 "indicators[0].items[1]", "indicators[0].categories[0].items[0].name.x",
                 "indicators[0].content", "indicators[0].categories[0].value",
                 "indicators[0].categories[0].items[0].items", "indicators[0].categories[0].kind"):
        assert loc.parse(text) is None, text


def test_every_location_the_program_writes_parses(example_draft):
    example_draft.amounts["funds.total"] += 1  # a finding on funds.total
    example_draft.indicators[0].categories[0].items[0].content = "截至2019年完成"  # stale year
    written = [f.location for f in check_draft(example_draft)]
    written += [c.location for c in build_layout(example_draft).cells]
    assert written
    for text in written:
        assert loc.parse(text) is not None, text

