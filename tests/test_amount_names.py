"""Check messages name an amount so that the clerk finds the one meant: 湖北 has a 合计 under
收入构成 and another under 支出构成, so a message says 支出构成合计, not 合计; an earlier
year's column and a monitoring form's period read as the form prints them."""

from __future__ import annotations

from decimal import Decimal

from declapp.checks import check_draft
from declapp.form.model import Item
from declapp.form.templates import load_template, new_draft
from declapp.storage.fileformat import load
from declapp.system.paths import example_path


def hubei():
    return load(example_path("hubei-2021.json"))


def messages(draft, check: str) -> list[str]:
    return [f.message for f in check_draft(draft) if f.id == check]


def test_a_cost_above_the_total_names_the_spending_total():
    draft = hubei()
    costs = draft.indicators[0].categories[3]
    assert costs.name == "成本指标"
    costs.items[0] = Item(name="基本公共卫生服务项目支出", op="≤", value="23862", unit="万元")
    found = messages(draft, "cost-over-total")
    assert len(found) == 1
    assert "超过支出构成合计 14000.00万元" in found[0]
    assert "超过合计" not in found[0]


def test_an_invalid_total_is_named_with_its_section():
    draft = hubei()
    draft.amounts["funds.income_total"] = Decimal("-1")
    draft.amounts["funds.total@y1"] = Decimal("-2")
    found = messages(draft, "amount-invalid")
    assert found == ["“收入构成合计”金额不能为负数：-1。",
                     "“支出构成合计（2023年）”金额不能为负数：-2。"]


def test_a_carried_amount_is_named_with_its_section_and_year():
    draft = hubei()
    draft.carried |= {"funds.total", "funds.fiscal@y1"}
    found = messages(draft, "carried-amount")
    assert [m.split("万元")[0] for m in found] == ["“财政拨款（2023年）”12410.65 ",
                                                   "“支出构成合计”14000.00 "]


def test_totals_keep_naming_their_sections():
    draft = hubei()
    draft.amounts["funds.total"] = Decimal("13000")
    assert messages(draft, "totals-disagree") == [
        "收入构成合计 14000.00万元 与 支出构成合计 13000.00万元 应当相等（相差 1000.00万元）。"]
    assert messages(draft, "total-mismatch")[0].startswith("支出构成合计 13000.00万元 不等于 "
                                                           "基本支出 + 项目支出 之和")


def test_a_label_of_its_own_is_named_as_it_is():
    """Only a label another amount shares gets its section: 项目支出 stays 项目支出."""
    draft = hubei()
    draft.amounts["funds.project"] = Decimal("-5")
    assert messages(draft, "amount-invalid") == ["“项目支出”金额不能为负数：-5。"]


def test_a_monitoring_form_names_its_period_column():
    draft = new_draft("monitor-department", 2024)
    months = load_template(draft.template).with_role("months")
    assert months is not None
    draft.texts[months.id] = "6"
    draft.amounts["funds.basic@executed"] = Decimal("-3")
    found = messages(draft, "amount-invalid")
    assert found == ["“基本支出（1–6月执行数）”金额不能为负数：-3。"]
