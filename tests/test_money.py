"""Amounts as clerks type and paste them (issue 9 §1), and zero without a sign."""

from __future__ import annotations

import json
from decimal import Decimal

import pytest

from declapp.form.money import (
    MAX_AMOUNT,
    format_wanyuan,
    normalize_amount_entry,
    parse_amount,
    to_json,
)
from declapp.layout import build_layout
from declapp.storage.fileformat import dumps, loads

ACCEPTED = {
    # pasted or typed: (the field shows, value, a word of the note)
    " 456.78 ": ("456.78", "456.78", "空格"),
    "\u3000456.78\t": ("456.78", "456.78", "空格"),
    "1,000.50": ("1000.50", "1000.50", "千位分隔符"),
    "12,345,678.9": ("12345678.9", "12345678.9", "千位分隔符"),
    "１２３.４５": ("123.45", "123.45", "半角"),
    "１，０００．５０": ("1000.50", "1000.50", "半角"),
    "12.5万元": ("12.5", "12.5", "万元"),
    "12.5 万元": ("12.5", "12.5", "万元"),
    "12.5万": ("12.5", "12.5", "万元"),
    "12。5": ("12.5", "12.5", "小数点"),
    "+3": ("3", "3", "正号"),
    "1,": ("1", "1", "千位分隔符"),  # the comma of "1,000" as it is typed
    "-0": ("0", "0", "负号"),
    "-0.00": ("0.00", "0", "负号"),
}


@pytest.mark.parametrize("typed", sorted(ACCEPTED))
def test_what_clerks_paste_is_cleaned_and_the_change_is_said(typed):
    shown, value, word = ACCEPTED[typed]
    entry = normalize_amount_entry(typed)
    assert entry.accepted and entry.error == ""
    assert entry.text == shown
    assert entry.amount == Decimal(value) and not entry.amount.is_signed()
    assert word in entry.note and entry.note.startswith("已整理金额")
    assert parse_amount(entry.text) == entry.amount  # the field's text reads back the same


@pytest.mark.parametrize("typed", ["", "0", "41421.22", "12.", ".", "0.000001", "007"])
def test_plain_amounts_and_texts_on_the_way_to_one_pass_unchanged(typed):
    entry = normalize_amount_entry(typed)
    assert entry.accepted and entry.text == typed and entry.note == ""
    assert entry.amount == (Decimal(typed) if typed.strip(".") else 0)


REFUSED = {
    "-": "负数",  # a minus typed on its own no longer vanishes without a word
    "-5": "负数",
    "－12.5万元": "负数",
    "1,0": "逗号",
    "12,34": "逗号",
    "1.000,50": "逗号",
    "5元": "换算成万元",
    "四万": "阿拉伯数字",
    "1e5": "不是金额",
    "abc": "不是金额",
    "1.2.3": "不是金额",
    "12 34": "不是金额",
    "NaN": "不是金额",
    "Infinity": "不是金额",
    "0x10": "不是金额",
    "1.1234567": "6 位小数",
    str(MAX_AMOUNT + 1): "一万亿",
    "一万二千五百": "阿拉伯数字",
    "壹佰元": "换算成万元",
}


@pytest.mark.parametrize("typed", sorted(REFUSED))
def test_junk_is_refused_with_a_chinese_reason(typed):
    entry = normalize_amount_entry(typed)
    assert not entry.accepted and entry.amount is None and entry.text == ""
    assert REFUSED[typed] in entry.error
    assert len(entry.error) < 80  # fits beside a field, even for a pasted paragraph


def test_a_long_pasted_text_is_quoted_short():
    entry = normalize_amount_entry("这是一段很长的文字" * 20)
    assert "不是金额" in entry.error
    assert "…" in entry.error and len(entry.error) < 80


@pytest.mark.parametrize("stored", ['"-0"', '"-0.00"', "-0", "-0.00"])
def test_minus_zero_loads_as_zero_and_never_prints_a_sign(stored, example_file):
    text = example_file.read_text(encoding="utf-8")
    data = json.loads(text)
    data["template"] = "xicheng-2019"  # the template that prints 其他
    data["funds"]["other"] = "PLACEHOLDER"
    raw = json.dumps(data, ensure_ascii=False).replace('"PLACEHOLDER"', stored)
    draft = loads(raw)
    assert draft.amounts["funds.other"] == 0 and not draft.amounts["funds.other"].is_signed()
    assert '"funds.other": "0"' in dumps(draft)
    printed = [c.text for c in build_layout(draft).cells
               if c.location == "funds.other" and c.role == "amount"]
    assert printed == ["0.00万元"]


def test_formatting_a_signed_zero_never_prints_minus():
    for zero in (Decimal("-0"), Decimal("-0.00"), Decimal("-0E-7")):
        assert not format_wanyuan(zero).startswith("-")
        assert not to_json(zero).startswith("-")
    assert format_wanyuan(Decimal("-0.00")) == "0.00万元"
