"""Last year's figures still in next year's form (see ``declapp.form.carry_over``)."""

from __future__ import annotations

import re
from collections.abc import Iterator

from declapp.checks.findings import WARNING, CheckContext, Finding
from declapp.form import locations as loc
from declapp.form.amount_names import amount_name
from declapp.form.carry_over import carried_items
from declapp.form.money import format_amount

_FIGURE = re.compile(r"[0-9０-９][0-9０-９,，.．]*")


def carried_over(ctx: CheckContext) -> Iterator[Finding]:
    draft, form = ctx.draft, ctx.form
    for key in form.amount_ids():
        if key in draft.carried:
            amount = format_amount(draft.amount(key))
            yield Finding(
                "carried-amount", WARNING,
                f"“{amount_name(form, key, draft)}”{amount} 万元是从上一年度草稿带来的金额，"
                f"请核对并改为 {draft.year} 年度的数（修改或重新输入后此提示消失）。",
                key, amount, theme=f"以下金额是从上一年度草稿带来的，请核对并改为 {draft.year} "
                "年度的数（修改或重新输入后此提示消失）。")
    labels = {part.id: part.group_labels(draft.trees.get(part.id, [])) for part in form.trees()}
    for tree, gi, ci, ii, item in carried_items(draft):
        groups = draft.trees[tree]
        category = groups[gi].categories[ci].name.strip() or "二级指标"
        attr = next((a for a in ("content", "value", "name") if _FIGURE.search(getattr(item, a))),
                    "content")
        figure = _FIGURE.search(getattr(item, attr))
        group = labels[tree][gi] if tree in labels else groups[gi].name
        yield Finding(
            "carried-cost", WARNING,
            f"{group} 的“{category}”第 {ii + 1} 项中的数字是从上一年度草稿带来的，"
            f"请核对并改为 {draft.year} 年度的（修改后此提示消失）。",
            loc.item(gi, ci, ii, attr, tree), figure.group(0) if figure else "",
            theme=f"以下指标中的数字是从上一年度草稿带来的，请核对并改为 {draft.year} "
            "年度的（修改后此提示消失）。")


RULES = [carried_over]
