"""The rules a template must keep across its parts: every row fills the table's width,
ids are unique, the roles the program needs are there once, the checks name amounts the
form has. Each broken rule is reported with its place, as ``template_file`` does."""

from __future__ import annotations

from collections.abc import Callable

from declapp.errors import ClerkError
from declapp.form.definition import (
    MAIN_TREE,
    REQUIRED_ROLES,
    STAGES,
    AmountsPart,
    FieldsPart,
    FormDefinition,
    IndicatorsPart,
    Part,
    TablePart,
)

Fail = Callable[[str, str], ClerkError]
_ROLE_NAMES = {"unit_name": "单位名称（role: unit_name）",
               "notes": "其他说明（role: notes，放无处安放的内容；可设 printed: false）"}


def _width(part: Part, previous: Part | None) -> tuple[int, str]:
    """The columns *part*'s rows take, and how that was counted (for the message)."""
    if isinstance(part, FieldsPart):
        if part.labels_above:
            return part.label_span + sum(f.span for f in part.fields), "label_span + 各栏 span"
        return sum(f.label_span + f.span for f in part.fields), "各栏 label_span + span 之和"
    if isinstance(part, AmountsPart):
        return (part.label_span + part.row_label_span + sum(c.span for c in part.columns),
                "label_span + row_label_span + 各列 span")
    if isinstance(part, TablePart):
        return part.label_span + sum(c.span for c in part.columns), "label_span + 各列 span"
    columns = sum(c.span for c in part.printed_columns)
    if part.label_position == "above":
        return columns, "各列 span 之和"
    if part.label_position == "joined":
        return _left_label_span(previous) + columns, "上一部分标签列 + 各列 span"
    return part.label_span + columns, "label_span + 各列 span"


def _left_label_span(part: Part | None) -> int:
    if isinstance(part, FieldsPart):
        return part.label_span if part.labels_above else (
            part.fields[0].label_span if len(part.fields) == 1 else 0)
    if isinstance(part, AmountsPart | TablePart):
        return part.label_span
    if isinstance(part, IndicatorsPart) and part.label_position == "left":
        return part.label_span
    return 0


# Rounding in a hand-made template (72.4 + 74.0 for 146.4) is not a table off the page.
WIDTH_TOLERANCE_MM = 0.05


def check_consistency(form: FormDefinition, fail: Fail) -> None:
    n = len(form.columns_mm)
    page = form.page
    room = page.width_mm - page.left_mm - page.right_mm
    if sum(form.columns_mm) > room + WIDTH_TOLERANCE_MM:
        raise fail(f"各列宽度之和 {sum(form.columns_mm):g} 毫米超过了版心宽 {room:g} 毫米"
                   "（纸宽减左右页边距），表格会超出纸张：请减小列宽或页边距。", "columns_mm")
    previous: Part | None = None
    for i, part in enumerate(form.parts):
        width, how = _width(part, previous)
        if width != n:
            raise fail(f"这一行占 {width} 列（{how}），而表格有 {n} 列（columns_mm）。",
                       f"parts[{i}]")
        if isinstance(part, IndicatorsPart) and part.label_position == "joined" \
                and not _left_label_span(previous):
            raise fail("label_position 为 joined 时，上一部分左侧须有一个标签格可以向下合并。",
                       f"parts[{i}].label_position")
        previous = part

    seen: dict[str, str] = {}

    def claim(key: str, place: str) -> None:
        if key in seen:
            raise fail(f"标识“{key}”重复（{seen[key]} 已经用过）。", place)
        seen[key] = place

    for n_line, line in enumerate(form.above_table):
        if line.field is not None:
            claim(line.field.id, f"above_table[{n_line}].field.id")
    for i, part in enumerate(form.parts):
        if isinstance(part, FieldsPart):
            for j, f in enumerate(part.fields):
                claim(f.id, f"parts[{i}].fields[{j}].id")
        elif isinstance(part, AmountsPart):
            claim(part.id, f"parts[{i}].id")
            for j, amount in enumerate(part.stored_ids()):
                claim(amount, f"parts[{i}] 的第 {j + 1} 个金额")
        else:
            claim(part.id, f"parts[{i}].id")
    if MAIN_TREE not in seen or not any(t.id == MAIN_TREE for t in form.trees()):
        raise fail(f"模板需要一个 id 为“{MAIN_TREE}”的指标表（kind: indicators）。", "parts")

    for role in REQUIRED_ROLES:
        holders = [f for f in form.fields() if f.role == role]
        if len(holders) != 1 or holders[0].is_amount:
            raise fail(f"需要恰好一个文字栏目担任{_ROLE_NAMES[role]}，现在有 {len(holders)} 个。",
                       "parts")
    amounts = set(form.amount_ids())
    for key in ("cost_budget", "total_budget"):
        named = getattr(form.checks, key)
        if named and named not in amounts:
            raise fail(f"“{named}”不是本模板的金额栏目。", f"checks.{key}")
    _check_scoring(form, fail, amounts)
    _check_stages(form, fail)
    weights = form.checks.weights_column
    if (weights or form.checks.weights_total is not None) and not (
            weights and form.checks.weights_total is not None
            and all(t.column(weights) for t in form.trees())):
        raise fail("weights_column 与 weights_total 须同时给出，且该列须在每个指标表中。",
                   "checks")


def _check_scoring(form: FormDefinition, fail: Fail, amounts: set[str]) -> None:
    """A self-evaluation's scoring names amounts and indicator columns the form has."""
    scoring = form.scoring
    needs_scoring = any(f.formula for f in form.fields()) or any(
        c.is_computed for t in form.trees() for c in t.columns) or any(
        c.computed in ("points", "score") for p in form.amount_parts() for c in p.columns)
    if scoring is None:
        if needs_scoring:
            raise fail("有计算得分的栏目，但没有 scoring（评分设置）。", "scoring")
        return
    for key in ("budget", "spent"):
        named = getattr(scoring, key)
        if named not in amounts:
            raise fail(f"“{named}”不是本模板存放的金额。", f"scoring.{key}")
    for key in ("actual_column", "points_column", "band_column"):
        column = getattr(scoring, key)
        if not all(t.column(column) for t in form.trees()):
            raise fail(f"指标表中没有 key 为“{column}”的列。", f"scoring.{key}")
    if not all(t.column(scoring.deviation_column) for t in form.trees()):
        raise fail(f"指标表中没有 key 为“{scoring.deviation_column}”的列（得分低于分值时"
                   "要在这一列写偏差原因）。", "scoring.deviation_column")
    note = scoring.execution_note
    if note and note not in {f.id for f in form.text_fields()}:
        raise fail(f"“{note}”不是本模板的文字栏目（执行率低于 90% 时要填写它）。",
                   "scoring.execution_note")
    if scoring.execution_points + scoring.indicator_points != 100:
        raise fail(f"执行率分值 {scoring.execution_points} 与各类指标分值之和 "
                   f"{scoring.indicator_points} 应合计 100。", "scoring.points")


def _check_stages(form: FormDefinition, fail: Fail) -> None:
    """The later stages a template names, a monitoring form's settings and the months
    field name what there is: a later stage, a column of the indicator table, a text
    field of the form."""
    for stage, template in form.stages:
        if STAGES.index(stage) <= STAGES.index(form.stage) or template == form.id:
            raise fail(f"这是“{form.stage}”阶段的表，stages 只能列出以后的阶段"
                       f"（{'、'.join(STAGES[STAGES.index(form.stage) + 1:]) or '没有'}）"
                       "和它们的模板。", f"stages.{stage}")
    checks = form.checks
    tree = form.tree(MAIN_TREE)
    texts = {f.id for f in form.text_fields()}
    likelihood = tree.column(checks.likelihood_column) if checks.likelihood_column else None
    if checks.likelihood_column and likelihood is None:
        raise fail(f"指标表 {MAIN_TREE} 中没有 key 为“{checks.likelihood_column}”的列。",
                   "checks.likelihood_column")
    if likelihood is not None and likelihood.options \
            and checks.impossible not in likelihood.options:
        raise fail(f"“{checks.impossible}”不是“{likelihood.label}”列的选项"
                   f"（{'、'.join(likelihood.options)}）。", "checks.impossible")
    if checks.measures_column and tree.column(checks.measures_column) is None:
        raise fail(f"指标表 {MAIN_TREE} 中没有 key 为“{checks.measures_column}”的列。",
                   "checks.measures_column")
    if checks.measures_field and checks.measures_field not in texts:
        raise fail(f"“{checks.measures_field}”不是本模板的文字栏目。", "checks.measures_field")
    months = [f for f in form.fields() if f.role == "months"]
    if len(months) > 1:
        raise fail(f"至多一个栏目担任监控的月份（role: months），现在有 {len(months)} 个。",
                   "parts")
    if months and months[0].id not in texts:
        raise fail(f"担任监控的月份（role: months）的“{months[0].id}”应是文字或选择栏目。",
                   "parts")
