"""Indicators as a reviewer (审核人员) reads them, and as the budget system takes them.

A structured item must have what the budget system (预算管理一体化) requires of a 三级指标:
a name, a sign, a value that is a number unless 定性, a unit for a number, and names and
values short enough to be typed in. Reviewers also send forms back for a percentage
above 100, a low satisfaction target, a missing satisfaction indicator, vague text
without any number, and a cost above the whole budget.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from decimal import Decimal
from functools import partial

from declapp.checks.findings import ERROR, WARNING, CheckContext, Finding
from declapp.form import locations as loc
from declapp.form.amount_names import amount_name
from declapp.form.definition import IndicatorsPart
from declapp.form.model import (
    NAME_MAX_CHARS,
    NUMERIC_OPS,
    OP_EQ,
    OP_GE,
    OP_GT,
    OP_LE,
    OP_LT,
    OP_QUALITATIVE,
    VALUE_MAX_CHARS,
    Category,
    Item,
)
from declapp.form.money import format_wanyuan
from declapp.indicators.measures import (
    half_width,
    measures_in,
    named_measures,
    parse_number,
    parse_value,
)

HUNDRED = Decimal(100)
SATISFACTION_FLOOR = Decimal(80)  # reviewers' rule of thumb, not a regulation
SATISFACTION_WORD = "满意度"
VAGUE_WORDS = ("较好", "明显", "有所", "进一步", "不断", "逐步")
VAGUE_MESSAGE = "审核时常被退回：请给出可衡量的指标值"
# 万元 per unit, for the amounts a cost indicator may state.
WANYUAN_PER_UNIT = {"万元": Decimal(1), "元": Decimal("0.0001"), "千元": Decimal("0.1"),
                    "亿元": Decimal(10000)}
_FIELD_NAMES = {"op": "计算符号", "unit": "计量单位", "explanation": "指标解释",
                "scoring": "评（扣）分标准"}
_DIGIT = re.compile(r"\d")

# tree, g, c, i, group label, category, item
Place = tuple[str, int, int, int, str, Category, Item]


def _items(ctx: CheckContext, tree: IndicatorsPart | None = None) -> Iterator[Place]:
    """Every item of every tree (or of *tree*); a place's location names its tree too."""
    for part in ctx.form.trees() if tree is None else [tree]:
        groups = ctx.draft.trees.get(part.id, [])
        labels = part.group_labels(groups)
        for gi, group in enumerate(groups):
            for ci, category in enumerate(group.categories):
                for ii, item in enumerate(category.items):
                    yield part.id, gi, ci, ii, labels[gi], category, item


def _is_percent(unit: str) -> bool:
    return unit.strip() in ("%", "％")


def _where(label: str, category: Category, ii: int) -> str:
    return f"{label} 的“{category.name.strip() or '二级指标'}”第 {ii + 1} 项"


def structured_fields(ctx: CheckContext) -> Iterator[Finding]:
    """What the budget system needs of each structured item."""
    for tree, gi, ci, ii, label, category, item in _items(ctx):
        at = partial(loc.item, gi, ci, ii, tree=tree)  # at("value") → …items[i].value
        if not item.is_structured:
            stray = [_FIELD_NAMES[f] for f in _FIELD_NAMES if getattr(item, f).strip()]
            if stray:
                yield Finding("indicator-name-missing", ERROR,
                              f"{_where(label, category, ii)}填了{'、'.join(stray)}，但没有三级指标"
                              "名称：没有名称的指标按自由文本打印，这些内容不会出现在表上。",
                              at("name"))
            continue
        name = item.name.strip()
        value = item.value.strip()
        if not item.op:
            yield Finding("indicator-op-missing", ERROR,
                          f"“{name}”没有计算符号（≥ ＞ ＝ ＜ ≤ 定性）。", at("op"))
        if not value:
            yield Finding("indicator-value-missing", ERROR, f"“{name}”没有指标值。", at("value"))
        elif item.op in NUMERIC_OPS and parse_number(value) is None:
            yield Finding("indicator-value-not-number", ERROR,
                          f"“{name}”的计算符号是 {item.op}，指标值应为数字，实际为“{value}”"
                          f"{not_number_hint(value)}。", at("value"))
        elif item.op in NUMERIC_OPS and not item.unit.strip():
            yield Finding("indicator-unit-missing", WARNING,
                          f"“{name}”的指标值 {value} 没有计量单位（如 %、项、人次、万元）。",
                          at("unit"))
        if len(name) > NAME_MAX_CHARS:
            yield Finding("indicator-name-long", WARNING,
                          f"三级指标名称“{name[:12]}…”有 {len(name)} 个字：一体化系统最多 "
                          f"{NAME_MAX_CHARS} 个字，录入时不会被接受。", at("name"))
        if len(value) > VALUE_MAX_CHARS:
            yield Finding("indicator-value-long", WARNING,
                          f"“{name}”的指标值有 {len(value)} 个字：一体化系统最多 "
                          f"{VALUE_MAX_CHARS} 个字，录入时不会被接受。", at("value"))


def not_number_hint(value: str) -> str:
    """How to mend a value that is not a number: ``≥95%`` → 计算符号 ≥，指标值 95，计量单位 %
    (the check's message and the indicator pane say the same)."""
    split = parse_value(value)
    if split is None or split.op == OP_QUALITATIVE:
        return "（不是数字的指标值请把计算符号选为“定性”）"
    parts = [f"计算符号 {split.op}"] if split.op != OP_EQ or value.lstrip()[:1] in "=＝" else []
    parts.append(f"指标值 {split.value}")
    if split.unit:
        parts.append(f"计量单位 {split.unit}")
    return f"（可改为：{'，'.join(parts)}）"


def _stated_values(item: Item) -> tuple[str, Decimal, str] | None:
    """(sign, number, unit) an item states as its 指标值: a structured item's fields, or a
    free-text item's value when it reads as one (``≥95%``)."""
    if item.is_structured:
        number = parse_number(item.value) if item.op in NUMERIC_OPS else None
        return (item.op, number, item.unit.strip()) if number is not None else None
    parsed = parse_value(item.value) if item.value.strip() else None
    if parsed is None or parsed.op not in NUMERIC_OPS:
        return None
    number = parse_number(parsed.value)
    return (parsed.op, number, parsed.unit) if number is not None else None


def percentages(ctx: CheckContext) -> Iterator[Finding]:
    """More than 100% asked for; a satisfaction target below what reviewers accept."""
    for tree, gi, ci, ii, label, category, item in _items(ctx):
        where = loc.item(gi, ci, ii, "value", tree)
        stated = _stated_values(item)
        name = item.name.strip() or item.content.strip()[:20] or _where(label, category, ii)
        if stated is not None and _is_percent(stated[2]):
            op, number, _unit = stated
            if (op == OP_GE and number > HUNDRED) or (op == OP_GT and number >= HUNDRED):
                yield Finding("indicator-percent-over-100", ERROR,
                              f"“{name}”要求 {op}{number}%：百分比不会超过 100%，"
                              "请核对指标值和计算符号。", where)
        for target, number, attr in _satisfaction_targets(item, stated):
            if number < SATISFACTION_FLOOR:
                yield Finding("satisfaction-low", WARNING,
                              f"“{target[:20]}”的目标值 {number}% 低于 {SATISFACTION_FLOOR}%："
                              "审核时一般要求满意度不低于 80%（这是审核人员的经验做法，"
                              "不是硬性规定）。", loc.item(gi, ci, ii, attr, tree))


def _satisfaction_targets(item: Item, stated: tuple[str, Decimal, str] | None
                          ) -> Iterator[tuple[str, Decimal, str]]:
    """(name, target %, attr) of each satisfaction target the item states at least."""
    if stated is not None:  # a structured item, or free text with a value such as ≥75%
        op, number, unit = stated
        name = item.name.strip() if item.is_structured else item.content.strip()
        if SATISFACTION_WORD in name and _is_percent(unit) and op not in (OP_LE, OP_LT):
            yield name, number, "value"
    elif not item.is_structured:  # "群众满意度达到75%以上" in running text
        for name, m in named_measures(item.content):
            target = parse_number(m.number)
            if SATISFACTION_WORD in name and m.unit == "%" and m.op not in (OP_LE, OP_LT) \
                    and target is not None:
                yield name, target, "content"


def satisfaction_category(ctx: CheckContext) -> Iterator[Finding]:
    """A group whose kind expects a satisfaction category (西城区's 效果指标: 服务对象满意度
    指标) without it, or with one that holds no item."""
    why = "：审核时通常要求至少有一项满意度指标（如“群众满意度 ≥90%”）。"
    for part in ctx.form.trees():
        groups = ctx.draft.trees.get(part.id, [])
        if part.optional and not any(c.items for g in groups for c in g.categories):
            continue
        labels = part.group_labels(groups)
        for gi, group in enumerate(groups):
            kind = part.group_kind(group.kind)
            wanted = kind.satisfaction_category if kind else ""
            if not wanted:
                continue
            found = [ci for ci, c in enumerate(group.categories) if c.name.strip() == wanted]
            if not found:
                yield Finding("satisfaction-missing", WARNING,
                              f"{labels[gi]} 没有“{wanted}”{why}", loc.group(gi, tree=part.id))
            for ci in found:
                if not group.categories[ci].items:
                    yield Finding("satisfaction-empty", WARNING,
                                  f"{labels[gi]} 的“{wanted}”没有具体指标{why}",
                                  loc.category(gi, ci, tree=part.id))


def vague_words(ctx: CheckContext) -> Iterator[Finding]:
    """A hint on free text that promises improvement without a single number."""
    for tree, gi, ci, ii, _label, _category, item in _items(ctx):
        if item.is_structured:
            continue
        text = f"{item.content}\n{item.value}"
        if _DIGIT.search(half_width(text)):
            continue
        found = [w for w in VAGUE_WORDS if w in text]
        if found:
            words = "".join(f"“{w}”" for w in found)
            attr = "content" if found[0] in item.content else "value"
            yield Finding("vague-words", WARNING,
                          f"{VAGUE_MESSAGE}（文中有{words}，却没有任何数字）。这是提示，不是错误。",
                          loc.item(gi, ci, ii, attr, tree), highlight=found[0],
                          theme=f"{VAGUE_MESSAGE}：以下指标只有“进一步”“不断”一类说法，没有任何数字。"
                          "这是提示，不是错误。")


def _amounts(item: Item) -> list[Decimal]:
    """The amounts in 万元 a cost item states."""
    if item.is_structured:
        number = parse_number(item.value) if item.op in NUMERIC_OPS else None
        rate = WANYUAN_PER_UNIT.get(item.unit.strip())
        return [number * rate] if number is not None and rate is not None else []
    found = []
    for m in measures_in(f"{item.content}\n{item.value}"):
        rate = WANYUAN_PER_UNIT.get(m.unit)
        if rate is not None:
            found.append(Decimal(m.number) * rate)
    return found


def cost_categories(ctx: CheckContext, tree: str) -> dict[int, str]:
    """Each group of *tree* that keeps cost indicators (产出成本指标), with that category's
    name."""
    part = ctx.form.find_tree(tree)
    found: dict[int, str] = {}
    for gi, group in enumerate(ctx.draft.trees.get(tree, [])):
        kind = part.group_kind(group.kind) if part else None
        if kind is not None and kind.cost_category:
            found[gi] = kind.cost_category
    return found


def cost_above_total(ctx: CheckContext) -> Iterator[Finding]:
    """A 产出成本指标 amount above 资金总额: a typo, or 元 written as 万元."""
    budget = ctx.form.checks.total_budget
    if not budget or "cost-over-total" in ctx.form.checks.disabled:
        return
    total = ctx.draft.amount(budget)
    if not isinstance(total, Decimal) or not total.is_finite() or total <= 0:
        return  # no total yet: the funds rules say so
    name = amount_name(ctx.form, budget, ctx.draft)
    costs = {part.id: cost_categories(ctx, part.id) for part in ctx.form.trees()}
    # The main tree only: a project's 中期 indicators cost the whole period, not the year.
    for tree, gi, ci, ii, label, category, item in _items(ctx, ctx.form.tree()):
        if category.name.strip() != costs[tree].get(gi):
            continue
        over = [a for a in _amounts(item) if a > total]
        if over:
            attr = "value" if item.is_structured else "content"
            yield Finding("cost-over-total", ERROR,
                          f"{label} 的{category.name.strip().removesuffix('指标')} "
                          f"{format_wanyuan(max(over).normalize())} 超过{name} "
                          f"{format_wanyuan(total)}：成本不会高于全部资金，请核对金额和单位"
                          "（元还是万元）。", loc.item(gi, ci, ii, attr, tree))


def _weight(text: str) -> Decimal | None:
    number = parse_number(text.strip()) if text.strip() else None
    return number


def weights(ctx: CheckContext) -> Iterator[Finding]:
    """The 权重 of a tree's items add up to what the template says (重庆: 100)."""
    column, wanted = ctx.form.checks.weights_column, ctx.form.checks.weights_total
    if not column or wanted is None:
        return
    for part in ctx.form.trees():
        found = part.column(column)
        label = found.label if found is not None else column
        total, count = Decimal(0), 0
        for tree, gi, ci, ii, _label, _category, item in _items(ctx, part):
            text = item.extra.get(column, "")
            weight = _weight(text)
            at = loc.item(gi, ci, ii, column, tree)
            if text.strip() and weight is None:
                yield Finding("weight-invalid", ERROR,
                              f"第 {count + 1} 项指标的{label}“{text.strip()}”不是数。", at)
            elif not text.strip() and not item.is_blank:
                yield Finding("weight-missing", WARNING,
                              f"第 {count + 1} 项指标没有填写{label}。", at)
            total += weight or 0
            count += 1
        if count and total != wanted:
            yield Finding("weights-total", ERROR,
                          f"各项指标的{label}合计 {total.normalize():f}，应为 {wanted:f}"
                          f"（相差 {(total - wanted).normalize():f}）。", part.id)


# Money written as 指标值 with a unit that is not money (湖南's published forms: 30万元, %).
_MONEY_IN_VALUE = re.compile(r"\d\s*(?:万元|千元|亿元|元)")


def value_units(ctx: CheckContext) -> Iterator[Finding]:
    """A unit on a 定性 value; money in 指标值 whose unit is not money."""
    for tree, gi, ci, ii, _label, _category, item in _items(ctx):
        if not item.is_structured:
            continue
        name = item.name.strip()
        unit = item.unit.strip()
        if item.op == OP_QUALITATIVE and unit:
            yield Finding("qualitative-unit", WARNING,
                          f"“{name}”是定性指标（{item.value.strip() or '没有指标值'}），"
                          f"不应有计量单位“{unit}”。", loc.item(gi, ci, ii, "unit", tree))
        if _MONEY_IN_VALUE.search(half_width(item.value)) and unit not in WANYUAN_PER_UNIT:
            yield Finding("value-unit-mismatch", WARNING,
                          f"“{name}”的指标值“{item.value.strip()}”是金额，计量单位却是"
                          f"“{unit or '空'}”：请把金额单位写在计量单位里。",
                          loc.item(gi, ci, ii, "value", tree))


RULES = [structured_fields, value_units, percentages, satisfaction_category, vague_words,
         cost_above_total, weights]
