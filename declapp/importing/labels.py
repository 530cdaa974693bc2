"""The words of the form: row labels from the templates, group labels, numbering.

Everything the parser recognises by its text is decided here, from the templates where
the form says it (labels, their aliases and colons, standard categories, group label
patterns), and from how clerks number items where it does not. A label is matched to a
*key*: a field's id (``department.name``), an amounts block's or a tree's id (``funds``,
``indicators``), or one of the indicator table's headings (``level1``, ``level2``,
``level3``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from declapp.form.definition import FormDefinition, IndicatorsPart
from declapp.form.templates import DEFAULT_TEMPLATE, all_templates, generation, load_template
from declapp.importing.grid import label_key, unify

HEADER_KEYS = ("level1", "level2", "level3")
# Spellings seen on older or hand-made forms for the headings of the indicator table.
_HEADER_SPELLINGS = {"三级指标": "level3", "具体指标": "level3", "指标内容、指标值": "level3"}
_HEADER_COLUMNS = {"level1": "level1", "level2": "level2", "items": "level3"}
# A label may carry a prefix a clerk left out or spelled otherwise, and a required mark.
_PREFIX = re.compile(r"^(\*|＊)?(部门（单位）|部门\(单位\)|部门|单位)")


def _core(key: str) -> str:
    return _PREFIX.sub("", key).replace("（万元）", "")


def _own_labels(form: FormDefinition) -> dict[str, str]:
    """Every label *form* prints (and its aliases) → its key."""
    table: dict[str, str] = {}
    for f in form.fields():
        for text in (f.label, *f.aliases):
            table.setdefault(label_key(text).lstrip("*＊"), f.id)
    for part in form.amount_parts():
        table.setdefault(label_key(part.label), part.id)
    for tree in form.trees():
        if tree.label:
            table.setdefault(label_key(tree.label), tree.id)
        for column in tree.columns:
            if column.key in _HEADER_COLUMNS:
                table.setdefault(label_key(column.label), _HEADER_COLUMNS[column.key])
    return table


def label_table() -> dict[str, str]:
    """Every label spelling of every template (as ``label_key`` writes it) → its key,
    plus the core of each (``名称`` for ``部门（单位）名称``)."""
    return _label_table(generation())


@cache
def _label_table(_generation: int) -> dict[str, str]:
    table: dict[str, str] = {}
    forms = sorted(all_templates(), key=lambda f: f.id != DEFAULT_TEMPLATE)
    for form in forms:
        for text, key in _own_labels(form).items():
            table.setdefault(text, key)
    for form in forms:
        for text, key in _own_labels(form).items():
            if key not in HEADER_KEYS:
                table.setdefault(_core(text), key)
    for text, key in _HEADER_SPELLINGS.items():
        table.setdefault(label_key(text), key)
    return table


def field_keys() -> set[str]:
    """Keys that name a field or a part of some template (not a heading)."""
    return {k for k in label_table().values() if k not in HEADER_KEYS}


def amount_keys() -> set[str]:
    """Keys of amounts: amount fields of any template."""
    return {amount for form in all_templates() for amount in form.amount_ids()}


def amount_part_total(part_id: str) -> str:
    """The first total row of the amounts block *part_id* (资金总额): what a value in the
    block's own label row is."""
    for form in all_templates():
        for part in form.amount_parts():
            if part.id == part_id:
                total = next((r for r in part.rows if r.total), part.rows[0])
                return total.id
    return ""


def is_part(key: str) -> bool:
    """True for the id of an amounts block or an indicator tree (a row label with rows
    under it, not a value)."""
    return any(key in {p.id for p in form.amount_parts()} | {t.id for t in form.trees()}
               for form in all_templates())


def tree_keys() -> set[str]:
    return {t.id for form in all_templates() for t in form.trees()}


def spanning_keys() -> set[str]:
    """Keys whose label may stand beside the indicator rows, merged down over them: the
    trees', and the field a tree joins its label to (西城区 2019: 部门（单位）绩效目标)."""
    keys = tree_keys()
    for form in all_templates():
        for before, part in zip(form.parts, form.parts[1:], strict=False):
            if isinstance(part, IndicatorsPart) and part.label_position == "joined":
                keys.add(before.id)
    return keys


def core_keys() -> set[str]:
    """Keys without which a table is not one of our forms: each template's unit name and
    its required fields."""
    return {f.id for form in all_templates() for f in form.fields()
            if f.role == "unit_name" or f.required == "error"}


def field_name(key: str) -> str:
    """How the form names a field (``funds.total`` → ``资金总额``), to tell the clerk."""
    for form in sorted(all_templates(), key=lambda f: f.id != DEFAULT_TEMPLATE):
        name = form.label(key)
        if name:
            return name
    return key


def match_label(text: str) -> str:
    """The field or heading key *text* is the label of, or ``""``."""
    key = label_key(text).lstrip("*＊")
    if not key or len(key) > 40:
        return ""
    table = label_table()
    return table.get(key) or table.get(_core(key), "")


_INLINE = re.compile(r"^\s*([^：:\n]{2,20})[：:]\s*(\S.*)$", re.S)


def split_inline_label(text: str) -> tuple[str, str] | None:
    """``资金总额：41421.22万元`` in one cell → (``funds.total``, ``41421.22万元``)."""
    m = _INLINE.match(text)
    if not m:
        return None
    key = match_label(m.group(1))
    return (key, m.group(2).strip()) if key else None


# --- templates ---------------------------------------------------------------------------

def own_keys(form: FormDefinition) -> set[str]:
    """The keys *form* prints a row for."""
    keys = {f.id for f in form.fields() if f.printed}
    keys |= {p.id for p in form.amount_parts()}
    keys |= {t.id for t in form.trees() if t.label and t.label_position != "joined"}
    return keys


def detect_template(found: set[str], group_labels: list[str]) -> FormDefinition:
    """The template whose rows best match the labels *found*: a row the form has counts
    for it, a row it lacks counts against it; the group label style breaks a tie, then
    the default template."""
    best: tuple[float, FormDefinition] | None = None
    for form in all_templates():
        own = own_keys(form)
        score: float = len(found & own) - len(found - own)
        score += 0.1 * sum(_group_style_matches(form, label) for label in group_labels)
        if form.id == DEFAULT_TEMPLATE:
            score += 0.01
        if best is None or score > best[0]:
            best = (score, form)
    return best[1] if best else load_template(DEFAULT_TEMPLATE)


def _group_style_matches(form: FormDefinition, label: str) -> bool:
    """Does *label* (``产出指标一：名称`` or ``产出指标一（名称）``) read as *form* writes it?"""
    kind = next((k for t in form.trees() for k in t.groups if k.repeat and k.named), None)
    if kind is None:
        return False
    between = unify(kind.label.split("{number}", 1)[-1].split("{name}", 1)[0])
    m = GROUP_LABEL.match(unify(label))
    return bool(m and between and m.group(2).startswith(between))


# --- group labels ------------------------------------------------------------------------

GROUP_LABEL = re.compile(r"^产出指标([零〇一二三四五六七八九十百两\d]*)(.*)$")
_EFFECT_LABELS = ("效果指标", "效益指标")


@dataclass(frozen=True)
class GroupLabel:
    kind: str
    name: str
    recognised: bool = True  # False: not a group label of either template


def parse_group_label(text: str) -> GroupLabel:
    """``产出指标一（城市管理）``, ``产出指标二(民生)``, ``产出指标三：社区``, ``产出指标四``,
    ``效果指标`` → kind and name. A label of neither kind is read as an output group named
    by the whole text, and marked as not recognised."""
    key = label_key(text)
    if key in _EFFECT_LABELS:
        return GroupLabel("effect", "")
    m = GROUP_LABEL.match(key)
    if not m:
        return GroupLabel("output", key, recognised=False)
    rest = m.group(2)
    if rest.startswith("："):
        return GroupLabel("output", rest[1:])
    if rest.startswith("（") and rest.endswith("）"):
        return GroupLabel("output", rest[1:-1])
    return GroupLabel("output", rest)


def standard_categories() -> set[str]:
    return {name for form in all_templates() for tree in form.trees() for kind in tree.groups
            for name in kind.categories}


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
