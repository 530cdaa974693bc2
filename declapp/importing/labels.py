"""The words of the form: row labels from the template profiles, group labels, numbering.

Everything the parser recognises by its text is decided here, from the profiles in
``resources/templates/`` where the form says it (labels and their colons, standard
categories, group label patterns), and from how clerks number items where it does not.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from declapp.form.definition import (
    DEFAULT_TEMPLATE,
    TemplateProfile,
    available_templates,
    load_template,
)
from declapp.form.model import EFFECT, OUTPUT, GroupKind
from declapp.importing.grid import label_key, unify

# Label keys of a profile that name a field (the rest are column headings).
FIELD_KEYS = ("name", "head", "phone", "funds", "total", "basic", "project", "other",
              "functions", "goals", "indicators", "notes")
HEADER_KEYS = ("level1", "level2", "level3")
# Spellings seen on older or hand-made forms for the same headings.
_EXTRA_SPELLINGS = {"三级指标": "level3", "具体指标": "level3", "指标内容、指标值": "level3",
                    "单位名称": "name", "部门名称": "name", "负责人": "head",
                    "单位负责人": "head", "部门负责人": "head", "电话": "phone"}
# A label may carry a prefix a clerk left out or spelled otherwise.
_PREFIX = re.compile(r"^(部门（单位）|部门\(单位\)|部门|单位)")


def _core(key: str) -> str:
    return _PREFIX.sub("", key).replace("（万元）", "")


@cache
def label_table() -> dict[str, str]:
    """Every label spelling of every bundled profile (as ``label_key`` writes it) → its
    key, plus the core of each (``名称`` for ``部门（单位）名称``)."""
    table: dict[str, str] = {}
    for template_id in available_templates():
        for key, text in load_template(template_id).labels.items():
            if text and (key in FIELD_KEYS or key in HEADER_KEYS):
                table.setdefault(label_key(text), key)
                table.setdefault(_core(label_key(text)), key)
    for text, key in _EXTRA_SPELLINGS.items():
        table.setdefault(label_key(text), key)
    return table


def field_name(key: str) -> str:
    """How the form names a field (``total`` → ``资金总额``), to tell the clerk."""
    profile = load_template(DEFAULT_TEMPLATE)
    return profile.fund_label(key) or profile.label(key) or key


def match_label(text: str) -> str:
    """The field or heading key *text* is the label of, or ``""``."""
    key = label_key(text)
    if not key or len(key) > 40:
        return ""
    table = label_table()
    return table.get(key) or table.get(_core(key), "")


_INLINE = re.compile(r"^\s*([^：:\n]{2,20})[：:]\s*(\S.*)$", re.S)


def split_inline_label(text: str) -> tuple[str, str] | None:
    """``资金总额：41421.22万元`` in one cell → (``total``, ``41421.22万元``)."""
    m = _INLINE.match(text)
    if not m:
        return None
    key = match_label(m.group(1))
    return (key, m.group(2).strip()) if key else None


# --- templates ---------------------------------------------------------------------------

def detect_template(found: set[str], group_labels: list[str]) -> TemplateProfile:
    """The profile whose rows best match the labels *found*: a row the form has counts
    for it, a row it lacks counts against it; the group label style breaks a tie, then
    the newest template."""
    best: tuple[float, TemplateProfile] | None = None
    for template_id in available_templates():
        profile = load_template(template_id)
        own = {key for key, text in profile.labels.items() if text and key in FIELD_KEYS}
        own = {k for k in own if _shown(profile, k)}
        score: float = len(found & own) - len(found - own)
        score += 0.1 * sum(_group_style_matches(profile, label) for label in group_labels)
        if template_id == DEFAULT_TEMPLATE:
            score += 0.01
        if best is None or score > best[0]:
            best = (score, profile)
    assert best is not None
    return best[1]


def _shown(profile: TemplateProfile, key: str) -> bool:
    if key in ("name", "head", "phone", "functions"):
        return profile.shows_department_field(key)
    if key in ("total", "basic", "project", "other"):
        return profile.shows_fund(key)
    if key in ("funds", "goals", "indicators", "notes"):
        return key in profile.rows or (key == "indicators" and bool(profile.label(key)))
    return False


def _group_style_matches(profile: TemplateProfile, label: str) -> bool:
    """Does *label* (``产出指标一：名称`` or ``产出指标一（名称）``) read as *profile* writes it?"""
    between = unify(profile.output_group_label.split("{number}", 1)[-1].split("{name}", 1)[0])
    m = GROUP_LABEL.match(unify(label))
    return bool(m and between and m.group(2).startswith(between))


# --- group labels ------------------------------------------------------------------------

GROUP_LABEL = re.compile(r"^产出指标([零〇一二三四五六七八九十百两\d]*)(.*)$")
_EFFECT_LABELS = ("效果指标", "效益指标")


@dataclass(frozen=True)
class GroupLabel:
    kind: GroupKind
    name: str
    recognised: bool = True  # False: not a group label of either template


def parse_group_label(text: str) -> GroupLabel:
    """``产出指标一（城市管理）``, ``产出指标二(民生)``, ``产出指标三：社区``, ``产出指标四``,
    ``效果指标`` → kind and name. A label of neither kind is read as an output group named
    by the whole text, and marked as not recognised."""
    key = label_key(text)
    if key in _EFFECT_LABELS:
        return GroupLabel(EFFECT, "")
    m = GROUP_LABEL.match(key)
    if not m:
        return GroupLabel(OUTPUT, key, recognised=False)
    rest = m.group(2)
    if rest.startswith("："):
        return GroupLabel(OUTPUT, rest[1:])
    if rest.startswith("（") and rest.endswith("）"):
        return GroupLabel(OUTPUT, rest[1:-1])
    return GroupLabel(OUTPUT, rest)


def standard_categories() -> set[str]:
    names: set[str] = set()
    for template_id in available_templates():
        for kind in (OUTPUT, EFFECT):
            names.update(load_template(template_id).categories_for(kind))
    return names


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
