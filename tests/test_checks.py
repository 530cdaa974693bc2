"""Checks: each rule fires where a clerk has made that mistake, and only there."""

from __future__ import annotations

from decimal import Decimal

import pytest

from declapp.checks import ERROR, WARNING, check_draft, counts
from declapp.checks.form_rules import looks_like_phone
from declapp.checks.year_rules import stale_year_spans, stale_years
from declapp.form.model import ITEM_FIELDS, Category, Group, Item
from declapp.form.templates import new_draft
from declapp.layout import build_layout


def _ids(findings, severity=None):
    return {(f.id, f.location) for f in findings if severity is None or f.severity == severity}


def test_real_2021_form_is_clean_but_for_hints_on_vague_words(example_draft):
    # Which items get the hint: test_reviewer_rules.py.
    findings = check_draft(example_draft)
    assert {(f.id, f.severity) for f in findings} == {("vague-words", WARNING)}


def test_real_form_copied_to_next_year_flags_the_stale_year(example_draft):
    example_draft.year = 2022
    findings = [f for f in check_draft(example_draft) if f.id != "vague-words"]
    assert _ids(findings) == {("stale-year", "goals")}
    assert "2021年" in findings[0].message
    assert findings[0].severity == WARNING


def _filled(template="xicheng-2021", year=2021):
    draft = new_draft(template, year)
    draft.texts["department.name"] = "某某街道办事处"
    draft.texts["department.head"] = "张三"
    draft.texts["department.phone"] = "010-68321234"
    draft.texts["department.functions"] = "无"
    draft.texts["goals"] = f"{year}年，做好各项工作。"
    draft.texts["notes"] = "无"
    draft.amounts["funds.basic"] = Decimal("1.10")
    draft.amounts["funds.project"] = Decimal("2.20")
    draft.amounts["funds.total"] = Decimal("3.3")
    draft.indicators[0].name = "城市管理"
    for group in draft.indicators:
        for category in group.categories:
            category.items.append(Item("内容", ""))
    return draft


@pytest.mark.parametrize("template", ["xicheng-2019", "xicheng-2021"])
def test_a_complete_form_is_clean(template):
    assert check_draft(_filled(template)) == []


def test_missing_name_goals_and_year_range_are_errors():
    draft = _filled()
    draft.texts["department.name"] = "  "
    draft.texts["goals"] = "\n"
    draft.year = 1999
    assert _ids(check_draft(draft), ERROR) == {
        ("name-missing", "department.name"), ("goals-missing", "goals"), ("year-range", "year")}


@pytest.mark.parametrize("invisible", ["\u200b", "\ufeff", "\u200b\u3000\u2060\u00ad",
                                       " \u200e\u200f\u3164 "])
def test_a_text_of_invisible_characters_counts_as_empty(invisible):
    draft = _filled("xicheng-2019")
    draft.texts["department.name"] = invisible
    draft.texts["goals"] = invisible
    draft.texts["notes"] = invisible
    draft.texts["department.head"] = invisible
    draft.indicators[0].name = invisible
    draft.indicators[0].categories[0].name = invisible
    draft.indicators[0].categories[1].items[0] = Item(invisible, invisible)
    assert _ids(check_draft(draft)) == {
        ("name-missing", "department.name"), ("goals-missing", "goals"),
        ("row-empty", "notes"), ("row-empty", "department.head"),
        ("group-name-missing", "indicators[0].name"),
        ("category-name-missing", "indicators[0].categories[0].name"),
        ("category-missing", "indicators[0]"),
        ("item-empty", "indicators[0].categories[1].items[0].content")}


def test_empty_notes_ask_for_wu_in_the_words_of_the_placeholder():
    from declapp.checks.form_rules import NOTES_HINT

    draft = _filled()
    draft.texts["notes"] = ""
    [finding] = check_draft(draft)
    assert finding.location == "notes"
    assert finding.message == f"“其他说明的问题”未填写：{NOTES_HINT}"
    assert "无" in NOTES_HINT and "可以不填" not in NOTES_HINT
    draft.texts["notes"] = "无"
    assert check_draft(draft) == []


def test_a_very_long_department_name_is_a_warning():
    draft = _filled()
    draft.texts["department.name"] = "北京市西城区人民政府展览路街道办事处" * 14  # 252 characters
    findings = check_draft(draft)
    assert [(f.id, f.severity, f.location) for f in findings] == [
        ("name-too-long", WARNING, "department.name")]
    assert "252 个字" in findings[0].message and "截短" in findings[0].message
    draft.texts["department.name"] = "中国共产党北京市西城区委员会社会工作部（北京市西城区社会工作委员会）"
    assert check_draft(draft) == []


@pytest.mark.parametrize("amount, words", [
    (Decimal("-1"), "负数"), (Decimal("NaN"), "不是数字"), (Decimal("1.1234567"), "6 位"),
])
def test_bad_amounts_are_errors(amount, words):
    draft = _filled()
    draft.amounts["funds.basic"] = amount
    findings = [f for f in check_draft(draft) if f.location == "funds.basic"]
    assert [f.id for f in findings] == ["amount-invalid"]
    assert words in findings[0].message and findings[0].severity == ERROR


def test_six_decimals_are_fine():
    draft = _filled()
    draft.amounts["funds.basic"] = Decimal("1.100000")
    assert check_draft(draft) == []


def test_total_must_equal_the_shown_rows_exactly():
    draft = _filled()
    draft.amounts["funds.total"] = Decimal("3.31")
    findings = check_draft(draft)
    assert _ids(findings) == {("total-mismatch", "funds.total")}
    assert "3.31万元" in findings[0].message and "3.30万元" in findings[0].message
    assert "0.01万元" in findings[0].message


def test_other_counts_in_2019_and_warns_in_2021():
    draft = _filled("xicheng-2019")
    draft.amounts["funds.other"] = Decimal("1")
    assert _ids(check_draft(draft)) == {("total-mismatch", "funds.total")}
    draft.amounts["funds.total"] = Decimal("4.3")
    assert check_draft(draft) == []
    draft.template = "xicheng-2021"
    findings = check_draft(draft)
    # 2021 does not print 其他: the total no longer adds up, and the amount is flagged.
    assert _ids(findings) == {("total-mismatch", "funds.total"), ("hidden-amount", "funds.other")}


def test_empty_rows_shown_by_the_template_warn():
    draft = _filled("xicheng-2019")
    draft.texts["department.head"] = draft.texts["department.phone"] = draft.texts["department.functions"] = ""
    draft.texts["notes"] = ""
    assert _ids(check_draft(draft)) == {
        ("row-empty", "department.head"), ("row-empty", "department.phone"),
        ("row-empty", "department.functions"), ("row-empty", "notes")}
    draft.template = "xicheng-2021"  # does not show head, phone, functions
    assert _ids(check_draft(draft)) == {("row-empty", "notes")}


@pytest.mark.parametrize("phone", ["010-68321234", "68321234", "13812345678", "(010)68321234",
                                   "68321234转8001", "010-68321234、13812345678", "无",
                                   "+86 13812345678", "０１０-６８３２１２３４", "010－68321234",
                                   "138 1234 5678", "138-1234-5678", "010 6832 1234",
                                   "0086-10-68321234", "68321234-8001", "（010）68321234"])
def test_phone_numbers_that_look_right(phone):
    assert looks_like_phone(phone)


@pytest.mark.parametrize("phone", ["张三", "123", "6832-1234-5678-9", "abc68321234"])
def test_phone_numbers_that_do_not(phone):
    assert not looks_like_phone(phone)


def test_bad_phone_warns_only_where_printed():
    draft = _filled("xicheng-2019")
    draft.texts["department.phone"] = "找张三"
    assert _ids(check_draft(draft)) == {("phone-format", "department.phone")}
    draft.template = "xicheng-2021"
    assert check_draft(draft) == []


def test_structure_of_the_indicators():
    draft = _filled()
    draft.indicators = [g for g in draft.indicators if g.kind == "effect"]
    assert ("no-output-group", "indicators") in _ids(check_draft(draft), ERROR)
    draft = _filled()
    draft.indicators = [g for g in draft.indicators if g.kind == "output"]
    assert ("no-effect-group", "indicators") in _ids(check_draft(draft), ERROR)
    draft = _filled()
    draft.indicators.insert(1, Group("output", "", [Category("产出数量指标", [])]))
    found = _ids(check_draft(draft), WARNING)
    assert ("group-name-missing", "indicators[1].name") in found
    assert ("category-empty", "indicators[1].categories[0]") in found
    missing = [f for f in check_draft(draft) if f.id == "category-missing"]
    assert missing[0].location == "indicators[1]"
    assert "产出质量指标、产出进度指标、产出成本指标" in missing[0].message
    assert "产出指标二" in missing[0].message


def _cost_draft(amounts_and_shares, project="100"):
    draft = _filled()
    draft.amounts["funds.project"] = Decimal(project)
    draft.amounts["funds.total"] = draft.amounts["funds.basic"] + draft.amounts["funds.project"]
    template_group = draft.indicators[0]
    draft.indicators = [g for g in draft.indicators if g.kind == "effect"]
    for n, (amount, share) in enumerate(amounts_and_shares):
        group = Group("output", f"工作{n}", [Category(c.name, [Item("内容")])
                                            for c in template_group.categories])
        share_text = f"，占全年项目支出总额的{share}%。" if share else "。"
        text = f"工作成本控制在{amount}万元之内{share_text}"
        group.categories[3].items = [Item(text)]
        draft.indicators.insert(n, group)
    return draft


def test_cost_amounts_must_add_up_to_project_spending():
    assert check_draft(_cost_draft([("60", "60.00"), ("40", "40.00")])) == []
    findings = check_draft(_cost_draft([("60", "60.00"), ("39", "39.00")]))
    assert _ids(findings) == {("cost-sum", "indicators[0].categories[3].items[0].content")}
    assert "99.00万元" in findings[0].message and "100.00万元" in findings[0].message


def test_cost_share_must_match_within_a_hundredth_of_a_point():
    # 1/3 = 33.333…%: 33.33 and 33.34 (rounded to add up to 100) both pass, 33.35 not.
    ok = _cost_draft([("1", "33.33"), ("1", "33.33"), ("1", "33.34")], project="3")
    assert check_draft(ok) == []
    bad = _cost_draft([("1", "33.33"), ("1", "33.35"), ("1", "33.32")], project="3")
    assert _ids(check_draft(bad)) == {
        ("cost-share", "indicators[1].categories[3].items[0].content"),
        ("cost-share", "indicators[2].categories[3].items[0].content")}


def test_partial_cost_statements_only_warn_when_they_exceed():
    draft = _cost_draft([("60", None), ("40", None)])
    draft.indicators[1].categories[3].items = [Item("按预算执行。")]
    assert check_draft(draft) == []
    draft.indicators[0].categories[3].items = [Item("成本控制在101万元之内。")]
    assert [f.id for f in check_draft(draft)] == ["cost-sum"]


@pytest.mark.parametrize("text, year, expected", [
    ("截止2019年12月31日，已完成。", 2020, ["2019年"]),
    ("截至2019年底", 2020, ["2019年"]),
    ("2019年，街道将继续", 2020, ["2019年"]),
    ("第一段。\n2019年是关键之年", 2020, ["2019年"]),
    ("（一）2019年重点工作", 2020, ["2019年"]),
    ("完成2019年度工作计划", 2020, ["2019年度"]),
    ("2020年，街道将继续", 2020, []),
    ("按照《北京市2018年社区工作者工资待遇调整方案》执行", 2020, []),
    ("京民基发〔2012〕497号", 2020, []),
    ("到2025年底基本建成", 2021, []),
    ("较2020年增长5%", 2021, []),
    ("与2020年度相比有所提高", 2021, []),
    ("根据2020年度绩效评价结果调整", 2021, []),
    ("于2021年12月31日前完成", 2022, ["2021年"]),
    ("在2021年底前全部完成", 2022, ["2021年"]),
    ("计划2021年6月完成招标", 2022, ["2021年"]),
    ("2022年6月完成招标", 2022, []),
    ("2019年以来累计完成", 2022, []),
    # Issue 9: the year as clerks also write it, and named mid-sentence.
    ("２０２０年，街道将继续", 2021, ["２０２０年"]),
    ("二〇二〇年，街道将继续", 2021, ["二〇二〇年"]),
    ("（一）二〇二〇年度重点工作", 2021, ["二〇二〇年度"]),
    ("计划2020年完成", 2021, ["2020年"]),
    ("计划２０２０年完成", 2021, ["２０２０年"]),
    ("力争2020年全面建成", 2021, ["2020年"]),
    ("计划在二〇二〇年十二月完成招标", 2021, ["二〇二〇年"]),
    ("全年工作于2020年完成", 2021, ["2020年"]),
    ("计划2021年完成", 2021, []),
    ("较２０２０年增长5%", 2021, []),
    ("与二〇二〇年度相比有所提高", 2021, []),
    ("2020年同期水平", 2021, []),
    ("自2019年起实施", 2021, []),
    ("2018年至2020年累计完成", 2021, []),
    ("二〇一九年以来累计完成", 2021, []),
    ("完成2019年遗留任务", 2021, []),
    ("到2025年全面建成", 2021, []),
    # A project's mid-term target: a deadline ahead of the form's year is a plan.
    ("2025年底前完工", 2024, []),
    ("2025年6月底前全部完成", 2024, []),
    ("2025年，街道将继续", 2024, ["2025年"]),
])
def test_stale_years(text, year, expected):
    assert stale_years(text, year) == expected


def test_stale_year_spans_select_the_old_year_as_written():
    text = "第一段。\n二〇二〇年，街道计划２０２０年完成，与2020年度相比有所提高。"
    spans = stale_year_spans(text, 2021)
    assert [text[a:b] for a, b in spans] == ["二〇二〇年", "２０２０年"]


def test_stale_year_in_an_item_names_its_place():
    draft = _filled(year=2020)
    draft.indicators[1].categories[1].items[0].content = "截止2019年12月31日，服务对象满意。"
    assert _ids(check_draft(draft)) == {
        ("stale-year", "indicators[1].categories[1].items[0].content")}


def test_findings_list_errors_first_and_count():
    draft = _filled()
    draft.texts["notes"] = ""
    draft.texts["department.name"] = ""
    findings = check_draft(draft)
    assert [f.severity for f in findings] == [ERROR, WARNING]
    assert counts(findings) == (1, 1)


def test_unknown_template_is_one_error():
    draft = _filled()
    draft.template = "haidian-2030"
    findings = check_draft(draft)
    assert [(f.id, f.severity, f.location) for f in findings] == [
        ("template-unknown", ERROR, "template")]
    assert "haidian-2030" in findings[0].message


def test_a_fill_date_in_the_year_before_the_form_is_on_time():
    """湖北's 填报日期: the 2024 form is filled in late 2023; a date two years back is last
    year's form copied forward."""
    draft = new_draft("hubei-2021", 2024)
    draft.texts["fill_date"] = "2023年11月20日"
    assert [f for f in check_draft(draft) if f.id == "stale-year"] == []
    draft.texts["fill_date"] = "２０２２年１１月２０日"
    found = [f for f in check_draft(draft) if f.id == "stale-year"]
    assert [(f.location, f.highlight) for f in found] == [("fill_date", "２０２２年")]
    draft.texts["goals"] = "2023年11月底前完成全部任务。"  # not a date field: stale
    assert "goals" in {f.location for f in check_draft(draft) if f.id == "stale-year"}


def test_cost_checks_read_the_annual_indicators_only():
    """A project's 中期 indicators state the cost of the whole period: it is not compared
    with the year's funds (the template's cost_budget and total_budget are the year's)."""
    draft = new_draft("project-2011", 2024)
    draft.amounts["funds.total"] = Decimal("4860")
    annual = draft.indicators[0].categories[3]
    annual.items = [Item(name="楼本体改造成本", op="≤", value="2980", unit="万元"),
                    Item(name="加装电梯补助成本", op="≤", value="1880", unit="万元")]
    mid = draft.trees["mid_indicators"][0].categories[3]
    mid.items = [Item(name="项目期内总成本", op="≤", value="13500", unit="万元")]
    cost_ids = {"cost-sum", "cost-over-total", "cost-share"}
    assert [f for f in check_draft(draft) if f.id in cost_ids] == []
    annual.items[1].value = "1000"
    assert _ids([f for f in check_draft(draft) if f.id in cost_ids]) == {
        ("cost-sum", "indicators[0].categories[3].items[0].value")}
    annual.items[1].value = "4861"
    assert ("cost-over-total", "indicators[0].categories[3].items[1].value") in _ids(
        check_draft(draft))


def test_next_year_copy_keeps_everything_and_flags_the_old_year(example_draft):
    following = example_draft.next_year_copy()
    assert following.year == 2022 and example_draft.year == 2021
    following.year = 2021
    assert following == example_draft  # nothing else changed
    following.year = 2022
    assert [f.id for f in check_draft(following) if f.id != "vague-words"] == ["stale-year"]


def test_cost_amounts_with_separators_and_full_width_digits(example_draft):
    cost = example_draft.indicators[0].categories[3].items[0]
    cost.content = "城市管理和环境建设工作成本控制在6,416.19万元之内，占全年项目支出总额的20.73%。"
    second = example_draft.indicators[1].categories[3].items[0]
    second.content = "民生服务和保障工作成本控制在５３３８．９７万元之内，占全年项目支出总额的１７．２５％。"
    assert [f for f in check_draft(example_draft) if f.id != "vague-words"] == []


def test_content_and_value_do_not_run_together():
    draft = _cost_draft([("60", "60.00"), ("40", "40.00")])
    item = draft.indicators[0].categories[3].items[0]
    item.content, item.value = "成本第3", "60万元"  # 60万元, not 360万元
    assert [f.id for f in check_draft(draft)] == []


def test_an_output_group_after_effect_is_flagged_and_printed_before_it(example_draft):
    draft = example_draft
    assert not any(f.id == "effect-not-last" for f in check_draft(draft))
    effect = next(i for i, g in enumerate(draft.indicators) if g.kind == "effect")
    draft.indicators.append(draft.indicators.pop(0))  # 产出指标一 now last, below 效果指标
    found = [f for f in check_draft(draft) if f.id == "effect-not-last"]
    assert [f.location for f in found] == [f"indicators[{effect - 1}]"]
    grid = build_layout(draft)
    labels = [c.text for c in sorted(grid.cells, key=lambda c: c.row) if c.col == 1
              and c.role == "label" and c.text.startswith(("产出指标", "效果指标"))]
    assert labels[-1] == "效果指标"
    assert labels[0].startswith("产出指标一")


def test_every_check_is_explained_in_the_help_page():
    import re
    from pathlib import Path

    from declapp.system.paths import resource_path

    source = "".join(p.read_text(encoding="utf-8")
                     for p in (Path(__file__).parents[1] / "declapp" / "checks").glob("*.py"))
    ids = set(re.findall(r'"([a-z0-9]+(?:-[a-z0-9]+)+)",\s*(?:ERROR|WARNING)', source))
    ids |= set(re.findall(r'Finding\(\s*"([a-z0-9]+(?:-[a-z0-9]+)+)"', source))
    assert len(ids) > 25  # the scan finds the checks
    page = resource_path("help", "help.html").read_text(encoding="utf-8")
    assert sorted(i for i in ids if i not in page) == []
    # The ids made from a kind of 一级指标, and the …-missing of a required field.
    from declapp.checks.catalog import CHECK_IDS, MISSING_SUFFIX

    assert sorted(i for i in CHECK_IDS if i not in page) == []
    assert f"…{MISSING_SUFFIX}" in page


def _scanned_check_ids() -> set[str]:
    import re
    from pathlib import Path

    source = "".join(p.read_text(encoding="utf-8")
                     for p in (Path(__file__).parents[1] / "declapp" / "checks").glob("*.py")
                     if p.name != "catalog.py")
    ids = set(re.findall(r'"([a-z0-9]+(?:-[a-z0-9]+)+)",\s*(?:ERROR|WARNING)', source))
    return ids | set(re.findall(r'Finding\(\s*"([a-z0-9]+(?:-[a-z0-9]+)+)"', source))


def test_the_catalog_lists_every_check_the_rules_give():
    """A new check is added to declapp/checks/catalog.py: a template may then turn it
    off, and ``declapp template check`` knows it."""
    from declapp.checks.catalog import FIXED_IDS

    assert sorted(_scanned_check_ids() - FIXED_IDS) == []
    assert sorted(FIXED_IDS - _scanned_check_ids()) == []


def test_ids_made_from_the_form_are_the_ones_the_checks_give():
    from declapp.checks.catalog import form_check_ids, unknown_disabled
    from declapp.form.templates import load_template

    form = load_template("project-2011")
    draft = form.new_draft(2024)
    given = {f.id for f in check_draft(draft, form)}
    assert {"name-missing", "department-missing", "implementer-missing", "kind-missing",
            "period-missing", "goals-missing"} <= given
    assert given <= form_check_ids(form)
    assert unknown_disabled(form) == []
    from dataclasses import replace

    turned_off = replace(form, checks=replace(form.checks, disabled=frozenset(
        {"period-missing", "vague-word", "notes-missing"})))
    # notes is not printed on this form: nothing checks it, so it cannot be turned off
    assert unknown_disabled(turned_off) == ["notes-missing", "vague-word"]
    assert "period-missing" not in {f.id for f in check_draft(draft, turned_off)}


def test_text_an_import_could_not_place_is_pointed_at_until_moved(example_draft):
    from declapp.form.text import UNPLACED_MARKER

    example_draft.texts["notes"] = f"无\n{UNPLACED_MARKER}\n部门（单位）地址：西城区展览路"
    found = [f for f in check_draft(example_draft) if f.id == "import-unplaced"]
    assert [(f.location, f.highlight) for f in found] == [("notes", UNPLACED_MARKER)]
    example_draft.texts["notes"] = "无"
    assert not any(f.id == "import-unplaced" for f in check_draft(example_draft))


def test_the_same_indicator_twice_in_one_category_is_a_warning(example_draft):
    items = example_draft.indicators[0].categories[0].items
    assert not any(f.id == "item-duplicate" for f in check_draft(example_draft))
    copy = Item(**{f: getattr(items[0], f) for f in ITEM_FIELDS})
    copy.content = copy.content.replace("，", "， ") + "\n"  # spaces and breaks aside
    items.append(copy)
    found = [f for f in check_draft(example_draft) if f.id == "item-duplicate"]
    assert [(f.severity, f.location) for f in found] == [
        (WARNING, f"indicators[0].categories[0].items[{len(items) - 1}].content")]
    assert f"第 {len(items)} 项与第 1 项完全相同" in found[0].message
    # The same indicator in another category is not a duplicate; blank items never are.
    items.pop()
    example_draft.indicators[0].categories[1].items.append(copy)
    items.extend([Item(), Item()])
    assert not any(f.id == "item-duplicate" for f in check_draft(example_draft))


def test_duplicates_are_found_in_one_pass_over_a_long_category(example_draft, monkeypatch):
    # Each item against every earlier one took minutes for a draft at the format's limit.
    from declapp.checks import indicator_rules
    from declapp.indicators import wording

    keys = 0
    real_key = wording.indicator_key

    def counted(item):
        nonlocal keys
        keys += 1
        return real_key(item)

    monkeypatch.setattr(wording, "indicator_key", counted)
    monkeypatch.setattr(indicator_rules, "indicator_key", counted, raising=False)
    items = example_draft.indicators[0].categories[0].items
    items[:] = [Item(content=f"指标 {n}", value=f"{n}个") for n in range(400)] + [Item()] * 400
    items.append(Item(content="指标 7", value="7个"))
    found = [f for f in check_draft(example_draft) if f.id == "item-duplicate"]
    assert [f.location for f in found] == ["indicators[0].categories[0].items[800].content"]
    assert "第 801 项与第 8 项完全相同" in found[0].message
    printed = sum(len(c.items) - c.items.count(Item()) for g in example_draft.indicators
                  for c in g.categories)
    assert keys <= printed
