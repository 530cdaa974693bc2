"""What a form typed into the wrong cells shows (issue 18): a 三级指标 name of several lines
(several indicators in one cell, or the content typed into the name) and a form whose
amounts are all zero (its figures never typed, or typed where no amount is kept)."""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal

from declapp.checks.findings import WARNING, CheckContext, Finding
from declapp.form import locations as loc
from declapp.form.amount_names import amount_name
from declapp.form.money import parse_amount
from declapp.form.text import clean_text, is_blank


def name_lines(ctx: CheckContext) -> Iterator[Finding]:
    """A 三级指标 name is one line: the budget system takes one, the form prints one."""
    for part in ctx.form.trees():
        for gi, group in enumerate(ctx.draft.trees.get(part.id, [])):
            for ci, category in enumerate(group.categories):
                for ii, item in enumerate(category.items):
                    lines = [t for t in clean_text(item.name).split("\n") if not is_blank(t)]
                    if len(lines) > 1:
                        yield Finding(
                            "indicator-name-lines", WARNING,
                            f"三级指标名称“{lines[0].strip()[:12]}…”有 {len(lines)} 行：名称应是"
                            "一行。几项指标挤在一格里时请分成几项，指标内容请写在指标内容或"
                            "指标值里。", loc.item(gi, ci, ii, "name", part.id))


def _table_amounts(ctx: CheckContext) -> list[tuple[str, Decimal]]:
    found = []
    for table in ctx.form.tables():
        for row in ctx.draft.tables.get(table.id, []):
            for column in (c for c in table.columns if c.is_amount):
                text = row.get(column.key, "")
                try:
                    found.append((table.id, parse_amount(text) if text.strip() else
                                  Decimal(0)))
                except ValueError:
                    found.append((table.id, Decimal(1)))  # not zero; the table rules say why
    return found


def amounts_all_zero(ctx: CheckContext) -> Iterator[Finding]:
    """Every amount the form keeps is 0: its figures were never typed (or, in an imported
    form, stood where the form keeps none)."""
    form, draft = ctx.form, ctx.draft
    fields = form.amount_ids()
    tables = _table_amounts(ctx)
    if not fields and not form.tables():
        return  # a form without amounts (湖南)
    if any(draft.amount(k) != 0 for k in fields) or any(a != 0 for _t, a in tables):
        return
    where = next((p.id for p in form.amount_parts()), "") or (fields[0] if fields else "") \
        or next((t.id for t in form.tables() if any(c.is_amount for c in t.columns)), "")
    if not where:
        return
    name = amount_name(form, where, draft)
    yield Finding("amounts-all-zero", WARNING,
                  f"“{name}”中的金额全部为 0：请填写金额（以万元计）。", where)


RULES = [name_lines, amounts_all_zero]
