"""Generated drafts survive a save and load unchanged; generated junk only ever raises
our own error type; and the JSON Schema in resources/ agrees with the loader.

``drafts`` generates 西城区 drafts a version 1 file can hold (every item free text):
other tests rely on it. ``v2_drafts`` adds structured items; ``v3_drafts`` adds what only
version 3 holds (tables, a second tree, extra item columns, groups of other kinds).
"""

from __future__ import annotations

import json
from decimal import Decimal

import jsonschema
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from samples import Department, Funds, as_old_version, xicheng_draft

from declapp.form.model import ASCII_OPS, ITEM_FIELDS, OPS, Category, Draft, Group, Item
from declapp.form.text import clean_text
from declapp.storage.fileformat import DraftError, dumps, load, loads, loads_bytes, save
from declapp.system.paths import resource_path

texts = st.text(st.characters(codec="utf-8"), max_size=40).map(clean_text)
amounts = st.decimals(min_value=0, max_value=Decimal("1e9"), places=6,
                      allow_nan=False, allow_infinity=False)
items = st.builds(Item, content=texts, value=texts)  # free text, as in version 1
ops = st.sampled_from(["", *OPS])
# Any version 2 item: structured (a name), or free text with stray fields left set.
v2_items = st.builds(Item, content=texts, value=texts, name=texts, op=ops, unit=texts,
                     explanation=texts, scoring=texts)


def _drafts(item_strategy: st.SearchStrategy[Item]) -> st.SearchStrategy[Draft]:
    categories = st.builds(Category, name=texts, items=st.lists(item_strategy, max_size=3))
    groups = st.builds(Group, kind=st.sampled_from(["output", "effect"]), name=texts,
                       categories=st.lists(categories, max_size=3))
    return st.builds(
        xicheng_draft,
        template=st.sampled_from(["xicheng-2019", "xicheng-2021"]),
        year=st.integers(1900, 2200),
        department=st.builds(Department, name=texts, head=texts, phone=texts, functions=texts),
        funds=st.builds(Funds, total=amounts, basic=amounts, project=amounts, other=amounts),
        goals=texts,
        indicators=st.lists(groups, max_size=4),
        notes=texts,
    )


drafts = _drafts(items)  # version 1: every item free text
v2_drafts = _drafts(st.one_of(items, v2_items))
keys = st.from_regex(r"[a-z][a-z0-9_]{0,6}", fullmatch=True)
extra_keys = keys.filter(lambda k: k not in ITEM_FIELDS)
v3_items = st.builds(Item, content=texts, value=texts, name=texts, op=ops, unit=texts,
                     explanation=texts, scoring=texts,
                     extra=st.dictionaries(extra_keys, texts.filter(bool), max_size=2))


@st.composite
def v3_drafts(draw):
    """Anything version 3 holds, the 西城区 fields among others of any template."""
    draft = draw(_drafts(st.one_of(items, v3_items)))
    for group in draft.indicators:
        if draw(st.booleans()):
            group.kind = draw(keys)
    table_ids = keys.filter(lambda k: not k.endswith("indicators"))
    draft.tables = draw(st.dictionaries(table_ids, st.lists(
        st.dictionaries(keys, texts, max_size=3), max_size=3), max_size=2))
    categories = st.builds(Category, name=texts, items=st.lists(v3_items, max_size=2))
    groups = st.lists(st.builds(Group, kind=keys, name=texts,
                                categories=st.lists(categories, max_size=2)), max_size=2)
    if draw(st.booleans()):
        draft.trees["mid_indicators"] = draw(groups)
    field_ids = st.from_regex(r"[a-z][a-z0-9_]{0,5}(\.[a-z][a-z0-9_]{0,5})?", fullmatch=True)
    for key, value in draw(st.dictionaries(field_ids, texts.filter(bool), max_size=2)).items():
        if key not in ("year", "template"):
            draft.texts.setdefault(key, value)
    amount_ids = st.from_regex(r"[a-z][a-z0-9_]{0,5}\.[a-z][a-z0-9_]{0,5}(@y[12])?",
                               fullmatch=True)
    for key, value in draw(st.dictionaries(amount_ids, amounts.filter(bool), max_size=2)).items():
        draft.amounts.setdefault(key, value)
    return draft


def as_version_1(draft: Draft) -> str:
    return as_old_version(draft, 1)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.one_of(v2_drafts, v3_drafts()))
def test_load_of_save_is_identity(draft):
    assert loads(dumps(draft)) == draft


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(drafts)
def test_every_version_1_draft_reads_saves_as_version_3_and_reads_back_equal(draft):
    old_file = as_version_1(draft)
    opened = loads(old_file)
    assert opened == draft
    assert not any(i.is_structured for g in opened.indicators for c in g.categories
                   for i in c.items)
    saved = dumps(opened)
    assert json.loads(saved)["version"] == 3
    assert loads(saved) == draft
    # A free-text item is written as version 1 wrote it: a diff shows only the version.
    assert json.loads(saved)["indicators"] == json.loads(old_file)["indicators"]


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(v2_drafts)
def test_every_version_2_draft_reads_saves_as_version_3_and_reads_back_equal(draft):
    opened = loads(as_old_version(draft, 2))
    assert opened == draft
    assert loads(dumps(opened)) == draft


@settings(max_examples=100, deadline=None)
@given(v2_drafts, st.data())
def test_ascii_signs_read_as_full_width(draft, data):
    doc = json.loads(dumps(draft))
    full_to_ascii = {full: ascii_ for ascii_, full in ASCII_OPS.items()}
    for group in doc["indicators"]:
        for category in group["categories"]:
            for item in category["items"]:
                if item.get("op") in full_to_ascii and data.draw(st.booleans()):
                    item["op"] = full_to_ascii[item["op"]]
    assert loads(json.dumps(doc)) == draft


def test_load_of_save_through_a_file(tmp_path):
    @settings(max_examples=20, deadline=None)
    @given(v2_drafts)
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
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False, allow_infinity=False)
    | texts | st.sampled_from([*OPS, *ASCII_OPS, " ≥", "≧", "=>", 1, 2, 3]),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(texts, inner, max_size=3),
    max_leaves=10,
)


@settings(max_examples=300, deadline=None)
@given(v2_drafts, st.data())
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


SCHEMA = json.loads(resource_path("schema", "declapp-form.schema.json").read_text("utf-8"))


def _xicheng_only(draft: Draft) -> bool:
    """Nothing a version 1 or 2 file cannot hold."""
    return not draft.tables and set(draft.trees) == {"indicators"} and all(
        g.kind in ("output", "effect") and not i.extra for g in draft.indicators
        for c in g.categories for i in c.items) and all(
        k in ("department.name", "department.head", "department.phone",
              "department.functions", "goals", "notes") for k in draft.texts) and all(
        k.startswith("funds.") and "@" not in k for k in draft.amounts)


def _free_text(draft: Draft) -> bool:
    return all(i == Item(i.content, i.value) for g in draft.indicators for c in g.categories
               for i in c.items)


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
@given(st.one_of(v2_drafts, v3_drafts()))
def test_schema_and_loader_agree_on_valid_drafts(draft):
    assert _agree(json.loads(dumps(draft))) == (True, True)


@settings(max_examples=60, deadline=None)
@given(v2_drafts)
def test_schema_and_loader_agree_on_valid_version_2_drafts(draft):
    assert _agree(json.loads(as_old_version(draft, 2))) == (True, True)


@settings(max_examples=100, deadline=None)
@given(drafts)
def test_schema_and_loader_agree_on_valid_version_1_drafts(draft):
    assert _agree(json.loads(as_version_1(draft))) == (True, True)


@settings(max_examples=400, deadline=None)
@given(st.one_of(v2_drafts, drafts, v3_drafts()), st.sampled_from([1, 2, 3]), st.data())
def test_schema_and_loader_agree_on_corrupted_drafts(draft, version, data):
    if version == 1 and _free_text(draft) and _xicheng_only(draft):
        doc = json.loads(as_version_1(draft))
    elif version == 2 and _xicheng_only(draft):
        doc = json.loads(as_old_version(draft, 2))
    else:
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


@pytest.mark.parametrize("blank", [" ", "\n", " \n "])
def test_an_old_rows_spaces_where_its_form_has_no_such_row_are_not_kept(blank):
    # 部门职能 is a row of the 2019 form only: in a 2021 draft, spaces there are no value.
    draft = xicheng_draft("xicheng-2021", department=Department(functions=blank))
    assert "department.functions" not in draft.texts
    opened = loads(as_old_version(draft, 2).replace('"functions": ""',
                                                     f'"functions": {json.dumps(blank)}'))
    assert "department.functions" not in opened.texts
    assert opened == draft
    with_text = loads(as_old_version(draft, 2).replace('"functions": ""', '"functions": " 职能 "'))
    assert with_text.texts["department.functions"] == " 职能 "
