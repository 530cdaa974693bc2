"""Reading sign, number and unit out of an indicator's text."""

from __future__ import annotations

from decimal import Decimal

import pytest

from declapp.form.model import OP_EQ, OP_GE, OP_LE, OP_QUALITATIVE
from declapp.indicators.measures import (
    Value,
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


@pytest.mark.parametrize("text", ["6月底前足额发放", "2025年底前完工", "11月底前完工",
                                  "12月31日前完成", "2024年6月30日前", "3月份前启动"])
def test_a_date_to_keep_is_a_qualitative_value_not_a_number_with_a_unit(text):
    """湖北's 时效指标 6月底前足额发放 read as ＝ 6 with the unit 月底前足额发放."""
    assert parse_value(text) == Value(OP_QUALITATIVE, text, "")


@pytest.mark.parametrize(("text", "value"), [
    ("6个月", Value(OP_EQ, "6", "个月")), ("≤3个工作日", Value(OP_LE, "3", "个工作日")),
    ("≥95%", Value(OP_GE, "95", "%")),
])
def test_a_duration_is_still_a_number_with_its_unit(text, value):
    assert parse_value(text) == value
