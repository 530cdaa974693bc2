"""The limits of a draft file, the same wherever a draft is read or written: numbers the
reader parses within bounds (or refuses with their place), a file size and a number of
indicator entries that opening, saving, autosave and import all keep.

What the program writes, it reads back: a draft too large to be opened is never written
(save and autosave refuse it with a sentence, the old file kept) and never comes out of
an import.
"""

from __future__ import annotations

import json
import time
from decimal import Decimal
from pathlib import Path

import pytest
from docx import Document

from declapp.checks import check_draft
from declapp.form.model import Item
from declapp.form.templates import new_draft
from declapp.importing import import_file
from declapp.importing.source_file import SourceError
from declapp.storage import draft_bytes
from declapp.storage.atomic import WriteError
from declapp.storage.fileformat import DraftError, dumps, load, save
from declapp.storage.recovery import RecoveryStore


def _valid() -> dict:
    return json.loads(dumps(new_draft("xicheng-2021", 2022)))


def _file(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "d.json"
    path.write_text(text, encoding="utf-8")
    return path


def _with(field: str, literal: str) -> str:
    """A valid draft's text with the JSON value of *field* replaced by *literal*."""
    data = _valid()
    data["amounts"]["funds.total"] = "@@total@@"
    data["year"] = "@@year@@"
    data["version"] = "@@version@@"
    text = json.dumps(data, ensure_ascii=False)
    values = {"total": '"0"', "year": "2022", "version": "3", field: literal}
    for name, value in values.items():
        text = text.replace(f'"@@{name}@@"', value)
    return text


@pytest.mark.parametrize(("field", "literal", "location", "words"), [
    ("total", "1e999999999", "funds.total", "超出了草稿文件允许的范围"),  # minutes, then killed
    ("total", "1e-999999999", "funds.total", "超出了草稿文件允许的范围"),  # 11 GB
    ("total", "-1e999999999", "funds.total", "超出了草稿文件允许的范围"),
    ("total", "1e22", "funds.total", "超出了草稿文件允许的范围"),
    ("total", "1" * 20, "funds.total", "超出了草稿文件允许的范围"),
    ("total", '"' + "9" * 10_000 + '"', "funds.total", "超出了草稿文件允许的范围"),
    ("total", '"0.' + "0" * 500 + '1"', "funds.total", "超出了草稿文件允许的范围"),
    ("total", "0e999999999", "funds.total", "超出了草稿文件允许的范围"),
    ("version", "3." + "0" * 5000, "version", "格式版本应为"),  # was accepted
    ("version", "3" + "0" * 5000, "version", "格式版本应为"),
    ("year", "1e999999999", "year", "年度"),
    ("year", "2" + "0" * 5000, "year", "年度"),
])
def test_a_number_beyond_the_files_bounds_is_refused_with_its_place(
        tmp_path, field, literal, location, words):
    path = _file(tmp_path, _with(field, literal))
    started = time.perf_counter()
    with pytest.raises(DraftError) as info:
        load(path)
    print(f"{literal[:20]}: refused in {time.perf_counter() - started:.3f} s")
    assert info.value.location == location
    assert words in info.value.message
    assert len(info.value.message) < 200  # a long number is shortened, never printed whole


@pytest.mark.parametrize(("literal", "amount"), [
    ('"1.1234567"', Decimal("1.1234567")),  # seven decimals: the check's business
    ('"20000000000000"', Decimal("20000000000000")),  # above 10¹² 万元: the check's business
    ("0.30000000000000004", Decimal("0.30000000000000004")),  # float noise of another tool
    ("5e-324", Decimal("5e-324")),  # the smallest float
    ("999999999999999.9", Decimal("999999999999999.9")),
    ("-0.0", Decimal(0)),
])
def test_numbers_within_the_bounds_are_read_exactly(tmp_path, literal, amount):
    draft = load(_file(tmp_path, _with("total", literal)))
    assert draft.amount("funds.total") == amount
    assert str(draft.amount("funds.total")) == str(amount)


def test_what_the_reader_keeps_the_checks_still_flag(tmp_path):
    draft = load(_file(tmp_path, _with("total", '"20000000000000.1234567"')))
    texts = [f.message for f in check_draft(draft) if f.location == "funds.total"]
    assert any("一万亿" in t or "6 位" in t or "小数" in t for t in texts), texts


def _empty_items(count: int) -> str:
    data = _valid()
    data["indicators"][0]["categories"][0]["items"] = [{}] * count
    return json.dumps(data, separators=(",", ":"))


def test_a_million_empty_items_are_refused_at_once(tmp_path):
    """A legal-looking 3 MB draft with 1,000,000 empty items took 34 s to check and
    blocked the window for 24 s: the format now says how many entries a draft holds."""
    path = _file(tmp_path, _empty_items(1_000_000))
    started = time.perf_counter()
    with pytest.raises(DraftError) as info:
        load(path)
    print(f"1,000,000 empty items: refused in {time.perf_counter() - started:.2f} s")
    assert info.value.location == "indicators"
    assert "150,000 项" in info.value.message and "1,000,011 项" in info.value.message


def test_the_entry_limit_is_the_same_for_open_save_and_autosave(tmp_path, monkeypatch):
    monkeypatch.setattr(draft_bytes, "MAX_ENTRIES", 40)
    at_limit = load(_file(tmp_path, _empty_items(40 - 11)))  # 2 groups and 9 categories
    assert at_limit.item_count() == 29
    with pytest.raises(DraftError):
        load(_file(tmp_path, _empty_items(30)))
    at_limit.indicators[0].categories[0].items.append(Item("一条"))
    target = tmp_path / "mine.json"
    target.write_text("mine", encoding="utf-8")
    with pytest.raises(WriteError) as info:
        save(at_limit, target)
    assert "40 项" in info.value.message and "无法保存" in info.value.message
    assert target.read_text(encoding="utf-8") == "mine"
    store = RecoveryStore(tmp_path / "recovery")
    store.start()
    with pytest.raises(WriteError):
        store.write("w1", at_limit, None)
    assert not store.copy_path("w1").exists()
    store.finish()


@pytest.fixture
def small_limit(monkeypatch):
    """The size limit scaled down from 32 MB to 200 KB: the same code, a small file."""
    monkeypatch.setattr(draft_bytes, "MAX_DRAFT_BYTES", 200_000)
    return 200_000


def test_the_size_limit_is_the_same_for_open_save_and_autosave(tmp_path, small_limit):
    draft = new_draft("xicheng-2021", 2022)
    draft.texts["notes"] = "字" * 70_000  # 210 KB as a file
    target = tmp_path / "mine.json"
    save(new_draft("xicheng-2021", 2021), target)
    before = target.read_bytes()
    with pytest.raises(WriteError) as info:
        save(draft, target)
    assert "超过了草稿文件的上限" in info.value.message
    assert target.read_bytes() == before
    store = RecoveryStore(tmp_path / "recovery")
    store.start()
    with pytest.raises(WriteError):
        store.write("w1", draft, target)
    store.finish()
    big = tmp_path / "big.json"
    big.write_text(dumps(draft), encoding="utf-8")
    with pytest.raises(DraftError, match="太大"):
        load(big)
    draft.texts["notes"] = "字" * 60_000  # 180 KB: within the limit, written, read back
    save(draft, target)
    assert load(target).text("notes") == draft.text("notes")


def test_an_import_never_makes_a_draft_that_cannot_be_opened(tmp_path, small_limit):
    """An 81 KB Word file with 12,000,000 characters in one cell imported into a 34 MB
    draft that check and the window refused: here scaled down to 200 KB."""
    document = Document()
    document.add_paragraph("部门整体支出绩效目标申报表")
    table = document.add_table(rows=3, cols=2)
    table.cell(0, 0).text = "部门（单位）名称"
    table.cell(0, 1).text = "某街道"
    table.cell(1, 0).text = "部门（单位）绩效目标"
    table.cell(1, 1).text = "目标"
    table.cell(2, 0).text = "其他说明的问题"
    table.cell(2, 1).text = "说" * 80_000
    source = tmp_path / "表.docx"
    document.save(str(source))
    assert source.stat().st_size < 50_000
    with pytest.raises(SourceError) as info:
        import_file(source)
    assert "内容异常大" in info.value.message and "超过了草稿文件的上限" in info.value.message
    table.cell(2, 1).text = "说" * 30_000  # 90 KB as a draft: imported
    document.save(str(source))
    assert import_file(source).draft.text("notes") == "说" * 30_000
