"""The form as plain Python objects.

A draft holds exactly what a clerk types; how it prints is decided by the template
profile (``declapp.form.definition``) and the layout (``declapp.layout``).
"""

from __future__ import annotations

import copy
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from declapp.form.money import ZERO
from declapp.form.text import is_blank

YEAR_MIN, YEAR_MAX = 2000, 2100  # the years a form may be for
MAIN_TREE = "indicators"  # the id of every form's (first) indicator table


def budget_year(today: date | None = None) -> int:
    """The year whose form is being prepared: next year's budget is made this year."""
    return min(max((today or date.today()).year + 1, YEAR_MIN), YEAR_MAX)


# The budget system's six 计算符号 (file-format.md, version 2), written full-width where
# it writes them. With the first five the value is a number; 定性 takes a short text.
OP_GE, OP_GT, OP_EQ, OP_LT, OP_LE, OP_QUALITATIVE = "≥", "＞", "＝", "＜", "≤", "定性"
OPS = (OP_GE, OP_GT, OP_EQ, OP_LT, OP_LE, OP_QUALITATIVE)
NUMERIC_OPS = (OP_GE, OP_GT, OP_EQ, OP_LT, OP_LE)
# What a hand-edited file may write instead; read as the full-width sign.
ASCII_OPS = {">=": OP_GE, ">": OP_GT, "=": OP_EQ, "<": OP_LT, "<=": OP_LE}


def normalize_op(op: str) -> str:
    """The full-width sign for an ASCII one (``>=`` → ``≥``); anything else unchanged."""
    return ASCII_OPS.get(op, op)


# The fields version 2 adds to an item, in the order file-format.md lists them.
STRUCTURED_FIELDS = ("name", "op", "unit", "explanation", "scoring")
ITEM_FIELDS = ("content", "value", *STRUCTURED_FIELDS)
# The budget system's limits on a 三级指标 (characters).
NAME_MAX_CHARS = 30
VALUE_MAX_CHARS = 60


@dataclass
class Item:
    """One 具体指标.

    A free-text item (``name`` empty, every version 1 item) prints its ``content`` and
    optional ``value`` (指标值, e.g. ``≥95%``). A structured item keeps the fields the
    budget system keeps: ``name`` 三级指标名称, ``op`` 计算符号 (one of ``OPS``),
    ``value`` 指标值 (a number unless 定性), ``unit`` 计量单位, ``content`` 指标内容,
    ``explanation`` 指标解释 and ``scoring`` 评（扣）分标准.
    """

    content: str = ""
    value: str = ""
    name: str = ""
    op: str = ""
    unit: str = ""
    explanation: str = ""
    scoring: str = ""
    # Texts of the columns a template adds to its indicators (权重, 备注, …), by key.
    extra: dict[str, str] = field(default_factory=dict)
    # The indicator's identity through the year (申报 → 监控 → 自评), given when a draft
    # goes on to its next stage; "" for one that never did.
    uid: str = ""
    # Its figures came with last year's form and the clerk has not touched it since
    # (declapp.form.carry_over); not part of the item's value.
    carried: bool = field(default=False, compare=False, init=False)

    @property
    def is_structured(self) -> bool:
        """True when the item has a 三级指标名称; otherwise it is free text."""
        return not is_blank(self.name)

    @property
    def is_blank(self) -> bool:
        """True when no field holds anything that prints (spaces, \u200b, \ufeff…)."""
        return all(is_blank(getattr(self, f)) for f in ITEM_FIELDS) and \
            all(is_blank(v) for v in self.extra.values())

    def get(self, key: str) -> str:
        """A field (``name``, ``value``, …) or an extra column's text (``weight``)."""
        if key in ITEM_FIELDS:
            text: str = getattr(self, key)
            return text
        return self.extra.get(key, "")


@dataclass
class Category:
    """A 二级指标 such as 产出数量指标, holding its items."""

    name: str = ""
    items: list[Item] = field(default_factory=list)


@dataclass
class Group:
    """A 一级指标 of one of the kinds its template lists (西城区: ``output`` groups
    产出指标一, 二, … and the ``effect`` group 效果指标)."""

    kind: str = ""
    name: str = ""
    categories: list[Category] = field(default_factory=list)


Table = list[dict[str, str]]


@dataclass
class Draft:
    """What a clerk typed into one form: the values of its template's fields by id,
    its amounts, the rows of its tables and its indicator trees.

    A draft may hold values its template has no place for (an older file, a hand-edited
    one): they are kept and saved, and the checks say that they do not print.
    """

    template: str
    year: int
    texts: dict[str, str] = field(default_factory=dict)
    amounts: dict[str, Decimal] = field(default_factory=dict)
    tables: dict[str, Table] = field(default_factory=dict)
    trees: dict[str, list[Group]] = field(default_factory=dict)
    # Amounts that came with last year's form, not yet edited (declapp.form.carry_over).
    carried: set[str] = field(default_factory=set, compare=False)
    # Warnings the clerk looked at (已核对): (check id, location) → (a fingerprint of the
    # text there when it was looked at, the reason given). Not part of the form.
    reviewed: dict[tuple[str, str], tuple[str, str]] = field(default_factory=dict,
                                                             compare=False)

    @property
    def indicators(self) -> list[Group]:
        """The (first) indicator table's groups."""
        return self.trees.setdefault(MAIN_TREE, [])

    @indicators.setter
    def indicators(self, groups: list[Group]) -> None:
        self.trees[MAIN_TREE] = groups

    def text(self, key: str) -> str:
        return self.texts.get(key, "")

    def amount(self, key: str) -> Decimal:
        return self.amounts.get(key, ZERO)

    def groups_of_kind(self, kind: str, tree: str = MAIN_TREE) -> list[Group]:
        return [g for g in self.trees.get(tree, []) if g.kind == kind]

    def all_groups(self) -> list[tuple[str, list[Group]]]:
        """(tree id, groups) of every indicator tree, the main one first."""
        return sorted(self.trees.items(), key=lambda kv: kv[0] != MAIN_TREE)

    def item_count(self) -> int:
        return sum(len(c.items) for _t, groups in self.trees.items() for g in groups
                   for c in g.categories)

    def copy(self) -> Draft:
        return copy.deepcopy(self)

    def next_year_copy(self) -> Draft:
        """This year's draft as the start of next year's: everything kept, the year + 1.

        Texts are kept as they are; the stale-year check then shows every place that
        still dates the plan with this year (``carry_over.next_year_draft`` also marks
        last year's amounts).
        """
        following = self.copy()
        following.year += 1
        return following
