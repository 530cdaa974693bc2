"""``declapp template check FILE`` and ``declapp template list``: for the IT person of a
财政局 who writes a template, and for a clerk who wants to know which forms the program
knows.

``check`` reads one template file as the program would (``template_file``), then asks
what only the rest of the program knows: whether ``checks.disabled`` names real checks,
and whether the id is free. It prints a summary of the form — its parts in print order,
their fields, columns and indicator trees — so that the writer sees what the program
understood. Exit 0 when the file can be used, 2 with one sentence naming the file and
the place when it cannot.
"""

from __future__ import annotations

import argparse
import difflib
import sys
from collections.abc import Iterable
from pathlib import Path

from declapp.form.definition import (
    ROLES,
    AmountColumn,
    AmountsPart,
    FieldDef,
    FieldsPart,
    FormDefinition,
    IndicatorsPart,
    Part,
    TablePart,
    strip_colon,
)
from declapp.form.template_file import TemplateError, read_template_file
from declapp.form.templates import (
    DEFAULT_TEMPLATE,
    available_templates,
    bundled_folder,
    load_template,
    template_groups,
    template_problems,
    user_folders,
)

EXIT_OK, EXIT_BAD = 0, 2
TYPE_NAMES = {"text": "文字", "longtext": "多行文字", "person": "人名", "phone": "电话",
              "date": "日期", "choice": "选择", "amount": "金额", "computed": "程序算出"}
ROLE_NAMES = dict(zip(ROLES, ("单位名称", "其他说明", "监控的月份"), strict=True))
EXTRA_TYPE_NAMES = {"text": "文字", "number": "数", "choice": "选择", "computed": "程序算出"}
FORMULA_NAMES = {"points_total": "总分", "total_score": "得分", "grade": "自评等级",
                 "execution_rate": "预算执行率", "execution_score": "执行率得分", "score": "得分"}
AMOUNT_COLUMN_NAMES = {"share": "占比", "rate": "执行率", "points": "执行率的分值",
                       "score": "执行率得分"}
GROUP_ROLE_NAMES = {"output": "产出", "effect": "效果", "satisfaction": "满意度"}
STAGE_WORDS = {"申报": "申报", "监控": "年中监控", "自评": "年末自评"}
LEVEL_NAMES = {1: "不分级的指标清单", 2: "两级（一级、二级指标，具体指标）",
               3: "三级（一级、二级、三级指标）"}
COLUMN_NAMES = {"level1": "一级指标", "level2": "二级指标", "items": "具体指标",
                "name": "指标名称", "op": "计算符号", "value": "指标值", "unit": "计量单位",
                "value_type": "指标值类型", "explanation": "指标解释", "scoring": "评（扣）分标准",
                "content": "指标内容"}
# A table may be narrower than the page; wider, it would be cut off.
WIDTH_TOLERANCE_MM = 0.05


# --- template check -------------------------------------------------------------------------

def _join(words: Iterable[str]) -> str:
    return "、".join(words)


def _field_line(f: FieldDef) -> str:
    notes = [f.id, TYPE_NAMES[f.type]]
    if f.formula:
        notes[-1] += f"：{FORMULA_NAMES[f.formula]}"
    if f.options:
        notes[-1] += f"（{_join(f.options)}）"
    if f.required == "error":
        notes.append("必填")
    elif f.required == "warning":
        notes.append("不填时提示写“无”")
    if f.role:
        notes.append(f"担任{ROLE_NAMES[f.role]}")
    if not f.printed:
        notes.append("不打印")
    if f.total:
        notes.append("合计")
    return f"{strip_colon(f.label) or '（无标签）'}［{'，'.join(notes)}］"


def _part_lines(part: Part) -> list[str]:
    tab = f"（页签“{part.tab}”）" if part.tab else ""
    if isinstance(part, FieldsPart):
        head = f"栏目{tab}"
        if part.labels_above:
            head += f"：“{strip_colon(part.label)}”下并排"
        return [head, *(f"    {_field_line(f)}" for f in part.fields)]
    if isinstance(part, AmountsPart):
        lines = [f"金额块 {part.id}“{strip_colon(part.label)}”{tab}"]
        columns = [_amount_column(part, c) for c in part.columns]
        if len(columns) > 1:
            lines.append(f"    列：{_join(columns)}")
        for section in part.sections:
            heading = f"{strip_colon(section.heading)}：" if section.heading else ""
            lines.append(f"    {heading}{_join(_field_line(r) for r in section.rows)}")
        for first, second in part.agree:
            lines.append(f"    {first} 应等于 {second}")
        return lines
    if isinstance(part, TablePart):
        lines = [f"表格 {part.id}“{strip_colon(part.label)}”{tab}，一行一个“{part.row_name}”"]
        for c in part.columns:
            notes = [c.key, TYPE_NAMES[c.type]]
            if c.required:
                notes.append("必填")
            if c.sum_of:
                notes.append(f"= {' + '.join(c.sum_of)}")
            lines.append(f"    {strip_colon(c.label)}［{'，'.join(notes)}］")
        if part.totals_label:
            lines.append(f"    合计行：{part.totals_label}")
        return lines
    return _tree_lines(part, tab)


def _amount_column(part: AmountsPart, column: AmountColumn) -> str:
    """A column of an amounts block as the writer meant it: 执行率［= executed ÷ 年初预算数］."""
    label = strip_colon(column.label) or "本年"
    if not column.computed:
        return label
    what = f"程序算出：{AMOUNT_COLUMN_NAMES[column.computed]}"
    if column.computed == "rate":
        named = {c.key: strip_colon(c.label) or c.key or "本年" for c in part.columns}
        what += f" = {named[column.of[0]]} ÷ {named[column.of[1]]}"
    return f"{label}［{what}］"


def _tree_lines(part: IndicatorsPart, tab: str) -> list[str]:
    optional = "，没有指标时不打印" if part.optional else ""
    lines = [f"指标表 {part.id}“{strip_colon(part.label)}”{tab}：{LEVEL_NAMES[part.levels]}"
             f"{optional}"]
    columns = []
    for c in part.columns:
        notes = [c.key]
        if c.is_extra:
            type_name = EXTRA_TYPE_NAMES.get(c.type, c.type)
            if c.formula:
                type_name += f"：{FORMULA_NAMES[c.formula]}"
            notes.append(f"附加列，{type_name}")
        elif strip_colon(c.label).lstrip("*") != COLUMN_NAMES[c.key]:
            notes.append(COLUMN_NAMES[c.key])
        if c.readonly:
            notes.append("只读")
        if not c.printed:
            notes.append("不打印")
        columns.append(f"{strip_colon(c.label)}［{'，'.join(notes)}］")
    lines.append(f"    列：{_join(columns)}")
    for kind in part.groups:
        what = [kind.kind]
        if kind.repeat:
            what.append("可有多个")
        if kind.role:
            what.append(GROUP_ROLE_NAMES[kind.role])
        if kind.optional:
            what.append("可以没有")
        categories = f"：{_join(kind.categories)}" if kind.categories else ""
        lines.append(f"    一级指标 {kind.label}［{'，'.join(what)}］{categories}")
    return lines


def _check_lines(form: FormDefinition) -> list[str]:
    checks = form.checks
    lines = []
    if checks.cost_budget:
        lines.append(f"产出成本指标合计应等于 {checks.cost_budget}"
                     f"（{form.label(checks.cost_budget)}）")
    if checks.total_budget:
        lines.append(f"成本不得超过 {checks.total_budget}（{form.label(checks.total_budget)}）")
    if checks.weights_column and checks.weights_total is not None:
        lines.append(f"指标列 {checks.weights_column} 合计应为 {checks.weights_total:f}")
    if checks.likelihood_column:
        measures = [f"指标列 {checks.measures_column}" if checks.measures_column else "",
                    f"栏目 {checks.measures_field}" if checks.measures_field else ""]
        lines.append(f"指标列 {checks.likelihood_column} 选“{checks.impossible}”时须写纠偏措施"
                     f"（{' 或'.join(m for m in measures if m) or '没有写的地方'}）")
    if checks.disabled:
        lines.append(f"不做的检查：{_join(sorted(checks.disabled))}")
    return lines


def _scoring_lines(form: FormDefinition) -> list[str]:
    """How a self-evaluation scores, as the program read it."""
    scoring = form.scoring
    if scoring is None:
        return []
    note = f"，低于 90% 时须填写 {scoring.execution_note}" if scoring.execution_note else ""
    points = _join(f"{GROUP_ROLE_NAMES[role]}（{role}）{p:f}" for role, p in scoring.points)
    return [f"预算执行率 {scoring.execution_points:f} 分：{scoring.spent} ÷ {scoring.budget}{note}",
            f"各类指标的分值：{points or '（没有）'}",
            f"指标列：实际完成值 {scoring.actual_column}，分值 {scoring.points_column}，"
            f"定性完成程度 {scoring.band_column}，偏差原因 {scoring.deviation_column}，"
            f"调整后指标值 {scoring.adjusted_column}"]


def _stage_line(form: FormDefinition) -> list[str]:
    """Where in the year the form is filled and what its drafts go on to; nothing for a
    declaration that names no later stage."""
    if form.stage == "申报" and not form.stages:
        return []
    later = []
    known = set(available_templates())
    for stage, template in form.stages:
        name = load_template(template).name if template in known else \
            "程序中还没有这个模板，请一并安装"
        later.append(f"{STAGE_WORDS[stage]} {template}（{name}）")
    after = f"；转入：{_join(later)}" if later else ""
    return [f"阶段：{STAGE_WORDS[form.stage]}{after}"]


def summary(form: FormDefinition, path: Path) -> list[str]:
    """What the program understood of the template *form* read from *path*."""
    page = form.page
    orientation = "横向" if page.width_mm > page.height_mm else "纵向"
    width = sum(form.columns_mm)
    lines = [f"模板文件“{path.name}”可以使用。",
             f"标识：{form.id}",
             f"名称：{form.name}",
             f"分组：{form.family}{' · ' + form.region if form.region else ''}",
             *_stage_line(form),
             f"标题：{form.title}" + (f"　{form.year_line}" if form.year_line else ""),
             f"页面：A4 {orientation}，表格 {len(form.columns_mm)} 列，宽 {width:g} 毫米"
             f"（版心宽 {page.width_mm - page.left_mm - page.right_mm:g} 毫米）"]
    for line in form.above_table:
        lines.append(f"表上方：{line.text}" + (f"（{_field_line(line.field)}）"
                                               if line.field else ""))
    lines.append("各部分（按打印顺序）：")
    for n, part in enumerate(form.parts, start=1):
        first, *rest = _part_lines(part)
        lines.append(f"  {n}. {first}")
        lines.extend(f"  {line}" for line in rest)
    scoring = _scoring_lines(form)
    if scoring:
        lines.append("评分：")
        lines.extend(f"  {line}" for line in scoring)
    checks = _check_lines(form)
    if checks:
        lines.append("检查：")
        lines.extend(f"  {line}" for line in checks)
    return lines


def problems_beyond_the_file(form: FormDefinition, path: Path) -> TemplateError | None:
    """What makes a well-formed template unusable all the same: a check it turns off
    that does not exist, a later stage's template that is of another stage, an id a
    bundled template already has."""
    from declapp.checks.catalog import unknown_disabled  # the checks: only for this

    unknown = unknown_disabled(form)
    if unknown:
        return TemplateError(f"“{_join(unknown)}”不是检查的代号（代号见帮助的“检查和问题列表”，"
                             "或 declapp check 每行末尾方括号中的文字）。", path.name,
                             "checks.disabled")
    for stage, template in form.stages:
        later = load_template(template) if template in available_templates() else None
        if later is not None and later.stage != stage:
            return TemplateError(f"模板“{template}”是“{later.stage}”阶段的表（{later.name}），"
                                 f"不能用作“{stage}”阶段的模板。", path.name, f"stages.{stage}")
    bundled = bundled_folder() / f"{form.id}.json"
    if form.id in _bundled_ids() and not _same_file(bundled, path):
        return TemplateError(f"标识“{form.id}”与程序自带的模板相同：放进模板文件夹后不会载入，"
                             "请换一个标识。", path.name, "id")
    return None


def _bundled_ids() -> set[str]:
    return {f.id for f in (load_template(i) for i in available_templates()) if f.bundled}


def _same_file(a: Path, b: Path) -> bool:
    try:
        return a.resolve() == b.resolve()
    except OSError:
        return False


def cmd_template_check(args: argparse.Namespace) -> int:
    path = Path(args.file)
    try:
        form = read_template_file(path)
    except TemplateError as exc:
        print(exc.message, file=sys.stderr)
        return EXIT_BAD
    problem = problems_beyond_the_file(form, path)
    if problem is not None:
        print(problem.message, file=sys.stderr)
        return EXIT_BAD
    print("\n".join(summary(form, path)))
    return EXIT_OK


# --- template list ----------------------------------------------------------------------------

def grouped_lines(indent: str = "  ") -> list[str]:
    """The templates the program knows, as 新建 groups them: group (部门整体, 项目支出,
    年中监控, 年末自评), subgroup (region, or a later stage's family), forms."""
    lines = []
    ids = available_templates()
    width = max((len(i) for i in ids), default=0)
    for group, subgroups in template_groups():
        lines.append(f"{indent}{group}")
        for subgroup, forms in subgroups:
            lines.append(f"{indent * 2}{subgroup or '（未注明地区）'}")
            for form in forms:
                marks = []
                if form.id == DEFAULT_TEMPLATE:
                    marks.append("默认")
                if not form.bundled and form.source is not None:
                    marks.append(f"来自 {form.source}")
                mark = f"（{'；'.join(marks)}）" if marks else ""
                lines.append(f"{indent * 3}{form.id:<{width}}  {form.name}{mark}")
    return lines


def grouped_ids() -> str:
    """The ids in one sentence, grouped: for the help of ``new --template``."""
    parts = []
    for group, subgroups in template_groups():
        inner = "；".join(f"{subgroup or '未注明地区'} {_join(f.id for f in forms)}"
                         for subgroup, forms in subgroups)
        parts.append(f"{group}：{inner}")
    return "。".join(parts)


def cmd_template_list(_args: argparse.Namespace) -> int:
    lines = ["程序认识的表格模板（“declapp new --template 标识”使用其中一个）："]
    lines += grouped_lines()
    lines.append("自备模板的文件夹（放入 .json 模板文件，重新打开程序后生效）：")
    lines += [f"  {folder}" + ("" if _is_folder(folder) else "（尚未建立）")
              for folder in user_folders()]
    problems = template_problems()
    if problems:
        lines.append(f"以下 {len(problems)} 个模板文件有问题，没有载入（程序的其他功能照常使用）：")
        lines += [f"  {p.message}" for p in problems]
    print("\n".join(lines))
    return EXIT_OK


def _is_folder(folder: Path) -> bool:
    try:
        return folder.is_dir()
    except OSError:
        return False


def unknown_template_message(template_id: str) -> str:
    """What ``new`` says of an id the program does not know: the templates it does know,
    grouped, and the nearest id."""
    lines = [f"未知的模板“{template_id}”。可用的模板："]
    lines += grouped_lines()
    close = difflib.get_close_matches(template_id.lower(), available_templates(), n=1)
    if close:
        lines.append(f"您是不是要输入“{close[0]}”？")
    return "\n".join(lines)
