"""One layout, three renderers: ``build_layout`` turns a draft and its template into
the grid (``declapp.layout.grid``).

It is the only place that decides what the printed form says and where; the Word, Excel
and PDF writers in ``declapp.export`` only draw the grid it returns. Every part of the
template is laid out by the kind it is (``form.definition``): fields, amounts, a table,
an indicator table of one, two or three levels.
"""

from __future__ import annotations

from decimal import Decimal

from declapp.form import locations as loc
from declapp.form.definition import (
    AmountColumn,
    AmountsPart,
    FieldDef,
    FieldsPart,
    FormDefinition,
    IndicatorColumn,
    IndicatorsPart,
    TablePart,
    fill_label,
)
from declapp.form.model import NUMERIC_OPS, OP_QUALITATIVE, Category, Draft, Item
from declapp.form.money import format_amount, parse_amount
from declapp.form.templates import load_template, unit_name
from declapp.form.text import clean_text, is_blank
from declapp.indicators.scoring import cents, evaluate, execution, item_score
from declapp.indicators.wording import is_printed, item_lines, value_text
from declapp.layout.grid import Cell, FormGrid, PageSetup, Role, property_text


def item_paragraphs(items: list[Item], separator: str) -> tuple[str, ...]:
    """The 具体指标 cell: ``1、`` ``2、`` … when there are several items; each item as
    ``indicator_text.item_lines`` prints it (``content：value``, ``名称：≥95%``)."""
    printed = [i for i in items if is_printed(i)]
    numbered = len(printed) > 1
    paragraphs: list[str] = []
    for n, item in enumerate(printed, start=1):
        lines = item_lines(item, separator)
        if numbered:
            lines[0] = f"{n}、{lines[0].lstrip()}"
        paragraphs.extend(lines)
    return tuple(paragraphs)


def clean_paragraphs(paragraphs: tuple[str, ...] | list[str]) -> tuple[str, ...]:
    """No character XML cannot hold, and a stray line end makes a new paragraph.

    Every cell's text passes here, so no writer ever sees a control character.
    """
    out: list[str] = []
    for paragraph in paragraphs:
        out.extend(clean_text(paragraph).split("\n"))
    return tuple(out)


def text_paragraphs(text: str) -> tuple[str, ...]:
    """A free text as paragraphs; leading and trailing blank lines dropped."""
    text = clean_text(text).strip("\n")
    return () if is_blank(text) else tuple(text.split("\n"))


def table_amount(text: str) -> Decimal | None:
    """A table cell's amount, or None when it holds none (empty, or not a number)."""
    try:
        return parse_amount(text) if text.strip() else None
    except ValueError:
        return None


def share_text(amount: Decimal, total: Decimal) -> str:
    """A share column's cell: ``70.00%`` of its section's total; empty without a total."""
    if total == 0:
        return ""
    return f"{(amount / total * 100).quantize(Decimal('0.01'))}%"


def computed_text(draft: Draft, form: FormDefinition, formula: str) -> str:
    """What a computed field shows (a self-evaluation's 总分, 得分, 自评等级)."""
    result = evaluate(draft, form)
    if result is None:
        return ""
    if formula == "points_total":
        return format_amount(result.points_total) if result.points_total is not None else ""
    if formula == "total_score":
        return format_amount(result.total)
    if formula == "grade":
        return result.grade if result.complete else ""
    if formula == "execution_rate":
        rate = result.execution.rate
        return f"{format_amount(rate)}%" if rate is not None else ""
    score = result.execution.score
    return format_amount(score) if score is not None else ""


def amount_column_text(draft: Draft, form: FormDefinition, part: AmountsPart, row: str,
                       column: AmountColumn, first_total: bool) -> str:
    """A computed amount cell: a share, a rate, or (on the block's first 合计 row) the
    self-evaluation's 执行率 分值 and 得分."""
    if column.computed == "rate":
        num = draft.amount(f"{row}@{column.of[0]}" if column.of[0] else row)
        den = draft.amount(f"{row}@{column.of[1]}" if column.of[1] else row)
        return f"{format_amount(cents(num / den * 100))}%" if den else ""
    scoring = form.scoring
    if not first_total or scoring is None:
        return ""
    if column.computed == "points":
        return format_amount(scoring.execution_points)
    score = execution(draft, scoring).score
    return format_amount(score) if score is not None else ""


def build_layout(draft: Draft, form: FormDefinition | None = None) -> FormGrid:
    """Turn *draft* into the grid of its template (or of *form*)."""
    form = form or load_template(draft.template)
    builder = _Builder(draft, form)
    for part in form.parts:
        if isinstance(part, FieldsPart):
            builder.fields(part)
        elif isinstance(part, AmountsPart):
            builder.amounts(part)
        elif isinstance(part, TablePart):
            builder.table(part)
        else:
            builder.indicators(part)
    unit = unit_name(draft, form)
    shown = "未命名部门" if not unit else unit
    page = form.page
    return FormGrid(
        title=form.format_line(form.title, draft.year, unit),
        year_line=form.format_year_line(draft.year),
        # Cut to what Word takes; the writers also make them one line.
        doc_title=property_text(f"{shown}-{draft.year}-{form.doc_name}", one_line=False),
        doc_subject=property_text(f"{draft.year}年度{form.doc_name}（{form.name}）",
                                  one_line=False),
        doc_author=property_text(" ".join(shown.split()), one_line=False),
        columns_mm=tuple(form.columns_mm),
        n_rows=builder.row,
        cells=builder.cells,
        page=PageSetup(width_mm=page.width_mm, height_mm=page.height_mm, top_mm=page.top_mm,
                       bottom_mm=page.bottom_mm, left_mm=page.left_mm, right_mm=page.right_mm),
        lines_above=tuple((builder.line_text(line.text, line.field), line.align)
                          for line in form.above_table),
        header_rows=tuple(builder.header_rows),
        header_ends=tuple(builder.header_ends),
    )


class _Builder:
    def __init__(self, draft: Draft, form: FormDefinition) -> None:
        self.draft = draft
        self.form = form
        self.cells: list[Cell] = []
        self.row = 0
        self.left_label: int | None = None  # the index of the last part's left label cell
        self.header_rows: list[int] = []  # the indicators' heading: Word repeats it
        self.header_ends: list[int] = []  # the last row of the indicators under each

    def add(self, col: int, role: Role, paragraphs: tuple[str, ...], *, rowspan: int = 1,
            colspan: int = 1, location: str = "", row: int | None = None) -> int:
        self.cells.append(Cell(row=self.row if row is None else row, col=col, role=role,
                               paragraphs=clean_paragraphs(paragraphs), rowspan=rowspan,
                               colspan=colspan, location=location))
        return len(self.cells) - 1

    def left(self, text: str, span: int, rows: int, location: str) -> None:
        """The label on the left of a part, merged down over its *rows*."""
        self.left_label = self.add(0, "label", (text,) if text else (), colspan=span,
                                   rowspan=rows, location=location) if span else None

    def value_text(self, f: FieldDef) -> tuple[str, ...]:
        if f.is_computed:
            text = computed_text(self.draft, self.form, f.formula)
            return (text,) if text else ()
        if f.is_amount:
            return (format_amount(self.draft.amount(f.id)),)
        return text_paragraphs(self.draft.text(f.id))

    def line_text(self, pattern: str, f: FieldDef | None) -> str:
        text = self.form.format_line(pattern, self.draft.year, unit_name(self.draft, self.form))
        if f is not None:
            text = text.replace("{value}", " ".join(self.value_text(f)))
        return fill_label(text, self.draft, self.form)

    # --- fields ----------------------------------------------------------------------------
    def fields(self, part: FieldsPart) -> None:
        printed = [f for f in part.fields if f.printed]
        if not printed:
            return
        if part.labels_above:
            self.left(part.label, part.label_span, 2, part.id)
            col = part.label_span
            for f in printed:
                self.add(col, "label", (self.form.printed_label(f),), colspan=f.span,
                         location=f.id)
                self.add(col, "amount" if f.is_amount else "text", self.value_text(f),
                         colspan=f.span, location=f.id, row=self.row + 1)
                col += f.span
            self.row += 2
            return
        col = 0
        for n, f in enumerate(printed):
            if f.label_span:
                index = self.add(col, "label", (self.form.printed_label(f),),
                                 colspan=f.label_span, location=f.id)
                if n == 0 and col == 0:
                    self.left_label = index
            self.add(col + f.label_span, "amount" if f.is_amount else "text",
                     self.value_text(f), colspan=f.span, location=f.id)
            col += f.label_span + f.span
        self.row += 1

    # --- amounts ---------------------------------------------------------------------------
    def header(self, col: int, labels: list[tuple[str, str, int]],
               group: tuple[str, tuple[str, ...]] | None, location: str) -> int:
        """Column headings from *col*: (key, label, span) each; a group heading over the
        columns it names makes two rows. The rows it took."""
        rows = 2 if group else 1
        draft, form = self.draft, self.form
        for key, label, span in labels:
            if group and key in group[1]:
                if key == group[1][0]:
                    width = sum(s for k, _l, s in labels if k in group[1])
                    self.add(col, "label", (fill_label(group[0], draft, form),),
                             colspan=width, location=location)
                self.add(col, "label", (fill_label(label, draft, form),), colspan=span,
                         location=location, row=self.row + 1)
            else:
                self.add(col, "label", (fill_label(label, draft, form),), colspan=span,
                         rowspan=rows, location=location)
            col += span
        return rows

    def amounts(self, part: AmountsPart) -> None:
        header_rows = (2 if part.column_group else 1) if part.has_header else 0
        total_rows = sum(header_rows + len(s.rows) for s in part.sections)
        self.left(part.label, part.label_span, total_rows, part.id)
        first_value = part.label_span + part.row_label_span
        first_total = next((r.id for r in part.rows if r.total), "")
        for section in part.sections:
            if header_rows:
                self.add(part.label_span, "label",
                         (section.heading,) if section.heading else (),
                         colspan=part.row_label_span, rowspan=header_rows, location=part.id)
                self.header(first_value, [(c.key, c.label, c.span) for c in part.columns],
                            part.column_group, part.id)
                self.row += header_rows
            total = section.total
            for row in section.rows:
                self.add(part.label_span, "label", (row.label,), colspan=part.row_label_span,
                         location=row.id)
                col = first_value
                for column in part.columns:
                    if column.computed:
                        if column.computed == "share":
                            base = self.draft.amount(total.id) if total else Decimal(0)
                            text = share_text(self.draft.amount(row.id), base)
                        else:
                            text = amount_column_text(self.draft, self.form, part, row.id,
                                                      column, row.id == first_total)
                        self.add(col, "amount", (text,) if text else (), colspan=column.span,
                                 location=row.id)
                    else:
                        key = f"{row.id}@{column.key}" if column.key else row.id
                        self.add(col, "amount",
                                 (f"{format_amount(self.draft.amount(key))}{part.suffix}",),
                                 colspan=column.span, location=key)
                    col += column.span
                self.row += 1

    # --- tables ----------------------------------------------------------------------------
    def table(self, part: TablePart) -> None:
        rows = self.draft.tables.get(part.id, [])
        header_rows = 2 if part.column_group else 1
        body = max(len(rows), part.min_rows)
        self.left(part.label, part.label_span, header_rows + body, part.id)
        self.header(part.label_span, [(c.key, c.label, c.span) for c in part.columns],
                    part.column_group, part.id)
        self.row += header_rows
        sums = {c.key: Decimal(0) for c in part.columns if c.is_amount}
        for r in range(body):
            cells = rows[r] if r < len(rows) else None
            col = part.label_span
            for column in part.columns:
                text = cells.get(column.key, "") if cells is not None else ""
                where = loc.cell(part.id, r, column.key) if cells is not None else part.id
                if column.is_amount:
                    amount = table_amount(text)
                    if amount is not None:
                        sums[column.key] += amount
                    shown = (format_amount(amount),) if amount is not None else \
                        text_paragraphs(text)
                    self.add(col, "amount", shown, colspan=column.span, location=where)
                else:
                    self.add(col, "text", text_paragraphs(text), colspan=column.span,
                             location=where)
                col += column.span
            self.row += 1
        if part.totals_label:
            self.add(0, "label", (part.totals_label,), colspan=part.label_span,
                     location=part.id)
            col = part.label_span
            for column in part.columns:
                shown = (format_amount(sums[column.key]),) if column.is_amount else ()
                self.add(col, "amount" if column.is_amount else "text", shown,
                         colspan=column.span, location=part.id)
                col += column.span
            self.row += 1

    # --- indicators ------------------------------------------------------------------------
    def indicators(self, part: IndicatorsPart) -> None:
        groups = self.draft.trees.get(part.id, [])
        if part.optional and not any(c.items for g in groups for c in g.categories):
            return
        body = self.body_rows(part)
        first = 0
        if part.label_position == "above":
            self.add(0, "label", (part.label,) if part.label else (),
                     colspan=len(self.form.columns_mm), location=part.id)
            self.row += 1
        elif part.label_position == "joined" and self.left_label is not None:
            label = self.cells[self.left_label]
            self.cells[self.left_label] = Cell(
                row=label.row, col=label.col, role=label.role, paragraphs=label.paragraphs,
                rowspan=label.rowspan + 1 + body, colspan=label.colspan,
                location=label.location)
            first = label.colspan
        else:
            self.left(part.label, part.label_span, 1 + body, part.id)
            first = part.label_span
        col = first
        for column in part.printed_columns:
            self.add(col, "label", (fill_label(column.label, self.draft, self.form),),
                     colspan=column.span, location=part.id)
            col += column.span
        self.header_rows.append(self.row)
        self.row += 1
        if part.levels == 2:
            self.two_levels(part, first)
        else:
            self.item_rows(part, first)
        self.header_ends.append(self.row - 1)

    def body_rows(self, part: IndicatorsPart) -> int:
        groups = self.draft.trees.get(part.id, [])
        if part.levels == 2:
            return sum(max(1, len(g.categories)) for g in groups)
        rows = sum(max(1, len(c.items)) for g in groups for c in g.categories or [Category()])
        return max(rows, 1)

    def two_levels(self, part: IndicatorsPart, first: int) -> None:
        """A row per 二级指标, its items numbered in one cell (西城区)."""
        groups = self.draft.trees.get(part.id, [])
        labels = part.group_labels(groups)
        spans = [c.span for c in part.printed_columns]
        cols = [first + sum(spans[:n]) for n in range(len(spans))]
        for gi in part.printing_order(groups):
            group = groups[gi]
            g_loc = loc.group(gi, tree=part.id)
            categories = group.categories or [Category()]
            self.add(cols[0], "label", (labels[gi],), rowspan=len(categories),
                     colspan=spans[0], location=g_loc)
            for ci, category in enumerate(categories):
                c_loc = loc.category(gi, ci, tree=part.id) if group.categories else g_loc
                self.add(cols[1], "label", text_paragraphs(category.name), colspan=spans[1],
                         location=c_loc)
                self.add(cols[2], "text", item_paragraphs(category.items, part.item_separator),
                         colspan=spans[2], location=c_loc)
                self.row += 1

    def item_rows(self, part: IndicatorsPart, first: int) -> None:
        """A row per 三级指标: 一级 and 二级 merged down over theirs (湖南), or a flat list
        (重庆)."""
        groups = self.draft.trees.get(part.id, [])
        labels = part.group_labels(groups)
        level_cols = 2 if part.levels == 3 else 0
        item_columns = part.printed_columns[level_cols:]
        start = first + sum(c.span for c in part.columns[:level_cols])
        order = part.printing_order(groups)
        if not any(True for gi in order for _c in (groups[gi].categories or [Category()])):
            self.item_row(part, item_columns, start, None, "")
            return
        for gi in order:
            group = groups[gi]
            categories = group.categories or [Category()]
            if level_cols:
                self.add(first, "label", (labels[gi],), colspan=part.columns[0].span,
                         rowspan=sum(max(1, len(c.items)) for c in categories),
                         location=loc.group(gi, tree=part.id))
            for ci, category in enumerate(categories):
                c_loc = loc.category(gi, ci, tree=part.id) if group.categories else \
                    loc.group(gi, tree=part.id)
                if level_cols:
                    self.add(first + part.columns[0].span, "label",
                             text_paragraphs(category.name), colspan=part.columns[1].span,
                             rowspan=max(1, len(category.items)), location=c_loc)
                if not category.items:
                    self.item_row(part, item_columns, start, None, c_loc)
                for ii, item in enumerate(category.items):
                    self.item_row(part, item_columns, start, item,
                                  loc.item(gi, ci, ii, tree=part.id))

    def item_row(self, part: IndicatorsPart, columns: tuple[IndicatorColumn, ...], col: int,
                 item: Item | None, where: str) -> None:
        has_value = part.column("value") is not None
        for column in columns:
            text: tuple[str, ...] = ()
            at = where
            if item is not None:
                attr = _column_attr(item, column.key)
                at = f"{where}.{attr}"
                text = self.item_cell(item, part, column, has_value)
            self.add(col, "text", text, colspan=column.span, location=at if item else where)
            col += column.span
        self.row += 1


    def item_cell(self, item: Item, part: IndicatorsPart, column: IndicatorColumn,
                  has_value: bool) -> tuple[str, ...]:
        scoring = self.form.scoring
        if column.is_computed:
            if scoring is None:
                return ()
            score = item_score(item, scoring).score
            return (format_amount(score),) if score is not None else ()
        text = _item_cell(item, column, has_value, part.item_separator)
        adjusted_key = scoring.adjusted_column if scoring else ""
        adjusted = part.column(adjusted_key) if adjusted_key else None
        later = item.extra.get(adjusted_key, "").strip() if adjusted_key else ""
        if column.key == "value" and later and adjusted is not None and not adjusted.printed:
            unit = item.unit.strip() if column.with_unit and item.is_structured else ""
            return (*text, f"（调整后：{later}{unit}）")
        return text


def _column_attr(item: Item, key: str) -> str:
    if key == "name":
        return "name" if item.is_structured else "content"
    if key in ("value_type", "op"):
        return "op"
    return key


def _item_cell(item: Item, column: IndicatorColumn, has_value: bool, separator: str
               ) -> tuple[str, ...]:
    key = column.key
    if key == "name":
        if item.is_structured:
            return text_paragraphs(item.name)
        if has_value:
            return text_paragraphs(item.content)
        return tuple(item_lines(item, separator))
    if key == "value":
        if not item.is_structured:
            return text_paragraphs(item.value)
        sign = item.op if column.with_sign and item.op in NUMERIC_OPS else ""
        if column.with_sign and column.with_unit:
            return text_paragraphs(value_text(item))
        unit = item.unit if column.with_unit else ""
        return text_paragraphs(f"{sign}{item.value.strip()}{unit.strip()}")
    if key == "op":
        return () if column.qualitative_blank and item.op == OP_QUALITATIVE else \
            text_paragraphs(item.op)
    if key == "value_type":
        return ("定性",) if item.op == OP_QUALITATIVE else \
            ("定量",) if item.op in NUMERIC_OPS else ()
    return text_paragraphs(item.get(key))
