"""The form as plain Python objects.

A draft holds exactly what a clerk types; how it prints is decided by the template
profile (``declapp.templates``) and the layout (``declapp.layout``).
"""

from __future__ import annotations

import copy
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Literal

from declapp.money import ZERO

GroupKind = Literal["output", "effect"]
OUTPUT: GroupKind = "output"
EFFECT: GroupKind = "effect"

DEPARTMENT_FIELDS = ("name", "head", "phone", "functions")
YEAR_MIN, YEAR_MAX = 2000, 2100  # the years a form may be for (file-format.md)
FUND_FIELDS = ("total", "basic", "project", "other")


@dataclass
class Item:
    """One 具体指标: its content (指标内容) and an optional value (指标值)."""

    content: str = ""
    value: str = ""


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

    def get(self, key: str) -> Decimal:
        if key not in FUND_FIELDS:
            raise KeyError(key)
        return getattr(self, key)


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
        still dates the plan with this year.
        """
        following = self.copy()
        following.year += 1
        return following
