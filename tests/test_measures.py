"""Reading sign, number and unit out of an indicator's text."""

from __future__ import annotations

from decimal import Decimal

import pytest

from declapp.indicators.measures import (
    half_width,
    measures_in,
    named_measures,
    parse_number,
    parse_value,
)


@pytest.mark.parametrize(("text", "found"), [
    ("群众满意度达到95%以上", [("≥", "95", "%")]),
    ("成本控制在6,416.19万元之内", [("≤", "6416.19", "万元")]),
    ("投诉不超过５件", [("≤", "5", "件")]),
    ("服务300余人次", [("≥", "300", "人次")]),
    ("办结率高于90％", [("＞", "90", "%")]),
    ("费用50元/人/月", [("＝", "50", "元/人/月")]),
    ("京民基发〔2012〕497号，2018年方案，12月31日前，第3季度，3类家庭", []),
    ("完成3\n项目", []),  # a measure never runs over a line end
])
def test_measures_in_running_text(text, found):
    assert [(m.op, m.number, m.unit) for m in measures_in(text)] == found


def test_positions_are_positions_in_the_clerks_text():
    text = "全年开展培训不少于１２次。"
    assert half_width(text) == "全年开展培训不少于12次。" and len(half_width(text)) == len(text)
    (measure,) = measures_in(text)
    assert text[measure.start:measure.end] == "不少于１２次"


def test_a_share_of_an_amount_is_not_a_measure_of_its_own():
    text = "工作成本控制在6416.19万元之内，占全年项目支出总额的20.73%。"
    assert [(name, m.number) for name, m in named_measures(text)] == [("工作成本", "6416.19")]


@pytest.mark.parametrize(("text", "number"), [
    ("95", Decimal(95)), ("6416.19", Decimal("6416.19")), ("９５", Decimal(95)),
    ("-3", Decimal(-3)), ("6,416.19", None), ("95%", None), ("", None), ("1e3", None),
])
def test_parse_number(text, number):
    assert parse_number(text) == number


def test_a_value_with_digits_that_does_not_split_is_none():
    assert parse_value("第3季度前") is None
    assert parse_value("按期完成").op == "定性"
