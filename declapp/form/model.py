"""The form as plain Python objects.

A draft holds exactly what a clerk types; how it prints is decided by the template
profile (``declapp.form.definition``) and the layout (``declapp.layout``).
"""

from __future__ import annotations

import copy
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import Literal

from declapp.form.money import ZERO
from declapp.form.text import is_blank

GroupKind = Literal["output", "effect"]
OUTPUT: GroupKind = "output"
EFFECT: GroupKind = "effect"

DEPARTMENT_FIELDS = ("name", "head", "phone", "functions")
YEAR_MIN, YEAR_MAX = 2000, 2100  # the years a form may be for


def budget_year(today: date | None = None) -> int:
    """The year whose form is being prepared: next year's budget is made this year."""
    return min(max((today or date.today()).year + 1, YEAR_MIN), YEAR_MAX)
FUND_FIELDS = ("total", "basic", "project", "other")

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
        return all(is_blank(getattr(self, f)) for f in ITEM_FIELDS)


@dataclass
class Category:
    """A 二级指标 such as 产出数量指标, holding its items."""

    name: str = ""
    items: list[Item] = field(default_factory=list)


@dataclass
class Group:
    """A 一级指标: an output group (产出指标一, 二, …) or the effect group (效果指标)."""

    kind: GroupKind = OUTPUT
    name: str = ""
    categories: list[Category] = field(default_factory=list)

    @property
    def is_output(self) -> bool:
        return self.kind == OUTPUT


@dataclass
class Department:
    name: str = ""
    head: str = ""
    phone: str = ""
    functions: str = ""


@dataclass
class Funds:
    """Amounts in 万元."""

    total: Decimal = ZERO
    basic: Decimal = ZERO
    project: Decimal = ZERO
    other: Decimal = ZERO
    # Amounts that came with last year's form, not yet edited (declapp.form.carry_over).
    carried: set[str] = field(default_factory=set, compare=False, init=False)

    def get(self, key: str) -> Decimal:
        if key not in FUND_FIELDS:
            raise KeyError(key)
        amount: Decimal = getattr(self, key)
        return amount


@dataclass
class Draft:
    template: str
    year: int
    department: Department = field(default_factory=Department)
    funds: Funds = field(default_factory=Funds)
    goals: str = ""
    indicators: list[Group] = field(default_factory=list)
    notes: str = ""

    def output_groups(self) -> list[Group]:
        return [g for g in self.indicators if g.kind == OUTPUT]

    def effect_groups(self) -> list[Group]:
        return [g for g in self.indicators if g.kind == EFFECT]

    def output_numbers(self) -> list[int]:
        """Each group's number among the output groups (产出指标一 is 1): an output
        group is numbered by its position, nothing stored. 效果指标 has the number of the
        output group before it (its label carries none)."""
        numbers, number = [], 0
        for group in self.indicators:
            number += group.kind == OUTPUT
            numbers.append(number)
        return numbers

    def printing_order(self) -> list[int]:
        """Group rows as the form prints them: the output groups, then 效果指标 (a file
        may have it elsewhere; the form never does)."""
        kinds = [g.kind for g in self.indicators]
        return [i for i, k in enumerate(kinds) if k == OUTPUT] + \
            [i for i, k in enumerate(kinds) if k != OUTPUT]

    def effect_out_of_place(self) -> bool:
        """True when an output group stands after 效果指标."""
        return self.printing_order() != list(range(len(self.indicators)))

    def item_count(self) -> int:
        return sum(len(c.items) for g in self.indicators for c in g.categories)

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
