"""Scoring a self-evaluation: every rule at its edges, against a hand calculation."""

from __future__ import annotations

from decimal import Decimal

import pytest

from declapp.form.definition import ScoringSettings
from declapp.form.model import Item
from declapp.indicators.scoring import execution, grade, item_score

S = ScoringSettings(budget="funds.total@budget", spent="funds.total@executed",
                    points=(("output", Decimal(50)), ("effect", Decimal(30)),
                            ("satisfaction", Decimal(10))))


def scored(op, value, unit, actual, points="10", **extra):
    item = Item(name="指标", op=op, value=value, unit=unit,
                extra={"actual": actual, "points": points, **extra})
    return item_score(item, S)


@pytest.mark.parametrize(("op", "target", "actual", "want"), [
    ("≥", "95", "95", "10.00"),  # exactly at target: full
    ("≥", "95", "100", "10.00"),
    ("≥", "95", "92", "9.68"),  # 92 ÷ 95 × 10 = 9.6842… → 9.68
    ("＞", "80", "40", "5.00"),
    ("≥", "95", "0", "0.00"),
    ("＝", "10", "10", "10.00"),
    ("＝", "10", "7", "7.00"),  # equal scores as positive
    ("≤", "100", "100", "10.00"),  # reverse, at target: full
    ("≤", "100", "50", "10.00"),
    ("≤", "100", "150", "5.00"),  # (1 − 50 ÷ 100) × 10
    ("≤", "100", "199", "0.10"),
    ("≤", "100", "200", "0.00"),  # 2 × target: nothing
    ("＜", "100", "300", "0.00"),
    ("≤", "6416.19", "6500", "9.87"),  # (1 − 83.81 ÷ 6416.19) × 10 = 9.8693…
])
def test_numeric_rules(op, target, actual, want):
    assert str(scored(op, target, "%", actual).score) == want


def test_the_reason_is_the_calculation():
    score = scored("≥", "95", "%", "92")
    assert score.reason == "实际 92 ÷ 目标 95 × 分值 10 = 9.68"
    assert not score.full
    reverse = scored("≤", "100", "万元", "150")
    assert reverse.reason == "(1 − (实际 150 − 目标 100) ÷ 目标 100) × 分值 10 = 5"


@pytest.mark.parametrize(("op", "actual", "want"), [
    ("＝", "0", "10.00"), ("＝", "-1", "10.00"), ("＝", "3", "0.00"),
    ("≤", "0", "10.00"), ("≤", "2", "0.00"),
    ("≥", "0", "10.00"), ("≥", "5", "10.00"),
])
def test_a_target_of_zero(op, actual, want):
    assert str(scored(op, "0", "起", actual).score) == want


def test_120_percent_is_flagged_not_scored_higher():
    at = scored("≥", "100", "%", "119.99")
    over = scored("≥", "100", "%", "120")
    assert not at.over and over.over
    assert over.score == Decimal("10.00") and "120%" in over.reason


@pytest.mark.parametrize(("band", "given", "want"), [
    ("达成年度指标", "", "10.00"),
    ("部分达成并具有一定效果", "", "8.00"),
    ("未达成且效果较差", "", "6.00"),
    ("达成年度指标", "8.5", "8.50"),  # the clerk's own score within the band
    ("部分达成并具有一定效果", "6", "6.00"),
])
def test_qualitative_bands(band, given, want):
    item = Item(name="工作按期完成", op="定性", value="按期完成",
                extra={"points": "10", "band": band, "score": given})
    assert str(item_score(item, S).score) == want


def test_a_qualitative_score_outside_its_band_is_a_problem_not_a_guess():
    item = Item(name="工作按期完成", op="定性", value="按期完成",
                extra={"points": "10", "band": "部分达成并具有一定效果", "score": "9"})
    score = item_score(item, S)
    assert score.score is None and "6–8" in score.problem
    no_band = Item(name="工作按期完成", op="定性", value="按期完成", extra={"points": "10"})
    assert "请选择完成程度" in item_score(no_band, S).problem


@pytest.mark.parametrize(("actual", "said"), [
    ("基本完成", "不是数字"),
    ("96人次", "单位"),  # the target is in %
    ("", "没有填写实际完成值"),
])
def test_values_that_cannot_be_compared_are_findings(actual, said):
    score = scored("≥", "95", "%", actual)
    assert score.score is None and said in score.problem


def test_the_adjusted_target_is_the_one_judged():
    item = Item(name="培训人次", op="≥", value="100", unit="人次",
                extra={"points": "10", "actual": "90", "adjusted": "90"})
    assert item_score(item, S).score == Decimal("10.00")
    item.extra["adjusted"] = ""
    assert item_score(item, S).score == Decimal("9.00")


def test_a_free_text_item_reads_its_value():
    item = Item(content="群众满意度", value="≥90%", extra={"points": "5", "actual": "85%"})
    assert item_score(item, S).score == Decimal("4.72")  # 85 ÷ 90 × 5


def test_execution_rate_and_its_score():
    from declapp.form.model import Draft

    draft = Draft("selfeval-project", 2021)
    draft.amounts.update({"funds.total@budget": Decimal(200),
                          "funds.total@executed": Decimal(170)})
    run = execution(draft, S)
    assert run.rate == Decimal("85.00") and run.score == Decimal("8.50")
    draft.amounts["funds.total@executed"] = Decimal(230)  # over-spent: at most 10
    assert execution(draft, S).score == Decimal("10.00")
    draft.amounts["funds.total@budget"] = Decimal(0)
    assert execution(draft, S).score is None


@pytest.mark.parametrize(("total", "want"), [
    ("100", "优"), ("90", "优"), ("89.99", "良"), ("80", "良"), ("79.99", "中"), ("60", "中"),
    ("59.99", "差"), ("0", "差")])
def test_grades(total, want):
    assert grade(Decimal(total)) == want
