"""Rules on the fields and amounts of the form, as its template declares them."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from decimal import Decimal

from declapp.checks.catalog import missing_id
from declapp.checks.findings import ERROR, WARNING, CheckContext, Finding
from declapp.form.amount_names import amount_name
from declapp.form.definition import STAGES, amount_id, strip_colon
from declapp.form.model import YEAR_MAX, YEAR_MIN
from declapp.form.money import (
    MAX_AMOUNT,
    MAX_DECIMALS,
    decimals,
    exact_difference,
    exact_sum,
    format_wanyuan,
)
from declapp.form.templates import all_templates
from declapp.form.text import SWITCH_MARKER, UNPLACED_MARKER, is_blank

_DATE = re.compile(r"\d{4}\s*(?:年\s*\d{1,2}\s*月\s*\d{1,2}\s*日?|[-./]\d{1,2}[-./]\d{1,2})")
_NOTHING = {"无", "无。", "暂无", "没有", "/", "—", "-"}
# The form has no empty rows: where there is nothing to say, the clerk writes 无. The
# window's placeholder for 其他说明的问题 says the same words as the check.
NOTES_HINT = "没有需要说明的问题时，请填写“无”。"
# A department's full name is some 10–40 characters; far longer is a paste gone wrong,
# and is cut in file names and document properties.
NAME_MAX_CHARS = 60

_PHONE = re.compile(
    r"(?:\+?86|0086)?"  # country code
    r"(?:"
    r"1[3-9]\d{9}"  # mobile
    r"|(?:\(?0?\d{2,3}\)?)?[2-9]\d{6,7}(?:转\d{1,6})?"  # landline, area code, extension
    r")"
)
_PHONE_LIST = re.compile(r"[、，,;；/]|\s{2,}")
_DIGIT_GROUPS = re.compile(r"(?<=[\d)])[\s\-－—]+(?=[\d(])")


def _phone_forms(part: str) -> list[str]:
    """A number with its digit groups joined; a trailing "-8001" may be an extension."""
    joined = _DIGIT_GROUPS.sub("", part)
    forms = [joined]
    head, sep, tail = part.rpartition("-")
    if sep and tail.isdigit() and len(tail) <= 6:
        forms.append(_DIGIT_GROUPS.sub("", head) + "转" + tail)
    return forms


def looks_like_phone(text: str) -> bool:
    """``010-68321234``, ``010－68321234``, ``138 1234 5678``, ``68321234转123``,
    ``0086-10-68321234``, several joined by ``、``."""
    text = unicodedata.normalize("NFKC", text).strip()  # full-width digits and signs
    if text in _NOTHING:
        return True
    parts = [p.strip() for p in _PHONE_LIST.split(text) if p.strip()]
    return bool(parts) and all(
        any(_PHONE.fullmatch(form) for form in _phone_forms(p)) for p in parts)


def fields(ctx: CheckContext) -> Iterator[Finding]:
    """Required fields, the unit's name, the year, the phone and the date, choices."""
    draft, form = ctx.draft, ctx.form
    notes = form.with_role("notes")
    for f in form.text_fields():
        value = draft.text(f.id)
        if not f.printed:
            continue
        if is_blank(value):
            if f.required == "error":
                yield Finding(missing_id(f.id), ERROR, f"未填写{f.name}。", f.id)
            elif f.required == "warning":
                hint = NOTES_HINT if notes is not None and f.id == notes.id else \
                    "没有内容时请填写“无”。"
                yield Finding("row-empty", WARNING, f"“{f.name}”未填写：{hint}", f.id)
            continue
        if f.type == "phone" and not looks_like_phone(value):
            yield Finding("phone-format", WARNING,
                          f"{f.name}“{value.strip()}”看起来不像电话号码。", f.id)
        elif f.type == "date" and not looks_like_date(value):
            yield Finding("date-format", WARNING,
                          f"{f.name}“{value.strip()}”看起来不像日期（如 2021年3月15日）。", f.id)
        elif f.type == "choice" and value.strip() not in f.options:
            yield Finding("choice-invalid", ERROR,
                          f"{f.name}应为 {'、'.join(f.options)} 之一，现在是“{value.strip()}”。",
                          f.id)
    unit = form.with_role("unit_name")
    if unit is not None and len(draft.text(unit.id).strip()) > NAME_MAX_CHARS:
        yield Finding("name-too-long", WARNING,
                      f"{unit.name}有 {len(draft.text(unit.id).strip())} 个字，超过 "
                      f"{NAME_MAX_CHARS} 个字：请只填写单位全称。名称过长时，导出文件名和文档属性"
                      "中的名称会被截短。", unit.id)
    if not YEAR_MIN <= draft.year <= YEAR_MAX:
        yield Finding("year-range", ERROR,
                      f"年度 {draft.year} 不在 {YEAR_MIN}–{YEAR_MAX} 之间。", "year")
    if notes is not None:
        text = draft.text(notes.id)
        if UNPLACED_MARKER in text:
            yield Finding("import-unplaced", WARNING,
                          f"“{notes.name}”中有导入时未能归入栏目的内容：请把它移到正确的位置，"
                          "再删去标记行。", notes.id, UNPLACED_MARKER)
        if SWITCH_MARKER in text:
            yield Finding("switch-unplaced", WARNING,
                          f"“{notes.name}”中有更换模板时没有对应栏目的内容：请把它移到正确的"
                          "位置或删去，再删去标记行。", notes.id, SWITCH_MARKER)


def looks_like_date(text: str) -> bool:
    """``2021年3月15日``, ``2021-03-15``, ``2021.3.15``, ``2021/3/15``."""
    text = unicodedata.normalize("NFKC", text).strip()
    return bool(_DATE.fullmatch(text))


def amount_problem(amount: object) -> str | None:
    """What is wrong with an amount as the form takes it, or None."""
    if not isinstance(amount, Decimal) or not amount.is_finite():
        return "不是数字"
    if amount < 0:
        return "不能为负数"
    if decimals(amount) > MAX_DECIMALS:
        return f"小数位数超过 {MAX_DECIMALS} 位"
    if amount > MAX_AMOUNT:
        return "大于一万亿万元，很可能是输入错误"
    return None


def funds(ctx: CheckContext) -> Iterator[Finding]:
    """Every amount valid; each 合计 the sum of its section; totals that must agree do."""
    draft, form = ctx.draft, ctx.form
    valid = True
    for key in form.amount_ids():
        amount = draft.amount(key)
        problem = amount_problem(amount)
        if problem:
            valid = False
            yield Finding("amount-invalid", ERROR,
                          f"“{amount_name(form, key, draft)}”金额{problem}：{amount}。",
                          key)
    if not valid:
        return
    for part in form.amount_parts():
        for column in (c for c in part.columns if c.stored):
            for section in part.sections:
                total = section.total
                if total is None or not section.parts:
                    continue
                at = amount_id(total.id, column.key)
                parts = [amount_id(r.id, column.key) for r in section.parts]
                subtotal = exact_sum(draft.amount(k) for k in parts)
                if draft.amount(at) != subtotal:
                    names = " + ".join(strip_colon(r.label) for r in section.parts)
                    diff = exact_difference(draft.amount(at), subtotal)
                    name = amount_name(form, at, draft)
                    yield Finding(
                        "total-mismatch", ERROR,
                        f"{name} {format_wanyuan(draft.amount(at))} 不等于 {names} 之和 "
                        f"{format_wanyuan(subtotal)}（相差 {format_wanyuan(diff)}）。"
                        + _kept_unprinted(ctx, total.id, column.key, name, diff,
                                          [strip_colon(r.label) for r in section.parts]),
                        at)
        for first, second in part.agree:
            a, b = draft.amount(first), draft.amount(second)
            if a != b:
                yield Finding(
                    "totals-disagree", ERROR,
                    f"{amount_name(form, first, draft)} {format_wanyuan(a)} 与 "
                    f"{amount_name(form, second, draft)} {format_wanyuan(b)} 应当相等"
                    f"（相差 {format_wanyuan(exact_difference(a, b))}）。", second)
    known = set(form.amount_ids())
    if form.stage != STAGES[0]:
        return  # a later stage keeps the declaration's amounts it does not print (转入)
    for key, amount in draft.amounts.items():
        if key not in known and amount != 0:
            yield Finding(
                "hidden-amount", WARNING,
                f"“{key}”填了 {format_wanyuan(amount)}，但当前模板（{form.name}）不打印这一行。",
                key)


def _kept_unprinted(ctx: CheckContext, total: str, column: str, name: str,
                    difference: Decimal, rows: list[str]) -> str:
    """Where a later stage's 合计 is off by amounts of the declaration it does not print
    (西城区 2019's 其他 on the 监控 form), what they are, so the clerk can see the cause."""
    draft, form = ctx.draft, ctx.form
    if form.stage == STAGES[0]:
        return ""
    known = set(form.amount_ids())
    block = total.rpartition(".")[0]
    kept = [(key, amount) for key, amount in draft.amounts.items()
            if key not in known and amount != 0 and key.rpartition(".")[0] == block
            and key.partition("@")[2] == column]
    # Named only when they are the whole difference: 湖北's kept 收入 rows are not parts.
    if exact_sum(amount for _key, amount in kept) != difference:
        kept = [(key, amount) for key, amount in kept if amount == difference][:1]
    if not kept:
        return ""
    shown = "、".join(f"“{_declared_label(key.partition('@')[0])}”{format_wanyuan(amount)}"
                     for key, amount in kept)
    return (f"申报表上的{shown}本表没有这一栏：请把它计入{'或'.join(rows)}，"
            f"或相应调整{name}。")


def _declared_label(row: str) -> str:
    """The label a bundled or clerk's template gives the amount *row*, else its id."""
    for other in all_templates():
        found = other.field(row)
        if found is not None and found.name:
            return found.name
    return row


RULES = [fields, funds]
