"""File format version 2: structured items read, written and refused as file-format.md says."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from samples import as_old_version

from declapp.form.model import Item
from declapp.form.templates import new_draft
from declapp.storage.fileformat import DraftError, dumps, load, loads, save
from declapp.system.paths import resource_path

ITEM = "indicators[0].categories[0].items[0]"
SCHEMA = json.loads(resource_path("schema", "declapp-form.schema.json").read_text("utf-8"))


def _doc(version: int, item: dict) -> dict:
    """A file of *version* whose first item is *item*: version 1 and 2 files as those
    releases wrote them, version 3 as this one does."""
    draft = new_draft("xicheng-2021", 2022)
    doc = json.loads(dumps(draft) if version == 3 else as_old_version(draft, version))
    doc["indicators"][0]["categories"][0]["items"] = [item]
    return doc


def _write(tmp_path: Path, doc: dict) -> Path:
    path = tmp_path / "d.json"
    path.write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
    return path


def _first_item(draft) -> Item:
    return draft.indicators[0].categories[0].items[0]


def test_structured_item_reads_every_field(tmp_path):
    item = {"content": "全年开展入户走访", "value": "95", "name": "群众满意度", "op": "≥",
            "unit": "%", "explanation": "抽样调查", "scoring": "每低1个百分点扣1分"}
    read = _first_item(load(_write(tmp_path, _doc(2, item))))
    assert read == Item(content="全年开展入户走访", value="95", name="群众满意度", op="≥",
                        unit="%", explanation="抽样调查", scoring="每低1个百分点扣1分")
    assert read.is_structured


@pytest.mark.parametrize(("written", "read"), [(">=", "≥"), (">", "＞"), ("=", "＝"),
                                               ("<", "＜"), ("<=", "≤"), ("定性", "定性")])
def test_ascii_signs_are_read_and_written_back_full_width(tmp_path, written, read):
    path = _write(tmp_path, _doc(2, {"name": "完成整治", "op": written, "value": "10"}))
    draft = load(path)
    assert _first_item(draft).op == read
    save(draft, path)
    assert json.loads(path.read_text("utf-8"))["indicators"][0]["categories"][0]["items"][0][
        "op"] == read


def test_keys_left_out_of_a_version_2_item_read_as_empty(tmp_path):
    draft = load(_write(tmp_path, _doc(2, {"name": "完成整治", "op": "＝", "value": "10"})))
    assert _first_item(draft) == Item(name="完成整治", op="＝", value="10")
    empty = load(_write(tmp_path, _doc(2, {})))
    assert _first_item(empty) == Item()


def test_version_1_file_opens_as_free_text_and_saves_as_version_3(tmp_path):
    path = _write(tmp_path, _doc(1, {"content": "完成整治", "value": "10项"}))
    draft = load(path)
    assert _first_item(draft) == Item("完成整治", "10项")
    assert not _first_item(draft).is_structured
    save(draft, path, meta={})
    saved = json.loads(path.read_text("utf-8"))
    assert saved["version"] == 3
    # A free-text item is written as version 1 wrote it.
    assert saved["indicators"][0]["categories"][0]["items"] == [
        {"content": "完成整治", "value": "10项"}]


def test_structured_item_is_written_with_every_field_in_order(tmp_path):
    draft = new_draft("xicheng-2021", 2022)
    draft.indicators[0].categories[0].items = [Item(name="完成整治", op="＝", value="10",
                                                    unit="项")]
    written = json.loads(dumps(draft))["indicators"][0]["categories"][0]["items"][0]
    assert list(written.items()) == [("content", ""), ("value", "10"), ("name", "完成整治"),
                                     ("op", "＝"), ("unit", "项"), ("explanation", ""),
                                     ("scoring", "")]


def test_fields_kept_on_an_item_whose_name_was_cleared_are_saved(tmp_path):
    # The clerk emptied the name to retype it: the sign and unit must survive a save.
    draft = new_draft("xicheng-2021", 2022)
    draft.indicators[0].categories[0].items = [Item(value="95", op="≥", unit="%")]
    path = tmp_path / "d.json"
    save(draft, path)
    assert load(path) == draft


BAD_ITEMS = {
    "unknown sign": (2, {"name": "满意度", "op": "≧", "value": "95"}, f"{ITEM}.op", "计算符号"),
    "sign with a space": (2, {"name": "满意度", "op": " ≥"}, f"{ITEM}.op", "计算符号"),
    "sign not text": (2, {"name": "满意度", "op": 1}, f"{ITEM}.op", "应为文本"),
    "unit not text": (2, {"name": "满意度", "unit": None}, f"{ITEM}.unit", "应为文本"),
    "typo in a key": (2, {"name": "满意度", "uint": "%"}, ITEM, "未知的键“uint”"),
    "version 1 with a name": (1, {"content": "甲", "value": "", "name": "乙"}, ITEM,
                              "未知的键“name”"),
    "version 1 without value": (1, {"content": "甲"}, ITEM, "缺少键“value”"),
}


@pytest.mark.parametrize("case", sorted(BAD_ITEMS))
def test_bad_items_are_refused_naming_the_place_and_the_file_is_untouched(tmp_path, case):
    version, item, location, words = BAD_ITEMS[case]
    path = _write(tmp_path, _doc(version, item))
    before = path.read_bytes()
    with pytest.raises(DraftError) as info:
        load(path)
    assert info.value.location == location
    assert words in info.value.message
    assert "d.json" in info.value.message
    assert path.read_bytes() == before


def test_a_newer_version_is_refused_and_says_so(tmp_path):
    doc = _doc(3, {"content": "甲", "value": ""})
    doc["version"] = 4
    path = _write(tmp_path, doc)
    with pytest.raises(DraftError) as info:
        load(path)
    assert "更新版本" in info.value.message
    assert "1、2、3" in info.value.message


ITEM_VALUES = st.one_of(
    st.sampled_from(["", "≥", "＞", "＝", "＜", "≤", "定性", ">=", ">", "=", "<", "<=", " ≥",
                     "≧", "=>", "GE", "达成", "95"]),
    st.none(), st.integers(), st.booleans(), st.lists(st.text(max_size=2), max_size=2),
    st.dictionaries(st.sampled_from(["weight", "note", "name", "W", "x.y", "备注"]),
                    st.one_of(st.text(max_size=3), st.integers()), max_size=2))
ITEM_KEYS_TRIED = st.sampled_from(["content", "value", "name", "op", "unit", "explanation",
                                   "scoring", "uint", "Name", "sign", "extra"])


@settings(max_examples=400, deadline=None)
@given(st.sampled_from([1, 2, 3]),
       st.dictionaries(ITEM_KEYS_TRIED, st.one_of(st.text(max_size=5), ITEM_VALUES),
                       max_size=7))
def test_schema_and_loader_agree_on_every_kind_of_item(version, item):
    doc = _doc(version, item)
    schema_ok = jsonschema.Draft202012Validator(SCHEMA).is_valid(doc)
    try:
        loads(json.dumps(doc, ensure_ascii=False))
        loader_ok = True
    except DraftError:
        loader_ok = False
    assert schema_ok == loader_ok, (version, item)


@pytest.mark.parametrize(("written", "shown"), [
    ("定\x01性", "“定\\u0001性”（含不可见字符）"),
    ("\u200b≥", "“\\u200b≥”（含不可见字符）"),
    ("大于", "“大于”")])
def test_a_sign_that_is_not_one_says_what_the_file_holds(tmp_path, written, shown):
    # A control character is dropped from shown text: without saying so the refusal read
    # “应为 … 定性 之一，实际为‘定性’”.
    path = _write(tmp_path, _doc(2, {"name": "完成整治", "op": written, "value": "10"}))
    with pytest.raises(DraftError) as refused:
        load(path)
    assert f"实际为{shown}。" in refused.value.message
    assert f"{ITEM}.op" in refused.value.message
