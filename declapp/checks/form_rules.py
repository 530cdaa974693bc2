"""Rules on the head of the form: department, year and funds."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from decimal import Decimal

from declapp.checks.findings import ERROR, WARNING, CheckContext, Finding
from declapp.form import locations as loc
from declapp.form.model import FUND_FIELDS, YEAR_MAX, YEAR_MIN
from declapp.form.money import MAX_AMOUNT, MAX_DECIMALS, decimals, exact_difference, format_wanyuan
from declapp.form.text import UNPLACED_MARKER, is_blank

# Rows the template may show that a clerk must not leave blank (the form says 无).
_MUST_SAY_SOMETHING = (
    (loc.department("head"), "head"),
    (loc.department("phone"), "phone"),
    (loc.department("functions"), "functions"),
    ("notes", "notes"),
)
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


def department_and_goals(ctx: CheckContext) -> Iterator[Finding]:
    draft, profile = ctx.draft, ctx.profile
    name = draft.department.name
    if is_blank(name):
        yield Finding("name-missing", ERROR, "未填写部门（单位）名称。", loc.department("name"))
    elif len(name.strip()) > NAME_MAX_CHARS:
        yield Finding("name-too-long", WARNING,
                      f"部门（单位）名称有 {len(name.strip())} 个字，超过 {NAME_MAX_CHARS} 个字："
                      "请只填写单位全称。名称过长时，导出文件名和文档属性中的名称会被截短。",
                      loc.department("name"))
    if is_blank(draft.goals):
        yield Finding("goals-missing", ERROR, "未填写部门（单位）绩效目标。", "goals")
    if not YEAR_MIN <= draft.year <= YEAR_MAX:
        yield Finding("year-range", ERROR,
                      f"年度 {draft.year} 不在 {YEAR_MIN}–{YEAR_MAX} 之间。", "year")
    for location, key in _MUST_SAY_SOMETHING:
        shown = profile.shows_department_field(key) if key != "notes" else "notes" in profile.rows
        value = draft.notes if key == "notes" else getattr(draft.department, key)
        label = profile.label(key)
        if shown and is_blank(value):
            hint = NOTES_HINT if key == "notes" else "没有内容时请填写“无”。"
            yield Finding("row-empty", WARNING, f"“{label}”未填写：{hint}", location)
    if UNPLACED_MARKER in draft.notes:
        yield Finding("import-unplaced", WARNING,
                      "“其他说明的问题”中有导入时未能归入栏目的内容：请把它移到正确的位置，"
                      "再删去标记行。", "notes", UNPLACED_MARKER)
    phone = draft.department.phone
    if profile.shows_department_field("phone") and not is_blank(phone) \
            and not looks_like_phone(phone):
        yield Finding("phone-format", WARNING,
                      f"联系电话“{phone.strip()}”看起来不像电话号码。", loc.department("phone"))


def _amount_problem(amount: object) -> str | None:
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
    draft, profile = ctx.draft, ctx.profile
    valid = True
    for key in FUND_FIELDS:
        amount = getattr(draft.funds, key)
        problem = _amount_problem(amount)
        if problem:
            valid = False
            yield Finding("amount-invalid", ERROR,
                          f"“{profile.fund_label(key)}”金额{problem}：{amount}。", loc.fund(key))
    if not valid:
        return
    parts = profile.fund_parts
    if "total" in profile.fund_rows and parts:
        total = draft.funds.total
        subtotal = profile.fund_subtotal(draft.funds)
        if total != subtotal:
            names = " + ".join(profile.fund_label(k) for k in parts)
            difference = exact_difference(total, subtotal)
            yield Finding(
                "total-mismatch", ERROR,
                f"资金总额 {format_wanyuan(total)} 不等于 {names} 之和 "
                f"{format_wanyuan(subtotal)}（相差 {format_wanyuan(difference)}）。",
                loc.fund("total"))
    for key in FUND_FIELDS:
        amount = draft.funds.get(key)
        if not profile.shows_fund(key) and amount != 0:
            yield Finding(
                "hidden-amount", WARNING,
                f"“{profile.fund_label(key)}”填了 {format_wanyuan(amount)}，"
                f"但当前模板（{profile.name}）不打印这一行。", loc.fund(key))


RULES = [department_and_goals, funds]
