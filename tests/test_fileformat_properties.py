"""Generated drafts survive a save and load unchanged; generated junk only ever raises
our own error type; and the JSON Schema in resources/ agrees with the loader."""

from __future__ import annotations

import json
from decimal import Decimal

import jsonschema
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from declapp.fileformat import DraftError, dumps, load, loads, loads_bytes, save
from declapp.model import Category, Department, Draft, Funds, Group, Item
from declapp.paths import resource_path
from declapp.text import clean_text

texts = st.text(st.characters(codec="utf-8"), max_size=40).map(clean_text)
amounts = st.decimals(min_value=0, max_value=Decimal("1e9"), places=6,
                      allow_nan=False, allow_infinity=False)
items = st.builds(Item, content=texts, value=texts)
categories = st.builds(Category, name=texts, items=st.lists(items, max_size=3))
groups = st.builds(Group, kind=st.sampled_from(["output", "effect"]), name=texts,
                   categories=st.lists(categories, max_size=3))
drafts = st.builds(
    Draft,
    template=st.sampled_from(["xicheng-2019", "xicheng-2021"]),
    year=st.integers(1900, 2200),
    department=st.builds(Department, name=texts, head=texts, phone=texts, functions=texts),
    funds=st.builds(Funds, total=amounts, basic=amounts, project=amounts, other=amounts),
    goals=texts,
    indicators=st.lists(groups, max_size=4),
    notes=texts,
)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(drafts)
def test_load_of_save_is_identity(draft):
    assert loads(dumps(draft)) == draft


def test_load_of_save_through_a_file(tmp_path):
    @settings(max_examples=20, deadline=None)
    @given(drafts)
    def check(draft):
        path = tmp_path / "d.json"
        save(draft, path)
        assert load(path) == draft

    check()


@settings(max_examples=300, deadline=None)
@given(st.binary(max_size=300))
def test_junk_bytes_raise_only_draft_error(data):
    with pytest.raises(DraftError):
        loads_bytes(data, "junk.json")


# Values JSON can hold: NaN and Infinity are not JSON (the loader refuses them, tested in
# test_fileformat.py), so a schema never meets them.
json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False, allow_infinity=False) | texts,
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(texts, inner, max_size=3),
    max_leaves=10,
)


@settings(max_examples=300, deadline=None)
@given(drafts, st.data())
def test_corrupted_drafts_raise_only_draft_error(draft, data):
    doc = json.loads(dumps(draft))
    # Replace one value somewhere in the document by a random JSON value.
    paths = list(_paths(doc))
    path = data.draw(st.sampled_from(paths))
    target = doc
    for key in path[:-1]:
        target = target[key]
    target[path[-1]] = data.draw(json_values)
    try:
        loads(json.dumps(doc, ensure_ascii=False), "x.json")
    except DraftError:
        pass


def _paths(node, prefix=()):
    if isinstance(node, dict):
        for key, value in node.items():
            yield (*prefix, key)
            yield from _paths(value, (*prefix, key))
    elif isinstance(node, list):
        for i, value in enumerate(node):
            yield (*prefix, i)
            yield from _paths(value, (*prefix, i))


SCHEMA = json.loads(resource_path("schema", "declapp-form-v1.schema.json").read_text("utf-8"))


def _agree(doc) -> tuple[bool, bool]:
    schema_ok = jsonschema.Draft202012Validator(SCHEMA).is_valid(doc)
    try:
        loads(json.dumps(doc, ensure_ascii=False))
        loader_ok = True
    except DraftError:
        loader_ok = False
    return schema_ok, loader_ok


def test_schema_accepts_the_example(example_file):
    doc = json.loads(example_file.read_text(encoding="utf-8"))
    assert _agree(doc) == (True, True)


@settings(max_examples=100, deadline=None)
@given(drafts)
def test_schema_and_loader_agree_on_valid_drafts(draft):
    assert _agree(json.loads(dumps(draft))) == (True, True)


@settings(max_examples=400, deadline=None)
@given(drafts, st.data())
def test_schema_and_loader_agree_on_corrupted_drafts(draft, data):
    doc = json.loads(dumps(draft))
    paths = [p for p in _paths(doc) if p[0] != "meta"]
    path = data.draw(st.sampled_from(paths))
    target = doc
    for key in path[:-1]:
        target = target[key]
    if data.draw(st.booleans()) and isinstance(target, dict):
        del target[path[-1]]
    else:
        target[path[-1]] = data.draw(json_values)
    schema_ok, loader_ok = _agree(doc)
    assert schema_ok == loader_ok, (path, doc)
