"""Rules on the structure of each indicator tree, as its template declares it: the kinds
of 一级指标 (repeating ones at least once, fixed ones exactly once, in the template's
order), names where the form prints them, the standard 二级指标, no empty items."""

from __future__ import annotations

import re
from collections.abc import Iterator

from declapp.checks.catalog import kind_ids
from declapp.checks.findings import ERROR, WARNING, CheckContext, Finding
from declapp.form import locations as loc
from declapp.form.definition import GroupKind, IndicatorsPart
from declapp.form.model import Group
from declapp.form.text import is_blank
from declapp.indicators.wording import indicator_key, is_printed

_PLACEHOLDER = re.compile(r"[（(：:]?\{name\}[）)]?|\{number\}")


def kind_name(kind: GroupKind) -> str:
    """What a kind of group is called: ``产出指标{number}（{name}）`` → 产出指标."""
    return _PLACEHOLDER.sub("", kind.label).strip() or kind.kind


def _kinds(ctx: CheckContext, part: IndicatorsPart, groups: list[Group]) -> Iterator[Finding]:
    for kind in part.groups:
        present = [g for g in groups if g.kind == kind.kind]
        missing_id, extra_id = kind_ids(kind)
        name = kind_name(kind)
        if not present and not kind.optional:
            more = f"：至少需要一个{name}" if kind.repeat else ""
            yield Finding(missing_id, ERROR, f"没有{name}{more}。", part.id)
        elif len(present) > 1 and not kind.repeat:
            yield Finding(extra_id, ERROR, f"{name}只能有一个，现在有 {len(present)} 个。",
                          part.id)
    for gi, group in enumerate(groups):
        if part.group_kind(group.kind) is None:
            known = "、".join(f"“{k.kind}”" for k in part.groups)
            yield Finding("group-kind-unknown", ERROR,
                          f"第 {gi + 1} 个一级指标的类别“{group.kind}”不是本模板的类别"
                          f"（{known}），导出时排在最后。", loc.group(gi, tree=part.id))
    orders = [part.kind_order(g.kind) for g in groups]
    out_of_order = next(((i, j) for i in range(len(groups)) for j in range(i + 1, len(groups))
                         if orders[i] > orders[j]), None)
    if out_of_order is not None:
        i, j = out_of_order
        later, earlier = (part.group_kind(groups[n].kind) for n in (i, j))
        late = kind_name(later) if later else groups[i].kind
        early = kind_name(earlier) if earlier else groups[j].kind
        yield Finding("effect-not-last", WARNING,
                      f"{late}应排在所有{early}之后。导出和打印时会按这个顺序排列；"
                      f"请在“绩效指标”中把{early}移到{late}之前。", loc.group(i, tree=part.id))


def _groups(ctx: CheckContext, part: IndicatorsPart, groups: list[Group]) -> Iterator[Finding]:
    labels = part.group_labels(groups)
    for gi, group in enumerate(groups):
        kind = part.group_kind(group.kind)
        label = labels[gi]
        if kind is not None and kind.named and kind.repeat and is_blank(group.name):
            yield Finding("group-name-missing", WARNING,
                          f"{label} 没有名称（例如“城市管理和环境建设”）。",
                          loc.group(gi, "name", part.id))
        elif kind is not None and not kind.named and not is_blank(group.name):
            yield Finding("effect-name", WARNING,
                          f"{kind_name(kind)}不打印名称，填写的名称不会出现在表上。",
                          loc.group(gi, "name", part.id))
        if part.levels == 1:
            yield from _items(part, gi, group, label)
            continue
        present = {c.name.strip() for c in group.categories}
        satisfaction = kind.satisfaction_category if kind else ""
        # A missing or empty satisfaction category is reported once, with the
        # reviewer's reason, by reviewer_rules.
        missing = [n for n in (kind.categories if kind else ())
                   if n not in present and n != satisfaction]
        if missing:
            yield Finding("category-missing", WARNING,
                          f"{label} 缺少二级指标：{'、'.join(missing)}。",
                          loc.group(gi, tree=part.id))
        for ci, category in enumerate(group.categories):
            name = "（未命名的二级指标）" if is_blank(category.name) else category.name.strip()
            if is_blank(category.name):
                yield Finding("category-name-missing", WARNING,
                              f"{label} 下有一个二级指标没有名称。",
                              loc.category(gi, ci, "name", part.id))
            if not category.items and not (satisfaction and name == satisfaction):
                yield Finding("category-empty", WARNING, f"{label} 的“{name}”没有具体指标。",
                              loc.category(gi, ci, tree=part.id))
            for ii, item in enumerate(category.items):
                if item.is_blank:  # half-filled structured items: see reviewer_rules
                    yield Finding("item-empty", WARNING,
                                  f"{label} 的“{name}”第 {ii + 1} 项是空的。",
                                  loc.item(gi, ci, ii, "content", part.id))


def _items(part: IndicatorsPart, gi: int, group: Group, label: str) -> Iterator[Finding]:
    """A flat list (重庆): its items, numbered across the hidden category."""
    number = 0
    for ci, category in enumerate(group.categories):
        for ii, item in enumerate(category.items):
            number += 1
            if item.is_blank:
                yield Finding("item-empty", WARNING, f"第 {number} 项指标是空的。",
                              loc.item(gi, ci, ii, "content", part.id))
    if not number and not part.optional:
        yield Finding("category-empty", WARNING, "还没有填写任何绩效指标。",
                      loc.group(gi, tree=part.id))


def structure(ctx: CheckContext) -> Iterator[Finding]:
    for part in ctx.form.trees():
        groups = ctx.draft.trees.get(part.id, [])
        if part.optional and not any(c.items for g in groups for c in g.categories):
            continue
        yield from _kinds(ctx, part, groups)
        yield from _groups(ctx, part, groups)


def duplicates(ctx: CheckContext) -> Iterator[Finding]:
    """The same indicator twice in one 二级指标 (a 指标库 hit inserted twice, a line pasted
    again): the form would print it twice."""
    for part in ctx.form.trees():
        groups = ctx.draft.trees.get(part.id, [])
        labels = part.group_labels(groups)
        for gi, group in enumerate(groups):
            for ci, category in enumerate(group.categories):
                where = f"{labels[gi]} 的“{category.name.strip() or '二级指标'}”" \
                    if part.levels > 1 else ""
                firsts: dict[tuple[str, ...], int] = {}
                for ii, item in enumerate(category.items):
                    if not is_printed(item):  # blank lines still to fill are never the same
                        continue
                    first = firsts.setdefault(indicator_key(item), ii)
                    if first != ii:
                        yield Finding("item-duplicate", WARNING,
                                      f"{where}第 {ii + 1} 项与第 {first + 1} 项完全相同，"
                                      "表上会印两遍：请删除其中一项或改写。",
                                      loc.item(gi, ci, ii, "content", part.id))


RULES = [structure, duplicates]
