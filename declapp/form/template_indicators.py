"""Reading the indicator part of a template file: its levels, its columns and the kinds of
its 一级指标 (see ``form.indicator_part``)."""

from __future__ import annotations

from typing import Any

from declapp.form.definition import (
    COLUMN_FORMULAS,
    EXTRA_COLUMN_TYPES,
    INDICATOR_COLUMNS,
    MAIN_TREE,
    TREE_SUFFIX,
    GroupKind,
    IndicatorColumn,
    IndicatorsPart,
)
from declapp.form.locations import RESERVED
from declapp.form.model import ITEM_FIELDS
from declapp.form.template_values import KEY, ValueReader


class IndicatorsReader(ValueReader):
    """The reader of a template's indicator parts."""

    def group_kind(self, raw: Any, place: str) -> GroupKind:
        r = self.obj(raw, place, ("kind", "label"),
                     ("role", "unnamed_label", "repeat", "categories", "cost_category",
                      "satisfaction_category", "optional"))
        categories = self.strings(r.get("categories", []), f"{place}.categories")
        kind = GroupKind(
            kind=self.pattern(r["kind"], f"{place}.kind", KEY, "一级指标类别"),
            label=self.text(r["label"], f"{place}.label"),
            role=self.choice(r.get("role", ""), f"{place}.role",
                             ("", "output", "effect", "satisfaction")),
            unnamed_label=self.text(r.get("unnamed_label", ""), f"{place}.unnamed_label"),
            repeat=self.flag(r.get("repeat", False), f"{place}.repeat"),
            categories=categories,
            cost_category=self.text(r.get("cost_category", ""), f"{place}.cost_category"),
            satisfaction_category=self.text(r.get("satisfaction_category", ""),
                                            f"{place}.satisfaction_category"),
            optional=self.flag(r.get("optional", False), f"{place}.optional"))
        for key in ("cost_category", "satisfaction_category"):
            name = getattr(kind, key)
            if name and name not in categories:
                raise self.fail(f"“{name}”不在 categories 中。", f"{place}.{key}")
        return kind

    def indicator_column(self, raw: Any, place: str) -> IndicatorColumn:
        r = self.obj(raw, place, ("key", "label"),
                     ("span", "type", "options", "with_sign", "with_unit", "qualitative_blank",
                      "readonly", "printed", "formula"))
        key = self.pattern(r["key"], f"{place}.key", KEY, "列标识")
        type_ = self.text(r.get("type", ""), f"{place}.type")
        if key in INDICATOR_COLUMNS and type_:
            raise self.fail(f"“{key}”是程序已知的列，不需要 type。", f"{place}.type")
        if key not in INDICATOR_COLUMNS:
            self.choice(type_, f"{place}.type", EXTRA_COLUMN_TYPES)
            if key in RESERVED or key in ITEM_FIELDS:
                raise self.fail(f"“{key}”是程序自用的名称，不能作为附加列的 key。", f"{place}.key")
        return IndicatorColumn(
            key=key, label=self.text(r["label"], f"{place}.label"),
            span=self.count(r.get("span", 1), f"{place}.span"), type=type_,
            options=self.strings(r.get("options", []), f"{place}.options"),
            with_sign=self.flag(r.get("with_sign", False), f"{place}.with_sign"),
            with_unit=self.flag(r.get("with_unit", False), f"{place}.with_unit"),
            qualitative_blank=self.flag(r.get("qualitative_blank", False),
                                        f"{place}.qualitative_blank"),
            readonly=self.flag(r.get("readonly", False), f"{place}.readonly"),
            printed=self.flag(r.get("printed", True), f"{place}.printed"),
            formula=self.choice(r.get("formula", ""), f"{place}.formula",
                                COLUMN_FORMULAS if type_ == "computed" else ("",)))

    def indicators_part(self, r: dict[str, Any], place: str) -> IndicatorsPart:
        self.obj(r, place, ("kind", "id", "levels", "columns", "groups"),
                 ("label", "label_position", "label_span", "item_separator", "optional",
                  "tab"))
        tree_id = self.pattern(r["id"], f"{place}.id", KEY, "指标表标识")
        if tree_id != MAIN_TREE and not tree_id.endswith(f"_{TREE_SUFFIX}"):
            raise self.fail(f"指标表的标识应为“{MAIN_TREE}”或以“_{TREE_SUFFIX}”结尾。",
                            f"{place}.id")
        levels = self.count(r["levels"], f"{place}.levels", 1, 3)
        columns = self.items(r["columns"], f"{place}.columns", self.indicator_column)
        keys = [c.key for c in columns]
        if len(set(keys)) != len(keys):
            raise self.fail("各列的 key 不能重复。", f"{place}.columns")
        wanted = {1: [], 2: ["level1", "level2", "items"], 3: ["level1", "level2"]}[levels]
        if keys[:len(wanted)] != wanted:
            raise self.fail(f"{levels} 级的指标表前几列应为 {'、'.join(wanted)}。",
                            f"{place}.columns")
        if levels != 2 and "items" in keys:
            raise self.fail("只有两级的指标表有“items”（具体指标）列。", f"{place}.columns")
        if levels == 1 and {"level1", "level2"} & set(keys):
            raise self.fail("一级的指标表没有一级、二级指标列。", f"{place}.columns")
        groups = self.items(r["groups"], f"{place}.groups", self.group_kind)
        if len({g.kind for g in groups}) != len(groups):
            raise self.fail("一级指标类别（kind）不能重复。", f"{place}.groups")
        if levels == 1 and (len(groups) != 1 or groups[0].repeat):
            raise self.fail("一级的指标表只能有一个不重复的类别。", f"{place}.groups")
        return IndicatorsPart(
            id=tree_id, label=self.text(r.get("label", ""), f"{place}.label"), levels=levels,
            columns=columns, groups=groups,
            label_position=self.choice(r.get("label_position", "left"),  # type: ignore[arg-type]
                                       f"{place}.label_position", ("left", "above", "joined")),
            label_span=self.count(r.get("label_span", 1), f"{place}.label_span"),
            item_separator=self.text(r.get("item_separator", "："), f"{place}.item_separator"),
            optional=self.flag(r.get("optional", False), f"{place}.optional"),
            tab=self.text(r.get("tab", ""), f"{place}.tab"))
