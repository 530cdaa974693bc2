"""Cost indicators (产出成本指标) against the funds: the sum, and each stated share."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from decimal import Decimal

from declapp.checks.findings import WARNING, CheckContext, Finding
from declapp.form import locations as loc
from declapp.form.amount_names import amount_name
from declapp.form.money import format_wanyuan
from declapp.indicators.wording import printed_text

# "成本控制在6416.19万元之内" – the first amount in 万元 an item states; "6,416.19" too.
_NUMBER = r"(\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)"
_AMOUNT = re.compile(_NUMBER + r"\s*万元")


def _share_pattern(budget: str) -> re.Pattern[str]:
    """"占全年项目支出总额的20.73%" – a share of the budget the template names."""
    return re.compile(rf"占[^。；;%％]*?{re.escape(budget)}[^。；;%％\d]*?(\d+(?:\.\d+)?)\s*[%％]")
# The real 2021 form rounds its shares to two decimals and adjusts them so that they
# add up to exactly 100.00%: the largest adjustment there is 0.0074 points.
SHARE_TOLERANCE = Decimal("0.01")


def _cost_items(ctx: CheckContext) -> Iterator[tuple[int, str, list[tuple[str, str]]]]:
    """(group index, group label, [(location, text)]) for each group that keeps cost
    indicators, in the main tree: the one of the year whose funds the template names (a
    project's 中期 indicators cost the whole period)."""
    part = ctx.form.tree()
    groups = ctx.draft.trees.get(part.id, [])
    labels = part.group_labels(groups)
    for gi, group in enumerate(groups):
        kind = part.group_kind(group.kind)
        if kind is None or not kind.cost_category:
            continue
        texts = []
        for ci, category in enumerate(group.categories):
            if category.name.strip() != kind.cost_category:
                continue
            for ii, item in enumerate(category.items):
                attr = "value" if item.is_structured else "content"
                # Full-width digits and commas read as half-width; content and value
                # apart, so "…3" and "5万元" do not run together into 35万元. A
                # structured item is read as it prints: "成本：≤6416.19万元" first.
                printed = printed_text(item) if item.is_structured else \
                    f"{item.content}\n{item.value}"
                texts.append((loc.item(gi, ci, ii, attr, part.id),
                              unicodedata.normalize("NFKC", printed)))
        yield gi, labels[gi], texts


def cost_indicators(ctx: CheckContext) -> Iterator[Finding]:
    budget = ctx.form.checks.cost_budget
    if not budget:
        return
    project = ctx.draft.amount(budget)
    budget_name = amount_name(ctx.form, budget, ctx.draft)
    # How an indicator writes the share: 占项目支出的17.25%, by the label as printed.
    share_in = _share_pattern(ctx.form.label(budget))
    if not isinstance(project, Decimal) or not project.is_finite() or project < 0:
        return
    stated_total = Decimal(0)
    groups_with_amount = groups_without_amount = 0
    first_location = ""
    for _gi, label, texts in _cost_items(ctx):
        group_has_amount = False
        for location, text in texts:
            match = _AMOUNT.search(text)
            if not match:
                continue
            amount = Decimal(match.group(1).replace(",", ""))
            stated_total += amount
            group_has_amount = True
            first_location = first_location or location
            share = share_in.search(text)
            if share and project > 0:
                stated = Decimal(share.group(1))
                actual = amount / project * 100
                if abs(stated - actual) > SHARE_TOLERANCE:
                    yield Finding(
                        "cost-share", WARNING,
                        f"{label} 的产出成本指标写占{budget_name} {stated}%，但 "
                        f"{format_wanyuan(amount)} ÷ {format_wanyuan(project)} = "
                        f"{actual.quantize(Decimal('0.01'))}%。", location)
        if group_has_amount:
            groups_with_amount += 1
        else:
            groups_without_amount += 1
    if not groups_with_amount:
        return
    complete = groups_without_amount == 0
    if (complete and stated_total != project) or (not complete and stated_total > project):
        scope = "各产出指标" if complete else "已写明金额的产出指标"
        yield Finding(
            "cost-sum", WARNING,
            f"{scope}的产出成本合计 {format_wanyuan(stated_total)}，"
            f"与{budget_name} {format_wanyuan(project)} 不一致"
            f"（相差 {format_wanyuan(stated_total - project)}）。", first_location)


RULES = [cost_indicators]
