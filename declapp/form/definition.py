"""Template profiles: everything that differs between versions of the official form.

A profile is a data file in ``resources/templates/``; code asks a profile what it
shows and how it labels, and never names a template version.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from decimal import Decimal
from functools import cache
from pathlib import Path
from typing import Any

from declapp.errors import ClerkError
from declapp.form.model import (
    EFFECT,
    OUTPUT,
    Category,
    Draft,
    Funds,
    Group,
    budget_year,
)
from declapp.form.money import exact_sum
from declapp.system.paths import resource_path

# Rows a profile may list, in the order it wants them printed.
KNOWN_ROWS = ("name", "head_phone", "funds", "functions", "goals", "indicators", "notes")
DEFAULT_TEMPLATE = "xicheng-2021"

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


class TemplateError(ClerkError):
    """A template profile that is unknown or malformed; ``message`` says which."""


@dataclass(frozen=True)
class TemplateProfile:
    id: str
    name: str
    title: str
    year_line: str
    rows: tuple[str, ...]
    fund_rows: tuple[str, ...]
    labels: dict[str, str]
    goals_label_spans_indicators: bool
    output_group_label: str
    output_group_label_unnamed: str
    effect_group_label: str
    item_value_separator: str
    standard_categories: dict[str, tuple[str, ...]]
    cost_category: str
    # The 二级指标 a reviewer looks for under 效果指标 ("" when a profile has none).
    satisfaction_category: str = ""

    # --- what the form shows -------------------------------------------------------
    def shows_department_field(self, key: str) -> bool:
        if key == "name":
            return "name" in self.rows
        if key in ("head", "phone"):
            return "head_phone" in self.rows
        if key == "functions":
            return "functions" in self.rows
        return False

    def shows_fund(self, key: str) -> bool:
        return key in self.fund_rows

    @property
    def fund_parts(self) -> tuple[str, ...]:
        """The fund rows printed below 资金总额, which it must equal the sum of."""
        return tuple(k for k in self.fund_rows if k != "total")

    def fund_subtotal(self, funds: Funds) -> Decimal:
        """The exact sum of the fund rows below 资金总额."""
        return exact_sum(funds.get(k) for k in self.fund_parts)

    def label(self, key: str) -> str:
        return self.labels.get(key, "")

    def fund_label(self, key: str) -> str:
        """A fund label without the colon some templates print after it."""
        return self.label(key).rstrip("：:")

    # --- how it labels ----------------------------------------------------------------
    def format_year_line(self, year: int) -> str:
        return self.year_line.format(year=year)

    def group_label(self, group: Group, number: int) -> str:
        """``产出指标一（城市管理和环境建设）`` for the *number*-th output group."""
        if group.kind == EFFECT:
            return self.effect_group_label
        pattern = self.output_group_label if group.name.strip() else self.output_group_label_unnamed
        return pattern.format(number=chinese_number(number), name=group.name.strip())

    def group_labels(self, draft: Draft) -> list[str]:
        """Labels of the draft's groups in order; output groups numbered in their order."""
        return [self.group_label(group, number)
                for group, number in zip(draft.indicators, draft.output_numbers(), strict=True)]

    def categories_for(self, kind: str) -> tuple[str, ...]:
        return self.standard_categories.get(kind, ())

    # --- new drafts -----------------------------------------------------------------------
    def new_group(self, kind: str, name: str = "") -> Group:
        """A group holding the standard categories of its kind, each empty."""
        return Group(kind=kind, name=name,  # type: ignore[arg-type]
                     categories=[Category(name=c) for c in self.categories_for(kind)])

    def new_draft(self, year: int) -> Draft:
        return Draft(template=self.id, year=year,
                     indicators=[self.new_group(OUTPUT), self.new_group(EFFECT)])


def _profile_from_dict(data: dict[str, Any], source: str) -> TemplateProfile:
    try:
        profile = TemplateProfile(
            id=str(data["id"]),
            name=str(data["name"]),
            title=str(data["title"]),
            year_line=str(data["year_line"]),
            rows=tuple(data["rows"]),
            fund_rows=tuple(data["fund_rows"]),
            labels=dict(data["labels"]),
            goals_label_spans_indicators=bool(data["goals_label_spans_indicators"]),
            output_group_label=str(data["output_group_label"]),
            output_group_label_unnamed=str(data["output_group_label_unnamed"]),
            effect_group_label=str(data["effect_group_label"]),
            item_value_separator=str(data["item_value_separator"]),
            standard_categories={k: tuple(v) for k, v in data["standard_categories"].items()},
            cost_category=str(data["cost_category"]),
            satisfaction_category=str(data.get("satisfaction_category", "")),
        )
    except (KeyError, TypeError, AttributeError) as exc:
        raise TemplateError(f"模板文件 {source} 不完整：{exc}") from exc
    unknown = [r for r in profile.rows if r not in KNOWN_ROWS]
    if unknown:
        raise TemplateError(f"模板文件 {source} 含有未知的行：{'、'.join(unknown)}")
    return profile


def _templates_dir() -> Path:
    return resource_path("templates")


@cache
def available_templates() -> tuple[str, ...]:
    """Ids of the bundled profiles, sorted."""
    return tuple(sorted(p.stem for p in _templates_dir().glob("*.json")))


@cache
def load_template(template_id: str) -> TemplateProfile:
    """The profile with *template_id*; ``TemplateError`` if there is none."""
    if template_id not in available_templates():
        known = "、".join(available_templates())
        raise TemplateError(f"未知的模板“{template_id}”（可用：{known}）")
    path = _templates_dir() / f"{template_id}.json"
    with path.open(encoding="utf-8") as fh:
        return _profile_from_dict(json.load(fh), path.name)


def new_draft(template_id: str = DEFAULT_TEMPLATE, year: int | None = None) -> Draft:
    """A blank draft; the year is the budget year being prepared unless given."""
    return load_template(template_id).new_draft(budget_year() if year is None else year)
