"""The words of an indicator table: group labels, 二级指标 names, item numbers, values.

A 一级指标 cell is matched against the kinds of groups its template lists (产出指标一（…）
for a numbered, named kind; 效益指标, 满意度指标 for fixed ones); a label another form
gives a kind of the same role (西城区's 效果指标 is 财政部's 效益指标) is that kind too.
A 二级指标 is the template's own name where the form spells it otherwise: 数量指标 is
产出数量指标 where the template says so, and the other way round; names the templates
give the same place in the same kind of group (进度 and 时效, 环境 and 生态) match too.
A 指标值 as written (``≥95%``, ``按期完成``) is split into sign, value and unit.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from declapp.form import category_names
from declapp.form.definition import GroupKind, IndicatorsPart
from declapp.form.model import NUMERIC_OPS, OP_GE, OP_LE, OP_QUALITATIVE, normalize_op
from declapp.form.templates import all_templates, generation
from declapp.importing.grid import label_key, unify
from declapp.indicators.measures import half_width, parse_value

_NUMBER = "零〇一二三四五六七八九十百两0123456789"


@dataclass(frozen=True)
class GroupLabel:
    kind: str
    name: str
    recognised: bool = True  # False: not a label of any kind of the template


def _pattern(kind: GroupKind) -> re.Pattern[str]:
    """``产出指标{number}（{name}）`` → 产出指标, a number, then the name in any brackets."""
    head = unify(kind.label.split("{number}", 1)[0].split("{name}", 1)[0])
    return re.compile(rf"^{re.escape(head)}([{_NUMBER}]*)(.*)$", re.S)


def _name(rest: str) -> str:
    rest = rest.strip()
    if rest[:1] in "：:":
        return rest[1:].strip()
    if rest.startswith("（") and rest.endswith("）"):
        return rest[1:-1].strip()
    return rest


def kind_words(kind: GroupKind) -> set[str]:
    """The fixed labels of *kind*: 效益指标; for a numbered kind, its unnumbered head."""
    words = {label_key(re.sub(r"\{number\}|[（(：:]?\{name\}[）)]?", "", kind.label))}
    if kind.unnamed_label:
        words.add(label_key(kind.unnamed_label.replace("{number}", "")))
    return {w for w in words if w}


@cache
def _role_words(_generation: int) -> dict[str, set[str]]:
    """Every template's labels for each role of group (effect: 效果指标, 效益指标)."""
    found: dict[str, set[str]] = {}
    for form in all_templates():
        for tree in form.trees():
            for kind in tree.groups:
                if kind.role:
                    found.setdefault(kind.role, set()).update(kind_words(kind))
    return found


def parse_group_label(text: str, tree: IndicatorsPart) -> GroupLabel:
    """The kind and name of the group a 一级指标 cell starts."""
    key = label_key(text)
    for kind in tree.groups:
        if key in kind_words(kind):
            return GroupLabel(kind.kind, "")
        if kind.repeat or kind.named:
            m = _pattern(kind).match(key)
            if m and (m.group(1) or kind.named or not m.group(2) or m.group(2)[:1] in "：:（"):
                return GroupLabel(kind.kind, _name(m.group(2)) if kind.named else "")
    roles = _role_words(generation())
    for kind in tree.groups:
        if kind.role and key in roles.get(kind.role, set()):
            return GroupLabel(kind.kind, "")
    first = next((k for k in tree.groups if k.repeat), tree.groups[0] if tree.groups else None)
    return GroupLabel(first.kind if first else "", key, recognised=False)


def kind_of_categories(names: list[str], tree: IndicatorsPart) -> str:
    """The kind whose standard 二级指标 include one of *names* ("" for none)."""
    for name in names:
        for kind in tree.groups:
            if standard_category(name, kind, tree) in kind.categories:
                return kind.kind
    return ""


def standard_category(text: str, kind: GroupKind | None, tree: IndicatorsPart) -> str:
    """The template's name for the 二级指标 *text* names (``form.category_names``), the
    text read in one spelling first."""
    return category_names.standard_category(label_key(text), kind, tree)


# --- item numbering ----------------------------------------------------------------------

_FULL_DIGITS = str.maketrans("０１２３４５６７８９", "0123456789")
_CIRCLED = ("①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳"
            "㉑㉒㉓㉔㉕㉖㉗㉘㉙㉚㉛㉜㉝㉞㉟㊱㊲㊳㊴㊵㊶㊷㊸㊹㊺㊻㊼㊽㊾㊿")
_PAREN_DIGITS = "⑴⑵⑶⑷⑸⑹⑺⑻⑼⑽⑾⑿⒀⒁⒂⒃⒄⒅⒆⒇"
_DOT_DIGITS = "⒈⒉⒊⒋⒌⒍⒎⒏⒐⒑⒒⒓⒔⒕⒖⒗⒘⒙⒚⒛"
# (style, pattern): the number is group 1; a "1." that is a decimal (1.5) is no number.
_NUMBERINGS = (
    ("、", re.compile(r"(\d{1,3})\s*、\s*")),
    (".", re.compile(r"(\d{1,3})\s*[.．](?!\d)\s*")),
    ("()", re.compile(r"[（(]\s*(\d{1,3})\s*[）)]\s*")),
    (")", re.compile(r"(\d{1,3})\s*[）)]\s*")),
)


def numbering(line: str) -> tuple[str, int, str] | None:
    """(style, number, text after it) when *line* starts with an item number."""
    first = line[:1]
    for style, marks in (("①", _CIRCLED), ("⑴", _PAREN_DIGITS), ("⒈", _DOT_DIGITS)):
        if first and first in marks:
            return style, marks.index(first) + 1, line[1:].lstrip()
    head = line[:8].translate(_FULL_DIGITS)
    for style, pattern in _NUMBERINGS:
        m = pattern.match(head)
        if m:
            return style, int(m.group(1)), line[m.end():].lstrip()
    return None


# --- values ------------------------------------------------------------------------------

# What a 指标性质 / 计算符号 cell may hold besides the six signs: the kind of value, or the
# ≧ ≦ some fonts offer for ≥ ≤.
_SIGN_WORDS = {"定性": OP_QUALITATIVE, "定量": "", "≧": OP_GE, "≦": OP_LE}


def sign_of(text: str) -> str | None:
    """The sign a 计算符号 / 指标性质 / 指标值类型 cell holds: one of the six; ``""`` for
    定量 (the value gives the sign); None when it holds nothing readable."""
    key = half_width(unify(text)).removesuffix("指标")
    if not key:
        return None
    if key in _SIGN_WORDS:
        return _SIGN_WORDS[key]
    op = normalize_op(key)
    return op if op in (*NUMERIC_OPS, OP_QUALITATIVE) else None


@dataclass(frozen=True)
class ValueParts:
    op: str
    value: str
    unit: str


def split_value(text: str, op_given: str | None, unit_given: str | None) -> ValueParts:
    """A 指标值 cell as the budget system keeps it.

    *op_given* is what a sign or 指标值类型 column says (None: the form has none; ``""``:
    定量 without a sign); *unit_given* the 计量单位 column (None: the form has none). A
    unit in the value that the unit column contradicts stays in the value (``30万元``
    with unit ``%``), where the checks find it.
    """
    text = text.strip()
    unit = (unit_given or "").strip()
    if op_given == OP_QUALITATIVE or not text:
        return ValueParts(op_given or ("" if not text else OP_QUALITATIVE), text, unit)
    parsed = parse_value(text)
    if parsed is None:  # digits that say no measure (第3季度前): the text is the value
        return ValueParts(op_given or OP_QUALITATIVE, text, unit)
    if parsed.op == OP_QUALITATIVE:
        return ValueParts(op_given or OP_QUALITATIVE, text, unit)
    op = op_given or parsed.op
    if not unit or _same_unit(unit, parsed.unit):
        return ValueParts(op, parsed.value, unit or parsed.unit)
    if not parsed.unit:
        return ValueParts(op, parsed.value, unit)
    return ValueParts(op, f"{parsed.value}{parsed.unit}", unit)


def _same_unit(a: str, b: str) -> bool:
    return half_width(a).strip() == half_width(b).strip()
