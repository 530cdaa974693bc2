"""Rules on the tables a template declares (年度主要任务): amounts that are numbers, a
total that is the sum of its parts in every row, required cells, and at least one row."""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal

from declapp.checks.findings import ERROR, WARNING, CheckContext, Finding
from declapp.checks.form_rules import amount_problem
from declapp.form import locations as loc
from declapp.form.definition import TablePart, strip_colon
from declapp.form.money import exact_difference, exact_sum, format_wanyuan, parse_amount
from declapp.form.text import is_blank


def _amount(text: str) -> Decimal | None:
    try:
        return parse_amount(text)
    except ValueError:
        return None


def _table(ctx: CheckContext, part: TablePart) -> Iterator[Finding]:
    rows = ctx.draft.tables.get(part.id, [])
    name = strip_colon(part.label)
    if not rows:
        yield Finding("table-empty", WARNING, f"“{name}”还没有填写任何{part.row_name}。", part.id)
    for r, row in enumerate(rows):
        where = f"“{name}”第 {r + 1} 行"
        if all(is_blank(v) for v in row.values()):
            yield Finding("table-row-empty", WARNING, f"{where}是空的。", loc.cell(part.id, r))
            continue
        amounts: dict[str, Decimal] = {}
        for column in part.columns:
            text = row.get(column.key, "")
            at = loc.cell(part.id, r, column.key)
            if column.required and is_blank(text):
                yield Finding("table-cell-missing", ERROR,
                              f"{where}没有填写“{strip_colon(column.label)}”。", at)
            if column.is_amount and not is_blank(text):
                amount = _amount(text)
                problem = "不是数字" if amount is None else amount_problem(amount)
                if problem:
                    yield Finding("amount-invalid", ERROR,
                                  f"{where}的“{strip_colon(column.label)}”金额{problem}："
                                  f"{text.strip()}。", at)
                elif amount is not None:
                    amounts[column.key] = amount
        for column in part.columns:
            if not column.sum_of or column.key not in amounts:
                continue
            parts = exact_sum(amounts.get(k, Decimal(0)) for k in column.sum_of)
            if amounts[column.key] != parts:
                names = " + ".join(strip_colon(c.label) for c in part.columns
                                   if c.key in column.sum_of)
                total = amounts[column.key]
                diff = format_wanyuan(exact_difference(total, parts))
                yield Finding(
                    "table-row-sum", ERROR,
                    f"{where}的{strip_colon(column.label)} {format_wanyuan(total)} 不等于 "
                    f"{names} 之和 {format_wanyuan(parts)}（相差 {diff}）。",
                    loc.cell(part.id, r, column.key))


def tables(ctx: CheckContext) -> Iterator[Finding]:
    for part in ctx.form.tables():
        yield from _table(ctx, part)


RULES = [tables]
