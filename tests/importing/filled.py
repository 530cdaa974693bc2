"""A filled draft of any template, made from its definition: every field, amount, table
and indicator tree holds realistic text, so that a test can export it, type it by hand,
import it and compare field by field.

``filled_draft(template_id)`` fills what the form prints (and the fields it keeps but
does not print). Amounts add up as the form wants them (each 合计 the sum of its section,
totals that must agree do); table amounts that are sums are sums; 指标权重 add up to the
total the template checks. Indicators are structured (name, sign, value, unit, and the
columns the template prints) where the form prints one row per indicator, free text
(content and value) where it numbers them in one cell per 二级指标.
"""

from __future__ import annotations

import random
from decimal import Decimal

from declapp.form.definition import (
    AmountsPart,
    FieldDef,
    FormDefinition,
    IndicatorsPart,
    TablePart,
    amount_id,
)
from declapp.form.model import OP_EQ, OP_GE, OP_LE, OP_QUALITATIVE, Draft, Group, Item
from declapp.form.money import format_amount
from declapp.form.templates import load_template

PHRASES = (
    "坚持以人民为中心的发展思想", "持续提升城市精细化管理水平", "落实街巷长制和小巷管家工作机制",
    "推进背街小巷环境整治提升", "加强垃圾分类全流程管理", "完善社区养老服务驿站布局",
    "做好困难群众基本生活保障", "强化安全生产隐患排查治理", "推动老旧小区综合整治",
    "开展文明城区创建工作", "深化接诉即办改革", "提高市民诉求解决率和满意率",
    "严格执行各项政策标准", "确保资金使用规范有效", "加强基层党组织建设",
)
# (name, op, value, unit) of structured indicators, as published forms state them.
INDICATORS = (
    ("背街小巷整治条数", OP_GE, "12", "条"), ("垃圾分类覆盖率", OP_GE, "95", "%"),
    ("培训人次", OP_GE, "200", "人次"), ("项目验收合格率", OP_EQ, "100", "%"),
    ("工作完成时限", OP_QUALITATIVE, "按期完成", ""), ("养老驿站建成数", OP_EQ, "3", "个"),
    ("项目成本", OP_LE, "120.5", "万元"), ("安全生产事故", OP_LE, "0", "起"),
    ("群众生活环境", OP_QUALITATIVE, "明显改善", ""), ("接诉即办解决率", OP_GE, "90", "%"),
    ("政策知晓率", OP_GE, "85", "%"), ("服务对象满意度", OP_GE, "90", "%"),
)
NAMES = {"person": ("张三", "李四", "王五"), "phone": ("010-66001234", "027-88123456"),
         "date": ("{year}年3月15日", "{year}年1月20日")}
UNIT_NAMES = ("北京市西城区人民政府展览路街道办事处", "某某县农业农村局", "某某区教育委员会")


def sentence(rng: random.Random, length: int = 40) -> str:
    parts: list[str] = []
    while sum(map(len, parts)) < length:
        parts.append(rng.choice(PHRASES) + rng.choice("，，；"))
    return "".join(parts)[:-1] + "。"


def paragraphs(rng: random.Random, count: int = 2, length: int = 60) -> str:
    return "\n".join(sentence(rng, length) for _ in range(count))


def _text(f: FieldDef, rng: random.Random, year: int) -> str:
    if f.role == "unit_name":
        return rng.choice(UNIT_NAMES)
    if f.role == "notes":
        return "无。"
    if f.type in NAMES:
        return rng.choice(NAMES[f.type]).format(year=year - 1)
    if f.type == "choice":
        return rng.choice(f.options)
    if f.type == "longtext":
        return paragraphs(rng, rng.randint(2, 3))
    return sentence(rng, rng.randint(8, 16)).rstrip("。")


def _money(rng: random.Random, low: int = 50, high: int = 5000) -> Decimal:
    return Decimal(rng.randint(low * 100, high * 100)) / 100


def _fill_amounts(draft: Draft, part: AmountsPart, rng: random.Random) -> None:
    agree = {b: a for a, b in part.agree} | {a: b for a, b in part.agree}
    made: dict[str, Decimal] = {}
    for column in (c for c in part.columns if c.stored):
        for section in part.sections:
            total = section.total
            partner = agree.get(total.id) if total else None
            target = made.get(amount_id(partner, column.key)) if partner else None
            values = [_money(rng) for _ in section.parts]
            if target is not None and values:
                values[-1] = target - sum(values[:-1], Decimal(0))
                if values[-1] <= 0:  # the first share too big: split the target evenly
                    share = (target / len(values)).quantize(Decimal("0.01"))
                    values = [share] * (len(values) - 1)
                    values.append(target - sum(values, Decimal(0)))
            for row, value in zip(section.parts, values, strict=True):
                draft.amounts[amount_id(row.id, column.key)] = value
            if total is not None:
                at = amount_id(total.id, column.key)
                draft.amounts[at] = made[at] = sum(values, Decimal(0))


def _fill_table(draft: Draft, part: TablePart, rng: random.Random, rows: int = 3) -> None:
    table = []
    for n in range(rows):
        row: dict[str, str] = {}
        for column in part.columns:
            if column.is_amount and not column.sum_of:
                row[column.key] = format_amount(_money(rng, 10, 800))
            elif column.type == "longtext":
                row[column.key] = paragraphs(rng, 2, 30)
            elif not column.is_amount:
                row[column.key] = f"{rng.choice(PHRASES)}（{n + 1}）"
        for column in part.columns:
            if column.sum_of:
                row[column.key] = format_amount(sum(
                    (Decimal(row[k]) for k in column.sum_of), Decimal(0)))
        table.append(row)
    draft.tables[part.id] = table


def structured_item(part: IndicatorsPart, rng: random.Random, n: int,
                    adjusted: str = "") -> Item:
    """An indicator with every column *part* prints filled (*adjusted*: the column of an
    adjusted target, which a later stage prints under the declared one)."""
    name, op, value, unit = INDICATORS[n % len(INDICATORS)]
    item = Item(name=name, op=op, value=value, unit=unit)
    keys = {c.key for c in part.columns}
    if "explanation" in keys:
        item.explanation = f"反映{name}情况。"
    if "scoring" in keys:
        item.scoring = "完成得满分，未完成按比例扣分。"
    if "content" in keys or ("value" not in keys and "items" in keys):
        item.content = sentence(rng, 20)
    for column in part.extra_columns:
        if column.is_computed:
            continue  # the program works it out
        if column.key == adjusted:  # an adjusted target: now and then, a number
            item.extra[column.key] = rng.choice(("", "", str(rng.randint(2, 30))))
            continue
        item.extra[column.key] = (rng.choice(column.options) if column.options else
                                  str(rng.randint(5, 15)) if column.type == "number" else
                                  rng.choice(("", "无", "按季度统计", "已完成")))
    return item


def free_item(rng: random.Random) -> Item:
    return Item(content=sentence(rng, rng.randint(15, 40)),
                value=rng.choice(("≥95%", "100%", "按期完成", "12次", "")))


def _fill_tree(draft: Draft, part: IndicatorsPart, form: FormDefinition,
               rng: random.Random) -> None:
    groups: list[Group] = []
    for kind in part.groups:
        for number in range(2 if kind.repeat else 1):
            name = rng.choice(("城市管理和环境建设", "民生服务和保障", "社区建设")) \
                if kind.named else ""
            groups.append(part.new_group(kind.kind, name))
            del number
    counter = 0
    for group in groups:
        for category in group.categories:
            count = 6 if part.levels == 1 else rng.randint(1, 3)
            items = []
            for _ in range(count):
                adjusted = form.scoring.adjusted_column if form.scoring else ""
                items.append(structured_item(part, rng, counter, adjusted)
                             if part.levels != 2 else free_item(rng))
                counter += 1
            category.items = items
    weights = form.checks.weights_column
    if weights and form.checks.weights_total is not None and part.column(weights):
        every = [i for g in groups for c in g.categories for i in c.items]
        share = int(form.checks.weights_total) // len(every)
        for item in every:
            item.extra[weights] = str(share)
        every[-1].extra[weights] = str(int(form.checks.weights_total) - share * (len(every) - 1))
    draft.trees[part.id] = groups


def filled_draft(template: str, year: int = 2021, seed: int = 7) -> Draft:
    """A draft of *template* with every field, amount, table and tree filled."""
    form = load_template(template)
    rng = random.Random(f"{template}-{seed}")
    draft = form.new_draft(year)
    for f in form.text_fields():
        draft.texts[f.id] = _text(f, rng, year)
    for f in form.fields():
        if f.is_amount and f.id not in {r.id for p in form.amount_parts() for r in p.rows}:
            draft.amounts[f.id] = _money(rng, 1000, 90000)
    for part in form.amount_parts():
        _fill_amounts(draft, part, rng)
    for table in form.tables():
        _fill_table(draft, table, rng)
    for tree in form.trees():
        _fill_tree(draft, tree, form, rng)
    return draft


# The declaration forms (申报), then the forms of the year's later stages (监控, 自评).
DECLARATIONS = ("xicheng-2019", "xicheng-2021", "hunan-2023", "chongqing-2022", "hubei-2021",
                "national-2015", "project-2011")
STAGES = ("monitor-department", "monitor-project", "selfeval-department", "selfeval-project")
TEMPLATES = DECLARATIONS + STAGES
