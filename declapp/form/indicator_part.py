"""The indicator part of a form definition: the kinds of 一级指标 a template knows, the
columns an indicator table may print, and how groups are labelled and made (see
``definition`` for the form as a whole)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from declapp.form.model import Category, Group

LabelPosition = Literal["left", "above", "joined"]
# The columns an indicator table may print; ``items`` is the 具体指标 cell of a two-level
# table, where the items of one 二级指标 are numbered one under the other.
INDICATOR_COLUMNS = ("level1", "level2", "items", "name", "op", "value", "unit",
                     "value_type", "explanation", "scoring", "content")
# Columns whose text an item keeps in ``Item.extra``, under the column's key.
EXTRA_COLUMN_TYPES = ("text", "number", "choice", "computed")
COLUMN_FORMULAS = ("score",)  # a computed indicator column: the item's 得分
TREE_SUFFIX = "indicators"  # an indicator part's id: "indicators" or "…_indicators"

_DIGITS = "零一二三四五六七八九"


def chinese_number(n: int) -> str:
    """1 → 一, 10 → 十, 12 → 十二, 20 → 二十, 105 → 一百零五 (output groups are numbered so)."""
    if n <= 0:
        return str(n)
    if n < 10:
        return _DIGITS[n]
    if n < 20:
        return "十" + (_DIGITS[n - 10] if n > 10 else "")
    if n < 100:
        tens, ones = divmod(n, 10)
        return _DIGITS[tens] + "十" + (_DIGITS[ones] if ones else "")
    if n < 1000:
        hundreds, rest = divmod(n, 100)
        if rest == 0:
            tail = ""
        elif rest < 10:
            tail = "零" + _DIGITS[rest]
        elif rest < 20:
            tail = "一" + chinese_number(rest)
        else:
            tail = chinese_number(rest)
        return _DIGITS[hundreds] + "百" + tail
    return str(n)


@dataclass(frozen=True)
class GroupKind:
    """A kind of 一级指标: its label, whether there may be several (numbered and named,
    as 西城区's 产出指标一（…）), its standard 二级指标, and its role for the checks
    (``output``: cost indicators live here; ``effect``; ``satisfaction``)."""

    kind: str
    label: str
    role: str = ""
    unnamed_label: str = ""
    repeat: bool = False
    categories: tuple[str, ...] = ()
    cost_category: str = ""
    satisfaction_category: str = ""
    optional: bool = False  # may be absent: never added, never missed

    @property
    def named(self) -> bool:
        return "{name}" in self.label


@dataclass(frozen=True)
class IndicatorColumn:
    key: str
    label: str
    span: int = 1
    type: str = ""  # for an extra column: text, number or choice
    options: tuple[str, ...] = ()
    with_sign: bool = False  # value: the sign printed in the cell (≥95)
    with_unit: bool = False  # value: the unit printed in the cell (95%)
    qualitative_blank: bool = False  # op: nothing printed for 定性 (重庆's 指标性质)
    readonly: bool = False  # a later stage shows the declared value, changes it only
    printed: bool = True  # False: kept and edited in the window, not on the form
    formula: str = ""  # a computed column: one of COLUMN_FORMULAS

    @property
    def is_extra(self) -> bool:
        return self.key not in INDICATOR_COLUMNS

    @property
    def is_computed(self) -> bool:
        return self.type == "computed"


@dataclass(frozen=True)
class IndicatorsPart:
    id: str
    label: str
    levels: int
    columns: tuple[IndicatorColumn, ...]
    groups: tuple[GroupKind, ...]
    label_position: LabelPosition = "left"
    label_span: int = 1
    item_separator: str = "："
    optional: bool = False  # printed only when it holds an item
    tab: str = ""
    kind: Literal["indicators"] = "indicators"

    def group_kind(self, kind: str) -> GroupKind | None:
        return next((k for k in self.groups if k.kind == kind), None)

    def kind_order(self, kind: str) -> int:
        """Where groups of *kind* print: kinds in the template's order, unknown ones last."""
        return next((n for n, k in enumerate(self.groups) if k.kind == kind), len(self.groups))

    def column(self, key: str) -> IndicatorColumn | None:
        return next((c for c in self.columns if c.key == key), None)

    @property
    def extra_columns(self) -> tuple[IndicatorColumn, ...]:
        return tuple(c for c in self.columns if c.is_extra)

    @property
    def printed_columns(self) -> tuple[IndicatorColumn, ...]:
        return tuple(c for c in self.columns if c.printed)

    @property
    def locked(self) -> bool:
        """The indicators are the declared ones (a later stage): none added, removed,
        moved or renamed here."""
        return any(c.readonly and c.key in ("name", "value") for c in self.columns)

    def printing_order(self, groups: list[Group]) -> list[int]:
        """Group rows as the form prints them: by kind in the template's order, each kind
        in the clerk's order (a file may hold them otherwise; the form never does)."""
        return sorted(range(len(groups)), key=lambda i: self.kind_order(groups[i].kind))

    def group_labels(self, groups: list[Group]) -> list[str]:
        """Labels of *groups* in order: 产出指标一（名称）, 产出指标二, 效果指标."""
        counts: dict[str, int] = {}
        labels = []
        for group in groups:
            counts[group.kind] = counts.get(group.kind, 0) + 1
            labels.append(self.group_label(group, counts[group.kind]))
        return labels

    def label_of(self, groups: list[Group], index: int) -> str:
        """The label of ``groups[index]`` alone (a message names one group: labelling
        them all for each message was quadratic on a large draft)."""
        group = groups[index]
        return self.group_label(group, sum(1 for g in groups[:index + 1] if g.kind == group.kind))

    def group_label(self, group: Group, number: int) -> str:
        kind = self.group_kind(group.kind)
        if kind is None:
            return group.name.strip() or group.kind
        name = group.name.strip()
        pattern = kind.label if (name or not kind.unnamed_label) else kind.unnamed_label
        text = pattern.replace("{number}", chinese_number(number) if kind.repeat else "")
        return text.replace("{name}", name)

    def new_group(self, kind: str, name: str = "") -> Group:
        """A group of *kind* holding its standard categories, each empty."""
        known = self.group_kind(kind)
        if self.levels == 1:  # a flat list: one unnamed category holds the items
            return Group(kind=kind, name=name, categories=[Category()])
        return Group(kind=kind, name=name,
                     categories=[Category(name=c) for c in (known.categories if known else ())])

    def new_tree(self) -> list[Group]:
        return [self.new_group(k.kind) for k in self.groups if not k.optional]
