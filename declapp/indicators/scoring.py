"""Scoring a self-evaluation (绩效自评), exactly, with the reason for every figure.

The rules (财预〔2020〕10号 and the budget systems' published configuration):

- 执行率 = 全年执行数 ÷ 全年预算数; its score = 执行率 × 分值 (10), at most 分值.
- An indicator's 分值 defaults to the template's points by kind of 一级指标 (产出 50,
  效益 30, 满意度 10), shared evenly among its items; the clerk may change it.
- ≥ ＞ (positive): actual ≥ target → full 分值; else 分值 × actual ÷ target.
- ≤ ＜ (reverse): actual ≤ target → full; target < actual < 2 × target →
  分值 × (1 − (actual − target) ÷ target); at 2 × target or more → 0.
- ＝: as positive; a target of 0 scores full when actual ≤ 0, else 0 (so do ≥ and ≤).
- 定性: the clerk chooses a band: 达成年度指标 80–100 % of 分值, 部分达成并具有一定效果
  60–80 %, 未达成且效果较差 0–60 %; the score is the band's top unless the clerk gives one
  within the band.
- actual ≥ 120 % of a positive target is flagged as over-completion, to be explained.
- Scores have 2 decimal places (rounded half up); grades: 优 ≥ 90, 良 ≥ 80, 中 ≥ 60, 差.

A value that cannot be compared — text where a number is needed, another unit, no
target — gets no score and a ``problem`` that the checks report; nothing is guessed.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from declapp.form.definition import FormDefinition, ScoringSettings
from declapp.form.model import (
    MAIN_TREE,
    NUMERIC_OPS,
    OP_EQ,
    OP_LE,
    OP_LT,
    OP_QUALITATIVE,
    Draft,
    Item,
)
from declapp.indicators.measures import half_width, parse_number, parse_value

CENT = Decimal("0.01")
HUNDRED = Decimal(100)
OVER_COMPLETION = Decimal("1.2")
EXECUTION_FLOOR = Decimal(90)  # an 执行率 below this must be explained
# 定性 bands: (name, lowest share, highest share) of the 分值.
BANDS = (("达成年度指标", Decimal("0.8"), Decimal(1)),
         ("部分达成并具有一定效果", Decimal("0.6"), Decimal("0.8")),
         ("未达成且效果较差", Decimal(0), Decimal("0.6")))
GRADES = ((Decimal(90), "优"), (Decimal(80), "良"), (Decimal(60), "中"), (Decimal(0), "差"))
SCORE_KEY = "score"  # where a 定性 score the clerk gives is kept (Item.extra)


def cents(value: Decimal) -> Decimal:
    return value.quantize(CENT, rounding=ROUND_HALF_UP)


def shown(value: Decimal) -> str:
    """A figure in a reason: ``95``, ``92.5`` (no trailing zeros, never 1E+2)."""
    text = f"{value.normalize():f}"
    return text


@dataclass(frozen=True)
class Score:
    points: Decimal | None  # 分值; None when not a number
    score: Decimal | None  # 得分; None when it cannot be computed
    reason: str  # 实际 92 ÷ 目标 95 × 分值 10 = 9.68
    problem: str = ""  # why there is no score (for the checks)
    over: bool = False  # actual ≥ 120 % of a positive target

    @property
    def full(self) -> bool:
        return self.score is not None and self.points is not None and self.score >= self.points


def target_of(item: Item, scoring: ScoringSettings) -> tuple[str, str, str]:
    """(sign, value, unit) the item is judged against: the adjusted target when there is
    one (调整后), else the declared one; a free-text item's value as split."""
    adjusted = item.extra.get(scoring.adjusted_column, "").strip()
    if item.is_structured:
        value = adjusted or item.value.strip()
        return item.op, value, item.unit.strip()
    parsed = parse_value(adjusted or item.value)
    if parsed is None:
        return "", (adjusted or item.value).strip(), ""
    return parsed.op, parsed.value, parsed.unit


def _actual(text: str) -> tuple[Decimal | None, str]:
    """The number and unit of an actual value as typed: ``96``, ``96%``, ``约96.5 %``."""
    number = parse_number(text)
    if number is not None:
        return number, ""
    parsed = parse_value(text)
    if parsed is None or parsed.op == OP_QUALITATIVE:
        return None, ""
    return parse_number(parsed.value), parsed.unit


def _same_unit(a: str, b: str) -> bool:
    return half_width(a).strip() == half_width(b).strip()


def item_score(item: Item, scoring: ScoringSettings) -> Score:
    """The 得分 of *item* and why."""
    points = parse_number(item.extra.get(scoring.points_column, "").strip() or "x")
    if points is None:
        return Score(None, None, "", "分值不是数字，无法计算得分。")
    op, target_text, unit = target_of(item, scoring)
    band = item.extra.get(scoring.band_column, "").strip()
    if op == OP_QUALITATIVE or (not op and band):
        return _qualitative(item, points, band)
    if op not in NUMERIC_OPS:
        return Score(points, None, "", "指标值不是“计算符号＋数字”，无法计算得分：请选择"
                     "定性指标完成程度，或把该指标转为结构化。")
    target = parse_number(target_text)
    if target is None:
        return Score(points, None, "", f"指标值“{target_text}”不是数字，无法计算得分。")
    actual_text = item.extra.get(scoring.actual_column, "").strip()
    if not actual_text:
        return Score(points, None, "", "没有填写实际完成值。")
    actual, actual_unit = _actual(actual_text)
    if actual is None:
        return Score(points, None, "", f"实际完成值“{actual_text}”不是数字，无法与指标值 "
                     f"{target_text}{unit} 比较。")
    if actual_unit and unit and not _same_unit(actual_unit, unit):
        return Score(points, None, "", f"实际完成值的单位“{actual_unit}”与指标值的单位"
                     f"“{unit}”不同，无法比较。")
    if op in (OP_LE, OP_LT):
        return _reverse(points, target, actual)
    return _positive(points, target, actual, op)


def _positive(points: Decimal, target: Decimal, actual: Decimal, op: str) -> Score:
    a, t, p = shown(actual), shown(target), shown(points)
    if target <= 0:
        if actual <= 0 or (op != OP_EQ and actual >= target):
            return Score(points, cents(points), f"目标 {t}，实际 {a}：得满分 {p}")
        return Score(points, cents(Decimal(0)), f"目标 {t}，实际 {a}：0 分")
    over = actual >= target * OVER_COMPLETION
    if actual >= target:
        note = "（超过目标的 120%）" if over else ""
        return Score(points, cents(points), f"实际 {a} ≥ 目标 {t}：得满分 {p}{note}", over=over)
    score = cents(max(Decimal(0), points * actual / target))
    return Score(points, score, f"实际 {a} ÷ 目标 {t} × 分值 {p} = {shown(score)}")


def _reverse(points: Decimal, target: Decimal, actual: Decimal) -> Score:
    a, t, p = shown(actual), shown(target), shown(points)
    if actual <= target:
        return Score(points, cents(points), f"实际 {a} ≤ 目标 {t}：得满分 {p}")
    if target <= 0 or actual >= 2 * target:
        return Score(points, cents(Decimal(0)), f"实际 {a} ≥ 目标的 2 倍 {shown(2 * target)}："
                     "0 分" if target > 0 else f"目标 {t}，实际 {a}：0 分")
    score = cents(points * (1 - (actual - target) / target))
    return Score(points, score, f"(1 − (实际 {a} − 目标 {t}) ÷ 目标 {t}) × 分值 {p} = "
                 f"{shown(score)}")


def _qualitative(item: Item, points: Decimal, band: str) -> Score:
    found = next((b for b in BANDS if b[0] == band), None)
    if found is None:
        return Score(points, None, "", "定性指标：请选择完成程度（达成年度指标、"
                     "部分达成并具有一定效果、未达成且效果较差）。")
    name, low, high = found
    given = parse_number(item.extra.get(SCORE_KEY, "").strip() or "x")
    range_text = f"{shown(low * HUNDRED)}%–{shown(high * HUNDRED)}%"
    if given is not None:
        if not points * low <= given <= points * high:
            return Score(points, None, "", f"定性指标“{name}”的得分应在分值的 {range_text} "
                         f"之间（{shown(cents(points * low))}–{shown(cents(points * high))}），"
                         f"填的是 {shown(given)}。")
        return Score(points, cents(given), f"定性：{name}（{range_text}），评定得分 "
                     f"{shown(cents(given))}")
    score = cents(points * high)
    return Score(points, score, f"定性：{name}（{range_text}）× 分值 {shown(points)} = "
                 f"{shown(score)}")


# --- the form as a whole ---------------------------------------------------------------------

@dataclass(frozen=True)
class Execution:
    rate: Decimal | None  # per cent, 2 places
    points: Decimal
    score: Decimal | None
    reason: str
    problem: str = ""


def execution(draft: Draft, scoring: ScoringSettings) -> Execution:
    """执行率 and its score: 全年执行数 ÷ 全年预算数 × 分值, at most 分值."""
    budget, spent = draft.amount(scoring.budget), draft.amount(scoring.spent)
    points = scoring.execution_points
    if budget <= 0:
        return Execution(None, points, None, "", "全年预算数为 0，无法计算执行率。")
    rate = cents(spent / budget * HUNDRED)
    score = cents(min(points, spent / budget * points))
    return Execution(rate, points, score, f"执行率 {shown(spent)} ÷ {shown(budget)} = "
                     f"{shown(rate)}%，× 分值 {shown(points)} = {shown(score)}（至多 "
                     f"{shown(points)}）")


@dataclass(frozen=True)
class Evaluation:
    execution: Execution
    items: list[tuple[tuple[int, int, int], Item, Score]]
    points_total: Decimal | None
    total: Decimal
    complete: bool  # every figure could be computed

    @property
    def grade(self) -> str:
        return grade(self.total)


def grade(total: Decimal) -> str:
    return next(name for floor, name in GRADES if total >= floor)


def evaluate(draft: Draft, form: FormDefinition, tree: str = MAIN_TREE) -> Evaluation | None:
    """The whole self-evaluation of *draft*, or None when its form is not scored."""
    scoring = form.scoring
    if scoring is None:
        return None
    run = execution(draft, scoring)
    items = []
    for gi, group in enumerate(draft.trees.get(tree, [])):
        for ci, category in enumerate(group.categories):
            for ii, item in enumerate(category.items):
                items.append(((gi, ci, ii), item, item_score(item, scoring)))
    points = [s.points for _p, _i, s in items]
    points_total = None if any(p is None for p in points) else \
        run.points + sum((p for p in points if p is not None), Decimal(0))
    scores = [s.score for _p, _i, s in items]
    total = cents((run.score or Decimal(0)) + sum((s for s in scores if s is not None),
                                                  Decimal(0)))
    complete = run.score is not None and all(s is not None for s in scores)
    return Evaluation(run, items, points_total, total, complete)


def default_points(draft: Draft, form: FormDefinition, tree: str = MAIN_TREE
                   ) -> dict[tuple[int, int, int], Decimal]:
    """Each item's 分值 by the template: the points of its group's role (产出 50 …), the
    points of a role the draft has no item of shared among the others in proportion,
    each role's points evenly among its items (the last takes the cents left over)."""
    scoring = form.scoring
    if scoring is None:
        return {}
    part = form.find_tree(tree)
    by_role: dict[str, list[tuple[int, int, int]]] = {}
    for gi, group in enumerate(draft.trees.get(tree, [])):
        kind = part.group_kind(group.kind) if part else None
        role = kind.role if kind and kind.role else "output"
        for ci, category in enumerate(group.categories):
            for ii, _item in enumerate(category.items):
                by_role.setdefault(role, []).append((gi, ci, ii))
    wanted = dict(scoring.points)
    present = {r: p for r, p in wanted.items() if by_role.get(r)}
    others = [r for r in by_role if r not in wanted]
    if not present and others:
        present = {r: Decimal(0) for r in others}
    share_total = sum(present.values(), Decimal(0))
    result: dict[tuple[int, int, int], Decimal] = {}
    for role, paths in by_role.items():
        if role not in present:
            continue
        role_points = scoring.indicator_points * present[role] / share_total \
            if share_total else scoring.indicator_points / len(present)
        each = cents(role_points / len(paths))
        for path in paths:
            result[path] = each
        result[paths[-1]] = cents(role_points - each * (len(paths) - 1))
    if result:  # rounding of the roles: the last item of all makes the total exact
        last = max(result)
        result[last] += scoring.indicator_points - sum(result.values(), Decimal(0))
    return result


def band_names() -> tuple[str, ...]:
    return tuple(name for name, _low, _high in BANDS)

