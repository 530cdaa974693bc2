"""The form definition: everything a template file says about one form.

A template (``resources/templates/*.json``, or a clerk's own file) describes a form
completely: its title and year line, page and column widths, and its parts in print
order. Each part is of one of four kinds the program knows, a small closed set as in
XLSForm and JSON Forms:

- ``fields`` — one row of labelled fields (text, long text, person, phone, date, a
  choice, an amount), one or several on the row; or, with ``labels_above``, a row of
  headings over a row of values under a common label;
- ``amounts`` — a block of amount rows, in one or more sections, with a 合计 that sums
  its section, optional columns for earlier years and computed share columns, and totals
  of different sections that must agree;
- ``table`` — rows the clerk adds, with typed columns, per-row sums and a totals row;
- ``indicators`` — the indicator tree (一级 › 二级 › 三级), printed with one, two or three
  levels and any of the indicator columns.

Model, file format, editing, checks, layout, import and the window's editors read the
definition; none of them names a template's fields in code. Values are kept in the draft
by the ids the definition gives (``department.name``, ``funds.total``, ``tasks``).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Literal

from declapp.form.indicator_part import COLUMN_FORMULAS as COLUMN_FORMULAS
from declapp.form.indicator_part import EXTRA_COLUMN_TYPES as EXTRA_COLUMN_TYPES
from declapp.form.indicator_part import INDICATOR_COLUMNS as INDICATOR_COLUMNS
from declapp.form.indicator_part import TREE_SUFFIX as TREE_SUFFIX
from declapp.form.indicator_part import GroupKind as GroupKind
from declapp.form.indicator_part import IndicatorColumn as IndicatorColumn
from declapp.form.indicator_part import IndicatorsPart as IndicatorsPart
from declapp.form.indicator_part import LabelPosition as LabelPosition
from declapp.form.indicator_part import chinese_number as chinese_number
from declapp.form.model import MAIN_TREE as MAIN_TREE
from declapp.form.model import Draft, budget_year

FieldType = Literal["text", "longtext", "person", "phone", "date", "choice", "amount",
                    "computed"]
FIELD_TYPES: tuple[FieldType, ...] = ("text", "longtext", "person", "phone", "date", "choice",
                                      "amount", "computed")
# What a computed field shows (a self-evaluation's totals): a small closed set.
FIELD_FORMULAS = ("points_total", "total_score", "grade", "execution_rate",
                  "execution_score")
STAGES = ("申报", "监控", "自评")
Required = Literal["", "error", "warning"]
# What the program does with a field of a role, whatever the template calls it.
ROLES = ("unit_name", "notes", "months")
REQUIRED_ROLES = ("unit_name", "notes")


def strip_colon(label: str) -> str:
    """A label as a sentence names it: ``资金总额：`` → ``资金总额``."""
    return label.strip().rstrip("：:").strip()


# --- parts ---------------------------------------------------------------------------------

@dataclass(frozen=True)
class FieldDef:
    """One value of the form: its id in the draft, its label and its type.

    ``required`` is ``error`` (the form is not complete without it), ``warning`` (the
    form has no empty rows: the clerk writes 无) or empty. ``span`` and ``label_span``
    are the columns its value and its label take; ``printed`` is false for a field the
    window keeps but the official form has no row for.
    """

    id: str
    label: str
    type: FieldType = "text"
    required: Required = ""
    role: str = ""
    options: tuple[str, ...] = ()
    span: int = 1
    label_span: int = 1
    printed: bool = True
    hint: str = ""
    total: bool = False  # an amount that sums the other rows of its section
    aliases: tuple[str, ...] = ()  # other spellings of the label, for import
    formula: str = ""  # a computed field: one of FIELD_FORMULAS

    @property
    def is_amount(self) -> bool:
        return self.type == "amount"

    @property
    def is_computed(self) -> bool:
        return self.type == "computed"

    @property
    def name(self) -> str:
        """The label as a sentence names the field (no colon, no ``*``)."""
        return strip_colon(self.label).lstrip("*").strip()


@dataclass(frozen=True)
class FieldsPart:
    fields: tuple[FieldDef, ...]
    label: str = ""  # the common label on the left of a labels-above row
    label_span: int = 1
    labels_above: bool = False
    tab: str = ""
    kind: Literal["fields"] = "fields"

    @property
    def id(self) -> str:
        return self.fields[0].id


@dataclass(frozen=True)
class AmountColumn:
    """A value column of an amounts block. The column with an empty key holds the
    amounts themselves (``funds.total``); another stored column keeps its amounts under
    ``<row id>@<key>`` (earlier years); ``share`` is computed: the row's part of its
    section's 合计, in per cent."""

    key: str = ""
    label: str = ""
    span: int = 1
    # share: the row's part of its section's 合计; rate: one column ÷ another (``of``);
    # points and score: a self-evaluation's 执行率 分值 and 得分, on the 合计 row only.
    computed: Literal["", "share", "rate", "points", "score"] = ""
    of: tuple[str, str] = ("", "")

    @property
    def stored(self) -> bool:
        return not self.computed


@dataclass(frozen=True)
class AmountSection:
    heading: str
    rows: tuple[FieldDef, ...]

    @property
    def total(self) -> FieldDef | None:
        return next((r for r in self.rows if r.total), None)

    @property
    def parts(self) -> tuple[FieldDef, ...]:
        return tuple(r for r in self.rows if not r.total)


@dataclass(frozen=True)
class AmountsPart:
    id: str
    label: str
    sections: tuple[AmountSection, ...]
    columns: tuple[AmountColumn, ...] = (AmountColumn(),)
    column_group: tuple[str, tuple[str, ...]] | None = None  # (label, keys under it)
    label_span: int = 1
    row_label_span: int = 1
    suffix: str = ""  # printed after each amount (西城区: 41421.22万元)
    agree: tuple[tuple[str, str], ...] = ()  # totals that must be equal
    tab: str = ""
    kind: Literal["amounts"] = "amounts"

    @property
    def rows(self) -> tuple[FieldDef, ...]:
        return tuple(r for s in self.sections for r in s.rows)

    @property
    def has_header(self) -> bool:
        return any(s.heading for s in self.sections) or len(self.columns) > 1

    def stored_ids(self) -> tuple[str, ...]:
        """Every amount the block keeps: each row, and each row in each stored column."""
        return tuple(amount_id(r.id, c.key) for r in self.rows for c in self.columns
                     if c.stored)


def amount_id(row: str, column: str) -> str:
    """Where an amounts block keeps the value of *row* in *column*."""
    return f"{row}@{column}" if column else row


@dataclass(frozen=True)
class TableColumn:
    key: str
    label: str
    type: Literal["text", "longtext", "amount"] = "text"
    span: int = 1
    sum_of: tuple[str, ...] = ()  # this amount is the sum of these columns, per row
    required: bool = False

    @property
    def is_amount(self) -> bool:
        return self.type == "amount"


@dataclass(frozen=True)
class TablePart:
    id: str
    label: str
    columns: tuple[TableColumn, ...]
    column_group: tuple[str, tuple[str, ...]] | None = None
    totals_label: str = ""  # a totals row of every amount column, when given
    label_span: int = 1
    min_rows: int = 1  # rows printed (empty) when the clerk has fewer
    tab: str = ""
    row_name: str = "行"  # what one row is called in messages (任务)
    kind: Literal["table"] = "table"

    def column(self, key: str) -> TableColumn | None:
        return next((c for c in self.columns if c.key == key), None)


Part = FieldsPart | AmountsPart | TablePart | IndicatorsPart


@dataclass(frozen=True)
class AboveLine:
    """A line between the title and the table (单位：万元; 填报日期：…)."""

    text: str
    align: Literal["left", "center", "right"] = "left"
    field: FieldDef | None = None


@dataclass(frozen=True)
class Page:
    width_mm: float = 210.0
    height_mm: float = 297.0
    top_mm: float = 25.4
    bottom_mm: float = 25.4
    left_mm: float = 31.8
    right_mm: float = 31.8


@dataclass(frozen=True)
class CheckSettings:
    """Which checks apply, with what the template gives them.

    ``cost_budget``: the amount 产出成本指标 add up to (西城区: 项目支出); ``total_budget``:
    the amount no cost may exceed; ``weights_total``: what the indicator column
    ``weights_column`` (权重) adds up to (重庆: 100); ``disabled``: ids of checks that do
    not apply to this form.
    """

    cost_budget: str = ""
    total_budget: str = ""
    weights_column: str = ""
    weights_total: Decimal | None = None
    disabled: frozenset[str] = frozenset()
    # A monitoring form: an indicator whose ``likelihood_column`` says ``impossible``
    # needs 纠偏措施, in ``measures_column`` or the form's ``measures_field``.
    likelihood_column: str = ""
    impossible: str = "完全不可能"
    measures_column: str = ""
    measures_field: str = ""


@dataclass(frozen=True)
class ScoringSettings:
    """How a self-evaluation scores (财预〔2020〕10号): ``execution_points`` for the
    budget's 执行率 (``spent`` ÷ ``budget``, two amount ids), ``points`` by group role for
    the indicators (产出 50 / 效益 30 / 满意度 10), and the indicator columns that hold the
    actual value, the 分值, the 定性 band, the 偏差原因 and the adjusted target."""

    execution_points: Decimal = Decimal(10)
    budget: str = ""
    spent: str = ""
    points: tuple[tuple[str, Decimal], ...] = ()
    actual_column: str = "actual"
    points_column: str = "points"
    band_column: str = "band"
    deviation_column: str = "deviation"
    adjusted_column: str = "adjusted"
    execution_note: str = ""  # the field that explains an 执行率 below 90 %

    @property
    def indicator_points(self) -> Decimal:
        return sum((p for _role, p in self.points), Decimal(0))


@dataclass(frozen=True)
class FormDefinition:
    id: str
    name: str
    title: str
    columns_mm: tuple[float, ...]
    parts: tuple[Part, ...]
    family: str = "部门整体"  # how 新建 groups the forms: 部门整体 (by region), 项目支出
    region: str = ""
    year_line: str = ""
    above_table: tuple[AboveLine, ...] = ()
    page: Page = field(default_factory=Page)
    checks: CheckSettings = field(default_factory=CheckSettings)
    required_mark: str = ""  # printed before the label of a required field (湖南: *)
    description: str = ""
    document_name: str = ""  # the form's name in file properties, when the title varies
    export_name: str = "绩效目标申报表"  # the end of an export's file name
    stage: str = "申报"  # 申报, 监控 or 自评: where in the year the form is filled
    stages: tuple[tuple[str, str], ...] = ()  # the next stages' templates: (stage, id)
    scoring: ScoringSettings | None = None

    def stage_template(self, stage: str) -> str:
        """The id of the template a draft of this form goes on to at *stage*; "" if none."""
        return dict(self.stages).get(stage, "")
    source: Path | None = None  # the file it was read from; None for a built one
    bundled: bool = True

    # --- what the form has ----------------------------------------------------------
    def field_parts(self) -> list[FieldsPart]:
        return [p for p in self.parts if isinstance(p, FieldsPart)]

    def amount_parts(self) -> list[AmountsPart]:
        return [p for p in self.parts if isinstance(p, AmountsPart)]

    def tables(self) -> list[TablePart]:
        return [p for p in self.parts if isinstance(p, TablePart)]

    def trees(self) -> list[IndicatorsPart]:
        return [p for p in self.parts if isinstance(p, IndicatorsPart)]

    def find_tree(self, tree_id: str) -> IndicatorsPart | None:
        """The indicator part *tree_id*, or None where the form has no such tree."""
        return next((t for t in self.trees() if t.id == tree_id), None)

    def find_table(self, table_id: str) -> TablePart | None:
        return next((t for t in self.tables() if t.id == table_id), None)

    def tree(self, tree_id: str = MAIN_TREE) -> IndicatorsPart:
        found = self.find_tree(tree_id)
        if found is None:
            raise KeyError(tree_id)
        return found

    def table(self, table_id: str) -> TablePart:
        found = self.find_table(table_id)
        if found is None:
            raise KeyError(table_id)
        return found

    def fields(self) -> list[FieldDef]:
        """Every value field in print order: fields, amount rows, lines above the table."""
        found = [line.field for line in self.above_table if line.field is not None]
        for part in self.parts:
            if isinstance(part, FieldsPart):
                found.extend(part.fields)
            elif isinstance(part, AmountsPart):
                found.extend(part.rows)
        return found

    def field(self, field_id: str) -> FieldDef | None:
        return next((f for f in self.fields() if f.id == field_id), None)

    def text_fields(self) -> list[FieldDef]:
        """Fields the clerk types text into (not amounts, not computed)."""
        return [f for f in self.fields() if not f.is_amount and not f.is_computed]

    def amount_ids(self) -> list[str]:
        """Every amount the form keeps (amount fields, and each amounts block's cells)."""
        found = [f.id for line in self.above_table if (f := line.field) and f.is_amount]
        for part in self.parts:
            if isinstance(part, FieldsPart):
                found += [f.id for f in part.fields if f.is_amount]
            elif isinstance(part, AmountsPart):
                found += part.stored_ids()
        return found

    def with_role(self, role: str) -> FieldDef | None:
        return next((f for f in self.fields() if f.role == role), None)

    def label(self, location: str) -> str:
        """What the form calls the value at *location* (a field, a table, a tree)."""
        row, _, column = location.partition("@")
        found = self.field(row)
        if found is not None:
            if column:
                for block in self.amount_parts():
                    col = next((c for c in block.columns if c.key == column), None)
                    if col is not None and any(r.id == row for r in block.rows):
                        return f"{found.name}（{strip_colon(col.label)}）"
            return found.name
        for part in self.parts:
            if isinstance(part, AmountsPart | TablePart | IndicatorsPart) and part.id == location:
                return strip_colon(part.label)
        return ""

    def printed_label(self, f: FieldDef) -> str:
        return f"{self.required_mark}{f.label}" if f.required == "error" and \
            self.required_mark and not f.label.startswith(self.required_mark) else f.label

    # --- labels and lines ----------------------------------------------------------------
    def format_line(self, pattern: str, year: int, unit: str = "") -> str:
        return pattern.replace("{year}", str(year)).replace("{unit}", unit)

    def format_year_line(self, year: int) -> str:
        return self.format_line(self.year_line, year)

    @property
    def doc_name(self) -> str:
        """What the form is called in document properties: 部门整体支出绩效目标申报表."""
        return self.document_name or self.title.replace("{unit}", "").replace("{year}", "")


    # --- new drafts -------------------------------------------------------------------------
    def new_draft(self, year: int | None = None) -> Draft:
        """A blank draft of this form: every field empty, every tree with its fixed groups
        (and one of each repeating kind), every table with no rows."""
        draft = Draft(template=self.id, year=budget_year() if year is None else year)
        self.complete(draft)
        return draft

    def complete(self, draft: Draft) -> None:
        """Give *draft* every value this form has that it lacks (empty), so that code may
        read any field of the form without asking first."""
        for f in self.fields():
            if not f.is_amount and not f.is_computed:
                draft.texts.setdefault(f.id, "")
        for amount in self.amount_ids():
            draft.amounts.setdefault(amount, Decimal(0))
        for table in self.tables():
            draft.tables.setdefault(table.id, [])
        for tree in self.trees():
            if tree.id not in draft.trees:
                draft.trees[tree.id] = tree.new_tree()


def fill_label(pattern: str, draft: Draft, form: FormDefinition) -> str:
    """A heading with the draft's year and period: ``{year-1}年`` → ``2020年``,
    ``1–{months}月执行数`` → ``1–6月执行数`` (the field whose role is ``months``)."""
    months = form.with_role("months")
    value = draft.text(months.id).strip() if months is not None else ""
    return year_label(pattern, draft.year).replace("{months}", value or "N")


def year_label(pattern: str, year: int) -> str:
    """A column heading with its year: ``{year-1}年`` → ``2020年`` for 2021."""
    for offset in range(5, 0, -1):
        pattern = pattern.replace(f"{{year-{offset}}}", str(year - offset))
        pattern = pattern.replace(f"{{year+{offset}}}", str(year + offset))
    return pattern.replace("{year}", str(year))
