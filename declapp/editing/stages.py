"""The stages of one year's draft: 申报 in January, 监控 in summer, 自评 in December.

``to_stage`` makes the next stage's draft from a draft: its template is the one the
draft's template names for that stage (``stages`` in the template file), every value
moves to its place there (``switch``), and what the stage's form does not print stays
in the draft for the next one. Every indicator keeps its name, sign, target and unit —
the stage's form shows them read-only — and gets an identity (``Item.uid``) that follows
it through the year; a 自评 gets each indicator's default 分值 and the 全年预算数 of the
year's budget.
"""

from __future__ import annotations

import os

from declapp.editing.switch import switched
from declapp.errors import ClerkError
from declapp.form.definition import STAGES, FormDefinition
from declapp.form.model import MAIN_TREE, Draft
from declapp.form.money import to_json
from declapp.form.templates import load_template
from declapp.indicators.scoring import default_points


class StageError(ClerkError):
    """A draft that cannot go on to the stage asked for; ``message`` says why."""


def next_stages(form: FormDefinition) -> list[str]:
    """The stages a draft of *form* can go on to, in the year's order."""
    after = STAGES[STAGES.index(form.stage) + 1:] if form.stage in STAGES else ()
    return [s for s in after if form.stage_template(s)]


def stage_word(stage: str) -> str:
    return {"监控": "年中监控", "自评": "年末自评", "申报": "申报"}.get(stage, stage)


def to_stage(draft: Draft, form: FormDefinition, stage: str) -> Draft:
    """*draft* (of *form*) as the start of its *stage* draft; *draft* is not changed."""
    if stage not in STAGES:
        raise StageError(f"没有“{stage}”这个阶段：应为 {'、'.join(STAGES[1:])}。")
    if stage not in next_stages(form):
        if form.stage in STAGES and STAGES.index(stage) <= STAGES.index(form.stage):
            raise StageError(f"这份草稿已经是“{form.stage}”阶段（{form.name}），"
                             f"不能再转入“{stage}”。")
        raise StageError(f"“{form.name}”没有对应的{stage_word(stage)}表格模板。")
    target = load_template(form.stage_template(stage))
    result = switched(draft, form, target, keep=True)
    for _tree, groups in result.all_groups():
        for group in groups:
            for category in group.categories:
                for item in category.items:
                    item.uid = item.uid or os.urandom(6).hex()
                    item.carried = False
    result.carried.clear()
    scoring = target.scoring
    if scoring is not None:
        key = scoring.points_column
        for (g, c, i), points in default_points(result, target, MAIN_TREE).items():
            item = result.trees[MAIN_TREE][g].categories[c].items[i]
            if not item.extra.get(key, "").strip():
                item.extra[key] = to_json(points)
        # 全年预算数 starts as the 年初预算数 of each row; the clerk changes what changed.
        column = scoring.budget.partition("@")[2]
        for key in [k for k in result.amounts if column and k.endswith(f"@{column}")]:
            if result.amounts[key] == 0:
                result.amounts[key] = result.amount(key.rpartition("@")[0])
    return result
