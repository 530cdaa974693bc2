"""What a reviewer applies to a monitoring (监控) or self-evaluation (自评) form.

- a score below full 分值 without 偏差原因分析 is sent back; so is an 执行率 below 90 %
  without a word, and a figure the program cannot score (text where a number is needed,
  another unit) — nothing is guessed;
- over-completion (≥ 120 % of the target) wants a word: the target was set too low;
- 分值 must add up to 100 (执行率 included);
- a score kept in the file that is not the score of its values (a hand-edited file);
- in 监控, an indicator that will 完全不可能 be met needs 纠偏措施.
"""

from __future__ import annotations

from collections.abc import Iterator

from declapp.checks.findings import ERROR, WARNING, CheckContext, Finding
from declapp.form import locations as loc
from declapp.form.model import MAIN_TREE, Item
from declapp.form.money import format_amount
from declapp.form.text import is_blank
from declapp.indicators.scoring import EXECUTION_FLOOR, SCORE_KEY, evaluate, item_score
from declapp.indicators.wording import printed_text

HUNDRED = 100


def _name(item: Item) -> str:
    return printed_text(item).split("\n")[0][:24] or "（空白指标）"


def self_evaluation(ctx: CheckContext) -> Iterator[Finding]:
    draft, form = ctx.draft, ctx.form
    scoring = form.scoring
    result = evaluate(draft, form)
    if scoring is None or result is None:
        return
    run = result.execution
    if run.problem:
        yield Finding("execution-unknown", ERROR, f"预算执行率：{run.problem}", scoring.budget)
    elif run.rate is not None and run.rate < EXECUTION_FLOOR and scoring.execution_note \
            and is_blank(draft.text(scoring.execution_note)):
        yield Finding("execution-low", ERROR,
                      f"预算执行率 {format_amount(run.rate)}% 低于 {EXECUTION_FLOOR}%：审核时要求"
                      f"说明原因，请填写“{form.label(scoring.execution_note)}”。",
                      scoring.execution_note)
    if result.points_total is not None and result.points_total != HUNDRED:
        yield Finding("points-total", ERROR,
                      f"分值合计 {format_amount(result.points_total)}，应为 100（执行率 "
                      f"{format_amount(run.points)} 分加各项指标的分值）。",
                      loc.group(0, tree=MAIN_TREE) if draft.indicators else "indicators")
    deviation = scoring.deviation_column
    for (g, c, i), item, score in result.items:
        at = loc.item(g, c, i, tree=MAIN_TREE)
        name = _name(item)
        explained = not is_blank(item.extra.get(deviation, ""))
        if score.problem:
            yield Finding("score-unknown", ERROR, f"“{name}”：{score.problem}",
                          f"{at}.{scoring.actual_column}")
            continue
        if score.score is not None and not score.full and not explained:
            full = format_amount(score.points) if score.points is not None else ""
            yield Finding("score-without-cause", ERROR,
                          f"“{name}”得分 {format_amount(score.score)}，低于分值 {full}："
                          "审核时要求填写偏差原因分析及改进措施。", f"{at}.{deviation}")
        if score.over and not explained:
            yield Finding("over-completion", WARNING,
                          f"“{name}”的实际完成值超过目标的 120%：请说明原因（目标是否定得偏低）。",
                          f"{at}.{deviation}")
        stored = item.extra.get(SCORE_KEY, "").strip()
        numeric = item_score(_without_score(item), scoring)
        if stored and numeric.score is not None and not numeric.problem \
                and item.op != "定性" and stored != format_amount(numeric.score):
            yield Finding("score-mismatch", ERROR,
                          f"“{name}”文件中记的得分 {stored} 与按实际完成值计算的 "
                          f"{format_amount(numeric.score)} 不同（文件可能被手工改过）：以计算为准，"
                          "请删去记下的得分。", f"{at}.{SCORE_KEY}")


def _without_score(item: Item) -> Item:
    copy = Item(**{k: getattr(item, k) for k in ("content", "value", "name", "op", "unit",
                                                  "explanation", "scoring")})
    copy.extra = {k: v for k, v in item.extra.items() if k != SCORE_KEY}
    return copy


def monitoring(ctx: CheckContext) -> Iterator[Finding]:
    draft, settings = ctx.draft, ctx.form.checks
    column = settings.likelihood_column
    if not column:
        return
    field_said = bool(settings.measures_field) and not is_blank(
        draft.text(settings.measures_field))
    for g, group in enumerate(draft.indicators):
        for c, category in enumerate(group.categories):
            for i, item in enumerate(category.items):
                if item.extra.get(column, "").strip() != settings.impossible:
                    continue
                said = not is_blank(item.extra.get(settings.measures_column, ""))
                if not said and not field_said:
                    yield Finding("impossible-without-measures", ERROR,
                                  f"“{_name(item)}”预计{settings.impossible}完成目标：请写明纠偏措施。",
                                  loc.item(g, c, i, settings.measures_column or column))


RULES = [self_evaluation, monitoring]
