"""Rules on the structure of the indicator tree."""

from __future__ import annotations

from collections.abc import Iterator

from declapp.checks.findings import ERROR, WARNING, CheckContext, Finding
from declapp.form import locations as loc
from declapp.form.model import EFFECT, OUTPUT
from declapp.form.text import is_blank
from declapp.indicators.wording import same_indicator


def structure(ctx: CheckContext) -> Iterator[Finding]:
    draft, profile = ctx.draft, ctx.profile
    if not draft.output_groups():
        yield Finding("no-output-group", ERROR, "没有产出指标：至少需要一个产出指标。",
                      "indicators")
    effects = draft.effect_groups()
    if not effects:
        yield Finding("no-effect-group", ERROR, "没有效果指标。", "indicators")
    elif len(effects) > 1:
        yield Finding("extra-effect-group", ERROR,
                      f"效果指标只能有一个，现在有 {len(effects)} 个。", "indicators")
    labels = profile.group_labels(draft)
    for gi, group in enumerate(draft.indicators):
        g_loc = loc.group(gi)
        label = labels[gi]
        if group.kind == OUTPUT and is_blank(group.name):
            yield Finding("group-name-missing", WARNING,
                          f"{label} 没有名称（例如“城市管理和环境建设”）。", loc.group(gi, "name"))
        present = {c.name.strip() for c in group.categories}
        # A missing or empty 服务对象满意度指标 is reported once, with the reviewer's
        # reason, by reviewer_rules.
        missing = [n for n in profile.categories_for(group.kind)
                   if n not in present and n != profile.satisfaction_category]
        if missing:
            yield Finding("category-missing", WARNING,
                          f"{label} 缺少二级指标：{'、'.join(missing)}。", g_loc)
        for ci, category in enumerate(group.categories):
            c_loc = loc.category(gi, ci)
            name = "（未命名的二级指标）" if is_blank(category.name) else category.name.strip()
            if is_blank(category.name):
                yield Finding("category-name-missing", WARNING,
                              f"{label} 下有一个二级指标没有名称。", loc.category(gi, ci, "name"))
            satisfaction = group.kind == EFFECT and name == profile.satisfaction_category
            if not category.items and not satisfaction:
                yield Finding("category-empty", WARNING, f"{label} 的“{name}”没有具体指标。",
                              c_loc)
            for ii, item in enumerate(category.items):
                if item.is_blank:  # half-filled structured items: see reviewer_rules
                    yield Finding("item-empty", WARNING,
                                  f"{label} 的“{name}”第 {ii + 1} 项是空的。",
                                  loc.item(gi, ci, ii, "content"))
    if draft.effect_out_of_place():
        effect = next(i for i, g in enumerate(draft.indicators) if g.kind == EFFECT)
        yield Finding("effect-not-last", WARNING,
                      "效果指标应排在所有产出指标之后。导出和打印时会按这个顺序排列；"
                      "请在“绩效指标”中把产出指标移到效果指标之前。", loc.group(effect))
    for gi, group in enumerate(draft.indicators):
        if group.kind == EFFECT and not is_blank(group.name):
            yield Finding("effect-name", WARNING,
                          "效果指标不打印名称，填写的名称不会出现在表上。",
                          loc.group(gi, "name"))


def duplicates(ctx: CheckContext) -> Iterator[Finding]:
    """The same indicator twice in one 二级指标 (a 指标库 hit inserted twice, a line pasted
    again): the form would print it twice."""
    labels = ctx.profile.group_labels(ctx.draft)
    for gi, group in enumerate(ctx.draft.indicators):
        for ci, category in enumerate(group.categories):
            name = category.name.strip() or "二级指标"
            for ii, item in enumerate(category.items):
                first = next((n for n, other in enumerate(category.items[:ii])
                              if same_indicator(other, item)), None)
                if first is not None:
                    yield Finding("item-duplicate", WARNING,
                                  f"{labels[gi]} 的“{name}”第 {ii + 1} 项与第 {first + 1} 项"
                                  "完全相同，表上会印两遍：请删除其中一项或改写。",
                                  loc.item(gi, ci, ii, "content"))


RULES = [structure, duplicates]
